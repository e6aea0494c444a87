//! Which services a query keeps, and their text score.
//!
//! The structured filters (status, needs, region, language, population) are answered from
//! small per-query tables before any text is looked at. Text terms are then scored: fuzzy
//! (SkimMatcherV2) over the short fields only, word prefix over long free text. Needs,
//! regions, organisations and contacts are shared by many services, so each term is scored
//! once per table record, not once per service.

use super::Query;
use super::fold::{fold, has_word_prefix};
use super::index::{Index, Meta, Spellings};
use super::terms::{Term, TermKind};
use super::words::{has_bit, is_single_word};
use crate::catalogue::{Catalogue, RegionIdx, Status};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Weights of the fields a term can match in, name first.
const W_NAME: i64 = 4;
const W_TRANSLATED_NAME: i64 = 3;
const W_NEED: i64 = 2;
const W_REGION: i64 = 2;
const W_ORGANISATION: i64 = 2;
const W_CONTACT: i64 = 1;
/// Score per character of a term found at a word start in long text: below any match in a
/// short field (at least [`MIN_FUZZY_PER_CHAR`] a character, times a weight of 1 or more).
const LONG_PER_CHAR: i64 = 10;
/// The least fuzzy score, per character of the term, that counts as a match. A contiguous
/// match scores over 20 a character, a compact abbreviation (`mdcl` in "medical") about 16;
/// letters scattered over a long name (`gomel` in "internation*al* *o*rganization for
/// *m*igration ... b*el*arus") 11 to 15: that is noise to an operator, so it is cut.
pub(crate) const MIN_FUZZY_PER_CHAR: i64 = 16;
/// Score per character of an exact-operator match, before the field weight.
const EXACT_PER_CHAR: i64 = 16;

/// The locality rank of sub-regions starts here, after every enclosing region.
pub(crate) const SUB_REGION_RANK: u16 = 1000;

/// The matcher on folded text: case is already folded, so ignore case (never smart case).
pub(crate) fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// A query made ready for matching: terms folded and per-record tables filled.
pub(crate) struct Prepared<'a> {
    pub index: &'a Index,
    pub query: &'a Query,
    pub terms: Vec<Term>,
    /// Per term, the best weighted score of each record of each table (`None`: no match).
    tables: Vec<TermTables>,
    /// Per need, the bit mask of the requested needs it falls within.
    need_masks: Vec<u64>,
    /// Per region, its locality rank for the region filter (`None`: does not serve it).
    region_ranks: Vec<Option<u16>>,
    population: Option<String>,
    matcher: SkimMatcherV2,
}

struct TermTables {
    /// For a plain one-word term, the services with a word of long text starting with it
    /// (from the word index); `None`: scan a service's text when its short fields miss.
    long: Option<Vec<u64>>,
    needs: Vec<Option<i64>>,
    regions: Vec<Option<i64>>,
    organisations: Vec<Option<i64>>,
    contacts: Vec<Option<i64>>,
}

/// What a kept service carries into ranking.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub service: usize,
    pub score: i64,
    /// How many of the requested needs the service covers.
    pub needs_covered: u32,
    /// Locality rank (0: the region itself; d: the d-th enclosing region; 1000+d: a
    /// sub-region d levels down); 0 without a region filter.
    pub locality: u16,
    /// The service region that made it match the region filter.
    pub via: Option<RegionIdx>,
    pub verified: Option<jiff::civil::Date>,
}

impl<'a> Prepared<'a> {
    pub fn new(index: &'a Index, query: &'a Query) -> Self {
        let catalogue = &index.catalogue;
        let terms = super::terms::parse(&query.text);
        let matcher = matcher();
        let tables = terms
            .iter()
            .map(|term| TermTables {
                long: (term.kind == TermKind::Fuzzy && is_single_word(&term.text))
                    .then(|| index.with_word_prefix(&term.text))
                    .flatten(),
                needs: table_scores(&matcher, term, &index.needs, W_NEED),
                regions: table_scores(&matcher, term, &index.regions, W_REGION),
                organisations: table_scores(&matcher, term, &index.organisations, W_ORGANISATION),
                contacts: table_scores(&matcher, term, &index.contacts, W_CONTACT),
            })
            .collect();
        Prepared {
            need_masks: need_masks(catalogue, query),
            region_ranks: region_ranks(index, query.region),
            population: query.population.as_deref().map(fold),
            terms,
            tables,
            matcher,
            index,
            query,
        }
    }

