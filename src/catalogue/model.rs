//! The validated catalogue: plain data, with references already resolved to indices.
//!
//! Loading (`load.rs`) turns TOML text into these types and reports every fault it finds;
//! nothing downstream re-reads the file or re-checks references.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Index of a need in [`Catalogue::needs`].
pub type NeedIdx = usize;
/// Index of a region in [`Catalogue::regions`].
pub type RegionIdx = usize;
/// Index of an organisation in [`Catalogue::organisations`].
pub type OrgIdx = usize;
/// Index of a contact in [`Catalogue::contacts`].
pub type ContactIdx = usize;
/// Index of a service in [`Catalogue::services`].
pub type ServiceIdx = usize;

/// The newest catalogue schema this binary understands.
pub const SCHEMA_VERSION: i64 = 1;

/// Where a catalogue came from; shown in the TUI title and by `check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// The default catalogue compiled into the binary.
    Embedded,
    /// A file on disk.
    File(std::path::PathBuf),
    /// Text handed in by a test or a library user, with the name used in diagnostics.
    Text(String),
}

impl Origin {
    /// The name used as `PATH` in diagnostics.
    pub fn display_name(&self) -> String {
        match self {
            Origin::Embedded => "embedded:data/catalogue.toml".to_string(),
            Origin::File(p) => p.display().to_string(),
            Origin::Text(name) => name.clone(),
        }
    }
}

/// The `[catalogue]` table. Every key is optional (see [`Header::default`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub schema: i64,
    /// Empty when the file gives none: [`Catalogue::title`] then shows the file's name,
    /// as reached in this run.
    pub title: String,
    pub updated: Option<Date>,
    pub languages: Vec<String>,
    /// IANA time-zone name; "open now" is judged in this zone, whatever the host's zone.
    /// Empty when the file gives none: this machine's zone is used, resolved at each use
    /// (never stored in the cache).
    pub timezone: String,
    pub country: Option<String>,
    /// Public holidays, for `PH` in opening hours.
    pub holidays: Vec<Date>,
    /// A service not verified for longer than this is flagged STALE.
    pub stale_after_days: i64,
    /// Free text shown under the title (e.g. "demonstration data").
    pub notice: Option<String>,
}

impl Default for Header {
    /// What a catalogue without a `[catalogue]` table, or with faults in it, falls back to.
    fn default() -> Self {
        Header {
            schema: SCHEMA_VERSION,
            title: String::new(),
            updated: None,
            languages: Vec::new(),
            timezone: String::new(),
            country: None,
            holidays: Vec::new(),
            stale_after_days: DEFAULT_STALE_AFTER_DAYS,
            notice: None,
        }
    }
}

/// `stale_after_days` when the header does not say.
pub const DEFAULT_STALE_AFTER_DAYS: i64 = 365;

/// One need type of the taxonomy; may nest under a parent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Need {
    pub id: String,
    pub name: String,
    pub parent: Option<NeedIdx>,
    pub synonyms: Vec<String>,
    pub description: Option<String>,
    /// 1-based line of the record's header, for `e` (edit at line) in the TUI.
    pub line: usize,
}

/// Administrative level of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RegionLevel {
    Country,
    Oblast,
    City,
    District,
}

impl RegionLevel {
    /// The word used in the schema.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::Country => "country",
            RegionLevel::Oblast => "oblast",
            RegionLevel::City => "city",
            RegionLevel::District => "district",
        }
    }

    /// Parses the schema word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => RegionLevel::Country,
            "oblast" => RegionLevel::Oblast,
            "city" => RegionLevel::City,
            "district" => RegionLevel::District,
            _ => return None,
        })
    }

    /// The coverage badge word: a country-level service is "national".
    pub fn coverage_word(self) -> &'static str {
        match self {
            RegionLevel::Country => "national",
            other => other.as_str(),
        }
    }
}

/// A node of the region tree (country > oblast > district / city).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub level: RegionLevel,
    pub parent: Option<RegionIdx>,
    /// Other spellings, Latin and Cyrillic.
    pub aliases: Vec<String>,
    pub iso: Option<String>,
    pub line: usize,
}

/// What a phone line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PhoneKind {
    Hotline,
    Voice,
    Sms,
    Whatsapp,
    Viber,
    Telegram,
    Fax,
    Tty,
    AfterHours,
}

