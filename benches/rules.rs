//! Rule evaluation: `cargo bench --bench rules`.
//!
//! One bulletin of 10 000 items, written here in the shapes the fixtures use
//! (targets and actuals, 未开工/进展较慢/差…目标, ranks, deadlines, items left
//! unreported, repeated reports), parsed and read once; then timed:
//!
//! * `rules/evaluate` — the built-in rules over its facts: `Facts` → `Findings`;
//! * `rules/facts` — the extract stage on the same document, for a ratio
//!   measured side by side;
//! * `rules/load` — reading and checking `rules/default.yaml`.
//!
//! BENCHMARKS.md records the figures.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use duban::extract::{ExtractOptions, Lexicon, extract};
use duban::parse::parse;
use duban::rules::{CheckOptions, RuleSet, evaluate};
use duban::source::{Format, SourceText};

const ITEMS: usize = 10_000;

/// A bulletin of [`ITEMS`] items about a fictional county.
fn bulletin() -> String {
    let nouns = ["5G基站", "老旧小区", "农村户厕", "乡镇卫生院", "普惠性幼儿园学位", "高标准农田"];
    let units = ["县工信局", "县住建局", "县农业农村局", "县卫健局", "县教育局", "县商务局"];
    let mut text = String::from("关于青岚县重点工作任务前三季度落实情况的通报\n\n一、重点任务\n\n");
    for n in 0..ITEMS {
        let (noun, unit) = (nouns[n % nouns.len()], units[n % units.len()]);
        let target = 100 + n % 400;
        let done = target * (n % 10) / 10;
        text.push_str(&format!("{}.{}月底前新建{noun}{target}个。（牵头单位：{unit}）\n\n", n + 1, 6 + n % 6));
        let status = match n % 8 {
            0 => None,
            1 => Some(format!("已完成{noun}{done}个，另有3个项目未开工。")),
            2 => Some(format!("完成{noun}{done}个，进展较慢，差目标任务{}个。", target - done)),
            3 => Some(format!("新建{noun}{done}个，全市考核排名第{}位。", 1 + n % 15)),
            4 => Some("已全部完成，经第三方验收合格，资料已归档备查，群众满意度较高。".to_string()),
            5 => Some(format!("完成{noun}{done}个，完成率{}%。", 100 * done / target)),
            _ => Some(format!("已完成{noun}{done}个，其余正在加快推进。")),
        };
        if let Some(status) = status {
            text.push_str(&format!("落实情况：{status}\n\n"));
        }
    }
    text.push_str("青岚县人民政府督查室\n2024年10月12日\n");
    text
}

fn rules(c: &mut Criterion) {
    let source = SourceText::new(Path::new("bench.txt"), Format::Text, "UTF-8", String::new(), bulletin());
    let document = parse(&source).output;
    assert_eq!(document.items.len(), ITEMS, "the generated bulletin parses into its items");
    let units = Lexicon::default();
    let options = ExtractOptions::default();
    let facts = extract(&source, &document, &units, &options);
    let rule_set = RuleSet::embedded();
    let check = CheckOptions::default();
    let findings = evaluate(&rule_set, &source, &document, &facts, &check);
    assert!(findings.findings.len() > ITEMS / 2, "the rules find what the bulletin holds");

    let mut group = c.benchmark_group("rules");
    group.sample_size(20);
    group.throughput(Throughput::Elements(ITEMS as u64));
    group.bench_function("evaluate", |b| b.iter(|| evaluate(&rule_set, &source, &document, &facts, &check)));
    group.bench_function("facts", |b| b.iter(|| extract(&source, &document, &units, &options)));
    group.throughput(Throughput::Elements(1));
    group.bench_function("load", |b| b.iter(RuleSet::embedded));
    group.finish();
}

criterion_group!(benches, rules);
criterion_main!(benches);
