//! The index: every service's searchable text folded once, and the small tables (needs,
//! regions, organisations, contacts) folded once each rather than once per service.

use super::fold::{ascii_string, fold, fold_into};
use super::vocab::Vocabulary;
use crate::catalogue::hours::{Hours, HoursContext};
use crate::catalogue::{Catalogue, Service, Status};
use foldhash::{HashMap, HashMapExt};
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// Folded texts of one table record: its name first, then its other spellings.
pub(crate) type Spellings = Vec<Box<str>>;

/// One service's folded text, as built (then moved into the index's arenas).
struct ServiceText {
    name: String,
    translated_names: Vec<String>,
    populations: String,
}

/// The folded short texts of every service, in arenas.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Texts {
    names: Arena,
    translated_names: Arena,
    /// Per service, the end of its translated names in `translated_names` (they start
    /// where the previous service's end).
    translated_ends: Vec<u32>,
    populations: Arena,
}

impl Texts {
    fn build(catalogue: &Catalogue) -> Texts {
        let texts: Vec<ServiceText> = catalogue.services.par_iter().map(service_text).collect();
        // Sized once: growing by doubling would hold two copies of a large arena at once.
        let total = |len: fn(&ServiceText) -> usize| texts.iter().map(len).sum::<usize>();
        let mut out = Texts::default();
        out.names.reserve(texts.len(), total(|t| t.name.len()));
        out.populations
            .reserve(texts.len(), total(|t| t.populations.len()));
        out.translated_ends.reserve_exact(texts.len());
        out.translated_names.reserve(
            total(|t| t.translated_names.len()),
            total(|t| t.translated_names.iter().map(String::len).sum()),
        );
        for text in texts {
            out.names.push(&text.name);
            text.translated_names
                .iter()
                .for_each(|n| out.translated_names.push(n));
            out.translated_ends.push(out.translated_names.len() as u32);
            out.populations.push(&text.populations);
        }
        out
    }
}

/// What the cache keeps of an index: the costly part to build (the folded texts and the
/// inverted index).
#[derive(Serialize, Deserialize)]
struct Stored {
    texts: Texts,
    vocabulary: Vocabulary,
}

/// The name of the index's entry beside the catalogue's in the cache.
const CACHE_KIND: &str = "search";

/// Strings laid end to end in one buffer: scoring 100 000 names then reads memory in
/// order instead of chasing 100 000 pointers.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Arena {
    text: String,
    ends: Vec<u32>,
}

impl Arena {
    fn reserve(&mut self, strings: usize, bytes: usize) {
        self.ends.reserve_exact(strings);
        self.text.reserve_exact(bytes);
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

/// What filtering and scoring read of a service, packed together for the same reason.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Meta {
    pub status: Status,
    pub organisation: u32,
    pub verified: Option<Date>,
    /// Ranges into [`Index::refs`]: the service's needs, the ancestors of its needs (not
    /// needs of its own), its regions and public contacts.
    pub needs: (u32, u32),
    pub ancestors: (u32, u32),
    pub regions: (u32, u32),
    pub contacts: (u32, u32),
    /// Range into [`Index::translated_names`].
    pub translated: (u32, u32),
}

/// Everything search needs, built once from a catalogue.
pub struct Index {
    pub(crate) catalogue: Arc<Catalogue>,
    pub(crate) meta: Vec<Meta>,
    pub(crate) refs: Vec<u32>,
    /// Folded names, one per service: fuzzy-matched with the highest weight.
    pub(crate) names: Arena,
    /// Folded translated names, fuzzy-matched like the name.
    pub(crate) translated_names: Arena,
    /// Long free text, built on first use (see [`Index::long`]).
    long: OnceLock<Arena>,
    /// Populations, folded, one a line, for the `population` filter.
    pub(crate) populations: Arena,
    pub(crate) needs: Vec<Spellings>,
    pub(crate) regions: Vec<Spellings>,
    pub(crate) organisations: Vec<Spellings>,
    /// A contact's name and role.
    pub(crate) contacts: Vec<Spellings>,
    pub(crate) region_children: Vec<Vec<usize>>,
    /// Every word of every searchable field, for word relevance.
    pub(crate) vocabulary: Vocabulary,
    pub(crate) hours_context: HoursContext,
    /// Parsed opening hours, built on first use: parsing costs ~18 µs a string, so only
    /// queries that ask "open at" pay for it, and only once.
    hours: OnceLock<HoursTable>,
    /// Region spellings for place words, built on the first query with words.
    places: OnceLock<super::place::Spellings>,
}

/// Each distinct opening-hours string parsed once (catalogues repeat a few schedules
/// across many services), and which one each service has.
struct HoursTable {
    parsed: Vec<Option<Hours>>,
    /// Per service, an index into `parsed`; `u32::MAX` when it has no hours.
    of_service: Vec<u32>,
}

const NO_HOURS: u32 = u32::MAX;

impl HoursTable {
    fn build(catalogue: &Catalogue, context: &HoursContext) -> Self {
        let mut distinct: HashMap<&str, u32> = HashMap::new();
        let mut texts: Vec<&str> = Vec::new();
        let of_service = catalogue
            .services
            .iter()
            .map(|s| match s.opening_hours.as_deref() {
                None => NO_HOURS,
                Some(text) => *distinct.entry(text).or_insert_with(|| {
                    texts.push(text);
                    (texts.len() - 1) as u32
                }),
            })
            .collect();
        let parsed = texts.par_iter().map(|t| context.parse(t)).collect();
        HoursTable { parsed, of_service }
    }
}

impl Index {
    /// Builds the index (folds every service once, on all cores).
    pub fn build(catalogue: Arc<Catalogue>) -> Index {
        Index::cached(catalogue, None)
    }

