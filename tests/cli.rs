//! The command line as scripts and operators use it: output, JSON shapes, exit codes,
//! configuration precedence, and bad input.

mod support;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;
use support::{SMALL, Sandbox, broken_catalogue, json};

/// Writes `text` into the sandbox as `name`, and returns its path.
fn write(sandbox: &Sandbox, name: &str, text: &str) -> PathBuf {
    let path = sandbox.root().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The [`broken_catalogue`] written into the sandbox.
fn broken(sandbox: &Sandbox) -> PathBuf {
    write(sandbox, "broken.toml", &broken_catalogue())
}

#[test]
fn check_on_the_embedded_catalogue_is_clean() {
    let sandbox = Sandbox::new();
    sandbox.command()
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"\d+ services, \d+ organisations, \d+ contacts, 136 regions, 0 errors, \d+ warnings\n$").unwrap())
        .stderr(predicate::str::contains("embedded:data/catalogue.toml"));
}

#[test]
fn check_points_at_each_fault_and_exits_2() {
    let sandbox = Sandbox::new();
    let file = broken(&sandbox);
    let path = file.display().to_string();
    sandbox
        .command()
        .args(["check", &path])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(format!(
            "{path}:37:16: error: unknown organisation `orgg` (did you mean `org`?)"
        )))
        .stdout(predicate::str::contains(format!(
            "{path}:40:1: error: unknown key `eligibilty` in service (did you mean `eligibility`?)"
        )))
        .stdout(predicate::str::contains(
            "1 services, 1 organisations, 0 contacts, 2 regions, 2 errors, 0 warnings",
        ));
}

#[test]
fn check_json_has_the_documented_shape() {
    let sandbox = Sandbox::new();
    let file = broken(&sandbox);
    let out = sandbox
        .command()
        .args(["check", "--json"])
        .arg(&file)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["summary"]["errors"], 2);
    assert_eq!(json["summary"]["services"], 1);
    let first = &json["diagnostics"][0];
    for key in ["severity", "path", "line", "column", "message"] {
        assert!(first.get(key).is_some(), "diagnostic has {key}: {first}");
    }
    assert_eq!(first["severity"], "error");
    assert_eq!(first["line"], 37);
}

