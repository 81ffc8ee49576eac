use super::*;
use crate::model::{Channel, ClientId, Concern, PersonId};
use chrono::{Local, NaiveDate, TimeZone};

/// Monday 2026-11-23, 12:00 local time: relative days come out the same in every time zone.
fn now() -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn ctrl(c: char) -> KeySpec {
    KeySpec {
        ctrl: true,
        ..key(KeyCode::Char(c))
    }
}

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
        assert_eq!(form.key(key(KeyCode::Char(c))), FormKey::Editing);
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
    assert_eq!(form.focused().id, FieldId::Concerns);
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
    let Some(Record::Person(p)) = person.build(now()) else {
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
    assert!(form.build(now()).is_some());
    for c in ["0", "3651", ""] {
        form.fields[3].value = Value::Text(TextInput::new(c));
        assert!(form.build(now()).is_none(), "{c}");
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
    assert_eq!(form.build(now()), None);
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
    let Some(Record::Client(c)) = form.build(now()) else {
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
    assert_eq!(form.build(now()), None);
    let error = form.fields.last().unwrap().error.clone().unwrap();
    assert!(
        error.contains("'Asia/Tokio' is not an IANA time zone"),
        "{error}"
    );
    form.key(key(KeyCode::Backspace));
    form.key(key(KeyCode::Backspace));
    typed(&mut form, "yo");
    let Some(Record::Person(p)) = form.build(now()) else {
        panic!("valid now")
    };
    assert_eq!(p.time_zone.as_deref(), Some("Asia/Tokyo"));
    assert_eq!(p.email, None, "blank text is no value");
}

#[test]
fn esc_closes_a_clean_form_at_once() {
    let mut form = new_client();
    assert_eq!(form.key(key(KeyCode::Esc)), FormKey::Cancel);
    let mut form = new_client();
    typed(&mut form, "a");
    form.key(key(KeyCode::Backspace));
    assert!(!form.dirty(), "typing and erasing leaves nothing to lose");
    assert_eq!(form.key(key(KeyCode::Esc)), FormKey::Cancel);
}

#[test]
fn esc_on_a_changed_form_asks_first() {
    let mut form = new_client();
    typed(&mut form, "Acme");
    assert!(form.dirty());
    assert_eq!(form.key(key(KeyCode::Esc)), FormKey::Editing);
    assert!(form.discarding);
    form.paste("ignored while asking");
    // Anything but y keeps the form, and that key is not typed.
    assert_eq!(form.key(key(KeyCode::Char('n'))), FormKey::Editing);
    assert!(!form.discarding);
    assert_eq!(form.focused().value.as_text(), "Acme");
    assert_eq!(form.key(ctrl('c')), FormKey::Editing, "ctrl-c asks too");
    assert_eq!(form.key(key(KeyCode::Char('y'))), FormKey::Cancel);
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
    assert_eq!(form.build(now()), Some(Record::Client(Box::new(client))));
}

fn built_client(form: &mut Form) -> Client {
    match form.build(now()) {
        Some(Record::Client(c)) => *c,
        other => panic!("a client, not {other:?}"),
    }
}

#[test]
fn snooze_reads_days_like_the_cli() {
    let mut form = new_client();
    typed(&mut form, "Acme");
    assert_eq!(
        built_client(&mut form).snooze_until,
        None,
        "empty: no snooze"
    );
    focus_on(&mut form, FieldId::Snooze);
    for (text, want) in [
        ("2026-12-01", "2026-12-01"),
        ("fri", "2026-11-27"),
        ("monday", "2026-11-30"),
        // On a Monday, interim (and so the CLI) reads this as the Monday after next week's.
        ("next monday", "2026-12-07"),
    ] {
        form.fields[form.focus].value = Value::Text(TextInput::new(text));
        assert_eq!(
            built_client(&mut form).snooze_until,
            Some(date(want)),
            "{text}"
        );
    }
}

#[test]
fn a_bad_snooze_is_shown_under_its_field_and_previewed_while_typing() {
    let mut form = new_client();
    typed(&mut form, "Acme");
    focus_on(&mut form, FieldId::Snooze);
    typed(&mut form, "next blursday");
    form.preview(now());
    assert_eq!(form.focused().note, None, "nothing to preview");
    focus_on(&mut form, FieldId::Name);
    assert_eq!(form.build(now()), None);
    assert_eq!(form.focused().id, FieldId::Snooze, "focus on the problem");
    let error = form.focused().error.clone().unwrap();
    assert_eq!(
        error,
        "'next blursday' is not a day: try 2026-12-01, next monday or fri"
    );
    for _ in "blursday".chars() {
        form.key(key(KeyCode::Backspace));
    }
    typed(&mut form, "monday");
    form.preview(now());
    assert_eq!(form.focused().note.as_deref(), Some("= Mon 2026-12-07"));
    assert!(form.build(now()).is_some());
}

#[test]
fn editing_a_snoozed_client_can_clear_the_snooze() {
    let client = Client {
        name: "Acme".into(),
        snooze_until: Some(date("2027-01-15")),
        ..Client::default()
    };
    let mut form = Form::client("Edit".into(), client);
    focus_on(&mut form, FieldId::Snooze);
    assert_eq!(form.focused().value.as_text(), "2027-01-15");
    form.key(key(KeyCode::Home));
    for _ in 0..10 {
        form.key(key(KeyCode::Delete));
    }
    assert!(form.dirty());
    assert_eq!(built_client(&mut form).snooze_until, None);
}

fn with_concerns() -> Form {
    let since = |d: &str| date(d);
    let client = Client {
        name: "Acme".into(),
        concerns: vec![
            Concern {
                text: "Oracle licence audit".into(),
                since: since("2026-05-31"),
            },
            Concern {
                text: "stalled migration".into(),
                since: since("2026-07-24"),
            },
        ],
        ..Client::default()
    };
    Form::client("Edit".into(), client)
}

fn concerns(form: &mut Form) -> Vec<(String, String)> {
    built_client(form)
        .concerns
        .into_iter()
        .map(|c| (c.text, c.since.to_string()))
        .collect()
}

#[test]
fn a_new_concern_is_dated_today_and_old_ones_keep_their_day() {
    let mut form = with_concerns();
    focus_on(&mut form, FieldId::Tags);
    // Down from tags lands on the first concern, then on down to the waiting blank line.
    form.key(key(KeyCode::Down));
    assert_eq!(form.focused().id, FieldId::Concerns);
    form.key(key(KeyCode::Down));
    form.key(key(KeyCode::Down));
    typed(&mut form, "監査の日程");
    form.key(key(KeyCode::Down));
    typed(&mut form, "budget freeze");
    assert!(form.dirty());
    let today = now().with_timezone(&Local).date_naive().to_string();
    assert_eq!(
        concerns(&mut form),
        [
            ("Oracle licence audit".into(), "2026-05-31".into()),
            ("stalled migration".into(), "2026-07-24".into()),
            ("監査の日程".into(), today.clone()),
            ("budget freeze".into(), today),
        ]
    );
    // Down from the last (blank) line leaves the field: it wraps to the name.
    form.key(key(KeyCode::Down));
    form.key(key(KeyCode::Down));
    assert_eq!(form.focused().id, FieldId::Name);
}

#[test]
fn remove_a_concern_with_ctrl_d_or_by_emptying_it() {
    let mut form = with_concerns();
    focus_on(&mut form, FieldId::Tags);
    form.key(key(KeyCode::Down));
    form.key(ctrl('d'));
    assert_eq!(
        concerns(&mut form),
        [("stalled migration".into(), "2026-07-24".into())]
    );
    let mut form = with_concerns();
    // Up from the name wraps to the concerns' last line; up again is the second concern.
    form.key(key(KeyCode::Up));
    form.key(key(KeyCode::Up));
    for _ in "stalled migration".chars() {
        form.key(key(KeyCode::Backspace));
    }
    // One more backspace removes the empty line and goes up to the end of the first.
    form.key(key(KeyCode::Backspace));
    typed(&mut form, " (2027)");
    assert_eq!(
        concerns(&mut form),
        [("Oracle licence audit (2027)".into(), "2026-05-31".into())],
        "edited text keeps its day"
    );
}

#[test]
fn a_blank_concern_line_is_no_change() {
    let mut form = with_concerns();
    form.key(key(KeyCode::Up));
    typed(&mut form, "x");
    form.key(key(KeyCode::Backspace));
    assert!(!form.dirty());
    form.paste("pasted\nconcern");
    assert_eq!(concerns(&mut form)[2].0, "pasted concern");
}

#[test]
fn person_dates_are_read_like_the_cli_and_blank_clears_them() {
    let birthday = Some("1980-03-14".parse().unwrap());
    let mut form = Form::person(
        "p".into(),
        Person {
            name: "Sanna".into(),
            birthday,
            ..Person::default()
        },
    );
    focus_on(&mut form, FieldId::Anniversary);
    typed(&mut form, "2021-13-07");
    assert_eq!(form.build(now()), None);
    let field = (form.fields.iter()).find(|f| f.id == FieldId::Anniversary);
    let error = field.unwrap().error.clone().unwrap();
    assert!(
        error.contains("write it as 1980-03-14, or 03-14"),
        "{error}"
    );
    for _ in 0.."2021-13-07".len() {
        form.key(key(KeyCode::Backspace));
    }
    typed(&mut form, "12-07");
    let Some(Record::Person(p)) = form.build(now()) else {
        panic!("valid now")
    };
    assert_eq!(p.birthday, birthday, "kept as it was");
    assert_eq!(p.anniversary, Some("12-07".parse().unwrap()));
}
