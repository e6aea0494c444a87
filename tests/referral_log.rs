//! The referral log under faults: the move from `history.jsonl`, the faults the old file
//! lost records to (each a regression test), a clock pinned ahead, a damaged database,
//! permissions under umask 000, and kill -9 at random moments.

mod support;
use pathways::config::Config;
use pathways::referral::{Draft, Record, ReferralLog};
use predicates::prelude::*;
use std::os::unix::fs::MetadataExt;
use std::process::{Command, Stdio};
use std::time::Duration;
use support::{NOW, Sandbox, referral_catalogue as fixture};

/// One line of the old history file.
fn old_line(time: &str, note_ref: &str, service: &str) -> String {
    format!(
        r#"{{"time":"{time}","note_ref":"{note_ref}","services":["{service}"],"needs":[],"region":null,"priority":"routine","client_languages":[],"template":"en","follow_up":"2026-12-07"}}"#
    )
}

fn refer(sandbox: &Sandbox, args: &[&str]) -> assert_cmd::assert::Assert {
    sandbox
        .pathways()
        .args(["refer", "--consent", "verbal"])
        .args(args)
        .assert()
}

fn note_refs(sandbox: &Sandbox) -> Vec<String> {
    sandbox
        .history()
        .iter()
        .map(|r| r["note_ref"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn migration_imports_good_lines_and_keeps_the_rest_byte_for_byte() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    let half = br#"{"time":"2026-11-20T10:00:00+03:00","note_ref":"PW-HALF","serv"#;
    let mut bytes = Vec::new();
    bytes.extend(old_line("2026-11-01T10:00:00+03:00", "PW-A", "bare-clinic").as_bytes());
    bytes.push(b'\n');
    // A half-written line (a full disk, a crash) right before a good record: the old
    // reader joined them and lost the good one.
    bytes.extend(half);
    bytes.extend(old_line("2026-11-02T10:00:00+03:00", "PW-B", "full-shelter").as_bytes());
    bytes.push(b'\n');
    bytes.extend(b"\xff\xfe not utf-8\n");
    bytes.extend(old_line("2026-11-03T10:00:00+03:00", "PW-C", "closed-advice").as_bytes());
    bytes.push(b'\n');
    std::fs::write(sandbox.jsonl_file(), &bytes).unwrap();

    sandbox
        .pathways()
        .arg("history")
        .assert()
        .success()
        .stderr(predicate::str::contains("2 record(s) imported"))
        .stderr(predicate::str::contains("2 line(s) that are not records"))
        .stderr(predicate::str::contains("history.jsonl.migrated"));
    assert_eq!(note_refs(&sandbox), vec!["PW-A", "PW-C"]);
    assert!(!sandbox.jsonl_file().exists());
    let migrated = sandbox.data_dir().join("history.jsonl.migrated");
    assert_eq!(
        std::fs::read(migrated).unwrap(),
        bytes,
        "the old file kept whole"
    );
    let unreadable = sandbox.data_dir().join("history.jsonl.unreadable");
    let mut expected = half.to_vec();
    expected.extend(old_line("2026-11-02T10:00:00+03:00", "PW-B", "full-shelter").as_bytes());
    expected.extend(b"\n\xff\xfe not utf-8\n");
    assert_eq!(std::fs::read(&unreadable).unwrap(), expected);
    assert_eq!(
        std::fs::metadata(&unreadable).unwrap().mode() & 0o777,
        0o600
    );
    // Said once: the next command is quiet, and a bad byte no longer stops a note.
    refer(&sandbox, &["bare-clinic"])
        .success()
        .stderr(predicate::str::contains("imported").not());
    assert_eq!(note_refs(&sandbox).len(), 3);
}

#[test]
fn migrating_an_empty_file_says_so_and_moves_it() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    std::fs::write(sandbox.jsonl_file(), b"").unwrap();
    sandbox
        .pathways()
        .arg("history")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("0 record(s) imported"));
    assert!(sandbox.data_dir().join("history.jsonl.migrated").exists());
    assert!(!sandbox.data_dir().join("history.jsonl.unreadable").exists());
}

