//! Linking raw records: duplicate ids, references resolved to indices (with "did you mean"),
//! need and region cycles, and what is left out because it depends on a faulty record.

use super::messages::{Arg, message};
use super::reader::{Sink, did_you_mean};
use super::records::{Base, RawCatalogue, ServiceRefs};
use super::*;
use std::collections::{HashMap, HashSet};

/// Marks later records whose id repeats an earlier one's.
fn check_duplicates<'a>(sink: &mut Sink, noun: &str, bases: impl Iterator<Item = &'a mut Base>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for base in bases {
        if base.id.is_empty() {
            continue;
        }
        if let Some(&first) = seen.get(&base.id) {
            let line = sink.line_of(first);
            sink.error(
                base.id_at,
                message!(
                    "cli-check-duplicate-id",
                    noun = Arg::word(noun),
                    id = &base.id,
                    line = line
                ),
            );
            base.failed = true;
        } else {
            seen.insert(base.id.clone(), base.id_at);
        }
    }
}

/// Resolves a reference among the records that survived; reports unknown ids with a
/// suggestion. `left_out` ids exist but were left out: no new error, the referrer just
/// loses the reference.
enum Resolved {
    Found(usize),
    LeftOut,
    Unknown,
}

struct IdTable {
    noun: &'static str,
    kept: HashMap<String, usize>,
    left_out: HashSet<String>,
}

impl IdTable {
    fn new<'a>(noun: &'static str, bases: impl Iterator<Item = &'a Base>) -> Self {
        let mut kept = HashMap::new();
        let mut left_out = HashSet::new();
        let mut next = 0;
        for base in bases {
            if base.failed {
                left_out.insert(base.id.clone());
            } else {
                kept.insert(base.id.clone(), next);
                next += 1;
            }
        }
        IdTable {
            noun,
            kept,
            left_out,
        }
    }

    fn resolve(&self, sink: &mut Sink, id: &str, at: usize) -> Resolved {
        if let Some(&i) = self.kept.get(id) {
            return Resolved::Found(i);
        }
        if self.left_out.contains(id) {
            return Resolved::LeftOut;
        }
        let mut candidates: Vec<&str> = self.kept.keys().map(String::as_str).collect();
        candidates.sort_unstable();
        let message = message!(
            "cli-check-unknown-ref",
            noun = Arg::word(self.noun),
            id = shortened(id)
        )
        .suggesting(did_you_mean(id, candidates));
        sink.error(at, message);
        Resolved::Unknown
    }
}

/// An id as a message shows it: a very long one cut after its first characters, so a 1 MB
/// dangling reference is a line, not a megabyte, of `check`'s output.
fn shortened(id: &str) -> std::borrow::Cow<'_, str> {
    match id.char_indices().nth(super::SUGGEST_MAX_CHARS) {
        Some((cut, _)) => format!("{}… ({} characters)", &id[..cut], id.chars().count()).into(),
        None => id.into(),
    }
}

/// Resolves parents of a tree (needs or regions) and reports cycles; marks records whose
/// parent is unknown, left out, or in a cycle. Loops until stable, since leaving one out
/// can orphan its children.
fn link_tree(
    sink: &mut Sink,
    noun: &'static str,
    items: &mut [(&mut Base, &Option<(String, usize)>)],
) -> Vec<Option<usize>> {
    loop {
        let table = IdTable::new(noun, items.iter().map(|(b, _)| &**b));
        let mut changed = false;
        let mut parents: Vec<Option<usize>> = Vec::new();
        for (base, parent) in items.iter_mut() {
            if base.failed {
                continue;
            }
            let resolved = match parent {
                None => None,
                Some((id, at)) => match table.resolve(sink, id, *at) {
                    Resolved::Found(i) => Some(i),
                    _ => {
                        base.failed = true;
                        changed = true;
                        continue;
                    }
                },
            };
            parents.push(resolved);
        }
        if changed {
            continue;
        }
        // Cycles: walk up from each node; a walk longer than the node count loops.
        let kept: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, (b, _))| !b.failed)
            .map(|(i, _)| i)
            .collect();
        let in_cycle: Vec<bool> = (0..parents.len())
            .map(|start| walks_back_to(&parents, start))
            .collect();
        if !in_cycle.iter().any(|&c| c) {
            return parents;
        }
        let mut reported = vec![false; parents.len()];
        for start in 0..parents.len() {
            if !in_cycle[start] || reported[start] {
                continue;
            }
            let mut names = vec![items[kept[start]].0.id.clone()];
            let mut node = start;
            reported[start] = true;
            while let Some(p) = parents[node] {
                names.push(items[kept[p]].0.id.clone());
                if p == start {
                    break;
                }
                reported[p] = true;
                node = p;
            }
            let at = items[kept[start]]
                .1
                .as_ref()
                .map(|(_, at)| *at)
                .unwrap_or(0);
            let names = names.join(" → ");
            sink.error(
                at,
                message!("cli-check-cycle", noun = Arg::word(noun), names = names),
            );
        }
        for (i, &k) in kept.iter().enumerate() {
            if in_cycle[i] {
                items[k].0.failed = true;
            }
        }
    }
}

