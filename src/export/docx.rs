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
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow, WidthType,
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
    let writer = Writer { preset };
    for block in &notice.blocks {
        doc = match block {
            Block::Table(rows) => doc.add_table(writer.table(rows)),
            _ => doc.add_paragraph(writer.paragraph(block)),
        };
    }
    let mut bytes = Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(bytes.into_inner())
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
            Block::PageBreak => Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
            Block::Table(_) => unreachable!("tables are not paragraphs"),
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
}
