//! Responsible units (责任单位): which names are units, what they are called
//! for short, and where a bulletin says who is responsible.
//!
//! The vocabulary is data — `rules/units.yaml`, embedded as the default and
//! replaceable with `--units` — so an office adds its own names without a
//! rebuild. Recognition needs a context that names responsibility: a
//! 牵头单位/责任单位/配合单位 line, or a clause of `grammar/facts.pest`
//! (`区工信局负责的…`, `由区财政局负责`, `县发改局牵头`, `区发改局、区工信局要…`).

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::facts::{UnitMention, UnitRole};
use super::quantity::is_boundary;
use super::scan::duty_clause;
use crate::source::{SourceText, Span};
use crate::yaml::{self, YamlError};

/// The unit list built into the program.
pub const DEFAULT_UNITS: &str = include_str!("../../rules/units.yaml");

/// `rules/units.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    suffixes: Vec<String>,
    #[serde(default)]
    short_names: HashMap<String, String>,
    #[serde(default)]
    aliases: HashMap<String, String>,
    #[serde(default)]
    generic_prefixes: Vec<String>,
    #[serde(default)]
    generic_names: Vec<String>,
    #[serde(default)]
    superior_prefixes: Vec<String>,
    #[serde(default = "yes")]
    first_listed_leads: bool,
    #[serde(default)]
    false_endings: Vec<String>,
    #[serde(default)]
    name_stops: Vec<String>,
    #[serde(default)]
    openers: Vec<String>,
}

fn yes() -> bool {
    true
}

/// What duban knows about unit names, ready to use.
#[derive(Clone, Debug)]
pub struct UnitBook {
    suffixes: Vec<String>,
    /// The last characters of the suffixes, sorted: a text that ends in
    /// none of them is no unit's name, told before any suffix is compared.
    suffix_ends: Vec<char>,
    /// Long endings → short ones, longest first.
    short_names: Vec<(String, String)>,
    aliases: HashMap<String, String>,
    generic_prefixes: Vec<String>,
    generic_names: Vec<String>,
    superior_prefixes: Vec<String>,
    first_listed_leads: bool,
    false_endings: Vec<String>,
    /// Words a name ends before in running text, found in one pass.
    pub(crate) name_stops: aho_corasick::AhoCorasick,
    /// The same but for 和, 及 and 与, which join names and may stand in one (和平桥街道).
    pub(crate) inner_stops: aho_corasick::AhoCorasick,
    /// Words a name starts after in running text.
    pub(crate) openers: Vec<String>,
}

/// A unit list that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{}{}{error}", text.path.display(), crate::say!("：", ": "))]
pub struct UnitsError {
    /// The file, for pointing into it.
    pub text: Box<SourceText>,
    /// What is wrong.
    pub error: YamlError,
}

impl UnitBook {
    /// Reads a unit list.
    pub fn from_yaml(text: &str) -> Result<UnitBook, YamlError> {
        let raw: RawBook = yaml::from_str(text)?;
        let mut short_names: Vec<(String, String)> = raw.short_names.into_iter().collect();
        short_names.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
        let mut suffix_ends: Vec<char> = raw.suffixes.iter().filter_map(|s| s.trim().chars().next_back()).collect();
        suffix_ends.sort_unstable();
        suffix_ends.dedup();
        Ok(UnitBook {
            suffix_ends,
            suffixes: raw.suffixes,
            short_names,
            aliases: raw.aliases,
            generic_prefixes: raw.generic_prefixes,
            generic_names: raw.generic_names,
            superior_prefixes: raw.superior_prefixes,
            first_listed_leads: raw.first_listed_leads,
            false_endings: raw.false_endings,
            name_stops: stops(&raw.name_stops, |_| true)?,
            inner_stops: stops(&raw.name_stops, |w| !["和", "及", "与"].contains(&w))?,
            openers: raw.openers,
        })
    }

