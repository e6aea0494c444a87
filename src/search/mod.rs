//! Search: text folding (case, diacritics, Cyrillic→Latin), region coverage, fuzzy scoring
//! and one total order. One entry point: [`search`].
//!
//! STUB CONTRACT: the public items below are the API other modules (cli, tui, referral)
//! code against. Their signatures are a contract; the bodies are a placeholder to be
//! replaced by the real engine.

use crate::catalogue::{Catalogue, NeedIdx, RegionIdx, RegionLevel, ServiceIdx};
use std::ops::Range;
use std::sync::Arc;

/// Which text of a service a match was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Organisation,
    /// The `item`-th need of the service (`Service::needs[item]`): its name or a synonym.
    Need,
    /// The `item`-th region of the service area: its name or an alias.
    Region,
    Description,
    Eligibility,
    HowToRefer,
    Populations,
    Languages,
    Contact,
    Translation,
}

/// Where in the original (unfolded) text a query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    pub field: Field,
    /// For list-valued fields, which element (e.g. the index into `Service::needs`); 0 otherwise.
    pub item: usize,
    /// Byte ranges into the original string, on char boundaries, sorted, not overlapping.
    pub ranges: Vec<Range<usize>>,
}

/// Whether a service is open at the query's `open_at` moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    Open,
    Closed,
    /// No structured opening hours: kept, after the open ones, marked "hours unknown".
    Unknown,
}

/// What the operator asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// Free text with fzf operators: terms separated by spaces all must match;
    /// `'exact`, `^prefix`, `suffix$`, `!negation`.
    pub text: String,
    /// Any of these needs (or their sub-needs).
    pub needs: Vec<NeedIdx>,
    pub region: Option<RegionIdx>,
    /// A language code the service is offered in.
    pub language: Option<String>,
    /// A target population, matched folded.
    pub population: Option<String>,
    /// Keep only services open at this moment (and those with unknown hours, after them).
    pub open_at: Option<jiff::Timestamp>,
    pub include_inactive: bool,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub service: ServiceIdx,
    pub score: i64,
    pub matches: Vec<FieldMatch>,
    /// The level of the service's region that made it match (without a region filter, the
    /// widest level of its service area). `Country` reads "national".
    pub coverage: RegionLevel,
    /// Why it matched, in words, with the catalogue's names.
    pub why: String,
    /// Set when the query had `open_at`.
    pub open: Option<OpenState>,
}

/// Everything search needs, built once from a catalogue.
pub struct Index {
    catalogue: Arc<Catalogue>,
}

impl Index {
    /// Builds the index (folds and tokenises every service once).
    pub fn build(catalogue: Arc<Catalogue>) -> Index {
        Index { catalogue }
    }

    pub fn catalogue(&self) -> &Arc<Catalogue> {
        &self.catalogue
    }
}

/// Runs a query; hits come in the one total order (see README "Ranking").
pub fn search(index: &Index, query: &Query) -> Vec<Hit> {
    let catalogue = &index.catalogue;
    let needle = fold(&query.text);
    catalogue
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| needle.is_empty() || fold(&s.name).contains(&needle))
        .filter(|(_, s)| {
            query.needs.is_empty()
                || s.needs
                    .iter()
                    .any(|&n| query.needs.iter().any(|&q| catalogue.need_within(n, q)))
        })
        .map(|(i, _)| Hit {
            service: i,
            score: 0,
            matches: Vec::new(),
            coverage: RegionLevel::Country,
            why: String::new(),
            open: None,
        })
        .collect()
}

/// Folds text for matching: lower case, no diacritics, Cyrillic transliterated to Latin
/// (ё→е first; ь, ъ and apostrophes dropped), so `Гомель`, `гомель` and `Gomel` meet.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// Why a name could not be resolved to one need or region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// Nothing close; the closest candidates (ids) are listed.
    NotFound {
        input: String,
        candidates: Vec<String>,
    },
    /// Several match equally well.
    Ambiguous {
        input: String,
        candidates: Vec<String>,
    },
}

/// Resolves `--region` input: exact id; exact folded name or alias if unique; a unique fuzzy
/// match; otherwise an error listing the closest candidates.
pub fn resolve_region(catalogue: &Catalogue, input: &str) -> Result<RegionIdx, ResolveError> {
    catalogue.region_by_id(input).ok_or(ResolveError::NotFound {
        input: input.to_string(),
        candidates: Vec::new(),
    })
}

/// Resolves `--need` input, in the same order as [`resolve_region`].
pub fn resolve_need(catalogue: &Catalogue, input: &str) -> Result<NeedIdx, ResolveError> {
    catalogue.need_by_id(input).ok_or(ResolveError::NotFound {
        input: input.to_string(),
        candidates: Vec::new(),
    })
}

/// Fuzzy-ranks named items for pickers: each candidate is an index and the texts it may be
/// found by (name, aliases, synonyms, in any script). Returns matching indices, best first;
/// an empty query returns all in their given order.
pub fn rank_names<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = (usize, Vec<&'a str>)>,
) -> Vec<usize> {
    let needle = fold(query);
    candidates
        .into_iter()
        .filter(|(_, texts)| needle.is_empty() || texts.iter().any(|t| fold(t).contains(&needle)))
        .map(|(i, _)| i)
        .collect()
}
