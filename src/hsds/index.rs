//! The package's rows grouped by what they belong to, so building a record is a few map
//! look-ups. A row with a key that points at nothing (a missing foreign key) or at no owner
//! at all is left out and reported here, once.

use super::package::{Package, Row};
use super::regions::Address;
use super::report::Report;
use std::collections::{HashMap, HashSet};

/// Rows owned by a service-at-location, a (service, location) pair, a service, a location,
/// an organisation or a contact: the most specific owner the row names.
#[derive(Default)]
pub struct Owned<'a> {
    pub sal: HashMap<&'a str, Vec<Row<'a>>>,
    pub pair: HashMap<(&'a str, &'a str), Vec<Row<'a>>>,
    pub service: HashMap<&'a str, Vec<Row<'a>>>,
    pub location: HashMap<&'a str, Vec<Row<'a>>>,
    pub organisation: HashMap<&'a str, Vec<Row<'a>>>,
    pub contact: HashMap<&'a str, Vec<Row<'a>>>,
}

/// The ids that exist, to tell a missing foreign key.
#[derive(Default)]
pub struct Known<'a> {
    pub services: HashSet<&'a str>,
    pub locations: HashSet<&'a str>,
    pub organisations: HashSet<&'a str>,
    pub sals: HashSet<&'a str>,
    pub contacts: HashSet<&'a str>,
}

impl<'a> Owned<'a> {
    /// Groups `rows` of HSDS object `object` by their most specific owner.
    pub fn group(
        rows: impl Iterator<Item = Row<'a>>,
        object: &str,
        known: &Known<'a>,
        report: &mut Report,
    ) -> Owned<'a> {
        let mut owned = Owned::default();
        for row in rows {
            report.read(object, 1);
            if owned.add(row, known, object, report) {
                report.imported(object);
            }
        }
        owned
    }

    fn add(&mut self, row: Row<'a>, known: &Known<'a>, object: &str, report: &mut Report) -> bool {
        let id = row.get("id");
        let missing = |report: &mut Report, key: &str, value: &str| {
            report.left_out(object, &format!("{key} not found"), value);
            false
        };
        // A contact's phone may also name the service or site it serves: it goes to both.
        let contact = row.get("contact_id");
        if !contact.is_empty() {
            let put = self.put_each(
                row,
                "contact_id",
                &known.contacts,
                object,
                report,
                |s, k, r| s.contact.entry(k).or_default().push(r),
            );
            let names_more = [
                "service_at_location_id",
                "service_id",
                "location_id",
                "organization_id",
            ]
            .iter()
            .any(|k| !row.get(k).is_empty());
            if !names_more {
                return put;
            }
        }
        let sal = row.get("service_at_location_id");
        if !sal.is_empty()
            && row
                .ids("service_at_location_id")
                .any(|s| known.sals.contains(s))
        {
            return self.put_each(
                row,
                "service_at_location_id",
                &known.sals,
                object,
                report,
                |s, k, r| s.sal.entry(k).or_default().push(r),
            );
        }
        let service = row.get("service_id");
        let location = row.get("location_id");
        match (service.is_empty(), location.is_empty()) {
            (false, false) => {
                let mut any = false;
                for s in row.ids("service_id") {
                    for l in row.ids("location_id") {
                        if !known.services.contains(s) {
                            missing(report, "service_id", s);
                        } else if !known.locations.contains(l) {
                            missing(report, "location_id", l);
                        } else {
                            self.pair.entry((s, l)).or_default().push(row);
                            any = true;
                        }
                    }
                }
                any
            }
            (false, true) => self.put_each(
                row,
                "service_id",
                &known.services,
                object,
                report,
                |s, k, r| s.service.entry(k).or_default().push(r),
            ),
            (true, false) => self.put_each(
                row,
                "location_id",
                &known.locations,
                object,
                report,
                |s, k, r| s.location.entry(k).or_default().push(r),
            ),
            (true, true) => {
                if !row.get("organization_id").is_empty() {
                    return self.put_each(
                        row,
                        "organization_id",
                        &known.organisations,
                        object,
                        report,
                        |s, k, r| s.organisation.entry(k).or_default().push(r),
                    );
                }
                if sal.is_empty() {
                    report.left_out(
                        object,
                        "linked to nothing (no service, location or organization id)",
                        id,
                    );
                    false
                } else {
                    missing(report, "service_at_location_id", sal)
                }
            }
        }
    }

    fn put_each(
        &mut self,
        row: Row<'a>,
        key: &str,
        known: &HashSet<&'a str>,
        object: &str,
        report: &mut Report,
        put: impl Fn(&mut Self, &'a str, Row<'a>),
    ) -> bool {
        let mut any = false;
        for id in row.ids(key) {
            if known.contains(id) {
                put(self, id, row);
                any = true;
            } else {
                report.left_out(object, &format!("{key} not found"), id);
            }
        }
        any
    }

    /// Rows for a service at a location: the service-at-location's, the pair's, the
    /// service's and the location's, in that order.
    pub fn all_for(
        &self,
        sal: Option<&str>,
        service: &str,
        location: Option<&str>,
    ) -> Vec<Row<'a>> {
        let mut out = Vec::new();
        if let Some(rows) = sal.and_then(|s| self.sal.get(s)) {
            out.extend(rows.iter().copied());
        }
        if let Some(l) = location
            && let Some(rows) = self.pair.get(&(service, l))
        {
            out.extend(rows.iter().copied());
        }
        if let Some(rows) = self.service.get(service) {
            out.extend(rows.iter().copied());
        }
        if let Some(rows) = location.and_then(|l| self.location.get(l)) {
            out.extend(rows.iter().copied());
        }
        out
    }

    /// The most specific group of rows for a service at a location (schedules: a site's own
    /// hours replace the service's general ones).
    pub fn most_specific(
        &self,
        sal: Option<&str>,
        service: &str,
        location: Option<&str>,
    ) -> Vec<Row<'a>> {
        let groups = [
            sal.and_then(|s| self.sal.get(s)),
            location.and_then(|l| self.pair.get(&(service, l))),
            self.service.get(service),
            location.and_then(|l| self.location.get(l)),
        ];
        groups
            .into_iter()
            .flatten()
            .next()
            .cloned()
            .unwrap_or_default()
    }
}

