//! Loading and validating catalogues: the embedded default, the schema example, a table of
//! broken catalogues with exact positions, and bad input that must never panic.

mod support;
use pathways::catalogue::{
    Catalogue, EMBEDDED_CATALOGUE, LoadOptions, Origin, SCHEMA_EXAMPLE, Severity, parse_with,
};
use pathways::clock::Clock;
use pathways::context::texts;
use support::{SMALL, broken_catalogue};

/// Loads with "today" pinned, so staleness is stable (a clock value, not `set_var`: the
/// tests run in parallel threads).
fn load(text: &str) -> Catalogue {
    let options = LoadOptions {
        clock: Clock::Fixed("2026-11-20T12:00:00Z".parse().unwrap()),
        ..LoadOptions::default()
    };
    parse_with(text, Origin::Text("t.toml".into()), options).expect("loads")
}

fn errors(text: &str) -> Vec<String> {
    load(text)
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn the_embedded_catalogue_and_the_schema_example_have_no_errors() {
    for (name, text) in [
        ("embedded", EMBEDDED_CATALOGUE),
        ("example", SCHEMA_EXAMPLE),
    ] {
        let catalogue = load(text);
        assert_eq!(
            catalogue.error_count(),
            0,
            "{name}: {:#?}",
            catalogue.diagnostics
        );
        assert!(!catalogue.services.is_empty(), "{name} has services");
    }
    let catalogue = load(EMBEDDED_CATALOGUE);
    assert!(catalogue.service_by_id("iom-avrr").is_some());
    assert_eq!(
        catalogue.regions.len(),
        136,
        "every row of the regions reference"
    );
}

#[test]
fn the_base_fixture_is_clean() {
    let catalogue = load(SMALL);
    assert_eq!(catalogue.diagnostics, vec![]);
}

/// Each case: (what it breaks, the replacement of one line of SMALL, expected diagnostic).
#[test]
fn broken_catalogues_point_at_each_fault() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "unknown key",
            "verified = 2026-11-01",
            "eligibilty = \"x\"\nverified = 2026-11-01",
            "t.toml:32:1: error: unknown key `eligibilty` in service (did you mean `eligibility`?)",
        ),
        (
            "missing required key",
            "organisation = \"org\"\n",
            "",
            "t.toml:26:1: error: service is missing the required key `organisation`",
        ),
        (
            "unknown organisation",
            "organisation = \"org\"\n",
            "organisation = \"orgg\"\n",
            "t.toml:29:16: error: unknown organisation `orgg` (did you mean `org`?)",
        ),
        (
            "unknown need",
            "needs = [\"shelter\"]",
            "needs = [\"shelterr\"]",
            "t.toml:30:10: error: unknown need `shelterr` (did you mean `shelter`?)",
        ),
        (
            "unknown region",
            "regions = [\"gomel\"]",
            "regions = [\"homel\"]",
            "t.toml:31:12: error: unknown region `homel` (did you mean `gomel`?)",
        ),
        (
            "duplicate id",
            "verified = 2026-11-01",
            "verified = 2026-11-01\n\n[[services]]\nid = \"svc\"\nname = \"Again\"\norganisation = \"org\"\nneeds = [\"shelter\"]\nregions = [\"by\"]",
            "t.toml:35:6: error: duplicate service id `svc` (first defined at line 27)",
        ),
        (
            "empty name",
            "name = \"Service\"",
            "name = \"  \"",
            "t.toml:28:8: error: empty name",
        ),
        (
            "malformed email",
            "email = \"info@example.org\"",
            "email = \"info.example.org\"",
            "t.toml:24:9: error: malformed e-mail address `info.example.org`",
        ),
        (
            "malformed url",
            "email = \"info@example.org\"",
            "website = \"www.example.org\"",
            "t.toml:24:11: error: malformed URL `www.example.org`; write it in full, starting with https://",
        ),
        (
            "malformed date",
            "verified = 2026-11-01",
            "verified = \"last week\"",
            "t.toml:32:12: error: malformed date in `verified`: found a string; write a TOML date like 2024-11-05, without quotes",
        ),
        (
            "no region",
            "regions = [\"gomel\"]",
            "regions = []",
            "t.toml:31:11: error: service serves no region: list at least one region id (\"by\" for the whole country)",
        ),
        (
            "bad level",
            "level = \"oblast\"",
            "level = \"province\"",
            "t.toml:18:9: error: unknown region level `province`; use country, oblast, city or district",
        ),
        (
            "region cycle",
            "level = \"country\"",
            "level = \"country\"\nparent = \"gomel\"",
            "t.toml:14:10: error: region cycle: by → gomel → by",
        ),
        (
            "wrong type",
            "name = \"Service\"",
            "name = 42",
            "t.toml:28:8: error: `name` must be a string, found an integer",
        ),
        (
            "bad id",
            "id = \"svc\"",
            "id = \"Svc One\"",
            "t.toml:27:6: error: id `Svc One` is not a lowercase slug (letters a-z, digits and single hyphens), e.g. `svc-one`",
        ),
        (
            "control character",
            "name = \"Service\"",
            "name = \"Serv\\u001b[31mice\"",
            "t.toml:28:8: error: control character U+001B in text (it is stripped when shown)",
        ),
        (
            "bad phone kind",
            "email = \"info@example.org\"",
            "phones = [{ number = \"+000\", kind = \"pager\" }]",
            "t.toml:24:37: error: unknown phone kind `pager`; use one of hotline, voice, sms, whatsapp, viber, telegram, fax, tty, after-hours",
        ),
        (
            "bad time zone",
            "timezone = \"Europe/Minsk\"",
            "timezone = \"Europe/Gomel\"",
            "",
        ),
    ];
    for (what, from, to, expected) in cases {
        assert!(SMALL.contains(from), "{what}: fixture has {from:?}");
        let text = SMALL.replacen(from, to, 1);
        if *what == "bad time zone" {
            // A header fault leaves the default in place; the records still load.
            assert_eq!(
                errors(&text),
                [
                    "t.toml:4:12: error: unknown time zone `Europe/Gomel`; use an IANA name such as \"Europe/Minsk\" (this machine's zone is used meanwhile)"
                ]
            );
            assert_eq!(load(&text).services.len(), 1);
            continue;
        }
        assert_eq!(errors(&text), vec![expected.to_string()], "{what}");
    }
}

