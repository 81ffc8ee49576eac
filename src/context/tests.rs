use super::*;
use crate::config::from_str_named;
use std::fs;

/// Rules from config text, read as the config loader reads them.
fn rules(text: &str) -> Vec<ContextRule> {
    from_str_named(text, Path::new("/x/config.toml"))
        .unwrap()
        .config
        .context
}

/// Fixed signals. A field left `None` panics when asked, which proves a rule did not need it.
#[derive(Default)]
struct Fixed {
    dirs: Option<Vec<PathBuf>>,
    remotes: Option<Vec<String>>,
    session: Option<Option<&'static str>>,
    host: Option<Option<&'static str>>,
}

impl Fixed {
    fn dir(dir: &str) -> Self {
        Self {
            dirs: Some(vec![PathBuf::from(dir)]),
            ..Self::default()
        }
    }
}

impl Signals for Fixed {
    fn dirs(&self) -> &[PathBuf] {
        self.dirs.as_deref().expect("dirs not needed")
    }
    fn home(&self) -> Option<&Path> {
        Some(Path::new("/home/me"))
    }
    fn git_remotes(&self) -> &[String] {
        self.remotes.as_deref().expect("git remotes not needed")
    }
    fn tmux_session(&self) -> Option<&str> {
        self.session.expect("tmux session not needed")
    }
    fn ssh_host(&self) -> Option<&str> {
        self.host.expect("ssh host not needed")
    }
}

/// The client the rules pick, and why.
fn pick(rules: &[ContextRule], here: &Fixed) -> Option<(String, String)> {
    choose(rules, here).map(|c| (c.rule.client.clone(), c.because.join(", ")))
}

fn picked(client: &str, because: &str) -> Option<(String, String)> {
    Some((client.to_owned(), because.to_owned()))
}

#[test]
fn dir_matches_the_directory_and_everything_inside() {
    let r = rules("[[context]]\nclient = \"acme\"\ndir = \"/srv/acme\"\n");
    assert_eq!(
        pick(&r, &Fixed::dir("/srv/acme")),
        picked("acme", "directory /srv/acme")
    );
    assert_eq!(
        pick(&r, &Fixed::dir("/srv/acme/db/migrations")),
        picked("acme", "directory /srv/acme/db/migrations")
    );
    assert_eq!(pick(&r, &Fixed::dir("/srv/acme-old")), None);
    assert_eq!(pick(&r, &Fixed::dir("/srv")), None);
}

#[test]
fn dir_globs_stop_at_slashes_like_a_shell() {
    let r = rules("[[context]]\nclient = \"c\"\ndir = \"/srv/*/acme\"\n");
    assert!(pick(&r, &Fixed::dir("/srv/x/acme/src")).is_some());
    assert!(pick(&r, &Fixed::dir("/srv/x/y/acme")).is_none());
    let r = rules("[[context]]\nclient = \"c\"\ndir = \"/srv/**/acme\"\n");
    assert!(pick(&r, &Fixed::dir("/srv/x/y/acme")).is_some());
    let r = rules("[[context]]\nclient = \"c\"\ndir = \"/**\"\n");
    assert!(pick(&r, &Fixed::dir("/srv/x")).is_some());
}

#[test]
fn tilde_is_the_home_directory() {
    let r = rules("[[context]]\nclient = \"acme\"\ndir = \"~/work/acme/**\"\n");
    assert_eq!(
        pick(&r, &Fixed::dir("/home/me/work/acme/src")),
        picked("acme", "directory ~/work/acme/src")
    );
    // A trailing `/**` covers the directory itself too.
    assert_eq!(
        pick(&r, &Fixed::dir("/home/me/work/acme")),
        picked("acme", "directory ~/work/acme")
    );
    assert_eq!(pick(&r, &Fixed::dir("/home/me/work")), None);
    assert_eq!(pick(&r, &Fixed::dir("/home/you/work/acme/src")), None);
    assert_eq!(pick(&r, &Fixed::dir("/work/acme/src")), None);
    let home = rules("[[context]]\nclient = \"me\"\ndir = \"~\"\n");
    assert_eq!(
        pick(&home, &Fixed::dir("/home/me")),
        picked("me", "directory ~")
    );
    // An absolute glob still matches a path under home.
    let r = rules("[[context]]\nclient = \"acme\"\ndir = \"/home/*/work/acme\"\n");
    assert!(pick(&r, &Fixed::dir("/home/me/work/acme/x")).is_some());
}

#[test]
fn either_spelling_of_the_directory_matches() {
    // `$PWD` through a symlink, and the resolved path.
    let here = Fixed {
        dirs: Some(vec!["/home/me/acme".into(), "/data/clients/acme".into()]),
        ..Fixed::default()
    };
    let r = rules("[[context]]\nclient = \"acme\"\ndir = \"/data/clients/*\"\n");
    assert_eq!(
        pick(&r, &here),
        picked("acme", "directory /data/clients/acme")
    );
    let r = rules("[[context]]\nclient = \"acme\"\ndir = \"~/acme\"\n");
    assert_eq!(pick(&r, &here), picked("acme", "directory ~/acme"));
}

