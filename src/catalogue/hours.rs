//! Opening hours in OpenStreetMap's `opening_hours` syntax, judged in the catalogue's zone.
//!
//! Parsing is slow (~18 µs a string), so nothing parses hours at load time except `check`;
//! search parses a service's hours only when a query asks "open at".

use super::Catalogue;
use compact_calendar::CompactCalendar;
use opening_hours::{Context, ContextHolidays, OpeningHours, RuleKind};
use std::sync::Arc;

/// Parsed opening hours, bound to the catalogue's public holidays.
pub type Hours = OpeningHours;

/// Whether a service is open at a moment, by its opening hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursState {
    Open,
    Closed,
    /// The hours say "unknown" at that moment (e.g. `Mo-Fr 09:00-18:00 unknown`).
    Unknown,
}

/// What judging hours needs from the catalogue: its time zone (a moment is turned into the
/// civil time of the catalogue's zone, whatever the host's zone) and its public holidays
/// (for `PH` in the syntax).
#[derive(Debug, Clone)]
pub struct HoursContext {
    zone: jiff::tz::TimeZone,
    context: Context,
}

impl HoursContext {
    pub fn new(catalogue: &Catalogue) -> Self {
        let holidays: CompactCalendar = catalogue
            .header
            .holidays
            .iter()
            .filter_map(|d| naive_date(*d))
            .collect();
        let context = Context::default().with_holidays(ContextHolidays::new(
            Arc::new(holidays),
            Arc::new(CompactCalendar::default()),
        ));
        HoursContext {
            zone: catalogue.time_zone(),
            context,
        }
    }

    /// Parses hours and binds them to the holidays; `None` when they do not parse (load
    /// already reported that).
    pub fn parse(&self, hours: &str) -> Option<Hours> {
        Some(
            OpeningHours::parse(hours)
                .ok()?
                .with_context(self.context.clone()),
        )
    }

    /// The state of `hours` at `at`, judged in the catalogue's zone.
    pub fn state(&self, hours: &Hours, at: jiff::Timestamp) -> HoursState {
        let Some(local) = self.civil(at) else {
            return HoursState::Unknown;
        };
        match hours.state(local) {
            RuleKind::Open => HoursState::Open,
            RuleKind::Closed => HoursState::Closed,
            RuleKind::Unknown => HoursState::Unknown,
        }
    }

    /// True when `hours` (text) say open at `at`; `None` when they do not parse or say
    /// "unknown".
    pub fn is_open(&self, hours: &str, at: jiff::Timestamp) -> Option<bool> {
        match self.state(&self.parse(hours)?, at) {
            HoursState::Open => Some(true),
            HoursState::Closed => Some(false),
            HoursState::Unknown => None,
        }
    }

    /// The civil date and time of `at` in the catalogue's zone, as the opening-hours crate
    /// takes it.
    fn civil(&self, at: jiff::Timestamp) -> Option<chrono::NaiveDateTime> {
        let local = at.to_zoned(self.zone.clone());
        naive_date(local.date())?.and_hms_opt(
            local.hour() as u32,
            local.minute() as u32,
            local.second() as u32,
        )
    }
}

fn naive_date(date: jiff::civil::Date) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(date.year() as i32, date.month() as u32, date.day() as u32)
}

/// `None` when `hours` parses; otherwise the byte offset inside `hours` where the parser
/// stopped (0 when it does not say) and a one-line message.
pub fn parse_error(hours: &str) -> Option<(usize, String)> {
    let error = OpeningHours::parse(hours).err()?;
    Some(describe(&error))
}

/// Whether `hours` says open at `now`, judged in the catalogue's time zone with its public
/// holidays (`PH`). `None` when the string does not parse or says "unknown". For one-off
/// questions (a card); search keeps one [`HoursContext`] for all services.
pub fn open_at(catalogue: &Catalogue, hours: &str, now: jiff::Timestamp) -> Option<bool> {
    HoursContext::new(catalogue).is_open(hours, now)
}

