//! Which units a finding concerns, and which words it quotes.
//!
//! Reports name units sentence by sentence ("区民政局负责的…54.72%，王益…
//! 负责的…22.9%，3个项目均未达到100%"), so a finding belongs to the units
//! its own clause names; else to those named earlier in its part of the
//! sentence (a closing "均未达到" speaks for all of them); else to those
//! named later in it ("…未开工，由区交通局负责"); else to the unit that
//! heads the sentence, which governs the parts after it across ；until the
//! next unit is named ("区工信局负责的…；培育规上工业企业…差6户；…"); else
//! to the item's 牵头/责任 lines; else to every unit of the item.

use crate::extract::UnitMention;
use crate::source::{SourceText, Span};

/// Ends a part of a sentence within a paragraph: its end, or a ；.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?')
}

/// Ends a whole sentence, its ；-parts together.
fn ends_whole_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '!' | '？' | '?')
}

/// Ends a clause within a sentence.
fn ends_clause(c: char) -> bool {
    matches!(c, '，' | ',') || ends_sentence(c)
}

/// The longest quotation, in characters, before it is cut to the clauses
/// that matter.
const LONGEST_QUOTE: usize = 80;

/// The stretch of the focus's line between the nearest `stop` characters.
fn around(source: &SourceText, focus: Span, stop: fn(char) -> bool) -> Span {
    let line = source.line_span(source.location(focus.start).line);
    let text = source.slice(line);
    let from = focus.start.clamp(line.start, line.end) - line.start;
    let to = focus.end.clamp(line.start, line.end) - line.start;
    let start = text[..from].rfind(stop).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[to..].find(stop).map_or(text.len(), |i| to + i);
    let (lead, trail) = crate::text::trimmed_range(&text[start..end]);
    Span::new(line.start + start + lead, line.start + start + trail.max(lead))
}

/// The sentence holding `focus`.
pub(crate) fn sentence(source: &SourceText, focus: Span) -> Span {
    around(source, focus, ends_sentence)
}

/// The units `focus` concerns, canonical and in order. `duties` are the
/// units of the item's 牵头/责任 lines.
pub(crate) fn units(source: &SourceText, mentions: &[UnitMention], duties: &[UnitMention], focus: Span) -> Vec<String> {
    let sentence = sentence(source, focus);
    let whole = around(source, focus, ends_whole_sentence);
    let clause = around(source, focus, ends_clause);
    let inside = |span: Span, within: Span| span.start >= within.start && span.end <= within.end;
    let in_clause: Vec<&UnitMention> = mentions.iter().filter(|m| inside(m.span, clause)).collect();
    let before_in_clause: Vec<&UnitMention> = in_clause.iter().copied().filter(|m| m.span.end <= focus.start).collect();
    let earlier: Vec<&UnitMention> =
        mentions.iter().filter(|m| inside(m.span, sentence) && m.span.end <= clause.start).collect();
    let later: Vec<&UnitMention> =
        mentions.iter().filter(|m| inside(m.span, sentence) && m.span.start >= focus.end).collect();
    // The part before this one, across ；, that names a unit: its units govern.
    let governing: Vec<&UnitMention> = mentions
        .iter()
        .rfind(|m| inside(m.span, whole) && m.span.end <= sentence.start)
        .map(|last| {
            let part = self::sentence(source, last.span);
            mentions.iter().filter(|m| inside(m.span, part)).collect()
        })
        .unwrap_or_default();
    let chosen: Vec<&UnitMention> = if !before_in_clause.is_empty() {
        before_in_clause
    } else if !in_clause.is_empty() {
        in_clause
    } else if !earlier.is_empty() {
        earlier
    } else if !later.is_empty() {
        later
    } else if !governing.is_empty() {
        governing
    } else if !duties.is_empty() {
        duties.iter().collect()
    } else {
        mentions.iter().collect()
    };
    let mut names: Vec<String> = Vec::new();
    for mention in chosen {
        if !names.contains(&mention.canonical) {
            names.push(mention.canonical.clone());
        }
    }
    names
}

/// The words a finding quotes: the sentence around `focus`, or, when that
/// is long or names units the finding is not for ("A负责的…63.5%，B负责的…48.2%"
/// quoted for A), the clauses from the first of the finding's `units` named
/// before it (or the focus's own clause) to the end of the focus's clause.
pub(crate) fn quote(source: &SourceText, mentions: &[UnitMention], focus: Span, units: &[String]) -> Span {
    let sentence = without_label(source, sentence(source, focus), focus);
    let inside = |m: &&UnitMention| m.span.start >= sentence.start && m.span.end <= sentence.end;
    let others = !units.is_empty() && mentions.iter().filter(inside).any(|m| !units.contains(&m.canonical));
    if !others && source.slice(sentence).chars().count() <= LONGEST_QUOTE {
        return sentence;
    }
    let clause = around(source, focus, ends_clause);
    let unit = mentions
        .iter()
        .filter(|m| m.span.start >= sentence.start && m.span.end <= focus.start && units.contains(&m.canonical))
        .map(|m| around(source, m.span, ends_clause).start)
        .next();
    let start = unit.filter(|&start| source.slice(Span::new(start, clause.end)).chars().count() <= LONGEST_QUOTE * 2);
    Span::new(start.unwrap_or(clause.start), clause.end)
}

