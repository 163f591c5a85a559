//! From a measure the grammar read to a [`Quantity`]: base units, the noun it
//! measures, its qualifier.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::scan::Measure;

/// A unit as written → its base unit and the power of ten to reach it.
/// Every factor is a power of ten, so base values stay exact decimals.
fn base_unit(unit: &'static str) -> (&'static str, i32) {
    match unit {
        "%" | "％" => ("%", 0),
        "‰" => ("%", -1),
        "平方公里" | "平方千米" => ("平方米", 6),
        "公里" | "千米" => ("米", 3),
        "兆瓦" => ("千瓦", 3),
        "兆瓦时" => ("千瓦时", 3),
        "千克" | "公斤" => ("吨", -3),
        "名" => ("人", 0),
        // Concentrations, as environmental reports give them.
        "微克/立方米" | "μg/m³" | "μg/m3" | "ug/m3" => ("毫克/立方米", -3),
        "mg/L" | "mg/l" => ("毫克/升", 0),
        other => (other, 0),
    }
}

/// The unit as written with its magnitude, the value in base units, and the base unit.
pub(crate) fn normalise(measure: &Measure) -> (String, f64, &'static str) {
    let (base, exponent) = base_unit(measure.unit);
    let written = format!("{}{}", measure.magnitude_text, measure.unit);
    (written, measure.number.scaled(measure.magnitude + exponent), base)
}

/// Counting words, after which a noun may follow the number ("20个市重大项目").
pub(crate) fn is_counter(unit: &str) -> bool {
    matches!(
        unit,
        "个" | "项"
            | "大项"
            | "小项"
            | "家"
            | "户"
            | "套"
            | "栋"
            | "辆"
            | "台"
            | "所"
            | "座"
            | "件"
            | "篇"
            | "条"
            | "处"
            | "批"
            | "张"
            | "场"
            | "笔"
            | "株"
            | "头"
            | "只"
            | "间"
            | "宗"
            | "起"
            | "份"
            | "部"
            | "艘"
            | "架"
            | "名"
            | "人"
            | "册"
    )
}

/// Quotation and title marks, which enclose a name rather than end a clause.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '《' | '》' | '「' | '」')
}

/// Where a clause ends, for nouns and cues.
pub(crate) fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '；'
            | ';'
            | '。'
            | '：'
            | ':'
            | '、'
            | '（'
            | '('
            | '）'
            | ')'
            | '！'
            | '!'
            | '？'
            | '?'
            | '“'
            | '”'
            | '"'
            | '\n'
            | '《'
            | '》'
            | '【'
            | '】'
    )
}

/// Words that lead into a number without naming what it counts. Longest
/// first, so `新开通` is stripped whole.
const LEAD_WORDS: &[&str] = &[
    "截至目前",
    "另有",
    "还有",
    "截止目前",
    "新开通",
    "新开工",
    "新认定",
    "新签约",
    "新改建",
    "改扩建",
    "共分解",
    "累计完成",
    "已完成",
    "年度计划",
    "计划完成",
    "共计",
    "合计",
    "总计",
    "累计",
    "新建",
    "新增",
    "建成",
    "完成",
    "实现",
    "达到",
    "开工",
    "改造",
    "培育",
    "招引",
    "引进",
    "争取",
    "力争",
    "确保",
    "推动",
    "推进",
    "实施",
    "加快",
    "组织",
    "开展",
    "发放",
    "支付",
    "拨付",
    "签约",
    "到位",
    "入库",
    "办理",
    "目前",
    "其中",
    "此外",
    "同时",
    "今年",
    "年内",
    "全年",
    "再",
    "已",
    "共",
    "为",
    "达",
    "约",
    "近",
    "超",
    "均",
    "分别",
    "全部",
    "基本",
    "新",
];

/// Words that sit between a noun and its number ("资金支付率为63.5%").
const LINK_WORDS: &[&str] = &[
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "达到",
    "超过",
    "共计",
    "合计",
    "累计",
    "完成",
    "实现",
    "至少",
    "开工",
    "建成",
    "完工",
    "竣工",
    "投产",
    "开通",
    "签约",
    "入库",
    "到位",
    "改造",
    "稳定在",
    "保持在",
    "控制在",
    "已经",
    "均未",
    "未达到",
    "分别",
    "为",
    "达",
    "是",
    "约",
    "近",
    "共",
    "的",
    "超",
    "占",
    "在",
    "已",
    "均",
    "全部",
];

