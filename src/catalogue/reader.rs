//! Reading one record out of a parsed TOML table, with every fault reported at its place.
//!
//! The reader never stops at the first problem: it notes each one and returns what it could
//! read, so `check` can list them all and a faulty record can be left out on its own.

use super::messages::{Arg, Message, message};
use super::schema::{Record, Shape};
use super::{Diagnostic, LineIndex, Severity};
use jiff::civil::Date;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A value with the byte range it came from.
pub type At<T> = (T, Range<usize>);

/// Collects diagnostics for one file (or one part of it, when records are read in
/// parallel: every part shares the file's line index).
pub struct Sink<'a> {
    pub path: &'a str,
    pub lines: &'a LineIndex<'a>,
    pub diagnostics: Vec<Diagnostic>,
    /// Those of `diagnostics` that stop the whole load (not TOML, not a catalogue); they are
    /// named first when the load fails, since they are the cause.
    pub causes: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(path: &'a str, lines: &'a LineIndex<'a>) -> Self {
        Sink {
            path,
            lines,
            diagnostics: Vec::new(),
            causes: Vec::new(),
        }
    }

    pub fn push(&mut self, severity: Severity, offset: usize, message: Message) {
        let (line, column) = self.lines.position(offset);
        self.push_at(severity, line, column, message);
    }

    pub fn push_at(&mut self, severity: Severity, line: usize, column: usize, message: Message) {
        self.diagnostics.push(Diagnostic {
            severity,
            path: self.path.to_string(),
            line,
            column,
            message,
        });
    }

    /// An error that stops the whole load.
    pub fn fatal(&mut self, offset: usize, message: Message) {
        self.error(offset, message);
        self.causes.extend(self.diagnostics.last().cloned());
    }

    pub fn error(&mut self, offset: usize, message: Message) {
        self.push(Severity::Error, offset, message);
    }

    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.position(offset).0
    }
}

/// One record being read: its table, where its header is, and whether it has failed.
pub struct RecordReader<'t, 'i> {
    pub table: &'t DeTable<'i>,
    /// Byte offset of the record's `[[...]]` header (or its first character).
    pub header: usize,
    /// Added to every span (the record was parsed from a slice of the file).
    pub base: usize,
    /// True once an error that leaves the record out was reported.
    pub failed: bool,
}

impl<'t, 'i> RecordReader<'t, 'i> {
    pub fn new(table: &'t DeTable<'i>, header: usize, base: usize) -> Self {
        RecordReader {
            table,
            header,
            base,
            failed: false,
        }
    }

    fn span(&self, value: &Spanned<DeValue<'_>>) -> Range<usize> {
        let s = value.span();
        s.start + self.base..s.end + self.base
    }

    fn fail(&mut self, sink: &mut Sink, offset: usize, message: Message) {
        self.failed = true;
        sink.error(offset, message);
    }

    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    /// Reports missing required keys at the header.
    pub fn require(&mut self, sink: &mut Sink, record: &Record) {
        for key in record.required {
            if self.get(key).is_none() {
                let message = message!(
                    "cli-check-missing-key",
                    noun = Arg::word(record.noun),
                    key = *key
                );
                self.fail(sink, self.header, message);
            }
        }
    }

    fn type_error(&mut self, sink: &mut Sink, key: &str, want: &str, value: &Spanned<DeValue>) {
        let message = message!(
            "cli-check-wrong-type",
            key = key,
            want = Arg::word(want),
            found = Arg::word(describe(value.get_ref()))
        );
        let at = self.span(value).start;
        self.fail(sink, at, message);
    }

