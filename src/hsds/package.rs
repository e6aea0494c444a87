//! Reading an HSDS package into plain tables of text, whatever it came as: a folder of CSV
//! files (with or without `datapackage.json`), a `.zip` of one, or a JSON file. Everything
//! downstream reads the same [`Table`]s, so the mapping rules exist once.
//!
//! Real files break the spec, so reading is lenient: a byte-order mark is dropped, header
//! names are trimmed and lower-cased, line ends inside quoted cells become `\n`, invalid
//! UTF-8 is replaced, and a row with too few or too many cells is read as far as it goes.

use super::HsdsError;
use super::version::Version;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One CSV file (or JSON array of rows): column names and rows of trimmed text.
#[derive(Debug, Default, Clone)]
pub struct Table {
    columns: HashMap<String, usize>,
    names: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// A view of one row, to read cells by column name.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    cells: &'a [String],
}

impl<'a> Row<'a> {
    /// The trimmed cell of `column`, or `""` when the column or the cell is missing.
    pub fn get(&self, column: &str) -> &'a str {
        match self.table.columns.get(column) {
            Some(&i) => self.cells.get(i).map(|s| s.as_str()).unwrap_or(""),
            None => "",
        }
    }

    /// The first non-empty cell among `columns` (field names changed between versions).
    pub fn first(&self, columns: &[&str]) -> &'a str {
        columns
            .iter()
            .map(|c| self.get(c))
            .find(|v| !v.is_empty())
            .unwrap_or("")
    }

    /// The ids in a key cell: publishers sometimes put several, separated by commas,
    /// semicolons or bars.
    pub fn ids(&self, column: &str) -> impl Iterator<Item = &'a str> + use<'a> {
        split_ids(self.get(column))
    }
}

/// The ids in one key cell (see [`Row::ids`]).
pub fn split_ids(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([',', ';', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

impl Table {
    /// An empty table with these columns.
    pub fn with_columns<S: AsRef<str>>(names: &[S]) -> Table {
        let mut table = Table::default();
        for name in names {
            table.column(name.as_ref());
        }
        table
    }

    /// The index of `name`, added when new.
    pub fn column(&mut self, name: &str) -> usize {
        let name = name.trim().trim_start_matches('\u{feff}').to_lowercase();
        if let Some(&i) = self.columns.get(&name) {
            return i;
        }
        let i = self.names.len();
        self.columns.insert(name.clone(), i);
        self.names.push(name);
        i
    }

    pub fn has_column(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }

    /// Column names in file order.
    pub fn column_names(&self) -> &[String] {
        &self.names
    }

    /// Appends a row of cells in column order (cleaned).
    pub fn push(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|c| clean_cell(&c)).collect());
    }

    /// Appends a row given as (column, value) pairs.
    pub fn push_pairs<'s>(&mut self, pairs: impl IntoIterator<Item = (&'s str, String)>) {
        let mut cells = vec![String::new(); self.names.len()];
        for (name, value) in pairs {
            let i = self.column(name);
            if cells.len() <= i {
                cells.resize(i + 1, String::new());
            }
            cells[i] = clean_cell(&value);
        }
        self.rows.push(cells);
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows
            .iter()
            .map(move |cells| Row { table: self, cells })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Trims a cell and turns CRLF / CR line ends into `\n` (a CR is a control character the
/// catalogue refuses).
fn clean_cell(cell: &str) -> String {
    let trimmed = cell.trim();
    if trimmed.contains('\r') {
        trimmed.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        trimmed.to_string()
    }
}

/// A whole HSDS package as tables keyed by file stem (`services`, `phones`, …).
#[derive(Debug, Default)]
pub struct Package {
    pub tables: HashMap<String, Table>,
    /// The datapackage's `title`, when it names a dataset (not the HSDS template's own).
    pub title: Option<String>,
    /// The folder's or file's name without extension.
    pub name: String,
    pub version: Version,
    /// Files that could not be read as CSV, with why (reported; the rest is imported).
    pub unreadable: Vec<String>,
    /// CSV files that are not UTF-8 throughout (read with U+FFFD for the bad bytes).
    pub not_utf8: Vec<String>,
}

impl Package {
    /// The table for the first of `names` that exists (file names changed between versions).
    pub fn table(&self, names: &[&str]) -> Option<&Table> {
        names.iter().find_map(|n| self.tables.get(*n))
    }

    /// Rows of the first of `names` that exists, or none.
    pub fn rows<'a>(&'a self, names: &[&str]) -> impl Iterator<Item = Row<'a>> + 'a {
        self.table(names).into_iter().flat_map(|t| t.rows())
    }

    /// Total rows over every table, for the progress bar.
    pub fn row_count(&self) -> usize {
        self.tables.values().map(Table::len).sum()
    }

    /// Opens a folder, a `.zip` or a `.json` file.
    pub fn open(path: &Path) -> Result<Package, HsdsError> {
        let meta = std::fs::metadata(path).map_err(|e| HsdsError::io(path, e))?;
        let file_name = if meta.is_dir() {
            path.canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|s| s.to_os_string()))
        } else {
            path.file_stem().map(|s| s.to_os_string())
        };
        let name = file_name
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "HSDS".into());
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let mut package = if meta.is_dir() {
            read_folder(path)?
        } else if extension == "zip" {
            read_zip(path)?
        } else if extension == "json" {
            let text = std::fs::read(path).map_err(|e| HsdsError::io(path, e))?;
            super::json::read_json(&text)?
        } else {
            return Err(HsdsError::NotHsds(format!(
                "{} is neither a folder, a .zip nor a .json file",
                path.display()
            )));
        };
        package.name = name;
        package.version = Version::detect(&package)?;
        Ok(package)
    }

    /// Adds one CSV file's text under its stem.
    fn add_csv(&mut self, file_name: &str, bytes: &[u8]) {
        let stem = file_name
            .rsplit('/')
            .next()
            .unwrap_or(file_name)
            .trim_end_matches(".csv")
            .to_lowercase();
        if simdutf8::basic::from_utf8(bytes).is_err() {
            self.not_utf8.push(file_name.to_string());
        }
        match read_csv(bytes) {
            Ok(table) => {
                self.tables.insert(stem, table);
            }
            Err(e) => self.unreadable.push(format!("{file_name}: {e}")),
        }
    }

    /// Reads the title from `datapackage.json` text; an unreadable one is reported, not fatal.
    fn add_datapackage(&mut self, bytes: &[u8]) {
        match serde_json::from_slice::<serde_json::Value>(strip_bom(bytes)) {
            Ok(value) => {
                self.title = value
                    .get("title")
                    .and_then(|t| t.as_str())
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty() && !is_template_title(t));
            }
            Err(e) => self
                .unreadable
                .push(format!("datapackage.json: not JSON ({e})")),
        }
    }
}

