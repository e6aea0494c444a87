//! The status line: what the operator must read now (a message, the new-call question),
//! then the counts, the call's minutes and the key hints of the focused mode (taken from
//! its key tables, so they name the real keys and only keys that act there).
//!
//! At 80 columns not everything fits; pieces are then kept by precedence: message,
//! pending new-call question, the search's dropped-word notice, counts, follow-ups due,
//! call minutes, hints. Each piece carries its rank, so a new one slots in by rank alone.

use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::compose::FieldKind;
use crate::tui::keys;
use crate::tui::theme::Theme;
use crate::tui::update::NEW_CALL_QUESTION;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The most rows a long message may take.
const MAX_ROWS: usize = 3;

/// Precedence when not everything fits (lower is kept first).
mod rank {
    pub const MESSAGE: u8 = 0;
    pub const QUESTION: u8 = 1;
    pub const DROPPED: u8 = 2;
    pub const COUNTS: u8 = 3;
    pub const DUE: u8 = 4;
    pub const MINUTES: u8 = 5;
    pub const HINTS: u8 = 6;
}

/// One piece of the status line.
struct Piece {
    rank: u8,
    spans: Vec<Span<'static>>,
}

impl Piece {
    fn new(rank: u8, text: String, style: Style) -> Piece {
        Piece {
            rank,
            spans: vec![Span::styled(text, style)],
        }
    }

    fn width(&self) -> usize {
        self.spans.iter().map(Span::width).sum()
    }
}

/// Draws the status line's rows, as [`lines`] built them for this frame.
pub fn render(lines: Vec<Line<'static>>, frame: &mut Frame, area: Rect) {
    frame.render_widget(Paragraph::new(lines), area);
}

/// The message, else the search's dropped-word notice (a message hides the notice).
fn message(app: &App) -> Option<&String> {
    app.status.as_ref().or(app.notice.as_ref())
}

/// What must be read now: the message (or notice) and the new-call question.
fn urgent(app: &App) -> Option<String> {
    let message = message(app).map(|m| crate::text::one_line(m));
    let question = app.new_call_asked.then(|| NEW_CALL_QUESTION.to_string());
    match (message, question) {
        (Some(m), Some(q)) => Some(format!("{m}; {q}")),
        (m, q) => m.or(q),
    }
}

/// The pieces in the order they are drawn.
fn pieces(app: &App, theme: &Theme) -> Vec<Piece> {
    let mut pieces = vec![Piece::new(rank::COUNTS, counts(app), theme.title)];
    if let Some(due) = app.due.filter(|&due| due > 0) {
        pieces.push(Piece::new(rank::DUE, format!("due {due}  "), theme.title));
    }
    if let Some(minutes) = app.call_minutes() {
        pieces.push(Piece::new(
            rank::MINUTES,
            format!("{minutes} min  "),
            theme.title,
        ));
    }
    if let Some(message) = message(app) {
        let rank = if app.status.is_some() {
            rank::MESSAGE
        } else {
            rank::DROPPED
        };
        pieces.push(Piece::new(
            rank,
            format!("{}  ", crate::text::one_line(message)),
            theme.warning,
        ));
    }
    if app.new_call_asked {
        pieces.push(Piece::new(
            rank::QUESTION,
            format!("{NEW_CALL_QUESTION}  "),
            theme.warning,
        ));
    }
    if message(app).is_none() && !app.new_call_asked {
        for (key, word) in hints(app) {
            pieces.push(Piece {
                rank: rank::HINTS,
                spans: vec![
                    Span::styled(key, theme.key),
                    Span::raw(format!(" {word}  ")),
                ],
            });
        }
    }
    pieces
}

