//! Nothing bricked: a command killed at any write while it opens or fills the store, or one
//! that meets a full disk, leaves a store the next command opens, with every acknowledged
//! record and summaries that match the timeline. Killing uses strace's fault injection (a
//! SIGKILL at the Nth call of a syscall) and rapport's own `RAPPORT_CRASH_AFTER_BATCHES` hook.

use crate::common;

use common::Rapport;
use std::path::Path;
use std::process::Command;

/// strace, or a printed reason to skip.
fn strace() -> Option<&'static str> {
    let found = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("SKIPPED: strace is not installed (.ci/run installs it)");
    }
    found.then_some("strace")
}

/// The store opens, and `check` finds no drift.
fn assert_sound(rapport: &Rapport, after: &str) {
    let out = rapport.cmd().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("no drift"),
        "after {after}: check said\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `rapport ARGS` under strace, killed at the `nth` call of `syscall` (in any thread).
fn killed_at(rapport: &Rapport, syscall: &str, nth: u32, args: &[&str]) {
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-o", "/dev/null", "-e"])
        .arg(format!("inject={syscall}:signal=SIGKILL:when={nth}"))
        .arg(env!("CARGO_BIN_EXE_rapport"))
        .arg("--data-dir")
        .arg(rapport.data_dir())
        .args(args)
        .env("XDG_CONFIG_HOME", rapport.path("xdg-config"))
        .env("RAPPORT_NOW", common::NOW)
        .env_remove("RAPPORT_CONFIG");
    cmd.output().unwrap();
}

fn note_ids(rapport: &Rapport) -> Vec<String> {
    rapport.all_event_ids()
}

#[test]
fn a_kill_at_any_write_while_a_command_opens_the_store_leaves_it_openable() {
    let Some(_) = strace() else { return };
    let rapport = Rapport::new().with_two_clients();
    let mut acknowledged = Vec::new();
    let commands: [&[&str]; 2] = [&["client", "list"], &["client", "add", "Gamma KK"]];
    for syscall in ["write", "pwrite64", "fsync", "rename", "ftruncate"] {
        for (nth, command) in (1..=6).flat_map(|nth| commands.map(|c| (nth, c))) {
            // A quick note waits in the inbox, so the open below also takes it in.
            let text = format!("{syscall} {nth}");
            let id = rapport.ok(&["note", "acme", &text, "--kind", "call"]);
            acknowledged.push(id.trim().to_string());
            killed_at(&rapport, syscall, nth, command);
            let after = format!("a kill of {command:?} at {syscall} #{nth}");
            assert_sound(&rapport, &after);
            let stored = note_ids(&rapport);
            let lost: Vec<_> = acknowledged
                .iter()
                .filter(|id| !stored.contains(id))
                .collect();
            assert!(lost.is_empty(), "after {after}: lost {lost:?}");
        }
    }
}

/// Every batch of an import, a demo and an inbox intake is a point where a crash can land.
#[test]
fn a_crash_after_any_batch_of_a_multi_batch_write_leaves_no_drift() {
    let source = Rapport::new();
    source.ok(&["demo"]);
    let file = source.path("demo.jsonl");
    source.ok(&["export", "-o", file.to_str().unwrap()]);
    let import = |batch: u32| {
        let target = Rapport::new();
        let out = target
            .cmd()
            .args(["import", file.to_str().unwrap()])
            .env("RAPPORT_CRASH_AFTER_BATCHES", batch.to_string())
            .output()
            .unwrap();
        (target, !out.status.success())
    };
    let crashed_at = |batch: u32, target: &Rapport| {
        assert_sound(target, &format!("import killed after batch {batch}"));
        // The import, run again, completes what the crash cut short.
        target.ok(&["import", "--merge", file.to_str().unwrap()]);
        assert_sound(target, &format!("import --merge after batch {batch}"));
        assert_eq!(
            target.export().lines().count(),
            source.export().lines().count()
        );
    };
    // Every fifth batch up to the end, then each of the last ones, where the summaries go.
    let mut batch = 1;
    let last = loop {
        match import(batch) {
            (target, true) => crashed_at(batch, &target),
            (_, false) => break batch,
        }
        batch += 5;
    };
    assert!(last > 20, "the import had only {last} batches");
    for batch in last - 5..last {
        if let (target, true) = import(batch) {
            crashed_at(batch, &target);
        }
    }
}

#[test]
fn a_crash_while_the_inbox_is_taken_in_leaves_no_drift() {
    for batch in 1..=3 {
        let rapport = Rapport::new().with_two_clients();
        let mut ids = Vec::new();
        for i in 0..20 {
            let client = if i % 2 == 0 { "acme" } else { "beta" };
            ids.push(rapport.ok(&["note", client, &format!("call: note {i} +1")]));
        }
        let out = rapport
            .cmd()
            .args(["client", "list"])
            .env("RAPPORT_CRASH_AFTER_BATCHES", batch.to_string())
            .output()
            .unwrap();
        assert!(!out.status.success(), "batch {batch} was not reached");
        assert_sound(&rapport, &format!("intake killed after batch {batch}"));
        let stored = note_ids(&rapport);
        assert!(ids.iter().all(|id| stored.contains(&id.trim().to_string())));
    }
}

#[test]
fn an_unfinished_snapshot_is_set_aside_and_said_so() {
    let rapport = Rapport::new().with_two_clients();
    let db = rapport.data_dir().join("db");
    std::fs::write(db.join("snap.FFFFFFFFFFFFFFF0.generating"), b"cut short").unwrap();
    let (out, err) = rapport.ok_full(&["client", "list"]);
    assert!(out.contains("Acme Oy"), "{out}");
    assert!(
        err.contains("set aside") && err.contains("unfinished"),
        "{err}"
    );
    let aside = rapport.data_dir().join("set-aside");
    assert_eq!(std::fs::read_dir(aside).unwrap().count(), 1);
    assert!(!db.join("snap.FFFFFFFFFFFFFFF0.generating").exists());
}

#[test]
fn commands_without_a_dashboard_wait_for_each_others_lock() {
    let rapport = Rapport::new().with_two_clients();
    let failures: Vec<String> = std::thread::scope(|s| {
        let runs: Vec<_> = (0..4)
            .map(|t| {
                let rapport = &rapport;
                s.spawn(move || {
                    let mut failed = Vec::new();
                    for i in 0..12 {
                        let args: Vec<String> = if i % 3 == 0 {
                            ["client", "add", &format!("Client {t}-{i}")]
                                .map(String::from)
                                .into()
                        } else {
                            ["log", "acme"].map(String::from).into()
                        };
                        let out = rapport.cmd().args(&args).output().unwrap();
                        if !out.status.success() {
                            failed.push(String::from_utf8_lossy(&out.stderr).into_owned());
                        }
                    }
                    failed
                })
            })
            .collect();
        runs.into_iter().flat_map(|r| r.join().unwrap()).collect()
    });
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        failures.first()
    );
}

