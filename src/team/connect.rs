//! Reaching the server: a libpq connection string or URI (Unix-socket hosts, several hosts
//! with `target_session_attrs=read-write`) read by the `postgres` crate, and the password from
//! `PGPASSWORD` or the password file (`PGPASSFILE`, else `~/.pgpass`), as libpq finds it. A
//! password written in the connection string is refused: the string is on the command line,
//! so in the shell's history and in `ps`, and it is kept in the team file.
//!
//! No TLS yet (`NoTls`): `sslmode=require` is refused by the client, and the default
//! (`prefer`) talks in the clear. Fine on a Unix socket or a private network; TLS (rustls)
//! is the next step (see `team.rs`).

use anyhow::{bail, Context, Result};
use postgres::config::Host;
use postgres::{Client, Config, NoTls};
use std::path::PathBuf;
use std::time::Duration;

/// How long a connection attempt may take before sync says the server is unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The connection settings of `url`, with the password found beside it.
pub fn config(url: &str) -> Result<Config> {
    let mut config: Config = url
        .parse()
        .with_context(|| format!("reading the connection string {url:?}"))?;
    if config.get_password().is_some() {
        bail!(
            "the connection string holds a password; leave it out and put it in PGPASSWORD or \
             ~/.pgpass (lines host:port:database:user:password, mode 0600)"
        );
    }
    if config.get_user().is_none() {
        if let Ok(user) = std::env::var("USER") {
            config.user(&user);
        }
    }
    if config.get_application_name().is_none() {
        config.application_name("rapport");
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if let Some(password) = password(&config)? {
        config.password(password);
    }
    Ok(config)
}

pub fn connect(url: &str) -> Result<Client> {
    config(url)?
        .connect(NoTls)
        .with_context(|| format!("connecting to {url}"))
}

fn password(config: &Config) -> Result<Option<String>> {
    if let Ok(password) = std::env::var("PGPASSWORD") {
        return Ok(Some(password));
    }
    let Some(path) = passfile() else {
        return Ok(None);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    // As libpq: a password file others can read is ignored (and said).
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path)?.permissions().mode();
    if mode & 0o077 != 0 {
        eprintln!(
            "warning: {} can be read by others (chmod 0600 it); it is ignored",
            path.display()
        );
        return Ok(None);
    }
    let user = config.get_user().unwrap_or_default();
    let dbname = config.get_dbname().unwrap_or(user);
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|host| match host {
            Host::Tcp(name) => name.clone(),
            // libpq matches a Unix-socket connection as `localhost`.
            Host::Unix(_) => "localhost".into(),
        })
        .collect();
    Ok(text.lines().find_map(|line| {
        let fields = pgpass_fields(line)?;
        let matches = |pattern: &str, value: &str| pattern == "*" || pattern == value;
        let host_ok = hosts.iter().any(|h| matches(&fields[0], h))
            || (hosts.is_empty() && matches(&fields[0], "localhost"));
        (host_ok
            && matches(&fields[1], &port)
            && matches(&fields[2], dbname)
            && matches(&fields[3], user))
        .then(|| fields[4].clone())
    }))
}

fn passfile() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PGPASSFILE") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".pgpass"))
}

/// The five fields of a password file line (`\:` and `\\` escaped); `None` for a comment or a
/// line that has not five.
fn pgpass_fields(line: &str) -> Option<Vec<String>> {
    if line.starts_with('#') || line.trim().is_empty() {
        return None;
    }
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.push(chars.next().unwrap_or('\\')),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_connection_string_is_refused() {
        let error = config("host=/tmp user=anna password=hunter2").unwrap_err();
        assert!(error.to_string().contains("PGPASSWORD"), "{error}");
        let error = config("postgresql://anna:hunter2@db.example/team").unwrap_err();
        assert!(error.to_string().contains("PGPASSWORD"), "{error}");
    }

    #[test]
    fn password_file_lines_are_read_as_libpq_reads_them() {
        assert_eq!(
            pgpass_fields("db.example:5432:*:anna:a\\:b\\\\c:d"),
            Some(vec![
                "db.example".into(),
                "5432".into(),
                "*".into(),
                "anna".into(),
                "a:b\\c:d".into()
            ])
        );
        assert_eq!(pgpass_fields("# a comment"), None);
        assert_eq!(pgpass_fields("too:few:fields"), None);
    }
}
