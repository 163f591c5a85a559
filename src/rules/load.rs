//! Reading rule files: YAML → [`RawRuleFile`] → checked [`RuleSet`].
//!
//! Every mistake a clerk can make in a rule file is found here, before any
//! bulletin is read, and reported at its line and column.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use regex::RegexBuilder;

use super::RulesError;
use super::model::{
    Band, Compare, Condition, FamilyRef, Grading, Level, Limit, Predicate, QuantityTest, Rule, RuleSet, RuleSource,
};
use super::raw::{RawBand, RawCondition, RawLevel, RawRule, RawRuleFile, Scope, Threshold};
use super::require::Requirements;
use crate::extract::measure;
use crate::say;
use crate::yaml;
use crate::yaml::locate::{Layout, Position, Step};

/// The built-in rule set's text.
pub const DEFAULT_RULES: &str = include_str!("../../rules/default.yaml");

/// The name the built-in rule set is reported under.
pub const DEFAULT_RULES_NAME: &str = "rules/default.yaml";

/// The largest compiled regex a rule may hold.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

impl RuleSet {
    /// The built-in rule set.
    pub fn embedded() -> RuleSet {
        RuleSet::from_files(vec![(PathBuf::from(DEFAULT_RULES_NAME), DEFAULT_RULES.to_string())])
            .expect("the built-in rules are valid (a test checks them)")
    }

    /// Reads the rule file at `path`, or every `*.yaml` file in the folder at
    /// `path` (by name) but the unit list and the phrase file, into one rule set.
    pub fn load(path: &Path) -> Result<RuleSet, RulesError> {
        RuleSet::load_with(path, None)
    }

    /// As [`RuleSet::load`], with `edited`'s text in place of its file's:
    /// an edit is checked with the files beside it before it is saved.
    pub fn load_with(path: &Path, edited: Option<(&Path, &str)>) -> Result<RuleSet, RulesError> {
        let mut files = Vec::new();
        for path in rule_paths(path)? {
            let text = match edited.filter(|(edited, _)| *edited == path) {
                Some((_, text)) => text.to_string(),
                None => crate::files::read_text(&path, yaml::MAX_YAML_BYTES as u64)
                    .map_err(|message| RulesError::new(&path, "", None, message))?,
            };
            files.push((path, text));
        }
        RuleSet::from_files(files)
    }

    /// Reads rule files already in memory, `(path, text)` in order.
    pub fn from_files(files: Vec<(PathBuf, String)>) -> Result<RuleSet, RulesError> {
        let mut builder = Builder::default();
        for (path, text) in &files {
            let raw: RawRuleFile = yaml::from_str(text).map_err(|e| {
                let message = e.to_string();
                RulesError::new(path, text, e.location(), message)
            })?;
            let file = File {
                path,
                text,
                shared: Rc::from(text.as_str()),
                layout: Layout::of(text),
                families: Default::default(),
            };
            builder.file(&file, raw)?;
            builder.families.extend(file.families.take());
        }
        builder.finish()
    }
}

/// The rule files at `path`: the file, or the folder's `*.yaml` files by
/// name, the unit list and the phrase file left out.
pub fn rule_paths(path: &Path) -> Result<Vec<PathBuf>, RulesError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let unreadable = |e: std::io::Error| RulesError::new(path, "", None, say!("无法读取（{e}）", "cannot read ({e})"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(unreadable)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .filter(|p| !is_lexicon(p))
        .collect();
    paths.sort();
    if paths.is_empty() {
        let message = say!("文件夹里没有 .yaml 规则文件", "the folder holds no .yaml rule files");
        return Err(RulesError::new(path, "", None, message));
    }
    Ok(paths)
}

/// Whether a file of a rule folder is its unit list or its phrase file
/// (`units.yaml`, `phrases.yaml`), which an office keeps beside its rules.
pub fn is_lexicon(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == crate::office::UNITS || name == crate::office::PHRASES)
}

