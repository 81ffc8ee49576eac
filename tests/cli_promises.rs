//! `rapport promises`: open promises across clients, numbered for `kept N` / `broken N`, and
//! short ids.

use crate::common;

use common::{as_array, str_of, Rapport};
use std::os::unix::fs::PermissionsExt;

/// Acme: "Send the plan" overdue (Nov 20), "Review" due Nov 25, "Someday" undated; Beta:
/// "Invoice" due Nov 30. Today is Mon Nov 23.
fn promised() -> Rapport {
    let r = Rapport::new().with_two_clients();
    for args in [
        &["promise", "acme", "Someday"][..],
        &["promise", "beta", "Invoice", "--due", "2026-11-30"],
        &["promise", "acme", "Review", "--due", "2026-11-25"],
        &["promise", "acme", "Send the plan", "--due", "2026-11-20"],
    ] {
        r.ok(args);
    }
    r
}

/// The (number, text) of each listed promise.
fn listed(r: &Rapport, extra: &[&str]) -> Vec<(u64, String)> {
    let mut args = vec!["promises", "--json"];
    args.extend_from_slice(extra);
    as_array(r.json(&args))
        .into_iter()
        .map(|p| (p["number"].as_u64().unwrap(), str_of(&p["text"])))
        .collect()
}

fn n(number: u64, text: &str) -> (u64, String) {
    (number, text.to_string())
}

#[test]
fn numbered_by_due_date_undated_last_and_filtered() {
    let r = promised();
    let all = [
        n(1, "Send the plan"),
        n(2, "Review"),
        n(3, "Invoice"),
        n(4, "Someday"),
    ];
    assert_eq!(listed(&r, &[]), all);
    assert_eq!(listed(&r, &["--overdue"]), [n(1, "Send the plan")]);
    assert_eq!(
        listed(&r, &["--due-within", "3d"]),
        [n(1, "Send the plan"), n(2, "Review")]
    );
    assert_eq!(listed(&r, &["--due-within", "2026-11-30"]).len(), 3);
    let text = r.ok(&["promises"]);
    let first = common::line_of(&text, "Send the plan");
    assert!(
        first.trim_start().starts_with("1 ") && first.contains("[overdue]"),
        "{text}"
    );
    assert!(
        common::line_of(&text, "Invoice").contains("Beta AB"),
        "{text}"
    );
    let err = r.fails(&["promises", "--due-within", "soonish"]);
    assert!(err.contains("7d"), "{err}");
}

#[test]
fn kept_n_marks_the_listed_promise_and_refuses_a_stale_number() {
    let r = promised();
    r.ok(&["promises"]);
    let file = r.data_dir().join("promise-numbers");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    let (_, err) = r.ok_full(&["kept", "2"]);
    assert!(err.contains("promise marked kept"), "{err}");
    // Until the next listing, the numbers stay what was shown: 3 is still the invoice.
    r.ok(&["broken", "3", "--note", "slipped"]);
    let err = r.fails(&["kept", "2"]);
    assert!(
        err.contains("no longer open") && err.contains("rapport promises"),
        "{err}"
    );
    let err = r.fails(&["kept", "9"]);
    assert!(err.contains("no number 9"), "{err}");

    assert_eq!(listed(&r, &[]), [n(1, "Send the plan"), n(2, "Someday")]);
    r.ok(&["kept", "2"]);
    assert_eq!(listed(&r, &[]), [n(1, "Send the plan")]);
    let texts: Vec<String> = r
        .log("acme", &[])
        .iter()
        .map(|e| str_of(&e["text"]))
        .collect();
    assert!(texts.contains(&"Kept: Review".to_string()), "{texts:?}");
    assert!(texts.contains(&"Kept: Someday".to_string()), "{texts:?}");
}

#[test]
fn numbers_before_any_listing_are_refused() {
    let r = promised();
    let err = r.fails(&["kept", "1"]);
    assert!(err.contains("run `rapport promises`"), "{err}");
}

#[test]
fn short_ids_are_the_random_end_and_are_accepted() {
    let r = promised();
    let json = as_array(r.json(&["promises", "--json"]));
    let (id, short) = (str_of(&json[0]["id"]), str_of(&json[0]["short_id"]));
    assert!(
        common::is_ulid(&id) && id.ends_with(&short) && short.len() == 8,
        "{id} {short}"
    );
    assert!(r.ok(&["promises"]).contains(&short));
    r.ok(&["kept", &short.to_lowercase()]);
    assert_eq!(listed(&r, &[]).len(), 3);
}
