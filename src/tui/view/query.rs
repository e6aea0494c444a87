//! The query line: where the operator types; it has focus when the TUI opens.

use crate::tui::app::{App, Focus, Overlay};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Query && app.overlay == Overlay::None;
    let prompt_style = if focused { theme.key } else { theme.dim };
    let prompt = format!("{}> ", app.lang.t("tui-query-prompt"));
    let prompt_width = super::width_of(&prompt);
    let room = usize::from(area.width).saturating_sub(prompt_width);
    let (shown, cursor) = app.query.scrolled(room);
    let text = if app.query.is_empty() && focused {
        Span::styled(app.lang.t("tui-query-placeholder"), theme.dim)
    } else {
        Span::raw(shown)
    };
    let line = Line::from(vec![Span::styled(prompt, prompt_style), text]);
    frame.render_widget(Paragraph::new(line), area);
    if focused && area.width > 0 && area.height > 0 {
        let x = area
            .x
            .saturating_add(prompt_width as u16)
            .saturating_add(cursor as u16)
            .min(area.right().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}
