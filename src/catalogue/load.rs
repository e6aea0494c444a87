//! From TOML text to a validated [`Catalogue`], reporting every problem at its line and
//! column.
//!
//! The file is cut at its top-level headers (`[catalogue]`, `[[services]]`, …) and each
//! record is parsed on its own: memory stays near the size of one record's tree rather than
//! the whole document's, and each record's faults stay its own. A record with errors is left
//! out (and what depends only on it); the rest loads.

use super::reader::Sink;
use super::records::{RawCatalogue, read_chunk};
use super::*;
use rayon::prelude::*;
use std::fmt;
use std::path::Path;

/// Records parsed in parallel per batch.
const PARALLEL_BATCH: usize = 2048;

/// Catalogue files larger than this are refused before reading (a 100k-service catalogue is
/// about 70 MB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Why a catalogue could not be used at all.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read (missing, a directory, no permission, too large).
    Unreadable { path: String, reason: String },
    /// The text is not a catalogue: not UTF-8, not TOML, or not the right shape. Each
    /// problem is a diagnostic.
    Invalid(Vec<Diagnostic>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable { path, reason } => {
                write!(f, "cannot read catalogue {path}: {reason}")
            }
            LoadError::Invalid(diagnostics) => {
                let first = diagnostics
                    .first()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                write!(f, "{first}")?;
                if diagnostics.len() > 1 {
                    write!(f, " (and {} more)", diagnostics.len() - 1)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// What a load should do beyond the basics.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Parse every distinct `opening_hours` string (slow, ~18 µs each): `check` does,
    /// other commands parse hours only when they need them.
    pub check_opening_hours: bool,
    /// Compute warnings (stale, no public channel, …). Only `check` prints them, so the
    /// commands that just use the catalogue skip the work.
    pub warnings: bool,
}

impl Default for LoadOptions {
    /// Errors and warnings; opening hours left unparsed.
    fn default() -> Self {
        LoadOptions {
            check_opening_hours: false,
            warnings: true,
        }
    }
}

impl LoadOptions {
    /// For a command that uses the catalogue rather than checking it: errors only (they
    /// decide what is left out and the one-line summary).
    pub fn for_use() -> Self {
        LoadOptions {
            check_opening_hours: false,
            warnings: false,
        }
    }

    /// For `pathways check`: everything.
    pub fn for_check() -> Self {
        LoadOptions {
            check_opening_hours: true,
            warnings: true,
        }
    }
}

/// Loads a catalogue file.
pub fn load(path: &Path) -> Result<Catalogue, LoadError> {
    load_with(path, LoadOptions::default())
}

/// Loads a catalogue file with options (used by `check`).
pub fn load_with(path: &Path, options: LoadOptions) -> Result<Catalogue, LoadError> {
    let text = read_text(path)?;
    parse_with(&text, Origin::File(path.to_path_buf()), options)
}

/// Loads the embedded default catalogue.
pub fn load_embedded() -> Result<Catalogue, LoadError> {
    parse_catalogue(EMBEDDED_CATALOGUE, Origin::Embedded)
}

/// Parses catalogue text with default options.
pub fn parse_catalogue(text: &str, origin: Origin) -> Result<Catalogue, LoadError> {
    parse_with(text, origin, LoadOptions::default())
}

/// Reads a file as UTF-8 text, refusing directories, huge files and invalid bytes with one
/// clear message each.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let unreadable = |reason: String| LoadError::Unreadable {
        path: name.clone(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(unreadable("it is a directory, not a file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(unreadable(format!(
            "it is {} MB, more than the {} MB a catalogue may be",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(io_reason(&e)))?;
    // simdutf8 checks the common, valid case several times faster than std; std's error
    // then says where the first invalid byte is.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated the bytes as UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // Safe: everything before `valid_up_to` is valid UTF-8.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let (line, column) = LineIndex::new(prefix).position(valid);
        LoadError::Invalid(vec![Diagnostic {
            severity: Severity::Error,
            path: name.clone(),
            line,
            column,
            message: "the file is not UTF-8 text; save it as UTF-8".into(),
        }])
    })
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// Parses and validates catalogue text.
pub fn parse_with(
    text: &str,
    origin: Origin,
    options: LoadOptions,
) -> Result<Catalogue, LoadError> {
    let path = origin.display_name();
    let lines = LineIndex::new(text);
    let mut sink = Sink::new(&path, &lines);
    let chunks = split_records(text);
    // Each chunk holds about one record: reserving once avoids the doubling of a growing
    // vector, which at 100k services would briefly hold twice their size.
    let mut raw = RawCatalogue {
        services: Vec::with_capacity(chunks.len()),
        service_refs: Vec::with_capacity(chunks.len()),
        ..RawCatalogue::default()
    };
    let mut fatal = false;
    // Records parse independently, so batches of them parse on all cores; a batch at a time
    // keeps the parts waiting to be merged small.
    for batch in chunks.chunks(PARALLEL_BATCH) {
        let parts: Vec<(RawCatalogue, Vec<Diagnostic>, Vec<Diagnostic>, bool)> = batch
            .par_iter()
            .map(|chunk| {
                let mut part_sink = Sink::new(&path, &lines);
                let mut part = RawCatalogue::default();
                let ok = read_chunk(&mut part_sink, text, chunk, &mut part, options);
                (part, part_sink.diagnostics, part_sink.causes, ok)
            })
            .collect();
        for (part, diagnostics, causes, ok) in parts {
            fatal |= !ok;
            sink.diagnostics.extend(diagnostics);
            sink.causes.extend(causes);
            fatal |= !raw.absorb(&mut sink, part);
        }
    }
    if fatal {
        return Err(failure(sink));
    }
    let Some(header) = raw.header.take() else {
        let message = if raw.is_empty() {
            "the file holds no catalogue: it needs a [catalogue] table with schema, title and timezone".to_string()
        } else {
            "the [catalogue] table is missing: add one with schema, title and timezone".to_string()
        };
        sink.fatal(0, message);
        return Err(failure(sink));
    };
    let Some(header) = header else {
        // The header had errors; a newer schema or a broken header stops everything.
        return Err(failure(sink));
    };
    let mut catalogue = super::link::link(&mut sink, raw, header, origin);
    if options.warnings {
        super::warnings::warn(&mut sink, &catalogue);
    }
    sort_diagnostics(&mut sink.diagnostics);
    catalogue.diagnostics = sink.diagnostics;
    Ok(catalogue)
}

/// The errors of a load that failed: the ones that stopped it first, then the rest in file
/// order, so a one-line message names the cause.
fn failure(sink: Sink) -> LoadError {
    let mut causes = sink.causes;
    sort_diagnostics(&mut causes);
    let mut rest: Vec<Diagnostic> = sink
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error() && !causes.contains(d))
        .collect();
    sort_diagnostics(&mut rest);
    causes.extend(rest);
    LoadError::Invalid(causes)
}

fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.line, d.column));
}

