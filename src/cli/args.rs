//! The command line, as clap definitions. Names, flags and exit codes here are a contract
//! with scripts and operators: add, don't rename.

use crate::referral::{AgeBand, ConsentKind, ContactChannel, NoteFormat, Priority, Reason, Status};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub use crate::context::GlobalArgs;

/// Pathways: a keyboard-first directory of assistance services and referral pathways.
///
/// With no command, opens the interactive directory (TUI) on the catalogue in use.
#[derive(Debug, Parser)]
#[command(name = "pathways", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 done, 1 nothing found, 2 bad input, 3 could not act.\n\
Examples:\n  pathways                          open the directory\n  \
pathways search shelter --region buda-koshelevo\n  pathways show iom-avrr\n  \
pathways check my-catalogue.toml"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find services by text, need and region.
    #[command(after_help = "Example: pathways search food parcel --region gomel --need food-nfi")]
    Search(SearchArgs),
    /// Show one service's card.
    #[command(after_help = "Example: pathways show iom-avrr --json")]
    Show(ShowArgs),
    /// Produce a referral note for one or more services.
    #[command(
        after_help = "Example: pathways refer iom-avrr --consent verbal --case-ref C-0042 --priority urgent --copy"
    )]
    Refer(Box<ReferArgs>),
    /// Check a catalogue file and report every problem as FILE:LINE:COLUMN.
    #[command(after_help = "Example: pathways check my-catalogue.toml")]
    Check(CheckArgs),
    /// Print the taxonomy of needs with service counts.
    #[command(after_help = "Example: pathways needs --json")]
    Needs(TreeArgs),
    /// Print the region tree with service counts (or one subtree).
    #[command(after_help = "Example: pathways regions gomel")]
    Regions(TreeArgs),
    /// List referral history records.
    #[command(after_help = "Example: pathways history --due")]
    History(HistoryArgs),
    /// Count referral history records.
    #[command(after_help = "Example: pathways stats --by region --csv")]
    Stats(StatsArgs),
    /// Record what became of a referral (per service; the latest outcome is current).
    #[command(
        after_help = "Example: pathways outcome PW-20261123-140500-K7QM declined-by-service --service iom-avrr --reason no-capacity"
    )]
    Outcome(OutcomeArgs),
    /// The team log shared by the operators of one server.
    #[command(after_help = "Example: pathways team sync")]
    Team {
        #[command(subcommand)]
        action: TeamAction,
    },
    /// Show or create the configuration.
    #[command(after_help = "Example: pathways config path")]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Print the embedded default catalogue, the starting point for your own.
    #[command(after_help = "Example: pathways default-catalogue > my-catalogue.toml")]
    DefaultCatalogue,
    /// Print shell completions.
    #[command(
        after_help = "Example: pathways completions bash > ~/.local/share/bash-completion/completions/pathways"
    )]
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example: pathways man > pathways.1")]
    Man,
    /// Print every key of the interactive directory, from the same tables as its help (F1).
    #[command(after_help = "Example: pathways keys | less")]
    Keys(KeysArgs),
    /// Import a directory published in another format as a catalogue.
    #[command(after_help = "Example: pathways import hsds ./datapackage --out my-catalogue.toml")]
    Import {
        #[command(subcommand)]
        format: ImportFormat,
    },
    /// Export the catalogue in use in another format.
    #[command(after_help = "Example: pathways export hsds ./hsds-out --format json")]
    Export {
        #[command(subcommand)]
        format: ExportFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportFormat {
    /// Open Referral HSDS (1.x, 2.0, 3.0): a datapackage folder, a .zip of one, or 3.0 JSON.
    #[command(
        after_help = "Exit codes: 0 written (even with report lines), 2 PATH is not HSDS or no service could be read, 3 the output cannot be written.\n\
Example: pathways import hsds ./miami-211 --out miami.toml --timezone America/New_York --country US"
    )]
    Hsds(ImportHsdsArgs),
}

