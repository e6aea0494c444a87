//! Notices when the catalogue file changes on disk, so every open directory on a shared
//! host follows the data manager's edit within moments.
//!
//! File-system notifications (inotify on Linux, through `notify`), never polling: while
//! nothing changes, no thread wakes. The parent directory is watched, not the file, so an
//! editor's save by rename-over and a git checkout (unlink, create) are seen as well as a
//! write in place. Events are debounced: a save arrives as several, and the reload waits
//! until the directory has been quiet for [`QUIET`]. Then the watcher's thread says so on a
//! channel and wakes the event loop (see [`super::terminal::wake`]).

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// How long the catalogue's directory must stay quiet before the reload.
pub const QUIET: Duration = Duration::from_millis(200);

/// A running watch on one catalogue file; dropping it stops the watch.
pub struct CatalogueWatch {
    _watcher: RecommendedWatcher,
    changed: Receiver<()>,
}

impl CatalogueWatch {
    /// Watches `path` (its directory); `wake` is called from the watcher's thread after
    /// each settled change.
    pub fn start(path: &Path, wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let name = path.file_name().map(OsString::from).unwrap_or_default();
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let (events_in, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = events_in.send(event);
        })?;
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        let (changed_in, changed) = channel();
        std::thread::Builder::new()
            .name("pathways-watch".to_string())
            .spawn(move || {
                while let Ok(event) = events.recv() {
                    let Ok(event) = event else { continue };
                    if !touches(&event, &name) {
                        continue;
                    }
                    // Settle: every further event restarts the wait; the watch ending ends it.
                    loop {
                        match events.recv_timeout(QUIET) {
                            Ok(_) => continue,
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    if changed_in.send(()).is_err() {
                        return;
                    }
                    wake();
                }
            })
            .map_err(notify::Error::io)?;
        Ok(CatalogueWatch {
            _watcher: watcher,
            changed,
        })
    }

    /// Whether the file changed since the last call.
    pub fn changed(&self) -> bool {
        self.changed.try_iter().count() > 0
    }
}

/// Whether an event changes the file named `name`: written, created, renamed, removed or
/// its permissions changed. Reads (our own reload opens the file) are not changes.
fn touches(event: &notify::Event, name: &OsString) -> bool {
    let changes = matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Modify(_)
            | EventKind::Remove(_)
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
    );
    changes
        && event
            .paths
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::Instant;

    /// The watch sees a rename over the file (how editors save) and wakes once per save.
    #[test]
    fn a_rename_over_the_file_is_one_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("catalogue.toml");
        std::fs::write(&file, "one").unwrap();
        let (woke_in, woke) = channel();
        let watch = CatalogueWatch::start(&file, move || {
            let _ = woke_in.send(());
        })
        .unwrap();
        std::fs::write(dir.path().join("other.toml"), "not ours").unwrap();
        let started = Instant::now();
        let temp = dir.path().join(".catalogue.toml.swp");
        std::fs::write(&temp, "two").unwrap();
        std::fs::rename(&temp, &file).unwrap();
        woke.recv_timeout(Duration::from_secs(2))
            .expect("woken within 2 s");
        assert!(started.elapsed() >= QUIET, "debounced");
        assert!(watch.changed());
        assert!(!watch.changed(), "taken once");
        assert!(
            woke.recv_timeout(QUIET * 3).is_err(),
            "one save, one wake-up"
        );
    }

    #[test]
    fn another_file_in_the_directory_is_no_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("catalogue.toml");
        std::fs::write(&file, "one").unwrap();
        let watch = CatalogueWatch::start(&file, || {}).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let _ = std::fs::read(&file).unwrap();
        std::thread::sleep(QUIET * 2);
        assert!(!watch.changed());
    }
}
