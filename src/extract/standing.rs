//! Standings: where a bulletin places a unit in a ranking (名次), in the
//! shapes rankings are written and flattened in:
//!
//! * **in order**: "从第一名到第七名依次为：A、B、C…";
//! * **named places**: "第一名：A，第二名：B", "第一名:A,得分91.26分";
//! * **numbered rows** under a ranking: "1.A镇 2.B镇 3.C乡";
//! * **a table's 排名 column**, on one line a row ("A街道 95.65 93.73 94.91 1",
//!   scores fused with the place: "94.911") or one cell a line ("A县 |
//!   3.25(3.76) | 31(74) |");
//! * **scores fused with places** without a column: "A区195.71" (1st, 95.71);
//! * **in prose**: "…排名居全省第19位（责任单位：B局）", "位列第17位" in an item;
//! * **group places** a statement gives: "排名后三名的乡镇：A、B、C".
//!
//! A standing needs its unit: a place that belongs to no named unit is left
//! to the figures (`Role::Rank`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Lexicon;
use super::facts::{ItemFacts, Place, Standing, Statement, UnitMention, UnitRole};
use super::lines::ScannedLines;
use super::names::Named;
use super::role::is_rank;
use super::scan::Token;
use crate::parse::Document;
use crate::source::{SourceText, Span};

/// Words that say a text ranks what follows.
const RANKING_WORDS: &[&str] = &["排名", "名次", "排序", "排行", "评比", "第一名"];

/// Words before 排名 that make the place a change, not a place: "同比下降排名第5位".
const CHANGES: &[&str] = &["下降", "上升", "前移", "后移", "提升", "进位", "退位"];

/// The fewest rows a run of numbered or fused rows needs to read as a ranking.
const FEWEST_ROWS: usize = 2;

/// The standings of a bulletin, in order.
pub(crate) fn standings(
    source: &SourceText,
    document: &Document,
    lexicon: &Lexicon,
    items: &[ItemFacts],
    statements: &[Statement],
    scanned: &ScannedLines<'_>,
) -> Vec<Standing> {
    let reader = Reader { source, document, lexicon, items };
    let mut out = Vec::new();
    for statement in statements {
        let Some((group, of)) = statement.place else { continue };
        out.extend(statement.units.iter().map(|unit| Standing {
            unit: unit.clone(),
            place: Place::Group(group, of),
            span: statement.words,
        }));
    }
    // Tables and rows are read as rankings only after words that say so.
    let first_ranking =
        document.lines.iter().position(|l| RANKING_WORDS.iter().any(|w| source.slice(l.span).contains(w)));
    for (index, line) in document.lines.iter().enumerate().filter(|(_, l)| !l.glossary).map(|(i, l)| (i, l.span)) {
        let text = source.slice(line);
        out.extend(reader.in_order(line, text));
        out.extend(reader.named_places(line, text));
        out.extend(reader.in_prose(line, text, || scanned.line(index)));
        if first_ranking.is_some_and(|first| first <= index) {
            out.extend(reader.table_row_places(index));
        }
    }
    if first_ranking.is_some() {
        out.extend(reader.numbered_rows());
        out.extend(reader.fused_rows());
        out.extend(reader.cell_table());
    }
    out.sort_by_key(|s| (s.span.start, s.unit.span.start));
    out.dedup_by(|a, b| a.unit.span == b.unit.span && a.place == b.place && a.span == b.span);
    out
}

struct Reader<'a> {
    source: &'a SourceText,
    document: &'a Document,
    lexicon: &'a Lexicon,
    items: &'a [ItemFacts],
}

/// "依次为：", "依次是": where each such phrase starts and ends in `text`.
fn in_order_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.match_indices("依次").filter_map(move |(at, word)| {
        let rest = &text[at + word.len()..];
        let after = rest.strip_prefix(['为', '是'])?;
        let after = after.strip_prefix([':', '：']).unwrap_or(after);
        Some(at..text.len() - after.len())
    })
}

/// "第一名：", "第3名:".
static NAMED_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})名[:：]").expect("the place pattern is valid")
});

