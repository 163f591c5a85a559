//! The stage on small bulletins written for the purpose.

use std::path::Path;

use super::*;
use crate::parse::parse;
use crate::source::Format;

fn facts(text: &str) -> (Document, Facts) {
    let source = SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into());
    let document = parse(&source).output;
    let facts = extract(&source, &document, &Lexicon::default(), &ExtractOptions::default());
    (document, facts)
}

fn roles(item: &ItemFacts) -> Vec<(String, &'static str, Option<String>)> {
    item.quantities.iter().map(|q| (q.text.clone(), q.role.name(), q.noun.clone())).collect()
}

#[test]
fn targets_actuals_and_their_pairs() {
    let (_, facts) = facts(
        "2024年重点工作上半年推进情况\n一、数字经济\n1.推进企业数字化转型,新增上云企业800家,新建5G基站500个。\n落实情况:新开通5G基站200个,新增上云企业360家。\n",
    );
    assert_eq!(facts.period.as_of.map(|d| d.to_string()).as_deref(), Some("2024-06-30"));
    assert_eq!(facts.period.schedule, Some(0.5));
    let item = &facts.items[0];
    assert_eq!(
        roles(item),
        [
            ("800家".into(), "target", Some("上云企业".into())),
            ("500个".into(), "target", Some("5G基站".into())),
            ("200个".into(), "actual", Some("5G基站".into())),
            ("360家".into(), "actual", Some("上云企业".into())),
        ]
    );
    let progress: Vec<(String, f64)> = item.pairs.iter().map(|p| (p.noun.clone(), p.progress)).collect();
    assert_eq!(progress, [("上云企业".into(), 0.45), ("5G基站".into(), 0.4)]);
}

#[test]
fn ratios_growth_gaps_and_lists() {
    let (_, facts) = facts(
        "一、社会事业\n1.完成改厕2.4万户。\n落实情况:医保参保人数分别完成年度任务的98.5%、101.2%、99.06%、100%。完成改厕任务9870户,差目标任务14130户,同比增长7.4%。\n",
    );
    let item = &facts.items[0];
    let by_role = |role: Role| item.quantities.iter().filter(|q| q.role == role).map(|q| q.value).collect::<Vec<_>>();
    assert_eq!(by_role(Role::Ratio), [98.5, 101.2, 99.06, 100.0]);
    assert_eq!(by_role(Role::Gap), [14130.0]);
    assert_eq!(by_role(Role::Growth), [7.4]);
    let pair = &item.pairs[0];
    assert_eq!((item.quantities[pair.target].base_value, item.quantities[pair.actual].base_value), (24000.0, 9870.0));
    assert_eq!(pair.basis, PairBasis::SameNoun, "改厕任务 is 改厕 once 任务 is read as the cue");
}

#[test]
fn ordinals_are_not_quantities() {
    let (_, facts) = facts("一、镇政府第8、9次党政联席会议\n（一）第一个议题，听取汇报。\n确定事项：完成4项。\n");
    let all: Vec<&str> = facts.items[0].quantities.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(all, ["4项"]);
}

#[test]
fn deadlines_take_the_documents_year() {
    let (_, facts) = facts(
        "关于县政府2021年第7次常务会议确定事项落实情况的通报\n一、议题\n1.6月底资金拨付率达到100%，9月15日前出台办法，四季度全部开工。\n落实情况：9月12日出台了办法，确保11月底前完成。\n",
    );
    let dates: Vec<String> = facts.items[0].deadlines.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2021-06-30", "2021-09-15", "2021-12-31", "2021-11-30"]);
}

