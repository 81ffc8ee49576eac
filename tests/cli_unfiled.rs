//! Nothing typed is lost: a note no `[[context]]` rule can place, or one for a client that
//! does not exist, is kept as an unfiled note, listed by `rapport unfiled`, filed for a client
//! with `rapport unfiled assign N CLIENT` (read then as the note it is) or dropped.

use crate::common;

use assert_cmd::Command;
use common::{is_ulid, run_fails, Rapport, ANNA_ID, MIKKO_ID};
use rapport::store::{Store, StoreOptions};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;

/// The binary with no tmux or SSH session around it: no rule could match.
fn nowhere(r: &Rapport) -> Command {
    let mut cmd = r.cmd();
    cmd.env_remove("TMUX")
        .env_remove("TMUX_PANE")
        .env("RAPPORT_TMUX_SESSION", "")
        .env("RAPPORT_SSH_HOST", "");
    cmd
}

/// `rapport note TEXT` where nothing places it: fails, and says which number it was kept as.
fn typed_nowhere(r: &Rapport, args: &[&str]) -> String {
    run_fails(nowhere(r).args(args), args)
}

#[test]
fn a_note_no_rule_places_is_kept_listed_assigned_and_dropped() {
    let r = Rapport::new().with_two_clients();
    std::fs::write(r.path("elsewhere.txt"), "").unwrap();
    // Typed on Monday 23 Nov: `due:fri` is the 27th whenever it is filed.
    let text = "call: agreed the plan with @Mikko #aurora. I send the runbook due:fri";
    let err = typed_nowhere(&r, &["note", text]);
    assert!(
        err.contains("kept as unfiled note 1; assign it with `rapport unfiled assign 1 CLIENT`"),
        "{err}"
    );
    let err = typed_nowhere(
        &r,
        &[
            "promise",
            "Send the slides",
            "--due",
            "2026-12-01",
            "--private",
        ],
    );
    assert!(err.contains("kept as unfiled note 2;"), "{err}");
    assert!(r.log("acme", &[]).is_empty(), "nothing filed yet");
    let agenda = r.ok(&["agenda"]);
    assert!(
        agenda.contains("Unfiled notes (2): `rapport unfiled assign N CLIENT`"),
        "{agenda}"
    );
    assert!(agenda.contains("Send the slides"), "{agenda}");

    let listed = r.ok(&["unfiled"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 4, "{listed}");
    assert!(
        lines[0].starts_with("  1  Mon 2026-11-23 12:00  directory "),
        "{listed}"
    );
    assert!(lines[0].contains("tmux session none"), "{listed}");
    assert_eq!(lines[1].trim(), text);
    assert!(lines[2].starts_with("  2  "), "{listed}");

    let (id, err) = r.ok_full(&["unfiled", "assign", "1", "acme"]);
    assert!(is_ulid(id.trim()), "{id}");
    assert!(err.contains("unfiled note 1 → Acme Oy"), "{err}");
    let log = r.log("acme", &[]);
    let call = log.iter().find(|e| e["kind"] == "call").expect("the call");
    let promise = log
        .iter()
        .find(|e| e["kind"] == "promise")
        .expect("its promise");
    assert_eq!(call["id"], id.trim());
    assert_eq!(call["people"][0], MIKKO_ID, "@Mikko among Acme's people");
    assert_eq!(call["at"], common::NOW, "when it was typed");
    assert_eq!(promise["made_in"], id.trim());
    assert_eq!(promise["promise"]["due"], "2026-11-27");

    // The promise keeps the flags it was typed with.
    r.ok(&["unfiled", "assign", "2", "beta"]);
    let beta = r.log("beta", &[]);
    assert_eq!(beta.len(), 1);
    assert_eq!(
        (&beta[0]["kind"], &beta[0]["private"]),
        (&"promise".into(), &true.into())
    );
    assert_eq!(beta[0]["promise"]["due"], "2026-12-01");

    let err = r.fails(&["unfiled", "assign", "1", "acme"]);
    assert!(err.contains("no unfiled note 1"), "{err}");
    typed_nowhere(&r, &["note", "a third one"]);
    let out = r.ok(&["unfiled", "drop", "3"]);
    assert_eq!(out, "dropped unfiled note 3: a third one\n");
    assert!(r.ok(&["unfiled"]).starts_with("No unfiled notes"));
}

#[test]
fn a_client_named_but_not_found_is_an_error_and_the_note_is_kept() {
    let r = Rapport::new().with_two_clients();
    let err = r.fails(&["note", "nosuch", "met @Anna about the budget"]);
    assert!(err.contains("no client named 'nosuch'"), "{err}");
    assert!(err.contains("The note is kept as unfiled note 1;"), "{err}");
    let listed = r.ok(&["unfiled"]);
    assert!(
        listed.contains("client 'nosuch' named, not found"),
        "{listed}"
    );
    assert!(listed.contains("met @Anna about the budget"), "{listed}");
    assert!(r
        .fails(&["unfiled", "assign", "1", "nosuch"])
        .contains("no client named"));
    r.ok(&["unfiled", "assign", "1", "acme"]);
    assert_eq!(r.log("acme", &[])[0]["people"][0], ANNA_ID);
}

#[test]
fn doubtful_syntax_is_refused_on_assign_as_note_refuses_it() {
    let r = Rapport::new().with_two_clients();
    typed_nowhere(&r, &["note", "call: went well +4"]);
    let err = r.fails(&["unfiled", "assign", "1", "acme"]);
    assert!(err.contains("'+4"), "{err}");
    assert!(
        err.contains("Nothing was filed: the note stays unfiled as 1."),
        "{err}"
    );
    assert!(r.log("acme", &[]).is_empty());
    assert!(r.ok(&["unfiled"]).contains("went well +4"));
    // Typed with --literal, the word is text on purpose.
    typed_nowhere(&r, &["note", "call: went well +4", "--literal"]);
    r.ok(&["unfiled", "assign", "2", "acme"]);
    assert_eq!(r.log("acme", &[])[0]["text"], "went well +4");
}

#[test]
fn with_the_dashboard_running_the_note_is_kept_through_its_socket() {
    let r = Rapport::new().with_two_clients();
    let store = Arc::new(rapport::store::open(&r.data_dir(), &StoreOptions::default()).unwrap());
    let writes = Arc::new(AtomicUsize::new(0));
    let counted = writes.clone();
    let _serving = rapport::socket::serve(&r.data_dir(), store.clone(), move |_| {
        counted.fetch_add(1, SeqCst);
    })
    .unwrap();
    let err = typed_nowhere(&r, &["note", "call: through the socket @Mikko"]);
    assert!(err.contains("kept as unfiled note 1;"), "{err}");
    assert_eq!(writes.load(SeqCst), 1, "the dashboard was told, to redraw");
    let kept = store.unfiled().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].text, "call: through the socket @Mikko");

    assert!(r.ok(&["unfiled"]).contains("through the socket"));
    let id = r.ok(&["unfiled", "assign", "1", "acme"]);
    let event = store
        .event(id.trim().parse().unwrap())
        .unwrap()
        .expect("filed");
    assert_eq!(event.text, "through the socket");
    assert_eq!(event.people[0].to_string(), MIKKO_ID);
    assert!(store.unfiled().unwrap().is_empty());
    assert_eq!(writes.load(SeqCst), 2);
}

