//! Judged query sets (written before any search was run; see `tests/fixtures/relevance/`):
//! the default catalogue and the Illinois legal-aid directory, the latter imported from its
//! HSDS CSV files by the importer, as an operator would. Each query must list a relevant
//! service in its first ten, and each set must reach its first-hit count and recall@10, so a
//! change that loses relevance fails here.

use pathways::catalogue::{Catalogue, Origin, Service};
use pathways::search::Index;
use pathways::search::judged::{JudgedQuery, judge, pathways_top10, read_queries};
use std::path::Path;
use std::sync::Arc;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn queries(path: &str) -> Vec<JudgedQuery> {
    read_queries(&std::fs::read_to_string(manifest().join(path)).unwrap()).unwrap()
}

/// Runs a set; returns (first hits, mean recall@10), after checking every query has a
/// relevant service in its top ten. `judged` turns a ranking's ids into the set's ids.
fn run(
    index: &Index,
    queries: &[JudgedQuery],
    judged: impl Fn(Vec<String>) -> Vec<String>,
) -> (usize, f64) {
    let mut first = 0;
    let mut recall = 0.0;
    let mut empty = Vec::new();
    for q in queries {
        let ranked = judged(pathways_top10(index, q));
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

/// The Illinois legal-aid directory, imported from its HSDS 1.1 CSV files.
fn illinois() -> Index {
    let dir = manifest().join("tests/fixtures/hsds/illinois-legal-aid-1.1");
    let options = pathways::hsds::Options::default();
    let hidden = indicatif::ProgressBar::hidden();
    let imported = pathways::hsds::import(&dir, &options, None, &hidden).expect("imports");
    let catalogue =
        Catalogue::from_text(&imported.toml, Origin::Text("illinois".into())).expect("loads");
    Index::build(Arc::new(catalogue))
}

/// The judged id of an imported service: `il-` and the HSDS service id its `source` names
/// (`…, HSDS service 12` or `…, HSDS service 12 at location 3`).
fn judged_id(service: &Service) -> Option<String> {
    let (_, rest) = service.source.as_deref()?.rsplit_once("HSDS service ")?;
    let id = rest.split(" at location").next()?;
    Some(format!("il-{id}"))
}

#[test]
fn default_catalogue_set() {
    let catalogue = pathways::catalogue::load(&manifest().join("data/catalogue.toml")).unwrap();
    let index = Index::build(Arc::new(catalogue));
    let queries = queries("tests/fixtures/relevance/default-queries.toml");
    assert!(queries.len() >= 15);
    let (first, recall) = run(&index, &queries, |ids| ids);
    println!("default catalogue: {first} first hits, recall@10 {recall:.3}");
    // The floors are the measured figures: a query lost fails.
    assert_eq!(first, queries.len(), "first hits");
    assert!(recall >= 1.0, "recall@10 {recall:.3}");
}

#[test]
fn illinois_legal_aid_set() {
    let index = illinois();
    let catalogue = index.catalogue().clone();
    // A service offered at several locations is imported once a location: each counts
    // once, where it first appears.
    let judged = |ids: Vec<String>| {
        let mut out: Vec<String> = Vec::new();
        for id in ids {
            let service = &catalogue.services[catalogue.service_by_id(&id).unwrap()];
            let judged = judged_id(service).expect("the importer names the HSDS service");
            if !out.contains(&judged) {
                out.push(judged);
            }
        }
        out
    };
    let queries = queries("tests/fixtures/relevance/illinois-queries.toml");
    assert!(queries.len() >= 25);
    let (first, recall) = run(&index, &queries, judged);
    println!("Illinois, imported: {first} first hits, recall@10 {recall:.3}");
    // The floors are the measured figures (39 of 40, 0.952): a query lost fails.
    assert!(first >= 39, "first hits {first} of {}", queries.len());
    assert!(recall >= 0.952, "recall@10 {recall:.3}");
}
