//! What the client already knows, so that unspaced Japanese reads as it is meant: the names of
//! its people and the tags in use. `＠田中さんと` names 田中 because 田中 is someone there; the
//! parser stays pure and takes this as an input, empty where nothing is known.

use super::token::{fold_width, is_unspaced};

/// Names (whole, family and given, as written) and tags the parser prefers, longest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub names: Vec<String>,
    pub tags: Vec<String>,
}

impl Vocabulary {
    /// From people's full names and the tags in use. "佐藤 健一" may be written 佐藤 健一,
    /// 佐藤健一, 佐藤 or 健一; "Anna Lee" as Anna_Lee, Anna or Lee.
    pub fn new<P, T>(people: P, tags: T) -> Self
    where
        P: IntoIterator,
        P::Item: AsRef<str>,
        T: IntoIterator,
        T::Item: AsRef<str>,
    {
        let mut names = Vec::new();
        for person in people {
            let words: Vec<&str> = person.as_ref().split_whitespace().collect();
            let forms = [words.join(" "), words.concat()].into_iter();
            for form in forms.chain(words.iter().map(|w| w.to_string())) {
                if !form.is_empty() && !names.contains(&form) {
                    names.push(form);
                }
            }
        }
        // A timeline repeats its tags many times over; each is kept once.
        let tags: std::collections::BTreeSet<String> = tags
            .into_iter()
            .map(|t| t.as_ref().to_lowercase())
            .collect();
        Self {
            names,
            tags: tags.into_iter().collect(),
        }
    }

    /// The longest known name the mention's body starts with, as typed in the body.
    pub fn name_in<'a>(&self, body: &'a str) -> Option<&'a str> {
        longest(&self.names, body)
    }

    /// The longest known tag the tag's body starts with, as typed in the body.
    pub fn tag_in<'a>(&self, body: &'a str) -> Option<&'a str> {
        longest(&self.tags, body)
    }
}

fn longest<'a>(known: &[String], body: &'a str) -> Option<&'a str> {
    known
        .iter()
        .filter_map(|form| prefix_len(body, form))
        .max()
        .map(|len| &body[..len])
}

/// How many bytes of `body` spell `form` (any case or width, `_` for a space), when the match
/// ends where a word may end: `Mikko` is in `Mikkoと` and `Mikko`, not in `Mikkola`.
fn prefix_len(body: &str, form: &str) -> Option<usize> {
    if form.is_empty() {
        return None;
    }
    let mut rest = body.char_indices();
    for want in form.chars() {
        let (_, got) = rest.next()?;
        let same = if want == ' ' {
            matches!(got, '_' | '＿' | ' ')
        } else {
            same_letter(want, got)
        };
        if !same {
            return None;
        }
    }
    let (end, next) = rest
        .next()
        .map_or((body.len(), None), |(i, c)| (i, Some(c)));
    // `_` joins the words of one name (`@鈴木_花子` is not 鈴木), `-` and `'` join a name.
    // After Japanese a Latin letter may follow directly (`田中aurora`); in Latin it would be
    // the same word going on (`Mikkola`).
    let last_unspaced = form.chars().next_back().is_some_and(is_unspaced);
    let fits = match next {
        None => true,
        Some(c) if "_＿-'’".contains(c) => false,
        Some(c) => last_unspaced || is_unspaced(c) || !c.is_alphanumeric(),
    };
    fits.then_some(end)
}

fn same_letter(a: char, b: char) -> bool {
    let fold = |c: char| fold_width(c.encode_utf8(&mut [0; 4])).to_lowercase();
    a == b || fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_a_person_is_written() {
        let v = Vocabulary::new(["佐藤 健一", "Anna Lee"], ["移行"]);
        assert_eq!(
            v.names,
            [
                "佐藤 健一",
                "佐藤健一",
                "佐藤",
                "健一",
                "Anna Lee",
                "AnnaLee",
                "Anna",
                "Lee"
            ]
        );
    }

    #[test]
    fn the_longest_known_name_at_a_word_end() {
        let v = Vocabulary::new(
            ["田中 太郎", "Mikko Virtanen", "Anna Lee"],
            ["db", "db移行"],
        );
        assert_eq!(v.name_in("田中さんと日程を決めた"), Some("田中"));
        assert_eq!(v.name_in("田中太郎さん"), Some("田中太郎"));
        assert_eq!(v.name_in("Mikkoと"), Some("Mikko"));
        assert_eq!(v.name_in("ｍｉｋｋｏ"), Some("ｍｉｋｋｏ"));
        assert_eq!(v.name_in("Anna_Lee"), Some("Anna_Lee"));
        assert_eq!(v.name_in("Mikkola"), None);
        assert_eq!(v.name_in("Mikko_V"), None);
        assert_eq!(v.name_in("田中_花子"), None);
        assert_eq!(v.name_in("Mikko_Virtanen"), Some("Mikko_Virtanen"));
        assert_eq!(v.name_in("佐藤"), None);
        assert_eq!(v.tag_in("db移行の件"), Some("db移行"));
        assert_eq!(v.tag_in("dbs"), None);
    }
}
