//! Search: text folding (case, diacritics, Cyrillic→Latin), stemming, word relevance
//! (BM25F), typo tolerance, place words, region coverage and one total order (see [`rank`]
//! and `docs/search.md`). One entry point: [`search`]; [`search_limited`] keeps the first
//! few, [`search_found`] also says which words were dropped, [`Searcher`] serves typing.
//!
//! The pipeline: [`Index::build`] folds every text once and builds the inverted index of
//! words. A query is prepared (place words read, plain words scored over every service,
//! operator terms folded), every service is filtered on all cores, opening hours are judged
//! on the survivors, the one total order keeps the top K by partial selection, and only
//! those K get their `why` text and highlight ranges.

mod fold;
mod highlight;
mod index;
pub mod judged;
mod matching;
mod place;
pub mod rank;
mod relevance;
mod resolve;
mod synonyms;
mod terms;
mod tokens;
mod typo;
mod vocab;
pub mod why;

pub use fold::{FoldMap, fold};
pub use index::Index;
pub use place::PlaceWords;
pub use resolve::{rank_names, resolve_need, resolve_region};
pub use terms::{Term, TermKind, has_negation, parse as parse_terms};
pub use why::Reason;

use crate::catalogue::hours::HoursState;
use crate::catalogue::{Catalogue, NeedIdx, RegionIdx, RegionLevel, ServiceIdx};
use matching::Prepared;
use rank::Ranked;
use rayon::prelude::*;
use std::ops::Range;

/// Which text of a service a match was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Organisation,
    /// The `item`-th need of the service (`Service::needs[item]`): its name or a synonym.
    Need,
    /// The `item`-th region of the service area: its name or an alias.
    Region,
    Description,
    Eligibility,
    HowToRefer,
    Populations,
    Languages,
    Contact,
    Translation,
    Documents,
}

impl Field {
    /// The catalogue's name for the field, as `why` and JSON say it.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Organisation => "organisation",
            Field::Need => "needs",
            Field::Region => "regions",
            Field::Description => "description",
            Field::Eligibility => "eligibility",
            Field::HowToRefer => "how_to_refer",
            Field::Populations => "populations",
            Field::Languages => "languages",
            Field::Contact => "contacts",
            Field::Translation => "translations",
            Field::Documents => "documents",
        }
    }
}

/// Where one query word matched a hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    /// The query word, as typed.
    pub term: String,
    pub field: Field,
    /// Which element of a list-valued field (as in [`FieldMatch::item`]).
    pub item: usize,
    /// The word of the text it matched, as written there (for a scattered-letter match,
    /// the whole short text).
    pub found_as: String,
    /// True when the match is a typo correction.
    pub typo: bool,
    /// True when the text has the word itself (folded), not a form of it.
    pub same_word: bool,
    /// True when the text has another word of the query word's thesaurus group
    /// (`legal` for `lawyer`).
    pub synonym: bool,
}

impl std::fmt::Display for WordMatch {
    /// `'dental' in name`, `'income' in eligibility (as 'incomes')`,
    /// `'shleter' read as 'shelter' in name`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let found = crate::text::one_line(&self.found_as);
        if self.typo {
            write!(
                f,
                "'{}' read as '{found}' in {}",
                self.term,
                self.field.key()
            )
        } else if self.same_word {
            write!(f, "'{}' in {}", self.term, self.field.key())
        } else {
            write!(f, "'{}' in {} (as '{found}')", self.term, self.field.key())
        }
    }
}

/// Where in the original (unfolded) text a query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    pub field: Field,
    /// For list-valued fields, which element (e.g. the index into `Service::needs`); 0 otherwise.
    /// `Contact`: the index into `Service::contacts`; `Translation`: the position in
    /// `Service::translations` (in key order); `Populations`, `Languages`: the index into
    /// those lists.
    pub item: usize,
    /// Byte ranges into the original string, on char boundaries, sorted, not overlapping.
    /// The string is the name for `Need`, `Region`, `Organisation` and `Contact` (empty
    /// ranges when only a synonym, alias or role matched); for `Translation`, its first
    /// text that matched (name, description, eligibility, how to refer).
    pub ranges: Vec<Range<usize>>,
}

/// Whether a service is open at the query's `open_at` moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    Open,
    Closed,
    /// No structured opening hours: kept, after the open ones, marked "hours unknown".
    Unknown,
}