#[test]
fn tallies_add_up_or_say_they_do_not() {
    let (_, facts) = facts(
        "一、总体情况\n从督查情况看,96项工作中,58项已完成,33项有序推进,2存在明显短板,3项需要加快进度。\n确定事项38件，已完成14件，正在办理21件。\n",
    );
    let tallies: Vec<(f64, Vec<f64>, bool)> =
        facts.tallies.iter().map(|t| (t.total, t.parts.iter().map(|p| p.count).collect(), t.consistent)).collect();
    assert_eq!(tallies, [(96.0, vec![58.0, 33.0, 2.0, 3.0], true), (38.0, vec![14.0, 21.0], false)]);
    assert_eq!(facts.tallies[0].parts[0].label, "已完成");
    // Counts of what the total leaves out are no breakdown of it.
    let (_, left_out) =
        self::facts("一、总体情况\n全年任务120项中，产值等7项指标以及能耗等3项指标未做季度统计，其余正常推进。\n");
    assert!(left_out.tallies.is_empty(), "{:?}", left_out.tallies);
    // A number in a name ("1+3"清单) is not a count.
    let (_, named) = self::facts("一、总体情况\n完成的29项任务中，包括全面公布“1+3”清单、推行河长制。\n");
    assert!(named.tallies.is_empty(), "{:?}", named.tallies);
}

#[test]
fn ranks_need_their_cue() {
    let (_, facts) = facts("一、进展\n1.园区建设。完成投资13.48亿元。全市考核排名第6位。\n2.第四季度开展第3轮检查。\n");
    let ranks: Vec<Vec<f64>> = facts
        .items
        .iter()
        .map(|i| i.quantities.iter().filter(|q| q.role == Role::Rank).map(|q| q.value).collect())
        .collect();
    assert_eq!(ranks, [vec![6.0], vec![]]);
    assert_eq!(facts.items[0].quantities[0].base_value, 1_348_000_000.0);
}

#[test]
fn rates_listed_unit_by_unit() {
    let (_, found) = facts(
        "截至6月30日，全市共完成农村道路硬化任务820公里，完成率为55.2%。各县区完成率分别为：青岚县76.4%、白石县28.9%、云溪区58.8%、北川自治州45%。\n",
    );
    let rates: Vec<(&str, f64, &str)> =
        found.rates.iter().map(|r| (r.unit.canonical.as_str(), r.percent, r.measure.as_str())).collect();
    assert_eq!(
        rates,
        [
            ("青岚县", 76.4, "完成率"),
            ("白石县", 28.9, "完成率"),
            ("云溪区", 58.8, "完成率"),
            ("北川自治州", 45.0, "完成率")
        ]
    );
}

#[test]
fn rates_whose_entries_say_what_they_are() {
    let (_, found) = facts("青岚县完成率为76.4%，白石县完成率为28.9%，云溪区完成率达58.8%。\n");
    let rates: Vec<(&str, &str)> = found.rates.iter().map(|r| (r.unit.name.as_str(), r.measure.as_str())).collect();
    assert_eq!(rates, [("青岚县", "完成率"), ("白石县", "完成率"), ("云溪区", "完成率")]);
}

#[test]
fn rates_that_are_no_progress_or_no_list_are_not_read() {
    for text in [
        // Growth, not progress on a task.
        "各县区地区生产总值增速分别为：青岚县5.2%、白石县6.1%、云溪区4.8%。\n",
        // Two units are a comparison, not a list.
        "各县区完成率分别为：青岚县76.4%、白石县28.9%。\n",
        // No word of progress before the list.
        "各县区参保率：青岚县96.4%、白石县98.9%、云溪区97.8%。\n",
    ] {
        assert!(facts(text).1.rates.is_empty(), "{text}");
    }
}

#[test]
fn the_words_of_progress_are_the_offices() {
    // An office that writes 推进率 says so in its phrase file.
    let text = "各县区推进率分别为：青岚县76.4%、白石县28.9%、云溪区58.8%。\n";
    assert!(facts(text).1.rates.is_empty());
    let own = DEFAULT_PHRASES.replace("progress_words: [完成率,", "progress_words: [推进率, 完成率,");
    let lexicon = Lexicon { phrases: PhraseBook::from_yaml(&own).unwrap(), ..Lexicon::default() };
    let source = SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into());
    let document = parse(&source).output;
    let rates = extract(&source, &document, &lexicon, &ExtractOptions::default()).rates;
    let read: Vec<(&str, &str)> = rates.iter().map(|r| (r.unit.canonical.as_str(), r.measure.as_str())).collect();
    assert_eq!(read, [("青岚县", "推进率"), ("白石县", "推进率"), ("云溪区", "推进率")]);
}
