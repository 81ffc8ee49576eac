//! Correcting people: `rapport person remove|restore|move` and `person fact --list|--edit|
//! --remove`, against the real binary (clock pinned at 2026-11-23 noon UTC).

use crate::common;

use common::{as_array, Rapport, BETA_ID, MIKKO_ID};

const PHONE_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vcards/phone-3.0.vcf");

fn names(list: serde_json::Value) -> Vec<String> {
    as_array(list)
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

/// The people named on the latest event of `client`'s timeline (give notes distinct times:
/// two at the same moment come in either order).
fn last_people(r: &Rapport, client: &str) -> serde_json::Value {
    r.log(client, &[])[0]["people"].clone()
}

#[test]
fn a_removed_person_is_hidden_everywhere_but_keeps_their_past() {
    let r = Rapport::new().with_two_clients();
    let call = r.ok(&[
        "note",
        "acme",
        "call: backups with @Mikko",
        "--at",
        "2026-11-20 10:00",
    ]);
    let out = r.ok(&["person", "remove", "mikko"]);
    assert!(out.contains("removed Mikko Virtanen"), "{out}");
    assert!(out.contains("rapport person restore"), "{out}");

    assert_eq!(
        names(r.json(&["person", "list", "acme", "--json"])),
        ["Anna Berg"]
    );
    assert!(!r.ok(&["person", "list"]).contains("Mikko"));
    assert_eq!(
        names(r.json(&["person", "list", "--removed", "--json"])),
        ["Mikko Virtanen"]
    );
    let all = r.ok(&["person", "list", "acme", "--all"]);
    assert!(
        all.contains("Mikko Virtanen") && all.contains("Anna Berg"),
        "{all}"
    );
    assert!(
        all.contains("removed 2026-11-23"),
        "a removed person is marked:\n{all}"
    );
    let brief = r.ok(&["brief", "acme"]);
    let who = &brief[brief.find("Who is who").unwrap()..brief.find("Last events").unwrap()];
    assert!(!who.contains("Mikko"), "{brief}");

    // Past events keep the name.
    let log = r.ok(&["log", "acme"]);
    assert!(log.contains("Mikko Virtanen"), "{log}");
    assert!(brief.contains("call with Mikko Virtanen"), "{brief}");
    let report = r.ok(&["report", "acme", "--since", "2026-11-01"]);
    assert!(report.contains("Mikko Virtanen"), "{report}");
    let show = r.ok(&["show", call.trim()]);
    assert!(show.contains("Mikko Virtanen"), "{show}");

    // A new note naming him does not link him, and says why.
    let (_, err) = r.ok_full(&[
        "note",
        "acme",
        "@Mikko called again",
        "--at",
        "2026-11-21 10:00",
    ]);
    assert!(
        err.contains("@Mikko is not one of Acme Oy's people"),
        "{err}"
    );
    assert!(err.contains("Mikko Virtanen was removed"), "{err}");
    assert!(
        err.contains("rapport person restore \"Mikko Virtanen\""),
        "{err}"
    );
    assert_eq!(last_people(&r, "acme"), serde_json::json!([]));
    let err = r.fails(&["person", "show", "mikko"]);
    assert!(err.contains("was removed"), "{err}");
    let err = r.fails(&["person", "remove", "mikko"]);
    assert!(err.contains("was removed"), "{err}");

    let out = r.ok(&["person", "restore", "mikko"]);
    assert!(out.contains("restored Mikko Virtanen"), "{out}");
    assert_eq!(
        names(r.json(&["person", "list", "acme", "--json"])),
        ["Anna Berg", "Mikko Virtanen"]
    );
    r.ok(&["note", "acme", "@Mikko is back", "--at", "2026-11-22 10:00"]);
    assert_eq!(last_people(&r, "acme"), serde_json::json!([MIKKO_ID]));
    let err = r.fails(&["person", "restore", "mikko"]);
    assert!(err.contains("is not removed"), "{err}");
}

#[test]
fn a_move_is_a_job_change_and_the_old_client_keeps_its_past() {
    let r = Rapport::new().with_two_clients();
    r.ok(&[
        "note",
        "acme",
        "call: failover with @Mikko",
        "--at",
        "2026-11-20 10:00",
    ]);
    let out = r.ok(&["person", "move", "mikko", "--to", "beta"]);
    assert_eq!(out.trim(), "moved Mikko Virtanen from Acme Oy to Beta AB");

    let mikko = r.json(&["person", "show", "mikko", "--json"]);
    assert_eq!(mikko["client"], BETA_ID);
    assert_eq!(
        mikko["facts"],
        serde_json::json!([{"text": "moved from Acme Oy to Beta AB", "noted": "2026-11-23"}])
    );
    assert_eq!(
        names(r.json(&["person", "list", "acme", "--json"])),
        ["Anna Berg"]
    );
    assert_eq!(
        names(r.json(&["person", "list", "beta", "--json"])),
        ["Lars Holm", "Mikko Virtanen"]
    );
    // The old client's past stays with it, and keeps his name.
    let old = r.log("acme", &[]);
    assert_eq!(old.len(), 1);
    assert_eq!(old[0]["people"], serde_json::json!([MIKKO_ID]));
    assert!(r.ok(&["log", "acme"]).contains("Mikko Virtanen"));
    assert!(r
        .ok(&["brief", "acme"])
        .contains("call with Mikko Virtanen"));

    // New notes: at the new client he is linked, at the old one the note says he moved.
    r.ok(&["note", "beta", "@mikko says hello from the new job"]);
    assert_eq!(last_people(&r, "beta"), serde_json::json!([MIKKO_ID]));
    let (_, err) = r.ok_full(&["note", "acme", "@mikko left a runbook"]);
    assert!(err.contains("Mikko Virtanen has moved to Beta AB"), "{err}");
    assert_eq!(last_people(&r, "acme"), serde_json::json!([]));
    // The move's fact is personal: never in a report.
    r.ok(&["note", "beta", "call: intro with @mikko"]);
    let report = r.ok(&["report", "beta", "--since", "2026-11-01"]);
    assert!(!report.contains("moved from"), "{report}");
}

#[test]
fn a_move_onto_a_namesake_or_nowhere_is_refused_and_changes_nothing() {
    let r = Rapport::new().with_two_clients();
    r.ok(&["person", "add", "beta", "Mikko Virtanen"]);
    let err = r.fails(&[
        "person",
        "move",
        "Mikko Virtanen",
        "--client",
        "acme",
        "--to",
        "beta",
    ]);
    assert!(err.contains("already a Mikko Virtanen at Beta AB"), "{err}");
    let err = r.fails(&["person", "move", "anna", "--to", "acme"]);
    assert!(err.contains("Anna Berg is already at Acme Oy"), "{err}");
    let err = r.fails(&["person", "move", "anna", "--to", "nowhere"]);
    assert!(err.contains("no client named 'nowhere'"), "{err}");
    assert_eq!(
        names(r.json(&["person", "list", "acme", "--json"])),
        ["Anna Berg", "Mikko Virtanen"]
    );
    assert_eq!(
        r.json(&["person", "show", "anna", "--json"])["facts"],
        serde_json::json!([])
    );
}

#[test]
fn a_vcard_imported_into_the_wrong_client_is_fixed_by_moving_the_people() {
    let r = Rapport::new().with_two_clients();
    let out = r.ok(&["person", "import", PHONE_FIXTURE, "--client", "beta"]);
    assert!(out.contains("Beta AB: 3 added"), "{out}");
    for name in ["佐藤", "田中"] {
        let out = r.ok(&["person", "move", name, "--to", "acme"]);
        assert!(out.contains("to Acme Oy"), "{out}");
    }
    // The card's Mikko is already at Acme: the move says so, and the stray card is removed.
    let err = r.fails(&[
        "person", "move", "mikko", "--client", "beta", "--to", "acme",
    ]);
    assert!(err.contains("already a Mikko Virtanen at Acme Oy"), "{err}");
    r.ok(&["person", "remove", "mikko", "--client", "beta"]);
    assert_eq!(
        names(r.json(&["person", "list", "beta", "--json"])),
        ["Lars Holm"]
    );
    assert_eq!(
        names(r.json(&["person", "list", "acme", "--json"])),
        ["Anna Berg", "Mikko Virtanen", "佐藤 健一", "田中 美咲"]
    );
    r.ok(&["note", "acme", "call: @佐藤 and @田中 on the migration"]);
    assert_eq!(as_array(last_people(&r, "acme")).len(), 2);
}

#[test]
fn facts_are_listed_edited_and_removed_by_number() {
    let r = Rapport::new().with_two_clients();
    let out = r.ok(&["person", "fact", "mikko", "--list"]);
    assert!(
        out.contains("no personal facts noted for Mikko Virtanen"),
        "{out}"
    );
    r.ok(&["person", "fact", "mikko", "Weekend fishing trip in Lapland"]);
    r.ok(&["person", "fact", "mikko", "Daughter strted school"]);
    let out = r.ok(&["person", "fact", "mikko", "--list"]);
    assert_eq!(
        out.trim(),
        "Mikko Virtanen\n  1  2026-11-23  Weekend fishing trip in Lapland\n  2  2026-11-23  Daughter strted school"
    );

    let out = r.ok(&[
        "person",
        "fact",
        "mikko",
        "--edit",
        "2",
        "Daughter started school",
    ]);
    assert_eq!(
        out.trim(),
        "fact 2 of Mikko Virtanen now reads: Daughter started school"
    );
    let out = r.ok(&["person", "fact", "mikko", "--remove", "1"]);
    assert_eq!(
        out.trim(),
        "removed fact 1 of Mikko Virtanen: Weekend fishing trip in Lapland"
    );
    assert_eq!(
        r.json(&["person", "show", "mikko", "--json"])["facts"],
        serde_json::json!([{"text": "Daughter started school", "noted": "2026-11-23"}])
    );

    for (args, wanted) in [
        (&["--remove", "2"][..], "no fact 2: Mikko Virtanen has 1"),
        (&["--remove", "0"], "no fact 0: Mikko Virtanen has 1"),
        (&["--edit", "5", "text"], "no fact 5: Mikko Virtanen has 1"),
        (&["--edit", "1", " "], "the fact is empty"),
        (&["--edit", "1"], "--edit N needs the new text"),
        (&["--remove", "1", "text"], "--remove N takes no text"),
        (&[], "give the fact's text"),
    ] {
        let mut all = vec!["person", "fact", "mikko"];
        all.extend_from_slice(args);
        let err = r.fails(&all);
        assert!(err.contains(wanted), "{args:?}: {err}");
    }
    let err = r.fails(&["person", "fact", "mikko", "--list", "--remove", "1"]);
    assert!(err.contains("cannot be used with"), "{err}");
    assert_eq!(
        as_array(r.json(&["person", "show", "mikko", "--json"])["facts"].clone()).len(),
        1,
        "refusals change nothing"
    );
}

#[test]
fn an_export_for_others_carries_no_personal_facts() {
    let r = Rapport::new().with_two_clients();
    r.ok(&["person", "fact", "mikko", "secret QUOKKA hobby"]);
    r.ok(&["person", "move", "anna", "--to", "beta"]);
    assert!(r.export().contains("QUOKKA"), "a backup keeps everything");
    let shared = r.ok(&["export", "--without-private"]);
    assert!(!shared.contains("QUOKKA"), "{shared}");
    assert!(!shared.contains("moved from"), "{shared}");
    assert!(
        shared.contains("Mikko Virtanen"),
        "the people are still there"
    );
}

/// Every view of the old client's past names a person who moved or was removed: the events
/// hold their id, and the name is looked up wherever they are now.
#[test]
fn the_old_clients_past_names_a_person_who_moved_or_was_removed_everywhere() {
    let r = Rapport::new().with_two_clients();
    let call = r.ok(&[
        "note",
        "acme",
        "call: failover with @Mikko",
        "--at",
        "2026-11-19 10:00",
    ]);
    let win = r.ok(&[
        "note",
        "acme",
        "win: @Mikko praised the runbook",
        "--at",
        "2026-11-20 10:00",
    ]);
    r.ok(&[
        "note",
        "acme",
        "win: @Anna signed the renewal",
        "--at",
        "2026-11-21 10:00",
    ]);
    r.ok(&["person", "move", "mikko", "--to", "beta"]);
    r.ok(&["person", "remove", "anna"]);

    let shown = r.ok(&["client", "show", "acme"]);
    let recent = &shown[shown.find("Recent").expect("recent events")..];
    assert_eq!(recent.matches("Mikko Virtanen").count(), 2, "{shown}");
    assert_eq!(recent.matches("Anna Berg").count(), 1, "{shown}");
    let log = r.ok(&["log", "acme"]);
    assert_eq!(log.matches("Mikko Virtanen").count(), 2, "{log}");
    assert!(log.contains("Anna Berg"), "{log}");
    for id in [call.trim(), win.trim()] {
        let show = r.ok(&["show", id]);
        assert!(show.contains("with       Mikko Virtanen"), "{show}");
    }
    let brief = r.ok(&["brief", "acme"]);
    assert!(
        brief.contains("Mikko Virtanen") && brief.contains("Anna Berg"),
        "{brief}"
    );
    let report = r.ok(&["report", "acme", "--since", "2026-11-01"]);
    assert!(
        report.contains("Mikko Virtanen") && report.contains("Anna Berg"),
        "{report}"
    );
    // An edit of a past event that names them again keeps them on it.
    r.ok(&["edit", win.trim(), "win: @Mikko praised the runbook #docs"]);
    assert_eq!(
        r.json(&["show", win.trim(), "--json"])["event"]["people"],
        serde_json::json!([MIKKO_ID])
    );
    // Coverage counts only the people the client has now: nobody.
    let people = r.json(&["person", "list", "acme", "--json"]);
    assert_eq!(as_array(people).len(), 0);
}

#[test]
fn a_birthday_and_an_anniversary_are_set_shown_and_cleared() {
    let r = Rapport::new().with_two_clients();
    let out = r.ok(&[
        "person",
        "edit",
        "mikko",
        "--birthday",
        "1980-03-14",
        "--anniversary",
        "2021-12-07",
    ]);
    assert!(out.contains("updated Mikko Virtanen"), "{out}");
    let show = r.ok(&["person", "show", "mikko"]);
    assert!(
        show.contains("birthday   1980-03-14 (next Sun 14 Mar 2027)"),
        "{show}"
    );
    assert!(
        show.contains("anniversary 2021-12-07 (next Mon 7 Dec 2026)"),
        "{show}"
    );
    let json = r.json(&["person", "show", "mikko", "--json"]);
    assert_eq!(json["birthday"], "1980-03-14");

    // The year is optional; Feb 29 is a day; `none` clears; the rest is refused, saying how.
    r.ok(&["person", "edit", "mikko", "--birthday", "02-29"]);
    let json = r.json(&["person", "show", "mikko", "--json"]);
    assert_eq!(json["birthday"], "02-29");
    assert_eq!(json["anniversary"], "2021-12-07", "left as it was");
    r.ok(&["person", "edit", "mikko", "--birthday", "none"]);
    let json = r.json(&["person", "show", "mikko", "--json"]);
    assert!(json["birthday"].is_null(), "{json}");
    for bad in ["1981-02-29", "14.3.1980", "13-01"] {
        let err = r.fails(&["person", "edit", "mikko", "--birthday", bad]);
        assert!(
            err.contains("write it as 1980-03-14, or 03-14"),
            "{bad}: {err}"
        );
    }
    assert_eq!(
        r.json(&["person", "show", "mikko", "--json"])["anniversary"],
        "2021-12-07"
    );
}
