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
    catalogue: std::cell::OnceCell<Arc<Catalogue>>,
    /// The catalogue's cache slot, for the search index kept beside it.
    slot: std::cell::OnceCell<Option<Slot>>,
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
        let (catalogue, slot) =
            load_origin_slot(&self.catalogue_origin()).map_err(|e| load_error(e, self.lang()))?;
        let catalogue = Arc::new(catalogue);
        let errors = catalogue.error_count();
        if errors > 0 {
            let summary = msg!(
                "catalogue-degraded",
                errors = errors,
                services = catalogue.left_out.services
            );
            eprintln!("{}", summary.render(self.lang()));
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
/// catalogues when there is a cache directory (`pathways check` always reads the file
/// itself). Without a home there is no cache: the file is parsed each time.
pub fn load_origin(origin: &Origin) -> Result<Catalogue, LoadError> {
    load_origin_slot(origin).map(|(catalogue, _)| catalogue)
}

/// Like [`load_origin`], with the cache slot of a file's entry (for the search index).
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

/// A fatal load error as a CLI error (exit 2): the file that cannot be read, or the first
/// problem of one that is not a catalogue (with how many more), in `lang`.
pub fn load_error(error: LoadError, lang: crate::i18n::Lang) -> CliError {
    let message = match &error {
        LoadError::Unreadable { path, reason } => msg!(
            "cli-catalogue-unreadable",
            path = crate::text::escape_input(path),
            reason = reason.message_in(lang)
        ),
        LoadError::Invalid(diagnostics) => {
            let first = diagnostics
                .first()
                .map(|d| d.line_in(lang))
                .unwrap_or_default();
            match diagnostics.len() {
                0 | 1 => Text::Plain(first),
                n => msg!("cli-and-more", first = first, count = n - 1),
            }
        }
    };
    CliError::bad_input(message).with_hint(msg!("cli-check-hint"))
}
