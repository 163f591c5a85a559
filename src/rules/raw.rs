//! A rule file exactly as written: what serde reads before anything is
//! checked. Unknown keys are errors (`deny_unknown_fields`), so a misspelt
//! `levle:` is reported where it is instead of being silently ignored.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::extract::{Role, State};

/// A rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRuleFile {
    /// The levels, most serious first; the default three when absent.
    pub levels: Option<Vec<RawLevel>>,
    /// The rules, in the order they are listed.
    #[serde(default)]
    pub rules: Vec<RawRule>,
}

/// A level: `{id: red, label: 红色, meaning: …}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLevel {
    pub id: String,
    pub label: String,
    /// What the level means and what the office does at it.
    #[serde(default)]
    pub meaning: Option<String>,
}

/// A rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    pub id: String,
    pub level: Option<String>,
    pub grade: Option<Vec<RawBand>>,
    pub title: String,
    #[serde(default)]
    pub on: Scope,
    pub when: RawCondition,
    pub require: String,
    pub action: Option<String>,
    #[serde(default)]
    pub applies_to: ListOf<String>,
    #[serde(default)]
    pub supersedes: ListOf<String>,
}

/// One band of a grade: the level for items behind 序时进度 by `under`
/// points (exclusive) or `up_to` points (inclusive); the last band has neither.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBand {
    pub level: String,
    pub under: Option<f64>,
    pub up_to: Option<f64>,
}

/// What a rule looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Each item in turn.
    #[default]
    Items,
    /// The bulletin as a whole (its tallies).
    Bulletin,
}

/// A condition: one or more predicates, all of which must hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    pub all: Option<Vec<RawCondition>>,
    pub any: Option<Vec<RawCondition>>,
    pub not: Option<Box<RawCondition>>,
    pub text: Option<RawText>,
    pub state: Option<ListOf<State>>,
    pub progress_below_schedule: Option<Tolerance>,
    pub ratio_below_schedule: Option<Tolerance>,
    pub gap: Option<bool>,
    pub rank_worse_than: Option<u32>,
    pub deadline_passed: Option<bool>,
    pub deadline_within: Option<u32>,
    pub unit_in: Option<ListOf<String>>,
    pub quantity: Option<RawQuantity>,
    pub duplicate_status: Option<bool>,
    pub tally_mismatch: Option<bool>,
    pub statement: Option<ListOf<String>>,
    /// Reserved for rules across periods; refused for now.
    pub consecutive: Option<serde_yaml::Value>,
}

/// Which text a `text` predicate reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextIn {
    /// The 落实情况.
    #[default]
    Status,
    /// The heading and the task (确定事项).
    Task,
    /// Both.
    Both,
}

/// `text: 未开工`, `text: [未开工, 未启动]` or
/// `text: {phrase: …, regex: …, in: task|status|both}`.
#[derive(Debug, Default)]
pub(crate) struct RawText {
    pub phrase: ListOf<String>,
    pub regex: Option<String>,
    pub within: TextIn,
}

/// `true` (no tolerance) or `{tolerance: points}`.
#[derive(Debug, Default)]
pub(crate) struct Tolerance {
    pub points: f64,
    pub off: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ToleranceMap {
    tolerance: f64,
}

/// `quantity: {noun: 资金支付率, below: 100}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuantity {
    pub noun: Option<String>,
    pub role: Option<Role>,
    pub below: Option<Threshold>,
    pub at_most: Option<Threshold>,
    pub above: Option<Threshold>,
    pub at_least: Option<Threshold>,
}

/// A number (compared with the number as written) or a quantity with its
/// unit, such as `55亿元` (compared in base units).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Threshold {
    Number(f64),
    Written(String),
}

/// One value or a list of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListOf<T>(pub Vec<T>);

impl<T> Default for ListOf<T> {
    fn default() -> Self {
        ListOf(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListOf<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = ListOf<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a word or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(|t| ListOf(vec![t]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(ListOf(items))
            }
        }
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a phrase, a list of phrases, or {phrase, regex, in}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawText { phrase: ListOf(vec![v.to_string()]), ..RawText::default() })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                let phrases = ListOf::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(RawText { phrase: phrases, ..RawText::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                TextSpec::deserialize(de::value::MapAccessDeserializer::new(map)).map(|spec| RawText {
                    phrase: spec.phrase,
                    regex: spec.regex,
                    within: spec.within,
                })
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// The mapping form of [`RawText`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextSpec {
    #[serde(default)]
    phrase: ListOf<String>,
    regex: Option<String>,
    #[serde(default, rename = "in")]
    within: TextIn,
}

impl<'de> Deserialize<'de> for Tolerance {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ToleranceVisitor;
        impl<'de> Visitor<'de> for ToleranceVisitor {
            type Value = Tolerance;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true, or {tolerance: percentage points}")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Tolerance { points: 0.0, off: !v })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let map = ToleranceMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Tolerance { points: map.tolerance, off: false })
            }
        }
        deserializer.deserialize_any(ToleranceVisitor)
    }
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ThresholdVisitor;
        impl Visitor<'_> for ThresholdVisitor {
            type Value = Threshold;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or a quantity such as 55亿元")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Threshold::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Threshold::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Threshold::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Threshold::Written(v.to_string()))
            }
        }
        deserializer.deserialize_any(ThresholdVisitor)
    }
}
