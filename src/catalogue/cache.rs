//! A cache of validated catalogues, so a repeated lookup (`ssh host pathways show …`, a
//! script calling `pathways search` in a loop) skips the TOML parse, which is most of a
//! whole process's time on a large catalogue.
//!
//! An entry serves only the file it was made from, as that file was:
//! - the catalogue is opened once; its size, times and inode come from that open file and
//!   its bytes are read from it, so a path switched meanwhile (a symlink flipped) cannot
//!   pair one file's stamp with another's content;
//! - the entry's slot is named after the file's canonical path, and the stamp inside must
//!   match the opened file (same size, modification and status-change times, inode and
//!   device: the status-change time moves on every write and cannot be set back);
//! - the executable that wrote it must be the one running (size, times and inode of the
//!   executable file: two builds of one version may lay entries out differently);
//! - a checksum of the entry must match (one changed byte and the entry is discarded);
//! - the entry and its directory must be the user's own and writable by no one else.
//!
//! No path is stored: the origin, the diagnostics' file name and a title taken from the
//! file's name are those of the path as given in this run. The cache is only an
//! optimisation: every failure to read or write it means a normal load.

use super::{Catalogue, LoadError, LoadOptions, Origin, load, parse_with};
use serde::{Deserialize, Serialize};
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Bumped when the entry's layout changes.
const FORMAT: u32 = 2;

/// The first bytes of every entry.
const MAGIC: &[u8; 8] = b"PWCACHE\0";

/// Size, times and place of a file: what must match for an entry to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    device: u64,
}

impl FileStamp {
    fn of(meta: &Metadata) -> Option<FileStamp> {
        let modified_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as i128;
        let (changed_ns, inode, device) = unix_identity(meta);
        Some(FileStamp {
            len: meta.len(),
            modified_ns,
            changed_ns,
            inode,
            device,
        })
    }
}

/// The catalogue's stamp, the running executable's, and the entry format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    format: u32,
    executable: FileStamp,
    catalogue: FileStamp,
}

impl Stamp {
    fn of(catalogue: &Metadata) -> Option<Stamp> {
        Some(Stamp {
            format: FORMAT,
            executable: executable_stamp()?,
            catalogue: FileStamp::of(catalogue)?,
        })
    }
}

/// The running executable's file stamp: cheap (one `stat`), unlike hashing 40 MB of binary
/// on every start. On Linux `/proc/self/exe` is the file actually running, even if it was
/// replaced on disk since.
fn executable_stamp() -> Option<FileStamp> {
    let meta = std::fs::metadata("/proc/self/exe")
        .or_else(|_| std::env::current_exe().and_then(std::fs::metadata))
        .ok()?;
    FileStamp::of(&meta)
}

#[cfg(unix)]
fn unix_identity(meta: &Metadata) -> (i128, u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let changed = meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128;
    (changed, meta.ino(), meta.dev())
}

#[cfg(not(unix))]
fn unix_identity(_meta: &Metadata) -> (i128, u64, u64) {
    (0, 0, 0)
}

/// Where a catalogue's entry lives and what it was stamped with: what a sibling entry
/// (the search index built from the same catalogue) is kept under, by the same rules.
#[derive(Debug, Clone)]
pub struct Slot {
    entry: PathBuf,
    stamp: Stamp,
}

impl Slot {
    /// A sibling entry's file: `catalogue-<hash>.<kind>.bin` beside the catalogue's.
    fn sibling(&self, kind: &str) -> PathBuf {
        self.entry.with_extension(format!("{kind}.bin"))
    }

    /// The sibling entry `kind`, when it is ours, intact, and was made from this file as it
    /// is now by this executable (the checks of the catalogue's own entry).
    pub fn read<T: serde::de::DeserializeOwned>(&self, kind: &str) -> Option<T> {
        read_entry(&self.sibling(kind), &self.stamp)
    }

    /// Stores `value` as the sibling entry `kind` (a failure to write is only a slower
    /// next run).
    pub fn write<T: Serialize>(&self, kind: &str, value: &T) {
        let _ = crate::fsutil::write_private_cache_with(&self.sibling(kind), |file| {
            stream_entry(file, &self.stamp, value)
        });
    }

    /// Stores `value` as the sibling entry `kind` and gives back what a process holding it
    /// for long should keep (read back by the private `laid_out`: see there).
    pub fn write_and_keep<T: Serialize + serde::de::DeserializeOwned>(
        &self,
        kind: &str,
        value: T,
        fits: impl Fn(&T) -> bool,
    ) -> T {
        self.write(kind, &value);
        laid_out(value, &self.sibling(kind), &self.stamp, fits)
    }
}

