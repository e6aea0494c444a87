//! The service card: one formatter for the TUI's details pane and `pathways show`, so the
//! two can never drift apart (same fields, same order, same STALE and staff-only marks).
//!
//! The card is data (`Vec<CardLine>`), not text: the TUI styles it, the CLI prints it.
//! Labels and words are in the card's language; so is the catalogue's own text where the
//! catalogue has a translation (`translations.ru`), else the original carries its
//! language (`[en]`).

use crate::catalogue::{
    Catalogue, Contact, Phone, PhoneKind, RegionLevel, Service, ServiceIdx, Status, public_phones,
};
use crate::i18n::{Lang, t};
use crate::text::strip_controls;
use jiff::civil::Date;

/// How a line should look; renderers map this to colours or plain marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStyle {
    /// The service name.
    Title,
    Normal,
    /// Needs attention: STALE, temporarily closed, a live alert, closed now.
    Warning,
    /// Staff-only: private phones and contacts (shown only when asked for).
    StaffOnly,
    /// Secondary facts: source, ids.
    Muted,
}

/// One line of the card: a label (may be empty for a continuation) and its text. Text may
/// hold newlines; renderers wrap it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLine {
    /// In the card's language; empty for a continuation.
    pub label: String,
    pub value: String,
    pub style: CardStyle,
}

/// What to include.
#[derive(Debug, Clone)]
pub struct CardOptions {
    /// Include staff-only phones and contacts, marked `[staff only]`.
    pub private: bool,
    /// For the STALE mark and alert expiry.
    pub today: Date,
    /// Whether the service is open now ("open now" / "closed now" after its hours);
    /// `None` leaves it out. Judged by the caller, who may hold the parsed hours already
    /// (the TUI's search index does: the details pane is drawn on every frame).
    pub open: Option<bool>,
    /// The language of labels, words and (where translated) the catalogue's text.
    pub lang: Lang,
}

impl CardOptions {
    /// The public card of one service as of the one clock (a one-off: hours parsed here).
    pub fn public(catalogue: &Catalogue, service: ServiceIdx) -> Self {
        let open = catalogue.services[service]
            .opening_hours
            .as_deref()
            .and_then(|hours| {
                crate::catalogue::hours::open_at(catalogue, hours, crate::clock::now())
            });
        CardOptions {
            private: false,
            today: catalogue.today(),
            open,
            lang: Lang::en(),
        }
    }
}

/// The message id of the mark printed before staff-only phones and contacts.
pub const STAFF_ONLY: &str = "card-staff-only";

/// The catalogue's texts that have translations (`translations.LANG`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Name,
    Description,
    Eligibility,
    HowToRefer,
}

/// A service's text in `lang`: its translation when the catalogue has one; else the
/// original, with the original's language when that is not `lang` (the first of the
/// catalogue's `languages`; `None` when the catalogue does not say).
pub fn localized<'a>(
    catalogue: &'a Catalogue,
    service: &'a Service,
    text: Text,
    lang: Lang,
) -> Option<(&'a str, Option<&'a str>)> {
    let original = match text {
        Text::Name => Some(service.name.as_str()),
        Text::Description => service.description.as_deref(),
        Text::Eligibility => service.eligibility.as_deref(),
        Text::HowToRefer => service.how_to_refer.as_deref(),
    }
    .filter(|t| !t.trim().is_empty())?;
    let source = catalogue.header.languages.first().map(String::as_str);
    if source.is_none_or(|source| source == lang.code()) {
        return Some((original, None));
    }
    let translated = service
        .translations
        .get(lang.code())
        .and_then(|t| match text {
            Text::Name => t.name.as_deref(),
            Text::Description => t.description.as_deref(),
            Text::Eligibility => t.eligibility.as_deref(),
            Text::HowToRefer => t.how_to_refer.as_deref(),
        });
    match translated.filter(|t| !t.trim().is_empty()) {
        Some(translated) => Some((translated, None)),
        None => Some((original, source)),
    }
}

/// The text in `lang` as the card shows it: an untranslated original ends with its
/// language, `[en]`.
fn localized_text(
    catalogue: &Catalogue,
    service: &Service,
    text: Text,
    lang: Lang,
) -> Option<String> {
    localized(catalogue, service, text, lang).map(|(text, source)| match source {
        Some(source) => format!("{text} [{source}]"),
        None => text.to_string(),
    })
}

