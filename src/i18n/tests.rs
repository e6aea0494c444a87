use super::*;
use fluent_syntax::ast;
use jiff::civil::date;
use std::collections::{BTreeMap, BTreeSet};

fn ru() -> Lang {
    Lang::find("ru").expect("a Russian bundle")
}

/// Each message id of a language's files with the variables it uses, parsed from the
/// files themselves (not through a bundle, which would hide a duplicate).
fn messages(code: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut found = BTreeMap::new();
    for (language, name, text) in super::catalog::embedded_sources() {
        if *language != code {
            continue;
        }
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{language}/{name}: {errors:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut variables);
                }
                let id = message.id.name.to_string();
                assert!(
                    found.insert(id.clone(), variables).is_none(),
                    "{language}/{name}: '{id}' defined twice"
                );
            }
        }
    }
    found
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[test]
fn the_embedded_files_parse_without_a_fault() {
    let (_, problems) = Catalog::from_sources(super::catalog::embedded_sources());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn english_and_russian_have_the_same_ids_with_the_same_variables() {
    let en = messages("en");
    let ru = messages("ru");
    assert!(en.len() > 10, "English is read: {}", en.len());
    let only_en: Vec<&String> = en.keys().filter(|id| !ru.contains_key(*id)).collect();
    let only_ru: Vec<&String> = ru.keys().filter(|id| !en.contains_key(*id)).collect();
    assert!(only_en.is_empty(), "missing in ru: {only_en:?}");
    assert!(only_ru.is_empty(), "missing in en: {only_ru:?}");
    for (id, variables) in &en {
        assert_eq!(&ru[id], variables, "'{id}' uses other variables in ru");
    }
}

#[test]
fn every_other_language_says_nothing_english_does_not() {
    let en = messages("en");
    for code in Catalog::embedded().codes() {
        for (id, variables) in messages(code) {
            let Some(english) = en.get(&id) else {
                panic!("{code}: '{id}' is not an English id");
            };
            assert_eq!(&variables, english, "{code}: '{id}' uses other variables");
        }
    }
}

#[test]
fn russian_plurals_follow_cldr() {
    let forms: Vec<String> = [0, 1, 2, 5, 11, 21, 22, 25, 111]
        .iter()
        .map(|&count| t!(ru(), "services-count", count = count))
        .collect();
    assert_eq!(
        forms,
        [
            "0 услуг",
            "1 услуга",
            "2 услуги",
            "5 услуг",
            "11 услуг",
            "21 услуга",
            "22 услуги",
            "25 услуг",
            "111 услуг"
        ]
    );
    assert_eq!(t!(Lang::en(), "services-count", count = 1), "1 service");
    assert_eq!(t!(Lang::en(), "services-count", count = 21), "21 services");
}

#[test]
fn no_isolation_mark_reaches_the_text() {
    let text = t!(ru(), "services-count", count = 3);
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
    let text = t!(Lang::en(), "date-overdue", days = 3);
    assert_eq!(text, "3 days over");
}

#[test]
fn dates_are_written_as_the_language_writes_them() {
    let day = date(2026, 11, 30);
    assert_eq!(ru().date(day), "30.11.2026");
    assert_eq!(ru().date(date(2027, 2, 5)), "05.02.2027");
    assert_eq!(Lang::en().date(day), "2026-11-30");
    assert_eq!(
        ru().relative_date(date(2026, 11, 27), day),
        "просрочено на 3 дня"
    );
    assert_eq!(
        ru().relative_date(date(2026, 11, 9), day),
        "просрочено на 21 день"
    );
    assert_eq!(ru().relative_date(day, day), "сегодня");
    assert_eq!(ru().relative_date(date(2026, 12, 5), day), "через 5 дней");
    assert_eq!(
        Lang::en().relative_date(date(2026, 11, 29), day),
        "1 day over"
    );
}

#[test]
fn date_fields_take_both_forms() {
    assert_eq!(parse_date("30.11.2026"), Some(date(2026, 11, 30)));
    assert_eq!(parse_date(" 1.2.2027 "), Some(date(2027, 2, 1)));
    assert_eq!(parse_date("2026-11-30"), Some(date(2026, 11, 30)));
    for bad in [
        "31.11.2026",
        "30.11.26",
        "30/11/2026",
        "+1.2.2027",
        "1.2.2027.",
        "",
        "x",
    ] {
        assert_eq!(parse_date(bad), None, "{bad:?}");
    }
}

#[test]
fn a_missing_id_shows_itself_rather_than_nothing() {
    assert_eq!(ru().t("no-such-message"), "no-such-message");
    assert!(!ru().has("no-such-message"));
    assert!(ru().has("services-count"));
}

/// `tests/fixtures/locales/xx` is a language made of one file: loaded by the same code as
/// the embedded ones, it is chosen by its code, says what it has, borrows from its declared
/// fallback (Russian) and then English; `xy` declares none and borrows from English.
#[test]
fn a_new_language_is_a_folder_of_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/locales");
    let (catalog, problems) = Catalog::with_dir(&dir).expect("the fixture locales read");
    assert!(problems.is_empty(), "{problems:?}");
    let catalog: &'static Catalog = Box::leak(Box::new(catalog));
    let xx = catalog.lang("xx").expect("xx is a language now");
    assert_eq!(xx.name(), "Xx-speak");
    assert_eq!(t!(xx, "services-count", count = 22), "xx 22 few");
    assert_eq!(xx.date(date(2026, 11, 30)), "30.11.2026", "from ru");
    let xy = catalog.lang("xy").expect("xy is a language now");
    assert_eq!(xy.t("mark-stale"), "STALE", "from en");
    assert_eq!(xy.t("language-name"), "Xy");
    // Its plural rules are those of the language it falls back to (none of its own).
    assert_eq!(t!(xy, "services-count", count = 1), "1 service");
}

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn the_language_is_chosen_by_flag_variable_config_locale_in_turn() {
    let all = env_of(&[("PATHWAYS_UI_LANG", "ru"), ("LANG", "ru_RU.UTF-8")]);
    let choice = choose(Some("en"), &all, Some(("ru", "user config /c"))).unwrap();
    assert_eq!((choice.lang.code(), choice.source), ("en", Source::Flag));
    let choice = choose(None, &all, Some(("en", "user config /c"))).unwrap();
    assert_eq!((choice.lang.code(), &choice.source), ("ru", &Source::Env));
    assert_eq!(choice.machine(), ru(), "explicit: machine output follows");
    let locale = env_of(&[("LANG", "ru_RU.UTF-8")]);
    let choice = choose(None, &locale, Some(("en", "user config /c"))).unwrap();
    assert_eq!(choice.source, Source::Config("user config /c".into()));
    assert_eq!(choice.lang, Lang::en());
    let choice = choose(None, &locale, None).unwrap();
    assert_eq!(choice.lang, ru());
    assert_eq!(choice.source.to_string(), "LANG=ru_RU.UTF-8");
    assert_eq!(choice.machine(), Lang::en(), "a locale is not explicit");
    let choice = choose(None, &env_of(&[]), None).unwrap();
    assert_eq!(choice, Choice::base());
}

