//! Addresses and service areas → the region tree: country (from `--country`, else the
//! addresses' most common country), then state (level `oblast`, the schema's level for a
//! country's first subdivision), then city (level `city`), built only from the addresses'
//! own fields. A free-text service area that names a region (or is listed in `--map`'s
//! `regions_map`) is used; others are reported. Nothing is invented: a service with neither
//! gets the root region, and the report says so.

use super::ids::slug;
use super::mapfile::{MapFile, fold};
use super::out::Region;
use super::package::{Package, Row};
use std::collections::HashMap;

/// US state and territory codes and names, so `FL` shows as "Florida" and a service area
/// written "Florida" matches it.
const US_STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"),
];

/// Country names for the codes HSDS publishers use most; others show as their code.
const COUNTRIES: &[(&str, &str)] = &[
    ("US", "United States"),
    ("CA", "Canada"),
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("AU", "Australia"),
    ("NZ", "New Zealand"),
    ("BY", "Belarus"),
    ("UA", "Ukraine"),
    ("PL", "Poland"),
    ("DE", "Germany"),
    ("FR", "France"),
    ("ES", "Spain"),
    ("IT", "Italy"),
    ("NL", "Netherlands"),
    ("MX", "Mexico"),
    ("LT", "Lithuania"),
    ("LV", "Latvia"),
];

/// An address as HSDS gives it.
#[derive(Debug, Default, Clone)]
pub struct Address {
    pub lines: Vec<String>,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
}

impl Address {
    pub fn from_row(row: &Row) -> Address {
        let lines = ["address_1", "address_2", "address_3", "address_4"]
            .iter()
            .map(|c| crate::text::one_line(row.get(c)))
            .filter(|l| !l.is_empty())
            .collect();
        Address {
            lines,
            city: crate::text::one_line(row.get("city")),
            state: crate::text::one_line(row.get("state_province")),
            postal_code: crate::text::one_line(row.get("postal_code")),
            country: crate::text::one_line(row.get("country")),
        }
    }

