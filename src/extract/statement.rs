//! Statements: what a bulletin says in words of units or things, wherever
//! it says it — "A、B进展缓慢", "黑榜：C镇、D街道", "进展偏慢的3项分别是：…",
//! "共10件逾期，其中E局4件", a heading "尚未完全落实事项" over its items.
//!
//! Every phrase of the [`PhraseBook`] found on a line of the body is a
//! statement; who it is about is read from the shape around it, in turn:
//!
//! 1. a **heading** — a line that is little more than the words ("黑榜",
//!    "排名后3位区县", "一、尚未完全落实事项") — is about what stands under
//!    it: the units of the items of its section, or the entries of the
//!    lines below it, up to the next heading or sentence;
//! 2. a **list after** the words: "…的乡镇：A、B", "…分别是：A、B",
//!    "…的部门A、B", on to the end of the sentence;
//! 3. a **breakdown** after 其中 in the same sentence: "其中A 4件，B 1件";
//! 4. the unit the words **describe**: "排名靠后的A街道在…";
//! 5. the **subject** of its clause or of one before it in the sentence:
//!    "A和B两个单位因整改不力，列入黑榜";
//! 6. "**其他**单位…": the units the sentences before it name, but for
//!    those its own sentence excepts ("除A之外，其他单位仍无改进").
//!
//! A subject that names tasks or projects (the phrase file's `things`)
//! makes the statement about those things, and names no unit.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Lexicon;
use super::facts::{ItemFacts, State, Statement, Thing, UnitMention, UnitRole};
use super::names::{Named, entries};
use super::phrases::{PhraseBook, PhraseMatch};
use super::units::UnitBook;
use crate::parse::{BodyLine, Document, Level, heading_level};
use crate::source::{SourceText, Span};

/// The most characters a line may hold besides its words and still be a
/// heading over what follows ("排名后3位区县", "尚未完全落实事项").
const HEADING_REST: usize = 8;

/// How many lines below a heading may hold no unit before its list is over
/// (a table's cell between lists: "综合指数 |").
const LIST_GAP: usize = 1;

/// A line of the body, as statements read it.
struct Line<'a> {
    span: Span,
    text: &'a str,
    /// Its heading numeral's level, if it opens with one.
    level: Option<Level>,
    /// The item whose text it is.
    item: Option<usize>,
}

/// The statements of a bulletin, in order.
pub(crate) fn statements(
    source: &SourceText,
    document: &Document,
    lexicon: &Lexicon,
    items: &[ItemFacts],
) -> Vec<Statement> {
    let lines = lines(source, document);
    let reader = Reader { source, lines: &lines, book: &lexicon.units, phrases: &lexicon.phrases, document, items };
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate().filter(|(_, line)| says_what_was_done(document, items, line)) {
        for found in lexicon.phrases.find(line.text, line.span.start) {
            if let Some(statement) = reader.statement(index, &found) {
                out.push(statement);
            }
        }
    }
    out
}

/// Whether the words at `at` sit between a 对 and a 的 of their clause
/// ("对…工作不力的单位"): they describe what the 的 qualifies.
fn qualifies_a_kind(text: &str, at: &Range<usize>) -> bool {
    let ends = ['，', ',', '；', ';', '。', '：', ':', '！', '？'];
    let before = &text[..at.start];
    let before = &before[before.rfind(ends).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8))..];
    let after = &text[at.end..];
    let after = &after[..after.find(ends).unwrap_or(after.len())];
    before.rfind('对').is_some_and(|open| !before[open..].contains('的')) && after.contains('的')
}

/// Whether `line` is part of its item's 落实情况.
fn in_status(document: &Document, line: &Line<'_>) -> bool {
    line.item.is_some_and(|index| {
        let status = document.items[index].status.iter().flat_map(|f| &f.paragraphs);
        status.into_iter().any(|p| p.span.start < line.span.end && line.span.start < p.span.end)
    })
}

/// Whether a line reports what was done: not a task's own text where the
/// item has a 落实情况 ("确保未开工的39个小区三季度开工" asks), not a plan
/// or requirement (下一步打算, 几点要求).
fn says_what_was_done(document: &Document, items: &[ItemFacts], line: &Line<'_>) -> bool {
    let Some(index) = line.item else { return true };
    if items[index].state == State::Planned {
        return false;
    }
    !document.items[index].has_status() || in_status(document, line)
}

