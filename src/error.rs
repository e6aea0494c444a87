//! The exit-code contract and the one error type a user sees, shared by the command line and
//! the directory (both sit above this module and neither imports the other).
//!
//! What a user reads is a [`Text`]: a message id of the Fluent bundles with its arguments,
//! rendered in the language of the run when it is printed (so the code that finds a problem
//! needs no language), or a text from elsewhere (an operating-system error) shown as it is.

use crate::i18n::{Lang, Value};
use std::process::ExitCode;

/// The exit-code contract shared by every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Done = 0,
    /// 1: nothing found (no hits, nothing due, no records).
    NothingFound = 1,
    /// 2: bad input (usage, unreadable catalogue or config, `check` errors, unknown id).
    BadInput = 2,
    /// 3: could not act (a write failed, no terminal for `--copy`, a file may not be overwritten).
    CouldNotAct = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// `msg!("cli-id")` or `msg!("cli-id", name = value, …)`: a [`Text`] to render later, the
/// values converted with [`Arg::from`].
macro_rules! msg {
    ($id:expr $(,)?) => {
        $crate::error::Text::Message { id: $id, args: Vec::new() }
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::error::Text::Message {
            id: $id,
            args: vec![$((stringify!($name), $crate::error::Arg::from($value))),+],
        }
    };
}
pub(crate) use msg;

/// Words for the user, rendered in a language only when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    /// A message of the bundles (`cli-…`) and its named arguments.
    Message {
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    /// Text that has no message id (an OS or library error): the same in every language.
    Plain(String),
}

/// A value inside a message: text, a number (which chooses plural forms), or another
/// message rendered in the same language.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
    Message(Box<Text>),
    /// Texts rendered in the same language and joined with `, ` (a list of quoted words).
    List(Vec<Text>),
}

impl Text {
    /// The text in `lang` (a message's missing id falls back as the bundles say).
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Plain(text) => text.clone(),
            Text::Message { id, args } => {
                let values: Vec<(&str, Value<'_>)> = args
                    .iter()
                    .map(|(name, arg)| {
                        let value = match arg {
                            Arg::Text(text) => Value::from(text.as_str()),
                            Arg::Number(n) => Value::from(*n),
                            Arg::Message(inner) => Value::from(inner.render(lang)),
                            Arg::List(items) => Value::from(
                                items
                                    .iter()
                                    .map(|item| item.render(lang))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                        };
                        (*name, value)
                    })
                    .collect();
                lang.t_args(id, &values)
            }
        }
    }
}

impl std::fmt::Display for Text {
    /// English, as logs and tests read it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::en()))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::Plain(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::Plain(text.to_string())
    }
}

impl From<std::borrow::Cow<'_, str>> for Text {
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        Text::Plain(text.into_owned())
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

impl From<std::path::Display<'_>> for Arg {
    fn from(path: std::path::Display<'_>) -> Self {
        Arg::Text(path.to_string())
    }
}

impl From<Text> for Arg {
    fn from(text: Text) -> Self {
        Arg::Message(Box::new(text))
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

/// An error for the user: one line on stderr, with a hint of what to do, and its exit code.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.render(Lang::en()))]
pub struct CliError {
    pub exit: Exit,
    pub message: Text,
    pub hint: Option<Text>,
}

impl CliError {
    pub fn bad_input(message: impl Into<Text>) -> Self {
        CliError {
            exit: Exit::BadInput,
            message: message.into(),
            hint: None,
        }
    }

    pub fn could_not_act(message: impl Into<Text>) -> Self {
        CliError {
            exit: Exit::CouldNotAct,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The line for stderr in `lang`: `pathways: MESSAGE (HINT)`.
    pub fn render(&self, lang: Lang) -> String {
        let message = self.message.render(lang);
        match &self.hint {
            Some(hint) => format!("pathways: {message} ({})", hint.render(lang)),
            None => format!("pathways: {message}"),
        }
    }
}

/// What a command or the directory returns: an exit code, or an error for the user.
pub type CliResult = Result<Exit, CliError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_renders_in_each_language_and_plain_text_stays() {
        let ru = Lang::find("ru").expect("a Russian bundle");
        let error = CliError::bad_input(msg!("cli-no-hits")).with_hint("as it is");
        assert_eq!(error.to_string(), "pathways: no services match (as it is)");
        assert_eq!(
            error.render(ru),
            "pathways: ни одна услуга не подходит (as it is)"
        );
    }

    #[test]
    fn numbers_choose_plural_forms_and_messages_nest() {
        let ru = Lang::find("ru").expect("a Russian bundle");
        let count = |n: usize| msg!("cli-purged", count = n, date = "2026-01-01").render(ru);
        assert_eq!(count(1), "удалена 1 запись до 2026-01-01");
        assert!(count(2).contains("2 записи"), "{}", count(2));
        assert!(count(5).contains("5 записей"), "{}", count(5));
        assert!(count(21).contains("21 запись"), "{}", count(21));
        let nested = msg!(
            "cli-flag-problem",
            flag = "--need",
            problem = msg!("cli-no-hits")
        );
        assert_eq!(nested.render(ru), "--need: ни одна услуга не подходит");
    }
}
