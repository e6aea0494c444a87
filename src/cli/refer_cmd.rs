//! `pathways refer ID...`: builds a draft from the flags, renders the note, sends it to the
//! clipboard, a file or stdout, and records it in the history.
//!
//! Exit codes: 2 for bad input (unknown id, no consent, bad date, template error), 3 when
//! the note could not be delivered (no terminal for `--copy`, `--out` file exists, a write
//! failed) or the referral log could not be written (after the note went out).

use super::args::ReferArgs;
use super::history_cmd;
use super::resolve_error;
use super::texts;
use super::{CliError, CliResult, Context, Exit};
use crate::catalogue::Catalogue;
use crate::clipboard::Environment;
use crate::error::{Text, msg};
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
        super::warn(context, warning);
    }
    // Opened once, before the note goes out; a failure is reported after delivery.
    let log = open_for_recording(context);
    if let Some(Ok(log)) = &log {
        unique_ref(log, &mut draft, &now);
    }
    let name = args.template.as_deref().unwrap_or(context.template_name());
    let dir = templates_dir(&context.config, &context.paths);
    let template = Template::find(name, dir.as_deref())
        .map_err(|e| CliError::bad_input(texts::template_error(&e)))?;
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
    if let Some(found) = crate::referral::case_ref_problem(&draft.case_ref) {
        return Err(CliError::bad_input(msg!(
            "cli-flag-problem",
            flag = "--case-ref",
            problem = texts::case_ref_problem(found)
        )));
    }
    draft.override_reason = args.override_reason.clone().unwrap_or_default();
    draft.age_band = args.age_band;
    draft.minor = args.minor;
    draft.client_languages = args
        .client_languages
        .iter()
        .map(|code| {
            crate::referral::client_language(code, &catalogue.header.languages)
                .ok_or_else(|| not_a_language(code, &catalogue.header.languages))
        })
        .collect::<Result<_, _>>()?;
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

/// `--client-language` that is no ISO code and not one the catalogue lists.
fn not_a_language(code: &str, listed: &[String]) -> CliError {
    CliError::bad_input(msg!(
        "cli-flag-problem",
        flag = "--client-language",
        problem = texts::language_problem(code, listed)
    ))
}

fn service_id(catalogue: &Catalogue, id: &str) -> Result<String, CliError> {
    match catalogue.service_by_id(id) {
        Some(_) => Ok(id.to_string()),
        None => Err(super::show::unknown_service(catalogue, id)),
    }
}

pub(super) fn parse_date(flag: &str, value: &str) -> Result<Date, CliError> {
    value.trim().parse().map_err(|_| {
        CliError::bad_input(msg!(
            "cli-flag-problem",
            flag = flag.to_string(),
            problem = msg!("cli-not-a-date", value = crate::text::escape_input(value))
        ))
        .with_hint(msg!("cli-date-hint"))
    })
}

/// What the receiver of this note could not trust, said on stderr (the note goes anyway:
/// scripts depend on `refer` working without these).
fn trust_warnings(draft: &Draft, args: &ReferArgs) -> Vec<Text> {
    let mut warnings = Vec::new();
    if draft.referrer_unknown() {
        // The referral's REFERRER_WARNING, in the operator's language.
        warnings.push(msg!("cli-referrer-unknown"));
    }
    if args.case_ref.is_none() {
        warnings.push(msg!("cli-no-case-ref"));
    }
    warnings
}

/// The message for a draft that cannot become a note, with the flags that fix it.
fn problem_error(problem: Problem) -> CliError {
    let (message, hint) = texts::problem(&problem);
    CliError::bad_input(message).with_hint(hint)
}

fn render_error(error: RenderError) -> CliError {
    match error {
        RenderError::Draft(problem) => problem_error(problem),
        RenderError::UnknownService(id) => CliError::bad_input(msg!(
            "cli-unknown-service",
            id = crate::text::escape_input(&id)
        )),
        RenderError::Template(error) => CliError::bad_input(texts::template_error(&error)),
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
            context,
            note,
            &copy_note(note, &context.config.clipboard, env).map_err(deliver_error)?,
        );
        delivered = true;
    }
    if let Some(path) = &args.out {
        report(
            context,
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
fn report(context: &Context, note: &Note, place: &Delivered) {
    for warning in place.warnings() {
        super::warn(context, texts::copy_warning(warning));
    }
    let done = texts::delivered(place, &note.note_ref).render(context.lang());
    eprintln!("pathways: {done}");
}

/// Every failed delivery is exit 3; an existing file says how to replace it.
fn deliver_error(error: DeliverError) -> CliError {
    let hint = matches!(error, DeliverError::Exists(_)).then(|| msg!("cli-force-hint"));
    let error_out = CliError::could_not_act(texts::deliver_error(&error));
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
    CliError::could_not_act(msg!("cli-not-recorded", error = texts::log_error(&error)))
        .with_hint(msg!("cli-log-check-hint"))
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
    let mut record = Record::new(draft, &note.template, now, config.store_case_ref);
    record
        .operator
        .get_or_insert_with(|| context.config.operator_or_login());
    let cutoff = history_cmd::retention(context, &log);
    let team = TeamLog::from_config(&context.config);
    let skipped = record_referral(&mut log, team.as_ref(), record, cutoff, now.timestamp())
        .map_err(not_recorded)?;
    super::team_cmd::warn_skipped(context, skipped);
    Ok(())
}
