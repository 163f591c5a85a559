//! A web page → its visible text, one block per line.
//!
//! html5gum tokenizes (it never recurses, so 50 000 nested `<div>`s cost a
//! stack of 50 000 names, not 50 000 frames). Block elements break lines,
//! table cells are joined by tabs, and elements a reader never sees as the
//! article — scripts, styles, `<nav>`, and blocks whose class or id names
//! them as navigation, sharing or footer — are dropped. What is left of the
//! page's chrome is recognised line by line in `parse::chrome`.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};
use regex::Regex;

use crate::source::Hints;

/// The visible text of a page and what its `<head>` says.
pub(crate) struct Page {
    /// One line per block.
    pub text: String,
    /// `<title>` and the `ArticleTitle`/`PubDate`/`ContentSource` meta tags
    /// that Chinese government sites carry.
    pub hints: Hints,
}

/// The charset a page declares in its first bytes, if any.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset")? + "charset".len();
    let value = head[at..].trim_start_matches([' ', '=', '"', '\'']);
    let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
    // A declaration read as ASCII is in no UTF-16 file: as the HTML standard
    // says, a page that declares UTF-16 so is UTF-8.
    Encoding::for_label(&value.as_bytes()[..end])
        .map(|e| if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { e })
}

/// How many open elements an end tag looks through for its start tag.
const MAX_SEARCH: usize = 256;

/// Elements whose content is never the article.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "svg", "iframe", "object", "select", "button", "textarea",
];

/// Elements after which a reader sees a new line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "br",
];

/// Elements that never have content or an end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Class or id words of page furniture. Matched at the start of a word, so
/// `navbar` and `footer-wrap` are furniture and `unavailable` is not.
/// Class and id words are ASCII, so the pattern is too (`-u`).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)(?:^|[\s_-])(?:nav|menu|breadcrumb|crumb|footer|copyright|share|bdshare|sidebar|comment|related|recommend|toolbar|login|qrcode|ewm)",
    )
    .expect("the furniture pattern is valid")
});

/// Extracts the visible text of `html`.
pub(crate) fn extract(html: &str) -> Page {
    let page = walk(html, true);
    // An unclosed furniture element can swallow the article; then read the
    // page without the class and id test.
    if page.text.trim().is_empty() { walk(html, false) } else { page }
}

fn walk(html: &str, drop_furniture: bool) -> Page {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut out = Lines::default();
    let mut hints = Hints::default();
    // Open elements and whether each hides its content.
    let mut open: Vec<(Vec<u8>, bool)> = Vec::new();
    let mut in_title = false;
    let mut title = String::new();

    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        let hidden = open.last().is_some_and(|(_, hidden)| *hidden);
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                let name_str = String::from_utf8_lossy(&name).into_owned();
                if name_str == "meta" {
                    read_meta(&tag, &mut hints);
                }
                if name_str == "title" {
                    in_title = true;
                }
                if !hidden {
                    if BLOCKS.contains(&name_str.as_str()) {
                        out.break_line();
                    } else if name_str == "td" || name_str == "th" {
                        out.cell();
                    }
                }
                if VOID.contains(&name_str.as_str()) {
                    continue;
                }
                let hides = hidden || HIDDEN.contains(&name_str.as_str()) || (drop_furniture && is_furniture(&tag));
                if !tag.self_closing {
                    open.push((name, hides));
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if name == b"title" {
                    in_title = false;
                }
                // An end tag closes the nearest open element of its name. Only
                // the innermost elements are searched: a stray `</span>` under
                // 50 000 open `<div>`s must not cost a scan of all of them.
                let window = open.len().saturating_sub(MAX_SEARCH);
                if let Some(at) = open[window..].iter().rposition(|(open_name, _)| *open_name == name) {
                    open.truncate(window + at);
                }
                let still_hidden = open.last().is_some_and(|(_, hidden)| *hidden);
                if !still_hidden && BLOCKS.contains(&String::from_utf8_lossy(&name).as_ref()) {
                    out.break_line();
                }
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text);
                if in_title {
                    title.push_str(&text);
                } else if !hidden {
                    out.push_text(&text);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    if hints.title.is_none() {
        hints.title = site_title(&title);
    }
    Page { text: out.finish(), hints }
}

/// Reads the meta tags Chinese government sites use for an article's title,
/// date and source.
fn read_meta(tag: &StartTag<()>, hints: &mut Hints) {
    let attribute = |key: &str| {
        tag.attributes
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key.as_bytes()))
            .map(|(_, value)| String::from_utf8_lossy(value).trim().to_string())
    };
    let (Some(name), Some(content)) = (attribute("name"), attribute("content")) else {
        return;
    };
    if content.is_empty() {
        return;
    }
    let slot = match name.to_ascii_lowercase().as_str() {
        "articletitle" => &mut hints.title,
        "pubdate" | "publishdate" | "firstpublishedtime" => &mut hints.published,
        "contentsource" => &mut hints.issuer,
        _ => return,
    };
    slot.get_or_insert(content);
}

