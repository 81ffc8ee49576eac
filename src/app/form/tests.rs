use super::*;
use crate::model::{ClientId, PersonId};

fn key(code: KeyCode) -> KeySpec {
    KeySpec::plain(code)
}

fn shift_tab() -> KeySpec {
    KeySpec {
        shift: true,
        ..key(KeyCode::Tab)
    }
}

fn typed(form: &mut Form, text: &str) {
    for c in text.chars() {
        assert_eq!(form.key(key(KeyCode::Char(c))), Outcome::Editing);
    }
}

fn new_client() -> Form {
    Form::client("New client".into(), Client::default())
}

fn focus_on(form: &mut Form, id: FieldId) {
    form.focus = form.fields.iter().position(|f| f.id == id).unwrap();
}

#[test]
fn typing_cjk_and_moving_the_cursor() {
    let mut form = new_client();
    typed(&mut form, "星空テック");
    form.key(key(KeyCode::Home));
    typed(&mut form, "株式会社");
    form.key(key(KeyCode::Left));
    form.key(key(KeyCode::Backspace));
    form.key(key(KeyCode::End));
    form.key(key(KeyCode::Backspace));
    let Value::Text(name) = &form.focused().value else {
        panic!("name is text")
    };
    assert_eq!(name.text(), "株式社星空テッ");
    assert_eq!(name.cursor(), 7);
    // 7 wide chars: the terminal cursor goes 14 columns in.
    assert_eq!(name.window(40).1, 14);
}

#[test]
fn keys_the_dashboard_binds_are_letters_here() {
    let mut form = new_client();
    typed(&mut form, "qjk ?Gx");
    assert_eq!(form.focused().value.as_text(), "qjk ?Gx");
}

#[test]
fn tab_and_arrows_move_between_fields_and_wrap() {
    let mut form = new_client();
    form.key(key(KeyCode::Tab));
    assert_eq!(form.focused().id, FieldId::Alias);
    form.key(key(KeyCode::Down));
    assert_eq!(form.focused().id, FieldId::State);
    form.key(shift_tab());
    form.key(key(KeyCode::Up));
    assert_eq!(form.focused().id, FieldId::Name);
    form.key(key(KeyCode::Up));
    assert_eq!(form.focused().id, FieldId::Tags);
}

#[test]
fn choice_fields_cycle() {
    let mut form = new_client();
    focus_on(&mut form, FieldId::State);
    assert_eq!(form.focused().value.as_text(), "active");
    form.key(key(KeyCode::Right));
    assert_eq!(form.focused().value.as_text(), "dormant");
    form.key(key(KeyCode::Char(' ')));
    form.key(key(KeyCode::Char(' ')));
    assert_eq!(form.focused().value.as_text(), "prospect", "wraps around");
    form.key(key(KeyCode::Left));
    assert_eq!(form.focused().value.as_text(), "former");
    form.key(key(KeyCode::Char('a')));
    assert_eq!(form.focused().value.as_text(), "active", "a letter jumps");
    let mut person = Form::person("p".into(), Person::default());
    typed(&mut person, "Aiko");
    focus_on(&mut person, FieldId::Channel);
    person.key(key(KeyCode::Char('i')));
    let Some(Record::Person(p)) = person.build() else {
        panic!("builds")
    };
    assert_eq!(p.channel, Channel::InPerson);
}

#[test]
fn cadence_takes_digits_only_and_is_range_checked() {
    let mut form = new_client();
    typed(&mut form, "Acme");
    focus_on(&mut form, FieldId::Cadence);
    form.key(key(KeyCode::Backspace));
    form.key(key(KeyCode::Backspace));
    typed(&mut form, "x9");
    form.paste("1 2a");
    assert_eq!(form.focused().value.as_text(), "912");
    assert!(form.build().is_some());
    for c in ["0", "3651", ""] {
        form.fields[3].value = Value::Text(TextInput::new(c));
        assert!(form.build().is_none(), "{c}");
        assert_eq!(
            form.fields[3].error.as_deref(),
            Some("cadence is a number of days from 1 to 3650")
        );
        assert_eq!(form.focused().id, FieldId::Cadence);
    }
}

