//! What the statistics overlay counts in the catalogue. Counted once when the overlay
//! opens (`update`), so drawing a frame never walks the services.

use crate::catalogue::{Catalogue, Status};
use jiff::civil::Date;

/// The catalogue's counts, by status, freshness and need.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogueStats {
    pub services: usize,
    pub active: usize,
    pub closed: usize,
    pub inactive: usize,
    pub stale: usize,
    pub alerts: usize,
    pub regions: usize,
    /// Services under each need (a parent counts its children's), in taxonomy order.
    pub by_need: Vec<(String, usize)>,
}

impl CatalogueStats {
    pub fn count(catalogue: &Catalogue, today: Date) -> CatalogueStats {
        let services = &catalogue.services;
        let count = |f: &dyn Fn(&crate::catalogue::Service) -> bool| {
            services.iter().filter(|s| f(s)).count()
        };
        CatalogueStats {
            services: services.len(),
            active: count(&|s| s.status == Status::Active),
            closed: count(&|s| s.status == Status::TemporarilyClosed),
            inactive: count(&|s| s.status == Status::Inactive),
            stale: count(&|s| catalogue.is_stale(s, today)),
            alerts: count(&|s| {
                s.alert
                    .as_ref()
                    .is_some_and(|a| Catalogue::alert_is_live(a, today))
            }),
            regions: catalogue.regions.len(),
            by_need: catalogue
                .needs
                .iter()
                .enumerate()
                .map(|(n, need)| {
                    let within = count(&|s| s.needs.iter().any(|&m| catalogue.need_within(m, n)));
                    (crate::text::one_line(&need.name), within)
                })
                .collect(),
        }
    }
}
