//! Every line of the body scanned for facts at most once: the items'
//! paragraphs, the standings and the pairs all read their figures and dates
//! from here rather than scanning the same text again. A line is scanned
//! when first asked for; lines nobody reads (a glossary, a heading) never are.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::scan::{Token, scan};
use crate::parse::{BodyLine, Document};
use crate::source::{SourceText, Span};

/// The tokens of each body line, in the document's order, scanned on demand.
pub(crate) struct ScannedLines<'d> {
    source: &'d SourceText,
    lines: &'d [BodyLine],
    tokens: Vec<OnceCell<Vec<Token>>>,
}

impl<'d> ScannedLines<'d> {
    /// The lines of `document`, none scanned yet.
    pub(crate) fn new(source: &'d SourceText, document: &'d Document) -> Self {
        ScannedLines { source, lines: &document.lines, tokens: vec![OnceCell::new(); document.lines.len()] }
    }

    /// The tokens of body line `index`.
    pub(crate) fn line(&self, index: usize) -> &[Token] {
        self.tokens[index].get_or_init(|| {
            let line = self.lines[index].span;
            scan(self.source.slice(line), line.start)
        })
    }

    /// The tokens of the text under `span`, a part of one line (a paragraph
    /// after its label or numeral): those of its line that lie inside it.
    /// Where the line's scan may differ from a scan of the part alone — a
    /// token crosses the part's start, or the part starts right after a
    /// digit — or the part is on no body line, the part is scanned itself.
    pub(crate) fn within(&self, source: &SourceText, span: Span) -> Cow<'_, [Token]> {
        let index = self.lines.partition_point(|l| l.span.end <= span.start);
        let Some(line) = self.lines.get(index).filter(|l| l.span.start <= span.start && span.end <= l.span.end) else {
            return Cow::Owned(scan(source.slice(span), span.start));
        };
        let before = source.text[line.span.start..span.start].chars().next_back();
        let joined = before.is_some_and(|c| c.is_alphanumeric() && !('\u{4E00}'..='\u{9FFF}').contains(&c))
            || before.is_some_and(|c| "一二三四五六七八九十百千两〇零年第".contains(c));
        let tokens = self.line(index);
        let crosses = |at: usize| tokens.iter().any(|t| t.span().start < at && at < t.span().end);
        let crosses = crosses(span.start) || crosses(span.end);
        if joined || crosses {
            return Cow::Owned(scan(source.slice(span), span.start));
        }
        // Tokens are in order and none crosses the part's ends: those inside are a run of them.
        let first = tokens.partition_point(|t| t.span().start < span.start);
        let last = tokens.partition_point(|t| t.span().end <= span.end);
        Cow::Borrowed(&tokens[first..last.max(first)])
    }
}

/// The parts of `text` each ending after one of `ends` (the last with the
/// text), as byte ranges: its sentences, where `ends` are what end one.
pub(crate) fn sentences(text: &str, ends: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if ends.contains(&c) {
            out.push(start..at + c.len_utf8());
            start = at + c.len_utf8();
        }
    }
    out.push(start..text.len());
    out
}
