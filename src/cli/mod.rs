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
mod outcome_cmd;
mod refer_cmd;
mod search_cmd;
pub mod show;
mod team_cmd;
pub(crate) use crate::context::texts;
mod tree;
mod why;

pub use args::{Cli, Command, GlobalArgs};

pub use crate::context::{Context, load_error, load_origin_slot, resolve_error};
use crate::error::msg;
pub use crate::error::{CliError, CliResult, Exit};

fn print_completions(shell: args::Shell) -> CliResult {
    use clap::CommandFactory;
    use clap_complete::Shell as S;
    let shell = match shell {
        args::Shell::Bash => S::Bash,
        args::Shell::Zsh => S::Zsh,
        args::Shell::Fish => S::Fish,
        args::Shell::Elvish => S::Elvish,
        args::Shell::Powershell => S::PowerShell,
    };
    crate::output::print_with(|out| {
        clap_complete::generate(shell, &mut Cli::command(), "pathways", out);
        Ok(())
    })?;
    Ok(Exit::Done)
}

fn print_man() -> CliResult {
    use clap::CommandFactory;
    crate::output::print_with(|out| clap_mangen::Man::new(Cli::command()).render(out))?;
    Ok(Exit::Done)
}

/// The language of an error met before the configuration is read: `--ui-lang`,
/// `PATHWAYS_UI_LANG` or the locale (the config's `ui_language` is not known yet); English
/// when the one asked for has no bundle.
pub fn early_language(flag: Option<&str>) -> crate::i18n::Lang {
    crate::i18n::choose(flag, &|name| std::env::var(name).ok(), None)
        .map(|choice| choice.lang)
        .unwrap_or_default()
}

/// `pathways: warning: …` on stderr, in the operator's language.
pub(crate) fn warn(context: &Context, warning: crate::error::Text) {
    let line = msg!("cli-warning", text = warning).render(context.lang());
    eprintln!("pathways: {line}");
}

/// Writes `text` to stdout (for output made outside this module, such as the key reference).
pub fn write_stdout(text: &str) -> CliResult {
    crate::output::print(text)?;
    Ok(Exit::Done)
}

/// Runs one non-interactive command (the binary opens the directory when there is none).
pub fn run(context: &Context, command: Command) -> CliResult {
    match command {
        Command::Check(args) => check::run(context, &args),
        Command::Search(args) => search_cmd::run(context, &args),
        Command::Refer(args) => refer_cmd::run(context, &args),
        Command::History(args) => history_cmd::run(context, &args),
        Command::Stats(args) => history_cmd::stats(context, &args),
        Command::Outcome(args) => outcome_cmd::run(context, &args),
        Command::DefaultCatalogue => {
            crate::output::print(crate::catalogue::EMBEDDED_CATALOGUE)?;
            Ok(Exit::Done)
        }
        Command::Show(args) => show::run(context, &args),
        Command::Needs(args) => tree::needs(context, &args),
        Command::Regions(args) => tree::regions(context, &args),
        Command::Config { action } => config_cmd::run(context, &action),
        Command::Team { action } => team_cmd::run(context, action),
        Command::Completions { shell } => print_completions(shell),
        Command::Man => print_man(),
        Command::Import {
            format: args::ImportFormat::Hsds(args),
        } => import_cmd::run(&args),
        Command::Export {
            format: args::ExportFormat::Hsds(args),
        } => export_cmd::run(context, &args),
        // The binary answers `keys` from the directory's key tables (cli cannot see them).
        Command::Keys(_) => Err(CliError::bad_input("'keys' is answered by the binary")),
    }
}
