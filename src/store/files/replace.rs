//! Replacing a small file of the store (names, overview) so that a reader sees the old or the
//! new content, never half of one: write beside it, then rename over it.

use crate::store::{Result, StoreError};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// How much a replacement must survive.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Synced before and after the rename: it survives power loss.
    Synced,
    /// A cache: losing it to a power cut only costs a slower start.
    Cache,
}

pub fn replace(dir: &Path, name: &str, bytes: &[u8], durability: Durability) -> Result<()> {
    stage(dir, name, bytes, durability)?;
    publish(dir, name, durability)
}

/// The first half of [`replace`]: the new content written beside the file (`NAME.new`),
/// not yet in its place. Whoever stages must be the only one writing `NAME.new`.
pub fn stage(dir: &Path, name: &str, bytes: &[u8], durability: Durability) -> Result<()> {
    let path = dir.join(name);
    let temp = dir.join(format!("{name}.new"));
    let io = |source| StoreError::io("writing", &path, source);
    // Not through a symlink someone planted at the temporary name.
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(&temp)
        .map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    if durability == Durability::Synced {
        file.sync_all().map_err(io)?;
    }
    Ok(())
}

/// The second half of [`replace`]: what [`stage`] wrote takes the file's place, atomically.
pub fn publish(dir: &Path, name: &str, durability: Durability) -> Result<()> {
    let path = dir.join(name);
    let temp = dir.join(format!("{name}.new"));
    let io = |source| StoreError::io("writing", &path, source);
    fs::rename(&temp, &path).map_err(io)?;
    if durability == Durability::Synced {
        File::open(dir).and_then(|d| d.sync_all()).map_err(io)?;
    }
    Ok(())
}
