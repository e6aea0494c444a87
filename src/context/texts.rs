//! The words for what lower layers report as typed values (a draft's problem, a delivery,
//! copy or log failure, a template that fails): each variant gets a message id, so it reads
//! in the operator's language, on the command line and in the directory alike. Operating-system and library
//! reasons inside them (`Permission denied`, a template engine's message) stay as given.

use crate::catalogue::{Catalogue, LoadError, first_of};
use crate::clipboard::{Copied, CopyError, CopyWarning};
use crate::error::{Arg, Text, msg};
use crate::i18n::Lang;
use crate::referral::{
    Count, DeliverError, Delivered, DraftError, LogError, Migrated, NO_REGION, OPEN, Problem,
    Status, TeamError, TeamSkipped, TemplateError,
};
use crate::text::escape_input;
use std::path::Path;

/// A path as a message shows it (what the user typed, escaped).
pub fn shown(path: &Path) -> String {
    escape_input(&path.display().to_string()).into_owned()
}

/// The words of a query no service mentions, each quoted: `no service mentions 'X';
/// showing matches for the other words`, or, when every word was dropped, only that no
/// service mentions them (there are no other words). None when no word was dropped.
pub fn dropped_words(dropped: &[String], all_dropped: bool) -> Option<Text> {
    if dropped.is_empty() {
        return None;
    }
    let words = Arg::List(
        dropped
            .iter()
            .map(|w| msg!("quoted-word", word = w))
            .collect(),
    );
    Some(if all_dropped {
        msg!("all-words-dropped", words = words, count = dropped.len())
    } else {
        msg!("dropped-words", words = words)
    })
}

/// The one line every command prints on stderr, and the directory's banner, when a
/// catalogue loaded with errors: how many, and how many services they left out. None when
/// it is clean.
pub fn degraded(catalogue: &Catalogue) -> Option<Text> {
    let errors = catalogue.error_count();
    (errors > 0).then(|| {
        msg!(
            "catalogue-degraded",
            errors = errors,
            services = catalogue.left_out.services
        )
    })
}

/// A catalogue that cannot be used, in `lang`: the file that cannot be read, or the first
/// problem of one that is not a catalogue (with how many more).
pub fn load_error(error: &LoadError, lang: Lang) -> Text {
    match error {
        LoadError::Unreadable { path, reason } => msg!(
            "cli-catalogue-unreadable",
            path = escape_input(path),
            reason = reason.message_in(lang)
        ),
        LoadError::Invalid(diagnostics) => Text::Plain(first_of(diagnostics, lang)),
    }
}

/// Why a saved draft could not be read back.
pub fn draft_error(error: &DraftError) -> Text {
    match error {
        DraftError::Io { path, source } => msg!(
            "draft-unreadable",
            path = escape_input(path),
            error = source.to_string()
        ),
        DraftError::Damaged { path, source } => msg!(
            "draft-damaged",
            path = escape_input(path),
            error = source.to_string()
        ),
    }
}

/// A draft's problem and the flags that fix it.
pub fn problem(problem: &Problem) -> (Text, Text) {
    match problem {
        Problem::NoConsent => (msg!("cli-no-consent"), msg!("cli-no-consent-hint")),
        Problem::NoServices => (msg!("cli-no-services"), msg!("cli-no-services-hint")),
        Problem::ConsentInFuture => (
            msg!("cli-consent-in-future"),
            msg!("cli-consent-in-future-hint"),
        ),
        Problem::FollowUpInPast => (
            msg!("cli-follow-up-in-past"),
            msg!("cli-follow-up-in-past-hint"),
        ),
        Problem::AgeContradiction => (
            msg!("cli-age-contradiction"),
            msg!("cli-age-contradiction-hint"),
        ),
        Problem::FollowUpPastCalendar => (
            msg!("cli-follow-up-past-calendar"),
            msg!("cli-follow-up-past-calendar-hint"),
        ),
    }
}

/// Why a case reference is refused: the character found, by its code point.
pub fn case_ref_problem(found: char) -> Text {
    msg!("case-ref-unsafe", code = format!("{:04X}", found as u32))
}

/// Why a client language is refused, and what is accepted instead: an ISO code, or one the
/// catalogue lists (`listed`).
pub fn language_problem(code: &str, listed: &[String]) -> Text {
    let code = escape_input(code.trim()).into_owned();
    if listed.is_empty() {
        return msg!("not-a-language", code = code);
    }
    let listed = crate::text::one_line(&listed.join(", "));
    msg!("not-a-language-listed", code = code, listed = listed)
}

