//! A field of several lines, one item per line (a client's concerns). A line read from the
//! record keeps the date it was first noted; a line typed here has none until it is saved.
//! One blank line always waits at the end: typing there adds an item.

use super::TextInput;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub input: TextInput,
    /// When the item was first noted; `None` for a line added in this form.
    pub since: Option<NaiveDate>,
}

impl Item {
    fn blank() -> Self {
        Item {
            input: TextInput::new(""),
            since: None,
        }
    }

    fn is_blank(&self) -> bool {
        self.input.text().trim().is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lines {
    items: Vec<Item>,
    row: usize,
}

impl Lines {
    pub fn new(items: impl IntoIterator<Item = (String, NaiveDate)>) -> Self {
        let mut lines = Lines {
            items: items
                .into_iter()
                .map(|(text, since)| Item {
                    input: TextInput::new(&text),
                    since: Some(since),
                })
                .collect(),
            row: 0,
        };
        lines.tidy();
        lines
    }

    /// Every line, the blank one at the end included.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The line the cursor is on.
    pub fn row(&self) -> usize {
        self.row
    }

    /// The items worth keeping: text trimmed, blank lines left out.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Option<NaiveDate>)> {
        self.items
            .iter()
            .filter(|i| !i.is_blank())
            .map(|i| (i.input.text().trim(), i.since))
    }

    /// One string for change tracking: a blank line is no change.
    pub fn joined(&self) -> String {
        let texts: Vec<&str> = self.entries().map(|(text, _)| text).collect();
        texts.join("\n")
    }

    pub fn current(&mut self) -> &mut TextInput {
        &mut self.items[self.row].input
    }

    /// Up a line; false on the first, where the focus leaves the field.
    pub fn up(&mut self) -> bool {
        let moved = self.row > 0;
        if moved {
            self.row -= 1;
            self.tidy();
        }
        moved
    }

    /// Down a line; false on the last.
    pub fn down(&mut self) -> bool {
        let moved = self.row + 1 < self.items.len();
        if moved {
            self.row += 1;
            self.tidy();
        }
        moved
    }

    /// Entering the field from above starts on its first line, from below on its last.
    pub fn enter(&mut self, from_below: bool) {
        self.row = if from_below { self.items.len() - 1 } else { 0 };
    }

    /// Backspace at the start of an empty line removes that line and goes to the end of the one
    /// above, as in an editor.
    pub fn backspace(&mut self) {
        if self.items[self.row].input.text().is_empty() && self.row > 0 {
            if self.row + 1 < self.items.len() {
                self.items.remove(self.row);
            }
            self.row -= 1;
            self.current().end();
        } else {
            self.current().backspace();
        }
        self.tidy();
    }

    /// Removes the line under the cursor (the waiting blank line stays).
    pub fn remove(&mut self) {
        if self.row + 1 < self.items.len() {
            self.items.remove(self.row);
        }
        self.tidy();
    }

    /// Call after any change: blank lines go, but for the cursor's and exactly one waiting at
    /// the end.
    pub fn tidy(&mut self) {
        let (row, last) = (self.row, self.items.len().saturating_sub(1));
        let (mut index, mut gone_above) = (0, 0);
        self.items.retain(|item| {
            let keep = !item.is_blank() || index == row || index == last;
            gone_above += usize::from(!keep && index < row);
            index += 1;
            keep
        });
        self.row -= gone_above;
        if !self.items.last().is_some_and(Item::is_blank) {
            self.items.push(Item::blank());
        }
        // A blank line under the cursor just above the waiting one becomes the waiting one.
        let n = self.items.len();
        if n >= 2 && self.row == n - 2 && self.items[n - 2].is_blank() {
            self.items.pop();
        }
        self.row = self.row.min(self.items.len() - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    fn texts(lines: &Lines) -> Vec<&str> {
        lines.items().iter().map(|i| i.input.text()).collect()
    }

    #[test]
    fn a_blank_line_always_waits_at_the_end() {
        let mut lines = Lines::new([("audit".to_string(), day(1))]);
        assert_eq!(texts(&lines), ["audit", ""]);
        assert!(lines.down());
        lines.current().insert("budget");
        lines.tidy();
        assert_eq!(texts(&lines), ["audit", "budget", ""]);
        assert!(lines.down() && !lines.down(), "the blank line is the last");
        let kept: Vec<_> = lines.entries().collect();
        assert_eq!(kept, [("audit", Some(day(1))), ("budget", None)]);
    }

    #[test]
    fn emptied_lines_are_not_kept_and_do_not_pile_up() {
        let mut lines = Lines::new([("a".to_string(), day(1)), ("b".to_string(), day(2))]);
        lines.down();
        lines.current().backspace();
        lines.tidy();
        assert_eq!(
            texts(&lines),
            ["a", ""],
            "the emptied line is the waiting one"
        );
        assert_eq!((lines.row(), lines.joined().as_str()), (1, "a"));
        // An emptied line in the middle stays while the cursor is on it, and goes after.
        let mut lines = Lines::new([("a".to_string(), day(1)), ("b".to_string(), day(2))]);
        lines.current().backspace();
        lines.tidy();
        assert_eq!(texts(&lines), ["", "b", ""]);
        assert!(lines.down());
        assert_eq!((lines.row(), texts(&lines)), (0, vec!["b", ""]));
        assert_eq!(lines.entries().next(), Some(("b", Some(day(2)))));
    }

    #[test]
    fn backspace_on_an_empty_line_joins_the_line_above() {
        let mut lines = Lines::new([("a".to_string(), day(1)), ("b".to_string(), day(2))]);
        lines.enter(true);
        assert_eq!(lines.row(), 2);
        lines.backspace();
        assert_eq!((lines.row(), texts(&lines)), (1, vec!["a", "b", ""]));
        lines.current().backspace();
        lines.backspace();
        assert_eq!((lines.row(), texts(&lines)), (0, vec!["a", ""]));
    }

    #[test]
    fn remove_takes_the_line_but_not_the_waiting_blank() {
        let mut lines = Lines::new([("a".to_string(), day(1)), ("b".to_string(), day(2))]);
        lines.remove();
        assert_eq!(texts(&lines), ["b", ""]);
        lines.enter(true);
        lines.remove();
        assert_eq!(texts(&lines), ["b", ""]);
        assert_eq!(lines.entries().next(), Some(("b", Some(day(2)))));
    }
}
