//! Catalogue text is untrusted: these helpers make it safe to show and to copy.

use std::borrow::Cow;

/// True for characters that must never reach a terminal or clipboard from catalogue text:
/// C0 and C1 controls other than newline and tab, DEL, and bidirectional overrides
/// (which can make a line read differently from what it says).
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True when `text` holds a forbidden character. A byte scan first: every forbidden
/// character's UTF-8 form has a control byte, 0x7F, or a 0xC2 / 0xE2 lead byte, so plain
/// Latin and Cyrillic text is cleared without decoding (this runs on every catalogue string).
pub fn has_forbidden(text: &str) -> bool {
    // A branch-free fold (no early exit) so the compiler can vectorise it.
    let suspicious = text.bytes().fold(false, |found, b| {
        found | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
    });
    suspicious && text.chars().any(is_forbidden_char)
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
            .filter(|&c| !is_forbidden_char(c))
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
    }
}
