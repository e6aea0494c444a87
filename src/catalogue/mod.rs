//! The catalogue: model, loading with source positions, and validation.
//!
//! `catalogue` uses only the bottom layer (`text`, `clock`, `fsutil`); every module above
//! depends on it. Opening hours live here (`hours`) because validating a record parses them.

mod cache;
mod diagnostics;
pub mod hours;
mod link;
mod load;
mod messages;
mod model;
mod reader;
mod records;
mod schema;
mod warnings;

pub use cache::{Slot, load_cached_slot};
pub use diagnostics::{Diagnostic, LineIndex, Severity};
pub use load::{
    LoadError, LoadOptions, MAX_FILE_BYTES, ReadFailure, first_of, load, load_embedded, load_with,
    open_catalogue, parse_with, read_open, read_text,
};
pub(crate) use messages::message;
pub use messages::{Arg, Message};
pub use model::*;
pub use reader::{SUGGEST_MAX_CHARS, too_long_to_suggest};
pub use records::{is_email, is_slug, is_url};

use jiff::civil::Date;

/// The default catalogue, compiled in: a demonstration built from public pages.
pub const EMBEDDED_CATALOGUE: &str = include_str!("../../data/catalogue.toml");

/// The commented schema example for data managers.
pub const SCHEMA_EXAMPLE: &str = include_str!("../../data/example.toml");

impl Catalogue {
    /// Loads catalogue text; `origin` names it in diagnostics. Records with errors are left
    /// out and listed in [`Catalogue::diagnostics`]; only text that is not a catalogue at all
    /// is an `Err`.
    pub fn from_text(text: &str, origin: Origin) -> Result<Catalogue, LoadError> {
        load::parse_catalogue(text, origin)
    }