/// A value over sled's blob threshold lives in a file of its own: that file and its directory
/// are fsynced before the command says it saved.
#[test]
fn a_big_value_is_fsynced_with_its_directory_before_it_is_acknowledged() {
    let Some(_) = strace() else { return };
    let source = Rapport::new().with_two_clients();
    source.ok(&["note", "acme", "a note that grows"]);
    let big: String = (0..300 * 1024 / 8).map(|i| format!("w{i:06} ")).collect();
    let export: Vec<String> = source
        .export()
        .lines()
        .map(|line| {
            let mut record: serde_json::Value = serde_json::from_str(line).unwrap();
            if record["type"] == "event" {
                record["text"] = big.clone().into();
            }
            record.to_string()
        })
        .collect();
    let file = source.path("big.jsonl");
    std::fs::write(&file, export.join("\n") + "\n").unwrap();
    let rapport = Rapport::new();
    let trace = rapport.path("trace");
    let mut cmd = Command::new("strace");
    cmd.args([
        "-f",
        "-y",
        "-s",
        "64",
        "-e",
        "trace=openat,fsync,fdatasync,write",
        "-o",
    ])
    .arg(&trace)
    .arg(env!("CARGO_BIN_EXE_rapport"))
    .arg("--data-dir")
    .arg(rapport.data_dir())
    .arg("import")
    .arg(&file)
    .env("XDG_CONFIG_HOME", rapport.path("xdg-config"))
    .env("RAPPORT_NOW", common::NOW);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 events"));
    let trace = std::fs::read_to_string(trace).unwrap();
    let lines: Vec<&str> = trace.lines().collect();
    let acknowledged = lines
        .iter()
        .position(|l| l.contains("write(1<"))
        .expect("the command wrote its acknowledgement to stdout");
    let blobs = rapport.data_dir().join("db").join("blobs");
    let blobs = blobs.to_str().unwrap();
    let before = &lines[..acknowledged];
    let synced_blob = before
        .iter()
        .any(|l| l.contains("fsync(") && l.contains(&format!("{blobs}/")));
    let synced_dir = before
        .iter()
        .any(|l| l.contains("fsync(") && l.contains(&format!("{blobs}>")));
    assert!(
        synced_blob && synced_dir,
        "no fsync of a blob and its directory before:\n{}",
        before.join("\n")
    );
}

