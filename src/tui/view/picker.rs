//! A picker: its filter line and the items, the region and need trees indented.

use crate::i18n::{Lang, t};
use crate::tui::picker::Picker;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(lang: Lang, picker: &Picker, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let hint = if picker.kind.multi() {
        "tui-picker-hint-multi"
    } else {
        "tui-picker-hint"
    };
    let prompt = format!("{}: ", lang.t("tui-picker-prompt"));
    let prompt_width = super::width_of(&prompt);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled(lang.t(picker.kind.title_id()), theme.title))
        .title_bottom(Span::styled(lang.t(hint), theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let (shown, cursor) = picker
        .filter
        .scrolled(usize::from(inner.width).saturating_sub(prompt_width));
    let prompt = Line::from(vec![Span::styled(prompt, theme.key), Span::raw(shown)]);
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    let cursor_x = inner.x + prompt_width as u16 + cursor as u16;
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
            Paragraph::new(Line::styled(lang.t("tui-picker-nothing"), theme.dim)),
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
            let label = &item.label;
            let mark = match (picker.kind.multi(), picker.marked.contains(&i)) {
                (false, _) => "",
                (true, true) => "[x] ",
                (true, false) => "[ ] ",
            };
            // Unfiltered: the tree, indented. Filtered: ranked, so each says where it lies.
            let text = match (&item.parent, picker.filter.is_empty()) {
                (_, true) => format!("{}{mark}{label}", "  ".repeat(item.depth)),
                (Some(parent), false) => {
                    let within = t!(lang, "tui-picker-in", parent = parent.as_str());
                    format!("{mark}{label} ({within})")
                }
                (None, false) => format!("{mark}{label}"),
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
