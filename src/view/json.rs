//! The documented JSON of `duban parse --format json` and, with the facts
//! blocks of [`super::facts`], of `duban facts --format json` (see docs/json.md).
//!
//! A view, not the model: spans become line numbers, sections carry copies
//! of their items, and field order is fixed by these structs, so the same
//! input gives the same bytes.

use std::cell::Cell;
use std::io::{self, Write};

use serde::Serialize;

use super::facts::{DocumentFactsJson, ItemFactsJson, PeriodJson, SectionFactsJson};
use crate::diagnostics::Warning;
use crate::extract::Facts;
use crate::parse::{Document, Field, GlossaryEntry, Item, Paragraph, Section};
use crate::pipeline::Parsed;
use crate::source::{SourceText, Span};

/// The whole parse result.
#[derive(Serialize)]
pub struct DocumentJson<'a> {
    source: SourceJson<'a>,
    meta: MetaJson<'a>,
    #[serde(flatten)]
    period: Option<PeriodJson>,
    preamble: Vec<TextJson<'a>>,
    sections: Vec<SectionJson<'a>>,
    items: Vec<ItemJson<'a>>,
    glossary: Vec<GlossaryJson<'a>>,
    closing: Vec<TextJson<'a>>,
    #[serde(flatten)]
    facts: Option<DocumentFactsJson>,
    warnings: Vec<WarningJson<'a>>,
}

#[derive(Serialize)]
pub(crate) struct SourceJson<'a> {
    path: String,
    format: &'static str,
    encoding: &'static str,
    sha256: &'a str,
}

#[derive(Serialize)]
pub(crate) struct MetaJson<'a> {
    title: Option<&'a str>,
    published: Option<String>,
    issuer: Option<&'a str>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    number: &'a str,
    level: usize,
    heading: &'a str,
    line: usize,
    text: String,
    fields: Vec<FieldJson<'a>>,
    #[serde(flatten)]
    facts: Option<SectionFactsJson>,
    items: Vec<ItemJson<'a>>,
    children: Vec<SectionJson<'a>>,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    number: &'a str,
    level: usize,
    path: &'a str,
    heading: &'a str,
    text: String,
    line: usize,
    status: Option<Vec<FieldJson<'a>>>,
    duties: Vec<FieldJson<'a>>,
    #[serde(flatten)]
    facts: Option<ItemFactsJson>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    label: &'a str,
    text: String,
    line: usize,
}

#[derive(Serialize)]
struct TextJson<'a> {
    text: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct GlossaryJson<'a> {
    number: Option<u32>,
    term: &'a str,
    definition: String,
    line: usize,
    marks: Vec<PlaceJson>,
}

#[derive(Serialize)]
struct PlaceJson {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct WarningJson<'a> {
    line: usize,
    column: usize,
    message: &'a str,
}

/// Renders a parse result as pretty-printed JSON, ending with a newline.
pub fn to_json(parsed: &Parsed) -> String {
    render(&DocumentJson::new(&parsed.source, &parsed.document, &parsed.warnings, None))
}

/// Writes what [`to_json`] renders to `out` as it is serialised, without
/// the whole text in memory (a large bulletin's JSON is many times its size).
pub fn write_json(parsed: &Parsed, out: impl Write) -> io::Result<()> {
    write(&DocumentJson::new(&parsed.source, &parsed.document, &parsed.warnings, None), out)
}

/// Renders a parse result with its facts as pretty-printed JSON.
pub fn to_facts_json(parsed: &Parsed, facts: &Facts) -> String {
    render(&DocumentJson::new(&parsed.source, &parsed.document, &parsed.warnings, Some(facts)))
}

/// Writes what [`to_facts_json`] renders to `out` as it is serialised.
pub fn write_facts_json(parsed: &Parsed, facts: &Facts, out: impl Write) -> io::Result<()> {
    write(&DocumentJson::new(&parsed.source, &parsed.document, &parsed.warnings, Some(facts)), out)
}

impl<'a> SourceJson<'a> {
    pub(crate) fn new(source: &'a SourceText) -> Self {
        SourceJson {
            path: source.path.display().to_string(),
            format: source.format.name(),
            encoding: source.encoding,
            sha256: &source.sha256,
        }
    }
}

