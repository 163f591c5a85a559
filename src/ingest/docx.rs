//! A Word document → its text, one line per paragraph or table row.
//!
//! Not `docx_rs::read_docx`: it panics or hangs on some files and drops text
//! in hyperlinks, content controls and Word's automatic numbering. This reads
//! `word/document.xml` with quick-xml in reading order and keeps all three:
//! runs inside `w:hyperlink`, `w:sdt` and `w:smartTag` are ordinary runs here,
//! and numbering labels are rebuilt by [`Numbering`]. Deleted text, field
//! instructions, hidden runs and the VML fallback copy of text boxes are
//! skipped. Every part is read through a size limit, so a zip bomb stops at
//! the limit instead of filling memory.

use std::io::{Cursor, Read};

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;
use zip::result::ZipError;

use super::error::DocxProblem;
use super::numbering::{Numbering, NumberingRef};

/// Most entries a Word document's zip may list.
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes one part may inflate to.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Most bytes all parts read may inflate to together.
pub const MAX_TOTAL_BYTES: u64 = 160 << 20;

/// Extracts the text of the Word document in `bytes`.
pub(crate) fn extract(bytes: &[u8]) -> Result<String, DocxProblem> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_problem)?;
    if zip.len() > MAX_ENTRIES {
        return Err(DocxProblem::TooManyEntries(zip.len()));
    }
    let mut budget = MAX_TOTAL_BYTES;
    let main = read_part(&mut zip, "_rels/.rels", &mut budget)?
        .and_then(|rels| main_part(&rels))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document) = read_part(&mut zip, &main, &mut budget)? else {
        return Err(DocxProblem::NotWord(what_else(&zip)));
    };
    // Parts beside the main one: `word/numbering.xml` for `word/document.xml`.
    let beside = |name: &str| match main.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/{name}"),
        None => name.to_string(),
    };
    let (numbering_name, styles_name) = (beside("numbering.xml"), beside("styles.xml"));
    let mut numbering = Numbering::default();
    if let Some(xml) = read_part(&mut zip, &numbering_name, &mut budget)? {
        numbering.read_numbering(&xml).map_err(|e| e.in_part(&numbering_name))?;
    }
    if let Some(xml) = read_part(&mut zip, &styles_name, &mut budget)? {
        numbering.read_styles(&xml).map_err(|e| e.in_part(&styles_name))?;
    }
    walk(&document, &mut numbering).map_err(|e| e.in_part(&main))
}

/// A part's text, or `None` when the zip has no such entry.
fn read_part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str, budget: &mut u64) -> Result<Option<String>, DocxProblem> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(zip_problem(error)),
    };
    let limit = MAX_PART_BYTES.min(*budget);
    let mut data = Vec::new();
    file.take(limit + 1).read_to_end(&mut data).map_err(|error| DocxProblem::Zip(error.to_string()))?;
    if data.len() as u64 > limit {
        return Err(DocxProblem::TooLarge { entry: name.to_string(), limit });
    }
    *budget -= data.len() as u64;
    let text = match encoding_rs::Encoding::for_bom(&data) {
        Some((encoding, bom)) => encoding.decode_without_bom_handling(&data[bom..]).0.into_owned(),
        None => String::from_utf8(data).map_err(|_| DocxProblem::NotUtf8(name.to_string()))?,
    };
    Ok(Some(text))
}

