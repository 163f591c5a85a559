//! The grammar's `number_fact` (grammar/facts.pest), read by hand: a number,
//! Arabic or Chinese, with its approximation, unit or magnitude and
//! qualifier (`58个`, `100余家`, `22.75亿元`, `3-5个`, `1,200.50万平方米以上`),
//! or an Arabic number standing alone.
//!
//! Most facts of a bulletin are these, and pest's bookkeeping for one parse
//! (a parser state, its queue of pairs, an error for a miss) costs about a
//! microsecond where the reading itself is a few comparisons. The grammar
//! stays the definition: `it_reads_what_the_grammar_reads` holds this reader
//! to `number_fact` over generated texts, so a unit added to the grammar and
//! not here fails it.

use std::sync::LazyLock;

use super::scan::{Decimal, Measure, Token, decimal, is_digit, is_hanzi_digit, is_space};
use crate::numerals::hanzi_value;
use crate::source::Span;

/// `unit` in grammar/facts.pest, in its order (the first that matches wins),
/// each with what may not follow it (`项` of 项目, `批` of 批次).
pub(crate) const UNITS: &[Unit] = &[
    ("个百分点", ""),
    ("%", ""),
    ("个", ""),
    ("元", ""),
    ("项", "目"),
    ("家", ""),
    ("户", ""),
    ("人次", ""),
    ("人", ""),
    ("％", ""),
    ("‰", ""),
    ("毫克/立方米", ""),
    ("微克/立方米", ""),
    ("毫克/升", ""),
    ("mg/L", ""),
    ("mg/l", ""),
    ("μg/m³", ""),
    ("μg/m3", ""),
    ("ug/m3", ""),
    ("平方公里", ""),
    ("平方千米", ""),
    ("平方米", ""),
    ("立方米", ""),
    ("公里", ""),
    ("千米", ""),
    ("公顷", ""),
    ("亩", ""),
    ("米", ""),
    ("千瓦时", ""),
    ("千瓦", ""),
    ("兆瓦时", ""),
    ("兆瓦", ""),
    ("吨", ""),
    ("千克", ""),
    ("公斤", ""),
    ("名", ""),
    ("大项", ""),
    ("小项", ""),
    ("套", ""),
    ("栋", ""),
    ("辆", ""),
    ("台", ""),
    ("所", ""),
    ("座", ""),
    ("次", ""),
    ("件", ""),
    ("篇", ""),
    ("条", ""),
    ("处", ""),
    ("批", "次"),
    ("张", ""),
    ("场", ""),
    ("笔", ""),
    ("株", ""),
    ("头", ""),
    ("只", ""),
    ("间", ""),
    ("宗", ""),
    ("起", ""),
    ("份", ""),
    ("部", ""),
    ("艘", ""),
    ("架", ""),
    ("天", ""),
    ("倍", ""),
    ("瓶", ""),
    ("册", ""),
    ("棵", ""),
];

/// `magnitude`: 万亿, 亿, 万, with what each multiplies by.
const MAGNITUDES: &[(&str, i32)] = &[("万亿", 12), ("亿", 8), ("万", 4)];

/// `range_sep`.
const RANGE_SEPS: &[char] = &['-', '—', '－', '~', '～', '至', '到'];

/// `post_qualifier`.
const POST_QUALIFIERS: &[&str] = &["以上", "以下", "左右", "以内"];

/// What may not follow a bare number besides a digit or a dot
/// (`bare_number`'s lookahead).
const NOT_AFTER_BARE: &[char] = &['月', '日', '年', '号', '时', '点'];

/// A unit and what may not follow it.
type Unit = (&'static str, &'static str);

/// The units by their first character, each list in the grammar's order.
static BY_FIRST: LazyLock<Vec<(char, Vec<Unit>)>> = LazyLock::new(|| {
    let mut index: Vec<(char, Vec<Unit>)> = Vec::new();
    for &(unit, not) in UNITS {
        let Some(first) = unit.chars().next() else { continue };
        match index.iter_mut().find(|(c, _)| *c == first) {
            Some((_, units)) => units.push((unit, not)),
            None => index.push((first, vec![(unit, not)])),
        }
    }
    index.sort_by_key(|(c, _)| *c);
    index
});

