//! Key strings such as `ctrl-s`, `shift-tab`, `G` or `pgdn`, parsed into rapport's own `KeySpec`
//! so config files never depend on crossterm's serde shape; the dashboard maps terminal events
//! onto these.

use serde::{de, Deserialize, Deserializer};
use std::fmt;
use std::str::FromStr;

/// A key without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A printable character; `space` is `Char(' ')`. Upper case means shift was held.
    Char(char),
    Enter,
    Esc,
    Tab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// Function keys `F(1)` ..= `F(12)`.
    F(u8),
}

/// Names accepted in config, first spelling is the one `Display` writes back.
const NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

/// One key press: a code plus modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// Only for non-character keys (`shift-tab`); for letters the case carries shift.
    pub shift: bool,
}

impl KeySpec {
    /// A key with no modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }
}

impl FromStr for KeySpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fail = |why: String| {
            format!(
                "'{s}' is not a key: {why}; write a single character or one of enter, esc, tab, \
                 backspace, delete, up, down, left, right, home, end, pgup, pgdn, space, f1..f12, \
                 optionally after ctrl-, alt- or shift-"
            )
        };
        let mut key = KeySpec::plain(KeyCode::Char(' '));
        let mut rest = s;
        // Peel modifiers while something is left after the dash, so `ctrl--` is ctrl + '-'
        // and a bare `-` is the minus key.
        while let Some((head, tail)) = rest.split_once('-').filter(|(_, t)| !t.is_empty()) {
            let flag = match head.to_ascii_lowercase().as_str() {
                "ctrl" => &mut key.ctrl,
                "alt" => &mut key.alt,
                "shift" => &mut key.shift,
                _ => break,
            };
            if *flag {
                return Err(fail(format!("{head} is given twice")));
            }
            *flag = true;
            rest = tail;
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (None, _) => return Err(fail("it is empty".into())),
            (Some(c), None) if c.is_whitespace() || c.is_control() => {
                return Err(fail("write whitespace by name (space, tab)".into()))
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => name_to_code(rest).ok_or_else(|| fail(format!("unknown key name '{rest}'")))?,
        };
        // Shift on a character is written as the shifted character, so both spellings of
        // "shift-g" compare equal; other shifted characters depend on the keyboard layout.
        if let (KeyCode::Char(c), true) = (key.code, key.shift) {
            if !c.is_alphabetic() {
                return Err(fail(format!(
                    "write the shifted character instead of shift-{c}"
                )));
            }
            key.code = KeyCode::Char(c.to_uppercase().next().unwrap_or(c));
            key.shift = false;
        }
        Ok(key)
    }
}

fn name_to_code(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, code)) = NAMES.iter().find(|(n, _)| *n == lower) {
        return Some(code);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    // `f01` parses as 1; only the plain spelling is a function key name.
    (lower == format!("f{n}") && (1..=12).contains(&n)).then_some(KeyCode::F(n))
}

impl fmt::Display for KeyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyCode::F(n) => write!(f, "f{n}"),
            KeyCode::Char(c) if *c != ' ' => write!(f, "{c}"),
            code => {
                let name = NAMES
                    .iter()
                    .find(|(_, c)| c == code)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

/// Writes the canonical spelling (`ctrl-alt-s`, `shift-tab`, `G`), which parses back to itself.
impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (on, name) in [
            (self.ctrl, "ctrl-"),
            (self.alt, "alt-"),
            (self.shift, "shift-"),
        ] {
            if on {
                f.write_str(name)?;
            }
        }
        write!(f, "{}", self.code)
    }
}

/// Parses inside the visitor rather than after `String::deserialize`, so toml attaches the
/// span of the offending list element, not of the whole list.
impl<'de> Deserialize<'de> for KeySpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = KeySpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key string such as \"q\", \"ctrl-s\" or \"shift-tab\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<KeySpec, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, ctrl: bool, alt: bool, shift: bool) -> KeySpec {
        KeySpec {
            code,
            ctrl,
            alt,
            shift,
        }
    }

    #[test]
    fn good_key_strings() {
        use KeyCode::*;
        let table = [
            ("q", key(Char('q'), false, false, false)),
            ("G", key(Char('G'), false, false, false)),
            ("?", key(Char('?'), false, false, false)),
            ("/", key(Char('/'), false, false, false)),
            ("-", key(Char('-'), false, false, false)),
            ("ctrl-s", key(Char('s'), true, false, false)),
            ("Ctrl-S", key(Char('S'), true, false, false)),
            ("ctrl--", key(Char('-'), true, false, false)),
            ("alt-enter", key(Enter, false, true, false)),
            ("shift-tab", key(Tab, false, false, true)),
            ("shift-g", key(Char('G'), false, false, false)),
            ("ctrl-alt-delete", key(Delete, true, true, false)),
            ("pgdn", key(PageDown, false, false, false)),
            ("PageUp", key(PageUp, false, false, false)),
            ("space", key(Char(' '), false, false, false)),
            ("esc", key(Esc, false, false, false)),
            ("f1", key(F(1), false, false, false)),
            ("F12", key(F(12), false, false, false)),
            ("é", key(Char('é'), false, false, false)),
        ];
        for (text, want) in table {
            assert_eq!(text.parse::<KeySpec>(), Ok(want), "{text}");
        }
    }

    #[test]
    fn bad_key_strings() {
        for text in [
            "",
            "ctrl-",
            "ctrl-ctrl-s",
            "f0",
            "f13",
            "f01",
            "enterr",
            "ctrl s",
            " ",
            "hyper-x",
            "shift-1",
            "shift-?",
            "ctrl-\t",
        ] {
            let err = text.parse::<KeySpec>().expect_err(text);
            assert!(err.contains(&format!("'{text}'")), "{err}");
        }
    }

    #[test]
    fn display_parses_back() {
        for text in [
            "ctrl-s",
            "shift-tab",
            "G",
            "?",
            "space",
            "pgdn",
            "alt-f5",
            "ctrl--",
        ] {
            let key: KeySpec = text.parse().unwrap();
            assert_eq!(key.to_string(), text);
            assert_eq!(key.to_string().parse::<KeySpec>(), Ok(key));
        }
    }
}
