//! What can stop ingest: the file cannot be read, or is not a document.

use std::io;
use std::path::PathBuf;

use crate::lang::term;
use crate::say;

/// A fatal ingest error. Each names the file and says what is wrong in one line.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{}{}", path.display(), say!("：文件不存在", ": no such file"))]
    NotFound {
        /// The input path.
        path: PathBuf,
    },
    /// The path is a folder.
    #[error("{}{}", path.display(), say!("：是文件夹，不是文件", ": is a folder, not a file"))]
    IsDirectory {
        /// The input path.
        path: PathBuf,
    },
    /// The path is a FIFO, a device or a socket: never read.
    #[error("{}{}", path.display(), say!("：是{}，不是普通文件", ": is {}, not a regular file", term(kind)))]
    NotRegular {
        /// The input path.
        path: PathBuf,
        /// "a FIFO", "a device", …
        kind: &'static str,
    },
    /// Reading failed.
    #[error("{}{}", path.display(), say!("：无法读取（{}）", ": cannot read ({})", source))]
    Io {
        /// The input path.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The memory to hold the file could not be had.
    #[error("{}{}", path.display(), say!("：内存不足，读不进这 {} 的文件；请关掉别的程序再试", ": not enough memory to read this file of {}; close other programs and try again", Size(*size)))]
    OutOfMemory {
        /// The input path.
        path: PathBuf,
        /// The file's size.
        size: u64,
    },
    /// The file is larger than one input may be.
    #[error("{}{}", path.display(), say!("：文件有 {}，超过单个文件 {} 的上限", ": the file is {}, over the {} limit for one input", Size(*size), Size(*limit)))]
    TooLarge {
        /// The input path.
        path: PathBuf,
        /// The file's size.
        size: u64,
        /// [`MAX_INPUT_BYTES`](super::MAX_INPUT_BYTES).
        limit: u64,
    },
    /// The text is longer than one bulletin may be: what each later stage
    /// holds and does grows with it.
    #[error("{}:{line}:{column}{}", path.display(), say!("：从这里起，文字超过一份通报 {} 的上限（全文 {}）；请把通报分成几份", ": the text passes the {} limit for one bulletin here ({} in all); split the bulletin", Size(*limit), Size(*size)))]
    TooMuchText {
        /// The input path.
        path: PathBuf,
        /// The line where the limit is passed, from 1.
        line: usize,
        /// The column there, in characters from 1.
        column: usize,
        /// The text's length in bytes (UTF-8).
        size: u64,
        /// [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES).
        limit: u64,
    },
    /// The file holds no text.
    #[error("{}{}{}", path.display(), say!("：", ": "), term(what))]
    Empty {
        /// The input path.
        path: PathBuf,
        /// "the file is empty", "the document has no text", …
        what: &'static str,
    },
    /// The bytes are not text in any encoding ingest knows.
    #[error("{}{}", path.display(), say!("：第 {} 字节起是二进制数据；duban 读的是文本、.docx 或 .html 文件", ": binary data at byte {}; expected a text, .docx or .html file", offset))]
    Binary {
        /// The input path.
        path: PathBuf,
        /// The first byte that gave it away.
        offset: usize,
    },
    /// The file is a kind of document duban does not read.
    #[error("{}{}", path.display(), say!("：不能读 {} 文件，请另存为 .docx 或 .txt", ": {} files are not supported; save it as .docx or .txt", term(kind)))]
    Unsupported {
        /// The input path.
        path: PathBuf,
        /// What the file is ("a PDF", "a Word 97-2003 .doc").
        kind: &'static str,
    },
    /// `--encoding` names no encoding.
    #[error("{}", say!("没有 {} 这种编码（可用 utf-8、gbk、gb18030、big5、utf-16le 或 utf-16be）", "unknown encoding `{}` (try utf-8, gbk, gb18030, big5, utf-16le or utf-16be)", label))]
    UnknownEncoding {
        /// What the user wrote.
        label: String,
    },
    /// Decoding with the chosen encoding failed on most of the text.
    #[error("{}{}", path.display(), say!("：大部分文字不是有效的 {}；请用 --encoding 指定编码", ": most of the text is not valid {}; name the encoding with --encoding", encoding))]
    Undecodable {
        /// The input path.
        path: PathBuf,
        /// The encoding tried.
        encoding: &'static str,
    },
    /// A .docx that cannot be read.
    #[error("{}{}", path.display(), say!("：无法读取这个 .docx：{}", ": not a readable .docx: {}", problem))]
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
    #[error("{}", say!("压缩包损坏或不完整（{}）", "the zip container is damaged or truncated ({})", .0))]
    Zip(String),
    /// The zip holds another kind of document.
    #[error("{}", say!("其中没有 word/document.xml{}", "it holds no word/document.xml{}", term(.0)))]
    NotWord(&'static str),
    /// A part inflates beyond the limit: a zip bomb, or not a bulletin.
    #[error("{}", say!("{} 解压后超过 {}", "{} inflates to more than {}", entry, Size(*limit)))]
    TooLarge {
        /// The part's name.
        entry: String,
        /// The limit it passed.
        limit: u64,
    },
    /// The archive lists more entries than a Word document has.
    #[error("{}", say!("其中列了 {} 个条目", "it lists {} entries", .0))]
    TooManyEntries(usize),
    /// A part is not well-formed XML.
    #[error("{}", say!("{} 第 {} 字节处不是合格的 XML（{}）", "{} is not well-formed XML at byte {} ({})", entry, offset, message))]
    Xml {
        /// The part's name.
        entry: String,
        /// Where in the part.
        offset: u64,
        /// The XML reader's message.
        message: String,
    },
    /// A part is not UTF-8.
    #[error("{}", say!("{} 不是 UTF-8", "{} is not UTF-8", .0))]
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
            n => f.write_str(&say!("{n} 字节", "{n} bytes")),
        }
    }
}
