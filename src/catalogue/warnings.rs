//! Warnings about records that loaded: stale, unreachable, orphaned, expired.

use super::messages::message;
use super::reader::Sink;
use super::*;

pub(super) fn warn(sink: &mut Sink, catalogue: &Catalogue, clock: crate::clock::Clock) {
    let today = clock.today_in(&catalogue.time_zone());
    if catalogue.uses_host_zone() && catalogue.has_opening_hours() {
        sink.push_at(Severity::Warning, 1, 1, message!("cli-check-no-timezone"));
    }
    let stale_days = catalogue.header.stale_after_days;
    let mut org_has_service = vec![false; catalogue.organisations.len()];
    for service in &catalogue.services {
        org_has_service[service.organisation] = true;
        let header_col = header_column(sink, service.line);
        match service.verified {
            None => sink.push_at(
                Severity::Warning,
                service.line,
                header_col,
                message!("cli-check-unverified", id = &service.id),
            ),
            Some(verified) if catalogue.is_stale(service, today) => sink.push_at(
                Severity::Warning,
                service.line,
                header_col,
                message!(
                    "cli-check-stale",
                    id = &service.id,
                    date = verified.to_string(),
                    days = stale_days
                ),
            ),
            _ => {}
        }
        if !has_public_channel(catalogue, service) {
            let message = message!("cli-check-no-channel", id = &service.id);
            sink.push_at(Severity::Warning, service.line, header_col, message);
        }
        if let Some(until) = service
            .alert
            .as_ref()
            .and_then(|a| a.until)
            .filter(|&u| u < today)
        {
            let message = message!(
                "cli-check-alert-expired",
                id = &service.id,
                date = until.to_string()
            );
            sink.push_at(Severity::Warning, service.line, header_col, message);
        }
    }
    for (org, has) in catalogue.organisations.iter().zip(org_has_service) {
        if !has {
            let col = header_column(sink, org.line);
            sink.push_at(
                Severity::Warning,
                org.line,
                col,
                message!("cli-check-org-no-services", id = &org.id),
            );
        }
    }
}

/// Column of the `[` on a record's header line (after any indentation).
fn header_column(sink: &Sink, line: usize) -> usize {
    let start = sink.lines.line_start(line);
    let text = sink.lines.text_from(start);
    let indent = text.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    sink.lines.position(start).1 + indent
}

fn has_public_channel(catalogue: &Catalogue, service: &Service) -> bool {
    let org = catalogue.organisation_of(service);
    public_phones(&service.phones).next().is_some()
        || service.email.is_some()
        || service.website.is_some()
        || catalogue
            .public_contacts(service)
            .any(|c| c.email.is_some() || public_phones(&c.phones).next().is_some())
        || public_phones(&org.phones).next().is_some()
        || org.email.is_some()
        || org.website.is_some()
}
