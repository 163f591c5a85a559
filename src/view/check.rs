//! What `duban check` prints: the findings as documented JSON
//! (docs/json.md, "duban check"), and as text grouped by unit, then level.
//!
//! ```text
//! 县交通局  1 红色 · 1 黄色
//!   红色
//!     bulletin.txt:31:12 [红色] overdue: 完成时限9月底前已过，尚未完成
//!   黄色
//!     bulletin.txt:33:9 [黄色] not-started: 落实情况称“未开工”
//! ```

use std::fmt::Write as _;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::facts::PeriodJson;
use super::json::{MetaJson, SourceJson, render, write};
use super::pad;
use crate::extract::{Facts, State};
use crate::pipeline::Parsed;
use crate::rules::{Finding, Findings, RuleSet};
use crate::say;
use crate::source::{SourceText, Span};

/// The findings, as JSON.
pub fn to_check_json(parsed: &Parsed, facts: &Facts, rules: &RuleSet, findings: &Findings) -> String {
    render(&check_view(parsed, facts, rules, findings))
}

/// Writes what [`to_check_json`] renders to `out` as it is serialised.
pub fn write_check_json(
    parsed: &Parsed,
    facts: &Facts,
    rules: &RuleSet,
    findings: &Findings,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    write(&check_view(parsed, facts, rules, findings), out)
}

/// The JSON view of one bulletin's findings.
pub(super) fn check_view<'a>(
    parsed: &'a Parsed,
    facts: &'a Facts,
    rules: &'a RuleSet,
    findings: &'a Findings,
) -> CheckJson<'a> {
    let list: Vec<&Finding> = findings.findings.iter().collect();
    let counts = |picked: &[usize]| LevelCounts { rules, counts: count_levels(rules, &list, picked) };
    let all: Vec<usize> = (0..list.len()).collect();
    let groups = by_unit(rules, &list);
    CheckJson {
        source: SourceJson::new(&parsed.source),
        meta: MetaJson::new(&parsed.document),
        period: PeriodJson::new(&facts.period),
        reply_by: findings.reply_by.map(|d| d.to_string()),
        levels: rules.levels.iter().map(|l| LevelJson { id: &l.id, label: &l.label }).collect(),
        summary: SummaryJson {
            items: facts.items.len(),
            done: count_state(facts, State::Done),
            in_progress: count_state(facts, State::InProgress),
            shortfall: count_state(facts, State::Shortfall),
            not_reported: count_state(facts, State::NotReported),
            planned: count_state(facts, State::Planned),
            unknown: count_state(facts, State::Unknown),
            findings: findings.findings.len(),
            findings_by_level: counts(&all),
            units: groups.iter().filter(|g| g.unit.is_some()).count(),
        },
        findings: findings.findings.iter().map(|f| finding_json(parsed, rules, f)).collect(),
        by_unit: groups
            .iter()
            .map(|group| UnitJson {
                unit: group.unit,
                findings: group.findings.clone(),
                by_level: counts(&group.findings),
                items: numbers(parsed, findings, &group.findings),
            })
            .collect(),
    }
}

/// The findings as text: a summary, then per unit (most serious first) and level.
pub fn to_check_outline(parsed: &Parsed, facts: &Facts, rules: &RuleSet, findings: &Findings) -> String {
    let mut out = super::facts_outline::header(parsed, facts);
    let list: Vec<&Finding> = findings.findings.iter().collect();
    let groups = by_unit(rules, &list);
    let units = groups.iter().filter(|g| g.unit.is_some()).count();
    let units = say!("涉及{units}个单位", "{units} units");
    let _ = writeln!(out, "{} {} · {units}", pad(&say!("问题", "findings"), 10), totals(rules, &list));
    if let Some(date) = findings.reply_by {
        let _ = writeln!(out, "{} {date}", pad(&say!("反馈期限", "reply by"), 10));
    }
    write_groups(&mut out, rules, &list, &groups, &|i| place(&parsed.source, list[i]));
    out
}

/// `file:line:col` of the words a finding quotes.
pub(super) fn place(source: &SourceText, finding: &Finding) -> String {
    let at = source.location(finding.evidence.focus.start);
    format!("{}:{}:{}", source.path.display(), at.line, at.column)
}

