//! How far an item has got, by the words of its status: done, in progress,
//! behind. A report often says several things ("已完成改造2个，正在施工4个，
//! 2个未开工"); every signal is kept, and the item's state is the most
//! pressing one — behind before in progress before done.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};

use super::facts::{Pair, Quantity, Signal, State};
use crate::parse::Paragraph;

/// Words of shortfall, most telling first where two start at one place.
const SHORTFALL: &[&str] = &[
    "未开工",
    "未完成",
    "未达到",
    "未实现",
    "未启动",
    "未办理",
    "未落实",
    "未到位",
    "未出台",
    "未印发",
    "尚未",
    "没有实质性进展",
    "进展较慢",
    "进展缓慢",
    "推进缓慢",
    "进度缓慢",
    "进度滞后",
    "滞后",
    "差目标",
    "差任务",
    "差计划",
    "差距",
    "尚差",
    "还差",
    "仍差",
    "落后于",
    "低于序时",
    "慢于序时",
    "欠序时",
    "欠进度",
];

/// Words of work under way.
const IN_PROGRESS: &[&str] = &[
    "正在",
    "加快推进",
    "有序推进",
    "持续推进",
    "积极推进",
    "稳步推进",
    "扎实推进",
    "推进中",
    "进行中",
    "办理中",
    "在建",
    "持续",
    "即将",
];

/// What is done after 已, 已经 or 已于…: 已完成, 已经印发, 已于8月4日召开.
const DONE_VERBS: &[&str] = &[
    "完成", "印发", "召开", "建成", "投产", "出台", "批复", "上线", "办结", "落实", "通过", "制定", "开通", "提请",
    "实施", "竣工", "完工", "挂牌", "验收", "签订", "获批",
];

/// Words of work done that need no 已.
const DONE_WORDS: &[&str] =
    &["全部完成", "均已完成", "全面完成", "提前完成", "超额完成", "印发了", "召开了", "制定了", "出台了"];

/// The most characters between 已于 and its verb ("已于8月4日印发").
const DONE_WHEN_CHARS: usize = 16;

/// What ends the words between 已于 and its verb.
fn ends_done_when(c: char) -> bool {
    matches!(c, '，' | ',' | '。' | '；' | ';')
}

struct Words {
    shortfall: AhoCorasick,
    in_progress: AhoCorasick,
    /// 已V, 已经V and [`DONE_WORDS`]; 已于…V is found by [`done`].
    done: AhoCorasick,
    verbs: AhoCorasick,
}

/// An automaton of `words` that finds what an alternation of them would.
/// The quickest kind to build: a DFA (the default for so few words) costs
/// more to build than a status paragraph or two take to search.
fn automaton(words: impl IntoIterator<Item = String>, start: StartKind) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .start_kind(start)
        .build(words)
        .expect("the state words make an automaton")
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let owned = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let after_yi = DONE_VERBS.iter().flat_map(|v| [format!("已经{v}"), format!("已{v}")]);
    Words {
        shortfall: automaton(owned(SHORTFALL), StartKind::Unanchored),
        in_progress: automaton(owned(IN_PROGRESS), StartKind::Unanchored),
        done: automaton(after_yi.chain(owned(DONE_WORDS)), StartKind::Unanchored),
        verbs: automaton(owned(DONE_VERBS), StartKind::Anchored),
    }
});

/// Where [`DONE_VERBS`] said after 已于 and at most [`DONE_WHEN_CHARS`]
/// characters without a break ends, for 已于 at the start of `text`.
fn done_when(words: &Words, text: &str) -> Option<usize> {
    let rest = text.strip_prefix("已于")?;
    let mut at = text.len() - rest.len();
    for c in rest.chars().take(DONE_WHEN_CHARS + 1) {
        let input = aho_corasick::Input::new(&text[at..]).anchored(aho_corasick::Anchored::Yes);
        if let Some(verb) = words.verbs.find(input) {
            return Some(at + verb.end());
        }
        if ends_done_when(c) {
            return None;
        }
        at += c.len_utf8();
    }
    None
}

/// The words of work done in `text`, leftmost first, as one pattern reads
/// them: 已经V, 已于…V, 已V, then the words that need no 已.
fn done(words: &Words, text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let word = words.done.find(&text[from..]).map(|m| from + m.start()..from + m.end());
        let before = word.as_ref().map_or(text.len(), |w| w.start);
        let when = text[from..before]
            .match_indices("已于")
            .find_map(|(at, _)| done_when(words, &text[from + at..]).map(|end| from + at..from + at + end));
        let Some(next) = when.or(word) else { break };
        from = next.end;
        found.push(next);
    }
    found
}

