//! rapport's entry point: parse the command line and hand off.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::parse();
    match rapport::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Not eprintln!: it panics when standard error is gone (a closed tmux pane).
            let _ = writeln!(std::io::stderr(), "rapport: {error:#}");
            ExitCode::FAILURE
        }
    }
}