/// A rule file being checked.
struct File<'a> {
    path: &'a Path,
    text: &'a str,
    /// The same text, for errors found once every file is read.
    shared: Rc<str>,
    layout: Layout,
    /// The families `statement` predicates name, as they are read.
    families: std::cell::RefCell<Vec<FamilyRef>>,
}

impl File<'_> {
    fn error(&self, at: &[Step], message: impl Into<String>) -> RulesError {
        RulesError::new(self.path, self.text, self.layout.find(at), message)
    }

    fn error_at(&self, at: Position, message: impl Into<String>) -> RulesError {
        RulesError::new(self.path, self.text, Some(at), message)
    }
}

fn key(name: &str) -> Step {
    Step::Key(name.to_string())
}

fn child(path: &[Step], step: Step) -> Vec<Step> {
    let mut path = path.to_vec();
    path.push(step);
    path
}

/// Rules collected from the files so far, with what is needed to check
/// references between them once all are read.
#[derive(Default)]
struct Builder {
    levels: Option<(Vec<Level>, String)>,
    rules: Vec<Rule>,
    pending: Vec<Pending>,
    requirements: Requirements,
    families: Vec<FamilyRef>,
}

/// What a rule refers to, kept until every file is read.
struct Pending {
    file: PathBuf,
    text: Rc<str>,
    layout_level: Option<Position>,
    level: Option<String>,
    grade: Option<Vec<(RawBand, Option<Position>)>>,
    grade_at: Option<Position>,
    supersedes: Vec<(String, Option<Position>)>,
    measures_schedule: bool,
}

impl Builder {
    fn file(&mut self, file: &File<'_>, raw: RawRuleFile) -> Result<(), RulesError> {
        if let Some(levels) = raw.levels {
            let checked = check_levels(file, levels)?;
            match &self.levels {
                Some((existing, from)) if *existing != checked => {
                    let message = say!(
                        "这里的等级与 {from} 中的不同；等级只在一个文件里定义",
                        "these levels differ from the ones in {from}; define the levels in one file"
                    );
                    return Err(file.error(&[key("levels")], message));
                }
                _ => self.levels = Some((checked, file.path.display().to_string())),
            }
        }
        for (index, rule) in raw.rules.into_iter().enumerate() {
            let at = [key("rules"), Step::Index(index)];
            self.rule(file, &at, rule)?;
        }
        Ok(())
    }

