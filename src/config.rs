//! Configuration: the system's `/etc/pathways/config.toml` (a team's shared settings), the
//! user's `config.toml` in the XDG config directory over it, and the paths Pathways uses.
//!
//! Every key is optional and unknown keys are refused, with the position of the fault, so a
//! typo in a shared config cannot silently change behaviour. Each effective value remembers
//! where it came from, so `pathways config show` can say why a setting is what it is.

use crate::catalogue::LineIndex;
use crate::error::{CliError, Text, msg};
use crate::i18n::{Lang, UnknownLanguage, locale_language};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The system configuration, shared by every user of the host.
pub const SYSTEM_CONFIG: &str = "/etc/pathways/config.toml";

/// The system configuration's path: `PATHWAYS_SYSTEM_CONFIG` (for tests and unusual
/// installs), else [`SYSTEM_CONFIG`].
pub fn system_config_path() -> PathBuf {
    std::env::var_os("PATHWAYS_SYSTEM_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(SYSTEM_CONFIG))
}

/// Where each effective value came from, by its key (`template`, `history.keep_days`, …):
/// `system config PATH`, `user config PATH`, `--operator`, `PATHWAYS_OPERATOR`. Keys
/// absent here have their built-in default.
pub type Sources = BTreeMap<&'static str, String>;

/// The effective configuration (file values over defaults).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    /// Catalogue file to use when neither `--catalogue` nor `PATHWAYS_CATALOGUE` is given.
    pub catalogue: Option<PathBuf>,
    /// Name of the operator, printed in referral notes.
    pub operator: Option<String>,
    /// Referring organisation, printed in referral notes.
    pub organisation: Option<String>,
    /// Region id or name preselected in the TUI.
    pub default_region: Option<String>,
    /// Template name for notes (`en`, `ru`, or a `NAME.j2` in `templates_dir`).
    pub template: String,
    pub templates_dir: Option<PathBuf>,
    /// The interface language (`en`, `ru`: a language with a bundle), below `--ui-lang`
    /// and `PATHWAYS_UI_LANG`, above the locale.
    pub ui_language: Option<String>,
    pub history: HistoryConfig,
    pub clipboard: ClipboardConfig,
    pub team: TeamConfig,
    /// Where each value came from (not a setting itself).
    #[serde(skip)]
    pub sources: Sources,
}

/// `[team]`: only in the system configuration.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct TeamConfig {
    /// The team's shared referral log, readable by the coordinator.
    pub log: Option<PathBuf>,
    /// How long the team log keeps records: the system config's `history.keep_days`, so
    /// an operator's own config cannot shorten (or lengthen) the team's history.
    #[serde(skip)]
    pub keep_days: Option<i64>,
}

/// `[history]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryConfig {
    pub enabled: bool,
    /// Adds the client code (`case_ref`) to history records. Off by default: privacy.
    pub store_case_ref: bool,
    /// Records older than this are purged (1 to [`MAX_KEEP_DAYS`]).
    pub keep_days: i64,
}

/// `[clipboard]`
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ClipboardConfig {
    /// Wrap OSC 52 in tmux's DCS passthrough. Off by default: tmux with
    /// `set-clipboard on` forwards the plain sequence, and blanket wrapping breaks users.
    pub tmux_passthrough: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            catalogue: None,
            operator: None,
            organisation: None,
            default_region: None,
            template: "en".to_string(),
            templates_dir: None,
            ui_language: None,
            history: HistoryConfig::default(),
            clipboard: ClipboardConfig::default(),
            team: TeamConfig::default(),
            sources: Sources::new(),
        }
    }
}

impl Config {
    /// Where `key` came from, for `config show`: a source, or "default".
    pub fn source_of(&self, key: &str) -> &str {
        self.sources.get(key).map_or("default", String::as_str)
    }

    /// The interface language: `flag` (`--ui-lang`), `PATHWAYS_UI_LANG` and the locale
    /// read through `env`, this config's `ui_language` between them (see
    /// [`crate::i18n::choose`]).
    pub fn language_choice(
        &self,
        flag: Option<&str>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<crate::i18n::Choice, crate::i18n::UnknownLanguage> {
        let config = self
            .ui_language
            .as_deref()
            .map(|code| (code, self.source_of("ui_language")));
        crate::i18n::choose(flag, env, config)
    }

    /// The operator's name for the referral log: the configured one, else the login name.
    /// Notes print only a configured name (a login name is not a person's name).
    pub fn operator_or_login(&self) -> String {
        self.operator.clone().unwrap_or_else(login_name)
    }
}

/// The login name of the user running Pathways (from the password database, else `USER`),
/// or `uid N` when neither knows it.
pub fn login_name() -> String {
    // SAFETY: geteuid has no preconditions.
    let uid = unsafe { libc::geteuid() };
    password_name(uid)
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| format!("uid {uid}"))
}

