//! The bundles: one Fluent bundle a language, built from its files, and each language's
//! fallback chain (its own `language-fallback`, followed on, then English).

use super::{Lang, Value};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;
use std::sync::LazyLock;
use unic_langid::LanguageIdentifier;

/// The base language: complete by test, the last of every fallback chain.
const BASE: &str = "en";

/// The id naming the language a language borrows missing messages from.
const FALLBACK_ID: &str = "language-fallback";

/// One `.ftl` file: its language (its folder's name), its name, its text.
pub type SourceFile<'a> = (&'a str, &'a str, &'a str);

/// The files of `locales/`, listed at build time (see `build.rs`).
static EMBEDDED_SOURCES: &[SourceFile<'static>] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

static EMBEDDED: LazyLock<Catalog> = LazyLock::new(|| Catalog::from_sources(EMBEDDED_SOURCES).0);

/// Every language's bundle.
pub struct Catalog {
    locales: Vec<Locale>,
    base: usize,
}

struct Locale {
    code: String,
    /// This language, then the ones it falls back to, by index; English last.
    chain: Vec<usize>,
    bundle: FluentBundle<FluentResource>,
}

impl Catalog {
    /// The languages built into the binary.
    pub fn embedded() -> &'static Catalog {
        &EMBEDDED
    }

    /// Builds the bundles from files, with the problems found in them (a syntax error, an
    /// id defined twice): `FILE: message`. What parses is used all the same.
    pub fn from_sources(files: &[SourceFile<'_>]) -> (Catalog, Vec<String>) {
        let mut problems = Vec::new();
        let mut codes: Vec<&str> = files.iter().map(|(code, _, _)| *code).collect();
        codes.sort_unstable();
        codes.dedup();
        if !codes.contains(&BASE) {
            codes.insert(0, BASE);
        }
        let mut resources: Vec<Vec<FluentResource>> = codes.iter().map(|_| Vec::new()).collect();
        for (code, name, text) in files {
            let at = codes.iter().position(|c| c == code).expect("listed above");
            let resource =
                FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, errors)| {
                    problems.extend(errors.iter().map(|e| format!("{code}/{name}: {e}")));
                    r
                });
            resources[at].push(resource);
        }
        let chains: Vec<Vec<usize>> = (0..codes.len())
            .map(|at| chain(at, &codes, &resources))
            .collect();
        let locales = codes
            .iter()
            .zip(resources)
            .zip(chains)
            .map(|((code, resources), chain)| {
                let plural_rules = plural_language(&chain, &codes);
                let mut bundle = FluentBundle::new_concurrent(vec![plural_rules]);
                // Isolation marks (FSI/PDI around each argument) are for bidirectional
                // text in a browser; in a terminal they are stray characters.
                bundle.set_use_isolating(false);
                for resource in resources {
                    if let Err(errors) = bundle.add_resource(resource) {
                        problems.extend(errors.iter().map(|e| format!("{code}: {e}")));
                    }
                }
                Locale {
                    code: code.to_string(),
                    chain,
                    bundle,
                }
            })
            .collect();
        let base = codes
            .iter()
            .position(|c| *c == BASE)
            .expect("inserted above");
        (Catalog { locales, base }, problems)
    }

    /// The embedded files and those of `dir/LANG/*.ftl`: how a test proves that a new
    /// language is a folder of files and nothing else.
    #[cfg(test)]
    pub fn with_dir(dir: &std::path::Path) -> std::io::Result<(Catalog, Vec<String>)> {
        let mut owned = Vec::new();
        for language in std::fs::read_dir(dir)? {
            let language = language?.path();
            for file in std::fs::read_dir(&language)? {
                let file = file?.path();
                let code = language.file_name().unwrap_or_default().to_string_lossy();
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                owned.push((
                    code.into_owned(),
                    name.into_owned(),
                    std::fs::read_to_string(&file)?,
                ));
            }
        }
        let mut files: Vec<SourceFile<'_>> = EMBEDDED_SOURCES.to_vec();
        files.extend(
            owned
                .iter()
                .map(|(c, n, t)| (c.as_str(), n.as_str(), t.as_str())),
        );
        Ok(Catalog::from_sources(&files))
    }

    /// The base language (English).
    pub fn base(&'static self) -> Lang {
        Lang {
            catalog: self,
            index: self.base,
        }
    }

    /// The language with this code, if it has files.
    pub fn lang(&'static self, code: &str) -> Option<Lang> {
        self.locales
            .iter()
            .position(|l| l.code == code)
            .map(|index| Lang {
                catalog: self,
                index,
            })
    }

    /// Every language, by code.
    pub fn languages(&'static self) -> Vec<Lang> {
        (0..self.locales.len())
            .map(|index| Lang {
                catalog: self,
                index,
            })
            .collect()
    }

    /// The codes of every language, for messages that list them.
    pub fn codes(&self) -> Vec<&str> {
        self.locales.iter().map(|l| l.code.as_str()).collect()
    }

    pub(super) fn code(&self, index: usize) -> &str {
        &self.locales[index].code
    }

    pub(super) fn has(&self, index: usize, id: &str) -> bool {
        self.locales[index]
            .chain
            .iter()
            .any(|&at| self.locales[at].bundle.has_message(id))
    }

    /// The message in the first language of the chain that has it; the id itself when none
    /// does (a test keeps English complete, so that means a typo in the code).
    pub(super) fn format(&self, index: usize, id: &str, args: &[(&str, Value<'_>)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut fluent_args = FluentArgs::with_capacity(args.len());
            for (name, value) in args {
                fluent_args.set(*name, value.clone());
            }
            fluent_args
        });
        for &at in &self.locales[index].chain {
            let bundle = &self.locales[at].bundle;
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
                .into_owned();
        }
        id.to_string()
    }
}

