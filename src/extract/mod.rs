//! Stage 3, extract: [`Document`] → [`Facts`], what a clerk reads out of a
//! bulletin with a pencil.
//!
//! Input: the parsed document and its source, a [`UnitBook`] (from
//! `rules/units.yaml`) and an optional as-of date. Output: for every item its
//! quantities with their roles (target, actual, ratio, gap, rank, growth),
//! targets paired with actuals, responsible units, deadlines and state; the
//! quantities of paragraphs outside items; tallies; and the as-of date with
//! 序时进度. Next stage: rules.
//!
//! `grammar/facts.pest` defines numbers, dates, ranks and responsibility
//! clauses, found by `scan` (its two busiest rules read by hand in
//! `number_fact` and `duty_clause`, held to it by tests); the words around
//! them decide what they mean (`role`, `quantity`); `pair`, `units`,
//! `state`, `period` and `tally` do the rest.

mod duty_clause;
mod facts;
mod lines;
mod names;
mod number_fact;
mod pair;
mod period;
mod phrases;
mod quantity;
mod rate;
mod role;
mod scan;
mod standing;
mod state;
mod stated_pair;
mod statement;
mod tally;
mod units;

pub use facts::{
    AsOfBasis, Deadline, Facts, ItemFacts, Pair, PairBasis, Period, Place, Quantity, Role, SectionFacts, Side, Signal,
    Standing, State, StatedPair, StatedRate, Statement, Tally, TallyPart, Thing, UnitMention, UnitRole,
};
pub use period::schedule;
pub use phrases::{DEFAULT_PHRASES, Family, GroupPlace, PhraseBook, PhraseMatch, PhrasesError, Polarity};
pub use units::{DEFAULT_UNITS, UnitBook, UnitsError};

use lines::ScannedLines;
use pair::{Progress, Said};
use quantity::{is_boundary, is_counter, is_quote, normalise, noun_after, noun_before, qualifier_before};
use role::{Context, is_rank, role};
use scan::{Token, scan};

use crate::date::Date;
use crate::parse::{Document, Item, LabelRole, Paragraph, Section};
use crate::source::SourceText;

/// A quantity written alone, such as `55亿元` or `90%`: its value in base
/// units and the base unit (`5500000000`, `元`), as facts give them.
pub fn measure(text: &str) -> Option<(f64, String)> {
    let text = text.trim();
    match scan(text, 0).as_slice() {
        [Token::Quantity(measure)] if measure.span.end - measure.span.start == text.len() => {
            let (_, value, base) = normalise(measure);
            Some((value, base.to_string()))
        }
        _ => None,
    }
}

/// The office's words (用语): which names are units, and which phrases say
/// that a unit is behind or doing well. Both are data an office edits
/// (`rules/units.yaml`, `rules/phrases.yaml`).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Unit names.
    pub units: UnitBook,
    /// Phrases of lag and praise.
    pub phrases: PhraseBook,
}

/// How to read facts.
#[derive(Clone, Debug, Default)]
pub struct ExtractOptions {
    /// The date the figures stand at, overriding what the document says.
    pub as_of: Option<Date>,
}

/// Reads the facts of a parsed bulletin.
pub fn extract(source: &SourceText, document: &Document, lexicon: &Lexicon, options: &ExtractOptions) -> Facts {
    // Every body line is scanned for facts once; every stage below reads these tokens.
    let lines = ScannedLines::new(source, document);
    let period = period::period(source, document, options.as_of, &lexicon.phrases);
    let mut tallies = Vec::new();
    let readings = item_readings(document);
    let items: Vec<ItemFacts> = document
        .items
        .iter()
        .zip(readings)
        .map(|(item, reading)| item_facts(source, &lines, item, reading, lexicon, &period, &mut tallies))
        .collect();
    let mut sections = Vec::new();
    for section in &document.sections {
        section_facts(source, &lines, section, &mut sections, &mut tallies);
    }
    let preamble = paragraph_facts(source, &scanned(&lines, source, &document.preamble), None, &mut tallies).0;
    tallies.sort_by_key(|t| t.span.start);
    let statements = statement::statements(source, document, lexicon, &items);
    let standings = standing::standings(source, document, lexicon, &items, &statements, &lines);
    let pairs = stated_pair::stated_pairs(source, document, lexicon, &items, &lines);
    let rates = rate::stated_rates(source, document, lexicon, &items, &pairs, &lines);
    Facts { period, items, sections, preamble, tallies, statements, standings, pairs, rates }
}

