//! Web and forum chrome: the parts of a saved page that are not the bulletin.
//!
//! Bulletins are copied from government sites, WeChat articles and forums,
//! and arrive wrapped in navigation, 来源/发布时间 lines, share widgets, user
//! panels, login prompts and footers. They are recognised here by general
//! patterns, all in the tables below, on a width-folded copy of each line:
//!
//! * **strong** lines are web furniture wherever they stand (`打印 关闭`,
//!   `手机扫一扫`, `Powered by`, `查看: 157|回复: 0`);
//! * **weak** lines look like furniture but could be content (`主办|…`,
//!   `编辑：…`), so they are dropped only in the page's head or tail;
//! * **meta** lines carry the article's fields (`来源:… 发布时间:…`); the
//!   last one before the first heading ends the page head, and everything
//!   in the head but the title is dropped;
//! * a **terminator** (`新闻推荐`, `上一篇`, `发表评论`) starts the related-news
//!   or comment block: it and everything after it go.
//!
//! What chrome says that is useful — title, publication date, source — is
//! kept for [`Meta`](super::Meta).
//!
//! The patterns read folded text, where every space is ` ` and every digit
//! ASCII, so they say ` ` and `[0-9]`: Unicode `\s` and `\d` would make
//! each one several times as costly to build, on every run.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::line::{Line, LineKind};
use super::meta::{title_like, title_shaped};
use crate::date::{Date, find_date};
use crate::text::{fold_width, trim};

/// Furniture wherever it stands.
const STRONG: &[&str] = &[
    // navigation
    r"^(当前位置|您的位置|您现在的位置|您当前的位置|您现在所在的位置|所在位置|现在位置) *[:>]",
    r"^首页 *[>»/]",
    r"设为首页|加入收藏|收藏本站|网站地图|无障碍浏览|长者模式|返回首页",
    // page tools, alone on their line
    r"^( |[|/>»·•:()\[\]【】]|打印本页|我要打印|打印|关闭窗口|关闭|收藏|保存|分享|字号|大|中|小|默认|返回顶部|返回列表|快速回复|登录|立即注册|注册|找回密码|微信|微博|官方微博|微信公众号|公众号|QQ空间|在线咨询|客服中心)+$",
    r"扫一扫|扫描二维码|扫码阅读|手机阅读|分享到",
    // a picture's caption: "▲沁水电信公司…书面检查"
    r"^[▲△▼]",
    // forum posts and user panels
    r"^查看 *: *[0-9]+ *\| *回复",
    r"显示全部楼层|只看该作者|阅读模式$|TA的每日心情|签到天数|本帖最后由|使用道具|^\[?复制链接\]?$",
    r"^\[LV\.[0-9]+\]|Rank: *[0-9]",
    r"^(楼主|沙发|板凳|地板|主题|帖子|积分|版主|精华|金钱|威望|贡献|好友|发消息|UID|回复|举报|引用|评分)$",
    // footers
    r"Powered by|Copyright|©|\(c\) *[0-9]{4}|版权所有|ICP备|ICP证|公网安备|网站标识码|技术支持 *[:|]|本版积分规则",
];

/// A number alone on its line: a forum counter or a page number of text
/// converted from PDF — unless the lines around it are numbers too, as in a
/// table flattened one cell a line.
const NUMBER_ALONE: &str = r"^[-—–]? *[0-9]+(\.[0-9]+)? *万? *[-—–]?$";

/// Furniture only in the page's head or tail.
const WEAK: &[&str] = &[
    r"^(网络编辑|责任编辑|信息审核|编辑|审核|校对|初审|复审|终审|审稿|撰稿|供稿|摄影|通讯员|作者) *[:|]",
    r"^(主办|承办|协办|主管|联系电话|电话|传真|地址|邮编|邮箱|联系我们|在线时间|联系方式) *([:|]|$)",
    r"^周[一二三四五六日] *[-~至] *周[一二三四五六日]$|^[0-9]{1,2}:[0-9]{2} *- *[0-9]{1,2}:[0-9]{2}$",
];

/// Where the related-news, comment or login block starts.
const TERMINATORS: &[&str] = &[
    r"^(新闻推荐|相关新闻|相关阅读|相关文章|相关链接|相关推荐|延伸阅读|推荐阅读|热点新闻|热门文章|猜你喜欢|发表评论|网友评论|我要评论|上一篇|下一篇|您需要登录后才可以)",
];

