//! The referral log: an SQLite database (`DATA_DIR/referrals.db`) of the referrals made
//! and what became of them.
//!
//! Why a database and not the old `history.jsonl`: under faults the file lost records (a
//! half line swallowed the next, a bad byte stopped every later note, a purge killed
//! midway truncated it). SQLite gives each referral one transaction, the purge one
//! `DELETE`, and concurrent processes a lock they wait on (the busy timeout) instead of
//! failing. WAL keeps readers from blocking the writer; `synchronous=FULL` makes a
//! referral durable once `refer` has said so.
//!
//! A [`ReferralLog`] is just a path opened: the team log is the same schema in a second
//! database. No client name, reason text or note text is ever stored; the case ref only
//! when the configuration asks (the caller decides, in [`Record::new`]).

use super::history::Record;
use super::outcome::{Outcome, Reason, Status};
use super::{ConsentKind, Priority, from_word};
use crate::fsutil::create_private_dir;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::collections::HashMap;
use std::io;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The log holds case details: owner read and write only (also its `-wal` and `-shm`
/// files, which SQLite creates with the database file's mode).
const PRIVATE_MODE: u32 = 0o600;

/// A log shared by a group (the team log): owner and group read and write, no one else.
const SHARED_MODE: u32 = 0o660;

/// How long a process waits for another one's write before giving up. Twenty processes
/// writing at once each wait well under a second; a minute covers a stuck disk.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The schema, one step per version: step `i` takes version `i` to `i + 1`. Steps are
/// never edited once released, only added.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,
    note_ref TEXT NOT NULL UNIQUE,
    time TEXT NOT NULL,
    unix_time INTEGER NOT NULL,
    operator TEXT,
    template TEXT NOT NULL,
    priority TEXT NOT NULL,
    region TEXT,
    follow_up TEXT NOT NULL,
    consent TEXT,
    case_ref TEXT,
    open_services INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX referrals_by_time ON referrals(unix_time);
CREATE INDEX referrals_due ON referrals(follow_up) WHERE open_services > 0;
CREATE TABLE referral_services (
    referral INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    service TEXT NOT NULL,
    status TEXT,
    PRIMARY KEY (referral, service)
) WITHOUT ROWID;
CREATE INDEX referral_services_by_service ON referral_services(service, status);
CREATE TABLE referral_needs (
    referral INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    need TEXT NOT NULL,
    PRIMARY KEY (referral, position)
) WITHOUT ROWID;
CREATE INDEX referral_needs_by_need ON referral_needs(need);
CREATE TABLE client_languages (
    referral INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    language TEXT NOT NULL,
    PRIMARY KEY (referral, position)
) WITHOUT ROWID;
CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY,
    referral INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    service TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    date TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX outcomes_by_referral ON outcomes(referral, service, date, id);
"#];

/// Why the log could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("cannot open the referral log {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("the referral log {} is damaged or not a Pathways database: {source}", path.display())]
    Damaged {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the referral log {} was written by a newer Pathways (schema {found}; this one knows {known})",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("the referral log {} already holds another referral {note_ref}", path.display())]
    Duplicate { path: PathBuf, note_ref: String },
    #[error("the referral log {} could not be read or written: {source}", path.display())]
    Sql {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

/// True for an error that only says another connection held the log for a moment.
fn is_busy(error: &LogError) -> bool {
    matches!(error, LogError::Sql { source, .. }
        if source.sqlite_error_code() == Some(ErrorCode::DatabaseBusy))
}

/// Why an outcome could not be recorded.
#[derive(Debug, thiserror::Error)]
pub enum OutcomeError {
    #[error("no referral {note_ref} in the log")]
    UnknownRef {
        note_ref: String,
        /// The log's references closest to the one given, best first.
        closest: Vec<String>,
    },
    #[error("referral {note_ref} did not name the service {service} (it named {named})")]
    UnknownService {
        note_ref: String,
        service: String,
        named: String,
    },
    #[error("the outcome date {date} is before the referral ({referral})")]
    BeforeReferral { date: Date, referral: Date },
    #[error(transparent)]
    Log(#[from] LogError),
}

/// One outcome to record: for one service of the note, or (`service: None`) every one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutcome<'a> {
    pub note_ref: &'a str,
    pub service: Option<&'a str>,
    pub status: Status,
    pub reason: Option<Reason>,
    pub date: Date,
}

/// Per service: how many referrals named it and where each stands now (by its latest
/// outcome; `open` when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceTally {
    pub service: String,
    pub count: usize,
    /// Indexed like [`Status::ALL`].
    pub by_status: [usize; 7],
    pub open: usize,
}

/// One referral as a listing shows it (`history`, `history --due`): each service with its
/// current status (its latest outcome) instead of every outcome, and no client languages,
/// consent or template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub time: String,
    pub note_ref: String,
    pub operator: Option<String>,
    pub priority: Priority,
    pub region: Option<String>,
    pub follow_up: Date,
    pub case_ref: Option<String>,
    /// In the note's order; `None`: no outcome yet.
    pub services: Vec<(String, Option<Status>)>,
    pub needs: Vec<String>,
}

/// The items of a list folded by `group_concat` with the record separator.
fn split_list(folded: &str) -> impl Iterator<Item = &str> {
    folded.split('\u{1e}').filter(|item| !item.is_empty())
}

/// What [`ReferralLog::copy_missing`] added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Copied {
    pub referrals: usize,
    pub outcomes: usize,
}

