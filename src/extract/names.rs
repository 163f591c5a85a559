//! Unit names where a bulletin lists or mentions them outside a
//! responsibility clause: the entries of a list ("黑榜:A镇、B街道"), the
//! subject a clause opens with ("示范区按时到岗率较低"), and the places a
//! sentence names ("检查组先后来到A社区、B乡政府").
//!
//! Which names are units is the [`UnitBook`]'s (suffixes, generic names);
//! where a name ends in running text is told by its `name_stops`, where it
//! starts by its `openers`.

use std::ops::Range;

use super::units::UnitBook;

/// A unit name found in a text: where it is (bytes of that text) and its canonical name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Named {
    pub range: Range<usize>,
    pub canonical: String,
}

/// The most characters a unit's name has (as [`UnitBook::canonical`] allows).
const LONGEST_NAME: usize = 24;

/// Characters a unit's name does not start with: they join it to what came before.
/// (和 may: 和平桥街道, 和县; "和乡镇" is refused as 乡镇 is no name.)
const NOT_FIRST: &[char] = &['及', '与', '的', '对', '在', '之', '或'];

/// Separators between the entries of a list.
pub(crate) fn is_list_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | '|' | '｜' | '\t') || crate::text::is_space(c)
}

/// Words that may open a list entry without being part of it.
const ENTRY_LEADS: &[&str] =
    &["其中", "分别是", "分别为", "以及", "另有", "还有", "包括", "和", "及", "与", "对", "除", "有", "为", "是"];

/// The entries of a list in `text`: (byte range, text), split at list
/// separators, empty ones left out.
pub(crate) fn entries(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if at == text.len() || is_list_separator(c) {
            let (lead, trail) = crate::text::trimmed_range(&text[start..at]);
            if lead < trail {
                out.push(start + lead..start + trail);
            }
            start = at + c.len_utf8().min(text.len().saturating_sub(at));
        }
    }
    out
}