fn password_name(uid: libc::uid_t) -> Option<String> {
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buffer = vec![0 as libc::c_char; 4096];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call and the buffer's length is given.
    let status = unsafe {
        libc::getpwuid_r(
            uid,
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    if status != 0 || found.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: getpwuid_r succeeded, so pw_name points at a NUL-terminated string in buffer.
    let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
    Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty())
}

impl Default for HistoryConfig {
    fn default() -> Self {
        HistoryConfig {
            enabled: true,
            store_case_ref: false,
            keep_days: 365,
        }
    }
}

/// The longest retention `history.keep_days` accepts: a hundred years. Beyond it a date
/// computation overflows, and no hotline keeps case data longer.
pub const MAX_KEEP_DAYS: i64 = 36_500;

/// Why Pathways cannot keep anything of its own: neither a home directory nor an XDG
/// variable resolved. Pathways then never falls back to `/tmp` or the current directory
/// (another user could plant a cache entry or a config there): read-only commands run
/// without the cache and the user config, and whatever must be written stops here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "no home directory was found, so Pathways has nowhere of its own to write: set HOME \
     (or XDG_DATA_HOME) to a directory that is yours"
)]
pub struct NoHome;

impl From<NoHome> for CliError {
    fn from(_: NoHome) -> CliError {
        CliError::could_not_act(crate::error::msg!("no-home"))
    }
}

/// Where Pathways reads and writes. Each directory is `None` when no home directory and
/// no XDG variable resolved ([`NoHome`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// The config file (may not exist); `None` without a home: no user config.
    pub config_file: Option<PathBuf>,
    /// Where `config_file` came from: `--config`, `PATHWAYS_CONFIG` or the default place.
    pub config_source: &'static str,
    /// The data directory: history and the saved drafts live here.
    pub data_dir: Option<PathBuf>,
    /// The cache directory: validated catalogues, so repeated lookups skip the parse.
    pub cache_dir: Option<PathBuf>,
}

impl Paths {
    /// The data directory, or why there is none.
    pub fn data(&self) -> Result<&Path, NoHome> {
        self.data_dir.as_deref().ok_or(NoHome)
    }

    /// The old history file (`history.jsonl`), moved into the referral log on first use.
    pub fn history_file(&self) -> Result<PathBuf, NoHome> {
        Ok(self.data()?.join("history.jsonl"))
    }

    /// The referral log (`referrals.db`) in the data directory.
    pub fn referral_log(&self) -> Result<PathBuf, NoHome> {
        Ok(self.data()?.join("referrals.db"))
    }

    /// Notes the TUI writes with Ctrl-o (purged with the history after `keep_days`).
    pub fn notes_dir(&self) -> Result<PathBuf, NoHome> {
        Ok(self.data()?.join("notes"))
    }

    /// The saved referral draft, offered again after a dropped link: one per operator
    /// (`draft-NAME.json`), so people who share an account never restore each other's
    /// draft; `draft.json` when no operator is named.
    pub fn draft_file(&self, operator: Option<&str>) -> Result<PathBuf, NoHome> {
        let name = match operator.map(file_name_part).filter(|n| !n.is_empty()) {
            Some(name) => format!("draft-{name}.json"),
            None => "draft.json".to_string(),
        };
        Ok(self.data()?.join(name))
    }
}

/// A person's name as part of a file name: letters and digits kept (any script), every
/// other run of characters one `_`, at most 64 characters, so no name can reach outside
/// the directory or hide as a dot file.
pub fn file_name_part(name: &str) -> String {
    let mut part = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() || c == '-' {
            part.push(c);
        } else if !part.ends_with('_') {
            part.push('_');
        }
    }
    part.trim_matches('_').chars().take(64).collect()
}

/// The config file as written: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    catalogue: Option<PathBuf>,
    operator: Option<String>,
    organisation: Option<String>,
    default_region: Option<String>,
    template: Option<String>,
    templates_dir: Option<PathBuf>,
    ui_language: Option<String>,
    history: Option<HistoryFile>,
    clipboard: Option<ClipboardFile>,
    team: Option<TeamFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamFile {
    log: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryFile {
    enabled: Option<bool>,
    store_case_ref: Option<bool>,
    keep_days: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClipboardFile {
    tmux_passthrough: Option<bool>,
}

/// A commented example, written by `pathways config init`.
pub const EXAMPLE_CONFIG: &str = include_str!("../data/config.example.toml");

/// The commented example of a team's system config, written by `pathways config init --system`.
pub const SYSTEM_EXAMPLE_CONFIG: &str = include_str!("../data/config.system.example.toml");

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "pathways")
}

