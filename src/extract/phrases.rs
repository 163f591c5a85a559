//! The words that say a unit is behind or doing well (判断用语), read from
//! `rules/phrases.yaml` — embedded as the default, replaceable with
//! `--phrases` — so an office adds its own wording without a rebuild.
//!
//! All words of all families, a word with 几 spelt out for every count it
//! may stand for (后三名, 后3名, 后两名 …), go into one Aho-Corasick
//! automaton that takes the longest word at the leftmost place: one pass
//! over a line finds every phrase, and a longer word ("红黑榜") wins over a
//! shorter one inside it ("黑榜").

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::say;
use crate::source::{SourceText, Span};
use crate::yaml::locate::{Layout, Step};
use crate::yaml::{self, YamlError};

/// The phrase file built into the program.
pub const DEFAULT_PHRASES: &str = include_str!("../../rules/phrases.yaml");

/// The counts 几 stands for: 1 to this, in digits of either width and in 汉字.
const LARGEST_COUNT: u32 = 10;

/// The most words, spelt out, a phrase file may hold.
const MOST_WORDS: usize = 100_000;

/// Whether a statement says a unit is behind or doing well.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Behind: 进展缓慢, 黑榜, 排名后三名.
    Lag,
    /// Doing well: 红榜, 前三名, 提前完成.
    Praise,
    /// Neither: words that place a unit without judging it ("办件量位于前三").
    Neutral,
}

impl Polarity {
    /// The name used in JSON and rule files.
    pub const fn name(self) -> &'static str {
        match self {
            Polarity::Lag => "lag",
            Polarity::Praise => "praise",
            Polarity::Neutral => "neutral",
        }
    }
}

/// What the number of a word with 几 is: a group place at the bottom or top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupPlace {
    /// 后三名, 排名后3位.
    Bottom,
    /// 前三名.
    Top,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhrases {
    families: Vec<RawFamily>,
    #[serde(default)]
    neutral: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    things: Vec<String>,
    #[serde(default)]
    names_after: Vec<String>,
    #[serde(default)]
    agent_marks: Vec<String>,
    #[serde(default)]
    requirements: Vec<String>,
    #[serde(default)]
    not_requirements: Vec<String>,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    progress_words: Vec<String>,
    #[serde(default)]
    not_progress_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    id: String,
    label: String,
    polarity: Polarity,
    #[serde(default)]
    place: Option<GroupPlace>,
    words: Vec<String>,
}

/// A family of words that say one thing: 进展缓慢, 黑榜, 前三名 …
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    /// As rules name it: `slow`.
    pub id: String,
    /// As notices call it: `进展缓慢`.
    pub label: String,
    /// Lag or praise.
    pub polarity: Polarity,
    /// Whether the number (几) in its words is a group place.
    pub place: Option<GroupPlace>,
}

/// A phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// The family, by its index in [`PhraseBook::families`].
    pub family: usize,
    /// Where the words are.
    pub span: Span,
    /// The number 几 stood for.
    pub number: Option<u32>,
}

/// The phrase file, ready to use.
#[derive(Clone, Debug)]
pub struct PhraseBook {
    families: Vec<Family>,
    /// Every word of every family and the neutral words, spelt out.
    words: AhoCorasick,
    /// Per word of `words`: its family (`None` for a neutral word) and the count 几 stood for.
    meanings: Vec<(Option<usize>, Option<u32>)>,
    negations: Vec<String>,
    things: Vec<String>,
    names_after: Vec<String>,
    agent_marks: Vec<String>,
    requirements: Vec<String>,
    not_requirements: Vec<String>,
    events: Vec<String>,
    progress_words: Vec<String>,
    not_progress_words: Vec<String>,
}

/// A phrase file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{}{}{error}", text.path.display(), crate::say!("：", ": "))]
pub struct PhrasesError {
    /// The file, for pointing into it.
    pub text: Box<SourceText>,
    /// What is wrong.
    pub error: YamlError,
}

