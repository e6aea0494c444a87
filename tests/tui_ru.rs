//! The directory in Russian at 80x24: snapshots of the main screens (start, results, empty
//! results, the four pickers, the composer and its preview, help, statistics, follow-ups),
//! and a check that no line of them holds an English word of the interface (key names,
//! ids, codes and the catalogue's own text excepted).

use crossterm::event::{KeyCode, KeyModifiers};
use pathways::catalogue::Origin;
use pathways::config::Config;
use pathways::i18n::Lang;
use pathways::referral::{ConsentKind, Count, Draft, Priority, Record, Template};
use pathways::tui::{
    Action, App, DueItem, HistoryStats, Options, Overlay, PickValue, PickerKind, update,
};
use std::collections::BTreeSet;
use support::screen::{
    TUI_CATALOGUE, app_with, open_picker, press, render, run, screen, select, typed,
};

mod support;

/// The TUI tests' catalogue, with a Russian name and description for the night shelter
/// (the other services have none: their details say `[en]`).
fn catalogue_text() -> String {
    TUI_CATALOGUE.replace(
        "name = \"Night Shelter\"\n",
        "name = \"Night Shelter\"\ntranslations.ru = { name = \"Ночной приют\", description = \
         \"Ночлег на одну ночь, без документов.\" }\n",
    )
}

fn ru() -> Lang {
    Lang::find("ru").expect("a Russian bundle")
}

fn app() -> App {
    app_with(
        &catalogue_text(),
        Origin::Text("tui-test.toml".into()),
        Options {
            lang: ru(),
            template: Some(Template::find("ru", None).expect("the built-in ru template")),
            ..Options::default()
        },
    )
}

fn start() -> App {
    let mut app = app();
    select(&mut app, "national-shelter");
    app
}

fn results() -> App {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Need)]);
    run(&mut app, typed("shelter"));
    run(
        &mut app,
        [Action::PickerApply, Action::FocusNext, Action::ToggleBasket],
    );
    app
}

fn empty() -> App {
    let mut app = app();
    run(&mut app, [Action::OpenPicker(PickerKind::Need)]);
    run(&mut app, typed("legal"));
    run(&mut app, [Action::PickerApply]);
    run(&mut app, typed("night"));
    app
}

fn picker(kind: PickerKind) -> App {
    let mut app = app();
    open_picker(&mut app, kind);
    app
}

fn composer() -> App {
    let mut app = app();
    select(&mut app, "gomel-medical");
    run(&mut app, [Action::Submit]);
    run(&mut app, typed("C-0042"));
    app
}

fn preview() -> App {
    let mut app = composer();
    press(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    app
}

fn help() -> App {
    let mut app = app();
    run(&mut app, [Action::Help]);
    app
}

fn stats() -> App {
    let mut app = app();
    run(&mut app, [Action::FocusNext, Action::Stats]);
    let count = |key: &str, label: &str, count| Count {
        key: key.to_string(),
        label: label.to_string(),
        count,
    };
    update(
        &mut app,
        Action::HistoryLoaded(HistoryStats {
            records: 21,
            due: 2,
            by_need: vec![
                count("shelter", "Shelter", 15),
                count("legal", "Legal aid", 6),
            ],
            by_region: vec![count("minsk", "Minsk", 21)],
            by_outcome: pathways::referral::outcome_counts(&[3, 5, 1, 0, 2, 0, 1], 9),
            ..HistoryStats::default()
        }),
    );
    app
}

/// Two referrals made on 2026-11-20 and due: one urgent, one emergency.
fn follow_ups() -> App {
    let mut app = app();
    let then: jiff::Zoned = "2026-11-20T10:00:00+03:00[Europe/Minsk]".parse().unwrap();
    let make = |service: &str, note_ref: &str, priority| {
        let mut draft = Draft::new(
            vec![service.to_string()],
            then.date(),
            note_ref.to_string(),
            &Config::default(),
        );
        draft.priority = priority;
        draft.consent = Some(ConsentKind::Verbal);
        Record::new(&draft, "ru", &then, false)
    };
    let records = [
        make(
            "national-shelter",
            "PW-20261120-100000-AAAA",
            Priority::Urgent,
        ),
        make(
            "gomel-medical",
            "PW-20261120-100000-BBBB",
            Priority::Emergency,
        ),
    ];
    run(&mut app, [Action::FocusNext, Action::FollowUps]);
    let items = DueItem::from_records(&records, app.catalogue(), app.today, app.lang);
    update(&mut app, Action::FollowUpsLoaded(Ok((items, 2))));
    app
}

fn follow_ups_picking() -> App {
    let mut app = follow_ups();
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    app
}

/// Every Russian screen by its snapshot's name.
fn screens() -> Vec<(&'static str, App)> {
    vec![
        ("ru_start", start()),
        ("ru_results", results()),
        ("ru_empty", empty()),
        ("ru_picker_need", picker(PickerKind::Need)),
        ("ru_picker_region", picker(PickerKind::Region)),
        ("ru_picker_language", picker(PickerKind::Language)),
        ("ru_picker_population", picker(PickerKind::Population)),
        ("ru_compose", composer()),
        ("ru_compose_preview", preview()),
        ("ru_help", help()),
        ("ru_stats", stats()),
        ("ru_follow_ups", follow_ups()),
        ("ru_follow_ups_picker", follow_ups_picking()),
    ]
}

#[test]
fn snapshots_of_the_main_screens_in_russian_at_80x24() {
    for (name, app) in screens() {
        let terminal = render(&app, 80, 24);
        insta::assert_snapshot!(format!("{name}_80x24"), terminal.backend());
    }
}

/// The words of the English interface: every word of three letters or more in the values
/// of `locales/en/*.ftl` (placeables and comments left out).
fn english_words() -> BTreeSet<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en");
    let mut words = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let value = match line.split_once(" = ") {
                Some((_, value)) => value,
                None => line,
            };
            let mut plain = String::new();
            let mut depth = 0;
            for c in value.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    c if depth == 0 => plain.push(c),
                    _ => {}
                }
            }
            words.extend(latin_words(&plain));
        }
    }
    words
}

