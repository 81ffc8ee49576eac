//! `rapport agenda` (text, JSON, iCalendar) and `rapport status` on the insight fixture, with
//! the clock pinned to Monday 2026-11-23 noon UTC.

use crate::common;

use common::{as_array, Rapport};
use std::path::Path;

#[test]
fn the_agenda_lists_check_ins_promises_gaps_and_advice_with_reasons() {
    let r = Rapport::new().with_insight_world();
    insta::assert_snapshot!("agenda_text", r.ok(&["agenda"]));
}

#[test]
fn the_agenda_as_json_carries_kinds_days_and_openers() {
    let r = Rapport::new().with_insight_world();
    let items = as_array(r.json(&["agenda", "--json"]));
    // Promises first: someone is waiting on them.
    assert_eq!(items[0]["kind"], "promise");
    let first = items.iter().find(|i| i["kind"] == "check-in").unwrap();
    assert_eq!(first["urgency"], "overdue");
    assert_eq!(first["client_name"], "Acme Oy");
    assert_eq!(first["day"], "2026-10-27");
    assert_eq!(
        first["opener"],
        "Ask Mikko about: the fishing trip to Lapland"
    );
    assert!(
        !items.iter().any(|i| i["client_name"] == "Old Ltd"),
        "former clients are left out"
    );
    let promise = items.iter().find(|i| i["kind"] == "promise").unwrap();
    assert_eq!(promise["event"], "01KB00000000000000000000E3");
    assert_eq!(promise["day"], "2026-11-20");
}

#[test]
fn an_empty_store_has_a_calm_agenda_and_status() {
    let r = Rapport::new();
    assert!(r.ok(&["agenda"]).contains("Nothing due"));
    assert_eq!(r.ok(&["status", "--tmux"]), "✓\n");
    assert_eq!(r.ok(&["status"]), "Nothing due.\n");
}

/// The independent parser's view of the file: (UID, DTSTART, SUMMARY) per event.
fn parse_ics(text: &str) -> Vec<(String, String, String)> {
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    calendar
        .events
        .iter()
        .map(|event| {
            let value = |name: &str| {
                let property = event.properties.iter().find(|p| p.name == name);
                property
                    .and_then(|p| p.value.clone())
                    .unwrap_or_else(|| panic!("{name} missing in {event:?}"))
            };
            // `ical` leaves TEXT escapes as written: undo them like a calendar app would.
            let summary = value("SUMMARY")
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\n", "\n")
                .replace("\\\\", "\\");
            assert!(value("DTSTAMP").ends_with('Z'));
            (value("UID"), value("DTSTART"), summary)
        })
        .collect()
}

