//! The TUI without a terminal: `update` driven by actions and keys, and `view` rendered
//! into ratatui's `TestBackend` (insta snapshots of whole screens, and `Buffer` style
//! checks where style carries meaning).

use crossterm::event::{KeyCode, KeyModifiers};
use pathways::catalogue::{Catalogue, Origin};
use pathways::referral::Delivered;
use pathways::tui::text_field::Edit;
use pathways::tui::{
    Action, App, Composer, Delivery, Effect, FilterKind, Focus, FormField, HistoryStats, Options,
    Overlay, PickerKind, delivered_message, purge_old_notes, update,
};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use support::screen::{
    TUI_CATALOGUE, app_with, open_picker, press, render, run, screen, select, selected_id, text_of,
    typed,
};

mod support;

fn app_from(text: &str, origin: Origin, color: bool) -> App {
    app_with(
        text,
        origin,
        Options {
            color,
            ..Options::default()
        },
    )
}

fn app() -> App {
    app_from(TUI_CATALOGUE, Origin::Text("tui-test.toml".into()), false)
}

fn key(app: &mut App, c: char) -> Effect {
    press(app, KeyCode::Char(c), KeyModifiers::NONE)
}

fn names(app: &App) -> Vec<String> {
    let catalogue = app.catalogue();
    app.hits
        .iter()
        .map(|h| catalogue.services[h.service].id.clone())
        .collect()
}

// ---------------------------------------------------------------------------------------
// update
// ---------------------------------------------------------------------------------------

#[test]
fn opens_with_every_service_and_the_query_focused() {
    let app = app();
    assert_eq!(app.focus, Focus::Query);
    assert_eq!(app.hits.len(), 4);
    assert_eq!(app.selected, 0);
}

#[test]
fn typing_searches_and_editing_keys_edit() {
    let mut app = app();
    run(&mut app, typed("night shel"));
    assert_eq!(app.query, "night shel");
    // Both words first; services with one of them follow.
    assert_eq!(names(&app)[0], "national-shelter");
    press(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(app.query, "night ");
    press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(app.query, "night");
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.query, "");
    assert_eq!(app.hits.len(), 4);
}

// ---------------------------------------------------------------------------------------
// text fields and the new call (issue 14)
// ---------------------------------------------------------------------------------------

fn ctrl(app: &mut App, c: char) -> Effect {
    press(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn code(app: &mut App, code: KeyCode) -> Effect {
    press(app, code, KeyModifiers::NONE)
}

#[test]
fn the_query_line_edits_at_the_cursor() {
    let mut app = app();
    run(&mut app, typed("nigt shelter"));
    for _ in 0.."t shelter".len() {
        code(&mut app, KeyCode::Left);
    }
    key(&mut app, 'h');
    assert_eq!(app.query, "night shelter", "a typo fixed in the middle");
    assert_eq!(names(&app)[0], "national-shelter", "and searched again");
    code(&mut app, KeyCode::Home);
    code(&mut app, KeyCode::Delete);
    assert_eq!(app.query, "ight shelter", "Delete at the start");
    ctrl(&mut app, 'e');
    key(&mut app, 's');
    assert_eq!(app.query, "ight shelters", "Ctrl-e goes to the end");
    ctrl(&mut app, 'a');
    key(&mut app, 'n');
    assert_eq!(app.query, "night shelters", "Ctrl-a goes to the start");
    press(&mut app, KeyCode::Char('f'), KeyModifiers::ALT);
    ctrl(&mut app, 'w');
    assert_eq!(
        app.query, "shelters",
        "Alt-f goes to the next word, Ctrl-w deletes the one before"
    );
    code(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Char('b'), KeyModifiers::ALT);
    key(&mut app, 'x');
    assert_eq!(app.query, "xshelters", "Alt-b goes a word back");
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Backspace);
    assert_eq!(app.query, "xhelters", "Backspace at the cursor");
    ctrl(&mut app, 'u');
    assert_eq!(app.query, "");
}

#[test]
fn moving_the_cursor_does_not_search_again() {
    let mut app = app();
    run(&mut app, typed("shelter"));
    let generation = app.generation;
    for code_ in [KeyCode::Left, KeyCode::Home, KeyCode::End, KeyCode::Right] {
        code(&mut app, code_);
    }
    assert_eq!(app.generation, generation);
}

#[test]
fn on_the_query_line_ctrl_k_and_ctrl_j_still_move_the_selection() {
    let mut app = app();
    ctrl(&mut app, 'j');
    assert_eq!(app.selected, 1);
    ctrl(&mut app, 'k');
    assert_eq!(app.selected, 0);
    assert_eq!(app.query, "");
}

#[test]
fn a_paste_goes_in_at_the_cursor() {
    let mut app = app();
    run(&mut app, typed("ter"));
    code(&mut app, KeyCode::Home);
    run(&mut app, [Action::Paste("night shel".into())]);
    assert_eq!(app.query, "night shelter");
}

#[test]
fn a_picker_filter_edits_at_the_cursor() {
    let mut app = app();
    run(&mut app, [Action::FocusNext]);
    key(&mut app, 'r');
    run(&mut app, typed("gml"));
    code(&mut app, KeyCode::Left);
    key(&mut app, 'e');
    match &app.overlay {
        Overlay::Picker(picker) => assert_eq!(picker.filter, "gmel"),
        other => panic!("picker not open: {other:?}"),
    }
    code(&mut app, KeyCode::Home);
    key(&mut app, 'o');
    ctrl(&mut app, 'a');
    code(&mut app, KeyCode::Delete);
    match &app.overlay {
        Overlay::Picker(picker) => assert_eq!(picker.filter, "gmel"),
        other => panic!("picker not open: {other:?}"),
    }
}

#[test]
fn a_composer_text_field_edits_at_the_cursor_and_left_right_still_choose() {
    let mut app = app();
    run(&mut app, [Action::Submit]);
    to_field(&mut app, FormField::Reason);
    run(&mut app, typed("needs a bed tonigt"));
    code(&mut app, KeyCode::Left);
    key(&mut app, 'h');
    assert_eq!(composer(&app).draft.reason, "needs a bed tonight");
    ctrl(&mut app, 'a');
    code(&mut app, KeyCode::Delete);
    assert_eq!(composer(&app).draft.reason, "eeds a bed tonight");
    to_field(&mut app, FormField::Priority);
    let before = composer(&app).draft.priority;
    code(&mut app, KeyCode::Right);
    assert_ne!(composer(&app).draft.priority, before, "Right chooses here");
    to_field(&mut app, FormField::Reason);
    code(&mut app, KeyCode::End);
    code(&mut app, KeyCode::Backspace);
    assert_eq!(
        composer(&app).draft.reason,
        "eeds a bed tonigh",
        "coming back to a field puts the cursor at its end"
    );
}

/// The status line (the last row) at 80x24.
fn status_row(app: &App) -> String {
    let terminal = render(app, 80, 24);
    text_of(terminal.backend().buffer())
        .lines()
        .last()
        .unwrap()
        .to_string()
}

#[test]
fn ctrl_l_with_nothing_to_clear_only_repaints() {
    let mut app = app();
    assert_eq!(ctrl(&mut app, 'l'), Effect::Repaint);
    assert!(!app.new_call_asked);
    assert_eq!(
        ctrl(&mut app, 'l'),
        Effect::Repaint,
        "still nothing to clear"
    );
}

#[test]
fn ctrl_l_twice_starts_a_new_call() {
    let mut app = app();
    run(&mut app, typed("shelter"));
    run(&mut app, [Action::FocusNext, Action::ToggleBasket]);
    key(&mut app, 'o');
    assert_eq!(
        ctrl(&mut app, 'l'),
        Effect::Repaint,
        "the first one repaints"
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("new call: clear"), "{text}");
    assert_eq!(ctrl(&mut app, 'l'), Effect::ClearCall);
    assert_eq!(app.query, "");
    assert!(app.filters.is_empty());
    assert!(app.basket.is_empty());
    assert!(app.draft.is_none());
    assert_eq!(app.selected, 0);
    assert_eq!(app.focus, Focus::Query);
    assert_eq!(app.hits.len(), 4);
    assert!(status_row(&app).contains("ready for a new call"));
}

#[test]
fn any_other_key_after_ctrl_l_keeps_the_call() {
    let mut app = app();
    run(&mut app, typed("shelter"));
    ctrl(&mut app, 'l');
    assert!(app.new_call_asked);
    code(&mut app, KeyCode::Left);
    assert!(!app.new_call_asked);
    assert_eq!(
        ctrl(&mut app, 'l'),
        Effect::Repaint,
        "asks again, does not clear"
    );
    assert_eq!(app.query, "shelter");
}

#[test]
fn ctrl_l_clears_an_unsent_draft_even_from_the_composer() {
    let mut app = app();
    run(&mut app, [Action::Submit]);
    run(&mut app, typed("C-9"));
    ctrl(&mut app, 'l');
    assert!(app.new_call_asked, "an open composer is a call to clear");
    assert_eq!(ctrl(&mut app, 'l'), Effect::ClearCall);
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.draft.is_none());
    // A kept draft (composer closed with Esc) is cleared as well.
    run(&mut app, [Action::Submit]);
    run(&mut app, typed("C-10"));
    code(&mut app, KeyCode::Esc);
    assert!(app.draft.is_some());
    ctrl(&mut app, 'l');
    assert_eq!(ctrl(&mut app, 'l'), Effect::ClearCall);
    assert!(app.draft.is_none() && app.basket.is_empty());
    run(&mut app, [Action::Submit]);
    assert_eq!(
        composer(&app).draft.case_ref,
        "",
        "the next caller starts blank"
    );
}

