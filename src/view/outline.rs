//! The readable outline of `duban parse --format text`.
//!
//! ```text
//! title      关于…落实情况的通报
//! published  2024-10-12
//! …
//!    7  一、项目建设
//!    9    1. ✓ 全年实施县级重点项目64个，完成投资85亿元以上
//! ```
//!
//! Line numbers lead, so columns line up whatever the width of the 汉字
//! after them; ✓ marks an item with a reported status, · one without.

use std::fmt::Write as _;
use std::ops::Range;

use super::cut;
use crate::parse::{Document, Item, Section};
use crate::pipeline::Parsed;
use crate::say;
use crate::source::{SourceText, Span};

/// Display columns of a heading in the outline before it is cut with `…`.
const HEADING_COLUMNS: usize = 48;

/// Renders a parse result as an outline.
pub fn to_outline(parsed: &Parsed) -> String {
    let (source, document) = (&parsed.source, &parsed.document);
    let mut out = String::new();
    header(&mut out, parsed);
    let outline = Outline { source, document, width: source.line_count().to_string().len().max(3) };
    for paragraph in &document.preamble {
        outline.row(&mut out, paragraph.span, 0, &format!("¶ {}", cut(&paragraph.text, HEADING_COLUMNS)));
    }
    outline.entries(&mut out, &document.sections, 0..document.items.len(), 0);
    if let Some(first) = document.glossary.first() {
        outline.row(
            &mut out,
            first.term.span,
            0,
            &say!("名词解释（{}条）", "名词解释 ({} entries)", document.glossary.len()),
        );
        for entry in &document.glossary {
            let number = entry.number.map_or_else(String::new, |n| format!("[{n}] "));
            let marks = match entry.marks.len() {
                0 => String::new(),
                1 => say!("（标注1处）", "  (1 mark)"),
                n => say!("（标注{n}处）", "  ({n} marks)"),
            };
            outline.row(
                &mut out,
                entry.term.span,
                1,
                &format!("{number}{}{marks}", cut(&entry.term.text, HEADING_COLUMNS)),
            );
        }
    }
    for paragraph in &document.closing {
        outline.row(&mut out, paragraph.span, 0, &format!("落款 {}", paragraph.text));
    }
    out
}

fn header(out: &mut String, parsed: &Parsed) {
    let (source, document) = (&parsed.source, &parsed.document);
    let with_status = document.items.iter().filter(|i| i.has_status()).count();
    let none = "—".to_string();
    let rows = [
        (say!("标题", "title"), document.meta.title.clone().unwrap_or_else(|| none.clone())),
        (say!("发布日期", "published"), document.meta.published.map_or_else(|| none.clone(), |d| d.to_string())),
        (say!("发文单位", "issuer"), document.meta.issuer.clone().unwrap_or_else(|| none.clone())),
        (say!("文件", "source"), format!("{} ({}, {})", source.path.display(), source.format.name(), source.encoding)),
        (
            say!("事项", "items"),
            say!("{}项，{with_status}项有落实情况", "{}, {with_status} with status", document.items.len()),
        ),
        (say!("提示", "warnings"), parsed.warnings.len().to_string()),
    ];
    for (key, value) in rows {
        let _ = writeln!(out, "{} {value}", super::pad(&key, 10));
    }
    out.push('\n');
}

struct Outline<'a> {
    source: &'a SourceText,
    document: &'a Document,
    width: usize,
}

impl Outline<'_> {
    fn row(&self, out: &mut String, span: Span, depth: usize, text: &str) {
        let line = self.source.location(span.start).line;
        let _ = writeln!(out, "{line:>width$}  {}{text}", "  ".repeat(depth), width = self.width);
    }

    fn section(&self, out: &mut String, section: &Section, depth: usize) {
        let title = format!("{}{}", section.numeral.written(), cut(&section.heading.text, HEADING_COLUMNS));
        self.row(out, section.numeral.span, depth, &title);
        self.entries(out, &section.children, section.items.clone(), depth + 1);
    }

    /// Sections and the items outside them, in document order. Item ranges
    /// are given in document order, so the items before a section's range
    /// come before it.
    fn entries(&self, out: &mut String, sections: &[Section], items: Range<usize>, depth: usize) {
        let mut next = items.start;
        for section in sections {
            for item in &self.document.items[next..section.items.start] {
                self.item(out, item, depth);
            }
            self.section(out, section, depth);
            next = section.items.end;
        }
        for item in &self.document.items[next..items.end] {
            self.item(out, item, depth);
        }
    }

    fn item(&self, out: &mut String, item: &Item, depth: usize) {
        let mark = if item.has_status() { '✓' } else { '·' };
        let text = format!("{} {mark} {}", item.numeral.written(), cut(&item.heading.text, HEADING_COLUMNS));
        self.row(out, item.numeral.span, depth, &text);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::parse::parse;
    use crate::source::Format;

    #[test]
    fn items_outside_sections_keep_their_place() {
        let text = "1.甲任务\n一、第一部分\n1.乙任务\n（一）丙\n2.丁任务\n";
        let source = SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into());
        let parsed = parse(&source);
        let parsed = Parsed { document: parsed.output, warnings: parsed.warnings, source };
        let outline = to_outline(&parsed);
        let rows: Vec<&str> = outline.lines().skip_while(|l| !l.is_empty()).skip(1).collect();
        assert_eq!(
            rows,
            ["  1  1. · 甲任务", "  2  一、第一部分", "  3    1. · 乙任务", "  4    （一）丙", "  5      2. · 丁任务"]
        );
    }
}
