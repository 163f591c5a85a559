//! The as-of date of a report and 序时进度, the share of the year gone by.
//!
//! `--as-of` wins; else the period the title or opening states ("上半年",
//! "1-6月份", "10月份", "前三季度", "截至5月底") gives its last day; else the
//! publication date. Offices publish 序时进度 as months elapsed ÷ 12: 30 June
//! is 0.5, 31 October 0.8333; a date inside a month adds that month's share.

use std::cell::RefCell;
use std::rc::Rc;

use super::facts::{AsOfBasis, Period};
use super::phrases::PhraseBook;
use super::scan::{DateExpr, MonthPart, Token, When, scan};
use crate::date::{Date, days_in_month};
use crate::parse::Document;
use crate::source::SourceText;

/// How many paragraphs of the opening may state the period.
const OPENING_PARAGRAPHS: usize = 3;

/// The fewest characters a paragraph of the opening has.
const OPENING_CHARS: usize = 10;

/// The period of `document`.
pub(crate) fn period(source: &SourceText, document: &Document, flag: Option<Date>, phrases: &PhraseBook) -> Period {
    let year = document_year(source, document);
    if let Some(date) = flag {
        return Period {
            as_of: Some(date),
            year: year.or(Some(date.year)),
            schedule: Some(schedule(date)),
            basis: Some(AsOfBasis::Flag),
            day: None,
        };
    }
    if let Some(stated) = stated(source, document, year, phrases) {
        let basis = Some(AsOfBasis::Stated(stated.text));
        return match stated.date {
            Some(date) => Period {
                as_of: Some(date),
                year: year.or(Some(date.year)),
                schedule: Some(schedule(date)),
                basis,
                day: None,
            },
            // "9月份" in a bulletin that names no year: 序时进度 is known, the date is not.
            None => Period {
                as_of: None,
                year,
                schedule: Some(schedule_of(stated.month, stated.day)),
                basis,
                day: stated.day.map(|d| (stated.month, d)),
            },
        };
    }
    let published = document.meta.published;
    Period {
        as_of: published,
        year: year.or(published.map(|d| d.year)),
        schedule: published.map(schedule),
        basis: published.map(|_| AsOfBasis::Published),
        day: None,
    }
}

/// A period stated in the title or opening: its last day when the year is
/// known, and in any case the month it ends with.
struct Stated {
    date: Option<Date>,
    month: u32,
    /// The day of that month, when known.
    day: Option<u32>,
    text: String,
}

/// 序时进度 at day `day` of `month` of a year not known.
fn schedule_of(month: u32, day: Option<u32>) -> f64 {
    let days = days_in_month(2001, month);
    let elapsed = f64::from(month - 1) + f64::from(day.unwrap_or(days).min(days)) / f64::from(days);
    elapsed / 12.0
}

/// 序时进度 at `date`.
pub fn schedule(date: Date) -> f64 {
    let elapsed = f64::from(date.month - 1) + f64::from(date.day) / f64::from(days_in_month(date.year, date.month));
    elapsed / 12.0
}

/// The year the document speaks of: the first year in its title, else in its
/// opening, else the year it was published, else the year its text names
/// most often (a monthly bulletin may give its month and no year at all).
fn document_year(source: &SourceText, document: &Document) -> Option<i32> {
    let opening = document.preamble.iter().take(OPENING_PARAGRAPHS).map(|p| p.text.as_str());
    document
        .meta
        .title
        .as_deref()
        .and_then(|title| years(title).next())
        .or_else(|| opening.clone().find_map(|text| years(text).next()))
        .or(document.meta.published.map(|d| d.year))
        .or_else(|| most_named_year(&source.text))
}

/// The four-digit years written before 年 in `text`, in order.
fn years(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.match_indices('年').filter_map(move |(at, _)| {
        let digits: String = text[..at].chars().rev().take_while(char::is_ascii_digit).take(5).collect();
        let year: i32 = (digits.len() == 4).then(|| digits.chars().rev().collect::<String>().parse().ok())??;
        (1950..=2200).contains(&year).then_some(year)
    })
}

/// The year `text` names most often; the earliest of equals.
fn most_named_year(text: &str) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for year in years(&crate::text::fold_width(text)) {
        *counts.entry(year).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(year, _)| year)
}

