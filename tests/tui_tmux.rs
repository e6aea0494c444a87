//! End to end: the built binary in a real terminal (tmux, 80x24), driven by keys, read
//! back with `capture-pane`; and the terminal must be back in cooked mode after a normal
//! quit, SIGTERM and SIGHUP.
//!
//! Prerequisite: tmux. Without it these tests fail and say to install it.

mod support;
use std::process::Command;
use std::time::Duration;
use support::tmux::{Size, Tmux, WAIT, copy_a_note_of_the_selected_service, wait_for};
use support::{NOW, Sandbox};

/// A shell in an 80x24 tmux pane, at home in a sandbox.
struct Session {
    tmux: Tmux,
    sandbox: Sandbox,
}

impl Session {
    fn start() -> Session {
        let sandbox = Sandbox::new();
        let tmux = Tmux::shell(sandbox.root(), Size::OPERATOR);
        Session { tmux, sandbox }
    }

    /// Starts the TUI in the pane on the embedded catalogue.
    fn open_pathways(&self, term: &str) {
        self.open_pathways_with(term, "");
    }

    /// Starts the TUI with extra `NAME=value` environment settings (e.g. `EDITOR=...`).
    fn open_pathways_with(&self, term: &str, env: &str) {
        self.tmux.type_text(&format!(
            "clear; cd {home}; {sandbox} TERM={term} {env} {bin}",
            home = self.sandbox.root().display(),
            sandbox = self.sandbox.env_words(NOW),
            bin = env!("CARGO_BIN_EXE_pathways"),
        ));
        self.tmux.keys(&["Enter"]);
        self.tmux.wait_for_text("Search>");
        self.tmux.wait_for_text(" basket ");
    }

    /// Quits with `key` and checks the terminal is the shell's again.
    fn quit_with(&self, key: &str) {
        self.tmux.keys(&[key]);
        self.wait_for_exit();
    }

    /// Waits for the TUI to be gone and checks the terminal is the shell's again.
    fn wait_for_exit(&self) {
        self.tmux
            .wait_until("the shell prompt", |s| !s.contains("Search>"));
        self.tmux.assert_cooked();
    }
}

/// The line of the screen holding the selected row.
fn selected_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("│> ") || l.contains("┃> "))
        .unwrap_or_default()
        .to_string()
}

fn walk_through(term: &str) {
    let session = Session::start();
    let tmux = &session.tmux;
    session.open_pathways(term);
    tmux.type_text("assist");
    tmux.wait_for_text("Search> assist");
    tmux.wait_until("two or more hits", |s| {
        !s.contains(" 0 services") && !s.contains(" 1 service ")
    });
    tmux.keys(&["Tab"]);
    tmux.wait_for_text("Space basket");
    tmux.keys(&["r"]);
    tmux.wait_for_text("Find:");
    tmux.type_text("gomel");
    tmux.wait_for_text("Find: gomel");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("region: Gomel");
    let before = selected_line(&tmux.settle());
    tmux.keys(&["Down"]);
    tmux.wait_until("the selection to move", |s| selected_line(s) != before);
    tmux.keys(&["Space"]);
    tmux.wait_for_text("basket 1");
    tmux.keys(&["?"]);
    tmux.wait_for_text("Everywhere");
    tmux.keys(&["q"]);
    let screen = tmux.wait_until("help to close", |s| !s.contains("Everywhere"));
    assert!(
        screen.contains("basket 1"),
        "q in help closed help, did not quit:\n{screen}"
    );
    session.quit_with("q");
}

#[test]
fn an_operator_walk_through_with_xterm_256color() {
    walk_through("xterm-256color");
}

#[test]
fn an_operator_walk_through_with_screen() {
    walk_through("screen");
}

/// Sends `signal` to the program running in the pane.
fn kill(tmux: &Tmux, signal: &str) {
    let pid = tmux.child_pid();
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .unwrap();
    assert!(killed.success(), "kill -{signal} {pid}");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let session = Session::start();
        session.open_pathways("xterm-256color");
        session.tmux.type_text("shel");
        session.tmux.wait_for_text("Search> shel");
        kill(&session.tmux, signal);
        session.wait_for_exit();
    }
}

#[test]
fn compose_from_the_basket_copy_and_record() {
    let session = Session::start();
    let tmux = &session.tmux;
    session.open_pathways("xterm-256color");
    copy_a_note_of_the_selected_service(tmux, "C-9");
    tmux.wait_for_buffer("C-9");
    let records = session.sandbox.history();
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(
        records[0].get("case_ref").is_none(),
        "no client code in history by default: {records:?}"
    );
    session.quit_with("q");
}

