//! Targets matched with the actuals that measure them, within one item.
//!
//! Two passes. First, restatements: a report that repeats a target's figure
//! ("22户传统产业企业…") and goes on to say how many are done ("…改造扩能升级
//! 8户") pairs that target with the next figure of its sentence in the same
//! unit. Then nouns: a target pairs with an actual in the same base unit
//! whose noun is the same ("5G基站" ↔ "5G基站") or near ("棚户区改造" ↔ "棚改");
//! an actual that names no noun, or only a generic one ("项目"), pairs only
//! with the item's one target in its unit. Among candidates a completion
//! ("完成", "建成", "完工") beats a start ("开工"), and the first in the text
//! wins a tie. Figures of what is not done ("2个未开工") or still under way
//! ("正在施工4个") are not progress. Every pair says which rule made it.

use super::facts::{Pair, PairBasis, Quantity, Role};

/// What the extractor knows of a quantity's sentence that pairing needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Said {
    /// What the words around it say about progress.
    pub progress: Progress,
    /// Whether it is in a report (落实情况) rather than the task.
    pub reported: bool,
    /// Which sentence of the item it is in.
    pub sentence: usize,
    /// Whether it states a whole that a later figure is the done part of
    /// (see [`part_of`]).
    pub whole: bool,
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
    /// Under way: "正在施工4个", "5个正在加快推进".
    Ongoing,
}

impl Progress {
    /// What the words before a number say about progress.
    /// What the words before a number (`clause`) and right after it
    /// (`after`, to the end of its clause) say about progress.
    pub(crate) fn of(clause: &str, after: &str) -> Progress {
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
            "履约",
            "已",
        ];
        const DONE_AFTER: &[&str] = &["已完成", "已建成", "已全部完成", "完工", "已转", "已投产"];
        if after.contains('未') || clause.ends_with('未') {
            Progress::Not
        } else if ["正在", "在建", "推进中"].iter().any(|w| after.starts_with(w) || clause.ends_with(w)) {
            Progress::Ongoing
        } else if ["开工", "启动", "开建"].iter().any(|w| clause.contains(w) || after.starts_with(w)) {
            Progress::Start
        } else if COMPLETION.iter().any(|w| clause.contains(w)) || DONE_AFTER.iter().any(|w| after.contains(w)) {
            Progress::Completion
        } else {
            Progress::None
        }
    }

    /// Whether a figure with these words can measure progress at all.
    fn counts(self) -> bool {
        !matches!(self, Progress::Not | Progress::Ongoing)
    }

    fn bonus(self) -> f64 {
        match self {
            Progress::None | Progress::Not | Progress::Ongoing => 0.0,
            Progress::Start => 0.25,
            Progress::Completion => 0.75,
        }
    }
}

