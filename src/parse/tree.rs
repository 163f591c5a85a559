//! Classified lines → the document tree.
//!
//! A stack of open headings, one level deeper each: a heading closes every
//! open heading at its level or deeper, so `一、` → `（一）` → `1.` nest, a
//! skipped level (`一、` → `1.`) simply nests one step, and a numbering
//! mistake is a warning, never a failure. Paragraphs join the innermost open
//! heading; a labelled paragraph opens a field that unlabelled paragraphs
//! continue. When all lines are read, headings with no sub-headings become
//! items (a top-level `一、` with no labelled paragraphs stays a section, as
//! 整体情况 does) and the rest become sections.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::document::{Field, GlossaryEntry, Item, Label, LabelRole, Paragraph, Section};
use super::line::{Line, LineKind};
use super::numeral::{Level, Numeral};
use crate::diagnostics::Warning;
use crate::numerals::{circled, hanzi};
use crate::say;
use crate::source::{SourceText, Span};
use crate::text::{fold_width, trimmed_range};

/// What the tree builder produces.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub preamble: Vec<Paragraph>,
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    pub glossary: Vec<GlossaryEntry>,
    pub warnings: Vec<Warning>,
}

/// Builds the tree from the lines marked in `keep`.
pub(crate) fn build(source: &SourceText, lines: &[Line<'_>], keep: &[bool]) -> Tree {
    let mut builder = Builder {
        source,
        nodes: Vec::new(),
        roots: Vec::new(),
        stack: Vec::new(),
        preamble: Vec::new(),
        glossary: Vec::new(),
        in_glossary: false,
        numbering: Numbering::default(),
        warnings: Vec::new(),
    };
    for (line, _) in lines.iter().zip(keep).filter(|(_, keep)| **keep) {
        builder.line(line);
    }
    builder.finish(lines, keep)
}

#[derive(Debug)]
struct Node {
    numeral: Numeral,
    heading: Paragraph,
    text: Vec<Paragraph>,
    fields: Vec<Field>,
    children: Vec<usize>,
    /// Whether unlabelled paragraphs continue the last field.
    field_open: bool,
}

struct Builder<'s> {
    source: &'s SourceText,
    nodes: Vec<Option<Node>>,
    roots: Vec<usize>,
    stack: Vec<usize>,
    preamble: Vec<Paragraph>,
    glossary: Vec<GlossaryEntry>,
    in_glossary: bool,
    numbering: Numbering,
    warnings: Vec<Warning>,
}