    /// An optional string.
    pub fn string(&mut self, sink: &mut Sink, key: &str) -> Option<At<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some((s.to_string(), self.span(value))),
            _ => {
                self.type_error(sink, key, "a string", value);
                None
            }
        }
    }

    /// An optional string that must not be blank when present.
    pub fn text(&mut self, sink: &mut Sink, key: &str) -> Option<String> {
        let (text, span) = self.string(sink, key)?;
        if text.trim().is_empty() {
            self.fail(sink, span.start, message!("cli-check-empty-key", key = key));
            return None;
        }
        Some(text)
    }

    /// A required name-like string: present (checked by `require`) and not blank.
    pub fn name(&mut self, sink: &mut Sink, key: &str) -> String {
        match self.string(sink, key) {
            Some((name, span)) if name.trim().is_empty() => {
                self.fail(sink, span.start, message!("cli-check-empty", key = key));
                name
            }
            Some((name, _)) => name,
            None => String::new(),
        }
    }

    /// An optional array of strings (a lone string is accepted as a one-element list).
    pub fn strings(&mut self, sink: &mut Sink, key: &str) -> Vec<At<String>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => out.push((s.to_string(), self.span(item))),
                        _ => self.type_error(sink, key, "a list of strings", item),
                    }
                }
                out
            }
            DeValue::String(s) => vec![(s.to_string(), self.span(value))],
            _ => {
                self.type_error(sink, key, "a list of strings", value);
                Vec::new()
            }
        }
    }

    /// Like [`strings`](Self::strings), without positions.
    pub fn plain_strings(&mut self, sink: &mut Sink, key: &str) -> Vec<String> {
        self.strings(sink, key)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    pub fn boolean(&mut self, sink: &mut Sink, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.type_error(sink, key, "true or false", value);
                None
            }
        }
    }

    pub fn integer(&mut self, sink: &mut Sink, key: &str) -> Option<At<i64>> {
        let value = self.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        match parsed {
            Some(n) => Some((n, self.span(value))),
            None => {
                self.type_error(sink, key, "a whole number", value);
                None
            }
        }
    }

    /// An optional date: a TOML date without time (`verified = 2024-11-05`).
    pub fn date(&mut self, sink: &mut Sink, key: &str) -> Option<At<Date>> {
        let value = self.get(key)?;
        let span = self.span(value);
        match value_to_date(value.get_ref()) {
            Ok(date) => Some((date, span)),
            Err(found) => {
                let message = message!("cli-check-malformed-date", key = key, problem = found);
                self.fail(sink, span.start, message);
                None
            }
        }
    }

    /// An optional list of dates.
    pub fn dates(&mut self, sink: &mut Sink, key: &str) -> Vec<Date> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.type_error(sink, key, "a list of dates", value);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match value_to_date(item.get_ref()) {
                Ok(date) => out.push(date),
                Err(found) => {
                    let at = self.span(item).start;
                    self.fail(
                        sink,
                        at,
                        message!("cli-check-malformed-date-list", key = key, problem = found),
                    );
                }
            }
        }
        out
    }

    /// Sub-tables of an array-of-tables key (e.g. `phones`).
    pub fn tables(&mut self, sink: &mut Sink, key: &str) -> Vec<(&'t DeTable<'i>, usize)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.type_error(sink, key, "a list of tables", value);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, self.span(item).start)),
                _ => self.type_error(sink, key, "a list of tables", item),
            }
        }
        out
    }

    /// A sub-table (e.g. `alert`).
    pub fn table(&mut self, sink: &mut Sink, key: &str) -> Option<(&'t DeTable<'i>, usize)> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some((t, self.span(value).start)),
            _ => {
                self.type_error(sink, key, "a table", value);
                None
            }
        }
    }

    /// A nested reader over a sub-table, sharing this record's fate.
    pub fn nested<R>(
        &mut self,
        table: &'t DeTable<'i>,
        at: usize,
        f: impl FnOnce(&mut RecordReader<'t, 'i>) -> R,
    ) -> R {
        let mut inner = RecordReader::new(table, at, self.base);
        let result = f(&mut inner);
        self.failed |= inner.failed;
        result
    }
}

/// The date, or what is wrong with it (a message, or the date library's words).
fn value_to_date(value: &DeValue) -> Result<Date, Arg> {
    match value {
        DeValue::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8)
                .map_err(|e| Arg::Text(e.to_string())),
            _ => Err(message!("cli-check-date-has-time", value = dt.to_string()).into()),
        },
        other => Err(message!("cli-check-found", found = Arg::word(describe(other))).into()),
    }
}

