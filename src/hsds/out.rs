//! The catalogue an import produces, as plain records with ids as text, and its TOML form.
//!
//! Every value is written by the `toml` crate's own value encoder, so quotes, backslashes,
//! newlines and any other character from a real file come out as valid TOML; texts are
//! stripped of control characters before they get here (`check` refuses them). The bytes
//! depend only on the records, in the order the import made them.

use std::fmt::Write;

#[derive(Debug, Default, Clone)]
pub struct Header {
    pub title: String,
    pub updated: Option<jiff::civil::Date>,
    pub timezone: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Need {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub level: &'static str,
    pub parent: Option<String>,
    pub iso: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phone {
    pub number: String,
    pub kind: &'static str,
    pub hours: Option<String>,
    pub languages: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub phones: Vec<Phone>,
    pub description: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub organisation: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phones: Vec<Phone>,
    pub source: String,
}

#[derive(Debug, Clone, Default)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub status: Option<&'static str>,
    pub alert: Option<String>,
    pub alert_until: Option<jiff::civil::Date>,
    pub needs: Vec<String>,
    pub regions: Vec<String>,
    pub populations: Vec<String>,
    pub min_age: Option<i64>,
    pub max_age: Option<i64>,
    pub description: Option<String>,
    pub eligibility: Option<String>,
    pub how_to_refer: Option<String>,
    pub documents: Vec<String>,
    pub languages: Vec<String>,
    pub interpretation: Option<bool>,
    pub fee: Option<String>,
    pub address: Option<String>,
    pub opening_hours: Option<String>,
    pub hours_note: Option<String>,
    pub phones: Vec<Phone>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub contacts: Vec<String>,
    pub verified: Option<jiff::civil::Date>,
    pub source: String,
    /// By language code (read back from our own export).
    pub translations: std::collections::BTreeMap<String, crate::catalogue::Translation>,
}

#[derive(Debug, Default)]
pub struct Catalogue {
    pub header: Header,
    pub needs: Vec<Need>,
    pub regions: Vec<Region>,
    pub organisations: Vec<Organisation>,
    pub contacts: Vec<Contact>,
    pub services: Vec<Service>,
}

/// A TOML string literal for `text`, by the `toml` crate.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

struct Writer {
    out: String,
}

impl Writer {
    fn section(&mut self, name: &str) {
        let _ = writeln!(self.out, "\n[[{name}]]");
    }

    fn text(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.out, "{key} = {}", quoted(value));
    }

    fn opt(&mut self, key: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.text(key, v);
        }
    }

    fn list(&mut self, key: &str, values: &[String]) {
        if !values.is_empty() {
            let _ = writeln!(self.out, "{key} = {}", list(values));
        }
    }

    fn raw(&mut self, key: &str, value: impl std::fmt::Display) {
        let _ = writeln!(self.out, "{key} = {value}");
    }

    fn phones(&mut self, phones: &[Phone]) {
        if phones.is_empty() {
            return;
        }
        self.out.push_str("phones = [\n");
        for p in phones {
            let _ = write!(
                self.out,
                "  {{ number = {}, kind = {}",
                quoted(&p.number),
                quoted(p.kind)
            );
            if let Some(hours) = &p.hours {
                let _ = write!(self.out, ", hours = {}", quoted(hours));
            }
            if !p.languages.is_empty() {
                let _ = write!(self.out, ", languages = {}", list(&p.languages));
            }
            if let Some(note) = &p.note {
                let _ = write!(self.out, ", note = {}", quoted(note));
            }
            self.out.push_str(" },\n");
        }
        self.out.push_str("]\n");
    }
}

fn list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| quoted(v)).collect();
    format!("[{}]", items.join(", "))
}

