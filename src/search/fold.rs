//! Text folding: one lower-case ASCII form for Latin and Cyrillic spellings alike.
//!
//! Folding happens before any matching because fuzzy-matcher 0.3.7 folds case for ASCII
//! only (on raw Cyrillic it misses matches) and reports char indices, not byte indices.
//! On folded ASCII text a char index is a byte index; [`FoldMap`] takes such an index back
//! to the original (unfolded) string, so a view can highlight `Гомель` for `gomel`.

use std::ops::Range;

/// Folds text for matching: lower case, no diacritics, Cyrillic transliterated to Latin by
/// deunicode. `ё` becomes `е` first (as most Russian writing does), and `ь`, `ъ` and
/// apostrophes are dropped, so the spellings operators type (`Koshelevo`, `zhile`) meet
/// `Кошелёво` and `жильё`. The result is always ASCII.
pub fn fold(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    fold_into(text, &mut out);
    ascii_string(out)
}

/// Appends the folded form of `text` to `out` (ASCII bytes only): the index folds many
/// fields into one buffer without a string for each.
pub(crate) fn fold_into(text: &str, out: &mut Vec<u8>) {
    let mut rest = text;
    while !rest.is_empty() {
        // Runs of ASCII (most Latin text) go through a byte loop; other chars one by one.
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        out.extend(
            rest.as_bytes()[..ascii]
                .iter()
                .filter(|&&b| !is_apostrophe(b as char))
                .map(u8::to_ascii_lowercase),
        );
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            fold_char(c, out);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// Folded bytes as a string: they are ASCII by construction.
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Appends the folded form of one character (ASCII bytes only).
fn fold_char(c: char, out: &mut Vec<u8>) {
    if c.is_ascii() {
        if !is_apostrophe(c) {
            out.push(c.to_ascii_lowercase() as u8);
        }
        return;
    }
    match c {
        'ё' | 'Ё' => out.push(b'e'),
        'ь' | 'Ь' | 'ъ' | 'Ъ' => {}
        c if is_apostrophe(c) => {}
        c => {
            if let Some(ascii) = deunicode::deunicode_char(c) {
                out.extend(
                    ascii
                        .bytes()
                        .filter(|&a| a.is_ascii() && !is_apostrophe(a as char))
                        .map(|a| a.to_ascii_lowercase()),
                );
            }
        }
    }
}

/// Apostrophes of every kind: deunicode writes `'` for the soft sign, and Belarusian and
/// Ukrainian names use the apostrophe where Russian has `ъ`.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{02b9}'
    )
}

/// A folded string with, for each of its bytes, the byte offset of the original character
/// it came from.
#[derive(Debug, Clone)]
pub struct FoldMap<'a> {
    original: &'a str,
    pub folded: String,
    origin: Vec<u32>,
}

impl<'a> FoldMap<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut folded = Vec::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (start, c) in original.char_indices() {
            fold_char(c, &mut folded);
            origin.resize(folded.len(), start as u32);
        }
        FoldMap {
            original,
            folded: ascii_string(folded),
            origin,
        }
    }

    /// Byte ranges of `original` for these folded byte positions: on char boundaries,
    /// sorted, merged where they touch.
    pub fn original_ranges(
        &self,
        folded_positions: impl IntoIterator<Item = usize>,
    ) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = folded_positions
            .into_iter()
            .filter_map(|p| self.origin.get(p))
            .map(|&start| {
                let start = start as usize;
                let len = self.original[start..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                start..start + len
            })
            .collect();
        merge_ranges(&mut ranges);
        self.bridge_silent_gaps(ranges)
    }

    /// Stretches ranges over the characters that fold to nothing (`ь`, `ъ`, apostrophes)
    /// right after them, joining ranges they separate, so `жильё` and `Гомель` light up
    /// whole for `zhile` and `gomel`.
    fn bridge_silent_gaps(&self, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for mut range in ranges {
            let silent: usize = self.original[range.end..]
                .chars()
                .take_while(|&c| fold(c.encode_utf8(&mut [0; 4])).is_empty())
                .map(char::len_utf8)
                .sum();
            range.end += silent;
            match out.last_mut() {
                Some(last) if fold(&self.original[last.end..range.start]).is_empty() => {
                    last.end = range.end;
                }
                _ => out.push(range),
            }
        }
        out
    }

    /// Like [`FoldMap::original_ranges`], for folded byte ranges.
    pub fn original_spans(&self, spans: &[Range<usize>]) -> Vec<Range<usize>> {
        self.original_ranges(spans.iter().flat_map(|r| r.clone()))
    }
}

/// Sorts ranges and merges the ones that overlap or touch.
pub fn merge_ranges(ranges: &mut Vec<Range<usize>>) {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges.drain(..) {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    *ranges = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_latin_and_cyrillic_spellings_together() {
        let pairs = [
            ("гомель", "gomel"),
            ("Гомель", "gomel"),
            ("Gomel", "gomel"),
            ("жильё", "zhile"),
            ("жилье", "zhile"),
            ("Кошелёво", "koshelevo"),
            ("Буда-Кошелёво", "buda-koshelevo"),
            ("Buda-Kašalioŭ", "buda-kasaliou"),
            ("объявление", "obiavlenie"),
            ("O’Brien's", "obriens"),
        ];
        for (input, expected) in pairs {
            assert_eq!(fold(input), expected, "{input}");
            assert!(fold(input).is_ascii());
        }
    }

    #[test]
    fn maps_folded_positions_back_to_original_bytes() {
        let map = FoldMap::new("Город Гомель");
        let at = map.folded.find("gomel").unwrap();
        let ranges = map.original_ranges(at..at + 5);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&"Город Гомель"[ranges[0].clone()], "Гомель");
        // One Cyrillic letter folds to two ASCII bytes: both map to it.
        let map = FoldMap::new("жук");
        assert_eq!(map.folded, "zhuk");
        assert_eq!(map.original_ranges([0, 1]), vec![0..2]);
        assert_eq!(map.original_ranges([1]), vec![0..2]);
        // The soft sign folds to nothing; the highlight goes across it.
        let map = FoldMap::new("с жильём");
        let at = map.folded.find("zhile").unwrap();
        let ranges = map.original_ranges(at..at + 5);
        assert_eq!(&"с жильём"[ranges[0].clone()], "жильё");
    }
}
