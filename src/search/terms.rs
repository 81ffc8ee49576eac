//! Tokens for the index, terms of a query, and how well a text matches the terms.
//!
//! Words of space-separated scripts are indexed whole and found by prefix ("repl" finds
//! "replication"). Japanese has no spaces: a run of CJK chars is indexed as its char bigrams
//! plus its last char, so any substring of two or more chars is found through its bigrams, and
//! one char through the tokens that start with it.

use super::text::{normalize, Class, Normalized};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ops::Range;

/// Longer words are indexed by their first this many chars (URLs, hashes).
pub const MAX_WORD: usize = 32;

/// How well something matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Every query word is a whole word of the text (or a CJK substring of it).
    Exact,
    /// Some query word only starts a word of the text.
    Prefix,
    /// Some query word is inside a word of the text.
    Partial,
    /// The query's letters appear in order, with gaps (names only).
    Fuzzy,
}

/// One unit of a query; a text matches a query when it matches every term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Word(String),
    /// A run of CJK chars, found as a substring.
    Run(String),
    Symbol(String),
}

fn cut(word: String) -> String {
    match word.char_indices().nth(MAX_WORD) {
        Some((at, _)) => word[..at].to_string(),
        None => word,
    }
}

/// The tokens the index holds for a text.
pub fn index_tokens(text: &str) -> BTreeSet<String> {
    let n = normalize(text);
    let mut tokens = BTreeSet::new();
    for (class, range) in n.runs() {
        let run = n.text(range);
        match class {
            Class::Cjk => {
                let chars: Vec<char> = run.chars().collect();
                for pair in chars.windows(2) {
                    tokens.insert(pair.iter().collect());
                }
                tokens.extend(chars.last().map(char::to_string));
            }
            _ => {
                tokens.insert(cut(run));
            }
        }
    }
    tokens
}

/// The terms of a query, each once.
pub fn parse(query: &str) -> Vec<Term> {
    let n = normalize(query);
    let mut terms = Vec::new();
    for (class, range) in n.runs() {
        let text = n.text(range);
        let term = match class {
            Class::Cjk => Term::Run(text),
            Class::Symbol => Term::Symbol(text),
            _ => Term::Word(cut(text)),
        };
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// The bigrams a CJK run is found by (itself when it is one char).
pub fn bigrams(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() < 2 {
        return vec![run.to_string()];
    }
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// How a text matched: its tier and the byte ranges of the original text to highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub tier: Tier,
    pub marks: Vec<Range<usize>>,
}

/// How `text` matches all `terms`; `None` when a term is missing. An empty query matches
/// nothing.
pub fn find(terms: &[Term], text: &str) -> Option<Found> {
    find_in(terms, &normalize(text))
}

pub fn find_in(terms: &[Term], text: &Normalized) -> Option<Found> {
    find_in_runs(terms, text, &text.runs())
}

/// The same, with the text's runs already cut (names are matched on every keystroke).
pub fn find_in_runs(
    terms: &[Term],
    text: &Normalized,
    runs: &[(Class, Range<usize>)],
) -> Option<Found> {
    if terms.is_empty() {
        return None;
    }
    let mut tier = Tier::Exact;
    let mut marks = Vec::new();
    for term in terms {
        let (best, ranges) = find_term(term, text, runs)?;
        tier = tier.max(best);
        marks.extend(ranges.into_iter().map(|r| text.source(r)));
    }
    Some(Found {
        tier,
        marks: merge(marks),
    })
}

/// The best tier `term` reaches in `text`, and the char ranges where it does.
fn find_term(
    term: &Term,
    text: &Normalized,
    runs: &[(Class, Range<usize>)],
) -> Option<(Tier, Vec<Range<usize>>)> {
    let mut best: Option<(Tier, Vec<Range<usize>>)> = None;
    let mut note = |tier: Tier, range: Range<usize>| match &mut best {
        Some((t, ranges)) if *t == tier => ranges.push(range),
        Some((t, _)) if *t < tier => {}
        _ => best = Some((tier, vec![range])),
    };
    match term {
        Term::Word(word) => {
            let wanted: Vec<char> = word.chars().collect();
            for (class, range) in runs {
                if *class != Class::Word {
                    continue;
                }
                let chars = &text.chars[range.clone()];
                if let Some(at) = position(chars, &wanted) {
                    let tier = match (at, chars.len() == wanted.len()) {
                        (0, true) => Tier::Exact,
                        (0, false) => Tier::Prefix,
                        _ => Tier::Partial,
                    };
                    let start = range.start + at;
                    note(tier, start..start + wanted.len());
                }
            }
        }
        Term::Run(run) | Term::Symbol(run) => {
            let wanted: Vec<char> = run.chars().collect();
            let mut from = 0;
            while let Some(at) = position(&text.chars[from..], &wanted) {
                let start = from + at;
                note(Tier::Exact, start..start + wanted.len());
                from = start + wanted.len().max(1);
            }
        }
    }
    best
}

fn position(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Sorted, overlapping ranges joined.
pub fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        index_tokens(text).into_iter().collect()
    }

    #[test]
    fn latin_words_are_tokens_and_japanese_is_cut_into_bigrams() {
        assert_eq!(
            tokens("Replication lag, REPLICATION"),
            ["lag", "replication"]
        );
        assert_eq!(tokens("月末の遅延"), ["の遅", "延", "月末", "末の", "遅延"]);
        assert_eq!(tokens("PG16へ"), ["pg16", "へ"]);
        assert_eq!(tokens("done 🎉"), ["done", "🎉"]);
    }

    #[test]
    fn queries_are_terms() {
        assert_eq!(
            parse("Ｒｅｐｌ レプリ 🎉 repl"),
            vec![
                Term::Word("repl".into()),
                Term::Run("レプリ".into()),
                Term::Symbol("🎉".into()),
            ]
        );
        assert_eq!(bigrams("レプリ"), ["レプ", "プリ"]);
        assert_eq!(bigrams("月"), ["月"]);
    }

    /// The ranking table: which tier each text reaches for a query.
    #[test]
    fn tiers_rank_exact_words_over_prefixes_over_parts() {
        let table: &[(&str, &str, Option<Tier>)] = &[
            ("repl", "the repl is open", Some(Tier::Exact)),
            ("repl", "replication lag", Some(Tier::Prefix)),
            ("lica", "replication lag", Some(Tier::Partial)),
            ("REPLICATION", "Replication lag", Some(Tier::Exact)),
            ("repl lag", "replication lag", Some(Tier::Prefix)),
            ("repl lag", "lag only", None),
            ("ｒｅｐｌ", "repl", Some(Tier::Exact)),
            ("レプリ", "月末のﾚﾌﾟﾘｹｰｼｮﾝ遅延", Some(Tier::Exact)),
            ("レプ遅", "月末のレプリケーション遅延", None),
            ("🎉", "shipped 🎉", Some(Tier::Exact)),
            ("❤️", "thanks ❤", Some(Tier::Exact)),
            ("", "anything", None),
        ];
        for (query, text, tier) in table {
            let found = find(&parse(query), text).map(|f| f.tier);
            assert_eq!(found, *tier, "{query:?} in {text:?}");
        }
    }

    #[test]
    fn marks_point_into_the_original_text() {
        let text = "Ｒｅｐｌｉｃａ ok, ﾚﾌﾟﾘｶ";
        let found = find(&parse("repl レプ"), text).unwrap();
        let marked: Vec<&str> = found.marks.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Ｒｅｐｌ", "ﾚﾌﾟ"]);
    }
}
