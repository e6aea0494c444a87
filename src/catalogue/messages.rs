//! The words of a diagnostic: a message id of the Fluent bundles (`cli-check-…`) with its
//! named values, kept as data and rendered in a language only when shown. The English is
//! written once, in `locales/en/cli.ftl`; `check --json` and logs render it in English, the
//! command line and the directory in the operator's language. The cache stores the id and
//! the values, so both are owned.

use super::Diagnostic;
use crate::i18n::{Lang, Value};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `message!("cli-check-id")` or `message!("cli-check-id", name = value, …)`: a
/// [`Message`], the values converted with [`Arg::from`].
macro_rules! message {
    ($id:expr $(,)?) => {
        $crate::catalogue::Message::new($id, Vec::new())
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::catalogue::Message::new(
            $id,
            vec![$((stringify!($name), $crate::catalogue::Arg::from($value))),+],
        )
    };
}
pub(crate) use message;

/// A check's message: its id in the bundles and its named values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    id: String,
    args: Vec<(String, Arg)>,
}

/// A value inside a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    /// Text from the catalogue or a library, shown as it is.
    Text(String),
    /// A number (which chooses plural forms).
    Number(i64),
    /// One of a few English words (a record's noun, a value's kind) that a translation
    /// selects on: Fluent's variant keys have no spaces, so other languages get it with
    /// hyphens (`a string` → `a-string`).
    Word(String),
    /// Another message, rendered in the same language.
    Message(Box<Message>),
}

impl Message {
    pub fn new(id: &str, args: Vec<(&str, Arg)>) -> Message {
        Message {
            id: id.to_string(),
            args: args
                .into_iter()
                .map(|(name, arg)| (name.to_string(), arg))
                .collect(),
        }
    }

    /// `self`, followed by a suggestion when there is one.
    pub fn suggesting(self, near: Option<&str>) -> Message {
        match near {
            Some(near) => message!("cli-check-did-you-mean", text = self, near = near),
            None => self,
        }
    }

    /// The bundle id, as tests check every one is translated.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let values: Vec<(&str, Value<'_>)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => Value::from(text.as_str()),
                    Arg::Number(n) => Value::from(*n),
                    Arg::Word(word) if lang.is_base() => Value::from(word.as_str()),
                    Arg::Word(word) => Value::from(word.replace(' ', "-")),
                    Arg::Message(inner) => Value::from(inner.render(lang)),
                };
                (name.as_str(), value)
            })
            .collect();
        lang.t_args(&self.id, &values)
    }
}

impl Arg {
    /// A word a translation selects on (see [`Arg::Word`]).
    pub fn word(word: &str) -> Arg {
        Arg::Word(word.to_string())
    }
}

impl fmt::Display for Message {
    /// English, as `check --json`, logs and tests read it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::en()))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        Arg::Text(text.into_owned())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(Box::new(message))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(usize, u64, u32, u16, i64, i32);

impl Diagnostic {
    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message.render(lang)
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
    fn messages_render_their_values_words_and_nested_messages() {
        let unknown = message!(
            "cli-check-unknown-key",
            key = "nmae",
            noun = Arg::word("service")
        );
        let suggested = message!("cli-check-did-you-mean", text = unknown, near = "name");
        assert_eq!(
            suggested.to_string(),
            "unknown key `nmae` in service (did you mean `name`?)"
        );
        assert_eq!(
            suggested.render(ru()),
            "неизвестный ключ `nmae` в услуге (может быть, `name`?)"
        );
        let wrong = message!(
            "cli-check-wrong-type",
            key = "min_age",
            want = Arg::word("a whole number"),
            found = Arg::word("a string")
        );
        assert_eq!(
            wrong.to_string(),
            "`min_age` must be a whole number, found a string"
        );
        assert_eq!(
            wrong.render(ru()),
            "`min_age` должно быть целым числом, а найдена строка"
        );
        let stale = message!("cli-check-stale", id = "x", date = "2024-01-01", days = 21);
        assert_eq!(
            stale.render(ru()),
            "услуга `x` не проверялась с 2024-01-01 (больше 21 дня)"
        );
    }

    /// A value holding the words between two placeholders stays whole.
    #[test]
    fn a_value_with_the_messages_own_words_stays_whole() {
        let duplicate = message!(
            "cli-check-duplicate-id",
            noun = Arg::word("service"),
            id = "a` (first defined at line 2) `b",
            line = 7
        );
        assert_eq!(
            duplicate.render(ru()),
            "повторный id услуги `a` (first defined at line 2) `b` (впервые определён в строке 7)"
        );
    }
}
