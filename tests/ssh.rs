//! Over real SSH: sshd on 127.0.0.1 (free port, host key and authorized_keys generated in a
//! temp dir), `ssh -tt` run inside tmux with `set-clipboard on`, `pathways refer --copy` on
//! the far side. The note must arrive through OSC 52 (SSH carries the sequence back to the
//! tmux pane, which keeps it as a buffer), the history must grow by one, and the terminal
//! must be sane again after the session ends.
//!
//! A second test does what an operator does over SSH: the directory itself (the TUI) on the
//! far side, a service put in the basket, the composer, consent, Ctrl-y; the note must arrive
//! the same way, and the terminal must be sane after the TUI quits and ssh ends.
//!
//! Needs sshd (`openssh-server`): ignored in a plain `cargo test`; `.ci/run` runs it with
//! `--ignored`.

mod support;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use support::tmux::{Size, Tmux, assert_sane_stty, copy_a_note_of_the_selected_service, wait_for};
use support::{NOW, Sandbox, referral_catalogue};

struct Sshd {
    child: Child,
    port: u16,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .stdout(Stdio::null())
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn sshd_binary() -> PathBuf {
    ["/usr/sbin/sshd", "/usr/local/sbin/sshd"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .expect("sshd not installed (apt-get install openssh-server)")
}

fn start_sshd(dir: &Path) -> Sshd {
    keygen(&dir.join("host_key"));
    keygen(&dir.join("user_key"));
    std::fs::copy(dir.join("user_key.pub"), dir.join("authorized_keys")).unwrap();
    // sshd's privilege separation directory; present wherever sshd runs as a service.
    let _ = std::fs::create_dir_all("/run/sshd");
    let port = free_port();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {dir}/host_key\n\
         AuthorizedKeysFile {dir}/authorized_keys\nPidFile {dir}/sshd.pid\n\
         StrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
         PubkeyAuthentication yes\nPermitRootLogin yes\n{pam}",
        dir = dir.display(),
        pam = if is_root { "UsePAM no\n" } else { "" },
    );
    std::fs::write(dir.join("sshd_config"), config).unwrap();
    let child = Command::new(sshd_binary())
        .args(["-D", "-e", "-f"])
        .arg(dir.join("sshd_config"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("sshd.log")).unwrap())
        .spawn()
        .unwrap();
    let sshd = Sshd { child, port };
    let up = wait_for(Duration::from_secs(10), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).ok()
    });
    assert!(
        up.is_some(),
        "sshd did not start: {}",
        std::fs::read_to_string(dir.join("sshd.log")).unwrap_or_default()
    );
    sshd
}