/// How an item's own text reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// A task, whose 落实情况 says how far it got.
    Task,
    /// A report: its own text says what was done.
    Report,
    /// A plan or a requirement, with nothing to report yet.
    Plan,
}

/// Per item, how its own text reads: items under a heading like
/// "工作进展情况" or "存在的主要问题" say what was done; items under
/// "下一步工作打算", "几点要求" or "督查建议" what is to be done; items under
/// "重点任务" or "目标" are tasks. The heading's last words tell, as a
/// label's do — unless the section's items carry 落实情况 paragraphs, when
/// each item's text is its task. Where no item of the bulletin carries one,
/// the bulletin reports in its items' own text (a 红黑榜 "1.基础工作红黑榜",
/// a hotline's "（三）逾期办理情况"): they are reports, not tasks unreported.
fn item_readings(document: &Document) -> Vec<Reading> {
    let fallback = if document.items.iter().any(Item::has_status) { Reading::Task } else { Reading::Report };
    fn mark(
        section: &Section,
        items: &[Item],
        inherited: Option<Reading>,
        fallback: Reading,
        readings: &mut [Reading],
    ) {
        const REPORT: &[&str] = &["进展", "情况", "问题", "亮点", "成效", "回顾", "成绩"];
        const PLAN: &[&str] = &["打算", "要求", "安排", "计划", "建议", "措施", "思路", "部署"];
        const TASK: &[&str] = &["目标", "任务"];
        let heading = section.heading.text.as_str();
        let ends = |words: &[&str]| words.iter().any(|w| heading.ends_with(w));
        let own = if ends(PLAN) {
            Some(Reading::Plan)
        } else if ends(TASK) {
            Some(Reading::Task)
        } else if ends(REPORT) {
            Some(Reading::Report)
        } else {
            None
        };
        let with_status = items[section.items.clone()].iter().any(Item::has_status);
        let says = if with_status { Some(Reading::Task) } else { own.or(inherited) };
        for index in section.items.clone() {
            readings[index] = says.unwrap_or(fallback);
        }
        for child in &section.children {
            mark(child, items, says, fallback, readings);
        }
    }
    let mut readings = vec![fallback; document.items.len()];
    for section in &document.sections {
        mark(section, &document.items, None, fallback, &mut readings);
    }
    readings
}