fn assert_rfc5545_lines(text: &str) {
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn the_ics_export_parses_back_with_stable_uids() {
    let r = Rapport::new().with_insight_world();
    let file = r.path("agenda.ics");
    let out = r.ok(&["agenda", "--ics", file.to_str().unwrap()]);
    assert!(out.starts_with("wrote 5 events to"), "{out}");
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8(bytes).expect("folding kept UTF-8 whole");
    assert_rfc5545_lines(&text);
    let mut events = parse_ics(&text);
    events.sort();
    let expected = [
        (
            "checkin-01KA0000000000000000000001@rapport",
            "20261123",
            "Check in with Acme Oy",
        ),
        (
            "checkin-01KA0000000000000000000002@rapport",
            "20261123",
            "Check in with Beta AB",
        ),
        (
            "promise-01KB00000000000000000000E3@rapport",
            "20261120",
            "Promise to Acme Oy: Send the runbook, with the failover steps; and a checklist",
        ),
        (
            "promise-01KB00000000000000000000E8@rapport",
            "20261126",
            "Promise to Beta AB: Draft the 2027 retainer",
        ),
        (
            "promise-01KB00000000000000000000E9@rapport",
            "20261215",
            "Promise to Gamma KK: 移行計画の最終版を送る、ロールバック手順とチェックリストを含めて; 期限厳守でお願いします",
        ),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(events, expected);
    assert!(text.contains("DTSTART;VALUE=DATE:20261123\r\n"));
    let unfolded = text.replace("\r\n ", "");
    // Personal facts stay out of a file that ends up in shared calendars.
    assert!(!unfolded.contains("Lapland"), "{unfolded}");
    assert!(unfolded.contains("Last contact 41 days ago\\; every 14 days.\r\n"));
    // A day later: the same UIDs, a new DTSTAMP.
    let later = r
        .cmd()
        .env("RAPPORT_NOW", "2026-11-24T08:00:00Z")
        .args(["agenda", "--ics", "-"])
        .output()
        .unwrap();
    let later = String::from_utf8(later.stdout).unwrap();
    let uids = |t: &str| {
        let mut u: Vec<String> = parse_ics(t).into_iter().map(|e| e.0).collect();
        u.sort();
        u
    };
    assert_eq!(uids(&later), uids(&text));
    assert!(later.contains("DTSTAMP:20261124T080000Z"));
}

#[test]
fn status_for_tmux_and_for_people() {
    let r = Rapport::new().with_insight_world();
    insta::assert_snapshot!("status_tmux", r.ok(&["status", "--tmux"]));
    insta::assert_snapshot!("status_text", r.ok(&["status"]));
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn status_reads_the_digest_and_the_inbox_without_opening_the_store() {
    let r = Rapport::new().with_insight_world();
    let data = r.data_dir();
    // A quick note goes to the inbox (the store is not opened for it).
    r.ok(&["note", "beta", "call: talked about the retainer"]);
    let inbox = std::fs::read_to_string(data.join("inbox")).unwrap();
    assert!(inbox.contains("talked about the retainer"));
    let lock = modified(&data.join("lock"));
    let db = modified(&data.join("db"));
    assert_eq!(r.ok(&["status", "--tmux"]), "⚑ 1 due · 1 overdue promise\n");
    assert_eq!(modified(&data.join("lock")), lock, "the store was opened");
    assert_eq!(modified(&data.join("db")), db);
    // The next open folds the inbox in; the digest then says the same.
    r.ok(&["log", "beta", "-n", "1"]);
    assert!(std::fs::read_to_string(data.join("inbox"))
        .unwrap()
        .is_empty());
    assert_eq!(r.ok(&["status", "--tmux"]), "⚑ 1 due · 1 overdue promise\n");
}

#[test]
fn status_without_a_digest_asks_the_store_and_the_store_writes_it_again() {
    let r = Rapport::new().with_insight_world();
    let digest = r.data_dir().join("digest");
    std::fs::remove_file(&digest).unwrap();
    assert_eq!(r.ok(&["status", "--tmux"]), "⚑ 2 due · 1 overdue promise\n");
    assert!(digest.exists(), "opening the store wrote the digest");
    // A kept promise leaves the line at once.
    r.ok(&["kept", "01KB00000000000000000000E3"]);
    assert_eq!(r.ok(&["status", "--tmux"]), "⚑ 2 due\n");
}

#[test]
fn status_without_a_store_is_calm() {
    let r = Rapport::new();
    assert_eq!(r.ok(&["status", "--tmux"]), "✓\n");
}

#[test]
fn the_calendar_carries_no_private_promise_text_people_or_personal_facts() {
    let r = Rapport::new().with_insight_world();
    r.ok(&["person", "fact", "mikko", "secret quokka hobby"]);
    let id = r.ok(&[
        "promise",
        "acme",
        "Pay back the quokka loan",
        "--due",
        "2026-11-25",
        "--private",
        "--with",
        "anna",
    ]);
    let text = r.ok(&["agenda", "--ics", "-"]);
    let unfolded = text.replace("\r\n ", "");
    assert!(!unfolded.contains("quokka"), "{unfolded}");
    assert!(!unfolded.contains("Anna"), "{unfolded}");
    // The private promise is there as a busy day, marked private, without its words.
    let uid = format!("UID:promise-{}@rapport", id.trim());
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&uid))
        .unwrap_or_else(|| panic!("no {uid} in:\n{unfolded}"));
    assert!(event.contains("SUMMARY:Promise to Acme Oy\r\n"), "{event}");
    assert!(event.contains("CLASS:PRIVATE\r\n"), "{event}");
    assert!(event.contains("DTSTART;VALUE=DATE:20261125\r\n"), "{event}");
    // The shared one keeps its text and is not marked.
    let shared = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("E3@rapport"))
        .unwrap();
    assert!(shared.contains("Send the runbook"), "{shared}");
    assert!(!shared.contains("CLASS:PRIVATE"), "{shared}");
}

