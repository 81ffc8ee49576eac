//! Text as search sees it: NFKC-normalized and lower-cased (full-width `ＡＢＣ` reads as `abc`,
//! half-width `ｶﾞ` as `ガ`), each char remembering where in the original it came from, so a
//! match found in the normalized text can be highlighted in the text the user wrote.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// What a normalized char is to the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Letters and digits of scripts that separate words with spaces.
    Word,
    /// Han, kana and hangul: no spaces between words, indexed by char bigrams.
    Cjk,
    /// Emoji and other symbols: each is a token of its own.
    Symbol,
    /// Spaces, punctuation and control chars: between tokens.
    Gap,
    /// Joiners, variation selectors, skin tones: dropped, so `❤️` finds `❤`.
    Ignored,
}

pub fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else if matches!(
        c,
        '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'
    ) || ('\u{300}'..='\u{36f}').contains(&c)
    {
        Class::Ignored
    } else if c.is_whitespace() || c.is_control() || is_punctuation(c) {
        Class::Gap
    } else {
        Class::Symbol
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'        // 々 〆 〇
        | '\u{3040}'..='\u{30ff}'      // hiragana, katakana (with ー)
        | '\u{31f0}'..='\u{31ff}'      // katakana extensions
        | '\u{3400}'..='\u{4dbf}'      // CJK extension A
        | '\u{4e00}'..='\u{9fff}'      // CJK unified ideographs
        | '\u{ac00}'..='\u{d7af}'      // hangul syllables
        | '\u{f900}'..='\u{faff}'      // compatibility ideographs
        | '\u{20000}'..='\u{2ffff}') // extensions B and later
        && !matches!(c, '\u{30fb}') // ・ is a separator
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{a0}'..='\u{bf}'
            | '\u{2000}'..='\u{206f}'  // general punctuation
            | '\u{3000}'..='\u{3004}'  // ideographic space, 、 。
            | '\u{3008}'..='\u{303f}'  // CJK brackets and marks
            | '\u{30fb}'
            | '\u{ff01}'..='\u{ff0f}')
}

/// Normalized text and, for each of its chars, the byte range of the original it came from.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    pub chars: Vec<char>,
    pub origin: Vec<Range<usize>>,
}

/// Normalizes grapheme by grapheme: a half-width kana and its sound mark are one grapheme, and
/// NFKC joins them into one full-width kana.
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::default();
    for (at, grapheme) in text.grapheme_indices(true) {
        let range = at..at + grapheme.len();
        for c in grapheme.nfkc().flat_map(char::to_lowercase) {
            out.chars.push(c);
            out.origin.push(range.clone());
        }
    }
    out
}

/// The normalized form as a string (what the index stores).
pub fn fold(text: &str) -> String {
    normalize(text).chars.into_iter().collect()
}

impl Normalized {
    /// Runs of chars of one class, as (class, char range); gaps and ignored chars left out,
    /// and every symbol a run of its own.
    pub fn runs(&self) -> Vec<(Class, Range<usize>)> {
        let mut runs: Vec<(Class, Range<usize>)> = Vec::new();
        for (i, &c) in self.chars.iter().enumerate() {
            let class = class(c);
            match class {
                Class::Gap => continue,
                // Inside a run, kept in its range (the token text leaves it out).
                Class::Ignored => {
                    if let Some((_, range)) = runs.last_mut().filter(|(_, r)| r.end == i) {
                        range.end = i + 1;
                    }
                    continue;
                }
                _ => {}
            }
            match runs.last_mut() {
                Some((last, range))
                    if *last == class && range.end == i && class != Class::Symbol =>
                {
                    range.end = i + 1
                }
                _ => runs.push((class, i..i + 1)),
            }
        }
        runs
    }

    /// The chars of `range`, ignored ones left out.
    pub fn text(&self, range: Range<usize>) -> String {
        self.chars[range]
            .iter()
            .filter(|&&c| class(c) != Class::Ignored)
            .collect()
    }

    /// The original byte range covering normalized chars `range`.
    pub fn source(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            return 0..0;
        }
        self.origin[range.start].start..self.origin[range.end - 1].end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_and_case_fold_away() {
        assert_eq!(fold("ＡＢＣ Ｒｅｐｌ"), "abc repl");
        assert_eq!(fold("ﾚﾌﾟﾘｹｰｼｮﾝ"), "レプリケーション");
        assert_eq!(fold("①"), "1");
    }

    #[test]
    fn every_normalized_char_points_back_into_the_original() {
        let text = "ｶﾞス ＡＢ";
        let n = normalize(text);
        assert_eq!(n.chars, vec!['ガ', 'ス', ' ', 'a', 'b']);
        assert_eq!(&text[n.source(0..1)], "ｶﾞ");
        assert_eq!(&text[n.source(3..5)], "ＡＢ");
    }

    #[test]
    fn runs_split_scripts_and_symbols() {
        let n = normalize("PostgreSQL 16へのアップグレード🎉🎉、ok");
        let runs: Vec<(Class, String)> =
            n.runs().into_iter().map(|(c, r)| (c, n.text(r))).collect();
        assert_eq!(
            runs,
            vec![
                (Class::Word, "postgresql".into()),
                (Class::Word, "16".into()),
                (Class::Cjk, "へのアップグレード".into()),
                (Class::Symbol, "🎉".into()),
                (Class::Symbol, "🎉".into()),
                (Class::Word, "ok".into()),
            ]
        );
    }

    #[test]
    fn variation_selectors_are_dropped() {
        let n = normalize("❤️ ok");
        let runs: Vec<String> = n.runs().into_iter().map(|(_, r)| n.text(r)).collect();
        assert_eq!(runs, vec!["❤", "ok"]);
    }
}
