//! The inline note syntax: one pass over the words of a note, then the text is put back together
//! without what was read.
//!
//! Where a word could be syntax or text, these are the rules:
//!
//! - **Only whole words are syntax.** `C++1`, `mikko@acme.fi`, `45m-row` and `+5` are text. A
//!   sigil may follow an opening bracket or quote: `(@Mikko)`, `「＠佐藤」`. Japanese writes no
//!   spaces, so a `＠` or `＃` right after Japanese text or punctuation starts a word of its own,
//!   glued to the text before it: `日程を決めた。＠田中` is `日程を決めた。` and `＠田中`.
//! - **The kind word** counts only as the note's first word; after a full-width `：` the text may
//!   follow without a space (`call：相談`). A kind chosen elsewhere (`--kind`, [`parse_as`]) beats
//!   it; the word still leaves the text.
//! - **Names** run over letters, digits and marks of any script, `_`, `-` and `'`, and end at
//!   anything else: whitespace, punctuation (`,` `.` `:` `、` `。`), symbols, emoji. A name of
//!   several words is written with underscores: `@Anna_Lee` is "Anna Lee", in the text too.
//!   `@Mikko's` names Mikko. Where the name starts with one of the client's people's names
//!   ([`Vocabulary`]: a whole name, `佐藤健一`, a family or a given name), the longest of them is
//!   the name and the rest is text (`＠田中さんと日程を決めた` names 田中). Otherwise the name ends
//!   before the first honorific (`さん` `様` `氏` `くん` `ちゃん` `先生` …) or particle (`と` `の`
//!   `に` `を` `から` …) after its first character: `＠鈴木さんに確認` names 鈴木, who is new
//!   and asked about. A trailing honorific (`-san` too) stays in the text, out of the name.
//! - **Tags** are lowercase (`#DB` and `#db` are one tag) and hold a letter (`#1` is text). The
//!   longest tag in use that a tag starts with is the tag; otherwise it ends at the first
//!   particle after its first character (`＃移行の件で` is 移行).
//! - **The trailing run** is what follows the last word of text: only syntax, mentions and tags.
//!   A plain mention or tag there leaves the text (`send the post-mortem @Mikko #ops` stores
//!   `send the post-mortem`); inside a sentence its word stays, without the sigil.
//! - **Trust, `!private`, `due:` and `at:`** are read anywhere. `!private` on the first line
//!   makes the whole note private; on a later line only that line is private: it is stored
//!   with a `🔒` before it ([`crate::model::private_line`]), stays in the timeline and is left
//!   out of the report and of `export --without-private`, and a promise made in it is private.
//! - **Durations and `billed`** are ordinary words too ("they have 45m rows", "already billed"),
//!   so they are read only at an edge of the note (before its first word of text or after its
//!   last) and only for the kinds they belong to: durations for call, video, meeting, check-in,
//!   advice and favor; `billed` for advice. The first duration counts. `３０分`, `１時間`,
//!   `1時間30分` are durations as `30m`, `1h`, `1h30` are.
//! - **`due:`** makes the note a promise when no kind is given. The date reads as `--due` reads
//!   it: `due:fri`, `due:2026-12-01`, `due:next_monday` or `due:next monday`; a full stop (`!`
//!   `?` `。`) after the date ends the sentence and stays in the text (`due:fri.`).
//! - **A promise made in a conversation.** In a call, video, meeting, check-in or advice note
//!   (by its kind word, a chosen kind, or the call box) a `due:` does not change the kind: the
//!   note stays what it was, without the `due:`, and the sentence holding it is a promise of its
//!   own ([`Parsed::promises`]), saved beside the note and linked to it. A sentence ends at a
//!   word ending in `.` `!` `?` `。` (closing quotes after it aside) or at the end of a line; a
//!   call box's `[+12m]` stamp is not part of it. Each sentence takes one `due:` (a second is
//!   doubtful); several sentences make several promises. A sentence of nothing but syntax
//!   promises the whole note. Other kinds (email, chat, win, incident, favor, note) doubt it.
//! - **`at:`** backdates the note as `--at` does: `at:10:00`, `at:yesterday_15:30`,
//!   `at:yesterday 15:30`, `at:mon`; the longest reading of the next word or two wins. Only the
//!   past: a time to come is refused as `--at` refuses it.
//! - **Nothing is dropped silently.** A word that looks like syntax and does not read stays in
//!   the text as typed and is listed in [`Parsed::doubtful`] with what it would need: a date
//!   after `due:` or a past time after `at:` that does not read, `due:` after a kind that
//!   neither is a promise nor holds one, a trust beyond ±3 (`+4`), a second trust, due date or time, and a first word one
//!   letter away from a kind (`cal:`, `meting:`; `Update:` is just text). Callers ask before
//!   saving such a note. A backslash before a word keeps it as text on purpose, without the
//!   backslash and without a doubt: `\+4`, `\@home`, `\due:someday`.
//! - **The text** keeps its lines. Within a line, runs of whitespace become one space; lines
//!   left empty by syntax are dropped and blank lines collapse to one.
//!
//! No word of the stored text reads as a mention or a tag (their sigils are gone) unless a
//! backslash kept one. Other syntax can remain (a second `+1` stays text, a mention may read
//! `billed`), so parsing the text of a parse again is not guaranteed to change nothing; nothing
//! re-parses stored text.

