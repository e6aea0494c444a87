//! The results list: one row per hit with the matched characters highlighted, marks for
//! closed, alert and STALE, and the coverage badge on the right; or a helpful empty state.

use super::{highlighted, pane};
use crate::catalogue::{Catalogue, Status};
use crate::search::{Field, Hit, OpenState};
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::search_job::MAX_HITS;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Marks the selected row even where colour and style are lost (copied screen text).
pub const SELECTED_MARK: &str = "> ";
/// Marks a service in the referral basket.
pub const BASKET_MARK: &str = "+";

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = pane(
        "Services".to_string(),
        app.focus == Focus::List && app.overlay == Overlay::None,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.hits.is_empty() {
        frame.render_widget(empty_state(app, theme), inner);
        return;
    }
    let rows = usize::from(inner.height) / ROW_HEIGHT;
    if rows == 0 || inner.width == 0 {
        return;
    }
    let offset = app.selected.saturating_sub(rows - 1);
    let buf = frame.buffer_mut();
    for (row, (i, hit)) in app
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .enumerate()
    {
        let rect = Rect {
            y: inner.y + (row * ROW_HEIGHT) as u16,
            height: ROW_HEIGHT as u16,
            ..inner
        };
        draw_row(app, theme, hit, i == app.selected, rect, buf);
    }
}

/// Two lines a hit: the name across the whole width (what the operator reads first), then
/// the marks, the organisation and the coverage badge on the right, so a 36-column pane
/// still shows most of a name.
const ROW_HEIGHT: usize = 2;

fn draw_row(app: &App, theme: &Theme, hit: &Hit, selected: bool, rect: Rect, buf: &mut Buffer) {
    let catalogue = app.catalogue();
    let service = &catalogue.services[hit.service];
    if selected {
        buf.set_style(rect, theme.selected);
    }
    let badge = hit.coverage.coverage_word();
    let badge_width = badge.len() as u16;
    let mut name = vec![
        Span::raw(if selected { SELECTED_MARK } else { "  " }),
        Span::raw(if app.basket.contains(&hit.service) {
            BASKET_MARK
        } else {
            " "
        }),
    ];
    name.extend(highlighted(
        &service.name,
        &ranges(hit, Field::Name),
        Default::default(),
        theme.matched,
    ));
    buf.set_line(rect.x, rect.y, &Line::from(name), rect.width);
    if badge_width < rect.width && rect.height > 1 {
        let x = rect.right() - badge_width;
        buf.set_stringn(x, rect.y + 1, badge, usize::from(badge_width), theme.dim);
    }
    let mut second = vec![Span::raw("   ")];
    second.extend(
        marks(app, catalogue, hit)
            .into_iter()
            .map(|mark| Span::styled(format!("{mark} "), theme.warning)),
    );
    second.extend(highlighted(
        &catalogue.organisation_of(service).name,
        &ranges(hit, Field::Organisation),
        theme.dim,
        theme.matched,
    ));
    let second_width = rect.width.saturating_sub(badge_width + 1);
    buf.set_line(rect.x, rect.y + 1, &Line::from(second), second_width);
}

const STALE: &str = "STALE";
const CLOSED: &str = "CLOSED";
const ALERT: &str = "ALERT";
/// With "open now" set, services without structured hours are kept (after the open ones)
/// but must not pass for open.
const HOURS_UNKNOWN: &str = "HOURS?";

/// Marks that warn the operator before referring: closed, alert, STALE.
fn marks(app: &App, catalogue: &Catalogue, hit: &Hit) -> Vec<&'static str> {
    let service = &catalogue.services[hit.service];
    let mut marks = Vec::new();
    if service.status == Status::TemporarilyClosed {
        marks.push(CLOSED);
    }
    if service
        .alert
        .as_ref()
        .is_some_and(|a| Catalogue::alert_is_live(a, app.today))
    {
        marks.push(ALERT);
    }
    if catalogue.is_stale(service, app.today) {
        marks.push(STALE);
    }
    if hit.open == Some(OpenState::Unknown) {
        marks.push(HOURS_UNKNOWN);
    }
    marks
}

fn ranges(hit: &Hit, field: Field) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<_> = hit
        .matches
        .iter()
        .filter(|m| m.field == field)
        .flat_map(|m| m.ranges.iter().cloned())
        .collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// What to say when nothing is listed: which filter to drop and what that brings back.
fn empty_state(app: &App, theme: &Theme) -> Paragraph<'static> {
    let mut lines = Vec::new();
    if app.search_due() {
        lines.push(Line::styled("Searching...", theme.dim));
    } else if app.catalogue().services.is_empty() {
        lines.push(Line::styled(
            "The catalogue has no services.",
            theme.warning,
        ));
    } else {
        lines.push(Line::styled("No service matches.", theme.warning));
        for (kind, count) in &app.relief {
            let noun = if *count == 1 { "service" } else { "services" };
            let count = if *count > MAX_HITS {
                format!("more than {MAX_HITS}")
            } else {
                count.to_string()
            };
            lines.push(Line::from(format!(
                "Drop {}: {count} {noun} ({}).",
                kind.label(),
                kind.how_to_drop()
            )));
        }
        if app.relief.is_empty() {
            lines.push(Line::from(
                "Try other or fewer words; Latin and Cyrillic both work. Esc clears the \
                 query, a second Esc the filters.",
            ));
        }
    }
    Paragraph::new(lines).wrap(Wrap { trim: true })
}
