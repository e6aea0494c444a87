//! The statistics overlay: which catalogue, what it holds, and the referral history's
//! counts as bar charts (by need, by region, and by outcome). Everything shown was
//! counted when the overlay opened; drawing only lays it out. The content is drawn on a
//! canvas as tall as it needs and the visible window copied, so Up/Down scroll the charts
//! too.

use crate::context::texts;
use crate::i18n::t;
use crate::referral::Count;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, BorderType, Clear, Paragraph, Widget};

/// Bar labels are cut to this many columns, so the bars keep room.
const LABEL: usize = 24;

/// One block of the overlay, stacked top to bottom.
enum Section {
    Text(Vec<Line<'static>>),
    Chart(Vec<(String, usize)>),
}

impl Section {
    fn height(&self) -> u16 {
        let rows = match self {
            Section::Text(lines) => lines.len(),
            Section::Chart(bars) => bars.len(),
        };
        u16::try_from(rows).unwrap_or(u16::MAX)
    }

    fn render(&self, theme: &Theme, area: Rect, buf: &mut Buffer) {
        match self {
            Section::Text(lines) => Paragraph::new(lines.clone()).render(area, buf),
            Section::Chart(bars) => chart(bars, theme).render(area, buf),
        }
    }
}

pub fn render(app: &App, scroll: u16, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focused)
        .title(Span::styled(app.lang.t("tui-stats-title"), theme.title))
        .title_bottom(Span::styled(app.lang.t("tui-overlay-hint"), theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let sections = sections(app, theme, inner);
    let total = sections
        .iter()
        .fold(0u16, |sum, s| sum.saturating_add(s.height()));
    let mut canvas = Buffer::empty(Rect::new(0, 0, inner.width, total));
    let mut y = 0;
    for section in &sections {
        section.render(
            theme,
            Rect::new(0, y, inner.width, section.height()),
            &mut canvas,
        );
        y = y.saturating_add(section.height());
    }
    let scroll = scroll.min(total.saturating_sub(inner.height));
    let buf = frame.buffer_mut();
    for row in 0..inner.height.min(total - scroll) {
        for x in 0..inner.width {
            buf[(inner.x + x, inner.y + row)] = canvas[(x, row + scroll)].clone();
        }
    }
}

fn sections(app: &App, theme: &Theme, inner: Rect) -> Vec<Section> {
    let lang = app.lang;
    let c = &app.catalogue_stats;
    let width = usize::from(inner.width);
    let mut head = super::catalogue_lines(app, theme, width);
    let summary = t!(
        lang,
        "tui-stats-summary",
        services = lang.t_args("services-count", &[("count", c.services.into())]),
        active = c.active,
        closed = c.closed,
        inactive = c.inactive,
        stale = c.stale,
        alerts = c.alerts,
        regions = c.regions
    );
    head.extend(super::wrapped(&summary, width, Style::default()));
    head.extend([
        Line::raw(""),
        Line::styled(lang.t("tui-stats-history"), theme.title),
    ]);
    let mut out = Vec::new();
    match &app.history {
        None => head.push(Line::styled(
            format!("  {}", lang.t("tui-stats-reading")),
            theme.dim,
        )),
        Some(stats) if stats.error.is_some() => head.push(Line::styled(
            format!("  {}", stats.error.clone().unwrap_or_default()),
            theme.dim,
        )),
        Some(stats) => {
            head.push(Line::from(t!(
                lang,
                "tui-stats-recorded",
                records = stats.records,
                due = stats.due
            )));
            if !stats.by_need.is_empty() {
                head.push(Line::styled(lang.t("tui-stats-by-need"), theme.title));
                out.push(Section::Text(std::mem::take(&mut head)));
                out.push(Section::Chart(bars(&stats.by_need, |c| c.label.clone())));
            }
            if !stats.by_region.is_empty() {
                out.push(Section::Text(vec![
                    Line::raw(""),
                    Line::styled(lang.t("tui-stats-by-region"), theme.title),
                ]));
                let label = |c: &Count| {
                    texts::region_label(c).map_or_else(|| c.label.clone(), |l| l.render(lang))
                };
                out.push(Section::Chart(bars(&stats.by_region, label)));
            }
            if !stats.by_outcome.is_empty() {
                out.push(Section::Text(vec![
                    Line::raw(""),
                    Line::styled(lang.t("tui-stats-by-outcome"), theme.title),
                ]));
                let label = |c: &Count| {
                    texts::outcome_label(&c.key).map_or_else(|| c.label.clone(), |l| l.render(lang))
                };
                out.push(Section::Chart(bars(&stats.by_outcome, label)));
            }
        }
    }
    if !head.is_empty() {
        out.insert(0, Section::Text(head));
    }
    out.push(Section::Text(vec![
        Line::raw(""),
        Line::styled(lang.t("tui-stats-catalogue-by-need"), theme.title),
    ]));
    out.push(Section::Chart(c.by_need.clone()));
    out
}

/// The bars of some counts, each labelled by `label` (a translation, or the catalogue's
/// name as it is).
fn bars(counts: &[Count], label: impl Fn(&Count) -> String) -> Vec<(String, usize)> {
    counts
        .iter()
        .map(|c| (crate::text::one_line(&label(c)), c.count))
        .collect()
}

/// A horizontal bar chart, one row per bar, label on the left and the count on the bar.
fn chart(bars: &[(String, usize)], theme: &Theme) -> BarChart<'static> {
    let bars: Vec<Bar<'static>> = bars
        .iter()
        .map(|(label, count)| {
            Bar::default()
                .label(Line::from(cut(label)))
                .value(u64::try_from(*count).unwrap_or(u64::MAX))
        })
        .collect();
    BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .value_style(theme.chip)
}

fn cut(label: &str) -> String {
    if label.chars().count() > LABEL {
        let cut: String = label.chars().take(LABEL - 1).collect();
        format!("{cut}~")
    } else {
        format!("{label:<LABEL$}")
    }
}
