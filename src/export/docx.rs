//! The notice as a Word document in the 公文 format (GB/T 9704-2012), with
//! docx-rs; FORMAT.md in the design notes gives the figures and the traps.
//!
//! Every run names its East Asian font (a run with only a Latin font shows
//! Chinese in a fallback), body paragraphs have exact line spacing on the
//! preset's grid and a two-character first-line indent, page numbers are
//! "— n —" in 4号宋体 built by hand (docx-rs's `PageNum` cannot carry fonts),
//! odd pages on the right and even on the left.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, BuildXML, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow,
    WidthType,
};

use super::ExportError;
use super::preset::{Grid, Preset};
use crate::date::Date;
use crate::render::{Block, Notice};

/// The width of one body character, in twips (16 pt).
const CHAR: i32 = 320;

/// Writes `notice` as .docx bytes. `date` stamps the document properties,
/// so the same notice gives the same bytes.
pub fn docx(notice: &Notice, preset: &Preset, date: Option<Date>) -> Result<Vec<u8>, ExportError> {
    let page = preset.page;
    let stamp = date.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| format!("{d}T00:00:00Z"));
    let mut doc = Docx::new()
        .page_size(page.width, page.height)
        .page_margin(
            PageMargin::new()
                .top(page.top)
                .bottom(page.bottom)
                .left(page.left)
                .right(page.right)
                .footer(page.footer)
                .header(851),
        )
        .default_size(preset.sizes.body)
        .default_fonts(fonts(preset, &preset.fonts.body))
        .created_at(&stamp)
        .updated_at(&stamp)
        .footer(page_number(preset, AlignmentType::Right))
        .even_footer(page_number(preset, AlignmentType::Left));
    let grid = match preset.grid {
        Grid::Lines => DocGrid::new().grid_type(DocGridType::Lines).line_pitch(preset.line_pitch),
        Grid::LinesAndChars => DocGrid::new()
            .grid_type(DocGridType::LinesAndChars)
            .line_pitch(preset.line_pitch)
            .char_space(preset.char_space),
    };
    doc.document = doc.document.doc_grid(grid);
    let body = body(notice, &Writer { preset });
    let mut xml = doc.build();
    xml.document = with_body(&xml.document, &body)?;
    drop(body);
    xml.font_table = font_table(preset);
    well_formed(&xml.document)?;
    // The package is stored, not deflated: about the size of its parts, of
    // which the body is nearly all.
    let mut bytes = Cursor::new(Vec::with_capacity(xml.document.len() + (1 << 16)));
    xml.pack(&mut bytes).map_err(|e| ExportError::Docx(e.to_string()))?;
    repack(&bytes.into_inner()).map_err(|e| ExportError::Docx(e.to_string()))
}

/// The body's XML, each paragraph and table row written out as soon as it
/// is made: docx-rs holds about 2 KiB for a table cell, so a document tree
/// of a long 督办事项清单 took many times the XML it writes. Paragraphs are
/// made in the document's order, as docx-rs would, so their ids are the ones
/// a whole document tree gives.
fn body(notice: &Notice, writer: &Writer) -> Vec<u8> {
    let mut body = Vec::new();
    let blocks = &notice.blocks;
    let mut index = 0;
    while index < blocks.len() {
        let block = &blocks[index];
        let next = blocks.get(index + 1);
        index += 1;
        match block {
            // A break is the next paragraph's: a break paragraph of its own
            // that falls at the top of a page would leave that page blank.
            Block::PageBreak if next.is_some_and(|next| !matches!(next, Block::Table { .. } | Block::PageBreak)) => {
                index += 1;
                let paragraph = next.map(|next| writer.paragraph(next)).unwrap_or_default();
                body.extend(paragraph.page_break_before(true).keep_next(signs_next(&blocks[index..])).build());
            }
            Block::Table { header: 0, rows } => body.extend(writer.table(rows).build()),
            Block::Table { header, rows } => writer.list(*header, rows, &mut body),
            _ => body.extend(writer.paragraph(block).keep_next(signs_next(&blocks[index..])).build()),
        }
    }
    body
}

/// How docx-rs 0.4.22 opens a document's body.
const BODY_OPEN: &[u8] = b"<w:body>";

/// `document` (docx-rs's document.xml of a document without paragraphs)
/// with `body` at the start of its body, before the section's properties.
fn with_body(document: &[u8], body: &[u8]) -> Result<Vec<u8>, ExportError> {
    let at = document
        .windows(BODY_OPEN.len())
        .position(|w| w == BODY_OPEN)
        .ok_or_else(|| ExportError::Docx("docx-rs wrote a document without <w:body>".to_string()))?
        + BODY_OPEN.len();
    let mut out = Vec::with_capacity(document.len() + body.len());
    out.extend_from_slice(&document[..at]);
    out.extend_from_slice(body);
    out.extend_from_slice(&document[at..]);
    Ok(out)
}

