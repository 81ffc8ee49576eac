//! The report as Markdown: headings and lists that read well as plain text and render anywhere.
//! Every text from the store goes through [`text`], so a note cannot open a heading, a link,
//! raw HTML or a code span, nor end the list item it sits in.

use super::{duration, made, summary, Incident, Item, Promise, Report, State};
use std::fmt::Write;

pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: client report\n", text(&report.client, 0));
    let _ = writeln!(
        out,
        "{} to {}\n\n{}\n",
        report.since,
        report.until,
        text(&summary(report), 0)
    );
    section(&mut out, "Work done", &report.work, |out, w| {
        item(out, w, 0)
    });
    section(&mut out, "Wins", &report.wins, |out, w| item(out, w, 0));
    section(&mut out, "Incidents handled", &report.incidents, incident);
    section(
        &mut out,
        "Promises kept and broken",
        &report.settled,
        promise,
    );
    section(&mut out, "Open items", &report.open, promise);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn section<T>(out: &mut String, title: &str, items: &[T], each: impl Fn(&mut String, &T)) {
    let _ = writeln!(out, "## {title}\n");
    if items.is_empty() {
        out.push_str("None in this period.\n");
    }
    for it in items {
        each(out, it);
    }
    out.push('\n');
}

/// `- **2026-11-20** · call with Mikko (45 min): text`, indented `depth` levels.
fn item(out: &mut String, item: &Item, depth: usize) {
    let indent = "  ".repeat(depth);
    let mut head = format!("**{}** · {}", item.day, item.kind);
    if !item.people.is_empty() {
        head.push_str(&format!(" with {}", text(&item.people.join(", "), 0)));
    }
    if let Some(minutes) = item.minutes {
        head.push_str(&format!(" ({})", duration(minutes)));
    }
    let _ = writeln!(
        out,
        "{indent}- {head}: {}",
        text(&item.text, indent.len() + 2)
    );
}

fn incident(out: &mut String, incident: &Incident) {
    item(out, &incident.item, 0);
    for follow_up in &incident.follow_ups {
        item(out, follow_up, 1);
    }
}

/// `- ✔ **Kept** 2026-11-20: text (due …, made …, with …) — note`; open ones as `- [ ] text`.
fn promise(out: &mut String, promise: &Promise) {
    let state = match promise.state {
        State::Kept(day) => format!("✔ **Kept** {day}:"),
        State::Broken(day) => format!("✘ **Broken** {day}:"),
        State::Open => "[ ]".to_string(),
        State::Overdue => "[ ] **Overdue**:".to_string(),
    };
    let mut details = Vec::new();
    if let Some(due) = promise.due {
        details.push(format!("due {due}"));
    }
    details.push(made(promise));
    if !promise.people.is_empty() {
        details.push(format!("with {}", text(&promise.people.join(", "), 0)));
    }
    let mut line = format!(
        "- {state} {} ({})",
        text(&promise.text, 2),
        details.join(", ")
    );
    if let Some(note) = &promise.note {
        line.push_str(&format!(" — {}", text(note, 2)));
    }
    let _ = writeln!(out, "{line}");
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
