//! Config tests. Fixtures under `tests/configs/` carry their expectations in comments:
//! `# expect: TEXT` (an invalid file's error contains TEXT) and `# warning: TEXT` (a valid
//! file's warnings include one containing TEXT, and there are no others).

use super::*;
use std::fs;

fn fixtures(kind: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/configs")
        .join(kind);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() > 5, "too few fixtures in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// Values of `# tag: value` comment lines.
fn tagged<'t>(text: &'t str, tag: &str) -> Vec<&'t str> {
    let prefix = format!("# {tag}: ");
    text.lines()
        .filter_map(|l| l.trim_start_matches('\u{feff}').strip_prefix(&prefix))
        .map(str::trim_end)
        .collect()
}

fn parse(text: &str) -> Result<Loaded, ConfigError> {
    from_str_named(text, Path::new("/x/config.toml"))
}

#[test]
fn default_file_is_default() {
    let loaded = parse(default_toml()).unwrap();
    assert_eq!(loaded.config, Config::default());
    assert_eq!(loaded.warnings, Vec::<String>::new());
}

#[test]
fn default_file_explains_every_action() {
    // The help overlay and the commented default file say the same thing about each key.
    let keys_section = default_toml().split("\n[keys]\n").nth(1).unwrap();
    for action in Action::ALL {
        let line = keys_section
            .lines()
            .find(|l| l.starts_with(&format!("{} = ", action.as_str())))
            .unwrap_or_else(|| panic!("{} missing from the default file", action.as_str()));
        assert!(
            line.ends_with(&format!("# {}", action.description())),
            "{line}"
        );
    }
}

#[test]
fn partial_file_overlays_defaults() {
    let text = "[contact]\ndefault_cadence_days = 14\n[trust.deltas]\nwin = 3\n[keys]\nquit = [\"ctrl-c\"]\n";
    let config = parse(text).unwrap().config;
    let mut want = Config::default();
    want.contact.default_cadence_days = 14;
    want.trust.deltas.win = 3;
    want.keys.quit = vec!["ctrl-c".parse().unwrap()];
    assert_eq!(config, want);
    assert_eq!(config.keys.get(Action::Down), KeyBindings::default().down);
}

#[test]
fn accessors_read_the_fields() {
    let text = "contact.default_cadence_days = 7\ntrust.half_life_days = 30\nstore.cache_mib = 2\n\
                trust.promise_kept = 2\ntrust.deltas.favor = 3\n";
    let c = parse(text).unwrap().config;
    assert_eq!(c.cadence_days(), 7);
    assert_eq!(c.half_life_days(), 30.0);
    assert_eq!(c.cache_bytes(), 2 * 1024 * 1024);
    assert_eq!(c.promise_delta(Outcome::Kept), 2);
    assert_eq!(c.promise_delta(Outcome::Broken), -2);
    assert_eq!(c.trust_delta(Kind::Favor), 3);
    assert_eq!(c.free_advice_minutes(), 120);
    assert_eq!(c.client_capacity(), 6);
    // Every kind can be set through its own `as_str` spelling.
    for (i, kind) in Kind::ALL.iter().enumerate() {
        let delta = (i % 7) as i8 - 3;
        let text = format!("[trust.deltas]\n{} = {delta}\n", kind.as_str());
        assert_eq!(
            parse(&text).unwrap().config.trust_delta(*kind),
            delta,
            "{kind}"
        );
    }
}

#[test]
fn report_section_reads_author_company_footer_and_language() {
    let text = "[report]\nauthor = \"Aino\"\ncompany = \"Virtanen DBA\"\nfooter = \"aino@x\"\nlang = \"ja\"\n";
    let report = parse(text).unwrap().config.report;
    assert_eq!(
        report,
        Report {
            author: "Aino".into(),
            company: "Virtanen DBA".into(),
            footer: "aino@x".into(),
            lang: crate::model::Lang::Ja,
        }
    );
    assert_eq!(Config::default().report.lang, crate::model::Lang::En);
}

