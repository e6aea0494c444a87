//! HSDS 3.0 JSON into the same tables as the CSV files: a list of `service_full` objects
//! (bare, or in a paginated `contents`), one such object, or the tabular JSON (an object
//! whose keys are CSV file names). Nested objects become rows of their own table with the
//! key that points back at their parent, as in the tabular form.

use super::HsdsError;
use super::package::{Package, Table};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

type Object = Map<String, Value>;

pub fn read_json(bytes: &[u8]) -> Result<Package, HsdsError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| HsdsError::NotHsds(format!("not JSON: {e}")))?;
    let mut tables = Tables::default();
    match &value {
        Value::Array(items) => tables.services(items),
        Value::Object(object) if object.keys().any(|k| k.ends_with(".csv")) => {
            tables.tabular(object)
        }
        Value::Object(object) => match object.get("contents") {
            Some(Value::Array(items)) => tables.services(items),
            _ if object.contains_key("name") => tables.service(object),
            _ => {}
        },
        _ => {}
    }
    if tables.tables.get("services").is_none_or(Table::is_empty) {
        return Err(HsdsError::NotHsds(
            "the JSON holds no services (expected service_full objects or tabular JSON)".into(),
        ));
    }
    Ok(Package {
        tables: tables.tables,
        ..Package::default()
    })
}

/// `service_full` objects as the tabular form's tables (the CSV export uses this).
pub fn tables_of_services(items: &[Value]) -> HashMap<String, Table> {
    let mut tables = Tables::default();
    tables.services(items);
    tables.tables
}

/// Tables being filled, with the ids already added to each (the same location or
/// organisation appears under every service that uses it).
#[derive(Default)]
struct Tables {
    tables: HashMap<String, Table>,
    seen: HashMap<String, HashSet<String>>,
}

/// A scalar JSON value as cell text; objects and arrays are not cells.
fn cell(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        _ => None,
    }
}

fn id_of(object: &Object) -> String {
    object.get("id").and_then(cell).unwrap_or_default()
}

fn name_of(object: &Object) -> String {
    object.get("name").and_then(cell).unwrap_or_default()
}

/// `object` with an id: its own, or (when the file gives none) one made from what it says,
/// so the rows that point at it can.
fn with_id(object: &Object, make: impl FnOnce() -> String) -> Object {
    let mut object = object.clone();
    if id_of(&object).trim().is_empty() {
        object.insert("id".into(), Value::String(make()));
    }
    object
}

