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
    // `３０分`, `１時間`, `1時間30分`: the Japanese units are the same hours and minutes.
    let folded = fold_width(word)
        .to_ascii_lowercase()
        .replace("時間", "h")
        .replace('分', "m");
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

/// The value of a `follow:` word (width folded, any case), as `due_prefix`.
pub fn follow_prefix(word: &str) -> Option<String> {
    let folded = fold_width(word);
    let (head, rest) = folded.split_once(':')?;
    head.eq_ignore_ascii_case("follow")
        .then(|| rest.to_string())
}

/// A due date from one or more words (`fri`, `2026-12-01`, `next_monday`, `next` `monday`), read
/// the way `--due` reads it.
pub fn date(words: &[&str], now: DateTime<Utc>) -> Option<NaiveDate> {
    let text = fold_width(&words.join(" ")).replace('_', " ");
    let text = text.trim();
    if !plausible_date(text) {
        return None;
    }
    when::day(text, now).ok()
}

/// Only short ASCII reaches the date reader: nothing else can be a date it knows, and the limit
/// keeps odd input away from it.
fn plausible_date(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 32
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " -/.:".contains(c))
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
pub fn split_at<'a>(word: &'a str, open: &'a str, body: &'a str) -> Sigiled<'a> {
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

/// Particles that end an unknown name or tag in unspaced Japanese: `＠佐藤と話した` is 佐藤,
/// `＃移行の件` is 移行. Longer ones first, so `から` is not read as `か`… (which is not listed:
/// it ends too many words).
const PARTICLES: &[&str] = &[
    "から", "まで", "より", "を", "に", "が", "は", "と", "の", "で", "も", "へ", "や",
];

/// Honorifics as Japanese writes them, with no space or hyphen before them.
const JAPANESE_HONORIFICS: &[&str] = &["さん", "さま", "様", "氏", "くん", "君", "ちゃん", "先生"];

/// The part of an unknown name's body that is the name: up to the first honorific or particle
/// after its first character (`佐藤さんと話した` is 佐藤, `Mikkoと` is Mikko). Which words are
/// names cannot be known without the client's people; this is the guess for new ones.
pub fn unknown_name(body: &str) -> &str {
    cut_before(body, &[JAPANESE_HONORIFICS, PARTICLES])
}

/// The part of an unknown tag's body that is the tag: up to the first particle after its first
/// character (`移行の件で` is 移行).
pub fn unknown_tag(body: &str) -> &str {
    cut_before(body, &[PARTICLES])
}

fn cut_before<'a>(body: &'a str, stops: &[&[&str]]) -> &'a str {
    let cut = body.char_indices().skip(1).find(|&(i, _)| {
        let rest = &body[i..];
        stops
            .iter()
            .flat_map(|s| s.iter())
            .any(|s| rest.starts_with(s))
    });
    cut.map_or(body, |(i, _)| &body[..i])
}

/// A whitespace word split where a sigil follows CJK text: Japanese puts no space before
/// `＠田中` in `日程を決めた。＠田中`, so the mention starts a piece of its own, glued to the text
/// before it. Opening brackets stay with the sigil (`話した「＠佐藤」`). After ASCII nothing is
/// split: `mikko@acme.fi` is one word.
pub fn pieces(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if !matches!(c, '@' | '＠' | '#' | '＃') {
            continue;
        }
        let before = word[start..i].trim_end_matches(is_opener);
        let cut = start + before.len();
        if before.chars().next_back().is_some_and(is_unspaced) {
            pieces.push(&word[start..cut]);
            start = cut;
        }
    }
    pieces.push(&word[start..]);
    pieces
}

/// Characters of scripts written without spaces between words (Han, kana, Hangul) and their
/// punctuation (`。` `、` `！`). Full-width Latin letters, digits and sigils are not:
/// `ｍｉｋｋｏ＠ａｃｍｅ` is an address, as `mikko@acme` is.
pub fn is_unspaced(c: char) -> bool {
    let folded = fold_char(c);
    if folded != c {
        return "!?,.:;)]}".contains(folded);
    }
    let cjk = matches!(c,
        '\u{2E80}'..='\u{9FFF}'     // radicals, CJK punctuation, kana, CJK ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}'   // full-width and half-width forms
        | '\u{20000}'..='\u{3FFFF}' // ideograph extensions
    );
    cjk
}

/// Punctuation that ends a sentence, as the last character of a word (closing quotes and
/// brackets after it aside): `done.` `really?!` `決めた。`.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '。', '！', '？', '．'];

/// Closing quotes and brackets that may follow a sentence's end: `(done.)`.
fn is_closer(c: char) -> bool {
    ")]}\"'”’）］｝」』】〉》〕".contains(c)
}

/// Whether a word ends its sentence.
pub fn ends_sentence(word: &str) -> bool {
    word.trim_end_matches(is_closer).ends_with(SENTENCE_ENDS)
}