    /// Reads the unit list at `path`.
    pub fn load(path: &Path) -> Result<UnitBook, UnitsError> {
        let fail = |text: String, error| UnitsError {
            text: Box::new(SourceText::new(path, crate::source::Format::Text, "UTF-8", String::new(), text)),
            error,
        };
        let text = yaml::read_file(path).map_err(|error| fail(String::new(), error))?;
        UnitBook::from_yaml(&text).map_err(|error| fail(text, error))
    }

    /// Whether `text` ends in a character some suffix ends in.
    pub(crate) fn may_end_a_name(&self, text: &str) -> bool {
        text.chars().next_back().is_some_and(|c| self.may_end_with(c))
    }

    /// Whether some suffix ends in `c`.
    pub(crate) fn may_end_with(&self, c: char) -> bool {
        self.suffix_ends.binary_search(&c).is_ok()
    }

    /// The endings of unit names.
    pub(crate) fn suffixes(&self) -> &[String] {
        &self.suffixes
    }

    /// The unit name in `candidate`, canonical, if it is one: it ends in a
    /// unit suffix and does not stand for everyone concerned.
    pub fn canonical(&self, candidate: &str) -> Option<String> {
        if !self.may_end_a_name(candidate.trim_end()) {
            return None;
        }
        let name = strip_lead(candidate);
        let chars = name.chars().count();
        if !(2..=24).contains(&chars) || name.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return None;
        }
        if !self.suffixes.iter().any(|s| name.ends_with(s.as_str()) && name != s)
            || self.false_endings.iter().any(|e| name.ends_with(e.as_str()))
        {
            return None;
        }
        if self.generic_prefixes.iter().chain(&self.superior_prefixes).any(|p| name.starts_with(p.as_str())) {
            return None;
        }
        // "德州这些乡镇": a generic word of two characters or more anywhere.
        if self.generic_prefixes.iter().any(|p| p.chars().count() >= 2 && name.contains(p.as_str())) {
            return None;
        }
        // "市市商务局": a level written twice is a slip of the keyboard.
        let name = match name.chars().next() {
            Some(level @ ('市' | '县' | '区' | '镇' | '乡')) if name[level.len_utf8()..].starts_with(level) => {
                &name[level.len_utf8()..]
            }
            _ => name,
        };
        let bare = ["区级", "县级", "市级", "省级"].iter().fold(name, |n, p| n.strip_prefix(p).unwrap_or(n));
        if self.generic_names.iter().any(|g| g == bare) {
            return None;
        }
        let mut short = name.to_string();
        if let Some((long, brief)) = self.short_names.iter().find(|(long, _)| name.ends_with(long.as_str())) {
            short = format!("{}{brief}", &name[..name.len() - long.len()]);
        }
        Some(self.aliases.get(&short).or_else(|| self.aliases.get(name)).cloned().unwrap_or(short))
    }
}

/// The words of `words` that `keep` accepts, for finding in one pass.
fn stops(words: &[String], keep: impl Fn(&str) -> bool) -> Result<aho_corasick::AhoCorasick, YamlError> {
    let words = words.iter().map(|w| w.trim()).filter(|w| !w.is_empty() && keep(w));
    // Leftmost: the stop that starts first ends the name. Contiguous, no
    // prefilter (as for the phrase book).
    let builder = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .prefilter(false)
        .clone();
    builder.build(words).map_err(|e| YamlError::Syntax {
        line: None,
        column: None,
        message: crate::say!("name_stops 无法用于查找（{e}）", "the name_stops cannot be searched for ({e})"),
    })
}

impl Default for UnitBook {
    fn default() -> Self {
        UnitBook::from_yaml(DEFAULT_UNITS).expect("the built-in unit list is valid")
    }
}

/// Words that may open a clause before a unit's name.
fn strip_lead(name: &str) -> &str {
    const LEADS: &[&str] =
        &["截至目前", "目前", "其中", "同时", "此外", "并由", "由", "请", "督促", "要求", "推动", "并"];
    LEADS.iter().fold(name.trim(), |n, lead| n.strip_prefix(lead).unwrap_or(n))
}