#[test]
fn the_status_line_counts_the_call_minutes() {
    let mut app = app();
    run(&mut app, [Action::FocusNext, Action::ToggleBasket]);
    app.now += jiff::SignedDuration::from_secs(3 * 60 + 20);
    assert!(status_row(&app).contains("3 min"), "{}", status_row(&app));
    run(&mut app, [Action::ToggleBasket]);
    assert!(!status_row(&app).contains("min"), "{}", status_row(&app));
}

#[test]
fn the_status_line_keeps_the_message_before_the_counts_and_hints() {
    let mut app = app();
    run(&mut app, [Action::FocusNext, Action::ToggleBasket]);
    app.status = Some("x".repeat(50));
    let row = status_row(&app);
    assert!(row.contains(&"x".repeat(50)), "{row}");
    assert!(
        row.starts_with("4 services") && row.contains("0 min"),
        "{row}"
    );
    assert!(!row.contains("help"), "hints give way: {row}");
}

#[test]
fn a_single_choice_picker_offers_no_mark_hint() {
    let mut app = app();
    run(&mut app, [Action::FocusNext]);
    key(&mut app, 'r');
    assert!(!status_row(&app).contains("mark"), "{}", status_row(&app));
    code(&mut app, KeyCode::Esc);
    key(&mut app, 'n');
    assert!(
        status_row(&app).contains("Tab mark"),
        "{}",
        status_row(&app)
    );
}

#[test]
fn a_long_query_keeps_its_end_and_cursor_visible() {
    let mut app = app();
    let long = format!("{}END", "word ".repeat(30));
    run(&mut app, typed(&long));
    let terminal = render(&app, 80, 24);
    let first = text_of(terminal.backend().buffer())
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(first.contains("…") && first.contains("END"), "{first}");
    code(&mut app, KeyCode::Home);
    let terminal = render(&app, 80, 24);
    let first = text_of(terminal.backend().buffer())
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(
        first.starts_with("Search> word") && first.trim_end().ends_with('…'),
        "{first}"
    );
}

/// The default catalogue with every service in the basket and the composer open.
fn twelve_service_composer() -> App {
    let mut app = app_from(
        include_str!("../data/catalogue.toml"),
        Origin::Embedded,
        false,
    );
    run(&mut app, [Action::FocusNext]);
    for _ in 0..app.hits.len() {
        run(&mut app, [Action::ToggleBasket, Action::MoveDown]);
    }
    assert_eq!(app.basket.len(), 12);
    run(&mut app, [Action::Compose]);
    app
}

#[test]
fn with_twelve_services_the_focused_field_is_always_on_screen() {
    let mut app = twelve_service_composer();
    for _ in 0..FormField::ALL.len() * 2 {
        let label = pathways::i18n::Lang::en().t(composer(&app).current().label());
        let terminal = render(&app, 80, 24);
        let text = text_of(terminal.backend().buffer());
        assert!(
            text.lines().any(|l| l.contains(&format!("┃{label}"))),
            "{label} is not on screen:\n{text}"
        );
        code(&mut app, KeyCode::Tab);
    }
}

#[test]
fn snapshot_composer_with_twelve_services() {
    let mut app = twelve_service_composer();
    to_field(&mut app, FormField::Reason);
    run(
        &mut app,
        typed(&"the caller needs a bed tonight and a lawyer ".repeat(3)),
    );
    to_field(&mut app, FormField::FollowUp);
    snapshot_all_sizes("compose_twelve", &app);
}

#[test]
fn snapshot_new_call_question() {
    let mut app = plain_screen();
    run(&mut app, [Action::FocusNext, Action::ToggleBasket]);
    ctrl(&mut app, 'l');
    snapshot_all_sizes("new_call_question", &app);
}

#[test]
fn the_preview_stops_at_the_notes_end() {
    let mut app = compose_screen();
    to_field(&mut app, FormField::Consent);
    code(&mut app, KeyCode::Right);
    ctrl(&mut app, 't');
    for _ in 0..50 {
        code(&mut app, KeyCode::PageDown);
    }
    let terminal = render(&app, 80, 24);
    let text = text_of(terminal.backend().buffer());
    let body: Vec<&str> = text.lines().skip(3).take(18).collect();
    assert!(
        body.iter().any(|l| !l.trim_matches(['┃', ' ']).is_empty()),
        "the preview scrolled into a blank pane:\n{text}"
    );
}

#[test]
fn the_age_band_starts_from_adult_and_an_adult_minor_is_refused_beside_it() {
    let mut app = app();
    run(&mut app, [Action::Submit]);
    to_field(&mut app, FormField::AgeBand);
    code(&mut app, KeyCode::Right);
    assert_eq!(composer(&app).value(FormField::AgeBand), "adult");
    let mut fresh = self::app();
    run(&mut fresh, [Action::Submit]);
    to_field(&mut fresh, FormField::AgeBand);
    code(&mut fresh, KeyCode::Left);
    assert_eq!(
        composer(&fresh).value(FormField::AgeBand),
        "adult",
        "Left too"
    );
    assert_eq!(
        composer(&app).value(FormField::Consent),
        "not set",
        "never preselected"
    );
    to_field(&mut app, FormField::Minor);
    key(&mut app, ' ');
    let problems = composer(&app).problems_at(FormField::AgeBand);
    assert!(
        problems.iter().any(|p| p.contains("contradict")),
        "{problems:?}"
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("adult and minor contradict"), "{text}");
}

