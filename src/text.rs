//! Small text helpers for the mixed widths of real documents.
//!
//! The grammars accept both widths directly, so spans stay true. Code that
//! only *recognises* text (web chrome, dates) compares a width-folded copy
//! instead, and never reports spans into it.

use std::borrow::Cow;

/// Whether `c` is a space as documents write one: ASCII whitespace, the
/// ideographic space U+3000 or the no-break space U+00A0.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{A0}' || c == '\u{FEFF}'
}

/// `text` without leading and trailing spaces of any width.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// The byte range of `text` within itself once trimmed: `(start, end)`.
pub fn trimmed_range(text: &str) -> (usize, usize) {
    let start = text.len() - text.trim_start_matches(is_space).len();
    let end = text.trim_end_matches(is_space).len();
    (start, end.max(start))
}

/// Full-width ASCII forms (`！`…`～`, `１２`, `（`) folded to ASCII, and every
/// space ([`is_space`]: U+3000, U+00A0, tab, the typographic spaces of web
/// pages) to an ASCII space. Patterns over folded text can then say ` ` and
/// `[0-9]` where they would say `\s` and `\d`: the Unicode classes cost a
/// regex ten times as much to build, and a run builds every pattern once.
pub fn fold_width(text: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}') || (c != ' ' && is_space(c));
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c if is_space(c) => ' ',
                _ => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_both_widths_together() {
        assert_eq!(fold_width("（１）发布时间：２０２２"), "(1)发布时间:2022");
        assert_eq!(fold_width("\u{3000}\u{A0}a"), "  a");
        assert_eq!(fold_width("发布时间\u{2002}:\t2024"), "发布时间 : 2024");
        assert!(matches!(fold_width("plain 文本"), Cow::Borrowed(_)));
    }

    #[test]
    fn trimming_knows_every_space() {
        assert_eq!(trim("\u{3000}\u{A0} 一、总体情况 \u{3000}"), "一、总体情况");
        assert_eq!(trimmed_range("\u{3000}ab "), (3, 5));
        assert_eq!(trimmed_range("\u{3000}"), (3, 3));
    }
}
