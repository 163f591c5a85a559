//! Word's automatic numbering, rebuilt as text.
//!
//! A heading typed as "一、总体情况" and one numbered by Word ("总体情况" with a
//! list level whose format is `chineseCounting` and text `%1、`) look the same
//! on paper; the parser must see the same line for both. `numbering.xml`
//! defines the levels, paragraphs point at them with `w:numPr` (directly or
//! through their style), and counters run in document order.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};

use super::docx::{XmlError, attribute, xml_reader};
use crate::numerals::{circled, hanzi};

/// The numbering definitions of one document and the counters of its lists.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// `w:num` id → (abstract id, per-level start overrides).
    instances: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Paragraph style id → (basedOn, numId, ilvl).
    styles: HashMap<String, StyleNumbering>,
    /// Counters per abstract list, and which instances already applied their overrides.
    counters: HashMap<String, [Option<u32>; 9]>,
    started: HashSet<String>,
}

/// The longest level text (`w:lvlText`) read as a label.
const MAX_LABEL_CHARS: usize = 32;

#[derive(Debug, Default, Clone)]
struct StyleNumbering {
    based_on: Option<String>,
    num_id: Option<String>,
    level: Option<usize>,
}

#[derive(Debug, Default, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// The paragraph style this level is tied to, if any.
    style: Option<String>,
    /// Whether a space follows the label (Word's `w:suff`, tab by default).
    spaced: bool,
}

/// Where a paragraph sits in a list, as `w:numPr` says.
#[derive(Debug, Default, Clone)]
pub(crate) struct NumberingRef {
    pub num_id: Option<String>,
    pub level: Option<usize>,
}

impl Numbering {
    /// Reads the list definitions of `numbering.xml`.
    pub(crate) fn read_numbering(&mut self, xml: &str) -> Result<(), XmlError> {
        let mut reader = xml_reader(xml);
        let mut abstract_id: Option<String> = None;
        let mut levels: Vec<Level> = Vec::new();
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = reader.read_event().map_err(|e| XmlError::new(&reader, e))?;
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => {
                        abstract_id = attribute(e, "abstractNumId");
                        levels = Vec::new();
                    }
                    "lvl" if abstract_id.is_some() => {
                        let index = attribute(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((index, Level { start: 1, spaced: true, ..Level::default() }));
                    }
                    "start" => {
                        let value = val(e).and_then(|v| v.parse().ok());
                        if let Some((_, level)) = level.as_mut() {
                            level.start = value.unwrap_or(1);
                        }
                    }
                    "numFmt" => set(&mut level, |l| l.format = val(e).unwrap_or_default()),
                    // A label is a few characters ("（%2）"); a longer one is no label,
                    // else 30 000 paragraphs of a 300 000-character one rebuild 9 GB of text.
                    "lvlText" => set(&mut level, |l| {
                        l.text = val(e).filter(|t| t.chars().count() <= MAX_LABEL_CHARS).unwrap_or_default()
                    }),
                    "pStyle" => set(&mut level, |l| l.style = val(e)),
                    "suff" => set(&mut level, |l| l.spaced = val(e).as_deref() != Some("nothing")),
                    "num" => {
                        num = attribute(e, "numId").map(|id| (id, String::new(), HashMap::new()));
                    }
                    "abstractNumId" => {
                        if let Some((_, abstract_ref, _)) = num.as_mut() {
                            *abstract_ref = val(e).unwrap_or_default();
                        }
                    }
                    "lvlOverride" => override_level = attribute(e, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some((_, _, overrides)), Some(index)) = (num.as_mut(), override_level) {
                            overrides.insert(index, val(e).and_then(|v| v.parse().ok()).unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let Some((index, finished)) = level.take()
                            && index < 9
                        {
                            if levels.len() <= index {
                                levels.resize(index + 1, Level::default());
                            }
                            levels[index] = finished;
                        }
                    }
                    "abstractNum" => {
                        if let Some(id) = abstract_id.take() {
                            self.abstracts.insert(id, std::mem::take(&mut levels));
                        }
                    }
                    "num" => {
                        if let Some((id, abstract_ref, overrides)) = num.take() {
                            self.instances.insert(id, (abstract_ref, overrides));
                        }
                    }
                    _ => {}
                },
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// Reads which paragraph styles are numbered, from `styles.xml`.
    pub(crate) fn read_styles(&mut self, xml: &str) -> Result<(), XmlError> {
        let mut reader = xml_reader(xml);
        let mut current: Option<(String, StyleNumbering)> = None;
        loop {
            let event = reader.read_event().map_err(|e| XmlError::new(&reader, e))?;
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => current = attribute(e, "styleId").map(|id| (id, StyleNumbering::default())),
                    "basedOn" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.based_on = val(e);
                        }
                    }
                    "numId" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.num_id = val(e);
                        }
                    }
                    "ilvl" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.level = val(e).and_then(|v| v.parse().ok());
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, style)) = current.take() {
                        self.styles.insert(id, style);
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The label Word shows before a paragraph with this numbering and style,
    /// advancing the list's counters; `None` for unnumbered paragraphs and
    /// bullets.
    pub(crate) fn next_label(&mut self, direct: &NumberingRef, style: Option<&str>) -> Option<String> {
        let (num_id, level) = self.resolve(direct, style)?;
        let (abstract_id, overrides) = self.instances.get(&num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let definition = levels.get(level)?;
        let counters = self.counters.entry(abstract_id.clone()).or_insert([None; 9]);
        if self.started.insert(num_id) {
            for (&index, &start) in overrides {
                if index < 9 {
                    counters[index] = Some(start.saturating_sub(1));
                }
            }
        }
        let start = |index: usize| levels.get(index).map_or(1, |l| l.start);
        counters[level] = Some(counters[level].map_or(start(level), |n| n.saturating_add(1)));
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        if matches!(definition.format.as_str(), "bullet" | "none") || definition.text.is_empty() {
            return None;
        }
        let mut label = definition.text.clone();
        for index in (0..=level).rev() {
            let placeholder = format!("%{}", index + 1);
            if label.contains(&placeholder) {
                let value = counters[index].unwrap_or_else(|| start(index));
                let format = levels.get(index).map_or("decimal", |l| l.format.as_str());
                label = label.replace(&placeholder, &format_number(value, format));
            }
        }
        if definition.spaced && !label.ends_with(['、', '）', ')', '．']) {
            label.push(' ');
        }
        Some(label)
    }

    /// The list and level a paragraph belongs to: its own `w:numPr`, else its
    /// style's (following `basedOn`), with the level a list ties to the style.
    fn resolve(&self, direct: &NumberingRef, style: Option<&str>) -> Option<(String, usize)> {
        let mut num_id = direct.num_id.clone();
        let mut level = direct.level;
        // The style whose `w:numPr` gave the list, for the level tied to it.
        let mut numbered_style = None;
        let mut style = style.map(str::to_string);
        for _ in 0..16 {
            if num_id.is_some() && level.is_some() {
                break;
            }
            let Some(name) = style.take() else { break };
            let Some(found) = self.styles.get(&name) else { break };
            if num_id.is_none() && found.num_id.is_some() {
                num_id = found.num_id.clone();
                level = level.or(found.level);
                numbered_style = Some(name);
            }
            style = found.based_on.clone();
        }
        let num_id = num_id.filter(|id| id != "0")?;
        let level = level.or_else(|| {
            let (abstract_id, _) = self.instances.get(&num_id)?;
            let wanted = numbered_style?;
            self.abstracts.get(abstract_id)?.iter().position(|l| l.style.as_deref() == Some(&wanted))
        });
        Some((num_id, level.unwrap_or(0).min(8)))
    }
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    attribute(e, "val")
}

fn set(level: &mut Option<(usize, Level)>, f: impl FnOnce(&mut Level)) {
    if let Some((_, level)) = level.as_mut() {
        f(level);
    }
}

/// `value` written in a Word number format.
pub(crate) fn format_number(value: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => hanzi(value),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "decimalEnclosedFullstop" => circled(value),
        "decimalFullWidth" | "decimalFullWidth2" => value
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalZero" => format!("{value:02}"),
        "ideographTraditional" => cycle(value, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(value, "子丑寅卯辰巳午未申酉戌亥"),
        "upperLetter" => letter(value, b'A'),
        "lowerLetter" => letter(value, b'a'),
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).to_lowercase(),
        _ => value.to_string(),
    }
}

