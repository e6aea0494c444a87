//! `pathways refer` end to end: consent rule, bad input, `--out`, `--copy` without a
//! terminal, and the history record each note leaves.

mod support;
use predicates::prelude::*;
use std::os::unix::fs::MetadataExt;
use support::{Sandbox, normalise_refs};

#[test]
fn without_consent_exit_2_says_how_to_record_it() {
    let sandbox = Sandbox::new();
    sandbox
        .pathways()
        .args(["refer", "full-shelter", "--priority", "urgent"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--consent verbal"))
        .stderr(predicate::str::contains("--priority emergency"));
    assert!(sandbox.history().is_empty(), "no note, no record");
}

#[test]
fn unknown_service_and_bad_dates_are_bad_input() {
    let sandbox = Sandbox::new();
    for (args, message) in [
        (&["full-sheltr"][..], "did you mean `full-shelter`"),
        (&["full-shelter", "--follow-up", "soon"], "YYYY-MM-DD"),
        (&["full-shelter", "--template", "fr"], "unknown template"),
    ] {
        sandbox
            .refer(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn out_writes_0600_and_keeps_an_existing_file_unless_forced() {
    let sandbox = Sandbox::new();
    let out = sandbox.root().join("note.txt");
    let refer = |extra: &[&str]| {
        let mut cmd = sandbox.refer(&["full-shelter", "--out"]);
        cmd.arg(&out).args(extra);
        cmd
    };
    refer(&[]).assert().success().stdout("");
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.contains("Night shelter for migrants"));
    assert_eq!(std::fs::metadata(&out).unwrap().mode() & 0o777, 0o600);

    refer(&[])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);

    refer(&["--force", "--template", "ru"]).assert().success();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Ночной приют")
    );
    assert_eq!(
        sandbox.history().len(),
        2,
        "the refused note left no record"
    );
}

/// `refer … --copy` started by setsid: no controlling terminal, as with `ssh host pathways …`
/// without -t.
fn without_a_terminal(sandbox: &Sandbox) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new("setsid");
    sandbox.apply(&mut cmd, support::NOW);
    cmd.arg(assert_cmd::cargo::cargo_bin("pathways"))
        .arg("--catalogue")
        .arg(support::referral_catalogue())
        .args(["refer", "full-shelter", "--consent", "verbal", "--copy"]);
    cmd
}

#[test]
fn copy_without_a_terminal_exits_3_and_points_to_ssh_t() {
    let sandbox = Sandbox::new();
    // setsid: no controlling terminal, as with `ssh host pathways ...` without -t. Over SSH
    // a display does not help: the system clipboard there is the wrong machine's.
    without_a_terminal(&sandbox)
        .env("SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22")
        .env("DISPLAY", ":99")
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicate::str::contains("ssh -t"))
        .stderr(predicate::str::contains("--out"));
    assert!(
        sandbox.history().is_empty(),
        "an undelivered note leaves no record"
    );
}

#[test]
fn copy_locally_with_a_dead_display_and_no_terminal_exits_3() {
    // The system clipboard helper is tried (a display is named) and fails (nothing serves
    // it): the command must say so, not claim a copy, and not hang.
    let sandbox = Sandbox::new();
    without_a_terminal(&sandbox)
        .env("DISPLAY", "127.0.0.1:97")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "system clipboard is not available",
        ))
        .stderr(predicate::str::contains("sent").not());
}

#[test]
fn each_note_appends_one_private_record_without_client_data() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .refer(&[
            "full-shelter",
            "bare-clinic",
            "--case-ref",
            "C-0042",
            "--reason",
            "secret reason",
            "--region",
            "gomel",
            "--client-language",
            "ru",
            "--priority",
            "urgent",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let note = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        std::fs::metadata(sandbox.history_file()).unwrap().mode() & 0o777,
        0o600
    );
    let bytes = sandbox.log_bytes();
    let holds = |text: &str| bytes.windows(text.len()).any(|w| w == text.as_bytes());
    assert!(!holds("C-0042") && !holds("secret"));
    let records = sandbox.history();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    let keys: Vec<&str> = record
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "time",
        "note_ref",
        "services",
        "needs",
        "region",
        "priority",
        "client_languages",
        "template",
        "follow_up",
        "operator",
        "consent",
        "outcomes",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
    assert_eq!(record["time"], "2026-11-23T14:05:00+03:00");
    assert_eq!(
        record["services"],
        serde_json::json!(["full-shelter", "bare-clinic"])
    );
    assert_eq!(
        record["needs"],
        serde_json::json!(["shelter", "medical-referral"])
    );
    assert_eq!(record["region"], "gomel");
    assert_eq!(record["priority"], "urgent");
    assert_eq!(record["client_languages"], serde_json::json!(["ru"]));
    assert_eq!(record["template"], "en");
    assert_eq!(record["follow_up"], "2026-11-26");
    // The note carries the reference the history keeps.
    let note_ref = record["note_ref"].as_str().unwrap();
    assert!(pathways::referral::is_note_ref(note_ref), "{note_ref}");
    assert!(note.contains(note_ref));
    assert!(normalise_refs(note_ref).starts_with("PW-20261123-140500-"));
}