fn lines<'a>(source: &'a SourceText, document: &Document) -> Vec<Line<'a>> {
    let extents: Vec<Span> = document.items.iter().map(|i| i.extent()).collect();
    // Lines and items are both in order: one walk pairs them.
    let mut next = 0;
    // A 名词解释 explains words ("两书一函：约谈通知书…"); it says nothing of anyone.
    document
        .lines
        .iter()
        .filter(|line| !line.glossary)
        .map(|&BodyLine { span, heading, .. }| {
            let text = source.slice(span);
            while next < extents.len() && extents[next].end <= span.start {
                next += 1;
            }
            // An item's extent starts after its numeral, so a line is its item's when they overlap.
            let item = (next < extents.len() && extents[next].start < span.end).then_some(next);
            Line { span, text, level: heading, item }
        })
        .collect()
}

/// The item whose text `line` is part of, found by halving (items are in order).
pub(crate) fn item_of(document: &Document, line: Span) -> Option<usize> {
    let after = document.items.partition_point(|item| item.extent().end <= line.start);
    document.items.get(after).filter(|item| item.extent().start < line.end).map(|_| after)
}

/// Whether `line` is part of an item with a 落实情况: such an item's figures
/// are read as its task and report, not again as the bulletin's own.
pub(crate) fn in_reported_item(document: &Document, line: Span) -> bool {
    item_of(document, line).is_some_and(|i| document.items[i].has_status())
}

struct Reader<'a> {
    source: &'a SourceText,
    document: &'a Document,
    lines: &'a [Line<'a>],
    book: &'a UnitBook,
    phrases: &'a PhraseBook,
    items: &'a [ItemFacts],
}

/// Who or what a statement is about, and the stretch of text that says so.
#[derive(Default)]
struct Subjects {
    units: Vec<UnitMention>,
    things: Vec<Thing>,
    span: Option<Span>,
}

impl Subjects {
    fn is_empty(&self) -> bool {
        self.units.is_empty() && self.things.is_empty()
    }
}

