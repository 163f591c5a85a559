//! What a number is in its sentence: target, actual, ratio, gap, rank or
//! growth — told by the words before it, and by whether the paragraph states
//! a task or reports on one.

use super::facts::{Role, Side};

/// The words before a number that decide its role.
pub(crate) struct Context<'a> {
    /// From the start of the number's clause to the number.
    pub clause: &'a str,
    /// From the start of the number's sentence to the number.
    pub sentence: &'a str,
    /// What the paragraph states when no word says otherwise: a task states
    /// targets, a 落实情况 reports actuals; `None` for a section's own text,
    /// where the sentence decides.
    pub side: Option<Side>,
}

/// A cue's words, part by part in reading order: each part one of its
/// words, or none where it is optional. A clause ends with the cue when its
/// end reads as the parts in order ("增长" "率" "为" of 同比增长率为).
struct Cue<'a> {
    parts: &'a [(&'a [&'a str], bool)],
}

impl Cue<'_> {
    /// Whether `text` ends with the cue.
    fn ends(&self, text: &str) -> bool {
        fn rest(text: &str, parts: &[(&[&str], bool)]) -> bool {
            let Some(((words, optional), before)) = parts.split_last() else { return true };
            (*optional && rest(text, before))
                || words.iter().any(|w| text.strip_suffix(w).is_some_and(|text| rest(text, before)))
        }
        rest(text, self.parts)
    }
}

const REQUIRED: bool = false;
const OPTIONAL: bool = true;

/// 增长, 下降, 提高 …: what a rate of change says.
const CHANGES: &[&str] =
    &["增长", "增速", "下降", "提高", "降低", "提升", "减少", "回落", "增加", "上涨", "改善", "增幅", "降幅"];

/// 同比, 比上年 …: what a change is measured against.
const AGAINST: &[&str] = &["同比", "比上年", "较上年", "较去年", "比去年"];

/// "增长", "同比增长", "下降", "增速为" … just before the number.
const GROWTH: Cue<'static> =
    Cue { parts: &[(CHANGES, REQUIRED), (&["率"], OPTIONAL), (&["了", "为", "达", "达到"], OPTIONAL)] };

/// "低于序时进度", "超时序进度", "慢序时进".
const PACE_GAP: Cue<'static> = Cue {
    parts: &[
        (&["低于", "高于", "超", "超过", "慢", "慢于", "快", "快于", "落后", "落后于", "欠", "滞后"], REQUIRED),
        (&["时序", "序时", "均衡", "时间"], REQUIRED),
        (&["进", "进度"], REQUIRED),
    ],
};

/// "同比增加3天", "比上年减少2家": a change in any unit.
const CHANGE: Cue<'static> = Cue {
    parts: &[
        (AGAINST, REQUIRED),
        (&["增加", "减少", "增长", "下降", "提高", "降低", "改善", "提升", "上升", "回落"], REQUIRED),
    ],
};

/// "全市考核排名", "居全省", "位列全国".
const RANK: Cue<'static> = Cue {
    parts: &[
        (&["排名", "排在", "排", "位居", "居", "位列", "名列", "列", "位次"], REQUIRED),
        (&["全国", "全省", "全市", "全区", "全县", "全州", "同类"], OPTIONAL),
        (&["考核"], OPTIONAL),
        (&["的"], OPTIONAL),
    ],
};

/// "为年度目标的", "完成省定任务的", "年度投资完成率", "完成投资占比".
const RATIO: Cue<'static> = Cue {
    parts: &[
        (&["目标", "任务", "计划", "总量", "工程量", "总数", "指标"], REQUIRED),
        (&["任务"], OPTIONAL),
        (&["的"], OPTIONAL),
    ],
};

/// Whether `text` ends in `word`, then at most `within` characters of one
/// line (one more when the first is `then`), then 的: "完成年度投资计划的",
/// "占年度计划的", "达到目标的".
fn ends_with_a_share_of(text: &str, word: &str, then: char, within: usize) -> bool {
    let Some(text) = text.strip_suffix('的') else { return false };
    let tail: Vec<(usize, char)> = text.char_indices().rev().take_while(|&(_, c)| c != '\n').take(within + 1).collect();
    (0..=tail.len()).any(|k| {
        let at = if k == 0 { text.len() } else { tail[k - 1].0 };
        let before = &text[..at];
        (k <= within || tail[k - 1].1 == then) && before.ends_with(word)
    })
}

/// Whether the words before a share make it a ratio of a whole.
fn is_ratio(clause: &str) -> bool {
    RATIO.ends(clause)
        || clause.ends_with("完成率")
        || clause.ends_with("占比")
        || ends_with_a_share_of(clause, "完成", '了', 12)
        || ends_with_a_share_of(clause, "占", '\0', 12)
        || ends_with_a_share_of(clause, "达", '到', 8)
}

