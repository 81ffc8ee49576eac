//! `rapport log`: order, paging and filters, against the real binary.

use crate::common;

use common::{line_index, str_of, Rapport};
use serde_json::Value;

/// Acme's timeline: five events on distinct days, plus one at Beta that must never show.
fn timeline() -> Rapport {
    let r = Rapport::new().with_two_clients();
    for args in [
        &[
            "note",
            "acme",
            "e1 kickoff call",
            "--kind",
            "call",
            "--with",
            "Mikko",
            "--at",
            "2026-11-01 09:00",
        ][..],
        &[
            "note",
            "acme",
            "e2 budget email",
            "--kind",
            "email",
            "--with",
            "Anna",
            "--at",
            "2026-11-10 10:00",
        ],
        &[
            "note",
            "acme",
            "e3 steering meeting",
            "--kind",
            "meeting",
            "--with",
            "Mikko",
            "--with",
            "Anna",
            "--at",
            "2026-11-15 11:00",
        ],
        &[
            "note",
            "acme",
            "e4 note to self",
            "--at",
            "2026-11-20 12:00",
        ],
        &[
            "note",
            "acme",
            "e5 go-live",
            "--kind",
            "win",
            "--at",
            "2026-11-22 13:00",
        ],
        &[
            "note",
            "beta",
            "b1 other client",
            "--kind",
            "call",
            "--at",
            "2026-11-21 09:00",
        ],
    ] {
        r.ok(args);
    }
    r
}

/// The `eN` labels of a JSON log, in order.
fn labels(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| str_of(&e["text"]).split(' ').next().unwrap().to_string())
        .collect()
}

#[test]
fn newest_first_in_both_forms() {
    let r = timeline();
    let json = r.json(&["log", "acme", "--json"]);
    let events = json.as_array().expect("--json prints a JSON array");
    assert_eq!(labels(events), ["e5", "e4", "e3", "e2", "e1"]);
    assert!(events.iter().all(|e| e["client"] == common::ACME_ID));

    let human = r.ok(&["log", "acme"]);
    let header = human.lines().next().unwrap();
    for column in ["WHEN", "KIND", "WITH", "WHAT", "TRUST", "ID"] {
        assert!(header.contains(column), "{human}");
    }
    let order: Vec<usize> = ["e5", "e4", "e3", "e2", "e1"]
        .iter()
        .map(|l| line_index(&human, l))
        .collect();
    assert_eq!(order, [1, 2, 3, 4, 5], "{human}");
    assert!(!human.contains("b1 other client"), "{human}");
    let e3 = human.lines().nth(3).unwrap();
    assert!(
        e3.starts_with(" 2026-11-15 11:00") && e3.contains("meeting"),
        "{human}"
    );
    assert!(e3.contains("Mikko Virtanen, Anna Berg"), "{human}");
}

#[test]
fn limit_and_kind() {
    let r = timeline();
    assert_eq!(labels(&r.log("acme", &["--limit", "2"])), ["e5", "e4"]);
    assert_eq!(
        labels(&common::as_array(
            r.json(&["log", "acme", "-n", "1", "--json"])
        )),
        ["e5"]
    );
    let human = r.ok(&["log", "acme", "--limit", "3"]);
    assert_eq!(
        human.lines().count(),
        4,
        "a header and three rows:\n{human}"
    );
    assert_eq!(labels(&r.log("acme", &["--kind", "call"])), ["e1"]);
    assert_eq!(
        labels(&r.log("acme", &["--kind", "call", "--kind", "email"])),
        ["e2", "e1"]
    );
    assert_eq!(
        labels(&r.log("acme", &["--kind", "incident"])),
        Vec::<String>::new()
    );
    let err = r.fails(&["log", "acme", "--kind", "tweet"]);
    assert!(err.contains("'tweet' is not one of"), "{err}");
}