impl Builder<'_> {
    fn paragraph(&self, span: Span) -> Paragraph {
        Paragraph::at(self.source, span)
    }

    fn line(&mut self, line: &Line<'_>) {
        match &line.kind {
            LineKind::Blank => {}
            LineKind::GlossaryTitle => {
                self.in_glossary = true;
                self.stack.clear();
            }
            LineKind::Heading { numeral, rest, or_decimal } => {
                if *or_decimal && !self.continues_a_list(numeral, *rest) {
                    return self.text(line.trimmed());
                }
                self.heading(numeral, *rest)
            }
            LineKind::Labelled { label, rest } => self.labelled(label, *rest, line.trimmed()),
            LineKind::Note { number, rest } if self.in_glossary => self.glossary_entry(*number, *rest),
            LineKind::Note { .. } => self.text(line.trimmed()),
            LineKind::Paragraph { text } => self.text(*text),
        }
    }

    /// Whether `N.` followed by a digit continues the numbered list the
    /// builder is in (`3.8月底前…` after `2.`), rather than opening a
    /// paragraph with a decimal (`2.5万亩…`). A first entry counts only when
    /// its text starts with a date.
    fn continues_a_list(&self, numeral: &Numeral, rest: Span) -> bool {
        static DATE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^([0-9]{1,2}月|[0-9]{4}年)").expect("the date pattern is valid"));
        let parent =
            self.stack.iter().rev().copied().find(|&id| self.node(id).numeral.level.depth() < numeral.level.depth());
        let first_is_dated = numeral.value == Some(1) && DATE.is_match(&fold_width(self.source.slice(rest)));
        self.numbering.continues(parent, numeral) || first_is_dated
    }

    fn heading(&mut self, numeral: &Numeral, rest: Span) {
        if self.in_glossary {
            if numeral.level != Level::Hanzi {
                return self.glossary_entry(numeral.value, rest);
            }
            self.in_glossary = false;
        }
        while let Some(&top) = self.stack.last() {
            if self.node(top).numeral.level.depth() < numeral.level.depth() {
                break;
            }
            self.stack.pop();
        }
        let parent = self.stack.last().copied();
        if let Some(message) = self.numbering.check(parent, numeral) {
            self.warnings.push(Warning::new(numeral.span, message));
        }
        let (heading, run_on) = split_heading(self.source, rest);
        let node = Node {
            numeral: numeral.clone(),
            heading: self.paragraph(heading),
            text: run_on.map(|span| self.paragraph(span)).into_iter().collect(),
            fields: Vec::new(),
            children: Vec::new(),
            field_open: false,
        };
        let id = self.nodes.len();
        self.nodes.push(Some(node));
        match parent {
            Some(parent) => self.node_mut(parent).children.push(id),
            None => self.roots.push(id),
        }
        self.stack.push(id);
    }

    /// A labelled line; `whole` is the line, label included, for where a
    /// label means nothing (the preamble) or a term (a glossary).
    fn labelled(&mut self, label: &Label, rest: Span, whole: Span) {
        if self.in_glossary {
            return self.glossary_entry(None, whole);
        }
        let Some(&top) = self.stack.last() else {
            let paragraph = self.paragraph(whole);
            return self.preamble.push(paragraph);
        };
        let paragraphs = (rest.start < rest.end).then(|| self.paragraph(rest)).into_iter().collect();
        let node = self.node_mut(top);
        node.fields.push(Field { label: label.clone(), paragraphs });
        node.field_open = true;
    }

    fn text(&mut self, span: Span) {
        let paragraph = self.paragraph(span);
        if self.in_glossary {
            match self.glossary.last_mut() {
                Some(entry) => entry.definition.push(paragraph),
                None => self.glossary_entry(None, span),
            }
            return;
        }
        let Some(&top) = self.stack.last() else { return self.preamble.push(paragraph) };
        let node = self.node_mut(top);
        match node.fields.last_mut() {
            Some(field) if node.field_open => field.paragraphs.push(paragraph),
            _ => node.text.push(paragraph),
        }
    }

    /// `三最：历史同期最高的…` → term and definition, split at the first colon.
    fn glossary_entry(&mut self, number: Option<u32>, span: Span) {
        let text = self.source.slice(span);
        let (term, definition) = match text.find(['：', ':']) {
            Some(at) => {
                let colon = text[at..].chars().next().map_or(1, char::len_utf8);
                (Span::new(span.start, span.start + at), Span::new(span.start + at + colon, span.end))
            }
            None => (span, Span::new(span.end, span.end)),
        };
        let definition = trimmed(self.source, definition);
        self.glossary.push(GlossaryEntry {
            number,
            term: self.paragraph(trimmed(self.source, term)),
            definition: (definition.start < definition.end).then(|| self.paragraph(definition)).into_iter().collect(),
            marks: Vec::new(),
        });
    }

    fn node(&self, id: usize) -> &Node {
        self.nodes[id].as_ref().expect("nodes are taken only when the tree is finished")
    }

    fn node_mut(&mut self, id: usize) -> &mut Node {
        self.nodes[id].as_mut().expect("nodes are taken only when the tree is finished")
    }

    fn finish(mut self, lines: &[Line<'_>], keep: &[bool]) -> Tree {
        let mut items = Vec::new();
        let roots = std::mem::take(&mut self.roots);
        let sections = roots.into_iter().filter_map(|id| self.convert(id, "", &mut items)).collect();
        link_marks(&mut self.glossary, lines, keep);
        Tree { preamble: self.preamble, sections, items, glossary: self.glossary, warnings: self.warnings }
    }

    /// Turns node `id` into a section, or into an item pushed onto `items`.
    fn convert(&mut self, id: usize, parent_path: &str, items: &mut Vec<Item>) -> Option<Section> {
        let node = self.nodes[id].take().expect("each node is converted once");
        let component = node.numeral.level.path_component(&node.numeral.number);
        let path = if parent_path.is_empty() { component } else { format!("{parent_path}/{component}") };
        let top_level_part = node.numeral.level == Level::Hanzi && node.fields.is_empty();
        if node.children.is_empty() && !top_level_part {
            items.push(item(node, path));
            return None;
        }
        let start = items.len();
        let children = node.children.iter().filter_map(|&child| self.convert(child, &path, items)).collect();
        Some(Section {
            numeral: node.numeral,
            heading: node.heading,
            text: node.text,
            fields: node.fields,
            children,
            items: start..items.len(),
        })
    }
}

