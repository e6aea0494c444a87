//! The one total order, and the words that say why a service matched.
//!
//! Hits are ordered by, in turn:
//! 0. with "open at": services known to be open before those with unknown hours;
//! 1. match tier: services matching all the query's plain words before those matching
//!    fewer (a word no service mentions is unmatched for every service, so it changes
//!    nothing); among the fewer, how many and how rare is the relevance of step 4;
//! 2. with a region filter (given, or named in the query), locality: services of the
//!    region itself, then of each enclosing region outward (district, oblast, national),
//!    then of its sub-regions (nearer first);
//! 3. more of the requested needs covered;
//! 4. text relevance (BM25F, see `relevance`; all equal with no words);
//! 5. verified more recently (never verified last);
//! 6. name, then catalogue order, so the order is total and stable.

use super::matching::{Candidate, SUB_REGION_RANK};
use super::{Index, OpenState, Reason};
use crate::catalogue::{Catalogue, RegionIdx, RegionLevel, Service};
use std::cmp::Ordering;

/// A kept service with everything its place in the order depends on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ranked {
    pub candidate: Candidate,
    pub open: Option<OpenState>,
}

/// Compares two kept services in the one total order.
pub(crate) fn compare(catalogue: &Catalogue, a: &Ranked, b: &Ranked) -> Ordering {
    let (ca, cb) = (&a.candidate, &b.candidate);
    open_rank(a.open)
        .cmp(&open_rank(b.open))
        .then(cb.all_words.cmp(&ca.all_words))
        .then(ca.locality.cmp(&cb.locality))
        .then(cb.needs_covered.cmp(&ca.needs_covered))
        .then(cb.score.cmp(&ca.score))
        .then(cb.verified.cmp(&ca.verified))
        .then_with(|| {
            let (sa, sb) = (
                &catalogue.services[ca.service],
                &catalogue.services[cb.service],
            );
            sa.name.cmp(&sb.name)
        })
        .then(ca.service.cmp(&cb.service))
}

fn open_rank(open: Option<OpenState>) -> u8 {
    match open {
        Some(OpenState::Open) | None => 0,
        Some(OpenState::Unknown) => 1,
        Some(OpenState::Closed) => 2,
    }
}

/// Sorts `ranked` and keeps the first `limit` (0: all). With a limit, a partial selection
/// first, so only the kept few are fully sorted.
pub(crate) fn top(catalogue: &Catalogue, ranked: &mut Vec<Ranked>, limit: usize) {
    let cmp = |a: &Ranked, b: &Ranked| compare(catalogue, a, b);
    if limit > 0 && limit < ranked.len() {
        ranked.select_nth_unstable_by(limit - 1, cmp);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(cmp);
}

/// The coverage level and the words for it: what made the service match the region
/// filter, or, without one, the widest level of its service area.
pub(crate) fn coverage(
    index: &Index,
    service: &Service,
    region: Option<RegionIdx>,
    candidate: &Candidate,
) -> (RegionLevel, Reason) {
    let catalogue = &index.catalogue;
    match (region, candidate.via) {
        (Some(wanted), Some(via)) => explain(catalogue, wanted, via, candidate.locality),
        _ => widest(catalogue, service),
    }
}

fn explain(
    catalogue: &Catalogue,
    wanted: RegionIdx,
    via: RegionIdx,
    locality: u16,
) -> (RegionLevel, Reason) {
    let via_region = &catalogue.regions[via];
    let level = via_region.level;
    let why = if level == RegionLevel::Country {
        Reason::National
    } else if locality == 0 {
        serves(catalogue, via)
    } else if locality < SUB_REGION_RANK {
        Reason::Covers {
            region: via_region.name.clone(),
            contains: catalogue.regions[wanted].name.clone(),
        }
    } else {
        Reason::Serves {
            region: via_region.name.clone(),
            inside: Some(catalogue.regions[wanted].name.clone()),
        }
    };
    (level, why)
}

/// "serves X, inside Parent" (the parent left out when it is the country).
fn serves(catalogue: &Catalogue, region: RegionIdx) -> Reason {
    let r = &catalogue.regions[region];
    let inside = r
        .parent
        .map(|p| &catalogue.regions[p])
        .filter(|parent| parent.level != RegionLevel::Country)
        .map(|parent| parent.name.clone());
    Reason::Serves {
        region: r.name.clone(),
        inside,
    }
}

fn widest(catalogue: &Catalogue, service: &Service) -> (RegionLevel, Reason) {
    let Some(&widest) = service
        .regions
        .iter()
        .min_by_key(|&&r| catalogue.regions[r].level)
    else {
        return (RegionLevel::Country, Reason::AreaNotStated);
    };
    let level = catalogue.regions[widest].level;
    if level == RegionLevel::Country {
        return (level, Reason::National);
    }
    if service.regions.len() == 1 {
        return (level, serves(catalogue, widest));
    }
    let regions: Vec<String> = service
        .regions
        .iter()
        .take(3)
        .map(|&r| catalogue.regions[r].name.clone())
        .collect();
    let more = service.regions.len().saturating_sub(3);
    (level, Reason::ServesMany { regions, more })
}
