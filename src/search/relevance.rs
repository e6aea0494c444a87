//! Word relevance: how well each service answers the plain words of a query.
//!
//! The model is BM25F. For each query word, the vocabulary words it reaches are found in
//! tiers — the word itself, words of the same stem, words it is a prefix of; only when none
//! of these exists anywhere, words within a typo's reach (then, last, a scattered-letter
//! match in short names); and always the words of its thesaurus group (`legal` for
//! `lawyer`, see `synonyms`), ranked below the word and its stem, above prefixes and
//! typos. Each occurrence in a field counts its tier's factor times the field's weight, divided by the field's length relative to the average (short fields are
//! not drowned by long descriptions). The sum saturates (`k1`), and rare words weigh more
//! than common ones (`idf`). Needs count with the names and synonyms of their ancestors;
//! needs, organisations, contacts and regions are scored once per record.
//!
//! A word no service mentions in any tier is dropped (the caller says so); services are
//! kept when they match at least one word, and the number they match is the first text
//! criterion of the total order (see `rank`).

use super::fold::fold;
use super::index::Index;
use super::matching::compact_subsequence;
use super::tokens::{stem, words};
use super::typo::allowed_edits;
use super::vocab::{SERVICE_FIELDS, TABLES, Table, unpack};
use rayon::prelude::*;

/// Weights of a service's own fields (see [`super::vocab::SField`] for the order): name,
/// translated name, populations, description, eligibility, how to refer, documents,
/// translated texts.
const FIELD_WEIGHTS: [f32; SERVICE_FIELDS] = [3.0, 2.0, 1.5, 1.0, 0.8, 0.5, 0.5, 0.6];
/// How much a field's length counts (0: not at all, 1: fully).
const LENGTH_NORM: [f32; SERVICE_FIELDS] = [0.5, 0.5, 0.3, 0.75, 0.75, 0.75, 0.75, 0.75];
/// Weights of the shared tables: needs (names and synonyms), organisation, contacts (name
/// and role), regions.
const TABLE_WEIGHTS: [f32; TABLES] = [2.0, 1.5, 0.5, 0.5];
/// A need's ancestors count a little less than the need itself.
const ANCESTOR: f32 = 0.75;
/// Term-frequency saturation.
const K1: f32 = 1.2;

/// How a query word reached a word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Exact,
    Stem,
    Prefix,
    /// A word of the same thesaurus group (`legal` for `lawyer`): see [`super::synonyms`].
    Synonym,
    Typo,
    /// Scattered letters in a short name: the last resort.
    Subsequence,
}

impl Tier {
    fn factor(self, edits: usize) -> f32 {
        match self {
            Tier::Exact => 1.0,
            Tier::Stem => 0.9,
            Tier::Prefix => 0.5,
            Tier::Synonym => 0.6,
            Tier::Typo if edits <= 1 => 0.45,
            Tier::Typo => 0.35,
            Tier::Subsequence => 0.2,
        }
    }
}

/// One plain word of the query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QueryWord {
    /// As typed.
    pub original: String,
    pub folded: String,
    pub stem: String,
}

/// The plain words of query text (operator terms left out), split as the index splits.
pub(crate) fn query_words(texts: &[&str]) -> Vec<QueryWord> {
    texts
        .iter()
        .flat_map(|t| words(t))
        .map(|(_, w)| QueryWord {
            original: w.to_string(),
            folded: fold(w),
            stem: stem(w),
        })
        .filter(|w| !w.folded.is_empty())
        .collect()
}

/// What one query word reached.
#[derive(Debug, Clone)]
pub(crate) struct WordScores {
    pub word: QueryWord,
    /// Vocabulary words reached, each with its tier and edits (typos).
    pub variants: Vec<(u32, Tier, usize)>,
    /// True when only scattered letters in names matched.
    pub subsequence: bool,
    /// Per service, the word's BM25F score (0: no match).
    pub scores: Vec<f32>,
    /// How many services match it.
    pub services: usize,
}

impl WordScores {
    /// True when no service mentions the word.
    pub fn is_missing(&self) -> bool {
        self.services == 0
    }

    pub fn tier_of(&self, vocabulary_word: u32) -> Option<(Tier, usize)> {
        self.variants
            .iter()
            .find(|&&(w, _, _)| w == vocabulary_word)
            .map(|&(_, t, e)| (t, e))
    }
}

/// Scores every word of the query over every service.
pub(crate) fn score_words(index: &Index, words: &[QueryWord]) -> Vec<WordScores> {
    words.iter().map(|w| score_word(index, w)).collect()
}

/// The vocabulary words a query word reaches, best tier first, each once.
fn variants(index: &Index, word: &QueryWord) -> Vec<(u32, Tier, usize)> {
    let vocab = &index.vocabulary;
    let mut found: Vec<(u32, Tier, usize)> = Vec::new();
    fn add(found: &mut Vec<(u32, Tier, usize)>, id: u32, tier: Tier, edits: usize) {
        if !found.iter().any(|&(w, _, _)| w == id) {
            found.push((id, tier, edits));
        }
    }
    if let Some(id) = vocab.find(&word.folded) {
        add(&mut found, id, Tier::Exact, 0);
    }
    for &id in vocab.with_stem(&word.stem) {
        add(&mut found, id, Tier::Stem, 0);
    }
    for id in vocab.with_prefix(&word.folded) {
        add(&mut found, id, Tier::Prefix, 0);
    }
    if found.is_empty() {
        // The allowance is the typed word's; its stem is tried too (`detoks` is two edits
        // from `detox`, its stem `detok` one).
        let edits = allowed_edits(word.folded.len());
        for (id, distance) in vocab.within_edits(&word.folded, edits) {
            add(&mut found, id, Tier::Typo, distance);
        }
        if found.is_empty() && word.stem != word.folded {
            for (id, distance) in vocab.within_edits(&word.stem, edits) {
                add(&mut found, id, Tier::Typo, distance);
            }
        }
    }
    // After the typo step, which runs only when the word itself reached nothing: a
    // synonym is another word, not evidence that this one was typed right.
    for synonym in super::synonyms::of(&word.stem) {
        for &id in vocab.with_stem(synonym) {
            add(&mut found, id, Tier::Synonym, 0);
        }
    }
    found
}

