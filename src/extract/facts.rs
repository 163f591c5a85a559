//! What the extract stage produces: the facts of each item, section and the
//! whole bulletin. Spans point into the [`SourceText`](crate::source::SourceText)
//! the document was parsed from.

use serde::Deserialize;

use super::phrases::{GroupPlace, Polarity};
use crate::date::Date;
use crate::source::Span;

/// Everything read out of one bulletin.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// The date the figures stand at, and the year's clock at that date.
    pub period: Period,
    /// One entry per [`Document::items`](crate::parse::Document::items), in the same order.
    pub items: Vec<ItemFacts>,
    /// One entry per section, in pre-order (a section before its sub-sections),
    /// for the paragraphs that belong to no item.
    pub sections: Vec<SectionFacts>,
    /// Quantities in the paragraphs before the first heading.
    pub preamble: Vec<Quantity>,
    /// Stated totals and their parts, wherever they are.
    pub tallies: Vec<Tally>,
    /// What the bulletin says in words of units or things, in order.
    pub statements: Vec<Statement>,
    /// Where the bulletin places units in rankings, in order.
    pub standings: Vec<Standing>,
    /// Targets and what was done of them, stated outside the items: in prose
    /// and in the rows of tables.
    pub pairs: Vec<StatedPair>,
    /// Rates listed unit by unit outside the items ("各县区完成率分别为：…").
    pub rates: Vec<StatedRate>,
}

/// A target (or total) and what was done of it, stated outside the items:
/// "新引进项目40个，完成市考核目标45个的88.9%", a table row "5.2 7.23 139.1%".
#[derive(Clone, Debug, PartialEq)]
pub struct StatedPair {
    /// What they count, when known.
    pub noun: Option<String>,
    /// The target or total, as written.
    pub target: String,
    /// What was done, as written.
    pub actual: String,
    /// actual ÷ target.
    pub progress: f64,
    /// The unit the row or sentence names, if any.
    pub unit: Option<UnitMention>,
    /// From the first figure to the last.
    pub span: Span,
}

/// A unit's rate in a list of units and their rates, outside the items:
/// "各县区完成率分别为：青岚县76.4%、白石县28.9%…".
#[derive(Clone, Debug, PartialEq)]
pub struct StatedRate {
    /// The unit.
    pub unit: UnitMention,
    /// The rate, in percent: 28.85.
    pub percent: f64,
    /// As written: 28.85%.
    pub written: String,
    /// What the list calls the rate: 完成率, 进度.
    pub measure: String,
    /// What it is the rate of, when the sentence before the list states it.
    pub noun: Option<String>,
    /// The figure.
    pub span: Span,
}

/// A unit's place in a ranking (名次): "全县排名第3位", "从第一名到第七名依次为：…",
/// a table's 排名 column, "排名后三名的乡镇：…".
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// The unit placed.
    pub unit: UnitMention,
    /// Its place.
    pub place: Place,
    /// The words or figure that give the place.
    pub span: Span,
}

/// A place in a ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// 第N名, 第N位.
    Nth(u32),
    /// Among the first or last N: 前三名, 后3位.
    Group(GroupPlace, u32),
}

/// What a bulletin says in words (表述) of units or things: "A、B进展缓慢",
/// "黑榜：C镇", "进展偏慢的3项分别是：…", "排名后三名的乡镇：…".
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The family of its words, as rules name it: `slow`.
    pub family: String,
    /// The family's label, as notices say it: 进展缓慢.
    pub label: String,
    /// Lag or praise.
    pub polarity: Polarity,
    /// The words that say it.
    pub words: Span,
    /// What to quote: its sentence, or a heading line and the list below it.
    pub span: Span,
    /// Who: the units it names.
    pub units: Vec<UnitMention>,
    /// About what, where it names tasks or projects rather than units.
    pub things: Vec<Thing>,
    /// The group place its words give (后三名 → bottom 3).
    pub place: Option<(GroupPlace, u32)>,
    /// The item whose text holds it, or that it speaks of.
    pub item: Option<usize>,
    /// Whether its words are in its item's 落实情况: a statement there that
    /// names no unit speaks of the item's units, as the report's words do.
    pub in_status: bool,
}

/// A task or project a statement names: "改(新)建农村户用厕所".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thing {
    /// As written, without quotation marks.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// The as-of date (截至…) and 序时进度.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Period {
    /// The date the report's figures stand at.
    pub as_of: Option<Date>,
    /// The year deadlines without a year belong to.
    pub year: Option<i32>,
    /// 序时进度: the share of the year gone by at `as_of`, 0–1.
    pub schedule: Option<f64>,
    /// Where the as-of date came from.
    pub basis: Option<AsOfBasis>,
    /// The month and day the report stands at when its year is not stated
    /// ("截至7月底" in a bulletin that names no year): `as_of` is then `None`.
    pub day: Option<(u32, u32)>,
}

/// Where an as-of date came from, strongest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AsOfBasis {
    /// `--as-of`.
    Flag,
    /// A period the title or opening states ("上半年", "1-6月份", "截至5月底"), as written.
    Stated(String),
    /// The publication date.
    Published,
}

/// The facts of one item.
#[derive(Clone, Debug, Default)]
pub struct ItemFacts {
    /// Every quantity in the task and the status, in order.
    pub quantities: Vec<Quantity>,
    /// Targets matched with the actuals that measure them.
    pub pairs: Vec<Pair>,
    /// Responsible units named in the item.
    pub units: Vec<UnitMention>,
    /// Deadlines the task sets.
    pub deadlines: Vec<Deadline>,
    /// How far the item has got, by the words of its status.
    pub state: State,
    /// The words that say so, in order.
    pub signals: Vec<Signal>,
}

