//! The active filters as chips, then which catalogue is in use (title and origin); with
//! no filters, the catalogue and the keys that set filters.

use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let chips = labels(app);
    let line = if chips.is_empty() {
        Line::from(vec![
            Span::styled(app.catalogue_label(), theme.title),
            Span::styled(
                "  No filters: n need, r region, l language, p population, o open now",
                theme.dim,
            ),
        ])
    } else {
        let mut spans = Vec::new();
        for chip in chips {
            spans.push(Span::styled(format!(" {chip} "), theme.chip));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            format!(" {}", app.catalogue_label()),
            theme.dim,
        ));
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// One label per active filter, in the order the keys are listed.
pub fn labels(app: &App) -> Vec<String> {
    let catalogue = app.catalogue();
    let filters = &app.filters;
    let mut chips: Vec<String> = filters
        .needs
        .iter()
        .map(|&n| format!("need: {}", crate::text::one_line(&catalogue.needs[n].name)))
        .collect();
    if let Some(r) = filters.region {
        chips.push(format!(
            "region: {}",
            crate::text::one_line(&catalogue.regions[r].name)
        ));
    } else if let Some(place) = &app.place {
        chips.push(format!(
            "region: {} (from the query)",
            crate::text::one_line(&catalogue.regions[place.region].name)
        ));
    }
    if let Some(language) = &filters.language {
        chips.push(format!("language: {}", crate::text::one_line(language)));
    }
    if let Some(population) = &filters.population {
        chips.push(format!("population: {}", crate::text::one_line(population)));
    }
    if filters.open_now {
        chips.push("open now".to_string());
    }
    chips
}
