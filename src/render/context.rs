//! What templates see: one documented view of a bulletin's findings, built
//! for writing a notice, not the domain model. Dates are written as notices
//! write them (2024年10月15日), figures as in the findings. templates/README.md
//! lists every field.

use serde::Serialize;

use super::annex::{AnnexRow, annex};
use super::asks::{Later, add_later, asks, later_said, one_date};
use super::naming::Naming;
use super::problem::{figure, in_report_words, problem};
use crate::date::Date;
use crate::extract::{Facts, State, Tally, UnitRole};
use crate::parse::{Document, Item};
use crate::rules::{Finding, Findings, RuleSet};
use crate::source::SourceText;

/// What a draft is made with besides the bulletin and its findings (whose
/// [`Findings::date`] and [`Findings::reply_by`] the notice is dated and
/// answered by).
#[derive(Clone, Debug, Default)]
pub struct DraftOptions {
    /// The issuing office; else the bulletin's.
    pub issuer: Option<String>,
    /// The notice number (督查通报〔2024〕第9期), `{year}` in it the notice's
    /// year; the template decides what to write without one.
    pub number: Option<String>,
    /// The 主送 line without its colon; else the bulletin's, else 各责任单位.
    pub addressee: Option<String>,
}

/// The whole context of a notice template.
#[derive(Clone, Debug, Serialize)]
pub struct NoticeContext {
    /// The notice itself.
    pub notice: NoticeMeta,
    /// The bulletin it follows.
    pub bulletin: BulletinMeta,
    /// Counts for 总体情况.
    pub summary: Summary,
    /// The levels, most serious first, each with its findings.
    pub levels: Vec<LevelView>,
    /// Units with findings, the most serious first.
    pub units: Vec<UnitView>,
    /// The same units for the notice's paragraphs: units with the very same
    /// problems share one ("区水务局、区委党校、…"), in the order of `units`.
    pub groups: Vec<UnitView>,
    /// The paragraphs of 几点要求: one per group, groups asked one same
    /// thing alone together.
    pub asks: Vec<AskView>,
    /// Every finding, in bulletin order.
    pub findings: Vec<FindingView>,
    /// The rows of the annex 督办事项清单: one per problem, in bulletin order.
    pub annex: Vec<AnnexRow>,
}

/// The notice's own particulars.
#[derive(Clone, Debug, Serialize)]
pub struct NoticeMeta {
    /// 关于…的督办通知.
    pub title: String,
    /// The notice number, or empty.
    pub number: String,
    /// The issuing office.
    pub issuer: String,
    /// The 主送 line without its colon.
    pub addressee: String,
    /// 成文日期: 2024年10月12日.
    pub date: String,
    /// The date replies are due: 2024年10月27日.
    pub deadline: String,
    /// The year of the notice, for numbers such as 〔2024〕.
    pub year: String,
}

/// The bulletin the notice follows.
#[derive(Clone, Debug, Serialize)]
pub struct BulletinMeta {
    /// Its title, or empty.
    pub title: String,
    /// Who issued it, or empty.
    pub issuer: String,
    /// When it was published, or empty.
    pub published: String,
    /// The date its figures stand at, or empty.
    pub as_of: String,
    /// 序时进度 at that date: 75.0%, or empty.
    pub schedule: String,
}

/// Counts of items and findings.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Items in the bulletin.
    pub items: usize,
    /// Items done.
    pub done: usize,
    /// Items in progress.
    pub in_progress: usize,
    /// Items reported behind or short.
    pub shortfall: usize,
    /// Items with no 落实情况.
    pub not_reported: usize,
    /// Plans and requirements.
    pub planned: usize,
    /// Items with findings.
    pub flagged: usize,
    /// Items behind 序时进度 (a pair or a stated ratio).
    pub behind: usize,
    /// Findings.
    pub findings: usize,
    /// The numbers of the items with no 落实情况, in order.
    pub unreported: Vec<String>,
    /// Units with findings.
    pub units: usize,
    /// The bulletin's own count of its items, where it gives one for all of
    /// them ("已完成2项、有序推进7项、进展滞后3项"), else empty.
    pub stated: String,
    /// Whether that count differs from the items' states as duban reads them
    /// (the notice then says both).
    pub stated_differs: bool,
    /// The problems by level, most serious first, levels without any left
    /// out: "红色6个、黄色6个、蓝色2个".
    pub by_level: String,
    /// The items by state as read, states without any left out: "已完成1项、
    /// 正在推进7项、进展滞后3项、未报送落实情况1项（第4项）".
    pub states: String,
    /// The same, each count that the bulletin's own (`stated`) gives
    /// otherwise followed by it: "已完成1项（通报所列2项）、正在推进7项…".
    pub checked: String,
}

