//! The message ids of the schema's words as the directory shows them: one match per enum,
//! so that a new variant cannot compile without its id and the test below sees every id
//! (an id built with `format!` is invisible to the bundles' own check).

use crate::referral::{AgeBand, ConsentKind, ContactChannel, Priority, Status};

impl Priority {
    /// The form's word for the priority.
    pub(crate) fn choice_id(self) -> &'static str {
        match self {
            Priority::Routine => "choice-routine",
            Priority::Urgent => "choice-urgent",
            Priority::Emergency => "choice-emergency",
        }
    }
}

impl ConsentKind {
    /// The form's word for the consent.
    pub(crate) fn choice_id(self) -> &'static str {
        match self {
            ConsentKind::Verbal => "choice-verbal",
            ConsentKind::Written => "choice-written",
        }
    }
}

impl AgeBand {
    /// The form's word for the age band.
    pub(crate) fn choice_id(self) -> &'static str {
        match self {
            AgeBand::Child => "choice-child",
            AgeBand::Adult => "choice-adult",
            AgeBand::Older => "choice-older",
        }
    }
}

impl ContactChannel {
    /// The form's word for the contact channel.
    pub(crate) fn choice_id(self) -> &'static str {
        match self {
            ContactChannel::Phone => "choice-phone",
            ContactChannel::Sms => "choice-sms",
            ContactChannel::Whatsapp => "choice-whatsapp",
            ContactChannel::Viber => "choice-viber",
            ContactChannel::Telegram => "choice-telegram",
            ContactChannel::Email => "choice-email",
            ContactChannel::InPerson => "choice-in-person",
            ContactChannel::DoNotContact => "choice-do-not-contact",
        }
    }
}

impl Status {
    /// The outcome as a word inside a line (`(accepted)`).
    pub(crate) fn message_id(self) -> &'static str {
        match self {
            Status::Accepted => "status-accepted",
            Status::Attended => "status-attended",
            Status::DeclinedByService => "status-declined-by-service",
            Status::DeclinedByClient => "status-declined-by-client",
            Status::NoContact => "status-no-contact",
            Status::ReferredOn => "status-referred-on",
            Status::Closed => "status-closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::{PhoneKind, RegionLevel};
    use crate::i18n::Lang;
    use crate::referral::{AgeBand, ConsentKind, ContactChannel, Priority, Status};
    use crate::tui::FormField;
    use clap::ValueEnum;

    /// Every id made from a schema word, and every form label, has words in every language.
    #[test]
    fn every_schema_word_and_form_label_has_words() {
        let levels = [
            RegionLevel::Country,
            RegionLevel::Oblast,
            RegionLevel::City,
            RegionLevel::District,
        ];
        let mut ids: Vec<&str> = Priority::value_variants()
            .iter()
            .map(|v| v.choice_id())
            .chain(ConsentKind::value_variants().iter().map(|v| v.choice_id()))
            .chain(AgeBand::value_variants().iter().map(|v| v.choice_id()))
            .chain(
                ContactChannel::value_variants()
                    .iter()
                    .map(|v| v.choice_id()),
            )
            .chain(Status::ALL.iter().map(|s| s.message_id()))
            .chain(
                Status::ALL
                    .iter()
                    .map(|&s| crate::context::texts::status_label_id(s)),
            )
            .chain(PhoneKind::ALL.iter().map(|k| k.message_id()))
            .chain(levels.iter().map(|l| l.coverage_id()))
            .chain(FormField::ALL.iter().map(|f| f.label()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert!(ids.len() > 40, "{ids:?}");
        for lang in Lang::available() {
            for id in &ids {
                assert!(lang.has(id), "{lang}: no '{id}'");
            }
        }
    }
}