#[test]
fn git_remote_matches_any_remote_ignoring_case() {
    let r = rules("[[context]]\nclient = \"acme\"\ngit_remote = \"*github.com?acme-corp/*\"\n");
    let here = |urls: &[&str]| Fixed {
        remotes: Some(urls.iter().map(|u| u.to_string()).collect()),
        ..Fixed::default()
    };
    assert_eq!(
        pick(
            &r,
            &here(&[
                "https://gitlab.com/me/fork",
                "git@github.com:Acme-Corp/db.git"
            ])
        ),
        picked("acme", "git remote git@github.com:Acme-Corp/db.git")
    );
    assert!(pick(&r, &here(&["https://github.com/acme-corp/db"])).is_some());
    assert!(pick(&r, &here(&["https://github.com/other/db"])).is_none());
    assert!(pick(&r, &here(&[])).is_none());
}

#[test]
fn tmux_session_and_ssh_host() {
    let r = rules(
        "[[context]]\nclient = \"acme\"\ntmux_session = \"acme*\"\n\
         [[context]]\nclient = \"beta\"\nssh_host = \"*.beta.se\"\n",
    );
    let here = |session, host| Fixed {
        session: Some(session),
        host: Some(host),
        ..Fixed::default()
    };
    assert_eq!(
        pick(&r, &here(Some("acme-call"), None)),
        picked("acme", "tmux session acme-call")
    );
    // Session names keep their case; host names do not.
    assert_eq!(
        pick(&r, &here(Some("Acme"), Some("DB1.Beta.se"))),
        picked("beta", "ssh host DB1.Beta.se")
    );
    assert_eq!(pick(&r, &here(None, None)), None);
    assert_eq!(pick(&r, &here(Some("x"), Some("beta.se"))), None);
}

#[test]
fn every_condition_must_match() {
    let r = rules(
        "[[context]]\nclient = \"acme\"\ndir = \"/srv/acme\"\ntmux_session = \"acme*\"\n\
         ssh_host = \"db*\"\n",
    );
    let here = |dir: &str, session, host| Fixed {
        dirs: Some(vec![PathBuf::from(dir)]),
        session: Some(session),
        host: Some(host),
        ..Fixed::default()
    };
    assert_eq!(
        pick(&r, &here("/srv/acme", Some("acme-1"), Some("db1"))),
        picked(
            "acme",
            "directory /srv/acme, tmux session acme-1, ssh host db1"
        )
    );
    assert_eq!(
        pick(&r, &here("/srv/acme", Some("acme-1"), Some("web1"))),
        None
    );
    assert_eq!(
        pick(&r, &here("/srv/acme", Some("beta"), Some("db1"))),
        None
    );
}

#[test]
fn the_first_matching_rule_wins_and_later_ones_are_not_asked() {
    let r = rules(
        "[[context]]\nclient = \"first\"\ndir = \"/elsewhere\"\n\
         [[context]]\nclient = \"second\"\ndir = \"/srv/**\"\n\
         [[context]]\nclient = \"third\"\ndir = \"/srv/acme\"\n\
         [[context]]\nclient = \"never\"\nssh_host = \"*\"\n",
    );
    let choice = choose(&r, &Fixed::dir("/srv/acme")).unwrap();
    assert_eq!((choice.rule.client.as_str(), choice.number), ("second", 2));
}

#[test]
fn a_failed_cheap_condition_spares_the_costly_ones() {
    // Fixed panics on signals it was not given: the rule fails on its directory first.
    let r = rules(
        "[[context]]\nclient = \"acme\"\nssh_host = \"*\"\ntmux_session = \"*\"\n\
         git_remote = \"*\"\ndir = \"/srv/acme\"\n",
    );
    assert_eq!(pick(&r, &Fixed::dir("/home/me")), None);
}

#[test]
fn describe_names_every_signal() {
    let here = Fixed {
        dirs: Some(vec!["/home/me/x".into()]),
        remotes: Some(vec!["a".into(), "b".into()]),
        session: Some(None),
        host: Some(Some("db1")),
    };
    assert_eq!(
        describe(&here),
        [
            "directory ~/x",
            "git remotes a, b",
            "tmux session none",
            "ssh host db1"
        ]
    );
}

mod git_config {
    use super::super::git::{parse_remotes, remotes};
    use std::fs;