#[test]
fn the_preview_says_the_reference_comes_when_sent() {
    let mut app = compose_screen();
    to_field(&mut app, FormField::Consent);
    code(&mut app, KeyCode::Right);
    assert_eq!(composer(&app).draft.note_ref, "PW-(assigned when sent)");
    ctrl(&mut app, 't');
    let text = screen(&app, 80, 24);
    assert!(text.contains("PW-(assigned when sent)"), "{text}");
}

#[test]
fn the_region_is_picked_in_the_composer_after_the_priority() {
    let fields = FormField::ALL;
    let at = fields.iter().position(|&f| f == FormField::Region).unwrap();
    assert_eq!(fields[at - 1], FormField::Priority);
    assert_eq!(fields.last(), Some(&FormField::FollowUp));
    let mut app = app();
    run(&mut app, [Action::Submit]);
    run(&mut app, typed("C-1"));
    to_field(&mut app, FormField::Region);
    key(&mut app, ' ');
    assert!(
        matches!(app.overlay, Overlay::Picker(_)),
        "Space opens the picker"
    );
    run(&mut app, typed("Минск"));
    let effect = code(&mut app, KeyCode::Enter);
    assert_eq!(composer(&app).draft.region.as_deref(), Some("minsk"));
    assert_eq!(effect, Effect::SaveDraft(composer(&app).draft.clone()));
    assert_eq!(
        composer(&app).draft.case_ref,
        "C-1",
        "the form came back whole"
    );
    assert_eq!(composer(&app).current(), FormField::Region);
    key(&mut app, ' ');
    code(&mut app, KeyCode::Esc);
    assert_eq!(
        composer(&app).draft.region.as_deref(),
        Some("minsk"),
        "Esc in the picker changes nothing"
    );
    key(&mut app, ' ');
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert_eq!(
        app.draft.as_ref().map(|d| d.case_ref.as_str()),
        Some("C-1"),
        "help over the picker keeps the draft"
    );
}

#[test]
fn a_paste_is_typed_as_one_line_where_typing_goes() {
    let mut app = app();
    run(&mut app, [Action::Paste("Night\nShelter\u{1b}[31m".into())]);
    assert_eq!(
        app.query, "Night Shelter",
        "newline as space, escape sequence dropped"
    );
    assert_eq!(app.overlay, Overlay::None, "a pasted newline is not Enter");
    assert_eq!(names(&app)[0], "national-shelter");
    run(&mut app, [Action::FocusNext, Action::Paste("q".into())]);
    assert_eq!(
        app.query, "Night Shelter",
        "in the list a paste is not commands"
    );
    run(&mut app, [Action::Submit, Action::Paste("C-1\n".into())]);
    assert_eq!(composer(&app).draft.case_ref, "C-1");
}

#[test]
fn letters_on_the_query_line_are_text_not_commands() {
    let mut app = app();
    for c in ['q', 'n', 'r', ' ', 'e', '?'] {
        assert_eq!(key(&mut app, c), Effect::None);
    }
    assert_eq!(app.query, "qnr e?");
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.basket.is_empty());
}

#[test]
fn moves_like_fzf_and_clamps() {
    let mut app = app();
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(app.selected, 1);
    press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(app.selected, 3);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(app.selected, 3, "stays on the last hit");
    press(&mut app, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(app.selected, 2);
    press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(app.selected, 0);
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(app.selected, 3);
}

#[test]
fn escape_clears_the_query_then_the_filters() {
    let mut app = app();
    app.filters.open_now = true;
    run(&mut app, typed("legal"));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.query, "");
    assert!(app.filters.open_now, "the first Esc keeps the filters");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.filters.is_empty());
}

#[test]
fn tab_and_shift_tab_cycle_the_focus() {
    let mut app = app();
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, Focus::List);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, Focus::Details);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, Focus::Query);
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus, Focus::Details);
}

#[test]
fn arrows_scroll_the_focused_details() {
    let mut app = app();
    run(&mut app, [Action::FocusPrev]);
    assert_eq!(app.focus, Focus::Details);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(app.details_scroll, 1);
    for _ in 0..5 {
        press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    }
    assert_eq!(
        app.selected, 0,
        "scrolling the details does not move the list"
    );
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Id: "),
        "scrolled no further than the last line:\n{text}"
    );
    let end = app.details_scroll;
    assert!(end > 1);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.details_scroll, end - 1, "one key back up from the end");
}

#[test]
fn space_toggles_the_selected_service_in_the_basket() {
    let mut app = app();
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    key(&mut app, 'j');
    let second = app.selected_service().unwrap();
    key(&mut app, ' ');
    key(&mut app, 'k');
    key(&mut app, ' ');
    assert_eq!(app.basket, [second, app.selected_service().unwrap()]);
    key(&mut app, 'j');
    key(&mut app, ' ');
    assert_eq!(app.basket.len(), 1, "a second Space takes it out again");
}

#[test]
fn q_quits_from_the_list_but_only_closes_help() {
    let mut app = app();
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    key(&mut app, '?');
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    assert_eq!(key(&mut app, 'q'), Effect::None);
    assert_eq!(app.overlay, Overlay::None);
    key(&mut app, 's');
    assert!(matches!(app.overlay, Overlay::Stats { .. }));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(key(&mut app, 'q'), Effect::Quit);
}

#[test]
fn f1_and_ctrl_c_work_everywhere() {
    let mut app = app();
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert_eq!(app.overlay, Overlay::None);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    key(&mut app, 'r');
    assert_eq!(
        press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL),
        Effect::Quit
    );
}

#[test]
fn region_picker_finds_cyrillic_aliases_and_applies() {
    let mut app = app();
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    key(&mut app, 'r');
    let Overlay::Picker(picker) = &app.overlay else {
        panic!("region picker open");
    };
    assert_eq!(picker.kind, PickerKind::Region);
    for c in "кошел".chars() {
        key(&mut app, c);
    }
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("> Buda-Koshelevo District (in Gomel Oblast)"),
        "{text}"
    );
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.overlay, Overlay::None);
    let region = app.filters.region.expect("a region is set");
    assert_eq!(app.catalogue().regions[region].id, "buda-koshelevo");
}

#[test]
fn region_picker_lists_the_tree_indented_in_order() {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Region)]);
    let Overlay::Picker(picker) = &app.overlay else {
        panic!("picker open");
    };
    let rows: Vec<(usize, &str)> = picker
        .visible
        .iter()
        .map(|&i| (picker.items[i].depth, picker.items[i].label.as_str()))
        .collect();
    assert_eq!(
        rows[1..],
        [
            (0, "Belarus"),
            (1, "Gomel Oblast"),
            (2, "Buda-Koshelevo District"),
            (1, "Minsk")
        ]
    );
}

#[test]
fn need_picker_marks_several_with_tab() {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Need)]);
    run(&mut app, typed("shel"));
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    run(&mut app, typed("legal"));
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let ids: Vec<&str> = app
        .filters
        .needs
        .iter()
        .map(|&n| app.catalogue().needs[n].id.as_str())
        .collect();
    assert_eq!(ids, ["shelter", "legal"]);
    let mut listed = names(&app);
    listed.sort();
    assert_eq!(listed, ["buda-legal", "minsk-housing", "national-shelter"]);
}

#[test]
fn a_picker_cancelled_with_esc_changes_nothing() {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Language)]);
    run(&mut app, typed("en"));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.filters.is_empty());
    assert_eq!(
        app.query, "",
        "typing in the picker never reached the query"
    );
}

