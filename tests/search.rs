//! The search engine on the default catalogue and on a small fixture
//! (tests/fixtures/search.toml: Belarus > Gomel Region > Buda-Koshelevo District and the
//! city of Gomel; Minsk; nested needs health > medical-referral).

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use pathways::catalogue::{Catalogue, Origin, RegionLevel, load_embedded};
use pathways::context::texts;
use pathways::search::{
    Field, Found, Index, OpenState, Query, ResolveError, Searcher, rank_names, resolve_need,
    resolve_region, search, search_found, search_limited,
};
use std::sync::Arc;

fn fixture() -> Index {
    let text = include_str!("fixtures/search.toml");
    let catalogue = Catalogue::from_text(text, Origin::Text("search.toml".into())).unwrap();
    assert_eq!(catalogue.error_count(), 0, "{:?}", catalogue.diagnostics);
    Index::build(Arc::new(catalogue))
}

fn embedded() -> Index {
    Index::build(Arc::new(load_embedded().unwrap()))
}

fn text(text: &str) -> Query {
    Query {
        text: text.into(),
        ..Query::default()
    }
}

fn in_region(index: &Index, region: &str) -> Query {
    Query {
        region: index.catalogue().region_by_id(region),
        ..Query::default()
    }
}

fn ids(index: &Index, query: &Query) -> Vec<String> {
    search(index, query)
        .iter()
        .map(|h| index.catalogue().services[h.service].id.clone())
        .collect()
}

#[test]
fn latin_and_cyrillic_spellings_reach_the_same_services() {
    let index = fixture();
    let groups: [&[&str]; 3] = [
        &["гомель", "Гомель", "Gomel", "GOMEL"],
        &["Кошелёво", "Кошелево", "Koshelevo", "koshelevo"],
        &["жильё", "жилье", "zhile"],
    ];
    for group in groups {
        let first = ids(&index, &text(group[0]));
        assert!(!first.is_empty(), "{}", group[0]);
        for spelling in &group[1..] {
            assert_eq!(
                ids(&index, &text(spelling)),
                first,
                "{spelling} vs {}",
                group[0]
            );
        }
    }
    // On the default catalogue, every spelling of "housing" reaches the shelter service.
    let index = embedded();
    for spelling in ["жильё", "жилье", "zhile", "housing"] {
        assert!(
            ids(&index, &text(spelling)).contains(&"iom-shelter".to_string()),
            "{spelling}"
        );
    }
}

#[test]
fn each_operator_does_what_fzf_does() {
    let index = fixture();
    let cases: [(&str, &[&str]); 7] = [
        // 'exact: a substring, not a scattered subsequence.
        ("'ity doc", &["city-doctor"]),
        ("'ctydr", &[]),
        // ^prefix: a field starts with it.
        ("^minsk", &["minsk-shelter"]),
        // suffix$: a field ends with it.
        ("line$", &["national-shelter"]),
        // !negation: no field contains it.
        (
            "shelter !minsk !regional !national !closed",
            &["district-clinic"],
        ),
        ("!shelter !doctor", &[]),
        // Operators stay strict even beside plain words: a service failing one is never
        // listed, whatever its words.
        ("shelter !minsk !regional !national !closed !koshel", &[]),
    ];
    for (query, expected) in cases {
        let mut got = ids(&index, &text(query));
        got.sort();
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(got, expected, "{query}");
    }
    // A plain word matches as the prefix of a word, never inside one.
    assert_eq!(ids(&index, &text("nigh")), ["national-shelter"]);
    assert_eq!(ids(&index, &text("igh")), Vec::<String>::new());
}

