//! Search benchmarks on synthetic catalogues of 1k, 10k and 100k services:
//! index build; a 3-character text alone (the hard case: nothing narrows it); three words
//! (one no service mentions); a typo; the 3-character text with a region and a need (the
//! usual case); a query typed one character at a time.
//!
//! `cargo bench --bench search` (100k runs are kept short: the build machine is shared).

#[path = "support/synthetic.rs"]
mod synthetic;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pathways::catalogue::{Catalogue, Origin};
use pathways::search::{Index, Query, Searcher, search_limited};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

/// What a first screen shows.
const LIMIT: usize = 50;
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn catalogue(services: usize) -> Arc<Catalogue> {
    let text = synthetic::generate(services, 1);
    Arc::new(Catalogue::from_text(&text, Origin::Text("synthetic".into())).expect("synthetic"))
}

fn filtered(catalogue: &Catalogue, text: &str) -> Query {
    Query {
        text: text.into(),
        region: catalogue.region_by_id("gomel"),
        needs: catalogue.need_by_id("shelter").into_iter().collect(),
        ..Query::default()
    }
}

fn benches(c: &mut Criterion) {
    for services in SIZES {
        let catalogue = catalogue(services);
        let mut group = c.benchmark_group("search");
        if services >= 100_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(4));
        } else {
            group
                .sample_size(20)
                .measurement_time(Duration::from_secs(3));
        }
        group.bench_function(BenchmarkId::new("index_build", services), |b| {
            b.iter(|| Index::build(black_box(catalogue.clone())))
        });
        let index = Index::build(catalogue.clone());
        let alone = Query {
            text: "she".into(),
            ..Query::default()
        };
        group.bench_function(BenchmarkId::new("text_alone", services), |b| {
            b.iter(|| search_limited(&index, black_box(&alone), LIMIT))
        });
        // Several words, one of them in no service (dropped with a notice), and a typo (the
        // deletion index is built on the first typo, as in a session).
        for (name, text) in [("words_3", "shelter food enrollment"), ("typo", "sheltr")] {
            let query = Query {
                text: text.into(),
                ..Query::default()
            };
            search_limited(&index, &query, LIMIT);
            group.bench_function(BenchmarkId::new(name, services), |b| {
                b.iter(|| search_limited(&index, black_box(&query), LIMIT))
            });
        }
        let usual = filtered(&catalogue, "she");
        group.bench_function(BenchmarkId::new("text_region_need", services), |b| {
            b.iter(|| search_limited(&index, black_box(&usual), LIMIT))
        });
        // "Open now" with a region and a need; the hours are parsed on the first call and
        // kept in the index, as in a session.
        let open = Query {
            open_at: "2025-03-04T08:00:00Z".parse().ok(),
            ..filtered(&catalogue, "")
        };
        search_limited(&index, &open, LIMIT);
        group.bench_function(BenchmarkId::new("open_at_region_need", services), |b| {
            b.iter(|| search_limited(&index, black_box(&open), LIMIT))
        });
        let typed = ["s", "sh", "she", "shel", "shelt"];
        group.bench_function(BenchmarkId::new("typing_5_keys", services), |b| {
            b.iter(|| {
                let mut searcher = Searcher::new();
                for text in typed {
                    let query = Query {
                        text: text.into(),
                        ..Query::default()
                    };
                    black_box(searcher.search(&index, &query, LIMIT));
                }
            })
        });
        group.finish();
    }
}

criterion_group!(search, benches);
criterion_main!(search);
