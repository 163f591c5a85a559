//! What the rules stage produces: findings, each able to say why it fired.

use super::model::{LevelIndex, RuleSet, RuleSource};
use super::require::RequireContext;
use crate::date::Date;
use crate::source::Span;

/// Everything the rules found in one bulletin.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    /// In item order, then rule order; bulletin-wide findings last. One per
    /// problem: findings on the same clause of the same item for the same
    /// units are one problem, kept by the gravest (at one level, by the one
    /// whose rule supersedes the other's, else the one with a target and an
    /// actual, else the first rule); the others are in its `superseded`.
    pub findings: Vec<Finding>,
    /// The notice's date (成文日期): deadlines are judged at it and replies
    /// counted from it. Given, else the later of the bulletin's publication
    /// date and its as-of date.
    pub date: Option<Date>,
    /// The date the requirements ask replies by, when no later item deadline applies.
    pub reply_by: Option<Date>,
}

/// One rule firing on one item (or on the bulletin).
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's id.
    pub rule: String,
    /// The level, by its place in the rule set's levels.
    pub level: LevelIndex,
    /// The rule's title.
    pub title: String,
    /// The item, by its index in the document's items; `None` for the bulletin.
    pub item: Option<usize>,
    /// Responsible units, canonical names, in the order the text gives them.
    pub units: Vec<String>,
    /// One sentence with the figures.
    pub message: String,
    /// The words that made the rule fire, and the clause around them.
    pub evidence: Evidence,
    /// The figures involved.
    pub values: Values,
    /// The values the rule's `require` sentence is written with; see
    /// [`Finding::requirement`].
    pub require: RequireContext,
    /// The one date its requirement asks by: the reply date, or the item's
    /// own next deadline where that is later.
    pub asked_by: Option<Date>,
    /// Where the rule is written.
    pub rule_source: RuleSource,
    /// Milder findings on the same clause of the same item for the same
    /// units: the same problem, said by this finding (see [`Findings`]).
    pub superseded: Vec<Finding>,
}

impl Finding {
    /// The rule's `require` sentence for this finding. Rendered on demand:
    /// a text listing of findings never pays for tera.
    pub fn requirement(&self, rules: &RuleSet) -> String {
        // Variables were checked when the rules were loaded; a sentence that
        // still fails (a filter given a wrong value) says so in its place.
        rules
            .requirements
            .render(&self.rule, &self.require)
            .unwrap_or_else(|error| format!("（要求未能生成：{error}）"))
    }
}

impl Finding {
    /// The rule's `action` for `unit` and the `tasks` of that kind, if the
    /// rule has one (see [`super::Rule::action`]).
    pub fn action(&self, rules: &RuleSet, unit: &str, tasks: &[String]) -> Option<String> {
        self.action_in(
            rules,
            RequireContext { unit: unit.to_string(), tasks: tasks.join("、"), ..self.require.clone() },
        )
    }

    /// The same, said of tasks whose names already carry what they measure
    /// ("第3项城东小学项目资金支付率"): the action without its `noun`.
    pub fn action_without_noun(&self, rules: &RuleSet, unit: &str, tasks: &[String]) -> Option<String> {
        let context = RequireContext {
            unit: unit.to_string(),
            tasks: tasks.join("、"),
            noun: String::new(),
            ..self.require.clone()
        };
        self.action_in(rules, context)
    }

    fn action_in(&self, rules: &RuleSet, context: RequireContext) -> Option<String> {
        let rule = rules.rules.iter().find(|r| r.id == self.rule)?;
        rule.action.as_ref()?;
        let key = super::load::action_key(&self.rule);
        Some(rules.requirements.render(&key, &context).unwrap_or_else(|error| format!("（要求未能生成：{error}）")))
    }
}

/// What a finding quotes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The clause quoted.
    pub clause: Span,
    /// The words that made the rule fire, inside the clause.
    pub focus: Span,
}

/// The figures of a finding, where they apply.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Values {
    /// What the figures measure: 资金支付率.
    pub noun: Option<String>,
    /// The figure reached, as written.
    pub actual: Option<String>,
    /// The figure asked, as written.
    pub target: Option<String>,
    /// actual ÷ target, in percent, to 0.1.
    pub progress: Option<f64>,
    /// 序时进度 in percent, to 0.1.
    pub schedule: Option<f64>,
    /// Percentage points behind 序时进度, to 0.1.
    pub behind: Option<f64>,
    /// A stated ratio, in percent.
    pub ratio: Option<f64>,
    /// A rank.
    pub rank: Option<u32>,
    /// A deadline that passed or is near.
    pub deadline: Option<Date>,
    /// What the bulletin's words say, for a statement: 进展缓慢, 通报警示.
    pub said: Option<String>,
    /// The tasks or projects a statement names.
    pub things: Vec<String>,
}

impl Values {
    /// Fills what `self` lacks from `other`.
    pub(crate) fn merge(&mut self, other: &Values) {
        self.noun = self.noun.take().or_else(|| other.noun.clone());
        self.actual = self.actual.take().or_else(|| other.actual.clone());
        self.target = self.target.take().or_else(|| other.target.clone());
        self.progress = self.progress.or(other.progress);
        self.schedule = self.schedule.or(other.schedule);
        self.behind = self.behind.or(other.behind);
        self.ratio = self.ratio.or(other.ratio);
        self.rank = self.rank.or(other.rank);
        self.deadline = self.deadline.or(other.deadline);
        self.said = self.said.take().or_else(|| other.said.clone());
        if self.things.is_empty() {
            self.things = other.things.clone();
        }
    }
}
