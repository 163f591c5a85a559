//! Finding facts in a paragraph with `grammar/facts.pest`.
//!
//! The grammar is tried only where a fact can start — a digit, a Chinese
//! numeral, 第, 上/下半年, 前…季度, 年底/年内, 全年 — so the work is in
//! proportion to the numbers in a text, not its length. A number that no
//! date can follow is read by `number_fact` (the grammar's rule of that name,
//! by hand, held to it by a test). `Pair`s stay here; the rest of the stage
//! sees [`Token`]s with spans into the source.

use pest::Parser as _;
use pest::iterators::Pair;

use super::number_fact::{self, UNITS};
use crate::numerals::hanzi_value;
use crate::source::Span;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/common.pest"]
#[grammar = "../grammar/facts.pest"]
struct FactsGrammar;

/// A fact the grammar found.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Token {
    /// A number with a unit or magnitude.
    Quantity(Measure),
    /// A number standing alone.
    Bare { span: Span, value: Decimal },
    /// `第9位`.
    Rank { span: Span, value: u32 },
    /// A date or deadline.
    Date { span: Span, date: DateExpr },
    /// A stretch of the year: `上半年`, `1-6月份`, `前三季度`.
    Period { span: Span, end_month: u32, year: Option<i32> },
}

impl Token {
    pub(crate) fn span(&self) -> Span {
        match self {
            Token::Quantity(m) => m.span,
            Token::Bare { span, .. }
            | Token::Rank { span, .. }
            | Token::Date { span, .. }
            | Token::Period { span, .. } => *span,
        }
    }
}

/// A decimal number as written, kept exact: `mantissa × 10^-scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    pub mantissa: i128,
    pub scale: u32,
}

impl Decimal {
    /// The value times `10^exponent`, rounded once.
    pub(crate) fn scaled(self, exponent: i32) -> f64 {
        let shift = exponent - self.scale as i32;
        if shift >= 0 {
            (self.mantissa as f64) * 10f64.powi(shift)
        } else {
            (self.mantissa as f64) / 10f64.powi(-shift)
        }
    }

    pub(crate) fn value(self) -> f64 {
        self.scaled(0)
    }
}

/// A quantity as the grammar read it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Measure {
    pub span: Span,
    pub number: Decimal,
    /// The upper end of a range.
    pub to: Option<Decimal>,
    /// 万 → 4, 亿 → 8.
    pub magnitude: i32,
    /// `万`, `亿`, as written.
    pub magnitude_text: &'static str,
    /// `个`, `%`, `平方公里`, as written (empty when only a magnitude was given).
    pub unit: &'static str,
    /// `以上`, `左右`, `余` …
    pub qualifier: Option<&'static str>,
    /// Whether the number is written in Chinese numerals (`三个`).
    pub hanzi: bool,
}

/// A date as written, before a year is put to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateExpr {
    pub year: Option<i32>,
    pub when: When,
    /// Followed by 前/以前/之前.
    pub before: bool,
}

/// Which day of its year a date names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum When {
    Day {
        month: u32,
        day: u32,
    },
    /// The month's last day (`7月底`, `9月份`, `8月`), or its 10th/20th (上旬/中旬).
    Month {
        month: u32,
        part: MonthPart,
    },
    Quarter(u32),
    /// `年中`.
    MidYear,
    /// `年底`, `年末`, `年内`, `全年`.
    YearEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MonthPart {
    End,
    Early,
    Middle,
}

/// Every fact in `text`, which starts at byte `offset` of the source.
pub(crate) fn scan(text: &str, offset: usize) -> Vec<Token> {
    crate::grammar::limit_calls();
    let mut tokens = Vec::new();
    let mut previous: Option<char> = None;
    let mut at = 0;
    while at < text.len() {
        let Some(c) = text[at..].chars().next() else { break };
        // A fact starts where a run of digits starts, not inside it.
        let inside_run =
            previous.is_some_and(|p| (is_digit(p) && is_digit(c)) || (is_hanzi_digit(p) && is_hanzi_digit(c)));
        // After a digit 年 ends a year: "2021年中央…" is not 年中.
        let ends_year = c == '年' && previous.is_some_and(is_digit);
        let found = (!inside_run && !ends_year && may_start(c, &text[at..]) && !numbers_a_heading(&text[at..]))
            .then(|| {
                let window = window(text, at);
                if dated_after(&text[at..]) {
                    grammar(Rule::fact, window, offset + at)
                } else {
                    number_fact::read(window, offset + at)
                }
            })
            .flatten();
        if let Some(token) = found {
            let end = token.span().end - offset;
            tokens.push(token);
            previous = text[..end].chars().next_back();
            at = end.max(at + c.len_utf8());
            continue;
        }
        previous = Some(c);
        at += c.len_utf8();
    }
    tokens
}

