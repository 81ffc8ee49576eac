//! The capture box's text: ratatui-textarea's editor (cursor by character and word, Home/End,
//! Ctrl-W, undo and redo) with rapport's own keys on top: Enter saves, so a new line is
//! Alt-Enter or Ctrl-J, which survive tmux (it delivers Shift-Enter as a plain Enter).
//!
//! What the box shows is laid out here, not by the widget ([`Editor::screen`]): the widget wraps
//! and places its cursor by each char's width, so a ZWJ sequence (`👩‍💻`, four columns by its
//! chars, two as drawn) wrapped a line early and `❤️` late, and the cursor sat off the text.
//! The rows are `width::wrap`'s, per grapheme cluster, as the terminal draws them.

use crate::config::{KeyCode, KeySpec};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, Input, Key, TextArea, WrapMode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use unicode_segmentation::UnicodeSegmentation;

/// What a key asks of the capture box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorKey {
    /// The text changed.
    Changed,
    /// Only the cursor or the view moved.
    Moved,
    /// Start a new line (the caller may stamp it).
    Newline,
    Save,
    /// Close, keeping the text as a draft.
    Close,
    /// Ask to discard the draft (Ctrl-D).
    Discard,
}

#[derive(Debug)]
pub struct Editor {
    /// Drawing the widget updates its scroll position and line map (its own view memory, not
    /// the note); the mutex lets it do so while the app stays shareable between threads.
    area: Mutex<TextArea<'static>>,
    /// The first screen row the box showed: drawing keeps the cursor in view from there (view
    /// memory, as the widget's own was).
    top: AtomicUsize,
}

/// The box's text as shown: its screen rows, the one the cursor is on and its column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screen {
    pub rows: Vec<String>,
    /// Row and column (display columns) of the cursor; at the end of a full row it is at the
    /// start of the next, as a terminal puts it.
    pub cursor: (usize, usize),
}

/// What the empty box says.
pub const PLACEHOLDER: &str = "what happened? call: @name #tag +1 !private due:fri 45m";

impl Clone for Editor {
    fn clone(&self) -> Self {
        Self {
            area: Mutex::new(self.lock().clone()),
            top: AtomicUsize::new(self.top.load(Ordering::Relaxed)),
        }
    }
}

impl Default for Editor {
    fn default() -> Self {
        Self::new("")
    }
}

impl Editor {
    /// An editor holding `text`, the cursor at its end (where a continued draft goes on).
    pub fn new(text: &str) -> Self {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        // Lines are wrapped where they are drawn (`screen`); to the widget they are whole, so
        // Up and Down move by line.
        area.set_wrap_mode(WrapMode::None);
        // The terminal's own cursor marks the spot (the view puts it there, for the IME), so
        // the widget draws neither a cursor cell nor an underlined line.
        area.set_cursor_style(Style::new());
        area.set_cursor_line_style(Style::new());
        area.set_placeholder_text(PLACEHOLDER);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self {
            area: Mutex::new(area),
            top: AtomicUsize::new(0),
        }
    }

    /// The text laid out in rows of `width` columns, wrapped per grapheme cluster.
    pub fn screen(&self, width: usize) -> Screen {
        let area = self.lock();
        let ratatui_textarea::DataCursor(at_line, at_char) = area.cursor();
        let mut rows = Vec::new();
        let mut cursor = (0, 0);
        for (i, line) in area.lines().iter().enumerate() {
            let wrapped = crate::width::wrap(line, width);
            if i == at_line {
                let at = line
                    .char_indices()
                    .nth(at_char)
                    .map_or(line.len(), |(b, _)| b);
                let last = wrapped.len() - 1;
                let on = (wrapped.iter()).position(|r| at < r.end).unwrap_or(last);
                let column = crate::width::of(&line[wrapped[on].start..at]);
                cursor = match column >= width.max(1) {
                    true => (rows.len() + on + 1, 0),
                    false => (rows.len() + on, column),
                };
            }
            rows.extend(wrapped.into_iter().map(|r| line[r].to_string()));
        }
        Screen { rows, cursor }
    }