/// The facts of a section's own paragraphs (its opening, a 目标 paragraph).
#[derive(Clone, Debug, Default)]
pub struct SectionFacts {
    /// Quantities in the section's text and fields.
    pub quantities: Vec<Quantity>,
}

/// What a quantity is, in its sentence. Rule files name roles as
/// [`Role::name`] writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// What was asked: "新建5G基站300个", "年度目标任务9户".
    Target,
    /// What was done: "新开通5G基站196个", "资金支付率为63.5%".
    Actual,
    /// A stated share of a target: "为年度目标的65.1%", "年度投资完成率62.4%".
    Ratio,
    /// How much is missing: "差目标任务6户", "低于序时进度11.6个百分点".
    Gap,
    /// A place in a ranking: "全市考核排名第9位".
    Rank,
    /// A rate of growth: "同比增长8.2%", "规上工业增加值增长9.6%".
    Growth,
}

impl Role {
    /// The name used in JSON.
    pub const fn name(self) -> &'static str {
        match self {
            Role::Target => "target",
            Role::Actual => "actual",
            Role::Ratio => "ratio",
            Role::Gap => "gap",
            Role::Rank => "rank",
            Role::Growth => "growth",
        }
    }
}

/// Whether a sentence states an aim or a result. A growth rate in a 目标
/// paragraph is an aim; the same words in a 落实情况 are a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// What is aimed at.
    Target,
    /// What was reached.
    Actual,
}

/// A number with its unit, as written and in base units.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The quantity as written, qualifiers included: "85亿元以上".
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// The number as written: 6.9 in "6.9万人".
    pub value: f64,
    /// The unit as written, magnitude included: "万人", "亿元", "%".
    pub unit: String,
    /// The value in base units: 69000 for "6.9万人".
    pub base_value: f64,
    /// The base unit: "人", "元", "米"; "%" for percentages.
    pub base_unit: String,
    /// What the number measures: "5G基站", "资金支付率".
    pub noun: Option<String>,
    /// What the number is in its sentence.
    pub role: Role,
    /// Whether the sentence states an aim or a result.
    pub side: Side,
    /// "以上", "不低于", "力争", "左右", "range" …
    pub qualifier: Option<String>,
    /// The upper end of a range ("3-5个" → 5), as written.
    pub to: Option<f64>,
}

/// A target and the actual that measures it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The noun they share (the target's).
    pub noun: String,
    /// Index of the target in [`ItemFacts::quantities`].
    pub target: usize,
    /// Index of the actual in [`ItemFacts::quantities`].
    pub actual: usize,
    /// actual ÷ target, in base units.
    pub progress: f64,
    /// Why they were paired.
    pub basis: PairBasis,
}

/// Why a target and an actual were paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairBasis {
    /// The same noun.
    SameNoun,
    /// Nouns where one holds the other or they share most of their words
    /// ("改厕" and "改厕任务").
    NearNoun,
    /// The actual names no noun; the item has one target in that unit.
    Unit,
    /// The report restates the target's figure and, in the same sentence,
    /// says how much is done ("18户传统产业企业改造升级5户").
    Restated,
    /// The report states a whole and, in the same sentence, how much of it
    /// is done ("529个点源完成治理514个").
    Whole,
}

/// A responsible unit named in an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitMention {
    /// The name as written.
    pub name: String,
    /// The canonical name (区工业和信息化局 → 区工信局).
    pub canonical: String,
    /// Lead, partner, or responsible.
    pub role: UnitRole,
    /// Where the name is.
    pub span: Span,
    /// What the text makes it responsible for, when it says.
    pub duty: Option<String>,
}

/// How a unit is responsible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitRole {
    /// 牵头: leads.
    Lead,
    /// 配合: works with the lead.
    Partner,
    /// 负责 without a lead named.
    Responsible,
}

impl UnitRole {
    /// The name used in JSON.
    pub const fn name(self) -> &'static str {
        match self {
            UnitRole::Lead => "lead",
            UnitRole::Partner => "partner",
            UnitRole::Responsible => "responsible",
        }
    }
}

/// A date by which something is to be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// As written: "8月底前".
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// The day it falls on.
    pub date: Date,
}

/// How far an item has got. Rule files name states as [`State::name`]
/// writes them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// 已完成, 已印发, 已召开 …
    Done,
    /// 正在, 有序推进, 持续推进 …
    InProgress,
    /// 未开工, 未完成, 差…, 滞后, 进展较慢 …
    Shortfall,
    /// No status paragraph.
    NotReported,
    /// A plan or a requirement (下一步打算, 几点要求, 督查建议): nothing to report yet.
    Planned,
    /// A status that says none of these.
    #[default]
    Unknown,
}

impl State {
    /// The name used in JSON.
    pub const fn name(self) -> &'static str {
        match self {
            State::Done => "done",
            State::InProgress => "in_progress",
            State::Shortfall => "shortfall",
            State::NotReported => "not_reported",
            State::Planned => "planned",
            State::Unknown => "unknown",
        }
    }
}

/// Words that tell an item's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signal {
    /// The state they tell.
    pub state: State,
    /// The words.
    pub text: String,
    /// Where they are.
    pub span: Span,
}

/// A stated total and its parts: "131项工作中，47项已完成，79项有序推进…".
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    /// The sentence.
    pub span: Span,
    /// The total.
    pub total: f64,
    /// The unit of the counts ("项").
    pub unit: String,
    /// The parts.
    pub parts: Vec<TallyPart>,
    /// Whether the parts add up to the total.
    pub consistent: bool,
}

/// One part of a tally.
#[derive(Clone, Debug, PartialEq)]
pub struct TallyPart {
    /// What the part counts: "已完成".
    pub label: String,
    /// How many.
    pub count: f64,
    /// Where the count is.
    pub span: Span,
}
