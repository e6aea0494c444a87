//! `update`: the one place state changes. Pure: it reads and writes `App` only, and asks
//! for side effects by returning an [`Effect`].

use super::action::Delivery;
use super::action::{Action, Effect};
use super::app::{App, Focus, Overlay};
use super::compose::{Composer, FieldKind, problem_text, render_error_text};
use super::counts::CatalogueStats;
use super::follow_ups::{DueItem, FollowUps, PICKS};
use super::picker::{self, PickValue, Picker, PickerKind};
use super::text_field::Edit;
use crate::catalogue::Origin;
use crate::i18n::t;
use crate::referral::{Draft, NoteFormat, PENDING_NOTE_REF, render};

/// Rows a page key moves (the loop does not tell update the pane height; a fixed page
/// keeps update pure and predictable).
pub const PAGE: usize = 10;

/// Applies one action.
pub fn update(app: &mut App, action: Action) -> Effect {
    if let Action::Paste(text) = action {
        return paste(app, &text);
    }
    if !matches!(
        action,
        Action::Results(..)
            | Action::Resize
            | Action::HistoryLoaded(_)
            | Action::FollowUpsLoaded(_)
    ) {
        app.status = None;
        app.intro = None;
        if action != Action::NewCall {
            app.new_call_asked = false;
        }
    }
    match action {
        Action::NewCall => return new_call(app),
        Action::Results(generation, outcome) => app.accept(generation, outcome),
        Action::Resize => {}
        Action::Quit => return Effect::Quit,
        Action::Help => toggle_help(app),
        Action::Stats => {
            app.overlay = Overlay::Stats { scroll: 0 };
            app.catalogue_stats = CatalogueStats::count(app.catalogue(), app.today);
            app.history = None;
            return Effect::LoadHistory;
        }
        Action::HistoryLoaded(stats) => app.history = Some(stats),
        Action::FollowUps => {
            app.overlay = Overlay::FollowUps(FollowUps::default());
            return Effect::LoadFollowUps;
        }
        Action::FollowUpsLoaded(loaded) => follow_ups_loaded(app, loaded),
        _ if matches!(app.overlay, Overlay::FollowUps(_)) => return follow_up_action(app, action),
        Action::CloseOverlay => close_overlay(app),
        Action::Reload => return reload(app),
        Action::Edit => return edit(app),
        Action::CopyCard => return copy_card(app),
        Action::Compose => return open_composer(app),
        Action::NoteDelivered(message) => {
            app.overlay = Overlay::None;
            app.draft = None;
            app.basket.clear();
            app.gone.clear();
            app.basket_changed();
            app.status = Some(message);
        }
        _ if matches!(app.overlay, Overlay::Compose(_)) => return compose_action(app, action),
        _ if matches!(app.overlay, Overlay::Picker(_)) => return picker_action(app, action),
        _ if app.overlay != Overlay::None => scroll_help(app, &action),
        _ => return browse_action(app, action),
    }
    Effect::None
}

/// F1 works everywhere; opening help over the composer keeps its draft for later.
fn toggle_help(app: &mut App) {
    let was_help = matches!(app.overlay, Overlay::Help { .. });
    close_overlay(app);
    if !was_help {
        app.overlay = Overlay::Help { scroll: 0 };
    }
}

/// Ctrl-l: always a repaint; with something of a call on screen the first asks (the
/// status line shows the question) and the second clears it all.
fn new_call(app: &mut App) -> Effect {
    if app.new_call_asked {
        app.new_call_asked = false;
        app.new_call();
        app.status = Some(app.lang.t("tui-new-call-ready"));
        Effect::ClearCall
    } else {
        app.new_call_asked = app.holds_a_call();
        Effect::Repaint
    }
}

/// The question Ctrl-l asks before clearing a call (a message id).
pub const NEW_CALL_QUESTION: &str = "tui-new-call-question";

/// The edit a text action asks for, if it is one.
fn text_edit(action: &Action) -> Option<Edit> {
    match action {
        Action::Text(edit) => Some(*edit),
        _ => None,
    }
}

fn scroll_help(app: &mut App, action: &Action) {
    if let Overlay::Help { scroll } | Overlay::Stats { scroll } = &mut app.overlay {
        match action {
            Action::MoveUp => *scroll = scroll.saturating_sub(1),
            Action::MoveDown => *scroll = scroll.saturating_add(1),
            _ => {}
        }
    }
}

