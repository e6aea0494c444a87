//! The exit-code contract and the one error type a user sees, shared by the command line and
//! the directory (both sit above this module and neither imports the other).

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

/// An error for the user: one line on stderr, with a hint of what to do, and its exit code.
#[derive(Debug, thiserror::Error)]
#[error("pathways: {message}{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
pub struct CliError {
    pub exit: Exit,
    pub message: String,
    pub hint: Option<String>,
}

impl CliError {
    pub fn bad_input(message: impl Into<String>) -> Self {
        CliError {
            exit: Exit::BadInput,
            message: message.into(),
            hint: None,
        }
    }

    pub fn could_not_act(message: impl Into<String>) -> Self {
        CliError {
            exit: Exit::CouldNotAct,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// What a command or the directory returns: an exit code, or an error for the user.
pub type CliResult = Result<Exit, CliError>;
