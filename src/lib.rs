//! duban (督办) reads the 落实情况 reports a supervision office (督查室)
//! receives, finds what is behind, and drafts the next notice.
//!
//! # The pipeline
//!
//! ```text
//! input file ──ingest──▶ SourceText ──parse (grammar/*.pest)──▶ Document
//!    (.txt UTF-8/GBK/UTF-16, .docx, .html)                          │
//!                                       extract (grammar/facts.pest) ▼
//!                      rules/*.yaml ──▶ RuleSet ──evaluate──▶ Facts ──▶ Findings
//!                                                                         │
//!                 templates/*.tera ──render──▶ Notice ──export──▶ .docx / .md / .html / .txt
//! ```
//!
//! Each stage is a module with one input type and one output type:
//!
//! 1. [`ingest`]: a path → [`SourceText`](source::SourceText), the decoded
//!    text as the user sees it;
//! 2. [`parse`]: `SourceText` → [`Document`](parse::Document), sections and
//!    items with their spans, plus warnings;
//! 3. [`extract`]: `Document` → [`Facts`](extract::Facts), figures, pairs,
//!    units, deadlines and state per item, as-of date and 序时进度;
//! 4. [`rules`]: `Facts` → [`Findings`](rules::Findings), by a
//!    [`RuleSet`](rules::RuleSet) read from YAML;
//! 5. [`mod@render`]: findings → a [`Notice`](render::Notice), through
//!    tera templates;
//! 6. [`export`]: `Notice` → the bytes of a .docx, .md, .html or .txt.
//!
//! [`pipeline`]
//! wires the stages; [`view`] shows their outputs; [`run`] is the command
//! line's entry point, called by `main.rs` and by tests alike.

// pest's derive without its `std` feature names `alloc` from the crate root.
// Without `std`, pest skips its native stack probe on every rule call: the
// bulletin grammar never recurses, and the call limit still bounds the work.
extern crate alloc;

pub mod batch;
pub mod cli;
pub mod date;
pub mod diagnostics;
mod error;
pub mod export;
pub mod extract;
pub mod files;
pub mod grammar;
pub mod ingest;
pub mod init;
pub mod lang;
mod loaded;
pub mod numerals;
pub mod office;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod rules;
pub mod serve;
pub mod source;
pub mod tera_error;
pub mod text;
pub mod view;
pub mod yaml;

use std::io::Write;

pub use error::Error;

use cli::{Cli, Command, DraftArgs, FactsArgs, OutputFormat, RulesCommand};
use diagnostics::{Severity, render};
use ingest::IngestOptions;
use loaded::Loaded;

/// How many warnings text output shows before it only counts the rest.
const SHOWN_WARNINGS: usize = 20;

/// Writes warnings to standard error, the first [`SHOWN_WARNINGS`] in full.
fn print_warnings(parsed: &pipeline::Parsed) {
    let mut out = String::new();
    for warning in parsed.warnings.iter().take(SHOWN_WARNINGS) {
        out.push_str(&render(Severity::Warning, &warning.message, Some((&parsed.source, warning.span))));
    }
    if let Some(more) = parsed.warnings.len().checked_sub(SHOWN_WARNINGS).filter(|&n| n > 0) {
        out.push_str(&say!(
            "提示：另有 {more} 条提示；--format json 列出全部\n",
            "warning: {more} more warnings; --format json lists them all\n"
        ));
    }
    // A closed standard error must not stop the result from being written.
    let _ = std::io::stderr().lock().write_all(out.as_bytes());
}

/// How a command that did not fail ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report: exit code 0.
    Clean,
    /// `duban check` found something: exit code 1.
    Findings,
}