    /// The index of a catalogue loaded through the cache: read from the entry kept beside
    /// the catalogue's (same file, same executable, checksum verified), else built and
    /// stored there for the next run. Without a slot (an embedded catalogue, a file that
    /// changed while read) it is built.
    pub fn cached(catalogue: Arc<Catalogue>, slot: Option<&crate::catalogue::Slot>) -> Index {
        let kept = slot
            .and_then(|slot| slot.read::<Stored>(CACHE_KIND))
            .filter(|s| s.fits(&catalogue));
        let stored = kept.unwrap_or_else(|| {
            let (texts, vocabulary) = rayon::join(
                || Texts::build(&catalogue),
                || Vocabulary::build(&catalogue),
            );
            let stored = Stored { texts, vocabulary };
            match slot {
                Some(slot) => slot.write_and_keep(CACHE_KIND, stored, |s| s.fits(&catalogue)),
                None => stored,
            }
        });
        Index::from_parts(catalogue, stored.texts, stored.vocabulary)
    }

    fn from_parts(catalogue: Arc<Catalogue>, texts: Texts, vocabulary: Vocabulary) -> Index {
        let needs = spellings(catalogue.needs.iter().map(|n| {
            std::iter::once(n.name.as_str()).chain(n.synonyms.iter().map(String::as_str))
        }));
        let regions =
            spellings(catalogue.regions.iter().map(|r| {
                std::iter::once(r.name.as_str()).chain(r.aliases.iter().map(String::as_str))
            }));
        let organisations =
            spellings(catalogue.organisations.iter().map(|o| {
                std::iter::once(o.name.as_str()).chain(o.aliases.iter().map(String::as_str))
            }));
        let contacts = spellings(catalogue.contacts.iter().map(|c| {
            std::iter::once(c.name.as_str()).chain(c.role.as_deref().filter(|_| !c.private))
        }));
        let mut index = Index {
            meta: Vec::with_capacity(catalogue.services.len()),
            refs: Vec::new(),
            names: texts.names,
            translated_names: texts.translated_names,
            long: OnceLock::new(),
            populations: texts.populations,
            vocabulary,
            region_children: catalogue.region_children(),
            hours_context: HoursContext::new(&catalogue),
            needs,
            regions,
            organisations,
            contacts,
            hours: OnceLock::new(),
            places: OnceLock::new(),
            catalogue,
        };
        index.pack(&texts.translated_ends);
        index
    }

    /// Fills the packed per-service records (the texts are in their arenas already;
    /// `translated_ends` says where each service's translated names end).
    fn pack(&mut self, translated_ends: &[u32]) {
        let catalogue = self.catalogue.clone();
        let mut translated_start = 0u32;
        for (service, &translated_end) in catalogue.services.iter().zip(translated_ends) {
            let public_contacts = service
                .contacts
                .iter()
                .copied()
                .filter(|&c| !catalogue.contacts[c].private);
            let needs = self.push_refs(service.needs.iter().copied());
            let ancestors = self.push_refs(ancestors(&catalogue, &service.needs).into_iter());
            let regions = self.push_refs(service.regions.iter().copied());
            let contacts = self.push_refs(public_contacts);
            self.meta.push(Meta {
                status: service.status,
                organisation: service.organisation as u32,
                verified: service.verified,
                needs,
                ancestors,
                regions,
                contacts,
                translated: (translated_start, translated_end),
            });
            translated_start = translated_end;
        }
    }

    fn push_refs(&mut self, items: impl Iterator<Item = usize>) -> (u32, u32) {
        let start = self.refs.len() as u32;
        self.refs.extend(items.map(|i| i as u32));
        (start, self.refs.len() as u32)
    }

    /// The references in a range of [`Index::refs`].
    pub(crate) fn refs(&self, range: (u32, u32)) -> impl Iterator<Item = usize> + '_ {
        self.refs[range.0 as usize..range.1 as usize]
            .iter()
            .map(|&r| r as usize)
    }

