//! The library API a TUI form drives: render from a Draft, template errors with their line,
//! user templates, and what the view lets through.

mod support;
use pathways::catalogue::{Catalogue, Origin};
use pathways::config::Config;
use pathways::referral::{
    ConsentKind, Draft, NoteFormat, Problem, RenderError, Template, TemplateError, render,
};

fn fixture() -> Catalogue {
    let path = support::referral_catalogue();
    Catalogue::from_text(
        &std::fs::read_to_string(path).unwrap(),
        Origin::Text("fixture".into()),
    )
    .unwrap()
}

fn draft(services: &[&str]) -> Draft {
    let config = Config {
        operator: Some("Anna K.".into()),
        organisation: Some("Hotline 113".into()),
        ..Config::default()
    };
    let mut draft = Draft::new(
        services.iter().map(|s| s.to_string()).collect(),
        jiff::civil::date(2026, 11, 23),
        "PW-20261123-140500-ABCD".into(),
        &config,
    );
    draft.consent = Some(ConsentKind::Verbal);
    draft
}

#[test]
fn operator_and_organisation_come_from_the_config() {
    let template = Template::find("en", None).unwrap();
    let note = render(
        &draft(&["bare-clinic"]),
        &fixture(),
        &template,
        NoteFormat::Text,
    )
    .unwrap();
    assert!(
        note.text.contains("Referring organisation: Hotline 113\n"),
        "{}",
        note.text
    );
    assert!(note.text.contains("Operator: Anna K.\n"));
    assert_eq!(note.note_ref, "PW-20261123-140500-ABCD");
    assert_eq!(note.template, "en");
}

#[test]
fn no_consent_is_returned_as_data() {
    let mut d = draft(&["bare-clinic"]);
    d.consent = None;
    let template = Template::find("en", None).unwrap();
    let error = render(&d, &fixture(), &template, NoteFormat::Text).unwrap_err();
    assert_eq!(error, RenderError::Draft(Problem::NoConsent));
}

#[test]
fn unknown_service_is_an_error_not_a_panic() {
    let template = Template::find("ru", None).unwrap();
    let error = render(&draft(&["gone"]), &fixture(), &template, NoteFormat::Text).unwrap_err();
    assert_eq!(error, RenderError::UnknownService("gone".into()));
}

/// Renders with the user template `NAME.j2` holding `text`; the template error it gives.
fn template_error(dir: &std::path::Path, name: &str, text: &str) -> TemplateError {
    std::fs::write(dir.join(format!("{name}.j2")), text).unwrap();
    let template = Template::find(name, Some(dir)).unwrap();
    match render(
        &draft(&["bare-clinic"]),
        &fixture(),
        &template,
        NoteFormat::Text,
    ) {
        Err(RenderError::Template(error)) => error,
        other => panic!("expected a template error, got {other:?}"),
    }
}

#[test]
fn template_errors_carry_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let error = template_error(
        dir.path(),
        "broken",
        "line one\nline two\n{% for s in services %}\n{{ s.name }\n",
    );
    assert_eq!(error.line, Some(4), "{error}");
    assert!(error.to_string().contains("broken.j2:4:"), "{error}");
    let error = template_error(dir.path(), "runtime", "ok\n{{ note.ref | nosuchfilter }}\n");
    assert_eq!(error.line, Some(2), "{error}");
}

#[test]
fn a_user_template_sees_only_public_safe_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dump.j2"),
        "{% for s in services %}{{ s }}\n{% endfor %}",
    )
    .unwrap();
    let template = Template::find("dump", Some(dir.path())).unwrap();
    let note = render(
        &draft(&["full-shelter", "closed-advice"]),
        &fixture(),
        &template,
        NoteFormat::Markdown,
    )
    .unwrap();
    assert!(note.text.contains("+375 00 000-00-03"), "{}", note.text);
    for private in ["999-99-99", "999-99-98", "Pavel", "pavel.private"] {
        assert!(!note.text.contains(private), "{private} in {}", note.text);
    }
    assert!(!note.text.contains('\u{1b}') && !note.text.contains('\u{7}'));
    assert!(!note.text.contains("\\u001b"), "{}", note.text);
}
