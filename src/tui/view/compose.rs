//! The referral composer: the form over the draft, and the note previewed live beside it
//! when wide (at 80 columns the two switch with Ctrl-t). Problems show beside their field.

use crate::i18n::t;
use crate::referral::{self, NoteFormat};
use crate::tui::app::App;
use crate::tui::compose::{Composer, FieldKind, FormField};
use crate::tui::text_field;
use crate::tui::theme::Theme;
use crate::tui::view::pad;
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

fn block(title: String, theme: &Theme) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled(title, theme.title))
}

/// Label column of the form.
const LABEL: usize = 17;

/// The form's rows, and which rows the focused field takes.
struct FormRows {
    lines: Vec<Line<'static>>,
    focused: std::ops::Range<usize>,
    /// The cursor's (row, column) when a text field has focus.
    cursor: Option<(usize, usize)>,
}

fn form(app: &App, composer: &Composer, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let outer = block(lang.t("tui-compose-title"), theme);
    let inner = outer.inner(area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let fields = field_rows(app, composer, theme, width);
    let names = composer.service_names(app.catalogue(), &app.gone);
    let mut header = header_rows(app, composer, &names, theme, width, true);
    if header.len() + fields.lines.len() > height && !composer.services_expanded {
        header = header_rows(app, composer, &names, theme, width, false);
    }
    let offset = header.len();
    let mut lines = header;
    lines.extend(fields.lines);
    let focused = if composer.on_services {
        0..offset
    } else {
        (fields.focused.start + offset)..(fields.focused.end + offset)
    };
    // Stateless scrolling: the focused field's last row is at the bottom when it would
    // fall below the frame (its first row at the top when it is taller than the frame);
    // otherwise the form starts at its top.
    let scroll = focused.end.saturating_sub(height).min(focused.start);
    let total = lines.len();
    let mut outer = outer;
    if total > height {
        let below = total.saturating_sub(scroll + height);
        let rows = t!(
            lang,
            "tui-compose-rows",
            first = scroll + 1,
            last = (scroll + height).min(total),
            total = total
        );
        outer = outer.title_bottom(Span::styled(
            format!(
                "{}{} {rows} ",
                if scroll > 0 { "↑" } else { " " },
                if below > 0 { "↓" } else { " " },
            ),
            theme.dim,
        ));
    }
    let scroll16 = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(outer).scroll((scroll16, 0)),
        area,
    );
    if let Some((row, column)) = fields.cursor {
        let row = row + offset;
        if row >= scroll && row - scroll < height && column < width {
            frame.set_cursor_position(Position::new(
                inner.x + column as u16,
                inner.y + (row - scroll) as u16,
            ));
        }
    }
}

/// The services (names wrapped, never cut; one count line when `expanded` is false),
/// the prefilled needs. On the services line (Shift-Tab from the first field) the line
/// takes the cursor's style and says what Enter does.
fn header_rows(
    app: &App,
    composer: &Composer,
    names: &[(String, bool)],
    theme: &Theme,
    width: usize,
    expanded: bool,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let gone = names.iter().filter(|(_, gone)| *gone).count();
    let style = if composer.on_services {
        theme.cursor
    } else {
        theme.title
    };
    if !expanded {
        let line = match names {
            [(one, _)] => t!(lang, "tui-compose-to-one", name = one.as_str()),
            _ if gone > 0 => t!(
                lang,
                "tui-compose-to-many-gone",
                count = names.len(),
                gone = gone
            ),
            _ => t!(lang, "tui-compose-to-many-short", count = names.len()),
        };
        let hint = if composer.on_services {
            lang.t("tui-compose-list-them")
        } else {
            lang.t("tui-compose-how-to-list")
        };
        // Wrapped at words, never cut: one service's long name takes a second row.
        let mut lines = super::wrapped(&format!("{line}  {hint}"), width, style);
        lines.extend(referrer_warning(app, composer, theme, width));
        return lines;
    }
    let mut lines = vec![Line::styled(
        t!(lang, "tui-compose-to-many", count = names.len()),
        style,
    )];
    lines.extend(referrer_warning(app, composer, theme, width));
    for (name, gone) in names {
        let row_style = if *gone {
            theme.warning
        } else {
            Default::default()
        };
        // Indented, with a hanging indent under the name's first word.
        lines.extend(super::wrapped(
            &format!("  {name}"),
            width.max(12),
            row_style,
        ));
    }
    if gone > 0 {
        let warning = format!("  ! {}", lang.t("tui-compose-remove-gone"));
        lines.extend(super::wrapped(&warning, width, theme.warning));
    }
    lines
}

