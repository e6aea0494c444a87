//! The event loop: the only place with side effects. It reads keys, feeds `update`, runs
//! searches on a worker thread, performs effects (editor, reload) and draws.
//!
//! Typing never waits on search: every key already waiting is applied before the next
//! search is asked for, and the worker always takes the newest request, so a slow
//! catalogue lags the results, never the keyboard. When nothing happens the loop blocks in
//! `read`: no timer, no redraw, zero idle CPU.

use super::action::{Action, Delivery, Effect, HistoryStats};
use super::app::App;
use super::compose::render_error_text;
use super::follow_ups::DueItem;
use super::notes::{delivered_message, with_warnings};
use super::search_job::{self, Outcome};
use super::watch::CatalogueWatch;
use super::{keys, terminal, update, view};
use crate::catalogue::{Catalogue, Origin};
use crate::clipboard;
use crate::config::{ClipboardConfig, NoHome};
use crate::context::{load_origin_slot, texts};
use crate::error::{CliError, CliResult, Exit};
use crate::fsutil;
use crate::i18n::t;
use crate::referral::{
    self, Draft, Grouping, LogError, Migrated, NewOutcome, Note, NoteFormat, Record, ReferralLog,
    Status,
};
use crate::search::{Index, Query};
use crossterm::event::{self, Event, KeyEventKind};
use jiff::Timestamp;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// How often the loop looks for a finished search while one runs.
const RESULT_POLL: Duration = Duration::from_millis(5);

struct Request {
    generation: u64,
    index: Arc<Index>,
    query: Query,
}

/// The search worker: takes the newest request, sends back its outcome.
struct Worker {
    requests: Sender<Request>,
    results: Receiver<(u64, Outcome)>,
    in_flight: bool,
}

