//! Rules over small bulletins written here: the hit policy, `supersedes`,
//! `applies_to`, figures under `all`, duplicates and tallies.

use std::path::{Path, PathBuf};

use super::*;
use crate::extract::{ExtractOptions, Lexicon, extract};
use crate::parse::parse;
use crate::source::{Format, SourceText};

fn load(text: &str) -> Result<RuleSet, RulesError> {
    RuleSet::from_files(vec![(PathBuf::from("r.yaml"), text.to_string())])
}

/// The findings of `rules` on `bulletin`, as `(path, rule, level label,
/// units)`; a finding another says the problem for is listed after it, as
/// `rule (in keeper)`.
fn check(rules: &RuleSet, bulletin: &str, as_of: &str) -> Vec<(String, String, String, Vec<String>)> {
    let source = SourceText::new(Path::new("b.txt"), Format::Text, "UTF-8", String::new(), bulletin.into());
    let document = parse(&source).output;
    let options = ExtractOptions { as_of: Some(as_of.parse().unwrap()) };
    let facts = extract(&source, &document, &Lexicon::default(), &options);
    let findings = evaluate(rules, &source, &document, &facts, &CheckOptions::default());
    findings
        .findings
        .into_iter()
        .flat_map(|f| {
            let keeper = f.rule.clone();
            let also = f.superseded.clone().into_iter().map(move |mut a| {
                a.rule = format!("{} (in {keeper})", a.rule);
                a
            });
            std::iter::once(f).chain(also)
        })
        .map(|f| {
            let path = f.item.map_or("-".to_string(), |i| document.items[i].path.clone());
            (path, f.rule, rules.levels[f.level].label.clone(), f.units)
        })
        .collect()
}

const BULLETIN: &str = "\
一、重点项目
1.新建村级文化广场20个。（牵头单位：县文旅局）
落实情况：已建成8个，另有5个未开工，进展较慢。
2.完成河道清淤30公里。（牵头单位：县水利局）
落实情况：已完成清淤27公里，资金支付率为60%。
二、民生实事
3.新增养老床位400张。（牵头单位：县民政局）
落实情况：按计划推进中，已协调落实用地，完成项目立项、初步设计和施工招标等前期工作。
4.改造农村危房120户。（牵头单位：县住建局）
落实情况：按计划推进中，已协调落实用地，完成项目立项、初步设计和施工招标等前期工作。
5.年底前建成县城污水处理厂。（牵头单位：县城管局）
";

#[test]
fn the_built_in_rules_load_with_their_levels() {
    let rules = RuleSet::embedded();
    assert_eq!(rules.levels.iter().map(|l| l.label.as_str()).collect::<Vec<_>>(), ["红色", "黄色", "蓝色"]);
    assert_eq!(rules.rules.len(), 16);
    assert!(load("rules: []\n").unwrap().rules.is_empty());
}

#[test]
fn the_default_rules_on_a_small_bulletin() {
    let found = check(&RuleSet::embedded(), BULLETIN, "2024-06-30");
    let rules: Vec<(&str, &str)> = found.iter().map(|(p, r, _, _)| (p.as_str(), r.as_str())).collect();
    // 8 of 20 at half year: 10 points behind, yellow; 未开工 hides 进展较慢;
    // 未开工 in the same clause is the same problem, said with figures by behind-schedule.
    assert!(rules.contains(&("一/1", "behind-schedule")), "{found:?}");
    assert!(rules.contains(&("一/1", "not-started (in behind-schedule)")), "{found:?}");
    assert!(!rules.contains(&("一/1", "slow-progress")), "{found:?}");
    assert!(found.iter().any(|(p, r, level, _)| p == "一/1" && r == "behind-schedule" && level == "黄色"));
    // 27 of 30 is ahead of 50%.
    assert!(!rules.contains(&("一/2", "behind-schedule")), "{found:?}");
    assert!(rules.contains(&("二/3", "duplicate-report")) && rules.contains(&("二/4", "duplicate-report")));
    assert!(rules.contains(&("二/5", "not-reported")), "{found:?}");
    let units = &found.iter().find(|(p, r, _, _)| p == "二/5" && r == "not-reported").unwrap().3;
    assert_eq!(units, &["县城管局"]);
}

#[test]
fn all_asks_the_same_figure_to_hold_every_figure_predicate() {
    let rules = |second: &str| {
        load(&format!(
            "rules:\n  - id: r\n    level: red\n    title: t\n    require: x\n    when:\n      all:\n        \
             - quantity: {{noun: 资金支付率, below: 80}}\n        - quantity: {second}\n"
        ))
        .unwrap()
    };
    // 27公里 is above 20 and 60% below 80, but no one figure is both.
    assert!(check(&rules("{noun: 清淤, above: 20}"), BULLETIN, "2024-06-30").is_empty());
    let found = check(&rules("{role: actual, above: 50}"), BULLETIN, "2024-06-30");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].3.as_slice()), ("一/2", &["县水利局".to_string()][..]));
}