/// Language `at`, then its `language-fallback`s followed on (skipping unknown codes and
/// loops), then the base language.
fn chain(at: usize, codes: &[&str], resources: &[Vec<FluentResource>]) -> Vec<usize> {
    let mut chain = vec![at];
    let mut current = at;
    while let Some(next) = declared_fallback(&resources[current])
        .and_then(|code| codes.iter().position(|c| *c == code))
        .filter(|next| !chain.contains(next))
    {
        chain.push(next);
        current = next;
    }
    let base = codes
        .iter()
        .position(|c| *c == BASE)
        .expect("always present");
    if !chain.contains(&base) {
        chain.push(base);
    }
    chain
}

/// The plain text of `language-fallback` in a language's files, if it has one.
fn declared_fallback(resources: &[FluentResource]) -> Option<String> {
    resources
        .iter()
        .flat_map(|r| r.entries())
        .find_map(|entry| {
            let ast::Entry::Message(message) = entry else {
                return None;
            };
            if message.id.name != FALLBACK_ID {
                return None;
            }
            let text: String = message
                .value
                .as_ref()?
                .elements
                .iter()
                .map(|element| match element {
                    ast::PatternElement::TextElement { value } => *value,
                    ast::PatternElement::Placeable { .. } => "",
                })
                .collect();
            Some(text.trim().to_string())
        })
}

/// The language whose plural rules a bundle uses: its own when CLDR knows it, else the
/// first of its fallbacks that CLDR knows (a test locale `xx` plurals as its fallback does;
/// Fluent would otherwise stop at the first plural selector).
fn plural_language(chain: &[usize], codes: &[&str]) -> LanguageIdentifier {
    chain
        .iter()
        .filter_map(|&at| codes[at].parse::<LanguageIdentifier>().ok())
        .find(|id| {
            intl_pluralrules::PluralRules::create(
                id.clone(),
                intl_pluralrules::PluralRuleType::CARDINAL,
            )
            .is_ok()
        })
        .unwrap_or_else(|| BASE.parse().expect("a language identifier"))
}

/// The embedded files, for the tests that read them as text.
#[cfg(test)]
pub(super) fn embedded_sources() -> &'static [SourceFile<'static>] {
    EMBEDDED_SOURCES
}
