//! The results list: one row per hit with the matched characters highlighted, marks for
//! closed, alert and STALE, and the coverage badge on the right; or a helpful empty state.

use super::{fit_words, highlighted, pane, width_of};
use crate::card::{Text, localized};
use crate::catalogue::{Catalogue, Organisation, Status};
use crate::i18n::t;
use crate::search::{Field, Hit, OpenState};
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::search_job::MAX_HITS;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::ops::Range;

/// Marks the selected row even where colour and style are lost (copied screen text).
pub const SELECTED_MARK: &str = "> ";
/// Said above the list when open now is on and no service listed has structured hours
/// (a message id).
pub const NO_HOURS: &str = "tui-no-hours";
/// Marks a service in the referral basket.
pub const BASKET_MARK: &str = "+";

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = pane(
        app.lang.t("tui-services-title"),
        app.focus == Focus::List && app.overlay == Overlay::None,
        theme,
    );
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if app.hits.is_empty() {
        frame.render_widget(empty_state(app, theme), inner);
        return;
    }
    if app.filters.open_now && app.hits.iter().all(|h| h.open == Some(OpenState::Unknown)) {
        // Otherwise every row says HOURS? and nothing explains why nothing was removed.
        let lines = super::wrapped(
            &app.lang.t(NO_HOURS),
            usize::from(inner.width),
            theme.warning,
        );
        let height = (lines.len() as u16).min(inner.height);
        frame.render_widget(Paragraph::new(lines), Rect { height, ..inner });
        inner.y += height;
        inner.height -= height;
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
    // On the selection a red mark on blue is hard to read: there marks take the error
    // style (white on red), which reads on any row.
    let mark_style = if selected {
        buf.set_style(rect, theme.selected);
        theme.error
    } else {
        theme.warning
    };
    let badge = app.lang.t(hit.coverage.coverage_id());
    let badge_width = width_of(&badge) as u16;
    let lead = vec![
        Span::raw(if selected { SELECTED_MARK } else { "  " }),
        Span::raw(if app.basket.contains(&hit.service) {
            BASKET_MARK
        } else {
            " "
        }),
    ];
    // In another language than the catalogue's, the translated name when there is one
    // (its matches are not highlighted: they were found in the original's fields).
    let (name, name_ranges) = match localized(catalogue, service, Text::Name, app.lang) {
        Some((text, None)) if text != service.name => (text, Vec::new()),
        _ => (service.name.as_str(), ranges(hit, Field::Name)),
    };
    let width = usize::from(rect.width);
    let (first, rest) = split_name(name, width.saturating_sub(3));
    let mark_list = marks(app, catalogue, hit);
    let marks_width = 3 + mark_list.iter().map(|m| width_of(m) + 1).sum::<usize>();
    let organisation = catalogue.organisation_of(service);
    let plan = plan_second_line(
        name,
        rest,
        organisation,
        width,
        marks_width,
        usize::from(badge_width) + 1,
    );
    let (rest, label, room) = (plan.rest, plan.label, plan.room);
    let mut line = lead;
    line.extend(part(
        name,
        first.clone(),
        &name_ranges,
        Default::default(),
        theme,
    ));
    if first.end < name.len() && rest.is_none() {
        line.push(Span::raw("…"));
    }
    buf.set_line(rect.x, rect.y, &Line::from(line), rect.width);
    if rect.height < 2 {
        return;
    }
    if room < width && badge_width < rect.width {
        let x = rect.right() - badge_width;
        buf.set_stringn(x, rect.y + 1, &badge, usize::from(badge_width), theme.dim);
    }
    let mut second = vec![Span::raw("   ")];
    for mark in mark_list {
        second.push(Span::styled(mark, mark_style));
        second.push(Span::raw(" "));
    }
    if let Some((rest, cut)) = rest {
        second.extend(part(name, rest, &name_ranges, Default::default(), theme));
        if cut {
            second.push(Span::raw("…"));
        }
        if !label.is_empty() {
            second.push(Span::styled(SEPARATOR, theme.dim));
        }
    }
    if label == crate::text::one_line(&organisation.name) {
        second.extend(highlighted(
            &organisation.name,
            &ranges(hit, Field::Organisation),
            theme.dim,
            theme.matched,
        ));
    } else {
        second.push(Span::styled(label, theme.dim));
    }
    buf.set_line(rect.x, rect.y + 1, &Line::from(second), room as u16);
}

/// What the second line of a row holds besides its marks.
struct SecondLine {
    /// The rest of the name (a byte range of it), and whether it is cut (`…`).
    rest: Option<(Range<usize>, bool)>,
    /// The organisation, as it fits.
    label: String,
    /// The columns the line takes: the row less the coverage badge on the right, or the
    /// whole row when the badge yields its place.
    room: usize,
}

/// The fewest columns the rest of a name gets before the coverage badge gives up its place.
const NAME_ROOM: usize = 12;

