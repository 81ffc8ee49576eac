//! `rapport person export` / `person import`: vCards against the real binary.

use crate::common;
use common::Rapport;
use serde_json::Value;

const PHONE_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vcards/phone-3.0.vcf");

/// Acme's people as `person list --json` shows them, without what differs between stores.
fn people(r: &Rapport) -> Vec<Value> {
    let Value::Array(rows) = r.json(&["person", "list", "acme", "--json"]) else {
        panic!("not a list");
    };
    rows.into_iter()
        .map(|mut p| {
            let row = p.as_object_mut().unwrap();
            for varying in ["id", "client", "created", "last_contact"] {
                row.remove(varying);
            }
            p
        })
        .collect()
}

/// The two-client fixture plus people with Japanese names, facts and every field set.
fn with_people() -> Rapport {
    let r = Rapport::new().with_two_clients();
    for args in [
        &[
            "person",
            "add",
            "acme",
            "佐藤 健一",
            "--role",
            "manager",
            "--stance",
            "ally",
            "--title",
            "CTO（最高技術責任者）",
            "--email",
            "kenichi@hoshizora.example",
            "--phone",
            "+81 90 1234 5678",
            "--tz",
            "Asia/Tokyo",
            "--channel",
            "video",
        ][..],
        &[
            "person",
            "add",
            "acme",
            "田中 美咲",
            "--role",
            "gatekeeper",
            "--stance",
            "skeptic",
        ],
        &[
            "person",
            "fact",
            "佐藤",
            "娘さんが京都の大学に合格、三月に引っ越し。とても長い事実なので一行に収まらない",
        ],
        &[
            "person",
            "fact",
            "佐藤",
            "Likes salmiakki; send a box, before Christmas",
        ],
        &[
            "person",
            "edit",
            "mikko",
            "--email",
            "mikko@acme.example",
            "--title",
            "Sysadmin",
        ],
    ] {
        r.ok(args);
    }
    r
}

#[test]
fn export_then_import_into_a_fresh_store_gives_the_same_people() {
    let a = with_people();
    let file = a.path("acme.vcf");
    let (_, err) = a.ok_full(&["person", "export", "acme", "-o", file.to_str().unwrap()]);
    assert!(err.contains("exported 4 people of Acme Oy"), "{err}");
    assert!(err.contains("personal facts included"), "{err}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{text}");
    assert!(text.contains("FN:佐藤 健一\r\n"));
    assert!(text.contains("X-RAPPORT-STANCE:skeptic\r\n"));

    let b = Rapport::new();
    b.ok(&["client", "add", "Acme Oy", "--alias", "acme"]);
    let out = b.ok(&import_args(&file));
    assert!(
        out.contains("4 added, 0 updated, 0 unchanged, 0 skipped"),
        "{out}"
    );
    assert!(out.contains("added 佐藤 健一 (manager)"), "{out}");
    assert_eq!(people(&b), people(&a));
    // And the same file comes out again.
    assert_eq!(b.ok(&["person", "export", "acme"]), text);
}

#[test]
fn importing_again_adds_nobody_and_merges_what_changed() {
    let r = with_people();
    let file = r.path("acme.vcf");
    r.ok(&["person", "export", "acme", "-o", file.to_str().unwrap()]);
    let before = people(&r);
    let out = r.ok(&import_args(&file));
    assert!(out.contains("0 added, 0 updated, 4 unchanged"), "{out}");
    assert_eq!(people(&r), before);

    // The same cards edited elsewhere: a new phone for Mikko (found by email though his name
    // is written differently), a new fact for 田中 (found by name).
    let edited = std::fs::read_to_string(&file)
        .unwrap()
        .replace("FN:Mikko Virtanen", "FN:MIKKO V.")
        .replace(
            "EMAIL:mikko@acme.example\r\n",
            "EMAIL:mikko@acme.example\r\nTEL:+358 40 1\r\n",
        )
        .replace(
            "FN:田中 美咲\r\n",
            "FN:田中 美咲\r\nX-RAPPORT-FACT:猫を二匹飼っている\r\n",
        );
    std::fs::write(&file, edited).unwrap();
    let out = r.ok(&import_args(&file));
    assert!(out.contains("updated Mikko Virtanen (phone)"), "{out}");
    assert!(out.contains("updated 田中 美咲 (facts)"), "{out}");
    assert!(out.contains("0 added, 2 updated, 2 unchanged"), "{out}");
    let after = people(&r);
    assert_eq!(after.len(), 4, "nobody doubled");
    let mikko = after
        .iter()
        .find(|p| p["name"] == "Mikko Virtanen")
        .unwrap();
    assert_eq!(mikko["phone"], "+358 40 1");
}

