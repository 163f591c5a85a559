//! Pairs stated outside the items: a target or total and what was done of
//! it, where a bulletin has no numbered tasks to hang them on.
//!
//! * **checked by its ratio**: two figures and a share that is the one
//!   over the other, in a sentence ("新引进项目40个，完成市考核目标45个的
//!   88.9%", "派单601件，按时结案597件，按时结案率99%") or a table row
//!   ("城镇新增就业 万人 5.2 7.23 139.1% 人社局"), or one number a line
//!   ("27800 / 52242 / 187.9");
//! * **a total and its done part**: "省实事15项中有9项提前完成", "交办事项19项。
//!   至目前，已办理完成13项", "203项任务已完成29项";
//! * **a floor and what reached it** in a table row: "不低于60元 60 达到目标".
//!
//! The arithmetic is what makes the first shape safe: figures that happen
//! to stand together rarely divide into the share written beside them.

use std::cell::OnceCell;

use super::Lexicon;
use super::facts::{ItemFacts, StatedPair, UnitMention, UnitRole};
use super::lines::{ScannedLines, sentences};
use super::scan::{Token, scan};
use crate::parse::Document;
use crate::source::{SourceText, Span};

/// How far, in percentage points, a written share may be from the figures'
/// own quotient besides what rounding explains: offices sometimes miscount
/// ("48.39%" of 491441 ÷ 1015000 = 48.42%).
const SHARE_TOLERANCE: f64 = 0.1;

/// Words after a part that say it is done.
const DONE: &[&str] = &["已完成", "完成", "已办结", "办结", "已办理完成", "提前完成", "已全部完成", "已建成"];

/// Words before a total: "交办具体工作事项19项", "共分解任务30项".
const TOTAL_LEADS: &[&str] = &["共", "合计", "总计", "共计", "交办", "分解", "下达", "确定", "任务为", "事项"];

/// How many cells after a row's last figure may name its unit ("… 61.4% 文化旅游广电局").
const LAST_CELLS: usize = 3;

/// How many figures of the lines before a share may be its whole.
const EARLIER_FIGURES: usize = 24;

/// Words before a figure in its clause that make it a target: "全年任务为3800户",
/// "本年度计划提升改造农村户厕29.59万座", "计划达到53亿元".
const TARGET_CUES: &[&str] = &["计划", "任务为", "目标为", "目标任务", "全年任务", "年度任务", "考核目标"];

/// Words that make a figure what was done: "实际改造4559户", "已达65.5亿元", "实际分别完成95个".
const ACTUAL_CUES: &[&str] = &["实际", "已", "累计", "完成"];

/// "全年任务为3800户，实际改造4559户"; "全年计划新创建A 80个，新增B 271个，实际分别
/// 完成95个、310个": targets and what was done, told by the words before each,
/// paired in order when they are as many, in the same units.
fn by_cues(source: &SourceText, text: &str, offset: usize, figures: &[Figure]) -> Vec<StatedPair> {
    let counts: Vec<&Figure> =
        figures.iter().filter(|f| f.unit != "%" && f.unit != "％" && !f.unit.is_empty()).collect();
    let clause_before = |f: &Figure| {
        let before = &text[..f.span.start - offset];
        let start = before
            .rfind(['，', ',', '；', ';', '。'])
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        &text[start..f.span.start - offset]
    };
    let mut targets = Vec::new();
    let mut actuals = Vec::new();
    let mut in_targets = false;
    for figure in &counts {
        let clause = clause_before(figure);
        let target = TARGET_CUES.iter().any(|c| clause.contains(c));
        let actual = ACTUAL_CUES.iter().any(|c| clause.contains(c)) && !target;
        if target {
            targets.push(*figure);
            in_targets = true;
        } else if actual {
            actuals.push(*figure);
            in_targets = false;
        } else if in_targets && clause.chars().count() <= 16 && actuals.is_empty() {
            // "…80个，新增农户家庭农场271个": the list of targets goes on.
            targets.push(*figure);
        } else if !actuals.is_empty() && clause.chars().count() <= 2 {
            // "实际分别完成95个、310个": the list of what was done goes on.
            actuals.push(*figure);
        }
    }
    if targets.is_empty() || targets.len() != actuals.len() {
        return Vec::new();
    }
    let same = targets.iter().zip(&actuals).all(|(t, a)| t.unit == a.unit && t.span.start < a.span.start);
    if !same {
        return Vec::new();
    }
    targets.iter().zip(&actuals).map(|(t, a)| pair(source, t, a)).collect()
}

