//! The saved draft: one JSON file in the data directory, so a composition survives a
//! dropped SSH link. The TUI saves on every change and on SIGHUP/SIGTERM, offers the draft
//! again at the next start, and deletes it once the note is produced.

use super::draft::Draft;
use crate::fsutil::{Existing, write_private};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

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

/// Keeps the saved draft in step with the composer: saves when the draft changed, and
/// deletes it once the note is produced. The TUI holds one for the composer's lifetime.
#[derive(Debug)]
pub struct DraftKeeper {
    path: PathBuf,
    saved: Option<Draft>,
}

impl DraftKeeper {
    pub fn new(path: impl Into<PathBuf>) -> DraftKeeper {
        DraftKeeper {
            path: path.into(),
            saved: None,
        }
    }

    /// The draft a previous session left, to offer again at start.
    pub fn restore(&mut self) -> Result<Option<Draft>, DraftError> {
        let draft = load_draft(&self.path)?;
        self.saved.clone_from(&draft);
        Ok(draft)
    }

    /// Saves `draft` unless it is what was saved last; returns whether it wrote.
    pub fn changed(&mut self, draft: &Draft) -> io::Result<bool> {
        if self.saved.as_ref() == Some(draft) {
            return Ok(false);
        }
        save_draft(&self.path, draft)?;
        self.saved = Some(draft.clone());
        Ok(true)
    }

    /// Saves `draft` whatever was saved before: for SIGHUP/SIGTERM, when the file on disk
    /// may have been removed meanwhile.
    pub fn save_now(&mut self, draft: &Draft) -> io::Result<()> {
        save_draft(&self.path, draft)?;
        self.saved = Some(draft.clone());
        Ok(())
    }

    /// The note was produced: the draft is no longer needed.
    pub fn finished(&mut self) -> io::Result<()> {
        self.saved = None;
        delete_draft(&self.path)
    }
}

/// A flag that SIGHUP (the SSH link dropped) and SIGTERM set, for an event loop to check
/// and then save the draft and leave cleanly. Registering replaces neither signal's other
/// handlers.
pub fn hangup_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}
