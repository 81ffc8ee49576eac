//! Shared harness for the command-line integration tests: every test gets its own temporary
//! home with the store in `<tmp>/data`, a pinned clock and no access to the user's real config.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

/// The moment the binary believes it is (`RAPPORT_NOW`): Monday 2026-11-23, noon UTC.
pub const NOW: &str = "2026-11-23T12:00:00Z";

/// A throwaway rapport installation.
pub struct Rapport {
    tmp: TempDir,
}

impl Default for Rapport {
    fn default() -> Self {
        Self::new()
    }
}

impl Rapport {
    pub fn new() -> Self {
        Self {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The temporary directory everything lives in.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the temporary directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// The store's data dir.
    pub fn data_dir(&self) -> PathBuf {
        self.path("data")
    }

    /// `$XDG_CONFIG_HOME/rapport/config.toml` as the binary sees it.
    pub fn default_config_path(&self) -> PathBuf {
        self.path("xdg-config").join("rapport").join("config.toml")
    }

    /// The binary, isolated from the environment, without a data dir.
    pub fn bare_cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("rapport").expect("the rapport binary");
        // A hung run (a deadlock, a lock never released) fails the test instead of the suite.
        cmd.timeout(Duration::from_secs(60))
            .current_dir(self.root())
            .env("RAPPORT_NOW", NOW)
            .env("TZ", "UTC")
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("xdg-config"))
            .env("XDG_DATA_HOME", self.path("xdg-data"))
            .env("NO_COLOR", "1")
            .env_remove("RAPPORT_CONFIG")
            .env_remove("RAPPORT_DATA_DIR");
        cmd
    }

    /// The binary on this installation's store.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare_cmd();
        cmd.arg("--data-dir").arg(self.data_dir());
        cmd
    }

    /// Runs `args`, asserts success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_full(args).0
    }

    /// Runs `args`, asserts success, returns (stdout, stderr).
    pub fn ok_full(&self, args: &[&str]) -> (String, String) {
        run_ok(self.cmd().args(args), args)
    }

    /// Runs `args`, asserts failure without a panic, returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        run_fails(self.cmd().args(args), args)
    }

    /// Runs `args` (which should include `--json`) and parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("rapport {args:?}: not JSON ({e}):\n{out}"))
    }

    /// `client list --all --json`, in the binary's order.
    pub fn clients(&self) -> Vec<Value> {
        as_array(self.json(&["client", "list", "--all", "--json"]))
    }

    /// One row of `client list --all --json`, by exact name.
    pub fn client(&self, name: &str) -> Value {
        self.clients()
            .into_iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no client named {name} in `client list --json`"))
    }

    /// `log CLIENT --json` plus any extra arguments (with a high `--limit` unless they set one).
    pub fn log(&self, client: &str, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["log", client, "--json"];
        if !extra.iter().any(|a| *a == "--limit" || *a == "-n") {
            args.extend(["--limit", "1000"]);
        }
        args.extend_from_slice(extra);
        as_array(self.json(&args))
    }

    /// Person name → id, for everybody.
    pub fn person_ids(&self) -> BTreeMap<String, String> {
        as_array(self.json(&["person", "list", "--json"]))
            .into_iter()
            .map(|p| (str_of(&p["name"]), str_of(&p["id"])))
            .collect()
    }

    /// The whole store as JSON Lines (`export` to stdout).
    pub fn export(&self) -> String {
        self.ok(&["export"])
    }

    /// Every event id in the store, removed ones included.
    pub fn all_event_ids(&self) -> Vec<String> {
        self.export()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("export line is JSON"))
            .filter(|r| r["type"] == "event")
            .map(|r| str_of(&r["id"]))
            .collect()
    }

    /// The default config, parsed.
    pub fn default_config(&self) -> toml::Table {
        let text = self.ok(&["config", "--default"]);
        text.parse().expect("`config --default` parses as TOML")
    }

    /// An integer from the default config, by dotted path (`trust.deltas.call`).
    pub fn default_config_int(&self, dotted: &str) -> i64 {
        let table = self.default_config();
        let mut value = &toml::Value::Table(table.clone());
        for key in dotted.split('.') {
            value = value
                .get(key)
                .unwrap_or_else(|| panic!("default config has no {dotted}"));
        }
        value
            .as_integer()
            .unwrap_or_else(|| panic!("{dotted} is not an integer"))
    }

    /// A client "Acme Oy" (alias acme) with Mikko Virtanen and Anna Berg, and a client
    /// "Beta AB" (alias beta) with Lars Holm. Loaded with one `import` (each run of the binary
    /// costs a store open, so fixtures are imported rather than typed in).
    pub fn with_two_clients(self) -> Self {
        let file = self.path("fixture.jsonl");
        std::fs::write(&file, FIXTURE).expect("write fixture");
        let out = self.ok(&["import", file.to_str().expect("UTF-8 path")]);
        assert_eq!(out.trim(), "imported 2 clients, 3 people, 0 events");
        self
    }
}