    /// The first row to show in `height` rows so that the cursor's row is in view, moving
    /// the view as little as it can from where it was; remembered for the next frame.
    pub fn view_top(&self, cursor_row: usize, height: usize) -> usize {
        let height = height.max(1);
        let mut top = self.top.load(Ordering::Relaxed).min(cursor_row);
        if cursor_row >= top + height {
            top = cursor_row + 1 - height;
        }
        self.top.store(top, Ordering::Relaxed);
        top
    }

    fn lock(&self) -> MutexGuard<'_, TextArea<'static>> {
        // Nothing can be left half-done in a text area by a panic elsewhere.
        self.area
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn area(&mut self) -> &mut TextArea<'static> {
        self.area
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lock().lines().join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.lock().lines().iter().all(|l| l.trim().is_empty())
    }

    pub fn key(&mut self, key: KeySpec) -> EditorKey {
        let plain = !key.ctrl && !key.alt;
        match key.code {
            KeyCode::Enter if plain && !key.shift => return EditorKey::Save,
            KeyCode::Enter => return EditorKey::Newline,
            KeyCode::Char('j') if key.ctrl && !key.alt => return EditorKey::Newline,
            KeyCode::Esc => return EditorKey::Close,
            // Ctrl-C arrives as a key in raw mode: a reflex must not lose the note (nor copy).
            KeyCode::Char('c') if key.ctrl => return EditorKey::Close,
            // Ctrl-D would delete a character (Delete does that); here it discards the draft.
            KeyCode::Char('d') if key.ctrl && !key.alt => return EditorKey::Discard,
            // The editor's undo is Ctrl-U; Ctrl-Z is what most hands try first.
            KeyCode::Char('z') if key.ctrl && !key.alt => {
                return changed(self.area().undo());
            }
            _ => {}
        }
        if plain {
            if let Some(done) = self.by_cluster(key.code) {
                return done;
            }
        }
        let Some(input) = input(key) else {
            return EditorKey::Moved;
        };
        changed(self.area().input(input))
    }

    /// Backspace, Delete, Left and Right over a whole grapheme cluster where it is more than
    /// one char (`ｶﾟ`, a ZWJ family, `❤️`): the editor steps by char, which left a lone sound
    /// mark behind, or the cursor inside an emoji. `None`: the editor's own step is the same.
    fn by_cluster(&mut self, code: KeyCode) -> Option<EditorKey> {
        let (chars, back) = {
            let area = self.lock();
            let ratatui_textarea::DataCursor(row, col) = area.cursor();
            let line = area.lines().get(row)?;
            let at = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
            let back = matches!(code, KeyCode::Backspace | KeyCode::Left);
            let cluster = match back {
                true => line[..at].graphemes(true).next_back()?,
                false => line[at..].graphemes(true).next()?,
            };
            (cluster.chars().count(), back)
        };
        if chars < 2 {
            return None;
        }
        let area = self.area();
        Some(match code {
            KeyCode::Backspace => {
                for _ in 0..chars {
                    area.move_cursor(CursorMove::Back);
                }
                changed(area.delete_str(chars))
            }
            KeyCode::Delete => changed(area.delete_str(chars)),
            KeyCode::Left | KeyCode::Right => {
                let step = if back {
                    CursorMove::Back
                } else {
                    CursorMove::Forward
                };
                for _ in 0..chars {
                    area.move_cursor(step);
                }
                EditorKey::Moved
            }
            _ => return None,
        })
    }

    /// The @name being typed at the cursor, without its sigil: what Tab completes.
    pub fn mention_at_cursor(&self) -> Option<String> {
        let area = self.lock();
        let cursor = area.cursor();
        let line = area.lines().get(cursor.0)?;
        let before: Vec<char> = line.chars().take(cursor.1).collect();
        let sigil = before.iter().rposition(|c| matches!(c, '@' | '＠'))?;
        let typed: String = before[sigil + 1..].iter().collect();
        let starts_word = sigil == 0 || before[sigil - 1].is_whitespace();
        (starts_word && !typed.contains(char::is_whitespace)).then_some(typed)
    }