impl UnitBook {
    /// The unit a list entry names, wholly: "高新区(4.33)" → 高新区,
    /// "温泉社区:大桥自然村" → 大桥自然村, "相山区政府4件" → 相山区政府,
    /// "中国移动淮北分公司及中国联通淮北分公司各1件" → both. Figures and
    /// what follows them are dropped; the rest must be a unit name.
    pub(crate) fn entry_units(&self, entry: &str) -> Vec<Named> {
        let (mut start, mut end) = (0, entry.len());
        // "村:自然村": the entry is what follows the colon.
        if let Some(at) = entry.rfind(['：', ':']) {
            let after = at + entry[at..].chars().next().map_or(1, char::len_utf8);
            if after < entry.len() {
                start = after;
            }
        }
        // Figures and brackets end the name: "林海镇政府83%", "高新区(4.33)", "越城区(详见附件1)".
        if let Some(at) =
            entry[start..].find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '(' || c == '（')
        {
            end = start + at;
        }
        let text = entry[start..end].trim_end_matches(['(', '（', '[', '【', ' ']);
        let text = text.trim_end_matches(['各', '共', '约', '等', '均']);
        let (lead, trail) = crate::text::trimmed_range(text);
        let (start, text) = (start + lead, &text[lead..trail]);
        let found = self.units_of(text, start);
        if !found.is_empty() {
            return found;
        }
        // "其中相山区政府", "和县财政局": a word that opens the entry.
        match ENTRY_LEADS.iter().find_map(|l| text.strip_prefix(l)) {
            Some(rest) => self.units_of(rest, start + text.len() - rest.len()),
            None => Vec::new(),
        }
    }

    /// The units `text` (at byte `start` of an entry) is wholly: one name,
    /// or names joined by 和/及/与 when every part is one ("和平桥街道" is one).
    fn units_of(&self, text: &str, start: usize) -> Vec<Named> {
        if text.is_empty() {
            return Vec::new();
        }
        let parts: Vec<Range<usize>> =
            split_keep(text, '和').into_iter().flat_map(|r| split_within(text, r, '及')).collect();
        if parts.len() > 1 {
            let named: Vec<Named> = parts
                .iter()
                .filter_map(|part| {
                    let canonical = self.canonical_whole(&text[part.clone()])?;
                    Some(Named { range: start + part.start..start + part.end, canonical })
                })
                .collect();
            if named.len() == parts.len() {
                return named;
            }
        }
        self.canonical_whole(text)
            .map(|canonical| vec![Named { range: start..start + text.len(), canonical }])
            .unwrap_or_default()
    }

    /// The canonical name of `text` if all of it is a unit's name.
    fn canonical_whole(&self, text: &str) -> Option<String> {
        let text = crate::text::trim(text);
        let punctuation = [
            '，', ',', '。', '“', '”', '《', '》', '(', '（', ')', '）', '!', '！', '?', '？', '、', '：', ':', '；',
            ';',
        ];
        if !self.may_end_a_name(text) || text.contains(punctuation) || text.starts_with(NOT_FIRST) {
            return None;
        }
        // "市创文办有关负责人带队" ends in 队, but a name holds no 有 or 的
        // before its suffix (工作队 is a suffix, 工作 a stop word).
        let suffix = self.suffixes().iter().filter(|s| text.ends_with(s.as_str())).map(String::len).max().unwrap_or(0);
        let skip = text.char_indices().nth(2).map_or(text.len(), |(at, _)| at);
        let body = text.get(skip..text.len() - suffix).unwrap_or("");
        if self.inner_stops.is_match(body) {
            return None;
        }
        if let Some(rest) = text.strip_prefix('和')
            && self.canonical(rest).is_none()
            && rest.chars().count() <= 3
        {
            return None;
        }
        self.canonical(text)
    }

    /// The units a clause opens with, as its subject: "A、B和C两个单位因…"
    /// → A, B, C; "示范区按时到岗率较低" → 示范区. Every entry but the last
    /// must be a unit wholly; the last ends before a [`name_stops`] word.
    pub(crate) fn subject_units(&self, clause: &str) -> Vec<Named> {
        let parts: Vec<Range<usize>> = split_keep(clause, '、');
        let Some((last, first)) = parts.split_last() else { return Vec::new() };
        let mut named = Vec::new();
        for part in first {
            let found = self.entry_units(&clause[part.clone()]);
            if found.is_empty() {
                return Vec::new();
            }
            named.extend(found.into_iter().map(|n| shift(n, part.start)));
        }
        match self.name_at_start(&clause[last.clone()]) {
            Some(found) => {
                named.extend(found.into_iter().map(|n| shift(n, last.start)));
                named
            }
            None if first.is_empty() => Vec::new(),
            // "A、B等3个单位": the list ends with a word that is not a name.
            None => named,
        }
    }

    /// The unit names `text` starts with, before the first stop word: one,
    /// or two joined by 和/及/与 ("县电信公司和县物资中心两个单位").
    fn name_at_start(&self, text: &str) -> Option<Vec<Named>> {
        let first = self.one_name_at_start(text)?;
        let rest = &text[first.range.end..];
        let joined = ['和', '及', '与'].iter().find_map(|j| rest.strip_prefix(*j));
        let mut named = vec![first.clone()];
        if let Some(after) = joined
            && let Some(second) = self.one_name_at_start(after)
        {
            named.push(shift(second, text.len() - after.len()));
        }
        Some(named)
    }

    fn one_name_at_start(&self, text: &str) -> Option<Named> {
        // A name is at most LONGEST_NAME characters: only those are read.
        let text = &text[..text.char_indices().nth(LONGEST_NAME).map_or(text.len(), |(at, _)| at)];
        // The name ends at the first stop word after its first two characters.
        let skip = text.char_indices().nth(2).map_or(text.len(), |(at, _)| at);
        let stop = self
            .name_stops
            .find(&text[skip..])
            .map(|found| skip + found.start())
            .into_iter()
            .chain(text.find(|c: char| {
                c.is_ascii_digit() || matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '（' | '(' | '“')
            }))
            .min()
            .unwrap_or(text.len());
        let head = &text[..stop];
        if let Some(canonical) = self.canonical_whole(head) {
            return Some(Named { range: 0..head.len(), canonical });
        }
        // Else the longest part of it that ends in a suffix of two characters or more
        // ("禹王台区南郊乡政府创文…"); one character (组, 区) ends too many words ("积极组织").
        let ends: Vec<usize> = head.char_indices().map(|(at, c)| at + c.len_utf8()).collect();
        ends.into_iter().rev().find_map(|end| {
            let part = &head[..end];
            let long_suffix = self.suffixes().iter().any(|s| s.len() > 3 && part.ends_with(s.as_str()));
            let canonical = long_suffix.then(|| self.canonical_whole(part)).flatten()?;
            Some(Named { range: 0..end, canonical })
        })
    }

    /// Every unit `sentence` names as a list entry, after an opener where
    /// one is written ("检查组先后来到A社区、B乡政府" → A社区, B乡政府).
    pub(crate) fn mentioned_units(&self, sentence: &str) -> Vec<Named> {
        let mut named = Vec::new();
        for entry in entries(sentence) {
            let text = &sentence[entry.clone()];
            let start =
                self.openers.iter().filter_map(|o| text.rfind(o.as_str()).map(|at| at + o.len())).max().unwrap_or(0);
            let found = self.entry_units(&text[start..]);
            let found = if found.is_empty() { self.name_at_start(&text[start..]).unwrap_or_default() } else { found };
            named.extend(found.into_iter().map(|n| shift(n, entry.start + start)));
        }
        named
    }
}

