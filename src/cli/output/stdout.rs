//! Standard output that fails instead of panicking. `println!` panics when the reader went away
//! (`rapport log acme | head -1`); these writers return the error, marked [`StdoutClosed`] when
//! it is a closed pipe, so `main` can end quietly. Only standard output is marked: a broken
//! pipe to the dashboard's socket is still an error the user must see.

use super::safe;
use std::io::{self, Write};

/// The reader of standard output went away: the command ends quietly (exit 0).
#[derive(Debug, thiserror::Error)]
#[error("standard output was closed")]
pub struct StdoutClosed;

/// True when `error` (or anything it wraps) is standard output closing.
pub fn is_stdout_closed(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.is::<StdoutClosed>()
            || cause
                .downcast_ref::<io::Error>()
                .and_then(|e| e.get_ref())
                .is_some_and(|inner| inner.is::<StdoutClosed>())
    })
}

/// Standard output for exact bytes (JSON, exports, calendars): a broken pipe comes back as an
/// `io::Error` carrying [`StdoutClosed`].
pub struct Stdout(io::StdoutLock<'static>);

/// Locks standard output for exact bytes.
pub fn stdout() -> Stdout {
    Stdout(io::stdout().lock())
}

fn mark(error: io::Error) -> io::Error {
    if error.kind() == io::ErrorKind::BrokenPipe {
        io::Error::new(io::ErrorKind::BrokenPipe, StdoutClosed)
    } else {
        error
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(mark)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(mark)
    }
}

/// Writes `text` exactly, then flushes.
pub fn raw(text: &str) -> anyhow::Result<()> {
    let mut out = stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes human output: user data inside it has its control characters marked (see `safe`).
pub fn human(text: &str) -> anyhow::Result<()> {
    raw(&safe::clean(text))
}

/// A warning or note on standard error, controls marked; a closed stderr is ignored (the
/// command's work is done or its error is on the way).
pub fn warn(text: &str) {
    let _ = writeln!(io::stderr(), "{}", safe::clean(text));
}
