//! A catalogue → HSDS 3.0: a tabular datapackage (`datapackage.json` and the CSV files the
//! specification names) or `services.json` (a JSON array of `service_full` objects).
//!
//! HSDS ids are UUID v5 of our ids in [`EXPORT_NAMESPACE`](super::ids::EXPORT_NAMESPACE),
//! so two exports of the same catalogue are identical. Private phones and private contacts
//! are never exported. What HSDS has no field for goes in extra properties (HSDS allows
//! them), all named `pathways_*` and listed in `docs/import-export.md`; the importer reads
//! them back, so a round trip keeps ids, phone kinds and hours.

use super::ids::export_uuid;
use super::resources::RESOURCES;
use crate::catalogue::{Catalogue, Need, Phone, PhoneKind, Service, Status};
use crate::fsutil::{Existing, create_private_dir, write_private_file};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// Which form to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// DIR holds files and `--force` was not given (exit 3).
    #[error("{0} is not empty; add --force to replace the files Pathways writes there")]
    NotEmpty(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes the export into `dir` (absent or empty, or any with `force`); returns the files.
pub fn export(
    catalogue: &Catalogue,
    dir: &Path,
    format: Format,
    force: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    let occupied = std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if occupied && !force {
        return Err(ExportError::NotEmpty(dir.to_path_buf()));
    }
    create_private_dir(dir).map_err(io(dir))?;
    let files = match format {
        Format::Json => vec![(
            "services.json".to_string(),
            json_bytes(&services(catalogue)),
        )],
        Format::Csv => tabular(catalogue),
    };
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(&name);
        write_private_file(&path, &bytes, Existing::Replace).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Every service as a `service_full` object.
pub fn services(catalogue: &Catalogue) -> Vec<Value> {
    catalogue
        .services
        .iter()
        .map(|s| service(catalogue, s))
        .collect()
}

/// Inserts `value` under `key` unless it is `None`.
fn put<T: Into<Value>>(object: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        object.insert(key.to_string(), v.into());
    }
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Active => "active",
        Status::Inactive => "inactive",
        Status::TemporarilyClosed => "temporarily closed",
    }
}

fn service(catalogue: &Catalogue, s: &Service) -> Value {
    let id = export_uuid("service", &s.id);
    let org = catalogue.organisation_of(s);
    let mut o = Map::new();
    put(&mut o, "id", Some(id.clone()));
    put(&mut o, "pathways_id", Some(s.id.clone()));
    put(&mut o, "name", Some(s.name.clone()));
    put(
        &mut o,
        "organization_id",
        Some(export_uuid("organisation", &org.id)),
    );
    put(&mut o, "status", Some(status(s.status)));
    put(&mut o, "description", s.description.clone());
    put(&mut o, "url", s.website.clone());
    put(&mut o, "email", s.email.clone());
    put(
        &mut o,
        "interpretation_services",
        s.interpretation.map(|b| if b { "yes" } else { "no" }),
    );
    put(&mut o, "application_process", s.how_to_refer.clone());
    put(&mut o, "fees_description", s.fee.clone());
    put(&mut o, "eligibility_description", s.eligibility.clone());
    put(&mut o, "minimum_age", s.min_age);
    put(&mut o, "maximum_age", s.max_age);
    put(&mut o, "assured_date", s.verified.map(|d| d.to_string()));
    put(&mut o, "alert", s.alert.as_ref().map(|a| a.text.clone()));
    put(
        &mut o,
        "pathways_alert_until",
        s.alert
            .as_ref()
            .and_then(|a| a.until)
            .map(|d| d.to_string()),
    );
    put(&mut o, "pathways_hours_note", s.hours_note.clone());
    if !s.translations.is_empty() {
        let text = serde_json::to_string(&s.translations).unwrap_or_default();
        put(&mut o, "pathways_translations", Some(text));
    }
    o.insert("organization".into(), organisation(org));
    o.insert(
        "phones".into(),
        Value::Array(phones(&format!("service:{}", s.id), &s.phones)),
    );
    o.insert("schedules".into(), Value::Array(schedules(s)));
    o.insert(
        "languages".into(),
        languages(&format!("service:{}", s.id), &s.languages),
    );
    let areas = s.regions.iter().map(|&r| {
        let region = &catalogue.regions[r];
        json!({"id": export_uuid("service_area", &format!("{}:{}", s.id, region.id)), "name": region.name})
    });
    o.insert("service_areas".into(), Value::Array(areas.collect()));
    let documents = s.documents.iter().enumerate().map(|(i, d)| {
        json!({"id": export_uuid("required_document", &format!("{}:{i}", s.id)), "document": d})
    });
    o.insert(
        "required_documents".into(),
        Value::Array(documents.collect()),
    );
    o.insert("contacts".into(), Value::Array(contacts(catalogue, s)));
    o.insert(
        "attributes".into(),
        Value::Array(attributes(catalogue, s, &id)),
    );
    o.insert(
        "service_at_locations".into(),
        Value::Array(locations(catalogue, s)),
    );
    Value::Object(o)
}

