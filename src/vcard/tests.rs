use super::*;
use crate::model::{ClientId, PersonId};

const PHONE: &str = include_str!("../../tests/vcards/phone-3.0.vcf");

#[test]
fn a_phone_export_reads_folded_lines_charsets_and_n_without_fn() {
    let cards = read(PHONE).unwrap();
    assert_eq!(cards.len(), 4);
    let sato = &cards[0];
    assert_eq!(sato.line, 1);
    assert_eq!(sato.name.as_deref(), Some("佐藤 健一"));
    assert_eq!(sato.title.as_deref(), Some("CTO"));
    assert_eq!(
        sato.email.as_deref(),
        Some("kenichi.sato@hoshizora.example")
    );
    assert_eq!(sato.phone.as_deref(), Some("+81 90 1234 5678"));
    assert_eq!(
        sato.facts,
        [("娘さんが京都の大学に合格, 3月に引っ越し".to_string(), None)]
    );
    let mikko = &cards[1];
    assert_eq!(mikko.line, 11);
    assert_eq!(mikko.name.as_deref(), Some("Mikko Virtanen"), "from N");
    assert_eq!(
        mikko.email.as_deref(),
        Some("mikko.virtanen@nordpay.example"),
        "a grouped property"
    );
    assert_eq!(
        mikko.title.as_deref(),
        Some("Chief Technology Officer, responsible for payments infrastructure and the database platform"),
        "a folded line"
    );
    assert_eq!(mikko.time_zone.as_deref(), Some("Europe/Helsinki"));
    let tanaka = &cards[2];
    assert_eq!(
        tanaka.name.as_deref(),
        Some("田中 美咲"),
        "family name first"
    );
    assert_eq!(tanaka.time_zone, None, "an offset is not a zone");
    assert_eq!(cards[3].name, None);
}

#[test]
fn what_is_not_a_vcard_says_where() {
    let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ok\r\nEND:VCARD\r\nthis is not a vcard\r\n";
    let err = read(text).unwrap_err();
    assert!(
        matches!(err, VcardError::Invalid { line: 5, .. }),
        "{err:?}"
    );
    let garbage = read("name,email\nMikko,mikko@x\n");
    assert!(
        matches!(garbage, Err(VcardError::Invalid { line: 1, .. })),
        "{garbage:?}"
    );
    // A last card missing its END is read (a file cut short keeps what it has).
    assert_eq!(
        read("BEGIN:VCARD\nFN:Open\n").unwrap()[0].name.as_deref(),
        Some("Open")
    );
    assert_eq!(read(""), Err(VcardError::Empty));
    assert!(matches!(
        read("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n"),
        Err(VcardError::NotAVcard { line: 1 })
    ));
}

fn person(name: &str) -> Person {
    Person {
        id: PersonId::new_at(1),
        client: ClientId::new_at(1),
        name: name.into(),
        title: Some("CTO; \"payments\", DB".into()),
        role: Role::Manager,
        stance: Stance::Skeptic,
        channel: Channel::Call,
        email: Some("kenichi@hoshizora.example".into()),
        phone: Some("+81 90 1234 5678".into()),
        time_zone: Some("Asia/Tokyo".into()),
        facts: vec![
            Fact {
                text: "娘さんが京都の大学に合格、三月に引っ越し。とても長い事実なので一行に収まらないかもしれない".into(),
                noted: "2026-10-01".parse().unwrap(),
                kind: None,
            },
            Fact {
                text: "Line one\nline two; with, commas".into(),
                noted: "2026-11-02".parse().unwrap(),
                kind: None,
            },
        ],
        ..Person::default()
    }
}

#[test]
fn written_cards_read_back_the_same() {
    let client = Client {
        name: "Hoshizora Fintech K.K.".into(),
        ..Client::default()
    };
    let people = [person("佐藤 健一"), person("Mikko Virtanen")];
    let text = write(&client, &people);
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:佐藤 健一\r\n"));
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "lines are folded at 75 octets:\n{text}"
    );
    let cards = read(&text).unwrap();
    assert_eq!(cards.len(), 2);
    for (card, person) in cards.iter().zip(&people) {
        let mut back = Person {
            name: card.name.clone().unwrap(),
            ..Person::default()
        };
        merge(&mut back, card, "2000-01-01".parse().unwrap());
        assert_eq!(back.name, person.name);
        assert_eq!(back.title, person.title);
        assert_eq!(back.email, person.email);
        assert_eq!(back.phone, person.phone);
        assert_eq!(back.time_zone, person.time_zone);
        assert_eq!(
            (back.role, back.stance, back.channel),
            (person.role, person.stance, person.channel)
        );
        assert_eq!(
            back.facts, person.facts,
            "facts from X-RAPPORT-FACT, not NOTE"
        );
    }
}

#[test]
fn cards_match_by_email_then_by_name() {
    let mut anna = person("Anna Berg");
    anna.email = Some("Anna@Acme.example".into());
    let people = vec![person("Mikko Virtanen"), anna];
    let card = |name: &str, email: Option<&str>| Card {
        name: Some(name.into()),
        email: email.map(String::from),
        ..Card::default()
    };
    assert_eq!(
        merge::find(&people, &card("A. Berg", Some("anna@acme.example"))),
        Some(1)
    );
    assert_eq!(merge::find(&people, &card("MIKKO virtanen", None)), Some(0));
    assert_eq!(merge::find(&people, &card("Somebody", Some("x@y"))), None);
}

#[test]
fn merging_again_changes_nothing() {
    let card = read(PHONE).unwrap().remove(1);
    let mut mikko = Person {
        name: "Mikko Virtanen".into(),
        ..Person::default()
    };
    let today = "2026-11-23".parse().unwrap();
    assert_eq!(
        merge(&mut mikko, &card, today),
        ["title", "email", "phone", "time zone"]
    );
    assert_eq!(merge(&mut mikko, &card, today), Vec::<&str>::new());
}
