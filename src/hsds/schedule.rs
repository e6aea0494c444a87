//! HSDS schedules → OpenStreetMap `opening_hours`, only when the translation is exact.
//!
//! Exact means: weekly days with one or more time ranges (3.0/2.0 `freq=WEEKLY` + `byday`,
//! or 1.x `weekday`), monthly n-th weekdays (`2TU` → `Tu[2]`, `-1FR` → `Fr[-1]`),
//! `valid_from`/`valid_to` as a date range, 00:00–23:59 every day as `24/7`, and 1.x
//! holiday rows as dated `off` (or dated hours). Anything else (intervals, week numbers,
//! month days, a missing time) is not guessed at: the schedule's own text goes to
//! `hours_note` and the report counts it as not structured. Every string produced is run
//! through the same parser `check` uses; one that does not parse is treated as not exact.

use super::package::Row;
use std::collections::BTreeMap;
use std::fmt::Write;

const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// What a record's schedule rows became.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Hours {
    pub opening_hours: Option<String>,
    /// The schedule's own words, when it could not be structured.
    pub note: Option<String>,
}

/// A time span in minutes from midnight; the end may pass 24:00 for overnight hours.
type Span = (u16, u16);

/// Days of one rule: a plain weekday, or the n-th weekday of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Day {
    Week(u8),
    Nth(u8, i8),
}

/// Rules keyed by (date range, day).
type Rules = BTreeMap<(String, Day), Vec<Span>>;

/// Turns one record's schedule rows into hours. `holidays` are 1.x `holiday_schedules` rows.
pub fn convert(rows: &[Row], holidays: &[Row]) -> Hours {
    if rows.is_empty() && holidays.is_empty() {
        return Hours::default();
    }
    // Our own export carries the exact string.
    if let Some(exact) = rows
        .iter()
        .map(|r| r.get("pathways_opening_hours"))
        .find(|h| !h.is_empty() && crate::catalogue::hours::parse_error(h).is_none())
    {
        return Hours {
            opening_hours: Some(exact.to_string()),
            note: None,
        };
    }
    match structured(rows, holidays) {
        Some(text) if crate::catalogue::hours::parse_error(&text).is_none() => Hours {
            opening_hours: Some(text),
            note: None,
        },
        _ => Hours {
            opening_hours: None,
            note: note_of(rows, holidays),
        },
    }
}

fn structured(rows: &[Row], holidays: &[Row]) -> Option<String> {
    let mut rules = Rules::new();
    for row in rows {
        read_row(row, &mut rules)?;
    }
    let mut parts = weekly(&rules);
    if parts.is_empty() && holidays.is_empty() {
        // Only closed days: nothing to say that an empty schedule does not.
        return None;
    }
    for row in holidays {
        parts.push(holiday(row)?);
    }
    Some(parts.join("; "))
}

/// Adds one row's rules; `None` when the row cannot be said exactly.
fn read_row(row: &Row, rules: &mut Rules) -> Option<()> {
    let complex = [
        "interval",
        "byweekno",
        "bymonthday",
        "byyearday",
        "count",
        "until",
    ]
    .iter()
    .any(|c| {
        let v = row.get(c);
        !(v.is_empty() || (*c == "interval" && v == "1"))
    });
    if complex {
        return None;
    }
    let range = date_range(row.get("valid_from"), row.get("valid_to"))?;
    let days = days_of(row)?;
    let (opens, closes) = (row.get("opens_at"), row.get("closes_at"));
    if opens.is_empty() && closes.is_empty() {
        // A 1.x row for a day without hours: closed that day (nothing to add).
        return if row.get("weekday").is_empty() {
            None
        } else {
            Some(())
        };
    }
    let span = span(time(opens)?, time(closes)?)?;
    for day in days {
        rules.entry((range.clone(), day)).or_default().push(span);
    }
    Some(())
}

