//! Referral notes: rendering a note (what the TUI's live preview does on every keystroke)
//! and counting a year of history for `stats`.

use criterion::{Criterion, criterion_group, criterion_main};
use pathways::catalogue::{Catalogue, Origin};
use pathways::config::Config;
use pathways::referral::{
    ConsentKind, Draft, Grouping, NoteFormat, Record, Template, count, render,
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

fn bench_stats(c: &mut Criterion) {
    let catalogue = fixture();
    let now: jiff::Zoned = "2026-11-23T14:05:00+03:00[Europe/Minsk]".parse().unwrap();
    let one = Record::new(&draft(&["full-shelter", "bare-clinic"]), "en", &now, false);
    let records: Vec<Record> = (0..10_000).map(|_| one.clone()).collect();
    c.bench_function("stats by need, 10000 records", |b| {
        b.iter(|| count(black_box(&records), Grouping::Need, &catalogue))
    });
}

criterion_group!(benches, bench_render, bench_stats);
criterion_main!(benches);
