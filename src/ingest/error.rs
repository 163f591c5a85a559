//! What can stop ingest: the file cannot be read, or is not a document.

use std::io;
use std::path::PathBuf;

/// A fatal ingest error. Each names the file and says what is wrong in one line.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{}: no such file", path.display())]
    NotFound {
        /// The input path.
        path: PathBuf,
    },
    /// The path is a folder.
    #[error("{}: is a folder, not a file", path.display())]
    IsDirectory {
        /// The input path.
        path: PathBuf,
    },
    /// The path is a FIFO, a device or a socket: never read.
    #[error("{}: is {kind}, not a regular file", path.display())]
    NotRegular {
        /// The input path.
        path: PathBuf,
        /// "a FIFO", "a device", …
        kind: &'static str,
    },
    /// Reading failed.
    #[error("{}: cannot read ({source})", path.display())]
    Io {
        /// The input path.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The file is larger than one input may be.
    #[error("{}: the file is {}, over the {} limit for one input", path.display(), Size(*size), Size(*limit))]
    TooLarge {
        /// The input path.
        path: PathBuf,
        /// The file's size.
        size: u64,
        /// [`MAX_INPUT_BYTES`](super::MAX_INPUT_BYTES).
        limit: u64,
    },
    /// The file holds no text.
    #[error("{}: {what}", path.display())]
    Empty {
        /// The input path.
        path: PathBuf,
        /// "the file is empty", "the document has no text", …
        what: &'static str,
    },
    /// The bytes are not text in any encoding ingest knows.
    #[error("{}: binary data at byte {offset}; expected a text, .docx or .html file", path.display())]
    Binary {
        /// The input path.
        path: PathBuf,
        /// The first byte that gave it away.
        offset: usize,
    },
    /// The file is a kind of document duban does not read.
    #[error("{}: {kind} files are not supported; save it as .docx or .txt", path.display())]
    Unsupported {
        /// The input path.
        path: PathBuf,
        /// What the file is ("a PDF", "a Word 97-2003 .doc").
        kind: &'static str,
    },
    /// `--encoding` names no encoding.
    #[error("unknown encoding `{label}` (try utf-8, gbk, gb18030, big5, utf-16le or utf-16be)")]
    UnknownEncoding {
        /// What the user wrote.
        label: String,
    },
    /// Decoding with the chosen encoding failed on most of the text.
    #[error("{}: most of the text is not valid {encoding}; name the encoding with --encoding", path.display())]
    Undecodable {
        /// The input path.
        path: PathBuf,
        /// The encoding tried.
        encoding: &'static str,
    },
    /// A .docx that cannot be read.
    #[error("{}: not a readable .docx: {problem}", path.display())]
    Docx {
        /// The input path.
        path: PathBuf,
        /// What is wrong with it.
        problem: DocxProblem,
    },
}

/// What is wrong with a .docx file.
#[derive(Debug, thiserror::Error)]
pub enum DocxProblem {
    /// The zip container is damaged or truncated.
    #[error("the zip container is damaged or truncated ({0})")]
    Zip(String),
    /// The zip holds another kind of document.
    #[error("it holds no word/document.xml{0}")]
    NotWord(&'static str),
    /// A part inflates beyond the limit: a zip bomb, or not a bulletin.
    #[error("{entry} inflates to more than {}", Size(*limit))]
    TooLarge {
        /// The part's name.
        entry: String,
        /// The limit it passed.
        limit: u64,
    },
    /// The archive lists more entries than a Word document has.
    #[error("it lists {0} entries")]
    TooManyEntries(usize),
    /// A part is not well-formed XML.
    #[error("{entry} is not well-formed XML at byte {offset} ({message})")]
    Xml {
        /// The part's name.
        entry: String,
        /// Where in the part.
        offset: u64,
        /// The XML reader's message.
        message: String,
    },
    /// A part is not UTF-8.
    #[error("{0} is not UTF-8")]
    NotUtf8(String),
}

/// A byte count as people read it: `64 MiB`, `3.2 MiB`, `512 bytes`.
pub(crate) struct Size(pub u64);

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MIB: u64 = 1 << 20;
        match self.0 {
            n if n >= MIB && n.is_multiple_of(MIB) => write!(f, "{} MiB", n / MIB),
            n if n >= MIB => write!(f, "{:.1} MiB", n as f64 / MIB as f64),
            n => write!(f, "{n} bytes"),
        }
    }
}