#[test]
fn a_degraded_catalogue_still_serves_with_one_line_on_stderr() {
    let sandbox = Sandbox::new();
    let file = broken(&sandbox);
    sandbox
        .command()
        .args(["show", "svc", "--catalogue"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Service"))
        .stderr("catalogue: 2 errors, 1 service left out; run 'pathways check'\n");
}

#[test]
fn bad_files_get_one_clear_line_and_exit_2() {
    let sandbox = Sandbox::new();
    let dir = sandbox.root();
    std::fs::write(
        dir.join("latin1.toml"),
        b"[catalogue]\ntitle = \"caf\xe9\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("empty.toml"), b"").unwrap();
    std::fs::write(dir.join("shape.toml"), b"[package]\nname = \"x\"\n").unwrap();
    let garbage: Vec<u8> = (0..200_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(dir.join("garbage.bin"), garbage).unwrap();
    let cases = [
        ("missing.toml", "cannot read catalogue"),
        ("", "it is a directory"),
        ("latin1.toml", "2:13: error: the file is not UTF-8 text"),
        ("empty.toml", "the file holds no catalogue"),
        ("shape.toml", "unknown top-level table `package`"),
        ("garbage.bin", "the file is not UTF-8 text"),
    ];
    for (name, message) in cases {
        let assert = sandbox
            .command()
            .args(["show", "anything", "--catalogue"])
            .arg(dir.join(name))
            .assert()
            .code(2)
            .stdout("");
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert_eq!(stderr.lines().count(), 1, "{name}: one line: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn bom_and_crlf_catalogues_load() {
    let sandbox = Sandbox::new();
    let text = format!("\u{feff}{}", broken_catalogue().replace('\n', "\r\n"));
    let file = write(&sandbox, "crlf.toml", &text);
    sandbox
        .command()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            ":37:16: error: unknown organisation `orgg`",
        ));
}

#[test]
fn show_prints_the_card_and_suggests_near_ids() {
    let sandbox = Sandbox::new();
    sandbox
        .command()
        .args(["show", "iom-avrr"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Assisted Voluntary Return"))
        .stdout(predicate::str::contains("STALE"));
    sandbox
        .command()
        .args(["show", "iom-avr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `iom-avrr`"));
}

#[test]
fn show_json_resolves_organisation_and_hides_private_contacts() {
    let sandbox = Sandbox::new();
    let text = SMALL.replace(
        "email = \"info@example.org\"\n",
        "email = \"info@example.org\"\n\n[[contacts]]\nid = \"desk\"\nname = \"Duty desk\"\norganisation = \"org\"\nprivate = true\nphones = [{ number = \"+000\", kind = \"voice\" }]\n",
    )
    .replace("regions = [\"gomel\"]\nverified", "regions = [\"gomel\"]\ncontacts = [\"desk\"]\nphones = [{ number = \"+111\", kind = \"hotline\" }, { number = \"+222\", kind = \"voice\", private = true }]\nverified");
    let file = write(&sandbox, "private.toml", &text);
    let show = |flags: &[&str]| {
        let mut cmd = sandbox.command();
        cmd.args(["show", "svc"])
            .args(flags)
            .arg("--catalogue")
            .arg(&file);
        cmd
    };
    let public = json(&mut show(&["--json"]));
    assert_eq!(public["organisation"]["name"], "Org");
    assert_eq!(public["phones"].as_array().unwrap().len(), 1);
    assert_eq!(public["contacts"].as_array().unwrap().len(), 0);
    let private = json(&mut show(&["--json", "--private"]));
    assert_eq!(private["phones"].as_array().unwrap().len(), 2);
    assert_eq!(private["contacts"][0]["name"], "Duty desk");
    show(&["--private"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("[staff only] voice +222"))
        .stdout(predicate::str::contains("[staff only] Duty desk"))
        // The phone of a staff-only contact is staff-only too, and marked.
        .stdout(predicate::str::contains("[staff only] voice +000"));
    show(&[])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("+111"))
        .stdout(predicate::str::contains("+222").not())
        .stdout(predicate::str::contains("Duty desk").not());
}

#[test]
fn needs_and_regions_print_trees_with_counts() {
    let sandbox = Sandbox::new();
    sandbox
        .command()
        .args(["regions", "gomel"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("Gomel Region"))
        .stdout(predicate::str::contains("  Buda-Koshelevo District"));
    let regions = json(sandbox.command().args(["regions", "--json"]));
    let regions = regions.as_array().unwrap();
    assert_eq!(regions.len(), 136);
    let buda = regions
        .iter()
        .find(|r| r["id"] == "buda-koshelevo")
        .unwrap();
    assert_eq!(buda["parent"], "gomel");
    assert_eq!(buda["level"], "district");
    assert!(
        buda["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().contains("Буда-Кошелёв"))
    );
    assert!(
        buda["services"].as_u64().unwrap() > 0,
        "national services serve every district"
    );
    let needs = json(sandbox.command().args(["needs", "--json"]));
    let shelter = needs
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "shelter")
        .unwrap();
    assert!(shelter["synonyms"].as_array().is_some());
    assert!(shelter.get("level").is_none());
    sandbox
        .command()
        .args(["regions", "atlantis"])
        .assert()
        .code(2);
}

#[test]
fn default_catalogue_round_trips_through_check() {
    let sandbox = Sandbox::new();
    let out = support::stdout(sandbox.command().arg("default-catalogue"));
    let file = write(&sandbox, "mine.toml", &out);
    sandbox
        .command()
        .arg("check")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" 0 errors"));
}

#[test]
fn catalogue_precedence_is_flag_then_env_then_config_then_embedded() {
    let sandbox = Sandbox::new();
    let make = |name: &str, title: &str| {
        let text = SMALL.replace("title = \"Test\"", &format!("title = \"{title}\""));
        write(&sandbox, name, &text)
    };
    let flag = make("flag.toml", "Flag");
    let env = make("env.toml", "Env");
    let conf = make("conf.toml", "Conf");
    let config = write(
        &sandbox,
        "config.toml",
        &format!("catalogue = \"{}\"\n", conf.display()),
    );
    let path_line = |cmd: &mut Command| {
        support::stdout(cmd.args(["config", "path"]))
            .lines()
            .find(|l| l.starts_with("catalogue"))
            .unwrap()
            .to_string()
    };
    let line = path_line(
        sandbox
            .command()
            .arg("--config")
            .arg(&config)
            .arg("--catalogue")
            .arg(&flag)
            .env("PATHWAYS_CATALOGUE", &env),
    );
    assert!(
        line.contains("flag.toml") && line.contains("--catalogue"),
        "{line}"
    );
    let line = path_line(
        sandbox
            .command()
            .arg("--config")
            .arg(&config)
            .env("PATHWAYS_CATALOGUE", &env),
    );
    assert!(
        line.contains("env.toml") && line.contains("PATHWAYS_CATALOGUE"),
        "{line}"
    );
    let line = path_line(sandbox.command().env("PATHWAYS_CONFIG", &config));
    assert!(
        line.contains("conf.toml") && line.contains("(user config "),
        "{line}"
    );
    let line = path_line(&mut sandbox.command());
    assert!(line.contains("embedded:data/catalogue.toml"), "{line}");
    // The global option works after the subcommand too.
    sandbox
        .command()
        .args(["show", "svc", "--catalogue"])
        .arg(&flag)
        .assert()
        .code(0);
    sandbox
        .command()
        .arg("--catalogue")
        .arg(&flag)
        .args(["show", "svc"])
        .assert()
        .code(0);
}

#[test]
fn config_errors_point_at_the_key() {
    let sandbox = Sandbox::new();
    let config = sandbox.root().join("config.toml");
    let cases = [
        (
            "operator = \"A\"\ntemplat = \"en\"\n",
            "2:1: error: unknown field `templat`",
        ),
        (
            "[history]\nkeep_days = \"a year\"\n",
            "2:13: error: invalid type: string",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&config, text).unwrap();
        sandbox
            .command()
            .arg("--config")
            .arg(&config)
            .args(["config", "show"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{}:{expected}",
                config.display()
            )));
    }
}

#[test]
fn config_init_writes_once_owner_only() {
    let sandbox = Sandbox::new();
    sandbox.command().args(["config", "init"]).assert().code(0);
    let file = sandbox.config_file();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("# Pathways configuration"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    std::fs::write(&file, "operator = \"Mine\"\n").unwrap();
    sandbox
        .command()
        .args(["config", "init"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("exists already"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "operator = \"Mine\"\n"
    );
    sandbox
        .command()
        .args(["config", "show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("operator = \"Mine\""))
        .stdout(predicate::str::contains("keep_days = 365"));
}

#[test]
fn piped_output_has_no_escape_bytes() {
    let sandbox = Sandbox::new();
    for args in [
        vec!["show", "iom-avrr"],
        vec!["regions"],
        vec!["needs"],
        vec!["check"],
        vec!["config", "path"],
    ] {
        let out = support::stdout(sandbox.command().args(&args));
        assert!(!out.is_empty(), "{args:?} printed nothing");
        assert!(!out.contains('\u{1b}'), "{args:?} wrote an escape byte");
    }
}

#[test]
fn completions_and_man_page() {
    let sandbox = Sandbox::new();
    for (args, expected) in [
        (&["completions", "bash"][..], "pathways"),
        (&["completions", "zsh"], "pathways"),
        (&["completions", "fish"], "pathways"),
        (&["man"], ".TH pathways"),
    ] {
        sandbox
            .command()
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains(expected));
    }
    sandbox
        .command()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("pathways "));
    sandbox
        .command()
        .args(["search", "--limit", "x"])
        .assert()
        .code(2);
}

#[test]
fn an_empty_path_variable_means_unset() {
    let sandbox = Sandbox::new();
    sandbox
        .command()
        .env("PATHWAYS_CATALOGUE", "")
        .env("PATHWAYS_CONFIG", "")
        .args(["show", "iom-avrr"])
        .assert()
        .code(0);
}

#[test]
fn a_catalogue_file_is_cached_owner_only_and_a_change_is_seen() {
    let sandbox = Sandbox::new();
    let file = broken(&sandbox);
    let show = |expected: &str| {
        sandbox
            .command()
            .args(["show", "svc", "--catalogue"])
            .arg(&file)
            .assert()
            .code(0)
            .stdout(predicate::str::starts_with(expected.to_string()));
    };
    show("Service");
    let cache = sandbox.cache_dir();
    let entries: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&entries[0]).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    show("Service");
    let renamed = broken_catalogue().replace("name = \"Service\"", "name = \"Fine\"");
    std::fs::write(&file, renamed).unwrap();
    show("Fine");
}

/// `config show` names the interface language and why: the locale, the config's
/// `ui_language`, then `PATHWAYS_UI_LANG` and `--ui-lang` over it.
#[test]
fn config_show_names_the_interface_language_and_its_source() {
    let sandbox = Sandbox::new();
    let show = |cmd: &mut assert_cmd::Command| {
        let output = cmd.args(["config", "show"]).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(show(&mut sandbox.command()).contains("# interface language: en (default)"));
    let out = show(sandbox.command().env("LANG", "ru_RU.UTF-8"));
    assert!(
        out.contains("# interface language: ru (LANG=ru_RU.UTF-8)"),
        "{out}"
    );
    assert!(
        out.contains("template = \"ru\"  # default: the interface language's"),
        "{out}"
    );
    sandbox.write_config("ui_language = \"en\"\n");
    let out = show(sandbox.command().env("LANG", "ru_RU.UTF-8"));
    assert!(
        out.contains("# interface language: en (ui_language in the user config"),
        "{out}"
    );
    assert!(out.contains("ui_language = \"en\"  # user config"), "{out}");
    let out = show(sandbox.command().env("PATHWAYS_UI_LANG", "ru"));
    assert!(
        out.contains("# interface language: ru (PATHWAYS_UI_LANG)"),
        "{out}"
    );
    let out = show(
        sandbox
            .command()
            .env("PATHWAYS_UI_LANG", "ru")
            .args(["--ui-lang", "en"]),
    );
    assert!(
        out.contains("# interface language: en (--ui-lang)"),
        "{out}"
    );
}

#[test]
fn an_interface_language_without_a_bundle_is_refused() {
    let sandbox = Sandbox::new();
    sandbox
        .command()
        .args(["--ui-lang", "de", "config", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--ui-lang: no interface language 'de'",
        ))
        .stderr(predicate::str::contains("en, ru"));
    sandbox.write_config("ui_language = \"klingon\"\n");
    sandbox
        .command()
        .args(["config", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ui_language in the user config"));
}

/// `pathways keys` speaks the interface language; `--markdown` (the docs' tables) stays
/// English.
#[test]
fn keys_follow_the_interface_language_but_not_the_docs_tables() {
    let sandbox = Sandbox::new();
    let russian = support::stdout(sandbox.command().args(["--ui-lang", "ru", "keys"]));
    assert!(russian.contains("Строка поиска"), "{russian}");
    assert!(russian.contains("Ctrl-c"), "{russian}");
    assert!(!russian.contains("Query line"), "{russian}");
    let markdown =
        support::stdout(
            sandbox
                .command()
                .args(["--ui-lang", "ru", "keys", "--markdown"]),
        );
    assert!(markdown.contains("### Query line"), "{markdown}");
    let english = support::stdout(sandbox.command().arg("keys"));
    assert!(english.contains("Query line"), "{english}");
}