#[test]
fn with_and_since() {
    let r = timeline();
    assert_eq!(labels(&r.log("acme", &["--with", "Mikko"])), ["e3", "e1"]);
    assert_eq!(
        labels(&r.log("acme", &["--with", "Anna Berg"])),
        ["e3", "e2"]
    );
    assert_eq!(
        labels(&r.log("acme", &["--since", "2026-11-15"])),
        ["e5", "e4", "e3"]
    );
    assert_eq!(
        labels(&r.log("acme", &["--since", "2026-11-23"])),
        Vec::<String>::new()
    );
    let err = r.fails(&["log", "acme", "--with", "Lars"]);
    assert!(err.contains("no person named 'Lars'"), "{err}");
    let err = r.fails(&["log", "acme", "--since", "the beginning"]);
    assert!(err.contains("could not read 'the beginning'"), "{err}");
}

#[test]
fn combined_filters() {
    let r = timeline();
    let args = [
        "--kind",
        "meeting",
        "--kind",
        "call",
        "--with",
        "Mikko",
        "--since",
        "2026-11-10",
    ];
    assert_eq!(labels(&r.log("acme", &args)), ["e3"]);
    let args = [
        "--kind", "meeting", "--kind", "call", "--with", "Mikko", "--limit", "1",
    ];
    assert_eq!(labels(&r.log("acme", &args)), ["e3"]);
    let args = ["--kind", "email", "--with", "Mikko"];
    assert_eq!(labels(&r.log("acme", &args)), Vec::<String>::new());
    let human = r.ok(&["log", "acme", "--kind", "email", "--with", "Mikko"]);
    assert_eq!(human.trim(), "nothing on Acme Oy's timeline matches");
    assert_eq!(
        r.ok(&["log", "acme", "--kind", "email", "--with", "Mikko", "--json"])
            .trim(),
        "[]"
    );
    let err = r.fails(&["log", "gamma"]);
    assert!(err.contains("no client named 'gamma'"), "{err}");
}

/// `timeline()` with two tagged events, one of them private.
fn tagged() -> Rapport {
    let r = timeline();
    r.ok(&[
        "note",
        "acme",
        "t1 replication lag",
        "--tag",
        "Replication",
        "--private",
        "--at",
        "2026-11-12 09:00",
    ]);
    r.ok(&[
        "note",
        "acme",
        "t2 replica rebuilt",
        "--tag",
        "replication",
        "--tag",
        "backup",
        "--at",
        "2026-11-14 09:00",
    ]);
    r
}

#[test]
fn tag_private_shared_and_until() {
    let r = tagged();
    // Tags compare without case and with or without `#`.
    assert_eq!(
        labels(&r.log("acme", &["--tag", "replication"])),
        ["t2", "t1"]
    );
    assert_eq!(labels(&r.log("acme", &["--tag", "#BACKUP"])), ["t2"]);
    assert_eq!(labels(&r.log("acme", &["--private"])), ["t1"]);
    let shared = labels(&r.log("acme", &["--shared"]));
    assert_eq!(shared, ["e5", "e4", "e3", "t2", "e2", "e1"]);
    // --until lets the whole day in.
    assert_eq!(
        labels(&r.log("acme", &["--until", "2026-11-12"])),
        ["t1", "e2", "e1"]
    );
    assert_eq!(
        labels(&r.log("acme", &["--since", "2026-11-10", "--until", "2026-11-14"])),
        ["t2", "t1", "e2"]
    );
    let args = ["--tag", "replication", "--shared", "--until", "2026-11-30"];
    assert_eq!(labels(&r.log("acme", &args)), ["t2"]);
    // The read starts at the boundary; the limit counts from there.
    assert_eq!(
        labels(&r.log("acme", &["--until", "2026-11-20", "-n", "2"])),
        ["e4", "e3"]
    );
    let human = r.ok(&["log", "acme", "--private"]);
    assert!(human.contains("[private] #Replication"), "{human}");
}