#[test]
fn region_coverage_at_each_level_says_why() {
    let index = fixture();
    // (region filter, service, coverage, why)
    let cases = [
        (
            "buda-koshelevo",
            "district-clinic",
            RegionLevel::District,
            "serves Buda-Koshelevo District, inside Gomel Region",
        ),
        (
            "buda-koshelevo",
            "oblast-shelter",
            RegionLevel::Oblast,
            "covers Gomel Region, which contains Buda-Koshelevo District",
        ),
        (
            "buda-koshelevo",
            "national-shelter",
            RegionLevel::Country,
            "national service",
        ),
        (
            "gomel-city",
            "city-doctor",
            RegionLevel::City,
            "serves Gomel, inside Gomel Region",
        ),
        (
            "gomel",
            "city-doctor",
            RegionLevel::City,
            "serves Gomel, inside Gomel Region",
        ),
        (
            "gomel",
            "oblast-shelter",
            RegionLevel::Oblast,
            "serves Gomel Region",
        ),
        (
            "minsk",
            "national-shelter",
            RegionLevel::Country,
            "national service",
        ),
    ];
    for (region, service, coverage, why) in cases {
        let query = in_region(&index, region);
        let hits = search(&index, &query);
        let hit = hits
            .iter()
            .find(|h| index.catalogue().services[h.service].id == service)
            .unwrap_or_else(|| panic!("{service} in {region}"));
        assert_eq!(hit.coverage, coverage, "{service} in {region}");
        assert_eq!(hit.why(), why, "{service} in {region}");
    }
    // A region elsewhere is not served.
    assert!(!ids(&index, &in_region(&index, "minsk")).contains(&"oblast-shelter".into()));
}

#[test]
fn locality_orders_the_region_then_enclosing_regions_then_sub_regions() {
    let index = fixture();
    assert_eq!(
        ids(&index, &in_region(&index, "buda-koshelevo")),
        [
            "district-clinic",
            "oblast-shelter",
            "closed-shelter",
            "national-shelter"
        ]
    );
    // For an oblast: its own services, the national ones, then its districts and cities.
    let gomel = ids(&index, &in_region(&index, "gomel"));
    assert_eq!(
        gomel,
        [
            "oblast-shelter",
            "closed-shelter",
            "national-shelter",
            "district-clinic",
            "city-doctor"
        ]
    );
}

#[test]
fn needs_match_their_descendants_and_any_of_several() {
    let index = fixture();
    let catalogue = index.catalogue();
    let need = |id: &str| catalogue.need_by_id(id).unwrap();
    let query = Query {
        needs: vec![need("health")],
        ..Query::default()
    };
    let mut got = ids(&index, &query);
    got.sort();
    assert_eq!(got, ["city-doctor", "district-clinic"]);
    let both = Query {
        needs: vec![need("medical-referral"), need("shelter")],
        ..Query::default()
    };
    let got = ids(&index, &both);
    assert_eq!(got.len(), 6, "{got:?}");
    // (2) more of the requested needs covered comes first.
    assert_eq!(got[0], "district-clinic");
}

#[test]
fn each_step_of_the_total_order() {
    let index = fixture();
    // (3) text score: a name match beats a description match.
    let hits = ids(&index, &text("shelter"));
    assert!(
        hits.iter().position(|h| h == "minsk-shelter")
            < hits.iter().position(|h| h == "district-clinic")
    );
    // (4) verified more recently first, when all else ties (empty text, no filters);
    // never verified last; (5) name breaks the remaining tie.
    let all = ids(&index, &Query::default());
    assert_eq!(
        all,
        [
            "national-shelter",
            "oblast-shelter",
            "district-clinic",
            "city-doctor",
            "minsk-shelter",
            "closed-shelter"
        ]
    );
    // (1) beats (2): locality first, even over needs covered.
    let catalogue = index.catalogue();
    let query = Query {
        region: catalogue.region_by_id("gomel"),
        needs: vec![
            catalogue.need_by_id("shelter").unwrap(),
            catalogue.need_by_id("medical-referral").unwrap(),
        ],
        ..Query::default()
    };
    let got = ids(&index, &query);
    assert_eq!(got[0], "oblast-shelter");
    assert_eq!(got.last().map(String::as_str), Some("city-doctor"));
    // (2) beats (3): among the sub-regions, district-clinic covers both needs.
    assert!(
        got.iter().position(|h| h == "district-clinic")
            < got.iter().position(|h| h == "city-doctor")
    );
}

