//! `pathways refer ID...`: builds a draft from the flags, renders the note, sends it to the
//! clipboard, a file or stdout, and records it in the history.
//!
//! Exit codes: 2 for bad input (unknown id, no consent, bad date, template error), 3 when
//! the note could not be delivered (no terminal for `--copy`, `--out` file exists, a write
//! failed) or the history could not be written.

use super::args::ReferArgs;
use super::{CliError, CliResult, Context, Exit};
use crate::catalogue::Catalogue;
use crate::clipboard::{self, CopyError, Environment};
use crate::referral::{
    Draft, History, Note, Problem, Record, RenderError, Template, new_note_ref, render,
    write_private,
};
use crate::search::{self, ResolveError};
use jiff::Zoned;
use jiff::civil::Date;
use std::io::{self, Write};

pub fn run(context: &Context, args: &ReferArgs) -> CliResult {
    let catalogue = context.catalogue()?;
    let now = crate::clock::now_in(&catalogue.time_zone());
    let draft = draft_from_args(context, &catalogue, args, &now)?;
    draft.validate().map_err(problem_error)?;
    let name = args.template.as_deref().unwrap_or(&context.config.template);
    let template = Template::find(name, context.config.templates_dir.as_deref())
        .map_err(|e| CliError::bad_input(e.to_string()))?;
    let note = render(&draft, &catalogue, &template, args.format).map_err(render_error)?;
    deliver(context, args, &note)?;
    record(context, &draft, &note, &now)?;
    Ok(Exit::Done)
}

