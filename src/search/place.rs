//! Place words: query words that name a region act as the region filter.
//!
//! A run of plain query words names a region when, folded, it equals the region's name or
//! an alias (best), its id, or its name or an alias without the level word (`Region`,
//! `Oblast`, `District`, `City`, `область`, `район`, `город` and their Belarusian forms).
//! Matching is exact: `gom` is not a place. The best match wins (`Gomel` is the city
//! `Gomel`, not `Gomel Region`); when two regions match equally well, neither is used and
//! the words stay text.

use super::fold::fold;
use crate::catalogue::{Catalogue, RegionIdx};
use foldhash::{HashMap, HashMapExt};

/// Level words, folded: left out to match a name "without its level word".
const LEVEL_WORDS: [&str; 10] = [
    "region", "oblast", "district", "city", "raion", "gorod", "voblasts", "raen", "horad", "rajon",
];

/// The longest run of words tried as one place name.
const MAX_WORDS: usize = 4;

/// How well a spelling matched.
const AS_NAME: u8 = 3;
const AS_ID: u8 = 2;
const WITHOUT_LEVEL: u8 = 1;

/// Regions named in a query.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceWords {
    pub region: RegionIdx,
    /// The query's words that named it, as typed.
    pub words: Vec<String>,
}

/// Folded text with every run of non-alphanumerics made one space.
fn normalise(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every region spelling, normalised, with the best quality of each region under it:
/// built once per index (see `Index::places`).
pub(crate) type Spellings = HashMap<String, Vec<(u8, RegionIdx)>>;

pub(crate) fn spellings(catalogue: &Catalogue) -> Spellings {
    let mut map: HashMap<String, Vec<(u8, RegionIdx)>> = HashMap::new();
    let mut add = |key: String, quality: u8, region: RegionIdx| {
        if key.is_empty() {
            return;
        }
        let entry = map.entry(key).or_default();
        match entry.iter_mut().find(|(_, r)| *r == region) {
            Some(found) => found.0 = found.0.max(quality),
            None => entry.push((quality, region)),
        }
    };
    for (i, region) in catalogue.regions.iter().enumerate() {
        add(normalise(&region.id), AS_ID, i);
        for name in std::iter::once(&region.name).chain(&region.aliases) {
            let full = normalise(name);
            let bare: Vec<&str> = full
                .split(' ')
                .filter(|w| !LEVEL_WORDS.contains(w))
                .collect();
            add(bare.join(" "), WITHOUT_LEVEL, i);
            add(full, AS_NAME, i);
        }
    }
    map
}

/// The first run of `words` (plain query words, as typed) naming one region best, and
/// where it is in `words`.
pub(crate) fn find(map: &Spellings, words: &[&str]) -> Option<(PlaceWords, Vec<usize>)> {
    if words.is_empty() || map.is_empty() {
        return None;
    }
    let normal: Vec<String> = words.iter().map(|w| normalise(w)).collect();
    for start in 0..words.len() {
        for len in (1..=MAX_WORDS.min(words.len() - start)).rev() {
            let key = normal[start..start + len].join(" ");
            let Some(found) = map.get(&key) else {
                continue;
            };
            let best = found.iter().map(|&(q, _)| q).max().unwrap_or(0);
            let mut winners = found.iter().filter(|&&(q, _)| q == best);
            let (Some(&(_, region)), None) = (winners.next(), winners.next()) else {
                continue;
            };
            let at: Vec<usize> = (start..start + len).collect();
            let words = at.iter().map(|&i| words[i].to_string()).collect();
            return Some((PlaceWords { region, words }, at));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        let text = include_str!("../../data/catalogue.toml");
        Catalogue::from_text(text, crate::catalogue::Origin::Text("c".into())).unwrap()
    }

    fn place(words: &[&str]) -> Option<String> {
        let c = catalogue();
        find(&spellings(&c), words).map(|(p, _)| c.regions[p.region].id.clone())
    }

    #[test]
    fn names_aliases_and_ids_in_either_script() {
        assert_eq!(place(&["Гомель"]).as_deref(), Some("gomel-city"));
        assert_eq!(place(&["Gomel"]).as_deref(), Some("gomel-city"));
        assert_eq!(place(&["Homiel"]).as_deref(), Some("gomel-city"));
        assert_eq!(place(&["shelter", "gomel"]).as_deref(), Some("gomel-city"));
        assert_eq!(place(&["Буда-Кошелёво"]).as_deref(), Some("buda-koshelevo"));
        assert_eq!(
            place(&["Buda-Koshelevo"]).as_deref(),
            Some("buda-koshelevo")
        );
        assert_eq!(place(&["gomel", "region"]).as_deref(), Some("gomel"));
        assert_eq!(place(&["Гомельская", "область"]).as_deref(), Some("gomel"));
    }

    #[test]
    fn only_exact_words_are_places() {
        assert_eq!(place(&["gom"]), None);
        assert_eq!(place(&["Буда"]), None);
        assert_eq!(place(&["shelter"]), None);
    }
}
