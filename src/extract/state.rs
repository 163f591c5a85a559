//! How far an item has got, by the words of its status: done, in progress,
//! behind. A report often says several things ("已完成改造2个，正在施工4个，
//! 2个未开工"); every signal is kept, and the item's state is the most
//! pressing one — behind before in progress before done.

use std::sync::LazyLock;

use regex::Regex;

use super::facts::{Pair, Quantity, Signal, State};
use crate::parse::Paragraph;

struct Words {
    shortfall: Regex,
    in_progress: Regex,
    done: Regex,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    Words {
    shortfall: Regex::new(
        r"未开工|未完成|未达到|未实现|未启动|未办理|未落实|未到位|未出台|未印发|尚未|没有实质性进展|进展较慢|进展缓慢|推进缓慢|进度缓慢|进度滞后|滞后|差(目标|任务|计划|距)|尚差|还差|仍差|落后于|低于序时|慢于序时|欠(序时|进度)",
    )
    .expect("state patterns are valid"),
    in_progress: Regex::new(r"正在|加快推进|有序推进|持续推进|积极推进|稳步推进|扎实推进|推进中|进行中|办理中|在建|持续|即将")
        .expect("state patterns are valid"),
    done: Regex::new(
        r"已(经|于[^，,。；;]{0,16}?)?(完成|印发|召开|建成|投产|出台|批复|上线|办结|落实|通过|制定|开通|提请|实施|竣工|完工|挂牌|验收|签订|获批)|全部完成|均已完成|全面完成|提前完成|超额完成|印发了|召开了|制定了|出台了",
    )
    .expect("state patterns are valid"),
}
});

/// The signals in a status and the state they add up to; `None` when there
/// is no status (the item is not reported).
pub(crate) fn state(status: &[&Paragraph]) -> (State, Vec<Signal>) {
    if status.is_empty() {
        return (State::NotReported, Vec::new());
    }
    let words = &*WORDS;
    let mut signals = Vec::new();
    for paragraph in status {
        for (state, pattern) in
            [(State::Shortfall, &words.shortfall), (State::InProgress, &words.in_progress), (State::Done, &words.done)]
        {
            for found in pattern.find_iter(&paragraph.text) {
                let span =
                    crate::source::Span::new(paragraph.span.start + found.start(), paragraph.span.start + found.end());
                signals.push(Signal { state, text: found.as_str().to_string(), span });
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
