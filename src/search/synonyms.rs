//! Words an operator and a directory use for the same thing. A caller asks for "a lawyer";
//! the record says "legal services". A caller needs "a ride to the doctor"; the record is
//! filed as "medical transportation". Stems do not bridge such pairs, and a typo allowance
//! must not, so a small fixed thesaurus of the helpline's everyday words does: a query
//! word reaches its group's other words as well, at the [`super::relevance::Tier::Synonym`]
//! tier (0.6: below the word itself and its stem, so a record that says what the caller
//! said comes first in the same field; above a word it only begins and above typos).
//!
//! The groups are general social-service vocabulary in English and Russian, not the words
//! of any one directory or query set; a word belongs to one group at most, and each group
//! names one thing (so `shelter` and `housing`, or `food` and `meal`, which directories use
//! for different services, are not joined).

use super::tokens::stem;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Groups of interchangeable words, as typed (they are stemmed and folded once).
const GROUPS: &[&[&str]] = &[
    &[
        "lawyer",
        "attorney",
        "legal",
        "юрист",
        "адвокат",
        "юридический",
    ],
    &[
        "ride",
        "transportation",
        "transport",
        "транспорт",
        "перевозка",
    ],
    &[
        "doctor",
        "physician",
        "medical",
        "врач",
        "доктор",
        "медицинский",
    ],
    &["dentist", "dental", "стоматолог", "стоматологический"],
    &["job", "employment", "работа", "трудоустройство"],
    &[
        "counseling",
        "counselling",
        "therapy",
        "консультирование",
        "психотерапия",
    ],
    &["kid", "child", "ребенок", "детский"],
    &["elderly", "senior", "пожилой"],
    &[
        "interpreter",
        "interpretation",
        "translation",
        "переводчик",
        "перевод",
    ],
    &["immigrant", "migrant", "immigration", "мигрант", "миграция"],
    &["benefits", "allowance", "пособие", "выплаты"],
];

/// Per stem, the stems of the other words of its group.
static BY_STEM: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut by_stem: HashMap<String, Vec<String>> = HashMap::new();
    for group in GROUPS {
        let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
        for own in &stems {
            let others = by_stem.entry(own.clone()).or_default();
            for other in stems.iter().filter(|s| *s != own) {
                if !others.contains(other) {
                    others.push(other.clone());
                }
            }
        }
    }
    by_stem
});

/// The stems a query word's stem also reaches (none for most words).
pub(crate) fn of(word_stem: &str) -> &'static [String] {
    BY_STEM.get(word_stem).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reaches(word: &str, other: &str) -> bool {
        of(&stem(word)).contains(&stem(other))
    }

    #[test]
    fn a_word_reaches_its_groups_other_words_in_any_form_and_script() {
        assert!(reaches("lawyers", "legal"));
        assert!(reaches("legal", "attorney"));
        assert!(reaches("адвокат", "юридическая"));
        assert!(reaches("ride", "transportation"));
        assert!(reaches("dentist", "dental"));
        assert!(
            !reaches("lawyer", "lawyer"),
            "a word is not its own synonym"
        );
        assert!(of(&stem("shelter")).is_empty(), "most words have none");
    }

    /// One group a word: two groups sharing a stem would join unrelated words.
    #[test]
    fn no_stem_is_in_two_groups() {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, group) in GROUPS.iter().enumerate() {
            for word in *group {
                if let Some(other) = seen.insert(stem(word), i) {
                    assert_eq!(other, i, "'{word}' is in groups {other} and {i}");
                }
            }
        }
    }
}
