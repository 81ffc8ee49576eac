//! `[[context]]`: rules that pick the client when `rapport note "text"` names none. Globs are
//! compiled while the file is read, so a bad one is reported with its line like any other
//! value; matching them against where you are is `crate::context`'s job.

use globset::{GlobBuilder, GlobMatcher};
use serde::{de, Deserialize, Deserializer};
use std::fmt;

/// One rule: the client it names and the conditions, every one of which must hold.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextRule {
    /// A name, alias or unique prefix, resolved when the rule is used (the store may change).
    pub client: String,
    pub tmux_session: Option<Glob>,
    pub dir: Option<Glob>,
    pub git_remote: Option<Glob>,
    pub ssh_host: Option<Glob>,
}

/// The rule as written, before the check serde alone cannot make (at least one condition).
#[derive(Deserialize)]
struct RawRule {
    #[serde(deserialize_with = "client")]
    client: String,
    #[serde(default, deserialize_with = "name_glob")]
    tmux_session: Option<Glob>,
    #[serde(default, deserialize_with = "dir_glob")]
    dir: Option<Glob>,
    #[serde(default, deserialize_with = "host_glob")]
    git_remote: Option<Glob>,
    #[serde(default, deserialize_with = "host_glob")]
    ssh_host: Option<Glob>,
}

impl<'de> Deserialize<'de> for ContextRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RuleVisitor)
    }
}

/// Checks the rule inside the table's own visit, so that toml gives a failed check the span
/// of this rule (serde's `try_from` would fail after the visit, with the whole array's span).
struct RuleVisitor;

impl<'de> de::Visitor<'de> for RuleVisitor {
    type Value = ContextRule;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a [[context]] table")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<ContextRule, A::Error> {
        let raw = RawRule::deserialize(de::value::MapAccessDeserializer::new(map))?;
        ContextRule::checked(raw).map_err(de::Error::custom)
    }
}

impl ContextRule {
    fn checked(raw: RawRule) -> Result<Self, String> {
        let rule = ContextRule {
            client: raw.client,
            tmux_session: raw.tmux_session,
            dir: raw.dir,
            git_remote: raw.git_remote,
            ssh_host: raw.ssh_host,
        };
        // A rule without conditions would match everywhere and hide every rule after it.
        if rule.conditions() == 0 {
            return Err(format!(
                "the [[context]] rule for '{}' has no conditions: give at least one of \
                 tmux_session, dir, git_remote, ssh_host",
                rule.client
            ));
        }
        Ok(rule)
    }

    fn conditions(&self) -> usize {
        [
            &self.tmux_session,
            &self.dir,
            &self.git_remote,
            &self.ssh_host,
        ]
        .iter()
        .filter(|g| g.is_some())
        .count()
    }
}

/// A glob kept as written (for messages and equality) beside its compiled matcher.
#[derive(Clone)]
pub struct Glob {
    text: String,
    matcher: GlobMatcher,
}

impl Glob {
    /// `separator`: `*` stops at `/` (directories, like a shell). `fold`: ignore case (host
    /// names and remote URLs, which are case-insensitive where it matters).
    pub fn new(text: &str, separator: bool, fold: bool) -> Result<Self, String> {
        Self::compiled(text, text, separator, fold)
    }

    /// A `dir` glob. It is matched against the directory and every directory above it, so a
    /// trailing `/**` adds nothing but would stop `~/work/acme/**` from matching in
    /// `~/work/acme` itself; it is dropped.
    pub fn dir(text: &str) -> Result<Self, String> {
        let pattern = match text.strip_suffix("/**") {
            Some("") => "/",
            Some(parent) => parent,
            None => text,
        };
        Self::compiled(text, pattern, true, false)
    }

    fn compiled(text: &str, pattern: &str, separator: bool, fold: bool) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Err("an empty glob matches nothing; leave the key out instead".into());
        }
        let glob = GlobBuilder::new(pattern)
            .literal_separator(separator)
            .case_insensitive(fold)
            .build()
            .map_err(|e| format!("'{text}' is not a glob: {}", e.kind()))?;
        Ok(Self {
            text: text.to_owned(),
            matcher: glob.compile_matcher(),
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_match(&self, candidate: &str) -> bool {
        self.matcher.is_match(candidate)
    }
}

impl PartialEq for Glob {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.matcher.glob() == other.matcher.glob()
    }
}

impl fmt::Debug for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Glob({:?})", self.text)
    }
}

fn client<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    if name.trim().is_empty() {
        return Err(de::Error::custom(
            "the client is empty: give a name or alias",
        ));
    }
    Ok(name.trim().to_owned())
}

fn glob<'de, D: Deserializer<'de>>(
    d: D,
    make: fn(&str) -> Result<Glob, String>,
) -> Result<Option<Glob>, D::Error> {
    let text = String::deserialize(d)?;
    make(&text).map(Some).map_err(de::Error::custom)
}

fn name_glob<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Glob>, D::Error> {
    glob(d, |t| Glob::new(t, false, false))
}

fn dir_glob<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Glob>, D::Error> {
    glob(d, Glob::dir)
}

fn host_glob<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Glob>, D::Error> {
    glob(d, |t| Glob::new(t, false, true))
}

/// The `context` key: a list of rules. A visitor of its own so that a single `[context]`
/// table (an easy slip) is told how to write the list.
pub(super) fn rules<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ContextRule>, D::Error> {
    d.deserialize_seq(RulesVisitor)
}

struct RulesVisitor;

impl<'de> de::Visitor<'de> for RulesVisitor {
    type Value = Vec<ContextRule>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rules: write each as [[context]], with two brackets")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut rules = Vec::new();
        while let Some(rule) = seq.next_element()? {
            rules.push(rule);
        }
        Ok(rules)
    }
}

/// How an unknown key is named in a warning: serde_ignored says `context.0.dri`, which reads
/// better as `'dri' of [[context]] rule 1`.
pub(super) fn unknown_key(path: &str) -> String {
    let inside = path
        .strip_prefix("context.")
        .and_then(|rest| rest.split_once('.'))
        .and_then(|(index, key)| Some((index.parse::<usize>().ok()?, key)));
    match inside {
        Some((index, key)) => format!("'{key}' of [[context]] rule {}", index + 1),
        None => format!("'{path}'"),
    }
}
