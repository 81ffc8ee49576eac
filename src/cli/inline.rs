//! The note's inline syntax on the command line (`"call: @Mikko says it went fine +1 #db"`): read
//! with the kind the flags chose, tags merged with `--tag`, and @names linked to the client's
//! people where they resolve. An @name that does not resolve never costs the note: it stays in
//! the text and a warning says how to add the person.

use super::context::Target;
use super::Ctx;
use crate::capture::{self, Doubtful, Parsed, Vocabulary};
pub use crate::capture::{link, Unlinked};
use crate::model::{ClientName, Kind};
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};

/// Reads a note's text; `kind` is the `--kind` flag or the command's own kind, which beats the
/// note's kind word. Refuses a note with nothing to store, and one with words that look like
/// syntax but do not read unless `literal` keeps them as text.
pub fn read(
    text: &str,
    kind: Option<Kind>,
    known: &Vocabulary,
    literal: bool,
    now: DateTime<Utc>,
) -> Result<Parsed> {
    if text.trim().is_empty() {
        bail!("the note is empty");
    }
    let parsed = match kind {
        Some(kind) => capture::parse_as(text, kind, known, now),
        None => capture::parse(text, known, now),
    };
    if !literal && !parsed.doubtful.is_empty() {
        bail!(doubts(&parsed.doubtful));
    }
    if parsed.text.is_empty() {
        bail!(
            "the note is empty once its syntax is read ({}); add a few words on what happened",
            parsed.preview()
        );
    }
    Ok(parsed)
}

/// What did not read and how to keep it as text on purpose. Saving it as text silently would
/// lose what was meant: a promise without its due date never shows in the agenda.
fn doubts(doubtful: &[Doubtful]) -> String {
    let mut lines: Vec<String> = doubtful.iter().map(|d| format!("'{d}'.")).collect();
    let first = &doubtful[0].token;
    lines.push(format!(
        "Nothing was saved. Fix it, or keep it as text: \\{first} in the note, or --literal."
    ));
    lines.join("\n")
}

/// The client's names, so that `＠田中さんと` reads as 田中; from the names file, which costs
/// nothing to read. Where it is missing or the client unknown, nothing is known and the parser
/// guesses where a name ends.
pub fn vocabulary(ctx: &Ctx, target: &Target) -> Vocabulary {
    let Ok(Some(names)) = ctx.quick_names() else {
        return Vocabulary::default();
    };
    let Ok(client) = target.resolve(names) else {
        return Vocabulary::default();
    };
    let people = names.people.iter().filter(|p| p.client == client.id);
    Vocabulary::new(people.map(|p| &p.name), std::iter::empty::<&str>())
}

/// `--tag` values (a leading `#` is dropped) followed by the note's #tags, each once whatever
/// its case.
pub fn merge_tags(flags: &[String], inline: Vec<String>) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let flags = flags
        .iter()
        .map(|t| t.trim().trim_start_matches('#').to_string());
    for tag in flags.chain(inline).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag);
        }
    }
    tags
}

/// Says on stderr which @names were kept as plain text, and what to do about them.
pub fn warn(client: &ClientName, unlinked: &[Unlinked]) {
    for missing in unlinked {
        match missing {
            Unlinked::Unknown {
                name,
                suggestions,
                hint,
            } => {
                crate::cli::output::warn(&format!(
                    "warning: @{name} is not one of {}'s people; the name stays in the note as text.",
                    client.name
                ));
                if let Some(hint) = hint {
                    crate::cli::output::warn(&format!("  {hint}"));
                }
                if !suggestions.is_empty() {
                    crate::cli::output::warn(&format!(
                        "  Did you mean: {}?",
                        suggestions.join(", ")
                    ));
                }
                let handle = client.alias.as_deref().unwrap_or(&client.name);
                crate::cli::output::warn(&format!(
                    "  To add them: rapport person add {} {}",
                    quote(handle),
                    quote(name)
                ));
            }
            Unlinked::Ambiguous { name, candidates } => {
                // All of them work at this client: "at Acme Oy" would only repeat it.
                let at = format!(" at {}", client.name);
                let people: Vec<&str> = candidates
                    .iter()
                    .map(|c| c.strip_suffix(&at).unwrap_or(c))
                    .collect();
                crate::cli::output::warn(&format!(
                    "warning: @{name} could be {}; the name stays in the note as text.",
                    people.join(" or ")
                ));
                crate::cli::output::warn(&format!(
                    "  Write more of the name, with _ for spaces (@{}), or use --with.",
                    people[0].replace(' ', "_")
                ));
            }
        }
    }
}

/// A word as it would be typed in a shell: bare when that is safe, else in double quotes.
fn quote(word: &str) -> String {
    let bare = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.,/".contains(c));
    if bare {
        return word.to_string();
    }
    let mut quoted = String::from("\"");
    for c in word.chars() {
        if "\"\\$`".contains(c) {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_from_flags_come_first_and_each_once() {
        let flags = vec!["#ops".to_string(), "DB".to_string(), " ".to_string()];
        let merged = merge_tags(&flags, vec!["db".into(), "移行".into(), "ops".into()]);
        assert_eq!(merged, ["ops", "DB", "移行"]);
    }

    #[test]
    fn quoting_for_the_shell() {
        assert_eq!(quote("acme"), "acme");
        assert_eq!(quote("佐藤"), "佐藤");
        assert_eq!(quote("Anna Lee"), "\"Anna Lee\"");
        assert_eq!(quote("a\"$b"), "\"a\\\"\\$b\"");
    }
}
