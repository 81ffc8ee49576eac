//! The inline note syntax: one pass over the words of a note, then the text is put back together
//! without what was read.
//!
//! Where a word could be syntax or text, these are the rules:
//!
//! - **Only whole words are syntax.** `C++1`, `mikko@acme.fi`, `45m-row` and `+5` are text. A
//!   sigil may follow an opening bracket or quote: `(@Mikko)`, `「＠佐藤」`.
//! - **The kind word** counts only as the note's first word; after a full-width `：` the text may
//!   follow without a space (`call：相談`). A kind chosen elsewhere (`--kind`, [`parse_as`]) beats
//!   it; the word still leaves the text.
//! - **Names** run over letters, digits and marks of any script, `_`, `-` and `'`, and end at
//!   anything else: whitespace, punctuation (`,` `.` `:` `、` `。`), symbols, emoji. A name of
//!   several words is written with underscores: `@Anna_Lee` is "Anna Lee", in the text too.
//!   `@Mikko's` names Mikko. A trailing honorific (`さん`, `様`, `-san`, …) stays in the text and
//!   is left out of the name. Japanese has no spaces between words, so end a mention with a space
//!   or punctuation (`＠佐藤さん、`): in `＠佐藤さんと話した` all of it is taken as the name.
//! - **Tags** are lowercase (`#DB` and `#db` are one tag) and hold a letter (`#1` is text). A tag
//!   leaves the text only in the note's trailing run, where nothing but tags, mentions and other
//!   syntax follows it; inside a sentence its word stays, without `#`.
//! - **Trust, `!private` and `due:`** are read anywhere. Of two trust words or two due dates the
//!   first counts and the later ones stay text, so nothing typed is lost unread.
//! - **Durations and `billed`** are ordinary words too ("they have 45m rows", "already billed"),
//!   so they are read only at an edge of the note (before its first word of text or after its
//!   last) and only for the kinds they belong to: durations for call, video, meeting, check-in,
//!   advice and favor; `billed` for advice. The first duration counts.
//! - **`due:`** makes the note a promise when no kind is given; after another kind it stays text.
//!   The date reads as `--due` reads it: `due:fri`, `due:2026-12-01`, `due:next_monday` or
//!   `due:next monday`. A date that does not read (`due:someday`) stays text.
//! - **The text** keeps its lines. Within a line, runs of whitespace become one space; lines
//!   left empty by syntax are dropped and blank lines collapse to one.
//!
//! No word of the stored text reads as a mention or a tag: their sigils are gone. Other syntax
//! can remain (a second `+1` stays text, a mention may read `billed`), so parsing the text of a
//! parse again is not guaranteed to change nothing; nothing re-parses stored text.

use super::token;
use crate::model::Kind;
use chrono::{DateTime, NaiveDate, Utc};

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
    pub due: Option<NaiveDate>,
    pub minutes: Option<u32>,
    pub billed: bool,
}

/// Reads a note's inline syntax. Never fails: what does not read stays text. `now` places
/// relative due dates (`due:fri`) in local time.
pub fn parse(input: &str, now: DateTime<Utc>) -> Parsed {
    read(input, None, now)
}

/// Reads a note whose kind is already chosen (a `--kind` flag, a picker): `kind` wins over the
/// note's kind word, and decides which words are durations, `billed` or a due date.
pub fn parse_as(input: &str, kind: Kind, now: DateTime<Utc>) -> Parsed {
    read(input, Some(kind), now)
}

/// Reads a note taken where a kind is implied (during a call): `fallback` is the kind unless
/// the note says otherwise, with its kind word (`note:` too) or a due date making it a promise.
pub fn parse_or(input: &str, fallback: Kind, now: DateTime<Utc>) -> Parsed {
    let parsed = read(input, None, now);
    let named = input
        .split_whitespace()
        .next()
        .and_then(token::kind_word)
        .is_some();
    if named || parsed.kind != Kind::Note {
        parsed
    } else {
        read(input, Some(fallback), now)
    }
}

struct Word<'a> {
    text: &'a str,
    line: usize,
}

/// What one word turned out to be.
enum Read {
    Text,
    /// Read and removed from the text.
    Syntax,
    /// A mention, kept in the text without its sigil.
    Mention(String),
    /// A tag, kept in the text without its sigil unless it is `pure` (nothing but the tag) and
    /// in the trailing run.
    Tag {
        shown: String,
        pure: bool,
    },
    /// Read only at an edge of the note.
    Duration(u32),
    Billed,
}