/// "全省共完成农村改厕任务491441户，完成率为48.39%", the whole stated lines
/// before ("明确了101.5万户改厕任务"): a figure done and its share, with the
/// earlier figure the share says it is of.
fn share_of_an_earlier_whole(
    source: &SourceText,
    text: &str,
    offset: usize,
    figures: &[Figure],
    earlier: &[Figure],
) -> Option<StatedPair> {
    let (k, share) = figures.iter().enumerate().find(|(_, f)| (f.unit == "%" || f.unit == "％") && !f.proportion)?;
    let part = figures[..k].iter().rev().find(|f| {
        let before = &text[..f.span.start - offset];
        f.unit != "%" && ACTUAL_CUES.iter().any(|c| before.rsplit(['，', ',']).next().unwrap_or(before).contains(c))
    })?;
    let whole = earlier.iter().rev().find(|w| w.unit == part.unit && shares(part, w, share))?;
    Some(pair(source, whole, part))
}

/// A figure on a line: its value as written, base value and unit, where.
#[derive(Clone, Debug)]
struct Figure {
    value: f64,
    /// In base units: 1015000 for 101.5万户.
    base: f64,
    unit: &'static str,
    span: Span,
    /// Written with 不低于/以上/力争: a floor to reach.
    floor: bool,
    /// A share of a whole (占比, 占全部项目的…): a proportion, not how far a target got.
    proportion: bool,
}

