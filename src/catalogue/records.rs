//! Reading each record of a catalogue into its raw form: fields read and checked, references
//! still as ids (resolved by `link`).

use super::load::{Chunk, LoadOptions};
use super::messages::{Arg, Message, message};
use super::reader::{RecordReader, Sink, check_keys, did_you_mean, strip_strings};
use super::schema::{self, Record};
use super::*;
use toml::de::{DeTable, DeValue};

/// Records as read, before references are resolved.
#[derive(Default)]
pub(super) struct RawCatalogue {
    /// `None`: no header yet; `Some(None)`: a header with errors.
    pub(super) header: Option<Option<Header>>,
    pub(super) header_at: Option<usize>,
    pub(super) needs: Vec<Raw<Need>>,
    pub(super) regions: Vec<Raw<Region>>,
    /// Index for index with `regions`: true where `level` was left out (derived from the
    /// depth when linked).
    pub(super) region_level_missing: Vec<bool>,
    pub(super) organisations: Vec<Raw<Organisation>>,
    pub(super) contacts: Vec<Raw<Contact>>,
    /// Services are read straight into their final vector (a 100k-service catalogue must not
    /// exist twice in memory); their unresolved references ride alongside, index for index.
    pub(super) services: Vec<Service>,
    pub(super) service_refs: Vec<ServiceRefs>,
}

impl RawCatalogue {
    /// An empty catalogue with room for `records` services, one record a chunk: reserving
    /// once avoids the doubling of a growing vector, which at 100k services would briefly
    /// hold twice their size.
    pub(super) fn with_capacity(records: usize) -> RawCatalogue {
        RawCatalogue {
            services: Vec::with_capacity(records),
            service_refs: Vec::with_capacity(records),
            ..RawCatalogue::default()
        }
    }

    /// Takes the `[catalogue]` table at `at` as this catalogue's header. False, and
    /// reported with the first one's line, when it already has one, whether the first
    /// came in an earlier record of the same part or in another part.
    fn claim_header(&mut self, sink: &mut Sink, at: usize) -> bool {
        if let Some(first) = self.header_at {
            let line = sink.line_of(first);
            sink.fatal(at, message!("cli-check-second-header", line = line));
            return false;
        }
        self.header_at = Some(at);
        true
    }

    /// Moves the records of one part in, in file order. False when the part brings a second
    /// `[catalogue]` table (reported).
    pub(super) fn absorb(&mut self, sink: &mut Sink, mut part: RawCatalogue) -> bool {
        let mut ok = true;
        if let Some(at) = part.header_at {
            ok = self.claim_header(sink, at);
            if ok {
                self.header = part.header.take();
            }
        }
        self.needs.append(&mut part.needs);
        self.regions.append(&mut part.regions);
        self.region_level_missing
            .append(&mut part.region_level_missing);
        self.organisations.append(&mut part.organisations);
        self.contacts.append(&mut part.contacts);
        self.services.append(&mut part.services);
        self.service_refs.append(&mut part.service_refs);
        ok
    }

    pub(super) fn is_empty(&self) -> bool {
        self.needs.is_empty()
            && self.regions.is_empty()
            && self.organisations.is_empty()
            && self.contacts.is_empty()
            && self.services.is_empty()
    }
}

/// Fields every record has: where it is and whether it failed.
pub(super) struct Base {
    pub(super) id: String,
    pub(super) id_at: usize,
    pub(super) failed: bool,
}

/// A need, region, organisation or contact as read: the record, and its one reference to
/// another record (a need's or region's parent, an organisation's region, a contact's
/// organisation) still as an id with its position.
pub(super) struct Raw<T> {
    pub(super) base: Base,
    pub(super) record: T,
    pub(super) link: Option<(String, usize)>,
}

pub(super) struct ServiceRefs {
    pub(super) base: Base,
    pub(super) organisation: (String, usize),
    pub(super) needs: Vec<(String, usize)>,
    pub(super) regions: Vec<(String, usize)>,
    pub(super) contacts: Vec<(String, usize)>,
}

