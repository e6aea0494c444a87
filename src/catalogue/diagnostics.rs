//! Problems found in a catalogue, each pointing at a line and column of its file.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a problem is: errors leave a record out, warnings only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem, printed as `PATH:LINE:COLUMN: error: message`.
///
/// Line and column are 1-based; the column counts characters, not bytes, so editors and
/// people agree on it for Cyrillic text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path,
            self.line,
            self.column,
            self.severity.as_str(),
            self.message
        )
    }
}

/// Maps byte offsets of a text to 1-based line and character column.
///
/// A leading BOM is not counted as a column; CRLF ends a line like LF does.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, line_starts }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let mut prefix = &self.text[start..floor_char_boundary(self.text, offset)];
        if line == 0 {
            prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
        }
        (line + 1, prefix.chars().count() + 1)
    }

    /// The text from a byte offset to the end.
    pub fn text_from(&self, offset: usize) -> &'a str {
        &self.text[floor_char_boundary(self.text, offset.min(self.text.len()))..]
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let text = "\u{feff}a = 1\r\nб = \"ж\"\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3), (1, 1)); // 'a' right after the 3-byte BOM
        let quote = text.find('"').unwrap();
        assert_eq!(index.position(quote), (2, 5));
    }
}
