//! The error of a whole command: one stage's error, rendered for users.

use std::io;

use crate::diagnostics::{Severity, render};
use crate::ingest::IngestError;
use crate::parse::ParseError;
use crate::source::SourceText;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// The input could not be parsed.
    #[error("{}: {error}", text.path.display())]
    Parse {
        /// The text that failed to parse.
        text: Box<SourceText>,
        /// Why.
        error: ParseError,
    },
    /// Writing the result failed.
    #[error("cannot write the output ({0})")]
    Output(#[source] io::Error),
}

impl Error {
    /// The message as the terminal shows it: one line, and the source line
    /// with a caret when the error points into the input.
    pub fn render(&self) -> String {
        match self {
            Error::Parse { text, error } => render(Severity::Error, &self.to_string(), Some((text, error.span()))),
            _ => render(Severity::Error, &self.to_string(), None),
        }
    }

    /// Whether the reader of the output went away (`duban parse … | head`),
    /// which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
