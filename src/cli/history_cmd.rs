//! `pathways history [--json] [--due] [--purge-before DATE] [--check]` and
//! `pathways stats [--by need|region|service|month|outcome] [--csv]`.
//!
//! Both read the referral log (`referrals.db` in the data directory), moving an old
//! `history.jsonl` into it first. Exit 1 when there is nothing to list or count (no
//! records, nothing due); exit 3 when the log cannot be opened, with a pointer to
//! `history --check`.

use super::args::{HistoryArgs, StatsArgs, StatsBy};
use super::texts;
use super::{CliError, CliResult, Context, Exit};
use crate::error::msg;
use crate::i18n::Lang;
use crate::output::print as print_stdout;
use crate::referral::{
    Cutoff, Grouping, Listed, LogError, ReferralLog, count, cutoff, cutoff_now, open_data_log,
    outcome_counts, services_csv, to_csv,
};
use jiff::tz::TimeZone;

pub fn run(context: &Context, args: &HistoryArgs) -> CliResult {
    if args.check {
        return check(context);
    }
    let log = if args.team {
        super::team_cmd::open_for_reading(context)?
    } else {
        let mut log = open_log(context)?;
        if let Some(date) = &args.purge_before {
            return purge(context, &mut log, date);
        }
        purge_expired(context, &mut log)?;
        log
    };
    let today = match args.due {
        true => Some(context.catalogue()?.today()),
        false => None,
    };
    // JSON prints whole records; a listing needs only what its lines show.
    let (text, empty) = if args.json {
        let records = match today {
            Some(today) => log.due(today),
            None => log.records(),
        }
        .map_err(log_error)?;
        let mut json = serde_json::to_string_pretty(&records).map_err(write_error)?;
        json.push('\n');
        (json, records.is_empty())
    } else {
        let lang = context.lang();
        let listed = match today {
            Some(today) => log.list_due(today),
            None => log.list(),
        }
        .map_err(log_error)?;
        let mut text = String::with_capacity(listed.len() * 120);
        for record in &listed {
            text.push_str(&line(record, lang, args.team));
            text.push('\n');
        }
        (text, listed.is_empty())
    };
    print_stdout(&text)?;
    Ok(if empty {
        Exit::NothingFound
    } else {
        Exit::Done
    })
}

pub fn stats(context: &Context, args: &StatsArgs) -> CliResult {
    let log = if args.team {
        super::team_cmd::open_for_reading(context)?
    } else {
        let mut log = open_log(context)?;
        purge_expired(context, &mut log)?;
        log
    };
    let catalogue = context.catalogue()?;
    let (text, empty) = match args.by {
        StatsBy::Service if args.csv => {
            let tallies = log.by_service().map_err(log_error)?;
            (services_csv(&tallies, &catalogue), tallies.is_empty())
        }
        by => {
            let counts = match by {
                StatsBy::Outcome => {
                    let (by_status, open) = log.by_outcome().map_err(log_error)?;
                    let total = by_status.iter().sum::<usize>() + open;
                    if total == 0 {
                        Vec::new()
                    } else {
                        outcome_counts(&by_status, open)
                    }
                }
                other => count(&log, grouping(other), &catalogue).map_err(log_error)?,
            };
            let text = if args.csv {
                to_csv(&counts)
            } else {
                plain(&counts, by, context.lang())
            };
            (text, counts.is_empty())
        }
    };
    // The header (CSV) or nothing is printed even when there is nothing to count.
    print_stdout(&text)?;
    Ok(if empty {
        Exit::NothingFound
    } else {
        Exit::Done
    })
}

/// Counts right-aligned, then the label and (when it differs) the key. Labels Pathways
/// makes (an outcome, "no region") are in the operator's language; the catalogue's names
/// and the keys are as they are.
fn plain(counts: &[crate::referral::Count], by: StatsBy, lang: Lang) -> String {
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    counts
        .iter()
        .map(|c| {
            let own = match by {
                StatsBy::Outcome => texts::outcome_label(&c.key),
                StatsBy::Region => texts::region_label(c),
                _ => None,
            };
            let label = own.map_or_else(|| c.label.clone(), |own| own.render(lang));
            match c.key.is_empty() || c.key == c.label {
                true => format!("{:>width$}  {label}\n", c.count),
                false => format!("{:>width$}  {label} ({})\n", c.count, c.key),
            }
        })
        .collect()
}

fn grouping(by: StatsBy) -> Grouping {
    match by {
        StatsBy::Need => Grouping::Need,
        StatsBy::Region => Grouping::Region,
        StatsBy::Service => Grouping::Service,
        StatsBy::Month | StatsBy::Outcome => Grouping::Month,
    }
}

/// The referral log, the old history file moved into it on first use (said once, on
/// stderr). A log that cannot be opened is exit 3 with a pointer to `history --check`.
pub(super) fn open_log(context: &Context) -> Result<ReferralLog, CliError> {
    open_log_or(context, log_error)
}

/// [`open_log`] with the caller's wording of a failure.
pub(super) fn open_log_or(
    context: &Context,
    fail: impl Fn(LogError) -> CliError,
) -> Result<ReferralLog, CliError> {
    let paths = &context.paths;
    let (log, migrated) =
        open_data_log(&paths.referral_log()?, &paths.history_file()?).map_err(fail)?;
    if let Some(migrated) = migrated {
        eprintln!(
            "pathways: {}",
            texts::migrated(&migrated).render(context.lang())
        );
    }
    Ok(log)
}

