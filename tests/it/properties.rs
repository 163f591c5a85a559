//! Properties that hold for any input, checked on generated documents made
//! of the pieces real bulletins are made of — numerals of every level and
//! width, labels, colons, brackets, full stops, spaces of every kind and
//! every line-break style — and on arbitrary bytes.

use std::path::Path;

use duban::parse::{Document, Paragraph, parse};
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

fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
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
