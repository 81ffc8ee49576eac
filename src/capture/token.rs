//! Reading one word of a note. Each reader answers `None` for a word that is plain text; none of
//! them can fail or panic, whatever the word holds.

use crate::model::{Kind, TRUST_RANGE};
use crate::when;
use chrono::{DateTime, NaiveDate, Utc};

/// The longest duration a note can carry, as for `--minutes`: a day.
const MAX_MINUTES: u32 = 24 * 60;

/// Honorifics that follow a name. `@佐藤さん` and `@Tanaka-san` mean 佐藤 and Tanaka: the text
/// keeps the honorific, the person is found without it.
const HONORIFICS: &[&str] = &[
    "さん",
    "さま",
    "様",
    "氏",
    "くん",
    "君",
    "ちゃん",
    "先生",
    "-san",
    "-sama",
    "-kun",
    "-chan",
    "-sensei",
];

/// Full-width ASCII as a Japanese IME types it (`＠` `＃` `＋` `１` `ａ` `：`) read as ASCII, and
/// the minus sign as a hyphen, so every reader sees one spelling.
pub fn fold_width(word: &str) -> String {
    word.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2212}' => '-',
        _ => c,
    }
}

/// A kind word ending in a colon, `call:` or `ｃａｌｌ：`, and what follows the colon in the same
/// word (an IME user types no space after `：`).
pub fn kind_word(word: &str) -> Option<(Kind, &str)> {
    let at = word.find([':', '：'])?;
    let colon = word[at..].chars().next()?.len_utf8();
    let name = fold_width(&word[..at]).to_lowercase();
    let kind = match name.as_str() {
        "checkin" => Kind::CheckIn,
        "" => return None,
        other => other.parse().ok()?,
    };
    Some((kind, &word[at + colon..]))
}

/// `+1`, `-2`, `＋１`: a trust movement within [`TRUST_RANGE`]; `+5` is not one.
pub fn trust(word: &str) -> Option<i8> {
    let folded = fold_width(word);
    let mut chars = folded.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digit = chars.next()?.to_digit(10)?;
    if chars.next().is_some() {
        return None;
    }
    let value = sign * i8::try_from(digit).ok()?;
    TRUST_RANGE.contains(&value).then_some(value)
}

/// `!private` or `！private`, any case.
pub fn is_private(word: &str) -> bool {
    fold_width(word).eq_ignore_ascii_case("!private")
}

/// The word `billed`, any case.
pub fn is_billed(word: &str) -> bool {
    fold_width(word).eq_ignore_ascii_case("billed")
}

/// `45m`, `45min`, `90mins`, `1h`, `1h30`, `1h30m`: minutes, from 1 to a day.
pub fn minutes(word: &str) -> Option<u32> {
    let folded = fold_width(word).to_ascii_lowercase();
    let total = match folded.split_once('h') {
        Some((hours, rest)) => {
            let extra = if rest.is_empty() {
                0
            } else {
                number(strip_minute_unit(rest).unwrap_or(rest))?
            };
            if extra >= 60 {
                return None;
            }
            number(hours)?.checked_mul(60)?.checked_add(extra)?
        }
        None => number(strip_minute_unit(&folded)?)?,
    };
    (1..=MAX_MINUTES).contains(&total).then_some(total)
}

fn strip_minute_unit(text: &str) -> Option<&str> {
    ["mins", "min", "m"]
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
}

/// A short run of ASCII digits (long ones are not durations, and would not fit).
fn number(text: &str) -> Option<u32> {
    let digits = !text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

/// What follows `due:` (or `due：`) in a word, which may be empty when the date is the next word.
pub fn due_prefix(word: &str) -> Option<String> {
    let folded = fold_width(word);
    let (head, rest) = folded.split_once(':')?;
    head.eq_ignore_ascii_case("due").then(|| rest.to_string())
}

/// A due date from one or more words (`fri`, `2026-12-01`, `next_monday`, `next` `monday`), read
/// the way `--due` reads it. Only short ASCII reaches the date reader: nothing else can be a
/// date it knows, and the limit keeps odd input away from it.
pub fn date(words: &[&str], now: DateTime<Utc>) -> Option<NaiveDate> {
    let text = fold_width(&words.join(" ")).replace('_', " ");
    let text = text.trim();
    let plausible = !text.is_empty()
        && text.len() <= 32
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " -/.:".contains(c));
    if !plausible {
        return None;
    }
    when::day(text, now).ok()
}

/// A word that starts with a sigil (`@`, `#`), perhaps after opening brackets or quotes:
/// `(@Mikko),` is `(` + `@` + `Mikko` + `),`.
#[derive(Debug, PartialEq, Eq)]
pub struct Sigiled<'a> {
    pub open: &'a str,
    pub body: &'a str,
    pub rest: &'a str,
}

impl Sigiled<'_> {
    /// The word as it stays in the text: without the sigil.
    pub fn shown(&self, body: &str) -> String {
        format!("{}{body}{}", self.open, self.rest)
    }
}

