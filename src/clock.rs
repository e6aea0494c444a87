//! The one clock: everything that depends on "today" or "now" asks here.
//!
//! `PATHWAYS_NOW` pins it (RFC 3339, or `YYYY-MM-DD`) for tests and reproducible output.

use jiff::{Timestamp, Zoned, civil::Date, tz::TimeZone};

/// The environment variable that pins the clock.
pub const NOW_ENV: &str = "PATHWAYS_NOW";

/// The current instant, unless `PATHWAYS_NOW` pins it.
pub fn now() -> Timestamp {
    std::env::var(NOW_ENV)
        .ok()
        .and_then(|value| parse_instant(&value, &TimeZone::system()))
        .unwrap_or_else(Timestamp::now)
}

/// Today's date in the given zone (the catalogue's).
pub fn today_in(tz: &TimeZone) -> Date {
    now().to_zoned(tz.clone()).date()
}

/// The current moment in the given zone.
pub fn now_in(tz: &TimeZone) -> Zoned {
    now().to_zoned(tz.clone())
}

/// Parses RFC 3339 (`2025-03-01T10:00:00+03:00`), a civil `YYYY-MM-DD HH:MM` or a plain
/// `YYYY-MM-DD` (midday) as an instant; civil forms are read in `tz`.
pub fn parse_instant(value: &str, tz: &TimeZone) -> Option<Timestamp> {
    let value = value.trim();
    if let Ok(ts) = value.parse::<Timestamp>() {
        return Some(ts);
    }
    let civil = match value.parse::<Date>() {
        // A bare date means its midday, so the date is the same in every nearby zone.
        Ok(date) if value.len() == 10 => date.at(12, 0, 0, 0),
        _ => value.parse::<jiff::civil::DateTime>().ok()?,
    };
    civil.to_zoned(tz.clone()).ok().map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        let minsk = TimeZone::get("Europe/Minsk").unwrap();
        let a = parse_instant("2025-03-01T10:00:00+03:00", &minsk).unwrap();
        let b = parse_instant("2025-03-01 10:00", &minsk).unwrap();
        assert_eq!(a, b);
        let c = parse_instant("2025-03-01", &minsk).unwrap();
        assert_eq!(c.to_zoned(minsk).hour(), 12);
        assert!(parse_instant("yesterday", &TimeZone::UTC).is_none());
    }
}
