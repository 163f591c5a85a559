//! Where a tera error points, for both users of tera: `require` sentences in
//! rule files and the notice templates.
//!
//! tera reports syntax and rendering errors with a span, but some (an
//! unknown filter) only as a message carrying its own ` --> name:line:column`
//! pointer; both are read here into one place and one sentence.

use std::sync::LazyLock;

use regex::Regex;
use tera::ErrorKind;

/// An error's message, and its line (from 1) and column (in characters,
/// from 0) in the template, when it has them.
pub fn place(error: &tera::Error) -> (String, Option<(usize, usize)>) {
    static POINTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"--> [^\n]*?:(\d+):(\d+)").expect("the pointer pattern is valid"));
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            (report.message().to_string(), Some((span.start_line, span.start_col)))
        }
        other => {
            let text = other.to_string();
            let message = text.lines().next().unwrap_or("").trim_start_matches("error: ").to_string();
            let at = POINTER.captures(&text).and_then(|found| {
                let line: usize = found[1].parse().ok()?;
                let column: usize = found[2].parse().ok()?;
                Some((line, column.saturating_sub(1)))
            });
            (message, at)
        }
    }
}
