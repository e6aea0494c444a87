//! Copying notes: OSC 52 through the controlling terminal (the only path over SSH), and the
//! local system clipboard when a display exists.
//!
//! Why these rules:
//! - OSC 52 is written to `/dev/tty`, never stdout, so `pathways refer ... --copy | tee`
//!   keeps a clean pipe. The sequence itself comes from crossterm's `osc52` feature.
//! - Plain `ESC ] 52 ; c ; BASE64 ESC \` by default: tmux with `set-clipboard on` forwards
//!   it. Wrapping it in tmux's DCS passthrough is a config option only, because wrapping
//!   whenever `$TMUX` is set breaks users whose tmux already forwards.
//! - Over SSH (`SSH_TTY`/`SSH_CONNECTION`) OSC 52 is the only path: a system clipboard
//!   helper there "succeeds" on the remote machine, not the operator's.
//! - The terminal never confirms an OSC 52 copy, so we say "sent", never "copied"; and some
//!   terminals (kitty and others) silently drop payloads of a few kB, so large notes warn.
//! - On X11 the clipboard's contents belong to a process and vanish when it exits: the
//!   system copy runs in a helper (this binary again, with null stdio) that keeps ownership
//!   until another program takes the clipboard (arboard's wait mode).

use crate::config::ClipboardConfig;
use std::io::{self, Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Above this many bytes of OSC 52 sequence, some terminals drop the copy: we warn.
pub const LARGE_PAYLOAD_BYTES: usize = 8 * 1024;

/// The environment variable that turns this binary into the system clipboard helper.
pub const HELPER_ENV: &str = "PATHWAYS_CLIPBOARD_HELPER";

/// Where the copy may go, from the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Environment {
    /// Inside an SSH session.
    pub ssh: bool,
    /// A local display (X11 or Wayland) is there.
    pub display: bool,
}

/// The paths a copy takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Over SSH, or locally without a display: the terminal's clipboard only.
    Osc52Only,
    /// Locally with a display: the terminal's clipboard and the system clipboard.
    Osc52AndSystem,
}

impl Environment {
    /// Reads `SSH_TTY`, `SSH_CONNECTION`, `DISPLAY` and `WAYLAND_DISPLAY`.
    pub fn detect() -> Environment {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Environment {
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            display: set("DISPLAY") || set("WAYLAND_DISPLAY"),
        }
    }

    /// A build without the `local-clipboard` feature (a server build) has no system path.
    pub fn route(self) -> Route {
        if self.display && !self.ssh && cfg!(feature = "local-clipboard") {
            Route::Osc52AndSystem
        } else {
            Route::Osc52Only
        }
    }
}

/// The bytes that ask the terminal to put `text` on its clipboard: crossterm's OSC 52,
/// wrapped for tmux passthrough only when configured.
pub fn osc52_bytes(text: &str, config: &ClipboardConfig) -> Vec<u8> {
    let mut plain = Vec::with_capacity(text.len() * 4 / 3 + 16);
    // Writing into a Vec cannot fail.
    let _ = crossterm::queue!(
        plain,
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    );
    if config.tmux_passthrough {
        tmux_passthrough(&plain)
    } else {
        plain
    }
}

/// Wraps a sequence in tmux's DCS passthrough: `ESC P tmux;` + the sequence with every ESC
/// doubled + `ESC \`.
pub fn tmux_passthrough(sequence: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(sequence.len() + 16);
    out.extend_from_slice(b"\x1bPtmux;");
    for &byte in sequence {
        if byte == 0x1b {
            out.push(0x1b);
        }
        out.push(byte);
    }
    out.extend_from_slice(b"\x1b\\");
    out
}

/// Something the operator should check after a copy (the words are the caller's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWarning {
    /// The OSC 52 sequence is `bytes` long: some terminals (kitty and others) drop copies
    /// of a few kB.
    Large { bytes: usize },
}

/// The warning for a sequence some terminals will drop, if it is that large.
pub fn size_warning(sequence_len: usize) -> Option<CopyWarning> {
    (sequence_len > LARGE_PAYLOAD_BYTES).then_some(CopyWarning::Large {
        bytes: sequence_len,
    })
}

/// Writes the OSC 52 sequence for `text` to `out` and returns the warnings for it.
pub fn write_osc52(
    out: &mut impl Write,
    text: &str,
    config: &ClipboardConfig,
) -> io::Result<Vec<CopyWarning>> {
    let bytes = osc52_bytes(text, config);
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(size_warning(bytes.len()).into_iter().collect())
}

/// Where a copy went. Nothing here claims the copy arrived: a terminal does not confirm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    /// The OSC 52 sequence was written to the terminal.
    pub osc52: bool,
    /// The system clipboard helper took the text.
    pub system: bool,
    pub warnings: Vec<CopyWarning>,
}

/// Why nothing could be copied.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// No controlling terminal (e.g. `ssh host pathways ...` without `-t`) and no other path;
    /// `system_failed` when the system clipboard was tried too.
    #[error(
        "no terminal to copy through (OSC 52 needs one){}: use 'ssh -t' or write the note with --out FILE",
        if *system_failed { " and the system clipboard is not available" } else { "" }
    )]
    NoTerminal { system_failed: bool },
    #[error("could not write to the terminal: {0}")]
    Write(io::Error),
}

