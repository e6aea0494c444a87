//! `pathways history [--json] [--due] [--purge-before DATE]` and
//! `pathways stats [--by need|region|service|month] [--csv]`.
//!
//! Both read `history.jsonl` in the data directory. Exit 1 when there is nothing to list
//! or count (no records, nothing due).

use super::args::{HistoryArgs, StatsArgs, StatsBy};
use super::{CliError, CliResult, Context, Exit};
use crate::output::print as print_stdout;
use crate::referral::{Grouping, History, Record, count, to_csv};
use jiff::tz::TimeZone;

pub fn run(context: &Context, args: &HistoryArgs) -> CliResult {
    let history = history(context);
    if let Some(date) = &args.purge_before {
        return purge(context, &history, date);
    }
    let mut records = load(&history)?;
    if args.due {
        let today = context.catalogue()?.today();
        records.retain(|r| r.is_due(today));
    }
    let text = if args.json {
        let mut json = serde_json::to_string_pretty(&records).map_err(write_error)?;
        json.push('\n');
        json
    } else {
        records.iter().map(|r| format!("{}\n", line(r))).collect()
    };
    print_stdout(&text)?;
    Ok(if records.is_empty() {
        Exit::NothingFound
    } else {
        Exit::Done
    })
}

pub fn stats(context: &Context, args: &StatsArgs) -> CliResult {
    let records = load(&history(context))?;
    let catalogue = context.catalogue()?;
    let counts = count(&records, grouping(args.by), &catalogue);
    let text = if args.csv {
        to_csv(&counts)
    } else {
        let width = counts
            .iter()
            .map(|c| c.count.to_string().len())
            .max()
            .unwrap_or(1);
        counts
            .iter()
            .map(|c| match c.key.is_empty() || c.key == c.label {
                true => format!("{:>width$}  {}\n", c.count, c.label),
                false => format!("{:>width$}  {} ({})\n", c.count, c.label, c.key),
            })
            .collect()
    };
    print_stdout(&text)?;
    Ok(if counts.is_empty() {
        Exit::NothingFound
    } else {
        Exit::Done
    })
}

fn grouping(by: StatsBy) -> Grouping {
    match by {
        StatsBy::Need => Grouping::Need,
        StatsBy::Region => Grouping::Region,
        StatsBy::Service => Grouping::Service,
        StatsBy::Month => Grouping::Month,
    }
}

fn history(context: &Context) -> History {
    History::new(
        context.paths.history_file(),
        context.config.history.keep_days,
    )
}

/// The records, after purging those past `keep_days`; lines that are not records are
/// counted on stderr, not fatal.
fn load(history: &History) -> Result<Vec<Record>, CliError> {
    history.purge_expired(crate::clock::now()).map_err(|e| {
        CliError::could_not_act(format!("cannot purge {}: {e}", history.path().display()))
    })?;
    let loaded = history.load().map_err(|e| {
        CliError::could_not_act(format!("cannot read {}: {e}", history.path().display()))
    })?;
    if loaded.bad_lines > 0 {
        eprintln!(
            "pathways: warning: {} line(s) of {} are not records and were skipped",
            loaded.bad_lines,
            history.path().display()
        );
    }
    Ok(loaded.records)
}

/// `--purge-before DATE`: the start of DATE in the catalogue's zone is the cutoff.
fn purge(context: &Context, history: &History, date: &str) -> CliResult {
    let tz = match context.catalogue() {
        Ok(catalogue) => catalogue.time_zone(),
        Err(_) => TimeZone::system(),
    };
    let cutoff = date
        .trim()
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.to_zoned(tz).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| {
            CliError::bad_input(format!("--purge-before: '{date}' is not a date"))
                .with_hint("use YYYY-MM-DD")
        })?;
    let purged = history.purge_before(cutoff).map_err(|e| {
        CliError::could_not_act(format!("cannot purge {}: {e}", history.path().display()))
    })?;
    eprintln!("pathways: purged {purged} record(s) before {}", date.trim());
    Ok(Exit::Done)
}

/// One record on one line: when, reference, priority, follow-up, services, needs, region.
fn line(record: &Record) -> String {
    let when = record
        .time
        .get(..16)
        .unwrap_or(&record.time)
        .replace('T', " ");
    let mut line = format!(
        "{when}  {}  {:<9}  follow-up {}  {}",
        record.note_ref,
        record.priority.as_str(),
        record.follow_up,
        record.services.join(",")
    );
    if !record.needs.is_empty() {
        line.push_str(&format!("  needs {}", record.needs.join(",")));
    }
    if let Some(region) = &record.region {
        line.push_str(&format!("  region {region}"));
    }
    if let Some(case_ref) = &record.case_ref {
        line.push_str(&format!("  case {case_ref}"));
    }
    crate::text::strip_controls(&line).replace(['\n', '\t'], " ")
}

fn write_error(error: impl std::fmt::Display) -> CliError {
    CliError::could_not_act(format!("cannot write output: {error}"))
}