/// What the log holds, for `history --check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// `PRAGMA integrity_check`'s lines: `["ok"]` when sound.
    pub integrity: Vec<String>,
    pub referrals: usize,
    pub outcomes: usize,
}

impl Health {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
    }
}

/// The referral log at one path.
pub struct ReferralLog {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for ReferralLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferralLog")
            .field("path", &self.path)
            .finish()
    }
}

impl ReferralLog {
    /// Opens (creating when missing, mode 0600 in a 0700 directory) and brings the schema
    /// up to date.
    pub fn open(path: impl Into<PathBuf>) -> Result<ReferralLog, LogError> {
        let path = path.into();
        let io_error = |source| LogError::Io {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(io_error)?;
        }
        create_private(&path).map_err(io_error)?;
        ReferralLog::connect(path)
    }

    /// Opens a log a group shares (the team log): its folder must exist (it is the
    /// administrator's, group-owned with mode 2770); a missing file is created with mode
    /// 0660 whatever the umask, so the next operator of the group can write it; an existing
    /// file keeps its mode (who may read it is the administrator's choice; the caller
    /// refuses one open to everyone).
    pub fn open_shared(path: impl Into<PathBuf>) -> Result<ReferralLog, LogError> {
        let path = path.into();
        create_shared(&path).map_err(|source| LogError::Io {
            path: path.clone(),
            source,
        })?;
        ReferralLog::connect(path)
    }

