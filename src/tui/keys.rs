//! The key map: one table per mode, each row a key list, the action, and the message id of
//! the words the help overlay shows (`locales/*/tui.ftl`). Help is rendered from these same
//! tables, so it cannot drift.

use super::action::Action;
use super::app::{App, Focus, Overlay};
use super::picker::PickerKind;
use super::text_field::Edit;
use crate::i18n::Lang;
use crate::referral::Status;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the tables name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A plain character (Shift allowed, since it changes the character itself).
    Ch(char),
    Ctrl(char),
    Alt(char),
    Code(KeyCode),
    /// Any printable character: typed as text.
    Text,
}

impl Key {
    /// How help shows the key.
    pub fn label(self) -> String {
        match self {
            Key::Ch(' ') => "Space".to_string(),
            Key::Ch(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Alt(c) => format!("Alt-{c}"),
            Key::Text => "text".to_string(),
            Key::Code(code) => match code {
                KeyCode::Up => "Up".to_string(),
                KeyCode::Down => "Down".to_string(),
                KeyCode::PageUp => "PgUp".to_string(),
                KeyCode::PageDown => "PgDn".to_string(),
                KeyCode::Esc => "Esc".to_string(),
                KeyCode::Enter => "Enter".to_string(),
                KeyCode::Tab => "Tab".to_string(),
                KeyCode::BackTab => "Shift-Tab".to_string(),
                KeyCode::Backspace => "Backspace".to_string(),
                KeyCode::Left => "Left".to_string(),
                KeyCode::Right => "Right".to_string(),
                KeyCode::Home => "Home".to_string(),
                KeyCode::End => "End".to_string(),
                KeyCode::Delete => "Delete".to_string(),
                other => other.to_string(),
            },
        }
    }

    /// How help shows the key in `lang`: key names stay as printed on keyboards, the
    /// stand-in for typed text is a word.
    pub fn label_in(self, lang: Lang) -> String {
        match self {
            Key::Text => lang.t("tui-key-name-text"),
            other => other.label(),
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match (self, event.code) {
            (Key::Ch(c), KeyCode::Char(e)) => !ctrl && !alt && c == e,
            (Key::Ctrl(c), KeyCode::Char(e)) => ctrl && !alt && c == e.to_ascii_lowercase(),
            (Key::Alt(c), KeyCode::Char(e)) => alt && !ctrl && c == e,
            (Key::Text, KeyCode::Char(e)) => !ctrl && !alt && !e.is_control(),
            (Key::Code(c), code) => c == code,
            _ => false,
        }
    }
}

/// One row of a key table.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The message id of what the keys do.
    pub help: &'static str,
}

/// A titled table, as the help overlay shows it.
pub struct Section {
    /// The message id of the table's title.
    pub title: &'static str,
    pub bindings: &'static [Binding],
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { keys, action, help }
}

use Key::{Alt, Ch, Code, Ctrl};

/// Keys that work in every mode (never text, so they can be pressed mid-typing).
pub static GLOBAL: &[Binding] = &[
    bind(&[Code(KeyCode::F(1))], Action::Help, "tui-key-help"),
    bind(
        &[Ctrl('l')],
        Action::NewCall,
        "tui-key-repaint-twice-new-call-clears-query",
    ),
    bind(&[Ctrl('c')], Action::Quit, "tui-key-quit"),
];

/// Editing keys of every text field: the query line, a picker's filter and the
/// composer's text fields (where Left/Right still choose on a choice field).
pub static EDITING: &[Binding] = &[
    bind(
        &[Code(KeyCode::Left)],
        Action::Text(Edit::Left),
        "tui-key-cursor-left",
    ),
    bind(
        &[Code(KeyCode::Right)],
        Action::Text(Edit::Right),
        "tui-key-cursor-right",
    ),
    bind(
        &[Code(KeyCode::Home), Ctrl('a')],
        Action::Text(Edit::Start),
        "tui-key-to-the-start",
    ),
    bind(
        &[Code(KeyCode::End), Ctrl('e')],
        Action::Text(Edit::End),
        "tui-key-to-the-end",
    ),
    bind(
        &[Alt('b')],
        Action::Text(Edit::WordLeft),
        "tui-key-a-word-left",
    ),
    bind(
        &[Alt('f')],
        Action::Text(Edit::WordRight),
        "tui-key-a-word-right",
    ),
    bind(
        &[Code(KeyCode::Backspace)],
        Action::Text(Edit::DeleteBack),
        "tui-key-delete-the-character-before-the-cursor",
    ),
    bind(
        &[Code(KeyCode::Delete)],
        Action::Text(Edit::DeleteForward),
        "tui-key-delete-the-character-under-the-cursor",
    ),
    bind(
        &[Ctrl('w')],
        Action::Text(Edit::DeleteWord),
        "tui-key-delete-the-word-before-the-cursor",
    ),
    bind(
        &[Ctrl('u')],
        Action::Text(Edit::Clear),
        "tui-key-clear-the-field",
    ),
];

/// Moving the selection, shared by the query line and the list (as in fzf).
static MOVES: &[Binding] = &[
    bind(
        &[Code(KeyCode::Up), Ctrl('p'), Ctrl('k')],
        Action::MoveUp,
        "tui-key-previous-service",
    ),
    bind(
        &[Code(KeyCode::Down), Ctrl('n'), Ctrl('j')],
        Action::MoveDown,
        "tui-key-next-service",
    ),
    bind(&[Code(KeyCode::PageUp)], Action::PageUp, "tui-key-page-up"),
    bind(
        &[Code(KeyCode::PageDown)],
        Action::PageDown,
        "tui-key-page-down",
    ),
];

/// Keys on the query line: every printable key is text.
pub static QUERY: &[Binding] = &[
    bind(
        &[Key::Text],
        Action::Text(Edit::Insert(' ')),
        "tui-key-type-to-search",
    ),
    bind(
        &[Code(KeyCode::Esc)],
        Action::Escape,
        "tui-key-clear-the-query-again-the-filters",
    ),
    bind(
        &[Code(KeyCode::Enter)],
        Action::Submit,
        "tui-key-refer-open-the-composer",
    ),
    bind(
        &[Code(KeyCode::Tab)],
        Action::FocusNext,
        "tui-key-focus-the-list",
    ),
    bind(
        &[Code(KeyCode::BackTab)],
        Action::FocusPrev,
        "tui-key-focus-the-details",
    ),
    bind(&[Ctrl('r')], Action::Reload, "tui-key-reload-the-catalogue"),
    bind(
        &[Ctrl('g')],
        Action::TogglePlaceWords,
        "tui-key-place-names-in-the-query-region",
    ),
];

/// Keys in the results list (single letters act here, never on the query line).
pub static LIST: &[Binding] = &[
    bind(&[Ch('j')], Action::MoveDown, "tui-key-next-service"),
    bind(&[Ch('k')], Action::MoveUp, "tui-key-previous-service"),
];

/// Keys in the details pane.
pub static DETAILS: &[Binding] = &[
    bind(
        &[Code(KeyCode::Up), Ch('k')],
        Action::MoveUp,
        "tui-key-scroll-up",
    ),
    bind(
        &[Code(KeyCode::Down), Ch('j')],
        Action::MoveDown,
        "tui-key-scroll-down",
    ),
    bind(
        &[Code(KeyCode::PageUp)],
        Action::PageUp,
        "tui-key-scroll-a-page-up",
    ),
    bind(
        &[Code(KeyCode::PageDown)],
        Action::PageDown,
        "tui-key-scroll-a-page-down",
    ),
];

/// Commands in the list and the details (single letters act here, never on the query line).
pub static COMMANDS: &[Binding] = &[
    bind(
        &[Code(KeyCode::Enter)],
        Action::Submit,
        "tui-key-refer-open-the-composer",
    ),
    bind(
        &[Ch('/'), Code(KeyCode::Esc)],
        Action::FocusQuery,
        "tui-key-back-to-the-query-line",
    ),
    bind(
        &[Code(KeyCode::Tab)],
        Action::FocusNext,
        "tui-key-next-pane",
    ),
    bind(
        &[Code(KeyCode::BackTab)],
        Action::FocusPrev,
        "tui-key-previous-pane",
    ),
    bind(
        &[Ch('n')],
        Action::OpenPicker(PickerKind::Need),
        "tui-key-pick-needs",
    ),
    bind(
        &[Ch('r')],
        Action::OpenPicker(PickerKind::Region),
        "tui-key-pick-the-region",
    ),
    bind(
        &[Ch('l')],
        Action::OpenPicker(PickerKind::Language),
        "tui-key-pick-the-language",
    ),
    bind(
        &[Ch('p')],
        Action::OpenPicker(PickerKind::Population),
        "tui-key-pick-the-population",
    ),
    bind(
        &[Ch('o')],
        Action::ToggleOpenNow,
        "tui-key-only-services-open-now",
    ),
    bind(
        &[Ch(' ')],
        Action::ToggleBasket,
        "tui-key-add-to-remove-from-the-referral",
    ),
    bind(
        &[Ch('c')],
        Action::Compose,
        "tui-key-compose-the-referral-basket-else-the",
    ),
    bind(
        &[Ch('y')],
        Action::CopyCard,
        "tui-key-copy-the-public-contact-card",
    ),
    bind(&[Ch('s')], Action::Stats, "tui-key-statistics"),
    bind(
        &[Ch('f')],
        Action::FollowUps,
        "tui-key-follow-ups-due-set-outcomes",
    ),
    bind(
        &[Ch('e')],
        Action::Edit,
        "tui-key-edit-the-service-in-editor",
    ),
    bind(&[Ctrl('r')], Action::Reload, "tui-key-reload-the-catalogue"),
    bind(
        &[Ctrl('g')],
        Action::TogglePlaceWords,
        "tui-key-place-names-in-the-query-region",
    ),
    bind(&[Ch('?')], Action::Help, "tui-key-help"),
    bind(&[Ch('q')], Action::Quit, "tui-key-quit"),
];

/// Keys in a picker (modal: typing filters).
pub static PICKER: &[Binding] = &[
    bind(
        &[Key::Text],
        Action::Text(Edit::Insert(' ')),
        "tui-key-type-to-filter",
    ),
    bind(
        &[Code(KeyCode::Up), Ctrl('p'), Ctrl('k')],
        Action::MoveUp,
        "tui-key-previous-item",
    ),
    bind(
        &[Code(KeyCode::Down), Ctrl('n'), Ctrl('j')],
        Action::MoveDown,
        "tui-key-next-item",
    ),
    bind(&[Code(KeyCode::PageUp)], Action::PageUp, "tui-key-page-up"),
    bind(
        &[Code(KeyCode::PageDown)],
        Action::PageDown,
        "tui-key-page-down",
    ),
    bind(
        &[Code(KeyCode::Tab)],
        Action::PickerToggle,
        "tui-key-mark-a-need-needs-only",
    ),
    bind(
        &[Code(KeyCode::Enter)],
        Action::PickerApply,
        "tui-key-apply",
    ),
    bind(
        &[Code(KeyCode::Esc)],
        Action::PickerCancel,
        "tui-key-cancel",
    ),
];

/// Keys in the referral composer (modal: in text fields keys are text).
pub static COMPOSE: &[Binding] = &[
    bind(
        &[Key::Text],
        Action::Text(Edit::Insert(' ')),
        "tui-key-type-in-a-text-field-space",
    ),
    bind(
        &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        Action::FocusNext,
        "tui-key-next-field",
    ),
    bind(
        &[Code(KeyCode::Enter)],
        Action::Submit,
        "tui-key-next-field-or-list",
    ),
    bind(
        &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        Action::FocusPrev,
        "tui-key-previous-field",
    ),
    bind(
        &[Code(KeyCode::Left)],
        Action::CycleLeft,
        "tui-key-previous-choice-in-text-cursor-left",
    ),
    bind(
        &[Code(KeyCode::Right)],
        Action::CycleRight,
        "tui-key-next-choice-in-text-cursor-right",
    ),
    bind(&[Ctrl('y')], Action::CopyNote, "tui-key-copy-the-note"),
    bind(
        &[Ctrl('o')],
        Action::WriteNote,
        "tui-key-write-the-note-to-a-file",
    ),
    bind(&[Ctrl('x')], Action::DropGone, "tui-key-remove-gone"),
    bind(
        &[Ctrl('t')],
        Action::TogglePreview,
        "tui-key-form-preview-narrow-screens",
    ),
    bind(
        &[Code(KeyCode::PageUp)],
        Action::PageUp,
        "tui-key-scroll-the-preview-up",
    ),
    bind(
        &[Code(KeyCode::PageDown)],
        Action::PageDown,
        "tui-key-scroll-the-preview-down",
    ),
    bind(
        &[Code(KeyCode::Esc)],
        Action::CloseOverlay,
        "tui-key-back-to-the-list-draft-kept",
    ),
];

/// Keys in the help and statistics overlays.
pub static OVERLAY: &[Binding] = &[
    bind(
        &[Code(KeyCode::Up), Ch('k')],
        Action::MoveUp,
        "tui-key-scroll-up",
    ),
    bind(
        &[Code(KeyCode::Down), Ch('j')],
        Action::MoveDown,
        "tui-key-scroll-down",
    ),
    bind(
        &[Code(KeyCode::Esc), Ch('q'), Ch('?')],
        Action::CloseOverlay,
        "tui-key-close",
    ),
];

/// Keys in the follow-up view (the referrals due).
pub static FOLLOW_UPS: &[Binding] = &[
    bind(
        &[Code(KeyCode::Up), Ch('k')],
        Action::MoveUp,
        "tui-key-previous-follow-up",
    ),
    bind(
        &[Code(KeyCode::Down), Ch('j')],
        Action::MoveDown,
        "tui-key-next-follow-up",
    ),
    bind(&[Code(KeyCode::PageUp)], Action::PageUp, "tui-key-page-up"),
    bind(
        &[Code(KeyCode::PageDown)],
        Action::PageDown,
        "tui-key-page-down",
    ),
    bind(
        &[Code(KeyCode::Enter)],
        Action::Submit,
        "tui-key-set-its-outcome-enter-again-attended",
    ),
    bind(
        &[Code(KeyCode::Esc), Ch('q')],
        Action::CloseOverlay,
        "tui-key-close",
    ),
];

/// Keys in the outcome picker of the follow-up view: a letter records at once.
pub static OUTCOMES: &[Binding] = &[
    bind(
        &[Code(KeyCode::Up), Ch('k')],
        Action::MoveUp,
        "tui-key-previous-status",
    ),
    bind(
        &[Code(KeyCode::Down), Ch('j')],
        Action::MoveDown,
        "tui-key-next-status",
    ),
    bind(
        &[Code(KeyCode::Enter)],
        Action::Submit,
        "tui-key-record-the-status-under-the-cursor",
    ),
    bind(
        &[Ch('t')],
        Action::SetOutcome(Status::Attended),
        "tui-key-attended",
    ),
    bind(
        &[Ch('a')],
        Action::SetOutcome(Status::Accepted),
        "tui-key-accepted",
    ),
    bind(
        &[Ch('s')],
        Action::SetOutcome(Status::DeclinedByService),
        "tui-key-declined-by-the-service",
    ),
    bind(
        &[Ch('c')],
        Action::SetOutcome(Status::DeclinedByClient),
        "tui-key-declined-by-the-client",
    ),
    bind(
        &[Ch('n')],
        Action::SetOutcome(Status::NoContact),
        "tui-key-no-contact",
    ),
    bind(
        &[Ch('r')],
        Action::SetOutcome(Status::ReferredOn),
        "tui-key-referred-on",
    ),
    bind(
        &[Ch('x')],
        Action::SetOutcome(Status::Closed),
        "tui-key-closed",
    ),
    bind(
        &[Code(KeyCode::Esc)],
        Action::CloseOverlay,
        "tui-key-back-to-the-list",
    ),
];

/// Every table, in the order help shows them.
pub fn sections() -> [Section; 11] {
    [
        Section {
            title: "tui-keys-query-line",
            bindings: QUERY,
        },
        Section {
            title: "tui-keys-query-line-and-list",
            bindings: MOVES,
        },
        Section {
            title: "tui-keys-list",
            bindings: LIST,
        },
        Section {
            title: "tui-keys-details",
            bindings: DETAILS,
        },
        Section {
            title: "tui-keys-list-and-details",
            bindings: COMMANDS,
        },
        Section {
            title: "tui-keys-text-fields-query-line-picker-filter",
            bindings: EDITING,
        },
        Section {
            title: "tui-keys-pickers",
            bindings: PICKER,
        },
        Section {
            title: "tui-keys-referral-composer",
            bindings: COMPOSE,
        },
        Section {
            title: "tui-keys-help-and-statistics",
            bindings: OVERLAY,
        },
        Section {
            title: "tui-keys-follow-ups",
            bindings: FOLLOW_UPS,
        },
        Section {
            title: "tui-keys-outcome-picker",
            bindings: OUTCOMES,
        },
    ]
}

/// Every table with its title, "Everywhere" first: what `pathways keys` prints and the help
/// overlay shows.
pub fn all_sections() -> Vec<Section> {
    std::iter::once(Section {
        title: "tui-keys-everywhere",
        bindings: GLOBAL,
    })
    .chain(sections())
    .collect()
}

/// The whole key reference in English (what `docs/tui.md` holds): plain (aligned
/// columns) or one Markdown table a mode.
pub fn reference(markdown: bool) -> String {
    reference_in(Lang::en(), markdown)
}

/// The whole key reference in `lang`.
pub fn reference_in(lang: Lang, markdown: bool) -> String {
    let mut out = String::new();
    for section in all_sections() {
        let title = lang.t(section.title);
        if markdown {
            out.push_str(&format!("### {title}\n\n| keys | does |\n|---|---|\n"));
        } else {
            out.push_str(&format!("{title}\n"));
        }
        for binding in section.bindings {
            let keys: Vec<String> = binding.keys.iter().map(|k| k.label_in(lang)).collect();
            let help = lang.t(binding.help);
            if markdown {
                out.push_str(&format!("| {} | {help} |\n", keys.join(", ")));
            } else {
                out.push_str(&format!("  {:<24}{help}\n", keys.join(" ")));
            }
        }
        out.push('\n');
    }
    out
}

/// The tables that apply in the app's current mode, most specific first.
pub fn tables(app: &App) -> Vec<&'static [Binding]> {
    let mode: Vec<&'static [Binding]> = match (&app.overlay, app.focus) {
        (Overlay::Picker(_), _) => vec![PICKER, EDITING],
        (Overlay::Compose(_), _) => vec![COMPOSE, EDITING],
        (Overlay::Help { .. } | Overlay::Stats { .. }, _) => vec![OVERLAY],
        (Overlay::FollowUps(view), _) if view.picking.is_some() => vec![OUTCOMES],
        (Overlay::FollowUps(_), _) => vec![FOLLOW_UPS],
        (Overlay::None, Focus::Query) => vec![MOVES, QUERY, EDITING],
        (Overlay::None, Focus::List) => vec![MOVES, LIST, COMMANDS],
        (Overlay::None, Focus::Details) => vec![DETAILS, COMMANDS],
    };
    std::iter::once(GLOBAL).chain(mode).collect()
}

/// What a key means in the app's current mode; `None` when it means nothing there.
pub fn action_for(app: &App, event: &KeyEvent) -> Option<Action> {
    tables(app)
        .into_iter()
        .flat_map(|table| table.iter())
        .find(|binding| binding.keys.iter().any(|key| key.matches(event)))
        .map(|binding| match (&binding.action, event.code) {
            (Action::Text(Edit::Insert(_)), KeyCode::Char(c)) => Action::Text(Edit::Insert(c)),
            (action, _) => action.clone(),
        })
}

/// The first key bound to `action` in `table`, as help shows it (for the status hints).
pub fn first_key(table: &[Binding], action: &Action) -> Option<String> {
    table
        .iter()
        .find(|binding| &binding.action == action)
        .and_then(|binding| binding.keys.first())
        .map(|key| key.label())
}
