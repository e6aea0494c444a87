//! `pathways search` as a whole process: text (tab-separated off a terminal), JSON, exit
//! codes, name resolution errors.

mod support;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use support::{Sandbox, fixture, stdout};

/// A Tuesday, 10:00 in Minsk: the fixture's opening hours are read against it.
const NOW: &str = "2025-03-04T10:00:00+03:00";

/// `pathways` in the sandbox at [`NOW`], on `tests/fixtures/search.toml`.
fn pathways(sandbox: &Sandbox) -> Command {
    let mut cmd = sandbox.command_at(NOW);
    cmd.env("PATHWAYS_CATALOGUE", fixture("search.toml"));
    cmd
}

#[test]
fn off_a_terminal_each_hit_is_five_tab_separated_fields() {
    let sandbox = Sandbox::new();
    let out = stdout(pathways(&sandbox).args(["search", "--region", "Буда-Кошелёво"]));
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "district-clinic",
            "Районная поликлиника Кошелёво",
            "Красный Крест",
            "district",
            "serves Buda-Koshelevo District, inside Gomel Region"
        ]
    );
    assert_eq!(
        rows[1][3..],
        [
            "oblast",
            "covers Gomel Region, which contains Buda-Koshelevo District"
        ]
    );
    assert!(rows.iter().all(|r| r.len() == 5));
    assert_eq!(rows.last().unwrap()[..1], ["national-shelter"]);
}

#[test]
fn query_words_need_no_quotes_and_limit_cuts() {
    let sandbox = Sandbox::new();
    // `minsk` names a region: it filters, and `shelter` ranks.
    let out = stdout(pathways(&sandbox).args(["search", "minsk", "shelter"]));
    assert!(out.starts_with("minsk-shelter\t"), "{out}");
    assert!(
        out.lines().all(|l| l.ends_with("(region from the query)")),
        "{out}"
    );
    let all = stdout(pathways(&sandbox).args(["search", "--limit", "0"]));
    assert_eq!(all.lines().count(), 6);
    let two = stdout(pathways(&sandbox).args(["search", "--limit", "2"]));
    assert_eq!(two.lines().count(), 2);
    assert_eq!(
        two.lines().collect::<Vec<_>>(),
        all.lines().take(2).collect::<Vec<_>>()
    );
}