/// Article fields of a meta line, each followed by its separator.
const FIELD: &str = r"(信息来源|文章来源|稿件来源|来源|作者|发布时间|发布日期|信息时间|更新时间|发文日期|成文日期|时间|日期|阅读次数|阅读量|阅读|浏览次数|浏览|点击数|点击量|点击|访问量|字号|标题|名称|索引号|发布机构|公开目录|主题分类|体裁分类|组配分类|文号|发文字号|浏览量|生成日期) *[:|]";

/// Fields that date a publication, as opposed to an event.
const PUBLICATION_KEYS: &[&str] = &["发布时间", "发布日期", "信息时间", "更新时间", "发文日期"];

/// Fields a page's script fills with a count (阅读 123): left empty in a saved page.
const COUNTER_KEYS: &[&str] =
    &["阅读次数", "阅读量", "阅读", "浏览次数", "浏览", "点击数", "点击量", "点击", "访问量", "浏览量"];

/// Page tools that share a meta line with the fields.
const TOOLS: &str = r"打印|保存|收藏|关闭|分享|字号|字体|\[ *大 *中 *小 *\]|【 *大 *中 *小 *】";

/// The title a site's metadata gives: `标题: | …`, `名称:…`.
const TITLE_FIELD: &str = r"^(?:标题|名称) *[:|] *\|? *([^|]+?) *(?:\||文号|$)";

/// A publication stamp: a date and a time of day on a short line
/// (`2021-05-18 09:08`, `梨树县人民政府 2021-07-27 11:22:00`, `05-14 15:59`).
const STAMP: &str = r"(?:^|[^0-9])(?:[0-9]{4}-)?[0-9]{1,2}-[0-9]{1,2} +[0-9]{1,2}:[0-9]{2}";

/// The source a meta line names: `来源:区政府办`, `主办|…`.
const SOURCE: &str = r"(?:信息来源|文章来源|稿件来源|来源|发布机构|发文机关) *[:|] *([^ |【】\[\]:]+)";
/// The site's owner, the source of last resort: `主办|…`.
const HOST: &str = r"^主办 *[:|] *([^ |【】\[\]:]+)";

/// A forum post's header: `发表于 2024-3-14 21:07:39`.
const POSTED: &str = r"^发表于 *[0-9]{4}";

/// The longest line that may be chrome; longer lines are always content.
const MAX_CHROME_CHARS: usize = 160;
/// The page head ends within this many lines, or there is none.
const MAX_HEAD_LINES: usize = 60;

/// The patterns, each compiled the first time a line needs it: a short
/// bulletin needs few of them, and compiling them is most of its run.
struct Patterns {
    /// STRONG, then WEAK, then TERMINATORS, in one set: one pass per line.
    furniture: LazyLock<RegexSet>,
    field: LazyLock<Regex>,
    tools: LazyLock<Regex>,
    source: LazyLock<Regex>,
    host: LazyLock<Regex>,
    posted: LazyLock<Regex>,
    forum_title: LazyLock<Regex>,
    number_alone: LazyLock<Regex>,
    title_field: LazyLock<Regex>,
    stamp: LazyLock<Regex>,
}

/// A pattern of this file; they are all tested, so a bad one is a bug.
fn pattern(pattern: &str) -> Regex {
    Regex::new(pattern).expect("chrome patterns are valid")
}

static PATTERNS: Patterns = Patterns {
    furniture: LazyLock::new(|| {
        RegexSet::new(STRONG.iter().chain(WEAK).chain(TERMINATORS)).expect("chrome patterns are valid")
    }),
    field: LazyLock::new(|| pattern(FIELD)),
    tools: LazyLock::new(|| pattern(TOOLS)),
    source: LazyLock::new(|| pattern(SOURCE)),
    host: LazyLock::new(|| pattern(HOST)),
    posted: LazyLock::new(|| pattern(POSTED)),
    forum_title: LazyLock::new(|| pattern(r"^\[[^\]]{1,8}\] *")),
    number_alone: LazyLock::new(|| pattern(NUMBER_ALONE)),
    title_field: LazyLock::new(|| pattern(TITLE_FIELD)),
    stamp: LazyLock::new(|| pattern(STAMP)),
};

/// What a line looks like, as chrome goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Content,
    Strong,
    Weak,
    Meta,
    Terminator,
    /// A number alone, told apart by its neighbours ([`numbers_in_tables`]).
    Number,
}