/// "a string", "an integer", … for messages.
pub fn describe(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Reports every key of `table` (recursively, by the schema) that the schema does not know,
/// at the key itself, with a suggestion when one is near.
pub fn check_keys(sink: &mut Sink, table: &DeTable, record: &Record, base: usize) -> bool {
    let mut clean = true;
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        match record.shape_of(name) {
            None => {
                clean = false;
                let message = message!(
                    "cli-check-unknown-key",
                    key = name,
                    noun = Arg::word(record.noun)
                )
                .suggesting(did_you_mean(name, record.key_names()));
                sink.error(key.span().start + base, message);
            }
            Some(Shape::Leaf) => {}
            Some(Shape::Table(inner)) => {
                if let DeValue::Table(t) = value.get_ref() {
                    clean &= check_keys(sink, t, inner, base);
                }
            }
            Some(Shape::Tables(inner)) => {
                if let DeValue::Array(items) = value.get_ref() {
                    for item in items.iter() {
                        if let DeValue::Table(t) = item.get_ref() {
                            clean &= check_keys(sink, t, inner, base);
                        }
                    }
                }
            }
            Some(Shape::TableMap(inner)) => {
                if let DeValue::Table(map) = value.get_ref() {
                    for (_, entry) in map.iter() {
                        if let DeValue::Table(t) = entry.get_ref() {
                            clean &= check_keys(sink, t, inner, base);
                        }
                    }
                }
            }
        }
    }
    clean
}

/// References longer than this get no suggestion: nobody mistypes a 1 MB id, and the edit
/// distance costs the product of the two lengths for every candidate.
pub const SUGGEST_MAX_CHARS: usize = 64;

/// True for input longer than any reference worth suggesting for ([`SUGGEST_MAX_CHARS`]);
/// the byte length, which bounds the characters, answers first without counting them.
pub fn too_long_to_suggest(input: &str) -> bool {
    input.len() > SUGGEST_MAX_CHARS * 4 || input.chars().count() > SUGGEST_MAX_CHARS
}

/// The candidate nearest to `input`, when it is near enough to be a likely typo.
pub fn did_you_mean<'c>(
    input: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    if too_long_to_suggest(input) {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(input, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Reports what stripping `text` removes: a control character or bidirectional override is
/// an error; an invisible mark (zero-width space, direction marks) a warning.
fn report_stripped(sink: &mut Sink, at: usize, text: &str) {
    if let Some(bad) = text.chars().find(|&c| crate::text::is_forbidden_char(c)) {
        let message = message!("cli-check-control-char", code = code_point(bad));
        sink.error(at, message);
    } else if let Some(mark) = text.chars().find(|&c| crate::text::is_invisible_mark(c)) {
        let message = message!("cli-check-invisible-char", code = code_point(mark));
        sink.push(Severity::Warning, at, message);
    }
}

/// `U+200B`, as characters are named.
fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Replaces forbidden characters in every string of the tree, reporting each string that
/// had any. This is the one error that keeps the record: the text is usable once stripped.
pub fn strip_strings(sink: &mut Sink, value: &mut Spanned<DeValue>, base: usize) {
    let start = value.span().start + base;
    match value.get_mut() {
        DeValue::String(s) => {
            // A multi-line string in a file saved with CRLF line ends keeps them; they are
            // line ends, not control characters.
            if memchr::memchr(b'\r', s.as_bytes()).is_some() && s.contains("\r\n") {
                *s = std::borrow::Cow::Owned(s.replace("\r\n", "\n"));
            }
            if crate::text::has_forbidden(s) {
                report_stripped(sink, start, s);
                *s = std::borrow::Cow::Owned(crate::text::strip_controls(s).into_owned());
            }
        }
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                strip_strings(sink, item, base);
            }
        }
        DeValue::Table(table) => {
            for (_, item) in table.iter_mut() {
                strip_strings(sink, item, base);
            }
        }
        _ => {}
    }
}
