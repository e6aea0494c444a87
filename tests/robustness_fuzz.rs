//! Fuzzing that stays in the suite: valid catalogues mutated (bytes flipped, lines cut and
//! copied, random Unicode and long strings put in) and loaded in process, then shown,
//! searched and printed as the commands would. Nothing may panic, and nothing shown may
//! carry a control byte. Every few cases the real binary runs on the mutant too, for the
//! exit codes of the contract (0, 1, 2, 3) and a clean stdout.
//!
//! Bounded to about a minute on a debug build on 2 cores (`FUZZ_CASES` and the deadline
//! below). `cargo fuzz` targets under `fuzz/` run the same loader for as long as one likes
//! (see docs/robustness.md). Inputs that ever crashed or hung live in
//! `tests/fixtures/regressions/` and are replayed by `every_kept_regression_loads`.

mod support;

use pathways::card::{CardOptions, render_plain, service_card};
use pathways::catalogue::{Catalogue, LoadOptions, load_with};
use pathways::search::{Index, Query, search_limited};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Valid catalogues the mutations start from.
const BASES: [&str; 5] = [
    include_str!("fixtures/referral.toml"),
    include_str!("fixtures/search.toml"),
    include_str!("fixtures/tricky/comment-triple-quotes.toml"),
    include_str!("fixtures/tricky/quotes-inside-multi-line.toml"),
    include_str!("fixtures/tricky/dotted-keys-and-spanning-values.toml"),
];

const FUZZ_CASES: u32 = 1000;
const DEADLINE: Duration = Duration::from_secs(50);
/// One case in this many also runs the binary.
const BINARY_EVERY: u32 = 20;

/// One change to a catalogue's bytes; positions are taken modulo the length.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(usize, u8),
    CutLine(usize),
    CopyLine(usize, usize),
    InsertChar(usize, char),
    LongString(usize, char, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, mask)| Mutation::FlipByte(at, mask)),
        any::<usize>().prop_map(Mutation::CutLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::CopyLine(a, b)),
        (any::<usize>(), any::<char>()).prop_map(|(at, c)| Mutation::InsertChar(at, c)),
        (any::<usize>(), any::<char>(), 1..200_000usize)
            .prop_map(|(at, c, n)| Mutation::LongString(at, c, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn line_bounds(bytes: &[u8], which: usize) -> std::ops::Range<usize> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(newlines(bytes).map(|i| i + 1))
        .filter(|&s| s < bytes.len())
        .collect();
    if starts.is_empty() {
        return 0..0;
    }
    let start = starts[which % starts.len()];
    let end = bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| start + i + 1);
    start..end
}

fn newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::FlipByte(at, mask) => {
                if !bytes.is_empty() {
                    bytes[at % len] ^= mask;
                }
            }
            Mutation::CutLine(which) => {
                let range = line_bounds(&bytes, which);
                bytes.drain(range);
            }
            Mutation::CopyLine(from, to) => {
                let line = bytes[line_bounds(&bytes, from)].to_vec();
                let at = line_bounds(&bytes, to).start;
                bytes.splice(at..at, line);
            }
            Mutation::InsertChar(at, c) => {
                let mut buffer = [0; 4];
                let at = at % len;
                bytes.splice(at..at, c.encode_utf8(&mut buffer).bytes());
            }
            Mutation::LongString(at, c, n) => {
                let at = at % len;
                let long: String = std::iter::repeat_n(c, n).collect();
                bytes.splice(at..at, long.into_bytes());
            }
            Mutation::Truncate(at) => bytes.truncate(at % len),
        }
    }
    bytes
}

/// A control byte other than newline and tab, in text meant for a terminal or a script.
fn control_byte(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// Shows, prints as JSON and searches what loaded, as the commands do.
fn exercise(catalogue: Catalogue, query: &str) -> Result<(), TestCaseError> {
    let catalogue = Arc::new(catalogue);
    let _ = pathways::context::texts::degraded(&catalogue).map(|line| line.to_string());
    for (i, _) in catalogue.services.iter().enumerate().take(20) {
        let card = render_plain(&service_card(
            &catalogue,
            i,
            &CardOptions::public(&catalogue, i),
        ));
        prop_assert!(control_byte(&card).is_none(), "control in card: {card:?}");
        let json = pathways::cli::show::service_json(&catalogue, i, true).to_string();
        prop_assert!(control_byte(&json).is_none(), "control in JSON: {json:?}");
    }
    let index = Index::build(catalogue.clone());
    let query = Query {
        text: query.to_string(),
        open_at: Some(jiff::Timestamp::MAX),
        ..Query::default()
    };
    for hit in search_limited(&index, &query, 20) {
        let why = pathways::text::one_line(&hit.why());
        prop_assert!(control_byte(&why).is_none());
    }
    Ok(())
}

/// Runs the binary on the mutant: exit codes of the contract, no control byte on stdout.
fn run_binary(file: &Path, query: &str, id: Option<&str>) -> Result<(), TestCaseError> {
    let sandbox = support::Sandbox::new();
    let mut runs: Vec<Vec<String>> = vec![
        vec!["check".into(), file.display().to_string()],
        vec!["search".into(), "--".into(), query.into()],
    ];
    if let Some(id) = id {
        runs.push(vec!["show".into(), id.into()]);
    }
    for args in runs {
        let output = sandbox
            .command_at(support::NOW)
            .arg("--catalogue")
            .arg(file)
            .args(&args)
            .timeout(Duration::from_secs(30))
            .output()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let code = output.status.code();
        prop_assert!(
            matches!(code, Some(0..=3)),
            "{args:?}: exit {code:?}, {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        prop_assert!(control_byte(&stdout).is_none(), "{args:?}: {stdout:?}");
    }
    Ok(())
}

#[test]
fn mutated_catalogues_never_panic_or_print_controls() {
    let config = Config {
        cases: FUZZ_CASES,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fixtures/regressions/proptest-seeds.txt",
        ))),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let cases = std::sync::atomic::AtomicU32::new(0);
    let strategy = (
        0..BASES.len(),
        proptest::collection::vec(mutation(), 1..6),
        "\\PC{0,40}",
    );
    runner
        .run(&strategy, |(base, mutations, query)| {
            let case = cases.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if started.elapsed() > DEADLINE {
                return Ok(());
            }
            let bytes = apply(BASES[base].as_bytes().to_vec(), &mutations);
            let file = dir.path().join(format!("case-{case}.toml"));
            std::fs::write(&file, &bytes).unwrap();
            let loaded = load_with(&file, LoadOptions::for_check());
            let first_id = loaded
                .as_ref()
                .ok()
                .and_then(|c| c.services.first())
                .map(|s| s.id.clone());
            if let Ok(catalogue) = loaded {
                exercise(catalogue, &query)?;
            }
            if case.is_multiple_of(BINARY_EVERY) {
                run_binary(&file, &query, first_id.as_deref())?;
            }
            let _ = std::fs::remove_file(&file);
            Ok(())
        })
        .unwrap();
}

/// Every input that ever crashed or hung, kept, must load (or be refused) without a panic
/// and print nothing unsafe.
#[test]
fn every_kept_regression_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert!(
        !files.is_empty(),
        "the regressions directory holds its inputs"
    );
    for file in files {
        if let Ok(catalogue) = load_with(&file, LoadOptions::for_check()) {
            exercise(catalogue, "a").unwrap();
        }
        run_binary(&file, "a", None).unwrap();
    }
}