/// Runs one command. Results go to standard output, warnings to standard
/// error; the caller turns an error into a message and exit code 2.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    let mut command = cli.command;
    let office = match &command {
        Command::Serve(args) if args.dir.is_some() => office::Office::find(args.dir.as_deref())?,
        _ => office::Office::find(cli.office.as_deref())?,
    };
    if let Some(office) = &office {
        office.apply(&mut command)?;
    }
    match command {
        Command::Serve(args) => {
            let listen = args.listen.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
            serve::serve(serve::ServeOptions { office, listen, port: args.port, open: args.open })?;
            Ok(Outcome::Clean)
        }
        Command::Parse(args) => {
            let options = IngestOptions { encoding: args.encoding };
            let parsed = pipeline::read(&args.file, &options)?;
            match args.format {
                OutputFormat::Json => stream_out(|out| view::write_json(&parsed, out))?,
                OutputFormat::Text => {
                    print_warnings(&parsed);
                    write_out(&view::to_outline(&parsed))?;
                }
            }
            Ok(Outcome::Clean)
        }
        Command::Facts(args) => {
            let (lexicon, options, extract_options) = facts_options(&args)?;
            let (parsed, facts) = pipeline::read_facts(&args.input.file, &options, &lexicon, &extract_options)?;
            match args.input.format {
                OutputFormat::Json => stream_out(|out| view::write_facts_json(&parsed, &facts, out))?,
                OutputFormat::Text => {
                    print_warnings(&parsed);
                    write_out(&view::to_facts_outline(&parsed, &facts))?;
                }
            }
            Ok(Outcome::Clean)
        }
        Command::Check(args) => {
            // The rules first: a broken rule file is reported before any bulletin is read.
            let rules = loaded::rule_set(args.rules.as_deref())?;
            let (lexicon, options, extract_options) = facts_options(&args.facts)?;
            rules.check_families(&lexicon.phrases)?;
            if args.facts.input.file.is_dir() {
                return check_folder(&args, &rules, &lexicon, &options, &extract_options);
            }
            let check_options = args.dates.options();
            let (parsed, facts, findings) =
                pipeline::check(&args.facts.input.file, &options, &lexicon, &extract_options, &rules, &check_options)?;
            match args.facts.input.format {
                OutputFormat::Json => {
                    stream_out(|out| view::write_check_json(&parsed, &facts, &rules, &findings, out))?
                }
                OutputFormat::Text => {
                    print_warnings(&parsed);
                    write_out(&view::to_check_outline(&parsed, &facts, &rules, &findings))?;
                }
            }
            Ok(if findings.findings.is_empty() { Outcome::Clean } else { Outcome::Findings })
        }
        Command::Rules(RulesCommand::Lint { path, phrases }) => {
            let Some(path) = path else {
                return Err(Error::Usage(say!(
                    "rules lint 要给一个规则文件或文件夹，或在本室文件夹里运行（或加 --office）",
                    "rules lint needs a rule file or folder, or an office folder (--office)"
                )));
            };
            let rules = rules::RuleSet::load(&path)?;
            rules.check_families(&loaded::lexicon(None, phrases.as_deref())?.phrases)?;
            write_out(&view::to_rules_lint(&path, &rules))?;
            Ok(Outcome::Clean)
        }
        Command::Rules(RulesCommand::List { rules }) => {
            let rules = loaded::rule_set(rules.as_deref())?;
            write_out(&view::to_rules_list(&rules))?;
            Ok(Outcome::Clean)
        }
        Command::Draft(args) if args.file.is_dir() => draft_folder(&args),
        Command::Draft(args) => {
            // The path written goes to standard output, unless the draft itself did (`-o -`).
            if let Some(out) = draft(&args)? {
                write_out(&format!("{}\n", out.display()))?;
            }
            Ok(Outcome::Clean)
        }
        Command::Init(args) => {
            let written = init::init(&args.dir, args.force)?;
            write_out(&init::report(&args.dir, &written))?;
            Ok(Outcome::Clean)
        }
    }
}

/// `duban draft`: everything is read and rendered before the output is
/// touched, so an error leaves no file behind. Returns where it wrote, or
/// `None` for standard output (`-o -`).
fn draft(args: &DraftArgs) -> Result<Option<std::path::PathBuf>, Error> {
    let to_stdout = args.output.as_deref().is_some_and(|o| o == std::path::Path::new("-"));
    let named = args.output.as_deref().filter(|_| !to_stdout);
    // "-o notice.pdf" would be a .docx under another name: refused, unless --format says which.
    if let Some(path) = named.filter(|p| args.format.is_none() && p.extension().is_some())
        && export::Format::of(path).is_none()
    {
        return Err(Error::UnknownFormat(path.to_path_buf()));
    }
    let format = args.format.or_else(|| named.and_then(export::Format::of)).unwrap_or(export::Format::Docx);
    let output = match &args.output {
        Some(path) => path.clone(),
        None => {
            let stem = args.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            args.file.with_file_name(format!("{stem}.{}.{}", loaded::part_name(args.kind), format.extension()))
        }
    };
    let same = |a: &std::path::Path, b: &std::path::Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if !to_stdout && same(&output, &args.file) {
        return Err(Error::OverInput(output));
    }
    let loaded = Loaded::load(args)?;
    if format == export::Format::Docx {
        warn_missing_fonts(&loaded.preset);
    }
    let bytes = pipeline::draft(&args.file, &loaded.settings(args, format))?;
    if to_stdout {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&bytes).and_then(|()| stdout.flush()).map_err(Error::Output)?;
        return Ok(None);
    }
    export::write_new(&output, &bytes)?;
    Ok(Some(output))
}

/// Says once, on standard error, which of the preset's fonts this machine
/// lacks (and all their fallbacks too).
fn warn_missing_fonts(preset: &export::Preset) {
    let installed = export::fonts::installed();
    if let Some(message) = export::fonts::warning(&export::fonts::missing(preset, &installed)) {
        // A closed standard error must not stop the draft.
        let _ = std::io::stderr().lock().write_all(render(Severity::Warning, &message, None).as_bytes());
    }
}

