//! Where a tera error points, for both users of tera: `require` sentences in
//! rule files and the notice templates.
//!
//! tera reports syntax and rendering errors with a span, but some (an
//! unknown filter) only as a message carrying its own ` --> name:line:column`
//! pointer; both are read here into one place and one sentence.

use std::sync::LazyLock;

use regex::Regex;
use tera::ErrorKind;

/// tera's commonest messages, in Chinese: (its words, ours); `{}` is what
/// it names between backticks.
const SAID: &[(&str, &str)] = &[
    ("Unexpected end of input", "模板提前结束了：是不是少了 %} 或 }}？"),
    ("Unexpected character", "这里有不该出现的字符"),
    ("Unknown filter", "没有“{}”这个过滤器"),
    ("Unknown function", "没有“{}”这个函数"),
    ("Unknown test", "没有“{}”这个判断"),
    ("Variable", "找不到变量“{}”"),
];

/// tera's message in the language in force.
fn said(message: String) -> String {
    if crate::lang::english() {
        return message;
    }
    let named = message.split('`').nth(1).unwrap_or("");
    SAID.iter()
        .find(|(words, _)| message.starts_with(words))
        .map_or(message.clone(), |(_, ours)| ours.replace("{}", named))
}

/// An error's message, and its line (from 1) and column (in characters,
/// from 0) in the template, when it has them.
pub fn place(error: &tera::Error) -> (String, Option<(usize, usize)>) {
    let (message, at) = place_in_english(error);
    (said(message), at)
}

fn place_in_english(error: &tera::Error) -> (String, Option<(usize, usize)>) {
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
