//! The directory's compact heap (`memory::use_compact_heap`): a process-wide switch, so
//! it is tested in a binary of its own, where no other test depends on it being off.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use pathways::catalogue::{Catalogue, Origin};
use pathways::search::{Index, Query, search};
use std::sync::Arc;

fn text(text: &str) -> Query {
    Query {
        text: text.into(),
        ..Query::default()
    }
}

/// The directory (compact heap) reads back the entries it has just written, so its
/// catalogue and index are laid out end to end: they must be the parsed and built ones.
#[test]
fn a_catalogue_and_index_read_back_for_the_directory_are_the_parsed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("syn.toml");
    let generated = synthetic::generate(300, 5);
    std::fs::write(&file, &generated).unwrap();
    let parsed = Catalogue::from_text(&generated, Origin::File(file.clone())).unwrap();
    pathways::memory::use_compact_heap();
    let cache = dir.path().join("cache");
    let (relaid, slot) = pathways::catalogue::load_cached_slot(&file, &cache).unwrap();
    let ids = |c: &Catalogue| c.services.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&relaid), ids(&parsed));
    assert_eq!(relaid.origin, parsed.origin, "the origin is this run's");
    let relaid = Arc::new(relaid);
    let built = Index::build(relaid.clone());
    let read_back = Index::cached(relaid, slot.as_ref());
    for query in ["she", "pomo", "vrach", "support 12", "kosh !she"] {
        let query = text(query);
        assert_eq!(
            search(&built, &query),
            search(&read_back, &query),
            "{}",
            query.text
        );
    }
}
