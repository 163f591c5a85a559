//! Rates stated unit by unit outside the items: "各县区完成率分别为：青岚县
//! 76.4%、白石县28.9%、…", "各乡镇工作进度：甲镇45%，乙镇38%，丙镇52%".
//!
//! A bulletin from the level above often gives each county's or city's
//! progress as a list of names and percentages, and says nothing more of
//! who is behind: the figures say it. Each unit's rate is kept, with what it
//! is the rate of; the rules compare it with 序时进度 as they do an item's
//! stated 完成率. Only a list counts (at least [`FEWEST_ENTRIES`] units with
//! their rates, the words before it or its entries saying the rates are of
//! progress — the phrase file's `progress_words`, and none of its
//! `not_progress_words`):
//! a lone rate in prose is too often of something else.

use super::Lexicon;
use super::facts::{ItemFacts, StatedPair, StatedRate, UnitMention};
use super::lines::{ScannedLines, sentences};
use super::scan::Token;
use crate::parse::Document;
use crate::source::{SourceText, Span};

/// The fewest units with their rates that make a list.
const FEWEST_ENTRIES: usize = 3;

/// What separates a list's entries, and ends the words before it.
const SEPARATORS: &[char] = &['、', '，', ',', '；', ';', '：', ':'];

/// The rates the bulletin lists unit by unit, outside items that report.
pub(crate) fn stated_rates(
    source: &SourceText,
    document: &Document,
    lexicon: &Lexicon,
    items: &[ItemFacts],
    pairs: &[StatedPair],
    scanned: &ScannedLines<'_>,
) -> Vec<StatedRate> {
    // The pairs by where they start, for the noun of a list on their line.
    let mut pairs: Vec<&StatedPair> = pairs.iter().collect();
    pairs.sort_by_key(|p| p.span.start);
    let mut out = Vec::new();
    for (index, line) in document.lines.iter().enumerate().filter(|(_, l)| !l.glossary) {
        let text = source.slice(line.span);
        if !text.contains(['%', '％']) || super::statement::in_reported_item(document, line.span) {
            continue;
        }
        let percents: Vec<Percent> = scanned
            .line(index)
            .iter()
            .filter_map(|t| match t {
                Token::Quantity(m) if (m.unit == "%" || m.unit == "％") && m.to.is_none() => {
                    Some(Percent { span: m.span, value: m.number.value() })
                }
                _ => None,
            })
            .collect();
        let from = pairs.partition_point(|p| p.span.start < line.span.start);
        let to = pairs.partition_point(|p| p.span.start < line.span.end);
        let on_line: Vec<&StatedPair> =
            pairs[from..to].iter().copied().filter(|p| p.span.end <= line.span.end).collect();
        // A list may run across 、，；: its sentence ends only at 。！？.
        for sentence in sentences(text, &['。', '！', '？', '!', '?']) {
            let start = line.span.start + sentence.start;
            let end = line.span.start + sentence.end;
            let inside: Vec<Percent> =
                percents.iter().copied().filter(|p| start <= p.span.start && p.span.end <= end).collect();
            out.extend(listed(source, lexicon, Span::new(start, end), &inside, &on_line));
        }
    }
    // A rate an item already reads is the item's.
    out.retain(|rate| !items.iter().any(|i| i.quantities.iter().any(|q| q.span == rate.span)));
    out
}

/// An entry's unit name and the word of progress it ends with, if any:
/// "白石县完成率为" → ("白石县", 完成率); "白石县" → ("白石县", none).
fn name_and_measure<'e, 'p>(entry: &'e str, phrases: &'p super::PhraseBook) -> (&'e str, Option<&'p str>) {
    let bare = entry.trim_end_matches(|c: char| crate::text::is_space(c) || matches!(c, '为' | '达' | '是'));
    let bare = bare.strip_suffix("达到").unwrap_or(bare);
    match phrases.names_progress(bare) {
        Some(word) if bare.ends_with(word) => (&bare[..bare.len() - word.len()], Some(word)),
        _ => (entry, None),
    }
}

/// A percentage on a line: where, and its value.
#[derive(Clone, Copy)]
struct Percent {
    span: Span,
    value: f64,
}

/// The unit-and-rate list of one sentence, if it holds one; `pairs` are
/// those stated on its line.
fn listed(
    source: &SourceText,
    lexicon: &Lexicon,
    sentence: Span,
    percents: &[Percent],
    pairs: &[&StatedPair],
) -> Vec<StatedRate> {
    // The entries that are a unit and its rate ("、白石县28.9%", "、白石县完成率为
    // 28.9%"); others (a name the unit book does not know) are passed over.
    let mut listed: Vec<(Percent, UnitMention)> = Vec::new();
    let mut own_measure = None;
    let mut entry_start = sentence.start;
    for &figure in percents {
        let before = &source.text[entry_start..figure.span.start];
        // The entry is what stands since the last separator.
        let from = before.rfind(SEPARATORS).map_or(0, |at| at + before[at..].chars().next().map_or(1, char::len_utf8));
        let (name, measure) = name_and_measure(&before[from..], &lexicon.phrases);
        if let [one] = lexicon.units.entry_units(name).as_slice() {
            listed.push((figure, super::statement::mention(source, entry_start + from, one.clone())));
            own_measure = own_measure.or(measure);
        }
        entry_start = figure.span.end;
    }
    let Some((_, first)) = listed.first() else { return Vec::new() };
    let lead = &source.text[sentence.start..first.span.start];
    let Some(measure) = lexicon.phrases.names_progress(lead).or(own_measure) else { return Vec::new() };
    if listed.len() < FEWEST_ENTRIES {
        return Vec::new();
    }
    // What the rates are of: what the pair stated before the list on its line counts.
    let noun = pairs.iter().rev().find(|p| p.span.end <= first.span.start).and_then(|p| p.noun.clone());
    listed
        .into_iter()
        .map(|(figure, unit)| StatedRate {
            unit,
            percent: figure.value,
            written: source.slice(figure.span).to_string(),
            measure: measure.to_string(),
            noun: noun.clone(),
            span: figure.span,
        })
        .collect()
}
