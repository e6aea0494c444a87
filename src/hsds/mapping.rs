//! The mapping rules: HSDS rows → catalogue records. Each rule is documented in
//! `docs/import-export.md`; each value a rule cannot use is reported, never dropped silently.

use super::ids::{Ids, hash_of};
use super::index::Index;
use super::mapfile::MapFile;
use super::out::{self, Phone};
use super::package::{Package, Row};
use super::regions::Regions;
use super::report::Report;
use super::schedule;
use super::taxonomy::Taxonomy;
use std::collections::HashMap;

/// What an import is told besides the package.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub timezone: Option<String>,
    pub country: Option<String>,
    pub title: Option<String>,
    /// The text of the catalogue `--out` replaces, to keep its ids.
    pub existing: Option<String>,
}

/// Builds the catalogue records and the report. `tick` is called once per service row.
pub fn build(
    package: &Package,
    options: &Options,
    map: Option<&MapFile>,
    tick: &mut dyn FnMut(),
) -> (out::Catalogue, Report) {
    let dataset = options
        .title
        .clone()
        .or_else(|| package.title.clone())
        .unwrap_or_else(|| package.name.clone());
    let mut report = Report::new(&dataset, package.version);
    for file in &package.not_utf8 {
        report.note("file", "not UTF-8: bad bytes read as U+FFFD", file);
    }
    for file in &package.unreadable {
        report.note("file", "could not be read", file);
    }
    let index = Index::build(package, &mut report);
    let taxonomy = Taxonomy::read(package, map, &mut report);
    let regions = Regions::new(options.country.as_deref(), package, &dataset, map);
    if regions.country().is_none() {
        report.note(
            "address",
            "no country in --country or the addresses: the root region is the dataset's area",
            "",
        );
    }
    let mut builder = Builder {
        dataset,
        index,
        taxonomy,
        regions,
        ids: Ids::from_existing(options.existing.as_deref()),
        report,
        catalogue: out::Catalogue::default(),
        org_ids: HashMap::new(),
        contact_ids: HashMap::new(),
        used_locations: Default::default(),
    };
    builder.register_site_regions(package);
    let mut seen = std::collections::HashSet::new();
    if let Some(services) = package.table(&["services"]) {
        for row in services.rows() {
            tick();
            builder.report.read("service", 1);
            let id = row.get("id");
            if !id.is_empty() && !seen.insert(id) {
                builder
                    .report
                    .merged("service", "duplicate id, first row kept", id);
                continue;
            }
            builder.service(row);
        }
    }
    for row in package.rows(&["locations"]) {
        let id = row.get("id");
        if !id.is_empty() && !builder.used_locations.contains(id) {
            let why = "linked to no service (no service_at_location row)";
            builder.report.left_out("location", why, id);
        }
    }
    builder.finish(options, map)
}

struct Builder<'a> {
    dataset: String,
    index: Index<'a>,
    taxonomy: Taxonomy,
    regions: Regions,
    ids: Ids,
    report: Report,
    catalogue: out::Catalogue,
    /// HSDS organisation id → our id (organisations are written when a service uses them).
    org_ids: HashMap<&'a str, String>,
    contact_ids: HashMap<&'a str, String>,
    used_locations: std::collections::HashSet<&'a str>,
}

/// Fields a service's records share, whatever the site.
struct Common {
    needs: Vec<String>,
    populations: Vec<String>,
    areas: Vec<String>,
    base: out::Service,
}

impl<'a> Builder<'a> {
    fn service(&mut self, row: Row<'a>) {
        let id = row.get("id");
        let name = line(row.get("name"));
        if id.is_empty() {
            self.report.left_out("service", "no id", &name);
            return;
        }
        if name.is_empty() {
            self.report.left_out("service", "no name", id);
            return;
        }
        let org_key = row.ids("organization_id").next().unwrap_or("");
        let organisation = match self.organisation(org_key) {
            Some(organisation) => organisation,
            None => self.placeholder_organisation(org_key, id),
        };
        let common = self.common(row, &organisation);
        let sites = self.index.sites.get(id).cloned().unwrap_or_default();
        if sites.is_empty() {
            self.record(row, &common, None, false);
        }
        for &(sal, location) in &sites {
            self.record(row, &common, Some((sal, location)), sites.len() > 1);
        }
        self.report.imported("service");
    }