impl Reader<'_> {
    fn statement(&self, index: usize, found: &PhraseMatch) -> Option<Statement> {
        let line = &self.lines[index];
        let family = &self.phrases.families()[found.family];
        let at = found.span.start - line.span.start..found.span.end - line.span.start;
        let sentence = sentence(line.text, &at);
        let subjects = if self.is_heading(line, &at) {
            self.under_heading(index, &at)
        } else {
            self.in_sentence(index, &at, &sentence)
        };
        // "对措施不力、整改不到位的单位和个人，将严肃问责": words that qualify a
        // kind of unit, naming none, say how the office treats such units, not
        // that any lagged.
        if subjects.units.is_empty() && qualifies_a_kind(line.text, &at) {
            return None;
        }
        // What to quote: the part of the sentence (between ；) that holds the words.
        let part = part_of(line.text, &at, &sentence);
        let span = subjects.span.unwrap_or(Span::new(line.span.start + part.start, line.span.start + part.end));
        Some(Statement {
            family: family.id.clone(),
            label: family.label.clone(),
            polarity: family.polarity,
            words: found.span,
            span,
            // A group place is given to each unit of each list ("后3位": SO2, NO2 …).
            units: if family.place.is_some() { subjects.units } else { dedup(subjects.units) },
            things: subjects.things,
            place: family.place.zip(found.number),
            item: line.item,
            in_status: in_status(self.document, line),
        })
    }

    /// Whether the words make `line` a heading over what follows: the line
    /// holds little else, and no sentence.
    fn is_heading(&self, line: &Line<'_>, at: &Range<usize>) -> bool {
        let text = line.text;
        let body = match line.level.and_then(|_| heading_level(text)) {
            Some((_, start)) => &text[start..],
            None => text,
        };
        let body_start = text.len() - body.len();
        if at.start < body_start || body.contains(['。', '，', ',']) {
            return false;
        }
        let rest = text[body_start..]
            .char_indices()
            .filter(|(i, _)| !(at.start..at.end).contains(&(body_start + i)))
            .filter(|(_, c)| !crate::text::is_space(*c) && !"|｜:：“”\"()（）".contains(*c))
            .count();
        rest <= HEADING_REST
    }

    /// The units or things under a heading line.
    fn under_heading(&self, index: usize, at: &Range<usize>) -> Subjects {
        let line = &self.lines[index];
        // On the heading line itself: "黑榜：A镇、B街道".
        let inline = self.list(index, at.end..line.text.len());
        if !inline.units.is_empty() {
            return Subjects { units: inline.units, ..Subjects::default() };
        }
        match line.level {
            Some(level) => self.section_below(index, level),
            None => self.lines_below(index),
        }
    }

    /// A numbered heading: the units of the items under it, else the
    /// entries of its text.
    fn section_below(&self, index: usize, level: Level) -> Subjects {
        let end = (index + 1..self.lines.len())
            .find(|&i| self.lines[i].level.is_some_and(|l| l.depth() <= level.depth()))
            .unwrap_or(self.lines.len());
        let below = &self.lines[index + 1..end];
        let mut subjects = Subjects::default();
        let mut items: Vec<usize> = below.iter().filter_map(|l| l.item).collect();
        items.dedup();
        if items.is_empty() {
            // A heading with text, not items, under it: a list, as under any heading.
            return self.lines_below(index);
        }
        for item in items {
            subjects.units.extend(self.items[item].units.iter().cloned());
        }
        let last = below.last().map_or(self.lines[index].span, |l| l.span);
        subjects.span = Some(self.lines[index].span.cover(last));
        subjects
    }

    /// A heading with no items under it ("黑榜", "排名后3位区县 |"): the
    /// units listed on the lines below it, up to a numbered heading, another
    /// heading line, a sentence, a table row's number, or more than
    /// [`LIST_GAP`] lines that name no unit.
    fn lines_below(&self, index: usize) -> Subjects {
        let mut subjects = Subjects::default();
        let mut gap = 0;
        let mut last = self.lines[index].span;
        for i in index + 1..self.lines.len() {
            let line = &self.lines[i];
            let says = self.phrases.find(line.text, line.span.start);
            let heading = says.iter().any(|m| {
                let at = m.span.start - line.span.start..m.span.end - line.span.start;
                self.is_heading(line, &at)
            });
            // A row's number ("1 |") starts a table's rows: the list above it is over.
            let serial = line.text.trim_matches(|c: char| c == '|' || c.is_whitespace()).parse::<u32>().is_ok();
            if line.level.is_some() || heading || serial || line.text.contains('。') {
                break;
            }
            let listed = self.list(i, 0..line.text.len());
            if listed.units.is_empty() {
                gap += 1;
                if gap > LIST_GAP {
                    break;
                }
                continue;
            }
            gap = 0;
            last = line.span;
            subjects.units.extend(listed.units);
        }
        subjects.span = Some(self.lines[index].span.cover(last));
        subjects
    }

    /// The entries of `range` of line `index`: units where they are units,
    /// else things.
    fn list(&self, index: usize, range: Range<usize>) -> Subjects {
        let line = &self.lines[index];
        let text = &line.text[range.clone()];
        let mut subjects = Subjects::default();
        for entry in entries(text) {
            let written = &text[entry.clone()];
            let base = line.span.start + range.start + entry.start;
            // An entry that is a unit, or a clause a unit opens ("蓟州区和宁河区正按计划推进…"),
            // but not one that says who acts ("由市指挥部进行约谈").
            let mut named = self.book.entry_units(written);
            if named.is_empty() && !self.phrases.names_an_agent(written) {
                named = self.book.subject_units(written);
            }
            if named.is_empty() {
                if let Some(thing) = thing(written, base) {
                    subjects.things.push(thing);
                }
                continue;
            }
            subjects.units.extend(named.into_iter().map(|n| mention(self.source, base, n)));
        }
        // A list of things is only a list of things where nothing in it is a unit.
        if !subjects.units.is_empty() {
            subjects.things.clear();
        }
        subjects
    }

    /// Who a phrase in running text is about.
    fn in_sentence(&self, index: usize, at: &Range<usize>, sentence: &Range<usize>) -> Subjects {
        let text = self.lines[index].text;
        let after = self.list_after(index, at, sentence);
        if !after.is_empty() {
            return after;
        }
        if let Some(breakdown) = text[at.end..sentence.end].find("其中") {
            let start = at.end + breakdown + "其中".len();
            let found = self.list(index, start..sentence.end);
            if !found.units.is_empty() {
                return Subjects { units: found.units, ..Subjects::default() };
            }
        }
        if let Some(rest) = text[at.end..sentence.end].strip_prefix('的') {
            let rest = rest.trim_start_matches(['是', '为']);
            let start = sentence.end - rest.len();
            let named = self.book.subject_units(rest);
            if !named.is_empty() {
                let base = self.lines[index].span.start + start;
                return Subjects { units: units(self.source, base, named), ..Subjects::default() };
            }
        }
        self.before(index, at, sentence)
    }

    /// A list the words announce: "…的乡镇：A、B", "…分别是：A、B",
    /// "…的部门A、B"; it may open the next sentence ("…有2项。分别为…").
    fn list_after(&self, index: usize, at: &Range<usize>, sentence: &Range<usize>) -> Subjects {
        let text = self.lines[index].text;
        let end = list_end(text, at.end, sentence.end, self.phrases);
        let rest = &text[at.end..end];
        if let Some(found) = ANNOUNCED.find(rest) {
            let found = self.list(index, at.end + found.end()..end);
            if !found.is_empty() {
                return found;
            }
        }
        // The next sentence opens with the list.
        let next = &text[sentence.end..];
        let next = next.trim_start_matches(['。', '！', '？', '!', '?', ' ']);
        let start = text.len() - next.len();
        if let Some(found) = continued(next) {
            let end = list_end(text, start + found, text.len(), self.phrases);
            let mut listed = self.list(index, start + found..end);
            let line = self.lines[index].span.start;
            listed.span = Some(Span::new(line + sentence.start, line + end));
            return listed;
        }
        Subjects::default()
    }

    /// The subject of the phrase's clause, or of a clause before it in its
    /// part of the sentence (a ；starts another subject's part).
    fn before(&self, index: usize, at: &Range<usize>, sentence: &Range<usize>) -> Subjects {
        let line = &self.lines[index];
        let text = line.text;
        let part = part_of(text, at, sentence);
        let clauses = clauses(text, part.start, at.start);
        for clause in clauses.iter().rev() {
            let written = &text[clause.clone()];
            let mut subject = strip_openings(written);
            // "对排名第一的石桥镇给予通报表扬": who the office acts on is after its last 的.
            if subject.starts_with('对')
                && let Some(after) = subject.rfind('的').map(|i| &subject[i + '的'.len_utf8()..])
                && !after.is_empty()
            {
                subject = after;
            }
            // `subject` is a part of `written`; where it starts is how much was stripped.
            let start = clause.start + (subject.as_ptr() as usize - written.as_ptr() as usize);
            let base = line.span.start + start;
            if let Some(counted) = self.counted(subject, base) {
                return counted;
            }
            if subject.starts_with("其他") || subject.starts_with("其余") {
                return self.the_others(index, sentence);
            }
            let named = self.book.subject_units(subject);
            if let Some(last) = named.last() {
                // "由市指挥部进行约谈", "督查室将对…的任务": the unit acts; it is not behind.
                let between = &text[start + last.range.end..at.start.max(start + last.range.end)];
                let before_name = &subject[..named[0].range.start];
                if self.phrases.names_an_agent(between) || self.phrases.names_an_agent(before_name) {
                    break;
                }
                return Subjects { units: units(self.source, base, named), ..Subjects::default() };
            }
            // Things are what the phrase's own clause is about, not an earlier one's.
            if clause.end >= at.start && self.phrases.names_things(subject) {
                let things = entries_of(subject).into_iter().filter_map(|r| thing(&subject[r.clone()], base + r.start));
                return Subjects { things: things.collect(), ..Subjects::default() };
            }
            // A clause with a subject of its own that is no unit ends the search.
            if subject.starts_with(['各', '全', '我', '本']) {
                break;
            }
        }
        Subjects::default()
    }

    /// "A、B、C等3个单位", "老王坡、杨庄…13个乡镇": a list counted by the
    /// words after it names units, whatever their names end in, when the
    /// count matches.
    fn counted(&self, clause: &str, base: usize) -> Option<Subjects> {
        let found = COUNTED.captures(clause)?;
        let whole = found.get(0)?;
        let count = super::phrases::count(found.get(1)?.as_str())? as usize;
        let list = &clause[..whole.start()];
        let list_start = list
            .rfind(['的', '对', '，', ',', '：', ':'])
            .map_or(0, |at| at + list[at..].chars().next().map_or(1, char::len_utf8));
        let list = &clause[list_start..whole.start()];
        let parts: Vec<Range<usize>> = entries(list);
        if parts.len() != count && !(count > 1 && parts.len() == 1) {
            return None;
        }
        let mut named = Vec::new();
        for part in parts {
            let written = &list[part.clone()];
            let units = self.book.entry_units(written);
            if units.is_empty() {
                let name = crate::text::trim(written);
                if name.is_empty() || name.chars().count() > 12 {
                    return None;
                }
                named.push(UnitMention {
                    name: name.to_string(),
                    canonical: name.to_string(),
                    role: UnitRole::Responsible,
                    span: Span::new(base + list_start + part.start, base + list_start + part.end),
                    duty: None,
                });
            } else {
                named.extend(units.into_iter().map(|n| mention(self.source, base + list_start + part.start, n)));
            }
        }
        (named.len() >= count.min(2)).then(|| Subjects { units: named, ..Subjects::default() })
    }

    /// "其他单位仍无改进": the units the sentences before name, on this line
    /// and the one before, but for those this sentence names.
    fn the_others(&self, index: usize, sentence: &Range<usize>) -> Subjects {
        let line = &self.lines[index];
        let excepted = self.book.mentioned_units(&line.text[sentence.clone()]);
        let mut named: Vec<UnitMention> = Vec::new();
        let mut earlier: Vec<(Span, &str)> = Vec::new();
        if index > 0 {
            let previous = &self.lines[index - 1];
            earlier.push((previous.span, previous.text));
        }
        earlier.push((Span::new(line.span.start, line.span.start + sentence.start), &line.text[..sentence.start]));
        for (span, text) in earlier {
            for found in self.book.mentioned_units(text) {
                // "市创文办有关负责人带队": who led the check is not one of the others.
                let after = &text[found.range.end..];
                let after = &after[..after.find(super::names::is_list_separator).unwrap_or(after.len())];
                if excepted.iter().any(|e| e.canonical == found.canonical) || self.phrases.names_an_agent(after) {
                    continue;
                }
                named.push(mention(self.source, span.start, found));
            }
        }
        Subjects { units: named, ..Subjects::default() }
    }
}

