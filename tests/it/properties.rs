//! Properties that hold for any input, checked on generated documents made
//! of the pieces real bulletins are made of — numerals of every level and
//! width, labels, colons, brackets, full stops, spaces of every kind and
//! every line-break style — and on arbitrary bytes.

use std::path::Path;

use duban::extract::{ExtractOptions, Lexicon, extract};
use duban::parse::{Document, Paragraph, parse};
use duban::rules::{CheckOptions, RuleSet, evaluate};
use duban::source::{Format, SourceText};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "一、",
    "十二、",
    "（一）",
    "(二)",
    "（ 三 ）",
    "1.",
    "2．",
    "3、",
    "１２.",
    "（1）",
    "(2)",
    "4)",
    "①",
    "⑳",
    "3.8月底前",
    "2.5万亩",
    "落实情况：",
    "落实情况:",
    "确定事项：",
    "【完成情况】",
    "牵头单位：",
    "名词解释",
    "名 词 解 释",
    "[1]",
    "［2］",
    "〔3〕",
    "。",
    "，",
    "、",
    "：",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    "\u{3000}",
    "\u{A0}",
    " ",
    "\t",
    "\r\n",
    "\n",
    "\r",
    "建设",
    "完成投资85亿元",
    "区工信局",
    "来源：县政府办",
    "发布时间：2024-05-10",
    "新闻推荐",
    "上一篇",
    "打印",
    "二〇二四年五月十日",
    "青岚县人民政府督查室",
    "9999999999999999999999",
    "\u{FEFF}",
    "\0",
    "\u{FFFD}",
];

/// What the facts stage reads: figures, ranks, periods, deadlines, duties.
const FACT_PIECES: &[&str] = &[
    "58个",
    "１６００家",
    "6.9万人",
    "22.75亿元",
    "96.18%",
    "３个百分点",
    "28微克/立方米",
    "3-5个",
    "三个",
    "两户",
    "十二项",
    "85亿元以上",
    "不低于",
    "第9位",
    "居全省第15位",
    "排名第",
    "7月底前",
    "8月10日前",
    "13月32日",
    "1-6月份",
    "上半年",
    "前三季度",
    "截至5月底",
    "年底前",
    "2024年",
    "同比增长11.8%",
    "差目标任务6户",
    "低于序时进度11.6个百分点",
    "为年度目标的75.3%",
    "131项工作中，47项已完成，79项有序推进",
    "已完成",
    "未开工",
    "正在",
    "由区财政局负责",
    "区发改局、区工信局要",
    "县发改局牵头，县财政局配合",
    "责任单位：",
    "市市商务局",
    "99999999999999999999亿元",
    "0个",
];

fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        6 => proptest::sample::select(FACT_PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..200).prop_map(|pieces| pieces.concat())
}

fn source(text: String) -> SourceText {
    SourceText::new(Path::new("generated.txt"), Format::Text, "UTF-8", String::new(), text)
}

/// Every paragraph of the tree, wherever it hangs.
fn paragraphs(document: &Document) -> Vec<&Paragraph> {
    let mut all: Vec<&Paragraph> = document.preamble.iter().chain(&document.closing).collect();
    let mut stack: Vec<&duban::parse::Section> = document.sections.iter().collect();
    while let Some(section) = stack.pop() {
        all.push(&section.heading);
        all.extend(&section.text);
        all.extend(section.fields.iter().flat_map(|f| &f.paragraphs));
        stack.extend(&section.children);
    }
    for item in &document.items {
        all.push(&item.heading);
        all.extend(&item.text);
        all.extend(item.status.iter().chain(&item.duties).chain(&item.task).flat_map(|f| &f.paragraphs));
    }
    for entry in &document.glossary {
        all.push(&entry.term);
        all.extend(&entry.definition);
    }
    all
}

