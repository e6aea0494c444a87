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
use crate::i18n::{Lang, t};
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

/// Why the team log could not be used. Its words come from the `cli-team-*` messages, in
/// the operator's language ([`TeamError::message`]); `Display` is English.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    NotConfigured,
    /// Anyone on the host may read (or, `writable`, write) it.
    Exposed {
        path: PathBuf,
        writable: bool,
    },
    NoFolder {
        dir: PathBuf,
    },
    Log(#[from] LogError),
}

impl TeamError {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TeamError::NotConfigured => t!(lang, "cli-team-not-configured"),
            TeamError::Exposed { path, writable } => t!(
                lang,
                "cli-team-exposed",
                path = path.display().to_string(),
                what = if *writable { "writable" } else { "readable" }
            ),
            TeamError::NoFolder { dir } => {
                t!(lang, "cli-team-no-folder", dir = dir.display().to_string())
            }
            TeamError::Log(error) => error.to_string(),
        }
    }

    /// What fixes it, in `lang`.
    pub fn fix(&self, lang: Lang) -> String {
        match self {
            TeamError::NotConfigured => t!(
                lang,
                "cli-team-fix-configure",
                path = crate::config::system_config_path().display().to_string()
            ),
            TeamError::Exposed { path, .. } => {
                t!(
                    lang,
                    "cli-team-fix-chmod",
                    path = path.display().to_string()
                )
            }
            TeamError::NoFolder { dir } => {
                t!(lang, "cli-team-fix-folder", dir = dir.display().to_string())
            }
            TeamError::Log(_) => t!(lang, "cli-team-fix-group"),
        }
    }

    /// A setup the operator cannot use as it is (exit 2), rather than a failure to act.
    pub fn is_refusal(&self) -> bool {
        matches!(self, TeamError::NotConfigured | TeamError::Exposed { .. })
    }
}

impl fmt::Display for TeamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::en()))
    }
}

/// The team log was not written; the operator's own log was. Said as a warning.
#[derive(Debug)]
pub struct TeamSkipped(pub TeamError);

impl TeamSkipped {
    /// The warning in `lang`: what failed, its fix, and that nothing is lost.
    pub fn message(&self, lang: Lang) -> String {
        t!(
            lang,
            "cli-team-skipped",
            error = self.0.message(lang),
            fix = self.0.fix(lang)
        )
    }
}

impl fmt::Display for TeamSkipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::en()))
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
    if mode & 0o006 == 0 {
        return Ok(());
    }
    Err(TeamError::Exposed {
        path: path.to_path_buf(),
        writable: mode & 0o002 != 0,
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
                writable: false,
                ..
            })
        ));
        assert!(matches!(
            exposed(p, 0o662),
            Err(TeamError::Exposed { writable: true, .. })
        ));
        let ru = Lang::find("ru").unwrap();
        let error = exposed(p, 0o666).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the team log /x is world-writable: refused"
        );
        assert_eq!(
            error.message(ru),
            "журнал команды /x доступен на запись всем пользователям сервера: отказано"
        );
        assert_eq!(
            TeamSkipped(error).message(ru),
            "журнал команды не записан (журнал команды /x доступен на запись всем \
             пользователям сервера: отказано); администратору нужно выполнить: chmod o-rwx /x; \
             запись сохранена в вашем собственном журнале, и 'pathways team sync' скопирует её позже"
        );
    }
}
