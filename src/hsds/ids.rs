//! Record ids that survive re-imports: a short readable slug of the name, then a hash of
//! the HSDS id (`shelter-for-women-3fa2c91b`). The hash decides identity: when the
//! catalogue being replaced already holds a record with the same hash, that record's whole
//! id is kept, slug included, so a publisher renaming a service changes no id and the
//! referral log keeps pointing at it.
//!
//! Export ids go the other way: UUID v5 of our id in [`EXPORT_NAMESPACE`], so two exports
//! of the same catalogue are identical.

use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The fixed namespace of exported HSDS ids (named in `docs/import-export.md`).
pub const EXPORT_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a52_8d1e_4c7a_9b0e_5d3f_a1c4_7e29);

/// Length of the hash suffix, in hex digits.
const HASH_LEN: usize = 8;
/// At most this many characters of slug before the hash.
const SLUG_MAX: usize = 40;

/// The UUID v5 of `id` of `kind` (`service`, `phone`, …) in the export namespace.
pub fn export_uuid(kind: &str, id: &str) -> String {
    Uuid::new_v5(&EXPORT_NAMESPACE, format!("{kind}:{id}").as_bytes()).to_string()
}

/// The hash suffix for an HSDS record: stable, short, from the kind and the HSDS id(s).
pub fn hash_of(kind: &str, parts: &[&str]) -> String {
    let name = format!("{kind}:{}", parts.join("\u{1f}"));
    let uuid = Uuid::new_v5(&Uuid::NAMESPACE_OID, name.as_bytes());
    uuid.simple().to_string()[..HASH_LEN].to_string()
}

/// A lowercase ASCII slug of `text`, cut at a word boundary.
pub fn slug(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + 1 + word.len() > SLUG_MAX {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word[..word.len().min(SLUG_MAX)]);
    }
    out
}

/// Hands out ids, keeping those of the catalogue being replaced and never the same twice.
#[derive(Default)]
pub struct Ids {
    /// Hash suffix → id, from the existing `--out` file.
    existing: HashMap<String, String>,
    used: HashSet<String>,
}

impl Ids {
    /// Reads the ids of an existing catalogue (its text; only `id = "..."` lines matter, so
    /// a file with errors still lends its ids).
    pub fn from_existing(text: Option<&str>) -> Ids {
        let mut ids = Ids::default();
        for line in text.into_iter().flat_map(str::lines) {
            let Some(rest) = line.trim_start().strip_prefix("id = \"") else {
                continue;
            };
            let Some(id) = rest.split('"').next() else {
                continue;
            };
            if let Some((_, hash)) = id.rsplit_once('-')
                && hash.len() == HASH_LEN
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
            {
                ids.existing
                    .entry(hash.to_string())
                    .or_insert_with(|| id.to_string());
            }
        }
        ids
    }

    /// The id for a record named `name` whose HSDS identity hashes to `hash`.
    pub fn assign(&mut self, name: &str, hash: &str) -> String {
        let id = match self.existing.get(hash) {
            Some(kept) => kept.clone(),
            None => match slug(name) {
                s if s.is_empty() => format!("hsds-{hash}"),
                s => format!("{s}-{hash}"),
            },
        };
        self.unique(id)
    }

    /// `wanted` itself (a `pathways_id` from our export) when free and well formed.
    pub fn claim(&mut self, wanted: &str) -> Option<String> {
        (crate::catalogue::is_slug(wanted) && self.used.insert(wanted.to_string()))
            .then(|| wanted.to_string())
    }

    /// `id`, or `id-2`, `id-3`… when taken.
    pub fn unique(&mut self, id: String) -> String {
        if self.used.insert(id.clone()) {
            return id;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{id}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_lowercase_words() {
        assert_eq!(
            slug("Café \"Le Bon\" — Food Bank!"),
            "cafe-le-bon-food-bank"
        );
        assert!(slug(&"word ".repeat(40)).len() <= SLUG_MAX);
        assert_eq!(slug("—"), "");
    }

    #[test]
    fn an_existing_id_with_the_same_hash_is_kept_whole() {
        let hash = hash_of("service", &["42"]);
        let old = format!("id = \"old-name-{hash}\"\n");
        let mut ids = Ids::from_existing(Some(&old));
        assert_eq!(ids.assign("New name", &hash), format!("old-name-{hash}"));
        let mut fresh = Ids::default();
        assert_eq!(fresh.assign("New name", &hash), format!("new-name-{hash}"));
        assert_eq!(
            fresh.assign("New name", &hash),
            format!("new-name-{hash}-2")
        );
    }

    #[test]
    fn export_ids_are_fixed() {
        assert_eq!(export_uuid("service", "a"), export_uuid("service", "a"));
        assert_ne!(export_uuid("service", "a"), export_uuid("phone", "a"));
    }
}