/// The days a row is for: 1.x `weekday` (1 = Monday … 7 = Sunday, 0 = Sunday, or a name),
/// or `byday` (with `freq` WEEKLY, or MONTHLY for n-th weekdays).
fn days_of(row: &Row) -> Option<Vec<Day>> {
    let weekday = row.get("weekday");
    if !weekday.is_empty() && row.get("byday").is_empty() {
        return Some(vec![Day::Week(weekday_of(weekday)?)]);
    }
    let freq = row.get("freq").to_ascii_uppercase();
    let monthly = match freq.as_str() {
        "WEEKLY" | "" => false,
        "MONTHLY" => true,
        _ => return None,
    };
    let byday = row.get("byday");
    if byday.is_empty() {
        return None;
    }
    let mut days = Vec::new();
    for item in byday.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let item = item.to_ascii_uppercase();
        let split = item.len().checked_sub(2)?;
        let (nth, name) = item.split_at(split);
        let day = weekday_of(name)?;
        days.push(match (nth, monthly) {
            ("", false) => Day::Week(day),
            (n, true) if !n.is_empty() => {
                let n: i8 = n.trim_start_matches('+').parse().ok()?;
                if n == 0 || !(-5..=5).contains(&n) {
                    return None;
                }
                Day::Nth(day, n)
            }
            _ => return None,
        });
    }
    Some(days)
}

/// A weekday index (0 = Monday) from a number or an English name or abbreviation.
fn weekday_of(text: &str) -> Option<u8> {
    let text = text.trim().to_ascii_lowercase();
    if let Ok(n) = text.parse::<u8>() {
        return match n {
            1..=7 => Some(n - 1),
            0 => Some(6),
            _ => None,
        };
    }
    const NAMES: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];
    let full = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let text = text.trim_end_matches('.');
    if text.len() < 2 {
        return None;
    }
    (0..7u8).find(|&i| {
        let i = i as usize;
        text.starts_with(NAMES[i]) && full[i].starts_with(text)
    })
}

/// Minutes from midnight of `9:00`, `09:00:00`, `9:00am`, `9 AM`, `noon`, `17:00Z`.
pub fn time(text: &str) -> Option<u16> {
    let lower = text.trim().to_ascii_lowercase();
    match lower.as_str() {
        "noon" => return Some(12 * 60),
        "midnight" => return Some(0),
        _ => {}
    }
    let lower = lower.trim_end_matches('z');
    let (clock, meridiem) = if let Some(c) = lower.strip_suffix("am").or(lower.strip_suffix("a.m."))
    {
        (c.trim(), Some(false))
    } else if let Some(c) = lower.strip_suffix("pm").or(lower.strip_suffix("p.m.")) {
        (c.trim(), Some(true))
    } else {
        (lower, None)
    };
    let mut parts = clock.split([':', '.']);
    let hour: u16 = parts.next()?.trim().parse().ok()?;
    let minute: u16 = match parts.next() {
        Some(m) => m.trim().parse().ok()?,
        None if meridiem.is_some() => 0,
        None => return None,
    };
    if let Some(seconds) = parts.next() {
        let s: f32 = seconds.trim().parse().ok()?;
        if s != 0.0 {
            return None;
        }
    }
    if minute > 59 {
        return None;
    }
    let hour = match meridiem {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None if hour <= 24 => hour,
        None => return None,
    };
    let minutes = hour * 60 + minute;
    (minutes <= 24 * 60).then_some(minutes)
}

/// A span; a close at midnight or 23:59 is the end of the day, a close before the open is
/// overnight.
fn span(opens: u16, closes: u16) -> Option<Span> {
    let closes = match closes {
        0 => 24 * 60,
        c if c == 23 * 60 + 59 => 24 * 60,
        c => c,
    };
    match closes.cmp(&opens) {
        std::cmp::Ordering::Greater => Some((opens, closes)),
        std::cmp::Ordering::Less => Some((opens, closes + 24 * 60)),
        std::cmp::Ordering::Equal => None,
    }
}

/// `2024 Jan 01-2024 Dec 31 ` for a validity range (empty when open-ended both ways).
fn date_range(from: &str, to: &str) -> Option<String> {
    match (from.is_empty(), to.is_empty()) {
        (true, true) => Some(String::new()),
        (false, false) => Some(format!("{}-{} ", osm_date(from)?, osm_date(to)?)),
        (false, true) => Some(format!("{}+ ", osm_date(from)?)),
        (true, false) => None,
    }
}

