//! `rapport edit` and `rapport show` against the real binary: every correction keeps the
//! version it replaces, and search, trust, the timeline, the agenda and status follow it.

use crate::common;

use common::{as_array, is_ulid, str_of, Rapport};
use serde_json::Value;

/// Saves a note on Acme and returns its id.
fn note(r: &Rapport, text: &str, extra: &[&str]) -> String {
    let mut args = vec!["note", "acme", text];
    args.extend_from_slice(extra);
    let id = r.ok(&args).trim().to_string();
    assert!(is_ulid(&id), "{id}");
    id
}

fn event(r: &Rapport, id: &str) -> Value {
    r.json(&["show", id, "--json"])["event"].clone()
}

fn found(r: &Rapport, word: &str) -> usize {
    let results = r.json(&["search", word, "--json"]);
    results["notes"].as_array().map_or(0, Vec::len)
}

#[test]
fn a_note_anew_replaces_the_event_and_keeps_the_old_version() {
    let r = Rapport::new().with_two_clients();
    let id = note(
        &r,
        "call: talked replication with @Mikko today +1 #db 45m",
        &[],
    );
    assert_eq!(found(&r, "replication"), 1);
    let out = r.ok(&[
        "edit",
        &id[..10],
        "call: @Anna agreed to partitioning +2 #aurora",
    ]);
    assert!(out.contains(&format!("edited {id} (2 versions")), "{out}");

    let now = event(&r, &id);
    assert_eq!(now["kind"], "call");
    assert_eq!(now["text"], "Anna agreed to partitioning");
    assert_eq!(now["trust"], 2);
    assert_eq!(now["tags"], serde_json::json!(["aurora"]));
    assert_eq!(now["edited"]["earlier"], 1);
    assert_eq!(now["at"], "2026-11-23T12:00:00Z", "the time stays");
    assert_eq!(found(&r, "partitioning"), 1);
    assert_eq!(found(&r, "replication"), 0, "the old words leave the index");

    let shown = r.json(&["show", &id, "--json"]);
    assert_eq!(shown["people"][0]["name"], "Anna Berg");
    let versions = as_array(shown["versions"].clone());
    assert_eq!(versions.len(), 1);
    assert_eq!(
        versions[0]["event"]["text"],
        "talked replication with Mikko today"
    );
    assert_eq!(versions[0]["event"]["minutes"], 45);
    let text = r.ok(&["show", &id]);
    assert!(text.contains("with       Anna Berg"), "{text}");
    assert!(text.contains("versions, oldest first:"), "{text}");
    assert!(text.contains("1. until 2026-11-23 12:00: 2026-11-23 12:00 · call · talked replication with Mikko today"), "{text}");
    assert!(text.contains("2. now:"), "{text}");
    assert!(r.ok(&["check"]).contains("no drift"));
}

#[test]
fn flags_change_only_what_they_name() {
    let r = Rapport::new().with_two_clients();
    let id = note(&r, "call: failover went fine @Mikko #db +1", &[]);
    r.ok(&["edit", &id, "--text", "failover went very fine", "--shared"]);
    r.ok(&["edit", &id, "--private", "--tag", "ops", "--with", "Anna"]);
    let now = event(&r, &id);
    assert_eq!(now["text"], "failover went very fine");
    assert_eq!(now["trust"], 1);
    assert_eq!(now["private"], true);
    assert_eq!(now["tags"], serde_json::json!(["ops"]));
    assert_eq!(now["people"], serde_json::json!([common::ANNA_ID]));
    let versions = as_array(r.json(&["show", &id, "--json"])["versions"].clone());
    assert_eq!(versions.len(), 2, "one per edit");
    assert_eq!(versions[1]["event"]["text"], "failover went very fine");
    assert_eq!(versions[1]["event"]["private"], false);
}

#[test]
fn an_edit_that_changes_nothing_says_so_and_writes_nothing() {
    let r = Rapport::new().with_two_clients();
    let id = note(&r, "call: failover went fine +1", &[]);
    let out = r.ok(&["edit", &id, "call: failover went fine +1"]);
    assert!(out.contains("nothing changed"), "{out}");
    let out = r.ok(&["edit", &id, "--trust", "1"]);
    assert!(out.contains("nothing changed"), "{out}");
    let shown = r.json(&["show", &id, "--json"]);
    assert_eq!(shown["versions"], serde_json::json!([]));
    assert!(shown["event"].get("edited").is_none());
}

