//! `rapport export` and `rapport import` against the real binary.

use crate::common;

use common::{str_of, Rapport, ACME_ID};
use serde_json::{json, Value};
use std::os::unix::fs::PermissionsExt;
use std::sync::OnceLock;

/// Two clients, people with a Japanese name and facts, notes (one private), a kept promise and
/// a removed note: everything an export must carry, typed in command by command.
fn built() -> Rapport {
    let r = Rapport::new().with_two_clients();
    r.ok(&["person", "add", "beta", "佐藤 健一", "--tz", "Asia/Tokyo"]);
    r.ok(&["person", "fact", "佐藤", "週末は釣りが好き"]);
    r.ok(&[
        "client",
        "edit",
        "acme",
        "--concern",
        "Oracle licence audit",
        "--tag",
        "fintech",
    ]);
    r.ok(&[
        "note",
        "acme",
        "Failover test went fine",
        "--kind",
        "call",
        "--with",
        "Mikko",
        "--at",
        "2026-11-20 14:00",
    ]);
    r.ok(&[
        "note",
        "acme",
        "Wife expecting in March SECRETWORD",
        "--private",
        "--with",
        "Anna",
    ]);
    r.ok(&[
        "note",
        "beta",
        "東京で打ち合わせ",
        "--kind",
        "meeting",
        "--with",
        "佐藤",
        "--minutes",
        "90",
    ]);
    let promise = r.ok(&["promise", "acme", "Send the plan", "--due", "2026-12-01"]);
    r.ok(&["kept", promise.trim()]);
    let gone = r.ok(&["note", "acme", "Oops"]);
    r.ok(&["delete", gone.trim()]);
    r
}

/// The same store as `built`, loaded from its export with one `import`. The export is made
/// once per test binary, as a dozen runs of the binary per test add up.
fn populated() -> Rapport {
    static EXPORT: OnceLock<String> = OnceLock::new();
    let export = EXPORT.get_or_init(|| built().export());
    let r = Rapport::new();
    let file = r.path("populated.jsonl");
    std::fs::write(&file, export).unwrap();
    r.ok(&["import", file.to_str().unwrap()]);
    r
}

