//! Where the composer's notes went, in words for the status line, and the retention of the
//! ones written with Ctrl-o (`DATA_DIR/notes/PW-….txt`): they hold client details (client
//! code, reason), so they follow the history's retention and are purged at start.

use crate::i18n::{Lang, t};
use crate::referral::{Delivered, Note, is_note_ref};
use jiff::Timestamp;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// Deletes the note files in `dir` last written before `cutoff`; returns how many went.
/// Only files named like a note (`PW-YYYYMMDD-HHMMSS-XXXX.txt`) are touched: anything else
/// in the directory is the operator's. A missing directory holds nothing to purge.
pub fn purge_old_notes(dir: &Path, cutoff: Timestamp) -> io::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let cutoff = SystemTime::from(cutoff);
    let mut purged = 0;
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        let is_note = path.extension().is_some_and(|e| e == "txt")
            && path
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(is_note_ref);
        let metadata = entry.metadata()?;
        if is_note && metadata.is_file() && metadata.modified()? < cutoff {
            std::fs::remove_file(&path)?;
            purged += 1;
        }
    }
    Ok(purged)
}

/// The status line after a delivery: where the note went (a file by its full path), then
/// every warning (an OSC 52 payload some terminals drop), since a terminal never confirms.
pub fn delivered_message(delivered: &Delivered, note: &Note) -> String {
    delivered_message_in(delivered, note, Lang::en())
}

/// [`delivered_message`] in `lang`, warnings included.
pub fn delivered_message_in(delivered: &Delivered, note: &Note, lang: Lang) -> String {
    let note_ref = note.note_ref.as_str();
    let message = match delivered {
        Delivered::Clipboard(copied) => {
            let how = copied_text(copied, lang);
            t!(lang, "tui-note-copied", note = note_ref, how = how)
        }
        Delivered::File(path) => {
            let path = crate::text::escape_input(&path.display().to_string()).into_owned();
            t!(lang, "tui-note-written", note = note_ref, path = path)
        }
    };
    with_warnings(message, delivered.warnings(), lang)
}

/// Where a copy went, in `lang` (a terminal never confirms an OSC 52 copy).
pub fn copied_text(copied: &crate::clipboard::Copied, lang: Lang) -> String {
    lang.t(match (copied.osc52, copied.system) {
        (true, true) => "tui-copied-both",
        (true, false) => "tui-copied-osc52",
        (false, true) => "tui-copied-system",
        (false, false) => "tui-not-copied",
    })
}

/// `message; warning; warning`, each warning in `lang`.
pub fn with_warnings(mut message: String, warnings: &[String], lang: Lang) -> String {
    for warning in warnings {
        message.push_str("; ");
        message.push_str(&crate::context::texts::copy_warning(warning).render(lang));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clipboard warning is the interface's sentence too: in Russian, no English is left.
    #[test]
    fn a_clipboard_warning_reads_in_the_interface_language() {
        let warning = "the clipboard sequence is 12.5 kB; some terminals (kitty and others) \
                       drop OSC 52 copies of a few kB: check the paste, or use --out FILE";
        let ru = Lang::find("ru").expect("a Russian bundle");
        let said = with_warnings("скопировано".into(), &[warning.to_string()], ru);
        assert!(said.contains("12.5 КБ"), "{said}");
        assert!(!said.contains("terminals"), "{said}");
        let said = with_warnings("copied".into(), &[warning.to_string()], Lang::en());
        assert!(said.ends_with(warning), "{said}");
    }
}
