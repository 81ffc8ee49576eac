//! Display width, measured as the terminal draws text: one grapheme cluster at a time. A ZWJ
//! family emoji, `❤️` (U+2764 U+FE0F) and a half-width kana with its sound mark (`ｶﾟ`) are
//! each one unit; summing their chars' widths put the cursor and every column after them in
//! the wrong place. Everything that fits, cuts or places a cursor measures through here.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const VS16: char = '\u{FE0F}';

/// Half-width kana sound marks: ratatui's buffer gives each a cell more than unicode-width
/// does, and lays the line out so; measuring alike keeps cursors and columns where it draws.
const SOUND_MARKS: [char; 2] = ['\u{FF9E}', '\u{FF9F}'];

/// The columns one grapheme cluster takes: unicode-width on the whole cluster, with an emoji
/// presentation selector (VS16) making it wide, as terminals draw `❤️`, and a cell more for
/// each half-width sound mark, as ratatui counts it. Control characters take none.
pub fn cluster(grapheme: &str) -> usize {
    if grapheme.chars().all(char::is_control) {
        return 0;
    }
    let marks = grapheme.chars().filter(|c| SOUND_MARKS.contains(c)).count();
    let width = grapheme.width() + marks;
    if grapheme.contains(VS16) {
        width.max(2)
    } else {
        width
    }
}

/// The columns `text` takes.
pub fn of(text: &str) -> usize {
    text.graphemes(true).map(cluster).sum()
}

/// [`of`] as a method, where text is measured in line with other code.
pub trait Columns {
    fn columns(&self) -> usize;
}

impl Columns for str {
    fn columns(&self) -> usize {
        of(self)
    }
}

/// Each grapheme cluster of `text` with its columns.
pub fn clusters(text: &str) -> impl Iterator<Item = (&str, usize)> {
    text.graphemes(true).map(|g| (g, cluster(g)))
}

/// `text` cut to `width` columns, with an ellipsis when cut; never half a cluster.
pub fn fit(text: &str, width: usize) -> String {
    if of(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for (g, w) in clusters(text) {
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// The longest start of `text` that fits in `width` columns (no ellipsis), and its columns.
pub fn prefix(text: &str, width: usize) -> (&str, usize) {
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true) {
        let w = cluster(g);
        if used + w > width {
            return (&text[..at], used);
        }
        used += w;
    }
    (text, used)
}

/// Where `line` breaks to fit rows of `width` columns, as the byte range of each row: after
/// the last blank that fits (it ends its row, as editors wrap words), or, in a word longer
/// than a row, before the first cluster that no longer fits. Never inside a cluster, so a ZWJ
/// sequence or `❤️` takes the two columns the terminal gives it, not its chars' sum. An empty
/// line is one empty row.
pub fn wrap(line: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let (mut start, mut used) = (0, 0);
    // Where the row may break: after its last blank, and the columns up to there.
    let mut after_blank: Option<(usize, usize)> = None;
    for (at, g) in line.grapheme_indices(true) {
        let w = cluster(g);
        if used + w > width && at > start {
            let (end, taken) = after_blank
                .filter(|&(end, _)| end > start)
                .unwrap_or((at, used));
            rows.push(start..end);
            start = end;
            used -= taken;
            after_blank = None;
        }
        used += w;
        if g.chars().all(char::is_whitespace) {
            after_blank = Some((at + g.len(), used));
        }
    }
    rows.push(start..line.len());
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAMILY: &str = "👨\u{200d}👩\u{200d}👧";
    const HEART: &str = "\u{2764}\u{fe0f}";
    const KANA: &str = "ｶﾟ";

    #[test]
    fn a_cluster_is_measured_once() {
        let table: &[(&str, usize)] = &[
            ("abc", 3),
            ("星空", 4),
            (FAMILY, 2),
            (HEART, 2),
            ("\u{2764}", 1),
            ("🇫🇮", 2),
            ("e\u{301}", 1),
            // unicode-width gives the kana and its mark a column each; ratatui's buffer counts
            // the mark once more, and lays out by that (see `tui`'s backend for the terminal).
            (KANA, 3),
            ("\u{7}", 0),
        ];
        for (text, width) in table {
            assert_eq!(of(text), *width, "{text:?}");
        }
        assert_eq!(
            clusters(KANA).count(),
            1,
            "kana and sound mark are one cluster"
        );
        assert_eq!(clusters(&format!("{FAMILY}{HEART}")).count(), 2);
    }

    #[test]
    fn fitting_never_splits_a_cluster() {
        let text = format!("a{FAMILY}{HEART}b");
        assert_eq!(of(&text), 6);
        assert_eq!(fit(&text, 6), text);
        assert_eq!(fit(&text, 5), format!("a{FAMILY}…"));
        assert_eq!(fit(&text, 3), "a…");
        assert_eq!(prefix(&text, 4), (&text[..1 + FAMILY.len()], 3));
        assert_eq!(prefix(&text, 5).1, 5);
    }

    fn rows(line: &str, width: usize) -> Vec<&str> {
        wrap(line, width).into_iter().map(|r| &line[r]).collect()
    }

    #[test]
    fn a_line_of_zwj_emoji_that_fits_is_one_row() {
        // 👩‍💻 is three chars whose widths add up to four; the terminal draws two columns.
        let coder = "👩\u{200d}💻";
        let line = format!("ok {coder}{FAMILY}{HEART}!");
        assert_eq!(of(&line), 10);
        assert_eq!(rows(&line, 10), [line.as_str()]);
        assert_eq!(rows(&line, 9), ["ok ", &line[3..]]);
        let clusters = coder.repeat(5);
        assert_eq!(rows(&clusters, 10), [clusters.as_str()]);
        assert_eq!(
            rows(&clusters, 9),
            [&clusters[..coder.len() * 4], &clusters[coder.len() * 4..]],
            "a long word breaks between clusters, never inside one"
        );
    }

    #[test]
    fn words_wrap_after_the_last_blank_that_fits() {
        assert_eq!(rows("one two three", 8), ["one two ", "three"]);
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(rows("ab 星空の下", 6), ["ab ", "星空の", "下"]);
        assert_eq!(rows("", 5), [""]);
        let joined: String = rows("a few words to wrap here", 7).concat();
        assert_eq!(
            joined, "a few words to wrap here",
            "nothing lost or doubled"
        );
    }
}
