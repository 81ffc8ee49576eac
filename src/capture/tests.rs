//! One row per syntax element: what is typed, the text that is stored, and the preview of
//! everything else (the preview shows every field that is set, so it pins them all).

use super::{parse, parse_as, parse_or, Parsed, Vocabulary};
use crate::model::Kind;
use chrono::{DateTime, Local, TimeZone, Utc};

/// Monday 2026-11-23, noon local time (due dates are local days).
fn now() -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn check(rows: &[(&str, &str, &str)]) {
    check_with(&Vocabulary::default(), rows);
}

/// Each input parses, with `vocabulary`, to its stored text and its preview.
fn check_with(vocabulary: &Vocabulary, rows: &[(&str, &str, &str)]) {
    for (input, text, preview) in rows {
        let parsed = parse(input, vocabulary, now());
        assert_eq!(
            (parsed.text.as_str(), parsed.preview().as_str()),
            (*text, *preview),
            "parsing {input:?}"
        );
    }
}

#[test]
fn kind_words() {
    check(&[
        ("call: Failover test", "Failover test", "call"),
        ("CALL: x", "x", "call"),
        ("video: x", "x", "video"),
        ("email: x", "x", "email"),
        ("chat: x", "x", "chat"),
        ("meeting: x", "x", "meeting"),
        ("win: x", "x", "win"),
        ("incident: x", "x", "incident"),
        ("check-in: x", "x", "check-in"),
        ("checkin: x", "x", "check-in"),
        ("promise: x", "x", "promise"),
        ("advice: x", "x", "advice"),
        ("favor: x", "x", "favor"),
        ("note: x", "x", "note"),
        ("call：相談した", "相談した", "call"),
        ("ｍｅｅｔｉｎｇ： 定例", "定例", "meeting"),
        ("call:", "", "call"),
        ("call:\nTalked it through", "Talked it through", "call"),
        ("Call me: later", "Call me: later", "note"),
        ("today call: x", "today call: x", "note"),
        ("tweet: x", "tweet: x", "note"),
        ("plain note", "plain note", "note"),
    ]);
}

#[test]
fn mentions() {
    check(&[
        (
            "talked with @Mikko today",
            "talked with Mikko today",
            "note · with Mikko",
        ),
        // At the end, among the syntax, a mention leaves the text as a tag does.
        (
            "send the post-mortem @Mikko",
            "send the post-mortem",
            "note · with Mikko",
        ),
        (
            "@Anna_Lee agreed",
            "Anna Lee agreed",
            "note · with Anna Lee",
        ),
        (
            "＠Ａｎｎａ＿Ｌｅｅ と",
            "Ａｎｎａ Ｌｅｅ と",
            "note · with Anna Lee",
        ),
        (
            "@Mikko, @Anna and @mikko.",
            "Mikko, Anna and mikko.",
            "note · with Mikko, Anna",
        ),
        ("@Mikko's team", "Mikko's team", "note · with Mikko"),
        ("(@Mikko)", "(Mikko)", "note · with Mikko"),
        ("@O'Brien agreed", "O'Brien agreed", "note · with O'Brien"),
        (
            "@Tanaka-san said yes",
            "Tanaka-san said yes",
            "note · with Tanaka",
        ),
        (
            "＠佐藤さん、移行計画を相談した",
            "佐藤さん、移行計画を相談した",
            "note · with 佐藤",
        ),
        ("「＠佐藤」と話した", "「佐藤」と話した", "note · with 佐藤"),
        ("＠佐藤さんと話した", "佐藤さんと話した", "note · with 佐藤"),
        ("@Mikko🎉", "Mikko🎉", "note · with Mikko"),
        ("mail mikko@acme.fi", "mail mikko@acme.fi", "note"),
        ("@ and @, and @_x", "@ and @, and @_x", "note"),
    ]);
}