/// "…的乡镇：", "…分别是：", "…的部门", "，涉及": what announces a list after the words.
static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // "…落实情况的", "…年度任务，": what the words are about, before the list's announcement.
        r"^(?:[\u{4E00}-\u{9FFF}]{0,8}?的)?(?:[\u{4E00}-\u{9FFF}]{1,6}?[，,])?",
        r"[0-9０-９一二三四五六七八九十两]{0,3}(?:个|项|家|件|名)?",
        r"(?:乡镇|街道|单位|部门|县区|区县|县市区|镇街|自然村|村|社区|项目|企业|市直部门|县直部门|任务|事项|工作)?",
        r"(?:[，,]?(?:分别是|分别为|依次为|主要是|主要有|包括|涉及|有|为|是))?",
        r"(?:[:：]|(?:乡镇|街道|单位|部门|县区|区县|县市区|镇街|自然村|村|社区)|(?:分别是|分别为|依次为|主要是|主要有|包括|涉及)|有|为|是)",
    ))
    .expect("the list pattern is valid")
});

/// How a sentence that goes on with the list the one before announced opens.
const CONTINUED: &[&str] = &["分别是", "分别为", "具体为", "主要是", "主要有", "包括", "即"];

/// Where the list starts in a sentence that opens with [`CONTINUED`] words (and perhaps a colon).
fn continued(sentence: &str) -> Option<usize> {
    let rest = CONTINUED.iter().find_map(|w| sentence.strip_prefix(w))?;
    let rest = rest.strip_prefix([':', '：']).unwrap_or(rest);
    Some(sentence.len() - rest.len())
}

