//! Control characters a bulletin may carry (`&#27;` in a page, a raw ESC or
//! form feed in a text file): XML 1.0 forbids them, so Word refuses a .docx
//! that holds one, and a terminal obeys them. They are dropped on reading —
//! a form feed or vertical tab, which old documents use as a break, becomes
//! a line break — so nothing after ingest meets them.

use crate::text::xml_forbidden as forbidden;

/// A text without the characters XML forbids.
#[derive(Debug, PartialEq, Eq)]
pub struct Cleaned {
    /// The text.
    pub text: String,
    /// Where characters were dropped, as byte offsets into `text`.
    pub at: Vec<usize>,
    /// The byte offsets and lengths, in the text before, of what was dropped.
    removed: Vec<(usize, usize)>,
}

impl Cleaned {
    /// Where `offset`, a byte offset into the text before, is in `text`.
    pub fn offset(&self, offset: usize) -> usize {
        offset - self.removed.iter().take_while(|(at, _)| *at < offset).map(|(_, len)| len).sum::<usize>()
    }
}

/// `text` without the characters XML forbids; `None` when it has none (the
/// common case, which copies nothing).
pub fn without_controls(text: &str) -> Option<Cleaned> {
    if !text.contains(forbidden) {
        return None;
    }
    let mut clean = String::with_capacity(text.len());
    let (mut at, mut removed) = (Vec::new(), Vec::new());
    for (offset, c) in text.char_indices() {
        match c {
            '\u{B}' | '\u{C}' => clean.push('\n'),
            c if forbidden(c) => {
                at.push(clean.len());
                removed.push((offset, c.len_utf8()));
            }
            c => clean.push(c),
        }
    }
    Some(Cleaned { text: clean, at, removed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_dropped_and_breaks_kept() {
        assert_eq!(without_controls("一、任务\n落实情况：已完成。"), None);
        let cleaned = without_controls("一\u{1B}[31m二\u{C}三\u{FFFF}四").unwrap();
        assert_eq!(cleaned.text, "一[31m二\n三四");
        assert_eq!(cleaned.at, [3, "一[31m二\n三".len()]);
        // "四" was at 3 + 1 + 3 + 3 + 1 + 3 + 3 = 17 before, 13 after.
        assert_eq!(cleaned.offset(17), 13);
        assert!(forbidden('\u{FFFF}') && !forbidden('\t') && !forbidden('\r') && !forbidden('　'));
    }
}
