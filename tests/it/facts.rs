//! `duban facts`: the seeds' figures the issue names, and precision and recall
//! against hand-annotated fixtures. See: issue 3.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use duban::extract::{ExtractOptions, Facts, Lexicon};
use duban::ingest::IngestOptions;
use duban::pipeline::{Parsed, read_facts};
use serde::Deserialize;
use serde_json::Value;

use crate::support::{SEED_000_UNITS, duban, outputs, root, seed, seeds};

fn facts(path: &Path) -> (Parsed, Facts) {
    read_facts(path, &IngestOptions::default(), &Lexicon::default(), &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{}", e.render()))
}

fn facts_json(path: &Path) -> Value {
    let (parsed, facts) = facts(path);
    serde_json::from_str(&duban::view::to_facts_json(&parsed, &facts)).unwrap()
}

fn item<'a>(doc: &'a Value, number: &str) -> &'a Value {
    doc["items"].as_array().unwrap().iter().find(|i| i["number"] == number).unwrap_or_else(|| panic!("item {number}"))
}

fn pairs(item: &Value) -> Vec<(String, f64, f64, f64)> {
    item["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let number = |v: &Value| v.as_f64().unwrap();
            (
                p["noun"].as_str().unwrap().to_string(),
                number(&p["actual"]["base_value"]),
                number(&p["target"]["base_value"]),
                number(&p["progress"]),
            )
        })
        .collect()
}

fn with_role<'a>(item: &'a Value, role: &str) -> Vec<&'a str> {
    item["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["role"] == role)
        .map(|q| q["text"].as_str().unwrap())
        .collect()
}

#[test]
fn seed_003_pairs_targets_with_actuals_at_half_year() {
    let Some(seeds) = seeds() else { return };
    let doc = facts_json(&seed(&seeds, "003"));
    assert_eq!((doc["as_of"].as_str(), doc["schedule"].as_f64()), (Some("2023-06-30"), Some(0.5)));
    let found = pairs(item(&doc, "26"));
    assert!(found.contains(&("5G基站".into(), 580.0, 1600.0, 0.3625)), "{found:?}");
    assert!(found.contains(&("上云企业".into(), 710.0, 1600.0, 0.44375)), "{found:?}");
    let found = pairs(item(&doc, "96"));
    assert!(found.iter().any(|p| p.0 == "城镇新增就业" && (p.1, p.2) == (39896.0, 69000.0)), "{found:?}");
    // "其中…再就业N人，…实现就业M人" is a breakdown: M is not the done part of N.
    assert_eq!(found.len(), 1, "{found:?}");
    let found = pairs(item(&doc, "58"));
    assert!(found.iter().any(|p| p.0 == "改厕" && (p.1, p.2) == (6723.0, 16000.0)), "{found:?}");
    assert!(with_role(item(&doc, "47"), "ratio").contains(&"75.3%"));
    assert_eq!(with_role(item(&doc, "112"), "ratio"), ["99.93%", "100.30%", "98.68%", "100%"]);
    assert_eq!(item(&doc, "9")["state"], "not_reported");
}

#[test]
fn seed_000_names_units_payment_rates_and_deadlines() {
    let Some(seeds) = seeds() else { return };
    let doc = facts_json(&seed(&seeds, "000"));
    let items = doc["items"].as_array().unwrap();
    for &unit in SEED_000_UNITS.iter().chain(&["黄堡镇政府", "区委党校"]) {
        // Found on an item whose own text names it.
        let named = items.iter().filter(|i| {
            let text = format!("{} {} {}", i["heading"], i["text"], i["status"]);
            text.contains(unit) && i["units"].as_array().unwrap().iter().any(|u| u["canonical"] == unit)
        });
        assert!(named.count() > 0, "{unit} is not found on the items that name it");
    }
    let rates: Vec<&str> = items.iter().flat_map(|i| with_role(i, "actual")).collect();
    for rate in ["96.18%", "54.72%", "54.35%"] {
        assert!(rates.contains(&rate), "{rate} is not an actual");
    }
    let dates: Vec<&str> =
        items.iter().flat_map(|i| i["deadlines"].as_array().unwrap()).map(|d| d["date"].as_str().unwrap()).collect();
    assert!(dates.contains(&"2022-07-31") && dates.contains(&"2022-09-30"), "{dates:?}");
}