/// "等3个单位", "13个乡镇", "两个单位": a count of the units listed before it.
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"等?([0-9０-９]{1,3}|[一二三四五六七八九十两]{1,3})个(?:乡镇|单位|部门|街道|村|社区|县区|县市区|镇街|地区|区县|镇|乡)")
        .expect("the count pattern is valid")
});

/// Words a clause may open with before its subject.
const OPENINGS: &[&str] = &[
    "但是",
    "但",
    "而且",
    "而",
    "其中",
    "同时",
    "此外",
    "另外",
    "目前",
    "本月",
    "本周",
    "本期",
    "今年以来",
    "从检查的整体情况看",
    "从督查情况看",
    "从考核情况看",
    "经检查",
    "检查发现",
    "督查发现",
    "除",
];

fn strip_openings(clause: &str) -> &str {
    let mut text = crate::text::trim(clause);
    loop {
        let before = text;
        for opening in OPENINGS {
            if let Some(rest) = text.strip_prefix(opening) {
                text = crate::text::trim(rest.trim_start_matches(['，', ',', '：', ':']));
            }
        }
        if text == before {
            return text;
        }
    }
}

/// The sentence of `line` around the words at `at`: between 。！？ marks.
fn sentence(line: &str, at: &Range<usize>) -> Range<usize> {
    let ends = |c: char| matches!(c, '。' | '！' | '？' | '!' | '?');
    let start = line[..at.start].rfind(ends).map_or(0, |i| i + line[i..].chars().next().map_or(1, char::len_utf8));
    let end = line[at.end..].find(ends).map_or(line.len(), |i| at.end + i);
    start..end
}

