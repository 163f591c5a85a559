//! What a number is in its sentence: target, actual, ratio, gap, rank or
//! growth — told by the words before it, and by whether the paragraph states
//! a task or reports on one.

use std::sync::LazyLock;

use regex::Regex;

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

struct Cues {
    ratio: Regex,
    growth: Regex,
    pace_gap: Regex,
    gap: Regex,
    change: Regex,
    target: Regex,
    intent: Regex,
    rank: Regex,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    Cues {
    // "为年度目标的", "完成省定任务的", "完成年度投资计划的", "年度投资完成率", "占年度计划的"
    ratio: Regex::new(r"((目标|任务|计划|总量|工程量|总数|指标)(任务)?的?|完成率|占比|完成了?.{0,12}的|占.{0,12}的|达到?.{0,8}的)$")
        .expect("cue patterns are valid"),
    // "增长", "同比增长", "下降", "增速为" … just before the number
    growth: Regex::new(r"(同比|比上年|较上年|较去年|比去年)?(增长|增速|下降|提高|降低|提升|减少|回落|增加|上涨|改善|增幅|降幅)率?(了|为|达到?)?$")
        .expect("cue patterns are valid"),
    // "低于序时进度", "超时序进度", "慢序时"
    pace_gap: Regex::new(r"(低于|高于|超过?|慢于?|快于?|落后于?|欠|滞后)(时序|序时|均衡|时间)进度?$").expect("cue patterns are valid"),
    // "差目标任务", "尚差", "缺口"
    gap: Regex::new(r"(差(目标|任务|计划|距)|尚差|还差|相差|仍差|缺口)").expect("cue patterns are valid"),
    change: Regex::new(r"(同比|比上年|较上年|较去年|比去年)(增加|减少|增长|下降|提高|降低|改善|提升|上升|回落)$").expect("cue patterns are valid"),
    target: Regex::new(r"目标|计划|任务|力争|确保|预期|要求").expect("cue patterns are valid"),
    // A sentence that states an aim; 任务 alone is often only the noun
    // ("12项重点任务中，已完成2项").
    intent: Regex::new(r"目标|计划|力争|确保|预期|要求|争取|任务(是|为)").expect("cue patterns are valid"),
    // "全市考核排名", "居全省", "位列全国"
    rank: Regex::new(r"(排名|排在|排|位居|居|位列|名列|列|位次)(全国|全省|全市|全区|全县|全州|同类)?(考核)?(的)?$")
        .expect("cue patterns are valid"),
}
});

/// Whether a unit is a share: `%`, `‰`, `个百分点`.
pub(crate) fn is_share(unit: &str) -> bool {
    matches!(unit, "%" | "％" | "‰" | "个百分点")
}

/// The role and side of a number with `unit` in `context`.
pub(crate) fn role(unit: &str, context: &Context<'_>) -> (Role, Side) {
    let cues = &*CUES;
    let clause = context.clause.trim_end();
    let side = context
        .side
        .unwrap_or_else(|| if cues.intent.is_match(context.sentence) { Side::Target } else { Side::Actual });
    if is_share(unit) {
        if cues.pace_gap.is_match(clause) {
            return (Role::Gap, Side::Actual);
        }
        if cues.growth.is_match(clause) {
            return (Role::Growth, side);
        }
        if cues.ratio.is_match(clause) {
            return (Role::Ratio, Side::Actual);
        }
        // "厂区建设完成96%": in a report, a share straight after 完成 is how
        // much of the whole work is done.
        if side == Side::Actual && context.side.is_some() && ["完成", "完成了"].iter().any(|w| clause.ends_with(w))
        {
            return (Role::Ratio, Side::Actual);
        }
    }
    if cues.gap.is_match(clause) {
        return (Role::Gap, Side::Actual);
    }
    // "同比增加3天", "比上年减少2家": a change in any unit.
    if cues.change.is_match(clause) {
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
    let Some(cue) = CUES.target.find(clause) else { return false };
    let done = ["完成", "实现", "达到", "已"].iter().filter_map(|w| clause.find(w)).min();
    done.is_none_or(|at| at > cue.start())
}

/// Whether the words before `第N位` make it a rank.
pub(crate) fn is_rank(clause: &str) -> bool {
    CUES.rank.is_match(clause.trim_end())
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

    #[test]
    fn ranks_need_a_cue() {
        assert!(is_rank("全市考核排名"));
        assert!(is_rank("居全省"));
        assert!(!is_rank("区政府2022年"));
    }
}