/// `2024-12-25` (or a timestamp starting so) → `2024 Dec 25`.
fn osm_date(text: &str) -> Option<String> {
    let date: jiff::civil::Date = text.get(..10)?.parse().ok()?;
    Some(format!(
        "{} {} {:02}",
        date.year(),
        MONTHS[date.month() as usize - 1],
        date.day()
    ))
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn spans_text(spans: &[Span]) -> String {
    spans
        .iter()
        // Overnight hours are written as OSM reads them, wrapping past midnight (22:00-04:00).
        .map(|&(a, b)| {
            format!(
                "{}-{}",
                hhmm(a),
                hhmm(if b > 24 * 60 { b - 24 * 60 } else { b })
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The weekly rules as `opening_hours` parts, days with the same hours joined (`Mo-Fr`).
fn weekly(rules: &Rules) -> Vec<String> {
    let mut by_range: BTreeMap<&str, Vec<(Day, Vec<Span>)>> = BTreeMap::new();
    for ((range, day), spans) in rules {
        let mut spans = spans.clone();
        spans.sort_unstable();
        spans.dedup();
        by_range.entry(range).or_default().push((*day, spans));
    }
    let mut parts = Vec::new();
    for (range, days) in by_range {
        let all_day = days.len() == 7
            && days
                .iter()
                .all(|(d, s)| matches!(d, Day::Week(_)) && s == &[(0, 24 * 60)]);
        if all_day && range.is_empty() {
            parts.push("24/7".to_string());
            continue;
        }
        // Group plain weekdays by identical hours, in order of first day.
        let mut groups: Vec<(Vec<u8>, Vec<Span>)> = Vec::new();
        for (day, spans) in &days {
            match day {
                Day::Week(w) => match groups.iter_mut().find(|(_, s)| s == spans) {
                    Some((ws, _)) => ws.push(*w),
                    None => groups.push((vec![*w], spans.clone())),
                },
                Day::Nth(w, n) => parts.push(format!(
                    "{range}{}[{n}] {}",
                    DAYS[*w as usize],
                    spans_text(spans)
                )),
            }
        }
        for (weekdays, spans) in groups {
            parts.push(format!(
                "{range}{} {}",
                day_list(&weekdays),
                spans_text(&spans)
            ));
        }
    }
    parts
}

/// `Mo-Fr`, `Mo,We,Fr`, `Mo-We,Sa` from sorted weekday indices.
fn day_list(days: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < days.len() {
        let start = days[i];
        let mut end = start;
        while i + 1 < days.len() && days[i + 1] == end + 1 {
            i += 1;
            end = days[i];
        }
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(DAYS[start as usize]);
        if end > start {
            let _ = write!(
                out,
                "{}{}",
                if end == start + 1 { "," } else { "-" },
                DAYS[end as usize]
            );
        }
        i += 1;
    }
    out
}

/// A 1.x holiday row: a dated `off`, or dated hours.
fn holiday(row: &Row) -> Option<String> {
    let start = osm_date(row.get("start_date"))?;
    let end = row.get("end_date");
    let dates = if end.is_empty() || end.get(..10) == row.get("start_date").get(..10) {
        start
    } else {
        format!("{start}-{}", osm_date(end)?)
    };
    let closed = matches!(
        row.get("closed").to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "t" | "y"
    );
    let (opens, closes) = (row.get("opens_at"), row.get("closes_at"));
    if closed || (opens.is_empty() && closes.is_empty()) {
        return Some(format!("{dates} off"));
    }
    let span = span(time(opens)?, time(closes)?)?;
    Some(format!("{dates} {}", spans_text(&[span])))
}

/// The schedule's own words for `hours_note`: its descriptions or original texts, else the
/// rows spelled out.
fn note_of(rows: &[Row], holidays: &[Row]) -> Option<String> {
    let mut texts: Vec<String> = Vec::new();
    for row in rows.iter().chain(holidays) {
        let text = row.first(&["description", "original_text", "notes"]);
        if !text.is_empty() && !texts.iter().any(|t| t == text) {
            texts.push(text.to_string());
        }
    }
    if texts.is_empty() {
        for row in rows.iter().chain(holidays) {
            let day = row.first(&["weekday", "byday", "start_date"]);
            let (o, c) = (row.get("opens_at"), row.get("closes_at"));
            let text = match (o.is_empty() && c.is_empty(), day.is_empty()) {
                (true, _) => format!("{day} closed"),
                (false, true) => format!("{o}-{c}"),
                (false, false) => format!("{day} {o}-{c}"),
            };
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
    }
    let note = texts.join("; ");
    (!note.trim().is_empty()).then_some(note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hsds::package::Table;

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        let mut t = Table::with_columns(header);
        for r in rows {
            t.push(r.iter().map(|s| s.to_string()).collect());
        }
        t
    }

    fn hours_of(t: &Table) -> Hours {
        let rows: Vec<Row> = t.rows().collect();
        convert(&rows, &[])
    }

    #[test]
    fn weekdays_names_and_am_pm_become_day_ranges() {
        let t = table(
            &["weekday", "opens_at", "closes_at"],
            &[
                &["Monday", "9:00am", "5:00pm"],
                &["Tuesday", "9:00am", "5:00pm"],
                &["3", "09:00", "17:00"],
                &["thu", "9:00 AM", "5:00 PM"],
                &["Friday", "09:00:00", "17:00:00"],
                &["Saturday", "", ""],
                &["7", "", ""],
            ],
        );
        assert_eq!(
            hours_of(&t).opening_hours.as_deref(),
            Some("Mo-Fr 09:00-17:00")
        );
    }

    #[test]
    fn rrule_rows_nth_weekdays_ranges_and_all_day() {
        let t = table(
            &[
                "freq",
                "byday",
                "opens_at",
                "closes_at",
                "valid_from",
                "valid_to",
            ],
            &[
                &["MONTHLY", "2TU", "10:00", "12:00", "", ""],
                &["MONTHLY", "-1FR", "14:00", "16:00", "", ""],
            ],
        );
        assert_eq!(
            hours_of(&t).opening_hours.as_deref(),
            Some("Tu[2] 10:00-12:00; Fr[-1] 14:00-16:00")
        );
        let t = table(
            &["freq", "byday", "opens_at", "closes_at"],
            &[&["WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"]],
        );
        assert_eq!(hours_of(&t).opening_hours.as_deref(), Some("24/7"));
        let t = table(
            &[
                "freq",
                "byday",
                "opens_at",
                "closes_at",
                "valid_from",
                "valid_to",
            ],
            &[&[
                "WEEKLY",
                "MO,WE",
                "09:00",
                "12:00",
                "2026-01-01",
                "2026-06-30",
            ]],
        );
        assert_eq!(
            hours_of(&t).opening_hours.as_deref(),
            Some("2026 Jan 01-2026 Jun 30 Mo,We 09:00-12:00")
        );
    }

    #[test]
    fn what_is_not_exact_goes_to_the_note() {
        let t = table(
            &[
                "freq",
                "interval",
                "byday",
                "opens_at",
                "closes_at",
                "description",
            ],
            &[&[
                "WEEKLY",
                "2",
                "MO",
                "09:00",
                "12:00",
                "Every other Monday morning",
            ]],
        );
        assert_eq!(
            hours_of(&t),
            Hours {
                opening_hours: None,
                note: Some("Every other Monday morning".into())
            }
        );
        let t = table(
            &["weekday", "opens_at", "closes_at"],
            &[&["Someday", "9", "5"]],
        );
        assert_eq!(hours_of(&t).note.as_deref(), Some("Someday 9-5"));
    }

    #[test]
    fn holidays_are_dated_off() {
        let t = table(
            &["weekday", "opens_at", "closes_at"],
            &[&["1", "8:30", "16:30"]],
        );
        let h = table(
            &["closed", "start_date", "end_date"],
            &[&["true", "2026-12-25", "2026-12-26"]],
        );
        let rows: Vec<Row> = t.rows().collect();
        let holidays: Vec<Row> = h.rows().collect();
        assert_eq!(
            convert(&rows, &holidays).opening_hours.as_deref(),
            Some("Mo 08:30-16:30; 2026 Dec 25-2026 Dec 26 off")
        );
    }

    #[test]
    fn times() {
        assert_eq!(time("9:00am"), Some(540));
        assert_eq!(time("12:00pm"), Some(720));
        assert_eq!(time("12:30 AM"), Some(30));
        assert_eq!(time("noon"), Some(720));
        assert_eq!(time("17:00:00"), Some(1020));
        assert_eq!(time("25:00"), None);
        assert_eq!(time("soon"), None);
    }
}
