//! What became of a referral, per service: the closed loop. An outcome is a status from a
//! fixed list, a reason from a fixed list, and a date. Never free text: nothing said about
//! a client is stored.

use clap::ValueEnum;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where a referral to one service stands. The serialized names are the CLI words, the
/// history JSON's and the database's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Accepted,
    Attended,
    DeclinedByService,
    DeclinedByClient,
    NoContact,
    ReferredOn,
    Closed,
}

impl Status {
    /// Every status, in the order of the statistics columns.
    pub const ALL: [Status; 7] = [
        Status::Accepted,
        Status::Attended,
        Status::DeclinedByService,
        Status::DeclinedByClient,
        Status::NoContact,
        Status::ReferredOn,
        Status::Closed,
    ];

    /// The CLI and database word (`declined-by-service`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Attended => "attended",
            Status::DeclinedByService => "declined-by-service",
            Status::DeclinedByClient => "declined-by-client",
            Status::NoContact => "no-contact",
            Status::ReferredOn => "referred-on",
            Status::Closed => "closed",
        }
    }

    pub fn parse(word: &str) -> Option<Status> {
        super::from_word(word)
    }

    /// The CSV column name (`declined_by_service`).
    pub fn column(self) -> String {
        self.as_str().replace('-', "_")
    }

    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Accepted => "Accepted",
            Status::Attended => "Attended",
            Status::DeclinedByService => "Declined by the service",
            Status::DeclinedByClient => "Declined by the client",
            Status::NoContact => "No contact",
            Status::ReferredOn => "Referred on",
            Status::Closed => "Closed",
        }
    }

    /// A final outcome closes the follow-up for that service; `accepted` and `no-contact`
    /// still need one.
    pub fn is_final(self) -> bool {
        !matches!(self, Status::Accepted | Status::NoContact)
    }

    /// Its position in [`Status::ALL`].
    pub fn index(self) -> usize {
        Status::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }
}

/// Why, as one code from a fixed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    NoCapacity,
    NotEligible,
    NoAnswer,
    ClientWithdrew,
    MovedAway,
    Duplicate,
    Other,
}

impl Reason {
    pub const ALL: [Reason; 7] = [
        Reason::NoCapacity,
        Reason::NotEligible,
        Reason::NoAnswer,
        Reason::ClientWithdrew,
        Reason::MovedAway,
        Reason::Duplicate,
        Reason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoCapacity => "no-capacity",
            Reason::NotEligible => "not-eligible",
            Reason::NoAnswer => "no-answer",
            Reason::ClientWithdrew => "client-withdrew",
            Reason::MovedAway => "moved-away",
            Reason::Duplicate => "duplicate",
            Reason::Other => "other",
        }
    }

    pub fn parse(word: &str) -> Option<Reason> {
        super::from_word(word)
    }
}

/// One outcome as the history JSON shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub service: String,
    pub status: Status,
    pub reason: Option<Reason>,
    pub date: Date,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_match_serde() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        for reason in Reason::ALL {
            assert_eq!(Reason::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(Status::DeclinedByService.column(), "declined_by_service");
        assert!(!Status::Accepted.is_final() && Status::ReferredOn.is_final());
    }
}