/// The pairs a bulletin states outside its items, in order.
pub(crate) fn stated_pairs(
    source: &SourceText,
    document: &Document,
    lexicon: &Lexicon,
    items: &[ItemFacts],
    scanned: &ScannedLines<'_>,
) -> Vec<StatedPair> {
    let mut out = Vec::new();
    // An item's own pairs are its own; these readers add what they miss.
    let paired: Vec<Span> = items
        .iter()
        .flat_map(|i| i.pairs.iter().flat_map(|p| [i.quantities[p.target].span, i.quantities[p.actual].span]))
        .collect();
    // The rows since the last line without figures: a pair's unit is named
    // in the last cells of its row or of the row above it that has a serial
    // number or names one. Read only when a pair needs it.
    let mut rows: Vec<Row<'_>> = Vec::new();
    // Figures of the lines before, for a share whose whole was stated earlier.
    let mut earlier: Vec<Figure> = Vec::new();
    // An item with a 落实情况 has its pairs read as a task and its report; an
    // item that only reports ("（一）办理情况。…") is read here too.
    let reported = |line: Span| super::statement::in_reported_item(document, line);
    // A 名词解释 explains words; it states no pairs.
    let lines = document.lines.iter().enumerate().filter(|(_, l)| !l.glossary).map(|(i, l)| (i, l.span));
    for (index, line) in lines.filter(|&(_, line)| !reported(line)) {
        let text = source.slice(line);
        // A pair needs two figures: a line with fewer runs of digits has none (a
        // single figure is kept for a share stated lines below: see `earlier`).
        let runs = digit_runs(text);
        if runs == 0 {
            rows.clear();
            continue;
        }
        if runs == 1 && !text.contains(['%', '％']) && earlier.len() >= EARLIER_FIGURES {
            continue;
        }
        let figures = figures(text, line.start, scanned.line(index));
        let serial = text.trim_start().starts_with(|c: char| c.is_ascii_digit());
        rows.push(Row { line, text, serial, named: OnceCell::new() });
        for sentence in sentences(text, &['。', '！', '？', '；', ';']) {
            let inside: Vec<Figure> =
                figures.iter().filter(|f| sentence.contains(&(f.span.start - line.start))).cloned().collect();
            let mut found = by_share(source, &inside);
            if found.is_empty() {
                found.extend(
                    floor_reached(source, text, line.start, &inside)
                        .or_else(|| done_of_total(source, text, line.start, &inside, &figures)),
                );
            }
            if found.is_empty() {
                found = by_cues(source, text, line.start, &inside);
            }
            if found.is_empty() {
                found.extend(share_of_an_earlier_whole(source, text, line.start, &inside, &earlier));
            }
            for mut pair in found {
                if paired.iter().any(|s| pair.span.start <= s.start && s.end <= pair.span.end) {
                    continue;
                }
                // "共101.5万户改厕任务" three lines up: the pair spans them; name it by its actual's line.
                if pair.span.start < line.start {
                    pair.span = Span::new(line.start, pair.span.end);
                }
                pair.unit = row_unit(&rows, source, lexicon).or_else(|| {
                    super::statement::item_of(document, line).and_then(|i| items[i].units.first().cloned())
                });
                pair.noun = noun(source, line, &pair);
                out.push(pair);
            }
        }
        earlier.extend(figures.iter().filter(|f| f.unit != "%" && f.unit != "％").cloned());
        let keep = earlier.len().saturating_sub(EARLIER_FIGURES);
        earlier.drain(..keep);
    }
    out.extend(column_of_numbers(source, document, lexicon));
    if let Some(title) = &document.meta.title {
        let figures = figures(title, 0, &scan(title, 0));
        out.extend(done_of_total_in(title, &figures).map(|(target, actual)| StatedPair {
            noun: None,
            target: written(title, &target),
            actual: written(title, &actual),
            progress: actual.value / target.value,
            unit: None,
            span: Span::default(),
        }));
    }
    out
}

/// What a pair counts: in a table row, the row's name before its figures
/// ("新增15万户直播卫星用户", units of measure dropped); in prose, the noun
/// before the figure done ("新引进省外亿元投资项目40个" → 省外亿元投资项目).
fn noun(source: &SourceText, line: Span, pair: &StatedPair) -> Option<String> {
    const MEASURES: &[&str] = &["万人", "人", "公里", "万元", "元/月/人", "元/年/人", "万户", "户", "个", "-"];
    let text = source.slice(line);
    let first = pair.span.start - line.start;
    let before = &text[..first];
    let clause = before.rsplit(['，', ',', '；', ';', '。', '：', ':']).next().unwrap_or(before);
    let row = clause.trim_start().trim_start_matches(|c: char| c.is_ascii_digit()).trim();
    // A unit of measure stands in its own cell, apart: "城镇新增就业 万人".
    let mut name = row;
    while let Some((head, cell)) = name.rsplit_once(crate::text::is_space) {
        if !MEASURES.contains(&cell) && !cell.is_empty() {
            break;
        }
        name = head.trim_end();
    }
    let name = super::quantity::noun_before(name).unwrap_or_else(|| name.to_string());
    let name: String = name.chars().take(24).collect();
    (name.chars().count() >= 2).then_some(name)
}

/// How many runs of digits `text` holds.
fn digit_runs(text: &str) -> usize {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut runs = 0;
    let mut inside = false;
    for c in text.chars() {
        let d = digit(c) || (inside && (c == '.' || c == '．'));
        if d && !inside {
            runs += 1;
        }
        inside = d;
    }
    runs
}

