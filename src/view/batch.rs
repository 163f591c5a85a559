//! What `duban check DIR` prints: a line per file, then every unit's
//! findings across the files, then the totals; or one JSON document with an
//! entry per file and a combined `by_unit`.

use std::fmt::Write as _;

use serde::Serialize;

use super::check::{CheckJson, LevelCounts, by_unit, check_view, count_levels, place, totals, write_groups};
use super::json::write;
use crate::Error;
use crate::batch::Input;
use crate::extract::Facts;
use crate::pipeline::Parsed;
use crate::rules::{Finding, Findings, RuleSet};
use crate::say;

/// One bulletin of a folder, read and judged.
pub struct Checked {
    /// The bulletin.
    pub parsed: Parsed,
    /// Its facts.
    pub facts: Facts,
    /// Its findings.
    pub findings: Findings,
}

/// Every finding of the folder, with the index of its file.
fn flatten(results: &[Result<Checked, Error>]) -> Vec<(usize, &Finding)> {
    results
        .iter()
        .enumerate()
        .filter_map(|(file, result)| result.as_ref().ok().map(|c| (file, c)))
        .flat_map(|(file, checked)| checked.findings.findings.iter().map(move |f| (file, f)))
        .collect()
}

/// The folder's findings as text.
pub fn to_batch_outline(inputs: &[Input], results: &[Result<Checked, Error>], rules: &RuleSet) -> String {
    let mut out = String::new();
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok(checked) => {
                let list: Vec<&Finding> = checked.findings.findings.iter().collect();
                let found = say!("问题{}", "findings {}", totals(rules, &list));
                let _ = writeln!(out, "{}  {found}", input.path.display());
            }
            Err(error) => {
                let _ = writeln!(out, "{}  {}{error}", input.path.display(), say!("读取失败：", "failed: "));
            }
        }
    }
    let all = flatten(results);
    let list: Vec<&Finding> = all.iter().map(|(_, f)| *f).collect();
    let groups = by_unit(rules, &list);
    let place_of = |i: usize| {
        let (file, finding) = all[i];
        let checked = results[file].as_ref().expect("findings come from files that were read");
        place(&checked.parsed.source, finding)
    };
    write_groups(&mut out, rules, &list, &groups, &place_of);
    let failed = results.iter().filter(|r| r.is_err()).count();
    let (files, read) = (results.len(), results.len() - failed);
    let (found, units) = (totals(rules, &list), groups.iter().filter(|g| g.unit.is_some()).count());
    let summary = say!(
        "共{files}个文件：读取{read}个，失败{failed}个 · 问题{found} · 涉及{units}个单位",
        "{files} files: {read} read, {failed} failed · findings {found} · {units} units"
    );
    let _ = writeln!(out, "\n{summary}");
    out
}

/// The folder's findings as one JSON document.
pub fn write_batch_json(
    inputs: &[Input],
    results: &[Result<Checked, Error>],
    rules: &RuleSet,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    let all = flatten(results);
    let list: Vec<&Finding> = all.iter().map(|(_, f)| *f).collect();
    let all_indexes: Vec<usize> = (0..list.len()).collect();
    let counts = |picked: &[usize]| LevelCounts { rules, counts: count_levels(rules, &list, picked) };
    let groups = by_unit(rules, &list);
    let failed = results.iter().filter(|r| r.is_err()).count();
    let view = BatchJson {
        summary: BatchSummaryJson {
            files: results.len(),
            read: results.len() - failed,
            failed,
            findings: list.len(),
            findings_by_level: counts(&all_indexes),
        },
        files: inputs
            .iter()
            .zip(results)
            .map(|(input, result)| FileJson {
                path: input.path.display().to_string(),
                error: result.as_ref().err().map(ToString::to_string),
                check: result.as_ref().ok().map(|c| check_view(&c.parsed, &c.facts, rules, &c.findings)),
            })
            .collect(),
        by_unit: groups
            .iter()
            .map(|group| {
                let mut files: Vec<usize> = group.findings.iter().map(|&i| all[i].0).collect();
                files.dedup();
                BatchUnitJson {
                    unit: group.unit,
                    files: files.iter().map(|&f| inputs[f].path.display().to_string()).collect(),
                    findings: group.findings.len(),
                    by_level: counts(&group.findings),
                }
            })
            .collect(),
    };
    write(&view, out)
}

#[derive(Serialize)]
struct BatchJson<'a> {
    summary: BatchSummaryJson<'a>,
    files: Vec<FileJson<'a>>,
    by_unit: Vec<BatchUnitJson<'a>>,
}

#[derive(Serialize)]
struct BatchSummaryJson<'a> {
    files: usize,
    read: usize,
    failed: usize,
    findings: usize,
    findings_by_level: LevelCounts<'a>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: String,
    error: Option<String>,
    check: Option<CheckJson<'a>>,
}

#[derive(Serialize)]
struct BatchUnitJson<'a> {
    unit: Option<&'a str>,
    files: Vec<String>,
    findings: usize,
    by_level: LevelCounts<'a>,
}