    fn rule(&mut self, file: &File<'_>, at: &[Step], raw: RawRule) -> Result<(), RulesError> {
        let id = raw.id.trim().to_string();
        if id.is_empty() {
            return Err(file.error(&child(at, key("id")), say!("规则要有 id", "a rule needs an id")));
        }
        if let Some(other) = self.rules.iter().find(|r| r.id == id) {
            let message = say!(
                "规则 id“{id}”已在 {}:{} 用过",
                "the rule id `{id}` is already used at {}:{}",
                other.source.file,
                other.source.line
            );
            return Err(file.error(&child(at, key("id")), message));
        }
        if raw.title.trim().is_empty() {
            return Err(file.error(&child(at, key("title")), say!("规则要有 title（标题）", "a rule needs a title")));
        }
        match (&raw.level, &raw.grade) {
            (None, None) => {
                return Err(file.error(
                    at,
                    say!("规则“{id}”要有 level（或 grade）", "the rule `{id}` needs a `level` (or a `grade`)"),
                ));
            }
            (Some(_), Some(_)) => {
                return Err(file.error(
                    &child(at, key("grade")),
                    say!("level 和 grade 只能给一个", "give a rule a `level` or a `grade`, not both"),
                ));
            }
            _ => {}
        }
        let when = condition(file, &child(at, key("when")), raw.when, raw.on)?;
        let require_at = child(at, key("require"));
        if raw.require.trim().is_empty() {
            return Err(
                file.error(&require_at, say!("规则要有 require（要求）一句", "a rule needs a `require` sentence"))
            );
        }
        self.requirements
            .add(&id, &raw.require)
            .map_err(|e| file.error_at(sentence_position(file, &require_at, e.line, e.column), e.message))?;
        let action = raw.action.map(|action| action.trim().to_string());
        if let Some(action) = &action {
            let action_at = child(at, key("action"));
            if action.is_empty() {
                return Err(file.error(
                    &action_at,
                    say!(
                        "action 是一个短语；不用时整行删去，不要留空",
                        "an `action` is a phrase; leave it out rather than empty"
                    ),
                ));
            }
            self.requirements
                .add(&action_key(&id), action)
                .map_err(|e| file.error_at(sentence_position(file, &action_at, e.line, e.column), e.message))?;
        }
        let applies_to: Vec<String> = raw.applies_to.0.iter().map(|s| s.trim().to_string()).collect();
        if let Some(empty) = applies_to.iter().position(String::is_empty) {
            return Err(file.error(&child(&child(at, key("applies_to")), Step::Index(empty)), "an empty pattern"));
        }
        let supersedes_at = child(at, key("supersedes"));
        let grade_at = child(at, key("grade"));
        self.pending.push(Pending {
            file: file.path.to_path_buf(),
            text: Rc::clone(&file.shared),
            layout_level: file.layout.find(&child(at, key("level"))),
            level: raw.level,
            grade: raw.grade.map(|bands| {
                bands
                    .into_iter()
                    .enumerate()
                    .map(|(i, band)| (band, file.layout.find(&child(&child(&grade_at, Step::Index(i)), key("level")))))
                    .collect()
            }),
            grade_at: file.layout.find(&grade_at),
            supersedes: raw
                .supersedes
                .0
                .into_iter()
                .enumerate()
                .map(|(i, s)| (s, file.layout.find(&child(&supersedes_at, Step::Index(i)))))
                .collect(),
            measures_schedule: measures_schedule(&when),
        });
        let line = file.layout.find(at).map_or(1, |(line, _)| line);
        self.rules.push(Rule {
            id,
            title: raw.title.trim().to_string(),
            level: Grading::Fixed(0),
            scope: raw.on,
            when,
            applies_to,
            supersedes: Vec::new(),
            action,
            source: RuleSource { file: file.path.display().to_string(), line },
        });
        Ok(())
    }

    /// Resolves levels and `supersedes` once every rule is known.
    fn finish(mut self) -> Result<RuleSet, RulesError> {
        let levels = self.levels.map(|(levels, _)| levels).unwrap_or_else(default_levels);
        let ids: Vec<String> = self.rules.iter().map(|r| r.id.clone()).collect();
        for (rule, pending) in self.rules.iter_mut().zip(&self.pending) {
            let fail = |at: Option<Position>, message: String| pending.fail(at, message);
            rule.level = match (&pending.level, &pending.grade) {
                (Some(level), _) => Grading::Fixed(pending.level_index(&levels, level, pending.layout_level)?),
                (None, Some(bands)) => {
                    if !pending.measures_schedule {
                        let message = say!(
                            "grade 要配一个衡量落后序时进度多少的条件（progress_below_schedule 或 ratio_below_schedule）",
                            "a grade needs a condition that measures how far behind 序时进度 \
                             (progress_below_schedule or ratio_below_schedule)"
                        );
                        return Err(fail(pending.grade_at, message));
                    }
                    Grading::Graded(pending.grade(&levels, bands)?)
                }
                (None, None) => unreachable!("checked when the rule was read"),
            };
            for (name, at) in &pending.supersedes {
                let index = ids.iter().position(|id| id == name.trim()).ok_or_else(|| {
                    fail(
                        *at,
                        say!(
                            "supersedes 写的“{name}”不是规则 id",
                            "`supersedes` names `{name}`, which is not a rule id"
                        ),
                    )
                })?;
                if ids[index] == rule.id {
                    return Err(fail(*at, say!("规则不能 supersedes 自己", "a rule cannot supersede itself")));
                }
                rule.supersedes.push(index);
            }
        }
        if let Some((index, pending)) = cycle(&self.rules).map(|i| (i, &self.pending[i])) {
            let at = pending.supersedes.first().and_then(|(_, at)| *at);
            let id = &self.rules[index].id;
            let message = say!(
                "“{id}”经由其他规则 supersedes 了自己；规则只能盖过比它轻的",
                "`{id}` supersedes itself through other rules; a rule can only hide milder ones"
            );
            return Err(RulesError::new(&pending.file, &pending.text, at, message));
        }
        Ok(RuleSet { levels, rules: self.rules, requirements: self.requirements, families: self.families })
    }
}