/// The period the bulletin states, strongest first: a cut-off (截至/截止
/// a date) in its title, opening or first lines under its first heading; a
/// period in its title (上半年, 1-7月份, 三季度, a year's 完成情况); a period
/// in its opening; the day the office says it checked ("督查室于8月中下旬对…
/// 进行了督办").
fn stated<'a>(
    source: &'a SourceText,
    document: &'a Document,
    year: Option<i32>,
    phrases: &PhraseBook,
) -> Option<Stated> {
    let title: Vec<&str> = document.meta.title.iter().map(String::as_str).collect();
    // The opening: its first paragraphs of some length ("沁河影像", "接地气" are a page's, not the bulletin's).
    let opening: Vec<&str> = document
        .preamble
        .iter()
        .filter(|p| p.text.chars().count() >= OPENING_CHARS)
        .take(OPENING_PARAGRAPHS)
        .map(|p| p.text.as_str())
        .collect();
    // A cut-off is written 截至/截止: only texts that hold one are read for it.
    let mut early: Vec<&str> = title.clone();
    early.extend(document.preamble.iter().map(|p| p.text.as_str()));
    early.extend(under_first_heading(source, document));
    early.retain(|text| text.contains("截至") || text.contains("截止"));
    let scans = Scans::default();
    let first_of = |texts: &[&'a str], read: Reading| first_of(texts, &scans, year, phrases, read);
    let cut = first_of(&early, cut_off);
    let titled = first_of(&title, period_of);
    // A cut-off is more precise than the title's period; where both say the
    // same day, the title's words are kept ("前三季度" rather than "9月底").
    let same_day = |a: &Stated, b: &Stated| (a.month, a.day) == (b.month, b.day);
    match (cut, titled) {
        (Some(cut), Some(titled)) if same_day(&cut, &titled) => Some(titled),
        (cut, titled) => cut.or(titled),
    }
    .or_else(|| title.first().and_then(|t| year_of_results(t)))
    .or_else(|| first_of(&opening, period_of))
    .or_else(|| first_of(&opening, check_day))
}

/// The first two lines under the first heading, where a bulletin that opens
/// with a heading states its cut-off ("（一）总体情况 / 截至12月31日，…").
fn under_first_heading<'a>(source: &'a SourceText, document: &Document) -> Vec<&'a str> {
    let Some(first) = document.sections.first() else { return Vec::new() };
    let start = first.heading.span.start;
    document.lines.iter().filter(|l| l.span.end > start).take(3).map(|l| source.slice(l.span)).collect()
}

/// What a token of `text` says of the report's date, if anything.
type Reading = fn(&str, &Token, Option<i32>) -> Option<Stated>;

/// The first thing `read` finds in `texts`, in order, leaving out dates
/// that are not the report's: inside a cited title (《第一季度…通报》), in a
/// clause that cites (根据今年第一季度…情况), of meetings held ("2019年11月-
/// 2020年6月市政府共召开10次常务会议"), or a start ("5月份以来").
fn first_of<'t>(
    texts: &[&'t str],
    scans: &Scans<'t>,
    year: Option<i32>,
    phrases: &PhraseBook,
    read: Reading,
) -> Option<Stated> {
    texts.iter().find_map(|text| {
        scans
            .of(text)
            .iter()
            .filter(|token| is_the_reports(text, token, phrases))
            .find_map(|token| read(text, token, year))
    })
}

/// The tokens of the texts the readings look at, each text scanned once
/// (the title and the opening are read for more than one thing).
#[derive(Default)]
struct Scans<'t>(RefCell<Vec<TextTokens<'t>>>);

/// A text and its tokens.
type TextTokens<'t> = (&'t str, Rc<[Token]>);

impl<'t> Scans<'t> {
    fn of(&self, text: &'t str) -> Rc<[Token]> {
        if let Some((_, tokens)) = self.0.borrow().iter().find(|(seen, _)| std::ptr::eq(*seen, text)) {
            return Rc::clone(tokens);
        }
        let tokens: Rc<[Token]> = scan(text, 0).into();
        self.0.borrow_mut().push((text, Rc::clone(&tokens)));
        tokens
    }
}

/// Whether a date in `text` can be the report's own (see [`first_of`]).
fn is_the_reports(text: &str, token: &Token, phrases: &PhraseBook) -> bool {
    const CITING: &[&str] = &["根据", "按照", "依据", "对照"];
    let span = token.span();
    let before = &text[..span.start];
    let after = &text[span.end..];
    let clause_start = before
        .rfind(['，', ',', '。', '；', ';'])
        .map_or(0, |at| at + before[at..].chars().next().map_or(1, char::len_utf8));
    let clause_end = after.find(['，', ',', '。', '；', ';']).unwrap_or(after.len());
    let in_title = before.rfind('《').is_some_and(|open| !before[open..].contains('》'));
    let citing = CITING.iter().any(|c| before[clause_start..].contains(c));
    let since = after.starts_with("以来");
    !in_title && !citing && !since && !phrases.names_an_event_in(&after[..clause_end])
}

/// "截至9月14日", "截止7月底", "截至2020年12月31日".
fn cut_off(text: &str, token: &Token, year: Option<i32>) -> Option<Stated> {
    let Token::Date { date, span } = *token else { return None };
    let before = text[..span.start].trim_end_matches(|c: char| crate::text::is_space(c) || c == '到');
    (before.ends_with("截至") || before.ends_with("截止")).then(|| on(text, span, date, year)).flatten()
}