use super::token;
use super::vocabulary::Vocabulary;
use crate::model::Kind;
use crate::when::WhenError;
use chrono::{DateTime, NaiveDate, Utc};
use std::fmt;

/// What a note says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// From the kind word, or `promise` when a due date was given, else `note`.
    pub kind: Kind,
    /// The note body to store: the syntax removed, names and tags in sentences kept as words.
    pub text: String,
    /// Names as typed (without `@`, underscores as spaces, no honorific), in order, each once.
    pub mentions: Vec<String>,
    /// Lowercase, in order, each once.
    pub tags: Vec<String>,
    pub trust: Option<i8>,
    pub private: bool,
    /// The note's own due date, on a promise.
    pub due: Option<NaiveDate>,
    /// Promises made during a call, meeting, video, check-in or advice: one per sentence or
    /// line holding a `due:`, saved beside the note and linked to it.
    pub promises: Vec<Promised>,
    /// From `follow:`: the day a follow-up note comes up on the agenda (a reminder, no promise).
    pub follow: Option<NaiveDate>,
    /// When it happened, from `at:`; always in the past.
    pub at: Option<DateTime<Utc>>,
    pub minutes: Option<u32>,
    pub billed: bool,
    /// Words that look like syntax but did not read; they are in the text as typed.
    pub doubtful: Vec<Doubtful>,
}

/// A promise made in a note of another kind (`call: … I will send the doc due:fri`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promised {
    /// The sentence or line that holds the `due:`, read as the note's text is read.
    pub text: String,
    pub due: NaiveDate,
    /// Made on a private line: private like the line.
    pub private: bool,
}

/// A word that looks like syntax and does not read, and what it would need to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doubtful {
    /// The word as typed.
    pub token: String,
    /// What it would need, said after the word: "needs a trust within -3..+3".
    pub why: String,
}

impl Doubtful {
    fn new(token: &str, why: impl Into<String>) -> Self {
        Self {
            token: token.to_string(),
            why: why.into(),
        }
    }
}

impl fmt::Display for Doubtful {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.token, self.why)
    }
}

/// Reads a note's inline syntax. Never fails: what does not read stays text (and is listed in
/// [`Parsed::doubtful`] when it looks like syntax). `known` holds the client's names and tags;
/// `now` places relative dates (`due:fri`, `at:10:00`) in local time.
pub fn parse(input: &str, known: &Vocabulary, now: DateTime<Utc>) -> Parsed {
    read(input, None, known, now)
}