impl Worker {
    fn start() -> std::io::Result<Worker> {
        let (requests, inbox) = channel::<Request>();
        let (outbox, results) = channel();
        std::thread::Builder::new()
            .name("pathways-search".to_string())
            .spawn(move || {
                let mut runner = search_job::Runner;
                while let Ok(request) = inbox.recv() {
                    let request = newest(&inbox, request);
                    let outcome = runner.run(&request.index, &request.query);
                    if outbox.send((request.generation, outcome)).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Worker {
            requests,
            results,
            in_flight: false,
        })
    }

    fn ask(&mut self, app: &App) {
        let request = Request {
            generation: app.generation,
            index: app.index.clone(),
            query: app.search_query(),
        };
        self.in_flight = self.requests.send(request).is_ok();
    }
}

/// What the loop needs from the configuration to perform effects.
pub struct Settings {
    pub origin: Origin,
    pub clipboard: ClipboardConfig,
    pub history: History,
    pub store_case_ref: bool,
    /// Where the composer's draft is saved (0600) on every change: the operator's own file.
    pub draft_file: Result<PathBuf, NoHome>,
    /// Where Ctrl-o writes notes (0600).
    pub notes_dir: Result<PathBuf, NoHome>,
    /// Notes written before this are purged at start (the history's retention).
    pub notes_cutoff: Option<Timestamp>,
}

/// The referral history as configured: off, on, or on but with nowhere to keep it.
pub enum History {
    Off,
    /// On, but no home directory resolved: nothing is recorded, and the loop says why.
    NoHome,
    On(LogPaths),
}

impl History {
    /// The log's paths, or why there is no log to use.
    fn paths(&self, lang: crate::i18n::Lang) -> Result<&LogPaths, String> {
        match self {
            History::On(paths) => Ok(paths),
            History::Off => Err(lang.t("tui-history-off")),
            History::NoHome => Err(lang.t("no-home")),
        }
    }
}

/// Where the referral log is, and its retention. The loop opens the log for each use (a
/// few hundred microseconds) rather than holding it, so other processes' writes are seen.
pub struct LogPaths {
    pub log: PathBuf,
    /// The old history file, moved into the log on first use.
    pub jsonl: PathBuf,
    pub keep_days: i64,
    /// The team log the system config names, written beside the own one.
    pub team: Option<referral::TeamLog>,
}

impl LogPaths {
    fn open(&self) -> Result<(ReferralLog, Option<Migrated>), LogError> {
        referral::open_data_log(&self.log, &self.jsonl)
    }

    /// The retention purge for now; `None` when the clock is pinned ahead.
    fn cutoff(&self) -> Option<Timestamp> {
        referral::cutoff_now(self.keep_days).before()
    }
}

/// The newest of the requests waiting: the ones typed over are never searched.
fn newest<T>(inbox: &Receiver<T>, first: T) -> T {
    inbox.try_iter().last().unwrap_or(first)
}

/// The draft as last saved, shared with the signal watcher: SIGHUP/SIGTERM save it again
/// before exiting (the file may be gone or a save may have failed since).
#[derive(Clone, Default)]
struct LatestDraft(Arc<Mutex<Option<Draft>>>);

impl LatestDraft {
    fn set(&self, draft: Option<Draft>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = draft;
    }

    /// Saves the draft, if there is one; at exit nobody is left to tell of a failure.
    fn save(&self, path: &Path) {
        if let Some(draft) = &*self.0.lock().unwrap_or_else(PoisonError::into_inner) {
            let _ = referral::save_draft(path, draft);
        }
    }
}

/// Runs the TUI until the operator quits; the terminal is restored on every path.
pub fn run(mut app: App, settings: Settings) -> CliResult {
    let worker = Worker::start().map_err(io_error)?;
    if let Ok(path) = &settings.draft_file {
        restore_draft(&mut app, path);
    }
    purge_notes(&mut app, &settings);
    start_shift(&mut app, &settings.history);
    let latest = LatestDraft::default();
    latest.set(app.draft.clone());
    let on_signal = {
        let latest = latest.clone();
        let path = settings.draft_file.clone();
        move || {
            if let Ok(path) = &path {
                latest.save(path)
            }
        }
    };
    let mut terminal = terminal::enter(on_signal).map_err(io_error)?;
    let watch = watch_catalogue(&mut app, &settings.origin);
    let mut session = Session {
        worker,
        latest,
        refused: false,
        watch,
    };
    let result = run_loop(&mut app, &mut session, &mut terminal, &settings);
    terminal::leave();
    // Something had to be written and there was no home for it: said again, as exit 3.
    match result {
        Ok(Exit::Done) if session.refused => Err(NoHome.into()),
        other => other,
    }
}

/// What the loop keeps beside the app.
struct Session {
    worker: Worker,
    latest: LatestDraft,
    /// A write was refused for want of a home directory: the exit is 3.
    refused: bool,
    /// The catalogue file's watch (`None` for the embedded catalogue, which has no file).
    watch: Option<CatalogueWatch>,
}

/// Starts watching the catalogue file, and notes whether this operator may edit it. A
/// watch that cannot start (inotify limits) is said; `Ctrl-r` still reloads.
fn watch_catalogue(app: &mut App, origin: &Origin) -> Option<CatalogueWatch> {
    let Origin::File(path) = origin else {
        return None;
    };
    app.catalogue_read_only = !fsutil::may_write(path);
    match CatalogueWatch::start(path, terminal::wake) {
        Ok(watch) => Some(watch),
        Err(error) => {
            app.say(t!(app.lang, "tui-watch-failed", error = error.to_string()));
            None
        }
    }
}

fn run_loop(
    app: &mut App,
    session: &mut Session,
    terminal: &mut ratatui::DefaultTerminal,
    settings: &Settings,
) -> CliResult {
    let origin = &settings.origin;
    let Session {
        worker,
        latest,
        refused,
        watch,
    } = session;
    let latest = &*latest;
    let mut asked = 0;
    let mut dirty = true;
    loop {
        if app.generation != asked {
            worker.ask(app);
            asked = app.generation;
        }
        if dirty {
            terminal.draw(|frame| view(app, frame)).map_err(io_error)?;
        }
        let effects = read_events(app, worker)?;
        dirty = !effects.is_empty();
        if watch.as_ref().is_some_and(CatalogueWatch::changed) {
            reload(app, origin, Reload::Changed);
            dirty = true;
        }
        while let Ok((generation, outcome)) = worker.results.try_recv() {
            worker.in_flight = generation != asked;
            update(app, Action::Results(generation, outcome));
            dirty = true;
        }
        for effect in effects {
            match effect {
                Effect::None => {}
                Effect::Quit => return Ok(Exit::Done),
                Effect::Repaint => terminal.clear().map_err(io_error)?,
                Effect::ClearCall => {
                    terminal.clear().map_err(io_error)?;
                    latest.set(None);
                    if let Ok(path) = &settings.draft_file
                        && let Err(error) = referral::delete_draft(path)
                    {
                        app.say(t!(
                            app.lang,
                            "tui-draft-not-deleted",
                            error = error.to_string()
                        ));
                    }
                }
                Effect::Reload => reload(app, origin, Reload::Asked),
                Effect::Copy(text) => copy(app, &text, &settings.clipboard),
                Effect::SaveDraft(draft) => {
                    let saved = match &settings.draft_file {
                        Ok(path) => referral::save_draft(path, &draft).map_err(|e| e.to_string()),
                        Err(NoHome) => {
                            *refused = true;
                            Err(app.lang.t("no-home"))
                        }
                    };
                    if let Err(error) = saved {
                        app.status = Some(t!(app.lang, "tui-draft-not-saved", error = error));
                    }
                    latest.set(Some(draft));
                }
                // The note checked by `update` still says `PW-(assigned when sent)`.
                Effect::Deliver { note: _, draft, to } => {
                    if deliver(app, settings, &draft, to) {
                        latest.set(None);
                        *refused |= matches!(settings.history, History::NoHome);
                    }
                }
                Effect::LoadHistory => {
                    let stats = history_stats(app, &settings.history);
                    update(app, Action::HistoryLoaded(stats));
                }
                Effect::LoadFollowUps => {
                    let loaded = follow_ups(app, &settings.history);
                    update(app, Action::FollowUpsLoaded(loaded));
                }
                Effect::RecordOutcome {
                    note_ref,
                    service,
                    status,
                } => {
                    let (message, log) =
                        record_outcome(app, &settings.history, &note_ref, &service, status);
                    *refused |= matches!(settings.history, History::NoHome);
                    // The log just written answers what is due now: no second open.
                    let loaded = match &log {
                        Some(log) => due_items(app, log),
                        None => follow_ups(app, &settings.history),
                    };
                    update(app, Action::FollowUpsLoaded(loaded));
                    app.status = Some(message);
                }
                Effect::EditAt { path, line } => {
                    edit(app, terminal, &path, line)?;
                    reload(app, origin, Reload::Asked);
                }
            }
        }
    }
}

/// Applies every key already waiting. Blocks until one arrives, except while a search
/// runs (then it returns after a short wait so the results can be shown) and while a call
/// is timed (then it returns when the minute shown changes, to redraw it).
fn read_events(app: &mut App, worker: &Worker) -> Result<Vec<Effect>, CliError> {
    let mut effects = Vec::new();
    let wait = if worker.in_flight {
        Some(RESULT_POLL)
    } else {
        until_next_minute(app)
    };
    if let Some(wait) = wait
        && !event::poll(wait).map_err(io_error)?
    {
        if !worker.in_flight {
            app.set_now(crate::clock::now());
            effects.push(Effect::None);
        }
        return Ok(effects);
    }
    loop {
        effects.push(handle(app, event::read().map_err(io_error)?));
        if !event::poll(Duration::ZERO).map_err(io_error)? {
            return Ok(effects);
        }
    }
}

/// How long until the call's minute count changes; `None` when no call is timed.
fn until_next_minute(app: &App) -> Option<Duration> {
    let started = app.call_started?;
    let elapsed = crate::clock::now()
        .duration_since(started)
        .as_millis()
        .max(0);
    let into_minute = u64::try_from(elapsed % 60_000).unwrap_or(0);
    Some(Duration::from_millis(60_000 - into_minute))
}

fn handle(app: &mut App, event: Event) -> Effect {
    app.set_now(crate::clock::now());
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => match keys::action_for(app, &key) {
            Some(action) => update(app, action),
            None => Effect::None,
        },
        Event::Resize(..) => update(app, Action::Resize),
        Event::Paste(text) => update(app, Action::Paste(text)),
        _ => Effect::None,
    }
}

/// Why the catalogue is read again.
#[derive(Clone, Copy)]
enum Reload {
    /// Ctrl-r, or back from the editor.
    Asked,
    /// The file changed on disk (the watch).
    Changed,
}

/// Reloads from disk. A file the edit broke keeps the last good catalogue and says why.
fn reload(app: &mut App, origin: &Origin, why: Reload) {
    if let Origin::File(path) = origin {
        app.catalogue_read_only = !fsutil::may_write(path);
    }
    match load_origin_slot(origin) {
        Ok((catalogue, slot))
            if catalogue.error_count() == 0 || app.catalogue().error_count() > 0 =>
        {
            let services = catalogue.services.len();
            app.replace_index(Index::cached(Arc::new(catalogue), slot.as_ref()));
            // The previous catalogue and index are gone: give their pages back.
            crate::memory::return_free_memory();
            let said = match why {
                Reload::Asked => t!(app.lang, "tui-reloaded", count = services),
                Reload::Changed => t!(app.lang, "tui-catalogue-updated", count = services),
            };
            app.say_update(said);
        }
        Ok((broken, _)) => app.banner = Some(kept_message(app, &broken)),
        Err(error) => {
            let error = texts::load_error(&error, app.lang).render(app.lang);
            app.banner = Some(t!(app.lang, "tui-reload-failed", error = error))
        }
    }
}

/// Copies, and says where the text went (a terminal never confirms an OSC 52 copy).
fn copy(app: &mut App, text: &str, config: &ClipboardConfig) {
    let lang = app.lang;
    app.status = Some(
        match clipboard::copy(text, config, clipboard::Environment::detect()) {
            Ok(copied) => with_warnings(
                t!(
                    lang,
                    "tui-card-copied",
                    how = texts::copy_place(&copied).render(lang)
                ),
                &copied.warnings,
                lang,
            ),
            Err(error) => t!(
                lang,
                "tui-copy-failed",
                error = texts::copy_error(&error).render(lang)
            ),
        },
    );
}

/// Offers a draft saved before a dropped link or a quit, when the same operator saved it:
/// each operator has a file of their own, and a draft that names someone else (two names
/// that make the same file name) stays where it is, unread.
fn restore_draft(app: &mut App, path: &Path) {
    match referral::load_draft(path) {
        Ok(Some(draft)) if !same_operator(&draft, &app.config) => {}
        Ok(Some(draft)) => {
            app.restore_draft(draft);
            app.say(app.lang.t("tui-draft-restored"));
        }
        Ok(None) => {}
        Err(error) => app.say(t!(
            app.lang,
            "tui-draft-not-restored",
            error = texts::draft_error(&error).render(app.lang)
        )),
    }
}

/// Whether `draft` was written by the operator `config` names (nobody named: nobody).
fn same_operator(draft: &Draft, config: &crate::config::Config) -> bool {
    draft.operator.trim() == config.operator.as_deref().unwrap_or_default().trim()
}

/// Purges note files past the history's retention; a failure is said, not fatal.
fn purge_notes(app: &mut App, settings: &Settings) {
    let (Some(cutoff), Ok(notes_dir)) = (settings.notes_cutoff, &settings.notes_dir) else {
        return;
    };
    if let Err(error) = super::purge_old_notes(notes_dir, cutoff) {
        let dir = notes_dir.display().to_string();
        app.say(t!(
            app.lang,
            "tui-notes-not-purged",
            dir = dir,
            error = error.to_string()
        ));
    }
}

/// Sends the note where asked (with the delivery's warnings, e.g. an OSC 52 payload some
/// terminals drop), records it in the history and deletes the saved draft. A note that
/// could not be delivered keeps the composer open with the reason; returns whether it went.
fn deliver(app: &mut App, settings: &Settings, draft: &Draft, to: Delivery) -> bool {
    let (delivered, note, draft) = match send(app, settings, draft, to) {
        Ok(sent) => sent,
        Err(error) => {
            app.status = Some(t!(app.lang, "tui-note-not-delivered", error = error));
            return false;
        }
    };
    let (note, draft) = (&note, &draft);
    let mut message = delivered_message(&delivered, note, app.lang);
    if let History::NoHome = settings.history {
        let error = app.lang.t("no-home");
        message.push_str(&format!(
            "; {}",
            t!(app.lang, "tui-log-not-written", error = error)
        ));
    }
    if let History::On(paths) = &settings.history {
        let now = crate::clock::now_in(&app.catalogue().time_zone());
        let mut record = Record::new(draft, &note.template, &now, settings.store_case_ref);
        record
            .operator
            .get_or_insert_with(|| app.config.operator_or_login());
        let written = paths.open().and_then(|(mut log, _)| {
            let skipped = referral::record_referral(
                &mut log,
                paths.team.as_ref(),
                record,
                paths.cutoff(),
                now.timestamp(),
            )?;
            message
                .extend(skipped.map(|s| format!("; {}", texts::team_skipped(&s).render(app.lang))));
            log.due_count(app.today)
        });
        match written {
            Ok(due) => app.due = Some(due),
            Err(error) => message.push_str(&format!(
                "; {}",
                t!(
                    app.lang,
                    "tui-log-not-written",
                    error = texts::log_error(&error).render(app.lang)
                )
            )),
        }
    }
    if let Ok(path) = &settings.draft_file
        && let Err(error) = referral::delete_draft(path)
    {
        let error = error.to_string();
        message.push_str(&format!(
            "; {}",
            t!(app.lang, "tui-draft-not-deleted", error = error)
        ));
    }
    update(app, Action::NoteDelivered(message));
    true
}

/// Stamps the note and sends it where asked; `Err` says why it could not go, in the
/// interface language.
fn send(
    app: &App,
    settings: &Settings,
    draft: &Draft,
    to: Delivery,
) -> Result<(referral::Delivered, Note, Draft), String> {
    let lang = app.lang;
    let (note, draft) = stamp(app, draft).map_err(|error| render_error_text(&error, lang))?;
    let sent = match to {
        Delivery::Clipboard => {
            referral::copy_note(&note, &settings.clipboard, clipboard::Environment::detect())
        }
        Delivery::File => {
            let notes_dir = (settings.notes_dir.as_ref()).map_err(|NoHome| lang.t("no-home"))?;
            fsutil::create_private_dir(notes_dir).map_err(|error| {
                let dir = texts::shown(notes_dir);
                t!(
                    lang,
                    "tui-cannot-create",
                    dir = dir,
                    error = error.to_string()
                )
            })?;
            let path = notes_dir.join(format!("{}.txt", note.note_ref));
            referral::write_note(&note, &path, false)
        }
    };
    let delivered = sent.map_err(|error| texts::deliver_error(&error).render(lang))?;
    Ok((delivered, note, draft))
}

/// The note as it goes: its reference and date stamped now (the draft showed
/// `PW-(assigned when sent)` until then), rendered again with them.
fn stamp(app: &App, draft: &Draft) -> Result<(Note, Draft), referral::RenderError> {
    let now = crate::clock::now_in(&app.catalogue().time_zone());
    let mut draft = draft.clone();
    draft.note_ref = referral::new_note_ref(&now);
    draft.date = now.date();
    let note = referral::render(&draft, app.catalogue(), &app.template, NoteFormat::Text)?;
    Ok((note, draft))
}

/// At the start of a shift: moves an old history file into the log (said once), purges
/// expired records, and counts the follow-ups due for the status line.
fn start_shift(app: &mut App, history: &History) {
    let History::On(paths) = history else {
        return;
    };
    let opened = paths.open().and_then(|(mut log, migrated)| {
        if let Some(cutoff) = paths.cutoff() {
            log.purge_before(cutoff)?;
        }
        Ok((log.due_count(app.today)?, migrated))
    });
    match opened {
        Ok((due, migrated)) => {
            app.due = Some(due);
            if let Some(migrated) = migrated {
                app.say(texts::migrated(&migrated).render(app.lang));
            }
        }
        Err(error) => app.say(t!(
            app.lang,
            "tui-log-problem",
            error = texts::log_error(&error).render(app.lang)
        )),
    }
}

/// Counts the referral log for the statistics overlay.
fn history_stats(app: &App, history: &History) -> HistoryStats {
    let paths = match history.paths(app.lang) {
        Ok(paths) => paths,
        Err(error) => {
            return HistoryStats {
                error: Some(error),
                ..HistoryStats::default()
            };
        }
    };
    let counted = paths.open().and_then(|(log, _)| {
        let catalogue = app.catalogue();
        let (by_status, open) = log.by_outcome()?;
        let records = by_status.iter().sum::<usize>() + open;
        Ok(HistoryStats {
            records: log.len()?,
            due: log.due_count(app.today)?,
            by_need: referral::count(&log, Grouping::Need, catalogue)?,
            by_region: referral::count(&log, Grouping::Region, catalogue)?,
            by_outcome: if records == 0 {
                Vec::new()
            } else {
                referral::outcome_counts(&by_status, open)
            },
            error: None,
        })
    });
    counted.unwrap_or_else(|error| HistoryStats {
        error: Some(texts::log_error(&error).render(app.lang)),
        ..HistoryStats::default()
    })
}

/// The due referrals as the follow-up view's rows, and how many referrals are due.
fn follow_ups(app: &App, history: &History) -> Result<(Vec<DueItem>, usize), String> {
    let (log, _) = history
        .paths(app.lang)?
        .open()
        .map_err(|e| texts::log_error(&e).render(app.lang))?;
    due_items(app, &log)
}

/// What `log` has due today, as the follow-up view's rows and the count.
fn due_items(app: &App, log: &ReferralLog) -> Result<(Vec<DueItem>, usize), String> {
    let due = log
        .due(app.today)
        .map_err(|e| texts::log_error(&e).render(app.lang))?;
    Ok((
        DueItem::from_records(&due, app.catalogue(), app.today, app.lang),
        due.len(),
    ))
}

/// Records `status` for one service of a referral, dated today; says what happened, and
/// hands back the log when it was written.
fn record_outcome(
    app: &App,
    history: &History,
    note_ref: &str,
    service: &str,
    status: Status,
) -> (String, Option<ReferralLog>) {
    let paths = match history.paths(app.lang) {
        Ok(paths) => paths,
        Err(error) => {
            return (
                t!(app.lang, "tui-outcome-not-recorded", error = error),
                None,
            );
        }
    };
    let outcome = NewOutcome {
        note_ref,
        service: Some(service),
        status,
        reason: None,
        date: app.today,
    };
    let recorded = paths
        .open()
        .map_err(referral::OutcomeError::from)
        .and_then(|(mut log, _)| {
            referral::record_outcome(&mut log, paths.team.as_ref(), &outcome, app.now)
                .map(|(_, skipped)| (log, skipped))
        });
    match recorded {
        Ok((log, skipped)) => {
            let status = app.lang.t(status.message_id());
            let message = t!(
                app.lang,
                "tui-outcome-recorded",
                status = status,
                service = service,
                note = note_ref
            ) + &skipped
                .map(|s| format!("; {}", texts::team_skipped(&s).render(app.lang)))
                .unwrap_or_default();
            (message, Some(log))
        }
        Err(error) => {
            // The log's failures have words of their own; the others cannot come from a
            // row of the due list (its reference and services are the log's, dated today).
            let error = match error {
                referral::OutcomeError::Log(error) => texts::log_error(&error).render(app.lang),
                other => other.to_string(),
            };
            (
                t!(app.lang, "tui-outcome-not-recorded", error = error),
                None,
            )
        }
    }
}

fn kept_message(app: &App, broken: &Catalogue) -> String {
    let first = broken
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| d.line_in(app.lang))
        .unwrap_or_default();
    t!(
        app.lang,
        "tui-kept-catalogue",
        count = broken.error_count(),
        first = first
    )
}

