//! One editable line of text with a cursor: the search line, a picker's filter and the
//! composer's text fields all use it, so the editing keys behave the same everywhere.
//! The editing itself is `tui-input`'s (grapheme-aware, word motions); this module names
//! the edits the key tables can ask for and lays a field out for a given width: scrolled
//! sideways so the cursor is always visible, with `…` where text is hidden, or soft-wrapped
//! over several rows for the long free-text fields.

use std::ops::Range;
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthChar;

/// The marker drawn where text is hidden at either end of a scrolled field.
pub const MORE: char = '…';

/// An edit the key tables can ask of a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Backspace.
    DeleteBack,
    /// Delete.
    DeleteForward,
    /// Ctrl-w: the word before the cursor.
    DeleteWord,
    /// Ctrl-u: the whole line.
    Clear,
    Left,
    Right,
    /// Home, Ctrl-a.
    Start,
    /// End, Ctrl-e.
    End,
    /// Alt-b.
    WordLeft,
    /// Alt-f.
    WordRight,
}

/// A line of text and where the cursor is in it.
#[derive(Debug, Clone, Default)]
pub struct TextField {
    input: Input,
}

impl PartialEq for TextField {
    fn eq(&self, other: &TextField) -> bool {
        self.value() == other.value() && self.input.cursor() == other.input.cursor()
    }
}

impl PartialEq<&str> for TextField {
    fn eq(&self, other: &&str) -> bool {
        self.value() == *other
    }
}

impl std::ops::Deref for TextField {
    type Target = str;
    fn deref(&self) -> &str {
        self.value()
    }
}

impl From<&str> for TextField {
    fn from(text: &str) -> TextField {
        TextField::new(text)
    }
}

impl TextField {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: &str) -> TextField {
        TextField {
            input: Input::new(text.to_string()),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn as_str(&self) -> &str {
        self.value()
    }

    /// The cursor as a byte offset into [`TextField::value`].
    pub fn cursor_byte(&self) -> usize {
        self.value()
            .char_indices()
            .nth(self.input.cursor())
            .map_or(self.value().len(), |(i, _)| i)
    }

    /// Replaces the text; the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        self.input = Input::new(text.to_string());
    }

    pub fn clear(&mut self) {
        self.input.reset();
    }

    /// Applies an edit; returns whether the text changed (a cursor move does not).
    pub fn edit(&mut self, edit: Edit) -> bool {
        let request = match edit {
            Edit::Insert(c) if c.is_control() => return false,
            Edit::Insert(c) => InputRequest::InsertChar(c),
            Edit::DeleteBack => InputRequest::DeletePrevChar,
            Edit::DeleteForward => InputRequest::DeleteNextChar,
            Edit::DeleteWord => InputRequest::DeletePrevWord,
            Edit::Clear => InputRequest::DeleteLine,
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::Start => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
        };
        match self.input.handle(request) {
            Some(changed) => changed.value,
            None => false,
        }
    }

    /// The field as one row of `width` columns, scrolled so the cursor is visible: the
    /// visible text (with `…` standing for hidden text at either end) and the cursor's
    /// column in it.
    pub fn scrolled(&self, width: usize) -> (String, usize) {
        scrolled(self.value(), self.cursor_byte(), width)
    }

    /// The field soft-wrapped at spaces to rows of `width` columns (the cursor keeps a
    /// column of its own at a row's end): each row's text and the cursor's (row, column).
    pub fn wrapped(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        wrapped_at(self.value(), self.cursor_byte(), width)
    }
}