fn score_word(index: &Index, word: &QueryWord) -> WordScores {
    let vocab = &index.vocabulary;
    let n = index.len();
    let variants = variants(index, word);
    let mut acc = vec![0f32; n];
    let mut records: [Vec<f32>; TABLES] = [
        vec![0.0; index.catalogue.needs.len()],
        vec![0.0; index.catalogue.organisations.len()],
        vec![0.0; index.catalogue.contacts.len()],
        vec![0.0; index.catalogue.regions.len()],
    ];
    let mut any_record = false;
    for &(id, tier, edits) in &variants {
        let factor = tier.factor(edits);
        for &posting in vocab.postings(id) {
            let (service, field, tf) = unpack(posting);
            let len = vocab.lengths[service][field] as f32;
            let b = LENGTH_NORM[field];
            let norm = 1.0 - b + b * len / vocab.avg_lengths[field];
            acc[service] += factor * FIELD_WEIGHTS[field] * tf as f32 / norm;
        }
        for posting in &vocab.records[id as usize] {
            records[posting.table as usize][posting.record as usize] += factor * posting.tf as f32;
            any_record = true;
        }
    }
    let subsequence =
        variants.is_empty() && subsequence_scores(index, word, &mut acc, &mut records);
    if any_record || subsequence {
        add_records(index, &records, &mut acc);
    }
    let services = saturate(&mut acc);
    WordScores {
        word: word.clone(),
        variants,
        subsequence,
        scores: acc,
        services,
    }
}

/// The last resort for a word the vocabulary does not reach at all: its letters in order
/// in a service's name or in a need's or organisation's name (short fields only).
fn subsequence_scores(
    index: &Index,
    word: &QueryWord,
    acc: &mut [f32],
    records: &mut [Vec<f32>; TABLES],
) -> bool {
    if word.folded.len() < 3 {
        return false;
    }
    let factor = Tier::Subsequence.factor(0);
    let mut any = false;
    for (service, slot) in acc.iter_mut().enumerate() {
        if compact_subsequence(index.names.get(service), &word.folded).is_some() {
            *slot += factor * FIELD_WEIGHTS[0];
            any = true;
        }
    }
    for (table, spellings) in [
        (Table::Needs, &index.needs),
        (Table::Organisations, &index.organisations),
    ] {
        for (record, texts) in spellings.iter().enumerate() {
            if texts
                .iter()
                .any(|t| compact_subsequence(t, &word.folded).is_some())
            {
                records[table as usize][record] += factor;
                any = true;
            }
        }
    }
    any
}

/// Adds each service's share of the table records' scores: its best need (ancestors
/// counted at [`ANCESTOR`]), its organisation, its best contact and region.
fn add_records(index: &Index, records: &[Vec<f32>; TABLES], acc: &mut [f32]) {
    let best = |range: (u32, u32), table: Table| -> f32 {
        index
            .refs(range)
            .map(|r| records[table as usize][r])
            .fold(0.0, f32::max)
    };
    acc.par_iter_mut().enumerate().for_each(|(service, slot)| {
        let meta = &index.meta[service];
        let needs =
            best(meta.needs, Table::Needs).max(ANCESTOR * best(meta.ancestors, Table::Needs));
        *slot += TABLE_WEIGHTS[Table::Needs as usize] * needs
            + TABLE_WEIGHTS[Table::Organisations as usize]
                * records[Table::Organisations as usize][meta.organisation as usize]
            + TABLE_WEIGHTS[Table::Contacts as usize] * best(meta.contacts, Table::Contacts)
            + TABLE_WEIGHTS[Table::Regions as usize] * best(meta.regions, Table::Regions);
    });
}

/// BM25 saturation and inverse document frequency, in place; returns how many services
/// the word matches.
fn saturate(acc: &mut [f32]) -> usize {
    let n = acc.len() as f32;
    let matching = acc.iter().filter(|&&a| a > 0.0).count();
    let df = matching as f32;
    if matching == 0 {
        return 0;
    }
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    acc.par_iter_mut().filter(|a| **a > 0.0).for_each(|a| {
        *a = idf * *a * (K1 + 1.0) / (K1 + *a);
    });
    matching
}

/// A word found in more than this share of the services (`to`, `for`, `help` in most
/// directories) says little about what the caller needs: it still scores, but a service
/// need not have it to be in the first match tier.
const COMMON_SHARE: f32 = 0.1;

/// The words that decide the match tier: those some service mentions, less the common
/// ones (unless every word is common).
pub(crate) fn tier_words(words: &[WordScores], services: usize) -> Vec<bool> {
    let known = |w: &WordScores| !w.is_missing();
    let rare = |w: &WordScores| (w.services as f32) <= COMMON_SHARE * services as f32;
    let any_rare = words.iter().any(|w| known(w) && rare(w));
    words
        .iter()
        .map(|w| known(w) && (rare(w) || !any_rare))
        .collect()
}
