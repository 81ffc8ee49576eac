//! `rapport search`: groups, ranking, filters, Japanese and emoji, removed notes, JSON.

use crate::common;

use common::{as_array, line_index, str_of, Rapport};
use serde_json::Value;

/// Acme and Beta with a few notes each (see `with_two_clients` for the people).
fn notes() -> Rapport {
    let r = Rapport::new().with_two_clients();
    for args in [
        &[
            "note",
            "acme",
            "replication lag at month end",
            "--kind",
            "call",
            "--at",
            "2026-03-02 09:00",
        ][..],
        &[
            "note",
            "acme",
            "the repl shell was open",
            "--at",
            "2026-10-01 09:00",
        ],
        &[
            "note",
            "acme",
            "月末のレプリケーション遅延について相談",
            "--kind",
            "meeting",
            "--at",
            "2026-11-10 09:00",
        ],
        &[
            "note",
            "acme",
            "shipped the upgrade 🎉",
            "--kind",
            "win",
            "--at",
            "2026-11-12 09:00",
        ],
        &[
            "note",
            "acme",
            "wife expecting in March, ask about replication later !private",
            "--at",
            "2026-11-14 09:00",
        ],
        &[
            "note",
            "beta",
            "replication for beta too",
            "--kind",
            "call",
            "--at",
            "2026-11-20 09:00",
        ],
    ] {
        r.ok(args);
    }
    r
}

fn found(r: &Rapport, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    let results = r.json(&all);
    as_array(results["notes"].clone())
        .iter()
        .map(|hit| str_of(&hit["event"]["text"]))
        .collect()
}

#[test]
fn results_are_grouped_ranked_and_plain_when_not_a_terminal() {
    let r = notes();
    let out = r.ok(&["search", "repl"]);
    assert!(!out.contains('\x1b'), "no colour into a pipe:\n{out}");
    assert!(out.starts_with("Notes\n"), "{out}");
    // The exact word first, then prefixes newest first.
    let exact = line_index(&out, "the repl shell was open");
    let beta = line_index(&out, "replication for beta too");
    let private = line_index(&out, "wife expecting");
    let oldest = line_index(&out, "replication lag at month end");
    assert!(exact < beta && beta < private && private < oldest, "{out}");
    assert!(
        out.lines().nth(private).unwrap().contains("[private]"),
        "{out}"
    );
    assert!(out.contains("Beta AB: replication for beta too"), "{out}");
}

#[test]
fn names_and_people_come_before_notes() {
    let r = notes();
    let out = r.ok(&["search", "anna"]);
    assert_eq!(out, "People\n  Anna Berg, Acme Oy\n");
    let out = r.ok(&["search", "acme"]);
    assert!(out.starts_with("Clients\n  Acme Oy\n"), "{out}");
}

#[test]
fn filters_combine() {
    let r = notes();
    assert_eq!(
        found(&r, &["replication", "--client", "beta"]),
        ["replication for beta too"]
    );
    assert_eq!(
        found(&r, &["replication", "--kind", "call"]),
        ["replication for beta too", "replication lag at month end"]
    );
    assert_eq!(
        found(
            &r,
            &[
                "replication",
                "--kind",
                "call",
                "--since",
                "2026-06-01",
                "--client",
                "acme"
            ]
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        found(&r, &["repl", "--limit", "1"]),
        ["the repl shell was open"]
    );
    let results = r.json(&["search", "acme", "--kind", "call", "--json"]);
    assert_eq!(results["clients"], Value::Array(vec![]), "notes only");
    let err = r.fails(&["search", "repl", "--client", "nobody"]);
    assert!(err.contains("nobody"), "{err}");
}

#[test]
fn japanese_emoji_and_full_width_queries() {
    let r = notes();
    assert_eq!(
        found(&r, &["レプリ"]),
        ["月末のレプリケーション遅延について相談"]
    );
    assert_eq!(found(&r, &["ﾚﾌﾟﾘｹｰｼｮﾝ"]).len(), 1, "half-width kana");
    assert_eq!(found(&r, &["🎉"]), ["shipped the upgrade 🎉"]);
    assert_eq!(found(&r, &["ＳＨＩＰ"]), ["shipped the upgrade 🎉"]);
    let results = r.json(&["search", "遅延", "--json"]);
    let hit = &results["notes"][0];
    assert_eq!(hit["tier"], "exact");
    assert_eq!(str_of(&hit["client_name"]), "Acme Oy");
}

#[test]
fn removed_notes_are_never_found_and_restored_ones_are() {
    let r = notes();
    let results = r.json(&["search", "🎉", "--json"]);
    let id = str_of(&results["notes"][0]["event"]["id"]);
    r.ok(&["delete", &id]);
    assert!(found(&r, &["🎉"]).is_empty());
    assert_eq!(r.ok(&["search", "shipped"]), "nothing matches 'shipped'\n");
    r.ok(&["restore", &id]);
    assert_eq!(found(&r, &["shipped"]), ["shipped the upgrade 🎉"]);
}
