//! The `pathways` binary: parse arguments, run the library, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    if let Some(code) = pathways::clipboard::run_helper_if_asked() {
        return code;
    }
    let cli = pathways::cli::Cli::parse();
    match pathways::cli::run(cli) {
        Ok(exit) => exit.into(),
        Err(error) => {
            eprintln!("{error}");
            error.exit.into()
        }
    }
}
