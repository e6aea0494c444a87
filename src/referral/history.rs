//! The history record (what the log keeps of one note, and what `history --json` prints),
//! and the move from the old `history.jsonl` file to the referral log.
//!
//! A record says which services, needs and region a note was about, who made it, how
//! consent was given, and when to follow up; it carries no client name, reason or free text,
//! and the client code only when the config asks (`history.store_case_ref`). Even so,
//! region + need + time can point to a person in a small district, so records older than
//! `history.keep_days` are purged.

use super::ConsentKind;
use super::Priority;
use super::draft::Draft;
use super::log::{LogError, ReferralLog};
use super::outcome::Outcome;
use crate::fsutil::{Existing, write_private};
use jiff::civil::Date;
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// One referral. The field order is the documented JSON format: the fields of the old
/// `history.jsonl` lines first (scripts read them), then the ones added with the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// When the note was produced, RFC 3339 with the catalogue zone's offset.
    pub time: String,
    pub note_ref: String,
    /// Service ids.
    pub services: Vec<String>,
    /// Need ids.
    pub needs: Vec<String>,
    /// Region id.
    pub region: Option<String>,
    pub priority: Priority,
    pub client_languages: Vec<String>,
    /// The template's name.
    pub template: String,
    pub follow_up: Date,
    /// The client code, only with `history.store_case_ref = true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_ref: Option<String>,
    /// The operator who made the note (the config's `operator`), if set.
    #[serde(default)]
    pub operator: Option<String>,
    /// How consent was given; `None` for an emergency note without consent.
    #[serde(default)]
    pub consent: Option<ConsentKind>,
    /// What became of the referral, per service, oldest first; the latest is current.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
}

impl Record {
    /// The record of a note made from `draft` with `template` at `now`.
    pub fn new(draft: &Draft, template: &str, now: &Zoned, store_case_ref: bool) -> Record {
        let operator = draft.operator.trim();
        Record {
            time: now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            note_ref: draft.note_ref.clone(),
            services: draft.services.clone(),
            needs: draft.needs.clone(),
            region: draft.region.clone(),
            priority: draft.priority,
            client_languages: draft.client_languages.clone(),
            template: template.to_string(),
            follow_up: draft.follow_up_date(),
            // "none" is never stored as a case reference.
            case_ref: draft
                .case_ref_given()
                .filter(|_| store_case_ref)
                .map(str::to_string),
            operator: (!operator.is_empty()).then(|| crate::text::one_line(operator)),
            consent: draft.consent,
            outcomes: Vec::new(),
        }
    }

    /// The instant of `time`, if it parses.
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.time.parse().ok()
    }

    /// True when the follow-up date is today or past (whatever the outcomes say).
    pub fn is_due(&self, today: Date) -> bool {
        self.follow_up <= today
    }

    /// The current status of each service (`None`: no outcome yet), in the note's order.
    pub fn current(&self) -> Vec<(&str, Option<&Outcome>)> {
        self.services
            .iter()
            .map(|service| {
                let latest = self.outcomes.iter().rfind(|o| &o.service == service);
                (service.as_str(), latest)
            })
            .collect()
    }
}

/// What the old history file held: its records, and the lines that are not records (a
/// half-written line, invalid UTF-8), byte for byte.
#[derive(Debug, Default)]
pub struct Jsonl {
    pub records: Vec<Record>,
    pub unreadable: Vec<Vec<u8>>,
}

/// Splits the old history file into records and unreadable lines; blank lines are
/// neither.
pub fn read_jsonl(bytes: &[u8]) -> Jsonl {
    let mut out = Jsonl::default();
    for line in bytes.split(|&b| b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = std::str::from_utf8(line)
            .ok()
            .and_then(|text| serde_json::from_str::<Record>(text).ok())
            .filter(|record| record.timestamp().is_some());
        match record {
            Some(record) => out.records.push(record),
            None => out.unreadable.push(line.to_vec()),
        }
    }
    out
}

/// What a migration did, said once by the process that did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub imported: usize,
    /// Lines that were not records, kept in `unreadable_file`.
    pub unreadable: usize,
    pub unreadable_file: PathBuf,
    /// Where the old file went.
    pub moved_to: PathBuf,
    pub log: PathBuf,
}

impl fmt::Display for Migrated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the referral history moved to {}: {} record(s) imported",
            self.log.display(),
            self.imported
        )?;
        if self.unreadable > 0 {
            write!(
                f,
                ", {} line(s) that are not records kept in {}",
                self.unreadable,
                self.unreadable_file.display()
            )?;
        }
        write!(f, "; the old file is now {}", self.moved_to.display())
    }
}

