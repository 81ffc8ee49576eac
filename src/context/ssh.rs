//! The SSH host a tmux pane is connected to: the `ssh` in the pane's foreground process group,
//! found through `/proc` (Linux), and its destination read off its arguments.
//!
//! The pane's shell knows its terminal's foreground group (`tpgid` in `/proc/PID/stat`); that
//! group's leader is the command line you typed, usually `ssh` itself. When it is something
//! else (`sshpass … ssh host`, `ssh host | tee log` starting with another process), the rest of
//! the group is looked for in `/proc`. Elsewhere than Linux, or when nothing is found,
//! `$RAPPORT_SSH_HOST` is the way to say it.

use std::fs;

/// The host that an `ssh` in the foreground of the pane whose shell is `pane_pid` talks to.
pub fn host_of_pane(pane_pid: u32) -> Option<String> {
    let group = stat_fields(pane_pid)?.tpgid;
    if group == 0 {
        return None;
    }
    if let Some(host) = argv(group).and_then(|a| destination(&a)) {
        return Some(host);
    }
    // Only when the leader is not ssh: one small read per process on the machine.
    let mut members: Vec<u32> = fs::read_dir("/proc")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .filter(|&pid| pid != group && stat_fields(pid).is_some_and(|s| s.pgrp == group))
        .collect();
    members.sort_unstable();
    members
        .into_iter()
        .find_map(|pid| argv(pid).and_then(|a| destination(&a)))
}

struct Stat {
    pgrp: u32,
    tpgid: u32,
}

/// The process group and its terminal's foreground group, from `/proc/PID/stat`. The command
/// name in parentheses may hold spaces and parentheses, so fields are counted after the last `)`.
fn stat_fields(pid: u32) -> Option<Stat> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    // After the name: state, ppid, pgrp, session, tty_nr, tpgid.
    let pgrp = fields.get(2)?.parse().ok()?;
    let tpgid: i64 = fields.get(5)?.parse().ok()?;
    // -1: no controlling terminal.
    Some(Stat {
        pgrp,
        tpgid: u32::try_from(tpgid).ok()?,
    })
}

fn argv(pid: u32) -> Option<Vec<String>> {
    let raw = fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let args: Vec<String> = raw
        .split(|&b| b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    (!args.is_empty()).then_some(args)
}

/// The host of an `ssh` command line (`argv[0]` included), or `None` for anything else.
pub(super) fn destination(argv: &[String]) -> Option<String> {
    let (program, args) = argv.split_first()?;
    if program.rsplit('/').next() != Some("ssh") {
        return None;
    }
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--" {
            return args.next().and_then(|d| host(d));
        }
        let Some(flags) = arg.strip_prefix('-').filter(|f| !f.is_empty()) else {
            return host(arg);
        };
        // Flags may be bundled (`-vt`); the first that takes a value takes the rest of the
        // word (`-p22`) or, when nothing is left, the next word.
        if let Some(at) = flags.find(|c| TAKES_VALUE.contains(c)) {
            if at + 1 == flags.len() {
                args.next();
            }
        }
    }
    None
}

/// ssh's options that take a value (from ssh(1)).
const TAKES_VALUE: &str = "BbcDEeFIiJLlmOoPpQRSWw";

/// The host of a destination: `user@host`, `host`, or `ssh://[user@]host[:port]`.
fn host(destination: &str) -> Option<String> {
    let (uri, rest) = match destination.strip_prefix("ssh://") {
        Some(rest) => (true, rest),
        None => (false, destination),
    };
    let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let host = if let Some(v6) = rest.strip_prefix('[') {
        v6.split(']').next().unwrap_or(v6)
    } else if uri {
        rest.split([':', '/']).next().unwrap_or(rest)
    } else {
        rest
    };
    (!host.is_empty()).then(|| host.to_owned())
}