/// The figures among the tokens of a line: quantities and bare numbers.
fn figures<'t>(text: &str, offset: usize, tokens: impl IntoIterator<Item = &'t Token>) -> Vec<Figure> {
    tokens
        .into_iter()
        .filter_map(|token| match token {
            Token::Quantity(m) if m.to.is_none() => {
                let before = &text[..m.span.start - offset];
                let floor = ["不低于", "不少于", "力争", "达到"].iter().any(|w| before.trim_end().ends_with(w))
                    || m.qualifier.is_some_and(|q| q == "以上");
                // "占全部项目的69.2%", "（占66.7%）": a share of a whole, unless the whole is a plan.
                let clause = before.rsplit(['，', ',', '；', ';', '。', '(', '（']).next().unwrap_or(before);
                let proportion = clause.contains('占') && !["计划", "目标", "任务"].iter().any(|w| clause.contains(w));
                let (_, base, unit) = super::quantity::normalise(m);
                let value = m.number.value();
                Some(Figure { value, base, unit, span: m.span, floor, proportion })
            }
            &Token::Bare { value, span } => {
                let value = value.value();
                Some(Figure { value, base: value, unit: "", span, floor: false, proportion: false })
            }
            _ => None,
        })
        .collect()
}

fn written(source_text: &str, figure: &Figure) -> String {
    source_text.get(figure.span.range()).unwrap_or_default().to_string()
}

/// Whether `share` (in percent) is `part` of `whole`, as far as the
/// rounding of all three allows: 3.49 ÷ 3.31 is 105.4%, and 105.3% is what
/// the unrounded figures may well give.
fn is_share(part: f64, whole: f64, share: f64) -> bool {
    if whole <= 0.0 || part <= 0.0 {
        return false;
    }
    let half_unit = |v: f64| 0.5 * 10f64.powi(-(decimals(v) as i32));
    let quotient = part / whole * 100.0;
    // A share written whole ("80") was taken of whole figures: only its own rounding counts.
    let inputs = if decimals(share) > 0 { quotient * (half_unit(part) / part + half_unit(whole) / whole) } else { 0.0 };
    (quotient - share).abs() <= inputs + half_unit(share) + SHARE_TOLERANCE
}

/// Whether `share` is `part` of `whole`, in base units, rounded as written.
fn shares(part: &Figure, whole: &Figure, share: &Figure) -> bool {
    // The rounding is that of the numbers as written, scaled to base units.
    let scale = |f: &Figure| if f.value == 0.0 { 1.0 } else { f.base / f.value };
    let half_unit = |v: f64| 0.5 * 10f64.powi(-(decimals(v) as i32));
    if whole.base <= 0.0 || part.base <= 0.0 {
        return false;
    }
    let quotient = part.base / whole.base * 100.0;
    let inputs = if decimals(share.value) > 0 {
        quotient
            * (half_unit(part.value) * scale(part) / part.base + half_unit(whole.value) * scale(whole) / whole.base)
    } else {
        0.0
    };
    (quotient - share.value).abs() <= inputs + half_unit(share.value) + SHARE_TOLERANCE
}

/// The decimals a number is written with, as its value shows them.
fn decimals(value: f64) -> usize {
    let text = format!("{value}");
    text.split_once('.').map_or(0, |(_, d)| d.len())
}

/// Two figures and a share after them that is the one over the other,
/// the closest such two before each share; a figure serves one pair.
fn by_share(source: &SourceText, figures: &[Figure]) -> Vec<StatedPair> {
    let mut out = Vec::new();
    let mut used: Vec<Span> = Vec::new();
    for (k, share) in figures.iter().enumerate().filter(|(_, f)| (f.unit == "%" || f.unit == "％") && !f.proportion) {
        let before: Vec<&Figure> =
            figures[..k].iter().filter(|f| f.unit != "%" && f.unit != "％" && !used.contains(&f.span)).collect();
        'share: for j in (0..before.len()).rev() {
            for i in (0..j).rev() {
                let (a, b) = (before[i], before[j]);
                let same_unit = a.unit == b.unit || a.unit.is_empty() || b.unit.is_empty();
                if !same_unit || (a.span.end == b.span.start) {
                    continue;
                }
                // "完成…目标45个的88.9%": the whole may come second.
                let (whole, part) = if shares(b, a, share) {
                    (a, b)
                } else if shares(a, b, share) && !b.floor {
                    (b, a)
                } else {
                    continue;
                };
                used.extend([whole.span, part.span]);
                out.push(pair(source, whole, part));
                break 'share;
            }
        }
    }
    out
}

