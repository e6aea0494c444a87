//! The follow-up view (`f`) and the outcome bars without a terminal: keys through the key
//! tables, `update`, and `view` rendered into ratatui's `TestBackend` (insta snapshots).

use crossterm::event::{KeyCode, KeyModifiers};
use pathways::catalogue::Origin;
use pathways::config::Config;
use pathways::referral::{
    ConsentKind, Count, Draft, Outcome, Priority, Record, Status, outcome_counts,
};
use pathways::tui::{Action, App, DueItem, Effect, HistoryStats, Options, Overlay, update};
use support::screen::{app_at, render, screen};

mod support;

fn app() -> App {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/referral.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let origin = Origin::Text("fixture.toml".into());
    app_at(&text, origin, Options::default(), "2026-11-25T09:00:00Z")
}

/// Two due referrals made on 2026-11-20: an urgent one to two services (one of them
/// attended already), and an emergency one.
fn due_records() -> Vec<Record> {
    let then: jiff::Zoned = "2026-11-20T10:00:00+03:00[Europe/Minsk]".parse().unwrap();
    let make = |services: &[&str], note_ref: &str, priority| {
        let mut draft = Draft::new(
            services.iter().map(|s| s.to_string()).collect(),
            then.date(),
            note_ref.to_string(),
            &Config::default(),
        );
        draft.priority = priority;
        draft.consent = Some(ConsentKind::Verbal);
        Record::new(&draft, "en", &then, false)
    };
    let mut urgent = make(
        &["full-shelter", "bare-clinic", "closed-advice"],
        "PW-20261120-100000-AAAA",
        Priority::Urgent,
    );
    urgent.outcomes = vec![
        Outcome {
            service: "bare-clinic".into(),
            status: Status::Attended,
            reason: None,
            date: jiff::civil::date(2026, 11, 22),
        },
        Outcome {
            service: "closed-advice".into(),
            status: Status::Accepted,
            reason: None,
            date: jiff::civil::date(2026, 11, 22),
        },
    ];
    let emergency = make(
        &["bare-clinic"],
        "PW-20261120-100000-BBBB",
        Priority::Emergency,
    );
    vec![urgent, emergency]
}

fn press(app: &mut App, code: KeyCode) -> Effect {
    support::screen::press(app, code, KeyModifiers::NONE)
}

/// Opens the view with `f` from the list and hands it the due rows.
fn open(app: &mut App) {
    press(app, KeyCode::Tab);
    assert_eq!(press(app, KeyCode::Char('f')), Effect::LoadFollowUps);
    let items = DueItem::from_records(&due_records(), app.catalogue(), app.today, app.lang);
    update(app, Action::FollowUpsLoaded(Ok((items, 2))));
}

#[test]
fn rows_are_the_services_still_open_with_priority_and_days_overdue() {
    let app = app();
    let items = DueItem::from_records(&due_records(), app.catalogue(), app.today, app.lang);
    let rows: Vec<(&str, &str, i64, Option<Status>)> = items
        .iter()
        .map(|i| (i.note_ref.as_str(), i.service.as_str(), i.overdue, i.status))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("PW-20261120-100000-AAAA", "full-shelter", 2, None),
            (
                "PW-20261120-100000-AAAA",
                "closed-advice",
                2,
                Some(Status::Accepted)
            ),
            ("PW-20261120-100000-BBBB", "bare-clinic", 4, None),
        ]
    );
}

#[test]
fn enter_twice_records_attended_and_a_letter_records_its_status() {
    let mut app = app();
    open(&mut app);
    assert_eq!(app.due, Some(2));
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Effect::None,
        "the picker opens"
    );
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Effect::RecordOutcome {
            note_ref: "PW-20261120-100000-AAAA".into(),
            service: "full-shelter".into(),
            status: Status::Attended,
        }
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        press(&mut app, KeyCode::Char('s')),
        Effect::RecordOutcome {
            note_ref: "PW-20261120-100000-BBBB".into(),
            service: "bare-clinic".into(),
            status: Status::DeclinedByService,
        }
    );
    // Esc backs out of the picker, then closes the view.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(&app.overlay, Overlay::FollowUps(v) if v.picking.is_none()));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn the_due_count_follows_each_reload_and_shows_in_the_status_line() {
    let mut app = app();
    assert!(!screen(&app, 100, 30).contains("due "));
    app.due = Some(2);
    assert!(screen(&app, 100, 30).contains("basket 0  due 2"));
    open(&mut app);
    let items = DueItem::from_records(&due_records()[1..], app.catalogue(), app.today, app.lang);
    update(&mut app, Action::FollowUpsLoaded(Ok((items, 1))));
    assert_eq!(app.due, Some(1));
    let text = screen(&app, 100, 30);
    assert!(text.contains("Follow-ups due: 1"), "{text}");
    assert!(!text.contains("AAAA"), "{text}");
}

#[test]
fn snapshot_follow_ups_and_the_outcome_picker() {
    let mut app = app();
    open(&mut app);
    insta::assert_snapshot!("follow_ups_100x30", render(&app, 100, 30).backend());
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("follow_ups_picker_100x30", render(&app, 100, 30).backend());
    // Small screens never panic.
    for (w, h) in [(1, 1), (20, 5), (50, 12)] {
        render(&app, w, h);
    }
}

#[test]
fn help_lists_the_follow_up_keys_from_the_key_tables() {
    let mut app = app();
    update(&mut app, Action::Help);
    // The help popup scrolls: read it page by page.
    let mut text = String::new();
    for scroll in (0..300).step_by(20) {
        app.overlay = Overlay::Help { scroll };
        text.push_str(&screen(&app, 120, 50));
    }
    assert!(text.contains("follow-ups due: set outcomes"), "{text}");
    assert!(text.contains("Outcome picker"));
    assert!(text.contains("declined by the service"));
}

#[test]
fn statistics_show_outcomes_as_bars() {
    let mut app = app();
    update(&mut app, Action::Stats);
    let mut by_status = [0; 7];
    by_status[Status::Attended.index()] = 6;
    by_status[Status::DeclinedByService.index()] = 2;
    update(
        &mut app,
        Action::HistoryLoaded(HistoryStats {
            records: 9,
            due: 1,
            by_need: vec![Count {
                key: "shelter".into(),
                label: "Shelter".into(),
                count: 9,
            }],
            by_outcome: outcome_counts(&by_status, 1),
            ..HistoryStats::default()
        }),
    );
    let text = screen(&app, 100, 60);
    assert!(text.contains("By outcome"), "{text}");
    let bar = |label: &str| {
        text.lines()
            .find(|l| l.contains(label))
            .map(|l| l.matches('█').count())
            .unwrap_or_else(|| panic!("no bar for {label}:\n{text}"))
    };
    assert!(bar("Attended") > bar("Declined by the service"));
    assert!(bar("Declined by the service") > bar("Open (no outcome"));
}
