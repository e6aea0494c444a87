//! The details of the selected service, scrollable.

use super::pane;
use crate::catalogue::{Catalogue, Phone, Service, Status, public_phones};
use crate::search::OpenState;
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = pane(
        "Details".to_string(),
        app.focus == Focus::Details && app.overlay == Overlay::None,
        theme,
    );
    let lines = match app.selected_hit() {
        Some(hit) => lines(app, theme, hit.service, hit.open),
        None => vec![Line::styled("No service selected.", theme.dim)],
    };
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.details_scroll, 0));
    frame.render_widget(paragraph, area);
}

fn lines(app: &App, theme: &Theme, s: usize, open: Option<OpenState>) -> Vec<Line<'static>> {
    let catalogue: &Catalogue = app.catalogue();
    let service = &catalogue.services[s];
    let mut out = vec![Line::styled(clean(&service.name), theme.title)];
    out.push(Line::from(clean(&catalogue.organisation_of(service).name)));
    if service.status != Status::Active {
        out.push(Line::styled(
            format!("Status: {}", service.status.as_str()),
            theme.warning,
        ));
    }
    if let Some(alert) = service
        .alert
        .as_ref()
        .filter(|a| Catalogue::alert_is_live(a, app.today))
    {
        out.push(Line::styled(
            format!("Alert: {}", clean(&alert.text)),
            theme.warning,
        ));
    }
    let mut field = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.push(Line::from(vec![
                Span::styled(format!("{label}: "), theme.title),
                Span::raw(value),
            ]));
        }
    };
    field("Description", service.description.as_deref().map(clean));
    field("Eligibility", service.eligibility.as_deref().map(clean));
    field("How to refer", service.how_to_refer.as_deref().map(clean));
    field("Documents", list(&service.documents));
    field("Languages", list(&service.languages));
    field("Hours", hours(service, open));
    field("Hours note", service.hours_note.as_deref().map(clean));
    field("Fee", service.fee.as_deref().map(clean));
    field("Address", service.address.as_deref().map(clean));
    for phone in &service.phones {
        field("Phone", Some(phone_line(phone)));
    }
    field("E-mail", service.email.as_deref().map(clean));
    for contact in service.contacts.iter().map(|&c| &catalogue.contacts[c]) {
        let mut text = clean(&contact.name);
        if let Some(role) = &contact.role {
            text.push_str(&format!(", {}", clean(role)));
        }
        for phone in public_phones(&contact.phones) {
            text.push_str(&format!(", {}", clean(&phone.number)));
        }
        if let Some(email) = &contact.email {
            text.push_str(&format!(", {}", clean(email)));
        }
        if contact.private {
            text.push_str(" [staff only]");
        }
        field("Contact", Some(text));
    }
    let area: Vec<String> = service
        .regions
        .iter()
        .map(|&r| catalogue.regions[r].name.clone())
        .collect();
    field("Service area", list(&area));
    let stale = if catalogue.is_stale(service, app.today) {
        " STALE"
    } else {
        ""
    };
    let verified = service
        .verified
        .map_or("never".to_string(), |d| d.to_string());
    field("Verified", Some(format!("{verified}{stale}")));
    field("Source", service.source.as_deref().map(clean));
    out
}

fn hours(service: &Service, open: Option<OpenState>) -> Option<String> {
    let text = clean(service.opening_hours.as_deref()?);
    Some(match open {
        Some(OpenState::Open) => format!("{text} (open now)"),
        Some(OpenState::Closed) => format!("{text} (closed now)"),
        _ => text,
    })
}

fn phone_line(phone: &Phone) -> String {
    let mut text = format!("{} ({})", clean(&phone.number), phone.kind.as_str());
    if let Some(hours) = &phone.hours {
        text.push_str(&format!(", {}", clean(hours)));
    }
    if phone.private {
        text.push_str(" [staff only]");
    }
    text
}

fn list(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| clean(&items.join(", ")))
}

fn clean(text: &str) -> String {
    crate::text::strip_controls(text).into_owned()
}
