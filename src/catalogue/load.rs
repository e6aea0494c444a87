//! From TOML text to a validated [`Catalogue`], reporting every problem at its line and
//! column.
//!
//! The file is cut at its top-level headers (`[catalogue]`, `[[services]]`, …) and each
//! record is parsed on its own: memory stays near the size of one record's tree rather than
//! the whole document's, and each record's faults stay its own. A record with errors is left
//! out (and what depends only on it); the rest loads.

use super::reader::{RecordReader, Sink, check_keys, did_you_mean, strip_strings};
use super::schema::{self, Record};
use super::*;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use toml::de::{DeTable, DeValue};

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
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Parse every distinct `opening_hours` string (slow, ~18 µs each): `check` does,
    /// other commands parse hours only when they need them.
    pub check_opening_hours: bool,
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
    let mut catalogue = link(&mut sink, raw, header, origin);
    warn(&mut sink, &catalogue);
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
struct Chunk {
    start: usize,
    end: usize,
}

/// Cuts at lines that open a top-level table (`[name]` or `[[name]]` without a dot), outside
/// multi-line strings.
fn split_records(text: &str) -> Vec<Chunk> {
    let mut cuts = vec![0];
    let mut in_multiline: Option<&str> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if in_multiline.is_none() && offset > 0 && opens_top_level_table(trimmed) {
            cuts.push(offset);
        }
        for delimiter in ["\"\"\"", "'''"] {
            if count_delimiters(line.as_bytes(), delimiter.as_bytes()[0]) % 2 == 1 {
                in_multiline = match in_multiline {
                    Some(open) if open == delimiter => None,
                    None => Some(delimiter),
                    other => other,
                };
            }
        }
        offset += line.len();
    }
    let mut chunks = Vec::with_capacity(cuts.len());
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(text.len());
        chunks.push(Chunk { start, end });
    }
    chunks
}

/// How many runs of three `quote` bytes a line has (six in a row count twice): the cheap
/// test, done on every line, for entering or leaving a multi-line string.
fn count_delimiters(line: &[u8], quote: u8) -> usize {
    let mut count = 0;
    let mut run = 0;
    for &b in line {
        if b == quote {
            run += 1;
            if run == 3 {
                count += 1;
                run = 0;
            }
        } else {
            run = 0;
        }
    }
    count
}

fn opens_top_level_table(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('[') else {
        return false;
    };
    let rest = rest.strip_prefix('[').unwrap_or(rest);
    let name: String = rest.chars().take_while(|&c| c != ']').collect();
    let name = name.trim();
    !name.is_empty() && !name.contains('.') && !name.contains('"') && !name.contains('\'')
}

// ---------------------------------------------------------------------------------------
// Reading records

/// Records as read, before references are resolved.
#[derive(Default)]
struct RawCatalogue {
    /// `None`: no header yet; `Some(None)`: a header with errors.
    header: Option<Option<Header>>,
    header_at: Option<usize>,
    needs: Vec<RawNeed>,
    regions: Vec<RawRegion>,
    organisations: Vec<RawOrganisation>,
    contacts: Vec<RawContact>,
    /// Services are read straight into their final vector (a 100k-service catalogue must not
    /// exist twice in memory); their unresolved references ride alongside, index for index.
    services: Vec<Service>,
    service_refs: Vec<ServiceRefs>,
}

impl RawCatalogue {
    /// Moves the records of one part in, in file order. False when the part brings a second
    /// `[catalogue]` table (reported).
    fn absorb(&mut self, sink: &mut Sink, mut part: RawCatalogue) -> bool {
        let mut ok = true;
        if let Some(at) = part.header_at {
            if let Some(first) = self.header_at {
                let line = sink.line_of(first);
                sink.fatal(
                    at,
                    format!("a second [catalogue] table (the first is at line {line})"),
                );
                ok = false;
            } else {
                self.header_at = Some(at);
                self.header = part.header.take();
            }
        }
        self.needs.append(&mut part.needs);
        self.regions.append(&mut part.regions);
        self.organisations.append(&mut part.organisations);
        self.contacts.append(&mut part.contacts);
        self.services.append(&mut part.services);
        self.service_refs.append(&mut part.service_refs);
        ok
    }

    fn is_empty(&self) -> bool {
        self.needs.is_empty()
            && self.regions.is_empty()
            && self.organisations.is_empty()
            && self.contacts.is_empty()
            && self.services.is_empty()
    }
}

