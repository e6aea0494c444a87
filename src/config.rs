//! Configuration: `config.toml` in the XDG config directory, and the paths Pathways uses.
//!
//! STUB CONTRACT: `Config`, `HistoryConfig`, `ClipboardConfig` and `Paths` are the shapes
//! other modules read; loading is filled in by the configuration work.

use std::path::PathBuf;

/// The effective configuration (file values over defaults).
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryConfig {
    pub enabled: bool,
    /// Adds the client code (`case_ref`) to history records. Off by default: privacy.
    pub store_case_ref: bool,
    /// Records older than this are purged.
    pub keep_days: i64,
}

/// `[clipboard]`
#[derive(Debug, Clone, PartialEq, Default)]
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

/// Where Pathways reads and writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// The config file (may not exist).
    pub config_file: PathBuf,
    /// The data directory: history and the saved draft live here.
    pub data_dir: PathBuf,
}

impl Paths {
    /// `history.jsonl` in the data directory.
    pub fn history_file(&self) -> PathBuf {
        self.data_dir.join("history.jsonl")
    }

    /// The saved referral draft, offered again after a dropped link.
    pub fn draft_file(&self) -> PathBuf {
        self.data_dir.join("draft.json")
    }
}

/// Loads the configuration named by `--config`/`PATHWAYS_CONFIG`, else the one in the
/// config directory; a missing file is the defaults.
pub fn load(global: &crate::cli::GlobalArgs) -> Result<(Config, Paths), crate::cli::CliError> {
    let dirs = directories::ProjectDirs::from("org", "pathways", "pathways");
    let config_file = global.config.clone().unwrap_or_else(|| {
        dirs.as_ref()
            .map(|d| d.config_dir().join("config.toml"))
            .unwrap_or_else(|| PathBuf::from("pathways-config.toml"))
    });
    let data_dir = dirs
        .as_ref()
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".pathways"));
    Ok((
        Config::default(),
        Paths {
            config_file,
            data_dir,
        },
    ))
}
