//! The `duban` command: parse the arguments, run, report.

use std::process::ExitCode;

use clap::Parser;
use duban::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
