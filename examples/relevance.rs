//! Relevance on a judged query set: first-hit count and recall@10 for Pathways, a plain
//! BM25 over the same records, and `fzf --filter`, all in the same run.
//!
//! `cargo run --release --example relevance -- DIR` where DIR holds `catalogue.toml` and
//! `queries.toml` (`[[query]]` with `text`, `relevant = [ids]`, optional `region`, `need`).
//! fzf is skipped, with a message, when it is not installed. With `RELEVANCE_VERBOSE=1`,
//! Pathways' first three are listed under each query whose first hit is not relevant.

use pathways::catalogue::{Catalogue, Service};
use pathways::search::Index;
use pathways::search::judged::{JudgedQuery, Judgement, judge, pathways_top10, read_queries};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: relevance DIR (with catalogue.toml and queries.toml)");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    let catalogue = match pathways::catalogue::load(&dir.join("catalogue.toml")) {
        Ok(c) => Arc::new(c),
        Err(e) => {
            eprintln!("cannot load the catalogue: {e}");
            std::process::exit(2);
        }
    };
    let queries = std::fs::read_to_string(dir.join("queries.toml"))
        .map_err(|e| e.to_string())
        .and_then(|t| read_queries(&t).map_err(|e| e.to_string()));
    let queries = match queries {
        Ok(q) => q,
        Err(e) => {
            eprintln!("cannot read queries.toml: {e}");
            std::process::exit(2);
        }
    };
    let index = Index::build(catalogue.clone());
    let bm25 = Bm25::build(&catalogue);
    let fzf = Fzf::new(&catalogue);
    if fzf.is_none() {
        println!("fzf is not installed: its column is skipped");
    }
    let mut totals: Vec<Total> = vec![Total::default(); 3];
    // RELEVANCE_VERBOSE=1: Pathways' first three for each query it misses.
    let verbose = std::env::var_os("RELEVANCE_VERBOSE").is_some();
    println!(
        "{:<32} {:>4}  {:>14}  {:>14}  {:>14}",
        "query", "rel", "pathways", "bm25", "fzf"
    );
    for q in &queries {
        let rankings = [
            Some(pathways_top10(&index, q)),
            Some(bm25.top10(&catalogue, q)),
            fzf.as_ref().map(|f| f.top10(q)),
        ];
        let mut row = format!("{:<32} {:>4}", clip(&q.text), q.relevant.len());
        for (ranking, total) in rankings.iter().zip(&mut totals) {
            match ranking {
                Some(ids) => {
                    let j = judge(ids, &q.relevant);
                    total.add(j);
                    row += &format!("  {:>5} {:>8.2}", mark(j.first_relevant), j.recall_at_10);
                }
                None => row += &format!("  {:>14}", "-"),
            }
        }
        println!("{row}");
        if verbose
            && rankings[0]
                .as_ref()
                .is_some_and(|r| !judge(r, &q.relevant).first_relevant)
        {
            for id in rankings[0].iter().flatten().take(3) {
                let name = catalogue
                    .service_by_id(id)
                    .map(|s| &catalogue.services[s].name);
                let mark = if q.relevant.contains(id) { "+" } else { "-" };
                println!("    {mark} {id} {}", name.map_or("", |n| n.as_str()));
            }
        }
    }
    let n = queries.len();
    let mut row = format!("{:<32} {:>4}", "TOTAL first hits / recall@10", n);
    for (i, total) in totals.iter().enumerate() {
        if i == 2 && fzf.is_none() {
            row += &format!("  {:>14}", "-");
        } else {
            row += &format!(
                "  {:>5} {:>8.2}",
                total.first,
                total.recall / n.max(1) as f64
            );
        }
    }
    println!("{row}");
}

fn clip(text: &str) -> String {
    text.chars().take(32).collect()
}

fn mark(first: bool) -> &'static str {
    if first { "yes" } else { "no" }
}

