//! `pathways refer ID...`: builds a draft from the flags, renders the note, sends it to the
//! clipboard, a file or stdout, and records it in the history.
//!
//! Exit codes: 2 for bad input (unknown id, no consent, bad date, template error), 3 when
//! the note could not be delivered (no terminal for `--copy`, `--out` file exists, a write
//! failed) or the referral log could not be written (after the note went out).

use super::args::ReferArgs;
use super::history_cmd;
use super::resolve_error;
use super::{CliError, CliResult, Context, Exit};
use crate::catalogue::Catalogue;
use crate::clipboard::Environment;
use crate::referral::{
    DeliverError, Delivered, Draft, LogError, Note, Problem, Record, ReferralLog, RenderError,
    TeamLog, Template, copy_note, new_note_ref, record_referral, render, templates_dir, write_note,
};
use crate::search;
use jiff::Zoned;
use jiff::civil::Date;

pub fn run(context: &Context, args: &ReferArgs) -> CliResult {
    let catalogue = context.catalogue()?;
    let now = crate::clock::now_in(&catalogue.time_zone());
    let mut draft = draft_from_args(context, &catalogue, args, &now)?;
    draft.validate().map_err(problem_error)?;
    for warning in trust_warnings(&draft, args) {
        eprintln!("pathways: warning: {warning}");
    }
    // Opened once, before the note goes out; a failure is reported after delivery.
    let log = open_for_recording(context);
    if let Some(Ok(log)) = &log {
        unique_ref(log, &mut draft, &now);
    }
    let name = args.template.as_deref().unwrap_or(context.template_name());
    let dir = templates_dir(&context.config, &context.paths);
    let template =
        Template::find(name, dir.as_deref()).map_err(|e| CliError::bad_input(e.to_string()))?;
    let note = render(&draft, &catalogue, &template, args.format).map_err(render_error)?;
    deliver(context, args, &note)?;
    record(context, log, &draft, &note, &now)?;
    Ok(Exit::Done)
}

/// Draws the note reference again while the log already holds it: two notes in the same
/// second (or under a pinned clock) share all but four random hex digits, and the log keeps
/// each reference once.
fn unique_ref(log: &ReferralLog, draft: &mut Draft, now: &Zoned) {
    for _ in 0..16 {
        if !log.contains(&draft.note_ref).unwrap_or(false) {
            return;
        }
        draft.note_ref = new_note_ref(now);
    }
}

/// The draft the flags describe.
fn draft_from_args(
    context: &Context,
    catalogue: &Catalogue,
    args: &ReferArgs,
    now: &Zoned,
) -> Result<Draft, CliError> {
    // The same id twice is one referral, not two.
    let mut services: Vec<String> = Vec::with_capacity(args.ids.len());
    for id in &args.ids {
        let service = service_id(catalogue, id)?;
        if !services.contains(&service) {
            services.push(service);
        }
    }
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
    if let Some(problem) = crate::referral::case_ref_problem(&draft.case_ref) {
        return Err(CliError::bad_input(format!("--case-ref: {problem}")));
    }
    draft.override_reason = args.override_reason.clone().unwrap_or_default();
    draft.age_band = args.age_band;
    draft.minor = args.minor;
    draft.client_languages = args
        .client_languages
        .iter()
        .map(|code| crate::referral::client_language(code, &catalogue.header.languages))
        .collect::<Result<_, _>>()
        .map_err(|problem| CliError::bad_input(format!("--client-language: {problem}")))?;
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
    match catalogue.service_by_id(id) {
        Some(_) => Ok(id.to_string()),
        None => Err(super::show::unknown_service(catalogue, id)),
    }
}

pub(super) fn parse_date(flag: &str, value: &str) -> Result<Date, CliError> {
    value.trim().parse().map_err(|_| {
        CliError::bad_input(format!(
            "{flag}: '{}' is not a date",
            crate::text::escape_input(value)
        ))
        .with_hint("use YYYY-MM-DD, up to 9999-12-31")
    })
}

/// What the receiver of this note could not trust, said on stderr (the note goes anyway:
/// scripts depend on `refer` working without these).
fn trust_warnings(draft: &Draft, args: &ReferArgs) -> Vec<&'static str> {
    let mut warnings = Vec::new();
    if draft.referrer_unknown() {
        warnings.push(crate::referral::REFERRER_WARNING);
    }
    if args.case_ref.is_none() {
        warnings.push(
            "no --case-ref: the note says \"no client code\" (give --case-ref none when the \
             caller has none)",
        );
    }
    warnings
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
        Problem::AgeContradiction => (
            problem.to_string(),
            "drop --minor, or give --age-band child",
        ),
        Problem::FollowUpPastCalendar => (
            problem.to_string(),
            "give --follow-up YYYY-MM-DD on or before 9999-12-31",
        ),
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
        return Err(deliver_error(DeliverError::Exists(path.clone())));
    }
    let mut delivered = false;
    if args.copy {
        let env = Environment::detect();
        report(
            note,
            &copy_note(note, &context.config.clipboard, env).map_err(deliver_error)?,
        );
        delivered = true;
    }
    if let Some(path) = &args.out {
        report(
            note,
            &write_note(note, path, args.force).map_err(deliver_error)?,
        );
        delivered = true;
    }
    if !delivered {
        crate::output::print_note(&note.text)?;
    }
    Ok(())
}

/// Says on stderr where the note went, warnings first.
fn report(note: &Note, place: &Delivered) {
    for warning in place.warnings() {
        eprintln!("pathways: warning: {warning}");
    }
    eprintln!("pathways: {}", place.describe(note));
}

/// Every failed delivery is exit 3; an existing file says how to replace it.
fn deliver_error(error: DeliverError) -> CliError {
    let hint = matches!(error, DeliverError::Exists(_)).then_some("add --force to replace it");
    let error_out = CliError::could_not_act(error.to_string());
    match hint {
        Some(hint) => error_out.with_hint(hint),
        None => error_out,
    }
}

/// The referral log, when the history is on (`None` when off). A log that cannot be
/// opened is an error worded for after delivery: the note still goes out first.
fn open_for_recording(context: &Context) -> Option<Result<ReferralLog, CliError>> {
    context
        .config
        .history
        .enabled
        .then(|| history_cmd::open_log_or(context, not_recorded))
}

fn not_recorded(error: LogError) -> CliError {
    CliError::could_not_act(format!(
        "the note was delivered, but the referral log could not be written: {error}"
    ))
    .with_hint("run 'pathways history --check' to examine the referral log")
}

/// Records the note in the referral log (one transaction, with the retention purge). The
/// note is already out: a failure says so.
fn record(
    context: &Context,
    log: Option<Result<ReferralLog, CliError>>,
    draft: &Draft,
    note: &Note,
    now: &Zoned,
) -> Result<(), CliError> {
    let Some(log) = log else {
        return Ok(());
    };
    let mut log = log?;
    let config = &context.config.history;
    let record = Record::new(draft, &note.template, now, config.store_case_ref);
    let cutoff = history_cmd::retention(context, &log);
    let team = TeamLog::from_config(&context.config);
    let skipped =
        record_referral(&mut log, team.as_ref(), &record, cutoff).map_err(not_recorded)?;
    super::team_cmd::warn_skipped(context, skipped);
    Ok(())
}