fn item_facts(
    source: &SourceText,
    lines: &ScannedLines<'_>,
    item: &Item,
    reading: Reading,
    lexicon: &Lexicon,
    period: &Period,
    tallies: &mut Vec<Tally>,
) -> ItemFacts {
    let task = scanned(lines, source, std::iter::once(&item.heading).chain(&item.text));
    let status = scanned(lines, source, item.status.iter().flat_map(|f| &f.paragraphs));
    let mut facts = ItemFacts::default();

    // An item that reports in its own text (and has no 落实情况) is read as a report.
    let task_side = if reading == Reading::Report && status.is_empty() { Side::Actual } else { Side::Target };
    let (mut quantities, mut said) = paragraph_facts(source, &task, Some(task_side), tallies);
    let reported_text = task_side == Side::Actual;
    said.iter_mut().for_each(|s| s.reported = reported_text);
    let (reported, mut reported_said) = paragraph_facts(source, &status, Some(Side::Actual), tallies);
    let sentences = said.iter().map(|s| s.sentence + 1).max().unwrap_or(0);
    reported_said.iter_mut().for_each(|s| {
        s.reported = true;
        s.sentence += sentences;
    });
    quantities.extend(reported);
    said.extend(reported_said);
    facts.pairs = pair::pairs(&quantities, &said);
    facts.quantities = quantities;

    // Deadlines: every date of the task and of the 完成时限 lines; in a
    // report only what it promises ("确保10月底前完成").
    // An item that reports in its own text is all report: "截至10月底" there
    // says when the figures stand, not when something is due.
    let duty_paragraphs = scanned(lines, source, item.duties.iter().flat_map(|f| &f.paragraphs));
    let task_promises_only = task_side == Side::Actual;
    for (paragraph, promised_only) in task
        .iter()
        .map(|p| (p, task_promises_only))
        .chain(duty_paragraphs.iter().map(|p| (p, false)))
        .chain(status.iter().map(|p| (p, true)))
    {
        deadlines(source, paragraph, promised_only, period.year, &lexicon.phrases, &mut facts.deadlines);
    }

    for scanned in task.iter().chain(&status) {
        facts.units.extend(units::find(source, scanned.paragraph.span, &lexicon.units));
    }
    for field in item.duties.iter().chain(&item.task) {
        if field.label.role == LabelRole::Duty || field.label.text.contains("单位") {
            for paragraph in &field.paragraphs {
                facts.units.extend(units::from_field(source, &field.label.text, paragraph.span, &lexicon.units));
            }
        }
    }
    facts.units.sort_by_key(|u| u.span.start);
    facts.units.dedup_by(|a, b| a.span == b.span);

    // A reporting item's text is its status.
    let reported_in = if task_side == Side::Actual { &task } else { &status };
    let reported_in: Vec<&Paragraph> = reported_in.iter().map(|s| s.paragraph).collect();
    (facts.state, facts.signals) = state::state(&reported_in);
    if facts.state == State::NotReported && reading == Reading::Plan {
        facts.state = State::Planned;
    } else if facts.state == State::Unknown {
        (facts.state, facts.signals) = state::from_figures(&facts.quantities, &facts.pairs);
    }
    facts
}

fn section_facts(
    source: &SourceText,
    lines: &ScannedLines<'_>,
    section: &Section,
    out: &mut Vec<SectionFacts>,
    tallies: &mut Vec<Tally>,
) {
    let paragraphs =
        scanned(lines, source, section.text.iter().chain(section.fields.iter().flat_map(|f| &f.paragraphs)));
    let quantities = paragraph_facts(source, &paragraphs, None, tallies).0;
    out.push(SectionFacts { quantities });
    for child in &section.children {
        section_facts(source, lines, child, out, tallies);
    }
}

/// A paragraph and the facts the grammar found in it, scanned once for
/// quantities, deadlines and tallies alike.
struct Scanned<'p> {
    paragraph: &'p Paragraph,
    tokens: std::borrow::Cow<'p, [Token]>,
}

fn scanned<'p>(
    lines: &'p ScannedLines<'_>,
    source: &SourceText,
    paragraphs: impl IntoIterator<Item = &'p Paragraph>,
) -> Vec<Scanned<'p>> {
    paragraphs
        .into_iter()
        .map(|paragraph| Scanned { paragraph, tokens: lines.within(source, paragraph.span) })
        .collect()
}

fn deadlines(
    source: &SourceText,
    scanned: &Scanned<'_>,
    promised_only: bool,
    year: Option<i32>,
    phrases: &PhraseBook,
    out: &mut Vec<Deadline>,
) {
    for token in scanned.tokens.iter() {
        // "2019年11月21日市政府第16次常务会议": the day of a meeting, not a deadline.
        let after = &source.text[token.span().end..scanned.paragraph.span.end];
        if phrases.names_an_event(after) {
            continue;
        }
        let date = match *token {
            Token::Date { date, .. } if date.before || !promised_only => period::resolve(date, year),
            Token::Period { end_month, year: stated, .. } if !promised_only => {
                let year = stated.or(year);
                year.and_then(|y| Date::new(y, end_month, crate::date::days_in_month(y, end_month)))
            }
            _ => None,
        };
        if let Some(date) = date {
            let span = token.span();
            out.push(Deadline { text: source.slice(span).to_string(), span, date });
        }
    }
}

