//! The one harness every integration test shares (`mod support;` at the top of a test file):
//! the real binary in a sandbox of its own (home, XDG directories and config inside a temp
//! dir, the clock pinned, no display, SSH or tmux variables from the developer's session),
//! the fixture catalogues in `tests/fixtures/`, golden files in `tests/golden/`; in
//! [`screen`], the directory driven through `update` and drawn into a `TestBackend`; and in
//! [`tmux`], one driver for tests in a real terminal.
//!
//! Each test binary uses part of it, so unused items are expected here.
#![allow(dead_code)]

pub mod screen;
pub mod tmux;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The moment every test pins with `PATHWAYS_NOW` unless it says otherwise.
pub const NOW: &str = "2026-11-23T14:05:00+03:00";

/// Every byte an SQLite database at `path` holds on disk (the file and its write-ahead
/// log): to show that a piece of data is nowhere in it.
pub fn db_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap_or_default();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(wal).unwrap_or_default());
    bytes
}

/// The smallest valid catalogue (one need, the region `by` with `gomel` below it, one
/// organisation `org`, one service `svc`); the catalogue tests break one line of it at a
/// time, so its line numbers are part of their expectations.
pub const SMALL: &str = include_str!("../fixtures/small.toml");

/// Appended to [`SMALL`] by [`broken_catalogue`]: a service with an unknown organisation
/// (`orgg`, line 37 column 16) and a misspelt key (`eligibilty`, line 40).
const BROKEN_SERVICE: &str = r#"
[[services]]
id = "bad"
name = "Bad"
organisation = "orgg"
needs = ["shelter"]
regions = ["by"]
eligibilty = "typo"
verified = 2026-11-01
"#;

/// [`SMALL`] plus one service with two errors: it loads, degraded, with `svc` usable and
/// `bad` left out.
pub fn broken_catalogue() -> String {
    format!("{SMALL}{BROKEN_SERVICE}")
}

/// `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The fictional catalogue with every field a note can carry, private phones and contacts
/// that must never reach a note, and escape sequences in its text.
pub fn referral_catalogue() -> PathBuf {
    fixture("referral.toml")
}

