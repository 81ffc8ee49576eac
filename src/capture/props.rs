//! Properties of the parser over inputs nobody would write by hand: any Unicode, full-width
//! sigils, emoji, combining marks, control characters, lone sigils, and notes built from syntax.

use super::token::{fold_width, mention, split_sentence_end, tag, trust};
use super::{parse, parse_or, Parsed, Vocabulary};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// Characters that matter to the parser, mixed with any character at all.
fn tricky_char() -> impl Strategy<Value = char> {
    let special = select(vec![
        '@', '＠', '#', '＃', '+', '＋', '-', '－', '−', '!', '！', ':', '：', '_', '\'', '’', '(',
        '「', '」', '、', '。', ',', '.', ' ', '\u{3000}', '\u{a0}', '\n', '\r', '\t', '\u{0}',
        '\u{1b}', '\u{7f}', '\u{301}', '\u{3099}', '\u{200d}', '\u{fe0f}', '🎉', '🔒', '佐', '藤',
        'さ', 'ん', 'İ', 'ß', '1', '3', '5', '０', '１', 'h', 'm', 'a', 'é',
    ]);
    prop_oneof![special, any::<char>()]
}

/// Words the parser reads or nearly reads.
fn tricky_word() -> impl Strategy<Value = String> {
    let words = select(vec![
        "call:",
        "advice:",
        "promise:",
        "check-in:",
        "call：",
        "ｃａｌｌ：",
        "note:",
        "due:",
        "due:fri",
        "due:2026-12-01",
        "due：１２",
        "due:someday",
        "follow:fri",
        "FOLLOW：2026-12-04",
        "follow:",
        "follow:someday",
        "next",
        "monday",
        "fri",
        "+1",
        "-3",
        "+5",
        "＋２",
        "!private",
        "！ｐｒｉｖａｔｅ",
        "45m",
        "1h30",
        "90min",
        "0m",
        "billed",
        "BILLED",
        "@Mikko",
        "@Anna_Lee",
        "@",
        "＠佐藤さん、",
        "@Mikko's",
        "(@x)",
        "#db",
        "#DB",
        "＃移行",
        "#1",
        "#",
        "C++1",
        "x@y.fi",
        "移行",
        "plain",
        "🎉",
        "e\u{301}",
        "\\+4",
        "\\@Mikko",
        "at:10:00",
        "at:tomorrow",
        "決めた。＠田中",
        "＃移行の件で＠佐藤さんと",
        "３０分",
    ]);
    prop_oneof![
        4 => words.prop_map(String::from),
        1 => "due:[a-z0-9 :/.-]{0,12}",
        1 => proptest::collection::vec(tricky_char(), 1..6).prop_map(String::from_iter),
    ]
}

fn separator() -> impl Strategy<Value = &'static str> {
    select(vec![
        " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u{3000}", "\r\n",
    ])
}

/// A note made of tricky words and separators.
fn tricky_note() -> impl Strategy<Value = String> {
    proptest::collection::vec((tricky_word(), separator()), 0..12).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(word, sep)| [word, sep.to_string()])
            .collect()
    })
}

fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(tricky_char(), 0..40).prop_map(String::from_iter),
        tricky_note(),
    ]
}

/// A word that no rule can read: no sigil, colon, digit or underscore, and not `billed`.
fn surely_plain(word: &str) -> bool {
    let folded = fold_width(word);
    !folded.eq_ignore_ascii_case("billed")
        && !folded
            .chars()
            .any(|c| c.is_ascii_digit() || "@#+-!:_".contains(c))
}

/// `needles` appear in `haystack` in order (not necessarily next to each other).
fn in_order<T: PartialEq>(needles: impl IntoIterator<Item = T>, haystack: &[T]) -> bool {
    let mut rest = haystack.iter();
    needles.into_iter().all(|n| rest.any(|h| *h == n))
}