/// A level with its findings.
#[derive(Clone, Debug, Serialize)]
pub struct LevelView {
    /// `red`.
    pub id: String,
    /// `红色`.
    pub label: String,
    /// What it means, or empty.
    pub meaning: String,
    /// How many findings are at it.
    pub count: usize,
    /// Its findings, in bulletin order.
    pub findings: Vec<FindingView>,
}

/// A unit with what it is asked to do.
#[derive(Clone, Debug, Serialize)]
pub struct UnitView {
    /// The unit's canonical name.
    pub name: String,
    /// 牵头, 配合 or 责任: how the bulletin names it for these items; item
    /// by item where that differs ("第2、5项牵头，第1项责任").
    pub role: String,
    /// The label of its most serious finding.
    pub level: String,
    /// Its findings, most serious first, then in bulletin order.
    pub findings: Vec<FindingView>,
    /// Its requirement sentences, each once, in the order of its findings.
    pub requirements: Vec<String>,
    /// The numbers of its items, each once, in order.
    pub items: Vec<String>,
    /// Its findings item by item, items in the bulletin's order (findings
    /// about no item last), each item once.
    pub tasks: Vec<TaskView>,
    /// Who the requirements speak to: the name, or 有关单位 for findings
    /// that name no unit.
    pub subject: String,
    /// What it is asked to do, each kind of action once with all its items
    /// ("加快第2项（…）、第5项（…）进度"), the gravest kind first.
    pub actions: Vec<String>,
    /// The `require` sentences of its findings whose rule has no `action`, each once.
    pub unasked: Vec<String>,
    /// Items it is asked to finish by their own later deadline rather than
    /// the reply date: "第1项（…）于2024年12月31日前完成"; empty when `by` says it.
    pub later: Vec<String>,
    /// The one later deadline of every item it is asked about, when they
    /// share one ("2024年12月31日"), else empty.
    pub by: String,
    /// See [`super::asks::Asks::alike`].
    #[serde(skip)]
    alike: Option<(String, String)>,
    #[serde(skip)]
    later_by_date: Later,
    #[serde(skip)]
    asked: Vec<String>,
}

/// `later` as a paragraph says it: the items of each date, or the one date
/// they all share.
fn later_or_by(later: &Later, asked: &[String]) -> (Vec<String>, String) {
    match one_date(later, asked) {
        Some(date) => (Vec::new(), date.chinese()),
        None => (later_said(later), String::new()),
    }
}

/// One paragraph of 几点要求: what one unit, or several units asked the
/// same, are asked.
#[derive(Clone, Debug, Serialize)]
pub struct AskView {
    /// Who is asked: a unit ("县卫健局"), the units of a shared problem
    /// ("县工信局、县商务局"), or units asked the same thing each with its
    /// items ("县工信局（第2项、第5项）、县商务局（第7项）").
    pub subject: String,
    /// As [`UnitView::actions`].
    pub actions: Vec<String>,
    /// As [`UnitView::later`].
    pub later: Vec<String>,
    /// As [`UnitView::by`].
    pub by: String,
    /// As [`UnitView::unasked`].
    pub unasked: Vec<String>,
}

