//! The facts blocks of `duban facts --format json` (see docs/json.md): what
//! the extract stage adds to each item and section and to the document.

use serde::{Serialize, Serializer};

use crate::extract::{
    AsOfBasis, Deadline, Facts, GroupPlace, ItemFacts, Pair, PairBasis, Period, Place, Quantity, SectionFacts, Side,
    Signal, Standing, StatedPair, StatedRate, Statement, Tally, UnitMention,
};
use crate::source::{SourceText, Span};

/// A number as JSON shows it: whole numbers without a decimal point.
#[derive(Clone, Copy)]
pub(crate) struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_finite() && self.0.fract() == 0.0 && self.0.abs() < 1e15 {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

/// `as_of`, `schedule` and `year`, at the top of the document.
#[derive(Serialize)]
pub(crate) struct PeriodJson {
    as_of: Option<String>,
    /// Month and day ("07-31") when the bulletin states no year.
    as_of_day: Option<String>,
    as_of_from: Option<String>,
    schedule: Option<f64>,
    year: Option<i32>,
}

impl PeriodJson {
    pub(crate) fn new(period: &Period) -> Self {
        let as_of_from = period.basis.as_ref().map(|basis| match basis {
            AsOfBasis::Flag => "--as-of".to_string(),
            AsOfBasis::Stated(text) => text.clone(),
            AsOfBasis::Published => "published".to_string(),
        });
        PeriodJson {
            as_of: period.as_of.map(|d| d.to_string()),
            as_of_day: period.day.map(|(month, day)| format!("{month:02}-{day:02}")),
            as_of_from,
            schedule: period.schedule,
            year: period.year,
        }
    }
}

/// Quantities before the first heading, and every tally, at the end of the document.
#[derive(Serialize)]
pub(crate) struct DocumentFactsJson {
    preamble_quantities: Vec<QuantityJson>,
    tallies: Vec<TallyJson>,
    statements: Vec<StatementJson>,
    standings: Vec<StandingJson>,
    pairs: Vec<StatedPairJson>,
    rates: Vec<StatedRateJson>,
}

impl DocumentFactsJson {
    pub(crate) fn new(source: &SourceText, facts: &Facts, items: &[crate::parse::Item]) -> Self {
        DocumentFactsJson {
            preamble_quantities: facts.preamble.iter().map(|q| QuantityJson::new(source, q)).collect(),
            tallies: facts.tallies.iter().map(|t| TallyJson::new(source, t)).collect(),
            statements: facts.statements.iter().map(|s| StatementJson::new(source, s, items)).collect(),
            standings: facts.standings.iter().map(|s| StandingJson::new(source, s)).collect(),
            pairs: facts.pairs.iter().map(|p| StatedPairJson::new(source, p)).collect(),
            rates: facts.rates.iter().map(|r| StatedRateJson::new(source, r)).collect(),
        }
    }
}

/// A pair stated outside the items: target, actual, progress, the unit, where.
#[derive(Serialize)]
struct StatedPairJson {
    target: String,
    actual: String,
    progress: f64,
    unit: Option<UnitJson>,
    line: usize,
    column: usize,
}

impl StatedPairJson {
    fn new(source: &SourceText, pair: &StatedPair) -> Self {
        let (line, column) = place(source, pair.span);
        StatedPairJson {
            target: pair.target.clone(),
            actual: pair.actual.clone(),
            progress: pair.progress,
            unit: pair.unit.as_ref().map(|u| UnitJson::new(source, u)),
            line,
            column,
        }
    }
}

/// A rate listed unit by unit: the unit, the rate in percent, what the list calls it, where.
#[derive(Serialize)]
struct StatedRateJson {
    unit: UnitJson,
    percent: f64,
    written: String,
    measure: String,
    noun: Option<String>,
    line: usize,
    column: usize,
}

impl StatedRateJson {
    fn new(source: &SourceText, rate: &StatedRate) -> Self {
        let (line, column) = place(source, rate.span);
        StatedRateJson {
            unit: UnitJson::new(source, &rate.unit),
            percent: rate.percent,
            written: rate.written.clone(),
            measure: rate.measure.clone(),
            noun: rate.noun.clone(),
            line,
            column,
        }
    }
}

/// A standing: the unit, its place (`place` for 第N名, `group` for 前N/后N), where.
#[derive(Serialize)]
struct StandingJson {
    unit: UnitJson,
    place: Option<u32>,
    group: Option<PlaceJson>,
    line: usize,
    column: usize,
}

impl StandingJson {
    fn new(source: &SourceText, standing: &Standing) -> Self {
        let (line, column) = place(source, standing.span);
        let (place, group) = match standing.place {
            Place::Nth(n) => (Some(n), None),
            Place::Group(group, of) => (None, Some(PlaceJson::new(group, of))),
        };
        StandingJson { unit: UnitJson::new(source, &standing.unit), place, group, line, column }
    }
}

impl PlaceJson {
    fn new(group: GroupPlace, of: u32) -> Self {
        let group = match group {
            GroupPlace::Top => "top",
            GroupPlace::Bottom => "bottom",
        };
        PlaceJson { group, of }
    }
}

/// A statement: who or what, the family of its words, where.
#[derive(Serialize)]
struct StatementJson {
    family: String,
    label: String,
    polarity: &'static str,
    words: String,
    text: String,
    units: Vec<UnitJson>,
    things: Vec<ThingJson>,
    place: Option<PlaceJson>,
    item: Option<String>,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct ThingJson {
    text: String,
    line: usize,
    column: usize,
}

/// A group place: `{"group": "bottom", "of": 3}` for 后三名.
#[derive(Serialize)]
struct PlaceJson {
    group: &'static str,
    of: u32,
}

impl StatementJson {
    fn new(source: &SourceText, statement: &Statement, items: &[crate::parse::Item]) -> Self {
        let (line, column) = place(source, statement.words);
        StatementJson {
            family: statement.family.clone(),
            label: statement.label.clone(),
            polarity: statement.polarity.name(),
            words: source.slice(statement.words).to_string(),
            text: source.slice(statement.span).to_string(),
            units: statement.units.iter().map(|u| UnitJson::new(source, u)).collect(),
            things: statement
                .things
                .iter()
                .map(|t| {
                    let (line, column) = place(source, t.span);
                    ThingJson { text: t.text.clone(), line, column }
                })
                .collect(),
            place: statement.place.map(|(group, of)| PlaceJson::new(group, of)),
            item: statement.item.map(|i| items[i].path.clone()),
            line,
            column,
        }
    }
}

/// What an item gains.
#[derive(Serialize)]
pub(crate) struct ItemFactsJson {
    state: &'static str,
    signals: Vec<SignalJson>,
    quantities: Vec<QuantityJson>,
    pairs: Vec<PairJson>,
    units: Vec<UnitJson>,
    deadlines: Vec<DeadlineJson>,
}

impl ItemFactsJson {
    pub(crate) fn new(source: &SourceText, facts: &ItemFacts) -> Self {
        ItemFactsJson {
            state: facts.state.name(),
            signals: facts.signals.iter().map(|s| SignalJson::new(source, s)).collect(),
            quantities: facts.quantities.iter().map(|q| QuantityJson::new(source, q)).collect(),
            pairs: facts.pairs.iter().map(|p| PairJson::new(source, facts, p)).collect(),
            units: facts.units.iter().map(|u| UnitJson::new(source, u)).collect(),
            deadlines: facts.deadlines.iter().map(|d| DeadlineJson::new(source, d)).collect(),
        }
    }
}

/// What a section gains: the quantities of its own paragraphs.
#[derive(Serialize)]
pub(crate) struct SectionFactsJson {
    quantities: Vec<QuantityJson>,
}

impl SectionFactsJson {
    pub(crate) fn new(source: &SourceText, facts: &SectionFacts) -> Self {
        SectionFactsJson { quantities: facts.quantities.iter().map(|q| QuantityJson::new(source, q)).collect() }
    }
}

fn place(source: &SourceText, span: Span) -> (usize, usize) {
    let location = source.location(span.start);
    (location.line, location.column)
}

#[derive(Serialize)]
struct QuantityJson {
    text: String,
    value: Num,
    unit: String,
    base_value: Num,
    base_unit: String,
    noun: Option<String>,
    role: &'static str,
    side: &'static str,
    qualifier: Option<String>,
    to: Option<Num>,
    line: usize,
    column: usize,
}

impl QuantityJson {
    fn new(source: &SourceText, q: &Quantity) -> Self {
        let (line, column) = place(source, q.span);
        QuantityJson {
            text: q.text.clone(),
            value: Num(q.value),
            unit: q.unit.clone(),
            base_value: Num(q.base_value),
            base_unit: q.base_unit.clone(),
            noun: q.noun.clone(),
            role: q.role.name(),
            side: match q.side {
                Side::Target => "target",
                Side::Actual => "actual",
            },
            qualifier: q.qualifier.clone(),
            to: q.to.map(Num),
            line,
            column,
        }
    }
}

#[derive(Serialize)]
struct PairJson {
    noun: String,
    target: QuantityJson,
    actual: QuantityJson,
    progress: f64,
    basis: &'static str,
}

impl PairJson {
    fn new(source: &SourceText, facts: &ItemFacts, pair: &Pair) -> Self {
        PairJson {
            noun: pair.noun.clone(),
            target: QuantityJson::new(source, &facts.quantities[pair.target]),
            actual: QuantityJson::new(source, &facts.quantities[pair.actual]),
            progress: pair.progress,
            basis: match pair.basis {
                PairBasis::SameNoun => "same noun",
                PairBasis::NearNoun => "near noun",
                PairBasis::Unit => "only target in its unit",
                PairBasis::Restated => "report restates the target",
                PairBasis::Whole => "part of a stated whole",
            },
        }
    }
}

#[derive(Serialize)]
struct UnitJson {
    name: String,
    canonical: String,
    role: &'static str,
    duty: Option<String>,
    line: usize,
    column: usize,
}

impl UnitJson {
    fn new(source: &SourceText, unit: &UnitMention) -> Self {
        let (line, column) = place(source, unit.span);
        UnitJson {
            name: unit.name.clone(),
            canonical: unit.canonical.clone(),
            role: unit.role.name(),
            duty: unit.duty.clone(),
            line,
            column,
        }
    }
}

#[derive(Serialize)]
struct DeadlineJson {
    text: String,
    date: String,
    line: usize,
    column: usize,
}

impl DeadlineJson {
    fn new(source: &SourceText, deadline: &Deadline) -> Self {
        let (line, column) = place(source, deadline.span);
        DeadlineJson { text: deadline.text.clone(), date: deadline.date.to_string(), line, column }
    }
}

#[derive(Serialize)]
struct SignalJson {
    state: &'static str,
    text: String,
    line: usize,
    column: usize,
}

impl SignalJson {
    fn new(source: &SourceText, signal: &Signal) -> Self {
        let (line, column) = place(source, signal.span);
        SignalJson { state: signal.state.name(), text: signal.text.clone(), line, column }
    }
}

#[derive(Serialize)]
struct TallyJson {
    total: Num,
    unit: String,
    parts: Vec<TallyPartJson>,
    consistent: bool,
    text: String,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct TallyPartJson {
    label: String,
    count: Num,
}

impl TallyJson {
    fn new(source: &SourceText, tally: &Tally) -> Self {
        let (line, column) = place(source, tally.span);
        TallyJson {
            total: Num(tally.total),
            unit: tally.unit.clone(),
            parts: tally.parts.iter().map(|p| TallyPartJson { label: p.label.clone(), count: Num(p.count) }).collect(),
            consistent: tally.consistent,
            text: source.slice(tally.span).to_string(),
            line,
            column,
        }
    }
}
