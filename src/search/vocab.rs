//! The inverted index behind word relevance: every word of every searchable field, folded,
//! with the services (and need, organisation, contact and region records) that use it,
//! how often, and in which field; each word's stem; each service's field lengths.
//!
//! Services' own fields are posted per service. Needs, organisations, contacts and regions
//! are shared by many services, so their words are posted per record and reach services
//! through the index's references (a need's synonyms are not copied 100 000 times).

use super::fold::fold_into;
use super::tokens::{folded_words, is_cyrillic, may_have_cyrillic, stem, stem_folded, words};
use super::typo::TypoIndex;
use crate::catalogue::{Catalogue, Service};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A service's own searchable fields, in the order of their weights (see `relevance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum SField {
    Name = 0,
    TranslatedName,
    Populations,
    Description,
    Eligibility,
    HowToRefer,
    Documents,
    Translation,
}

pub(crate) const SERVICE_FIELDS: usize = 8;

/// The tables whose records services share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(u8)]
pub(crate) enum Table {
    Needs = 0,
    Organisations,
    Contacts,
    Regions,
}

pub(crate) const TABLES: usize = 4;

/// One service's texts for one field, with the item each comes from (the position in the
/// list for list-valued fields, the translation's position for translations).
pub(crate) fn service_texts(service: &Service) -> impl Iterator<Item = (SField, usize, &str)> {
    let translations = service.translations.values().enumerate();
    std::iter::once((SField::Name, 0, service.name.as_str()))
        .chain(
            translations
                .clone()
                .filter_map(|(i, t)| t.name.as_deref().map(|n| (SField::TranslatedName, i, n))),
        )
        .chain(
            service
                .populations
                .iter()
                .enumerate()
                .map(|(i, p)| (SField::Populations, i, p.as_str())),
        )
        .chain(one(SField::Description, &service.description))
        .chain(one(SField::Eligibility, &service.eligibility))
        .chain(one(SField::HowToRefer, &service.how_to_refer))
        .chain(
            service
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| (SField::Documents, i, d.as_str())),
        )
        .chain(translations.flat_map(|(i, t)| {
            [&t.description, &t.eligibility, &t.how_to_refer]
                .into_iter()
                .flatten()
                .map(move |text| (SField::Translation, i, text.as_str()))
                .chain(
                    t.documents
                        .iter()
                        .map(move |d| (SField::Translation, i, d.as_str())),
                )
        }))
}

fn one(field: SField, text: &Option<String>) -> Option<(SField, usize, &str)> {
    text.as_deref().map(|t| (field, 0, t))
}

/// A table record's texts: its name and other spellings (a contact: name and role).
pub(crate) fn record_texts(catalogue: &Catalogue, table: Table, record: usize) -> Vec<&str> {
    match table {
        Table::Needs => {
            let n = &catalogue.needs[record];
            std::iter::once(n.name.as_str())
                .chain(n.synonyms.iter().map(String::as_str))
                .collect()
        }
        Table::Organisations => {
            let o = &catalogue.organisations[record];
            std::iter::once(o.name.as_str())
                .chain(o.aliases.iter().map(String::as_str))
                .collect()
        }
        Table::Contacts => {
            let c = &catalogue.contacts[record];
            if c.private {
                return Vec::new();
            }
            std::iter::once(c.name.as_str())
                .chain(c.role.as_deref())
                .collect()
        }
        Table::Regions => {
            let r = &catalogue.regions[record];
            std::iter::once(r.name.as_str())
                .chain(r.aliases.iter().map(String::as_str))
                .collect()
        }
    }
}

/// A posting of a word in a table record.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct RecordPosting {
    pub record: u32,
    pub table: Table,
    pub tf: u8,
}

/// The vocabulary and its postings (kept in the cache beside the catalogue, see
/// `Index::cached`, all but the typo index, which only some queries need).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Vocabulary {
    /// Every folded word, sorted (so the words with a prefix sit together).
    pub words: Vec<Box<str>>,
    /// All postings in services, word after word (`service << 8 | field << 4 |
    /// min(tf, 15)`, in service order within a word); one flat array rather than a
    /// vector per word, which cost most of the build in allocations.
    postings: Vec<u32>,
    /// Per word (sorted id), where its postings start and end in `postings`.
    spans: Vec<(u32, u32)>,
    /// Per word, its postings in table records.
    pub records: Vec<Vec<RecordPosting>>,
    /// Per stem group, its words.
    stem_groups: Vec<Vec<u32>>,
    stem_ids: HashMap<Box<str>, u32>,
    /// Per service, the number of words in each of its fields.
    pub lengths: Vec<[u16; SERVICE_FIELDS]>,
    /// The average of `lengths` per field, over the services that have the field.
    pub avg_lengths: [f32; SERVICE_FIELDS],
    /// Built on the first query with a word that matched nothing otherwise.
    #[serde(skip)]
    typo: OnceLock<TypoIndex>,
}

