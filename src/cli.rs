//! The command line, as clap derives it. `main.rs` parses it and hands it to
//! [`crate::run`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// duban (督办) reads supervision bulletins (督查通报) and finds what is behind.
#[derive(Debug, Parser)]
#[command(name = "duban", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a bulletin and show its structure: sections, items, statuses
    Parse(ParseArgs),
}

/// Arguments of `duban parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The bulletin: a .txt (UTF-8, GBK/GB18030 or UTF-16), .docx or .html file
    pub file: PathBuf,

    /// What to print: a readable outline, or the documented JSON (docs/json.md)
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// The text encoding, when detection gets it wrong (utf-8, gbk, gb18030, big5, utf-16le, utf-16be)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

/// How a command prints its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people.
    Text,
    /// For programs.
    Json,
}
