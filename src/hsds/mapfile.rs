//! The `--map FILE` of an import: needs and regions chosen by the catalogue's keeper
//! instead of the generated ones (see `docs/import-export.md` for an example).
//!
//! - `[[needs]]`: need records to use (so an import can keep, say, the default catalogue's
//!   needs taxonomy);
//! - `[needs_map]`: a taxonomy term's code or name → one of those need ids;
//! - `[regions_map]`: a service-area or city name → a region id (one of `[[regions]]`, or a
//!   generated one);
//! - `[[regions]]`: region records to add to the generated tree.

use super::HsdsError;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapNeed {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapRegion {
    pub id: String,
    pub name: String,
    pub level: String,
    pub parent: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapFile {
    #[serde(default)]
    pub needs: Vec<MapNeed>,
    #[serde(default)]
    pub needs_map: BTreeMap<String, String>,
    #[serde(default)]
    pub regions_map: BTreeMap<String, String>,
    #[serde(default)]
    pub regions: Vec<MapRegion>,
}

impl MapFile {
    /// Reads and checks a map file: every id a slug, every `needs_map` target one of its
    /// needs, every region level known. A bad map is bad input (exit 2), never half used.
    pub fn read(path: &Path) -> Result<MapFile, HsdsError> {
        let text = std::fs::read_to_string(path).map_err(|e| HsdsError::io(path, e))?;
        let map: MapFile = toml::from_str(&text)
            .map_err(|e| HsdsError::BadMap(format!("{}: {e}", path.display())))?;
        map.validate()
            .map_err(|e| HsdsError::BadMap(format!("{}: {e}", path.display())))?;
        Ok(map)
    }

    fn validate(&self) -> Result<(), String> {
        let slug = crate::catalogue::is_slug;
        for id in self
            .needs
            .iter()
            .map(|n| &n.id)
            .chain(self.regions.iter().map(|r| &r.id))
        {
            if !slug(id) {
                return Err(format!("id `{id}` is not a lowercase slug"));
            }
        }
        for (term, need) in &self.needs_map {
            if !self.needs.iter().any(|n| &n.id == need) {
                return Err(format!(
                    "needs_map: `{term}` maps to `{need}`, which is not one of the [[needs]]"
                ));
            }
        }
        for r in &self.regions {
            if crate::catalogue::RegionLevel::parse(&r.level).is_none() {
                return Err(format!(
                    "region `{}`: unknown level `{}`; use country, oblast, city or district",
                    r.id, r.level
                ));
            }
        }
        Ok(())
    }

    /// `needs_map` keyed by folded term code or name.
    pub fn needs_lookup(&self) -> HashMap<String, String> {
        self.needs_map
            .iter()
            .map(|(k, v)| (fold(k), v.clone()))
            .collect()
    }
}

/// The form names are compared in: lower case, single spaces.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