#[test]
fn migrating_twice_imports_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("history.jsonl");
    let line = old_line("2026-11-01T10:00:00+03:00", "PW-A", "bare-clinic");
    std::fs::write(&jsonl, format!("{line}\n")).unwrap();
    let mut log = ReferralLog::open(dir.path().join("referrals.db")).unwrap();
    let first = pathways::referral::migrate_jsonl(&mut log, &jsonl).unwrap();
    assert_eq!(first.map(|m| m.imported), Some(1));
    // As after a crash between the commit and the rename: the file is back.
    std::fs::write(&jsonl, format!("{line}\n")).unwrap();
    let again = pathways::referral::migrate_jsonl(&mut log, &jsonl).unwrap();
    assert_eq!(again.map(|m| m.imported), Some(0));
    assert_eq!(log.len().unwrap(), 1);
}

#[test]
fn keep_days_out_of_range_is_bad_input_naming_the_key_and_range() {
    for value in ["9223372036854775807", "7304485", "0", "36501"] {
        let sandbox = Sandbox::new();
        sandbox.write_config(&format!("[history]\nkeep_days = {value}\n"));
        sandbox
            .pathways()
            .arg("history")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("history.keep_days"))
            .stderr(predicate::str::contains("1 to 36500"));
    }
    let sandbox = Sandbox::new();
    sandbox.write_config("[history]\nkeep_days = 36500\n");
    sandbox.pathways().arg("history").assert().code(1);
}

#[test]
fn a_clock_pinned_ahead_never_purges_and_warns() {
    let sandbox = Sandbox::new();
    refer(&sandbox, &["bare-clinic"]).success();
    for command in [
        &["history"][..],
        &["stats"],
        // A follow-up the priority would put past 9999-12-31 is refused: give one.
        &[
            "refer",
            "--consent",
            "verbal",
            "--follow-up",
            "9999-12-31",
            "full-shelter",
        ],
    ] {
        sandbox
            .command_at("9999-12-25")
            .arg("--catalogue")
            .arg(fixture())
            .args(command)
            .assert()
            .success()
            .stderr(predicate::str::contains("pinned ahead"));
    }
    assert_eq!(note_refs(&sandbox).len(), 2, "nothing purged");
    // A clock pinned ahead with nothing it would purge stays quiet.
    sandbox
        .command_at("2026-12-01T10:00:00+03:00")
        .arg("--catalogue")
        .arg(fixture())
        .arg("history")
        .assert()
        .success()
        .stderr(predicate::str::contains("pinned").not());
}

#[test]
fn a_damaged_log_is_exit_3_with_a_pointer_to_check_and_the_note_still_goes_out() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    std::fs::write(sandbox.history_file(), vec![0x5a; 8192]).unwrap();
    let path = sandbox.history_file().display().to_string();
    sandbox
        .pathways()
        .arg("history")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(path.as_str()))
        .stderr(predicate::str::contains("pathways history --check"));
    sandbox
        .pathways()
        .args(["history", "--check"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(path.as_str()));
    refer(&sandbox, &["bare-clinic"])
        .code(3)
        .stdout(predicate::str::contains("PW-"))
        .stderr(predicate::str::contains(
            "the note was delivered, but the referral log",
        ));
}

#[test]
fn check_reports_a_sound_log() {
    let sandbox = Sandbox::new();
    sandbox
        .pathways()
        .args(["history", "--check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no referral log yet"));
    refer(&sandbox, &["bare-clinic"]).success();
    sandbox
        .pathways()
        .args(["history", "--check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok (1 referral(s), 0 outcome(s))"));
}

const UMASK_CHILD: &str = "PATHWAYS_TEST_UMASK_LOG";