/// Plans the second line: the marks in their fixed place, the rest of a long name wrapped
/// from the first line at a word, ` · `, then the organisation in its short form. The name
/// comes first: when it would get fewer than [`NAME_ROOM`] columns the coverage badge
/// yields its place (the details pane shows the service area), and only a name that does
/// not fit two lines is cut, with `…`.
fn plan_second_line(
    name: &str,
    rest: Option<Range<usize>>,
    organisation: &Organisation,
    width: usize,
    marks_width: usize,
    badge_width: usize,
) -> SecondLine {
    let with_badge = width.saturating_sub(badge_width);
    // No rest, or no room at all for it (the first line then ends with `…`).
    let no_rest = || SecondLine {
        rest: None,
        label: organisation_label(organisation, with_badge.saturating_sub(marks_width)),
        room: with_badge,
    };
    let Some(rest) = rest else {
        return no_rest();
    };
    let text = &name[rest.clone()];
    let rest_width = width_of(text);
    // The organisation gives way to the whole rest of the name, else to its first word and
    // `…`, while a short label (four columns) still fits; past that it keeps a third of
    // the row and the name is cut at a word.
    let first_word = text
        .split_whitespace()
        .next()
        .map_or(0, |word| width_of(word) + 1);
    let short = |room: usize| {
        let free = |needed: usize| room.saturating_sub(marks_width + SEPARATOR_WIDTH + needed);
        let width = [free(rest_width), free(first_word)]
            .into_iter()
            .find(|&free| free >= 4)
            .unwrap_or(room / 3);
        organisation_label(organisation, width)
    };
    let name_room = |room: usize, label: &str| {
        room.saturating_sub(marks_width + SEPARATOR_WIDTH + width_of(label))
    };
    let mut room = with_badge;
    let mut label = short(room);
    if name_room(room, &label) < rest_width.min(NAME_ROOM) {
        room = width;
        label = short(room);
    }
    let fits = name_room(room, &label);
    let shown = if rest_width <= fits {
        (rest, false)
    } else if fits > 1 {
        // Cut after the last whole word that fits (a word too long for the room is not
        // cut mid-way: the `…` stands for it).
        let kept = fit_words(text, fits);
        let kept = kept.strip_suffix('…').unwrap_or(&kept).len();
        (rest.start..rest.start + kept, true)
    } else {
        return no_rest();
    };
    SecondLine {
        rest: Some(shown),
        label,
        room,
    }
}

/// Between the rest of a long name and the organisation on the second line.
const SEPARATOR: &str = " · ";
const SEPARATOR_WIDTH: usize = 3;

/// Splits a name for two lines: the byte range that fits in `width` columns (broken at a
/// space when one is near), and the rest, if any.
fn split_name(name: &str, width: usize) -> (Range<usize>, Option<Range<usize>>) {
    if width_of(name) <= width {
        return (0..name.len(), None);
    }
    let mut used = 0;
    let cut = name
        .char_indices()
        .find(|&(_, c)| {
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            used > width
        })
        .map_or(name.len(), |(i, _)| i);
    let at = name[..cut]
        .rfind(' ')
        .filter(|&space| space > 0)
        .unwrap_or(cut);
    let rest = at + usize::from(name[at..].starts_with(' '));
    (0..at, Some(rest..name.len()))
}

/// A part of a highlighted text: the matched ranges that fall in it, shifted.
fn part(
    text: &str,
    range: Range<usize>,
    matched: &[Range<usize>],
    base: ratatui::style::Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let inside: Vec<Range<usize>> = matched
        .iter()
        .filter(|r| r.start >= range.start && r.end <= range.end)
        .map(|r| (r.start - range.start)..(r.end - range.start))
        .collect();
    highlighted(&text[range], &inside, base, theme.matched)
}

/// The organisation in `width` columns without cutting a word: its name when it fits,
/// else its `short_name`, else its first words, else its initials.
pub fn organisation_label(organisation: &Organisation, width: usize) -> String {
    let name = crate::text::one_line(&organisation.name);
    let fits = |text: &str| width_of(text) <= width;
    if fits(&name) {
        return name;
    }
    if let Some(short) = organisation
        .short_name
        .as_deref()
        .map(crate::text::one_line)
        && fits(&short)
    {
        return short;
    }
    let first = fit_words(&name, width);
    if first != "…" {
        return first;
    }
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    initials.chars().take(width).collect()
}

/// The marks' message ids (short forms on screen; JSON keeps the English words).
const STALE: &str = "mark-stale";
const CLOSED: &str = "mark-closed";
const ALERT: &str = "mark-alert";
/// With "open now" set, services without structured hours are kept (after the open ones)
/// but must not pass for open.
const HOURS_UNKNOWN: &str = "mark-hours-unknown";

/// Marks that warn the operator before referring: closed, alert, STALE.
fn marks(app: &App, catalogue: &Catalogue, hit: &Hit) -> Vec<String> {
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
    marks.into_iter().map(|id| app.lang.t(id)).collect()
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
    let lang = app.lang;
    let mut lines = Vec::new();
    if app.search_due() {
        lines.push(Line::styled(lang.t("tui-searching"), theme.dim));
    } else if app.catalogue().services.is_empty() {
        lines.push(Line::styled(lang.t("tui-no-services"), theme.warning));
    } else {
        lines.push(Line::styled(lang.t("tui-no-match"), theme.warning));
        for (kind, count) in &app.relief {
            let services = if *count > MAX_HITS {
                t!(lang, "tui-more-than-services", count = MAX_HITS)
            } else {
                t!(lang, "services-count", count = *count)
            };
            lines.push(Line::from(t!(
                lang,
                "tui-drop-filter",
                filter = lang.t(kind.label()),
                services = services,
                how = lang.t(kind.how_to_drop())
            )));
        }
        if app.relief.is_empty() {
            lines.push(Line::from(lang.t("tui-try-other-words")));
        }
    }
    Paragraph::new(lines).wrap(Wrap { trim: true })
}
