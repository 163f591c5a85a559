//! Findings grouped into problems: one per (unit, item, fact), the gravest
//! finding keeping the others in its `superseded`.

use super::finding::Finding;
use super::model::RuleSet;
use crate::source::SourceText;

/// One finding per problem: of the findings on one clause of one item for
/// the same units (their quoted words overlap), the one that says it best
/// keeps the others in its `superseded` ("差1140户" and "完成1860户…低于序时进度"
/// are one shortfall). `findings` are in item order; each item's are compared
/// among themselves only, so a bulletin of many items costs no more than its items.
pub(super) fn problems(rules: &RuleSet, source: &SourceText, findings: Vec<(usize, Finding)>) -> Vec<(usize, Finding)> {
    let mut out: Vec<(usize, Finding)> = Vec::new();
    let mut of_item: Vec<(usize, Finding)> = Vec::new();
    for finding in findings {
        if of_item.first().is_some_and(|(_, f)| f.item != finding.1.item) {
            out.extend(one_item(rules, source, std::mem::take(&mut of_item)));
        }
        of_item.push(finding);
    }
    out.extend(one_item(rules, source, of_item));
    out
}

/// Whether two findings' quoted words overlap, on one item.
fn overlap(a: &Finding, b: &Finding) -> bool {
    let (x, y) = (a.evidence.clause, b.evidence.clause);
    a.item.is_some() && a.item == b.item && x.start < y.end && y.start < x.end
}

/// [`problems`] for the findings of one item.
fn one_item(rules: &RuleSet, source: &SourceText, findings: Vec<(usize, Finding)>) -> Vec<(usize, Finding)> {
    // Findings about no item are each their own problem.
    if findings.first().is_none_or(|(_, f)| f.item.is_none()) {
        return findings;
    }
    // The better of two findings on one problem: graver, then superseding, then with figures.
    let rank = |(r, f): &(usize, Finding), others: &[(usize, Finding)]| {
        let supersedes = others.iter().filter(|(o, _)| rules.rules[*r].supersedes.contains(o)).count();
        let figures = f.values.target.is_some() && f.values.actual.is_some();
        (f.level, std::cmp::Reverse(supersedes), !figures, *r)
    };
    let mut groups: Vec<Vec<(usize, Finding)>> = Vec::new();
    for finding in findings {
        let same = |group: &&mut Vec<(usize, Finding)>| {
            let (first, next) = (&group[0].1, &finding.1);
            (overlap(first, next) || same_thing(source, first, next)) && first.units == next.units
        };
        match groups.iter_mut().find(same) {
            Some(group) => group.push(finding),
            None => groups.push(vec![finding]),
        }
    }
    let kept = groups
        .into_iter()
        .map(|mut group| {
            let best = (0..group.len()).min_by_key(|&i| rank(&group[i], &group)).unwrap_or(0);
            let (r, mut keeper) = group.remove(best);
            keeper.superseded = group.into_iter().map(|(_, f)| f).collect();
            (r, keeper)
        })
        .collect();
    told_unit_by_unit(kept)
}

/// Drops a finding for several units whose every unit has its own finding,
/// as grave or graver, on the same words ("A负责的…54.72%，B负责的…22.9%，均未达到
/// 100%" is A's and B's own rates, told to each): it goes under the first.
///
/// So does a shared finding about the item's time alone (its deadline
/// passed, no figures) whose every unit is told of the item as gravely by
/// another finding: "第1项时限已过" for seventeen units each already told in
/// red what of item 1 is behind adds nothing but the seventeen names.
fn told_unit_by_unit(mut findings: Vec<(usize, Finding)>) -> Vec<(usize, Finding)> {
    let mut index = 0;
    while index < findings.len() {
        let shared = &findings[index].1;
        let of_time = shared.values.deadline.is_some() && shared.values.actual.is_none();
        let own = |unit: &String| {
            findings.iter().enumerate().position(|(at, (_, f))| {
                let same_words = f.units == [unit.clone()] && overlap(f, shared);
                let same_item = of_time && at != index && f.item == shared.item && f.units.contains(unit);
                f.level <= shared.level && (same_words || same_item)
            })
        };
        let owners: Vec<Option<usize>> = shared.units.iter().map(own).collect();
        match owners.first() {
            Some(&Some(first)) if shared.units.len() > 1 && owners.iter().all(Option::is_some) => {
                let (_, told) = findings.remove(index);
                let first = if first > index { first - 1 } else { first };
                findings[first].1.superseded.push(told);
            }
            _ => index += 1,
        }
    }
    findings
}

/// The fewest characters of a name two clauses must share to be about one
/// thing ("天兵科技航天器动力试验基地…项目" in a task's deadline and in its
/// 落实情况): longer than the words reports use of many things
/// ("建设项目资金支付率", nine).
const NAMED_THING: usize = 10;

/// Whether two findings on one item quote clauses that name one same thing:
/// a run of [`NAMED_THING`] characters, with neither digits nor punctuation
/// nor the name of one of `a`'s units, in both.
fn same_thing(source: &SourceText, a: &Finding, b: &Finding) -> bool {
    if a.item.is_none() || a.item != b.item {
        return false;
    }
    // The units' names are no thing: "王益经济技术开发区管委会负责的…" heads many.
    let unnamed =
        |span| a.units.iter().fold(source.slice(span).to_string(), |text, unit| text.replace(unit.as_str(), "，"));
    let (x, y) = (unnamed(a.evidence.clause), unnamed(b.evidence.clause));
    let chars: Vec<char> = x.chars().collect();
    let wordy = |c: &char| {
        !c.is_ascii_digit()
            && !c.is_ascii_punctuation()
            && !crate::text::is_space(*c)
            && !"，。；：（）、“”％".contains(*c)
    };
    chars.windows(NAMED_THING).any(|run| run.iter().all(wordy) && y.contains(&run.iter().collect::<String>()))
}
