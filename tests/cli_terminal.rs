//! User data cannot reprogram the terminal: names, notes and facts carrying OSC, CSI, BEL and
//! C1 controls are printed with those marked (U+FFFD), and `--json` keeps them exact.

use crate::common;

use common::Rapport;
use serde_json::json;

const OSC: &str = "\x1b]0;pwned\x07";
const CSI: &str = "\x1b[2J";
const C1: &str = "\u{9b}31m";

fn evil(word: &str) -> String {
    format!("{word}{OSC}{CSI}{C1}")
}

/// A client, a person with a fact, a note, a promise due today and a concern, all evil.
fn planted() -> Rapport {
    let r = Rapport::new();
    let client = "01KA0000000000000000000001";
    let person = "01KA0000000000000000000011";
    let at = "2026-11-20T10:00:00Z";
    let records = [
        json!({"type":"header","format":"rapport","version":1}),
        json!({"type":"client","id":client,"name":evil("Evil\nOy"),"alias":"evil","state":"active",
            "cadence_days":7,"style":"periodic","snooze_until":null,"tags":[evil("tag")],
            "concerns":[{"text":evil("concern"),"since":"2026-11-01"}],"archived":false,"created":at}),
        json!({"type":"person","id":person,"client":client,"name":evil("Mallory"),"title":evil("CTO"),
            "role":"manager","stance":"ally","channel":"email","email":null,"phone":null,"time_zone":null,
            "facts":[{"text":evil("fishing"),"noted":"2026-11-01"}],"created":at}),
        json!({"type":"event","id":"01KB00000000000000000000E1","client":client,"people":[person],
            "at":at,"kind":"call","text":evil("pwned call\nsecond line"),"tags":[],"trust":1,"private":false,
            "minutes":null,"billed":false,"promise":null,"resolves":null,"created":at,"deleted":null}),
        json!({"type":"event","id":"01KB00000000000000000000E2","client":client,"people":[person],
            "at":at,"kind":"promise","text":evil("pwned promise"),"tags":[],"trust":0,"private":false,
            "minutes":null,"billed":false,"promise":{"due":"2026-11-23","outcome":null,"outcome_event":null},
            "resolves":null,"created":at,"deleted":null}),
    ];
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    let file = r.path("evil.jsonl");
    std::fs::write(&file, text).unwrap();
    r.ok(&["import", file.to_str().unwrap()]);
    r
}

fn assert_harmless(what: &[&str], text: &str) {
    for bad in ['\x1b', '\x07', '\u{9b}', '\x7f'] {
        assert!(
            !text.contains(bad),
            "rapport {what:?} printed a raw {bad:?}:\n{text:?}"
        );
    }
}

#[test]
fn human_output_marks_every_control_character() {
    let r = planted();
    let commands: &[&[&str]] = &[
        &["client", "list"],
        &["client", "show", "evil"],
        &["person", "list"],
        &["person", "show", "mallory"],
        &["log", "evil"],
        &["brief", "evil"],
        &["search", "pwned"],
        &["search", "fishing"],
        &["status"],
        &["agenda"],
        &["trust", "evil"],
    ];
    for args in commands {
        let (stdout, stderr) = r.ok_full(args);
        assert!(
            stdout.contains('\u{FFFD}'),
            "rapport {args:?} showed no mark:\n{stdout}"
        );
        assert_harmless(args, &stdout);
        assert_harmless(args, &stderr);
    }
}

#[test]
fn a_newline_in_a_name_does_not_forge_a_row() {
    let r = planted();
    let list = r.ok(&["client", "list"]);
    assert_eq!(list.lines().count(), 2, "a header and one row:\n{list}");
    assert!(list.contains("Evil\u{FFFD}Oy"), "{list}");
}

#[test]
fn json_keeps_the_exact_text() {
    let r = planted();
    assert_eq!(r.clients()[0]["name"], evil("Evil\nOy"));
    let log = r.log("evil", &[]);
    assert!(log
        .iter()
        .any(|e| e["text"] == evil("pwned call\nsecond line")));
    let people = r.json(&["person", "list", "--json"]);
    assert_eq!(people[0]["facts"][0]["text"], evil("fishing"));
    // C1 and DEL reach the terminal escaped (`\u009b`), still the same string once parsed.
    let raw = r.ok(&["client", "list", "--json"]);
    assert_harmless(&["client", "list", "--json"], &raw);
}

#[test]
fn error_messages_mark_the_input_they_quote() {
    let r = planted();
    let name = evil("nobody");
    let stderr = r.fails(&["log", &name]);
    assert!(stderr.contains("nobody"), "{stderr}");
    assert_harmless(&["log", "nobody…"], &stderr);
}
