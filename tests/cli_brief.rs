//! `rapport brief` and `rapport trust` on the insight fixture, clock pinned.

use crate::common;

use common::Rapport;

#[test]
fn the_brief_fits_one_screen_with_people_promises_events_and_openers() {
    let r = Rapport::new().with_insight_world();
    let brief = r.ok(&["brief", "acme"]);
    assert!(brief.lines().count() <= 40, "{brief}");
    insta::assert_snapshot!("brief_acme", brief);
}

#[test]
fn the_brief_of_an_unknown_client_says_so() {
    let r = Rapport::new().with_insight_world();
    let err = r.fails(&["brief", "nobody"]);
    assert!(err.contains("nobody"), "{err}");
}

#[test]
fn trust_explains_the_score_with_the_events_that_moved_it() {
    let r = Rapport::new().with_insight_world();
    insta::assert_snapshot!("trust_acme", r.ok(&["trust", "acme"]));
    let explained = r.json(&["trust", "acme", "--since", "2026-11-01", "--json"]);
    let movers = explained["movers"].as_array().unwrap();
    let ids: Vec<&str> = movers.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["01KB00000000000000000000E4", "01KB00000000000000000000E5"],
        "the incident outweighs the advice; the October call is before the period"
    );
    let series = explained["series"].as_array().unwrap();
    assert_eq!(series.len(), 22, "a score a day from 2 to 23 November");
    let now = explained["score"].as_f64().unwrap();
    let last = series.last().unwrap()[1].as_f64().unwrap();
    assert!((now - last).abs() < 0.011);
    let default = r.json(&["trust", "acme", "--json"]);
    assert_eq!(
        default["series"].as_array().unwrap().len(),
        90,
        "the dashboard's 90 days"
    );
}

/// Five +1 notes in a day are not five times one: the score is a balance on -10..+10.
#[test]
fn trust_is_bounded_and_does_not_grow_with_how_often_one_logs() {
    let r = Rapport::new().with_two_clients();
    let note = |client: &str| {
        r.ok(&[
            "note",
            client,
            "Went fine",
            "--kind",
            "call",
            "--trust",
            "+1",
        ])
    };
    note("beta");
    for _ in 0..5 {
        note("acme");
    }
    let score = |client: &str| {
        r.json(&["trust", client, "--json"])["score"]
            .as_f64()
            .unwrap()
    };
    let (one, five) = (score("beta"), score("acme"));
    assert!((one - 2.0).abs() < 0.01, "one +1 note: {one}");
    assert!(
        five < 3.0 * one && five < 10.0,
        "five +1 notes: {five}, one: {one}"
    );
    let text = r.ok(&["trust", "beta"]);
    assert!(text.contains("+2.0 of ±10 now"), "{text}");
    assert!(
        text.contains("-10 to +10"),
        "the scale is explained: {text}"
    );
    assert!(text.contains("weighs half after 90 days"), "{text}");
}

#[test]
fn the_brief_gives_the_time_where_each_person_is() {
    let r = Rapport::new().with_insight_world();
    r.ok(&["person", "edit", "mikko", "--tz", "Asia/Tokyo"]);
    let brief = r.ok(&["brief", "acme"]);
    let mikko = brief
        .lines()
        .find(|l| l.contains("Mikko Virtanen, Sysadmin"))
        .unwrap_or_else(|| panic!("{brief}"));
    // Noon UTC is 21:00 in Tokyo; Anna has no zone, so no time.
    assert!(mikko.ends_with("; 21:00 JST"), "{mikko}");
    let anna = brief.lines().find(|l| l.contains("Anna Berg")).unwrap();
    assert!(!anna.contains("JST"), "{anna}");
}