fn cycle(value: u32, symbols: &str) -> String {
    let symbols: Vec<char> = symbols.chars().collect();
    let index = (value.max(1) - 1) as usize % symbols.len();
    symbols[index].to_string()
}

fn letter(value: u32, base: u8) -> String {
    let index = (value.max(1) - 1) % 26;
    let repeat = (value.max(1) - 1) / 26 + 1;
    char::from(base + index as u8).to_string().repeat(repeat.min(8) as usize)
}

fn roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (step, symbol) in TABLE {
        while value >= step && out.len() < 32 {
            out.push_str(symbol);
            value -= step;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_levels_and_restart_deeper_ones() {
        let numbering = r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>
          </w:numbering>"#;
        let mut n = Numbering::default();
        n.read_numbering(numbering).unwrap();
        let at = |level| NumberingRef { num_id: Some("2".into()), level: Some(level) };
        let labels: Vec<Option<String>> =
            [0, 1, 2, 2, 1, 2, 0].into_iter().map(|level| n.next_label(&at(level), None)).collect();
        let labels: Vec<&str> = labels.iter().map(|l| l.as_deref().unwrap()).collect();
        assert_eq!(labels, ["一、", "（一）", "1. ", "2. ", "（二）", "1. ", "二、"]);
    }

    #[test]
    fn numbering_through_a_paragraph_style() {
        // 标题 2 is tied to the second level; a style based on it inherits the tie.
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="1">
              <w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:pStyle w:val="H2"/></w:lvl>
            </w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
        let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="H2"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="H2x"><w:basedOn w:val="H2"/></w:style><w:style w:styleId="Normal"/></w:styles>"#;
        let mut n = Numbering::default();
        n.read_numbering(numbering).unwrap();
        n.read_styles(styles).unwrap();
        let none = NumberingRef::default();
        assert_eq!(n.next_label(&none, Some("H2")).as_deref(), Some("（一）"));
        assert_eq!(n.next_label(&none, Some("H2x")).as_deref(), Some("（二）"));
        assert_eq!(n.next_label(&none, Some("Normal")), None);
    }
}
