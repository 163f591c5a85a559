//! What a document says about itself: its title, date and issuer, and the
//! lines that frame the body (the title line and the 落款).

use std::sync::LazyLock;

use regex::Regex;

use super::chrome::Chrome;
use super::document::Meta;
use super::line::{Line, LineKind};
use crate::date::find_date;
use crate::source::Hints;
use crate::text::{fold_width, trim};

/// Words a title ends in or carries.
const TITLE_WORDS: &[&str] = &[
    "通报",
    "通知",
    "情况",
    "报告",
    "意见",
    "方案",
    "纪要",
    "总结",
    "要点",
    "清单",
    "决定",
    "办法",
    "汇报",
    "公告",
    "通告",
    "简报",
    "专报",
    "快报",
    "督办",
    "督查",
    "台账",
    "规划",
    "计划",
    "安排",
    "工作",
    "公示",
    "红黑榜",
    "排名",
    "结果",
    "考核",
    "评比",
];

/// How a sentence, not a title, begins.
const SENTENCE_OPENINGS: &[&str] = &["现将", "按照", "根据", "为了", "为", "经", "据", "截至", "截止", "各位", "以下"];

/// How many non-blank lines before the first heading may hold the title.
const TITLE_WINDOW: usize = 6;

/// Whether a line reads as a document title: [`title_shaped`], with a title word.
pub(crate) fn title_like(text: &str) -> bool {
    title_shaped(text) && TITLE_WORDS.iter().any(|w| trim(text).contains(w))
}

/// Whether a line has a title's shape: short, no closing punctuation,
/// mostly 汉字, not the opening of a sentence, not an annex, not a date, not
/// a table's header.
pub(crate) fn title_shaped(text: &str) -> bool {
    let text = trim(text);
    let chars = text.chars().count();
    let han = text.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count();
    (4..=80).contains(&chars)
        && han >= 4
        && han * 2 >= chars
        && !text.ends_with(['。', '，', ',', '；', ';', '：', ':', '、', '！', '!', '？', '?'])
        && !text.starts_with(['(', '（', '[', '—', '-'])
        && !SENTENCE_OPENINGS.iter().any(|w| text.starts_with(w))
        && !text.contains("如下")
        && !text.starts_with("附件")
        // A table's header row: cells apart ("街道名称 系统得分 总分 排名", "序号 | 单位").
        && text.split(crate::text::is_space).filter(|part| !part.is_empty()).count() < 3
        && !text.contains(['|', '｜'])
        && find_date(text).is_none_or(|_| !date_only(text))
}

/// The document's meta and the lines it takes from the body.
#[derive(Debug, Default)]
pub(crate) struct Frame {
    /// Title, date, issuer.
    pub meta: Meta,
    /// The lines that are the title, if the title is in the body.
    pub title_lines: Vec<usize>,
    /// The lines of the 落款, in order.
    pub closing: Vec<usize>,
}

/// An office naming itself at the start of a bulletin: "市政府督查室对…"; the
/// name is the office word with the characters before it, back to a space
/// or punctuation (see [`opening_agent`]).
static OPENING_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(督查室|督查办|督察室|督查局|督导室|督办室|督查组|办公室|政府办)(?:对|按照|根据|于|就|会同)")
        .expect("the agent pattern is valid")
});

/// How many paragraphs of the opening may name the office, and the fewest
/// characters such a paragraph has (a site's "沁河影像" is not one).
const OPENING_PARAGRAPHS: usize = 3;
const OPENING_CHARS: usize = 10;

/// The longest name, in characters, before an office word.
const MAX_AGENT_PREFIX: usize = 24;

/// The office a line opens with as its agent, `市政府督查室` in
/// "市政府督查室对全市重点工作进行了督查": two to [`MAX_AGENT_PREFIX`]
/// characters before the office word, none of them a space or punctuation.
fn opening_agent(line: &str) -> Option<&str> {
    let separator = |c: char| crate::text::is_space(c) || ",，。;；:：“”《》()（）".contains(c);
    OPENING_AGENT.captures_iter(line).find_map(|found| {
        let office = found.get(1)?;
        let before = &line[..office.start()];
        let name: Vec<char> = before.chars().rev().take_while(|&c| !separator(c)).take(MAX_AGENT_PREFIX).collect();
        let start = office.start() - name.iter().map(|c| c.len_utf8()).sum::<usize>();
        (name.len() >= 2).then(|| &line[start..office.end()])
    })
}

