//! From TOML text to a validated [`Catalogue`], reporting every problem at its line and
//! column.
//!
//! The file is cut at its top-level headers (`[catalogue]`, `[[services]]`, …) and each
//! record is parsed on its own: memory stays near the size of one record's tree rather than
//! the whole document's, and each record's faults stay its own. A record with errors is left
//! out (and what depends only on it); the rest loads.

use super::messages::message;
use super::reader::Sink;
use super::records::{RawCatalogue, read_chunk};
use super::*;
use crate::i18n::Lang;
use rayon::prelude::*;
use std::path::Path;

/// Records parsed in parallel per batch.
const PARALLEL_BATCH: usize = 2048;

/// Records one parallel task reads into one part.
const RECORDS_PER_TASK: usize = 64;

/// Catalogue files larger than this are refused before reading (a 100k-service catalogue is
/// about 70 MB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Why a catalogue could not be used at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read (missing, a directory, no permission, too large).
    #[error("cannot read catalogue {}: {reason}", crate::text::escape_input(path))]
    Unreadable { path: String, reason: ReadFailure },
    /// The text is not a catalogue: not UTF-8, not TOML, or not the right shape. Each
    /// problem is a diagnostic.
    #[error("{}", first_of(.0, Lang::en()))]
    Invalid(Vec<Diagnostic>),
}

/// Why a catalogue file could not be read, worded in a language when shown.
#[derive(Debug)]
pub enum ReadFailure {
    Directory,
    /// Larger than [`MAX_FILE_BYTES`]; the size in bytes.
    TooLarge(u64),
    /// It grew past [`MAX_FILE_BYTES`] while it was read.
    Grew,
    Io(std::io::Error),
}

impl ReadFailure {
    /// The reason in `lang`; an operating-system error other than a missing file or a
    /// denied permission has no id and is shown as the system words it.
    pub fn message_in(&self, lang: crate::i18n::Lang) -> String {
        let message = match self {
            ReadFailure::Directory => message!("cli-check-directory"),
            ReadFailure::TooLarge(size) => message!(
                "cli-check-too-large",
                size = size / 1_000_000,
                limit = MAX_FILE_BYTES / 1_000_000
            ),
            ReadFailure::Grew => message!("cli-check-grew"),
            ReadFailure::Io(e) => match e.kind() {
                std::io::ErrorKind::NotFound => message!("cli-check-no-such-file"),
                std::io::ErrorKind::PermissionDenied => message!("cli-check-permission-denied"),
                _ => return e.to_string(),
            },
        };
        message.render(lang)
    }
}

impl std::fmt::Display for ReadFailure {
    /// English, as logs and tests read it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_in(crate::i18n::Lang::en()))
    }
}

/// The first diagnostic in `lang`, and how many more there are.
pub fn first_of(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let first = diagnostics
        .first()
        .map(|d| d.line_in(lang))
        .unwrap_or_default();
    match diagnostics.len() {
        0 | 1 => first,
        n => crate::i18n::t!(lang, "and-more", first = first, count = n - 1),
    }
}

/// What a load should do beyond the basics.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Parse every distinct `opening_hours` string (slow, ~18 µs each): `check` does,
    /// other commands parse hours only when they need them.
    pub check_opening_hours: bool,
    /// Compute warnings (stale, no public channel, …). Only `check` prints them, so the
    /// commands that just use the catalogue skip the work.
    pub warnings: bool,
    /// What "today" is for the warnings (stale, expired alerts); tests pin it here.
    pub clock: crate::clock::Clock,
}

impl Default for LoadOptions {
    /// Errors and warnings; opening hours left unparsed.
    fn default() -> Self {
        LoadOptions {
            check_opening_hours: false,
            warnings: true,
            clock: crate::clock::Clock::Ambient,
        }
    }
}

impl LoadOptions {
    /// For a command that uses the catalogue rather than checking it: errors only (they
    /// decide what is left out and the one-line summary).
    pub fn for_use() -> Self {
        LoadOptions {
            warnings: false,
            ..LoadOptions::default()
        }
    }

