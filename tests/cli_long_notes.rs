//! Long notes: `rapport note CLIENT -e` in `$EDITOR`, `rapport note CLIENT -` from standard
//! input, and what the note was read as on stderr.

use crate::common;

use common::{run_fails, run_ok, str_of, Rapport};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

/// An executable script in the test's directory.
fn script(r: &Rapport, name: &str, body: &str) -> PathBuf {
    let path = r.path(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// An editor that writes `text` above what the file holds (the help lines) and notes the
/// file's mode.
fn editor(r: &Rapport, text: &str) -> PathBuf {
    let mode = r.path("mode");
    script(
        r,
        "editor",
        &format!(
            "stat -c %a \"$1\" > '{}'\n{{ printf '%s\\n' '{text}'; cat \"$1\"; }} > \"$1.new\" && mv \"$1.new\" \"$1\"",
            mode.display()
        ),
    )
}

fn only_event(r: &Rapport) -> serde_json::Value {
    let events = r.log("acme", &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    events[0].clone()
}

#[test]
fn the_editor_writes_a_long_note_without_its_help_lines() {
    let r = Rapport::new().with_two_clients();
    let ed = editor(
        &r,
        "call: went over the plan with @Mikko +1 #db\n\nsecond paragraph",
    );
    let mut cmd = r.cmd();
    cmd.args(["note", "acme", "-e"])
        .env("EDITOR", &ed)
        .env_remove("VISUAL");
    run_ok(&mut cmd, &["note", "acme", "-e"]);
    let event = only_event(&r);
    assert_eq!(event["kind"], "call");
    assert_eq!(event["trust"], 1);
    assert_eq!(event["people"], serde_json::json!([common::MIKKO_ID]));
    let text = str_of(&event["text"]);
    assert!(text.contains("second paragraph"), "{text}");
    assert!(
        !text.contains("Write the note") && !text.contains("# "),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(r.path("mode")).unwrap().trim(),
        "600"
    );
}

#[test]
fn visual_stands_in_when_editor_is_unset() {
    let r = Rapport::new().with_two_clients();
    let ed = editor(&r, "a note from VISUAL");
    let mut cmd = r.cmd();
    cmd.args(["note", "acme", "-e"])
        .env_remove("EDITOR")
        .env("VISUAL", &ed);
    run_ok(&mut cmd, &["note", "acme", "-e"]);
    assert_eq!(only_event(&r)["text"], "a note from VISUAL");
}

#[test]
fn an_empty_note_or_a_failed_editor_writes_nothing() {
    let r = Rapport::new().with_two_clients();
    for (name, body) in [
        ("empty", ": > \"$1\""),
        ("fails", "exit 3"),
        ("help-only", "true"),
    ] {
        let ed = script(&r, name, body);
        let mut cmd = r.cmd();
        cmd.args(["note", "acme", "-e"]).env("EDITOR", &ed);
        let err = run_fails(&mut cmd, &["note", "acme", "-e"]);
        assert!(err.contains("nothing written"), "{name}: {err}");
    }
    assert!(r.log("acme", &[]).is_empty());
}

#[test]
fn a_dash_reads_standard_input_to_its_end() {
    let r = Rapport::new().with_two_clients();
    let mut cmd = r.cmd();
    cmd.args(["note", "acme", "-"])
        .write_stdin("advice: explained partitioning 45m billed\nmore lines\nand more\n");
    run_ok(&mut cmd, &["note", "acme", "-"]);
    let event = only_event(&r);
    assert_eq!(event["kind"], "advice");
    assert!(str_of(&event["text"]).ends_with("and more"), "{event}");

    let mut cmd = r.cmd();
    cmd.args(["note", "acme", "-"]).write_stdin("  \n");
    let err = run_fails(&mut cmd, &["note", "acme", "-"]);
    assert!(
        err.contains("standard input was empty: nothing written"),
        "{err}"
    );
    assert_eq!(r.log("acme", &[]).len(), 1);
}

#[test]
fn what_the_note_was_read_as_goes_to_a_terminal_only() {
    let r = Rapport::new().with_two_clients();
    let args = ["note", "acme", "call: failover with @Mikko +1 #db 45m"];
    let (_, quiet) = r.ok_full(&args);
    assert!(
        !quiet.contains("read:"),
        "stderr is no terminal here: {quiet}"
    );
    let mut cmd = r.cmd();
    cmd.args(args).env("RAPPORT_ECHO", "1");
    let (_, err) = run_ok(&mut cmd, &args);
    let line = common::line_of(&err, "read:");
    assert!(
        line.contains("call · with Mikko Virtanen · #db · +1 · 45 min"),
        "{err}"
    );
    let args = ["promise", "acme", "send the plan due:fri"];
    let mut cmd = r.cmd();
    cmd.args(args).env("RAPPORT_ECHO", "1");
    let (_, err) = run_ok(&mut cmd, &args);
    assert!(
        common::line_of(&err, "read:").contains("promise · due Fri 2026-11-27"),
        "{err}"
    );
}

#[test]
fn the_client_alone_off_a_terminal_says_how_to_write_a_long_note() {
    let r = Rapport::new().with_two_clients();
    let err = r.fails(&["note", "acme"]);
    assert!(
        err.contains("what should the note say") && err.contains("-e"),
        "{err}"
    );
}
