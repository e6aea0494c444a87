//! `pathways import hsds PATH [--out FILE] [--force] [--timezone TZ] [--country CC]
//! [--title TEXT] [--map FILE] [--json-report]`: an HSDS directory → a catalogue.
//!
//! Exit 0 when a catalogue was written (even with report lines), 2 when PATH is not HSDS or
//! no service could be read (or an option is malformed), 3 when the output cannot be written.

use super::args::ImportHsdsArgs;
use super::{CliError, CliResult, Exit};
use crate::error::{Text, msg};
use crate::fsutil::{Existing, write_private_file};
use crate::hsds::{self, HsdsError, MapFile, Options};
use std::io::IsTerminal;

pub fn run(args: &ImportHsdsArgs) -> CliResult {
    if let Some(tz) = &args.timezone
        && jiff::tz::TimeZone::get(tz).is_err()
    {
        let tz = crate::text::escape_input(tz).into_owned();
        return Err(CliError::bad_input(msg!(
            "cli-flag-problem",
            flag = "--timezone",
            problem = msg!("cli-unknown-time-zone", zone = tz)
        ))
        .with_hint(msg!("cli-time-zone-hint")));
    }
    if let Some(cc) = &args.country
        && !(cc.len() == 2 && cc.chars().all(|c| c.is_ascii_alphabetic()))
    {
        let cc = crate::text::escape_input(cc).into_owned();
        return Err(CliError::bad_input(msg!(
            "cli-flag-problem",
            flag = "--country",
            problem = msg!("cli-not-a-country", code = cc)
        )));
    }
    let existing = match &args.out {
        Some(out) if out.exists() && !args.force => {
            return Err(CliError::could_not_act(msg!(
                "cli-exists-not-overwritten",
                path = super::texts::shown(out)
            ))
            .with_hint(msg!("cli-import-force-hint")));
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
            write_private_file(out, imported.toml.as_bytes(), existing)
                .map_err(|e| CliError::could_not_act(super::texts::cannot_write(out, &e)))?;
        }
        None => {
            super::write_stdout(&imported.toml)?;
        }
    }
    print_report(&imported.report, args)
}

/// The import's report stays English: it is a data manager's record of HSDS tables and
/// fields, named as HSDS names them (see docs/translations.md).
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
    let one_line = |text: &str| crate::text::one_line(text).to_string();
    let message: Text = match &error {
        HsdsError::NotHsds(why) => msg!("cli-hsds-not-hsds", why = one_line(why)),
        HsdsError::NoServices(path) => msg!("cli-hsds-no-services", path = one_line(path)),
        HsdsError::BadMap(why) => msg!("cli-hsds-bad-map", why = one_line(why)),
        HsdsError::Io { path, source } => msg!(
            "cli-cannot-read",
            path = super::texts::shown(path),
            error = source.to_string()
        ),
    };
    CliError::bad_input(message)
}
