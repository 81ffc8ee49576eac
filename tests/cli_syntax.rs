//! The inline note syntax through the real binary: `rapport note` and `rapport promise` store
//! what the text says, flags win over it, and an unknown @name warns without losing the note.

use crate::common;

use common::{is_ulid, str_of, Rapport, ANNA_ID, MIKKO_ID};
use serde_json::{json, Value};

/// Runs a writing command; returns the saved event (from `log --json`) and stderr.
fn saved(r: &Rapport, args: &[&str]) -> (Value, String) {
    let (out, err) = r.ok_full(args);
    let id = out.trim();
    assert!(is_ulid(id), "stdout should be one ULID, got {out:?}");
    let event = r
        .log("acme", &["--removed"])
        .into_iter()
        .find(|e| str_of(&e["id"]) == id)
        .unwrap_or_else(|| panic!("{id} is not in the log"));
    (event, err)
}

/// The fields the syntax sets, for one comparison.
fn fields(e: &Value) -> Value {
    json!({
        "kind": e["kind"], "text": e["text"], "people": e["people"], "tags": e["tags"],
        "trust": e["trust"], "private": e["private"], "minutes": e["minutes"],
        "billed": e["billed"], "promise": e["promise"],
    })
}

/// Acme's people plus a Japanese stakeholder, 佐藤 健一; returns the latter's id.
fn with_sato(r: &Rapport) -> String {
    r.ok(&["person", "add", "acme", "佐藤 健一", "--role", "manager"]);
    r.person_ids()["佐藤 健一"].clone()
}

#[test]
fn inline_syntax_is_stored() {
    let r = Rapport::new().with_two_clients();
    let (e, err) = saved(
        &r,
        &[
            "note",
            "acme",
            "call: Failover test went fine with @Mikko and @Anna_Berg +1 45m #Replication #db",
        ],
    );
    assert_eq!(
        fields(&e),
        json!({
            "kind": "call", "text": "Failover test went fine with Mikko and",
            "people": [MIKKO_ID, ANNA_ID], "tags": ["replication", "db"], "trust": 1,
            "private": false, "minutes": 45, "billed": false, "promise": null,
        })
    );
    assert_eq!(err, "", "nothing to warn about");

    let (e, _) = saved(
        &r,
        &[
            "note",
            "acme",
            "advice: explained partitioning to @mikko 1h30 billed !private",
        ],
    );
    assert_eq!(
        fields(&e),
        json!({
            "kind": "advice", "text": "explained partitioning to", "people": [MIKKO_ID],
            "tags": [], "trust": r.default_config_int("trust.deltas.advice"), "private": true,
            "minutes": 90, "billed": true, "promise": null,
        })
    );
}

#[test]
fn words_that_only_look_like_syntax_stay_text() {
    let r = Rapport::new().with_two_clients();
    let text = "call: they have 45m rows, C++1 and 5+ ideas, mail mikko@acme.fi";
    let (e, _) = saved(&r, &["note", "acme", text]);
    assert_eq!(e["kind"], "call");
    assert_eq!(e["text"], &text["call: ".len()..]);
    assert_eq!(e["minutes"], json!(null));
    assert_eq!(e["people"], json!([]));
    assert_eq!(e["trust"], r.default_config_int("trust.deltas.call"));
}

#[test]
fn flags_beat_the_syntax_and_lists_merge() {
    let r = Rapport::new().with_two_clients();
    let (e, _) = saved(
        &r,
        &[
            "note",
            "acme",
            "meeting: review with @Mikko +2 30m #db",
            "--kind",
            "call",
            "--trust",
            "-1",
            "--minutes",
            "60",
            "--tag",
            "ops",
            "--tag",
            "DB",
            "--with",
            "Anna",
            "--with",
            "Mikko",
        ],
    );
    assert_eq!(
        fields(&e),
        json!({
            "kind": "call", "text": "review with", "people": [ANNA_ID, MIKKO_ID],
            "tags": ["ops", "DB"], "trust": -1, "private": false, "minutes": 60,
            "billed": false, "promise": null,
        })
    );
    // The kind flag also decides what reads: `billed` is advice's word, not a note's.
    let (e, _) = saved(
        &r,
        &["note", "acme", "Workshop 2h billed", "--kind", "advice"],
    );
    assert_eq!(
        (e["text"].clone(), e["minutes"].clone(), e["billed"].clone()),
        (json!("Workshop"), json!(120), json!(true))
    );
    let (e, _) = saved(&r, &["note", "acme", "Invoice billed 2h"]);
    assert_eq!(e["text"], "Invoice billed 2h");
}