/// One of Pathways' own directories: under `HOME` (the platform's convention, XDG
/// variables included), else from the XDG variable alone (an absolute path), else none.
/// Only what the user's environment names counts: never `/tmp` or the current directory,
/// which on a shared host belong to everyone, and not the password database either, so a
/// session started without `HOME` (`env -i`, a bare `setpriv`) writes nothing anywhere.
fn own_dir(pick: fn(&directories::ProjectDirs) -> &Path, xdg: &str) -> Option<PathBuf> {
    let home = std::env::var_os("HOME").is_some_and(|home| Path::new(&home).is_absolute());
    home.then(project_dirs)
        .flatten()
        .map(|dirs| pick(&dirs).to_path_buf())
        .or_else(|| {
            std::env::var_os(xdg)
                .map(PathBuf::from)
                .filter(|dir| dir.is_absolute())
                .map(|dir| dir.join("pathways"))
        })
}

/// Where validated catalogues are cached (`~/.cache/pathways` on Linux); `None` without a
/// home: catalogues are then parsed on every start.
pub fn cache_dir() -> Option<PathBuf> {
    own_dir(directories::ProjectDirs::cache_dir, "XDG_CACHE_HOME")
}

/// Which source a global option came from: the flag, or its environment variable.
pub fn option_source(env: &str, flag: &'static str, value: &Path) -> &'static str {
    match std::env::var_os(env) {
        Some(v) if Path::new(&v) == value => match env {
            "PATHWAYS_CONFIG" => "PATHWAYS_CONFIG",
            _ => "PATHWAYS_CATALOGUE",
        },
        _ => flag,
    }
}

/// Which source a global text option came from: the flag, or its environment variable.
pub fn option_source_str(env: &'static str, flag: &'static str, value: &str) -> &'static str {
    match std::env::var(env) {
        Ok(v) if v.trim() == value => env,
        _ => flag,
    }
}

/// Resolves the paths and loads the configuration: `--config`/`PATHWAYS_CONFIG`, else
/// `config.toml` in the config directory; a missing file means the defaults. An unknown key
/// or a wrong type is `PATH:LINE:COLUMN: error: ...` (exit 2). `explicit` is the file named
/// by `--config` or `PATHWAYS_CONFIG`, which must exist.
pub fn load(explicit: Option<&Path>) -> Result<(Config, Paths), CliError> {
    let (config_file, config_source) = match explicit {
        Some(path) => (
            Some(path.to_path_buf()),
            option_source("PATHWAYS_CONFIG", "--config", path),
        ),
        None => (
            own_dir(directories::ProjectDirs::config_dir, "XDG_CONFIG_HOME")
                .map(|dir| dir.join("config.toml")),
            "default location",
        ),
    };
    let paths = Paths {
        config_file,
        config_source,
        data_dir: own_dir(directories::ProjectDirs::data_dir, "XDG_DATA_HOME"),
        cache_dir: cache_dir(),
    };
    let mut config = Config::default();
    let system = system_config_path();
    if let Some(text) = read_layer(&system, false)? {
        apply(&mut config, &text, &system, Layer::System)?;
    }
    if let Some(file) = &paths.config_file
        && let Some(text) = read_layer(file, explicit.is_some())?
    {
        apply(&mut config, &text, file, Layer::User)?;
    }
    Ok((config, paths))
}

/// The two configuration files, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    System,
    User,
}

impl Layer {
    fn name(self) -> &'static str {
        match self {
            Layer::System => "system config",
            Layer::User => "user config",
        }
    }
}

/// A configuration file's text; `None` when it does not exist and need not. A file that
/// exists but cannot be read is exit 2 naming it (a team's settings must not silently
/// vanish because of a permission).
fn read_layer(path: &Path, required: bool) -> Result<Option<String>, CliError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(None),
        Err(e) => Err(CliError::bad_input(msg!(
            "cli-config-unreadable",
            path = path.display(),
            error = e.to_string()
        ))
        .with_hint(if required {
            msg!("cli-config-path-hint")
        } else {
            msg!("cli-config-mode-hint")
        })),
    }
}

/// Parses config text as a user's file: the defaults with this file's values over them;
/// relative paths in it are taken from the file's directory.
pub fn parse(text: &str, path: &Path) -> Result<Config, CliError> {
    let mut config = Config::default();
    apply(&mut config, text, path, Layer::User)?;
    Ok(config)
}