#[test]
fn a_phone_export_in_vcard_3_imports() {
    let r = Rapport::new().with_two_clients();
    let out = r.ok(&["person", "import", PHONE_FIXTURE, "--client", "acme"]);
    assert!(out.contains("added 佐藤 健一 (other)"), "{out}");
    assert!(out.contains("added 田中 美咲 (other)"), "{out}");
    assert!(
        out.contains("skipped the card at line 27: it has no name (FN or N)"),
        "{out}"
    );
    // Mikko is already at Acme (by name: the fixture's Mikko has no email yet).
    assert!(
        out.contains("updated Mikko Virtanen (title, email, phone, time zone)"),
        "{out}"
    );
    assert!(
        out.contains("Acme Oy: 2 added, 1 updated, 0 unchanged, 1 skipped"),
        "{out}"
    );
    let sato = people(&r)
        .into_iter()
        .find(|p| p["name"] == "佐藤 健一")
        .unwrap();
    assert_eq!(
        sato["facts"][0]["text"],
        "娘さんが京都の大学に合格, 3月に引っ越し"
    );
    assert_eq!(sato["facts"][0]["noted"], "2026-11-23");
}

#[test]
fn bad_files_and_unknown_clients_are_refused_and_nothing_is_written() {
    let r = Rapport::new().with_two_clients();
    let bad = r.path("bad.vcf");
    std::fs::write(
        &bad,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Somebody New\r\nEND:VCARD\r\nname,email\r\n",
    )
    .unwrap();
    let err = r.fails(&import_args(&bad));
    assert!(
        err.contains("bad.vcf: line 5: 'name,email' is not a vCard line"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(people(&r).len(), 2);

    std::fs::write(&bad, b"BEGIN:VCARD\r\nFN:Caf\xe9\r\nEND:VCARD\r\n").unwrap();
    let err = r.fails(&import_args(&bad));
    assert!(err.contains("bad.vcf: line 2 is not UTF-8 text"), "{err}");

    let err = r.fails(&["person", "import", PHONE_FIXTURE, "--client", "acne"]);
    assert!(err.contains("no client named 'acne'"), "{err}");
    let err = r.fails(&["person", "export", "acne"]);
    assert!(err.contains("no client named 'acne'"), "{err}");
    let err = r.fails(&["person", "import", "missing.vcf", "--client", "acme"]);
    assert!(err.contains("cannot read missing.vcf"), "{err}");
}

/// `person import FILE --client acme`.
fn import_args(file: &std::path::Path) -> [&str; 5] {
    let file = file.to_str().unwrap();
    ["person", "import", file, "--client", "acme"]
}

#[test]
fn a_reimport_leaves_a_removed_person_removed_and_says_so() {
    let r = with_people();
    let file = r.path("acme.vcf");
    r.ok(&["person", "export", "acme", "-o", file.to_str().unwrap()]);
    r.ok(&["person", "remove", "mikko"]);
    // The card changed elsewhere meanwhile: still not a reason to bring him back.
    let edited = std::fs::read_to_string(&file).unwrap().replace(
        "EMAIL:mikko@acme.example\r\n",
        "EMAIL:mikko@acme.example\r\nTEL:+358 40 1\r\n",
    );
    std::fs::write(&file, edited).unwrap();

    let out = r.ok(&import_args(&file));
    assert!(
        out.contains(
            "skipped Mikko Virtanen: removed on 2026-11-23; `rapport person restore Mikko Virtanen` first"
        ),
        "{out}"
    );
    assert!(
        out.contains("0 added, 0 updated, 3 unchanged, 1 skipped"),
        "{out}"
    );
    assert!(
        !people(&r).iter().any(|p| p["name"] == "Mikko Virtanen"),
        "still removed"
    );
    let removed = r.json(&["person", "list", "acme", "--removed", "--json"]);
    let mikko = (removed.as_array().unwrap().iter())
        .find(|p| p["name"] == "Mikko Virtanen")
        .expect("listed as removed");
    assert!(mikko["phone"].is_null(), "not updated: {mikko}");
}
