//! The vocabulary of the TUI: what a key or event means ([`Action`]) and what the event
//! loop must do about it ([`Effect`]). Keys map to actions in `keys.rs`; `update` turns
//! actions into state changes and effects, so side effects stay in the event loop.

use super::follow_ups::DueItem;
use super::picker::PickerKind;
use super::search_job::Outcome;
use super::text_field::Edit;
use crate::referral::{Count, Draft, Note, Status};

/// Where a finished note goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// OSC 52 (and the system clipboard locally).
    Clipboard,
    /// A private file (0600) in the data directory.
    File,
}
use std::path::PathBuf;

/// What the statistics overlay shows of the referral history (no client data: counts).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoryStats {
    pub records: usize,
    /// Follow-ups due today or overdue.
    pub due: usize,
    pub by_need: Vec<Count>,
    pub by_region: Vec<Count>,
    /// Referral-service pairs by their latest outcome, `open` last.
    pub by_outcome: Vec<Count>,
    /// Why the history could not be read, if it could not.
    pub error: Option<String>,
}

/// Everything the operator (or the event loop) can ask of the TUI.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Text pasted (bracketed paste): typed in as one line, so a pasted newline never
    /// acts as Enter.
    Paste(String),
    /// An edit of the text field with focus: a typed character, Backspace, Ctrl-w, Ctrl-u,
    /// cursor moves, Delete (one vocabulary for every field).
    Text(Edit),
    /// Ctrl-l: repaint; with something to clear, ask, and a second Ctrl-l starts a new call.
    NewCall,
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    /// Esc on the query line: clear the query, then the filters.
    Escape,
    /// Enter: open the referral (for now: focus the details).
    Submit,
    FocusNext,
    FocusPrev,
    FocusQuery,
    OpenPicker(PickerKind),
    ToggleOpenNow,
    /// Ctrl-g: a region named in the query acts as the region filter, or stays text.
    TogglePlaceWords,
    ToggleBasket,
    Compose,
    /// `y`: copy the selected service's public contact card.
    CopyCard,
    Stats,
    Edit,
    Help,
    Quit,
    Reload,
    /// Esc or `q` in an overlay.
    CloseOverlay,
    /// Tab in the need picker: mark or unmark the item under the cursor.
    PickerToggle,
    PickerApply,
    PickerCancel,
    /// A finished search for the given generation of query and filters.
    Results(u64, Outcome),
    /// The referral history was read for the statistics overlay.
    HistoryLoaded(HistoryStats),
    /// `f`: open the follow-up view (the referrals due).
    FollowUps,
    /// The due referrals were read (or why not), with the count of due referrals.
    FollowUpsLoaded(Result<(Vec<DueItem>, usize), String>),
    /// In the outcome picker: record this status for the selected row.
    SetOutcome(Status),
    /// Composer: Left/Right on a choice field.
    CycleLeft,
    CycleRight,
    /// Composer: Ctrl-y copies the note, Ctrl-o writes it to a file.
    CopyNote,
    WriteNote,
    /// Composer: Ctrl-x removes the services the catalogue no longer lists.
    DropGone,
    /// Composer: Ctrl-t switches between the form and the preview when narrow.
    TogglePreview,
    /// The note went out (copied or written): the message says where.
    NoteDelivered(String),
    /// The terminal changed size (nothing to do but redraw; kept for the loop's clarity).
    Resize,
}

/// A side effect for the event loop to perform; `update` never performs one itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    Quit,
    /// Suspend, run the editor on the file at the line, resume, reload.
    EditAt {
        path: PathBuf,
        line: usize,
    },
    /// Reload the catalogue from disk.
    Reload,
    /// Read the referral history for the statistics overlay.
    LoadHistory,
    /// Read the due referrals for the follow-up view.
    LoadFollowUps,
    /// Record an outcome for one service of a referral (dated today), then reload.
    RecordOutcome {
        note_ref: String,
        service: String,
        status: Status,
    },
    /// Save the composer's draft (mode 0600), so it survives a dropped link.
    SaveDraft(Draft),
    /// Deliver a finished note, record it in the history and delete the saved draft.
    Deliver {
        note: Note,
        draft: Draft,
        to: Delivery,
    },
    /// Repaint the whole screen (Ctrl-l, as on a flaky SSH link).
    Repaint,
    /// Repaint, and delete the saved draft: a new call starts.
    ClearCall,
    /// Copy text to the clipboard (OSC 52, and the system clipboard locally).
    Copy(String),
}
