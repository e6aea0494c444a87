//! The referral composer's state: a form over a [`Draft`]. Each form field edits one part
//! of the draft in place; text for dates and language lists is kept as typed and parsed on
//! every change, so a half-typed date is never lost and never silently wrong.

use super::app::Gone;
use super::text_field::{Edit, TextField};
use crate::catalogue::Catalogue;
use crate::context::texts;
use crate::i18n::{Lang, parse_date, t};
use crate::referral::{
    AgeBand, ConsentKind, ContactChannel, Draft, Field as DraftField, NO_CASE_REF, Priority,
    Problem,
};
use clap::ValueEnum;

/// The fields of the form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    CaseRef,
    Reason,
    Priority,
    Region,
    Consent,
    ConsentDate,
    OverrideReason,
    AgeBand,
    Minor,
    Languages,
    Interpreter,
    Channel,
    FollowUp,
}

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Keys are text.
    Text,
    /// Left/Right cycle the values.
    Choice,
    /// Space toggles.
    Check,
    /// Space opens a picker.
    Pick,
}

impl FormField {
    pub const ALL: [FormField; 13] = [
        FormField::CaseRef,
        FormField::Reason,
        FormField::Priority,
        FormField::Region,
        FormField::Consent,
        FormField::ConsentDate,
        FormField::OverrideReason,
        FormField::AgeBand,
        FormField::Minor,
        FormField::Languages,
        FormField::Interpreter,
        FormField::Channel,
        FormField::FollowUp,
    ];

    /// The message id of the field's label.
    pub fn label(self) -> &'static str {
        match self {
            FormField::CaseRef => "tui-field-case-ref",
            FormField::Reason => "tui-field-reason",
            FormField::Priority => "tui-field-priority",
            FormField::Region => "tui-field-region",
            FormField::Consent => "tui-field-consent",
            FormField::ConsentDate => "tui-field-consent-date",
            FormField::OverrideReason => "tui-field-override-reason",
            FormField::AgeBand => "tui-field-age-band",
            FormField::Minor => "tui-field-minor",
            FormField::Languages => "tui-field-languages",
            FormField::Interpreter => "tui-field-interpreter",
            FormField::Channel => "tui-field-channel",
            FormField::FollowUp => "tui-field-follow-up",
        }
    }

    pub fn kind(self) -> FieldKind {
        match self {
            FormField::Priority | FormField::Consent | FormField::AgeBand | FormField::Channel => {
                FieldKind::Choice
            }
            FormField::Minor | FormField::Interpreter => FieldKind::Check,
            FormField::Region => FieldKind::Pick,
            _ => FieldKind::Text,
        }
    }
}

/// An open composer.
#[derive(Debug, Clone, PartialEq)]
pub struct Composer {
    pub draft: Draft,
    /// Position in [`FormField::ALL`].
    pub field: usize,
    /// The focus is on the services line above the fields (Shift-Tab from the first
    /// field): Enter lists every service there when the form had folded them into a count.
    pub on_services: bool,
    /// The operator asked for every service to be listed, even when the form then scrolls.
    pub services_expanded: bool,
    /// At 80x24 the form and the preview share the screen: Ctrl-t switches.
    pub show_preview: bool,
    /// How far the preview is scrolled (PgUp/PgDn).
    pub preview_scroll: u16,
    /// The furthest the preview can usefully scroll, as the view last drew it (the note's
    /// wrapped rows less the pane's height): PgDn stops there without rendering the note
    /// again, so PgUp after paging past the end comes straight back.
    pub preview_last: std::cell::Cell<u16>,
    /// Languages as typed (`ru, en`).
    pub languages: String,
    /// The follow-up date as typed; empty follows the priority.
    pub follow_up: String,
    /// The consent date as typed (today when the draft was made).
    pub consent_date: String,
    /// The focused text field's text and cursor; every edit is copied into the field.
    pub editor: TextField,
    /// The catalogue's `languages`, accepted as client languages beside ISO 639 codes.
    pub languages_listed: Vec<String>,
    /// The interface language: labels, choices, problems and how dates are written.
    pub lang: Lang,
}

impl Composer {
    /// Opens the form over a draft (new or restored).
    pub fn open(draft: Draft) -> Composer {
        let mut composer = Composer {
            languages: draft.client_languages.join(", "),
            follow_up: draft.follow_up.map(|d| d.to_string()).unwrap_or_default(),
            consent_date: draft.consent_date.to_string(),
            draft,
            field: 0,
            on_services: false,
            services_expanded: false,
            show_preview: false,
            preview_scroll: 0,
            preview_last: std::cell::Cell::new(0),
            editor: TextField::default(),
            languages_listed: Vec::new(),
            lang: Lang::en(),
        };
        composer.focus(0);
        composer
    }

