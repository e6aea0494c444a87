//! The saved draft: one JSON file in the data directory, so a composition survives a
//! dropped SSH link. The TUI saves on every change and on SIGHUP/SIGTERM (its signal
//! watcher, `tui/terminal.rs`), offers the draft again at the next start, and deletes it
//! once the note is produced.

use super::draft::Draft;
use crate::fsutil::{Existing, write_private};
use std::io;
use std::path::Path;

/// Why a saved draft could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("cannot read the saved draft {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("the saved draft {path} is damaged ({source}); it can be deleted")]
    Damaged {
        path: String,
        source: serde_json::Error,
    },
}

/// Saves `draft` atomically with mode 0600, replacing any earlier save.
pub fn save_draft(path: &Path, draft: &Draft) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(draft).map_err(io::Error::other)?;
    write_private(path, &json, Existing::Replace)
}

/// The saved draft, or `None` when there is none.
pub fn load_draft(path: &Path) -> Result<Option<Draft>, DraftError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(DraftError::Io {
                path: path.display().to_string(),
                source,
            });
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|source| DraftError::Damaged {
            path: path.display().to_string(),
            source,
        })
}

/// Deletes the saved draft; a draft that is already gone is fine.
pub fn delete_draft(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