#[test]
fn each_group_lists_ten_then_how_many_more_and_all_lists_every_one() {
    let r = Rapport::new().with_insight_world();
    for n in 1..=11 {
        r.ok(&[
            "promise",
            "beta",
            &format!("Chapter {n:02}"),
            "--due",
            "2026-11-21",
        ]);
    }
    // 13 promises due: the ten most pressing, then one line for the other three.
    let out = r.ok(&["agenda"]);
    let promises: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("Keep the promise"))
        .collect();
    assert_eq!(promises.len(), 10, "{out}");
    assert!(
        promises[0].contains("Acme Oy"),
        "the most overdue first: {out}"
    );
    assert!(
        out.contains("and 3 more — `rapport agenda --all` lists them"),
        "{out}"
    );
    let all = r.ok(&["agenda", "--all"]);
    assert_eq!(all.matches("Keep the promise").count(), 13, "{all}");
    assert!(!all.contains("more —"), "{all}");
    let items = as_array(r.json(&["agenda", "--json"]));
    let more = items
        .iter()
        .find(|i| i["more"] == 3)
        .expect("the more line");
    assert_eq!(more["kind"], "promise");
    let all = as_array(r.json(&["agenda", "--json", "--all"]));
    assert_eq!(all.iter().filter(|i| i["kind"] == "promise").count(), 13);
}

#[test]
fn practical_facts_are_kept_but_never_open_a_check_in() {
    let r = Rapport::new().with_insight_world();
    let out = r.ok(&[
        "person",
        "fact",
        "mikko",
        "Invoices must quote PO 4500-1187",
    ]);
    assert_eq!(
        out.trim(),
        "noted for Mikko Virtanen (practical: not an opener): Invoices must quote PO 4500-1187"
    );
    let out = r.ok(&["person", "fact", "mikko", "Loves the sauna", "--practical"]);
    assert!(out.contains("(practical: not an opener)"), "{out}");
    let agenda = r.ok(&["agenda"]);
    assert!(
        agenda.contains("Ask Mikko about: the fishing trip to Lapland"),
        "{agenda}"
    );
    assert!(
        !agenda.contains("PO 4500") && !agenda.contains("sauna"),
        "{agenda}"
    );
    let list = r.ok(&["person", "fact", "mikko", "--list"]);
    assert!(list.contains("(practical) Invoices must quote"), "{list}");
    assert!(list.contains("(practical) Loves the sauna"), "{list}");
    assert!(!list.contains("(practical) the fishing"), "{list}");
}

/// The id `rapport agenda` shows on the line containing `text`.
fn id_of(agenda: &str, text: &str) -> String {
    let line = agenda.lines().find(|l| l.contains(text)).expect(text);
    line.split_whitespace().nth(1).unwrap().to_string()
}

