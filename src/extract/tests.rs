//! The stage on small bulletins written for the purpose.

use std::path::Path;

use super::*;
use crate::parse::parse;
use crate::source::Format;

fn facts(text: &str) -> (Document, Facts) {
    let source = SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into());
    let document = parse(&source).output;
    let facts = extract(&source, &document, &UnitBook::default(), &ExtractOptions::default());
    (document, facts)
}

fn roles(item: &ItemFacts) -> Vec<(String, &'static str, Option<String>)> {
    item.quantities.iter().map(|q| (q.text.clone(), q.role.name(), q.noun.clone())).collect()
}

#[test]
fn targets_actuals_and_their_pairs() {
    let (_, facts) = facts(
        "2023年重点工作上半年完成情况\n一、扩大有效需求\n1.实施“上云用数赋智”行动,新增上云企业1600家,新建5G基站1600个。\n落实情况:新开通5G基站580个,新增上云企业710家。\n",
    );
    assert_eq!(facts.period.as_of.map(|d| d.to_string()).as_deref(), Some("2023-06-30"));
    assert_eq!(facts.period.schedule, Some(0.5));
    let item = &facts.items[0];
    assert_eq!(
        roles(item),
        [
            ("1600家".into(), "target", Some("上云企业".into())),
            ("1600个".into(), "target", Some("5G基站".into())),
            ("580个".into(), "actual", Some("5G基站".into())),
            ("710家".into(), "actual", Some("上云企业".into())),
        ]
    );
    let progress: Vec<(String, f64)> = item.pairs.iter().map(|p| (p.noun.clone(), p.progress)).collect();
    assert_eq!(progress, [("上云企业".into(), 0.44375), ("5G基站".into(), 0.3625)]);
}

#[test]
fn ratios_growth_gaps_and_lists() {
    let (_, facts) = facts(
        "一、民生\n1.完成改厕1.6万户。\n落实情况:参保人数分别完成省定任务的99.93%、100.30%、98.68%、100%。完成改厕任务6723户,差目标任务9277户,同比增长11.8%。\n",
    );
    let item = &facts.items[0];
    let by_role = |role: Role| item.quantities.iter().filter(|q| q.role == role).map(|q| q.value).collect::<Vec<_>>();
    assert_eq!(by_role(Role::Ratio), [99.93, 100.30, 98.68, 100.0]);
    assert_eq!(by_role(Role::Gap), [9277.0]);
    assert_eq!(by_role(Role::Growth), [11.8]);
    let pair = &item.pairs[0];
    assert_eq!((item.quantities[pair.target].base_value, item.quantities[pair.actual].base_value), (16000.0, 6723.0));
    assert_eq!(pair.basis, PairBasis::SameNoun, "改厕任务 is 改厕 once 任务 is read as the cue");
}

#[test]
fn ordinals_are_not_quantities() {
    let (_, facts) = facts("一、县政府第5、6次常务会议\n（一）第一个议题，听取汇报。\n确定事项：完成3项。\n");
    let all: Vec<&str> = facts.items[0].quantities.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(all, ["3项"]);
}

#[test]
fn deadlines_take_the_documents_year() {
    let (_, facts) = facts(
        "关于区政府2022年第10次常务会议确定事项落实情况的通报\n一、议题\n1.7月底资金支付率达到100%，8月10日前印发方案，三季度全部开工。\n落实情况：8月9日印发了方案，确保10月底前完成。\n",
    );
    let dates: Vec<String> = facts.items[0].deadlines.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2022-07-31", "2022-08-10", "2022-09-30", "2022-10-31"]);
}

#[test]
fn tallies_add_up_or_say_they_do_not() {
    let (_, facts) = facts(
        "一、整体情况\n从督查情况看,131项工作中,47项已完成,79项有序推进,1存在突出问题,4项需要加大力度。\n确定事项43件，已完成16件，正在办理26件。\n",
    );
    let tallies: Vec<(f64, Vec<f64>, bool)> =
        facts.tallies.iter().map(|t| (t.total, t.parts.iter().map(|p| p.count).collect(), t.consistent)).collect();
    assert_eq!(tallies, [(131.0, vec![47.0, 79.0, 1.0, 4.0], true), (43.0, vec![16.0, 26.0], false)]);
    assert_eq!(facts.tallies[0].parts[0].label, "已完成");
}

#[test]
fn ranks_need_their_cue() {
    let (_, facts) =
        facts("一、进展\n1.重大项目建设。完成投资22.75亿元。全市考核排名第3位。\n2.第三季度开展第2轮检查。\n");
    let ranks: Vec<Vec<f64>> = facts
        .items
        .iter()
        .map(|i| i.quantities.iter().filter(|q| q.role == Role::Rank).map(|q| q.value).collect())
        .collect();
    assert_eq!(ranks, [vec![3.0], vec![]]);
    assert_eq!(facts.items[0].quantities[0].base_value, 2_275_000_000.0);
}