fn describe(error: &opening_hours_syntax::Error) -> (usize, String) {
    match error {
        opening_hours_syntax::Error::Parser(pest_error) => {
            let offset = match pest_error.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((start, _)) => start,
            };
            (offset, pest_error.variant.message().to_string())
        }
        other => (0, other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(timezone: &str, holidays: &str) -> HoursContext {
        let text = format!(
            "[catalogue]\nschema = 1\ntitle = \"t\"\ntimezone = \"{timezone}\"\nholidays = [{holidays}]\n"
        );
        let catalogue = Catalogue::from_text(&text, crate::catalogue::Origin::Text("t".into()))
            .expect("catalogue");
        HoursContext::new(&catalogue)
    }

    fn at(rfc3339: &str) -> jiff::Timestamp {
        rfc3339.parse().unwrap()
    }

    #[test]
    fn judges_hours_in_the_catalogue_zone() {
        let minsk = context("Europe/Minsk", "");
        // 08:30 UTC is 11:30 in Minsk (UTC+3): open; 16:30 UTC is 19:30 there: closed.
        let hours = "Mo-Fr 09:00-18:00";
        assert_eq!(minsk.is_open(hours, at("2025-03-04T08:30:00Z")), Some(true));
        assert_eq!(
            minsk.is_open(hours, at("2025-03-04T16:30:00Z")),
            Some(false)
        );
        // The same instant read in UTC would still be open at 16:30.
        let utc = context("UTC", "");
        assert_eq!(utc.is_open(hours, at("2025-03-04T16:30:00Z")), Some(true));
        // 06:30 UTC is 09:30 in Minsk, 08:30 in... still before 09:00 in UTC.
        assert_eq!(utc.is_open(hours, at("2025-03-04T06:30:00Z")), Some(false));
        assert_eq!(minsk.is_open(hours, at("2025-03-04T06:30:00Z")), Some(true));
    }

    #[test]
    fn public_holidays_come_from_the_catalogue() {
        let hours = "Mo-Fr 09:00-18:00; PH off";
        // 2025-01-07 is a Tuesday.
        let with = context("Europe/Minsk", "2025-01-07");
        let without = context("Europe/Minsk", "");
        let noon = at("2025-01-07T09:00:00Z");
        assert_eq!(with.is_open(hours, noon), Some(false));
        assert_eq!(without.is_open(hours, noon), Some(true));
        assert_eq!(with.is_open("Mo-Fr 09:00-18:00 unknown", noon), None);
        assert_eq!(with.is_open("not hours", noon), None);
    }

    #[test]
    fn reports_where_the_parser_stopped() {
        assert!(parse_error("Mo-Fr 09:00-18:00; PH off").is_none());
        let (offset, message) = parse_error("Mo-Fr 09:00-1800").unwrap();
        assert!(offset > 0, "{offset} {message}");
    }

    #[test]
    fn judges_in_the_catalogue_zone_with_holidays() {
        let text = crate::catalogue::EMBEDDED_CATALOGUE;
        let mut catalogue = Catalogue::from_text(text, crate::catalogue::Origin::Embedded).unwrap();
        catalogue.header.holidays = vec![jiff::civil::date(2025, 1, 7)];
        let hours = "Mo-Fr 09:00-18:00; PH off";
        // 06:30 UTC is 09:30 in Minsk (UTC+3): open on a Monday.
        let monday = "2025-01-06T06:30:00Z".parse().unwrap();
        assert_eq!(open_at(&catalogue, hours, monday), Some(true));
        // The same hour on the holiday (a Tuesday) is closed.
        let holiday = "2025-01-07T06:30:00Z".parse().unwrap();
        assert_eq!(open_at(&catalogue, hours, holiday), Some(false));
        // 16:30 UTC is 19:30 in Minsk: closed.
        let evening = "2025-01-06T16:30:00Z".parse().unwrap();
        assert_eq!(open_at(&catalogue, hours, evening), Some(false));
        assert_eq!(open_at(&catalogue, "nonsense", monday), None);
    }
}