    /// Replaces the `typed` part of the @name at the cursor with `name`. A space ending `name`
    /// is not doubled by one already after the cursor (completing inside a line): the cursor
    /// steps over that one instead.
    pub fn complete_mention(&mut self, typed: &str, name: &str) {
        let spaced = {
            let area = self.lock();
            let ratatui_textarea::DataCursor(row, col) = area.cursor();
            let next = area.lines().get(row).and_then(|l| l.chars().nth(col));
            next.is_some_and(char::is_whitespace)
        };
        let area = self.area();
        for _ in typed.chars() {
            area.delete_char();
        }
        match name.strip_suffix(' ') {
            Some(bare) if spaced => {
                area.insert_str(bare);
                area.move_cursor(CursorMove::Forward);
            }
            _ => {
                area.insert_str(name);
            }
        }
    }

    /// A new line at the cursor, starting with `stamp`.
    pub fn newline(&mut self, stamp: &str) {
        let area = self.area();
        area.insert_newline();
        area.insert_str(stamp);
    }

    /// Pasted text at the cursor, its lines kept (bracketed paste delivers it whole).
    pub fn paste(&mut self, text: &str) -> bool {
        let clean: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
            .collect();
        !clean.is_empty() && self.area().insert_str(clean)
    }
}

fn changed(modified: bool) -> EditorKey {
    if modified {
        EditorKey::Changed
    } else {
        EditorKey::Moved
    }
}