/// Fields every record has: where it is and whether it failed.
struct Base {
    id: String,
    id_at: usize,
    failed: bool,
}

struct RawNeed {
    base: Base,
    need: Need,
    parent: Option<(String, usize)>,
}

struct RawRegion {
    base: Base,
    region: Region,
    parent: Option<(String, usize)>,
}

struct RawOrganisation {
    base: Base,
    organisation: Organisation,
    region: Option<(String, usize)>,
}

struct RawContact {
    base: Base,
    contact: Contact,
    organisation: Option<(String, usize)>,
}

struct ServiceRefs {
    base: Base,
    organisation: (String, usize),
    needs: Vec<(String, usize)>,
    regions: Vec<(String, usize)>,
    contacts: Vec<(String, usize)>,
}

/// Parses one chunk and reads its records. Returns false when the chunk is not TOML or not
/// of the catalogue's shape (fatal for the whole file).
fn read_chunk(
    sink: &mut Sink,
    text: &str,
    chunk: &Chunk,
    raw: &mut RawCatalogue,
    options: LoadOptions,
) -> bool {
    let slice = &text[chunk.start..chunk.end];
    let base = chunk.start;
    let mut document = match DeTable::parse(slice) {
        Ok(table) => table,
        Err(error) => {
            let at = error.span().map(|s| s.start).unwrap_or(0) + base;
            sink.fatal(
                at,
                format!("not valid TOML: {}", first_line(error.message())),
            );
            return false;
        }
    };
    let mut ok = true;
    let keys: Vec<(String, usize)> = document
        .get_ref()
        .keys()
        .map(|k| (k.get_ref().to_string(), k.span().start + base))
        .collect();
    for (key, key_at) in keys {
        let Some(&(_, record)) = schema::SECTIONS.iter().find(|(name, _)| *name == key) else {
            let mut message = format!("unknown top-level table `{key}`");
            if let Some(near) = did_you_mean(&key, schema::SECTIONS.iter().map(|(n, _)| *n)) {
                message.push_str(&format!(" (did you mean `{near}`?)"));
            }
            sink.fatal(key_at, message);
            ok = false;
            continue;
        };
        let Some(value) = document.get_mut().get_mut(key.as_str()) else {
            continue;
        };
        let header_at = header_offset(text, key_at);
        if key == "catalogue" {
            match value.get_mut() {
                DeValue::Table(_) => {
                    strip_strings(sink, value, base);
                    if let DeValue::Table(table) = value.get_ref() {
                        ok &= read_header(sink, table, header_at, base, raw);
                    }
                }
                other => {
                    sink.fatal(
                        key_at,
                        format!(
                            "`catalogue` must be a table, found {}",
                            super::reader::describe(other)
                        ),
                    );
                    ok = false;
                }
            }
            continue;
        }
        let DeValue::Array(items) = value.get_mut() else {
            sink.fatal(
                key_at,
                format!("`{key}` must be written as [[{key}]] tables"),
            );
            ok = false;
            continue;
        };
        let is_header_form = items.len() == 1;
        for item in items.iter_mut() {
            let item_at = item.span().start + base;
            strip_strings(sink, item, base);
            let DeValue::Table(table) = item.get_ref() else {
                sink.fatal(item_at, format!("each of `{key}` must be a table"));
                ok = false;
                continue;
            };
            let at = if is_header_form { header_at } else { item_at };
            read_record(sink, &key, table, at, base, raw, record, options);
        }
    }
    ok
}