/// The labels of responsibility lines and the role they give.
fn label_role(label: &str) -> Option<UnitRole> {
    if label.contains("牵头") || label.contains("主办") {
        Some(UnitRole::Lead)
    } else if label.contains("配合") || label.contains("协办") {
        Some(UnitRole::Partner)
    } else if label.contains("责任") || label.contains("承办") {
        Some(UnitRole::Responsible)
    } else {
        None
    }
}

/// The labels of lists inside running text, as in "（牵头单位：县发改局；配合单位：各乡镇）".
const INLINE_LABELS: &[&str] = &["牵头单位", "责任单位", "配合单位", "主办单位", "协办单位", "承办单位"];

/// Each inline label of `text` followed by its colon: its name and where its list starts.
fn inline_labels(text: &str) -> impl Iterator<Item = (&str, usize)> + '_ {
    text.match_indices("单位").filter_map(move |(at, word)| {
        let end = at + word.len();
        let name = text.get(at.checked_sub("牵头".len())?..end)?;
        let colon = text[end..].chars().next().filter(|&c| c == '：' || c == ':')?;
        INLINE_LABELS.contains(&name).then_some((name, end + colon.len_utf8()))
    })
}

/// Units in a paragraph of `source` under `span`.
pub(crate) fn find(source: &SourceText, span: Span, book: &UnitBook) -> Vec<UnitMention> {
    let text = source.slice(span);
    let mut found = Vec::new();
    // Labelled lists inside the text.
    for (name, list) in inline_labels(text) {
        let end = text[list..].find(['；', ';', '）', ')', '。', '\n']).map_or(text.len(), |at| list + at);
        let role = label_role(name).unwrap_or(UnitRole::Responsible);
        found.extend(listed(source, Span::new(span.start + list, span.start + end), role, book));
    }
    // Clauses that say who does what.
    let starts = std::iter::once(0).chain(
        text.char_indices()
            .filter(|&(_, c)| is_boundary(c))
            .map(|(at, c)| at + c.len_utf8())
            .chain(text.match_indices('由').map(|(at, _)| at)),
    );
    let mut covered = 0;
    let mut starts: Vec<usize> = starts.collect();
    starts.sort_unstable();
    starts.dedup();
    for start in starts {
        let rest = &text[start..];
        let trimmed = rest.len() - rest.trim_start().len();
        if start + trimmed < covered {
            continue;
        }
        // A list already found covers the 、 inside it.
        let Some(clause) = duty_clause(&rest[trimmed..], span.start + start + trimmed, |c| book.may_end_with(c)) else {
            if let Some(mention) = subject(&rest[trimmed..], span.start + start + trimmed, book) {
                covered = mention.span.end - span.start;
                found.push(mention);
            }
            continue;
        };
        let role = match clause.verb.as_str() {
            "牵头" | "主办" => UnitRole::Lead,
            "配合" | "协办" => UnitRole::Partner,
            _ => UnitRole::Responsible,
        };
        let duty = duty_of(source, clause.end, span.end, &clause.verb);
        let mut any = false;
        for (name, name_span) in &clause.names {
            if let Some(canonical) = book.canonical(name) {
                let lead = strip_lead(name);
                let name_span = Span::new(name_span.end - lead.len(), name_span.end);
                found.push(UnitMention {
                    name: lead.to_string(),
                    canonical,
                    role,
                    span: name_span,
                    duty: duty.clone(),
                });
                any = true;
            }
        }
        if any {
            covered = clause.end - span.start;
        }
    }
    found.sort_by_key(|u| u.span.start);
    found.dedup_by(|a, b| a.span == b.span);
    found
}