/// The result of the chrome pass.
#[derive(Debug, Default)]
pub(crate) struct Chrome {
    /// Per line: whether it is part of the bulletin.
    pub content: Vec<bool>,
    /// The article title the page head shows.
    pub title: Option<String>,
    /// The title a metadata table gives (`标题: | …`), which beats the head's.
    pub title_field: Option<String>,
    /// The publication date a meta line gives.
    pub published: Option<Date>,
    /// The source a meta line gives.
    pub issuer: Option<String>,
}

/// Marks which lines are the bulletin and collects what the chrome says.
pub(crate) fn strip(lines: &[Line<'_>]) -> Chrome {
    let p = &PATTERNS;
    // Only lines short enough to be chrome are folded and scanned; the
    // folded copies are not kept (a large input would hold a second copy of
    // its short lines), and the few lines read again below are folded again.
    let folded = |index: usize| -> Option<Cow<'_, str>> {
        let line = &lines[index];
        let text = trim(line.text);
        let short = !matches!(line.kind, LineKind::Heading { .. }) && text.chars().nth(MAX_CHROME_CHARS).is_none();
        short.then(|| fold_width(text))
    };
    let mut kinds: Vec<Kind> = (0..lines.len()).map(|i| folded(i).map_or(Kind::Content, |t| kind(p, &t))).collect();
    numbers_in_tables(lines, &mut kinds);
    let mut chrome = Chrome { content: vec![true; lines.len()], ..Chrome::default() };

    // The page head: up to the last meta line before the first heading and
    // before the first sentence of the body (a 信息来源 line after the
    // article is its tail, not its head).
    let first_heading = lines.iter().position(|l| matches!(l.kind, LineKind::Heading { .. })).unwrap_or(lines.len());
    let first_sentence =
        (0..lines.len()).find(|&i| kinds[i] == Kind::Content && is_sentence(lines[i].text)).unwrap_or(lines.len());
    let head_end = kinds[..first_heading.min(first_sentence).min(MAX_HEAD_LINES).min(lines.len())]
        .iter()
        .rposition(|&k| k == Kind::Meta)
        .map_or(0, |i| i + 1);
    // Its title: the first line that reads as one, by its title words if
    // any line has them (a news page's headline may have none).
    let mut shaped = None;
    for (index, &k) in kinds.iter().enumerate().take(head_end) {
        chrome.content[index] = false;
        if let (Kind::Content, Some(text)) = (k, folded(index)) {
            let candidate = p.forum_title.replace(&text, "").into_owned();
            if chrome.title.is_none() && title_like(&candidate) {
                chrome.title = Some(candidate);
            } else if shaped.is_none() && title_shaped(&candidate) && candidate.chars().count() >= 8 {
                shaped = Some(candidate);
            }
        }
    }
    chrome.title = chrome.title.or(shaped);

    // The related-news block, once the body has begun.
    let is_text = |i: usize| kinds[i] == Kind::Content && !matches!(lines[i].kind, LineKind::Blank);
    let body = (head_end..lines.len()).find(|&i| is_text(i)).unwrap_or(lines.len());
    let end = (body..lines.len()).find(|&i| kinds[i] == Kind::Terminator).unwrap_or(lines.len());
    for flag in &mut chrome.content[end..] {
        *flag = false;
    }

    // The tail: furniture of any strength back from the end.
    for index in (head_end..end).rev() {
        if is_text(index) {
            break;
        }
        chrome.content[index] = false;
    }

    // Strong furniture and terminators anywhere.
    for (index, &k) in kinds.iter().enumerate() {
        if matches!(k, Kind::Strong | Kind::Terminator) {
            chrome.content[index] = false;
        }
    }

    // What the meta lines say, wherever they are; the head's first.
    for (index, &k) in kinds.iter().enumerate() {
        let informative = k == Kind::Meta || (k == Kind::Weak && !chrome.content[index]);
        let Some(text) = informative.then(|| folded(index)).flatten() else { continue };
        let text = text.as_ref();
        if chrome.published.is_none() && (p.field.is_match(text) || p.posted.is_match(text)) {
            chrome.published = find_date(text);
        }
        let source = p.source.captures(text).or_else(|| p.host.captures(text));
        if let Some(found) = source.and_then(|c| c.get(1)) {
            chrome.issuer.get_or_insert_with(|| found.as_str().to_string());
        }
        // A metadata table's 标题 is the title, wherever the table stands.
        if let Some(found) = p.title_field.captures(text).and_then(|c| c.get(1)) {
            let title = trim(found.as_str());
            if title_shaped(title) {
                chrome.title_field.get_or_insert_with(|| title.to_string());
            }
        }
        // A field's name alone on its line ("• 标题"): its value is the next line.
        if matches!(field_alone(text), Some("标题" | "名称"))
            && let Some(value) = (index + 1..lines.len()).find(|&i| !matches!(lines[i].kind, LineKind::Blank))
            && let Some(value) = folded(value)
        {
            let title = trim(value.trim_start_matches(BULLETS));
            if title_shaped(title) {
                chrome.title_field.get_or_insert_with(|| title.to_string());
            }
        }
    }
    chrome
}

