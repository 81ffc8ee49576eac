//! Private lines: in a note of several lines, a line marked `!private` (any line but the first,
//! which makes the whole note private) is kept in the timeline with a 🔒 before it and left out
//! of whatever is for others (the report, `export --without-private`). The mark is the 🔒 in
//! the text itself, so every copy of the note (its versions, an export, the edit box) keeps
//! it without a field of its own; a line someone starts with a 🔒 by hand is private too,
//! which errs on the side of keeping it.

/// What a private line starts with in the stored text.
pub const LOCK: &str = "🔒";

/// Whether a line of a note's text is private.
pub fn is_private_line(line: &str) -> bool {
    line.trim_start().starts_with(LOCK)
}

/// The text as others may read it: without its private lines.
pub fn without_private_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !is_private_line(l)).collect();
    lines.join("\n")
}

/// A private line as stored: the lock, a space, the line.
pub fn private_line(line: &str) -> String {
    format!("{LOCK} {line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_lines_leave_and_the_rest_stays() {
        let text = format!(
            "Failover went fine\n{}\n[+3m] next step",
            private_line("tired")
        );
        assert!(text.contains("🔒 tired"));
        assert_eq!(
            without_private_lines(&text),
            "Failover went fine\n[+3m] next step"
        );
        assert_eq!(without_private_lines("no lines marked"), "no lines marked");
        assert!(is_private_line("  🔒 indented"));
        assert!(!is_private_line("a 🔒 inside"));
    }
}