/// Checks what must hold of the facts of any text: no panic, every span
/// true to the source, pairs pointing at their item's figures, finite numbers.
fn facts_hold(source: &SourceText) -> Result<(), TestCaseError> {
    let document = parse(source).output;
    let facts = extract(source, &document, &Lexicon::default(), &ExtractOptions::default());
    prop_assert_eq!(facts.items.len(), document.items.len());
    let true_span = |span: duban::source::Span, text: &str| source.text.get(span.start..span.end) == Some(text);
    for item in &facts.items {
        for quantity in &item.quantities {
            prop_assert!(true_span(quantity.span, &quantity.text), "{:?}", quantity);
            prop_assert!(quantity.value.is_finite() && quantity.base_value.is_finite(), "{:?}", quantity);
        }
        for pair in &item.pairs {
            prop_assert!(pair.target < item.quantities.len() && pair.actual < item.quantities.len());
            prop_assert!(pair.progress.is_finite(), "{:?}", pair);
        }
        for unit in &item.units {
            prop_assert!(true_span(unit.span, &unit.name), "{:?}", unit);
        }
        for deadline in &item.deadlines {
            prop_assert!(true_span(deadline.span, &deadline.text), "{:?}", deadline);
        }
    }
    if let Some(schedule) = facts.period.schedule {
        prop_assert!((0.0..=1.0).contains(&schedule));
    }
    // The built-in rules judge any facts: findings point at their item and
    // into the source, every level exists.
    let rules = RuleSet::embedded();
    let findings = evaluate(&rules, source, &document, &facts, &CheckOptions::default());
    for finding in &findings.findings {
        prop_assert!(finding.item.is_none_or(|i| i < document.items.len()), "{:?}", finding);
        prop_assert!(finding.level < rules.levels.len());
        let evidence = finding.evidence;
        prop_assert!(source.text.get(evidence.clause.start..evidence.clause.end).is_some(), "{:?}", finding);
        prop_assert!(source.text.get(evidence.focus.start..evidence.focus.end).is_some(), "{:?}", finding);
    }
    Ok(())
}

/// Rule-file text made of the pieces rule files are made of.
fn rule_file() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "rules:\n",
        "levels:\n",
        "  - id: r\n",
        "    level: red\n",
        "    title: t\n",
        "    when: {text: 未开工}\n",
        "    when:\n",
        "      all:\n",
        "        - gap: true\n",
        "    require: \"{{ unit }}\"\n",
        "    require: |\n",
        "      {% if x %}\n",
        "    grade:\n",
        "      - {level: blue, under: 10}\n",
        "    supersedes: [r]\n",
        "  - id: red\n    label: 红色\n",
        "    applies_to: [一/（三）]\n",
        "*a",
        "&a ",
        "[",
        "]",
        "{",
        "}",
        ": ",
        "- ",
        "\t",
        "\u{3000}",
        "\"",
        "'",
        "#",
        "---\n",
        "汉字",
        "\r\n",
        " ",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.concat())
}

