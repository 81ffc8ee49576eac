//! One process at a time: an advisory lock on `DIR/lock`, taken before sled is opened, so a
//! second process gets a sentence naming the first instead of sled's raw lock error.

use crate::store::{Result, StoreError};
use std::fs::{File, TryLockError};
use std::io::Read;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// Room for "pid " and any pid.
const HOLDER_WIDTH: usize = 24;

/// Held for as long as the store is open; the OS releases it when the process dies.
pub struct DirLock {
    _file: File,
}

impl DirLock {
    pub fn acquire(dir: &Path) -> Result<Self> {
        let path = dir.join("lock");
        let io = |source| StoreError::Io {
            context: format!("opening {}", path.display()),
            source,
        };
        let mut file = super::perms::open_private(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let pid = if holder.is_empty() {
                    String::new()
                } else {
                    format!(" ({holder})")
                };
                return Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                    pid,
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        // Say who holds it, for the message above in the other process: one write of a
        // fixed width over the last holder's, so a reader sees one or the other, never an
        // emptied file (truncating first showed "open in another process" with no pid).
        let holder = format!("{:<HOLDER_WIDTH$}", format!("pid {}", std::process::id()));
        file.write_all_at(holder.as_bytes(), 0).map_err(io)?;
        file.set_len(holder.len() as u64).map_err(io)?;
        Ok(Self { _file: file })
    }
}
