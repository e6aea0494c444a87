//! Rules for what an operator types into a referral (on the command line or in the
//! composer): a case reference is a code, not free text that could carry terminal controls
//! or hidden direction marks into a note and the log; a client language is a real code.

/// A note reference as the log stores it: references are upper case, and an operator may
/// type one in any case, with spaces around it.
pub fn typed_note_ref(typed: &str) -> String {
    typed.trim().to_uppercase()
}

/// The character a case reference is refused for (a control, direction or invisible
/// one), or `None` when it is fine.
pub fn case_ref_problem(case_ref: &str) -> Option<char> {
    crate::text::first_unsafe_char(case_ref)
}

/// The client language `code` as it is stored: an ISO 639-1 or 639-3 code (lowercased), or
/// one of the catalogue's `languages` (as the catalogue writes it), compared without case.
/// `None` when it is neither (the caller says what is accepted).
pub fn client_language(code: &str, catalogue_languages: &[String]) -> Option<String> {
    let code = code.trim();
    if let Some(listed) = catalogue_languages
        .iter()
        .find(|l| l.eq_ignore_ascii_case(code))
    {
        return Some(listed.clone());
    }
    let lower = code.to_ascii_lowercase();
    let iso = match lower.len() {
        2 => isolang::Language::from_639_1(&lower).is_some(),
        3 => isolang::Language::from_639_3(&lower).is_some(),
        _ => false,
    };
    (iso && lower.is_ascii()).then_some(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_references_refuse_controls_and_direction_marks() {
        assert_eq!(case_ref_problem("C-0042/ab"), None);
        assert_eq!(case_ref_problem("Дело 7"), None);
        assert_eq!(case_ref_problem("C\u{202e}1"), Some('\u{202e}'));
        for bad in [
            "C\u{7f}1",
            "C\u{9b}1",
            "C\u{202e}1",
            "C\u{1b}[2J",
            "C\u{200b}1",
        ] {
            assert!(case_ref_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn client_languages_are_iso_codes_or_the_catalogues_own() {
        let listed = vec!["be-Latn".to_string()];
        assert_eq!(client_language("RU", &listed).unwrap(), "ru");
        assert_eq!(client_language("bel", &listed).unwrap(), "bel");
        assert_eq!(client_language("BE-LATN", &listed).unwrap(), "be-Latn");
        for bad in ["xx", "klingon", "r\u{202e}u", "", "zzz"] {
            assert_eq!(client_language(bad, &listed), None, "{bad:?}");
        }
    }
}