/// What the operator asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// Free text: plain words, ranked by relevance (services matching more of them first;
    /// a word no service mentions is dropped), and fzf's operators, which must hold:
    /// `'exact`, `^prefix`, `suffix$`, `!negation`.
    pub text: String,
    /// Any of these needs (or their sub-needs).
    pub needs: Vec<NeedIdx>,
    pub region: Option<RegionIdx>,
    /// A language code the service is offered in.
    pub language: Option<String>,
    /// A target population, matched folded.
    pub population: Option<String>,
    /// Keep only services open at this moment (and those with unknown hours, after them).
    pub open_at: Option<jiff::Timestamp>,
    pub include_inactive: bool,
    /// Read words naming a region as text, not as the region filter.
    pub no_place_words: bool,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub service: ServiceIdx,
    pub score: i64,
    pub matches: Vec<FieldMatch>,
    /// The level of the service's region that made it match (without a region filter, the
    /// widest level of its service area). `Country` reads "national".
    pub coverage: RegionLevel,
    /// Why it matched, as values (see [`Hit::why`] for the English), for a front end that
    /// says them in another language.
    pub reasons: Vec<Reason>,
    /// Set when the query had `open_at`.
    pub open: Option<OpenState>,
    /// Per query word it matched, the strongest field and as what.
    pub words: Vec<WordMatch>,
    /// The query's plain words this service matches, and those it does not (dropped words
    /// included), as typed.
    pub matched_terms: Vec<String>,
    pub missing_terms: Vec<String>,
}

impl Hit {
    /// Why it matched, in English words with the catalogue's names: the reasons joined by
    /// `; `. Formatted when asked, not for every hit of every keystroke.
    pub fn why(&self) -> String {
        why::english(&self.reasons)
    }
}

/// A search's hits with what the query as a whole came to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Plain words no service mentions: dropped, and to be said so.
    pub dropped: Vec<String>,
    /// The region named by query words, acting as the region filter.
    pub place: Option<PlaceWords>,
    /// True when the query had plain words and no service mentions any of them: nothing
    /// is listed, and there are no "other words" to show matches for.
    pub all_dropped: bool,
}

/// Runs a query; every hit, in the one total order (see the [`rank`] module).
pub fn search(index: &Index, query: &Query) -> Vec<Hit> {
    search_limited(index, query, 0)
}

/// Runs a query and keeps the first `limit` hits in the one total order (0: all). Only the
/// kept hits get their `why` and highlight ranges, so a first screen costs what the
/// matching costs, whatever the catalogue's size.
pub fn search_limited(index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
    search_found(index, query, limit).hits
}

/// Like [`search_limited`], with the words dropped and the place read from the query.
pub fn search_found(index: &Index, query: &Query, limit: usize) -> Found {
    let prepared = Prepared::new(index, query);
    let kept = rank_all(&prepared);
    let all_dropped = !prepared.words.is_empty() && prepared.words.iter().all(|w| w.is_missing());
    Found {
        all_dropped,
        hits: materialise(&prepared, kept, limit),
        dropped: prepared
            .words
            .iter()
            .filter(|w| w.is_missing())
            .map(|w| w.word.original.clone())
            .collect(),
        place: prepared.place.clone(),
    }
}

/// Search for typing. Since words no longer all must match, a longer query can list
/// services a shorter one did not, so every keystroke scores the whole index (the word
/// index makes that cheap): a searcher keeps no state, and the type stays only so callers
/// written against round one's incremental searcher keep working.
#[derive(Default)]
pub struct Searcher;

impl Searcher {
    pub fn new() -> Self {
        Searcher
    }

    /// Like [`search_limited`].
    pub fn search(&mut self, index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
        self.search_found(index, query, limit).hits
    }

    /// Like [`search_found`].
    pub fn search_found(&mut self, index: &Index, query: &Query, limit: usize) -> Found {
        search_found(index, query, limit)
    }

    /// Nothing to forget: kept for callers that reset after a reload.
    pub fn reset(&mut self) {}
}

/// Every kept service, unsorted, with its open state judged.
fn rank_all(prepared: &Prepared) -> Vec<Ranked> {
    let index = prepared.index;
    let judge = |service: usize| -> Option<Ranked> {
        let candidate = prepared.candidate(service)?;
        let open = match prepared.query.open_at {
            None => None,
            Some(at) => match open_state(index, service, at) {
                OpenState::Closed => return None,
                state => Some(state),
            },
        };
        Some(Ranked { candidate, open })
    };
    (0..index.len()).into_par_iter().filter_map(judge).collect()
}

/// Whether a service is open at `at`, from the index's parsed hours (`None`: unknown). For
/// views that ask again and again, such as the details pane on every frame.
pub fn is_open(index: &Index, service: ServiceIdx, at: jiff::Timestamp) -> Option<bool> {
    match open_state(index, service, at) {
        OpenState::Open => Some(true),
        OpenState::Closed => Some(false),
        OpenState::Unknown => None,
    }
}

