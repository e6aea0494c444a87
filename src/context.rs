//! What every command and the directory share: the global options, the configuration and
//! paths they resolve to, output style, and the catalogue in use (loaded once). It sits
//! below `cli` and `tui`, so neither has to import the other.

pub mod texts;

use crate::catalogue::{Catalogue, LoadError, Origin, Slot};
use crate::config::{Config, Paths};
use crate::error::{CliError, Text, msg};
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
    /// The language of the interface: screens, messages, errors (a language with a bundle:
    /// en, ru). Also PATHWAYS_UI_LANG; default: the config's `ui_language`, else the locale.
    /// Not `search --language`, which filters services by the languages they speak.
    #[arg(long, global = true, value_name = "LANG")]
    pub ui_lang: Option<String>,
}

/// What every command may need: resolved paths, configuration, output style, and the
/// catalogue (loaded on first use, once).
pub struct Context {
    pub global: GlobalArgs,
    pub config: Config,
    pub paths: Paths,
    /// Colour and escape sequences allowed on stdout.
    pub color: bool,
    /// The interface language and where it came from (`ui.lang` for what people read,
    /// `ui.machine()` for machine-read output).
    pub ui: crate::i18n::Choice,
    /// The catalogue, with its cache slot for the search index kept beside it.
    loaded: std::cell::OnceCell<(Arc<Catalogue>, Option<Slot>)>,
}

impl Context {
    /// Resolves the configuration for `global` (see [`crate::config::load`]) and builds the
    /// context; a config that cannot be read is exit 2.
    pub fn load(global: GlobalArgs) -> Result<Self, CliError> {
        // A pinned clock that does not parse is refused, not quietly replaced by the real one.
        crate::clock::Clock::from_env().map_err(|e| {
            CliError::bad_input(msg!(
                "cli-clock-unreadable",
                value = crate::text::escape_input(&e.0)
            ))
        })?;
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
        let ui = config
            .language_choice(global.ui_lang.as_deref(), &|name| std::env::var(name).ok())
            .map_err(|e| crate::config::unknown_language(&e))?;
        let mut context = Context::new(global, config, paths);
        context.ui = ui;
        Ok(context)
    }

    /// The interface language (shorthand for `ui.lang`).
    pub fn lang(&self) -> crate::i18n::Lang {
        self.ui.lang
    }

    /// The note template's name: the configured one, else the built-in one of the
    /// interface language (ru → `ru`), else the default (`en`).
    pub fn template_name(&self) -> &str {
        let code = self.ui.lang.code();
        let configured = self.config.sources.contains_key("template");
        if !configured
            && crate::referral::BUILT_IN
                .iter()
                .any(|(name, _)| *name == code)
        {
            code
        } else {
            &self.config.template
        }
    }

