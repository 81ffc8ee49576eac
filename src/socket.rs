//! The running dashboard's socket. The dashboard owns the store (sled allows one process), so
//! while it runs, other `rapport` commands reach the store through it: a Unix socket in the
//! user's runtime directory (private: 0700 directory, 0600 socket, peers of another uid are
//! refused). Each connection carries calls of the [`Store`](crate::store::Store) trait, one
//! JSON line each way, so every command works unchanged against [`Remote`].

mod calls;
mod protocol;
mod remote;
mod server;
mod trust;

pub use calls::{Call, Forward};
pub use protocol::{Framing, Hello, Touched, WireError, VERSION};
pub use remote::{Link, NotUsed, Remote, LINK_BUFFER};
pub use server::{answer_all, serve, Serving};

use std::path::{Path, PathBuf};

/// Where the dashboard for the store in `data_dir` listens: `$XDG_RUNTIME_DIR/rapport/` when
/// there is a private runtime directory, else the (private) data directory itself.
pub fn path(data_dir: &Path) -> PathBuf {
    path_in(
        std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
        data_dir,
    )
}

/// As [`path`], with `runtime` for `$XDG_RUNTIME_DIR`. A runtime directory others may write
/// in (shared, like `/tmp`) is passed over: whoever else can write there could take the name
/// first.
pub fn path_in(runtime: Option<PathBuf>, data_dir: &Path) -> PathBuf {
    let canonical = data_dir
        .canonicalize()
        .unwrap_or_else(|_| data_dir.to_path_buf());
    match runtime {
        Some(runtime) if runtime.is_absolute() && trust::runtime_is_private(&runtime) => {
            runtime.join("rapport").join(format!(
                "{:016x}.sock",
                fnv1a(canonical.as_os_str().as_encoded_bytes())
            ))
        }
        _ => canonical.join("socket"),
    }
}

/// A stable hash (unlike std's, which may change between Rust releases): the dashboard and a
/// command built by another rapport version must agree on the name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_is_per_store_and_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        assert_ne!(path(a.path()), path(b.path()));
        assert_eq!(path(a.path()), path(a.path()));
    }

    #[test]
    fn a_runtime_dir_others_can_write_in_is_passed_over() {
        use std::os::unix::fs::PermissionsExt;
        let data = tempfile::tempdir().unwrap();
        let runtime = tempfile::tempdir().unwrap();
        let private = path_in(Some(runtime.path().into()), data.path());
        assert!(
            private.starts_with(runtime.path().join("rapport")),
            "{private:?}"
        );
        let shared = std::fs::Permissions::from_mode(0o1777);
        std::fs::set_permissions(runtime.path(), shared).unwrap();
        let data_dir = data.path().canonicalize().unwrap();
        let fallback = path_in(Some(runtime.path().into()), data.path());
        assert_eq!(fallback, data_dir.join("socket"));
    }
}