/// Builds the card of one service.
pub fn service_card(
    catalogue: &Catalogue,
    index: ServiceIdx,
    options: &CardOptions,
) -> Vec<CardLine> {
    let service = &catalogue.services[index];
    let lang = options.lang;
    let mut card = Card::new(lang);
    let text = |t: Text| localized_text(catalogue, service, t, lang);
    card.push("", &text(Text::Name).unwrap_or_default(), CardStyle::Title);
    card.push(
        "card-organisation",
        &catalogue.organisation_of(service).name,
        CardStyle::Normal,
    );
    status_lines(&mut card, service, options.today);
    card.push_opt("card-description", text(Text::Description).as_deref());
    card.push_opt("card-eligibility", text(Text::Eligibility).as_deref());
    card.push_opt("card-how-to-refer", text(Text::HowToRefer).as_deref());
    card.push_list("card-documents", &service.documents);
    card.push_opt(
        "card-needs",
        Some(&names(
            service.needs.iter().map(|&n| &catalogue.needs[n].name),
        )),
    );
    card.push_list("card-populations", &service.populations);
    if let Some(ages) = age_range(service, lang) {
        card.push("card-ages", &ages, CardStyle::Normal);
    }
    card.push_list("card-languages", &service.languages);
    if service.interpretation == Some(true) {
        card.push(
            "card-interpretation",
            &lang.t("card-available"),
            CardStyle::Normal,
        );
    }
    hours_lines(&mut card, service, options);
    card.push_opt("card-fee", service.fee.as_deref());
    let address = service
        .address
        .as_deref()
        .or(catalogue.organisation_of(service).address.as_deref());
    card.push_opt("card-address", address);
    channel_lines(&mut card, catalogue, service, options);
    let area = names(service.regions.iter().map(|&r| &catalogue.regions[r].name));
    card.push("card-service-area", &area, CardStyle::Normal);
    verified_line(&mut card, catalogue, service, options.today);
    card.push_opt_styled("card-source", service.source.as_deref(), CardStyle::Muted);
    card.push("card-id", &service.id, CardStyle::Muted);
    card.lines
}

/// The lines so far, and the language their labels are in.
struct Card {
    lines: Vec<CardLine>,
    lang: Lang,
}

impl Card {
    fn new(lang: Lang) -> Card {
        Card {
            lines: Vec::new(),
            lang,
        }
    }

    /// Adds a line; `label` is a message id (empty: a continuation).
    fn push(&mut self, label: &'static str, value: &str, style: CardStyle) {
        let label = if label.is_empty() {
            String::new()
        } else {
            self.lang.t(label)
        };
        self.lines.push(CardLine {
            label,
            value: strip_controls(value).into_owned(),
            style,
        });
    }

    fn push_opt(&mut self, label: &'static str, value: Option<&str>) {
        self.push_opt_styled(label, value, CardStyle::Normal);
    }

    fn push_opt_styled(&mut self, label: &'static str, value: Option<&str>, style: CardStyle) {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            self.push(label, value, style);
        }
    }

    fn push_list(&mut self, label: &'static str, items: &[String]) {
        if !items.is_empty() {
            self.push(label, &items.join(", "), CardStyle::Normal);
        }
    }
}

fn names<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items.map(String::as_str).collect::<Vec<_>>().join(", ")
}

fn status_lines(card: &mut Card, service: &Service, today: Date) {
    let lang = card.lang;
    match service.status {
        Status::Active => {}
        Status::TemporarilyClosed => card.push(
            "card-status",
            &lang.t("card-temporarily-closed"),
            CardStyle::Warning,
        ),
        Status::Inactive => card.push("card-status", &lang.t("card-inactive"), CardStyle::Warning),
    }
    if let Some(alert) = service
        .alert
        .as_ref()
        .filter(|a| Catalogue::alert_is_live(a, today))
    {
        let text = match alert.until {
            Some(until) => {
                let until = t!(lang, "card-until", date = lang.date(until));
                format!("{} ({until})", alert.text)
            }
            None => alert.text.clone(),
        };
        card.push("card-alert", &text, CardStyle::Warning);
    }
}

fn age_range(service: &Service, lang: Lang) -> Option<String> {
    match (service.min_age, service.max_age) {
        (Some(min), Some(max)) => Some(t!(lang, "card-ages-between", min = min, max = max)),
        (Some(min), None) => Some(t!(lang, "card-ages-from", min = min)),
        (None, Some(max)) => Some(t!(lang, "card-ages-to", max = max)),
        (None, None) => None,
    }
}

fn hours_lines(card: &mut Card, service: &Service, options: &CardOptions) {
    if let Some(hours) = &service.opening_hours {
        let lang = options.lang;
        let (text, style) = match options.open {
            Some(true) => (
                format!("{hours} — {}", lang.t("card-open-now")),
                CardStyle::Normal,
            ),
            Some(false) => (
                format!("{hours} — {}", lang.t("card-closed-now")),
                CardStyle::Warning,
            ),
            None => (hours.clone(), CardStyle::Normal),
        };
        card.push("card-hours", &text, style);
    }
    card.push_opt("card-hours-note", service.hours_note.as_deref());
}

