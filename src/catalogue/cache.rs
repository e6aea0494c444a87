//! A cache of validated catalogues, so a repeated lookup (`ssh host pathways show …`, a
//! script calling `pathways search` in a loop) skips the TOML parse, which is most of a
//! whole process's time on a large catalogue.
//!
//! An entry is used only when the file is provably unchanged: same size, modification and
//! status-change times (the latter moves on every write and cannot be set back by tools like
//! `touch -r`), same inode, and the same binary that wrote it. Anything else, or an entry
//! that does not decode, means a normal load, after which the entry is rewritten. The cache
//! is only an optimisation: every failure to read or write it is ignored.

use super::{Catalogue, LoadError, LoadOptions, load_with};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Bumped when the cached shape changes; with the crate version it names the writer.
const FORMAT: u32 = 2;

/// What must match for an entry to be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    format: u32,
    writer: String,
    path: PathBuf,
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    device: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let path = std::fs::canonicalize(path).ok()?;
        let meta = std::fs::metadata(&path).ok()?;
        let (changed_ns, inode, device) = unix_identity(&meta);
        let modified_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as i128;
        Some(Stamp {
            format: FORMAT,
            writer: env!("CARGO_PKG_VERSION").to_string(),
            path,
            len: meta.len(),
            modified_ns,
            changed_ns,
            inode,
            device,
        })
    }
}

#[cfg(unix)]
fn unix_identity(meta: &std::fs::Metadata) -> (i128, u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let changed = meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128;
    (changed, meta.ino(), meta.dev())
}

#[cfg(not(unix))]
fn unix_identity(_meta: &std::fs::Metadata) -> (i128, u64, u64) {
    (0, 0, 0)
}

/// Loads `path`, from the cache in `cache_dir` when the file is unchanged.
pub fn load_cached(path: &Path, cache_dir: &Path) -> Result<Catalogue, LoadError> {
    let Some(stamp) = Stamp::of(path) else {
        return load_with(path, LoadOptions::for_use());
    };
    let entry = cache_dir.join(entry_name(&stamp.path));
    if let Some(catalogue) = read_entry(&entry, &stamp) {
        return Ok(catalogue);
    }
    let catalogue = load_with(path, LoadOptions::for_use())?;
    // Written only when the file did not change while it was being read.
    if Stamp::of(path).as_ref() == Some(&stamp) {
        write_entry(&entry, &stamp, &catalogue);
    }
    Ok(catalogue)
}

/// One entry per catalogue path.
fn entry_name(path: &Path) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    path.hash(&mut hasher);
    format!("catalogue-{:016x}.bin", hasher.finish())
}

fn read_entry(entry: &Path, stamp: &Stamp) -> Option<Catalogue> {
    let bytes = std::fs::read(entry).ok()?;
    let (found, catalogue): (Stamp, Catalogue) = postcard::from_bytes(&bytes).ok()?;
    (found == *stamp).then_some(catalogue)
}

fn write_entry(entry: &Path, stamp: &Stamp, catalogue: &Catalogue) {
    if let Ok(bytes) = postcard::to_stdvec(&(stamp, catalogue)) {
        let _ = crate::fsutil::write_private_cache(entry, &bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[catalogue]\nschema = 1\ntitle = \"Cached\"\ntimezone = \"UTC\"\n\n\
        [[needs]]\nid = \"food\"\nname = \"Food\"\n\n[[regions]]\nid = \"by\"\nname = \"Belarus\"\n\
        level = \"country\"\n\n[[organisations]]\nid = \"org\"\nname = \"Org\"\n\n\
        [[services]]\nid = \"meals\"\nname = \"Meals\"\norganisation = \"org\"\nneeds = [\"food\"]\n\
        regions = [\"by\"]\n";

    #[test]
    fn an_unchanged_file_comes_from_the_cache_and_a_changed_one_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("catalogue.toml");
        let cache = dir.path().join("cache");
        std::fs::write(&file, TEXT).unwrap();
        let first = load_cached(&file, &cache).unwrap();
        let entries: Vec<_> = std::fs::read_dir(&cache).unwrap().collect();
        assert_eq!(entries.len(), 1, "one entry written");
        let second = load_cached(&file, &cache).unwrap();
        assert_eq!(second.services[0].name, first.services[0].name);
        assert_eq!(second.diagnostics, first.diagnostics);
        // Same size, new content: the status-change time moves, so the entry is not used.
        std::fs::write(&file, TEXT.replace("Meals", "Mealz")).unwrap();
        assert_eq!(
            load_cached(&file, &cache).unwrap().services[0].name,
            "Mealz"
        );
    }

    #[test]
    fn a_damaged_entry_means_a_normal_load() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("catalogue.toml");
        let cache = dir.path().join("cache");
        std::fs::write(&file, TEXT).unwrap();
        load_cached(&file, &cache).unwrap();
        for entry in std::fs::read_dir(&cache).unwrap() {
            std::fs::write(entry.unwrap().path(), b"not postcard").unwrap();
        }
        assert_eq!(
            load_cached(&file, &cache).unwrap().services[0].name,
            "Meals"
        );
    }
}
