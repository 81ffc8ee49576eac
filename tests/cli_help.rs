//! Every command's `--help` shows an example.

use crate::common;

use common::{run_ok, Rapport};

const COMMANDS: &[&[&str]] = &[
    &[],
    &["client", "add"],
    &["client", "list"],
    &["client", "show"],
    &["client", "edit"],
    &["client", "archive"],
    &["person", "add"],
    &["person", "list"],
    &["person", "show"],
    &["person", "edit"],
    &["person", "fact"],
    &["note"],
    &["promise"],
    &["kept"],
    &["broken"],
    &["delete"],
    &["restore"],
    &["edit"],
    &["show"],
    &["log"],
    &["hours"],
    &["promises"],
    &["export"],
    &["import"],
    &["demo"],
    &["check"],
    &["config"],
    &["team", "init"],
    &["team", "join"],
    &["team", "members"],
    &["sync"],
];

#[test]
fn every_command_has_an_example_in_its_help() {
    let r = Rapport::new();
    for command in COMMANDS {
        let mut args = command.to_vec();
        args.push("--help");
        let (out, _) = run_ok(r.bare_cmd().args(&args), &args);
        assert!(
            out.contains("Example"),
            "`rapport {}` has no example:\n{out}",
            args.join(" ")
        );
        assert!(out.contains("Usage: rapport"), "{out}");
        let usage = out.lines().find(|l| l.starts_with("Usage:")).unwrap();
        for word in *command {
            assert!(usage.contains(word), "{usage}");
        }
    }
    assert!(!r.data_dir().exists(), "--help opens no store");
}

#[test]
fn help_lists_every_command() {
    let r = Rapport::new();
    let (out, _) = run_ok(r.bare_cmd().arg("--help"), &["--help"]);
    for command in [
        "client", "person", "note", "promise", "kept", "broken", "delete", "restore", "edit",
        "show", "log", "hours", "promises", "export", "import", "demo", "check", "config", "team",
        "sync",
    ] {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(command)),
            "{command} missing from:\n{out}"
        );
    }
    let (version, _) = run_ok(r.bare_cmd().arg("--version"), &["--version"]);
    assert!(version.starts_with("rapport "), "{version}");
}

#[test]
fn unknown_commands_and_flags_are_usage_errors() {
    let r = Rapport::new();
    let out = r.cmd().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unrecognized subcommand 'frobnicate'"));
    let out = r.cmd().args(["log", "acme", "--colour"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--colour"));
}
