//! Matched ranges in the original (unfolded) strings, for the hits actually shown.
//!
//! Computed after ranking, for the kept hits only: folding with a position map costs more
//! than plain folding, and nobody looks at the ranges of the 10 000th hit.

use super::fold::{FoldMap, merge_ranges, word_prefix_positions};
use super::matching::is_close;
use super::terms::{Term, TermKind};
use super::{Field, FieldMatch};
use crate::catalogue::{Catalogue, Service};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::ops::Range;

/// How a field is matched: short fields fuzzy, long text by word prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Short,
    Long,
}

/// Every field of `service` the positive terms match, with byte ranges into the original
/// text. For needs, regions, the organisation and contacts the ranges are in the name;
/// a match found only in a synonym, alias or role gives the field with no ranges. For a
/// translation, the ranges are in its first text that matched (name, description,
/// eligibility, how to refer).
pub(crate) fn matches(
    catalogue: &Catalogue,
    service: &Service,
    terms: &[Term],
    matcher: &SkimMatcherV2,
) -> Vec<FieldMatch> {
    let terms: Vec<&Term> = terms.iter().filter(|t| !t.negated).collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let m = Matcher {
        terms: &terms,
        matcher,
    };
    let mut out = Vec::new();
    let mut push = |field: Field, item: usize, ranges: Option<Vec<Range<usize>>>| {
        if let Some(ranges) = ranges {
            out.push(FieldMatch {
                field,
                item,
                ranges,
            });
        }
    };
    push(Field::Name, 0, m.ranges(&service.name, Style::Short));
    let org = catalogue.organisation_of(service);
    push(
        Field::Organisation,
        0,
        m.named(&org.name, &org.aliases, Style::Short),
    );
    for (item, &n) in service.needs.iter().enumerate() {
        let need = &catalogue.needs[n];
        push(
            Field::Need,
            item,
            m.named(&need.name, &need.synonyms, Style::Short),
        );
    }
    for (item, &r) in service.regions.iter().enumerate() {
        let region = &catalogue.regions[r];
        push(
            Field::Region,
            item,
            m.named(&region.name, &region.aliases, Style::Short),
        );
    }
    for (field, text) in [
        (Field::Description, &service.description),
        (Field::Eligibility, &service.eligibility),
        (Field::HowToRefer, &service.how_to_refer),
    ] {
        if let Some(text) = text {
            push(field, 0, m.ranges(text, Style::Long));
        }
    }
    for (item, p) in service.populations.iter().enumerate() {
        push(Field::Populations, item, m.ranges(p, Style::Long));
    }
    for (item, l) in service.languages.iter().enumerate() {
        push(Field::Languages, item, m.ranges(l, Style::Long));
    }
    for (item, &c) in service.contacts.iter().enumerate() {
        let contact = &catalogue.contacts[c];
        if !contact.private {
            let role: Vec<String> = contact.role.iter().cloned().collect();
            push(
                Field::Contact,
                item,
                m.named(&contact.name, &role, Style::Short),
            );
        }
    }
    for (item, t) in service.translations.values().enumerate() {
        let found = t
            .name
            .as_deref()
            .and_then(|n| m.ranges(n, Style::Short))
            .or_else(|| {
                [&t.description, &t.eligibility, &t.how_to_refer]
                    .into_iter()
                    .flatten()
                    .find_map(|text| m.ranges(text, Style::Long))
            });
        push(Field::Translation, item, found);
    }
    out
}

struct Matcher<'a> {
    terms: &'a [&'a Term],
    matcher: &'a SkimMatcherV2,
}

impl Matcher<'_> {
    /// Ranges of every term found in `text`; `None` when none is.
    fn ranges(&self, text: &str, style: Style) -> Option<Vec<Range<usize>>> {
        let map = FoldMap::new(text);
        let mut found = false;
        let mut spans: Vec<Range<usize>> = Vec::new();
        for term in self.terms {
            if let Some(term_spans) = self.term_spans(&map.folded, term, style) {
                found = true;
                spans.extend(term_spans);
            }
        }
        if !found {
            return None;
        }
        let mut ranges = map.original_spans(&spans);
        merge_ranges(&mut ranges);
        Some(ranges)
    }

    /// Ranges in the name, or an empty match when only another spelling matches.
    fn named(&self, name: &str, others: &[String], style: Style) -> Option<Vec<Range<usize>>> {
        self.ranges(name, style).or_else(|| {
            others
                .iter()
                .any(|o| self.ranges(o, style).is_some())
                .then(Vec::new)
        })
    }

    /// Folded byte spans of one term in one folded text.
    fn term_spans(&self, folded: &str, term: &Term, style: Style) -> Option<Vec<Range<usize>>> {
        let len = term.text.len();
        match (term.kind, style) {
            (TermKind::Fuzzy, Style::Short) => {
                let (score, indices) = self.matcher.fuzzy_indices(folded, &term.text)?;
                if !is_close(score, &term.text) {
                    return None;
                }
                // Folded text is ASCII, so the matcher's char indices are byte indices.
                Some(indices.into_iter().map(|i| i..i + 1).collect())
            }
            (TermKind::Fuzzy, Style::Long) => {
                let spans: Vec<_> = word_prefix_positions(folded, &term.text)
                    .map(|at| at..at + len)
                    .collect();
                (!spans.is_empty()).then_some(spans)
            }
            (TermKind::Exact, _) => {
                let spans: Vec<_> = folded
                    .match_indices(term.text.as_str())
                    .map(|(at, _)| at..at + len)
                    .collect();
                (!spans.is_empty()).then_some(spans)
            }
            (TermKind::Prefix, _) => folded
                .starts_with(&term.text)
                .then(|| std::iter::once(0..len).collect()),
            (TermKind::Suffix, _) => folded
                .ends_with(&term.text)
                .then(|| std::iter::once(folded.len() - len..folded.len()).collect()),
        }
    }
}
