//! What a notice asks of a unit: the rules' actions, each kind once with all
//! its items, and the items asked by a later deadline of their own.

use super::naming::Naming;
use crate::date::Date;
use crate::rules::{Finding, Findings, RuleSet};

/// What one unit is asked, from its findings.
pub(super) struct Asks {
    pub(super) actions: Vec<String>,
    pub(super) unasked: Vec<String>,
    /// Items asked by a later deadline of their own, by date.
    pub(super) later_by_date: Later,
    /// When it is asked one kind of thing alone: that action said of
    /// [`THOSE_TASKS`], and its tasks ("第2项、第5项"). Units asked the same
    /// are asked in one paragraph.
    pub(super) alike: Option<(String, String)>,
    /// Every item it is asked about, as named.
    pub(super) asked: Vec<String>,
}

/// Items asked by a later deadline of their own, those of one date together.
pub(super) type Later = Vec<(Date, Vec<String>)>;

/// `later` as a notice says it: "第1项、第3项于2024年12月31日前完成".
pub(super) fn later_said(later: &Later) -> Vec<String> {
    later.iter().map(|(date, tasks)| format!("{}于{}前完成", tasks.join("、"), date.chinese())).collect()
}

/// The one date `later` gives when it gives it for every item `asked`
/// ("…，于2024年12月31日前完成", not "其中第1项于…" of a paragraph about 第1项 alone).
pub(super) fn one_date(later: &Later, asked: &[String]) -> Option<Date> {
    match later.as_slice() {
        [(date, tasks)] if asked.iter().all(|t| tasks.contains(t)) => Some(*date),
        _ => None,
    }
}

/// `into` with the items of `more` added, date by date.
pub(super) fn add_later(into: &mut Later, more: &Later) {
    for (date, tasks) in more {
        match into.iter_mut().find(|(d, _)| d == date) {
            Some((_, known)) => known.extend(tasks.iter().filter(|t| !known.contains(t)).cloned().collect::<Vec<_>>()),
            None => into.push((*date, tasks.clone())),
        }
    }
}

/// How an action asked of several units, each for its own items, names the
/// items: they are named after each unit ("县工信局（第2项、第5项）、县商务局（第7项）要…").
pub(super) const THOSE_TASKS: &str = "上述事项";

/// The actions of the findings at `picked` (most serious first), each kind
/// once with the tasks of all its findings, in the bulletin's order.
pub(super) fn asks(rules: &RuleSet, findings: &Findings, picked: &[usize], subject: &str) -> Asks {
    let action_of = |i: usize| {
        let finding = &findings.findings[i];
        rules.rules.iter().find(|r| r.id == finding.rule).and_then(|r| r.action.clone())
    };
    let mut kinds: Vec<(String, Vec<usize>)> = Vec::new();
    let mut unasked: Vec<String> = Vec::new();
    for &i in picked {
        match action_of(i) {
            Some(kind) => match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, of_kind)) => of_kind.push(i),
                None => kinds.push((kind, vec![i])),
            },
            None => {
                let requirement = findings.findings[i].requirement(rules);
                if !unasked.contains(&requirement) {
                    unasked.push(requirement);
                }
            }
        }
    }
    let tasks_of = |of_kind: &[usize]| {
        let mut tasks: Vec<&String> = in_item_order(findings, of_kind).map(|f| &f.require.tasks).collect();
        tasks.dedup();
        tasks.into_iter().cloned().collect::<Vec<_>>()
    };
    // 存在问题 has named each item in full: here an item is named by its
    // number, unless another item of the notice has the same number.
    let mut naming = Naming::all_said(findings);
    let mut name = |task: &String| naming.name(task);
    let mut named_tasks: Vec<Vec<String>> = Vec::new();
    let actions = kinds
        .iter()
        .filter_map(|(_, of_kind)| {
            let tasks: Vec<String> = tasks_of(of_kind).iter().map(&mut name).collect();
            named_tasks.push(tasks.clone());
            findings.findings[of_kind[0]].action(rules, subject, &tasks)
        })
        .collect();
    // Items asked by a later deadline of their own, those of one date together.
    let mut later: Vec<(Option<usize>, &String, Date)> = picked
        .iter()
        .map(|&i| &findings.findings[i])
        .filter_map(|f| Some((f.item, &f.require.tasks, f.asked_by?)))
        .filter(|(_, tasks, asked_by)| !tasks.is_empty() && findings.reply_by.is_some_and(|reply| *asked_by > reply))
        .collect();
    later.sort_by_key(|(item, _, _)| item.unwrap_or(usize::MAX));
    let mut by_date: Later = Vec::new();
    for (_, tasks, date) in later {
        let task = name(tasks);
        match by_date.iter_mut().find(|(d, _)| *d == date) {
            Some((_, tasks)) if !tasks.contains(&task) => tasks.push(task),
            Some(_) => {}
            None => by_date.push((date, vec![task])),
        }
    }
    let alike = match (kinds.as_slice(), named_tasks.as_slice()) {
        ([(_, of_kind)], [tasks]) if unasked.is_empty() && !tasks.is_empty() => {
            alike_action(rules, findings, of_kind, subject, tasks, &mut Naming::all_said(findings))
        }
        _ => None,
    };
    let mut asked: Vec<String> = Vec::new();
    for task in named_tasks.concat() {
        if !asked.contains(&task) {
            asked.push(task);
        }
    }
    Asks { actions, unasked, later_by_date: by_date, alike, asked }
}

/// The findings at `picked`, in the bulletin's order of items, those of one
/// item together and without a task dropped.
fn in_item_order<'a>(findings: &'a Findings, picked: &[usize]) -> impl Iterator<Item = &'a Finding> {
    let mut by_item: Vec<&Finding> = picked.iter().map(|&i| &findings.findings[i]).collect();
    by_item.sort_by_key(|f| f.item.unwrap_or(usize::MAX));
    by_item.into_iter().filter(|f| !f.require.tasks.is_empty())
}

/// [`Asks::alike`] for a unit asked one kind of thing, about the findings
/// `of_kind` and their `tasks` as named. An action that names what its
/// figure measures ("说明第3项城东小学项目资金支付率未达到100%的原因") is
/// said without it, the thing going with the unit's items instead
/// ("县水利局（第3项城乡供水一体化项目资金支付率）、县教育局（第3项城东小学项目资金支付率）要说明上述事项未达到100%的原因"):
/// units asked the same of different things are asked in one paragraph.
fn alike_action(
    rules: &RuleSet,
    findings: &Findings,
    of_kind: &[usize],
    subject: &str,
    tasks: &[String],
    naming: &mut Naming,
) -> Option<(String, String)> {
    let first = &findings.findings[of_kind[0]];
    let those = [THOSE_TASKS.to_string()];
    let with_noun = first.action(rules, subject, &those)?;
    let without = first.action_without_noun(rules, subject, &those)?;
    if with_noun == without {
        return Some((with_noun, tasks.join("、")));
    }
    let mut things: Vec<String> = Vec::new();
    for finding in in_item_order(findings, of_kind) {
        let thing = format!("{}{}", naming.name(&finding.require.tasks), finding.require.noun);
        if !things.contains(&thing) {
            things.push(thing);
        }
    }
    Some((without, things.join("、")))
}
