//! Synthetic catalogues for benchmarks and tests: N services over the real regions and
//! needs of the embedded catalogue, with Latin and Cyrillic text, ~250-character
//! descriptions and some opening hours.
//!
//! The title and every id this generator makes up (services, organisations, contacts) say
//! `synthetic`, so such a file can never pass for real data. Needs and regions keep their
//! real ids, so the usual filters (`--region gomel --need shelter`) work on it.

use pathways::catalogue::{Catalogue, load_embedded};
use serde::Serialize;
use toml::value::Datetime;

/// Catalogue text with `services` synthetic services; the same seed gives the same text.
pub fn generate(services: usize, seed: u64) -> String {
    let base = load_embedded().ok();
    let mut rng = Rng(seed ^ 0x9e37_79b9_7f4a_7c15);
    let file = SyntheticFile::new(base.as_ref(), services, seed, &mut rng);
    let mut text =
        format!("# Synthetic catalogue: {services} services, seed {seed}. Not real data.\n");
    text.push_str(&toml::to_string(&file).unwrap_or_default());
    text
}

/// A small deterministic generator (SplitMix64): benchmarks need repeatable data, not
/// good randomness, and no dependency is worth it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Serialize)]
struct SyntheticFile {
    catalogue: Header,
    needs: Vec<NeedOut>,
    regions: Vec<RegionOut>,
    organisations: Vec<OrganisationOut>,
    contacts: Vec<ContactOut>,
    services: Vec<ServiceOut>,
}

#[derive(Serialize)]
struct Header {
    schema: i64,
    title: String,
    languages: Vec<String>,
    timezone: String,
    country: String,
    holidays: Vec<Datetime>,
    stale_after_days: i64,
    notice: String,
}

#[derive(Serialize)]
struct NeedOut {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    synonyms: Vec<String>,
}

#[derive(Serialize)]
struct RegionOut {
    id: String,
    name: String,
    level: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    aliases: Vec<String>,
}

#[derive(Serialize)]
struct OrganisationOut {
    id: String,
    name: String,
    kind: String,
    region: String,
}

#[derive(Serialize)]
struct PhoneOut {
    number: String,
    kind: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    private: bool,
}

#[derive(Serialize)]
struct ContactOut {
    id: String,
    organisation: String,
    name: String,
    role: String,
    phones: Vec<PhoneOut>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    private: bool,
}

#[derive(Serialize)]
struct TranslationOut {
    name: String,
    description: String,
}

#[derive(Serialize)]
struct Translations {
    ru: TranslationOut,
}

#[derive(Serialize)]
struct ServiceOut {
    id: String,
    name: String,
    organisation: String,
    status: String,
    needs: Vec<String>,
    regions: Vec<String>,
    populations: Vec<String>,
    description: String,
    eligibility: String,
    how_to_refer: String,
    languages: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opening_hours: Option<String>,
    phones: Vec<PhoneOut>,
    contacts: Vec<String>,
    verified: Datetime,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    translations: Option<Translations>,
}