/// The paragraphs of 几点要求, from the notice's `groups`: one per group,
/// except that groups asked one same thing alone share one, where the first
/// of them stands ("县工信局（第2项、第5项）、县商务局（第7项）要加大工作力度，加快上述事项进度").
fn asks_of(groups: &[UnitView]) -> Vec<AskView> {
    let mut paragraphs: Vec<(Option<&str>, Vec<&UnitView>)> = Vec::new();
    for group in groups {
        // Only a unit on its own: "A、B（第1项）" would read as B's item alone.
        let alone = !group.name.contains('、') && group.name != NO_UNIT && group.name != ALL_UNITS;
        let alike = group.alike.as_ref().filter(|_| alone).map(|(action, _)| action.as_str());
        match paragraphs.iter_mut().find(|(a, _)| a.is_some() && *a == alike) {
            Some((_, members)) => members.push(group),
            None => paragraphs.push((alike, vec![group])),
        }
    }
    paragraphs
        .into_iter()
        .map(|(alike, members)| match (alike, members.as_slice()) {
            (Some(action), [_, _, ..]) => {
                let mut later = Later::new();
                members.iter().for_each(|m| add_later(&mut later, &m.later_by_date));
                let asked: Vec<String> = members.iter().flat_map(|m| m.asked.iter().cloned()).collect();
                let (later, by) = later_or_by(&later, &asked);
                AskView {
                    subject: members
                        .iter()
                        .map(|m| {
                            format!("{}（{}）", m.subject, m.alike.as_ref().map_or("", |(_, tasks)| tasks.as_str()))
                        })
                        .collect::<Vec<_>>()
                        .join("、"),
                    actions: vec![action.to_string()],
                    later,
                    by,
                    unasked: Vec::new(),
                }
            }
            _ => AskView {
                subject: members[0].subject.clone(),
                actions: members[0].actions.clone(),
                later: members[0].later.clone(),
                by: members[0].by.clone(),
                unasked: members[0].unasked.clone(),
            },
        })
        .collect()
}

/// One item's findings for one unit.
#[derive(Clone, Debug, Serialize)]
pub struct TaskView {
    /// The item's number, or empty for findings about no item.
    pub number: String,
    /// The item's 简称, or empty.
    pub short: String,
    /// How the notice names it: 第3项（完成2023年12个专项债券项目资金支付）, or empty.
    pub name: String,
    /// How the notice's paragraphs name it here: `name` the first time, then
    /// 第3项 (in `groups`; elsewhere `name`).
    pub said: String,
    /// The label of its most serious finding.
    pub level: String,
    /// Its findings, most serious first, then in bulletin order.
    pub findings: Vec<FindingView>,
}

/// A finding, as a notice quotes it.
#[derive(Clone, Debug, Serialize)]
pub struct FindingView {
    /// The rule's id.
    pub rule: String,
    /// The rule's title.
    pub title: String,
    /// The level's id.
    pub level: String,
    /// The level's label.
    pub level_label: String,
    /// The item's number, or empty.
    pub number: String,
    /// The item's path, or empty.
    pub path: String,
    /// The item's heading, or empty.
    pub item: String,
    /// The item's 简称, or empty.
    pub short: String,
    /// How the notice names the item: 第3项（简称）, or empty.
    pub task: String,
    /// The units, joined by 、.
    pub units: String,
    /// One sentence with the figures.
    pub message: String,
    /// The problem as a notice states it: the report's own words, with the
    /// figure computed from them ("已完成改造2个，正在施工4个，2个未开工（完成25.0%，
    /// 落后序时进度50.0个百分点）"); the message where the words are the figures'.
    pub problem: String,
    /// The words quoted from the bulletin.
    pub evidence: String,
    /// The rule's requirement, rendered.
    pub requirement: String,
    /// Whether `problem` says the report's own words of its item (see
    /// [`in_report_words`]), rather than only duban's ("完成时限8月底前已过").
    #[serde(skip)]
    own_words: bool,
}

/// The title a notice following `title` takes: "关于…落实情况的通报" →
/// "关于…落实情况的督办通知".
pub fn notice_title(title: Option<&str>) -> String {
    let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) else {
        return "关于重点工作任务落实情况的督办通知".to_string();
    };
    let core = title.strip_prefix("关于").unwrap_or(title);
    let core = ["的通报", "的通知", "的报告", "通报"].iter().find_map(|end| core.strip_suffix(end)).unwrap_or(core);
    format!("关于{core}的督办通知")
}

/// The longest 主送 line taken from a bulletin, in characters.
const LONGEST_ADDRESSEE: usize = 40;

