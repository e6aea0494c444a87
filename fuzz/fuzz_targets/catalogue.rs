//! The catalogue loader on any text: record splitting, TOML, every record's checks,
//! linking and warnings. It may refuse the text; it may not panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathways::catalogue::{LoadOptions, Origin, parse_with};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_with(text, Origin::Text("fuzz".into()), LoadOptions::for_check());
    }
});
