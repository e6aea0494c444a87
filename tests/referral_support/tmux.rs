//! A private tmux server for end-to-end tests: its own socket, `set-clipboard on`, killed
//! when dropped.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts a server whose only session runs `command` through `sh -c`. Without tmux the
    /// test fails saying so (`.ci/run` installs it).
    pub fn start(dir: &Path, command: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "this test needs tmux: apt-get install tmux"
        );
        let config = dir.join("tmux.conf");
        std::fs::write(
            &config,
            "set -g set-clipboard on\nset -g history-limit 5000\n",
        )
        .unwrap();
        let socket = format!("pathways-test-{}-{}", std::process::id(), unique());
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f"])
            .arg(&config)
            .args([
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "40",
                "sh",
                "-c",
                command,
            ])
            .env_remove("TMUX")
            .status()
            .unwrap();
        assert!(status.success(), "tmux did not start");
        Tmux { socket }
    }

    /// The newest paste buffer, if any.
    pub fn buffer(&self) -> Option<String> {
        let output = Command::new("tmux")
            .args(["-L", &self.socket, "show-buffer"])
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Sends keys as tmux names them (`Tab`, `C-y`, `Right`, or literal text).
    pub fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success(), "tmux send-keys {keys:?}");
    }

    /// Waits until the pane shows `text`; fails with the screen otherwise.
    pub fn wait_for_text(&self, text: &str) {
        let shown = wait_for(Duration::from_secs(20), || {
            Some(()).filter(|_| self.screen().contains(text))
        });
        assert!(
            shown.is_some(),
            "waited for {text:?}; the screen:\n{}",
            self.screen()
        );
    }

    /// What the pane shows, for failure messages.
    pub fn screen(&self) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
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
        std::thread::sleep(Duration::from_millis(100));
    }
}
