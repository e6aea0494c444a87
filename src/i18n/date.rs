//! Dates as a language writes them, how far away they are in words, and date fields that
//! take both `DD.MM.YYYY` and ISO.

use super::Lang;
use jiff::civil::Date;

/// `date` through the language's `date` message (`{ $day }.{ $month }.{ $year }` in
/// Russian, ISO in English): the order is the translator's, the digits are padded here.
pub(super) fn format(lang: Lang, date: Date) -> String {
    t!(
        lang,
        "date",
        day = format!("{:02}", date.day()),
        month = format!("{:02}", date.month()),
        year = format!("{:04}", date.year())
    )
}

/// `date` against `today`: due today, overdue by N days, or in N days.
pub(super) fn relative(lang: Lang, date: Date, today: Date) -> String {
    let days = (date - today).get_days();
    match days {
        0 => lang.t("date-today"),
        d if d < 0 => t!(lang, "date-overdue", days = -i64::from(d)),
        d => t!(lang, "date-in-days", days = d),
    }
}

/// A date typed in a date field: ISO (`2026-11-30`) or day first (`30.11.2026`, `1.2.2027`),
/// whatever the interface language.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let mut parts = text.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || day.len() > 2 || month.len() > 2 {
        return None;
    }
    let number = |s: &str| {
        s.parse::<i16>()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
    };
    Date::new(
        number(year)?,
        i8::try_from(number(month)?).ok()?,
        i8::try_from(number(day)?).ok()?,
    )
    .ok()
}
