//! Configuration: `config.toml` in the XDG config directory, and the paths Pathways uses.
//!
//! Every key is optional and unknown keys are refused, with the position of the fault, so a
//! typo in a shared config cannot silently change behaviour.

use crate::catalogue::LineIndex;
use crate::error::CliError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

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
    pub history: HistoryConfig,
    pub clipboard: ClipboardConfig,
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
            history: HistoryConfig::default(),
            clipboard: ClipboardConfig::default(),
        }
    }
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

/// Where Pathways reads and writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// The config file (may not exist).
    pub config_file: PathBuf,
    /// Where `config_file` came from: `--config`, `PATHWAYS_CONFIG` or the default place.
    pub config_source: &'static str,
    /// The data directory: history and the saved draft live here.
    pub data_dir: PathBuf,
    /// The cache directory: validated catalogues, so repeated lookups skip the parse.
    pub cache_dir: PathBuf,
}

impl Paths {
    /// The old history file (`history.jsonl`), moved into the referral log on first use.
    pub fn history_file(&self) -> PathBuf {
        self.data_dir.join("history.jsonl")
    }

    /// The referral log (`referrals.db`) in the data directory.
    pub fn referral_log(&self) -> PathBuf {
        self.data_dir.join("referrals.db")
    }

    /// Notes the TUI writes with Ctrl-o (purged with the history after `keep_days`).
    pub fn notes_dir(&self) -> PathBuf {
        self.data_dir.join("notes")
    }

    /// The saved referral draft, offered again after a dropped link.
    pub fn draft_file(&self) -> PathBuf {
        self.data_dir.join("draft.json")
    }
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
    history: Option<HistoryFile>,
    clipboard: Option<ClipboardFile>,
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

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "pathways")
}

/// Where validated catalogues are cached (`~/.cache/pathways` on Linux).
pub fn cache_dir() -> PathBuf {
    project_dirs()
        .map(|d| d.cache_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("pathways-cache"))
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

/// Resolves the paths and loads the configuration: `--config`/`PATHWAYS_CONFIG`, else
/// `config.toml` in the config directory; a missing file means the defaults. An unknown key
/// or a wrong type is `PATH:LINE:COLUMN: error: ...` (exit 2). `explicit` is the file named
/// by `--config` or `PATHWAYS_CONFIG`, which must exist.
pub fn load(explicit: Option<&Path>) -> Result<(Config, Paths), CliError> {
    let dirs = project_dirs();
    let (config_file, config_source) = match explicit {
        Some(path) => (
            path.to_path_buf(),
            option_source("PATHWAYS_CONFIG", "--config", path),
        ),
        None => (
            dirs.as_ref()
                .map(|d| d.config_dir().join("config.toml"))
                .unwrap_or_else(|| PathBuf::from("pathways-config.toml")),
            "default location",
        ),
    };
    let data_dir = dirs
        .as_ref()
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".pathways"));
    let paths = Paths {
        config_file,
        config_source,
        data_dir,
        cache_dir: cache_dir(),
    };
    let config = match std::fs::read_to_string(&paths.config_file) {
        Ok(text) => parse(&text, &paths.config_file)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
            Config::default()
        }
        Err(e) => {
            return Err(CliError::bad_input(format!(
                "cannot read config {}: {e}",
                paths.config_file.display()
            ))
            .with_hint("check the path given with --config or PATHWAYS_CONFIG"));
        }
    };
    Ok((config, paths))
}

/// Parses config text; relative paths in it are taken from the config file's directory.
pub fn parse(text: &str, path: &Path) -> Result<Config, CliError> {
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
        CliError::bad_input(format!(
            "{}:{line}:{column}: error: {message}",
            path.display()
        ))
        .with_hint("see 'pathways config init' for the keys")
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let defaults = Config::default();
    let history = file.history.unwrap_or_default();
    let keep_days = history.keep_days.unwrap_or(defaults.history.keep_days);
    if !(1..=MAX_KEEP_DAYS).contains(&keep_days) {
        return Err(CliError::bad_input(format!(
            "{}: error: history.keep_days is {keep_days}: it must be from 1 to {MAX_KEEP_DAYS} \
             days",
            path.display()
        )));
    }
    Ok(Config {
        catalogue: file.catalogue.map(|p| resolve(base, p)),
        operator: file.operator,
        organisation: file.organisation,
        default_region: file.default_region,
        template: file.template.unwrap_or(defaults.template),
        templates_dir: file.templates_dir.map(|p| resolve(base, p)),
        history: HistoryConfig {
            enabled: history.enabled.unwrap_or(defaults.history.enabled),
            store_case_ref: history
                .store_case_ref
                .unwrap_or(defaults.history.store_case_ref),
            keep_days,
        },
        clipboard: ClipboardConfig {
            tmux_passthrough: file
                .clipboard
                .and_then(|c| c.tmux_passthrough)
                .unwrap_or(false),
        },
    })
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
