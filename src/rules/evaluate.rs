//! Applying a [`RuleSet`] to a bulletin's facts.
//!
//! Hit policy: every rule that holds yields findings (collect), one per
//! figure it measures, else one per group of units its words concern; then
//! a rule's `supersedes` hides the findings of the rules it names on the
//! same item.

use std::collections::HashMap;

use super::attribute;
use super::condition::{Subject, Witness, Wording, holds};
use super::finding::{Evidence, Finding, Findings, Values};
use super::model::{Rule, RuleSet};
use super::problems;
use super::raw::Scope;
use super::require::RequireContext;
use crate::date::Date;
use crate::extract::{Facts, ItemFacts};
use crate::parse::{Document, Item, Section};
use crate::source::{SourceText, Span};
use crate::text::fold_width;

/// How long after the notice's date replies are due when none is given:
/// 15 days, the usual term.
pub const REPLY_DAYS: i64 = 15;

/// The shortest 落实情况, in characters, that counts as a duplicate when
/// another item repeats it word for word: stock replies ("已完成。") do not.
pub const DUPLICATE_MIN_CHARS: usize = 20;

/// What the evaluation needs besides the rules and the facts: the notice's
/// dates, the same for `check` and `draft`.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The notice's date (成文日期), instead of the later of the bulletin's
    /// publication date and its as-of date.
    pub date: Option<Date>,
    /// The date replies are due by, instead of [`REPLY_DAYS`] after the notice's date.
    pub reply_by: Option<Date>,
    /// Days from the notice's date to the reply date, instead of [`REPLY_DAYS`].
    pub reply_days: Option<u16>,
}

/// Applies `rules` to the facts of a parsed bulletin.
pub fn evaluate(
    rules: &RuleSet,
    source: &SourceText,
    document: &Document,
    facts: &Facts,
    options: &CheckOptions,
) -> Findings {
    // A notice follows its bulletin and the day its figures stand at, whichever is later.
    let date = options.date.or(document.meta.published.max(facts.period.as_of));
    let reply_by =
        options.reply_by.or_else(|| date.and_then(|d| d.plus_days(options.reply_days.map_or(REPLY_DAYS, i64::from))));
    let judged_on = date.max(facts.period.as_of);
    let judge = Judge { rules, source, document, facts, judged_on, reply_by };
    let headings = section_headings(document);
    let twins = twins(document);
    let mut findings = Vec::new();
    for (index, (item, item_facts)) in document.items.iter().zip(&facts.items).enumerate() {
        let subject = Subject {
            item: Some((item, item_facts)),
            tallies: &[],
            judged_on,
            schedule: facts.period.schedule,
            twin: twins.get(&index).map(|&twin| document.items[twin].numeral.number.as_str()),
            statements: facts.statements.iter().filter(|s| s.item == Some(index)).collect(),
            pairs: &[],
            rates: &[],
        };
        let on_item = rules
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.scope == Scope::Items && applies(rule, item, &headings[index]))
            .filter_map(|(r, rule)| Some((r, holds(&rule.when, &subject)?)))
            .flat_map(|(r, witnesses)| judge.findings(r, Some(index), witnesses))
            .collect();
        findings.extend(supersede(rules, on_item));
    }
    // What the bulletin says outside its items is checked by the same rules:
    // a bulletin without numbered tasks still has problems, unit by unit.
    let loose = Subject {
        item: None,
        tallies: &[],
        judged_on,
        schedule: facts.period.schedule,
        twin: None,
        statements: facts.statements.iter().filter(|s| s.item.is_none()).collect(),
        pairs: &facts.pairs,
        rates: &facts.rates,
    };
    if !loose.statements.is_empty() || !loose.pairs.is_empty() || !loose.rates.is_empty() {
        let on_loose = rules
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.scope == Scope::Items && rule.applies_to.is_empty())
            .filter_map(|(r, rule)| Some((r, holds(&rule.when, &loose)?)))
            .flat_map(|(r, witnesses)| judge.findings(r, None, witnesses))
            .collect();
        findings.extend(supersede_by_units(rules, on_loose));
    }
    let subject = Subject {
        item: None,
        tallies: &facts.tallies,
        judged_on,
        schedule: facts.period.schedule,
        twin: None,
        statements: Vec::new(),
        pairs: &[],
        rates: &[],
    };
    let on_bulletin = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| rule.scope == Scope::Bulletin)
        .filter_map(|(r, rule)| Some((r, holds(&rule.when, &subject)?)))
        .flat_map(|(r, witnesses)| judge.findings(r, None, witnesses))
        .collect();
    findings.extend(supersede(rules, on_bulletin));
    findings.sort_by_key(|(r, f)| (f.item.unwrap_or(usize::MAX), *r, f.evidence.focus.start));
    let mut findings = problems::problems(rules, source, findings);
    findings.sort_by_key(|(r, f)| (f.item.unwrap_or(usize::MAX), *r, f.evidence.focus.start));
    Findings { findings: findings.into_iter().map(|(_, f)| f).collect(), date, reply_by }
}

