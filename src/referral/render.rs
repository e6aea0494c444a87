//! Rendering a draft into a note: resolve, check, fill the template, lay out.

use super::NoteFormat;
use super::draft::{Draft, Problem};
use super::template::{Template, TemplateError};
use super::view::View;
use crate::catalogue::{Catalogue, Service};

/// The width of a plain-text e-mail body.
pub const TEXT_WIDTH: usize = 72;

/// How many engine steps a template may take. The built-in templates rendering a
/// 50-service note take about 25,000, under a tenth of it (a test keeps it so); a user
/// template that loops without end stops here in well under a second.
pub const TEMPLATE_FUEL: u64 = 500_000;

/// The most memory a template may hold while it renders (its strings and lists): a
/// 50-service note needs a few hundred KiB; a template that doubles a string forty times
/// is stopped here instead of taking the machine's memory (see [`crate::memory`]).
pub const TEMPLATE_MEMORY: usize = 64 * 1024 * 1024;

/// A backstop beside the fuel: no render may take longer than this.
const TEMPLATE_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// The largest note a template may produce. A note is read by a person: 256 KiB is far
/// more than any referral, and a template that writes more has gone wrong.
pub const MAX_NOTE_BYTES: usize = 256 * 1024;

/// A rendered note, ready for the clipboard, a file or stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub note_ref: String,
    /// The template's name, as recorded in the history.
    pub template: String,
    pub format: NoteFormat,
}

/// Why a draft could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The draft is not ready (e.g. no consent): show it beside the field.
    #[error(transparent)]
    Draft(Problem),
    /// A service id that the catalogue does not have (e.g. after a reload).
    #[error("no service with id '{0}'")]
    UnknownService(String),
    #[error(transparent)]
    Template(TemplateError),
}

impl From<TemplateError> for RenderError {
    fn from(error: TemplateError) -> Self {
        RenderError::Template(error)
    }
}

/// Renders `draft` with `template`. Refuses a draft that [`Draft::validate`] rejects, so no
/// caller can produce a note without consent outside the emergency override.
pub fn render(
    draft: &Draft,
    catalogue: &Catalogue,
    template: &Template,
    format: NoteFormat,
) -> Result<Note, RenderError> {
    draft.validate().map_err(RenderError::Draft)?;
    let services = resolve_services(draft, catalogue)?;
    let view = View::build(
        draft,
        &services,
        catalogue,
        template.language(),
        format == NoteFormat::Markdown,
    );
    let filled = fill(template, &view, TEMPLATE_FUEL)?;
    let text = match format {
        NoteFormat::Text => wrap(&filled, TEXT_WIDTH),
        NoteFormat::Markdown => filled,
    };
    Ok(Note {
        text,
        note_ref: draft.note_ref.clone(),
        template: template.name.clone(),
        format,
    })
}

fn resolve_services<'a>(
    draft: &Draft,
    catalogue: &'a Catalogue,
) -> Result<Vec<&'a Service>, RenderError> {
    draft
        .services
        .iter()
        .map(|id| {
            catalogue
                .service_by_id(id)
                .map(|i| &catalogue.services[i])
                .ok_or_else(|| RenderError::UnknownService(id.clone()))
        })
        .collect()
}

/// Runs the template engine. Blocks on their own line leave no blank line behind
/// (`trim_blocks`, `lstrip_blocks`), so templates can be written readably.
fn fill(template: &Template, view: &View, fuel: u64) -> Result<String, TemplateError> {
    // A template that went over its memory budget left a thread asleep holding that
    // budget; the composer re-renders its preview on every key, so such a template is
    // refused from then on rather than run (and another budget held) again.
    static OVER_BUDGET: std::sync::Mutex<Vec<u64>> = std::sync::Mutex::new(Vec::new());
    let key = xxhash_rust::xxh3::xxh3_64(template.source.as_bytes());
    let known_over =
        |list: &std::sync::Mutex<Vec<u64>>| list.lock().map(|l| l.contains(&key)).unwrap_or(false);
    if known_over(&OVER_BUDGET) {
        return Err(TemplateError::limit(template, TOO_LARGE));
    }
    let context = minijinja::Value::from_serialize(view);
    let owned = template.clone();
    let rendered = crate::memory::run_within(TEMPLATE_MEMORY, TEMPLATE_TIME, move || {
        run_engine(&owned, context, fuel)
    });
    match rendered {
        Ok(result) => result,
        Err(crate::memory::Exceeded::Memory) => {
            if let Ok(mut list) = OVER_BUDGET.lock() {
                list.push(key);
            }
            Err(TemplateError::limit(template, TOO_LARGE))
        }
        Err(crate::memory::Exceeded::Time) => Err(TemplateError::limit(template, TOOK_TOO_LONG)),
    }
}