/// The specification's own datapackage titles name the template, not a dataset.
fn is_template_title(title: &str) -> bool {
    title.starts_with("Human Services Data Specification")
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// Reads CSV bytes leniently (flexible row lengths, lossy UTF-8, BOM dropped, a `;` or tab
/// delimiter when the header line has no comma).
pub fn read_csv(bytes: &[u8]) -> Result<Table, csv::Error> {
    let bytes = strip_bom(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);
    let headers = reader.byte_headers()?.clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let mut table = Table::with_columns(&names);
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record)? {
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let cells = record
            .iter()
            .map(|c| match std::str::from_utf8(c) {
                Ok(s) => s.to_string(),
                Err(_) => String::from_utf8_lossy(c).into_owned(),
            })
            .collect();
        table.push(cells);
    }
    Ok(table)
}

/// `,` unless the header line has none and has `;` or tabs.
fn delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or(bytes);
    if header.contains(&b',') {
        b','
    } else if header.contains(&b';') {
        b';'
    } else if header.contains(&b'\t') {
        b'\t'
    } else {
        b','
    }
}

fn read_folder(dir: &Path) -> Result<Package, HsdsError> {
    let mut package = Package::default();
    let mut files = Vec::new();
    collect_files(dir, &mut files, 0).map_err(|e| HsdsError::io(dir, e))?;
    files.sort();
    for file in files {
        let file_name = file.file_name().unwrap_or_default().to_string_lossy();
        let lower = file_name.to_lowercase();
        if lower.ends_with(".csv") {
            let bytes = std::fs::read(&file).map_err(|e| HsdsError::io(&file, e))?;
            package.add_csv(&lower, &bytes);
        } else if lower == "datapackage.json" && package.title.is_none() {
            let bytes = std::fs::read(&file).map_err(|e| HsdsError::io(&file, e))?;
            package.add_datapackage(&bytes);
        }
    }
    Ok(package)
}

/// The folder's files and those one level down (`data/` in many datapackages).
fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>, depth: u8) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if depth < 1 {
                collect_files(&path, out, depth + 1)?;
            }
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn read_zip(path: &Path) -> Result<Package, HsdsError> {
    let file = std::fs::File::open(path).map_err(|e| HsdsError::io(path, e))?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| HsdsError::NotHsds(format!("{}: not a readable zip ({e})", path.display())))?;
    let mut names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    names.sort();
    let mut package = Package::default();
    for name in names {
        let lower = name.to_lowercase();
        let is_csv = lower.ends_with(".csv");
        let is_package = lower.rsplit('/').next() == Some("datapackage.json");
        if !is_csv && !is_package {
            continue;
        }
        let mut bytes = Vec::new();
        let read = archive
            .by_name(&name)
            .map_err(std::io::Error::other)
            .and_then(|mut entry| entry.read_to_end(&mut bytes));
        if let Err(e) = read {
            package.unreadable.push(format!("{name}: {e}"));
            continue;
        }
        if is_csv {
            package.add_csv(&lower, &bytes);
        } else if package.title.is_none() {
            package.add_datapackage(&bytes);
        }
    }
    Ok(package)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_quoted_newlines_and_semicolons() {
        let table = read_csv(b"\xef\xbb\xbfId;Name\r\n1;\"two\r\nlines\"\r\n").unwrap();
        let row = table.rows().next().unwrap();
        assert_eq!(row.get("id"), "1");
        assert_eq!(row.get("name"), "two\nlines");
        let ids: Vec<&str> = split_ids(" a, b;c |").collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }
}
