//! [`Reserved`]: a store directory locked for this process before its database is opened.

use crate::store::files::lock::DirLock;
use crate::store::files::perms;
use crate::store::sled::migrate;
use crate::store::{Result, StoreError};
use std::path::{Path, PathBuf};

/// A store directory this process holds the lock of, checked to be readable by this rapport,
/// and not yet opened: taking it is cheap, opening the database is not.
pub struct Reserved {
    pub(super) dir: PathBuf,
    /// `None` in the dashboard's store process, whose parent holds the lock for it.
    pub(super) lock: Option<DirLock>,
}

impl Reserved {
    /// Like [`Reserved::take`], but a lock that is let go of within `patience` is waited for:
    /// a dashboard closed a moment ago may still be finishing.
    pub fn take_patiently(dir: &Path, patience: std::time::Duration) -> Result<Self> {
        let deadline = std::time::Instant::now() + patience;
        loop {
            match Self::take(dir) {
                Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                taken => return taken,
            }
        }
    }

    pub fn take(dir: &Path) -> Result<Self> {
        perms::private_umask();
        perms::create_private_dir(dir)?;
        migrate::check_guard(dir)?;
        let lock = DirLock::acquire(dir)?;
        // Again under the lock: another rapport may have upgraded the store in between.
        migrate::check_guard(dir)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            lock: Some(lock),
        })
    }

    /// The store process's reservation: its parent, the dashboard, holds the lock (and has
    /// checked the schema under it), so the lock is taken here only if nobody holds it.
    pub fn for_parent(dir: &Path) -> Result<Self> {
        let lock = match DirLock::acquire(dir) {
            Ok(lock) => Some(lock),
            Err(StoreError::Locked { .. }) => None,
            Err(e) => return Err(e),
        };
        migrate::check_guard(dir)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
