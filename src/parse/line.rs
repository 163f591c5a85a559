//! Lines classified by `grammar/bulletin.pest`.
//!
//! Each line is parsed on its own: a line cannot fail (anything is at least a
//! paragraph), a numbering mistake on one line cannot derail the next, and
//! the call limit bounds the work per line however long the document is.
//! `Pair`s stay in this module; the rest of the parser sees [`Line`]s.

use pest::Parser as _;
use pest::iterators::Pair;

use super::document::{Label, LabelRole};
use super::numeral::{Level, Numeral};
use crate::diagnostics::Warning;
use crate::numerals::{arabic, circled_value, hanzi_value};
use crate::source::{SourceText, Span};
use crate::text::trimmed_range;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/common.pest"]
#[grammar = "../grammar/bulletin.pest"]
struct BulletinGrammar;

/// The longest label, in characters, not counting a note in parentheses:
/// `下一步工作打算` is 7, `责任单位及完成时限` 9. A longer phrase before a
/// colon is a sentence ("全县重点项目建设方面存在的主要问题："), not a label.
const MAX_LABEL_CHARS: usize = 12;

/// One line of the input and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// The whole line, without its break.
    pub span: Span,
    /// The line's text.
    pub text: &'a str,
    /// What the line is.
    pub kind: LineKind,
}

impl Line<'_> {
    /// The line's span without spaces of any width at either end.
    pub(crate) fn trimmed(&self) -> Span {
        let (start, end) = trimmed_range(self.text);
        Span::new(self.span.start + start, self.span.start + end)
    }
}

/// What a line is. Spans are trimmed of spaces of any width. A document
/// holds one per line until its tree is built, so the rarer, larger kinds are
/// boxed: a line costs 64 bytes rather than 112 (a 10 MiB input has 230 000).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Nothing but spaces.
    Blank,
    /// A numbered heading and the text after its numeral. `or_decimal`: the
    /// text starts with a digit right after `N.` (`3.8月底前…`), so the
    /// line may instead be a paragraph that opens with a decimal (`2.5万亩…`).
    Heading { numeral: Box<Numeral>, rest: Span, or_decimal: bool },
    /// `落实情况：…`: the label and the text after the colon.
    Labelled { label: Box<Label>, rest: Span },
    /// `[3]…`: a footnote-style entry.
    Note { number: Option<u32>, rest: Span },
    /// `名词解释`.
    GlossaryTitle,
    /// Anything else.
    Paragraph { text: Span },
}

/// Classifies every line of `source`. A line the grammar gives up on (only
/// its call limit can make it) is read as a paragraph, with a warning.
pub(crate) fn classify<'a>(source: &'a SourceText, warnings: &mut Vec<Warning>) -> Vec<Line<'a>> {
    crate::grammar::limit_calls();
    source
        .lines()
        .map(|(span, text)| {
            let mut line = Line { span, text, kind: LineKind::Blank };
            line.kind = classify_line(text, span).unwrap_or_else(|reason| {
                warnings.push(Warning::new(
                    span,
                    crate::say!("按普通段落读取：{reason}", "read as a plain paragraph: {reason}"),
                ));
                LineKind::Paragraph { text: line.trimmed() }
            });
            line
        })
        .collect()
}

/// Classifies one line, or says why the grammar gave up.
/// The heading numeral `text` opens with, read as the parser reads a
/// bulletin's lines: its level, and the byte offset where the heading's text starts.
pub(crate) fn heading(text: &str) -> Option<(Level, usize)> {
    crate::grammar::limit_calls();
    match classify_line(text, Span::new(0, text.len())) {
        Ok(LineKind::Heading { numeral, rest, .. }) => Some((numeral.level, rest.start)),
        _ => None,
    }
}

