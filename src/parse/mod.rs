//! Stage 2, parse: [`SourceText`] → [`Document`], the bulletin as a tree.
//!
//! Input: the decoded text from [`crate::ingest`]. Output: a [`Document`] of
//! sections and items whose every node keeps its span, with warnings for the
//! document's own mistakes (numbering that skips or repeats). Next stage:
//! facts extraction.
//!
//! Steps, one module each:
//! 1. `line` classifies every line with `grammar/bulletin.pest`;
//! 2. `chrome` drops web and forum furniture and reads what it says;
//! 3. `meta` finds the title and the 落款;
//! 4. `tree` nests headings, items, fields and the glossary.

mod chrome;
mod document;
mod line;
mod meta;
mod numeral;
mod short_name;
mod tree;

pub use document::{BodyLine, Document, Field, GlossaryEntry, Item, Label, LabelRole, Meta, Paragraph, Section};
pub use numeral::{Level, Numeral};
pub use short_name::SHORT_NAME_CHARS;

use crate::diagnostics::Warned;
use crate::source::{self, SourceText};

/// The heading numeral a line opens with (`一、`, `（一）`, `1.`, `（1）`, `①`,
/// either width), as the parser reads bulletins: its level and the byte
/// offset of the text after it. The exporter styles a notice's headings by it.
pub fn heading_level(line: &str) -> Option<(Level, usize)> {
    line::heading(line)
}

/// The lines of the body: kept, not blank, each with its heading level and
/// whether the glossary holds it.
fn body_lines(lines: &[line::Line<'_>], keep: &[bool], glossary: &[GlossaryEntry]) -> Vec<BodyLine> {
    let mut explained: Vec<source::Span> =
        glossary.iter().map(|g| g.definition.iter().fold(g.term.span, |s, p| s.cover(p.span))).collect();
    explained.sort_by_key(|s| s.start);
    // Lines and entries are both in order: one walk pairs them.
    let mut next = 0;
    lines
        .iter()
        .zip(keep)
        .filter(|(line, keep)| **keep && !matches!(line.kind, line::LineKind::Blank))
        .map(|(line, _)| {
            let span = line.trimmed();
            let heading = match &line.kind {
                line::LineKind::Heading { numeral, .. } => Some(numeral.level),
                _ => None,
            };
            while next < explained.len() && explained[next].end <= span.start {
                next += 1;
            }
            let explains = next < explained.len() && explained[next].start < span.end;
            let glossary = matches!(line.kind, line::LineKind::GlossaryTitle) || explains;
            BodyLine { span, heading, glossary }
        })
        .collect()
}

/// Parses a bulletin. Parsing cannot fail: every line is at least a
/// paragraph, and the document's own mistakes are warnings.
pub fn parse(source: &SourceText) -> Warned<Document> {
    let mut warnings = Vec::new();
    let lines = line::classify(source, &mut warnings);
    let chrome = chrome::strip(&lines);
    let frame = meta::frame(&lines, &chrome, &source.hints);
    let mut keep = chrome.content;
    for &index in frame.title_lines.iter().chain(&frame.closing) {
        keep[index] = false;
    }
    let mut tree = tree::build(source, &lines, &keep);
    warnings.append(&mut tree.warnings);
    let closing = frame.closing.iter().map(|&index| Paragraph::at(source, lines[index].trimmed())).collect();

    let body = body_lines(&lines, &keep, &tree.glossary);
    let document = Document {
        meta: frame.meta,
        preamble: tree.preamble,
        sections: tree.sections,
        items: tree.items,
        glossary: tree.glossary,
        closing,
        lines: body,
    };
    Warned { output: document, warnings }
}