/// "差目标任务", "尚差", "缺口" anywhere before the number.
fn says_a_gap(clause: &str) -> bool {
    ["差目标", "差任务", "差计划", "差距", "尚差", "还差", "相差", "仍差", "缺口"].iter().any(|w| clause.contains(w))
}

/// Where the first word that names a target is: 目标, 计划, 任务 ….
fn target_word(clause: &str) -> Option<usize> {
    ["目标", "计划", "任务", "力争", "确保", "预期", "要求"].iter().filter_map(|w| clause.find(w)).min()
}

/// A sentence that states an aim; 任务 alone is often only the noun
/// ("12项重点任务中，已完成2项").
fn states_an_aim(sentence: &str) -> bool {
    ["目标", "计划", "力争", "确保", "预期", "要求", "争取", "任务是", "任务为"].iter().any(|w| sentence.contains(w))
}

/// Whether a unit is a share: `%`, `‰`, `个百分点`.
pub(crate) fn is_share(unit: &str) -> bool {
    matches!(unit, "%" | "％" | "‰" | "个百分点")
}

/// The role and side of a number with `unit` in `context`.
pub(crate) fn role(unit: &str, context: &Context<'_>) -> (Role, Side) {
    let clause = context.clause.trim_end();
    let side =
        context.side.unwrap_or_else(|| if states_an_aim(context.sentence) { Side::Target } else { Side::Actual });
    if is_share(unit) {
        if PACE_GAP.ends(clause) {
            return (Role::Gap, Side::Actual);
        }
        if GROWTH.ends(clause) {
            return (Role::Growth, side);
        }
        if is_ratio(clause) {
            return (Role::Ratio, Side::Actual);
        }
        // "厂区建设完成96%": in a report, a share straight after 完成 is how
        // much of the whole work is done.
        if side == Side::Actual && context.side.is_some() && ["完成", "完成了"].iter().any(|w| clause.ends_with(w))
        {
            return (Role::Ratio, Side::Actual);
        }
    }
    if says_a_gap(clause) {
        return (Role::Gap, Side::Actual);
    }
    // "同比增加3天", "比上年减少2家": a change in any unit.
    if CHANGE.ends(clause) {
        return (Role::Growth, side);
    }
    // A report that restates its target: "年度目标任务9户", "年度计划完成投资850亿元"
    // — but not "完成年度目标任务3个", where the target word follows what was done.
    if side == Side::Actual && context.side.is_some() && restates_target(clause) {
        return (Role::Target, Side::Target);
    }
    match side {
        Side::Target => (Role::Target, Side::Target),
        Side::Actual => (Role::Actual, Side::Actual),
    }
}

fn restates_target(clause: &str) -> bool {
    // "资金支付率为63.5%，未达到100%": the figure missed is the target.
    if ["未达到", "未完成", "未实现", "不足"].iter().any(|w| clause.contains(w)) {
        return true;
    }
    // "综合整治任务完成9大项": the task is the subject of what was done.
    if ["任务完成", "任务已完成", "任务共完成"].iter().any(|w| clause.contains(w)) {
        return false;
    }
    let Some(cue) = target_word(clause) else { return false };
    let done = ["完成", "实现", "达到", "已"].iter().filter_map(|w| clause.find(w)).min();
    done.is_none_or(|at| at > cue)
}