#[test]
fn the_any_item_clears_a_filter() {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Population)]);
    run(&mut app, typed("refugees"));
    run(&mut app, [Action::PickerApply]);
    assert_eq!(app.filters.population.as_deref(), Some("refugees"));
    run(
        &mut app,
        [
            Action::OpenPicker(PickerKind::Population),
            Action::PickerApply,
        ],
    );
    // The picker opens on the current value; move to "(any population)" and apply.
    run(
        &mut app,
        [
            Action::OpenPicker(PickerKind::Population),
            Action::PageUp,
            Action::PickerApply,
        ],
    );
    assert_eq!(app.filters.population, None);
}

#[test]
fn o_toggles_open_now() {
    let mut app = app();
    run(&mut app, [Action::FocusNext]);
    key(&mut app, 'o');
    assert!(app.filters.open_now);
    assert!(app.search_query().open_at.is_some());
    key(&mut app, 'o');
    assert!(!app.filters.open_now);
}

#[test]
fn open_now_marks_services_whose_hours_are_unknown() {
    let mut app = app();
    run(&mut app, [Action::ToggleOpenNow]);
    assert_eq!(
        selected_id(&app),
        "national-shelter",
        "open ones come first"
    );
    let text = screen(&app, 80, 24);
    let rows: Vec<&str> = text.lines().collect();
    let open_row = rows
        .iter()
        .position(|l| l.contains("Night Shelter"))
        .unwrap();
    assert!(!rows[open_row + 1].contains("HOURS?"), "{text}");
    assert!(text.matches("HOURS?").count() >= 3, "{text}");
}

#[test]
fn the_empty_state_says_which_filter_to_drop() {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Need)]);
    run(&mut app, typed("legal"));
    run(&mut app, [Action::PickerApply]);
    run(&mut app, typed("night"));
    assert!(app.hits.is_empty());
    assert!(
        app.relief.contains(&(FilterKind::Needs, 1)),
        "{:?}",
        app.relief
    );
    assert!(
        app.relief.contains(&(FilterKind::Text, 1)),
        "{:?}",
        app.relief
    );
}

#[test]
fn a_move_while_a_search_runs_survives_its_results() {
    let mut app = app();
    update(&mut app, Action::Text(Edit::Insert('e')));
    update(&mut app, Action::MoveDown);
    let chosen = selected_id(&app);
    app.refresh();
    assert_ne!(
        names(&app)[0],
        chosen,
        "not the first hit, where a reset would land"
    );
    assert_eq!(
        selected_id(&app),
        chosen,
        "the operator's move is not undone"
    );
}

#[test]
fn results_of_an_older_query_are_ignored() {
    let mut app = app();
    let old = app.generation;
    run(&mut app, typed("night"));
    assert_ne!(app.generation, old);
    assert_eq!(names(&app), ["national-shelter"]);
    // The empty results of the first, older query arrive late: they are not shown.
    update(
        &mut app,
        Action::Results(old, pathways::tui::Outcome::default()),
    );
    assert_eq!(names(&app), ["national-shelter"]);
    assert_eq!(app.shown_generation, app.generation);
}

#[test]
fn edit_and_reload_explain_the_embedded_catalogue() {
    let mut app = app_from(TUI_CATALOGUE, Origin::Embedded, false);
    run(&mut app, [Action::FocusNext]);
    assert_eq!(key(&mut app, 'e'), Effect::None);
    let status = app.status.clone().expect("a message");
    assert!(
        status.contains("pathways default-catalogue > my.toml"),
        "{status}"
    );
    assert!(status.contains("--catalogue my.toml"), "{status}");
    app.status = None;
    assert_eq!(
        press(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL),
        Effect::None
    );
    assert_eq!(app.status, Some(status), "Ctrl-r says the same");
}

#[test]
fn edit_asks_for_the_editor_at_the_service_line() {
    let path = std::path::PathBuf::from("/tmp/catalogue.toml");
    let mut app = app_from(TUI_CATALOGUE, Origin::File(path.clone()), false);
    run(&mut app, [Action::FocusNext]);
    let line = app.catalogue().services[app.selected_service().unwrap()].line;
    assert!(line > 1);
    assert_eq!(key(&mut app, 'e'), Effect::EditAt { path, line });
    assert_eq!(
        press(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL),
        Effect::Reload
    );
}

#[test]
fn reload_keeps_the_basket_and_selection_by_id() {
    let mut app = app();
    run(&mut app, [Action::MoveDown, Action::ToggleBasket]);
    let chosen = selected_id(&app);
    let reloaded = Catalogue::from_text(TUI_CATALOGUE, Origin::Text("again".into())).unwrap();
    app.replace_catalogue(Arc::new(reloaded));
    app.refresh();
    assert_eq!(selected_id(&app), chosen);
    assert_eq!(app.basket.len(), 1);
}

#[test]
fn y_copies_the_public_card_without_staff_only_lines() {
    let mut app = app();
    run(&mut app, [Action::FocusNext]);
    select(&mut app, "national-shelter");
    let Effect::Copy(text) = key(&mut app, 'y') else {
        panic!("y asks to copy");
    };
    assert!(text.contains("Night Shelter"), "{text}");
    assert!(text.contains("+375 17 000 00 01"), "{text}");
    assert!(text.contains("Anna Focal"), "{text}");
    assert!(
        !text.contains("+375 17 000 00 02"),
        "a staff-only phone leaked: {text}"
    );
    assert!(
        !text.contains("Boris Staff"),
        "a staff-only contact leaked: {text}"
    );
}

fn composer(app: &App) -> &Composer {
    match &app.overlay {
        Overlay::Compose(composer) => composer,
        other => panic!("composer not open: {other:?}"),
    }
}

/// Moves the composer's focus to a field with Tab.
fn to_field(app: &mut App, field: FormField) {
    while composer(app).current() != field {
        press(app, KeyCode::Tab, KeyModifiers::NONE);
    }
}

#[test]
fn enter_with_an_empty_basket_refers_the_selected_service() {
    let mut app = app();
    select(&mut app, "buda-legal");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(composer(&app).draft.services, ["buda-legal"]);
    assert_eq!(
        composer(&app).draft.needs,
        ["legal"],
        "needs prefilled from the service"
    );
}

#[test]
fn c_refers_the_basket_and_the_draft_survives_esc() {
    let mut app = app();
    run(&mut app, [Action::FocusNext]);
    select(&mut app, "buda-legal");
    key(&mut app, ' ');
    select(&mut app, "minsk-housing");
    key(&mut app, ' ');
    key(&mut app, 'c');
    assert_eq!(
        composer(&app).draft.services,
        ["buda-legal", "minsk-housing"]
    );
    let effects: Vec<Effect> = "C-7".chars().map(|c| key(&mut app, c)).collect();
    assert!(
        matches!(effects[2], Effect::SaveDraft(ref d) if d.case_ref == "C-7"),
        "saved on every change"
    );
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.basket.len(), 2, "the basket is kept");
    key(&mut app, 'c');
    assert_eq!(composer(&app).draft.case_ref, "C-7", "the draft is kept");
}

#[test]
fn help_over_the_composer_keeps_the_draft() {
    let mut app = app();
    run(&mut app, [Action::Submit]);
    run(&mut app, typed("C-3"));
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(composer(&app).draft.case_ref, "C-3");
}

