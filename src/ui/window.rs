//! Which items of a list are on screen. The panes give ratatui's `List` this first item
//! themselves, rather than let it scroll on its own, so they can tell the mouse where each
//! row was drawn.

use std::ops::Range;

/// The items of `heights` (lines each) shown in `rows` lines with `selected` fully in view:
/// from the top while it fits, else scrolled so `selected` is the last item shown. Only whole
/// items are shown, as `List` does; an item taller than the pane leaves it empty.
pub fn visible(heights: &[usize], selected: usize, rows: usize) -> Range<usize> {
    let selected = selected.min(heights.len().saturating_sub(1));
    if heights.get(selected).is_some_and(|&h| h > rows) {
        return selected + 1..selected + 1;
    }
    let mut first = 0;
    while first < selected && heights[first..=selected].iter().sum::<usize>() > rows {
        first += 1;
    }
    let mut used = 0;
    let mut last = first;
    while last < heights.len() && used + heights[last] <= rows {
        used += heights[last];
        last += 1;
    }
    first..last
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn one_line_items_scroll_to_keep_the_selection_last() {
        let ones = [1; 10];
        assert_eq!(visible(&ones, 0, 4), 0..4);
        assert_eq!(visible(&ones, 3, 4), 0..4);
        assert_eq!(visible(&ones, 7, 4), 4..8);
        assert_eq!(visible(&ones, 9, 20), 0..10);
        assert_eq!(visible(&[], 0, 5), 0..0);
    }

    #[test]
    fn tall_items_show_whole_or_not_at_all() {
        let heights = [3, 2, 2, 3, 1];
        assert_eq!(
            visible(&heights, 0, 6),
            0..2,
            "the third would not fit whole"
        );
        assert_eq!(visible(&heights, 2, 6), 1..3);
        assert_eq!(visible(&heights, 4, 6), 2..5);
        assert_eq!(
            visible(&heights, 3, 2),
            4..4,
            "taller than the pane: nothing"
        );
    }

    proptest::proptest! {
        /// Handing `List` the first item it would have scrolled to on its own changes nothing:
        /// the mouse's rows are the rows on screen.
        #[test]
        fn agrees_with_ratatui_scrolling(
            heights in proptest::collection::vec(1usize..5, 1..30),
            selected in 0usize..30,
            rows in 1u16..20,
        ) {
            use ratatui::buffer::Buffer;
            use ratatui::layout::Rect;
            use ratatui::text::Line;
            use ratatui::widgets::{List, ListItem, ListState, StatefulWidget};
            let selected = selected % heights.len();
            let items = heights.iter().map(|&h| ListItem::new(vec![Line::raw("x"); h]));
            let mut state = ListState::default().with_selected(Some(selected));
            let area = Rect::new(0, 0, 4, rows);
            List::new(items).render(area, &mut Buffer::empty(area), &mut state);
            let ours = visible(&heights, selected, rows.into());
            if !ours.is_empty() {
                proptest::prop_assert_eq!(state.offset(), ours.start);
            }
        }
    }
}
