//! Targets matched with the actuals that measure them, within one item.
//!
//! A target pairs with an actual in the same base unit whose noun is the same
//! ("5G基站" ↔ "5G基站") or near ("改厕" ↔ "改厕任务"); an actual that names no
//! noun pairs only with the item's one target in its unit. Among candidates
//! a completion ("完成", "建成", "完工") beats a start ("开工"), and the first
//! in the text wins a tie. Every pair says which rule made it.

use super::facts::{Pair, PairBasis, Quantity, Role};

/// What the extractor knows of a quantity's sentence that pairing needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Said {
    /// What the words before it say about progress.
    pub progress: Progress,
    /// Whether it is in a report (落实情况) rather than the task.
    pub reported: bool,
}

/// How an actual's clause describes progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Progress {
    /// No word about it.
    #[default]
    None,
    /// Started: 开工, 启动, 开建.
    Start,
    /// Done: 完成, 建成, 完工, 实现, 累计, 新增, 新开通 …
    Completion,
    /// Not done: "29个项目未开工" counts what is behind, not progress.
    Not,
}

impl Progress {
    /// What the words before a number say about progress.
    /// What the words before a number (`clause`) and right after it
    /// (`after`, to the end of its clause) say about progress.
    pub(crate) fn of(clause: &str, after: &str) -> Progress {
        if after.contains('未') || after.contains("尚未") || clause.ends_with('未') {
            return Progress::Not;
        }
        const COMPLETION: &[&str] = &[
            "完成",
            "建成",
            "完工",
            "实现",
            "累计",
            "新增",
            "新开通",
            "新建",
            "改造",
            "达到",
            "招引",
            "培育",
            "到位",
            "已",
        ];
        if ["开工", "启动", "开建"].iter().any(|w| clause.contains(w)) {
            Progress::Start
        } else if COMPLETION.iter().any(|w| clause.contains(w)) {
            Progress::Completion
        } else {
            Progress::None
        }
    }

    fn bonus(self) -> f64 {
        match self {
            Progress::None | Progress::Not => 0.0,
            Progress::Start => 0.25,
            Progress::Completion => 0.75,
        }
    }
}

/// The pairs of an item's quantities; `said[i]` describes quantity `i`.
///
/// Reports restate: "全市重点项目362个" beside a task of 362 projects, or
/// "年度计划完成投资1260亿元" beside a task of 1260亿元. A report's target equal
/// to a task's target is not paired again, and an actual equal to its target
/// with no word of progress is not taken as progress.
pub(crate) fn pairs(quantities: &[Quantity], said: &[Said]) -> Vec<Pair> {
    let said_of = |i: usize| said.get(i).copied().unwrap_or_default();
    let mut used = vec![false; quantities.len()];
    let mut pairs = Vec::new();
    for (t, target) in quantities.iter().enumerate().filter(|(_, q)| q.role == Role::Target) {
        let restated = said_of(t).reported
            && quantities.iter().enumerate().any(|(i, q)| {
                i != t
                    && q.role == Role::Target
                    && !said_of(i).reported
                    && q.base_unit == target.base_unit
                    && q.base_value == target.base_value
            });
        if target.base_value == 0.0 || restated {
            continue;
        }
        let alone_in_unit =
            quantities.iter().filter(|q| q.role == Role::Target && q.base_unit == target.base_unit).count() == 1;
        let mut best: Option<(f64, usize, PairBasis)> = None;
        for (a, actual) in quantities.iter().enumerate() {
            if actual.role != Role::Actual || used[a] || actual.base_unit != target.base_unit {
                continue;
            }
            let progress = said_of(a).progress;
            if progress == Progress::Not || (actual.base_value == target.base_value && progress == Progress::None) {
                continue;
            }
            let basis = match (&target.noun, &actual.noun) {
                (Some(t), Some(a)) => match similarity(t, a) {
                    Some(basis) => basis,
                    None => continue,
                },
                _ if alone_in_unit => PairBasis::Unit,
                _ => continue,
            };
            let score = match basis {
                PairBasis::SameNoun => 3.0,
                PairBasis::NearNoun => 2.0,
                PairBasis::Unit => 1.0,
            } + said_of(a).progress.bonus();
            if best.is_none_or(|(top, _, _)| score > top) {
                best = Some((score, a, basis));
            }
        }
        if let Some((_, a, basis)) = best {
            used[a] = true;
            let noun = target.noun.clone().or_else(|| quantities[a].noun.clone()).unwrap_or_default();
            let progress = quantities[a].base_value / target.base_value;
            pairs.push(Pair { noun, target: t, actual: a, progress, basis });
        }
    }
    pairs
}

/// Whether two nouns name the same thing: equal; one inside the other;
/// beginning alike for four fifths of the shorter ("粮食播种面积" and
/// "小麦播种面积" differ in what they measure); or one the abbreviation of the other, its characters taken in order from the
/// other's words ("棚改" for "棚户区改造", "保租房" for "保障性租赁住房").
/// Generic last words (项目, 工程, 任务 …) are set aside first.
pub(crate) fn similarity(a: &str, b: &str) -> Option<PairBasis> {
    if a == b || (core(a) == core(b) && !core(a).is_empty()) {
        return Some(PairBasis::SameNoun);
    }
    let near = |a: &str, b: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let contained = short.len() >= 2 && long.windows(short.len()).any(|w| w == short.as_slice());
        // Differences at the end only: "资金支付率" and "资金支付". A different
        // first word names a different thing: "市级重点项目", "区级重点项目".
        let prefix = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
        contained || (prefix >= 2 && prefix * 5 >= short.len() * 4) || abbreviates(&short, &long)
    };
    (near(a, b) || near(core(a), core(b))).then_some(PairBasis::NearNoun)
}

