//! Real input arrives in many encodings, line-break styles and containers;
//! the tree must not care. See: issue 2, "Input (ingest)".

use std::path::Path;

use duban::ingest::{IngestOptions, ingest};
use serde_json::Value;

use crate::support::{fixture, full_width_punctuation, json, parse, tree, utf16};

const TEXT_FIXTURES: [&str; 6] = [
    "meeting-decisions.txt",
    "half-year-web.txt",
    "monthly-ranking.txt",
    "work-tasks.txt",
    "work-report-forum.txt",
    "duties-and-levels.txt",
];

/// Every text fixture, rewritten as a clerk's machine might have saved it.
#[test]
fn encodings_and_line_breaks_do_not_change_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    for name in TEXT_FIXTURES {
        let path = fixture(&format!("bulletins/{name}"));
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = tree(&path);
        let mut variants: Vec<(&str, Vec<u8>)> = vec![
            ("gb18030", encoding_rs::GB18030.encode(&text).0.into_owned()),
            ("utf16le-bom", utf16(&text, true, true)),
            ("utf16be-bom", utf16(&text, false, true)),
            ("utf16le", utf16(&text, true, false)),
            ("utf16be", utf16(&text, false, false)),
            ("utf8-bom", [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()),
            ("crlf", text.replace('\n', "\r\n").into_bytes()),
            ("cr", text.replace('\n', "\r").into_bytes()),
            ("full-width", full_width_punctuation(&text).into_bytes()),
        ];
        // GBK has no U+00A0; a file with one can only be GB18030.
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        if !unmappable {
            variants.push(("gbk", gbk.into_owned()));
        }
        for (variant, bytes) in variants {
            let copy = dir.path().join(format!("{variant}-{name}"));
            std::fs::write(&copy, bytes).unwrap();
            assert_eq!(tree(&copy), expected, "{name} as {variant}");
        }
    }
}

/// Indentation with ideographic and no-break spaces moves columns, nothing else.
#[test]
fn indentation_of_any_width_does_not_change_the_tree() {
    fn without_columns(mut value: Value) -> Value {
        if let Some(warnings) = value["warnings"].as_array_mut() {
            warnings.iter_mut().for_each(|w| w.as_object_mut().unwrap().retain(|k, _| k != "column"));
        }
        for entry in value["glossary"].as_array_mut().into_iter().flatten() {
            entry["marks"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .for_each(|m| m.as_object_mut().unwrap().retain(|k, _| k != "column"));
        }
        value
    }
    let dir = tempfile::tempdir().unwrap();
    for name in TEXT_FIXTURES {
        let path = fixture(&format!("bulletins/{name}"));
        let text = std::fs::read_to_string(&path).unwrap();
        let indented: String = text.lines().map(|l| format!("\u{3000}\u{A0}\t {l}\n")).collect();
        let copy = dir.path().join(name);
        std::fs::write(&copy, indented).unwrap();
        assert_eq!(without_columns(tree(&copy)), without_columns(tree(&path)), "{name}");
    }
}

#[test]
fn the_encoding_used_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("bulletins/work-tasks.txt")).unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("gbk.txt", encoding_rs::GBK.encode(&text).0.into_owned(), "GB18030"),
        ("utf16.txt", utf16(&text, false, false), "UTF-16BE"),
        ("utf8.txt", text.clone().into_bytes(), "UTF-8"),
    ];
    for (name, bytes, encoding) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(json(&path)["source"]["encoding"], encoding, "{name}");
    }
}

#[test]
fn a_damaged_byte_is_replaced_and_pointed_at() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("bulletins/work-tasks.txt")).unwrap();
    let line_four = text.lines().take(3).map(|l| l.len() + 1).sum::<usize>();
    let mut bytes = text.into_bytes();
    bytes.insert(line_four + 2, 0xFF); // after "4." on line 4
    let path = dir.path().join("damaged.txt");
    std::fs::write(&path, bytes).unwrap();
    let doc = json(&path);
    assert_eq!(doc["source"]["encoding"], "UTF-8");
    assert_eq!(doc["items"].as_array().unwrap().len(), 16, "the rest of the file still parses");
    let warning = &doc["warnings"][0];
    assert_eq!((warning["line"].as_u64(), warning["column"].as_u64()), (Some(4), Some(3)));
    assert_eq!(warning["message"], "不是有效 UTF-8 的字节已换成 U+FFFD（�）");
}

