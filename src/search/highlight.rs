//! What matched where, for the hits actually shown: highlight ranges in the original
//! (unfolded) strings, and per query word the field it was found in and as what.
//!
//! Computed after ranking, for the kept hits only: tokenising a service's fields again
//! costs more than the scores did, and nobody looks at the ranges of the 10 000th hit.

use super::fold::{FoldMap, fold_into, merge_ranges};
use super::matching::{Prepared, compact_subsequence};
use super::relevance::{Tier, WordScores};
use super::terms::{Term, TermKind};
use super::tokens;
use super::vocab::{SField, service_texts};
use super::{Field, FieldMatch, WordMatch};
use crate::catalogue::{Catalogue, Service};
use std::ops::Range;

/// One text of a service, in the order reasons are looked for (strongest field first).
struct Unit<'a> {
    field: Field,
    item: usize,
    text: &'a str,
    /// False for another spelling of a record (a synonym, alias, role, an ancestor need):
    /// a match there is reported with no ranges, which are only ever in the record's name.
    primary: bool,
    /// Rank of the field's weight: reasons come from the strongest field.
    weight: u8,
}

/// Every text of a service with its field, strongest first.
fn units<'a>(catalogue: &'a Catalogue, service: &'a Service) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit> = Vec::new();
    let mut push = |field, item, text, primary, weight| {
        out.push(Unit {
            field,
            item,
            text,
            primary,
            weight,
        })
    };
    for (field, item, text) in service_texts(service) {
        let (field, weight) = match field {
            SField::Name => (Field::Name, 0),
            SField::TranslatedName => (Field::Translation, 2),
            SField::Populations => (Field::Populations, 3),
            SField::Description => (Field::Description, 5),
            SField::Eligibility => (Field::Eligibility, 6),
            SField::HowToRefer => (Field::HowToRefer, 8),
            SField::Documents => (Field::Documents, 9),
            SField::Translation => (Field::Translation, 7),
        };
        push(field, item, text, true, weight);
    }
    for (item, &n) in service.needs.iter().enumerate() {
        for (depth, need) in catalogue.need_chain(n).enumerate() {
            let need = &catalogue.needs[need];
            push(Field::Need, item, &need.name, depth == 0, 1);
            for s in &need.synonyms {
                push(Field::Need, item, s, false, 1);
            }
        }
    }
    let org = catalogue.organisation_of(service);
    push(Field::Organisation, 0, &org.name, true, 4);
    for a in &org.aliases {
        push(Field::Organisation, 0, a, false, 4);
    }
    for (item, &c) in service.contacts.iter().enumerate() {
        let contact = &catalogue.contacts[c];
        if !contact.private {
            push(Field::Contact, item, &contact.name, true, 10);
            if let Some(role) = &contact.role {
                push(Field::Contact, item, role, false, 10);
            }
        }
    }
    for (item, &r) in service.regions.iter().enumerate() {
        let region = &catalogue.regions[r];
        push(Field::Region, item, &region.name, true, 11);
        for a in &region.aliases {
            push(Field::Region, item, a, false, 11);
        }
    }
    out.sort_by_key(|u| u.weight);
    out
}

