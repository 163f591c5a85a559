//! The readable outline of `duban parse --format text`.
//!
//! ```text
//! title      关于…落实情况的通报
//! published  2022-10-18
//! …
//!    7  一、区政府2022年第10次常务会议确定事项落实情况
//!   13      1. ✓ 抓项目,确保投资不失速
//! ```
//!
//! Line numbers lead, so columns line up whatever the width of the 汉字
//! after them; ✓ marks an item with a reported status, · one without.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use crate::parse::{Document, Item, Section};
use crate::pipeline::Parsed;
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
        outline.row(&mut out, paragraph.span, 0, &format!("¶ {}", cut(&paragraph.text)));
    }
    for section in &document.sections {
        outline.section(&mut out, section, 0);
    }
    let top_level_items = document
        .items
        .iter()
        .enumerate()
        .filter(|(index, _)| !document.sections.iter().any(|s| s.items.contains(index)));
    for (_, item) in top_level_items {
        outline.item(&mut out, item, 0);
    }
    if let Some(first) = document.glossary.first() {
        outline.row(&mut out, first.term.span, 0, &format!("名词解释 ({} entries)", document.glossary.len()));
        for entry in &document.glossary {
            let number = entry.number.map_or_else(String::new, |n| format!("[{n}] "));
            let marks = match entry.marks.len() {
                0 => String::new(),
                1 => "  (1 mark)".to_string(),
                n => format!("  ({n} marks)"),
            };
            outline.row(&mut out, entry.term.span, 1, &format!("{number}{}{marks}", cut(&entry.term.text)));
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
        ("title", document.meta.title.clone().unwrap_or_else(|| none.clone())),
        ("published", document.meta.published.map_or_else(|| none.clone(), |d| d.to_string())),
        ("issuer", document.meta.issuer.clone().unwrap_or_else(|| none.clone())),
        ("source", format!("{} ({}, {})", source.path.display(), source.format.name(), source.encoding)),
        ("items", format!("{}, {with_status} with status", document.items.len())),
        ("warnings", parsed.warnings.len().to_string()),
    ];
    for (key, value) in rows {
        let _ = writeln!(out, "{key:<10} {value}");
    }
    out.push('\n');
}

enum Entry<'a> {
    Section(&'a Section),
    Item(&'a Item),
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
        let title = format!("{}{}", section.numeral.written(), cut(&section.heading.text));
        self.row(out, section.numeral.span, depth, &title);
        // Sub-sections and the section's own items, in document order.
        let mut entries: Vec<(usize, Entry<'_>)> =
            section.children.iter().map(|c| (c.numeral.span.start, Entry::Section(c))).collect();
        for index in section.items.clone() {
            if !section.children.iter().any(|c| c.items.contains(&index)) {
                let item = &self.document.items[index];
                entries.push((item.numeral.span.start, Entry::Item(item)));
            }
        }
        entries.sort_by_key(|(start, _)| *start);
        for (_, entry) in entries {
            match entry {
                Entry::Section(child) => self.section(out, child, depth + 1),
                Entry::Item(item) => self.item(out, item, depth + 1),
            }
        }
    }

    fn item(&self, out: &mut String, item: &Item, depth: usize) {
        let mark = if item.has_status() { '✓' } else { '·' };
        let text = format!("{} {mark} {}", item.numeral.written(), cut(&item.heading.text));
        self.row(out, item.numeral.span, depth, &text);
    }
}

/// `text` cut to [`HEADING_COLUMNS`] display columns.
fn cut(text: &str) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += c.width().unwrap_or(0);
        if used > HEADING_COLUMNS {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}