/// Services per chunk when building on several cores.
const CHUNK: usize = 2048;

/// What one chunk of services built: its own word ids, its postings as (local word id,
/// posting) in service order, and its Cyrillic words.
struct Partial<'a> {
    ids: HashMap<Box<[u8]>, u32>,
    postings: Vec<(u32, u32)>,
    lengths: Vec<[u16; SERVICE_FIELDS]>,
    cyrillic: HashSet<&'a str>,
}

impl Vocabulary {
    pub fn build(catalogue: &Catalogue) -> Vocabulary {
        let partials: Vec<Partial> = catalogue
            .services
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(chunk, services)| build_chunk(chunk * CHUNK, services))
            .collect();
        let mut ids: HashMap<Box<[u8]>, u32> = HashMap::new();
        let mut flat: Vec<(u32, u32)> = Vec::new();
        let mut lengths = Vec::with_capacity(catalogue.services.len());
        let mut cyrillic: HashSet<&str> = HashSet::new();
        for partial in partials {
            let mut global = vec![0u32; partial.ids.len()];
            for (word, id) in partial.ids {
                global[id as usize] = intern(&mut ids, word);
            }
            // Chunks come in service order, so each word's postings stay in order.
            flat.extend(
                partial
                    .postings
                    .iter()
                    .map(|&(w, p)| (global[w as usize], p)),
            );
            lengths.extend(partial.lengths);
            cyrillic.extend(partial.cyrillic);
        }
        let mut records: Vec<Vec<RecordPosting>> = vec![Vec::new(); ids.len()];
        for table in [
            Table::Needs,
            Table::Organisations,
            Table::Contacts,
            Table::Regions,
        ] {
            let count = match table {
                Table::Needs => catalogue.needs.len(),
                Table::Organisations => catalogue.organisations.len(),
                Table::Contacts => catalogue.contacts.len(),
                Table::Regions => catalogue.regions.len(),
            };
            for record in 0..count {
                let mut counts: Vec<u32> = Vec::new();
                let mut buf = Vec::new();
                for text in record_texts(catalogue, table, record) {
                    note_cyrillic(text, &mut cyrillic);
                    buf.clear();
                    fold_into(text, &mut buf);
                    for word in folded_words(&buf) {
                        let id = intern(&mut ids, word.into());
                        counts.push(id);
                    }
                }
                records.resize_with(ids.len(), Vec::new);
                counts.sort_unstable();
                for run in counts.chunk_by(|a, b| a == b) {
                    records[run[0] as usize].push(RecordPosting {
                        record: record as u32,
                        table,
                        tf: run.len().min(255) as u8,
                    });
                }
            }
        }
        Vocabulary::sorted(ids, flat, records, lengths, &cyrillic)
    }

    /// Puts the words in order, and groups them by stem.
    fn sorted(
        ids: HashMap<Box<[u8]>, u32>,
        flat: Vec<(u32, u32)>,
        mut records: Vec<Vec<RecordPosting>>,
        lengths: Vec<[u16; SERVICE_FIELDS]>,
        cyrillic: &HashSet<&str>,
    ) -> Vocabulary {
        let mut entries: Vec<(Box<[u8]>, u32)> = ids.into_iter().collect();
        entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let words: Vec<Box<str>> = entries
            .iter()
            .map(|(w, _)| String::from_utf8_lossy(w).into())
            .collect();
        // Counting sort of the flat postings by sorted word id (stable: service order kept).
        let mut sorted_id = vec![0u32; entries.len()];
        for (sorted, &(_, id)) in entries.iter().enumerate() {
            sorted_id[id as usize] = sorted as u32;
        }
        let mut starts = vec![0u32; entries.len() + 1];
        for &(w, _) in &flat {
            starts[sorted_id[w as usize] as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let spans: Vec<(u32, u32)> = starts.windows(2).map(|w| (w[0], w[1])).collect();
        let mut next = starts;
        let mut postings = vec![0u32; flat.len()];
        for (w, p) in flat {
            let slot = &mut next[sorted_id[w as usize] as usize];
            postings[*slot as usize] = p;
            *slot += 1;
        }
        let records: Vec<Vec<RecordPosting>> = entries
            .iter()
            .map(|&(_, id)| std::mem::take(&mut records[id as usize]))
            .collect();
        // Cyrillic words are stemmed as Russian before folding; the rest as English.
        let mut russian: HashMap<String, String> = HashMap::new();
        for word in cyrillic {
            let mut folded = Vec::new();
            fold_into(word, &mut folded);
            russian
                .entry(String::from_utf8_lossy(&folded).into_owned())
                .or_insert_with(|| stem(word));
        }
        let stems: Vec<String> = words
            .par_iter()
            .map(|w| {
                russian
                    .get(w.as_ref())
                    .cloned()
                    .unwrap_or_else(|| stem_folded(w))
            })
            .collect();
        let mut stem_ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut stem_groups: Vec<Vec<u32>> = Vec::new();
        for (word, s) in stems.into_iter().enumerate() {
            let next = stem_groups.len() as u32;
            let group = *stem_ids.entry(s.into_boxed_str()).or_insert(next);
            if group == next {
                stem_groups.push(Vec::new());
            }
            stem_groups[group as usize].push(word as u32);
        }
        let avg_lengths = average_lengths(&lengths);
        Vocabulary {
            words,
            postings,
            spans,
            records,
            stem_groups,
            stem_ids,
            lengths,
            avg_lengths,
            typo: OnceLock::new(),
        }
    }

    /// A word's postings in services (see [`unpack`]).
    pub fn postings(&self, word: u32) -> &[u32] {
        let (start, end) = self.spans[word as usize];
        &self.postings[start as usize..end as usize]
    }

    /// The id of a folded word.
    pub fn find(&self, word: &str) -> Option<u32> {
        self.words
            .binary_search_by(|w| w.as_ref().cmp(word))
            .ok()
            .map(|i| i as u32)
    }

    /// The words that start with `prefix` (they sort together).
    pub fn with_prefix(&self, prefix: &str) -> std::ops::Range<u32> {
        let start = self.words.partition_point(|w| w.as_ref() < prefix);
        let len = self.words[start..]
            .iter()
            .take_while(|w| w.starts_with(prefix))
            .count();
        start as u32..(start + len) as u32
    }

    /// The words with this (folded) stem.
    pub fn with_stem(&self, stem: &str) -> &[u32] {
        self.stem_ids
            .get(stem)
            .map_or(&[], |&g| self.stem_groups[g as usize].as_slice())
    }

    /// Words within `distance` edits (Damerau–Levenshtein, a transposition one edit).
    pub fn within_edits(&self, word: &str, distance: usize) -> Vec<(u32, usize)> {
        self.typo
            .get_or_init(|| TypoIndex::build(&self.words))
            .lookup(&self.words, word, distance)
    }
}

/// The id of `word`, the next free one when new.
fn intern(ids: &mut HashMap<Box<[u8]>, u32>, word: Box<[u8]>) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(word).or_insert(next)
}