/// `@Mikko`, `＠佐藤さん、`, `@Anna_Lee's`: the body is the name as typed (honorific included).
pub fn mention(word: &str) -> Option<Sigiled<'_>> {
    let mut found = sigiled(word, &['@', '＠'], is_name_char)?;
    // A possessive is not part of the name: `@Mikko's team`.
    for possessive in ["'s", "’s", "'S", "’S"] {
        if let Some(name) = found.body.strip_suffix(possessive) {
            found = split_at(word, found.open, name);
        }
    }
    let trimmed = found.body.trim_end_matches(['_', '-', '\'', '’']);
    let found = split_at(word, found.open, trimmed);
    starts_alphanumeric(found.body).then_some(found)
}

/// The person a mention names: underscores are spaces (`Anna_Lee` is "Anna Lee"), full-width
/// letters are ASCII, and a trailing honorific is dropped.
pub fn mention_name(body: &str) -> String {
    let folded = fold_width(body);
    let bare = HONORIFICS
        .iter()
        .find_map(|h| {
            let cut = folded.len().checked_sub(h.len())?;
            let fits = cut > 0 && folded.is_char_boundary(cut);
            (fits && folded[cut..].to_lowercase() == *h).then(|| &folded[..cut])
        })
        .unwrap_or(&folded);
    let bare = bare.trim_end_matches(['_', '-']);
    let bare = if bare.is_empty() {
        folded.as_str()
    } else {
        bare
    };
    words(&bare.replace('_', " "))
}

/// `#replication`, `＃移行`: the body is the tag as typed. A tag has a letter in it, so `#1` and
/// `#42` stay text.
pub fn tag(word: &str) -> Option<Sigiled<'_>> {
    let found = sigiled(word, &['#', '＃'], |c| {
        is_name_char(c) && c != '\'' && c != '’'
    })?;
    let trimmed = found.body.trim_end_matches(['_', '-']);
    let found = split_at(word, found.open, trimmed);
    let has_letter = found.body.chars().any(char::is_alphabetic);
    (starts_alphanumeric(found.body) && has_letter).then_some(found)
}

/// The tag a `#word` stands for: lowercase, full-width letters as ASCII.
pub fn tag_name(body: &str) -> String {
    fold_width(body).to_lowercase()
}

fn sigiled<'a>(word: &'a str, sigils: &[char], body_char: fn(char) -> bool) -> Option<Sigiled<'a>> {
    let open_len = word.len() - word.trim_start_matches(is_opener).len();
    let after_open = &word[open_len..];
    let sigil = after_open.chars().next().filter(|c| sigils.contains(c))?;
    let body_start = open_len + sigil.len_utf8();
    let body_len = word[body_start..]
        .char_indices()
        .find(|&(_, c)| !body_char(c))
        .map_or(word.len() - body_start, |(i, _)| i);
    Some(Sigiled {
        open: &word[..open_len],
        body: &word[body_start..body_start + body_len],
        rest: &word[body_start + body_len..],
    })
}

/// The same word split again with a shorter body (the body is a prefix of the old one, so the
/// rest grows by what was cut off).
fn split_at<'a>(word: &'a str, open: &'a str, body: &'a str) -> Sigiled<'a> {
    let body_start = word[open.len()..]
        .chars()
        .next()
        .map_or(open.len(), |sigil| open.len() + sigil.len_utf8());
    let body_end = body_start + body.len();
    Sigiled {
        open,
        body: &word[body_start..body_end],
        rest: &word[body_end..],
    }
}

fn starts_alphanumeric(body: &str) -> bool {
    body.chars().next().is_some_and(char::is_alphanumeric)
}

/// Brackets and quotes a mention or tag may sit in: `(@Mikko)`, `「＠佐藤」`.
fn is_opener(c: char) -> bool {
    "([{\"'“‘（［｛「『【〈《〔".contains(c)
}

/// Whether `c` can be part of a name or tag: letters, digits and marks of any script, `_`, `-`
/// and the apostrophe (O'Brien). Whitespace, punctuation (ASCII, full-width or CJK, such as `,`
/// `.` `:` `、` `。`), symbols and emoji end it. Outside ASCII this goes by Unicode blocks, which
/// is enough to stop at what people put after a name.
fn is_name_char(c: char) -> bool {
    let c = fold_char(c);
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || "_-'".contains(c);
    }
    let stop = c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00A0}'..='\u{00BF}'   // Latin-1 punctuation and signs: « » ¿ §
            | '\u{00D7}' | '\u{00F7}' // × ÷
            | '\u{2000}'..='\u{2018}' // general punctuation, up to the opening single quote
            | '\u{201A}'..='\u{206F}' // … the rest of it; ’ (U+2019) is an apostrophe
            | '\u{2190}'..='\u{2BFF}' // arrows, maths, technical, boxes, dingbats, symbols
            | '\u{2E00}'..='\u{2E7F}' // supplemental punctuation
            | '\u{3000}'..='\u{3004}' // CJK space, 、 。 〃 〄
            | '\u{3007}'..='\u{3020}' // CJK brackets and marks (々 and 〆 stay name characters)
            | '\u{FE00}'..='\u{FE6F}' // variation selectors, vertical and small forms
            | '\u{FF5F}'..='\u{FF65}' // half-width CJK punctuation
            | '\u{FFF0}'..='\u{FFFF}' // specials
            | '\u{1F000}'..='\u{1FAFF}' // emoji and pictographs
            | '\u{E0000}'..='\u{E007F}' // tag characters
        );
    !stop
}