/// In a child process (started by `private_under_umask_000`): with umask 000, opens a log,
/// writes, and checks every file while the connection is open (the `-wal` and `-shm`
/// files exist only then).
#[test]
fn umask_child() {
    let Some(dir) = std::env::var_os(UMASK_CHILD) else {
        return;
    };
    // SAFETY: umask only sets the process's file mode mask; this child runs one test.
    unsafe { libc::umask(0) };
    let dir = std::path::PathBuf::from(dir);
    let path = dir.join("data/referrals.db");
    let mut log = ReferralLog::open(&path).unwrap();
    let now: jiff::Zoned = "2026-11-23T14:05:00+03:00[Europe/Minsk]".parse().unwrap();
    let draft = Draft::new(
        vec!["a".into()],
        now.date(),
        "PW-U".into(),
        &Config::default(),
    );
    log.record(&Record::new(&draft, "en", &now, false), None)
        .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().mode() & 0o777;
    assert_eq!(mode(&dir.join("data")), 0o700);
    for name in ["referrals.db", "referrals.db-wal", "referrals.db-shm"] {
        assert_eq!(mode(&dir.join("data").join(name)), 0o600, "{name}");
    }
}

#[test]
fn private_under_umask_000() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "umask_child", "--test-threads=1"])
        .env(UMASK_CHILD, dir.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the log or its side files were not 0600");
    // And the binary itself, started under umask 000.
    let sandbox = Sandbox::new();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "umask 000; exec '{}' --catalogue '{}' refer bare-clinic --consent verbal",
            assert_cmd::cargo::cargo_bin("pathways").display(),
            fixture().display()
        ))
        .stdout(Stdio::null());
    sandbox.apply_std(&mut cmd, NOW);
    assert!(cmd.status().unwrap().success());
    assert_eq!(
        std::fs::metadata(sandbox.history_file()).unwrap().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(sandbox.data_dir()).unwrap().mode() & 0o777,
        0o700
    );
}

/// A small fixed-seed generator (xorshift64*), so the kill moments are the same each run.
struct Moments(u64);

impl Moments {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % below
    }
}

/// Old referrals for a purge to delete (2024: past any retention at [`NOW`]).
fn add_expired(path: &std::path::Path, round: usize) {
    let mut log = ReferralLog::open(path).unwrap();
    let then: jiff::Zoned = "2024-03-01T10:00:00+03:00[Europe/Minsk]".parse().unwrap();
    let records: Vec<Record> = (0..300)
        .map(|i| {
            let draft = Draft::new(
                vec!["bare-clinic".into(), "full-shelter".into()],
                then.date(),
                format!("PW-OLD-{round}-{i}"),
                &Config::default(),
            );
            Record::new(&draft, "en", &then, false)
        })
        .collect();
    log.import(&records).unwrap();
}

/// The note reference in a note's text.
fn ref_in(text: &str) -> Option<String> {
    text.match_indices("PW-")
        .filter_map(|(at, _)| text.get(at..at + 23))
        .find(|candidate| pathways::referral::is_note_ref(candidate))
        .map(str::to_string)
}

