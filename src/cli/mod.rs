//! The command line, as clap derives it. `main.rs` parses it and hands it to
//! [`crate::run`]. The doc comments are the English help; [`command`] gives
//! the Chinese one, the default.

mod zh;

pub use zh::{command, parse_error};

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date::Date;

/// duban (督办) reads supervision bulletins (督查通报) and finds what is behind.
#[derive(Debug, Parser)]
#[command(name = "duban", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// The office folder (from `duban init`) whose settings, rules and templates to use (default: the current folder, when it holds a duban.toml)
    #[arg(long, value_name = "DIR", global = true)]
    pub office: Option<PathBuf>,

    /// The language of what duban prints for people (default: zh, or DUBAN_LANG)
    #[arg(long, value_enum, value_name = "LANG", global = true)]
    pub lang: Option<crate::lang::Lang>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a bulletin and show its structure: sections, items, statuses
    Parse(ParseArgs),
    /// Read a bulletin's facts: targets and actuals, progress against 序时进度, units, deadlines
    Facts(FactsArgs),
    /// Find what is behind, missing or below target, by the rules (exit 1 when anything is found)
    Check(CheckArgs),
    /// Check rule files, or list the rules in force
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Draft the next 督办通知 (and 督办单 per unit) as .docx, .md, .html or .txt
    Draft(DraftArgs),
    /// Serve a page on this machine where a bulletin is checked and its notice drafted
    Serve(ServeArgs),
    /// Make an office folder in DIR: duban.toml, and editable copies of the rules, unit list, templates and presets
    Init(InitArgs),
}

/// Arguments of `duban parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The bulletin: a .txt (UTF-8, GBK/GB18030 or UTF-16), .docx or .html file
    pub file: PathBuf,

    /// What to print: a readable outline, or JSON for programs (its keys stay the same from release to release)
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// The text encoding, when detection gets it wrong (utf-8, gbk, gb18030, big5, utf-16le, utf-16be)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

/// Arguments of `duban facts`.
#[derive(Debug, Args)]
pub struct FactsArgs {
    /// The bulletin and how to read it
    #[command(flatten)]
    pub input: ParseArgs,

    /// The date the figures stand at (YYYY-MM-DD), instead of the period the bulletin states
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,

    /// A unit list to use instead of the built-in one (`duban init` writes an editable copy, rules/units.yaml)
    #[arg(long, value_name = "FILE")]
    pub units: Option<PathBuf>,

    /// A phrase file (判断用语) to use instead of the built-in one (`duban init` writes an editable copy, rules/phrases.yaml)
    #[arg(long, value_name = "FILE")]
    pub phrases: Option<PathBuf>,
}

/// The notice's dates, the same for `check` and `draft`: deadlines are
/// judged at the notice's date and replies counted from it.
#[derive(Debug, Default, Args)]
pub struct DateArgs {
    /// The notice's date, 成文日期, at which deadlines are judged (default: the bulletin's publication date or its as-of date, whichever is later)
    #[arg(long, value_name = "DATE")]
    pub date: Option<Date>,

    /// The date replies are due, when an item sets no later one (default: 15 days after the notice's date)
    #[arg(long, value_name = "DATE", alias = "deadline")]
    pub reply_by: Option<Date>,

    /// Days from the notice's date to the reply date (default: 15)
    #[arg(long, value_name = "DAYS")]
    pub reply_days: Option<u16>,
}

impl DateArgs {
    /// As the rules take them.
    pub fn options(&self) -> crate::rules::CheckOptions {
        crate::rules::CheckOptions { date: self.date, reply_by: self.reply_by, reply_days: self.reply_days }
    }
}

