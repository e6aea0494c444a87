//! The referral draft: every field of the note, as the operator fills it in.
//!
//! The draft is plain data so that the CLI (from flags) and the TUI composer (from a form)
//! build the same thing, and so that it can be saved to disk and offered again after a
//! dropped link. Services, needs and the region are kept as catalogue ids, not indices,
//! because a saved draft must survive a catalogue reload.

use super::{AgeBand, ConsentKind, ContactChannel, Priority};
use crate::catalogue::Catalogue;
use crate::config::Config;
use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The reason printed when an emergency note goes without consent and none was given.
pub const DEFAULT_OVERRIDE_REASON: &str = "emergency";

/// What the client code field holds when the caller has none (or will not give one): the
/// note then says so, and it is never stored as a case reference.
pub const NO_CASE_REF: &str = "none";

/// Said (CLI stderr, composer) when neither an operator name nor an organisation is
/// configured; a login name does not count, since the receiver cannot call it back.
pub const REFERRER_WARNING: &str = "no operator name or organisation is configured: the note \
says \"Referred by: not recorded\"; set them with `pathways config init`";

/// The note reference a draft carries until the note is delivered: the reference and time
/// are stamped when the note goes, not when the form opens.
pub const PENDING_NOTE_REF: &str = "PW-(assigned when sent)";

/// Everything a referral note says. Text fields are `String` (empty = not given) so a form
/// can edit them in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The note reference (see `referral::note_ref`); never contains client data.
    pub note_ref: String,
    /// The date of the note.
    pub date: Date,
    /// Service ids, in the order the operator chose them.
    pub services: Vec<String>,
    /// Referring organisation (from config).
    pub organisation: String,
    /// Operator (from config).
    pub operator: String,
    pub priority: Priority,
    /// Need ids: the active need filters, else the chosen services' needs.
    pub needs: Vec<String>,
    /// Region id, from the region filter.
    pub region: Option<String>,
    /// A short reason for the referral.
    pub reason: String,
    /// A client code, never a name.
    pub case_ref: String,
    pub age_band: Option<AgeBand>,
    pub minor: bool,
    /// Language codes the client speaks.
    pub client_languages: Vec<String>,
    pub interpreter: bool,
    pub contact_channel: Option<ContactChannel>,
    /// How consent was given; `None` means it was not obtained.
    pub consent: Option<ConsentKind>,
    /// When consent was given (today by default).
    pub consent_date: Date,
    /// Why an emergency note goes without consent; empty means [`DEFAULT_OVERRIDE_REASON`].
    pub override_reason: String,
    /// The follow-up date when the operator set one; otherwise it follows the priority.
    pub follow_up: Option<Date>,
}

/// What keeps a draft from becoming a note. Data, not a crash: the TUI shows it inline
/// next to the field, the CLI turns it into a message with the flag to use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// No service chosen.
    #[error("no service chosen")]
    NoServices,
    /// Consent not recorded and the priority is not emergency.
    #[error(
        "no consent recorded: record verbal or written consent, or set the priority to \
         emergency and give the override reason"
    )]
    NoConsent,
    /// The consent date lies after the note's date.
    #[error("the consent date is after the date of the note")]
    ConsentInFuture,
    /// The follow-up date lies before the note's date.
    #[error("the follow-up date is before the date of the note")]
    FollowUpInPast,
    /// The age band says adult (or older) and the client is marked a minor.
    #[error("the age band says adult but the client is marked a minor")]
    AgeContradiction,
    /// The follow-up the priority gives would fall after 9999-12-31.
    #[error("the follow-up date would fall after 9999-12-31, the last date there is")]
    FollowUpPastCalendar,
}

/// The draft fields a [`Problem`] is about, so a form can put the message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Services,
    Consent,
    ConsentDate,
    FollowUp,
    AgeBand,
}

impl Problem {
    pub fn field(&self) -> Field {
        match self {
            Problem::NoServices => Field::Services,
            Problem::NoConsent => Field::Consent,
            Problem::ConsentInFuture => Field::ConsentDate,
            Problem::FollowUpInPast | Problem::FollowUpPastCalendar => Field::FollowUp,
            Problem::AgeContradiction => Field::AgeBand,
        }
    }
}