/// A fixture with some of its text cut, repeated or replaced.
fn mutated_fixture() -> impl Strategy<Value = String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut fixtures: Vec<String> = std::fs::read_dir(root.join("tests/fixtures/bulletins"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    fixtures.sort();
    let edit = (any::<proptest::sample::Index>(), 0..40usize, proptest::sample::select(FACT_PIECES), 0..3u8);
    (proptest::sample::select(fixtures), proptest::collection::vec(edit, 1..12)).prop_map(|(mut text, edits)| {
        for (at, len, piece, kind) in edits {
            let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let start = chars[at.index(chars.len())];
            let end = chars[(at.index(chars.len()) + len).min(chars.len() - 1)];
            let cut = text[start..end].to_string();
            match kind {
                0 => text.replace_range(start..end, ""),
                1 => text.insert_str(end, &cut),
                _ => text.replace_range(start..end, piece),
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Parsing never fails or panics, and every paragraph's text is exactly
    /// the source under its span, so later stages can point into the input.
    #[test]
    fn any_text_parses_and_every_span_is_true(text in document()) {
        let source = source(text);
        let parsed = parse(&source);
        let document = &parsed.output;
        for paragraph in paragraphs(document) {
            prop_assert_eq!(source.slice(paragraph.span), paragraph.text.as_str());
        }
        let mut stack: Vec<&duban::parse::Section> = document.sections.iter().collect();
        while let Some(section) = stack.pop() {
            prop_assert!(section.items.end <= document.items.len());
            for child in &section.children {
                prop_assert!(section.items.start <= child.items.start && child.items.end <= section.items.end);
            }
            stack.extend(&section.children);
        }
        for warning in &parsed.warnings {
            prop_assert!(warning.span.end <= source.text.len());
        }
    }

    /// The facts of any text of the shapes bulletins are made of.
    #[test]
    fn facts_of_any_text_hold(text in document()) {
        facts_hold(&source(text))?;
    }

    /// The facts of a fixture cut about, its figures and duties moved.
    #[test]
    fn facts_of_mutated_fixtures_hold(text in mutated_fixture()) {
        facts_hold(&source(text))?;
    }

    /// Any rule-file text loads or is refused with an error that renders,
    /// pointing inside the file.
    #[test]
    fn any_rule_file_loads_or_is_refused(text in rule_file()) {
        match RuleSet::from_files(vec![(Path::new("r.yaml").to_path_buf(), text.clone())]) {
            Ok(rules) => prop_assert!(rules.rules.iter().all(|r| r.source.line >= 1)),
            Err(error) => {
                let rendered = error.render();
                prop_assert!(rendered.starts_with("错误：r.yaml"), "{}", rendered);
                if let Some((line, _)) = error.at {
                    prop_assert!(line <= text.lines().count().max(1) + 1, "{:?}", error.at);
                }
            }
        }
    }

    /// The facts of arbitrary Unicode.
    #[test]
    fn facts_of_arbitrary_unicode_hold(text in "\\PC{0,400}") {
        facts_hold(&source(text))?;
    }

    /// Any bytes at all are read or refused, never a panic.
    #[test]
    fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in "(txt|docx|html)") {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("input.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        if let Ok(parsed) = duban::pipeline::read(&path, &duban::ingest::IngestOptions::default()) {
            prop_assert!(!parsed.source.text.trim().is_empty());
        }
    }
}

/// Scalars of the kinds rule files hold, with the characters a guard that
/// misreads YAML trips on: apostrophes, quotes, `#`, brackets, `*`, `&`, colons.
fn yaml_scalar() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "it's",
        "C#",
        "a#b",
        "[x",
        "x]",
        "{",
        "}",
        "*a",
        "&b",
        "\"",
        "'",
        "''",
        "\\",
        ": ",
        " #",
        "未开工",
        "进展较慢",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..6).prop_map(|parts| parts.concat())
}

/// YAML values up to six levels deep, of maps, lists and those scalars.
fn yaml_value() -> impl Strategy<Value = serde_yaml::Value> {
    let leaf = yaml_scalar().prop_map(serde_yaml::Value::String);
    leaf.prop_recursive(6, 48, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_yaml::Value::Sequence),
            prop::collection::vec((yaml_scalar(), inner), 0..4).prop_map(|pairs| {
                serde_yaml::Value::Mapping(pairs.into_iter().map(|(k, v)| (serde_yaml::Value::String(k), v)).collect())
            }),
        ]
    })
}

/// `value` in flow style with its scalars unquoted.
fn plain_flow(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::Sequence(items) => {
            format!("[{}]", items.iter().map(plain_flow).collect::<Vec<_>>().join(", "))
        }
        serde_yaml::Value::Mapping(pairs) => format!(
            "{{{}}}",
            pairs.iter().map(|(k, v)| format!("{}: {}", plain_flow(k), plain_flow(v))).collect::<Vec<_>>().join(", ")
        ),
        serde_yaml::Value::String(text) => text.clone(),
        other => serde_yaml::to_string(other).unwrap().trim().to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, max_global_rejects: 100_000, ..ProptestConfig::default() })]

    /// The YAML guard refuses no file shallower than its depth and with no
    /// aliases, however its scalars are written: block or flow, quoted or plain.
    #[test]
    fn the_yaml_guard_passes_what_yaml_writes(value in yaml_value(), style in 0..3u8) {
        let text = match style {
            0 => serde_yaml::to_string(&value).unwrap(),
            // Forty lines of flow: what one line leaves open or hides adds up.
            1 => (0..40).map(|n| format!("k{n}: {}\n", serde_json::to_string(&value).unwrap())).collect(),
            // Flow collections of plain scalars, as people write them ("[C#, it's]").
            _ => (0..40).map(|n| format!("k{n}: {}\n", plain_flow(&value))).collect(),
        };
        let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(&text);
        prop_assume!(parsed.is_ok());
        let read: Result<serde_yaml::Value, _> = duban::yaml::from_str(&text);
        prop_assert!(read.is_ok(), "{text}\n{read:?}");
        prop_assert_eq!(read.unwrap(), parsed.unwrap());
    }
}