/// Parses one file and lays its values over `config`, noting where each came from.
fn apply(config: &mut Config, text: &str, path: &Path, layer: Layer) -> Result<(), CliError> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| LineIndex::new(text).position(s.start))
            .unwrap_or((1, 1));
        let message = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid configuration")
            .to_string();
        config_error(path, line, column, &message)
    })?;
    if layer == Layer::User && file.team.is_some() {
        let (line, column) = text
            .find("[team]")
            .map_or((1, 1), |at| LineIndex::new(text).position(at));
        return Err(CliError::bad_input(msg!(
            "cli-config-team-in-user",
            at = format!("{}:{line}:{column}", path.display())
        ))
        .with_hint(msg!("cli-config-keys-hint")));
    }
    let base = path.parent().unwrap_or(Path::new("."));
    let source = format!("{} {}", layer.name(), path.display());
    let mut from = |key: &'static str| {
        config.sources.insert(key, source.clone());
    };
    // Each key present in the file replaces the value below it.
    let mut set = |key: &'static str, present: bool| {
        if present {
            from(key);
        }
        present
    };
    if set("catalogue", file.catalogue.is_some()) {
        config.catalogue = file.catalogue.map(|p| resolve(base, p));
    }
    if set("operator", file.operator.is_some()) {
        config.operator = file.operator;
    }
    if set("organisation", file.organisation.is_some()) {
        config.organisation = file.organisation;
    }
    if set("default_region", file.default_region.is_some()) {
        config.default_region = file.default_region;
    }
    if let Some(template) = file.template {
        set("template", true);
        config.template = template;
    }
    if set("templates_dir", file.templates_dir.is_some()) {
        config.templates_dir = file.templates_dir.map(|p| resolve(base, p));
    }
    // Checked here, where the file is known: the error names it in the operator's words.
    if let Some(code) = &file.ui_language
        && Lang::find(&locale_language(code).unwrap_or_default()).is_none()
    {
        let which = match layer {
            Layer::System => "system",
            Layer::User => "user",
        };
        let origin = msg!(
            "cli-ui-language-in-config",
            which = which,
            path = path.display()
        );
        return Err(language_error(origin, code, &crate::i18n::available()));
    }
    if set("ui_language", file.ui_language.is_some()) {
        config.ui_language = file.ui_language;
    }
    let history = file.history.unwrap_or_default();
    if let Some(enabled) = history.enabled {
        set("history.enabled", true);
        config.history.enabled = enabled;
    }
    if let Some(store) = history.store_case_ref {
        set("history.store_case_ref", true);
        config.history.store_case_ref = store;
    }
    if let Some(days) = history.keep_days {
        keep_days_in_range(days, &source)?;
        set("history.keep_days", true);
        config.history.keep_days = days;
        if layer == Layer::System {
            config.team.keep_days = Some(days);
        }
    }
    if let Some(wrap) = file.clipboard.and_then(|c| c.tmux_passthrough) {
        set("clipboard.tmux_passthrough", true);
        config.clipboard.tmux_passthrough = wrap;
    }
    if let Some(log) = file.team.and_then(|t| t.log) {
        set("team.log", true);
        config.team.log = Some(resolve(base, log));
    }
    Ok(())
}

/// `PATH:LINE:COLUMN: error: MESSAGE` (the TOML reader's message, as it gives it).
fn config_error(path: &Path, line: usize, column: usize, message: &str) -> CliError {
    CliError::bad_input(format!(
        "{}:{line}:{column}: error: {message}",
        path.display()
    ))
    .with_hint(msg!("cli-config-keys-hint"))
}

/// A language asked for by flag or variable that has no bundle: exit 2 with the list,
/// naming the flag or variable as it is. (A config's `ui_language` is refused as its file
/// is read, naming the file in the operator's words: the choice never fails on it.)
pub fn unknown_language(error: &UnknownLanguage) -> CliError {
    let origin = error.origin.to_string();
    language_error(origin.into(), &error.code, &error.available)
}

/// `ORIGIN: no interface language 'CODE'`, with the languages there are.
fn language_error(origin: Text, code: &str, available: &str) -> CliError {
    CliError::bad_input(msg!(
        "cli-unknown-ui-language",
        origin = origin,
        code = crate::text::escape_input(code),
        available = available
    ))
    .with_hint(msg!("cli-ui-language-hint", available = available))
}

fn keep_days_in_range(days: i64, source: &str) -> Result<(), CliError> {
    if !(1..=MAX_KEEP_DAYS).contains(&days) {
        return Err(CliError::bad_input(msg!(
            "cli-keep-days-range",
            days = days,
            source = source,
            max = MAX_KEEP_DAYS
        )));
    }
    Ok(())
}

/// `~/x` from the home directory, a relative path from the config file's directory.
fn resolve(base: &Path, path: PathBuf) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    if path.is_relative() {
        base.join(path)
    } else {
        path
    }
}
