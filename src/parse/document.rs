//! The document tree: what the parse stage produces.
//!
//! Every piece of text is a [`Paragraph`] whose `text` is exactly
//! `source.slice(span)` — one line of the input, trimmed — so a later stage
//! can turn any match inside it into a line and column without searching.

use std::ops::Range;

use super::numeral::{Level, Numeral};
use crate::date::Date;
use crate::source::{SourceText, Span};

/// A parsed bulletin.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Title, publication date, issuer.
    pub meta: Meta,
    /// Paragraphs before the first heading (the 导语, a 主送 line …), title excluded.
    pub preamble: Vec<Paragraph>,
    /// Top-level sections, in order.
    pub sections: Vec<Section>,
    /// Every item of the document, in order; sections refer to ranges of it.
    pub items: Vec<Item>,
    /// Entries of a 名词解释 block.
    pub glossary: Vec<GlossaryEntry>,
    /// The 落款: issuer and date lines that close the document.
    pub closing: Vec<Paragraph>,
    /// Every line of the body in order, headings included: what is left
    /// when chrome, the title line, the 落款 and blank lines are taken out.
    /// Tables, ranking rows and lists under a heading are read from it.
    pub lines: Vec<BodyLine>,
}

/// A line of the body, as the parser classified it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyLine {
    /// The line, trimmed of spaces of any width.
    pub span: Span,
    /// The level of the heading numeral it opens with, if it is a heading.
    pub heading: Option<Level>,
    /// Whether it is part of the 名词解释, which explains words and reports nothing.
    pub glossary: bool,
}

/// What the document says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title line (标题), if the document has one.
    pub title: Option<String>,
    /// The publication date (发布时间, or the date of the 落款).
    pub published: Option<Date>,
    /// Who issued it (来源, 主办, or the body named in the 落款).
    pub issuer: Option<String>,
}

/// One paragraph of text, exactly as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, trimmed of spaces of any width.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

impl Paragraph {
    /// The paragraph of `source` under `span`.
    pub(crate) fn at(source: &SourceText, span: Span) -> Self {
        Paragraph { text: source.slice(span).to_string(), span }
    }
}

/// What a labelled paragraph holds, told by its label's last word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelRole {
    /// What was asked: 确定事项, 工作任务, 目标.
    Task,
    /// What was reported: 落实情况, 进展情况, 存在问题, 下一步打算.
    Status,
    /// Who and by when: 牵头单位, 责任单位, 完成时限.
    Duty,
}

/// The label of a labelled paragraph: `落实情况` in `落实情况：…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The label as written, without colon or brackets.
    pub text: String,
    /// What the paragraph holds.
    pub role: LabelRole,
    /// Where the label is.
    pub span: Span,
}

/// A labelled block: the label's paragraph and the unlabelled ones continuing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The label.
    pub label: Label,
    /// The text after the label, then each continuing paragraph; empty ones left out.
    pub paragraphs: Vec<Paragraph>,
}

impl Field {
    /// The field's text, paragraphs joined by line breaks.
    pub fn text(&self) -> String {
        join(&self.paragraphs)
    }
}

/// A heading that holds other headings or is a top-level part (`一、整体情况`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// `一、`, `（二）` …
    pub numeral: Numeral,
    /// The heading without numeral and trailing punctuation.
    pub heading: Paragraph,
    /// Unlabelled paragraphs under the heading before its first sub-heading,
    /// starting with any text that runs on after the heading's first `。`.
    pub text: Vec<Paragraph>,
    /// Labelled blocks under the heading itself.
    pub fields: Vec<Field>,
    /// Sub-sections.
    pub children: Vec<Section>,
    /// The section's items, its sub-sections' included: a range of [`Document::items`].
    pub items: Range<usize>,
}

impl Section {
    /// The section's own unlabelled text, paragraphs joined by line breaks.
    pub fn body_text(&self) -> String {
        join(&self.text)
    }
}

/// The unit of supervision: a numbered task at the deepest level, or a
/// heading with a 确定事项/落实情况 pair and no numbered entries under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The entry's numeral.
    pub numeral: Numeral,
    /// The numerals from the top, e.g. `一/（三）/2`.
    pub path: String,
    /// The heading: the entry's text up to its first `。`, without the numeral
    /// and trailing punctuation.
    pub heading: Paragraph,
    /// The task: text running on after the heading, unlabelled paragraphs,
    /// and task fields (确定事项).
    pub text: Vec<Paragraph>,
    /// Task fields (确定事项：…), whose paragraphs are also in `text`.
    pub task: Vec<Field>,
    /// What was reported (落实情况：…); empty when nothing was.
    pub status: Vec<Field>,
    /// Who and by when (牵头单位：…, 完成时限：…).
    pub duties: Vec<Field>,
}

impl Item {
    /// Whether a status was reported.
    pub fn has_status(&self) -> bool {
        !self.status.is_empty()
    }

    /// Its 简称, the words a notice names it by: the heading when that is
    /// short, else cut at a natural break to at most [`SHORT_NAME_CHARS`]
    /// characters.
    ///
    /// [`SHORT_NAME_CHARS`]: crate::parse::SHORT_NAME_CHARS
    pub fn short_name(&self) -> String {
        super::short_name::short_name(&self.heading.text)
    }

    /// The task text, paragraphs joined by line breaks.
    pub fn task_text(&self) -> String {
        join(&self.text)
    }

    /// The text the item spans: its heading to its last paragraph.
    pub fn extent(&self) -> Span {
        let fields = self.status.iter().chain(&self.duties).flat_map(|f| f.paragraphs.iter());
        self.text.iter().chain(fields).fold(self.heading.span, |span, p| span.cover(p.span))
    }
}

/// An entry of a 名词解释 block: `3.政企“畅聊早餐会”：……`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The entry's number, which footnote marks like `[3]` refer to.
    pub number: Option<u32>,
    /// The term explained.
    pub term: Paragraph,
    /// Its definition, one paragraph per line.
    pub definition: Vec<Paragraph>,
    /// Where the text refers to it with a footnote mark `[3]`.
    pub marks: Vec<Span>,
}

impl GlossaryEntry {
    /// The definition, paragraphs joined by line breaks.
    pub fn definition_text(&self) -> String {
        join(&self.definition)
    }
}

fn join(paragraphs: &[Paragraph]) -> String {
    paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n")
}
