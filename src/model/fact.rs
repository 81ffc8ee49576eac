//! What you know about a person: personal facts (family, hobbies, a trip) that make contact
//! personal, and practical ones (invoicing, access, preferences) that make work go smoothly.
//! Only personal facts open a conversation: "Ask Sanna about: invoices must quote PO
//! 4500-1187" is not how a welfare call starts.

use super::word_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether a fact is about the person or about working with them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    Personal,
    Practical,
}
word_enum!(FactKind { Personal => "personal", Practical => "practical" });

/// A detail noted about a person ("weekend fishing in Lapland").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub text: String,
    pub noted: NaiveDate,
    /// As marked when noted (`person fact --practical`); `None` (facts noted before kinds
    /// existed, or without the flag) is decided by [`looks_practical`]. Last and skipped when
    /// unset, so facts written before keep their encoding and still read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FactKind>,
}

impl Fact {
    /// The kind as marked, else as the words suggest.
    pub fn kind(&self) -> FactKind {
        (self.kind).unwrap_or_else(|| match looks_practical(&self.text) {
            true => FactKind::Practical,
            false => FactKind::Personal,
        })
    }

    pub fn is_personal(&self) -> bool {
        self.kind() == FactKind::Personal
    }
}

/// Word beginnings that mark a fact about the work rather than the person ("invoices must
/// quote PO 4500-1187", "prefers email before 10", "VPN access through Jari").
const PRACTICAL: &[&str] = &[
    "invoic",
    "billing",
    "po",
    "purchase order",
    "vpn",
    "access",
    "password",
    "credential",
    "prefer",
    "contract",
    "budget",
    "approv",
    "payment",
    "ticket",
    "deadline",
    "office hours",
    "timesheet",
    "expense",
    "procurement",
    "login",
    "account",
];

/// A keyword guess for facts not marked either way: a word of the text begins with one of
/// `PRACTICAL` ("PO" only as a word of its own: "pottery" is personal).
pub fn looks_practical(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = (lower.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    PRACTICAL.iter().any(|key| match key.split_once(' ') {
        Some(_) => lower.contains(key),
        None if *key == "po" => words.contains(&"po"),
        None => words.iter().any(|w| w.starts_with(key)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(text: &str, kind: Option<FactKind>) -> Fact {
        Fact {
            text: text.into(),
            noted: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            kind,
        }
    }

    #[test]
    fn work_words_make_a_fact_practical_unless_marked() {
        for text in [
            "Invoices must quote PO 4500-1187",
            "prefers email before 10",
            "VPN access through Jari",
            "purchase order number on every invoice",
        ] {
            assert_eq!(fact(text, None).kind(), FactKind::Practical, "{text}");
        }
        for text in [
            "two boys in junior ice hockey",
            "pottery class on Thursdays",
            "the fishing trip to Lapland",
            "",
        ] {
            assert!(fact(text, None).is_personal(), "{text}");
        }
        let marked = fact("loves the sauna", Some(FactKind::Practical));
        assert_eq!(marked.kind(), FactKind::Practical);
        let marked = fact("budget trip to Porto", Some(FactKind::Personal));
        assert!(marked.is_personal());
    }

    #[test]
    fn facts_from_before_kinds_still_read_and_unmarked_ones_encode_as_before() {
        // MessagePack arrays, as the overview writes them: [text, noted].
        let old = rmp_serde::to_vec(&("Weekend fishing", "2026-11-03")).unwrap();
        let read: Fact = rmp_serde::from_slice(&old).unwrap();
        assert_eq!(read, fact("Weekend fishing", None));
        assert_eq!(rmp_serde::to_vec(&read).unwrap(), old);
        // Named, as the database writes them.
        #[derive(Serialize)]
        struct Old {
            text: &'static str,
            noted: &'static str,
        }
        let old = Old {
            text: "Weekend fishing",
            noted: "2026-11-03",
        };
        let old = rmp_serde::to_vec_named(&old).unwrap();
        assert_eq!(rmp_serde::from_slice::<Fact>(&old).unwrap(), read);
        assert_eq!(rmp_serde::to_vec_named(&read).unwrap(), old);
        let marked = fact("PO first", Some(FactKind::Practical));
        let back: Fact = rmp_serde::from_slice(&rmp_serde::to_vec(&marked).unwrap()).unwrap();
        assert_eq!(back, marked);
        let json: Fact = serde_json::from_str(r#"{"text":"x","noted":"2026-11-03"}"#).unwrap();
        assert_eq!(json.kind, None);
    }
}
