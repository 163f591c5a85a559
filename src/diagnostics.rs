//! Warnings that travel with results, and the one printer for every message.
//!
//! Stages return [`Warned`] values for recoverable problems (a numbering
//! mistake, a byte that was not valid UTF-8) and their own error enums for
//! fatal ones. Both are shown by [`render`], which draws
//!
//! ```text
//! warning: numbering skips: expected （五） after （四）, found （二）
//!   --> bulletin.txt:57:1
//!    |
//! 57 | (二)第三个议题,听取了…
//!    | ^^^^
//! ```
//!
//! with caret widths from `unicode-width`, so carets line up under 汉字.

use std::fmt::Write as _;
use std::path::Path;

use unicode_width::UnicodeWidthChar;

use crate::source::{Format, SourceText, Span};

/// A recoverable problem, pointing into the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, in one line.
    pub message: String,
}

impl Warning {
    /// A warning at `span`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self { span, message: message.into() }
    }
}

/// A result together with the warnings produced while making it.
#[derive(Clone, Debug)]
pub struct Warned<T> {
    /// The result.
    pub output: T,
    /// Recoverable problems, in source order.
    pub warnings: Vec<Warning>,
}

/// How serious a rendered message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The command failed.
    Error,
    /// The command went on.
    Warning,
}

/// How many display columns of a long line are shown on each side of a span.
const CONTEXT_COLUMNS: usize = 40;

/// Renders `message`, and the source line under `span` with carets when a
/// location is known.
pub fn render(severity: Severity, message: &str, at: Option<(&SourceText, Span)>) -> String {
    let label = match severity {
        Severity::Error => crate::say!("错误：", "error: "),
        Severity::Warning => crate::say!("提示：", "warning: "),
    };
    let mut out = format!("{label}{message}\n");
    let Some((source, span)) = at else {
        return out;
    };
    let location = source.location(span.start);
    let line_span = source.line_span(location.line);
    let line = source.slice(line_span);
    let start = span.start.clamp(line_span.start, line_span.end) - line_span.start;
    let end = span.end.clamp(line_span.start, line_span.end) - line_span.start;
    let (shown, caret_at, caret_len) = excerpt(line, start, end.max(start));
    let number = location.line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, "{pad}--> {}:{}:{}", source.path.display(), location.line, location.column);
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{number} | {shown}");
    let _ = writeln!(out, "{pad} | {}{}", " ".repeat(caret_at), "^".repeat(caret_len.max(1)));
    out
}

/// The part of `line` to show around bytes `start..end`, the display column of
/// the caret in it and the caret's width. Tabs become four spaces; very long
/// lines are cut around the span and marked with `…`.
fn excerpt(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let width = |c: char| if c == '\t' { 4 } else { c.width().unwrap_or(0) };
    let before: Vec<char> = line[..start].chars().collect();
    let inside: Vec<char> = line[start..end].chars().collect();
    let after = &line[end..];

    let mut shown = String::new();
    let mut lead = Vec::new();
    let mut used = 0;
    for &c in before.iter().rev() {
        if used + width(c) > CONTEXT_COLUMNS {
            lead.push('…');
            break;
        }
        used += width(c);
        lead.push(c);
    }
    lead.reverse();
    let push = |shown: &mut String, c: char| {
        if c == '\t' {
            shown.push_str("    ");
        } else if !c.is_control() {
            shown.push(c);
        }
    };
    for &c in &lead {
        push(&mut shown, c);
    }
    let caret_at = lead.iter().map(|&c| width(c)).sum();
    let mut caret_len = 0;
    for &c in inside.iter().take(CONTEXT_COLUMNS) {
        caret_len += width(c);
        push(&mut shown, c);
    }
    let mut used = 0;
    for c in after.chars() {
        if used + width(c) > CONTEXT_COLUMNS {
            shown.push('…');
            break;
        }
        used += width(c);
        push(&mut shown, c);
    }
    (shown, caret_at, caret_len)
}

/// An error in a text file duban reads (a rule file, a template): it names
/// the file and, when it points into it, the line and column.
#[derive(Debug, thiserror::Error)]
#[error("{}{}{message}", file.path.display(), crate::say!("：", ": "))]
pub struct FileError {
    /// The file, for pointing into it.
    pub file: Box<SourceText>,
    /// Line and column, from 1, when the error has a place.
    pub at: Option<(usize, usize)>,
    /// How many characters the caret covers.
    pub width: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl FileError {
    /// An error in `text`, the file at `path`, at `at` (line and column from 1).
    pub fn new(path: &Path, text: &str, at: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        let file = SourceText::new(path, Format::Text, "UTF-8", String::new(), text.to_string());
        let width = at.map_or(1, |(line, column)| token_width(&file, line, column));
        FileError { file: Box::new(file), at, width, message: message.into() }
    }

    /// The message with the offending line and a caret.
    pub fn render(&self) -> String {
        let at = self.at.map(|(line, column)| {
            let start = self.file.span_at(line, column).start;
            let line_end = self.file.line_span(line).end;
            let end =
                self.file.text[start..line_end].char_indices().nth(self.width).map_or(line_end, |(i, _)| start + i);
            (self.file.as_ref(), Span::new(start, end.max(start)))
        });
        render(Severity::Error, &self.to_string(), at)
    }
}

/// How many characters the value or key at `line:column` spans: a quoted
/// string to its closing quote, else up to the next `:`, `,`, `}`, `]` or `#`.
fn token_width(file: &SourceText, line: usize, column: usize) -> usize {
    let text = file.slice(file.line_span(line));
    let rest: Vec<char> = text.chars().skip(column.saturating_sub(1)).collect();
    let width = match rest.first() {
        Some(&quote @ ('"' | '\'')) => rest[1..].iter().position(|&c| c == quote).map_or(rest.len(), |end| end + 2),
        _ => rest
            .iter()
            .enumerate()
            .position(|(i, &c)| {
                matches!(c, ',' | '}' | ']' | '#') || (c == ':' && rest.get(i + 1).is_none_or(|n| *n == ' '))
            })
            .unwrap_or(rest.len()),
    };
    let trailing = rest[..width].iter().rev().take_while(|c| **c == ' ').count();
    (width - trailing).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceText {
        SourceText::new(Path::new("b.txt"), Format::Text, "UTF-8", String::new(), text.into())
    }

    #[test]
    fn carets_line_up_under_wide_characters() {
        let s = source("标题\n（二）第五个议题");
        let start = s.text.find("第五").unwrap();
        let out = render(Severity::Warning, "m", Some((&s, Span::new(start, start + "第五".len()))));
        assert_eq!(out, "提示：m\n --> b.txt:2:4\n  |\n2 | （二）第五个议题\n  |       ^^^^\n");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let text = format!("{}错{}", "字".repeat(500), "字".repeat(500));
        let s = source(&text);
        let start = s.text.find('错').unwrap();
        let out = render(Severity::Error, "m", Some((&s, Span::new(start, start + 3))));
        let shown = out.lines().nth(3).unwrap();
        assert!(shown.starts_with("1 | …字"), "{shown}");
        assert!(shown.ends_with("字…"), "{shown}");
        assert!(shown.chars().count() < 60, "{shown}");
    }
}