fn browse_action(app: &mut App, action: Action) -> Effect {
    if let Some(edit) = text_edit(&action) {
        if app.query.edit(edit) {
            app.changed();
        }
        return Effect::None;
    }
    match action {
        Action::Escape => escape(app),
        Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown => {
            move_or_scroll(app, &action)
        }
        Action::Submit => return open_composer(app),
        Action::FocusNext => app.focus = next_focus(app.focus, true),
        Action::FocusPrev => app.focus = next_focus(app.focus, false),
        Action::FocusQuery => app.focus = Focus::Query,
        Action::OpenPicker(kind) => open_picker(app, kind),
        Action::ToggleOpenNow => {
            app.filters.open_now = !app.filters.open_now;
            app.changed();
        }
        Action::TogglePlaceWords => {
            app.filters.no_place_words = !app.filters.no_place_words;
            app.changed();
        }
        Action::ToggleBasket => toggle_basket(app),
        _ => {}
    }
    Effect::None
}

fn escape(app: &mut App) {
    if !app.query.is_empty() {
        app.query.clear();
        app.changed();
    } else if !app.filters.is_empty() {
        app.filters = Default::default();
        app.changed();
    }
}

fn move_or_scroll(app: &mut App, action: &Action) {
    let delta: isize = match action {
        Action::MoveUp => -1,
        Action::MoveDown => 1,
        Action::PageUp => -(PAGE as isize),
        _ => PAGE as isize,
    };
    if app.focus == Focus::Details {
        let last =
            u16::try_from(super::view::details_rows(app).saturating_sub(1)).unwrap_or(u16::MAX);
        app.details_scroll = app
            .details_scroll
            .saturating_add_signed(delta as i16)
            .min(last);
        return;
    }
    let last = app.hits.len().saturating_sub(1);
    let selected = app.selected.saturating_add_signed(delta).min(last);
    if selected != app.selected {
        app.selected = selected;
        app.details_scroll = 0;
        // Moved while a search runs: the results about to arrive keep this service selected.
        if app.search_due() {
            let catalogue = app.catalogue();
            app.keep_selected = app
                .selected_service()
                .map(|s| catalogue.services[s].id.clone());
        }
    }
}

fn next_focus(focus: Focus, forward: bool) -> Focus {
    match (focus, forward) {
        (Focus::Query, true) | (Focus::Details, false) => Focus::List,
        (Focus::List, true) | (Focus::Query, false) => Focus::Details,
        (Focus::Details, true) | (Focus::List, false) => Focus::Query,
    }
}

fn toggle_basket(app: &mut App) {
    let Some(service) = app.selected_service() else {
        return;
    };
    if let Some(position) = app.basket.iter().position(|&s| s == service) {
        app.basket.remove(position);
    } else {
        app.basket.push(service);
    }
    app.basket_changed();
}

fn open_picker(app: &mut App, kind: PickerKind) {
    let current: Vec<PickValue> = match kind {
        PickerKind::Need => app
            .filters
            .needs
            .iter()
            .map(|&n| PickValue::Need(n))
            .collect(),
        PickerKind::Region => app
            .filters
            .region
            .map(PickValue::Region)
            .into_iter()
            .collect(),
        PickerKind::Language => app
            .filters
            .language
            .clone()
            .map(PickValue::Text)
            .into_iter()
            .collect(),
        PickerKind::Population => app
            .filters
            .population
            .clone()
            .map(PickValue::Text)
            .into_iter()
            .collect(),
    };
    let items = picker::items(app.catalogue(), kind, app.lang);
    app.overlay = Overlay::Picker(Picker::open(kind, items, &current));
}

/// Space on the composer's Region field: the region picker opens over the form, which
/// waits in `picker_for` and comes back when the picker closes.
fn pick_region_for_composer(app: &mut App) -> Effect {
    let Overlay::Compose(composer) = std::mem::replace(&mut app.overlay, Overlay::None) else {
        return Effect::None;
    };
    let catalogue = app.catalogue();
    let current: Vec<PickValue> = composer
        .draft
        .region
        .as_deref()
        .and_then(|id| catalogue.region_by_id(id))
        .map(PickValue::Region)
        .into_iter()
        .collect();
    let items = picker::items(catalogue, PickerKind::Region, app.lang);
    app.overlay = Overlay::Picker(Picker::open(PickerKind::Region, items, &current));
    app.picker_for = Some(composer);
    Effect::None
}

