//! `pathways outcome`: unknown references, per service, the latest wins; what outcomes do
//! to `history --due`, `history --json`, `stats` and `check --with-log`.

mod support;
use predicates::prelude::*;
use support::{Sandbox, referral_catalogue as fixture};

/// Makes a note at `now` and returns its reference.
fn refer_at(sandbox: &Sandbox, now: &str, args: &[&str]) -> String {
    let output = sandbox
        .command_at(now)
        .arg("--catalogue")
        .arg(fixture())
        .args(["refer", "--consent", "verbal"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success());
    let records = sandbox.history();
    records.last().unwrap()["note_ref"]
        .as_str()
        .unwrap()
        .to_string()
}

fn outcome(sandbox: &Sandbox, now: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    sandbox
        .command_at(now)
        .arg("--catalogue")
        .arg(fixture())
        .arg("outcome")
        .args(args)
        .assert()
}

/// The current status of each service of the record with `note_ref`.
fn current(sandbox: &Sandbox, note_ref: &str) -> Vec<(String, Option<String>)> {
    let records = sandbox.history();
    let record = records.iter().find(|r| r["note_ref"] == note_ref).unwrap();
    record["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|service| {
            let latest = record["outcomes"]
                .as_array()
                .unwrap()
                .iter()
                .rfind(|o| o["service"] == *service)
                .map(|o| o["status"].as_str().unwrap().to_string());
            (service.as_str().unwrap().to_string(), latest)
        })
        .collect()
}

const THEN: &str = "2026-11-20T10:00:00+03:00";
const LATER: &str = "2026-11-23T10:00:00+03:00";

#[test]
fn an_unknown_reference_is_bad_input_with_the_closest() {
    let sandbox = Sandbox::new();
    let note_ref = refer_at(&sandbox, THEN, &["bare-clinic"]);
    let typo = format!("{}X", &note_ref[..note_ref.len() - 1]);
    outcome(&sandbox, LATER, &[&typo, "attended"])
        .code(2)
        .stderr(predicate::str::contains(format!("no referral {typo}")))
        .stderr(predicate::str::contains(format!("closest: {note_ref}")));
    outcome(&sandbox, LATER, &[&note_ref, "went-well"]).code(2);
    outcome(
        &sandbox,
        LATER,
        &[&note_ref, "closed", "--reason", "she moved"],
    )
    .code(2);
    assert!(
        current(&sandbox, &note_ref)[0].1.is_none(),
        "nothing recorded"
    );
}