    /// Opens the database file at `path` (already created with its mode) and migrates it.
    fn connect(path: PathBuf) -> Result<ReferralLog, LogError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, e))?;
        let mut log = ReferralLog { conn, path };
        // Twenty operators starting at once on a new log race to switch it to WAL and
        // create its tables. SQLite answers some of these races "busy" at once, without its
        // busy handler (switching the journal mode, or reading while another connection
        // recovers the log), so the setup is retried here within the same time limit.
        let started = std::time::Instant::now();
        loop {
            let set_up = log
                .configure()
                .map_err(|e| classify(&log.path, e))
                .and_then(|()| log.migrate());
            match set_up {
                Err(error) if is_busy(&error) && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => return other.map(|()| log),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        let mode: String =
            self.conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "journal mode {mode}, not WAL"
            )));
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Purged records are overwritten, not left in free pages.
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        // After a checkpoint the write-ahead log file shrinks back to this.
        self.conn
            .pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;
        // Each command is a short process: a checkpoint at every close would cost two more
        // flushes per note. SQLite checkpoints as the write-ahead log grows instead.
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .map(|_| ())
    }

    /// The schema version the file has (0: new).
    fn version(&self) -> rusqlite::Result<i64> {
        let has_table: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'schema_version')",
            [],
            |row| row.get(0),
        )?;
        if !has_table {
            return Ok(0);
        }
        self.conn.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version",
            [],
            |row| row.get(0),
        )
    }

    /// Applies the missing migrations in one transaction; the version is read again under
    /// the write lock, so two processes starting at once migrate once.
    fn migrate(&mut self) -> Result<(), LogError> {
        let known = MIGRATIONS.len() as i64;
        let found = self.version().map_err(|e| classify(&self.path, e))?;
        if found == known {
            return Ok(());
        }
        let path = self.path.clone();
        let sql = |e| classify(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            .map_err(sql)?;
        let found: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(version), 0) FROM schema_version",
                [],
                |r| r.get(0),
            )
            .map_err(sql)?;
        if found > known {
            return Err(LogError::TooNew {
                path: path.clone(),
                found,
                known,
            });
        }
        for step in &MIGRATIONS[found as usize..] {
            tx.execute_batch(step).map_err(sql)?;
        }
        tx.execute("DELETE FROM schema_version", []).map_err(sql)?;
        tx.execute("INSERT INTO schema_version (version) VALUES (?1)", [known])
            .map_err(sql)?;
        tx.commit().map_err(sql)
    }

    fn sql_error(&self) -> impl Fn(rusqlite::Error) -> LogError + '_ {
        |e| classify(&self.path, e)
    }

    /// The first column of every row `sql` returns, as text.
    fn strings(&self, sql: &str) -> Result<Vec<String>, LogError> {
        let mut statement = self.conn.prepare(sql).map_err(self.sql_error())?;
        statement
            .query_map([], |row| row.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(self.sql_error())
    }

    /// Records one referral, first purging what `cutoff` says is expired, all in one
    /// transaction: once this returns, the record is on disk.
    pub fn record(&mut self, record: &Record, cutoff: Option<Timestamp>) -> Result<(), LogError> {
        self.write(|tx| {
            if let Some(cutoff) = cutoff {
                purge(tx, cutoff)?;
            }
            insert(tx, record, false).map(|_| ())
        })
    }

    /// Runs `work` in one write transaction, taken at once (`IMMEDIATE`) so concurrent
    /// writers wait on the busy timeout rather than fail half-way; commits when it succeeds.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, LogError> {
        let path = self.path.clone();
        let sql = |e| classify(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let done = work(&tx).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(done)
    }

    /// Imports records (the old history file) in one transaction; a reference already in
    /// the log is skipped, so importing twice adds nothing. Returns how many were added.
    pub fn import(&mut self, records: &[Record]) -> Result<usize, LogError> {
        let added = self.write(|tx| {
            let mut added = 0;
            for record in records {
                added += insert(tx, record, true)?;
            }
            Ok(added)
        })?;
        self.checkpoint();
        Ok(added)
    }

    /// Copies a large write (an import, a purge) from the write-ahead log into the database
    /// now, so the next commands do not read through it. Best effort: a busy log is
    /// checkpointed later by SQLite itself.
    fn checkpoint(&self) {
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// Deletes every referral (with its services, needs, languages and outcomes) older
    /// than `cutoff`, in one transaction; returns how many went.
    pub fn purge_before(&mut self, cutoff: Timestamp) -> Result<usize, LogError> {
        let purged = self.write(|tx| purge(tx, cutoff))?;
        if purged > 0 {
            self.checkpoint();
        }
        Ok(purged)
    }

    /// Whether any referral is older than `cutoff` (what a purge would delete).
    pub fn any_before(&self, cutoff: Timestamp) -> Result<bool, LogError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM referrals WHERE unix_time < ?1)",
                [cutoff.as_second()],
                |row| row.get(0),
            )
            .map_err(self.sql_error())
    }

    /// Whether the log holds a referral with this reference.
    pub fn contains(&self, note_ref: &str) -> Result<bool, LogError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM referrals WHERE note_ref = ?1)",
                [note_ref],
                |row| row.get(0),
            )
            .map_err(self.sql_error())
    }

    /// The referral with this reference, with its outcomes.
    pub fn find(&self, note_ref: &str) -> Result<Option<Record>, LogError> {
        self.load("r.note_ref = ?1", &[&note_ref])
            .map(|mut found| found.pop())
            .map_err(self.sql_error())
    }

    /// Copies what this log lacks of `records` (read from another log), in one
    /// transaction: a referral by its reference; its outcomes by position, per service,
    /// the ones beyond those this log already holds (so copying twice adds nothing, and
    /// two equal outcomes of one day both arrive). Then purges what `cutoff` says has
    /// expired (after, so an expired record copied in does not stay).
    pub fn copy_missing(
        &mut self,
        records: &[Record],
        cutoff: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<Copied, LogError> {
        self.write(|tx| {
            let mut copied = Copied::default();
            for record in records {
                copied.referrals += insert(tx, record, true)?;
                copied.outcomes += copy_outcomes(tx, record, now)?;
            }
            if let Some(cutoff) = cutoff {
                purge(tx, cutoff)?;
            }
            Ok(copied)
        })
    }

    /// How many referrals the log holds.
    pub fn len(&self) -> Result<usize, LogError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM referrals", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| n as usize)
            .map_err(self.sql_error())
    }

    pub fn is_empty(&self) -> Result<bool, LogError> {
        self.len().map(|n| n == 0)
    }

    /// Every referral, oldest first, with its outcomes.
    pub fn records(&self) -> Result<Vec<Record>, LogError> {
        self.load("1", &[]).map_err(self.sql_error())
    }

    /// The referrals whose follow-up is due on or before `today` and that still have a
    /// service without a final outcome, oldest first.
    pub fn due(&self, today: Date) -> Result<Vec<Record>, LogError> {
        self.load(DUE, &[&today.to_string()])
            .map_err(self.sql_error())
    }

    /// Every referral, oldest first, as a listing line shows it.
    pub fn list(&self) -> Result<Vec<Listed>, LogError> {
        self.listing("1", &[]).map_err(self.sql_error())
    }

    /// The referrals [`ReferralLog::due`] returns, as a listing line shows them.
    pub fn list_due(&self, today: Date) -> Result<Vec<Listed>, LogError> {
        self.listing(DUE, &[&today.to_string()])
            .map_err(self.sql_error())
    }

    /// One query: each referral's row with its services (and their current status) and
    /// needs folded in by correlated subqueries on their primary keys, rather than a
    /// query per table joined here; nothing else is read.
    fn listing(
        &self,
        condition: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> rusqlite::Result<Vec<Listed>> {
        let mut statement = self.conn.prepare(&oldest_first(
            "r.time, r.note_ref, r.operator, r.priority, r.region, r.follow_up, r.case_ref,
             (SELECT group_concat(s.service || char(31) || COALESCE(s.status, ''),
                                  char(30) ORDER BY s.position)
              FROM referral_services s WHERE s.referral = r.id),
             (SELECT group_concat(n.need, char(30) ORDER BY n.position)
              FROM referral_needs n WHERE n.referral = r.id)",
            condition,
        ))?;
        let mut rows = statement.query(params)?;
        let mut listed = Vec::new();
        while let Some(row) = rows.next()? {
            let services = row.get::<_, Option<String>>(7)?.unwrap_or_default();
            let needs = row.get::<_, Option<String>>(8)?.unwrap_or_default();
            listed.push(Listed {
                time: row.get(0)?,
                note_ref: row.get(1)?,
                operator: row.get(2)?,
                priority: parse_word(&row.get::<_, String>(3)?, 3, from_word::<Priority>)?,
                region: row.get(4)?,
                follow_up: parse_word(&row.get::<_, String>(5)?, 5, |s| s.parse().ok())?,
                case_ref: row.get(6)?,
                services: split_list(&services)
                    .map(|pair| {
                        let (service, status) = pair.split_once('\u{1f}').unwrap_or((pair, ""));
                        (service.to_string(), Status::parse(status))
                    })
                    .collect(),
                needs: split_list(&needs).map(str::to_string).collect(),
            });
        }
        Ok(listed)
    }

    /// How many referrals [`ReferralLog::due`] would list.
    pub fn due_count(&self, today: Date) -> Result<usize, LogError> {
        self.conn
            .query_row(
                &format!("SELECT COUNT(*) FROM referrals r WHERE {DUE}"),
                [today.to_string()],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(self.sql_error())
    }

    /// Referrals whose `condition` (SQL on `referrals r`, `?1`... bound to `params`) holds,
    /// oldest first, with their lists: one query per table, joined here by referral id.
    fn load(
        &self,
        condition: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> rusqlite::Result<Vec<Record>> {
        let mut statement = self.conn.prepare(&oldest_first(
            "r.id, r.note_ref, r.time, r.operator, r.template, r.priority, r.region,
             r.follow_up, r.consent, r.case_ref",
            condition,
        ))?;
        let mut ids = Vec::new();
        let mut records = Vec::new();
        let mut rows = statement.query(params)?;
        while let Some(row) = rows.next()? {
            ids.push(row.get::<_, i64>(0)?);
            records.push(Record {
                note_ref: row.get(1)?,
                time: row.get(2)?,
                operator: row.get(3)?,
                template: row.get(4)?,
                priority: parse_word(&row.get::<_, String>(5)?, 5, from_word::<Priority>)?,
                region: row.get(6)?,
                follow_up: parse_word(&row.get::<_, String>(7)?, 7, |s| s.parse().ok())?,
                consent: match row.get::<_, Option<String>>(8)? {
                    Some(word) => Some(parse_word(&word, 8, from_word::<ConsentKind>)?),
                    None => None,
                },
                case_ref: row.get(9)?,
                services: Vec::new(),
                needs: Vec::new(),
                client_languages: Vec::new(),
                outcomes: Vec::new(),
            });
        }
        drop(rows);
        if records.is_empty() {
            return Ok(records);
        }
        let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        // The child rows of the chosen referrals only (all of them for a full listing).
        let chosen = format!("SELECT r.id FROM referrals r WHERE {condition}");
        let children = |table: &str,
                        column: &str,
                        order: &str|
         -> rusqlite::Result<Vec<(usize, String)>> {
            let mut statement = self.conn.prepare(&format!(
                "SELECT referral, {column} FROM {table} WHERE referral IN ({chosen}) ORDER BY referral, {order}"
            ))?;
            let rows =
                statement.query_map(params, |row| Ok((row.get::<_, i64>(0)?, row.get(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (id, value) = row?;
                if let Some(&i) = at.get(&id) {
                    out.push((i, value));
                }
            }
            Ok(out)
        };
        for (i, service) in children("referral_services", "service", "position")? {
            records[i].services.push(service);
        }
        for (i, need) in children("referral_needs", "need", "position")? {
            records[i].needs.push(need);
        }
        for (i, language) in children("client_languages", "language", "position")? {
            records[i].client_languages.push(language);
        }
        let mut statement = self.conn.prepare(&format!(
            "SELECT referral, service, status, reason, date FROM outcomes
             WHERE referral IN ({chosen}) ORDER BY referral, date, id"
        ))?;
        let mut rows = statement.query(params)?;
        while let Some(row) = rows.next()? {
            let Some(&i) = at.get(&row.get::<_, i64>(0)?) else {
                continue;
            };
            records[i].outcomes.push(Outcome {
                service: row.get(1)?,
                status: parse_word(&row.get::<_, String>(2)?, 2, Status::parse)?,
                reason: match row.get::<_, Option<String>>(3)? {
                    Some(word) => Some(parse_word(&word, 3, Reason::parse)?),
                    None => None,
                },
                date: parse_word(&row.get::<_, String>(4)?, 4, |s| s.parse().ok())?,
            });
        }
        Ok(records)
    }

    /// The references in the log closest to `input`, best first (for "did you mean").
    pub fn closest_refs(&self, input: &str, limit: usize) -> Result<Vec<String>, LogError> {
        let refs = self.strings("SELECT note_ref FROM referrals")?;
        let input = super::input::typed_note_ref(input);
        let mut scored: Vec<(f64, String)> = refs
            .into_iter()
            .map(|r| (strsim::normalized_damerau_levenshtein(&input, &r), r))
            .filter(|(score, _)| *score > 0.4)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        Ok(scored.into_iter().take(limit).map(|(_, r)| r).collect())
    }

    /// Records an outcome for one service of a note, or for each of its services; the
    /// latest (by date, then by when it was recorded) becomes the current status. Returns
    /// the services it was recorded for.
    pub fn add_outcome(
        &mut self,
        outcome: &NewOutcome<'_>,
        now: Timestamp,
    ) -> Result<Vec<String>, OutcomeError> {
        let mut recorded = self.add_outcomes(std::slice::from_ref(outcome), now)?;
        Ok(recorded.pop().unwrap_or_default())
    }

    /// Records several outcomes in one transaction (all or none): a batch from another
    /// log, or a generated one. Returns the services each was recorded for.
    pub fn add_outcomes(
        &mut self,
        outcomes: &[NewOutcome<'_>],
        now: Timestamp,
    ) -> Result<Vec<Vec<String>>, OutcomeError> {
        let path = self.path.clone();
        let sql = |e| classify(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let mut recorded = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            match insert_outcome(&tx, outcome, now) {
                Ok(services) => recorded.push(services),
                Err(Missing::Sql(e)) => return Err(sql(e).into()),
                Err(Missing::Refused(error)) => return Err(error),
                Err(Missing::Ref(note_ref)) => {
                    drop(tx);
                    return Err(OutcomeError::UnknownRef {
                        closest: self.closest_refs(&note_ref, 3)?,
                        note_ref,
                    });
                }
            }
        }
        tx.commit().map_err(sql)?;
        Ok(recorded)
    }

    /// Per service: referrals naming it, split by current status. Largest first.
    pub fn by_service(&self) -> Result<Vec<ServiceTally>, LogError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT service, status, COUNT(*) FROM referral_services GROUP BY service, status",
            )
            .map_err(self.sql_error())?;
        let mut tallies: Vec<ServiceTally> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, i64>(2)? as usize,
                ))
            })
            .map_err(self.sql_error())?;
        for row in rows {
            let (service, status, n) = row.map_err(self.sql_error())?;
            let i = *at.entry(service.clone()).or_insert_with(|| {
                tallies.push(ServiceTally {
                    service,
                    ..ServiceTally::default()
                });
                tallies.len() - 1
            });
            let tally = &mut tallies[i];
            tally.count += n;
            match status.as_deref().and_then(Status::parse) {
                Some(status) => tally.by_status[status.index()] += n,
                None => tally.open += n,
            }
        }
        tallies.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.service.cmp(&b.service))
        });
        Ok(tallies)
    }

    /// How many referral-service pairs stand at each status, and how many are open: the
    /// per-service counts summed.
    pub fn by_outcome(&self) -> Result<([usize; 7], usize), LogError> {
        let (mut by_status, mut open) = ([0; 7], 0);
        for tally in self.by_service()? {
            for (sum, n) in by_status.iter_mut().zip(tally.by_status) {
                *sum += n;
            }
            open += tally.open;
        }
        Ok((by_status, open))
    }

    /// How many referrals involved each need, each region (`""`: none), or each month of
    /// `tz` (`YYYY-MM`): unsorted pairs.
    pub fn tally_needs(&self) -> Result<Vec<(String, usize)>, LogError> {
        self.pairs("SELECT need, COUNT(DISTINCT referral) FROM referral_needs GROUP BY need")
    }

    pub fn tally_regions(&self) -> Result<Vec<(String, usize)>, LogError> {
        self.pairs("SELECT COALESCE(region, ''), COUNT(*) FROM referrals GROUP BY 1")
    }

    pub fn tally_services(&self) -> Result<Vec<(String, usize)>, LogError> {
        self.pairs("SELECT service, COUNT(*) FROM referral_services GROUP BY service")
    }

    pub fn tally_months(&self, tz: &TimeZone) -> Result<Vec<(String, usize)>, LogError> {
        let mut statement = self
            .conn
            .prepare("SELECT unix_time FROM referrals")
            .map_err(self.sql_error())?;
        let mut tally: HashMap<String, usize> = HashMap::new();
        let rows = statement
            .query_map([], |row| row.get::<_, i64>(0))
            .map_err(self.sql_error())?;
        for second in rows {
            let second = second.map_err(self.sql_error())?;
            if let Ok(t) = Timestamp::from_second(second) {
                let month = t.to_zoned(tz.clone()).strftime("%Y-%m").to_string();
                *tally.entry(month).or_default() += 1;
            }
        }
        Ok(tally.into_iter().collect())
    }

    fn pairs(&self, query: &str) -> Result<Vec<(String, usize)>, LogError> {
        let mut statement = self.conn.prepare(query).map_err(self.sql_error())?;
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as usize)))
            .and_then(|rows| rows.collect())
            .map_err(self.sql_error())
    }

    /// Services whose `n` most recent referrals with an outcome were all declined by the
    /// service: the catalogue's data manager should verify them.
    pub fn declined_in_a_row(&self, n: usize) -> Result<Vec<String>, LogError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT s.service, s.status FROM referral_services s
                 JOIN referrals r ON r.id = s.referral
                 WHERE s.status IS NOT NULL
                 ORDER BY s.service, r.unix_time DESC, r.id DESC",
            )
            .map_err(self.sql_error())?;
        let rows: Vec<(String, String)> = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(self.sql_error())?;
        let declined = Status::DeclinedByService.as_str();
        // Rows come grouped by service, newest first within each.
        Ok(rows
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|group| group.len() >= n && group[..n].iter().all(|(_, s)| s == declined))
            .map(|group| group[0].0.clone())
            .collect())
    }

    /// Runs `PRAGMA integrity_check` and counts what the log holds.
    pub fn health(&self) -> Result<Health, LogError> {
        let integrity = self.strings("PRAGMA integrity_check")?;
        let count = |table: &str| -> Result<usize, LogError> {
            self.conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
                    row.get::<_, i64>(0)
                })
                .map(|n| n as usize)
                .map_err(self.sql_error())
        };
        Ok(Health {
            integrity,
            referrals: count("referrals")?,
            outcomes: count("outcomes")?,
        })
    }
}