/// What `ingest` makes of the Word fixture: Word's own numbering rebuilt,
/// hyperlink and content-control text kept, hidden and deleted text and field
/// codes dropped, a text box once, table rows as tab-joined lines.
#[test]
fn docx_text_in_reading_order() {
    let source = ingest(&fixture("bulletins/auto-numbered.docx"), &IngestOptions::default()).unwrap().output;
    let lines: Vec<&str> = source.text.lines().collect();
    assert_eq!(
        lines,
        [
            "关于白鹭湾区重点项目推进情况的督查通报",
            "各街道办事处，区直各部门：",
            "（此件公开发布）",
            "区政府督查室对全区重点项目推进情况进行了督查。现将有关情况通报如下：",
            "一、项目推进情况",
            "（一）产业项目",
            "1.新建智能制造产业园。牵头单位：区发改局。",
            "落实情况：厂房主体已封顶，设备正在安装。",
            "2.改造老旧厂区3处。",
            "落实情况：完成改造1处\t2处未开工。",
            "（二）民生项目",
            "1.新建社区养老服务中心4个。",
            "落实情况：已建成2个。",
            "二、项目清单",
            "序号\t项目\t牵头单位\t完成情况",
            "1\t智能制造产业园\t区发改局\t主体封顶 设备安装中",
            "2\t社区养老服务中心\t区民政局\t建成2个",
            "白鹭湾区人民政府督查室",
            "2024年9月20日",
        ]
    );
}

#[test]
fn zip_entries_that_climb_out_are_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let copy = nested.join("traversal.docx");
    std::fs::copy(fixture("bad/traversal.docx"), &copy).unwrap();
    let doc = json(&copy);
    assert_eq!(doc["items"].as_array().unwrap().len(), 3, "the document itself reads");
    assert!(!dir.path().join("evil.txt").exists() && !nested.join("../../evil.txt").exists());
}

#[test]
fn a_gbk_web_page_reads_like_its_utf8_original() {
    let html = std::fs::read_to_string(fixture("bulletins/county-site.html")).unwrap();
    let gbk = html.replace(
        r#"<meta charset="utf-8">"#,
        r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county-site.htm");
    std::fs::write(&path, encoding_rs::GBK.encode(&gbk).0).unwrap();
    let doc = json(&path);
    assert_eq!(doc["source"]["encoding"], "GB18030");
    assert_eq!(tree(&path), tree(&fixture("bulletins/county-site.html")));
}

#[test]
fn web_pages_lose_scripts_navigation_and_footers() {
    let path = Path::new("tests/fixtures/bulletins/county-site.html");
    let parsed = parse(path);
    let text = &parsed.source.text;
    for gone in ["_hmt", "不是正文", "统计代码", "政务公开", "互动交流", "分享到"] {
        assert!(!text.contains(gone), "{gone:?} is in the extracted text:\n{text}");
    }
    let tree = tree(path).to_string();
    for gone in ["设为首页", "无障碍浏览", "发布时间", "字体", "网站标识码", "主办", "ICP备"] {
        assert!(!tree.contains(gone), "{gone:?} is in the tree: {tree}");
    }
    assert!(text.contains("序号\t事项\t责任单位\n1\t城西污水处理厂扩建\t县住建局"), "{text}");
    assert_eq!(parsed.document.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-10-15"));
}

/// A line the grammar gives up on is still read — as a paragraph, with a
/// warning — rather than failing the whole file.
#[test]
fn a_line_too_long_to_classify_is_read_as_a_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, format!("一、总体情况\n{}：正文\n二、存在问题\n", "落".repeat(300_000))).unwrap();
    let doc = json(&path);
    assert_eq!(doc["sections"].as_array().unwrap().len(), 2);
    assert!(doc["sections"][0]["text"].as_str().unwrap().ends_with("落：正文"));
    assert_eq!(doc["warnings"][0]["line"], 2);
    assert_eq!(doc["warnings"][0]["message"], "按普通段落读取：call limit reached");
}

/// 50 000 nested `<div>`s and as many stray end tags: the text is still found.
#[test]
fn deeply_nested_html_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    let html = format!(
        "<html><body>{}<p>一、总体情况</p>{}{}</body></html>",
        "<div>".repeat(50_000),
        "</span>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    std::fs::write(&path, html).unwrap();
    assert_eq!(json(&path)["sections"][0]["heading"], "总体情况");
}
