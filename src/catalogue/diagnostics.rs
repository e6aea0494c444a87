//! Problems found in a catalogue, each pointing at a line and column of its file.

use super::Message;
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
    /// What is wrong, rendered in a language when shown (English by `Display`).
    pub message: Message,
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
/// A leading BOM is not counted as a column; CRLF ends a line like LF does. Only every
/// `LINES_PER_MARK`-th line start is kept (the rest are found by scanning a few lines):
/// a 100k-service catalogue has over two million lines, and a full index of them would
/// cost 18 MB at the moment memory peaks.
pub struct LineIndex<'a> {
    text: &'a str,
    /// The byte offset where line `k * LINES_PER_MARK` (0-based) starts.
    marks: Vec<usize>,
}

/// One kept line start in this many.
const LINES_PER_MARK: usize = 16;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut marks = vec![0];
        marks.extend(
            memchr::memchr_iter(b'\n', text.as_bytes())
                .enumerate()
                .filter(|(line, _)| (line + 1) % LINES_PER_MARK == 0)
                .map(|(_, at)| at + 1),
        );
        LineIndex { text, marks }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let mark = self.marks.partition_point(|&s| s <= offset) - 1;
        let from = self.marks[mark];
        let between = &self.text.as_bytes()[from..offset];
        let newlines = memchr::memchr_iter(b'\n', between).count();
        let start = memchr::memrchr(b'\n', between).map_or(from, |i| from + i + 1);
        let line = mark * LINES_PER_MARK + newlines;
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

    /// The byte offset where a 1-based line starts (the end of the text past the last).
    pub fn line_start(&self, line: usize) -> usize {
        let line = line.saturating_sub(1);
        let Some(&from) = self.marks.get(line / LINES_PER_MARK) else {
            return self.text.len();
        };
        match line % LINES_PER_MARK {
            0 => from,
            skip => memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..])
                .nth(skip - 1)
                .map_or(self.text.len(), |i| from + i + 1),
        }
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
    fn sparse_marks_give_the_same_positions_as_counting() {
        let text: String = (0..100).map(|i| format!("{i} строка ё\n")).collect();
        let index = LineIndex::new(&text);
        let mut line = 1;
        let mut column = 1;
        for (offset, c) in text.char_indices() {
            assert_eq!(index.position(offset), (line, column), "at {offset}");
            if c == '\n' {
                line += 1;
                column = 1;
                assert_eq!(index.line_start(line), offset + 1, "line {line}");
            } else {
                column += 1;
            }
        }
        assert_eq!(index.line_start(1), 0);
        assert_eq!(index.line_start(500), text.len());
    }

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let text = "\u{feff}a = 1\r\nб = \"ж\"\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3), (1, 1)); // 'a' right after the 3-byte BOM
        let quote = text.find('"').unwrap();
        assert_eq!(index.position(quote), (2, 5));
    }
}