/// `value`, or for a process that holds what it loads for hours (the directory) the entry
/// just written from it read back: a parsed or built value lies among the holes its
/// temporaries left, which no allocator can give back, while a decoded one is laid out end
/// to end (about 10 MB less for a 10k catalogue, 3 MB for its index). `value` is kept when
/// the entry cannot be read back (a full disk) or does not `fits`.
fn laid_out<T: serde::de::DeserializeOwned>(
    value: T,
    entry: &Path,
    stamp: &Stamp,
    fits: impl Fn(&T) -> bool,
) -> T {
    if !crate::memory::compact() {
        return value;
    }
    match read_entry(entry, stamp).filter(|read| fits(read)) {
        Some(read) => {
            drop(value);
            // Given back before the next step allocates.
            crate::memory::return_free_memory();
            read
        }
        None => value,
    }
}

/// Loads `path`, from the cache in `cache_dir` when an entry provably holds this file,
/// with the slot of the catalogue's entry, for sibling entries: `None` when the file has no stable identity (it changed while it was read, or it was
/// deleted meanwhile), so nothing derived from it may be cached either.
pub fn load_cached_slot(
    path: &Path,
    cache_dir: &Path,
) -> Result<(Catalogue, Option<Slot>), LoadError> {
    let (mut file, meta) = load::open_catalogue(path)?;
    let stamp = Stamp::of(&meta);
    let entry = canonical_path(&file, path).map(|key| cache_dir.join(entry_name(&key)));
    if let (Some(stamp), Some(entry)) = (&stamp, &entry)
        && let Some(catalogue) = read_entry(entry, stamp)
    {
        let slot = Slot {
            entry: entry.clone(),
            stamp: *stamp,
        };
        return Ok((settle(catalogue, path), Some(slot)));
    }
    let mut catalogue = {
        // The text is freed before the entry is written: the two at once would raise the
        // load's peak memory.
        let text = load::read_open(&mut file, &meta, path)?;
        parse_with(
            &text,
            Origin::File(path.to_path_buf()),
            LoadOptions::for_use(),
        )?
    };
    // Written only when the file did not change while it was being read.
    let unchanged = stamp.as_ref().is_some_and(|s| {
        file.metadata()
            .ok()
            .and_then(|m| FileStamp::of(&m))
            .as_ref()
            == Some(&s.catalogue)
    });
    let slot = match (unchanged, stamp, entry) {
        (true, Some(stamp), Some(entry)) => {
            write_entry(&entry, &stamp, &mut catalogue);
            catalogue = settle(laid_out(catalogue, &entry, &stamp, |_| true), path);
            Some(Slot { entry, stamp })
        }
        _ => None,
    };
    Ok((catalogue, slot))
}

/// The canonical path of the opened file: from the descriptor itself where the system says
/// (so it names the file read, not what the path points to now), else by resolving `path`.
/// `None` for a file deleted since it was opened.
fn canonical_path(file: &File, path: &Path) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(target) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            return (!target.to_string_lossy().ends_with(" (deleted)")).then_some(target);
        }
    }
    let _ = file;
    std::fs::canonicalize(path).ok()
}

/// One slot per canonical path; the name says nothing readable about the path.
fn entry_name(canonical: &Path) -> String {
    let hash = xxhash_rust::xxh3::xxh3_128(canonical.as_os_str().as_encoded_bytes());
    format!("catalogue-{hash:032x}.bin")
}

/// The origin and file names of a catalogue from the cache, as given in this run.
fn settle(mut catalogue: Catalogue, path: &Path) -> Catalogue {
    catalogue.origin = Origin::File(path.to_path_buf());
    let name = catalogue.origin.display_name();
    for diagnostic in &mut catalogue.diagnostics {
        diagnostic.path.clone_from(&name);
    }
    catalogue
}