    /// Number of error diagnostics.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warning diagnostics.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn need_by_id(&self, id: &str) -> Option<NeedIdx> {
        find_by_id(&self.needs, id, |n| &n.id)
    }

    pub fn region_by_id(&self, id: &str) -> Option<RegionIdx> {
        find_by_id(&self.regions, id, |r| &r.id)
    }

    pub fn organisation_by_id(&self, id: &str) -> Option<OrgIdx> {
        find_by_id(&self.organisations, id, |o| &o.id)
    }

    pub fn contact_by_id(&self, id: &str) -> Option<ContactIdx> {
        find_by_id(&self.contacts, id, |c| &c.id)
    }

    pub fn service_by_id(&self, id: &str) -> Option<ServiceIdx> {
        find_by_id(&self.services, id, |s| &s.id)
    }

    /// The region and its ancestors, nearest first (a district, its oblast, the country).
    pub fn region_chain(&self, region: RegionIdx) -> impl Iterator<Item = RegionIdx> + '_ {
        std::iter::successors(Some(region), move |&r| self.regions[r].parent)
    }

    /// The need and its ancestors, nearest first.
    pub fn need_chain(&self, need: NeedIdx) -> impl Iterator<Item = NeedIdx> + '_ {
        std::iter::successors(Some(need), move |&n| self.needs[n].parent)
    }

    /// True when `region` is `ancestor` or lies inside it.
    pub fn region_within(&self, region: RegionIdx, ancestor: RegionIdx) -> bool {
        self.region_chain(region).any(|r| r == ancestor)
    }

    /// True when `need` is `ancestor` or one of its sub-needs.
    pub fn need_within(&self, need: NeedIdx, ancestor: NeedIdx) -> bool {
        self.need_chain(need).any(|n| n == ancestor)
    }

    /// True when the service serves `region`: one of its regions is `region` or encloses it
    /// (a national service serves every district), or lies inside it (a district service
    /// matches its oblast). The one definition of region matching; search ranks on top of it.
    pub fn serves_region(&self, service: &Service, region: RegionIdx) -> bool {
        service
            .regions
            .iter()
            .any(|&own| self.region_within(region, own) || self.region_within(own, region))
    }

    /// True when the service meets `need` or one of its sub-needs.
    pub fn meets_need(&self, service: &Service, need: NeedIdx) -> bool {
        service.needs.iter().any(|&own| self.need_within(own, need))
    }

    /// Children of each region, in catalogue order; computed on demand (cheap: a few
    /// hundred regions).
    pub fn region_children(&self) -> Vec<Vec<RegionIdx>> {
        children_of(self.regions.iter().map(|r| r.parent))
    }

    /// Children of each need, in catalogue order.
    pub fn need_children(&self) -> Vec<Vec<NeedIdx>> {
        children_of(self.needs.iter().map(|n| n.parent))
    }

    /// The catalogue's time zone; this machine's when the header names none (validated at
    /// load; UTC if it somehow is not known here).
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        if self.header.timezone.is_empty() {
            return jiff::tz::TimeZone::system();
        }
        jiff::tz::TimeZone::get(&self.header.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// True when the header names no zone, so "open now" and dates follow this machine's.
    pub fn uses_host_zone(&self) -> bool {
        self.header.timezone.is_empty()
    }

    /// True when some service has `opening_hours` (so the time zone matters).
    pub fn has_opening_hours(&self) -> bool {
        self.services.iter().any(|s| s.opening_hours.is_some())
    }

    /// The title to show: the header's, else the file's name as reached in this run.
    pub fn title(&self) -> String {
        if !self.header.title.trim().is_empty() {
            return self.header.title.clone();
        }
        match &self.origin {
            Origin::File(path) => path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            other => other.display_name(),
        }
    }

    /// Today in the catalogue's zone, from the one clock.
    pub fn today(&self) -> Date {
        crate::clock::today_in(&self.time_zone())
    }

    /// True when the service was never verified, or not within `stale_after_days` of `today`.
    pub fn is_stale(&self, service: &Service, today: Date) -> bool {
        match service.verified {
            None => true,
            Some(verified) => days_between(verified, today) > self.header.stale_after_days,
        }
    }

    /// True when the alert has a date and it has passed.
    pub fn alert_is_live(alert: &Alert, today: Date) -> bool {
        alert.until.is_none_or(|until| until >= today)
    }

    /// The service's public contacts (never the private ones).
    pub fn public_contacts<'a>(
        &'a self,
        service: &'a Service,
    ) -> impl Iterator<Item = &'a Contact> {
        service
            .contacts
            .iter()
            .map(|&c| &self.contacts[c])
            .filter(|c| !c.private)
    }

    /// The organisation of a service.
    pub fn organisation_of(&self, service: &Service) -> &Organisation {
        &self.organisations[service.organisation]
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    to.since(from).map_or(0, |span| i64::from(span.get_days()))
}

/// Public phones of a list (private ones are staff-only).
pub fn public_phones(phones: &[Phone]) -> impl Iterator<Item = &Phone> {
    phones.iter().filter(|p| !p.private)
}

fn find_by_id<T>(items: &[T], id: &str, key: impl Fn(&T) -> &String) -> Option<usize> {
    items.iter().position(|item| key(item) == id)
}

fn children_of(parents: impl Iterator<Item = Option<usize>>) -> Vec<Vec<usize>> {
    let parents: Vec<Option<usize>> = parents.collect();
    let mut children = vec![Vec::new(); parents.len()];
    for (child, parent) in parents.iter().enumerate() {
        if let Some(p) = parent {
            children[*p].push(child);
        }
    }
    children
}

#[cfg(test)]
mod tests {
    use super::days_between;
    use jiff::civil::date;

    #[test]
    fn days_between_counts_whole_days_either_way() {
        assert_eq!(days_between(date(2025, 1, 1), date(2026, 1, 1)), 365);
        assert_eq!(days_between(date(2024, 2, 28), date(2024, 3, 1)), 2);
        assert_eq!(days_between(date(2026, 1, 2), date(2026, 1, 1)), -1);
    }
}