fn organisation(org: &crate::catalogue::Organisation) -> Value {
    let mut o = Map::new();
    put(&mut o, "id", Some(export_uuid("organisation", &org.id)));
    put(&mut o, "pathways_id", Some(org.id.clone()));
    put(&mut o, "name", Some(org.name.clone()));
    put(&mut o, "alternate_name", org.short_name.clone());
    // `description` is required by HSDS; an organisation without one gets an empty text.
    put(
        &mut o,
        "description",
        Some(org.description.clone().unwrap_or_default()),
    );
    put(&mut o, "email", org.email.clone());
    put(&mut o, "website", org.website.clone());
    put(&mut o, "pathways_address", org.address.clone());
    o.insert(
        "phones".into(),
        Value::Array(phones(&format!("organisation:{}", org.id), &org.phones)),
    );
    Value::Object(o)
}

/// HSDS phone type for our kind, and our kind as an extra when the type does not say it.
fn phone_type(kind: PhoneKind) -> (&'static str, Option<&'static str>) {
    match kind {
        PhoneKind::Voice => ("voice", None),
        PhoneKind::Sms => ("text", None),
        PhoneKind::Fax => ("fax", None),
        PhoneKind::Tty => ("textphone", None),
        other @ (PhoneKind::Hotline | PhoneKind::AfterHours) => ("voice", Some(other.as_str())),
        other => ("text", Some(other.as_str())),
    }
}

/// Public phones only: a private line never leaves Pathways.
fn phones(owner: &str, phones: &[Phone]) -> Vec<Value> {
    phones
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.private)
        .map(|(i, p)| {
            let key = format!("{owner}:{i}");
            let (kind, extra) = phone_type(p.kind);
            let mut o = Map::new();
            put(&mut o, "id", Some(export_uuid("phone", &key)));
            put(&mut o, "number", Some(p.number.clone()));
            put(&mut o, "type", Some(kind));
            put(&mut o, "pathways_kind", extra);
            put(&mut o, "pathways_hours", p.hours.clone());
            put(&mut o, "description", p.note.clone());
            o.insert(
                "languages".into(),
                languages(&format!("phone:{key}"), &p.languages),
            );
            Value::Object(o)
        })
        .collect()
}

fn languages(owner: &str, codes: &[String]) -> Value {
    Value::Array(
        codes
            .iter()
            .map(|c| json!({"id": export_uuid("language", &format!("{owner}:{c}")), "code": c}))
            .collect(),
    )
}

