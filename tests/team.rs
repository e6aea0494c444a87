//! A team on one server: the system configuration under each operator's own, the operator's
//! name, and `config init --system`.

mod support;

use predicates::prelude::*;
use std::os::unix::fs::PermissionsExt;
use support::{Sandbox, stdout};

/// The line of `config show` for `key`.
fn shown(sandbox: &Sandbox, key: &str, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = sandbox.command();
    for (name, value) in env {
        cmd.env(name, value);
    }
    let text = stdout(cmd.args(args).args(["config", "show"]));
    text.lines()
        .find(|l| l.starts_with(&format!("{key} = ")) || l.starts_with(&format!("# {key}:")))
        .unwrap_or_else(|| panic!("no line for {key} in:\n{text}"))
        .to_string()
}

#[test]
fn the_user_config_lies_over_the_system_config_and_each_value_names_its_source() {
    let sandbox = Sandbox::new();
    sandbox.write_system_config(
        "organisation = \"Hotline\"\ntemplate = \"ru\"\n[history]\nkeep_days = 30\n[team]\nlog = \"team.db\"\n",
    );
    sandbox.write_config("template = \"en\"\n");
    let system = sandbox.system_config_file().display().to_string();
    let user = sandbox.config_file().display().to_string();
    assert_eq!(
        shown(&sandbox, "organisation", &[], &[]),
        format!("organisation = \"Hotline\"  # system config {system}")
    );
    assert_eq!(
        shown(&sandbox, "template", &[], &[]),
        format!("template = \"en\"  # user config {user}")
    );
    assert_eq!(
        shown(&sandbox, "keep_days", &[], &[]),
        format!("keep_days = 30  # system config {system}")
    );
    assert_eq!(
        shown(&sandbox, "enabled", &[], &[]),
        "enabled = true  # default"
    );
    let team_db = sandbox.system_config_file().with_file_name("team.db");
    assert_eq!(
        shown(&sandbox, "log", &[], &[]),
        format!("log = \"{}\"  # system config {system}", team_db.display()),
        "a relative path is taken from the system config's folder"
    );
}

#[test]
fn the_catalogue_named_by_the_system_config_is_used_unless_someone_names_another() {
    let sandbox = Sandbox::new();
    let catalogue = support::referral_catalogue();
    sandbox.write_system_config(&format!(
        "catalogue = {:?}\n",
        catalogue.display().to_string()
    ));
    let system = sandbox.system_config_file().display().to_string();
    sandbox
        .command()
        .args(["config", "path"])
        .assert()
        .stdout(predicate::str::contains(format!(
            "catalogue  {}  (system config {system})",
            catalogue.display()
        )));
    let own = support::fixture("small.toml").display().to_string();
    sandbox
        .command()
        .args(["--catalogue", &own, "config", "path"])
        .assert()
        .stdout(predicate::str::contains(format!(
            "catalogue  {own}  (--catalogue)"
        )));
}

#[test]
fn the_operator_comes_from_the_flag_then_the_variable_then_the_configs() {
    let sandbox = Sandbox::new();
    sandbox.write_system_config("operator = \"Everyone\"\n");
    let system = sandbox.system_config_file().display().to_string();
    assert_eq!(
        shown(&sandbox, "operator", &[], &[]),
        format!("operator = \"Everyone\"  # system config {system}")
    );
    sandbox.write_config("operator = \"Olga\"\n");
    let user = sandbox.config_file().display().to_string();
    assert_eq!(
        shown(&sandbox, "operator", &[], &[]),
        format!("operator = \"Olga\"  # user config {user}")
    );
    assert_eq!(
        shown(&sandbox, "operator", &[("PATHWAYS_OPERATOR", "Anna")], &[]),
        "operator = \"Anna\"  # PATHWAYS_OPERATOR"
    );
    assert_eq!(
        shown(
            &sandbox,
            "operator",
            &[("PATHWAYS_OPERATOR", "Anna")],
            &["--operator", "Ivan"]
        ),
        "operator = \"Ivan\"  # --operator"
    );
}

