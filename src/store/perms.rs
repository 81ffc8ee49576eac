//! Confidential client notes: directories 0700, files 0600.

use super::{Result, StoreError};
use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
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

/// Makes sure new files sled creates later (snapshots, blobs) are private too. The umask is
/// process-wide, which is what we want for a program whose every file is confidential.
pub fn private_umask() {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Tightens what is already there (a store made by an older build, or copied in).
pub fn tighten(dir: &Path) -> Result<()> {
    let io = |path: &Path, source| StoreError::Io {
        context: format!("securing {}", path.display()),
        source,
    };
    let meta = fs::symlink_metadata(dir).map_err(|e| io(dir, e))?;
    let mode = if meta.is_dir() { 0o700 } else { 0o600 };
    if meta.permissions().mode() & 0o777 != mode {
        fs::set_permissions(dir, fs::Permissions::from_mode(mode)).map_err(|e| io(dir, e))?;
    }
    if meta.is_dir() {
        for entry in fs::read_dir(dir).map_err(|e| io(dir, e))? {
            tighten(&entry.map_err(|e| io(dir, e))?.path())?;
        }
    }
    Ok(())
}
