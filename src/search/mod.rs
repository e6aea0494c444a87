//! Search: text folding (case, diacritics, Cyrillic→Latin), region coverage, fuzzy scoring
//! and one total order (see [`rank`] and the README's "Ranking"). One entry point:
//! [`search`]; [`search_limited`] keeps the first few, [`Searcher`] serves typing.
//!
//! The pipeline: [`Index::build`] folds every text once. A query is prepared (terms folded,
//! per-record tables of needs, regions, organisations and contacts scored once), every
//! service is filtered and scored on all cores, opening hours are judged on the survivors,
//! the one total order keeps the top K by partial selection, and only those K get their
//! `why` text and highlight ranges.

mod fold;
mod highlight;
mod index;
mod matching;
pub mod rank;
mod resolve;
mod terms;
mod words;

pub use fold::{FoldMap, fold};
pub use index::Index;
pub use resolve::{rank_names, resolve_need, resolve_region};
pub use terms::{Term, TermKind, has_negation, parse as parse_terms};

use crate::catalogue::hours::HoursState;
use crate::catalogue::{Catalogue, NeedIdx, RegionIdx, RegionLevel, ServiceIdx};
use matching::Prepared;
use rank::Ranked;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::{Arc, Weak};

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
    /// `Contact`: the index into `Service::contacts`; `Translation`: the position in
    /// `Service::translations` (in key order); `Populations`, `Languages`: the index into
    /// those lists.
    pub item: usize,
    /// Byte ranges into the original string, on char boundaries, sorted, not overlapping.
    /// The string is the name for `Need`, `Region`, `Organisation` and `Contact` (empty
    /// ranges when only a synonym, alias or role matched); for `Translation`, its first
    /// text that matched (name, description, eligibility, how to refer).
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

/// Runs a query; every hit, in the one total order (see the [`rank`] module).
pub fn search(index: &Index, query: &Query) -> Vec<Hit> {
    search_limited(index, query, 0)
}

/// Runs a query and keeps the first `limit` hits in the one total order (0: all). Only the
/// kept hits get their `why` and highlight ranges, so a first screen costs what the
/// matching costs, whatever the catalogue's size.
pub fn search_limited(index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
    let prepared = Prepared::new(index, query);
    let kept = rank_all(&prepared, None);
    materialise(&prepared, kept, limit)
}

/// Incremental search for typing: when the new query only adds characters to the text of
/// the previous one (same filters, no `!` term, no `$`, which can widen a match), only the
/// previous query's matches are re-scored.
#[derive(Default)]
pub struct Searcher {
    /// The last query, the catalogue it ran on, and its matches. A `Weak`, not an address:
    /// while it lives the allocation cannot be reused by a reloaded catalogue, so stale
    /// service indices can never be applied to a new catalogue.
    last: Option<(Query, Weak<Catalogue>, Vec<ServiceIdx>)>,
}

impl Searcher {
    pub fn new() -> Self {
        Searcher::default()
    }

    /// Like [`search_limited`], remembering the matches for the next call.
    pub fn search(&mut self, index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
        let prepared = Prepared::new(index, query);
        let catalogue = Arc::downgrade(index.catalogue());
        let within = self
            .last
            .as_ref()
            .filter(|(last, on, _)| on.ptr_eq(&catalogue) && narrows(last, query))
            .map(|(_, _, services)| services.as_slice());
        let kept = rank_all(&prepared, within);
        self.last = Some((
            query.clone(),
            catalogue,
            kept.iter().map(|r| r.candidate.service).collect(),
        ));
        materialise(&prepared, kept, limit)
    }

    /// Forgets the previous query (e.g. after the catalogue was reloaded).
    pub fn reset(&mut self) {
        self.last = None;
    }
}

/// True when every match of `next` is a match of `last`.
fn narrows(last: &Query, next: &Query) -> bool {
    let same_filters = Query {
        text: String::new(),
        ..last.clone()
    } == Query {
        text: String::new(),
        ..next.clone()
    };
    same_filters
        && next.text.starts_with(&last.text)
        && !has_negation(&next.text)
        && !next.text.contains('$')
}

