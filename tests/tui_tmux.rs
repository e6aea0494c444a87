//! End to end: the built binary in a real terminal (tmux, 80x24), driven by keys, read
//! back with `capture-pane`; and the terminal must be back in cooked mode after a normal
//! quit, SIGTERM and SIGHUP.
//!
//! Prerequisite: tmux. Without it these tests fail and say to install it.

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pathways");
const NOW: &str = "2026-11-23T12:00:00+03:00";
const WAIT: Duration = Duration::from_secs(15);

static SESSIONS: AtomicUsize = AtomicUsize::new(0);

/// A private tmux server (its own socket) with one 80x24 pane running `sh`.
struct Tmux {
    socket: String,
    home: tempfile::TempDir,
}

impl Tmux {
    fn start() -> Tmux {
        let present = Command::new("tmux").arg("-V").output();
        assert!(
            present.is_ok_and(|o| o.status.success()),
            "these end-to-end tests need tmux: install it (e.g. 'apt-get install tmux')"
        );
        let home = tempfile::tempdir().expect("a temporary home");
        let socket = format!(
            "pathways-test-{}-{}",
            std::process::id(),
            SESSIONS.fetch_add(1, Ordering::SeqCst)
        );
        let shell = format!(
            "env -i PATH={} HOME={} PS1='$ ' sh",
            std::env::var("PATH").unwrap_or_default(),
            home.path().display()
        );
        let tmux = Tmux { socket, home };
        let out = tmux.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "80",
            "-y",
            "24",
            &shell,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        tmux.wait_until("the shell prompt", |s| s.trim_end().ends_with('$'));
        tmux
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Sends tmux key names (`Enter`, `Tab`, `Down`, `Space`, `C-c`, ...).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success());
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Polls the screen until `needle` appears; fails with the screen after a timeout.
    fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |screen| screen.contains(needle))
    }

    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {what:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen stops changing (results of a search have arrived).
    fn settle(&self) -> String {
        let mut last = self.screen();
        let start = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let now = self.screen();
            if now == last || start.elapsed() > WAIT {
                return now;
            }
            last = now;
        }
    }

    /// Starts the TUI in the pane on the embedded catalogue, with a private home.
    fn open_pathways(&self, term: &str) {
        self.open_pathways_with(term, "");
    }

    /// Starts the TUI with extra `NAME=value` environment settings (e.g. `EDITOR=...`).
    fn open_pathways_with(&self, term: &str, env: &str) {
        let home = self.home.path().display();
        self.type_text(&format!(
            "clear; cd {home}; env TERM={term} PATHWAYS_NOW={NOW} XDG_CONFIG_HOME={home}/config \
             XDG_DATA_HOME={home}/data {env} {BIN}"
        ));
        self.keys(&["Enter"]);
        self.wait_for("Search>");
        self.wait_for(" basket ");
    }

    /// The process running in the pane under the shell (the TUI).
    fn child_pid(&self) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let children = Command::new("ps")
            .args(["-o", "pid=", "--ppid", &shell])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&children.stdout).trim().to_string();
        assert!(!pid.is_empty(), "no process under the pane's shell {shell}");
        pid
    }

    /// Pastes text as a terminal would: bracketed when the program in the pane asked for it.
    fn paste(&self, text: &str) {
        assert!(self.tmux(&["set-buffer", "--", text]).status.success());
        assert!(
            self.tmux(&["paste-buffer", "-p", "-t", "t"])
                .status
                .success()
        );
    }

    /// Asserts the pane's terminal is back in cooked mode with echo, via `stty -a`, and that
    /// bracketed paste is off again (else the shell would see `ESC[200~` around a paste).
    fn assert_cooked(&self) {
        self.paste("clear; echo PASTED-$((20+1))");
        self.keys(&["Enter"]);
        let screen = self.wait_for("PASTED-21");
        assert!(
            !screen.contains("200~"),
            "bracketed paste left on:\n{screen}"
        );
        self.type_text("clear; stty -a; echo STTY-$((40+2))");
        self.keys(&["Enter"]);
        let screen = self.wait_for("STTY-42");
        let flags: Vec<&str> = screen
            .split(|c: char| c.is_whitespace() || c == ';')
            .collect();
        for flag in ["icanon", "echo"] {
            assert!(
                flags.contains(&flag),
                "'{flag}' not set after exit:\n{screen}"
            );
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // kill-server leaves the socket file behind: remove it too.
        let socket = self.tmux(&["display-message", "-p", "#{socket_path}"]);
        let _ = self.tmux(&["kill-server"]);
        let path = String::from_utf8_lossy(&socket.stdout).trim().to_string();
        if !path.is_empty() {
            let _ = std::fs::remove_file(path);
        }
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
    let tmux = Tmux::start();
    tmux.open_pathways(term);
    tmux.type_text("assist");
    tmux.wait_for("Search> assist");
    tmux.wait_until("two or more hits", |s| {
        !s.contains(" 0 services") && !s.contains(" 1 service ")
    });
    tmux.keys(&["Tab"]);
    tmux.wait_for("Space basket");
    tmux.keys(&["r"]);
    tmux.wait_for("Find:");
    tmux.type_text("gomel");
    tmux.wait_for("Find: gomel");
    tmux.keys(&["Enter"]);
    tmux.wait_for("region: Gomel");
    let before = selected_line(&tmux.settle());
    tmux.keys(&["Down"]);
    tmux.wait_until("the selection to move", |s| selected_line(s) != before);
    tmux.keys(&["Space"]);
    tmux.wait_for("basket 1");
    tmux.keys(&["?"]);
    tmux.wait_for("Everywhere");
    tmux.keys(&["q"]);
    let screen = tmux.wait_until("help to close", |s| !s.contains("Everywhere"));
    assert!(
        screen.contains("basket 1"),
        "q in help closed help, did not quit:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_until("the shell prompt", |s| !s.contains("Search>"));
    tmux.assert_cooked();
}

#[test]
fn an_operator_walk_through_with_xterm_256color() {
    walk_through("xterm-256color");
}

#[test]
fn an_operator_walk_through_with_screen() {
    walk_through("screen");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let tmux = Tmux::start();
        tmux.open_pathways("xterm-256color");
        tmux.type_text("shel");
        tmux.wait_for("Search> shel");
        let pid = tmux.child_pid();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        tmux.wait_until("the shell prompt", |s| !s.contains("Search>"));
        tmux.assert_cooked();
    }
}

#[test]
fn compose_from_the_basket_copy_and_record() {
    let tmux = Tmux::start();
    assert!(
        tmux.tmux(&["set-option", "-g", "set-clipboard", "on"])
            .status
            .success()
    );
    tmux.open_pathways("xterm-256color");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Space basket");
    tmux.keys(&["Space"]);
    tmux.wait_for("basket 1");
    tmux.keys(&["c"]);
    tmux.wait_for("Client code");
    tmux.type_text("C-9");
    tmux.keys(&["Tab", "Tab", "Tab"]);
    tmux.wait_for("consent needed");
    tmux.keys(&["Right"]);
    tmux.wait_until("consent recorded", |s| !s.contains("consent needed"));
    tmux.keys(&["C-y"]);
    tmux.wait_for("sent to the terminal");
    let buffer = tmux.tmux(&["show-buffer"]);
    let note = String::from_utf8_lossy(&buffer.stdout);
    assert!(
        note.contains("C-9"),
        "the note reached tmux's buffer: {note}"
    );
    let log = tmux.home.path().join("data/pathways/referrals.db");
    let records = pathways::referral::ReferralLog::open(&log)
        .and_then(|log| log.records())
        .expect("history written");
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(
        records[0].case_ref, None,
        "no client code in history by default"
    );
    tmux.keys(&["q"]);
    tmux.wait_until("the shell prompt", |s| !s.contains("Search>"));
    tmux.assert_cooked();
}

/// The draft is saved as soon as the composer opens and again on SIGHUP, and reopens for
/// its own service at the next start, not for whatever is selected first.
#[test]
fn the_draft_survives_a_dropped_link() {
    let tmux = Tmux::start();
    tmux.open_pathways("xterm-256color");
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
        .to_string();
    assert!(!name.is_empty(), "{second}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Client code");
    let draft = tmux.home.path().join("data/pathways/draft.json");
    let start = Instant::now();
    while !draft.exists() {
        assert!(
            start.elapsed() < WAIT,
            "no draft saved when the composer opened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Gone meanwhile (cleaned up by hand, a failed save): the hang-up saves it again.
    std::fs::remove_file(&draft).unwrap();
    let pid = tmux.child_pid();
    assert!(
        Command::new("kill")
            .args(["-HUP", &pid])
            .status()
            .unwrap()
            .success()
    );
    tmux.wait_until("the shell prompt", |s| !s.contains("Search>"));
    assert!(draft.exists(), "the draft was saved on SIGHUP");
    tmux.assert_cooked();
    tmux.open_pathways("xterm-256color");
    tmux.wait_for("draft was restored");
    tmux.wait_for("basket 1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Client code");
    let screen = tmux.wait_for(&name);
    assert!(screen.contains("Client code"), "{screen}");
}

/// Note files past the history's retention (365 days by default) are purged at start.
#[test]
fn old_note_files_are_purged_at_start() {
    let tmux = Tmux::start();
    let notes = tmux.home.path().join("data/pathways/notes");
    std::fs::create_dir_all(&notes).unwrap();
    let old = notes.join("PW-20240101-120000-ABCD.txt");
    let recent = notes.join("PW-20261120-120000-BEEF.txt");
    for (path, days) in [(&old, 700), (&recent, 3)] {
        std::fs::write(path, "note").unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        let pinned: std::time::SystemTime = NOW.parse::<jiff::Timestamp>().unwrap().into();
        file.set_modified(pinned - Duration::from_secs(days * 24 * 3600))
            .unwrap();
    }
    tmux.open_pathways("xterm-256color");
    assert!(!old.exists(), "a note older than keep_days is purged");
    assert!(recent.exists(), "a recent note is kept");
}

/// `e` suspends the TUI for the editor at the service's line; an edit that breaks the file
/// keeps the last good catalogue and says why.
#[test]
fn an_edit_that_breaks_the_catalogue_keeps_the_last_good_one() {
    let tmux = Tmux::start();
    let home = tmux.home.path();
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
    let make_executable = Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    assert!(make_executable.success());
    let settings = format!(
        "EDITOR={} PATHWAYS_CATALOGUE={}",
        editor.display(),
        catalogue.display()
    );
    tmux.open_pathways_with("xterm-256color", &settings);
    tmux.type_text("accommodation");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Space basket");
    tmux.keys(&["e"]);
    let screen = tmux.wait_for("kept the last good catalogue");
    assert!(
        screen.contains("Accommodation"),
        "the catalogue still lists it:\n{screen}"
    );
    let args = std::fs::read_to_string(home.join("editor-args")).unwrap();
    assert!(
        args.trim().starts_with('+') && args.trim().len() > 2,
        "editor at a line: {args}"
    );
    tmux.keys(&["q"]);
    tmux.wait_until("the shell prompt", |s| !s.contains("Search>"));
    tmux.assert_cooked();
}

#[test]
fn a_paste_is_typed_into_the_query_and_its_newline_is_not_enter() {
    let tmux = Tmux::start();
    tmux.open_pathways("xterm-256color");
    tmux.paste("accommodation\n");
    tmux.wait_for("Search> accommodation");
    let screen = tmux.settle();
    assert!(
        !screen.contains("Client code"),
        "a pasted newline opened the composer:\n{screen}"
    );
    tmux.keys(&["C-c"]);
    tmux.wait_until("the shell prompt", |s| !s.contains("Search>"));
    tmux.assert_cooked();
}

#[test]
fn without_a_terminal_it_exits_2_with_a_hint() {
    let out = Command::new(BIN)
        .env("PATHWAYS_NOW", NOW)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("pathways search"), "{stderr}");
}