/// The label of a row of referrals by outcome: the status's label, or open (no outcome
/// yet); None for a key that is neither.
pub fn outcome_label(key: &str) -> Option<Text> {
    if key == OPEN {
        return Some(msg!("stats-open"));
    }
    Status::parse(key).map(|status| msg!(status_label_id(status)))
}

/// The label of a row of referrals by region: Pathways' own for the referrals that named
/// none, None for a region of the catalogue (its name is as it is).
pub fn region_label(count: &Count) -> Option<Text> {
    (count.label == NO_REGION).then(|| msg!("stats-no-region"))
}

/// The message id of a status's label (the outcome picker, statistics).
pub fn status_label_id(status: Status) -> &'static str {
    match status {
        Status::Accepted => "status-label-accepted",
        Status::Attended => "status-label-attended",
        Status::DeclinedByService => "status-label-declined-by-service",
        Status::DeclinedByClient => "status-label-declined-by-client",
        Status::NoContact => "status-label-no-contact",
        Status::ReferredOn => "status-label-referred-on",
        Status::Closed => "status-label-closed",
    }
}

/// Why a note could not be delivered.
pub fn deliver_error(error: &DeliverError) -> Text {
    match error {
        DeliverError::Exists(path) => msg!("cli-file-exists", path = shown(path)),
        DeliverError::Write(path, error) => cannot_write(path, error),
        DeliverError::Copy(error) => copy_error(error),
    }
}

/// Why a copy to the clipboard failed.
pub fn copy_error(error: &CopyError) -> Text {
    match error {
        CopyError::NoTerminal { system_failed } => {
            let system = if *system_failed { "failed" } else { "untried" };
            msg!("cli-copy-no-terminal", system = system)
        }
        CopyError::Write(error) => msg!("cli-copy-write-failed", error = error.to_string()),
    }
}

/// `cannot write PATH: REASON`.
pub fn cannot_write(path: &Path, error: &impl std::fmt::Display) -> Text {
    msg!(
        "cli-cannot-write",
        path = shown(path),
        error = error.to_string()
    )
}

/// Where a note went: `note PW-… written to FILE`.
pub fn delivered(place: &Delivered, note_ref: &str) -> Text {
    match place {
        Delivered::File(path) => msg!("cli-note-written", note = note_ref, path = shown(path)),
        Delivered::Clipboard(copied) => {
            msg!("cli-note-copied", note = note_ref, how = copy_place(copied))
        }
    }
}

/// Where a copy went (a note's or the contact card's): "sent", never "copied", since a
/// terminal never confirms an OSC 52 copy.
pub fn copy_place(copied: &Copied) -> Text {
    let place = match (copied.osc52, copied.system) {
        (true, true) => "both",
        (true, false) => "terminal",
        (false, true) => "system",
        (false, false) => "none",
    };
    msg!("copy-place", place = place)
}

/// A clipboard warning, with the sequence's size in kB.
pub fn copy_warning(warning: &CopyWarning) -> Text {
    match warning {
        CopyWarning::Large { bytes } => {
            let size = format!("{:.1}", *bytes as f64 / 1024.0);
            msg!("cli-copy-large", size = size)
        }
    }
}

/// Why the referral log could not be used.
pub fn log_error(error: &LogError) -> Text {
    match error {
        LogError::Io { path, source } => msg!(
            "cli-log-cannot-open",
            path = path.display(),
            error = source.to_string()
        ),
        LogError::Damaged { path, source } => msg!(
            "cli-log-damaged",
            path = path.display(),
            error = source.to_string()
        ),
        LogError::TooNew { path, found, known } => msg!(
            "cli-log-too-new",
            path = path.display(),
            found = *found,
            known = *known
        ),
        LogError::Sql { path, source } => msg!(
            "cli-log-sql",
            path = path.display(),
            error = source.to_string()
        ),
        LogError::Duplicate { path, note_ref } => msg!(
            "cli-log-duplicate",
            path = path.display(),
            note = note_ref.as_str()
        ),
    }
}

/// Why the team log could not be used, and what fixes it.
pub fn team_error(error: &TeamError) -> (Text, Text) {
    match error {
        TeamError::NotConfigured => (
            msg!("cli-team-not-configured"),
            msg!(
                "cli-team-fix-configure",
                path = crate::config::system_config_path().display()
            ),
        ),
        TeamError::Exposed { path, writable } => (
            msg!(
                "cli-team-exposed",
                path = path.display(),
                what = if *writable { "writable" } else { "readable" }
            ),
            msg!("cli-team-fix-chmod", path = path.display()),
        ),
        TeamError::NoFolder { dir } => (
            msg!("cli-team-no-folder", dir = dir.display()),
            msg!("cli-team-fix-folder", dir = dir.display()),
        ),
        TeamError::Log(error) => (log_error(error), msg!("cli-team-fix-group")),
    }
}