fn item(node: Node, path: String) -> Item {
    let (mut task, mut status, mut duties) = (Vec::new(), Vec::new(), Vec::new());
    for field in node.fields {
        match field.label.role {
            LabelRole::Task => task.push(field),
            LabelRole::Status => status.push(field),
            LabelRole::Duty => duties.push(field),
        }
    }
    let mut text = node.text;
    if status.is_empty()
        && let Some(report) = unlabelled_report(&mut text)
    {
        status.push(report);
    }
    text.extend(task.iter().flat_map(|field| field.paragraphs.iter().cloned()));
    Item { numeral: node.numeral, path, heading: node.heading, text, task, status, duties }
}

/// Whether `text` ends with who is responsible: "…（责任单位：市发改委）。".
fn ends_with_duty(text: &str) -> bool {
    const LABELS: &[&str] = &["责任单位", "牵头单位", "承办单位", "主办单位", "责任部门"];
    let text = text.strip_suffix(['。', '.']).filter(|t| t.ends_with(['）', ')'])).unwrap_or(text);
    let Some(inside) = text.strip_suffix(['）', ')']) else { return false };
    // The bracket that opens it is after any that closes before the end.
    let open_after =
        inside.rfind(['）', ')']).map_or(0, |at| at + inside[at..].chars().next().map_or(1, char::len_utf8));
    inside[open_after..].match_indices(['（', '(']).any(|(at, open)| {
        let rest = &inside[open_after + at + open.len()..];
        LABELS.iter().any(|label| rest.strip_prefix(label).is_some_and(|r| r.starts_with(['：', ':'])))
    })
}

/// A task that ends with who is responsible, "审议《…》的落实情况。（责任单位：市发改委）",
/// and paragraphs after it: they are its report, written without a label.
/// Takes them out of `text` as a status field whose label is empty.
fn unlabelled_report(text: &mut Vec<Paragraph>) -> Option<Field> {
    let task_end = text.iter().position(|p| ends_with_duty(&p.text))?;
    if task_end + 1 >= text.len() {
        return None;
    }
    let paragraphs = text.split_off(task_end + 1);
    let at = paragraphs[0].span.start;
    let label = Label { text: String::new(), role: LabelRole::Status, span: Span::new(at, at) };
    Some(Field { label, paragraphs })
}

fn trimmed(source: &SourceText, span: Span) -> Span {
    let (start, end) = trimmed_range(source.slice(span));
    Span::new(span.start + start, span.start + end)
}

/// A heading's own text and what runs on after it: the heading is the part
/// up to the first `。` outside brackets and quotes, without trailing
/// punctuation.
fn split_heading(source: &SourceText, rest: Span) -> (Span, Option<Span>) {
    let text = source.slice(rest);
    let mut depth = 0usize;
    let mut stop = None;
    for (at, c) in text.char_indices() {
        match c {
            '（' | '(' | '“' | '《' | '【' | '[' | '「' | '『' => depth += 1,
            '）' | ')' | '”' | '》' | '】' | ']' | '」' | '』' => depth = depth.saturating_sub(1),
            '。' if depth == 0 => {
                stop = Some(at);
                break;
            }
            _ => {}
        }
    }
    let end = stop.unwrap_or(text.len());
    let heading = text[..end].trim_end_matches(|c: char| "。，,；;：:、！!？? \u{3000}\u{A0}\t".contains(c));
    let heading = Span::new(rest.start, rest.start + heading.len());
    let run_on = stop
        .map(|at| trimmed(source, Span::new(rest.start + at + '。'.len_utf8(), rest.end)))
        .filter(|span| span.start < span.end);
    (heading, run_on)
}