impl<'a> MetaJson<'a> {
    pub(crate) fn new(document: &'a Document) -> Self {
        MetaJson {
            title: document.meta.title.as_deref(),
            published: document.meta.published.map(|d| d.to_string()),
            issuer: document.meta.issuer.as_deref(),
        }
    }
}

/// Pretty-printed JSON of a view, ending with a newline.
pub(crate) fn render<T: Serialize>(view: &T) -> String {
    let mut out = Vec::new();
    write(view, &mut out).expect("the view serialises: only strings and numbers");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A view as pretty-printed JSON with its closing newline, written to `out`
/// piece by piece.
pub(crate) fn write<T: Serialize>(view: &T, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, view)?;
    out.write_all(b"\n")
}

impl<'a> DocumentJson<'a> {
    fn new(source: &'a SourceText, document: &'a Document, warnings: &'a [Warning], facts: Option<&'a Facts>) -> Self {
        let at = Locator { source, facts, next_section: Cell::new(0) };
        DocumentJson {
            source: SourceJson::new(source),
            meta: MetaJson::new(document),
            period: facts.map(|f| PeriodJson::new(&f.period)),
            preamble: document.preamble.iter().map(|p| at.text(p)).collect(),
            sections: document.sections.iter().map(|s| at.section(s, &document.items)).collect(),
            items: document.items.iter().enumerate().map(|(index, i)| at.item(index, i)).collect(),
            glossary: document.glossary.iter().map(|g| at.glossary(g)).collect(),
            closing: document.closing.iter().map(|p| at.text(p)).collect(),
            facts: facts.map(|f| DocumentFactsJson::new(source, f, &document.items)),
            warnings: warnings
                .iter()
                .map(|w| {
                    let place = source.location(w.span.start);
                    WarningJson { line: place.line, column: place.column, message: &w.message }
                })
                .collect(),
        }
    }
}

/// Turns spans into line numbers, and finds the facts of each node.
struct Locator<'a> {
    source: &'a SourceText,
    facts: Option<&'a Facts>,
    /// Sections are visited in pre-order, as their facts are listed.
    next_section: Cell<usize>,
}

impl<'a> Locator<'a> {
    fn line(&self, span: Span) -> usize {
        self.source.location(span.start).line
    }

    fn text(&self, paragraph: &'a Paragraph) -> TextJson<'a> {
        TextJson { text: &paragraph.text, line: self.line(paragraph.span) }
    }

    fn field(&self, field: &'a Field) -> FieldJson<'a> {
        FieldJson { label: &field.label.text, text: field.text(), line: self.line(field.label.span) }
    }

    fn section(&self, section: &'a Section, items: &'a [Item]) -> SectionJson<'a> {
        let index = self.next_section.replace(self.next_section.get() + 1);
        SectionJson {
            number: &section.numeral.number,
            level: section.numeral.level.depth(),
            heading: &section.heading.text,
            line: self.line(section.numeral.span),
            text: section.body_text(),
            fields: section.fields.iter().map(|f| self.field(f)).collect(),
            facts: self.facts.and_then(|f| f.sections.get(index)).map(|f| SectionFactsJson::new(self.source, f)),
            items: section.items.clone().map(|index| self.item(index, &items[index])).collect(),
            children: section.children.iter().map(|c| self.section(c, items)).collect(),
        }
    }

    fn item(&self, index: usize, item: &'a Item) -> ItemJson<'a> {
        ItemJson {
            number: &item.numeral.number,
            level: item.numeral.level.depth(),
            path: &item.path,
            heading: &item.heading.text,
            text: item.task_text(),
            line: self.line(item.numeral.span),
            status: item.has_status().then(|| item.status.iter().map(|f| self.field(f)).collect()),
            duties: item.duties.iter().map(|f| self.field(f)).collect(),
            facts: self.facts.and_then(|f| f.items.get(index)).map(|f| ItemFactsJson::new(self.source, f)),
        }
    }

    fn glossary(&self, entry: &'a GlossaryEntry) -> GlossaryJson<'a> {
        GlossaryJson {
            number: entry.number,
            term: &entry.term.text,
            definition: entry.definition_text(),
            line: self.line(entry.term.span),
            marks: entry
                .marks
                .iter()
                .map(|m| {
                    let place = self.source.location(m.start);
                    PlaceJson { line: place.line, column: place.column }
                })
                .collect(),
        }
    }
}