/// The SQL condition of a due referral (`?1` is today, `YYYY-MM-DD`): follow-up reached,
/// and some service without a final outcome. `open_services` is kept with every write, so
/// the partial index `referrals_due` holds just the referrals still open: listing what is
/// due reads those, not the whole log.
const DUE: &str = "r.follow_up <= ?1 AND r.open_services > 0";

/// `columns` of the referrals (`r`) where `condition` holds, oldest first: the order every
/// listing and loaded list has.
fn oldest_first(columns: &str, condition: &str) -> String {
    format!("SELECT {columns} FROM referrals r WHERE {condition} ORDER BY r.unix_time, r.id")
}

/// Recounts the services of referral `?1` without a final outcome (see [`DUE`]).
const REFRESH_OPEN: &str = "UPDATE referrals SET open_services = (
    SELECT COUNT(*) FROM referral_services s WHERE s.referral = ?1
    AND (s.status IS NULL OR s.status IN ('accepted', 'no-contact')))
    WHERE id = ?1";

/// Inserts one referral with its lists; `skip_existing` ignores a reference already there
/// (an import), otherwise it is an error. Returns 1 when inserted, 0 when skipped.
fn insert(
    tx: &rusqlite::Transaction<'_>,
    record: &Record,
    skip_existing: bool,
) -> rusqlite::Result<usize> {
    let unix_time = record
        .timestamp()
        .map(|t| t.as_second())
        .ok_or_else(|| rusqlite::Error::InvalidParameterName(format!("time '{}'", record.time)))?;
    let verb = if skip_existing {
        "INSERT OR IGNORE"
    } else {
        "INSERT"
    };
    let inserted = tx.execute(
        &format!(
            "{verb} INTO referrals (note_ref, time, unix_time, operator, template, priority,
                 region, follow_up, consent, case_ref)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            record.note_ref,
            record.time,
            unix_time,
            record.operator,
            record.template,
            record.priority.as_str(),
            record.region,
            record.follow_up.to_string(),
            record.consent.map(ConsentKind::as_str),
            record.case_ref,
        ],
    )?;
    if inserted == 0 {
        return Ok(0);
    }
    let id = tx.last_insert_rowid();
    for (position, service) in record.services.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO referral_services (referral, position, service) VALUES (?1, ?2, ?3)",
            params![id, position as i64, service],
        )?;
    }
    tx.prepare_cached(REFRESH_OPEN)?.execute([id])?;
    for (position, need) in record.needs.iter().enumerate() {
        tx.execute(
            "INSERT INTO referral_needs (referral, position, need) VALUES (?1, ?2, ?3)",
            params![id, position as i64, need],
        )?;
    }
    for (position, language) in record.client_languages.iter().enumerate() {
        tx.execute(
            "INSERT INTO client_languages (referral, position, language) VALUES (?1, ?2, ?3)",
            params![id, position as i64, language],
        )?;
    }
    Ok(1)
}

