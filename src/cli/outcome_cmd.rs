//! `pathways outcome NOTE-REF STATUS [--service ID] [--date DATE] [--reason CODE]`: records
//! what became of a referral, closing the follow-up loop.
//!
//! Exit 2 for an unknown reference (with the closest ones), a service the note did not
//! name, or a date before the referral; 3 when the log cannot be written.

use super::args::OutcomeArgs;
use super::history_cmd::{log_error, open_log};
use super::refer_cmd::parse_date;
use super::{CliError, CliResult, Context, Exit};
use crate::error::msg;
use crate::output::print as print_stdout;
use crate::referral::{NewOutcome, OutcomeError, TeamLog, record_outcome};

pub fn run(context: &Context, args: &OutcomeArgs) -> CliResult {
    let today = context.catalogue()?.today();
    let date = match &args.date {
        Some(value) => parse_date("--date", value)?,
        None => today,
    };
    let mut log = open_log(context)?;
    let outcome = NewOutcome {
        note_ref: &args.note_ref,
        service: args.service.as_deref(),
        status: args.status,
        reason: args.reason,
        date,
    };
    let team = TeamLog::from_config(&context.config);
    let (services, skipped) =
        record_outcome(&mut log, team.as_ref(), &outcome, crate::clock::now())
            .map_err(outcome_error)?;
    let reason = args
        .reason
        .map(|r| format!(" ({})", r.as_str()))
        .unwrap_or_default();
    let text: String = services
        .iter()
        .map(|service| {
            format!(
                "{}  {service}  {}{reason}  {date}\n",
                crate::referral::typed_note_ref(&args.note_ref),
                args.status.as_str()
            )
        })
        .collect();
    print_stdout(&crate::text::strip_controls(&text))?;
    super::team_cmd::warn_skipped(context, skipped);
    Ok(Exit::Done)
}

/// Bad input names what to use instead: the closest references, the note's services.
fn outcome_error(error: OutcomeError) -> CliError {
    let one_line = |text: &str| crate::text::one_line(text).to_string();
    let (message, hint) = match error {
        OutcomeError::Log(error) => return log_error(error),
        OutcomeError::UnknownRef { note_ref, closest } => {
            let message = msg!("cli-outcome-unknown-ref", note = one_line(&note_ref));
            let hint = if closest.is_empty() {
                msg!("cli-outcome-history-hint")
            } else {
                msg!("cli-outcome-closest", refs = one_line(&closest.join(", ")))
            };
            (message, hint)
        }
        OutcomeError::UnknownService {
            note_ref,
            service,
            named,
        } => (
            msg!(
                "cli-outcome-unknown-service",
                note = one_line(&note_ref),
                service = one_line(&service),
                named = one_line(&named)
            ),
            msg!("cli-outcome-service-hint"),
        ),
        OutcomeError::BeforeReferral { date, referral } => (
            msg!(
                "cli-outcome-before-referral",
                date = date.to_string(),
                referral = referral.to_string()
            ),
            msg!("cli-outcome-date-hint"),
        ),
    };
    CliError::bad_input(message).with_hint(hint)
}
