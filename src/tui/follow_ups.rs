//! The follow-up view's state (`f`): the referrals due for a follow-up, one row per
//! service still without a final outcome, and the outcome picker Enter opens on a row.
//!
//! The usual case takes two keys: Enter opens the picker on `attended`, Enter records it.
//! A letter records another status at once.

use crate::catalogue::{Catalogue, days_between};
use crate::referral::{Priority, Record, Status};
use jiff::civil::Date;

/// One due service of one referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub note_ref: String,
    pub service: String,
    /// The service's name in the catalogue (its id when the catalogue no longer has it).
    pub service_name: String,
    pub priority: Priority,
    pub follow_up: Date,
    /// Days past the follow-up date (0: due today).
    pub overdue: i64,
    /// The current outcome when it is not final (`accepted`, `no-contact`).
    pub status: Option<Status>,
}

impl DueItem {
    /// The rows of the due `records`: their services without a final outcome.
    pub fn from_records(records: &[Record], catalogue: &Catalogue, today: Date) -> Vec<DueItem> {
        let mut items = Vec::new();
        for record in records {
            for (service, latest) in record.current() {
                let status = latest.map(|o| o.status);
                if status.is_some_and(Status::is_final) {
                    continue;
                }
                let service_name = catalogue
                    .service_by_id(service)
                    .map(|s| crate::text::one_line(&catalogue.services[s].name))
                    .unwrap_or_else(|| crate::text::one_line(service));
                items.push(DueItem {
                    note_ref: record.note_ref.clone(),
                    service: service.to_string(),
                    service_name,
                    priority: record.priority,
                    follow_up: record.follow_up,
                    overdue: days_between(record.follow_up, today).max(0),
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
}

impl FollowUps {
    pub fn selected(&self) -> Option<&DueItem> {
        self.items.as_ref().and_then(|items| items.get(self.cursor))
    }

    /// Takes a fresh list; the cursor stays at its place (the row recorded goes, the next
    /// one moves up under it).
    pub fn load(&mut self, items: Vec<DueItem>) {
        self.cursor = self.cursor.min(items.len().saturating_sub(1));
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
