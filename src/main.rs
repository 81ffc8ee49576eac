//! rapport's entry point: parse the command line and hand off.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::parse();
    match rapport::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rapport: {error:#}");
            ExitCode::FAILURE
        }
    }
}
