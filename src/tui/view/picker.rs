//! A picker: its filter line and the items, the region and need trees indented.

use crate::tui::picker::Picker;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

const PROMPT: &str = "Find: ";

pub fn render(picker: &Picker, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let hint = if picker.kind.multi() {
        "Tab marks, Enter applies, Esc cancels"
    } else {
        "Enter applies, Esc cancels"
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled(picker.kind.title(), theme.title))
        .title_bottom(Span::styled(hint, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let (shown, cursor) = picker
        .filter
        .scrolled(usize::from(inner.width).saturating_sub(PROMPT.len()));
    let prompt = Line::from(vec![Span::styled(PROMPT, theme.key), Span::raw(shown)]);
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    let cursor_x = inner.x + PROMPT.len() as u16 + cursor as u16;
    frame.set_cursor_position(Position::new(cursor_x.min(inner.right() - 1), inner.y));
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let height = usize::from(list.height);
    if height == 0 {
        return;
    }
    if picker.visible.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("nothing matches", theme.dim)),
            list,
        );
        return;
    }
    let offset = picker.cursor.saturating_sub(height - 1);
    let lines: Vec<Line> = picker
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(position, &i)| {
            let item = &picker.items[i];
            let mark = match (picker.kind.multi(), picker.marked.contains(&i)) {
                (false, _) => "",
                (true, true) => "[x] ",
                (true, false) => "[ ] ",
            };
            // Unfiltered: the tree, indented. Filtered: ranked, so each says where it lies.
            let text = match (&item.parent, picker.filter.is_empty()) {
                (_, true) => format!("{}{mark}{}", "  ".repeat(item.depth), item.label),
                (Some(parent), false) => format!("{mark}{} (in {parent})", item.label),
                (None, false) => format!("{mark}{}", item.label),
            };
            if position == picker.cursor {
                Line::styled(format!("> {text}"), theme.cursor)
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