/// The 主送 line of the bulletin, if it opens with one ("各乡镇人民政府，县直各部门："),
/// else 各责任单位. A sentence that ends in a colon ("现将有关情况通报如下：") is not one.
fn addressee(document: &Document) -> String {
    document
        .preamble
        .iter()
        .take(3)
        .find_map(|p| p.text.strip_suffix('：').or_else(|| p.text.strip_suffix(':')))
        .filter(|line| {
            let sentence = line.contains('。') || line.ends_with("如下") || line.ends_with("以下");
            line.chars().count() <= LONGEST_ADDRESSEE && !sentence
        })
        .map_or_else(|| "各责任单位".to_string(), str::to_string)
}

impl NoticeContext {
    /// The context for the findings of one bulletin.
    pub fn new(
        source: &SourceText,
        document: &Document,
        facts: &Facts,
        rules: &RuleSet,
        findings: &Findings,
        options: &DraftOptions,
    ) -> NoticeContext {
        let meta = &document.meta;
        let (date, deadline) = (findings.date, findings.reply_by);
        let written = |date: Option<Date>| date.map(Date::chinese).unwrap_or_default();
        let views: Vec<FindingView> =
            findings.findings.iter().map(|f| finding_view(source, document, rules, f)).collect();
        let count = |state: State| facts.items.iter().filter(|i| i.state == state).count();
        let flagged_items = |pick: &dyn Fn(&Finding) -> bool| {
            let mut items: Vec<usize> = findings.findings.iter().filter(|f| pick(f)).filter_map(|f| f.item).collect();
            items.sort_unstable();
            items.dedup();
            items.len()
        };
        let units = addressed(rules, document, facts, findings, &views, each_unit);
        let mut groups = addressed(rules, document, facts, findings, &views, together);
        // An item named before is named by its number, unless its problems here
        // are all in duban's words ("完成时限8月底前已过"): its own name then says what they are about.
        let mut naming = Naming::new(findings);
        for task in groups.iter_mut().flat_map(|g| g.tasks.iter_mut()).filter(|t| !t.name.is_empty()) {
            let own_words = task.findings.iter().any(|f| f.own_words);
            task.said = if own_words { naming.name(&task.name) } else { task.name.clone() };
        }
        let stated = stated_count(facts);
        let year = date.map(|d| d.year.to_string()).unwrap_or_default();
        let unreported: Vec<String> = document
            .items
            .iter()
            .zip(&facts.items)
            .filter(|(_, f)| f.state == State::NotReported)
            .map(|(i, _)| i.numeral.number.clone())
            .collect();
        NoticeContext {
            notice: NoticeMeta {
                title: notice_title(meta.title.as_deref()),
                number: options.number.as_deref().map(|n| n.replace("{year}", &year)).unwrap_or_default(),
                issuer: options.issuer.clone().or_else(|| meta.issuer.clone()).unwrap_or_else(|| "督查室".to_string()),
                addressee: options.addressee.clone().unwrap_or_else(|| addressee(document)),
                date: written(date),
                // "请各责任单位于规定时限前": a notice without a date still reads.
                deadline: deadline.map(Date::chinese).unwrap_or_else(|| "规定时限".to_string()),
                year,
            },
            bulletin: BulletinMeta {
                title: meta.title.clone().unwrap_or_default(),
                issuer: meta.issuer.clone().unwrap_or_default(),
                published: written(meta.published),
                // "12月份" in a bulletin that names no year: the day still says when.
                as_of: facts.period.as_of.map_or_else(
                    || facts.period.day.map(|(month, day)| format!("{month}月{day}日")).unwrap_or_default(),
                    Date::chinese,
                ),
                schedule: facts.period.schedule.map(|s| format!("{}%", figure(s * 100.0))).unwrap_or_default(),
            },
            summary: Summary {
                items: facts.items.len(),
                done: count(State::Done),
                in_progress: count(State::InProgress),
                shortfall: count(State::Shortfall),
                not_reported: count(State::NotReported),
                planned: count(State::Planned),
                flagged: flagged_items(&|_| true),
                behind: flagged_items(&|f| f.values.behind.is_some()),
                findings: findings.findings.len(),
                unreported: unreported.clone(),
                units: units.iter().filter(|u| u.name != NO_UNIT && u.name != ALL_UNITS).count(),
                stated: stated.as_ref().map(|(said, _)| said.clone()).unwrap_or_default(),
                stated_differs: stated.as_ref().is_some_and(|(_, differs)| *differs),
                by_level: by_level(rules, findings),
                states: states(facts, &unreported, None),
                checked: states(facts, &unreported, whole_tally(facts)),
            },
            levels: rules
                .levels
                .iter()
                .enumerate()
                .map(|(index, level)| LevelView {
                    id: level.id.clone(),
                    label: level.label.clone(),
                    meaning: level.meaning.clone().unwrap_or_default(),
                    count: findings.findings.iter().filter(|f| f.level == index).count(),
                    findings: findings
                        .findings
                        .iter()
                        .zip(&views)
                        .filter(|(f, _)| f.level == index)
                        .map(|(_, view)| view.clone())
                        .collect(),
                })
                .collect(),
            asks: asks_of(&groups),
            groups,
            annex: annex(rules, findings, &views),
            units,
            findings: views,
        }
    }
}