/// `duban draft DIR --out-dir OUT`: a draft per bulletin, mirrored under
/// OUT; a bulletin that fails is reported and the others are written.
fn draft_folder(args: &DraftArgs) -> Result<Outcome, Error> {
    let Some(out_dir) = &args.out_dir else {
        let folder = args.file.display();
        return Err(Error::Batch(say!(
            "{folder}：起草一个文件夹要加 --out-dir 指定输出文件夹",
            "{folder}: drafting a folder needs --out-dir"
        )));
    };
    let format = args.format.unwrap_or(export::Format::Docx);
    let inputs = batch::inputs(&args.file, args.glob.as_deref(), Some(out_dir))?;
    let outputs = batch::output_paths(&inputs, out_dir, loaded::part_name(args.kind), format.extension())?;
    let loaded = Loaded::load(args)?;
    if format == export::Format::Docx {
        warn_missing_fonts(&loaded.preset);
    }
    let settings = loaded.settings(args, format);
    let jobs: Vec<(&batch::Input, &std::path::PathBuf)> = inputs.iter().zip(&outputs).collect();
    let results = batch::each(&jobs, |(input, output)| {
        if output.exists() && !args.force {
            let output = output.display();
            return Err(Error::Batch(say!(
                "{output}：已经存在；要替换请加 --force",
                "{output}: already there; pass --force to replace it"
            )));
        }
        let bytes = pipeline::draft(&input.path, &settings)?;
        if let Some(parent) = output.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Batch(say!("{}：无法建立（{e}）", "{}: cannot create ({e})", parent.display())))?;
        }
        export::write_new(output, &bytes)?;
        Ok((*output).clone())
    });
    let mut written = String::new();
    let mut failures = String::new();
    for (input, result) in inputs.iter().zip(&results) {
        match result {
            Ok(output) => written.push_str(&format!("{}\n", output.display())),
            Err(error) => {
                failures.push_str(&say!("{}：失败：{error}\n", "{}: failed: {error}\n", input.path.display()))
            }
        }
    }
    write_out(&written)?;
    let failed = results.iter().filter(|r| r.is_err()).count();
    let (files, drafted) = (results.len(), results.len() - failed);
    let summary = say!(
        "共{files}个文件：起草{drafted}个，失败{failed}个\n",
        "{files} files: {drafted} drafted, {failed} failed\n"
    );
    let _ = std::io::stderr().lock().write_all(format!("{failures}{summary}").as_bytes());
    if failed > 0 {
        let files = results.len();
        return Err(Error::Batch(say!(
            "{files}个文件中有{failed}个无法起草",
            "{failed} of {files} files could not be drafted"
        )));
    }
    Ok(Outcome::Clean)
}

/// `duban check DIR`: every bulletin, a failure reported in its place.
fn check_folder(
    args: &cli::CheckArgs,
    rules: &rules::RuleSet,
    lexicon: &extract::Lexicon,
    options: &IngestOptions,
    extract_options: &extract::ExtractOptions,
) -> Result<Outcome, Error> {
    let inputs = batch::inputs(&args.facts.input.file, args.glob.as_deref(), None)?;
    let check_options = args.dates.options();
    let results = batch::each(&inputs, |input| {
        let (parsed, facts, findings) =
            pipeline::check(&input.path, options, lexicon, extract_options, rules, &check_options)?;
        Ok(view::Checked { parsed, facts, findings })
    });
    match args.facts.input.format {
        OutputFormat::Json => stream_out(|out| view::write_batch_json(&inputs, &results, rules, out))?,
        OutputFormat::Text => write_out(&view::to_batch_outline(&inputs, &results, rules))?,
    }
    let failed = results.iter().filter(|r| r.is_err()).count();
    if failed > 0 {
        let files = results.len();
        return Err(Error::Batch(say!(
            "{files}个文件中有{failed}个无法读取",
            "{failed} of {files} files could not be read"
        )));
    }
    let found = results.iter().flatten().any(|c| !c.findings.findings.is_empty());
    Ok(if found { Outcome::Findings } else { Outcome::Clean })
}

/// The lexicon and the ingest and extract options of `duban facts` and `duban check`.
fn facts_options(args: &FactsArgs) -> Result<(extract::Lexicon, IngestOptions, extract::ExtractOptions), Error> {
    let lexicon = loaded::lexicon(args.units.as_deref(), args.phrases.as_deref())?;
    let options = IngestOptions { encoding: args.input.encoding.clone() };
    Ok((lexicon, options, extract::ExtractOptions { as_of: args.as_of }))
}

fn write_out(output: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()).map_err(Error::Output)
}

/// Writes JSON to standard output as it is serialised: a large bulletin's
/// JSON is many times the bulletin, and need not be held whole.
fn stream_out(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) -> Result<(), Error> {
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    write(&mut stdout).and_then(|()| stdout.flush()).map_err(Error::Output)
}
