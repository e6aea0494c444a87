//! The referral composer: the form over the draft, and the note previewed live beside it
//! when wide (at 80 columns the two switch with Ctrl-t). Problems show beside their field.

use crate::referral::{self, NoteFormat};
use crate::tui::app::App;
use crate::tui::compose::{Composer, FieldKind, FormField};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// From this width the form and the preview are side by side.
const SIDE_BY_SIDE: u16 = 100;

pub fn render(app: &App, composer: &Composer, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    if area.width >= SIDE_BY_SIDE {
        let [form_area, preview_area] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Min(0)]).areas(area);
        form(app, composer, theme, frame, form_area);
        preview(app, composer, theme, frame, preview_area);
    } else if composer.show_preview {
        preview(app, composer, theme, frame, area);
    } else {
        form(app, composer, theme, frame, area);
    }
}

fn block(title: &'static str, theme: &Theme) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled(title, theme.title))
}

fn form(app: &App, composer: &Composer, theme: &Theme, frame: &mut Frame, area: Rect) {
    let names = composer.service_names(app.catalogue());
    let mut lines = vec![Line::styled(
        format!("Referral to {} service(s):", names.len()),
        theme.title,
    )];
    lines.extend(names.into_iter().map(|n| Line::from(format!("  {n}"))));
    let (needs, region) = composer.needs_and_region(app.catalogue());
    // Read-only: wrapped under their label, since a long list of needs matters whole.
    let value_width = usize::from(area.width.saturating_sub(2 + 17)).max(10);
    for (label, value) in [("Needs", needs), ("Region", region)] {
        let wrapped = crate::referral::wrap(&value, value_width);
        for (i, row) in wrapped.lines().enumerate() {
            let label = if i == 0 { label } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<17}"), theme.title),
                Span::styled(row.trim_start().to_string(), theme.dim),
            ]));
        }
    }
    let mut cursor = None;
    for (i, field) in FormField::ALL.into_iter().enumerate() {
        let current = i == composer.field;
        let value = composer.value(field);
        let hint = match field.kind() {
            FieldKind::Choice if current => "  < >",
            FieldKind::Check if current => "  Space",
            _ => "",
        };
        let label = format!("{:<17}", field.label());
        let style = if current {
            theme.cursor
        } else {
            Default::default()
        };
        if current && field.kind() == FieldKind::Text {
            cursor = Some((
                lines.len(),
                label.len() + Line::from(value.as_str()).width(),
            ));
        }
        let mut row = vec![
            Span::styled(label, theme.title),
            Span::styled(crate::text::one_line(&value), style),
        ];
        if let Some(placeholder) = composer.placeholder(field) {
            row.push(Span::styled(placeholder, theme.dim));
        }
        row.push(Span::styled(hint, theme.dim));
        lines.push(Line::from(row));
        for problem in composer.problems_at(field) {
            lines.push(Line::styled(format!("  ! {problem}"), theme.warning));
        }
    }
    let outer = block("Referral", theme);
    let inner = outer.inner(area);
    frame.render_widget(Paragraph::new(lines).block(outer), area);
    if let Some((row, column)) = cursor {
        let (row, column) = (row as u16, column as u16);
        if row < inner.height && column < inner.width {
            frame.set_cursor_position(Position::new(inner.x + column, inner.y + row));
        }
    }
}

fn preview(app: &App, composer: &Composer, theme: &Theme, frame: &mut Frame, area: Rect) {
    let text = match referral::render(
        &composer.draft,
        app.catalogue(),
        &app.template,
        NoteFormat::Text,
    ) {
        Ok(note) => Paragraph::new(note.text),
        Err(error) => Paragraph::new(vec![
            Line::styled("Not ready yet:", theme.warning),
            Line::from(error.to_string()),
        ]),
    };
    let text = text
        .block(block("Note preview", theme))
        .wrap(Wrap { trim: false })
        .scroll((composer.preview_scroll, 0));
    frame.render_widget(text, area);
}
