//! Stated totals and their parts: "131项工作中，47项已完成，79项有序推进，
//! 1存在突出问题，4项需要加大力度"; "共分解任务30项，已完成19项，正在有序推进
//! 7项…". Real bulletins do not always add up; a tally says whether it does.

use super::facts::{Tally, TallyPart};
use super::scan::Token;
use crate::source::{SourceText, Span};

/// Words before a count that make it a total.
const TOTAL_LEADS: &[&str] = &["共分解任务", "分解任务", "共计", "合计", "总计", "确定事项", "共有", "共"];

/// Words that say the counted things are left out of the total's reckoning.
const LEFT_OUT: &[&str] =
    &["未做", "未作", "不作", "不做", "不纳入", "未纳入", "不含", "不包括", "除外", "暂不", "无法统计"];

/// The tallies of one paragraph, from its tokens.
pub(crate) fn tallies(source: &SourceText, paragraph: Span, tokens: &[Token]) -> Vec<Tally> {
    let text = source.slice(paragraph);
    let mut found = Vec::new();
    let mut sentence_start = 0;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), '。'))) {
        if !matches!(c, '。' | '；' | ';' | '！' | '？') {
            continue;
        }
        let sentence = Span::new(paragraph.start + sentence_start, paragraph.start + at);
        let inside: Vec<&Token> =
            tokens.iter().filter(|t| t.span().start >= sentence.start && t.span().end <= sentence.end).collect();
        if let Some(tally) = tally(source, sentence, &inside) {
            found.push(tally);
        }
        sentence_start = at + c.len_utf8().min(text.len() - at);
    }
    found
}

/// A count: its value, unit (empty for a bare number) and span.
fn count(token: &Token) -> Option<(f64, &str, Span)> {
    match token {
        Token::Quantity(m) if m.magnitude == 0 && m.to.is_none() && super::quantity::is_counter(m.unit) => {
            Some((m.number.value(), m.unit, m.span))
        }
        Token::Bare { value, span } => Some((value.value(), "", *span)),
        _ => None,
    }
}

fn tally(source: &SourceText, sentence: Span, tokens: &[&Token]) -> Option<Tally> {
    let counts: Vec<(f64, &str, Span)> = tokens.iter().filter_map(|t| count(t)).collect();
    // The total: a count followed, within a short noun, by 中 ("131项工作中"), or
    // led by 共/合计/确定事项 ("共分解任务30项").
    let (index, &(total, unit, total_span)) = counts.iter().enumerate().find(|(_, (_, unit, span))| {
        if unit.is_empty() {
            return false;
        }
        let after = &source.text[span.end..sentence.end];
        // 中 closes the phrase: "131项工作中，…" — not the 中 of "中央".
        let noun_then_zhong = after.char_indices().take(8).any(|(at, c)| {
            c == '中'
                && !after[..at].contains(['，', ',', '、'])
                && after[at + c.len_utf8()..].starts_with(['，', ',', '：', ':'])
        });
        let before = &source.text[sentence.start..span.start];
        noun_then_zhong || TOTAL_LEADS.iter().any(|lead| before.trim_end().ends_with(lead))
    })?;
    // The parts: later counts in the same unit, or bare numbers (a lost 项).
    let parts: Vec<TallyPart> = counts[index + 1..]
        .iter()
        .filter(|(_, u, span)| *u == unit || (u.is_empty() && !names_a_thing(source, sentence, *span)))
        .map(|&(count, _, span)| TallyPart { label: label(source, sentence, span), count, span })
        .collect();
    // What a total leaves out is no breakdown of it: "203项任务中，生产总值等9项…
    // 以及…等2项指标任务未做季度统计".
    if parts.len() < 2 || parts.iter().any(|p| LEFT_OUT.iter().any(|w| p.label.contains(w))) {
        return None;
    }
    let sum: f64 = parts.iter().map(|p| p.count).sum();
    Some(Tally {
        span: Span::new(total_span.start, sentence.end),
        total,
        unit: unit.to_string(),
        consistent: (sum - total).abs() < 1e-9,
        parts,
    })
}

/// Whether a bare number is part of a name ("全面公布“1+3”清单", "“3+X”模式"),
/// not a count: inside quotation marks or joined by a plus.
fn names_a_thing(source: &SourceText, sentence: Span, number: Span) -> bool {
    let before = &source.text[sentence.start..number.start];
    let after = &source.text[number.end..sentence.end];
    let quoted = before.matches(['“', '「']).count() > before.matches(['”', '」']).count();
    quoted || before.ends_with(['+', '＋']) || after.starts_with(['+', '＋'])
}

/// What a part counts: its clause without the count ("47项已完成" → "已完成").
fn label(source: &SourceText, sentence: Span, count: Span) -> String {
    let text = &source.text[sentence.range()];
    let at = count.start - sentence.start;
    let start = text[..at]
        .rfind(['，', ',', '、', '：', ':'])
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end_at = count.end - sentence.start;
    let end = text[end_at..].find(['，', ',', '、']).map_or(text.len(), |i| end_at + i);
    let label = format!("{}{}", &text[start..at], &text[end_at..end]);
    crate::text::trim(&label).chars().take(24).collect()
}