    /// Makes the regions of every site's address first, so a service area can name a city
    /// that only a later service's address brings.
    fn register_site_regions(&mut self, package: &'a Package) {
        for row in package.rows(&["services"]) {
            for &(_, location) in self.index.sites.get(row.get("id")).into_iter().flatten() {
                if let Some(address) = self.index.address_of_location(location) {
                    self.regions.of_address(&address);
                }
            }
        }
    }

    /// One record: the service, at one of its sites (or at none).
    fn record(
        &mut self,
        row: Row<'a>,
        common: &Common,
        site: Option<(&'a str, &'a str)>,
        several: bool,
    ) {
        let service_id = row.get("id");
        let location = site.and_then(|(_, l)| self.index.locations.get(l).copied());
        let location_id = site.map(|(_, l)| l);
        let sal = site.map(|(s, _)| s).filter(|s| !s.is_empty());
        let mut record = common.base.clone();
        let address = location_id.and_then(|l| self.index.address_of_location(l));
        if several {
            let place = location
                .map(|l| line(l.get("name")))
                .filter(|n| !n.is_empty())
                .or_else(|| address.as_ref().and_then(|a| a.text()))
                .unwrap_or_else(|| location_id.unwrap_or("").to_string());
            record.name = format!("{} — {place}", record.name);
        }
        record.id = self.record_id(
            row,
            &record.name,
            service_id,
            location_id.filter(|_| several),
        );
        record.source = match location_id {
            Some(l) if several => format!(
                "{}, HSDS service {service_id} at location {l}",
                self.dataset
            ),
            _ => format!("{}, HSDS service {service_id}", self.dataset),
        };
        if let Some(l) = location_id {
            self.used_locations.insert(l);
        }
        record.address = address.as_ref().and_then(|a| a.text());
        record.phones = self.phones(&self.index.phones.all_for(sal, service_id, location_id));
        let mut languages = Vec::new();
        let rows = self.index.languages.all_for(sal, service_id, location_id);
        self.languages(&rows, &mut languages);
        record.languages = languages;
        let schedules = self
            .index
            .schedules
            .most_specific(sal, service_id, location_id);
        let holidays = self
            .index
            .holidays
            .most_specific(sal, service_id, location_id);
        let hours = schedule::convert(&schedules, &holidays);
        match (&hours.opening_hours, &hours.note) {
            (Some(_), _) => self.report.schedules.structured += 1,
            (None, Some(_)) => {
                self.report.schedules.not_structured += 1;
                self.report.note(
                    "schedule",
                    "not structured: text kept in hours_note",
                    service_id,
                );
            }
            (None, None) if !(schedules.is_empty() && holidays.is_empty()) => {
                self.report
                    .note("schedule", "only closed days: no hours written", service_id)
            }
            _ => {}
        }
        record.opening_hours = hours.opening_hours;
        record.hours_note = hours
            .note
            .and_then(|n| text(&n))
            .or_else(|| text(row.get("pathways_hours_note")));
        record.regions = if !common.areas.is_empty() {
            common.areas.clone()
        } else if let Some(region) = address.as_ref().and_then(|a| self.regions.of_address(a)) {
            vec![region]
        } else {
            self.report.note(
                "service",
                "no service area or address region: the root region",
                service_id,
            );
            vec![self.regions.root().to_string()]
        };
        record.contacts = self.contacts(sal, service_id, location_id, &record.organisation);
        record.needs = common.needs.clone();
        record.populations = common.populations.clone();
        self.catalogue.services.push(record);
    }

