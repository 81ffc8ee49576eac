//! `-o FILE` never tears FILE: a failed export leaves the previous backup byte for byte, a
//! good one replaces it, and no temporary file is left behind either way.

use crate::common;

use common::Rapport;
use serde_json::json;
use std::os::unix::fs::PermissionsExt;

/// A store with a 3 MB note, so an export of it is bigger than the file size limit below.
fn with_a_big_note() -> Rapport {
    let r = Rapport::new().with_two_clients();
    let event = json!({"type":"event","id":"01KB00000000000000000000E1",
        "client":common::ACME_ID,"people":[],"at":"2026-11-01T10:00:00Z","kind":"note",
        "text":"x".repeat(3_000_000),"tags":[],"trust":0,"private":false,"minutes":null,
        "billed":false,"promise":null,"resolves":null,"created":"2026-11-01T10:00:00Z","deleted":null});
    let header = json!({"type":"header","format":"rapport","version":1});
    let file = r.path("big.jsonl");
    std::fs::write(&file, format!("{header}\n{event}\n")).unwrap();
    r.ok(&["import", "--merge", file.to_str().unwrap()]);
    r
}

/// The names in `dir`, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_disk_midway_leaves_the_old_backup_untouched() {
    let r = with_a_big_note();
    let out = r.path("out");
    std::fs::create_dir(&out).unwrap();
    let backup = out.join("backup.jsonl");
    std::fs::write(&backup, "the previous backup\n").unwrap();
    // A 2 MB file size limit stands in for a full disk: the write fails with EFBIG halfway.
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", r#"ulimit -f 2048; trap "" XFSZ; exec "$0" "$@""#])
        .arg(env!("CARGO_BIN_EXE_rapport"))
        .arg("--data-dir")
        .arg(r.data_dir())
        .args(["export", "-o"])
        .arg(&backup)
        .env("RAPPORT_NOW", common::NOW)
        .env("HOME", r.path("home"))
        .env("XDG_CONFIG_HOME", r.path("xdg-config"));
    let result = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success(), "the export should fail: {stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert_eq!(std::fs::read(&backup).unwrap(), b"the previous backup\n");
    assert_eq!(names(&out), ["backup.jsonl"], "no temp file left");
}

#[test]
fn a_target_that_cannot_be_replaced_is_left_alone() {
    let r = Rapport::new().with_two_clients();
    let target = r.path("backup.jsonl");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "kept").unwrap();
    for args in [
        vec!["export", "-o"],
        vec!["report", "acme", "-o"],
        vec!["person", "export", "acme", "-o"],
        vec!["agenda", "--ics"],
    ] {
        let mut args = args.clone();
        args.push(target.to_str().unwrap());
        let stderr = r.fails(&args);
        assert!(stderr.contains("backup.jsonl"), "{args:?}: {stderr}");
        assert_eq!(names(&target), ["keep"]);
        assert_eq!(std::fs::read(target.join("keep")).unwrap(), b"kept");
    }
    let leftovers: Vec<_> = names(r.root())
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn a_good_export_replaces_the_file_private() {
    let r = Rapport::new().with_two_clients();
    let backup = r.path("backup.jsonl");
    std::fs::write(&backup, "old").unwrap();
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o644)).unwrap();
    r.ok(&["export", "-o", backup.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), r.export());
    let mode = std::fs::metadata(&backup).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let report = r.path("report.md");
    r.ok(&["report", "acme", "-o", report.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .contains("Acme Oy"));
}