/// The quantities of some paragraphs, with what their sentences say about
/// progress (`Said::reported` is left for the caller); tallies found on the
/// way are added to `tallies`.
fn paragraph_facts(
    source: &SourceText,
    paragraphs: &[Scanned<'_>],
    side: Option<Side>,
    tallies: &mut Vec<Tally>,
) -> (Vec<Quantity>, Vec<Said>) {
    let (mut quantities, mut said) = (Vec::new(), Vec::new());
    let mut sentences = 0;
    for &Scanned { paragraph, ref tokens } in paragraphs {
        tallies.extend(tally::tallies(source, paragraph.span, tokens));
        let first = quantities.len();
        // Sentence ends are counted as the figures go by, not from the start each time.
        let (mut counted_to, mut sentence) = (0, sentences);
        for (index, token) in tokens.iter().enumerate() {
            let previous = quantities[first..].last();
            if let Some((quantity, progress)) = quantity_of(source, paragraph, tokens, index, token, side, previous) {
                let at = quantity.span.start - paragraph.span.start;
                sentence += paragraph.text[counted_to..at].matches(SENTENCE_ENDS).count();
                counted_to = at;
                quantities.push(quantity);
                said.push(Said { progress, reported: false, sentence, whole: false });
            }
        }
        sentences += paragraph.text.matches(SENTENCE_ENDS).count() + 1;
        restate_by_arithmetic(&mut quantities[first..], &said[first..]);
        if side == Some(Side::Actual) {
            wholes_as_targets(&mut quantities[first..], &mut said[first..]);
        }
    }
    (quantities, said)
}

/// The words of `clause` (which ends at byte `at` of the paragraph
/// starting at byte `base` of the source) that can say how far the number
/// got: not the name the previous figure of the clause counts
/// ("40家升级改造建材企业中3家…": 改造 is in a name, not what the 2 did).
fn progress_words<'t>(clause: &'t str, at: usize, base: usize, previous: Option<&Quantity>) -> &'t str {
    let clause_start = base + at - clause.len();
    let named = previous.filter(|p| p.span.end > clause_start && p.span.end <= base + at).and_then(|p| {
        let between = &clause[p.span.end - clause_start..];
        p.noun.as_deref().and_then(|noun| between.find(noun).map(|i| &between[i + noun.len()..]))
    });
    named.unwrap_or(clause)
}

/// In a report, a figure with no word of progress whose done part follows
/// in its sentence ([`pair::part_of`]) states the whole the work is measured
/// against: the target a clerk computes progress from.
fn wholes_as_targets(quantities: &mut [Quantity], said: &mut [Said]) {
    for w in 0..quantities.len() {
        if quantities[w].role == Role::Actual
            && said[w].progress == Progress::None
            && pair::part_of(quantities, said, w).is_some()
        {
            quantities[w].role = Role::Target;
            quantities[w].side = Side::Target;
            said[w].whole = true;
        }
    }
}

/// What ends a sentence; its ；-separated parts share what it opened with.
const SENTENCE_ENDS: [char; 5] = ['。', '！', '？', '!', '?'];

/// "资质内建筑业企业4户，完成3户，差目标任务1户": a figure that is what was
/// done plus what is missing, in one sentence, is the target restated.
fn restate_by_arithmetic(quantities: &mut [Quantity], said: &[Said]) {
    for g in 0..quantities.len() {
        if quantities[g].role != Role::Gap || g < 2 {
            continue;
        }
        let (done, whole) = (g - 1, g - 2);
        let same =
            |i: usize| said[i].sentence == said[g].sentence && quantities[i].base_unit == quantities[g].base_unit;
        if same(done) && same(whole) && quantities[done].role == Role::Actual && quantities[whole].role == Role::Actual
        {
            let sum = quantities[done].base_value + quantities[g].base_value;
            if (quantities[whole].base_value - sum).abs() < 1e-9 {
                quantities[whole].role = Role::Target;
                quantities[whole].side = Side::Target;
            }
        }
    }
}

