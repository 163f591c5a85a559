//! Stage 4, rules: [`Facts`](crate::extract::Facts) → [`Findings`], what is
//! behind, missing or below target, by the office's own rule file.
//!
//! Input: a [`RuleSet`] read from YAML (`rules/default.yaml`, embedded, or a
//! file or folder given with `--rules`) and a bulletin's document and facts.
//! Output: findings per item and per responsible unit, each with its rule,
//! level, message, quoted evidence, figures and the rule's own file:line.
//!
//! Reading a rule file goes YAML → `RawRuleFile` (serde, unknown keys
//! refused) → [`RuleSet`] (levels resolved, regexes compiled, `require`
//! sentences parsed by tera), so evaluation never meets an unchecked rule.
//! Every error names the file, line and column ([`RulesError`]).

mod attribute;
mod condition;
mod evaluate;
mod finding;
mod load;
mod model;
mod problems;
mod raw;
mod require;

/// A rule file that could not be read or is wrong.
pub type RulesError = crate::diagnostics::FileError;
pub use evaluate::{CheckOptions, DUPLICATE_MIN_CHARS, REPLY_DAYS, evaluate};
pub use finding::{Evidence, Finding, Findings, Values};
pub use load::{DEFAULT_RULES, DEFAULT_RULES_NAME, rule_paths};
pub use model::{
    Band, Compare, Condition, Grading, Level, LevelIndex, Limit, Predicate, QuantityTest, Rule, RuleSet, RuleSource,
};
pub use raw::{Scope, TextIn};
pub use require::{RequireContext, VARIABLES};

#[cfg(test)]
mod tests;