/// Time words a clause may open with ("截至9月底", "上半年", "1—5月").
fn strip_time(mut text: &str) -> &str {
    loop {
        let before = text;
        for prefix in ["截至", "截止", "自"] {
            text = text.strip_prefix(prefix).unwrap_or(text);
        }
        // "到9月底", but not "到位资金".
        if let Some(rest) = text.strip_prefix('到').filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit())) {
            text = rest;
        }
        let digits = text.find(|c: char| !c.is_ascii_digit() && !('０'..='９').contains(&c)).unwrap_or(text.len());
        if digits > 0 {
            let after = &text[digits..];
            for unit in ["月底", "月末", "月份", "月", "年度", "年", "日"] {
                if let Some(rest) = after.strip_prefix(unit) {
                    text = rest;
                    break;
                }
            }
        }
        for prefix in
            ["上半年", "下半年", "前三季度", "一季度", "二季度", "三季度", "四季度", "以来", "底前", "前", "底"]
        {
            text = text.strip_prefix(prefix).unwrap_or(text);
        }
        text = text.trim_start_matches(['—', '-', '~', '至']);
        if text == before {
            return text;
        }
    }
}

/// What a number measures, read from the words before it in its clause:
/// "新建5G基站300个" → "5G基站"; "资金支付率为63.5%" → "资金支付率".
pub(crate) fn noun_before(clause: &str) -> Option<String> {
    let mut text = strip_time(clause.trim());
    'strip: loop {
        let before = text;
        let leads = may_lead(text);
        for word in LEAD_WORDS.iter().filter(|_| leads) {
            let Some(rest) = text.strip_prefix(word) else { continue };
            let stripped = strip_time(rest);
            // "签约项目" stays: stripping must not leave only a generic word.
            if GENERIC_NOUNS.contains(&stripped) {
                break 'strip;
            }
            text = stripped;
        }
        if text == before {
            break;
        }
    }
    // "县民政局负责的康养服务中心建设项目资金支付率": the noun is after the
    // last 的; "中央预算内和标准化厂房等5个": after the last 和.
    let text = strip_links(text);
    let text = text.rsplit_once('的').map_or(text, |(_, after)| after);
    // "省政府下达我县淘汰落后产能任务": what comes before the place names who
    // acted, not what is counted.
    let text = SCOPE_FINDER.find_iter(text).last().map_or(text, |scope| &text[scope.end()..]);
    let leads = may_lead(text);
    let text = LEAD_WORDS
        .iter()
        .filter(|_| leads)
        .find_map(|w| text.strip_prefix(w))
        .filter(|rest| !rest.is_empty() && !GENERIC_NOUNS.contains(rest))
        .unwrap_or(text);
    let text = text.rsplit(['和', '及', '与']).next().unwrap_or(text);
    noun(text)
}

/// Whether `text` may open with a lead word: most clauses open with none,
/// and their first character tells.
fn may_lead(text: &str) -> bool {
    /// The characters lead words open with, sorted.
    static OPENINGS: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut openings: Vec<char> = LEAD_WORDS.iter().filter_map(|w| w.chars().next()).collect();
        openings.sort_unstable();
        openings.dedup();
        openings
    });
    text.chars().next().is_some_and(|c| OPENINGS.binary_search(&c).is_ok())
}

/// Words for the whole area a bulletin covers ("全市规模以上工业增加值").
const SCOPES: &[&str] = &["我市", "我区", "我县", "我镇", "全市", "全区", "全县", "全镇", "全省"];

/// The scopes, found in one pass. (No two overlap, so the last found is
/// the last written.)
static SCOPE_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(SCOPES).expect("the scopes make an automaton"));

/// Nouns that name no particular thing.
pub(crate) const GENERIC_NOUNS: &[&str] = &["项目", "企业", "工作", "任务", "工程", "单位", "事项"];

/// Words that end a noun read after a counting word ("18个市重点项目全部开工").
const STOP_WORDS: &[&str] = &[
    "全部",
    "已",
    "正在",
    "完成",
    "开工",
    "建成",
    "均",
    "未",
    "共",
    "在",
    "进行",
    "实现",
    "通过",
    "获得",
    "被",
    "列",
    "进入",
    "将",
    "要",
    "达到",
    "累计",
    "投入",
    "开展",
    "加快",
    "早日",
    "力争",
    "确保",
    "三季度",
    "一季度",
    "二季度",
    "四季度",
    "上半年",
    "下半年",
    "年底",
    "年内",
    "全年",
    "月底",
];