/// The unit `rest` starts with, as the grammar's ordered choice finds it.
fn unit_at(rest: &str) -> Option<&'static str> {
    let first = rest.chars().next()?;
    let at = BY_FIRST.binary_search_by_key(&first, |(c, _)| *c).ok()?;
    BY_FIRST[at]
        .1
        .iter()
        .find(|(unit, not)| rest.starts_with(unit) && (not.is_empty() || !rest[unit.len()..].starts_with(not)))
        .map(|(unit, _)| *unit)
}

/// The number `number_fact` reads at the start of `text` (at most as much
/// as the grammar would see: the caller's window), if `text` starts with one.
pub(crate) fn read(text: &str, offset: usize) -> Option<Token> {
    let number = number(text)?;
    let rest = &text[number.len..];
    let span = |len: usize| Span::new(offset, offset + number.len + len);
    if let Some(tail) = quantity(rest) {
        let value = number.value(text)?;
        return Some(Token::Quantity(tail.measure(span(tail.len), value, None, number.hanzi)));
    }
    if let Some((to, tail)) = range(rest) {
        let (from, upto) = (number.value(text)?, to.value(&rest[to.start..])?);
        let hanzi = number.hanzi || to.hanzi;
        return Some(Token::Quantity(tail.measure(span(tail.len), from, Some(upto), hanzi)));
    }
    let ends_bare = rest.chars().next().is_none_or(|c| !is_digit(c) && !is_dot(c) && !NOT_AFTER_BARE.contains(&c));
    if number.hanzi || !ends_bare {
        return None;
    }
    Some(Token::Bare { span: span(0), value: number.value(text)? })
}

/// A number as the grammar's `number` reads it: where it ends and how it is written.
struct Number {
    /// Where it starts in the text it was read from (0 but for a range's second).
    start: usize,
    len: usize,
    hanzi: bool,
}

impl Number {
    /// Its value, from `text` (which starts with it); `None` if it does not fit.
    fn value(&self, text: &str) -> Option<Decimal> {
        let written = &text[..self.len];
        if self.hanzi {
            Some(Decimal { mantissa: i128::from(hanzi_value(written)?), scale: 0 })
        } else {
            decimal(written)
        }
    }
}

/// `number`: an Arabic number, or else a run of Chinese numerals.
fn number(text: &str) -> Option<Number> {
    let arabic = arabic(text);
    if arabic > 0 {
        return Some(Number { start: 0, len: arabic, hanzi: false });
    }
    let hanzi = run(text, is_hanzi_digit);
    (hanzi > 0).then_some(Number { start: 0, len: hanzi, hanzi: true })
}

/// `arabic_number`: digits, groups of three after commas, a decimal part.
fn arabic(text: &str) -> usize {
    let mut end = run(text, is_digit);
    if end == 0 {
        return 0;
    }
    // ("," ~ digit ~ digit ~ digit ~ !digit)*
    while let Some(group) = text[end..].strip_prefix(',') {
        let digits = run(group, is_digit);
        if group[..digits].chars().count() != 3 {
            break;
        }
        end += 1 + digits;
    }
    // (dot ~ digit+)?
    let rest = &text[end..];
    if let Some(dot) = rest.chars().next().filter(|&c| is_dot(c)) {
        let digits = run(&rest[dot.len_utf8()..], is_digit);
        if digits > 0 {
            end += dot.len_utf8() + digits;
        }
    }
    end
}

/// The bytes of the run of characters `of` accepts at the start of `text`.
fn run(text: &str, of: fn(char) -> bool) -> usize {
    text.char_indices().find(|&(_, c)| !of(c)).map_or(text.len(), |(at, _)| at)
}

fn is_dot(c: char) -> bool {
    c == '.' || c == '．'
}

