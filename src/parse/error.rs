//! What can stop the parse. Almost nothing does: every line is at least a
//! paragraph, and mistakes in the document are warnings.

use crate::source::Span;

/// A fatal parse error.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The grammar gave up on a line, which only its call limit can make it do.
    #[error("cannot read this line ({message})")]
    Grammar {
        /// The line.
        span: Span,
        /// pest's reason.
        message: String,
    },
}

impl ParseError {
    /// Where in the source the error is.
    pub fn span(&self) -> Span {
        match self {
            ParseError::Grammar { span, .. } => *span,
        }
    }
}