#[test]
fn tags() {
    check(&[
        (
            "Failover fine #replication #DB",
            "Failover fine",
            "note · #replication #db",
        ),
        (
            "#ops review went fine",
            "ops review went fine",
            "note · #ops",
        ),
        (
            "Talked #db tuning today",
            "Talked db tuning today",
            "note · #db",
        ),
        ("fine #db.", "fine db.", "note · #db"),
        ("fine #db @Mikko", "fine", "note · with Mikko · #db"),
        ("fine #db #db", "fine", "note · #db"),
        ("移行完了 ＃移行", "移行完了", "note · #移行"),
        ("we're #1", "we're #1", "note"),
        ("C# is fine", "C# is fine", "note"),
        ("#", "#", "note"),
    ]);
}

#[test]
fn trust() {
    check(&[
        ("went well +1", "went well", "note · +1"),
        ("missed it -2", "missed it", "note · -2"),
        ("ok +0", "ok", "note · +0"),
        ("big win +5", "big win +5", "note"),
        ("C++1 rocks", "C++1 rocks", "note"),
        ("+1 then -1", "then -1", "note · +1"),
        ("よかった ＋１", "よかった", "note · +1"),
        ("残念 －２", "残念", "note · -2"),
    ]);
}

#[test]
fn private() {
    check(&[
        (
            "new baby at home !private",
            "new baby at home",
            "note · 🔒 private",
        ),
        (
            "！private 子供が生まれた",
            "子供が生まれた",
            "note · 🔒 private",
        ),
        ("!PRIVATE x", "x", "note · 🔒 private"),
        ("wow!private", "wow!private", "note"),
    ]);
}

#[test]
fn a_later_line_marked_private_is_a_private_line_of_a_shared_note() {
    check(&[
        (
            "call: failover went fine\nsounds tired, new baby !private\nnext: upgrade",
            "failover went fine\n🔒 sounds tired, new baby\nnext: upgrade",
            "call",
        ),
        // On the first line it makes the whole note private, as it always did.
        (
            "call: between us !private\nmore",
            "between us\nmore",
            "call · 🔒 private",
        ),
        // A line of nothing but the mark marks nothing.
        ("call: fine\n!private", "fine", "call"),
        (
            "first\n[+3m] ！ｐｒｉｖａｔｅ 家族の話",
            "first\n🔒 [+3m] 家族の話",
            "note",
        ),
    ]);
}

#[test]
fn a_promise_made_on_a_private_line_is_private_and_a_whole_note_promise_leaves_it_out() {
    let p = parse_or(
        "went fine\nI fix their laptop due:fri !private",
        Kind::Call,
        &Vocabulary::default(),
        now(),
    );
    assert!(
        !p.private && p.promises.len() == 1 && p.promises[0].private,
        "{p:?}"
    );
    // A promise of the whole note says only its shared lines...
    let p = parse_or(
        "due:fri\nplan agreed\nhis divorce !private",
        Kind::Call,
        &Vocabulary::default(),
        now(),
    );
    assert_eq!(p.promises[0].text, "plan agreed", "{p:?}");
    assert!(!p.promises[0].private);
    // ...and when there are none, it is private.
    let p = parse_or(
        "due:fri\nhis divorce !private",
        Kind::Call,
        &Vocabulary::default(),
        now(),
    );
    assert!(p.promises[0].private, "{p:?}");
}