#[test]
fn a_broken_record_leaves_the_rest_usable() {
    let catalogue = load(&broken_catalogue());
    assert_eq!(catalogue.error_count(), 2);
    assert_eq!(catalogue.left_out.services, 1);
    assert!(catalogue.service_by_id("svc").is_some());
    assert!(catalogue.service_by_id("bad").is_none());
    assert_eq!(
        texts::degraded(&catalogue)
            .map(|t| t.to_string())
            .as_deref(),
        Some("catalogue: 2 errors, 1 service left out; run 'pathways check'")
    );
}

#[test]
fn a_left_out_organisation_takes_its_services_with_it() {
    let text = SMALL.replace("email = \"info@example.org\"", "email = \"bad\"");
    let catalogue = load(&text);
    assert_eq!(catalogue.left_out.organisations, 1);
    assert_eq!(catalogue.left_out.services, 1);
    assert_eq!(
        catalogue.error_count(),
        1,
        "one error, not a cascade of them: {:#?}",
        catalogue.diagnostics
    );
    assert_eq!(
        texts::degraded(&catalogue)
            .map(|t| t.to_string())
            .as_deref(),
        Some("catalogue: 1 error, 1 service left out; run 'pathways check'")
    );
}

#[test]
fn control_characters_keep_the_record_with_the_text_stripped() {
    let text = SMALL.replace("name = \"Service\"", "name = \"Serv\\u001b[31mice\\u0007\"");
    let catalogue = load(&text);
    assert_eq!(catalogue.services[0].name, "Service");
    assert_eq!(catalogue.left_out.services, 0);
}

#[test]
fn a_newer_schema_is_one_clear_error() {
    let text = SMALL.replace("schema = 1", "schema = 2");
    let err = Catalogue::from_text(&text, Origin::Text("t.toml".into())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.toml:2:10: error: this catalogue needs schema 2, but this pathways understands schema 1 at most; install a newer pathways"
    );
}

