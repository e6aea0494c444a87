//! Typo tolerance: the vocabulary's words within a few edits of a query word, found with a
//! deletion index (the SymSpell method) rather than a scan of the vocabulary.
//!
//! Two words are within `d` edits only if deleting at most `d` letters from each gives a
//! common string; so every word is stored under its deletions, a query word looks up its
//! own, and the few candidates are checked with the optimal-string-alignment distance
//! (Damerau–Levenshtein where a transposition of neighbours counts as one edit, which
//! fst's Levenshtein automata count as two). Built on the first query that needs it.

use foldhash::fast::FixedState;
use rayon::prelude::*;
use std::hash::BuildHasher;

/// The most edits any query word is allowed (words of 8 letters or more).
const MAX_EDITS: usize = 2;
/// Vocabulary words shorter than this are not typo targets.
const MIN_TARGET: usize = 3;
/// Nor are longer ones (ids, codes, run-together junk): a word of n letters has about n²/2
/// two-letter deletions, so a 1,000-letter "word" alone would take half a million.
const MAX_TARGET: usize = 24;

/// Deletion keys (hashed) and the words under them, sorted by key.
#[derive(Debug, Default)]
pub(crate) struct TypoIndex {
    keys: Vec<(u64, u32)>,
}

/// The edits a query word of this (folded) length may have: none below 4 letters, one
/// for 4 to 7, two for 8 or more.
pub(crate) fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn hash(bytes: &[u8]) -> u64 {
    FixedState::with_seed(0x7079).hash_one(bytes)
}

/// Every string made by deleting at most `edits` bytes of `word`, the word included.
fn deletions(word: &[u8], edits: usize, out: &mut Vec<Vec<u8>>) {
    out.push(word.to_vec());
    let mut frontier = vec![word.to_vec()];
    for _ in 0..edits {
        let mut next = Vec::with_capacity(frontier.len() * word.len());
        for w in &frontier {
            for i in 0..w.len() {
                let mut d = w.clone();
                d.remove(i);
                next.push(d);
            }
        }
        next.sort_unstable();
        next.dedup();
        out.extend(next.iter().cloned());
        frontier = next;
    }
}

impl TypoIndex {
    pub fn build(words: &[Box<str>]) -> TypoIndex {
        let mut keys: Vec<(u64, u32)> = words
            .par_iter()
            .enumerate()
            .filter(|(_, w)| {
                (MIN_TARGET..=MAX_TARGET).contains(&w.len())
                    && w.bytes().all(|b| b.is_ascii_lowercase())
            })
            .flat_map_iter(|(id, w)| {
                // A target may be reached by a query word with more letters, whose edits
                // are counted by its own length: words of 6 letters or more take two.
                let edits = if w.len() >= 6 { MAX_EDITS } else { 1 };
                let mut out = Vec::new();
                deletions(w.as_bytes(), edits, &mut out);
                out.into_iter().map(move |d| (hash(&d), id as u32))
            })
            .collect();
        keys.par_sort_unstable();
        keys.dedup();
        TypoIndex { keys }
    }

    /// The words within `edits` of `word`, with their distance, nearest first.
    pub fn lookup(&self, words: &[Box<str>], word: &str, edits: usize) -> Vec<(u32, usize)> {
        if edits == 0 || word.len() > MAX_TARGET + edits {
            return Vec::new();
        }
        let mut mine = Vec::new();
        deletions(word.as_bytes(), edits, &mut mine);
        let mut found: Vec<(u32, usize)> = Vec::new();
        for d in mine {
            let key = hash(&d);
            let start = self.keys.partition_point(|&(k, _)| k < key);
            for &(_, id) in self.keys[start..].iter().take_while(|&&(k, _)| k == key) {
                if found.iter().any(|&(f, _)| f == id) {
                    continue;
                }
                let distance = strsim::osa_distance(word, &words[id as usize]);
                if distance <= edits {
                    found.push((id, distance));
                }
            }
        }
        found.sort_by_key(|&(id, d)| (d, id));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vec<Box<str>> {
        let mut words: Vec<Box<str>> = [
            "shelter",
            "immigration",
            "violence",
            "detox",
            "family",
            "food",
            "methadone",
            "meals",
            "dental",
        ]
        .into_iter()
        .map(Into::into)
        .collect();
        words.sort();
        words
    }

    fn corrections(word: &str) -> Vec<String> {
        let words = vocabulary();
        let index = TypoIndex::build(&words);
        index
            .lookup(&words, word, allowed_edits(word.len()))
            .into_iter()
            .map(|(id, _)| words[id as usize].to_string())
            .collect()
    }

    #[test]
    fn each_typo_class_is_one_edit() {
        assert_eq!(corrections("sheltr"), vec!["shelter"]); // deletion
        assert_eq!(corrections("shellter"), vec!["shelter"]); // insertion
        assert_eq!(corrections("detax"), vec!["detox"]); // substitution
        assert_eq!(corrections("shleter"), vec!["shelter"]); // transposition
        assert_eq!(corrections("metadone"), vec!["methadone"]);
    }

    #[test]
    fn long_words_take_two_edits_and_short_words_none() {
        assert_eq!(corrections("immigartoin"), vec!["immigration"]); // two transpositions
        assert_eq!(corrections("violance"), vec!["violence"]);
        // 4 to 7 letters: one edit only.
        assert!(corrections("shlter").contains(&"shelter".to_string()));
        assert!(corrections("shltr").is_empty());
        // Below 4 letters: none (`fod` is not read as `food`).
        assert!(corrections("fod").is_empty());
        assert_eq!(allowed_edits(3), 0);
        assert_eq!(allowed_edits(4), 1);
        assert_eq!(allowed_edits(7), 1);
        assert_eq!(allowed_edits(8), 2);
    }

    #[test]
    fn very_long_words_are_left_out_rather_than_exploding() {
        let long: Box<str> = "a".repeat(2000).into();
        let words = vec![long.clone(), "shelter".into()];
        let index = TypoIndex::build(&words);
        assert!(index.lookup(&words, &long, 2).is_empty());
        assert!(index.keys.len() < 1000);
    }
}