// ---------------------------------------------------------------------------------------
// Cutting the file into records

/// A slice of the file that parses on its own: the text before the first header, or one
/// top-level table with its sub-tables.
pub(super) struct Chunk {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Cuts at lines that open a top-level table (`[name]` or `[[name]]` without a dot), outside
/// multi-line strings.
fn split_records(text: &str) -> Vec<Chunk> {
    let bytes = text.as_bytes();
    // Where `"""` and `'\''` occur, found once over the whole text (usually nowhere): a line
    // holding an odd number of one of them enters or leaves a multi-line string.
    let delimiters: [Vec<usize>; 2] = [b"\"\"\"".as_slice(), b"\'\'\'".as_slice()]
        .map(|needle| memchr::memmem::find_iter(bytes, needle).collect());
    let mut next = [0usize; 2];
    let mut cuts = vec![0];
    let mut open_delimiter: Option<usize> = None;
    let mut start = 0;
    let line_ends = memchr::memchr_iter(b'\n', bytes).map(|i| i + 1);
    for end in line_ends.chain(std::iter::once(bytes.len())) {
        if open_delimiter.is_none() && start > 0 && opens_top_level_table(&bytes[start..end]) {
            cuts.push(start);
        }
        for (which, positions) in delimiters.iter().enumerate() {
            let first = next[which];
            while next[which] < positions.len() && positions[next[which]] < end {
                next[which] += 1;
            }
            if (next[which] - first) % 2 == 1 {
                open_delimiter = match open_delimiter {
                    Some(open) if open == which => None,
                    None => Some(which),
                    other => other,
                };
            }
        }
        start = end;
        if start == bytes.len() {
            break;
        }
    }
    let mut chunks = Vec::with_capacity(cuts.len());
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(text.len());
        chunks.push(Chunk { start, end });
    }
    chunks
}

/// True for a line like `[[services]]` or `[catalogue]` (not `[[services.phones]]`).
fn opens_top_level_table(line: &[u8]) -> bool {
    let line = line.trim_ascii_start();
    let Some(rest) = line.strip_prefix(b"[") else {
        return false;
    };
    let rest = rest.strip_prefix(b"[").unwrap_or(rest);
    let name_end = memchr::memchr(b']', rest).unwrap_or(rest.len());
    let name = rest[..name_end].trim_ascii();
    !name.is_empty() && !name.iter().any(|b| matches!(b, b'.' | b'"' | b'\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_cut_at_top_level_headers_outside_multi_line_strings() {
        let text = "[catalogue]\nx = 1\n[[services]]\nd = \"\"\"\n[[services]]\n\"\"\"\n  [[services.phones]]\n[[needs]]\ne = '''\n[x]\n'''\n[[services]]\n";
        let starts: Vec<&str> = split_records(text)
            .iter()
            .map(|c| text[c.start..c.end].lines().next().unwrap_or(""))
            .collect();
        assert_eq!(
            starts,
            ["[catalogue]", "[[services]]", "[[needs]]", "[[services]]"]
        );
    }
}
