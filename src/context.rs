//! What every command and the directory share: the global options, the configuration and
//! paths they resolve to, output style, and the catalogue in use (loaded once). It sits
//! below `cli` and `tui`, so neither has to import the other.

use crate::catalogue::{Catalogue, LoadError, Origin, Slot};
use crate::config::{Config, Paths};
use crate::error::CliError;
use crate::search::Index;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

/// Options that work before or after the subcommand.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Catalogue file to use instead of the configured or embedded one.
    #[arg(long, global = true, env = "PATHWAYS_CATALOGUE", value_name = "PATH")]
    pub catalogue: Option<PathBuf>,
    /// Configuration file to use instead of the one in the config directory.
    #[arg(long, global = true, env = "PATHWAYS_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// No colour (also when NO_COLOR is set or output is not a terminal).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// The operator's name for notes and the referral log (for people who share an
    /// account: each session sets its own). Default: the config's `operator`, else the
    /// login name.
    #[arg(long, global = true, env = "PATHWAYS_OPERATOR", value_name = "NAME")]
    pub operator: Option<String>,
}

/// What every command may need: resolved paths, configuration, output style, and the
/// catalogue (loaded on first use, once).
pub struct Context {
    pub global: GlobalArgs,
    pub config: Config,
    pub paths: Paths,
    /// Colour and escape sequences allowed on stdout.
    pub color: bool,
    catalogue: std::cell::OnceCell<Arc<Catalogue>>,
    /// The catalogue's cache slot, for the search index kept beside it.
    slot: std::cell::OnceCell<Option<Slot>>,
}

impl Context {
    /// Resolves the configuration for `global` (see [`crate::config::load`]) and builds the
    /// context; a config that cannot be read is exit 2.
    pub fn load(global: GlobalArgs) -> Result<Self, CliError> {
        // A pinned clock that does not parse is refused, not quietly replaced by the real one.
        crate::clock::Clock::from_env()
            .map_err(|e| CliError::bad_input(crate::text::escape_input(&e.to_string())))?;
        let (mut config, paths) = crate::config::load(global.config.as_deref())?;
        if let Some(name) = global
            .operator
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            config.operator = Some(name.to_string());
            let source = crate::config::option_source_str("PATHWAYS_OPERATOR", "--operator", name);
            config.sources.insert("operator", source.to_string());
        }
        Ok(Context::new(global, config, paths))
    }

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
            slot: std::cell::OnceCell::new(),
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
        let (catalogue, slot) = load_origin_slot(&self.catalogue_origin()).map_err(load_error)?;
        let catalogue = Arc::new(catalogue);
        if let Some(summary) = catalogue.degraded_summary() {
            eprintln!("{summary}");
        }
        let _ = self.slot.set(slot);
        Ok(self.catalogue.get_or_init(|| catalogue).clone())
    }

    /// The search index of the catalogue in use: from the cache beside the catalogue's
    /// entry when it holds one for this file, else built (and stored there).
    pub fn search_index(&self) -> Result<Index, CliError> {
        let catalogue = self.catalogue()?;
        let slot = self.slot.get().and_then(Option::as_ref);
        Ok(Index::cached(catalogue, slot))
    }
}

/// Loads a catalogue from where `origin` says; a file through the cache of validated
/// catalogues (`pathways check` always reads the file itself).
pub fn load_origin(origin: &Origin) -> Result<Catalogue, LoadError> {
    load_origin_slot(origin).map(|(catalogue, _)| catalogue)
}

/// Like [`load_origin`], with the cache slot of a file's entry (for the search index).
pub fn load_origin_slot(origin: &Origin) -> Result<(Catalogue, Option<Slot>), LoadError> {
    match origin {
        Origin::File(path) => crate::catalogue::load_cached_slot(path, &crate::config::cache_dir()),
        _ => crate::catalogue::load_embedded().map(|c| (c, None)),
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
        crate::text::escape_input(&error.to_string())
    ))
    .with_hint(format!("see '{list}' for the list"))
}

/// A fatal load error as a CLI error (exit 2).
pub fn load_error(error: LoadError) -> CliError {
    CliError::bad_input(error.to_string()).with_hint("run 'pathways check PATH' for details")
}
