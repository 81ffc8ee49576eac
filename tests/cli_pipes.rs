//! A closed pipe ends every command quietly: `rapport log acme | head -1` must not panic.
//! Standard output is a pipe whose read end is closed before the command starts, so its first
//! write fails with EPIPE every time (no race with the reader).

use crate::common;

use common::Rapport;

#[test]
fn every_listing_ends_quietly_on_a_closed_pipe() {
    let r = Rapport::new().with_insight_world();
    let commands: &[&[&str]] = &[
        &["client", "list"],
        &["client", "list", "--json"],
        &["client", "show", "acme"],
        &["person", "list"],
        &["person", "export", "acme"],
        &["log", "acme"],
        &["log", "acme", "--json"],
        &["search", "failover"],
        &["agenda"],
        &["agenda", "--json"],
        &["agenda", "--ics", "-"],
        &["status"],
        &["brief", "acme"],
        &["trust", "acme"],
        &["export"],
        &["export", "--format", "csv"],
        &["report", "acme"],
        &["check"],
        &["config", "--default"],
        &["--help"],
        &["log", "--help"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
            .current_dir(r.root())
            .env("RAPPORT_NOW", common::NOW)
            .env("TZ", "UTC")
            .env("HOME", r.path("home"))
            .env("XDG_CONFIG_HOME", r.path("xdg-config"))
            .env_remove("RAPPORT_CONFIG")
            .arg("--data-dir")
            .arg(r.data_dir())
            .args(*args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("run rapport");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.is_empty(),
            "rapport {args:?} said something:\n{stderr}"
        );
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(141)),
            "rapport {args:?} ended with {}",
            out.status
        );
    }
}
