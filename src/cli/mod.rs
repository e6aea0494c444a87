//! The non-interactive commands, and the dispatch from parsed arguments to them.
//!
//! Every command returns `Result<Exit, CliError>`; `main` maps that to the exit-code
//! contract: 0 done, 1 nothing found, 2 bad input, 3 could not act.

pub mod args;
mod check;
mod config_cmd;
mod export_cmd;
mod history_cmd;
mod import_cmd;
mod refer_cmd;
mod search_cmd;
pub mod show;
mod tree;

pub use args::{Cli, Command, GlobalArgs};

use crate::catalogue::{Catalogue, LoadError, Origin};
use crate::config::{Config, Paths};
use std::fmt;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

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
#[derive(Debug)]
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

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pathways: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

pub type CliResult = Result<Exit, CliError>;

/// What every command may need: resolved paths, configuration, output style, and the
/// catalogue (loaded on first use, once).
pub struct Context {
    pub global: GlobalArgs,
    pub config: Config,
    pub paths: Paths,
    /// Colour and escape sequences allowed on stdout.
    pub color: bool,
    catalogue: std::cell::OnceCell<Arc<Catalogue>>,
}

impl Context {
    pub fn new(global: GlobalArgs, config: Config, paths: Paths) -> Self {
        let color = !global.no_color
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stdout().is_terminal();
        Context {
            global,
            config,
            paths,
            color,
            catalogue: std::cell::OnceCell::new(),
        }
    }

    /// Where the catalogue comes from: `--catalogue` > `PATHWAYS_CATALOGUE` > config > embedded.
    pub fn catalogue_origin(&self) -> Origin {
        match (&self.global.catalogue, &self.config.catalogue) {
            (Some(path), _) | (None, Some(path)) => Origin::File(path.clone()),
            (None, None) => Origin::Embedded,
        }
    }

    /// The catalogue in use, loaded once. A degraded load prints its one-line summary on
    /// stderr; a catalogue that cannot be read or parsed is exit 2.
    pub fn catalogue(&self) -> Result<Arc<Catalogue>, CliError> {
        if let Some(catalogue) = self.catalogue.get() {
            return Ok(catalogue.clone());
        }
        let catalogue = Arc::new(load_origin(&self.catalogue_origin()).map_err(load_error)?);
        if let Some(summary) = catalogue.degraded_summary() {
            eprintln!("{summary}");
        }
        Ok(self.catalogue.get_or_init(|| catalogue).clone())
    }
}

/// Loads a catalogue from where `origin` says; a file through the cache of validated
/// catalogues (`pathways check` always reads the file itself).
pub fn load_origin(origin: &Origin) -> Result<Catalogue, LoadError> {
    match origin {
        Origin::File(path) => crate::catalogue::load_cached(path, &crate::config::cache_dir()),
        _ => crate::catalogue::load_embedded(),
    }
}

/// A need or region name that resolved to nothing, or to several: exit 2 with the closest
/// candidates and where to see them all. `flag` names the input (`--need`, `--region`).
pub fn resolve_error(flag: &str, error: crate::search::ResolveError) -> CliError {
    let list = if flag.contains("need") {
        "pathways needs"
    } else {
        "pathways regions"
    };
    CliError::bad_input(format!(
        "{flag}: {}",
        crate::text::one_line(&error.to_string())
    ))
    .with_hint(format!("see '{list}' for the list"))
}

/// A fatal load error as a CLI error (exit 2).
pub fn load_error(error: LoadError) -> CliError {
    CliError::bad_input(error.to_string()).with_hint("run 'pathways check PATH' for details")
}

fn print_completions(shell: args::Shell) {
    use clap::CommandFactory;
    use clap_complete::Shell as S;
    let shell = match shell {
        args::Shell::Bash => S::Bash,
        args::Shell::Zsh => S::Zsh,
        args::Shell::Fish => S::Fish,
        args::Shell::Elvish => S::Elvish,
        args::Shell::Powershell => S::PowerShell,
    };
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "pathways",
        &mut std::io::stdout(),
    );
}

fn print_man() -> CliResult {
    use clap::CommandFactory;
    clap_mangen::Man::new(Cli::command())
        .render(&mut std::io::stdout())
        .map_err(|e| CliError::could_not_act(format!("cannot write the man page: {e}")))?;
    Ok(Exit::Done)
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> CliResult {
    let (config, paths) = crate::config::load(&cli.global)?;
    let context = Context::new(cli.global, config, paths);
    let Some(command) = cli.command else {
        return crate::tui::run(&context);
    };
    let result = match command {
        Command::Check(args) => check::run(&context, &args),
        Command::Search(args) => search_cmd::run(&context, &args),
        Command::Refer(args) => refer_cmd::run(&context, &args),
        Command::History(args) => history_cmd::run(&context, &args),
        Command::Stats(args) => history_cmd::stats(&context, &args),
        Command::DefaultCatalogue => {
            print!("{}", crate::catalogue::EMBEDDED_CATALOGUE);
            Ok(Exit::Done)
        }
        Command::Show(args) => show::run(&context, &args),
        Command::Needs(args) => tree::needs(&context, &args),
        Command::Regions(args) => tree::regions(&context, &args),
        Command::Config { action } => config_cmd::run(&context, &action),
        Command::Completions { shell } => {
            print_completions(shell);
            Ok(Exit::Done)
        }
        Command::Man => print_man(),
        Command::Import {
            format: args::ImportFormat::Hsds(args),
        } => import_cmd::run(&args),
        Command::Export {
            format: args::ExportFormat::Hsds(args),
        } => export_cmd::run(&context, &args),
    };
    // The process ends right after a command: freeing a large catalogue piece by piece
    // would cost tens of milliseconds for nothing (the OS takes the memory back at once).
    std::mem::forget(context);
    result
}