fn finding_view(source: &SourceText, document: &Document, rules: &RuleSet, finding: &Finding) -> FindingView {
    let item = finding.item.map(|i| &document.items[i]);
    let level = &rules.levels[finding.level];
    let problem = problem(source, finding, &item.map(Item::short_name).unwrap_or_default());
    FindingView {
        rule: finding.rule.clone(),
        title: finding.title.clone(),
        level: level.id.clone(),
        level_label: level.label.clone(),
        number: item.map(|i| i.numeral.number.clone()).unwrap_or_default(),
        path: item.map(|i| i.path.clone()).unwrap_or_default(),
        item: item.map(|i| i.heading.text.clone()).unwrap_or_default(),
        short: item.map(Item::short_name).unwrap_or_default(),
        task: item.map(|i| format!("第{}项（{}）", i.numeral.number, i.short_name())).unwrap_or_default(),
        units: finding.units.join("、"),
        message: finding.message.clone(),
        problem: problem.clone(),
        own_words: in_report_words(&problem, item.map_or("", |i| source.slice(i.extent()))),
        evidence: source.slice(finding.evidence.clause).to_string(),
        requirement: finding.requirement(rules),
    }
}

/// The bulletin's own count of all its items, as the notice repeats it
/// ("已完成2项、有序推进7项、进展滞后3项"), and whether it differs from the items'
/// states (`done` and `shortfall` as read).
fn stated_count(facts: &Facts) -> Option<(String, bool)> {
    let tally = whole_tally(facts)?;
    let said: Vec<String> = tally.parts.iter().map(|p| format!("{}{}{}", p.label, p.count, tally.unit)).collect();
    let count = |state: State| facts.items.iter().filter(|i| i.state == state).count();
    let differs = [State::Done, State::InProgress, State::Shortfall]
        .into_iter()
        .any(|state| stated_of(tally, state).is_some_and(|stated| stated != count(state)));
    Some((said.join("、"), differs))
}

/// The bulletin's own count of all its items by state ("12项重点任务中，
/// 已完成2项，有序推进7项，进展滞后3项"), if it gives one that adds up.
fn whole_tally(facts: &Facts) -> Option<&Tally> {
    facts.tallies.iter().find(|t| t.consistent && t.unit == "项" && t.total == facts.items.len() as f64)
}

/// How many items `tally` says are in `state`, if it says: a part is of
/// the first state its words name (未完成 is behind, not done).
fn stated_of(tally: &Tally, state: State) -> Option<usize> {
    const WORDS: [(State, &[&str]); 3] = [
        (State::Shortfall, &["滞后", "缓慢", "未完成", "未办结"]),
        (State::Done, &["完成", "办结"]),
        (State::InProgress, &["推进", "进行", "推动", "在建"]),
    ];
    let of = |label: &str| WORDS.iter().find(|(_, words)| words.iter().any(|w| label.contains(w))).map(|(s, _)| *s);
    let parts: Vec<usize> =
        tally.parts.iter().filter(|p| of(&p.label) == Some(state)).map(|p| p.count as usize).collect();
    (!parts.is_empty()).then(|| parts.iter().sum())
}