/// The `[[` of the header line that holds `key_at`, or `key_at` itself for inline forms.
fn header_offset(text: &str, key_at: usize) -> usize {
    let line_start = text[..key_at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = &text[line_start..key_at];
    match line.find('[') {
        Some(i) if line[..i].trim().is_empty() => line_start + i,
        _ => key_at,
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

fn read_header(
    sink: &mut Sink,
    table: &DeTable,
    at: usize,
    base: usize,
    raw: &mut RawCatalogue,
) -> bool {
    if raw.header_at.is_some() {
        sink.fatal(at, "a second [catalogue] table in one part of the file");
        return false;
    }
    raw.header_at = Some(at);
    let mut r = RecordReader::new(table, at, base);
    // A newer schema is the one clear error: nothing else can be trusted.
    if let Some((schema, span)) = r.integer(sink, "schema") {
        if schema > SCHEMA_VERSION {
            sink.fatal(span.start, format!(
                "this catalogue needs schema {schema}, but this pathways understands schema {SCHEMA_VERSION} at most; install a newer pathways"
            ));
            raw.header = Some(None);
            return false;
        }
        if schema < 1 {
            sink.error(span.start, format!("`schema` must be {SCHEMA_VERSION}"));
            r.failed = true;
        }
    }
    check_keys(sink, table, &schema::HEADER, base);
    r.require(sink, &schema::HEADER);
    let title = r.name(sink, "title");
    let timezone = match r.string(sink, "timezone") {
        Some((tz, span)) => {
            if jiff::tz::TimeZone::get(&tz).is_err() {
                sink.error(
                    span.start,
                    format!("unknown time zone `{tz}`; use an IANA name such as \"Europe/Minsk\""),
                );
                r.failed = true;
            }
            tz
        }
        None => String::new(),
    };
    let stale_after_days = match r.integer(sink, "stale_after_days") {
        Some((days, span)) if days < 1 => {
            sink.error(span.start, "`stale_after_days` must be 1 or more");
            r.failed = true;
            365
        }
        Some((days, _)) => days,
        None => 365,
    };
    let header = Header {
        schema: SCHEMA_VERSION,
        title,
        updated: r.date(sink, "updated").map(|(d, _)| d),
        languages: r.plain_strings(sink, "languages"),
        timezone,
        country: r.text(sink, "country"),
        holidays: r.dates(sink, "holidays"),
        stale_after_days,
        notice: r.text(sink, "notice"),
    };
    let failed = r.failed;
    raw.header = Some((!failed).then_some(header));
    !failed
}

#[allow(clippy::too_many_arguments)]
fn read_record(
    sink: &mut Sink,
    section: &str,
    table: &DeTable,
    at: usize,
    base: usize,
    raw: &mut RawCatalogue,
    record: &'static Record,
    options: LoadOptions,
) {
    let mut r = RecordReader::new(table, at, base);
    if !check_keys(sink, table, record, base) {
        r.failed = true;
    }
    r.require(sink, record);
    let (id, id_at) = read_id(sink, &mut r);
    let line = sink.line_of(at);
    match section {
        "needs" => {
            let name = r.name(sink, "name");
            let parent = r.string(sink, "parent").map(|(p, s)| (p, s.start));
            let need = Need {
                id: id.clone(),
                name,
                parent: None,
                synonyms: r.plain_strings(sink, "synonyms"),
                description: r.text(sink, "description"),
                line,
            };
            raw.needs.push(RawNeed {
                base: finish(r, id, id_at),
                need,
                parent,
            });
        }
        "regions" => {
            let name = r.name(sink, "name");
            let level = match r.string(sink, "level") {
                Some((word, span)) => RegionLevel::parse(&word).unwrap_or_else(|| {
                    r_fail(
                        sink,
                        &mut r,
                        span.start,
                        format!(
                            "unknown region level `{word}`; use country, oblast, city or district"
                        ),
                    );
                    RegionLevel::District
                }),
                None => RegionLevel::District,
            };
            let parent = r.string(sink, "parent").map(|(p, s)| (p, s.start));
            let region = Region {
                id: id.clone(),
                name,
                level,
                parent: None,
                aliases: r.plain_strings(sink, "aliases"),
                iso: r.text(sink, "iso"),
                line,
            };
            raw.regions.push(RawRegion {
                base: finish(r, id, id_at),
                region,
                parent,
            });
        }
        "organisations" => {
            let name = r.name(sink, "name");
            let region = r.string(sink, "region").map(|(p, s)| (p, s.start));
            let organisation = Organisation {
                id: id.clone(),
                name,
                kind: r.text(sink, "kind"),
                region: None,
                website: read_url(sink, &mut r, "website"),
                email: read_email(sink, &mut r, "email"),
                address: r.text(sink, "address"),
                phones: read_phones(sink, &mut r),
                description: r.text(sink, "description"),
                source: r.text(sink, "source"),
                aliases: r.plain_strings(sink, "aliases"),
                line,
            };
            raw.organisations.push(RawOrganisation {
                base: finish(r, id, id_at),
                organisation,
                region,
            });
        }
        "contacts" => {
            let name = r.name(sink, "name");
            let organisation = r.string(sink, "organisation").map(|(p, s)| (p, s.start));
            let contact = Contact {
                id: id.clone(),
                name,
                organisation: None,
                role: r.text(sink, "role"),
                email: read_email(sink, &mut r, "email"),
                languages: r.plain_strings(sink, "languages"),
                phones: read_phones(sink, &mut r),
                private: r.boolean(sink, "private").unwrap_or(false),
                source: r.text(sink, "source"),
                line,
            };
            raw.contacts.push(RawContact {
                base: finish(r, id, id_at),
                contact,
                organisation,
            });
        }
        _ => read_service(sink, r, id, id_at, line, raw, options),
    }
}

fn r_fail(sink: &mut Sink, r: &mut RecordReader, at: usize, message: String) {
    r.failed = true;
    sink.error(at, message);
}

fn finish(r: RecordReader, id: String, id_at: usize) -> Base {
    Base {
        id,
        id_at,
        failed: r.failed,
    }
}

/// Reads `id` and checks it is a stable lowercase slug.
fn read_id(sink: &mut Sink, r: &mut RecordReader) -> (String, usize) {
    let Some((id, span)) = r.string(sink, "id") else {
        return (String::new(), r.header);
    };
    if !is_slug(&id) {
        let hint = slug_of(&id);
        r_fail(
            sink,
            r,
            span.start,
            format!(
                "id `{id}` is not a lowercase slug (letters a-z, digits and single hyphens), e.g. `{hint}`"
            ),
        );
    }
    (id, span.start)
}

/// True for ids like `iom-avrr`: lowercase ASCII letters and digits, single inner hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn slug_of(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

fn read_email(sink: &mut Sink, r: &mut RecordReader, key: &str) -> Option<String> {
    let (email, span) = r.string(sink, key)?;
    if !is_email(&email) {
        r_fail(
            sink,
            r,
            span.start,
            format!("malformed e-mail address `{email}`"),
        );
        return None;
    }
    Some(email)
}

fn read_url(sink: &mut Sink, r: &mut RecordReader, key: &str) -> Option<String> {
    let (url, span) = r.string(sink, key)?;
    if !is_url(&url) {
        r_fail(
            sink,
            r,
            span.start,
            format!("malformed URL `{url}`; write it in full, starting with https://"),
        );
        return None;
    }
    Some(url)
}

/// A plausible e-mail address: one `@`, a local part, a dotted domain, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c == ';')
}

/// A plausible web address: `http://` or `https://` and a host with a dot.
pub fn is_url(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.contains('.') && !host.starts_with('.') && !text.chars().any(char::is_whitespace)
}

fn read_phones(sink: &mut Sink, r: &mut RecordReader) -> Vec<Phone> {
    let tables = r.tables(sink, "phones");
    let mut phones = Vec::with_capacity(tables.len());
    for (table, at) in tables {
        let phone = r.nested(table, at, |p| {
            p.require(sink, &schema::PHONE);
            let number = p.name(sink, "number");
            let kind = match p.string(sink, "kind") {
                Some((word, span)) => PhoneKind::parse(&word).or_else(|| {
                    let kinds: Vec<&str> = PhoneKind::ALL.iter().map(|k| k.as_str()).collect();
                    r_fail(
                        sink,
                        p,
                        span.start,
                        format!(
                            "unknown phone kind `{word}`; use one of {}",
                            kinds.join(", ")
                        ),
                    );
                    None
                }),
                None => None,
            };
            Phone {
                number,
                kind: kind.unwrap_or(PhoneKind::Voice),
                hours: p.text(sink, "hours"),
                languages: p.plain_strings(sink, "languages"),
                private: p.boolean(sink, "private").unwrap_or(false),
                note: p.text(sink, "note"),
            }
        });
        phones.push(phone);
    }
    phones
}

fn read_service(
    sink: &mut Sink,
    mut r: RecordReader,
    id: String,
    id_at: usize,
    line: usize,
    raw: &mut RawCatalogue,
    options: LoadOptions,
) {
    let name = r.name(sink, "name");
    let organisation = r
        .string(sink, "organisation")
        .map(|(o, s)| (o, s.start))
        .unwrap_or_default();
    let needs: Vec<(String, usize)> = r
        .strings(sink, "needs")
        .into_iter()
        .map(|(n, s)| (n, s.start))
        .collect();
    let regions_at = r
        .table
        .get("regions")
        .map(|v| v.span().start + r.base)
        .unwrap_or(r.header);
    let regions: Vec<(String, usize)> = r
        .strings(sink, "regions")
        .into_iter()
        .map(|(n, s)| (n, s.start))
        .collect();
    if r.table.contains_key("needs") && needs.is_empty() && !r.failed {
        let at = r
            .table
            .get("needs")
            .map(|v| v.span().start + r.base)
            .unwrap_or(r.header);
        r_fail(
            sink,
            &mut r,
            at,
            "service has no needs: list at least one need id".into(),
        );
    }
    if r.table.contains_key("regions") && regions.is_empty() && !r.failed {
        r_fail(
            sink,
            &mut r,
            regions_at,
            "service serves no region: list at least one region id (\"by\" for the whole country)"
                .into(),
        );
    }
    let contacts = r
        .strings(sink, "contacts")
        .into_iter()
        .map(|(n, s)| (n, s.start))
        .collect();
    let status = match r.string(sink, "status") {
        Some((word, span)) => Status::parse(&word).unwrap_or_else(|| {
            r_fail(
                sink,
                &mut r,
                span.start,
                format!("unknown status `{word}`; use active, temporarily-closed or inactive"),
            );
            Status::Active
        }),
        None => Status::Active,
    };
    let alert = r.table(sink, "alert").map(|(table, at)| {
        r.nested(table, at, |a| {
            a.require(sink, &schema::ALERT);
            let text = a.name(sink, "text");
            let until = a.date(sink, "until").map(|(d, _)| d);
            Alert { text, until }
        })
    });
    let min_age = r.integer(sink, "min_age").map(|(n, _)| n);
    let max_age = r.integer(sink, "max_age");
    if let (Some(min), Some((max, span))) = (min_age, &max_age)
        && min > *max
    {
        let message = format!("`max_age` {max} is below `min_age` {min}");
        r_fail(sink, &mut r, span.start, message);
    }
    let opening_hours = read_opening_hours(sink, &mut r, options);
    let translations = read_translations(sink, &mut r);
    let service = Service {
        id: id.clone(),
        name,
        organisation: 0,
        status,
        alert,
        needs: Vec::new(),
        regions: Vec::new(),
        populations: r.plain_strings(sink, "populations"),
        min_age,
        max_age: max_age.map(|(n, _)| n),
        description: r.text(sink, "description"),
        eligibility: r.text(sink, "eligibility"),
        how_to_refer: r.text(sink, "how_to_refer"),
        documents: r.plain_strings(sink, "documents"),
        languages: r.plain_strings(sink, "languages"),
        interpretation: r.boolean(sink, "interpretation"),
        fee: r.text(sink, "fee"),
        address: r.text(sink, "address"),
        opening_hours,
        hours_note: r.text(sink, "hours_note"),
        phones: read_phones(sink, &mut r),
        email: read_email(sink, &mut r, "email"),
        website: read_url(sink, &mut r, "website"),
        contacts: Vec::new(),
        verified: r.date(sink, "verified").map(|(d, _)| d),
        source: r.text(sink, "source"),
        translations,
        line,
    };
    raw.services.push(service);
    raw.service_refs.push(ServiceRefs {
        base: finish(r, id, id_at),
        organisation,
        needs,
        regions,
        contacts,
    });
}

/// Reads `opening_hours`; with `check_opening_hours`, parses it and reports the parser's
/// position inside the string. A bad string keeps the record (its hours become unknown).
fn read_opening_hours(
    sink: &mut Sink,
    r: &mut RecordReader,
    options: LoadOptions,
) -> Option<String> {
    let (hours, span) = r.string(sink, "opening_hours")?;
    if !options.check_opening_hours {
        return Some(hours);
    }
    match crate::hours::parse_error(&hours) {
        None => Some(hours),
        Some((offset, message)) => {
            let (line, column) = sink.lines.position(span.start);
            let inside = hours[..offset.min(hours.len())].chars().count();
            sink.push_at(
                Severity::Error,
                line,
                column + 1 + inside,
                format!("opening hours do not parse: {message}"),
            );
            None
        }
    }
}

fn read_translations(
    sink: &mut Sink,
    r: &mut RecordReader,
) -> std::collections::BTreeMap<String, Translation> {
    let mut out = std::collections::BTreeMap::new();
    let Some((map, _)) = r.table(sink, "translations") else {
        return out;
    };
    for (language, value) in map.iter() {
        let DeValue::Table(table) = value.get_ref() else {
            let at = value.span().start + r.base;
            r_fail(
                sink,
                r,
                at,
                format!("`translations.{}` must be a table", language.get_ref()),
            );
            continue;
        };
        let at = value.span().start + r.base;
        let translation = r.nested(table, at, |t| Translation {
            name: t.text(sink, "name"),
            description: t.text(sink, "description"),
            eligibility: t.text(sink, "eligibility"),
            how_to_refer: t.text(sink, "how_to_refer"),
            hours_note: t.text(sink, "hours_note"),
            fee: t.text(sink, "fee"),
            documents: t.plain_strings(sink, "documents"),
            address: t.text(sink, "address"),
        });
        out.insert(language.get_ref().to_string(), translation);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Linking: duplicate ids, references, cycles, and what is left out

/// Marks later records whose id repeats an earlier one's.
fn check_duplicates<'a>(sink: &mut Sink, noun: &str, bases: impl Iterator<Item = &'a mut Base>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for base in bases {
        if base.id.is_empty() {
            continue;
        }
        if let Some(&first) = seen.get(&base.id) {
            let line = sink.line_of(first);
            sink.error(
                base.id_at,
                format!(
                    "duplicate {noun} id `{}` (first defined at line {line})",
                    base.id
                ),
            );
            base.failed = true;
        } else {
            seen.insert(base.id.clone(), base.id_at);
        }
    }
}

/// Resolves a reference among the records that survived; reports unknown ids with a
/// suggestion. `left_out` ids exist but were left out: no new error, the referrer just
/// loses the reference.
enum Resolved {
    Found(usize),
    LeftOut,
    Unknown,
}

struct IdTable {
    noun: &'static str,
    kept: HashMap<String, usize>,
    left_out: HashSet<String>,
}

impl IdTable {
    fn new<'a>(noun: &'static str, bases: impl Iterator<Item = &'a Base>) -> Self {
        let mut kept = HashMap::new();
        let mut left_out = HashSet::new();
        let mut next = 0;
        for base in bases {
            if base.failed {
                left_out.insert(base.id.clone());
            } else {
                kept.insert(base.id.clone(), next);
                next += 1;
            }
        }
        IdTable {
            noun,
            kept,
            left_out,
        }
    }

    fn resolve(&self, sink: &mut Sink, id: &str, at: usize) -> Resolved {
        if let Some(&i) = self.kept.get(id) {
            return Resolved::Found(i);
        }
        if self.left_out.contains(id) {
            return Resolved::LeftOut;
        }
        let mut message = format!("unknown {} `{id}`", self.noun);
        let mut candidates: Vec<&str> = self.kept.keys().map(String::as_str).collect();
        candidates.sort_unstable();
        if let Some(near) = did_you_mean(id, candidates) {
            message.push_str(&format!(" (did you mean `{near}`?)"));
        }
        sink.error(at, message);
        Resolved::Unknown
    }
}

/// Resolves parents of a tree (needs or regions) and reports cycles; marks records whose
/// parent is unknown, left out, or in a cycle. Loops until stable, since leaving one out
/// can orphan its children.
fn link_tree(
    sink: &mut Sink,
    noun: &'static str,
    items: &mut [(&mut Base, &Option<(String, usize)>)],
) -> Vec<Option<usize>> {
    loop {
        let table = IdTable::new(noun, items.iter().map(|(b, _)| &**b));
        let mut changed = false;
        let mut parents: Vec<Option<usize>> = Vec::new();
        for (base, parent) in items.iter_mut() {
            if base.failed {
                continue;
            }
            let resolved = match parent {
                None => None,
                Some((id, at)) => match table.resolve(sink, id, *at) {
                    Resolved::Found(i) => Some(i),
                    _ => {
                        base.failed = true;
                        changed = true;
                        continue;
                    }
                },
            };
            parents.push(resolved);
        }
        if changed {
            continue;
        }
        // Cycles: walk up from each node; a walk longer than the node count loops.
        let kept: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, (b, _))| !b.failed)
            .map(|(i, _)| i)
            .collect();
        let in_cycle: Vec<bool> = (0..parents.len())
            .map(|start| walks_back_to(&parents, start))
            .collect();
        if !in_cycle.iter().any(|&c| c) {
            return parents;
        }
        let mut reported = vec![false; parents.len()];
        for start in 0..parents.len() {
            if !in_cycle[start] || reported[start] {
                continue;
            }
            let mut names = vec![items[kept[start]].0.id.clone()];
            let mut node = start;
            reported[start] = true;
            while let Some(p) = parents[node] {
                names.push(items[kept[p]].0.id.clone());
                if p == start {
                    break;
                }
                reported[p] = true;
                node = p;
            }
            let at = items[kept[start]]
                .1
                .as_ref()
                .map(|(_, at)| *at)
                .unwrap_or(0);
            sink.error(at, format!("{noun} cycle: {}", names.join(" → ")));
        }
        for (i, &k) in kept.iter().enumerate() {
            if in_cycle[i] {
                items[k].0.failed = true;
            }
        }
    }
}