/// Arguments of `duban check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The bulletin and how to read its facts
    #[command(flatten)]
    pub facts: FactsArgs,

    /// A rule file, or a folder of *.yaml rule files, instead of the built-in rules
    #[arg(long, value_name = "PATH")]
    pub rules: Option<PathBuf>,

    /// The notice's date and the date replies are due
    #[command(flatten)]
    pub dates: DateArgs,

    /// For a folder: which files to read, by a pattern on their path inside it (default: *.txt, *.docx, *.html)
    #[arg(long, value_name = "PATTERN")]
    pub glob: Option<String>,
}

/// Arguments of `duban draft`.
#[derive(Debug, Default, Args)]
pub struct DraftArgs {
    /// The bulletin: a .txt (UTF-8, GBK/GB18030 or UTF-16), .docx or .html file
    pub file: PathBuf,

    /// Where to write the draft, `-` for standard output (default: beside the bulletin, named after it; never over it)
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// The file format (default: the output's extension, else docx)
    #[arg(long, value_enum)]
    pub format: Option<crate::export::Format>,

    /// What to draft: the notice, one 督办单 per unit, or both
    #[arg(long, value_enum, default_value_t = crate::render::Kind::Notice)]
    pub kind: crate::render::Kind,

    /// A folder of templates (notice.tera, sheet.tera) used instead of the built-in ones, file by file
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// A rule file, or a folder of *.yaml rule files, instead of the built-in rules
    #[arg(long, value_name = "PATH")]
    pub rules: Option<PathBuf>,

    /// A unit list to use instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub units: Option<PathBuf>,

    /// A phrase file (判断用语) to use instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub phrases: Option<PathBuf>,

    /// The date the figures stand at (YYYY-MM-DD), instead of the period the bulletin states
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,

    /// The notice's date and the date replies are due
    #[command(flatten)]
    pub dates: DateArgs,

    /// The issuing office (default: the bulletin's)
    #[arg(long, value_name = "TEXT")]
    pub issuer: Option<String>,

    /// The notice number, e.g. 督查通报〔2024〕第9期 ({year} is the notice's year); a plain number fills the office's pattern
    #[arg(long, value_name = "TEXT")]
    pub number: Option<String>,

    /// The 主送 line, without its colon (default: the bulletin's, else 各责任单位)
    #[arg(long, value_name = "TEXT")]
    pub addressee: Option<String>,

    /// The layout of a .docx: portable (the default), word, or a preset file
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,

    /// The text encoding, when detection gets it wrong
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// For a folder of bulletins: where to write the drafts, mirroring its sub-folders
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// For a folder: which files to read, by a pattern on their path inside it (default: *.txt, *.docx, *.html)
    #[arg(long, value_name = "PATTERN")]
    pub glob: Option<String>,

    /// For a folder: replace drafts that are already in the output folder
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `duban serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The office folder to use (default: --office, or the current folder when it holds a duban.toml, else the built-in files)
    pub dir: Option<PathBuf>,

    /// The port (default: a free one)
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub port: u16,

    /// Listen on this address instead of 127.0.0.1 (other computers may then open the page)
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<std::net::IpAddr>,

    /// Open the page in the default browser
    #[arg(long)]
    pub open: bool,
}

/// Arguments of `duban init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write rules/, templates/ and presets/ into (created if missing)
    pub dir: PathBuf,

    /// Replace files that are already there
    #[arg(long)]
    pub force: bool,
}

/// `duban rules …`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Check a rule file or folder without reading a bulletin (exit 2 on the first error)
    Lint {
        /// The rule file, or a folder of *.yaml rule files (default: the office's)
        path: Option<PathBuf>,

        /// The phrase file the rules' `statement` families are checked against (default: the built-in one)
        #[arg(long, value_name = "FILE")]
        phrases: Option<PathBuf>,
    },
    /// List the rules in force, with the file and line each is written on
    List {
        /// A rule file or folder instead of the built-in rules
        #[arg(long, value_name = "PATH")]
        rules: Option<PathBuf>,
    },
}

/// How a command prints its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people.
    Text,
    /// For programs.
    Json,
}