#[test]
fn needs_come_from_the_flags_when_given() {
    let sandbox = Sandbox::new();
    sandbox
        .pathways()
        .args([
            "refer",
            "full-shelter",
            "--consent",
            "written",
            "--need",
            "health",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Needs: Health\n"));
    assert_eq!(sandbox.history()[0]["needs"], serde_json::json!(["health"]));
}

#[test]
fn operator_organisation_and_template_come_from_the_config() {
    let sandbox = Sandbox::new();
    let templates = sandbox.root().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("office.j2"),
        "{{ note.ref }} by {{ note.operator }} of {{ note.organisation }}\n\
         {% for s in services %}- {{ s.name }}\n{% endfor %}",
    )
    .unwrap();
    sandbox.write_config(&format!(
        "operator = \"Anna K.\"\norganisation = \"Hotline 113\"\ntemplate = \"office\"\n\
         templates_dir = \"{}\"\n",
        templates.display()
    ));
    let output = sandbox.refer(&["full-shelter"]).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = normalise_refs(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(
        text,
        "PW-20261123-140500-XXXX by Anna K. of Hotline 113\n- Night shelter for migrants\n"
    );
    assert_eq!(sandbox.history()[0]["template"], "office");
    // The built-in is still there by name.
    sandbox
        .refer(&["full-shelter", "--template", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Operator: Anna K.\n"));
}

#[test]
fn a_broken_user_template_is_exit_2_with_its_line() {
    let sandbox = Sandbox::new();
    let templates = sandbox.root().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("broken.j2"),
        "Note\n\n{% if note.ref %}\nno end\n",
    )
    .unwrap();
    sandbox.write_config(&format!("templates_dir = \"{}\"\n", templates.display()));
    sandbox
        .refer(&["full-shelter", "--template", "broken"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("broken.j2:"))
        .stderr(predicate::str::contains("syntax error"));
    assert!(sandbox.history().is_empty());
}

#[test]
fn user_templates_default_to_the_templates_folder_beside_the_config() {
    let sandbox = Sandbox::new();
    let templates = sandbox.config_file().parent().unwrap().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("short.j2"),
        "{{ services | length }} service(s)\n",
    )
    .unwrap();
    sandbox
        .refer(&["full-shelter", "bare-clinic", "--template", "short"])
        .assert()
        .success()
        .stdout("2 service(s)\n");
}

#[test]
fn case_ref_is_kept_only_when_the_config_says_so() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[history]\nstore_case_ref = true\n");
    sandbox
        .refer(&["bare-clinic", "--case-ref", "C-0042"])
        .assert()
        .success();
    assert_eq!(sandbox.history()[0]["case_ref"], "C-0042");
}

#[test]
fn no_history_when_it_is_off() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[history]\nenabled = false\n");
    sandbox.refer(&["bare-clinic"]).assert().success();
    assert!(!sandbox.history_file().exists());
}

#[test]
fn out_into_a_missing_directory_fails_without_creating_it() {
    let sandbox = Sandbox::new();
    let out = sandbox.root().join("typo-dir/note.txt");
    sandbox
        .refer(&["full-shelter", "--out"])
        .arg(&out)
        .assert()
        .code(3);
    assert!(!sandbox.root().join("typo-dir").exists());
    assert!(sandbox.history().is_empty(), "no note, no record");
}

#[test]
fn the_same_service_twice_is_referred_once() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .refer(&["full-shelter", "full-shelter"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let note = String::from_utf8(out).unwrap();
    assert_eq!(
        note.matches("Night shelter for migrants").count(),
        1,
        "{note}"
    );
    assert_eq!(
        sandbox.history()[0]["services"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn an_adult_minor_is_refused_as_bad_input() {
    let sandbox = Sandbox::new();
    for band in ["adult", "older"] {
        sandbox
            .refer(&["full-shelter", "--age-band", band, "--minor"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("marked a minor"))
            .stderr(predicate::str::contains("--age-band child"));
    }
    sandbox
        .refer(&["full-shelter", "--age-band", "child", "--minor"])
        .assert()
        .success();
}

#[test]
fn a_note_nobody_signed_or_without_a_client_code_warns_but_goes() {
    let sandbox = Sandbox::new();
    sandbox
        .refer(&["full-shelter"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Referred by: not recorded"))
        .stdout(predicate::str::contains("Client code: no client code"))
        .stderr(predicate::str::contains("pathways config init"))
        .stderr(predicate::str::contains("no --case-ref"));
    sandbox.write_config(
        "operator = \"Olga\"\norganisation = \"Hotline\"\n[history]\nstore_case_ref = true\n",
    );
    sandbox
        .refer(&["full-shelter", "--case-ref", "none"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Client code: no client code"))
        .stdout(predicate::str::contains("Referred by").not())
        .stderr(predicate::str::contains("warning").not());
    let records = sandbox.history();
    assert!(
        records.last().unwrap().get("case_ref").is_none(),
        "\"none\" is never stored as a case reference: {records:?}"
    );
}
