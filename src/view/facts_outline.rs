//! The readable facts of `duban facts --format text`: one block per item —
//! its state, targets against actuals with progress beside 序时进度, stated
//! ratios and ranks, responsible units and deadlines.
//!
//! ```text
//! 截至       2024-09-30（前三季度）· 序时进度 75.0%
//!
//!   13  一/2 新建5G基站300个  [正在推进]
//!         5G基站      196个 / 300个 = 65.3%，落后序时进度9.7个百分点
//!         责任单位    县工信局（牵头）
//! ```

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{cut, pad, words};
use crate::extract::{Facts, ItemFacts, Quantity, Role, State};
use crate::parse::Item;
use crate::pipeline::Parsed;
use crate::say;

/// Display columns of an item's heading before it is cut with `…`.
const HEADING_COLUMNS: usize = 40;

/// Renders the facts of a parse result.
pub fn to_facts_outline(parsed: &Parsed, facts: &Facts) -> String {
    let (source, document) = (&parsed.source, &parsed.document);
    let mut out = header(parsed, facts);
    for tally in &facts.tallies {
        let parts: Vec<String> = tally.parts.iter().map(|p| format!("{} {}", p.count, p.label)).collect();
        let verdict = if tally.consistent { say!("相符", "adds up") } else { say!("不相符", "does not add up") };
        let total = format!("{}{} = {}", tally.total, tally.unit, parts.join(" + "));
        let _ = writeln!(out, "{} {total}{}", pad(&say!("通报合计", "tally"), 10), words::aside(&verdict));
    }
    let width = source.line_count().to_string().len().max(3);
    for (item, item_facts) in document.items.iter().zip(&facts.items) {
        out.push('\n');
        block(&mut out, parsed, item, item_facts, facts.period.schedule, width);
    }
    if !facts.statements.is_empty() {
        let _ = writeln!(out, "\n{}", say!("表述", "statements"));
    }
    for statement in &facts.statements {
        statement_line(&mut out, parsed, statement, width);
    }
    if !facts.pairs.is_empty() {
        let _ = writeln!(out, "\n{}", say!("目标与完成", "pairs"));
    }
    for pair in &facts.pairs {
        let line = parsed.source.location(pair.span.start).line;
        let unit = pair.unit.as_ref().map_or(String::new(), |u| format!("  {}", u.canonical));
        let value = format!("{} / {} = {}", pair.actual, pair.target, against(pair.progress, facts.period.schedule));
        let noun = pair.noun.as_deref().map_or(String::new(), |n| format!("{}  ", cut(n, 20)));
        let _ = writeln!(out, "{line:>width$}  {noun}{value}{unit}");
    }
    if !facts.rates.is_empty() {
        let _ = writeln!(out, "\n{}", say!("各单位进度", "rates by unit"));
    }
    for rate in &facts.rates {
        let line = parsed.source.location(rate.span.start).line;
        let value = against(rate.percent / 100.0, facts.period.schedule);
        let _ = writeln!(out, "{line:>width$}  {}  {}  {value}", rate.unit.canonical, rate.measure);
    }
    if !facts.standings.is_empty() {
        let _ = writeln!(out, "\n{}", say!("排名", "standings"));
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
    let kind = format!("{} {}", words::polarity(statement.polarity), statement.family);
    let _ = writeln!(out, "{line:>width$}  {}  [{kind}]  {}", cut(words, HEADING_COLUMNS), cut(&about, 80));
}

/// The title, as-of date with 序时进度, and item counts by state.
pub(super) fn header(parsed: &Parsed, facts: &Facts) -> String {
    let document = &parsed.document;
    let mut out = String::new();
    let title = document.meta.title.as_deref().unwrap_or("—");
    let _ = writeln!(out, "{} {title}", pad(&say!("标题", "title"), 10));
    let period = &facts.period;
    let as_of = match (period.as_of, &period.basis) {
        (Some(date), Some(basis)) => {
            let from = match basis {
                crate::extract::AsOfBasis::Flag => "--as-of".to_string(),
                crate::extract::AsOfBasis::Stated(text) => text.clone(),
                crate::extract::AsOfBasis::Published => say!("发布日期", "published"),
            };
            let schedule = period.schedule.map_or(String::new(), |s| format!(" · 序时进度 {:.1}%", s * 100.0));
            format!("{date}{}{schedule}", words::aside(&from))
        }
        (None, Some(crate::extract::AsOfBasis::Stated(text))) => {
            let no_year = say!("{text}，未写年份（请加 --as-of）", "{text}, year not stated (pass --as-of)");
            match period.schedule {
                Some(s) => format!("{no_year} · 序时进度 {:.1}%", s * 100.0),
                None => no_year,
            }
        }
        _ => say!("—（通报中没有日期，请加 --as-of）", "— (no date in the document; pass --as-of)"),
    };
    let _ = writeln!(out, "{} {as_of}", pad(&say!("截至", "as of"), 10));
    let count = |state: State| facts.items.iter().filter(|i| i.state == state).count();
    let mut states = vec![State::Done, State::InProgress, State::Shortfall, State::NotReported];
    if count(State::Planned) > 0 {
        states.push(State::Planned);
    }
    states.push(State::Unknown);
    let parts: Vec<String> = states.iter().map(|&state| words::state_count(state, count(state))).collect();
    let items =
        say!("{}项：{}", "{}: {}", facts.items.len(), parts.join(if crate::lang::english() { ", " } else { "、" }));
    let _ = writeln!(out, "{} {items}", pad(&say!("事项", "items"), 10));
    out
}

fn block(out: &mut String, parsed: &Parsed, item: &Item, facts: &ItemFacts, schedule: Option<f64>, width: usize) {
    let line = parsed.source.location(item.numeral.span.start).line;
    let _ = writeln!(
        out,
        "{line:>width$}  {} {}  [{}]",
        item.path,
        cut(&item.heading.text, HEADING_COLUMNS),
        words::state(facts.state)
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
        let of = quantity.noun.as_deref().map_or(String::new(), words::aside);
        let value = match quantity.role {
            Role::Ratio => format!("{}{of} = {}", quantity.text, against(quantity.value / 100.0, schedule)),
            _ => format!("{}{of}", quantity.text),
        };
        row(out, &label(quantity), &value);
    }
    if !facts.units.is_empty() {
        let units: Vec<String> = facts.units.iter().map(|u| words::unit_role(&u.canonical, u.role)).collect();
        row(out, &say!("责任单位", "units"), &dedup(units).join(words::list()));
    }
    if !facts.deadlines.is_empty() {
        let dates: Vec<String> = facts.deadlines.iter().map(|d| format!("{} {}", d.date, d.text)).collect();
        row(out, &say!("完成时限", "due"), &dedup(dates).join(words::list()));
    }
}

/// Progress as a percentage, and its distance from 序时进度 in percentage points.
fn against(progress: f64, schedule: Option<f64>) -> String {
    let percent = format!("{:.1}%", progress * 100.0);
    match schedule {
        Some(schedule) => {
            let points = ((progress - schedule) * 1000.0).round() / 10.0;
            if points < 0.0 {
                say!("{percent}，落后序时进度{:.1}个百分点", "{percent}, {:.1} pp behind 序时进度", -points)
            } else if points == 0.0 && !crate::lang::english() {
                format!("{percent}，与序时进度持平")
            } else {
                say!("{percent}，超序时进度{points:.1}个百分点", "{percent}, {points:.1} pp ahead of 序时进度")
            }
        }
        None => percent,
    }
}

fn label(quantity: &Quantity) -> String {
    match quantity.role {
        Role::Ratio => say!("完成率", "of target"),
        Role::Rank => say!("排名", "rank"),
        _ => say!("差距", "short by"),
    }
}

fn dedup(mut values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    values.retain(|v| seen.insert(v.clone()));
    values
}