#[test]
fn letters_in_the_composer_are_text_and_space_toggles_checkboxes() {
    let mut app = app();
    run(&mut app, [Action::Submit]);
    for c in "qns ?".chars() {
        assert!(!matches!(key(&mut app, c), Effect::Quit));
    }
    assert_eq!(composer(&app).draft.case_ref, "qns ?");
    to_field(&mut app, FormField::Minor);
    key(&mut app, ' ');
    assert!(composer(&app).draft.minor);
    to_field(&mut app, FormField::Languages);
    for c in "ru, en".chars() {
        key(&mut app, c);
    }
    assert_eq!(composer(&app).draft.client_languages, ["ru", "en"]);
}

#[test]
fn no_note_without_consent_and_the_form_says_why() {
    let mut app = app();
    select(&mut app, "national-shelter");
    run(&mut app, [Action::Submit]);
    let effect = press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(effect, Effect::None);
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("consent")
    );
    assert!(!composer(&app).problems_at(FormField::Consent).is_empty());
    let text = screen(&app, 80, 24);
    assert!(text.contains("! consent needed"), "{text}");
    to_field(&mut app, FormField::Consent);
    press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    assert_eq!(composer(&app).value(FormField::Consent), "verbal");
    assert_eq!(
        press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL),
        Effect::None,
        "a client code is needed"
    );
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("client code needed"), "{status}");
    to_field(&mut app, FormField::CaseRef);
    run(&mut app, typed("none"));
    let Effect::Deliver { note, to, .. } =
        press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL)
    else {
        panic!("a note to deliver");
    };
    assert_eq!(to, Delivery::Clipboard);
    assert!(note.text.contains("Night Shelter"), "{}", note.text);
    assert!(
        note.text.contains("Client code: no client code"),
        "{}",
        note.text
    );
    assert!(
        note.text.contains("PW-(assigned when sent)"),
        "the reference is stamped when the note goes: {}",
        note.text
    );
    assert!(
        !note.text.contains("+375 17 000 00 02"),
        "staff-only phone in a note"
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('o'), KeyModifiers::CONTROL),
        Effect::Deliver {
            note,
            draft: composer(&app).draft.clone(),
            to: Delivery::File
        }
    );
}

#[test]
fn an_emergency_goes_without_consent() {
    let mut app = app();
    run(&mut app, [Action::Submit]);
    to_field(&mut app, FormField::Priority);
    press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    assert_eq!(composer(&app).value(FormField::Priority), "emergency");
    assert_eq!(
        press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL),
        Effect::None,
        "an emergency without consent needs its reason"
    );
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("say why consent could not be taken"),
        "{status}"
    );
    to_field(&mut app, FormField::OverrideReason);
    run(&mut app, typed("unconscious"));
    assert!(matches!(
        press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL),
        Effect::Deliver { .. }
    ));
}

#[test]
fn a_delivered_note_closes_the_composer_and_empties_the_basket() {
    let mut app = app();
    run(
        &mut app,
        [Action::FocusNext, Action::ToggleBasket, Action::Compose],
    );
    update(&mut app, Action::NoteDelivered("note sent".into()));
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.basket.is_empty());
    assert!(app.draft.is_none());
    assert_eq!(app.status.as_deref(), Some("note sent"));
}

#[test]
fn a_restored_draft_reopens_for_its_own_service_needs_and_region() {
    let mut first = app();
    // Not the service selected first at the next start.
    let referred = names(&first).last().cloned().unwrap();
    let other = if referred == "buda-legal" {
        "minsk-housing"
    } else {
        "buda-legal"
    };
    select(&mut first, &referred);
    run(&mut first, [Action::Submit]);
    run(&mut first, typed("C-5"));
    let mut saved = composer(&first).draft.clone();
    saved.region = Some("minsk".into());
    let needs = saved.needs.clone();
    // The next start: an empty basket, the first hit selected, no filters.
    let mut app = app();
    assert_ne!(selected_id(&app), referred);
    app.restore_draft(saved);
    assert_eq!(
        app.basket.len(),
        1,
        "the draft's service is back in the basket"
    );
    let effect = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let draft = &composer(&app).draft;
    assert_eq!(draft.services, [referred.as_str()]);
    assert_eq!(draft.case_ref, "C-5");
    assert_eq!(draft.needs, needs);
    assert_eq!(draft.region.as_deref(), Some("minsk"), "region kept");
    assert_eq!(effect, Effect::SaveDraft(draft.clone()));
    // The operator changes the basket: the draft follows it.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    run(&mut app, [Action::FocusNext]);
    select(&mut app, &referred);
    key(&mut app, ' ');
    assert!(app.basket.is_empty());
    select(&mut app, other);
    key(&mut app, ' ');
    key(&mut app, 'c');
    let draft = &composer(&app).draft;
    assert_eq!(draft.services, [other]);
    assert_ne!(
        draft.needs, needs,
        "needs prefilled again for the new service"
    );
    assert_eq!(draft.case_ref, "C-5", "the typed fields are kept");
}

#[test]
fn opening_the_composer_saves_the_draft() {
    let mut app = app();
    let effect = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(effect, Effect::SaveDraft(composer(&app).draft.clone()));
}

/// The warning for a 500 kB OSC 52 sequence, as the operator reads it.
const OSC52_500_KB: &str = "; the clipboard sequence is 488.3 kB; some terminals (kitty and \
                            others) drop OSC 52 copies of a few kB: check the paste, or use \
                            --out FILE";

#[test]
fn the_delivery_message_names_the_file_and_keeps_clipboard_warnings() {
    let mut app = app();
    run(&mut app, [Action::Submit]);
    to_field(&mut app, FormField::Priority);
    press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    to_field(&mut app, FormField::OverrideReason);
    run(&mut app, typed("unconscious"));
    let Effect::Deliver { note, .. } = press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL)
    else {
        panic!("a note to deliver");
    };
    let warning = pathways::clipboard::size_warning(500_000).expect("a warning for 500 kB");
    let copied = pathways::clipboard::Copied {
        osc52: true,
        system: false,
        warnings: vec![warning],
    };
    let en = pathways::i18n::Lang::en();
    let message = delivered_message(&Delivered::Clipboard(copied), &note, en);
    assert!(message.contains(&note.note_ref), "{message}");
    assert!(message.ends_with(OSC52_500_KB), "{message}");
    let path = std::path::PathBuf::from("/data/pathways/notes/PW-1.txt");
    let message = delivered_message(&Delivered::File(path), &note, en);
    assert!(
        message.contains("/data/pathways/notes/PW-1.txt"),
        "{message}"
    );
}

#[test]
fn old_note_files_are_purged_and_others_kept() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("PW-20250101-120000-ABCD.txt");
    let recent = dir.path().join("PW-20261120-120000-BEEF.txt");
    let other = dir.path().join("mine.txt");
    for path in [&old, &recent, &other] {
        std::fs::write(path, "note").unwrap();
    }
    let age =
        |days: u64| std::time::SystemTime::now() - std::time::Duration::from_secs(days * 24 * 3600);
    for (path, days) in [(&old, 400), (&other, 400), (&recent, 3)] {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(age(days)).unwrap();
    }
    let cutoff = jiff::Timestamp::try_from(age(365)).unwrap();
    assert_eq!(purge_old_notes(dir.path(), cutoff).unwrap(), 1);
    assert!(!old.exists(), "a note past retention is purged");
    assert!(recent.exists() && other.exists());
    assert_eq!(
        purge_old_notes(&dir.path().join("none"), cutoff).unwrap(),
        0
    );
}

const NOTICE: &str = "Demonstration data from public pages; not a verified directory.";

