//! The report as Markdown: headings and lists that read well as plain text and render anywhere.
//! Every text from the store goes through [`text`], so a note cannot open a heading, a link,
//! raw HTML or a code span, nor end the list item it sits in.
//!
//! [`marked`] is the same text with the event each list item shows, for the dashboard's
//! preview (`R`), which must show the client's words exactly and act on the event under its
//! cursor: one layout, two uses, so the preview cannot drift from what is sent.

use super::{made, summary, Incident, Item, Promise, Report, Section, State, Words};
use crate::model::EventId;
use std::fmt::Write;
use std::ops::Range;

/// The Markdown text and, for each list item, the bytes it takes and the event it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub items: Vec<(Range<usize>, EventId)>,
}

impl Marked {
    /// The text's lines, each with the event of the item it belongs to, if any.
    pub fn lines(&self) -> Vec<(&str, Option<EventId>)> {
        let mut at = 0;
        let body = self.text.strip_suffix('\n').unwrap_or(&self.text);
        (body.split('\n'))
            .map(|line| {
                let start = at;
                at += line.len() + 1;
                let event = (self.items.iter())
                    .find(|(range, _)| range.contains(&start))
                    .map(|&(_, id)| id);
                (line, event)
            })
            .collect()
    }

    /// Runs `write`, remembering what it wrote as showing `event`.
    fn item(&mut self, event: EventId, write: impl FnOnce(&mut Self)) {
        let start = self.text.len();
        write(self);
        self.items.push((start..self.text.len(), event));
    }

    fn push(&mut self, c: char) {
        self.text.push(c);
    }
}

impl Write for Marked {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}

pub fn markdown(report: &Report) -> String {
    marked(report).text
}

/// The report as Markdown, its items marked with their events.
pub fn marked(report: &Report) -> Marked {
    let words = report.words();
    let mut out = Marked::default();
    let _ = writeln!(out, "# {}\n", text(&words.title(&report.client), 0));
    let _ = writeln!(out, "{}{}{}\n", report.since, words.to(), report.until);
    if let Some(by) = report.prepared_by() {
        let _ = writeln!(out, "{}\n", text(&by, 0));
    }
    let _ = writeln!(out, "{}\n", text(&summary(report), 0));
    let each = |out: &mut Marked, w: &Item| item(out, words, w, 0);
    section(&mut out, words, Section::Work, &report.work, each);
    section(&mut out, words, Section::Wins, &report.wins, each);
    let incident = |out: &mut Marked, i: &Incident| incident(out, words, i);
    section(
        &mut out,
        words,
        Section::Incidents,
        &report.incidents,
        incident,
    );
    let promise = |out: &mut Marked, p: &Promise| promise(out, report, p);
    section(&mut out, words, Section::Settled, &report.settled, promise);
    section(&mut out, words, Section::Open, &report.open, promise);
    out.text.truncate(out.text.trim_end().len());
    // A rule after a blank line (never under a paragraph, which would make it a heading).
    if let Some(footer) = &report.footer {
        let _ = write!(out, "\n\n---\n\n{}", text(footer, 0));
    }
    out.push('\n');
    out
}

fn section<T>(
    out: &mut Marked,
    words: Words,
    which: Section,
    items: &[T],
    each: impl Fn(&mut Marked, &T),
) {
    let _ = writeln!(out, "## {}\n", words.section(which));
    if items.is_empty() {
        let _ = writeln!(out, "{}", words.none());
    }
    for it in items {
        each(out, it);
    }
    out.push('\n');
}

/// `- **2026-11-20** · call with Mikko (45 min): text`, indented `depth` levels.
fn item(out: &mut Marked, words: Words, item: &Item, depth: usize) {
    let indent = "  ".repeat(depth);
    let mut head = format!("**{}** · {}", item.day, words.kind(item.kind));
    if !item.people.is_empty() {
        head.push(' ');
        head.push_str(&words.with(&text(&item.people.join(", "), 0)));
    }
    if let Some(minutes) = item.minutes {
        head.push_str(&format!(" ({})", words.duration(minutes)));
    }
    let body = text(&item.text, indent.len() + 2);
    out.item(item.event, |out| {
        let _ = writeln!(out, "{indent}- {head}: {body}");
    });
}