/// The draft the flags describe.
fn draft_from_args(
    context: &Context,
    catalogue: &Catalogue,
    args: &ReferArgs,
    now: &Zoned,
) -> Result<Draft, CliError> {
    let services = args
        .ids
        .iter()
        .map(|id| service_id(catalogue, id))
        .collect::<Result<Vec<_>, _>>()?;
    let mut draft = Draft::new(services, now.date(), new_note_ref(now), &context.config);
    let needs = args
        .needs
        .iter()
        .map(|input| {
            search::resolve_need(catalogue, input)
                .map(|n| catalogue.needs[n].id.clone())
                .map_err(|e| resolve_error("--need", e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    draft.prefill_needs(catalogue, &needs);
    draft.region = match &args.region {
        Some(input) => Some(
            search::resolve_region(catalogue, input)
                .map(|r| catalogue.regions[r].id.clone())
                .map_err(|e| resolve_error("--region", e))?,
        ),
        None => None,
    };
    draft.priority = args.priority;
    draft.reason = args.reason.clone().unwrap_or_default();
    draft.case_ref = args.case_ref.clone().unwrap_or_default();
    draft.override_reason = args.override_reason.clone().unwrap_or_default();
    draft.age_band = args.age_band;
    draft.minor = args.minor;
    draft.client_languages = args.client_languages.clone();
    draft.interpreter = args.interpreter;
    draft.contact_channel = args.contact_channel;
    draft.consent = args.consent;
    if let Some(date) = &args.consent_date {
        draft.consent_date = parse_date("--consent-date", date)?;
    }
    if let Some(date) = &args.follow_up {
        draft.follow_up = Some(parse_date("--follow-up", date)?);
    }
    Ok(draft)
}

fn service_id(catalogue: &Catalogue, id: &str) -> Result<String, CliError> {
    if catalogue.service_by_id(id).is_some() {
        return Ok(id.to_string());
    }
    let mut close: Vec<(f64, &str)> = catalogue
        .services
        .iter()
        .map(|s| (strsim::jaro_winkler(id, &s.id), s.id.as_str()))
        .filter(|(score, _)| *score > 0.75)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let ids: Vec<&str> = close.iter().take(3).map(|(_, id)| *id).collect();
    let hint = match ids.is_empty() {
        true => "'pathways search' lists service ids".to_string(),
        false => format!("did you mean: {}?", ids.join(", ")),
    };
    Err(CliError::bad_input(format!(
        "no service with id '{}'",
        crate::text::one_line(id)
    ))
    .with_hint(hint))
}

fn parse_date(flag: &str, value: &str) -> Result<Date, CliError> {
    value.trim().parse().map_err(|_| {
        CliError::bad_input(format!("{flag}: '{value}' is not a date")).with_hint("use YYYY-MM-DD")
    })
}

fn resolve_error(flag: &str, error: ResolveError) -> CliError {
    let (what, input, candidates) = match error {
        ResolveError::NotFound { input, candidates } => ("matches nothing", input, candidates),
        ResolveError::Ambiguous { input, candidates } => ("is ambiguous", input, candidates),
    };
    let error = CliError::bad_input(format!("{flag} '{input}' {what}"));
    if candidates.is_empty() {
        error
    } else {
        error.with_hint(format!("candidates: {}", candidates.join(", ")))
    }
}

/// The message for a draft that cannot become a note, with the flags that fix it.
fn problem_error(problem: Problem) -> CliError {
    let (message, hint) = match problem {
        Problem::NoConsent => (
            "no consent recorded: a note needs the client's consent unless the priority is \
             emergency"
                .to_string(),
            "add --consent verbal or --consent written (and --consent-date YYYY-MM-DD if not \
             today); an emergency without consent: --priority emergency --override-reason TEXT",
        ),
        Problem::NoServices => (problem.to_string(), "name at least one service id"),
        Problem::ConsentInFuture => (
            problem.to_string(),
            "--consent-date must not be after today",
        ),
        Problem::FollowUpInPast => (problem.to_string(), "--follow-up must not be before today"),
    };
    CliError::bad_input(message).with_hint(hint)
}

fn render_error(error: RenderError) -> CliError {
    match error {
        RenderError::Draft(problem) => problem_error(problem),
        other => CliError::bad_input(other.to_string()),
    }
}

/// Sends the note where the flags say: clipboard and/or file, else stdout. A file that
/// would be refused is checked first, so a refused `--out` copies nothing either.
fn deliver(context: &Context, args: &ReferArgs, note: &Note) -> Result<(), CliError> {
    if let Some(path) = &args.out
        && !args.force
        && path.exists()
    {
        return Err(exists_error(path));
    }
    if args.copy {
        let copied = clipboard::copy(&note.text, &context.config.clipboard, Environment::detect())
            .map_err(|e: CopyError| CliError::could_not_act(e.to_string()))?;
        for warning in &copied.warnings {
            eprintln!("pathways: warning: {warning}");
        }
        eprintln!("pathways: note {} {}", note.note_ref, copied.describe());
    }
    if let Some(path) = &args.out {
        write_private(path, note.text.as_bytes(), args.force).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                exists_error(path)
            } else {
                CliError::could_not_act(format!("cannot write {}: {e}", path.display()))
            }
        })?;
        eprintln!(
            "pathways: note {} written to {}",
            note.note_ref,
            path.display()
        );
    }
    if !args.copy && args.out.is_none() {
        print_stdout(&note.text)?;
    }
    Ok(())
}

fn exists_error(path: &std::path::Path) -> CliError {
    CliError::could_not_act(format!("{} exists", path.display()))
        .with_hint("add --force to replace it")
}

/// Prints to stdout; a reader that went away (`| head`) is not an error.
pub(super) fn print_stdout(text: &str) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(CliError::could_not_act(format!(
            "cannot write to stdout: {e}"
        ))),
        _ => Ok(()),
    }
}

/// Appends the note's record to the history, when the history is on.
fn record(context: &Context, draft: &Draft, note: &Note, now: &Zoned) -> Result<(), CliError> {
    let config = &context.config.history;
    if !config.enabled {
        return Ok(());
    }
    let history = History::new(context.paths.history_file(), config.keep_days);
    let record = Record::new(draft, &note.template, now, config.store_case_ref);
    history.append(&record, now.timestamp()).map_err(|e| {
        CliError::could_not_act(format!(
            "the note was delivered, but the history {} could not be written: {e}",
            history.path().display()
        ))
    })
}
