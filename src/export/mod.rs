//! Stage 6, export: a [`Notice`] → the bytes of a .docx, .md, .html or .txt
//! file, written so that nothing partial is ever left behind.
//!
//! Input: the notice's blocks from [`mod@crate::render`] and, for .docx, a
//! layout [`Preset`]. Output: bytes, the same for the same notice; then
//! [`write_new`] puts them in place through a temporary file in the target
//! folder and a rename.

mod docx;
mod preset;
mod text;

use std::io::Write as _;
use std::path::{Path, PathBuf};

pub use docx::docx;
pub use preset::{BuiltinPreset, Fonts, Grid, PRESETS, Page, Preset, Sizes};
pub use text::{html, markdown};

use crate::date::Date;
use crate::diagnostics::FileError;
use crate::render::Notice;

/// Why a notice could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A preset file is missing or wrong.
    #[error(transparent)]
    File(FileError),
    /// docx-rs could not pack the document.
    #[error("cannot build the .docx ({0})")]
    Docx(String),
    /// The output cannot be written.
    #[error("{}: cannot write ({reason})", path.display())]
    Write {
        /// The output path.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

/// The file formats a notice is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Word, in the 公文 format.
    Docx,
    /// Markdown.
    Md,
    /// A web page.
    Html,
    /// Plain text.
    Txt,
}

impl Format {
    /// The format a file name's extension says, if it says one.
    pub fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "docx" => Some(Format::Docx),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "txt" => Some(Format::Txt),
            _ => None,
        }
    }

    /// The extension files of this format take.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Md => "md",
            Format::Html => "html",
            Format::Txt => "txt",
        }
    }
}

/// The bytes of `notice` in `format`.
pub fn export(notice: &Notice, format: Format, preset: &Preset, date: Option<Date>) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Docx => docx(notice, preset, date)?,
        Format::Md => markdown(notice).into_bytes(),
        Format::Html => html(notice).into_bytes(),
        Format::Txt => notice.plain_text().into_bytes(),
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so a reader never sees half a file and a failure leaves none.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let fail = |reason: String| ExportError::Write { path: path.to_path_buf(), reason };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(|e| fail(e.to_string()))?;
    file.write_all(bytes).and_then(|()| file.flush()).map_err(|e| fail(e.to_string()))?;
    file.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}