    /// The matcher, for highlighting with the same scoring.
    pub fn matcher(&self) -> &SkimMatcherV2 {
        &self.matcher
    }

    /// The service as a candidate, or `None` when the query leaves it out. Opening hours
    /// are judged later, on the survivors only (they are the costly part).
    pub fn candidate(&self, service: usize) -> Option<Candidate> {
        let meta = &self.index.meta[service];
        if meta.status == Status::Inactive && !self.query.include_inactive {
            return None;
        }
        let needs_covered = self.needs_covered(meta)?;
        let (locality, via) = self.locality(meta)?;
        if !self.language_ok(service) || !self.population_ok(service) {
            return None;
        }
        let score = self.text_score(service, meta)?;
        Some(Candidate {
            service,
            score,
            needs_covered,
            locality,
            via,
            verified: meta.verified,
        })
    }

    fn needs_covered(&self, meta: &Meta) -> Option<u32> {
        if self.query.needs.is_empty() {
            return Some(0);
        }
        let mask = self
            .index
            .refs(meta.needs)
            .fold(0u64, |m, n| m | self.need_masks[n]);
        (mask != 0).then_some(mask.count_ones())
    }

    fn locality(&self, meta: &Meta) -> Option<(u16, Option<RegionIdx>)> {
        if self.query.region.is_none() {
            return Some((0, None));
        }
        self.index
            .refs(meta.regions)
            .filter_map(|r| self.region_ranks[r].map(|rank| (rank, Some(r))))
            .min_by_key(|&(rank, _)| rank)
    }

    fn language_ok(&self, service: usize) -> bool {
        self.query.language.as_deref().is_none_or(|code| {
            self.index.catalogue.services[service]
                .languages
                .iter()
                .any(|l| l.trim().eq_ignore_ascii_case(code.trim()))
        })
    }

    fn population_ok(&self, service: usize) -> bool {
        self.population.as_deref().is_none_or(|wanted| {
            self.index
                .populations
                .get(service)
                .lines()
                .any(|p| p.starts_with(wanted.trim()))
        })
    }

    /// The sum over the terms of each one's best field score; `None` when a term does not
    /// match, or a `!` term does.
    fn text_score(&self, service: usize, meta: &Meta) -> Option<i64> {
        let mut total = 0;
        for (term, tables) in self.terms.iter().zip(&self.tables) {
            let best = self.term_score(service, meta, term, tables);
            match (term.negated, best) {
                (true, Some(_)) | (false, None) => return None,
                (false, Some(score)) => total += score,
                (true, None) => {}
            }
        }
        Some(total)
    }

    /// A term's best score over the fields of a service: short fields first; long text
    /// only when no short field matched (its score is lower than any short match).
    fn term_score(&self, service: usize, meta: &Meta, term: &Term, t: &TermTables) -> Option<i64> {
        let index = self.index;
        let mut best =
            short_score(&self.matcher, term, index.names.get(service)).map(|v| v * W_NAME);
        let mut take = |score: Option<i64>| best = best.max(score);
        for i in meta.translated.0..meta.translated.1 {
            let name = index.translated_names.get(i as usize);
            take(short_score(&self.matcher, term, name).map(|v| v * W_TRANSLATED_NAME));
        }
        take(t.organisations[meta.organisation as usize]);
        index.refs(meta.needs).for_each(|n| take(t.needs[n]));
        index.refs(meta.regions).for_each(|r| take(t.regions[r]));
        index.refs(meta.contacts).for_each(|c| take(t.contacts[c]));
        if best.is_none() {
            best = match &t.long {
                Some(bits) => has_bit(bits, service).then(|| long_prefix_score(term)),
                None => long_score(term, index.long.get(service)),
            };
        }
        best
    }
}

