//! Draft persistence, as the TUI composer uses it: saved (0600, atomically) on every
//! change, deleted once the note is made. The save on SIGHUP is tested end to end in
//! `tui_tmux.rs` (`the_draft_survives_a_dropped_link`).

use pathways::config::Config;
use pathways::referral::{ConsentKind, Draft, Priority, delete_draft, load_draft, save_draft};
use std::os::unix::fs::MetadataExt;

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