    /// `pathways_id` when the row carries a usable one (our own export), else slug + hash.
    fn record_id(&mut self, row: Row, name: &str, service: &str, location: Option<&str>) -> String {
        let wanted = row.get("pathways_id");
        if !wanted.is_empty() && location.is_none() {
            if let Some(id) = self.ids.claim(wanted) {
                return id;
            }
            self.report
                .note("service", "pathways_id not a free slug: a new id", wanted);
        }
        let hash = match location {
            Some(l) => hash_of("service", &[service, l]),
            None => hash_of("service", &[service]),
        };
        self.ids.assign(name, &hash)
    }

    /// The fields every record of a service shares.
    fn common(&mut self, row: Row<'a>, organisation: &str) -> Common {
        let id = row.get("id");
        let assigned = self.taxonomy.assign(id, &mut self.report);
        let mut base = out::Service {
            name: line(row.get("name")),
            organisation: organisation.to_string(),
            status: self.status(row.get("status"), id),
            alert: text(row.get("alert")),
            alert_until: date(row.get("pathways_alert_until")),
            description: text(row.get("description")),
            how_to_refer: text(row.get("application_process")),
            fee: text(row.first(&["fees_description", "fees"])),
            email: self.email(row.get("email"), "service"),
            website: self.website(row.first(&["url", "website"]), "service"),
            interpretation: interpretation(row.get("interpretation_services")),
            verified: date(row.first(&["assured_date", "last_modified"])),
            translations: self.translations(row),
            ..out::Service::default()
        };
        let mut eligibility: Vec<String> = text(row.get("eligibility_description"))
            .into_iter()
            .collect();
        for e in self.index.eligibility.service.get(id).into_iter().flatten() {
            if let Some(t) = text(e.get("eligibility"))
                && !eligibility.contains(&t)
            {
                eligibility.push(t);
            }
        }
        base.eligibility = (!eligibility.is_empty()).then(|| eligibility.join("\n"));
        for d in self.index.documents.service.get(id).into_iter().flatten() {
            if let Some(t) = text(d.get("document"))
                && !base.documents.contains(&t)
            {
                base.documents.push(t);
            }
        }
        self.ages(row, &mut base);
        let mut areas = Vec::new();
        for a in self
            .index
            .areas
            .service
            .get(id)
            .cloned()
            .into_iter()
            .flatten()
        {
            let area = line(a.first(&["service_area", "name"]));
            match self.regions.of_area(&area) {
                Some(region) if !areas.contains(&region) => areas.push(region),
                Some(_) => {}
                None => self
                    .report
                    .note("service_area", "names no known region: not used", &area),
            }
        }
        Common {
            needs: assigned.needs,
            populations: assigned.populations,
            areas,
            base,
        }
    }

    /// Our export's `pathways_translations` (JSON text), with every text cleaned; a value
    /// that does not read is reported.
    fn translations(
        &mut self,
        row: Row,
    ) -> std::collections::BTreeMap<String, crate::catalogue::Translation> {
        let cell = row.get("pathways_translations");
        if cell.is_empty() {
            return Default::default();
        }
        let Ok(mut map) = serde_json::from_str::<
            std::collections::BTreeMap<String, crate::catalogue::Translation>,
        >(cell) else {
            self.report.note(
                "service",
                "pathways_translations not readable: not used",
                row.get("id"),
            );
            return Default::default();
        };
        for t in map.values_mut() {
            for field in [
                &mut t.name,
                &mut t.description,
                &mut t.eligibility,
                &mut t.how_to_refer,
                &mut t.hours_note,
                &mut t.fee,
                &mut t.address,
            ] {
                *field = field.as_deref().and_then(text);
            }
            t.documents = t.documents.iter().filter_map(|d| text(d)).collect();
        }
        map
    }