/// What follows a quantity's number (or a range's second): its unit or
/// magnitude and qualifiers.
#[derive(Clone, Copy)]
struct Tail {
    len: usize,
    magnitude: (i32, &'static str),
    unit: &'static str,
    qualifier: Option<&'static str>,
}

/// `quantity` after its number: `approx? ~ space* ~ (unit | magnitude ~
/// approx? ~ unit?) ~ post_qualifier?`.
fn quantity(rest: &str) -> Option<Tail> {
    let mut tail = Tail { len: 0, magnitude: (0, ""), unit: "", qualifier: None };
    tail.approx(rest);
    tail.measured(rest, true)?;
    Some(tail)
}

/// `range_quantity` after its first number: `range_sep ~ number ~ space* ~
/// (unit | magnitude ~ unit?) ~ post_qualifier?`, with its second number.
fn range(rest: &str) -> Option<(Number, Tail)> {
    let sep = rest.chars().next().filter(|c| RANGE_SEPS.contains(c))?.len_utf8();
    let second = number(&rest[sep..])?;
    let second = Number { start: sep, ..second };
    let mut tail = Tail { len: sep + second.len, magnitude: (0, ""), unit: "", qualifier: None };
    tail.measured(rest, false)?;
    Some((second, tail))
}

impl Tail {
    /// The quantity this tail ends, over `span`.
    fn measure(self, span: Span, number: Decimal, to: Option<Decimal>, hanzi: bool) -> Measure {
        let (magnitude, magnitude_text) = self.magnitude;
        Measure {
            span,
            number,
            to,
            magnitude,
            magnitude_text,
            unit: self.unit,
            qualifier: self.qualifier.or(to.map(|_| "range")),
            hanzi,
        }
    }

    /// `space* ~ (unit | magnitude ~ approx? ~ unit?) ~ post_qualifier?` at
    /// the tail's end (a range's takes no `approx` after its magnitude);
    /// `None` where neither a unit nor a magnitude follows.
    fn measured(&mut self, rest: &str, approx: bool) -> Option<()> {
        self.len += run(&rest[self.len..], is_space);
        if !self.unit(rest) {
            let (len, magnitude, text) = magnitude(&rest[self.len..])?;
            self.len += len;
            self.magnitude = (magnitude, text);
            if approx {
                self.approx(rest);
            }
            self.unit(rest);
        }
        self.post_qualifier(rest);
        Some(())
    }

    /// `approx?` at the tail's end; the last one read is the qualifier.
    fn approx(&mut self, rest: &str) {
        if let Some(approx) = ["余", "多"].into_iter().find(|a| rest[self.len..].starts_with(a)) {
            self.len += approx.len();
            self.qualifier = Some(approx);
        }
    }

    /// `unit` at the tail's end, if one is there.
    fn unit(&mut self, rest: &str) -> bool {
        let Some(unit) = unit_at(&rest[self.len..]) else { return false };
        self.len += unit.len();
        self.unit = unit;
        true
    }

    /// `post_qualifier?` at the tail's end.
    fn post_qualifier(&mut self, rest: &str) {
        if let Some(post) = POST_QUALIFIERS.iter().find(|q| rest[self.len..].starts_with(*q)) {
            self.len += post.len();
            self.qualifier = Some(post);
        }
    }
}

/// `magnitude` at the start of `text`: its length, exponent and text.
fn magnitude(text: &str) -> Option<(usize, i32, &'static str)> {
    MAGNITUDES.iter().find(|(m, _)| text.starts_with(m)).map(|&(m, exponent)| (m.len(), exponent, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_ranges_and_bare_numbers() {
        let read = |text: &str| read(text, 10);
        let Some(Token::Quantity(m)) = read("1,200.50万平方米以上，") else { panic!() };
        assert_eq!(
            (m.span, m.number.value(), m.magnitude, m.unit, m.qualifier),
            (Span::new(10, 36), 1200.5, 4, "平方米", Some("以上"))
        );
        let Some(Token::Quantity(m)) = read("3-五个项目") else { panic!() };
        assert_eq!((m.number.value(), m.to.map(Decimal::value), m.unit, m.hanzi), (3.0, Some(5.0), "个", true));
        assert!(matches!(read("12项目"), Some(Token::Bare { value, .. }) if value.value() == 12.0));
        assert_eq!(read("12月"), None);
        assert_eq!(read("三项目"), None);
        assert_eq!(read("完成"), None);
    }
}