fn app_with_notice(origin: Origin) -> App {
    let text = TUI_CATALOGUE.replace(
        "stale_after_days = 365",
        &format!("stale_after_days = 365\nnotice = \"{NOTICE}\""),
    );
    app_from(&text, origin, false)
}

#[test]
fn the_catalogue_in_use_and_its_notice_are_shown() {
    let mut app = app_with_notice(Origin::File("/srv/pathways/my.toml".into()));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("TUI test catalogue (/srv/pathways/my.toml)"),
        "{text}"
    );
    assert!(
        text.contains("not a verified directory"),
        "notice at start:\n{text}"
    );
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    let text = screen(&app, 80, 24);
    assert!(
        !text.contains("not a verified"),
        "banner gone after a key:\n{text}"
    );
    for overlay in ['?', 's'] {
        key(&mut app, overlay);
        let text = screen(&app, 80, 24);
        assert!(text.contains("not a verified"), "{overlay}:\n{text}");
        assert!(text.contains("TUI test catalogue"), "{overlay}:\n{text}");
        press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    }
    let embedded = app_with_notice(Origin::Embedded);
    let text = screen(&embedded, 80, 24);
    assert!(text.contains("TUI test catalogue (built in)"), "{text}");
}

#[test]
fn snapshot_notice_banner_80x24() {
    let app = app_with_notice(Origin::Embedded);
    insta::assert_snapshot!("notice_80x24", render(&app, 80, 24).backend());
}

#[test]
fn the_composer_edits_the_consent_date_and_shows_needs_region_and_follow_up() {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Region)]);
    run(&mut app, typed("Минск"));
    run(&mut app, [Action::PickerApply]);
    select(&mut app, "minsk-housing");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    run(&mut app, typed("C-1"));
    assert_eq!(
        composer(&app).value(FormField::ConsentDate),
        "2026-11-23",
        "today"
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("Needs            Shelter"), "{text}");
    assert!(text.contains("Region           Minsk"), "{text}");
    assert!(text.contains("Consent date     2026-11-23"), "{text}");
    assert!(
        text.contains("Follow-up date   2026-12-07 (from priority)"),
        "{text}"
    );
    to_field(&mut app, FormField::Consent);
    press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    to_field(&mut app, FormField::ConsentDate);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    run(&mut app, typed("2026-11-2"));
    assert_eq!(
        press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL),
        Effect::None,
        "no note while a date is half typed"
    );
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("consent date")
    );
    run(&mut app, typed("0"));
    assert_eq!(
        composer(&app).draft.consent_date,
        jiff::civil::date(2026, 11, 20)
    );
    let Effect::Deliver { note, .. } = press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL)
    else {
        panic!("a note to deliver");
    };
    assert!(note.text.contains("2026-11-20"), "{}", note.text);
    run(&mut app, [Action::Text(Edit::Clear)]);
    run(&mut app, typed("2026-11-30"));
    assert!(
        !composer(&app)
            .problems_at(FormField::ConsentDate)
            .is_empty(),
        "a consent date after the note's date is flagged beside the field"
    );
}

#[test]
fn a_status_message_is_shown_whole_and_hints_are_never_cut() {
    let mut app = app();
    let message = "note PW-20261123-120000-ABCD sent to the terminal's clipboard (OSC 52) \
                   and the system clipboard; the sequence is 120 kB: some terminals drop it";
    update(&mut app, Action::NoteDelivered(message.into()));
    let text = screen(&app, 80, 24);
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains(message), "{text}");
    assert!(text.contains("Search>"), "the screen still fits:\n{text}");
    // In the composer the hints end at a whole hint, not in the middle of a key name, and
    // the way back is among them at 80 columns.
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let text = screen(&app, 80, 24);
    let status = text.lines().last().unwrap().trim_end();
    assert!(status.ends_with("Esc back"), "{status}");
}

#[test]
fn a_default_region_not_found_is_said_and_a_good_one_is_set() {
    let open = |region: &str| {
        let catalogue = Catalogue::from_text(TUI_CATALOGUE, Origin::Text("t.toml".into())).unwrap();
        App::new(
            Arc::new(catalogue),
            Options {
                default_region: Some(region.to_string()),
                ..Options::default()
            },
        )
    };
    let app = open("Гомельская область");
    assert_eq!(
        app.filters
            .region
            .map(|r| app.catalogue().regions[r].id.clone()),
        Some("gomel".to_string())
    );
    assert_eq!(app.status, None);
    let app = open("atlantis");
    assert_eq!(app.filters.region, None);
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("default_region") && status.contains("atlantis"),
        "{status}"
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("default_region"), "{text}");
}

#[test]
fn a_key_after_midnight_moves_today_and_keeps_the_selection() {
    let mut app = app();
    select(&mut app, "buda-legal");
    let same_day: jiff::Timestamp = "2026-11-23T20:00:00Z".parse().unwrap();
    app.set_now(same_day);
    assert!(!app.search_due(), "no new search within the day");
    // 22:00 UTC is 01:00 on the 24th in Minsk.
    let next_day: jiff::Timestamp = "2026-11-23T22:00:00Z".parse().unwrap();
    app.set_now(next_day);
    assert_eq!(app.today, jiff::civil::date(2026, 11, 24));
    assert!(app.search_due(), "marks and open now are judged again");
    app.refresh();
    assert_eq!(selected_id(&app), "buda-legal");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        composer(&app).draft.consent_date,
        jiff::civil::date(2026, 11, 24)
    );
    assert_eq!(composer(&app).draft.date, jiff::civil::date(2026, 11, 24));
}

#[test]
fn snapshot_composer() {
    let app = compose_screen();
    let terminal = render(&app, 120, 40);
    insta::assert_snapshot!("compose_120x40", terminal.backend());
    let terminal = render(&app, 80, 24);
    insta::assert_snapshot!("compose_80x24", terminal.backend());
    let mut app = compose_preview_screen();
    let terminal = render(&app, 80, 24);
    insta::assert_snapshot!("compose_preview_80x24", terminal.backend());
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(
        composer(&app).preview_scroll,
        0,
        "a note not ready yet has nothing to scroll"
    );
}

// ---------------------------------------------------------------------------------------
// view
// ---------------------------------------------------------------------------------------

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (50, 20)];

fn snapshot_all_sizes(name: &str, app: &App) {
    for (width, height) in SIZES {
        let terminal = render(app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

fn plain_screen() -> App {
    let mut app = app();
    select(&mut app, "national-shelter");
    app
}

/// A need and a language chosen in the pickers, one service in the basket.
fn filtered_screen() -> App {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Need)]);
    run(&mut app, typed("shelter"));
    run(
        &mut app,
        [Action::PickerApply, Action::FocusNext, Action::ToggleBasket],
    );
    run(&mut app, [Action::OpenPicker(PickerKind::Language)]);
    run(&mut app, typed("en"));
    run(&mut app, [Action::PickerApply]);
    app
}

/// A need and a query that no service matches together.
fn empty_screen() -> App {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Need)]);
    run(&mut app, typed("legal"));
    run(&mut app, [Action::PickerApply]);
    run(&mut app, typed("night"));
    app
}

fn help_screen() -> App {
    let mut app = app();
    run(&mut app, [Action::Help]);
    app
}

const PICKERS: [(PickerKind, &str); 4] = [
    (PickerKind::Need, "picker_need"),
    (PickerKind::Region, "picker_region"),
    (PickerKind::Language, "picker_language"),
    (PickerKind::Population, "picker_population"),
];