#[test]
fn seed_002_ranks_its_ten_areas() {
    let Some(seeds) = seeds() else { return };
    let doc = facts_json(&seed(&seeds, "002"));
    let ranks: Vec<Vec<&str>> =
        doc["sections"][0]["items"].as_array().unwrap().iter().map(|i| with_role(i, "rank")).collect();
    let expected: Vec<Vec<String>> = [3, 5, 4, 9, 7, 8, 6, 3, 5, 9].iter().map(|r| vec![format!("第{r}位")]).collect();
    assert_eq!(ranks, expected);
    // A report's "截至10月底" says when its figures stand: no deadline.
    let reports = &doc["sections"][0]["items"].as_array().unwrap()[..10];
    assert!(reports.iter().all(|i| i["deadlines"].as_array().unwrap().is_empty()), "{reports:#?}");
}

#[test]
fn seed_001_tally_adds_up() {
    let Some(seeds) = seeds() else { return };
    let doc = facts_json(&seed(&seeds, "001"));
    let tally = &doc["tallies"][0];
    let parts: Vec<f64> = tally["parts"].as_array().unwrap().iter().map(|p| p["count"].as_f64().unwrap()).collect();
    assert_eq!(
        (tally["total"].as_f64(), parts, tally["consistent"].as_bool()),
        (Some(131.0), vec![47.0, 79.0, 1.0, 4.0], Some(true))
    );
}

#[test]
fn seed_004_growth_targets() {
    let Some(seeds) = seeds() else { return };
    let doc = facts_json(&seed(&seeds, "004"));
    let growth: Vec<&str> = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["quantities"].as_array().unwrap())
        .filter(|q| q["role"] == "growth" && q["side"] == "target")
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    for rate in ["4.5%", "14.5%", "10.2%", "15%", "10%", "12%", "7.5%", "8.5%"] {
        assert!(growth.contains(&rate), "{rate} is not a growth target: {growth:?}");
    }
}

/// One annotated bulletin: a project fixture (`bulletin`, every item listed)
/// or a seed (`seed`, the items listed).
#[derive(Deserialize)]
struct Expected {
    #[serde(default)]
    bulletin: Option<PathBuf>,
    #[serde(default)]
    seed: Option<String>,
    items: BTreeMap<String, ExpectedItem>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ExpectedItem {
    quantities: Vec<String>,
    pairs: Vec<String>,
    units: Vec<String>,
}

/// True positives, false positives, false negatives.
#[derive(Default, Clone, Copy)]
struct Score {
    hits: usize,
    extra: usize,
    missed: usize,
}

impl Score {
    fn add(&mut self, expected: Vec<String>, found: Vec<String>) {
        let mut left: HashMap<String, usize> = HashMap::new();
        for e in expected {
            *left.entry(e).or_default() += 1;
        }
        for f in found {
            match left.get_mut(&f) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    self.hits += 1;
                }
                _ => self.extra += 1,
            }
        }
        self.missed += left.values().sum::<usize>();
    }

    fn precision(self) -> f64 {
        self.hits as f64 / (self.hits + self.extra).max(1) as f64
    }

    fn recall(self) -> f64 {
        self.hits as f64 / (self.hits + self.missed).max(1) as f64
    }
}

type Scores = BTreeMap<&'static str, Score>;

/// Scores the annotated files in `dir` against what duban reads.
fn measure(dir: &Path, seeds: Option<&[PathBuf]>) -> Scores {
    let mut scores = Scores::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    assert!(!files.is_empty(), "no annotated files in {}", dir.display());
    for file in files {
        let expected: Expected = serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let path = match (&expected.bulletin, &expected.seed, seeds) {
            (Some(path), _, _) => path.clone(),
            (None, Some(prefix), Some(seeds)) => seed(seeds, prefix),
            _ => panic!("{} names no bulletin", file.display()),
        };
        let (parsed, facts) = facts(&path);
        let paths: Vec<&str> = parsed.document.items.iter().map(|i| i.path.as_str()).collect();
        if expected.bulletin.is_some() {
            let mut sorted = paths.clone();
            sorted.sort();
            let listed: Vec<&str> = expected.items.keys().map(String::as_str).collect();
            assert_eq!(listed, sorted, "{} must list every item", file.display());
        }
        for (path, want) in &expected.items {
            let index =
                paths.iter().position(|p| p == path).unwrap_or_else(|| panic!("{}: no item {path}", file.display()));
            score_item(&mut scores, want, &facts.items[index]);
        }
    }
    scores
}