/// A log error as exit 3, with what to run next.
pub(super) fn log_error(error: LogError) -> CliError {
    CliError::could_not_act(texts::log_error(&error)).with_hint(msg!("cli-log-check-hint"))
}

/// The purge to run with a new record: `None` when the clock is pinned ahead, with a
/// warning when that held back a purge (a pinned clock that would delete nothing, as in
/// tests, stays quiet).
pub(super) fn retention(context: &Context, log: &ReferralLog) -> Option<jiff::Timestamp> {
    retention_of(context, log, context.config.history.keep_days)
}

/// [`retention`] for a log that keeps `keep_days` (the team log: the system config's).
pub(super) fn retention_of(
    context: &Context,
    log: &ReferralLog,
    keep_days: i64,
) -> Option<jiff::Timestamp> {
    match cutoff_now(keep_days) {
        Cutoff::Before(cutoff) => Some(cutoff),
        Cutoff::PinnedAhead => {
            let unguarded = cutoff(keep_days, crate::clock::now(), jiff::Timestamp::MAX);
            if let Cutoff::Before(at) = unguarded
                && log.any_before(at).unwrap_or(true)
            {
                // The referral's PINNED_AHEAD, in the operator's language.
                super::warn(context, msg!("cli-pinned-ahead"));
            }
            None
        }
    }
}

/// Purges the records past `keep_days`, so old records go even when no note is made.
fn purge_expired(context: &Context, log: &mut ReferralLog) -> Result<(), CliError> {
    if let Some(cutoff) = retention(context, log) {
        log.purge_before(cutoff).map_err(log_error)?;
    }
    Ok(())
}

/// `--purge-before DATE`: the start of DATE in the catalogue's zone is the cutoff.
fn purge(context: &Context, log: &mut ReferralLog, date: &str) -> CliResult {
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
            let value = crate::text::escape_input(date).into_owned();
            CliError::bad_input(msg!(
                "cli-flag-problem",
                flag = "--purge-before",
                problem = msg!("cli-not-a-date", value = value)
            ))
            .with_hint(msg!("cli-iso-date-hint"))
        })?;
    let purged = log.purge_before(cutoff).map_err(log_error)?;
    let said = msg!("cli-purged", count = purged, date = date.trim());
    eprintln!("pathways: {}", said.render(context.lang()));
    Ok(Exit::Done)
}

/// `--check`: `PRAGMA integrity_check` and the counts. Exit 0 when sound, 3 when not (or
/// when the file is not a database at all).
fn check(context: &Context) -> CliResult {
    let path = context.paths.referral_log()?;
    let lang = context.lang();
    if !path.exists() {
        let said = msg!("cli-log-none-yet", path = path.display());
        print_stdout(&format!("{}\n", said.render(lang)))?;
        return Ok(Exit::Done);
    }
    let health = ReferralLog::open(&path)
        .and_then(|log| log.health())
        .map_err(|e| {
            CliError::could_not_act(texts::log_error(&e)).with_hint(msg!("cli-log-aside-hint"))
        })?;
    if health.is_ok() {
        let said = msg!(
            "cli-log-ok",
            path = path.display(),
            referrals = health.referrals,
            outcomes = health.outcomes
        );
        print_stdout(&format!("{}\n", said.render(lang)))?;
        return Ok(Exit::Done);
    }
    let problems: String = health
        .integrity
        .iter()
        .map(|problem| format!("{}: {}\n", path.display(), crate::text::one_line(problem)))
        .collect();
    print_stdout(&problems)?;
    Err(CliError::could_not_act(msg!(
        "cli-log-integrity",
        path = path.display(),
        count = health.integrity.len()
    ))
    .with_hint(msg!("cli-log-aside-hint")))
}

/// One record on one line: when, reference, priority, follow-up, services (with their
/// current outcome when there is one), needs, region; in the team's listing, who referred.
fn line(record: &Listed, lang: Lang, with_operator: bool) -> String {
    // `2026-11-23T14:05:00+03:00` → the date as the language writes it, and the time.
    let when = match (record.time.get(..10), record.time.get(11..16)) {
        (Some(day), Some(time)) => match day.parse::<jiff::civil::Date>() {
            Ok(day) => format!("{} {time}", lang.date(day)),
            Err(_) => format!("{day} {time}"),
        },
        _ => record.time.clone(),
    };
    let services: Vec<String> = record
        .services
        .iter()
        .map(|(service, status)| match status {
            Some(status) => format!("{service} ({})", status.as_str()),
            None => service.to_string(),
        })
        .collect();
    let follow_up = lang.date(record.follow_up);
    let mut line = format!(
        "{when}  {}  {:<9}  {} {follow_up}  {}",
        record.note_ref,
        record.priority.as_str(),
        lang.t("cli-history-follow-up"),
        services.join(",")
    );
    if !record.needs.is_empty() {
        let label = lang.t("cli-history-needs");
        line.push_str(&format!("  {label} {}", record.needs.join(",")));
    }
    if let Some(region) = &record.region {
        line.push_str(&format!("  {} {region}", lang.t("cli-history-region")));
    }
    if let Some(case_ref) = &record.case_ref {
        line.push_str(&format!("  {} {case_ref}", lang.t("cli-history-case")));
    }
    if let Some(operator) = record.operator.as_ref().filter(|_| with_operator) {
        line.push_str(&format!("  {} {operator}", lang.t("cli-history-by")));
    }
    crate::text::strip_controls(&line).replace(['\n', '\t'], " ")
}

fn write_error(error: impl std::fmt::Display) -> CliError {
    CliError::could_not_act(msg!("cli-cannot-write-output", error = error.to_string()))
}
