use super::*;
use crate::config::KeyCode;
use crate::model::{Kind, PersonId};
use chrono::{DateTime, Local, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn key(code: KeyCode) -> KeySpec {
    KeySpec::plain(code)
}

fn typed(form: &mut FilterForm, text: &str) {
    for c in text.chars() {
        assert_eq!(form.key(key(KeyCode::Char(c))), Filtering::Editing);
    }
}

fn people() -> Vec<(PersonId, String)> {
    vec![
        (PersonId::new_at(1), "Anna Berg".into()),
        (PersonId::new_at(2), "Annika Lehto".into()),
        (PersonId::new_at(3), "佐藤 花子".into()),
    ]
}

fn form() -> FilterForm {
    FilterForm::new("Acme Oy", &EventFilter::default(), people(), now())
}

/// The id `form()` gave `name` (ids are part random).
fn id_of(form: &FilterForm, name: &str) -> PersonId {
    let mut pick = form.person.clone();
    pick.query = crate::app::form::TextInput::new(name);
    pick.rank();
    pick.matches[0].0
}

fn day(text: &str) -> DateTime<Utc> {
    crate::when::start_of(text.parse().unwrap())
}

#[test]
fn an_untouched_form_is_the_empty_filter() {
    let mut form = form();
    assert_eq!(form.key(key(KeyCode::Enter)), Filtering::Apply);
    assert_eq!(form.build(now()), Some(EventFilter::default()));
}

#[test]
fn kinds_toggle_in_one_order() {
    let mut form = form();
    // `v` jumps to video, Space toggles it; then back to call.
    typed(&mut form, "v ");
    form.key(key(KeyCode::Home));
    typed(&mut form, " ");
    assert_eq!(form.kinds, [Kind::Call, Kind::Video]);
    typed(&mut form, " ");
    assert_eq!(form.kinds, [Kind::Video]);
    form.key(key(KeyCode::Delete));
    assert!(form.kinds.is_empty(), "Delete: every kind again");
}

#[test]
fn every_field_reaches_the_filter() {
    let mut form = form();
    typed(&mut form, "m ");
    form.key(key(KeyCode::Tab));
    typed(&mut form, "sato");
    assert!(form.person.matches.is_empty(), "no romaji for kanji");
    for _ in 0..4 {
        form.key(key(KeyCode::Backspace));
    }
    typed(&mut form, "佐藤");
    assert_eq!(form.person.name().as_deref(), Some("佐藤 花子"));
    form.key(key(KeyCode::Tab));
    typed(&mut form, "#Replication ");
    form.key(key(KeyCode::Tab));
    typed(&mut form, "s");
    assert_eq!(PRIVATE[form.private], "shareable only");
    form.key(key(KeyCode::Tab));
    typed(&mut form, "2026-05-01");
    form.key(key(KeyCode::Down));
    typed(&mut form, "2026-06-30");
    form.preview(now());
    assert_eq!(form.from_note.as_deref(), Some("= Fri 2026-05-01"));
    let filter = form.build(now()).expect("valid");
    let sato = id_of(&form, "佐藤 花子");
    assert_eq!(
        filter,
        EventFilter {
            kinds: vec![Kind::Meeting],
            person: Some(sato),
            tag: Some("Replication".into()),
            private: Some(false),
            since: Some(day("2026-05-01")),
            until: Some(day("2026-07-01")),
            removed: false,
        }
    );
    // Opening over it shows the same values, so applying again changes nothing.
    let mut again = FilterForm::new("Acme Oy", &filter, form.person.people.clone(), now());
    assert_eq!(again.until.text(), "2026-06-30");
    assert_eq!(again.build(now()), Some(filter));
}

#[test]
fn up_and_down_pick_among_people_then_move_on() {
    let mut form = form();
    form.key(key(KeyCode::Tab));
    typed(&mut form, "ann");
    assert_eq!(form.person.matches.len(), 2);
    assert_eq!(form.person.name().as_deref(), Some("Anna Berg"));
    form.key(key(KeyCode::Down));
    assert_eq!(form.person.name().as_deref(), Some("Annika Lehto"));
    assert_eq!(form.focus, FilterField::Person);
    form.key(key(KeyCode::Down));
    assert_eq!(form.focus, FilterField::Tag, "past the last name");
    form.key(key(KeyCode::Up));
    form.key(key(KeyCode::Up));
    assert_eq!(form.person.name().as_deref(), Some("Anna Berg"));
    form.key(key(KeyCode::Up));
    assert_eq!(form.focus, FilterField::Kinds);
}

#[test]
fn problems_are_shown_under_their_field() {
    let mut form = form();
    form.key(key(KeyCode::Tab));
    typed(&mut form, "zz");
    assert_eq!(form.build(now()), None);
    let (field, problem) = form.error.clone().unwrap();
    assert_eq!(field, FilterField::Person);
    assert!(
        problem.contains("no one at Acme Oy matches 'zz'"),
        "{problem}"
    );
    form.key(key(KeyCode::Backspace));
    form.key(key(KeyCode::Backspace));
    for _ in 0..3 {
        form.key(key(KeyCode::Tab));
    }
    typed(&mut form, "someday");
    assert_eq!(form.build(now()), None);
    assert_eq!(form.focus, FilterField::From);
    form.key(key(KeyCode::Tab));
    typed(&mut form, "2026-01-01");
    while form.from.text() != "" {
        form.focus = FilterField::From;
        form.key(key(KeyCode::Backspace));
    }
    form.focus = FilterField::From;
    typed(&mut form, "2026-02-01");
    assert_eq!(form.build(now()), None);
    let (field, problem) = form.error.clone().unwrap();
    assert_eq!(field, FilterField::Until);
    assert!(
        problem.contains("2026-01-01 is before 2026-02-01"),
        "{problem}"
    );
}

#[test]
fn esc_and_ctrl_c_cancel() {
    let mut form = form();
    typed(&mut form, " ");
    assert_eq!(form.key(key(KeyCode::Esc)), Filtering::Cancel);
    let ctrl_c = KeySpec {
        ctrl: true,
        ..key(KeyCode::Char('c'))
    };
    assert_eq!(form.key(ctrl_c), Filtering::Cancel);
}
