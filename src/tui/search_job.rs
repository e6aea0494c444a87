//! One search as the TUI needs it: the hits, and when there are none, how many services
//! dropping each active filter would bring back (so the empty state can say what to drop).
//!
//! Runs on the search worker in the event loop, and directly in tests and benchmarks.

use crate::search::{Hit, Index, Query, search};

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
    /// The key that changes this filter, for the empty-state hint.
    pub fn how_to_drop(self) -> &'static str {
        match self {
            FilterKind::Text => "Esc clears the query",
            FilterKind::Needs => "n picks needs",
            FilterKind::Region => "r picks the region",
            FilterKind::Language => "l picks the language",
            FilterKind::Population => "p picks the population",
            FilterKind::OpenNow => "o toggles open now",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FilterKind::Text => "the query text",
            FilterKind::Needs => "the need filter",
            FilterKind::Region => "the region filter",
            FilterKind::Language => "the language filter",
            FilterKind::Population => "the population filter",
            FilterKind::OpenNow => "open now",
        }
    }
}

/// What one search produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub hits: Vec<Hit>,
    /// Only when `hits` is empty: for each active filter, how many hits there would be
    /// without it (best relief first).
    pub relief: Vec<(FilterKind, usize)>,
}

/// Runs the query, and the relief searches when it finds nothing.
pub fn run(index: &Index, query: &Query) -> Outcome {
    let hits = search(index, query);
    let relief = if hits.is_empty() {
        relief(index, query)
    } else {
        Vec::new()
    };
    Outcome { hits, relief }
}

fn relief(index: &Index, query: &Query) -> Vec<(FilterKind, usize)> {
    let mut found: Vec<(FilterKind, usize)> = active_filters(query)
        .into_iter()
        .map(|kind| (kind, search(index, &without(query, kind)).len()))
        .filter(|&(_, count)| count > 0)
        .collect();
    found.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    found
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
