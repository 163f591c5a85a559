//! The error of a whole command: one stage's error, rendered for users.

use std::io;

use crate::diagnostics::{FileError, Severity, render};
use crate::export::ExportError;
use crate::extract::{PhrasesError, UnitsError};
use crate::ingest::IngestError;

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
    #[error("{}: duban writes .docx, .md, .html or .txt; name the output so, or say which with --format", .0.display())]
    UnknownFormat(std::path::PathBuf),
    /// The output would replace the input.
    #[error("{}: the draft would replace the bulletin; give another output with -o", .0.display())]
    OverInput(std::path::PathBuf),
    /// Files of a folder failed, or the folder cannot be read.
    #[error("{0}")]
    Batch(String),
    /// The command lacks what it needs.
    #[error("{0}")]
    Usage(String),
    /// `duban init` cannot write its copies.
    #[error("{0}")]
    Init(String),
    /// Writing the result failed.
    #[error("cannot write the output ({0})")]
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