impl Tables {
    /// Adds `object`'s scalar fields as a row of `table`, with `links` (parent keys) filled
    /// where the object leaves them out. A row whose id was already added is skipped.
    fn row(&mut self, table: &str, object: &Object, links: &[(&str, &str)]) -> bool {
        let id = id_of(object);
        // A language object is shared by the service, its phones and its locations.
        let shared = table == "languages";
        if !shared && !id.is_empty() && !self.seen.entry(table.into()).or_default().insert(id) {
            return false;
        }
        let mut pairs: Vec<(&str, String)> = object
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), cell(v)?)))
            .collect();
        for (key, value) in links {
            let given = object.get(*key).and_then(cell).unwrap_or_default();
            if given.trim().is_empty() && !value.is_empty() {
                pairs.retain(|(k, _)| k != key);
                pairs.push((key, value.to_string()));
            }
        }
        self.tables
            .entry(table.into())
            .or_default()
            .push_pairs(pairs);
        true
    }

    fn each<'v>(object: &'v Object, key: &str) -> impl Iterator<Item = &'v Object> {
        object
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
    }

    fn tabular(&mut self, object: &Object) {
        for (file, rows) in object {
            let name = file.trim_end_matches(".csv").to_lowercase();
            for row in rows
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
            {
                self.row(&name, row, &[]);
            }
        }
    }

    fn services(&mut self, items: &[Value]) {
        for item in items.iter().filter_map(Value::as_object) {
            self.service(item);
        }
    }

    fn service(&mut self, service: &Object) {
        let id = id_of(service);
        let org = service
            .get("organization")
            .and_then(Value::as_object)
            .map(|o| with_id(o, || format!("organization named {}", name_of(o))));
        let organisation = org.as_ref().map(id_of).unwrap_or_default();
        if !self.row(
            "services",
            service,
            &[("organization_id", organisation.as_str())],
        ) {
            return;
        }
        let by_service = [("service_id", id.as_str())];
        self.phones(service, &by_service);
        self.schedules(service, &by_service);
        for (key, table) in [
            ("service_areas", "service_areas"),
            ("languages", "languages"),
            ("required_documents", "required_documents"),
            ("cost_options", "cost_options"),
        ] {
            for item in Self::each(service, key) {
                self.row(table, item, &by_service);
            }
        }
        self.contacts(service, &by_service);
        for attribute in Self::each(service, "attributes") {
            let term = attribute.get("taxonomy_term").and_then(Value::as_object);
            let term_id = term.map(id_of).unwrap_or_default();
            self.row(
                "attributes",
                attribute,
                &[
                    ("link_id", id.as_str()),
                    ("link_entity", "service"),
                    ("taxonomy_term_id", term_id.as_str()),
                ],
            );
            if let Some(term) = term {
                self.row("taxonomy_terms", term, &[]);
            }
        }
        for at in Self::each(service, "service_at_locations") {
            let location = at
                .get("location")
                .and_then(Value::as_object)
                .map(|l| with_id(l, || format!("location {} of service {id}", name_of(l))));
            let location = location.as_ref();
            let location_id = location.map(id_of).unwrap_or_default();
            self.row(
                "service_at_location",
                at,
                &[("service_id", id.as_str()), ("location_id", &location_id)],
            );
            let at_id = id_of(at);
            let by_at = [("service_at_location_id", at_id.as_str())];
            self.phones(at, &by_at);
            self.schedules(at, &by_at);
            self.contacts(at, &by_at);
            if let Some(location) = location {
                self.location(location, &organisation);
            }
        }
        // Last: a phone or contact listed under the service and its organisation belongs
        // to the service (the first owner keeps a row).
        if let Some(org) = &org {
            self.organisation(org);
        }
    }

    fn organisation(&mut self, org: &Object) {
        if !self.row("organizations", org, &[]) {
            return;
        }
        let id = id_of(org);
        let by_org = [("organization_id", id.as_str())];
        self.phones(org, &by_org);
        self.contacts(org, &by_org);
    }

    fn location(&mut self, location: &Object, organisation: &str) {
        if !self.row("locations", location, &[("organization_id", organisation)]) {
            return;
        }
        let id = id_of(location);
        let by_location = [("location_id", id.as_str())];
        for item in Self::each(location, "addresses") {
            self.row("addresses", item, &by_location);
        }
        for item in Self::each(location, "languages") {
            self.row("languages", item, &by_location);
        }
        self.phones(location, &by_location);
        self.schedules(location, &by_location);
        self.contacts(location, &by_location);
    }

    fn phones(&mut self, owner: &Object, links: &[(&str, &str)]) {
        for phone in Self::each(owner, "phones") {
            let id = id_of(phone);
            // The same phone may be listed under several owners; the first owner keeps it.
            if self.row("phones", phone, links) {
                for language in Self::each(phone, "languages") {
                    self.row("languages", language, &[("phone_id", id.as_str())]);
                }
            }
        }
    }

    fn schedules(&mut self, owner: &Object, links: &[(&str, &str)]) {
        for schedule in Self::each(owner, "schedules") {
            self.row("schedules", schedule, links);
        }
    }

    fn contacts(&mut self, owner: &Object, links: &[(&str, &str)]) {
        for contact in Self::each(owner, "contacts") {
            let id = id_of(contact);
            if self.row("contacts", contact, links) {
                self.phones(contact, &[("contact_id", id.as_str())]);
            }
        }
    }
}
