//! Entering and leaving the full-screen terminal, and making sure we always leave it:
//! normal quit, panic (ratatui's init hooks the panic handler), and SIGTERM, SIGHUP (a
//! dropped SSH link) and SIGINT, which restore from a watcher thread and exit.
//!
//! Mouse capture stays off: it would take the terminal's own text selection away, which
//! operators use to copy over SSH. Bracketed paste is not enabled, so nothing to undo.

use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io;

/// Enters raw mode and the alternate screen, and starts the signal watcher.
pub fn enter() -> io::Result<DefaultTerminal> {
    watch_signals()?;
    Ok(ratatui::init())
}

/// Leaves raw mode and the alternate screen. Errors are ignored: after a hang-up there is
/// no terminal to write to, and exiting matters more.
pub fn leave() {
    ratatui::restore();
}

/// Leaves the screen for an outside program (the editor) without dropping the terminal.
pub fn suspend() {
    leave();
}

/// Comes back after [`suspend`]; the next draw repaints everything.
pub fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    terminal.clear()
}

fn watch_signals() -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("pathways-signals".to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                leave();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
