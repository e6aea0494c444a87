//! The interactive directory, in the Elm style: `App` state, `Action`s, a pure `update`,
//! a pure `view`; the event loop is the only place with side effects.
//!
//! STUB: filled in by the TUI work.

use crate::cli::{CliError, CliResult, Context};

/// Opens the TUI on the catalogue in use. Without a terminal: exit 2 with a hint.
pub fn run(_context: &Context) -> CliResult {
    Err(
        CliError::bad_input("the interactive directory is not built yet")
            .with_hint("use 'pathways search' or 'pathways show'"),
    )
}
