//! The one clock: everything that depends on "today" or "now" asks a [`Clock`].
//!
//! `PATHWAYS_NOW` pins it (RFC 3339, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD`) for tests and
//! reproducible output; a value that does not parse is refused at start (exit 2), never
//! silently replaced by the real clock. Code that tests must pin takes a `Clock` value
//! (a fixed one needs no environment variable, so tests never race on `set_var`).

use jiff::{Timestamp, Zoned, civil::Date, tz::TimeZone};

/// The environment variable that pins the clock.
pub const NOW_ENV: &str = "PATHWAYS_NOW";

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// `PATHWAYS_NOW` when set (and valid), else the system clock.
    #[default]
    Ambient,
    /// The system clock, whatever the environment says.
    System,
    /// A pinned instant.
    Fixed(Timestamp),
}

/// `PATHWAYS_NOW` holds something that is not a moment (shown as typed: escape it before
/// it reaches a terminal).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{NOW_ENV}: cannot read '{0}' as a moment; use RFC 3339, 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD', or unset it"
)]
pub struct ClockError(pub String);

impl Clock {
    /// The clock `PATHWAYS_NOW` asks for: fixed when it is set, the system's when it is
    /// unset or empty; an error when it does not parse.
    pub fn from_env() -> Result<Clock, ClockError> {
        match std::env::var_os(NOW_ENV) {
            None => Ok(Clock::System),
            Some(value) if value.is_empty() => Ok(Clock::System),
            Some(value) => {
                let text = value.to_string_lossy();
                parse_instant(&text, &TimeZone::system())
                    .map(Clock::Fixed)
                    .ok_or_else(|| ClockError(text.into_owned()))
            }
        }
    }

    /// The current instant by this clock.
    pub fn now(self) -> Timestamp {
        match self {
            Clock::Fixed(instant) => instant,
            Clock::System => Timestamp::now(),
            // A bad value was refused at start; here it can only mean the real clock.
            Clock::Ambient => Clock::from_env().unwrap_or(Clock::System).now(),
        }
    }

    /// The current moment in the given zone.
    pub fn now_in(self, tz: &TimeZone) -> Zoned {
        self.now().to_zoned(tz.clone())
    }

    /// Today's date in the given zone.
    pub fn today_in(self, tz: &TimeZone) -> Date {
        self.now_in(tz).date()
    }
}

/// The current instant, unless `PATHWAYS_NOW` pins it.
pub fn now() -> Timestamp {
    Clock::Ambient.now()
}

/// Today's date in the given zone (the catalogue's).
pub fn today_in(tz: &TimeZone) -> Date {
    Clock::Ambient.today_in(tz)
}

/// The current moment in the given zone.
pub fn now_in(tz: &TimeZone) -> Zoned {
    Clock::Ambient.now_in(tz)
}

/// Parses RFC 3339 (`2025-03-01T10:00:00+03:00`), a civil `YYYY-MM-DD HH:MM` or a plain
/// `YYYY-MM-DD` (midday) as an instant; civil forms are read in `tz`.
///
/// Every date up to 9999-12-31 is accepted: a moment past the last instant the time library
/// can hold (9999-12-30 22:00 UTC, so that every zone's civil time stays within year 9999)
/// is taken as that last instant.
pub fn parse_instant(value: &str, tz: &TimeZone) -> Option<Timestamp> {
    let value = value.trim();
    if let Ok(ts) = value.parse::<Timestamp>() {
        return Some(ts);
    }
    if let Ok(zoned) = value.parse::<Zoned>() {
        return Some(zoned.timestamp());
    }
    if let Ok(pieces) = jiff::fmt::temporal::Pieces::parse(value)
        && let Some(offset) = pieces.to_numeric_offset()
    {
        let civil = pieces.date().to_datetime(pieces.time().unwrap_or_default());
        return Some(clamped(civil.to_zoned(TimeZone::fixed(offset))));
    }
    let civil = match value.parse::<Date>() {
        // A bare date means its midday, so the date is the same in every nearby zone.
        Ok(date) if value.len() == 10 => date.at(12, 0, 0, 0),
        _ => value.parse::<jiff::civil::DateTime>().ok()?,
    };
    Some(clamped(civil.to_zoned(tz.clone())))
}

/// The instant of a civil time, or the last one there is when it lies past it.
fn clamped(zoned: Result<Zoned, jiff::Error>) -> Timestamp {
    zoned.map_or(Timestamp::MAX, |z| z.timestamp())
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
        assert!(parse_instant("2025-02-30", &TimeZone::UTC).is_none());
    }

    /// Issue 16: `--open-at 9999-12-31T23:59:59Z` was refused.
    #[test]
    fn the_last_day_of_year_9999_is_a_moment() {
        for value in [
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59+03:00",
            "9999-12-31 23:59",
            "9999-12-31",
        ] {
            assert_eq!(
                parse_instant(value, &TimeZone::UTC),
                Some(Timestamp::MAX),
                "{value}"
            );
        }
        assert!(parse_instant("10000-01-01", &TimeZone::UTC).is_none());
    }

    #[test]
    fn a_fixed_clock_needs_no_environment() {
        let instant: Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
        let clock = Clock::Fixed(instant);
        assert_eq!(clock.now(), instant);
        assert_eq!(
            clock.today_in(&TimeZone::UTC),
            jiff::civil::date(2026, 11, 20)
        );
    }
}