    fn ages(&mut self, row: Row, base: &mut out::Service) {
        let age = |cell: &str| -> Option<i64> {
            let n: f64 = cell.parse().ok()?;
            (0.0..=150.0).contains(&n).then_some(n as i64)
        };
        let (min, max) = (row.get("minimum_age"), row.get("maximum_age"));
        base.min_age = age(min);
        base.max_age = age(max);
        for (cell, value) in [(min, base.min_age), (max, base.max_age)] {
            if !cell.is_empty() && value.is_none() {
                self.report
                    .note("service", "age not a number of years: left out", cell);
            }
        }
        if let (Some(a), Some(b)) = (base.min_age, base.max_age)
            && a > b
        {
            self.report.note(
                "service",
                "minimum_age above maximum_age: ages left out",
                row.get("id"),
            );
            base.min_age = None;
            base.max_age = None;
        }
    }

    /// `active`→active, `inactive`/`defunct`→inactive, `temporarily closed`→temporarily-closed;
    /// empty or unknown → active, reported. Active is the default, so it is not written.
    fn status(&mut self, status: &str, id: &str) -> Option<&'static str> {
        match status
            .trim()
            .to_lowercase()
            .replace(['_', ' '], "-")
            .as_str()
        {
            "active" => None,
            "inactive" | "defunct" => Some("inactive"),
            "temporarily-closed" => Some("temporarily-closed"),
            "" => {
                self.report.note("service", "status empty: active", id);
                None
            }
            other => {
                self.report
                    .note("service", &format!("status `{other}` unknown: active"), id);
                None
            }
        }
    }

    /// Our id of an HSDS organisation, writing its record on first use.
    fn organisation(&mut self, key: &'a str) -> Option<String> {
        if let Some(id) = self.org_ids.get(key) {
            return Some(id.clone());
        }
        let row = *self.index.organisations.get(key)?;
        let name = line(row.get("name"));
        if name.is_empty() {
            self.report.left_out("organization", "no name", key);
            return None;
        }
        let id = match row.get("pathways_id") {
            "" => None,
            wanted => self.ids.claim(wanted),
        }
        .unwrap_or_else(|| self.ids.assign(&name, &hash_of("organization", &[key])));
        let phones = self
            .index
            .phones
            .organisation
            .get(key)
            .cloned()
            .unwrap_or_default();
        let organisation = out::Organisation {
            id: id.clone(),
            short_name: text(row.get("alternate_name")).map(|s| line(&s)),
            website: self.website(row.first(&["website", "url"]), "organization"),
            email: self.email(row.get("email"), "organization"),
            address: self
                .index
                .address_of_organisation(key)
                .and_then(|a| a.text())
                .or_else(|| text(row.get("pathways_address"))),
            phones: self.phones(&phones),
            description: text(row.get("description")),
            source: format!("{}, HSDS organization {key}", self.dataset),
            name,
        };
        self.report.imported("organization");
        self.catalogue.organisations.push(organisation);
        self.org_ids.insert(key, id.clone());
        Some(id)
    }

    /// A service whose organisation is missing from the data still arrives, under an
    /// organisation record that says only what is known: the id the service names.
    fn placeholder_organisation(&mut self, key: &'a str, service: &str) -> String {
        let why = if key.is_empty() {
            "no organization_id: placeholder organisation"
        } else {
            "organization_id not found: placeholder organisation"
        };
        self.report.note("service", why, service);
        if let Some(id) = self.org_ids.get(key) {
            return id.clone();
        }
        let (name, source) = if key.is_empty() {
            (
                "Organisation not given in the data".to_string(),
                format!("{}, HSDS services without organization_id", self.dataset),
            )
        } else {
            (
                format!("Organisation {key} (missing from the data)"),
                format!(
                    "{}, HSDS organization {key} (named by services, not in the organizations file)",
                    self.dataset
                ),
            )
        };
        let id = self
            .ids
            .assign("organisation", &hash_of("organization", &[key]));
        self.catalogue.organisations.push(out::Organisation {
            id: id.clone(),
            name,
            source,
            ..out::Organisation::default()
        });
        self.org_ids.insert(key, id.clone());
        id
    }

    /// Contacts of a record (the site's and the service's), written on first use.
    fn contacts(
        &mut self,
        sal: Option<&str>,
        service: &str,
        location: Option<&str>,
        organisation: &str,
    ) -> Vec<String> {
        let rows = self.index.contacts.all_for(sal, service, location);
        let mut ids = Vec::new();
        for row in rows {
            let key = row.get("id");
            if let Some(id) = self.contact_ids.get(key) {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
                continue;
            }
            let name = line(row.get("name"));
            if name.is_empty() || key.is_empty() {
                self.report.left_out("contact", "no name or no id", key);
                continue;
            }
            let id = match row.get("pathways_id") {
                "" => None,
                wanted => self.ids.claim(wanted),
            }
            .unwrap_or_else(|| self.ids.assign(&name, &hash_of("contact", &[key])));
            let phones = self
                .index
                .phones
                .contact
                .get(key)
                .cloned()
                .unwrap_or_default();
            let role = [row.get("title"), row.get("department")]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            let contact = out::Contact {
                id: id.clone(),
                name,
                organisation: Some(organisation.to_string()),
                role: text(&role),
                email: self.email(row.get("email"), "contact"),
                phones: self.phones(&phones),
                source: format!("{}, HSDS contact {key}", self.dataset),
            };
            self.report.imported("contact");
            self.catalogue.contacts.push(contact);
            self.contact_ids.insert(row.get("id"), id.clone());
            ids.push(id);
        }
        ids
    }

    fn phones(&mut self, rows: &[Row]) -> Vec<Phone> {
        let mut phones: Vec<Phone> = Vec::new();
        for row in rows {
            let Some(phone) = self.phone(row) else {
                continue;
            };
            if phones.iter().any(|p| p.number == phone.number) {
                continue;
            }
            phones.push(phone);
        }
        phones
    }

    /// voice/cell→voice, text→sms, fax→fax, textphone/tty→tty; video, pager and unknown
    /// types → voice, reported with the original type.
    fn phone(&mut self, row: &Row) -> Option<Phone> {
        let mut number = line(row.get("number").trim_matches(['"', '\'']));
        if number.is_empty() {
            self.report
                .note("phone", "no number: not used", row.get("id"));
            return None;
        }
        let extension = row.get("extension");
        if !extension.is_empty() {
            number = format!("{number} ext. {}", line(extension));
        }
        let kind_text = row.get("type").to_lowercase();
        let ours = crate::catalogue::PhoneKind::parse(row.get("pathways_kind"));
        let kind = match kind_text.as_str() {
            _ if ours.is_some() => ours.map_or("voice", |k| k.as_str()),
            "" | "voice" | "cell" | "mobile" | "phone" => "voice",
            "text" | "sms" => "sms",
            "fax" => "fax",
            "textphone" | "tty" | "tdd" => "tty",
            other => {
                self.report
                    .note("phone", &format!("type `{other}` read as voice"), &number);
                "voice"
            }
        };
        let mut languages = Vec::new();
        for language in super::lang::split(row.get("language")) {
            self.language(language, &mut languages);
        }
        if let Some(rows) = self.index.languages_by_phone.get(row.get("id")).cloned() {
            self.languages(&rows, &mut languages);
        }
        Some(Phone {
            number,
            kind,
            hours: text(row.get("pathways_hours")).map(|h| line(&h)),
            languages,
            note: text(row.get("description")).map(|d| line(&d)),
        })
    }

    fn languages(&mut self, rows: &[Row], into: &mut Vec<String>) {
        for row in rows {
            let cell = row.first(&["code", "language", "name"]);
            for language in super::lang::split(cell) {
                self.language(language, into);
            }
        }
    }

    /// Names and codes → codes where known; known names inside a text are used; one word
    /// that is no known language is kept as written; other text is left out. All but the
    /// first reported.
    fn language(&mut self, value: &str, into: &mut Vec<String>) {
        use super::lang::Read;
        let codes = match super::lang::read(value) {
            Read::Known(code) => vec![code],
            Read::InText(codes) => {
                let what = "language names read from a text";
                self.report.note("language", what, value);
                codes
            }
            Read::Unknown(code) => {
                let what = "not a known language name or code: kept as written";
                self.report.note("language", what, value);
                vec![code]
            }
            Read::NotALanguage => {
                self.report
                    .note("language", "names no language: not used", value);
                Vec::new()
            }
        };
        for code in codes {
            if !into.contains(&code) {
                into.push(code);
            }
        }
    }

    fn email(&mut self, value: &str, object: &str) -> Option<String> {
        let value = value.trim().trim_start_matches("mailto:");
        if value.is_empty() {
            return None;
        }
        if crate::catalogue::is_email(value) {
            return Some(value.to_string());
        }
        self.report
            .note(object, "malformed e-mail address: not used", value);
        None
    }

    /// A web address; one written without `http://` gets it (reported), a malformed one is
    /// not used (reported).
    fn website(&mut self, value: &str, object: &str) -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        if crate::catalogue::is_url(value) {
            return Some(value.to_string());
        }
        let with_scheme = format!("http://{value}");
        if !value.contains("://") && crate::catalogue::is_url(&with_scheme) {
            self.report
                .note(object, "website without http://: added", value);
            return Some(with_scheme);
        }
        self.report
            .note(object, "malformed website: not used", value);
        None
    }

    fn finish(mut self, options: &Options, map: Option<&MapFile>) -> (out::Catalogue, Report) {
        if let Some(map) = map {
            for (name, id) in &map.regions_map {
                if !self.regions.contains(id) {
                    self.report.note(
                        "map",
                        &format!("regions_map target `{id}` is not a region"),
                        name,
                    );
                }
            }
        }
        self.report.counts("location").imported = self.used_locations.len();
        let country = self.regions.country().map(str::to_string);
        let mut catalogue = self.catalogue;
        catalogue.needs = self.taxonomy.needs(map);
        self.report.counts("taxonomy_term").imported = self.taxonomy.used_terms();
        catalogue.regions = self.regions.regions;
        catalogue.header = out::Header {
            title: options
                .title
                .clone()
                .unwrap_or_else(|| self.dataset.clone()),
            updated: catalogue.services.iter().filter_map(|s| s.verified).max(),
            timezone: options.timezone.clone(),
            country,
        };
        let mut report = self.report;
        report.written = super::report::Written {
            services: catalogue.services.len(),
            organisations: catalogue.organisations.len(),
            contacts: catalogue.contacts.len(),
            needs: catalogue.needs.len(),
            regions: catalogue.regions.len(),
        };
        report.sort();
        (catalogue, report)
    }
}