fn pair(source: &SourceText, target: &Figure, actual: &Figure) -> StatedPair {
    StatedPair {
        noun: None,
        target: source.slice(target.span).to_string(),
        actual: source.slice(actual.span).to_string(),
        progress: actual.base / target.base,
        unit: None,
        span: target.span.cover(actual.span),
    }
}

/// A table row whose target is a floor and whose next figure reached it:
/// "不低于60元 60 达到目标60元".
fn floor_reached(source: &SourceText, text: &str, offset: usize, figures: &[Figure]) -> Option<StatedPair> {
    let (floor, reached) = figures.windows(2).map(|w| (&w[0], &w[1])).find(|(a, b)| a.floor && b.unit.is_empty())?;
    let between = &text[floor.span.end - offset..reached.span.start - offset];
    between.trim().is_empty().then(|| pair(source, floor, reached))
}

/// "省实事15项中有9项提前完成", "交办事项19项。至目前，已办理完成13项".
fn done_of_total(
    source: &SourceText,
    text: &str,
    offset: usize,
    figures: &[Figure],
    line_figures: &[Figure],
) -> Option<StatedPair> {
    let local = |f: &Figure| Figure { span: Span::new(f.span.start - offset, f.span.end - offset), ..f.clone() };
    let figures_here: Vec<Figure> = figures.iter().map(local).collect();
    if let Some((target, actual)) = done_of_total_in(text, &figures_here) {
        let back = |f: Figure| Figure { span: Span::new(f.span.start + offset, f.span.end + offset), ..f };
        return Some(pair(source, &back(target), &back(actual)));
    }
    // The done part in the next sentence: "…19项。至目前，已办理完成13项".
    let total = figures_here.iter().rev().find(|f| is_total(text, f))?;
    let rest = &text[total.span.end..];
    let next_start = rest.find('。').map(|i| total.span.end + i + '。'.len_utf8())?;
    let next = &text[next_start..];
    if !["至目前", "截至目前", "目前"].iter().any(|w| next.trim_start().starts_with(w)) {
        return None;
    }
    let everything: Vec<Figure> = line_figures.iter().map(local).collect();
    let part = everything
        .iter()
        .filter(|f| f.span.start >= next_start && f.unit == total.unit)
        .find(|f| DONE.iter().any(|w| text[..f.span.start].ends_with(w)))?;
    let back = |f: &Figure| Figure { span: Span::new(f.span.start + offset, f.span.end + offset), ..f.clone() };
    Some(pair(source, &back(total), &back(part)))
}

/// A total and a done part of it in one sentence of `text` (spans into `text`).
fn done_of_total_in(text: &str, figures: &[Figure]) -> Option<(Figure, Figure)> {
    for (i, total) in figures.iter().enumerate() {
        if total.unit.is_empty() || !(is_total(text, total) || done_follows(text, total)) {
            continue;
        }
        let part = figures[i + 1..].iter().find(|f| {
            f.unit == total.unit && f.value <= total.value && {
                let between = &text[total.span.end..f.span.start];
                let after = &text[f.span.end..];
                let clause_after = &after[..after.find(['，', ',', '；', ';', '。']).unwrap_or(after.len())];
                !between.contains('。') && (done_before(between) || done_after(clause_after))
            }
        });
        if let Some(part) = part {
            return Some((total.clone(), part.clone()));
        }
    }
    None
}

/// Whether the words before a part say it is done: "已完成13项", "完成的有29项".
fn done_before(between: &str) -> bool {
    DONE.iter()
        .any(|w| between.ends_with(w) || between.ends_with(&format!("{w}的有")) || between.ends_with(&format!("{w}了")))
}

