//! Judged query sets (written before any search was run; see `tests/fixtures/relevance/`):
//! the default catalogue and the Illinois legal-aid directory. Each query must list a
//! relevant service in its first ten, and each set must reach its first-hit count and
//! recall@10, so a change that loses relevance fails here.

use pathways::search::Index;
use pathways::search::judged::{JudgedQuery, judge, pathways_top10, read_queries};
use std::sync::Arc;

fn load(catalogue: &str, queries: &str) -> (Index, Vec<JudgedQuery>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(catalogue);
    let catalogue = pathways::catalogue::load(&path).expect("catalogue loads");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(queries);
    let queries = read_queries(&std::fs::read_to_string(path).unwrap()).unwrap();
    (Index::build(Arc::new(catalogue)), queries)
}

/// Runs a set; returns (first hits, mean recall@10), after checking every query has a
/// relevant service in its top ten.
fn run(index: &Index, queries: &[JudgedQuery]) -> (usize, f64) {
    let mut first = 0;
    let mut recall = 0.0;
    let mut empty = Vec::new();
    for q in queries {
        let ranked = pathways_top10(index, q);
        let j = judge(&ranked, &q.relevant);
        first += usize::from(j.first_relevant);
        recall += j.recall_at_10;
        if j.recall_at_10 == 0.0 {
            empty.push(format!("{:?} -> {:?}", q.text, ranked));
        }
    }
    assert!(
        empty.is_empty(),
        "no relevant service in the top 10: {empty:#?}"
    );
    (first, recall / queries.len() as f64)
}

#[test]
fn default_catalogue_set() {
    let (index, queries) = load(
        "data/catalogue.toml",
        "tests/fixtures/relevance/default-queries.toml",
    );
    assert!(queries.len() >= 15);
    let (first, recall) = run(&index, &queries);
    assert_eq!(first, queries.len(), "first hits");
    assert!(recall >= 0.95, "recall@10 {recall:.2}");
}

#[test]
fn illinois_legal_aid_set() {
    let (index, queries) = load(
        "tests/fixtures/relevance/illinois.toml",
        "tests/fixtures/relevance/illinois-queries.toml",
    );
    assert!(queries.len() >= 25);
    let (first, recall) = run(&index, &queries);
    assert!(first >= 36, "first hits {first} of {}", queries.len());
    assert!(recall >= 0.80, "recall@10 {recall:.2}");
}
