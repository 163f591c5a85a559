//! Filters templates use to write figures and dates as notices write them.
//!
//! | filter | | example |
//! |---|---|---|
//! | `cn_number` | an integer in Chinese numerals, for （一）（二） | `3 | cn_number` → 三 |
//! | `cn_date` | `YYYY-MM-DD` as a notice dates it | `"2024-10-05" | cn_date` → 2024年10月5日 |
//! | `percent` | a fraction as a percentage to 0.1 | `0.753 | percent` → 75.3% |
//! | `money` | yuan in 亿元 or 万元 | `2275000000 | money` → 22.75亿元 |
//! | `book_title` | a title cited in 《》, a title inside it in 〈〉 | `"《报告》完成情况" | book_title` → 《〈报告〉完成情况》 |

use tera::{Kwargs, State, Tera, TeraResult};

use crate::date::Date;

/// Adds the filters to `tera`.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter("cn_number", |n: i64, _: Kwargs, _: &State| cn_number(n));
    tera.register_filter("cn_date", |text: &str, _: Kwargs, _: &State| cn_date(text));
    tera.register_filter("percent", |fraction: f64, _: Kwargs, _: &State| percent(fraction));
    tera.register_filter("money", |yuan: f64, _: Kwargs, _: &State| money(yuan));
    tera.register_filter("book_title", |title: &str, _: Kwargs, _: &State| book_title(title));
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五; other numbers as digits.
pub(crate) fn cn_number(n: i64) -> String {
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[(n % 10) as usize] }),
        20..=99 => {
            format!("{}十{}", DIGITS[(n / 10) as usize], if n % 10 == 0 { "" } else { DIGITS[(n % 10) as usize] })
        }
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", DIGITS[rest as usize]),
                10..=19 => format!("一{}", cn_number(rest)),
                _ => cn_number(rest),
            };
            format!("{}百{tail}", DIGITS[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

fn cn_date(text: &str) -> TeraResult<String> {
    text.trim().parse::<Date>().map(Date::chinese).map_err(|e| tera::Error::message(format!("cn_date: {e}")))
}

fn percent(fraction: f64) -> String {
    format!("{:.1}%", (fraction * 1000.0).round() / 10.0)
}

fn money(yuan: f64) -> String {
    let trimmed = |v: f64| {
        let text = format!("{v:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if yuan.abs() >= 1e8 {
        format!("{}亿元", trimmed(yuan / 1e8))
    } else if yuan.abs() >= 1e4 {
        format!("{}万元", trimmed(yuan / 1e4))
    } else {
        format!("{}元", trimmed(yuan))
    }
}

/// A title as a notice cites it: in 《》, with the 书名号 of a title it
/// names turned to 〈〉, as a quotation inside a quotation is (GB/T 15834);
/// a title already wholly in 《》 is not quoted twice.
fn book_title(title: &str) -> String {
    let title = title.trim();
    let whole = title.strip_prefix('《').and_then(|t| t.strip_suffix('》')).filter(|t| !t.contains(['《', '》']));
    let inner = whole.unwrap_or(title);
    format!("《{}》", inner.replace('《', "〈").replace('》', "〉"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_amounts_as_notices_write_them() {
        let numbers: Vec<String> = [1, 10, 12, 20, 35, 100, 105, 110, 123].iter().map(|&n| cn_number(n)).collect();
        assert_eq!(numbers, ["一", "十", "十二", "二十", "三十五", "一百", "一百零五", "一百一十", "一百二十三"]);
        assert_eq!(money(2_275_000_000.0), "22.75亿元");
        assert_eq!(money(38_229_000.0), "3822.9万元");
        assert_eq!(money(900.0), "900元");
        assert_eq!(percent(0.7525), "75.3%");
        assert_eq!(cn_date("2024-10-05").unwrap(), "2024年10月5日");
        assert_eq!(book_title("关于全县重点工作的通报"), "《关于全县重点工作的通报》");
        assert_eq!(
            book_title("《2023年政府工作报告》主要目标任务完成情况"),
            "《〈2023年政府工作报告〉主要目标任务完成情况》"
        );
        assert_eq!(book_title("《关于全县重点工作的通报》"), "《关于全县重点工作的通报》");
        assert!(cn_date("2024-13-05").is_err());
    }
}
