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

/// The most rows a long message may take.
const MAX_ROWS: usize = 3;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Paragraph::new(lines(app, theme, area.width)), area);
}

/// The rows the status line takes at this width: one, or more for a long message.
pub fn height(app: &App, width: u16) -> u16 {
    u16::try_from(lines(app, &Theme::mono(), width).len()).unwrap_or(1)
}

/// The counts, then the message or the hints. A message wins: it is shown whole, after
/// the counts when both fit on the line, else alone over as many rows as it needs. Next
/// comes the dropped-word notice, shown the same way; then the counts, then the hints.
/// Hints that do not fit whole are left out rather than cut.
fn lines(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let counts = counts(app);
    let Some(message) = app.status.as_ref().or(app.notice.as_ref()) else {
        let mut spans = vec![Span::styled(counts.clone(), theme.title)];
        let mut used = counts.chars().count();
        for (key, word) in hints(app) {
            let hint = format!("{key} {word}  ");
            used += hint.chars().count();
            if used > width + 2 {
                break;
            }
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::raw(format!(" {word}  ")));
        }
        return vec![Line::from(spans)];
    };
    let message = crate::text::one_line(message);
    if counts.chars().count() + message.chars().count() <= width {
        return vec![Line::from(vec![
            Span::styled(counts, theme.title),
            Span::styled(message, theme.warning),
        ])];
    }
    let mut rows = super::wrapped(&message, width, theme.warning);
    rows.truncate(MAX_ROWS);
    rows
}

/// "4 services  basket 1  " and, when follow-ups are due, "due 3  ".
fn counts(app: &App) -> String {
    let count = if app.search_due() && app.hits.is_empty() {
        "searching".to_string()
    } else {
        let n = app.hits.len();
        let more = if app.more { "+" } else { "" };
        format!("{n}{more} service{}", if n == 1 { "" } else { "s" })
    };
    let due = match app.due {
        Some(due) if due > 0 => format!("due {due}  "),
        _ => String::new(),
    };
    format!("{count}  basket {}  {due}", app.basket.len())
}

/// The keys that matter in the focused pane, as (key, what it does).
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let wanted: &[(&[Binding], Action, &'static str)] = match (&app.overlay, app.focus) {
        (Overlay::Picker(_), _) => &[
            (keys::PICKER, Action::PickerApply, "apply"),
            (keys::PICKER, Action::PickerToggle, "mark"),
            (keys::PICKER, Action::PickerCancel, "cancel"),
        ],
        (Overlay::Compose(_), _) => &[
            (keys::COMPOSE, Action::FocusNext, "next field"),
            (keys::COMPOSE, Action::CopyNote, "copy"),
            (keys::COMPOSE, Action::WriteNote, "file"),
            (keys::COMPOSE, Action::CloseOverlay, "back"),
            (keys::COMPOSE, Action::TogglePreview, "preview"),
            (keys::COMPOSE, Action::CycleRight, "choice"),
        ],
        (Overlay::Help { .. } | Overlay::Stats { .. }, _) => {
            &[(keys::OVERLAY, Action::CloseOverlay, "close")]
        }
        (Overlay::FollowUps(view), _) if view.picking.is_some() => &[
            (keys::OUTCOMES, Action::Submit, "record"),
            (keys::OUTCOMES, Action::CloseOverlay, "back"),
        ],
        (Overlay::FollowUps(_), _) => &[
            (keys::FOLLOW_UPS, Action::Submit, "outcome"),
            (keys::FOLLOW_UPS, Action::CloseOverlay, "close"),
        ],
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
    wanted
        .iter()
        .filter_map(|(table, action, word)| keys::first_key(table, action).map(|key| (key, *word)))
        .collect()
}