#[test]
fn positions_survive_a_bom_and_crlf() {
    let text = format!("\u{feff}{}", SMALL.replace('\n', "\r\n"))
        .replace("needs = [\"shelter\"]", "needs = [\"shelterr\"]");
    let found = errors(&text);
    assert_eq!(
        found,
        vec!["t.toml:30:10: error: unknown need `shelterr` (did you mean `shelter`?)"]
    );
    let text = format!("\u{feff}{}", SMALL)
        .replace("schema = 1\n", "")
        .replacen("[catalogue]", "[catalogue]\nschema = 1", 1);
    assert_eq!(load(&text).error_count(), 0);
    // A BOM on the first line is not a column.
    let text = "\u{feff}[catalogue]\nschema = 1\ntitle = \"T\"\ntimezone = \"UTC\"\nbogus = 1\n"
        .to_string();
    let err_line = errors(&text);
    assert_eq!(
        err_line,
        vec!["t.toml:5:1: error: unknown key `bogus` in catalogue header"]
    );
}

#[test]
fn warnings_for_stale_unreachable_orphaned_and_expired() {
    let text = SMALL
        .replace(
            "verified = 2026-11-01",
            "verified = 2020-01-01\nalert = { text = \"moved\", until = 2026-01-01 }",
        )
        .replace("email = \"info@example.org\"", "")
        + "\n[[organisations]]\nid = \"lonely\"\nname = \"Lonely\"\n";
    let catalogue = load(&text);
    let warnings: Vec<String> = catalogue
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(warnings, vec![
        "t.toml:26:1: warning: service `svc` not verified since 2020-01-01 (more than 365 days)".to_string(),
        "t.toml:26:1: warning: service `svc` has no public contact channel (no public phone, e-mail or website on it, its contacts or its organisation)".to_string(),
        "t.toml:26:1: warning: alert of service `svc` expired on 2026-01-01".to_string(),
        "t.toml:35:1: warning: organisation `lonely` has no services".to_string(),
    ]);
}

#[test]
fn text_that_is_not_a_catalogue_is_refused_without_panic() {
    for (what, text) in [
        ("empty", ""),
        ("garbage", "\u{0}\u{1}\u{2} not toml ]]]["),
        ("wrong shape", "[package]\nname = \"x\"\n"),
        ("array header", "catalogue = [1, 2]\n"),
        (
            "needs not tables",
            "needs = 3\n[catalogue]\nschema=1\ntitle=\"t\"\ntimezone=\"UTC\"\n",
        ),
    ] {
        let result = Catalogue::from_text(text, Origin::Text("t.toml".into()));
        assert!(result.is_err(), "{what} must not load");
        assert!(!result.unwrap_err().to_string().is_empty());
    }
}

#[test]
fn check_points_inside_opening_hours_that_do_not_parse() {
    use pathways::catalogue::{LoadOptions, parse_with};
    let text = SMALL.replace(
        "verified = 2026-11-01",
        "opening_hours = \"Mo-Fr 09:00-1800\"\nverified = 2026-11-01",
    );
    let options = LoadOptions::for_check();
    let catalogue = parse_with(&text, Origin::Text("t.toml".into()), options).unwrap();
    let errors: Vec<String> = catalogue
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    // The value's quote is at column 17; the parser stops 12 characters in, at "1800".
    assert!(
        errors[0].starts_with("t.toml:32:30: error: opening hours do not parse"),
        "{}",
        errors[0]
    );
    // The record stays, with its hours unknown; other commands do not parse hours at all.
    assert_eq!(catalogue.services[0].opening_hours, None);
    assert_eq!(load(&text).error_count(), 0);
}

#[test]
fn need_cycles_and_unknown_contacts_are_reported() {
    let text = SMALL
        .replace("name = \"Shelter\"", "name = \"Shelter\"\nparent = \"housing\"\n\n[[needs]]\nid = \"housing\"\nname = \"Housing\"\nparent = \"shelter\"")
        .replace("verified = 2026-11-01", "contacts = [\"desk\"]\nverified = 2026-11-01");
    let found = errors(&text);
    assert_eq!(
        found,
        vec![
            "t.toml:9:10: error: need cycle: shelter → housing → shelter".to_string(),
            "t.toml:38:13: error: unknown contact `desk`".to_string(),
        ]
    );
}

#[test]
fn a_failed_load_names_its_cause_first() {
    let text = SMALL.replace("name = \"Service\"", "name = \"Serv\\u001bice\"") + "[[bogus\n";
    let err = Catalogue::from_text(&text, Origin::Text("t.toml".into())).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("t.toml:33:8: error: not valid TOML: unclosed array table"),
        "{message}"
    );
    assert!(message.ends_with("(and 1 more)"), "{message}");
}
