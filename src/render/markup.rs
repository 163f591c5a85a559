//! The plain 公文 text templates write, read into blocks for the exporters.
//!
//! One line is one paragraph. A clerk reading a template sees the notice:
//!
//! | line | block |
//! |---|---|
//! | `# 关于…的督办通知` | the title (2号小标宋, centred); consecutive `#` lines are one title |
//! | `## 督查通报〔2024〕第9期` | a centred line in the body font (期号, a 督办单's heading) |
//! | the first line ending in `：` after the title | the 主送 line, flush left |
//! | `一、` `（一）` `1.` `（1）` … | a heading, styled by its level; text after its first `。` is body text (a run-in heading) |
//! | `> 青岚县人民政府督查室` | right-aligned: the 落款 and its date |
//! | `\| 督办编号 \| 〔2024〕1号 \|` | a table row; consecutive rows are one table |
//! | `\|---\|---\|` | under a table's first rows: those rows are its header, repeated on every page; the table is a list, set in a smaller type |
//! | `---` | a page break |
//! | an empty line | a blank line (runs of them count once) |
//! | anything else | a body paragraph, indented two characters |

use crate::parse::heading_level;

/// A notice ready for export: its blocks in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notice {
    /// The blocks.
    pub blocks: Vec<Block>,
}

/// One block of a notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The title, one entry per line.
    Title(Vec<String>),
    /// A centred line in the body font.
    Centered(String),
    /// The 主送 line, colon included.
    Addressee(String),
    /// A heading: its level, its numeral as written, its text, and body
    /// text that runs on after its first `。`.
    Heading {
        /// `一、` is 1 … `①` is 5.
        level: usize,
        /// The numeral with its punctuation: `（一）`.
        numeral: String,
        /// The heading, up to and with its first `。`.
        text: String,
        /// What follows in the same paragraph.
        rest: String,
    },
    /// A body paragraph.
    Paragraph(String),
    /// A right-aligned line.
    Right(String),
    /// A table: rows of cells, the first `header` of them its header (a
    /// list such as the 督办事项清单); without one, a form (a 督办单).
    Table {
        /// How many of the first rows are the header, repeated on every page.
        header: usize,
        /// The rows, header included.
        rows: Vec<Vec<String>>,
    },
    /// A blank line.
    Blank,
    /// A page break.
    PageBreak,
}

impl Notice {
    /// Reads rendered template text.
    pub fn read(text: &str) -> Notice {
        // A template may write control characters; no format of the notice holds them.
        let text: std::borrow::Cow<str> = if text.contains(crate::text::xml_forbidden) {
            text.chars().filter(|&c| !crate::text::xml_forbidden(c)).collect::<String>().into()
        } else {
            text.into()
        };
        let mut blocks: Vec<Block> = Vec::new();
        let mut addressee_open = true;
        for raw in text.lines() {
            let line = crate::text::trim(raw);
            let block = if line.is_empty() {
                Block::Blank
            } else if let Some(title) = line.strip_prefix("# ") {
                if let Some(Block::Title(lines)) = blocks.last_mut() {
                    lines.push(title.trim().to_string());
                    continue;
                }
                Block::Title(vec![title.trim().to_string()])
            } else if let Some(centred) = line.strip_prefix("## ") {
                Block::Centered(centred.trim().to_string())
            } else if let Some(right) = line.strip_prefix("> ").or_else(|| line.strip_prefix('>')) {
                Block::Right(right.trim().to_string())
            } else if line == "---" {
                Block::PageBreak
            } else if line.starts_with('|') {
                let row = cells(line);
                let rule = row.iter().all(|c| !c.is_empty() && c.trim_matches(':').chars().all(|c| c == '-'));
                if let Some(Block::Table { header, rows }) = blocks.last_mut() {
                    if rule {
                        *header = rows.len();
                    } else {
                        rows.push(row);
                    }
                    continue;
                }
                Block::Table { header: 0, rows: vec![row] }
            } else if addressee_open && (line.ends_with('：') || line.ends_with(':')) && heading_level(line).is_none()
            {
                Block::Addressee(line.to_string())
            } else if let Some((level, at)) = heading_level(line) {
                let (text, rest) = run_in(&line[at..]);
                Block::Heading {
                    level: level.depth(),
                    numeral: line[..at].trim().to_string(),
                    text: text.to_string(),
                    rest: rest.to_string(),
                }
            } else {
                Block::Paragraph(line.to_string())
            };
            // Only the first paragraph after the title can be the 主送 line.
            if !matches!(block, Block::Blank | Block::Title(_) | Block::Centered(_)) {
                addressee_open = false;
            }
            if block == Block::Blank && matches!(blocks.last(), None | Some(Block::Blank)) {
                continue;
            }
            blocks.push(block);
        }
        while blocks.last() == Some(&Block::Blank) {
            blocks.pop();
        }
        Notice { blocks }
    }

