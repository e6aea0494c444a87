//! `pathways import hsds`: each HSDS version and form, each mapping rule, the ways real
//! files break the specification, determinism, ids across re-imports, the report and the
//! exit codes. Every catalogue written must pass `pathways check` with no error.

mod support;

use pathways::catalogue::{Catalogue, Origin, PhoneKind, Status};
use std::path::{Path, PathBuf};
use support::Sandbox;

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hsds")
        .join(relative)
}

/// Imports `source` with `extra` flags into `out`; returns stderr (the report).
fn import(home: &Sandbox, source: &Path, out: &Path, extra: &[&str]) -> String {
    let output = home
        .command()
        .args(["import", "hsds"])
        .arg(source)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "import failed: {stderr}");
    stderr
}

/// `pathways check FILE` reports no error; the catalogue as loaded.
fn checked(home: &Sandbox, file: &Path) -> Catalogue {
    let output = home.command().arg("check").arg(file).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": error:")).collect();
    assert!(errors.is_empty(), "check found errors: {errors:#?}");
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let text = std::fs::read_to_string(file).unwrap();
    Catalogue::from_text(&text, Origin::Text("imported".into())).unwrap()
}

fn service<'c>(catalogue: &'c Catalogue, name: &str) -> &'c pathways::catalogue::Service {
    catalogue
        .services
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no service named {name}"))
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const TZ: [&str; 2] = ["--timezone", "America/Chicago"];

#[test]
fn the_illinois_1_1_folder_imports_whole_and_passes_check() {
    let home = Sandbox::new();
    let out = home.root().join("il.toml");
    let report = import(
        &home,
        &fixture("illinois-legal-aid-1.1"),
        &out,
        &["--timezone", "America/Chicago", "--country", "US"],
    );
    assert!(
        report.contains("HSDS 1.x package \"illinois-legal-aid-1.1\""),
        "{report}"
    );
    assert!(
        report.contains("service: 430 read, 429 imported"),
        "{report}"
    );
    assert!(report.contains("left out: no id (1)"), "{report}");
    // The set ties no service to a location: every location is said to be unused.
    assert!(report.contains("location: 520 read, 0 imported, 0 merged, 520 left out"));
    let catalogue = checked(&home, &out);
    // Every service with a name arrives, even when its organisation is missing from the file.
    assert_eq!(catalogue.services.len(), 429);
    let clinic = service(&catalogue, "North Lawndale legal clinic");
    assert_eq!(
        clinic.source.as_deref(),
        Some("illinois-legal-aid-1.1, HSDS service 132741")
    );
    assert_eq!(catalogue.organisation_of(clinic).name, "LAF");
    assert!(clinic.id.starts_with("north-lawndale-legal-clinic-"));
    assert_eq!(catalogue.header.country.as_deref(), Some("US"));
    assert_eq!(catalogue.regions[clinic.regions[0]].id, "us");
}

