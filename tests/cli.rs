//! The command line as scripts and operators use it: output, JSON shapes, exit codes,
//! configuration precedence, and bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;
use tempfile::TempDir;

/// `pathways` with a private home, no configuration from the environment, and a pinned clock.
fn pathways(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pathways").unwrap();
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("PATHWAYS_NOW", "2026-11-20T10:00:00+03:00")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

fn home() -> TempDir {
    tempfile::tempdir().unwrap()
}

const BROKEN: &str = r#"[catalogue]
schema = 1
title = "Broken"
timezone = "Europe/Minsk"

[[needs]]
id = "shelter"
name = "Shelter"

[[regions]]
id = "by"
name = "Belarus"
level = "country"

[[organisations]]
id = "org"
name = "Org"
email = "info@example.org"

[[services]]
id = "good"
name = "Good"
organisation = "org"
needs = ["shelter"]
regions = ["by"]
verified = 2026-11-01

[[services]]
id = "bad"
name = "Bad"
organisation = "orgg"
needs = ["shelter"]
regions = ["by"]
eligibilty = "typo"
verified = 2026-11-01
"#;

#[test]
fn check_on_the_embedded_catalogue_is_clean() {
    let home = home();
    pathways(home.path())
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"\d+ services, \d+ organisations, \d+ contacts, 136 regions, 0 errors, \d+ warnings\n$").unwrap())
        .stderr(predicate::str::contains("embedded:data/catalogue.toml"));
}

#[test]
fn check_points_at_each_fault_and_exits_2() {
    let home = home();
    let file = home.path().join("broken.toml");
    std::fs::write(&file, BROKEN).unwrap();
    let path = file.display().to_string();
    pathways(home.path())
        .args(["check", &path])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(format!(
            "{path}:31:16: error: unknown organisation `orgg` (did you mean `org`?)"
        )))
        .stdout(predicate::str::contains(format!(
            "{path}:34:1: error: unknown key `eligibilty` in service (did you mean `eligibility`?)"
        )))
        .stdout(predicate::str::contains(
            "1 services, 1 organisations, 0 contacts, 1 regions, 2 errors, 0 warnings",
        ));
}

#[test]
fn check_json_has_the_documented_shape() {
    let home = home();
    let file = home.path().join("broken.toml");
    std::fs::write(&file, BROKEN).unwrap();
    let out = pathways(home.path())
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
    assert_eq!(first["line"], 31);
}

#[test]
fn a_degraded_catalogue_still_serves_with_one_line_on_stderr() {
    let home = home();
    let file = home.path().join("broken.toml");
    std::fs::write(&file, BROKEN).unwrap();
    pathways(home.path())
        .args(["show", "good", "--catalogue"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Good"))
        .stderr("catalogue: 2 errors, 1 service left out; run 'pathways check'\n");
}

#[test]
fn bad_files_get_one_clear_line_and_exit_2() {
    let home = home();
    let dir = home.path();
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
        let assert = pathways(dir)
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
    let home = home();
    let file = home.path().join("crlf.toml");
    let text = format!("\u{feff}{}", BROKEN.replace('\n', "\r\n"));
    std::fs::write(&file, text).unwrap();
    pathways(home.path())
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            ":31:16: error: unknown organisation `orgg`",
        ));
}

#[test]
fn show_prints_the_card_and_suggests_near_ids() {
    let home = home();
    pathways(home.path())
        .args(["show", "iom-avrr"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Assisted Voluntary Return"))
        .stdout(predicate::str::contains("STALE"));
    pathways(home.path())
        .args(["show", "iom-avr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `iom-avrr`"));
}

#[test]
fn show_json_resolves_organisation_and_hides_private_contacts() {
    let home = home();
    let file = home.path().join("private.toml");
    let text = BROKEN.replace(
        "email = \"info@example.org\"\n",
        "email = \"info@example.org\"\n\n[[contacts]]\nid = \"desk\"\nname = \"Duty desk\"\norganisation = \"org\"\nprivate = true\nphones = [{ number = \"+000\", kind = \"voice\" }]\n",
    )
    .replace("regions = [\"by\"]\nverified", "regions = [\"by\"]\ncontacts = [\"desk\"]\nphones = [{ number = \"+111\", kind = \"hotline\" }, { number = \"+222\", kind = \"voice\", private = true }]\nverified");
    std::fs::write(&file, text).unwrap();
    let public = pathways(home.path())
        .args(["show", "good", "--json", "--catalogue"])
        .arg(&file)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&public).unwrap();
    assert_eq!(json["organisation"]["name"], "Org");
    assert_eq!(json["phones"].as_array().unwrap().len(), 1);
    assert_eq!(json["contacts"].as_array().unwrap().len(), 0);
    let private = pathways(home.path())
        .args(["show", "good", "--json", "--private", "--catalogue"])
        .arg(&file)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&private).unwrap();
    assert_eq!(json["phones"].as_array().unwrap().len(), 2);
    assert_eq!(json["contacts"][0]["name"], "Duty desk");
    pathways(home.path())
        .args(["show", "good", "--private", "--catalogue"])
        .arg(&file)
        .assert()
        .stdout(predicate::str::contains("[staff only] voice +222"))
        .stdout(predicate::str::contains("[staff only] Duty desk"))
        // The phone of a staff-only contact is staff-only too, and marked.
        .stdout(predicate::str::contains("[staff only] voice +000"));
    pathways(home.path())
        .args(["show", "good", "--catalogue"])
        .arg(&file)
        .assert()
        .stdout(predicate::str::contains("+222").not())
        .stdout(predicate::str::contains("Duty desk").not());
}