/// The pairs of an item's quantities; `said[i]` describes quantity `i`.
///
/// Reports restate: "全市重点项目362个" beside a task of 362 projects, or
/// "年度计划完成投资850亿元" beside a task of 850亿元. A report's target equal
/// to a task's target is not paired again, and an actual equal to its target
/// with no word of progress is not taken as progress.
pub(crate) fn pairs(quantities: &[Quantity], said: &[Said]) -> Vec<Pair> {
    let said_of = |i: usize| said.get(i).copied().unwrap_or_default();
    let mut used = vec![false; quantities.len()];
    let mut paired = vec![false; quantities.len()];
    let mut pairs = Vec::new();
    let push = |pairs: &mut Vec<Pair>, t: usize, a: usize, basis: PairBasis| {
        let noun = quantities[t].noun.clone().or_else(|| quantities[a].noun.clone()).unwrap_or_default();
        pairs.push(Pair {
            noun,
            target: t,
            actual: a,
            progress: quantities[a].base_value / quantities[t].base_value,
            basis,
        });
    };
    let targets: Vec<usize> = (0..quantities.len())
        .filter(|&t| quantities[t].role == Role::Target && quantities[t].base_value != 0.0)
        .filter(|&t| !restated(quantities, said, t))
        .collect();

    // Restatements: the report repeats the target, then says how many are done.
    // Each restatement anchors one target: the first, or the one whose noun
    // is nearest when a report restates several equal figures.
    let mut anchored = vec![false; quantities.len()];
    for &t in &targets {
        let target = &quantities[t];
        let candidates = (0..quantities.len()).filter(|&r| {
            r != t
                && !anchored[r]
                && said_of(r).reported
                && (quantities[r].role == Role::Target
                    || (quantities[r].role == Role::Actual && said_of(r).progress == Progress::None))
                && quantities[r].base_unit == target.base_unit
                && quantities[r].base_value == target.base_value
        });
        let near = |r: &usize| match (&target.noun, &quantities[*r].noun) {
            (Some(a), Some(b)) => similarity(a, b).is_some(),
            _ => false,
        };
        let candidates: Vec<usize> = candidates.collect();
        let anchor = candidates.iter().copied().find(near).or_else(|| candidates.first().copied());
        let next = anchor.and_then(|r| {
            (r + 1..quantities.len()).find(|&a| {
                let q = &quantities[a];
                !used[a]
                    && said_of(a).sentence == said_of(r).sentence
                    && q.base_unit == target.base_unit
                    && q.role == Role::Actual
                    && said_of(a).progress.counts()
                    && q.base_value != target.base_value
            })
        });
        if let (Some(r), Some(a)) = (anchor, next) {
            anchored[r] = true;
            used[a] = true;
            paired[t] = true;
            push(&mut pairs, t, a, PairBasis::Restated);
        }
    }

    // Wholes: "26个县重点项目21个开工建设".
    for &t in &targets {
        if paired[t] || !said_of(t).whole {
            continue;
        }
        if let Some(a) = part_of(quantities, said, t).filter(|&a| !used[a]) {
            used[a] = true;
            paired[t] = true;
            push(&mut pairs, t, a, PairBasis::Whole);
        }
    }

    // Nouns.
    for &t in targets.iter().filter(|&&t| !paired[t]) {
        let target = &quantities[t];
        let alone_in_unit = targets.iter().filter(|&&i| quantities[i].base_unit == target.base_unit).count() == 1;
        let mut best: Option<(f64, usize, PairBasis)> = None;
        for (a, actual) in quantities.iter().enumerate() {
            if actual.role != Role::Actual || used[a] || actual.base_unit != target.base_unit {
                continue;
            }
            let progress = said_of(a).progress;
            if !progress.counts()
                || (actual.base_value == target.base_value && progress == Progress::None)
                || states_a_whole(quantities, said, a)
            {
                continue;
            }
            let basis = match (&target.noun, &actual.noun) {
                (Some(t), Some(a)) if !generic(t) && !generic(a) => match similarity(t, a) {
                    Some(basis) => basis,
                    None => continue,
                },
                _ if alone_in_unit => PairBasis::Unit,
                _ => continue,
            };
            let score = match basis {
                PairBasis::SameNoun => 3.0,
                PairBasis::NearNoun => 2.0,
                PairBasis::Unit | PairBasis::Restated | PairBasis::Whole => 1.0,
            } + progress.bonus();
            if best.is_none_or(|(top, _, _)| score > top) {
                best = Some((score, a, basis));
            }
        }
        if let Some((_, a, basis)) = best {
            used[a] = true;
            push(&mut pairs, t, a, basis);
        }
    }
    pairs.sort_by_key(|p| p.target);
    pairs
}

/// A report's target that repeats a task's: "年度计划完成投资850亿元" beside
/// "确保完成投资850亿元以上". The task's target is the one paired.
fn restated(quantities: &[Quantity], said: &[Said], t: usize) -> bool {
    let reported = |i: usize| said.get(i).is_some_and(|s| s.reported);
    let target = &quantities[t];
    reported(t)
        && quantities.iter().enumerate().any(|(i, q)| {
            i != t
                && q.role == Role::Target
                && !reported(i)
                && q.base_unit == target.base_unit
                && q.base_value == target.base_value
        })
}

/// A noun that names no particular thing: "项目", "企业".
fn generic(noun: &str) -> bool {
    super::quantity::GENERIC_NOUNS.contains(&noun)
}

/// "26个县重点项目21个开工建设", "320个点源完成治理298个": the
/// figure that, in a report, says how much of the whole `w` is started or
/// done — the next in its sentence and unit, if smaller and worded so. A
/// breakdown ("62家企业中2家使用…，18家使用…") has no such part.
pub(crate) fn part_of(quantities: &[Quantity], said: &[Said], w: usize) -> Option<usize> {
    let said_of = |i: usize| said.get(i).copied().unwrap_or_default();
    let whole = &quantities[w];
    (w + 1..quantities.len())
        .take_while(|&p| said_of(p).sentence == said_of(w).sentence)
        .find(|&p| quantities[p].base_unit == whole.base_unit && quantities[p].role == Role::Actual)
        .filter(|&p| {
            matches!(said_of(p).progress, Progress::Start | Progress::Completion)
                && quantities[p].base_value < whole.base_value
                && whole.base_unit != "%"
                && same_kind(whole.noun.as_deref(), quantities[p].noun.as_deref())
        })
}

/// Whether a part can belong to a whole by their nouns. A part that names
/// a thing of its own ("其中失业人员再就业8575人，就业困难人员实现就业3308人")
/// is a sibling in a breakdown, not the done part of the figure before it;
/// a short noun is the verb of the part ("整改", "履约项目").
fn same_kind(whole: Option<&str>, part: Option<&str>) -> bool {
    const SHORT: usize = 5;
    const SHARED: usize = 4;
    match (whole, part) {
        (Some(whole), Some(part)) => {
            let chars: Vec<char> = part.chars().collect();
            chars.len() < SHORT
                || generic(part)
                || similarity(whole, part).is_some()
                || chars.windows(SHARED).any(|w| whole.contains(&w.iter().collect::<String>()))
        }
        _ => true,
    }
}