/// The part of `sentence` between ；marks that holds the words at `at`.
fn part_of(line: &str, at: &Range<usize>, sentence: &Range<usize>) -> Range<usize> {
    let text = &line[sentence.clone()];
    let (from, to) = (at.start - sentence.start, at.end - sentence.start);
    let start = text[..from].rfind(['；', ';']).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[to..].find(['；', ';']).map_or(text.len(), |i| to + i);
    sentence.start + start..sentence.start + end
}

/// Where a list that starts at `from` ends: at the end of the sentence, or
/// at a ；that a new statement or label follows ("…84%；接种率排名前四名…");
/// a ；between entries alone ("住建局99件；公安局77件") goes on with the list.
fn list_end(text: &str, from: usize, sentence_end: usize, phrases: &PhraseBook) -> usize {
    let mut at = from;
    while let Some(i) = text[at..sentence_end].find(['；', ';']) {
        let stop = at + i;
        let next = stop + text[stop..].chars().next().map_or(1, char::len_utf8);
        let segment_end = text[next..sentence_end].find(['；', ';']).map_or(sentence_end, |j| next + j);
        let segment = &text[next..segment_end];
        if segment.contains(['：', ':']) || !phrases.find(segment, 0).is_empty() {
            return stop;
        }
        at = next;
    }
    sentence_end
}

/// The clauses of `text[start..end]`, split at ，；：, the last running up to `end`.
fn clauses(text: &str, start: usize, end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = start;
    for (at, c) in text[start..end].char_indices() {
        if matches!(c, '，' | ',' | '；' | ';' | '：' | ':') {
            out.push(from..start + at);
            from = start + at + c.len_utf8();
        }
    }
    out.push(from..end);
    out
}

/// The entries of a subject that names things: split at 、 and 和.
fn entries_of(subject: &str) -> Vec<Range<usize>> {
    // The list ends at 等, or where the sentence gives its cause: "A项目、B项目因4月份推进严重滞后".
    let subject_end = ["等", "因", "由于"].iter().filter_map(|w| subject.find(w)).min().unwrap_or(subject.len());
    entries(&subject[..subject_end])
}

/// A task or project named in a list: its text without quotation marks,
/// if it reads as one (two characters at least, some 汉字).
fn thing(written: &str, base: usize) -> Option<Thing> {
    let trimmed = written.trim_matches(|c: char| "“”\"'‘’《》".contains(c) || crate::text::is_space(c));
    let start = written.find(trimmed).unwrap_or(0);
    let han = trimmed.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count();
    (han >= 2 && trimmed.chars().count() <= 40)
        .then(|| Thing { text: trimmed.to_string(), span: Span::new(base + start, base + start + trimmed.len()) })
}

pub(super) fn mention(source: &SourceText, base: usize, named: Named) -> UnitMention {
    let span = Span::new(base + named.range.start, base + named.range.end);
    UnitMention {
        name: source.slice(span).to_string(),
        canonical: named.canonical,
        role: UnitRole::Responsible,
        span,
        duty: None,
    }
}

fn units(source: &SourceText, base: usize, named: Vec<Named>) -> Vec<UnitMention> {
    named.into_iter().map(|n| mention(source, base, n)).collect()
}

