//! Which services a query keeps, and what they carry into ranking.
//!
//! The structured filters (status, needs, region, language, population) are answered from
//! small per-query tables before any text is looked at. The query text then splits in two:
//! plain words, scored for relevance over the whole index at once (see `relevance`), and
//! fzf's operator terms (`'exact`, `^prefix`, `suffix$`, `!not`), which stay strict: a
//! service failing one is never listed. Regions named by plain words become the region
//! filter (see `place`) unless a region was given.

use super::Query;
use super::fold::fold;
use super::index::{Index, Meta, Spellings};
use super::place::{self, PlaceWords};
use super::relevance::{WordScores, query_words, score_words, tier_words};
use super::terms::{Term, TermKind};
use crate::catalogue::{Catalogue, RegionIdx, Status};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The least fuzzy score, per character of the term, that counts as a match. A contiguous
/// match scores over 20 a character, a compact abbreviation (`mdcl` in "medical") about 16;
/// letters scattered over a long name (`gomel` in "internation*al* *o*rganization for
/// *m*igration ... b*el*arus") 11 to 15: that is noise to an operator, so it is cut.
pub(crate) const MIN_FUZZY_PER_CHAR: i64 = 16;

/// The locality rank of sub-regions starts here, after every enclosing region.
pub(crate) const SUB_REGION_RANK: u16 = 1000;

/// Relevance is a float; the order and the JSON `score` use it scaled to an integer.
const SCORE_SCALE: f32 = 1000.0;

/// The matcher on folded text: case is already folded, so ignore case (never smart case).
pub(crate) fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// A query made ready for matching: words scored, operator terms folded, per-record
/// tables filled.
pub(crate) struct Prepared<'a> {
    pub index: &'a Index,
    pub query: &'a Query,
    /// The operator terms (every term that is not a plain word).
    pub terms: Vec<Term>,
    /// Per operator term, whether each record of each table holds it.
    tables: Vec<TermTables>,
    /// The plain words, scored over every service (words no service mentions included).
    pub words: Vec<WordScores>,
    /// The region named by query words, when it acts as the filter.
    pub place: Option<PlaceWords>,
    /// The region filter in effect: given, or named in the query.
    pub region: Option<RegionIdx>,
    /// True when the query has plain words: services must then match one (when every
    /// word is dropped, nothing is listed).
    has_words: bool,
    /// Per plain word, whether it decides the match tier (see `relevance::tier_words`).
    tier_words: Vec<bool>,
    /// Per need, the bit mask of the requested needs it falls within.
    need_masks: Vec<u64>,
    /// Per region, its locality rank for the region filter (`None`: does not serve it).
    region_ranks: Vec<Option<u16>>,
    population: Option<String>,
}

struct TermTables {
    needs: Vec<bool>,
    regions: Vec<bool>,
    organisations: Vec<bool>,
    contacts: Vec<bool>,
}