/// The draft is saved as soon as the composer opens and again on SIGHUP, and reopens for
/// its own service at the next start, not for whatever is selected first.
#[test]
fn the_draft_survives_a_dropped_link() {
    let session = Session::start();
    let tmux = &session.tmux;
    session.open_pathways("xterm-256color");
    let first = selected_line(&tmux.settle());
    tmux.keys(&["Down"]);
    let second = tmux.wait_until("the selection to move", |s| selected_line(s) != first);
    let name = selected_line(&second)
        .split("│> ")
        .nth(1)
        .unwrap_or_default()
        .split(['│', '┃'])
        .next()
        .unwrap_or_default()
        .split("  ")
        .next()
        .unwrap_or_default()
        .trim()
        // A name too long for the row ends with `…`.
        .trim_end_matches('…')
        .to_string();
    assert!(!name.is_empty(), "{second}");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Client code");
    let draft = session.sandbox.data_dir().join("draft.json");
    let saved = wait_for(WAIT, || Some(()).filter(|_| draft.exists()));
    assert!(saved.is_some(), "no draft saved when the composer opened");
    // Gone meanwhile (cleaned up by hand, a failed save): the hang-up saves it again.
    std::fs::remove_file(&draft).unwrap();
    kill(tmux, "HUP");
    session.wait_for_exit();
    assert!(draft.exists(), "the draft was saved on SIGHUP");
    session.open_pathways("xterm-256color");
    tmux.wait_for_text("draft was restored");
    tmux.wait_for_text("basket 1");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Client code");
    let screen = tmux.wait_for_text(&name);
    assert!(screen.contains("Client code"), "{screen}");
}

/// Note files past the history's retention (365 days by default) are purged at start.
#[test]
fn old_note_files_are_purged_at_start() {
    let session = Session::start();
    let notes = session.sandbox.data_dir().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    let old = notes.join("PW-20240101-120000-ABCD.txt");
    let recent = notes.join("PW-20261120-120000-BEEF.txt");
    let pinned: std::time::SystemTime = NOW.parse::<jiff::Timestamp>().unwrap().into();
    for (path, days) in [(&old, 700), (&recent, 3)] {
        std::fs::write(path, "note").unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(pinned - Duration::from_secs(days * 24 * 3600))
            .unwrap();
    }
    session.open_pathways("xterm-256color");
    assert!(!old.exists(), "a note older than keep_days is purged");
    assert!(recent.exists(), "a recent note is kept");
}

/// `e` suspends the TUI for the editor at the service's line; an edit that breaks the file
/// keeps the last good catalogue and says why.
#[test]
fn an_edit_that_breaks_the_catalogue_keeps_the_last_good_one() {
    let session = Session::start();
    let tmux = &session.tmux;
    let home = session.sandbox.root();
    let catalogue = home.join("my.toml");
    std::fs::write(&catalogue, pathways::catalogue::EMBEDDED_CATALOGUE).unwrap();
    let editor = home.join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$1\" > {home}/editor-args\n\
             sed -i 's/^needs = \\[\"shelter\"\\]/needs = [\"no-such-need\"]/' \"$2\"\n",
            home = home.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let settings = format!(
        "EDITOR={} PATHWAYS_CATALOGUE={}",
        editor.display(),
        catalogue.display()
    );
    session.open_pathways_with("xterm-256color", &settings);
    tmux.type_text("accommodation");
    tmux.keys(&["Tab"]);
    tmux.wait_for_text("Space basket");
    tmux.keys(&["e"]);
    let screen = tmux.wait_for_text("kept the last good catalogue");
    assert!(
        screen.contains("Accommodation"),
        "the catalogue still lists it:\n{screen}"
    );
    let args = std::fs::read_to_string(home.join("editor-args")).unwrap();
    assert!(
        args.trim().starts_with('+') && args.trim().len() > 2,
        "editor at a line: {args}"
    );
    session.quit_with("q");
}

#[test]
fn a_paste_is_typed_into_the_query_and_its_newline_is_not_enter() {
    let session = Session::start();
    let tmux = &session.tmux;
    session.open_pathways("xterm-256color");
    tmux.paste("accommodation\n");
    tmux.wait_for_text("Search> accommodation");
    let screen = tmux.settle();
    assert!(
        !screen.contains("Client code"),
        "a pasted newline opened the composer:\n{screen}"
    );
    session.quit_with("C-c");
}