#[test]
fn the_empty_query_lists_active_services_and_inactive_only_on_request() {
    let index = fixture();
    let active = ids(&index, &Query::default());
    assert!(!active.contains(&"old-shelter".to_string()));
    assert!(active.contains(&"closed-shelter".to_string()));
    let all = ids(
        &index,
        &Query {
            include_inactive: true,
            ..Query::default()
        },
    );
    assert!(all.contains(&"old-shelter".to_string()));
    let hits = search(&index, &text(""));
    let closed = hits
        .iter()
        .find(|h| index.catalogue().services[h.service].id == "closed-shelter")
        .unwrap();
    assert!(
        closed.why().contains("temporarily closed"),
        "{}",
        closed.why()
    );
    assert!(
        closed.why().contains("alert: Closed for repairs"),
        "{}",
        closed.why()
    );
    assert!(hits.iter().all(|h| h.matches.is_empty()));
}

#[test]
fn language_and_population_filters() {
    let index = fixture();
    let english = Query {
        language: Some("EN".into()),
        ..Query::default()
    };
    let mut got = ids(&index, &english);
    got.sort();
    assert_eq!(got, ["city-doctor", "national-shelter"]);
    let migrants = Query {
        population: Some("Migrant".into()),
        ..Query::default()
    };
    assert_eq!(ids(&index, &migrants), ["national-shelter"]);
}

fn at(rfc3339: &str) -> Query {
    Query {
        open_at: Some(rfc3339.parse().unwrap()),
        ..Query::default()
    }
}

#[test]
fn open_at_keeps_open_services_first_and_unknown_hours_after() {
    let index = fixture();
    // Tuesday 2025-03-04 10:00 in Minsk (07:00 UTC): the city doctor is open, the Minsk
    // shelter (weekends only) is closed, the rest have no hours.
    let hits = search(&index, &at("2025-03-04T07:00:00Z"));
    let got: Vec<(&str, Option<OpenState>)> = hits
        .iter()
        .map(|h| (index.catalogue().services[h.service].id.as_str(), h.open))
        .collect();
    assert_eq!(got[0], ("city-doctor", Some(OpenState::Open)));
    assert!(got.iter().all(|(id, _)| *id != "minsk-shelter"));
    assert!(
        got[1..]
            .iter()
            .all(|(_, open)| *open == Some(OpenState::Unknown))
    );
    assert!(hits[0].why().contains("open"), "{}", hits[0].why());
    assert!(hits[1].why().contains("hours unknown"));
    // 19:30 in Minsk is 16:30 UTC: closed there, though still office hours in UTC.
    let evening = ids(&index, &at("2025-03-04T16:30:00Z"));
    assert!(!evening.contains(&"city-doctor".to_string()));
    // 2025-01-07 is a public holiday of the catalogue (PH off), a Tuesday.
    let holiday = ids(&index, &at("2025-01-07T08:00:00Z"));
    assert!(!holiday.contains(&"city-doctor".to_string()));
    let weekday = ids(&index, &at("2025-01-08T08:00:00Z"));
    assert_eq!(weekday[0], "city-doctor");
}

#[test]
fn highlight_ranges_point_into_the_original_cyrillic_text() {
    let index = fixture();
    let catalogue = index.catalogue();
    let hits = search(&index, &text("koshelevo"));
    let hit = &hits[0];
    let service = &catalogue.services[hit.service];
    assert_eq!(service.id, "district-clinic");
    let name = hit.matches.iter().find(|m| m.field == Field::Name).unwrap();
    let lit: Vec<&str> = name
        .ranges
        .iter()
        .map(|r| &service.name[r.clone()])
        .collect();
    assert_eq!(lit.concat(), "Кошелёво");
    // The region matched by its name.
    let region = hit
        .matches
        .iter()
        .find(|m| m.field == Field::Region)
        .unwrap();
    let region_name = &catalogue.regions[service.regions[region.item]].name;
    assert_eq!(&region_name[region.ranges[0].clone()], "Koshelevo");
    // Long text by word prefix or stem: "vrach" in "врача".
    let hits = search(&index, &text("vrach"));
    let hit = hits
        .iter()
        .find(|h| catalogue.services[h.service].id == "district-clinic")
        .expect("the district clinic is listed");
    let service = &catalogue.services[hit.service];
    let description = hit
        .matches
        .iter()
        .find(|m| m.field == Field::Description)
        .unwrap();
    let text = service.description.as_deref().unwrap();
    // The whole matched word lights up.
    assert_eq!(&text[description.ranges[0].clone()], "врача");
    for m in &hit.matches {
        for r in &m.ranges {
            assert!(r.start < r.end);
        }
    }
}

