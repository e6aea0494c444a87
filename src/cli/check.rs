//! `pathways check [PATH] [--json] [--with-log]`: every problem as
//! `PATH:LINE:COLUMN: severity: message`, then one summary line. Exit 0 without errors, 2
//! with. `--with-log` adds a warning for each service the referral log shows declining
//! referrals three times in a row.

use super::args::CheckArgs;
use super::{CliError, CliResult, Context, Exit, load_error};
use crate::catalogue::{
    self, Catalogue, Diagnostic, LoadError, LoadOptions, Origin, Severity, message,
};
use crate::error::msg;
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
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// A diagnostic as `--json` writes it: the message in English, for scripts.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    path: &'a str,
    line: usize,
    column: usize,
    message: String,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            severity: d.severity,
            path: &d.path,
            line: d.line,
            column: d.column,
            message: d.message.to_string(),
        }
    }
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
        Err(unreadable) => return Err(load_error(unreadable, context.lang())),
    };
    if args.json {
        let report = Report {
            summary,
            diagnostics: diagnostics.iter().map(JsonDiagnostic::from).collect(),
        };
        let json = serde_json::to_string_pretty(&report).unwrap_or_default();
        crate::output::print(&format!("{json}\n"))?;
        return Ok(exit_for(report.summary.errors));
    }
    // Editors and scripts read these lines: English unless this run chose a language.
    let machine = context.ui.machine();
    let mut text = String::new();
    for diagnostic in &diagnostics {
        text.push_str(&crate::text::one_line(&diagnostic.line_in(machine)));
        text.push('\n');
    }
    let counts = msg!(
        "cli-check-summary",
        services = summary.services,
        organisations = summary.organisations,
        contacts = summary.contacts,
        regions = summary.regions,
        errors = summary.errors,
        warnings = summary.warnings
    );
    text.push_str(&counts.render(machine));
    text.push('\n');
    crate::output::print(&text)?;
    eprintln!("{}", checked(&origin).render(context.lang()));
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
            message: message!(
                "cli-check-declined",
                id = &catalogue.services[s].id,
                count = DECLINED_IN_A_ROW
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

/// "checked embedded:data/catalogue.toml (the built-in default)" or the file path.
fn checked(origin: &Origin) -> crate::error::Text {
    match origin {
        Origin::Embedded => msg!("cli-checked-embedded", origin = origin.display_name()),
        other => msg!("cli-checked", origin = other.display_name()),
    }
}
