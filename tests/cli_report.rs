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

/// Writes `text` as the config the binary reads by default.
fn config(r: &Rapport, text: &str) {
    let path = r.default_config_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_report_is_signed_and_in_the_clients_language() {
    let r = Rapport::new().with_two_clients();
    config(
        &r,
        "[report]\nauthor = \"Aino Virtanen\"\ncompany = \"Virtanen DBA Oy\"\n\
         footer = \"aino@virtanen.example\"\n",
    );
    r.ok(&[
        "note",
        "acme",
        "call: failover went fine 45m",
        "--at",
        "2026-11-12 10:00",
    ]);
    r.ok(&[
        "note",
        "beta",
        "call: index review",
        "--at",
        "2026-11-13 10:00",
    ]);
    let md = r.ok(&["report", "acme"]);
    assert!(
        md.contains("Prepared by Aino Virtanen, Virtanen DBA Oy"),
        "{md}"
    );
    assert!(md.trim_end().ends_with("aino@virtanen.example"), "{md}");
    r.ok(&["client", "edit", "acme", "--lang", "ja"]);
    assert!(r
        .ok(&["client", "show", "acme"])
        .contains("reports    in ja"));
    let page = r.ok(&["report", "acme", "--format", "html"]);
    assert!(page.contains("<html lang=\"ja\">"), "{page}");
    assert!(
        page.contains("実施した作業") && page.contains("45分"),
        "{page}"
    );
    assert!(
        page.contains("作成: Virtanen DBA Oy Aino Virtanen"),
        "{page}"
    );
    // Another client keeps the config's language.
    let beta = r.ok(&["report", "beta", "--format", "html"]);
    assert!(beta.contains("<html lang=\"en\">") && beta.contains("Work done"));
    let err = r.fails(&["client", "edit", "acme", "--lang", "fi"]);
    assert!(err.contains("'fi' is not one of: en, ja"), "{err}");
}

#[test]
fn private_lines_and_call_stamps_stay_out_of_the_report_and_private_exports() {
    let r = Rapport::new().with_two_clients();
    r.ok(&[
        "note",
        "acme",
        "call: failover went fine\n[+3m] Mikko's divorce KOALA !private\n[+12m] next: the upgrade",
        "--at",
        "2026-11-12 10:00",
    ]);
    let log = r.log("acme", &[]);
    let text = log[0]["text"].as_str().unwrap();
    assert!(
        text.contains("🔒 [+3m] Mikko's divorce KOALA"),
        "kept: {text}"
    );
    for format in ["md", "html"] {
        let report = r.ok(&["report", "acme", "--format", format]);
        assert!(report.contains("failover went fine"), "{report}");
        assert!(report.contains("next: the upgrade"), "{report}");
        assert!(
            !report.contains("KOALA") && !report.contains("[+"),
            "{report}"
        );
    }
    for format in ["jsonl", "csv"] {
        let shared = r.ok(&["export", "--format", format, "--without-private"]);
        assert!(
            shared.contains("failover went fine") && !shared.contains("KOALA"),
            "{shared}"
        );
        let whole = r.ok(&["export", "--format", format]);
        assert!(whole.contains("KOALA"), "a full export keeps it: {whole}");
    }
}

#[test]
fn an_event_left_out_stays_out_until_put_back() {
    let r = Rapport::new().with_two_clients();
    r.ok(&[
        "note",
        "acme",
        "call: pricing talk WALLABY",
        "--at",
        "2026-11-12 10:00",
    ]);
    r.ok(&[
        "note",
        "acme",
        "call: failover test",
        "--at",
        "2026-11-13 10:00",
    ]);
    r.ok(&[
        "note",
        "beta",
        "call: index review",
        "--at",
        "2026-11-13 11:00",
    ]);
    let id = |client: &str, text: &str| {
        r.log(client, &[])
            .into_iter()
            .find(|e| e["text"].as_str().is_some_and(|t| t.contains(text)))
            .and_then(|e| e["id"].as_str().map(String::from))
            .unwrap()
    };
    let wallaby = id("acme", "WALLABY");
    // The short end of the id, as the listings show it.
    let short = &wallaby[wallaby.len() - 6..];
    let out = r.ok(&["report", "acme", "--leave-out", short]);
    assert!(
        out.contains("left the call of 2026-11-12") && out.contains("--put-back"),
        "{out}"
    );
    let md = r.ok(&["report", "acme"]);
    assert!(
        !md.contains("WALLABY") && md.contains("failover test"),
        "{md}"
    );
    let shown = r.ok(&["show", &wallaby]);
    assert!(
        shown.contains("versions, oldest first"),
        "saved as an edit: {shown}"
    );
    assert!(shown.contains("report     left out"), "{shown}");
    let again = r.ok(&["report", "acme", "--leave-out", &wallaby]);
    assert!(again.contains("already left out"), "{again}");
    let err = r.fails(&["report", "acme", "--leave-out", &id("beta", "index")]);
    assert!(err.contains("is not an event of Acme Oy"), "{err}");
    r.ok(&["report", "acme", "--put-back", &wallaby]);
    assert!(r.ok(&["report", "acme"]).contains("WALLABY"));
}