/// Open, closed or unknown at `at`: no structured hours, or hours that say "unknown",
/// is unknown (a 24-hour line without structured hours must not vanish at night).
fn open_state(index: &Index, service: usize, at: jiff::Timestamp) -> OpenState {
    match index.hours(service) {
        None => OpenState::Unknown,
        Some(hours) => match index.hours_context.state(hours, at) {
            HoursState::Open => OpenState::Open,
            HoursState::Closed => OpenState::Closed,
            HoursState::Unknown => OpenState::Unknown,
        },
    }
}

/// Orders, keeps `limit`, and builds the hits with their `why` and ranges.
fn materialise(prepared: &Prepared, mut kept: Vec<Ranked>, limit: usize) -> Vec<Hit> {
    let index = prepared.index;
    let catalogue: &Catalogue = &index.catalogue;
    rank::top(catalogue, &mut kept, limit);
    let today = catalogue.today();
    let open_word = open_word(prepared.query.open_at);
    kept.into_iter()
        .map(|ranked| {
            let c = ranked.candidate;
            let service = &catalogue.services[c.service];
            let (coverage, place) = rank::coverage(index, service, prepared.region, &c);
            let (matches, words) = highlight::explain(prepared, c.service);
            let mut why: Vec<Reason> = best_reasons(&words, &prepared.words);
            let marks = markers(service, ranked.open, &open_word, today);
            // A region read from the query is said last, so `why` ends with where it came
            // from.
            if prepared.place.is_some() {
                why.extend(marks);
                why.push(Reason::FromQuery(Box::new(place)));
            } else {
                why.push(place);
                why.extend(marks);
            }
            let (matched_terms, missing_terms) = prepared
                .words
                .iter()
                .partition::<Vec<_>, _>(|w| w.scores[c.service] > 0.0);
            let original = |w: Vec<&relevance::WordScores>| {
                w.into_iter().map(|w| w.word.original.clone()).collect()
            };
            Hit {
                service: c.service,
                score: c.score,
                matches,
                coverage,
                reasons: why,
                open: ranked.open,
                words,
                matched_terms: original(matched_terms),
                missing_terms: original(missing_terms),
            }
        })
        .collect()
}

/// Per query word, its strongest field (the word's own forms before its synonyms), in the
/// query's order.
fn best_reasons(found: &[WordMatch], words: &[relevance::WordScores]) -> Vec<Reason> {
    let mut said: Vec<String> = Vec::new();
    let mut out = Vec::new();
    // The word itself (in any form) before a synonym; then the strongest field.
    let best = |w: &relevance::WordScores| {
        let of_word = |m: &&WordMatch| m.term == w.word.original;
        let own = found.iter().filter(of_word).find(|m| !m.synonym);
        own.or_else(|| found.iter().find(of_word))
    };
    for m in words.iter().filter_map(best) {
        // Two words that read the same are said once.
        let text = m.to_string();
        if !said.contains(&text) {
            said.push(text);
            out.push(Reason::Word(m.clone()));
        }
    }
    out
}

/// "open now" when the query asks about the present (within a minute of the one clock),
/// else "open at that time": `--open-at` tomorrow morning must not read "open now".
fn open_word(open_at: Option<jiff::Timestamp>) -> Reason {
    let now = crate::clock::now();
    match open_at {
        Some(at) if (at.as_second() - now.as_second()).abs() > 60 => Reason::OpenThen,
        _ => Reason::OpenNow,
    }
}

/// The marks a hit carries after its place: open state, status, a live alert.
fn markers(
    service: &crate::catalogue::Service,
    open: Option<OpenState>,
    open_word: &Reason,
    today: jiff::civil::Date,
) -> Vec<Reason> {
    let mut marks = Vec::new();
    match open {
        Some(OpenState::Open) => marks.push(open_word.clone()),
        Some(OpenState::Unknown) => marks.push(Reason::HoursUnknown),
        _ => {}
    }
    match service.status {
        crate::catalogue::Status::TemporarilyClosed => marks.push(Reason::TemporarilyClosed),
        crate::catalogue::Status::Inactive => marks.push(Reason::Inactive),
        crate::catalogue::Status::Active => {}
    }
    if let Some(alert) = service
        .alert
        .as_ref()
        .filter(|a| Catalogue::alert_is_live(a, today))
    {
        marks.push(Reason::Alert(crate::text::one_line(&alert.text)));
    }
    marks
}

/// Why a name could not be resolved to one need or region.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing close; the closest candidates (ids) are listed.
    #[error("nothing matches '{input}'{}", closest(candidates))]
    NotFound {
        input: String,
        candidates: Vec<String>,
    },
    /// Several match equally well.
    #[error("several match '{input}'{}", closest(candidates))]
    Ambiguous {
        input: String,
        candidates: Vec<String>,
    },
}

fn closest(candidates: &[String]) -> String {
    if candidates.is_empty() {
        String::new()
    } else {
        format!("; closest: {}", candidates.join(", "))
    }
}
