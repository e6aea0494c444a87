//! Taxonomy terms → our needs (and target populations).
//!
//! - The term hierarchy is kept: a term's parent is its `parent_id` when that term exists;
//!   otherwise the longest AIRS code prefix that is a term (`BD-1800.2000` → `BD-1800` →
//!   `BD` → `B`); otherwise, when the file names the parent (`parent_id` + `parent_name`,
//!   as 1.x files do), a need for that parent. Only terms some service uses are written,
//!   with their ancestors.
//! - AIRS codes beginning with `Y` (target populations) become `populations`, not needs.
//! - `--map`'s `needs_map` sends a term (by code, an AIRS code prefix, or name) to one of
//!   the map's needs; terms it does not list fall back to generated needs (reported).
//! - A service with no term gets the generated need `uncategorised` (the schema requires
//!   one need).

use super::ids::slug;
use super::mapfile::{MapFile, fold};
use super::out::Need;
use super::package::Package;
use super::report::Report;
use std::collections::{HashMap, HashSet};

/// The id of the need given to services without any term.
pub const UNCATEGORISED: &str = "uncategorised";

#[derive(Debug, Clone)]
struct Term {
    code: String,
    /// Our need id, when the term came from our export.
    pathways_id: String,
    name: String,
    parent_id: String,
    parent_name: String,
    description: String,
}

/// What a service's terms became.
#[derive(Debug, Default)]
pub struct Assigned {
    pub needs: Vec<String>,
    pub populations: Vec<String>,
}

pub struct Taxonomy {
    terms: HashMap<String, Term>,
    /// Term ids in file order (then parents made from `parent_name`).
    order: Vec<String>,
    by_code: HashMap<String, String>,
    /// Term links by service id.
    links: HashMap<String, Vec<String>>,
    needs_map: HashMap<String, String>,
    /// Generated need id of each used term.
    need_ids: HashMap<String, String>,
    taken: HashSet<String>,
    used: HashSet<String>,
    uncategorised_used: bool,
    /// How many entries of `order` are rows of the file.
    file_terms: usize,
}

impl Taxonomy {
    pub fn read(package: &Package, map: Option<&MapFile>, report: &mut Report) -> Taxonomy {
        let mut tax = Taxonomy {
            terms: HashMap::new(),
            order: Vec::new(),
            by_code: HashMap::new(),
            links: HashMap::new(),
            needs_map: map.map(MapFile::needs_lookup).unwrap_or_default(),
            need_ids: HashMap::new(),
            taken: map
                .into_iter()
                .flat_map(|m| m.needs.iter().map(|n| n.id.clone()))
                .collect(),
            used: HashSet::new(),
            uncategorised_used: false,
            file_terms: 0,
        };
        tax.read_terms(package, report);
        tax.file_terms = tax.order.len();
        tax.read_links(package, report);
        tax
    }

    fn read_terms(&mut self, package: &Package, report: &mut Report) {
        let Some(table) = package.table(&["taxonomy_terms", "taxonomy"]) else {
            return;
        };
        report.read("taxonomy_term", table.len());
        for row in table.rows() {
            let id = row.get("id");
            let name = row.first(&["name", "term"]);
            if id.is_empty() || name.is_empty() {
                report.left_out("taxonomy_term", "no id or no name", id);
                continue;
            }
            if self.terms.contains_key(id) {
                report.merged("taxonomy_term", "duplicate id, first row kept", id);
                continue;
            }
            let code = match row.get("code") {
                "" => id,
                code => code,
            };
            let term = Term {
                code: code.to_string(),
                pathways_id: row.get("pathways_id").to_string(),
                name: clean(name),
                parent_id: row.get("parent_id").to_string(),
                parent_name: clean(row.get("parent_name")),
                // Our export repeats the name where HSDS requires a description.
                description: match clean(row.get("description")) {
                    d if d == clean(name) => String::new(),
                    d => d,
                },
            };
            self.by_code
                .entry(term.code.clone())
                .or_insert(id.to_string());
            self.terms.insert(id.to_string(), term);
            self.order.push(id.to_string());
        }
    }