#[test]
fn an_unknown_mention_warns_and_the_note_is_kept() {
    let r = Rapport::new().with_two_clients();
    // Twice: with the names file (the quick path) and without it (the store's own names).
    for quick in [true, false] {
        if !quick {
            std::fs::remove_file(r.data_dir().join("names")).expect("the names file exists");
        }
        let (e, err) = saved(&r, &["note", "acme", "call: lunch with @Jussi and @Mikko"]);
        assert_eq!(e["text"], "lunch with Jussi and");
        assert_eq!(e["people"], json!([MIKKO_ID]), "Mikko is still linked");
        assert!(
            err.contains("@Jussi is not one of Acme Oy's people")
                && err.contains("the name stays in the note as text"),
            "{err}"
        );
        assert!(
            err.contains("rapport person add acme Jussi"),
            "says how to add the person: {err}"
        );
    }
    // A near miss gets a suggestion; a person of another client is not theirs.
    let (_, err) = saved(&r, &["note", "acme", "@Mikkko and @Lars"]);
    assert!(
        err.contains("Did you mean: Mikko Virtanen at Acme Oy?"),
        "{err}"
    );
    assert!(
        err.contains("@Lars is not one of Acme Oy's people"),
        "{err}"
    );
    // Once added, the same mention links.
    r.ok(&["person", "add", "acme", "Jussi Mäki"]);
    let (e, err) = saved(&r, &["note", "acme", "@Jussi again"]);
    assert_eq!(e["people"], json!([r.person_ids()["Jussi Mäki"]]));
    assert_eq!(err, "");
    // Two people the name could mean: neither is guessed.
    r.ok(&["person", "add", "acme", "Mikko Laine"]);
    let (e, err) = saved(&r, &["note", "acme", "@Mikko called"]);
    assert_eq!(e["people"], json!([]));
    let either = [
        "@Mikko could be Mikko Laine or Mikko Virtanen;",
        "@Mikko could be Mikko Virtanen or Mikko Laine;",
    ];
    assert!(either.iter().any(|e| err.contains(e)), "{err}");
    assert!(err.contains("with _ for spaces (@Mikko_"), "{err}");
    let (e, err) = saved(&r, &["note", "acme", "@Mikko_V called"]);
    assert_eq!((e["people"].clone(), err.as_str()), (json!([MIKKO_ID]), ""));
}

#[test]
fn japanese_with_full_width_syntax() {
    let r = Rapport::new().with_two_clients();
    let sato = with_sato(&r);
    let (e, err) = saved(
        &r,
        &[
            "note",
            "acme",
            "ｃａｌｌ：＠佐藤さん、移行計画を相談した　＋１　＃移行　＃ＤＢ",
        ],
    );
    assert_eq!(err, "");
    assert_eq!(
        fields(&e),
        json!({
            "kind": "call", "text": "佐藤さん、移行計画を相談した", "people": [sato],
            "tags": ["移行", "db"], "trust": 1, "private": false, "minutes": null,
            "billed": false, "promise": null,
        })
    );
    // Inside the sentence a tag stays a word; a known name ends where the name does.
    let (e, err) = saved(
        &r,
        &["note", "acme", "＃移行 の件で ＠佐藤さんと話した ！private"],
    );
    assert_eq!(e["text"], "移行 の件で 佐藤さんと話した");
    assert_eq!(e["private"], true);
    assert_eq!((e["people"].clone(), err.as_str()), (json!([sato]), ""));
}

