use super::*;
use crate::model::{EventId, PromiseInfo, Settle};
use chrono::{Duration, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn event(days_ago: i64, kind: Kind, text: &str) -> Event {
    let at = now() - Duration::days(days_ago);
    Event {
        id: EventId::new_at(at.timestamp_millis() as u64),
        kind,
        at,
        text: text.into(),
        created: at,
        ..Event::default()
    }
}

fn promise(days_ago: i64, text: &str, due_in: i64) -> Event {
    let mut e = event(days_ago, Kind::Promise, text);
    e.promise = Some(PromiseInfo {
        due: Some(local_day(now() + Duration::days(due_in))),
        ..PromiseInfo::default()
    });
    e
}

fn settle(promise: &Event, outcome: Outcome, days_ago: i64, note: Option<&str>) -> Settled {
    let at = now() - Duration::days(days_ago);
    promise
        .settle(Settle {
            outcome,
            trust: 1,
            at,
            now: at,
            note,
        })
        .unwrap()
}

use crate::model::Settled;

fn report(period: Vec<Event>, earlier: Vec<Event>, names: &HashMap<PersonId, String>) -> Report {
    build(Input {
        client: "Acme",
        names,
        period,
        earlier,
        since: local_day(now() - Duration::days(90)),
        now: now(),
    })
}

#[test]
fn private_events_their_people_and_their_outcomes_stay_out() {
    let secret_person = PersonId::new_at(1);
    let names = HashMap::from([(secret_person, "Shadow Person".to_string())]);
    let mut note = event(10, Kind::Call, "Sounds tired, new baby");
    note.private = true;
    note.people = vec![secret_person];
    let mut hidden = promise(20, "Private favour", 5);
    hidden.private = true;
    let hidden = settle(&hidden, Outcome::Kept, 3, Some("quietly"));
    let mut removed = event(5, Kind::Win, "Removed win");
    removed.deleted = Some(now());
    let call = event(4, Kind::Call, "Failover test");
    let r = report(
        vec![note, hidden.promise, hidden.outcome, removed, call],
        vec![],
        &names,
    );
    assert_eq!(r.work.len(), 1);
    assert_eq!(r.work[0].text, "Failover test");
    assert!(r.wins.is_empty() && r.settled.is_empty() && r.open.is_empty());
    let all = format!("{r:?}");
    for secret in ["tired", "Shadow", "favour", "quietly", "Removed"] {
        assert!(!all.contains(secret), "{secret} leaked: {all}");
    }
}

#[test]
fn promises_settled_in_the_period_and_open_ones_whenever_made() {
    let old_kept = promise(200, "Old plan", -150);
    let kept = settle(&old_kept, Outcome::Kept, 10, Some("plan v1"));
    let broken = settle(&promise(30, "Send invoice", -20), Outcome::Broken, 15, None);
    let overdue = promise(120, "Runbook", -3);
    let soon = promise(5, "Comparison", 4);
    let mut undated = promise(6, "Someday", 0);
    undated.promise.as_mut().unwrap().due = None;
    let r = report(
        vec![kept.outcome, broken.promise, broken.outcome, soon, undated],
        vec![kept.promise, overdue],
        &HashMap::new(),
    );
    let settled: Vec<_> = r
        .settled
        .iter()
        .map(|p| (p.text.as_str(), p.state))
        .collect();
    assert_eq!(
        settled,
        [
            (
                "Send invoice",
                State::Broken(local_day(now() - Duration::days(15)))
            ),
            (
                "Old plan",
                State::Kept(local_day(now() - Duration::days(10)))
            ),
        ]
    );
    assert_eq!(r.settled[1].note.as_deref(), Some("plan v1"));
    assert_eq!(r.settled[0].note, None);
    let open: Vec<_> = r.open.iter().map(|p| (p.text.as_str(), p.state)).collect();
    assert_eq!(
        open,
        [
            ("Runbook", State::Overdue),
            ("Comparison", State::Open),
            ("Someday", State::Open)
        ]
    );
    assert_eq!(r.kept_broken(), (1, 1));
    assert!(summary(&r).contains("1 kept, 1 broken, 3 open (1 overdue)"));
}

#[test]
fn incidents_list_later_events_with_a_shared_tag() {
    let mut incident = event(30, Kind::Incident, "Replica lag");
    incident.tags = vec!["month-end".into()];
    let mut before = event(40, Kind::Call, "Earlier call");
    before.tags = vec!["month-end".into()];
    let mut fix = event(29, Kind::Call, "Raised wal_keep_size");
    fix.tags = vec!["Month-End".into()];
    let mut win = event(2, Kind::Win, "Clean close");
    win.tags = vec!["month-end".into()];
    let other = event(20, Kind::Call, "Unrelated");
    let r = report(
        vec![incident, before, fix, win, other],
        vec![],
        &HashMap::new(),
    );
    let follow: Vec<_> = r.incidents[0]
        .follow_ups
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(follow, ["Raised wal_keep_size", "Clean close"]);
    assert_eq!(r.work.len(), 3, "follow-ups stay in their own sections too");
}

#[test]
fn minutes_add_up_on_work_only() {
    let mut call = event(3, Kind::Call, "Call");
    call.minutes = Some(45);
    let mut advice = event(2, Kind::Advice, "Advice");
    advice.minutes = Some(90);
    let r = report(vec![call, advice], vec![], &HashMap::new());
    assert_eq!(r.minutes, 135);
    let words = Words(Lang::En);
    assert_eq!(words.duration(r.minutes), "2 h 15 min");
    assert_eq!(words.duration(45), "45 min");
    assert_eq!(words.duration(120), "2 h");
}

#[test]
fn outcome_notes_read_both_spellings() {
    assert_eq!(
        outcome_note("Kept: Send plan — on time", "Send plan").as_deref(),
        Some("on time")
    );
    assert_eq!(
        outcome_note("Kept: Send plan (plan v1)", "Send plan").as_deref(),
        Some("plan v1")
    );
    assert_eq!(outcome_note("Broken: Send plan", "Send plan"), None);
    assert_eq!(
        outcome_note("Done differently", "Send plan").as_deref(),
        Some("Done differently")
    );
}

#[test]
fn a_promise_says_which_call_it_was_made_during_unless_that_call_is_private() {
    let names = HashMap::new();
    let call = event(11, Kind::Call, "Planning call");
    let mut made = promise(11, "Send the runbook", 3);
    made.made_in = Some(call.id);
    let mut secret = promise(11, "Fix their boss's laptop", 4);
    secret.made_in = Some(call.id);
    secret.private = true;
    let mut quiet_call = event(5, Kind::Meeting, "Off the record");
    quiet_call.private = true;
    let mut after_quiet = promise(5, "Share the slides", 5);
    after_quiet.made_in = Some(quiet_call.id);
    let period = vec![call.clone(), made, secret, quiet_call, after_quiet];
    let built = report(period, vec![], &names);
    let texts: Vec<(&str, Option<(Kind, NaiveDate)>)> = built
        .open
        .iter()
        .map(|p| (p.text.as_str(), p.during))
        .collect();
    let call_day = local_day(call.at);
    assert_eq!(
        texts,
        [
            ("Send the runbook", Some((Kind::Call, call_day))),
            ("Share the slides", None)
        ]
    );
    let md = markdown(&built);
    assert!(
        md.contains(&format!(
            "Send the runbook (due {}, made during the call of {call_day})",
            local_day(now() + Duration::days(3))
        )),
        "{md}"
    );
    assert!(!md.contains("laptop") && !md.contains("record"), "{md}");
    let page = html(&built);
    assert!(
        page.contains(&format!("made during the call of {call_day}")),
        "{page}"
    );
    assert!(!page.contains("meeting of"), "{page}");
}

#[test]
fn an_older_open_promise_finds_its_call_before_the_period() {
    let names = HashMap::new();
    let call = event(200, Kind::Meeting, "Kick-off");
    let mut old = promise(200, "Write the plan", 10);
    old.made_in = Some(call.id);
    let built = report(vec![], vec![old, call.clone()], &names);
    assert_eq!(
        built.open[0].during,
        Some((Kind::Meeting, local_day(call.at)))
    );
    assert!(
        built.work.is_empty(),
        "the call itself is not in the period"
    );
}

fn signed(lang: Lang, author: &str, company: &str, footer: &str) -> crate::config::Report {
    crate::config::Report {
        author: author.into(),
        company: company.into(),
        footer: footer.into(),
        lang,
    }
}

#[test]
fn a_signed_report_names_its_author_and_company_and_ends_with_the_footer() {
    let call = event(3, Kind::Call, "Failover test");
    let built = report(vec![call], vec![], &HashMap::new());
    let section = signed(
        Lang::En,
        "Aino Virtanen",
        "Virtanen DBA Oy",
        "aino@example.fi",
    );
    let r = sign(built.clone(), &section, None);
    let md = markdown(&r);
    assert!(
        md.contains("\n\nPrepared by Aino Virtanen, Virtanen DBA Oy\n\n"),
        "{md}"
    );
    assert!(md.ends_with("\n\n---\n\naino@example.fi\n"), "{md}");
    let page = html(&r);
    assert!(
        page.contains("Prepared by Aino Virtanen, Virtanen DBA Oy"),
        "{page}"
    );
    assert!(page.contains("aino@example.fi"), "{page}");
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    // Blank texts leave no empty "Prepared by" nor a rule.
    let unsigned = sign(built, &signed(Lang::En, " ", "", ""), None);
    let md = markdown(&unsigned);
    assert!(!md.contains("Prepared by") && !md.contains("---"), "{md}");
}

#[test]
fn a_japanese_report_says_so_and_speaks_japanese() {
    let call = event(11, Kind::Call, "移行計画の打ち合わせ");
    let mut made = promise(11, "手順書を送る", 3);
    made.made_in = Some(call.id);
    let built = report(vec![call.clone(), made], vec![], &HashMap::new());
    // The client's language wins over the config's.
    let r = sign(
        built,
        &signed(Lang::En, "Aino", "Virtanen DBA", ""),
        Some(Lang::Ja),
    );
    assert_eq!(r.lang, Lang::Ja);
    let page = html(&r);
    assert!(page.contains("<html lang=\"ja\">"), "{page}");
    let call_day = local_day(call.at);
    for text in [&page, &markdown(&r)] {
        for word in [
            "Acme 様 業務報告",
            "実施した作業",
            "未完了の項目",
            "作成: Virtanen DBA Aino",
            &format!("{call_day} の通話で約束"),
        ] {
            assert!(text.contains(word), "{word} missing from {text}");
        }
        for english in [
            "Work done",
            "made during",
            "Prepared by",
            "None in this period",
        ] {
            assert!(!text.contains(english), "{english} in {text}");
        }
    }
}

#[test]
fn the_marked_markdown_is_the_markdown_with_each_line_on_its_event() {
    let call = event(20, Kind::Call, "first line\nsecond line");
    let win = event(10, Kind::Win, "Cutover done");
    let open = promise(5, "Send the plan", 3);
    let report = report(
        vec![call.clone(), win.clone(), open.clone()],
        vec![],
        &HashMap::new(),
    );
    let marked = marked(&report);
    assert_eq!(marked.text, markdown(&report), "one layout");
    let lines = marked.lines();
    let joined: Vec<&str> = lines.iter().map(|(l, _)| *l).collect();
    assert_eq!(joined.join("\n") + "\n", marked.text);
    let on = |id: EventId| -> Vec<&str> {
        (lines.iter())
            .filter(|(_, e)| *e == Some(id))
            .map(|(l, _)| *l)
            .collect()
    };
    let call_lines = on(call.id);
    assert_eq!(call_lines.len(), 2, "{call_lines:?}");
    assert!(call_lines[0].contains("first line") && call_lines[1].contains("second line"));
    assert!(on(win.id)[0].contains("Cutover done"));
    assert!(on(open.id)[0].contains("Send the plan"));
    assert!(
        (lines.iter()).any(|(l, e)| l.starts_with("## ") && e.is_none()),
        "headings show no event"
    );
}
