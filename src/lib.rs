//! duban (督办) reads the 落实情况 reports a supervision office (督查室)
//! receives, finds what is behind, and drafts the next notice.
//!
//! # The pipeline
//!
//! ```text
//! input file ──ingest──▶ SourceText ──parse (grammar/*.pest)──▶ Document
//!    (.txt UTF-8/GBK/UTF-16, .docx, .html)
//! ```
//!
//! Each stage is a module with one input type and one output type:
//!
//! 1. [`ingest`]: a path → [`SourceText`](source::SourceText), the decoded
//!    text as the user sees it;
//! 2. [`parse`]: `SourceText` → [`Document`](parse::Document), sections and
//!    items with their spans, plus warnings.
//!
//! Facts, rules, rendering and export follow as later stages. [`pipeline`]
//! wires the stages; [`view`] shows their outputs; [`run`] is the command
//! line's entry point, called by `main.rs` and by tests alike.

// pest's derive without its `std` feature names `alloc` from the crate root.
// Without `std`, pest skips its native stack probe on every rule call: the
// bulletin grammar never recurses, and the call limit still bounds the work.
extern crate alloc;

pub mod cli;
pub mod date;
pub mod diagnostics;
mod error;
pub mod extract;
pub mod grammar;
pub mod ingest;
pub mod numerals;
pub mod parse;
pub mod pipeline;
pub mod source;
pub mod text;
pub mod view;
pub mod yaml;

use std::io::Write;

pub use error::Error;

use cli::{Cli, Command, OutputFormat};
use diagnostics::{Severity, render};
use ingest::IngestOptions;

/// How many warnings text output shows before it only counts the rest.
const SHOWN_WARNINGS: usize = 20;

/// Writes warnings to standard error, the first [`SHOWN_WARNINGS`] in full.
fn print_warnings(parsed: &pipeline::Parsed) {
    let mut out = String::new();
    for warning in parsed.warnings.iter().take(SHOWN_WARNINGS) {
        out.push_str(&render(Severity::Warning, &warning.message, Some((&parsed.source, warning.span))));
    }
    if let Some(more) = parsed.warnings.len().checked_sub(SHOWN_WARNINGS).filter(|&n| n > 0) {
        out.push_str(&format!("warning: {more} more warnings; --format json lists them all\n"));
    }
    // A closed standard error must not stop the result from being written.
    let _ = std::io::stderr().lock().write_all(out.as_bytes());
}

/// Runs one command. Results go to standard output, warnings to standard
/// error; the caller turns an error into a message and exit code 2.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Parse(args) => {
            let options = IngestOptions { encoding: args.encoding };
            let parsed = pipeline::read(&args.file, &options)?;
            let output = match args.format {
                OutputFormat::Json => view::to_json(&parsed),
                OutputFormat::Text => {
                    print_warnings(&parsed);
                    view::to_outline(&parsed)
                }
            };
            write_out(&output)
        }
        Command::Facts(args) => {
            let units = match &args.units {
                Some(path) => extract::UnitBook::load(path)?,
                None => extract::UnitBook::default(),
            };
            let options = IngestOptions { encoding: args.input.encoding };
            let extract_options = extract::ExtractOptions { as_of: args.as_of };
            let (parsed, facts) = pipeline::read_facts(&args.input.file, &options, &units, &extract_options)?;
            let output = match args.input.format {
                OutputFormat::Json => view::to_facts_json(&parsed, &facts),
                OutputFormat::Text => {
                    print_warnings(&parsed);
                    view::to_facts_outline(&parsed, &facts)
                }
            };
            write_out(&output)
        }
    }
}

fn write_out(output: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()).map_err(Error::Output)
}
