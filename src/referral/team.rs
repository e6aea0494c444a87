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
//! the two logs cannot drift apart by which screen made the note.

use super::history::{Record, with_suffix};
use super::log::{Copied, LogError, NewOutcome, OutcomeError, ReferralLog};
use super::retention::{Cutoff, cutoff_now};
use crate::config::{Config, HistoryConfig};
use jiff::Timestamp;
use std::fmt;
use std::os::unix::fs::PermissionsExt;
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
    #[error("the team log {} is {what}: refused", path.display())]
    Exposed { path: PathBuf, what: &'static str },
    #[error("the team log's folder {} does not exist", dir.display())]
    NoFolder { dir: PathBuf },
    #[error(transparent)]
    Log(#[from] LogError),
}

impl TeamError {
    /// What fixes it, said with the error.
    pub fn fix(&self) -> String {
        match self {
            TeamError::NotConfigured => format!(
                "set [team] log = \"/var/lib/pathways/team.db\" in the system config ({})",
                crate::config::system_config_path().display()
            ),
            TeamError::Exposed { path, .. } => {
                format!("the administrator runs: chmod o-rwx {}", path.display())
            }
            TeamError::NoFolder { dir } => format!(
                "the administrator runs: install -d -m 2770 -g pathways {}",
                dir.display()
            ),
            TeamError::Log(_) => {
                "check that you are in the team's group and the folder is mode 2770".to_string()
            }
        }
    }

    /// A setup the operator cannot use as it is (exit 2), rather than a failure to act.
    pub fn is_refusal(&self) -> bool {
        matches!(self, TeamError::NotConfigured | TeamError::Exposed { .. })
    }
}

/// The team log was not written; the operator's own log was. Said as a warning.
#[derive(Debug)]
pub struct TeamSkipped(pub TeamError);

impl fmt::Display for TeamSkipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the team log was not written ({}); {}; your own log has the record and \
             'pathways team sync' copies it later",
            self.0,
            self.0.fix()
        )
    }
}

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
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
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
            Ok(meta) => exposed(dir, meta.permissions().mode())?,
        }
        for file in [self.path.clone(), with_suffix(&self.path, "-wal")] {
            if let Ok(meta) = std::fs::metadata(&file) {
                exposed(&file, meta.permissions().mode())?;
            }
        }
        Ok(ReferralLog::open_shared(&self.path)?)
    }

    /// The retention purge for now; `None` when the clock is pinned ahead.
    pub fn cutoff(&self) -> Option<Timestamp> {
        match cutoff_now(self.keep_days) {
            Cutoff::Before(cutoff) => Some(cutoff),
            Cutoff::PinnedAhead => None,
        }
    }

    /// Copies what the team log lacks of the operator's records; see
    /// [`ReferralLog::copy_missing`].
    pub fn sync_from(&self, own: &ReferralLog, now: Timestamp) -> Result<Copied, TeamError> {
        let records: Vec<Record> = own.records()?.iter().map(for_team).collect();
        let mut team = self.open()?;
        Ok(team.copy_missing(&records, self.cutoff(), now)?)
    }

    /// Writes `record` (as the team keeps it) with its outcomes.
    fn write(&self, record: &Record, now: Timestamp) -> Result<Copied, TeamError> {
        let mut team = self.open()?;
        Ok(team.copy_missing(&[for_team(record)], self.cutoff(), now)?)
    }
}

/// Refuses `mode` when it lets others (not owner, not group) read or write.
fn exposed(path: &Path, mode: u32) -> Result<(), TeamError> {
    let what = match (mode & 0o004 != 0, mode & 0o002 != 0) {
        (_, true) => "world-writable",
        (true, false) => "world-readable",
        (false, false) => return Ok(()),
    };
    Err(TeamError::Exposed {
        path: path.to_path_buf(),
        what,
    })
}

/// The record as the team log keeps it: what a coordinator needs (reference, time,
/// operator, services, needs, region, priority, follow-up, outcomes), nothing more.
pub fn for_team(record: &Record) -> Record {
    Record {
        case_ref: None,
        client_languages: Vec::new(),
        consent: None,
        template: String::new(),
        ..record.clone()
    }
}

/// Records a referral in the operator's own log (with the retention purge `cutoff`), then
/// in the team log when there is one. The operator's name is the configured one, else the
/// login name. An error is the own log's; the team log's failure comes back as a warning.
pub fn record_referral(
    own: &mut ReferralLog,
    team: Option<&TeamLog>,
    record: &Record,
    cutoff: Option<Timestamp>,
) -> Result<Option<TeamSkipped>, LogError> {
    let mut record = record.clone();
    record
        .operator
        .get_or_insert_with(crate::config::login_name);
    own.record(&record, cutoff)?;
    let Some(team) = team else {
        return Ok(None);
    };
    Ok(match team.write(&record, crate::clock::now()) {
        Ok(copied) if copied.referrals == 1 => None,
        // A new reference the team log already holds: another operator's note drew the
        // same one in the same second.
        Ok(_) => Some(TeamSkipped(TeamError::Log(LogError::Duplicate {
            path: team.path.clone(),
            note_ref: record.note_ref,
        }))),
        Err(error) => Some(TeamSkipped(error)),
    })
}

/// Records an outcome in the operator's own log, then copies the referral's new state to
/// the team log (the referral too, if the team log lacks it). Returns the services it was
/// recorded for; an error is the own log's, the team log's failure a warning.
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
    let note_ref = outcome.note_ref.trim().to_uppercase();
    let written = match own.find(&note_ref) {
        Ok(Some(record)) => team.write(&record, now).map(|_| ()),
        Ok(None) => Ok(()),
        Err(error) => Err(error.into()),
    };
    Ok((services, written.err().map(TeamSkipped)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_others_may_touch_is_refused() {
        let p = Path::new("/x");
        assert!(exposed(p, 0o2770).is_ok());
        assert!(exposed(p, 0o660).is_ok());
        assert!(
            exposed(p, 0o771).is_ok(),
            "others may pass through, not list"
        );
        assert!(matches!(
            exposed(p, 0o664),
            Err(TeamError::Exposed {
                what: "world-readable",
                ..
            })
        ));
        assert!(matches!(
            exposed(p, 0o662),
            Err(TeamError::Exposed {
                what: "world-writable",
                ..
            })
        ));
    }
}