/// True when following parents from `start` comes back to it.
fn walks_back_to(parents: &[Option<usize>], start: usize) -> bool {
    let mut node = start;
    for _ in 0..parents.len() {
        match parents[node] {
            Some(p) if p == start => return true,
            Some(p) => node = p,
            None => return false,
        }
    }
    false
}

fn link(sink: &mut Sink, mut raw: RawCatalogue, header: Header, origin: Origin) -> Catalogue {
    check_duplicates(sink, "need", raw.needs.iter_mut().map(|n| &mut n.base));
    check_duplicates(sink, "region", raw.regions.iter_mut().map(|n| &mut n.base));
    check_duplicates(
        sink,
        "organisation",
        raw.organisations.iter_mut().map(|n| &mut n.base),
    );
    check_duplicates(
        sink,
        "contact",
        raw.contacts.iter_mut().map(|n| &mut n.base),
    );
    check_duplicates(
        sink,
        "service",
        raw.service_refs.iter_mut().map(|n| &mut n.base),
    );

    let need_parents = {
        let mut items: Vec<_> = raw
            .needs
            .iter_mut()
            .map(|n| (&mut n.base, &n.parent))
            .collect();
        link_tree(sink, "need", &mut items)
    };
    let region_parents = {
        let mut items: Vec<_> = raw
            .regions
            .iter_mut()
            .map(|n| (&mut n.base, &n.parent))
            .collect();
        link_tree(sink, "region", &mut items)
    };
    let needs: Vec<Need> = raw
        .needs
        .iter()
        .filter(|n| !n.base.failed)
        .zip(&need_parents)
        .map(|(n, &parent)| Need {
            parent,
            ..n.need.clone()
        })
        .collect();
    let regions: Vec<Region> = raw
        .regions
        .iter()
        .filter(|n| !n.base.failed)
        .zip(&region_parents)
        .map(|(n, &parent)| Region {
            parent,
            ..n.region.clone()
        })
        .collect();
    let need_ids = IdTable::new("need", raw.needs.iter().map(|n| &n.base));
    let region_ids = IdTable::new("region", raw.regions.iter().map(|n| &n.base));

    // Organisations: an unknown region is an error; a left-out one just drops the link.
    let mut organisations = Vec::new();
    for raw_org in raw.organisations.iter_mut() {
        let region = match &raw_org.region {
            None => None,
            Some((id, at)) => match region_ids.resolve(sink, id, *at) {
                Resolved::Found(i) => Some(i),
                Resolved::LeftOut => None,
                Resolved::Unknown => {
                    raw_org.base.failed = true;
                    continue;
                }
            },
        };
        if raw_org.base.failed {
            continue;
        }
        organisations.push(Organisation {
            region,
            ..raw_org.organisation.clone()
        });
    }
    let org_ids = IdTable::new("organisation", raw.organisations.iter().map(|o| &o.base));

    let mut contacts = Vec::new();
    for raw_contact in raw.contacts.iter_mut() {
        let organisation = match &raw_contact.organisation {
            None => None,
            Some((id, at)) => match org_ids.resolve(sink, id, *at) {
                Resolved::Found(i) => Some(i),
                _ => {
                    raw_contact.base.failed = true;
                    continue;
                }
            },
        };
        if raw_contact.base.failed {
            continue;
        }
        contacts.push(Contact {
            organisation,
            ..raw_contact.contact.clone()
        });
    }
    let contact_ids = IdTable::new("contact", raw.contacts.iter().map(|c| &c.base));

    let tables = LinkTables {
        orgs: &org_ids,
        needs: &need_ids,
        regions: &region_ids,
        contacts: &contact_ids,
    };
    for (service, refs) in raw.services.iter_mut().zip(raw.service_refs.iter_mut()) {
        // A record that already failed is still linked, so `check` reports its unknown ids
        // too; it stays out either way.
        if !link_service(sink, service, refs, &tables) {
            refs.base.failed = true;
        }
    }
    let mut keep = raw.service_refs.iter().map(|r| !r.base.failed);
    let mut services = std::mem::take(&mut raw.services);
    services.retain(|_| keep.next().unwrap_or(false));

    let count = |bases: &mut dyn Iterator<Item = &Base>| bases.filter(|b| b.failed).count();
    let left_out = LeftOut {
        needs: count(&mut raw.needs.iter().map(|n| &n.base)),
        regions: count(&mut raw.regions.iter().map(|n| &n.base)),
        organisations: count(&mut raw.organisations.iter().map(|n| &n.base)),
        contacts: count(&mut raw.contacts.iter().map(|n| &n.base)),
        services: count(&mut raw.service_refs.iter().map(|n| &n.base)),
    };
    Catalogue {
        origin,
        header,
        needs,
        regions,
        organisations,
        contacts,
        services,
        diagnostics: Vec::new(),
        left_out,
    }
}