/// Copies `text`: OSC 52 to the controlling terminal, plus the system clipboard locally
/// with a display. Fails only when no path took it.
pub fn copy(text: &str, config: &ClipboardConfig, env: Environment) -> Result<Copied, CopyError> {
    let mut copied = Copied::default();
    let mut osc_error = None;
    // No controlling terminal (ENXIO) is not an error yet: another path may take the text.
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        match write_osc52(&mut tty, text, config) {
            Ok(warnings) => {
                copied.osc52 = true;
                copied.warnings = warnings;
            }
            Err(error) => osc_error = Some(error),
        }
    }
    let system_tried = env.route() == Route::Osc52AndSystem;
    if system_tried {
        copied.system = system_copy(text).is_ok();
    }
    match (copied.osc52 || copied.system, osc_error) {
        (true, _) => Ok(copied),
        (false, Some(error)) => Err(CopyError::Write(error)),
        (false, None) => Err(CopyError::NoTerminal {
            system_failed: system_tried,
        }),
    }
}

/// Hands `text` to a helper process (this binary with [`HELPER_ENV`] set, null stdout and
/// stderr) that owns the system clipboard until another program takes it. A helper that
/// fails within a short grace period counts as a failed copy.
pub fn system_copy(text: &str) -> io::Result<()> {
    let exe = std::env::current_exe()?;
    // Its own process group: closing the terminal window (SIGHUP to the foreground group)
    // must not take the clipboard's contents with it.
    let mut child = Command::new(exe)
        .process_group(0)
        .env(HELPER_ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(300) {
        if let Some(status) = child.try_wait()? {
            return if status.success() {
                Ok(())
            } else {
                Err(io::Error::other("the system clipboard is not available"))
            };
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

/// When this process was started as the clipboard helper: reads the text from stdin, owns
/// the system clipboard until another program takes it, and returns the exit code.
/// `main` calls this first; it returns `None` in every ordinary run.
pub fn run_helper_if_asked() -> Option<std::process::ExitCode> {
    std::env::var_os(HELPER_ENV)?;
    let mut text = String::new();
    if io::stdin().read_to_string(&mut text).is_err() {
        return Some(std::process::ExitCode::FAILURE);
    }
    Some(match hold_system_clipboard(&text) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(_) => std::process::ExitCode::FAILURE,
    })
}

#[cfg(all(feature = "local-clipboard", target_os = "linux"))]
fn hold_system_clipboard(text: &str) -> Result<(), arboard::Error> {
    use arboard::SetExtLinux;
    arboard::Clipboard::new()?
        .set()
        .wait()
        .text(text.to_owned())
}

#[cfg(all(feature = "local-clipboard", not(target_os = "linux")))]
fn hold_system_clipboard(text: &str) -> Result<(), arboard::Error> {
    arboard::Clipboard::new()?.set_text(text.to_owned())
}

/// A server build (`--no-default-features`) has no system clipboard to hold.
#[cfg(not(feature = "local-clipboard"))]
fn hold_system_clipboard(_text: &str) -> Result<(), io::Error> {
    Err(io::Error::other(
        "built without the local-clipboard feature",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn plain_osc52_by_default() {
        let mut out = Vec::new();
        let warnings = write_osc52(&mut out, "héllo", &ClipboardConfig::default()).unwrap();
        let expected = format!(
            "\x1b]52;c;{}\x1b\\",
            base64::engine::general_purpose::STANDARD.encode("héllo")
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        assert!(warnings.is_empty());
    }

    #[test]
    fn wrapped_for_tmux_only_when_configured() {
        let config = ClipboardConfig {
            tmux_passthrough: true,
        };
        let bytes = osc52_bytes("hi", &config);
        assert_eq!(
            bytes,
            b"\x1bPtmux;\x1b\x1b]52;c;aGk=\x1b\x1b\\\x1b\\".to_vec()
        );
    }

    #[test]
    fn warns_about_large_payloads() {
        let mut out = Vec::new();
        let big = "x".repeat(7 * 1024);
        let warnings = write_osc52(&mut out, &big, &ClipboardConfig::default()).unwrap();
        let sequence = osc52_bytes(&big, &ClipboardConfig::default()).len();
        assert_eq!(warnings, [CopyWarning::Large { bytes: sequence }]);
        let mut out = Vec::new();
        let small = "x".repeat(1024);
        assert!(
            write_osc52(&mut out, &small, &ClipboardConfig::default())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn ssh_means_osc52_only() {
        let route = |ssh, display| Environment { ssh, display }.route();
        assert_eq!(route(true, true), Route::Osc52Only);
        assert_eq!(route(true, false), Route::Osc52Only);
        assert_eq!(route(false, false), Route::Osc52Only);
        let local_display = if cfg!(feature = "local-clipboard") {
            Route::Osc52AndSystem
        } else {
            Route::Osc52Only
        };
        assert_eq!(route(false, true), local_display);
    }
}