/// The highlight ranges of a hit and, per word it matched, where and as what.
pub(crate) fn explain(prepared: &Prepared, service: usize) -> (Vec<FieldMatch>, Vec<WordMatch>) {
    let catalogue: &Catalogue = &prepared.index.catalogue;
    let record = &catalogue.services[service];
    let words: Vec<&WordScores> = prepared
        .words
        .iter()
        .filter(|w| w.scores[service] > 0.0)
        .collect();
    let operators: Vec<&Term> = prepared.terms.iter().filter(|t| !t.negated).collect();
    let mut fields: Vec<FieldMatch> = Vec::new();
    let mut reasons: Vec<WordMatch> = Vec::new();
    if words.is_empty() && operators.is_empty() {
        return (fields, reasons);
    }
    let mut folded = Vec::with_capacity(64);
    for unit in units(catalogue, record) {
        let mut spans: Vec<Range<usize>> = Vec::new();
        let mut found = false;
        if !words.is_empty() {
            for (range, token) in tokens::words(unit.text) {
                folded.clear();
                fold_into(token, &mut folded);
                let Some(id) = std::str::from_utf8(&folded)
                    .ok()
                    .and_then(|f| prepared.index.vocabulary.find(f))
                else {
                    continue;
                };
                for w in &words {
                    if let Some((tier, _)) = w.tier_of(id) {
                        found = true;
                        spans.push(range.clone());
                        note(&mut reasons, w, &unit, token, tier);
                    }
                }
            }
        }
        let short = matches!(unit.field, Field::Name | Field::Need | Field::Organisation);
        for w in words.iter().filter(|w| w.subsequence && short) {
            if let Some(ranges) = subsequence_ranges(unit.text, &w.word.folded) {
                found = true;
                spans.extend(ranges);
                note(&mut reasons, w, &unit, unit.text, Tier::Subsequence);
            }
        }
        for term in &operators {
            if let Some(ranges) = operator_ranges(unit.text, term) {
                found = true;
                spans.extend(ranges);
            }
        }
        if found {
            add_field(&mut fields, &unit, spans);
        }
    }
    (fields, reasons)
}

/// Keeps a reason for a word in a field, once per (word, field): the first, unless it was
/// a synonym and the word itself turns up later.
fn note(reasons: &mut Vec<WordMatch>, w: &WordScores, unit: &Unit, token: &str, tier: Tier) {
    let same = |r: &WordMatch| r.term == w.word.original && r.field == unit.field;
    match reasons.iter().position(same) {
        // The word itself, in any form, says more than a synonym found earlier.
        Some(at) if reasons[at].synonym && tier != Tier::Synonym => {
            reasons.remove(at);
        }
        Some(_) => return,
        None => {}
    }
    let shown = if tier == Tier::Subsequence {
        crate::text::one_line(unit.text)
    } else {
        token.to_string()
    };
    reasons.push(WordMatch {
        term: w.word.original.clone(),
        field: unit.field,
        item: unit.item,
        found_as: shown,
        typo: tier == Tier::Typo,
        same_word: tier == Tier::Exact,
        synonym: tier == Tier::Synonym,
    });
}

/// Adds a unit's ranges to its field: one entry per (field, item); the ranges come from
/// the first primary text that matched, and a match in another spelling adds none.
fn add_field(fields: &mut Vec<FieldMatch>, unit: &Unit, spans: Vec<Range<usize>>) {
    let existing = fields
        .iter_mut()
        .find(|m| m.field == unit.field && m.item == unit.item);
    let mut ranges = if unit.primary { spans } else { Vec::new() };
    merge_ranges(&mut ranges);
    match existing {
        Some(m) if m.ranges.is_empty() && unit.primary && unit.field != Field::Translation => {
            m.ranges = ranges
        }
        Some(_) => {}
        None => fields.push(FieldMatch {
            field: unit.field,
            item: unit.item,
            ranges,
        }),
    }
}

/// Scattered letters of a word in a short text, as original byte ranges.
fn subsequence_ranges(text: &str, folded_word: &str) -> Option<Vec<Range<usize>>> {
    let map = FoldMap::new(text);
    let indices = compact_subsequence(&map.folded, folded_word)?;
    // Folded text is ASCII, so the matcher's char indices are byte indices.
    Some(map.original_ranges(indices))
}

/// The spans of an operator term in one text, as original byte ranges.
fn operator_ranges(text: &str, term: &Term) -> Option<Vec<Range<usize>>> {
    let map = FoldMap::new(text);
    let folded = map.folded.as_str();
    let len = term.text.len();
    let spans: Vec<Range<usize>> = match term.kind {
        TermKind::Exact | TermKind::Fuzzy => folded
            .match_indices(term.text.as_str())
            .map(|(at, _)| at..at + len)
            .collect(),
        TermKind::Prefix => folded
            .starts_with(&term.text)
            .then_some(0..len)
            .into_iter()
            .collect(),
        TermKind::Suffix => folded
            .ends_with(&term.text)
            .then(|| folded.len() - len..folded.len())
            .into_iter()
            .collect(),
    };
    (!spans.is_empty()).then(|| map.original_spans(&spans))
}