#[test]
fn without_any_operator_name_the_log_gets_the_login_name() {
    let sandbox = Sandbox::new();
    let line = shown(&sandbox, "operator", &[], &[]);
    assert!(
        line.starts_with("# operator: not set; the referral log records the login name '"),
        "{line}"
    );
}

/// Runs `args` in the sandbox and expects exit 2 with `message` on stderr.
fn refused(sandbox: &Sandbox, args: &[&str], message: &str) {
    sandbox
        .command()
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

#[test]
fn a_team_setting_in_a_users_own_config_is_refused_where_it_stands() {
    let sandbox = Sandbox::new();
    sandbox.write_config("template = \"en\"\n\n[team]\nlog = \"mine.db\"\n");
    refused(
        &sandbox,
        &["config", "show"],
        &format!(
            "{}:3:1: error: [team] belongs in the system config",
            sandbox.config_file().display()
        ),
    );
}

#[test]
fn a_system_config_that_cannot_be_read_is_exit_2_naming_it() {
    let sandbox = Sandbox::new();
    // A folder where the file should be: unreadable as a file, even for root.
    std::fs::create_dir_all(sandbox.system_config_file()).unwrap();
    refused(
        &sandbox,
        &["search", "shelter"],
        &format!(
            "cannot read config {}",
            sandbox.system_config_file().display()
        ),
    );
}

#[test]
fn a_system_config_error_points_at_its_line() {
    let sandbox = Sandbox::new();
    sandbox.write_system_config("template = \"ru\"\nkeep_days = 3\n");
    refused(
        &sandbox,
        &["search", "shelter"],
        &format!(
            "{}:2:1: error: unknown field `keep_days`",
            sandbox.system_config_file().display()
        ),
    );
}

#[test]
fn config_init_system_writes_a_commented_example_once_readable_by_all() {
    let sandbox = Sandbox::new();
    sandbox
        .command()
        .args(["config", "init", "--system"])
        .assert()
        .success();
    let path = sandbox.system_config_file();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("[team]") && text.contains("# log = "));
    // The example itself is a valid system config.
    sandbox
        .command()
        .args(["config", "show"])
        .assert()
        .success();
    sandbox
        .command()
        .args(["config", "init", "--system"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("exists already"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "left as it was"
    );
}

/// A team's shared folder (group-owned, mode 2770 on a real server) and the system config
/// line that names the log in it.
struct TeamFolder {
    dir: tempfile::TempDir,
}

impl TeamFolder {
    fn new() -> TeamFolder {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o2770)).unwrap();
        TeamFolder { dir }
    }

    fn log(&self) -> std::path::PathBuf {
        self.dir.path().join("team.db")
    }

    /// One operator's account: a sandbox of its own (HOME, XDG directories) whose system
    /// config names this team log.
    fn operator(&self) -> Sandbox {
        let sandbox = Sandbox::new();
        self.join(&sandbox);
        sandbox
    }

    fn join(&self, sandbox: &Sandbox) {
        sandbox.write_system_config(&format!(
            "[team]\nlog = {:?}\n",
            self.log().display().to_string()
        ));
    }

    /// The team log's records as `history --team --json` prints them.
    fn records(&self, coordinator: &Sandbox) -> Vec<serde_json::Value> {
        let json = support::json(coordinator.command().args(["history", "--team", "--json"]));
        json.as_array().unwrap().clone()
    }

    /// Every byte of the team log on disk (database and write-ahead log).
    fn bytes(&self) -> Vec<u8> {
        support::db_bytes(&self.log())
    }
}