/// Back to the composer that opened the picker, with the region chosen (`None`: cancelled).
fn back_to_composer(app: &mut App, values: Option<Vec<PickValue>>) -> Effect {
    let Some(mut composer) = app.picker_for.take() else {
        app.overlay = Overlay::None;
        return Effect::None;
    };
    let changed = values.is_some();
    if let Some(values) = values {
        composer.draft.region = values.iter().find_map(|v| match v {
            PickValue::Region(r) => Some(app.catalogue().regions[*r].id.clone()),
            _ => None,
        });
    }
    let draft = composer.draft.clone();
    app.overlay = Overlay::Compose(composer);
    if changed {
        Effect::SaveDraft(draft)
    } else {
        Effect::None
    }
}

fn picker_action(app: &mut App, action: Action) -> Effect {
    if app.picker_for.is_some() {
        match action {
            Action::PickerApply => {
                let chosen = match &app.overlay {
                    Overlay::Picker(picker) => picker.chosen(),
                    _ => None,
                };
                if chosen.is_some() {
                    return back_to_composer(app, chosen);
                }
                return Effect::None;
            }
            Action::PickerCancel => return back_to_composer(app, None),
            _ => {}
        }
    }
    let Overlay::Picker(picker) = &mut app.overlay else {
        return Effect::None;
    };
    if let Some(edit) = text_edit(&action) {
        if picker.filter.edit(edit) {
            picker.refilter();
        }
        return Effect::None;
    }
    match action {
        Action::MoveUp => picker.move_by(-1),
        Action::MoveDown => picker.move_by(1),
        Action::PageUp => picker.move_by(-(PAGE as isize)),
        Action::PageDown => picker.move_by(PAGE as isize),
        Action::PickerToggle if picker.kind.multi() => picker.toggle_mark(),
        Action::PickerApply => {
            if let Some(values) = picker.chosen() {
                let kind = picker.kind;
                app.overlay = Overlay::None;
                apply_pick(app, kind, values);
            }
        }
        Action::PickerCancel => app.overlay = Overlay::None,
        _ => {}
    }
    Effect::None
}

fn apply_pick(app: &mut App, kind: PickerKind, values: Vec<PickValue>) {
    let any = values.contains(&PickValue::Any);
    match kind {
        PickerKind::Need => {
            app.filters.needs = values
                .iter()
                .filter_map(|v| match v {
                    PickValue::Need(n) if !any => Some(*n),
                    _ => None,
                })
                .collect();
        }
        PickerKind::Region => {
            app.filters.region = values.iter().find_map(|v| match v {
                PickValue::Region(r) => Some(*r),
                _ => None,
            });
        }
        PickerKind::Language => app.filters.language = first_text(&values),
        PickerKind::Population => app.filters.population = first_text(&values),
    }
    app.changed();
}

fn first_text(values: &[PickValue]) -> Option<String> {
    values.iter().find_map(|v| match v {
        PickValue::Text(t) => Some(t.clone()),
        _ => None,
    })
}

/// Why the embedded catalogue cannot be edited or reloaded, and how to get one that can
/// (a message id).
pub const EMBEDDED_HINT: &str = "tui-embedded-hint";

fn catalogue_path(app: &App) -> Option<std::path::PathBuf> {
    match &app.catalogue().origin {
        Origin::File(path) => Some(path.clone()),
        _ => None,
    }
}

fn reload(app: &mut App) -> Effect {
    if matches!(app.overlay, Overlay::Picker(_)) {
        return Effect::None;
    }
    match catalogue_path(app) {
        Some(_) => Effect::Reload,
        None => {
            app.status = Some(app.lang.t(EMBEDDED_HINT));
            Effect::None
        }
    }
}

/// Said instead of opening an editor on a catalogue this operator may not write (its
/// message id).
pub const READ_ONLY: &str = "tui-catalogue-read-only";

fn edit(app: &mut App) -> Effect {
    let Some(path) = catalogue_path(app) else {
        app.status = Some(app.lang.t(EMBEDDED_HINT));
        return Effect::None;
    };
    if app.catalogue_read_only {
        app.status = Some(app.lang.t(READ_ONLY));
        return Effect::None;
    }
    let line = app
        .selected_service()
        .map_or(1, |s| app.catalogue().services[s].line);
    Effect::EditAt { path, line }
}

/// The selected service's card without staff-only lines, as plain text: what may be read
/// out or sent to a caller.
fn copy_card(app: &mut App) -> Effect {
    let Some(service) = app.selected_service() else {
        app.status = Some(app.lang.t("tui-nothing-to-copy"));
        return Effect::None;
    };
    let options = crate::card::CardOptions {
        private: false,
        today: app.today,
        open: None,
        lang: app.lang,
    };
    let card = crate::card::service_card(app.catalogue(), service, &options);
    Effect::Copy(crate::card::render_plain(&card))
}

