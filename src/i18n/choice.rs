//! Which language the interface speaks, and why: `--ui-lang`, `PATHWAYS_UI_LANG`, the
//! config's `ui_language`, the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.

use super::{Catalog, Lang};

/// The variable that chooses the interface language for one run.
pub const ENV: &str = "PATHWAYS_UI_LANG";

/// The locale variables, in POSIX precedence.
const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// A locale's language without a bundle, and the one whose readers read it best.
const NEAREST: &[(&str, &str)] = &[("be", "ru")];

/// Where the interface language came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--ui-lang`.
    Flag,
    /// `PATHWAYS_UI_LANG`.
    Env,
    /// The config's `ui_language`: `user config PATH` or `system config PATH`.
    Config(String),
    /// A locale variable and its value (`LANG=ru_RU.UTF-8`).
    Locale(&'static str, String),
    /// Nothing chose: English.
    Default,
}

impl Source {
    /// Chosen for this run (flag or environment variable): only then is machine-read
    /// output (tab-separated or JSON `why`, `check`'s messages) translated too.
    pub fn is_explicit(&self) -> bool {
        matches!(self, Source::Flag | Source::Env)
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag => f.write_str("--ui-lang"),
            Source::Env => f.write_str(ENV),
            Source::Config(source) => write!(f, "ui_language in the {source}"),
            Source::Locale(name, value) => write!(f, "{name}={value}"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// The interface language and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    pub source: Source,
}

impl Choice {
    /// English by default (what tests and a bare environment get).
    pub fn base() -> Choice {
        Choice {
            lang: Lang::en(),
            source: Source::Default,
        }
    }

    /// The language for machine-read output: the chosen one when chosen for this run,
    /// else English (a script's parser must not change with an operator's locale).
    pub fn machine(&self) -> Lang {
        if self.source.is_explicit() {
            self.lang
        } else {
            Lang::en()
        }
    }
}

impl Default for Choice {
    fn default() -> Self {
        Choice::base()
    }
}

/// A language was asked for by name and has no bundle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: no interface language '{code}' (available: {available})")]
pub struct UnknownLanguage {
    pub code: String,
    /// Where it was asked for.
    pub origin: Source,
    pub available: String,
}

/// The languages with a bundle, as an error lists them (`en, ru`).
pub fn available() -> String {
    Catalog::embedded().codes().join(", ")
}

/// Chooses the language: `flag` (`--ui-lang`), then `env(PATHWAYS_UI_LANG)`, then `config`
/// (`ui_language` and where it was set), then the locale variables read through `env`, then
/// English. A language named by flag, variable or config must have a bundle; a locale
/// without one falls to its nearest (be → ru) or to English.
pub fn choose(
    flag: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    config: Option<(&str, &str)>,
) -> Result<Choice, UnknownLanguage> {
    let named = |value: &str, source: Source| {
        let code = locale_language(value).unwrap_or_default();
        Lang::find(&code)
            .map(|lang| Choice {
                lang,
                source: source.clone(),
            })
            .ok_or_else(|| UnknownLanguage {
                code: value.to_string(),
                origin: source.clone(),
                available: available(),
            })
    };
    if let Some(value) = flag.map(str::trim).filter(|v| !v.is_empty()) {
        return named(value, Source::Flag);
    }
    if let Some(value) = env(ENV).filter(|v| !v.trim().is_empty()) {
        return named(value.trim(), Source::Env);
    }
    if let Some((value, source)) = config {
        return named(value, Source::Config(source.to_string()));
    }
    Ok(from_locale(env).unwrap_or_default())
}

/// The language of the first locale variable set (POSIX: `LC_ALL` over `LC_MESSAGES` over
/// `LANG`), when it has a bundle or a nearest one.
fn from_locale(env: &dyn Fn(&str) -> Option<String>) -> Option<Choice> {
    let (name, value) = LOCALE_VARS
        .iter()
        .find_map(|name| env(name).filter(|v| !v.is_empty()).map(|v| (*name, v)))?;
    let code = locale_language(&value)?;
    let lang = Lang::find(&code).or_else(|| {
        NEAREST
            .iter()
            .find(|(from, _)| *from == code)
            .and_then(|(_, to)| Lang::find(to))
    })?;
    Some(Choice {
        lang,
        source: Source::Locale(name, value),
    })
}

/// The language part of a locale or language tag, lower case: `ru_RU.UTF-8` → `ru`,
/// `be_BY@latin` → `be`, `en-GB` → `en`; `None` for `C` and `POSIX`.
pub fn locale_language(value: &str) -> Option<String> {
    let code = value
        .trim()
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let is_code = (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
    is_code.then_some(code)
}
