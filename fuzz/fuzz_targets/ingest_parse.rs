//! Arbitrary bytes as a bulletin file: ingest (text in any encoding, .docx,
//! .html), then parse. Either a document or a clean error; never a panic.
#![no_main]

use std::path::Path;

use duban::ingest::{IngestOptions, ingest_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The name only breaks ties; try the bytes as each kind of file.
    for name in ["bulletin.txt", "bulletin.html"] {
        if let Ok(read) = ingest_bytes(Path::new(name), data.to_vec(), &IngestOptions::default()) {
            let _ = duban::parse::parse(&read.output);
        }
    }
});