fn shift(named: Named, by: usize) -> Named {
    Named { range: named.range.start + by..named.range.end + by, canonical: named.canonical }
}

/// The part `range` of `text` split again at `separator`.
fn split_within(text: &str, range: Range<usize>, separator: char) -> Vec<Range<usize>> {
    split_keep(&text[range.clone()], separator)
        .into_iter()
        .map(|r| r.start + range.start..r.end + range.start)
        .collect()
}

/// `text` split at `separator`, each part's byte range.
fn split_keep(text: &str, separator: char) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(separator) {
        out.push(start..at);
        start = at + separator.len_utf8();
    }
    out.push(start..text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: Vec<Named>, text: &str) -> Vec<String> {
        found.into_iter().map(|n| text[n.range].to_string()).collect()
    }

    #[test]
    fn entries_of_lists() {
        let book = UnitBook::default();
        let entry = |t: &str| names(book.entry_units(t), t);
        assert_eq!(entry("高新区(4.33)"), ["高新区"]);
        assert_eq!(entry("温泉社区:大桥自然村"), ["大桥自然村"]);
        assert_eq!(entry("林海镇政府83%"), ["林海镇政府"]);
        assert_eq!(entry("中国移动淮北分公司及中国联通淮北分公司各1件"), ["中国移动淮北分公司", "中国联通淮北分公司"]);
        assert_eq!(entry("和平桥街道"), ["和平桥街道"]);
        assert_eq!(entry("改(新)建农村户用厕所"), Vec::<String>::new());
        assert_eq!(entry("全市"), Vec::<String>::new());
    }

    #[test]
    fn subjects_of_clauses() {
        let book = UnitBook::default();
        let subject = |t: &str| names(book.subject_units(t), t);
        assert_eq!(subject("示范区按时到岗率较低"), ["示范区"]);
        assert_eq!(subject("学田街道在小区管理和河道保洁方面失分较多"), ["学田街道"]);
        assert_eq!(
            subject("县电信公司和县物资资产管理服务中心两个单位因整改不力"),
            ["县电信公司", "县物资资产管理服务中心"]
        );
        assert_eq!(
            subject("市文化广电旅游体育局、市应急管理局、市住房城乡建设局有关工作受到上级通报批评"),
            ["市文化广电旅游体育局", "市应急管理局", "市住房城乡建设局"]
        );
        assert_eq!(subject("禹王台区南郊乡政府创文各项工作有明显整改提升之外"), ["禹王台区南郊乡政府"]);
        assert!(subject("新晃县城污水管网建设项目、年加工2万吨不锈钢制品生产线建设项目因4月份推进严重滞后").is_empty());
    }

    #[test]
    fn places_a_sentence_names() {
        let book = UnitBook::default();
        let text = "创文办检查组先后来到城乡一体化示范区集英社区、西郊乡政府,鼓楼区南苑办事处、东苑小区";
        assert_eq!(
            names(book.mentioned_units(text), text),
            ["城乡一体化示范区集英社区", "西郊乡政府", "鼓楼区南苑办事处", "东苑小区"]
        );
    }
}
