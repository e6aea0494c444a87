//! What a template sees: the draft and its services, resolved against the catalogue,
//! translated into the template's language where the catalogue has a translation, and
//! made safe.
//!
//! This is the one place that decides what may enter a note: private phones and private
//! contacts are dropped here, and every piece of catalogue or operator text passes through
//! [`crate::text::one_line`], so no escape sequence or stray newline reaches the note, the
//! clipboard or the terminal. Absent facts are left out of the view (not empty strings),
//! so templates can write `{% if s.email %}` and never print an empty label.

use super::draft::Draft;
use crate::catalogue::{Catalogue, Contact, Phone, Service, Status, Translation, public_phones};
use crate::text::one_line;
use serde::Serialize;

/// The template context: `note`, `services`, `markdown` and `lang`.
#[derive(Debug, Serialize)]
pub struct View {
    pub note: NoteView,
    pub services: Vec<ServiceView>,
    /// True for `--format markdown`.
    pub markdown: bool,
    /// The template's language (`en`, `ru`, ...).
    pub lang: String,
}

/// A catalogue item by id and display name.
#[derive(Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct NoteView {
    #[serde(rename = "ref")]
    pub note_ref: String,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// `routine`, `urgent` or `emergency`.
    pub priority: &'static str,
    /// Days the receiving service has to act (1, 3, 14).
    pub priority_days: i32,
    pub follow_up: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Named>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Named>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The client code; absent when there is none (empty or `none`): the note says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_ref: Option<String>,
    /// No referring organisation and no operator recorded: "Referred by: not recorded".
    pub referrer_unknown: bool,
    /// `child`, `adult` or `older`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_band: Option<String>,
    pub minor: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub client_languages: Vec<String>,
    pub interpreter: bool,
    /// `phone`, `sms`, ..., `do-not-contact`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_channel: Option<String>,
    pub consent: ConsentView,
}

