//! The help overlay, generated from the key tables, in the interface language.

use crate::i18n::Lang;
use crate::tui::app::App;
use crate::tui::keys::{self, Binding};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// The key column's width.
const KEYS: usize = 26;

pub fn render(app: &App, scroll: u16, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled(app.lang.t("tui-help-title"), theme.title))
        .title_bottom(Span::styled(app.lang.t("tui-overlay-hint"), theme.dim));
    let lines = lines(app, theme, usize::from(area.width.saturating_sub(2)));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// Every row of help at `width` columns: the catalogue, then each table.
fn lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = super::catalogue_lines(app, theme, width);
    for section_ in keys::all_sections() {
        lines.push(Line::raw(""));
        lines.extend(section(app.lang, &section_, width, theme));
    }
    lines
}

/// A table's rows: the keys, then what they do wrapped at words beside them (a longer
/// translation takes two rows rather than losing its end).
fn section(lang: Lang, section: &keys::Section, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(lang.t(section.title), theme.title)];
    for binding in section.bindings {
        lines.extend(row(lang, binding, width, theme));
    }
    lines
}

fn row(lang: Lang, binding: &Binding, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let keys: Vec<String> = binding.keys.iter().map(|k| k.label_in(lang)).collect();
    let help = lang.t(binding.help);
    let room = width.saturating_sub(KEYS).max(20);
    crate::referral::wrap(&help, room)
        .lines()
        .enumerate()
        .map(|(i, text)| {
            let keys = if i == 0 {
                format!("  {:<24}", keys.join(" "))
            } else {
                " ".repeat(KEYS)
            };
            Line::from(vec![
                Span::styled(keys, theme.key),
                Span::raw(text.trim_start().to_string()),
            ])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::Options;
    use std::sync::Arc;

    /// At 80x24 help is 74 columns inside its frame: in every language every row fits and
    /// every key's words are all there (the Ctrl-l line was cut before).
    #[test]
    fn every_help_line_fits_80_columns() {
        let width = usize::from(super::super::popup(Rect::new(0, 0, 80, 24), 76, 40).width) - 2;
        for lang in Lang::available() {
            let catalogue = crate::catalogue::load_embedded().unwrap();
            let mut app = App::new(Arc::new(catalogue), Options::default());
            app.lang = lang;
            let mut text = String::new();
            for line in lines(&app, &Theme::mono(), width) {
                assert!(
                    line.width() <= width,
                    "{lang}: {line:?} is wider than {width}"
                );
                text.push_str(&line.to_string());
                text.push(' ');
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for section in keys::all_sections() {
                for binding in section.bindings {
                    let help = lang.t(binding.help);
                    let words = help.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(text.contains(&words), "{lang}: '{words}' is cut");
                }
            }
        }
    }
}
