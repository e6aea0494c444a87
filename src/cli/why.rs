//! `why` in the operator's language: each [`Reason`] of a hit through the message bundle.
//! English is the search's own text (`Hit::why`), so the two cannot drift apart; a test
//! holds the bundle's English to it.

use crate::i18n::{Lang, t};
use crate::search::{Field, Hit, Reason, WordMatch};
use crate::text::one_line;

/// The hit's `why` in `lang`, reasons joined by `; `.
pub fn render(lang: Lang, hit: &Hit) -> String {
    if lang.is_base() {
        return hit.why();
    }
    hit.reasons
        .iter()
        .map(|reason| reason_text(lang, reason))
        .collect::<Vec<_>>()
        .join("; ")
}

fn reason_text(lang: Lang, reason: &Reason) -> String {
    match reason {
        Reason::Word(word) => word_text(lang, word),
        Reason::National => t!(lang, "cli-why-national"),
        Reason::AreaNotStated => t!(lang, "cli-why-area-not-stated"),
        Reason::Serves {
            region,
            inside: None,
        } => t!(lang, "cli-why-serves", region = region.as_str()),
        Reason::Serves {
            region,
            inside: Some(parent),
        } => t!(
            lang,
            "cli-why-serves-inside",
            region = region.as_str(),
            parent = parent.as_str()
        ),
        Reason::Covers { region, contains } => t!(
            lang,
            "cli-why-covers",
            region = region.as_str(),
            contains = contains.as_str()
        ),
        Reason::ServesMany { regions, more } => t!(
            lang,
            "cli-why-serves-many",
            regions = regions.join(", "),
            more = *more
        ),
        Reason::FromQuery(place) => {
            t!(lang, "cli-why-from-query", place = reason_text(lang, place))
        }
        Reason::OpenNow => t!(lang, "cli-why-open-now"),
        Reason::OpenThen => t!(lang, "cli-why-open-then"),
        Reason::HoursUnknown => t!(lang, "cli-why-hours-unknown"),
        Reason::TemporarilyClosed => t!(lang, "cli-why-temporarily-closed"),
        Reason::Inactive => t!(lang, "cli-why-inactive"),
        Reason::Alert(text) => t!(lang, "cli-why-alert", text = text.as_str()),
    }
}

fn word_text(lang: Lang, word: &WordMatch) -> String {
    let field = field_name(lang, word.field);
    let (term, found) = (word.term.as_str(), one_line(&word.found_as));
    if word.typo {
        t!(
            lang,
            "cli-why-typo",
            term = term,
            found = found,
            field = field
        )
    } else if word.same_word {
        t!(lang, "cli-why-word", term = term, field = field)
    } else {
        t!(
            lang,
            "cli-why-word-as",
            term = term,
            found = found,
            field = field
        )
    }
}

/// The field as `why` names it: the catalogue's key in English, a word in other languages.
fn field_name(lang: Lang, field: Field) -> String {
    let id = match field {
        Field::Name => "cli-field-name",
        Field::Organisation => "cli-field-organisation",
        Field::Need => "cli-field-needs",
        Field::Region => "cli-field-regions",
        Field::Description => "cli-field-description",
        Field::Eligibility => "cli-field-eligibility",
        Field::HowToRefer => "cli-field-how-to-refer",
        Field::Populations => "cli-field-populations",
        Field::Languages => "cli-field-languages",
        Field::Contact => "cli-field-contacts",
        Field::Translation => "cli-field-translations",
        Field::Documents => "cli-field-documents",
    };
    lang.t(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(field: Field, typo: bool, same_word: bool) -> Reason {
        Reason::Word(WordMatch {
            term: "zhile".into(),
            field,
            item: 0,
            found_as: "zhilyo".into(),
            typo,
            same_word,
            synonym: false,
        })
    }

    fn every_reason() -> Vec<Reason> {
        let fields = [
            Field::Name,
            Field::Organisation,
            Field::Need,
            Field::Region,
            Field::Description,
            Field::Eligibility,
            Field::HowToRefer,
            Field::Populations,
            Field::Languages,
            Field::Contact,
            Field::Translation,
            Field::Documents,
        ];
        let mut reasons: Vec<Reason> = fields.iter().map(|&f| word(f, false, true)).collect();
        reasons.push(word(Field::Name, false, false));
        reasons.push(word(Field::Name, true, false));
        let serves = Reason::Serves {
            region: "Gomel".into(),
            inside: Some("Gomel Region".into()),
        };
        reasons.extend([
            Reason::National,
            Reason::AreaNotStated,
            serves.clone(),
            Reason::Serves {
                region: "Gomel Region".into(),
                inside: None,
            },
            Reason::Covers {
                region: "Gomel Region".into(),
                contains: "Gomel".into(),
            },
            Reason::ServesMany {
                regions: vec!["A".into(), "B".into(), "C".into()],
                more: 0,
            },
            Reason::ServesMany {
                regions: vec!["A".into(), "B".into(), "C".into()],
                more: 2,
            },
            Reason::FromQuery(Box::new(serves)),
            Reason::OpenNow,
            Reason::OpenThen,
            Reason::HoursUnknown,
            Reason::TemporarilyClosed,
            Reason::Inactive,
            Reason::Alert("Closed for repairs".into()),
        ]);
        reasons
    }

    /// The bundle's English is the search's English, word for word.
    #[test]
    fn the_english_bundle_says_what_the_search_says() {
        for reason in every_reason() {
            assert_eq!(reason_text(Lang::en(), &reason), reason.to_string());
        }
    }

    #[test]
    fn russian_has_no_english_reason_left() {
        let ru = Lang::find("ru").expect("a Russian bundle");
        for reason in every_reason() {
            let text = reason_text(ru, &reason);
            assert_ne!(text, reason.to_string());
            for english in ["serves", "national", "open", "hours", "alert", " in "] {
                assert!(!text.contains(english), "{text}");
            }
        }
        let more = Reason::ServesMany {
            regions: vec!["A".into()],
            more: 21,
        };
        assert_eq!(reason_text(ru, &more), "обслуживает A и ещё 21 регион");
    }
}