/// A word without the punctuation that ends its sentence, and that punctuation: `fri.` is
/// `fri` and `.`, `fri` is `fri` and nothing.
pub fn split_sentence_end(word: &str) -> (&str, &str) {
    let bare = word.trim_end_matches(|c| is_closer(c) || SENTENCE_ENDS.contains(&c));
    (bare, &word[bare.len()..])
}

/// The stamp a call box puts before each new line, `[+12m]`: when in the call it was written.
pub fn is_minute_stamp(word: &str) -> bool {
    word.strip_prefix("[+")
        .and_then(|w| w.strip_suffix("m]"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A word that looks like a trust movement but is out of range: `+4`, `-10`, `＋５`.
pub fn trust_like(word: &str) -> bool {
    let folded = fold_width(word);
    let Some(digits) = folded.strip_prefix(['+', '-']) else {
        return false;
    };
    (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// What follows `at:` (or `at：`) in a word, which may be empty when the time is the next word.
pub fn at_prefix(word: &str) -> Option<String> {
    let folded = fold_width(word);
    let (head, rest) = folded.split_once(':')?;
    head.eq_ignore_ascii_case("at").then(|| rest.to_string())
}

/// When something happened, from one or more words (`10:00`, `yesterday_15:30`, `mon`), read
/// the way `--at` reads it: in the past, or refused.
pub fn moment(words: &[&str], now: DateTime<Utc>) -> Result<DateTime<Utc>, when::WhenError> {
    let text = fold_width(&words.join(" ")).replace('_', " ");
    let text = text.trim();
    if !plausible_date(text) {
        return Err(when::WhenError::Unreadable(text.to_string()));
    }
    when::past(text, now)
}

/// The kind a first word `cal:` or `meting:` was probably meant to be: one letter away from a
/// kind. Farther words (`Update:`, `FYI:`) are ordinary text with a colon.
pub fn near_kind(word: &str) -> Option<Kind> {
    let name = fold_width(word.strip_suffix([':', '：'])?).to_lowercase();
    let letters = name.len() >= 3 && name.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    if !letters || kind_word(word).is_some() {
        return None;
    }
    Kind::ALL
        .iter()
        .copied()
        .find(|k| strsim::damerau_levenshtein(&name, k.as_str()) <= 1)
}

/// A word kept as text on purpose: `\+4`, `\@home`, `\due:someday` are `+4`, `@home`,
/// `due:someday`, read as nothing. Other backslashes (`C:\temp`, `\d+`) are left alone.
pub fn escaped(word: &str) -> Option<&str> {
    let rest = word.strip_prefix(['\\', '＼'])?;
    let first = rest.chars().next().map(fold_char)?;
    let sigil = "@#+-!".contains(first);
    let keyed =
        due_prefix(rest).is_some() || at_prefix(rest).is_some() || kind_word(rest).is_some();
    (sigil || keyed).then_some(rest)
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
            ("３０分", Some(30)),
            ("30分", Some(30)),
            ("１時間", Some(60)),
            ("1時間30分", Some(90)),
            ("分", None),
            ("時間", None),
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
    fn pieces_split_where_a_sigil_follows_japanese() {
        assert_eq!(pieces("日程を決めた。＠田中"), ["日程を決めた。", "＠田中"]);
        assert_eq!(
            pieces("＃移行の件で＠佐藤さんと"),
            ["＃移行の件で", "＠佐藤さんと"]
        );
        assert_eq!(pieces("話した「＠佐藤」"), ["話した", "「＠佐藤」"]);
        assert_eq!(pieces("「＠佐藤」"), ["「＠佐藤」"]);
        assert_eq!(pieces("mikko@acme.fi"), ["mikko@acme.fi"]);
        assert_eq!(pieces("ｍｉｋｋｏ＠ａｃｍｅ"), ["ｍｉｋｋｏ＠ａｃｍｅ"]);
        assert_eq!(pieces("＠＠x"), ["＠＠x"]);
        assert_eq!(unknown_name("佐藤さんと話した"), "佐藤");
        assert_eq!(unknown_name("のぞみと"), "のぞみ");
        assert_eq!(unknown_tag("移行の件で"), "移行");
    }

    #[test]
    fn near_misses_and_escapes() {
        assert!(trust_like("+4") && trust_like("－１０") && !trust_like("+") && !trust_like("+4k"));
        assert_eq!(near_kind("cal:"), Some(Kind::Call));
        assert_eq!(near_kind("meting:"), Some(Kind::Meeting));
        assert_eq!(near_kind("Update:"), None);
        assert_eq!(near_kind("call:"), None);
        assert_eq!(escaped("\\+4"), Some("+4"));
        assert_eq!(escaped("＼＠佐藤"), Some("＠佐藤"));
        assert_eq!(escaped("\\due:x"), Some("due:x"));
        assert_eq!(escaped("\\d+"), None);
        assert_eq!(escaped("C:\\temp"), None);
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
