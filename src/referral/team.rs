//! The team log: a second referral log (`[team] log` in the system config) that every
//! operator of a team writes beside their own, so a coordinator can count and follow up the
//! team's referrals.
//!
//! It is the same store as the operator's own log, written with the same record, minus
//! what a coordinator does not need and the whole group could otherwise read: no case
//! reference, client languages, consent kind or template. Its folder is the administrator's
//! (group-owned, mode 2770); a log (or folder) that anyone on the host may read or write is
//! refused. A write to it that fails never fails the operator's own record: the caller
//! warns, and `pathways team sync` copies the record later.
//!
//! The CLI and the TUI both record through [`record_referral`] and [`record_outcome`], so
//! the two logs cannot drift apart by which screen made the note. The words for what goes
//! wrong here are in `context::texts` (`team_error`, `team_skipped`).

use super::history::{Record, with_suffix};
use super::input::typed_note_ref;
use super::log::{Copied, LogError, NewOutcome, OutcomeError, ReferralLog};
use super::retention::cutoff_now;
use crate::config::{Config, HistoryConfig};
use crate::fsutil::{open_to_others, parent_of};
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// Where the team log is and how long it keeps records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamLog {
    pub path: PathBuf,
    /// The system config's `history.keep_days` (not an operator's own).
    pub keep_days: i64,
}

/// Why the team log could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("no team log is configured")]
    NotConfigured,
    /// Anyone on the host may read (or, `writable`, write) it.
    #[error(
        "the team log {} is world-{}: refused",
        path.display(),
        if *writable { "writable" } else { "readable" }
    )]
    Exposed { path: PathBuf, writable: bool },
    #[error("the team log's folder {} does not exist", dir.display())]
    NoFolder { dir: PathBuf },
    #[error(transparent)]
    Log(#[from] LogError),
}

impl TeamError {
    /// A setup the operator cannot use as it is (exit 2), rather than a failure to act.
    pub fn is_refusal(&self) -> bool {
        matches!(self, TeamError::NotConfigured | TeamError::Exposed { .. })
    }
}

/// The team log was not written; the operator's own log was. Said as a warning.
#[derive(Debug)]
pub struct TeamSkipped(pub TeamError);

impl TeamLog {
    /// The team log the system config names, if any.
    pub fn from_config(config: &Config) -> Option<TeamLog> {
        let keep_days = config
            .team
            .keep_days
            .unwrap_or(HistoryConfig::default().keep_days);
        config
            .team
            .log
            .clone()
            .map(|path| TeamLog { path, keep_days })
    }

    /// Refuses a log, its write-ahead file or its folder that anyone on the host may read
    /// or write, then opens the log (creating it, mode 0660, when missing).
    pub fn open(&self) -> Result<ReferralLog, TeamError> {
        let dir = parent_of(&self.path);
        match std::fs::metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(TeamError::NoFolder {
                    dir: dir.to_path_buf(),
                });
            }
            Err(source) => {
                return Err(LogError::Io {
                    path: dir.to_path_buf(),
                    source,
                }
                .into());
            }
            Ok(meta) => refuse_exposed(dir, &meta)?,
        }
        // A file not there yet is created 0660 (the log) or with the log's mode (SQLite's
        // write-ahead file): only an existing one can be open to others.
        for file in [self.path.clone(), with_suffix(&self.path, "-wal")] {
            if let Ok(meta) = std::fs::metadata(&file) {
                refuse_exposed(&file, &meta)?;
            }
        }
        Ok(ReferralLog::open_shared(&self.path)?)
    }

    /// The retention purge for now; `None` when the clock is pinned ahead.
    pub fn cutoff(&self) -> Option<Timestamp> {
        cutoff_now(self.keep_days).before()
    }

    /// Copies what the team log lacks of the operator's records; see
    /// [`ReferralLog::copy_missing`].
    pub fn sync_from(&self, own: &ReferralLog, now: Timestamp) -> Result<Copied, TeamError> {
        let records: Vec<Record> = own.records()?.into_iter().map(for_team).collect();
        let mut team = self.open()?;
        Ok(team.copy_missing(&records, self.cutoff(), now)?)
    }

    /// Writes `record` (as the team keeps it) with its outcomes.
    fn write(&self, record: Record, now: Timestamp) -> Result<Copied, TeamError> {
        let mut team = self.open()?;
        Ok(team.copy_missing(&[for_team(record)], self.cutoff(), now)?)
    }
}

/// Refuses a file (or folder) whose mode lets others (not owner, not group) in.
fn refuse_exposed(path: &Path, meta: &std::fs::Metadata) -> Result<(), TeamError> {
    match open_to_others(meta) {
        None => Ok(()),
        Some(writable) => Err(TeamError::Exposed {
            path: path.to_path_buf(),
            writable,
        }),
    }
}

/// The record as the team log keeps it: what a coordinator needs (reference, time,
/// operator, services, needs, region, priority, follow-up, outcomes), nothing more.
fn for_team(record: Record) -> Record {
    Record {
        case_ref: None,
        client_languages: Vec::new(),
        consent: None,
        template: String::new(),
        ..record
    }
}

/// Records a referral in the operator's own log (with the retention purge `cutoff`), then
/// in the team log when there is one. `record.operator` is who made it, as the caller knows
/// (the configured name, else the login name). An error is the own log's; the team log's
/// failure comes back as a warning.
pub fn record_referral(
    own: &mut ReferralLog,
    team: Option<&TeamLog>,
    record: Record,
    cutoff: Option<Timestamp>,
    now: Timestamp,
) -> Result<Option<TeamSkipped>, LogError> {
    own.record(&record, cutoff)?;
    let Some(team) = team else {
        return Ok(None);
    };
    let note_ref = record.note_ref.clone();
    Ok(match team.write(record, now) {
        Ok(copied) if copied.referrals == 1 => None,
        // A new reference the team log already holds: another operator's note drew the
        // same one in the same second.
        Ok(_) => Some(TeamSkipped(TeamError::Log(LogError::Duplicate {
            path: team.path.clone(),
            note_ref,
        }))),
        Err(error) => Some(TeamSkipped(error)),
    })
}

/// Records an outcome in the operator's own log, then copies the referral's new state to
/// the team log (the referral too, if the team log lacks it). Returns the services it was
/// recorded for; an error is the own log's (reading the referral back included), the team
/// log's failure a warning.
pub fn record_outcome(
    own: &mut ReferralLog,
    team: Option<&TeamLog>,
    outcome: &NewOutcome<'_>,
    now: Timestamp,
) -> Result<(Vec<String>, Option<TeamSkipped>), OutcomeError> {
    let services = own.add_outcome(outcome, now)?;
    let Some(team) = team else {
        return Ok((services, None));
    };
    let Some(record) = own.find(&typed_note_ref(outcome.note_ref))? else {
        return Ok((services, None));
    };
    Ok((services, team.write(record, now).err().map(TeamSkipped)))
}
