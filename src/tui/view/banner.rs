//! The banner: the catalogue loaded with errors, or an edit broke it; else, until the
//! first key, the catalogue's notice (demonstration data, not a verified directory),
//! wrapped over up to three rows so it is read whole at 80 columns.

use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// The most rows the notice may take.
const MAX_NOTICE_ROWS: usize = 3;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Some(text) = &app.banner {
        let line = format!(" ! {}", crate::text::one_line(text));
        frame.render_widget(Paragraph::new(line).style(theme.error), area);
    } else {
        let lines = notice(app, theme, area.width);
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// The rows the banner takes at this width.
pub fn height(app: &App, width: u16) -> u16 {
    if app.banner.is_some() {
        return 1;
    }
    let rows = notice(app, &Theme::mono(), width).len();
    u16::try_from(rows).unwrap_or(0)
}

fn notice(app: &App, theme: &Theme, width: u16) -> Vec<ratatui::text::Line<'static>> {
    let Some(notice) = &app.intro else {
        return Vec::new();
    };
    let text = format!("! {}", crate::text::one_line(notice));
    let mut lines = super::wrapped(&text, usize::from(width), theme.warning);
    lines.truncate(MAX_NOTICE_ROWS);
    lines
}
