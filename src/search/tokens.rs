//! Words of text as search sees them: folded (see [`super::fold`]) and stemmed.
//!
//! A word is a run of letters and digits (apostrophes inside a word are dropped by folding,
//! so `O'Brien` is one word). Stems come from the Snowball stemmers of `rust-stemmers`:
//! Russian on the Cyrillic original (the stemmer needs Cyrillic, so it runs before
//! folding), English on the folded word otherwise. Both the index and the query go through
//! [`stem`], so `families`/`family` and `медицинская`/`медицинский` meet.

use super::fold::fold;
use rust_stemmers::{Algorithm, Stemmer};
use std::ops::Range;
use std::sync::LazyLock;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// True for the characters words are made of (apostrophes join, folding drops them).
/// ASCII and Cyrillic are answered without Unicode's tables, which cost more than the
/// rest of tokenising.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '\'';
    }
    is_cyrillic_char(c) || c.is_alphanumeric() || matches!(c, '\u{2019}' | '\u{02bc}')
}

fn is_cyrillic_char(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// The words of original (unfolded) text, with their byte ranges.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.peek().is_some_and(|&(_, c)| !is_word_char(c)) {
            rest.next();
        }
        let &(start, _) = rest.peek()?;
        let mut end = start;
        while let Some(&(at, c)) = rest.peek() {
            if !is_word_char(c) {
                break;
            }
            end = at + c.len_utf8();
            rest.next();
        }
        Some((start..end, &text[start..end]))
    })
    .filter(|(_, w)| w.chars().any(|c| c != '\'' && is_word_char(c)))
}

/// The words of folded (ASCII) text: runs of letters and digits.
pub(crate) fn folded_words(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    text.split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// True when a word has Cyrillic letters (and so is stemmed as Russian).
pub(crate) fn is_cyrillic(word: &str) -> bool {
    word.chars().any(is_cyrillic_char)
}

/// True when text may hold Cyrillic: it has a lead byte of the Cyrillic block (U+0400 to
/// U+04FF is encoded as 0xD0..=0xD3 and one more byte). A byte scan, for the index build.
pub(crate) fn may_have_cyrillic(text: &str) -> bool {
    text.bytes().any(|b| (0xD0..=0xD3).contains(&b))
}

/// The stem of a word, folded: Russian on the Cyrillic original, English on the folded
/// form. Words of fewer than three letters are their own stem.
pub(crate) fn stem(original: &str) -> String {
    if is_cyrillic(original) {
        let lower = original.to_lowercase().replace('ё', "е");
        fold(&RUSSIAN.stem(&lower))
    } else {
        stem_folded(&fold(original))
    }
}

/// The English stem of an already folded word.
pub(crate) fn stem_folded(folded: &str) -> String {
    if folded.len() < 3 || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return folded.to_string();
    }
    ENGLISH.stem(folded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_word_forms_meet() {
        for (a, b) in [
            ("families", "family"),
            ("shelters", "shelter"),
            ("incomes", "income"),
            ("evictions", "eviction"),
            ("Immigrants", "immigrant"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
        assert_ne!(stem("dental"), stem("mental"));
    }

    #[test]
    fn russian_word_forms_meet_after_folding() {
        for (a, b) in [
            ("медицинская", "медицинский"),
            ("медицинской", "медицинский"),
            ("жилья", "жильё"),
            ("возвращение", "возвращения"),
            ("лекарства", "лекарство"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
            assert!(stem(a).is_ascii());
        }
    }

    #[test]
    fn splits_original_text_into_words_with_ranges() {
        let text = "Буда-Кошелёво: O'Brien's 24/7 help";
        let found: Vec<&str> = words(text)
            .map(|(r, w)| {
                assert_eq!(&text[r], w);
                w
            })
            .collect();
        assert_eq!(
            found,
            vec!["Буда", "Кошелёво", "O'Brien's", "24", "7", "help"]
        );
        let folded: Vec<&[u8]> = folded_words(b"buda-koshelevo 24/7").collect();
        assert_eq!(folded, vec![&b"buda"[..], b"koshelevo", b"24", b"7"]);
    }
}
