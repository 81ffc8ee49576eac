//! The permission pass on opening the store tightens the store's own files and never follows
//! a symlink out of it.

use crate::common;
use common::Rapport;
use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn symlinked_db_and_files_keep_their_targets_modes_and_work() {
    let r = Rapport::new();
    r.ok(&["client", "add", "Acme Oy", "--alias", "acme"]);
    // The db moved to another disk and symlinked back, as a user would.
    let elsewhere = r.path("other-disk");
    fs::create_dir(&elsewhere).unwrap();
    let moved = elsewhere.join("db");
    fs::rename(r.data_dir().join("db"), &moved).unwrap();
    fs::set_permissions(&moved, fs::Permissions::from_mode(0o755)).unwrap();
    symlink(&moved, r.data_dir().join("db")).unwrap();
    let shared = r.path("shared.txt");
    fs::write(&shared, "not rapport's").unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o644)).unwrap();
    symlink(&shared, r.data_dir().join("readme.txt")).unwrap();
    // A file of the store's own is still tightened.
    let own = r.data_dir().join("stray");
    fs::write(&own, "").unwrap();
    fs::set_permissions(&own, fs::Permissions::from_mode(0o644)).unwrap();

    r.ok(&["note", "acme", "call: after the move"]);
    let listed = r.ok(&["client", "list"]);
    assert!(listed.contains("Acme Oy"), "{listed}");
    assert_eq!(r.log("acme", &[]).len(), 1);
    assert_eq!(
        mode(&moved),
        0o755,
        "the symlinked db's target is untouched"
    );
    assert_eq!(
        mode(&shared),
        0o644,
        "the symlinked file's target is untouched"
    );
    assert_eq!(mode(&own), 0o600);
    assert!(fs::symlink_metadata(r.data_dir().join("db"))
        .unwrap()
        .file_type()
        .is_symlink());
}