/// Why one outcome of a batch was not inserted.
enum Missing {
    /// No such reference (the caller looks for the closest, outside the transaction).
    Ref(String),
    Refused(OutcomeError),
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for Missing {
    fn from(error: rusqlite::Error) -> Missing {
        Missing::Sql(error)
    }
}

/// Inserts one outcome (per service) and moves the services' current status to the latest.
fn insert_outcome(
    tx: &rusqlite::Transaction<'_>,
    outcome: &NewOutcome<'_>,
    now: Timestamp,
) -> Result<Vec<String>, Missing> {
    let note_ref = super::input::typed_note_ref(outcome.note_ref);
    let found: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, time FROM referrals WHERE note_ref = ?1",
            [&note_ref],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((id, time)) = found else {
        return Err(Missing::Ref(note_ref));
    };
    let referral: Date = time
        .get(..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or(outcome.date);
    if outcome.date < referral {
        return Err(Missing::Refused(OutcomeError::BeforeReferral {
            date: outcome.date,
            referral,
        }));
    }
    let named: Vec<String> = tx
        .prepare_cached(
            "SELECT service FROM referral_services WHERE referral = ?1 ORDER BY position",
        )?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let services = match outcome.service {
        None => named,
        Some(service) if named.iter().any(|s| s == service) => vec![service.to_string()],
        Some(service) => {
            return Err(Missing::Refused(OutcomeError::UnknownService {
                note_ref,
                service: service.to_string(),
                named: named.join(", "),
            }));
        }
    };
    for service in &services {
        let row = Outcome {
            service: service.clone(),
            status: outcome.status,
            reason: outcome.reason,
            date: outcome.date,
        };
        insert_outcome_row(tx, id, &row, now)?;
        refresh_status(tx, id, service)?;
    }
    tx.prepare_cached(REFRESH_OPEN)?.execute([id])?;
    Ok(services)
}

/// Adds one outcome row to referral `id` (its service's status is refreshed apart).
fn insert_outcome_row(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    outcome: &Outcome,
    now: Timestamp,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO outcomes (referral, service, status, reason, date, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        outcome.service,
        outcome.status.as_str(),
        outcome.reason.map(Reason::as_str),
        outcome.date.to_string(),
        now.as_second()
    ])
    .map(|_| ())
}

/// Moves a service's current status to its latest outcome (by date, then as recorded).
fn refresh_status(tx: &rusqlite::Transaction<'_>, id: i64, service: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE referral_services SET status = (
             SELECT status FROM outcomes o
             WHERE o.referral = ?1 AND o.service = ?2
             ORDER BY o.date DESC, o.id DESC LIMIT 1)
         WHERE referral = ?1 AND service = ?2",
    )?
    .execute(params![id, service])
    .map(|_| ())
}