/// The engine itself, with its step limit and the cap on what it writes.
fn run_engine(
    template: &Template,
    context: minijinja::Value,
    fuel: u64,
) -> Result<String, TemplateError> {
    let mut env = minijinja::Environment::new();
    env.set_fuel(Some(fuel));
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.add_template(&template.name, &template.source)
        .map_err(|e| TemplateError::from_engine(template, &e))?;
    let compiled = env
        .get_template(&template.name)
        .map_err(|e| TemplateError::from_engine(template, &e))?;
    let mut out = CappedText::default();
    compiled
        .render_captured_to(context, &mut out)
        .map_err(|e| match e.kind() {
            minijinja::ErrorKind::OutOfFuel => TemplateError::limit(template, TOOK_TOO_LONG),
            _ if out.overflowed => TemplateError::limit(template, TOO_LARGE),
            _ => TemplateError::from_engine(template, &e),
        })?;
    let out = String::from_utf8_lossy(&out.bytes);
    // A user template may print anything; the note still must not carry control sequences.
    Ok(crate::text::strip_controls(&out).into_owned())
}

const TOOK_TOO_LONG: &str =
    "took too long: it ran past its step limit (a loop without end, or one too large?)";
const TOO_LARGE: &str =
    "too large: the note would be over 256 KiB, or its strings over 64 MiB while it renders";

