//! A one-line text input. The cursor sits between grapheme clusters (never inside one, so a
//! CJK char, a ZWJ emoji or a half-width kana with its sound mark is moved over and deleted
//! whole); the view asks for display columns, measured per cluster (`crate::width`), which is
//! what the terminal cursor needs.

use crate::config::KeyCode;
use crate::width;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// In bytes, on a cluster boundary.
    at: usize,
}

impl TextInput {
    /// A field holding `text`, the cursor at its end (where editing usually continues).
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            at: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in chars before it.
    pub fn cursor(&self) -> usize {
        self.text[..self.at].chars().count()
    }

    /// Where the cluster before the cursor starts.
    fn before(&self) -> Option<usize> {
        (self.text[..self.at].grapheme_indices(true).next_back()).map(|(i, _)| i)
    }

    /// Where the cluster after the cursor ends.
    fn after(&self) -> Option<usize> {
        (self.text[self.at..].graphemes(true).next()).map(|g| self.at + g.len())
    }

    /// Inserts at the cursor. Line breaks and tabs become spaces: every field is one line, and a
    /// pasted address block should still arrive whole.
    pub fn insert(&mut self, text: &str) {
        let clean: String = text
            .chars()
            .filter(|c| *c != '\r')
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        self.text.insert_str(self.at, &clean);
        self.at += clean.len();
        // A sound mark typed after its kana joins its cluster: the cursor goes after it.
        self.at = self.boundary_from(self.at);
    }

    /// The first cluster boundary at or after `at`.
    fn boundary_from(&self, at: usize) -> usize {
        (self.text.grapheme_indices(true))
            .map(|(i, _)| i)
            .chain(std::iter::once(self.text.len()))
            .find(|&i| i >= at)
            .unwrap_or(self.text.len())
    }

    pub fn backspace(&mut self) {
        if let Some(start) = self.before() {
            self.text.replace_range(start..self.at, "");
            self.at = start;
        }
    }

    pub fn delete(&mut self) {
        if let Some(end) = self.after() {
            self.text.replace_range(self.at..end, "");
        }
    }

    pub fn left(&mut self) {
        self.at = self.before().unwrap_or(0);
    }

    pub fn right(&mut self) {
        self.at = self.after().unwrap_or(self.at);
    }

    pub fn home(&mut self) {
        self.at = 0;
    }

    pub fn end(&mut self) {
        self.at = self.text.len();
    }

    /// The editing keys a one-line box shares (typing, deleting, moving); false for any
    /// other key, which the box decides on itself.
    pub fn edit(&mut self, code: KeyCode) -> bool {
        match code {
            KeyCode::Char(c) => self.insert(c.encode_utf8(&mut [0; 4])),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            _ => return false,
        }
        true
    }

    /// What fits in `columns` display columns with the cursor visible, and the cursor's column
    /// within it. Scrolls only as far as needed, and never shows half of a wide cluster.
    pub fn window(&self, columns: usize) -> (String, usize) {
        // Keep one column free after the cursor so it has a cell to sit on.
        let room = columns.saturating_sub(1);
        let mut start = 0;
        let mut before = width::of(&self.text[..self.at]);
        let mut clusters = self.text[..self.at].graphemes(true);
        while before > room {
            let Some(g) = clusters.next() else { break };
            start += g.len();
            before -= width::cluster(g);
        }
        let (shown, _) = width::prefix(&self.text[start..], columns);
        (shown.to_string(), before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_char_not_byte() {
        let mut t = TextInput::new("星空");
        t.insert("テック");
        assert_eq!((t.text(), t.cursor()), ("星空テック", 5));
        t.left();
        t.left();
        t.backspace();
        assert_eq!((t.text(), t.cursor()), ("星空ック", 2));
        t.delete();
        assert_eq!(t.text(), "星空ク");
        t.home();
        t.insert("🚀");
        t.end();
        t.insert("!");
        assert_eq!(t.text(), "🚀星空ク!");
        t.right();
        assert_eq!(t.cursor(), 5, "right stops at the end");
        t.home();
        t.left();
        t.backspace();
        assert_eq!((t.text(), t.cursor()), ("🚀星空ク!", 0));
    }

    /// Backspace after `ｶﾟ` left the `ﾟ`, drawn alone; a ZWJ family and `❤️` moved the cursor
    /// by their chars' widths.
    #[test]
    fn clusters_are_edited_and_measured_whole() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let mut t = TextInput::new("aｶﾟ");
        t.backspace();
        assert_eq!(t.text(), "a");
        t.insert("ｶ");
        t.insert("ﾟ");
        assert_eq!((t.text(), t.window(20).1), ("aｶﾟ", crate::width::of("aｶﾟ")));
        t.left();
        assert_eq!(t.cursor(), 1, "over the kana and its mark at once");
        t.delete();
        assert_eq!(t.text(), "a");
        t.insert(family);
        t.insert("\u{2764}\u{fe0f}");
        assert_eq!(t.window(20).1, 5);
        t.left();
        assert_eq!(t.window(20).1, 3);
        t.backspace();
        assert_eq!(t.text(), "a\u{2764}\u{fe0f}");
    }

    #[test]
    fn paste_is_one_line() {
        let mut t = TextInput::new("");
        t.insert("Acme\r\nOy\tHQ\u{7}");
        assert_eq!(t.text(), "Acme Oy HQ");
    }

    #[test]
    fn window_keeps_the_cursor_visible_in_display_columns() {
        let t = TextInput::new("星空テック");
        // Ten columns of text; the cursor at the end needs an eleventh.
        assert_eq!(t.window(20), ("星空テック".into(), 10));
        assert_eq!(t.window(11), ("星空テック".into(), 10));
        let (shown, col) = t.window(8);
        assert_eq!((shown.as_str(), col), ("テック", 6));
        let mut t = t;
        t.home();
        // A wide char that would straddle the edge is left out.
        assert_eq!(t.window(5), ("星空".into(), 0));
    }
}