/// Footnote marks `[3]` `［3］` in the body, linked to glossary entry 3.
fn link_marks(glossary: &mut [GlossaryEntry], lines: &[Line<'_>], keep: &[bool]) {
    static MARK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[\[［][ \t\u{3000}\u{A0}]*([0-9]{1,3})[ \t\u{3000}\u{A0}]*[\]］]")
            .expect("the mark pattern is valid")
    });
    if glossary.is_empty() {
        return;
    }
    let by_number: HashMap<u32, usize> =
        glossary.iter().enumerate().filter_map(|(index, entry)| Some((entry.number?, index))).collect();
    let first_entry = glossary.iter().map(|e| e.term.span.start).min().unwrap_or(usize::MAX);
    for line in lines.iter().zip(keep).filter(|(l, keep)| **keep && l.span.start < first_entry).map(|(l, _)| l) {
        if matches!(line.kind, LineKind::Note { .. }) {
            continue;
        }
        for found in MARK.captures_iter(line.text) {
            let (Some(whole), Some(number)) = (found.get(0), found.get(1)) else { continue };
            if let Some(&index) = number.as_str().parse().ok().and_then(|n: u32| by_number.get(&n)) {
                let span = Span::new(line.span.start + whole.start(), line.span.start + whole.end());
                glossary[index].marks.push(span);
            }
        }
    }
}

/// Checks that numerals count up under each parent.
///
/// The next numeral is accepted if it follows the last one found or the one
/// that was expected, so one slip ("（二）" for "（五）") gives one warning, not
/// one for every numeral after it. A list may also continue a count begun
/// under an earlier parent, as tasks numbered 1–122 across chapters do.
#[derive(Default)]
struct Numbering {
    /// (parent, level) → (last value found, last value expected).
    sequences: HashMap<(Option<usize>, Level), (u32, u32)>,
    last_at_level: HashMap<Level, u32>,
}

impl Numbering {
    /// Whether `numeral` is the next of a list already begun.
    fn continues(&self, parent: Option<usize>, numeral: &Numeral) -> bool {
        let Some(value) = numeral.value else { return false };
        match self.sequences.get(&(parent, numeral.level)) {
            Some(&(last, expected)) => value == last + 1 || value == expected + 1,
            None => self.last_at_level.get(&numeral.level).is_some_and(|&last| value == last + 1),
        }
    }

    fn check(&mut self, parent: Option<usize>, numeral: &Numeral) -> Option<String> {
        let value = numeral.value?;
        let level = numeral.level;
        let write = |v: u32| {
            level.written(&match level {
                Level::Hanzi | Level::HanziParen => hanzi(v),
                Level::Arabic | Level::ArabicParen => v.to_string(),
                Level::Circled => circled(v),
            })
        };
        let found = numeral.written();
        let (message, expected) = match self.sequences.get(&(parent, level)) {
            Some(&(last, expected)) if value == last + 1 || value == expected + 1 => (None, value),
            Some(&(last, expected)) => {
                let (wanted, last_written) = (write(expected + 1), write(last));
                let message = if value == last {
                    say!(
                        "编号重复：{last_written}之后又是{found}（应为{wanted}）",
                        "numbering repeats: {found} again after {last_written} (expected {wanted})"
                    )
                } else if value < last {
                    say!(
                        "编号倒退：{last_written}之后是{found}（应为{wanted}）",
                        "numbering goes back: {found} after {last_written} (expected {wanted})"
                    )
                } else {
                    let next = write(last + 1);
                    say!(
                        "编号跳号：{last_written}之后是{found}（应为{next}）",
                        "numbering skips: {found} after {last_written} (expected {next})"
                    )
                };
                (Some(message), expected + 1)
            }
            None => {
                let continued = self.last_at_level.get(&level).map(|v| v + 1);
                if value == 1 || Some(value) == continued {
                    (None, value)
                } else {
                    let first = write(1);
                    (
                        Some(say!(
                            "编号从{found}开始（应为{first}）",
                            "numbering starts at {found} (expected {first})"
                        )),
                        1,
                    )
                }
            }
        };
        self.sequences.insert((parent, level), (value, expected));
        self.last_at_level.insert(level, value);
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_that_ends_with_who_is_responsible() {
        assert!(ends_with_duty("审议《方案》的落实情况。（责任单位：市发改委）"));
        assert!(ends_with_duty("落实情况（牵头单位:县财政局、县税务局）。"));
        assert!(!ends_with_duty(""));
        assert!(!ends_with_duty("（责任单位：市发改委）后续"));
        assert!(!ends_with_duty("（责任单位：市发改委））"));
        assert!(!ends_with_duty("（协调单位：市发改委）"));
        assert!(!ends_with_duty("（责任单位：市发改委）。。"));
    }
}