impl Priority {
    /// How soon the receiving service should act, in days: the inter-agency form's
    /// 24 hours, 72 hours and two weeks. The default follow-up date is this far ahead.
    pub fn days(self) -> i32 {
        match self {
            Priority::Emergency => 1,
            Priority::Urgent => 3,
            Priority::Routine => 14,
        }
    }

    /// The schema word (`routine`, `urgent`, `emergency`).
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Routine => "routine",
            Priority::Urgent => "urgent",
            Priority::Emergency => "emergency",
        }
    }
}

impl Draft {
    /// A new draft for `services`, dated `today`, with the referring organisation and operator
    /// from the config and consent not yet recorded.
    pub fn new(services: Vec<String>, today: Date, note_ref: String, config: &Config) -> Draft {
        Draft {
            note_ref,
            date: today,
            services,
            organisation: config.organisation.clone().unwrap_or_default(),
            operator: config.operator.clone().unwrap_or_default(),
            priority: Priority::Routine,
            needs: Vec::new(),
            region: None,
            reason: String::new(),
            case_ref: String::new(),
            age_band: None,
            minor: false,
            client_languages: Vec::new(),
            interpreter: false,
            contact_channel: None,
            consent: None,
            consent_date: today,
            override_reason: String::new(),
            follow_up: None,
        }
    }

    /// Fills `needs` from the active need filters, else from the chosen services' needs
    /// (each once, in order), as the issue asks.
    pub fn prefill_needs(&mut self, catalogue: &Catalogue, active_filters: &[String]) {
        if !active_filters.is_empty() {
            self.needs = active_filters.to_vec();
            return;
        }
        let mut needs: Vec<String> = Vec::new();
        for id in &self.services {
            let Some(service) = catalogue.service_by_id(id) else {
                continue;
            };
            for &need in &catalogue.services[service].needs {
                let need_id = &catalogue.needs[need].id;
                if !needs.contains(need_id) {
                    needs.push(need_id.clone());
                }
            }
        }
        self.needs = needs;
    }

    /// The follow-up date: the one set by hand, else the note date plus the priority's days.
    pub fn follow_up_date(&self) -> Date {
        self.follow_up.unwrap_or_else(|| {
            self.date
                .checked_add(self.priority.days().days())
                .unwrap_or(self.date)
        })
    }

    /// The override reason to print, with the default filled in.
    pub fn override_reason_text(&self) -> &str {
        match self.override_reason.trim() {
            "" => DEFAULT_OVERRIDE_REASON,
            reason => reason,
        }
    }

    /// The client code, when there is one: empty and `none` are not codes.
    pub fn case_ref_given(&self) -> Option<&str> {
        match self.case_ref.trim() {
            "" => None,
            code if code.eq_ignore_ascii_case(NO_CASE_REF) => None,
            code => Some(code),
        }
    }

    /// True when no referring organisation and no operator name is recorded: the note then
    /// says "Referred by: not recorded", and the CLI and the composer warn.
    pub fn referrer_unknown(&self) -> bool {
        self.organisation.trim().is_empty() && self.operator.trim().is_empty()
    }

    /// True when the note goes without consent under the emergency override.
    pub fn consent_overridden(&self) -> bool {
        self.consent.is_none() && self.priority == Priority::Emergency
    }

