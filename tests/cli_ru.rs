//! The command line in Russian: messages on stderr follow the interface language however it
//! was chosen (flag, variable, config, locale); machine-read output (tab-separated and
//! JSON `why`, `check`'s lines) is Russian only when this run chose the language
//! (`--ui-lang`, `PATHWAYS_UI_LANG`), and `check`'s `FILE:LINE:COL: error:` prefix never
//! changes.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use support::Sandbox;

/// How a run says which language it wants.
#[derive(Clone, Copy, Debug)]
enum Chosen {
    Nothing,
    Locale,
    Variable,
    Flag,
}

fn run(sandbox: &Sandbox, chosen: Chosen, args: &[&str]) -> Command {
    let mut cmd = sandbox.command();
    match chosen {
        Chosen::Nothing => {}
        Chosen::Locale => {
            cmd.env("LANG", "ru_RU.UTF-8");
        }
        Chosen::Variable => {
            cmd.env("PATHWAYS_UI_LANG", "ru");
        }
        Chosen::Flag => {
            cmd.args(["--ui-lang", "ru"]);
        }
    }
    cmd.args(args);
    cmd
}

fn output(cmd: &mut Command) -> (String, String, Option<i32>) {
    let out = cmd.output().expect("the binary runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
        out.status.code(),
    )
}

#[test]
fn search_with_no_hits_says_so_in_each_language() {
    let sandbox = Sandbox::new();
    // Words found, but the filter leaves nothing.
    let query = ["search", "shelter", "--population", "qqqzzzxxx"];
    run(&sandbox, Chosen::Nothing, &query)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no services match"));
    // No service mentions the only word: that is the reason given, with no "other words".
    let dropped = ["search", "qqqzzzxxx"];
    run(&sandbox, Chosen::Nothing, &dropped)
        .assert()
        .code(1)
        .stderr("no service mentions 'qqqzzzxxx'\n");
    for chosen in [Chosen::Locale, Chosen::Variable, Chosen::Flag] {
        let (_, stderr, code) = output(&mut run(&sandbox, chosen, &query));
        assert_eq!(code, Some(1), "{chosen:?}");
        assert!(
            stderr.contains("ни одна услуга не подходит"),
            "{chosen:?}: {stderr}"
        );
        assert!(!stderr.contains("no services match"), "{stderr}");
        let (_, stderr, code) = output(&mut run(&sandbox, chosen, &dropped));
        assert_eq!(code, Some(1), "{chosen:?}");
        assert_eq!(
            stderr, "ни одна услуга не упоминает 'qqqzzzxxx'\n",
            "the dropped word, in Russian too"
        );
    }
}

#[test]
fn refer_without_consent_is_refused_in_each_language() {
    let sandbox = Sandbox::new();
    let mut english = sandbox.pathways();
    english.args(["refer", "full-shelter"]);
    let (_, stderr, code) = output(&mut english);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("pathways: no consent recorded"), "{stderr}");
    assert!(stderr.contains("--consent verbal"), "{stderr}");
    for chosen in [Chosen::Locale, Chosen::Variable] {
        let mut cmd = run(&sandbox, chosen, &[]);
        cmd.arg("--catalogue")
            .arg(support::referral_catalogue())
            .args(["refer", "full-shelter"]);
        let (_, stderr, code) = output(&mut cmd);
        assert_eq!(code, Some(2), "{chosen:?}");
        assert!(
            stderr.contains("pathways: согласие не записано"),
            "{chosen:?}: {stderr}"
        );
        // The flags that fix it stay what they are.
        assert!(stderr.contains("--consent verbal"), "{stderr}");
        assert!(!stderr.contains("consent recorded"), "{stderr}");
    }
}

/// A catalogue that breaks as many checks as fit in a page: every message `check` prints
/// for it must read in Russian when Russian was chosen for the run.
const MANY_FAULTS: &str = r#"
[[needs]]
id = "shelter"
name = "Shelter"

[[needs]]
id = "shelter"
name = "Shelter again"

[[regions]]
id = "by"
name = "Belarus"
level = "country"

