//! Note references: `PW-YYYYMMDD-HHMMSS-XXXX`.
//!
//! The date and time are the moment the draft was opened, in the catalogue's zone; `XXXX`
//! is four random upper-case hex digits, so two notes made in the same second by different
//! operators still differ. Nothing about the client goes into it: the reference is printed
//! in the note, kept in the history and quoted on the phone.

use jiff::Zoned;
use std::hash::{BuildHasher, Hasher};

/// A new note reference for the moment `now`.
pub fn new_note_ref(now: &Zoned) -> String {
    format!("PW-{}-{:04X}", now.strftime("%Y%m%d-%H%M%S"), random_u16())
}

/// True when `text` has the shape of a note reference.
pub fn is_note_ref(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), [pw, date, time, suffix]
        if *pw == "PW"
            && date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit())
            && time.len() == 6 && time.bytes().all(|b| b.is_ascii_digit())
            && suffix.len() == 4 && suffix.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Sixteen random bits from std's randomly keyed hasher (a fresh key per call), mixed with
/// the process id and the clock so that parallel processes differ too.
fn random_u16() -> u16 {
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    if let Ok(elapsed) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(elapsed.as_nanos());
    }
    (hasher.finish() & 0xFFFF) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_documented_shape() {
        let now: Zoned = "2026-11-23T14:05:09+03:00[Europe/Minsk]".parse().unwrap();
        let note_ref = new_note_ref(&now);
        assert!(note_ref.starts_with("PW-20261123-140509-"), "{note_ref}");
        assert!(is_note_ref(&note_ref), "{note_ref}");
        assert!(!is_note_ref("PW-2026-140509-ABCD"));
    }
}