impl PhraseBook {
    /// Reads a phrase file.
    pub fn from_yaml(text: &str) -> Result<PhraseBook, YamlError> {
        let raw: RawPhrases = yaml::from_str(text)?;
        // Where a path is in the file is read only when an error needs it.
        let at = |path: &[Step], message: String| {
            let (line, column) = Layout::of(text).find(path).unzip();
            YamlError::Syntax { line, column, message }
        };
        let word_at = |family: usize, word: usize| {
            [Step::Key("families".into()), Step::Index(family), Step::Key("words".into()), Step::Index(word)]
        };
        if raw.families.is_empty() {
            return Err(at(
                &[Step::Key("families".into())],
                say!("至少要有一类用语", "give at least one family of words"),
            ));
        }
        let mut families = Vec::new();
        let mut spelt: Vec<String> = Vec::new();
        let mut meanings: Vec<(Option<usize>, Option<u32>)> = Vec::new();
        for (f, family) in raw.families.into_iter().enumerate() {
            let id = family.id.trim().to_string();
            if id.is_empty() || family.label.trim().is_empty() {
                let path = [Step::Key("families".into()), Step::Index(f)];
                return Err(at(&path, say!("用语类别要有 id 和 label", "a family needs an id and a label")));
            }
            if id == "lag" || id == "praise" {
                let path = [Step::Key("families".into()), Step::Index(f), Step::Key("id".into())];
                return Err(at(
                    &path,
                    say!(
                        "“{id}”在规则里指这一倾向的全部类别；请给这个类别另起 id",
                        "`{id}` names every family of its polarity in rules; give the family another id"
                    ),
                ));
            }
            if families.iter().any(|other: &Family| other.id == id) {
                let path = [Step::Key("families".into()), Step::Index(f), Step::Key("id".into())];
                return Err(at(&path, say!("用语类别“{id}”列了两次", "the family `{id}` is listed twice")));
            }
            if family.words.is_empty() {
                let path = [Step::Key("families".into()), Step::Index(f), Step::Key("words".into())];
                return Err(at(&path, say!("用语类别“{id}”没有词", "the family `{id}` has no words")));
            }
            for (w, word) in family.words.iter().enumerate() {
                let word = word.trim();
                let spellings = spell(word).map_err(|message| at(&word_at(f, w), message))?;
                if family.place.is_some() && !word.contains('几') {
                    let message = say!(
                        "“{word}”：带 place 的类别，数字要写成“几”（后几名）",
                        "`{word}`: a family with a `place` writes its number as 几 (后几名)"
                    );
                    return Err(at(&word_at(f, w), message));
                }
                for (text, number) in spellings {
                    spelt.push(text);
                    meanings.push((Some(f), number));
                }
            }
            families.push(Family {
                id,
                label: family.label.trim().to_string(),
                polarity: family.polarity,
                place: family.place,
            });
        }
        for (n, word) in raw.neutral.iter().enumerate() {
            let word = word.trim();
            if word.is_empty() || word.contains('几') {
                let path = [Step::Key("neutral".into()), Step::Index(n)];
                return Err(at(&path, say!("中性词不能为空", "a neutral word is plain words, not empty")));
            }
            spelt.push(word.to_string());
            meanings.push((None, None));
        }
        if spelt.len() > MOST_WORDS {
            let message = say!(
                "这些词展开后有 {} 种写法，超过 {MOST_WORDS} 种",
                "the words spell out to {} forms, more than {MOST_WORDS}",
                spelt.len()
            );
            return Err(YamlError::Syntax { line: None, column: None, message });
        }
        // Built on every run, searched over every line: the contiguous NFA
        // searches faster than the noncontiguous one for a little more to
        // build (a DFA costs three times the whole start-up and searches no
        // faster here). No prefilter: every Chinese character starts with
        // one of a few bytes, so one would skip nothing.
        let words = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .prefilter(false)
            .build(&spelt)
            .map_err(|e| YamlError::Syntax {
                line: None,
                column: None,
                message: say!("这些词无法用于查找（{e}）", "the words cannot be searched for ({e})"),
            })?;
        let clean = |words: Vec<String>| words.into_iter().map(|w| w.trim().to_string()).filter(|w| !w.is_empty());
        Ok(PhraseBook {
            families,
            words,
            meanings,
            negations: clean(raw.negations).collect(),
            things: clean(raw.things).collect(),
            names_after: clean(raw.names_after).collect(),
            agent_marks: clean(raw.agent_marks).collect(),
            requirements: clean(raw.requirements).collect(),
            not_requirements: clean(raw.not_requirements).collect(),
            events: clean(raw.events).collect(),
            progress_words: clean(raw.progress_words).collect(),
            not_progress_words: clean(raw.not_progress_words).collect(),
        })
    }

