//! The stages wired together, for the commands and for tests.

use std::path::Path;

use crate::Error;
use crate::diagnostics::Warning;
use crate::extract::{ExtractOptions, Facts, UnitBook, extract};
use crate::ingest::{IngestOptions, ingest};
use crate::parse::{Document, parse};
use crate::rules::{CheckOptions, Findings, RuleSet, evaluate};
use crate::source::SourceText;

/// A bulletin read and parsed: the source, its tree, and every warning.
#[derive(Debug)]
pub struct Parsed {
    /// The decoded text.
    pub source: SourceText,
    /// The tree.
    pub document: Document,
    /// Warnings of ingest and parse, in source order.
    pub warnings: Vec<Warning>,
}

/// Ingests and parses the file at `path`.
pub fn read(path: &Path, options: &IngestOptions) -> Result<Parsed, Error> {
    let ingested = ingest(path, options)?;
    let source = ingested.output;
    let parsed = parse(&source);
    let mut warnings = ingested.warnings;
    warnings.extend(parsed.warnings);
    warnings.sort_by_key(|w| w.span.start);
    Ok(Parsed { source, document: parsed.output, warnings })
}

/// Ingests, parses and reads the facts of the file at `path`.
pub fn read_facts(
    path: &Path,
    options: &IngestOptions,
    units: &UnitBook,
    extract_options: &ExtractOptions,
) -> Result<(Parsed, Facts), Error> {
    let parsed = read(path, options)?;
    let facts = extract(&parsed.source, &parsed.document, units, extract_options);
    Ok((parsed, facts))
}

/// Ingests, parses, reads the facts of and checks the file at `path`.
pub fn check(
    path: &Path,
    options: &IngestOptions,
    units: &UnitBook,
    extract_options: &ExtractOptions,
    rules: &RuleSet,
    check_options: &CheckOptions,
) -> Result<(Parsed, Facts, Findings), Error> {
    let (parsed, facts) = read_facts(path, options, units, extract_options)?;
    let findings = evaluate(rules, &parsed.source, &parsed.document, &facts, check_options);
    Ok((parsed, facts, findings))
}