/// The signals in a status and the state they add up to; `None` when there
/// is no status (the item is not reported).
pub(crate) fn state(status: &[&Paragraph]) -> (State, Vec<Signal>) {
    if status.is_empty() {
        return (State::NotReported, Vec::new());
    }
    let words = &*WORDS;
    let mut signals = Vec::new();
    for paragraph in status {
        let text = paragraph.text.as_str();
        let of = |automaton: &AhoCorasick| automaton.find_iter(text).map(|m| m.range()).collect::<Vec<_>>();
        for (state, found) in [
            (State::Shortfall, of(&words.shortfall)),
            (State::InProgress, of(&words.in_progress)),
            (State::Done, done(words, text)),
        ] {
            for at in found {
                let span = crate::source::Span::new(paragraph.span.start + at.start, paragraph.span.start + at.end);
                signals.push(Signal { state, text: text[at].to_string(), span });
            }
        }
    }
    signals.sort_by_key(|s| s.span.start);
    let has = |state: State| signals.iter().any(|s| s.state == state);
    let state =
        [State::Shortfall, State::InProgress, State::Done].into_iter().find(|&s| has(s)).unwrap_or(State::Unknown);
    (state, signals)
}

/// When a report has no word of state ("新开通5G基站196个"), its figures
/// tell it: done when every target is reached, in progress otherwise; the
/// actuals are the signals. `Unknown` when nothing is paired.
pub(crate) fn from_figures(quantities: &[Quantity], pairs: &[Pair]) -> (State, Vec<Signal>) {
    if pairs.is_empty() {
        return (State::Unknown, Vec::new());
    }
    let state = if pairs.iter().all(|p| p.progress >= 1.0) { State::Done } else { State::InProgress };
    let signals = pairs
        .iter()
        .map(|p| Signal { state, text: quantities[p.actual].text.clone(), span: quantities[p.actual].span })
        .collect();
    (state, signals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn of(text: &str) -> State {
        let paragraph = Paragraph { text: text.into(), span: Span::new(0, text.len()) };
        state(&[&paragraph]).0
    }

    /// The patterns the automata replaced, as the oracle of what they find.
    fn oracle() -> [regex::Regex; 3] {
        [
            r"未开工|未完成|未达到|未实现|未启动|未办理|未落实|未到位|未出台|未印发|尚未|没有实质性进展|进展较慢|进展缓慢|推进缓慢|进度缓慢|进度滞后|滞后|差(目标|任务|计划|距)|尚差|还差|仍差|落后于|低于序时|慢于序时|欠(序时|进度)",
            r"正在|加快推进|有序推进|持续推进|积极推进|稳步推进|扎实推进|推进中|进行中|办理中|在建|持续|即将",
            r"已(经|于[^，,。；;]{0,16}?)?(完成|印发|召开|建成|投产|出台|批复|上线|办结|落实|通过|制定|开通|提请|实施|竣工|完工|挂牌|验收|签订|获批)|全部完成|均已完成|全面完成|提前完成|超额完成|印发了|召开了|制定了|出台了",
        ]
        .map(|p| regex::Regex::new(p).unwrap())
    }

    #[test]
    fn the_automata_find_what_the_patterns_found() {
        const PIECES: &[&str] = &[
            "已",
            "于",
            "经",
            "完成",
            "印发",
            "召开",
            "8月4日",
            "，",
            "。",
            "；",
            "全部完成",
            "均",
            "未",
            "开工",
            "差",
            "目标",
            "距",
            "欠",
            "序时",
            "进度",
            "正在",
            "持续",
            "推进",
            "有序",
            "滞后",
            "尚",
            "项目",
            "x",
            "了",
            "出台",
            "一二三四五",
        ];
        let [shortfall, in_progress, done_pattern] = oracle();
        let words = &*WORDS;
        for text in crate::text::generated(PIECES, 32, 60_000) {
            let old = |re: &regex::Regex| re.find_iter(&text).map(|m| m.range()).collect::<Vec<_>>();
            let new = |ac: &AhoCorasick| ac.find_iter(&text).map(|m| m.range()).collect::<Vec<_>>();
            assert_eq!(new(&words.shortfall), old(&shortfall), "{text}");
            assert_eq!(new(&words.in_progress), old(&in_progress), "{text}");
            assert_eq!(done(words, &text), old(&done_pattern), "{text}");
        }
    }

    #[test]
    fn states() {
        assert_eq!(of("《方案》已于8月4日印发。"), State::Done);
        assert_eq!(of("持续推进。累计发布预警信息16期。"), State::InProgress);
        assert_eq!(of("已完成改造2个，正在施工4个，2个未开工。"), State::Shortfall);
        assert_eq!(of("完成改造1860户，差目标任务1140户。"), State::Shortfall);
        assert_eq!(of("新开通5G基站196个。"), State::Unknown);
        assert_eq!(state(&[]).0, State::NotReported);
    }
}