#[test]
fn items_are_snoozed_or_dismissed_by_their_id_and_the_reason_stays_in_the_timeline() {
    let r = Rapport::new().with_insight_world();
    let agenda = r.ok(&["agenda"]);
    let check_in = id_of(&agenda, "Check in with Beta AB");
    let widen = id_of(&agenda, "Widen the thread at Beta AB");
    assert_eq!(check_in.len(), 7, "{agenda}");
    assert_eq!(r.ok(&["agenda"]), agenda, "ids are stable");

    let out = r.ok(&["agenda", "--snooze", &check_in.to_lowercase(), "1w"]);
    assert!(
        out.starts_with(&format!(
            "snoozed {check_in} until Monday 30 November 2026: Check in with Beta AB"
        )),
        "{out}"
    );
    let out = r.ok(&[
        "agenda",
        "--dismiss",
        &widen,
        "--reason",
        "Lars is the whole IT team",
    ]);
    assert!(out.contains("dismissed"), "{out}");
    let agenda = r.ok(&["agenda"]);
    assert!(!agenda.contains("Check in with Beta AB"), "{agenda}");
    assert!(!agenda.contains("Widen the thread at Beta AB"), "{agenda}");
    assert!(agenda.contains("Widen the thread at Acme Oy"), "{agenda}");

    let log = r.ok(&["log", "beta"]);
    assert!(
        log.contains(
            "Dismissed from the agenda: Widen the thread at Beta AB — Lars is the whole IT team"
        ),
        "{log}"
    );
    // A week and a day later the check-in is back; the dismissal holds.
    let args = ["agenda"];
    let (later, _) = common::run_ok(
        r.cmd()
            .env("RAPPORT_NOW", "2026-12-01T12:00:00Z")
            .args(args),
        &args,
    );
    assert!(later.contains("Check in with Beta AB"), "{later}");
    assert!(!later.contains("Widen the thread at Beta AB"), "{later}");
    // The report for the client does not carry the private reason.
    let report = r.ok(&["report", "beta", "--since", "2026-11-01"]);
    assert!(!report.contains("whole IT team"), "{report}");
}

#[test]
fn marks_are_refused_with_a_reason_for_unknown_ids_and_bad_durations() {
    let r = Rapport::new().with_insight_world();
    let err = r.fails(&["agenda", "--snooze", "ZZZZZZZ", "2w"]);
    assert!(err.contains("no agenda item ZZZZZZZ today"), "{err}");
    let agenda = r.ok(&["agenda"]);
    let id = id_of(&agenda, "Check in with Beta AB");
    let err = r.fails(&["agenda", "--snooze", &id, "soonish"]);
    assert!(err.contains("is no duration"), "{err}");
    let err = r.fails(&["agenda", "--dismiss", &id]);
    assert!(err.contains("--reason"), "{err}");
    assert_eq!(r.ok(&["agenda"]), agenda, "nothing was written");
}

/// `rapport agenda --all`, as text and as JSON.
fn agenda_listed(r: &Rapport) -> (String, String) {
    let text = r.ok(&["agenda", "--all"]);
    let json = r.ok(&["agenda", "--all", "--json"]);
    (text, json)
}