#[derive(Debug, Args, Clone)]
pub struct ImportHsdsArgs {
    /// Datapackage folder (with or without datapackage.json), .zip of one, or HSDS 3.0 JSON.
    pub path: PathBuf,
    /// Write the catalogue to this file (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing --out file (its ids are kept for records with the same HSDS id).
    #[arg(long, requires = "out")]
    pub force: bool,
    /// IANA time zone for "open now" (default: none written, the host's zone is used).
    #[arg(long, value_name = "TZ")]
    pub timezone: Option<String>,
    /// Two-letter country code of the region tree's root (default: from the addresses).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Catalogue title (default: the datapackage's title, else the folder's name).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// TOML file of needs, regions and term/area mappings to use (see docs/import-export.md).
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// The report as JSON (on stdout with --out, else on stderr) instead of text on stderr.
    #[arg(long)]
    pub json_report: bool,
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// Open Referral HSDS 3.0: a tabular datapackage (csv) or services.json (json).
    #[command(
        after_help = "Exit codes: 0 written, 2 the catalogue cannot be read, 3 DIR is not empty (without --force) or cannot be written.\n\
Example: pathways export hsds ./hsds-out"
    )]
    Hsds(ExportHsdsArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFileFormat {
    /// datapackage.json and the CSV files the specification names.
    #[default]
    Csv,
    /// services.json: a JSON array of service_full objects.
    Json,
}

#[derive(Debug, Args, Clone)]
pub struct ExportHsdsArgs {
    /// Directory to write into: absent or empty (see --force).
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ExportFileFormat::Csv)]
    pub format: ExportFileFormat,
    /// Replace the files Pathways writes in a non-empty DIR (nothing else is touched).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args, Clone, Default)]
pub struct SearchArgs {
    /// Words to search for, ranked by relevance: services matching more words come first,
    /// and a word no service mentions is dropped with a notice. Stems, prefixes and typos
    /// match; a region named in the words acts as --region. fzf operators 'exact ^prefix
    /// suffix$ !not must hold.
    pub query: Vec<String>,
    /// Need id, name or alias (repeatable: any of them).
    #[arg(long = "need", value_name = "X")]
    pub needs: Vec<String>,
    /// Region id, name or alias (Latin or Cyrillic).
    #[arg(long, value_name = "X")]
    pub region: Option<String>,
    /// Only services offered in this language.
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
    /// Only services for this target population.
    #[arg(long, value_name = "X")]
    pub population: Option<String>,
    /// Only services open now (and those with unknown hours, after them).
    #[arg(long, conflicts_with = "open_at")]
    pub open_now: bool,
    /// Only services open at this moment (RFC 3339, or YYYY-MM-DD HH:MM in the catalogue's zone).
    #[arg(long, value_name = "DATETIME")]
    pub open_at: Option<String>,
    /// Include inactive services.
    #[arg(long)]
    pub include_inactive: bool,
    /// Read words naming a region as text, not as the region filter.
    #[arg(long)]
    pub no_place_words: bool,
    /// At most this many hits (0: all).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ShowArgs {
    /// Service id.
    pub id: String,
    /// JSON output: every field with organisation and contacts resolved.
    #[arg(long)]
    pub json: bool,
    /// Include staff-only phones and contacts, marked.
    #[arg(long)]
    pub private: bool,
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Catalogue to check (default: the catalogue in use).
    pub path: Option<PathBuf>,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
    /// Also warn about services the referral log shows declining referrals three times in a row.
    #[arg(long)]
    pub with_log: bool,
}

