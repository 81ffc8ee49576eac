//! Confidential client notes: directories 0700, files 0600.

use crate::store::{Result, StoreError};
use std::fs;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Creates `dir` (and parents) private to the user.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| StoreError::Io {
            context: format!("creating {}", dir.display()),
            source,
        })
}

/// Opens (creating, 0600) one of rapport's own files for reading and writing, never through
/// a symlink, and never truncated: a lock file, whose holder writes its pid into it.
pub fn open_private(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
}

/// Makes sure new files sled creates later (snapshots, blobs) are private too. The umask is
/// process-wide, which is what we want for a program whose every file is confidential.
pub fn private_umask() {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Tightens what is already there (a store made by an older build, or copied in). `dir`
/// itself may be a symlink the user made (a data dir on another disk); below it, a symlink is
/// never followed: it points at something the user placed outside on purpose (a `db/` moved
/// to another disk), whose modes are theirs to choose.
pub fn tighten(dir: &Path) -> Result<()> {
    tighten_entry(&dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()))
}

fn tighten_entry(path: &Path) -> Result<()> {
    let io = |source| StoreError::Io {
        context: format!("securing {}", path.display()),
        source,
    };
    // Opened without following a symlink, then changed through the descriptor: a file swapped
    // for a symlink after a look at its name cannot redirect the change.
    let Some(file) = open_no_follow(path).map_err(io)? else {
        return Ok(());
    };
    let meta = file.metadata().map_err(io)?;
    let mode = if meta.is_dir() { 0o700 } else { 0o600 };
    if meta.permissions().mode() & 0o777 != mode {
        file.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(io)?;
    }
    if meta.is_dir() {
        for entry in fs::read_dir(path).map_err(io)? {
            tighten_entry(&entry.map_err(io)?.path())?;
        }
    }
    Ok(())
}

/// A regular file or directory, opened without following symlinks; `None` for a symlink and
/// for anything else (a socket, a fifo), which is left alone.
fn open_no_follow(path: &Path) -> std::io::Result<Option<fs::File>> {
    let kind = fs::symlink_metadata(path)?.file_type();
    if !(kind.is_file() || kind.is_dir()) {
        return Ok(None);
    }
    use rustix::{fs::OFlags, io::Errno};
    let opened = fs::OpenOptions::new()
        .read(true)
        // Never blocks, should a fifo appear in its place meanwhile.
        .custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32)
        .open(path);
    // Replaced by a symlink since the look above (ELOOP), or by a socket (ENXIO).
    let replaced = [Errno::LOOP, Errno::NXIO].map(|e| Some(e.raw_os_error()));
    match opened {
        Ok(file) => Ok(Some(file)),
        Err(e) if replaced.contains(&e.raw_os_error()) => Ok(None),
        Err(e) => Err(e),
    }
}
