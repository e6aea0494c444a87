//! One driver for end-to-end tests in a real terminal: a private tmux server (its own
//! socket, `set-clipboard on` so OSC 52 copies land in its paste buffers) with one pane of a
//! chosen size, driven by keys and read back with `capture-pane`; killed when dropped.
//!
//! Prerequisite: tmux. Without it a test fails saying so (`.ci/run` installs it).

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a wait lasts before the test fails with the screen.
pub const WAIT: Duration = Duration::from_secs(20);

/// The size of a pane, in columns and rows.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub columns: u16,
    pub rows: u16,
}

impl Size {
    /// What operators use, and what the directory is designed for.
    pub const OPERATOR: Size = Size {
        columns: 80,
        rows: 24,
    };
}

static SERVERS: AtomicUsize = AtomicUsize::new(0);

/// A private tmux server with one session, `t`, of one pane.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts a server whose pane runs `command` through `sh -c`. The tmux config is
    /// written into `dir`.
    pub fn start(dir: &Path, size: Size, command: &str) -> Tmux {
        let present = Command::new("tmux").arg("-V").output();
        assert!(
            present.is_ok_and(|o| o.status.success()),
            "this test needs tmux: install it (e.g. 'apt-get install tmux')"
        );
        let config = dir.join("tmux.conf");
        std::fs::write(
            &config,
            "set -g set-clipboard on\nset -g history-limit 5000\n",
        )
        .unwrap();
        let tmux = Tmux {
            socket: format!(
                "pathways-test-{}-{}",
                std::process::id(),
                SERVERS.fetch_add(1, Ordering::SeqCst)
            ),
        };
        let (columns, rows) = (size.columns.to_string(), size.rows.to_string());
        let started = Command::new("tmux")
            .args(["-L", &tmux.socket, "-f"])
            .arg(&config)
            .args(["new-session", "-d", "-s", "t", "-x", &columns, "-y", &rows])
            .args(["sh", "-c", command])
            .env_remove("TMUX")
            .output()
            .unwrap();
        assert!(started.status.success(), "tmux new-session: {started:?}");
        tmux
    }

    /// Starts a server whose pane runs an interactive shell with a clean environment
    /// (`PATH`, and `HOME` set to `home`), prompt `$ `, and waits for the prompt.
    pub fn shell(home: &Path, size: Size) -> Tmux {
        let shell = format!(
            "exec env -i PATH={} HOME={} PS1='$ ' sh",
            std::env::var("PATH").unwrap_or_default(),
            home.display()
        );
        let tmux = Tmux::start(home, size, &shell);
        tmux.wait_for_prompt();
        tmux
    }

    /// Runs a tmux command on this server.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Sends keys as tmux names them (`Enter`, `Tab`, `C-y`, `Right`, `Space`, ...).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        let sent = self.run(&args);
        assert!(sent.status.success(), "tmux send-keys {keys:?}: {sent:?}");
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    /// Pastes text as a terminal would: bracketed when the program in the pane asked for it.
    pub fn paste(&self, text: &str) {
        assert!(self.run(&["set-buffer", "--", text]).status.success());
        assert!(
            self.run(&["paste-buffer", "-p", "-t", "t"])
                .status
                .success()
        );
    }

    /// What the pane shows.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// The newest paste buffer (where an OSC 52 copy lands), if any.
    pub fn buffer(&self) -> Option<String> {
        let output = self.run(&["show-buffer"]);
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Waits until the newest paste buffer holds `text`, and returns it.
    pub fn wait_for_buffer(&self, text: &str) -> String {
        wait_for(WAIT, || self.buffer().filter(|b| b.contains(text)))
            .unwrap_or_else(|| panic!("no paste buffer with {text:?}: {:?}", self.buffer()))
    }

    /// Waits until the pane shows `text`, and returns the screen.
    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_until(text, |screen| screen.contains(text))
    }

    /// Waits until the screen satisfies `done` (described by `what` in the failure).
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let screen = wait_for(WAIT, || Some(self.screen()).filter(|s| done(s)));
        screen.unwrap_or_else(|| {
            panic!(
                "timed out waiting for {what:?}; the screen:\n{}",
                self.screen()
            )
        })
    }

    /// Waits for the shell's prompt on the last line.
    pub fn wait_for_prompt(&self) -> String {
        self.wait_until("the shell prompt", |s| s.trim_end().ends_with('$'))
    }

    /// Waits until the screen stops changing (the results of a search have arrived).
    pub fn settle(&self) -> String {
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

    /// The process the pane's shell is running (the program under test).
    pub fn child_pid(&self) -> String {
        let out = self.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let children = Command::new("ps")
            .args(["-o", "pid=", "--ppid", &shell])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&children.stdout).trim().to_string();
        assert!(!pid.is_empty(), "no process under the pane's shell {shell}");
        pid
    }

    /// In a [`Tmux::shell`] pane: asserts the terminal is back in cooked mode (line editing,
    /// echo, signals) and that bracketed paste is off again (else the shell would see
    /// `ESC[200~` around a paste).
    pub fn assert_cooked(&self) {
        self.paste("clear; echo PASTED-$((20+1))");
        self.keys(&["Enter"]);
        let screen = self.wait_for_text("PASTED-21");
        assert!(
            !screen.contains("200~"),
            "bracketed paste left on:\n{screen}"
        );
        self.type_text("clear; stty -a; echo STTY-$((40+2))");
        self.keys(&["Enter"]);
        assert_sane_stty(&self.wait_for_text("STTY-42"));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // kill-server leaves the socket file behind: remove it too.
        let socket = self.run(&["display-message", "-p", "#{socket_path}"]);
        let _ = self.run(&["kill-server"]);
        let path = String::from_utf8_lossy(&socket.stdout).trim().to_string();
        if !path.is_empty() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The operator's way from the directory's list to a note on the clipboard, as far as the
/// message that it was sent: the selected service into the basket, the composer, a client
/// code, consent recorded as verbal, Ctrl-y.
pub fn copy_a_note_of_the_selected_service(tmux: &Tmux, client_code: &str) {
    tmux.keys(&["Tab"]);
    tmux.wait_for_text("Space basket");
    tmux.keys(&["Space"]);
    tmux.wait_for_text("basket 1");
    tmux.keys(&["c"]);
    tmux.wait_for_text("Client code");
    tmux.type_text(client_code);
    // Client code, reason, priority, region, then consent: Right records it as verbal.
    tmux.keys(&["Tab", "Tab", "Tab", "Tab"]);
    tmux.wait_for_text("consent needed");
    tmux.keys(&["Right"]);
    tmux.wait_until("consent recorded", |s| !s.contains("consent needed"));
    tmux.keys(&["C-y"]);
    tmux.wait_for_text("sent to the terminal");
}

/// Asserts that `stty -a` output shows a terminal fit for a shell again: line editing,
/// echo and signals on.
pub fn assert_sane_stty(stty: &str) {
    let flags: Vec<&str> = stty
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    for flag in ["icanon", "echo", "isig"] {
        assert!(flags.contains(&flag), "'{flag}' not set:\n{stty}");
    }
}

/// Polls `check` until it returns `Some`, up to `limit`.
pub fn wait_for<T>(limit: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let started = Instant::now();
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if started.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
