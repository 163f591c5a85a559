//! The readable facts of `duban facts --format text`: one block per item —
//! its state, targets against actuals with progress beside 序时进度, stated
//! ratios and ranks, responsible units and deadlines.
//!
//! ```text
//! as of      2024-09-30 (前三季度) · 序时进度 75.0%
//!
//!   13  一/2 新建5G基站300个  [in_progress]
//!         5G基站      196个 / 300个 = 65.3%, 9.7 pp behind 序时进度
//!         units       县工信局 lead
//! ```

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::cut;
use crate::extract::{Facts, ItemFacts, Quantity, Role, State};
use crate::parse::Item;
use crate::pipeline::Parsed;

/// Display columns of an item's heading before it is cut with `…`.
const HEADING_COLUMNS: usize = 40;

/// Renders the facts of a parse result.
pub fn to_facts_outline(parsed: &Parsed, facts: &Facts) -> String {
    let (source, document) = (&parsed.source, &parsed.document);
    let mut out = header(parsed, facts);
    for tally in &facts.tallies {
        let parts: Vec<String> = tally.parts.iter().map(|p| format!("{} {}", p.count, p.label)).collect();
        let verdict = if tally.consistent { "adds up" } else { "does not add up" };
        let _ = writeln!(out, "{:<10} {}{} = {} ({verdict})", "tally", tally.total, tally.unit, parts.join(" + "));
    }
    let width = source.line_count().to_string().len().max(3);
    for (item, item_facts) in document.items.iter().zip(&facts.items) {
        out.push('\n');
        block(&mut out, parsed, item, item_facts, facts.period.schedule, width);
    }
    if !facts.statements.is_empty() {
        let _ = writeln!(out, "\nstatements");
    }
    for statement in &facts.statements {
        statement_line(&mut out, parsed, statement, width);
    }
    if !facts.pairs.is_empty() {
        let _ = writeln!(out, "\npairs");
    }
    for pair in &facts.pairs {
        let line = parsed.source.location(pair.span.start).line;
        let unit = pair.unit.as_ref().map_or(String::new(), |u| format!("  {}", u.canonical));
        let value = format!("{} / {} = {}", pair.actual, pair.target, against(pair.progress, facts.period.schedule));
        let noun = pair.noun.as_deref().map_or(String::new(), |n| format!("{}  ", cut(n, 20)));
        let _ = writeln!(out, "{line:>width$}  {noun}{value}{unit}");
    }
    if !facts.standings.is_empty() {
        let _ = writeln!(out, "\nstandings");
    }
    for standing in &facts.standings {
        let line = parsed.source.location(standing.span.start).line;
        let place = match standing.place {
            crate::extract::Place::Nth(n) => format!("第{n}"),
            crate::extract::Place::Group(crate::extract::GroupPlace::Top, n) => format!("前{n}"),
            crate::extract::Place::Group(crate::extract::GroupPlace::Bottom, n) => format!("后{n}"),
        };
        let _ = writeln!(out, "{line:>width$}  {place:<6} {}", standing.unit.canonical);
    }
    out
}

/// One statement: its line, its words and family, and who or what it is about.
fn statement_line(out: &mut String, parsed: &Parsed, statement: &crate::extract::Statement, width: usize) {
    let source = &parsed.source;
    let line = source.location(statement.words.start).line;
    let words = source.slice(statement.words);
    let mut about: Vec<&str> = if statement.units.is_empty() {
        statement.things.iter().map(|t| t.text.as_str()).collect()
    } else {
        statement.units.iter().map(|u| u.canonical.as_str()).collect()
    };
    let mut seen = std::collections::HashSet::new();
    about.retain(|name| seen.insert(*name));
    let about = if about.is_empty() { "—".to_string() } else { about.join("、") };
    let kind = format!("{} {}", statement.polarity.name(), statement.family);
    let _ = writeln!(out, "{line:>width$}  {}  [{kind}]  {}", cut(words, HEADING_COLUMNS), cut(&about, 80));
}

