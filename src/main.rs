//! rapport's entry point: parse the command line and hand off.

use rapport::event::Stopped;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::from_env();
    match rapport::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The terminal is restored already; only the status says which signal ended the
        // dashboard, as shells expect (143 for SIGTERM).
        Err(error) if error.is::<Stopped>() => ExitCode::from(
            error
                .downcast_ref::<Stopped>()
                .map_or(1, |s| s.exit_status()),
        ),
        // The reader of our output went away (`rapport log acme | head -1`): nothing to say.
        Err(error) if rapport::cli::output::is_stdout_closed(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Not eprintln!: it panics when standard error is gone (a closed tmux pane).
            // User input quoted in the message ("no such client 'x'") has its controls marked.
            let message = format!("rapport: {error:#}");
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                rapport::cli::output::clean(&message)
            );
            ExitCode::FAILURE
        }
    }
}
