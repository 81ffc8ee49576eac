//! How much of a scrolled text (the client detail, the report preview) the last frame showed.
//! Only the view knows how many rows a text wraps to and how many fit, and drawing changes
//! nothing; so the draw says it in its `Hits` (as it says where the panes went, for the
//! mouse), the loop hands that to [`App::drawn`], and the next key scrolls by it, never past
//! the end. Before the first frame nothing is known: keys scroll by a guess and the view clamps
//! what it draws.

use super::mouse::Hits;
use super::App;

/// The last frame's scrolled text: the rows it showed, and the lines it had.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Viewport {
    pub rows: Option<usize>,
    pub lines: Option<usize>,
}

impl Viewport {
    /// The rows shown, or `guess` before a frame said.
    pub fn rows(self, guess: usize) -> usize {
        self.rows.unwrap_or(guess).max(1)
    }

    /// The first line that shows the end of `lines` lines with the view full: scrolling stops
    /// there. Unknown rows stop at the last line (the view then clamps further).
    pub fn last_top(self, lines: usize) -> usize {
        lines.saturating_sub(self.rows.unwrap_or(1))
    }

    /// [`last_top`](Self::last_top) of the text as the frame drew it.
    pub fn last_top_drawn(self) -> usize {
        self.lines.map_or(usize::MAX, |lines| self.last_top(lines))
    }

    /// `top` moved by `by` lines, within the text as drawn.
    pub fn moved(self, top: usize, by: isize) -> usize {
        top.saturating_add_signed(by).min(self.last_top_drawn())
    }
}

impl App {
    /// What the frame just drawn showed of a scrolled text, for the keys that scroll it.
    pub fn drawn(&mut self, hits: &Hits) {
        self.viewport = hits.viewport();
        // A resize (or a text grown shorter) leaves no scroll past the new end; under a popup
        // the text measured is the popup's.
        if self.overlay().is_none() {
            self.detail_top = self.detail_top.min(self.viewport.last_top_drawn());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_where_the_end_fills_the_view() {
        let view = Viewport {
            rows: Some(10),
            lines: Some(25),
        };
        assert_eq!(view.last_top_drawn(), 15);
        assert_eq!(view.moved(12, 10), 15);
        assert_eq!(view.moved(3, -10), 0);
        let short = Viewport {
            rows: Some(10),
            lines: Some(4),
        };
        assert_eq!(short.moved(0, 5), 0, "a text that fits does not scroll");
        assert_eq!(
            Viewport::default().moved(7, 100),
            107,
            "unknown: the view clamps"
        );
    }
}
