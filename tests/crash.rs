//! Nothing acknowledged is lost: a writer saves notes in a loop and prints each id only after
//! `rapport note` reported it saved; we SIGKILL the whole writer at random moments, reopen, and
//! every printed id must be in the store, with summaries that match the timeline.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn rapport(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
    cmd.arg("--data-dir")
        .arg(data)
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .env_remove("RAPPORT_CONFIG");
    cmd
}

fn stored_ids(data: &Path) -> HashSet<String> {
    let out = rapport(data)
        .args(["log", "acme", "--limit", "1000000", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "log failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    events
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `command` (a shell snippet using $i) in a loop until killed at a random moment; returns
/// the lines it printed in full, which `keep` picks out.
fn write_until_killed(
    data: &Path,
    command: &str,
    kill_after: Duration,
    keep: fn(&str) -> bool,
) -> Vec<String> {
    let script = format!("i=0; while :; do {command} || exit 1; i=$((i+1)); done");
    let mut child = Command::new("sh")
        .args(["-c", &script])
        .env("RAPPORT", env!("CARGO_BIN_EXE_rapport"))
        .env("DATA", data)
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut ids = Vec::new();
        let mut lines = BufReader::new(stdout);
        let mut line = String::new();
        // Only whole lines count: a line cut by the kill was never acknowledged.
        while lines.read_line(&mut line).unwrap_or(0) > 0 {
            if line.ends_with('\n') && keep(line.trim()) {
                ids.push(line.trim().to_string());
                let _ = tx.send(());
            }
            line.clear();
        }
        ids
    });
    // Let at least one note land, then kill at a random moment.
    rx.recv_timeout(Duration::from_secs(30))
        .expect("the writer saved nothing");
    std::thread::sleep(kill_after);
    let pgid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
    rustix::process::kill_process_group(pgid, rustix::process::Signal::KILL).unwrap();
    child.wait().unwrap();
    reader.join().unwrap()
}

#[test]
fn acknowledged_notes_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let added = rapport(&data)
        .args(["client", "add", "Acme Oy", "--alias", "acme"])
        .output()
        .unwrap();
    assert!(added.status.success());
    let seed = fastrand::u64(..);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut acknowledged = Vec::new();
    for round in 0..6 {
        let kill_after = Duration::from_millis(rng.u64(20..400));
        let note = format!("\"$RAPPORT\" --data-dir \"$DATA\" note acme \"round {round} note $i 日本語 ✓\" --kind call");
        acknowledged.extend(write_until_killed(&data, &note, kill_after, |line| {
            line.len() == 26
        }));
        let stored = stored_ids(&data);
        let lost: Vec<&String> = acknowledged
            .iter()
            .filter(|id| !stored.contains(*id))
            .collect();
        assert!(
            lost.is_empty(),
            "seed {seed}, round {round}: lost acknowledged notes {lost:?}"
        );
    }
    assert!(
        acknowledged.len() >= 6,
        "too few writes to mean anything: {}",
        acknowledged.len()
    );
    let check = rapport(&data).arg("check").output().unwrap();
    assert!(
        check.status.success(),
        "seed {seed}: {}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("no drift"));
}

/// The same for writes that go straight to the database (not through the inbox): clients.
#[test]
fn acknowledged_clients_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let seed = fastrand::u64(..);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut acknowledged = Vec::new();
    for round in 0..5 {
        let kill_after = Duration::from_millis(rng.u64(20..400));
        let add =
            format!("\"$RAPPORT\" --data-dir \"$DATA\" client add \"Client {round}-$i 株式会社\"");
        let lines = write_until_killed(&data, &add, kill_after, |line| {
            line.starts_with("added client ")
        });
        acknowledged.extend(lines.iter().map(|l| {
            l.trim_start_matches("added client ")
                .rsplit_once(" (")
                .unwrap()
                .0
                .to_string()
        }));
        let out = rapport(&data)
            .args(["client", "list", "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "seed {seed}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let clients: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        let stored: HashSet<&str> = clients
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        let lost: Vec<&String> = acknowledged
            .iter()
            .filter(|n| !stored.contains(n.as_str()))
            .collect();
        assert!(
            lost.is_empty(),
            "seed {seed}, round {round}: lost acknowledged clients {lost:?}"
        );
    }
    assert!(
        acknowledged.len() >= 5,
        "too few writes to mean anything: {}",
        acknowledged.len()
    );
}
