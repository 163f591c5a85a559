//! Stage 1, ingest: a path → [`SourceText`], the text as the user sees it.
//!
//! Input: a `.txt` file in UTF-8 (with or without BOM), UTF-16 LE/BE (with or
//! without BOM) or GBK/GB18030; a `.docx`; or an `.html` page. The container
//! is told by the bytes first (a zip is a .docx whatever its name) and the
//! extension second. Output: decoded text with its line index, plus warnings
//! for bytes that could not be decoded. Next stage: [`crate::parse`].
//!
//! Nothing is normalised here: full-width and half-width forms, U+3000 and
//! U+00A0 spaces and every line-break style reach the parser as written, so
//! that spans point at what the user sees.

mod controls;
mod decode;
mod docx;
mod error;
mod html;
mod numbering;

use std::path::Path;

use encoding_rs::Encoding;
use sha2::{Digest, Sha256};

pub use docx::{MAX_ENTRIES, MAX_PART_BYTES, MAX_TOTAL_BYTES};
pub use error::{DocxProblem, IngestError};

use crate::diagnostics::{Warned, Warning};
use crate::say;
use crate::source::{Format, SourceText, Span};

/// The largest input file read, in bytes.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// The longest text of one bulletin, in bytes of UTF-8: about 1.4 million
/// Chinese characters, a thousand times the longest bulletin seen. Past
/// the input-file limit this bounds what parse, extract and check hold and
/// how long they take; a .docx or a page of that size holds far less text.
pub const MAX_TEXT_BYTES: u64 = 4 << 20;

/// How to read an input.
#[derive(Clone, Debug, Default)]
pub struct IngestOptions {
    /// An encoding label that overrides detection for text and HTML
    /// ("gbk", "utf-16le", …).
    pub encoding: Option<String>,
}

/// Reads the file at `path` into a [`SourceText`].
pub fn ingest(path: &Path, options: &IngestOptions) -> Result<Warned<SourceText>, IngestError> {
    let bytes = read_bytes(path)?;
    ingest_bytes(path, bytes, options)
}

