//! `pathways import hsds PATH [--out FILE] [--force] [--timezone TZ] [--country CC]
//! [--title TEXT] [--map FILE] [--json-report]`: an HSDS directory → a catalogue.
//!
//! Exit 0 when a catalogue was written (even with report lines), 2 when PATH is not HSDS or
//! no service could be read (or an option is malformed), 3 when the output cannot be written.

use super::args::ImportHsdsArgs;
use super::{CliError, CliResult, Exit};
use crate::fsutil::{Existing, write_private_file};
use crate::hsds::{self, HsdsError, MapFile, Options};
use std::io::IsTerminal;

pub fn run(args: &ImportHsdsArgs) -> CliResult {
    if let Some(tz) = &args.timezone
        && jiff::tz::TimeZone::get(tz).is_err()
    {
        return Err(
            CliError::bad_input(format!("--timezone: unknown time zone `{tz}`"))
                .with_hint("use an IANA name such as America/Chicago"),
        );
    }
    if let Some(cc) = &args.country
        && !(cc.len() == 2 && cc.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return Err(CliError::bad_input(format!(
            "--country: `{cc}` is not a two-letter country code"
        )));
    }
    let existing = match &args.out {
        Some(out) if out.exists() && !args.force => {
            return Err(CliError::could_not_act(format!(
                "{} exists; not overwritten",
                out.display()
            ))
            .with_hint("add --force to replace it (its ids are kept)"));
        }
        // With --force: the records already there keep their ids (a missing file is fine).
        Some(out) => std::fs::read_to_string(out).ok(),
        _ => None,
    };
    let map = match &args.map {
        Some(path) => Some(MapFile::read(path).map_err(hsds_error)?),
        None => None,
    };
    let options = Options {
        timezone: args.timezone.clone(),
        country: args.country.as_ref().map(|c| c.to_uppercase()),
        title: args.title.clone(),
        existing,
    };
    let progress = indicatif::ProgressBar::with_draw_target(
        None,
        if std::io::stderr().is_terminal() {
            indicatif::ProgressDrawTarget::stderr()
        } else {
            indicatif::ProgressDrawTarget::hidden()
        },
    );
    let imported =
        hsds::import(&args.path, &options, map.as_ref(), &progress).map_err(hsds_error)?;
    match &args.out {
        Some(out) => {
            let existing = if args.force {
                Existing::Replace
            } else {
                Existing::Keep
            };
            write_private_file(out, imported.toml.as_bytes(), existing).map_err(|e| {
                CliError::could_not_act(format!("cannot write {}: {e}", out.display()))
            })?;
        }
        None => {
            super::write_stdout(&imported.toml)?;
        }
    }
    print_report(&imported.report, args)
}

fn print_report(report: &hsds::Report, args: &ImportHsdsArgs) -> CliResult {
    if !args.json_report {
        eprint!("{report}");
        return Ok(Exit::Done);
    }
    let json = serde_json::to_string_pretty(report).unwrap_or_default();
    if args.out.is_some() {
        println!("{json}");
    } else {
        eprintln!("{json}");
    }
    Ok(Exit::Done)
}

/// Not HSDS, nothing readable, a bad map: bad input (2).
fn hsds_error(error: HsdsError) -> CliError {
    CliError::bad_input(crate::text::one_line(&error.to_string()))
}
