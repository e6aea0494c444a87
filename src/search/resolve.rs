//! Names to ids, for `--need`/`--region` and the TUI pickers.

use super::ResolveError;
use super::fold::fold;
use super::matching::{fuzzy_score, matcher};
use crate::catalogue::{Catalogue, NeedIdx, RegionIdx, too_long_to_suggest};

/// How many candidates an error lists.
const CANDIDATES: usize = 5;

/// Resolves `--region` input: exact id; exact folded name or alias if unique; a unique fuzzy
/// match; otherwise an error listing the closest candidates.
pub fn resolve_region(catalogue: &Catalogue, input: &str) -> Result<RegionIdx, ResolveError> {
    let records: Vec<(&str, Vec<&str>)> = catalogue
        .regions
        .iter()
        .map(|r| (r.id.as_str(), spellings(&r.name, &r.aliases)))
        .collect();
    resolve(&records, input)
}

/// Resolves `--need` input, in the same order as [`resolve_region`].
pub fn resolve_need(catalogue: &Catalogue, input: &str) -> Result<NeedIdx, ResolveError> {
    let records: Vec<(&str, Vec<&str>)> = catalogue
        .needs
        .iter()
        .map(|n| (n.id.as_str(), spellings(&n.name, &n.synonyms)))
        .collect();
    resolve(&records, input)
}

fn spellings<'a>(name: &'a str, others: &'a [String]) -> Vec<&'a str> {
    std::iter::once(name)
        .chain(others.iter().map(String::as_str))
        .collect()
}

/// The resolution order over `(id, spellings)` records.
fn resolve(records: &[(&str, Vec<&str>)], input: &str) -> Result<usize, ResolveError> {
    let input = input.trim();
    if let Some(i) = records.iter().position(|(id, _)| *id == input) {
        return Ok(i);
    }
    let folded = fold(input);
    let exact: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, (_, texts))| texts.iter().any(|t| fold(t) == folded))
        .map(|(i, _)| i)
        .collect();
    let ids = |indices: &[usize]| -> Vec<String> {
        indices
            .iter()
            .take(CANDIDATES)
            .map(|&i| records[i].0.to_string())
            .collect()
    };
    match exact.as_slice() {
        [one] => return Ok(*one),
        [] => {}
        many => {
            return Err(ResolveError::Ambiguous {
                input: input.to_string(),
                candidates: ids(many),
            });
        }
    }
    let fuzzy = rank_names(
        input,
        records.iter().enumerate().map(|(i, (id, texts))| {
            (
                i,
                std::iter::once(*id).chain(texts.iter().copied()).collect(),
            )
        }),
    );
    match fuzzy.as_slice() {
        [one] => Ok(*one),
        [] => Err(ResolveError::NotFound {
            input: input.to_string(),
            candidates: ids(&closest(records, input)),
        }),
        many => Err(ResolveError::Ambiguous {
            input: input.to_string(),
            candidates: ids(many),
        }),
    }
}

/// Records by edit similarity of their closest spelling, for "did you mean"; none for a
/// name nobody could have mistyped (the distances cost the product of the two lengths for
/// every candidate).
fn closest(records: &[(&str, Vec<&str>)], input: &str) -> Vec<usize> {
    if too_long_to_suggest(input) {
        return Vec::new();
    }
    let folded = fold(input);
    let mut scored: Vec<(f64, usize)> = records
        .iter()
        .enumerate()
        .map(|(i, (id, texts))| {
            let best = std::iter::once(*id)
                .chain(texts.iter().copied())
                .map(|t| strsim::jaro_winkler(&fold(t), &folded))
                .fold(0.0, f64::max);
            (best, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// Fuzzy-ranks named items for pickers: each candidate is an index and the texts it may be
/// found by (name, aliases, synonyms, in any script). Returns matching indices, best first
/// (ties keep the given order); an empty query returns all in their given order, and one
/// too long to be a name none (see [`too_long_to_suggest`]).
pub fn rank_names<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = (usize, Vec<&'a str>)>,
) -> Vec<usize> {
    let query = query.trim();
    if too_long_to_suggest(query) {
        return Vec::new();
    }
    let needle = fold(query);
    if needle.is_empty() {
        return candidates.into_iter().map(|(i, _)| i).collect();
    }
    let matcher = matcher();
    let mut scored: Vec<(i64, usize, usize)> = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(order, (i, texts))| {
            texts
                .iter()
                .filter_map(|t| fuzzy_score(&matcher, &fold(t), &needle))
                .max()
                .map(|score| (score, order, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, i)| i).collect()
}
