//! Groups cut short: a large practice's agenda can hold thousands of overdue promises, and
//! nobody acts on the ten-thousandth. Each kind keeps its most pressing items and one line
//! saying how many more there are (`rapport agenda --all` lists them).

use super::{AgendaItem, ItemKind};

/// Items listed per kind before "and N more".
pub const GROUP_CAP: usize = 10;

/// The first `cap` items of each kind, in order; a kind with more ends with one item that
/// stands for the rest (`more` set). A group only one over the cap is listed whole: a line
/// saying "and 1 more" takes the place of the item itself.
pub fn capped(items: Vec<AgendaItem>, cap: usize) -> Vec<AgendaItem> {
    let mut out: Vec<AgendaItem> = Vec::with_capacity(items.len().min(cap * 8));
    let mut count: Vec<(ItemKind, usize)> = Vec::new();
    for item in items {
        match count.last_mut() {
            Some((kind, n)) if *kind == item.kind => *n += 1,
            _ => count.push((item.kind, 1)),
        }
        // Kept until one past the cap: whether that one is shown depends on what follows.
        if count.last().is_some_and(|(_, n)| *n <= cap + 1) {
            out.push(item);
        }
    }
    let mut kept = Vec::with_capacity(out.len() + count.len());
    let mut items = out.into_iter();
    for (_, n) in count {
        let group: Vec<AgendaItem> = items.by_ref().take(n.min(cap + 1)).collect();
        if n <= cap + 1 {
            kept.extend(group);
        } else {
            let more = more_item(group[0].kind, n - cap);
            kept.extend(group.into_iter().take(cap));
            kept.push(more);
        }
    }
    kept
}

/// The line standing for `n` items of `kind`.
fn more_item(kind: ItemKind, n: usize) -> AgendaItem {
    let title = format!("and {n} more");
    let reason = "`rapport agenda --all` lists them".to_string();
    AgendaItem {
        more: Some(n),
        ..AgendaItem::unattached(kind, String::new(), title, reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: ItemKind, title: &str) -> AgendaItem {
        AgendaItem {
            title: title.into(),
            more: None,
            ..more_item(kind, 0)
        }
    }

    fn titles(items: &[AgendaItem]) -> Vec<String> {
        items.iter().map(|i| i.title.clone()).collect()
    }

    #[test]
    fn each_group_keeps_its_first_items_and_says_how_many_more() {
        let mut items: Vec<AgendaItem> = (1..=5)
            .map(|i| item(ItemKind::Promise, &format!("p{i}")))
            .collect();
        items.extend((1..=3).map(|i| item(ItemKind::CheckIn, &format!("c{i}"))));
        items.push(item(ItemKind::Coverage, "g1"));
        let kept = capped(items.clone(), 2);
        assert_eq!(
            titles(&kept),
            ["p1", "p2", "and 3 more", "c1", "c2", "c3", "g1"]
        );
        assert_eq!(kept[2].more, Some(3));
        assert_eq!(kept[2].kind, ItemKind::Promise);
        // Cap 4: five promises, one over the cap is listed, not replaced by "and 1 more".
        assert_eq!(titles(&capped(items.clone(), 4)).len(), 9);
        assert_eq!(capped(items.clone(), 100), items);
        assert_eq!(capped(Vec::new(), 2), []);
    }
}
