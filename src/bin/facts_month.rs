//! Timing harness (temporary, never committed).
use duban::extract::{ExtractOptions, Lexicon, extract};
use duban::parse::parse;
use duban::source::{Format, SourceText};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let rounds: usize = std::env::args().nth(1).map(|s| s.parse().unwrap()).unwrap_or(30);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = ["tests/fixtures/bulletins", "examples"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let month: Vec<SourceText> = paths
        .iter()
        .enumerate()
        .map(|(n, p)| {
            SourceText::new(
                &PathBuf::from(format!("{n}.txt")),
                Format::Text,
                "UTF-8",
                String::new(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    let bytes: usize = month.iter().map(|s| s.text.len()).sum();
    let docs: Vec<_> = month.iter().map(|s| parse(s).output).collect();
    let (lex, opts) = (Lexicon::default(), ExtractOptions::default());
    let mut keep = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        for (s, d) in month.iter().zip(&docs) {
            let f = extract(s, d, &lex, &opts);
            keep += f.items.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{:.3} MB/s {:.4}s {}", (bytes * rounds) as f64 / secs / 1e6, secs, keep);
}