/// A temporary home for one test: HOME, the XDG data, config and cache directories all
/// inside it, so a command never reads or writes the developer's files.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// An empty sandbox: no config file (all defaults) until [`Sandbox::write_config`].
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The config file at its default place (`$XDG_CONFIG_HOME/pathways/config.toml`).
    pub fn config_file(&self) -> PathBuf {
        self.root().join("config/pathways/config.toml")
    }

    /// Writes the config every command of this sandbox reads.
    pub fn write_config(&self, text: &str) {
        let file = self.config_file();
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    /// The sandbox's system config (`PATHWAYS_SYSTEM_CONFIG`), absent until written: the
    /// host's `/etc/pathways/config.toml` is never read by a test.
    pub fn system_config_file(&self) -> PathBuf {
        self.root().join("etc/pathways/config.toml")
    }

    /// Writes the system config every command of this sandbox reads under the user's.
    pub fn write_system_config(&self, text: &str) {
        let file = self.system_config_file();
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root().join("data/pathways")
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root().join("cache/pathways")
    }

    /// The referral log (an SQLite database).
    pub fn history_file(&self) -> PathBuf {
        self.data_dir().join("referrals.db")
    }

    /// The old history file, moved into the log on first use.
    pub fn jsonl_file(&self) -> PathBuf {
        self.data_dir().join("history.jsonl")
    }

    /// Every byte the log holds on disk (database and write-ahead log), to show that a
    /// piece of client data is nowhere in it.
    pub fn log_bytes(&self) -> Vec<u8> {
        db_bytes(&self.history_file())
    }

    /// `pathways` in the sandbox with the clock pinned at `now`, on the catalogue the
    /// command line chooses (the embedded one unless told).
    pub fn command_at(&self, now: &str) -> Command {
        let mut cmd = Command::cargo_bin("pathways").unwrap();
        self.apply(&mut cmd, now);
        cmd
    }

    /// `pathways` in the sandbox at [`NOW`], on the embedded catalogue.
    pub fn command(&self) -> Command {
        self.command_at(NOW)
    }

    /// `pathways` in the sandbox at [`NOW`] on the [`referral_catalogue`].
    pub fn pathways(&self) -> Command {
        let mut cmd = self.command();
        cmd.arg("--catalogue").arg(referral_catalogue());
        cmd
    }

    /// `pathways refer --consent verbal ARGS…` as [`Sandbox::pathways`] runs it.
    pub fn refer(&self, args: &[&str]) -> Command {
        let mut cmd = self.pathways();
        cmd.args(["refer", "--consent", "verbal"]).args(args);
        cmd
    }

    /// Gives `cmd` the sandbox environment and nothing else but `PATH`: no display, SSH,
    /// tmux or `PATHWAYS_*` variable of the session running the tests.
    pub fn apply(&self, cmd: &mut Command, now: &str) {
        cmd.env_clear().envs(self.environment(now));
    }

    /// [`Sandbox::apply`] for a plain `std::process::Command` (one to spawn and kill).
    pub fn apply_std(&self, cmd: &mut std::process::Command, now: &str) {
        cmd.env_clear().envs(self.environment(now));
    }

    fn environment(&self, now: &str) -> Vec<(&'static str, std::ffi::OsString)> {
        let root = self.root();
        vec![
            ("PATH", std::env::var_os("PATH").unwrap_or_default()),
            ("HOME", root.into()),
            ("XDG_CONFIG_HOME", root.join("config").into()),
            ("XDG_DATA_HOME", root.join("data").into()),
            ("XDG_CACHE_HOME", root.join("cache").into()),
            ("PATHWAYS_SYSTEM_CONFIG", self.system_config_file().into()),
            ("PATHWAYS_NOW", now.into()),
        ]
    }

    /// The sandbox environment as `env -u … NAME=VALUE …` words that start a shell command
    /// line (for commands run inside tmux or over SSH, which do not inherit ours). It
    /// removes the display and language variables (English, as for every other test) but
    /// keeps the terminal's (`TERM`, and `SSH_*` over
    /// SSH): those tests are about the terminal.
    pub fn env_words(&self, now: &str) -> String {
        let root = self.root().display();
        format!(
            "env -u DISPLAY -u WAYLAND_DISPLAY -u PATHWAYS_CATALOGUE -u PATHWAYS_CONFIG -u PATHWAYS_OPERATOR \
             -u PATHWAYS_UI_LANG -u LC_ALL -u LC_MESSAGES -u LANG \
             HOME={root} XDG_CONFIG_HOME={root}/config XDG_DATA_HOME={root}/data \
             XDG_CACHE_HOME={root}/cache PATHWAYS_SYSTEM_CONFIG={root}/etc/pathways/config.toml \
             PATHWAYS_NOW={now}"
        )
    }

    /// The log's records as JSON values (as `history --json` prints them), read without
    /// the binary so no purge runs; no log is no records.
    pub fn history(&self) -> Vec<serde_json::Value> {
        if !self.history_file().exists() {
            return Vec::new();
        }
        let log = pathways::referral::ReferralLog::open(self.history_file()).unwrap();
        log.records()
            .unwrap()
            .iter()
            .map(|r| serde_json::to_value(r).unwrap())
            .collect()
    }
}

/// Runs `cmd`, expects exit 0, and returns its stdout as text.
pub fn stdout(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs `cmd`, expects exit 0, and parses its stdout as JSON.
pub fn json(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout(cmd)).expect("JSON on stdout")
}

/// Replaces the random suffix of note references (`PW-YYYYMMDD-HHMMSS-XXXX`) so output
/// can be compared with a golden file.
pub fn normalise_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("PW-") {
        let candidate = rest.get(start..start + 23).unwrap_or("");
        out.push_str(&rest[..start]);
        if pathways::referral::is_note_ref(candidate) {
            out.push_str(&candidate[..19]);
            out.push_str("XXXX");
            rest = &rest[start + 23..];
        } else {
            out.push_str("PW-");
            rest = &rest[start + 3..];
        }
    }
    out.push_str(rest);
    out
}

/// Compares `actual` with `tests/golden/NAME`; with `UPDATE_GOLDEN=1` rewrites the file.
pub fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        panic!(
            "{name} differs from the golden file (UPDATE_GOLDEN=1 to accept)\n--- expected\n{expected}\n--- actual\n{actual}"
        );
    }
}
