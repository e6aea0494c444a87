//! The command line's words for what lower layers report as typed values (a draft's
//! problem, a delivery or log failure, a catalogue that cannot be read): each variant gets a
//! message id, so it reads in the operator's language. Operating-system and library
//! reasons inside them (`Permission denied`, a template engine's message) stay as given.

use crate::clipboard::{Copied, CopyError};
use crate::error::{Text, msg};
use crate::referral::{DeliverError, Delivered, LogError, Migrated, Problem, TemplateError};
use crate::text::escape_input;
use std::path::Path;

/// A path as a message shows it (what the user typed, escaped).
pub fn shown(path: &Path) -> String {
    escape_input(&path.display().to_string()).into_owned()
}

/// A draft's problem and the flags that fix it.
pub fn problem(problem: &Problem) -> (Text, Text) {
    match problem {
        Problem::NoConsent => (msg!("cli-no-consent"), msg!("cli-no-consent-hint")),
        Problem::NoServices => (msg!("cli-no-services"), msg!("cli-no-services-hint")),
        Problem::ConsentInFuture => (
            msg!("cli-consent-in-future"),
            msg!("cli-consent-in-future-hint"),
        ),
        Problem::FollowUpInPast => (
            msg!("cli-follow-up-in-past"),
            msg!("cli-follow-up-in-past-hint"),
        ),
        Problem::AgeContradiction => (
            msg!("cli-age-contradiction"),
            msg!("cli-age-contradiction-hint"),
        ),
        Problem::FollowUpPastCalendar => (
            msg!("cli-follow-up-past-calendar"),
            msg!("cli-follow-up-past-calendar-hint"),
        ),
    }
}

/// Why a note could not be delivered.
pub fn deliver_error(error: &DeliverError) -> Text {
    match error {
        DeliverError::Exists(path) => msg!("cli-file-exists", path = shown(path)),
        DeliverError::Write(path, error) => cannot_write(path, error),
        DeliverError::Copy(CopyError::NoTerminal { system_failed }) => {
            let system = if *system_failed { "failed" } else { "untried" };
            msg!("cli-copy-no-terminal", system = system)
        }
        DeliverError::Copy(CopyError::Write(error)) => {
            msg!("cli-copy-write-failed", error = error.to_string())
        }
    }
}

/// `cannot write PATH: REASON`.
pub fn cannot_write(path: &Path, error: &impl std::fmt::Display) -> Text {
    msg!(
        "cli-cannot-write",
        path = shown(path),
        error = error.to_string()
    )
}

/// Where a note went: `note PW-… written to FILE`.
pub fn delivered(place: &Delivered, note_ref: &str) -> Text {
    match place {
        Delivered::File(path) => msg!("cli-note-written", note = note_ref, path = shown(path)),
        Delivered::Clipboard(copied) => msg!(
            "cli-note-copied",
            note = note_ref,
            place = copy_place(copied)
        ),
    }
}

fn copy_place(copied: &Copied) -> &'static str {
    match (copied.osc52, copied.system) {
        (true, true) => "both",
        (true, false) => "terminal",
        (false, true) => "system",
        (false, false) => "none",
    }
}

/// A clipboard warning. The clipboard says one thing today (a large OSC 52 sequence, with
/// its size); anything else is shown as it came.
pub fn copy_warning(warning: &str) -> Text {
    let size = warning
        .strip_prefix("the clipboard sequence is ")
        .and_then(|rest| rest.split_once(" kB"))
        .map(|(size, _)| size);
    match size {
        Some(size) => msg!("cli-copy-large", size = size),
        None => Text::Plain(warning.to_string()),
    }
}

/// Why the referral log could not be used.
pub fn log_error(error: &LogError) -> Text {
    match error {
        LogError::Io { path, source } => msg!(
            "cli-log-cannot-open",
            path = path.display(),
            error = source.to_string()
        ),
        LogError::Damaged { path, source } => msg!(
            "cli-log-damaged",
            path = path.display(),
            error = source.to_string()
        ),
        LogError::TooNew { path, found, known } => msg!(
            "cli-log-too-new",
            path = path.display(),
            found = *found,
            known = *known
        ),
        LogError::Sql { path, source } => msg!(
            "cli-log-sql",
            path = path.display(),
            error = source.to_string()
        ),
        LogError::Duplicate { path, note_ref } => msg!(
            "cli-log-duplicate",
            path = path.display(),
            note = note_ref.as_str()
        ),
    }
}

/// The one line a process that moved the old history file says.
pub fn migrated(migrated: &Migrated) -> Text {
    if migrated.unreadable == 0 {
        return msg!(
            "cli-history-migrated",
            log = migrated.log.display(),
            count = migrated.imported,
            old = migrated.moved_to.display()
        );
    }
    msg!(
        "cli-history-migrated-unreadable",
        log = migrated.log.display(),
        count = migrated.imported,
        unreadable = migrated.unreadable,
        file = migrated.unreadable_file.display(),
        old = migrated.moved_to.display()
    )
}

/// A template that could not be found, read or rendered: the engine's message as it is.
pub fn template_error(error: &TemplateError) -> Text {
    let template = escape_input(&error.template).into_owned();
    let message = escape_input(&error.message).into_owned();
    match error.line {
        Some(line) => msg!(
            "cli-template-error-at",
            template = template,
            line = line,
            message = message
        ),
        None => msg!("cli-template-error", template = template, message = message),
    }
}
