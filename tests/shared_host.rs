//! A team on one shared server: a catalogue edited by its data manager reaches every open
//! directory, operators who may not edit it are told whom to ask, nobody restores another
//! operator's draft, and nothing is kept in `/tmp` or the current directory when no home
//! directory resolves.
//!
//! The directory's side is tested through `update` and `view` (TestBackend) and in tmux
//! (80x24); the command line's with assert_cmd, and as a uid without a passwd entry through
//! `setpriv` when the tests run as root.

mod support;
use pathways::catalogue::{Catalogue, Origin};
use pathways::referral::{ConsentKind, Draft};
use pathways::tui::{Action, App, Effect, Options, Overlay};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::screen::{TUI_CATALOGUE, app_with, run, screen, select, selected_id};
use support::tmux::{Size, Tmux, wait_for};
use support::{NOW, Sandbox, fixture};

/// How a basket service the catalogue no longer lists is marked (English).
const GONE_MARK: &str = "no longer in the catalogue";

/// The words every refusal for want of a home directory carries.
const NO_HOME: &str = "no home directory was found";

// ---------------------------------------------------------------------------------------
// the directory, through update and view
// ---------------------------------------------------------------------------------------

fn app_on(text: &str) -> App {
    let origin = Origin::File("/srv/pathways/catalogue.toml".into());
    app_with(text, origin, Options::default())
}

/// The fixture without one service's block.
fn without_service(id: &str) -> String {
    let mut blocks: Vec<&str> = TUI_CATALOGUE.split("\n[[services]]").collect();
    let before = blocks.len();
    blocks.retain(|block| !block.contains(&format!("id = \"{id}\"")));
    assert_eq!(blocks.len(), before - 1, "{id} is in the fixture");
    blocks.join("\n[[services]]")
}

/// The fixture with one service made inactive.
fn with_inactive(id: &str) -> String {
    TUI_CATALOGUE.replace(
        &format!("id = \"{id}\"\n"),
        &format!("id = \"{id}\"\nstatus = \"inactive\"\n"),
    )
}

fn reload(app: &mut App, text: &str) {
    let origin = Origin::File("/srv/pathways/catalogue.toml".into());
    app.replace_catalogue(Arc::new(Catalogue::from_text(text, origin).unwrap()));
    app.refresh();
}

#[test]
fn e_on_a_read_only_catalogue_says_whom_to_ask_instead_of_editing() {
    let mut app = app_on(TUI_CATALOGUE);
    run(&mut app, [Action::FocusNext]);
    app.catalogue_read_only = true;
    assert_eq!(run(&mut app, [Action::Edit]), [Effect::None]);
    assert_eq!(
        app.status.as_deref(),
        Some("the catalogue is read-only for you: ask the data manager")
    );
    assert!(
        screen(&app, 80, 24).contains("the catalogue is read-only for you: ask the data manager")
    );
    app.catalogue_read_only = false;
    assert!(matches!(
        run(&mut app, [Action::Edit])[0],
        Effect::EditAt { .. }
    ));
}

#[test]
fn a_reload_keeps_the_selection_and_marks_a_basket_service_that_went() {
    let mut app = app_on(TUI_CATALOGUE);
    run(&mut app, [Action::FocusNext]);
    select(&mut app, "buda-legal");
    run(&mut app, [Action::ToggleBasket]);
    select(&mut app, "minsk-housing");
    run(&mut app, [Action::ToggleBasket]);
    reload(&mut app, &without_service("buda-legal"));
    assert_eq!(selected_id(&app), "minsk-housing", "the selection is kept");
    assert_eq!(app.basket.len(), 1);
    assert_eq!(app.gone.len(), 1);
    assert_eq!(app.gone[0].name, "Legal Counselling");
    assert!(screen(&app, 80, 24).contains("basket 2 (1 gone)"));

    run(&mut app, [Action::Compose]);
    let folded = screen(&app, 80, 24);
    assert!(
        folded.contains("Referral to 2 service(s), 1 gone"),
        "{folded}"
    );
    // Shift-Tab to the services line, Enter lists them.
    run(&mut app, [Action::FocusPrev, Action::Submit]);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains(&format!("Legal Counselling ({GONE_MARK})")),
        "{text}"
    );
    fill_in(&mut app);
    assert_eq!(run(&mut app, [Action::CopyNote]), [Effect::None]);
    let refused = app.status.clone().unwrap();
    assert!(
        refused.contains(GONE_MARK) && refused.contains("Ctrl-x"),
        "{refused}"
    );

    let Effect::SaveDraft(draft) = run(&mut app, [Action::DropGone]).remove(0) else {
        panic!("removing a service saves the draft");
    };
    assert_eq!(draft.services, ["minsk-housing"]);
    assert!(app.gone.is_empty());
    assert!(matches!(
        run(&mut app, [Action::CopyNote])[0],
        Effect::Deliver { .. }
    ));
}