/// Mounts a small tmpfs for the full-disk test, or says why not.
fn small_disk(at: &Path) -> Option<Mount> {
    std::fs::create_dir_all(at).unwrap();
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(at)
        .output();
    match out {
        Ok(out) if out.status.success() => Some(Mount(at.to_path_buf())),
        Ok(out) => {
            println!(
                "SKIPPED: cannot mount a small tmpfs here ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            None
        }
        Err(e) => {
            println!("SKIPPED: cannot run mount ({e})");
            None
        }
    }
}

struct Mount(std::path::PathBuf);

impl Mount {
    fn grow(&self) {
        let out = Command::new("mount")
            .args(["-o", "remount,size=64m"])
            .arg(&self.0)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_ends_every_command_with_a_clear_message_and_bricks_nothing() {
    let rapport = Rapport::new();
    let Some(disk) = small_disk(&rapport.data_dir()) else {
        return;
    };
    rapport.ok(&["client", "add", "Acme Oy", "--alias", "acme"]);
    let big: String = (0..40_000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    let mut acknowledged = Vec::new();
    let mut full = None;
    for i in 0..200 {
        // Quick notes, and every few a command that opens the database and takes them in.
        let args: Vec<String> = if i % 4 == 3 {
            ["client", "list"].map(String::from).into()
        } else {
            ["note", "acme", &format!("note {i} {big}")]
                .map(String::from)
                .into()
        };
        let out = rapport
            .cmd()
            .args(&args)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("panicked"), "{stderr}");
        if out.status.success() {
            if args[0] == "note" {
                acknowledged.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
            }
        } else {
            assert!(
                out.status.code().is_some(),
                "{args:?} was killed (a hang?): {stderr}"
            );
            full = Some(stderr);
            break;
        }
    }
    let full = full.expect("the disk never filled");
    assert!(
        full.contains("disk holding") && full.contains("is full"),
        "{full}"
    );
    // Every other command says the same, within the timeout, rather than hanging.
    for args in [&["client", "list"][..], &["log", "acme"], &["check"]] {
        let out = rapport
            .cmd()
            .args(args)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            out.status.code().is_some(),
            "{args:?} hung or was killed: {stderr}"
        );
    }
    disk.grow();
    assert_sound(&rapport, "the disk was freed");
    let stored = note_ids(&rapport);
    let lost: Vec<_> = acknowledged
        .iter()
        .filter(|id| !stored.contains(id))
        .collect();
    assert!(lost.is_empty(), "lost {lost:?}");
}