/// The hours as weekly RRULE rows when they are that simple (`Mo-Fr 09:00-17:00; Sa
/// 10:00-14:00`, `24/7`), else one row whose description is the hours; the exact string
/// rides along as `pathways_opening_hours` on the first row.
fn schedules(s: &Service) -> Vec<Value> {
    let Some(hours) = &s.opening_hours else {
        return Vec::new();
    };
    let rows =
        weekly_rows(hours).unwrap_or_else(|| vec![(String::new(), String::new(), String::new())]);
    rows.into_iter()
        .enumerate()
        .map(|(i, (byday, opens, closes))| {
            let mut o = Map::new();
            put(
                &mut o,
                "id",
                Some(export_uuid("schedule", &format!("{}:{i}", s.id))),
            );
            if byday.is_empty() {
                put(&mut o, "description", Some(hours.clone()));
            } else {
                put(&mut o, "freq", Some("WEEKLY"));
                put(&mut o, "byday", Some(byday));
                put(&mut o, "opens_at", Some(opens));
                put(&mut o, "closes_at", Some(closes));
            }
            if i == 0 {
                put(&mut o, "pathways_opening_hours", Some(hours.clone()));
            }
            Value::Object(o)
        })
        .collect()
}

/// (byday, opens_at, closes_at) rows for simple weekly hours, else `None`.
fn weekly_rows(hours: &str) -> Option<Vec<(String, String, String)>> {
    const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    let day = |d: &str| DAYS.iter().position(|x| *x == d);
    if hours.trim() == "24/7" {
        return Some(vec![(
            "MO,TU,WE,TH,FR,SA,SU".into(),
            "00:00".into(),
            "23:59".into(),
        )]);
    }
    let mut rows = Vec::new();
    for rule in hours.split(';').map(str::trim).filter(|r| !r.is_empty()) {
        let (days, times) = rule.split_once(' ')?;
        let mut list = Vec::new();
        for part in days.split(',') {
            match part.split_once('-') {
                Some((a, b)) => list.extend(day(a)?..=day(b)?),
                None => list.push(day(part)?),
            }
        }
        let byday = list
            .iter()
            .map(|&d| DAYS[d].to_uppercase())
            .collect::<Vec<_>>()
            .join(",");
        for span in times.split(',') {
            let (open, close) = span.trim().split_once('-')?;
            let valid = |t: &str| t.len() == 5 && super::schedule::time(t).is_some();
            if !valid(open) || !valid(close) {
                return None;
            }
            rows.push((byday.clone(), open.to_string(), close.to_string()));
        }
    }
    (!rows.is_empty()).then_some(rows)
}

/// Public contacts only.
fn contacts(catalogue: &Catalogue, s: &Service) -> Vec<Value> {
    s.contacts
        .iter()
        .map(|&c| &catalogue.contacts[c])
        .filter(|c| !c.private)
        .map(|c| {
            let mut o = Map::new();
            put(&mut o, "id", Some(export_uuid("contact", &c.id)));
            put(&mut o, "pathways_id", Some(c.id.clone()));
            put(&mut o, "name", Some(c.name.clone()));
            put(&mut o, "title", c.role.clone());
            put(&mut o, "email", c.email.clone());
            o.insert(
                "phones".into(),
                Value::Array(phones(&format!("contact:{}", c.id), &c.phones)),
            );
            Value::Object(o)
        })
        .collect()
}

/// A need as a taxonomy term (our id as `code` and `pathways_id`).
fn term(catalogue: &Catalogue, need: &Need) -> Value {
    let mut o = Map::new();
    put(&mut o, "id", Some(export_uuid("need", &need.id)));
    put(&mut o, "pathways_id", Some(need.id.clone()));
    put(&mut o, "code", Some(need.id.clone()));
    put(&mut o, "name", Some(need.name.clone()));
    put(
        &mut o,
        "description",
        Some(
            need.description
                .clone()
                .unwrap_or_else(|| need.name.clone()),
        ),
    );
    put(&mut o, "taxonomy", Some("pathways"));
    put(
        &mut o,
        "parent_id",
        need.parent
            .map(|p| export_uuid("need", &catalogue.needs[p].id)),
    );
    Value::Object(o)
}