/// How many characters a noun read after its counting word keeps.
const NOUN_CHARS: usize = 12;

/// The most characters a stop word has.
const LONGEST_STOP_WORD: usize = 3;

/// The stop words, found in one pass: the leftmost is where the noun ends.
static STOP_WORD_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(STOP_WORDS)
        .expect("the stop words make an automaton")
});

/// Nouns that name what is counted when a predicate follows them.
const HEAD_NOUNS: &[&str] = &["项目", "企业", "单位", "部门", "乡镇", "村", "户", "人"];

/// Words that say something of counted things ("资金支付率达到", "均已开工").
const PREDICATES: &[&str] = &["率", "达到", "为", "已", "未", "完成", "开工", "均", "全部", "正在"];

/// What a counted thing may be said to be before its name ("未开工的…").
const STATE_WORDS: &[&str] =
    &["未开工的", "已开工的", "新开工的", "未开工", "已开工", "新开工", "在建的", "在建", "未", "已", "新"];

/// What a counted number counts, read after its counting word: "18个市重点项目…"
/// → "市重点项目"; "5个未开工的市级重点项目" → "市级重点项目".
pub(crate) fn noun_after(rest_of_clause: &str) -> Option<String> {
    // Most nouns hold no quotation marks: copy only those that do.
    let unquoted: std::borrow::Cow<'_, str> = if rest_of_clause.contains(is_quote) {
        rest_of_clause.chars().filter(|&c| !is_quote(c)).collect::<String>().into()
    } else {
        rest_of_clause.into()
    };
    let text = unquoted.trim();
    // "9个2023年中央预算内…": a year is not what is counted.
    let text = match text.char_indices().take(5).find(|&(_, c)| c == '年') {
        Some((at, _)) if at == 4 && text[..at].chars().all(|c| c.is_ascii_digit()) => &text[at + '年'.len_utf8()..],
        _ => text,
    };
    // "5个未开工的市级重点项目和48个…": the noun ends at the next number or conjunction.
    let end = text
        .find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '和' | '及' | '与'))
        .unwrap_or(text.len());
    let text = &text[..end];
    let text = text.rsplit_once('的').map_or(text, |(_, after)| after);
    let text = STATE_WORDS.iter().find_map(|w| text.strip_prefix(w)).unwrap_or(text);
    // "9个项目资金支付率达到100%": the number counts 项目; what follows says what of them.
    // ("8个乡镇卫生院标准化改造": 乡镇 only says which 卫生院.)
    if let Some(head) = HEAD_NOUNS
        .iter()
        .find(|h| text.strip_prefix(*h).is_some_and(|rest| PREDICATES.iter().any(|p| rest.contains(p))))
    {
        return noun(head);
    }
    // Only the first NOUN_CHARS characters are kept: a stop word is looked
    // for where it can cut them (its first character among them).
    let reach = text.char_indices().nth(NOUN_CHARS + LONGEST_STOP_WORD - 1).map_or(text.len(), |(at, _)| at);
    let end = STOP_WORD_FINDER.find(&text[..reach]).map_or(text.len(), |found| found.start());
    let text: String = text[..end].chars().take(NOUN_CHARS).collect();
    // "12个专项债券项目中": 中 closes the phrase.
    noun(strip_links(text.strip_suffix('中').unwrap_or(&text)))
}

/// `text` without the words that link a noun to a number at its end.
fn strip_links(mut text: &str) -> &str {
    loop {
        let before = text;
        // Most nouns end in no link word: its last character tells.
        if !text.chars().next_back().is_some_and(|c| LINK_WORDS.iter().any(|w| w.ends_with(c))) {
            return text;
        }
        for word in LINK_WORDS {
            text = text.strip_suffix(word).unwrap_or(text);
        }
        if text == before {
            return text;
        }
    }
}

/// The most characters a noun has: a project's full name and what is
/// measured of it ("汽车零部件产业园标准化厂房建设项目资金支付率", 22), not a clause.
const LONGEST_NOUN: usize = 24;

/// A noun is a short run of 汉字 and letters/digits with at least one 汉字.
fn noun(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || "的了等和与及".contains(c));
    let chars = text.chars().count();
    let han = text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    (han && (1..=LONGEST_NOUN).contains(&chars) && text.chars().all(|c| c.is_alphanumeric())).then(|| text.to_string())
}