/// Reads a note whose kind is already chosen (a `--kind` flag, a picker): `kind` wins over the
/// note's kind word, and decides which words are durations, `billed` or a due date.
pub fn parse_as(input: &str, kind: Kind, known: &Vocabulary, now: DateTime<Utc>) -> Parsed {
    read(input, Some(kind), known, now)
}

/// Reads a note taken where a kind is implied (during a call): `fallback` is the kind unless
/// the note's kind word (`note:` too) says otherwise. A `due:` in it is a promise made during
/// the call, when the fallback can hold one (see [`holds_promises`]).
pub fn parse_or(input: &str, fallback: Kind, known: &Vocabulary, now: DateTime<Utc>) -> Parsed {
    let named = input
        .split_whitespace()
        .next()
        .and_then(token::kind_word)
        .is_some();
    if named || !holds_promises(fallback) {
        let parsed = read(input, None, known, now);
        if named || parsed.kind != Kind::Note {
            return parsed;
        }
    }
    read(input, Some(fallback), known, now)
}

/// Kinds of event a promise is made in, as a sentence with a `due:`: conversations where one
/// is given its word. The event stays what it was, and each promise is saved beside it.
pub fn holds_promises(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Call | Kind::Video | Kind::Meeting | Kind::CheckIn | Kind::Advice
    )
}

/// A piece of a whitespace word: the word itself, or part of it where a sigil follows unspaced
/// Japanese (`glued` to the piece before it, with no space between them in the text).
struct Word<'a> {
    text: &'a str,
    line: usize,
    glued: bool,
    /// Which sentence it is in: a new line or a word ending in `.` `!` `?` `。` starts the next.
    sentence: usize,
}

/// What one word turned out to be.
enum Read {
    Text,
    /// Text that was escaped with a backslash: kept without it.
    Kept(String),
    /// Read and removed from the text.
    Syntax,
    /// A mention or tag, kept in the text without its sigil unless it is `pure` (nothing but
    /// the sigil and the name) and in the trailing run.
    Sigiled {
        shown: String,
        pure: bool,
    },
    /// Read only at an edge of the note.
    Duration(u32),
    Billed,
    /// Syntax whose sentence punctuation stays, joined to the text before it (`due:fri.`).
    Punct(String),
}

impl Read {
    fn is_text(&self) -> bool {
        matches!(self, Read::Text | Read::Kept(_))
    }
}

fn split(input: &str) -> (Vec<Word<'_>>, usize) {
    let lines: Vec<&str> = input.split('\n').collect();
    let mut words = Vec::new();
    let mut sentence = 0;
    for (line, text) in lines.iter().enumerate() {
        for word in text.split_whitespace() {
            for (i, text) in token::pieces(word).into_iter().enumerate() {
                words.push(Word {
                    text,
                    line,
                    glued: i > 0,
                    sentence,
                });
            }
            if token::ends_sentence(word) {
                sentence += 1;
            }
        }
        sentence += 1;
    }
    (words, lines.len())
}

