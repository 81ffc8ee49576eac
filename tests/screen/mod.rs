//! What the render tests share: a UTC clock for the whole process and ways to read a
//! `TestBackend` buffer as a terminal shows it.

use ratatui::buffer::Buffer;
use std::sync::Once;
use unicode_width::UnicodeWidthStr;

/// Switches the whole test process to UTC, once, before anything reads the local zone.
///
/// Every test calls this first; the `Once` makes the other test threads wait until the
/// variable is set, so nobody reads the environment while it changes.
pub fn utc() {
    static SET: Once = Once::new();
    SET.call_once(|| std::env::set_var("TZ", "UTC0"));
}

pub fn row_text(buffer: &Buffer, y: u16) -> String {
    let mut text = String::new();
    let mut skip = 0usize;
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        if skip == 0 {
            text.push_str(symbol);
            skip = symbol.width().max(1);
        }
        skip -= 1;
    }
    text
}

pub fn screen_text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y) + "\n")
        .collect()
}

/// No cell hidden under a wide glyph holds anything but a blank: otherwise a border or a
/// letter was drawn where a CJK character or emoji already sits, and a terminal would not show it.
pub fn check_no_hidden_glyphs(buffer: &Buffer, what: &str) {
    for y in 0..buffer.area.height {
        let mut skip = 0usize;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip > 0 {
                assert_eq!(
                    symbol, " ",
                    "{what}: ({x},{y}) is hidden under a wide glyph but holds {symbol:?}"
                );
                skip -= 1;
            } else {
                skip = symbol.width().saturating_sub(1);
            }
        }
    }
}