#[test]
fn the_official_3_0_examples_import_from_csv_json_and_tabular_json() {
    let home = Sandbox::new();
    for (i, source) in [
        "spec-3.0/examples/csv",
        "spec-3.0/examples/service_full.json",
        "spec-3.0/examples/tabular.json",
        "spec-3.0/examples/service_list.json",
    ]
    .iter()
    .enumerate()
    {
        let out = home.root().join(format!("{i}.toml"));
        let report = import(&home, &fixture(source), &out, &TZ);
        assert!(report.contains("HSDS 3.0 package"), "{source}: {report}");
        let catalogue = checked(&home, &out);
        let counselling = service(&catalogue, "Community Counselling");
        let org = catalogue.organisation_of(counselling);
        assert_eq!(org.short_name.as_deref(), Some("Example Org"), "{source}");
        assert_eq!(
            counselling.verified.map(|d| d.to_string()).as_deref(),
            Some("2005-01-01")
        );
        if source.ends_with("service_list.json") {
            continue; // the list form carries no sites, phones or ages
        }
        assert_eq!(counselling.min_age, Some(12), "{source}");
        assert_eq!(counselling.max_age, Some(100));
        let phone = &counselling.phones[0];
        assert_eq!(phone.number, "+44 1234 234567 ext. 100");
        assert_eq!(phone.kind, PhoneKind::Voice);
        assert_eq!(counselling.languages, ["ur"], "{source}");
        assert_eq!(
            counselling.address.as_deref(),
            Some("1-30 Main Street, MyVillage, MyCity, MyState ABC 1234")
        );
        // The example's schedule mixes week numbers and month days: not exact, kept as text.
        assert!(counselling.opening_hours.is_none());
        assert!(
            counselling
                .hours_note
                .as_deref()
                .unwrap()
                .contains("10 am to 6pm")
        );
        let city = &catalogue.regions[counselling.regions[0]];
        assert_eq!(
            (city.name.as_str(), city.level.as_str()),
            ("MyCity", "city")
        );
        let state = &catalogue.regions[city.parent.unwrap()];
        assert_eq!(
            (state.name.as_str(), state.level.as_str()),
            ("MyState", "oblast")
        );
    }
}