fn build_chunk(first: usize, services: &[Service]) -> Partial<'_> {
    let mut partial = Partial {
        ids: HashMap::new(),
        postings: Vec::new(),
        lengths: Vec::with_capacity(services.len()),
        cyrillic: HashSet::new(),
    };
    let mut buf = Vec::with_capacity(1024);
    let mut counts: Vec<(u32, u8)> = Vec::with_capacity(256);
    for (offset, service) in services.iter().enumerate() {
        let mut lengths = [0u16; SERVICE_FIELDS];
        counts.clear();
        for (field, _, text) in service_texts(service) {
            note_cyrillic(text, &mut partial.cyrillic);
            buf.clear();
            fold_into(text, &mut buf);
            for word in folded_words(&buf) {
                let id = match partial.ids.get(word) {
                    Some(&id) => id,
                    None => intern(&mut partial.ids, word.into()),
                };
                counts.push((id, field as u8));
                lengths[field as usize] = lengths[field as usize].saturating_add(1);
            }
        }
        counts.sort_unstable();
        let service_id = (first + offset) as u32;
        for run in counts.chunk_by(|a, b| a == b) {
            let (id, field) = run[0];
            let tf = run.len().min(15) as u32;
            partial
                .postings
                .push((id, service_id << 8 | (field as u32) << 4 | tf));
        }
        partial.lengths.push(lengths);
    }
    partial
}

/// Keeps the Cyrillic words of a text, which are stemmed from their original spelling.
fn note_cyrillic<'a>(text: &'a str, out: &mut HashSet<&'a str>) {
    if !may_have_cyrillic(text) {
        return;
    }
    for (_, word) in words(text) {
        if is_cyrillic(word) {
            out.insert(word);
        }
    }
}

fn average_lengths(lengths: &[[u16; SERVICE_FIELDS]]) -> [f32; SERVICE_FIELDS] {
    let mut sums = [0f64; SERVICE_FIELDS];
    let mut counts = [0usize; SERVICE_FIELDS];
    for row in lengths {
        for (f, &len) in row.iter().enumerate() {
            if len > 0 {
                sums[f] += len as f64;
                counts[f] += 1;
            }
        }
    }
    std::array::from_fn(|f| {
        if counts[f] == 0 {
            1.0
        } else {
            (sums[f] / counts[f] as f64) as f32
        }
    })
}

/// Unpacks a service posting: (service, field, term frequency).
pub(crate) fn unpack(posting: u32) -> (usize, usize, u32) {
    (
        (posting >> 8) as usize,
        ((posting >> 4) & 0xf) as usize,
        posting & 0xf,
    )
}