impl Pending {
    fn fail(&self, at: Option<Position>, message: String) -> RulesError {
        RulesError::new(&self.file, &self.text, at, message)
    }

    fn level_index(&self, levels: &[Level], name: &str, at: Option<Position>) -> Result<usize, RulesError> {
        levels.iter().position(|l| l.id == name.trim()).ok_or_else(|| {
            let known: Vec<&str> = levels.iter().map(|l| l.id.as_str()).collect();
            self.fail(
                at,
                say!(
                    "没有“{name}”这个等级；等级有 {}",
                    "unknown level `{name}`; the levels are {}",
                    known.join(crate::lang::list())
                ),
            )
        })
    }

    fn grade(&self, levels: &[Level], bands: &[(RawBand, Option<Position>)]) -> Result<Vec<Band>, RulesError> {
        let fail = |at: Option<Position>, message: &str| self.fail(at, message.to_string());
        if bands.is_empty() {
            return Err(fail(self.grade_at, &say!("grade 至少要有一档", "a grade needs at least one band")));
        }
        let mut checked: Vec<Band> = Vec::new();
        for (index, (band, band_at)) in bands.iter().enumerate() {
            let last = index + 1 == bands.len();
            let limit = match (band.under, band.up_to) {
                (Some(_), Some(_)) => {
                    return Err(fail(
                        *band_at,
                        &say!("一档只能给 under 或 up_to 之一", "give a band `under` or `up_to`, not both"),
                    ));
                }
                (None, None) if !last => {
                    return Err(fail(
                        *band_at,
                        &say!("只有最后一档可以不写 under/up_to", "only the last band may leave out `under`/`up_to`"),
                    ));
                }
                (Some(_), None) | (None, Some(_)) if last => {
                    return Err(fail(
                        *band_at,
                        &say!(
                            "最后一档包括其余全部；不要写 under/up_to",
                            "the last band takes everything beyond; leave out `under`/`up_to`"
                        ),
                    ));
                }
                (Some(under), None) => Some(Limit::Under(under)),
                (None, Some(up_to)) => Some(Limit::UpTo(up_to)),
                (None, None) => None,
            };
            let value = |limit: Option<Limit>| match limit {
                Some(Limit::Under(v) | Limit::UpTo(v)) => v,
                None => f64::INFINITY,
            };
            if let Some(previous) = checked.last()
                && value(limit) <= value(previous.limit)
            {
                return Err(fail(
                    *band_at,
                    &say!("各档要从差距最小排到最大", "bands must go from the smallest gap to the largest"),
                ));
            }
            checked.push(Band { level: self.level_index(levels, &band.level, *band_at)?, limit });
        }
        Ok(checked)
    }
}

/// The levels when a file names none: 红色, 黄色, 蓝色.
fn default_levels() -> Vec<Level> {
    [("red", "红色"), ("yellow", "黄色"), ("blue", "蓝色")]
        .into_iter()
        .map(|(id, label)| Level { id: id.into(), label: label.into(), meaning: None })
        .collect()
}

