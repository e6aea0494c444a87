//! Counting the referral log for reporting: by need, region, service or month, and by
//! outcome.
//!
//! A referral with two needs counts once for each need (and likewise for services), so the
//! counts answer "how many referrals involved X", not a partition of the referrals.
//! Outcomes are counted per referral and service, by the latest outcome (`open` when none).
//! The log does the counting (SQL `GROUP BY`); this module names and orders the rows.

use super::log::{LogError, ReferralLog, ServiceTally};
use super::outcome::Status;
use crate::catalogue::Catalogue;

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

/// Counts the referrals in `log` by `grouping`. Months come in calendar order; everything
/// else by count, largest first, then by key.
pub fn count(
    log: &ReferralLog,
    grouping: Grouping,
    catalogue: &Catalogue,
) -> Result<Vec<Count>, LogError> {
    let pairs = match grouping {
        Grouping::Need => log.tally_needs()?,
        Grouping::Region => log.tally_regions()?,
        Grouping::Service => log.tally_services()?,
        Grouping::Month => log.tally_months(&catalogue.time_zone())?,
    };
    let mut counts: Vec<Count> = pairs
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
    Ok(counts)
}

/// The key of referral-service pairs without an outcome yet.
pub const OPEN: &str = "open";

/// One row per status plus `open`: how many referral-service pairs stand there now.
pub fn outcome_counts(by_status: &[usize; 7], open: usize) -> Vec<Count> {
    Status::ALL
        .iter()
        .map(|status| Count {
            key: status.as_str().to_string(),
            label: status.label().to_string(),
            count: by_status[status.index()],
        })
        .chain(std::iter::once(Count {
            key: OPEN.to_string(),
            label: "Open (no outcome yet)".to_string(),
            count: open,
        }))
        .collect()
}

/// `stats --by service --csv`: `count` as before, split by each referral's current status.
pub fn services_csv(tallies: &[ServiceTally], catalogue: &Catalogue) -> String {
    let mut out = String::from("key,label,count");
    for status in Status::ALL {
        out.push(',');
        out.push_str(&status.column());
    }
    out.push_str(",open\n");
    for tally in tallies {
        let label = label(&tally.service, Grouping::Service, catalogue);
        out.push_str(&format!(
            "{},{},{}",
            csv_field(&tally.service),
            csv_field(&label),
            tally.count
        ));
        for n in tally.by_status {
            out.push_str(&format!(",{n}"));
        }
        out.push_str(&format!(",{}\n", tally.open));
    }
    out
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
