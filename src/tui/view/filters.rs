//! The filter pane of the wide layout: each filter with its key, always in view.

use super::pane;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let catalogue = app.catalogue();
    let filters = &app.filters;
    let needs: Vec<String> = filters
        .needs
        .iter()
        .map(|&n| crate::text::one_line(&catalogue.needs[n].name))
        .collect();
    let region = filters.region.map(|r| {
        catalogue
            .region_chain(r)
            .map(|r| crate::text::one_line(&catalogue.regions[r].name))
            .collect::<Vec<_>>()
            .join(" < ")
    });
    let lang = app.lang;
    let open_now = if filters.open_now {
        "tui-yes"
    } else {
        "tui-no"
    };
    let rows = [
        (
            "n",
            "tui-picker-needs",
            (!needs.is_empty()).then(|| needs.join(", ")),
        ),
        ("r", "tui-picker-region", region),
        ("l", "tui-picker-language", filters.language.clone()),
        ("p", "tui-picker-population", filters.population.clone()),
        ("o", "tui-pane-open-now", Some(lang.t(open_now))),
    ];
    let mut lines = Vec::new();
    for (key, label, value) in rows {
        lines.push(Line::from(vec![
            Span::styled(key, theme.key),
            Span::styled(format!(" {}", lang.t(label)), theme.title),
        ]));
        let value = value.map(|v| crate::text::one_line(&v));
        lines.push(match value {
            Some(v) => Line::from(format!("  {v}")),
            None => Line::styled(format!("  {}", lang.t("tui-any")), theme.dim),
        });
    }
    let paragraph = Paragraph::new(lines)
        .block(pane(lang.t("tui-filters-title"), false, theme))
        .wrap(Wrap { trim: false });
    frame.render_widget(paragraph, area);
}
