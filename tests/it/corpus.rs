//! The development corpus of `../shared/corpus`: 40 real bulletins from 36
//! places, measured against the hand annotations of `tests/fixtures/corpus`.
//! Prints precision and recall per field — for the 30 documents worked on,
//! the 10 set aside, and all 40 — and holds floors on all 40.
//! See: issue 12, "Done when".

use std::collections::BTreeSet;
use std::path::Path;

use duban::extract::{ExtractOptions, GroupPlace, Lexicon, Polarity, UnitBook};
use duban::ingest::IngestOptions;
use duban::pipeline::check;
use duban::rules::{CheckOptions, RuleSet};
use serde::Deserialize;

use crate::support::{corpus, root};

/// The ten documents set aside (tests/fixtures/corpus/README.md).
const SET_ASIDE: &[&str] = &["009", "016", "017", "024", "025", "026", "031", "033", "035", "039"];

/// One annotation file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotation {
    title: Option<String>,
    as_of: Option<String>,
    #[serde(default)]
    sections: Vec<String>,
    /// Short names of numbered tasks, for the reader of an annotation; not measured.
    #[serde(default)]
    #[allow(dead_code, reason = "kept for the reader of an annotation; tasks are not measured")]
    items: Vec<String>,
    #[serde(default)]
    lagging: Vec<Said>,
    #[serde(default)]
    praised: Vec<Said>,
    #[serde(default)]
    lagging_items: Vec<SaidOfItem>,
    #[serde(default)]
    behind_by_figures: Vec<Said>,
    #[serde(default)]
    ranks: Vec<RankNote>,
    #[serde(default)]
    pairs: Vec<PairNote>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Said {
    unit: String,
    says: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SaidOfItem {
    item: String,
    says: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RankNote {
    unit: String,
    rank: serde_yaml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairNote {
    of: String,
    target: String,
    actual: String,
}

/// A place in a ranking: `第3位`, or a group: `前3` / `后3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Nth(u32),
    Top(u32),
    Bottom(u32),
}

impl Place {
    fn of(value: &serde_yaml::Value) -> Place {
        if let Some(n) = value.as_u64() {
            return Place::Nth(n as u32);
        }
        let text = value.as_str().expect("a rank is a number, 前N or 后N");
        let n = |rest: &str| rest.parse().expect("a group rank has a number");
        match (text.strip_prefix("前"), text.strip_prefix("后")) {
            (Some(rest), _) => Place::Top(n(rest)),
            (_, Some(rest)) => Place::Bottom(n(rest)),
            _ => panic!("a rank is a number, 前N or 后N: {text}"),
        }
    }
}

/// What duban read in one document, in the annotation's terms.
#[derive(Debug, Default)]
struct Reading {
    title: Option<String>,
    as_of: Option<String>,
    lagging: Vec<String>,
    praised: Vec<String>,
    ranks: Vec<(String, Place)>,
    pairs: Vec<(f64, f64)>,
    sections: Vec<String>,
    /// Things lag statements name.
    things: Vec<String>,
}

fn read(path: &Path, lexicon: &Lexicon, rules: &RuleSet) -> Reading {
    let (parsed, facts, findings) =
        check(path, &IngestOptions::default(), lexicon, &ExtractOptions::default(), rules, &CheckOptions::default())
            .unwrap_or_else(|e| panic!("{}", e.render()));
    let as_of =
        facts.period.as_of.map(|d| d.to_string()).or_else(|| facts.period.day.map(|(m, d)| format!("{m:02}-{d:02}")));
    let mut lagging: Vec<String> = findings.findings.iter().flat_map(|f| f.units.iter().cloned()).collect();
    lagging.sort();
    lagging.dedup();
    let ranks = facts
        .standings
        .iter()
        .map(|s| {
            let place = match s.place {
                duban::extract::Place::Nth(n) => Place::Nth(n),
                duban::extract::Place::Group(GroupPlace::Top, n) => Place::Top(n),
                duban::extract::Place::Group(GroupPlace::Bottom, n) => Place::Bottom(n),
            };
            (s.unit.canonical.clone(), place)
        })
        .collect();
    let mut pairs: Vec<(f64, f64)> = facts.pairs.iter().map(|p| (number(&p.target), number(&p.actual))).collect();
    for item in &facts.items {
        for pair in &item.pairs {
            pairs.push((item.quantities[pair.target].value, item.quantities[pair.actual].value));
        }
    }
    let mut praised: Vec<String> = facts
        .statements
        .iter()
        .filter(|s| s.polarity == Polarity::Praise)
        .flat_map(|s| s.units.iter().map(|u| u.canonical.clone()))
        .collect();
    praised.sort();
    praised.dedup();
    let sections = parsed.document.sections.iter().map(|s| s.heading.text.clone()).collect();
    let things = facts
        .statements
        .iter()
        .filter(|s| s.polarity == Polarity::Lag)
        .flat_map(|s| s.things.iter().map(|t| t.text.clone()))
        .collect();
    Reading { title: parsed.document.meta.title, as_of, lagging, praised, ranks, pairs, sections, things }
}

/// Names compared as a clerk would: widths folded, spaces and quotes
/// dropped; the same canonical name, or one the other with a prefix
/// (住建局 is 区住建局).
fn same_unit(a: &str, b: &str, book: &UnitBook) -> bool {
    let (a, b) = (plain(a), plain(b));
    if a == b {
        return true;
    }
    let canonical = |n: &str| book.canonical(n).unwrap_or_else(|| n.to_string());
    if canonical(&a) == canonical(&b) {
        return true;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() { (&a, &b) } else { (&b, &a) };
    short.chars().count() >= 3 && long.ends_with(short.as_str())
}

fn plain(text: &str) -> String {
    duban::text::fold_width(text).chars().filter(|c| !c.is_whitespace() && !"“”\"'‘’".contains(*c)).collect()
}

/// The number a figure is written with: `5.2` in `5.2万人`, `60` in `不低于60元`.
fn number(text: &str) -> f64 {
    let text = duban::text::fold_width(text);
    let digits: String =
        text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    digits.parse().unwrap_or_else(|_| panic!("a figure: {text}"))
}

/// Counts for one field.
#[derive(Clone, Copy, Debug, Default)]
struct Score {
    found: usize,
    wrong: usize,
    missed: usize,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.found += other.found;
        self.wrong += other.wrong;
        self.missed += other.missed;
    }

    fn precision(self) -> f64 {
        let said = self.found + self.wrong;
        if said == 0 { 1.0 } else { self.found as f64 / said as f64 }
    }

    fn recall(self) -> f64 {
        let there = self.found + self.missed;
        if there == 0 { 1.0 } else { self.found as f64 / there as f64 }
    }
}

/// The fields measured, in the order they are printed; the last two have no floor.
const FIELDS: [&str; 8] = ["title", "as_of", "lagging", "praised", "ranks", "pairs", "sections", "things"];

/// One document's scores and what it missed or got wrong.
struct Marked {
    scores: [Score; 8],
    /// Praised units duban flagged as lagging.
    praised_flagged: Vec<String>,
    notes: Vec<String>,
}

fn mark(note: &Annotation, read: &Reading, book: &UnitBook) -> Marked {
    let mut notes = Vec::new();
    let mut scores = [Score::default(); 8];

    let title_right = match (&note.title, &read.title) {
        (Some(a), Some(b)) => plain(a) == plain(b),
        (None, None) => true,
        _ => false,
    };
    scores[0] = exact(title_right);
    if !title_right {
        notes.push(format!("title: {:?}, read {:?}", note.title, read.title));
    }

    let as_of_right = match (&note.as_of, &read.as_of) {
        (Some(a), Some(b)) if a.len() == 5 => b == a || b.ends_with(&format!("-{a}")),
        (Some(a), Some(b)) => a == b,
        (None, None) => true,
        _ => false,
    };
    scores[1] = exact(as_of_right);
    if !as_of_right {
        notes.push(format!("as_of: {:?}, read {:?}", note.as_of, read.as_of));
    }

    // Lagging: a flagged unit that is only behind by figures is neither right nor wrong.
    let lagging: Vec<&str> = unique(note.lagging.iter().map(|s| s.unit.as_str()));
    let tolerated: Vec<&str> = note.behind_by_figures.iter().map(|s| s.unit.as_str()).collect();
    let mut score = Score::default();
    for said in &note.lagging {
        if !lagging.contains(&said.unit.as_str())
            || notes.iter().any(|n| n.ends_with(&format!(" {} ({})", said.unit, said.says)))
        {
            continue;
        }
        if read.lagging.iter().any(|r| same_unit(&said.unit, r, book)) {
            score.found += 1;
        } else {
            score.missed += 1;
            notes.push(format!("lagging missed: {} ({})", said.unit, said.says));
        }
    }
    let praised_flagged: Vec<String> = read
        .lagging
        .iter()
        .filter(|r| note.praised.iter().any(|p| same_unit(&p.unit, r, book)))
        .filter(|r| !lagging.iter().any(|l| same_unit(l, r, book)))
        .cloned()
        .collect();
    for unit in &read.lagging {
        let known = lagging.iter().chain(&tolerated).any(|l| same_unit(l, unit, book));
        if !known {
            score.wrong += 1;
            notes.push(format!("lagging wrong: {unit}"));
        }
    }
    scores[2] = score;

    let praised: Vec<&str> = unique(note.praised.iter().map(|s| s.unit.as_str()));
    scores[3] = units_score("praised", &praised, &read.praised, book, &mut notes);

    let expected: Vec<(String, Place)> = note.ranks.iter().map(|r| (r.unit.clone(), Place::of(&r.rank))).collect();
    scores[4] =
        multiset("ranks", &expected, &read.ranks, |(a, pa), (b, pb)| pa == pb && same_unit(a, b, book), &mut notes);

    let expected: Vec<(f64, f64)> = note.pairs.iter().map(|p| (number(&p.target), number(&p.actual))).collect();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(1.0);
    let mut pair_notes = Vec::new();
    scores[5] =
        multiset("pairs", &expected, &read.pairs, |(t, a), (u, b)| close(*t, *u) && close(*a, *b), &mut pair_notes);
    // Name what a missed pair is of.
    for line in pair_notes {
        let of =
            note.pairs.iter().find(|p| line.contains(&format!("({:?}, {:?})", number(&p.target), number(&p.actual))));
        notes.push(match of {
            Some(pair) if line.starts_with("pairs missed") => format!("{line} {}", pair.of),
            _ => line,
        });
    }

    let sections: Vec<String> = read.sections.iter().map(|s| plain(s)).collect();
    let mut score = Score::default();
    for heading in &note.sections {
        if sections.contains(&plain(heading)) {
            score.found += 1;
        } else {
            score.missed += 1;
            notes.push(format!("section missed: {heading}"));
        }
    }
    scores[6] = score;

    let things: Vec<String> = read.things.iter().map(|t| plain(t)).collect();
    let mut score = Score::default();
    for said in &note.lagging_items {
        let item = plain(&said.item);
        if things.iter().any(|t| t.contains(&item) || item.contains(t.as_str())) {
            score.found += 1;
        } else {
            score.missed += 1;
            notes.push(format!("thing missed: {} ({})", said.item, said.says));
        }
    }
    scores[7] = score;

    Marked { scores, praised_flagged, notes }
}

fn exact(right: bool) -> Score {
    if right { Score { found: 1, ..Score::default() } } else { Score { wrong: 1, missed: 1, ..Score::default() } }
}

fn unique<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    names.filter(|n| seen.insert(*n)).collect()
}

fn units_score(field: &str, expected: &[&str], read: &[String], book: &UnitBook, notes: &mut Vec<String>) -> Score {
    let mut score = Score::default();
    for unit in expected {
        if read.iter().any(|r| same_unit(unit, r, book)) {
            score.found += 1;
        } else {
            score.missed += 1;
            notes.push(format!("{field} missed: {unit}"));
        }
    }
    for unit in read {
        if !expected.iter().any(|e| same_unit(e, unit, book)) {
            score.wrong += 1;
            notes.push(format!("{field} wrong: {unit}"));
        }
    }
    score
}

/// Matches each expected entry with one read entry at most.
fn multiset<T: std::fmt::Debug>(
    field: &str,
    expected: &[T],
    read: &[T],
    same: impl Fn(&T, &T) -> bool,
    notes: &mut Vec<String>,
) -> Score {
    let mut used = vec![false; read.len()];
    let mut score = Score::default();
    for entry in expected {
        match (0..read.len()).find(|&i| !used[i] && same(entry, &read[i])) {
            Some(i) => {
                used[i] = true;
                score.found += 1;
            }
            None => {
                score.missed += 1;
                notes.push(format!("{field} missed: {entry:?}"));
            }
        }
    }
    for (entry, _) in read.iter().zip(&used).filter(|(_, used)| !**used) {
        score.wrong += 1;
        notes.push(format!("{field} wrong: {entry:?}"));
    }
    score
}

/// The floors all 40 documents must hold: (field, precision, recall), as issue 12
/// sets them (praised has none there; it holds what it reached, less a margin).
const FLOORS: [(&str, f64, f64); 6] = [
    ("title", 1.0, 1.0),
    ("as_of", 0.95, 0.95),
    ("lagging", 0.95, 0.95),
    ("praised", 0.9, 0.9),
    ("ranks", 0.95, 0.95),
    ("pairs", 0.9, 0.9),
];

#[test]
fn the_corpus_read_as_annotated() {
    let Some(dir) = corpus() else { return };
    let lexicon = Lexicon::default();
    let book = &lexicon.units;
    let rules = RuleSet::embedded();
    let notes_dir = root().join("tests/fixtures/corpus");
    let mut ids: Vec<String> = std::fs::read_dir(dir.join("raw"))
        .expect("the corpus folder reads")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".txt").map(str::to_string))
        .collect();
    ids.sort();
    assert_eq!(ids.len(), 40, "expected the 40 bulletins in {}", dir.display());
    let show_set_aside = std::env::var_os("DUBAN_SHOW_SET_ASIDE").is_some();

    let (mut worked, mut aside, mut all) = ([Score::default(); 8], [Score::default(); 8], [Score::default(); 8]);
    let mut praised_flagged = Vec::new();
    let mut report = String::new();
    for id in &ids {
        let note_path = notes_dir.join(format!("{id}.yaml"));
        let text = std::fs::read_to_string(&note_path).unwrap_or_else(|e| panic!("{}: {e}", note_path.display()));
        let note: Annotation = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", note_path.display()));
        let reading = read(&dir.join("raw").join(format!("{id}.txt")), &lexicon, &rules);
        let marked = mark(&note, &reading, book);
        let set_aside = SET_ASIDE.contains(&id.as_str());
        for (i, score) in marked.scores.iter().enumerate() {
            all[i].add(*score);
            if set_aside { aside[i].add(*score) } else { worked[i].add(*score) }
        }
        praised_flagged.extend(marked.praised_flagged.iter().map(|u| format!("{id}: {u}")));
        if (!set_aside || show_set_aside) && !marked.notes.is_empty() {
            report.push_str(&format!("{id}\n"));
            for line in &marked.notes {
                report.push_str(&format!("    {line}\n"));
            }
        }
    }
    println!("{report}");
    println!("{:<10}{:>22}{:>22}{:>22}", "field", "30 worked on", "10 set aside", "all 40");
    for (i, field) in FIELDS.iter().enumerate() {
        let cell = |s: Score| format!("P {:.2} R {:.2} ({})", s.precision(), s.recall(), s.found + s.missed);
        println!("{field:<10}{:>22}{:>22}{:>22}", cell(worked[i]), cell(aside[i]), cell(all[i]));
    }
    println!("praised units flagged as lagging: {praised_flagged:?}");

    assert!(praised_flagged.is_empty(), "praised units flagged: {praised_flagged:?}");
    for (i, (field, precision, recall)) in FLOORS.iter().enumerate() {
        let score = all[i];
        assert!(
            score.precision() >= *precision && score.recall() >= *recall,
            "{field}: precision {:.3} (floor {precision}), recall {:.3} (floor {recall})",
            score.precision(),
            score.recall()
        );
    }
}

