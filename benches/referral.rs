//! Referral notes: rendering a note (what the TUI's live preview does on every keystroke)
//! and counting and listing a referral log for `stats` and `history --due`.

use criterion::{Criterion, criterion_group, criterion_main};
use pathways::catalogue::{Catalogue, Origin};
use pathways::config::Config;
use pathways::referral::{
    ConsentKind, Draft, Grouping, NoteFormat, Record, ReferralLog, Template, count, render,
};
use std::hint::black_box;

fn fixture() -> Catalogue {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/referral.toml");
    let text = std::fs::read_to_string(path).expect("fixture catalogue");
    Catalogue::from_text(&text, Origin::Text("fixture".into())).expect("fixture loads")
}

fn draft(services: &[&str]) -> Draft {
    let mut draft = Draft::new(
        services.iter().map(|s| s.to_string()).collect(),
        jiff::civil::date(2026, 11, 23),
        "PW-20261123-140500-ABCD".into(),
        &Config::default(),
    );
    draft.consent = Some(ConsentKind::Verbal);
    draft.case_ref = "C-0042".into();
    draft.reason = "Family of four, needs a place tonight".into();
    draft.needs = vec!["shelter".into(), "medical-referral".into()];
    draft
}

fn bench_render(c: &mut Criterion) {
    let catalogue = fixture();
    let three = draft(&["full-shelter", "bare-clinic", "closed-advice"]);
    for name in ["en", "ru"] {
        let template = Template::find(name, None).expect("built-in");
        c.bench_function(&format!("render {name} 3 services text"), |b| {
            b.iter(|| render(black_box(&three), &catalogue, &template, NoteFormat::Text))
        });
    }
}

/// Counting and listing in a referral log of 10,000 referrals (in a temporary file).
fn bench_log(c: &mut Criterion) {
    let catalogue = fixture();
    let now: jiff::Zoned = "2026-11-23T14:05:00+03:00[Europe/Minsk]".parse().unwrap();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut log = ReferralLog::open(dir.path().join("referrals.db")).expect("the log opens");
    let records: Vec<Record> = (0..10_000)
        .map(|i| {
            let mut one = draft(&["full-shelter", "bare-clinic"]);
            one.note_ref = format!("PW-20261123-140500-{i:04X}");
            Record::new(&one, "en", &now, false)
        })
        .collect();
    log.import(&records).expect("written");
    c.bench_function("stats by need, 10000 referrals", |b| {
        b.iter(|| count(black_box(&log), Grouping::Need, &catalogue))
    });
    c.bench_function("stats by service and outcome, 10000 referrals", |b| {
        b.iter(|| black_box(&log).by_service())
    });
    let later = jiff::civil::date(2026, 12, 31);
    c.bench_function("due list, 10000 referrals all due", |b| {
        b.iter(|| black_box(&log).due(later))
    });
}

criterion_group!(benches, bench_render, bench_log);
criterion_main!(benches);
