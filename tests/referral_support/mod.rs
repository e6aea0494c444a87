//! Shared helpers of the referral, history and SSH tests: run the real binary in a sandbox
//! (its own data directory, no config, the clock pinned), never touching the real home.
#![allow(dead_code)]

pub mod tmux;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The moment every test pins with `PATHWAYS_NOW` unless it says otherwise.
pub const NOW: &str = "2026-11-23T14:05:00+03:00";

/// The fixture catalogue with every field a note can carry.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/catalogue.toml")
}

/// A temporary home for one test: data, config and HOME all inside it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// A sandbox with an empty config file (all defaults); see [`Sandbox::write_config`].
    pub fn new() -> Sandbox {
        let sandbox = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        sandbox.write_config("");
        sandbox
    }

    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// Replaces the config every command of this sandbox reads.
    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_file(), text).unwrap();
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data/pathways")
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
        let mut bytes = std::fs::read(self.history_file()).unwrap_or_default();
        let mut wal = self.history_file().into_os_string();
        wal.push("-wal");
        bytes.extend(std::fs::read(wal).unwrap_or_default());
        bytes
    }

    /// `pathways` with the sandbox environment and the clock pinned at `now`.
    pub fn command_at(&self, now: &str) -> Command {
        let mut cmd = Command::cargo_bin("pathways").unwrap();
        self.apply(&mut cmd, now);
        cmd
    }

    /// `pathways` pinned at [`NOW`] on the fixture catalogue.
    pub fn pathways(&self) -> Command {
        let mut cmd = self.command_at(NOW);
        cmd.arg("--catalogue").arg(fixture());
        cmd
    }

    pub fn apply(&self, cmd: &mut Command, now: &str) {
        let mut plain = std::process::Command::new("pathways");
        self.apply_std(&mut plain, now);
        for (name, value) in plain.get_envs() {
            match value {
                Some(value) => cmd.env(name, value),
                None => cmd.env_remove(name),
            };
        }
    }

    /// The sandbox environment on a plain `std::process::Command` (one to spawn and kill).
    pub fn apply_std(&self, cmd: &mut std::process::Command, now: &str) {
        let root = self.dir.path();
        cmd.env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("HOME", root)
            .env("PATHWAYS_CONFIG", self.config_file())
            .env("PATHWAYS_NOW", now)
            .env_remove("PATHWAYS_CATALOGUE")
            .env_remove("SSH_TTY")
            .env_remove("SSH_CONNECTION")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("TMUX");
    }

    /// The sandbox environment as `env NAME=VALUE ...` words for a shell command line (for
    /// commands run inside tmux or over SSH, which do not inherit ours).
    pub fn env_words(&self, now: &str) -> String {
        let root = self.dir.path().display();
        format!(
            "env -u DISPLAY -u WAYLAND_DISPLAY XDG_DATA_HOME={root}/data \
             XDG_CONFIG_HOME={root}/config HOME={root} PATHWAYS_CONFIG={root}/config.toml \
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