/// A unit that opens a clause as its subject: "县发改局新增规上服务业企业…",
/// "县应急局每日调度…". Only a body with a level prefix and an office's
/// last word (区…局, 县…中心) counts, the shortest such name, followed by a
/// verb rather than 的 ("县卫健局的汇报" is not a duty).
fn subject(clause: &str, offset: usize, book: &UnitBook) -> Option<UnitMention> {
    const LEVELS: &[char] = &['区', '县', '市', '省', '州', '旗'];
    const OFFICES: &[&str] = &["局", "委", "办", "中心", "管委会", "政府", "办事处", "专班", "公司"];
    let text = strip_lead(clause);
    // strip_lead returns a slice of `clause`; where it starts is how much was stripped.
    let start = offset + (text.as_ptr() as usize - clause.as_ptr() as usize);
    if !text.starts_with(LEVELS) {
        return None;
    }
    let ends: Vec<usize> = text.char_indices().map(|(at, c)| at + c.len_utf8()).take(12).collect();
    let end = ends.into_iter().find(|&end| OFFICES.iter().any(|o| text[..end].ends_with(o)))?;
    let next = text[end..].chars().next()?;
    if !('\u{4E00}'..='\u{9FFF}').contains(&next) || next == '的' || next == '和' || next == '及' {
        return None;
    }
    let name = &text[..end];
    let canonical = book.canonical(name)?;
    Some(UnitMention {
        name: name.to_string(),
        canonical,
        role: UnitRole::Responsible,
        span: Span::new(start, start + name.len()),
        duty: None,
    })
}

/// The units of a 牵头单位/责任单位/配合单位 field, by its label.
pub(crate) fn from_field(source: &SourceText, label: &str, span: Span, book: &UnitBook) -> Vec<UnitMention> {
    match label_role(label) {
        Some(role) => listed(source, span, role, book),
        None => Vec::new(),
    }
}

/// A list of names separated by 、，和及与, each a unit or skipped. In a
/// 责任单位 list of several units the first leads, if the book says so.
fn listed(source: &SourceText, span: Span, role: UnitRole, book: &UnitBook) -> Vec<UnitMention> {
    let text = source.slice(span);
    let mut found: Vec<UnitMention> = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let separator = at == text.len() || matches!(c, '、' | '，' | ',' | '；' | ';' | '和' | '及' | '与');
        if !separator {
            continue;
        }
        let piece = &text[start..at];
        let piece = piece.split('等').next().unwrap_or(piece);
        let (lead, end) = crate::text::trimmed_range(piece);
        let name = &piece[lead..end];
        if let Some(canonical) = book.canonical(name) {
            let stripped = strip_lead(name);
            let name_end = span.start + start + end;
            let name_span = Span::new(name_end - stripped.len(), name_end);
            found.push(UnitMention { name: stripped.to_string(), canonical, role, span: name_span, duty: None });
        }
        start = at + c.len_utf8().min(text.len() - at);
    }
    if role == UnitRole::Responsible && book.first_listed_leads && found.len() > 1 {
        found[0].role = UnitRole::Lead;
        found[1..].iter_mut().for_each(|u| u.role = UnitRole::Partner);
    }
    found
}