/// Phones, e-mail and website of the service, then its contacts; staff-only ones only when
/// asked for, always marked.
fn channel_lines(card: &mut Card, catalogue: &Catalogue, service: &Service, options: &CardOptions) {
    phone_lines(card, "card-phone", &service.phones, options.private, false);
    card.push_opt("card-email", service.email.as_deref());
    card.push_opt("card-website", service.website.as_deref());
    for contact in service.contacts.iter().map(|&c| &catalogue.contacts[c]) {
        if contact.private && !options.private {
            continue;
        }
        let style = if contact.private {
            CardStyle::StaffOnly
        } else {
            CardStyle::Normal
        };
        let text = contact_text(contact, card.lang);
        card.push("card-contact", &text, style);
        // Every phone of a staff-only contact is staff-only too.
        phone_lines(card, "", &contact.phones, options.private, contact.private);
    }
    let org = catalogue.organisation_of(service);
    let has_own = public_phones(&service.phones).next().is_some() || service.email.is_some();
    if !has_own {
        phone_lines(
            card,
            "card-organisation-phone",
            &org.phones,
            options.private,
            false,
        );
        card.push_opt("card-organisation-email", org.email.as_deref());
        card.push_opt("card-organisation-website", org.website.as_deref());
    }
}

/// Phone lines; `owner_private` marks every phone of a staff-only owner as staff-only.
fn phone_lines(
    card: &mut Card,
    label: &'static str,
    phones: &[Phone],
    private: bool,
    owner_private: bool,
) {
    for phone in phones.iter().filter(|p| private || !p.private) {
        let staff_only = phone.private || owner_private;
        let style = if staff_only {
            CardStyle::StaffOnly
        } else {
            CardStyle::Normal
        };
        let text = phone_text(phone, staff_only, card.lang);
        card.push(label, &text, style);
    }
}

/// "hotline +375 … (24/7; ru, en)", with the staff-only mark first when `staff_only`.
pub fn phone_text(phone: &Phone, staff_only: bool, lang: Lang) -> String {
    let mut text = String::new();
    if staff_only {
        text.push_str(&lang.t(STAFF_ONLY));
        text.push(' ');
    }
    text.push_str(&lang.t(phone.kind.message_id()));
    text.push(' ');
    text.push_str(&phone.number);
    let mut details: Vec<String> = Vec::new();
    details.extend(phone.hours.clone());
    if !phone.languages.is_empty() {
        details.push(phone.languages.join(", "));
    }
    details.extend(phone.note.clone());
    if !details.is_empty() {
        text.push_str(&format!(" ({})", details.join("; ")));
    }
    text
}

/// "Name — role; e-mail", with the staff-only mark first when private.
pub fn contact_text(contact: &Contact, lang: Lang) -> String {
    let mut text = String::new();
    if contact.private {
        text.push_str(&lang.t(STAFF_ONLY));
        text.push(' ');
    }
    text.push_str(&contact.name);
    if let Some(role) = &contact.role {
        text.push_str(" — ");
        text.push_str(role);
    }
    if let Some(email) = &contact.email {
        text.push_str("; ");
        text.push_str(email);
    }
    text
}

fn verified_line(card: &mut Card, catalogue: &Catalogue, service: &Service, today: Date) {
    let lang = card.lang;
    let stale = catalogue.is_stale(service, today);
    let text = match (service.verified, stale) {
        (Some(date), false) => lang.date(date),
        (Some(date), true) => t!(
            lang,
            "card-verified-stale",
            date = lang.date(date),
            days = catalogue.header.stale_after_days
        ),
        (None, _) => lang.t("card-verified-never"),
    };
    let style = if stale {
        CardStyle::Warning
    } else {
        CardStyle::Normal
    };
    card.push("card-verified", &text, style);
}

/// Plain-text rendering for `pathways show`: labels aligned, continuation lines indented.
pub fn render_plain(lines: &[CardLine]) -> String {
    let width = lines
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for line in lines {
        let mut rows = line.value.lines();
        let first = rows.next().unwrap_or("");
        if line.style == CardStyle::Title {
            out.push_str(first);
        } else if line.label.is_empty() {
            out.push_str(&format!("{:width$}  {first}", ""));
        } else {
            out.push_str(&format!("{:width$}  {first}", line.label));
        }
        out.push('\n');
        for rest in rows {
            out.push_str(&format!("{:width$}  {rest}\n", ""));
        }
    }
    out
}

/// The message ids of the catalogue's words a card shows: one match per enum, so that a
/// new variant has its id (`tui::message_ids` tests that every id has words).
impl PhoneKind {
    /// How the card names the kind of a phone.
    pub fn message_id(self) -> &'static str {
        match self {
            PhoneKind::Hotline => "phone-kind-hotline",
            PhoneKind::Voice => "phone-kind-voice",
            PhoneKind::Sms => "phone-kind-sms",
            PhoneKind::Whatsapp => "phone-kind-whatsapp",
            PhoneKind::Viber => "phone-kind-viber",
            PhoneKind::Telegram => "phone-kind-telegram",
            PhoneKind::Fax => "phone-kind-fax",
            PhoneKind::Tty => "phone-kind-tty",
            PhoneKind::AfterHours => "phone-kind-after-hours",
        }
    }
}

impl RegionLevel {
    /// The coverage badge of a service at this level (a country-level one is national).
    pub fn coverage_id(self) -> &'static str {
        match self {
            RegionLevel::Country => "coverage-national",
            RegionLevel::Oblast => "coverage-oblast",
            RegionLevel::City => "coverage-city",
            RegionLevel::District => "coverage-district",
        }
    }
}