    fn read_links(&mut self, package: &Package, report: &mut Report) {
        let services: HashSet<&str> = package.rows(&["services"]).map(|r| r.get("id")).collect();
        let sources: [(&str, &str, &str); 3] = [
            ("attributes", "link_id", "taxonomy_term_id"),
            ("service_attributes", "service_id", "taxonomy_term_id"),
            ("services_taxonomy", "service_id", "taxonomy_id"),
        ];
        for (table, service_key, term_key) in sources {
            let Some(table) = package.table(&[table]) else {
                continue;
            };
            report.read("taxonomy_link", table.len());
            for row in table.rows() {
                let entity = row.get("link_entity").to_lowercase();
                if !matches!(entity.as_str(), "" | "service" | "link_entity")
                    || (row.get(service_key).is_empty() && !entity.is_empty())
                {
                    report.left_out("taxonomy_link", "not linked to a service", row.get("id"));
                    continue;
                }
                for service in row.ids(service_key) {
                    if !services.contains(service) {
                        report.left_out("taxonomy_link", "service not found", service);
                        continue;
                    }
                    for term in row.ids(term_key) {
                        if !self.terms.contains_key(term) {
                            report.left_out("taxonomy_link", "taxonomy term not found", term);
                            continue;
                        }
                        report.imported("taxonomy_link");
                        let terms = self.links.entry(service.to_string()).or_default();
                        if !terms.iter().any(|t| t == term) {
                            terms.push(term.to_string());
                        }
                    }
                }
            }
        }
    }

    /// The needs and populations of the service with HSDS id `service`.
    pub fn assign(&mut self, service: &str, report: &mut Report) -> Assigned {
        let mut out = Assigned::default();
        let terms = self.links.get(service).cloned().unwrap_or_default();
        for term_id in &terms {
            let term = &self.terms[term_id];
            if is_population(&term.code) {
                push_new(&mut out.populations, slug(&term.name));
                continue;
            }
            if let Some(need) = self.mapped(term) {
                push_new(&mut out.needs, need);
                continue;
            }
            if !self.needs_map.is_empty() {
                report.note(
                    "taxonomy_term",
                    "not in needs_map: generated need used",
                    &term.name,
                );
            }
            let need = self.need_id(term_id);
            push_new(&mut out.needs, need);
        }
        if out.needs.is_empty() {
            report.note("service", "no taxonomy term: need `uncategorised`", service);
            self.uncategorised_used = true;
            out.needs.push(UNCATEGORISED.to_string());
        }
        out
    }

    /// The map's need for a term: by code, then by AIRS code prefix, then by name.
    fn mapped(&self, term: &Term) -> Option<String> {
        if self.needs_map.is_empty() {
            return None;
        }
        code_prefixes(&term.code)
            .find_map(|c| self.needs_map.get(&fold(c)))
            .or_else(|| self.needs_map.get(&fold(&term.name)))
            .cloned()
    }

    /// The generated need id of a term, marking it and its ancestors used.
    fn need_id(&mut self, term_id: &str) -> String {
        let mut chain = vec![term_id.to_string()];
        while let Some(parent) = self.parent_of(chain.last().map(String::as_str).unwrap_or("")) {
            if chain.contains(&parent) || chain.len() > 16 {
                break;
            }
            chain.push(parent);
        }
        for id in &chain {
            self.used.insert(id.clone());
            if !self.need_ids.contains_key(id) {
                let ours = &self.terms[id].pathways_id;
                if crate::catalogue::is_slug(ours) && !self.taken.contains(ours) {
                    self.taken.insert(ours.clone());
                    self.need_ids.insert(id.clone(), ours.clone());
                    continue;
                }
                let base = match slug(&self.terms[id].name) {
                    s if s.is_empty() => "need".to_string(),
                    s => s,
                };
                let mut candidate = base.clone();
                if self.taken.contains(&candidate) {
                    candidate = format!("{base}-{}", super::ids::hash_of("term", &[id]));
                }
                self.taken.insert(candidate.clone());
                self.need_ids.insert(id.clone(), candidate);
            }
        }
        self.need_ids[term_id].clone()
    }

    /// A term's parent term id (made from `parent_name` when only named).
    fn parent_of(&mut self, term_id: &str) -> Option<String> {
        let term = self.terms.get(term_id)?.clone();
        if !term.parent_id.is_empty() && term.parent_id != term_id {
            if self.terms.contains_key(&term.parent_id) {
                return Some(term.parent_id);
            }
            if let Some(id) = self.by_code.get(&term.parent_id) {
                return Some(id.clone());
            }
        }
        if let Some(id) = code_prefixes(&term.code)
            .skip(1)
            .find_map(|c| self.by_code.get(c))
        {
            return Some(id.clone());
        }
        if !term.parent_id.is_empty() && !term.parent_name.is_empty() {
            let parent = Term {
                code: term.parent_id.clone(),
                pathways_id: String::new(),
                name: term.parent_name.clone(),
                parent_id: String::new(),
                parent_name: String::new(),
                description: String::new(),
            };
            self.by_code
                .insert(term.parent_id.clone(), term.parent_id.clone());
            self.terms.insert(term.parent_id.clone(), parent);
            self.order.push(term.parent_id.clone());
            return Some(term.parent_id);
        }
        None
    }