/// See [`Summary::states`]: the items of `facts` by state, with the
/// numbers of those not reported on, and where `against` is given, after
/// each count the bulletin's own where it differs ("已完成1项（通报所列2项）").
fn states(facts: &Facts, unreported: &[String], against: Option<&Tally>) -> String {
    let count = |state: State| facts.items.iter().filter(|i| i.state == state).count();
    let mut said: Vec<String> =
        [("已完成", State::Done), ("正在推进", State::InProgress), ("进展滞后", State::Shortfall)]
            .iter()
            .filter(|(_, state)| count(*state) > 0 || against.and_then(|t| stated_of(t, *state)).is_some_and(|n| n > 0))
            .map(|(words, state)| match against.and_then(|t| stated_of(t, *state)) {
                Some(stated) if stated != count(*state) => format!("{words}{}项（通报所列{stated}项）", count(*state)),
                _ => format!("{words}{}项", count(*state)),
            })
            .collect();
    if !unreported.is_empty() {
        said.push(format!("未报送落实情况{}项（第{}项）", unreported.len(), unreported.join("、")));
    }
    said.join("、")
}

/// See [`Summary::by_level`].
fn by_level(rules: &RuleSet, findings: &Findings) -> String {
    let count = |index: usize| findings.findings.iter().filter(|f| f.level == index).count();
    let said: Vec<String> = rules
        .levels
        .iter()
        .enumerate()
        .filter(|&(index, _)| count(index) > 0)
        .map(|(index, level)| format!("{}{}个", level.label, count(index)))
        .collect();
    said.join("、")
}

/// The name findings that name no unit are grouped under, in drafts and in
/// `duban check`'s text.
pub const NO_UNIT: &str = "未明确责任单位的事项";

/// Whom a notice addresses findings to when its bulletin names no unit at all.
const ALL_UNITS: &str = "各责任单位";

/// Each unit on its own: a finding goes to every unit it names.
fn each_unit(finding: &Finding) -> Vec<String> {
    finding.units.clone()
}

/// The notice's paragraphs: a problem shared by several units is said once,
/// under all their names ("区发改局、区工信局、区住建局"), a unit's own problems
/// under its name alone.
fn together(finding: &Finding) -> Vec<String> {
    if finding.units.is_empty() { Vec::new() } else { vec![finding.units.join("、")] }
}

/// Findings by whom they are addressed to (`to` names them for a finding):
/// more serious findings first (more red, then more yellow …), then in the
/// order they first appear; findings addressed to no one last, under [`NO_UNIT`].
fn addressed(
    rules: &RuleSet,
    document: &Document,
    facts: &Facts,
    findings: &Findings,
    views: &[FindingView],
    to: impl Fn(&Finding) -> Vec<String>,
) -> Vec<UnitView> {
    let mut order: Vec<(String, Vec<usize>)> = Vec::new();
    let mut unnamed = Vec::new();
    for (index, finding) in findings.findings.iter().enumerate() {
        let names = to(finding);
        if names.is_empty() {
            unnamed.push(index);
        }
        for name in names {
            match order.iter_mut().find(|(known, _)| *known == name) {
                Some((_, picked)) => picked.push(index),
                None => order.push((name, vec![index])),
            }
        }
    }
    let counts = |picked: &[usize]| {
        let mut counts = vec![0usize; rules.levels.len()];
        picked.iter().for_each(|&i| counts[findings.findings[i].level] += 1);
        std::cmp::Reverse(counts)
    };
    order.sort_by_cached_key(|(_, picked)| counts(picked));
    // Findings that name no unit are the item's; the notice speaks to every
    // responsible unit only where the bulletin names no unit at all.
    let names_none = facts.items.iter().all(|i| i.units.is_empty());
    if !unnamed.is_empty() {
        order.push((if names_none { ALL_UNITS } else { NO_UNIT }.to_string(), unnamed));
    }
    order
        .into_iter()
        .map(|(name, mut picked)| {
            picked.sort_by_key(|&i| findings.findings[i].level);
            let mut requirements: Vec<String> = Vec::new();
            let mut items: Vec<String> = Vec::new();
            for &i in &picked {
                // A requirement addressed to several units speaks to this one here.
                let together = &views[i].units;
                let requirement = match views[i].requirement.strip_prefix(together.as_str()) {
                    Some(rest) if !together.is_empty() => format!("{name}{rest}"),
                    _ => views[i].requirement.clone(),
                };
                if !requirements.contains(&requirement) {
                    requirements.push(requirement);
                }
                if !views[i].number.is_empty() && !items.contains(&views[i].number) {
                    items.push(views[i].number.clone());
                }
            }
            let items_of: Vec<usize> = picked.iter().filter_map(|&i| findings.findings[i].item).collect();
            let subject = if name == NO_UNIT { "有关单位" } else { name.as_str() };
            let asks = asks(rules, findings, &picked, subject);
            let (later, by) = later_or_by(&asks.later_by_date, &asks.asked);
            UnitView {
                subject: subject.to_string(),
                actions: asks.actions,
                unasked: asks.unasked,
                later,
                by,
                alike: asks.alike,
                later_by_date: asks.later_by_date,
                asked: asks.asked,
                tasks: tasks(rules, findings, views, &picked),
                role: role(document, facts, &name, &items_of),
                name,
                level: rules.levels[findings.findings[picked[0]].level].label.clone(),
                findings: picked.iter().map(|&i| views[i].clone()).collect(),
                requirements,
                items,
            }
        })
        .collect()
}