/// Whether the words after a part say it is done — "9项指标提前完成", "57个小项已完成" —
/// and not how far it got ("27项完成进度超过60%").
fn done_after(clause: &str) -> bool {
    const MEASURES: &[&str] = &["进度", "率", "比例", "情况", "投资", "值"];
    let near = clause.char_indices().nth(8).map_or(clause.len(), |(at, _)| at);
    DONE.iter().any(|w| {
        clause.find(w).is_some_and(|at| at < near && !MEASURES.iter().any(|m| clause[at + w.len()..].starts_with(m)))
    })
}

/// Whether a figure is a total: "15项中", "…19项" after 交办/共.
fn is_total(text: &str, figure: &Figure) -> bool {
    let after = &text[figure.span.end..];
    // "125个小项中": the total is the count nearest before 中, no other count between.
    let zhong = after.char_indices().take(10).any(|(at, c)| {
        c == '中'
            && !after[..at].contains(['，', ',', '、', '。'])
            && !after[..at].contains(|c: char| c.is_ascii_digit())
            && !after[at + c.len_utf8()..].starts_with('央')
            && !after[..at].ends_with('其')
    });
    let before = &text[..figure.span.start];
    let clause = before.rsplit(['，', ',', '。', '；', ';']).next().unwrap_or(before);
    zhong || TOTAL_LEADS.iter().any(|lead| clause.contains(lead))
}

/// "203项任务已完成29项": a count, its noun, then 已完成 and the part.
fn done_follows(text: &str, figure: &Figure) -> bool {
    let after = &text[figure.span.end..];
    let clause = &after[..after.find(['，', ',', '。', '；', ';']).unwrap_or(after.len())];
    DONE.iter().any(|w| clause.contains(w))
}

/// A line with figures, as a table's row.
struct Row<'t> {
    line: Span,
    text: &'t str,
    /// Whether it opens with a serial number.
    serial: bool,
    /// The unit its last cells name, once asked.
    named: OnceCell<Option<UnitMention>>,
}

/// The unit of the last of `rows`: named in its last cells; a row without a
/// serial number that names none goes on with the one above.
fn row_unit(rows: &[Row<'_>], source: &SourceText, lexicon: &Lexicon) -> Option<UnitMention> {
    rows.iter().rev().find_map(|row| {
        let named = row.named.get_or_init(|| last_unit(source, row.line, row.text, lexicon));
        (named.is_some() || row.serial).then(|| named.clone())
    })?
}

/// The unit a table row names in its last cells ("… 139.1% 人力资源社会保障局").
fn last_unit(source: &SourceText, line: Span, text: &str, lexicon: &Lexicon) -> Option<UnitMention> {
    let last_figure = text.rfind(|c: char| c.is_ascii_digit() || c == '%')?;
    let tail_start = last_figure + text[last_figure..].chars().next().map_or(1, char::len_utf8);
    let tail = &text[tail_start..];
    // A row's unit is in one of its last cells, right after its figures.
    let (entry, named) = super::names::entries(tail)
        .into_iter()
        .take(LAST_CELLS)
        .find_map(|entry| Some((entry.clone(), lexicon.units.entry_units(&tail[entry]).into_iter().next()?)))?;
    let start = line.start + tail_start + entry.start;
    Some(responsible(source, Span::new(start + named.range.start, start + named.range.end), named.canonical))
}

/// The unit named at `span`, as the one a row's figures are of.
fn responsible(source: &SourceText, span: Span, canonical: String) -> UnitMention {
    UnitMention { name: source.slice(span).to_string(), canonical, role: UnitRole::Responsible, span, duty: None }
}

/// A table flattened one number a line: target, done, share ("27800" /
/// "52242" / "187.9"), under the line that names the row ("东坡区").
fn column_of_numbers(source: &SourceText, document: &Document, lexicon: &Lexicon) -> Vec<StatedPair> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, f64)> = Vec::new();
    // The row's unit is the nearest line above that names one. Most lines
    // name none, so they are read only for a pair, each at most once: the
    // lines before `read` have been, and `unit` is the last they named.
    let (mut unit, mut read): (Option<UnitMention>, usize) = (None, 0);
    let number = |text: &str| -> Option<f64> {
        let text = crate::text::trim(text);
        (!text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.')).then(|| text.parse().ok()).flatten()
    };
    let lines = &document.lines;
    for (index, line) in lines.iter().enumerate() {
        let Some(value) = number(source.slice(line.span)) else {
            run.clear();
            continue;
        };
        run.push((index, value));
        if let [.., (a_line, a), (b_line, b), (_, share)] = run.as_slice()
            && is_share(*b, *a, *share)
        {
            let (a_span, b_span) = (lines[*a_line].span, lines[*b_line].span);
            if let Some(named) = lines[read..*a_line].iter().rev().find_map(|l| column_unit(source, l.span, lexicon)) {
                unit = Some(named);
            }
            read = *a_line;
            out.push(StatedPair {
                noun: None,
                target: source.slice(a_span).trim().to_string(),
                actual: source.slice(b_span).trim().to_string(),
                progress: b / a,
                unit: unit.clone(),
                span: a_span.cover(b_span),
            });
            run.clear();
        }
    }
    out
}