fn read(input: &str, chosen: Option<Kind>, now: DateTime<Utc>) -> Parsed {
    let lines: Vec<&str> = input.split('\n').collect();
    let mut words: Vec<Word> = lines
        .iter()
        .enumerate()
        .flat_map(|(line, text)| text.split_whitespace().map(move |text| Word { text, line }))
        .collect();
    // Which lines had words, so that a line emptied by syntax can be told from a blank one.
    let mut written = vec![false; lines.len()];
    for word in &words {
        written[word.line] = true;
    }

    let mut word_kind = None;
    if let Some((kind, rest)) = words.first().and_then(|w| token::kind_word(w.text)) {
        word_kind = Some(kind);
        if rest.is_empty() {
            words.remove(0);
        } else {
            words[0].text = rest;
        }
    }
    let mut reader = Reader {
        now,
        kind: chosen.or(word_kind),
        out: Parsed::default(),
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
    out.text = assemble(&words, reads, &written);
    out
}

struct Reader {
    now: DateTime<Utc>,
    kind: Option<Kind>,
    out: Parsed,
}

impl Reader {
    /// Reads the first of `words`; returns what it is and how many words it used (a due date
    /// may use the next words of its line).
    fn word(&mut self, words: &[Word]) -> (Read, usize) {
        let word = words[0].text;
        if let Some(trust) = token::trust(word) {
            if self.out.trust.is_some() {
                return (Read::Text, 1);
            }
            self.out.trust = Some(trust);
            return (Read::Syntax, 1);
        }
        if token::is_private(word) {
            self.out.private = true;
            return (Read::Syntax, 1);
        }
        if let Some(value) = token::due_prefix(word) {
            let wanted = matches!(self.kind, None | Some(Kind::Promise)) && self.out.due.is_none();
            if let Some((due, used)) = wanted.then(|| self.due(&value, words)).flatten() {
                self.out.due = Some(due);
                return (Read::Syntax, used);
            }
            return (Read::Text, 1);
        }
        if let Some(minutes) = token::minutes(word).filter(|_| self.kind.is_some_and(takes_time)) {
            return (Read::Duration(minutes), 1);
        }
        if token::is_billed(word) && self.kind == Some(Kind::Advice) {
            return (Read::Billed, 1);
        }
        if let Some(found) = token::mention(word) {
            let name = token::mention_name(found.body);
            let lower = name.to_lowercase();
            if !self.out.mentions.iter().any(|m| m.to_lowercase() == lower) {
                self.out.mentions.push(name);
            }
            let shown = found.shown(&found.body.replace(['_', '＿'], " "));
            return (Read::Mention(shown), 1);
        }
        if let Some(found) = token::tag(word) {
            let tag = token::tag_name(found.body);
            if !self.out.tags.contains(&tag) {
                self.out.tags.push(tag);
            }
            let pure = found.open.is_empty() && found.rest.is_empty();
            return (
                Read::Tag {
                    shown: found.shown(found.body),
                    pure,
                },
                1,
            );
        }
        (Read::Text, 1)
    }

    /// The date after `due:`: in the same word, or the next word or two of the same line
    /// (`due: fri`, `due:next monday`). Returns the date and the words used, `due:` included.
    fn due(&self, value: &str, words: &[Word]) -> Option<(NaiveDate, usize)> {
        let line = words[0].line;
        let following = words[1..].iter().take_while(|w| w.line == line);
        let pieces: Vec<&str> = std::iter::once(value)
            .filter(|v| !v.is_empty())
            .chain(following.map(|w| w.text))
            .take(2)
            .collect();
        let from_next = usize::from(value.is_empty());
        (1..=pieces.len()).find_map(|n| {
            let due = token::date(&pieces[..n], self.now)?;
            Some((due, n + from_next))
        })
    }

    /// Durations and `billed` count only before the first word of text or after the last;
    /// elsewhere they are words. Of the durations the first counts.
    fn settle_edges(&mut self, reads: &mut [Read]) {
        let head = reads
            .iter()
            .position(|r| matches!(r, Read::Text))
            .unwrap_or(reads.len());
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

/// Where the trailing run of syntax, mentions and tags begins.
fn tail_start(reads: &[Read]) -> usize {
    reads
        .iter()
        .rposition(|r| matches!(r, Read::Text))
        .map_or(0, |i| i + 1)
}

/// Kinds of event that take time worth writing down.
fn takes_time(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Call | Kind::Video | Kind::Meeting | Kind::CheckIn | Kind::Advice | Kind::Favor
    )
}

/// The text without what was read: words joined by single spaces, lines kept, lines that held
/// only syntax dropped, blank lines collapsed to one.
fn assemble(words: &[Word], reads: Vec<Read>, written: &[bool]) -> String {
    let tail = tail_start(&reads);
    let mut lines: Vec<Vec<String>> = vec![Vec::new(); written.len()];
    for (i, (word, read)) in words.iter().zip(reads).enumerate() {
        let kept = match read {
            Read::Text => Some(word.text.to_string()),
            Read::Mention(shown) => Some(shown),
            Read::Tag { shown, pure } => (!pure || i < tail).then_some(shown),
            Read::Syntax | Read::Duration(_) | Read::Billed => None,
        };
        lines[word.line].extend(kept);
    }
    let mut text: Vec<String> = Vec::new();
    for (parts, written) in lines.iter().zip(written) {
        if parts.is_empty() && *written {
            continue;
        }
        let line = parts
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
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