impl Rapport {
    /// The insight fixture (`tests/fixtures/insight.jsonl`): Acme Oy (every 14 days, quiet
    /// for 41, an overdue promise, unbilled advice, a private note), Beta AB (its 30 days
    /// reached exactly today, a promise due in 3 days), Gamma KK (ambient, a Japanese
    /// manager and a promise due in December) and Old Ltd (former, an overdue promise).
    pub fn with_insight_world(self) -> Self {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/insight.jsonl");
        let out = self.ok(&["import", file]);
        assert_eq!(out.trim(), "imported 4 clients, 4 people, 10 events");
        self
    }
}

pub const ACME_ID: &str = "01KA0000000000000000000001";
pub const BETA_ID: &str = "01KA0000000000000000000002";
pub const MIKKO_ID: &str = "01KA0000000000000000000011";
pub const ANNA_ID: &str = "01KA0000000000000000000012";
pub const LARS_ID: &str = "01KA0000000000000000000013";

const FIXTURE: &str = r#"{"type":"header","format":"rapport","version":1}
{"type":"client","id":"01KA0000000000000000000001","name":"Acme Oy","alias":"acme","state":"active","cadence_days":30,"style":"periodic","snooze_until":null,"tags":[],"concerns":[],"archived":false,"created":"2026-11-01T09:00:00Z"}
{"type":"client","id":"01KA0000000000000000000002","name":"Beta AB","alias":"beta","state":"active","cadence_days":30,"style":"periodic","snooze_until":null,"tags":[],"concerns":[],"archived":false,"created":"2026-11-01T09:00:00Z"}
{"type":"person","id":"01KA0000000000000000000011","client":"01KA0000000000000000000001","name":"Mikko Virtanen","title":null,"role":"gatekeeper","stance":"neutral","channel":"email","email":null,"phone":null,"time_zone":null,"facts":[],"created":"2026-11-01T09:00:00Z"}
{"type":"person","id":"01KA0000000000000000000012","client":"01KA0000000000000000000001","name":"Anna Berg","title":null,"role":"manager","stance":"neutral","channel":"email","email":null,"phone":null,"time_zone":null,"facts":[],"created":"2026-11-01T09:00:00Z"}
{"type":"person","id":"01KA0000000000000000000013","client":"01KA0000000000000000000002","name":"Lars Holm","title":null,"role":"other","stance":"neutral","channel":"email","email":null,"phone":null,"time_zone":null,"facts":[],"created":"2026-11-01T09:00:00Z"}
"#;

/// Runs a prepared command, asserts success, returns (stdout, stderr).
pub fn run_ok(cmd: &mut Command, what: &[&str]) -> (String, String) {
    let out = cmd.output().expect("run rapport");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(
        out.status.success(),
        "rapport {what:?} failed ({}):\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status
    );
    assert!(
        !stderr.contains("panicked"),
        "rapport {what:?} panicked:\n{stderr}"
    );
    (stdout, stderr)
}

/// Runs a prepared command, asserts it fails with a message and without a panic; returns stderr.
pub fn run_fails(cmd: &mut Command, what: &[&str]) -> String {
    let out = cmd.output().expect("run rapport");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "rapport {what:?} should have failed:\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        out.status.code().is_some(),
        "rapport {what:?} was killed ({}), it did not fail by itself:\n{stderr}",
        out.status
    );
    assert!(
        !stderr.contains("panicked"),
        "rapport {what:?} panicked:\n{stderr}"
    );
    assert!(
        !stderr.trim().is_empty(),
        "rapport {what:?} failed without a message"
    );
    stderr
}

/// The elements of a JSON array (panics on anything else).
pub fn as_array(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        other => panic!("expected a JSON array, got {other}"),
    }
}

/// A JSON string's contents (panics on anything else).
pub fn str_of(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("expected a JSON string, got {value}"))
        .to_string()
}

/// True for a 26-character Crockford base32 ULID.
pub fn is_ulid(text: &str) -> bool {
    text.len() == 26
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c)))
}

/// The shortest prefix (at least 4 characters) of `id` that no other id shares.
pub fn unique_prefix(id: &str, all: &[String]) -> String {
    (4..=id.len())
        .map(|n| &id[..n])
        .find(|p| all.iter().filter(|other| other.starts_with(p)).count() == 1)
        .expect("ids are unique")
        .to_string()
}

/// The line of `text` that contains `needle`, by index (panics when absent).
pub fn line_index(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line contains {needle:?} in:\n{text}"))
}

/// The contents of every file under `dir` (relative path → bytes), skipping `skip`.
pub fn snapshot(dir: &Path, skip: &[&str]) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for path in walk(dir) {
        let relative = path.strip_prefix(dir).expect("under dir").to_path_buf();
        if path.is_file() && !skip.iter().any(|s| relative == Path::new(s)) {
            files.insert(relative, std::fs::read(&path).expect("read store file"));
        }
    }
    files
}

/// Every path under `dir` (not `dir` itself), depth first.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("dir entry").path();
        out.push(path.clone());
        if path.is_dir() {
            out.extend(walk(&path));
        }
    }
    out
}

/// The line of `text` that contains `needle`.
#[allow(dead_code)]
pub fn line_of<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines().nth(line_index(text, needle)).unwrap()
}
