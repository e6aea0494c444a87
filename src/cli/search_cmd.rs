//! `pathways search`: the search engine on the command line, for scripts and quick looks.

use super::args::SearchArgs;
use super::{CliError, CliResult, Context, Exit, resolve_error};
use crate::catalogue::{Catalogue, Phone, Service, public_phones};
use crate::context::texts;
use crate::error::msg;
use crate::i18n::Lang;
use crate::search::{self, Hit, Query};
use crate::text::one_line;
use serde_json::{Value, json};
use std::io::IsTerminal;

pub fn run(context: &Context, args: &SearchArgs) -> CliResult {
    let catalogue = context.catalogue()?;
    let query = query(&catalogue, args)?;
    let index = context.search_index()?;
    let found = search::search_found(&index, &query, args.limit);
    let lang = context.lang();
    let dropped = texts::dropped_words(&found.dropped, found.all_dropped);
    if let Some(notice) = dropped.clone().filter(|_| !found.all_dropped) {
        let notice = msg!("cli-note", text = notice).render(lang);
        eprintln!("{}", crate::text::strip_controls(&notice));
    }
    let hits = found.hits;
    if hits.is_empty() {
        if args.json {
            // Still valid JSON for a script that reads stdout.
            crate::output::print("[]\n")?;
        }
        // With every word dropped, that is the reason: there are no other words.
        let reason = dropped.unwrap_or(msg!("cli-no-hits"));
        eprintln!("{}", crate::text::strip_controls(&reason.render(lang)));
        return Ok(Exit::NothingFound);
    }
    // A terminal is read by the operator; a pipe and JSON by a program, which gets
    // English unless this run asked for a language (see docs/translations.md).
    let output = if args.json {
        json_output(&catalogue, &hits, context.ui.machine())
    } else if std::io::stdout().is_terminal() {
        aligned(&catalogue, &hits, context.color, lang)
    } else {
        tab_separated(&catalogue, &hits, context.ui.machine())
    };
    crate::output::print(&output)?;
    Ok(Exit::Done)
}

/// The query from the arguments, with names resolved; bad input is exit 2.
fn query(catalogue: &Catalogue, args: &SearchArgs) -> Result<Query, CliError> {
    let needs = args
        .needs
        .iter()
        .map(|n| search::resolve_need(catalogue, n).map_err(|e| resolve_error("--need", e)))
        .collect::<Result<Vec<_>, _>>()?;
    let region = args
        .region
        .as_deref()
        .map(|r| search::resolve_region(catalogue, r).map_err(|e| resolve_error("--region", e)))
        .transpose()?;
    let open_at = match (&args.open_at, args.open_now) {
        (Some(text), _) => Some(
            crate::clock::parse_instant(text, &catalogue.time_zone()).ok_or_else(|| {
                CliError::bad_input(msg!(
                    "cli-open-at-unreadable",
                    value = crate::text::escape_input(text)
                ))
                .with_hint(msg!("cli-open-at-hint"))
            })?,
        ),
        (None, true) => Some(crate::clock::now()),
        (None, false) => None,
    };
    Ok(Query {
        text: args.query.join(" "),
        needs,
        region,
        language: args.language.clone(),
        population: args.population.clone(),
        open_at,
        include_inactive: args.include_inactive,
        no_place_words: args.no_place_words,
    })
}

/// One hit a line, `ID  NAME — ORGANISATION  (WHY)`, ids padded to one column; with
/// colour allowed, the matched letters of the name in bold.
fn aligned(catalogue: &Catalogue, hits: &[Hit], color: bool, lang: Lang) -> String {
    let rows: Vec<(String, String)> = hits
        .iter()
        .map(|hit| {
            let service = &catalogue.services[hit.service];
            let name = if color {
                emphasised_name(&service.name, hit)
            } else {
                one_line(&service.name)
            };
            let rest = format!(
                "{} — {}  ({})",
                name,
                one_line(&catalogue.organisation_of(service).name),
                one_line(&super::why::render(lang, hit))
            );
            (one_line(&service.id), rest)
        })
        .collect();
    let width = rows
        .iter()
        .map(|(id, _)| id.chars().count())
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|(id, rest)| format!("{id:<width$}  {rest}\n"))
        .collect()
}

/// The name with its matched ranges in bold. Only when the name is already one clean line:
/// stripping would move the ranges.
fn emphasised_name(name: &str, hit: &Hit) -> String {
    let clean = one_line(name);
    let ranges = hit
        .matches
        .iter()
        .find(|m| m.field == search::Field::Name)
        .map(|m| m.ranges.as_slice())
        .unwrap_or_default();
    if clean != name || ranges.is_empty() {
        return clean;
    }
    let mut out = String::with_capacity(name.len() + ranges.len() * 8);
    let mut at = 0;
    for range in ranges {
        let (Some(before), Some(lit)) = (name.get(at..range.start), name.get(range.clone())) else {
            return clean;
        };
        out.push_str(before);
        out.push_str("\u{1b}[1m");
        out.push_str(lit);
        out.push_str("\u{1b}[22m");
        at = range.end;
    }
    out.push_str(name.get(at..).unwrap_or_default());
    out
}

