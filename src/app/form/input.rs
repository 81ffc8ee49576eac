//! A one-line text input. The cursor counts chars (never bytes, so CJK and emoji cannot be
//! split); the view asks for display columns, which is what the terminal cursor needs.

use unicode_width::UnicodeWidthChar;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// In chars, 0..=char count.
    cursor: usize,
}

/// Display width of one char; control and zero-width chars take no column.
fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

impl TextInput {
    /// A field holding `text`, the cursor at its end (where editing usually continues).
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
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
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// What fits in `columns` display columns with the cursor visible, and the cursor's column
    /// within it. Scrolls only as far as needed, and never shows half of a wide char.
    pub fn window(&self, columns: usize) -> (String, usize) {
        let chars: Vec<char> = self.text.chars().collect();
        // Keep one column free after the cursor so it has a cell to sit on.
        let room = columns.saturating_sub(1);
        let mut start = 0;
        let before = |start: usize| chars[start..self.cursor].iter().map(|&c| width(c)).sum();
        while start < self.cursor && before(start) > room {
            start += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for &c in &chars[start..] {
            if used + width(c) > columns {
                break;
            }
            used += width(c);
            shown.push(c);
        }
        (shown, before(start))
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
