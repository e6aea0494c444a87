//! The interactive directory, in the Elm style: [`App`] state, [`Action`]s from one key
//! table per mode (`keys.rs`, which also renders help), a pure [`update`], a pure [`view`]
//! (one file per pane or popup, `view/`), the referral composer's form state
//! (`compose.rs`) and the pickers' (`picker.rs`); the event loop (`event_loop.rs`) is the
//! only place with side effects, and `terminal.rs` guarantees the terminal is restored.

mod action;
mod app;
mod compose;
mod counts;
mod event_loop;
mod follow_ups;
pub mod keys;
mod message_ids;
mod notes;
mod picker;
mod search_job;
mod terminal;
pub mod text_field;
mod theme;
mod update;
mod view;
mod watch;

pub use action::{Action, Delivery, Effect, HistoryStats};
pub use app::{App, Filters, Focus, Gone, Options, Overlay};
pub use compose::{Composer, FieldKind, FormField};
pub use counts::CatalogueStats;
pub use follow_ups::{DueItem, FollowUps, PICKS};
pub use notes::{delivered_message, purge_old_notes};
pub use picker::{PickItem, PickValue, Picker, PickerKind};
pub use search_job::{FilterKind, Outcome, Runner};
pub use theme::Theme;
pub use update::{EMBEDDED_HINT, READ_ONLY, update};
pub use view::{NARROW, WIDE, view};

use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::referral::{Template, cutoff_now};
use std::io::IsTerminal;

/// Whether a terminal of this `TERM` can draw the directory: not when it is unset, empty
/// or `dumb` (an editor's shell buffer, a CI log); every named type can, `linux` and
/// `vt100` included.
pub fn term_can_draw(term: Option<&str>) -> bool {
    !matches!(term.map(str::trim), None | Some("" | "dumb"))
}

/// Opens the TUI on the catalogue in use. Without a terminal: exit 2 with a hint.
pub fn run(context: &Context) -> CliResult {
    let lang = context.lang();
    if !term_can_draw(std::env::var("TERM").ok().as_deref()) {
        return Err(CliError::bad_input(lang.t("tui-no-terminal-type"))
            .with_hint(lang.t("tui-no-terminal-type-hint")));
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::bad_input(lang.t("tui-needs-terminal"))
            .with_hint(lang.t("tui-needs-terminal-hint")));
    }
    // A directory holds its catalogue for hours beside other operators' directories: from
    // here on its memory comes from the compact heap (the catalogue loads after this line).
    crate::memory::use_compact_heap();
    let config = &context.config;
    // A template that is not there fails before the catalogue is loaded.
    let template = Template::find(context.template_name(), config.templates_dir.as_deref())
        .map_err(|e| {
            CliError::bad_input(crate::context::texts::template_error(&e))
                .with_hint(lang.t("tui-template-hint"))
        })?;
    let index = context.search_index_to_own()?;
    crate::memory::return_free_memory();
    let app = App::with_index(
        index,
        Options {
            color: context.color,
            default_region: config.default_region.clone(),
            config: context.config.clone(),
            template: Some(template),
            lang: context.lang(),
        },
    );
    let history = &context.config.history;
    let paths = &context.paths;
    let notes_dir = paths.notes_dir();
    let settings = event_loop::Settings {
        origin: context.catalogue_origin(),
        clipboard: context.config.clipboard.clone(),
        history: match (history.enabled, paths.referral_log(), paths.history_file()) {
            (false, ..) => event_loop::History::Off,
            (true, Ok(log), Ok(jsonl)) => event_loop::History::On(event_loop::LogPaths {
                log,
                jsonl,
                keep_days: history.keep_days,
                team: crate::referral::TeamLog::from_config(config),
            }),
            (true, ..) => event_loop::History::NoHome,
        },
        store_case_ref: history.store_case_ref,
        draft_file: paths.draft_file(config.operator.as_deref()),
        // Absolute, so the status line names the note's file wherever the TUI was started.
        notes_dir: notes_dir.map(|dir| std::path::absolute(&dir).unwrap_or(dir)),
        // A clock pinned ahead purges nothing, notes included.
        notes_cutoff: cutoff_now(history.keep_days).before(),
    };
    event_loop::run(app, settings)
}
