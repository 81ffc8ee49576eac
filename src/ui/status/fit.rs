//! Which parts of the status bar fit its width: whole parts are left out, least useful first,
//! so nothing is cut mid-word; only the last part standing is shortened, at a word.

use crate::width::Columns;

/// How long a part stays as the bar narrows: the lower, the sooner it goes.
pub type Keep = u16;

/// The store path goes first: it is the same all day.
pub const STORE_PATH: Keep = 0;
pub const COUNT: Keep = 1;
/// What is due goes after the keys but the first four: it is why the dashboard is open.
pub const DUE: Keep = FIRST_KEY - 7;
/// The time outlives all keys but the first two.
pub const TIME: Keep = FIRST_KEY - 3;
/// The first (most important) left part; each later one keeps 2 less.
const FIRST_KEY: Keep = 1000;

/// One piece of the bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    text: String,
    keep: Keep,
    right: bool,
}

impl Part {
    pub fn right(text: String, keep: Keep) -> Self {
        Part {
            text,
            keep,
            right: true,
        }
    }
}

const SEPARATOR: &str = " · ";

/// The left text (keys or a message, in the given order) and the right text (store, count,
/// time) that fit in `room` columns together. The right text is drawn as ` right ` (a space
/// from the left text and from the edge), which the width counts.
pub fn fit_parts(
    room: usize,
    left: Vec<String>,
    right: impl IntoIterator<Item = Part>,
) -> (String, String) {
    let mut parts: Vec<Part> = left
        .into_iter()
        .zip((0..).map(|i: Keep| FIRST_KEY.saturating_sub(2 * i)))
        .map(|(text, keep)| Part {
            text,
            keep,
            right: false,
        })
        .chain(right)
        .filter(|p| !p.text.is_empty())
        .collect();
    loop {
        let (left, right) = (join(&parts, false), join(&parts, true));
        let right_width = if right.is_empty() {
            0
        } else {
            right.columns() + 2
        };
        if left.columns() + right_width <= room {
            return (left, right);
        }
        // The most important part stays whatever happens; everything else may go.
        let top = parts.iter().map(|p| p.keep).max().unwrap_or(0);
        let least = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.keep < top)
            .min_by_key(|(_, p)| p.keep)
            .map(|(i, _)| i);
        match least {
            Some(i) => {
                parts.remove(i);
            }
            None => {
                let room = room.saturating_sub(right_width);
                return (cut_at_word(&left, room), right);
            }
        }
    }
}

fn join(parts: &[Part], right: bool) -> String {
    let texts: Vec<&str> = parts
        .iter()
        .filter(|p| p.right == right)
        .map(|p| p.text.as_str())
        .collect();
    texts.join(SEPARATOR)
}

/// `text` in `width` columns: whole words and an ellipsis, or cut mid-word only when even the
/// first word is too long.
pub fn cut_at_word(text: &str, width: usize) -> String {
    if text.columns() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.columns() + 1 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        return crate::ui::fit(text, width);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    fn bar_right() -> Vec<Part> {
        vec![
            Part::right("/data/rapport".into(), STORE_PATH),
            Part::right("8 clients".into(), COUNT),
            Part::right("12:00".into(), TIME),
        ]
    }

    const KEYS: &[&str] = &["? help", "q quit", "j/k move", "tab pane", "enter open"];

    /// What the bar shows at `room` columns, as one string.
    fn shown(room: usize) -> String {
        let (left, right) = fit_parts(room, keys(KEYS), bar_right());
        assert!(
            left.columns() + right.columns() + 2 <= room || right.is_empty(),
            "{room}"
        );
        format!("{left} | {right}")
    }

    #[test]
    fn everything_when_there_is_room() {
        assert_eq!(
            shown(200),
            "? help · q quit · j/k move · tab pane · enter open | /data/rapport · 8 clients · 12:00"
        );
    }

    #[test]
    fn store_path_goes_first_then_the_count_then_keys_from_the_end() {
        assert_eq!(
            shown(80),
            "? help · q quit · j/k move · tab pane · enter open | 8 clients · 12:00"
        );
        assert_eq!(
            shown(60),
            "? help · q quit · j/k move · tab pane · enter open | 12:00"
        );
        assert_eq!(shown(50), "? help · q quit · j/k move · tab pane | 12:00");
        assert_eq!(shown(33), "? help · q quit · j/k move | 12:00");
        // The time outlives every key but the first two.
        assert_eq!(shown(32), "? help · q quit | 12:00");
        assert_eq!(shown(22), "? help · q quit | 12:00");
        assert_eq!(shown(16), "? help · q quit | ");
        assert_eq!(shown(6), "? help | ");
    }

    #[test]
    fn never_cut_mid_word_while_whole_parts_can_go() {
        for room in 6..200 {
            let (left, _) = fit_parts(room, keys(KEYS), bar_right());
            assert!(!left.contains('…'), "{room}: {left}");
            assert!(
                KEYS.iter().any(|k| left.ends_with(k)),
                "{room}: ends in a whole key: {left}"
            );
        }
    }

    #[test]
    fn a_long_message_keeps_the_time_longest_and_is_cut_at_a_word() {
        let message = keys(&["archived 星空テック (history kept; edit brings it back)"]);
        let (left, right) = fit_parts(80, message.clone(), bar_right());
        assert_eq!(
            (left.as_str(), right.as_str()),
            (message[0].as_str(), "8 clients · 12:00")
        );
        let (_, right) = fit_parts(62, message.clone(), bar_right());
        assert_eq!(right, "12:00");
        let (left, right) = fit_parts(40, message, bar_right());
        assert_eq!(
            (left.as_str(), right.as_str()),
            ("archived 星空テック (history kept; edit…", "")
        );
        assert!(left.columns() <= 40);
        assert_eq!(cut_at_word("星空テック株式会社", 7), "星空テ…");
    }

    #[test]
    fn empty_parts_leave_no_separator() {
        let (left, right) = fit_parts(40, Vec::new(), vec![Part::right(String::new(), 0)]);
        assert_eq!((left.as_str(), right.as_str()), ("", ""));
    }
}