/// The token the grammar reads with `rule` at the start of `text`.
fn grammar(rule: Rule, text: &str, offset: usize) -> Option<Token> {
    let mut pairs = FactsGrammar::parse(rule, text).ok()?;
    token(pairs.next()?.into_inner().next()?, offset)
}

/// The most characters a fact spans: `2024年1-6月份` is 11, `1,200.50万平方米以上` 15.
const LONGEST_FACT: usize = 64;

/// The text from `at` on, cut after [`LONGEST_FACT`] characters. A failed
/// parse costs pest the rest of its input (its error copies the line), so the
/// grammar sees only as much as a fact can span: a long line costs in
/// proportion to its length, not its square.
fn window(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    rest.char_indices().nth(LONGEST_FACT).map_or(rest, |(end, _)| &rest[..end])
}

/// `space` in grammar/common.pest.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}' | '\u{0B}' | '\u{0C}')
}

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

pub(super) fn is_hanzi_digit(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '两' | '〇' | '零')
}

/// Punctuation that ends a numeral which the grammar reads as no fact: a
/// heading's or a list's number (`（一）`, `一、`). Not the range signs (`-`,
/// `～`), `%` or `‰`, which a fact goes on with.
const AFTER_A_BARE_NUMERAL: &[char] =
    &['、', '，', ',', '。', '：', ':', '；', ';', '）', ')', '】', ']', '！', '？', '!', '?', '”', '"', '》'];

/// Whether `rest` starts with a numeral the grammar cannot read as a fact,
/// told without trying it: digits followed by a dot and no digit (`1.关于`,
/// `3．`: every fact after digits goes on with a unit, 月, 年 or a range
/// sign, and a bare number may not end in a dot), or Chinese numerals
/// followed by punctuation (`（一）`, `二、`: a Chinese numeral is a fact only
/// with its unit, 月 or 季度). Most headings and list entries start so; each
/// saves a parse that would fail.
fn numbers_a_heading(rest: &str) -> bool {
    let mut chars = rest.chars().peekable();
    let Some(&first) = chars.peek() else { return false };
    let run = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, of: fn(char) -> bool| {
        while chars.next_if(|&c| of(c)).is_some() {}
    };
    if is_digit(first) {
        run(&mut chars, is_digit);
        chars.next().is_some_and(|c| c == '.' || c == '．') && !chars.next().is_some_and(is_digit)
    } else if is_hanzi_digit(first) {
        run(&mut chars, is_hanzi_digit);
        chars.next().is_some_and(|c| AFTER_A_BARE_NUMERAL.contains(&c))
    } else {
        false
    }
}

/// What may follow the number that starts a period or a date: 2024年,
/// 9月, 三季度, 1-6月.
const DATED_BY: &[char] = &['年', '月', '季', '-', '—', '－', '~', '～', '至', '到'];

/// Whether a period, date or rank may start `rest`: always, unless it
/// starts with a number (Arabic or Chinese) that [`DATED_BY`] does not
/// follow. Most numbers measure something (50%, 1200万元): for them only the
/// quantities are tried, which is most of the grammar's work saved.
fn dated_after(rest: &str) -> bool {
    let numeral: fn(char) -> bool = match rest.chars().next() {
        Some(c) if is_digit(c) => is_digit,
        Some(c) if is_hanzi_digit(c) => is_hanzi_digit,
        _ => return true,
    };
    rest.chars().find(|&c| !numeral(c)).is_some_and(|c| DATED_BY.contains(&c))
}