/// Said at the top of the form when nobody is recorded as referring (the full words are
/// `referral::REFERRER_WARNING`, which `pathways refer` prints).
fn referrer_warning(
    app: &App,
    composer: &Composer,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    if !composer.draft.referrer_unknown() {
        return Vec::new();
    }
    let warning = format!("! {}", app.lang.t("tui-compose-no-referrer"));
    super::wrapped(&warning, width, theme.warning)
}

/// Every field of the form, with its problems beside it.
fn field_rows(app: &App, composer: &Composer, theme: &Theme, width: usize) -> FormRows {
    let value_width = width.saturating_sub(LABEL).max(4);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let (needs, region) = composer.needs_and_region(app.catalogue());
    // Read-only: wrapped under their label, since a long list of needs matters whole.
    for (i, row) in crate::referral::wrap(&needs, value_width)
        .lines()
        .enumerate()
    {
        let label = if i == 0 {
            app.lang.t("tui-field-needs")
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::styled(pad(&label, LABEL), theme.title),
            Span::styled(row.trim_start().to_string(), theme.dim),
        ]));
    }
    let mut focused = 0..0;
    let mut cursor = None;
    for (i, field) in FormField::ALL.into_iter().enumerate() {
        let current = i == composer.field && !composer.on_services;
        let start = lines.len();
        let style = if current {
            theme.cursor
        } else {
            Default::default()
        };
        let label = Span::styled(pad(&app.lang.t(field.label()), LABEL), theme.title);
        let value = match field {
            FormField::Region => region.clone(),
            _ => composer.value(field),
        };
        let (rows, at) = field_text(composer, field, &value, current, value_width);
        if current && field.kind() == FieldKind::Text {
            cursor = Some((start + at.0, LABEL + at.1));
        }
        let hint = match field.kind() {
            FieldKind::Choice if current => "  < >".to_string(),
            FieldKind::Check if current => "  Space".to_string(),
            FieldKind::Pick if current => format!("  Space: {}", app.lang.t("tui-compose-pick")),
            _ => String::new(),
        };
        let last = rows.len() - 1;
        for (r, text) in rows.into_iter().enumerate() {
            let mut row = vec![
                if r == 0 {
                    label.clone()
                } else {
                    Span::raw(" ".repeat(LABEL))
                },
                Span::styled(text, style),
            ];
            if r == last {
                if let Some(placeholder) = composer.placeholder(field) {
                    row.push(Span::styled(placeholder, theme.dim));
                }
                row.push(Span::styled(hint.clone(), theme.dim));
            }
            lines.push(Line::from(row));
        }
        for problem in composer.problems_at(field) {
            for row in crate::referral::wrap(&format!("  ! {problem}"), width.max(10)).lines() {
                lines.push(Line::styled(row.to_string(), theme.warning));
            }
        }
        if current {
            focused = start..lines.len();
        }
    }
    FormRows {
        lines,
        focused,
        cursor,
    }
}

/// A field's value as rows of at most `width` columns, and the cursor's (row, column) in
/// them: the long free-text fields wrap, the others scroll sideways with `…` markers.
fn field_text(
    composer: &Composer,
    field: FormField,
    value: &str,
    current: bool,
    width: usize,
) -> (Vec<String>, (usize, usize)) {
    let wraps = matches!(field, FormField::Reason | FormField::OverrideReason);
    if current && field.kind() == FieldKind::Text {
        if wraps {
            return composer.editor.wrapped(width);
        }
        let (text, column) = composer.editor.scrolled(width);
        return (vec![text], (0, column));
    }
    let value = crate::text::one_line(value);
    if wraps {
        let (rows, _) = text_field::wrapped_at(&value, 0, width);
        return (rows, (0, 0));
    }
    (vec![text_field::scrolled(&value, 0, width).0], (0, 0))
}

fn preview(app: &App, composer: &Composer, theme: &Theme, frame: &mut Frame, area: Rect) {
    let outer = block(app.lang.t("tui-preview-title"), theme);
    let inner = outer.inner(area);
    let lines: Vec<Line> = match referral::render(
        &composer.draft,
        app.catalogue(),
        &app.template,
        NoteFormat::Text,
    ) {
        Ok(note) => referral::wrap(&note.text, usize::from(inner.width).max(1))
            .lines()
            .map(|l| Line::from(l.to_string()))
            .collect(),
        Err(error) => vec![
            Line::styled(app.lang.t("tui-preview-not-ready"), theme.warning),
            Line::from(crate::tui::compose::render_error_text(&error, app.lang)),
        ],
    };
    // The preview stops at the note's end: the last page shows its last rows.
    let last = lines.len().saturating_sub(usize::from(inner.height));
    composer
        .preview_last
        .set(u16::try_from(last).unwrap_or(u16::MAX));
    let scroll = usize::from(composer.preview_scroll).min(last);
    let text = Paragraph::new(lines)
        .block(outer)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0));
    frame.render_widget(text, area);
}