/// The archive docx-rs wrote, its entries written again with every header
/// field pinned: the zip writer records the OS it runs on (MS-DOS or Unix)
/// and, with its `time` feature, the clock, so the same bulletin would give
/// other bytes on Windows. Entries stay in their order, stored, as written.
fn repack(packed: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let pinned = SimpleFileOptions::default()
        .system(zip::System::Unix)
        .last_modified_time(zip::DateTime::DEFAULT)
        .compression_method(zip::CompressionMethod::Stored);
    let mut archive = zip::ZipArchive::new(Cursor::new(packed))?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(packed.len())));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index)?;
        let name = entry.name().to_string();
        if entry.is_dir() {
            writer.add_directory(name, pinned.unix_permissions(0o755))?;
        } else {
            writer.start_file(name, pinned.unix_permissions(0o644))?;
            std::io::copy(&mut entry, &mut writer)?;
        }
    }
    Ok(writer.finish()?.into_inner())
}

/// Refuses a document.xml that is not well-formed XML, which Word would
/// refuse to open: better no file than one that cannot be read.
fn well_formed(document: &[u8]) -> Result<(), ExportError> {
    // quick-xml does not check characters; a C0 control is one byte in UTF-8.
    if let Some(at) = document.iter().position(|&b| b < 0x20 && crate::text::xml_forbidden(char::from(b))) {
        return Err(ExportError::Docx(format!("the document holds a control character at byte {at}")));
    }
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(_) => buffer.clear(),
            Err(error) => return Err(ExportError::Docx(format!("the document is not well-formed XML ({error})"))),
        }
    }
}

/// Whether the 落款 follows (after blank lines at most): a paragraph so
/// placed stays on the 落款's page, which then never holds the 落款 alone
/// (GB/T 9704: no page without body text).
fn signs_next(rest: &[Block]) -> bool {
    matches!(rest.iter().find(|b| !matches!(b, Block::Blank)), Some(Block::Right(_)))
}

/// How docx-rs 0.4.22 writes a row that must not split; a list's header
/// rows are the only ones written so.
const HEADER_ROW: &str = "<w:trPr><w:cantSplit /></w:trPr>";

/// A header row's properties with the mark that repeats it at the top of
/// each page (`w:tblHeader`, which docx-rs cannot write).
const REPEATED_HEADER_ROW: &str = "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>";

/// The fonts docx-rs lists in every document, as it writes them.
const BASE_FONTS: &str = "<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\" /><w:family w:val=\"roman\" /><w:pitch w:val=\"variable\" /></w:font><w:font w:name=\"Symbol\"><w:charset w:val=\"02\" /><w:family w:val=\"roman\" /><w:pitch w:val=\"variable\" /></w:font><w:font w:name=\"Arial\"><w:charset w:val=\"00\" /><w:family w:val=\"swiss\" /><w:pitch w:val=\"variable\" /></w:font>";

/// fontTable.xml: docx-rs's fonts, then the preset's Chinese fonts as Word
/// lists them — the GB2312 character set (86) and the first fallback as the
/// font's other name (`<w:altName w:val="仿宋"/>` beside 仿宋_GB2312), which
/// Word and WPS take when the font itself is not installed.
fn font_table(preset: &Preset) -> Vec<u8> {
    let mut fonts = String::from(BASE_FONTS);
    for name in preset.fonts.names().into_iter().filter(|n| !n.is_ascii()) {
        let alt = preset.fallbacks.get(name).and_then(|f| f.first());
        let alt = alt.map_or(String::new(), |a| format!("<w:altName w:val=\"{}\" />", quick_xml::escape::escape(a)));
        fonts.push_str(&format!(
            "<w:font w:name=\"{}\">{alt}<w:charset w:val=\"86\" /><w:family w:val=\"modern\" /><w:pitch w:val=\"fixed\" /></w:font>",
            quick_xml::escape::escape(name)
        ));
    }
    let namespaces = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                      xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:fonts {namespaces}>{fonts}</w:fonts>")
        .into_bytes()
}

/// The type of a list table's cells: 五号 (10.5 pt), in half-points.
const LIST_SIZE: usize = 21;

/// Exact line spacing in a list table, in twips: 14 pt for 10.5 pt type.
const LIST_LINE: i32 = 280;

/// The most characters a list column asks for.
const LIST_WIDEST: usize = 14;

