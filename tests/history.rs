//! The history: concurrent writers from many processes, purge, `--due`, and `stats`.

mod support;
use pathways::config::Config;
use pathways::referral::{Draft, Record, ReferralLog};
use predicates::prelude::*;
use std::os::unix::fs::MetadataExt;
use std::process::Command;
use support::Sandbox;

const CHILD_ENV: &str = "PATHWAYS_TEST_APPEND_TO";
const PROCESSES: usize = 20;
const PER_PROCESS: usize = 50;

/// In a child process (started by `twenty_processes_lose_no_record`): records 50
/// referrals, each in its own transaction. In a normal test run it does nothing.
#[test]
fn child_appender() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut log = ReferralLog::open(path).unwrap();
    let now: jiff::Zoned = "2026-11-23T14:05:00+03:00[Europe/Minsk]".parse().unwrap();
    for i in 0..PER_PROCESS {
        let note_ref = format!("PW-{}-{i}", std::process::id());
        let mut draft = Draft::new(
            vec!["full-shelter".into(), "bare-clinic".into()],
            now.date(),
            note_ref,
            &Config::default(),
        );
        draft.needs = vec!["shelter".repeat(100)];
        let record = Record::new(&draft, "en", &now, false);
        log.record(&record, None).unwrap();
    }
}

#[test]
fn twenty_processes_lose_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("referrals.db");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            Command::new(&exe)
                .args(["--exact", "child_appender", "--test-threads=1"])
                .env(CHILD_ENV, &path)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "a writer failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let log = ReferralLog::open(&path).unwrap();
    let records = log.records().unwrap();
    assert_eq!(records.len(), PROCESSES * PER_PROCESS);
    let refs: std::collections::HashSet<_> = records.iter().map(|r| &r.note_ref).collect();
    assert_eq!(refs.len(), PROCESSES * PER_PROCESS, "no duplicate");
    assert!(
        records
            .iter()
            .all(|r| r.services.len() == 2 && r.needs[0].len() == 700)
    );
    assert!(log.health().unwrap().is_ok());
    assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
}

/// Produces one note with the real binary at `now`.
fn refer(sandbox: &Sandbox, now: &str, args: &[&str]) {
    let mut cmd = sandbox.command_at(now);
    cmd.arg("--catalogue")
        .arg(support::referral_catalogue())
        .args(["refer", "--consent", "verbal"])
        .args(args)
        .assert()
        .success();
}

