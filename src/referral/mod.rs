//! Referral notes: the draft, templates, rendering, and the history log.
//!
//! The flow is one function per arrow: a [`Draft`] (filled from flags or the TUI form) is
//! checked by [`Draft::validate`], rendered with a [`Template`] by [`render`] into a
//! [`Note`], delivered (clipboard, file (through [`crate::fsutil`]), stdout), and recorded as one
//! [`Record`] in the [`ReferralLog`], where [`Outcome`]s close the loop. The enums below are shared with the CLI flags and the TUI
//! composer; their serialized names are part of the history and draft formats.

mod deliver;
mod draft;
mod history;
mod input;
mod log;
mod note_ref;
mod outcome;
mod render;
mod retention;
mod stats;
mod store;
mod team;
mod template;
mod view;

pub use deliver::{DeliverError, Delivered, copy_note, write_note};
pub use draft::{
    DEFAULT_OVERRIDE_REASON, Draft, Field, NO_CASE_REF, PENDING_NOTE_REF, Problem, REFERRER_WARNING,
};
pub use history::{Migrated, Record, migrate_jsonl, open_data_log, read_jsonl};
pub use input::{case_ref_problem, client_language, typed_note_ref};
pub use log::{
    Copied, Health, Listed, LogError, NewOutcome, OutcomeError, ReferralLog, ServiceTally,
};
pub use note_ref::{is_note_ref, new_note_ref};
pub use outcome::{Outcome, Reason, Status};
pub use render::{Note, RenderError, TEXT_WIDTH, render, wrap};
pub use retention::{Cutoff, PINNED_AHEAD, cutoff, cutoff_now};
pub use stats::{Count, Grouping, NO_REGION, OPEN, count, outcome_counts, services_csv, to_csv};
pub use store::{DraftError, delete_draft, load_draft, save_draft};
pub use team::{TeamError, TeamLog, TeamSkipped, record_outcome, record_referral};
pub use template::{BUILT_IN, Template, TemplateError, templates_dir};
pub use view::View;

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    #[default]
    Routine,
    Urgent,
    Emergency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentKind {
    Verbal,
    Written,
}

impl ConsentKind {
    /// The schema word, as stored in the referral log.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::Verbal => "verbal",
            ConsentKind::Written => "written",
        }
    }
}

/// A stored word back as its enum: the log stores the CLI's words (kebab-case), which
/// are also the serialized names.
pub fn from_word<T: ValueEnum>(word: &str) -> Option<T> {
    T::from_str(word, false).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgeBand {
    Child,
    Adult,
    Older,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactChannel {
    Phone,
    Sms,
    Whatsapp,
    Viber,
    Telegram,
    Email,
    InPerson,
    DoNotContact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum NoteFormat {
    #[default]
    Text,
    Markdown,
}