fn check_sane(input: &str, p: &Parsed) -> Result<(), TestCaseError> {
    // The text is tidy.
    for line in p.text.split('\n') {
        prop_assert!(!line.contains("  "), "double space in {:?}", p.text);
        prop_assert!(
            !line.starts_with(char::is_whitespace) && !line.ends_with(char::is_whitespace)
        );
    }
    prop_assert!(!p.text.starts_with('\n') && !p.text.ends_with('\n'));
    prop_assert!(!p.text.contains("\n\n\n"));

    // Nothing is invented: the text's characters come from the input, in order.
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>();
    // Only the lock before a private line is added.
    let unlocked = p.text.replace(crate::model::LOCK, "");
    prop_assert!(
        in_order(visible(&unlocked), &visible(input)),
        "{:?} is not drawn from {input:?}",
        p.text
    );

    // Every word no rule reads is kept, in order. Words after a `due` or `follow` may be part
    // of its date.
    let words: Vec<&str> = input.split_whitespace().collect();
    let kept = words.iter().enumerate().filter(|&(i, w)| {
        let after_due = words[i.saturating_sub(2)..i].iter().any(|w| {
            let w = fold_width(w).to_lowercase();
            w.contains("due") || w.contains("follow")
        });
        surely_plain(w) && !after_due
    });
    let out: Vec<&str> = p.text.split_whitespace().collect();
    // A date that ends its sentence (`due:fri.`) leaves its full stop on the word before it.
    let kept_as = |w: &str, o: &str| {
        o.strip_prefix(w)
            .is_some_and(|rest| split_sentence_end(rest).0.is_empty())
    };
    let mut rest = out.iter();
    prop_assert!(
        kept.map(|(_, w)| *w).all(|w| rest.any(|o| kept_as(w, o))),
        "a plain word of {input:?} is missing from {:?}",
        p.text
    );

    // What looked like syntax and did not read is in the text as typed.
    for doubtful in &p.doubtful {
        prop_assert!(
            p.text.contains(&doubtful.token),
            "{doubtful:?} not in {:?}",
            p.text
        );
    }

    // Removed syntax does not linger in the text, unless a backslash kept it on purpose.
    let escaped = input.contains(['\\', '＼']);
    for word in out.iter().filter(|_| !escaped) {
        prop_assert!(!fold_width(word).eq_ignore_ascii_case("!private"));
        if trust(word).is_some() {
            prop_assert!(p.trust.is_some(), "{word} left unread in {:?}", p.text);
        }
    }

    // The fields hold what they promise. A follow-up is a note, never a promise.
    if p.follow.is_some() {
        prop_assert_eq!(p.kind, crate::model::Kind::Note, "follow-up of {:?}", input);
        prop_assert!(p.due.is_none() && p.promises.is_empty(), "{input:?}");
    }
    prop_assert!(p.trust.is_none_or(|t| (-3..=3).contains(&t)));
    prop_assert!(p.minutes.is_none_or(|m| (1..=1440).contains(&m)));
    for (i, tag) in p.tags.iter().enumerate() {
        prop_assert!(tag.chars().any(char::is_alphabetic), "{tag:?}");
        prop_assert!(!tag.contains(char::is_whitespace), "{tag:?}");
        prop_assert_eq!(tag, &tag.to_lowercase());
        prop_assert!(!p.tags[..i].contains(tag));
    }
    for (i, name) in p.mentions.iter().enumerate() {
        prop_assert!(name.starts_with(char::is_alphanumeric), "{name:?}");
        prop_assert_eq!(name.trim(), name);
        let lower = name.to_lowercase();
        prop_assert!(!p.mentions[..i].iter().any(|m| m.to_lowercase() == lower));
    }
    Ok(())
}

/// A note built from known parts, with what parsing it should give.
#[derive(Debug, Clone)]
struct Built {
    input: String,
    text: String,
    trust: i8,
    private: bool,
    tags: Vec<String>,
    mentions: Vec<String>,
}