/// Reads the frame of a document from its classified lines, what the
/// chrome said and what the container said.
pub(crate) fn frame(lines: &[Line<'_>], chrome: &Chrome, hints: &Hints) -> Frame {
    let content: Vec<usize> =
        (0..lines.len()).filter(|&i| chrome.content[i] && !matches!(lines[i].kind, LineKind::Blank)).collect();
    let before_heading: Vec<usize> =
        content.iter().copied().take_while(|&i| matches!(lines[i].kind, LineKind::Paragraph { .. })).collect();

    // The title is before the body's first sentence; a site's metadata or page head names it first.
    let window: Vec<usize> =
        before_heading.iter().copied().take_while(|&i| !is_sentence(lines[i].text)).take(TITLE_WINDOW).collect();
    // A title after an introduction ("…现将情况通报如下：贵池区1-7月份…通报"):
    // a line with a title's words among the first lines, if none stands before.
    let after_intro = || {
        before_heading.iter().copied().take(TITLE_WINDOW).find(|&i| !window.contains(&i) && title_like(lines[i].text))
    };
    let declared = chrome.title_field.clone().or_else(|| chrome.title.clone());
    let same = |i: usize, title: &str| plain(lines[i].text) == plain(title);
    let (title_lines, title) = match &declared {
        // The body repeats the declared title: that line is the title's, not the body's.
        Some(title) => (window.iter().copied().filter(|&i| same(i, title)).take(1).collect(), Some(title.clone())),
        None => match split_title(lines, &window) {
            Some(text) => (window[..2].to_vec(), Some(text)),
            None => {
                let line = window.iter().copied().find(|&i| title_like(lines[i].text)).or_else(after_intro);
                (line.into_iter().collect(), line.map(|i| trim(lines[i].text).to_string()))
            }
        },
    };
    let closing = closing(lines, &content);
    let closing_date = closing.last().and_then(|&i| find_date(lines[i].text));
    let closing_issuer = (closing.len() == 2).then(|| trim(lines[closing[0]].text).to_string());
    // The office's own words are the last resort, read only when needed, and
    // only in the opening: further on, an office named is one the text tells of
    // ("同时，组织县处级领导和督查组对…").
    let opening_agent = || {
        before_heading
            .iter()
            .filter(|&&i| !title_lines.contains(&i) && lines[i].text.chars().count() >= OPENING_CHARS)
            .take(OPENING_PARAGRAPHS)
            .find_map(|&i| opening_agent(lines[i].text).map(str::to_string))
    };

    let meta = Meta {
        title: title.or_else(|| hints.title.clone()),
        published: chrome.published.or_else(|| hints.published.as_deref().and_then(find_date)).or(closing_date),
        issuer: chrome.issuer.clone().or_else(|| hints.issuer.clone()).or(closing_issuer).or_else(opening_agent),
    };
    Frame { meta, title_lines, closing }
}

/// A title written over two lines — "关于2017年第一季度乡镇财政收入" /
/// "完成情况的通报" — as the first two lines of the window: the first a
/// title's start without its ending, the second ending as a title does.
fn split_title(lines: &[Line<'_>], window: &[usize]) -> Option<String> {
    let (&first, &second) = (window.first()?, window.get(1)?);
    let (a, b) = (trim(lines[first].text), trim(lines[second].text));
    let joined = format!("{a}{b}");
    let opens = a.starts_with("关于") || a.chars().next().is_some_and(|c| c.is_ascii_digit());
    (opens && !title_like(a) && title_shaped(a) && TITLE_ENDINGS.iter().any(|w| b.ends_with(w)) && title_like(&joined))
        .then_some(joined)
}

/// How a title ends: "…的通报", "…情况".
const TITLE_ENDINGS: &[&str] = &["通报", "情况", "通知", "报告", "公示", "公告", "意见", "方案", "决定", "纪要"];

/// A line of body text, not a title: long, with a sentence's stop.
fn is_sentence(text: &str) -> bool {
    text.chars().count() >= 60 && text.contains(['。', '，', ','])
}

/// A title as compared: widths folded, spaces dropped.
fn plain(text: &str) -> String {
    fold_width(text).chars().filter(|c| !crate::text::is_space(*c)).collect()
}

/// The 落款 at the end: a date line, and the issuing body's line above it.
fn closing(lines: &[Line<'_>], content: &[usize]) -> Vec<usize> {
    let Some(&last) = content.last() else { return Vec::new() };
    if !date_only(lines[last].text) || !matches!(lines[last].kind, LineKind::Paragraph { .. }) {
        return Vec::new();
    }
    match content.len().checked_sub(2).map(|i| content[i]) {
        Some(above) if body_name(lines[above].text) && matches!(lines[above].kind, LineKind::Paragraph { .. }) => {
            vec![above, last]
        }
        _ => vec![last],
    }
}

/// A line that holds a date and nothing else.
fn date_only(text: &str) -> bool {
    let folded = fold_width(trim(text));
    folded.chars().count() <= 24
        && find_date(&folded).is_some()
        && folded.chars().all(|c| c.is_ascii_digit() || "年月日〇零一二三四五六七八九十 -/.()（）".contains(c))
}

/// A line that names an office: short, no punctuation, an office's last word.
fn body_name(text: &str) -> bool {
    let text = trim(text);
    let chars = text.chars().count();
    (2..=30).contains(&chars)
        && !text.contains(['。', '，', ',', '；', ';', '：', ':'])
        && text.ends_with([
            '室', '办', '局', '委', '府', '心', '组', '会', '部', '厅', '院', '处', '科', '司', '团', '站', '所', '队',
            '社',
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_sentences() {
        assert!(title_like("关于县政府2024年第5、6次常务会议确定事项落实情况的通报"));
        assert!(title_like("2024年县政府重点工作前三季度推进情况"));
        assert!(!title_like("现将9月份全县“六大攻坚”工作情况通报如下:"));
        assert!(!title_like("按照县政府工作安排,县政府办对常务会议议定事项开展跟踪督查。"));
        assert!(!title_like("各位代表:"));
        assert!(!title_like("（2024年5月10日）"));
    }

    #[test]
    fn an_office_opening_the_bulletin() {
        assert_eq!(opening_agent("县政府督查室对全县重点工作进行了督查"), Some("县政府督查室"));
        assert_eq!(opening_agent("近日，青岚县政府办公室会同有关部门开展督查"), Some("青岚县政府办公室"));
        assert_eq!(opening_agent("按照要求，县政府办公室督查室根据年度安排"), Some("县政府办公室督查室"));
        // one character is not a name; a long run keeps its last 24
        assert_eq!(opening_agent("，县督查室对"), None);
        let long = format!("{}督查室对", "青".repeat(30));
        assert_eq!(opening_agent(&long).map(|n| n.chars().count()), Some(27));
        assert_eq!(opening_agent("督查室工作要求"), None);
    }

    #[test]
    fn an_office_told_of_further_on_is_not_the_issuer() {
        let issuer = |text: &str| {
            let source = crate::source::SourceText::new(
                std::path::Path::new("t.txt"),
                crate::source::Format::Text,
                "UTF-8",
                String::new(),
                text.to_string(),
            );
            crate::parse::parse(&source).output.meta.issuer
        };
        let opening = "县政府督查室对全县重点工作进行了督查，现将情况通报如下。\n";
        assert_eq!(issuer(opening).as_deref(), Some("县政府督查室"));
        let later = "近日各乡镇按要求报送了重点工作进展。\n多数乡镇进展顺利，个别乡镇进展缓慢。\n\
                     下一步将加大力度推进，确保完成全年任务。\n同时，组织县处级领导和督查组对各单位进行督导。\n";
        assert_eq!(issuer(later), None);
    }

    #[test]
    fn dates_and_office_names_of_a_closing() {
        assert!(date_only("2024年5月10日"));
        assert!(date_only("　　二〇二四年五月十日"));
        assert!(!date_only("5月10日前完成"));
        assert!(body_name("青岚县人民政府督查室"));
        assert!(!body_name("县政府办负责，县财政局配合。"));
    }
}
