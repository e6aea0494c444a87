//! The operator's language: every string an operator reads comes from a Project Fluent
//! bundle (`locales/LANG/*.ftl`, embedded at build time), looked up through a [`Lang`].
//!
//! A `Lang` is a cheap `Copy` value carried where text is made (the TUI's state, the CLI's
//! context) rather than a global, so two tests in two languages can run side by side. A
//! message missing from a language is taken from its fallback (`language-fallback` in its
//! own files: be → ru), then from English; a language is a folder of files, never code.
//!
//! ```
//! use pathways::i18n::Lang;
//!
//! let ru = Lang::find("ru").expect("a Russian bundle");
//! assert_eq!(ru.t_args("services-count", &[("count", 21.into())]), "21 услуга");
//! assert_eq!(Lang::en().t_args("services-count", &[("count", 2.into())]), "2 services");
//! ```

/// `t!(lang, "id")` or `t!(lang, "id", count = n, name = s)`: the message in `lang`, the
/// arguments converted with `Value::from`.
macro_rules! t {
    ($lang:expr, $id:expr $(,)?) => {
        $lang.t($id)
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $lang.t_args($id, &[$((stringify!($name), $crate::i18n::Value::from($value))),+])
    };
}
pub(crate) use t;

mod catalog;
mod choice;
mod date;

pub use catalog::{Catalog, SourceFile};
pub use choice::{Choice, Source, UnknownLanguage, available, choose, locale_language};
pub use date::parse_date;
pub use fluent_bundle::FluentValue as Value;

/// A language of the interface: which bundle text comes from. Cheap to copy; compares by
/// identity of catalogue and language.
#[derive(Clone, Copy)]
pub struct Lang {
    catalog: &'static Catalog,
    index: usize,
}

impl Lang {
    /// English, the base language every other one falls back to.
    pub fn en() -> Lang {
        Catalog::embedded().base()
    }

    /// The embedded language with this code (`en`, `ru`, `be`), if there is a bundle for it.
    pub fn find(code: &str) -> Option<Lang> {
        Catalog::embedded().lang(code)
    }

    /// Every embedded language, by code.
    pub fn available() -> Vec<Lang> {
        Catalog::embedded().languages()
    }

    /// The language's code, as its folder is named.
    pub fn code(self) -> &'static str {
        self.catalog.code(self.index)
    }

    /// The language's own name for itself (`Русский`).
    pub fn name(self) -> String {
        self.t("language-name")
    }

    /// True for the base language: machine-read output, JSON and the like are in it.
    pub fn is_base(self) -> bool {
        self.index == self.catalog.base().index
    }

    /// The message `id`, without arguments.
    pub fn t(self, id: &str) -> String {
        self.t_args(id, &[])
    }

    /// The message `id` with named arguments (numbers choose plural forms).
    pub fn t_args(self, id: &str, args: &[(&str, Value<'_>)]) -> String {
        self.catalog.format(self.index, id, args)
    }

    /// True when this language (or one it falls back to) has the message `id`.
    pub fn has(self, id: &str) -> bool {
        self.catalog.has(self.index, id)
    }

    /// A date as this language writes it (`30.11.2026` in Russian, ISO in English).
    pub fn date(self, date: jiff::civil::Date) -> String {
        date::format(self, date)
    }

    /// How far `date` is from `today`, in words (`просрочено на 3 дня`, `due in 2 days`).
    pub fn relative_date(self, date: jiff::civil::Date, today: jiff::civil::Date) -> String {
        date::relative(self, date, today)
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::en()
    }
}

impl PartialEq for Lang {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.catalog, other.catalog) && self.index == other.index
    }
}

impl Eq for Lang {}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests;
