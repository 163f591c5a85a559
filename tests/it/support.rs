//! Helpers shared by the integration tests: where the corpus is, how to run
//! the binary, and the re-encodings real inputs arrive in.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use duban::ingest::IngestOptions;
use duban::pipeline::{Parsed, read};
use serde_json::Value;

/// The package root; tests run with it as the working directory.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture's path relative to the package root, as users would type it.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures").join(name)
}

/// Whether this run is CI's: there a missing seed corpus (or renderer) is a failure.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The corpus folder, from `DUBAN_CORPUS` or `../shared/corpus`; `None`
/// (after saying why) when it is missing outside CI.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DUBAN_CORPUS").map_or_else(|| root().join("../shared/corpus"), PathBuf::from);
    if dir.join("raw").is_dir() {
        return Some(dir);
    }
    assert!(!under_ci(), "the corpus is missing under CI: {}", dir.display());
    eprintln!("skipped: no corpus at {}; set DUBAN_CORPUS", dir.display());
    None
}

/// The five seed documents, sorted, from `DUBAN_SEEDS` or `../shared/seeds`.
/// `None` (after printing why) when they are missing outside CI.
pub fn seeds() -> Option<Vec<PathBuf>> {
    let dir = std::env::var_os("DUBAN_SEEDS").map_or_else(|| root().join("../shared/seeds"), PathBuf::from);
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect(),
        Err(error) => {
            assert!(!under_ci(), "the seed corpus is missing under CI: {} ({error})", dir.display());
            eprintln!("skipped: no seed corpus at {} ({error}); set DUBAN_SEEDS", dir.display());
            return None;
        }
    };
    paths.sort();
    assert_eq!(paths.len(), 5, "expected the five seeds in {}", dir.display());
    Some(paths)
}

/// The seed whose file name starts with `prefix` ("000" … "004").
/// The units seed 000 holds behind: facts must find each on its items, and
/// check must name each in a finding.
pub const SEED_000_UNITS: &[&str] = &[
    "区工信局",
    "王益经济技术开发区管委会",
    "区民政局",
    "王家河办",
    "区发改局",
    "区商务局",
    "区住建局",
    "耀州窑文化基地管委会",
];

pub fn seed(seeds: &[PathBuf], prefix: &str) -> PathBuf {
    seeds
        .iter()
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
        .clone()
}

/// Reads and parses a file with default options.
pub fn parse(path: &Path) -> Parsed {
    read(path, &IngestOptions::default()).unwrap_or_else(|e| panic!("{}", e.render()))
}

/// The documented JSON of a file, as a value.
pub fn json(path: &Path) -> Value {
    serde_json::from_str(&duban::view::to_json(&parse(path))).expect("the JSON parses")
}

/// The tree part of the JSON — everything but `source` — with every string
/// width-folded, so that inputs differing only in encoding, line breaks or
/// the width of their punctuation compare equal.
pub fn tree(path: &Path) -> Value {
    let mut value = json(path);
    value.as_object_mut().expect("an object").remove("source");
    fold_strings(&mut value);
    value
}

fn fold_strings(value: &mut Value) {
    match value {
        Value::String(s) => *s = duban::text::fold_width(s).into_owned(),
        Value::Array(items) => items.iter_mut().for_each(fold_strings),
        Value::Object(map) => map.values_mut().for_each(fold_strings),
        _ => {}
    }
}

/// ASCII punctuation turned full-width (`,` → `，`, `(` → `（`, `.` → `．`),
/// digits and letters left alone.
pub fn full_width_punctuation(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='/' | ':'..='@' | '['..='`' | '{'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// UTF-16 bytes, little- or big-endian, with or without a byte-order mark.
pub fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let units = (bom.then_some(0xFEFF_u16)).into_iter().chain(text.encode_utf16());
    units.flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
}

/// Runs the `duban` binary, in English: what most tests look for in its
/// messages. [`duban_zh`] runs it as a clerk does.
pub fn duban(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_duban"));
    command.args(args).current_dir(root()).env("DUBAN_LANG", "en").output().expect("the binary runs")
}

/// Runs the `duban` binary as a clerk does: in Chinese, the default.
pub fn duban_zh(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_duban"));
    command.args(args).current_dir(root()).env_remove("DUBAN_LANG").output().expect("the binary runs")
}

/// Standard output and error of a run, as text.
pub fn outputs(output: &Output) -> (String, String) {
    (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// One part of a .docx, as text.
pub fn docx_part(docx: &Path, name: &str) -> String {
    use std::io::Read as _;
    let file = std::fs::File::open(docx).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// An HTTP answer: status, head, body (de-chunked).
pub struct Answer {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON; panics with the body when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One HTTP/1.1 request on its own connection.
pub fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A refused upload may be answered before all of it is sent.
    let _ = stream.write_all(body);
    // Read to the end of the answer, which its length says: some servers
    // (chromedriver) keep the connection open after "Connection: close".
    let mut raw = Vec::new();
    let mut buffer = [0u8; 65536];
    let (split, length) = loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|n| n.trim().parse::<usize>().ok());
            break (split, length);
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => panic!("no HTTP answer: {}", String::from_utf8_lossy(&raw)),
            Ok(n) => raw.extend_from_slice(&buffer[..n]),
        }
    };
    match length {
        Some(length) => {
            while raw.len() < split + 4 + length {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => raw.extend_from_slice(&buffer[..n]),
                }
            }
        }
        None => {
            let _ = stream.read_to_end(&mut raw);
        }
    }
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    let mut body = raw[split + 4..].to_vec();
    if headers.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    Answer { status, headers, body }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&data[..line_end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 2 + size + 2..];
    }
}