/// Plain words (some look like syntax but are not), a tag inside the sentence, a mention, a
/// trust word, maybe `!private`, and trailing tags, in any order and either width.
fn built_note() -> impl Strategy<Value = Built> {
    let plain = select(vec![
        "fine",
        "移行計画",
        "C++1",
        "+5",
        "due:someday",
        "mikko@acme.fi",
        "#1",
        "@",
        "＠",
        "billed?",
        "45m-rows",
        "é\u{301}",
        "🎉",
        "x:y",
        "#",
        "!",
        "wow!private",
    ]);
    let tag = || select(vec!["db", "DB", "移行", "ops"]);
    (
        proptest::collection::vec(plain, 1..8),
        (-3i8..=3, any::<bool>(), any::<bool>()),
        proptest::option::of((tag(), any::<prop::sample::Index>())),
        proptest::option::of((
            select(vec!["Mikko", "Anna_Lee", "佐藤さん"]),
            any::<prop::sample::Index>(),
        )),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
        proptest::collection::vec(tag(), 0..3),
    )
        .prop_map(
            |(plain, (trust, wide, private), inner, mention, (at_trust, at_private), tail)| {
                // Each word as typed, and what it should leave in the text.
                let mut words: Vec<(String, Option<String>)> = plain
                    .iter()
                    .map(|w| (w.to_string(), Some(w.to_string())))
                    .collect();
                let (hash, at, plus, minus, bang) = if wide {
                    ("＃", "＠", "＋", "－", "！")
                } else {
                    ("#", "@", "+", "-", "!")
                };
                let mut tags = Vec::new();
                if let Some((tag, i)) = inner {
                    // Before a plain word, so inside the sentence.
                    words.insert(
                        i.index(words.len()),
                        (format!("{hash}{tag}"), Some(tag.into())),
                    );
                    tags.push(tag.to_lowercase());
                }
                let mut mentions = Vec::new();
                if let Some((name, i)) = mention {
                    let shown = name.replace('_', " ");
                    let i = i.index(words.len() + 1);
                    // After every plain word it is in the trailing run, and leaves the text
                    // unless its honorific stays there.
                    let trailing = i == words.len() && !name.ends_with("さん");
                    let kept = (!trailing).then(|| shown.clone());
                    words.insert(i, (format!("{at}{name}"), kept));
                    mentions.push(shown.trim_end_matches("さん").to_string());
                }
                let sign = if trust < 0 { minus } else { plus };
                let word = format!("{sign}{}", trust.abs());
                words.insert(at_trust.index(words.len() + 1), (word, None));
                if private {
                    let word = format!("{bang}private");
                    words.insert(at_private.index(words.len() + 1), (word, None));
                }
                for tag in tail {
                    words.push((format!("{hash}{tag}"), None));
                    let tag = tag.to_lowercase();
                    if !tags.contains(&tag) {
                        tags.push(tag);
                    }
                }
                let input: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
                let text: Vec<&str> = words.iter().filter_map(|(_, t)| t.as_deref()).collect();
                Built {
                    input: input.join(" "),
                    text: text.join(" "),
                    trust,
                    private,
                    tags,
                    mentions,
                }
            },
        )
}

/// A word of one line: a tricky word without a line break.
fn line_word() -> impl Strategy<Value = String> {
    tricky_word().prop_filter("one line", |w| !w.contains('\n'))
}

