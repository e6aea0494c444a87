//! The statistics overlay: what the catalogue holds, by status, freshness and need.

use crate::catalogue::{Catalogue, Status};
use crate::tui::app::App;
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
        .title(Span::styled("Statistics", theme.title))
        .title_bottom(Span::styled("Esc or q closes", theme.dim));
    let catalogue = app.catalogue();
    let services = &catalogue.services;
    let count =
        |f: &dyn Fn(&crate::catalogue::Service) -> bool| services.iter().filter(|s| f(s)).count();
    let mut lines = vec![
        Line::styled(crate::text::one_line(&catalogue.header.title), theme.title),
        row("services", services.len()),
        row("active", count(&|s| s.status == Status::Active)),
        row(
            "temporarily closed",
            count(&|s| s.status == Status::TemporarilyClosed),
        ),
        row("inactive", count(&|s| s.status == Status::Inactive)),
        row(
            "not verified recently (STALE)",
            count(&|s| catalogue.is_stale(s, app.today)),
        ),
        row(
            "with a live alert",
            count(&|s| {
                s.alert
                    .as_ref()
                    .is_some_and(|a| Catalogue::alert_is_live(a, app.today))
            }),
        ),
        row("regions", catalogue.regions.len()),
        Line::raw(""),
        Line::styled("Services by need", theme.title),
    ];
    for (n, need) in catalogue.needs.iter().enumerate() {
        let within = count(&|s| s.needs.iter().any(|&m| catalogue.need_within(m, n)));
        lines.push(row(&need.name, within));
    }
    lines.push(Line::raw(""));
    lines.extend(history(app, theme));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// The referral history: counts only, never a client's data.
fn history(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Referral history", theme.title)];
    match &app.history {
        None => lines.push(Line::styled("  reading...", theme.dim)),
        Some(stats) if stats.error.is_some() => lines.push(Line::styled(
            format!("  {}", stats.error.clone().unwrap_or_default()),
            theme.dim,
        )),
        Some(stats) => {
            lines.push(row("referrals recorded", stats.records));
            lines.push(row("follow-ups due or overdue", stats.due));
            for count in &stats.by_need {
                lines.push(row(&count.label, count.count));
            }
        }
    }
    lines
}

/// A label and a count in two columns; long labels are cut so the counts stay aligned.
fn row(label: &str, value: usize) -> Line<'static> {
    let label = crate::text::one_line(label);
    let label = if label.chars().count() > LABEL {
        let cut: String = label.chars().take(LABEL - 1).collect();
        format!("{cut}~")
    } else {
        label
    };
    Line::from(format!("  {label:<LABEL$}{value:>6}"))
}

const LABEL: usize = 34;
