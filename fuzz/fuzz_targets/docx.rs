//! Arbitrary bytes as a .docx: the zip container and the Word XML.
#![no_main]

use std::path::Path;

use duban::ingest::{IngestOptions, ingest_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Most inputs are not zips; give the fuzzer a head start with a zip header.
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(data);
    for candidate in [data.to_vec(), bytes] {
        if let Ok(read) = ingest_bytes(Path::new("bulletin.docx"), candidate, &IngestOptions::default()) {
            let _ = duban::parse::parse(&read.output);
        }
    }
});