fn latin_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
}

/// What may stay in Latin letters on a Russian screen: key names, the program's and the
/// protocol's names. The catalogue's own text is cut out of each line before the check
/// (its values only: its keys and codes such as `status` or `level` are no excuse).
fn allowed() -> BTreeSet<String> {
    let keys = "tab enter esc space pgup pgdn ctrl alt shift backspace delete home end up down \
                left right osc pathways config init history check default catalogue toml \
                editor sms whatsapp viber telegram";
    keys.split_whitespace().map(str::to_string).collect()
}

/// The catalogue's own text: the string values of its text fields (ids, names,
/// descriptions, how to refer, roles, e-mails, alerts, aliases, synonyms), longest first so that a name is cut out
/// of a line before a shorter name inside it.
fn catalogue_texts() -> Vec<String> {
    const TEXT_FIELDS: [&str; 10] = [
        "id",
        "email",
        "name",
        "title",
        "description",
        "how_to_refer",
        "role",
        "text",
        "aliases",
        "synonyms",
    ];
    fn walk(value: &toml::Value, in_text: bool, texts: &mut Vec<String>) {
        match value {
            toml::Value::String(text) if in_text => texts.push(text.clone()),
            toml::Value::Table(table) => table
                .iter()
                .for_each(|(key, v)| walk(v, TEXT_FIELDS.contains(&key.as_str()), texts)),
            toml::Value::Array(values) => values.iter().for_each(|v| walk(v, in_text, texts)),
            _ => {}
        }
    }
    let catalogue: toml::Value = toml::from_str(&catalogue_text()).unwrap();
    let mut texts = Vec::new();
    walk(&catalogue, false, &mut texts);
    texts.sort_by_key(|text| std::cmp::Reverse(text.len()));
    texts
}