/// The quantity a token is, if it is one.
fn quantity_of(
    source: &SourceText,
    paragraph: &Paragraph,
    tokens: &[Token],
    index: usize,
    token: &Token,
    side: Option<Side>,
    previous: Option<&Quantity>,
) -> Option<(Quantity, Progress)> {
    let text = &paragraph.text;
    let span = token.span();
    let at = span.start - paragraph.span.start;
    let before = &text[within_reach(text, at)..at];
    let clause = after_last(before, is_boundary);
    // A sentence ends at 。！？; its ；-separated parts share what it opened with
    // ("工作奋斗目标是：…增长4.5%；…增长14.5%").
    let sentence = after_last(before, |c| matches!(c, '。' | '！' | '？' | '!' | '?'));
    match token {
        Token::Rank { value, .. } if is_rank(clause) => {
            let quantity = Quantity {
                text: source.slice(span).to_string(),
                span,
                value: f64::from(*value),
                unit: "位".into(),
                base_value: f64::from(*value),
                base_unit: "位".into(),
                noun: None,
                role: Role::Rank,
                side: Side::Actual,
                qualifier: None,
                to: None,
            };
            Some((quantity, Progress::None))
        }
        Token::Quantity(measure)
            if !ordinal(before) && !names_a_thing(measure, &text[span.end - paragraph.span.start..]) =>
        {
            let (unit, base_value, base_unit) = normalise(measure);
            let mut base_unit = base_unit.to_string();
            let (mut role, mut side_found) = role(measure.unit, &Context { clause, sentence, side });
            // The noun is read from the words after the clause's previous fact:
            // in "64个项目开工58个", 58 counts 项目 and 开工 says what happened.
            // (A bare number is part of a name: "5G基站", "PM2.5".)
            let previous_end = tokens[..index]
                .iter()
                .rev()
                .find(|t| !matches!(t, Token::Bare { .. }))
                .map(|t| t.span().end - paragraph.span.start);
            let local = match previous_end {
                Some(end) if end > at - clause.len() && end <= at => &text[end..at],
                _ => clause,
            };
            // A counted number usually has its noun after it ("48个未开工的县级重点项目");
            // a measured one before it ("完成投资55亿元", "新建5G基站300个。").
            let end = span.end - paragraph.span.start;
            let after = &text[end..reach_after(text, end)];
            // Quotation marks belong to a name ("120家“绿色转型”升级企业").
            let after = &after[..after.find(|c| is_boundary(c) && !is_quote(c)).unwrap_or(after.len())];
            let following = is_counter(measure.unit).then(|| noun_after(after)).flatten();
            let mut noun = following.or_else(|| noun_before(&strip_cue(local, role)));
            // "99.93%、100.30%、98.68%": a list goes on in the role and noun it began with.
            let gap_to_previous = index.checked_sub(1).map(|i| &text[tokens[i].span().end - paragraph.span.start..at]);
            if let (Some(previous), Some(between)) = (previous, gap_to_previous)
                && between.chars().all(|c| "、和及与,， ".contains(c))
                && previous.base_unit == base_unit
                && matches!(previous.role, Role::Ratio | Role::Growth | Role::Gap | Role::Target)
            {
                (role, side_found) = (previous.role, previous.side);
                noun = noun.or_else(|| previous.noun.clone());
            }
            // "目标任务7户，完成1户": a number without a noun counts what the one
            // before it in its sentence counts; "投资55.3亿元，为年度目标的65.1%"
            // is a share of it.
            let sentence_start = paragraph.span.start + at - sentence.len();
            if noun.is_none()
                && let Some(previous) = previous
                    .filter(|p| (p.base_unit == base_unit || role == Role::Ratio) && p.span.start >= sentence_start)
            {
                noun = previous.noun.clone();
            }
            // "已投资44.45亿": money with its 元 left out.
            if base_unit.is_empty() && noun.as_deref().is_some_and(is_money) {
                base_unit = "元".to_string();
            }
            // "完成全年目标320亿元的45%": the figure a share is taken of is the target.
            if role == Role::Actual
                && after.strip_prefix('的').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            {
                (role, side_found) = (Role::Target, Side::Target);
            }
            let qualifier = measure.qualifier.or_else(|| qualifier_before(clause)).map(str::to_string);
            let quantity = Quantity {
                text: source.slice(span).to_string(),
                span,
                value: measure.number.value(),
                unit,
                base_value,
                base_unit,
                noun,
                role,
                side: side_found,
                qualifier,
                to: measure.to.map(|d| d.value()),
            };
            Some((quantity, Progress::of(progress_words(clause, at, paragraph.span.start, previous), after)))
        }
        _ => None,
    }
}

