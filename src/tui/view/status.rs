//! The status line: what the operator must read now (a message, the new-call question),
//! then the counts, the call's minutes and the key hints of the focused mode (taken from
//! its key tables, so they name the real keys and only keys that act there).
//!
//! At 80 columns not everything fits; pieces are then kept by precedence: message,
//! pending new-call question, the search's dropped-word notice, counts, follow-ups due,
//! call minutes, hints. Each piece carries its rank, so a new one slots in by rank alone.

use crate::i18n::t;
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
    let question = app.new_call_asked.then(|| app.lang.t(NEW_CALL_QUESTION));
    match (message, question) {
        (Some(m), Some(q)) => Some(format!("{m}; {q}")),
        (m, q) => m.or(q),
    }
}

/// The pieces in the order they are drawn.
fn pieces(app: &App, theme: &Theme) -> Vec<Piece> {
    let mut pieces = vec![Piece::new(rank::COUNTS, counts(app), theme.title)];
    if let Some(due) = app.due.filter(|&due| due > 0) {
        let due = t!(app.lang, "tui-status-due", count = due);
        pieces.push(Piece::new(rank::DUE, format!("{due}  "), theme.title));
    }
    if let Some(minutes) = app.call_minutes() {
        pieces.push(Piece::new(
            rank::MINUTES,
            format!(
                "{}  ",
                t!(app.lang, "tui-status-minutes", minutes = minutes)
            ),
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
            format!("{}  ", app.lang.t(NEW_CALL_QUESTION)),
            theme.warning,
        ));
    }
    if message(app).is_none() && !app.new_call_asked {
        for (key, word) in hints(app) {
            pieces.push(Piece {
                rank: rank::HINTS,
                spans: vec![
                    Span::styled(key, theme.key),
                    Span::raw(format!(" {}  ", app.lang.t(word))),
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
        app.lang.t("tui-status-searching")
    } else {
        let more = if app.more { "+" } else { "" };
        t!(
            app.lang,
            "tui-status-services",
            count = app.hits.len(),
            more = more
        )
    };
    let total = app.basket.len() + app.gone.len();
    let basket = match app.gone.len() {
        0 => t!(app.lang, "tui-status-basket", count = total),
        gone => t!(
            app.lang,
            "tui-status-basket-gone",
            count = total,
            gone = gone
        ),
    };
    format!("{count}  {basket}  ")
}

/// The actions worth a hint in the focused mode, as (action, the message id of what it
/// does).
fn wanted(app: &App) -> Vec<(Action, &'static str)> {
    use crate::tui::picker::PickerKind;
    match (&app.overlay, app.focus) {
        (Overlay::Picker(picker), _) => {
            let mut wanted = vec![(Action::PickerApply, "tui-hint-apply")];
            if picker.kind.multi() {
                wanted.push((Action::PickerToggle, "tui-hint-mark"));
            }
            wanted.push((Action::PickerCancel, "tui-hint-cancel"));
            wanted
        }
        (Overlay::Compose(composer), _) => {
            let mut wanted = vec![
                (Action::FocusNext, "tui-hint-next-field"),
                (Action::CopyNote, "tui-hint-copy"),
                (Action::WriteNote, "tui-hint-file"),
                (Action::CloseOverlay, "tui-hint-back"),
                (Action::TogglePreview, "tui-hint-preview"),
            ];
            if !composer.on_services && composer.current().kind() == FieldKind::Choice {
                wanted.push((Action::CycleRight, "tui-hint-choice"));
            }
            if !app.gone.is_empty() {
                wanted.insert(0, (Action::DropGone, "tui-hint-remove-gone"));
            }
            if composer.on_services {
                wanted.insert(0, (Action::Submit, "tui-hint-list-services"));
            }
            wanted
        }
        (Overlay::Help { .. } | Overlay::Stats { .. }, _) => {
            vec![(Action::CloseOverlay, "tui-hint-close")]
        }
        (Overlay::FollowUps(view), _) if view.picking.is_some() => {
            vec![
                (Action::Submit, "tui-hint-record"),
                (Action::CloseOverlay, "tui-hint-back"),
            ]
        }
        (Overlay::FollowUps(_), _) => {
            vec![
                (Action::Submit, "tui-hint-outcome"),
                (Action::CloseOverlay, "tui-hint-close"),
            ]
        }
        (Overlay::None, Focus::Query) => vec![
            (Action::FocusNext, "tui-hint-list"),
            (Action::Submit, "tui-hint-refer"),
            (Action::Escape, "tui-hint-clear"),
            (Action::NewCall, "tui-hint-new-call"),
            (Action::Help, "tui-hint-help"),
            (Action::Quit, "tui-hint-quit"),
        ],
        (Overlay::None, _) => vec![
            (Action::ToggleBasket, "tui-hint-basket"),
            (Action::OpenPicker(PickerKind::Need), "tui-hint-need"),
            (Action::OpenPicker(PickerKind::Region), "tui-hint-region"),
            (Action::NewCall, "tui-hint-new-call"),
            (Action::Help, "tui-hint-help"),
            (Action::Quit, "tui-hint-quit"),
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
