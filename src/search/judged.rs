//! Judged query sets: queries with the services an operator would want, and the two
//! figures a set is read by — whether the first hit is relevant, and recall@10 (the
//! relevant services in the first ten, over min(10, relevant)). Used by the relevance test
//! and `examples/relevance.rs`, so both count the same way.

use super::{Index, Query, resolve_need, resolve_region, search_limited};
use serde::Deserialize;

/// One judged query, as `queries.toml` writes it (`[[query]]`).
#[derive(Debug, Clone, Deserialize)]
pub struct JudgedQuery {
    pub text: String,
    /// Ids of the services that answer it.
    pub relevant: Vec<String>,
    /// A region or need filter, as `--region` and `--need` take them.
    pub region: Option<String>,
    pub need: Option<String>,
}

#[derive(Deserialize)]
struct File {
    query: Vec<JudgedQuery>,
}

/// Reads a `queries.toml`.
pub fn read_queries(text: &str) -> Result<Vec<JudgedQuery>, toml::de::Error> {
    toml::from_str::<File>(text).map(|f| f.query)
}

/// How one ranking did on one query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgement {
    pub first_relevant: bool,
    pub recall_at_10: f64,
}

/// Judges a ranking (service ids, best first) against the relevant ids.
pub fn judge(ranked: &[String], relevant: &[String]) -> Judgement {
    let top: Vec<&String> = ranked.iter().take(10).collect();
    let found = top.iter().filter(|id| relevant.contains(id)).count();
    let possible = relevant.len().min(10);
    Judgement {
        first_relevant: ranked.first().is_some_and(|id| relevant.contains(id)),
        recall_at_10: if possible == 0 {
            1.0
        } else {
            found as f64 / possible as f64
        },
    }
}

/// Pathways' first ten for a judged query (its filters resolved as the CLI does; an
/// unknown filter name ranks nothing).
pub fn pathways_top10(index: &Index, query: &JudgedQuery) -> Vec<String> {
    let catalogue = index.catalogue();
    let region = match &query.region {
        Some(r) => match resolve_region(catalogue, r) {
            Ok(r) => Some(r),
            Err(_) => return Vec::new(),
        },
        None => None,
    };
    let needs = match &query.need {
        Some(n) => match resolve_need(catalogue, n) {
            Ok(n) => vec![n],
            Err(_) => return Vec::new(),
        },
        None => Vec::new(),
    };
    let q = Query {
        text: query.text.clone(),
        region,
        needs,
        ..Query::default()
    };
    search_limited(index, &q, 10)
        .into_iter()
        .map(|h| catalogue.services[h.service].id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recall_counts_against_what_could_fit_in_ten() {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let j = judge(&ids(&["a", "x", "b"]), &ids(&["a", "b", "c", "d"]));
        assert!(j.first_relevant);
        assert_eq!(j.recall_at_10, 0.5);
        let many: Vec<String> = (0..20).map(|i| i.to_string()).collect();
        let j = judge(&many[10..], &many);
        assert_eq!(j.recall_at_10, 1.0);
        assert!(!judge(&ids(&["x"]), &ids(&["a"])).first_relevant);
    }
}
