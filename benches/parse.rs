//! Parse and facts throughput: `cargo bench --bench parse`.
//!
//! Builds a corpus from the project's own bulletins (the text fixtures and
//! the example), one after another as a clerk's month of reports pasted into
//! one file would be, to the 4 MiB one bulletin may hold, and measures:
//!
//! * `parse` — classification, chrome, tree: `SourceText` → `Document`;
//! * `ingest+parse` — the same corpus read from a file, decoded and parsed;
//! * `bulletins/parse`, `bulletins/facts`, `bulletins/parse+facts` — the
//!   same bulletins as separate sources (a month of reports), through the
//!   parse stage, the extract stage (`Document` → `Facts`), and both.
//!
//! Criterion reports throughput in MiB/s; BENCHMARKS.md records the figures.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use duban::extract::{ExtractOptions, Lexicon, extract};
use duban::ingest::{IngestOptions, MAX_TEXT_BYTES, ingest};
use duban::parse::parse;
use duban::source::{Format, SourceText};

/// The size of the month of separate bulletins.
const CORPUS_BYTES: usize = 10 << 20;

fn bulletins() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = ["tests/fixtures/bulletins", "examples"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|path| std::fs::read_to_string(path).ok()).collect()
}

/// The bulletins one after another in one text, as long as one bulletin
/// may be ([`MAX_TEXT_BYTES`]).
fn corpus() -> String {
    let bulletins = bulletins();
    assert!(!bulletins.is_empty(), "no .txt bulletins under tests/fixtures/bulletins or examples");
    let limit = MAX_TEXT_BYTES as usize;
    let mut corpus = String::with_capacity(limit);
    for bulletin in bulletins.iter().cycle() {
        if corpus.len() + bulletin.len() + 1 > limit {
            break;
        }
        corpus.push_str(bulletin);
        corpus.push('\n');
    }
    corpus
}

/// The bulletins again and again, each its own source, to about 10 MiB.
fn month() -> Vec<SourceText> {
    let bulletins = bulletins();
    let mut month = Vec::new();
    let mut bytes = 0;
    for (n, bulletin) in bulletins.iter().cycle().enumerate() {
        if bytes >= CORPUS_BYTES {
            break;
        }
        bytes += bulletin.len();
        let path = PathBuf::from(format!("{n}.txt"));
        month.push(SourceText::new(&path, Format::Text, "UTF-8", String::new(), bulletin.clone()));
    }
    month
}

fn throughput(c: &mut Criterion) {
    let corpus = corpus();
    let source = SourceText::new(Path::new("corpus.txt"), Format::Text, "UTF-8", String::new(), corpus.clone());
    let file = std::env::temp_dir().join(format!("duban-bench-{}.txt", std::process::id()));
    std::fs::write(&file, &corpus).expect("the temporary folder is writable");

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(corpus.len() as u64));
    group.sample_size(20);
    group.bench_function("parse", |b| b.iter(|| parse(&source)));
    group.bench_function("ingest+parse", |b| {
        b.iter(|| {
            let source = ingest(&file, &IngestOptions::default()).expect("the corpus reads").output;
            parse(&source)
        })
    });
    group.finish();
    let _ = std::fs::remove_file(&file);

    // A month of separate reports: each bulletin its own source, as `duban`
    // reads them. (The concatenated corpus above is one document whose tail
    // a web page's footer ends, so it holds few items.)
    let month = month();
    let bytes: usize = month.iter().map(|s| s.text.len()).sum();
    let documents: Vec<_> = month.iter().map(|source| parse(source).output).collect();
    let (units, options) = (Lexicon::default(), ExtractOptions::default());
    let mut group = c.benchmark_group("bulletins");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("parse", |b| b.iter(|| month.iter().map(|source| parse(source).output).collect::<Vec<_>>()));
    group.bench_function("facts", |b| {
        b.iter(|| month.iter().zip(&documents).map(|(s, d)| extract(s, d, &units, &options)).collect::<Vec<_>>())
    });
    group.bench_function("parse+facts", |b| {
        b.iter(|| {
            month.iter().map(|source| extract(source, &parse(source).output, &units, &options)).collect::<Vec<_>>()
        })
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