#[test]
fn validation_messages_stay_under_their_fields() {
    let mut form = new_client();
    focus_on(&mut form, FieldId::Tags);
    typed(&mut form, "#fintech, , nordic,fintech");
    focus_on(&mut form, FieldId::Cadence);
    form.key(key(KeyCode::Home));
    typed(&mut form, "9");
    // "930" is too many days, and there is no name.
    assert_eq!(form.build(), None);
    assert_eq!(
        form.fields[0].error.as_deref(),
        Some("a client needs a name")
    );
    assert_eq!(
        form.focused().id,
        FieldId::Name,
        "focus on the first problem"
    );
    form.fields[3].value = Value::Text(TextInput::new("14"));
    form.paste("  Acme Oy ");
    let Some(Record::Client(c)) = form.build() else {
        panic!("valid now")
    };
    assert!(form.fields.iter().all(|f| f.error.is_none()));
    assert_eq!(
        (c.name.as_str(), c.cadence_days, c.tags),
        ("Acme Oy", 14, vec!["fintech".to_string(), "nordic".into()])
    );
}

#[test]
fn person_time_zone_is_checked_like_the_cli() {
    let mut form = Form::person("p".into(), Person::default());
    typed(&mut form, "佐藤 健一");
    focus_on(&mut form, FieldId::TimeZone);
    typed(&mut form, "Asia/Tokio");
    assert_eq!(form.build(), None);
    let error = form.fields.last().unwrap().error.clone().unwrap();
    assert!(
        error.contains("'Asia/Tokio' is not an IANA time zone"),
        "{error}"
    );
    form.key(key(KeyCode::Backspace));
    form.key(key(KeyCode::Backspace));
    typed(&mut form, "yo");
    let Some(Record::Person(p)) = form.build() else {
        panic!("valid now")
    };
    assert_eq!(p.time_zone.as_deref(), Some("Asia/Tokyo"));
    assert_eq!(p.email, None, "blank text is no value");
}

#[test]
fn esc_closes_a_clean_form_at_once() {
    let mut form = new_client();
    assert_eq!(form.key(key(KeyCode::Esc)), Outcome::Cancel);
    let mut form = new_client();
    typed(&mut form, "a");
    form.key(key(KeyCode::Backspace));
    assert!(!form.dirty(), "typing and erasing leaves nothing to lose");
    assert_eq!(form.key(key(KeyCode::Esc)), Outcome::Cancel);
}

#[test]
fn esc_on_a_changed_form_asks_first() {
    let mut form = new_client();
    typed(&mut form, "Acme");
    assert!(form.dirty());
    assert_eq!(form.key(key(KeyCode::Esc)), Outcome::Editing);
    assert!(form.discarding);
    form.paste("ignored while asking");
    // Anything but y keeps the form, and that key is not typed.
    assert_eq!(form.key(key(KeyCode::Char('n'))), Outcome::Editing);
    assert!(!form.discarding);
    assert_eq!(form.focused().value.as_text(), "Acme");
    let ctrl_c = KeySpec {
        ctrl: true,
        ..key(KeyCode::Char('c'))
    };
    assert_eq!(form.key(ctrl_c), Outcome::Editing, "ctrl-c asks too");
    assert_eq!(form.key(key(KeyCode::Char('y'))), Outcome::Cancel);
}

#[test]
fn namesakes_and_taken_handles() {
    let client = ClientId(ulid::Ulid::from_parts(1, 1));
    let other = ClientId(ulid::Ulid::from_parts(1, 2));
    let person = |id: u128, client, name: &str| Person {
        id: PersonId(ulid::Ulid::from_parts(2, id)),
        client,
        name: name.into(),
        ..Person::default()
    };
    let people = [person(1, client, "Mikko"), person(2, other, "Aiko")];
    assert!(namesake(&people, &person(3, client, " mikko ")).is_some());
    assert_eq!(
        namesake(&people, &person(1, client, "MIKKO")),
        None,
        "itself"
    );
    assert_eq!(namesake(&people, &person(3, client, "Aiko")), None);
    let acme = Client {
        name: "Acme Oy".into(),
        alias: Some("acme".into()),
        ..Client::default()
    };
    assert_eq!(taken_field(&acme, "acme oy"), FieldId::Name);
    assert_eq!(taken_field(&acme, "acme"), FieldId::Alias);
}

#[test]
fn editing_keeps_what_the_form_does_not_show() {
    let client = Client {
        name: "Acme".into(),
        archived: false,
        concerns: vec![crate::model::Concern {
            text: "audit".into(),
            since: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }],
        tags: vec!["a".into(), "b".into()],
        ..Client::default()
    };
    let mut form = Form::client("Edit".into(), client.clone());
    assert!(!form.dirty());
    assert_eq!(form.build(), Some(Record::Client(Box::new(client))));
}
