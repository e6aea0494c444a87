//! The referral history: one JSON line per produced note, for follow-up and reporting.
//!
//! A record says which services, needs and region a note was about, and when to follow
//! up; it carries no client code, reason or free text unless the config asks for the client
//! code (`history.store_case_ref`). Even so, region + need + time can point to a person in a
//! small district, so records older than `history.keep_days` are purged on every append.
//!
//! Several Pathways processes (operators on one account, a TUI and a script) may append at
//! once: every change happens under an exclusive lock on the file itself (std's
//! `File::lock`), and a record is one `write` of one whole line, so no line is lost or torn.

use super::Priority;
use super::draft::Draft;
use crate::fsutil::create_private_dir;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan, Zoned};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The history holds case details: owner read and write only.
const PRIVATE_MODE: u32 = 0o600;

/// One line of `history.jsonl`. The field order is the documented format.
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
}

impl Record {
    /// The record of a note made from `draft` with `template` at `now`.
    pub fn new(draft: &Draft, template: &str, now: &Zoned, store_case_ref: bool) -> Record {
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
        }
    }

    /// The instant of `time`, if it parses.
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.time.parse().ok()
    }

    /// True when the follow-up is due today or overdue.
    pub fn is_due(&self, today: Date) -> bool {
        self.follow_up <= today
    }
}

/// What reading the history found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    /// Lines that are not a record (kept in the file, left out here).
    pub bad_lines: usize,
}

/// The history file and its retention.
#[derive(Debug, Clone)]
pub struct History {
    path: PathBuf,
    /// Records older than this many days are purged; 0 or less keeps them forever.
    keep_days: i64,
}

impl History {
    pub fn new(path: impl Into<PathBuf>, keep_days: i64) -> History {
        History {
            path: path.into(),
            keep_days,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `record`, first purging records past `keep_days` before `now`.
    pub fn append(&self, record: &Record, now: Timestamp) -> io::Result<()> {
        let mut line = serde_json::to_string(record).map_err(io::Error::other)?;
        line.push('\n');
        if let Some(dir) = self.path.parent() {
            create_private_dir(dir)?;
        }
        let mut file = self.open_for_writing()?;
        file.lock()?;
        if let Some(cutoff) = self.cutoff(now)
            && any_record_before(&mut file, cutoff)?
        {
            purge_locked(&mut file, cutoff)?;
        }
        // One write of the whole line on an O_APPEND file, under the lock.
        file.write_all(line.as_bytes())?;
        file.sync_data()
    }

    /// Purges the records past `keep_days` before `now`, if any; returns how many went.
    /// Listing and counting call this too, so old records go even when no note is made.
    pub fn purge_expired(&self, now: Timestamp) -> io::Result<usize> {
        let Some(cutoff) = self.cutoff(now) else {
            return Ok(0);
        };
        if !self.path.exists() {
            return Ok(0);
        }
        let mut file = self.open_for_writing()?;
        file.lock()?;
        if any_record_before(&mut file, cutoff)? {
            purge_locked(&mut file, cutoff)
        } else {
            Ok(0)
        }
    }

    /// Removes every record older than `cutoff`; returns how many went.
    pub fn purge_before(&self, cutoff: Timestamp) -> io::Result<usize> {
        if !self.path.exists() {
            return Ok(0);
        }
        let mut file = self.open_for_writing()?;
        file.lock()?;
        purge_locked(&mut file, cutoff)
    }

    /// Every record, oldest first, read under a shared lock. No file is no records.
    pub fn load(&self) -> io::Result<Loaded> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(e),
        };
        file.lock_shared()?;
        let mut loaded = Loaded::default();
        for line in BufReader::new(&file).lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str(&line) {
                Ok(record) => loaded.records.push(record),
                Err(_) => loaded.bad_lines += 1,
            }
        }
        Ok(loaded)
    }

    /// The moment before which records are purged (`None`: kept forever). Notes written
    /// to files follow the same retention.
    pub fn cutoff(&self, now: Timestamp) -> Option<Timestamp> {
        if self.keep_days <= 0 {
            return None;
        }
        now.checked_sub((self.keep_days * 24).hours()).ok()
    }

    /// Opens for appending; the mode is set on an existing file too (0600 is only applied
    /// by `open` when it creates the file).
    fn open_for_writing(&self) -> io::Result<File> {
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .mode(PRIVATE_MODE)
            .open(&self.path)?;
        file.set_permissions(std::fs::Permissions::from_mode(PRIVATE_MODE))?;
        Ok(file)
    }
}

