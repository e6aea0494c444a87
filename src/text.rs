//! Catalogue text is untrusted: these helpers make it safe to show and to copy.

use std::borrow::Cow;

/// True for characters that must never reach a terminal or clipboard from catalogue text:
/// C0 and C1 controls other than newline and tab, DEL, and bidirectional overrides
/// (which can make a line read differently from what it says).
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True for invisible characters that change how text reads or sorts without showing:
/// zero-width space, left-to-right and right-to-left marks, the Arabic letter mark, the
/// word joiner and the zero-width no-break space. Legitimate in some scripts' typesetting,
/// but in a directory they only hide differences (`foo` and `f\u{200b}oo`); `check` warns
/// and the views drop them.
pub fn is_invisible_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2060}' | '\u{feff}'
    )
}

/// True when `text` holds a forbidden character or an invisible mark. A byte scan first:
/// each of their UTF-8 forms has a control byte, 0x7F, or a 0xC2, 0xD8, 0xE2 or 0xEF lead
/// byte, so plain Latin and Cyrillic text is cleared without decoding (this runs on every
/// catalogue string).
pub fn has_forbidden(text: &str) -> bool {
    // A branch-free fold (no early exit) so the compiler can vectorise it.
    let suspicious = text.bytes().fold(false, |found, b| {
        found
            | ((b < 0x20) & (b != b'\n') & (b != b'\t'))
            | (b == 0x7f)
            | (b == 0xc2)
            | (b == 0xd8)
            | (b == 0xe2)
            | (b == 0xef)
    });
    suspicious
        && text
            .chars()
            .any(|c| is_forbidden_char(c) || is_invisible_mark(c))
}

/// Shows text the user typed (a flag's value, an environment variable) safely in a message:
/// control characters, bidirectional controls and invisible marks become `\u{…}`, so what
/// is echoed can neither drive the terminal nor hide what was typed.
pub fn escape_input(text: &str) -> Cow<'_, str> {
    let needs_escape = |c: char| c.is_control() || is_forbidden_char(c) || is_invisible_mark(c);
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The first character of `text` that a user-given code (a case reference) may not hold:
/// a control character, a bidirectional control or an invisible mark.
pub fn first_unsafe_char(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() || is_forbidden_char(c) || is_invisible_mark(c))
}

/// Removes terminal escape sequences (CSI, OSC, …) and forbidden characters.
/// Borrows when there is nothing to remove, which is the usual case.
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if !has_forbidden(text) {
        return Cow::Borrowed(text);
    }
    let without_sequences = strip_ansi_escapes::strip_str(text);
    Cow::Owned(
        without_sequences
            .chars()
            .filter(|&c| !is_forbidden_char(c) && !is_invisible_mark(c))
            .collect(),
    )
}

/// Like [`strip_controls`], and folds newlines and tabs into spaces: for one-line places
/// such as a list row or a status line.
pub fn one_line(text: &str) -> String {
    strip_controls(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_controls() {
        assert_eq!(strip_controls("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(strip_controls("x\u{1b}]52;c;aGk=\u{7}y"), "xy");
        assert_eq!(strip_controls("bell\u{7} nul\u{0}"), "bell nul");
        assert_eq!(strip_controls("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(strip_controls("\u{202e}evil"), "evil");
        assert!(matches!(strip_controls("plain Гомель"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\n  b\tc"), "a b c");
        assert!(has_forbidden("c1 \u{85} next line"));
        assert!(!has_forbidden("dash — and é, Гомель"));
        assert_eq!(strip_controls("f\u{200b}oo\u{61c}\u{feff}"), "foo");
        assert!(!has_forbidden("عربي ‘quotes’ €"));
    }

    #[test]
    fn echoed_input_shows_controls_and_marks_as_escapes() {
        assert_eq!(escape_input("plain Гомель"), "plain Гомель");
        assert_eq!(
            escape_input("a\u{1b}[31m\u{7}\u{9b}\u{202e}b\u{200e}\n"),
            "a\\u{1b}[31m\\u{7}\\u{9b}\\u{202e}b\\u{200e}\\u{a}"
        );
        assert_eq!(first_unsafe_char("C-0042"), None);
        assert_eq!(first_unsafe_char("C\u{7f}1"), Some('\u{7f}'));
        assert_eq!(first_unsafe_char("C\u{2066}1"), Some('\u{2066}'));
    }
}