#[test]
fn the_agenda_from_the_digest_is_the_agenda_from_the_store() {
    let r = Rapport::new().with_insight_world();
    // A capacity of one client: two contacted this week make the practice over capacity.
    let config = r.default_config_path();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[thresholds]\nactive_clients = 1\n").unwrap();
    let agenda = r.ok(&["agenda"]);
    // A snooze, a dismissal, a person added with a personal fact, a call in the database and
    // a quick note still in the inbox.
    let promise = id_of(&agenda, "Keep the promise to Beta AB");
    r.ok(&["agenda", "--snooze", &promise, "1w"]);
    let manager = id_of(&agenda, "Talk to a manager at Gamma KK");
    r.ok(&["agenda", "--dismiss", &manager, "--reason", "none"]);
    r.ok(&["person", "add", "beta", "Pia Berg", "--role", "champion"]);
    r.ok(&["person", "fact", "pia", "sails a folkboat"]);
    r.ok(&["person", "edit", "pia", "--birthday", "1990-11-25"]);
    r.ok(&["person", "edit", "lars", "--anniversary", "2020-11-23"]);
    r.ok(&["note", "beta", "call: the retainer, with @Lars"]);
    r.ok(&[
        "follow",
        "beta",
        "ask about the play",
        "--on",
        "2026-11-20",
        "--with",
        "lars",
    ]);
    r.ok(&["client", "list"]);
    r.ok(&["note", "gamma", "call: talked about the migration"]);
    r.ok(&[
        "note",
        "gamma",
        "ask how the cutover went follow:2026-11-23",
    ]);
    assert!(!std::fs::read_to_string(r.data_dir().join("inbox"))
        .unwrap()
        .is_empty());
    let db = modified(&r.data_dir().join("db"));
    let lock = modified(&r.data_dir().join("lock"));
    let quick = agenda_listed(&r);
    assert_eq!(
        modified(&r.data_dir().join("lock")),
        lock,
        "the store was opened"
    );
    assert_eq!(modified(&r.data_dir().join("db")), db);
    for heading in [
        "Promises due",
        "Follow-ups",
        "Dates",
        "Check-ins",
        "People gone quiet",
        "Coverage",
        "Free advice",
        "Capacity",
    ] {
        assert!(quick.0.contains(heading), "{heading}: {}", quick.0);
    }
    for (hidden, why) in [
        ("Keep the promise to Beta AB", "snoozed"),
        ("Talk to a manager at Gamma KK", "dismissed"),
        ("Check in with Beta AB", "the call counts"),
        ("Check in with Gamma KK", "the note counts"),
    ] {
        assert!(!quick.0.contains(hidden), "{why}: {}", quick.0);
    }
    assert!(quick.0.contains("Pia Berg's birthday"), "{}", quick.0);
    let status = r.ok(&["status", "--tmux"]);
    let digest = r.data_dir().join("digest");
    std::fs::remove_file(&digest).unwrap();
    assert_eq!(
        r.ok(&["status", "--tmux"]),
        status,
        "from the store the same"
    );
    assert!(status.contains("1 work anniversary today"), "{status}");
    let _ = std::fs::remove_file(&digest);
    let from_store = agenda_listed(&r);
    assert!(digest.exists(), "opening the store wrote the digest");
    assert_eq!(quick, from_store);
    // And once the inbox is in the database, from the digest again.
    assert_eq!(agenda_listed(&r), from_store);
}

#[test]
fn a_torn_digest_is_not_trusted_by_the_agenda() {
    let r = Rapport::new().with_insight_world();
    let expected = r.ok(&["agenda", "--all"]);
    let digest = r.data_dir().join("digest");
    let mut bytes = std::fs::read(&digest).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    std::fs::write(&digest, &bytes).unwrap();
    assert_eq!(r.ok(&["agenda", "--all"]), expected);
    // An older digest (version 3, without follow-ups) reads as none too, and the store
    // writes it anew.
    bytes[0] = 3;
    std::fs::write(&digest, &bytes).unwrap();
    assert_eq!(r.ok(&["agenda", "--all"]), expected);
    assert_eq!(std::fs::read(&digest).unwrap()[0], 5);
}