/// The shortest line of body text, in characters, that reads as a sentence.
const SENTENCE_CHARS: usize = 60;

/// Whether a line is a sentence of the body: long, with a sentence's stop.
fn is_sentence(text: &str) -> bool {
    text.chars().count() >= SENTENCE_CHARS && text.contains(['。', '，', ','])
}

/// A number alone is furniture, unless the nearest line with text before
/// or after it is a number alone too: then it is a table's cell.
fn numbers_in_tables(lines: &[Line<'_>], kinds: &mut [Kind]) {
    let texts: Vec<usize> = (0..lines.len()).filter(|&i| !matches!(lines[i].kind, LineKind::Blank)).collect();
    let numbers: Vec<bool> = texts.iter().map(|&i| kinds[i] == Kind::Number).collect();
    for (at, &index) in texts.iter().enumerate() {
        if kinds[index] != Kind::Number {
            continue;
        }
        let neighbour = (at > 0 && numbers[at - 1]) || numbers.get(at + 1).copied().unwrap_or(false);
        kinds[index] = if neighbour { Kind::Content } else { Kind::Strong };
    }
}

/// Marks that open the entries of a site's metadata list: "• 标题".
const BULLETS: &[char] = &['•', '·', '●', '◆', '■', ' '];

/// The field a line names and nothing else ("• 标题", "发布机构"), from a
/// site's metadata list that puts each value on the line after its name.
fn field_alone(text: &str) -> Option<&'static str> {
    const FIELDS: &[&str] = &[
        "标题",
        "名称",
        "索引号",
        "主题分类",
        "体裁分类",
        "组配分类",
        "发布机构",
        "成文日期",
        "发布日期",
        "发文字号",
        "文号",
        "有效性",
        "发文机关",
        "主题词",
        // A page's type-size switch whose 大 中 小 a saved page lost.
        "字号",
    ];
    let name = trim(text.trim_start_matches(BULLETS)).trim_end_matches([':', '：']);
    // Sites space a short name out to align it ("有 效 性", "字  号").
    let name: Cow<'_, str> =
        if name.contains(' ') { name.chars().filter(|&c| c != ' ').collect::<String>().into() } else { name.into() };
    FIELDS.iter().copied().find(|f| *f == name)
}

