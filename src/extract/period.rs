//! The as-of date of a report and 序时进度, the share of the year gone by.
//!
//! `--as-of` wins; else the period the title or opening states ("上半年",
//! "1-6月份", "10月份", "前三季度", "截至5月底") gives its last day; else the
//! publication date. Offices publish 序时进度 as months elapsed ÷ 12: 30 June
//! is 0.5, 31 October 0.8333; a date inside a month adds that month's share.

use super::facts::{AsOfBasis, Period};
use super::scan::{DateExpr, MonthPart, Token, When, scan};
use crate::date::{Date, days_in_month};
use crate::parse::Document;
use crate::source::SourceText;

/// How many paragraphs of the opening may state the period.
const OPENING_PARAGRAPHS: usize = 3;

/// The period of `document`.
pub(crate) fn period(source: &SourceText, document: &Document, flag: Option<Date>) -> Period {
    let year = document_year(source, document);
    if let Some(date) = flag {
        return Period {
            as_of: Some(date),
            year: year.or(Some(date.year)),
            schedule: Some(schedule(date)),
            basis: Some(AsOfBasis::Flag),
        };
    }
    if let Some(stated) = stated(document, year) {
        let basis = Some(AsOfBasis::Stated(stated.text));
        return match stated.date {
            Some(date) => {
                Period { as_of: Some(date), year: year.or(Some(date.year)), schedule: Some(schedule(date)), basis }
            }
            // "9月份" in a bulletin that names no year: 序时进度 is known, the date is not.
            None => Period { as_of: None, year, schedule: Some(f64::from(stated.month) / 12.0), basis },
        };
    }
    let published = document.meta.published;
    Period {
        as_of: published,
        year: year.or(published.map(|d| d.year)),
        schedule: published.map(schedule),
        basis: published.map(|_| AsOfBasis::Published),
    }
}

/// A period stated in the title or opening: its last day when the year is
/// known, and in any case the month it ends with.
struct Stated {
    date: Option<Date>,
    month: u32,
    text: String,
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

/// The period stated in the title or opening.
fn stated(document: &Document, year: Option<i32>) -> Option<Stated> {
    let title = document.meta.title.iter().map(String::as_str);
    let opening = document.preamble.iter().take(OPENING_PARAGRAPHS).map(|p| p.text.as_str());
    for text in title.chain(opening) {
        for token in scan(text, 0) {
            let span = token.span();
            let written = &text[span.range()];
            let before = &text[..span.start];
            let found = match token {
                Token::Period { end_month, year: stated_year, .. } => {
                    let date = stated_year.or(year).and_then(|y| Date::new(y, end_month, days_in_month(y, end_month)));
                    Some((date, end_month))
                }
                // "10月份", "截至5月底", "截至9月14日": a month or day the report stands at.
                Token::Date { date, .. }
                    if month_report(written) || before.ends_with("截至") || before.ends_with("截止") =>
                {
                    month_of(date).map(|month| (resolve(date, year), month))
                }
                _ => None,
            };
            if let Some((date, month)) = found {
                return Some(Stated { date, month, text: written.to_string() });
            }
        }
    }
    None
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