/// The entry at `entry`, if it is ours, intact, and made from the file `stamp` describes.
fn read_entry<T: serde::de::DeserializeOwned>(entry: &Path, stamp: &Stamp) -> Option<T> {
    let directory = std::fs::metadata(entry.parent()?).ok()?;
    let mut file = crate::fsutil::open_no_follow(entry).ok()?;
    let meta = file.metadata().ok()?;
    if !crate::fsutil::is_own_and_private(&directory)
        || !crate::fsutil::is_own_and_private(&meta)
        || !meta.is_file()
    {
        return None;
    }
    // The stamp first: an entry of the file as it was before an edit is discarded without
    // reading, hashing and decoding tens of MB.
    let header = MAGIC.len() + 8;
    // Sized for the whole entry at once: untouched capacity costs no memory, and one large
    // block is given back whole (grown from a small one, 20 directories parsing at once
    // summed to 1,100 MiB instead of 945).
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file)
        .take((header + STAMP_MAX) as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    let (sum, payload) = bytes
        .strip_prefix(MAGIC.as_slice())?
        .split_first_chunk::<8>()?;
    let sum = u64::from_le_bytes(*sum);
    let (found, rest) = postcard::take_from_bytes::<Stamp>(payload).ok()?;
    if found != *stamp {
        return None;
    }
    let body_start = bytes.len() - rest.len();
    file.read_to_end(&mut bytes).ok()?;
    if sum != xxhash_rust::xxh3::xxh3_64(&bytes[header..]) {
        return None;
    }
    postcard::from_bytes(&bytes[body_start..]).ok()
}

/// The most bytes a [`Stamp`] takes in postcard's varints: a `u32`, then twice three
/// `u64`s and two `i128`s, each at its widest.
const STAMP_MAX: usize = 5 + 2 * (3 * 10 + 2 * 19);

/// Writes the entry without any path in it: the origin and the diagnostics' file name are
/// blanked for the write and put back after.
fn write_entry(entry: &Path, stamp: &Stamp, catalogue: &mut Catalogue) {
    let origin = std::mem::replace(&mut catalogue.origin, Origin::Text(String::new()));
    let names: Vec<String> = catalogue
        .diagnostics
        .iter_mut()
        .map(|d| std::mem::take(&mut d.path))
        .collect();
    let _ =
        crate::fsutil::write_private_cache_with(entry, |file| stream_entry(file, stamp, catalogue));
    catalogue.origin = origin;
    for (diagnostic, name) in catalogue.diagnostics.iter_mut().zip(names) {
        diagnostic.path = name;
    }
}