/// What a clause makes a unit responsible for: the words after `负责的`, up
/// to the end of the clause; after `要`/`负责，`, up to the end of the sentence.
fn duty_of(source: &SourceText, verb_end: usize, paragraph_end: usize, verb: &str) -> Option<String> {
    let rest = &source.text[verb_end..paragraph_end];
    let (rest, stops): (&str, &[char]) = match rest.strip_prefix('的') {
        Some(object) => (object, &['，', ',', '；', ';', '。']),
        None if verb == "配合" || verb == "牵头" => return None,
        None => (rest.trim_start_matches(['，', ',', '：', ':']), &['；', ';', '。']),
    };
    let end = rest.find(stops).unwrap_or(rest.len());
    let duty = crate::text::trim(&rest[..end]);
    (!duty.is_empty()).then(|| duty.to_string())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::source::Format;

    #[test]
    fn inline_labels_and_where_their_lists_start() {
        let text = "（牵头单位：县发改局；配合单位:各乡镇）责任单位有关";
        let found: Vec<(&str, &str)> = inline_labels(text).map(|(name, at)| (name, &text[at..])).collect();
        assert_eq!(
            found,
            [("牵头单位", "县发改局；配合单位:各乡镇）责任单位有关"), ("配合单位", "各乡镇）责任单位有关")]
        );
        assert_eq!(inline_labels("单位：县发改局").count(), 0);
    }

    fn source(text: &str) -> SourceText {
        SourceText::new(Path::new("t.txt"), Format::Text, "UTF-8", String::new(), text.into())
    }

    fn units(text: &str) -> Vec<(String, String, &'static str)> {
        let s = source(text);
        find(&s, Span::new(0, s.text.len()), &UnitBook::default())
            .into_iter()
            .map(|u| (u.name, u.canonical, u.role.name()))
            .collect()
    }

    #[test]
    fn canonical_names() {
        let book = UnitBook::default();
        assert_eq!(book.canonical("区工业和信息化局").as_deref(), Some("区工信局"));
        assert_eq!(book.canonical("黄堡镇人民政府").as_deref(), Some("黄堡镇政府"));
        assert_eq!(book.canonical("青岚经济技术开发区管委会").as_deref(), Some("青岚经济技术开发区管委会"));
        assert_eq!(book.canonical("各镇办"), None);
        assert_eq!(book.canonical("区级相关部门"), None);
        assert_eq!(book.canonical("市市商务局").as_deref(), Some("市商务局"));
        assert_eq!(book.canonical("省旅游局"), None);
        assert_eq!(book.canonical("石迎军常务副市长"), None);
        assert_eq!(book.canonical("7个基础设施项目"), None);
    }

    #[test]
    fn units_in_clauses() {
        assert_eq!(
            units("5个未开工市级重点项目,2个开工,县工信局负责的新材料产业园未开工。"),
            [("县工信局".into(), "县工信局".into(), "responsible")]
        );
        assert_eq!(
            units("由县卫健局牵头，县人民医院负责，年底前完成。"),
            [("县卫健局".into(), "县卫健局".into(), "lead"), ("县人民医院".into(), "县人民医院".into(), "responsible")]
        );
        let listed = units("县工信局、县住建局、石门镇政府等部门负责的17个项目未开工");
        assert_eq!(listed.iter().map(|u| u.0.as_str()).collect::<Vec<_>>(), ["县工信局", "县住建局", "石门镇政府"]);
        assert_eq!(
            units("由县应急局根据会议意见修改完善后报送。"),
            [("县应急局".into(), "县应急局".into(), "responsible")]
        );
        assert_eq!(
            units("由县商务局根据会议意见修改完善后印发。"),
            [("县商务局".into(), "县商务局".into(), "responsible")]
        );
        assert_eq!(
            units("区对外经济合作中心负责，加强对接。"),
            [("区对外经济合作中心".into(), "区对外经济合作中心".into(), "responsible")]
        );
        assert!(units("各副县长要严格落实包联责任。").is_empty());
        assert_eq!(
            units("完成2户；县发改局新增规上服务业企业年度目标任务9户。"),
            [("县发改局".into(), "县发改局".into(), "responsible")]
        );
        assert!(units("原则同意县卫健局的汇报。县城区道路改造。").is_empty());
    }

    #[test]
    fn labelled_lists() {
        let found = units("全年实施县级重点项目64个。（牵头单位：县发改局；配合单位：县财政局、各乡镇人民政府）");
        assert_eq!(
            found,
            [("县发改局".into(), "县发改局".into(), "lead"), ("县财政局".into(), "县财政局".into(), "partner")]
        );
    }

    #[test]
    fn the_duty_a_clause_gives() {
        let s = source("东河办负责的康养中心建设项目资金支付率48.2%,县工信局负责的另一项目未开工。");
        let found = find(&s, Span::new(0, s.text.len()), &UnitBook::default());
        assert_eq!(found[0].duty.as_deref(), Some("康养中心建设项目资金支付率48.2%"));
        assert_eq!(found[1].duty.as_deref(), Some("另一项目未开工"));
    }
}
