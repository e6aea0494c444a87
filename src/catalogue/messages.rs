//! Diagnostics in the operator's language. The checks write their messages in English, in
//! many places; rather than thread a language through every one, this table knows each
//! message's shape: its English comes from the English bundle (so the shape and the words
//! are written once), with the message's values read back out of the English text and put
//! into the translation. A message no shape fits stays wholly English: never half a
//! sentence in each language. `tests/cli_ru.rs` checks that a broken file's every message
//! is translated.

use super::Diagnostic;
use crate::i18n::{Lang, Value};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A message id, its variables, and which of them are messages themselves (translated in
/// turn). Order matters: the first shape that fits wins, so narrower shapes come first.
type Shape = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const SHAPES: &[Shape] = &[
    ("cli-check-did-you-mean", &["text", "near"], &["text"]),
    ("cli-check-duplicate-id", &["noun", "id", "line"], &[]),
    ("cli-check-no-level", &["id", "level"], &[]),
    ("cli-check-no-catalogue-table", &[], &[]),
    ("cli-check-no-records", &[], &[]),
    ("cli-check-not-utf8", &[], &[]),
    ("cli-check-missing-key", &["noun", "key"], &[]),
    ("cli-check-wrong-type", &["key", "want", "found"], &[]),
    ("cli-check-empty-key", &["key"], &[]),
    ("cli-check-empty-title", &[], &[]),
    ("cli-check-empty", &["key"], &[]),
    (
        "cli-check-malformed-date",
        &["key", "problem"],
        &["problem"],
    ),
    (
        "cli-check-malformed-date-list",
        &["key", "problem"],
        &["problem"],
    ),
    ("cli-check-date-has-time", &["value"], &[]),
    ("cli-check-found", &["found"], &[]),
    ("cli-check-unknown-key", &["key", "noun"], &[]),
    ("cli-check-control-char", &["code"], &[]),
    ("cli-check-invisible-char", &["code"], &[]),
    ("cli-check-second-header", &["line"], &[]),
    ("cli-check-second-header-part", &[], &[]),
    ("cli-check-not-toml", &["message"], &[]),
    ("cli-check-unknown-table", &["key"], &[]),
    ("cli-check-header-not-table", &["found"], &[]),
    ("cli-check-array-of-tables", &["key"], &[]),
    ("cli-check-each-table", &["key"], &[]),
    ("cli-check-schema-too-new", &["schema", "known"], &[]),
    ("cli-check-schema", &["known"], &[]),
    ("cli-check-unknown-zone", &["zone"], &[]),
    ("cli-check-stale-days", &[], &[]),
    ("cli-check-region-level", &["word"], &[]),
    ("cli-check-not-slug", &["id", "hint"], &[]),
    ("cli-check-email", &["email"], &[]),
    ("cli-check-url", &["url"], &[]),
    ("cli-check-phone-kind", &["word", "kinds"], &[]),
    ("cli-check-no-needs", &[], &[]),
    ("cli-check-no-regions", &[], &[]),
    ("cli-check-status", &["word"], &[]),
    ("cli-check-ages", &["max", "min"], &[]),
    ("cli-check-hours", &["message"], &[]),
    ("cli-check-translation-table", &["lang"], &[]),
    ("cli-check-no-timezone", &[], &[]),
    ("cli-check-unverified", &["id"], &[]),
    ("cli-check-stale", &["id", "date", "days"], &[]),
    ("cli-check-no-channel", &["id"], &[]),
    ("cli-check-alert-expired", &["id", "date"], &[]),
    ("cli-check-org-no-services", &["id"], &[]),
    ("cli-check-declined", &["id", "count"], &[]),
    ("cli-check-cycle", &["noun", "names"], &[]),
    ("cli-check-unknown-ref", &["noun", "id"], &[]),
    // Why a catalogue file could not be read at all.
    ("cli-check-directory", &[], &[]),
    ("cli-check-too-large", &["size", "limit"], &[]),
    ("cli-check-grew", &[], &[]),
    ("cli-check-no-such-file", &[], &[]),
    ("cli-check-permission-denied", &[], &[]),
];

/// Variables holding one of a few English words (a record's noun, a value's kind), which
/// a translation selects on: Fluent's variant keys have no spaces, so neither do these.
const WORDS: &[&str] = &["noun", "want", "found"];

/// Marks a variable's place when the English is rendered to learn its shape.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// One shape: literal text, then (variable, literal) pairs.
struct Pattern {
    id: &'static str,
    head: String,
    parts: Vec<(&'static str, String)>,
    nested: &'static [&'static str],
}

static PATTERNS: LazyLock<Vec<Pattern>> =
    LazyLock::new(|| SHAPES.iter().map(|shape| pattern(*shape)).collect());

fn pattern((id, vars, nested): Shape) -> Pattern {
    let marks: Vec<String> = vars.iter().map(|v| format!("{OPEN}{v}{CLOSE}")).collect();
    let args: Vec<(&str, Value<'_>)> = vars
        .iter()
        .zip(&marks)
        .map(|(v, m)| (*v, Value::from(m.as_str())))
        .collect();
    let english = Lang::en().t_args(id, &args);
    let mut pieces = english.split(OPEN);
    let head = pieces.next().unwrap_or_default().to_string();
    let parts = pieces
        .filter_map(|piece| {
            let (name, rest) = piece.split_once(CLOSE)?;
            let name = vars.iter().find(|v| **v == name)?;
            Some((*name, rest.to_string()))
        })
        .collect();
    Pattern {
        id,
        head,
        parts,
        nested,
    }
}

impl Pattern {
    /// The values of the variables, when `text` has this shape.
    fn capture<'t>(&self, text: &'t str) -> Option<Vec<(&'static str, &'t str)>> {
        let mut rest = text.strip_prefix(self.head.as_str())?;
        let mut values = Vec::with_capacity(self.parts.len());
        for (at, (name, literal)) in self.parts.iter().enumerate() {
            let value = if at + 1 == self.parts.len() {
                let value = rest.strip_suffix(literal.as_str())?;
                rest = "";
                value
            } else {
                let end = rest
                    .find(literal.as_str())
                    .filter(|_| !literal.is_empty())?;
                let value = &rest[..end];
                rest = &rest[end + literal.len()..];
                value
            };
            values.push((*name, value));
        }
        if self.parts.is_empty() && !rest.is_empty() {
            return None;
        }
        Some(values)
    }
}

/// `english` (a message the catalogue's checks write) in `lang`, or `None` when no shape
/// fits it.
pub fn translate(lang: Lang, english: &str) -> Option<String> {
    if lang.is_base() {
        return Some(english.to_string());
    }
    PATTERNS.iter().find_map(|p| {
        let values = p.capture(english)?;
        let mut args: Vec<(&str, Value<'_>)> = Vec::with_capacity(values.len());
        for (name, value) in values {
            let value = if p.nested.contains(&name) {
                Value::from(translate(lang, value)?)
            } else if WORDS.contains(&name) {
                // A word the translation chooses by (`a string` → `a-string`).
                Value::from(value.replace(' ', "-"))
            } else {
                match value.parse::<i64>() {
                    Ok(number) => Value::from(number),
                    Err(_) => Value::from(value),
                }
            };
            args.push((name, value));
        }
        Some(lang.t_args(p.id, &args))
    })
}

impl Diagnostic {
    /// The message in `lang`, or in English when it has no translation.
    pub fn message_in(&self, lang: Lang) -> Cow<'_, str> {
        match translate(lang, &self.message) {
            Some(text) => Cow::Owned(text),
            None => Cow::Borrowed(&self.message),
        }
    }

    /// `PATH:LINE:COLUMN: severity: message`, the message in `lang`; the prefix never
    /// changes (editors read it).
    pub fn line_in(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            self.path,
            self.line,
            self.column,
            self.severity.as_str(),
            self.message_in(lang)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru() -> Lang {
        Lang::find("ru").expect("a Russian bundle")
    }

    #[test]
    fn every_shape_reads_back_its_own_english() {
        for p in PATTERNS.iter() {
            assert!(
                !p.head.contains('{') && p.parts.iter().all(|(_, l)| !l.contains('{')),
                "{}: the English bundle lacks it or names other variables",
                p.id
            );
        }
    }

    #[test]
    fn messages_are_translated_with_their_values_and_nested_messages() {
        assert_eq!(
            translate(ru(), "unknown key `nmae` in service (did you mean `name`?)").as_deref(),
            Some("неизвестный ключ `nmae` в услуге (может быть, `name`?)")
        );
        assert_eq!(
            translate(ru(), "`min_age` must be a whole number, found a string").as_deref(),
            Some("`min_age` должно быть целым числом, а найдена строка")
        );
        assert_eq!(
            translate(
                ru(),
                "service `x` not verified since 2024-01-01 (more than 21 days)"
            )
            .as_deref(),
            Some("услуга `x` не проверялась с 2024-01-01 (больше 21 дня)")
        );
        assert_eq!(translate(ru(), "something no check says"), None);
        assert_eq!(
            translate(ru(), "empty title").as_deref(),
            Some("пустое поле title")
        );
    }
}
