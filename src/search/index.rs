//! The index: every service's searchable text folded once, and the small tables (needs,
//! regions, organisations, contacts) folded once each rather than once per service.

use super::fold::fold;
use crate::catalogue::{Catalogue, Service};
use crate::hours::{Hours, HoursContext};
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

/// Folded texts of one table record: its name first, then its other spellings.
pub(crate) type Spellings = Vec<Box<str>>;

/// One service's folded text.
#[derive(Debug)]
pub(crate) struct ServiceText {
    /// The name, fuzzy-matched with the highest weight.
    pub name: Box<str>,
    /// Translated names, fuzzy-matched like the name.
    pub translated_names: Vec<Box<str>>,
    /// Long free text (description, eligibility, how to refer, populations, languages,
    /// translated text), one field a line: matched by word prefix and by the exact operators.
    pub long: Box<str>,
    /// Populations, folded, for the `population` filter.
    pub populations: Vec<Box<str>>,
}

/// Everything search needs, built once from a catalogue.
pub struct Index {
    pub(crate) catalogue: Arc<Catalogue>,
    pub(crate) services: Vec<ServiceText>,
    pub(crate) needs: Vec<Spellings>,
    pub(crate) regions: Vec<Spellings>,
    pub(crate) organisations: Vec<Spellings>,
    /// A contact's name and role; private contacts are never searched.
    pub(crate) contacts: Vec<Spellings>,
    pub(crate) region_children: Vec<Vec<usize>>,
    pub(crate) hours_context: HoursContext,
    /// Parsed opening hours, filled on first use: parsing costs ~18 µs a string, so only
    /// queries that ask "open at" pay for it, and only once.
    hours: Vec<OnceLock<Option<Hours>>>,
}

impl Index {
    /// Builds the index (folds every service once, on all cores).
    pub fn build(catalogue: Arc<Catalogue>) -> Index {
        let services = catalogue
            .services
            .par_iter()
            .map(service_text)
            .collect::<Vec<_>>();
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
        let hours = catalogue.services.iter().map(|_| OnceLock::new()).collect();
        Index {
            region_children: catalogue.region_children(),
            hours_context: HoursContext::new(&catalogue),
            services,
            needs,
            regions,
            organisations,
            contacts,
            hours,
            catalogue,
        }
    }

    pub fn catalogue(&self) -> &Arc<Catalogue> {
        &self.catalogue
    }

    /// The parsed opening hours of a service, `None` when it has none (or they do not parse).
    pub(crate) fn hours(&self, service: usize) -> Option<&Hours> {
        self.hours[service]
            .get_or_init(|| {
                let text = self.catalogue.services[service].opening_hours.as_deref()?;
                self.hours_context.parse(text)
            })
            .as_ref()
    }
}

fn spellings<'a, I>(records: impl Iterator<Item = I>) -> Vec<Spellings>
where
    I: Iterator<Item = &'a str>,
{
    records
        .map(|texts| texts.map(|t| fold(t).into_boxed_str()).collect())
        .collect()
}

fn service_text(service: &Service) -> ServiceText {
    let mut long = String::new();
    let mut push = |text: &str| {
        if !long.is_empty() {
            long.push('\n');
        }
        long.push_str(&fold(text));
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
    ServiceText {
        name: fold(&service.name).into_boxed_str(),
        translated_names: service
            .translations
            .values()
            .filter_map(|t| t.name.as_deref())
            .map(|n| fold(n).into_boxed_str())
            .collect(),
        long: long.into_boxed_str(),
        populations: service
            .populations
            .iter()
            .map(|p| fold(p).into_boxed_str())
            .collect(),
    }
}