fn classify_line(text: &str, span: Span) -> Result<LineKind, String> {
    let mut pairs = BulletinGrammar::parse(Rule::line, text).map_err(|error| error.variant.message().into_owned())?;
    let line = pairs.next().and_then(|p| p.into_inner().next());
    let Some(pair) = line else { return Ok(LineKind::Blank) };
    let offset = span.start;
    Ok(match pair.as_rule() {
        Rule::heading => {
            let mut inner = pair.into_inner();
            let (Some(numeral), Some(rest)) = (inner.next(), inner.next()) else {
                return Ok(LineKind::Blank);
            };
            let or_decimal =
                numeral.clone().into_inner().next().is_some_and(|p| p.as_rule() == Rule::level3_or_decimal);
            LineKind::Heading {
                numeral: Box::new(numeral_of(numeral, offset)),
                rest: trimmed(&rest, offset),
                or_decimal,
            }
        }
        Rule::labelled => {
            let whole = trimmed(&pair, offset);
            let mut inner = pair.into_inner();
            let (Some(label), Some(rest)) = (inner.next(), inner.next()) else {
                return Ok(LineKind::Blank);
            };
            let note = label.clone().into_inner().find(|p| p.as_rule() == Rule::label_note);
            let length = label.as_str().chars().count() - note.map_or(0, |n| n.as_str().chars().count());
            if length > MAX_LABEL_CHARS {
                return Ok(LineKind::Paragraph { text: whole });
            }
            LineKind::Labelled { label: Box::new(label_of(label, offset)), rest: trimmed(&rest, offset) }
        }
        Rule::note => {
            let mut inner = pair.into_inner();
            let number = inner.next().and_then(|mark| mark.into_inner().next()).and_then(|n| arabic(n.as_str()).1);
            let rest = inner.next().map_or(Span::new(span.end, span.end), |rest| trimmed(&rest, offset));
            LineKind::Note { number, rest }
        }
        Rule::glossary_title => LineKind::GlossaryTitle,
        _ => {
            let text = trimmed(&pair, offset);
            if text.start == text.end { LineKind::Blank } else { LineKind::Paragraph { text } }
        }
    })
}

/// A pair's span in the source, without spaces at either end.
fn trimmed(pair: &Pair<'_, Rule>, offset: usize) -> Span {
    let (start, end) = trimmed_range(pair.as_str());
    let base = pair.as_span().start() + offset;
    Span::new(base + start, base + end)
}

fn numeral_of(pair: Pair<'_, Rule>, offset: usize) -> Numeral {
    let span = Span::new(pair.as_span().start() + offset, pair.as_span().end() + offset);
    let level_pair = pair.into_inner().next();
    let (level, digits) = match level_pair {
        Some(p) => {
            let level = match p.as_rule() {
                Rule::level1 => Level::Hanzi,
                Rule::level2 => Level::HanziParen,
                Rule::level3 | Rule::level3_or_decimal => Level::Arabic,
                Rule::level4 => Level::ArabicParen,
                _ => Level::Circled,
            };
            let digits =
                p.clone().into_inner().next().map_or_else(|| p.as_str().to_string(), |d| d.as_str().to_string());
            (level, digits)
        }
        None => (Level::Circled, String::new()),
    };
    let (number, value) = match level {
        Level::Hanzi | Level::HanziParen => (digits.clone(), hanzi_value(&digits)),
        Level::Arabic | Level::ArabicParen => arabic(&digits),
        Level::Circled => (digits.clone(), digits.chars().next().and_then(circled_value)),
    };
    Numeral { level, number, value, span }
}

