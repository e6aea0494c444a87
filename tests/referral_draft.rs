//! Draft persistence, as the TUI composer uses it: saved (0600, atomically) on every
//! change, there again after SIGHUP, deleted once the note is made.

use pathways::config::Config;
use pathways::referral::{
    ConsentKind, Draft, DraftKeeper, Priority, delete_draft, hangup_flag, load_draft, save_draft,
};
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;

const CHILD_ENV: &str = "PATHWAYS_TEST_DRAFT_AT";

fn sample() -> Draft {
    let mut draft = Draft::new(
        vec!["iom-avrr".into()],
        jiff::civil::date(2026, 11, 23),
        "PW-20261123-140500-ABCD".into(),
        &Config::default(),
    );
    draft.reason = "wants to return home".into();
    draft.priority = Priority::Urgent;
    draft
}

#[test]
fn saved_on_change_with_mode_0600_and_deleted_after_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/draft.json");
    assert_eq!(load_draft(&path).unwrap(), None);
    let mut draft = sample();
    save_draft(&path, &draft).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
    draft.consent = Some(ConsentKind::Verbal);
    save_draft(&path, &draft).unwrap();
    assert_eq!(load_draft(&path).unwrap(), Some(draft));
    delete_draft(&path).unwrap();
    assert_eq!(load_draft(&path).unwrap(), None);
    delete_draft(&path).unwrap();
}

#[test]
fn a_damaged_draft_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.json");
    std::fs::write(&path, "{ not json").unwrap();
    let error = load_draft(&path).unwrap_err();
    assert!(error.to_string().contains("damaged"), "{error}");
}

/// In a child process (started by `restored_after_sighup`): composes with a keeper, waits
/// for SIGHUP, then saves its latest draft and exits cleanly, as the TUI's loop does.
/// In a normal run it does nothing.
#[test]
fn child_composer() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let hangup = hangup_flag().unwrap();
    let mut keeper = DraftKeeper::new(std::path::PathBuf::from(path));
    let mut draft = sample();
    assert!(keeper.changed(&draft).unwrap());
    assert!(
        !keeper.changed(&draft).unwrap(),
        "unchanged drafts are not rewritten"
    );
    draft.case_ref = "C-0042".into();
    keeper.changed(&draft).unwrap();
    println!("saved");
    let started = std::time::Instant::now();
    while !hangup.load(Ordering::Relaxed) {
        assert!(started.elapsed().as_secs() < 30, "no SIGHUP came");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    draft.interpreter = true;
    keeper.save_now(&draft).unwrap();
}

#[test]
fn restored_after_sighup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.json");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_composer",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    while !seen.contains("saved") {
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "child ended before saving: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let status = Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success(), "the child handled SIGHUP");
    // The next start finds the draft as it was when the link dropped.
    let mut keeper = DraftKeeper::new(&path);
    let mut expected = sample();
    expected.case_ref = "C-0042".into();
    expected.interpreter = true;
    assert_eq!(keeper.restore().unwrap(), Some(expected));
    keeper.finished().unwrap();
    assert!(!path.exists(), "deleted once the note is produced");
}