    /// Reads the phrase file at `path`.
    pub fn load(path: &Path) -> Result<PhraseBook, PhrasesError> {
        let fail = |text: String, error| PhrasesError {
            text: Box::new(SourceText::new(path, crate::source::Format::Text, "UTF-8", String::new(), text)),
            error,
        };
        let text = crate::yaml::read_file(path).map_err(|error| fail(String::new(), error))?;
        PhraseBook::from_yaml(&text).map_err(|error| fail(text, error))
    }

    /// The families, in file order.
    pub fn families(&self) -> &[Family] {
        &self.families
    }

    /// The family with this id.
    pub fn family(&self, id: &str) -> Option<usize> {
        self.families.iter().position(|f| f.id == id)
    }

    /// Every phrase in `text`, which starts at byte `offset` of the source.
    pub fn find(&self, text: &str, offset: usize) -> Vec<PhraseMatch> {
        let mut found = Vec::new();
        for matched in self.words.find_iter(text) {
            let (Some(family), number) = self.meanings[matched.pattern().as_usize()] else { continue };
            if self.negated(&text[..matched.start()]) || self.names_a_measure(&text[matched.end()..]) {
                continue;
            }
            if inside_title(&text[..matched.start()]) {
                continue;
            }
            let span = Span::new(offset + matched.start(), offset + matched.end());
            found.push(PhraseMatch { family, span, number });
        }
        found
    }

    /// Whether the clause before a phrase says it did not happen, or asks for it.
    fn negated(&self, before: &str) -> bool {
        let clause = before.rsplit(['，', ',', '；', ';', '。', '：', ':']).next().unwrap_or(before);
        if self.negations.iter().any(|n| clause.contains(n.as_str())) {
            return true;
        }
        // A requirement's word, unless it is part of a word that asks nothing (主要).
        self.requirements.iter().any(|word| {
            clause.match_indices(word.as_str()).any(|(at, _)| {
                !self.not_requirements.iter().any(|compound| {
                    compound.find(word.as_str()).is_some_and(|offset| {
                        at >= offset && clause.get(at - offset..).is_some_and(|c| c.starts_with(compound.as_str()))
                    })
                })
            })
        })
    }

    /// Whether the words just before `after` are a name: of a measure
    /// ("未办结数") or of a system ("黄牌预警制"), quotation marks between.
    fn names_a_measure(&self, after: &str) -> bool {
        let after = after.trim_start_matches(['”', '"', '’', '」']);
        self.names_after.iter().any(|n| after.starts_with(n.as_str()))
    }

    /// Whether the text between a unit and the words says the unit acts
    /// (督促, 对…, 由…) rather than lags.
    pub fn names_an_agent(&self, between: &str) -> bool {
        self.agent_marks.iter().any(|m| between.contains(m.as_str()))
    }

    /// Whether the words right after a date make it the day of a meeting or
    /// an event ("…日市政府第16次常务会议", "…日召开的"), not a deadline.
    pub fn names_an_event(&self, after: &str) -> bool {
        let after = after.trim_start_matches(|c: char| crate::text::is_space(c) || c == '，' || c == ',');
        self.events.iter().any(|e| after.starts_with(e.as_str()))
    }

    /// Whether a clause after a date says it is when meetings were held
    /// ("…市政府共召开10次常务会议", "…市政府常务会议纪要确定的事项").
    pub fn names_an_event_in(&self, clause: &str) -> bool {
        self.events.iter().filter(|e| e.chars().count() >= 2).any(|e| clause.contains(e.as_str()))
    }

