//! What an import did, per HSDS object: how many rows were read, imported, merged into
//! another record and left out, and every reason, counted with a few example ids. Nothing is
//! dropped silently: each rule that cannot use a value says so here.

use super::version::Version;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// How many examples a note keeps.
const EXAMPLES: usize = 3;

#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub read: usize,
    pub imported: usize,
    pub merged: usize,
    pub left_out: usize,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Note {
    /// The HSDS object the note is about (`service`, `phone`, `schedule`, …).
    pub object: String,
    pub what: String,
    pub count: usize,
    /// A few HSDS ids (or values) it happened to.
    pub examples: Vec<String>,
}

/// Records written, by kind.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Written {
    pub services: usize,
    pub organisations: usize,
    pub contacts: usize,
    pub needs: usize,
    pub regions: usize,
}

/// How many records had schedules, and how many of those became `opening_hours`.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct ScheduleCounts {
    pub structured: usize,
    pub not_structured: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub dataset: String,
    pub version: Version,
    pub objects: BTreeMap<String, Counts>,
    pub schedules: ScheduleCounts,
    pub written: Written,
    pub notes: Vec<Note>,
    #[serde(skip)]
    index: BTreeMap<(String, String), usize>,
}

impl Report {
    pub fn new(dataset: &str, version: Version) -> Report {
        Report {
            dataset: dataset.to_string(),
            version,
            ..Report::default()
        }
    }

    pub fn counts(&mut self, object: &str) -> &mut Counts {
        self.objects.entry(object.to_string()).or_default()
    }

    pub fn read(&mut self, object: &str, n: usize) {
        self.counts(object).read += n;
    }

    pub fn imported(&mut self, object: &str) {
        self.counts(object).imported += 1;
    }

    pub fn merged(&mut self, object: &str, why: &str, example: &str) {
        self.counts(object).merged += 1;
        self.note(object, why, example);
    }

    /// A row that did not make it into the catalogue, and why.
    pub fn left_out(&mut self, object: &str, why: &str, example: &str) {
        self.counts(object).left_out += 1;
        self.note(object, &format!("left out: {why}"), example);
    }

    /// Something read differently from what the file said, or not read at all.
    pub fn note(&mut self, object: &str, what: &str, example: &str) {
        let key = (object.to_string(), what.to_string());
        let i = *self.index.entry(key).or_insert_with(|| {
            self.notes.push(Note {
                object: object.to_string(),
                what: what.to_string(),
                ..Note::default()
            });
            self.notes.len() - 1
        });
        let note = &mut self.notes[i];
        note.count += 1;
        if note.examples.len() < EXAMPLES && !example.is_empty() {
            note.examples.push(crate::text::one_line(example));
        }
    }

    /// The notes in a fixed order (object, then text), for the same report on the same input.
    pub fn sort(&mut self) {
        self.notes
            .sort_by(|a, b| (&a.object, &a.what).cmp(&(&b.object, &b.what)));
        self.index.clear();
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "HSDS {} package \"{}\"",
            self.version.as_str(),
            crate::text::one_line(&self.dataset)
        )?;
        for (object, c) in &self.objects {
            writeln!(
                f,
                "  {object}: {} read, {} imported, {} merged, {} left out",
                c.read, c.imported, c.merged, c.left_out
            )?;
        }
        writeln!(
            f,
            "  schedules: {} records with structured opening_hours, {} not structured (text kept in hours_note)",
            self.schedules.structured, self.schedules.not_structured
        )?;
        let w = &self.written;
        writeln!(
            f,
            "wrote {} services, {} organisations, {} contacts, {} needs, {} regions",
            w.services, w.organisations, w.contacts, w.needs, w.regions
        )?;
        if !self.notes.is_empty() {
            writeln!(f, "notes:")?;
        }
        for note in &self.notes {
            write!(f, "  {}: {} ({})", note.object, note.what, note.count)?;
            if !note.examples.is_empty() {
                write!(f, ", e.g. {}", note.examples.join(", "))?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}
