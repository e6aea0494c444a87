//! The banner: the catalogue loaded with errors, or an edit broke it.

use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Some(text) = &app.banner {
        let line = format!(" ! {}", crate::text::one_line(text));
        frame.render_widget(Paragraph::new(line).style(theme.error), area);
    }
}