#[derive(Clone, Default)]
struct Total {
    first: usize,
    recall: f64,
}

impl Total {
    fn add(&mut self, j: Judgement) {
        self.first += usize::from(j.first_relevant);
        self.recall += j.recall_at_10;
    }
}

/// The text both baselines see for a service: name, organisation, needs, populations,
/// description, eligibility, how to refer, translated names and texts.
fn record_text(catalogue: &Catalogue, service: &Service) -> String {
    let mut parts: Vec<&str> = vec![&service.name, &catalogue.organisation_of(service).name];
    parts.extend(
        service
            .needs
            .iter()
            .map(|&n| catalogue.needs[n].name.as_str()),
    );
    parts.extend(service.populations.iter().map(String::as_str));
    for text in [
        &service.description,
        &service.eligibility,
        &service.how_to_refer,
    ] {
        parts.extend(text.as_deref());
    }
    for t in service.translations.values() {
        for text in [&t.name, &t.description, &t.eligibility, &t.how_to_refer] {
            parts.extend(text.as_deref());
        }
    }
    parts.join(" | ").replace(['\n', '\r', '\t'], " ")
}

/// An untuned BM25 (k1 1.2, b 0.75) over lower-cased words of the record text, no stems.
struct Bm25 {
    docs: Vec<HashMap<String, u32>>,
    lengths: Vec<f64>,
    df: HashMap<String, usize>,
    avg: f64,
}

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Bm25 {
    fn build(catalogue: &Catalogue) -> Bm25 {
        let mut docs = Vec::new();
        let mut lengths = Vec::new();
        let mut df: HashMap<String, usize> = HashMap::new();
        for s in &catalogue.services {
            let words = tokens(&record_text(catalogue, s));
            let mut tf: HashMap<String, u32> = HashMap::new();
            for w in &words {
                *tf.entry(w.clone()).or_default() += 1;
            }
            for w in tf.keys() {
                *df.entry(w.clone()).or_default() += 1;
            }
            lengths.push(words.len() as f64);
            docs.push(tf);
        }
        let avg = lengths.iter().sum::<f64>() / lengths.len().max(1) as f64;
        Bm25 {
            docs,
            lengths,
            df,
            avg,
        }
    }

    fn top10(&self, catalogue: &Catalogue, q: &JudgedQuery) -> Vec<String> {
        let n = self.docs.len() as f64;
        let words = tokens(&q.text);
        let mut scored: Vec<(f64, usize)> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, doc)| {
                let score: f64 = words
                    .iter()
                    .filter_map(|w| {
                        let tf = *doc.get(w)? as f64;
                        let df = self.df[w] as f64;
                        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                        let norm = 1.0 - 0.75 + 0.75 * self.lengths[i] / self.avg;
                        Some(idf * tf * 2.2 / (tf + 1.2 * norm))
                    })
                    .sum();
                (score > 0.0).then_some((score, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(10)
            .map(|(_, i)| catalogue.services[i].id.clone())
            .collect()
    }
}

/// `fzf --filter` over one line a service: `id<TAB>record text`, matching the text only.
struct Fzf {
    input: String,
}

impl Fzf {
    fn new(catalogue: &Catalogue) -> Option<Fzf> {
        let found = Command::new("fzf")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        found.then(|| Fzf {
            input: catalogue
                .services
                .iter()
                .map(|s| format!("{}\t{}\n", s.id, record_text(catalogue, s)))
                .collect(),
        })
    }

    fn top10(&self, q: &JudgedQuery) -> Vec<String> {
        let child = Command::new("fzf")
            .args(["--filter", &q.text, "--delimiter", "\t", "--nth", "2.."])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            return Vec::new();
        };
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(self.input.as_bytes());
        }
        let Ok(out) = child.wait_with_output() else {
            return Vec::new();
        };
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .take(10)
            .filter_map(|l| l.split('\t').next().map(str::to_string))
            .collect()
    }
}
