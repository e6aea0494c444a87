//! End to end in tmux: `pathways refer --copy` in a pane sends the note through OSC 52 to
//! tmux (`set-clipboard on`), which keeps it as a paste buffer; stdout stays clean and the
//! history grows by one record.

mod support;
use support::tmux::{Size, Tmux, WAIT, wait_for};
use support::{NOW, Sandbox, referral_catalogue};

#[test]
fn copy_reaches_the_tmux_buffer_and_the_history_grows_by_one() {
    let sandbox = Sandbox::new();
    let root = sandbox.root();
    let command = format!(
        "{env} {bin} --catalogue {catalogue} refer full-shelter --consent verbal --copy \
         > {root}/stdout.txt 2> {root}/stderr.txt; echo $? > {root}/exit.txt; sleep 30",
        env = sandbox.env_words(NOW),
        bin = assert_cmd::cargo::cargo_bin("pathways").display(),
        catalogue = referral_catalogue().display(),
        root = root.display(),
    );
    let tmux = Tmux::start(root, Size::OPERATOR, &command);
    let exit = wait_for(WAIT, || {
        std::fs::read_to_string(root.join("exit.txt"))
            .ok()
            .filter(|s| s.ends_with('\n'))
    });
    let stderr = std::fs::read_to_string(root.join("stderr.txt")).unwrap_or_default();
    assert_eq!(exit.as_deref(), Some("0\n"), "{stderr}\n{}", tmux.screen());
    assert!(
        stderr.contains("sent to the terminal's clipboard (OSC 52)"),
        "{stderr}"
    );
    let records = sandbox.history();
    assert_eq!(records.len(), 1);
    let note_ref = records[0]["note_ref"].as_str().unwrap().to_string();
    let buffer = tmux.wait_for_buffer(&note_ref);
    assert!(buffer.contains("1. Night shelter for migrants"), "{buffer}");
    assert!(!buffer.contains("999-99-99"));
    assert_eq!(
        std::fs::read_to_string(root.join("stdout.txt")).unwrap(),
        ""
    );
}