/// A client code and verbal consent: what the composer needs to send.
fn fill_in(app: &mut App) {
    let Overlay::Compose(composer) = &mut app.overlay else {
        panic!("the composer is open");
    };
    composer.draft.case_ref = "C-1".into();
    composer.draft.consent = Some(ConsentKind::Verbal);
}

#[test]
fn a_service_made_inactive_is_marked_too_and_one_that_comes_back_returns() {
    let mut app = app_on(TUI_CATALOGUE);
    run(&mut app, [Action::FocusNext]);
    select(&mut app, "buda-legal");
    run(&mut app, [Action::ToggleBasket]);
    reload(&mut app, &with_inactive("buda-legal"));
    assert!(app.basket.is_empty());
    assert_eq!(app.gone.len(), 1);
    assert!(app.holds_a_call(), "a new call would clear it");
    reload(&mut app, TUI_CATALOGUE);
    assert!(app.gone.is_empty());
    assert_eq!(app.basket.len(), 1);
}

#[test]
fn a_restored_draft_keeps_a_service_that_went_marked() {
    let mut app = app_on(&without_service("buda-legal"));
    let mut draft = Draft::new(
        vec!["buda-legal".into(), "minsk-housing".into()],
        app.today,
        "PW-(assigned when sent)".into(),
        &pathways::config::Config::default(),
    );
    draft.case_ref = "C-1".into();
    app.restore_draft(draft);
    assert_eq!(app.basket.len(), 1);
    assert_eq!(app.gone.len(), 1);
    run(
        &mut app,
        [Action::Compose, Action::FocusPrev, Action::Submit],
    );
    let text = screen(&app, 80, 24);
    assert!(
        text.contains(&format!("buda-legal ({GONE_MARK})")),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------
// the command line without a home
// ---------------------------------------------------------------------------------------

/// The note a place without a home tries to make (and deliver).
const REFER: [&str; 6] = [
    "refer",
    "buda-legal",
    "--consent",
    "verbal",
    "--case-ref",
    "C-1",
];

/// A place with no home: only `PATH`, the clock, a private `TMPDIR`, and the working
/// directory `cwd`; both must stay empty.
struct Homeless {
    dir: tempfile::TempDir,
}

impl Homeless {
    fn new() -> Homeless {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["tmp", "cwd"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        Homeless { dir }
    }

    fn command(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("pathways").unwrap();
        self.prepare(&mut cmd);
        cmd
    }

    /// Gives `cmd` this place's environment and nothing else: `PATH`, the clock, no
    /// system config, `TMPDIR`, and `cwd` as its working directory.
    fn prepare(&self, cmd: &mut assert_cmd::Command) {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("PATHWAYS_NOW", NOW)
            .env(
                "PATHWAYS_SYSTEM_CONFIG",
                self.dir.path().join("no-system.toml"),
            )
            .env("TMPDIR", self.dir.path().join("tmp"))
            .current_dir(self.dir.path().join("cwd"));
    }

    /// Nothing was written in `/tmp` (as `TMPDIR`) or the working directory.
    fn assert_nothing_left(&self) {
        for sub in ["tmp", "cwd"] {
            let left: Vec<_> = std::fs::read_dir(self.dir.path().join(sub))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert!(left.is_empty(), "written into {sub}: {left:?}");
        }
    }
}

#[test]
fn without_a_home_read_only_commands_work_and_leave_nothing_behind() {
    let place = Homeless::new();
    let catalogue = fixture("tui.toml");
    for args in [
        vec!["search", "shelter"],
        vec!["show", "national-shelter"],
        vec!["needs"],
        vec!["regions"],
    ] {
        place
            .command()
            .arg("--catalogue")
            .arg(&catalogue)
            .args(&args)
            .assert()
            .success();
    }
    place
        .command()
        .arg("check")
        .arg(&catalogue)
        .assert()
        .success();
    place
        .command()
        .args(["search", "shelter"])
        .assert()
        .success();
    place.assert_nothing_left();
}

#[test]
fn without_a_home_refer_delivers_the_note_then_exits_3_naming_the_home() {
    let place = Homeless::new();
    let output = place
        .command()
        .arg("--catalogue")
        .arg(fixture("tui.toml"))
        .args(REFER)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let note = String::from_utf8_lossy(&output.stdout);
    assert!(note.contains("Legal Counselling"), "the note went: {note}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(NO_HOME), "{stderr}");
    assert!(
        stderr.contains("HOME") && stderr.contains("XDG_DATA_HOME"),
        "{stderr}"
    );
    place.assert_nothing_left();
}

#[test]
fn without_a_home_writing_commands_exit_3_and_xdg_data_home_is_enough() {
    let place = Homeless::new();
    for args in [
        vec!["config", "init"],
        vec!["outcome", "PW-20261123-140500-ABCD", "attended"],
    ] {
        let output = place.command().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(3), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(NO_HOME), "{args:?}: {stderr}");
    }
    place.assert_nothing_left();

    let data = tempfile::tempdir().unwrap();
    place
        .command()
        .env("XDG_DATA_HOME", data.path())
        .arg("--catalogue")
        .arg(fixture("tui.toml"))
        .args(REFER)
        .assert()
        .success();
    assert!(data.path().join("pathways/referrals.db").exists());
    place.assert_nothing_left();
}

/// As root: the same as a uid without a passwd entry (and so without any home at all),
/// through `setpriv`. Skipped, saying so, when not root or without setpriv.
#[test]
fn a_uid_without_a_passwd_entry_searches_and_refer_exits_3() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: setpriv to another uid needs root");
        return;
    }
    if std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no setpriv (util-linux)");
        return;
    }
    let place = Homeless::new();
    // The stranger may write its TMPDIR (to show nothing lands there), not the cwd.
    use std::os::unix::fs::PermissionsExt;
    let tmp = place.dir.path().join("tmp");
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o777)).unwrap();
    for dir in [place.dir.path(), &place.dir.path().join("cwd")] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let catalogue = place.dir.path().join("catalogue.toml");
    std::fs::write(&catalogue, TUI_CATALOGUE).unwrap();
    std::fs::set_permissions(&catalogue, std::fs::Permissions::from_mode(0o644)).unwrap();
    let binary = env!("CARGO_BIN_EXE_pathways");
    if !readable_by_others(Path::new(binary)) {
        eprintln!("skipped: the test binary's folders are closed to other users");
        return;
    }
    let stranger = |args: &[&str]| {
        let mut cmd = assert_cmd::Command::new("setpriv");
        place.prepare(&mut cmd);
        cmd.env("PATH", "/usr/bin:/bin")
            .args([
                "--reuid",
                "54321",
                "--regid",
                "54321",
                "--clear-groups",
                binary,
            ])
            .arg("--catalogue")
            .arg(&catalogue)
            .args(args);
        cmd.output().unwrap()
    };
    let search = stranger(&["search", "shelter"]);
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    assert!(String::from_utf8_lossy(&search.stdout).contains("Night Shelter"));
    let refer = stranger(&REFER);
    assert_eq!(refer.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&refer.stdout).contains("Legal Counselling"));
    assert!(String::from_utf8_lossy(&refer.stderr).contains(NO_HOME));
    place.assert_nothing_left();
}

