//! Open Referral's Human Services Data Specification (HSDS): import a directory published
//! as HSDS (1.x, 2.0 or 3.0; CSV datapackage folder, `.zip` or JSON) into a catalogue, and
//! export a catalogue as an HSDS 3.0 datapackage or `service_full` JSON.
//!
//! The import reads every file into plain tables ([`package`]), tells the version
//! ([`version`]), groups rows by owner ([`index`]), applies the mapping rules ([`mapping`],
//! [`schedule`], [`taxonomy`], [`regions`], [`lang`]) and writes TOML ([`out`]) with a
//! [`report`] of what it did. The rules are documented in `docs/import-export.md`.

pub mod export;
pub mod ids;
pub mod index;
pub mod json;
pub mod lang;
pub mod mapfile;
pub mod mapping;
pub mod out;
pub mod package;
pub mod regions;
pub mod report;
pub mod resources;
pub mod schedule;
pub mod taxonomy;
pub mod version;

pub use mapfile::MapFile;
pub use mapping::Options;
pub use report::Report;
pub use version::Version;

use std::path::{Path, PathBuf};

/// Why an import or export could not be done.
#[derive(Debug, thiserror::Error)]
pub enum HsdsError {
    /// PATH is not HSDS data (exit 2).
    #[error("not HSDS data: {0}")]
    NotHsds(String),
    /// The package holds no service that could be read (exit 2).
    #[error("no service could be read from {0}")]
    NoServices(String),
    /// The `--map` file is malformed (exit 2).
    #[error("bad --map file: {0}")]
    BadMap(String),
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl HsdsError {
    pub fn io(path: &Path, source: std::io::Error) -> HsdsError {
        HsdsError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// An import's result: the catalogue's TOML text and the report.
pub struct Imported {
    pub toml: String,
    pub report: Report,
    /// Rows in the package, to decide on a progress bar.
    pub rows: usize,
}

/// Packages with more rows than this show a progress bar (when stderr is a terminal).
const PROGRESS_ROWS: usize = 5000;

/// Imports the HSDS data at `path`, advancing `progress` once per service row (a hidden
/// bar when nobody watches).
pub fn import(
    path: &Path,
    options: &Options,
    map: Option<&MapFile>,
    progress: &indicatif::ProgressBar,
) -> Result<Imported, HsdsError> {
    let package = package::Package::open(path)?;
    if package.row_count() <= PROGRESS_ROWS {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let services = package.table(&["services"]).map_or(0, |t| t.len());
    progress.set_length(services as u64);
    let (catalogue, report) = mapping::build(&package, options, map, &mut || progress.inc(1));
    progress.finish_and_clear();
    if catalogue.services.is_empty() {
        return Err(HsdsError::NoServices(path.display().to_string()));
    }
    Ok(Imported {
        toml: catalogue.to_toml(),
        report,
        rows: package.row_count(),
    })
}