/// kill -9 at 100 moments (fixed seed) during `refer`, `outcome` and the purge: every
/// command that finished is in the log, the log passes `integrity_check`, and the next
/// command works. A purge is all or nothing.
#[test]
fn kill_9_at_random_moments_loses_nothing_committed() {
    let sandbox = Sandbox::new();
    let mut moments = Moments(0x5eed_1234_abcd_0042);
    let mut committed: Vec<String> = Vec::new();
    let mut outcomes_committed = 0usize;
    let mut killed = 0;
    let mut since_finished = 0;
    // The moments spread over a whole command's life, however fast this machine is (the
    // slowest of three runs, as other work may slow any one of them).
    let mut span = (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            refer(&sandbox, &["closed-advice"]).success();
            started.elapsed().as_micros() as u64
        })
        .max()
        .unwrap_or(1_000)
        .max(1_000)
        * 3
        / 2;
    for round in 0..100 {
        let kind = round % 3;
        if kind == 2 {
            add_expired(&sandbox.history_file(), round);
        }
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("pathways"));
        cmd.arg("--catalogue").arg(fixture());
        match (kind, committed.last()) {
            (1, Some(note_ref)) => {
                cmd.args(["outcome", note_ref, "accepted"]);
            }
            (2, _) => {
                cmd.args(["stats"]);
            }
            _ => {
                cmd.args([
                    "refer",
                    "bare-clinic",
                    "full-shelter",
                    "--consent",
                    "verbal",
                ]);
            }
        }
        sandbox.apply_std(&mut cmd, NOW);
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(moments.next(span)));
        let finished = matches!(child.try_wait(), Ok(Some(_)));
        if !finished {
            let _ = child.kill();
            killed += 1;
            since_finished += 1;
        } else {
            since_finished = 0;
        }
        // A machine slowed by other work after the measure above: widen the moments when
        // eight commands in a row were all cut short.
        if since_finished == 8 {
            span *= 2;
            since_finished = 0;
        }
        let output = child.wait_with_output().unwrap();
        if output.status.success() {
            match kind {
                1 if !committed.is_empty() => outcomes_committed += 1,
                2 => {}
                _ => committed.extend(ref_in(&String::from_utf8_lossy(&output.stdout))),
            }
        }
        let log = ReferralLog::open(sandbox.history_file()).unwrap();
        assert!(
            log.health().unwrap().is_ok(),
            "integrity after round {round}"
        );
        let records = log.records().unwrap();
        let refs: std::collections::HashSet<&str> =
            records.iter().map(|r| r.note_ref.as_str()).collect();
        for note_ref in &committed {
            assert!(
                refs.contains(note_ref.as_str()),
                "{note_ref} lost in round {round}"
            );
        }
        let old = records
            .iter()
            .filter(|r| r.note_ref.starts_with("PW-OLD"))
            .count();
        assert!(old == 0 || old % 300 == 0, "a purge was half done: {old}");
        let outcomes: usize = records.iter().map(|r| r.outcomes.len()).sum();
        assert!(outcomes >= outcomes_committed * 2, "an outcome was lost");
    }
    eprintln!(
        "{killed} killed, {} referrals and {outcomes_committed} outcomes finished",
        committed.len()
    );
    assert!(
        killed >= 20 && committed.len() + outcomes_committed > 3,
        "the moments fell both during and after"
    );
    sandbox.pathways().arg("history").assert().success();
}

/// Under a pinned clock every note of a second shares all but four random hex digits:
/// `refer` draws again while the log holds the reference, so no note is delivered with a
/// reference the log cannot take. Half the references of the second are taken here.
#[test]
fn refer_draws_a_reference_the_log_does_not_hold() {
    let sandbox = Sandbox::new();
    let now: jiff::Zoned = "2026-11-23T14:05:00+03:00[Europe/Minsk]".parse().unwrap();
    let taken: Vec<Record> = (0..0x10000u32)
        .step_by(2)
        .map(|n| {
            let note_ref = format!("PW-20261123-140500-{n:04X}");
            let draft = Draft::new(
                vec!["bare-clinic".into()],
                now.date(),
                note_ref,
                &Config::default(),
            );
            Record::new(&draft, "en", &now, false)
        })
        .collect();
    let mut log = ReferralLog::open(sandbox.history_file()).unwrap();
    log.import(&taken).unwrap();
    drop(log);
    for _ in 0..4 {
        refer(&sandbox, &["full-shelter"]).success();
    }
    let log = ReferralLog::open(sandbox.history_file()).unwrap();
    assert_eq!(log.len().unwrap(), taken.len() + 4, "every note recorded");
}
