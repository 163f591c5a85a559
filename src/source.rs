//! The text of one input file as the user sees it, and spans into it.
//!
//! Every node of a [`Document`](crate::parse::Document) keeps a [`Span`]: a byte
//! range into [`SourceText::text`]. Lines and columns are computed from spans
//! when they are shown, never stored, so they always refer to the decoded text
//! the user sees in an editor (CRLF, CR and LF each end one line; columns count
//! characters, so `１２` and `12` are both two columns wide).

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A byte range into a [`SourceText`]'s text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The span as a range, for slicing.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The same span moved `offset` bytes later.
    pub const fn shifted(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// A line and column, both counted from 1; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// The container an input file came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text, in any of the encodings ingest detects.
    Text,
    /// A Word document; lines are its paragraphs and table rows.
    Docx,
    /// A web page; lines are its visible blocks.
    Html,
}

impl Format {
    /// The short name used in JSON and messages.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }
}

/// What a container says about the document besides its text, such as the
/// `<meta name="PubDate">` of a government web page. The parser prefers what
/// the text itself says and falls back on these.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// A title (`<title>` or `ArticleTitle`).
    pub title: Option<String>,
    /// A publication date as written (`PubDate`).
    pub published: Option<String>,
    /// The issuing body (`ContentSource`).
    pub issuer: Option<String>,
}

/// One input file, decoded: the stage-1 output every later stage reads.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// The path as the user gave it.
    pub path: PathBuf,
    /// The container the text came from.
    pub format: Format,
    /// The character encoding the bytes were decoded from ("UTF-8", "GB18030", …).
    pub encoding: &'static str,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The decoded text, without a byte-order mark.
    pub text: String,
    /// What the container says about the document.
    pub hints: Hints,
    line_starts: Vec<usize>,
}

impl SourceText {
    /// Wraps decoded text and indexes its lines.
    pub fn new(path: &Path, format: Format, encoding: &'static str, sha256: String, text: String) -> Self {
        let line_starts = line_starts(&text);
        Self { path: path.to_path_buf(), format, encoding, sha256, text, hints: Hints::default(), line_starts }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The line and column where byte `offset` lies.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[index];
        let column = self.text[start..offset].chars().count() + 1;
        Location { line: index + 1, column }
    }

    /// The span of the character at `line` and `column` (both from 1),
    /// clamped to the text.
    pub fn span_at(&self, line: usize, column: usize) -> Span {
        let line_span = self.line_span(line);
        let text = self.slice(line_span);
        let start = text.char_indices().nth(column.saturating_sub(1)).map_or(text.len(), |(at, _)| at);
        let end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
        Span::new(line_span.start + start, line_span.start + end)
    }

    /// How many lines the text has (an empty text has one empty line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The span of line `number` (from 1), without its line break.
    pub fn line_span(&self, number: usize) -> Span {
        let index = number.clamp(1, self.line_count()) - 1;
        let start = self.line_starts[index];
        let Some(&next) = self.line_starts.get(index + 1) else {
            return Span::new(start, self.text.len());
        };
        // Every line but the last ends in exactly one break: "\r\n", "\n" or "\r".
        let bytes = self.text.as_bytes();
        let crlf = next >= start + 2 && &bytes[next - 2..next] == b"\r\n";
        Span::new(start, next - if crlf { 2 } else { 1 })
    }

    /// Every line with its span, in order.
    pub fn lines(&self) -> impl Iterator<Item = (Span, &str)> + '_ {
        (1..=self.line_count()).map(|number| {
            let span = self.line_span(number);
            (span, self.slice(span))
        })
    }
}

/// Byte offsets where lines start; CRLF, CR and LF each end a line.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 1;
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceText {
        SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into())
    }

    #[test]
    fn every_line_break_style_ends_one_line() {
        let s = source("一\r\n二\r三\n四");
        let lines: Vec<&str> = s.lines().map(|(_, l)| l).collect();
        assert_eq!(lines, ["一", "二", "三", "四"]);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let s = source("ab\n１２落实情况");
        let offset = s.text.find('落').unwrap();
        assert_eq!(s.location(offset), Location { line: 2, column: 3 });
    }

    #[test]
    fn a_trailing_break_opens_an_empty_last_line() {
        let s = source("一\n");
        assert_eq!(s.line_count(), 2);
        assert_eq!(s.slice(s.line_span(2)), "");
        assert_eq!(s.location(s.text.len()), Location { line: 2, column: 1 });
    }
}
