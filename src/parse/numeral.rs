//! Heading numerals of the 公文 hierarchy and their values.

use serde::Serialize;

use crate::source::Span;

/// A level of the 公文 heading hierarchy, outermost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// `一、` — 一级标题.
    Hanzi,
    /// `（一）` — 二级标题.
    HanziParen,
    /// `1.` `1、` `1．` — 三级标题.
    Arabic,
    /// `（1）` — 四级标题.
    ArabicParen,
    /// `①` — the fifth level.
    Circled,
}

impl Level {
    /// 1 for `一、` … 5 for `①`.
    pub const fn depth(self) -> usize {
        self as usize + 1
    }

    /// The numeral written canonically at this level: `二、` `（二）` `2.` `（2）` `②`.
    pub fn written(self, number: &str) -> String {
        match self {
            Level::Hanzi => format!("{number}、"),
            Level::HanziParen => format!("（{number}）"),
            Level::Arabic => format!("{number}."),
            Level::ArabicParen => format!("（{number}）"),
            Level::Circled => number.to_string(),
        }
    }

    /// How the numeral appears in an item path such as `一/（三）/2`.
    pub fn path_component(self, number: &str) -> String {
        match self {
            Level::HanziParen | Level::ArabicParen => format!("（{number}）"),
            Level::Hanzi | Level::Arabic | Level::Circled => number.to_string(),
        }
    }
}

/// The numeral that opens a heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numeral {
    /// Its level.
    pub level: Level,
    /// The number as written, without punctuation, digits in ASCII: `一`, `12`, `①`.
    pub number: String,
    /// Its value, when it has one a counter can hold.
    pub value: Option<u32>,
    /// The numeral with its punctuation, as written.
    pub span: Span,
}

impl Numeral {
    /// The numeral written canonically: `（二）`, `3.`.
    pub fn written(&self) -> String {
        self.level.written(&self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_write_and_path_their_numerals() {
        assert_eq!(Level::HanziParen.written("五"), "（五）");
        assert_eq!(Level::Arabic.path_component("2"), "2");
        assert_eq!(Level::ArabicParen.path_component("3"), "（3）");
        assert!(Level::Hanzi.depth() < Level::Circled.depth());
    }
}