const LATIN_WORDS: &[&str] = &[
    "support",
    "assistance",
    "referral",
    "migrants",
    "refugees",
    "shelter",
    "housing",
    "medical",
    "clinic",
    "counselling",
    "legal",
    "advice",
    "documents",
    "registration",
    "families",
    "children",
    "women",
    "victims",
    "trafficking",
    "return",
    "reintegration",
    "employment",
    "training",
    "food",
    "parcels",
    "hygiene",
    "kits",
    "transport",
    "vouchers",
    "interpretation",
    "hotline",
    "emergency",
    "psychosocial",
    "health",
    "screening",
    "vaccination",
    "education",
    "language",
    "courses",
    "community",
    "centre",
    "outreach",
    "cash",
    "grants",
    "winter",
    "clothing",
    "night",
    "stay",
    "protection",
    "case",
    "management",
    "disability",
    "elderly",
    "access",
    "information",
    "consultation",
];
const CYRILLIC_WORDS: &[&str] = &[
    "помощь",
    "поддержка",
    "мигрантам",
    "беженцам",
    "жильё",
    "приют",
    "ночлег",
    "врач",
    "больница",
    "психолог",
    "консультация",
    "юридическая",
    "документы",
    "регистрация",
    "семьи",
    "дети",
    "женщины",
    "пострадавшим",
    "торговли",
    "людьми",
    "возвращение",
    "трудоустройство",
    "обучение",
    "продукты",
    "питание",
    "гигиена",
    "наборы",
    "транспорт",
    "перевод",
    "горячая",
    "линия",
    "экстренная",
    "здоровье",
    "обследование",
    "вакцинация",
    "образование",
    "курсы",
    "общественный",
    "центр",
    "выплаты",
    "одежда",
    "защита",
    "сопровождение",
    "инвалидность",
    "пожилым",
    "информация",
    "Гомель",
    "Кошелёво",
    "Минск",
];
const NAME_HEADS: &[&str] = &[
    "Support",
    "Help desk",
    "Centre",
    "Programme",
    "Service",
    "Clinic",
    "Hotline",
    "Project",
    "Помощь",
    "Центр",
    "Служба",
    "Программа",
    "Линия",
];
const ORG_KINDS: &[&str] = &["ngo", "un-agency", "government", "public-institution"];
const POPULATIONS: &[&str] = &[
    "migrants",
    "refugees",
    "asylum-seekers",
    "stateless-persons",
    "third-country-nationals",
    "victims-of-trafficking",
    "children",
    "women",
    "returnees",
    "students",
];
const LANGUAGES: &[&str] = &["ru", "en", "be", "uk", "ar", "fr"];
const HOURS: &[&str] = &[
    "Mo-Fr 09:00-18:00",
    "Mo-Fr 09:00-18:00; PH off",
    "Mo-Sa 08:00-20:00",
    "24/7",
    "Mo-Th 10:00-16:00; Fr 10:00-14:00",
    "Tu,Th 14:00-19:00; PH off",
];
const ROLES: &[&str] = &[
    "focal point",
    "case worker",
    "coordinator",
    "координатор",
    "психолог",
];
const GIVEN: &[&str] = &[
    "Anna",
    "Ivan",
    "Olga",
    "Сергей",
    "Мария",
    "Павел",
    "Nadia",
    "Алесь",
];
const FAMILY: &[&str] = &[
    "Ivanova",
    "Petrov",
    "Kovalenko",
    "Смирнова",
    "Кузнецов",
    "Навумчык",
];

impl SyntheticFile {
    fn new(base: Option<&Catalogue>, services: usize, seed: u64, rng: &mut Rng) -> Self {
        let (needs, regions) = base.map(copy_taxonomies).unwrap_or_default();
        let need_ids: Vec<String> = needs.iter().map(|n| n.id.clone()).collect();
        let region_ids: Vec<String> = regions.iter().map(|r| r.id.clone()).collect();
        let organisations = (0..services / 25 + 1)
            .map(|i| organisation(i, &region_ids, rng))
            .collect::<Vec<_>>();
        let contacts = (0..services / 20 + 1)
            .map(|i| contact(i, organisations.len(), rng))
            .collect::<Vec<_>>();
        let world = World {
            need_ids,
            region_ids,
            organisations: organisations.len(),
            contacts: contacts.len(),
        };
        SyntheticFile {
            catalogue: header(base, services, seed),
            services: (0..services).map(|i| service(i, &world, rng)).collect(),
            needs,
            regions,
            organisations,
            contacts,
        }
    }
}

/// What a service may refer to.
struct World {
    need_ids: Vec<String>,
    region_ids: Vec<String>,
    organisations: usize,
    contacts: usize,
}

fn header(base: Option<&Catalogue>, services: usize, seed: u64) -> Header {
    let holidays = base
        .map(|c| c.header.holidays.clone())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|d| d.to_string().parse::<Datetime>().ok())
        .collect();
    Header {
        schema: pathways::catalogue::SCHEMA_VERSION,
        title: format!("Synthetic catalogue ({services} services, seed {seed})"),
        languages: vec!["en".into(), "ru".into()],
        timezone: base.map_or("Europe/Minsk".into(), |c| c.header.timezone.clone()),
        country: "BY".into(),
        holidays,
        stale_after_days: 365,
        notice: "synthetic data for benchmarks and tests; not real services".into(),
    }
}

fn copy_taxonomies(base: &Catalogue) -> (Vec<NeedOut>, Vec<RegionOut>) {
    let needs = base
        .needs
        .iter()
        .map(|n| NeedOut {
            id: n.id.clone(),
            name: n.name.clone(),
            parent: n.parent.map(|p| base.needs[p].id.clone()),
            synonyms: n.synonyms.clone(),
        })
        .collect();
    let regions = base
        .regions
        .iter()
        .map(|r| RegionOut {
            id: r.id.clone(),
            name: r.name.clone(),
            level: r.level.as_str().to_string(),
            parent: r.parent.map(|p| base.regions[p].id.clone()),
            aliases: r.aliases.clone(),
        })
        .collect();
    (needs, regions)
}