/// A noun without a generic last word: "棚改项目" → "棚改".
fn core(noun: &str) -> &str {
    const GENERIC: &[&str] = &["项目", "工程", "任务", "建设", "工作", "行动"];
    GENERIC.iter().find_map(|g| noun.strip_suffix(g).filter(|rest| rest.chars().count() >= 2)).unwrap_or(noun)
}

/// Whether `short` (two characters or more) is made of characters of `long`
/// in order, within a stretch at most three times its length — as Chinese
/// abbreviations take a character from each word ("保租房" from "保障性租赁住房",
/// but not "城区" from "城乡一体化示范区").
fn abbreviates(short: &[char], long: &[char]) -> bool {
    if short.len() < 2 || short.len() >= long.len() {
        return false;
    }
    (0..long.len()).filter(|&i| long[i] == short[0]).any(|start| {
        let mut matched = 1;
        for (offset, &c) in long[start + 1..].iter().enumerate() {
            if offset + 2 > short.len() * 3 {
                break;
            }
            if c == short[matched] {
                matched += 1;
                if matched == short.len() {
                    return true;
                }
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::facts::Side;
    use crate::source::Span;

    fn q(noun: &str, value: f64, unit: &str, role: Role) -> Quantity {
        Quantity {
            text: String::new(),
            span: Span::default(),
            value,
            unit: unit.into(),
            base_value: value,
            base_unit: unit.into(),
            noun: (!noun.is_empty()).then(|| noun.to_string()),
            role,
            side: if role == Role::Target { Side::Target } else { Side::Actual },
            qualifier: None,
            to: None,
        }
    }

    #[test]
    fn nouns_decide() {
        let quantities = [
            q("上云企业", 1600.0, "家", Role::Target),
            q("5G基站", 1600.0, "个", Role::Target),
            q("5G基站", 580.0, "个", Role::Actual),
            q("上云企业", 710.0, "家", Role::Actual),
        ];
        let found = pairs(&quantities, &[Said { progress: Progress::Completion, reported: true }; 4]);
        let found: Vec<(usize, usize, f64)> = found.iter().map(|p| (p.target, p.actual, p.progress)).collect();
        assert_eq!(found, [(0, 3, 0.44375), (1, 2, 0.3625)]);
    }

    #[test]
    fn restatements_are_not_progress() {
        let quantities = [
            q("重点项目", 362.0, "个", Role::Target),
            q("投资", 1260.0, "元", Role::Target),
            q("重点项目", 362.0, "个", Role::Actual),
            q("投资", 1260.0, "元", Role::Target),
            q("投资", 687.9, "元", Role::Actual),
        ];
        let task = Said { progress: Progress::None, reported: false };
        let report = |progress| Said { progress, reported: true };
        let said = [task, task, report(Progress::None), report(Progress::None), report(Progress::Completion)];
        let found: Vec<(usize, usize)> = pairs(&quantities, &said).iter().map(|p| (p.target, p.actual)).collect();
        assert_eq!(found, [(1, 4)]);
    }

    #[test]
    fn near_nouns_and_strangers() {
        assert_eq!(similarity("改厕", "改厕任务"), Some(PairBasis::SameNoun), "任务 is a generic last word");
        assert_eq!(similarity("城区", "城乡一体化示范区"), None);
        assert_eq!(similarity("城镇新增就业", "失业人员再就业"), None);
        assert_eq!(similarity("县级重点项目", "项目"), Some(PairBasis::NearNoun));
        assert_eq!(similarity("粮食播种面积", "小麦播种面积"), None);
        assert_eq!(similarity("市级重点项目", "区级重点项目"), None);
        assert_eq!(similarity("资金支付率", "资金支付"), Some(PairBasis::NearNoun));
        assert_eq!(similarity("棚户区改造安置房", "棚改项目"), Some(PairBasis::NearNoun));
        assert_eq!(similarity("老旧职工公寓改造为保障性租赁住房", "保租房项目"), Some(PairBasis::NearNoun));
        assert_eq!(similarity("棚户区改造安置房", "保租房项目"), None);
        assert_eq!(similarity("上云企业", "5G基站"), None);
    }

    #[test]
    fn a_completion_beats_a_start_when_no_noun_says() {
        let quantities =
            [q("老旧小区", 36.0, "个", Role::Target), q("", 32.0, "个", Role::Actual), q("", 18.0, "个", Role::Actual)];
        let said = |progress| Said { progress, reported: true };
        let found = pairs(&quantities, &[said(Progress::None), said(Progress::Start), said(Progress::Completion)]);
        assert_eq!((found[0].actual, found[0].basis), (2, PairBasis::Unit));
    }
}