/// The note as the engine writes it, refusing to grow past [`MAX_NOTE_BYTES`].
#[derive(Default)]
struct CappedText {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl std::io::Write for CappedText {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_NOTE_BYTES {
            self.overflowed = true;
            return Err(std::io::Error::other(TOO_LARGE));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Wraps every line longer than `width` columns at spaces; continuation lines keep the
/// line's indent plus two spaces, so a wrapped field still reads as one. A single word
/// longer than the width (a long web address) is kept whole rather than broken, since a
/// broken address or e-mail is worse than a long line.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let body = body.trim_end();
        if textwrap::core::display_width(body) <= width {
            out.push_str(body);
        } else {
            let indent = hanging_indent(body);
            let options = textwrap::Options::new(width)
                .subsequent_indent(&indent)
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .break_words(false);
            out.push_str(&textwrap::wrap(body, options).join("\n"));
        }
        out.push_str(newline);
    }
    out
}

/// The indent of a wrapped line's continuation: under the text of a list item (`1. `,
/// `- `), else two spaces deeper than the line.
fn hanging_indent(line: &str) -> String {
    let rest = line.trim_start();
    let leading = &line[..line.len() - rest.len()];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if digits > 0 && rest[digits..].starts_with(". ") {
        digits + 2
    } else {
        2
    };
    format!("{leading}{}", " ".repeat(marker))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Origin;
    use crate::referral::{BUILT_IN, ConsentKind};

    /// The fixture catalogue with its fullest service copied to 50.
    fn fifty_services() -> (Catalogue, Vec<String>) {
        let text = include_str!("../../tests/fixtures/referral.toml");
        let start = text.find("[[services]]\nid = \"full-shelter\"").unwrap();
        let end = start + 1 + text[start + 1..].find("[[services]]").unwrap();
        let record = &text[start..end];
        let mut all = text.to_string();
        let mut ids = Vec::new();
        for i in 0..50 {
            let id = format!("copy-{i}");
            all.push_str(&record.replace("\"full-shelter\"", &format!("\"{id}\"")));
            ids.push(id);
        }
        let catalogue = Catalogue::from_text(&all, Origin::Text("fifty".into())).unwrap();
        (catalogue, ids)
    }

    /// The view of a plain draft of the fifty services, for the hostile-template tests.
    fn fifty_services_view() -> View {
        let (catalogue, ids) = fifty_services();
        let draft = Draft::new(
            ids,
            jiff::civil::date(2026, 11, 23),
            "PW".into(),
            &Default::default(),
        );
        View::build(&draft, &[], &catalogue, "en", false)
    }

    #[test]
    fn the_built_in_templates_use_under_a_tenth_of_the_fuel_for_fifty_services() {
        let (catalogue, ids) = fifty_services();
        let config = crate::config::Config::default();
        let mut draft = Draft::new(
            ids,
            jiff::civil::date(2026, 11, 23),
            "PW-20261123-140500-ABCD".into(),
            &config,
        );
        draft.consent = Some(ConsentKind::Verbal);
        let services = resolve_services(&draft, &catalogue).unwrap();
        for (name, _) in BUILT_IN {
            let template = Template::find(name, None).unwrap();
            for markdown in [false, true] {
                let view = View::build(&draft, &services, &catalogue, name, markdown);
                let note = fill(&template, &view, TEMPLATE_FUEL / 10)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                let shown = if name == "ru" {
                    "Ночной приют"
                } else {
                    "Night shelter"
                };
                assert_eq!(note.matches(shown).count(), 50, "{name}");
            }
        }
    }

    fn user_template(source: &str) -> Template {
        Template {
            name: "hostile".into(),
            origin: "/templates/hostile.j2".into(),
            source: source.into(),
        }
    }

    /// Issue 16: a nested `range(100000)` loop ran past 15 s.
    #[test]
    fn a_template_that_loops_too_long_is_stopped() {
        let view = fifty_services_view();
        let endless = user_template(
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        );
        let error = fill(&endless, &view, TEMPLATE_FUEL).unwrap_err();
        assert_eq!(error.template, "/templates/hostile.j2");
        assert!(error.to_string().contains("took too long"), "{error}");
    }

    /// Issue 16: doubling a string 40 times aborted the process on a memory limit.
    #[test]
    fn a_template_that_doubles_a_string_is_too_large_every_time() {
        let view = fifty_services_view();
        let doubling = user_template(
            "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        );
        let error = fill(&doubling, &view, TEMPLATE_FUEL).unwrap_err();
        assert!(error.to_string().contains("too large"), "{error}");
        let again = fill(&doubling, &view, TEMPLATE_FUEL).unwrap_err();
        assert!(again.to_string().contains("too large"), "{again}");
    }

    #[test]
    fn a_note_over_256_kib_is_refused() {
        let view = fifty_services_view();
        let large = user_template("{% for i in range(3000) %}{{ 'x' * 100 }}{% endfor %}");
        let error = fill(&large, &view, TEMPLATE_FUEL).unwrap_err();
        assert!(error.to_string().contains("too large"), "{error}");
        let fits = user_template("{% for i in range(2000) %}{{ 'x' * 100 }}{% endfor %}");
        assert_eq!(fill(&fits, &view, TEMPLATE_FUEL).unwrap().len(), 200_000);
    }

    #[test]
    fn wraps_long_lines_with_a_hanging_indent() {
        let long = format!("   How to refer: {}", "word ".repeat(30));
        let wrapped = wrap(&format!("short\n{long}\n"), 40);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert_eq!(lines[0], "short");
        assert!(lines.len() > 3);
        assert!(lines[1].starts_with("   How to refer: word"));
        assert!(lines[2].starts_with("     word"));
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{wrapped}");
        assert!(wrapped.ends_with('\n'));
        let item = wrap(&format!("12. {}", "title ".repeat(12)), 40);
        assert!(
            item.lines().nth(1).unwrap().starts_with("    title"),
            "{item}"
        );
    }

    #[test]
    fn keeps_long_addresses_whole() {
        let url = format!("https://example.org/{}", "a".repeat(80));
        let wrapped = wrap(&format!("Website: {url}"), 72);
        assert!(wrapped.lines().any(|l| l.trim() == url), "{wrapped}");
    }
}