#[test]
fn due_dates() {
    check(&[
        (
            "Send the plan due:fri",
            "Send the plan",
            "promise · due Fri 2026-11-27",
        ),
        (
            "promise: send the invoice due:2026-12-01",
            "send the invoice",
            "promise · due Tue 2026-12-01",
        ),
        // `next monday` is the Monday of next week, as `--due "next monday"` reads it.
        (
            "promise: x due:next_monday",
            "x",
            "promise · due Mon 2026-12-07",
        ),
        (
            "promise: x due:next monday please",
            "x please",
            "promise · due Mon 2026-12-07",
        ),
        ("promise: x due: fri", "x", "promise · due Fri 2026-11-27"),
        ("x DUE：2026-12-01", "x", "promise · due Tue 2026-12-01"),
        (
            "x due:fri due:mon",
            "x due:mon",
            "promise · due Fri 2026-11-27",
        ),
        ("Ship it due:someday", "Ship it due:someday", "note"),
        ("x due:", "x due:", "note"),
        (
            "call: reminder due:fri",
            "reminder",
            "call · promise due Fri 2026-11-27: reminder",
        ),
        ("chat: reminder due:fri", "reminder due:fri", "chat"),
        (
            "due:fri\nnext line",
            "next line",
            "promise · due Fri 2026-11-27",
        ),
    ]);
}

#[test]
fn follow_ups_are_notes_for_a_day() {
    check(&[
        (
            "ask about the Christmas play follow:fri",
            "ask about the Christmas play",
            "note · follow up fri 2026-11-27",
        ),
        (
            "note: ask again follow:2026-12-04.",
            "ask again.",
            "note · follow up fri 2026-12-04",
        ),
        (
            "x FOLLOW：next monday",
            "x",
            "note · follow up mon 2026-12-07",
        ),
        ("x follow:someday", "x follow:someday", "note"),
        // A follow-up is no promise: the second of the two is doubtful and stays text.
        (
            "x due:fri follow:mon",
            "x follow:mon",
            "promise · due Fri 2026-11-27",
        ),
        (
            "x follow:fri due:mon",
            "x due:mon",
            "note · follow up fri 2026-11-27",
        ),
        ("call: x follow:fri", "x follow:fri", "call"),
        (
            "x follow:fri follow:mon",
            "x follow:mon",
            "note · follow up fri 2026-11-27",
        ),
    ]);
}

#[test]
fn durations_only_at_the_edges_of_kinds_that_take_time() {
    check(&[
        (
            "call: 45m replication review",
            "replication review",
            "call · 45 min",
        ),
        (
            "call: replication review 1h30",
            "replication review",
            "call · 1 h 30 min",
        ),
        ("video: x 1h", "x", "video · 1 h"),
        ("check-in: x 20min", "x", "check-in · 20 min"),
        ("favor: x 30m", "x", "favor · 30 min"),
        ("call: they have 45m rows", "they have 45m rows", "call"),
        (
            "call: @Mikko 45m replication",
            "Mikko replication",
            "call · with Mikko · 45 min",
        ),
        (
            "meeting: 90min kickoff 30m",
            "kickoff 30m",
            "meeting · 1 h 30 min",
        ),
        ("they have 45m", "they have 45m", "note"),
        ("email: sent 2h", "sent 2h", "email"),
        ("call: 45m-row table", "45m-row table", "call"),
    ]);
}

#[test]
fn billed_only_at_the_edges_of_advice() {
    check(&[
        (
            "advice: explained partitioning 1h billed",
            "explained partitioning",
            "advice · 1 h · billed",
        ),
        ("advice: billed, finally", "billed, finally", "advice"),
        (
            "advice: already billed in October",
            "already billed in October",
            "advice",
        ),
        ("Invoice billed", "Invoice billed", "note"),
        ("call: billed", "billed", "call"),
    ]);
}

#[test]
fn whitespace_and_lines() {
    check(&[
        ("  call:   x   y  ", "x y", "call"),
        ("line one\nline two", "line one\nline two", "note"),
        (
            "call: review\n\n\n\nnext steps\n#db",
            "review\n\nnext steps",
            "call · #db",
        ),
        ("\n\nx\n\n", "x", "note"),
        ("a\r\nb", "a\nb", "note"),
        ("x\u{3000}y", "x y", "note"),
        ("", "", "note"),
        ("   \n \t ", "", "note"),
    ]);
}

