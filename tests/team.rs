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