    /// Number of services.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    /// True when the catalogue has no services.
    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    pub fn catalogue(&self) -> &Arc<Catalogue> {
        &self.catalogue
    }

    /// The long free text of a service (description, eligibility, how to refer,
    /// populations, languages, translated texts), folded, a field a line. Only the
    /// operator terms read it, so it is built on the first query that has one: a plain
    /// query (and `pathways search` with words) never pays for folding it twice.
    pub(crate) fn long(&self, service: usize) -> &str {
        self.long
            .get_or_init(|| {
                let texts: Vec<String> =
                    self.catalogue.services.par_iter().map(long_text).collect();
                let mut arena = Arena::default();
                arena.reserve(texts.len(), texts.iter().map(String::len).sum());
                texts.iter().for_each(|t| arena.push(t));
                arena
            })
            .get(service)
    }

    /// Region spellings for place words.
    pub(crate) fn places(&self) -> &super::place::Spellings {
        self.places
            .get_or_init(|| super::place::spellings(&self.catalogue))
    }

    /// The parsed opening hours of a service, `None` when it has none (or they do not parse).
    pub(crate) fn hours(&self, service: usize) -> Option<&Hours> {
        let table = self
            .hours
            .get_or_init(|| HoursTable::build(&self.catalogue, &self.hours_context));
        let slot = *table.of_service.get(service)?;
        table.parsed.get(slot as usize)?.as_ref()
    }
}

impl Stored {
    /// True when the stored index was built for this catalogue's shape (the slot's checks
    /// already tie it to the same file; this guards against a mismatch in what was read).
    fn fits(&self, catalogue: &Catalogue) -> bool {
        let n = catalogue.services.len();
        self.texts.names.len() == n
            && self.texts.translated_ends.len() == n
            && self.texts.populations.len() == n
            && self.vocabulary.lengths.len() == n
    }
}

/// The ancestors of a service's needs that are not needs of its own, each once.
fn ancestors(catalogue: &Catalogue, needs: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &need in needs {
        for a in catalogue.need_chain(need).skip(1) {
            if !needs.contains(&a) && !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

fn spellings<'a, I>(records: impl Iterator<Item = I>) -> Vec<Spellings>
where
    I: Iterator<Item = &'a str>,
{
    records
        .map(|texts| texts.map(|t| fold(t).into_boxed_str()).collect())
        .collect()
}

/// A service's long free text folded, a field a line, for the operator terms.
fn long_text(service: &Service) -> String {
    let mut long = Vec::with_capacity(512);
    let mut push = |text: &str| {
        if !long.is_empty() {
            long.push(b'\n');
        }
        fold_into(text, &mut long);
    };
    for text in [
        &service.description,
        &service.eligibility,
        &service.how_to_refer,
    ]
    .into_iter()
    .flatten()
    {
        push(text);
    }
    service.populations.iter().for_each(|p| push(p));
    service.languages.iter().for_each(|l| push(l));
    for translation in service.translations.values() {
        for text in [
            &translation.description,
            &translation.eligibility,
            &translation.how_to_refer,
        ]
        .into_iter()
        .flatten()
        {
            push(text);
        }
    }
    ascii_string(long)
}

fn service_text(service: &Service) -> ServiceText {
    ServiceText {
        name: fold(&service.name),
        translated_names: service
            .translations
            .values()
            .filter_map(|t| t.name.as_deref())
            .map(fold)
            .collect(),
        populations: service
            .populations
            .iter()
            .map(|p| fold(p))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, search};

    fn ids(index: &Index, text: &str) -> Vec<(usize, i64, String)> {
        let query = Query {
            text: text.into(),
            ..Query::default()
        };
        search(index, &query)
            .into_iter()
            .map(|h| (h.service, h.score, h.why()))
            .collect()
    }

    /// An index read from the cache answers exactly as one built from the catalogue.
    #[test]
    fn a_cached_index_answers_as_a_built_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("catalogue.toml");
        let cache = dir.path().join("cache");
        std::fs::write(&file, include_str!("../../tests/fixtures/search.toml")).unwrap();
        let (catalogue, slot) = crate::catalogue::load_cached_slot(&file, &cache).unwrap();
        let catalogue = Arc::new(catalogue);
        let slot = slot.unwrap();
        let built = Index::build(catalogue.clone());
        let first = Index::cached(catalogue.clone(), Some(&slot));
        assert!(slot.read::<Stored>(CACHE_KIND).is_some(), "stored");
        let second = Index::cached(catalogue.clone(), Some(&slot));
        for text in ["shelter", "sheltr food", "гомель", "medical care", "zzz"] {
            assert_eq!(ids(&second, text), ids(&built, text), "{text}");
            assert_eq!(ids(&first, text), ids(&built, text), "{text}");
        }
    }
}