#[test]
fn applies_to_limits_a_rule_by_heading_or_path() {
    let rule = |applies_to: &str| {
        load(&format!(
            "rules:\n  - id: r\n    level: blue\n    title: t\n    require: x\n    when: {{state: [in_progress, shortfall, not_reported, unknown, done]}}\n    applies_to: {applies_to}\n"
        ))
        .unwrap()
    };
    let paths = |rules: &RuleSet| check(rules, BULLETIN, "2024-06-30").into_iter().map(|f| f.0).collect::<Vec<_>>();
    assert_eq!(paths(&rule("[民生]")), ["二/3", "二/4", "二/5"]);
    assert_eq!(paths(&rule("[一/1, \"二/(3)\"]")), ["一/1"]);
    assert_eq!(paths(&rule("[二/3]")), ["二/3"]);
}

#[test]
fn a_rule_hides_the_findings_it_supersedes_only_on_its_own_item() {
    let rules = load(
        "rules:\n  - id: lag\n    level: blue\n    title: t\n    require: x\n    when: {text: [进展较慢, 按计划推进]}\n  \
         - id: stop\n    level: red\n    title: t\n    require: x\n    when: {text: 未开工}\n    supersedes: [lag]\n",
    )
    .unwrap();
    let found: Vec<(String, String)> =
        check(&rules, BULLETIN, "2024-06-30").into_iter().map(|(p, r, _, _)| (p, r)).collect();
    let pairs: Vec<(&str, &str)> = found.iter().map(|(p, r)| (p.as_str(), r.as_str())).collect();
    assert_eq!(pairs, [("一/1", "stop"), ("二/3", "lag"), ("二/4", "lag")]);
}

#[test]
fn a_tally_that_does_not_add_up_is_a_finding_on_the_bulletin() {
    let bulletin = "截至6月底，全县20项重点任务中，已完成8项，正在推进9项，进展滞后2项。\n一、重点任务\n1.新建公园2个。\n落实情况：已完成。\n";
    let found = check(&RuleSet::embedded(), bulletin, "2024-06-30");
    assert!(found.iter().any(|(p, r, _, _)| p == "-" && r == "tally-mismatch"), "{found:?}");
    let adds_up = bulletin.replace("进展滞后2项", "进展滞后3项");
    assert!(!check(&RuleSet::embedded(), &adds_up, "2024-06-30").iter().any(|f| f.1 == "tally-mismatch"));
}

#[test]
fn grades_put_the_points_behind_in_their_band() {
    let grading = Grading::Graded(vec![
        Band { level: 2, limit: Some(Limit::Under(10.0)) },
        Band { level: 1, limit: Some(Limit::UpTo(30.0)) },
        Band { level: 0, limit: None },
    ]);
    let levels: Vec<usize> = [0.1, 9.9, 10.0, 30.0, 30.1].iter().map(|b| grading.level(Some(*b))).collect();
    assert_eq!(levels, [2, 2, 1, 1, 0]);
}

#[test]
fn the_reference_lists_every_variable_a_requirement_can_use() {
    let reference = include_str!("../../docs/rules.md");
    for (name, _) in VARIABLES {
        assert!(reference.contains(&format!("| `{name}` |")), "docs/rules.md does not list `{name}`");
    }
}

#[test]
fn requirements_ask_by_the_items_next_deadline_else_the_reply_date() {
    let source = SourceText::new(Path::new("b.txt"), Format::Text, "UTF-8", String::new(), BULLETIN.into());
    let document = parse(&source).output;
    let options = ExtractOptions { as_of: Some("2024-06-30".parse().unwrap()) };
    let facts = extract(&source, &document, &Lexicon::default(), &options);
    let findings = evaluate(&RuleSet::embedded(), &source, &document, &facts, &CheckOptions::default());
    assert_eq!(findings.reply_by, "2024-07-15".parse().ok());
    let requirement = |rule: &str| {
        findings
            .findings
            .iter()
            .flat_map(|f| std::iter::once(f).chain(&f.superseded))
            .find(|f| f.rule == rule)
            .map(|f| f.requirement(&RuleSet::embedded()))
            .unwrap_or_default()
    };
    assert_eq!(
        requirement("not-reported"),
        "县城管局要于2024年7月15日前报送第5项“年底前建成县城污水处理厂”的落实情况，逾期未报送的予以通报。"
    );
    assert!(requirement("not-started").starts_with("县文旅局要倒排工期"), "{}", requirement("not-started"));
    assert!(requirement("not-started").contains("于2024年7月15日前开工建设"), "{}", requirement("not-started"));
    let own = load("rules:\n  - id: r\n    level: red\n    title: t\n    when: {state: not_reported}\n    require: \"{{ deadline }}\"\n")
        .unwrap();
    let findings = evaluate(&own, &source, &document, &facts, &CheckOptions::default());
    assert_eq!(findings.findings[0].requirement(&own), "2024年12月31日", "item 5 is due 年底前");
}

