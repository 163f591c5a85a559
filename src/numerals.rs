//! Chinese, Arabic and circled numerals: reading their values and writing them.
//!
//! Headings count 一 二 三 and ① ② ③, Word's list formats write them, and
//! documents mix full-width and ASCII digits.

/// 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub fn hanzi(value: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match value {
        0..=9 => DIGITS[value as usize].to_string(),
        10..=19 => format!("十{}", if value == 10 { String::new() } else { hanzi(value - 10) }),
        20..=99 => {
            let ones = if value.is_multiple_of(10) { String::new() } else { hanzi(value % 10) };
            format!("{}十{ones}", DIGITS[(value / 10) as usize])
        }
        100..=999 => {
            let rest = value % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", hanzi(rest)),
                10..=19 => format!("一{}", hanzi(rest)),
                _ => hanzi(rest),
            };
            format!("{}百{tail}", DIGITS[(value / 100) as usize])
        }
        _ => value.to_string(),
    }
}

/// 1 → ①, 21 → ㉑, up to ㊿; larger values in Arabic digits.
pub fn circled(value: u32) -> String {
    let code = match value {
        1..=20 => 0x2460 + value - 1,
        21..=35 => 0x3251 + value - 21,
        36..=50 => 0x32B1 + value - 36,
        _ => return value.to_string(),
    };
    char::from_u32(code).map_or_else(|| value.to_string(), String::from)
}

/// The value of a Chinese numeral: `一` … `九千九百九十九`, with `两` for 二
/// (两户, 两千). `None` for what is not a counting numeral (`二二`, `十十`).
pub fn hanzi_value(text: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '两' => Some(2),
        _ => "零一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u32),
    };
    let (mut total, mut current, mut last_unit) = (0u32, None::<u32>, 10_000u32);
    for c in text.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '〇' | '零' => {
                current = None;
                continue;
            }
            _ => {
                if current.is_some() {
                    return None; // "二二": not a counting numeral
                }
                current = Some(digit(c)?);
                continue;
            }
        };
        if unit >= last_unit {
            return None;
        }
        total += current.take().unwrap_or(1) * unit;
        last_unit = unit;
    }
    Some(total + current.unwrap_or(0)).filter(|&v| v > 0)
}

/// An Arabic numeral of either width in ASCII, and its value.
pub fn arabic(text: &str) -> (String, Option<u32>) {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let value = ascii.parse().ok();
    (ascii, value)
}

/// The value of a circled number `①` … `㊿`.
pub fn circled_value(c: char) -> Option<u32> {
    match c as u32 {
        code @ 0x2460..=0x2473 => Some(code - 0x2460 + 1),
        code @ 0x3251..=0x325F => Some(code - 0x3251 + 21),
        code @ 0x32B1..=0x32BF => Some(code - 0x32B1 + 36),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanzi_as_headings_write_it() {
        let written: Vec<String> = [1, 10, 11, 20, 23, 100, 105, 110].map(hanzi).to_vec();
        assert_eq!(written, ["一", "十", "十一", "二十", "二十三", "一百", "一百零五", "一百一十"]);
    }

    #[test]
    fn writing_and_reading_agree() {
        for value in 1..1000 {
            assert_eq!(hanzi_value(&hanzi(value)), Some(value), "{value}");
        }
        for value in 1..=50 {
            assert_eq!(circled(value).chars().next().and_then(circled_value), Some(value), "{value}");
        }
    }

    #[test]
    fn hanzi_values() {
        let cases = [
            ("一", Some(1)),
            ("九", Some(9)),
            ("十", Some(10)),
            ("十一", Some(11)),
            ("二十", Some(20)),
            ("二十三", Some(23)),
            ("一百", Some(100)),
            ("一百零五", Some(105)),
            ("一百一十", Some(110)),
            ("两", Some(2)),
            ("三千", Some(3000)),
            ("二二", None),
            ("十十", None),
            ("〇", None),
        ];
        for (text, value) in cases {
            assert_eq!(hanzi_value(text), value, "{text}");
        }
    }

    #[test]
    fn arabic_of_either_width() {
        assert_eq!(arabic("１２"), ("12".to_string(), Some(12)));
        assert_eq!(arabic("99999999999999999999").1, None);
    }

    #[test]
    fn circled_values() {
        assert_eq!(['①', '⑳', '㉑', '㊿'].map(circled_value), [Some(1), Some(20), Some(21), Some(50)]);
    }
}