/// What a kept service carries into ranking.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub service: usize,
    /// Text relevance, scaled to an integer.
    pub score: i64,
    /// True when it matches every plain word that decides the match tier: those some
    /// service mentions, less the very common ones.
    pub all_words: bool,
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
        let (terms, mut plain): (Vec<Term>, Vec<&str>) = split_terms(&query.text);
        let place = (query.region.is_none() && !query.no_place_words)
            .then(|| place::find(index.places(), &plain))
            .flatten()
            .map(|(place, at)| {
                plain = plain
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !at.contains(i))
                    .map(|(_, w)| *w)
                    .collect();
                place
            });
        let region = query.region.or(place.as_ref().map(|p| p.region));
        let words = score_words(index, &query_words(&plain));
        let tables = terms
            .iter()
            .map(|term| TermTables {
                needs: table_holds(term, &index.needs),
                regions: table_holds(term, &index.regions),
                organisations: table_holds(term, &index.organisations),
                contacts: table_holds(term, &index.contacts),
            })
            .collect();
        Prepared {
            need_masks: need_masks(catalogue, query),
            region_ranks: region_ranks(index, region),
            population: query.population.as_deref().map(fold),
            has_words: !words.is_empty(),
            tier_words: tier_words(&words, index.len()),
            terms,
            tables,
            words,
            place,
            region,
            index,
            query,
        }
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
        if !self.operators_hold(service, meta) {
            return None;
        }
        let mut matched = 0;
        let mut relevance = 0.0;
        let mut all_words = true;
        for (w, &decides) in self.words.iter().zip(&self.tier_words) {
            let s = w.scores[service];
            if s > 0.0 {
                matched += 1;
                relevance += s;
            } else if decides {
                all_words = false;
            }
        }
        if self.has_words && matched == 0 {
            return None;
        }
        Some(Candidate {
            service,
            score: (relevance * SCORE_SCALE).round() as i64,
            all_words,
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
        if self.region.is_none() {
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

    /// True when every operator term holds (and no `!` term does).
    fn operators_hold(&self, service: usize, meta: &Meta) -> bool {
        self.terms
            .iter()
            .zip(&self.tables)
            .all(|(term, tables)| self.term_holds(service, meta, term, tables) != term.negated)
    }

    /// Whether an operator term holds in some field of a service.
    fn term_holds(&self, service: usize, meta: &Meta, term: &Term, t: &TermTables) -> bool {
        let index = self.index;
        exact_holds(term, index.names.get(service))
            || (meta.translated.0..meta.translated.1)
                .any(|i| exact_holds(term, index.translated_names.get(i as usize)))
            || t.organisations[meta.organisation as usize]
            || index.refs(meta.needs).any(|n| t.needs[n])
            || index.refs(meta.regions).any(|r| t.regions[r])
            || index.refs(meta.contacts).any(|c| t.contacts[c])
            || exact_holds(term, index.long(service))
    }
}

/// The query text as operator terms and plain words (as typed, to be split into words).
fn split_terms(text: &str) -> (Vec<Term>, Vec<&str>) {
    let mut terms = Vec::new();
    let mut plain = Vec::new();
    for raw in text.split_whitespace() {
        for term in super::terms::parse(raw) {
            if term.kind == TermKind::Fuzzy && !term.negated {
                plain.push(raw);
            } else {
                terms.push(term);
            }
        }
    }
    (terms, plain)
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

/// The positions of a word's letters scattered in a short folded text, when they are
/// close together (within twice the word's length) and the matcher finds them worth
/// showing: letters spread over a long name are noise, never a match.
pub(crate) fn compact_subsequence(text: &str, pattern: &str) -> Option<Vec<usize>> {
    if !is_subsequence(pattern.as_bytes(), text.as_bytes()) {
        return None;
    }
    let (score, indices) = matcher().fuzzy_indices(text, pattern)?;
    let span = indices.last()? - indices.first()? + 1;
    (is_close(score, pattern) && span <= 2 * pattern.len()).then_some(indices)
}

/// True when `score` clears [`MIN_FUZZY_PER_CHAR`] for this pattern.
pub(crate) fn is_close(score: i64, pattern: &str) -> bool {
    score >= MIN_FUZZY_PER_CHAR * pattern.len() as i64
}

/// The exact operators; `^` and `$` hold at the start or end of any line, so of any field
/// of a multi-field text.
fn exact_holds(term: &Term, text: &str) -> bool {
    let needle = term.text.as_str();
    match term.kind {
        TermKind::Exact | TermKind::Fuzzy => text.contains(needle),
        TermKind::Prefix => text.lines().any(|l| l.starts_with(needle)),
        TermKind::Suffix => text.lines().any(|l| l.ends_with(needle)),
    }
}

fn table_holds(term: &Term, table: &[Spellings]) -> Vec<bool> {
    table
        .iter()
        .map(|spellings| spellings.iter().any(|text| exact_holds(term, text)))
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