fn read(input: &str, chosen: Option<Kind>, known: &Vocabulary, now: DateTime<Utc>) -> Parsed {
    let (mut words, line_count) = split(input);
    // Which lines had words, so that a line emptied by syntax can be told from a blank one.
    let mut written = vec![false; line_count];
    for word in &words {
        written[word.line] = true;
    }

    // `!private` here makes the note private; on a later line, that line.
    let first_line = words.first().map_or(0, |w| w.line);
    let mut word_kind = None;
    let mut doubtful = Vec::new();
    if let Some((kind, rest)) = words.first().and_then(|w| token::kind_word(w.text)) {
        word_kind = Some(kind);
        if rest.is_empty() {
            words.remove(0);
        } else {
            words[0].text = rest;
        }
    } else if let Some(first) = words.first().filter(|w| token::near_kind(w.text).is_some()) {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let why = format!("is not a kind; the kinds are {}", kinds.join(", "));
        doubtful.push(Doubtful::new(first.text, why));
    }
    let mut reader = Reader {
        now,
        known,
        kind: chosen.or(word_kind),
        dues: Vec::new(),
        first_line,
        private_lines: Vec::new(),
        out: Parsed {
            doubtful,
            ..Parsed::default()
        },
    };
    let mut reads = Vec::with_capacity(words.len());
    while reads.len() < words.len() {
        let (read, used) = reader.word(&words[reads.len()..]);
        reads.push(read);
        reads.extend((1..used).map(|_| Read::Syntax));
    }
    reader.settle_edges(&mut reads);
    let mut out = reader.out;
    out.kind = match reader.kind {
        Some(kind) => kind,
        None if out.due.is_some() => Kind::Promise,
        None => Kind::Note,
    };
    let kept = kept_pieces(&words, &reads);
    out.promises = (reader.dues.iter())
        .map(|&(sentence, due)| {
            let words = words
                .iter()
                .zip(&kept)
                .filter(|(w, _)| w.sentence == sentence);
            let private = (words.clone()).any(|(w, _)| reader.private_lines.contains(&w.line));
            Promised {
                text: promised_text(words),
                due,
                private,
            }
        })
        .collect();
    out.text = assemble(&words, kept, &written, &reader.private_lines);
    for promise in &mut out.promises {
        // Nothing but syntax in its sentence: what was promised is the whole note.
        if promise.text.is_empty() {
            // Never with the private lines, unless they are all there is: then it is private.
            let shared = crate::model::without_private_lines(&out.text);
            let whole = match shared.is_empty() {
                true => &out.text,
                false => &shared,
            };
            promise.private |= shared.is_empty() && !out.text.is_empty();
            promise.text = whole.replace('\n', " ");
        }
    }
    out
}

/// A day from the value after `due:` or `follow:` and the next words of its line: the day,
/// how many words it used, and the sentence's end punctuation after it (`due:fri.`).
fn day_words<'a>(
    value: &'a str,
    words: &[Word<'a>],
    now: DateTime<Utc>,
) -> Option<(NaiveDate, usize, String)> {
    let (pieces, from_next) = date_words(value, words);
    (1..=pieces.len()).find_map(|n| {
        // A date may end its sentence: `due:fri.` is Friday, and the full stop stays.
        let mut pieces = pieces[..n].to_vec();
        let (last, punct) = token::split_sentence_end(pieces[n - 1]);
        pieces[n - 1] = last;
        let day = token::date(&pieces, now)?;
        Some((day, n + from_next, punct.to_string()))
    })
}

/// The words used go; the punctuation stays, after the text before them.
fn punct_read(punct: &str) -> Read {
    match punct {
        "" => Read::Syntax,
        punct => Read::Punct(punct.to_string()),
    }
}

struct Reader<'v> {
    now: DateTime<Utc>,
    known: &'v Vocabulary,
    kind: Option<Kind>,
    /// The promises made in a note that holds them: the sentence of each `due:` and its date.
    dues: Vec<(usize, NaiveDate)>,
    /// The line of the note's first word, and the later lines marked `!private`.
    first_line: usize,
    private_lines: Vec<usize>,
    out: Parsed,
}

