//! What the commands print: views of each stage's output for people (text)
//! and programs (JSON). Views borrow the domain types and never change them.

mod batch;
mod check;
mod facts;
mod facts_outline;
mod json;
mod outline;
mod rules;
mod words;

pub use batch::{Checked, to_batch_outline, write_batch_json};
pub use check::{to_check_json, to_check_outline, write_check_json};
pub use facts_outline::to_facts_outline;
pub use json::{to_facts_json, to_json, write_facts_json, write_json};
pub use outline::to_outline;
pub use rules::{to_rules_lint, to_rules_list};

/// `text` cut to `columns` display columns, with `…` where it was cut.
fn cut(text: &str, columns: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > columns {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

/// `text` followed by spaces to `columns` display columns (two for a Chinese
/// character), so that columns line up whatever the language.
fn pad(text: &str, columns: usize) -> String {
    let width = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(columns.saturating_sub(width)))
}
