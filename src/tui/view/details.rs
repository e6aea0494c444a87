//! The details of the selected service: the shared service card (`crate::card`, the same
//! one `pathways show` prints), with staff-only lines shown and marked, scrollable.

use super::pane;
use crate::card::{CardLine, CardOptions, CardStyle, service_card};
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Details && app.overlay == Overlay::None;
    let block = pane(app.lang.t("tui-details-title"), focused, theme);
    let paragraph = Paragraph::new(lines(app, theme))
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.details_scroll, 0));
    frame.render_widget(paragraph, area);
}

/// How many lines the details hold before wrapping: `update` keeps the scroll within them,
/// so scrolling past the end never has to be undone key by key.
pub fn content_rows(app: &App) -> usize {
    lines(app, &Theme::mono()).len()
}

fn lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    match app.selected_service() {
        Some(service) => {
            let options = CardOptions {
                private: true,
                today: app.today,
                open: crate::search::is_open(&app.index, service, app.now),
                lang: app.lang,
            };
            let card = service_card(app.catalogue(), service, &options);
            card.iter().flat_map(|line| styled(line, theme)).collect()
        }
        None => vec![Line::styled(app.lang.t("tui-no-selection"), theme.dim)],
    }
}

/// One card line as screen lines: the label in the title style, continuation lines of a
/// multi-line value indented under it.
fn styled(line: &CardLine, theme: &Theme) -> Vec<Line<'static>> {
    let style = style_of(line.style, theme);
    let mut rows = line.value.lines();
    let first = rows.next().unwrap_or_default().to_string();
    let mut out = vec![match (line.style, line.label.as_str()) {
        (CardStyle::Title, _) | (_, "") => Line::from(Span::styled(first, style)),
        (_, label) => Line::from(vec![
            Span::styled(format!("{label}: "), theme.title),
            Span::styled(first, style),
        ]),
    }];
    out.extend(rows.map(|rest| Line::from(Span::styled(format!("  {rest}"), style))));
    out
}

fn style_of(style: CardStyle, theme: &Theme) -> Style {
    match style {
        CardStyle::Title => theme.title,
        CardStyle::Normal => Style::new(),
        CardStyle::Warning => theme.warning,
        CardStyle::StaffOnly | CardStyle::Muted => theme.dim,
    }
}
