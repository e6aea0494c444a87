//! Times the stages of one search on a catalogue file: load, index build, query.
//! `cargo run --release --example search_timing -- /tmp/syn10k.toml she`

use pathways::search::{Index, Query, search_limited};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "/tmp/syn10k.toml".into());
    let text: Vec<String> = args.collect();
    let start = Instant::now();
    let Ok(catalogue) = pathways::catalogue::load(std::path::Path::new(&path)) else {
        eprintln!("cannot load {path}");
        return;
    };
    let loaded = start.elapsed();
    let catalogue = Arc::new(catalogue);
    let start = Instant::now();
    let index = Index::build(catalogue.clone());
    let built = start.elapsed();
    let query = Query {
        text: text.join(" "),
        ..Query::default()
    };
    let start = Instant::now();
    let hits = search_limited(&index, &query, 50);
    let searched = start.elapsed();
    println!(
        "services {} load {loaded:?} index {built:?} search {searched:?} hits {}",
        catalogue.services.len(),
        hits.len()
    );
}