/// Everything a finding is made from.
struct Judge<'a> {
    rules: &'a RuleSet,
    source: &'a SourceText,
    document: &'a Document,
    facts: &'a Facts,
    /// See [`Subject::judged_on`].
    judged_on: Option<Date>,
    reply_by: Option<Date>,
}

impl Judge<'_> {
    /// The findings of rule `r` from its witnesses: one per figure, else one
    /// per group of units.
    fn findings(&self, r: usize, item: Option<usize>, witnesses: Vec<Witness>) -> Vec<(usize, Finding)> {
        let keyed = witnesses.iter().any(|w| w.key.is_some());
        let witnesses = if witnesses.is_empty() {
            // A condition that holds with no words to show (`not: …`) points at the item.
            let focus = item.map_or(Span::default(), |i| self.document.items[i].heading.span);
            vec![Witness {
                focus,
                key: None,
                values: Values::default(),
                says: String::new(),
                wording: Wording::Says,
                units: None,
                clause: None,
            }]
        } else {
            witnesses
        };
        let mut made: Vec<(usize, Finding)> = Vec::new();
        for witness in witnesses.into_iter().filter(|w| !keyed || w.key.is_some()) {
            let item = item.or_else(|| self.item_at(witness.focus));
            let mentions = item.map_or(&[][..], |i| &self.facts.items[i].units[..]);
            let duties = item.map(|i| self.duty_units(i)).unwrap_or_default();
            let located = witness.focus != Span::default();
            let units = match &witness.units {
                Some(units) => units.clone(),
                None if located => attribute::units(self.source, mentions, &duties, witness.focus),
                None => Vec::new(),
            };
            // The same words found twice (a phrase and a statement of it) are one finding.
            let overlaps = |f: &Finding| {
                located && f.evidence.focus.start < witness.focus.end && witness.focus.start < f.evidence.focus.end
            };
            if keyed || !made.iter().any(|(_, f)| f.units == units || overlaps(f)) {
                let finding = self.finding(r, item, witness, units);
                // Two figures of one quoted clause ("…22.9%、…7.4%") are one finding.
                let said = |f: &Finding| f.units == finding.units && f.message == finding.message;
                if !made.iter().any(|(_, f)| said(f)) {
                    made.push((r, finding));
                }
            }
        }
        made
    }

    fn finding(&self, r: usize, item: Option<usize>, witness: Witness, units: Vec<String>) -> Finding {
        let rule = &self.rules.rules[r];
        let mentions = item.map_or(&[][..], |i| &self.facts.items[i].units[..]);
        let located = witness.focus != Span::default();
        let one_line = |span: Span| !self.source.slice(span).contains('\n');
        let clause = match witness.clause.filter(|&span| one_line(span)) {
            Some(span) => span,
            None if located => attribute::quote(self.source, mentions, witness.focus, &units),
            None => Span::default(),
        };
        let level = rule.level.level(witness.values.behind);
        // The heading with its numeral ("10.9月底前完成…").
        let heading =
            item.map(|i| &self.document.items[i]).map(|i| Span::new(i.numeral.span.start, i.heading.span.end));
        let only_heading = heading.is_some_and(|h| h.start <= clause.start && clause.end <= h.end);
        let focus_chars = self.source.slice(witness.focus).chars().count();
        let words = || crate::text::trim(self.source.slice(clause)).trim_end_matches(['。', '；', '，', ';', ',']);
        // A phrase the report uses is best shown in the report's own words.
        let message = match &witness.wording {
            _ if !located => witness.says.clone(),
            Wording::Clause => self.source.slice(clause).to_string(),
            // A clause of little more than the focus ("完成时限：8月底前") names nothing the words do not.
            Wording::ClauseThen(then) if !only_heading && words().chars().count() > focus_chars + 3 => {
                format!("{}，{then}", words())
            }
            _ => witness.says.clone(),
        };
        let message = if message.is_empty() { rule.title.clone() } else { message };
        let mut finding = Finding {
            rule: rule.id.clone(),
            level,
            title: rule.title.clone(),
            item,
            units,
            message,
            evidence: Evidence { clause, focus: witness.focus },
            values: witness.values,
            superseded: Vec::new(),
            require: RequireContext::default(),
            asked_by: None,
            rule_source: rule.source.clone(),
        };
        finding.require = self.require(&finding, item.map(|i| (&self.document.items[i], &self.facts.items[i])));
        // A rule whose sentence asks by the reply date ("要于{{ reply_by }}前报送…")
        // asks by it, whatever the item's own deadline; the others by `deadline`.
        finding.asked_by = if self.rules.requirements.uses(&rule.id, "deadline") {
            self.deadline(item.map(|i| &self.facts.items[i]))
        } else {
            self.reply_by
        };
        finding
    }

    /// The units of item `index`'s 牵头/责任 lines; without such lines, its
    /// 牵头 units however written ("（牵头单位：县发改局）" after the task): a
    /// figure no clause gives to anyone is the lead's, not every unit's the
    /// report happens to name.
    fn duty_units(&self, index: usize) -> Vec<crate::extract::UnitMention> {
        let item = &self.document.items[index];
        let lines: Vec<Span> = item.duties.iter().flat_map(|f| f.paragraphs.iter().map(|p| p.span)).collect();
        let units = &self.facts.items[index].units;
        let on_lines: Vec<_> = units
            .iter()
            .filter(|u| lines.iter().any(|l| l.start <= u.span.start && u.span.end <= l.end))
            .cloned()
            .collect();
        if !on_lines.is_empty() {
            return on_lines;
        }
        units.iter().filter(|u| u.role == crate::extract::UnitRole::Lead).cloned().collect()
    }

    /// The item whose text holds `span`.
    fn item_at(&self, span: Span) -> Option<usize> {
        self.document.items.iter().position(|item| {
            let extent = item.extent();
            extent.start <= span.start && span.end <= extent.end
        })
    }

    /// The one date a requirement asks by: the reply date, or the item's
    /// own next deadline where that is later (a unit is not asked to finish
    /// before the date it was given, nor after a date the notice passes).
    fn deadline(&self, item: Option<&ItemFacts>) -> Option<Date> {
        let ahead = |d: &Date| self.judged_on.is_none_or(|day| *d > day);
        let own = item.and_then(|facts| facts.deadlines.iter().map(|d| d.date).filter(ahead).min());
        match (own, self.reply_by) {
            (Some(own), Some(reply_by)) if own > reply_by => Some(own),
            (own, None) => own,
            (_, reply_by) => reply_by,
        }
    }

    /// The values the finding's requirement is written with.
    fn require(&self, finding: &Finding, item: Option<(&Item, &ItemFacts)>) -> RequireContext {
        let percent = |v: Option<f64>| v.map(|v| format!("{v:.1}%")).unwrap_or_default();
        let as_of = self.facts.period.as_of;
        let deadline = self.deadline(item.map(|(_, facts)| facts)).map(Date::chinese);
        let deadline = deadline.unwrap_or_else(|| "规定时限".to_string());
        let values = &finding.values;
        RequireContext {
            unit: if finding.units.is_empty() { "各责任单位".to_string() } else { finding.units.join("、") },
            units: finding.units.clone(),
            number: item.map(|(i, _)| i.numeral.number.clone()).unwrap_or_default(),
            path: item.map(|(i, _)| i.path.clone()).unwrap_or_default(),
            item: item.map(|(i, _)| i.heading.text.clone()).unwrap_or_default(),
            title: finding.title.clone(),
            level: self.rules.levels[finding.level].label.clone(),
            noun: values.noun.clone().unwrap_or_default(),
            actual: values.actual.clone().unwrap_or_default(),
            target: values.target.clone().unwrap_or_default(),
            progress: percent(values.progress),
            schedule: percent(values.schedule),
            behind: values.behind.map(|v| format!("{v:.1}")).unwrap_or_default(),
            ratio: values.ratio.map(|v| format!("{v}%")).unwrap_or_default(),
            rank: values.rank.map(|v| v.to_string()).unwrap_or_default(),
            deadline,
            as_of: as_of.map(Date::chinese).unwrap_or_default(),
            reply_by: self.reply_by.map(Date::chinese).unwrap_or_else(|| "规定时限".to_string()),
            said: values.said.clone().unwrap_or_default(),
            things: values.things.join("、"),
            tasks: match item {
                Some((item, _)) => format!("第{}项（{}）", item.numeral.number, item.short_name()),
                None => values.things.join("、"),
            },
        }
    }
}

