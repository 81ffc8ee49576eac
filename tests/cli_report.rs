//! `rapport report`: the client-facing report, against the real binary with a pinned clock
//! (2026-11-23 noon UTC). Snapshots in `tests/snapshots/cli_report__*.snap`; regenerate with
//! `INSTA_UPDATE=always cargo test --test cli_report` and read them before committing.

use crate::common;
use common::Rapport;

/// Words that must never reach a client's report, and where each one is hidden.
const SECRETS: &[(&str, &str)] = &[
    ("PLATYPUS", "a private note"),
    ("WOMBAT", "a personal fact"),
    ("skeptic", "a stance"),
    ("QUOKKA", "a private promise"),
    ("NUMBAT", "the outcome note of a private promise"),
    ("Shadow", "a person who only took part in a private note"),
    ("#replication", "a tag"),
    ("trust", "trust movements"),
];

/// Acme Oy with a season of work: calls, a win, an incident and its fix, promises kept, broken
/// and open, private notes, and texts full of characters that mean something in Markdown/HTML.
fn workspace() -> Rapport {
    let r = Rapport::new().with_two_clients();
    for args in [
        &["person", "edit", "anna", "--stance", "skeptic"][..],
        &["person", "fact", "anna", "Keeps a pet WOMBAT"],
        &["person", "add", "acme", "Shadow Smith", "--role", "other"],
        &["person", "add", "acme", "佐藤 花子", "--role", "champion"],
        &["note", "acme", "call: long ago, before the period", "--at", "2026-06-01 10:00"],
        &["note", "acme", "call: failover <script>alert(1)</script> & went *fine* | ok #replication 45m", "--with", "anna", "--at", "2026-10-05 10:00"],
        &["note", "acme", "Wife expecting; PLATYPUS !private @Shadow_Smith", "--at", "2026-10-06 09:00"],
        &["note", "acme", "incident: month-end replica lag #month-end", "--with", "mikko", "--at", "2026-10-31 09:00"],
        &["note", "acme", "meeting: root cause: one 40 GB UPDATE\n# chunked it by merchant_id\n- batch now 5 min #month-end 1h", "--with", "mikko", "--with", "anna", "--at", "2026-11-02 14:00"],
        &["note", "acme", "win: 移行が完了しました 🎉 @佐藤", "--at", "2026-11-10 16:00"],
        &["promise", "acme", "Send the upgrade plan [v2]", "--due", "2026-11-01", "--with", "anna", "--at", "2026-10-10 10:00"],
        &["promise", "acme", "Runbook in Confluence", "--due", "2026-11-15", "--at", "2026-10-12 10:00"],
        &["promise", "acme", "Benchmark report", "--due", "2026-11-30", "--at", "2026-11-20 10:00"],
        &["promise", "acme", "QUOKKA favour for Anna", "--private", "--at", "2026-10-20 10:00"],
        &["promise", "acme", "Old open promise from the summer", "--due", "2026-07-01", "--at", "2026-06-15 10:00"],
        &["promise", "acme", "Invoice correction", "--due", "2026-10-20", "--at", "2026-10-15 10:00"],
    ] {
        r.ok(args);
    }
    let id = |text: &str| {
        r.log("acme", &["--kind", "promise"])
            .into_iter()
            .find(|e| e["text"].as_str().is_some_and(|t| t.starts_with(text)))
            .and_then(|e| e["id"].as_str().map(String::from))
            .unwrap_or_else(|| panic!("no promise {text}"))
    };
    r.ok(&[
        "kept",
        &id("Send the upgrade"),
        "--note",
        "plan v2, <b>9</b> pages",
        "--at",
        "2026-10-30 17:00",
    ]);
    r.ok(&["broken", &id("Invoice"), "--at", "2026-10-25 09:00"]);
    r.ok(&[
        "kept",
        &id("QUOKKA"),
        "--note",
        "NUMBAT",
        "--at",
        "2026-10-21 10:00",
    ]);
    r
}

fn assert_no_secrets(text: &str, format: &str) {
    for (word, hidden_in) in SECRETS {
        assert!(
            !text.contains(word),
            "{format} report shows '{word}' from {hidden_in}:\n{text}"
        );
    }
}

#[test]
fn markdown_and_html_show_the_work_and_nothing_private() {
    let r = workspace();
    let md = r.ok(&["report", "acme", "--since", "2026-10-01"]);
    let html = r.ok(&[
        "report",
        "acme",
        "--since",
        "2026-10-01",
        "--format",
        "html",
    ]);
    assert_no_secrets(&md, "markdown");
    assert_no_secrets(&html, "html");
    // What the secrets sit beside does show: the test would prove nothing otherwise.
    for shown in [
        "Anna Berg",
        "Send the upgrade plan",
        "移行が完了しました",
        "佐藤 花子",
    ] {
        assert!(md.contains(shown) && html.contains(shown), "{shown}");
    }
    assert!(
        !md.contains("before the period"),
        "--since bounds the report"
    );
    assert!(
        md.contains("Old open promise"),
        "open promises show, however old"
    );
    insta::assert_snapshot!("acme_md", md);
    insta::assert_snapshot!("acme_html", html);
}

#[test]
fn html_is_escaped_and_self_contained() {
    let html = workspace().ok(&["report", "acme", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; went *fine*"));
    assert!(html.contains("plan v2, &lt;b&gt;9&lt;/b&gt; pages"));
    assert!(!html.contains("<script") && !html.contains("<b>"));
    assert!(html.contains("<style>") && html.contains("@media print"));
    for outside in ["src=", "href=", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "loads something from outside: {outside}"
        );
    }
}

#[test]
fn markdown_keeps_note_text_from_breaking_the_list() {
    let md = workspace().ok(&["report", "acme"]);
    assert!(md.contains("\\<script\\>alert(1)\\</script\\> & went \\*fine\\* \\| ok"));
    // The meeting's second line would be a heading, its third a list item of its own.
    assert!(md.contains("  \n  \\# chunked it by merchant_id  \n  \\- batch now 5 min"));
    assert!(md.contains("\\[v2\\]"));
}

#[test]
fn the_default_period_is_ninety_days_and_a_file_is_written() {
    let r = workspace();
    let file = r.path("acme.html");
    let (out, err) = r.ok_full(&[
        "report",
        "acme",
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out, "");
    assert!(err.contains("2026-08-25 to 2026-11-23"), "{err}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("<time datetime=\"2026-08-25\">"));
    assert_no_secrets(&written, "html file");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn bad_input_is_refused_plainly() {
    let r = Rapport::new().with_two_clients();
    let err = r.fails(&["report", "acne"]);
    assert!(err.contains("no client named 'acne'"), "{err}");
    let err = r.fails(&["report", "acme", "--since", "next blursday"]);
    assert!(err.contains("could not read 'next blursday'"), "{err}");
    let err = r.fails(&["report", "acme", "--since", "2027-01-01"]);
    assert!(err.contains("in the future"), "{err}");
    let err = r.fails(&["report", "acme", "--format", "pdf"]);
    assert!(err.contains("possible values: md, html"), "{err}");
}