/// strace, or a printed reason to skip.
fn strace() -> bool {
    let found = std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("SKIPPED: strace is not installed (.ci/run installs it)");
    }
    found
}

#[test]
fn the_unfiled_note_is_fsynced_before_the_command_says_it_is_kept() {
    if !strace() {
        return;
    }
    let r = Rapport::new().with_two_clients();
    let log = r.path("strace.log");
    let mut cmd = std::process::Command::new("strace");
    cmd.args([
        "-f",
        "-s",
        "400",
        "-e",
        "trace=openat,fsync,fdatasync,rename,renameat2,write",
        "-o",
    ])
    .arg(&log)
    .arg(env!("CARGO_BIN_EXE_rapport"))
    .arg("--data-dir")
    .arg(r.data_dir())
    .args(["note", "sealed before said"])
    .current_dir(r.root())
    .env("XDG_CONFIG_HOME", r.path("xdg-config"))
    .env("RAPPORT_NOW", common::NOW)
    .env("RAPPORT_TMUX_SESSION", "")
    .env("RAPPORT_SSH_HOST", "")
    .env_remove("TMUX")
    .env_remove("RAPPORT_CONFIG");
    let out = cmd.output().unwrap();
    assert!(!out.status.success());
    let trace = std::fs::read_to_string(&log).unwrap();
    let at = |needle: &str| {
        trace
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{trace}"))
    };
    let said = at("kept as unfiled note 1");
    let renamed = at("rename(\"");
    // The file's fsync: the first after its temporary name was opened.
    let opened = trace
        .lines()
        .position(|l| l.contains("openat") && l.contains("unfiled.new"));
    let opened = opened.expect("the temporary file");
    let synced = (trace.lines().enumerate())
        .skip(opened)
        .find(|(_, l)| l.contains("fsync(") || l.contains("fdatasync("))
        .map(|(i, _)| i)
        .expect("an fsync of the note");
    let dir_synced = (trace.lines().enumerate())
        .skip(renamed)
        .find(|(_, l)| l.contains("fsync("))
        .map(|(i, _)| i)
        .expect("an fsync of the directory after the rename");
    assert!(
        synced < renamed && renamed < dir_synced && dir_synced < said,
        "{trace}"
    );
    assert!(r.ok(&["unfiled"]).contains("sealed before said"));
}
