//! The five real bulletins of `../shared/seeds` read as issue 2 says they
//! must. See: issue 2, "What it must show on the five seeds".

use serde_json::Value;

use crate::support::{full_width_punctuation, json, seed, seeds, tree, utf16};

fn strings(value: &Value, key: &str) -> Vec<String> {
    value.as_array().expect("an array").iter().map(|v| v[key].as_str().expect("a string").to_string()).collect()
}

fn with_status(items: &Value) -> usize {
    items.as_array().expect("an array").iter().filter(|i| !i["status"].is_null()).count()
}

#[test]
fn seed_003_has_122_tasks_and_nine_without_a_report() {
    let Some(seeds) = seeds() else { return };
    let doc = json(&seed(&seeds, "003"));
    assert_eq!(doc["sections"].as_array().unwrap().len(), 9);
    let numbers = strings(&doc["items"], "number");
    let expected: Vec<String> = (1..=122).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    let missing: Vec<String> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"].is_null())
        .map(|i| i["number"].to_string())
        .collect();
    assert_eq!(missing, ["\"9\"", "\"31\"", "\"42\"", "\"52\"", "\"61\"", "\"64\"", "\"65\"", "\"92\"", "\"100\""]);
    assert_eq!(doc["meta"]["title"], "2023年市政府重点工作上半年完成情况");
    let first = &doc["items"][0];
    assert_eq!(first["path"], "一/1");
    assert_eq!(first["status"][0]["label"], "落实情况");
}

#[test]
fn seed_000_pairs_decisions_with_reports_and_warns_of_numbering_slips() {
    let Some(seeds) = seeds() else { return };
    let doc = json(&seed(&seeds, "000"));
    let sections = doc["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 3);
    assert_eq!(sections[2]["heading"], "几点要求");
    assert_eq!(with_status(&doc["items"]), 25);
    let warnings = doc["warnings"].as_array().unwrap();
    assert!(warnings.len() >= 2, "{warnings:?}");
    assert!(warnings.iter().any(|w| w["message"].as_str().unwrap().contains("（二）")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w["message"].as_str().unwrap().contains("二、")), "{warnings:?}");
    // A heading with a 确定事项/落实情况 pair and no numbered entries is one item.
    let pair = doc["items"].as_array().unwrap().iter().find(|i| i["path"] == "一/（二）").expect("item 一/（二）");
    assert!(pair["text"].as_str().unwrap().starts_with("原则同意"));
    assert_eq!(doc["meta"]["published"], "2022-10-18");
}

#[test]
fn seed_001_reads_its_sections_and_mixed_numbering() {
    let Some(seeds) = seeds() else { return };
    let doc = json(&seed(&seeds, "001"));
    assert_eq!(strings(&doc["sections"], "heading"), ["整体情况", "工作亮点", "督查建议"]);
    let highlights = &doc["sections"][1]["items"];
    let expected: Vec<String> = (1..=15).map(|n| n.to_string()).collect();
    assert_eq!(strings(highlights, "number"), expected, "“1、” and “14.” are one list");
    assert_eq!(doc["meta"]["published"], "2017-07-03");
    assert_eq!(doc["meta"]["title"], "市政府1-6月份重大工作事项落实情况");
}

#[test]
fn seed_002_has_no_title_and_drops_the_trailing_news() {
    let Some(seeds) = seeds() else { return };
    let path = seed(&seeds, "002");
    let doc = json(&path);
    assert_eq!(strings(&doc["sections"], "heading"), ["工作进展情况", "存在的主要问题", "下一步工作打算"]);
    let counts: Vec<usize> =
        doc["sections"].as_array().unwrap().iter().map(|s| s["items"].as_array().unwrap().len()).collect();
    assert_eq!(counts, [10, 3, 10]);
    assert!(doc["meta"]["title"].is_null());
    let text = doc.to_string();
    assert!(!text.contains("新闻推荐") && !text.contains("本报记者"), "the news block leaked into the tree");
}

#[test]
fn seed_004_keeps_the_glossary_and_drops_the_forum() {
    let Some(seeds) = seeds() else { return };
    let doc = json(&seed(&seeds, "004"));
    assert_eq!(doc["sections"].as_array().unwrap().len(), 3);
    let glossary = doc["glossary"].as_array().unwrap();
    assert_eq!(glossary.len(), 20);
    assert_eq!(glossary[0]["term"], "三最");
    assert!(
        glossary.iter().all(|g| !g["marks"].as_array().unwrap().is_empty()),
        "every entry is referred to by a mark"
    );
    let mut tree = doc.clone();
    tree.as_object_mut().unwrap().remove("source");
    let text = tree.to_string();
    for chrome in ["签到天数", "TA的每日心情", "发表于", "回帖", "积分", "Powered by", "客服中心", "复制链接"]
    {
        assert!(!text.contains(chrome), "forum chrome {chrome:?} leaked into the tree");
    }
    assert_eq!(doc["meta"]["title"], "2023年自贡市沿滩区政府工作报告");
}

/// Each seed gives the same tree however it is encoded or punctuated.
#[test]
fn every_seed_reads_the_same_in_every_encoding_and_width() {
    let Some(seeds) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    for path in &seeds {
        let text = std::fs::read_to_string(path).unwrap();
        let expected = tree(path);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let variants: [(&str, Vec<u8>); 4] = [
            ("gb18030", encoding_rs::GB18030.encode(&text).0.into_owned()),
            ("utf16-bom", utf16(&text, true, true)),
            ("crlf-bom", [b"\xEF\xBB\xBF".as_slice(), text.replace('\n', "\r\n").as_bytes()].concat()),
            ("full-width", full_width_punctuation(&text).into_bytes()),
        ];
        for (variant, bytes) in variants {
            let copy = dir.path().join(format!("{variant}-{name}"));
            std::fs::write(&copy, bytes).unwrap();
            assert_eq!(tree(&copy), expected, "{name} as {variant} gives another tree");
        }
    }
}