#[test]
fn follow_ups_come_on_their_day_with_their_person_until_done() {
    let r = Rapport::new().with_insight_world();
    let before = r.ok(&["status", "--tmux"]);
    let out = r.ok(&[
        "follow",
        "beta",
        "ask about the Christmas play",
        "--on",
        "2026-11-23",
        "--with",
        "lars",
    ]);
    assert_eq!(out.trim().len(), 26, "the note's id: {out}");
    let show = r.ok(&["show", out.trim()]);
    assert!(
        show.contains("on 2026-11-23, on the agenda until done"),
        "{show}"
    );
    r.ok(&["note", "beta", "ask how the move went follow:2026-11-25"]);
    let agenda = r.ok(&["agenda"]);
    assert!(agenda.contains("Follow-ups"), "{agenda}");
    assert!(
        agenda.contains("Follow up with Lars: ask about the Christmas play"),
        "{agenda}"
    );
    assert!(!agenda.contains("the move"), "not its day yet: {agenda}");
    let promises = agenda.find("Promises due").unwrap();
    assert!(agenda.find("Follow-ups").unwrap() > promises, "{agenda}");
    assert_eq!(
        r.ok(&["status", "--tmux"]),
        format!("{} · 1 follow-up\n", before.trim_end())
    );
    assert!(r
        .ok(&["status"])
        .contains("1 follow-up for today or earlier"));
    // A follow-up is no promise: nothing to keep, no trust moved.
    let log = r.ok(&["log", "beta", "--kind", "promise"]);
    assert!(!log.contains("Christmas"), "{log}");

    let id = id_of(&agenda, "Follow up with Lars");
    let out = r.ok(&["agenda", "--done", &id]);
    assert!(
        out.starts_with(&format!("done {id}: Follow up with Lars")),
        "{out}"
    );
    assert!(!r.ok(&["agenda"]).contains("Christmas"));
    assert_eq!(r.ok(&["status", "--tmux"]), before);
    // From the store (no digest) the same; two days on the other one is due.
    std::fs::remove_file(r.data_dir().join("digest")).unwrap();
    assert_eq!(r.ok(&["status", "--tmux"]), before);
    let args = ["agenda"];
    let (later, _) = common::run_ok(
        r.cmd()
            .env("RAPPORT_NOW", "2026-11-25T12:00:00Z")
            .args(args),
        &args,
    );
    assert!(
        later.contains("Follow up with Beta AB: ask how the move went"),
        "{later}"
    );
    assert!(!later.contains("Christmas"), "{later}");
    // Done is for follow-ups only; a follow-up needs its day.
    let check_in = id_of(&agenda, "Check in with Acme Oy");
    let err = r.fails(&["agenda", "--done", &check_in]);
    assert!(err.contains("is no follow-up"), "{err}");
    let err = r.fails(&["follow", "beta", "ask again"]);
    assert!(err.contains("needs its day"), "{err}");
}

#[test]
fn status_leaves_out_what_is_snoozed_or_dismissed_until_the_snooze_ends() {
    let r = Rapport::new().with_insight_world();
    assert_eq!(r.ok(&["status", "--tmux"]), "⚑ 2 due · 1 overdue promise\n");
    let agenda = r.ok(&["agenda"]);
    r.ok(&[
        "agenda",
        "--snooze",
        &id_of(&agenda, "Check in with Beta AB"),
        "1w",
    ]);
    let promise = id_of(&agenda, "Keep the promise to Acme Oy");
    r.ok(&["agenda", "--dismiss", &promise, "--reason", "sent by post"]);
    assert_eq!(r.ok(&["status", "--tmux"]), "⚑ 1 due\n");
    let text = r.ok(&["status"]);
    assert!(text.starts_with("1 check-in due: Acme Oy"), "{text}");
    assert!(!text.contains("runbook"), "{text}");
    // From the store (no digest) the same.
    std::fs::remove_file(r.data_dir().join("digest")).unwrap();
    assert_eq!(r.ok(&["status", "--tmux"]), "⚑ 1 due\n");
    // Eight days on the snooze is over; the dismissal holds (the overdue promise is Beta's,
    // due on the 26th).
    let args = ["status", "--tmux"];
    let (later, _) = common::run_ok(
        r.cmd()
            .env("RAPPORT_NOW", "2026-12-01T12:00:00Z")
            .args(args),
        &args,
    );
    assert_eq!(later, "⚑ 2 due · 1 overdue promise\n");
    let (later, _) = common::run_ok(
        r.cmd()
            .env("RAPPORT_NOW", "2026-12-01T12:00:00Z")
            .arg("status"),
        &["status"],
    );
    assert!(!later.contains("runbook"), "{later}");
}