fn set_mode(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn three_operators_write_one_team_log_and_stats_team_counts_them_all() {
    let team = TeamFolder::new();
    let operators: Vec<Sandbox> = (0..3).map(|_| team.operator()).collect();
    for (i, (sandbox, name)) in operators.iter().zip(["Anna", "Boris", "Vera"]).enumerate() {
        for _ in 0..=i {
            sandbox
                .refer(&["full-shelter", "--case-ref", "none"])
                .env("PATHWAYS_OPERATOR", name)
                .assert()
                .success();
        }
        assert_eq!(
            sandbox.history().len(),
            i + 1,
            "{name}'s own log has only hers"
        );
    }
    let mode = std::fs::metadata(team.log()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660, "the group may write the log Pathways created");
    let coordinator = team.operator();
    let csv = stdout(
        coordinator
            .pathways()
            .args(["stats", "--team", "--by", "service", "--csv"]),
    );
    assert_eq!(
        csv.lines().nth(1).unwrap(),
        "full-shelter,Night shelter for migrants,6,0,0,0,0,0,0,0,6",
        "{csv}"
    );
    let mut who: Vec<String> = team
        .records(&coordinator)
        .iter()
        .map(|r| r["operator"].as_str().unwrap().to_string())
        .collect();
    who.sort();
    assert_eq!(who, ["Anna", "Boris", "Boris", "Vera", "Vera", "Vera"]);
    assert!(
        stdout(coordinator.command().args(["history", "--team"])).contains("  by Vera"),
        "the team's listing says who referred"
    );
    assert!(
        coordinator.history().is_empty(),
        "reading the team log writes nothing to the coordinator's own"
    );
}

#[test]
fn a_team_log_open_to_everyone_is_refused_and_refer_still_records_its_own() {
    let team = TeamFolder::new();
    let operator = team.operator();
    operator
        .refer(&["full-shelter", "--case-ref", "none"])
        .assert()
        .success();
    let log = team.log().display().to_string();
    let folder = team.dir.path().display().to_string();
    for (path, mode, what) in [
        (team.log(), 0o662, "world-writable"),
        (team.log(), 0o664, "world-readable"),
        (team.dir.path().to_path_buf(), 0o2777, "world-writable"),
        (team.dir.path().to_path_buf(), 0o2775, "world-readable"),
    ] {
        set_mode(&path, mode);
        let named = if path == team.log() { &log } else { &folder };
        for args in [
            &["stats", "--team"][..],
            &["history", "--team"],
            &["history", "--team", "--due"],
        ] {
            refused(
                &operator,
                args,
                &format!(
                    "the team log {named} is {what}: refused (the administrator runs: chmod o-rwx {named})"
                ),
            );
        }
        let before = operator.history().len();
        operator
            .refer(&["full-shelter", "--case-ref", "none"])
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "warning: the team log was not written (the team log {named} is {what}: refused); \
                 the administrator runs: chmod o-rwx {named}"
            )));
        assert_eq!(operator.history().len(), before + 1, "the own log has it");
        set_mode(&path, if path == team.log() { 0o660 } else { 0o2770 });
    }
    assert_eq!(
        team.records(&operator).len(),
        1,
        "nothing went in while refused"
    );
    sandbox_sync(&operator, "copied 4 referrals and 0 outcomes");
    assert_eq!(team.records(&operator).len(), 5);
}

/// Runs `team sync` and expects `said` on stdout.
fn sandbox_sync(sandbox: &Sandbox, said: &str) {
    sandbox
        .command()
        .args(["team", "sync"])
        .assert()
        .success()
        .stdout(predicate::str::contains(said));
}

#[test]
fn any_other_failure_to_write_the_team_log_is_a_warning_naming_the_fix() {
    let sandbox = Sandbox::new();
    let missing = sandbox.root().join("var/lib/pathways");
    sandbox.write_system_config(&format!(
        "[team]\nlog = {:?}\n",
        missing.join("team.db").display().to_string()
    ));
    sandbox
        .refer(&["full-shelter", "--case-ref", "none"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "the team log's folder {} does not exist); the administrator runs: install -d -m 2770 -g pathways {}",
            missing.display(),
            missing.display()
        )));
    assert_eq!(sandbox.history().len(), 1);
    assert!(
        !missing.exists(),
        "the administrator's folder is not made by an operator"
    );
    sandbox
        .command()
        .args(["stats", "--team"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("install -d -m 2770"));
    refused(
        &Sandbox::new(),
        &["stats", "--team"],
        "no team log is configured (set [team] log = \"/var/lib/pathways/team.db\" in the system config",
    );
    refused(
        &Sandbox::new(),
        &["--ui-lang", "ru", "history", "--team"],
        "журнал команды не настроен (задайте [team] log = \"/var/lib/pathways/team.db\" в системной конфигурации",
    );
}