/// The longest label a line opens with (落实情况, 进展情况, 牵头单位 …).
const LONGEST_LABEL: usize = 8;

/// `span` without the label that opens its line ("落实情况："), unless the
/// focus is in the label.
fn without_label(source: &SourceText, span: Span, focus: Span) -> Span {
    let text = source.slice(span);
    let colon = text.char_indices().take(LONGEST_LABEL + 1).find(|(_, c)| matches!(c, '：' | ':'));
    match colon {
        Some((at, c)) if !text[..at].chars().any(|c| c.is_ascii_digit()) => {
            let start = span.start + at + c.len_utf8();
            if focus.start >= start { Span::new(start, span.end) } else { span }
        }
        _ => span,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::extract::UnitRole;
    use crate::source::Format;

    fn mention(source: &SourceText, name: &str) -> UnitMention {
        let start = source.text.find(name).unwrap();
        UnitMention {
            name: name.into(),
            canonical: name.into(),
            role: UnitRole::Responsible,
            span: Span::new(start, start + name.len()),
            duty: None,
        }
    }

    fn at(source: &SourceText, words: &str) -> Span {
        let start = source.text.find(words).unwrap();
        Span::new(start, start + words.len())
    }

    #[test]
    fn a_clause_speaks_for_its_own_unit_and_a_closing_clause_for_all() {
        let text = "落实情况：县文旅局负责的游客中心完工率为91.5%，县水利局负责的堤防工程完工率为40%，2个项目均未达到100%。县教育局已完成。";
        let source = SourceText::new(Path::new("b.txt"), Format::Text, "UTF-8", String::new(), text.into());
        let mentions: Vec<UnitMention> =
            ["县文旅局", "县水利局", "县教育局"].iter().map(|n| mention(&source, n)).collect();
        assert_eq!(units(&source, &mentions, &[], at(&source, "40%")), ["县水利局"]);
        assert_eq!(units(&source, &mentions, &[], at(&source, "均未达到")), ["县文旅局", "县水利局"]);
        assert_eq!(units(&source, &mentions, &[], at(&source, "已完成")), ["县教育局"]);
        let named = units(&source, &mentions, &[], at(&source, "40%"));
        let quoted = quote(&source, &mentions, at(&source, "40%"), &named);
        // 县水利局's figure is quoted without 县文旅局's.
        assert_eq!(source.slice(quoted), "县水利局负责的堤防工程完工率为40%");
        // The closing clause, for both, is quoted whole.
        let both = quote(&source, &mentions, at(&source, "均未达到"), &["县文旅局".into(), "县水利局".into()]);
        assert_eq!(
            source.slice(both),
            "县文旅局负责的游客中心完工率为91.5%，县水利局负责的堤防工程完工率为40%，2个项目均未达到100%"
        );
    }

    #[test]
    fn the_unit_heading_a_sentence_governs_across_semicolons() {
        let text = "落实情况：县工信局负责的6户企业扭亏2户；培育规上企业目标7户，完成1户；县商务局完成3户，差2户。新建2个项目未开工。";
        let source = SourceText::new(Path::new("b.txt"), Format::Text, "UTF-8", String::new(), text.into());
        let mentions: Vec<UnitMention> = ["县工信局", "县商务局"].iter().map(|n| mention(&source, n)).collect();
        assert_eq!(units(&source, &mentions, &[], at(&source, "完成1户")), ["县工信局"]);
        assert_eq!(units(&source, &mentions, &[], at(&source, "差2户")), ["县商务局"]);
        // A sentence that names none falls to the 牵头 line's units, given.
        let lead = [mention(&source, "县商务局")];
        assert_eq!(units(&source, &mentions, &lead, at(&source, "未开工")), ["县商务局"]);
    }

    #[test]
    fn later_units_and_then_the_items_units() {
        let text = "3个村道项目未开工，由县交通局负责。另有1个项目滞后。";
        let source = SourceText::new(Path::new("b.txt"), Format::Text, "UTF-8", String::new(), text.into());
        let mentions = vec![mention(&source, "县交通局")];
        assert_eq!(units(&source, &mentions, &[], at(&source, "未开工")), ["县交通局"]);
        assert_eq!(units(&source, &mentions, &[], at(&source, "滞后")), ["县交通局"]);
    }
}