#[test]
fn birthdays_and_anniversaries_come_three_days_ahead_and_count_on_their_day() {
    let r = Rapport::new().with_insight_world();
    let before = r.ok(&["status", "--tmux"]);
    // Monday 23 November: Lars's birthday on Thursday, his fifth year at Beta AB today.
    r.ok(&["person", "edit", "lars", "--birthday", "1975-11-26"]);
    r.ok(&["person", "edit", "lars", "--anniversary", "2021-11-23"]);
    let agenda = r.ok(&["agenda"]);
    let dates = &agenda[agenda.find("Dates").expect(&agenda)..];
    assert!(
        dates.contains("Lars Holm's birthday on Thursday (Nov 26) — at Beta AB"),
        "{agenda}"
    );
    assert!(
        dates.contains("Lars: 5 years at Beta AB today (Nov 23)"),
        "{agenda}"
    );
    assert!(agenda.find("Dates").unwrap() < agenda.find("Check-ins").unwrap());
    // Counted on the day only: the anniversary, not the birthday three days on.
    let status = r.ok(&["status", "--tmux"]);
    assert!(status.contains("1 work anniversary today"), "{status}");
    assert!(!status.contains("birthday"), "{status}");
    assert!(r.ok(&["status"]).contains("1 work anniversary today"));
    let brief = r.ok(&["brief", "beta"]);
    assert!(
        brief.contains("birthday 1975-11-26 (next Thu 26 Nov 2026)"),
        "{brief}"
    );

    // On the day the birthday counts; done closes it for the year.
    let on_the_day = |args: &[&str]| {
        common::run_ok(
            r.cmd()
                .env("RAPPORT_NOW", "2026-11-26T12:00:00Z")
                .args(args),
            args,
        )
        .0
    };
    let later = on_the_day(&["agenda"]);
    assert!(
        later.contains("Lars Holm's birthday today (Nov 26)"),
        "{later}"
    );
    assert!(on_the_day(&["status", "--tmux"]).contains("1 birthday today"));
    let id = id_of(&later, "Lars Holm's birthday");
    let done = on_the_day(&["agenda", "--done", &id]);
    assert!(
        done.starts_with(&format!("done {id}: Lars Holm's birthday")),
        "{done}"
    );
    assert!(!on_the_day(&["agenda"]).contains("birthday"));
    assert!(!on_the_day(&["status", "--tmux"]).contains("birthday"));
    // The anniversary is snoozed and dismissed like any item.
    let anniversary = id_of(&agenda, "Lars: 5 years");
    r.ok(&[
        "agenda",
        "--dismiss",
        &anniversary,
        "--reason",
        "he left the team",
    ]);
    assert_eq!(r.ok(&["status", "--tmux"]), before);
}

#[test]
fn a_birthday_never_reaches_the_calendar_or_an_export_for_others() {
    let r = Rapport::new().with_insight_world();
    r.ok(&["person", "edit", "lars", "--birthday", "1975-11-24"]);
    r.ok(&["person", "edit", "lars", "--anniversary", "2021-11-24"]);
    assert!(r.ok(&["agenda"]).contains("Lars Holm's birthday"));
    let ics = r.ok(&["agenda", "--ics", "-"]);
    assert!(!ics.contains("birthday") && !ics.contains("11-24"), "{ics}");
    assert!(!ics.contains("1975"), "{ics}");
    let out = r.ok(&["export", "--without-private"]);
    assert!(!out.contains("1975-11-24"), "{out}");
    assert!(!out.contains("2021-11-24"), "{out}");
    assert!(
        r.ok(&["export"]).contains("1975-11-24"),
        "your own export keeps it"
    );
    let report = r.ok(&["report", "beta", "--since", "2026-11-01"]);
    assert!(
        !report.contains("1975") && !report.contains("birthday"),
        "{report}"
    );
}