fn incident(out: &mut Marked, words: Words, incident: &Incident) {
    item(out, words, &incident.item, 0);
    for follow_up in &incident.follow_ups {
        item(out, words, follow_up, 1);
    }
}

/// `- ✔ **Kept** 2026-11-20: text (due …, made …, with …) — note`; open ones as `- [ ] text`.
fn promise(out: &mut Marked, report: &Report, promise: &Promise) {
    let words = report.words();
    let label = words.state(promise.state);
    let state = match promise.state {
        State::Kept(day) => format!("✔ **{label}** {day}:"),
        State::Broken(day) => format!("✘ **{label}** {day}:"),
        State::Open => "[ ]".to_string(),
        State::Overdue => format!("[ ] **{label}**:"),
    };
    let mut details = Vec::new();
    if let Some(due) = promise.due {
        details.push(words.due(due));
    }
    details.push(made(report, promise));
    if !promise.people.is_empty() {
        details.push(words.with(&text(&promise.people.join(", "), 0)));
    }
    let mut line = format!(
        "- {state} {} ({})",
        text(&promise.text, 2),
        details.join(", ")
    );
    if let Some(note) = &promise.note {
        line.push_str(&format!(" — {}", text(note, 2)));
    }
    out.item(promise.event, |out| {
        let _ = writeln!(out, "{line}");
    });
}

/// A text from the store made safe as Markdown inline content. Line breaks stay line breaks
/// (a hard break, the next line indented by `indent` to stay in its list item).
pub fn text(raw: &str, indent: usize) -> String {
    let lines: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(line)
        .collect();
    lines.join(&format!("  \n{}", " ".repeat(indent)))
}

/// One line: characters with a meaning in Markdown are backslash-escaped, and so is a start
/// that would begin a block (a heading, a list, a quote, a rule).
fn line(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len() + 8);
    let block = block_marker(raw);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let escape = Some(i) == block
            || match c {
                '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => true,
                // snake_case reads as it is: an underscore inside a word emphasises nothing.
                '_' => {
                    !(before.is_some_and(char::is_alphanumeric)
                        && after.is_some_and(char::is_alphanumeric))
                }
                // Only the start of an entity (`&amp;`, `&#60;`) means anything.
                '&' => is_entity(&chars[i + 1..]),
                _ => false,
            };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The character that would make the line open a block (`# `, `- `, `+ `, `=`, `>`, the dot of
/// `1. ` or the parenthesis of `2) `), by position.
fn block_marker(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        return line[digits..].starts_with(['.', ')']).then_some(digits);
    }
    line.starts_with(['#', '-', '+', '=', '>']).then_some(0)
}

/// Whether the text after an `&` reads as an entity: `amp;`, `#60;`, `#x3C;`.
fn is_entity(rest: &[char]) -> bool {
    let body = rest.strip_prefix(&['#']).unwrap_or(rest);
    let name = body
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    name > 0 && body.get(name) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_cannot_break_the_structure() {
        assert_eq!(line("# not a heading"), "\\# not a heading");
        assert_eq!(line("- not a list"), "\\- not a list");
        assert_eq!(line("12. not a list"), "12\\. not a list");
        assert_eq!(line("2026 was good"), "2026 was good");
        assert_eq!(
            line("<script>alert(1)</script> & [link](x) *b* `c` |"),
            "\\<script\\>alert(1)\\</script\\> & \\[link\\](x) \\*b\\* \\`c\\` \\|"
        );
        assert_eq!(
            line("pg_stat_replication _emph_"),
            "pg_stat_replication \\_emph\\_"
        );
        assert_eq!(line("Q&A &amp; &#60;"), "Q&A \\&amp; \\&#60;");
    }

    #[test]
    fn line_breaks_stay_inside_the_list_item() {
        assert_eq!(
            text("one\n\n  # two\nthree", 2),
            "one  \n  \\# two  \n  three"
        );
    }
}