/// Whether the words before `第N位` make it a rank.
pub(crate) fn is_rank(clause: &str) -> bool {
    RANK.ends(clause.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(clause: &str, unit: &str) -> Role {
        role(unit, &Context { clause, sentence: clause, side: Some(Side::Actual) }).0
    }

    #[test]
    fn roles_in_a_report() {
        assert_eq!(status("为年度目标的", "%"), Role::Ratio);
        assert_eq!(status("年度投资完成率", "%"), Role::Ratio);
        assert_eq!(status("完成投资占比", "%"), Role::Ratio);
        assert_eq!(status("分别完成省定任务的", "%"), Role::Ratio);
        assert_eq!(status("完成年度投资计划的", "%"), Role::Ratio);
        assert_eq!(status("资金支付率为", "%"), Role::Actual);
        assert_eq!(status("同比增长", "%"), Role::Growth);
        assert_eq!(status("规上工业增加值增长", "%"), Role::Growth);
        assert_eq!(status("低于序时进度", "个百分点"), Role::Gap);
        assert_eq!(status("差目标任务", "户"), Role::Gap);
        assert_eq!(status("新增规上工业企业年度目标任务", "户"), Role::Target);
        assert_eq!(status("新开通5G基站", "个"), Role::Actual);
        assert_eq!(status("全县环境空气质量优良天数24天，同比增加", "天"), Role::Growth);
        assert_eq!(status("年度计划完成投资", "元"), Role::Target);
        assert_eq!(status("完成年度目标任务", "个"), Role::Actual);
        assert_eq!(status("未达到支付率", "%"), Role::Target);
        assert_eq!(status("全县环境空气质量良好天数25天，同比改善", "天"), Role::Growth);
        assert_eq!(status("改善率", "%"), Role::Growth);
        assert_eq!(status("12大项80小项环境综合整治任务完成", "大项"), Role::Actual);
        assert_eq!(status("城东污水处理厂主体建设完成", "%"), Role::Ratio);
    }

    #[test]
    fn roles_in_a_task_and_a_section() {
        let task = |clause| role("个", &Context { clause, sentence: clause, side: Some(Side::Target) });
        assert_eq!(task("新建5G基站"), (Role::Target, Side::Target));
        let section = |sentence: &'static str, clause| role("%", &Context { clause, sentence, side: None });
        assert_eq!(section("工作奋斗目标是:第一产业增加值增长", "第一产业增加值增长"), (Role::Growth, Side::Target));
        assert_eq!(section("全年地区生产总值增长", "全年地区生产总值增长"), (Role::Growth, Side::Actual));
        let counted = role("项", &Context { clause: "已完成", sentence: "全县12项重点任务中，已完成", side: None });
        assert_eq!(counted, (Role::Actual, Side::Actual));
    }

    /// The cues were patterns; the patterns are the oracle of what the code reads.
    #[test]
    fn the_cues_read_as_the_patterns_did() {
        let pattern = |p: &str| regex::Regex::new(p).unwrap();
        let ratio = pattern(
            r"((目标|任务|计划|总量|工程量|总数|指标)(任务)?的?|完成率|占比|完成了?.{0,12}的|占.{0,12}的|达到?.{0,8}的)$",
        );
        let growth = pattern(
            r"(同比|比上年|较上年|较去年|比去年)?(增长|增速|下降|提高|降低|提升|减少|回落|增加|上涨|改善|增幅|降幅)率?(了|为|达到?)?$",
        );
        let pace_gap = pattern(r"(低于|高于|超过?|慢于?|快于?|落后于?|欠|滞后)(时序|序时|均衡|时间)进度?$");
        let gap = pattern(r"(差(目标|任务|计划|距)|尚差|还差|相差|仍差|缺口)");
        let change = pattern(r"(同比|比上年|较上年|较去年|比去年)(增加|减少|增长|下降|提高|降低|改善|提升|上升|回落)$");
        let target = pattern(r"目标|计划|任务|力争|确保|预期|要求");
        let intent = pattern(r"目标|计划|力争|确保|预期|要求|争取|任务(是|为)");
        let rank =
            pattern(r"(排名|排在|排|位居|居|位列|名列|列|位次)(全国|全省|全市|全区|全县|全州|同类)?(考核)?(的)?$");
        const PIECES: &[&str] = &[
            "目标",
            "任务",
            "计划",
            "的",
            "完成",
            "了",
            "占",
            "达",
            "到",
            "率",
            "比",
            "同比",
            "增长",
            "下降",
            "为",
            "低于",
            "超",
            "过",
            "慢",
            "于",
            "序时",
            "时间",
            "进",
            "度",
            "差",
            "距",
            "尚",
            "缺口",
            "是",
            "排",
            "名",
            "全市",
            "考核",
            "居",
            "列",
            "一二三四五",
            "年度",
            "\n",
            "x",
            "占比",
            "工程量",
            "较去年",
            "增加",
        ];
        for text in crate::text::generated(PIECES, 16, 100_000) {
            let t = text.as_str();
            assert_eq!(is_ratio(t), ratio.is_match(t), "ratio: {t}");
            assert_eq!(GROWTH.ends(t), growth.is_match(t), "growth: {t}");
            assert_eq!(PACE_GAP.ends(t), pace_gap.is_match(t), "pace gap: {t}");
            assert_eq!(says_a_gap(t), gap.is_match(t), "gap: {t}");
            assert_eq!(CHANGE.ends(t), change.is_match(t), "change: {t}");
            assert_eq!(target_word(t), target.find(t).map(|m| m.start()), "target: {t}");
            assert_eq!(states_an_aim(t), intent.is_match(t), "intent: {t}");
            assert_eq!(RANK.ends(t), rank.is_match(t), "rank: {t}");
        }
    }

    #[test]
    fn ranks_need_a_cue() {
        assert!(is_rank("全市考核排名"));
        assert!(is_rank("居全省"));
        assert!(!is_rank("区政府2022年"));
    }
}