/// Japanese as Japanese users write it: no spaces, and the client's people decide where a
/// name ends.
#[test]
fn unspaced_japanese() {
    let r = Rapport::new().with_two_clients();
    r.ok(&["person", "add", "acme", "田中 太郎"]);
    let sato = with_sato(&r);
    let tanaka = r.person_ids()["田中 太郎"].clone();
    let (e, err) = saved(&r, &["note", "acme", "日程を決めた。＠田中 ＃aurora"]);
    assert_eq!(err, "");
    assert_eq!(
        (e["text"].clone(), e["people"].clone(), e["tags"].clone()),
        (json!("日程を決めた。"), json!([tanaka]), json!(["aurora"]))
    );
    let (e, err) = saved(&r, &["note", "acme", "＠田中さんと日程を決めた"]);
    assert_eq!(err, "");
    assert_eq!(
        (e["text"].clone(), e["people"].clone()),
        (json!("田中さんと日程を決めた"), json!([tanaka]))
    );
    let (e, err) = saved(&r, &["note", "acme", "＃移行の件で＠佐藤さんと相談した"]);
    assert_eq!(err, "");
    assert_eq!(
        (e["text"].clone(), e["people"].clone(), e["tags"].clone()),
        (
            json!("移行の件で佐藤さんと相談した"),
            json!([sato]),
            json!(["移行"])
        )
    );
    let (e, _) = saved(&r, &["note", "acme", "call: 移行を相談した ３０分"]);
    assert_eq!(
        (e["text"].clone(), e["minutes"].clone()),
        (json!("移行を相談した"), json!(30))
    );
    // A new name ends at its honorific, and the warning says how to add them.
    let (e, err) = saved(&r, &["note", "acme", "＠鈴木さんに確認した"]);
    assert_eq!(e["text"], "鈴木さんに確認した");
    assert!(err.contains("rapport person add acme 鈴木"), "{err}");
}

/// A word that looks like syntax but does not read is refused by name, nothing written; a
/// backslash or --literal keeps it as text on purpose.
#[test]
fn doubtful_syntax_is_refused_unless_kept_as_text() {
    let r = Rapport::new().with_two_clients();
    let before = r.export();
    for (text, token) in [
        ("send the plan due:12-15", "due:12-15"),
        ("send the plan due:2026-13-45", "due:2026-13-45"),
        ("great call +4", "+4"),
        ("mixed +2 -1", "-1"),
        ("cal: went fine", "cal:"),
        ("chat: plan due:fri", "due:fri"),
        ("met at:someday", "at:someday"),
    ] {
        let err = r.fails(&["note", "acme", text]);
        assert!(err.contains(&format!("'{token} ")), "{text}: {err}");
        assert!(
            err.contains(&format!("Nothing was saved. Fix it, or keep it as text: \\{token} in the note, or --literal.")),
            "{text}: {err}"
        );
    }
    let err = r.fails(&["promise", "acme", "send the plan due:someday"]);
    assert!(
        err.contains("'due:someday needs a date such as fri"),
        "{err}"
    );
    assert_eq!(r.export(), before, "nothing was written");

    let (e, _) = saved(&r, &["note", "acme", "great call +4", "--literal"]);
    assert_eq!(
        (e["text"].clone(), e["trust"].clone()),
        (json!("great call +4"), json!(0))
    );
    let (e, _) = saved(&r, &["note", "acme", "score \\+4 with \\@home"]);
    assert_eq!(e["text"], "score +4 with @home");
    let (e, _) = saved(&r, &["promise", "acme", "plan due:someday", "--literal"]);
    assert_eq!(e["text"], "plan due:someday");
}

/// `at:` backdates a note as `--at` does; the flag wins; the future is refused.
#[test]
fn at_in_the_text_backdates() {
    let r = Rapport::new().with_two_clients();
    let at = |e: &Value| str_of(&e["at"]);
    let (e, _) = saved(&r, &["note", "acme", "call: went fine at:10:00"]);
    assert_eq!(
        (e["text"].clone(), at(&e).as_str()),
        (json!("went fine"), "2026-11-23T10:00:00Z")
    );
    let (e, _) = saved(&r, &["note", "acme", "call: x at:yesterday_15:30"]);
    assert_eq!(at(&e), "2026-11-22T15:30:00Z");
    let (e, _) = saved(
        &r,
        &["note", "acme", "x at:10:00", "--at", "yesterday 09:00"],
    );
    assert_eq!(at(&e), "2026-11-22T09:00:00Z");
    let err = r.fails(&["note", "acme", "x at:tomorrow"]);
    assert!(err.contains("'at:tomorrow is in the future"), "{err}");
}