impl Reader<'_> {
    /// Reads the first of `words`; returns what it is and how many words it used (a date may
    /// use the next words of its line).
    fn word(&mut self, words: &[Word]) -> (Read, usize) {
        let word = words[0].text;
        if let Some(rest) = token::escaped(word) {
            return (Read::Kept(rest.to_string()), 1);
        }
        if let Some(read) = self.trust(word) {
            return (read, 1);
        }
        if token::is_private(word) {
            let line = words[0].line;
            if line == self.first_line {
                self.out.private = true;
            } else if !self.private_lines.contains(&line) {
                self.private_lines.push(line);
            }
            return (Read::Syntax, 1);
        }
        if let Some(value) = token::due_prefix(word) {
            return self.due(&value, words);
        }
        if let Some(value) = token::at_prefix(word) {
            return self.at(&value, words);
        }
        if let Some(value) = token::follow_prefix(word) {
            return self.follow(&value, words);
        }
        if let Some(minutes) = token::minutes(word).filter(|_| self.kind.is_some_and(takes_time)) {
            return (Read::Duration(minutes), 1);
        }
        if token::is_billed(word) && self.kind == Some(Kind::Advice) {
            return (Read::Billed, 1);
        }
        if let Some(found) = token::mention(word) {
            return (self.mention(word, found), 1);
        }
        if let Some(found) = token::tag(word) {
            return (self.tag(word, found), 1);
        }
        (Read::Text, 1)
    }

    fn doubt(&mut self, token: &str, why: impl Into<String>) -> Read {
        self.out.doubtful.push(Doubtful::new(token, why));
        Read::Text
    }

    /// `+1` the first time; a second trust word, or one out of range, is doubtful.
    fn trust(&mut self, word: &str) -> Option<Read> {
        if let Some(trust) = token::trust(word) {
            return Some(match self.out.trust {
                Some(first) => self.doubt(
                    word,
                    format!("is a second trust; a note takes one (the first, {first:+}, counts)"),
                ),
                None => {
                    self.out.trust = Some(trust);
                    Read::Syntax
                }
            });
        }
        token::trust_like(word).then(|| self.doubt(word, "needs a trust within -3..+3"))
    }

    /// The date after `due:`: in the same word, or the next word or two of the same line
    /// (`due: fri`, `due:next monday`).
    fn due(&mut self, value: &str, words: &[Word]) -> (Read, usize) {
        let word = words[0].text;
        let held = self.kind.is_some_and(holds_promises);
        if let Some(kind) = self.kind.filter(|k| *k != Kind::Promise && !held) {
            let why = format!("makes a promise, and this is a {kind}");
            return (self.doubt(word, why), 1);
        }
        if self.out.follow.is_some() && self.kind.is_none() {
            let why = "makes a promise, and follow: made this a follow-up note";
            return (self.doubt(word, why), 1);
        }
        let sentence = words[0].sentence;
        let first = match held {
            true => (self.dues.iter()).find_map(|&(s, due)| (s == sentence).then_some(due)),
            false => self.out.due,
        };
        if let Some(first) = first {
            let why = format!(
                "is a second due date; a promise has one (the first, {}, counts)",
                first.format("%a %Y-%m-%d")
            );
            return (self.doubt(word, why), 1);
        }
        match day_words(value, words, self.now) {
            Some((due, used, punct)) => {
                if held {
                    self.dues.push((sentence, due));
                } else {
                    self.out.due = Some(due);
                }
                (punct_read(&punct), used)
            }
            None => {
                let why = "needs a date such as fri, 2026-12-01 or next_monday";
                (self.doubt(word, why), 1)
            }
        }
    }

    /// The day after `follow:`, read as `due:` reads it. A follow-up is a note: another kind,
    /// a due date or a second `follow:` is doubtful.
    fn follow(&mut self, value: &str, words: &[Word]) -> (Read, usize) {
        let word = words[0].text;
        if let Some(kind) = self.kind.filter(|k| *k != Kind::Note) {
            let why = format!("makes a follow-up note, and this is a {kind}");
            return (self.doubt(word, why), 1);
        }
        if self.out.due.is_some() {
            let why = "makes a follow-up, and due: made this a promise (a note takes one)";
            return (self.doubt(word, why), 1);
        }
        if let Some(first) = self.out.follow {
            let why = format!(
                "is a second follow-up day (the first, {}, counts)",
                first.format("%a %Y-%m-%d")
            );
            return (self.doubt(word, why), 1);
        }
        match day_words(value, words, self.now) {
            Some((day, used, punct)) => {
                self.out.follow = Some(day);
                (punct_read(&punct), used)
            }
            None => {
                let why = "needs a day such as fri, 2026-12-01 or next_monday";
                (self.doubt(word, why), 1)
            }
        }
    }

    /// The time after `at:`, read as `--at` reads it; the longest reading wins, so that
    /// `at:yesterday 15:30` is half past three.
    fn at(&mut self, value: &str, words: &[Word]) -> (Read, usize) {
        let word = words[0].text;
        if self.out.at.is_some() {
            return (self.doubt(word, "is a second time; a note has one"), 1);
        }
        let (pieces, from_next) = date_words(value, words);
        let mut refused = None;
        for n in (1..=pieces.len()).rev() {
            match token::moment(&pieces[..n], self.now) {
                Ok(at) => {
                    self.out.at = Some(at);
                    return (Read::Syntax, n + from_next);
                }
                Err(e) => refused = Some(e),
            }
        }
        let why = match refused {
            Some(WhenError::Future(_)) => "is in the future; at: says when it happened",
            _ => "needs a time such as 10:00, yesterday_15:30 or mon",
        };
        (self.doubt(word, why), 1)
    }

    /// `@name`: the longest of the client's names it starts with, else up to the first
    /// honorific or particle (for unspaced Japanese).
    fn mention(&mut self, word: &str, found: token::Sigiled) -> Read {
        let body =
            (self.known.name_in(found.body)).unwrap_or_else(|| token::unknown_name(found.body));
        let found = token::split_at(word, found.open, body);
        let name = token::mention_name(found.body);
        let lower = name.to_lowercase();
        if !self.out.mentions.iter().any(|m| m.to_lowercase() == lower) {
            self.out.mentions.push(name);
        }
        Read::Sigiled {
            shown: found.shown(&found.body.replace(['_', '＿'], " ")),
            pure: found.open.is_empty() && found.rest.is_empty(),
        }
    }

    /// `#tag`: the longest tag in use it starts with, else up to the first particle.
    fn tag(&mut self, word: &str, found: token::Sigiled) -> Read {
        let body =
            (self.known.tag_in(found.body)).unwrap_or_else(|| token::unknown_tag(found.body));
        if !body.chars().any(char::is_alphabetic) {
            return Read::Text;
        }
        let found = token::split_at(word, found.open, body);
        let tag = token::tag_name(found.body);
        if !self.out.tags.contains(&tag) {
            self.out.tags.push(tag);
        }
        Read::Sigiled {
            shown: found.shown(found.body),
            pure: found.open.is_empty() && found.rest.is_empty(),
        }
    }

    /// Durations and `billed` count only before the first word of text or after the last;
    /// elsewhere they are words. Of the durations the first counts.
    fn settle_edges(&mut self, reads: &mut [Read]) {
        let head = reads.iter().position(Read::is_text).unwrap_or(reads.len());
        let tail = tail_start(reads);
        for (i, read) in reads.iter_mut().enumerate() {
            let edge = i < head || i >= tail;
            match *read {
                Read::Duration(minutes) if edge && self.out.minutes.is_none() => {
                    self.out.minutes = Some(minutes);
                    *read = Read::Syntax;
                }
                Read::Billed if edge => {
                    self.out.billed = true;
                    *read = Read::Syntax;
                }
                Read::Duration(_) | Read::Billed => *read = Read::Text,
                _ => {}
            }
        }
    }
}