/// True when following parents from `start` comes back to it.
fn walks_back_to(parents: &[Option<usize>], start: usize) -> bool {
    let mut node = start;
    for _ in 0..parents.len() {
        match parents[node] {
            Some(p) if p == start => return true,
            Some(p) => node = p,
            None => return false,
        }
    }
    false
}

/// Gives each region without `level` the one its depth suggests (a root is a country, its
/// children oblasts, deeper ones districts), with a warning that says so.
fn derive_levels(sink: &mut Sink, regions: &mut [Region], missing: &[bool]) {
    for i in (0..regions.len()).filter(|&i| missing.get(i) == Some(&true)) {
        let depth = std::iter::successors(regions[i].parent, |&p| regions[p].parent)
            .take(regions.len())
            .count();
        let level = match depth {
            0 => RegionLevel::Country,
            1 => RegionLevel::Oblast,
            _ => RegionLevel::District,
        };
        regions[i].level = level;
        let (line, id) = (regions[i].line, &regions[i].id);
        sink.push_at(
            Severity::Warning,
            line,
            1,
            message!("cli-check-no-level", id = id, level = level.as_str()),
        );
    }
}

pub(super) fn link(
    sink: &mut Sink,
    mut raw: RawCatalogue,
    header: Header,
    origin: Origin,
) -> Catalogue {
    check_duplicates(sink, "need", raw.needs.iter_mut().map(|n| &mut n.base));
    check_duplicates(sink, "region", raw.regions.iter_mut().map(|n| &mut n.base));
    check_duplicates(
        sink,
        "organisation",
        raw.organisations.iter_mut().map(|n| &mut n.base),
    );
    check_duplicates(
        sink,
        "contact",
        raw.contacts.iter_mut().map(|n| &mut n.base),
    );
    check_duplicates(
        sink,
        "service",
        raw.service_refs.iter_mut().map(|n| &mut n.base),
    );

    let need_parents = {
        let mut items: Vec<_> = raw
            .needs
            .iter_mut()
            .map(|n| (&mut n.base, &n.link))
            .collect();
        link_tree(sink, "need", &mut items)
    };
    let region_parents = {
        let mut items: Vec<_> = raw
            .regions
            .iter_mut()
            .map(|n| (&mut n.base, &n.link))
            .collect();
        link_tree(sink, "region", &mut items)
    };
    let needs: Vec<Need> = raw
        .needs
        .iter()
        .filter(|n| !n.base.failed)
        .zip(&need_parents)
        .map(|(n, &parent)| Need {
            parent,
            ..n.record.clone()
        })
        .collect();
    let mut regions: Vec<Region> = raw
        .regions
        .iter()
        .filter(|n| !n.base.failed)
        .zip(&region_parents)
        .map(|(n, &parent)| Region {
            parent,
            ..n.record.clone()
        })
        .collect();
    let missing: Vec<bool> = raw
        .regions
        .iter()
        .zip(&raw.region_level_missing)
        .filter(|(n, _)| !n.base.failed)
        .map(|(_, &missing)| missing)
        .collect();
    derive_levels(sink, &mut regions, &missing);
    let need_ids = IdTable::new("need", raw.needs.iter().map(|n| &n.base));
    let region_ids = IdTable::new("region", raw.regions.iter().map(|n| &n.base));

    // Organisations: an unknown region is an error; a left-out one just drops the link.
    let mut organisations = Vec::new();
    for raw_org in raw.organisations.iter_mut() {
        let region = match &raw_org.link {
            None => None,
            Some((id, at)) => match region_ids.resolve(sink, id, *at) {
                Resolved::Found(i) => Some(i),
                Resolved::LeftOut => None,
                Resolved::Unknown => {
                    raw_org.base.failed = true;
                    continue;
                }
            },
        };
        if raw_org.base.failed {
            continue;
        }
        organisations.push(Organisation {
            region,
            ..raw_org.record.clone()
        });
    }
    let org_ids = IdTable::new("organisation", raw.organisations.iter().map(|o| &o.base));

    let mut contacts = Vec::new();
    for raw_contact in raw.contacts.iter_mut() {
        let organisation = match &raw_contact.link {
            None => None,
            Some((id, at)) => match org_ids.resolve(sink, id, *at) {
                Resolved::Found(i) => Some(i),
                _ => {
                    raw_contact.base.failed = true;
                    continue;
                }
            },
        };
        if raw_contact.base.failed {
            continue;
        }
        contacts.push(Contact {
            organisation,
            ..raw_contact.record.clone()
        });
    }
    let contact_ids = IdTable::new("contact", raw.contacts.iter().map(|c| &c.base));

    let tables = LinkTables {
        orgs: &org_ids,
        needs: &need_ids,
        regions: &region_ids,
        contacts: &contact_ids,
    };
    for (service, refs) in raw.services.iter_mut().zip(raw.service_refs.iter_mut()) {
        // A record that already failed is still linked, so `check` reports its unknown ids
        // too; it stays out either way.
        if !link_service(sink, service, refs, &tables) {
            refs.base.failed = true;
        }
    }
    let mut keep = raw.service_refs.iter().map(|r| !r.base.failed);
    let mut services = std::mem::take(&mut raw.services);
    services.retain(|_| keep.next().unwrap_or(false));

    let count = |bases: &mut dyn Iterator<Item = &Base>| bases.filter(|b| b.failed).count();
    let left_out = LeftOut {
        needs: count(&mut raw.needs.iter().map(|n| &n.base)),
        regions: count(&mut raw.regions.iter().map(|n| &n.base)),
        organisations: count(&mut raw.organisations.iter().map(|n| &n.base)),
        contacts: count(&mut raw.contacts.iter().map(|n| &n.base)),
        services: count(&mut raw.service_refs.iter().map(|n| &n.base)),
    };
    Catalogue {
        origin,
        header,
        needs,
        regions,
        organisations,
        contacts,
        services,
        diagnostics: Vec::new(),
        left_out,
    }
}