fn label_of(pair: Pair<'_, Rule>, offset: usize) -> Label {
    let span = Span::new(pair.as_span().start() + offset, pair.as_span().end() + offset);
    let text = pair.as_str().to_string();
    let role = pair
        .into_inner()
        .find_map(|p| match p.as_rule() {
            Rule::status_tail => Some(LabelRole::Status),
            Rule::task_tail => Some(LabelRole::Task),
            Rule::duty_tail => Some(LabelRole::Duty),
            _ => None,
        })
        .unwrap_or(LabelRole::Status);
    Label { text, role, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> LineKind {
        classify_line(text, Span::new(0, text.len())).unwrap()
    }

    fn heading(text: &str) -> Option<(Level, String, Option<u32>, &str)> {
        match kind(text) {
            LineKind::Heading { numeral, rest, .. } => {
                Some((numeral.level, numeral.number, numeral.value, &text[rest.range()]))
            }
            _ => None,
        }
    }

    #[test]
    fn headings_of_every_level_in_both_widths() {
        assert_eq!(heading("一、整体情况"), Some((Level::Hanzi, "一".into(), Some(1), "整体情况")));
        assert_eq!(heading("\u{3000}（十二）关于供热"), Some((Level::HanziParen, "十二".into(), Some(12), "关于供热")));
        assert_eq!(heading("(三)议题"), Some((Level::HanziParen, "三".into(), Some(3), "议题")));
        assert_eq!(heading("14.许昌舰入列。"), Some((Level::Arabic, "14".into(), Some(14), "许昌舰入列。")));
        assert_eq!(heading("１、抓项目 "), Some((Level::Arabic, "1".into(), Some(1), "抓项目")));
        assert_eq!(heading("2．抓工业"), Some((Level::Arabic, "2".into(), Some(2), "抓工业")));
        assert_eq!(heading("（3）细化"), Some((Level::ArabicParen, "3".into(), Some(3), "细化")));
        assert_eq!(heading("4)细化"), Some((Level::ArabicParen, "4".into(), Some(4), "细化")));
        assert_eq!(heading("②加快"), Some((Level::Circled, "②".into(), Some(2), "加快")));
    }

    #[test]
    fn a_digit_after_the_dot_may_be_a_decimal() {
        for text in ["3.8月底前完成", "2.5万亩高标准农田"] {
            assert!(matches!(kind(text), LineKind::Heading { or_decimal: true, .. }), "{text}");
        }
        assert!(matches!(kind("3.加快"), LineKind::Heading { or_decimal: false, .. }));
    }

    #[test]
    fn numbers_that_are_not_headings() {
        for text in ["2023年上半年", "一是加强调度", "10月31日,六家企业挂牌", "1—5月"] {
            assert!(matches!(kind(text), LineKind::Paragraph { .. }), "{text}");
        }
    }

    #[test]
    fn labels_and_their_roles() {
        let label = |text: &str| match kind(text) {
            LineKind::Labelled { label, rest } => Some((label.text, label.role, text[rest.range()].to_string())),
            _ => None,
        };
        assert_eq!(label("落实情况:已完成"), Some(("落实情况".into(), LabelRole::Status, "已完成".into())));
        assert_eq!(
            label("目前进展情况：正在推进"),
            Some(("目前进展情况".into(), LabelRole::Status, "正在推进".into()))
        );
        assert_eq!(label("确定事项："), Some(("确定事项".into(), LabelRole::Task, String::new())));
        assert_eq!(label("牵头单位：县发改局"), Some(("牵头单位".into(), LabelRole::Duty, "县发改局".into())));
        assert_eq!(label("【完成情况】已印发"), Some(("完成情况".into(), LabelRole::Status, "已印发".into())));
        assert_eq!(
            label("落实情况（截至6月底）：开工3个"),
            Some(("落实情况（截至6月底）".into(), LabelRole::Status, "开工3个".into()))
        );
        assert_eq!(label("从督查情况看:总体平稳"), None);
        assert_eq!(label("全县重点项目建设方面存在的主要问题：用地"), None, "a sentence, not a label");
        assert_eq!(label("青岚经济开发区:东部路网"), None);
    }

    #[test]
    fn glossary_titles_and_notes() {
        assert_eq!(kind("    名 词 解 释"), LineKind::GlossaryTitle);
        assert_eq!(kind("附：名词解释"), LineKind::GlossaryTitle);
        assert!(matches!(kind("［3］两书一函：约谈通知书"), LineKind::Note { number: Some(3), .. }));
        assert_eq!(kind(" \u{3000} "), LineKind::Blank);
    }
}