/// Imports `jsonl` (the old history file) into `log` in one transaction, keeps its
/// unreadable lines in `history.jsonl.unreadable`, then renames it `history.jsonl.migrated`.
/// `None` when there is no old file (or another process moved it meanwhile). Safe to
/// repeat after a crash: a reference already in the log is not imported twice.
pub fn migrate_jsonl(log: &mut ReferralLog, jsonl: &Path) -> Result<Option<Migrated>, LogError> {
    let io_error = |source| LogError::Io {
        path: jsonl.to_path_buf(),
        source,
    };
    let bytes = match std::fs::read(jsonl) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(e)),
    };
    let parsed = read_jsonl(&bytes);
    let unreadable_file = with_suffix(jsonl, ".unreadable");
    if !parsed.unreadable.is_empty() {
        let mut kept = parsed.unreadable.join(&b'\n');
        kept.push(b'\n');
        write_private(&unreadable_file, &kept, Existing::Replace).map_err(io_error)?;
    }
    let imported = log.import(&parsed.records)?;
    let moved_to = with_suffix(jsonl, ".migrated");
    match std::fs::rename(jsonl, &moved_to) {
        Ok(()) => Ok(Some(Migrated {
            imported,
            unreadable: parsed.unreadable.len(),
            unreadable_file,
            moved_to,
            log: log.path().to_path_buf(),
        })),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(e)),
    }
}

/// Opens the log at `log_path`, moving `jsonl` (the old history file) into it first when
/// there is one. The CLI and the TUI both come through here.
pub fn open_data_log(
    log_path: &Path,
    jsonl: &Path,
) -> Result<(ReferralLog, Option<Migrated>), LogError> {
    let mut log = ReferralLog::open(log_path)?;
    let migrated = if jsonl.exists() {
        migrate_jsonl(&mut log, jsonl)?
    } else {
        None
    };
    Ok((log, migrated))
}

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use jiff::civil::date;

    fn record_at(time: &str, note_ref: &str) -> Record {
        let now: Zoned = time.parse().unwrap();
        let mut draft = Draft::new(
            vec!["iom-avrr".into()],
            now.date(),
            note_ref.into(),
            &Config::default(),
        );
        draft.case_ref = "C-1".into();
        Record::new(&draft, "en", &now, false)
    }

    #[test]
    fn record_keeps_the_old_fields_first_and_no_case_ref() {
        let record = record_at("2026-11-23T14:05:00+03:00[Europe/Minsk]", "PW-1");
        let json = serde_json::to_string(&record).unwrap();
        assert_eq!(
            json,
            r#"{"time":"2026-11-23T14:05:00+03:00","note_ref":"PW-1","services":["iom-avrr"],"needs":[],"region":null,"priority":"routine","client_languages":[],"template":"en","follow_up":"2026-12-07","operator":null,"consent":null,"outcomes":[]}"#
        );
        let now: Zoned = "2026-11-23T14:05:00+03:00[Europe/Minsk]".parse().unwrap();
        let mut draft = Draft::new(vec![], now.date(), "PW-2".into(), &Config::default());
        draft.case_ref = " C-7 ".into();
        let with = Record::new(&draft, "ru", &now, true);
        assert_eq!(with.case_ref.as_deref(), Some("C-7"));
    }

    #[test]
    fn due_means_today_or_earlier() {
        let record = record_at("2026-11-23T14:05:00+03:00[Europe/Minsk]", "PW-1");
        assert!(!record.is_due(date(2026, 12, 6)));
        assert!(record.is_due(date(2026, 12, 7)));
    }

    #[test]
    fn old_lines_read_back_and_bad_ones_are_kept_apart() {
        let good = r#"{"time":"2026-11-23T14:05:00+03:00","note_ref":"PW-1","services":["a"],"needs":[],"region":null,"priority":"routine","client_languages":[],"template":"en","follow_up":"2026-12-07"}"#;
        let mut bytes = format!("{good}\n\n{{\"time\":\"2026-11").into_bytes();
        bytes.extend_from_slice(b"\n\xff\xfe\n");
        let parsed = read_jsonl(&bytes);
        assert_eq!(parsed.records.len(), 1);
        assert_eq!(parsed.records[0].operator, None);
        assert_eq!(
            parsed.unreadable,
            vec![b"{\"time\":\"2026-11".to_vec(), b"\xff\xfe".to_vec()]
        );
    }
}
