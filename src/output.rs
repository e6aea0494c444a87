//! The one way commands write to stdout, so a failed write is never a panic or a silent
//! loss: a reader that went away (`pathways search | head -1`) ends the process quietly
//! with exit 0, as `head` users expect; any other write error (a full disk, `/dev/full`) is
//! exit 3 with `pathways: cannot write output: <reason>`.
//!
//! `refer` is stricter ([`print_note`]): a note that did not arrive is exit 3 whatever the
//! reason, so no referral is recorded for it.

use crate::error::{CliError, Exit, msg};
use std::io::{self, Write};

/// Writes `text` to stdout and flushes it; see the module's rules.
pub fn print(text: &str) -> Result<(), CliError> {
    match write_stdout(text.as_bytes()) {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
            // Nothing more can be said to a reader that left; ending here keeps every
            // command from going on to do work for no one.
            std::process::exit(Exit::Done as i32)
        }
        Err(error) => Err(write_error(&error)),
        Ok(()) => Ok(()),
    }
}

/// Writes a referral note to stdout; every failure, a closed pipe included, is exit 3.
pub fn print_note(text: &str) -> Result<(), CliError> {
    write_stdout(text.as_bytes()).map_err(|error| {
        CliError::could_not_act(msg!("cli-note-not-written", error = error.to_string()))
    })
}

/// Renders with a writer (clap's completions and man page) into memory, then prints.
pub fn print_with(render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> Result<(), CliError> {
    let mut buffer = Vec::new();
    render(&mut buffer).map_err(|error| write_error(&error))?;
    print(&String::from_utf8_lossy(&buffer))
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// The one message for an output that could not be written (exit 3).
fn write_error(error: &io::Error) -> CliError {
    CliError::could_not_act(msg!("cli-cannot-write-output", error = error.to_string()))
}