/// Collapses runs of whitespace to one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for (word, want) in [
            ("45m", Some(45)),
            ("45min", Some(45)),
            ("90mins", Some(90)),
            ("1h", Some(60)),
            ("1h30", Some(90)),
            ("1H30M", Some(90)),
            ("２h", Some(120)),
            ("24h", Some(1440)),
            ("25h", None),
            ("0m", None),
            ("1h60", None),
            ("1hm", None),
            ("h", None),
            ("m", None),
            ("45", None),
            ("45mm", None),
            ("99999999m", None),
            ("-5m", None),
        ] {
            assert_eq!(minutes(word), want, "{word}");
        }
    }

    #[test]
    fn trust_words() {
        for (word, want) in [
            ("+1", Some(1)),
            ("-3", Some(-3)),
            ("＋２", Some(2)),
            ("－１", Some(-1)),
            ("−1", Some(-1)),
            ("+0", Some(0)),
            ("+4", None),
            ("+10", None),
            ("+", None),
            ("1", None),
            ("+a", None),
            ("+١", None),
        ] {
            assert_eq!(trust(word), want, "{word}");
        }
    }

    #[test]
    fn kind_words() {
        assert_eq!(kind_word("call:"), Some((Kind::Call, "")));
        assert_eq!(kind_word("Check-In:"), Some((Kind::CheckIn, "")));
        assert_eq!(kind_word("checkin:"), Some((Kind::CheckIn, "")));
        assert_eq!(kind_word("ｃａｌｌ：相談"), Some((Kind::Call, "相談")));
        assert_eq!(kind_word("call"), None);
        assert_eq!(kind_word(":"), None);
        assert_eq!(kind_word("due:fri"), None);
        assert_eq!(kind_word("http://x"), None);
    }

    #[test]
    fn mentions_end_at_punctuation() {
        let body = |w| mention(w).map(|m| m.body);
        assert_eq!(body("@Mikko"), Some("Mikko"));
        assert_eq!(body("@Mikko,"), Some("Mikko"));
        assert_eq!(body("@Mikko's"), Some("Mikko"));
        assert_eq!(body("@O'Brien"), Some("O'Brien"));
        assert_eq!(body("@Anna_Lee."), Some("Anna_Lee"));
        assert_eq!(body("＠佐藤さん、"), Some("佐藤さん"));
        assert_eq!(body("「＠佐藤」"), Some("佐藤"));
        assert_eq!(body("@Mikko🎉"), Some("Mikko"));
        assert_eq!(body("@José"), Some("José"));
        assert_eq!(body("@Jose\u{301}"), Some("Jose\u{301}"));
        assert_eq!(body("@"), None);
        assert_eq!(body("@_x"), None);
        assert_eq!(body("@-"), None);
        assert_eq!(body("mikko@acme.fi"), None);
        let m = mention("(@Mikko's),").unwrap();
        assert_eq!(m.shown(m.body), "(Mikko's),");
    }

    #[test]
    fn mention_names() {
        assert_eq!(mention_name("Anna_Lee"), "Anna Lee");
        assert_eq!(mention_name("Anna__Lee_"), "Anna Lee");
        assert_eq!(mention_name("佐藤さん"), "佐藤");
        assert_eq!(mention_name("Tanaka-San"), "Tanaka");
        assert_eq!(mention_name("さん"), "さん");
        assert_eq!(mention_name("Ｍｉｋｋｏ"), "Mikko");
    }

    #[test]
    fn tags_need_a_letter() {
        let body = |w| tag(w).map(|t| t.body);
        assert_eq!(body("#db"), Some("db"));
        assert_eq!(body("#db."), Some("db"));
        assert_eq!(body("＃移行"), Some("移行"));
        assert_eq!(body("#k8s"), Some("k8s"));
        assert_eq!(body("#on-call-"), Some("on-call"));
        assert_eq!(body("#1"), None);
        assert_eq!(body("#"), None);
        assert_eq!(body("C#"), None);
        assert_eq!(tag_name("ＤＢ"), "db");
    }

    #[test]
    fn dates_only_reach_the_reader_when_plausible() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 12, 0, 0).unwrap();
        assert!(date(&["2026-12-01"], now).is_some());
        assert!(date(&["someday"], now).is_none());
        assert!(date(&["金曜"], now).is_none());
        assert!(date(&[""], now).is_none());
        assert!(date(&["next_monday"], now).is_some());
        assert!(date(&["next", "monday"], now).is_some());
    }
}