/// "13个：红色2 · 黄色8 · 蓝色3" ("13: 2 红色 · 8 黄色 · 3 蓝色"), or "0个".
pub(super) fn totals(rules: &RuleSet, list: &[&Finding]) -> String {
    let all: Vec<usize> = (0..list.len()).collect();
    let by_level = level_summary(rules, &count_levels(rules, list, &all));
    let count = list.len();
    match by_level {
        Some(levels) => say!("{count}个：{levels}", "{count}: {levels}"),
        None => say!("{count}个", "{count}"),
    }
}

/// Each unit's findings by level, each line `place [level] rule: message`;
/// `place` gets the finding's index in `list`.
pub(super) fn write_groups(
    out: &mut String,
    rules: &RuleSet,
    list: &[&Finding],
    groups: &[Group<'_>],
    place: &dyn Fn(usize) -> String,
) {
    for group in groups {
        let counts = count_levels(rules, list, &group.findings);
        let _ = write!(out, "\n{}", group.unit.unwrap_or(crate::render::NO_UNIT));
        let _ = writeln!(out, "  {}", level_summary(rules, &counts).unwrap_or_default());
        for (level, meta) in rules.levels.iter().enumerate() {
            let at_level: Vec<usize> = group.findings.iter().copied().filter(|&i| list[i].level == level).collect();
            if at_level.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {}", meta.label);
            for i in at_level {
                let finding = list[i];
                let _ = writeln!(out, "    {} [{}] {}: {}", place(i), meta.label, finding.rule, finding.message);
                // The same problem, said more mildly: shown under the finding that says it.
                for also in &finding.superseded {
                    let label = &rules.levels[also.level].label;
                    let also_said = say!("另见", "also");
                    let _ = writeln!(out, "      {also_said} [{label}] {}: {}", also.rule, also.message);
                }
            }
        }
    }
}

/// The findings of one unit (or of none), by index into a list of findings.
pub(super) struct Group<'a> {
    pub(super) unit: Option<&'a str>,
    pub(super) findings: Vec<usize>,
}

/// Findings per unit, in the order units first appear, then the most
/// serious first: more red, then more yellow …; findings naming no unit last.
pub(super) fn by_unit<'a>(rules: &RuleSet, list: &[&'a Finding]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut unassigned = Vec::new();
    for (index, finding) in list.iter().enumerate() {
        if finding.units.is_empty() {
            unassigned.push(index);
        }
        for unit in &finding.units {
            match groups.iter_mut().find(|g| g.unit == Some(unit.as_str())) {
                Some(group) => group.findings.push(index),
                None => groups.push(Group { unit: Some(unit), findings: vec![index] }),
            }
        }
    }
    groups.sort_by_cached_key(|g| std::cmp::Reverse(count_levels(rules, list, &g.findings)));
    if !unassigned.is_empty() {
        groups.push(Group { unit: None, findings: unassigned });
    }
    groups
}

pub(super) fn count_levels(rules: &RuleSet, list: &[&Finding], picked: &[usize]) -> Vec<usize> {
    let mut counts = vec![0; rules.levels.len()];
    for &index in picked {
        counts[list[index].level] += 1;
    }
    counts
}

fn level_summary(rules: &RuleSet, counts: &[usize]) -> Option<String> {
    let parts: Vec<String> =
        rules.levels.iter().zip(counts).filter(|(_, n)| **n > 0).map(|(l, n)| level_count(&l.label, *n)).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// 红色2 / 2 红色.
fn level_count(label: &str, count: usize) -> String {
    say!("{label}{count}", "{count} {label}")
}

fn count_state(facts: &Facts, state: State) -> usize {
    facts.items.iter().filter(|i| i.state == state).count()
}

/// The numbers of the items the picked findings are on, each once, in order.
fn numbers<'a>(parsed: &'a Parsed, findings: &Findings, picked: &[usize]) -> Vec<&'a str> {
    let mut items: Vec<usize> = picked.iter().filter_map(|&i| findings.findings[i].item).collect();
    items.sort_unstable();
    items.dedup();
    items.iter().map(|&i| parsed.document.items[i].path.as_str()).collect()
}