/// Text for a catalogue field: control characters stripped, trimmed, `None` when empty.
/// Some exports write line breaks as the two characters `\n`: in a text with no real
/// line break, those become line breaks.
fn text(value: &str) -> Option<String> {
    let unescaped;
    let value = if value.contains("\\n") && !value.contains('\n') {
        unescaped = value.replace("\\r\\n", "\n").replace("\\n", "\n");
        unescaped.as_str()
    } else {
        value
    };
    let stripped = crate::text::strip_controls(value);
    let trimmed = stripped.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Text for a one-line field (names, numbers).
fn line(value: &str) -> String {
    crate::text::one_line(value)
}

fn interpretation(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "" => None,
        "no" | "none" | "false" | "n" | "0" | "not available" => Some(false),
        _ => Some(true),
    }
}

/// The date of `2025-01-31` or `2025-01-31T10:00:00Z`.
fn date(value: &str) -> Option<jiff::civil::Date> {
    value.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaped_line_breaks_become_line_breaks() {
        assert_eq!(super::text("a\\n\\nb ").as_deref(), Some("a\n\nb"));
        assert_eq!(
            super::text("C:\\new\nline").as_deref(),
            Some("C:\\new\nline")
        );
        assert_eq!(super::text(" \u{7} "), None);
    }
}