/// The findings at `picked` (most serious first), item by item: items in
/// the bulletin's order, findings about no item last.
fn tasks(rules: &RuleSet, findings: &Findings, views: &[FindingView], picked: &[usize]) -> Vec<TaskView> {
    let mut items: Vec<Option<usize>> = picked.iter().map(|&i| findings.findings[i].item).collect();
    items.sort_by_key(|item| item.unwrap_or(usize::MAX));
    items.dedup();
    items
        .into_iter()
        .map(|item| {
            let mine: Vec<usize> = picked.iter().copied().filter(|&i| findings.findings[i].item == item).collect();
            let first = &views[mine[0]];
            TaskView {
                number: first.number.clone(),
                short: first.short.clone(),
                name: first.task.clone(),
                said: first.task.clone(),
                level: rules.levels[findings.findings[mine[0]].level].label.clone(),
                findings: mine.iter().map(|&i| views[i].clone()).collect(),
            }
        })
        .collect()
}

/// How the bulletin names `unit` for `items`: 牵头, 配合 or 责任 where that
/// is the same for all of them, else by role ("第2、5项牵头，第1项责任").
fn role(document: &Document, facts: &Facts, unit: &str, items: &[usize]) -> String {
    let mut items = items.to_vec();
    items.sort_unstable();
    items.dedup();
    let of = |item: usize| {
        facts.items[item].units.iter().find(|u| u.canonical == unit).map_or("责任", |u| match u.role {
            UnitRole::Lead => "牵头",
            UnitRole::Partner => "配合",
            UnitRole::Responsible => "责任",
        })
    };
    let roles: Vec<&str> = items.iter().map(|&i| of(i)).collect();
    match roles.first() {
        None => "责任".to_string(),
        Some(first) if roles.iter().all(|r| r == first) => first.to_string(),
        Some(_) => ["牵头", "责任", "配合"]
            .iter()
            .filter_map(|kind| {
                let numbers: Vec<&str> = items
                    .iter()
                    .zip(&roles)
                    .filter(|(_, role)| *role == kind)
                    .map(|(&i, _)| document.items[i].numeral.number.as_str())
                    .collect();
                (!numbers.is_empty()).then(|| format!("第{}项{kind}", numbers.join("、")))
            })
            .collect::<Vec<_>>()
            .join("，"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_takes_its_title_from_the_bulletin() {
        assert_eq!(notice_title(Some("关于全县重点工作任务落实情况的通报")), "关于全县重点工作任务落实情况的督办通知");
        assert_eq!(notice_title(Some("县政府1-9月重大事项落实情况")), "关于县政府1-9月重大事项落实情况的督办通知");
        assert_eq!(notice_title(None), "关于重点工作任务落实情况的督办通知");
    }
}