/// A picker open from the list; in the need picker one need marked.
fn picker_screen(kind: PickerKind) -> App {
    let mut app = app();
    open_picker(&mut app, kind);
    app
}

fn stats_screen() -> App {
    let mut app = app();
    run(&mut app, [Action::Stats]);
    app
}

/// A catalogue with an error: the banner names it.
fn banner_screen() -> App {
    let broken = TUI_CATALOGUE.replace("needs = [\"legal\"]", "needs = [\"no-such-need\"]");
    app_from(&broken, Origin::Text("broken.toml".into()), false)
}

/// The composer for one service with a client code typed.
fn compose_screen() -> App {
    let mut app = app();
    select(&mut app, "national-shelter");
    run(&mut app, [Action::Submit]);
    for c in "C-0042".chars() {
        key(&mut app, c);
    }
    app
}

/// The composer showing the note's preview (Ctrl-t).
fn compose_preview_screen() -> App {
    let mut app = compose_screen();
    press(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    app
}

/// Every screen there is a snapshot of, by the snapshot's name.
fn every_screen() -> Vec<(&'static str, App)> {
    let mut screens = vec![
        ("plain", plain_screen()),
        ("filtered", filtered_screen()),
        ("empty", empty_screen()),
        ("help", help_screen()),
        ("stats", stats_screen()),
        ("banner", banner_screen()),
        ("compose", compose_screen()),
        ("compose_preview", compose_preview_screen()),
        ("notice", app_with_notice(Origin::Embedded)),
    ];
    screens.extend(PICKERS.map(|(kind, name)| (name, picker_screen(kind))));
    screens
}

#[test]
fn snapshot_plain() {
    snapshot_all_sizes("plain", &plain_screen());
}

#[test]
fn snapshot_filtered() {
    snapshot_all_sizes("filtered", &filtered_screen());
}

#[test]
fn snapshot_empty_result() {
    snapshot_all_sizes("empty", &empty_screen());
}

#[test]
fn snapshot_help() {
    snapshot_all_sizes("help", &help_screen());
}

#[test]
fn snapshot_pickers() {
    for (kind, name) in PICKERS {
        snapshot_all_sizes(name, &picker_screen(kind));
    }
}

#[test]
fn stats_asks_for_the_history_and_shows_its_counts() {
    let mut app = app();
    run(&mut app, [Action::FocusNext]);
    assert_eq!(key(&mut app, 's'), Effect::LoadHistory);
    assert_eq!(
        app.catalogue_stats.services, 4,
        "counted when the overlay opens"
    );
    assert_eq!(app.catalogue_stats.closed, 1);
    let count = |label: &str, count| pathways::referral::Count {
        key: label.to_lowercase(),
        label: label.to_string(),
        count,
    };
    update(
        &mut app,
        Action::HistoryLoaded(HistoryStats {
            records: 7,
            due: 2,
            by_need: vec![count("Shelter", 5), count("Legal aid", 2)],
            by_region: vec![count("Minsk", 7)],
            ..HistoryStats::default()
        }),
    );
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("7 referrals recorded, 2 follow-ups"),
        "{text}"
    );
    let bar = |label: &str| {
        text.lines()
            .find(|l| l.contains(label) && l.contains('█'))
            .map(|l| l.matches('█').count())
            .unwrap_or_else(|| panic!("no bar for {label}:\n{text}"))
    };
    assert!(
        bar("Shelter") > bar("Legal aid"),
        "bars scale with the counts:\n{text}"
    );
}

#[test]
fn snapshot_stats() {
    let terminal = render(&stats_screen(), 80, 24);
    insta::assert_snapshot!("stats_80x24", terminal.backend());
}

#[test]
fn snapshot_error_banner() {
    let app = banner_screen();
    assert!(app.banner.is_some());
    snapshot_all_sizes("banner", &app);
}

/// The sizes every screen is drawn at by `every_screen_draws_down_to_1x1_without_a_panic`:
/// each size up to 4x4, one row or one column, a few rows of full width; help and the region
/// picker (overlays centred over the rest, whose sizes are computed) at every size up to
/// 70x12.
fn small_sizes(name: &str) -> Vec<(u16, u16)> {
    let (columns, rows) = if name == "help" || name == "picker_region" {
        (70, 12)
    } else {
        (4, 4)
    };
    let mut sizes: Vec<(u16, u16)> = (0..=columns)
        .flat_map(|width| (0..=rows).map(move |height| (width, height)))
        .collect();
    sizes.extend([(1, 24), (80, 1), (80, 2), (80, 3)]);
    sizes
}

#[test]
fn every_screen_draws_down_to_1x1_without_a_panic() {
    for (name, app) in every_screen() {
        for (width, height) in small_sizes(name) {
            let drawn = std::panic::catch_unwind(AssertUnwindSafe(|| render(&app, width, height)));
            let terminal =
                drawn.unwrap_or_else(|_| panic!("the {name} screen panicked at {width}x{height}"));
            assert_eq!(
                terminal.backend().buffer().area,
                Rect::new(0, 0, width, height),
                "{name} at {width}x{height}"
            );
        }
    }
}

#[test]
fn the_details_show_contacts_hours_and_staff_only_marks() {
    let mut app = app();
    select(&mut app, "national-shelter");
    let terminal = render(&app, 120, 40);
    let text = text_of(terminal.backend().buffer());
    assert!(text.contains("+375 17 000 00 01"), "{text}");
    assert!(text.contains("Anna Focal"), "{text}");
    assert!(text.contains("[staff only]"), "{text}");
    assert!(text.contains("Mo-Fr 09:00-18:00"), "{text}");
}

/// The row of the screen where the selected service is drawn (it starts with the mark).
fn selected_row(buffer: &Buffer) -> u16 {
    let text = text_of(buffer);
    text.lines()
        .position(|line| line.contains("│> ") || line.contains("┃> "))
        .expect("a selected row") as u16
}

