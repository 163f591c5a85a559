//! The error of a whole command: one stage's error, rendered for users.

use std::io;

use crate::diagnostics::{FileError, Severity, render};
use crate::export::ExportError;
use crate::extract::{PhrasesError, UnitsError};
use crate::ingest::IngestError;
use crate::say;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// A unit list could not be read.
    #[error(transparent)]
    Units(#[from] UnitsError),
    /// A phrase file could not be read.
    #[error(transparent)]
    Phrases(#[from] PhrasesError),
    /// A rule file, template or preset could not be read or is wrong.
    #[error(transparent)]
    File(#[from] FileError),
    /// A draft could not be exported or written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The output's name says a format duban does not write.
    #[error("{}{}", .0.display(), say!("：duban 只写 .docx、.md、.html 或 .txt；请按此命名输出文件，或用 --format 指定", ": duban writes .docx, .md, .html or .txt; name the output so, or say which with --format"))]
    UnknownFormat(std::path::PathBuf),
    /// The output would replace the input.
    #[error("{}{}", .0.display(), say!("：稿子会覆盖通报本身；请用 -o 另给输出位置", ": the draft would replace the bulletin; give another output with -o"))]
    OverInput(std::path::PathBuf),
    /// Files of a folder failed, or the folder cannot be read.
    #[error("{0}")]
    Batch(String),
    /// `duban serve` could not start or stopped.
    #[error("{0}")]
    Serve(String),
    /// The command lacks what it needs.
    #[error("{0}")]
    Usage(String),
    /// `duban init` cannot write its copies.
    #[error("{0}")]
    Init(String),
    /// Writing the result failed.
    #[error("{}", say!("无法写出结果（{}）", "cannot write the output ({})", .0))]
    Output(#[source] io::Error),
}

impl Error {
    /// The message as the terminal shows it, with the offending line and a
    /// caret when the error points into a file.
    pub fn render(&self) -> String {
        match self {
            Error::Units(UnitsError { text, error }) | Error::Phrases(PhrasesError { text, error }) => {
                let at = error.location().map(|(line, column)| (text.as_ref(), text.span_at(line, column)));
                render(Severity::Error, &self.to_string(), at)
            }
            Error::File(error) | Error::Export(ExportError::File(error)) => error.render(),
            _ => render(Severity::Error, &self.to_string(), None),
        }
    }

    /// Whether the reader of the output went away (`duban parse … | head`),
    /// which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