/// "1.A镇 2.B乡", "12．B乡": each numbered row of a line, its number and its
/// entry. A row starts the line or follows a space; its number has one to
/// three digits and a dot or 、; its entry runs to the next space or digit.
fn numbered_entries(text: &str) -> Vec<(u32, Range<usize>)> {
    let space = |c: char| matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}');
    let starts =
        std::iter::once(0).chain(text.char_indices().filter(|&(_, c)| space(c)).map(|(at, c)| at + c.len_utf8()));
    let mut out = Vec::new();
    let mut end = 0;
    for start in starts {
        if start < end || (start == 0 && !out.is_empty()) {
            continue;
        }
        let rest = &text[start..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=3).contains(&digits) {
            continue;
        }
        let Some(mark) = rest[digits..].chars().next().filter(|c| matches!(c, '.' | '．' | '、')) else { continue };
        let after = &rest[digits + mark.len_utf8()..];
        let entry = after.trim_start_matches([' ', '\u{3000}']);
        let length = entry.find(|c: char| space(c) || c.is_ascii_digit()).unwrap_or(entry.len());
        if length == 0 {
            continue;
        }
        let from = text.len() - entry.len();
        end = from + length;
        if let Ok(number) = rest[..digits].parse() {
            out.push((number, from..end));
        }
    }
    out
}

