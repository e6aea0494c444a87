//! Writing files safely: atomically (a temporary file in the same directory, then a rename)
//! and owner-only (mode 0600), so a crash never leaves half a file and no other user on a
//! shared host can read what Pathways wrote.

use std::io::{self, Write};
use std::path::Path;

/// What to do when the target exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Keep it and fail with `ErrorKind::AlreadyExists`.
    Keep,
    Replace,
}

/// Writes `contents` to `path` atomically with mode 0600, creating parent directories
/// (mode 0700): for Pathways' own files (config, data directory).
pub fn write_private(path: &Path, contents: &[u8], existing: Existing) -> io::Result<()> {
    create_private_dir(parent_of(path))?;
    write_private_file(path, contents, existing)
}

/// Like [`write_private`], but the directory must exist: for a path the user typed (a
/// mistyped directory should fail, not be created).
pub fn write_private_file(path: &Path, contents: &[u8], existing: Existing) -> io::Result<()> {
    write_atomically(path, contents, existing, true)
}

/// For caches: atomic and owner-only like [`write_private`], but not flushed to disk: an
/// entry lost in a crash is rebuilt, and the flush would cost more than the cache saves.
pub fn write_private_cache(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_private_cache_with(path, |file| file.write_all(contents))
}

/// Like [`write_private_cache`], with the contents written by `write` into the temporary
/// file (which it may seek in): a large entry is streamed rather than built in memory.
pub fn write_private_cache_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    create_private_dir(parent_of(path))?;
    write_atomically_with(path, write, Existing::Replace, false)
}

/// Writes a new file readable by everyone (0644), atomically, creating its directory (0755):
/// for settings shared by every user of a host, such as the system config. Never replaces
/// an existing file (`ErrorKind::AlreadyExists`).
pub fn write_shared_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o755);
    builder.create(parent_of(path))?;
    let mut file = tempfile::Builder::new()
        .prefix(".pathways-")
        .permissions(mode(0o644))
        .tempfile_in(parent_of(path))?;
    file.write_all(contents)?;
    file.as_file().sync_all()?;
    file.persist_noclobber(path)
        .map(|_| ())
        .map_err(|e| e.error)
}

fn write_atomically(
    path: &Path,
    contents: &[u8],
    existing: Existing,
    sync: bool,
) -> io::Result<()> {
    write_atomically_with(path, |file| file.write_all(contents), existing, sync)
}

fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
    existing: Existing,
    sync: bool,
) -> io::Result<()> {
    let mut file = tempfile::Builder::new()
        .prefix(".pathways-")
        .permissions(private_permissions())
        .tempfile_in(parent_of(path))?;
    write(file.as_file_mut())?;
    if sync {
        file.as_file().sync_all()?;
    }
    match existing {
        Existing::Replace => file.persist(path).map(|_| ()).map_err(|e| e.error),
        Existing::Keep => file
            .persist_noclobber(path)
            .map(|_| ())
            .map_err(|e| e.error),
    }
}

/// The folder `path` is in (`.` for a bare file name).
pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Creates a directory and its parents, owner-only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// File permissions from mode bits (Pathways runs on Unix: its clipboard and terminal code
/// already require it).
fn mode(bits: u32) -> std::fs::Permissions {
    std::os::unix::fs::PermissionsExt::from_mode(bits)
}

/// True when a file (or directory) may be trusted as Pathways' own: owned by the user running
/// it and writable by no one else. Whatever Pathways reads back that it wrote itself (cache
/// entries, files a shared server keeps) passes this first: a file another user could have
/// placed or changed is not read.
#[cfg(unix)]
pub fn is_own_and_private(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    meta.uid() == me && meta.mode() & 0o022 == 0
}

/// Without Unix owners and modes, the platform's own access control is all there is.
#[cfg(not(unix))]
pub fn is_own_and_private(_meta: &std::fs::Metadata) -> bool {
    true
}

/// Whether a file's (or folder's) mode lets users other than its owner and group in:
/// `None` when it does not (passing through a folder, `o+x`, does not count), else
/// `Some(writable)`: they may read it, or (`true`) write it.
#[cfg(unix)]
pub fn open_to_others(meta: &std::fs::Metadata) -> Option<bool> {
    use std::os::unix::fs::MetadataExt;
    let mode = meta.mode();
    (mode & 0o006 != 0).then_some(mode & 0o002 != 0)
}

/// Without Unix modes, the platform's own access control is all there is.
#[cfg(not(unix))]
pub fn open_to_others(_meta: &std::fs::Metadata) -> Option<bool> {
    None
}

/// Whether the user running Pathways may write `path`, as the kernel decides (owner,
/// group, mode, ACLs, a read-only mount), for the effective user. A path that cannot be
/// checked counts as not writable.
#[cfg(unix)]
pub fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: the path is a valid NUL-terminated string for the duration of the call.
    unsafe {
        libc::faccessat(
            libc::AT_FDCWD,
            c_path.as_ptr(),
            libc::W_OK,
            libc::AT_EACCESS,
        ) == 0
    }
}

/// Without Unix permissions, a read-only flag is all there is.
#[cfg(not(unix))]
pub fn may_write(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// Opens a file for reading without following a symbolic link at its last component.
pub fn open_no_follow(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    options.open(path)
}

fn private_permissions() -> std::fs::Permissions {
    mode(0o600)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_owner_only_and_keeps_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/note.txt");
        write_private(&path, b"one", Existing::Keep).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let err = write_private(&path, b"two", Existing::Keep).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_private(&path, b"three", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        assert!(is_own_and_private(&std::fs::metadata(&path).unwrap()));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o620)).unwrap();
        assert!(!is_own_and_private(&std::fs::metadata(&path).unwrap()));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o602)).unwrap();
        assert!(!is_own_and_private(&std::fs::metadata(&path).unwrap()));
        let typo = dir.path().join("no-such-dir/note.txt");
        assert!(write_private_file(&typo, b"x", Existing::Keep).is_err());
        assert!(!dir.path().join("no-such-dir").exists());
    }

    #[test]
    fn only_what_others_may_touch_is_open_to_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.db");
        std::fs::write(&path, b"").unwrap();
        let open = |mode| {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            open_to_others(&std::fs::metadata(&path).unwrap())
        };
        assert_eq!(open(0o2770), None);
        assert_eq!(open(0o660), None);
        assert_eq!(open(0o771), None, "others may pass through, not list");
        assert_eq!(open(0o664), Some(false));
        assert_eq!(open(0o662), Some(true));
        assert_eq!(open(0o666), Some(true));
    }
}