/// Whether every folder above `path` lets other users through, and `path` is theirs to run.
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.permissions().mode());
    mode(path) & 0o005 == 0o005 && path.ancestors().skip(1).all(|dir| mode(dir) & 0o001 != 0)
}

// ---------------------------------------------------------------------------------------
// drafts per operator
// ---------------------------------------------------------------------------------------

#[test]
fn each_operator_has_a_draft_file_of_their_own() {
    let sandbox = Sandbox::new();
    let draft_line = |operator: Option<&str>| {
        let mut cmd = sandbox.command();
        if let Some(name) = operator {
            cmd.env("PATHWAYS_OPERATOR", name);
        }
        let out = support::stdout(cmd.args(["config", "path"]));
        out.lines()
            .find(|l| l.starts_with("draft"))
            .unwrap()
            .to_string()
    };
    assert!(draft_line(None).contains("/draft.json"));
    assert!(draft_line(Some("Anna K")).contains("/draft-Anna_K.json"));
    assert!(draft_line(Some("../../etc/x")).contains("/draft-etc_x.json"));
    assert!(draft_line(Some("Ольга")).contains("/draft-Ольга.json"));
}

/// Starts the directory in an 80x24 pane with extra environment words.
fn open(sandbox: &Sandbox, env: &str, args: &str) -> Tmux {
    let tmux = Tmux::shell(sandbox.root(), Size::OPERATOR);
    tmux.type_text(&format!(
        "clear; cd {home}; {sandbox} TERM=xterm-256color {env} {bin} {args}",
        home = sandbox.root().display(),
        sandbox = sandbox.env_words(NOW),
        bin = env!("CARGO_BIN_EXE_pathways"),
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Search>");
    tmux.wait_for_text(" basket ");
    tmux
}

fn quit(tmux: &Tmux) {
    tmux.keys(&["C-c"]);
    tmux.wait_until("the shell prompt", |s| !s.contains("Search>"));
}

#[test]
fn a_draft_is_restored_only_for_the_operator_who_left_it() {
    let sandbox = Sandbox::new();
    let anna = open(&sandbox, "PATHWAYS_OPERATOR=Anna", "");
    anna.settle(); // the first results are listed before Space picks one
    anna.keys(&["Tab"]);
    anna.wait_for_text("Space basket");
    anna.keys(&["Space"]);
    anna.wait_for_text("basket 1");
    anna.keys(&["c"]);
    anna.wait_for_text("Client code");
    anna.type_text("ANNA-7");
    anna.wait_for_text("ANNA-7");
    quit(&anna);
    assert!(sandbox.data_dir().join("draft-Anna.json").exists());
    drop(anna);

    let boris = open(&sandbox, "PATHWAYS_OPERATOR=Boris", "");
    let screen = boris.settle();
    assert!(!screen.contains("draft was restored"), "{screen}");
    assert!(screen.contains("basket 0"), "{screen}");
    quit(&boris);
    drop(boris);

    let anna = open(&sandbox, "PATHWAYS_OPERATOR=Anna", "");
    anna.wait_for_text("draft was restored");
    anna.keys(&["Enter"]);
    anna.wait_for_text("ANNA-7");
    quit(&anna);
}

// ---------------------------------------------------------------------------------------
// the catalogue changes under an open directory (tmux)
// ---------------------------------------------------------------------------------------

/// Writes `text` as an editor saves: a temporary file renamed over the catalogue.
fn save_as_an_editor_would(path: &Path, text: &str) {
    let temp = path.with_file_name(".catalogue.toml.swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn an_open_directory_follows_the_catalogue_within_two_seconds() {
    let sandbox = Sandbox::new();
    let shared = sandbox.root().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let file = shared.join("catalogue.toml");
    std::fs::write(&file, TUI_CATALOGUE).unwrap();
    let tmux = open(&sandbox, "", &format!("--catalogue {}", file.display()));
    tmux.keys(&["Tab"]);
    tmux.wait_for_text("Space basket");
    // Legal Counselling and City Housing Advice into the basket; the selection stays on
    // the second.
    select_line(&tmux, "Legal Counselling");
    tmux.keys(&["Space"]);
    tmux.wait_for_text("basket 1");
    select_line(&tmux, "City Housing Advice");
    tmux.keys(&["Space"]);
    tmux.wait_for_text("basket 2");

    let started = Instant::now();
    save_as_an_editor_would(&file, &without_service("buda-legal"));
    let seen = wait_for(Duration::from_secs(2), || {
        Some(tmux.screen()).filter(|s| s.contains("catalogue updated (3 services)"))
    });
    seen.unwrap_or_else(|| {
        panic!(
            "not noticed within 2 s ({:?}):\n{}",
            started.elapsed(),
            tmux.screen()
        )
    });
    // The search on the new catalogue comes back with the same service selected.
    let screen = tmux.wait_until("the selection kept", |s| {
        selected(s).contains("City Housing Advice")
    });
    assert!(screen.contains("basket 2 (1 gone)"), "{screen}");

    tmux.keys(&["c"]);
    tmux.wait_for_text("Referral to 2 service(s), 1 gone");
    // Shift-Tab to the services line, Enter lists them, Tab back to the client code.
    tmux.keys(&["BTab", "Enter"]);
    tmux.wait_for_text(&format!("Legal Counselling ({GONE_MARK})"));
    tmux.keys(&["Tab"]);
    tmux.type_text("C-1");
    tmux.keys(&["Tab", "Tab", "Tab", "Tab", "Right", "C-y"]);
    tmux.wait_for_text("not ready: a service is no longer in the catalogue");
    tmux.keys(&["C-x"]);
    tmux.wait_for_text("removed 1 service(s) no longer in the catalogue");
    tmux.keys(&["C-y"]);
    tmux.wait_for_text("sent to the terminal");

    // A save that breaks the file keeps the last good catalogue.
    save_as_an_editor_would(&file, "this is not = = toml");
    tmux.wait_for_text("kept the previous catalogue");
    quit(&tmux);
}

/// Moves the list's selection down to the row naming `name`.
fn select_line(tmux: &Tmux, name: &str) {
    tmux.keys(&["PageUp"]);
    for _ in 0..8 {
        if selected(&tmux.settle()).contains(name) {
            return;
        }
        tmux.keys(&["Down"]);
    }
    panic!("{name} not found in the list:\n{}", tmux.screen());
}

/// The selected row of the list (marked `>`).
fn selected(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("│>") || l.contains("┃>"))
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_embedded_catalogue_has_no_file_to_watch_or_edit() {
    let mut app = {
        let catalogue = pathways::catalogue::load_embedded().unwrap();
        App::new(Arc::new(catalogue), Options::default())
    };
    app.refresh();
    run(&mut app, [Action::FocusNext]);
    run(&mut app, [Action::Edit]);
    assert_eq!(
        app.status,
        Some(app.lang.t(pathways::tui::EMBEDDED_HINT)),
        "the built-in catalogue says how to get a file"
    );
}

/// Without a home the directory opens and searches; a draft it cannot keep is said in the
/// status line, and quitting then exits 3 with the same words. Only looking exits 0.
#[test]
fn without_a_home_the_directory_works_says_what_it_cannot_keep_and_exits_3() {
    let place = Homeless::new();
    let tmux = Tmux::shell(place.dir.path(), Size::OPERATOR);
    let start = format!(
        "clear; cd {cwd}; env -u HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u XDG_CACHE_HOME \
         TMPDIR={tmp} PATHWAYS_SYSTEM_CONFIG={tmp}/none TERM=xterm-256color PATHWAYS_NOW={NOW} \
         {bin}; echo EXIT=$?",
        cwd = place.dir.path().join("cwd").display(),
        tmp = place.dir.path().join("tmp").display(),
        bin = env!("CARGO_BIN_EXE_pathways"),
    );
    tmux.type_text(&start);
    tmux.keys(&["Enter"]);
    tmux.wait_for_text(" basket ");
    tmux.keys(&["C-c"]);
    tmux.wait_for_text("EXIT=0");

    tmux.type_text(&start);
    tmux.keys(&["Enter"]);
    tmux.wait_for_text(" basket ");
    tmux.keys(&["Tab"]);
    tmux.wait_for_text("Space basket");
    tmux.keys(&["c"]);
    tmux.wait_for_text("the draft could not be saved: no home directory was found");
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for_text("EXIT=3");
    assert!(screen.contains(NO_HOME), "{screen}");
    place.assert_nothing_left();
}
