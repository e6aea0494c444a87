//! `pathways team sync`, and the team log as `history --team` and `stats --team` read it:
//! the refusals and warnings about the team log are said here, in the words of
//! `context::texts` (`team_error`, `team_skipped`).
//!
//! Exit 2 when no team log is configured or it is open to everyone on the host (with the
//! fix); exit 3 when it cannot be opened or written.

use super::args::TeamAction;
use super::history_cmd::{open_log, retention_of};
use super::{CliError, CliResult, Context, Exit};
use crate::context::texts;
use crate::i18n::t;
use crate::output::print as print_stdout;
use crate::referral::{ReferralLog, TeamError, TeamLog, TeamSkipped};

pub fn run(context: &Context, action: TeamAction) -> CliResult {
    match action {
        TeamAction::Sync => sync(context),
    }
}

/// The team log the configuration names; none is exit 2 saying where to set it.
pub(super) fn team_log(context: &Context) -> Result<TeamLog, CliError> {
    TeamLog::from_config(&context.config).ok_or_else(|| team_error(TeamError::NotConfigured))
}

/// The team log to read, its expired records purged (by the system config's retention)
/// when it holds any: a read that finds nothing expired writes nothing.
pub(super) fn open_for_reading(context: &Context) -> Result<ReferralLog, CliError> {
    let team = team_log(context)?;
    let mut log = team.open().map_err(team_error)?;
    let log_error = |e| team_error(TeamError::Log(e));
    if let Some(cutoff) = retention_of(context, &log, team.keep_days)
        && log.any_before(cutoff).map_err(log_error)?
    {
        log.purge_before(cutoff).map_err(log_error)?;
    }
    Ok(log)
}

/// A refused team log is exit 2, any other failure exit 3; both say what fixes it.
pub(super) fn team_error(error: TeamError) -> CliError {
    let (message, fix) = texts::team_error(&error);
    if error.is_refusal() {
        CliError::bad_input(message).with_hint(fix)
    } else {
        CliError::could_not_act(message).with_hint(fix)
    }
}

/// Says on stderr that the team log was skipped (the command still succeeds: the record
/// is in the operator's own log).
pub(super) fn warn_skipped(context: &Context, skipped: Option<TeamSkipped>) {
    if let Some(skipped) = skipped {
        super::warn(context, texts::team_skipped(&skipped));
    }
}

/// `team sync`: copies the operator's records the team log lacks; repeating it adds nothing.
fn sync(context: &Context) -> CliResult {
    let team = team_log(context)?;
    let own = open_log(context)?;
    let copied = team
        .sync_from(&own, crate::clock::now())
        .map_err(team_error)?;
    let said = t!(
        context.lang(),
        "cli-team-synced",
        referrals = copied.referrals,
        outcomes = copied.outcomes,
        path = team.path.display().to_string()
    );
    print_stdout(&format!("{said}\n"))?;
    Ok(Exit::Done)
}
