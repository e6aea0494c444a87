//! The follow-up view (`f`): the referrals due, one row per service still open, with the
//! priority and the days overdue; over it, the outcome picker Enter opens.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::follow_ups::{DueItem, FollowUps, PICKS};
use crate::tui::keys;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(app: &App, view: &FollowUps, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let hint = if view.picking.is_some() {
        "letter or Enter records, Esc backs out"
    } else {
        "Enter sets the outcome, Esc or q closes"
    };
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
        (None, None) => vec![Line::styled("reading the referral log...", theme.dim)],
        (Some(items), None) if items.is_empty() => {
            vec![Line::styled("No follow-up is due.", theme.dim)]
        }
        (Some(items), None) => rows(items, view, theme, inner),
    };
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(pick) = view.picking {
        picker(pick, theme, frame, inner);
    }
}

fn title(app: &App, view: &FollowUps) -> String {
    match (&view.items, app.due) {
        (Some(_), Some(due)) => format!("Follow-ups due: {due}"),
        _ => "Follow-ups due".to_string(),
    }
}

/// The rows that fit, scrolled so the cursor shows.
fn rows(items: &[DueItem], view: &FollowUps, theme: &Theme, area: Rect) -> Vec<Line<'static>> {
    let height = usize::from(area.height);
    let offset = view.cursor.saturating_sub(height.saturating_sub(1));
    items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, item)| {
            let overdue = match item.overdue {
                0 => "due today".to_string(),
                1 => "1 day over".to_string(),
                n => format!("{n} days over"),
            };
            let status = item
                .status
                .map(|s| format!("  ({})", s.as_str()))
                .unwrap_or_default();
            let text = format!(
                "{:<12} {:<9} {}  {}{status}",
                overdue,
                item.priority.as_str(),
                item.note_ref,
                item.service_name,
            );
            if i == view.cursor {
                Line::styled(format!("> {text}"), theme.cursor)
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect()
}

/// The outcome picker, in the lower right of the list: each status with its key.
fn picker(pick: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
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
        .title(Span::styled("Outcome", theme.title));
    let lines: Vec<Line> = PICKS
        .iter()
        .enumerate()
        .map(|(i, &status)| {
            let key =
                keys::first_key(keys::OUTCOMES, &Action::SetOutcome(status)).unwrap_or_default();
            let text = format!("{key}  {}", status.label());
            if i == pick {
                Line::styled(format!("> {text}"), theme.cursor)
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), place);
}