[[regions]]
id = "gomel"
name = "Gomel Region"
level = "province"
parent = "by"

[[organisations]]
id = "org"
name = "Org"
email = "not-an-address"
website = "example.org"

[[organisations]]
id = "lonely"
name = "Lonely"

[[services]]
id = "svc"
name = "Service"
organisation = "org"
needs = ["shelter"]
regions = ["gomel"]
verified = 2020-01-01
opening_hours = "Mo-Fr 09:00-17:00"

[[services]]
id = "Bad_Id"
name = ""
organisation = "orgg"
needs = ["shelterr"]
regions = ["by"]
eligibilty = "typo"
status = "paused"
min_age = 18
max_age = 10
verified = "2024-01-01"

[[services]]
id = "quiet"
name = "Quiet"
organisation = "org"
needs = ["shelter"]
regions = ["by"]
min_age = "ten"
phones = [{ number = "+375 17 000 00 00", kind = "pager" }]
description = "zero\u200bwidth"
"#;

/// The message part of each `FILE:LINE:COL: severity: message` line.
fn messages(stdout: &str, path: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter(|line| line.starts_with(path))
        .map(|line| {
            let rest = &line[path.len()..];
            let severity_end = rest
                .find(": error: ")
                .or_else(|| rest.find(": warning: "))
                .expect("a severity");
            let cut = severity_end + rest[severity_end..].find(": ").unwrap() + 2;
            let after = &rest[cut..];
            let message_at = after.find(": ").unwrap() + 2;
            (
                format!("{path}{}{}", &rest[..cut], &after[..message_at]),
                after[message_at..].to_string(),
            )
        })
        .collect()
}

#[test]
fn check_translates_its_lines_only_when_the_run_chose_russian() {
    let sandbox = Sandbox::new();
    let file = sandbox.root().join("broken.toml");
    std::fs::write(&file, MANY_FAULTS).unwrap();
    let path = file.to_str().unwrap();
    let (english, _, code) = output(&mut run(&sandbox, Chosen::Nothing, &["check", path]));
    assert_eq!(code, Some(2));
    let english_lines = messages(&english, path);
    assert!(english_lines.len() >= 15, "{english}");

    // The locale alone: the lines stay English (an editor's parser keeps working)…
    let (by_locale, stderr, code) = output(&mut run(&sandbox, Chosen::Locale, &["check", path]));
    assert_eq!(code, Some(2));
    assert_eq!(
        by_locale, english,
        "the locale does not translate check's lines"
    );
    // …while what a person reads on stderr is Russian.
    assert!(stderr.starts_with("проверен "), "{stderr}");

    for chosen in [Chosen::Variable, Chosen::Flag] {
        let (russian, _, code) = output(&mut run(&sandbox, chosen, &["check", path]));
        assert_eq!(code, Some(2));
        let russian_lines = messages(&russian, path);
        assert_eq!(russian_lines.len(), english_lines.len(), "{russian}");
        for ((prefix_en, en), (prefix_ru, ru)) in english_lines.iter().zip(&russian_lines) {
            assert_eq!(prefix_en, prefix_ru, "the prefix never changes");
            assert!(
                prefix_ru.ends_with(": error: ") || prefix_ru.ends_with(": warning: "),
                "{prefix_ru}"
            );
            assert_ne!(en, ru, "{chosen:?}: not translated: {en}");
            assert!(
                ru.chars().any(|c| ('а'..='я').contains(&c)),
                "{chosen:?}: {ru}"
            );
        }
        let summary = russian.lines().last().unwrap();
        assert!(summary.contains("1 организация"), "{summary}");
        assert!(summary.contains("ошиб"), "{summary}");
        assert!(summary.contains("предупрежд"), "{summary}");
    }
    let known = english_lines
        .iter()
        .find(|(_, m)| m.starts_with("unknown key `eligibilty`"))
        .expect("the misspelt key");
    assert_eq!(
        known.1,
        "unknown key `eligibilty` in service (did you mean `eligibility`?)"
    );
}