/// Reads `bytes`, the content of a file named `path`, into a [`SourceText`]
/// (the name only helps tell the format when the bytes do not).
pub fn ingest_bytes(path: &Path, bytes: Vec<u8>, options: &IngestOptions) -> Result<Warned<SourceText>, IngestError> {
    let forced = match &options.encoding {
        Some(label) => Some(
            Encoding::for_label(label.trim().as_bytes())
                .ok_or_else(|| IngestError::UnknownEncoding { label: label.clone() })?,
        ),
        None => None,
    };
    if bytes.is_empty() {
        return Err(IngestError::Empty { path: path.into(), what: "the file is empty" });
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let (format, mut decoded, hints) = match sniff(&bytes, path) {
        Sniffed::Docx => {
            let text = docx::extract(&bytes).map_err(|problem| IngestError::Docx { path: path.into(), problem })?;
            let decoded = decode::Decoded { text, encoding: "UTF-8", replaced: Vec::new(), doubt: None };
            (Format::Docx, decoded, Default::default())
        }
        Sniffed::Html => {
            let decoded = decode_text(&bytes, forced.or_else(|| html::declared_charset(&bytes)), path)?;
            let page = html::extract(&decoded.text);
            let decoded = decode::Decoded {
                text: page.text,
                encoding: decoded.encoding,
                replaced: Vec::new(),
                doubt: decoded.doubt,
            };
            (Format::Html, decoded, page.hints)
        }
        Sniffed::Text => (Format::Text, decode_text(&bytes, forced, path)?, Default::default()),
        Sniffed::Unsupported(kind) => return Err(IngestError::Unsupported { path: path.into(), kind }),
    };
    too_much_text(path, &decoded.text)?;
    let mut warnings = Vec::new();
    if let Some(cleaned) = controls::without_controls(&decoded.text) {
        // Page and line tabulations (form feeds) become line breaks: nothing is lost to warn of.
        if let Some(&first) = cleaned.at.first() {
            let count = cleaned.at.len();
            let message = say!(
                "删去了 {count} 个控制字符（.docx 不能含有）",
                "{count} control characters dropped (a .docx cannot hold them)"
            );
            warnings.push(Warning::new(Span::new(first, first), message));
        }
        decoded.replaced = decoded.replaced.iter().map(|&offset| cleaned.offset(offset)).collect();
        decoded.text = cleaned.text;
    }
    // Byte-order marks and spaces of any width are no text.
    if crate::text::trim(&decoded.text).is_empty() {
        let what = match format {
            Format::Text => "the file holds only spaces and blank lines",
            Format::Docx | Format::Html => "the document has no text",
        };
        return Err(IngestError::Empty { path: path.into(), what });
    }
    warnings.extend(replacement_warnings(&decoded));
    if let Some(other) = decoded.doubt {
        let (read, flag) = (decoded.encoding, other.to_ascii_lowercase());
        let message = say!(
            "按 {read} 读取，但文件可能是 {other} 编码；如果文字不对，请加 --encoding {flag}",
            "read as {read}, but the file may be in {other}; if the text reads wrongly, give --encoding {flag}"
        );
        warnings.insert(0, Warning::new(Span::new(0, 0), message));
    }
    if forced.is_some() && format == Format::Docx {
        let message = say!(
            "--encoding 对 .docx 文件不起作用，.docx 自带编码",
            "--encoding does not apply to .docx files, which say their own"
        );
        warnings.push(Warning::new(Span::new(0, 0), message));
    }
    if let Some(encoding) = forced.filter(|&e| e != encoding_rs::UTF_8 && format != Format::Docx)
        && !bytes.is_ascii()
        && std::str::from_utf8(&bytes).is_ok()
    {
        let name = encoding.name();
        let message = say!(
            "文件是有效的 UTF-8；--encoding {name} 对吗？",
            "the file is valid UTF-8; is --encoding {name} right?"
        );
        warnings.insert(0, Warning::new(Span::new(0, 0), message));
    }
    let mut source = SourceText::new(path, format, decoded.encoding, sha256, decoded.text);
    source.hints = hints;
    Ok(Warned { output: source, warnings })
}

/// Refuses a text longer than [`MAX_TEXT_BYTES`], at the line and column
/// where it passes the limit.
fn too_much_text(path: &Path, text: &str) -> Result<(), IngestError> {
    let limit = MAX_TEXT_BYTES as usize;
    if text.len() <= limit {
        return Ok(());
    }
    let end = (0..=limit).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let before = &text[..end];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |at| at + 1);
    Err(IngestError::TooMuchText {
        path: path.into(),
        line: crate::source::line_starts(before).len(),
        column: before[line_start..].chars().count() + 1,
        size: text.len() as u64,
        limit: MAX_TEXT_BYTES,
    })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, IngestError> {
    use crate::files::ReadError;
    crate::files::read_bounded(path, MAX_INPUT_BYTES).map_err(|error| match error {
        ReadError::NotFound => IngestError::NotFound { path: path.into() },
        ReadError::NotRegular("a folder") => IngestError::IsDirectory { path: path.into() },
        ReadError::NotRegular(kind) => IngestError::NotRegular { path: path.into(), kind },
        ReadError::TooLarge { size, limit } => IngestError::TooLarge { path: path.into(), size, limit },
        ReadError::OutOfMemory(size) => IngestError::OutOfMemory { path: path.into(), size },
        ReadError::Io(source) => IngestError::Io { path: path.into(), source },
    })
}

enum Sniffed {
    Text,
    Docx,
    Html,
    Unsupported(&'static str),
}

/// What the bytes are: magic numbers first, then the extension, then a look
/// at the start of the text.
fn sniff(bytes: &[u8], path: &Path) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Docx;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Unsupported("Word 97-2003 (.doc) and other OLE");
    }
    if bytes.starts_with(b"%PDF-") {
        return Sniffed::Unsupported("PDF");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Sniffed::Unsupported("RTF");
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" | "shtml" | "xhtml" => return Sniffed::Html,
        "docx" => return Sniffed::Docx,
        _ => {}
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if head.starts_with("<!doctype html") || head.starts_with("<html") { Sniffed::Html } else { Sniffed::Text }
}

fn decode_text(bytes: &[u8], forced: Option<&'static Encoding>, path: &Path) -> Result<decode::Decoded, IngestError> {
    decode::decode(bytes, forced).map_err(|error| match error {
        decode::DecodeError::Binary { offset } => IngestError::Binary { path: path.into(), offset },
        decode::DecodeError::Undecodable { encoding } => IngestError::Undecodable { path: path.into(), encoding },
    })
}

/// One warning per replaced character, up to ten, then one that counts the rest.
fn replacement_warnings(decoded: &decode::Decoded) -> Vec<Warning> {
    const SHOWN: usize = 10;
    let encoding = decoded.encoding;
    let message = say!(
        "不是有效 {encoding} 的字节已换成 U+FFFD（�）",
        "bytes that are not valid {encoding} were replaced with U+FFFD"
    );
    let at = |offset: usize| Span::new(offset, offset + '\u{FFFD}'.len_utf8());
    let mut warnings: Vec<Warning> =
        decoded.replaced.iter().take(SHOWN).map(|&offset| Warning::new(at(offset), message.clone())).collect();
    if decoded.replaced.len() > SHOWN {
        let offset = decoded.replaced[SHOWN];
        let more = decoded.replaced.len() - SHOWN;
        warnings.push(Warning::new(at(offset), say!("另有 {more} 个字符被替换", "{more} more replaced characters")));
    }
    warnings
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
