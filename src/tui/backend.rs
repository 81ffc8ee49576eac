//! ratatui's crossterm backend with a cheaper `draw`: the same bytes, written straight.
//!
//! `CrosstermBackend::draw` sends every cell through a crossterm command and `fmt::write`,
//! which took a third of a first frame (16.7 KB of output, about 3 M instructions) and a
//! tenth of a `j`. Here a cell's text is copied as it is, and only the changes between cells
//! (a jump, a colour, an attribute) go through crossterm. Everything else is the crossterm
//! backend's own. The output is byte for byte the crossterm backend's (see the tests), but for
//! a blank after a cluster ratatui counts wider than the terminal draws it (`ｶﾟ`).

use crossterm::style::{
    Attribute, Color as TermColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use crossterm::{cursor::MoveTo, queue};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

pub struct Painter<W: Write> {
    inner: CrosstermBackend<W>,
}

impl<W: Write> Painter<W> {
    pub fn new(writer: W) -> Self {
        Painter {
            inner: CrosstermBackend::new(writer),
        }
    }
}

impl<W: Write> Write for Painter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

/// What the terminal is set to while a frame is written.
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    /// The cell written last: the next one right of it needs no jump.
    last: Option<(u16, u16)>,
}

impl Pen {
    fn new() -> Self {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
            last: None,
        }
    }

    fn cell(&mut self, out: &mut impl Write, x: u16, y: u16, cell: &Cell) -> io::Result<()> {
        if !matches!(self.last, Some((lx, ly)) if ly == y && lx.checked_add(1) == Some(x)) {
            queue!(out, MoveTo(x, y))?;
        }
        self.last = Some((x, y));
        if cell.modifier != self.modifier {
            attributes(out, self.modifier, cell.modifier)?;
            self.modifier = cell.modifier;
        }
        if cell.fg != self.fg || cell.bg != self.bg {
            let colors = Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm());
            queue!(out, SetColors(colors))?;
            (self.fg, self.bg) = (cell.fg, cell.bg);
        }
        if cell.underline_color != self.underline {
            queue!(
                out,
                SetUnderlineColor(cell.underline_color.into_crossterm())
            )?;
            self.underline = cell.underline_color;
        }
        let symbol = cell.symbol();
        out.write_all(symbol.as_bytes())?;
        // ratatui's buffer gives a half-width kana's sound mark (`ｶﾟ`) a cell more than the
        // terminal draws it in, and leaves that cell alone: whatever stood there stayed on
        // screen (a stray `ﾟ` after Esc). A blank fills it, so the screen is what ratatui
        // believes it is. The only difference from the crossterm backend's bytes.
        if symbol.len() > 1 {
            let drawn = unicode_width::UnicodeWidthStr::width(symbol);
            let counted = usize::from(ratatui::buffer::CellWidth::cell_width(symbol));
            for _ in drawn..counted {
                out.write_all(b" ")?;
            }
        }
        Ok(())
    }
}

/// The SGR attributes that take the terminal from `from` to `to`: what went first, then what
/// came. Bold and dim share one reset (normal intensity), so whichever of them stays is set
/// again after it.
fn attributes(out: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let (gone, new) = (from - to, to - from);
    let mut set = |attribute| queue!(out, SetAttribute(attribute));
    if gone.contains(Modifier::REVERSED) {
        set(Attribute::NoReverse)?;
    }
    let intensity = gone.intersects(Modifier::BOLD | Modifier::DIM);
    if intensity {
        set(Attribute::NormalIntensity)?;
        if to.contains(Modifier::DIM) {
            set(Attribute::Dim)?;
        }
        if to.contains(Modifier::BOLD) {
            set(Attribute::Bold)?;
        }
    }
    let offs = [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
        (
            Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
            Attribute::NoBlink,
        ),
    ];
    for (modifier, off) in offs {
        if gone.intersects(modifier) {
            set(off)?;
        }
    }
    let ons = [
        (Modifier::REVERSED, Attribute::Reverse, true),
        (Modifier::BOLD, Attribute::Bold, !intensity),
        (Modifier::ITALIC, Attribute::Italic, true),
        (Modifier::UNDERLINED, Attribute::Underlined, true),
        (Modifier::DIM, Attribute::Dim, !intensity),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, true),
        (Modifier::HIDDEN, Attribute::Hidden, true),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, true),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, true),
    ];
    for (modifier, on, wanted) in ons {
        if wanted && new.contains(modifier) {
            set(on)?;
        }
    }
    Ok(())
}