#[test]
fn a_promise_with_a_due_date_from_the_text() {
    let r = Rapport::new().with_two_clients();
    let open = |due: &str| json!({"due": due, "outcome": null, "outcome_event": null});
    let (e, _) = saved(
        &r,
        &[
            "note",
            "acme",
            "promise: send the upgrade plan due:fri @Anna",
        ],
    );
    assert_eq!(e["kind"], "promise");
    assert_eq!(e["text"], "send the upgrade plan");
    assert_eq!(e["promise"], open("2026-11-27"));
    assert_eq!(e["people"], json!([ANNA_ID]));
    assert_eq!(e["trust"], r.default_config_int("trust.deltas.promise"));

    // `due:` alone makes a promise; `rapport promise` reads the syntax too, and --due wins.
    let (e, _) = saved(&r, &["note", "acme", "Send the invoice due:2026-12-01"]);
    assert_eq!(
        (e["kind"].clone(), e["promise"].clone()),
        (json!("promise"), open("2026-12-01"))
    );
    let (e, _) = saved(
        &r,
        &[
            "promise",
            "acme",
            "Review the runbook due:fri #ops -1 !private",
        ],
    );
    assert_eq!(
        fields(&e),
        json!({
            "kind": "promise", "text": "Review the runbook", "people": [], "tags": ["ops"],
            "trust": -1, "private": true, "minutes": null, "billed": false,
            "promise": open("2026-11-27"),
        })
    );
    let (e, _) = saved(
        &r,
        &[
            "promise",
            "acme",
            "Call back due:fri",
            "--due",
            "2026-12-01",
        ],
    );
    assert_eq!(e["promise"], open("2026-12-01"));
    assert_eq!(r.client("Acme Oy")["open_promises"], 4);
    let human = r.ok(&["log", "acme"]);
    assert!(
        human.contains("Send the invoice [due 2026-12-01]"),
        "{human}"
    );

    // Under a kind nobody promises in, `due:` is refused, or kept as text on purpose.
    let (e, _) = saved(&r, &["note", "acme", "chat: plan due:fri", "--literal"]);
    assert_eq!(
        (e["text"].clone(), e["promise"].clone()),
        (json!("plan due:fri"), json!(null))
    );
}

/// A promise made during a call: the call stays a call with its trust and people, and the
/// sentence with the `due:` is a promise of its own, linked to the call, in the same write.
#[test]
fn a_call_note_holds_the_promise_made_in_it() {
    let r = Rapport::new().with_two_clients();
    let (call, err) = saved(
        &r,
        &[
            "note",
            "acme",
            "call: went over the outage with @Anna. I will send the post-mortem doc due:fri +1 !private",
        ],
    );
    assert_eq!(
        (
            call["kind"].clone(),
            call["text"].clone(),
            call["trust"].clone()
        ),
        (
            json!("call"),
            json!("went over the outage with Anna. I will send the post-mortem doc"),
            json!(1)
        )
    );
    assert_eq!(call["promise"], json!(null));
    let log = r.log("acme", &[]);
    let promise = log
        .iter()
        .find(|e| e["kind"] == "promise")
        .unwrap_or_else(|| panic!("no promise in {log:?}"));
    assert_eq!(
        fields(promise),
        json!({
            "kind": "promise", "text": "I will send the post-mortem doc", "people": [ANNA_ID],
            "tags": [], "trust": r.default_config_int("trust.deltas.promise"), "private": true,
            "minutes": null, "billed": false,
            "promise": {"due": "2026-11-27", "outcome": null, "outcome_event": null},
        })
    );
    assert_eq!(promise["made_in"], call["id"]);
    assert_eq!(promise["at"], call["at"]);
    assert!(err.contains("promise made in the call"), "{err}");
    // The call is contact: the check-in is reset; the promise is open.
    let client = r.client("Acme Oy");
    assert_eq!(client["open_promises"], 1);
    assert_eq!(client["last_contact"], call["at"]);

    // log shows the link both ways.
    let human = r.ok(&["log", "acme"]);
    let short = &str_of(&call["id"])[..8];
    assert!(
        human.contains(&format!("[made in call {short}]")),
        "{human}"
    );
    assert!(human.contains("[1 promise]"), "{human}");
}

#[test]
fn a_note_that_is_only_syntax_is_refused() {
    let r = Rapport::new().with_two_clients();
    let before = r.export();
    let err = r.fails(&["note", "acme", "call: +1 45m #db"]);
    assert!(
        err.contains("the note is empty once its syntax is read (call · +1 · #db · 45 min)"),
        "{err}"
    );
    let err = r.fails(&["note", "acme", "  "]);
    assert!(err.contains("the note is empty"), "{err}");
    assert_eq!(r.export(), before);
}
