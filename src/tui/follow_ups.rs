//! The follow-up view's state (`f`): the referrals due for a follow-up, one row per
//! service still without a final outcome, and the outcome picker Enter opens on a row.
//!
//! The usual case takes two keys: Enter opens the picker on `attended`, Enter records it.
//! A letter records another status at once.

use crate::card::{Text, localized};
use crate::catalogue::{Catalogue, days_between};
use crate::i18n::{Lang, t};
use crate::referral::{Priority, Record, Status};
use crate::text::one_line;
use jiff::civil::Date;
use unicode_width::UnicodeWidthStr;

/// One due service of one referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub note_ref: String,
    pub service: String,
    /// The service's name in the catalogue, in the interface language when the catalogue
    /// has it so (its id when the catalogue no longer has the service).
    pub service_name: String,
    /// The priority in the interface language.
    pub priority_words: String,
    /// Days past the follow-up date (0: due today).
    pub overdue: i64,
    /// How overdue, in the interface language (`today`, `overdue 2 days`).
    pub overdue_words: String,
    /// The current outcome when it is not final (`accepted`, `no-contact`).
    pub status: Option<Status>,
}

impl DueItem {
    /// The rows of the due `records`: their services without a final outcome, worded in
    /// `lang` once here rather than at every frame.
    pub fn from_records(
        records: &[Record],
        catalogue: &Catalogue,
        today: Date,
        lang: Lang,
    ) -> Vec<DueItem> {
        let mut items = Vec::new();
        for record in records {
            for (service, latest) in record.current() {
                let status = latest.map(|o| o.status);
                if status.is_some_and(Status::is_final) {
                    continue;
                }
                let service_name = catalogue
                    .service_by_id(service)
                    .and_then(|s| localized(catalogue, &catalogue.services[s], Text::Name, lang))
                    .map_or_else(|| one_line(service), |(name, _)| one_line(name));
                let overdue = days_between(record.follow_up, today).max(0);
                items.push(DueItem {
                    note_ref: record.note_ref.clone(),
                    service: service.to_string(),
                    service_name,
                    priority_words: lang.t(record.priority.choice_id()),
                    overdue,
                    overdue_words: match overdue {
                        0 => lang.t("date-today"),
                        n => t!(lang, "date-overdue", days = n),
                    },
                    status,
                });
            }
        }
        items
    }
}

/// The statuses in the picker's order: the usual one first, under the cursor. (The key
/// that records each at once is in the key table, `keys::OUTCOMES`.)
pub const PICKS: [Status; 7] = [
    Status::Attended,
    Status::Accepted,
    Status::DeclinedByService,
    Status::DeclinedByClient,
    Status::NoContact,
    Status::ReferredOn,
    Status::Closed,
];

/// The open follow-up view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FollowUps {
    /// `None` while the log is being read.
    pub items: Option<Vec<DueItem>>,
    pub cursor: usize,
    /// The outcome picker's cursor (into [`PICKS`]) while it is open.
    pub picking: Option<usize>,
    /// Why the log could not be read.
    pub error: Option<String>,
    /// The display widths of the overdue and priority columns, measured when the list
    /// arrives: their longest entries, and at least two-digit days and every priority (so
    /// the columns keep their place as the days grow; a translation may be longer).
    pub columns: (usize, usize),
}

impl FollowUps {
    pub fn selected(&self) -> Option<&DueItem> {
        self.items.as_ref().and_then(|items| items.get(self.cursor))
    }

    /// Takes a fresh list; the cursor stays at its place (the row recorded goes, the next
    /// one moves up under it).
    pub fn load(&mut self, items: Vec<DueItem>, lang: Lang) {
        self.cursor = self.cursor.min(items.len().saturating_sub(1));
        let two_digits = t!(lang, "date-overdue", days = 10).width();
        let overdue = items
            .iter()
            .map(|i| i.overdue_words.width())
            .fold(two_digits, usize::max);
        // Every priority of the language, so the column is the same for any list.
        let every_priority = <Priority as clap::ValueEnum>::value_variants()
            .iter()
            .map(|p| lang.t(p.choice_id()).width())
            .max()
            .unwrap_or(0);
        self.columns = (overdue, every_priority);
        self.items = Some(items);
        self.picking = None;
        self.error = None;
    }

    pub fn move_by(&mut self, delta: isize) {
        match &mut self.picking {
            Some(pick) => *pick = pick.saturating_add_signed(delta).min(PICKS.len() - 1),
            None => {
                let last = self.items.as_ref().map_or(0, |i| i.len().saturating_sub(1));
                self.cursor = self.cursor.saturating_add_signed(delta).min(last);
            }
        }
    }
}
