//! Referral notes: the draft, templates, rendering, and the history log.
//!
//! STUB CONTRACT: the enums below are shared with the CLI (`pathways refer` flags) and the
//! TUI composer; their serialized names are part of the history and draft formats.

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