fn score_item(scores: &mut Scores, want: &ExpectedItem, got: &duban::extract::ItemFacts) {
    let text_of = |s: &String| s.rsplit_once(' ').map_or(s.clone(), |(t, _)| t.to_string());
    scores
        .entry("quantities")
        .or_default()
        .add(want.quantities.iter().map(text_of).collect(), got.quantities.iter().map(|q| q.text.clone()).collect());
    scores
        .entry("roles")
        .or_default()
        .add(want.quantities.clone(), got.quantities.iter().map(|q| format!("{} {}", q.text, q.role.name())).collect());
    scores.entry("pairs").or_default().add(
        want.pairs.clone(),
        got.pairs
            .iter()
            .map(|p| format!("{} → {}", got.quantities[p.target].text, got.quantities[p.actual].text))
            .collect(),
    );
    let mut names: Vec<String> = got.units.iter().map(|u| u.canonical.clone()).collect();
    names.sort();
    names.dedup();
    let mut wanted: Vec<String> = want.units.iter().map(|u| u.split(' ').next().unwrap_or(u).to_string()).collect();
    wanted.sort();
    wanted.dedup();
    scores.entry("units").or_default().add(wanted, names);
    let distinct = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    scores.entry("unit roles").or_default().add(
        distinct(want.units.clone()),
        distinct(got.units.iter().map(|u| format!("{} {}", u.canonical, u.role.name())).collect()),
    );
}

fn report(scores: &Scores) -> String {
    let mut report = String::from("\n             precision  recall   (hits/extra/missed)\n");
    for (kind, score) in scores {
        report.push_str(&format!(
            "{kind:<12} {:>8.3} {:>8.3}   ({}/{}/{})\n",
            score.precision(),
            score.recall(),
            score.hits,
            score.extra,
            score.missed
        ));
    }
    report
}

fn assert_floors(scores: &Scores, floors: &[(&str, f64, f64)]) {
    let report = report(scores);
    eprintln!("{report}");
    for &(kind, precision, recall) in floors {
        let score = scores[kind];
        assert!(score.precision() >= precision && score.recall() >= recall, "{kind} fell below its floor:{report}");
    }
}

/// Precision and recall of quantities, their roles, pairs and units against
/// the hand-written files in tests/fixtures/facts. The floors are what the
/// extractor reached when they were set, less a little; a change that lowers
/// a figure below them fails.
#[test]
fn precision_and_recall_on_annotated_fixtures() {
    let scores = measure(&root().join("tests/fixtures/facts"), None);
    assert_floors(&scores, &FLOORS);
}

/// The same on hand-read items of the real seeds. Items of 002 and 001 were
/// measured once before the extractor was changed for them (the figures are
/// in the note on the facts issue); the floors now guard what it reaches.
#[test]
fn precision_and_recall_on_annotated_seed_items() {
    let Some(seeds) = seeds() else { return };
    let scores = measure(&root().join("tests/fixtures/facts/seeds"), Some(&seeds));
    assert_floors(&scores, &FLOORS);
}

/// Precision and recall floors per kind: what the extractor reached on both
/// sets, less a margin.
const FLOORS: [(&str, f64, f64); 5] = [
    ("quantities", 0.95, 0.95),
    ("roles", 0.95, 0.95),
    ("pairs", 0.9, 0.9),
    ("units", 0.95, 0.95),
    ("unit roles", 0.95, 0.95),
];

#[test]
fn facts_through_the_binary() {
    let output = duban(&["facts", "examples/qinglan-2024-q3.txt"]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("as of      2024-09-30 (前三季度) · 序时进度 75.0%"), "{stdout}");
    assert!(stdout.contains("5G基站      196个 / 300个 = 65.3%, 9.7 pp behind 序时进度"), "{stdout}");
    let json = duban(&["facts", "--format", "json", "--as-of", "2024-06-30", "examples/qinglan-2024-q3.txt"]);
    let value: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        (value["as_of"].as_str(), value["schedule"].as_f64(), value["as_of_from"].as_str()),
        (Some("2024-06-30"), Some(0.5), Some("--as-of"))
    );
    // "新开通5G基站196个" has no word of state; its figure against 300 tells it.
    let item = &value["items"][1];
    assert_eq!((item["state"].as_str(), item["signals"][0]["text"].as_str()), (Some("in_progress"), Some("196个")));
    let bad = duban(&["facts", "--as-of", "2024-13-01", "examples/qinglan-2024-q3.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(outputs(&bad).1.contains("`2024-13-01` is not a date that exists"), "{}", outputs(&bad).1);
}

#[test]
fn a_unit_list_with_a_mistake_is_pointed_at() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.yaml");
    std::fs::write(&path, "suffixes: [局, 委]\nshort_name:\n  工业和信息化局: 工信局\n").unwrap();
    let output = duban(&["facts", "--units", path.to_str().unwrap(), "examples/qinglan-2024-q3.txt"]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!((output.status.code(), stdout.as_str()), (Some(2), ""));
    assert!(stderr.starts_with(&format!("error: {}: unknown field `short_name`", path.display())), "{stderr}");
    assert!(stderr.contains(":2:1\n") && stderr.contains("2 | short_name:"), "{stderr}");
}
