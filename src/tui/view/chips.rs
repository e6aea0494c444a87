//! The active filters as chips, then which catalogue is in use (title and origin); with
//! no filters, the catalogue and the keys that set filters.

use crate::i18n::t;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::view::width_of;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let chips = labels(app);
    let line = if chips.is_empty() {
        let label = app.catalogue_label();
        let room = usize::from(area.width).saturating_sub(width_of(&label));
        Line::from(vec![
            Span::styled(label, theme.title),
            Span::styled(whole_items(&app.lang.t("tui-no-filters"), room), theme.dim),
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

/// The keys that set filters (`No filters: n need, r region, …`) after two spaces, as many
/// items as fit in `room` columns: an item is dropped whole rather than cut.
fn whole_items(hint: &str, room: usize) -> String {
    let mut out = String::new();
    for (i, item) in hint.split(", ").enumerate() {
        let next = if i == 0 {
            format!("  {item}")
        } else {
            format!("{out}, {item}")
        };
        if width_of(&next) > room {
            break;
        }
        out = next;
    }
    out
}

/// One label per active filter, in the order the keys are listed.
pub fn labels(app: &App) -> Vec<String> {
    let catalogue = app.catalogue();
    let filters = &app.filters;
    let lang = app.lang;
    let chip = |id: &str, value: &str| t!(lang, id, value = crate::text::one_line(value));
    let mut chips: Vec<String> = filters
        .needs
        .iter()
        .map(|&n| chip("tui-chip-need", &catalogue.needs[n].name))
        .collect();
    if let Some(r) = filters.region {
        chips.push(chip("tui-chip-region", &catalogue.regions[r].name));
    } else if let Some(place) = &app.place {
        let name = &catalogue.regions[place.region].name;
        chips.push(chip("tui-chip-region-from-query", name));
    }
    if let Some(language) = &filters.language {
        chips.push(chip("tui-chip-language", language));
    }
    if let Some(population) = &filters.population {
        chips.push(chip("tui-chip-population", population));
    }
    if filters.open_now {
        chips.push(lang.t("tui-filter-open-now"));
    }
    chips
}
