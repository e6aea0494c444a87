//! End to end in Russian: the built binary in tmux at 80x24 with `LANG=ru_RU.UTF-8` and
//! nothing else choosing the language; a whole referral is made in Russian and the note
//! on the clipboard comes from the built-in Russian template.
//!
//! Prerequisite: tmux. Without it this test fails and says to install it.

mod support;
use support::tmux::{Size, Tmux};
use support::{NOW, Sandbox};

#[test]
fn a_whole_referral_in_russian_from_the_locale() {
    let sandbox = Sandbox::new();
    let tmux = Tmux::shell(sandbox.root(), Size::OPERATOR);
    tmux.type_text(&format!(
        "clear; cd {home}; {sandbox} TERM=xterm-256color LANG=ru_RU.UTF-8 {bin}",
        home = sandbox.root().display(),
        sandbox = sandbox.env_words(NOW),
        bin = env!("CARGO_BIN_EXE_pathways"),
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Поиск>");
    tmux.wait_for_text(" отобрано 0");
    // Housing, typed in Russian: the catalogue's Russian translations are searched too.
    tmux.type_text("жильё");
    tmux.wait_for_text("Поиск> жильё");
    tmux.keys(&["Tab"]);
    tmux.wait_for_text("Space отобрать");
    tmux.keys(&["Space"]);
    tmux.wait_for_text("отобрано 1");
    tmux.keys(&["c"]);
    tmux.wait_for_text("Код клиента");
    tmux.type_text("C-7");
    // Client code, reason, priority, region, then consent: Right records it as verbal.
    tmux.keys(&["Tab", "Tab", "Tab", "Tab"]);
    tmux.wait_for_text("нужно согласие");
    tmux.keys(&["Right"]);
    let form = tmux.wait_until("consent recorded", |s| !s.contains("нужно согласие"));
    assert!(form.contains("Дата согласия    23.11.2026"), "{form}");
    assert!(form.contains("устное"), "{form}");
    tmux.keys(&["C-y"]);
    let sent = tmux.wait_for_text("передано в буфер обмена терминала");
    for english in ["basket", "Search", "Client code", "service"] {
        assert!(
            !sent.contains(english),
            "'{english}' on a Russian screen:\n{sent}"
        );
    }
    let note = tmux.wait_for_buffer("C-7");
    assert!(
        note.contains("НАПРАВЛЕНИЕ PW-"),
        "the ru template's note:\n{note}"
    );
    let records = sandbox.history();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["template"], "ru", "{records:?}");
    tmux.keys(&["q"]);
    tmux.wait_until("the shell prompt", |s| !s.contains("Поиск>"));
}