fn user() -> String {
    let output = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

#[test]
#[ignore = "needs sshd; .ci/run runs it with --ignored"]
fn note_copied_over_ssh_arrives_through_osc52() {
    let (sandbox, root, ssh_dir, sshd) = ssh_sandbox();
    let remote = format!(
        "{env} {bin} --catalogue {catalogue} refer full-shelter bare-clinic --consent verbal \
         --copy 2> {root}/remote-stderr.txt",
        env = sandbox.env_words(NOW),
        bin = assert_cmd::cargo::cargo_bin("pathways").display(),
        catalogue = referral_catalogue().display(),
        root = root.display(),
    );
    let tmux = Tmux::start(
        &root,
        Size::OPERATOR,
        &ssh_command(&sshd, &ssh_dir, &root, &remote),
    );
    let exit = session_end(&root);
    let remote_stderr = std::fs::read_to_string(root.join("remote-stderr.txt")).unwrap_or_default();
    assert_eq!(
        exit.as_deref(),
        Some("0\n"),
        "ssh failed: {remote_stderr}\nscreen:\n{}\nsshd:\n{}",
        tmux.screen(),
        std::fs::read_to_string(ssh_dir.join("sshd.log")).unwrap_or_default()
    );
    assert!(
        remote_stderr.contains("sent to the terminal's clipboard (OSC 52)"),
        "{remote_stderr}"
    );
    let records = sandbox.history();
    assert_eq!(records.len(), 1, "the history grew by one record");
    let note_ref = records[0]["note_ref"].as_str().unwrap().to_string();
    let buffer = tmux.wait_for_buffer(&note_ref);
    assert!(buffer.contains("2. Clinic referrals"), "{buffer}");
    // The terminal is back to normal after ssh's raw mode: line editing and echo on.
    assert_terminal_sane(&root);
}

/// A sandbox with an sshd of its own: (sandbox, its root, the ssh key directory, sshd).
fn ssh_sandbox() -> (Sandbox, PathBuf, PathBuf, Sshd) {
    let sandbox = Sandbox::new();
    let root = sandbox.root().to_path_buf();
    let ssh_dir = root.join("ssh");
    std::fs::create_dir_all(&ssh_dir).unwrap();
    let sshd = start_sshd(&ssh_dir);
    (sandbox, root, ssh_dir, sshd)
}

/// Waits until ssh has ended and the shell has recorded `stty -a`; ssh's exit code.
fn session_end(root: &Path) -> Option<String> {
    wait_for(Duration::from_secs(30), || {
        std::fs::read_to_string(root.join("stty.txt"))
            .ok()
            .filter(|s| s.contains("icanon"))
            .and_then(|_| std::fs::read_to_string(root.join("ssh-exit.txt")).ok())
    })
}

/// The terminal is back to normal after ssh's raw mode: line editing, echo and signals on.
fn assert_terminal_sane(root: &Path) {
    assert_sane_stty(&std::fs::read_to_string(root.join("stty.txt")).unwrap());
}

/// `ssh -tt … REMOTE` for a shell line: then the exit code and `stty -a` written to files,
/// so the test can read what the terminal looked like after the session.
fn ssh_command(sshd: &Sshd, ssh_dir: &Path, root: &Path, remote: &str) -> String {
    format!(
        "ssh -tt -p {port} -i {dir}/user_key -o StrictHostKeyChecking=no \
         -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes \
         {user}@127.0.0.1 '{remote}'; echo $? > {root}/ssh-exit.txt; \
         stty -a > {root}/stty.txt; sleep 30",
        port = sshd.port,
        dir = ssh_dir.display(),
        user = user(),
        root = root.display(),
    )
}

#[test]
#[ignore = "needs sshd; .ci/run runs it with --ignored"]
fn the_directory_over_ssh_composes_and_copies_a_note_through_osc52() {
    let (sandbox, root, ssh_dir, sshd) = ssh_sandbox();
    let remote = format!(
        "env TERM=xterm-256color {env} {bin} --catalogue {catalogue}",
        env = sandbox.env_words(NOW),
        bin = assert_cmd::cargo::cargo_bin("pathways").display(),
        catalogue = referral_catalogue().display(),
    );
    let tmux = Tmux::start(
        &root,
        Size::OPERATOR,
        &ssh_command(&sshd, &ssh_dir, &root, &remote),
    );
    tmux.wait_for_text("Search>");
    tmux.type_text("shelter");
    tmux.wait_for_text("Night shelter");
    copy_a_note_of_the_selected_service(&tmux, "C-7");
    let records = sandbox.history();
    assert_eq!(records.len(), 1, "the history grew by one record");
    let note_ref = records[0]["note_ref"].as_str().unwrap().to_string();
    let buffer = tmux.wait_for_buffer(&note_ref);
    assert!(buffer.contains("Night shelter for migrants"), "{buffer}");
    // Ctrl-c quits from anywhere, ssh ends: the terminal is sane.
    tmux.keys(&["C-c"]);
    let exit = session_end(&root);
    assert_eq!(exit.as_deref(), Some("0\n"), "screen:\n{}", tmux.screen());
    assert_terminal_sane(&root);
}