#[test]
fn json_has_the_contract_fields_and_no_private_lines() {
    let sandbox = Sandbox::new();
    let out = stdout(pathways(&sandbox).args(["search", "night", "--json"]));
    let hits: Value = serde_json::from_str(&out).unwrap();
    let hit = &hits[0];
    assert_eq!(hit["id"], "national-shelter");
    assert_eq!(hit["name"], "National shelter line");
    assert_eq!(hit["organisation"]["id"], "org-a");
    assert_eq!(hit["organisation"]["name"], "Alpha Aid");
    assert!(hit["score"].as_i64().unwrap() > 0);
    assert_eq!(hit["coverage"], "national");
    assert_eq!(hit["why"], "'night' in description; national service");
    assert_eq!(hit["matched_terms"], serde_json::json!(["night"]));
    assert_eq!(hit["missing_terms"], serde_json::json!([]));
    assert_eq!(
        hit["matches"],
        serde_json::json!([{ "term": "night", "field": "description", "as": "Night" }])
    );
    assert_eq!(hit["needs"], serde_json::json!(["shelter"]));
    assert_eq!(hit["regions"], serde_json::json!(["by"]));
    assert_eq!(
        hit["phones"],
        serde_json::json!([{ "number": "+375 17 000 00 00", "kind": "hotline" }])
    );
    let contacts = hit["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 1, "the private contact is left out");
    assert_eq!(contacts[0]["name"], "Olga Ivanova");
    assert_eq!(contacts[0]["role"], "focal point");
    assert_eq!(contacts[0]["email"], "olga@example.org");
    assert_eq!(contacts[0]["phones"][0]["number"], "+375 29 000 00 01");
    assert!(!out.contains("00 99") && !out.contains("Secret"));
}

#[test]
fn needs_resolve_by_name_and_open_at_reads_the_catalogue_zone() {
    let sandbox = Sandbox::new();
    let out = stdout(pathways(&sandbox).args([
        "search",
        "--need",
        "врач",
        "--open-at",
        "2025-03-04 10:00",
    ]));
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(ids, ["city-doctor", "district-clinic"]);
    // The pinned clock is that moment: "open now"; any other moment is "open at that time".
    assert!(out.lines().next().unwrap().ends_with("open now"));
    let out = stdout(pathways(&sandbox).args([
        "search",
        "--need",
        "врач",
        "--open-at",
        "2025-03-05 10:00",
    ]));
    assert!(
        out.lines().next().unwrap().ends_with("open at that time"),
        "{out}"
    );
    // 19:30 in Minsk: the city doctor has closed.
    let out = stdout(pathways(&sandbox).args([
        "search",
        "--need",
        "health",
        "--open-at",
        "2025-03-04T16:30:00Z",
    ]));
    assert!(!out.contains("city-doctor"));
    // --open-now uses the pinned clock (Tuesday 10:00 in Minsk).
    let out = stdout(pathways(&sandbox).args(["search", "--need", "health", "--open-now"]));
    assert!(out.starts_with("city-doctor\t"));
}

#[test]
fn exit_codes_say_found_nothing_found_bad_input() {
    let sandbox = Sandbox::new();
    pathways(&sandbox)
        .args(["search", "zzzzqqq"])
        .assert()
        .code(1)
        .stdout("");
    let bad_input: [(&[&str], &[&str]); 3] = [
        (&["--region", "gom"], &["several match 'gom'", "gomel-city"]),
        (
            &["--need", "xyzzy"],
            &["--need: nothing matches 'xyzzy'; closest:"],
        ),
        (&["--open-at", "tomorrow-ish"], &["--open-at"]),
    ];
    for (args, messages) in bad_input {
        let assert = pathways(&sandbox)
            .arg("search")
            .args(args)
            .assert()
            .code(2)
            .stdout("");
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
        for message in messages {
            assert!(stderr.contains(message), "{args:?}: {stderr}");
        }
    }
    pathways(&sandbox)
        .args(["search", "zzzzqqq", "--json"])
        .assert()
        .code(1)
        .stdout("[]\n");
    pathways(&sandbox)
        .args(["search", "--include-inactive", "old"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("old-shelter\t"));
}

#[test]
fn language_and_population_filter() {
    let sandbox = Sandbox::new();
    let out = stdout(pathways(&sandbox).args(["search", "--language", "be"]));
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with("district-clinic\t"));
    let out = stdout(pathways(&sandbox).args(["search", "--population", "Refugee"]));
    assert!(out.starts_with("national-shelter\t"));
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn the_default_catalogue_answers_in_cyrillic_too() {
    let sandbox = Sandbox::new();
    let mut cmd = pathways(&sandbox);
    cmd.env_remove("PATHWAYS_CATALOGUE");
    let out = stdout(cmd.args(["search", "жильё", "--json"]));
    let hits: Value = serde_json::from_str(&out).unwrap();
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == "iom-shelter")
    );
}

#[test]
fn a_dropped_word_is_said_on_stderr_with_or_without_json() {
    let sandbox = Sandbox::new();
    let pathways = || pathways(&sandbox);
    let notice = "note: no service mentions 'enrollment'; showing matches for the other words";
    pathways()
        .args(["search", "shelter", "enrollment"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(notice))
        .stdout(predicate::str::contains("national-shelter\t"));
    let output = pathways()
        .args(["search", "shelter", "enrollment", "--json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains(notice));
    let hits: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["matched_terms"], serde_json::json!(["shelter"]));
    assert_eq!(hits[0]["missing_terms"], serde_json::json!(["enrollment"]));
    // Nothing left to show: exit 1, saying so, without promising other words' matches.
    pathways()
        .args(["search", "enrollment"])
        .assert()
        .code(1)
        .stderr("no service mentions 'enrollment'\n");
    let output = pathways()
        .args(["search", "enrollment", "zzqqxx", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(output.stdout, b"[]\n");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "no service mentions any of 'enrollment', 'zzqqxx'\n"
    );
}

#[test]
fn no_place_words_keeps_region_names_as_text() {
    let sandbox = Sandbox::new();
    let pathways = || pathways(&sandbox);
    let out = stdout(pathways().args(["search", "Homiel"]));
    assert!(
        out.lines().all(|l| l.ends_with("(region from the query)")),
        "{out}"
    );
    assert!(out.lines().count() >= 3, "{out}");
    let out = stdout(pathways().args(["search", "Homiel", "--no-place-words"]));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("city-doctor\t"), "{out}");
    assert!(
        out.contains("'Homiel' in regions (as 'Homiel')") || out.contains("'Homiel' in regions"),
        "{out}"
    );
}