#[test]
fn bad_edits_are_refused_as_notes_are_and_change_nothing() {
    let r = Rapport::new().with_two_clients();
    let id = note(&r, "call: failover went fine", &[]);
    let err = r.fails(&["edit", &id, "call: went fine +4"]);
    assert!(err.contains("+4") && err.contains("--literal"), "{err}");
    r.ok(&["edit", &id, "call: went fine +4", "--literal"]);
    assert_eq!(event(&r, &id)["text"], "went fine +4");
    let err = r.fails(&["edit", &id, "--with", "Nobody"]);
    assert!(err.contains("Nobody"), "{err}");
    // An unknown @name stays text with the note's warning.
    let (_, warned) = r.ok_full(&["edit", &id, "call: went fine with @Zed"]);
    assert!(
        warned.contains("@Zed is not one of Acme Oy's people"),
        "{warned}"
    );
    // `due:` where no promise can be made: named, refused.
    let err = r.fails(&["edit", &id, "email: I will send it due:fri"]);
    assert!(
        err.contains("due:fri") && err.contains("--literal"),
        "{err}"
    );

    r.ok(&["delete", &id]);
    let err = r.fails(&["edit", &id, "--text", "again"]);
    assert!(err.contains(&format!("rapport restore {id}")), "{err}");
    assert_eq!(
        as_array(r.json(&["show", &id, "--json"])["versions"].clone()).len(),
        2
    );
}

#[test]
fn trust_and_time_follow_an_edit() {
    let r = Rapport::new().with_two_clients();
    let old = note(&r, "call: first talk", &["--at", "2026-11-10 10:00"]);
    let new = note(&r, "call: second talk +1", &["--at", "2026-11-20 10:00"]);
    let before = r.client("Acme Oy");
    assert_eq!(before["last_contact"], "2026-11-20T10:00:00Z");
    r.ok(&["edit", &new, "--trust", "-3"]);
    let after = r.client("Acme Oy");
    assert!(
        after["trust"].as_f64() < before["trust"].as_f64(),
        "{after}"
    );
    assert!(r.ok(&["check"]).contains("no drift"));

    // Backdated behind the other: the timeline order and the last contact follow.
    r.ok(&["edit", &new, "call: second talk -3 at:2026-11-01_10:00"]);
    let log = r.log("acme", &[]);
    let ids: Vec<String> = log.iter().map(|e| str_of(&e["id"])).collect();
    assert_eq!(ids, [old.clone(), new.clone()], "newest first");
    assert_eq!(r.client("Acme Oy")["last_contact"], "2026-11-10T10:00:00Z");
    assert!(r.ok(&["check"]).contains("no drift"));
}

#[test]
fn a_promise_keeps_its_bookkeeping_through_edits() {
    let r = Rapport::new().with_two_clients();
    let id = r
        .ok(&["promise", "acme", "Send the plan", "--due", "2026-11-24"])
        .trim()
        .to_string();
    let due = |r: &Rapport| {
        let items = as_array(r.json(&["agenda", "--json"]));
        items
            .iter()
            .find(|i| i["event"] == id.as_str())
            .map(|i| str_of(&i["day"]))
    };
    assert_eq!(due(&r).as_deref(), Some("2026-11-24"));
    r.ok(&["edit", &id, "--due", "2026-11-20"]);
    assert_eq!(due(&r).as_deref(), Some("2026-11-20"));
    let status = r.ok(&["status"]);
    assert!(status.contains("overdue"), "{status}");

    let err = r.fails(&["edit", &id, "--due", "fri", "--kind", "call"]);
    assert!(err.contains("--kind promise"), "{err}");
    // Marked kept, it stays a promise; its outcome keeps its word.
    let outcome = r.ok(&["kept", &id]).trim().to_string();
    let err = r.fails(&["edit", &id, "--kind", "note"]);
    assert!(err.contains(&format!("rapport delete {outcome}")), "{err}");
    let err = r.fails(&["edit", &outcome, "--text", "Sent it"]);
    assert!(err.contains("'Kept:'"), "{err}");
    r.ok(&["edit", &outcome, "--trust", "3"]);
    r.ok(&["edit", &id, "--due", "2026-11-21"]);
    let shown = event(&r, &id);
    assert_eq!(shown["promise"]["outcome"], "kept");
    assert_eq!(shown["promise"]["outcome_event"], outcome.as_str());
    assert!(r.ok(&["check"]).contains("no drift"));
    // Open again, a promise may become a note and leaves the agenda.
    r.ok(&["delete", &outcome]);
    r.ok(&["edit", &id, "--kind", "note"]);
    assert_eq!(due(&r), None);
    assert!(event(&r, &id)["promise"].is_null());
    assert!(r.ok(&["check"]).contains("no drift"));
}