/// Every index one import needs.
pub struct Index<'a> {
    pub known: Known<'a>,
    pub organisations: HashMap<&'a str, Row<'a>>,
    pub locations: HashMap<&'a str, Row<'a>>,
    /// (service-at-location id, location id) of each service, in file order.
    pub sites: HashMap<&'a str, Vec<(&'a str, &'a str)>>,
    pub addresses: Owned<'a>,
    pub phones: Owned<'a>,
    pub schedules: Owned<'a>,
    pub holidays: Owned<'a>,
    pub languages: Owned<'a>,
    pub languages_by_phone: HashMap<&'a str, Vec<Row<'a>>>,
    pub areas: Owned<'a>,
    pub documents: Owned<'a>,
    pub eligibility: Owned<'a>,
    pub contacts: Owned<'a>,
    pub contact_rows: HashMap<&'a str, Row<'a>>,
}

impl<'a> Index<'a> {
    pub fn build(package: &'a Package, report: &mut Report) -> Index<'a> {
        let mut known = Known::default();
        let organisations = by_id(package.rows(&["organizations"]), "organization", report);
        let locations = by_id(package.rows(&["locations"]), "location", report);
        known.organisations = organisations.keys().copied().collect();
        known.locations = locations.keys().copied().collect();
        known.services = package
            .rows(&["services"])
            .map(|r| r.get("id"))
            .filter(|id| !id.is_empty())
            .collect();
        let mut sites: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
        for row in package.rows(&["service_at_location", "services_at_location"]) {
            report.read("service_at_location", 1);
            let sal = row.get("id");
            let mut linked = false;
            for service in row.ids("service_id") {
                for location in row.ids("location_id") {
                    if !known.services.contains(service) {
                        report.left_out("service_at_location", "service_id not found", service);
                    } else if !known.locations.contains(location) {
                        report.left_out("service_at_location", "location_id not found", location);
                    } else {
                        let list = sites.entry(service).or_default();
                        if list.iter().any(|(_, l)| *l == location) {
                            report.merged(
                                "service_at_location",
                                "same service and location twice",
                                sal,
                            );
                        } else {
                            list.push((sal, location));
                            linked = true;
                        }
                    }
                }
            }
            if linked {
                report.imported("service_at_location");
                if !sal.is_empty() {
                    known.sals.insert(sal);
                }
            } else if row.get("service_id").is_empty() || row.get("location_id").is_empty() {
                report.left_out("service_at_location", "no service_id or location_id", sal);
            }
        }
        let contact_rows = by_id(package.rows(&["contacts"]), "contact", report);
        known.contacts = contact_rows.keys().copied().collect();
        let mut addresses = Owned::default();
        let address_tables = ["addresses", "physical_addresses", "postal_addresses"];
        let mut address_rows: Vec<Row> = Vec::new();
        for table in address_tables {
            address_rows.extend(package.rows(&[table]));
        }
        // Physical addresses first: that is where a caller goes.
        address_rows.sort_by_key(|r| r.get("address_type").eq_ignore_ascii_case("postal"));
        for row in address_rows {
            report.read("address", 1);
            if addresses.add(row, &known, "address", report) {
                report.imported("address");
            }
        }
        let group = |names: &[&str], object: &str, report: &mut Report| {
            Owned::group(package.rows(names), object, &known, report)
        };
        let phones = group(&["phones"], "phone", report);
        let schedules = group(&["schedules", "regular_schedules"], "schedule", report);
        let holidays = group(&["holiday_schedules"], "holiday_schedule", report);
        let mut languages_by_phone: HashMap<&str, Vec<Row>> = HashMap::new();
        let language_rows = package.rows(&["languages"]).filter(|r| {
            let phone = r.get("phone_id");
            if phone.is_empty() {
                return true;
            }
            languages_by_phone.entry(phone).or_default().push(*r);
            // A phone's language row may also name the service or location it is spoken at.
            !(r.get("service_id").is_empty() && r.get("location_id").is_empty())
        });
        let languages = Owned::group(language_rows, "language", &known, report);
        let areas = group(&["service_areas"], "service_area", report);
        let documents = group(&["required_documents"], "required_document", report);
        let eligibility = group(&["eligibility"], "eligibility", report);
        let contacts = group(&["contacts"], "contact_link", report);
        Index {
            known,
            organisations,
            locations,
            sites,
            addresses,
            phones,
            schedules,
            holidays,
            languages,
            languages_by_phone,
            areas,
            documents,
            eligibility,
            contacts,
            contact_rows,
        }
    }

    /// A location's first address (physical before postal).
    pub fn address_of_location(&self, location: &str) -> Option<Address> {
        self.addresses
            .location
            .get(location)
            .and_then(|rows| rows.first())
            .map(Address::from_row)
    }

    /// An organisation's own address (some 1.x files tie addresses to organisations).
    pub fn address_of_organisation(&self, organisation: &str) -> Option<Address> {
        self.addresses
            .organisation
            .get(organisation)
            .and_then(|rows| rows.first())
            .map(Address::from_row)
    }
}

fn by_id<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    object: &str,
    report: &mut Report,
) -> HashMap<&'a str, Row<'a>> {
    let mut map = HashMap::new();
    for row in rows {
        report.read(object, 1);
        let id = row.get("id");
        if id.is_empty() {
            report.left_out(object, "no id", row.get("name"));
        } else if map.contains_key(id) {
            report.merged(object, "duplicate id, first row kept", id);
        } else {
            map.insert(id, row);
        }
    }
    map
}