    /// For `pathways check`: everything.
    pub fn for_check() -> Self {
        LoadOptions {
            check_opening_hours: true,
            ..LoadOptions::default()
        }
    }
}

/// Loads a catalogue file.
pub fn load(path: &Path) -> Result<Catalogue, LoadError> {
    load_with(path, LoadOptions::default())
}

/// Loads a catalogue file with options (used by `check`).
pub fn load_with(path: &Path, options: LoadOptions) -> Result<Catalogue, LoadError> {
    let (mut file, meta) = open_catalogue(path)?;
    let text = read_open(&mut file, &meta, path)?;
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
    let (mut file, meta) = open_catalogue(path)?;
    read_open(&mut file, &meta, path)
}

/// Opens a catalogue and takes its metadata from the open file, so what is checked (and
/// what the cache keys on) is what is then read, even if the path is switched meanwhile.
pub fn open_catalogue(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), LoadError> {
    let file = std::fs::File::open(path).map_err(|e| unreadable(path, ReadFailure::Io(e)))?;
    let meta = file
        .metadata()
        .map_err(|e| unreadable(path, ReadFailure::Io(e)))?;
    if meta.is_dir() {
        return Err(unreadable(path, ReadFailure::Directory));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(unreadable(path, ReadFailure::TooLarge(meta.len())));
    }
    Ok((file, meta))
}

/// Reads an opened catalogue (see [`open_catalogue`]) as UTF-8 text.
pub fn read_open(
    file: &mut std::fs::File,
    meta: &std::fs::Metadata,
    path: &Path,
) -> Result<String, LoadError> {
    use std::io::Read;
    // One byte more than the size taken, so a file that grew is still read whole (the
    // limit is checked again below).
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, ReadFailure::Io(e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(path, ReadFailure::Grew));
    }
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
            path: path.display().to_string(),
            line,
            column,
            message: message!("cli-check-not-utf8"),
        }])
    })
}

fn unreadable(path: &Path, reason: ReadFailure) -> LoadError {
    LoadError::Unreadable {
        path: path.display().to_string(),
        reason,
    }
}

/// Parses and validates catalogue text.
pub fn parse_with(
    text: &str,
    origin: Origin,
    options: LoadOptions,
) -> Result<Catalogue, LoadError> {
    // Two passes over the whole text that need nothing from each other.
    let (chunks, lines) = rayon::join(|| split_records(text), || LineIndex::new(text));
    parse_chunks(text, &chunks, &lines, origin, options)
}

