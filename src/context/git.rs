//! The remote URLs of the git repository a directory is in, read from its config file rather
//! than by running `git` (which would cost a process start on every note, and may be missing).
//!
//! Covered: a `.git` directory; a `.git` file (`gitdir: …`) as worktrees and submodules have,
//! with a worktree's `commondir` leading to the shared config. Not covered: `include.path`,
//! `insteadOf` rewrites and `$GIT_DIR`; a rule can match the URL as written in the config.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `url` and `pushurl` of every remote, in file order, each once.
pub fn remotes(dir: &Path) -> Vec<String> {
    let Some(config) = git_dir(dir).map(|g| common_dir(&g).join("config")) else {
        return Vec::new();
    };
    fs::read_to_string(config)
        .map(|text| parse_remotes(&text))
        .unwrap_or_default()
}

/// The git directory of the nearest repository at or above `dir`.
fn git_dir(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find_map(|d| {
        let dot_git = d.join(".git");
        let meta = fs::metadata(&dot_git).ok()?;
        if meta.is_dir() {
            return Some(dot_git);
        }
        // A worktree or submodule: `gitdir: PATH`, relative to the directory holding the file.
        let text = fs::read_to_string(&dot_git).ok()?;
        let target = text.lines().next()?.strip_prefix("gitdir:")?.trim();
        (!target.is_empty()).then(|| d.join(target))
    })
}

/// A worktree's git directory keeps its own HEAD but shares the main one's config; `commondir`
/// says where that is (relative to the worktree's git directory).
fn common_dir(git_dir: &Path) -> PathBuf {
    match fs::read_to_string(git_dir.join("commondir")) {
        Ok(text) if !text.trim().is_empty() => git_dir.join(text.trim()),
        _ => git_dir.to_path_buf(),
    }
}

/// The URLs in a git config's `[remote "NAME"]` sections.
pub(super) fn parse_remotes(text: &str) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    let mut in_remote = false;
    for line in text.lines() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            // `[remote "origin"]`, or the old `[remote.origin]`; section names ignore case.
            let name = header.split(['"', '.', ']']).next().unwrap_or("").trim();
            in_remote = name.eq_ignore_ascii_case("remote");
            continue;
        }
        if !in_remote {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.eq_ignore_ascii_case("url") || key.eq_ignore_ascii_case("pushurl") {
            let url = value_of(value);
            if !url.is_empty() && !urls.contains(&url) {
                urls.push(url);
            }
        }
    }
    urls
}

/// A git config value: surrounding blanks dropped, `"…"` unquoted with `\"` and `\\` escapes,
/// and a `#` or `;` comment outside quotes cut off.
fn value_of(raw: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = raw.trim().chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => out.extend(chars.next()),
            '#' | ';' if !quoted => break,
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}
