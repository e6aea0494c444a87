//! Key to frame: the time from a key event to a finished frame — `update`, the search it
//! triggers, and `view` into a buffer — on synthetic catalogues of 10k and 100k services.
//! Targets: under 10 ms at 10k; under 16 ms (one frame at 60 Hz) at 100k with a region and
//! a need filter set.
//!
//! Each iteration types one character or deletes it again (alternating), so every
//! iteration is a real edit that needs a new search, as when an operator types.
//!
//! `cargo bench --bench frame` (sample sizes are small: the build machine is shared).

#[path = "support/synthetic.rs"]
mod synthetic;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pathways::catalogue::{Catalogue, Origin};
use pathways::tui::{App, Options, Runner, keys, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;

fn app(services: usize, filtered: bool) -> App {
    let text = synthetic::generate(services, 1);
    let catalogue = Catalogue::from_text(&text, Origin::Text("synthetic".into())).expect("parses");
    let catalogue = Arc::new(catalogue);
    let region = catalogue.region_by_id("gomel");
    let need = catalogue.need_by_id("shelter");
    let mut app = App::new(
        catalogue,
        Options {
            color: true,
            ..Options::default()
        },
    );
    if filtered {
        app.filters.region = region;
        app.filters.needs = need.into_iter().collect();
        assert!(app.filters.region.is_some() && !app.filters.needs.is_empty());
    }
    for c in "medic".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    app.refresh();
    app
}

fn press(app: &mut App, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = keys::action_for(app, &event) {
        update(app, action);
    }
}

/// One key to one frame: the key through the key table and `update`, the search, the view.
fn key_to_frame(
    app: &mut App,
    runner: &mut Runner,
    terminal: &mut Terminal<TestBackend>,
    typing: &mut bool,
) {
    let code = if *typing {
        KeyCode::Char('a')
    } else {
        KeyCode::Backspace
    };
    *typing = !*typing;
    press(app, code);
    app.refresh_with(runner);
    terminal.draw(|frame| view(app, frame)).expect("draws");
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_to_frame");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    for (services, filtered, name) in [
        (10_000, false, "10k"),
        (10_000, true, "10k_region_need"),
        (100_000, true, "100k_region_need"),
        (100_000, false, "100k"),
    ] {
        let mut app = app(services, filtered);
        let mut runner = Runner;
        for (width, height) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
            let mut typing = true;
            let id = BenchmarkId::new(name, format!("{width}x{height}"));
            group.bench_function(id, |b| {
                b.iter(|| key_to_frame(&mut app, &mut runner, &mut terminal, &mut typing))
            });
        }
    }
    group.finish();
    parts(c);
}

/// The same key split in its two halves, to see where a frame's time goes: the key with its
/// search (no drawing), and drawing alone.
fn parts(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_parts");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for (services, filtered, name) in [(10_000, false, "10k"), (100_000, true, "100k_region_need")]
    {
        let mut app = app(services, filtered);
        let mut runner = Runner;
        let mut typing = true;
        group.bench_function(BenchmarkId::new("update_and_search", name), |b| {
            b.iter(|| {
                let code = if typing {
                    KeyCode::Char('a')
                } else {
                    KeyCode::Backspace
                };
                typing = !typing;
                press(&mut app, code);
                app.refresh_with(&mut runner);
            })
        });
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        group.bench_function(BenchmarkId::new("view_80x24", name), |b| {
            b.iter(|| {
                terminal.draw(|frame| view(&app, frame)).expect("draws");
            })
        });
    }
    group.finish();
}

criterion_group!(frame, benches);
criterion_main!(frame);
