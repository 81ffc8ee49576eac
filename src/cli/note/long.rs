//! Long notes: `rapport note CLIENT` with no text (on a terminal) or `-e` opens `$EDITOR` on a
//! private temporary file, as `git commit` does; `rapport note CLIENT -` reads standard input
//! to its end. Either way an empty note writes nothing.

use super::args::NoteArgs;
use crate::cli::Ctx;
use anyhow::{bail, Context, Result};
use std::io::{IsTerminal, Read, Write};

/// The help at the top of the file; its lines (`# ` or a lone `#`) are left out of the note,
/// while a `#tag` at the start of a line stays.
const HEADER: &str = "\
# Write the note above; lines starting with '# ' are left out, and an empty
# note writes nothing. The inline syntax works as on the command line:
#   call: meeting: advice: ...   the kind, as the first word
#   @Mikko #replication +1       a person, a tag, trust
#   due:fri 45m billed           a promise, the time spent, paid advice";

/// Puts the note's text in `args` when it is to come from the editor or standard input.
pub(super) fn fill(ctx: &Ctx, args: &mut NoteArgs) -> Result<()> {
    if args.edit {
        // `rapport note acme -e`: the one word is the client; with two, the text is a start.
        let start = match args.client {
            None => {
                args.client = Some(std::mem::take(&mut args.text));
                String::new()
            }
            Some(_) => std::mem::take(&mut args.text),
        };
        args.text = edit(&start, args.client.as_deref().unwrap_or_default())?;
    } else if args.text == "-" {
        args.text = from_stdin()?;
    } else if args.client.is_none()
        && std::io::stdin().is_terminal()
        && super::named_client(ctx, &args.text)?.is_some()
    {
        args.client = Some(std::mem::take(&mut args.text));
        args.text = edit("", args.client.as_deref().unwrap_or_default())?;
    }
    Ok(())
}

/// Standard input to its end, as the note.
fn from_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read standard input: nothing written")?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("standard input is not UTF-8 text: nothing written"))?;
    not_empty(text.trim().to_string(), "standard input was empty")
}

/// The editor's result, its help lines left out.
fn edit(start: &str, client: &str) -> Result<String> {
    // tempfile creates it new and 0600: a private note never sits readable in /tmp.
    let mut file = tempfile::Builder::new()
        .prefix("rapport-note-")
        .suffix(".txt")
        .tempfile()
        .context("cannot create a temporary file for the note")?;
    writeln!(file, "{start}\n{HEADER}\n# The note is for {client}.")?;
    file.flush()?;
    let editor = editor();
    // Through the shell, as git does: EDITOR may carry arguments (`code --wait`).
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(&editor)
        .arg(file.path())
        .status()
        .with_context(|| format!("cannot start the editor {editor:?}: nothing written"))?;
    if !status.success() {
        bail!("the editor {editor:?} ended with {status}: nothing written");
    }
    // Read by name: editors often save by writing a new file over the old one.
    let text = std::fs::read_to_string(file.path())
        .context("cannot read the note back from the editor's file: nothing written")?;
    not_empty(strip(&text), "the note was empty")
}

/// `$EDITOR`, else `$VISUAL`, else `vi`.
fn editor() -> String {
    ["EDITOR", "VISUAL"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// The text without the help lines, trimmed.
fn strip(text: &str) -> String {
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| !(line.starts_with("# ") || line.trim_end() == "#"))
        .collect();
    kept.join("\n").trim().to_string()
}

fn not_empty(text: String, why: &str) -> Result<String> {
    if text.is_empty() {
        bail!("{why}: nothing written");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lines_go_and_tags_at_the_start_of_a_line_stay() {
        let text = format!("call: went fine\n#replication +1\n\n{HEADER}\n#\n");
        assert_eq!(strip(&text), "call: went fine\n#replication +1");
        assert_eq!(strip(HEADER), "");
    }
}