/// The warning when the team log was not written (the operator's own log was).
pub fn team_skipped(skipped: &TeamSkipped) -> Text {
    // The reference is another referral's in the team log: no sync will copy this one.
    if let TeamError::Log(LogError::Duplicate { path, note_ref }) = &skipped.0 {
        return msg!(
            "cli-team-ref-taken",
            path = path.display(),
            note = note_ref.as_str()
        );
    }
    let (error, fix) = team_error(&skipped.0);
    msg!("cli-team-skipped", error = error, fix = fix)
}

/// The one line a process that moved the old history file says.
pub fn migrated(migrated: &Migrated) -> Text {
    if migrated.unreadable == 0 {
        return msg!(
            "cli-history-migrated",
            log = migrated.log.display(),
            count = migrated.imported,
            old = migrated.moved_to.display()
        );
    }
    msg!(
        "cli-history-migrated-unreadable",
        log = migrated.log.display(),
        count = migrated.imported,
        unreadable = migrated.unreadable,
        file = migrated.unreadable_file.display(),
        old = migrated.moved_to.display()
    )
}

/// A template that could not be found, read or rendered: the engine's message as it is.
pub fn template_error(error: &TemplateError) -> Text {
    let template = escape_input(&error.template).into_owned();
    let message = escape_input(&error.message).into_owned();
    match error.line {
        Some(line) => msg!(
            "cli-template-error-at",
            template = template,
            line = line,
            message = message
        ),
        None => msg!("cli-template-error", template = template, message = message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// In English the command line says what the lower layers say (their Display), so the
    /// directory, logs and the commands agree; a change there fails here, naming the id.
    #[test]
    fn english_is_the_lower_layers_own_text() {
        let same = |ours: Text, theirs: String| assert_eq!(ours.to_string(), theirs);
        for p in [
            Problem::NoServices,
            Problem::ConsentInFuture,
            Problem::FollowUpInPast,
            Problem::AgeContradiction,
            Problem::FollowUpPastCalendar,
        ] {
            same(problem(&p).0, p.to_string());
        }
        same(
            msg!("cli-referrer-unknown"),
            crate::referral::REFERRER_WARNING.to_string(),
        );
        same(
            msg!("cli-pinned-ahead"),
            crate::referral::PINNED_AHEAD.to_string(),
        );
        let path = PathBuf::from("/tmp/note.txt");
        let exists = DeliverError::Exists(path.clone());
        same(deliver_error(&exists), exists.to_string());
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let write = DeliverError::Write(path.clone(), denied());
        same(deliver_error(&write), write.to_string());
        for system_failed in [false, true] {
            let copy = DeliverError::Copy(CopyError::NoTerminal { system_failed });
            same(deliver_error(&copy), copy.to_string());
        }
        let io = LogError::Io {
            path: path.clone(),
            source: denied(),
        };
        same(log_error(&io), io.to_string());
        let too_new = LogError::TooNew {
            path: path.clone(),
            found: 9,
            known: 2,
        };
        same(log_error(&too_new), too_new.to_string());
        let unread = DraftError::Io {
            path: "/tmp/d.json".into(),
            source: denied(),
        };
        same(draft_error(&unread), unread.to_string());
        let damaged = DraftError::Damaged {
            path: "/tmp/d.json".into(),
            source: serde_json::from_str::<u8>("x").unwrap_err(),
        };
        same(draft_error(&damaged), damaged.to_string());
        let unreadable = LoadError::Unreadable {
            path: "/tmp/c.toml".into(),
            reason: crate::catalogue::ReadFailure::Io(std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            )),
        };
        same(load_error(&unreadable, Lang::en()), unreadable.to_string());
    }

    /// A terminal never confirms an OSC 52 copy: the words say "sent", never "copied".
    #[test]
    fn a_copy_is_sent_never_confirmed() {
        let copied = Copied {
            osc52: true,
            system: false,
            warnings: Vec::new(),
        };
        assert_eq!(
            delivered(&Delivered::Clipboard(copied.clone()), "PW-1").to_string(),
            "note PW-1 sent to the terminal's clipboard (OSC 52)"
        );
        let both = Copied {
            system: true,
            ..copied
        };
        assert_eq!(
            copy_place(&both).to_string(),
            "sent to the terminal's clipboard (OSC 52) and the system clipboard"
        );
        for (osc52, system) in [(true, true), (true, false), (false, true)] {
            let said = copy_place(&Copied {
                osc52,
                system,
                warnings: Vec::new(),
            })
            .to_string();
            assert!(!said.contains("copied"), "{said}");
        }
        let large = crate::clipboard::size_warning(20_000).expect("a large payload");
        assert_eq!(
            copy_warning(&large).to_string(),
            "the clipboard sequence is 19.5 kB; some terminals (kitty and others) drop OSC 52 \
             copies of a few kB: check the paste, or use --out FILE"
        );
    }

    /// Every status's label id is in every language, and a stats row is labelled by
    /// what it counts, never by its key alone.
    #[test]
    fn stats_labels_exist_in_every_language() {
        for lang in crate::i18n::Lang::available() {
            for status in Status::ALL {
                assert!(lang.has(status_label_id(status)), "{}", lang.code());
            }
            assert!(lang.has("stats-open") && lang.has("stats-no-region"));
        }
        let label = |key: &str| outcome_label(key).map(|t| t.to_string());
        assert_eq!(label("open").as_deref(), Some("Open (no outcome yet)"));
        assert_eq!(label("referred-on").as_deref(), Some("Referred on"));
        assert_eq!(label("shelter"), None);
    }

    /// The team log's refusals say in English what the lower layer says.
    #[test]
    fn team_errors_in_english_are_the_lower_layers_own_text() {
        let path = PathBuf::from("/tmp/team.sqlite");
        for team in [
            TeamError::NotConfigured,
            TeamError::Exposed {
                path: path.clone(),
                writable: true,
            },
            TeamError::Exposed {
                path: path.clone(),
                writable: false,
            },
            TeamError::NoFolder { dir: path.clone() },
            TeamError::Log(io_error(&path)),
        ] {
            assert_eq!(team_error(&team).0.to_string(), team.to_string());
        }
    }

    fn io_error(path: &Path) -> LogError {
        LogError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        }
    }

    #[test]
    fn russian_says_why_the_team_log_was_refused_and_that_nothing_is_lost() {
        let ru = crate::i18n::Lang::find("ru").expect("a Russian bundle");
        let error = TeamError::Exposed {
            path: PathBuf::from("/x"),
            writable: true,
        };
        assert_eq!(
            team_error(&error).0.render(ru),
            "журнал команды /x доступен на запись всем пользователям сервера: отказано"
        );
        assert_eq!(
            team_skipped(&TeamSkipped(error)).render(ru),
            "журнал команды не записан (журнал команды /x доступен на запись всем \
             пользователям сервера: отказано); администратору нужно выполнить: chmod o-rwx /x; \
             запись сохранена в вашем собственном журнале, и 'pathways team sync' скопирует её позже"
        );
        let failed = TeamSkipped(TeamError::Log(io_error(Path::new("/x"))));
        assert!(
            team_skipped(&failed)
                .render(ru)
                .contains("не удалось открыть"),
            "the log's own failure in Russian too: {}",
            team_skipped(&failed).render(ru)
        );
        let taken = TeamSkipped(TeamError::Log(LogError::Duplicate {
            path: PathBuf::from("/x"),
            note_ref: "PW-1".into(),
        }));
        let said = team_skipped(&taken).render(crate::i18n::Lang::en());
        assert!(!said.contains("team sync"), "no sync will copy it: {said}");
        assert!(team_skipped(&taken).render(ru).contains("PW-1"));
    }

    #[test]
    fn russian_says_where_the_note_went_and_why_it_could_not() {
        let ru = crate::i18n::Lang::find("ru").expect("a Russian bundle");
        let file = Delivered::File(PathBuf::from("/tmp/n.txt"));
        assert_eq!(
            delivered(&file, "PW-1").render(ru),
            "направление PW-1 записано в /tmp/n.txt"
        );
        let large = crate::clipboard::size_warning(20_000).expect("a large payload");
        assert!(copy_warning(&large).render(ru).contains("19.5 КБ"));
        let refused = language_problem("r\u{202e}u", &["be-Latn".to_string()]).render(ru);
        assert!(!refused.contains('\u{202e}'), "{refused}");
        assert!(refused.ends_with("(be-Latn)"), "{refused}");
        assert!(case_ref_problem('\u{202e}').render(ru).ends_with("U+202E)"));
        let (message, hint) = problem(&Problem::NoConsent);
        assert!(message.render(ru).starts_with("согласие не записано"));
        assert!(hint.render(ru).contains("--consent verbal"));
        let damaged = DraftError::Damaged {
            path: "/tmp/d.json".into(),
            source: serde_json::from_str::<u8>("x").unwrap_err(),
        };
        let said = draft_error(&damaged).render(ru);
        assert!(
            said.starts_with("сохранённый черновик /tmp/d.json повреждён"),
            "{said}"
        );
    }
}
