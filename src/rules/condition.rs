//! Whether a condition holds for an item, and the words that show it.
//!
//! A predicate that holds answers with its witnesses: the figure, phrase or
//! deadline that made it hold. Predicates over figures (a pair behind
//! 序时进度, a ratio, a gap, a rank, a quantity) give one witness per figure,
//! keyed by the quantity, so `all` of two such predicates means the same
//! figure satisfies both; the other predicates speak for the whole item.

use super::finding::Values;
use super::model::{Condition, Predicate, QuantityTest};
use super::raw::TextIn;
use crate::date::Date;
use crate::extract::{ItemFacts, Polarity, Quantity, Role, Side, State, StatedPair, StatedRate, Statement, Tally};
use crate::parse::{Item, Paragraph};
use crate::source::Span;

/// What a rule looks at: one item with its facts, or the bulletin's tallies.
pub(crate) struct Subject<'a> {
    /// The item and its facts; `None` for the bulletin.
    pub item: Option<(&'a Item, &'a ItemFacts)>,
    /// The bulletin's tallies, for a rule `on: bulletin`.
    pub tallies: &'a [Tally],
    /// The day deadlines are judged at: the notice's date, or the as-of
    /// date where that is later (a deadline the notice will see pass is
    /// overdue in it, not 当日到期).
    pub judged_on: Option<Date>,
    /// 序时进度, 0–1.
    pub schedule: Option<f64>,
    /// Another item that reports in the same words, by its number.
    pub twin: Option<&'a str>,
    /// The statements about the item, or for the bulletin those about no item.
    pub statements: Vec<&'a Statement>,
    /// For the bulletin: the pairs stated outside the items that name their unit.
    pub pairs: &'a [StatedPair],
    /// For the bulletin: the rates listed unit by unit outside the items.
    pub rates: &'a [StatedRate],
}

/// Why a predicate holds.
#[derive(Clone, Debug)]
pub(crate) struct Witness {
    /// The words that show it.
    pub focus: Span,
    /// The figure it is about: the quantity and, for a pair, the target.
    pub key: Option<(usize, Option<usize>)>,
    /// The figures.
    pub values: Values,
    /// What it shows, as a clause of the finding's message.
    pub says: String,
    /// How the finding's message is worded from `says` and the report's clause.
    pub wording: Wording,
    /// The units the words name themselves (a statement's), which the
    /// finding is for rather than those its clause is attributed to.
    pub units: Option<Vec<String>>,
    /// The words to quote, when they are known (a statement's sentence and
    /// list), rather than the clause around the focus.
    pub clause: Option<Span>,
}

/// How a finding's message is worded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Wording {
    /// What the witness says, alone ("规上工业企业差6户").
    #[default]
    Says,
    /// The report's own words (a phrase matched): the clause around the focus.
    Clause,
    /// The clause, then these words ("…9月底前开工建设，时限（2024年9月30日）
    /// 已过，尚未完成"): the clause names what the words are about. Where
    /// the clause is only the item's heading, which the notice names anyway,
    /// what the witness says alone.
    ClauseThen(String),
}

impl Witness {
    fn plain(focus: Span, says: String) -> Witness {
        Witness { focus, key: None, values: Values::default(), says, wording: Wording::Says, units: None, clause: None }
    }

    fn same_figure(&self, other: &Witness) -> bool {
        match (self.key, other.key) {
            (Some((a, at)), Some((b, bt))) => a == b || Some(a) == bt || at == Some(b),
            _ => false,
        }
    }
}

/// The witnesses of `condition` on `subject`, or `None` when it does not hold.
pub(crate) fn holds(condition: &Condition, subject: &Subject<'_>) -> Option<Vec<Witness>> {
    match condition {
        Condition::All(parts) => {
            let mut found: Vec<Vec<Witness>> = Vec::new();
            for part in parts {
                found.push(holds(part, subject)?);
            }
            all(found)
        }
        Condition::Any(parts) => {
            let mut held = false;
            let mut found = Vec::new();
            for witnesses in parts.iter().filter_map(|part| holds(part, subject)) {
                held = true;
                found.extend(witnesses);
            }
            held.then_some(found)
        }
        Condition::Not(part) => match holds(part, subject) {
            Some(_) => None,
            None => Some(Vec::new()),
        },
        Condition::Is(predicate) => {
            let found = predicate_holds(predicate, subject);
            (!found.is_empty()).then_some(found)
        }
    }
}