    /// The word of progress the words before a list of rates use
    /// ("各县区完成率分别为：" → 完成率), unless they make the rates
    /// something else (增速, 排名).
    pub fn names_progress<'a>(&'a self, lead: &str) -> Option<&'a str> {
        if self.not_progress_words.iter().any(|w| lead.contains(w.as_str())) {
            return None;
        }
        self.progress_words.iter().find(|w| lead.contains(w.as_str())).map(String::as_str)
    }

    /// Whether `subject` names things (项目, 任务 …) rather than units.
    pub fn names_things(&self, subject: &str) -> bool {
        self.things.iter().any(|t| subject.contains(t.as_str()))
    }
}

impl Default for PhraseBook {
    fn default() -> Self {
        PhraseBook::from_yaml(DEFAULT_PHRASES).expect("the built-in phrase file is valid")
    }
}

/// Whether a phrase after `before` stands inside a document's title
/// 《…》: "发布《关于…受到上级批评的情况通报》" quotes, it does not say.
fn inside_title(before: &str) -> bool {
    before.rfind('《').is_some_and(|open| !before[open..].contains('》'))
}

/// A word as it may be written: itself, or with 几 spelt out as every
/// count from 1 to [`LARGEST_COUNT`] — 3, ３, 三 (and 两 for 2) — each with
/// the count it stands for.
fn spell(word: &str) -> Result<Vec<(String, Option<u32>)>, String> {
    if word.is_empty() {
        return Err("an empty word matches everything".into());
    }
    if !word.contains('几') {
        return Ok(vec![(word.to_string(), None)]);
    }
    let parts: Vec<&str> = word.split('几').collect();
    if parts.len() != 2 || parts.iter().all(|p| p.is_empty()) {
        return Err(say!(
            "“{word}”：“几”代表一个数字，只能出现一次，且要有别的字",
            "`{word}`: 几 stands for a number once, beside other words"
        ));
    }
    let mut out = Vec::new();
    for n in 1..=LARGEST_COUNT {
        let wide: String = n.to_string().chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect();
        let mut forms = vec![n.to_string(), wide, crate::numerals::hanzi(n)];
        if n == 2 {
            forms.push("两".to_string());
        }
        out.extend(forms.into_iter().map(|form| (format!("{}{form}{}", parts[0], parts[1]), Some(n))));
    }
    Ok(out)
}

/// The value of a count as 几 reads it: `3`, `３`, `三`, `两`, `十二`.
pub(crate) fn count(text: &str) -> Option<u32> {
    if let Ok(n) = crate::text::fold_width(text).parse() {
        return Some(n);
    }
    let text = text.replace('两', "二");
    crate::numerals::hanzi_value(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String, Option<u32>)> {
        let book = PhraseBook::default();
        book.find(text, 0)
            .into_iter()
            .map(|m| (book.families()[m.family].id.clone(), text[m.span.range()].to_string(), m.number))
            .collect()
    }

    #[test]
    fn families_numbers_and_longest_words() {
        assert_eq!(found("接种率排名后三名的乡镇"), [("low_rank".to_string(), "排名后三名".to_string(), Some(3))]);
        assert_eq!(found("排名前4名的部门"), [("top_rank".to_string(), "排名前4名".to_string(), Some(4))]);
        assert!(found("成效“红黑榜”").is_empty(), "红黑榜 is neutral");
        assert_eq!(found("黑榜:棠溪镇")[0].0, "warned");
        assert_eq!(found("推进相对滞后的部分基层单位")[0].1, "推进相对滞后");
    }

    #[test]
    fn negated_phrases_are_not_statements() {
        assert!(found("均按序时推进，没有出现进度滞后").is_empty());
        assert_eq!(found("没有出现滞后，但A镇进展缓慢")[0].1, "进展缓慢");
    }

    #[test]
    fn mistakes_are_reported_where_they_are() {
        let text = "families:\n  - id: slow\n    label: 慢\n    polarity: lag\n    words: [慢, 后几几名]\n";
        let error = PhraseBook::from_yaml(text).unwrap_err();
        assert!(error.to_string().contains("几"), "{error}");
        assert_eq!(error.location().map(|l| l.0), Some(5));
        let text = "families:\n  - id: slow\n    label: 慢\n    polarity: late\n    words: [慢]\n";
        assert!(PhraseBook::from_yaml(text).unwrap_err().location().is_some());
    }
}