#[test]
fn everything_at_once() {
    check(&[
        (
            "call: failover test went fine with @Mikko today +1 45m #replication !private",
            "failover test went fine with Mikko today",
            "call · with Mikko · +1 · #replication · 45 min · 🔒 private",
        ),
        (
            "call：＠佐藤さん、移行計画を相談した ＋１ ＃移行",
            "佐藤さん、移行計画を相談した",
            "call · with 佐藤 · +1 · #移行",
        ),
    ]);
}

#[test]
fn a_chosen_kind_beats_the_kind_word() {
    let rows = [
        ("meeting: review 45m", Kind::Call, "review", "call · 45 min"),
        (
            "review 45m billed",
            Kind::Advice,
            "review",
            "advice · 45 min · billed",
        ),
        (
            "send plan due:fri",
            Kind::Promise,
            "send plan",
            "promise · due Fri 2026-11-27",
        ),
        ("send plan due:fri", Kind::Note, "send plan due:fri", "note"),
        ("call: 45m x", Kind::Note, "45m x", "note"),
    ];
    for (input, kind, text, preview) in rows {
        let parsed = parse_as(input, kind, &Vocabulary::default(), now());
        assert_eq!(
            (parsed.text.as_str(), parsed.preview().as_str()),
            (text, preview),
            "parsing {input:?} as {kind}"
        );
    }
}

/// During a call the kind is call unless the note says otherwise; the `[+12m]` stamps the
/// dashboard puts before each new line stay text and are not read as trust or a duration.
#[test]
fn a_fallback_kind_yields_to_the_note() {
    let rows = [
        (
            "went fine @Mikko +1\n[+12m] rollback plan 45m",
            "call",
            Some(45),
            "went fine Mikko\n[+12m] rollback plan",
        ),
        ("went fine", "call", None, "went fine"),
        ("meeting: on site", "meeting", None, "on site"),
        ("note: to self", "note", None, "to self"),
        ("send the plan due:fri", "call", None, "send the plan"),
        (
            "promise: send the plan due:fri",
            "promise",
            None,
            "send the plan",
        ),
    ];
    for (input, kind, minutes, text) in rows {
        let parsed = parse_or(input, Kind::Call, &Vocabulary::default(), now());
        assert_eq!(
            (parsed.kind.as_str(), parsed.minutes, parsed.text.as_str()),
            (kind, minutes, text),
            "parsing {input:?}"
        );
    }
    let stamped = parse_or("[+3m] ok +2", Kind::Call, &Vocabulary::default(), now());
    assert_eq!((stamped.trust, stamped.minutes), (Some(2), None));
}

/// The client's names and tags, as the CLI and the box pass them.
fn known() -> Vocabulary {
    Vocabulary::new(
        ["田中 太郎", "佐藤 健一", "Mikko Virtanen"],
        ["aurora", "移行", "移行計画"],
    )
}

fn check_known(rows: &[(&str, &str, &str)]) {
    check_with(&known(), rows);
}

/// Japanese puts no spaces between words: the client's names and tags say where they end.
#[test]
fn unspaced_japanese_reads_as_it_is_written() {
    check_known(&[
        (
            "日程を決めた。＠田中 ＃aurora",
            "日程を決めた。",
            "note · with 田中 · #aurora",
        ),
        (
            "＠田中さんと日程を決めた",
            "田中さんと日程を決めた",
            "note · with 田中",
        ),
        (
            "＃移行の件で＠佐藤さんと相談した",
            "移行の件で佐藤さんと相談した",
            "note · with 佐藤 · #移行",
        ),
        (
            "＠佐藤健一様に連絡",
            "佐藤健一様に連絡",
            "note · with 佐藤健一",
        ),
        (
            "＃移行計画を説明した",
            "移行計画を説明した",
            "note · #移行計画",
        ),
        ("話した「＠田中」", "話した「田中」", "note · with 田中"),
        ("@Mikkoと話した", "Mikkoと話した", "note · with Mikko"),
        // An unknown name ends at its honorific or the first particle, and is asked about.
        ("＠鈴木さんに確認", "鈴木さんに確認", "note · with 鈴木"),
        ("＠鈴木と確認", "鈴木と確認", "note · with 鈴木"),
        ("＃性能の話", "性能の話", "note · #性能"),
        // An address is not split: nothing Japanese comes before its `@`.
        ("mikko@acme.fi", "mikko@acme.fi", "note"),
        ("@Mikkola said so", "Mikkola said so", "note · with Mikkola"),
    ]);
    let call = parse_as("相談した ３０分", Kind::Call, &known(), now());
    assert_eq!((call.text.as_str(), call.minutes), ("相談した", Some(30)));
    let call = parse_as("相談した １時間３０分", Kind::Call, &known(), now());
    assert_eq!(call.minutes, Some(90));
}