/// One row of the pieces that fit, kept by rank; a message or question too long for the
/// row is shown alone over as many rows as it needs (at most [`MAX_ROWS`]). Its length is
/// the status line's height.
pub fn lines(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    if let Some(urgent) = urgent(app)
        && Span::raw(urgent.as_str()).width() > width
    {
        let mut rows = super::wrapped(&urgent, width, theme.warning);
        rows.truncate(MAX_ROWS);
        return rows;
    }
    let pieces = pieces(app, theme);
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| pieces[i].rank);
    let mut keep = vec![false; pieces.len()];
    // The trailing two spaces of the last piece may hang over the edge.
    let mut used = 0;
    for i in order {
        let w = pieces[i].width();
        if used + w <= width + 2 {
            used += w;
            keep[i] = true;
        } else if pieces[i].rank == rank::HINTS {
            break;
        }
    }
    let spans = pieces
        .into_iter()
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .flat_map(|(piece, _)| piece.spans)
        .collect::<Vec<_>>();
    vec![Line::from(spans)]
}

/// "4 services  basket 1  " (the follow-ups due are a piece of their own).
fn counts(app: &App) -> String {
    let count = if app.search_due() && app.hits.is_empty() {
        "searching".to_string()
    } else {
        let n = app.hits.len();
        let more = if app.more { "+" } else { "" };
        format!("{n}{more} service{}", if n == 1 { "" } else { "s" })
    };
    let gone = match app.gone.len() {
        0 => String::new(),
        n => format!(" ({n} gone)"),
    };
    format!(
        "{count}  basket {}{gone}  ",
        app.basket.len() + app.gone.len()
    )
}

/// The actions worth a hint in the focused mode, as (action, what it does).
fn wanted(app: &App) -> Vec<(Action, &'static str)> {
    use crate::tui::picker::PickerKind;
    match (&app.overlay, app.focus) {
        (Overlay::Picker(picker), _) => {
            let mut wanted = vec![(Action::PickerApply, "apply")];
            if picker.kind.multi() {
                wanted.push((Action::PickerToggle, "mark"));
            }
            wanted.push((Action::PickerCancel, "cancel"));
            wanted
        }
        (Overlay::Compose(composer), _) => {
            let mut wanted = vec![
                (Action::FocusNext, "next field"),
                (Action::CopyNote, "copy"),
                (Action::WriteNote, "file"),
                (Action::CloseOverlay, "back"),
                (Action::TogglePreview, "preview"),
            ];
            if !composer.on_services && composer.current().kind() == FieldKind::Choice {
                wanted.push((Action::CycleRight, "choice"));
            }
            if !app.gone.is_empty() {
                wanted.insert(0, (Action::DropGone, "remove gone"));
            }
            if composer.on_services {
                wanted.insert(0, (Action::Submit, "list services"));
            }
            wanted
        }
        (Overlay::Help { .. } | Overlay::Stats { .. }, _) => vec![(Action::CloseOverlay, "close")],
        (Overlay::FollowUps(view), _) if view.picking.is_some() => {
            vec![(Action::Submit, "record"), (Action::CloseOverlay, "back")]
        }
        (Overlay::FollowUps(_), _) => {
            vec![(Action::Submit, "outcome"), (Action::CloseOverlay, "close")]
        }
        (Overlay::None, Focus::Query) => vec![
            (Action::FocusNext, "list"),
            (Action::Submit, "refer"),
            (Action::Escape, "clear"),
            (Action::NewCall, "new call"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        (Overlay::None, _) => vec![
            (Action::ToggleBasket, "basket"),
            (Action::OpenPicker(PickerKind::Need), "need"),
            (Action::OpenPicker(PickerKind::Region), "region"),
            (Action::NewCall, "new call"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
    }
}

/// The keys that matter in the focused mode, as (key, what it does): each looked up in
/// that mode's own tables, so a hint never names a key that does nothing there.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let tables = keys::tables(app);
    wanted(app)
        .into_iter()
        .filter_map(|(action, word)| {
            tables
                .iter()
                .rev()
                .find_map(|table| keys::first_key(table, &action))
                .map(|key| (key, word))
        })
        .collect()
}
