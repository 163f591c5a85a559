//! An item's 简称: the few words a notice names it by ("第3项（完成2023年12个
//! 专项债券项目资金支付）"), cut from its heading at a natural break.

/// The most characters a short name keeps, as the notices that name items
/// by 第N项（…） keep them.
pub const SHORT_NAME_CHARS: usize = 20;

/// Where a heading's clauses end.
const CLAUSE_ENDS: [char; 7] = ['，', ',', '；', ';', '。', '：', ':'];

/// The short name of a heading: the whole heading when it is short; else
/// its first clause; a clause still too long loses a leading time ("8月底前",
/// "年底前"), a list keeps its first entry ("甲、乙、丙等项目建设" → "甲等项目建设"),
/// and what is still too long is cut, marked with "…".
pub(crate) fn short_name(heading: &str) -> String {
    // A notice writes its own punctuation full-width: "抓项目,确保…" → "抓项目，确保…"
    // (not a thousands separator: 1,200万元).
    let written: Vec<char> = heading.chars().collect();
    let digit = |at: Option<&char>| at.is_some_and(char::is_ascii_digit);
    let heading: String = (0..written.len())
        .map(|i| match written[i] {
            ',' if !(i > 0 && digit(written.get(i - 1)) && digit(written.get(i + 1))) => '，',
            ';' => '；',
            c => c,
        })
        .collect();
    let heading = without_duty_note(heading.trim()).trim_end_matches(CLAUSE_ENDS).trim();
    if chars(heading) <= SHORT_NAME_CHARS {
        return heading.to_string();
    }
    let clause = heading.split(CLAUSE_ENDS).map(str::trim).find(|c| !c.is_empty()).unwrap_or(heading);
    let clause = if chars(clause) > SHORT_NAME_CHARS { without_leading_time(clause) } else { clause };
    let clause = if chars(clause) > SHORT_NAME_CHARS { first_of_list(clause) } else { clause.to_string() };
    if chars(&clause) <= SHORT_NAME_CHARS {
        return clause;
    }
    let cut: String = clause.chars().take(SHORT_NAME_CHARS - 1).collect();
    format!("{cut}…")
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// The heading without a closing note of who is responsible: "（牵头单位：县财政局）".
fn without_duty_note(heading: &str) -> &str {
    match heading.rfind(['（', '(']) {
        Some(open) if heading[open..].contains("单位") && heading.ends_with(['）', ')']) => {
            heading[..open].trim_end()
        }
        _ => heading,
    }
}

/// The clause without the time it opens with: "8月底前完成…" → "完成…",
/// "年底前建成…" → "建成…", "2024年…" → "…".
fn without_leading_time(clause: &str) -> &str {
    let digits = clause.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let rest = if digits.len() < clause.len() {
        let after_unit =
            digits.strip_prefix("月份").or_else(|| digits.strip_prefix('月')).or_else(|| digits.strip_prefix('年'));
        let Some(after_unit) = after_unit else { return clause };
        let after_unit = after_unit.trim_start_matches(['底', '末', '中', '初', '上', '下', '旬']);
        after_unit.strip_prefix("之前").or_else(|| after_unit.strip_prefix('前')).unwrap_or(after_unit)
    } else {
        ["年底前", "年内", "年末前", "全年", "今年"].iter().find_map(|w| clause.strip_prefix(w)).unwrap_or(clause)
    };
    if rest.chars().count() >= 4 { rest } else { clause }
}

/// A list's first entry with what the list is of: "抓好甲、乙、丙等项目建设" →
/// "抓好甲等项目建设". Without a list, the clause.
fn first_of_list(clause: &str) -> String {
    let (Some(first), Some(etc)) = (clause.find('、'), clause.rfind('等')) else { return clause.to_string() };
    if etc < first {
        return clause.to_string();
    }
    format!("{}{}", &clause[..first], &clause[etc..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_heading_is_its_own_short_name() {
        assert_eq!(short_name("新建5G基站300个"), "新建5G基站300个");
        assert_eq!(short_name("抓项目,确保投资不失速"), "抓项目，确保投资不失速");
        assert_eq!(short_name("改造老旧小区36个。"), "改造老旧小区36个");
        assert_eq!(short_name("完成投资1,200万元"), "完成投资1,200万元");
    }

    #[test]
    fn a_long_heading_is_cut_at_a_natural_break() {
        assert_eq!(short_name("全年实施县级重点项目64个，完成投资85亿元以上"), "全年实施县级重点项目64个");
        assert_eq!(short_name("8月底前完成2023年12个专项债券项目资金支付"), "完成2023年12个专项债券项目资金支付");
        assert_eq!(
            short_name("年底前建成城东综合客运枢纽和城西公交首末站工程"),
            "建成城东综合客运枢纽和城西公交首末站工程"
        );
        assert_eq!(
            short_name("抓好40万吨聚碳酸酯、京宝焦化改扩建、碳氢新材料产业园等项目建设，打造一批百亿级产业集群"),
            "抓好40万吨聚碳酸酯等项目建设"
        );
        assert_eq!(short_name("完成8个乡镇卫生院标准化改造。（牵头单位：县卫健局）"), "完成8个乡镇卫生院标准化改造");
    }

    #[test]
    fn what_has_no_break_is_cut_and_marked() {
        let name = short_name("大力推进白龟湖科创新城建设深入实施鹰城智慧岛芯片制造专用材料联合实验室项目");
        assert_eq!(name.chars().count(), SHORT_NAME_CHARS);
        assert!(name.ends_with('…'), "{name}");
    }
}
