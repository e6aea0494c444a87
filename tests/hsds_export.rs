//! `pathways export hsds`: the JSON validates against the HSDS 3.0 schemas, the CSV files
//! match the datapackage's field lists, private data never leaves, two exports are the same
//! bytes, DIR is protected, and a round trip (export → import) gives back the same
//! services, phones, hours and needs.

mod support;

use pathways::catalogue::{Catalogue, Origin};
use std::path::{Path, PathBuf};
use support::Sandbox;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(relative: &str) -> PathBuf {
    root().join("tests/fixtures/hsds").join(relative)
}

/// The schema example: every key once, with a private phone and a private contact.
fn example() -> PathBuf {
    root().join("data/example.toml")
}

fn export(home: &Sandbox, catalogue: &Path, dir: &Path, format: &str) {
    home.command()
        .arg("--catalogue")
        .arg(catalogue)
        .args(["export", "hsds"])
        .arg(dir)
        .args(["--format", format])
        .assert()
        .code(0);
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn load(path: &Path) -> Catalogue {
    let text = std::fs::read_to_string(path).unwrap();
    Catalogue::from_text(&text, Origin::Text(path.display().to_string())).unwrap()
}

/// Every file of a directory, by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_json_export_validates_against_the_hsds_3_0_schema() {
    let home = Sandbox::new();
    let schema = read_json(&fixture(
        "spec-3.0/schema/compiled/service_with_definitions.json",
    ));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the HSDS schema compiles");
    for catalogue in [example(), root().join("data/catalogue.toml")] {
        let dir = home.root().join("json");
        let _ = std::fs::remove_dir_all(&dir);
        export(&home, &catalogue, &dir, "json");
        let services = read_json(&dir.join("services.json"));
        let services = services.as_array().expect("an array of service_full");
        assert!(!services.is_empty());
        for service in services {
            let errors: Vec<String> = validator
                .iter_errors(service)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", service["name"]);
        }
    }
    // The schema is not a rubber stamp: a service without a status fails it.
    let mut broken = read_json(&home.root().join("json/services.json"))[0].clone();
    broken.as_object_mut().unwrap().remove("status");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn the_csv_files_match_the_datapackage_field_lists() {
    let home = Sandbox::new();
    let dir = home.root().join("csv");
    export(&home, &example(), &dir, "csv");
    let written = read_json(&dir.join("datapackage.json"));
    let spec = read_json(&fixture("spec-3.0/datapackage.json"));
    let spec_resources = spec["resources"].as_array().unwrap();
    let resources = written["resources"].as_array().unwrap();
    assert_eq!(resources.len(), spec_resources.len());
    for (ours, theirs) in resources.iter().zip(spec_resources) {
        assert_eq!(ours["path"], theirs["path"]);
        let names = |r: &serde_json::Value| -> Vec<String> {
            r["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap().to_string())
                .collect()
        };
        let (ours_fields, spec_fields) = (names(ours), names(theirs));
        // The specification's fields first, in its order; ours (pathways_*) after.
        assert_eq!(ours_fields[..spec_fields.len()], spec_fields[..]);
        assert!(
            ours_fields[spec_fields.len()..]
                .iter()
                .all(|f| f.starts_with("pathways_"))
        );
        let path = dir.join(ours["path"].as_str().unwrap());
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, ours_fields, "{}", path.display());
        for record in reader.records() {
            assert_eq!(record.unwrap().len(), header.len());
        }
    }
    let services = csv::Reader::from_path(dir.join("services.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(services, 2);
}

#[test]
fn private_phones_and_contacts_are_never_exported() {
    let home = Sandbox::new();
    for format in ["csv", "json"] {
        let dir = home.root().join(format);
        export(&home, &example(), &dir, format);
        for (name, bytes) in files(&dir) {
            let text = String::from_utf8(bytes).unwrap();
            // The example's staff-only service line, its private contact and her line.
            assert!(!text.contains("Staff-only line"), "{format}/{name}");
            assert!(!text.contains("Example Focal Point"), "{format}/{name}");
            assert!(!text.contains("partner agencies only"), "{format}/{name}");
        }
    }
}

#[test]
fn two_exports_are_identical_and_ids_are_uuid_v5_of_ours() {
    let home = Sandbox::new();
    for format in ["csv", "json"] {
        let a = home.root().join(format!("{format}-a"));
        let b = home.root().join(format!("{format}-b"));
        export(&home, &example(), &a, format);
        export(&home, &example(), &b, format);
        assert!(files(&a) == files(&b), "{format}: two exports differ");
    }
    let services = read_json(&home.root().join("json-a/services.json"));
    let shelter = &services[0];
    assert_eq!(shelter["pathways_id"], "example-night-shelter");
    assert_eq!(
        shelter["id"],
        pathways::hsds::ids::export_uuid("service", "example-night-shelter")
    );
    let id = uuid::Uuid::parse_str(shelter["id"].as_str().unwrap()).unwrap();
    assert_eq!(id.get_version_num(), 5);
}

#[test]
fn dir_must_be_empty_unless_forced_and_force_touches_only_our_files() {
    let home = Sandbox::new();
    let dir = home.root().join("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    std::fs::write(dir.join("services.json"), "old").unwrap();
    home.command()
        .arg("--catalogue")
        .arg(example())
        .args(["export", "hsds"])
        .arg(&dir)
        .args(["--format", "json"])
        .assert()
        .code(3);
    assert_eq!(
        std::fs::read_to_string(dir.join("services.json")).unwrap(),
        "old"
    );
    home.command()
        .arg("--catalogue")
        .arg(example())
        .args(["export", "hsds"])
        .arg(&dir)
        .args(["--format", "json", "--force"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(read_json(&dir.join("services.json")).is_array());
    // A catalogue that cannot be read is bad input.
    home.command()
        .arg("--catalogue")
        .arg(home.root().join("missing.toml"))
        .args(["export", "hsds"])
        .arg(home.root().join("elsewhere"))
        .assert()
        .code(2);
}

#[test]
fn a_round_trip_keeps_services_phones_hours_and_needs() {
    let home = Sandbox::new();
    let original = load(&example());
    for (format, source) in [("csv", "csv"), ("json", "json/services.json")] {
        let dir = home.root().join(format);
        export(&home, &example(), &dir, format);
        let out = home.root().join(format!("{format}.toml"));
        home.command()
            .args(["import", "hsds"])
            .arg(home.root().join(source))
            .arg("--out")
            .arg(&out)
            .args(["--timezone", "Europe/Minsk"])
            .assert()
            .code(0);
        let back = load(&out);
        assert_eq!(back.error_count(), 0, "{format}: {:#?}", back.diagnostics);
        assert_eq!(back.services.len(), original.services.len());
        for (a, b) in original.services.iter().zip(&back.services) {
            assert_eq!(a.id, b.id, "{format}");
            assert_eq!(a.name, b.name);
            assert_eq!(a.status, b.status);
            assert_eq!(a.opening_hours, b.opening_hours, "{format}: {}", a.id);
            assert_eq!(a.hours_note, b.hours_note);
            assert_eq!(a.description, b.description);
            assert_eq!(a.eligibility, b.eligibility);
            assert_eq!(a.fee, b.fee);
            assert_eq!(a.address, b.address);
            assert_eq!(a.languages, b.languages);
            assert_eq!(a.populations, b.populations);
            assert_eq!((a.min_age, a.max_age), (b.min_age, b.max_age));
            assert_eq!(a.verified, b.verified);
            assert_eq!(
                serde_json::to_value(&a.translations).unwrap(),
                serde_json::to_value(&b.translations).unwrap(),
                "{format}: translations"
            );
            assert_eq!(a.website, b.website);
            assert_eq!(
                a.alert.as_ref().map(|x| (&x.text, x.until)),
                b.alert.as_ref().map(|x| (&x.text, x.until))
            );
            // Public phones come back whole; the private one is the documented loss.
            let public: Vec<_> = a
                .phones
                .iter()
                .filter(|p| !p.private)
                .map(|p| (&p.number, p.kind, &p.hours, &p.languages))
                .collect();
            let got: Vec<_> = b
                .phones
                .iter()
                .map(|p| (&p.number, p.kind, &p.hours, &p.languages))
                .collect();
            assert_eq!(public, got, "{format}: {}", a.id);
            let need_ids = |c: &Catalogue, s: &pathways::catalogue::Service| -> Vec<String> {
                s.needs.iter().map(|&n| c.needs[n].id.clone()).collect()
            };
            assert_eq!(need_ids(&original, a), need_ids(&back, b));
        }
        // The need tree survives (the parent travels as the term's parent_id).
        let emergency = back
            .needs
            .iter()
            .find(|n| n.id == "emergency-shelter")
            .unwrap();
        assert_eq!(back.needs[emergency.parent.unwrap()].id, "shelter");
        let org = &back.organisations[0];
        assert_eq!(org.id, "example-ngo");
        assert_eq!(org.short_name.as_deref(), Some("EAA"));
    }
}

#[test]
fn the_embedded_resource_list_is_the_specifications() {
    let spec = read_json(&fixture("spec-3.0/datapackage.json"));
    let resources = spec["resources"].as_array().unwrap();
    assert_eq!(resources.len(), pathways::hsds::resources::RESOURCES.len());
    for (theirs, (name, path, fields)) in resources.iter().zip(pathways::hsds::resources::RESOURCES)
    {
        assert_eq!(theirs["name"], *name);
        assert_eq!(theirs["path"], *path);
        let spec_fields: Vec<(&str, &str)> = theirs["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["name"].as_str().unwrap(), f["type"].as_str().unwrap()))
            .collect();
        assert_eq!(spec_fields, fields.to_vec());
    }
}
