//! The history: concurrent appends from many processes, purge, `--due`, and `stats`.

mod support;
use pathways::config::Config;
use pathways::referral::{Draft, History, Record};
use predicates::prelude::*;
use std::os::unix::fs::MetadataExt;
use std::process::Command;
use support::Sandbox;

const CHILD_ENV: &str = "PATHWAYS_TEST_APPEND_TO";
const PROCESSES: usize = 20;
const PER_PROCESS: usize = 50;

/// Appends 50 records and then finds each of them whole in the file. Run alone, into a file
/// of its own; as one of the children of `twenty_processes_lose_no_record_and_tear_no_line`
/// (which names the shared file in `PATHWAYS_TEST_APPEND_TO`), while the others append too.
#[test]
fn appended_records_are_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = std::env::var_os(CHILD_ENV)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("history.jsonl"));
    let history = History::new(&path, 365);
    let now: jiff::Zoned = "2026-11-23T14:05:00+03:00[Europe/Minsk]".parse().unwrap();
    let mine = format!("PW-{}-", std::process::id());
    for i in 0..PER_PROCESS {
        let mut draft = Draft::new(
            vec!["full-shelter".into(), "bare-clinic".into()],
            now.date(),
            format!("{mine}{i}"),
            &Config::default(),
        );
        // Long enough that a torn write would show.
        draft.needs = vec!["shelter".repeat(100)];
        let record = Record::new(&draft, "en", &now, false);
        history.append(&record, now.timestamp()).unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let found = text
        .lines()
        .filter_map(|line| serde_json::from_str::<Record>(line).ok())
        .filter(|record| record.note_ref.starts_with(&mine))
        .count();
    assert_eq!(found, PER_PROCESS, "each record read back whole");
}

#[test]
fn twenty_processes_lose_no_record_and_tear_no_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "appended_records_are_read_back_whole",
                    "--test-threads=1",
                ])
                .env(CHILD_ENV, &path)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), PROCESSES * PER_PROCESS);
    let mut refs = std::collections::HashSet::new();
    for line in &lines {
        let record: Record = serde_json::from_str(line).expect("a whole record per line");
        assert!(refs.insert(record.note_ref), "duplicate record");
    }
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
        "key,label,count\nbare-clinic,Clinic referrals,2\nfull-shelter,Night shelter for migrants,2\n"
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
fn retention_holds_for_out_of_order_files_and_loose_modes() {
    let sandbox = Sandbox::new();
    refer(&sandbox, "2026-11-01T10:00:00+03:00", &["full-shelter"]);
    // A hand-edited file: a line that is not a record first, then an old record after a
    // newer one, and a mode someone loosened.
    let file = sandbox.history_file();
    let current = std::fs::read_to_string(&file).unwrap();
    let old = r#"{"time":"2024-01-01T10:00:00+03:00","note_ref":"PW-OLD","services":["bare-clinic"],"needs":[],"region":null,"priority":"routine","client_languages":[],"template":"en","follow_up":"2024-01-15"}"#;
    std::fs::write(&file, format!("not a record\n{current}{old}\n")).unwrap();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    refer(&sandbox, "2026-11-23T10:00:00+03:00", &["closed-advice"]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("PW-OLD"),
        "the expired record is purged wherever it stands"
    );
    assert_eq!(text.matches("\"note_ref\"").count(), 2);
    assert!(
        text.starts_with("not a record\n"),
        "lines that are not records are kept"
    );
    assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o600);
}