fn organisation(i: usize, regions: &[String], rng: &mut Rng) -> OrganisationOut {
    let name = if rng.chance(50) {
        format!(
            "{} {} association",
            rng.pick(LATIN_WORDS),
            rng.pick(LATIN_WORDS)
        )
    } else {
        format!(
            "Объединение «{} {}»",
            rng.pick(CYRILLIC_WORDS),
            rng.pick(CYRILLIC_WORDS)
        )
    };
    OrganisationOut {
        id: format!("synthetic-org-{i}"),
        name: capitalise(&name),
        kind: rng.pick(ORG_KINDS).to_string(),
        region: regions.first().cloned().unwrap_or_else(|| "by".into()),
    }
}

fn contact(i: usize, organisations: usize, rng: &mut Rng) -> ContactOut {
    ContactOut {
        id: format!("synthetic-contact-{i}"),
        organisation: format!("synthetic-org-{}", rng.below(organisations)),
        name: format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY)),
        role: rng.pick(ROLES).to_string(),
        phones: vec![phone(rng, false)],
        private: rng.chance(10),
    }
}

fn phone(rng: &mut Rng, private: bool) -> PhoneOut {
    PhoneOut {
        number: format!(
            "+375 29 {:03} {:02} {:02}",
            rng.below(1000),
            rng.below(100),
            rng.below(100)
        ),
        kind: rng
            .pick(&["voice", "hotline", "viber", "telegram"])
            .to_string(),
        private,
    }
}

fn service(i: usize, world: &World, rng: &mut Rng) -> ServiceOut {
    let cyrillic = rng.chance(40);
    let words = if cyrillic {
        CYRILLIC_WORDS
    } else {
        LATIN_WORDS
    };
    let name = capitalise(&format!(
        "{} {} {} {}",
        rng.pick(NAME_HEADS),
        rng.pick(words),
        rng.pick(words),
        i
    ));
    let status = match rng.below(100) {
        0..=2 => "temporarily-closed",
        3..=4 => "inactive",
        _ => "active",
    };
    ServiceOut {
        id: format!("synthetic-svc-{i}"),
        name,
        organisation: format!("synthetic-org-{}", rng.below(world.organisations)),
        status: status.into(),
        needs: some_of(&world.need_ids, 1 + rng.below(2), rng),
        regions: if rng.chance(10) {
            vec!["by".into()]
        } else {
            some_of(&world.region_ids, 1 + rng.below(2), rng)
        },
        populations: some_of(&to_strings(POPULATIONS), 1 + rng.below(3), rng),
        description: sentence(words, 250, rng),
        eligibility: sentence(words, 80, rng),
        how_to_refer: sentence(LATIN_WORDS, 60, rng),
        languages: some_of(&to_strings(LANGUAGES), 1 + rng.below(3), rng),
        opening_hours: rng.chance(30).then(|| rng.pick(HOURS).to_string()),
        phones: {
            let private = rng.chance(20);
            vec![phone(rng, false), phone(rng, private)]
        },
        contacts: vec![format!("synthetic-contact-{}", rng.below(world.contacts))],
        verified: format!(
            "{}-{:02}-{:02}",
            2023 + rng.below(4),
            1 + rng.below(12),
            1 + rng.below(28)
        )
        .parse()
        .unwrap_or_else(|_| "2025-01-01".parse().expect("a valid date")),
        source: "synthetic generator".into(),
        translations: (!cyrillic && rng.chance(50)).then(|| Translations {
            ru: TranslationOut {
                name: capitalise(&format!(
                    "{} {}",
                    rng.pick(CYRILLIC_WORDS),
                    rng.pick(CYRILLIC_WORDS)
                )),
                description: sentence(CYRILLIC_WORDS, 120, rng),
            },
        }),
    }
}

fn to_strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// `n` distinct items (fewer when there are fewer).
fn some_of(items: &[String], n: usize, rng: &mut Rng) -> Vec<String> {
    let mut chosen: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n * 3 {
        if chosen.len() == n || items.is_empty() {
            break;
        }
        let item = rng.pick(items);
        if !chosen.contains(item) {
            chosen.push(item.clone());
        }
    }
    chosen
}

/// Words up to about `chars` characters, as a sentence.
fn sentence(words: &[&str], chars: usize, rng: &mut Rng) -> String {
    let mut text = String::new();
    while text.chars().count() < chars {
        if !text.is_empty() {
            text.push(' ');
        }
        let word: &&str = rng.pick(words);
        text.push_str(word);
    }
    text.push('.');
    capitalise(&text)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