    #[test]
    fn reads_urls_of_remotes_only() {
        let text = "[core]\n\turl = not-a-remote\n\
                    [remote \"origin\"]\n\turl = git@github.com:acme-corp/db.git\n\
                    \tfetch = +refs/heads/*:refs/remotes/origin/*\n\
                    [Remote \"mirror\"]\n\tURL = \"https://example.com/a b.git\" ; old\n\
                    \tpushurl = ssh://git@example.com/db # push here\n\
                    [remote.legacy]\n\turl=/srv/git/db.git\n\
                    [branch \"main\"]\n\tremote = origin\n\turl = nope\n\
                    [remote \"dup\"]\n\turl = /srv/git/db.git\n";
        assert_eq!(
            parse_remotes(text),
            [
                "git@github.com:acme-corp/db.git",
                "https://example.com/a b.git",
                "ssh://git@example.com/db",
                "/srv/git/db.git"
            ]
        );
        assert!(parse_remotes("").is_empty());
        assert!(parse_remotes("[remote \"x\"]\nurl =\n").is_empty());
    }

    #[test]
    fn finds_the_repository_above_the_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        fs::create_dir_all(repo.join(".git")).unwrap();
        fs::create_dir_all(repo.join("src/deep")).unwrap();
        fs::write(
            repo.join(".git/config"),
            "[remote \"origin\"]\n\turl = git@github.com:acme-corp/db.git\n",
        )
        .unwrap();
        assert_eq!(
            remotes(&repo.join("src/deep")),
            ["git@github.com:acme-corp/db.git"]
        );
        assert!(remotes(tmp.path()).is_empty());
    }

    #[test]
    fn a_worktree_reads_the_main_repositorys_config() {
        // What `git worktree add ../wt` leaves: a `.git` file pointing into the main
        // repository's `.git/worktrees/wt`, whose `commondir` leads back to `.git`.
        let tmp = tempfile::tempdir().unwrap();
        let main_git = tmp.path().join("main/.git");
        let wt_git = main_git.join("worktrees/wt");
        fs::create_dir_all(&wt_git).unwrap();
        fs::write(
            main_git.join("config"),
            "[remote \"origin\"]\n\turl = https://github.com/acme-corp/db\n",
        )
        .unwrap();
        fs::write(wt_git.join("commondir"), "../..\n").unwrap();
        let wt = tmp.path().join("wt");
        fs::create_dir_all(wt.join("src")).unwrap();
        fs::write(wt.join(".git"), format!("gitdir: {}\n", wt_git.display())).unwrap();
        assert_eq!(
            remotes(&wt.join("src")),
            ["https://github.com/acme-corp/db"]
        );
    }

    #[test]
    fn a_submodule_reads_its_own_config_through_a_relative_gitdir() {
        let tmp = tempfile::tempdir().unwrap();
        let modules = tmp.path().join("super/.git/modules/lib");
        fs::create_dir_all(&modules).unwrap();
        fs::write(
            modules.join("config"),
            "[remote \"origin\"]\n\turl = ../lib.git\n",
        )
        .unwrap();
        let sub = tmp.path().join("super/lib");
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(".git"), "gitdir: ../.git/modules/lib\n").unwrap();
        assert_eq!(remotes(&sub), ["../lib.git"]);
    }
}

mod ssh_args {
    use super::super::ssh::destination;

    fn host(line: &str) -> Option<String> {
        let argv: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        destination(&argv)
    }

    #[test]
    fn the_destination_is_the_first_word_that_is_not_an_option() {
        assert_eq!(host("ssh db1.acme.fi").as_deref(), Some("db1.acme.fi"));
        assert_eq!(host("/usr/bin/ssh me@db1").as_deref(), Some("db1"));
        assert_eq!(
            host("ssh -p 2222 -i key me@db1 uptime").as_deref(),
            Some("db1")
        );
        assert_eq!(
            host("ssh -p2222 -At -J bastion db1").as_deref(),
            Some("db1")
        );
        assert_eq!(host("ssh -vtl me db1").as_deref(), Some("db1"));
        assert_eq!(host("ssh -o ProxyJump=x -- db1").as_deref(), Some("db1"));
        assert_eq!(host("ssh ssh://me@db1:2222").as_deref(), Some("db1"));
        assert_eq!(host("ssh me@[::1]").as_deref(), Some("::1"));
    }

    #[test]
    fn anything_else_is_no_host() {
        assert_eq!(host("ssh"), None);
        assert_eq!(host("ssh -p 22"), None);
        assert_eq!(host("bash -c ssh"), None);
        assert_eq!(host("sshd db1"), None);
        assert_eq!(host("ssh-agent db1"), None);
        assert_eq!(host(""), None);
    }
}

#[test]
fn here_reads_the_overrides_and_the_current_directory() {
    // Only the current directory is checked against the real process: env overrides are
    // process-wide, and tests run in parallel, so those are covered through the binary.
    let here = Here::new();
    let cwd = std::env::current_dir().unwrap();
    assert!(here.dirs().contains(&cwd), "{:?}", here.dirs());
    let _ = fs::metadata(&cwd);
}
