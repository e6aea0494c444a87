//! `view`: draws the state, and nothing else. One file per pane or popup; this one only
//! lays them out for the terminal's size: three panes from 120 columns, two from 60, one
//! below, and never a panic down to 1x1.

mod banner;
mod chips;
mod compose;
mod details;
mod filters;
mod follow_ups;
mod help;
mod picker;
mod query;
mod results;
mod stats;
mod status;

use super::app::{App, Focus, Overlay};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType};
use std::ops::Range;

/// From this width the filters get their own pane (and pickers open inside it).
pub const WIDE: u16 = 120;
/// Below this width only the focused pane is shown.
pub const NARROW: u16 = 60;

pub use details::content_rows as details_rows;

/// Draws the whole screen.
pub fn view(app: &App, frame: &mut Frame) {
    let theme = Theme::new(app.color);
    let area = frame.area();
    // Built once a frame: its height lays out the screen and the composer over it.
    let status = status::lines(app, &theme, area.width);
    let heights = Heights {
        banner: banner::height(app, area.width),
        status: u16::try_from(status.len()).unwrap_or(1),
    };
    let [banner_area, query_area, chips_area, body, status_area] = Layout::vertical([
        Constraint::Length(heights.banner),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(heights.status),
    ])
    .areas(area);
    banner::render(app, &theme, frame, banner_area);
    query::render(app, &theme, frame, query_area);
    chips::render(app, &theme, frame, chips_area);
    let filter_pane = panes(app, &theme, frame, body);
    status::render(status, frame, status_area);
    overlay(app, &theme, frame, area, filter_pane, heights);
}

/// The rows the banner and the status line take this frame.
#[derive(Clone, Copy)]
struct Heights {
    banner: u16,
    status: u16,
}

/// Draws the panes for the width; returns the filter pane when there is one.
fn panes(app: &App, theme: &Theme, frame: &mut Frame, body: Rect) -> Option<Rect> {
    if body.width >= WIDE {
        let [filter_area, list, details_area] = Layout::horizontal([
            Constraint::Length(28),
            Constraint::Percentage(42),
            Constraint::Min(0),
        ])
        .areas(body);
        filters::render(app, theme, frame, filter_area);
        results::render(app, theme, frame, list);
        details::render(app, theme, frame, details_area);
        Some(filter_area)
    } else if body.width >= NARROW {
        let [list, details_area] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Min(0)]).areas(body);
        results::render(app, theme, frame, list);
        details::render(app, theme, frame, details_area);
        None
    } else {
        match app.focus {
            Focus::Details => details::render(app, theme, frame, body),
            _ => results::render(app, theme, frame, body),
        }
        None
    }
}

fn overlay(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    filter_pane: Option<Rect>,
    heights: Heights,
) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help::render(app, *scroll, theme, frame, popup(area, 76, 40)),
        Overlay::Stats { scroll } => stats::render(app, *scroll, theme, frame, popup(area, 76, 40)),
        Overlay::FollowUps(view) => {
            follow_ups::render(app, view, theme, frame, popup(area, 100, 30))
        }
        Overlay::Compose(composer) => {
            let [_, body, _] = Layout::vertical([
                Constraint::Length(2 + heights.banner),
                Constraint::Min(0),
                Constraint::Length(heights.status),
            ])
            .areas(area);
            compose::render(app, composer, theme, frame, body);
        }
        Overlay::Picker(p) => {
            let place = filter_pane.unwrap_or_else(|| popup(area, 50, 20));
            picker::render(app.lang, p, theme, frame, place);
        }
    }
}

/// A centred rectangle of at most `width` x `height`, inside `area` with a one-cell margin
/// when there is room.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width
        .min(area.width.saturating_sub(2))
        .max(area.width.min(1));
    let height = height
        .min(area.height.saturating_sub(2))
        .max(area.height.min(1));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A pane's frame, its border marking whether it has focus.
pub fn pane(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    let (style, kind) = if focused {
        (theme.focused, BorderType::Thick)
    } else {
        (theme.border, BorderType::Plain)
    };
    Block::bordered()
        .border_type(kind)
        .border_style(style)
        .title(Span::styled(title, theme.title))
}

/// Splits untrusted catalogue text into spans, with the matched byte ranges styled.
/// Ranges that do not fall on the text's character boundaries are ignored, never a panic.
pub fn highlighted(
    text: &str,
    ranges: &[Range<usize>],
    base: Style,
    matched: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for range in ranges {
        if range.start < at || text.get(range.clone()).is_none() {
            continue;
        }
        push_clean(&mut spans, &text[at..range.start], base);
        push_clean(&mut spans, &text[range.clone()], base.patch(matched));
        at = range.end;
    }
    push_clean(&mut spans, &text[at..], base);
    spans
}

fn push_clean(spans: &mut Vec<Span<'static>>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    let clean = crate::text::strip_controls(text).replace(['\n', '\t'], " ");
    spans.push(Span::styled(clean, style));
}

/// The catalogue in use and its notice, wrapped to `width`, for the top of help and
/// statistics.
pub fn catalogue_lines(
    app: &App,
    theme: &Theme,
    width: usize,
) -> Vec<ratatui::text::Line<'static>> {
    let label = format!("{}: {}", app.lang.t("tui-catalogue"), app.catalogue_label());
    let mut lines = wrapped(&label, width, theme.title);
    if let Some(notice) = &app.catalogue().header.notice {
        lines.extend(wrapped(
            &crate::text::one_line(notice),
            width,
            theme.warning,
        ));
    }
    lines
}

/// One-line text wrapped at spaces to `width` columns, one styled line per row.
pub fn wrapped(text: &str, width: usize, style: Style) -> Vec<ratatui::text::Line<'static>> {
    crate::referral::wrap(text, width.max(1))
        .lines()
        .map(|line| ratatui::text::Line::styled(line.to_string(), style))
        .collect()
}

/// Display columns of a text (a CJK character takes two).
pub fn width_of(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(width_of(text))))
}

/// `text` in `width` columns: whole when it fits, else cut after the last whole word (at
/// a space, never at a hyphen) that leaves a column for `…`, then `…` (only `…` when not
/// even the first word fits).
pub fn fit_words(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(1);
    let options = textwrap::Options::new(room.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    let lines = textwrap::wrap(text, options);
    let first = lines.first().map_or("", |line| line.trim_end());
    let kept = if width_of(first) <= room { first } else { "" };
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_words_cuts_after_a_whole_word_by_display_width() {
        assert_eq!(fit_words("  Night shelter", 20), "  Night shelter");
        assert_eq!(fit_words("  Night shelter for all", 16), "  Night shelter…");
        assert_eq!(fit_words("Buda-Koshelevo District", 12), "…");
        assert_eq!(fit_words("夜间 收容所 中心", 12), "夜间 收容所…");
        assert_eq!(pad("夜间", 6), "夜间  ");
    }
}
