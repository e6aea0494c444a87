//! The reasons a service matched, as values: `Hit::why` is their English, joined by `; `,
//! and a front end that speaks another language renders each one itself (the command line
//! through its message bundle), so no caller has to take the English apart again.

use super::WordMatch;
use std::fmt;

/// One reason a hit is in the list, or a mark it carries. Names are the catalogue's.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A query word and where it matched (`'dental' in name`).
    Word(WordMatch),
    /// The service covers the whole country.
    National,
    /// The service names no region.
    AreaNotStated,
    /// `serves REGION` or `serves REGION, inside PARENT`.
    Serves {
        region: String,
        inside: Option<String>,
    },
    /// `covers WIDER, which contains REGION` (a service of an enclosing region).
    Covers {
        region: String,
        contains: String,
    },
    /// `serves A, B, C and N more`.
    ServesMany {
        regions: Vec<String>,
        more: usize,
    },
    /// A place reason whose region was read from the query's words.
    FromQuery(Box<Reason>),
    OpenNow,
    /// Open at the `--open-at` moment (not now).
    OpenThen,
    HoursUnknown,
    TemporarilyClosed,
    Inactive,
    /// A live alert and its text (one line).
    Alert(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Word(word) => write!(f, "{word}"),
            Reason::National => f.write_str("national service"),
            Reason::AreaNotStated => f.write_str("service area not stated"),
            Reason::Serves {
                region,
                inside: Some(parent),
            } => write!(f, "serves {region}, inside {parent}"),
            Reason::Serves {
                region,
                inside: None,
            } => write!(f, "serves {region}"),
            Reason::Covers { region, contains } => {
                write!(f, "covers {region}, which contains {contains}")
            }
            Reason::ServesMany { regions, more: 0 } => write!(f, "serves {}", regions.join(", ")),
            Reason::ServesMany { regions, more } => {
                write!(f, "serves {} and {more} more", regions.join(", "))
            }
            Reason::FromQuery(place) => write!(f, "{place} (region from the query)"),
            Reason::OpenNow => f.write_str("open now"),
            Reason::OpenThen => f.write_str("open at that time"),
            Reason::HoursUnknown => f.write_str("hours unknown"),
            Reason::TemporarilyClosed => f.write_str("temporarily closed"),
            Reason::Inactive => f.write_str("inactive"),
            Reason::Alert(text) => write!(f, "alert: {text}"),
        }
    }
}

/// The English `why` of a list of reasons.
pub fn english(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