/// Combines the witnesses of parts that all hold: figures that every
/// figure-keyed part names (none: the parts hold of different figures, so
/// the whole does not hold), else every witness.
fn all(found: Vec<Vec<Witness>>) -> Option<Vec<Witness>> {
    let keyed: Vec<&Vec<Witness>> = found.iter().filter(|ws| ws.iter().any(|w| w.key.is_some())).collect();
    let Some((first, rest)) = keyed.split_first() else {
        let mut plain: Vec<Witness> = found.into_iter().flatten().collect();
        plain.sort_by_key(|w| w.focus.start);
        plain.dedup_by_key(|w| w.focus);
        return Some(plain);
    };
    let shared: Vec<Witness> = first
        .iter()
        .filter(|w| w.key.is_some())
        .filter_map(|witness| {
            let mut merged = witness.clone();
            for others in rest {
                let other = others.iter().find(|o| o.same_figure(witness))?;
                merged.values.merge(&other.values);
            }
            Some(merged)
        })
        .collect();
    (!shared.is_empty()).then_some(shared)
}

fn predicate_holds(predicate: &Predicate, subject: &Subject<'_>) -> Vec<Witness> {
    if let Predicate::TallyMismatch = predicate {
        return subject.tallies.iter().filter(|t| !t.consistent).map(tally_witness).collect();
    }
    if let Predicate::Statement(families) = predicate {
        // Outside a 落实情况, words that name no one and nothing are no problem of anyone's.
        let named = |s: &&&Statement| s.in_status || !s.units.is_empty() || !s.things.is_empty();
        return subject
            .statements
            .iter()
            .filter(|s| of_families(s, families))
            .filter(named)
            .map(|s| statement_witness(s))
            .collect();
    }
    let Some((item, facts)) = subject.item else {
        return match predicate {
            Predicate::ProgressBelowSchedule { tolerance } => stated_pairs_behind(subject, *tolerance),
            Predicate::RatioBelowSchedule { tolerance } => stated_rates_behind(subject, *tolerance),
            _ => Vec::new(),
        };
    };
    // A plan has not had the time to be done or not; a done item is done.
    let not_done = !matches!(facts.state, State::Done | State::Planned);
    match predicate {
        Predicate::Text { phrases, regex, within } => text_witnesses(item, phrases, regex.as_ref(), *within),
        Predicate::State(states) if states.contains(&facts.state) => vec![state_witness(item, facts)],
        Predicate::State(_) => Vec::new(),
        Predicate::ProgressBelowSchedule { tolerance } => behind_pairs(facts, subject.schedule, *tolerance),
        Predicate::RatioBelowSchedule { tolerance } => behind_ratios(facts, subject.schedule, *tolerance),
        Predicate::Gap => figures(facts, |q| q.role == Role::Gap && q.value > 0.0 && !q.unit.contains("百分点"))
            .map(|(i, q)| {
                // A gap is best shown in the clause that states it ("…目标任务4户,完成3户,差1户").
                let values = Values { actual: Some(q.text.clone()), ..noun_of(q) };
                Witness { wording: Wording::Clause, ..keyed(i, q, values, gap_says(q)) }
            })
            .collect(),
        Predicate::RankWorseThan(k) => figures(facts, |q| q.role == Role::Rank && q.value > f64::from(*k))
            .map(|(i, q)| {
                let values = Values { rank: Some(q.value as u32), ..noun_of(q) };
                keyed(i, q, values, format!("{}{}，在第{k}位之后", q.noun.as_deref().unwrap_or("排名"), q.text))
            })
            .collect(),
        Predicate::DeadlinePassed if not_done => {
            deadlines(facts, |date| subject.judged_on.is_some_and(|day| date < day))
                .map(|d| deadline_witness(d, format!("{}已过", resolved(d)), facts.state))
                .collect()
        }
        Predicate::DeadlineWithin(days) if not_done => {
            let Some(day) = subject.judged_on else { return Vec::new() };
            deadlines(facts, |date| (0..=i64::from(*days)).contains(&(date.day_number() - day.day_number())))
                .map(|d| {
                    let left = match d.date.day_number() - day.day_number() {
                        0 => "当日到期".to_string(),
                        days => format!("还有{days}天"),
                    };
                    deadline_witness(d, format!("{}{left}", resolved(d)), facts.state)
                })
                .collect()
        }
        Predicate::DeadlinePassed | Predicate::DeadlineWithin(_) => Vec::new(),
        Predicate::UnitIn(names) => facts
            .units
            .iter()
            .filter(|u| names.iter().any(|n| *n == u.canonical || *n == u.name))
            .map(|u| Witness::plain(u.span, format!("责任单位为{}", u.canonical)))
            .collect(),
        // A figure that fails a test is best shown in the clause that reports it.
        Predicate::Quantity(test) => figures(facts, |q| quantity_passes(test, q))
            .map(|(i, q)| {
                let values = Values { actual: Some(q.text.clone()), ..noun_of(q) };
                let says = format!("{}{}", q.noun.as_deref().unwrap_or(""), q.text);
                Witness { wording: Wording::Clause, ..keyed(i, q, values, says) }
            })
            .collect(),
        Predicate::DuplicateStatus => match (subject.twin, first_status(item)) {
            (Some(twin), Some(status)) => vec![Witness::plain(status.span, format!("落实情况与第{twin}项一字不差"))],
            _ => Vec::new(),
        },
        Predicate::TallyMismatch | Predicate::Statement(_) => Vec::new(),
    }
}

