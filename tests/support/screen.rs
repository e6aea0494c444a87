//! The directory without a terminal, for the tests that drive `update` and draw `view`
//! into a `TestBackend`: one way to build an app with the clock pinned, to apply actions as
//! the event loop would (searching again when one is due), to press keys through the key
//! tables, and to read the screen as text.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pathways::catalogue::{Catalogue, Origin};
use pathways::tui::text_field::Edit;
use pathways::tui::{Action, App, Effect, Options, PickerKind, keys, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::sync::Arc;

/// A small catalogue with every feature the screen shows: a region tree, nested needs,
/// closed, alert, STALE, hours, public and staff-only phones and contacts.
pub const TUI_CATALOGUE: &str = include_str!("../fixtures/tui.toml");

/// The moment the screen tests pin unless they say otherwise (a Monday morning in Minsk).
pub const MORNING: &str = "2026-11-23T09:00:00Z";

/// Pins the clock at `now` for everything the screen derives from today.
pub fn pin(app: &mut App, now: &str) {
    let now: jiff::Timestamp = now.parse().expect("a timestamp");
    app.now = now;
    app.today = now.to_zoned(app.catalogue().time_zone()).date();
}

/// The directory on `text` at `now`, with its first results listed.
pub fn app_at(text: &str, origin: Origin, options: Options, now: &str) -> App {
    let catalogue = Catalogue::from_text(text, origin).expect("the test catalogue parses");
    let mut app = App::new(Arc::new(catalogue), options);
    pin(&mut app, now);
    app.refresh();
    app
}

/// [`app_at`] on a Monday morning ([`MORNING`]).
pub fn app_with(text: &str, origin: Origin, options: Options) -> App {
    app_at(text, origin, options, MORNING)
}

/// Applies actions, re-running the search after each one as the event loop would.
pub fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    actions
        .into_iter()
        .map(|action| {
            let effect = update(app, action);
            if app.search_due() {
                app.refresh();
            }
            effect
        })
        .collect()
}

/// The actions of typing `text` into the focused field.
pub fn typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Text(Edit::Insert(c)))
        .collect()
}

/// Presses a key through the key tables, then updates.
pub fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Effect {
    let event = KeyEvent::new(code, modifiers);
    match keys::action_for(app, &event) {
        Some(action) => run(app, [action]).remove(0),
        None => Effect::None,
    }
}

/// Selects a hit by service id (the order of hits is the search engine's business).
pub fn select(app: &mut App, id: &str) {
    app.selected = app
        .hits
        .iter()
        .position(|h| app.catalogue().services[h.service].id == id)
        .expect("the service is listed");
}

/// The id of the selected service.
pub fn selected_id(app: &App) -> String {
    let service = app.selected_service().expect("a selection");
    app.catalogue().services[service].id.clone()
}

/// A picker open from the list; in the need picker one need marked.
pub fn open_picker(app: &mut App, kind: PickerKind) {
    run(app, [Action::FocusNext, Action::OpenPicker(kind)]);
    if kind == PickerKind::Need {
        run(
            app,
            [Action::MoveDown, Action::PickerToggle, Action::MoveDown],
        );
    }
}

/// The directory drawn once at `width` x `height`.
pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|frame| view(app, frame)).expect("a frame");
    terminal
}

/// A drawn buffer as text, one line a row.
pub fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The directory drawn at `width` x `height`, as text.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    text_of(render(app, width, height).backend().buffer())
}