fn check_levels(file: &File<'_>, raw: Vec<RawLevel>) -> Result<Vec<Level>, RulesError> {
    if raw.is_empty() {
        return Err(file.error(
            &[key("levels")],
            say!(
                "至少给一个等级，或删去 levels 以用红色/黄色/蓝色",
                "give at least one level, or leave `levels` out for 红色/黄色/蓝色"
            ),
        ));
    }
    let mut levels: Vec<Level> = Vec::new();
    for (index, level) in raw.into_iter().enumerate() {
        let at = [key("levels"), Step::Index(index)];
        let id = level.id.trim().to_string();
        if id.is_empty() || level.label.trim().is_empty() {
            return Err(file.error(&at, say!("等级要有 id 和 label", "a level needs an id and a label")));
        }
        if levels.iter().any(|l| l.id == id) {
            return Err(
                file.error(&child(&at, key("id")), say!("等级“{id}”列了两次", "the level `{id}` is listed twice"))
            );
        }
        levels.push(Level { id, label: level.label.trim().to_string(), meaning: level.meaning });
    }
    Ok(levels)
}

/// Whether a condition measures points behind 序时进度 where it holds (not under a `not`).
fn measures_schedule(condition: &Condition) -> bool {
    match condition {
        Condition::All(parts) | Condition::Any(parts) => parts.iter().any(measures_schedule),
        Condition::Not(_) => false,
        Condition::Is(predicate) => {
            matches!(predicate, Predicate::ProgressBelowSchedule { .. } | Predicate::RatioBelowSchedule { .. })
        }
    }
}

/// The first rule that reaches itself through `supersedes`.
fn cycle(rules: &[Rule]) -> Option<usize> {
    (0..rules.len()).find(|&start| {
        let mut seen = vec![false; rules.len()];
        let mut stack: Vec<usize> = rules[start].supersedes.clone();
        while let Some(next) = stack.pop() {
            if next == start {
                return true;
            }
            if !std::mem::replace(&mut seen[next], true) {
                stack.extend(&rules[next].supersedes);
            }
        }
        false
    })
}

/// Where line `line`, column `column` (from 0) of a `require` sentence is in the file.
fn sentence_position(file: &File<'_>, at: &[Step], line: usize, column: usize) -> Position {
    let Some((value_line, value_column)) = file.layout.find(at) else {
        return (1, 1);
    };
    let first = file.text.lines().nth(value_line - 1).unwrap_or("");
    let opening = first.chars().nth(value_column - 1);
    match opening {
        Some('|' | '>') => {
            let target = value_line + line.max(1);
            let indent = file.text.lines().nth(target - 1).map_or(0, |l| l.len() - l.trim_start_matches(' ').len());
            (target, indent + column + 1)
        }
        Some('"' | '\'') if line <= 1 => (value_line, value_column + 1 + column),
        _ if line <= 1 => (value_line, value_column + column),
        _ => (value_line + line - 1, column + 1),
    }
}