#[test]
fn the_locale_follows_posix_precedence_and_finds_the_nearest_language() {
    let pick = |pairs: &[(&str, &str)]| choose(None, &env_of(pairs), None).unwrap().lang.code();
    assert_eq!(pick(&[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")]), "en");
    assert_eq!(
        pick(&[("LC_MESSAGES", "ru_RU.UTF-8"), ("LANG", "en_US")]),
        "ru"
    );
    assert_eq!(pick(&[("LC_ALL", ""), ("LANG", "ru_BY.UTF-8")]), "ru");
    let belarusian = pick(&[("LANG", "be_BY.UTF-8")]);
    let expected = if Lang::find("be").is_some() {
        "be"
    } else {
        "ru"
    };
    assert_eq!(belarusian, expected);
    assert_eq!(pick(&[("LANG", "de_DE.UTF-8")]), "en");
}

#[test]
fn a_language_without_a_bundle_is_refused_when_named() {
    let error = choose(Some("de"), &env_of(&[]), None).unwrap_err();
    assert_eq!(error.origin, Source::Flag);
    assert!(error.to_string().contains("available: "), "{error}");
    assert!(error.available.contains("ru"), "{error}");
    let error = choose(None, &env_of(&[]), Some(("xx", "system config /etc/p"))).unwrap_err();
    assert_eq!(
        error.origin.to_string(),
        "ui_language in the system config /etc/p"
    );
    assert_eq!(choose(Some("RU"), &env_of(&[]), None).unwrap().lang, ru());
    assert_eq!(
        choose(Some("ru_RU.UTF-8"), &env_of(&[]), None)
            .unwrap()
            .lang,
        ru()
    );
}
