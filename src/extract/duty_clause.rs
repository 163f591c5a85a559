//! The grammar's `duty_clause` (grammar/facts.pest), read by hand: who is
//! responsible at the start of a clause (`区工信局、区住建局等部门负责`,
//! `由县住建局会同县财政局…`) and the verb that says how.
//!
//! The grammar reads a name one character at a time, trying each of the
//! thirty-odd words that end a name at every character; pest's bookkeeping
//! for that was the larger part of finding units. Here a character is
//! looked at as a word's start only when one of those words starts with it.
//! The grammar stays the definition: `it_reads_what_the_grammar_reads` holds
//! this reader to `duty_clause` over generated texts.

use std::ops::Range;

use super::scan::{DUTY_VERBS, DutyClause, NAME_END_STARTS, is_digit, is_space};
use crate::source::Span;

/// `by_verb`: what follows `由X` when it names who acts.
pub(crate) const BY_VERBS: &[&str] = &[
    "根据",
    "会同",
    "提请",
    "按照",
    "组织",
    "做好",
    "进一步",
    "统筹",
    "抓紧",
    "尽快",
    "结合",
    "修改",
    "研究",
    "制定",
    "起草",
];

/// `list_sep`.
pub(crate) const LIST_SEPS: &[&str] = &["、", "和", "及", "与", "会同"];

/// `list_tail` after its 等: `(digit+ ~ ("家" | "个"))? ~ ("部门" | "单位" | "镇办")?`.
const TAIL_COUNTERS: &[&str] = &["家", "个"];
const TAIL_WORDS: &[&str] = &["部门", "单位", "镇办"];

/// The clause `clause` starts with, as `duty_clause` reads it; `clause`
/// starts at byte `offset` of the source.
pub(crate) fn read(clause: &str, offset: usize) -> Option<DutyClause> {
    let read = clause
        .strip_prefix('由')
        .and_then(|_| listed(clause, '由'.len_utf8(), true))
        .or_else(|| listed(clause, 0, false))?;
    let span = |r: &Range<usize>| Span::new(offset + r.start, offset + r.end);
    Some(DutyClause {
        names: read.names.iter().map(|r| (clause[r.clone()].to_string(), span(r))).collect(),
        verb: read.verb.to_string(),
        end: offset + read.end,
    })
}

/// A list of names and its verb, as read.
struct Listed {
    names: Vec<Range<usize>>,
    /// The `duty_verb`; empty for a `by_verb`.
    verb: &'static str,
    end: usize,
}

/// `unit_list ~ space* ~ duty_verb` from byte `start` of `text`, or with
/// `by` (after 由) `unit_list ~ space* ~ (duty_verb | by_verb)`.
fn listed(text: &str, start: usize, by: bool) -> Option<Listed> {
    let first = unit_name(&text[start..]);
    if first == 0 {
        return None;
    }
    let mut names = Vec::new();
    names.push(start..start + first);
    let mut at = start + first;
    // (list_sep ~ unit_name)*
    while let Some(sep) = starts_with_any(&text[at..], LIST_SEPS) {
        let name = unit_name(&text[at + sep.len()..]);
        if name == 0 {
            break;
        }
        names.push(at + sep.len()..at + sep.len() + name);
        at += sep.len() + name;
    }
    at += list_tail(&text[at..]);
    at += text[at..].find(|c| !is_space(c)).unwrap_or(text.len() - at);
    let rest = &text[at..];
    if let Some(verb) = duty_verb(rest) {
        return Some(Listed { names, verb, end: at + verb.len() });
    }
    let by_verb = starts_with_any(rest, BY_VERBS).filter(|_| by)?;
    Some(Listed { names, verb: "", end: at + by_verb.len() })
}

/// `unit_name`: the bytes of name characters before what ends a name.
fn unit_name(text: &str) -> usize {
    text.char_indices()
        .find(|&(at, c)| !is_name_char(c) || (NAME_END_STARTS.contains(&c) && ends_a_name(&text[at..])))
        .map_or(text.len(), |(at, _)| at)
}

/// `name_end`: `list_sep | "等" | duty_verb | by_verb | space`.
fn ends_a_name(rest: &str) -> bool {
    starts_with_any(rest, LIST_SEPS).is_some()
        || rest.starts_with('等')
        || duty_verb(rest).is_some()
        || starts_with_any(rest, BY_VERBS).is_some()
        || rest.starts_with(is_space)
}

/// `name_char`: `HAN | ASCII_ALPHA | digit | lparen | rparen | "·"`.
fn is_name_char(c: char) -> bool {
    pest::unicode::HAN(c) || c.is_ascii_alphabetic() || is_digit(c) || matches!(c, '（' | '(' | '）' | ')' | '·')
}

/// `duty_verb`, in its order; `应` not before `急` (应急局 is a name).
fn duty_verb(rest: &str) -> Option<&'static str> {
    DUTY_VERBS
        .iter()
        .copied()
        .find(|verb| rest.starts_with(verb) && !(*verb == "应" && rest["应".len()..].starts_with('急')))
}

/// `list_tail`: 等, perhaps a count of 家 or 个, perhaps 部门, 单位 or 镇办.
fn list_tail(text: &str) -> usize {
    let Some(rest) = text.strip_prefix('等') else { return 0 };
    let mut at = '等'.len_utf8();
    let digits = rest.find(|c| !is_digit(c)).unwrap_or(rest.len());
    if digits > 0
        && let Some(counter) = starts_with_any(&rest[digits..], TAIL_COUNTERS)
    {
        at += digits + counter.len();
    }
    at + starts_with_any(&text[at..], TAIL_WORDS).map_or(0, str::len)
}

/// The first of `words` that `text` starts with.
fn starts_with_any(text: &str, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| text.starts_with(w))
}
