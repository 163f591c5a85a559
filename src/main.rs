//! The `duban` command: choose the language, parse the arguments, run, report.

use std::process::ExitCode;

use clap::FromArgMatches;
use duban::cli::Cli;
use duban::lang::{ENV, Lang};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = Lang::chosen(&args, std::env::var(ENV).ok().as_deref());
    lang.set();
    let cli = match duban::cli::command(lang).try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(error) if error.use_stderr() => {
            eprint!("{}", duban::cli::parse_error(&error));
            return ExitCode::from(2);
        }
        Err(error) => {
            // --help and --version: on standard output, exit 0.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
    };
    match duban::run(cli) {
        Ok(duban::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(duban::Outcome::Findings) => ExitCode::from(1),
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            eprint!("{}", error.render());
            ExitCode::from(2)
        }
    }
}