/// Whether any record is older than `cutoff`. The whole file is read, not just its first
/// line: a hand-edited or merged file need not be in time order, and a record that escapes
/// retention is a privacy fault. (A year of notes is a few MB: a few milliseconds.)
fn any_record_before(file: &mut File, cutoff: Timestamp) -> io::Result<bool> {
    file.rewind()?;
    for line in BufReader::new(&mut *file).lines() {
        if is_before(&line?, cutoff) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn is_before(line: &str, cutoff: Timestamp) -> bool {
    serde_json::from_str::<Record>(line)
        .ok()
        .and_then(|r| r.timestamp())
        .is_some_and(|t| t < cutoff)
}

/// Rewrites the locked file in place without the expired records. In place (not a rename)
/// because other processes may be waiting for the lock on this very file: a rename would
/// leave them appending to a deleted one. Lines that are not records are kept.
fn purge_locked(file: &mut File, cutoff: Timestamp) -> io::Result<usize> {
    file.rewind()?;
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    let mut kept = String::with_capacity(text.len());
    let mut purged = 0;
    for line in text.lines() {
        if is_before(line, cutoff) {
            purged += 1;
        } else if !line.trim().is_empty() {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    if purged > 0 {
        file.set_len(0)?;
        file.write_all(kept.as_bytes())?;
        file.sync_data()?;
    }
    Ok(purged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use jiff::civil::date;
    use std::os::unix::fs::MetadataExt;

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
    fn record_has_the_documented_fields_and_no_case_ref() {
        let record = record_at("2026-11-23T14:05:00+03:00[Europe/Minsk]", "PW-1");
        let json = serde_json::to_string(&record).unwrap();
        assert_eq!(
            json,
            r#"{"time":"2026-11-23T14:05:00+03:00","note_ref":"PW-1","services":["iom-avrr"],"needs":[],"region":null,"priority":"routine","client_languages":[],"template":"en","follow_up":"2026-12-07"}"#
        );
        let now: Zoned = "2026-11-23T14:05:00+03:00[Europe/Minsk]".parse().unwrap();
        let mut draft = Draft::new(vec![], now.date(), "PW-2".into(), &Config::default());
        draft.case_ref = " C-7 ".into();
        let with = Record::new(&draft, "ru", &now, true);
        assert_eq!(with.case_ref.as_deref(), Some("C-7"));
    }

    #[test]
    fn appends_0600_and_purges_by_age() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path().join("data/history.jsonl"), 30);
        let old = record_at("2026-01-01T10:00:00+03:00[Europe/Minsk]", "PW-OLD");
        let new = record_at("2026-11-20T10:00:00+03:00[Europe/Minsk]", "PW-NEW");
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        history.append(&old, t("2026-01-01T08:00:00Z")).unwrap();
        history.append(&new, t("2026-11-23T08:00:00Z")).unwrap();
        let meta = std::fs::metadata(history.path()).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600);
        let refs: Vec<String> = history
            .load()
            .unwrap()
            .records
            .into_iter()
            .map(|r| r.note_ref)
            .collect();
        assert_eq!(refs, vec!["PW-NEW"]);
        assert_eq!(history.purge_before(t("2026-11-21T00:00:00Z")).unwrap(), 1);
        assert!(history.load().unwrap().records.is_empty());
    }

    #[test]
    fn due_means_today_or_earlier() {
        let record = record_at("2026-11-23T14:05:00+03:00[Europe/Minsk]", "PW-1");
        assert!(!record.is_due(date(2026, 12, 6)));
        assert!(record.is_due(date(2026, 12, 7)));
        assert!(record.is_due(date(2027, 1, 1)));
    }
}
