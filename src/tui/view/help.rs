//! The help overlay, generated from the key tables.

use crate::tui::app::App;
use crate::tui::keys::{self, Binding};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(app: &App, scroll: u16, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled("Help", theme.title))
        .title_bottom(Span::styled("Up/Down scroll, Esc or q closes", theme.dim));
    let mut lines = super::catalogue_lines(app, theme, usize::from(area.width.saturating_sub(2)));
    for section_ in keys::all_sections() {
        lines.push(Line::raw(""));
        lines.extend(section(section_.title, section_.bindings, theme));
    }
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

fn section(title: &str, bindings: &[Binding], theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(title.to_string(), theme.title)];
    for binding in bindings {
        let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<24}", keys.join(" ")), theme.key),
            Span::raw(binding.help),
        ]));
    }
    lines
}