#[test]
fn a_zip_of_a_datapackage_imports_like_the_folder() {
    let home = Sandbox::new();
    let zip_path = home.root().join("illinois.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let folder = fixture("illinois-legal-aid-1.1");
    let mut names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in names {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(format!("illinois/{name}"), options).unwrap();
        std::io::Write::write_all(&mut zip, &std::fs::read(folder.join(&name)).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    let from_zip = home.root().join("zip.toml");
    let from_folder = home.root().join("folder.toml");
    let title = ["--title", "Illinois legal aid"];
    import(
        &home,
        &zip_path,
        &from_zip,
        &[TZ[0], TZ[1], title[0], title[1]],
    );
    import(
        &home,
        &folder,
        &from_folder,
        &[TZ[0], TZ[1], title[0], title[1]],
    );
    let same = std::fs::read(&from_zip).unwrap() == std::fs::read(&from_folder).unwrap();
    assert!(same, "the zip and the folder import differently");
    checked(&home, &from_zip);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let home = Sandbox::new();
    for source in [
        "illinois-legal-aid-1.1",
        "spec-3.0/examples/service_full.json",
    ] {
        let a = home.root().join("a.toml");
        let b = home.root().join("b.toml");
        let _ = std::fs::remove_file(&a);
        let _ = std::fs::remove_file(&b);
        import(&home, &fixture(source), &a, &TZ);
        import(&home, &fixture(source), &b, &TZ);
        let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        assert!(a == b, "{source}: two imports differ");
        // To stdout, too.
        let stdout = home
            .command()
            .args(["import", "hsds"])
            .arg(fixture(source))
            .args(TZ)
            .output()
            .unwrap()
            .stdout;
        assert!(stdout == a, "{source}: stdout differs from --out");
    }
}

#[test]
fn without_timezone_none_is_written_and_the_title_is_the_folder_name() {
    let home = Sandbox::new();
    let out = home.root().join("il.toml");
    import(&home, &fixture("illinois-legal-aid-1.1"), &out, &[]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("timezone"));
    assert!(text.contains("title = \"illinois-legal-aid-1.1\""));
}

/// Without `--timezone` the host's zone is used: `check` warns, with no error.
#[test]
fn without_timezone_the_catalogue_passes_check() {
    let home = Sandbox::new();
    let out = home.root().join("il.toml");
    import(&home, &fixture("illinois-legal-aid-1.1"), &out, &[]);
    checked(&home, &out);
}

/// A small 1.x folder that breaks the specification the way real files do.
fn broken_folder(dir: &Path) {
    // A byte-order mark, CRLF line ends, a quoted newline, quotes, a backslash and a BEL.
    let services = "\u{feff}id,organization_id,name,description,status,url,email,fees,application_process\r\n\
        s1,o1,\"Food \"\"Bank\"\" \\ Pantry\u{7}\",\"Line one\r\nline two\",,www.food.example.org,not-an-email,Free,Walk in\r\n\
        s2,o1,Shelter,,temporarily closed,https://shelter.example.org,help@shelter.example.org,,\r\n\
        s3,o1,Old service,,defunct,,,,\r\n\
        s4,o1,Odd status,,sleeping,,,,\r\n\
        s5,missing-org,Orphan,,active,,,,\r\n\
        ,o1,,,,,,,\r\n";
    write(dir, "services.csv", services);
    write(
        dir,
        "organizations.csv",
        "id,name,alternate_name,email,url\no1,Helping Hands,HH,info@hands.example.org,https://hands.example.org\n",
    );
    write(
        dir,
        "locations.csv",
        "id,organization_id,name\nl1,o1,North site\nl2,o1,South site\n",
    );
    write(
        dir,
        "services_at_location.csv",
        "id,service_id,location_id\nsal1,s2,l1\nsal2,s2,l2\nsal3,s1,l1\nsal4,s1,nowhere\n",
    );
    write(
        dir,
        "physical_addresses.csv",
        "id,location_id,address_1,city,state_province,postal_code,country\n\
         a1,l1,1 North St,SPRINGFIELD,IL ,62701,US\n\
         a2,l2,2 South St,Chicago,il,60601,USA\n",
    );
    // Several service ids in one cell; a missing foreign key; unknown and special types.
    write(
        dir,
        "phones.csv",
        "id,location_id,service_id,organization_id,number,extension,type,language,description\n\
         p1,,\"s1, s3\",,555-0100,,voice,\"English, Spanish\",Main line\n\
         p2,,s2,,555-0101,,text,,\n\
         p3,,s2,,555-0102,,fax,,\n\
         p4,,s2,,555-0103,,textphone,,\n\
         p5,,s2,,555-0104,,video,,\n\
         p6,,nope,,555-0105,,voice,,\n\
         p7,l2,,,555-0106,,cell,klingon,South desk\n",
    );
    // Weekday names and numbers, times like 9:00am, a closed day, a holiday.
    write(
        dir,
        "regular_schedules.csv",
        "id,service_id,location_id,weekday,opens_at,closes_at\n\
         r1,s1,,Monday,9:00am,5:00pm\n\
         r2,s1,,Tuesday,9:00am,5:00pm\n\
         r3,s1,,3,9:00,17:00\n\
         r4,s1,,Sunday,,\n\
         r5,,l1,Sat,10:00,14:00\n\
         r6,s4,,Whenever,9,5\n",
    );
    write(
        dir,
        "holiday_schedules.csv",
        "id,service_id,closed,start_date,end_date\nh1,s1,true,2026-12-25,2026-12-25\n",
    );
    write(
        dir,
        "taxonomy.csv",
        "id,name,parent_id,parent_name\n\
         BD,Basic Needs,,\n\
         BD-1800,Food,BD,Basic Needs\n\
         BD-1800.2000,Food Pantries,,\n\
         BH-1800,Housing,B,Basic Needs Top\n\
         YB-8000,Older Adults,,\n",
    );
    write(
        dir,
        "services_taxonomy.csv",
        "id,service_id,taxonomy_id\nt1,s1,BD-1800.2000\nt2,s1,YB-8000\nt3,s2,BH-1800\nt4,s2,ZZ-0000\n",
    );
    write(
        dir,
        "languages.csv",
        "id,service_id,language\nla1,s2,Haitian Creole\nla2,s2,spa\n",
    );
    write(
        dir,
        "service_areas.csv",
        "id,service_id,service_area\nsa1,s3,Springfield\nsa2,s3,Atlantis\n",
    );
    write(
        dir,
        "eligibility.csv",
        "id,service_id,eligibility\ne1,s1,Anyone hungry\ne2,,Orphan row\n",
    );
}

fn import_broken(home: &Sandbox, extra: &[&str]) -> (Catalogue, String) {
    let dir = home.root().join("broken");
    std::fs::create_dir_all(&dir).unwrap();
    broken_folder(&dir);
    let out = home.root().join("broken.toml");
    let _ = std::fs::remove_file(&out);
    let mut args = vec!["--timezone", "America/Chicago", "--title", "Broken set"];
    args.extend_from_slice(extra);
    let report = import(home, &dir, &out, &args);
    (checked(home, &out), report)
}

#[test]
fn broken_files_are_read_where_they_can_be_and_reported_where_not() {
    let home = Sandbox::new();
    let (catalogue, report) = import_broken(&home, &[]);
    // BOM, CRLF and a quoted newline; quotes and a backslash kept; the BEL stripped.
    let food = service(&catalogue, "Food \"Bank\" \\ Pantry");
    assert_eq!(food.description.as_deref(), Some("Line one\nline two"));
    assert_eq!(food.website.as_deref(), Some("http://www.food.example.org"));
    assert!(food.email.is_none());
    assert!(report.contains("malformed e-mail address: not used (1), e.g. not-an-email"));
    // Empty status → active, reported; unknown status → active, reported.
    assert_eq!(food.status, Status::Active);
    assert!(
        report.contains("status empty: active (1), e.g. s1"),
        "{report}"
    );
    assert!(
        report.contains("status `sleeping` unknown: active"),
        "{report}"
    );
    // A missing foreign key is left out and said; a row without an id too.
    assert!(
        report.contains("phone: left out: service_id not found (1), e.g. nope"),
        "{report}"
    );
    assert!(report.contains("service: left out: no id (1)"), "{report}");
    assert!(
        report.contains("service_at_location: left out: location_id not found (1), e.g. nowhere")
    );
    assert!(
        report.contains("eligibility: left out: linked to nothing"),
        "{report}"
    );
    // Several ids in one cell: the phone goes to both services.
    let old = service(&catalogue, "Old service");
    assert_eq!(food.phones[0].number, "555-0100");
    assert_eq!(old.phones[0].number, "555-0100");
    // Every service with a name arrives; a missing organisation becomes a placeholder.
    let orphan = service(&catalogue, "Orphan");
    assert!(
        catalogue
            .organisation_of(orphan)
            .name
            .contains("missing-org")
    );
    assert!(report.contains("organization_id not found: placeholder organisation (1), e.g. s5"));
    assert_eq!(catalogue.services.len(), 6); // s1, s2 at two sites, s3, s4, s5
}

#[test]
fn status_phone_and_language_rules() {
    let home = Sandbox::new();
    let (catalogue, report) = import_broken(&home, &[]);
    let north = service(&catalogue, "Shelter — North site");
    assert_eq!(north.status, Status::TemporarilyClosed);
    assert_eq!(service(&catalogue, "Old service").status, Status::Inactive);
    let kinds: Vec<(&str, PhoneKind)> = north
        .phones
        .iter()
        .map(|p| (p.number.as_str(), p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("555-0101", PhoneKind::Sms),
            ("555-0102", PhoneKind::Fax),
            ("555-0103", PhoneKind::Tty),
            ("555-0104", PhoneKind::Voice),
        ]
    );
    assert!(
        report.contains("phone: type `video` read as voice (2), e.g. 555-0104"),
        "{report}"
    );
    // Phone languages kept and normalised; names to codes, unknown ones reported.
    let food = service(&catalogue, "Food \"Bank\" \\ Pantry");
    assert_eq!(food.phones[0].languages, ["en", "es"]);
    assert_eq!(north.languages, ["ht", "es"]);
    let south = service(&catalogue, "Shelter — South site");
    assert_eq!(south.phones.last().unwrap().languages, ["klingon"]);
    assert!(report.contains(
        "language: not a known language name or code: kept as written (1), e.g. klingon"
    ));
    assert_eq!(food.eligibility.as_deref(), Some("Anyone hungry"));
    assert_eq!(food.fee.as_deref(), Some("Free"));
    assert_eq!(food.how_to_refer.as_deref(), Some("Walk in"));
    let org = catalogue.organisation_of(food);
    assert_eq!(org.short_name.as_deref(), Some("HH"));
}

#[test]
fn a_service_at_several_locations_becomes_one_record_per_site() {
    let home = Sandbox::new();
    let (catalogue, _) = import_broken(&home, &[]);
    let north = service(&catalogue, "Shelter — North site");
    let south = service(&catalogue, "Shelter — South site");
    assert_eq!(
        north.source.as_deref(),
        Some("Broken set, HSDS service s2 at location l1")
    );
    assert_eq!(
        south.source.as_deref(),
        Some("Broken set, HSDS service s2 at location l2")
    );
    assert_eq!(
        north.address.as_deref(),
        Some("1 North St, SPRINGFIELD, IL 62701")
    );
    assert_eq!(
        south.address.as_deref(),
        Some("2 South St, Chicago, il 60601")
    );
    // The site's own phone, and the city region of each site under the state.
    assert!(south.phones.iter().any(|p| p.number == "555-0106"));
    assert!(!north.phones.iter().any(|p| p.number == "555-0106"));
    let region = |s: &pathways::catalogue::Service| catalogue.regions[s.regions[0]].clone();
    assert_eq!(region(north).name, "Springfield");
    assert_eq!(region(south).name, "Chicago");
    let state = &catalogue.regions[region(north).parent.unwrap()];
    assert_eq!(
        (state.id.as_str(), state.name.as_str()),
        ("us-il", "Illinois")
    );
    assert_eq!(region(south).parent, region(north).parent);
    // One site only: no " at location", no name suffix, but the site's address.
    let food = service(&catalogue, "Food \"Bank\" \\ Pantry");
    assert_eq!(food.source.as_deref(), Some("Broken set, HSDS service s1"));
    assert_eq!(food.address, north.address);
}

#[test]
fn schedules_become_opening_hours_when_exact_and_notes_otherwise() {
    let home = Sandbox::new();
    let (catalogue, report) = import_broken(&home, &[]);
    let food = service(&catalogue, "Food \"Bank\" \\ Pantry");
    // The service's own rows win over the location's; the holiday is a dated `off`.
    assert_eq!(
        food.opening_hours.as_deref(),
        Some("Mo-We 09:00-17:00; 2026 Dec 25 off")
    );
    let odd = service(&catalogue, "Odd status");
    assert!(odd.opening_hours.is_none());
    assert_eq!(odd.hours_note.as_deref(), Some("Whenever 9-5"));
    // The North site of the shelter has only the location's Saturday hours.
    let north = service(&catalogue, "Shelter — North site");
    assert_eq!(north.opening_hours.as_deref(), Some("Sa 10:00-14:00"));
    assert!(
        report.contains("records with structured opening_hours, 1 not structured"),
        "{report}"
    );
}

#[test]
fn taxonomy_terms_become_needs_with_their_hierarchy_and_y_codes_populations() {
    let home = Sandbox::new();
    let (catalogue, report) = import_broken(&home, &[]);
    let need = |id: &str| {
        catalogue
            .needs
            .iter()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("no need {id}"))
    };
    let parent_of = |id: &str| need(id).parent.map(|p| catalogue.needs[p].id.clone());
    // By AIRS prefix (no parent_id), then by parent_id.
    assert_eq!(parent_of("food-pantries").as_deref(), Some("food"));
    assert_eq!(parent_of("food").as_deref(), Some("basic-needs"));
    // A parent named only by parent_id + parent_name becomes a need of its own.
    assert_eq!(parent_of("housing").as_deref(), Some("basic-needs-top"));
    let food = service(&catalogue, "Food \"Bank\" \\ Pantry");
    let needs: Vec<&str> = food
        .needs
        .iter()
        .map(|&n| catalogue.needs[n].id.as_str())
        .collect();
    assert_eq!(needs, ["food-pantries"]);
    assert_eq!(food.populations, ["older-adults"]);
    let old = service(&catalogue, "Old service");
    assert_eq!(catalogue.needs[old.needs[0]].id, "uncategorised");
    assert!(report.contains("no taxonomy term: need `uncategorised`"));
    assert!(report.contains("taxonomy_link: left out: taxonomy term not found (1), e.g. ZZ-0000"));
}

#[test]
fn service_areas_that_name_a_region_are_used_and_others_reported() {
    let home = Sandbox::new();
    let (catalogue, report) = import_broken(&home, &[]);
    let old = service(&catalogue, "Old service");
    let names: Vec<&str> = old
        .regions
        .iter()
        .map(|&r| catalogue.regions[r].name.as_str())
        .collect();
    assert_eq!(names, ["Springfield"]);
    assert!(report.contains("service_area: names no known region: not used (1), e.g. Atlantis"));
    // Neither area nor address: the country, reported.
    let odd = service(&catalogue, "Odd status");
    assert_eq!(catalogue.regions[odd.regions[0]].id, "us");
    assert!(report.contains("no service area or address region: the root region"));
}

#[test]
fn a_map_file_chooses_needs_and_regions() {
    let home = Sandbox::new();
    let map = home.root().join("map.toml");
    std::fs::write(
        &map,
        r#"
[[needs]]
id = "food-nfi"
name = "Food and non-food items"

[needs_map]
"BD-1800" = "food-nfi"

[[regions]]
id = "atlantis"
name = "Atlantis"
level = "district"
parent = "us-il"

[regions_map]
"Atlantis" = "atlantis"
"#,
    )
    .unwrap();
    let (catalogue, report) = import_broken(&home, &["--map", map.to_str().unwrap()]);
    let food = service(&catalogue, "Food \"Bank\" \\ Pantry");
    // BD-1800.2000 maps through its AIRS prefix BD-1800.
    assert_eq!(catalogue.needs[food.needs[0]].id, "food-nfi");
    let north = service(&catalogue, "Shelter — North site");
    assert_eq!(catalogue.needs[north.needs[0]].id, "housing");
    assert!(report.contains("not in needs_map: generated need used (1), e.g. Housing"));
    let old = service(&catalogue, "Old service");
    let ids: Vec<&str> = old
        .regions
        .iter()
        .map(|&r| catalogue.regions[r].id.as_str())
        .collect();
    assert_eq!(ids, ["us-il-springfield", "atlantis"]);
    // A map that names a need it does not define is bad input.
    std::fs::write(&map, "[needs_map]\n\"BD\" = \"nothing\"\n").unwrap();
    home.command()
        .args(["import", "hsds"])
        .arg(home.root().join("broken"))
        .arg("--map")
        .arg(&map)
        .assert()
        .code(2);
}

#[test]
fn ids_survive_a_rename_and_a_re_import() {
    let home = Sandbox::new();
    let (first, _) = import_broken(&home, &[]);
    let out = home.root().join("broken.toml");
    let old_id = service(&first, "Orphan").id.clone();
    // The publisher renames the service; the import replaces the catalogue with --force.
    let dir = home.root().join("broken");
    let services = std::fs::read_to_string(dir.join("services.csv")).unwrap();
    std::fs::write(
        dir.join("services.csv"),
        services.replace("Orphan", "Renamed orphan"),
    )
    .unwrap();
    import(
        &home,
        &dir,
        &out,
        &["--force", "--timezone", "America/Chicago"],
    );
    let second = checked(&home, &out);
    assert_eq!(service(&second, "Renamed orphan").id, old_id);
    // Without the old file, the id follows the new name but keeps the same hash.
    let fresh = home.root().join("fresh.toml");
    import(&home, &dir, &fresh, &TZ);
    let renamed = checked(&home, &fresh);
    let new_id = &service(&renamed, "Renamed orphan").id;
    assert!(new_id.starts_with("renamed-orphan-"));
    assert_eq!(new_id.rsplit('-').next(), old_id.rsplit('-').next());
}

#[test]
fn the_json_report_counts_per_object() {
    let home = Sandbox::new();
    let out = home.root().join("il.toml");
    let output = home
        .command()
        .args(["import", "hsds"])
        .arg(fixture("illinois-legal-aid-1.1"))
        .arg("--out")
        .arg(&out)
        .args(TZ)
        .arg("--json-report")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["version"], "1.x");
    assert_eq!(report["dataset"], "illinois-legal-aid-1.1");
    assert_eq!(report["objects"]["service"]["read"], 430);
    assert_eq!(report["objects"]["service"]["imported"], 429);
    assert_eq!(report["objects"]["service"]["left_out"], 1);
    assert_eq!(report["written"]["services"], 429);
    assert!(report["schedules"]["structured"].is_number());
    assert!(
        report["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["what"] == "left out: no id")
    );
}

#[test]
fn exit_codes() {
    let home = Sandbox::new();
    let out = home.root().join("out.toml");
    // Not HSDS: an empty folder, a CSV folder without services, text that is not JSON.
    let empty = home.root().join("empty");
    std::fs::create_dir(&empty).unwrap();
    home.command()
        .args(["import", "hsds"])
        .arg(&empty)
        .assert()
        .code(2);
    let other = home.root().join("other");
    std::fs::create_dir(&other).unwrap();
    write(&other, "people.csv", "id,name\n1,Ann\n");
    home.command()
        .args(["import", "hsds"])
        .arg(&other)
        .assert()
        .code(2);
    let not_json = home.root().join("x.json");
    std::fs::write(&not_json, "{ nope").unwrap();
    home.command()
        .args(["import", "hsds"])
        .arg(&not_json)
        .assert()
        .code(2);
    home.command()
        .args(["import", "hsds", "/no/such/path"])
        .assert()
        .code(2);
    // No service could be read: every row lacks a name.
    let nameless = home.root().join("nameless");
    std::fs::create_dir(&nameless).unwrap();
    write(&nameless, "services.csv", "id,organization_id,name\n1,2,\n");
    home.command()
        .args(["import", "hsds"])
        .arg(&nameless)
        .assert()
        .code(2);
    // Bad options.
    let source = fixture("illinois-legal-aid-1.1");
    home.command()
        .args(["import", "hsds"])
        .arg(&source)
        .args(["--timezone", "Mars/Olympus"])
        .assert()
        .code(2);
    // An existing --out is never replaced without --force; nothing is written to it.
    std::fs::write(&out, "keep me").unwrap();
    home.command()
        .args(["import", "hsds"])
        .arg(&source)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(3);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    // An --out in a folder that does not exist cannot be written.
    home.command()
        .args(["import", "hsds"])
        .arg(&source)
        .arg("--out")
        .arg(home.root().join("no-dir/out.toml"))
        .assert()
        .code(3);
}

#[test]
fn a_2_0_folder_is_told_by_its_files_and_read() {
    let home = Sandbox::new();
    let dir = home.root().join("v2");
    std::fs::create_dir(&dir).unwrap();
    write(
        &dir,
        "organizations.csv",
        "id,name,description\no1,Civic Aid,Helps\n",
    );
    write(
        &dir,
        "services.csv",
        "id,organization_id,name,status\ns1,o1,Legal advice,inactive\n",
    );
    write(
        &dir,
        "locations.csv",
        "id,organization_id,name\nl1,o1,Town hall\n",
    );
    write(
        &dir,
        "services_at_location.csv",
        "id,service_id,location_id\nsal1,s1,l1\n",
    );
    write(
        &dir,
        "schedules.csv",
        "id,service_id,location_id,service_at_location_id,freq,byday,opens_at,closes_at\n\
         x1,,,sal1,WEEKLY,\"MO,TU,TH\",09:30,12:00\nx2,,,sal1,WEEKLY,\"MO,TU,TH\",13:00,16:30\n",
    );
    write(
        &dir,
        "service_attributes.csv",
        "id,service_id,taxonomy_term_id\na1,s1,t2\n",
    );
    write(
        &dir,
        "taxonomy_terms.csv",
        "id,term,parent_id,vocabulary\nt1,Legal,,demo\nt2,Tenancy law,t1,demo\n",
    );
    let out = home.root().join("v2.toml");
    let report = import(&home, &dir, &out, &TZ);
    assert!(report.contains("HSDS 2.0 package \"v2\""), "{report}");
    let catalogue = checked(&home, &out);
    let advice = service(&catalogue, "Legal advice");
    assert_eq!(advice.status, Status::Inactive);
    assert_eq!(
        advice.opening_hours.as_deref(),
        Some("Mo,Tu,Th 09:30-12:00,13:00-16:30")
    );
    let need = &catalogue.needs[advice.needs[0]];
    assert_eq!(need.name, "Tenancy law");
    assert_eq!(catalogue.needs[need.parent.unwrap()].name, "Legal");
}

#[test]
fn latin_1_bytes_and_semicolons_are_read_and_reported() {
    let home = Sandbox::new();
    let dir = home.root().join("latin1");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("services.csv"),
        b"id;organization_id;name\r\n1;o;Caf\xe9 Aid\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("organizations.csv"), b"id;name\r\no;Org\r\n").unwrap();
    let out = home.root().join("latin1.toml");
    let report = import(&home, &dir, &out, &TZ);
    assert!(
        report.contains("file: not UTF-8: bad bytes read as U+FFFD (1), e.g. services.csv"),
        "{report}"
    );
    let catalogue = checked(&home, &out);
    assert_eq!(catalogue.services[0].name, "Caf\u{fffd} Aid");
}

#[test]
fn json_objects_without_ids_are_still_linked() {
    let home = Sandbox::new();
    let file = home.root().join("services.json");
    let services = serde_json::json!([{
        "id": "s1",
        "name": "Night bus",
        "status": "temporarily closed",
        "organization": {"name": "City of Example", "description": "A city"},
        "service_at_locations": [{
            "location": {
                "name": "Depot",
                "location_type": "physical",
                "addresses": [{"address_1": "1 Depot Rd", "city": "Example", "state_province": "EX",
                               "postal_code": "1", "country": "GB", "address_type": "physical"}]
            }
        }],
        "schedules": [{"freq": "WEEKLY", "byday": "FR,SA", "opens_at": "22:00", "closes_at": "04:00"}]
    }]);
    std::fs::write(&file, services.to_string()).unwrap();
    let out = home.root().join("bus.toml");
    let report = import(&home, &file, &out, &TZ);
    assert!(report.contains("HSDS 3.0 package \"services\""), "{report}");
    let catalogue = checked(&home, &out);
    let bus = service(&catalogue, "Night bus");
    assert_eq!(catalogue.organisation_of(bus).name, "City of Example");
    assert_eq!(bus.status, Status::TemporarilyClosed);
    assert_eq!(bus.address.as_deref(), Some("1 Depot Rd, Example, EX 1"));
    assert_eq!(bus.opening_hours.as_deref(), Some("Fr,Sa 22:00-04:00"));
    assert_eq!(catalogue.header.country.as_deref(), Some("GB"));
}