/// Parses one chunk and reads its records. Returns false when the chunk is not TOML or not
/// of the catalogue's shape (fatal for the whole file).
pub(super) fn read_chunk(
    sink: &mut Sink,
    text: &str,
    chunk: &Chunk,
    raw: &mut RawCatalogue,
    options: LoadOptions,
) -> bool {
    let slice = &text[chunk.start..chunk.end];
    let base = chunk.start;
    let mut document = match DeTable::parse(slice) {
        Ok(table) => table,
        Err(error) => {
            let at = error.span().map(|s| s.start).unwrap_or(0) + base;
            sink.fatal(
                at,
                message!("cli-check-not-toml", message = first_line(error.message())),
            );
            return false;
        }
    };
    let mut ok = true;
    let keys: Vec<(String, usize)> = document
        .get_ref()
        .keys()
        .map(|k| (k.get_ref().to_string(), k.span().start + base))
        .collect();
    for (key, key_at) in keys {
        let Some(&(_, record)) = schema::SECTIONS.iter().find(|(name, _)| *name == key) else {
            let message = message!("cli-check-unknown-table", key = &key)
                .suggesting(did_you_mean(&key, schema::SECTIONS.iter().map(|(n, _)| *n)));
            sink.fatal(key_at, message);
            ok = false;
            continue;
        };
        let Some(value) = document.get_mut().get_mut(key.as_str()) else {
            continue;
        };
        let header_at = header_offset(text, key_at);
        if key == "catalogue" {
            match value.get_mut() {
                DeValue::Table(_) => {
                    strip_strings(sink, value, base);
                    if let DeValue::Table(table) = value.get_ref() {
                        ok &= read_header(sink, table, header_at, base, raw);
                    }
                }
                other => {
                    sink.fatal(
                        key_at,
                        message!(
                            "cli-check-header-not-table",
                            found = Arg::word(super::reader::describe(other))
                        ),
                    );
                    ok = false;
                }
            }
            continue;
        }
        let DeValue::Array(items) = value.get_mut() else {
            sink.fatal(key_at, message!("cli-check-array-of-tables", key = &key));
            ok = false;
            continue;
        };
        let is_header_form = items.len() == 1;
        for item in items.iter_mut() {
            let item_at = item.span().start + base;
            strip_strings(sink, item, base);
            let DeValue::Table(table) = item.get_ref() else {
                sink.fatal(item_at, message!("cli-check-each-table", key = &key));
                ok = false;
                continue;
            };
            let at = if is_header_form { header_at } else { item_at };
            read_record(sink, &key, table, at, base, raw, record, options);
        }
    }
    ok
}

