//! Where a note goes: the clipboard or a file (stdout is the caller's). One pair of
//! functions for the CLI flags and the TUI keys (Ctrl-y, Ctrl-o), each returning where the
//! note went in words for the status line or stderr.

use super::render::Note;
use crate::clipboard::{self, Copied, CopyError, CopyWarning, Environment};
use crate::config::ClipboardConfig;
use crate::fsutil::{Existing, write_private_file};
use std::io;
use std::path::{Path, PathBuf};

/// Where a note went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    Clipboard(Copied),
    File(PathBuf),
}

impl Delivered {
    /// Warnings the operator should see (e.g. a payload some terminals drop).
    pub fn warnings(&self) -> &[CopyWarning] {
        match self {
            Delivered::Clipboard(copied) => &copied.warnings,
            Delivered::File(_) => &[],
        }
    }
}

/// Why a note could not be delivered.
#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error(transparent)]
    Copy(CopyError),
    /// The file exists and may not be replaced.
    #[error("{} exists", shown(.0))]
    Exists(PathBuf),
    #[error("cannot write {path}: {error}", path = shown(.0), error = .1)]
    Write(PathBuf, io::Error),
}

/// A path the user typed, safe to echo.
fn shown(path: &Path) -> String {
    crate::text::escape_input(&path.display().to_string()).into_owned()
}

/// Sends the note to the clipboard (see [`crate::clipboard::copy`] for the paths).
pub fn copy_note(
    note: &Note,
    config: &ClipboardConfig,
    env: Environment,
) -> Result<Delivered, DeliverError> {
    clipboard::copy(&note.text, config, env)
        .map(Delivered::Clipboard)
        .map_err(DeliverError::Copy)
}

/// Writes the note to `path` atomically with mode 0600; an existing file is kept unless
/// `overwrite`.
pub fn write_note(note: &Note, path: &Path, overwrite: bool) -> Result<Delivered, DeliverError> {
    if !overwrite && path.exists() {
        return Err(DeliverError::Exists(path.to_path_buf()));
    }
    let existing = if overwrite {
        Existing::Replace
    } else {
        Existing::Keep
    };
    write_private_file(path, note.text.as_bytes(), existing).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            DeliverError::Exists(path.to_path_buf())
        } else {
            DeliverError::Write(path.to_path_buf(), e)
        }
    })?;
    Ok(Delivered::File(path.to_path_buf()))
}