/// Each word that looks like syntax but does not read, with what it would need.
#[test]
fn doubtful_words_are_kept_and_named() {
    let rows: &[(&str, &str, &[&str])] = &[
        ("send plan due:12-15", "send plan due:12-15", &["due:12-15"]),
        (
            "send plan due:2026-13-45",
            "send plan due:2026-13-45",
            &["due:2026-13-45"],
        ),
        ("big win +4", "big win +4", &["+4"]),
        ("ok +2 -1", "ok -1", &["-1"]),
        ("x due:fri due:mon", "x due:mon", &["due:mon"]),
        ("chat: reminder due:fri", "reminder due:fri", &["due:fri"]),
        ("cal: went fine", "cal: went fine", &["cal:"]),
        ("met at:someday", "met at:someday", &["at:someday"]),
        ("met at:tomorrow", "met at:tomorrow", &["at:tomorrow"]),
        ("Update: all fine", "Update: all fine", &[]),
        ("C++1 and 45m-rows", "C++1 and 45m-rows", &[]),
    ];
    for (input, text, tokens) in rows {
        let parsed = parse(input, &Vocabulary::default(), now());
        let doubtful: Vec<&str> = parsed.doubtful.iter().map(|d| d.token.as_str()).collect();
        assert_eq!(
            (parsed.text.as_str(), &doubtful[..]),
            (*text, *tokens),
            "{input:?}"
        );
    }
    let trust = parse("big win +4", &Vocabulary::default(), now());
    assert_eq!(
        trust.doubtful[0].to_string(),
        "+4 needs a trust within -3..+3"
    );
    let second = parse("ok +2 -1", &Vocabulary::default(), now());
    assert!(second.doubtful[0].why.contains("(the first, +2, counts)"));
}

/// A backslash keeps a word as text on purpose, without the backslash.
#[test]
fn a_backslash_keeps_syntax_as_text() {
    let parsed = parse(
        r"score \+4 for \@home \#1 \due:someday C:\temp",
        &known(),
        now(),
    );
    assert_eq!(parsed.text, r"score +4 for @home #1 due:someday C:\temp");
    assert_eq!(
        parsed,
        Parsed {
            text: parsed.text.clone(),
            ..Parsed::default()
        }
    );
}

/// `at:` takes what `--at` takes, in the past only.
#[test]
fn at_backdates_the_note() {
    let local = |input: &str| {
        let parsed = parse(input, &Vocabulary::default(), now());
        let at = parsed
            .at
            .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string());
        (parsed.text, at, parsed.doubtful.len())
    };
    let at = |s: &str| Some(s.to_string());
    assert_eq!(
        local("call went fine at:10:00"),
        ("call went fine".into(), at("2026-11-23 10:00"), 0)
    );
    assert_eq!(
        local("x at:yesterday_15:30"),
        ("x".into(), at("2026-11-22 15:30"), 0)
    );
    assert_eq!(
        local("x at:yesterday 15:30"),
        ("x".into(), at("2026-11-22 15:30"), 0)
    );
    assert_eq!(
        local("x at:3_days_ago"),
        ("x".into(), at("2026-11-20 12:00"), 0)
    );
    assert_eq!(local("x at:13:00"), ("x at:13:00".into(), None, 1));
    let parsed = parse("x at:10:00", &Vocabulary::default(), now());
    assert_eq!(parsed.preview(), "note · at Mon 2026-11-23 10:00");
}