/// Closes an overlay; closing the composer keeps its draft for the next time, and its
/// services in the basket, so the next Enter reopens it for them.
fn close_overlay(app: &mut App) {
    if let Overlay::Compose(composer) = std::mem::replace(&mut app.overlay, Overlay::None) {
        app.restore_draft(composer.draft);
    }
    if let Some(composer) = app.picker_for.take() {
        app.restore_draft(composer.draft);
    }
}

/// The services a referral is for: the basket (with those the catalogue no longer
/// lists, so the composer shows them marked), else the selected service.
fn referred_services(app: &App) -> Vec<String> {
    let catalogue = app.catalogue();
    let chosen: Vec<usize> = if app.basket.is_empty() && app.gone.is_empty() {
        app.selected_service().into_iter().collect()
    } else {
        app.basket.clone()
    };
    chosen
        .iter()
        .map(|&s| catalogue.services[s].id.clone())
        .chain(app.gone.iter().map(|g| g.id.clone()))
        .collect()
}

/// Ctrl-x in the composer: the services the catalogue no longer lists leave the basket
/// and the draft, so the note can go for the others.
fn drop_gone(app: &mut App) -> Effect {
    app.gone.clear();
    app.basket_changed();
    let catalogue = app.catalogue().clone();
    let Overlay::Compose(composer) = &mut app.overlay else {
        return Effect::None;
    };
    let services = &mut composer.draft.services;
    let before = services.len();
    services.retain(|id| super::app::listed(&catalogue, id).is_some());
    let removed = before - services.len();
    if removed == 0 {
        app.status = Some(app.lang.t("tui-gone-none"));
        return Effect::None;
    }
    let draft = composer.draft.clone();
    app.status = Some(t!(app.lang, "tui-gone-removed", count = removed));
    Effect::SaveDraft(draft)
}

/// Opens the composer over the kept draft (or a new one) for the basket's services, and
/// saves it at once. A kept draft whose services are still the basket's keeps its needs
/// and region; when the operator changed the basket they are prefilled again.
fn open_composer(app: &mut App) -> Effect {
    let services = referred_services(app);
    if services.is_empty() {
        app.status = Some(app.lang.t("tui-nothing-to-refer"));
        return Effect::None;
    }
    let catalogue = app.catalogue().clone();
    let draft = match app.draft.take() {
        Some(draft) if draft.services == services => draft,
        kept => {
            let mut draft = kept.unwrap_or_else(|| {
                Draft::new(
                    Vec::new(),
                    app.today,
                    PENDING_NOTE_REF.to_string(),
                    &app.config,
                )
            });
            draft.services = services;
            let needs: Vec<String> = app
                .filters
                .needs
                .iter()
                .map(|&n| catalogue.needs[n].id.clone())
                .collect();
            draft.prefill_needs(&catalogue, &needs);
            if let Some(region) = app.filters.region {
                draft.region = Some(catalogue.regions[region].id.clone());
            }
            draft
        }
    };
    let mut composer = Composer::open(draft.clone()).in_language(app.lang);
    composer.languages_listed = app.catalogue().header.languages.clone();
    app.overlay = Overlay::Compose(Box::new(composer));
    Effect::SaveDraft(draft)
}

fn compose_action(app: &mut App, action: Action) -> Effect {
    if action == Action::DropGone {
        return drop_gone(app);
    }
    let Overlay::Compose(composer) = &mut app.overlay else {
        return Effect::None;
    };
    let changed = match action {
        // The services line: Enter folds or unfolds it; it has no text nor choice.
        Action::Submit if composer.on_services => {
            composer.services_expanded = !composer.services_expanded;
            false
        }
        Action::FocusNext | Action::Submit => {
            composer.move_field(true);
            false
        }
        Action::FocusPrev => {
            composer.move_field(false);
            false
        }
        Action::PageUp | Action::PageDown => {
            let page = if action == Action::PageUp {
                -(PAGE as i16)
            } else {
                PAGE as i16
            };
            composer.preview_scroll = composer
                .preview_scroll
                .saturating_add_signed(page)
                .min(composer.preview_last.get());
            false
        }
        Action::TogglePreview => {
            composer.show_preview = !composer.show_preview;
            false
        }
        Action::CopyNote => return deliver(app, Delivery::Clipboard),
        Action::WriteNote => return deliver(app, Delivery::File),
        _ if composer.on_services => false,
        Action::Text(Edit::Insert(' ')) if composer.current().kind() == FieldKind::Pick => {
            return pick_region_for_composer(app);
        }
        Action::Text(Edit::Insert(c)) => composer.insert(c),
        Action::CycleLeft if composer.current().kind() == FieldKind::Text => {
            composer.edit(Edit::Left)
        }
        Action::CycleRight if composer.current().kind() == FieldKind::Text => {
            composer.edit(Edit::Right)
        }
        Action::CycleLeft => composer.cycle(false),
        Action::CycleRight => composer.cycle(true),
        other => text_edit(&other).is_some_and(|edit| composer.edit(edit)),
    };
    if changed {
        Effect::SaveDraft(composer.draft.clone())
    } else {
        Effect::None
    }
}