/// Whether a statement is of one of `families` (`lag` and `praise` stand for all of theirs).
fn of_families(statement: &Statement, families: &[String]) -> bool {
    families.iter().any(|f| match f.as_str() {
        "lag" => statement.polarity == Polarity::Lag,
        "praise" => statement.polarity == Polarity::Praise,
        id => statement.family == id,
    })
}

/// A statement's witness: its words, and the units it names, if any (else
/// its clause's units are found as for any words).
fn statement_witness(statement: &Statement) -> Witness {
    let mut units: Vec<String> = Vec::new();
    for unit in &statement.units {
        if !units.contains(&unit.canonical) {
            units.push(unit.canonical.clone());
        }
    }
    let things: Vec<String> = statement.things.iter().map(|t| t.text.clone()).collect();
    let values = Values { said: Some(statement.label.clone()), things, ..Values::default() };
    Witness {
        focus: statement.words,
        key: None,
        values,
        says: statement.label.clone(),
        wording: Wording::Clause,
        // Outside a 落实情况 a statement is for the units it names, or for none.
        units: (!units.is_empty() || !statement.in_status).then_some(units),
        clause: Some(statement.span),
    }
}

fn figures<'a>(
    facts: &'a ItemFacts,
    test: impl Fn(&Quantity) -> bool + 'a,
) -> impl Iterator<Item = (usize, &'a Quantity)> {
    facts.quantities.iter().enumerate().filter(move |(_, q)| test(q))
}

fn noun_of(quantity: &Quantity) -> Values {
    Values { noun: quantity.noun.clone(), ..Values::default() }
}

fn keyed(index: usize, quantity: &Quantity, values: Values, says: String) -> Witness {
    Witness {
        focus: quantity.span,
        key: Some((index, None)),
        values,
        says,
        wording: Wording::Says,
        units: None,
        clause: None,
    }
}

/// Rounds to one decimal, half away from zero, as offices print
/// percentages: 580 ÷ 1600 = 36.25% → 36.3%. The nudge keeps a half that
/// binary floating point stores just below it (36.249999…) a half.
pub(crate) fn tenth(value: f64) -> f64 {
    (value * 10.0 + value.signum() * 1e-9).round() / 10.0
}

fn behind_pairs(facts: &ItemFacts, schedule: Option<f64>, tolerance: f64) -> Vec<Witness> {
    let Some(schedule) = schedule else { return Vec::new() };
    facts
        .pairs
        .iter()
        .filter_map(|pair| {
            let behind = tenth((schedule - pair.progress) * 100.0);
            (behind > tolerance).then(|| {
                let actual = &facts.quantities[pair.actual];
                let target = &facts.quantities[pair.target];
                let (values, says) =
                    behind_schedule(Some(&pair.noun), &actual.text, &target.text, pair.progress, schedule, behind);
                Witness {
                    focus: actual.span,
                    key: Some((pair.actual, Some(pair.target))),
                    values,
                    says,
                    wording: Wording::Says,
                    units: None,
                    clause: None,
                }
            })
        })
        .collect()
}