    /// The first problem that keeps this draft from becoming a note, if any.
    pub fn validate(&self) -> Result<(), Problem> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Every problem at once, for a form that marks each field.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.services.is_empty() {
            problems.push(Problem::NoServices);
        }
        if self.consent.is_none() && self.priority != Priority::Emergency {
            problems.push(Problem::NoConsent);
        }
        if self.consent.is_some() && self.consent_date > self.date {
            problems.push(Problem::ConsentInFuture);
        }
        if self.follow_up.is_some_and(|d| d < self.date) {
            problems.push(Problem::FollowUpInPast);
        }
        if self.minor && matches!(self.age_band, Some(AgeBand::Adult | AgeBand::Older)) {
            problems.push(Problem::AgeContradiction);
        }
        if self.follow_up.is_none() && self.date.checked_add(self.priority.days().days()).is_err() {
            problems.push(Problem::FollowUpPastCalendar);
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn draft() -> Draft {
        Draft::new(
            vec!["iom-avrr".into()],
            date(2026, 11, 23),
            "PW-TEST".into(),
            &Config::default(),
        )
    }

    #[test]
    fn consent_is_required_unless_emergency() {
        let mut d = draft();
        assert_eq!(d.validate(), Err(Problem::NoConsent));
        assert_eq!(Problem::NoConsent.field(), Field::Consent);
        d.priority = Priority::Urgent;
        assert_eq!(d.validate(), Err(Problem::NoConsent));
        d.priority = Priority::Emergency;
        assert_eq!(d.validate(), Ok(()));
        assert!(d.consent_overridden());
        assert_eq!(d.override_reason_text(), "emergency");
        d.override_reason = "client unconscious".into();
        assert_eq!(d.override_reason_text(), "client unconscious");
        d.priority = Priority::Routine;
        d.consent = Some(ConsentKind::Verbal);
        assert_eq!(d.validate(), Ok(()));
        assert!(!d.consent_overridden());
    }

    #[test]
    fn an_adult_minor_is_a_problem_and_none_is_no_client_code() {
        let mut d = draft();
        d.consent = Some(ConsentKind::Verbal);
        d.minor = true;
        d.age_band = Some(AgeBand::Child);
        assert_eq!(d.validate(), Ok(()));
        for band in [AgeBand::Adult, AgeBand::Older] {
            d.age_band = Some(band);
            assert_eq!(d.validate(), Err(Problem::AgeContradiction));
        }
        assert_eq!(Problem::AgeContradiction.field(), Field::AgeBand);
        for (code, given) in [("", None), (" None ", None), ("C-1", Some("C-1"))] {
            d.case_ref = code.into();
            assert_eq!(d.case_ref_given(), given, "{code:?}");
        }
        assert!(d.referrer_unknown());
        d.operator = "Olga".into();
        assert!(!d.referrer_unknown());
    }

    #[test]
    fn follow_up_follows_the_priority_unless_set() {
        let mut d = draft();
        assert_eq!(d.follow_up_date(), date(2026, 12, 7));
        d.priority = Priority::Urgent;
        assert_eq!(d.follow_up_date(), date(2026, 11, 26));
        d.priority = Priority::Emergency;
        assert_eq!(d.follow_up_date(), date(2026, 11, 24));
        d.follow_up = Some(date(2026, 12, 1));
        assert_eq!(d.follow_up_date(), date(2026, 12, 1));
    }

    #[test]
    fn dates_out_of_order_are_problems() {
        let mut d = draft();
        d.consent = Some(ConsentKind::Written);
        d.consent_date = date(2026, 11, 24);
        d.follow_up = Some(date(2026, 11, 1));
        assert_eq!(
            d.problems(),
            vec![Problem::ConsentInFuture, Problem::FollowUpInPast]
        );
        d.services.clear();
        assert_eq!(d.validate(), Err(Problem::NoServices));
    }

    #[test]
    fn needs_come_from_filters_else_from_services() {
        let catalogue = crate::catalogue::load_embedded().unwrap();
        let mut d = draft();
        d.services = vec!["iom-employment".into(), "iom-avrr".into()];
        d.prefill_needs(&catalogue, &[]);
        assert_eq!(d.needs, vec!["employment", "vocational-training", "avrr"]);
        d.prefill_needs(&catalogue, &["shelter".to_string()]);
        assert_eq!(d.needs, vec!["shelter"]);
    }

    #[test]
    fn round_trips_through_json() {
        let mut d = draft();
        d.age_band = Some(AgeBand::Older);
        d.contact_channel = Some(ContactChannel::DoNotContact);
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains("\"do-not-contact\""), "{json}");
        assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), d);
    }
}