#[test]
fn findings_on_one_clause_are_one_problem() {
    let bulletin = "\
1.完成农村户厕改造3000户。（牵头单位：县农业农村局）
落实情况：完成改造1860户，差目标任务1140户。
2.新建公厕100座。（牵头单位：县城管局）
落实情况：已建成40座。城东片区距目标还差20座。
";
    let found = check(&RuleSet::embedded(), bulletin, "2024-09-30");
    let on = |path: &str| found.iter().filter(|(p, ..)| p == path).map(|(_, r, ..)| r.as_str()).collect::<Vec<_>>();
    // The gap and the pace are one shortfall, said with its figures.
    assert_eq!(on("1"), ["behind-schedule", "below-target (in behind-schedule)"], "{found:?}");
    // Two clauses, two problems.
    assert!(on("2").contains(&"behind-schedule") && on("2").contains(&"below-target"), "{found:?}");
}

#[test]
fn a_shortfall_shared_in_words_is_told_to_each_unit_by_its_own_figure() {
    let bulletin = "\
1.8月底前完成专项债券项目资金支付。（牵头单位：县财政局）
落实情况：县住建局负责的老旧小区改造项目资金支付率为63.5%，县水利局负责的供水项目资金支付率为48.2%，2个项目未达到100%。
";
    let found = check(&RuleSet::embedded(), bulletin, "2024-09-30");
    let kept: Vec<(&str, &[String])> =
        found.iter().filter(|(_, r, ..)| !r.contains(" (in ")).map(|(_, r, _, u)| (r.as_str(), u.as_slice())).collect();
    // Each unit its own rate; the sentence that speaks for both is under the first.
    assert!(kept.contains(&("short-at-deadline", &["县住建局".to_string()][..])), "{found:?}");
    assert!(kept.contains(&("short-at-deadline", &["县水利局".to_string()][..])), "{found:?}");
    assert!(kept.iter().all(|(_, units)| units.len() == 1), "{found:?}");
    assert!(found.iter().any(|(_, r, ..)| r == "below-target (in short-at-deadline)"), "{found:?}");
}

/// A task's deadline and its 落实情况 that name one same project are one
/// problem: the overdue keeps it, the project "未完成" goes under it.
#[test]
fn a_deadline_and_a_status_naming_one_project_are_one_problem() {
    let bulletin = "一、招商引资\n1.7月底前签约落地青岚山新能源汽车配件产业园项目。（牵头单位：县商务局）\n\
                    落实情况：青岚山新能源汽车配件产业园项目因用地问题未完成签约。\n";
    let found = check(&RuleSet::embedded(), bulletin, "2024-09-30");
    let rules: Vec<&str> = found.iter().map(|(_, rule, _, _)| rule.as_str()).collect();
    assert_eq!(rules, ["overdue", "not-achieved (in overdue)"], "{found:?}");
}

/// A deadline shared by units each already told in red of the item goes
/// under theirs; one a unit is told of by nothing else stays.
#[test]
fn a_shared_deadline_goes_under_findings_as_grave() {
    let told = "一、项目建设\n1.三季度完成县级重点项目20个。\n责任单位：县发改局、县工信局\n\
                落实情况：县发改局负责的10个项目完成2个；县工信局负责的10个项目完成1个。\n";
    let found = check(&RuleSet::embedded(), told, "2024-10-15");
    assert!(found.iter().any(|(_, rule, _, _)| rule == "overdue (in behind-schedule)"), "{found:?}");
    assert!(!found.iter().any(|(_, rule, _, _)| rule == "overdue"), "{found:?}");
    let untold = "一、项目建设\n1.三季度完成县级重点项目20个。\n责任单位：县发改局、县工信局\n\
                  落实情况：县发改局负责的10个项目完成2个。\n";
    let found = check(&RuleSet::embedded(), untold, "2024-10-15");
    assert!(found.iter().any(|(_, rule, _, units)| rule == "overdue" && units.len() == 2), "{found:?}");
}