/// The words a date or time after `due:` or `at:` may take: the rest of the word, then the
/// next words of the same line, two at most; and whether the first of them is the next word.
fn date_words<'a>(value: &'a str, words: &[Word<'a>]) -> (Vec<&'a str>, usize) {
    let line = words[0].line;
    let following = words[1..].iter().take_while(|w| w.line == line);
    let pieces = std::iter::once(value)
        .filter(|v| !v.is_empty())
        .chain(following.map(|w| w.text))
        .take(2)
        .collect();
    (pieces, usize::from(value.is_empty()))
}

/// Where the trailing run of syntax, mentions and tags begins.
fn tail_start(reads: &[Read]) -> usize {
    reads.iter().rposition(Read::is_text).map_or(0, |i| i + 1)
}

/// Kinds of event that take time worth writing down.
pub fn takes_time(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Call | Kind::Video | Kind::Meeting | Kind::CheckIn | Kind::Advice | Kind::Favor
    )
}

/// What each word leaves in the text, if anything.
enum Piece {
    Word(String),
    /// Joined to the word before it on its line.
    Punct(String),
    Gone,
}

fn kept_pieces(words: &[Word], reads: &[Read]) -> Vec<Piece> {
    let tail = tail_start(reads);
    let pieces = words.iter().zip(reads).enumerate();
    pieces
        .map(|(i, (word, read))| match read {
            Read::Text => Piece::Word(word.text.to_string()),
            Read::Kept(text) => Piece::Word(text.clone()),
            Read::Sigiled { shown, pure } if !pure || i < tail => Piece::Word(shown.clone()),
            Read::Punct(punct) => Piece::Punct(punct.clone()),
            Read::Sigiled { .. } | Read::Syntax | Read::Duration(_) | Read::Billed => Piece::Gone,
        })
        .collect()
}

