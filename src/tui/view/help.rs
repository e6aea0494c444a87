//! The help overlay, generated from the key tables. Each key's words wrap under their
//! column, so no line is cut at 80 columns.

use crate::tui::app::App;
use crate::tui::keys::{self, Binding};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// Where the words start: two spaces, then the keys in 24 columns.
const KEYS_COLUMN: usize = 26;

pub fn render(app: &App, scroll: u16, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled("Help", theme.title))
        .title_bottom(Span::styled("Up/Down scroll, Esc or q closes", theme.dim));
    let lines = lines(app, theme, usize::from(area.width.saturating_sub(2)));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// Every row of help at `width` columns: the catalogue, then each table.
fn lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = super::catalogue_lines(app, theme, width);
    for section_ in keys::all_sections() {
        lines.push(Line::raw(""));
        lines.extend(section(section_.title, section_.bindings, theme, width));
    }
    lines
}

fn section(title: &str, bindings: &[Binding], theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(title.to_string(), theme.title)];
    let words_width = width.saturating_sub(KEYS_COLUMN).max(12);
    for binding in bindings {
        let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
        let keys = format!("  {:<24}", keys.join(" "));
        let words = crate::referral::wrap(binding.help, words_width);
        for (i, row) in words.lines().enumerate() {
            let lead = if i == 0 {
                Span::styled(keys.clone(), theme.key)
            } else {
                Span::raw(" ".repeat(KEYS_COLUMN))
            };
            lines.push(Line::from(vec![
                lead,
                Span::raw(row.trim_start().to_string()),
            ]));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::Options;
    use std::sync::Arc;

    /// At 80x24 help is 74 columns inside its frame: every row fits, and every key's words
    /// are all there (the Ctrl-l line was cut before).
    #[test]
    fn every_help_line_fits_80_columns() {
        let catalogue = crate::catalogue::load_embedded().unwrap();
        let app = App::new(Arc::new(catalogue), Options::default());
        let width = usize::from(super::super::popup(Rect::new(0, 0, 80, 24), 76, 40).width) - 2;
        let lines = lines(&app, &Theme::mono(), width);
        let mut text = String::new();
        for line in &lines {
            assert!(line.width() <= width, "{line:?} is wider than {width}");
            text.push_str(&line.to_string());
            text.push(' ');
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for section in keys::all_sections() {
            for binding in section.bindings {
                let words = binding
                    .help
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(text.contains(&words), "'{words}' is cut");
            }
        }
        assert!(text.contains("Ctrl-l repaint; twice: new call"));
    }
}