/// The id tables a service's references resolve against.
struct LinkTables<'a> {
    orgs: &'a IdTable,
    needs: &'a IdTable,
    regions: &'a IdTable,
    contacts: &'a IdTable,
}

/// Resolves a service's references in place; false when it must be left out.
fn link_service(
    sink: &mut Sink,
    service: &mut Service,
    refs: &ServiceRefs,
    tables: &LinkTables,
) -> bool {
    let mut ok = true;
    let (org_id, org_at) = &refs.organisation;
    // An empty id means the key was missing, which `require` has reported already.
    let resolved = if org_id.is_empty() {
        Resolved::Unknown
    } else {
        tables.orgs.resolve(sink, org_id, *org_at)
    };
    match resolved {
        Resolved::Found(i) => service.organisation = i,
        _ => ok = false,
    }
    let mut resolve_all =
        |table: &IdTable, refs: &[(String, usize)], ok: &mut bool| -> Vec<usize> {
            let mut out = Vec::new();
            for (id, at) in refs {
                match table.resolve(sink, id, *at) {
                    Resolved::Found(i) if !out.contains(&i) => out.push(i),
                    Resolved::Found(_) | Resolved::LeftOut => {}
                    Resolved::Unknown => *ok = false,
                }
            }
            out
        };
    service.needs = resolve_all(tables.needs, &refs.needs, &mut ok);
    service.regions = resolve_all(tables.regions, &refs.regions, &mut ok);
    service.contacts = resolve_all(tables.contacts, &refs.contacts, &mut ok);
    // All needs or all regions left out: nothing left to serve.
    ok && !service.needs.is_empty() && !service.regions.is_empty()
}