/// Checks a condition: a mapping of predicates, all of which must hold.
fn condition(file: &File<'_>, at: &[Step], raw: RawCondition, scope: Scope) -> Result<Condition, RulesError> {
    let mut parts = Vec::new();
    let list = |name: &str, conditions: Vec<RawCondition>| -> Result<Vec<Condition>, RulesError> {
        let here = child(at, key(name));
        if conditions.is_empty() {
            return Err(file.error(&here, say!("{name} 至少要有一个条件", "`{name}` needs at least one condition")));
        }
        conditions
            .into_iter()
            .enumerate()
            .map(|(i, c)| condition(file, &child(&here, Step::Index(i)), c, scope))
            .collect()
    };
    if let Some(all) = raw.all {
        parts.push(Condition::All(list("all", all)?));
    }
    if let Some(any) = raw.any {
        parts.push(Condition::Any(list("any", any)?));
    }
    if let Some(not) = raw.not {
        parts.push(Condition::Not(Box::new(condition(file, &child(at, key("not")), *not, scope)?)));
    }
    let flag = |name: &str, value: Option<bool>, predicate: Predicate| -> Result<Option<Condition>, RulesError> {
        match value {
            None => Ok(None),
            Some(true) => Ok(Some(Condition::Is(predicate))),
            Some(false) => Err(file.error(
                &child(at, key(name)),
                say!(
                    "不需要写 {name}: false；写 {name}: true、not: {{{name}: true}}，或删去",
                    "`{name}: false` is never needed; write `{name}: true`, `not: {{{name}: true}}`, or leave it out"
                ),
            )),
        }
    };
    let predicates = [
        flag("gap", raw.gap, Predicate::Gap)?,
        flag("deadline_passed", raw.deadline_passed, Predicate::DeadlinePassed)?,
        flag("duplicate_status", raw.duplicate_status, Predicate::DuplicateStatus)?,
        flag("tally_mismatch", raw.tally_mismatch, Predicate::TallyMismatch)?,
    ];
    parts.extend(predicates.into_iter().flatten());
    if let Some(text) = raw.text {
        let here = child(at, key("text"));
        let phrases: Vec<String> = text.phrase.0.iter().map(|p| p.trim().to_string()).collect();
        if phrases.iter().any(String::is_empty) {
            return Err(file.error(&here, say!("空的短语什么都能匹配", "an empty phrase matches everything")));
        }
        if phrases.is_empty() && text.regex.is_none() {
            return Err(file.error(&here, say!("text 要给短语或正则表达式", "`text` needs a phrase or a regex")));
        }
        let regex = match text.regex {
            Some(pattern) => Some(
                RegexBuilder::new(&pattern)
                    .size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .map_err(|e| file.error(&child(&here, key("regex")), regex_message(&e)))?,
            ),
            None => None,
        };
        parts.push(Condition::Is(Predicate::Text { phrases, regex, within: text.within }));
    }
    if let Some(states) = raw.state {
        if states.0.is_empty() {
            return Err(file.error(&child(at, key("state")), "`state` needs at least one state"));
        }
        parts.push(Condition::Is(Predicate::State(states.0)));
    }
    for (name, tolerance, make) in [
        ("progress_below_schedule", raw.progress_below_schedule, progress_predicate as fn(f64) -> Predicate),
        ("ratio_below_schedule", raw.ratio_below_schedule, ratio_predicate),
    ] {
        let Some(tolerance) = tolerance else { continue };
        let here = child(at, key(name));
        if tolerance.off {
            return Err(file.error(
                &here,
                say!("不需要写 {name}: false；删去即可", "`{name}: false` is never needed; leave it out"),
            ));
        }
        if !tolerance.points.is_finite() || tolerance.points < 0.0 {
            return Err(file.error(
                &here,
                say!("容差以百分点计，应为 0 或更大", "the tolerance is in percentage points, 0 or more"),
            ));
        }
        parts.push(Condition::Is(make(tolerance.points)));
    }
    if let Some(k) = raw.rank_worse_than {
        parts.push(Condition::Is(Predicate::RankWorseThan(k)));
    }
    if let Some(days) = raw.deadline_within {
        parts.push(Condition::Is(Predicate::DeadlineWithin(days)));
    }
    if let Some(units) = raw.unit_in {
        let units: Vec<String> = units.0.iter().map(|u| u.trim().to_string()).filter(|u| !u.is_empty()).collect();
        if units.is_empty() {
            return Err(file.error(
                &child(at, key("unit_in")),
                say!("unit_in 至少要有一个单位名称", "`unit_in` needs at least one unit name"),
            ));
        }
        parts.push(Condition::Is(Predicate::UnitIn(units)));
    }
    if let Some(families) = raw.statement {
        let here = child(at, key("statement"));
        if families.0.is_empty() {
            return Err(file.error(
                &here,
                say!(
                    "statement 要给一个用语类别（slow、warned …），或 lag、praise",
                    "`statement` needs a family (slow, warned …), or lag or praise"
                ),
            ));
        }
        let mut names = Vec::new();
        for (index, name) in families.0.into_iter().enumerate() {
            let name = name.trim().to_string();
            let place = file.layout.find(&child(&here, Step::Index(index))).or_else(|| file.layout.find(&here));
            file.families.borrow_mut().push(FamilyRef {
                name: name.clone(),
                file: file.path.to_path_buf(),
                text: std::sync::Arc::from(file.text),
                at: place,
            });
            names.push(name);
        }
        parts.push(Condition::Is(Predicate::Statement(names)));
    }
    if let Some(quantity) = raw.quantity {
        parts.push(Condition::Is(Predicate::Quantity(quantity_test(file, &child(at, key("quantity")), quantity)?)));
    }
    if raw.consecutive.is_some() {
        let message = say!(
            "consecutive 留给跨期规则，duban 目前还不判断",
            "`consecutive` is reserved for rules across periods, which duban does not evaluate yet"
        );
        return Err(file.error(&child(at, key("consecutive")), message));
    }
    check_scope(file, at, &parts, scope)?;
    match parts.len() {
        0 => Err(file.error(at, say!("条件至少要有一项判断", "a condition needs at least one predicate"))),
        1 => Ok(parts.pop().expect("one part")),
        _ => Ok(Condition::All(parts)),
    }
}