/// Suspends the screen, runs $VISUAL / $EDITOR / vi at the line, and comes back. An
/// editor that cannot be started is a status message, not the end of the session.
fn edit(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    path: &Path,
    line: usize,
) -> Result<(), CliError> {
    let (program, arguments) = match editor_command() {
        Ok(command) => command,
        Err(message) => {
            app.status = Some(message);
            return Ok(());
        }
    };
    terminal::suspend();
    let status = std::process::Command::new(&program)
        .args(arguments)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    terminal::resume(terminal).map_err(io_error)?;
    if let Err(error) = status {
        let error = error.to_string();
        app.status = Some(t!(
            app.lang,
            "tui-editor-failed",
            program = program,
            error = error
        ));
    }
    Ok(())
}

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi`, split as a shell would split
/// it, so `code --wait` and `"/opt/My Editor/bin/edit" -w` both work.
fn editor_command() -> Result<(String, Vec<String>), String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    split_editor(&editor)
}

fn split_editor(editor: &str) -> Result<(String, Vec<String>), String> {
    let mut words = shell_words::split(editor)
        .map_err(|e| format!("cannot read the editor command '{editor}': {e}"))?
        .into_iter();
    let program = words.next().unwrap_or_else(|| "vi".to_string());
    Ok((program, words.collect()))
}

fn io_error(error: std::io::Error) -> CliError {
    CliError::could_not_act(format!("terminal: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_is_split_as_a_shell_would() {
        assert_eq!(
            split_editor("code --wait").unwrap(),
            ("code".to_string(), vec!["--wait".to_string()])
        );
        assert_eq!(
            split_editor("'/opt/My Editor/edit' -w").unwrap(),
            ("/opt/My Editor/edit".to_string(), vec!["-w".to_string()])
        );
        assert!(split_editor("'unclosed").is_err());
    }

    #[test]
    fn only_the_newest_waiting_request_is_searched() {
        let (send, inbox) = channel();
        for generation in 2..=5 {
            send.send(generation).unwrap();
        }
        assert_eq!(newest(&inbox, 1), 5);
        assert_eq!(newest(&inbox, 6), 6, "nothing waiting: the one at hand");
    }
}