impl Catalogue {
    /// The catalogue as TOML text.
    pub fn to_toml(&self) -> String {
        let mut w = Writer {
            out: String::with_capacity(1024 + self.services.len() * 1024),
        };
        let h = &self.header;
        w.out.push_str(
            "# Imported from Open Referral HSDS data by `pathways import hsds`.\n\
             # Each record's `source` names the dataset and the HSDS record it came from.\n\n\
             [catalogue]\nschema = 1\n",
        );
        w.text("title", &h.title);
        if let Some(date) = h.updated {
            w.raw("updated", date);
        }
        w.opt("timezone", &h.timezone);
        w.opt("country", &h.country);
        for n in &self.needs {
            w.section("needs");
            w.text("id", &n.id);
            w.text("name", &n.name);
            w.opt("parent", &n.parent);
            w.opt("description", &n.description);
        }
        for r in &self.regions {
            w.section("regions");
            w.text("id", &r.id);
            w.text("name", &r.name);
            w.text("level", r.level);
            w.opt("parent", &r.parent);
            w.list("aliases", &r.aliases);
            w.opt("iso", &r.iso);
        }
        for o in &self.organisations {
            w.section("organisations");
            w.text("id", &o.id);
            w.text("name", &o.name);
            w.opt("short_name", &o.short_name);
            w.opt("website", &o.website);
            w.opt("email", &o.email);
            w.opt("address", &o.address);
            w.phones(&o.phones);
            w.opt("description", &o.description);
            w.text("source", &o.source);
        }
        for c in &self.contacts {
            w.section("contacts");
            w.text("id", &c.id);
            w.text("name", &c.name);
            w.opt("organisation", &c.organisation);
            w.opt("role", &c.role);
            w.opt("email", &c.email);
            w.phones(&c.phones);
            w.text("source", &c.source);
        }
        for s in &self.services {
            write_service(&mut w, s);
        }
        w.out
    }
}

fn write_service(w: &mut Writer, s: &Service) {
    w.section("services");
    w.text("id", &s.id);
    w.text("name", &s.name);
    w.text("organisation", &s.organisation);
    if let Some(status) = s.status {
        w.text("status", status);
    }
    if let Some(alert) = &s.alert {
        let until = s
            .alert_until
            .map(|d| format!(", until = {d}"))
            .unwrap_or_default();
        w.raw("alert", format!("{{ text = {}{until} }}", quoted(alert)));
    }
    w.list("needs", &s.needs);
    w.list("regions", &s.regions);
    w.list("populations", &s.populations);
    if let Some(age) = s.min_age {
        w.raw("min_age", age);
    }
    if let Some(age) = s.max_age {
        w.raw("max_age", age);
    }
    w.opt("description", &s.description);
    w.opt("eligibility", &s.eligibility);
    w.opt("how_to_refer", &s.how_to_refer);
    w.list("documents", &s.documents);
    w.list("languages", &s.languages);
    if let Some(b) = s.interpretation {
        w.raw("interpretation", b);
    }
    w.opt("fee", &s.fee);
    w.opt("address", &s.address);
    w.opt("opening_hours", &s.opening_hours);
    w.opt("hours_note", &s.hours_note);
    w.phones(&s.phones);
    w.opt("email", &s.email);
    w.opt("website", &s.website);
    w.list("contacts", &s.contacts);
    if let Some(date) = s.verified {
        w.raw("verified", date);
    }
    w.text("source", &s.source);
    for (language, t) in &s.translations {
        write_translation(w, language, t);
    }
}

/// `translations.ru = { name = "…", … }` (the language quoted when it is not a bare key).
fn write_translation(w: &mut Writer, language: &str, t: &crate::catalogue::Translation) {
    let mut fields: Vec<String> = [
        ("name", &t.name),
        ("description", &t.description),
        ("eligibility", &t.eligibility),
        ("how_to_refer", &t.how_to_refer),
        ("hours_note", &t.hours_note),
        ("fee", &t.fee),
        ("address", &t.address),
    ]
    .iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} = {}", quoted(v))))
    .collect();
    if !t.documents.is_empty() {
        fields.push(format!("documents = {}", list(&t.documents)));
    }
    if fields.is_empty() {
        return;
    }
    let bare = !language.is_empty()
        && language
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let key = if bare {
        language.to_string()
    } else {
        quoted(language)
    };
    w.raw(
        &format!("translations.{key}"),
        format!("{{ {} }}", fields.join(", ")),
    );
}
