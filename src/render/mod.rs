//! Stage 5, render: findings → a [`Notice`], the text of the next period's
//! 督办通知 / 通报 and the per-unit 督办单.
//!
//! Input: a bulletin's document, facts and findings, the rules that found
//! them, and [`DraftOptions`] (issuer, number). A
//! [`NoticeContext`] — one documented view, not the domain model — is given
//! to the tera templates (`templates/notice.tera`, `templates/sheet.tera`,
//! built in; an office's own with `--templates DIR`), which write plain 公文
//! text in the small markup of [`markup`]; that text is read into the
//! [`Notice`]'s blocks. Next stage: export.

mod annex;
mod asks;
mod budget;
mod context;
mod filters;
pub mod markup;
mod naming;
mod problem;
mod templates;

pub use annex::AnnexRow;
pub use context::{
    BulletinMeta, DraftOptions, FindingView, LevelView, NO_UNIT, NoticeContext, NoticeMeta, Summary, TaskView,
    UnitView, notice_title,
};
pub use markup::{Block, Notice};
pub use templates::{BUILTIN, Bounded, Builtin, NOTICE, OUTPUT_LIMIT, SHEET, TIME_LIMIT, Templates};

use crate::rules::Findings;
use crate::source::SourceText;

/// A template that could not be read, compiled or rendered.
pub type RenderError = crate::diagnostics::FileError;

/// Which parts a draft holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// The 督办通知 / 通报.
    #[default]
    Notice,
    /// One 督办单 per responsible unit.
    Sheets,
    /// The notice, then the sheets.
    All,
}

/// The most findings one draft lists: a notice that long would run to some
/// hundreds of pages, and what the templates are given grows with each
/// finding (about 30 KiB each through to the .docx). Two hundred times the
/// most found in any real bulletin seen.
pub const MAX_FINDINGS: usize = 5_000;

/// Refuses, before anything is built for them, more findings than one
/// draft lists ([`MAX_FINDINGS`]); `duban check` still lists them all.
pub fn within_bounds(source: &SourceText, findings: &Findings) -> Result<(), RenderError> {
    let count = findings.findings.len();
    if count <= MAX_FINDINGS {
        return Ok(());
    }
    let message = crate::say!(
        "查出 {count} 个问题，超过一份稿子 {MAX_FINDINGS} 个的上限；请把通报分成几份再起草（duban check 仍可列出全部问题）",
        "{count} findings, over the {MAX_FINDINGS} one draft can list; split the bulletin to draft it (duban check still lists them all)"
    );
    Err(RenderError::new(&source.path, "", None, message))
}

/// Renders the parts of `kind` with `context`.
pub fn render(templates: &Templates, context: &NoticeContext, kind: Kind) -> Result<Notice, RenderError> {
    let text = match kind {
        Kind::Notice => templates.render(NOTICE.name, context)?,
        Kind::Sheets => templates.render(SHEET.name, context)?,
        Kind::All => {
            let notice = templates.render(NOTICE.name, context)?;
            let sheets = templates.render(SHEET.name, context)?;
            format!("{notice}\n---\n{sheets}")
        }
    };
    Ok(Notice::read(&text))
}