    /// The form in `lang`: its dates written as the language writes them (both forms are
    /// read back).
    pub fn in_language(mut self, lang: Lang) -> Composer {
        self.lang = lang;
        self.follow_up = self
            .draft
            .follow_up
            .map(|d| lang.date(d))
            .unwrap_or_default();
        self.consent_date = lang.date(self.draft.consent_date);
        self.focus(self.field);
        self
    }

    /// Moves the focus to a field; a text field's editor starts with the cursor at its end.
    pub fn focus(&mut self, field: usize) {
        self.field = field.min(FormField::ALL.len() - 1);
        let text = self.text_mut().map(|t| t.clone()).unwrap_or_default();
        self.editor.set(&text);
    }

    pub fn current(&self) -> FormField {
        FormField::ALL[self.field.min(FormField::ALL.len() - 1)]
    }

    /// Tab and Shift-Tab: the next or previous field. Back from the first field the
    /// focus goes to the services line; from there either way returns to the fields.
    pub fn move_field(&mut self, forward: bool) {
        let n = FormField::ALL.len();
        if self.on_services {
            self.on_services = false;
            self.focus(if forward { 0 } else { n - 1 });
        } else if !forward && self.field == 0 {
            self.on_services = true;
        } else {
            self.focus(if forward {
                (self.field + 1) % n
            } else {
                self.field - 1
            });
        }
    }

    /// Whether keys are text now: a text field has the focus.
    pub fn typing(&self) -> bool {
        !self.on_services && self.current().kind() == FieldKind::Text
    }

    /// The value of a field as the form shows it.
    pub fn value(&self, field: FormField) -> String {
        let d = &self.draft;
        let check = |on: bool| if on { "[x]" } else { "[ ]" }.to_string();
        let choice_name = |id| self.choice_name(id);
        match field {
            FormField::CaseRef => d.case_ref.clone(),
            FormField::Reason => d.reason.clone(),
            FormField::Priority => choice_name(Some(d.priority.choice_id())),
            FormField::Region => d
                .region
                .clone()
                .unwrap_or_else(|| self.lang.t("tui-not-set")),
            FormField::Consent => choice_name(d.consent.map(ConsentKind::choice_id)),
            FormField::ConsentDate => self.consent_date.clone(),
            FormField::OverrideReason => d.override_reason.clone(),
            FormField::AgeBand => choice_name(d.age_band.map(AgeBand::choice_id)),
            FormField::Minor => check(d.minor),
            FormField::Languages => self.languages.clone(),
            FormField::Interpreter => check(d.interpreter),
            FormField::Channel => choice_name(d.contact_channel.map(ContactChannel::choice_id)),
            FormField::FollowUp => self.follow_up.clone(),
        }
    }

    /// Types a character into the current field (Space toggles a checkbox).
    pub fn insert(&mut self, c: char) -> bool {
        match (self.current().kind(), c) {
            (FieldKind::Text, _) => self.edit(Edit::Insert(c)),
            (FieldKind::Check, ' ') => self.toggle(),
            _ => false,
        }
    }

    /// Edits the focused text field; returns whether its text changed.
    pub fn edit(&mut self, edit: Edit) -> bool {
        if self.current().kind() != FieldKind::Text || !self.editor.edit(edit) {
            return false;
        }
        let value = self.editor.value().to_string();
        if let Some(text) = self.text_mut() {
            *text = value;
        }
        self.sync();
        true
    }

    /// The text behind the focused field, when it is a text field.
    fn text_mut(&mut self) -> Option<&mut String> {
        Some(match self.current() {
            FormField::CaseRef => &mut self.draft.case_ref,
            FormField::Reason => &mut self.draft.reason,
            FormField::OverrideReason => &mut self.draft.override_reason,
            FormField::Languages => &mut self.languages,
            FormField::FollowUp => &mut self.follow_up,
            FormField::ConsentDate => &mut self.consent_date,
            _ => return None,
        })
    }

    fn toggle(&mut self) -> bool {
        match self.current() {
            FormField::Minor => self.draft.minor = !self.draft.minor,
            FormField::Interpreter => self.draft.interpreter = !self.draft.interpreter,
            _ => return false,
        }
        true
    }

    /// Left/Right on a choice field.
    pub fn cycle(&mut self, forward: bool) -> bool {
        let field = self.current();
        let d = &mut self.draft;
        match field {
            FormField::Priority => {
                d.priority = cycle_required(d.priority, forward);
            }
            FormField::Consent => d.consent = cycle_optional(d.consent, forward),
            // The first step from `not set` lands on the commonest answer, `adult`.
            FormField::AgeBand if d.age_band.is_none() => d.age_band = Some(AgeBand::Adult),
            FormField::AgeBand => d.age_band = cycle_optional(d.age_band, forward),
            FormField::Channel => d.contact_channel = cycle_optional(d.contact_channel, forward),
            _ => return false,
        }
        true
    }