/// rapport's key in the editor's terms.
fn input(key: KeySpec) -> Option<Input> {
    let code = match key.code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::F(_) => return None,
    };
    Some(Input {
        key: code,
        ctrl: key.ctrl,
        alt: key.alt,
        shift: key.shift,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(editor: &mut Editor, spelled: &[&str]) {
        for key in spelled {
            editor.key(key.parse().unwrap());
        }
    }

    fn typed(editor: &mut Editor, text: &str) {
        for c in text.chars() {
            editor.key(KeySpec::plain(KeyCode::Char(c)));
        }
    }

    #[test]
    fn enter_saves_and_the_newline_keys_work_inside_tmux() {
        let mut e = Editor::default();
        typed(&mut e, "一行目");
        assert_eq!(e.key("enter".parse().unwrap()), EditorKey::Save);
        assert_eq!(e.key("alt-enter".parse().unwrap()), EditorKey::Newline);
        assert_eq!(e.key("ctrl-j".parse().unwrap()), EditorKey::Newline);
        assert_eq!(e.key("esc".parse().unwrap()), EditorKey::Close);
        assert_eq!(e.key("ctrl-c".parse().unwrap()), EditorKey::Close);
        e.newline("[+3m] ");
        typed(&mut e, "next");
        assert_eq!(e.text(), "一行目\n[+3m] next");
    }

    #[test]
    fn words_home_end_and_undo() {
        let mut e = Editor::new("call: went fine");
        typed(&mut e, " 🚀");
        keys(&mut e, &["ctrl-w"]);
        assert_eq!(e.text(), "call: went fine ");
        keys(&mut e, &["home", "alt-f"]);
        typed(&mut e, "X");
        assert_eq!(e.text(), "callX: went fine ");
        keys(&mut e, &["ctrl-z"]);
        assert_eq!(e.text(), "call: went fine ");
        keys(&mut e, &["ctrl-r", "end", "backspace"]);
        assert_eq!(e.text(), "callX: went fine");
        keys(&mut e, &["ctrl-u", "ctrl-u"]);
        assert_eq!(e.text(), "call: went fine ");
    }

    #[test]
    fn the_mention_at_the_cursor_is_found_only_as_a_word() {
        assert_eq!(
            Editor::new("call with @Mi").mention_at_cursor().as_deref(),
            Some("Mi")
        );
        assert_eq!(
            Editor::new("＠佐").mention_at_cursor().as_deref(),
            Some("佐")
        );
        assert_eq!(Editor::new("@").mention_at_cursor().as_deref(), Some(""));
        assert_eq!(Editor::new("mikko@acme").mention_at_cursor(), None);
        assert_eq!(Editor::new("@Mikko said").mention_at_cursor(), None);
        let mut e = Editor::new("with @an");
        e.complete_mention("an", "Anna_Lee ");
        assert_eq!(e.text(), "with @Anna_Lee ");
        // Inside a line the space already there is kept, not doubled.
        let mut e = Editor::new("with @an about it");
        keys(&mut e, &["alt-b", "alt-b", "left"]);
        assert_eq!(e.mention_at_cursor().as_deref(), Some("an"));
        e.complete_mention("an", "Anna_Lee ");
        assert_eq!(e.text(), "with @Anna_Lee about it");
        typed(&mut e, "X");
        assert_eq!(
            e.text(),
            "with @Anna_Lee Xabout it",
            "the cursor is past the space"
        );
    }

    /// Backspace after `ｶﾟ` took only the `ﾟ`; the arrows stopped inside a ZWJ family.
    #[test]
    fn backspace_delete_and_arrows_take_a_whole_cluster() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let mut e = Editor::default();
        typed(&mut e, "aｶﾟ");
        keys(&mut e, &["backspace"]);
        assert_eq!(e.text(), "a");
        typed(&mut e, &format!("{family}b"));
        keys(&mut e, &["left", "left"]);
        assert_eq!(e.lock().cursor().1, 1, "before the family");
        keys(&mut e, &["delete"]);
        assert_eq!(e.text(), "ab");
        typed(&mut e, "\u{2764}\u{fe0f}");
        keys(&mut e, &["backspace"]);
        assert_eq!(e.text(), "ab");
        keys(&mut e, &["ctrl-z"]);
        assert_eq!(e.text(), "a\u{2764}\u{fe0f}b", "one step of undo");
    }

    /// A line of ZWJ emoji as wide as the box is one row (by its chars it was 14 columns of
    /// 10), and the cursor stands after what the terminal drew.
    #[test]
    fn the_screen_wraps_and_places_the_cursor_per_cluster() {
        let coder = "👩\u{200d}💻";
        let family = "👨\u{200d}👩\u{200d}👧";
        let line = format!("ok {coder}{family}❤\u{fe0f}!");
        let mut e = Editor::new(&line);
        let screen = e.screen(10);
        assert_eq!(screen.rows, [line.as_str()]);
        assert_eq!(
            screen.cursor,
            (1, 0),
            "at the end of a full row: the next row's start"
        );
        keys(&mut e, &["left"]);
        assert_eq!(e.screen(10).cursor, (0, 9), "before the `!`");
        keys(&mut e, &["left"]);
        assert_eq!(
            e.screen(10).cursor,
            (0, 7),
            "before the heart, two columns wide"
        );
        keys(&mut e, &["home"]);
        typed(&mut e, "a");
        let screen = e.screen(10);
        assert_eq!(
            screen.rows,
            ["aok ", &line[3..]],
            "one more column wraps at the blank"
        );
        assert_eq!(screen.cursor, (0, 1));
        let two = Editor::new("星空\n次");
        assert_eq!(
            two.screen(10),
            Screen {
                rows: vec!["星空".into(), "次".into()],
                cursor: (1, 2)
            }
        );
    }

    #[test]
    fn the_view_follows_the_cursor() {
        let e = Editor::default();
        assert_eq!(e.view_top(2, 8), 0);
        assert_eq!(e.view_top(9, 8), 2);
        assert_eq!(e.view_top(5, 8), 2, "in view: it stays");
        assert_eq!(e.view_top(1, 8), 1);
    }

    #[test]
    fn paste_keeps_lines_and_drops_control_characters() {
        let mut e = Editor::new("a");
        assert!(e.paste("佐藤さん\r\n移行\rok\u{7}"));
        assert_eq!(e.text(), "a佐藤さん\n移行\nok");
        assert!(!e.paste("\u{7}"));
        assert!(!e.is_blank());
        assert!(Editor::new(" \n ").is_blank());
    }
}