/// Drops the findings of rules that a rule with findings supersedes.
fn supersede(rules: &RuleSet, findings: Vec<(usize, Finding)>) -> Vec<(usize, Finding)> {
    let fired: Vec<usize> = findings.iter().map(|(r, _)| *r).collect();
    let hidden = |r: usize| fired.iter().any(|&f| rules.rules[f].supersedes.contains(&r));
    findings.into_iter().filter(|(r, _)| !hidden(*r)).collect()
}

/// For findings about no item: drops those of rules that a rule with
/// findings for the same units supersedes.
fn supersede_by_units(rules: &RuleSet, findings: Vec<(usize, Finding)>) -> Vec<(usize, Finding)> {
    let hidden = |r: usize, units: &[String]| {
        findings.iter().any(|(f, other)| {
            rules.rules[*f].supersedes.contains(&r)
                && !units.is_empty()
                && units.iter().all(|u| other.units.contains(u))
        })
    };
    let keep: Vec<bool> = findings.iter().map(|(r, f)| !hidden(*r, &f.units)).collect();
    findings.into_iter().zip(keep).filter(|(_, keep)| *keep).map(|(f, _)| f).collect()
}

/// Whether `rule` is limited to parts the item is not in.
fn applies(rule: &Rule, item: &Item, headings: &[&str]) -> bool {
    if rule.applies_to.is_empty() {
        return true;
    }
    let path = fold_width(&item.path);
    rule.applies_to.iter().any(|pattern| {
        let pattern = fold_width(pattern);
        let under = path.strip_prefix(pattern.as_ref()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        under || headings.iter().any(|h| h.contains(pattern.as_ref()))
    })
}

/// The headings of the sections around each item, outermost first.
fn section_headings(document: &Document) -> Vec<Vec<&str>> {
    fn walk<'a>(section: &'a Section, out: &mut [Vec<&'a str>]) {
        for slot in &mut out[section.items.clone()] {
            slot.push(&section.heading.text);
        }
        for child in &section.children {
            walk(child, out);
        }
    }
    let mut out = vec![Vec::new(); document.items.len()];
    for section in &document.sections {
        walk(section, &mut out);
    }
    out
}

/// For each item whose 落实情况 repeats another's word for word, that other item.
fn twins(document: &Document) -> HashMap<usize, usize> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut twins = HashMap::new();
    for (index, item) in document.items.iter().enumerate() {
        let text: String = item.status.iter().map(|f| f.text()).collect::<Vec<_>>().join("\n");
        if text.chars().filter(|c| !crate::text::is_space(*c)).count() < DUPLICATE_MIN_CHARS {
            continue;
        }
        match first.get(&text) {
            Some(&other) => {
                twins.insert(index, other);
                twins.entry(other).or_insert(index);
            }
            None => {
                first.insert(text, index);
            }
        }
    }
    twins
}