    /// Parses the typed languages and date into the draft.
    fn sync(&mut self) {
        self.draft.client_languages = self
            .languages
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            // Stored as the command line stores it (`RU` as `ru`); a code that is not one
            // stays as typed, and `typing_problem` says so beside the field.
            .map(|s| {
                crate::referral::client_language(s, &self.languages_listed)
                    .unwrap_or_else(|| s.to_string())
            })
            .collect();
        self.draft.follow_up = parse_date(&self.follow_up);
        if let Some(date) = parse_date(&self.consent_date) {
            self.draft.consent_date = date;
        }
    }

    /// A problem with what was typed that the draft itself cannot see: a follow-up date
    /// that does not parse is left out of the draft (the note would follow the priority),
    /// a consent date that does not parse keeps the last good one. Either stops the note.
    pub fn typing_problem(&self, field: FormField) -> Option<String> {
        let lang = self.lang;
        match field {
            FormField::FollowUp
                if !self.follow_up.trim().is_empty() && self.draft.follow_up.is_none() =>
            {
                Some(lang.t("tui-problem-follow-up-date"))
            }
            FormField::ConsentDate if parse_date(&self.consent_date).is_none() => {
                Some(lang.t("tui-problem-date"))
            }
            FormField::CaseRef if self.draft.case_ref.trim().is_empty() => (self.draft.priority
                != Priority::Emergency)
                .then(|| t!(lang, "tui-problem-case-ref", none = NO_CASE_REF)),
            FormField::OverrideReason
                if self.draft.consent_overridden()
                    && self.draft.override_reason.trim().is_empty() =>
            {
                Some(lang.t("tui-problem-override-reason"))
            }
            FormField::CaseRef => crate::referral::case_ref_problem(&self.draft.case_ref)
                .map(|found| texts::case_ref_problem(found).render(lang)),
            FormField::Languages => self.draft.client_languages.iter().find_map(|code| {
                match crate::referral::client_language(code, &self.languages_listed) {
                    Some(_) => None,
                    None => {
                        Some(texts::language_problem(code, &self.languages_listed).render(lang))
                    }
                }
            }),
            _ => None,
        }
    }

    /// The first problem with what was typed in any field, named by its field.
    pub fn first_typing_problem(&self) -> Option<String> {
        FormField::ALL.into_iter().find_map(|field| {
            self.typing_problem(field)
                .map(|p| format!("{}: {p}", self.lang.t(field.label()).to_lowercase()))
        })
    }

    /// What an empty field stands for, shown in its place: the follow-up date the
    /// priority gives.
    pub fn placeholder(&self, field: FormField) -> Option<String> {
        (field == FormField::FollowUp && self.follow_up.trim().is_empty()).then(|| {
            let date = self.lang.date(self.draft.follow_up_date());
            t!(self.lang, "tui-from-priority", date = date)
        })
    }

    /// The prefilled needs and region, by name, for the form's read-only lines.
    pub fn needs_and_region(&self, catalogue: &Catalogue) -> (String, String) {
        let needs: Vec<String> = self
            .draft
            .needs
            .iter()
            .map(|id| match catalogue.need_by_id(id) {
                Some(n) => crate::text::one_line(&catalogue.needs[n].name),
                None => crate::text::one_line(id),
            })
            .collect();
        let region = match &self.draft.region {
            Some(id) => match catalogue.region_by_id(id) {
                Some(r) => crate::text::one_line(&catalogue.regions[r].name),
                None => crate::text::one_line(id),
            },
            None => self.lang.t("tui-not-set"),
        };
        let needs = if needs.is_empty() {
            self.lang.t("tui-none")
        } else {
            needs.join(", ")
        };
        (needs, region)
    }

    /// The draft's problems that belong beside `field`.
    pub fn problems_at(&self, field: FormField) -> Vec<String> {
        let at = match field {
            FormField::Consent => Some(DraftField::Consent),
            FormField::ConsentDate => Some(DraftField::ConsentDate),
            FormField::FollowUp => Some(DraftField::FollowUp),
            FormField::AgeBand => Some(DraftField::AgeBand),
            _ => None,
        };
        let mut out: Vec<String> = self
            .draft
            .problems()
            .into_iter()
            .filter(|p| Some(p.field()) == at)
            .map(|p| short_problem(&p, self.lang))
            .collect();
        out.extend(self.typing_problem(field));
        out
    }

