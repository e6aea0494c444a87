//! One search as the TUI needs it: the hits, and when there are none, how many services
//! dropping each active filter would bring back (so the empty state can say what to drop).
//!
//! Runs on the search worker in the event loop, and directly in tests and benchmarks.

use crate::search::{Hit, Index, PlaceWords, Query, search_found, search_limited};
use std::sync::Arc;

/// At most this many hits are listed. Nobody scrolls further on a call, and the engine's
/// cost is in materialising hits (why, highlights): listing 1000 instead of 100 made a
/// key-to-frame 2-3x slower on 10k and 100k catalogues. More is shown as "100+".
pub const MAX_HITS: usize = 100;

/// A filter the operator set, named so the empty state can say "drop the region".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    Text,
    Needs,
    Region,
    Language,
    Population,
    OpenNow,
}

impl FilterKind {
    /// The message id of the key that changes this filter, for the empty-state hint.
    pub fn how_to_drop(self) -> &'static str {
        match self {
            FilterKind::Text => "tui-drop-how-text",
            FilterKind::Needs => "tui-drop-how-needs",
            FilterKind::Region => "tui-drop-how-region",
            FilterKind::Language => "tui-drop-how-language",
            FilterKind::Population => "tui-drop-how-population",
            FilterKind::OpenNow => "tui-drop-how-open-now",
        }
    }

    /// The message id of the filter's name.
    pub fn label(self) -> &'static str {
        match self {
            FilterKind::Text => "tui-filter-text",
            FilterKind::Needs => "tui-filter-needs",
            FilterKind::Region => "tui-filter-region",
            FilterKind::Language => "tui-filter-language",
            FilterKind::Population => "tui-filter-population",
            FilterKind::OpenNow => "tui-filter-open-now",
        }
    }
}

/// What one search produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub hits: Vec<Hit>,
    /// True when more than `MAX_HITS` matched (only the first are in `hits`).
    pub more: bool,
    /// Only when `hits` is empty: for each active filter, how many hits there would be
    /// without it (best relief first; above `MAX_HITS` means "more than that").
    pub relief: Vec<(FilterKind, usize)>,
    /// The query words that matched no service and were left out (the status line says
    /// so, in the interface language).
    pub dropped: Vec<String>,
    /// The region named in the query, acting as the region filter.
    pub place: Option<PlaceWords>,
}

/// Runs searches for one screen: the one path the event loop's worker and the tests share.
/// Every query scores the whole index (see [`crate::search::Searcher`]), so it keeps no
/// state between queries.
#[derive(Default)]
pub struct Runner;

impl Runner {
    /// Runs the query, and the relief searches when it finds nothing.
    pub fn run(&mut self, index: &Arc<Index>, query: &Query) -> Outcome {
        let found = search_found(index, query, MAX_HITS + 1);
        let dropped = found.dropped;
        let place = found.place;
        let mut hits = found.hits;
        let more = hits.len() > MAX_HITS;
        hits.truncate(MAX_HITS);
        let relief = if hits.is_empty() {
            relief(index, query)
        } else {
            Vec::new()
        };
        Outcome {
            hits,
            more,
            relief,
            dropped,
            place,
        }
    }
}

fn relief(index: &Index, query: &Query) -> Vec<(FilterKind, usize)> {
    let mut found: Vec<(FilterKind, usize)> = active_filters(query)
        .into_iter()
        .map(|kind| (kind, count(index, &without(query, kind))))
        .filter(|&(_, count)| count > 0)
        .collect();
    found.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    found
}

/// How many services a query finds, counted up to `MAX_HITS + 1` ("more than 100").
fn count(index: &Index, query: &Query) -> usize {
    search_limited(index, query, MAX_HITS + 1).len()
}

/// The filters of a query that are set.
pub fn active_filters(query: &Query) -> Vec<FilterKind> {
    let mut kinds = Vec::new();
    if !query.text.trim().is_empty() {
        kinds.push(FilterKind::Text);
    }
    if !query.needs.is_empty() {
        kinds.push(FilterKind::Needs);
    }
    if query.region.is_some() {
        kinds.push(FilterKind::Region);
    }
    if query.language.is_some() {
        kinds.push(FilterKind::Language);
    }
    if query.population.is_some() {
        kinds.push(FilterKind::Population);
    }
    if query.open_at.is_some() {
        kinds.push(FilterKind::OpenNow);
    }
    kinds
}

fn without(query: &Query, kind: FilterKind) -> Query {
    let mut q = query.clone();
    match kind {
        FilterKind::Text => q.text.clear(),
        FilterKind::Needs => q.needs.clear(),
        FilterKind::Region => q.region = None,
        FilterKind::Language => q.language = None,
        FilterKind::Population => q.population = None,
        FilterKind::OpenNow => q.open_at = None,
    }
    q
}
