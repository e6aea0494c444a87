//! The module layers of `docs/architecture.md`, enforced: a module may use only modules of a
//! lower layer (and itself). Reads the sources as text, so a new `use crate::…` that reaches
//! up fails here, with the file and the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each top-level module and its layer, bottom first. Keep in step with
/// `docs/architecture.md`.
const LAYERS: &[(&str, u8)] = &[
    ("text", 0),
    ("clock", 0),
    ("fsutil", 0),
    ("memory", 0),
    ("i18n", 0),
    ("catalogue", 1),
    ("error", 1),
    ("search", 2),
    ("output", 2),
    ("card", 2),
    ("config", 2),
    ("hsds", 2),
    ("clipboard", 3),
    ("referral", 4),
    ("context", 5),
    ("cli", 6),
    ("tui", 6),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, layer)| *layer)
}

/// The top-level module a source file belongs to (`src/search/rank.rs` → `search`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `crate::NAME` references in code (comments, doc links included, are skipped).
fn crate_references(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((number + 1, name));
            }
            rest = after;
        }
        // `use crate::{a, b}` names several modules at once.
        if let Some(group) = code.split("crate::{").nth(1) {
            for name in group.split([',', '}']) {
                let name = name.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    found.push((number + 1, name.to_string()));
                }
            }
        }
    }
    found
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut faults = Vec::new();
    let mut seen = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(own) = layer(&module) else {
            faults.push(format!(
                "{}: module '{module}' has no layer in tests/layers.rs",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for (line, used) in crate_references(&text) {
            if used == module {
                continue;
            }
            *seen.entry(module.clone()).or_insert(0) += 1;
            match layer(&used) {
                Some(theirs) if theirs < own => {}
                Some(theirs) => faults.push(format!(
                    "{}:{line}: '{module}' (layer {own}) uses '{used}' (layer {theirs})",
                    file.display()
                )),
                None => faults.push(format!(
                    "{}:{line}: '{module}' uses '{used}', which has no layer",
                    file.display()
                )),
            }
        }
    }
    assert!(faults.is_empty(), "layer faults:\n{}", faults.join("\n"));
    assert!(
        seen.len() >= 8,
        "the scan found too few modules using others: {seen:?}"
    );
}

#[test]
fn the_scan_sees_an_upward_reference() {
    let references = crate_references("use crate::{catalogue::Catalogue, tui};\n// crate::cli\n");
    let names: Vec<&str> = references.iter().map(|(_, n)| n.as_str()).collect();
    assert!(names.contains(&"catalogue") && names.contains(&"tui"));
    assert!(!names.contains(&"cli"), "comments are not code");
}
