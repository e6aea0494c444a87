//! Pathways: a fast, keyboard-first terminal directory of assistance services and referral
//! pathways, for hotline operators and case workers.
//!
//! Data flows one way: `catalogue` (TOML → validated model) → `search` (index, query → hits)
//! → `tui` / `cli` → `referral` (draft → note → clipboard, file, stdout; history).

pub mod card;
pub mod catalogue;
pub mod cli;
pub mod clipboard;
pub mod clock;
pub mod config;
pub mod fsutil;
pub mod hours;
pub mod referral;
pub mod search;
pub mod synthetic;
pub mod text;
pub mod tui;