/// Five tab-separated fields a line: id, name, organisation name, coverage, why.
fn tab_separated(catalogue: &Catalogue, hits: &[Hit], lang: Lang) -> String {
    hits.iter()
        .map(|hit| {
            let service = &catalogue.services[hit.service];
            let fields = [
                one_line(&service.id),
                one_line(&service.name),
                one_line(&catalogue.organisation_of(service).name),
                hit.coverage.coverage_word().to_string(),
                one_line(&super::why::render(lang, hit)),
            ];
            format!("{}\n", fields.join("\t"))
        })
        .collect()
}

fn json_output(catalogue: &Catalogue, hits: &[Hit], lang: Lang) -> String {
    let array: Vec<Value> = hits
        .iter()
        .map(|hit| hit_json(catalogue, hit, lang))
        .collect();
    let mut text = serde_json::to_string_pretty(&array).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

/// One hit as JSON; catalogue text is stripped of control characters, private phones and
/// contacts are left out.
fn hit_json(catalogue: &Catalogue, hit: &Hit, lang: Lang) -> Value {
    let service: &Service = &catalogue.services[hit.service];
    let organisation = catalogue.organisation_of(service);
    let clean = |s: &str| crate::text::strip_controls(s).into_owned();
    json!({
        "id": clean(&service.id),
        "name": clean(&service.name),
        "organisation": { "id": clean(&organisation.id), "name": clean(&organisation.name) },
        "score": hit.score,
        "coverage": hit.coverage.coverage_word(),
        "why": clean(&super::why::render(lang, hit)),
        "matched_terms": hit.matched_terms.iter().map(|t| clean(t)).collect::<Vec<_>>(),
        "missing_terms": hit.missing_terms.iter().map(|t| clean(t)).collect::<Vec<_>>(),
        "matches": hit.words.iter().map(|m| json!({
            "term": clean(&m.term),
            "field": m.field.key(),
            "as": clean(&m.found_as),
        })).collect::<Vec<_>>(),
        "needs": service.needs.iter().map(|&n| clean(&catalogue.needs[n].id)).collect::<Vec<_>>(),
        "regions": service.regions.iter().map(|&r| clean(&catalogue.regions[r].id)).collect::<Vec<_>>(),
        "phones": phones_json(&service.phones),
        "contacts": catalogue.public_contacts(service).map(|c| json!({
            "name": clean(&c.name),
            "role": c.role.as_deref().map(clean),
            "email": c.email.as_deref().map(clean),
            "phones": phones_json(&c.phones),
        })).collect::<Vec<_>>(),
    })
}

fn phones_json(phones: &[Phone]) -> Vec<Value> {
    public_phones(phones)
        .map(|p| {
            json!({
                "number": crate::text::strip_controls(&p.number),
                "kind": p.kind.as_str(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::RegionLevel;
    use crate::search::{Field, FieldMatch};

    /// The search fixture's services for a caller in Buda-Koshelevo, as `aligned` lists
    /// them in `lang` (no colour).
    fn aligned_for_buda_koshelevo(lang: Lang) -> String {
        let text = include_str!("../../tests/fixtures/search.toml");
        let catalogue =
            Catalogue::from_text(text, crate::catalogue::Origin::Text("f".into())).unwrap();
        let index = search::Index::build(std::sync::Arc::new(catalogue.clone()));
        let query = Query {
            region: catalogue.region_by_id("buda-koshelevo"),
            ..Query::default()
        };
        aligned(&catalogue, &search::search(&index, &query), false, lang)
    }

    #[test]
    fn aligned_rows_pad_ids_to_one_column() {
        let out = aligned_for_buda_koshelevo(Lang::en());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "district-clinic   Районная поликлиника Кошелёво — Красный Крест  \
             (serves Buda-Koshelevo District, inside Gomel Region)"
        );
        assert_eq!(
            lines[3],
            "national-shelter  National shelter line — Alpha Aid  (national service)"
        );
    }

    /// On a terminal the operator reads `why` in the interface language.
    #[test]
    fn aligned_rows_say_why_in_the_interface_language() {
        let out = aligned_for_buda_koshelevo(Lang::find("ru").expect("a Russian bundle"));
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].ends_with("(обслуживает Buda-Koshelevo District, Gomel Region)"),
            "{}",
            lines[0]
        );
        assert!(
            lines[3].ends_with("(услуга по всей стране)"),
            "{}",
            lines[3]
        );
    }

    #[test]
    fn bold_goes_around_the_matched_letters_only() {
        let hit = Hit {
            service: 0,
            score: 1,
            matches: vec![FieldMatch {
                field: Field::Name,
                item: 0,
                ranges: vec![0..4, 11..23],
            }],
            coverage: RegionLevel::Country,
            reasons: Vec::new(),
            open: None,
            words: Vec::new(),
            matched_terms: Vec::new(),
            missing_terms: Vec::new(),
        };
        let name = "Приют Гомель";
        assert_eq!(
            emphasised_name(name, &hit),
            "\u{1b}[1mПр\u{1b}[22mиют \u{1b}[1mГомель\u{1b}[22m"
        );
        // A name that needs cleaning is shown clean, without emphasis.
        assert_eq!(emphasised_name("a\u{1b}[31mb", &hit), "ab");
    }
}
