//! Value encoding: one version byte, then MessagePack with named fields. Named fields make
//! values self-describing, so fields added later read as their defaults (unlike bincode).

use serde::{de::DeserializeOwned, Serialize};

const MSGPACK_NAMED: u8 = 1;

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![MSGPACK_NAMED];
    // Writing into a Vec cannot fail, and our types have no maps with non-string keys
    // that MessagePack would reject.
    rmp_serde::encode::write_named(&mut out, value).expect("encoding into memory");
    out
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match bytes.split_first() {
        Some((&MSGPACK_NAMED, rest)) => rmp_serde::from_slice(rest).map_err(|e| e.to_string()),
        Some((other, _)) => Err(format!(
            "unknown value encoding {other} (written by a newer rapport?)"
        )),
        None => Err("empty value".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize)]
    struct Old {
        name: String,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct New {
        name: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[test]
    fn added_fields_read_as_defaults_and_removed_ones_are_ignored() {
        let bytes = encode(&Old {
            name: "Acme".into(),
        });
        let new: New = decode(&bytes).unwrap();
        assert_eq!(
            new,
            New {
                name: "Acme".into(),
                tags: vec![]
            }
        );
        #[derive(Deserialize)]
        struct Fewer {}
        let _: Fewer = decode(&bytes).unwrap();
    }

    #[test]
    fn unknown_encoding_is_an_error_not_a_panic() {
        assert!(decode::<New>(&[9, 1, 2]).unwrap_err().contains("newer"));
        assert!(decode::<New>(&[]).is_err());
        assert!(decode::<New>(&[1, 0xc1]).is_err());
    }

    /// Records from before follow-ups: an event without `follow` and a summary without
    /// `open_follow_ups` read as none, so an old store opens with no rebuild (it has none).
    #[test]
    fn events_and_summaries_from_before_follow_ups_read() {
        use crate::model::{Event, Summary};
        let event = Event {
            text: "old".into(),
            ..Event::default()
        };
        let mut old: serde_json::Value = serde_json::to_value(&event).unwrap();
        assert!(old.get("follow").is_none(), "absent unless set, as before");
        old.as_object_mut().unwrap().remove("follow");
        let back: Event = decode(&encode(&old)).unwrap();
        assert_eq!(back, event);
        let mut summary = serde_json::to_value(Summary::default()).unwrap();
        summary.as_object_mut().unwrap().remove("open_follow_ups");
        let back: Summary = decode(&encode(&summary)).unwrap();
        assert!(back.open_follow_ups.is_empty());
    }

    /// Records from before report languages and `--leave-out`: a client without `lang` and
    /// an event without `unreported` read as none and false, and neither is written when unset.
    #[test]
    fn clients_and_events_from_before_report_marks_read() {
        use crate::model::{Client, Event, Lang};
        let client = Client {
            name: "Acme".into(),
            ..Client::default()
        };
        let old: serde_json::Value = serde_json::to_value(&client).unwrap();
        assert!(old.get("lang").is_none());
        assert_eq!(decode::<Client>(&encode(&old)).unwrap(), client);
        let japanese = Client {
            lang: Some(Lang::Ja),
            ..client
        };
        assert_eq!(decode::<Client>(&encode(&japanese)).unwrap(), japanese);
        let event = Event {
            text: "old".into(),
            ..Event::default()
        };
        let old: serde_json::Value = serde_json::to_value(&event).unwrap();
        assert!(old.get("unreported").is_none());
        assert_eq!(decode::<Event>(&encode(&old)).unwrap(), event);
        let left_out = Event {
            unreported: true,
            ..event
        };
        assert_eq!(decode::<Event>(&encode(&left_out)).unwrap(), left_out);
    }

    /// A person from before yearly dates (no `birthday`, no `anniversary`) reads as without
    /// them, and one with them reads back as written.
    #[test]
    fn people_from_before_yearly_dates_read() {
        use crate::model::Person;
        let person = Person {
            name: "Sanna Virtanen".into(),
            ..Person::default()
        };
        let mut old = serde_json::to_value(&person).unwrap();
        let fields = old.as_object_mut().unwrap();
        fields.remove("birthday");
        fields.remove("anniversary");
        let back: Person = decode(&encode(&old)).unwrap();
        assert_eq!(back, person);
        let dated = Person {
            birthday: Some("1980-02-29".parse().unwrap()),
            anniversary: Some("12-07".parse().unwrap()),
            ..person
        };
        assert_eq!(decode::<Person>(&encode(&dated)).unwrap(), dated);
    }
}