#[derive(Debug, Serialize)]
pub struct ConsentView {
    pub given: bool,
    /// `verbal` or `written`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Set when the note goes without consent under the emergency override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub organisation: String,
    /// Set only when the service is not active (`temporarily-closed`, `inactive`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub focal_points: Vec<ContactView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<PhoneView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_to_refer: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interpretation: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<String>,
    /// The date the details were last verified, when they ever were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
    /// The details are older than the catalogue's `stale_after_days` (or never verified):
    /// the note asks the receiver to confirm by phone.
    pub stale: bool,
    /// The catalogue's `stale_after_days`, for "over N days ago".
    pub stale_after_days: i64,
}

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<PhoneView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PhoneView {
    pub number: String,
    /// `hotline`, `voice`, `whatsapp`, ...
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl View {
    /// Builds the view of `draft` with `services` (already resolved to catalogue records).
    pub fn build(
        draft: &Draft,
        services: &[&Service],
        catalogue: &Catalogue,
        lang: &str,
        markdown: bool,
    ) -> View {
        View {
            note: note_view(draft, catalogue),
            services: services
                .iter()
                .map(|s| service_view(s, catalogue, lang, draft.date))
                .collect(),
            markdown,
            lang: lang.to_string(),
        }
    }
}

/// Safe, one-line text, or `None` when nothing is left.
fn clean(text: &str) -> Option<String> {
    Some(one_line(text)).filter(|t| !t.is_empty())
}

fn clean_opt(text: Option<&String>) -> Option<String> {
    text.and_then(|t| clean(t))
}

fn clean_all(texts: &[String]) -> Vec<String> {
    texts.iter().filter_map(|t| clean(t)).collect()
}

fn serde_word<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn note_view(draft: &Draft, catalogue: &Catalogue) -> NoteView {
    let needs = draft
        .needs
        .iter()
        .map(|id| Named {
            name: catalogue
                .need_by_id(id)
                .map_or_else(|| one_line(id), |n| one_line(&catalogue.needs[n].name)),
            id: one_line(id),
        })
        .collect();
    let region = draft.region.as_ref().map(|id| Named {
        name: catalogue
            .region_by_id(id)
            .map_or_else(|| one_line(id), |r| one_line(&catalogue.regions[r].name)),
        id: one_line(id),
    });
    NoteView {
        note_ref: one_line(&draft.note_ref),
        date: draft.date.to_string(),
        organisation: clean(&draft.organisation),
        operator: clean(&draft.operator),
        priority: draft.priority.as_str(),
        priority_days: draft.priority.days(),
        follow_up: draft.follow_up_date().to_string(),
        needs,
        region,
        reason: clean(&draft.reason),
        case_ref: draft.case_ref_given().and_then(clean),
        referrer_unknown: draft.referrer_unknown(),
        age_band: draft.age_band.as_ref().map(serde_word),
        minor: draft.minor,
        client_languages: clean_all(&draft.client_languages),
        interpreter: draft.interpreter,
        contact_channel: draft.contact_channel.as_ref().map(serde_word),
        consent: consent_view(draft),
    }
}

fn consent_view(draft: &Draft) -> ConsentView {
    match draft.consent {
        Some(kind) => ConsentView {
            given: true,
            kind: Some(serde_word(&kind)),
            date: Some(draft.consent_date.to_string()),
            override_reason: None,
        },
        None => ConsentView {
            given: false,
            kind: None,
            date: None,
            override_reason: draft
                .consent_overridden()
                .then(|| one_line(draft.override_reason_text())),
        },
    }
}

/// A translated text where the template's language has one, else the original.
fn pick<'a>(translated: Option<&'a String>, original: Option<&'a String>) -> Option<&'a String> {
    translated.filter(|t| !t.trim().is_empty()).or(original)
}

fn service_view(
    service: &Service,
    catalogue: &Catalogue,
    lang: &str,
    today: jiff::civil::Date,
) -> ServiceView {
    let empty = Translation::default();
    let tr = service.translations.get(lang).unwrap_or(&empty);
    let org = catalogue.organisation_of(service);
    // Where the service record is silent, the organisation's public lines and address are
    // how the client reaches it: the catalogue's rule for `address`, applied to all three.
    let phones = if public_phones(&service.phones).next().is_some() {
        phone_views(&service.phones)
    } else {
        phone_views(&org.phones)
    };
    let documents = if tr.documents.is_empty() {
        &service.documents
    } else {
        &tr.documents
    };
    ServiceView {
        id: one_line(&service.id),
        name: clean_opt(pick(tr.name.as_ref(), Some(&service.name))).unwrap_or_default(),
        organisation: one_line(&org.name),
        status: (service.status != Status::Active).then(|| service.status.as_str()),
        focal_points: catalogue
            .public_contacts(service)
            .map(contact_view)
            .collect(),
        phones,
        email: clean_opt(service.email.as_ref().or(org.email.as_ref())),
        website: clean_opt(service.website.as_ref().or(org.website.as_ref())),
        address: clean_opt(pick(
            tr.address.as_ref(),
            service.address.as_ref().or(org.address.as_ref()),
        )),
        opening_hours: clean_opt(service.opening_hours.as_ref()),
        hours_note: clean_opt(pick(tr.hours_note.as_ref(), service.hours_note.as_ref())),
        how_to_refer: clean_opt(pick(
            tr.how_to_refer.as_ref(),
            service.how_to_refer.as_ref(),
        )),
        documents: clean_all(documents),
        languages: clean_all(&service.languages),
        interpretation: service.interpretation,
        fee: clean_opt(pick(tr.fee.as_ref(), service.fee.as_ref())),
        verified: service.verified.map(|d| d.to_string()),
        stale: catalogue.is_stale(service, today),
        stale_after_days: catalogue.header.stale_after_days,
    }
}

fn contact_view(contact: &Contact) -> ContactView {
    ContactView {
        name: one_line(&contact.name),
        role: clean_opt(contact.role.as_ref()),
        email: clean_opt(contact.email.as_ref()),
        phones: phone_views(&contact.phones),
        languages: clean_all(&contact.languages),
    }
}

fn phone_views(phones: &[Phone]) -> Vec<PhoneView> {
    public_phones(phones)
        .filter_map(|p| {
            Some(PhoneView {
                number: clean(&p.number)?,
                kind: p.kind.as_str(),
                hours: clean_opt(p.hours.as_ref()),
                languages: clean_all(&p.languages),
                note: clean_opt(p.note.as_ref()),
            })
        })
        .collect()
}