/// A qualifier written right before a number ("不低于55亿元", "力争…60个以上").
pub(crate) fn qualifier_before(clause: &str) -> Option<&'static str> {
    const IMMEDIATE: &[&str] = &["不低于", "不少于", "不超过", "不高于", "至少", "超过", "约", "近"];
    let clause = clause.trim_end();
    if let Some(word) = IMMEDIATE.iter().find(|w| clause.ends_with(*w)) {
        return Some(word);
    }
    ["力争", "争取"].into_iter().find(|w| clause.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_stop_word_is_longer_than_the_reach_allows() {
        assert!(STOP_WORDS.iter().all(|w| w.chars().count() <= LONGEST_STOP_WORD));
    }

    #[test]
    fn a_stop_word_cuts_the_noun_where_it_starts() {
        // "完成" starting at the twelfth character still ends the noun there.
        assert_eq!(noun_after("甲乙丙丁戊己庚辛壬癸子完成").as_deref(), Some("甲乙丙丁戊己庚辛壬癸子"));
        assert_eq!(noun_after("市重点项目全部开工").as_deref(), Some("市重点项目"));
    }

    #[test]
    fn nouns_before_the_number() {
        assert_eq!(noun_before("新建5G基站").as_deref(), Some("5G基站"));
        assert_eq!(noun_before("新开通5G基站").as_deref(), Some("5G基站"));
        assert_eq!(noun_before("7月底资金支付率达到").as_deref(), Some("资金支付率"));
        assert_eq!(noun_before("资金支付率为").as_deref(), Some("资金支付率"));
        assert_eq!(noun_before("截至10月底").as_deref(), None);
        assert_eq!(noun_before("完成投资").as_deref(), Some("投资"));
        assert_eq!(noun_before("完成改厕任务").as_deref(), Some("改厕任务"));
        assert_eq!(noun_before("1—5月，全市").as_deref(), None);
        assert_eq!(noun_before("").as_deref(), None);
        assert_eq!(noun_before("省政府下达我县淘汰落后产能任务").as_deref(), Some("淘汰落后产能任务"));
        assert_eq!(noun_before("截至9月20日，我县已淘汰落后产能").as_deref(), Some("淘汰落后产能"));
        assert_eq!(noun_before("到位资金").as_deref(), Some("资金"));
        assert_eq!(noun_before("力争下半年招引签约项目").as_deref(), Some("签约项目"));
        assert_eq!(noun_before("中央预算内和标准化厂房等").as_deref(), Some("标准化厂房"));
    }

    #[test]
    fn nouns_after_a_counting_word() {
        assert_eq!(noun_after("市重点项目全部开工建设").as_deref(), Some("市重点项目"));
        assert_eq!(noun_after("未开工的市级重点项目").as_deref(), Some("市级重点项目"));
        assert_eq!(noun_after("未开工的市级重点项目和48个未开工的县级重点项目").as_deref(), Some("市级重点项目"));
        assert_eq!(noun_after("未开工县级重点项目开工").as_deref(), Some("县级重点项目"));
        assert_eq!(noun_after("县级重点项目四季度全部开工").as_deref(), Some("县级重点项目"));
        assert_eq!(noun_after("开工").as_deref(), None);
        assert_eq!(noun_after("项目资金支付率达到").as_deref(), Some("项目"));
        assert_eq!(noun_after("中央预算内项目").as_deref(), Some("中央预算内项目"));
        assert_eq!(noun_after("专项债券项目中").as_deref(), Some("专项债券项目"));
        assert_eq!(noun_after("2023年中央预算内和标准化厂房等").as_deref(), Some("中央预算内"));
        assert_eq!(
            noun_before("县民政局负责的康养服务中心建设项目资金支付率").as_deref(),
            Some("康养服务中心建设项目资金支付率")
        );
        assert_eq!(noun_after("").as_deref(), None);
        assert_eq!(noun_after("乡镇卫生院标准化改造").as_deref(), Some("乡镇卫生院标准化"));
        assert_eq!(noun_after("“绿色转型”升级企业完成治理").as_deref(), Some("绿色转型升级企业"));
    }

    #[test]
    fn qualifiers() {
        assert_eq!(qualifier_before("三季度完成投资不低于"), Some("不低于"));
        assert_eq!(qualifier_before("力争四季度全县再入库项目"), Some("力争"));
        assert_eq!(qualifier_before("完成投资"), None);
    }
}
