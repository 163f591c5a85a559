//! Stage 6, export: a [`Notice`] → the bytes of a .docx, .md, .html or .txt
//! file, written so that nothing partial is ever left behind.
//!
//! Input: the notice's blocks from [`mod@crate::render`] and, for .docx, a
//! layout [`Preset`]. Output: bytes, the same for the same notice; then
//! [`write_new`] puts them in place through a temporary file in the target
//! folder and a rename.

mod docx;
pub mod fonts;
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
    #[error("{}", crate::say!("无法生成 .docx（{}）", "cannot build the .docx ({})", .0))]
    Docx(String),
    /// The output cannot be written.
    #[error("{}{}", path.display(), crate::say!("：无法写入（{}）", ": cannot write ({})", reason))]
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
///
/// The file gets the mode a plain create would give it — an existing file's
/// own, else 0666 less the umask — not the temporary file's 0600, so a
/// colleague on a shared folder can open it. Only a regular file is ever
/// replaced: a FIFO or a device at `path` (or behind a link there) is
/// refused, and a link to a file is written through, the link kept.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let fail = |reason: String| ExportError::Write { path: path.to_path_buf(), reason };
    let existing = match std::fs::metadata(path) {
        Ok(metadata) => {
            crate::files::regular(&metadata).map_err(|e| fail(e.to_string()))?;
            Some(metadata)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e.to_string())),
    };
    // A link is written through: its target is the file replaced.
    let target = match std::fs::symlink_metadata(path) {
        Ok(link) if link.file_type().is_symlink() && existing.is_some() => {
            std::fs::canonicalize(path).map_err(|e| fail(e.to_string()))?
        }
        _ => path.to_path_buf(),
    };
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    over_size_limit(bytes.len() as u64).map_err(fail)?;
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt as _;
        existing.as_ref().map_or(0o666, |m| m.permissions().mode() & 0o7777)
    };
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(mode));
    let mut file = builder.tempfile_in(folder).map_err(|e| fail(e.to_string()))?;
    #[cfg(unix)]
    if existing.is_some() {
        // The umask narrowed the temporary file; an existing file's mode is its own.
        file.as_file()
            .set_permissions(std::os::unix::fs::PermissionsExt::from_mode(mode))
            .map_err(|e| fail(e.to_string()))?;
    }
    file.write_all(bytes).and_then(|()| file.flush()).map_err(|e| fail(e.to_string()))?;
    file.persist(&target).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}

/// Refuses to write `len` bytes past the process's file-size limit (`ulimit
/// -f`): the write would kill the process (SIGXFSZ) halfway, leaving its
/// temporary file behind.
fn over_size_limit(len: u64) -> Result<(), String> {
    #[cfg(unix)]
    if let Some(limit) = rustix::process::getrlimit(rustix::process::Resource::Fsize).current
        && len > limit
    {
        return Err(crate::say!(
            "文件会有 {len} 字节，超过系统限定的 {limit} 字节（ulimit -f）",
            "the file would be {len} bytes, over the file-size limit of {limit} (ulimit -f)"
        ));
    }
    let _ = len;
    Ok(())
}