fn lines(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn export_to_stdout_and_to_a_private_file() {
    let r = built();
    let stdout = r.export();
    let records = lines(&stdout);
    assert_eq!(
        records[0],
        json!({"type": "header", "format": "rapport", "version": 2})
    );
    let count = |t: &str| records.iter().filter(|r| r["type"] == t).count();
    assert_eq!(
        (count("client"), count("person"), count("event")),
        (2, 4, 6)
    );
    assert!(
        stdout.contains("週末は釣りが好き") && stdout.contains("東京で打ち合わせ"),
        "UTF-8 kept as is"
    );
    let removed = records
        .iter()
        .find(|r| r["text"] == "Oops")
        .expect("removed events are exported");
    assert_eq!(removed["deleted"], "2026-11-23T12:00:00Z");

    let file = r.path("backup.jsonl");
    let (out, err) = r.ok_full(&["export", "-o", file.to_str().unwrap()]);
    assert_eq!(out, "", "nothing on stdout when writing a file");
    assert!(
        err.contains("exported 2 clients, 4 people, 6 events to"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "exports hold confidential notes");
}

#[test]
fn import_into_a_fresh_store_round_trips_byte_for_byte() {
    let r = built();
    let file = r.path("backup.jsonl");
    r.ok(&["export", "-o", file.to_str().unwrap()]);
    let original = std::fs::read(&file).unwrap();

    let fresh = Rapport::new();
    let out = fresh.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(out.trim(), "imported 2 clients, 4 people, 6 events");
    assert_eq!(fresh.export().into_bytes(), original);
    assert_eq!(
        fresh.clients(),
        r.clients(),
        "summaries are rebuilt the same"
    );
    assert!(fresh.ok(&["check"]).contains("no drift"));
    assert_eq!(
        fresh.ok(&["log", "acme", "--removed"]),
        r.ok(&["log", "acme", "--removed"])
    );
}

#[test]
fn import_needs_an_empty_store_or_merge() {
    let r = populated();
    let file = r.path("backup.jsonl");
    r.ok(&["export", "-o", file.to_str().unwrap()]);
    let path = file.to_str().unwrap();

    let err = r.fails(&["import", path]);
    assert!(
        err.contains("is not empty") && err.contains("--merge"),
        "{err}"
    );
    let out = r.ok(&["import", "--merge", path]);
    assert_eq!(
        out.trim(),
        "imported 0 clients, 0 people, 0 events (12 already present, skipped)"
    );

    // Merging a partial copy into a store that has moved on adds only what is missing.
    let copy = Rapport::new();
    copy.ok(&["import", path]);
    r.ok(&["note", "acme", "Only in the original", "--kind", "email"]);
    r.ok(&["client", "add", "Gamma GmbH"]);
    let newer = r.path("newer.jsonl");
    r.ok(&["export", "-o", newer.to_str().unwrap()]);
    let out = copy.ok(&["import", "--merge", newer.to_str().unwrap()]);
    assert_eq!(
        out.trim(),
        "imported 1 clients, 0 people, 1 events (12 already present, skipped)"
    );
    assert_eq!(copy.export(), r.export());
}

#[test]
fn a_bad_line_names_its_number_and_writes_nothing() {
    let r = populated();
    let good = r.export();
    let fresh = Rapport::new();

    let mut broken: Vec<&str> = good.lines().collect();
    broken.insert(3, r#"{"type":"client", "name": oops}"#);
    let file = fresh.path("broken.jsonl");
    std::fs::write(&file, broken.join("\n")).unwrap();
    let err = fresh.fails(&["import", file.to_str().unwrap()]);
    assert!(err.contains("line 4: not a rapport record"), "{err}");
    assert!(
        err.contains("broken.jsonl"),
        "the message names the file: {err}"
    );
    assert_eq!(
        fresh.json(&["client", "list", "--all", "--json"]),
        json!([])
    );
    assert_eq!(fresh.json(&["person", "list", "--json"]), json!([]));

    // An event whose client is neither in the file nor in the store.
    let event = good
        .lines()
        .find(|l| l.contains(r#""type":"event""#) && l.contains(ACME_ID))
        .unwrap();
    let orphan = fresh.path("orphan.jsonl");
    std::fs::write(
        &orphan,
        format!("{}\n{event}\n", good.lines().next().unwrap()),
    )
    .unwrap();
    let err = fresh.fails(&["import", orphan.to_str().unwrap()]);
    assert!(err.contains("line 2: event"), "{err}");
    assert!(
        err.contains(&format!(
            "belongs to client {ACME_ID}, which is not in the file or the store"
        )),
        "{err}"
    );
    assert_eq!(
        fresh.json(&["client", "list", "--all", "--json"]),
        json!([])
    );

    // The bad line comes last: everything before it must not have been written either.
    let late = fresh.path("late.jsonl");
    std::fs::write(&late, format!("{good}not json at all\n")).unwrap();
    let err = fresh.fails(&["import", late.to_str().unwrap()]);
    assert!(
        err.contains(&format!(
            "line {}: not a rapport record",
            good.lines().count() + 1
        )),
        "{err}"
    );
    assert_eq!(
        fresh.json(&["client", "list", "--all", "--json"]),
        json!([])
    );
}

#[test]
fn files_that_are_not_exports_are_refused() {
    let r = Rapport::new();
    let headless = r.path("headless.jsonl");
    std::fs::write(
        &headless,
        format!("{{\"type\":\"client\",\"id\":\"{ACME_ID}\",\"name\":\"Acme Oy\"}}\n"),
    )
    .unwrap();
    let err = r.fails(&["import", headless.to_str().unwrap()]);
    assert!(
        err.contains("line 1: a rapport export starts with a header line"),
        "{err}"
    );
    let future = r.path("future.jsonl");
    std::fs::write(
        &future,
        "{\"type\":\"header\",\"format\":\"rapport\",\"version\":99}\n",
    )
    .unwrap();
    let err = r.fails(&["import", future.to_str().unwrap()]);
    assert!(err.contains("version 99"), "{err}");
    let empty = r.path("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let err = r.fails(&["import", empty.to_str().unwrap()]);
    assert!(err.contains("the file is empty"), "{err}");
    let err = r.fails(&["import", "/does/not/exist.jsonl"]);
    assert!(err.contains("cannot open /does/not/exist.jsonl"), "{err}");
    assert_eq!(r.json(&["client", "list", "--all", "--json"]), json!([]));
}

#[test]
fn csv_export_is_spreadsheet_friendly() {
    let r = populated();
    let file = r.path("timeline.csv");
    let (_, err) = r.ok_full(&["export", "--format", "csv", "-o", file.to_str().unwrap()]);
    assert!(err.contains("5 events"), "{err}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a UTF-8 BOM for spreadsheet programs"
    );
    let stdout = r.ok(&["export", "--format", "csv"]);
    assert_eq!(stdout.as_bytes(), &bytes[..]);

    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id", "when_utc", "client", "people", "kind", "text", "tags", "trust", "private",
            "minutes", "billed", "due", "outcome", "removed"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 5, "the removed note is left out");
    let tokyo = rows
        .iter()
        .find(|row| &row[4] == "meeting")
        .expect("the meeting row");
    assert_eq!(&tokyo[2], "Beta AB");
    assert_eq!(&tokyo[3], "佐藤 健一");
    assert_eq!(&tokyo[5], "東京で打ち合わせ");
    assert_eq!(&tokyo[9], "90");
    let call = rows.iter().find(|row| &row[4] == "call").unwrap();
    assert_eq!(&call[1], "2026-11-20 14:00:00");
    assert_eq!(&call[3], "Mikko Virtanen");
    let promise = rows.iter().find(|row| &row[5] == "Send the plan").unwrap();
    assert_eq!((&promise[11], &promise[12]), ("2026-12-01", "kept"));
    assert!(rows
        .iter()
        .all(|row| &row[5] != "Oops" && row[13].is_empty()));
}

/// The rows of a CSV export (after its BOM), read back by the csv crate.
fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    let body = text.strip_prefix('\u{feff}').expect("a BOM");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    reader.records().map(|r| r.unwrap()).collect()
}

#[test]
fn removed_notes_are_in_the_csv_only_with_removed_and_dated_as_when_utc() {
    let r = populated();
    for args in [
        &["export", "--format", "csv"][..],
        &["export", "--format", "csv", "--without-private"],
    ] {
        let out = r.ok(args);
        assert!(!out.contains("Oops"), "{args:?}: {out}");
    }
    let rows = csv_rows(&r.ok(&["export", "--format", "csv", "--with-removed"]));
    assert_eq!(rows.len(), 6);
    let oops = rows.iter().find(|row| &row[5] == "Oops").unwrap();
    assert_eq!(&oops[13], "2026-11-23 12:00:00");
    let shown = rows.iter().filter(|row| !row[13].is_empty()).count();
    assert_eq!(shown, 1, "only the removed note has a date there");
}

#[test]
fn csv_cells_a_spreadsheet_would_run_start_with_an_apostrophe() {
    let r = Rapport::new().with_two_clients();
    // As typed (a backslash keeps note syntax as text), and as stored.
    let notes = [
        (
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "=HYPERLINK(\"http://evil.example\",\"click\")",
        ),
        ("\\+358 40 123 4567 called", "+358 40 123 4567 called"),
        ("\\-2 after the outage", "-2 after the outage"),
        (
            "\\@SUM(1+1)*cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
        ),
        ("'quoted already", "'quoted already"),
    ];
    for (typed, _) in notes {
        r.ok(&["note", "acme", typed]);
    }
    r.ok(&["client", "add", "=Evil Corp"]);
    r.ok(&["note", "=Evil", "plain text stays as it is"]);
    let rows = csv_rows(&r.ok(&["export", "--format", "csv"]));
    for (_, note) in notes {
        let cell = format!("'{note}");
        assert!(rows.iter().any(|row| row[5] == cell), "{note}: {rows:?}");
    }
    let plain = rows
        .iter()
        .find(|row| &row[5] == "plain text stays as it is")
        .expect("a harmless note unchanged");
    assert_eq!(&plain[2], "'=Evil Corp", "names are cells too");
}

#[test]
fn a_dash_is_standard_output_and_standard_input() {
    let r = populated();
    let (exported, _) = r.ok_full(&["export", "-o", "-"]);
    assert_eq!(exported, r.export());
    assert!(!r.path("-").exists(), "no file named '-'");
    let (csv, _) = r.ok_full(&["export", "--format", "csv", "-o", "-"]);
    assert_eq!(csv, r.ok(&["export", "--format", "csv"]));
    for args in [&["report", "acme"][..], &["person", "export", "acme"]] {
        let dashed = [args, &["-o", "-"]].concat();
        assert_eq!(r.ok(&dashed), r.ok(args), "{dashed:?}");
        assert!(!r.path("-").exists(), "{dashed:?}: no file named '-'");
    }
    let cards = r.ok(&["person", "export", "acme"]);
    let fresh = Rapport::new().with_two_clients();
    let what = ["person", "import", "-", "--client", "beta"];
    let (out, _) = common::run_ok(fresh.cmd().args(what).write_stdin(cards), &what);
    assert!(
        out.contains("added"),
        "a vCard read from standard input: {out}"
    );

    for path in ["-", "/dev/stdin"] {
        let fresh = Rapport::new();
        let (out, err) = common::run_ok(
            fresh
                .cmd()
                .args(["import", path])
                .write_stdin(exported.clone()),
            &["import", path],
        );
        assert_eq!(
            out.trim(),
            "imported 2 clients, 4 people, 6 events",
            "{path}: {err}"
        );
        assert_eq!(fresh.export(), r.export(), "{path}");
    }
}

#[test]
fn a_jsonl_file_with_a_byte_order_mark_is_read() {
    let r = populated();
    let fresh = Rapport::new();
    let file = fresh.path("bom.jsonl");
    std::fs::write(&file, format!("\u{feff}{}", r.export())).unwrap();
    let out = fresh.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(out.trim(), "imported 2 clients, 4 people, 6 events");
    assert_eq!(fresh.export(), r.export());
}

#[test]
fn without_private_leaves_private_notes_out() {
    let r = populated();
    assert!(r.export().contains("SECRETWORD"));
    assert!(r.ok(&["export", "--format", "csv"]).contains("SECRETWORD"));

    let jsonl = r.ok(&["export", "--without-private"]);
    assert!(!jsonl.contains("SECRETWORD"), "{jsonl}");
    assert_eq!(
        lines(&jsonl)
            .iter()
            .filter(|r| r["type"] == "event")
            .count(),
        5
    );
    let csv = r.ok(&["export", "--format", "csv", "--without-private"]);
    assert!(!csv.contains("SECRETWORD"), "{csv}");
    assert!(csv.contains("Failover test went fine"), "other notes stay");

    let file = r.path("shared.jsonl");
    let (_, err) = r.ok_full(&["export", "--without-private", "-o", file.to_str().unwrap()]);
    assert!(err.contains("5 events"), "{err}");
    assert!(!std::fs::read_to_string(&file)
        .unwrap()
        .contains("SECRETWORD"));
}

/// Bug: `-o` onto an existing file keeps that file's mode, so an export can end up readable by
/// everybody although `--help` says the file is "created private, 0600".
#[test]

fn export_over_an_existing_file_makes_it_private() {
    let r = populated();
    let file = r.path("existing.jsonl");
    std::fs::write(&file, "old").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    r.ok(&["export", "-o", file.to_str().unwrap()]);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// An export of a client (line 2), a person (line 3) and a promise (line 4), with `field` of
/// the record of `kind` set to `value`.
fn with_bad_field(kind: &str, field: &str, value: Value) -> String {
    let header = json!({"type":"header","format":"rapport","version":1});
    let mut client = json!({"type":"client","id":ACME_ID,"name":"Acme Oy","alias":"acme",
        "state":"active","cadence_days":30,"style":"periodic","snooze_until":null,"tags":[],
        "concerns":[],"archived":false,"created":"2026-11-01T09:00:00Z"});
    let mut person = json!({"type":"person","id":"01KA0000000000000000000011","client":ACME_ID,
        "name":"Mikko","title":null,"role":"gatekeeper","stance":"neutral","channel":"email",
        "email":null,"phone":null,"time_zone":null,"facts":[],"created":"2026-11-01T09:00:00Z"});
    let mut event = json!({"type":"event","id":"01KB00000000000000000000E1","client":ACME_ID,
        "people":[],"at":"2026-11-02T10:00:00Z","kind":"promise","text":"Send the plan","tags":[],
        "trust":0,"private":false,"minutes":null,"billed":false,
        "promise":{"due":"2026-12-01","outcome":null,"outcome_event":null},"resolves":null,
        "created":"2026-11-02T10:00:00Z","deleted":null});
    let target = match kind {
        "client" => &mut client,
        "person" => &mut person,
        _ => &mut event,
    };
    *target.pointer_mut(field).expect("a field of the fixture") = value;
    [header, client, person, event]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn import_checks_every_field_like_the_command_line_and_writes_nothing() {
    let cases = [
        ("client", "/cadence_days", json!(4294967295u32), "cadence"),
        ("client", "/cadence_days", json!(0), "cadence"),
        ("client", "/name", json!("  "), "needs a name"),
        ("person", "/name", json!(""), "needs a name"),
        ("person", "/time_zone", json!("Mars/Olympus"), "time zone"),
        ("event", "/trust", json!(127), "trust 127"),
        ("event", "/minutes", json!(100000), "minutes"),
        ("event", "/promise/due", json!("0000-01-01"), "due date"),
    ];
    for (kind, field, value, says) in cases {
        let r = Rapport::new();
        let file = r.path("bad.jsonl");
        std::fs::write(&file, with_bad_field(kind, field, value.clone())).unwrap();
        let stderr = r.fails(&["import", file.to_str().unwrap()]);
        let line = match kind {
            "client" => "line 2",
            "person" => "line 3",
            _ => "line 4",
        };
        assert!(stderr.contains(line), "{kind} {field}={value}: {stderr}");
        assert!(stderr.contains(says), "{kind} {field}={value}: {stderr}");
        assert!(
            r.clients().is_empty(),
            "{kind} {field}={value}: something was written"
        );
    }
}

#[test]
fn the_versions_edits_kept_travel_with_the_export_but_a_private_events_do_not() {
    let r = Rapport::new().with_two_clients();
    let note = r.ok(&["note", "acme", "call: first wording"]);
    let note = note.trim();
    r.ok(&["edit", note, "--text", "second wording"]);
    r.ok(&["edit", note, "--text", "third wording"]);
    let private = r.ok(&["note", "acme", "the merger rumour !private"]);
    r.ok(&["edit", private.trim(), "--text", "the merger, confirmed"]);
    let versions = |r: &Rapport, id: &str| r.json(&["show", id, "--json"])["versions"].clone();
    assert_eq!(versions(&r, note).as_array().unwrap().len(), 2);

    // Export → import → export: the same bytes, the same versions.
    let file = r.path("backup.jsonl");
    r.ok(&["export", "-o", file.to_str().unwrap()]);
    let fresh = Rapport::new();
    fresh.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(fresh.export().into_bytes(), std::fs::read(&file).unwrap());
    assert_eq!(versions(&fresh, note), versions(&r, note));
    assert_eq!(
        versions(&fresh, private.trim()),
        versions(&r, private.trim())
    );
    assert!(fresh.ok(&["check"]).contains("no drift"));

    // For others: the private event goes, and its earlier wording with it.
    let shared = r.ok(&["export", "--without-private"]);
    assert!(shared.contains("first wording"), "{shared}");
    assert!(!shared.contains("merger"), "{shared}");
}

/// Runs `args` on `r` as if it were `now`.
fn ok_at(r: &Rapport, now: &str, args: &[&str]) -> String {
    common::run_ok(r.cmd().env("RAPPORT_NOW", now).args(args), args).0
}

#[test]
fn merge_takes_the_newer_edit_of_an_event_and_says_so() {
    let r = populated();
    let laptop = Rapport::new();
    let file = laptop.path("from-here.jsonl");
    std::fs::write(&file, r.export()).unwrap();
    laptop.ok(&["import", file.to_str().unwrap()]);
    let id = str_of(
        &r.log("acme", &[])
            .into_iter()
            .find(|e| e["text"] == "Failover test went fine")
            .unwrap()["id"],
    );
    ok_at(
        &laptop,
        "2026-11-24T09:00:00Z",
        &["edit", &id, "--text", "Failover went fine, 4 min"],
    );
    let edited = laptop.path("edited.jsonl");
    laptop.ok(&["export", "-o", edited.to_str().unwrap()]);
    let edited = edited.to_str().unwrap();

    let out = r.ok(&["import", "--merge", edited]);
    assert!(
        out.contains(&format!(
            "took the newer edit of {id} (edited 2026-11-24 09:00:00 in the file)"
        )),
        "{out}"
    );
    assert!(
        out.contains("'Failover went fine, 4 min' was 'Failover test went fine'"),
        "{out}"
    );
    let shown = r.json(&["show", &id, "--json"]);
    assert_eq!(shown["event"]["text"], "Failover went fine, 4 min");
    assert_eq!(
        shown["versions"].as_array().unwrap().len(),
        1,
        "the old wording is kept"
    );
    assert!(r.ok(&["check"]).contains("no drift"));

    // Taken once; and a later edit here is not replaced by the file's older one.
    assert!(!r.ok(&["import", "--merge", edited]).contains("took"));
    ok_at(
        &r,
        "2026-11-25T09:00:00Z",
        &["edit", &id, "--text", "Failover: 4 min, signed off"],
    );
    assert!(!r.ok(&["import", "--merge", edited]).contains("took"));
    assert_eq!(
        r.json(&["show", &id, "--json"])["event"]["text"],
        "Failover: 4 min, signed off"
    );
}

#[test]
fn merge_joins_a_client_of_the_same_name_made_on_another_machine_and_says_what_differs() {
    let r = Rapport::new().with_two_clients();
    let laptop = Rapport::new();
    laptop.ok(&["client", "add", "Acme Oy", "--alias", "acme"]);
    laptop.ok(&["client", "edit", "acme", "--tag", "fintech"]);
    laptop.ok(&["note", "acme", "Written on the laptop"]);
    let file = laptop.path("laptop.jsonl");
    laptop.ok(&["export", "-o", file.to_str().unwrap()]);

    let out = r.ok(&["import", "--merge", file.to_str().unwrap()]);
    assert!(
        out.contains(&format!(
            "is Acme Oy here ({ACME_ID}), made on another machine"
        )),
        "{out}"
    );
    assert!(
        out.contains("tags: [] here, [\"fintech\"] in the file"),
        "{out}"
    );
    assert!(
        out.contains("imported 0 clients, 0 people, 1 events"),
        "{out}"
    );
    let texts: Vec<Value> = r
        .log("acme", &[])
        .into_iter()
        .map(|e| e["text"].clone())
        .collect();
    assert!(texts.contains(&json!("Written on the laptop")), "{texts:?}");
    assert_eq!(r.clients().len(), 2, "no second Acme Oy");
    assert!(r.ok(&["check"]).contains("no drift"));
}
