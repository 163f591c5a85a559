//! Calendar dates as bulletins write them.
//!
//! `2022-10-18`, `2024-3-14 21:07:39`, `2022年10月18日`, `2022/10/18`,
//! `2022.10.18`, full-width digits, and the Chinese-numeral dates of a 落款
//! (`二〇二四年五月十日`). A date that does not exist (`13月32日`) is not a date.

use serde::{Serialize, Serializer};
use std::fmt;

use crate::text::fold_width;

/// A day of the Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, from 1.
    pub day: u32,
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1900..=2200).contains(&year) && (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days later, within the years [`Date::new`] accepts.
    pub fn plus_days(self, days: i64) -> Option<Date> {
        // Hinnant's civil_from_days.
        let z = self.day_number() + days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    /// As a notice writes it: `2023年6月30日`.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// How many days `month` of `year` has.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// `YYYY-MM-DD`, as `--as-of` takes it.
impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str| s.parse::<u32>().ok();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => number(y)
                .zip(number(m))
                .zip(number(d))
                .and_then(|((y, m), d)| Date::new(y as i32, m, d))
                .ok_or_else(|| crate::say!("没有 {text} 这一天", "`{text}` is not a date that exists")),
            _ => Err(crate::say!(
                "{text} 不是日期，请写成 年-月-日，如 2024-09-30",
                "`{text}` is not a date; write it as YYYY-MM-DD"
            )),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The first date written in `text`: `2022-10-18`, `2022/10/18`,
/// `2023年7月10日` (digits of either width), else `二〇二四年五月十日`.
pub fn find_date(text: &str) -> Option<Date> {
    let folded = fold_width(text);
    if let Some(date) = arabic(&folded).and_then(|(year, month, day)| Date::new(year, month, day)) {
        return Some(date);
    }
    let (year, month, day) = hanzi(&folded)?;
    let year: String = year.chars().map(|ch| char::from(b'0' + hanzi_digit(ch) as u8)).collect();
    Date::new(year.parse().ok()?, hanzi_small(month)?, hanzi_small(day)?)
}

/// The digits at the start of `text`, and the rest.
fn digits(text: &str) -> (&str, &str) {
    text.split_at(text.bytes().take_while(u8::is_ascii_digit).count())
}

fn spaces(text: &str) -> &str {
    text.trim_start_matches(' ')
}

/// The leftmost date of four digits, then `-`, `/` or `.` between month
/// and day, or 年…月…(日), with spaces anywhere between (what the pattern
/// `([0-9]{4}) *(?:[-/.] *([0-9]{1,2}) *[-/.] *([0-9]{1,2})|年 *([0-9]{1,2}) *月 *([0-9]{1,2}) *日?)` found).
fn arabic(text: &str) -> Option<(i32, u32, u32)> {
    (0..text.len().saturating_sub(3)).filter(|&at| text.is_char_boundary(at)).find_map(|at| {
        let (year, rest) = text[at..].split_at_checked(4)?;
        if !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let rest = spaces(rest);
        let dashed = || {
            let (month, rest) = month_then(spaces(separator(rest)?), separator)?;
            Some((month, day(rest)?))
        };
        let written = || {
            let (month, rest) = month_then(spaces(rest.strip_prefix('年')?), |rest| rest.strip_prefix('月'))?;
            Some((month, day(rest)?))
        };
        let (month, day) = dashed().or_else(written)?;
        Some((year.parse().ok()?, month, day))
    })
}

fn separator(text: &str) -> Option<&str> {
    text.strip_prefix(['-', '/', '.'])
}

/// A month of one or two digits, then spaces and what `then` takes, then
/// spaces: the month and what follows.
fn month_then(text: &str, then: fn(&str) -> Option<&str>) -> Option<(u32, &str)> {
    let (month, rest) = digits(text);
    if !(1..=2).contains(&month.len()) {
        return None;
    }
    Some((month.parse().ok()?, spaces(then(spaces(rest))?)))
}

/// A day: the first two of the digits `text` starts with.
fn day(text: &str) -> Option<u32> {
    let (day, _) = digits(text);
    day.get(..day.len().min(2)).filter(|d| !d.is_empty())?.parse().ok()
}

/// The leftmost date in Chinese numerals: four of 〇零一…九, 年, one to
/// three of 一…十, 月, one to three, 日 (year, month and day as written).
fn hanzi(text: &str) -> Option<(&str, &str, &str)> {
    const YEAR: &str = "〇零一二三四五六七八九";
    const SMALL: &str = "一二三四五六七八九十";
    // One to three of SMALL, then `end`.
    let small = |text: &str, end: char| -> Option<(usize, usize)> {
        let run = text.chars().take_while(|c| SMALL.contains(*c)).count();
        let len: usize = text.chars().take(run).map(char::len_utf8).sum();
        ((1..=3).contains(&run) && text[len..].starts_with(end)).then_some((len, len + end.len_utf8()))
    };
    text.match_indices('年').find_map(|(at, _)| {
        let before: Vec<(usize, char)> = text[..at].char_indices().rev().take(4).collect();
        if before.len() < 4 || !before.iter().all(|(_, c)| YEAR.contains(*c)) {
            return None;
        }
        let year = &text[before[3].0..at];
        let rest = &text[at + '年'.len_utf8()..];
        let (month, after) = small(rest, '月')?;
        let (day, _) = small(&rest[after..], '日')?;
        Some((year, &rest[..month], &rest[after..after + day]))
    })
}

fn hanzi_digit(c: char) -> u32 {
    "〇一二三四五六七八九".chars().position(|d| d == c).or_else(|| (c == '零').then_some(0)).unwrap_or(0) as u32
}

/// 一 … 三十一.
fn hanzi_small(text: &str) -> Option<u32> {
    match text.split_once('十') {
        None => Some(hanzi_digit(text.chars().next()?)),
        Some((tens, ones)) => {
            let tens = if tens.is_empty() { 1 } else { hanzi_digit(tens.chars().next()?) };
            let ones = ones.chars().next().map_or(0, hanzi_digit);
            Some(tens * 10 + ones)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        find_date(text).map(|d| d.to_string())
    }

    #[test]
    fn the_forms_bulletins_use() {
        assert_eq!(date("发布时间:2022-10-18 10:59").as_deref(), Some("2022-10-18"));
        assert_eq!(date("发表于 2024-3-14 21:07:39").as_deref(), Some("2024-03-14"));
        assert_eq!(date("２０２３年７月１０日").as_deref(), Some("2023-07-10"));
        assert_eq!(date("2022/10/18").as_deref(), Some("2022-10-18"));
        assert_eq!(date("二〇二四年五月十日").as_deref(), Some("2024-05-10"));
        assert_eq!(date("二〇二四年十二月三十一日").as_deref(), Some("2024-12-31"));
    }

    /// The patterns the code replaced are the oracle of what it reads.
    #[test]
    fn dates_are_found_as_the_patterns_found_them() {
        let arabic_pattern = regex::Regex::new(
            r"([0-9]{4}) *(?:[-/.] *([0-9]{1,2}) *[-/.] *([0-9]{1,2})|年 *([0-9]{1,2}) *月 *([0-9]{1,2}) *日?)",
        )
        .unwrap();
        let hanzi_pattern = regex::Regex::new(
            r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日",
        )
        .unwrap();
        const PIECES: &[&str] = &[
            "2024",
            "1",
            "12",
            "123",
            "0",
            " ",
            "-",
            "/",
            ".",
            "年",
            "月",
            "日",
            "二〇二四",
            "〇",
            "零",
            "一",
            "十",
            "三十一",
            "五",
            "x",
            "，",
            "发布时间:",
            "二〇二四年",
            "十二月",
            "三十一日",
        ];
        for text in crate::text::generated(PIECES, 16, 100_000) {
            let expected = arabic_pattern.captures(&text).map(|c| {
                let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
                (n(1).unwrap() as i32, n(2).or(n(4)).unwrap(), n(3).or(n(5)).unwrap())
            });
            assert_eq!(arabic(&text), expected, "{text}");
            let expected =
                hanzi_pattern.captures(&text).map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()));
            let found = hanzi(&text).map(|(y, m, d)| (y.to_string(), m.to_string(), d.to_string()));
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn days_are_counted_across_months_and_leap_years() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(d(1970, 1, 1).day_number(), 0);
        assert_eq!(d(2024, 2, 20).plus_days(10), Some(d(2024, 3, 1)));
        assert_eq!(d(2023, 12, 20).plus_days(15), Some(d(2024, 1, 4)));
        assert_eq!(d(2023, 6, 30).day_number() - d(2023, 1, 1).day_number(), 180);
        assert_eq!(d(2023, 6, 30).chinese(), "2023年6月30日");
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(date("2024年13月32日"), None);
        assert_eq!(date("2023-02-29"), None);
        assert_eq!(date("2024-02-29").as_deref(), Some("2024-02-29"));
    }
}