fn dedup(mut units: Vec<UnitMention>) -> Vec<UnitMention> {
    let mut seen = std::collections::HashSet::new();
    units.retain(|u| seen.insert(u.canonical.clone()));
    units
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::source::Format;

    #[test]
    fn a_sentence_that_goes_on_with_a_list() {
        assert_eq!(continued("分别是：甲镇、乙镇"), Some("分别是：".len()));
        assert_eq!(continued("包括甲镇"), Some("包括".len()));
        assert_eq!(continued("甲镇包括"), None);
    }

    #[test]
    fn words_that_qualify_a_kind_of_unit_say_no_one_lagged() {
        assert!(said("对措施不力、整改不到位的单位和个人，将依据有关规定严肃问责。").is_empty());
        assert!(said("检查组对无整改、工作不力的单位再次提出批评。").is_empty());
        // Named, the units are the statement's.
        assert_eq!(units_of("督查室对进展缓慢的石桥镇、白沙乡进行了约谈。", "slow"), ["石桥镇", "白沙乡"]);
        assert_eq!(units_of("石桥镇推进缓慢。", "slow"), ["石桥镇"]);
    }

    #[test]
    fn a_system_the_office_applies_is_no_verdict_and_a_cause_no_thing() {
        assert!(said("对月任务完成未达60%的重点项目实行黄牌警告。").is_empty());
        let things: Vec<String> =
            said("城东污水管网项目、西区物流园项目因资金未到位推进严重滞后。").into_iter().flat_map(|s| s.2).collect();
        assert_eq!(things, ["城东污水管网项目", "西区物流园项目"]);
    }

    fn said(text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
        let source = SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into());
        let document = crate::parse::parse(&source).output;
        let facts = super::super::extract(&source, &document, &Lexicon::default(), &Default::default());
        facts
            .statements
            .into_iter()
            .map(|s| {
                let units = s.units.into_iter().map(|u| u.name).collect();
                let things = s.things.into_iter().map(|t| t.text).collect();
                (s.family, units, things)
            })
            .collect()
    }

    fn units_of(text: &str, family: &str) -> Vec<String> {
        said(text).into_iter().filter(|s| s.0 == family).flat_map(|s| s.1).collect()
    }

    #[test]
    fn a_list_after_the_words() {
        let text =
            "接种率排名后三名的乡镇：青石镇政府83%、白沙镇政府84%；接种率排名前四名的部门农经站100%、金融办100%。";
        assert_eq!(units_of(text, "low_rank"), ["青石镇政府", "白沙镇政府"]);
        assert_eq!(units_of(text, "top_rank"), ["农经站", "金融办"]);
    }

    #[test]
    fn a_heading_over_lines() {
        let text = "现将评价结果公示如下：\n红榜\n东山村：上屯自然村\n西岭村：下寨自然村\n黑榜\n东山村：岔口自然村\n各村要抓好整改。\n";
        assert_eq!(units_of(text, "commended"), ["上屯自然村", "下寨自然村"]);
        assert_eq!(units_of(text, "warned"), ["岔口自然村"]);
    }

    #[test]
    fn a_breakdown_after_qizhong() {
        let text = "本月共有6件逾期，其中青岚区政府4件，县城管局、县税务局各1件。";
        assert_eq!(units_of(text, "unfinished"), ["青岚区政府", "县城管局", "县税务局"]);
    }

    #[test]
    fn the_subject_of_the_clause() {
        let text = "县电信公司和县供销中心两个单位因整改不力，列入黑榜。东湖示范区按时到岗率较低。";
        assert_eq!(units_of(text, "warned"), ["县电信公司", "县供销中心"]);
        assert_eq!(units_of(text, "poor"), ["县电信公司", "县供销中心", "东湖示范区"]);
    }

    #[test]
    fn things_not_units() {
        let text = "其中，进度偏慢的2项分别是：农村户厕改造、新建乡镇幼儿园。";
        let found = said(text);
        assert_eq!(found[0].2, ["农村户厕改造", "新建乡镇幼儿园"]);
        assert!(found[0].1.is_empty());
        // The words first, then the kind of thing counted, and a list in a page's commas.
        let text = "未按进度完成的3项任务分别是:城北污水管网改造,南湖公园提升,老城区雨污分流。";
        assert_eq!(said(text)[0].2, ["城北污水管网改造", "南湖公园提升", "老城区雨污分流"]);
    }

    #[test]
    fn the_others_but_the_excepted() {
        let text = "检查组先后来到东湖社区、西郊乡政府、南郊乡政府。除南郊乡政府有明显整改提升之外，其他单位仍无改进。";
        assert_eq!(units_of(text, "poor"), ["东湖社区", "西郊乡政府"]);
        assert_eq!(units_of(text, "ahead"), ["南郊乡政府"]);
    }
}