/// The `[[` of the header line that holds `key_at`, or `key_at` itself for inline forms.
fn header_offset(text: &str, key_at: usize) -> usize {
    let line_start = text[..key_at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = &text[line_start..key_at];
    match line.find('[') {
        Some(i) if line[..i].trim().is_empty() => line_start + i,
        _ => key_at,
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

/// Reads the `[catalogue]` table. Every key has a default, so a fault here (a blank title,
/// an unknown zone) is reported and the default used: the records still load. Only a schema
/// newer than this build understands stops the load.
fn read_header(
    sink: &mut Sink,
    table: &DeTable,
    at: usize,
    base: usize,
    raw: &mut RawCatalogue,
) -> bool {
    if !raw.claim_header(sink, at) {
        return false;
    }
    let mut r = RecordReader::new(table, at, base);
    if let Some((schema, span)) = r.integer(sink, "schema") {
        if schema > SCHEMA_VERSION {
            sink.fatal(
                span.start,
                message!(
                    "cli-check-schema-too-new",
                    schema = schema,
                    known = SCHEMA_VERSION
                ),
            );
            raw.header = Some(None);
            return false;
        }
        if schema < 1 {
            sink.error(
                span.start,
                message!("cli-check-schema", known = SCHEMA_VERSION),
            );
        }
    }
    check_keys(sink, table, &schema::HEADER, base);
    let defaults = Header::default();
    let title = match r.string(sink, "title") {
        Some((title, span)) if title.trim().is_empty() => {
            sink.error(span.start, message!("cli-check-empty-title"));
            defaults.title
        }
        Some((title, _)) => title,
        None => defaults.title,
    };
    let timezone = match r.string(sink, "timezone") {
        Some((tz, span)) if jiff::tz::TimeZone::get(&tz).is_err() => {
            sink.error(span.start, message!("cli-check-unknown-zone", zone = &tz));
            defaults.timezone
        }
        Some((tz, _)) => tz,
        None => defaults.timezone,
    };
    let stale_after_days = match r.integer(sink, "stale_after_days") {
        Some((days, span)) if days < 1 => {
            sink.error(span.start, message!("cli-check-stale-days"));
            defaults.stale_after_days
        }
        Some((days, _)) => days,
        None => defaults.stale_after_days,
    };
    let header = Header {
        schema: SCHEMA_VERSION,
        title,
        updated: r.date(sink, "updated").map(|(d, _)| d),
        languages: r.plain_strings(sink, "languages"),
        timezone,
        country: r.text(sink, "country"),
        holidays: r.dates(sink, "holidays"),
        stale_after_days,
        notice: r.text(sink, "notice"),
    };
    raw.header = Some(Some(header));
    true
}

#[allow(clippy::too_many_arguments)]
fn read_record(
    sink: &mut Sink,
    section: &str,
    table: &DeTable,
    at: usize,
    base: usize,
    raw: &mut RawCatalogue,
    record: &'static Record,
    options: LoadOptions,
) {
    let mut r = RecordReader::new(table, at, base);
    if !check_keys(sink, table, record, base) {
        r.failed = true;
    }
    r.require(sink, record);
    let (id, id_at) = read_id(sink, &mut r);
    let line = sink.line_of(at);
    match section {
        "needs" => {
            let name = r.name(sink, "name");
            let parent = r.string(sink, "parent").map(|(p, s)| (p, s.start));
            let need = Need {
                id: id.clone(),
                name,
                parent: None,
                synonyms: r.plain_strings(sink, "synonyms"),
                description: r.text(sink, "description"),
                line,
            };
            raw.needs.push(Raw {
                base: finish(r, id, id_at),
                record: need,
                link: parent,
            });
        }
        "regions" => {
            let name = r.name(sink, "name");
            let mut level_missing = false;
            let level = match r.string(sink, "level") {
                Some((word, span)) => RegionLevel::parse(&word).unwrap_or_else(|| {
                    r_fail(
                        sink,
                        &mut r,
                        span.start,
                        message!("cli-check-region-level", word = &word),
                    );
                    RegionLevel::District
                }),
                None => {
                    level_missing = true;
                    RegionLevel::District
                }
            };
            let parent = r.string(sink, "parent").map(|(p, s)| (p, s.start));
            let region = Region {
                id: id.clone(),
                name,
                level,
                parent: None,
                aliases: r.plain_strings(sink, "aliases"),
                iso: r.text(sink, "iso"),
                line,
            };
            raw.regions.push(Raw {
                base: finish(r, id, id_at),
                record: region,
                link: parent,
            });
            raw.region_level_missing.push(level_missing);
        }
        "organisations" => {
            let name = r.name(sink, "name");
            let region = r.string(sink, "region").map(|(p, s)| (p, s.start));
            let organisation = Organisation {
                id: id.clone(),
                name,
                short_name: r.text(sink, "short_name"),
                kind: r.text(sink, "kind"),
                region: None,
                website: read_url(sink, &mut r, "website"),
                email: read_email(sink, &mut r, "email"),
                address: r.text(sink, "address"),
                phones: read_phones(sink, &mut r),
                description: r.text(sink, "description"),
                source: r.text(sink, "source"),
                aliases: r.plain_strings(sink, "aliases"),
                line,
            };
            raw.organisations.push(Raw {
                base: finish(r, id, id_at),
                record: organisation,
                link: region,
            });
        }
        "contacts" => {
            let name = r.name(sink, "name");
            let organisation = r.string(sink, "organisation").map(|(p, s)| (p, s.start));
            let contact = Contact {
                id: id.clone(),
                name,
                organisation: None,
                role: r.text(sink, "role"),
                email: read_email(sink, &mut r, "email"),
                languages: r.plain_strings(sink, "languages"),
                phones: read_phones(sink, &mut r),
                private: r.boolean(sink, "private").unwrap_or(false),
                source: r.text(sink, "source"),
                line,
            };
            raw.contacts.push(Raw {
                base: finish(r, id, id_at),
                record: contact,
                link: organisation,
            });
        }
        _ => read_service(sink, r, id, id_at, line, raw, options),
    }
}

fn r_fail(sink: &mut Sink, r: &mut RecordReader, at: usize, message: Message) {
    r.failed = true;
    sink.error(at, message);
}

fn finish(r: RecordReader, id: String, id_at: usize) -> Base {
    Base {
        id,
        id_at,
        failed: r.failed,
    }
}

/// Reads `id` and checks it is a stable lowercase slug.
fn read_id(sink: &mut Sink, r: &mut RecordReader) -> (String, usize) {
    let Some((id, span)) = r.string(sink, "id") else {
        return (String::new(), r.header);
    };
    if !is_slug(&id) {
        let hint = slug_of(&id);
        r_fail(
            sink,
            r,
            span.start,
            message!("cli-check-not-slug", id = &id, hint = hint),
        );
    }
    (id, span.start)
}

/// True for ids like `iom-avrr`: lowercase ASCII letters and digits, single inner hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn slug_of(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

fn read_email(sink: &mut Sink, r: &mut RecordReader, key: &str) -> Option<String> {
    let (email, span) = r.string(sink, key)?;
    if !is_email(&email) {
        r_fail(
            sink,
            r,
            span.start,
            message!("cli-check-email", email = email),
        );
        return None;
    }
    Some(email)
}

fn read_url(sink: &mut Sink, r: &mut RecordReader, key: &str) -> Option<String> {
    let (url, span) = r.string(sink, key)?;
    if !is_url(&url) {
        r_fail(sink, r, span.start, message!("cli-check-url", url = url));
        return None;
    }
    Some(url)
}

/// A plausible e-mail address: one `@`, a local part, a dotted domain, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c == ';')
}

/// A plausible web address: `http://` or `https://` and a host with a dot.
pub fn is_url(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.contains('.') && !host.starts_with('.') && !text.chars().any(char::is_whitespace)
}

fn read_phones(sink: &mut Sink, r: &mut RecordReader) -> Vec<Phone> {
    let tables = r.tables(sink, "phones");
    let mut phones = Vec::with_capacity(tables.len());
    for (table, at) in tables {
        let phone = r.nested(table, at, |p| {
            p.require(sink, &schema::PHONE);
            let number = p.name(sink, "number");
            let kind = match p.string(sink, "kind") {
                Some((word, span)) => PhoneKind::parse(&word).or_else(|| {
                    let kinds: Vec<&str> = PhoneKind::ALL.iter().map(|k| k.as_str()).collect();
                    r_fail(
                        sink,
                        p,
                        span.start,
                        message!(
                            "cli-check-phone-kind",
                            word = &word,
                            kinds = kinds.join(", ")
                        ),
                    );
                    None
                }),
                None => None,
            };
            Phone {
                number,
                kind: kind.unwrap_or(PhoneKind::Voice),
                hours: p.text(sink, "hours"),
                languages: p.plain_strings(sink, "languages"),
                private: p.boolean(sink, "private").unwrap_or(false),
                note: p.text(sink, "note"),
            }
        });
        phones.push(phone);
    }
    phones
}

fn read_service(
    sink: &mut Sink,
    mut r: RecordReader,
    id: String,
    id_at: usize,
    line: usize,
    raw: &mut RawCatalogue,
    options: LoadOptions,
) {
    let name = r.name(sink, "name");
    let organisation = r
        .string(sink, "organisation")
        .map(|(o, s)| (o, s.start))
        .unwrap_or_default();
    let needs: Vec<(String, usize)> = r
        .strings(sink, "needs")
        .into_iter()
        .map(|(n, s)| (n, s.start))
        .collect();
    let regions_at = r
        .table
        .get("regions")
        .map(|v| v.span().start + r.base)
        .unwrap_or(r.header);
    let regions: Vec<(String, usize)> = r
        .strings(sink, "regions")
        .into_iter()
        .map(|(n, s)| (n, s.start))
        .collect();
    if r.table.contains_key("needs") && needs.is_empty() && !r.failed {
        let at = r
            .table
            .get("needs")
            .map(|v| v.span().start + r.base)
            .unwrap_or(r.header);
        r_fail(sink, &mut r, at, message!("cli-check-no-needs"));
    }
    if r.table.contains_key("regions") && regions.is_empty() && !r.failed {
        r_fail(sink, &mut r, regions_at, message!("cli-check-no-regions"));
    }
    let contacts = r
        .strings(sink, "contacts")
        .into_iter()
        .map(|(n, s)| (n, s.start))
        .collect();
    let status = match r.string(sink, "status") {
        Some((word, span)) => Status::parse(&word).unwrap_or_else(|| {
            r_fail(
                sink,
                &mut r,
                span.start,
                message!("cli-check-status", word = &word),
            );
            Status::Active
        }),
        None => Status::Active,
    };
    let alert = r.table(sink, "alert").map(|(table, at)| {
        r.nested(table, at, |a| {
            a.require(sink, &schema::ALERT);
            let text = a.name(sink, "text");
            let until = a.date(sink, "until").map(|(d, _)| d);
            Alert { text, until }
        })
    });
    let min_age = r.integer(sink, "min_age").map(|(n, _)| n);
    let max_age = r.integer(sink, "max_age");
    if let (Some(min), Some((max, span))) = (min_age, &max_age)
        && min > *max
    {
        let message = message!("cli-check-ages", max = *max, min = min);
        r_fail(sink, &mut r, span.start, message);
    }
    let opening_hours = read_opening_hours(sink, &mut r, options);
    let translations = read_translations(sink, &mut r);
    let service = Service {
        id: id.clone(),
        name,
        organisation: 0,
        status,
        alert,
        needs: Vec::new(),
        regions: Vec::new(),
        populations: r.plain_strings(sink, "populations"),
        min_age,
        max_age: max_age.map(|(n, _)| n),
        description: r.text(sink, "description"),
        eligibility: r.text(sink, "eligibility"),
        how_to_refer: r.text(sink, "how_to_refer"),
        documents: r.plain_strings(sink, "documents"),
        languages: r.plain_strings(sink, "languages"),
        interpretation: r.boolean(sink, "interpretation"),
        fee: r.text(sink, "fee"),
        address: r.text(sink, "address"),
        opening_hours,
        hours_note: r.text(sink, "hours_note"),
        phones: read_phones(sink, &mut r),
        email: read_email(sink, &mut r, "email"),
        website: read_url(sink, &mut r, "website"),
        contacts: Vec::new(),
        verified: r.date(sink, "verified").map(|(d, _)| d),
        source: r.text(sink, "source"),
        translations,
        line,
    };
    raw.services.push(service);
    raw.service_refs.push(ServiceRefs {
        base: finish(r, id, id_at),
        organisation,
        needs,
        regions,
        contacts,
    });
}

/// Reads `opening_hours`; with `check_opening_hours`, parses it and reports the parser's
/// position inside the string. A bad string keeps the record (its hours become unknown).
fn read_opening_hours(
    sink: &mut Sink,
    r: &mut RecordReader,
    options: LoadOptions,
) -> Option<String> {
    let (hours, span) = r.string(sink, "opening_hours")?;
    if !options.check_opening_hours {
        return Some(hours);
    }
    match crate::catalogue::hours::parse_error(&hours) {
        None => Some(hours),
        Some((offset, message)) => {
            let (line, column) = sink.lines.position(span.start);
            let inside = hours[..offset.min(hours.len())].chars().count();
            sink.push_at(
                Severity::Error,
                line,
                column + 1 + inside,
                message!("cli-check-hours", message = message),
            );
            None
        }
    }
}

fn read_translations(
    sink: &mut Sink,
    r: &mut RecordReader,
) -> std::collections::BTreeMap<String, Translation> {
    let mut out = std::collections::BTreeMap::new();
    let Some((map, _)) = r.table(sink, "translations") else {
        return out;
    };
    for (language, value) in map.iter() {
        let DeValue::Table(table) = value.get_ref() else {
            let at = value.span().start + r.base;
            r_fail(
                sink,
                r,
                at,
                message!(
                    "cli-check-translation-table",
                    lang = language.get_ref().to_string()
                ),
            );
            continue;
        };
        let at = value.span().start + r.base;
        let translation = r.nested(table, at, |t| Translation {
            name: t.text(sink, "name"),
            description: t.text(sink, "description"),
            eligibility: t.text(sink, "eligibility"),
            how_to_refer: t.text(sink, "how_to_refer"),
            hours_note: t.text(sink, "hours_note"),
            fee: t.text(sink, "fee"),
            documents: t.plain_strings(sink, "documents"),
            address: t.text(sink, "address"),
        });
        out.insert(language.get_ref().to_string(), translation);
    }
    out
}