#[test]
fn the_locale_translates_stderr_but_not_the_why_a_program_reads() {
    let sandbox = Sandbox::new();
    let query = ["search", "zhile"];
    let (english, _, _) = output(&mut run(&sandbox, Chosen::Nothing, &query));
    assert!(
        english
            .lines()
            .next()
            .unwrap()
            .ends_with("\tnational service")
            || english.contains("\t'zhile' in needs"),
        "{english}"
    );
    let (by_locale, _, _) = output(&mut run(&sandbox, Chosen::Locale, &query));
    assert_eq!(
        by_locale, english,
        "tab-separated why: English under the locale"
    );
    let (russian, _, _) = output(&mut run(&sandbox, Chosen::Variable, &query));
    let first = russian.lines().next().unwrap();
    let why = first.rsplit('\t').next().unwrap();
    assert_eq!(
        why, "'zhile' в потребностях; услуга по всей стране",
        "{first}"
    );

    let json = ["search", "zhile", "--json"];
    let why_of = |stdout: &str| -> String {
        let value: serde_json::Value = serde_json::from_str(stdout).unwrap();
        value[0]["why"].as_str().unwrap().to_string()
    };
    let (by_locale, _, _) = output(&mut run(&sandbox, Chosen::Locale, &json));
    assert_eq!(why_of(&by_locale), "'zhile' in needs; national service");
    let (by_flag, _, _) = output(&mut run(&sandbox, Chosen::Flag, &json));
    assert_eq!(
        why_of(&by_flag),
        "'zhile' в потребностях; услуга по всей стране"
    );
    // JSON keys and the coverage value stay English either way.
    let value: serde_json::Value = serde_json::from_str(&by_flag).unwrap();
    assert_eq!(value[0]["coverage"], "national");
}

/// A valid catalogue with `n` services, one organisation, one need and one region.
fn catalogue_of(n: usize) -> String {
    let mut text = String::from(
        "[catalogue]\nschema = 1\ntitle = \"T\"\ntimezone = \"Europe/Minsk\"\n\n\
         [[needs]]\nid = \"shelter\"\nname = \"Shelter\"\n\n\
         [[regions]]\nid = \"by\"\nname = \"Belarus\"\nlevel = \"country\"\n\n\
         [[organisations]]\nid = \"org\"\nname = \"Org\"\nemail = \"info@example.org\"\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "\n[[services]]\nid = \"svc-{i}\"\nname = \"Service {i}\"\norganisation = \"org\"\n\
             needs = [\"shelter\"]\nregions = [\"by\"]\nverified = 2026-11-01\n"
        ));
    }
    text
}

#[test]
fn count_lines_take_russian_plural_forms() {
    let sandbox = Sandbox::new();
    for (n, services) in [
        (1, "1 услуга"),
        (2, "2 услуги"),
        (5, "5 услуг"),
        (21, "21 услуга"),
    ] {
        let file = sandbox.root().join(format!("c{n}.toml"));
        std::fs::write(&file, catalogue_of(n)).unwrap();
        let path = file.to_str().unwrap();
        let (stdout, _, code) = output(&mut run(&sandbox, Chosen::Variable, &["check", path]));
        assert_eq!(code, Some(0), "{stdout}");
        assert_eq!(
            stdout,
            format!(
                "{services}, 1 организация, 0 контактов, 1 регион, 0 ошибок, 0 предупреждений\n"
            )
        );
        let (stdout, _, _) = output(&mut run(&sandbox, Chosen::Nothing, &["check", path]));
        // English keeps its one form: scripts read this line.
        assert!(stdout.starts_with(&format!("{n} services, 1 organisations, 0 contacts")));

        // Export says how many it wrote on stderr: the locale is enough there.
        let dir = sandbox.root().join(format!("hsds{n}"));
        let mut cmd = run(
            &sandbox,
            Chosen::Locale,
            &["--catalogue", path, "export", "hsds"],
        );
        cmd.arg(&dir);
        let (_, stderr, code) = output(&mut cmd);
        assert_eq!(code, Some(0), "{stderr}");
        let verb = match n {
            1 | 21 => "записана",
            2 => "записаны",
            _ => "записано",
        };
        assert!(
            stderr.starts_with(&format!("{verb} {services} в формате HSDS 3.0")),
            "{stderr}"
        );
    }
}

