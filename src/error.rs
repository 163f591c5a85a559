//! The error of a whole command: one stage's error, rendered for users.

use std::io;

use crate::diagnostics::{Severity, render};
use crate::ingest::IngestError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// Writing the result failed.
    #[error("cannot write the output ({0})")]
    Output(#[source] io::Error),
}

impl Error {
    /// The message as the terminal shows it.
    pub fn render(&self) -> String {
        render(Severity::Error, &self.to_string(), None)
    }

    /// Whether the reader of the output went away (`duban parse … | head`),
    /// which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
