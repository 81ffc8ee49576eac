//! Configuration: the embedded, commented default TOML overlaid by the user's file.
//!
//! The built-in values live twice, as Rust `Default`s (which serde uses for missing keys) and as
//! `assets/default-config.toml` (which `rapport config --default` prints); a unit test proves
//! they are equal. Unknown keys are warnings, so an old rapport reads a newer file; anything
//! that would change behaviour wrongly (bad syntax, wrong type, out of range) is an error that
//! names the file, line, column and key.

mod actions;
mod color;
mod context;
mod error;
mod keys;
mod sections;
#[cfg(test)]
mod tests;

pub use actions::{Action, KeyBindings};
pub use context::{ContextRule, Glob};
pub use error::ConfigError;
pub use keys::{KeyCode, KeySpec};
pub use sections::{Colors, Contact, KindDeltas, Report, StoreSection, Thresholds, Trust, Ui};

use crate::model::{Kind, Outcome};
use serde::Deserialize;
use std::path::{Path, PathBuf};

const DEFAULT_TOML: &str = include_str!("../assets/default-config.toml");

/// Everything configurable. Public fields so the dashboard can read them directly; the
/// accessors below cover the common questions.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, expecting = "a table")]
pub struct Config {
    pub contact: Contact,
    pub trust: Trust,
    pub thresholds: Thresholds,
    pub store: StoreSection,
    #[serde(alias = "colours")]
    pub colors: Colors,
    #[serde(deserialize_with = "actions::bindings")]
    pub keys: KeyBindings,
    pub ui: Ui,
    pub report: Report,
    /// `[[context]]` rules, in the file's order: the first that matches names the client.
    #[serde(deserialize_with = "context::rules")]
    pub context: Vec<ContextRule>,
}

/// A config and where it came from.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub config: Config,
    /// The file actually read; `None` when the built-in defaults are used.
    pub path: Option<PathBuf>,
    /// Things worth telling the user that do not stop rapport (unknown keys, key clashes).
    pub warnings: Vec<String>,
}

impl Config {
    /// The default trust movement for an event of `kind`.
    pub fn trust_delta(&self, kind: Kind) -> i8 {
        let d = &self.trust.deltas;
        match kind {
            Kind::Call => d.call,
            Kind::Video => d.video,
            Kind::Email => d.email,
            Kind::Chat => d.chat,
            Kind::Meeting => d.meeting,
            Kind::CheckIn => d.check_in,
            Kind::Win => d.win,
            Kind::Incident => d.incident,
            Kind::Promise => d.promise,
            Kind::Advice => d.advice,
            Kind::Favor => d.favor,
            Kind::Note => d.note,
        }
    }

    /// The trust movement recorded when a promise is kept or broken.
    pub fn promise_delta(&self, outcome: Outcome) -> i8 {
        match outcome {
            Outcome::Kept => self.trust.promise_kept,
            Outcome::Broken => self.trust.promise_broken,
        }
    }

    /// Days between check-ins for a client without its own cadence (at least 1).
    pub fn cadence_days(&self) -> u32 {
        self.contact.default_cadence_days
    }

    /// Trust half-life in days (always more than 0).
    pub fn half_life_days(&self) -> f64 {
        self.trust.half_life_days
    }

    /// Unbilled advice minutes per client per 30 days before the dashboard warns.
    pub fn free_advice_minutes(&self) -> u32 {
        self.thresholds.free_advice_minutes
    }

    /// Active clients one consultant can keep warm.
    pub fn client_capacity(&self) -> u32 {
        self.thresholds.active_clients
    }

    /// The store's cache size in bytes.
    pub fn cache_bytes(&self) -> u64 {
        u64::from(self.store.cache_mib) * 1024 * 1024
    }
}

/// The commented default config, as `rapport config --default` prints it.
pub fn default_toml() -> &'static str {
    DEFAULT_TOML
}

/// `$XDG_CONFIG_HOME/rapport/config.toml` (or the platform's equivalent); `None` when there is
/// no home directory to put it in.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "rapport").map(|d| d.config_dir().join("config.toml"))
}

/// Loads `explicit` if given (it must exist), else the default path if it exists, else the
/// built-in defaults.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
    let path = match (explicit, default_path()) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(path)) => path,
        (None, None) => return Ok(defaults()),
    };
    // Read and match on the error rather than checking `exists()` first, which could race.
    match std::fs::read_to_string(&path) {
        Ok(text) => from_str_named(&text, &path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match explicit {
            Some(_) => Err(ConfigError::NotFound { path }),
            None => Ok(defaults()),
        },
        Err(error) => Err(ConfigError::Read { path, error }),
    }
}

fn defaults() -> Loaded {
    Loaded {
        config: Config::default(),
        path: None,
        warnings: Vec::new(),
    }
}

/// Parses config text as if read from `name`, which error messages and warnings use.
pub fn from_str_named(text: &str, name: &Path) -> Result<Loaded, ConfigError> {
    // Editors on Windows may save a byte-order mark; it is not TOML.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The spanned document both feeds serde and maps an error's span back to a key.
    let doc = toml::de::DeTable::parse(text).map_err(|e| {
        let (partial, _) = toml::de::DeTable::parse_recoverable(text);
        ConfigError::from_toml(&e, text, Some(partial.get_ref()), name)
    })?;
    let mut unknown = Vec::new();
    let config: Config = serde_ignored::deserialize(toml::Deserializer::from(doc.clone()), |p| {
        unknown.push(p.to_string())
    })
    .map_err(|e| ConfigError::from_toml(&e, text, Some(doc.get_ref()), name))?;
    let shown = name.display();
    let mut warnings: Vec<String> = unknown
        .iter()
        .map(|key| {
            let key = context::unknown_key(key);
            format!("unknown key {key} in {shown} (ignored)")
        })
        .collect();
    warnings.extend(
        config
            .keys
            .clashes()
            .into_iter()
            .map(|c| format!("{c} (in {shown})")),
    );
    Ok(Loaded {
        config,
        path: Some(name.to_path_buf()),
        warnings,
    })
}
