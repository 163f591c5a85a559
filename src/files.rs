//! Reading the files duban is given — bulletins, rule, unit, phrase, preset
//! and template files: regular files only, each read within its bound.
//!
//! A FIFO would hang the read (opening one waits for a writer), a device such
//! as `/dev/zero` would never end, so the kind of file is checked before it
//! is opened, and again on the opened file; the bound is enforced while
//! reading, so a file that grows meanwhile is never read past it.

use std::fs::{File, Metadata};
use std::io::{self, Read as _};
use std::path::Path;

use crate::lang::term;
use crate::say;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Nothing is at the path.
    #[error("{}", say!("文件不存在", "no such file"))]
    NotFound,
    /// The path is a folder, a FIFO, a device or a socket.
    #[error("{}", say!("是{}，不是普通文件", "is {}, not a regular file", term(.0)))]
    NotRegular(&'static str),
    /// The file is larger than its bound.
    #[error("{}", say!("文件有 {} 字节，超过 {} 字节的上限", "the file is {} bytes, over the limit of {}", size, limit))]
    TooLarge {
        /// Its size, or as much of it as was read.
        size: u64,
        /// The bound.
        limit: u64,
    },
    /// The memory to hold the file could not be had (a tight `ulimit -v`,
    /// a machine short of memory): said, not an abort naming no file.
    #[error("{}", say!("内存不足，读不进这 {} 字节", "not enough memory to read its {} bytes", .0))]
    OutOfMemory(u64),
    /// The operating system refused.
    #[error("{}", say!("无法读取（{}）", "cannot read ({})", .0))]
    Io(io::Error),
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    };
    regular(&std::fs::metadata(path).map_err(io)?)?;
    let file = File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    regular(&metadata)?;
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { size: metadata.len(), limit });
    }
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(metadata.len() as usize).map_err(|_| ReadError::OutOfMemory(metadata.len()))?;
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// The text of the regular file at `path`, at most `limit` bytes of UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, String> {
    let bytes = read_bounded(path, limit).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        say!("不是 UTF-8 文本（第 {at} 字节无效）", "not UTF-8 text (byte {at} is not valid)")
    })
}

/// `Ok` for a regular file, else what the path is instead.
pub fn regular(metadata: &Metadata) -> Result<(), ReadError> {
    match kind(metadata) {
        None => Ok(()),
        Some(kind) => Err(ReadError::NotRegular(kind)),
    }
}

/// What a path that is not a regular file is: "a folder", "a FIFO", …;
/// `None` for a regular file.
pub fn kind(metadata: &Metadata) -> Option<&'static str> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a FIFO");
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_within_its_bound() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "一二三").unwrap();
        assert_eq!(read_bounded(&path, 9).unwrap(), "一二三".as_bytes());
        assert!(matches!(read_bounded(&path, 8), Err(ReadError::TooLarge { size: 9, limit: 8 })));
        assert!(matches!(read_bounded(&dir.path().join("b.txt"), 9), Err(ReadError::NotFound)));
        assert!(matches!(read_bounded(dir.path(), 9), Err(ReadError::NotRegular("a folder"))));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading_them() {
        let error = read_bounded(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(error.to_string(), "是设备文件，不是普通文件");
    }
}
