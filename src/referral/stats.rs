//! Counting history records for reporting: by need, region, service or month.
//!
//! A record with two needs counts once for each need (and likewise for services), so the
//! counts answer "how many referrals involved X", not a partition of the records.

use super::history::Record;
use crate::catalogue::Catalogue;
use jiff::tz::TimeZone;
use std::collections::HashMap;

/// What to count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    Need,
    Region,
    Service,
    Month,
}

/// One row: the id (or `YYYY-MM`), its display name, and how many records have it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: usize,
}

/// The label of records without a region.
pub const NO_REGION: &str = "(no region)";

/// Counts `records` by `grouping`. Months come in calendar order; everything else by count,
/// largest first, then by key.
pub fn count(records: &[Record], grouping: Grouping, catalogue: &Catalogue) -> Vec<Count> {
    let tz = catalogue.time_zone();
    let mut tally: HashMap<String, usize> = HashMap::new();
    for record in records {
        for key in keys(record, grouping, &tz) {
            *tally.entry(key).or_default() += 1;
        }
    }
    let mut counts: Vec<Count> = tally
        .into_iter()
        .map(|(key, count)| Count {
            label: label(&key, grouping, catalogue),
            key,
            count,
        })
        .collect();
    match grouping {
        Grouping::Month => counts.sort_by(|a, b| a.key.cmp(&b.key)),
        _ => counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key))),
    }
    counts
}

fn keys(record: &Record, grouping: Grouping, tz: &TimeZone) -> Vec<String> {
    match grouping {
        Grouping::Need => record.needs.clone(),
        Grouping::Service => record.services.clone(),
        Grouping::Region => vec![record.region.clone().unwrap_or_default()],
        Grouping::Month => record
            .timestamp()
            .map(|t| t.to_zoned(tz.clone()).strftime("%Y-%m").to_string())
            .into_iter()
            .collect(),
    }
}

fn label(key: &str, grouping: Grouping, catalogue: &Catalogue) -> String {
    let name = match grouping {
        Grouping::Need => catalogue.need_by_id(key).map(|i| &catalogue.needs[i].name),
        Grouping::Region if key.is_empty() => return NO_REGION.to_string(),
        Grouping::Region => catalogue
            .region_by_id(key)
            .map(|i| &catalogue.regions[i].name),
        Grouping::Service => catalogue
            .service_by_id(key)
            .map(|i| &catalogue.services[i].name),
        Grouping::Month => return month_label(key),
    };
    // An id the catalogue no longer has (the record outlived it) is shown as itself.
    crate::text::one_line(name.map_or(key, String::as_str))
}

fn month_label(key: &str) -> String {
    format!("{key}-01")
        .parse::<jiff::civil::Date>()
        .map(|d| d.strftime("%B %Y").to_string())
        .unwrap_or_else(|_| key.to_string())
}

/// CSV with a header, columns `key,label,count`; fields quoted where CSV needs it.
pub fn to_csv(counts: &[Count]) -> String {
    let mut out = String::from("key,label,count\n");
    for c in counts {
        out.push_str(&format!(
            "{},{},{}\n",
            csv_field(&c.key),
            csv_field(&c.label),
            c.count
        ));
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let rows = vec![Count {
            key: "x".into(),
            label: "a, \"b\"".into(),
            count: 2,
        }];
        assert_eq!(to_csv(&rows), "key,label,count\nx,\"a, \"\"b\"\"\",2\n");
        assert_eq!(month_label("2026-11"), "November 2026");
    }
}
