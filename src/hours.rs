//! Opening hours in OpenStreetMap's `opening_hours` syntax, judged in the catalogue's zone.
//!
//! Parsing is slow (~18 µs a string), so nothing parses hours at load time except `check`;
//! search parses a service's hours only when a query asks "open at".

use crate::catalogue::Catalogue;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use opening_hours::{Context, ContextHolidays, OpeningHours};
use std::sync::Arc;

/// `None` when `hours` parses; otherwise the byte offset inside `hours` where the parser
/// stopped (0 when it does not say) and a one-line message.
pub fn parse_error(hours: &str) -> Option<(usize, String)> {
    let error = OpeningHours::parse(hours).err()?;
    Some(describe(&error))
}

/// Whether `hours` says open at `now`, judged in the catalogue's time zone with its public
/// holidays (`PH`). `None` when the string does not parse (hours unknown).
pub fn open_at(catalogue: &Catalogue, hours: &str, now: jiff::Timestamp) -> Option<bool> {
    let parsed = OpeningHours::parse(hours).ok()?;
    let context = Context::default().with_holidays(holidays(catalogue));
    Some(
        parsed
            .with_context(context)
            .is_open(local_time(catalogue, now)?),
    )
}

/// The catalogue's holidays as the opening-hours crate wants them.
pub fn holidays(catalogue: &Catalogue) -> ContextHolidays {
    let mut public = compact_calendar::CompactCalendar::default();
    for date in &catalogue.header.holidays {
        if let Some(day) =
            NaiveDate::from_ymd_opt(date.year().into(), date.month() as u32, date.day() as u32)
        {
            public.insert(day);
        }
    }
    ContextHolidays::new(Arc::new(public), Arc::default())
}

/// The wall-clock time in the catalogue's zone, whatever the host's zone.
pub fn local_time(catalogue: &Catalogue, now: jiff::Timestamp) -> Option<NaiveDateTime> {
    let local = now.to_zoned(catalogue.time_zone()).datetime();
    let date = NaiveDate::from_ymd_opt(
        local.year().into(),
        local.month() as u32,
        local.day() as u32,
    )?;
    let time = NaiveTime::from_hms_opt(
        local.hour() as u32,
        local.minute() as u32,
        local.second() as u32,
    )?;
    Some(NaiveDateTime::new(date, time))
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
