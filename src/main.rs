//! The `pathways` binary: parse arguments, run the library, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    if let Some(code) = pathways::clipboard::run_helper_if_asked() {
        return code;
    }
    restore_default_sigpipe();
    treat_empty_path_variables_as_unset();
    let cli = pathways::cli::Cli::parse();
    match pathways::cli::run(cli) {
        Ok(exit) => exit.into(),
        Err(error) => {
            eprintln!("{error}");
            error.exit.into()
        }
    }
}

/// `pathways search | head -1` should end quietly like any Unix tool, not panic on a closed
/// pipe: Rust ignores SIGPIPE by default, so put the default action back.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default at start-up, before any thread
    // exists, has no memory-safety preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// `PATHWAYS_CATALOGUE=` (empty) means "not set", as for any Unix path variable; clap would
/// otherwise read it as a flag given without a value.
fn treat_empty_path_variables_as_unset() {
    for name in ["PATHWAYS_CATALOGUE", "PATHWAYS_CONFIG"] {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            // SAFETY: called at start-up, before any other thread exists.
            unsafe { std::env::remove_var(name) };
        }
    }
}
