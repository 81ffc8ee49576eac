//! [`StoreError`]: what can go wrong below the command line, whatever the backend.

use std::path::{Path, PathBuf};

/// What can go wrong below the command line, each with a sentence a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the rapport store in {dir} is open in another process{pid}.\n\
         Close that rapport (or wait for it to finish) and try again."
    )]
    Locked { dir: PathBuf, pid: String },
    #[error(
        "the rapport store in {dir} was written by a newer rapport (schema {found}; this rapport \
         reads up to {supported}).\nUpgrade rapport to open it; the store was left untouched."
    )]
    TooNew {
        dir: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "the rapport store in {dir} could not be read: {detail}.\nrapport changed nothing in \
         it. Keep a copy of the directory; run `rapport check` for details; only if the files \
         are damaged beyond what rapport set aside, restore it from an export."
    )]
    Corrupt { dir: PathBuf, detail: String },
    #[error("a client named or aliased '{0}' already exists")]
    NameTaken(String),
    #[error("no such {what}: {id}")]
    Missing { what: &'static str, id: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error(
        "the disk holding {place} is full: what this command was writing is not saved \
         (everything saved before is safe).\nFree some space and run it again."
    )]
    DiskFull { place: PathBuf },
    /// An error of the storage engine that none of the above says better; the engine's own
    /// error is kept as its source, whatever the engine.
    #[error("storage engine error in {dir}: {source}")]
    Engine {
        dir: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// An error the dashboard's store gave to a command that reached it through its socket.
    #[error("{0}")]
    Remote(String),
}

impl StoreError {
    /// An I/O error on `path`, or a full disk said as such.
    pub fn io(what: &str, path: &Path, source: std::io::Error) -> Self {
        if is_disk_full(&source) {
            StoreError::DiskFull {
                place: path.parent().unwrap_or(path).to_path_buf(),
            }
        } else {
            StoreError::Io {
                context: format!("{what} {}", path.display()),
                source,
            }
        }
    }
}

/// True when `e` says the disk is full.
pub(crate) fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.raw_os_error() == Some(28)
        // sled sometimes re-wraps the error as text.
        || e.to_string().contains("code: 28")
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