/// A list's column widths in twips across `width`: each column at least as
/// wide as its header's words on two lines (and their cell's margins), as wide as its longest cell up to
/// [`LIST_WIDEST`] characters where the 版心 has room, the room shared out
/// in proportion when it has not.
fn list_columns(header: usize, rows: &[Vec<String>], columns: usize, width: usize) -> Vec<usize> {
    // A cell's margins take about one character of its width.
    let chars = |cell: &str| unicode_width::UnicodeWidthStr::width(cell).div_ceil(2) + 1;
    let cell_chars = |row: &Vec<String>, i: usize| row.get(i).map_or(0, |c| chars(c));
    // A header's words may take two lines ("序时/进度"), a number's cell not less than three characters.
    let least: Vec<usize> = (0..columns)
        .map(|i| rows[..header].iter().map(|r| cell_chars(r, i).div_ceil(2) + 1).max().unwrap_or(0).max(3))
        .collect();
    let wants: Vec<usize> = (0..columns)
        .map(|i| rows.iter().map(|r| cell_chars(r, i)).max().unwrap_or(0).clamp(least[i], LIST_WIDEST.max(least[i])))
        .collect();
    let room = width / (LIST_SIZE * 10);
    let (least_sum, wants_sum): (usize, usize) = (least.iter().sum(), wants.iter().sum());
    let chars: Vec<f64> = if wants_sum <= room || least_sum >= room {
        wants.iter().map(|&w| w as f64).collect()
    } else {
        let share = (room - least_sum) as f64 / (wants_sum - least_sum) as f64;
        least.iter().zip(&wants).map(|(&l, &w)| l as f64 + (w - l) as f64 * share).collect()
    };
    let total: f64 = chars.iter().sum();
    chars.iter().map(|c| (width as f64 * c / total) as usize).collect()
}

fn fonts(preset: &Preset, east_asia: &str) -> RunFonts {
    let latin = preset.fonts.latin.as_str();
    RunFonts::new().east_asia(east_asia).ascii(latin).hi_ansi(latin).cs(latin)
}

/// "— n —" in the page-number font, at one character from the side.
fn page_number(preset: &Preset, side: AlignmentType) -> Footer {
    let run = || Run::new().fonts(fonts(preset, &preset.fonts.page_number)).size(preset.sizes.page_number);
    let one_char = (preset.sizes.page_number * 10) as i32;
    let paragraph = Paragraph::new()
        .align(side)
        .add_run(run().add_text("— "))
        .add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("1"))
        .add_run(run().add_field_char(FieldCharType::End, false))
        .add_run(run().add_text(" —"));
    let paragraph = match side {
        AlignmentType::Right => paragraph.indent(None, None, Some(one_char), None),
        _ => paragraph.indent(Some(one_char), None, None, None),
    };
    Footer::new().add_paragraph(paragraph)
}

/// Builds paragraphs and tables in the preset's type.
struct Writer<'a> {
    preset: &'a Preset,
}