/// Whether a fact may start at `c` (followed by `rest`).
fn may_start(c: char, rest: &str) -> bool {
    let next = rest.chars().nth(1);
    match c {
        _ if is_digit(c) || is_hanzi_digit(c) => true,
        '第' => next.is_some_and(|n| is_digit(n) || is_hanzi_digit(n)),
        '上' | '下' => next == Some('半'),
        '前' => next.is_some_and(|n| is_digit(n) || is_hanzi_digit(n)),
        '年' => next.is_some_and(|n| "底末中内".contains(n)),
        '全' => next == Some('年'),
        _ => false,
    }
}

fn span_of(pair: &Pair<'_, Rule>, offset: usize) -> Span {
    Span::new(offset + pair.as_span().start(), offset + pair.as_span().end())
}

fn token(pair: Pair<'_, Rule>, offset: usize) -> Option<Token> {
    let span = span_of(&pair, offset);
    match pair.as_rule() {
        Rule::quantity | Rule::range_quantity => measure(pair, span).map(Token::Quantity),
        Rule::bare_number => Some(Token::Bare { span, value: decimal(pair.into_inner().next()?.as_str())? }),
        Rule::rank => {
            let number = pair.into_inner().next()?;
            Some(Token::Rank { span, value: number_value(number)?.value() as u32 })
        }
        Rule::date => date(pair, span),
        Rule::period => period(pair, span),
        _ => None,
    }
}

fn measure(pair: Pair<'_, Rule>, span: Span) -> Option<Measure> {
    let mut numbers = Vec::new();
    let (mut magnitude, mut magnitude_text, mut unit, mut qualifier) = (0, "", "", None);
    let mut hanzi = false;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::number => {
                hanzi |= part.clone().into_inner().next().is_some_and(|n| n.as_rule() == Rule::hanzi_number);
                numbers.push(number_value(part)?);
            }
            Rule::magnitude => {
                (magnitude, magnitude_text) = match part.as_str() {
                    "万亿" => (12, "万亿"),
                    "亿" => (8, "亿"),
                    _ => (4, "万"),
                }
            }
            Rule::unit => unit = UNITS.iter().map(|(unit, _)| *unit).find(|unit| *unit == part.as_str())?,
            Rule::approx => qualifier = Some(if part.as_str() == "余" { "余" } else { "多" }),
            Rule::post_qualifier => {
                qualifier = ["以上", "以下", "左右", "以内"].into_iter().find(|q| *q == part.as_str());
            }
            _ => {}
        }
    }
    let number = *numbers.first()?;
    let to = numbers.get(1).copied();
    Some(Measure {
        span,
        number,
        to,
        magnitude,
        magnitude_text,
        unit,
        qualifier: qualifier.or(to.map(|_| "range")),
        hanzi,
    })
}

fn number_value(pair: Pair<'_, Rule>) -> Option<Decimal> {
    let inner = pair.into_inner().next()?;
    match inner.as_rule() {
        Rule::arabic_number => decimal(inner.as_str()),
        _ => Some(Decimal { mantissa: i128::from(hanzi_value(inner.as_str())?), scale: 0 }),
    }
}

/// `1,200.50` or `１２．５` → an exact decimal; `None` if it does not fit.
pub(super) fn decimal(text: &str) -> Option<Decimal> {
    let mut mantissa: i128 = 0;
    let (mut scale, mut after_dot) = (0u32, false);
    for c in text.chars() {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            '.' | '．' => {
                after_dot = true;
                continue;
            }
            _ => continue,
        };
        mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(digit))?;
        scale += u32::from(after_dot);
        if mantissa > 1_000_000_000_000_000_000 || scale > 12 {
            return None;
        }
    }
    Some(Decimal { mantissa, scale })
}

fn small(text: &str) -> Option<u32> {
    let folded: String = text
        .chars()
        .map(|c| if ('０'..='９').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c })
        .collect();
    folded.parse().ok().or_else(|| hanzi_value(&folded))
}

