//! `rapport config`, `--config` and `RAPPORT_CONFIG` against the real binary.

use crate::common;

use common::{run_fails, run_ok, Rapport};

/// Writes `text` to a config file in the temp dir and returns its path as a string.
fn config_file(r: &Rapport, name: &str, text: &str) -> String {
    let path = r.path(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn the_default_config_is_commented_toml() {
    let r = Rapport::new();
    let text = r.ok(&["config", "--default"]);
    assert!(text.contains("default_cadence_days"), "{text}");
    assert!(text.lines().any(|l| l.starts_with('#')), "it is commented");
    let table: toml::Table = text.parse().expect("parses as TOML");
    assert!(
        table["contact"]["default_cadence_days"]
            .as_integer()
            .unwrap()
            >= 1
    );
    for section in [
        "contact",
        "trust",
        "thresholds",
        "store",
        "colors",
        "keys",
        "ui",
    ] {
        assert!(table.contains_key(section), "no [{section}]");
    }
    assert_eq!(
        table["trust"]["deltas"].as_table().unwrap().len(),
        12,
        "a delta for every kind"
    );
}

#[test]
fn the_default_config_works_as_a_config_file() {
    let r = Rapport::new();
    let path = config_file(&r, "default.toml", &r.ok(&["config", "--default"]));
    let (out, err) = r.ok_full(&["--config", &path, "config"]);
    assert_eq!(out.trim(), format!("{path}: OK"));
    assert_eq!(err, "", "no warnings for the default file");
    let (_, err) = r.ok_full(&["--config", &path, "client", "add", "Acme Oy"]);
    assert_eq!(err, "");
    assert_eq!(
        r.client("Acme Oy")["cadence_days"],
        r.default_config_int("contact.default_cadence_days")
    );
}

#[test]
fn malformed_config_names_file_line_and_column() {
    let r = Rapport::new();
    let path = config_file(&r, "broken.toml", "[contact]\ndefault_cadence_days = = 3\n");
    for args in [
        &["--config", &path, "client", "list"][..],
        &["--config", &path, "config"],
    ] {
        let err = r.fails(args);
        assert!(
            err.contains(&format!("config error in {path} at line 2, column")),
            "{err}"
        );
        assert!(err.contains("contact.default_cadence_days"), "{err}");
    }
    assert!(
        !r.data_dir().exists(),
        "the store is not touched when the config is bad"
    );
}

#[test]
fn unknown_keys_warn_but_work() {
    let r = Rapport::new();
    let path = config_file(
        &r,
        "unknown.toml",
        "[contact]\ndefault_cadence_days = 10\nfrequency = 3\n\n[dashboard]\nx = 1\n",
    );
    let (out, err) = r.ok_full(&["--config", &path, "client", "add", "Acme Oy"]);
    assert!(out.contains("added client Acme Oy"), "{out}");
    assert!(
        err.contains(&format!(
            "warning: unknown key 'contact.frequency' in {path} (ignored)"
        )),
        "{err}"
    );
    assert!(err.contains("warning: unknown key 'dashboard'"), "{err}");
    assert_eq!(
        r.client("Acme Oy")["cadence_days"],
        10,
        "the known keys still apply"
    );
}

#[test]
fn out_of_range_values_name_the_key() {
    let r = Rapport::new();
    let path = config_file(
        &r,
        "negative.toml",
        "[contact]\ndefault_cadence_days = -5\n",
    );
    let err = r.fails(&["--config", &path, "client", "list"]);
    assert!(err.contains(&path), "{err}");
    assert!(err.contains("line 2, column"), "{err}");
    assert!(err.contains("(key contact.default_cadence_days)"), "{err}");
    assert!(err.contains("-5"), "{err}");
    let path = config_file(&r, "delta.toml", "[trust.deltas]\ncall = 9\n");
    let err = r.fails(&["--config", &path, "note", "acme", "x"]);
    assert!(err.contains("trust.deltas.call"), "{err}");
}

#[test]
fn a_missing_explicit_config_is_an_error() {
    let r = Rapport::new();
    let err = r.fails(&["--config", "/does/not/exist.toml", "client", "list"]);
    assert!(
        err.contains("config file /does/not/exist.toml does not exist"),
        "{err}"
    );
    assert!(
        err.contains("rapport config --default >"),
        "the message says how to make one: {err}"
    );
    let err = r.fails(&["--config", "/does/not/exist.toml", "config"]);
    assert!(err.contains("/does/not/exist.toml"), "{err}");
}

#[test]
fn rapport_config_works_like_the_flag() {
    let r = Rapport::new();
    let bad = config_file(
        &r,
        "negative.toml",
        "[contact]\ndefault_cadence_days = -5\n",
    );
    let err = run_fails(
        r.cmd().env("RAPPORT_CONFIG", &bad).args(["client", "list"]),
        &["client", "list"],
    );
    assert!(
        err.contains(&bad) && err.contains("contact.default_cadence_days"),
        "{err}"
    );

    let good = config_file(&r, "weekly.toml", "[contact]\ndefault_cadence_days = 7\n");
    let (out, _) = run_ok(
        r.cmd()
            .env("RAPPORT_CONFIG", &good)
            .args(["config", "--path"]),
        &["config", "--path"],
    );
    assert_eq!(out.trim(), good);
    run_ok(
        r.cmd()
            .env("RAPPORT_CONFIG", &good)
            .args(["client", "add", "Acme Oy"]),
        &["client", "add"],
    );
    assert_eq!(r.client("Acme Oy")["cadence_days"], 7);
    // The flag wins over the environment.
    run_ok(
        r.cmd()
            .env("RAPPORT_CONFIG", &bad)
            .args(["--config", &good, "client", "list"]),
        &["client", "list"],
    );
}

#[test]
fn custom_trust_deltas_change_the_defaults() {
    let r = Rapport::new();
    r.ok(&["client", "add", "Acme Oy", "--alias", "acme"]);
    let path = config_file(
        &r,
        "trust.toml",
        "[trust]\npromise_kept = 3\n\n[trust.deltas]\ncall = 3\n",
    );
    let call = r.ok(&["--config", &path, "note", "acme", "Call", "--kind", "call"]);
    let plain = r.ok(&["note", "acme", "Call", "--kind", "call"]);
    let explicit = r.ok(&[
        "--config", &path, "note", "acme", "Call", "--kind", "call", "--trust", "-1",
    ]);
    let promise = r.ok(&["promise", "acme", "Plan"]);
    let kept = r.ok(&["--config", &path, "kept", promise.trim()]);
    let trust = |id: &str| {
        let log = r.log("acme", &[]);
        log.iter().find(|e| e["id"] == id.trim()).unwrap()["trust"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(trust(&call), 3);
    assert_eq!(trust(&plain), r.default_config_int("trust.deltas.call"));
    assert_eq!(trust(&explicit), -1, "an explicit --trust wins");
    assert_eq!(trust(&kept), 3);
}

#[test]
fn the_config_in_the_default_place_is_read() {
    let r = Rapport::new();
    let path = r.default_config_path();
    assert_eq!(r.ok(&["config", "--path"]).trim(), path.to_str().unwrap());
    let out = r.ok(&["config"]);
    assert!(
        out.contains("no config file at") && out.contains("built-in defaults"),
        "{out}"
    );

    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "[contact]\ndefault_cadence_days = 21\n").unwrap();
    assert_eq!(r.ok(&["config"]).trim(), format!("{}: OK", path.display()));
    r.ok(&["client", "add", "Acme Oy"]);
    assert_eq!(r.client("Acme Oy")["cadence_days"], 21);

    std::fs::write(&path, "[contact\n").unwrap();
    let err = r.fails(&["client", "list"]);
    assert!(
        err.contains(path.to_str().unwrap()),
        "a broken default config is an error too: {err}"
    );
}
