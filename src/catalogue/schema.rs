//! The catalogue schema as data: which keys each record may have, which are required, and
//! which hold nested tables. Unknown keys are errors, so a typo like `eligibilty` cannot
//! pass silently; this table is also what the "did you mean" suggestions come from.

/// What a key holds, for the unknown-key walk.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A plain value (string, number, date, array of plain values).
    Leaf,
    /// A table with its own keys.
    Table(&'static Record),
    /// An array of tables.
    Tables(&'static Record),
    /// A table of tables keyed freely (e.g. `translations.ru`).
    TableMap(&'static Record),
}

/// One kind of record.
#[derive(Debug)]
pub struct Record {
    /// The word used in messages ("service", "phone").
    pub noun: &'static str,
    pub keys: &'static [(&'static str, Shape)],
    pub required: &'static [&'static str],
}

impl Record {
    pub fn shape_of(&self, key: &str) -> Option<Shape> {
        self.keys.iter().find(|(k, _)| *k == key).map(|(_, s)| *s)
    }

    pub fn key_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|(k, _)| *k)
    }
}

use Shape::*;

pub static HEADER: Record = Record {
    noun: "catalogue header",
    keys: &[
        ("schema", Leaf),
        ("title", Leaf),
        ("updated", Leaf),
        ("languages", Leaf),
        ("timezone", Leaf),
        ("country", Leaf),
        ("holidays", Leaf),
        ("stale_after_days", Leaf),
        ("notice", Leaf),
    ],
    // Every header key has a default (see `Header::default`).
    required: &[],
};

pub static NEED: Record = Record {
    noun: "need",
    keys: &[
        ("id", Leaf),
        ("name", Leaf),
        ("parent", Leaf),
        ("synonyms", Leaf),
        ("description", Leaf),
    ],
    required: &["id", "name"],
};

pub static REGION: Record = Record {
    noun: "region",
    keys: &[
        ("id", Leaf),
        ("name", Leaf),
        ("level", Leaf),
        ("parent", Leaf),
        ("aliases", Leaf),
        ("iso", Leaf),
    ],
    // A region without `level` takes it from its depth in the tree.
    required: &["id", "name"],
};

pub static PHONE: Record = Record {
    noun: "phone",
    keys: &[
        ("number", Leaf),
        ("kind", Leaf),
        ("hours", Leaf),
        ("languages", Leaf),
        ("private", Leaf),
        ("note", Leaf),
    ],
    required: &["number", "kind"],
};

pub static ORGANISATION: Record = Record {
    noun: "organisation",
    keys: &[
        ("id", Leaf),
        ("name", Leaf),
        ("short_name", Leaf),
        ("kind", Leaf),
        ("region", Leaf),
        ("website", Leaf),
        ("email", Leaf),
        ("address", Leaf),
        ("phones", Tables(&PHONE)),
        ("description", Leaf),
        ("source", Leaf),
        ("aliases", Leaf),
    ],
    required: &["id", "name"],
};

pub static CONTACT: Record = Record {
    noun: "contact",
    keys: &[
        ("id", Leaf),
        ("name", Leaf),
        ("organisation", Leaf),
        ("role", Leaf),
        ("email", Leaf),
        ("languages", Leaf),
        ("phones", Tables(&PHONE)),
        ("private", Leaf),
        ("source", Leaf),
    ],
    required: &["id", "name"],
};

pub static ALERT: Record = Record {
    noun: "alert",
    keys: &[("text", Leaf), ("until", Leaf)],
    required: &["text"],
};

pub static TRANSLATION: Record = Record {
    noun: "translation",
    keys: &[
        ("name", Leaf),
        ("description", Leaf),
        ("eligibility", Leaf),
        ("how_to_refer", Leaf),
        ("hours_note", Leaf),
        ("fee", Leaf),
        ("documents", Leaf),
        ("address", Leaf),
    ],
    required: &[],
};

pub static SERVICE: Record = Record {
    noun: "service",
    keys: &[
        ("id", Leaf),
        ("name", Leaf),
        ("organisation", Leaf),
        ("status", Leaf),
        ("alert", Table(&ALERT)),
        ("needs", Leaf),
        ("regions", Leaf),
        ("populations", Leaf),
        ("min_age", Leaf),
        ("max_age", Leaf),
        ("description", Leaf),
        ("eligibility", Leaf),
        ("how_to_refer", Leaf),
        ("documents", Leaf),
        ("languages", Leaf),
        ("interpretation", Leaf),
        ("fee", Leaf),
        ("address", Leaf),
        ("opening_hours", Leaf),
        ("hours_note", Leaf),
        ("phones", Tables(&PHONE)),
        ("email", Leaf),
        ("website", Leaf),
        ("contacts", Leaf),
        ("verified", Leaf),
        ("source", Leaf),
        ("translations", TableMap(&TRANSLATION)),
    ],
    required: &["id", "name", "organisation", "needs", "regions"],
};

/// The top-level sections, in the order records are processed.
pub static SECTIONS: &[(&str, &Record)] = &[
    ("catalogue", &HEADER),
    ("needs", &NEED),
    ("regions", &REGION),
    ("organisations", &ORGANISATION),
    ("contacts", &CONTACT),
    ("services", &SERVICE),
];