/// The fuzzy score of a folded pattern in a folded text, when it is a match worth showing.
pub(crate) fn fuzzy_score(matcher: &SkimMatcherV2, text: &str, pattern: &str) -> Option<i64> {
    if !is_subsequence(pattern.as_bytes(), text.as_bytes()) {
        return None;
    }
    matcher
        .fuzzy_match(text, pattern)
        .filter(|&score| is_close(score, pattern))
}

/// The matcher's own first check, without its allocations: most texts fail it, and on
/// folded ASCII text a byte test says the same as its char test.
fn is_subsequence(pattern: &[u8], text: &[u8]) -> bool {
    let mut rest = text;
    pattern.iter().all(|&b| match memchr::memchr(b, rest) {
        Some(at) => {
            rest = &rest[at + 1..];
            true
        }
        None => false,
    })
}

/// True when `score` clears [`MIN_FUZZY_PER_CHAR`] for this pattern.
pub(crate) fn is_close(score: i64, pattern: &str) -> bool {
    score >= MIN_FUZZY_PER_CHAR * pattern.len() as i64
}

/// A term against one short folded text: fuzzy for plain terms, exact for the operators.
pub(crate) fn short_score(matcher: &SkimMatcherV2, term: &Term, text: &str) -> Option<i64> {
    match term.kind {
        TermKind::Fuzzy => fuzzy_score(matcher, text, &term.text),
        _ => exact_score(term, text),
    }
}

/// A term against long folded text (fields one a line): word prefix for plain terms.
pub(crate) fn long_score(term: &Term, text: &str) -> Option<i64> {
    match term.kind {
        TermKind::Fuzzy => {
            has_word_prefix(text, &term.text).then(|| LONG_PER_CHAR * term.text.len() as i64)
        }
        _ => exact_score(term, text),
    }
}

fn long_prefix_score(term: &Term) -> i64 {
    LONG_PER_CHAR * term.text.len() as i64
}

/// The exact operators; `^` and `$` hold at the start or end of any line, so of any field
/// of a multi-field text.
fn exact_score(term: &Term, text: &str) -> Option<i64> {
    let needle = term.text.as_str();
    let found = match term.kind {
        TermKind::Exact | TermKind::Fuzzy => text.contains(needle),
        TermKind::Prefix => text.lines().any(|l| l.starts_with(needle)),
        TermKind::Suffix => text.lines().any(|l| l.ends_with(needle)),
    };
    found.then(|| EXACT_PER_CHAR * needle.len() as i64)
}

fn table_scores(
    matcher: &SkimMatcherV2,
    term: &Term,
    table: &[Spellings],
    weight: i64,
) -> Vec<Option<i64>> {
    table
        .iter()
        .map(|spellings| {
            spellings
                .iter()
                .filter_map(|text| short_score(matcher, term, text))
                .max()
                .map(|score| score * weight)
        })
        .collect()
}

fn need_masks(catalogue: &Catalogue, query: &Query) -> Vec<u64> {
    (0..catalogue.needs.len())
        .map(|n| {
            query
                .needs
                .iter()
                .take(64)
                .enumerate()
                .filter(|&(_, &q)| catalogue.need_within(n, q))
                .fold(0u64, |mask, (bit, _)| mask | (1 << bit))
        })
        .collect()
}

/// Locality rank of every region for the filter region `r`: `r` itself 0, its ancestors by
/// distance outward, its descendants after all of them (nearer first).
fn region_ranks(index: &Index, region: Option<RegionIdx>) -> Vec<Option<u16>> {
    let catalogue = &index.catalogue;
    let mut ranks = vec![None; catalogue.regions.len()];
    let Some(region) = region.filter(|&r| r < ranks.len()) else {
        return ranks;
    };
    for (distance, r) in catalogue.region_chain(region).enumerate() {
        ranks[r] = Some(distance as u16);
    }
    let mut level = vec![region];
    let mut depth = 1u16;
    while !level.is_empty() {
        let next: Vec<usize> = level
            .iter()
            .flat_map(|&r| index.region_children[r].iter().copied())
            .filter(|&c| ranks[c].is_none())
            .collect();
        for &c in &next {
            ranks[c] = Some(SUB_REGION_RANK + depth);
        }
        level = next;
        depth = depth.saturating_add(1);
    }
    ranks
}