#[test]
fn needs_and_regions_print_trees_with_counts() {
    let home = home();
    pathways(home.path())
        .args(["regions", "gomel"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("Gomel Region"))
        .stdout(predicate::str::contains("  Buda-Koshelevo District"));
    let out = pathways(home.path())
        .args(["regions", "--json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let regions = json.as_array().unwrap();
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
    let out = pathways(home.path())
        .args(["needs", "--json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let shelter = json
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "shelter")
        .unwrap();
    assert!(shelter["synonyms"].as_array().is_some());
    assert!(shelter.get("level").is_none());
    pathways(home.path())
        .args(["regions", "atlantis"])
        .assert()
        .code(2);
}

#[test]
fn default_catalogue_round_trips_through_check() {
    let home = home();
    let out = pathways(home.path())
        .arg("default-catalogue")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let file = home.path().join("mine.toml");
    std::fs::write(&file, out).unwrap();
    pathways(home.path())
        .arg("check")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" 0 errors"));
}

#[test]
fn catalogue_precedence_is_flag_then_env_then_config_then_embedded() {
    let home = home();
    let dir = home.path();
    let make = |name: &str, title: &str| {
        let path = dir.join(name);
        std::fs::write(
            &path,
            BROKEN.replace("title = \"Broken\"", &format!("title = \"{title}\"")),
        )
        .unwrap();
        path
    };
    let flag = make("flag.toml", "Flag");
    let env = make("env.toml", "Env");
    let conf = make("conf.toml", "Conf");
    let config = dir.join("config.toml");
    std::fs::write(&config, format!("catalogue = \"{}\"\n", conf.display())).unwrap();
    let path_line = |cmd: &mut Command| {
        let out = cmd
            .args(["config", "path"])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .find(|l| l.starts_with("catalogue"))
            .unwrap()
            .to_string()
    };
    let line = path_line(
        pathways(dir)
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
        pathways(dir)
            .arg("--config")
            .arg(&config)
            .env("PATHWAYS_CATALOGUE", &env),
    );
    assert!(
        line.contains("env.toml") && line.contains("PATHWAYS_CATALOGUE"),
        "{line}"
    );
    let line = path_line(pathways(dir).env("PATHWAYS_CONFIG", &config));
    assert!(
        line.contains("conf.toml") && line.contains("(config)"),
        "{line}"
    );
    let line = path_line(&mut pathways(dir));
    assert!(line.contains("embedded:data/catalogue.toml"), "{line}");
    // The global option works after the subcommand too.
    pathways(dir)
        .args(["show", "good", "--catalogue"])
        .arg(&flag)
        .assert()
        .code(0);
    pathways(dir)
        .arg("--catalogue")
        .arg(&flag)
        .args(["show", "good"])
        .assert()
        .code(0);
}

#[test]
fn config_errors_point_at_the_key() {
    let home = home();
    let config = home.path().join("config.toml");
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
        pathways(home.path())
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
    let home = home();
    pathways(home.path())
        .args(["config", "init"])
        .assert()
        .code(0);
    let file = home.path().join("config/pathways/config.toml");
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
    pathways(home.path())
        .args(["config", "init"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("exists already"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "operator = \"Mine\"\n"
    );
    pathways(home.path())
        .args(["config", "show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("operator = \"Mine\""))
        .stdout(predicate::str::contains("keep_days = 365"));
}

#[test]
fn piped_output_has_no_escape_bytes() {
    let home = home();
    for args in [
        vec!["show", "iom-avrr"],
        vec!["regions"],
        vec!["needs"],
        vec!["check"],
        vec!["config", "path"],
    ] {
        let out = pathways(home.path())
            .args(&args)
            .assert()
            .get_output()
            .stdout
            .clone();
        assert!(!out.contains(&0x1b), "{args:?} wrote an escape byte");
    }
}

#[test]
fn completions_and_man_page() {
    let home = home();
    for shell in ["bash", "zsh", "fish"] {
        pathways(home.path())
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("pathways"));
    }
    pathways(home.path())
        .arg("man")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH pathways"));
    pathways(home.path())
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("pathways "));
    pathways(home.path())
        .args(["search", "--limit", "x"])
        .assert()
        .code(2);
}

#[test]
fn an_empty_path_variable_means_unset() {
    let home = home();
    pathways(home.path())
        .env("PATHWAYS_CATALOGUE", "")
        .env("PATHWAYS_CONFIG", "")
        .args(["show", "iom-avrr"])
        .assert()
        .code(0);
}

#[test]
fn a_catalogue_file_is_cached_owner_only_and_a_change_is_seen() {
    let home = home();
    let file = home.path().join("mine.toml");
    std::fs::write(&file, BROKEN).unwrap();
    let show = |expected: &str| {
        pathways(home.path())
            .args(["show", "good", "--catalogue"])
            .arg(&file)
            .assert()
            .code(0)
            .stdout(predicate::str::starts_with(expected.to_string()));
    };
    show("Good");
    let cache = home.path().join(".cache/pathways");
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
    show("Good");
    std::fs::write(&file, BROKEN.replace("name = \"Good\"", "name = \"Fine\"")).unwrap();
    show("Fine");
}
