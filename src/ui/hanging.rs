//! Lines with a hanging indent: a head (a bullet, a date, a label) and then a text whose wrapped
//! lines continue under the text's first character, not under the head. Widths are display
//! columns, so CJK and emoji (two columns each) wrap where a terminal would.

use crate::width::Columns;
use ratatui::text::{Line, Span};

/// Fewer columns than this beside the head and the continuation lines start at the left edge
/// instead: a column of two-character lines reads worse than losing the indent.
const MIN_TEXT: usize = 12;

/// `head` then `text`, wrapped to `width` columns with a hanging indent.
pub fn hanging(head: Vec<Span<'static>>, text: &str, width: usize) -> Vec<Line<'static>> {
    let indent = head.iter().map(|s| s.content.columns()).sum::<usize>();
    let hang = if width >= indent + MIN_TEXT {
        indent
    } else {
        0
    };
    // The head is stood in for by blanks of its width, then swapped back in with its styles.
    let first = " ".repeat(indent);
    let rest = " ".repeat(hang);
    // First fit, as terminals and editors wrap: each line as full as it can be.
    let options = textwrap::Options::new(width.max(1))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .initial_indent(&first)
        .subsequent_indent(&rest);
    let mut lines: Vec<Line<'static>> = textwrap::wrap(text, options)
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let (mut spans, blanks) = match i {
                0 => (head.clone(), first.len()),
                _ => (vec![Span::raw(rest.clone())], rest.len()),
            };
            spans.push(Span::raw(part.get(blanks..).unwrap_or("").to_string()));
            Line::from(spans)
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(head));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn continuation_lines_start_under_the_text() {
        let head = vec![Span::raw("  2026-11-20  ")];
        let lines = hanging(head, "Fishing in Lapland every summer with his brother", 40);
        assert_eq!(
            texts(&lines),
            [
                "  2026-11-20  Fishing in Lapland every",
                "              summer with his brother",
            ]
        );
    }

    #[test]
    fn cjk_and_emoji_wrap_by_display_width() {
        let head = vec![Span::raw("  • ")];
        let text = "娘さんが来春から東京の大学に進学する予定🎓で、とても楽しみにしている";
        let lines = hanging(head, text, 24);
        let texts = texts(&lines);
        assert!(texts.len() >= 3, "{texts:?}");
        for line in &texts {
            assert!(line.columns() <= 24, "{line:?} is {} wide", line.columns());
        }
        for line in &texts[1..] {
            assert!(
                line.starts_with("    ") && !line.starts_with("     "),
                "{line:?}"
            );
        }
        let joined: String = texts
            .iter()
            .map(|l| l.trim_start_matches(['•', ' ']))
            .collect();
        assert_eq!(joined, text, "nothing lost or doubled");
    }

    #[test]
    fn a_narrow_column_gives_up_the_indent() {
        let head = vec![Span::raw("state       ")];
        let lines = hanging(head, "active and well looked after", 20);
        let texts = texts(&lines);
        assert_eq!(texts[0], "state       active");
        assert!(texts[1..].iter().all(|l| !l.starts_with(' ')), "{texts:?}");
    }

    #[test]
    fn an_empty_text_keeps_its_head() {
        let lines = hanging(vec![Span::raw("tags")], "", 30);
        assert_eq!(texts(&lines), ["tags"]);
    }
}