    /// The services of the draft by name, for the form's header, each with whether the
    /// catalogue no longer lists it: such a one is named as it was (from `gone`) and marked.
    pub fn service_names(&self, catalogue: &Catalogue, gone: &[Gone]) -> Vec<(String, bool)> {
        self.draft
            .services
            .iter()
            .map(|id| match super::app::listed(catalogue, id) {
                Some(s) => {
                    let service = &catalogue.services[s];
                    let name = crate::card::localized(
                        catalogue,
                        service,
                        crate::card::Text::Name,
                        self.lang,
                    )
                    .map_or(service.name.as_str(), |(name, _)| name);
                    (crate::text::one_line(name), false)
                }
                None => {
                    let name = gone
                        .iter()
                        .find(|g| &g.id == id)
                        .map_or_else(|| crate::text::one_line(id), |g| g.name.clone());
                    (
                        t!(self.lang, "tui-no-longer-in-catalogue", id = name.as_str()),
                        true,
                    )
                }
            })
            .collect()
    }
}

/// A problem in words that fit beside a field: a shorter text where the full one is long.
fn short_problem(problem: &Problem, lang: Lang) -> String {
    let id = match problem {
        Problem::NoConsent => "tui-problem-no-consent",
        Problem::ConsentInFuture => "tui-problem-consent-in-future",
        Problem::FollowUpInPast => "tui-problem-follow-up-in-past",
        Problem::FollowUpPastCalendar => "tui-problem-follow-up-past-calendar",
        Problem::AgeContradiction => "tui-problem-age-contradiction",
        Problem::NoServices => return problem_text(problem, lang),
    };
    lang.t(id)
}

/// A problem in full words (the status line, the preview), in `lang`: the command line's.
pub fn problem_text(problem: &Problem, lang: Lang) -> String {
    texts::problem(problem).0.render(lang)
}

/// A note that could not be rendered, in `lang` where the words are Pathways' own (a
/// template's error is the template's).
pub fn render_error_text(error: &crate::referral::RenderError, lang: Lang) -> String {
    match error {
        crate::referral::RenderError::Draft(problem) => problem_text(problem, lang),
        crate::referral::RenderError::UnknownService(id) => {
            t!(lang, "problem-unknown-service", id = id.as_str())
        }
        crate::referral::RenderError::Template(error) => {
            crate::context::texts::template_error(error).render(lang)
        }
    }
}

impl Composer {
    /// A choice as the form shows it: the schema word's translation, or `not set`.
    fn choice_name(&self, id: Option<&'static str>) -> String {
        self.lang.t(id.unwrap_or("tui-not-set"))
    }
}

fn cycle_required<T: ValueEnum + PartialEq + Clone>(value: T, forward: bool) -> T {
    let all = T::value_variants();
    let at = all.iter().position(|v| *v == value).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }]
    .clone()
}

/// Cycles through `not set` and every value.
fn cycle_optional<T: ValueEnum + PartialEq + Clone>(value: Option<T>, forward: bool) -> Option<T> {
    let all = T::value_variants();
    let n = all.len() + 1;
    let at = value
        .and_then(|v| all.iter().position(|a| *a == v))
        .map_or(0, |i| i + 1);
    let next = if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    };
    next.checked_sub(1).map(|i| all[i].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn composer() -> Composer {
        let draft = Draft::new(
            vec!["svc".into()],
            jiff::civil::date(2026, 11, 23),
            "PW-20261123-140500-ABCD".into(),
            &crate::config::Config::default(),
        );
        let mut composer = Composer::open(draft);
        composer.languages_listed = vec!["be-Latn".into()];
        composer
    }

    fn type_into(composer: &mut Composer, field: FormField, text: &str) {
        composer.focus(FormField::ALL.iter().position(|&f| f == field).unwrap());
        composer.edit(Edit::Clear);
        for c in text.chars() {
            composer.insert(c);
        }
    }

    #[test]
    fn the_composer_applies_the_command_lines_rules_beside_its_fields() {
        let mut c = composer();
        type_into(&mut c, FormField::CaseRef, "C-1\u{202e}");
        assert!(c.typing_problem(FormField::CaseRef).is_some());
        type_into(&mut c, FormField::CaseRef, "C-1");
        assert_eq!(c.typing_problem(FormField::CaseRef), None);
        type_into(&mut c, FormField::Languages, "ru, xx");
        assert!(
            c.typing_problem(FormField::Languages)
                .unwrap()
                .contains("'xx'")
        );
        type_into(&mut c, FormField::Languages, "RU, bel, BE-LATN");
        assert_eq!(c.typing_problem(FormField::Languages), None);
        assert_eq!(c.draft.client_languages, ["ru", "bel", "be-Latn"]);
        assert!(c.first_typing_problem().is_none());
    }
}
