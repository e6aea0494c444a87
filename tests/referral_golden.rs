//! Golden notes: the real binary, the fixture catalogue, the clock pinned. Every note is
//! also checked for what must never be in it (private phones and contacts, control
//! characters) and, in plain text, for the 72-column width.

mod support;
use support::{Sandbox, assert_golden, normalise_refs};

/// The private phones and contact of the fixture: none may ever reach a note.
const PRIVATE: [&str; 4] = [
    "+375 00 999-99-99",
    "+375 00 999-99-98",
    "Pavel Private",
    "pavel.private@fixture.example",
];

const ALL_CLIENT_FIELDS: [&str; 17] = [
    "--consent",
    "verbal",
    "--case-ref",
    "C-0042",
    "--region",
    "buda-koshelevo",
    "--age-band",
    "child",
    "--minor",
    "--client-language",
    "ar",
    "--interpreter",
    "--contact-channel",
    "do-not-contact",
    "--reason",
    "Family of four, needs a place tonight",
    "--priority=urgent",
];

fn note(args: &[&str]) -> String {
    let sandbox = Sandbox::new();
    let output = sandbox.pathways().arg("refer").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    for private in PRIVATE {
        assert!(!text.contains(private), "{private} leaked into:\n{text}");
    }
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control character in:\n{text}"
    );
    normalise_refs(&text)
}

fn assert_fits_72(text: &str) {
    for line in text.lines() {
        assert!(line.chars().count() <= 72, "too wide: {line:?}");
    }
}

fn with(base: &[&'static str], more: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(more).copied().collect()
}

#[test]
fn en_one_service() {
    let text = note(&with(&["full-shelter"], &ALL_CLIENT_FIELDS));
    assert_fits_72(&text);
    assert_golden("en_one_service.txt", &text);
}

#[test]
fn en_three_services() {
    let text = note(&with(
        &["full-shelter", "bare-clinic", "closed-advice"],
        &ALL_CLIENT_FIELDS,
    ));
    assert_fits_72(&text);
    assert_golden("en_three_services.txt", &text);
}

#[test]
fn en_missing_fields_leave_no_empty_labels() {
    let text = note(&["bare-clinic", "--consent", "written"]);
    for label in ["Phone", "E-mail", "Address", "How to refer", "Fee"] {
        assert!(!text.contains(label), "{label} without a value:\n{text}");
    }
    assert!(text.contains("Client code: no client code"), "{text}");
    assert!(text.contains("Referred by: not recorded"), "{text}");
    assert_golden("en_missing_fields.txt", &text);
}

#[test]
fn ru_one_service_uses_the_translation() {
    let text = note(&with(
        &["full-shelter", "--template", "ru"],
        &ALL_CLIENT_FIELDS,
    ));
    assert!(text.contains("Ночной приют для мигрантов"), "{text}");
    assert!(text.contains("пер. Приютский, 5, Гомель"), "{text}");
    assert_fits_72(&text);
    assert_golden("ru_one_service.txt", &text);
}

#[test]
fn ru_three_services_fall_back_to_the_original() {
    let text = note(&with(
        &[
            "full-shelter",
            "bare-clinic",
            "closed-advice",
            "--template",
            "ru",
        ],
        &ALL_CLIENT_FIELDS,
    ));
    assert!(text.contains("Clinic referrals"), "{text}");
    assert_fits_72(&text);
    assert_golden("ru_three_services.txt", &text);
}

#[test]
fn en_emergency_override_says_consent_was_not_obtained() {
    let text = note(&[
        "full-shelter",
        "--priority",
        "emergency",
        "--override-reason",
        "client in immediate danger, unable to consent",
    ]);
    assert!(text.contains("NOT OBTAINED"), "{text}");
    assert!(text.contains("client in immediate danger"), "{text}");
    assert!(text.contains("Follow-up: 2026-11-24"), "{text}");
    assert_golden("en_emergency_override.txt", &text);
}

#[test]
fn emergency_override_reason_defaults_to_emergency() {
    let text = note(&["bare-clinic", "--priority", "emergency"]);
    assert!(text.contains("Reason: emergency."), "{text}");
}

#[test]
fn ru_emergency_override_in_russian() {
    let text = note(&["bare-clinic", "--priority", "emergency", "--template", "ru"]);
    assert!(text.contains("НЕ ПОЛУЧЕНО"), "{text}");
    assert!(text.contains("Причина: экстренная ситуация."), "{text}");
}

#[test]
fn markdown_three_services() {
    let text = note(&with(
        &[
            "full-shelter",
            "bare-clinic",
            "closed-advice",
            "--format",
            "markdown",
        ],
        &ALL_CLIENT_FIELDS,
    ));
    assert!(text.starts_with("# Referral note PW-"), "{text}");
    assert!(text.contains("### 1. Night shelter for migrants"), "{text}");
    assert_golden("en_three_services.md", &text);
}