fn progress_predicate(tolerance: f64) -> Predicate {
    Predicate::ProgressBelowSchedule { tolerance }
}

fn ratio_predicate(tolerance: f64) -> Predicate {
    Predicate::RatioBelowSchedule { tolerance }
}

/// Tallies belong to the bulletin; everything else to an item.
fn check_scope(file: &File<'_>, at: &[Step], parts: &[Condition], scope: Scope) -> Result<(), RulesError> {
    for part in parts {
        let Condition::Is(predicate) = part else { continue };
        let tally = matches!(predicate, Predicate::TallyMismatch);
        if tally && scope == Scope::Items {
            let message = say!(
                "tally_mismatch 看的是整期通报；请给规则加上 on: bulletin",
                "`tally_mismatch` looks at the bulletin as a whole; add `on: bulletin` to the rule"
            );
            return Err(file.error(&child(at, key("tally_mismatch")), message));
        }
        if !tally && scope == Scope::Bulletin {
            return Err(file.error(
                at,
                say!("on: bulletin 的规则只能用 tally_mismatch", "a rule `on: bulletin` can only ask `tally_mismatch`"),
            ));
        }
    }
    Ok(())
}

fn quantity_test(file: &File<'_>, at: &[Step], raw: super::raw::RawQuantity) -> Result<QuantityTest, RulesError> {
    let comparisons = [
        ("below", Compare::Below, raw.below),
        ("at_most", Compare::AtMost, raw.at_most),
        ("above", Compare::Above, raw.above),
        ("at_least", Compare::AtLeast, raw.at_least),
    ];
    let given: Vec<(&str, Compare, Threshold)> =
        comparisons.into_iter().filter_map(|(name, compare, value)| value.map(|v| (name, compare, v))).collect();
    let [(name, compare, threshold)] = given.as_slice() else {
        return Err(file.error(
            at,
            say!(
                "quantity 要在 below、at_most、above、at_least 中恰好给一个",
                "`quantity` needs exactly one of below, at_most, above, at_least"
            ),
        ));
    };
    let (value, base_unit) = match threshold {
        Threshold::Number(value) => (*value, None),
        Threshold::Written(text) => match measure(text) {
            Some((value, unit)) => (value, Some(unit)),
            None => {
                let message = say!(
                    "“{text}”不是数字，也不是 55亿元 这样的数量",
                    "`{text}` is not a number or a quantity such as 55亿元"
                );
                return Err(file.error(&child(at, key(name)), message));
            }
        },
    };
    Ok(QuantityTest {
        noun: raw.noun.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        role: raw.role,
        compare: *compare,
        value,
        base_unit,
    })
}

/// The last line of the regex crate's message, which says what is wrong.
fn regex_message(error: &regex::Error) -> String {
    let text = error.to_string();
    let reason = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(&text).trim();
    let reason = reason.trim_start_matches("error: ");
    say!("正则表达式有误：{reason}", "the regex does not compile: {reason}")
}

/// The name a rule's `action` phrase is compiled under, beside its `require`.
pub(crate) fn action_key(id: &str) -> String {
    format!("{id}#action")
}