    /// The notice as plain text: one line per paragraph, titles and centred
    /// lines as they are, the 落款 as written, tables with tabs.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(lines) => lines.iter().for_each(|l| push_line(&mut out, l)),
                Block::Centered(text) | Block::Addressee(text) | Block::Paragraph(text) | Block::Right(text) => {
                    push_line(&mut out, text)
                }
                Block::Heading { numeral, text, rest, .. } => push_line(&mut out, &format!("{numeral}{text}{rest}")),
                Block::Table { rows, .. } => rows.iter().for_each(|row| push_line(&mut out, &row.join("\t"))),
                Block::Blank => out.push('\n'),
                Block::PageBreak => out.push('\u{0C}'),
            }
        }
        out
    }
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// A heading's text and what runs on after its first `。`.
fn run_in(text: &str) -> (&str, &str) {
    match text.find('。') {
        Some(at) if at + '。'.len_utf8() < text.len() => text.split_at(at + '。'.len_utf8()),
        _ => (text, ""),
    }
}

/// The cells of `| a | b |`.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|cell| cell.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line() {
        let text = "# 关于全县重点任务落实情况的\n# 督办通知\n## 督查通报〔2024〕第9期\n\n\n各乡镇人民政府，县直各部门：\n\
                    一、总体情况\n本期共12项任务。\n（一）县交通局。第4项未报送。\n| 编号 | 事项 |\n| 1 | 枢纽 |\n> 青岚县人民政府督查室\n---\n";
        let notice = Notice::read(text);
        assert_eq!(
            notice.blocks,
            [
                Block::Title(vec!["关于全县重点任务落实情况的".into(), "督办通知".into()]),
                Block::Centered("督查通报〔2024〕第9期".into()),
                Block::Blank,
                Block::Addressee("各乡镇人民政府，县直各部门：".into()),
                Block::Heading { level: 1, numeral: "一、".into(), text: "总体情况".into(), rest: String::new() },
                Block::Paragraph("本期共12项任务。".into()),
                Block::Heading {
                    level: 2,
                    numeral: "（一）".into(),
                    text: "县交通局。".into(),
                    rest: "第4项未报送。".into()
                },
                Block::Table {
                    header: 0,
                    rows: vec![vec!["编号".into(), "事项".into()], vec!["1".into(), "枢纽".into()]]
                },
                Block::Right("青岚县人民政府督查室".into()),
                Block::PageBreak,
            ]
        );
    }

    #[test]
    fn a_rule_under_the_first_rows_makes_them_the_header() {
        let notice = Notice::read("# 标题\n| 序号 | 事项 |\n|---|:---:|\n| 1 | 枢纽 |\n| 2 | 公园 |\n");
        let Block::Table { header, rows } = &notice.blocks[1] else { panic!("{:?}", notice.blocks) };
        assert_eq!((*header, rows.len()), (1, 3), "the rule is no row");
    }

    #[test]
    fn a_colon_later_in_the_text_is_a_paragraph() {
        let notice = Notice::read("# 标题\n正文。\n要求如下：\n");
        assert_eq!(notice.blocks[2], Block::Paragraph("要求如下：".into()));
    }
}
