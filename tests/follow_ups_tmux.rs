//! End to end in tmux: the directory opens with the count of due follow-ups in the status
//! line; `f` lists them, Enter Enter records `attended`, and the count goes down (in the
//! view, the status line and the referral log).

mod support;
use support::tmux::{Size, Tmux};
use support::{Sandbox, referral_catalogue as fixture};

const THEN: &str = "2026-11-20T10:00:00+03:00";
const SHIFT: &str = "2026-11-24T09:00:00+03:00";

#[test]
fn setting_an_outcome_in_the_follow_up_view_brings_the_due_count_down() {
    let sandbox = Sandbox::new();
    for service in ["bare-clinic", "full-shelter"] {
        sandbox
            .command_at(THEN)
            .arg("--catalogue")
            .arg(fixture())
            .args([
                "refer",
                service,
                "--consent",
                "verbal",
                "--priority",
                "urgent",
            ])
            .assert()
            .success();
    }
    let root = sandbox.root();
    let command = format!(
        "{env} {bin} --catalogue {catalogue}; sleep 30",
        env = sandbox.env_words(SHIFT),
        bin = assert_cmd::cargo::cargo_bin("pathways").display(),
        catalogue = fixture().display(),
    );
    let tmux = Tmux::start(root, Size::OPERATOR, &command);
    tmux.wait_for_text("due 2");
    tmux.keys(&["Tab", "f"]);
    tmux.wait_for_text("Follow-ups due: 2");
    tmux.wait_for_text("Clinic referrals");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Outcome");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Follow-ups due: 1");
    tmux.wait_for_text("recorded: attended for bare-clinic");
    tmux.keys(&["Escape"]);
    tmux.wait_for_text("due 1");
    let records = sandbox.history();
    let clinic = records
        .iter()
        .find(|r| r["services"][0] == "bare-clinic")
        .unwrap();
    assert_eq!(clinic["outcomes"][0]["status"], "attended");
    assert_eq!(clinic["outcomes"][0]["date"], "2026-11-24");
    tmux.keys(&["q"]);
}