/// A screen line without the catalogue's text: every whole text cut out, then every Latin
/// piece (between the frame, Cyrillic, punctuation and column gaps) that begins or ends one of the texts,
/// as a name cut at the column's end or wrapped onto the next line does.
fn interface_part(line: &str, texts: &[String]) -> String {
    let line = texts.iter().fold(line.to_string(), |line, text| {
        line.replace(text.as_str(), " ")
    });
    line.split(|c: char| !(c.is_ascii_alphanumeric() || " -.@'".contains(c)))
        .flat_map(|piece| piece.split("  "))
        .map(|piece| piece.trim_matches(|c: char| c == ' ' || c == '.'))
        .filter(|piece| {
            !texts
                .iter()
                .any(|text| text.starts_with(*piece) || text.ends_with(*piece))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn no_russian_screen_holds_an_english_word_of_the_interface() {
    let english = english_words();
    assert!(
        english.contains("services") && english.contains("referral"),
        "{english:?}"
    );
    let allowed = allowed();
    let texts = catalogue_texts();
    let mut found = Vec::new();
    for (name, app) in screens() {
        let text = screen(&app, 80, 24);
        for line in text.lines() {
            for word in latin_words(&interface_part(line, &texts)) {
                if english.contains(&word) && !allowed.contains(&word) {
                    found.push(format!("{name}: '{word}' in {line:?}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "English on Russian screens:\n{}",
        found.join("\n")
    );
}

/// With ru, the catalogue's translation replaces the original where there is one; where
/// there is none the original shows with its language.
#[test]
fn catalogue_text_follows_the_language_with_the_original_marked() {
    let text = screen(&start(), 120, 40);
    assert!(text.contains("Ночной приют"), "{text}");
    assert!(text.contains("Ночлег на одну ночь"), "{text}");
    let mut medical = app();
    select(&mut medical, "gomel-medical");
    let text = screen(&medical, 120, 40);
    assert!(
        text.contains("[en]"),
        "an untranslated text says its language:\n{text}"
    );
    // The composer names the service as the details do.
    let mut composing = start();
    run(&mut composing, [Action::Submit]);
    let text = screen(&composing, 80, 24);
    assert!(text.contains("Ночной приют"), "{text}");
    // Search still finds the service by its original words.
    let mut searched = app();
    run(&mut searched, typed("night shelter"));
    let first = &searched.catalogue().services[searched.hits[0].service];
    assert_eq!(first.id, "national-shelter");
}

/// Russian plurals in the status line's count, for the counts the issue names.
#[test]
fn the_status_line_counts_services_in_russian_plurals() {
    let app = app();
    let cases = [
        (0, "0 услуг"),
        (1, "1 услуга"),
        (2, "2 услуги"),
        (5, "5 услуг"),
        (11, "11 услуг"),
        (21, "21 услуга"),
        (22, "22 услуги"),
        (25, "25 услуг"),
        (111, "111 услуг"),
    ];
    for (count, expected) in cases {
        let text = app.lang.t_args(
            "tui-status-services",
            &[("count", count.into()), ("more", "".into())],
        );
        assert_eq!(text, expected);
    }
    let text = screen(&app, 80, 24);
    assert!(
        text.lines().last().unwrap().starts_with("4 услуги"),
        "{text}"
    );
}

/// Date fields read both forms; the composer writes the language's.
#[test]
fn the_composer_writes_dates_the_russian_way_and_reads_both() {
    let mut app = composer();
    let pathways::tui::Overlay::Compose(composer) = &app.overlay else {
        panic!("the composer is open");
    };
    assert_eq!(composer.consent_date, "23.11.2026");
    // To the follow-up date, then type a day-first date.
    let follow_up = pathways::tui::FormField::ALL
        .iter()
        .position(|f| *f == pathways::tui::FormField::FollowUp)
        .unwrap();
    for _ in 0..follow_up {
        press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    }
    run(&mut app, typed("01.12.2026"));
    let pathways::tui::Overlay::Compose(composer) = &app.overlay else {
        panic!("the composer is open");
    };
    assert_eq!(
        composer.draft.follow_up,
        Some(jiff::civil::date(2026, 12, 1))
    );
}

/// Russian text is longer and multi-byte: every Russian screen still draws at every small
/// size, and wide, without a panic.
#[test]
fn every_russian_screen_draws_at_any_size_without_a_panic() {
    let mut sizes: Vec<(u16, u16)> = (0..=6)
        .flat_map(|width| (0..=6).map(move |height| (width, height)))
        .collect();
    sizes.extend([(20, 5), (50, 12), (50, 20), (79, 23), (120, 40), (200, 60)]);
    for (name, app) in screens() {
        for &(width, height) in &sizes {
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                screen(&app, width, height)
            }));
            assert!(
                drawn.is_ok(),
                "the {name} screen panicked at {width}x{height}"
            );
        }
    }
}

/// The default catalogue's long Russian names at 80x24: a name that does not fit two rows
/// of the list ends with `…` after a whole word, never inside one.
#[test]
fn the_list_cuts_long_russian_names_between_words() {
    let options = Options {
        lang: ru(),
        ..Options::default()
    };
    let text = include_str!("../data/catalogue.toml");
    let app = app_with(text, Origin::Text("catalogue.toml".into()), options);
    let words: BTreeSet<String> = app
        .catalogue()
        .services
        .iter()
        .filter_map(|s| s.translations.get("ru").and_then(|t| t.name.clone()))
        .flat_map(|name| {
            name.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let text = screen(&app, 80, 24);
    let cut: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split('│').nth(1))
        .filter_map(|row| row.split_once('…').map(|(before, _)| before))
        .map(|before| before.rsplit(' ').next().unwrap_or_default())
        .collect();
    assert!(!cut.is_empty(), "no long name on the screen:\n{text}");
    for word in cut {
        assert!(
            word.is_empty() || words.contains(word),
            "'{word}…' cuts a word:\n{text}"
        );
    }
}

/// The first item of a picker (any region) is found by its Russian words, as it reads.
#[test]
fn the_any_item_of_a_picker_is_found_by_its_russian_word() {
    let mut app = app();
    open_picker(&mut app, PickerKind::Region);
    run(&mut app, typed("любой"));
    let Overlay::Picker(picker) = &app.overlay else {
        panic!("the region picker is open");
    };
    let first = picker.current().map(|i| &picker.items[i]);
    assert_eq!(
        first.map(|item| (&item.value, item.label.as_str())),
        Some((&PickValue::Any, "(любой регион)"))
    );
    run(&mut app, [Action::PickerApply]);
    assert_eq!(app.filters.region, None);
}