/// The id tables a service's references resolve against.
struct LinkTables<'a> {
    orgs: &'a IdTable,
    needs: &'a IdTable,
    regions: &'a IdTable,
    contacts: &'a IdTable,
}

/// Resolves a service's references in place; false when it must be left out.
fn link_service(
    sink: &mut Sink,
    service: &mut Service,
    refs: &ServiceRefs,
    tables: &LinkTables,
) -> bool {
    let mut ok = true;
    let (org_id, org_at) = &refs.organisation;
    // An empty id means the key was missing, which `require` has reported already.
    let resolved = if org_id.is_empty() {
        Resolved::Unknown
    } else {
        tables.orgs.resolve(sink, org_id, *org_at)
    };
    match resolved {
        Resolved::Found(i) => service.organisation = i,
        _ => ok = false,
    }
    let mut resolve_all =
        |table: &IdTable, refs: &[(String, usize)], ok: &mut bool| -> Vec<usize> {
            let mut out = Vec::new();
            for (id, at) in refs {
                match table.resolve(sink, id, *at) {
                    Resolved::Found(i) if !out.contains(&i) => out.push(i),
                    Resolved::Found(_) | Resolved::LeftOut => {}
                    Resolved::Unknown => *ok = false,
                }
            }
            out
        };
    service.needs = resolve_all(tables.needs, &refs.needs, &mut ok);
    service.regions = resolve_all(tables.regions, &refs.regions, &mut ok);
    service.contacts = resolve_all(tables.contacts, &refs.contacts, &mut ok);
    // All needs or all regions left out: nothing left to serve.
    ok && !service.needs.is_empty() && !service.regions.is_empty()
}