/// Needs and populations as attributes linking taxonomy terms to the service. A
/// population is a term whose code starts `Y-` (AIRS's target-population branch).
fn attributes(catalogue: &Catalogue, s: &Service, service_id: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut link = |key: String, term: Value| {
        let term_id = term["id"].clone();
        out.push(json!({
            "id": export_uuid("attribute", &format!("{}:{key}", s.id)),
            "link_id": service_id,
            "link_entity": "service",
            "link_type": "need",
            "taxonomy_term_id": term_id,
            "taxonomy_term": term,
        }));
    };
    for &n in &s.needs {
        let need = &catalogue.needs[n];
        link(format!("need:{}", need.id), term(catalogue, need));
    }
    for p in &s.populations {
        let term = json!({
            "id": export_uuid("population", p),
            "code": format!("Y-{p}"),
            "name": p,
            "description": format!("Target population: {p}"),
            "taxonomy": "pathways",
        });
        link(format!("population:{p}"), term);
    }
    out
}

/// The service's address as one physical location (HSDS wants the address split into
/// fields we do not have: the whole text goes in `address_1`).
fn locations(catalogue: &Catalogue, s: &Service) -> Vec<Value> {
    let Some(address) = &s.address else {
        return Vec::new();
    };
    let country = catalogue.header.country.clone().unwrap_or_default();
    vec![json!({
        "id": export_uuid("service_at_location", &s.id),
        "location": {
            "id": export_uuid("location", &s.id),
            "location_type": "physical",
            "name": s.name,
            "addresses": [{
                "id": export_uuid("address", &s.id),
                "address_1": address,
                "city": "",
                "state_province": "",
                "postal_code": "",
                "country": country,
                "address_type": "physical",
            }],
        },
    })]
}

/// The tabular datapackage: every resource the specification names (a header only when
/// empty), our extra columns after the specification's, and `datapackage.json`.
fn tabular(catalogue: &Catalogue) -> Vec<(String, Vec<u8>)> {
    let items = services(catalogue);
    let mut tables = super::json::tables_of_services(&items);
    let terms = tables.entry("taxonomy_terms".into()).or_default();
    let present: std::collections::HashSet<String> =
        terms.rows().map(|r| r.get("id").to_string()).collect();
    for need in &catalogue.needs {
        if let Value::Object(o) = term(catalogue, need)
            && !present.contains(o["id"].as_str().unwrap_or(""))
        {
            terms.push_pairs(
                o.iter()
                    .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("").to_string())),
            );
        }
    }
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for (name, path, fields) in RESOURCES {
        let stem = path.trim_end_matches(".csv");
        let empty = super::package::Table::default();
        let table = tables.get(stem).unwrap_or(&empty);
        let mut columns: Vec<(String, &str)> =
            fields.iter().map(|(f, t)| (f.to_string(), *t)).collect();
        for extra in table.column_names() {
            if !columns.iter().any(|(c, _)| c == extra) {
                columns.push((extra.clone(), "string"));
            }
        }
        files.push((path.to_string(), csv_bytes(table, &columns)));
        let field_list: Vec<Value> = columns
            .iter()
            .map(|(c, t)| json!({"name": c, "type": t}))
            .collect();
        resources.push(json!({
            "name": name,
            "path": path,
            "profile": "tabular-data-resource",
            "schema": {"fields": field_list, "primaryKey": "id"},
        }));
    }
    let package = json!({
        "name": "pathways-export",
        "title": catalogue.header.title,
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "resources": resources,
    });
    files.insert(0, ("datapackage.json".into(), json_bytes(&package)));
    files
}

fn csv_bytes(table: &super::package::Table, columns: &[(String, &str)]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(columns.iter().map(|(c, _)| c.as_str()));
    for row in table.rows() {
        let _ = writer.write_record(columns.iter().map(|(c, _)| row.get(c)));
    }
    writer.into_inner().unwrap_or_default()
}