/// Streams the entry into `file`, hashing as it goes, then fills in the checksum before
/// the payload: at 100k services the payload is 80 MB, which built in memory (and grown by
/// doubling) would raise the load's peak.
fn stream_entry<T: Serialize>(file: &mut File, stamp: &Stamp, value: &T) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    file.write_all(MAGIC)?;
    file.write_all(&[0; 8])?;
    // Buffered before the hashing, so the hash sees large blocks, not postcard's many
    // small writes.
    let hashing = Hashing {
        inner: &mut *file,
        hasher: xxhash_rust::xxh3::Xxh3::new(),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, hashing);
    postcard::to_io(&(stamp, value), &mut out).map_err(std::io::Error::other)?;
    let hashing = out.into_inner().map_err(|e| e.into_error())?;
    let sum = hashing.hasher.digest();
    file.seek(SeekFrom::Start(MAGIC.len() as u64))?;
    file.write_all(&sum.to_le_bytes())
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[catalogue]\nschema = 1\ntitle = \"Cached\"\ntimezone = \"UTC\"\n\n\
        [[needs]]\nid = \"food\"\nname = \"Food\"\n\n[[regions]]\nid = \"by\"\nname = \"Belarus\"\n\
        level = \"country\"\n\n[[organisations]]\nid = \"org\"\nname = \"Org\"\n\n\
        [[services]]\nid = \"meals\"\nname = \"Meals\"\norganisation = \"org\"\nneeds = [\"food\"]\n\
        regions = [\"by\"]\n[[services.phones]]\nnumber = \"+375 17 000-00-01\"\nkind = \"voice\"\n";

    /// A catalogue file and a cache directory in a fresh temporary directory.
    struct Setup {
        dir: tempfile::TempDir,
        file: PathBuf,
        cache: PathBuf,
    }

    fn setup(text: &str) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("catalogue.toml");
        let cache = dir.path().join("cache");
        std::fs::write(&file, text).unwrap();
        Setup { dir, file, cache }
    }

    fn entries(cache: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(cache)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    }

    /// The catalogue as the real path loads it (the slot is for the search index).
    fn load_cached(path: &Path, cache_dir: &Path) -> Result<Catalogue, LoadError> {
        load_cached_slot(path, cache_dir).map(|(catalogue, _)| catalogue)
    }

    fn service_name(catalogue: &Catalogue) -> &str {
        &catalogue.services[0].name
    }

    #[test]
    fn an_unchanged_file_comes_from_the_cache_and_a_changed_one_is_read_again() {
        let s = setup(TEXT);
        let first = load_cached(&s.file, &s.cache).unwrap();
        assert_eq!(entries(&s.cache).len(), 1, "one entry written");
        let second = load_cached(&s.file, &s.cache).unwrap();
        assert_eq!(service_name(&second), service_name(&first));
        assert_eq!(second.diagnostics, first.diagnostics);
        // Same size, new content: the status-change time moves, so the entry is not used.
        std::fs::write(&s.file, TEXT.replace("Meals", "Mealz")).unwrap();
        assert_eq!(
            service_name(&load_cached(&s.file, &s.cache).unwrap()),
            "Mealz"
        );
    }

    #[test]
    fn a_damaged_entry_means_a_normal_load() {
        let s = setup(TEXT);
        load_cached(&s.file, &s.cache).unwrap();
        for entry in entries(&s.cache) {
            std::fs::write(entry, b"not postcard").unwrap();
        }
        assert_eq!(
            service_name(&load_cached(&s.file, &s.cache).unwrap()),
            "Meals"
        );
    }

    /// Issue 16 (b): one changed byte in a cached entry (a phone number) was served.
    #[test]
    fn one_changed_byte_in_an_entry_is_caught_by_the_checksum() {
        let s = setup(TEXT);
        load_cached(&s.file, &s.cache).unwrap();
        let entry = entries(&s.cache).remove(0);
        let mut bytes = std::fs::read(&entry).unwrap();
        let at = memchr::memmem::find(&bytes, b"000-00-01").unwrap();
        bytes[at] = b'9';
        std::fs::write(&entry, &bytes).unwrap();
        let loaded = load_cached(&s.file, &s.cache).unwrap();
        assert_eq!(loaded.services[0].phones[0].number, "+375 17 000-00-01");
    }

    /// The stamp is read before the body in at most [`STAMP_MAX`] bytes: the widest one
    /// fits, so no entry is refused for a stamp cut short.
    #[test]
    fn the_widest_stamp_fits_in_what_is_read_before_the_body() {
        let widest = FileStamp {
            len: u64::MAX,
            modified_ns: i128::MIN,
            changed_ns: i128::MIN,
            inode: u64::MAX,
            device: u64::MAX,
        };
        let stamp = Stamp {
            format: u32::MAX,
            executable: widest,
            catalogue: widest,
        };
        assert_eq!(postcard::to_allocvec(&stamp).unwrap().len(), STAMP_MAX);
    }

    /// Issue 16 (a): an entry made from another file (a symlink flipped during a cold load)
    /// is never served for this one, even when it sits in this file's slot.
    #[test]
    fn an_entry_made_from_another_file_is_not_served() {
        let s = setup(TEXT);
        let other = s.dir.path().join("other.toml");
        std::fs::write(&other, TEXT.replace("Meals", "Other")).unwrap();
        load_cached(&other, &s.cache).unwrap();
        let other_entry = entries(&s.cache).remove(0);
        let canonical = std::fs::canonicalize(&s.file).unwrap();
        std::fs::copy(&other_entry, s.cache.join(entry_name(&canonical))).unwrap();
        assert_eq!(
            service_name(&load_cached(&s.file, &s.cache).unwrap()),
            "Meals"
        );
        // And through a symlink flipped from one to the other.
        let link = s.dir.path().join("current.toml");
        std::os::unix::fs::symlink(&s.file, &link).unwrap();
        assert_eq!(
            service_name(&load_cached(&link, &s.cache).unwrap()),
            "Meals"
        );
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(&other, &link).unwrap();
        assert_eq!(
            service_name(&load_cached(&link, &s.cache).unwrap()),
            "Other"
        );
        assert_eq!(
            service_name(&load_cached(&s.file, &s.cache).unwrap()),
            "Meals"
        );
    }

    /// Issue 16 (c): the origin was cached, so the same file reached by another path showed
    /// the first path (title, `e`, diagnostics).
    #[test]
    fn the_path_comes_from_this_run_and_is_never_stored() {
        let faulty = "[[services]]\nid = \"bad\"\nname = \"Bad\"\norganisation = \"org\"\n\
            needs = [\"nope\"]\nregions = [\"by\"]\n";
        let s = setup(&(TEXT.replace("title = \"Cached\"\n", "") + faulty));
        load_cached(&s.file, &s.cache).unwrap();
        let bytes = std::fs::read(entries(&s.cache).remove(0)).unwrap();
        let dir = s.dir.path().to_string_lossy().into_owned();
        assert!(memchr::memmem::find(&bytes, dir.as_bytes()).is_none());
        let other_way = s.dir.path().join(".").join("catalogue.toml");
        let loaded = load_cached(&other_way, &s.cache).unwrap();
        assert_eq!(entries(&s.cache).len(), 1, "one slot for one file");
        assert_eq!(loaded.origin, Origin::File(other_way.clone()));
        assert_eq!(loaded.title(), "catalogue.toml");
        assert!(!loaded.diagnostics.is_empty());
        assert!(
            loaded
                .diagnostics
                .iter()
                .all(|d| d.path == other_way.display().to_string())
        );
    }

    /// Issue 16 (d): entries were keyed on the package version, so two builds shared them.
    #[test]
    fn an_entry_from_another_executable_is_not_used() {
        let s = setup(TEXT);
        let meta = std::fs::metadata(&s.file).unwrap();
        let mut stamp = Stamp::of(&meta).unwrap();
        stamp.executable.modified_ns += 1;
        let mut forged = parse_with(
            &TEXT.replace("Meals", "Forged"),
            Origin::File(s.file.clone()),
            LoadOptions::for_use(),
        )
        .unwrap();
        let canonical = std::fs::canonicalize(&s.file).unwrap();
        let entry = s.cache.join(entry_name(&canonical));
        write_entry(&entry, &stamp, &mut forged);
        assert_eq!(
            service_name(&load_cached(&s.file, &s.cache).unwrap()),
            "Meals"
        );
        // The same entry with this executable's stamp is used: the check above is the one
        // that refused it.
        write_entry(&entry, &Stamp::of(&meta).unwrap(), &mut forged);
        assert_eq!(
            service_name(&load_cached(&s.file, &s.cache).unwrap()),
            "Forged"
        );
    }

    /// A sibling entry (the search index) follows the catalogue's rules: it serves the file
    /// it was made from, as it was, and one changed byte discards it.
    #[test]
    fn a_sibling_entry_serves_only_the_file_it_was_made_from() {
        let s = setup(TEXT);
        let (_, slot) = load_cached_slot(&s.file, &s.cache).unwrap();
        let slot = slot.expect("a file with a stable identity has a slot");
        assert_eq!(slot.read::<Vec<u32>>("test"), None);
        slot.write("test", &vec![7u32, 8, 9]);
        let (_, warm) = load_cached_slot(&s.file, &s.cache).unwrap();
        assert_eq!(warm.unwrap().read::<Vec<u32>>("test"), Some(vec![7, 8, 9]));
        let sibling = slot.sibling("test");
        let mut bytes = std::fs::read(&sibling).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        std::fs::write(&sibling, &bytes).unwrap();
        assert_eq!(slot.read::<Vec<u32>>("test"), None, "checksum");
        slot.write("test", &vec![7u32, 8, 9]);
        // The file changes: the old sibling no longer matches its stamp.
        std::fs::write(&s.file, TEXT.replace("Meals", "Mealz")).unwrap();
        let (_, changed) = load_cached_slot(&s.file, &s.cache).unwrap();
        assert_eq!(changed.unwrap().read::<Vec<u32>>("test"), None);
    }

    #[cfg(unix)]
    #[test]
    fn an_entry_others_could_write_or_own_is_not_used() {
        use std::os::unix::fs::PermissionsExt;
        let s = setup(TEXT);
        let meta = std::fs::metadata(&s.file).unwrap();
        let mut forged = parse_with(
            &TEXT.replace("Meals", "Forged"),
            Origin::File(s.file.clone()),
            LoadOptions::for_use(),
        )
        .unwrap();
        let canonical = std::fs::canonicalize(&s.file).unwrap();
        let entry = s.cache.join(entry_name(&canonical));
        write_entry(&entry, &Stamp::of(&meta).unwrap(), &mut forged);
        std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(0o664)).unwrap();
        assert_eq!(
            service_name(&load_cached(&s.file, &s.cache).unwrap()),
            "Meals"
        );
        // The load rewrote a private entry from the file; forge it again, this time in a
        // directory others may write to.
        write_entry(&entry, &Stamp::of(&meta).unwrap(), &mut forged);
        std::fs::set_permissions(&s.cache, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert_eq!(
            service_name(&load_cached(&s.file, &s.cache).unwrap()),
            "Meals"
        );
        std::fs::set_permissions(&s.cache, std::fs::Permissions::from_mode(0o700)).unwrap();
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            write_entry(&entry, &Stamp::of(&meta).unwrap(), &mut forged);
            std::os::unix::fs::chown(&entry, Some(65534), Some(65534)).unwrap();
            assert_eq!(
                service_name(&load_cached(&s.file, &s.cache).unwrap()),
                "Meals"
            );
        }
    }
}