    /// `1 Main Street, Springfield, IL 62701` (the parts present).
    pub fn text(&self) -> Option<String> {
        let mut parts = self.lines.clone();
        if !self.city.is_empty() {
            parts.push(self.city.clone());
        }
        let tail = [self.state.as_str(), self.postal_code.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if !tail.is_empty() {
            parts.push(tail);
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// A two-letter country code from what an address says (`US`, `usa`, `United States`).
fn country_code(text: &str) -> Option<String> {
    let upper = text.trim().to_uppercase();
    if upper.len() == 2 && upper.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(upper);
    }
    match upper.as_str() {
        "USA" | "U.S.A." | "U.S." | "UNITED STATES" | "UNITED STATES OF AMERICA" => {
            Some("US".into())
        }
        _ => COUNTRIES
            .iter()
            .find(|(_, name)| name.to_uppercase() == upper)
            .map(|(code, _)| code.to_string()),
    }
}

pub struct Regions {
    pub regions: Vec<Region>,
    root: String,
    country: Option<String>,
    /// Folded name, alias or `regions_map` key → region id.
    names: HashMap<String, String>,
    ids: HashMap<String, usize>,
}

impl Regions {
    /// The root: `--country`, else the addresses' most common country, else one region
    /// named after the dataset (reported by the caller when `country()` is `None`).
    pub fn new(
        country: Option<&str>,
        package: &Package,
        title: &str,
        map: Option<&MapFile>,
    ) -> Regions {
        let country = country
            .and_then(country_code)
            .or_else(|| most_common_country(package));
        let mut regions = Regions {
            regions: Vec::new(),
            root: String::new(),
            country: country.clone(),
            names: HashMap::new(),
            ids: HashMap::new(),
        };
        regions.root = match &country {
            Some(code) => regions.add_country(code),
            None => {
                let id = match slug(title) {
                    s if s.is_empty() => "area".to_string(),
                    s => s,
                };
                regions.add(Region {
                    id: id.clone(),
                    name: format!("{title} (area)"),
                    level: "country",
                    parent: None,
                    iso: None,
                    aliases: Vec::new(),
                });
                id
            }
        };
        if let Some(map) = map {
            for r in &map.regions {
                regions.add(Region {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    level: crate::catalogue::RegionLevel::parse(&r.level)
                        .map(|l| l.as_str())
                        .unwrap_or("district"),
                    parent: Some(r.parent.clone().unwrap_or_else(|| regions.root.clone())),
                    iso: None,
                    aliases: Vec::new(),
                });
            }
            for (name, id) in &map.regions_map {
                regions.names.insert(fold(name), id.clone());
            }
        }
        regions
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Whether `id` is one of the regions (for `regions_map` targets).
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    fn add(&mut self, region: Region) -> String {
        let id = region.id.clone();
        if self.ids.contains_key(&id) {
            return id;
        }
        for name in std::iter::once(&region.name).chain(&region.aliases) {
            self.names.entry(fold(name)).or_insert_with(|| id.clone());
        }
        self.ids.insert(id.clone(), self.regions.len());
        self.regions.push(region);
        id
    }

    fn add_country(&mut self, code: &str) -> String {
        let name = COUNTRIES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| code.to_string());
        self.add(Region {
            id: code.to_lowercase(),
            name,
            level: "country",
            parent: None,
            iso: Some(code.to_string()),
            aliases: vec![code.to_string()],
        })
    }

    /// The most specific region of an address (city, else state, else country), made when
    /// new; `None` when the address names no place.
    pub fn of_address(&mut self, address: &Address) -> Option<String> {
        let country = match country_code(&address.country) {
            Some(code) if Some(&code) != self.country.as_ref() => self.add_country(&code),
            _ => self.root.clone(),
        };
        let code = self.regions[self.ids[&country]]
            .iso
            .clone()
            .unwrap_or_default();
        let mut parent = country.clone();
        let mut key = code.clone();
        if !address.state.is_empty() {
            let (name, alias) = match US_STATES
                .iter()
                .find(|(c, _)| code == "US" && c.eq_ignore_ascii_case(&address.state))
            {
                Some((c, n)) => (n.to_string(), Some(c.to_string())),
                None => (address.state.clone(), None),
            };
            key = format!("{key} {}", alias.as_deref().unwrap_or(&name));
            let id = format!("{parent}-{}", slug(alias.as_deref().unwrap_or(&name)));
            parent = self.add(Region {
                id: unique_slug(&id, &key),
                name,
                level: "oblast",
                parent: Some(parent),
                iso: None,
                aliases: alias.into_iter().collect(),
            });
        }
        if !address.city.is_empty() {
            let name = title_case(&address.city);
            key = format!("{key} {}", fold(&name));
            let id = format!("{parent}-{}", slug(&name));
            parent = self.add(Region {
                id: unique_slug(&id, &key),
                name,
                level: "city",
                parent: Some(parent),
                iso: None,
                aliases: Vec::new(),
            });
        }
        (parent != country || !address.country.is_empty()).then_some(parent)
    }

    /// The region a free-text service area names, if any.
    pub fn of_area(&self, area: &str) -> Option<String> {
        self.names
            .get(&fold(area))
            .filter(|id| self.ids.contains_key(*id))
            .cloned()
    }
}

/// A region id from a slug; one that would be empty (a name of symbols) gets a hash.
fn unique_slug(id: &str, key: &str) -> String {
    let s = slug(id);
    if s.is_empty() || s.ends_with('-') {
        format!("region-{}", super::ids::hash_of("region", &[key]))
    } else {
        s
    }
}

/// `MIAMI GARDENS` → `Miami Gardens`; mixed-case names are kept as written.
fn title_case(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

fn most_common_country(package: &Package) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for table in ["addresses", "physical_addresses", "postal_addresses"] {
        for row in package.rows(&[table]) {
            if let Some(code) = country_code(row.get("country")) {
                *counts.entry(code).or_default() += 1;
            }
        }
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.into_iter().next().map(|(code, _)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_case() {
        assert_eq!(country_code("usa").as_deref(), Some("US"));
        assert_eq!(country_code(" us ").as_deref(), Some("US"));
        assert_eq!(country_code("   "), None);
        assert_eq!(title_case("MIAMI GARDENS"), "Miami Gardens");
        assert_eq!(title_case("McAllen"), "McAllen");
    }
}