#[test]
fn the_selected_row_is_marked_without_colour() {
    let mut app = app();
    run(&mut app, [Action::MoveDown]);
    let terminal = render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let row = selected_row(buffer);
    let cell = &buffer[(5, row)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert_eq!(
        cell.bg,
        Color::Reset,
        "no colour at all in the monochrome theme"
    );
    assert_eq!(cell.fg, Color::Reset);
    let other = &buffer[(5, row - 2)];
    assert!(!other.modifier.contains(Modifier::REVERSED), "{other:?}");
}

#[test]
fn the_selected_row_is_marked_with_colour() {
    let mut app = app_from(TUI_CATALOGUE, Origin::Text("c".into()), true);
    run(&mut app, [Action::MoveDown]);
    let terminal = render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let row = selected_row(buffer);
    assert_eq!(buffer[(5, row)].bg, Color::Blue);
    assert_ne!(buffer[(5, row - 2)].bg, Color::Blue);
}

#[test]
fn no_colour_anywhere_in_the_monochrome_theme() {
    let mut app = app();
    run(&mut app, [Action::Help]);
    for application in [app, self::app()] {
        let terminal = render(&application, 120, 40);
        let buffer = terminal.backend().buffer();
        assert!(
            buffer
                .content()
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
            "a colour would make crossterm send a bare reset under NO_COLOR"
        );
    }
}

#[test]
fn matched_characters_are_highlighted() {
    let mut app = app();
    run(&mut app, typed("shelter"));
    select(&mut app, "national-shelter");
    run(&mut app, [Action::FocusNext]);
    let terminal = render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let row = selected_row(buffer);
    let line = text_of(buffer)
        .lines()
        .nth(usize::from(row))
        .unwrap()
        .to_string();
    let column = line
        .chars()
        .position(|c| c == 'S')
        .expect("Shelter on the row") as u16;
    let matched = &buffer[(column, row)];
    assert!(
        matched.modifier.contains(Modifier::UNDERLINED),
        "{matched:?}"
    );
    let before = &buffer[(column - 2, row)];
    assert!(
        !before.modifier.contains(Modifier::UNDERLINED),
        "{before:?}"
    );
}

#[test]
fn the_list_shows_the_organisations_short_form_at_80_columns() {
    let app = app_from(
        include_str!("../data/catalogue.toml"),
        Origin::Embedded,
        false,
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("IOM Belarus"), "{text}");
    for line in text.lines() {
        assert!(
            !line.contains("Internati ") && !line.trim_end().ends_with("Internati"),
            "an organisation cut mid-word: {line}"
        );
    }
}

/// The (x, y) where `word` starts in the row below the selected one.
fn mark_cell(buffer: &Buffer, word: &str) -> Option<(u16, u16)> {
    let row = selected_row(buffer) + 1;
    let line = text_of(buffer).lines().nth(usize::from(row))?.to_string();
    let at = line.find(word)?;
    Some((line[..at].chars().count() as u16, row))
}

#[test]
fn every_mark_stays_readable_on_the_selection() {
    for color in [false, true] {
        let mut app = app_from(TUI_CATALOGUE, Origin::Text("c".into()), color);
        run(&mut app, [Action::ToggleOpenNow]);
        let mut seen = Vec::new();
        for i in 0..app.hits.len() {
            app.selected = i;
            let terminal = render(&app, 80, 24);
            let buffer = terminal.backend().buffer();
            for mark in ["CLOSED", "ALERT", "STALE", "HOURS?"] {
                let Some(at) = mark_cell(buffer, mark) else {
                    continue;
                };
                seen.push(mark);
                let cell = &buffer[at];
                if color {
                    assert_eq!(
                        (cell.fg, cell.bg),
                        (Color::White, Color::Red),
                        "{mark} on the selection"
                    );
                } else {
                    assert!(
                        cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD),
                        "{mark}: {cell:?}"
                    );
                    assert_eq!(cell.bg, Color::Reset);
                }
            }
        }
        for mark in ["CLOSED", "ALERT", "STALE", "HOURS?"] {
            assert!(seen.contains(&mark), "{mark} never shown (colour {color})");
        }
    }
}

#[test]
fn open_now_says_why_nothing_was_removed_when_no_service_has_hours() {
    let text = TUI_CATALOGUE.replace("opening_hours", "hours_note");
    let mut app = app_from(&text, Origin::Text("no-hours.toml".into()), false);
    let before = app.hits.len();
    run(&mut app, [Action::ToggleOpenNow]);
    assert_eq!(app.hits.len(), before);
    let screen = screen(&app, 80, 24);
    assert!(
        screen.contains("no service here has structured"),
        "{screen}"
    );
    let mut with_hours = self::app();
    run(&mut with_hours, [Action::ToggleOpenNow]);
    let screen = screen_of(&with_hours);
    assert!(!screen.contains("no service here has"), "{screen}");
}

fn screen_of(app: &App) -> String {
    screen(app, 80, 24)
}

#[test]
fn place_words_show_their_chip_and_ctrl_g_turns_them_back_into_text() {
    let mut app = app();
    run(&mut app, typed("Gomel"));
    let place = app.place.as_ref().expect("Gomel names a region");
    let name = app.catalogue().regions[place.region].name.clone();
    let text = screen(&app, 80, 24);
    assert!(
        text.contains(&format!("region: {name} (from the query)")),
        "{text}"
    );
    press(&mut app, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(app.filters.no_place_words);
    assert!(app.place.is_none());
    let text = screen(&app, 80, 24);
    assert!(!text.contains("(from the query)"), "{text}");
    press(&mut app, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(app.place.is_some());
}

#[test]
fn a_dropped_word_is_noticed_in_the_status_line_at_80_columns() {
    let mut app = app();
    run(&mut app, typed("shelter enrollment"));
    assert!(!app.hits.is_empty());
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("no service mentions 'enrollment'; showing matches for the other words"),
        "{text}"
    );
    // A message still wins over the notice.
    app.status = Some("Copied.".into());
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Copied.") && !text.contains("no service mentions"),
        "{text}"
    );
}

/// A service whose name needs two lines at 80 columns.
const LONG_NAME: &str = "City Housing Advice and Legal Representation for Asylum Seekers";

#[test]
fn a_long_name_wraps_onto_the_second_line_with_the_marks_and_organisation_in_place() {
    let text = TUI_CATALOGUE.replace(
        "name = \"City Housing Advice\"",
        &format!("name = \"{LONG_NAME}\""),
    );
    let app = app_from(&text, Origin::Text("tui-test.toml".into()), false);
    let screen_80 = screen(&app, 80, 24);
    let rows: Vec<&str> = screen_80.lines().collect();
    let first = rows
        .iter()
        .position(|l| l.contains("City Housing Advice and"))
        .expect("the name's first line");
    assert!(!rows[first].contains('…'), "{screen_80}");
    let second = rows[first + 1];
    assert!(
        second.contains("│   Representation") && second.contains(" · Example"),
        "the rest of the name, then the organisation:\n{screen_80}"
    );
    assert!(
        second.contains("city│"),
        "the badge keeps its place:\n{screen_80}"
    );
    insta::assert_snapshot!("long_name_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("long_name_120x40", render(&app, 120, 40).backend());
}

/// PgDn scrolls the preview from the services line as from any field.
#[test]
fn the_preview_scrolls_from_the_services_line() {
    let mut app = twelve_service_composer();
    if let Overlay::Compose(composer) = &mut app.overlay {
        composer.draft.case_ref = "C-0042".into();
        composer.draft.consent = Some(pathways::referral::ConsentKind::Verbal);
    }
    press(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    render(&app, 80, 24);
    assert!(
        composer(&app).preview_last.get() > 0,
        "a note longer than its pane"
    );
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert!(composer(&app).on_services);
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert!(composer(&app).preview_scroll > 0);
    press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(composer(&app).preview_scroll, 0);
    key(&mut app, 'x');
    assert_eq!(
        composer(&app).draft.case_ref,
        "C-0042",
        "no field takes the key"
    );
}

#[test]
fn enter_on_the_folded_services_line_lists_them_all() {
    let mut app = twelve_service_composer();
    let folded = screen(&app, 80, 24);
    assert!(
        folded.contains("Referral to 12 service(s)  (Shift-Tab"),
        "{folded}"
    );
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert!(composer(&app).on_services);
    let on_line = screen(&app, 80, 24);
    assert!(
        on_line.contains("Enter list services"),
        "the hint: {on_line}"
    );
    code(&mut app, KeyCode::Enter);
    assert!(composer(&app).services_expanded);
    let listed = screen(&app, 80, 24);
    assert!(listed.contains("Referral to 12 service(s):"), "{listed}");
    insta::assert_snapshot!(
        "compose_services_listed_80x24",
        render(&app, 80, 24).backend()
    );
    insta::assert_snapshot!(
        "compose_services_listed_120x40",
        render(&app, 120, 40).backend()
    );
    code(&mut app, KeyCode::Tab);
    assert_eq!(composer(&app).current(), FormField::CaseRef);
    assert!(!composer(&app).on_services);
    key(&mut app, 'x');
    assert_eq!(
        composer(&app).draft.case_ref,
        "x",
        "typing goes to the field again"
    );
}
