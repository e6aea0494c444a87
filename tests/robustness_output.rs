//! Issue 16, "output errors panic": every command writes through one output function. With
//! stdout on `/dev/full` each exits 3 with `pathways: cannot write output: …` (no panic, no
//! silent loss); with stdout on a pipe nobody reads each ends quietly with exit 0, except
//! `refer`, whose note did not arrive: exit 3 and nothing recorded.

mod support;

use std::process::Stdio;
use support::Sandbox;

/// Every command that prints on stdout, with arguments that make it print something.
const COMMANDS: &[&[&str]] = &[
    &["search", "shelter"],
    &["search", "shelter", "--json"],
    &["show", "full-shelter"],
    &["show", "full-shelter", "--json"],
    &["check"],
    &["check", "--json"],
    &["needs"],
    &["needs", "--json"],
    &["regions"],
    &["regions", "--json"],
    &["history"],
    &["history", "--json"],
    &["history", "--check"],
    &["keys"],
    &["stats"],
    &["stats", "--csv"],
    &["config", "path"],
    &["config", "show"],
    &["default-catalogue"],
    &["completions", "bash"],
    &["man"],
];

/// `pathways ARGS` in the sandbox on the fixture catalogue, as a plain process whose stdout
/// the test chooses (assert_cmd always captures it).
fn run(sandbox: &Sandbox, args: &[&str], stdout: Stdio) -> std::process::Output {
    let root = sandbox.dir.path();
    std::process::Command::new(assert_cmd::cargo::cargo_bin("pathways"))
        .arg("--catalogue")
        .arg(support::referral_catalogue())
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_CACHE_HOME", root.join("cache"))
        .env("PATHWAYS_NOW", support::NOW)
        .stdout(stdout)
        .output()
        .unwrap()
}

/// A sandbox with one referral in its history, so `history` and `stats` have lines to print.
fn sandbox_with_history() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .pathways()
        .args(["refer", "full-shelter", "--consent", "verbal"])
        .assert()
        .success();
    sandbox
}

#[test]
fn every_command_on_a_full_disk_exits_3_without_a_panic() {
    let sandbox = sandbox_with_history();
    for args in COMMANDS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = run(&sandbox, args, Stdio::from(full));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{args:?}: {stderr}");
        assert!(
            stderr.contains("pathways: cannot write output: No space left on device"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn every_command_into_a_closed_pipe_ends_quietly_with_0() {
    let sandbox = sandbox_with_history();
    for args in COMMANDS {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = run(&sandbox, args, Stdio::from(writer));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("cannot write"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_note_that_did_not_arrive_is_exit_3_and_not_recorded() {
    let sandbox = Sandbox::new();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let (reader, closed) = std::io::pipe().unwrap();
    drop(reader);
    for stdout in [Stdio::from(full), Stdio::from(closed)] {
        let output = run(
            &sandbox,
            &["refer", "full-shelter", "--consent", "verbal"],
            stdout,
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{stderr}");
        assert!(
            stderr.contains("pathways: cannot write output:"),
            "{stderr}"
        );
        assert!(stderr.contains("not recorded"), "{stderr}");
    }
    sandbox
        .pathways()
        .arg("history")
        .assert()
        .code(1)
        .stdout("");
}