#[test]
fn at_a_weekday_is_the_last_one() {
    let wednesday = Local
        .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let parsed = parse("x at:mon", &Vocabulary::default(), wednesday);
    let day = parsed
        .at
        .map(|t| t.with_timezone(&Local).date_naive().to_string());
    assert_eq!(
        (day.as_deref(), parsed.doubtful.len()),
        (Some("2026-11-23"), 0)
    );
}

/// A promise made during a call: the call stays a call (its text without the `due:`, its
/// trust), and the sentence or line that holds each `due:` is a promise of its own.
#[test]
fn a_call_holds_the_promises_made_in_it() {
    let known = Vocabulary::default();
    let promised = |p: &Parsed| -> Vec<(String, String)> {
        (p.promises.iter())
            .map(|p| (p.text.clone(), p.due.to_string()))
            .collect()
    };
    let call = parse(
        "call: went over the outage. I will send the post-mortem doc due:fri +1",
        &known,
        now(),
    );
    assert_eq!(
        (call.kind, call.text.as_str(), call.trust, call.due),
        (
            Kind::Call,
            "went over the outage. I will send the post-mortem doc",
            Some(1),
            None
        )
    );
    assert_eq!(
        promised(&call),
        [(
            "I will send the post-mortem doc".into(),
            "2026-11-27".into()
        )]
    );
    assert!(call.doubtful.is_empty(), "{:?}", call.doubtful);
    assert_eq!(
        call.preview(),
        "call · +1 · promise due Fri 2026-11-27: I will send the post-mortem doc"
    );

    // A call box line: the minute stamp is the call's, not part of what was promised.
    let boxed = parse_or(
        "failover went fine\n[+3m] I will send the post-mortem doc due:fri +1",
        Kind::Call,
        &known,
        now(),
    );
    assert_eq!(
        (boxed.kind, boxed.text.as_str()),
        (
            Kind::Call,
            "failover went fine\n[+3m] I will send the post-mortem doc"
        )
    );
    assert_eq!(
        promised(&boxed),
        [(
            "I will send the post-mortem doc".into(),
            "2026-11-27".into()
        )]
    );

    // Several sentences, several promises; a second `due:` in one sentence is doubtful.
    let meeting = parse(
        "meeting: I send the plan due:fri. Anna reviews it due:2026-12-01 due:mon! Fine.",
        &known,
        now(),
    );
    assert_eq!(
        promised(&meeting),
        [
            ("I send the plan.".into(), "2026-11-27".into()),
            ("Anna reviews it due:mon!".into(), "2026-12-01".into())
        ]
    );
    assert_eq!(
        meeting.text,
        "I send the plan. Anna reviews it due:mon! Fine."
    );
    assert_eq!(meeting.doubtful.len(), 1, "{:?}", meeting.doubtful);
    assert_eq!(meeting.doubtful[0].token, "due:mon!");

    for kind in ["video", "check-in", "advice"] {
        let p = parse(&format!("{kind}: send it due:fri"), &known, now());
        assert_eq!(promised(&p).len(), 1, "{kind}");
        assert_eq!(p.kind.as_str(), kind);
    }
    // Kinds that are not a conversation to promise in still doubt it; a plain note is a promise.
    let email = parse("email: send it due:fri", &known, now());
    assert!(email.promises.is_empty() && email.doubtful.len() == 1);
    let plain = parse("send it due:fri", &known, now());
    assert_eq!(
        (plain.kind, plain.promises.len(), plain.due.is_some()),
        (Kind::Promise, 0, true)
    );
}