/// The figures and the words of an actual behind 序时进度 (`progress` and
/// `schedule` as shares, `behind` in points already rounded).
fn behind_schedule(
    noun: Option<&str>,
    actual: &str,
    target: &str,
    progress: f64,
    schedule: f64,
    behind: f64,
) -> (Values, String) {
    let (progress, schedule) = (tenth(progress * 100.0), tenth(schedule * 100.0));
    let says = format!(
        "{}完成{actual}，目标{target}，完成{progress:.1}%，低于序时进度{schedule:.1}%（差{behind:.1}个百分点）",
        noun.unwrap_or("")
    );
    let values = Values {
        noun: noun.map(str::to_string),
        actual: Some(actual.to_string()),
        target: Some(target.to_string()),
        progress: Some(progress),
        schedule: Some(schedule),
        behind: Some(behind),
        ..Values::default()
    };
    (values, says)
}

/// Pairs stated outside the items (a table's rows) behind 序时进度, for
/// the units their rows name.
fn stated_pairs_behind(subject: &Subject<'_>, tolerance: f64) -> Vec<Witness> {
    let Some(schedule) = subject.schedule else { return Vec::new() };
    subject
        .pairs
        .iter()
        .enumerate()
        .filter_map(|(index, pair)| {
            let unit = pair.unit.as_ref()?;
            let behind = tenth((schedule - pair.progress) * 100.0);
            (behind > tolerance).then(|| {
                let (values, says) =
                    behind_schedule(pair.noun.as_deref(), &pair.actual, &pair.target, pair.progress, schedule, behind);
                Witness {
                    focus: pair.span,
                    key: Some((index, None)),
                    values,
                    says,
                    wording: Wording::Says,
                    units: Some(vec![unit.canonical.clone()]),
                    clause: None,
                }
            })
        })
        .collect()
}

/// Rates listed unit by unit (各县区完成率分别为：…) behind 序时进度, each
/// for its unit.
fn stated_rates_behind(subject: &Subject<'_>, tolerance: f64) -> Vec<Witness> {
    let Some(schedule) = subject.schedule else { return Vec::new() };
    subject
        .rates
        .iter()
        .enumerate()
        .filter_map(|(index, rate)| {
            let behind = tenth(schedule * 100.0 - rate.percent);
            (behind > tolerance).then(|| {
                // "农村道路硬化任务完成率", or the list's own word alone.
                let noun = format!("{}{}", rate.noun.as_deref().unwrap_or_default(), rate.measure);
                let values = Values {
                    ratio: Some(rate.percent),
                    schedule: Some(tenth(schedule * 100.0)),
                    behind: Some(behind),
                    noun: Some(noun.clone()),
                    ..Values::default()
                };
                Witness {
                    focus: rate.span,
                    key: Some((index, None)),
                    values,
                    says: ratio_says(Some(&noun), &rate.written, schedule, behind),
                    wording: Wording::Says,
                    units: Some(vec![rate.unit.canonical.clone()]),
                    // The unit's own entry of the list, not the whole list.
                    clause: Some(rate.unit.span.cover(rate.span)),
                }
            })
        })
        .collect()
}

/// "完成率28.9%，低于序时进度75.0%（差46.1个百分点）".
fn ratio_says(noun: Option<&str>, written: &str, schedule: f64, behind: f64) -> String {
    let noun = noun.unwrap_or("完成率");
    format!("{noun}{written}，低于序时进度{:.1}%（差{behind:.1}个百分点）", tenth(schedule * 100.0))
}

fn behind_ratios(facts: &ItemFacts, schedule: Option<f64>, tolerance: f64) -> Vec<Witness> {
    let Some(schedule) = schedule else { return Vec::new() };
    // A ratio that restates a pair's progress ("完成投资55.3亿元，为年度目标的
    // 65.1%") is that pair's finding, not a second one.
    let restates = |q: &Quantity| facts.pairs.iter().any(|p| tenth(p.progress * 100.0) == tenth(q.value));
    figures(facts, |q| q.role == Role::Ratio && q.side == Side::Actual && q.base_unit == "%" && !restates(q))
        .filter_map(|(index, q)| {
            let behind = tenth(schedule * 100.0 - q.value);
            (behind > tolerance).then(|| {
                let values = Values {
                    ratio: Some(q.value),
                    schedule: Some(tenth(schedule * 100.0)),
                    behind: Some(behind),
                    ..noun_of(q)
                };
                keyed(index, q, values, ratio_says(q.noun.as_deref(), &q.text, schedule, behind))
            })
        })
        .collect()
}

fn gap_says(quantity: &Quantity) -> String {
    match &quantity.noun {
        Some(noun) => format!("{noun}差{}", quantity.text),
        None => format!("差{}", quantity.text),
    }
}