impl<W: Write> Backend for Painter<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut pen = Pen::new();
        for (x, y, cell) in content {
            pen.cell(&mut self.inner, x, y, cell)?;
        }
        queue!(
            self.inner,
            SetForegroundColor(TermColor::Reset),
            SetBackgroundColor(TermColor::Reset),
            SetUnderlineColor(TermColor::Reset),
            SetAttribute(Attribute::Reset),
        )
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// What each backend writes to take the screen from `before` to `after`.
    fn both(before: &Buffer, after: &Buffer) -> (Vec<u8>, Vec<u8>) {
        let (mut theirs, mut ours) = (Vec::new(), Vec::new());
        let diff = || before.diff_iter(after);
        CrosstermBackend::new(&mut theirs).draw(diff()).unwrap();
        Painter::new(&mut ours).draw(diff()).unwrap();
        (theirs, ours)
    }

    const COLORS: [Color; 6] = [
        Color::Reset,
        Color::Red,
        Color::LightCyan,
        Color::Indexed(208),
        Color::Rgb(1, 2, 3),
        Color::DarkGray,
    ];

    fn cell_style() -> impl Strategy<Value = Style> {
        (0..6usize, 0..6usize, 0..6usize, 0..512u16).prop_map(|(fg, bg, ul, bits)| {
            Style::new()
                .fg(COLORS[fg])
                .bg(COLORS[bg])
                .underline_color(COLORS[ul])
                .add_modifier(Modifier::from_bits_truncate(bits))
        })
    }

    /// A stray `ﾟ` stayed on screen after the popup that showed `ｶﾟ` closed: ratatui counts
    /// three cells for it, the terminal draws two, and the third was never written.
    #[test]
    fn a_kana_with_its_sound_mark_fills_the_cells_ratatui_counts() {
        let area = Rect::new(0, 0, 6, 1);
        let before = Buffer::empty(area);
        let mut after = Buffer::empty(area);
        after.set_string(0, 0, "ｶﾟab", Style::new());
        let (theirs, ours) = both(&before, &after);
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        assert!(text(&ours).contains("ｶﾟ \u{1b}[1;4Hab"), "{:?}", text(&ours));
        assert!(!text(&theirs).contains("ｶﾟ "), "{:?}", text(&theirs));
    }

    proptest! {
        /// Random styles and text (wide glyphs and emoji among them), on a blank screen and
        /// over another frame: the bytes are the crossterm backend's.
        #[test]
        fn writes_what_the_crossterm_backend_writes(
            cells in proptest::collection::vec(
                (proptest::sample::select(vec!["a", " ", "─", "界", "🔒", "é", "x"]), cell_style()),
                1..120,
            ),
            over in proptest::collection::vec(0..120usize, 0..40),
        ) {
            let area = Rect::new(0, 0, 12, 10);
            let mut after = Buffer::empty(area);
            for (i, (symbol, style)) in cells.iter().enumerate() {
                let (x, y) = ((i % 12) as u16, (i / 12) as u16);
                after.set_string(x, y, symbol, *style);
            }
            let (theirs, ours) = both(&Buffer::empty(area), &after);
            prop_assert_eq!(theirs, ours);
            let mut before = after.clone();
            for i in over {
                before.content[i].set_symbol("q");
            }
            let (theirs, ours) = both(&before, &after);
            prop_assert_eq!(theirs, ours);
        }
    }

    #[test]
    fn every_change_of_attributes_is_written_as_crossterm_writes_it() {
        let area = Rect::new(0, 0, 2, 1);
        let mut failures = Vec::new();
        for from in 0..512u16 {
            for to in (0..512u16).step_by(7) {
                let mut after = Buffer::empty(area);
                after.content[0].set_style(Modifier::from_bits_truncate(from));
                after.content[1].set_style(Modifier::from_bits_truncate(to));
                let (theirs, ours) = both(&Buffer::empty(area), &after);
                if theirs != ours {
                    failures.push((from, to));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:?}");
    }
}