fn date(pair: Pair<'_, Rule>, span: Span) -> Option<Token> {
    let (mut year, mut when, mut before) = (None, None, false);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::year => year = small(part.as_str()).map(|y| y as i32),
            Rule::month_day => {
                let mut inner = part.into_inner();
                let month = small(inner.next()?.as_str())?;
                let day = small(inner.next()?.as_str())?;
                when = Some(When::Day { month, day });
            }
            Rule::month_part => {
                let mut inner = part.into_inner();
                let month = small(inner.next()?.as_str())?;
                let part = match inner.next().map(|t| t.as_str()) {
                    Some("上旬") => MonthPart::Early,
                    Some("中旬") => MonthPart::Middle,
                    _ => MonthPart::End,
                };
                when = Some(When::Month { month, part });
            }
            Rule::quarter => {
                let digit = part.as_str().chars().find(|&c| is_digit(c) || is_hanzi_digit(c))?;
                when = Some(When::Quarter(small(&digit.to_string())?));
            }
            Rule::year_part => when = Some(if part.as_str() == "年中" { When::MidYear } else { When::YearEnd }),
            Rule::before => before = true,
            _ => {}
        }
    }
    let when = when?;
    let valid = match when {
        When::Day { month, day } => (1..=12).contains(&month) && (1..=31).contains(&day),
        When::Month { month, .. } => (1..=12).contains(&month),
        When::Quarter(q) => (1..=4).contains(&q),
        When::MidYear | When::YearEnd => true,
    };
    valid.then_some(Token::Date { span, date: DateExpr { year, when, before } })
}

fn period(pair: Pair<'_, Rule>, span: Span) -> Option<Token> {
    let (mut year, mut end_month) = (None, None);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::year => year = small(part.as_str()).map(|y| y as i32),
            Rule::half_year => end_month = Some(if part.as_str() == "上半年" { 6 } else { 12 }),
            Rule::month_range => end_month = part.into_inner().nth(1).and_then(|m| small(m.as_str())),
            Rule::first_quarters => {
                let digit = part.as_str().chars().find(|&c| is_digit(c) || is_hanzi_digit(c))?;
                end_month = small(&digit.to_string()).map(|q| q * 3);
            }
            _ => {}
        }
    }
    let end_month = end_month.filter(|m| (1..=12).contains(m))?;
    Some(Token::Period { span, end_month, year })
}

/// A responsibility clause: who, and the verb that says how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DutyClause {
    /// The names, as written, with their spans.
    pub names: Vec<(String, Span)>,
    /// `负责`, `牵头`, `配合`, `要` …
    pub verb: String,
    /// Where the verb ends.
    pub end: usize,
}

/// The words of `duty_verb` in grammar/facts.pest.
pub(super) const DUTY_VERBS: &[&str] =
    &["负责", "牵头", "配合", "承办", "主办", "协办", "要", "务必", "应当", "应", "必须", "须"];
/// Their first characters, the quick test before the words.
const DUTY_VERB_STARTS: &[char] = &['负', '牵', '配', '承', '主', '协', '要', '务', '应', '必', '须'];

/// The first characters of what ends a name in `duty_clause` (`name_end`
/// in grammar/facts.pest: separators, 等, the verbs, spaces).
pub(super) const NAME_END_STARTS: &[char] = &[
    '、', '和', '及', '与', '会', '等', '负', '牵', '配', '承', '主', '协', '要', '务', '应', '必', '须', '根', '提',
    '按', '组', '做', '进', '统', '抓', '尽', '结', '修', '研', '制', '起', ' ', '\t', '\u{3000}', '\u{A0}', '\u{0B}',
    '\u{0C}',
];