    /// A context in English whatever the environment says ([`Context::load`] chooses the
    /// language), so tests that build one are reproducible.
    pub fn new(global: GlobalArgs, config: Config, paths: Paths) -> Self {
        let color = !global.no_color
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stdout().is_terminal();
        Context {
            global,
            config,
            paths,
            color,
            ui: crate::i18n::Choice::base(),
            loaded: std::cell::OnceCell::new(),
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
        self.loaded().map(|(catalogue, _)| catalogue.clone())
    }

    /// The catalogue and its cache slot, loaded on first use.
    fn loaded(&self) -> Result<&(Arc<Catalogue>, Option<Slot>), CliError> {
        if let Some(loaded) = self.loaded.get() {
            return Ok(loaded);
        }
        let loaded = self.load_catalogue()?;
        Ok(self.loaded.get_or_init(|| loaded))
    }

    /// Loads the catalogue in use (printing a degraded load's summary), without keeping it.
    fn load_catalogue(&self) -> Result<(Arc<Catalogue>, Option<Slot>), CliError> {
        let (catalogue, slot) =
            load_origin_slot(&self.catalogue_origin()).map_err(|e| load_error(e, self.lang()))?;
        let catalogue = Arc::new(catalogue);
        if let Some(summary) = texts::degraded(&catalogue) {
            eprintln!("{}", summary.render(self.lang()));
        }
        Ok((catalogue, slot))
    }

    /// The search index of the catalogue in use: from the cache beside the catalogue's
    /// entry when it holds one for this file, else built (and stored there).
    pub fn search_index(&self) -> Result<Index, CliError> {
        let (catalogue, slot) = self.loaded()?;
        Ok(Index::cached(catalogue.clone(), slot.as_ref()))
    }

    /// The search index for a holder that replaces it later (the directory reloads a
    /// changed catalogue): the catalogue is not also kept here, where it would outlive its
    /// replacement for the whole session (one more catalogue's memory after each reload).
    pub fn search_index_to_own(&self) -> Result<Index, CliError> {
        debug_assert!(self.loaded.get().is_none(), "the catalogue is already kept");
        let (catalogue, slot) = self.load_catalogue()?;
        Ok(Index::cached(catalogue, slot.as_ref()))
    }
}

/// Loads a catalogue from where `origin` says; a file through the cache of validated
/// catalogues when there is a cache directory (`pathways check` always reads the file
/// itself), with the cache slot of its entry (for the search index). Without a home there
/// is no cache: the file is parsed each time.
pub fn load_origin_slot(origin: &Origin) -> Result<(Catalogue, Option<Slot>), LoadError> {
    match (origin, crate::config::cache_dir()) {
        (Origin::File(path), Some(cache)) => crate::catalogue::load_cached_slot(path, &cache),
        (Origin::File(path), None) => {
            crate::catalogue::load_with(path, crate::catalogue::LoadOptions::for_use())
                .map(|c| (c, None))
        }
        _ => crate::catalogue::load_embedded().map(|c| (c, None)),
    }
}

/// A need or region name that resolved to nothing, or to several: exit 2 with the closest
/// candidates and where to see them all. `flag` names the input (`--need`, `--region`).
pub fn resolve_error(flag: &str, error: crate::search::ResolveError) -> CliError {
    use crate::search::ResolveError;
    let hint = if flag.contains("need") {
        msg!("cli-see-needs")
    } else {
        msg!("cli-see-regions")
    };
    let (id, input, candidates) = match &error {
        ResolveError::NotFound { input, candidates } => ("cli-resolve-none", input, candidates),
        ResolveError::Ambiguous { input, candidates } => ("cli-resolve-several", input, candidates),
    };
    let escape = |text: &str| crate::text::escape_input(text).into_owned();
    let mut problem = Text::Message {
        id,
        args: vec![("input", escape(input).into())],
    };
    if !candidates.is_empty() {
        let candidates = escape(&candidates.join(", "));
        problem = msg!("cli-closest", text = problem, candidates = candidates);
    }
    CliError::bad_input(msg!("cli-flag-problem", flag = flag, problem = problem)).with_hint(hint)
}

/// A fatal load error as a CLI error (exit 2), in `lang` (see [`texts::load_error`]).
pub fn load_error(error: LoadError, lang: crate::i18n::Lang) -> CliError {
    CliError::bad_input(texts::load_error(&error, lang)).with_hint(msg!("cli-check-hint"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> Context {
        let paths = crate::config::Paths {
            config_file: None,
            config_source: "test",
            data_dir: None,
            cache_dir: None,
        };
        Context::new(GlobalArgs::default(), Config::default(), paths)
    }

    /// The directory replaces its index on reload: a copy kept here would hold the first
    /// catalogue for the whole session.
    #[test]
    fn an_index_to_own_is_the_only_holder_of_its_catalogue() {
        let owned = context().search_index_to_own().unwrap();
        assert_eq!(Arc::strong_count(owned.catalogue()), 1);
        let context = context();
        let shared = context.search_index().unwrap();
        assert_eq!(
            Arc::strong_count(shared.catalogue()),
            2,
            "commands keep theirs"
        );
    }
}