fn quantity_passes(test: &QuantityTest, quantity: &Quantity) -> bool {
    let noun = test.noun.as_ref().is_none_or(|n| quantity.noun.as_ref().is_some_and(|q| q.contains(n.as_str())));
    let role = test.role.is_none_or(|r| r == quantity.role);
    let value = match &test.base_unit {
        Some(unit) => *unit == quantity.base_unit && test.compare.holds(quantity.base_value, test.value),
        None => test.compare.holds(quantity.value, test.value),
    };
    noun && role && value
}

fn deadlines<'a>(
    facts: &'a ItemFacts,
    when: impl Fn(Date) -> bool + 'a,
) -> impl Iterator<Item = &'a crate::extract::Deadline> + 'a {
    facts.deadlines.iter().filter(move |d| when(d.date))
}

/// The day a deadline falls on, in brackets, where its words do not say it
/// ("三季度" is "（2024年9月30日）"; "8月底前" says it already).
fn resolved(deadline: &crate::extract::Deadline) -> String {
    let says_day = deadline.text.contains(['月', '底', '日']);
    if says_day { String::new() } else { format!("（{}）", deadline.date.chinese()) }
}

/// A deadline's witness: `when` is how it stands ("已过", "还有3天"),
/// said after the clause that sets it, or after the deadline's own words.
fn deadline_witness(deadline: &crate::extract::Deadline, when: String, state: State) -> Witness {
    let values = Values { deadline: Some(deadline.date), ..Values::default() };
    let (text, unfinished) = (&deadline.text, unfinished(state));
    Witness {
        focus: deadline.span,
        key: None,
        values,
        says: format!("完成时限{text}{when}，{unfinished}"),
        wording: Wording::ClauseThen(format!("时限{when}，{unfinished}")),
        units: None,
        clause: None,
    }
}

fn unfinished(state: State) -> &'static str {
    match state {
        State::NotReported => "未报送落实情况",
        _ => "尚未完成",
    }
}

fn text_witnesses(item: &Item, phrases: &[String], regex: Option<&regex::Regex>, within: TextIn) -> Vec<Witness> {
    let status = item.status.iter().flat_map(|f| f.paragraphs.iter());
    let task = std::iter::once(&item.heading).chain(item.text.iter());
    let paragraphs: Vec<&Paragraph> = match within {
        TextIn::Status => status.collect(),
        TextIn::Task => task.collect(),
        TextIn::Both => task.chain(status).collect(),
    };
    let place = match within {
        TextIn::Status => "落实情况",
        TextIn::Task => "任务",
        TextIn::Both => "",
    };
    let mut found = Vec::new();
    for paragraph in paragraphs {
        let start = paragraph.span.start;
        for phrase in phrases {
            for (at, _) in paragraph.text.match_indices(phrase.as_str()) {
                let focus = Span::new(start + at, start + at + phrase.len());
                found.push(Witness {
                    wording: Wording::Clause,
                    ..Witness::plain(focus, format!("{place}称“{phrase}”"))
                });
            }
        }
        if let Some(regex) = regex {
            for matched in regex.find_iter(&paragraph.text).filter(|m| !m.is_empty()) {
                let focus = Span::new(start + matched.start(), start + matched.end());
                let says = format!("{place}称“{}”", matched.as_str());
                found.push(Witness { wording: Wording::Clause, ..Witness::plain(focus, says) });
            }
        }
    }
    found.sort_by_key(|w| w.focus.start);
    found
}

fn first_status(item: &Item) -> Option<&Paragraph> {
    item.status.iter().flat_map(|f| f.paragraphs.iter()).next()
}

fn state_witness(item: &Item, facts: &ItemFacts) -> Witness {
    let says = match facts.state {
        State::NotReported => "未报送落实情况",
        State::Done => "已完成",
        State::InProgress => "正在推进",
        State::Shortfall => "落实情况反映未完成",
        State::Unknown => "落实情况未说明进展",
        State::Planned => "为下一步工作安排或要求",
    };
    let signal = facts.signals.iter().find(|s| s.state == facts.state).map(|s| s.span);
    let focus = signal.or_else(|| first_status(item).map(|p| p.span)).unwrap_or(item.heading.span);
    Witness::plain(focus, says.to_string())
}

fn tally_witness(tally: &Tally) -> Witness {
    let sum: f64 = tally.parts.iter().map(|p| p.count).sum();
    let says = format!("合计{}{}，各项相加为{}{}，前后不符", tally.total, tally.unit, sum, tally.unit);
    Witness::plain(tally.span, says)
}