/// The responsibility clause starting at the start of `text`, if there is
/// one whose names could be units: a name the caller would accept ends in a
/// character `may_end` accepts.
pub(crate) fn duty_clause(text: &str, offset: usize, may_end: impl Fn(char) -> bool) -> Option<DutyClause> {
    // Most clauses name no one: the grammar (which reads a run of name
    // characters, trying every verb at each) is tried only where a duty
    // verb comes before the clause ends, or after 由. (Its first character
    // alone is not enough: every 任务 has the 务 of 务必.) And only where
    // some character that may end a name is followed by what ends one:
    // "下一步要加快" has a verb but no name before it.
    let clause_end =
        text.find(['，', ',', '；', ';', '。', '：', ':', '！', '!', '？', '?', '\n']).unwrap_or(text.len());
    let clause = &text[..clause_end];
    let has_verb = || {
        clause
            .match_indices(DUTY_VERB_STARTS)
            .any(|(at, _)| DUTY_VERBS.iter().any(|verb| clause[at..].starts_with(verb)))
    };
    let ends_a_name = || {
        let mut chars = clause.chars().peekable();
        std::iter::from_fn(|| Some((chars.next()?, *chars.peek()?)))
            .any(|(c, next)| may_end(c) && NAME_END_STARTS.contains(&next))
    };
    let worth_parsing = text.starts_with('由') || (has_verb() && ends_a_name());
    if !worth_parsing {
        return None;
    }
    // The grammar reads no punctuation (nor a line break), so the clause is all it needs to see.
    super::duty_clause::read(clause, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character the fact grammar names, and some it does not: what
    /// may follow a numeral in the shortcut tests below.
    fn followers() -> Vec<char> {
        let grammar = include_str!("../../grammar/facts.pest");
        let mut chars: Vec<char> = grammar
            .split('"')
            .skip(1)
            .step_by(2)
            .flat_map(str::chars)
            .chain("、，。：；）)】！？”》是要项目和 \u{3000}.．0９一十两千年月季度".chars())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    /// `duty_clause` as the grammar reads it: the hand reader's oracle.
    fn duty_clause_by_grammar(clause: &str, offset: usize) -> Option<DutyClause> {
        crate::grammar::limit_calls();
        let clause = FactsGrammar::parse(Rule::duty_clause, clause).ok()?.next()?;
        let end = offset + clause.as_span().end();
        let (mut names, mut verb) = (Vec::new(), String::new());
        for part in clause.into_inner() {
            match part.as_rule() {
                Rule::unit_list => {
                    for name in part.into_inner().filter(|p| p.as_rule() == Rule::unit_name) {
                        names.push((name.as_str().to_string(), span_of(&name, offset)));
                    }
                }
                Rule::duty_verb => verb = part.as_str().to_string(),
                _ => {}
            }
        }
        Some(DutyClause { names, verb, end })
    }

    fn parsed(rule: Rule, text: &str) -> Option<String> {
        FactsGrammar::parse(rule, text).ok().and_then(|mut pairs| pairs.next()).map(|p| format!("{p:?}"))
    }

    #[test]
    fn the_shortcuts_agree_with_the_grammar() {
        // A numeral, then any one or two characters the grammar knows: where a
        // shortcut says no fact (or no date) starts, the grammar agrees.
        let followers = followers();
        for numeral in ["1", "12", "2024", "３", "一", "十二", "两千"] {
            for &a in &followers {
                for b in ['号', '底', '份', '个', '5', '万', '元', '%', '季', '度', '前', '中', '月', '.'] {
                    let text = format!("{numeral}{a}{b}元");
                    if numbers_a_heading(&text) {
                        assert_eq!(parsed(Rule::fact, &text), None, "{text}");
                    }
                    if !dated_after(&text) {
                        let fact = parsed(Rule::fact, &text).map(|p| p.replacen("fact", "number_fact", 1));
                        assert_eq!(fact, parsed(Rule::number_fact, &text), "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_hand_reader_reads_what_the_grammar_reads() {
        // Every word the grammar names (a unit added there is generated here),
        // units cut short, and what stands around numbers in a bulletin; at
        // every numeral of every text the hand reader and the grammar agree.
        let grammar_words = include_str!("../../grammar/facts.pest").split('"').skip(1).step_by(2);
        let mut pieces: Vec<&str> = grammar_words.filter(|w| !w.contains('\\')).collect();
        let more = "0|7|１|９|2024|12345678901234567890123|,|.|．|,000|一|十|两|零|九|余|多| |\u{3000}|\t|\u{A0}|\
                    以|左|目|平方|毫克/|μg/m|mg/|个百|的|完成|，|。|a|/";
        pieces.extend(more.split('|'));
        let mut read = 0;
        for text in crate::text::generated(&pieces, 24, 60_000) {
            for (at, _) in text.char_indices().filter(|&(_, c)| is_digit(c) || is_hanzi_digit(c)) {
                let window = window(&text, at);
                let expected = grammar(Rule::number_fact, window, at);
                assert_eq!(number_fact::read(window, at), expected, "{text} at {at}");
                read += usize::from(expected.is_some());
            }
        }
        assert!(read > 100_000, "{read} facts read");
    }

    #[test]
    fn a_window_holds_any_fact() {
        let long = format!("{}万平方米以上", "1".repeat(10));
        assert_eq!(window(&long, 0), long);
        let text = "年".repeat(LONGEST_FACT + 10);
        assert_eq!(window(&text, 3).chars().count(), LONGEST_FACT);
    }

    fn quantities(text: &str) -> Vec<(f64, String, i32)> {
        scan(text, 0)
            .into_iter()
            .filter_map(|t| match t {
                Token::Quantity(m) => Some((m.number.value(), m.unit.to_string(), m.magnitude)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn quantities_as_bulletins_write_them() {
        assert_eq!(
            quantities("新增上云企业800家,新建5G基站500个，完成投资13.48亿元、年度投资完成率62.4%"),
            [(800.0, "家".into(), 0), (500.0, "个".into(), 0), (13.48, "元".into(), 8), (62.4, "%".into(), 0)]
        );
        assert_eq!(
            quantities("城镇新增就业4.2万人以上，两户，三个，１２项"),
            [(4.2, "人".into(), 4), (2.0, "户".into(), 0), (3.0, "个".into(), 0), (12.0, "项".into(), 0)]
        );
        assert_eq!(quantities("2×66 万千瓦热电联产，1,200万元"), [(66.0, "千瓦".into(), 4), (1200.0, "元".into(), 4)]);
    }

    #[test]
    fn years_and_dates_are_not_quantities() {
        assert!(quantities("2023年7月31日前，1—5月").is_empty());
        let dates: Vec<When> = scan("6月底资金拨付率达到100%，9月15日前，四季度全部开工，年底前，2024年9月底前", 0)
            .into_iter()
            .filter_map(|t| if let Token::Date { date, .. } = t { Some(date.when) } else { None })
            .collect();
        assert_eq!(
            dates,
            [
                When::Month { month: 6, part: MonthPart::End },
                When::Day { month: 9, day: 15 },
                When::Quarter(4),
                When::YearEnd,
                When::Month { month: 9, part: MonthPart::End }
            ]
        );
    }

    #[test]
    fn a_year_is_not_a_time_of_year() {
        assert!(scan("等9个2023年中央预算内项目", 0).iter().all(|t| !matches!(t, Token::Date { .. })));
        assert!(scan("力争年中完成", 0).iter().any(|t| matches!(t, Token::Date { .. })));
    }

    #[test]
    fn periods_and_ranks() {
        let tokens = scan("上半年，1-6月份，前三季度，全市考核排名第9位", 0);
        let ends: Vec<u32> = tokens
            .iter()
            .filter_map(|t| if let Token::Period { end_month, .. } = t { Some(*end_month) } else { None })
            .collect();
        assert_eq!(ends, [6, 6, 9]);
        assert!(tokens.iter().any(|t| matches!(t, Token::Rank { value: 9, .. })));
    }

    #[test]
    fn a_number_is_read_from_its_first_digit() {
        assert_eq!(quantities("完成1600个"), [(1600.0, "个".into(), 0)]);
        assert_eq!(decimal("6.9").unwrap().scaled(4), 69000.0);
        assert_eq!(decimal("22.75").unwrap().scaled(8), 2_275_000_000.0);
    }

    /// The quick check before the duty grammar must know every duty verb.
    #[test]
    fn duty_verbs_follow_the_grammar() {
        let grammar = include_str!("../../grammar/facts.pest");
        let rule = grammar.lines().find(|l| l.starts_with("duty_verb")).expect("facts.pest has duty_verb");
        let verbs: Vec<&str> = rule.split('"').skip(1).step_by(2).filter(|v| *v != "急").collect();
        assert!(verbs.len() > 5, "{verbs:?}");
        assert_eq!(DUTY_VERBS, verbs.as_slice(), "DUTY_VERBS and the grammar's duty_verb differ");
        for verb in verbs {
            let first = verb.chars().next().unwrap();
            assert!(DUTY_VERB_STARTS.contains(&first), "{verb} starts with {first}, missing from DUTY_VERB_STARTS");
        }
    }

    /// The quick check before the duty grammar must know everything that
    /// ends a name there: a word it misses would hide a clause.
    #[test]
    fn name_ends_follow_the_grammar() {
        let name_end = grammar_rule("name_end");
        let mut words = words_of(name_end);
        for part in ["list_sep", "duty_verb", "by_verb", "space"] {
            assert!(name_end.contains(part), "name_end no longer names {part}");
            words.extend(words_of(grammar_rule(part)).into_iter().filter(|w| w != "急"));
        }
        assert!(words.len() > 30, "{words:?}");
        for word in words {
            let first = word.chars().next().unwrap();
            assert!(NAME_END_STARTS.contains(&first), "{word:?} starts with {first:?}, missing from NAME_END_STARTS");
        }
    }

    /// The line of grammar rule `name` (in facts.pest or common.pest).
    fn grammar_rule(name: &str) -> &'static str {
        let grammars = [include_str!("../../grammar/facts.pest"), include_str!("../../grammar/common.pest")];
        let line = grammars.iter().flat_map(|g| g.lines()).find(|l| l.starts_with(&format!("{name} ")));
        line.unwrap_or_else(|| panic!("the grammar has {name}"))
    }

    /// The quoted words of a grammar line, escapes read.
    fn words_of(rule: &str) -> Vec<String> {
        let unescape = |w: &str| {
            [
                ("\\t", "\t"),
                ("\\u{3000}", "\u{3000}"),
                ("\\u{A0}", "\u{A0}"),
                ("\\u{0B}", "\u{0B}"),
                ("\\u{0C}", "\u{0C}"),
            ]
            .iter()
            .fold(w.to_string(), |w, (from, to)| w.replace(from, to))
        };
        rule.split('"').skip(1).step_by(2).map(unescape).collect()
    }

    #[test]
    fn the_duty_reader_reads_what_the_grammar_reads() {
        // The words of the duty rules, names and their parts (Han characters
        // beyond the common block among them), what no name holds; at every
        // character of every text the reader and the grammar agree.
        let rules = ["duty_clause", "by_verb", "list_sep", "list_tail", "name_end", "duty_verb", "space", "lparen"];
        let words: Vec<String> = rules.iter().flat_map(|r| words_of(grammar_rule(r))).collect();
        let mut pieces: Vec<&str> = words.iter().map(String::as_str).collect();
        let more = "区|县|工信局|住建局|应急局|急|镇|街道|办|〇|㐀|々|𠀀|A|b|5|５|12|）|)|·|，|的|%|-|。|等4家|等12个";
        pieces.extend(more.split('|'));
        let mut read = 0;
        for text in crate::text::generated(&pieces, 12, 30_000) {
            for (at, _) in text.char_indices() {
                let expected = duty_clause_by_grammar(&text[at..], at);
                assert_eq!(super::super::duty_clause::read(&text[at..], at), expected, "{text} at {at}");
                read += usize::from(expected.is_some());
            }
        }
        assert!(read > 20_000, "{read} clauses read");
    }

    #[test]
    fn a_clause_is_read_only_where_a_name_may_end() {
        let ends_in_ju = |c: char| c == '局';
        assert!(duty_clause("区财政局要加强监管", 0, ends_in_ju).is_some());
        assert!(duty_clause("区财政局、区审计局要加强监管", 0, ends_in_ju).is_some());
        assert!(duty_clause("区财政局 要加强监管", 0, ends_in_ju).is_some());
        assert!(duty_clause("下一步要加强监管", 0, ends_in_ju).is_none());
        assert!(duty_clause("由区财政局根据会议意见", 0, |_| false).is_some(), "after 由 the grammar decides");
    }

    /// Any name may end anywhere.
    fn duty_clause_of(text: &str, offset: usize) -> Option<DutyClause> {
        duty_clause(text, offset, |_| true)
    }

    #[test]
    fn duty_clauses() {
        let clause = duty_clause_of("区工信局、区住建局等部门负责的17个项目", 0).unwrap();
        let names: Vec<&str> = clause.names.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!((names, clause.verb.as_str()), (vec!["区工信局", "区住建局"], "负责"));
        let clause = duty_clause_of("由县应急局根据会议意见", 0).unwrap();
        assert_eq!(
            (clause.names[0].0.as_str(), clause.verb.as_str()),
            ("县应急局", ""),
            "应急 is part of a name, not 应"
        );
        assert!(duty_clause_of("区应急局要加强值守", 0).is_some_and(|c| c.names[0].0 == "区应急局"));
        assert_eq!(duty_clause_of("县卫健局牵头", 0).unwrap().verb, "牵头");
        assert!(duty_clause_of("第3项任务", 0).is_none());
    }
}
