//! Whose socket it is. A command sends private notes to whatever answers at the socket's
//! path, so it first makes sure nobody else could have put it there: the directory is the
//! user's and nobody else may write in it, and the process listening runs as the user
//! (SO_PEERCRED, which no other user can fake). The dashboard, making that directory, refuses
//! one it does not own and repairs the modes of one it does.

use rustix::process::getuid;
use std::fs;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::Path;

/// Whether `dir` may hold the user's socket; otherwise why not.
pub fn dir_is_private(dir: &Path) -> Result<(), String> {
    let meta = fs::symlink_metadata(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if !meta.is_dir() {
        return Err(format!("{} is not a directory", dir.display()));
    }
    let owner = meta.uid();
    if owner != getuid().as_raw() {
        return Err(format!(
            "{} belongs to uid {owner}, not to you (uid {}), so its owner could be listening \
             there",
            dir.display(),
            getuid().as_raw()
        ));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(format!(
            "{} is writable by other users (mode {:o}), so anyone could have put a socket there",
            dir.display(),
            meta.mode() & 0o777
        ));
    }
    Ok(())
}

/// Whether the process listening on `stream`'s other end runs as the user; otherwise why not.
pub fn peer_is_me(stream: &UnixStream) -> Result<(), String> {
    let peer = rustix::net::sockopt::socket_peercred(stream)
        .map_err(|e| format!("cannot tell who is listening ({e})"))?;
    let me = getuid();
    if peer.uid == me {
        return Ok(());
    }
    Err(format!(
        "the process listening there (pid {}) runs as uid {}, not as you (uid {}); it is not \
         your dashboard",
        peer.pid.as_raw_nonzero(),
        peer.uid.as_raw(),
        me.as_raw()
    ))
}

/// Makes `dir` ready to hold the dashboard's socket: created private if missing, its modes
/// tightened if it is the user's; refused (with what to do) if it is anything else.
pub fn prepare_dir(dir: &Path) -> anyhow::Result<()> {
    let shown = dir.display();
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| anyhow::anyhow!("cannot create {shown} for rapport's socket: {e}"))?;
            return Ok(());
        }
        Err(e) => anyhow::bail!("cannot look at {shown}, where rapport's socket goes: {e}"),
    };
    if !meta.is_dir() {
        let what = if meta.file_type().is_symlink() {
            "a symlink"
        } else {
            "a file"
        };
        anyhow::bail!(
            "{shown} is {what}, not a directory; rapport keeps the dashboard's socket in it. \
             Move it away or remove it (rm {shown}), then start rapport again."
        );
    }
    if meta.uid() != getuid().as_raw() {
        anyhow::bail!(
            "{shown} belongs to uid {}, not to you (uid {}); rapport will not put its socket \
             where another user could listen instead. Have it removed (rm -r {shown}, as its \
             owner or root), then start rapport again.",
            meta.uid(),
            getuid().as_raw()
        );
    }
    if meta.mode() & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| anyhow::anyhow!("cannot make {shown} private (chmod 700): {e}"))?;
    }
    Ok(())
}

/// Whether `dir` is a runtime directory only the user can write in (as systemd makes
/// `/run/user/UID`); a shared one (a `/tmp`) is not used for the socket.
pub fn runtime_is_private(dir: &Path) -> bool {
    fs::metadata(dir)
        .is_ok_and(|m| m.is_dir() && m.uid() == getuid().as_raw() && m.mode() & 0o022 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::chown;

    #[test]
    fn a_file_in_the_way_is_named_with_what_to_do() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rapport");
        fs::write(&dir, "").unwrap();
        let err = prepare_dir(&dir).unwrap_err().to_string();
        assert!(
            err.contains(&format!("{} is a file", dir.display())),
            "{err}"
        );
        assert!(err.contains("rm "), "{err}");
        assert!(dir_is_private(&dir).is_err());
    }

    #[test]
    fn an_own_dir_open_to_others_is_repaired_and_not_trusted_before() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rapport");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
        let why = dir_is_private(&dir).unwrap_err();
        assert!(why.contains("writable by other users"), "{why}");
        prepare_dir(&dir).unwrap();
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
        assert_eq!(dir_is_private(&dir), Ok(()));
        prepare_dir(&tmp.path().join("new")).unwrap();
        assert_eq!(dir_is_private(&tmp.path().join("new")), Ok(()));
    }

    #[test]
    fn another_users_dir_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rapport");
        fs::create_dir(&dir).unwrap();
        if let Err(e) = chown(&dir, Some(65534), Some(65534)) {
            eprintln!("skipped: cannot give a directory to uid 65534 ({e}); needs root");
            return;
        }
        let err = prepare_dir(&dir).unwrap_err().to_string();
        assert!(err.contains("belongs to uid 65534"), "{err}");
        let why = dir_is_private(&dir).unwrap_err();
        assert!(why.contains("belongs to uid 65534"), "{why}");
        assert!(!runtime_is_private(&dir));
    }
}