impl PhoneKind {
    pub const ALL: [PhoneKind; 9] = [
        PhoneKind::Hotline,
        PhoneKind::Voice,
        PhoneKind::Sms,
        PhoneKind::Whatsapp,
        PhoneKind::Viber,
        PhoneKind::Telegram,
        PhoneKind::Fax,
        PhoneKind::Tty,
        PhoneKind::AfterHours,
    ];

    /// The word used in the schema.
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneKind::Hotline => "hotline",
            PhoneKind::Voice => "voice",
            PhoneKind::Sms => "sms",
            PhoneKind::Whatsapp => "whatsapp",
            PhoneKind::Viber => "viber",
            PhoneKind::Telegram => "telegram",
            PhoneKind::Fax => "fax",
            PhoneKind::Tty => "tty",
            PhoneKind::AfterHours => "after-hours",
        }
    }

    /// Parses the schema word.
    pub fn parse(s: &str) -> Option<Self> {
        PhoneKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A phone line with its own hours, languages and visibility.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Phone {
    pub number: String,
    pub kind: PhoneKind,
    pub hours: Option<String>,
    pub languages: Vec<String>,
    /// Staff-only: shown marked in the TUI, never printed into a note.
    pub private: bool,
    pub note: Option<String>,
}

/// A partner institution.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    /// The short form operators know it by ("IOM", "LAF"): one per organisation, for
    /// display where the full name does not fit.
    pub short_name: Option<String>,
    pub kind: Option<String>,
    pub region: Option<RegionIdx>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub phones: Vec<Phone>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub aliases: Vec<String>,
    pub line: usize,
}

/// A focal point.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub organisation: Option<OrgIdx>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub languages: Vec<String>,
    pub phones: Vec<Phone>,
    /// Staff-only: never printed into a note for the client.
    pub private: bool,
    pub source: Option<String>,
    pub line: usize,
}

/// Whether a service takes referrals now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Active,
    TemporarilyClosed,
    Inactive,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::TemporarilyClosed => "temporarily-closed",
            Status::Inactive => "inactive",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "active" => Status::Active,
            "temporarily-closed" => Status::TemporarilyClosed,
            "inactive" => Status::Inactive,
            _ => return None,
        })
    }
}

/// A temporary message about a service, shown until it expires.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Alert {
    pub text: String,
    pub until: Option<Date>,
}

/// Translated text fields of a record (e.g. `translations.ru`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Translation {
    pub name: Option<String>,
    pub description: Option<String>,
    pub eligibility: Option<String>,
    pub how_to_refer: Option<String>,
    pub hours_note: Option<String>,
    pub fee: Option<String>,
    pub documents: Vec<String>,
    pub address: Option<String>,
}

/// An assistance service: what the operator refers a caller to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub organisation: OrgIdx,
    pub status: Status,
    pub alert: Option<Alert>,
    pub needs: Vec<NeedIdx>,
    /// Service area; a region covers every descendant region.
    pub regions: Vec<RegionIdx>,
    /// Target groups, apart from needs.
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
    /// OpenStreetMap opening_hours syntax, already checked to parse.
    pub opening_hours: Option<String>,
    pub hours_note: Option<String>,
    pub phones: Vec<Phone>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub contacts: Vec<ContactIdx>,
    pub verified: Option<Date>,
    pub source: Option<String>,
    /// By language code.
    pub translations: BTreeMap<String, Translation>,
    pub line: usize,
}

/// A loaded catalogue. Build one with [`crate::catalogue::load`] or
/// [`Catalogue::from_str`](crate::catalogue::Catalogue::from_text).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalogue {
    pub origin: Origin,
    pub header: Header,
    pub needs: Vec<Need>,
    pub regions: Vec<Region>,
    pub organisations: Vec<Organisation>,
    pub contacts: Vec<Contact>,
    pub services: Vec<Service>,
    /// Every problem found while loading, errors and warnings, in file order.
    pub diagnostics: Vec<crate::catalogue::Diagnostic>,
    /// How many records of each kind were left out because of errors.
    pub left_out: LeftOut,
}

/// Records left out of a catalogue because they (or what they depend on) had errors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub needs: usize,
    pub regions: usize,
    pub organisations: usize,
    pub contacts: usize,
    pub services: usize,
}
