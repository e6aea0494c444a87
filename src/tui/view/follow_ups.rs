//! The follow-up view (`f`): the referrals due, one row per service still open, with the
//! priority and the days overdue; over it, the outcome picker Enter opens.

use crate::i18n::Lang;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::follow_ups::{DueItem, FollowUps, PICKS};
use crate::tui::keys;
use crate::tui::theme::Theme;
use crate::tui::view::{fit_words, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(app: &App, view: &FollowUps, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let lang = app.lang;
    let hint = lang.t(if view.picking.is_some() {
        "tui-follow-ups-hint-picking"
    } else {
        "tui-follow-ups-hint"
    });
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled(title(app, view), theme.title))
        .title_bottom(Span::styled(hint, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let lines = match (&view.items, &view.error) {
        (_, Some(error)) => vec![Line::styled(crate::text::one_line(error), theme.warning)],
        (None, None) => vec![Line::styled(lang.t("tui-reading-log"), theme.dim)],
        (Some(items), None) if items.is_empty() => {
            vec![Line::styled(lang.t("tui-follow-ups-none"), theme.dim)]
        }
        (Some(items), None) => rows(app, items, view, theme, inner),
    };
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(pick) = view.picking {
        picker(lang, pick, theme, frame, inner);
    }
}

fn title(app: &App, view: &FollowUps) -> String {
    match (&view.items, app.due) {
        (Some(_), Some(due)) => format!("{}: {due}", app.lang.t("tui-follow-ups-title")),
        _ => app.lang.t("tui-follow-ups-title"),
    }
}

/// The rows that fit, scrolled so the cursor shows.
fn rows(
    app: &App,
    items: &[DueItem],
    view: &FollowUps,
    theme: &Theme,
    area: Rect,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let height = usize::from(area.height);
    let offset = view.cursor.saturating_sub(height.saturating_sub(1));
    let (overdue_width, priority_width) = view.columns;
    items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, item)| {
            let status = item
                .status
                .map(|s| format!("  ({})", lang.t(s.message_id())))
                .unwrap_or_default();
            let text = format!(
                "{} {} {}  {}{status}",
                pad(&item.overdue_words, overdue_width),
                pad(&item.priority_words, priority_width),
                item.note_ref,
                item.service_name,
            );
            let mark = if i == view.cursor { "> " } else { "  " };
            let text = fit_words(&format!("{mark}{text}"), usize::from(area.width));
            if i == view.cursor {
                Line::styled(text, theme.cursor)
            } else {
                Line::from(text)
            }
        })
        .collect()
}

/// The outcome picker, in the lower right of the list: each status with its key.
fn picker(lang: Lang, pick: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = 34.min(area.width);
    let height = (PICKS.len() as u16 + 2).min(area.height);
    let place = Rect {
        x: area.right() - width,
        y: area.bottom() - height,
        width,
        height,
    };
    frame.render_widget(Clear, place);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled(lang.t("tui-outcome-title"), theme.title));
    let lines: Vec<Line> = PICKS
        .iter()
        .enumerate()
        .map(|(i, &status)| {
            let key =
                keys::first_key(keys::OUTCOMES, &Action::SetOutcome(status)).unwrap_or_default();
            let text = format!(
                "{key}  {}",
                lang.t(crate::context::texts::status_label_id(status))
            );
            if i == pick {
                Line::styled(format!("> {text}"), theme.cursor)
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), place);
}
