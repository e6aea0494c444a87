//! Times the stages of one search on a catalogue file: load, index build, query.
//! `cargo run --release --example search_timing -- /tmp/syn10k.toml she`

use pathways::search::{Index, Query, search_limited};
use std::io::Write;
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
    let peak_loaded = peak_kb();
    let rss_loaded = status_kb("VmRSS:");
    let catalogue = Arc::new(catalogue);
    let start = Instant::now();
    let index = Index::build(catalogue.clone());
    let built = start.elapsed();
    let peak_built = peak_kb();
    let rss_built = status_kb("VmRSS:");
    let query = Query {
        text: text.join(" "),
        ..Query::default()
    };
    let mut hits = Vec::new();
    let mut searched = std::time::Duration::MAX;
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    for _ in 0..repeat {
        let start = Instant::now();
        hits = search_limited(&index, &query, 50);
        searched = searched.min(start.elapsed());
    }
    let report = format!(
        "services {} load {loaded:?} full index {built:?} search (best of {repeat}) {searched:?} hits {}",
        catalogue.services.len(),
        hits.len()
    ) + &format!(
        "\npeak memory: after load {} MB, after index {} MB, at the end {} MB",
        peak_loaded / 1024,
        peak_built / 1024,
        peak_kb() / 1024
    ) + &format!(
        "\nresident: catalogue {} MB, catalogue and index {} MB",
        rss_loaded / 1024,
        rss_built / 1024
    );
    // A closed pipe (`| head`) is not worth a panic.
    let _ = writeln!(std::io::stdout(), "{report}");
}

/// Peak resident memory so far (Linux), in KB; 0 where it cannot be read.
fn peak_kb() -> u64 {
    status_kb("VmHWM:")
}

/// A memory line of /proc/self/status, in KB.
fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}