impl Writer<'_> {
    fn run(&self, text: &str, font: &str, size: usize) -> Run {
        let run = Run::new().add_text(text).fonts(fonts(self.preset, font)).size(size);
        match self.preset.run_spacing {
            0 => run,
            spacing => run.character_spacing(spacing),
        }
    }

    fn body(&self, text: &str) -> Run {
        self.run(text, &self.preset.fonts.body, self.preset.sizes.body)
    }

    /// A paragraph on the grid: exact line spacing, no widow control (a
    /// page holds 22 lines).
    fn line(&self) -> Paragraph {
        let spacing = LineSpacing::new().line_rule(LineSpacingType::Exact).line(self.preset.line_pitch as i32);
        Paragraph::new().line_spacing(spacing).widow_control(false)
    }

    /// Two characters of first-line indent, in twips: docx-rs 0.4.22 keeps a
    /// `first_line_chars` but never writes it as `w:firstLineChars`.
    fn indented(&self) -> Paragraph {
        self.line().indent(None, Some(SpecialIndentType::FirstLine(2 * CHAR)), None, None)
    }

    fn paragraph(&self, block: &Block) -> Paragraph {
        let fonts = &self.preset.fonts;
        let sizes = self.preset.sizes;
        match block {
            Block::Title(lines) => {
                let mut paragraph = self.line().align(AlignmentType::Center);
                for (index, line) in lines.iter().enumerate() {
                    let mut run = self.run(line, &fonts.title, sizes.title);
                    if index + 1 < lines.len() {
                        run = run.add_break(BreakType::TextWrapping);
                    }
                    paragraph = paragraph.add_run(run);
                }
                paragraph
            }
            Block::Centered(text) => self.line().align(AlignmentType::Center).add_run(self.body(text)),
            Block::Addressee(text) => self.line().add_run(self.body(text)),
            Block::Heading { level, numeral, text, rest } => {
                let font = match level {
                    1 => &fonts.heading1,
                    2 => &fonts.heading2,
                    _ => &fonts.body,
                };
                let mut paragraph = self.indented().add_run(self.run(&format!("{numeral}{text}"), font, sizes.body));
                if !rest.is_empty() {
                    paragraph = paragraph.add_run(self.body(rest));
                }
                paragraph.outline_lvl(level.saturating_sub(1).min(8))
            }
            Block::Paragraph(text) => self.indented().add_run(self.body(text)),
            Block::Right(text) => self
                .line()
                .align(AlignmentType::Right)
                .indent(None, None, Some(4 * CHAR), None)
                .add_run(self.body(text)),
            Block::Blank => self.line(),
            // Even a break's run names its fonts: an empty run in a fallback font still sets the line.
            Block::PageBreak => Paragraph::new()
                .add_run(Run::new().fonts(self::fonts(self.preset, &fonts.body)).add_break(BreakType::Page)),
            Block::Table { .. } => unreachable!("tables are not paragraphs"),
        }
    }

    /// A bordered table across the 版心: the first column narrow (labels),
    /// the rest sharing what is left.
    fn table(&self, rows: &[Vec<String>]) -> Table {
        let page = self.preset.page;
        let width = (page.width as i32 - page.left - page.right).max(CHAR * 10) as usize;
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let first = if columns > 1 { (CHAR * 6) as usize } else { width };
        let other = if columns > 1 { (width - first) / (columns - 1) } else { 0 };
        let grid: Vec<usize> = (0..columns).map(|i| if i == 0 { first } else { other }).collect();
        let rows = rows
            .iter()
            .map(|row| {
                let cells = (0..columns)
                    .map(|i| {
                        let text = row.get(i).map(String::as_str).unwrap_or("");
                        let paragraph = self.line().add_run(self.body(text));
                        let paragraph =
                            if i == 0 && columns > 1 { paragraph.align(AlignmentType::Center) } else { paragraph };
                        TableCell::new().add_paragraph(paragraph).width(grid[i], WidthType::Dxa)
                    })
                    .collect();
                TableRow::new(cells)
            })
            .collect();
        Table::new(rows).set_grid(grid).width(width, WidthType::Dxa)
    }

    /// A list across the 版心 (the 督办事项清单), written to `out` row by
    /// row: smaller type, columns as wide as their longest cell asks (within
    /// bounds), the `header` rows in 黑体, kept whole and repeated at the top
    /// of every page.
    fn list(&self, header: usize, rows: &[Vec<String>], out: &mut Vec<u8>) {
        let page = self.preset.page;
        let width = (page.width as i32 - page.left - page.right).max(CHAR * 10) as usize;
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let grid = list_columns(header, rows, columns, width);
        let spacing = LineSpacing::new().line_rule(LineSpacingType::Exact).line(LIST_LINE);
        let shell = Table::new(Vec::new()).set_grid(grid.clone()).width(width, WidthType::Dxa).build();
        // Were docx-rs to close a table otherwise, the well-formedness check refuses the document.
        out.extend_from_slice(shell.strip_suffix(TABLE_CLOSE).unwrap_or(&shell));
        for (index, row) in rows.iter().enumerate() {
            let head = index < header;
            let font = if head { &self.preset.fonts.heading1 } else { &self.preset.fonts.body };
            let cells = (0..columns)
                .map(|i| {
                    let text = row.get(i).map(String::as_str).unwrap_or("");
                    let paragraph = Paragraph::new().line_spacing(spacing.clone()).snap_to_grid(false);
                    let paragraph = paragraph.add_run(self.run(text, font, LIST_SIZE));
                    let paragraph = if head { paragraph.align(AlignmentType::Center) } else { paragraph };
                    TableCell::new().add_paragraph(paragraph).width(grid[i], WidthType::Dxa)
                })
                .collect();
            let row = TableRow::new(cells);
            if head {
                let xml = String::from_utf8_lossy(&row.cant_split().build()).replace(HEADER_ROW, REPEATED_HEADER_ROW);
                out.extend_from_slice(xml.as_bytes());
            } else {
                out.extend(row.build());
            }
        }
        out.extend_from_slice(TABLE_CLOSE);
    }
}

/// How docx-rs 0.4.22 closes a table.
const TABLE_CLOSE: &[u8] = b"</w:tbl>";
