//! Private files: written whole or not at all, readable by the owner only.
//!
//! A note or a draft holds case details; a half-written file or one other users can read is
//! worse than none. Everything goes to a temporary file (mode 0600) in the same directory,
//! is synced, then renamed over the target, so a reader sees the old file or the new one.

use std::fs::{DirBuilder, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

/// The mode of every file Pathways writes with case details: owner read and write only.
pub const PRIVATE_MODE: u32 = 0o600;

/// Writes `bytes` to `path` atomically with mode 0600. Without `overwrite`, an existing
/// file is kept and the error is [`io::ErrorKind::AlreadyExists`].
pub fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".pathways-")
        .permissions(Permissions::from_mode(PRIVATE_MODE))
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    let persisted = if overwrite {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    persisted.map(drop).map_err(|e| e.error)
}

/// Creates the data directory (mode 0700: history and drafts are nobody else's business).
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn writes_0600_and_keeps_existing_files_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.txt");
        write_private(&path, b"one", false).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
        let error = write_private(&path, b"two", false).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_private(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }
}