/// Parses the records of `chunks` (each a slice of `text` that is TOML on its own).
fn parse_chunks(
    text: &str,
    chunks: &[Chunk],
    lines: &LineIndex,
    origin: Origin,
    options: LoadOptions,
) -> Result<Catalogue, LoadError> {
    let path = origin.display_name();
    let mut sink = Sink::new(&path, lines);
    let mut raw = RawCatalogue::with_capacity(chunks.len());
    let mut fatal = false;
    // Records parse independently, so batches of them parse on all cores; a batch at a time
    // keeps the parts waiting to be merged small. A task reads a run of records into one
    // part, sized for them: a part per record cost an allocation and a merge each.
    for batch in chunks.chunks(PARALLEL_BATCH) {
        let parts: Vec<(RawCatalogue, Vec<Diagnostic>, Vec<Diagnostic>, bool)> = batch
            .par_chunks(RECORDS_PER_TASK)
            .map(|run| {
                let mut part_sink = Sink::new(&path, lines);
                let mut part = RawCatalogue::with_capacity(run.len());
                let mut ok = true;
                for chunk in run {
                    ok &= read_chunk(&mut part_sink, text, chunk, &mut part, options);
                }
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
    let header = match raw.header.take() {
        // A newer schema stops everything.
        Some(None) => return Err(failure(sink)),
        Some(Some(header)) => header,
        None if raw.is_empty() => {
            sink.fatal(0, message!("cli-check-no-records"));
            return Err(failure(sink));
        }
        None => {
            sink.push(
                Severity::Warning,
                0,
                message!("cli-check-no-catalogue-table"),
            );
            Header::default()
        }
    };
    let mut catalogue = super::link::link(&mut sink, raw, header, origin);
    if options.warnings {
        super::warnings::warn(&mut sink, &catalogue, options.clock);
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

/// Cuts at lines that open a top-level table (`[name]` or `[[name]]`, no dot outside
/// quotes), found by a small lexer that knows what can hide a `[` at the start of a line:
/// comments, the four kinds of strings, and arrays or inline tables that span lines. Only a
/// header line outside all of them starts a record, which is where TOML itself would see it.
fn split_records(text: &str) -> Vec<Chunk> {
    let cuts = record_starts(text.as_bytes());
    let mut chunks = Vec::with_capacity(cuts.len());
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(text.len());
        chunks.push(Chunk { start, end });
    }
    chunks
}

/// Offsets of the lines that open a top-level table, after a leading 0.
fn record_starts(bytes: &[u8]) -> Vec<usize> {
    let mut cuts = vec![0];
    // Open `[` and `{` of values (arrays and inline tables may span lines).
    let mut depth = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        if line_start {
            line_start = false;
            if depth == 0 {
                let first = skip_blanks(bytes, i);
                if bytes.get(first) == Some(&b'[') {
                    let (end, top_level) = table_header(bytes, first);
                    if top_level && i > 0 {
                        cuts.push(i);
                    }
                    i = end;
                    continue;
                }
            }
        }
        match bytes[i] {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b'#' => i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n),
            b'"' | b'\'' => i = string_end(bytes, i),
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    cuts
}

fn skip_blanks(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Reads a `[...]` or `[[...]]` header from its first `[`: where it ends, and whether it
/// names a top-level table (no dot outside its quoted parts). An unclosed header still
/// starts a record, so its error stays its own and the records before it are read.
fn table_header(bytes: &[u8], open: usize) -> (usize, bool) {
    let mut i = open + 1;
    let double = bytes.get(i) == Some(&b'[');
    if double {
        i += 1;
    }
    let mut dotted = false;
    let mut named = false;
    while i < bytes.len() {
        match bytes[i] {
            b']' => {
                i += 1;
                if double && bytes.get(i) == Some(&b']') {
                    i += 1;
                }
                return (i, named && !dotted);
            }
            b'\n' => return (i, named && !dotted),
            b'.' => {
                dotted = true;
                i += 1;
            }
            b'"' | b'\'' => {
                named = true;
                i = string_end(bytes, i);
            }
            b' ' | b'\t' => i += 1,
            _ => {
                named = true;
                i += 1;
            }
        }
    }
    (i, named && !dotted)
}

/// The offset just past the string that opens at `open` (a `"` or `'`): basic and literal
/// strings end at their quote or, unterminated, before the end of the line; multi-line ones
/// at their closing triple quote, with up to two more quotes belonging to the content.
fn string_end(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let escapes = quote == b'"';
    let multi_line = bytes[open..].starts_with(&[quote; 3]);
    let mut i = open + if multi_line { 3 } else { 1 };
    loop {
        let rest = &bytes[i..];
        let found = match (multi_line, escapes) {
            (true, true) => memchr::memchr2(quote, b'\\', rest),
            (true, false) => memchr::memchr(quote, rest),
            (false, true) => memchr::memchr3(quote, b'\\', b'\n', rest),
            (false, false) => memchr::memchr2(quote, b'\n', rest),
        };
        let Some(offset) = found else {
            return bytes.len();
        };
        let at = i + offset;
        match bytes[at] {
            b'\\' => i = (at + 2).min(bytes.len()),
            b'\n' => return at,
            _ if !multi_line => return at + 1,
            _ => {
                let run = bytes[at..].iter().take_while(|&&b| b == quote).count();
                if run >= 3 {
                    return at + run;
                }
                i = at + run;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid files that trip a line-based splitter; each must load cut into records exactly
    /// as it loads parsed whole.
    const TRICKY: [(&str, &str); 5] = [
        (
            "comment-triple-quotes",
            include_str!("../../tests/fixtures/tricky/comment-triple-quotes.toml"),
        ),
        (
            "literal-strings",
            include_str!("../../tests/fixtures/tricky/literal-strings.toml"),
        ),
        (
            "quotes-inside-multi-line",
            include_str!("../../tests/fixtures/tricky/quotes-inside-multi-line.toml"),
        ),
        (
            "crlf-bom-tabs-no-final-newline",
            include_str!("../../tests/fixtures/tricky/crlf-bom-tabs-no-final-newline.toml"),
        ),
        (
            "dotted-keys-and-spanning-values",
            include_str!("../../tests/fixtures/tricky/dotted-keys-and-spanning-values.toml"),
        ),
    ];

    fn as_json(result: Result<Catalogue, LoadError>) -> serde_json::Value {
        match result {
            Ok(catalogue) => serde_json::to_value(&catalogue).unwrap(),
            Err(error) => serde_json::Value::String(error.to_string()),
        }
    }

    fn whole(text: &str) -> Result<Catalogue, LoadError> {
        let chunk = Chunk {
            start: 0,
            end: text.len(),
        };
        parse_chunks(
            text,
            &[chunk],
            &LineIndex::new(text),
            Origin::Text("t".into()),
            LoadOptions::for_check(),
        )
    }

    #[test]
    fn tricky_valid_files_load_cut_as_they_load_whole() {
        for (name, text) in TRICKY {
            let cut = parse_with(text, Origin::Text("t".into()), LoadOptions::for_check());
            let catalogue = cut.as_ref().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                catalogue.error_count(),
                0,
                "{name}: {:?}",
                catalogue.diagnostics
            );
            assert!(catalogue.services.len() >= 2, "{name}");
            assert!(split_records(text).len() >= 6, "{name}: cut into records");
            assert_eq!(as_json(cut), as_json(whole(text)), "{name}");
        }
    }

    /// Issue 16: a comment holding `"""` before a multi-line string made a valid file fail
    /// with "not valid TOML" at the next record.
    #[test]
    fn a_triple_quote_in_a_comment_does_not_open_a_string() {
        let text = TRICKY[0].1;
        let catalogue = parse_with(text, Origin::Text("t".into()), LoadOptions::default()).unwrap();
        let ids: Vec<&str> = catalogue.services.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s2"]);
        assert!(
            catalogue.services[0]
                .description
                .as_deref()
                .unwrap()
                .contains("[[services]]")
        );
    }

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

    /// A second header is named with the line of the first whether the two records are
    /// read by one parallel task (near each other) or by two (far apart).
    #[test]
    fn a_second_header_names_the_first_near_or_far() {
        let service = "[[services]]\nid = \"s\"\nname = \"S\"\norganisation = \"o\"\nneeds = [\"n\"]\nregions = [\"r\"]\n";
        for between in [1, RECORDS_PER_TASK + 3] {
            let text = format!(
                "[catalogue]\ntitle = \"A\"\n{}[catalogue]\ntitle = \"B\"\n",
                service.repeat(between)
            );
            let Err(LoadError::Invalid(diagnostics)) =
                parse_with(&text, Origin::Text("t".into()), LoadOptions::for_check())
            else {
                panic!("{between}: two headers must fail the load");
            };
            let second = diagnostics
                .iter()
                .find(|d| d.message.id() == "cli-check-second-header")
                .unwrap_or_else(|| panic!("{between}: {diagnostics:?}"));
            assert_eq!(second.line, 3 + 6 * between, "{between}");
            assert!(
                second.to_string().contains("the first is at line 1"),
                "{between}: {second}"
            );
        }
    }
}
