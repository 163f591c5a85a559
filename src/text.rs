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

/// Whether XML 1.0 forbids `c` (its `Char` production): the C0 controls but
/// tab, line feed and carriage return, and U+FFFE, U+FFFF. Word refuses a
/// .docx that holds one.
pub fn xml_forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
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
/// `[0-9]` where they would say `\s` and `\d`: the Unicode classes make a
/// regex several times as costly to build, and a run builds every pattern once.
pub fn fold_width(text: &str) -> Cow<'_, str> {
    // Runs between folded characters are copied whole; text with nothing
    // to fold is not copied at all.
    let mut folded = String::new();
    let mut copied = 0;
    for (at, c) in text.char_indices().filter(|&(_, c)| folds(c)) {
        if folded.is_empty() {
            folded.reserve(text.len());
        }
        folded.push_str(&text[copied..at]);
        folded.push(if is_space(c) { ' ' } else { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) });
        copied = at + c.len_utf8();
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    folded.push_str(&text[copied..]);
    Cow::Owned(folded)
}

/// Whether [`fold_width`] changes `c`: a full-width form, or a space
/// ([`is_space`]) other than ` `, written out so that the common 汉字 is
/// rejected by comparisons alone (a test holds it to `is_space`).
fn folds(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{FEFF}'
            | '\u{FF01}'..='\u{FF5E}'
    )
}

/// Texts of one to `longest` of `pieces` each, in an order that looks
/// random and is the same on every run: for checking code against the
/// pattern it replaced.
#[cfg(test)]
pub(crate) fn generated(pieces: &[&str], longest: u64, count: usize) -> Vec<String> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    (0..count)
        .map(|_| {
            let length = next() % longest + 1;
            (0..length).map(|_| pieces[next() as usize % pieces.len()]).collect()
        })
        .collect()
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
    fn what_folds_is_every_space_and_full_width_form() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = c != ' ' && (is_space(c) || ('\u{FF01}'..='\u{FF5E}').contains(&c));
            assert_eq!(folds(c), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn trimming_knows_every_space() {
        assert_eq!(trim("\u{3000}\u{A0} 一、总体情况 \u{3000}"), "一、总体情况");
        assert_eq!(trimmed_range("\u{3000}ab "), (3, 5));
        assert_eq!(trimmed_range("\u{3000}"), (3, 3));
    }
}
