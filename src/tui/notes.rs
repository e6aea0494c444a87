//! Where the composer's notes went, in words for the status line, and the retention of the
//! ones written with Ctrl-o (`DATA_DIR/notes/PW-….txt`): they hold client details (client
//! code, reason), so they follow the history's retention and are purged at start.

use crate::clipboard::CopyWarning;
use crate::context::texts;
use crate::i18n::Lang;
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

/// The status line after a delivery, in `lang`: where the note went (a file by its full
/// path), then every warning (an OSC 52 payload some terminals drop), since a terminal
/// never confirms.
pub fn delivered_message(delivered: &Delivered, note: &Note, lang: Lang) -> String {
    let message = texts::delivered(delivered, &note.note_ref).render(lang);
    with_warnings(message, delivered.warnings(), lang)
}

/// `message; warning; warning`, each warning in `lang`.
pub fn with_warnings(mut message: String, warnings: &[CopyWarning], lang: Lang) -> String {
    for warning in warnings {
        message.push_str("; ");
        message.push_str(&texts::copy_warning(warning).render(lang));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clipboard warning is the interface's sentence too: in Russian, no English is left.
    #[test]
    fn a_clipboard_warning_reads_in_the_interface_language() {
        let warning = CopyWarning::Large { bytes: 12_800 };
        let ru = Lang::find("ru").expect("a Russian bundle");
        let said = with_warnings("скопировано".into(), &[warning], ru);
        assert!(said.contains("12.5 КБ"), "{said}");
        assert!(!said.contains("terminals"), "{said}");
        let said = with_warnings("copied".into(), &[warning], Lang::en());
        assert_eq!(
            said,
            "copied; the clipboard sequence is 12.5 kB; some terminals (kitty and others) \
             drop OSC 52 copies of a few kB: check the paste, or use --out FILE"
        );
    }
}