/// Adds the outcomes of `record` (read from another log, in its date and entry order) that
/// this log's referral of the same reference lacks: per service, those past the count it
/// already holds. An outcome for a service this referral does not name is left out (the
/// reference is another operator's here). Returns how many were added.
fn copy_outcomes(
    tx: &rusqlite::Transaction<'_>,
    record: &Record,
    now: Timestamp,
) -> rusqlite::Result<usize> {
    if record.outcomes.is_empty() {
        return Ok(0);
    }
    let id: Option<i64> = tx
        .prepare_cached("SELECT id FROM referrals WHERE note_ref = ?1")?
        .query_row([&record.note_ref], |row| row.get(0))
        .optional()?;
    // Purged here, or never copied: nothing to attach to.
    let Some(id) = id else {
        return Ok(0);
    };
    // Per service this referral names: how many outcomes it holds.
    let mut held: HashMap<String, usize> = tx
        .prepare_cached(
            "SELECT s.service, (SELECT COUNT(*) FROM outcomes o
                                WHERE o.referral = s.referral AND o.service = s.service)
             FROM referral_services s WHERE s.referral = ?1",
        )?
        .query_map([id], |row| {
            Ok((row.get(0)?, row.get::<_, i64>(1)? as usize))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut added: Vec<&str> = Vec::new();
    for outcome in &record.outcomes {
        let Some(count) = held.get_mut(&outcome.service) else {
            continue;
        };
        if *count > 0 {
            *count -= 1;
            continue;
        }
        insert_outcome_row(tx, id, outcome, now)?;
        added.push(&outcome.service);
    }
    if added.is_empty() {
        return Ok(0);
    }
    added.sort_unstable();
    let copied = added.len();
    added.dedup();
    for service in added {
        refresh_status(tx, id, service)?;
    }
    tx.prepare_cached(REFRESH_OPEN)?.execute([id])?;
    Ok(copied)
}

fn purge(tx: &rusqlite::Transaction<'_>, cutoff: Timestamp) -> rusqlite::Result<usize> {
    tx.execute(
        "DELETE FROM referrals WHERE unix_time < ?1",
        [cutoff.as_second()],
    )
}

/// A stored word back as its type; a word this version does not know is a damaged row.
fn parse_word<T>(
    word: &str,
    column: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    parse(word).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("unknown value '{word}'").into(),
        )
    })
}