/// "上半年", "1-7月份", "前三季度", "三季度", "10月份".
fn period_of(text: &str, token: &Token, year: Option<i32>) -> Option<Stated> {
    match *token {
        Token::Period { end_month, year: stated_year, span } => {
            let year = stated_year.or(year);
            let date = year.and_then(|y| Date::new(y, end_month, days_in_month(y, end_month)));
            Some(Stated { date, month: end_month, day: days_in(year, end_month), text: text[span.range()].to_string() })
        }
        Token::Date { date, span } if matches!(date.when, When::Quarter(_)) || month_report(&text[span.range()]) => {
            on(text, span, date, year)
        }
        _ => None,
    }
}

/// "…督查室于2020年8月中下旬，对…进行了督办": the day the office checked.
fn check_day(text: &str, token: &Token, year: Option<i32>) -> Option<Stated> {
    const CHECKS: &[&str] = &["督查", "督办", "检查", "考核", "调度", "暗访", "督导"];
    let Token::Date { date, span } = *token else { return None };
    let after = &text[span.end..];
    let sentence = &after[..after.find(['。', '；', ';']).unwrap_or(after.len())];
    let checked = text[..span.start].ends_with('于') && CHECKS.iter().any(|c| sentence.contains(c));
    checked.then(|| on(text, span, date, year)).flatten()
}

/// "2019年十大民生工程…完成情况表": a title that names a year and its
/// results, and no shorter period, stands at the year's end.
fn year_of_results(title: &str) -> Option<Stated> {
    const RESULTS: &[&str] = &["完成情况", "全年", "年度", "年终"];
    let year = years(title).next()?;
    RESULTS.iter().any(|w| title.contains(w)).then(|| Stated {
        date: Date::new(year, 12, 31),
        month: 12,
        day: Some(31),
        text: format!("{year}年"),
    })
}

/// A date the report stands at, as written.
fn on(text: &str, span: crate::source::Span, date: DateExpr, year: Option<i32>) -> Option<Stated> {
    let month = month_of(date)?;
    let resolved = resolve(date, year);
    let day = resolved.map(|d| d.day).or_else(|| day_of(date, month));
    Some(Stated { date: resolved, month, day, text: text[span.range()].to_string() })
}

/// The last day of `month`, in `year` if known (February in a year not known: 28).
fn days_in(year: Option<i32>, month: u32) -> Option<u32> {
    Some(days_in_month(year.unwrap_or(2001), month))
}

/// The day of the month a date expression names, without its year.
fn day_of(date: DateExpr, month: u32) -> Option<u32> {
    match date.when {
        When::Day { day, .. } => Some(day),
        When::Month { part: MonthPart::Early, .. } => Some(10),
        When::Month { part: MonthPart::Middle, .. } => Some(20),
        _ => days_in(None, month),
    }
}

/// The month a date expression falls in.
fn month_of(date: DateExpr) -> Option<u32> {
    match date.when {
        When::Day { month, .. } | When::Month { month, .. } => Some(month),
        When::Quarter(q) => Some(q * 3),
        When::MidYear => Some(6),
        When::YearEnd => Some(12),
    }
}

fn month_report(written: &str) -> bool {
    written.ends_with("月份")
}

/// The day a date expression names, with `year` where it states none.
pub(crate) fn resolve(date: DateExpr, year: Option<i32>) -> Option<Date> {
    let year = date.year.or(year)?;
    match date.when {
        When::Day { month, day } => Date::new(year, month, day),
        When::Month { month, part } => {
            let day = match part {
                MonthPart::End => days_in_month(year, month),
                MonthPart::Early => 10,
                MonthPart::Middle => 20,
            };
            Date::new(year, month, day)
        }
        When::Quarter(q) => Date::new(year, q * 3, days_in_month(year, q * 3)),
        When::MidYear => Date::new(year, 6, 30),
        When::YearEnd => Date::new(year, 12, 31),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_named_in_text() {
        assert_eq!(years("2024年县政府重点工作，2023年度").collect::<Vec<_>>(), [2024, 2023]);
        assert_eq!(most_named_year("2016年扶贫，2017年计划，2016年展会"), Some(2016));
        assert_eq!(most_named_year("12345年，没有年份"), None);
    }

    #[test]
    fn schedule_as_offices_publish_it() {
        let at = |y, m, d| schedule(Date::new(y, m, d).unwrap());
        assert_eq!(at(2023, 6, 30), 0.5);
        assert!((at(2016, 10, 31) - 0.833_333).abs() < 1e-6);
        assert!((at(2024, 6, 15) - 5.5 / 12.0).abs() < 1e-9);
        assert_eq!(at(2024, 12, 31), 1.0);
    }
}
