//! Markdown and HTML of a notice; plain text is [`Notice::plain_text`].

use std::fmt::Write as _;

use crate::render::{Block, Notice};

/// The notice as Markdown: the title as `#`, 一、 headings as `##`, （一） as
/// `###`, deeper headings bold, tables as pipe tables, page breaks as rules.
pub fn markdown(notice: &Notice) -> String {
    let mut out = String::new();
    let cell = |text: &str| text.replace('|', "\\|");
    for block in &notice.blocks {
        match block {
            Block::Title(lines) => {
                let _ = writeln!(out, "# {}\n", lines.concat());
            }
            Block::Heading { level, numeral, text, rest } => match level {
                1 => {
                    let _ = writeln!(out, "## {numeral}{text}{rest}\n");
                }
                2 if rest.is_empty() => {
                    let _ = writeln!(out, "### {numeral}{text}\n");
                }
                _ => {
                    let _ = writeln!(out, "**{numeral}{text}**{rest}\n");
                }
            },
            Block::Centered(text) | Block::Addressee(text) | Block::Paragraph(text) | Block::Right(text) => {
                let _ = writeln!(out, "{text}\n");
            }
            Block::Table { header, rows } => {
                for (index, row) in rows.iter().enumerate() {
                    let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                    if index + 1 == (*header).max(1) {
                        let _ = writeln!(out, "|{}", " --- |".repeat(row.len()));
                    }
                }
                out.push('\n');
            }
            Block::Blank => {}
            Block::PageBreak => out.push_str("---\n\n"),
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The notice as an HTML page laid out like the printed 公文: title 22 pt
/// centred, body 16 pt 仿宋 with a two-character indent, 一、 in 黑体, （一） in
/// 楷体, the 落款 on the right, tables ruled, page breaks for print.
pub fn html(notice: &Notice) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    let title = notice.blocks.iter().find_map(|b| match b {
        Block::Title(lines) => Some(lines.concat()),
        _ => None,
    });
    let _ = writeln!(out, "<title>{}</title>", escape(title.as_deref().unwrap_or("督办通知")));
    out.push_str(STYLE);
    out.push_str("</head>\n<body>\n");
    for block in &notice.blocks {
        match block {
            Block::Title(lines) => {
                let lines: Vec<String> = lines.iter().map(|l| escape(l)).collect();
                let _ = writeln!(out, "<h1>{}</h1>", lines.join("<br>"));
            }
            Block::Centered(text) => {
                let _ = writeln!(out, "<p class=\"center\">{}</p>", escape(text));
            }
            Block::Addressee(text) => {
                let _ = writeln!(out, "<p class=\"to\">{}</p>", escape(text));
            }
            Block::Heading { level, numeral, text, rest } => {
                let _ = writeln!(
                    out,
                    "<p class=\"h{level}\"><span class=\"h{level}\">{}{}</span>{}</p>",
                    escape(numeral),
                    escape(text),
                    escape(rest)
                );
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::Right(text) => {
                let _ = writeln!(out, "<p class=\"right\">{}</p>", escape(text));
            }
            Block::Table { header, rows } => {
                out.push_str(if *header > 0 { "<table class=\"list\">\n" } else { "<table>\n" });
                for (index, row) in rows.iter().enumerate() {
                    let tag = if index < *header { "th" } else { "td" };
                    let cells: Vec<String> = row.iter().map(|c| format!("<{tag}>{}</{tag}>", escape(c))).collect();
                    let _ = writeln!(out, "<tr>{}</tr>", cells.concat());
                }
                out.push_str("</table>\n");
            }
            Block::Blank => out.push_str("<p class=\"blank\"></p>\n"),
            Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

const STYLE: &str = "<style>
body { font-family: \"仿宋_GB2312\", \"仿宋\", FangSong, serif; font-size: 16pt; line-height: 28pt; max-width: 156mm; margin: 37mm auto 35mm; }
h1 { font-family: \"方正小标宋简体\", \"华文中宋\", \"宋体\", SimSun, serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.4; }
p { margin: 0; text-indent: 2em; }
p.center { text-align: center; text-indent: 0; }
p.to { text-indent: 0; }
p.right { text-align: right; padding-right: 4em; }
p.blank { height: 28pt; }
span.h1 { font-family: \"黑体\", SimHei, sans-serif; }
span.h2 { font-family: \"楷体_GB2312\", \"楷体\", KaiTi, serif; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: top; }
td:first-child { width: 7em; text-align: center; }
table.list { font-size: 12pt; }
table.list th { border: 1px solid #000; padding: 3pt 4pt; font-family: SimHei, sans-serif; font-weight: normal; }
table.list td { padding: 3pt 4pt; }
table.list td:first-child { width: auto; }
.page-break { page-break-after: always; }
</style>
";

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_html_keep_the_hierarchy() {
        let notice =
            Notice::read("# 标题\n各单位：\n一、总体情况\n（一）县交通局。第4项未报送。\n| 甲 | 乙 |\n> 督查室\n");
        let md = markdown(&notice);
        assert!(md.starts_with("# 标题\n\n各单位：\n\n## 一、总体情况\n\n**（一）县交通局。**第4项未报送。\n\n| 甲 | 乙 |\n| --- | --- |\n"), "{md}");
        let page = html(&notice);
        assert!(page.contains("<h1>标题</h1>"), "{page}");
        assert!(page.contains("<p class=\"h2\"><span class=\"h2\">（一）县交通局。</span>第4项未报送。</p>"), "{page}");
        assert!(page.contains("<p class=\"right\">督查室</p>"), "{page}");
        assert_eq!(html(&Notice::read("a<b>&")), html(&Notice::read("a<b>&")));
        assert!(html(&Notice::read("a<b>&")).contains("<p>a&lt;b&gt;&amp;</p>"));
    }
}