/// Renders the note; a draft that is not ready says why (the form shows it beside the field).
fn deliver(app: &mut App, to: Delivery) -> Effect {
    let Overlay::Compose(composer) = &app.overlay else {
        return Effect::None;
    };
    // A service the catalogue no longer lists first (the note would send the client
    // nowhere), then the draft's own problems, then the form's.
    let catalogue = app.catalogue();
    let unlisted = composer
        .draft
        .services
        .iter()
        .any(|id| super::app::listed(catalogue, id).is_none());
    if unlisted {
        app.status = Some(app.lang.t("tui-gone-not-ready"));
        return Effect::None;
    }
    let problem = (composer.draft.validate().err()).map(|p| problem_text(&p, app.lang));
    if let Some(problem) = problem.or_else(|| composer.first_typing_problem()) {
        app.status = Some(t!(app.lang, "tui-not-ready", problem = problem.as_str()));
        return Effect::None;
    }
    // The event loop stamps the reference and time when the note goes (see `stamp`).
    let draft = composer.draft.clone();
    match render(&draft, app.catalogue(), &app.template, NoteFormat::Text) {
        Ok(note) => Effect::Deliver { note, draft, to },
        Err(error) => {
            let problem = render_error_text(&error, app.lang);
            app.status = Some(t!(app.lang, "tui-not-ready", problem = problem));
            Effect::None
        }
    }
}

/// Pasted text goes where typing would: the query line, a picker's filter or a composer
/// text field, as one line (newlines and tabs become spaces, controls are dropped).
/// Elsewhere (list, details, help) a paste is ignored rather than read as commands.
fn paste(app: &mut App, text: &str) -> Effect {
    let typing = match &app.overlay {
        Overlay::Picker(_) => true,
        Overlay::Compose(composer) => composer.typing(),
        Overlay::None => app.focus == Focus::Query,
        _ => false,
    };
    if !typing {
        return Effect::None;
    }
    let mut effect = Effect::None;
    for c in crate::text::one_line(text).chars() {
        match update(app, Action::Text(Edit::Insert(c))) {
            Effect::None => {}
            other => effect = other,
        }
    }
    effect
}

/// The due list arrived: into the view if it is still open; the count into the status line.
fn follow_ups_loaded(app: &mut App, loaded: Result<(Vec<DueItem>, usize), String>) {
    let Overlay::FollowUps(view) = &mut app.overlay else {
        if let Ok((_, due)) = loaded {
            app.due = Some(due);
        }
        return;
    };
    match loaded {
        Ok((items, due)) => {
            view.load(items, app.lang);
            app.due = Some(due);
        }
        Err(error) => view.error = Some(error),
    }
}

/// Keys in the follow-up view: move, Enter opens the outcome picker on `attended` and
/// Enter again records it; a letter records its status at once; Esc backs out.
fn follow_up_action(app: &mut App, action: Action) -> Effect {
    let Overlay::FollowUps(view) = &mut app.overlay else {
        return Effect::None;
    };
    match action {
        Action::MoveUp => view.move_by(-1),
        Action::MoveDown => view.move_by(1),
        Action::PageUp => view.move_by(-(PAGE as isize)),
        Action::PageDown => view.move_by(PAGE as isize),
        Action::Submit => match view.picking {
            Some(pick) => return record(view, PICKS[pick]),
            None if view.selected().is_some() => view.picking = Some(0),
            None => {}
        },
        Action::SetOutcome(status) if view.picking.is_some() => return record(view, status),
        Action::CloseOverlay if view.picking.is_some() => view.picking = None,
        Action::CloseOverlay => app.overlay = Overlay::None,
        _ => {}
    }
    Effect::None
}

fn record(view: &mut FollowUps, status: crate::referral::Status) -> Effect {
    view.picking = None;
    match view.selected() {
        Some(item) => Effect::RecordOutcome {
            note_ref: item.note_ref.clone(),
            service: item.service.clone(),
            status,
        },
        None => Effect::None,
    }
}
