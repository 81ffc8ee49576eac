//! Colour strings: ratatui-style names or `#rrggbb`. Config only checks the spelling and keeps
//! the string, so it does not depend on ratatui; the theme converts it later.

use serde::{de, Deserialize, Deserializer};

/// Colour names, compared after lower-casing and dropping `-`, `_` and spaces
/// (ratatui accepts `light-red`, `light_red`, `lightred` and `light red` alike).
const NAMES: &[&str] = &[
    "reset",
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "grey",
    "darkgray",
    "darkgrey",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

/// Checks a colour string; the error says what is allowed.
pub fn check(text: &str) -> Result<(), String> {
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(());
        }
        return Err(format!(
            "'{text}' is not a colour: write #rrggbb with six hex digits"
        ));
    }
    let folded: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect::<String>()
        .to_lowercase();
    if NAMES.contains(&folded.as_str()) {
        return Ok(());
    }
    Err(format!(
        "'{text}' is not a colour: write #rrggbb or one of black, red, green, yellow, blue, \
         magenta, cyan, gray, dark-gray, light-red, light-green, light-yellow, light-blue, \
         light-magenta, light-cyan, white, reset"
    ))
}

/// `deserialize_with` for colour fields.
pub(super) fn checked<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    check(&text).map_err(de::Error::custom)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn colour_strings() {
        for good in [
            "#ff8800",
            "#ABCDEF",
            "red",
            "Dark-Gray",
            "light_blue",
            "light cyan",
            "grey",
        ] {
            assert_eq!(check(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "#ff880",
            "#ff88001",
            "#gg0000",
            "ff8800",
            "orange",
            "#",
            "rgb(1,2,3)",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