    /// The needs to write: the map's, then the used generated ones in file order, then
    /// `uncategorised` when some service needed it.
    /// How many of the file's terms became needs (parents made from `parent_name` are not
    /// counted: they were not rows).
    pub fn used_terms(&self) -> usize {
        self.order[..self.file_terms]
            .iter()
            .filter(|id| self.used.contains(*id))
            .count()
    }

    pub fn needs(&self, map: Option<&MapFile>) -> Vec<Need> {
        let mut out: Vec<Need> = map
            .into_iter()
            .flat_map(|m| &m.needs)
            .map(|n| Need {
                id: n.id.clone(),
                name: n.name.clone(),
                parent: n.parent.clone(),
                description: n.description.clone(),
            })
            .collect();
        for id in self.order.iter().filter(|id| self.used.contains(*id)) {
            let term = &self.terms[id];
            let parent = self.parent_id_known(id).map(|p| self.need_ids[&p].clone());
            out.push(Need {
                id: self.need_ids[id].clone(),
                name: term.name.clone(),
                parent,
                description: (!term.description.is_empty()).then(|| term.description.clone()),
            });
        }
        break_cycles(&mut out);
        if self.uncategorised_used && !out.iter().any(|n| n.id == UNCATEGORISED) {
            out.push(Need {
                id: UNCATEGORISED.into(),
                name: "Uncategorised".into(),
                parent: None,
                description: Some("Services the HSDS data gives no taxonomy term".into()),
            });
        }
        out
    }

    /// The parent as resolved when the need was made (without creating new terms).
    fn parent_id_known(&self, term_id: &str) -> Option<String> {
        let term = self.terms.get(term_id)?;
        let by_id = (!term.parent_id.is_empty() && term.parent_id != term_id)
            .then(|| {
                self.terms
                    .contains_key(&term.parent_id)
                    .then(|| term.parent_id.clone())
                    .or_else(|| self.by_code.get(&term.parent_id).cloned())
            })
            .flatten();
        by_id
            .or_else(|| {
                code_prefixes(&term.code)
                    .skip(1)
                    .find_map(|c| self.by_code.get(c).cloned())
            })
            .filter(|p| p != term_id && self.need_ids.contains_key(p))
    }
}

/// Files can make terms each other's parents (A under B, B under A); `check` refuses a
/// cycle, so the need that closes one loses its parent.
fn break_cycles(needs: &mut [Need]) {
    let index: HashMap<String, usize> = needs
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    for start in 0..needs.len() {
        let mut at = start;
        for _ in 0..needs.len() {
            let Some(next) = needs[at].parent.as_ref().and_then(|p| index.get(p)) else {
                break;
            };
            if *next == start {
                needs[start].parent = None;
                break;
            }
            at = *next;
        }
    }
}

/// An AIRS target-population code: `Y`, or `Y` followed by a second letter or a hyphen.
fn is_population(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next() == Some('Y')
        && chars
            .next()
            .is_none_or(|c| c.is_ascii_uppercase() || c == '-')
}

/// `PN-8100.4500-240`, `PN-8100.4500`, `PN-8100`, `PN`, `P`: the code and its AIRS
/// ancestors (only for codes that look like AIRS codes).
fn code_prefixes(code: &str) -> impl Iterator<Item = &str> {
    let airs = code.len() >= 2
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.');
    let mut next = Some(code);
    std::iter::from_fn(move || {
        let current = next?;
        next = if !airs {
            None
        } else if let Some(i) = current.rfind(['-', '.']) {
            Some(&current[..i])
        } else if current.len() > 1 {
            Some(&current[..1])
        } else {
            None
        };
        Some(current)
    })
}

fn push_new(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

fn clean(text: &str) -> String {
    crate::text::one_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parent_cycle_is_broken() {
        let need = |id: &str, parent: &str| Need {
            id: id.into(),
            name: id.into(),
            parent: Some(parent.into()),
            description: None,
        };
        let mut needs = vec![need("a", "b"), need("b", "a"), need("c", "a")];
        break_cycles(&mut needs);
        assert_eq!(needs[0].parent, None);
        assert_eq!(needs[1].parent.as_deref(), Some("a"));
        assert_eq!(needs[2].parent.as_deref(), Some("a"));
    }

    #[test]
    fn airs_prefixes_walk_up_the_tree() {
        let all: Vec<&str> = code_prefixes("PN-8100.4500-240").collect();
        assert_eq!(
            all,
            ["PN-8100.4500-240", "PN-8100.4500", "PN-8100", "PN", "P"]
        );
        assert_eq!(code_prefixes("3f7b-uuid").count(), 1);
        assert!(is_population("YB-8000"));
        assert!(is_population("Y"));
        assert!(!is_population("BD-1800"));
        assert!(!is_population("Youth"));
    }
}
