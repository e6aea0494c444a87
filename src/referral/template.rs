//! Note templates: the built-in `en` and `ru`, and the operator's own `NAME.j2` files.
//!
//! Templates are minijinja (Jinja2 syntax). A user template in `templates_dir` wins over a
//! built-in of the same name, so an office can adapt `en` without renaming it. The language
//! of a template (which `translations.LANG` of a record it reads) is its name up to the
//! first `-`, `_` or `.`: `ru`, `ru-short` and `ru_office` read `translations.ru`.

use std::path::{Path, PathBuf};

/// The built-in templates, embedded so the binary works with no files around it.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("en", include_str!("../../data/templates/en.j2")),
    ("ru", include_str!("../../data/templates/ru.j2")),
];

/// A template ready to render: its name, language and source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    /// Where it came from, for error messages (`built-in:en` or the file path).
    pub origin: String,
    pub source: String,
}

/// A template that could not be found, read, parsed or rendered. `line` is 1-based, in the
/// template's own source, when the engine knows it.
// The name may be what the user typed, the message may quote the template: both are shown
// escaped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "template {}{}: {}",
    crate::text::escape_input(template),
    line.map(|l| format!(":{l}")).unwrap_or_default(),
    crate::text::escape_input(message)
)]
pub struct TemplateError {
    pub template: String,
    pub line: Option<usize>,
    pub message: String,
}

impl TemplateError {
    /// A template stopped by a limit ("took too long", "too large").
    pub(crate) fn limit(template: &Template, message: &str) -> TemplateError {
        TemplateError {
            template: template.origin.clone(),
            line: None,
            message: message.to_string(),
        }
    }

    /// Turns an engine error into ours, keeping the line and the bare message (without
    /// minijinja's "(in NAME:LINE)" suffix, which we print in our own form).
    pub(crate) fn from_engine(template: &Template, error: &minijinja::Error) -> TemplateError {
        let message = match error.detail() {
            Some(detail) => format!("{}: {}", error.kind(), detail),
            None => error.kind().to_string(),
        };
        TemplateError {
            template: template.origin.clone(),
            line: error.line(),
            message,
        }
    }
}

impl Template {
    /// Finds a template by name: `templates_dir/NAME.j2` if it exists, else a built-in.
    pub fn find(name: &str, templates_dir: Option<&Path>) -> Result<Template, TemplateError> {
        let name = name.trim();
        let name = name.strip_suffix(".j2").unwrap_or(name);
        if !is_plain_name(name) {
            return Err(TemplateError {
                template: name.to_string(),
                line: None,
                message: "a template name is a plain file name without '/' (e.g. 'en', \
                          'ru', 'office')"
                    .to_string(),
            });
        }
        if let Some(path) = templates_dir.map(|dir| dir.join(format!("{name}.j2")))
            && path.exists()
        {
            return Template::from_file(name, &path);
        }
        match BUILT_IN.iter().find(|(built_in, _)| *built_in == name) {
            Some((_, source)) => Ok(Template {
                name: name.to_string(),
                origin: format!("built-in:{name}"),
                source: (*source).to_string(),
            }),
            None => Err(unknown(name, templates_dir)),
        }
    }

    fn from_file(name: &str, path: &PathBuf) -> Result<Template, TemplateError> {
        let source = std::fs::read_to_string(path).map_err(|error| TemplateError {
            template: path.display().to_string(),
            line: None,
            message: format!("cannot read: {error}"),
        })?;
        Ok(Template {
            name: name.to_string(),
            origin: path.display().to_string(),
            source,
        })
    }

    /// The language whose `translations` this template reads.
    pub fn language(&self) -> &str {
        self.name
            .split(['-', '_', '.'])
            .next()
            .unwrap_or(&self.name)
    }
}

/// Where user templates live: `templates_dir` from the config, else `templates/` beside the
/// config file (so `~/.config/pathways/templates/NAME.j2` works with no setting).
pub fn templates_dir(
    config: &crate::config::Config,
    paths: &crate::config::Paths,
) -> Option<PathBuf> {
    config.templates_dir.clone().or_else(|| {
        paths
            .config_file
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(|dir| dir.join("templates"))
    })
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn unknown(name: &str, templates_dir: Option<&Path>) -> TemplateError {
    let built_in: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
    let place = match templates_dir {
        Some(dir) => format!("{name}.j2 in {}", dir.display()),
        None => "no templates_dir configured".to_string(),
    };
    TemplateError {
        template: name.to_string(),
        line: None,
        message: format!(
            "unknown template (built-in: {}; looked for {place})",
            built_in.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_built_ins_and_user_templates_first() {
        let en = Template::find("en", None).unwrap();
        assert_eq!(en.origin, "built-in:en");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("en.j2"), "mine").unwrap();
        std::fs::write(dir.path().join("ru-short.j2"), "коротко").unwrap();
        assert_eq!(
            Template::find("en", Some(dir.path())).unwrap().source,
            "mine"
        );
        let short = Template::find("ru-short.j2", Some(dir.path())).unwrap();
        assert_eq!(short.language(), "ru");
        assert_eq!(
            Template::find("ru", Some(dir.path())).unwrap().language(),
            "ru"
        );
    }

    #[test]
    fn rejects_unknown_and_path_like_names() {
        let error = Template::find("fr", None).unwrap_err();
        assert!(error.message.contains("built-in: en, ru"), "{error}");
        assert!(Template::find("../etc/passwd", None).is_err());
        assert!(Template::find("", None).is_err());
    }
}