fn is_furniture(tag: &StartTag<()>) -> bool {
    tag.attributes.iter().any(|(name, value)| {
        (name.eq_ignore_ascii_case(b"class") || name.eq_ignore_ascii_case(b"id"))
            && FURNITURE.is_match(&String::from_utf8_lossy(value))
    })
}

/// The article's part of a `<title>` like "关于…的通报_青岚县人民政府": the
/// longest of the parts a site joins with `_`, `|` or ` - `, the first of
/// equals (sites put the article first more often than last).
fn site_title(title: &str) -> Option<String> {
    let best = title
        .split(['_', '|', '｜'])
        .flat_map(|part| part.split(" - "))
        .map(str::trim)
        .fold("", |best, part| if part.chars().count() > best.chars().count() { part } else { best });
    (!best.is_empty()).then(|| best.to_string())
}

/// Text assembled line by line, with HTML's whitespace collapsing.
#[derive(Default)]
struct Lines {
    text: String,
    /// Whether the current line has had a cell already.
    cells: bool,
}

impl Lines {
    fn break_line(&mut self) {
        let trimmed = self.text.trim_end_matches(' ').len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.cells = false;
    }

    fn cell(&mut self) {
        if self.cells {
            let trimmed = self.text.trim_end_matches(' ').len();
            self.text.truncate(trimmed);
            self.text.push('\t');
        }
        self.cells = true;
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                let at_start = self.text.is_empty() || self.text.ends_with(['\n', '\t', ' ']);
                if !at_start {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    fn finish(mut self) -> String {
        self.break_line();
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_break_lines_and_scripts_vanish() {
        let page = extract(
            "<html><head><title>关于工作的通报_青岚县人民政府</title><script>var a = '<p>x</p>';</script>\
             <style>p{}</style></head><body><div class='main-nav'>首页 政务公开</div>\
             <p>一、总体  情况</p><p>1.项目<b>建设</b>。</p><table><tr><td>序号</td><td>单位</td></tr></table>\
             <div class=\"bdsharebuttonbox\">分享到</div></body></html>",
        );
        assert_eq!(page.text, "一、总体 情况\n1.项目建设。\n序号\t单位\n");
        assert_eq!(page.hints.title.as_deref(), Some("关于工作的通报"));
    }

    #[test]
    fn meta_tags_give_date_and_source() {
        let page = extract(
            r#"<meta name="PubDate" content="2024-05-10 09:30"><meta name="ContentSource" content="县政府督查室"><p>正文</p>"#,
        );
        assert_eq!(page.hints.published.as_deref(), Some("2024-05-10 09:30"));
        assert_eq!(page.hints.issuer.as_deref(), Some("县政府督查室"));
    }

    #[test]
    fn declared_charset_is_found() {
        let bytes = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#;
        assert_eq!(declared_charset(bytes), Some(encoding_rs::GBK));
    }

    #[test]
    fn an_unclosed_furniture_block_does_not_swallow_the_page() {
        let page = extract("<div id='nav'><p>一、总体情况</p>");
        assert_eq!(page.text, "一、总体情况\n");
    }
}