#[test]
fn history_counts_and_purges_in_russian() {
    let sandbox = Sandbox::new();
    for _ in 0..2 {
        sandbox
            .refer(&["full-shelter", "--case-ref", "none"])
            .assert()
            .success();
    }
    let mut cmd = run(&sandbox, Chosen::Locale, &["history", "--check"]);
    let (stdout, _, code) = output(&mut cmd);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout
            .trim_end()
            .ends_with(": в порядке (2 направления, 0 исходов)"),
        "{stdout}"
    );
    let (stdout, _, _) = output(&mut run(&sandbox, Chosen::Locale, &["history"]));
    assert!(stdout.contains("контроль"), "{stdout}");
    assert!(stdout.contains("23.11.2026 14:05"), "{stdout}");
    let mut purge = run(&sandbox, Chosen::Variable, &["history"]);
    purge.args(["--purge-before", "2099-01-01"]);
    let (_, stderr, code) = output(&mut purge);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("удалены 2 записи до 2099-01-01"),
        "{stderr}"
    );
}

#[test]
fn an_error_before_the_configuration_is_read_follows_the_flag_or_locale() {
    let sandbox = Sandbox::new();
    sandbox.write_config("history = 3\n");
    let (_, stderr, code) = output(&mut run(&sandbox, Chosen::Locale, &["stats"]));
    assert_eq!(code, Some(2), "{stderr}");
    // The TOML reader's own words stay as it gives them; the hint is Russian.
    assert!(stderr.contains("'pathways config init'"), "{stderr}");
    assert!(stderr.contains("ключи описаны"), "{stderr}");
}

#[test]
fn show_and_regions_speak_the_locale_and_json_stays_english() {
    let sandbox = Sandbox::new();
    let (card, _, code) = output(&mut run(&sandbox, Chosen::Locale, &["show", "iom-avrr"]));
    assert_eq!(code, Some(0));
    assert!(card.contains("Организация"), "{card}");
    assert!(!card.contains("Organisation  "), "{card}");
    let (json, _, _) = output(&mut run(
        &sandbox,
        Chosen::Variable,
        &["show", "iom-avrr", "--json"],
    ));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["status"], "active");
    let (_, stderr, code) = output(&mut run(&sandbox, Chosen::Locale, &["show", "iom-avr"]));
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("pathways: нет услуги с id `iom-avr` (может быть, `iom-avrr`"),
        "{stderr}"
    );
    let (tree, _, _) = output(&mut run(&sandbox, Chosen::Locale, &["regions"]));
    assert!(
        tree.lines().next().unwrap().ends_with("  by  страна"),
        "{tree}"
    );
}

#[test]
fn an_unknown_interface_language_in_the_config_is_named_in_the_locales_words() {
    let sandbox = Sandbox::new();
    sandbox.write_config("ui_language = \"xx\"\n");
    let (_, stderr, code) = output(&mut run(&sandbox, Chosen::Locale, &["search", "x"]));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with("pathways: ui_language в настройках пользователя "),
        "{stderr}"
    );
    assert!(stderr.contains("нет языка интерфейса 'xx'"), "{stderr}");
    let (_, stderr, _) = output(&mut run(&sandbox, Chosen::Nothing, &["search", "x"]));
    assert!(
        stderr.starts_with("pathways: ui_language in the user config "),
        "{stderr}"
    );
}

#[test]
fn a_catalogue_that_cannot_be_read_is_said_in_russian() {
    let sandbox = Sandbox::new();
    let missing = sandbox.root().join("missing.toml");
    let mut cmd = run(&sandbox, Chosen::Locale, &["search", "x", "--catalogue"]);
    cmd.arg(&missing);
    let (_, stderr, code) = output(&mut cmd);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("не удалось прочитать каталог"), "{stderr}");
    assert!(
        stderr.contains(": нет такого файла (подробности: 'pathways check ПУТЬ')"),
        "{stderr}"
    );
}