#[test]
fn filter_flags_refuse_nonsense() {
    let r = tagged();
    let err = r.fails(&["log", "acme", "--private", "--shared"]);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = r.fails(&[
        "log",
        "acme",
        "--since",
        "2026-11-20",
        "--until",
        "2026-11-10",
    ]);
    assert!(
        err.contains("--since 2026-11-20 is after --until 2026-11-10"),
        "{err}"
    );
    let err = r.fails(&["log", "acme", "--until", "someday"]);
    assert!(err.contains("could not read 'someday'"), "{err}");
    let human = r.ok(&["log", "acme", "--tag", "kubernetes"]);
    assert_eq!(human.trim(), "nothing on Acme Oy's timeline matches");
}

/// Today (Mon 2026-11-23, the tests' clock at noon UTC): a call at Beta, a note and advice at
/// Acme; yesterday a call at Acme.
fn today() -> Rapport {
    let r = Rapport::new().with_two_clients();
    for args in [
        &[
            "note",
            "acme",
            "t2 wrote the runbook",
            "--at",
            "2026-11-23 10:00",
        ][..],
        &[
            "note",
            "beta",
            "t1 standup",
            "--kind",
            "call",
            "--with",
            "Lars",
            "--at",
            "2026-11-23 09:00",
        ],
        &[
            "note",
            "acme",
            "y1 yesterday's call",
            "--kind",
            "call",
            "--at",
            "2026-11-22 16:00",
        ],
        &[
            "note",
            "acme",
            "advice: t3 indexes 30m billed",
            "--at",
            "2026-11-23 11:30",
        ],
    ] {
        r.ok(args);
    }
    r
}

#[test]
fn all_clients_today_oldest_first_with_the_client_name() {
    let r = today();
    let events = common::as_array(r.json(&["log", "--all", "--since", "today", "--json"]));
    assert_eq!(labels(&events), ["t1", "t2", "t3"]);
    assert_eq!(events[0]["client"], common::BETA_ID);
    let text = r.ok(&["log", "--all"]);
    let header = text.lines().next().unwrap();
    assert!(header.contains("CLIENT"), "{text}");
    assert!(
        line_index(&text, "t1 standup") < line_index(&text, "t2 wrote"),
        "{text}"
    );
    assert!(
        common::line_of(&text, "t1 standup").contains("Beta AB"),
        "{text}"
    );
    assert!(
        common::line_of(&text, "t1 standup").contains("Lars Holm"),
        "{text}"
    );
    assert!(!text.contains("y1"), "yesterday is not today: {text}");
    let two_days = common::as_array(r.json(&["log", "--all", "--since", "yesterday", "--json"]));
    assert_eq!(two_days.len(), 4);
    assert_eq!(str_of(&two_days[0]["text"]), "y1 yesterday's call");
}

#[test]
fn all_takes_no_client_and_a_log_needs_one_or_the_other() {
    let r = today();
    r.fails(&["log"]);
    r.fails(&["log", "acme", "--all"]);
    let text = r.ok(&[
        "log",
        "--all",
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-02",
    ]);
    assert!(text.starts_with("nothing recorded from"), "{text}");
}

#[test]
fn the_table_shows_short_ids_that_commands_take() {
    let r = timeline();
    let events = r.log("acme", &[]);
    let id = str_of(&events[0]["id"]);
    assert!(common::is_ulid(&id), "--json keeps the full id");
    let short = &id[id.len() - 8..];
    let text = r.ok(&["log", "acme"]);
    let row = common::line_of(&text, "e5 go-live");
    assert!(row.ends_with(short) && !row.contains(&id), "{text}");
    let shown = r.ok(&["show", &short.to_lowercase()]);
    assert!(shown.contains("e5 go-live"), "{shown}");
    r.ok(&["delete", short]);
    assert!(r.log("acme", &[]).iter().all(|e| e["id"] != id.as_str()));
}