/// Creates a shared log's file with [`SHARED_MODE`] (set again after creation: the umask
/// would otherwise take the group's write away); an existing file is left as it is.
fn create_shared(path: &Path) -> io::Result<()> {
    let created = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(SHARED_MODE)
        .open(path);
    match created {
        Ok(file) => file.set_permissions(std::fs::Permissions::from_mode(SHARED_MODE)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates the file owner-only before SQLite opens it (SQLite gives its `-wal` and `-shm`
/// files the same mode), and tightens an existing file someone loosened.
fn create_private(path: &Path) -> io::Result<()> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(PRIVATE_MODE)
        .open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(PRIVATE_MODE))?;
    for suffix in ["-wal", "-shm"] {
        let side = super::history::with_suffix(path, suffix);
        match std::fs::set_permissions(&side, std::fs::Permissions::from_mode(PRIVATE_MODE)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

fn classify(path: &Path, error: rusqlite::Error) -> LogError {
    let path = path.to_path_buf();
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => LogError::Damaged {
            path,
            source: error,
        },
        _ => LogError::Sql {
            path,
            source: error,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_from_a_newer_pathways_is_refused_not_altered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("referrals.db");
        let log = ReferralLog::open(&path).unwrap();
        assert_eq!(log.version().unwrap(), MIGRATIONS.len() as i64);
        log.conn
            .execute("UPDATE schema_version SET version = 99", [])
            .unwrap();
        drop(log);
        match ReferralLog::open(&path) {
            Err(LogError::TooNew { found: 99, .. }) => {}
            other => panic!("expected TooNew, got {other:?}"),
        }
    }

    #[test]
    fn declines_in_a_row_count_the_latest_referrals_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = ReferralLog::open(dir.path().join("referrals.db")).unwrap();
        let config = crate::config::Config::default();
        let mut refs = Vec::new();
        for (i, day) in (1..=4).enumerate() {
            let now: jiff::Zoned = format!("2026-11-0{day}T10:00:00+03:00[Europe/Minsk]")
                .parse()
                .unwrap();
            let note_ref = format!("PW-{i}");
            let draft =
                super::super::Draft::new(vec!["s".into()], now.date(), note_ref.clone(), &config);
            log.record(&Record::new(&draft, "en", &now, false), None)
                .unwrap();
            refs.push((note_ref, now.date()));
        }
        let set = |log: &mut ReferralLog, i: usize, status| {
            let (note_ref, date) = &refs[i];
            let outcome = NewOutcome {
                note_ref,
                service: None,
                status,
                reason: None,
                date: *date,
            };
            log.add_outcome(&outcome, Timestamp::UNIX_EPOCH).unwrap();
        };
        set(&mut log, 0, Status::Attended);
        set(&mut log, 1, Status::DeclinedByService);
        set(&mut log, 2, Status::DeclinedByService);
        assert!(
            log.declined_in_a_row(3).unwrap().is_empty(),
            "an attended one among the last three"
        );
        set(&mut log, 3, Status::DeclinedByService);
        assert_eq!(log.declined_in_a_row(3).unwrap(), vec!["s"]);
    }

    #[test]
    fn a_listing_shows_what_the_whole_records_say() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = ReferralLog::open(dir.path().join("referrals.db")).unwrap();
        let config = crate::config::Config::default();
        let now: jiff::Zoned = "2026-11-02T10:00:00+03:00[Europe/Minsk]".parse().unwrap();
        for (i, services) in [vec!["a", "b"], vec!["c"]].into_iter().enumerate() {
            let services = services.into_iter().map(String::from).collect();
            let mut draft =
                super::super::Draft::new(services, now.date(), format!("PW-{i}"), &config);
            draft.needs = vec!["n1".into(), "n2".into()];
            draft.region = Some("r".into());
            draft.operator = format!("op{i}");
            draft.priority = [Priority::Urgent, Priority::Routine][i];
            draft.follow_up = Some(now.date().saturating_add(jiff::ToSpan::days(i as i64 + 3)));
            draft.case_ref = format!("C-{i}");
            let then = now.checked_add(jiff::ToSpan::minutes(i as i64)).unwrap();
            log.record(&Record::new(&draft, "en", &then, i == 0), None)
                .unwrap();
        }
        let outcome = |status| NewOutcome {
            note_ref: "PW-0",
            service: Some("b"),
            status,
            reason: None,
            date: now.date(),
        };
        log.add_outcome(&outcome(Status::Accepted), Timestamp::UNIX_EPOCH)
            .unwrap();
        log.add_outcome(&outcome(Status::Attended), Timestamp::UNIX_EPOCH)
            .unwrap();
        let listed = log.list().unwrap();
        let records = log.records().unwrap();
        assert_eq!(listed.len(), records.len());
        for (line, record) in listed.iter().zip(&records) {
            let current: Vec<(String, Option<Status>)> = record
                .current()
                .into_iter()
                .map(|(s, o)| (s.to_string(), o.map(|o| o.status)))
                .collect();
            assert_eq!(line.services, current);
            assert_eq!(
                (&line.note_ref, &line.needs, &line.region),
                (&record.note_ref, &record.needs, &record.region)
            );
            assert_eq!(
                (&line.time, &line.operator, line.priority, line.follow_up),
                (
                    &record.time,
                    &record.operator,
                    record.priority,
                    record.follow_up
                )
            );
            assert_eq!(line.case_ref, record.case_ref);
        }
        assert_eq!(listed[0].case_ref.as_deref(), Some("C-0"), "where kept");
        assert_eq!(listed[1].case_ref, None, "and where not");
        assert_ne!(listed[0].time, listed[1].time);
        assert_ne!(listed[0].follow_up, listed[1].follow_up);
        assert_eq!(
            listed[0].services[1],
            ("b".to_string(), Some(Status::Attended))
        );
    }
}
