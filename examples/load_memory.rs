//! Measures what loading a catalogue costs in memory: resident and peak set size after
//! reading the file, after loading it, and after the text is dropped.
//!
//! `cargo run --release --example load_memory -- CATALOGUE.toml`

use pathways::catalogue::{Catalogue, Origin, read_text};
use std::path::Path;

fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load_memory CATALOGUE.toml");
        std::process::exit(2);
    };
    let text = match read_text(Path::new(&path)) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(2);
        }
    };
    println!("file: {} bytes", text.len());
    println!("after reading: {}", memory());
    let started = std::time::Instant::now();
    let catalogue = match Catalogue::from_text(&text, Origin::File(path.into())) {
        Ok(catalogue) => catalogue,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(2);
        }
    };
    let elapsed = started.elapsed();
    println!(
        "after loading {} services in {elapsed:.2?}: {}",
        catalogue.services.len(),
        memory()
    );
    drop(text);
    println!("after dropping the text: {}", memory());
}
