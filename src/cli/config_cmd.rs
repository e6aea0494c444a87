//! `pathways config path|show|init`.

use super::args::ConfigAction;
use super::{CliError, CliResult, Context, Exit};
use crate::catalogue::Origin;
use crate::config::{EXAMPLE_CONFIG, NoHome, SYSTEM_EXAMPLE_CONFIG, option_source};
use crate::error::msg;
use crate::fsutil::{Existing, write_private};
use std::fmt::Write as _;

pub fn run(context: &Context, action: &ConfigAction) -> CliResult {
    match action {
        ConfigAction::Path => print_paths(context),
        ConfigAction::Show => show(context),
        ConfigAction::Init { system: false } => init(context),
        ConfigAction::Init { system: true } => init_system(context),
    }
}

fn print_paths(context: &Context) -> CliResult {
    let paths = &context.paths;
    let mut out = String::new();
    match &paths.config_file {
        Some(file) => {
            let exists = if file.exists() {
                ""
            } else {
                ", not created yet"
            };
            let _ = writeln!(
                out,
                "config     {}  ({}{exists})",
                file.display(),
                paths.config_source
            );
        }
        None => out.push_str(&format!("config     {NO_DIR}\n")),
    }
    let (catalogue, source) = match (&context.global.catalogue, &context.config.catalogue) {
        (Some(path), _) => (
            path.display().to_string(),
            option_source("PATHWAYS_CATALOGUE", "--catalogue", path),
        ),
        (None, Some(path)) => (
            path.display().to_string(),
            context.config.source_of("catalogue"),
        ),
        (None, None) => (Origin::Embedded.display_name(), "built-in default"),
    };
    let _ = writeln!(out, "catalogue  {catalogue}  ({source})");
    let shown = |path: Result<std::path::PathBuf, NoHome>| {
        path.map_or(NO_DIR.to_string(), |p| p.display().to_string())
    };
    let _ = writeln!(
        out,
        "data       {}  (data directory)",
        shown(paths.data().map(std::path::Path::to_path_buf))
    );
    let _ = writeln!(
        out,
        "history    {}  (the referral log; history.enabled = {})",
        shown(paths.referral_log()),
        context.config.history.enabled
    );
    let _ = writeln!(
        out,
        "notes      {}  (notes the directory writes with Ctrl-o, kept {} days)",
        shown(paths.notes_dir()),
        context.config.history.keep_days
    );
    let _ = writeln!(
        out,
        "draft      {}  (the referral being composed, one per operator)",
        shown(paths.draft_file(context.config.operator.as_deref()))
    );
    let _ = writeln!(
        out,
        "cache      {}  (validated catalogues; safe to delete)",
        shown(paths.cache_dir.clone().ok_or(NoHome))
    );
    crate::output::print(&out)?;
    Ok(Exit::Done)
}

/// Shown for a directory that did not resolve.
const NO_DIR: &str = "none: no home directory (set HOME or XDG_DATA_HOME)";

/// Every key of the configuration, in the order `config show` prints them.
const KEYS: &[&str] = &[
    "catalogue",
    "operator",
    "organisation",
    "default_region",
    "template",
    "templates_dir",
    "ui_language",
    "history.enabled",
    "history.store_case_ref",
    "history.keep_days",
    "clipboard.tmux_passthrough",
    "team.log",
];

/// The effective configuration, one key a line with where its value came from, so a
/// coordinator can see at once whether the system or the operator's own file set it.
fn show(context: &Context) -> CliResult {
    let config = &context.config;
    let table = toml::Table::try_from(config).map_err(|e| {
        CliError::could_not_act(msg!("cli-config-unprintable", error = e.to_string()))
    })?;
    let system = crate::config::system_config_path();
    let user = context
        .paths
        .config_file
        .clone()
        .unwrap_or_else(|| NO_DIR.into());
    let mut out = format!(
        "# effective configuration\n# system config: {} ({})\n# user config:   {} ({})\n\
         # interface language: {} ({})\n",
        system.display(),
        presence(&system),
        user.display(),
        presence(&user),
        context.ui.lang,
        context.ui.source,
    );
    let mut section = "";
    for key in KEYS {
        let (table_name, name) = key.split_once('.').unwrap_or(("", key));
        if table_name != section {
            section = table_name;
            out.push_str(&format!("\n[{section}]\n"));
        }
        let value = match table_name {
            "" => table.get(name),
            _ => table
                .get(table_name)
                .and_then(|t| t.as_table())
                .and_then(|t| t.get(name)),
        };
        let source = config.source_of(key);
        if *key == "template" && source == "default" {
            let name = context.template_name();
            out.push_str(&format!(
                "template = {:?}  # default: the interface language's\n",
                name
            ));
            continue;
        }
        match value {
            Some(value) => out.push_str(&format!("{name} = {value}  # {source}\n")),
            None if *key == "operator" => out.push_str(&format!(
                "# {name}: not set; the referral log records the login name '{}'\n",
                crate::config::login_name()
            )),
            None => out.push_str(&format!("# {name}: not set\n")),
        }
    }
    crate::output::print(&out)?;
    Ok(Exit::Done)
}

fn presence(path: &std::path::Path) -> &'static str {
    if path.exists() { "in use" } else { "absent" }
}

fn init(context: &Context) -> CliResult {
    let path = context.paths.config_file.as_ref().ok_or(NoHome)?;
    match write_private(path, EXAMPLE_CONFIG.as_bytes(), Existing::Keep) {
        Ok(()) => {
            let said = msg!("cli-wrote", path = path.display()).render(context.lang());
            crate::output::print(&format!("{said}\n"))?;
            Ok(Exit::Done)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists_already(path)),
        Err(e) => Err(CliError::could_not_act(super::texts::cannot_write(
            path, &e,
        ))),
    }
}

/// `config init --system`: the commented example for a team, readable by everyone (0644),
/// never over an existing file.
fn init_system(context: &Context) -> CliResult {
    let path = crate::config::system_config_path();
    match crate::fsutil::write_shared_new(&path, SYSTEM_EXAMPLE_CONFIG.as_bytes()) {
        Ok(()) => {
            let said = msg!("cli-wrote", path = path.display()).render(context.lang());
            crate::output::print(&format!("{said}\n"))?;
            Ok(Exit::Done)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists_already(&path)),
        Err(e) => Err(
            CliError::could_not_act(super::texts::cannot_write(&path, &e))
                .with_hint(msg!("cli-system-config-hint")),
        ),
    }
}

/// `config init` never writes over a file.
fn exists_already(path: &std::path::Path) -> CliError {
    CliError::could_not_act(msg!("cli-exists-already", path = path.display()))
        .with_hint(msg!("cli-exists-already-hint"))
}
