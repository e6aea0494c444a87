//! Entering and leaving the full-screen terminal, and making sure we always leave it:
//! normal quit, panic, and SIGTERM, SIGHUP (a dropped SSH link) and SIGINT, which restore
//! from a watcher thread and exit — after the caller's last word (saving the draft).
//!
//! ratatui's `init`/`restore` handle raw mode and the alternate screen (and `init` hooks the
//! panic handler). Bracketed paste is ours: we enable it, so we disable it on every path —
//! a panic hook of our own, the signal watcher and normal exit — or the shell would see
//! `ESC[200~` around every later paste. Mouse capture stays off: it would take the
//! terminal's own text selection away, which operators use to copy over SSH.

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io;

/// Enters raw mode, the alternate screen and bracketed paste, and starts the signal watcher,
/// which runs `before_exit` when a signal ends the program.
pub fn enter(before_exit: impl FnOnce() + Send + 'static) -> io::Result<DefaultTerminal> {
    watch_signals(before_exit)?;
    let terminal = ratatui::init();
    hook_panics();
    crossterm::execute!(io::stdout(), EnableBracketedPaste)?;
    Ok(terminal)
}

/// Leaves bracketed paste, raw mode and the alternate screen. Errors are ignored: after a
/// hang-up there is no terminal to write to, and exiting matters more.
pub fn leave() {
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// Leaves the screen for an outside program (the editor) without dropping the terminal.
pub fn suspend() {
    leave();
}

/// Comes back after [`suspend`]; the next draw repaints everything.
pub fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    terminal.clear()
}

/// Wakes the event loop from another thread (the catalogue watcher). The loop blocks in
/// crossterm's `read`, whose only way in besides the keyboard is its SIGWINCH handler: the
/// signal arrives as a `Resize` event, the loop redraws and looks at what changed. No
/// polling thread and no timer, so an idle directory uses no CPU.
pub fn wake() {
    // SAFETY: kill(2) on our own process; crossterm's event source handles SIGWINCH (and
    // before it is installed, SIGWINCH is ignored by default).
    unsafe {
        libc::kill(libc::getpid(), libc::SIGWINCH);
    }
}

/// Chains a hook before ratatui's (which restores raw mode and the screen, then prints the
/// panic): bracketed paste off first.
fn hook_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
        previous(info);
    }));
}

fn watch_signals(before_exit: impl FnOnce() + Send + 'static) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("pathways-signals".to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                before_exit();
                leave();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