/// Words of one line or sentence joined as the text joins them.
fn push_piece(line: &mut Vec<String>, word: &Word, piece: &Piece, kept_last: &mut bool) {
    match (piece, line.last_mut()) {
        (Piece::Word(text), Some(last)) if word.glued && *kept_last => {
            last.push_str(text);
            *kept_last = true;
        }
        (Piece::Word(text), _) => {
            line.push(text.clone());
            *kept_last = true;
        }
        (Piece::Punct(punct), Some(last)) => {
            last.push_str(punct);
            *kept_last = true;
        }
        (Piece::Punct(punct), None) => {
            line.push(punct.clone());
            *kept_last = true;
        }
        (Piece::Gone, _) => *kept_last = false,
    }
}

/// The text of one promise: its sentence's words as the note keeps them, without the minute
/// stamp (`[+12m]`) a call box puts before each line.
fn promised_text<'a>(words: impl Iterator<Item = (&'a Word<'a>, &'a Piece)>) -> String {
    let mut parts = Vec::new();
    let mut kept_last = false;
    for (word, piece) in words {
        push_piece(&mut parts, word, piece, &mut kept_last);
    }
    if parts.first().is_some_and(|p| token::is_minute_stamp(p)) {
        parts.remove(0);
    }
    parts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text without what was read: words joined by single spaces (pieces of one word without
/// one), lines kept, lines that held only syntax dropped, blank lines collapsed to one; the
/// lines in `private` marked so.
fn assemble(words: &[Word], kept: Vec<Piece>, written: &[bool], private: &[usize]) -> String {
    let mut lines: Vec<Vec<String>> = vec![Vec::new(); written.len()];
    let mut kept_last = false;
    for (word, piece) in words.iter().zip(&kept) {
        push_piece(&mut lines[word.line], word, piece, &mut kept_last);
    }
    let mut text: Vec<String> = Vec::new();
    for (index, (parts, written)) in lines.iter().zip(written).enumerate() {
        if parts.is_empty() && *written {
            continue;
        }
        let line = parts
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let line = match private.contains(&index) {
            true => crate::model::private_line(&line),
            false => line,
        };
        let blank_again = line.is_empty() && text.last().is_none_or(String::is_empty);
        if !blank_again {
            text.push(line);
        }
    }
    if text.last().is_some_and(String::is_empty) {
        text.pop();
    }
    text.join("\n")
}
