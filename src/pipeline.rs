//! The stages wired together, for the commands and for tests.

use std::path::Path;

use crate::Error;
use crate::diagnostics::{Warned, Warning};
use crate::export::{Format, Preset, export};
use crate::extract::{ExtractOptions, Facts, Lexicon, extract};
use crate::ingest::{IngestOptions, ingest, ingest_bytes};
use crate::parse::{Document, parse};
use crate::render::{DraftOptions, Kind, NoticeContext, Templates, render};
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
    Ok(parsed(ingest(path, options)?))
}

/// Ingests and parses `bytes` already read (an upload to `duban serve`),
/// named `name` in messages.
pub fn read_bytes(name: &Path, bytes: Vec<u8>, options: &IngestOptions) -> Result<Parsed, Error> {
    Ok(parsed(ingest_bytes(name, bytes, options)?))
}

fn parsed(ingested: Warned<SourceText>) -> Parsed {
    let source = ingested.output;
    let parsed = parse(&source);
    let mut warnings = ingested.warnings;
    warnings.extend(parsed.warnings);
    warnings.sort_by_key(|w| w.span.start);
    Parsed { source, document: parsed.output, warnings }
}

/// Ingests, parses and reads the facts of the file at `path`.
pub fn read_facts(
    path: &Path,
    options: &IngestOptions,
    lexicon: &Lexicon,
    extract_options: &ExtractOptions,
) -> Result<(Parsed, Facts), Error> {
    let parsed = read(path, options)?;
    let facts = extract(&parsed.source, &parsed.document, lexicon, extract_options);
    Ok((parsed, facts))
}

/// Ingests, parses, reads the facts of and checks the file at `path`.
pub fn check(
    path: &Path,
    options: &IngestOptions,
    lexicon: &Lexicon,
    extract_options: &ExtractOptions,
    rules: &RuleSet,
    check_options: &CheckOptions,
) -> Result<(Parsed, Facts, Findings), Error> {
    let (parsed, facts) = read_facts(path, options, lexicon, extract_options)?;
    let findings = evaluate(rules, &parsed.source, &parsed.document, &facts, check_options);
    Ok((parsed, facts, findings))
}

/// Everything `duban draft` needs besides the bulletin.
pub struct DraftSettings<'a> {
    /// How to read the file.
    pub ingest: IngestOptions,
    /// Unit names and phrases.
    pub lexicon: &'a Lexicon,
    /// The as-of date, if given.
    pub extract: ExtractOptions,
    /// The rules.
    pub rules: &'a RuleSet,
    /// The templates.
    pub templates: &'a Templates,
    /// The notice's date and reply date.
    pub dates: CheckOptions,
    /// Issuer, number.
    pub draft: DraftOptions,
    /// Notice, sheets or both.
    pub kind: Kind,
    /// The file format.
    pub format: Format,
    /// The .docx layout.
    pub preset: &'a Preset,
}

/// Reads, checks and drafts the file at `path`: the bytes of the draft.
pub fn draft(path: &Path, settings: &DraftSettings<'_>) -> Result<Vec<u8>, Error> {
    draft_parsed(read(path, &settings.ingest)?, settings)
}

/// Checks and drafts a bulletin already read: the bytes of the draft.
pub fn draft_parsed(parsed: Parsed, settings: &DraftSettings<'_>) -> Result<Vec<u8>, Error> {
    let facts = extract(&parsed.source, &parsed.document, settings.lexicon, &settings.extract);
    let findings = evaluate(settings.rules, &parsed.source, &parsed.document, &facts, &settings.dates);
    crate::render::within_bounds(&parsed.source, &findings)?;
    let context =
        NoticeContext::new(&parsed.source, &parsed.document, &facts, settings.rules, &findings, &settings.draft);
    let notice = render(settings.templates, &context, settings.kind)?;
    Ok(export(&notice, settings.format, settings.preset, findings.date)?)
}
