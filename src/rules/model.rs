//! A rule set after checking: levels resolved, regexes compiled, tera
//! sentences parsed. Evaluation takes only this.

use regex::Regex;

use super::raw::{Scope, TextIn};
use super::require::Requirements;
use crate::extract::{Role, State};

/// The rules in force, from one file or a folder of them.
#[derive(Debug)]
pub struct RuleSet {
    /// The levels, most serious first.
    pub levels: Vec<Level>,
    /// The rules, in file order (files by name).
    pub rules: Vec<Rule>,
    /// The `require` sentences, compiled.
    pub(crate) requirements: Requirements,
    /// Every family a `statement` predicate names, where it is written, for
    /// [`RuleSet::check_families`].
    pub(crate) families: Vec<FamilyRef>,
}

/// A family named in a rule file, and where.
#[derive(Debug)]
pub(crate) struct FamilyRef {
    pub name: String,
    pub file: std::path::PathBuf,
    pub text: std::sync::Arc<str>,
    pub at: Option<crate::yaml::locate::Position>,
}

/// A level of warning (预警等级): 红色, 黄色, 蓝色 …
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// As rules name it: `red`.
    pub id: String,
    /// As notices print it: `红色`.
    pub label: String,
    /// What it means and what the office does at it.
    pub meaning: Option<String>,
}

/// A level, by its place in [`RuleSet::levels`]: 0 is the most serious.
pub type LevelIndex = usize;

/// A checked rule.
#[derive(Debug)]
pub struct Rule {
    /// `behind-schedule`.
    pub id: String,
    /// 低于序时进度.
    pub title: String,
    /// Its level, fixed or graded by how far behind 序时进度.
    pub level: Grading,
    /// Items, or the bulletin as a whole.
    pub scope: Scope,
    /// When it fires.
    pub when: Condition,
    /// Section-heading words or item paths it is limited to; empty for all.
    pub applies_to: Vec<String>,
    /// Rules whose findings it hides on the same item (by index in [`RuleSet::rules`]).
    pub supersedes: Vec<usize>,
    /// What a notice asks of a unit for this rule's problems, a phrase taking
    /// the list of its tasks (`{{ tasks }}`): rules written with the same
    /// words are one kind of action, asked once per unit. `None`: the
    /// `require` sentence, once per finding.
    pub action: Option<String>,
    /// Where it is written.
    pub source: RuleSource,
}

/// Where a rule is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSource {
    /// The file as given (or `rules/default.yaml` for the built-in set).
    pub file: String,
    /// The line of its `- id:`.
    pub line: usize,
}

/// A rule's level.
#[derive(Clone, Debug, PartialEq)]
pub enum Grading {
    /// Always this level.
    Fixed(LevelIndex),
    /// By the points behind 序时进度: the first band that holds.
    Graded(Vec<Band>),
}

/// A band of a grade.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// The level of the band.
    pub level: LevelIndex,
    /// The band's upper end, if it has one.
    pub limit: Option<Limit>,
}

/// The upper end of a band, in percentage points behind 序时进度.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Limit {
    /// Less than this.
    Under(f64),
    /// At most this.
    UpTo(f64),
}

impl Grading {
    /// The level for a finding `behind` points behind 序时进度 (`None` when
    /// the finding measures no such gap; a grade then gives its mildest band).
    pub fn level(&self, behind: Option<f64>) -> LevelIndex {
        match self {
            Grading::Fixed(level) => *level,
            Grading::Graded(bands) => {
                let holds = |band: &&Band| match (band.limit, behind) {
                    (None, _) => true,
                    (Some(_), None) => true,
                    (Some(Limit::Under(limit)), Some(b)) => b < limit,
                    (Some(Limit::UpTo(limit)), Some(b)) => b <= limit,
                };
                bands.iter().find(holds).or(bands.last()).map_or(0, |band| band.level)
            }
        }
    }
}

/// A condition over an item's facts.
#[derive(Debug)]
pub enum Condition {
    /// Every one holds.
    All(Vec<Condition>),
    /// At least one holds.
    Any(Vec<Condition>),
    /// It does not hold.
    Not(Box<Condition>),
    /// A predicate.
    Is(Predicate),
}

/// The things a condition can ask of an item.
#[derive(Debug)]
pub enum Predicate {
    /// The text holds one of the phrases, or matches the regex.
    Text {
        /// Phrases, any of which matches.
        phrases: Vec<String>,
        /// A regex, if given.
        regex: Option<Regex>,
        /// Which text.
        within: TextIn,
    },
    /// The item's state is one of these.
    State(Vec<State>),
    /// A target/actual pair's progress is behind 序时进度 by more than the tolerance.
    ProgressBelowSchedule {
        /// Points of 序时进度 allowed.
        tolerance: f64,
    },
    /// A stated ratio (完成率, 为目标的…%) is behind 序时进度 by more than the tolerance.
    RatioBelowSchedule {
        /// Points of 序时进度 allowed.
        tolerance: f64,
    },
    /// A stated gap to a target (差目标任务6户) above zero.
    Gap,
    /// A rank worse than K (第K+1位 or lower).
    RankWorseThan(u32),
    /// A deadline before the as-of date, the item not done.
    DeadlinePassed,
    /// A deadline within this many days after the as-of date, the item not done.
    DeadlineWithin(u32),
    /// One of the item's units is one of these (canonical or as written).
    UnitIn(Vec<String>),
    /// A quantity compares with a value.
    Quantity(QuantityTest),
    /// Another item reports in exactly the same words.
    DuplicateStatus,
    /// A stated total whose parts do not add up.
    TallyMismatch,
    /// The bulletin says so in words: a statement of one of these families
    /// of the phrase file (`slow`, `warned` …), or of any family of a
    /// polarity (`lag`, `praise`).
    Statement(Vec<String>),
}

/// The test of a `quantity` predicate.
#[derive(Debug)]
pub struct QuantityTest {
    /// A word the quantity's noun holds.
    pub noun: Option<String>,
    /// The role it must have.
    pub role: Option<Role>,
    /// How it compares.
    pub compare: Compare,
    /// The value, as written or in base units.
    pub value: f64,
    /// The base unit, when the value was given with a unit.
    pub base_unit: Option<String>,
}

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// `<`.
    Below,
    /// `<=`.
    AtMost,
    /// `>`.
    Above,
    /// `>=`.
    AtLeast,
}

impl Compare {
    /// Whether `value` compares with `threshold` this way.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Compare::Below => value < threshold,
            Compare::AtMost => value <= threshold,
            Compare::Above => value > threshold,
            Compare::AtLeast => value >= threshold,
        }
    }
}

impl RuleSet {
    /// Checks that every family a rule names is in the phrase file in use:
    /// a misspelt `statement: slwo` is an error at its place, not a rule that never fires.
    pub fn check_families(&self, phrases: &crate::extract::PhraseBook) -> Result<(), super::RulesError> {
        for family in &self.families {
            if family.name == "lag" || family.name == "praise" || phrases.family(&family.name).is_some() {
                continue;
            }
            let known: Vec<&str> = phrases.families().iter().map(|f| f.id.as_str()).collect();
            let message = format!(
                "`{}` is not a family of the phrase file; the families are {}, or lag or praise for all of one kind",
                family.name,
                known.join(", ")
            );
            return Err(super::RulesError::new(&family.file, &family.text, family.at, message));
        }
        Ok(())
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.id == id)
    }
}