/// The title, as-of date with 序时进度, and item counts by state.
pub(super) fn header(parsed: &Parsed, facts: &Facts) -> String {
    let document = &parsed.document;
    let mut out = String::new();
    let title = document.meta.title.as_deref().unwrap_or("—");
    let _ = writeln!(out, "{:<10} {title}", "title");
    let period = &facts.period;
    let as_of = match (period.as_of, &period.basis) {
        (Some(date), Some(basis)) => {
            let from = match basis {
                crate::extract::AsOfBasis::Flag => "--as-of".to_string(),
                crate::extract::AsOfBasis::Stated(text) => text.clone(),
                crate::extract::AsOfBasis::Published => "published".to_string(),
            };
            let schedule = period.schedule.map_or(String::new(), |s| format!(" · 序时进度 {:.1}%", s * 100.0));
            format!("{date} ({from}){schedule}")
        }
        (None, Some(crate::extract::AsOfBasis::Stated(text))) => match period.schedule {
            Some(s) => format!("{text}, year not stated (pass --as-of) · 序时进度 {:.1}%", s * 100.0),
            None => format!("{text}, year not stated (pass --as-of)"),
        },
        _ => "— (no date in the document; pass --as-of)".to_string(),
    };
    let _ = writeln!(out, "{:<10} {as_of}", "as of");
    let count = |state: State| facts.items.iter().filter(|i| i.state == state).count();
    let planned = match count(State::Planned) {
        0 => String::new(),
        n => format!(", {n} planned"),
    };
    let _ = writeln!(
        out,
        "{:<10} {}: {} done, {} in progress, {} behind, {} not reported{planned}, {} unclear",
        "items",
        facts.items.len(),
        count(State::Done),
        count(State::InProgress),
        count(State::Shortfall),
        count(State::NotReported),
        count(State::Unknown)
    );
    out
}

fn block(out: &mut String, parsed: &Parsed, item: &Item, facts: &ItemFacts, schedule: Option<f64>, width: usize) {
    let line = parsed.source.location(item.numeral.span.start).line;
    let _ = writeln!(
        out,
        "{line:>width$}  {} {}  [{}]",
        item.path,
        cut(&item.heading.text, HEADING_COLUMNS),
        facts.state.name()
    );
    let indent = " ".repeat(width + 4);
    let row = |out: &mut String, key: &str, value: &str| {
        let pad = 12usize.saturating_sub(key.width()).max(2);
        let _ = writeln!(out, "{indent}{key}{}{value}", " ".repeat(pad));
    };
    for pair in &facts.pairs {
        let (target, actual) = (&facts.quantities[pair.target], &facts.quantities[pair.actual]);
        let value = format!("{} / {} = {}", actual.text, target.text, against(pair.progress, schedule));
        row(out, &pair.noun, &value);
    }
    for quantity in facts.quantities.iter().filter(|q| matches!(q.role, Role::Ratio | Role::Rank | Role::Gap)) {
        let of = quantity.noun.as_deref().map_or(String::new(), |noun| format!(" ({noun})"));
        let value = match quantity.role {
            Role::Ratio => format!("{}{of} = {}", quantity.text, against(quantity.value / 100.0, schedule)),
            _ => format!("{}{of}", quantity.text),
        };
        row(out, label(quantity), &value);
    }
    if !facts.units.is_empty() {
        let units: Vec<String> = facts.units.iter().map(|u| format!("{} {}", u.canonical, u.role.name())).collect();
        row(out, "units", &dedup(units).join(", "));
    }
    if !facts.deadlines.is_empty() {
        let dates: Vec<String> = facts.deadlines.iter().map(|d| format!("{} {}", d.date, d.text)).collect();
        row(out, "due", &dedup(dates).join(", "));
    }
}

/// Progress as a percentage, and its distance from 序时进度 in percentage points.
fn against(progress: f64, schedule: Option<f64>) -> String {
    let percent = format!("{:.1}%", progress * 100.0);
    match schedule {
        Some(schedule) => {
            let points = ((progress - schedule) * 1000.0).round() / 10.0;
            if points < 0.0 {
                format!("{percent}, {:.1} pp behind 序时进度", -points)
            } else {
                format!("{percent}, {points:.1} pp ahead of 序时进度")
            }
        }
        None => percent,
    }
}

fn label(quantity: &Quantity) -> &'static str {
    match quantity.role {
        Role::Ratio => "of target",
        Role::Rank => "rank",
        _ => "short by",
    }
}

fn dedup(mut values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    values.retain(|v| seen.insert(v.clone()));
    values
}