/// The draft of every corpus bulletin names each unit the text says lags in
/// its 存在问题, with the words that say so; where nothing is found, it has no
/// empty 存在问题 and does not count "0项任务". See: issue 12, "Done when".
#[test]
fn drafts_name_every_lagging_unit_in_its_words() {
    let Some(dir) = corpus() else { return };
    let lexicon = Lexicon::default();
    let rules = RuleSet::embedded();
    let templates = duban::render::Templates::load(None).expect("the built-in templates load");
    let preset = duban::export::Preset::load("portable").expect("the built-in preset loads");
    let settings = duban::pipeline::DraftSettings {
        ingest: IngestOptions::default(),
        lexicon: &lexicon,
        extract: ExtractOptions::default(),
        rules: &rules,
        templates: &templates,
        dates: CheckOptions::default(),
        draft: duban::render::DraftOptions::default(),
        kind: duban::render::Kind::Notice,
        format: duban::export::Format::Txt,
        preset: &preset,
    };
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/fixtures/corpus")).unwrap().flatten() {
        let Some(id) = entry.file_name().to_str().and_then(|n| n.strip_suffix(".yaml")).map(str::to_string) else {
            continue;
        };
        let note: Annotation = serde_yaml::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        let path = dir.join("raw").join(format!("{id}.txt"));
        let bytes = duban::pipeline::draft(&path, &settings).unwrap_or_else(|e| panic!("{id}: {}", e.render()));
        let notice = String::from_utf8(bytes).expect("a text draft is UTF-8");
        assert!(!notice.contains("本期共0项任务"), "{id}: {notice}");
        let problems: Vec<&str> = notice
            .split_once("二、存在问题")
            .map(|(_, rest)| rest.split("三、").next().unwrap_or(rest).lines().collect())
            .unwrap_or_default();
        // A 存在问题 heading has problems under it.
        if notice.contains("二、存在问题") {
            assert!(problems.iter().any(|l| !l.trim().is_empty()), "{id}: an empty 存在问题\n{notice}");
        }
        for said in &note.lagging {
            // Named in a paragraph — its own, or one it shares with others — with the words:
            // two characters in a row of what the annotation quotes.
            let words: Vec<char> = said.says.chars().collect();
            let quoted = problems
                .iter()
                .filter(|line| line.contains(plain(&said.unit).as_str()))
                .any(|line| words.windows(2).any(|pair| line.contains(&pair.iter().collect::<String>())));
            if !quoted {
                missing.push(format!("{id}: {} ({})", said.unit, said.says));
            }
        }
    }
    assert!(missing.is_empty(), "lagging units not named in 存在问题 with their words: {missing:#?}");
}