#[test]
fn without_a_terminal_it_exits_2_with_a_hint() {
    let sandbox = Sandbox::new();
    // assert_cmd gives the command a pipe for stdin, and takes its output: no terminal.
    sandbox
        .command()
        .assert()
        .code(2)
        .stderr(predicates::str::contains("pathways search"));
}

#[test]
fn a_dumb_terminal_is_told_to_use_search_and_vt100_and_linux_work() {
    let session = Session::start();
    let tmux = &session.tmux;
    for term in ["dumb", ""] {
        tmux.type_text(&format!(
            "clear; {sandbox} TERM={term} {bin}; echo exit=$?",
            sandbox = session.sandbox.env_words(NOW),
            bin = env!("CARGO_BIN_EXE_pathways"),
        ));
        tmux.keys(&["Enter"]);
        let screen = tmux.wait_for_text("exit=2");
        assert!(
            screen.contains("this terminal cannot show the directory"),
            "TERM={term}:\n{screen}"
        );
    }
    for term in ["vt100", "linux"] {
        session.open_pathways(term);
        session.quit_with("C-c");
    }
}

#[test]
fn a_long_query_keeps_its_end_visible() {
    let session = Session::start();
    let tmux = &session.tmux;
    session.open_pathways("xterm-256color");
    let text = format!("{}tail", "abcdefghi ".repeat(12));
    assert_eq!(text.len(), 124);
    tmux.type_text(&text);
    let screen = tmux.wait_for_text("ghi tail");
    let line = screen.lines().find(|l| l.contains("Search>")).unwrap();
    assert!(
        line.contains("Search> …"),
        "the hidden start is marked: {line}"
    );
    tmux.keys(&["Home"]);
    let screen = tmux.wait_for_text("Search> abcdefghi");
    let line = screen.lines().find(|l| l.contains("Search>")).unwrap();
    assert!(
        line.trim_end().ends_with('…'),
        "the hidden end is marked: {line}"
    );
    session.quit_with("C-c");
}

/// Every service of the default catalogue in the basket, then the composer.
fn compose_for_twelve(session: &Session) {
    let tmux = &session.tmux;
    session.open_pathways("xterm-256color");
    tmux.wait_for_text("12 services");
    tmux.keys(&["Tab"]);
    tmux.wait_for_text("Space basket");
    for n in 1..=12 {
        tmux.keys(&["Space", "Down"]);
        tmux.wait_for_text(&format!("basket {n} "));
    }
    tmux.keys(&["c"]);
    tmux.wait_for_text("Referral to 12 service(s)");
}

#[test]
fn with_twelve_services_every_focused_field_is_on_screen() {
    let session = Session::start();
    let tmux = &session.tmux;
    compose_for_twelve(&session);
    let labels = [
        "Client code",
        "Reason",
        "Priority",
        "Region",
        "Consent",
        "Consent date",
        "Override reason",
        "Age band",
        "Minor",
        "Client languages",
        "Interpreter",
        "Contact channel",
        "Follow-up date",
    ];
    for (i, label) in labels.iter().enumerate() {
        if i > 0 {
            tmux.keys(&["Tab"]);
        }
        // The row counter moves once the form scrolls; the label must be on screen.
        let screen = tmux.wait_until(label, |s| {
            s.lines().any(|l| l.contains(&format!("┃{label}")))
        });
        assert!(screen.contains(label), "{label}:\n{screen}");
    }
    tmux.keys(&["Tab"]);
    tmux.wait_until("back at the top", |s| s.contains("┃Client code"));
    session.quit_with("C-c");
}

#[test]
fn ctrl_l_twice_resets_the_call() {
    let session = Session::start();
    let tmux = &session.tmux;
    session.open_pathways("xterm-256color");
    tmux.type_text("shelter");
    tmux.wait_for_text("Search> shelter");
    tmux.settle(); // the results for the query are listed before Space picks one
    tmux.keys(&["Tab", "Space"]);
    tmux.wait_for_text("basket 1");
    tmux.keys(&["C-l"]);
    tmux.wait_for_text("new call: clear query");
    tmux.keys(&["C-l"]);
    let screen = tmux.wait_for_text("ready for a new call");
    assert!(screen.contains("basket 0"), "{screen}");
    assert!(!screen.contains("Search> shelter"), "{screen}");
    session.quit_with("C-c");
}
