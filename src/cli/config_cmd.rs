//! `pathways config path|show|init`.

use super::args::ConfigAction;
use super::{CliError, CliResult, Context, Exit};
use crate::catalogue::Origin;
use crate::config::{EXAMPLE_CONFIG, option_source};
use crate::fsutil::{Existing, write_private};
use std::fmt::Write as _;

pub fn run(context: &Context, action: &ConfigAction) -> CliResult {
    match action {
        ConfigAction::Path => print_paths(context),
        ConfigAction::Show => show(context),
        ConfigAction::Init => init(context),
    }
}

fn print_paths(context: &Context) -> CliResult {
    let paths = &context.paths;
    let mut out = String::new();
    let exists = if paths.config_file.exists() {
        ""
    } else {
        ", not created yet"
    };
    let _ = writeln!(
        out,
        "config     {}  ({}{exists})",
        paths.config_file.display(),
        paths.config_source
    );
    let (catalogue, source) = match (&context.global.catalogue, &context.config.catalogue) {
        (Some(path), _) => (
            path.display().to_string(),
            option_source("PATHWAYS_CATALOGUE", "--catalogue", path),
        ),
        (None, Some(path)) => (path.display().to_string(), "config"),
        (None, None) => (Origin::Embedded.display_name(), "built-in default"),
    };
    let _ = writeln!(out, "catalogue  {catalogue}  ({source})");
    let _ = writeln!(
        out,
        "data       {}  (data directory)",
        paths.data_dir.display()
    );
    let _ = writeln!(
        out,
        "history    {}  (the referral log; history.enabled = {})",
        paths.referral_log().display(),
        context.config.history.enabled
    );
    let _ = writeln!(
        out,
        "notes      {}  (notes the directory writes with Ctrl-o, kept {} days)",
        paths.notes_dir().display(),
        context.config.history.keep_days
    );
    let _ = writeln!(
        out,
        "draft      {}  (the referral being composed)",
        paths.draft_file().display()
    );
    let _ = writeln!(
        out,
        "cache      {}  (validated catalogues; safe to delete)",
        paths.cache_dir.display()
    );
    crate::output::print(&out)?;
    Ok(Exit::Done)
}

fn show(context: &Context) -> CliResult {
    let text = toml::to_string_pretty(&context.config)
        .map_err(|e| CliError::could_not_act(format!("cannot print the configuration: {e}")))?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# effective configuration (file: {})",
        context.paths.config_file.display()
    );
    out.push_str(&text);
    crate::output::print(&out)?;
    Ok(Exit::Done)
}

fn init(context: &Context) -> CliResult {
    let path = &context.paths.config_file;
    match write_private(path, EXAMPLE_CONFIG.as_bytes(), Existing::Keep) {
        Ok(()) => {
            crate::output::print(&format!("wrote {}\n", path.display()))?;
            Ok(Exit::Done)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(CliError::could_not_act(
            format!("{} exists already; it was left as it is", path.display()),
        )
        .with_hint("edit it, or remove it first to start from the example")),
        Err(e) => Err(CliError::could_not_act(format!(
            "cannot write {}: {e}",
            path.display()
        ))),
    }
}