fn width_of(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` shown in `width` columns with the cursor (a byte offset) visible.
pub fn scrolled(text: &str, cursor: usize, width: usize) -> (String, usize) {
    if width == 0 {
        return (String::new(), 0);
    }
    let chars: Vec<(usize, char, usize)> = text
        .char_indices()
        .map(|(i, c)| (i, c, c.width().unwrap_or(0)))
        .collect();
    let total: usize = chars.iter().map(|c| c.2).sum();
    // The cursor needs a column of its own after the text.
    if total < width {
        return (text.to_string(), width_of(&text[..cursor.min(text.len())]));
    }
    let at = chars
        .iter()
        .position(|c| c.0 >= cursor)
        .unwrap_or(chars.len());
    // Start at the cursor and take columns backwards, then forwards, leaving room for the
    // markers.
    let mut start = at;
    let mut end = at;
    let mut used = 1; // the cursor's own column
    let fits = |used: usize, start: usize, end: usize| {
        let left = usize::from(start > 0);
        let right = usize::from(end < chars.len());
        used + left + right <= width
    };
    // Show a little context after the cursor, then as much before it as fits.
    loop {
        let mut grew = false;
        if end < chars.len() && end - at < 8 && fits(used + chars[end].2, start, end + 1) {
            used += chars[end].2;
            end += 1;
            grew = true;
        }
        if start > 0 && fits(used + chars[start - 1].2, start - 1, end) {
            start -= 1;
            used += chars[start].2;
            grew = true;
        }
        if !grew {
            break;
        }
    }
    while end < chars.len() && fits(used + chars[end].2, start, end + 1) {
        used += chars[end].2;
        end += 1;
    }
    let mut out = String::new();
    let mut column = 0;
    if start > 0 {
        out.push(MORE);
        column = 1;
    }
    out.extend(chars[start..end].iter().map(|c| c.1));
    column += chars[start..at].iter().map(|c| c.2).sum::<usize>();
    if end < chars.len() {
        out.push(MORE);
    }
    (out, column)
}

/// The byte ranges of `text`'s rows when wrapped at spaces to `width` columns; a word
/// longer than a row is broken. Every byte is in exactly one row (a row keeps the space it
/// ends on), so a cursor always lands in a row.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(2);
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut last_space: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 && i > start {
            let cut = match last_space {
                Some(space) if space > start => space,
                _ => i,
            };
            rows.push(start..cut);
            start = cut;
            used = width_of(&text[start..i]);
            last_space = None;
        }
        used += w;
        if c == ' ' {
            last_space = Some(i + 1);
        }
    }
    rows.push(start..text.len());
    rows
}

/// `text` wrapped for a `width`-column field, and the cursor's (row, column).
pub fn wrapped_at(text: &str, cursor: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    let ranges = wrap_ranges(text, width);
    let last = ranges.len() - 1;
    let row = ranges
        .iter()
        .position(|r| cursor < r.end || (cursor == r.end && r.end == text.len()))
        .unwrap_or(last);
    let column = width_of(&text[ranges[row].start..cursor.clamp(ranges[row].start, text.len())]);
    let rows = ranges.into_iter().map(|r| text[r].to_string()).collect();
    (rows, (row, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, cursor: usize) -> TextField {
        let mut f = TextField::new(text);
        f.edit(Edit::Start);
        for _ in 0..cursor {
            f.edit(Edit::Right);
        }
        f
    }

    #[test]
    fn every_edit_does_what_its_key_says() {
        let cases: &[(&str, usize, Edit, &str, usize)] = &[
            ("abc", 1, Edit::Insert('x'), "axbc", 2),
            ("abc", 1, Edit::DeleteBack, "bc", 0),
            ("abc", 1, Edit::DeleteForward, "ac", 1),
            ("one two", 7, Edit::DeleteWord, "one ", 4),
            ("one two", 3, Edit::Clear, "", 0),
            ("abc", 1, Edit::Left, "abc", 0),
            ("abc", 1, Edit::Right, "abc", 2),
            ("abc", 2, Edit::Start, "abc", 0),
            ("abc", 0, Edit::End, "abc", 3),
            ("one two", 7, Edit::WordLeft, "one two", 4),
            ("one two", 0, Edit::WordRight, "one two", 4),
            ("abc", 0, Edit::Left, "abc", 0),
            ("abc", 3, Edit::Right, "abc", 3),
        ];
        for &(text, at, edit, want, cursor) in cases {
            let mut f = field(text, at);
            let changed = f.edit(edit);
            assert_eq!(f.value(), want, "{edit:?} on {text:?} at {at}");
            assert_eq!(f.input.cursor(), cursor, "{edit:?} on {text:?} at {at}");
            assert_eq!(changed, text != want, "{edit:?} reports a change");
        }
    }

    #[test]
    fn a_short_field_shows_whole() {
        assert_eq!(scrolled("abc", 1, 10), ("abc".to_string(), 1));
    }

    #[test]
    fn a_long_field_scrolls_to_the_cursor_with_markers() {
        let text = "x".repeat(120);
        let (shown, column) = scrolled(&text, 120, 20);
        assert!(shown.starts_with(MORE) && !shown.ends_with(MORE), "{shown}");
        assert_eq!(column, 19, "the cursor is in the last column");
        let (shown, column) = scrolled(&text, 0, 20);
        assert!(!shown.starts_with(MORE) && shown.ends_with(MORE), "{shown}");
        assert_eq!(column, 0);
        let (shown, column) = scrolled(&text, 60, 20);
        assert!(shown.starts_with(MORE) && shown.ends_with(MORE), "{shown}");
        assert!(column < 19 && column > 0);
        for (cursor, width) in [(0, 1), (5, 2), (119, 3), (120, 80)] {
            let (shown, column) = scrolled(&text, cursor, width);
            assert!(width_of(&shown) <= width, "{cursor} {width}");
            assert!(column < width, "{cursor} {width}");
        }
    }

    #[test]
    fn wide_characters_never_overflow() {
        let text = "日本語".repeat(20);
        for cursor in [0, 3, 30, text.len()] {
            let (shown, column) = scrolled(&text, cursor, 11);
            assert!(width_of(&shown) <= 11, "{shown}");
            assert!(column < 11);
        }
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_places_the_cursor() {
        let text = "the client needs a bed tonight";
        let (rows, cursor) = wrapped_at(text, text.len(), 12);
        assert_eq!(rows, ["the client ", "needs a ", "bed tonight"]);
        assert_eq!(cursor, (2, 11), "the cursor keeps a column of its own");
        let (_, cursor) = wrapped_at(text, 0, 12);
        assert_eq!(cursor, (0, 0));
        let (rows, _) = wrapped_at(&"y".repeat(25), 0, 10);
        assert_eq!(rows.len(), 3, "a long word is broken");
        assert_eq!(rows.concat(), "y".repeat(25));
        assert_eq!(wrapped_at("", 0, 10), (vec![String::new()], (0, 0)));
    }
}