/// The report (both formats) of a note read as a call, with the promises made in it.
fn report_of(input: &str) -> String {
    use crate::model::ClientId;
    let parsed = parse_or(
        input,
        crate::model::Kind::Call,
        &Vocabulary::default(),
        now(),
    );
    let config = crate::config::Config::default();
    let note = parsed.to_event(ClientId::new_at(1), vec![], now(), now(), &config);
    let mut period = parsed.promise_events(&note, &config);
    period.push(note);
    let report = crate::report::build(crate::report::Input {
        client: "Acme",
        names: &std::collections::HashMap::new(),
        period,
        earlier: vec![],
        since: crate::report::local_day(now()) - chrono::Days::new(90),
        now: now(),
    });
    crate::report::markdown(&report) + &crate::report::html(&report)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_private_lines_words_never_reach_the_report(
        before in tricky_note(),
        words in proptest::collection::vec(line_word(), 0..8),
        secrets in proptest::collection::vec("[α-ω]{4,8}", 1..4),
        at in 0usize..12,
    ) {
        let mut line: Vec<String> = words;
        line.extend(secrets.iter().cloned());
        let at = at % (line.len() + 1);
        line.insert(at, "!private".into());
        let input = format!("{before}\n{}", line.join(" "));
        let report = report_of(&input);
        for secret in &secrets {
            prop_assert!(!report.contains(secret.as_str()), "{secret} of {input:?} in {report}");
        }
    }

    #[test]
    fn any_input_parses_sanely(input in any_input()) {
        let parsed = parse(&input, &Vocabulary::default(), now());
        check_sane(&input, &parsed)?;
    }

    #[test]
    fn known_names_and_tags_change_only_where_they_end(
        input in any_input(),
        names in proptest::collection::vec(select(vec!["田中 太郎", "佐藤", "Mikko Virtanen", "さ", "@", "a_b"]), 0..4),
        tags in proptest::collection::vec(select(vec!["移行", "db", "行", "１"]), 0..3),
    ) {
        let parsed = parse(&input, &Vocabulary::new(names, tags), now());
        check_sane(&input, &parsed)?;
    }

    #[test]
    fn promises_in_a_call_come_from_its_text(input in any_input()) {
        let parsed = parse_or(&input, crate::model::Kind::Call, &Vocabulary::default(), now());
        check_sane(&input, &parsed)?;
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>();
        let dues = input.split_whitespace().filter(|w| fold_width(w).to_lowercase().starts_with("due")).count();
        prop_assert!(parsed.promises.len() <= dues);
        if parsed.kind == crate::model::Kind::Call {
            prop_assert!(parsed.due.is_none());
        }
        for promise in &parsed.promises {
            prop_assert!(!promise.text.is_empty() || parsed.text.is_empty(), "{promise:?}");
            prop_assert!(
                in_order(visible(&promise.text), &visible(&parsed.text)),
                "{promise:?} is not drawn from {:?}", parsed.text
            );
        }
    }

    #[test]
    fn no_word_of_the_text_reads_as_a_mention_or_tag(input in tricky_note()) {
        let parsed = parse(&input, &Vocabulary::default(), now());
        let escaped = input.contains(['\\', '＼']);
        for word in parsed.text.split_whitespace().filter(|_| !escaped) {
            prop_assert!(mention(word).is_none() && tag(word).is_none(), "{word:?} in {:?}", parsed.text);
        }
    }

    #[test]
    fn built_notes_read_back_exactly(note in built_note()) {
        let parsed = parse(&note.input, &Vocabulary::default(), now());
        prop_assert_eq!(&parsed.text, &note.text, "from {:?}", note.input);
        prop_assert_eq!(parsed.trust, Some(note.trust));
        prop_assert_eq!(parsed.private, note.private);
        prop_assert_eq!(&parsed.tags, &note.tags);
        prop_assert_eq!(parsed.kind, crate::model::Kind::Note);
        prop_assert_eq!(&parsed.mentions, &note.mentions);
        prop_assert!(parsed.due.is_none());
        prop_assert!(parsed.minutes.is_none() && !parsed.billed);
    }

    #[test]
    fn plain_text_only_loses_extra_whitespace(
        words in proptest::collection::vec("[a-zà-ÿぁ-ゖ一-龥]{1,8}", 0..10),
        seps in proptest::collection::vec(separator(), 10),
    ) {
        let input: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
        let parsed = parse(&input, &Vocabulary::default(), now());
        let tidy: Vec<String> = input
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        let mut want: Vec<String> = Vec::new();
        for line in tidy {
            if !(line.is_empty() && want.last().is_none_or(String::is_empty)) {
                want.push(line);
            }
        }
        if want.last().is_some_and(String::is_empty) {
            want.pop();
        }
        prop_assert_eq!(parsed, Parsed { text: want.join("\n"), ..Parsed::default() });
    }
}
