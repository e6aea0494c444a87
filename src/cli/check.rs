//! `pathways check [PATH] [--json] [--with-log]`: every problem as
//! `PATH:LINE:COLUMN: severity: message`, then one summary line. Exit 0 without errors, 2
//! with. `--with-log` adds a warning for each service the referral log shows declining
//! referrals three times in a row.

use super::args::CheckArgs;
use super::{CliError, CliResult, Context, Exit, load_error};
use crate::catalogue::{self, Catalogue, Diagnostic, LoadError, LoadOptions, Origin, Severity};
use serde::Serialize;

#[derive(Serialize, Default)]
struct Summary {
    services: usize,
    organisations: usize,
    contacts: usize,
    regions: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    summary: Summary,
    diagnostics: &'a [Diagnostic],
}

pub fn run(context: &Context, args: &CheckArgs) -> CliResult {
    let origin = match &args.path {
        Some(path) => Origin::File(path.clone()),
        None => context.catalogue_origin(),
    };
    let options = LoadOptions::for_check();
    let loaded = match &origin {
        Origin::File(path) => catalogue::load_with(path, options),
        _ => catalogue::parse_with(catalogue::EMBEDDED_CATALOGUE, Origin::Embedded, options),
    };
    let (summary, diagnostics) = match loaded {
        Ok(mut catalogue) => {
            if args.with_log {
                let warnings = log_warnings(context, &catalogue)?;
                catalogue.diagnostics.extend(warnings);
            }
            (summarise(&catalogue), catalogue.diagnostics)
        }
        Err(LoadError::Invalid(diagnostics)) => {
            let summary = Summary {
                errors: diagnostics.len(),
                ..Summary::default()
            };
            (summary, diagnostics)
        }
        Err(unreadable) => return Err(load_error(unreadable)),
    };
    if args.json {
        let report = Report {
            summary,
            diagnostics: &diagnostics,
        };
        let json = serde_json::to_string_pretty(&report).unwrap_or_default();
        crate::output::print(&format!("{json}\n"))?;
        return Ok(exit_for(report.summary.errors));
    }
    let mut text = String::new();
    for diagnostic in &diagnostics {
        text.push_str(&crate::text::one_line(&diagnostic.to_string()));
        text.push('\n');
    }
    text.push_str(&format!(
        "{} services, {} organisations, {} contacts, {} regions, {} errors, {} warnings\n",
        summary.services,
        summary.organisations,
        summary.contacts,
        summary.regions,
        summary.errors,
        summary.warnings
    ));
    crate::output::print(&text)?;
    eprintln!("checked {}", describe_origin(&origin));
    Ok(exit_for(summary.errors))
}

/// How many referrals in a row a service may decline before `check --with-log` warns.
const DECLINED_IN_A_ROW: usize = 3;

/// Warnings from the referral log (when there is one): services whose last referrals were
/// all declined by the service, so the catalogue's data manager verifies them.
fn log_warnings(context: &Context, catalogue: &Catalogue) -> Result<Vec<Diagnostic>, CliError> {
    let paths = &context.paths;
    // Without a home there is no log of one's own to read: `check` still checks.
    let (Ok(log_file), Ok(history_file)) = (paths.referral_log(), paths.history_file()) else {
        return Ok(Vec::new());
    };
    if !log_file.exists() && !history_file.exists() {
        return Ok(Vec::new());
    }
    let log = super::history_cmd::open_log(context)?;
    let flagged = log
        .declined_in_a_row(DECLINED_IN_A_ROW)
        .map_err(super::history_cmd::log_error)?;
    let path = catalogue.origin.display_name();
    Ok(flagged
        .iter()
        .filter_map(|id| catalogue.service_by_id(id))
        .map(|s| Diagnostic {
            severity: Severity::Warning,
            path: path.clone(),
            line: catalogue.services[s].line,
            column: 1,
            message: format!(
                "service '{}': its last {DECLINED_IN_A_ROW} referrals were declined by the \
                 service (referral log); verify its details",
                catalogue.services[s].id
            ),
        })
        .collect())
}

fn summarise(catalogue: &Catalogue) -> Summary {
    Summary {
        services: catalogue.services.len(),
        organisations: catalogue.organisations.len(),
        contacts: catalogue.contacts.len(),
        regions: catalogue.regions.len(),
        errors: catalogue.error_count(),
        warnings: catalogue.warning_count(),
    }
}

fn exit_for(errors: usize) -> Exit {
    if errors == 0 {
        Exit::Done
    } else {
        Exit::BadInput
    }
}

/// "embedded:data/catalogue.toml (the built-in default)" or the file path.
pub fn describe_origin(origin: &Origin) -> String {
    match origin {
        Origin::Embedded => format!("{} (the built-in default)", origin.display_name()),
        other => other.display_name(),
    }
}