#[test]
fn names_resolve_by_id_then_exact_name_then_unique_fuzzy() {
    let index = fixture();
    let catalogue = index.catalogue();
    let region = |id: &str| catalogue.region_by_id(id).unwrap();
    let cases = [
        ("gomel", Ok(region("gomel"))),
        ("Гомель", Ok(region("gomel-city"))),
        ("homiel", Ok(region("gomel-city"))),
        ("Буда-Кошелёвский район", Ok(region("buda-koshelevo"))),
        ("Gomel Region", Ok(region("gomel"))),
        ("bkosh", Ok(region("buda-koshelevo"))),
    ];
    for (input, expected) in cases {
        assert_eq!(resolve_region(catalogue, input), expected, "{input}");
    }
    match resolve_region(catalogue, "gom") {
        Err(ResolveError::Ambiguous { candidates, .. }) => {
            assert!(candidates.contains(&"gomel".to_string()), "{candidates:?}");
            assert!(
                candidates.contains(&"gomel-city".to_string()),
                "{candidates:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    match resolve_region(catalogue, "xyzzy") {
        Err(ResolveError::NotFound { candidates, .. }) => assert!(!candidates.is_empty()),
        other => panic!("{other:?}"),
    }
    // Past 64 characters there is nothing to suggest (and no distance is computed).
    for long in ["gomel".repeat(13), "g".repeat(1 << 20), "гомель".repeat(11)] {
        match resolve_region(catalogue, &long) {
            Err(ResolveError::NotFound { candidates, .. }) => assert!(candidates.is_empty()),
            other => panic!("{other:?}"),
        }
        match resolve_need(catalogue, &long) {
            Err(ResolveError::NotFound { candidates, .. }) => assert!(candidates.is_empty()),
            other => panic!("{other:?}"),
        }
    }
    // Up to 64 the closest are still offered.
    match resolve_region(catalogue, &"gomelx".repeat(10)) {
        Err(ResolveError::NotFound { candidates, .. }) => assert!(!candidates.is_empty()),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        resolve_need(catalogue, "врач"),
        Ok(catalogue.need_by_id("medical-referral").unwrap())
    );
    assert_eq!(
        resolve_need(catalogue, "health"),
        Ok(catalogue.need_by_id("health").unwrap())
    );
}

#[test]
fn rank_names_puts_the_best_match_first_in_either_script() {
    let names = [
        (0, vec!["Minsk", "Минск"]),
        (1, vec!["Gomel", "Гомель"]),
        (2, vec!["Gomel Region", "Гомельская область"]),
    ];
    assert_eq!(rank_names("гомель", names.clone()), vec![1, 2]);
    assert_eq!(rank_names("minsk", names.clone()), vec![0]);
    assert_eq!(rank_names("", names.clone()), vec![0, 1, 2]);
    // The pickers' filter, past 64 characters, ranks nothing (and scores nothing), even
    // where a name would match.
    let long = "gomel ".repeat(11);
    let named = [(0, vec![long.as_str()])];
    assert_eq!(rank_names(&long[..60], named.clone()), vec![0]);
    assert!(rank_names(&long, named).is_empty());
    assert!(rank_names(&"g".repeat(1 << 20), names).is_empty());
}

#[test]
fn typing_one_character_at_a_time_gives_what_a_fresh_search_gives() {
    let index = embedded();
    let mut searcher = Searcher::new();
    for typed in [
        "m",
        "me",
        "med",
        "medi",
        "medic",
        "medic !",
        "medic !proc",
        "medic",
    ] {
        let query = text(typed);
        assert_eq!(
            searcher.search(&index, &query, 0),
            search(&index, &query),
            "{typed}"
        );
    }
    assert_eq!(search_limited(&index, &text("iom"), 3).len(), 3);
}

#[test]
fn the_default_catalogue_has_national_services() {
    let index = embedded();
    let query = Query {
        region: resolve_region(index.catalogue(), "Буда-Кошелёво").ok(),
        ..Query::default()
    };
    let hits = search(&index, &query);
    let avrr = hits
        .iter()
        .find(|h| index.catalogue().services[h.service].id == "iom-avrr")
        .expect("iom-avrr serves every district");
    assert_eq!(avrr.coverage, RegionLevel::Country);
    assert_eq!(avrr.why(), "national service");
}

#[test]
fn an_index_read_from_the_cache_answers_like_a_built_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("syn.toml");
    std::fs::write(&file, synthetic::generate(400, 3)).unwrap();
    let cache = dir.path().join("cache");
    let (catalogue, slot) = pathways::catalogue::load_cached_slot(&file, &cache).unwrap();
    let (catalogue, slot) = (Arc::new(catalogue), slot.expect("a file has a slot"));
    let full = Index::build(catalogue.clone());
    // The first builds and stores the index; the second reads it back.
    Index::cached(catalogue.clone(), Some(&slot));
    let lean = Index::cached(catalogue.clone(), Some(&slot));
    for query in [
        "she",
        "s",
        "pomo",
        "zhile",
        "vrach",
        "support 12",
        "'grants",
        "kosh !she",
        "ssss",
    ] {
        let query = text(query);
        let hits = search(&full, &query);
        assert_eq!(hits, search(&lean, &query), "{}", query.text);
    }
    assert!(!search(&full, &text("zhile")).is_empty());
}

#[test]
fn verified_date_then_name_break_the_last_ties() {
    let service = |id: &str, name: &str, verified: &str| {
        format!(
            "[[services]]\nid = \"{id}\"\nname = \"{name}\"\norganisation = \"o\"\nneeds = [\"n\"]\n\
             regions = [\"by\"]\nphones = [{{ number = \"1\", kind = \"voice\" }}]\n{verified}\n"
        )
    };
    let head = "[catalogue]\nschema = 1\ntitle = \"t\"\ntimezone = \"UTC\"\n\
                [[needs]]\nid = \"n\"\nname = \"N\"\n\
                [[regions]]\nid = \"by\"\nname = \"Belarus\"\nlevel = \"country\"\n\
                [[organisations]]\nid = \"o\"\nname = \"O\"\n";
    let order = |services: &[String]| {
        let text = format!("{head}{}", services.concat());
        let catalogue = Catalogue::from_text(&text, Origin::Text("t".into())).unwrap();
        assert_eq!(catalogue.error_count(), 0, "{:?}", catalogue.diagnostics);
        ids(&Index::build(Arc::new(catalogue)), &Query::default())
    };
    // (5) name, when everything else ties.
    assert_eq!(
        order(&[service("b", "Beta", ""), service("a", "Alpha", "")]),
        ["a", "b"]
    );
    // (4) a more recent verification beats the name.
    assert_eq!(
        order(&[
            service("a", "Alpha", "verified = 2024-01-01"),
            service("b", "Beta", "verified = 2025-01-01"),
        ]),
        ["b", "a"]
    );
    // Never verified comes after verified.
    assert_eq!(
        order(&[
            service("a", "Alpha", ""),
            service("b", "Beta", "verified = 2020-01-01")
        ]),
        ["b", "a"]
    );
}

#[test]
fn a_reloaded_catalogue_is_never_searched_with_the_old_one_s_matches() {
    let mut searcher = Searcher::new();
    let old = fixture();
    let _ = searcher.search(&old, &text("s"), 0);
    drop(old);
    // A new catalogue after a reload: the narrowed query must be a fresh search of it.
    let new = embedded();
    assert_eq!(
        searcher.search(&new, &text("sh"), 0),
        search(&new, &text("sh"))
    );
}

/// A catalogue of one need and two regions (the country `by` and the city `minsk` in it)
/// with these national services (id, name, description).
fn tiny(services: &[(&str, &str, &str)]) -> Index {
    let national: Vec<(&str, &str, &str, &str)> =
        services.iter().map(|&(i, n, d)| (i, n, d, "by")).collect();
    tiny_in(&national)
}

/// Like [`tiny`], each service with its region.
fn tiny_in(services: &[(&str, &str, &str, &str)]) -> Index {
    let mut toml = String::from(
        "[catalogue]\nschema = 1\ntitle = \"t\"\ntimezone = \"Europe/Minsk\"\n\
         [[needs]]\nid = \"help\"\nname = \"Help\"\n\
         [[regions]]\nid = \"by\"\nname = \"Belarus\"\nlevel = \"country\"\n\
         [[regions]]\nid = \"minsk\"\nname = \"Minsk\"\nlevel = \"city\"\nparent = \"by\"\n\
         [[organisations]]\nid = \"o\"\nname = \"Org\"\n",
    );
    for (id, name, description, region) in services {
        toml += &format!(
            "[[services]]\nid = \"{id}\"\nname = \"{name}\"\norganisation = \"o\"\n\
             needs = [\"help\"]\nregions = [\"{region}\"]\ndescription = \"{description}\"\n"
        );
    }
    let catalogue = Catalogue::from_text(&toml, Origin::Text("tiny".into())).unwrap();
    Index::build(Arc::new(catalogue))
}

#[test]
fn a_word_no_service_mentions_is_dropped_not_fatal() {
    let index = fixture();
    let found = search_found(&index, &text("shelter enrollment"), 0);
    assert_eq!(found.dropped, ["enrollment"]);
    assert_eq!(
        notice(&found),
        "no service mentions 'enrollment'; showing matches for the other words"
    );
    assert!(found.hits.len() >= 3);
    let first = &found.hits[0];
    assert_eq!(first.matched_terms, ["shelter"]);
    assert_eq!(first.missing_terms, ["enrollment"]);
    assert!(!found.all_dropped);
    // With every word dropped nothing is listed, and the notice promises no other words.
    let found = search_found(&index, &text("zzzzqqq enrollment"), 0);
    assert!(found.hits.is_empty() && found.all_dropped);
    assert_eq!(
        notice(&found),
        "no service mentions any of 'zzzzqqq', 'enrollment'"
    );
    let found = search_found(&index, &text("zzzzqqq"), 0);
    assert_eq!(notice(&found), "no service mentions 'zzzzqqq'");
    let found = search_found(&index, &text("shelter"), 0);
    assert_eq!(
        texts::dropped_words(&found.dropped, found.all_dropped),
        None
    );
}

/// The dropped-word notice both front ends show, in English.
fn notice(found: &Found) -> String {
    texts::dropped_words(&found.dropped, found.all_dropped)
        .expect("words were dropped")
        .to_string()
}

#[test]
fn services_matching_all_words_come_before_those_matching_fewer() {
    let index = tiny(&[
        ("dental-only", "Dental care", "Teeth."),
        ("both", "Dental clinic", "For people on a low income."),
        ("income-only", "Income support", "Benefits."),
    ]);
    let got = ids(&index, &text("dental low income"));
    assert_eq!(got[0], "both");
    assert_eq!(got.len(), 3, "fewer words still list: {got:?}");
}

#[test]
fn exact_words_rank_above_stems_above_prefixes() {
    let index = tiny(&[
        ("prefix", "Shelterbelt planting", "Trees."),
        ("stem", "Shelters", "Beds."),
        ("exact", "Shelter", "Beds."),
    ]);
    assert_eq!(ids(&index, &text("shelter")), ["exact", "stem", "prefix"]);
}

/// The thesaurus: a caller's word reaches the directory's word for the same thing, below a
/// record that says the caller's word itself; the text's word is named in `why`.
#[test]
fn a_synonym_reaches_the_directorys_word_below_the_word_itself() {
    let index = tiny(&[
        ("legal", "Immigration legal services", "Advice."),
        ("lawyer", "Immigration lawyer referral", "Advice."),
        ("other", "Immigration classes", "English."),
    ]);
    let got = ids(&index, &text("immigration lawyer"));
    assert_eq!(got[..2], ["lawyer", "legal"], "{got:?}");
    let hits = search(&index, &text("lawyer"));
    let legal = hits
        .iter()
        .find(|h| index.catalogue().services[h.service].id == "legal")
        .expect("the synonym's record is listed");
    assert!(
        legal.why().contains("'lawyer' in name (as 'legal')"),
        "{}",
        legal.why()
    );
    let index = tiny(&[
        (
            "paratransit",
            "Senior transportation",
            "Trips to medical appointments.",
        ),
        ("rides", "Ride sharing club", "Weekend trips."),
    ]);
    // `ride` reaches `transportation`, below the record that says `ride` itself.
    assert_eq!(ids(&index, &text("ride")), ["rides", "paratransit"]);
}

#[test]
fn scattered_letters_never_beat_a_whole_word_and_never_reach_long_text() {
    let index = tiny(&[
        ("salud", "Salud mental", "Apoyo."),
        ("residential", "Residential care", "Homes."),
        (
            "dental",
            "Community clinic",
            "Free dental checks for children.",
        ),
    ]);
    assert_eq!(ids(&index, &text("dental")), ["dental"]);
    let index = tiny(&[
        ("meals", "Dining room", "Hot meals every day."),
        ("lyon", "Lyon-Martin Health Services", "Clinic."),
    ]);
    assert_eq!(ids(&index, &text("meals")), ["meals"]);
}

#[test]
fn word_forms_meet_in_both_languages() {
    let index = embedded();
    let shelter = ids(&index, &text("shelter"));
    assert_eq!(ids(&index, &text("shelters")), shelter);
    let medical = ids(&index, &text("медицинский"));
    assert!(
        medical.contains(&"iom-medical-referral".to_string()),
        "{medical:?}"
    );
    let hit = &search(&index, &text("медицинская помощь"))[0];
    assert!(
        hit.why().contains("'медицинская' in needs"),
        "{}",
        hit.why()
    );
}

#[test]
fn each_typo_class_finds_the_word_and_says_so() {
    let index = embedded();
    for typo in ["sheltr", "shellter", "shelder", "shleter"] {
        let hits = search(&index, &text(typo));
        assert_eq!(
            index.catalogue().services[hits[0].service].id,
            "iom-shelter",
            "{typo}"
        );
        assert!(
            hits[0].why().starts_with(&format!("'{typo}' read as ")),
            "{typo}: {}",
            hits[0].why()
        );
    }
    // Three letters get no typo allowance (`fod` reaches "food" only as scattered
    // letters in a short name, the last resort).
    assert!(
        search(&index, &text("fod"))
            .iter()
            .all(|h| !h.why().contains("read as"))
    );
}

#[test]
fn a_need_s_ancestors_are_searched() {
    let index = embedded();
    let hits = search(&index, &text("health"));
    let medications = hits
        .iter()
        .find(|h| index.catalogue().services[h.service].id == "iom-medications")
        .expect("the medications service is under the need 'health'");
    assert!(
        medications.why().contains("'health' in needs"),
        "{}",
        medications.why()
    );
}

#[test]
fn place_words_act_as_the_region_filter() {
    let index = fixture();
    let gomel = index.catalogue().region_by_id("gomel-city");
    for words in ["Гомель", "Homiel", "gomel", "doctor gomel"] {
        let found = search_found(&index, &text(words), 0);
        assert_eq!(found.place.as_ref().map(|p| p.region), gomel, "{words}");
        assert!(
            found
                .hits
                .iter()
                .all(|h| h.why().ends_with("(region from the query)")),
            "{words}"
        );
        let given = Query {
            region: gomel,
            text: words
                .replace("Гомель", "")
                .replace("Homiel", "")
                .replace("gomel", ""),
            ..Query::default()
        };
        assert_eq!(
            found.hits.iter().map(|h| h.service).collect::<Vec<_>>(),
            search(&index, &given)
                .iter()
                .map(|h| h.service)
                .collect::<Vec<_>>(),
            "{words}"
        );
    }
    // Exact only: `gom` is not a place.
    assert!(search_found(&index, &text("gom"), 0).place.is_none());
    // A region given wins; --no-place-words keeps the words as text.
    let minsk = index.catalogue().region_by_id("minsk");
    let given = Query {
        region: minsk,
        ..text("gomel")
    };
    assert!(search_found(&index, &given, 0).place.is_none());
    let as_text = Query {
        no_place_words: true,
        ..text("gomel")
    };
    let found = search_found(&index, &as_text, 0);
    assert!(found.place.is_none());
    assert_eq!(
        index.catalogue().services[found.hits[0].service].id,
        "city-doctor"
    );
}

#[test]
fn why_names_each_word_and_its_field() {
    let index = fixture();
    let hits = search(&index, &text("night housing"));
    let hit = &hits[0];
    assert_eq!(
        index.catalogue().services[hit.service].id,
        "national-shelter"
    );
    assert_eq!(
        hit.why(),
        "'night' in description; 'housing' in needs; national service"
    );
    let words: Vec<(&str, Field, &str)> = hit
        .words
        .iter()
        .map(|w| (w.term.as_str(), w.field, w.found_as.as_str()))
        .collect();
    assert!(
        words.contains(&("housing", Field::Need, "housing")),
        "{words:?}"
    );
    assert!(
        words.contains(&("housing", Field::Description, "housing")),
        "{words:?}"
    );
    // Highlights cover the matched word in the original text.
    let description = hit
        .matches
        .iter()
        .find(|m| m.field == Field::Description)
        .unwrap();
    let text = index.catalogue().services[hit.service]
        .description
        .as_deref()
        .unwrap();
    let lit: Vec<&str> = description
        .ranges
        .iter()
        .map(|r| &text[r.clone()])
        .collect();
    assert_eq!(lit, ["Night", "housing"]);
}

#[test]
fn the_match_tier_comes_before_locality_and_relevance_after_it() {
    let index = tiny_in(&[
        ("local-one-word", "Doctor", "Visits.", "minsk"),
        ("national-both", "Doctor and shelter", "Beds.", "by"),
        (
            "local-both-weak",
            "Clinic",
            "A doctor; a shelter; a doctor again.",
            "minsk",
        ),
    ]);
    // All words first (national-both is national, but matches both); among all-words
    // services the region itself before the country; then fewer words.
    let query = Query {
        region: index.catalogue().region_by_id("minsk"),
        ..text("doctor shelter")
    };
    assert_eq!(
        ids(&index, &query),
        ["local-both-weak", "national-both", "local-one-word"]
    );
    // Without a region, relevance orders the all-words services: the name outweighs a
    // long description.
    assert_eq!(
        ids(&index, &text("doctor shelter")),
        ["national-both", "local-both-weak", "local-one-word"]
    );
}

/// Benchmarks trust the generator: it must give a clean, marked, realistic catalogue.
#[test]
fn the_synthetic_generator_makes_a_clean_catalogue_over_the_real_taxonomies() {
    let text = synthetic::generate(200, 7);
    assert_eq!(text, synthetic::generate(200, 7), "same seed, same text");
    let catalogue = Catalogue::from_text(&text, Origin::Text("synthetic".into())).unwrap();
    assert_eq!(
        catalogue.error_count(),
        0,
        "{:?}",
        catalogue.diagnostics.first()
    );
    assert_eq!(catalogue.services.len(), 200);
    assert!(catalogue.header.title.contains("ynthetic"));
    assert!(
        catalogue
            .services
            .iter()
            .all(|s| s.id.contains("synthetic"))
    );
    assert!(
        catalogue
            .organisations
            .iter()
            .all(|o| o.id.contains("synthetic"))
    );
    assert!(catalogue.region_by_id("buda-koshelevo").is_some());
    assert!(catalogue.need_by_id("shelter").is_some());
    assert!(catalogue.services.iter().any(|s| s.opening_hours.is_some()));
    assert!(
        catalogue
            .services
            .iter()
            .any(|s| s.name.chars().any(|c| ('а'..='я').contains(&c)))
    );
    let mean = catalogue
        .services
        .iter()
        .map(|s| s.description.as_deref().unwrap_or("").chars().count())
        .sum::<usize>()
        / 200;
    assert!((240..=280).contains(&mean), "{mean}");
}
