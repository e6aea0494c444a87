//! Embeds every `locales/LANG/*.ftl` in the binary: the list is written at build time, so a
//! new language (a new folder of files) needs no change to the code, only a rebuild.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    // A directory watched here is watched whole: a new language or file rebuilds.
    println!("cargo::rerun-if-changed=locales");
    let mut files = Vec::new();
    for language in std::fs::read_dir(&root).expect("locales/ is readable") {
        let language = language.expect("a locales/ entry").path();
        if !language.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&language).expect("a locale folder is readable") {
            let file = file.expect("a locale folder entry").path();
            if file.extension().is_some_and(|e| e == "ftl") {
                files.push(file);
            }
        }
    }
    files.sort();
    let mut out = String::from("&[\n");
    for file in &files {
        let language = file.parent().and_then(Path::file_name).expect("a folder");
        let name = file.file_name().expect("a file name");
        let _ = writeln!(
            out,
            "    ({:?}, {:?}, include_str!({:?})),",
            language.to_string_lossy(),
            name.to_string_lossy(),
            file.display().to_string()
        );
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("locales.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
