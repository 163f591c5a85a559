//! Why a rule file was refused.

use std::path::Path;

use crate::diagnostics::{Severity, render};
use crate::source::{Format, SourceText, Span};

/// A rule file that could not be read or is wrong. Every error names the
/// file and, when it points into it, the line and column.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", file.path.display())]
pub struct RulesError {
    /// The file, for pointing into it.
    pub file: Box<SourceText>,
    /// Line and column, from 1, when the error has a place.
    pub at: Option<(usize, usize)>,
    /// How many characters the caret covers.
    pub width: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl RulesError {
    /// An error in `text`, the rule file at `path`.
    pub(crate) fn new(path: &Path, text: &str, at: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        let file = SourceText::new(path, Format::Text, "UTF-8", String::new(), text.to_string());
        let width = at.map_or(1, |(line, column)| token_width(&file, line, column));
        RulesError { file: Box::new(file), at, width, message: message.into() }
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