#[test]
fn team_sync_copies_what_the_team_log_lacks_once() {
    let team = TeamFolder::new();
    let operator = Sandbox::new();
    // Two referrals and an outcome made before the team log was configured.
    for _ in 0..2 {
        operator
            .refer(&["full-shelter", "bare-clinic", "--case-ref", "none"])
            .assert()
            .success();
    }
    let first = operator.history()[0]["note_ref"]
        .as_str()
        .unwrap()
        .to_string();
    operator
        .command()
        .args(["outcome", &first, "accepted", "--service", "bare-clinic"])
        .assert()
        .success();
    team.join(&operator);
    sandbox_sync(
        &operator,
        "copied 2 referrals and 1 outcome to the team log",
    );
    sandbox_sync(&operator, "copied 0 referrals and 0 outcomes");
    // An outcome recorded now reaches the team log at once.
    operator
        .command()
        .args(["outcome", &first, "attended", "--service", "bare-clinic"])
        .assert()
        .success()
        .stderr("");
    sandbox_sync(&operator, "copied 0 referrals and 0 outcomes");
    let records = team.records(&operator);
    let own = operator.history();
    assert_eq!(records.len(), 2);
    for (theirs, mine) in records.iter().zip(&own) {
        for key in [
            "note_ref",
            "time",
            "operator",
            "services",
            "needs",
            "region",
            "priority",
            "follow_up",
            "outcomes",
        ] {
            assert_eq!(theirs[key], mine[key], "{key}");
        }
    }
    assert_eq!(records[0]["outcomes"].as_array().unwrap().len(), 2);
}

#[test]
fn the_team_log_never_holds_a_case_ref_even_when_the_own_log_does() {
    let team = TeamFolder::new();
    let operator = team.operator();
    operator.write_config("[history]\nstore_case_ref = true\n");
    operator
        .refer(&[
            "full-shelter",
            "--case-ref",
            "C-SECRET-77",
            "--client-language",
            "ru",
        ])
        .assert()
        .success();
    let secret = b"C-SECRET-77";
    let has = |bytes: &[u8]| bytes.windows(secret.len()).any(|w| w == secret);
    assert!(
        has(&operator.log_bytes()),
        "the own log keeps it, as configured"
    );
    assert!(!has(&team.bytes()), "the team log does not");
    let record = &team.records(&operator)[0];
    assert!(record.get("case_ref").is_none(), "{record}");
    assert_eq!(record["client_languages"], serde_json::json!([]));
    assert_eq!(record["consent"], serde_json::Value::Null);
    // Nor after a sync.
    std::fs::remove_file(team.log()).unwrap();
    let _ = std::fs::remove_file(team.dir.path().join("team.db-wal"));
    let _ = std::fs::remove_file(team.dir.path().join("team.db-shm"));
    sandbox_sync(&operator, "copied 1 referral and 0 outcomes");
    assert!(!has(&team.bytes()));
}