// ---------------------------------------------------------------------------------------
// Warnings about records that loaded

fn warn(sink: &mut Sink, catalogue: &Catalogue) {
    let today = catalogue.today();
    let stale_days = catalogue.header.stale_after_days;
    let mut org_has_service = vec![false; catalogue.organisations.len()];
    for service in &catalogue.services {
        org_has_service[service.organisation] = true;
        let header_col = header_column(sink, service.line);
        match service.verified {
            None => sink.push_at(Severity::Warning, service.line, header_col, format!("service `{}` has no `verified` date: treat it as stale until someone checks it", service.id)),
            Some(verified) if catalogue.is_stale(service, today) => sink.push_at(
                Severity::Warning,
                service.line,
                header_col,
                format!("service `{}` not verified since {verified} (more than {stale_days} days)", service.id),
            ),
            _ => {}
        }
        if !has_public_channel(catalogue, service) {
            sink.push_at(Severity::Warning, service.line, header_col, format!("service `{}` has no public contact channel (no public phone, e-mail or website on it, its contacts or its organisation)", service.id));
        }
        if let Some(until) = service
            .alert
            .as_ref()
            .and_then(|a| a.until)
            .filter(|&u| u < today)
        {
            let message = format!("alert of service `{}` expired on {until}", service.id);
            sink.push_at(Severity::Warning, service.line, header_col, message);
        }
    }
    for (org, has) in catalogue.organisations.iter().zip(org_has_service) {
        if !has {
            let col = header_column(sink, org.line);
            sink.push_at(
                Severity::Warning,
                org.line,
                col,
                format!("organisation `{}` has no services", org.id),
            );
        }
    }
}

/// Column of the `[` on a record's header line (after any indentation).
fn header_column(sink: &Sink, line: usize) -> usize {
    let start = sink.lines.line_start(line);
    let text = sink.lines.text_from(start);
    let indent = text.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    sink.lines.position(start).1 + indent
}

fn has_public_channel(catalogue: &Catalogue, service: &Service) -> bool {
    let org = catalogue.organisation_of(service);
    public_phones(&service.phones).next().is_some()
        || service.email.is_some()
        || service.website.is_some()
        || catalogue
            .public_contacts(service)
            .any(|c| c.email.is_some() || public_phones(&c.phones).next().is_some())
        || public_phones(&org.phones).next().is_some()
        || org.email.is_some()
        || org.website.is_some()
}
