//! The status line: result count, basket count, and a message or the key hints for the
//! focused pane (taken from the key tables, so they name the real keys).

use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::keys::{self, Binding};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let count = if app.search_due() && app.hits.is_empty() {
        "searching".to_string()
    } else {
        let n = app.hits.len();
        let more = if app.more { "+" } else { "" };
        format!("{n}{more} service{}", if n == 1 { "" } else { "s" })
    };
    let mut spans = vec![
        Span::styled(count, theme.title),
        Span::raw(format!("  basket {}  ", app.basket.len())),
    ];
    match &app.status {
        Some(message) => spans.push(Span::styled(crate::text::one_line(message), theme.warning)),
        None => spans.extend(hints(app, theme)),
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn hints(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let wanted: &[(&[Binding], Action, &str)] = match (&app.overlay, app.focus) {
        (Overlay::Picker(_), _) => &[
            (keys::PICKER, Action::PickerApply, "apply"),
            (keys::PICKER, Action::PickerToggle, "mark"),
            (keys::PICKER, Action::PickerCancel, "cancel"),
        ],
        (Overlay::Compose(_), _) => &[
            (keys::COMPOSE, Action::FocusNext, "next field"),
            (keys::COMPOSE, Action::CycleRight, "choice"),
            (keys::COMPOSE, Action::CopyNote, "copy"),
            (keys::COMPOSE, Action::WriteNote, "file"),
            (keys::COMPOSE, Action::TogglePreview, "preview"),
            (keys::COMPOSE, Action::CloseOverlay, "back"),
        ],
        (Overlay::Help { .. } | Overlay::Stats { .. }, _) => {
            &[(keys::OVERLAY, Action::CloseOverlay, "close")]
        }
        (Overlay::None, Focus::Query) => &[
            (keys::QUERY, Action::FocusNext, "list"),
            (keys::QUERY, Action::Submit, "refer"),
            (keys::QUERY, Action::Escape, "clear"),
            (keys::GLOBAL, Action::Help, "help"),
            (keys::GLOBAL, Action::Quit, "quit"),
        ],
        (Overlay::None, _) => &[
            (keys::COMMANDS, Action::ToggleBasket, "basket"),
            (
                keys::COMMANDS,
                Action::OpenPicker(crate::tui::picker::PickerKind::Need),
                "need",
            ),
            (
                keys::COMMANDS,
                Action::OpenPicker(crate::tui::picker::PickerKind::Region),
                "region",
            ),
            (keys::COMMANDS, Action::Help, "help"),
            (keys::COMMANDS, Action::Quit, "quit"),
        ],
    };
    let mut spans = Vec::new();
    for (table, action, word) in wanted {
        if let Some(key) = keys::first_key(table, action) {
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::raw(format!(" {word}  ")));
        }
    }
    spans
}
