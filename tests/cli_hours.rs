//! `rapport hours`: minutes summed per client, kind and period, billed and unbilled apart.

use crate::common;

use common::{as_array, Rapport};
use serde_json::Value;

/// This month (November 2026): Acme a call (45m) in week 45, a private call (20m) and billed
/// advice (90m) in week 46; Beta a meeting (30m) in week 47. Acme a call in October (60m).
fn worked() -> Rapport {
    let r = Rapport::new().with_two_clients();
    for args in [
        &[
            "note",
            "acme",
            "failover call",
            "--kind",
            "call",
            "--minutes",
            "45",
            "--at",
            "2026-11-02 10:00",
        ][..],
        &[
            "note",
            "acme",
            "secret call",
            "--kind",
            "call",
            "--minutes",
            "20",
            "--private",
            "--at",
            "2026-11-11 10:00",
        ],
        &[
            "note",
            "acme",
            "advice: partitioning 1h30 billed",
            "--at",
            "2026-11-10 10:00",
        ],
        &[
            "note",
            "beta",
            "steering",
            "--kind",
            "meeting",
            "--minutes",
            "30",
            "--at",
            "2026-11-20 10:00",
        ],
        &[
            "note",
            "acme",
            "october call",
            "--kind",
            "call",
            "--minutes",
            "60",
            "--at",
            "2026-10-15 10:00",
        ],
        &[
            "note",
            "acme",
            "no time on this one",
            "--at",
            "2026-11-12 10:00",
        ],
    ] {
        r.ok(args);
    }
    r
}

/// (client, kind, period, billed, unbilled) of each JSON row.
fn rows(json: Value) -> Vec<(String, String, String, u64, u64)> {
    as_array(json)
        .into_iter()
        .map(|r| {
            (
                r["client"].as_str().unwrap().to_string(),
                r["kind"].as_str().unwrap().to_string(),
                r["period"].as_str().unwrap().to_string(),
                r["billed_minutes"].as_u64().unwrap(),
                r["unbilled_minutes"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn row(
    client: &str,
    kind: &str,
    period: &str,
    billed: u64,
    unbilled: u64,
) -> (String, String, String, u64, u64) {
    (client.into(), kind.into(), period.into(), billed, unbilled)
}

#[test]
fn this_month_per_client_and_kind_private_time_counted() {
    let r = worked();
    let json = r.json(&["hours", "--format", "json"]);
    assert_eq!(
        rows(json),
        [
            row("Acme Oy", "advice", "2026-11", 90, 0),
            row("Acme Oy", "call", "2026-11", 0, 65),
            row("Beta AB", "meeting", "2026-11", 0, 30),
        ]
    );
    let text = r.ok(&["hours"]);
    assert!(text.contains("2026-11-01 to 2026-11-23"), "{text}");
    let total = common::line_of(&text, "all clients");
    assert!(
        total.contains("1:30") && total.contains("1:35") && total.contains("3:05"),
        "{text}"
    );
    let acme = common::line_of(&text, "2:35");
    assert!(acme.contains("Acme Oy") && acme.contains("total"), "{text}");
    // The private call counts, but nothing of any text is shown.
    assert!(
        !text.contains("secret") && !text.contains("failover"),
        "{text}"
    );
}

#[test]
fn per_week_one_client_a_longer_window_billed_or_not() {
    let r = worked();
    let json = r.json(&[
        "hours",
        "acme",
        "--since",
        "2026-10-01",
        "--by",
        "week",
        "--format",
        "json",
    ]);
    assert_eq!(
        rows(json),
        [
            row("Acme Oy", "advice", "2026-W46", 90, 0),
            row("Acme Oy", "call", "2026-W42", 0, 60),
            row("Acme Oy", "call", "2026-W45", 0, 45),
            row("Acme Oy", "call", "2026-W46", 0, 20),
        ]
    );
    let billed = rows(r.json(&["hours", "--billed", "--format", "json"]));
    assert_eq!(billed, [row("Acme Oy", "advice", "2026-11", 90, 0)]);
    let unbilled = rows(r.json(&[
        "hours",
        "--unbilled",
        "--until",
        "2026-11-15",
        "--format",
        "json",
    ]));
    assert_eq!(unbilled, [row("Acme Oy", "call", "2026-11", 0, 65)]);
}

#[test]
fn csv_has_one_row_per_client_kind_and_period() {
    let r = worked();
    let csv = r.ok(&["hours", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "client_id,client,kind,period,billed_minutes,unbilled_minutes,minutes"
    );
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[1].ends_with("Acme Oy,advice,2026-11,90,0,90"),
        "{csv}"
    );
}

#[test]
fn an_empty_window_says_so_and_a_backwards_one_is_refused() {
    let r = worked();
    let text = r.ok(&["hours", "--since", "2026-09-01", "--until", "2026-09-30"]);
    assert!(
        text.contains("no time recorded from 2026-09-01 to 2026-09-30"),
        "{text}"
    );
    let err = r.fails(&["hours", "--since", "2026-11-20", "--until", "2026-11-01"]);
    assert!(err.contains("swap them"), "{err}");
    let err = r.fails(&["hours", "nosuch"]);
    assert!(err.to_lowercase().contains("nosuch"), "{err}");
}
