//! The random-key soak: 20,000 seeded keys (and a few pastes and resizes) through the real
//! key tables, `update` and `view`, on the default catalogue, drawing every screen. It
//! fails on a panic, and on a single key that takes longer than a generous limit (a hang).
//!
//! Ignored by default (it takes a while on a debug build); CI runs it:
//! `cargo test --test tui_soak -- --ignored`. `PATHWAYS_SOAK_SEED` and `PATHWAYS_SOAK_KEYS`
//! replay or lengthen a run; a failure names the seed and the step.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pathways::catalogue::{Catalogue, Origin};
use pathways::tui::{Action, App, Effect, HistoryStats, Options, keys, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A small, seeded generator (xorshift64*): the same seed replays the same keys.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const TEXT: &[char] = &[
    'a', 'e', 's', 'h', 'l', 't', 'r', 'n', 'o', 'c', 'y', 'q', 'k', 'j', 'p', '?', '/', ' ', 'м',
    'и', 'н', 'с', 'к', '1', '-',
];

const CODES: &[KeyCode] = &[
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::F(1),
];

const CTRL: &[char] = &[
    'l', 'w', 'u', 'a', 'e', 'k', 'j', 'n', 'p', 'y', 'o', 't', 'r',
];

fn random_key(rng: &mut Rng) -> KeyEvent {
    match rng.below(10) {
        0..=4 => KeyEvent::new(
            KeyCode::Char(TEXT[rng.below(TEXT.len())]),
            KeyModifiers::NONE,
        ),
        5..=7 => KeyEvent::new(CODES[rng.below(CODES.len())], KeyModifiers::NONE),
        8 => KeyEvent::new(
            KeyCode::Char(CTRL[rng.below(CTRL.len())]),
            KeyModifiers::CONTROL,
        ),
        _ => KeyEvent::new(
            KeyCode::Char(if rng.below(2) == 0 { 'b' } else { 'f' }),
            KeyModifiers::ALT,
        ),
    }
}

/// What the event loop would do with an effect, without a terminal or files.
fn settle(app: &mut App, effect: Effect) {
    match effect {
        Effect::Deliver { .. } => {
            update(app, Action::NoteDelivered("sent".into()));
        }
        Effect::LoadHistory => {
            update(app, Action::HistoryLoaded(HistoryStats::default()));
        }
        _ => {}
    }
    if app.search_due() {
        app.refresh();
    }
}

#[test]
#[ignore = "long: run with --ignored (CI does)"]
fn twenty_thousand_random_keys_never_panic_or_hang() {
    let seed: u64 = std::env::var("PATHWAYS_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(14);
    let count: usize = std::env::var("PATHWAYS_SOAK_KEYS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let catalogue = Catalogue::from_text(
        include_str!("../data/catalogue.toml"),
        Origin::Text("catalogue.toml".into()),
    )
    .unwrap();
    let mut app = App::new(Arc::new(catalogue), Options::default());
    app.refresh();
    let mut rng = Rng(seed.max(1));
    let sizes = [(80, 24), (120, 40), (50, 20), (20, 6)];
    let mut terminals: Vec<Terminal<TestBackend>> = sizes
        .iter()
        .map(|&(w, h)| Terminal::new(TestBackend::new(w, h)).unwrap())
        .collect();
    let limit = Duration::from_secs(2);
    for step in 0..count {
        let started = Instant::now();
        let effect = match rng.below(200) {
            0 => update(&mut app, Action::Paste("шелтер\nGomel\t\u{1b}[2J".into())),
            1 => update(&mut app, Action::Resize),
            _ => {
                let key = random_key(&mut rng);
                match keys::action_for(&app, &key) {
                    Some(action) => update(&mut app, action),
                    None => Effect::None,
                }
            }
        };
        settle(&mut app, effect);
        let terminal = if step % 50 == 0 {
            &mut terminals[rng.below(sizes.len())]
        } else {
            &mut terminals[0]
        };
        terminal.draw(|frame| view(&app, frame)).unwrap();
        assert!(
            started.elapsed() < limit,
            "seed {seed}, step {step}: one key took {:?}",
            started.elapsed()
        );
    }
}
