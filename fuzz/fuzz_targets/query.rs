//! The query parser and search on the embedded catalogue with any query text, and need
//! and region names resolved from it. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathways::catalogue::load_embedded;
use pathways::search::{Index, Query, resolve_need, resolve_region, search_limited};
use std::sync::{Arc, OnceLock};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(Arc::new(load_embedded().expect("the embedded catalogue"))))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let index = index();
    let catalogue = index.catalogue();
    let _ = resolve_need(catalogue, text);
    let _ = resolve_region(catalogue, text);
    let query = Query {
        text: text.to_string(),
        ..Query::default()
    };
    let _ = search_limited(index, &query, 50);
});
