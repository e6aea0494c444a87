//! `pathways needs` and `pathways regions`: the taxonomy and the region tree, indented, with
//! the number of active services that match each node (sub-nodes included).

use super::args::TreeArgs;
use super::{CliResult, Context, Exit, resolve_error};
use crate::catalogue::{Catalogue, Status};
use crate::search;
use crate::text::one_line;
use serde_json::{Value, json};

/// One node of either tree, for printing.
struct Node {
    id: String,
    name: String,
    parent: Option<usize>,
    level: Option<&'static str>,
    aliases: Vec<String>,
    services: usize,
}

pub fn needs(context: &Context, args: &TreeArgs) -> CliResult {
    let catalogue = context.catalogue()?;
    let nodes: Vec<Node> = catalogue
        .needs
        .iter()
        .enumerate()
        .map(|(i, n)| Node {
            id: n.id.clone(),
            name: n.name.clone(),
            parent: n.parent,
            level: None,
            aliases: n.synonyms.clone(),
            services: count_active(&catalogue, |c, s| c.meets_need(s, i)),
        })
        .collect();
    let root = match &args.root {
        Some(input) => {
            Some(search::resolve_need(&catalogue, input).map_err(|e| resolve_error("need", e))?)
        }
        None => None,
    };
    let text = tree_text(&nodes, root, args.json, "synonyms", context.lang());
    crate::output::print(&text)?;
    Ok(Exit::Done)
}

pub fn regions(context: &Context, args: &TreeArgs) -> CliResult {
    let catalogue = context.catalogue()?;
    let nodes: Vec<Node> = catalogue
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| Node {
            id: r.id.clone(),
            name: r.name.clone(),
            parent: r.parent,
            level: Some(r.level.as_str()),
            aliases: r.aliases.clone(),
            services: count_active(&catalogue, |c, s| c.serves_region(s, i)),
        })
        .collect();
    let root = match &args.root {
        Some(input) => Some(
            search::resolve_region(&catalogue, input).map_err(|e| resolve_error("region", e))?,
        ),
        None => None,
    };
    let text = tree_text(&nodes, root, args.json, "aliases", context.lang());
    crate::output::print(&text)?;
    Ok(Exit::Done)
}

fn count_active(
    catalogue: &Catalogue,
    matches: impl Fn(&Catalogue, &crate::catalogue::Service) -> bool,
) -> usize {
    catalogue
        .services
        .iter()
        .filter(|s| s.status != Status::Inactive && matches(catalogue, s))
        .count()
}

/// The tree (or the subtree at `root`) as indented lines or a JSON array.
fn tree_text(
    nodes: &[Node],
    root: Option<usize>,
    json: bool,
    alias_key: &str,
    lang: crate::i18n::Lang,
) -> String {
    let mut children = vec![Vec::new(); nodes.len()];
    let mut tops = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        match node.parent {
            Some(p) => children[p].push(i),
            None => tops.push(i),
        }
    }
    let starts = root.map(|r| vec![r]).unwrap_or(tops);
    let mut order = Vec::new();
    for start in starts {
        walk(start, 0, &children, &mut order);
    }
    if json {
        let items: Vec<Value> = order
            .iter()
            .map(|&(i, _)| node_json(nodes, i, alias_key))
            .collect();
        return format!(
            "{}\n",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        );
    }
    let width = order
        .iter()
        .map(|&(i, depth)| depth * 2 + nodes[i].name.chars().count())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (i, depth) in order {
        let node = &nodes[i];
        let label = format!("{}{}", "  ".repeat(depth), one_line(&node.name));
        let pad = width.saturating_sub(label.chars().count());
        // The level in words of the operator's language (JSON keeps the key).
        let level = node
            .level
            .map(|l| format!("  {}", lang.t(&format!("cli-level-{l}"))))
            .unwrap_or_default();
        text.push_str(&format!(
            "{label}{}  {:>4}  {}{level}\n",
            " ".repeat(pad),
            node.services,
            node.id
        ));
    }
    text
}

fn walk(node: usize, depth: usize, children: &[Vec<usize>], order: &mut Vec<(usize, usize)>) {
    order.push((node, depth));
    for &child in &children[node] {
        walk(child, depth + 1, children, order);
    }
}

fn node_json(nodes: &[Node], i: usize, alias_key: &str) -> Value {
    let node = &nodes[i];
    let mut value = json!({
        "id": node.id,
        "name": one_line(&node.name),
        "parent": node.parent.map(|p| nodes[p].id.clone()),
        alias_key: node.aliases.iter().map(|a| one_line(a)).collect::<Vec<_>>(),
        "services": node.services,
    });
    if let Some(level) = node.level {
        value["level"] = json!(level);
    }
    value
}