/// The main document part named by the package relationships.
fn main_part(rels: &str) -> Option<String> {
    let mut reader = xml_reader(rels);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let is_main = attribute(&e, "Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if is_main {
                    return attribute(&e, "Target").map(|t| t.trim_start_matches('/').to_string());
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// What a zip without a Word document holds, for the error message.
fn what_else(zip: &ZipArchive<Cursor<&[u8]>>) -> &'static str {
    let has = |name: &str| zip.file_names().any(|n| n == name);
    if has("xl/workbook.xml") {
        " (it is an Excel workbook)"
    } else if has("ppt/presentation.xml") {
        " (it is a PowerPoint presentation)"
    } else if has("content.xml") {
        " (it is an OpenDocument file; save it as .docx)"
    } else {
        ""
    }
}

fn zip_problem(error: ZipError) -> DocxProblem {
    DocxProblem::Zip(error.to_string())
}

/// A quick-xml reader for a part, lenient about mismatched end tags.
pub(crate) fn xml_reader(xml: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    reader
}

/// An attribute's unescaped value, by local name.
pub(crate) fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// A malformed part: where and why.
#[derive(Debug)]
pub(crate) struct XmlError {
    offset: u64,
    message: String,
}

impl XmlError {
    pub(crate) fn new(reader: &Reader<&[u8]>, error: quick_xml::Error) -> Self {
        Self { offset: reader.error_position(), message: error.to_string() }
    }

    fn in_part(self, entry: &str) -> DocxProblem {
        DocxProblem::Xml { entry: entry.to_string(), offset: self.offset, message: self.message }
    }
}

/// Elements whose content a reader never sees.
const SKIPPED: &[&str] = &["Fallback", "del", "moveFrom", "delText", "instrText", "pPrChange", "rPrChange"];

/// The document-order walk over `document.xml`.
#[derive(Default)]
struct Walker {
    out: String,
    /// Open paragraphs (text boxes nest paragraphs inside runs).
    paragraphs: Vec<Paragraph>,
    /// Open tables: the finished cells of the current row, and the open cell.
    tables: Vec<(Vec<String>, Option<String>)>,
    runs: usize,
    in_run_props: bool,
    hidden_run: bool,
    in_text: bool,
    skipping: usize,
}

#[derive(Default)]
struct Paragraph {
    text: String,
    numbering: NumberingRef,
    style: Option<String>,
    in_props: bool,
}

fn walk(xml: &str, numbering: &mut Numbering) -> Result<String, XmlError> {
    let mut reader = xml_reader(xml);
    let mut w = Walker::default();
    loop {
        let event = reader.read_event().map_err(|e| XmlError::new(&reader, e))?;
        if w.skipping > 0 {
            match event {
                Event::Start(_) => w.skipping += 1,
                Event::End(_) => w.skipping -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                if SKIPPED.contains(&name.as_ref()) {
                    w.skipping = 1;
                } else {
                    w.open(name.as_ref(), &e);
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                if !SKIPPED.contains(&name.as_ref()) {
                    w.open(name.as_ref(), &e);
                    w.close(name.as_ref(), numbering);
                }
            }
            Event::End(e) => w.close(e.local_name().as_ref(), numbering),
            Event::Text(text) if w.in_text && !w.hidden_run => w.push(&text.xml10_content()),
            Event::GeneralRef(reference) if w.in_text && !w.hidden_run => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&reference).unwrap_or_default().to_string(),
                };
                w.push(&resolved);
            }
            Event::CData(data) if w.in_text && !w.hidden_run => {
                w.push(&data);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(w.out)
}

impl Walker {
    fn open(&mut self, name: &str, e: &BytesStart<'_>) {
        let in_props = self.paragraphs.last().is_some_and(|p| p.in_props);
        match name {
            "p" => self.paragraphs.push(Paragraph::default()),
            "pPr" => self.with_paragraph(|p| p.in_props = true),
            "pStyle" if in_props => self.with_paragraph(|p| p.style = attribute(e, "val")),
            "numId" if in_props => self.with_paragraph(|p| p.numbering.num_id = attribute(e, "val")),
            "ilvl" if in_props => {
                let level = attribute(e, "val").and_then(|v| v.parse().ok());
                self.with_paragraph(|p| p.numbering.level = level);
            }
            "r" => {
                self.runs += 1;
                self.hidden_run = false;
            }
            "rPr" if self.runs > 0 => self.in_run_props = true,
            "vanish" if self.in_run_props => {
                self.hidden_run = !matches!(attribute(e, "val").as_deref(), Some("0" | "false" | "off"));
            }
            "t" => self.in_text = true,
            "tab" | "ptab" if self.runs > 0 && !self.in_run_props && !self.hidden_run => self.push("\t"),
            "br" | "cr" if self.runs > 0 && !self.hidden_run => self.push("\n"),
            "noBreakHyphen" if self.runs > 0 && !self.hidden_run => self.push("-"),
            "tbl" => self.tables.push((Vec::new(), None)),
            "tr" => self.with_table(|row, _| row.clear()),
            "tc" => self.with_table(|_, cell| *cell = Some(String::new())),
            _ => {}
        }
    }

    fn close(&mut self, name: &str, numbering: &mut Numbering) {
        match name {
            "p" => self.finish_paragraph(numbering),
            "pPr" => self.with_paragraph(|p| p.in_props = false),
            "r" => {
                self.runs = self.runs.saturating_sub(1);
                self.hidden_run = false;
            }
            "rPr" => self.in_run_props = false,
            "t" => self.in_text = false,
            "tc" => self.with_table(|row, cell| row.push(cell.take().unwrap_or_default())),
            "tr" => {
                if let Some((row, _)) = self.tables.last_mut() {
                    let line = std::mem::take(row).join("\t");
                    self.emit_row(&line);
                }
            }
            "tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    fn with_paragraph(&mut self, f: impl FnOnce(&mut Paragraph)) {
        if let Some(p) = self.paragraphs.last_mut() {
            f(p);
        }
    }

    fn with_table(&mut self, f: impl FnOnce(&mut Vec<String>, &mut Option<String>)) {
        if let Some((row, cell)) = self.tables.last_mut() {
            f(row, cell);
        }
    }

    fn push(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(text);
        }
    }

    fn finish_paragraph(&mut self, numbering: &mut Numbering) {
        let Some(p) = self.paragraphs.pop() else { return };
        let label = numbering.next_label(&p.numbering, p.style.as_deref()).unwrap_or_default();
        let text = label + &p.text;
        match self.tables.last_mut() {
            Some((_, Some(cell))) => append_to_cell(cell, &text),
            _ => self.emit_line(&text),
        }
    }

    /// A finished table row goes out as a line, cells joined by tabs; a row of
    /// a table nested in a cell joins that cell's text instead.
    fn emit_row(&mut self, line: &str) {
        let depth = self.tables.len();
        match self.tables.get_mut(depth.wrapping_sub(2)) {
            Some((_, Some(cell))) => append_to_cell(cell, line),
            _ => self.emit_line(line),
        }
    }

    fn emit_line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }
}

/// A cell's paragraphs join with spaces: a row must stay one line.
fn append_to_cell(cell: &mut String, text: &str) {
    let flat = text.replace(['\n', '\t'], " ");
    let flat = flat.trim();
    if !cell.is_empty() && !flat.is_empty() {
        cell.push(' ');
    }
    cell.push_str(flat);
}