/// The target: 20 operators' processes referring at once (50 each) while a coordinator
/// runs `stats --team` in a loop: every referral in both logs, no error. Run by `.ci/run`
/// (about a minute in a debug build on two cores).
#[test]
#[ignore = "1,000 processes: run by .ci/run"]
fn twenty_operators_refer_fifty_times_at_once_while_the_coordinator_counts() {
    const OPERATORS: usize = 20;
    const EACH: usize = 50;
    let team = TeamFolder::new();
    let operators: Vec<Sandbox> = (0..OPERATORS).map(|_| team.operator()).collect();
    let coordinator = team.operator();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let counting = {
        let done = done.clone();
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("pathways"));
        coordinator.apply_std(&mut cmd, support::NOW);
        cmd.args(["stats", "--team", "--by", "service", "--csv"]);
        std::thread::spawn(move || {
            let mut runs = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                let output = cmd.output().unwrap();
                // Exit 1 (nothing to count yet) only before the first referral lands.
                assert!(
                    matches!(output.status.code(), Some(0 | 1)),
                    "{}",
                    String::from_utf8_lossy(&output.stderr)
                );
                runs += 1;
            }
            runs
        })
    };
    std::thread::scope(|scope| {
        for (i, sandbox) in operators.iter().enumerate() {
            scope.spawn(move || {
                for j in 0..EACH {
                    // Each note in its own second: references differ by their time.
                    let k = i * EACH + j;
                    let now = format!("2026-11-23T14:{:02}:{:02}+03:00", 5 + k / 60, k % 60);
                    let mut cmd = sandbox.command_at(&now);
                    cmd.arg("--catalogue").arg(support::referral_catalogue());
                    let output = cmd
                        .args([
                            "refer",
                            "full-shelter",
                            "--consent",
                            "verbal",
                            "--case-ref",
                            "none",
                        ])
                        .env("PATHWAYS_OPERATOR", format!("op{i}"))
                        .output()
                        .unwrap();
                    assert!(output.status.success(), "{output:?}");
                    assert!(
                        !String::from_utf8_lossy(&output.stderr).contains("team log"),
                        "{}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            });
        }
    });
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(counting.join().unwrap() > 0);
    for sandbox in &operators {
        assert_eq!(sandbox.history().len(), EACH);
    }
    let csv = stdout(
        coordinator
            .pathways()
            .args(["stats", "--team", "--by", "service", "--csv"]),
    );
    assert!(
        csv.contains("full-shelter,Night shelter for migrants,1000,"),
        "{csv}"
    );
    assert_eq!(team.records(&coordinator).len(), OPERATORS * EACH);
}

#[test]
fn a_status_set_back_on_the_same_day_reaches_the_team_log_as_often_as_it_was_said() {
    let team = TeamFolder::new();
    let operator = team.operator();
    operator
        .refer(&["full-shelter", "--case-ref", "none"])
        .assert()
        .success();
    let note = operator.history()[0]["note_ref"]
        .as_str()
        .unwrap()
        .to_string();
    for status in ["accepted", "declined-by-service", "accepted"] {
        operator
            .command()
            .args(["outcome", &note, status])
            .assert()
            .success()
            .stderr("");
    }
    sandbox_sync(&operator, "copied 0 referrals and 0 outcomes");
    let theirs = &team.records(&operator)[0]["outcomes"];
    let mine = &operator.history()[0]["outcomes"];
    assert_eq!(mine.as_array().unwrap().len(), 3);
    assert_eq!(theirs, mine, "every outcome, in order");
    let by_service = |team: &[&str]| {
        let csv = stdout(
            operator
                .pathways()
                .args(["stats", "--by", "service", "--csv"])
                .args(team),
        );
        csv.lines().nth(1).unwrap().to_string()
    };
    assert_eq!(
        by_service(&["--team"]),
        by_service(&[]),
        "the same latest status"
    );
}

#[test]
fn the_team_log_keeps_the_system_configs_days_whatever_the_user_sets() {
    let team = TeamFolder::new();
    let operator = Sandbox::new();
    operator.write_system_config(&format!(
        "[history]\nkeep_days = 365\n[team]\nlog = {:?}\n",
        team.log().display().to_string()
    ));
    operator.write_config("[history]\nkeep_days = 1\n");
    for now in [support::NOW, "2026-11-25T14:05:00+03:00"] {
        operator
            .command_at(now)
            .arg("--catalogue")
            .arg(support::referral_catalogue())
            .args([
                "refer",
                "--consent",
                "verbal",
                "full-shelter",
                "--case-ref",
                "none",
            ])
            .assert()
            .success()
            .stderr(predicate::str::contains("team log").not());
    }
    assert_eq!(operator.history().len(), 1, "the own log kept one day");
    assert_eq!(team.records(&operator).len(), 2, "the team log a year");
}

#[test]
fn a_world_readable_write_ahead_file_is_refused() {
    let team = TeamFolder::new();
    let operator = team.operator();
    operator
        .refer(&["full-shelter", "--case-ref", "none"])
        .assert()
        .success();
    let wal = team.dir.path().join("team.db-wal");
    assert!(wal.exists(), "SQLite keeps its write-ahead file");
    set_mode(&wal, 0o664);
    let named = wal.display().to_string();
    refused(
        &operator,
        &["history", "--team"],
        &format!(
            "the team log {named} is world-readable: refused (the administrator runs: chmod o-rwx {named})"
        ),
    );
}