#[test]
fn per_service_or_every_service_and_the_latest_wins() {
    let sandbox = Sandbox::new();
    let note_ref = refer_at(&sandbox, THEN, &["bare-clinic", "full-shelter"]);
    outcome(&sandbox, LATER, &[&note_ref, "accepted"])
        .success()
        .stdout(predicate::str::contains("bare-clinic  accepted"))
        .stdout(predicate::str::contains("full-shelter  accepted"));
    outcome(
        &sandbox,
        LATER,
        &[
            &note_ref,
            "declined-by-service",
            "--service",
            "full-shelter",
            "--reason",
            "no-capacity",
        ],
    )
    .success();
    assert_eq!(
        current(&sandbox, &note_ref),
        vec![
            ("bare-clinic".to_string(), Some("accepted".to_string())),
            (
                "full-shelter".to_string(),
                Some("declined-by-service".to_string())
            ),
        ]
    );
    // Recorded later but dated earlier: the latest by date stays current.
    outcome(
        &sandbox,
        LATER,
        &[
            &note_ref,
            "no-contact",
            "--service",
            "bare-clinic",
            "--date",
            "2026-11-21",
        ],
    )
    .success();
    assert_eq!(
        current(&sandbox, &note_ref)[0].1.as_deref(),
        Some("accepted")
    );
    outcome(
        &sandbox,
        LATER,
        &[&note_ref, "attended", "--service", "bare-clinic"],
    )
    .success();
    assert_eq!(
        current(&sandbox, &note_ref)[0].1.as_deref(),
        Some("attended")
    );
    let records = sandbox.history();
    let outcomes = records[0]["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 5);
    // In date order: the one dated earlier comes first.
    assert_eq!(
        outcomes[0],
        serde_json::json!({"service": "bare-clinic", "status": "no-contact", "reason": null, "date": "2026-11-21"})
    );
    assert!(outcomes.iter().any(|o| o["reason"] == "no-capacity"));
}

#[test]
fn a_service_the_note_did_not_name_and_a_date_before_it_are_refused() {
    let sandbox = Sandbox::new();
    let note_ref = refer_at(&sandbox, THEN, &["bare-clinic"]);
    outcome(
        &sandbox,
        LATER,
        &[&note_ref, "attended", "--service", "full-shelter"],
    )
    .code(2)
    .stderr(predicate::str::contains("bare-clinic"));
    outcome(
        &sandbox,
        LATER,
        &[&note_ref, "attended", "--date", "2026-11-19"],
    )
    .code(2)
    .stderr(predicate::str::contains("before the referral"));
    outcome(
        &sandbox,
        LATER,
        &[&note_ref, "attended", "--date", "2026-11-20"],
    )
    .success();
}

#[test]
fn due_lists_referrals_with_a_service_still_open() {
    let sandbox = Sandbox::new();
    // Urgent: follow-up on 11-23.
    let both = refer_at(
        &sandbox,
        THEN,
        &["bare-clinic", "full-shelter", "--priority", "urgent"],
    );
    let one = refer_at(&sandbox, THEN, &["closed-advice", "--priority", "urgent"]);
    let not_yet = refer_at(&sandbox, THEN, &["bare-clinic"]);
    let due = |now: &str| -> Vec<String> {
        let output = sandbox
            .command_at(now)
            .arg("--catalogue")
            .arg(fixture())
            .args(["history", "--due", "--json"])
            .output()
            .unwrap();
        let records: Vec<serde_json::Value> =
            serde_json::from_slice(&output.stdout).unwrap_or_default();
        records
            .iter()
            .map(|r| r["note_ref"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(due(LATER), vec![both.clone(), one.clone()]);
    outcome(
        &sandbox,
        LATER,
        &[&both, "attended", "--service", "bare-clinic"],
    )
    .success();
    assert_eq!(
        due(LATER),
        vec![both.clone(), one.clone()],
        "one service still open"
    );
    // `accepted` is not final: still due.
    outcome(
        &sandbox,
        LATER,
        &[&both, "accepted", "--service", "full-shelter"],
    )
    .success();
    assert_eq!(due(LATER), vec![both.clone(), one.clone()]);
    outcome(
        &sandbox,
        LATER,
        &[&both, "referred-on", "--service", "full-shelter"],
    )
    .success();
    outcome(&sandbox, LATER, &[&one, "closed"]).success();
    assert!(due(LATER).is_empty());
    sandbox
        .command_at(LATER)
        .arg("--catalogue")
        .arg(fixture())
        .args(["history", "--due"])
        .assert()
        .code(1);
    assert_eq!(due("2026-12-04T10:00:00+03:00"), vec![not_yet]);
}

#[test]
fn stats_split_each_service_by_its_current_outcome() {
    let sandbox = Sandbox::new();
    let a = refer_at(&sandbox, THEN, &["bare-clinic", "full-shelter"]);
    let b = refer_at(&sandbox, THEN, &["bare-clinic"]);
    refer_at(&sandbox, THEN, &["bare-clinic"]);
    outcome(&sandbox, LATER, &[&a, "attended"]).success();
    outcome(&sandbox, LATER, &[&b, "accepted"]).success();
    outcome(
        &sandbox,
        LATER,
        &[&b, "declined-by-service", "--reason", "no-capacity"],
    )
    .success();
    let stats = |args: &[&str]| {
        let output = sandbox
            .command_at(LATER)
            .arg("--catalogue")
            .arg(fixture())
            .arg("stats")
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(
        stats(&["--by", "service", "--csv"]),
        "key,label,count,accepted,attended,declined_by_service,declined_by_client,no_contact,\
         referred_on,closed,open\n\
         bare-clinic,Clinic referrals,3,0,1,1,0,0,0,0,1\n\
         full-shelter,Night shelter for migrants,1,0,1,0,0,0,0,0,0\n"
    );
    assert_eq!(
        stats(&["--by", "outcome", "--csv"]),
        "key,label,count\naccepted,Accepted,0\nattended,Attended,2\n\
         declined-by-service,Declined by the service,1\ndeclined-by-client,Declined by the client,0\n\
         no-contact,No contact,0\nreferred-on,Referred on,0\nclosed,Closed,0\n\
         open,Open (no outcome yet),1\n"
    );
    assert!(stats(&["--by", "outcome"]).contains("2  Attended (attended)"));
}

#[test]
fn check_with_log_warns_of_three_declines_in_a_row() {
    let sandbox = Sandbox::new();
    for _ in 0..3 {
        let note_ref = refer_at(&sandbox, THEN, &["full-shelter", "bare-clinic"]);
        outcome(
            &sandbox,
            LATER,
            &[
                &note_ref,
                "declined-by-service",
                "--service",
                "full-shelter",
            ],
        )
        .success();
        outcome(
            &sandbox,
            LATER,
            &[&note_ref, "attended", "--service", "bare-clinic"],
        )
        .success();
    }
    let check = |args: &[&str]| {
        let output = sandbox
            .command_at(LATER)
            .args(["check"])
            .arg(fixture())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let warned = check(&["--with-log"]);
    assert!(
        warned.contains("warning: service 'full-shelter': its last 3 referrals were declined"),
        "{warned}"
    );
    assert!(!warned.contains("'bare-clinic'"));
    assert!(!check(&[]).contains("declined"), "only with --with-log");
    // A fourth referral accepted breaks the run.
    let note_ref = refer_at(&sandbox, LATER, &["full-shelter"]);
    outcome(&sandbox, LATER, &[&note_ref, "accepted"]).success();
    assert!(!check(&["--with-log"]).contains("declined"));
}

#[test]
fn history_json_adds_operator_and_outcomes() {
    let sandbox = Sandbox::new();
    sandbox.write_config("operator = \"Anna\"\n");
    let note_ref = refer_at(&sandbox, THEN, &["bare-clinic"]);
    outcome(
        &sandbox,
        LATER,
        &[&note_ref, "no-contact", "--reason", "no-answer"],
    )
    .success();
    let record = &sandbox.history()[0];
    assert_eq!(record["operator"], "Anna");
    assert_eq!(record["consent"], "verbal");
    assert_eq!(
        record["outcomes"],
        serde_json::json!([{"service": "bare-clinic", "status": "no-contact", "reason": "no-answer", "date": "2026-11-23"}])
    );
}
