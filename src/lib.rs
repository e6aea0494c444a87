//! Pathways: a fast, keyboard-first terminal directory of assistance services and referral
//! pathways, for hotline operators and case workers.
//!
//! Data flows one way: `catalogue` (TOML → validated model) → `search` (index, query → hits)
//! → `tui` / `cli` → `referral` (draft → note → clipboard, file, stdout; history).
//!
//! ```
//! use pathways::catalogue::load_embedded;
//! use pathways::search::{Index, Query, resolve_region, search};
//! use std::sync::Arc;
//!
//! // The caller is in Buda-Koshelevo and has nowhere to sleep.
//! let catalogue = Arc::new(load_embedded().expect("the embedded catalogue loads"));
//! let region = resolve_region(&catalogue, "Буда-Кошелёво").expect("a district");
//! let query = Query { text: "zhile".into(), region: Some(region), ..Query::default() };
//! let hits = search(&Index::build(catalogue.clone()), &query);
//! let first = &catalogue.services[hits[0].service];
//! assert_eq!(first.id, "iom-shelter");
//! assert_eq!(hits[0].why(), "'zhile' in needs; national service");
//! ```

pub mod card;
pub mod catalogue;
pub mod cli;
pub mod clipboard;
pub mod clock;
pub mod config;
pub mod context;
pub mod error;
pub mod fsutil;
pub mod hsds;
pub mod i18n;
pub mod memory;
pub mod output;
pub mod referral;
pub mod search;
pub mod text;
pub mod tui;