/// The part of `text` after the last character that `stop` accepts.
/// How far a figure's reading looks on each side, in bytes: clauses and
/// sentences are far shorter, and a paragraph without a break (a table
/// flattened to one line of 30 000 figures) would else make each figure read
/// the whole line.
const REACH: usize = 1536;

/// Where, before byte `at` of `text`, a figure's reading starts: [`REACH`]
/// bytes back, at a character's start.
fn within_reach(text: &str, at: usize) -> usize {
    let mut start = at.saturating_sub(REACH);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start
}

/// Where, after byte `end` of `text`, a figure's reading stops: [`REACH`]
/// bytes on, at a character's start.
fn reach_after(text: &str, end: usize) -> usize {
    let mut stop = (end + REACH).min(text.len());
    while !text.is_char_boundary(stop) {
        stop -= 1;
    }
    stop
}

fn after_last(text: &str, stop: impl Fn(char) -> bool) -> &str {
    match text.char_indices().rev().find(|&(_, c)| stop(c)) {
        Some((at, c)) => &text[at + c.len_utf8()..],
        None => text,
    }
}

/// Whether a number is part of a name or an idiom rather than a figure:
/// a plant's capacity before the product ("40万吨聚碳酸酯", "100兆瓦/200兆瓦时
/// 独立储能"); a count that names a policy ("促消费10条措施", "八项制度"); or
/// 一 in a word or idiom ("统一架构", "打造一批").
fn names_a_thing(measure: &scan::Measure, after: &str) -> bool {
    let capacity = matches!(measure.unit, "吨" | "千瓦" | "兆瓦" | "千瓦时" | "兆瓦时");
    let next = after.chars().next();
    let plant = capacity
        && next.is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '/' || c.is_ascii_alphanumeric());
    let policy = ["措施", "意见", "规定", "举措", "办法", "条例", "制度", "机制"].iter().any(|w| after.starts_with(w));
    let idiom = measure.hanzi && measure.number.value() == 1.0;
    plant || policy || idiom
}

/// Whether a noun names money, so a bare 万/亿 after it means 元.
fn is_money(noun: &str) -> bool {
    ["投资", "资金", "收入", "产值", "金额", "总额", "销售额", "营业额", "税收", "经费", "贷款", "融资"]
        .iter()
        .any(|w| noun.contains(w))
}

/// Whether a number is an ordinal: "第10、11次", "第一个议题".
fn ordinal(before: &str) -> bool {
    let rest = before
        .trim_end_matches(|c: char| c.is_ascii_digit() || "、０１２３４５６７８９一二三四五六七八九十".contains(c));
    rest.ends_with('第')
}

/// The clause without the cue that made its role, so the noun is what remains:
/// "规上工业增加值增长" → "规上工业增加值"; "新增规上工业企业年度目标任务" →
/// "培育规上工业企业".
fn strip_cue(clause: &str, role: Role) -> String {
    const CUES: &[&str] = &[
        "同比增长",
        "同比下降",
        "增长",
        "增速",
        "下降",
        "提高",
        "降低",
        "提升",
        "减少",
        "增加",
        "改善",
        "年度目标任务",
        "目标任务",
        "年度目标",
        "年度任务",
        "年度计划",
        "目标",
        "任务",
        "计划",
        "差",
        "为",
        "达到",
        "达",
    ];
    let mut text = clause.trim_end().trim_end_matches('的').to_string();
    if matches!(role, Role::Growth | Role::Target | Role::Gap | Role::Actual | Role::Ratio) {
        loop {
            let before = text.len();
            for cue in CUES {
                if let Some(stripped) = text.strip_suffix(cue) {
                    text = stripped.to_string();
                }
            }
            if text.len() == before {
                break;
            }
        }
    }
    if role == Role::Gap {
        text = text.trim_start_matches(['差', '尚', '还', '仍']).to_string();
    }
    text
}

#[cfg(test)]
mod tests;
