//! What a notice asks of a unit: the rules' actions, each kind once with all
//! its items, and the items asked by a later deadline of their own.

use crate::date::Date;
use crate::rules::{Finding, Findings, RuleSet};

/// What one unit is asked, from its findings.
pub(super) struct Asks {
    pub(super) actions: Vec<String>,
    pub(super) unasked: Vec<String>,
    pub(super) later: Vec<String>,
}

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
        let mut by_item: Vec<&Finding> = of_kind.iter().map(|&i| &findings.findings[i]).collect();
        by_item.sort_by_key(|f| f.item.unwrap_or(usize::MAX));
        let mut tasks: Vec<String> = Vec::new();
        for task in by_item.iter().map(|f| &f.require.tasks).filter(|t| !t.is_empty()) {
            if !tasks.contains(task) {
                tasks.push(task.clone());
            }
        }
        tasks
    };
    // An item is named in full once in a paragraph, then by its number.
    let mut named: Vec<String> = Vec::new();
    let mut name = |task: &String| {
        if named.contains(task) {
            return task
                .split_once('（')
                .filter(|_| task.starts_with('第'))
                .map_or(task.clone(), |(n, _)| n.to_string());
        }
        named.push(task.clone());
        task.clone()
    };
    let actions = kinds
        .iter()
        .filter_map(|(_, of_kind)| {
            let tasks: Vec<String> = tasks_of(of_kind).iter().map(&mut name).collect();
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
    let mut by_date: Vec<(Date, Vec<String>)> = Vec::new();
    for (_, tasks, date) in later {
        let task = name(tasks);
        match by_date.iter_mut().find(|(d, _)| *d == date) {
            Some((_, tasks)) if !tasks.contains(&task) => tasks.push(task),
            Some(_) => {}
            None => by_date.push((date, vec![task])),
        }
    }
    let later =
        by_date.into_iter().map(|(date, tasks)| format!("{}于{}前完成", tasks.join("、"), date.chinese())).collect();
    Asks { actions, unasked, later }
}