fn finding_json<'a>(parsed: &'a Parsed, rules: &'a RuleSet, finding: &'a Finding) -> FindingJson<'a> {
    let item = finding.item.map(|i| &parsed.document.items[i]);
    let located = finding.evidence.focus != Span::default();
    let place = located.then(|| parsed.source.location(finding.evidence.focus.start));
    let values = &finding.values;
    FindingJson {
        rule: &finding.rule,
        level: &rules.levels[finding.level].id,
        level_label: &rules.levels[finding.level].label,
        title: &finding.title,
        number: item.map(|i| i.numeral.number.as_str()),
        path: item.map(|i| i.path.as_str()),
        units: &finding.units,
        message: &finding.message,
        evidence: EvidenceJson {
            text: located.then(|| parsed.source.slice(finding.evidence.clause)),
            focus: located.then(|| parsed.source.slice(finding.evidence.focus)),
            line: place.map(|p| p.line),
            column: place.map(|p| p.column),
        },
        values: ValuesJson {
            noun: values.noun.as_deref(),
            actual: values.actual.as_deref(),
            target: values.target.as_deref(),
            progress: values.progress,
            schedule: values.schedule,
            behind: values.behind,
            ratio: values.ratio,
            rank: values.rank,
            deadline: values.deadline.map(|d| d.to_string()),
        },
        requirement: finding.requirement(rules),
        rule_source: RuleSourceJson { file: &finding.rule_source.file, line: finding.rule_source.line },
        superseded: finding.superseded.iter().map(|f| finding_json(parsed, rules, f)).collect(),
    }
}

#[derive(serde::Serialize)]
pub(super) struct CheckJson<'a> {
    source: SourceJson<'a>,
    meta: MetaJson<'a>,
    #[serde(flatten)]
    period: PeriodJson,
    reply_by: Option<String>,
    levels: Vec<LevelJson<'a>>,
    summary: SummaryJson<'a>,
    findings: Vec<FindingJson<'a>>,
    by_unit: Vec<UnitJson<'a>>,
}

#[derive(serde::Serialize)]
struct LevelJson<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(serde::Serialize)]
struct SummaryJson<'a> {
    items: usize,
    done: usize,
    in_progress: usize,
    shortfall: usize,
    not_reported: usize,
    planned: usize,
    unknown: usize,
    findings: usize,
    findings_by_level: LevelCounts<'a>,
    units: usize,
}

/// Counts per level, as an object keyed by level id in the levels' order.
pub(super) struct LevelCounts<'a> {
    pub(super) rules: &'a RuleSet,
    pub(super) counts: Vec<usize>,
}

impl Serialize for LevelCounts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.counts.len()))?;
        for (level, count) in self.rules.levels.iter().zip(&self.counts) {
            map.serialize_entry(&level.id, count)?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    level: &'a str,
    level_label: &'a str,
    title: &'a str,
    number: Option<&'a str>,
    path: Option<&'a str>,
    units: &'a [String],
    message: &'a str,
    evidence: EvidenceJson<'a>,
    values: ValuesJson<'a>,
    requirement: String,
    rule_source: RuleSourceJson<'a>,
    /// The milder findings on the same problem, each in full.
    superseded: Vec<FindingJson<'a>>,
}

#[derive(serde::Serialize)]
struct EvidenceJson<'a> {
    text: Option<&'a str>,
    focus: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
}

#[derive(serde::Serialize)]
struct ValuesJson<'a> {
    noun: Option<&'a str>,
    actual: Option<&'a str>,
    target: Option<&'a str>,
    progress: Option<f64>,
    schedule: Option<f64>,
    behind: Option<f64>,
    ratio: Option<f64>,
    rank: Option<u32>,
    deadline: Option<String>,
}

#[derive(serde::Serialize)]
struct RuleSourceJson<'a> {
    file: &'a str,
    line: usize,
}

#[derive(serde::Serialize)]
struct UnitJson<'a> {
    unit: Option<&'a str>,
    findings: Vec<usize>,
    by_level: LevelCounts<'a>,
    items: Vec<&'a str>,
}