/// What a short, width-folded line is.
fn kind(p: &Patterns, text: &str) -> Kind {
    if p.number_alone.is_match(text) {
        return Kind::Number;
    }
    if field_alone(text).is_some() {
        return Kind::Meta;
    }
    let matched = p.furniture.matches(text);
    let (strong, weak) = (STRONG.len(), STRONG.len() + WEAK.len());
    if matched.iter().any(|i| i >= weak) {
        return Kind::Terminator;
    }
    // Fields need a separator; most lines have none and skip the scan.
    let keys: Vec<&str> = if text.contains([':', '|']) {
        p.field.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect()
    } else {
        Vec::new()
    };
    let fields = keys.len();
    let short = text.chars().count() <= 40;
    // A bare 时间/日期 field may open a meeting notice; a publication date may not.
    let published = keys.iter().any(|k| PUBLICATION_KEYS.contains(k)) && find_date(text).is_some();
    let tools = || p.tools.is_match(text);
    // A page's counter left empty ("| 点击:"): its script fills it in a browser.
    let empty_counter = fields == 1
        && keys.iter().all(|k| COUNTER_KEYS.contains(k))
        && p.field.replace(text, "").trim_matches(|c: char| c == '|' || crate::text::is_space(c)).is_empty();
    if fields >= 2 || (fields == 1 && (tools() || (published && short))) || empty_counter || p.posted.is_match(text) {
        return Kind::Meta;
    }
    if matched.iter().any(|i| i < strong) {
        return Kind::Strong;
    }
    if fields == 1 && short && (p.source.is_match(text) || p.title_field.is_match(text)) {
        return Kind::Meta;
    }
    if text.chars().count() <= 50 && p.stamp.is_match(text) {
        return Kind::Meta;
    }
    if matched.matched_any() {
        return Kind::Weak;
    }
    Kind::Content
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn lines(texts: &[&'static str]) -> Vec<Line<'static>> {
        texts
            .iter()
            .map(|&text| {
                let kind = if text.starts_with("一、") {
                    LineKind::Heading {
                        numeral: Box::new(crate::parse::Numeral {
                            level: crate::parse::Level::Hanzi,
                            number: "一".into(),
                            value: Some(1),
                            span: Span::default(),
                        }),
                        rest: Span::default(),
                        or_decimal: false,
                    }
                } else if text.trim().is_empty() {
                    LineKind::Blank
                } else {
                    LineKind::Paragraph { text: Span::default() }
                };
                Line { span: Span::default(), text, kind }
            })
            .collect()
    }

    fn kept(texts: &[&'static str]) -> (Vec<&'static str>, Chrome) {
        let lines = lines(texts);
        let chrome = strip(&lines);
        let kept = texts.iter().zip(&chrome.content).filter(|(_, keep)| **keep).map(|(t, _)| *t).collect();
        (kept, chrome)
    }

    #[test]
    fn a_government_page() {
        let (kept, chrome) = kept(&[
            "您现在的位置：首页 > 政务公开 > 督查督办",
            "关于全县重点工作落实情况的通报",
            "信息来源：县政府督查室　　发布时间：２０２４－０５－１０　　【字体：大 中 小】【打印】",
            "现将有关情况通报如下：",
            "一、总体情况",
            "编辑：王某",
            "【打印本页】【关闭窗口】",
            "扫一扫在手机打开当前页",
            "主办：青岚县人民政府办公室　　技术支持：某某科技",
            "网站标识码：1234567890",
        ]);
        assert_eq!(kept, ["现将有关情况通报如下：", "一、总体情况"]);
        assert_eq!(chrome.title.as_deref(), Some("关于全县重点工作落实情况的通报"));
        assert_eq!(chrome.published.map(|d| d.to_string()).as_deref(), Some("2024-05-10"));
        assert_eq!(chrome.issuer.as_deref(), Some("县政府督查室"));
    }

    #[test]
    fn a_forum_post() {
        let (kept, chrome) = kept(&[
            "设为首页收藏本站",
            "查看: 88|回复: 1",
            "[江南] 2024年青岚县政府工作报告",
            "[复制链接]",
            "TA的每日心情",
            "开心",
            "签到天数: 12 天",
            "发表于 2024-2-1 09:12:13 | 显示全部楼层 |阅读模式",
            "各位代表：",
            "一、工作回顾",
            "您需要登录后才可以回帖 登录 | 立即注册",
            "客服中心",
        ]);
        assert_eq!(kept, ["各位代表：", "一、工作回顾"]);
        assert_eq!(chrome.title.as_deref(), Some("2024年青岚县政府工作报告"));
        assert_eq!(chrome.published.map(|d| d.to_string()).as_deref(), Some("2024-02-01"));
    }

    #[test]
    fn a_page_counter_left_empty() {
        // A counter is the page's; a bare 时间： may open a meeting notice's line.
        let (kept, chrome) = kept(&["关于全县重点工作落实情况的通报", "| 点击:", "阅读：", "时间：", "正文。"]);
        assert_eq!(kept, ["时间：", "正文。"]);
        assert_eq!(chrome.title.as_deref(), Some("关于全县重点工作落实情况的通报"));
    }

    #[test]
    fn weak_lines_inside_the_body_stay() {
        let (kept, _) = kept(&["一、总体情况", "主办：县发改局", "协办单位：县财政局", "正文继续。"]);
        assert_eq!(kept, ["一、总体情况", "主办：县发改局", "协办单位：县财政局", "正文继续。"]);
    }

    #[test]
    fn a_terminator_before_the_body_cuts_nothing() {
        let (kept, _) =
            kept(&["上一篇：关于春耕的通知", "一、总体情况", "正文。", "下一篇：关于夏收的通知", "夏收正文。"]);
        assert_eq!(kept, ["一、总体情况", "正文。"]);
    }
}