/// Every kept service, unsorted, with its open state judged.
fn rank_all(prepared: &Prepared, within: Option<&[ServiceIdx]>) -> Vec<Ranked> {
    let index = prepared.index;
    let judge = |service: usize| -> Option<Ranked> {
        let candidate = prepared.candidate(service)?;
        let open = match prepared.query.open_at {
            None => None,
            Some(at) => match open_state(index, service, at) {
                OpenState::Closed => return None,
                state => Some(state),
            },
        };
        Some(Ranked { candidate, open })
    };
    match within {
        Some(services) => services.par_iter().filter_map(|&s| judge(s)).collect(),
        None => (0..index.len()).into_par_iter().filter_map(judge).collect(),
    }
}

/// Whether a service is open at `at`, from the index's parsed hours (`None`: unknown). For
/// views that ask again and again, such as the details pane on every frame.
pub fn is_open(index: &Index, service: ServiceIdx, at: jiff::Timestamp) -> Option<bool> {
    match open_state(index, service, at) {
        OpenState::Open => Some(true),
        OpenState::Closed => Some(false),
        OpenState::Unknown => None,
    }
}

/// Open, closed or unknown at `at`: no structured hours, or hours that say "unknown",
/// is unknown (a 24-hour line without structured hours must not vanish at night).
fn open_state(index: &Index, service: usize, at: jiff::Timestamp) -> OpenState {
    match index.hours(service) {
        None => OpenState::Unknown,
        Some(hours) => match index.hours_context.state(hours, at) {
            HoursState::Open => OpenState::Open,
            HoursState::Closed => OpenState::Closed,
            HoursState::Unknown => OpenState::Unknown,
        },
    }
}

/// Orders, keeps `limit`, and builds the hits with their `why` and ranges.
fn materialise(prepared: &Prepared, mut kept: Vec<Ranked>, limit: usize) -> Vec<Hit> {
    let index = prepared.index;
    let catalogue: &Catalogue = &index.catalogue;
    rank::top(catalogue, &mut kept, limit);
    let today = catalogue.today();
    let open_word = open_word(prepared.query.open_at);
    kept.into_iter()
        .map(|ranked| {
            let c = ranked.candidate;
            let service = &catalogue.services[c.service];
            let (coverage, place) = rank::coverage(index, service, prepared.query.region, &c);
            let mut why = vec![place];
            why.extend(markers(service, ranked.open, open_word, today));
            Hit {
                service: c.service,
                score: c.score,
                matches: highlight::matches(
                    catalogue,
                    service,
                    &prepared.terms,
                    prepared.matcher(),
                ),
                coverage,
                why: why.join("; "),
                open: ranked.open,
            }
        })
        .collect()
}

/// "open now" when the query asks about the present (within a minute of the one clock),
/// else "open at that time": `--open-at` tomorrow morning must not read "open now".
fn open_word(open_at: Option<jiff::Timestamp>) -> &'static str {
    let now = crate::clock::now();
    match open_at {
        Some(at) if (at.as_second() - now.as_second()).abs() > 60 => "open at that time",
        _ => "open now",
    }
}

/// The marks a hit carries after its place: open state, status, a live alert.
fn markers(
    service: &crate::catalogue::Service,
    open: Option<OpenState>,
    open_word: &str,
    today: jiff::civil::Date,
) -> Vec<String> {
    let mut marks = Vec::new();
    match open {
        Some(OpenState::Open) => marks.push(open_word.to_string()),
        Some(OpenState::Unknown) => marks.push("hours unknown".to_string()),
        _ => {}
    }
    match service.status {
        crate::catalogue::Status::TemporarilyClosed => marks.push("temporarily closed".into()),
        crate::catalogue::Status::Inactive => marks.push("inactive".into()),
        crate::catalogue::Status::Active => {}
    }
    if let Some(alert) = service
        .alert
        .as_ref()
        .filter(|a| Catalogue::alert_is_live(a, today))
    {
        marks.push(format!("alert: {}", crate::text::one_line(&alert.text)));
    }
    marks
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

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (what, input, candidates) = match self {
            ResolveError::NotFound { input, candidates } => ("nothing matches", input, candidates),
            ResolveError::Ambiguous { input, candidates } => ("several match", input, candidates),
        };
        write!(f, "{what} '{input}'")?;
        if !candidates.is_empty() {
            write!(f, "; closest: {}", candidates.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for ResolveError {}
