//! User data made harmless for a terminal. A name, note or fact may carry control characters
//! (an ESC starting an OSC that retitles the terminal, a BEL, a C1 CSI), and printing them raw
//! lets whoever wrote them reprogram the user's terminal. Every control character (C0, DEL,
//! C1) becomes U+FFFD, the one mark used everywhere; `--json` and the export formats keep the
//! exact text, escaped by their own rules.

use std::borrow::Cow;

/// The mark shown in place of a control character.
pub const MARK: char = '\u{FFFD}';

/// Text for human output: controls become U+FFFD, but `\n` and `\t` stay (layout needs them).
pub fn clean(text: &str) -> Cow<'_, str> {
    replace(text, |c| c.is_control() && c != '\n' && c != '\t')
}

/// Text for a one-line field (a table cell, a name in a listing): line breaks and tabs become
/// U+FFFD too, so a newline inside a name cannot forge an extra row.
pub fn one_line(text: &str) -> Cow<'_, str> {
    replace(text, char::is_control)
}

fn replace(text: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if bad(c) { MARK } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_the_mark_in_both() {
        let evil = "a\x1b]0;pwned\x07b\x1b[2Jc\u{9b}d\x7fe\u{80}\u{9f}f\r";
        let want =
            "a\u{FFFD}]0;pwned\u{FFFD}b\u{FFFD}[2Jc\u{FFFD}d\u{FFFD}e\u{FFFD}\u{FFFD}f\u{FFFD}";
        assert_eq!(clean(evil), want);
        assert_eq!(one_line(evil), want);
    }

    #[test]
    fn layout_keeps_newlines_and_tabs_one_line_does_not() {
        assert_eq!(clean("a\nb\tc"), "a\nb\tc");
        assert_eq!(one_line("a\nb\tc"), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn plain_text_is_borrowed_and_unchanged() {
        let text = "Mikko Virtanen — 佐藤さん ⏎ ok";
        assert!(matches!(clean(text), Cow::Borrowed(t) if t == text));
        assert!(matches!(one_line(text), Cow::Borrowed(t) if t == text));
    }
}