impl Reader<'_> {
    fn unit(&self, base: usize, named: Named) -> UnitMention {
        let span = Span::new(base + named.range.start, base + named.range.end);
        UnitMention {
            name: self.source.slice(span).to_string(),
            canonical: named.canonical,
            role: UnitRole::Responsible,
            span,
            duty: None,
        }
    }

    /// The units of the entries of `text[range]`, in order, with where each is.
    fn listed(&self, base: usize, text: &str, range: Range<usize>) -> Vec<UnitMention> {
        let part = &text[range.clone()];
        super::names::entries(part)
            .into_iter()
            .flat_map(|entry| {
                let at = base + range.start + entry.start;
                self.lexicon.units.entry_units(&part[entry]).into_iter().map(move |n| (at, n))
            })
            .map(|(at, n)| self.unit(at, n))
            .collect()
    }

    /// "从第一名到第七名依次为：A、B、C；".
    fn in_order(&self, line: Span, text: &str) -> Vec<Standing> {
        let mut out = Vec::new();
        for found in in_order_words(text) {
            let before = &text[..found.start];
            let sentence = before.rfind(['。', '；', ';']).map_or(before, |at| &before[at..]);
            if !RANKING_WORDS.iter().chain(&["名"]).any(|w| sentence.contains(w)) {
                continue;
            }
            let end = text[found.end..].find(['。', '；', ';']).map_or(text.len(), |at| found.end + at);
            for (place, unit) in self.listed(line.start, text, found.end..end).into_iter().enumerate() {
                let span = unit.span;
                out.push(Standing { unit, place: Place::Nth(place as u32 + 1), span });
            }
        }
        out
    }

    /// "第一名：上虞区，第二名：新昌县".
    fn named_places(&self, line: Span, text: &str) -> Vec<Standing> {
        let mut out = Vec::new();
        // The pattern's own literal, looked for first: most lines have none.
        if !text.contains("名：") && !text.contains("名:") {
            return out;
        }
        for found in NAMED_PLACE.captures_iter(text) {
            let (Some(whole), Some(number)) = (found.get(0), found.get(1)) else { continue };
            let Some(place) = super::phrases::count(number.as_str()) else { continue };
            let rest = &text[whole.end()..];
            let end = whole.end() + rest.find(['，', ',', '；', ';', '。', ' ']).unwrap_or(rest.len());
            if let Some(unit) = self.listed(line.start, text, whole.end()..end).into_iter().next() {
                let span = Span::new(line.start + whole.start(), line.start + whole.end());
                out.push(Standing { unit, place: Place::Nth(place), span });
            }
        }
        out
    }

    /// "排名居全省第19位" in a line that names its unit: the 责任单位 of the
    /// line or of its item, else the unit its clause opens with.
    fn in_prose<'t>(&self, line: Span, text: &str, tokens: impl FnOnce() -> &'t [Token]) -> Vec<Standing> {
        let mut out = Vec::new();
        // A place in prose is 第N, with 位/名 after it or 排/居/列 before: a line
        // without those has none, and is not scanned.
        if !text.contains('第') || !text.contains(['位', '名', '排', '居', '列']) {
            return out;
        }
        let mut owner: Option<Option<UnitMention>> = None;
        for token in tokens() {
            let Token::Rank { span, value } = *token else { continue };
            let before = &text[..span.start - line.start];
            let clause = before.rsplit(['，', ',', '；', ';', '。', '：', ':']).next().unwrap_or(before);
            if !is_rank(clause) || CHANGES.iter().any(|c| clause.contains(c)) {
                continue;
            }
            let unit = owner.get_or_insert_with(|| self.owner(line, text, clause)).clone();
            if let Some(unit) = unit {
                out.push(Standing { unit, place: Place::Nth(value), span });
            }
        }
        out
    }

    /// Whose place a line of prose gives.
    fn owner(&self, line: Span, text: &str, clause: &str) -> Option<UnitMention> {
        let item = super::statement::item_of(self.document, line);
        if let Some(unit) = item.and_then(|i| self.items[i].units.first()) {
            return Some(unit.clone());
        }
        if let Some(unit) = super::units::find(self.source, line, &self.lexicon.units).into_iter().next() {
            return Some(unit);
        }
        let start = clause.as_ptr() as usize - text.as_ptr() as usize;
        let named = self.lexicon.units.subject_units(clause).into_iter().next()?;
        Some(self.unit(line.start + start, named))
    }

    /// "1.方岗镇 2.神垕镇 3.无梁镇", over lines: runs numbered from 1 whose
    /// every entry is a unit.
    fn numbered_rows(&self) -> Vec<Standing> {
        let mut out = Vec::new();
        let mut run: Vec<Standing> = Vec::new();
        // One row is a ranking of one where the bulletin ranks others so.
        let mut flush = |run: &mut Vec<Standing>| {
            if run.len() >= FEWEST_ROWS || (!run.is_empty() && !out.is_empty()) {
                out.append(run);
            }
            run.clear();
        };
        for line in self.document.lines.iter().map(|l| l.span) {
            let text = self.source.slice(line);
            if !text.contains(|c: char| c.is_ascii_digit()) {
                flush(&mut run);
                continue;
            }
            let rows = numbered_entries(text);
            if rows.is_empty() {
                flush(&mut run);
                continue;
            }
            for (number, entry) in rows {
                let expected = run.len() as u32 + 1;
                if number == 1 && expected != 1 {
                    flush(&mut run);
                } else if number != expected {
                    run.clear();
                    continue;
                }
                // Numbered in order under a ranking, a short name is a unit's
                // whatever it ends in; a sentence is not ("1.抓项目，确保…").
                let written = &text[entry.clone()];
                let named = self.lexicon.units.entry_units(written).into_iter().next().or_else(|| {
                    let han = written.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
                    (han && (2..=12).contains(&written.chars().count()))
                        .then(|| Named { range: 0..written.len(), canonical: written.to_string() })
                });
                match named.filter(|n| n.range.end == written.len()) {
                    Some(named) => {
                        let unit = self.unit(line.start + entry.start, named);
                        let span = unit.span;
                        run.push(Standing { unit, place: Place::Nth(number), span });
                    }
                    None => run.clear(),
                }
            }
        }
        flush(&mut run);
        out
    }

    /// A one-line table row under a header whose last cell is 排名:
    /// "中兴街道 95.65 93.7395.8094.911" → 1 (the scores have two decimals).
    fn table_row_places(&self, index: usize) -> Vec<Standing> {
        let lines = &self.document.lines;
        let header = self.source.slice(lines[index].span);
        let end = header.trim_end_matches(|c: char| crate::text::is_space(c) || c == '|');
        if !(end.ends_with("排名") || end.ends_with("名次")) {
            return Vec::new();
        }
        let cells: Vec<&str> =
            header.split(|c: char| crate::text::is_space(c) || c == '|').filter(|c| !c.is_empty()).collect();
        if cells.len() < 3 || !cells.last().is_some_and(|c| *c == "排名" || *c == "名次") {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut misses = 0;
        for line in lines[index + 1..].iter().map(|l| l.span) {
            let text = self.source.slice(line);
            match self.ranked_row(line, text) {
                Some(standing) => {
                    misses = 0;
                    out.push(standing);
                }
                // A line of notes under the header ("(占40%) (占40%)") is passed over.
                None if misses < 2 => misses += 1,
                None => break,
            }
        }
        out
    }

    /// A row: a unit, then figures whose last is the place.
    fn ranked_row(&self, line: Span, text: &str) -> Option<Standing> {
        let first = text.find(|c: char| c.is_ascii_digit())?;
        let named = self.lexicon.units.entry_units(&text[..first]).into_iter().next()?;
        let figures = &text[first..];
        let decimals = common_decimals(figures)?;
        let numbers = fused_numbers(figures, decimals);
        let [.., (score_at, score), (place_at, place)] = numbers.as_slice() else { return None };
        let integer = !place.contains('.') && score.contains('.') && place_at > score_at;
        let place: u32 = place.parse().ok().filter(|_| integer)?;
        let unit = self.unit(line.start, named);
        let start = line.start + first + place_at;
        Some(Standing { unit, place: Place::Nth(place), span: Span::new(start, start + place.to_string().len()) })
    }

    /// Rows of a score table whose column separators are lost, the place
    /// fused before the score: "兖州区195.71", "梁山县1175.5" (11th, 75.5).
    /// Places must start at 1 and go up, ties allowed.
    fn fused_rows(&self) -> Vec<Standing> {
        static FUSED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^([^0-9]+?)([0-9]{3,5})\.([0-9]{1,2})").expect("the row pattern is valid"));
        let mut out = Vec::new();
        let mut run: Vec<Standing> = Vec::new();
        let mut flush = |run: &mut Vec<Standing>| {
            if run.len() > FEWEST_ROWS {
                out.append(run);
            }
            run.clear();
        };
        for line in self.document.lines.iter().map(|l| l.span) {
            let text = crate::text::trim(self.source.slice(line));
            if !text.contains('.') {
                flush(&mut run);
                continue;
            }
            let line_start = line.start + (self.source.slice(line).len() - self.source.slice(line).trim_start().len());
            let Some(found) = FUSED.captures(text) else {
                flush(&mut run);
                continue;
            };
            let (Some(name), Some(digits)) = (found.get(1), found.get(2)) else { continue };
            let Some(named) = self.lexicon.units.entry_units(name.as_str()).into_iter().next() else {
                flush(&mut run);
                continue;
            };
            // The score keeps two digits before its point; what is before them is the place.
            let place_digits = &digits.as_str()[..digits.as_str().len() - 2];
            let Ok(place) = place_digits.parse::<u32>() else { continue };
            let previous = run.last().map_or(0, |s: &Standing| match s.place {
                Place::Nth(n) => n,
                Place::Group(..) => 0,
            });
            let follows = (run.is_empty() && place == 1)
                || (!run.is_empty() && (place == previous || place as usize == run.len() + 1));
            if !follows {
                flush(&mut run);
                continue;
            }
            let unit = self.unit(line_start, named);
            let start = line_start + digits.start();
            run.push(Standing { unit, place: Place::Nth(place), span: Span::new(start, start + place_digits.len()) });
        }
        flush(&mut run);
        out
    }

    /// A table flattened one cell a line ("沂源县 |", "3.25(3.76) |",
    /// "31(74) |"): the columns are as many as the cells from one unit to
    /// the next; the header is that many cells before the first unit; a
    /// header cell holding 排名 gives the place in its column.
    fn cell_table(&self) -> Vec<Standing> {
        let cells: Vec<(Span, &str)> = self
            .document
            .lines
            .iter()
            .map(|l| (l.span, self.source.slice(l.span)))
            .filter(|(_, t)| t.ends_with('|') || t.ends_with('｜'))
            .map(|(l, t)| (l, crate::text::trim(t.trim_end_matches(['|', '｜']))))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let is_unit = |text: &str| !self.lexicon.units.entry_units(text).is_empty() && !text.contains('、');
        let Some(first) = cells.iter().position(|(_, t)| is_unit(t)) else { return Vec::new() };
        let Some(period) = cells[first + 1..].iter().position(|(_, t)| is_unit(t)).map(|p| p + 1) else {
            return Vec::new();
        };
        if first < period {
            return Vec::new();
        }
        let header = &cells[first - period..first];
        let Some(column) = header.iter().position(|(_, t)| t.contains("排名") || t.contains("名次")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for row in cells[first..].chunks(period).take_while(|row| row.len() == period && is_unit(row[0].1)) {
            let (span, text) = row[0];
            let Some(named) = self.lexicon.units.entry_units(text).into_iter().next() else { break };
            let (place_span, place_text) = row[column];
            let digits: String = place_text.chars().take_while(char::is_ascii_digit).collect();
            let Ok(place) = digits.parse() else { continue };
            let base = span.start + (self.source.slice(span).len() - self.source.slice(span).trim_start().len());
            out.push(Standing { unit: self.unit(base, named), place: Place::Nth(place), span: place_span });
        }
        out
    }
}

/// The decimals the scores of a row are written with: the commonest count
/// among its figures that are written apart.
fn common_decimals(figures: &str) -> Option<usize> {
    let mut counts = [0usize; 5];
    for figure in figures.split(|c: char| crate::text::is_space(c)) {
        if let Some((_, decimals)) = figure.split_once('.')
            && decimals.len() < counts.len()
            && decimals.chars().all(|c| c.is_ascii_digit())
        {
            counts[decimals.len()] += 1;
        }
    }
    // A row whose every cell is fused has none apart: scores have two decimals.
    (1..counts.len()).max_by_key(|&d| (counts[d], d == 2)).filter(|&d| counts[d] > 0).or(Some(2))
}

/// The numbers of a row of figures, cells fused or not: with `decimals`
/// digits after each point, "93.7395.8094.911" is 93.73, 95.80, 94.91, 1.
fn fused_numbers(figures: &str, decimals: usize) -> Vec<(usize, String)> {
    let pattern = format!(r"[0-9]+\.[0-9]{{{decimals}}}|[0-9]+");
    let Ok(number) = Regex::new(&pattern) else { return Vec::new() };
    let mut out = Vec::new();
    for found in number.find_iter(figures) {
        // A figure cut off by the page ("90.") is no figure.
        if figures[found.end()..].starts_with('.') {
            break;
        }
        out.push((found.start(), found.as_str().to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::source::Format;

    #[test]
    fn words_that_give_an_order() {
        let text = "从第一名到第三名依次为：甲镇、乙镇；依次是丙镇；依次推进";
        let found: Vec<&str> = in_order_words(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["依次为：", "依次是"]);
    }

    fn places(text: &str) -> Vec<(String, Place)> {
        let source = SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into());
        let document = crate::parse::parse(&source).output;
        let facts = super::super::extract(&source, &document, &Lexicon::default(), &Default::default());
        facts.standings.into_iter().map(|s| (s.unit.name, s.place)).collect()
    }

    fn nth(names: &[&str]) -> Vec<(String, Place)> {
        names.iter().enumerate().map(|(i, n)| (n.to_string(), Place::Nth(i as u32 + 1))).collect()
    }

    #[test]
    fn in_order_and_named() {
        assert_eq!(
            places("县(市)组，从第一名到第三名依次为：东山县、西岭市、南湖区；"),
            nth(&["东山县", "西岭市", "南湖区"])
        );
        assert_eq!(places("第一名：东山县，第二名：西岭市(详见附件1)。"), nth(&["东山县", "西岭市"]));
    }

    #[test]
    fn numbered_entries_as_the_row_pattern_reads_them() {
        // The pattern this reader replaces, kept as its oracle.
        let pattern =
            Regex::new(r"(?:^|[ \t\u{3000}\u{A0}])([0-9]{1,3})[.．、][ \u{3000}]*([^ \t\u{3000}\u{A0}0-9]+)").unwrap();
        let pieces = ["1", "12", "1234", ".", "．", "、", " ", "\u{3000}", "\t", "\u{A0}", "青石镇", "乡", "5", "x"];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            texts = texts.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
        }
        for text in &texts {
            let expected: Vec<(u32, Range<usize>)> = pattern
                .captures_iter(text)
                .filter_map(|c| Some((c.get(1)?.as_str().parse().ok()?, c.get(2)?.range())))
                .collect();
            assert_eq!(numbered_entries(text), expected, "{text:?}");
        }
    }

    #[test]
    fn numbered_rows_under_a_ranking() {
        let text = "各乡镇工作排名如下：\n一、东山县\n1.青石镇 2.白沙乡 3.红岩镇\n4.石门镇\n";
        assert_eq!(places(text), nth(&["青石镇", "白沙乡", "红岩镇", "石门镇"]));
        assert!(places("一、项目\n1.抓项目，确保投资不失速\n2.抓工业\n").is_empty());
    }

    #[test]
    fn a_table_with_a_place_column_fused_or_not() {
        let text = "考核结果如下：\n街道名称 系统得分 现场得分 总分 排名\n东门街道 95.65 93.7394.911\n西门街道 95.37 93.80 94.90 2\n";
        assert_eq!(places(text), nth(&["东门街道", "西门街道"]));
    }

    #[test]
    fn places_in_prose_belong_to_the_responsible_unit() {
        let text = "一、省厅通报中指出，我市公共文化建设排名居全省第19位，同比下降排名第5位。（责任单位：市文旅局）\n";
        assert_eq!(places(text), [("市文旅局".to_string(), Place::Nth(19))]);
    }
}
