//! The word-prefix index over long free text: which services have a word starting with a
//! given prefix, without scanning every description.

use foldhash::HashMap;
use foldhash::HashMapExt;
use rayon::prelude::*;

/// Sorted vocabulary of the folded words of every service's long text, each with the
/// sorted list of services that use it.
#[derive(Debug, Default)]
pub(crate) struct WordIndex {
    words: Vec<Box<str>>,
    postings: Vec<Vec<u32>>,
}

/// Services per chunk when building on several cores.
const CHUNK: usize = 4096;

impl WordIndex {
    /// Builds from each service's long folded text, in service order.
    pub fn build<'a>(texts: &[&'a str]) -> WordIndex {
        let partial: Vec<HashMap<&'a [u8], Vec<u32>>> = texts
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(chunk, texts)| {
                let mut map: HashMap<&'a [u8], Vec<u32>> = HashMap::new();
                for (offset, text) in texts.iter().enumerate() {
                    let service = (chunk * CHUNK + offset) as u32;
                    for word in words(text) {
                        let list = map.entry(word).or_default();
                        if list.last() != Some(&service) {
                            list.push(service);
                        }
                    }
                }
                map
            })
            .collect();
        let mut merged: HashMap<&'a [u8], Vec<u32>> = HashMap::new();
        // Chunks come in service order, so appending keeps every list sorted.
        for map in partial {
            for (word, list) in map {
                merged.entry(word).or_default().extend(list);
            }
        }
        let mut entries: Vec<(&[u8], Vec<u32>)> = merged.into_iter().collect();
        entries.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let (words, postings) = entries
            .into_iter()
            .map(|(word, list)| (String::from_utf8_lossy(word).into(), list))
            .unzip();
        WordIndex { words, postings }
    }

    /// How many (word, service) pairs the prefix covers: what a bit set for it costs.
    pub fn postings_with_prefix(&self, prefix: &str) -> usize {
        self.postings[self.prefix_range(prefix)]
            .iter()
            .map(Vec::len)
            .sum()
    }

    /// The vocabulary entries that start with `prefix` (they sort together).
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.words.partition_point(|w| w.as_ref() < prefix);
        let len = self.words[start..]
            .iter()
            .take_while(|w| w.starts_with(prefix))
            .count();
        start..start + len
    }

    /// A bit set of the services with a word starting with `prefix` (a single word of
    /// ASCII letters and digits), sized for `services`.
    pub fn services_with_prefix(&self, prefix: &str, services: usize) -> Vec<u64> {
        let mut bits = vec![0u64; services.div_ceil(64)];
        for list in &self.postings[self.prefix_range(prefix)] {
            for &s in list {
                if let Some(slot) = bits.get_mut(s as usize / 64) {
                    *slot |= 1 << (s % 64);
                }
            }
        }
        bits
    }
}

/// True when `prefix` can be looked up in the index: one word, letters and digits only.
pub(crate) fn is_single_word(prefix: &str) -> bool {
    !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Tests bit `i` of a bit set.
pub(crate) fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64)
        .is_some_and(|slot| slot & (1 << (i % 64)) != 0)
}

/// The words of folded text: runs of ASCII letters and digits (as bytes: folded text is
/// ASCII, and splitting bytes is much cheaper than decoding chars).
fn words(text: &str) -> impl Iterator<Item = &[u8]> {
    text.as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_services_by_word_prefix() {
        let index = WordIndex::build(&["night shelter", "bushes", "shelf life", "she"]);
        let bits = index.services_with_prefix("she", 4);
        let found: Vec<usize> = (0..4).filter(|&i| has_bit(&bits, i)).collect();
        assert_eq!(found, vec![0, 2, 3]);
        assert!(is_single_word("she1"));
        assert!(!is_single_word("buda-k"));
    }
}
