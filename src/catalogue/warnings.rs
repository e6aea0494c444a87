//! Warnings about records that loaded: stale, unreachable, orphaned, expired.

use super::reader::Sink;
use super::*;

pub(super) fn warn(sink: &mut Sink, catalogue: &Catalogue, clock: crate::clock::Clock) {
    let today = clock.today_in(&catalogue.time_zone());
    if catalogue.uses_host_zone() && catalogue.has_opening_hours() {
        sink.push_at(
            Severity::Warning,
            1,
            1,
            "the catalogue names no `timezone`: \"open now\" and dates follow this machine's zone; add one such as timezone = \"Europe/Minsk\"",
        );
    }
    let stale_days = catalogue.header.stale_after_days;
    let mut org_has_service = vec![false; catalogue.organisations.len()];
    for service in &catalogue.services {
        org_has_service[service.organisation] = true;
        let header_col = header_column(sink, service.line);
        match service.verified {
            None => sink.push_at(Severity::Warning, service.line, header_col, format!("service `{}` has no `verified` date: treat it as stale until someone checks it", service.id)),
            Some(verified) if catalogue.is_stale(service, today) => sink.push_at(
                Severity::Warning,
                service.line,
                header_col,
                format!("service `{}` not verified since {verified} (more than {stale_days} days)", service.id),
            ),
            _ => {}
        }
        if !has_public_channel(catalogue, service) {
            sink.push_at(Severity::Warning, service.line, header_col, format!("service `{}` has no public contact channel (no public phone, e-mail or website on it, its contacts or its organisation)", service.id));
        }
        if let Some(until) = service
            .alert
            .as_ref()
            .and_then(|a| a.until)
            .filter(|&u| u < today)
        {
            let message = format!("alert of service `{}` expired on {until}", service.id);
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
                format!("organisation `{}` has no services", org.id),
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