#[derive(Debug, Args, Clone)]
pub struct TreeArgs {
    /// Print only this subtree (id, name or alias).
    pub root: Option<String>,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ReferArgs {
    /// Service ids to refer to.
    #[arg(required = true)]
    pub ids: Vec<String>,
    /// Client code (never a name).
    #[arg(long, value_name = "CODE")]
    pub case_ref: Option<String>,
    /// Short reason for the referral.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Needs (id, name or alias; repeatable). Default: the services' needs.
    #[arg(long = "need", value_name = "X")]
    pub needs: Vec<String>,
    /// Region (id, name or alias).
    #[arg(long, value_name = "X")]
    pub region: Option<String>,
    #[arg(long, value_enum, default_value_t = Priority::Routine)]
    pub priority: Priority,
    /// Why a note goes without consent (emergency only; default "emergency").
    #[arg(long, value_name = "TEXT")]
    pub override_reason: Option<String>,
    /// How consent was given.
    #[arg(long, value_enum)]
    pub consent: Option<ConsentKind>,
    /// When consent was given (default: today).
    #[arg(long, value_name = "DATE")]
    pub consent_date: Option<String>,
    #[arg(long, value_enum)]
    pub age_band: Option<AgeBand>,
    /// The client is a minor.
    #[arg(long)]
    pub minor: bool,
    /// The client's language (repeatable).
    #[arg(long = "client-language", value_name = "CODE")]
    pub client_languages: Vec<String>,
    /// An interpreter is needed.
    #[arg(long)]
    pub interpreter: bool,
    #[arg(long, value_enum)]
    pub contact_channel: Option<ContactChannel>,
    /// Follow-up date (default: from the priority).
    #[arg(long, value_name = "DATE")]
    pub follow_up: Option<String>,
    /// Template name (en, ru, or NAME.j2 in templates_dir).
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    #[arg(long, value_enum, default_value_t = NoteFormat::Text)]
    pub format: NoteFormat,
    /// Copy the note to the clipboard (OSC 52 through the terminal).
    #[arg(long)]
    pub copy: bool,
    /// Write the note to this file (atomically, mode 0600).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite an existing --out file.
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Debug, Args, Clone)]
pub struct HistoryArgs {
    /// JSON output (one array).
    #[arg(long)]
    pub json: bool,
    /// Only follow-ups due today or overdue.
    #[arg(long)]
    pub due: bool,
    /// Delete records older than this date.
    #[arg(long, value_name = "DATE")]
    pub purge_before: Option<String>,
    /// Check the referral log's integrity (PRAGMA integrity_check) and report.
    #[arg(long, conflicts_with_all = ["json", "due", "purge_before"])]
    pub check: bool,
    /// The team log (the system config's `[team] log`) instead of your own.
    #[arg(long, conflicts_with_all = ["purge_before", "check"])]
    pub team: bool,
}

#[derive(Debug, Args, Clone)]
pub struct OutcomeArgs {
    /// The note's reference (PW-...), as on the note and in 'pathways history'.
    #[arg(value_name = "NOTE-REF")]
    pub note_ref: String,
    #[arg(value_enum)]
    pub status: Status,
    /// Only for this service of the note (default: every service it named).
    #[arg(long, value_name = "ID")]
    pub service: Option<String>,
    /// When it happened (default: today); not before the referral.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Why, as a code (never free text).
    #[arg(long, value_enum, value_name = "CODE")]
    pub reason: Option<Reason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum StatsBy {
    #[default]
    Need,
    Region,
    Service,
    Month,
    /// By each referral's latest outcome per service.
    Outcome,
}

#[derive(Debug, Args, Clone)]
pub struct StatsArgs {
    #[arg(long, value_enum, default_value_t = StatsBy::Need)]
    pub by: StatsBy,
    /// CSV output: key,label,count (by service: and one column per outcome, then open).
    #[arg(long)]
    pub csv: bool,
    /// Count the team log (the system config's `[team] log`) instead of your own.
    #[arg(long)]
    pub team: bool,
}

#[derive(Debug, Subcommand, Clone, Copy)]
pub enum TeamAction {
    /// Copy your referrals and outcomes that the team log lacks (safe to repeat).
    Sync,
}

#[derive(Debug, Subcommand, Clone)]
pub enum ConfigAction {
    /// Print every path in use and where it came from.
    Path,
    /// Print the effective configuration.
    Show,
    /// Write a commented example config (never overwrites).
    #[command(after_help = "Example: sudo pathways config init --system")]
    Init {
        /// Write the system config for a team (/etc/pathways/config.toml, or
        /// PATHWAYS_SYSTEM_CONFIG), mode 0644, instead of your own.
        #[arg(long)]
        system: bool,
    },
}

#[derive(Debug, Args)]
pub struct KeysArgs {
    /// A Markdown table per mode (for documentation) instead of plain text.
    #[arg(long)]
    pub markdown: bool,
}
