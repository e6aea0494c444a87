//! `pathways show ID [--json] [--private]`: the service card, as in the TUI's details pane.

use super::args::ShowArgs;
use super::{CliError, CliResult, Context, Exit};
use crate::card::{self, CardOptions};
use crate::catalogue::{Catalogue, Contact, Phone, ServiceIdx};
use crate::error::msg;
use crate::text::strip_controls;
use serde_json::{Value, json};

pub fn run(context: &Context, args: &ShowArgs) -> CliResult {
    let catalogue = context.catalogue()?;
    let index = catalogue
        .service_by_id(&args.id)
        .ok_or_else(|| unknown_service(&catalogue, &args.id))?;
    if args.json {
        let value = service_json(&catalogue, index, args.private);
        let json = serde_json::to_string_pretty(&value).unwrap_or_default();
        crate::output::print(&format!("{json}\n"))?;
        return Ok(Exit::Done);
    }
    // The card in the operator's language (labels, marks, the catalogue's translation);
    // `--json` stays English.
    let options = CardOptions {
        private: args.private,
        lang: context.lang(),
        ..CardOptions::public(&catalogue, index)
    };
    crate::output::print(&card::render_plain(&card::service_card(
        &catalogue, index, &options,
    )))?;
    Ok(Exit::Done)
}

/// An unknown id: exit 2 with the nearest ids.
pub fn unknown_service(catalogue: &Catalogue, id: &str) -> CliError {
    let nearest = nearest_ids(catalogue.services.iter().map(|s| s.id.as_str()), id, 3);
    let error = CliError::bad_input(msg!(
        "cli-unknown-service",
        id = crate::text::escape_input(id)
    ));
    if nearest.is_empty() {
        error.with_hint(msg!("cli-unknown-service-hint"))
    } else {
        error.with_hint(msg!("cli-did-you-mean", ids = nearest.join(", ")))
    }
}

/// Up to `n` ids nearest to `input`, nearest first; ids containing the input come first.
pub fn nearest_ids<'a>(ids: impl Iterator<Item = &'a str>, input: &str, n: usize) -> Vec<String> {
    if crate::catalogue::too_long_to_suggest(input) {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = ids
        .map(|id| {
            let contains = if id.contains(input) { 1.0 } else { 0.0 };
            (contains + strsim::jaro_winkler(input, id), id)
        })
        .filter(|(score, _)| *score > 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(n)
        .map(|(_, id)| format!("`{id}`"))
        .collect()
}

fn clean(text: &Option<String>) -> Value {
    match text {
        Some(t) => Value::String(strip_controls(t).into_owned()),
        None => Value::Null,
    }
}

fn clean_list(items: &[String]) -> Value {
    items
        .iter()
        .map(|t| strip_controls(t).into_owned())
        .collect()
}

/// A phone as JSON: `{number, kind, hours, languages, private, note}`.
pub fn phone_json(phone: &Phone) -> Value {
    json!({
        "number": strip_controls(&phone.number),
        "kind": phone.kind.as_str(),
        "hours": clean(&phone.hours),
        "languages": clean_list(&phone.languages),
        "private": phone.private,
        "note": clean(&phone.note),
    })
}

fn phones_json(phones: &[Phone], private: bool) -> Value {
    phones
        .iter()
        .filter(|p| private || !p.private)
        .map(phone_json)
        .collect()
}

fn contact_json(contact: &Contact, private: bool) -> Value {
    json!({
        "id": contact.id,
        "name": strip_controls(&contact.name),
        "role": clean(&contact.role),
        "email": clean(&contact.email),
        "languages": clean_list(&contact.languages),
        "phones": phones_json(&contact.phones, private),
        "private": contact.private,
    })
}

/// Every field of the service, with its organisation and contacts resolved; staff-only
/// phones and contacts only with `private`.
pub fn service_json(catalogue: &Catalogue, index: ServiceIdx, private: bool) -> Value {
    let s = &catalogue.services[index];
    let org = catalogue.organisation_of(s);
    let today = catalogue.today();
    let contacts: Vec<Value> = s
        .contacts
        .iter()
        .map(|&c| &catalogue.contacts[c])
        .filter(|c| private || !c.private)
        .map(|c| contact_json(c, private))
        .collect();
    let translations: serde_json::Map<String, Value> = s
        .translations
        .iter()
        .map(|(lang, t)| {
            (
                lang.clone(),
                json!({
                    "name": clean(&t.name), "description": clean(&t.description),
                    "eligibility": clean(&t.eligibility), "how_to_refer": clean(&t.how_to_refer),
                    "hours_note": clean(&t.hours_note), "fee": clean(&t.fee),
                    "documents": clean_list(&t.documents), "address": clean(&t.address),
                }),
            )
        })
        .collect();
    json!({
        "id": s.id,
        "name": strip_controls(&s.name),
        "organisation": {
            "id": org.id,
            "name": strip_controls(&org.name),
            "kind": clean(&org.kind),
            "region": org.region.map(|r| catalogue.regions[r].id.clone()),
            "website": clean(&org.website),
            "email": clean(&org.email),
            "address": clean(&org.address),
            "phones": phones_json(&org.phones, private),
            "description": clean(&org.description),
            "source": clean(&org.source),
        },
        "status": s.status.as_str(),
        "alert": s.alert.as_ref().map(|a| json!({"text": strip_controls(&a.text), "until": a.until.map(|d| d.to_string())})),
        "needs": s.needs.iter().map(|&n| catalogue.needs[n].id.clone()).collect::<Vec<_>>(),
        "regions": s.regions.iter().map(|&r| catalogue.regions[r].id.clone()).collect::<Vec<_>>(),
        "populations": clean_list(&s.populations),
        "min_age": s.min_age,
        "max_age": s.max_age,
        "description": clean(&s.description),
        "eligibility": clean(&s.eligibility),
        "how_to_refer": clean(&s.how_to_refer),
        "documents": clean_list(&s.documents),
        "languages": clean_list(&s.languages),
        "interpretation": s.interpretation,
        "fee": clean(&s.fee),
        "address": clean(&s.address),
        "opening_hours": clean(&s.opening_hours),
        "hours_note": clean(&s.hours_note),
        "phones": phones_json(&s.phones, private),
        "email": clean(&s.email),
        "website": clean(&s.website),
        "contacts": contacts,
        "verified": s.verified.map(|d| d.to_string()),
        "stale": catalogue.is_stale(s, today),
        "source": clean(&s.source),
        "translations": translations,
    })
}