#[test]
fn valid_fixtures_load() {
    for (path, text) in fixtures("valid") {
        let loaded =
            from_str_named(&text, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(loaded.path.as_deref(), Some(path.as_path()));
        let expected = tagged(&text, "warning");
        assert_eq!(
            loaded.warnings.len(),
            expected.len(),
            "{:?}",
            loaded.warnings
        );
        for want in expected {
            assert!(
                loaded
                    .warnings
                    .iter()
                    .any(|w| w.contains(want) && w.contains(&*path.to_string_lossy())),
                "{}: no warning like {want:?} in {:?}",
                path.display(),
                loaded.warnings
            );
        }
    }
}

#[test]
fn invalid_fixtures_fail_naming_file_and_place() {
    // Collects every mismatch, so one run shows all fixtures that need attention.
    let mut wrong = Vec::new();
    for (path, text) in fixtures("invalid") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let err = match from_str_named(&text, &path) {
            Ok(_) => {
                wrong.push(format!("{name}: loaded"));
                continue;
            }
            Err(e) => e.to_string(),
        };
        let expected = tagged(&text, "expect");
        if expected.is_empty() {
            wrong.push(format!("{name}: no `# expect:` line"));
        }
        for want in [name.as_str(), " at line "].into_iter().chain(expected) {
            if !err.contains(want) {
                wrong.push(format!("{want:?} not in {err:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn fixtures_behave_the_same_through_load() {
    let (path, _) = fixtures("valid")
        .into_iter()
        .find(|(p, _)| p.ends_with("partial-contact.toml"))
        .unwrap();
    let loaded = load(Some(&path)).unwrap();
    assert_eq!(loaded.path, Some(path));
    assert_eq!(loaded.config.cadence_days(), 14);
}

#[test]
fn unknown_key_is_a_warning() {
    let loaded = parse("[trust]\nhalf_lief_days = 30\n").unwrap();
    assert_eq!(
        loaded.warnings,
        ["unknown key 'trust.half_lief_days' in /x/config.toml (ignored)"]
    );
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn negative_cadence_names_key_value_and_place() {
    let err = parse("[contact]\ndefault_cadence_days = -5\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "config error in /x/config.toml at line 2, column 24 (key contact.default_cadence_days): \
         -5 is not allowed: expected a cadence in days from 1 to 3650"
    );
}

#[test]
fn wrong_type_names_key() {
    let err = parse("# c\n[contact]\ndefault_cadence_days = \"x\"\n").unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("config error in /x/config.toml at line 3, column 24 (key contact.default_cadence_days): invalid type: string \"x\""),
        "{text}"
    );
}

#[test]
fn context_rules_keep_their_order_and_globs() {
    let text = "[[context]]\nclient = \" acme \"\ndir = \"~/w/**\"\n\
                [[context]]\nclient = \"beta\"\nssh_host = \"*.beta.se\"\n";
    let rules = parse(text).unwrap().config.context;
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0].client, "acme");
    assert_eq!(rules[0].dir.as_ref().unwrap().text(), "~/w/**");
    assert!(rules[0].tmux_session.is_none() && rules[0].ssh_host.is_none());
    assert_eq!(rules[1].client, "beta");
    assert!(rules[1].ssh_host.as_ref().unwrap().is_match("DB1.Beta.se"));
    assert!(!rules[1].ssh_host.as_ref().unwrap().is_match("beta.se"));
}

#[test]
fn the_default_files_context_example_works_once_uncommented() {
    let example: String = default_toml()
        .lines()
        .skip_while(|l| *l != "# [[context]]")
        .map(|l| format!("{}\n", l.trim_start_matches("# ")))
        .collect();
    let loaded = parse(&example).unwrap();
    assert_eq!(loaded.warnings, Vec::<String>::new());
    let rule = &loaded.config.context[..];
    assert_eq!(rule.len(), 1, "{example}");
    let rule = &rule[0];
    assert_eq!(rule.client, "acme");
    for glob in [
        &rule.tmux_session,
        &rule.dir,
        &rule.git_remote,
        &rule.ssh_host,
    ] {
        assert!(glob.is_some(), "the example shows every condition");
    }
}

#[test]
fn missing_explicit_path_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.toml");
    let err = load(Some(&path)).unwrap_err();
    assert!(matches!(err, ConfigError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains(&*path.to_string_lossy()), "{err}");
}

#[test]
fn unreadable_path_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(Some(dir.path())).unwrap_err();
    assert!(matches!(err, ConfigError::Read { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&*dir.path().to_string_lossy()),
        "{err}"
    );
}

#[test]
fn default_path_ends_in_rapport_config_toml() {
    if let Some(path) = default_path() {
        assert!(
            path.ends_with("rapport/config.toml") || path.ends_with("config.toml"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn no_input_panics() {
    // Every prefix of the default file, and a few hostile strings, give Ok or Err, never a panic.
    let text = default_toml();
    for end in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
        let _ = parse(&text[..end]);
    }
    for text in [
        "\u{feff}",
        "\0",
        "[",
        "a.b.c.d.e = 1",
        "[[keys]]\nquit=1",
        "[[context]]\nclient=1",
        "[[context]]\n[[context]]\nclient=\"a\"\ndir=\"[\"",
        "context=[{}]",
        "keys = []",
        "é = \"é\"\n[é]\n",
    ] {
        let _ = parse(text);
    }
}

mod prop {
    use super::parse;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn arbitrary_key_strings_never_panic(text in "\\PC{0,12}") {
            let _ = text.parse::<crate::config::KeySpec>();
        }
    }
}