fn note_refs(sandbox: &Sandbox, now: &str, args: &[&str]) -> Vec<String> {
    let mut cmd = sandbox.command_at(now);
    let output = cmd
        .arg("--catalogue")
        .arg(support::referral_catalogue())
        .args(["history", "--json"])
        .args(args)
        .output()
        .unwrap();
    let records: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    records
        .iter()
        .map(|r| r["services"][0].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn due_lists_follow_ups_due_today_or_overdue() {
    let sandbox = Sandbox::new();
    // Notes on 2026-11-20: routine → 12-04, urgent → 11-23, emergency → 11-21;
    // and one with its own follow-up date 11-30.
    let then = "2026-11-20T10:00:00+03:00";
    refer(&sandbox, then, &["full-shelter"]);
    refer(&sandbox, then, &["bare-clinic", "--priority", "urgent"]);
    refer(
        &sandbox,
        then,
        &["closed-advice", "--priority", "emergency"],
    );
    refer(
        &sandbox,
        then,
        &["full-shelter", "bare-clinic", "--follow-up", "2026-11-30"],
    );
    let today = "2026-11-23T09:00:00+03:00";
    assert_eq!(
        note_refs(&sandbox, today, &["--due"]),
        vec!["bare-clinic", "closed-advice"]
    );
    assert_eq!(note_refs(&sandbox, today, &[]).len(), 4);
    assert_eq!(
        note_refs(&sandbox, "2026-12-04T09:00:00+03:00", &["--due"]).len(),
        4
    );
    sandbox
        .command_at("2026-11-20T11:00:00+03:00")
        .arg("--catalogue")
        .arg(support::referral_catalogue())
        .args(["history", "--due"])
        .assert()
        .code(1);
}

#[test]
fn purge_before_removes_older_records_and_keep_days_purges_on_append() {
    let sandbox = Sandbox::new();
    refer(&sandbox, "2025-10-01T10:00:00+03:00", &["bare-clinic"]);
    refer(&sandbox, "2026-06-01T10:00:00+03:00", &["closed-advice"]);
    // 365 days after the first record, the next note purges it.
    refer(&sandbox, "2026-11-23T10:00:00+03:00", &["full-shelter"]);
    let services: Vec<String> = sandbox
        .history()
        .iter()
        .map(|r| r["services"][0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(services, vec!["closed-advice", "full-shelter"]);
    sandbox
        .pathways()
        .args(["history", "--purge-before", "2026-07-01"])
        .assert()
        .success()
        .stderr(predicate::str::contains("purged 1 record"));
    assert_eq!(sandbox.history().len(), 1);
    assert_eq!(
        std::fs::metadata(sandbox.history_file()).unwrap().mode() & 0o777,
        0o600
    );
    sandbox
        .pathways()
        .args(["history", "--purge-before", "July"])
        .assert()
        .code(2);
}

#[test]
fn listing_purges_records_past_keep_days() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[history]\nkeep_days = 30\n");
    refer(&sandbox, "2026-10-15T10:00:00+03:00", &["bare-clinic"]);
    refer(&sandbox, "2026-11-01T10:00:00+03:00", &["full-shelter"]);
    assert_eq!(sandbox.history().len(), 2);
    assert_eq!(
        note_refs(&sandbox, "2026-11-20T10:00:00+03:00", &[]),
        vec!["full-shelter"]
    );
    assert_eq!(
        sandbox.history().len(),
        1,
        "purged from the file, not only hidden"
    );
}

#[test]
fn stats_count_by_need_region_service_and_month() {
    let sandbox = Sandbox::new();
    refer(
        &sandbox,
        "2026-10-05T10:00:00+03:00",
        &["full-shelter", "--region", "gomel"],
    );
    refer(
        &sandbox,
        "2026-11-02T10:00:00+03:00",
        &["full-shelter", "bare-clinic", "--region", "gomel"],
    );
    refer(&sandbox, "2026-11-20T10:00:00+03:00", &["bare-clinic"]);
    let stats = |args: &[&str]| {
        let output = sandbox.pathways().arg("stats").args(args).output().unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(
        stats(&["--csv"]),
        "key,label,count\nmedical-referral,Medical referral,2\nshelter,Accommodation and shelter,2\n"
    );
    assert_eq!(
        stats(&["--by", "region", "--csv"]),
        "key,label,count\ngomel,Gomel Region,2\n,(no region),1\n"
    );
    assert_eq!(
        stats(&["--by", "service", "--csv"]),
        "key,label,count,accepted,attended,declined_by_service,declined_by_client,no_contact,\
         referred_on,closed,open\nbare-clinic,Clinic referrals,2,0,0,0,0,0,0,0,2\n\
         full-shelter,Night shelter for migrants,2,0,0,0,0,0,0,0,2\n"
    );
    assert_eq!(
        stats(&["--by", "month", "--csv"]),
        "key,label,count\n2026-10,October 2026,1\n2026-11,November 2026,2\n"
    );
    assert!(stats(&[]).contains("2  Accommodation and shelter (shelter)"));
}

#[test]
fn no_history_is_nothing_found() {
    let sandbox = Sandbox::new();
    sandbox
        .pathways()
        .arg("history")
        .assert()
        .code(1)
        .stdout("");
    sandbox.pathways().arg("stats").assert().code(1);
}

#[test]
fn a_loosened_log_is_made_private_again() {
    let sandbox = Sandbox::new();
    refer(&sandbox, "2026-11-01T10:00:00+03:00", &["full-shelter"]);
    let file = sandbox.history_file();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    refer(&sandbox, "2026-11-23T10:00:00+03:00", &["closed-advice"]);
    assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o600);
    assert_eq!(sandbox.history().len(), 2);
}

/// A need (or region) whose id happens to be `open` is the catalogue's, named as the
/// catalogue names it: only the rows of `--by outcome` are outcomes.
#[test]
fn a_need_with_the_id_open_is_not_an_outcome() {
    let sandbox = Sandbox::new();
    let catalogue = sandbox.root().join("open.toml");
    let text = support::SMALL
        .replace(
            "id = \"shelter\"\nname = \"Shelter\"",
            "id = \"open\"\nname = \"Open doors\"",
        )
        .replace("needs = [\"shelter\"]", "needs = [\"open\"]");
    std::fs::write(&catalogue, text).unwrap();
    let pathways = |args: &[&str]| {
        let output = sandbox
            .command()
            .arg("--catalogue")
            .arg(&catalogue)
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    pathways(&["refer", "--consent", "verbal", "svc"]);
    assert_eq!(
        pathways(&["stats", "--by", "need"]),
        "1  Open doors (open)\n"
    );
    assert!(pathways(&["stats", "--by", "outcome"]).contains("1  Open (no outcome yet) (open)"));
}