/// Killed after any batch it writes, an edit leaves the old event with no new version, or
/// the new one with the old kept: never one without the other, and never drift.
#[test]
fn an_edit_killed_at_any_write_lands_whole_or_not_at_all() {
    let r = Rapport::new().with_two_clients();
    let id = note(&r, "call: talked replication +1", &[]);
    let mut versions = 0;
    for batch in 1..40 {
        let text = format!("talked partitioning {batch}");
        let out = r
            .cmd()
            .args(["edit", &id, "--text", &text])
            .env("RAPPORT_CRASH_AFTER_BATCHES", batch.to_string())
            .output()
            .unwrap();
        let shown = r.json(&["show", &id, "--json"]);
        let edited = shown["event"]["text"] == text.as_str();
        let kept = as_array(shown["versions"].clone());
        // One version more exactly when the text changed: the two went in one batch.
        assert_eq!(kept.len(), versions + usize::from(edited), "batch {batch}");
        versions = kept.len();
        assert!(r.ok(&["check"]).contains("no drift"), "batch {batch}");
        if out.status.success() {
            assert!(edited && batch > 1, "batch {batch}");
            return;
        }
    }
    panic!("the edit never finished");
}

#[test]
fn an_edit_that_adds_a_due_sentence_to_a_call_saves_the_promise_made_in_it() {
    let r = Rapport::new().with_two_clients();
    let id = note(&r, "call: @Mikko says failover went fine +1", &[]);
    let out = r.ok(&[
        "edit",
        &id,
        "call: @Mikko says failover went fine. I will send the runbook due:2026-11-27 +1",
    ]);
    assert!(out.contains(&format!("edited {id} (2 versions")), "{out}");
    assert!(
        out.contains("promise made in the call: I will send the runbook ("),
        "{out}"
    );
    assert!(out.contains(", due Fri 2026-11-27)"), "{out}");
    let call = event(&r, &id);
    assert_eq!(
        (
            call["kind"].clone(),
            call["text"].clone(),
            call["promise"].clone()
        ),
        (
            "call".into(),
            "Mikko says failover went fine. I will send the runbook".into(),
            Value::Null
        )
    );
    let promises = r.log("acme", &["--kind", "promise"]);
    assert_eq!(promises.len(), 1, "{promises:?}");
    let promise = &promises[0];
    assert_eq!(promise["text"], "I will send the runbook");
    assert_eq!(promise["made_in"], id.as_str());
    assert_eq!(promise["people"], call["people"]);
    assert_eq!(promise["at"], call["at"]);
    assert_eq!(promise["promise"]["due"], "2026-11-27");
    assert_eq!(r.client("Acme Oy")["open_promises"], 1);
    let shown = r.ok(&["show", &str_of(&promise["id"])]);
    assert!(
        shown.contains(&id),
        "the promise links to the call: {shown}"
    );
    let agenda = as_array(r.json(&["agenda", "--json"]));
    assert!(
        agenda.iter().any(|i| i["event"] == promise["id"]),
        "{agenda:?}"
    );

    // `--due` alone on a call: a promise of the whole call; the call itself is unchanged.
    let out = r.ok(&["edit", &id, "--due", "2026-11-30"]);
    assert!(!out.contains("edited"), "{out}");
    assert!(
        out.contains(
            "promise made in the call: Mikko says failover went fine. I will send the runbook ("
        ),
        "{out}"
    );
    assert_eq!(
        event(&r, &id)["edited"]["earlier"],
        1,
        "no version for no change"
    );
    assert_eq!(r.log("acme", &["--kind", "promise"]).len(), 2);
    assert!(r.ok(&["check"]).contains("no drift"));

    // An email holds no promise: refused as before, nothing written.
    let email = note(&r, "email: sent the invoice", &[]);
    let err = r.fails(&["edit", &email, "--due", "fri"]);
    assert!(err.contains("add --kind promise"), "{err}");
    let err = r.fails(&[
        "edit",
        &email,
        "email: sent the invoice. I send more due:fri",
    ]);
    assert!(err.contains("due:fri"), "{err}");
    assert_eq!(r.log("acme", &["--kind", "promise"]).len(), 2);
}

/// Killed after any batch it writes, an edit that makes a promise leaves both or neither.
#[test]
fn an_edit_with_a_promise_killed_at_any_write_lands_whole_or_not_at_all() {
    let r = Rapport::new().with_two_clients();
    let id = note(&r, "call: talked replication +1", &[]);
    for batch in 1..40 {
        let text = format!("call: talked replication. I send the plan {batch} due:2026-11-27 +1");
        let out = r
            .cmd()
            .args(["edit", &id, &text])
            .env("RAPPORT_CRASH_AFTER_BATCHES", batch.to_string())
            .output()
            .unwrap();
        let edited =
            event(&r, &id)["text"] == format!("talked replication. I send the plan {batch}");
        let promises = r.log("acme", &["--kind", "promise"]);
        let made = promises
            .iter()
            .any(|p| p["text"] == format!("I send the plan {batch}"));
        assert_eq!(edited, made, "batch {batch}: {promises:?}");
        assert!(r.ok(&["check"]).contains("no drift"), "batch {batch}");
        if out.status.success() {
            assert!(edited && batch > 1, "batch {batch}");
            return;
        }
    }
    panic!("the edit never finished");
}
