//! A note may start with a dash: `rapport note acme "-3 missed the deadline"`. clap takes
//! such a word for a flag, and `allow_hyphen_values` cannot help here: with the client
//! optional (`allow_missing_positional`), clap decides where a word goes by looking at the
//! next one, and a text allowed to look like a flag would then swallow a real `--due` (nor can
//! `--` help: the client before it would be read as the text). So when `note` or `promise`
//! fails on an unknown argument that is a sentence (a dash and a space: no flag has one), its
//! dash is swapped for a mark clap reads as a plain word, and put back once parsed.

use clap::error::ErrorKind;
use std::ffi::OsString;

/// Stands in for the leading dash while clap parses (private use: no note starts with it).
const MARK: &str = "\u{E000}\u{E0DA}";

/// The arguments again with the dashed sentence's dash marked, if that is what went wrong.
pub fn retry(args: &[OsString], error: &clap::Error) -> Option<Vec<OsString>> {
    if error.kind() != ErrorKind::UnknownArgument || args.iter().any(|a| a == "--") {
        return None;
    }
    if !args
        .iter()
        .any(|a| a == "note" || a == "promise" || a == "follow")
    {
        return None;
    }
    let sentence = args.iter().position(|a| {
        let text = a.to_string_lossy();
        text.starts_with('-') && !text.starts_with("--") && text.contains(char::is_whitespace)
    })?;
    let mut fixed = args.to_vec();
    let text = fixed[sentence].to_string_lossy().into_owned();
    fixed[sentence] = format!("{MARK}{}", &text[1..]).into();
    Some(fixed)
}

/// The text as typed: the mark put by [`retry`] back to a dash.
pub fn restore(text: &mut String) {
    if let Some(rest) = text.strip_prefix(MARK) {
        *text = format!("-{rest}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let mut cli = Cli::try_parse_from(&args).or_else(|e| match retry(&args, &e) {
            Some(fixed) => Cli::try_parse_from(fixed),
            None => Err(e),
        })?;
        cli.restore_dash();
        Ok(cli)
    }

    #[test]
    fn a_dashed_sentence_is_the_text_wherever_the_flags_are() {
        for args in [
            &["rapport", "note", "acme", "-3 missed the deadline"][..],
            &[
                "rapport",
                "note",
                "acme",
                "-3 missed the deadline",
                "--kind",
                "call",
            ],
            &[
                "rapport",
                "note",
                "--kind",
                "call",
                "-3 missed the deadline",
            ],
            &["rapport", "promise", "acme", "- send it", "--due", "fri"],
        ] {
            let cli = parse(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
            let text = format!("{:?}", cli.command);
            assert!(text.contains("text: \"-"), "{args:?}: {text}");
        }
    }

    #[test]
    fn a_mistyped_flag_is_still_an_error() {
        assert!(parse(&["rapport", "note", "acme", "text", "-x"]).is_err());
        assert!(parse(&["rapport", "log", "-3 days"]).is_err());
    }
}