/// The unit a line of a flattened column names, as a whole entry.
fn column_unit(source: &SourceText, line: Span, lexicon: &Lexicon) -> Option<UnitMention> {
    let text = source.slice(line);
    let named = lexicon.units.entry_units(crate::text::trim(text)).into_iter().next()?;
    let start = line.start + (text.len() - text.trim_start().len());
    Some(responsible(source, Span::new(start + named.range.start, start + named.range.end), named.canonical))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::source::Format;

    fn pairs(text: &str) -> Vec<(String, String, Option<String>)> {
        let source = SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into());
        let document = crate::parse::parse(&source).output;
        crate::extract::extract(&source, &document, &Lexicon::default(), &Default::default())
            .pairs
            .into_iter()
            .map(|p| (p.target, p.actual, p.unit.map(|u| u.canonical)))
            .collect()
    }

    #[test]
    fn checked_by_their_share() {
        assert_eq!(pairs("新引进项目40个，完成市考核目标45个的88.9%。")[0].0, "45个");
        assert_eq!(
            pairs("派单601件，按时结案597件，超时办理4件，按时结案率99%。")[0],
            ("601件".into(), "597件".into(), None)
        );
        assert!(pairs("新建公园3个，绿道12公里，完成率20%。").is_empty(), "3 and 12 are not 20%");
    }

    #[test]
    fn rows_and_columns_of_a_table() {
        let row = "1 城镇新增就业 万人 5.2 7.23  139.1% 县人社局\n";
        assert_eq!(pairs(row), [("5.2".into(), "7.23".into(), Some("县人社局".into()))]);
        let column = "东山区\n8000\n22921\n286.5\n";
        assert_eq!(pairs(column), [("8000".into(), "22921".into(), Some("东山区".into()))]);
        // Each row takes the nearest name above it; a row under no new name keeps the last.
        let rows = "西岭镇\n100\n50\n50\n说明\n200\n150\n75\n东山区\n40\n30\n75\n";
        let units: Vec<Option<String>> = pairs(rows).into_iter().map(|p| p.2).collect();
        assert_eq!(units, [Some("西岭镇".into()), Some("西岭镇".into()), Some("东山区".into())]);
    }

    #[test]
    fn totals_and_what_was_done() {
        assert_eq!(pairs("省实事11件15项中有9项指标提前完成，占比60%。")[0].0, "15项");
        assert_eq!(
            pairs("交办具体工作事项19项。至目前，已办理完成13项，正在办理6项。")[0],
            ("19项".into(), "13项".into(), None)
        );
    }
}