/// "15个中央预算内项目，12个项目资金支付率为100%": a figure with no word of
/// progress followed in its sentence by another in its unit states the whole
/// that the next figure is a part of.
fn states_a_whole(quantities: &[Quantity], said: &[Said], a: usize) -> bool {
    let said_of = |i: usize| said.get(i).copied().unwrap_or_default();
    said_of(a).progress == Progress::None
        && (a + 1..quantities.len()).any(|b| {
            said_of(b).sentence == said_of(a).sentence
                && quantities[b].role == Role::Actual
                && quantities[b].base_unit == quantities[a].base_unit
                && quantities[b].base_value <= quantities[a].base_value
        })
}

/// Whether two nouns name the same thing: equal; one inside the other; the
/// leading four fifths of the shorter inside the longer ("粮食播种面积" and
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
        let contains = |part: &[char]| part.len() >= 2 && long.windows(part.len()).any(|w| w == part);
        // The leading four fifths of the shorter inside the longer: "项目资金支付率"
        // in "专项债券项目资金支付"; a different first word names a different
        // thing: "市级重点项目", "区级重点项目".
        let lead = (short.len() * 4).div_ceil(5).max(2).min(short.len());
        contains(&short) || contains(&short[..lead]) || abbreviates(&short, &long)
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
            q("上云企业", 800.0, "家", Role::Target),
            q("5G基站", 500.0, "个", Role::Target),
            q("5G基站", 200.0, "个", Role::Actual),
            q("上云企业", 360.0, "家", Role::Actual),
        ];
        let found = pairs(
            &quantities,
            &[Said { progress: Progress::Completion, reported: true, sentence: 0, whole: false }; 4],
        );
        let found: Vec<(usize, usize, f64)> = found.iter().map(|p| (p.target, p.actual, p.progress)).collect();
        assert_eq!(found, [(0, 3, 0.45), (1, 2, 0.4)]);
    }

    #[test]
    fn restatements_are_not_progress() {
        let quantities = [
            q("重点项目", 64.0, "个", Role::Target),
            q("投资", 850.0, "元", Role::Target),
            q("重点项目", 64.0, "个", Role::Actual),
            q("投资", 850.0, "元", Role::Target),
            q("投资", 512.6, "元", Role::Actual),
        ];
        let task = Said { progress: Progress::None, reported: false, sentence: 0, whole: false };
        let report = |progress, sentence| Said { progress, reported: true, sentence, whole: false };
        let said = [task, task, report(Progress::None, 1), report(Progress::None, 1), report(Progress::Completion, 2)];
        let found: Vec<(usize, usize)> = pairs(&quantities, &said).iter().map(|p| (p.target, p.actual)).collect();
        assert_eq!(found, [(1, 4)]);
    }

    #[test]
    fn a_restated_target_anchors_the_figure_after_it() {
        // "推动18户传统企业技术改造…" / "18户传统产业企业改造升级5户,13户未完成"
        let quantities = [
            q("传统企业技术改造升级", 18.0, "户", Role::Target),
            q("传统产业企业改造升级", 18.0, "户", Role::Actual),
            q("传统产业企业改造升级", 5.0, "户", Role::Actual),
            q("", 13.0, "户", Role::Actual),
        ];
        let task = Said { progress: Progress::None, reported: false, sentence: 0, whole: false };
        let report = |progress| Said { progress, reported: true, sentence: 1, whole: false };
        let said = [task, report(Progress::None), report(Progress::None), report(Progress::Not)];
        let found: Vec<(usize, usize, PairBasis)> =
            pairs(&quantities, &said).iter().map(|p| (p.target, p.actual, p.basis)).collect();
        assert_eq!(found, [(0, 2, PairBasis::Restated)]);
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
        assert_eq!(similarity("专项债券项目资金支付", "项目资金支付率"), Some(PairBasis::NearNoun));
        assert_eq!(similarity("棚户区改造安置房", "棚改项目"), Some(PairBasis::NearNoun));
        assert_eq!(similarity("闲置厂房改造为保障性租赁住房", "保租房项目"), Some(PairBasis::NearNoun));
        assert_eq!(similarity("棚户区改造安置房", "保租房项目"), None);
        assert_eq!(similarity("上云企业", "5G基站"), None);
    }

    #[test]
    fn a_completion_beats_a_start_when_no_noun_says() {
        let quantities =
            [q("老旧小区", 36.0, "个", Role::Target), q("", 32.0, "个", Role::Actual), q("", 18.0, "个", Role::Actual)];
        let said = |progress| Said { progress, reported: true, sentence: 0, whole: false };
        let found = pairs(&quantities, &[said(Progress::None), said(Progress::Start), said(Progress::Completion)]);
        assert_eq!((found[0].actual, found[0].basis), (2, PairBasis::Unit));
    }
}
