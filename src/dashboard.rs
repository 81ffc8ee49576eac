//! The dashboard's loop: asleep until input, a resize, a signal or the next minute; then one
//! update and one draw. No tick, so an idle dashboard costs nothing.

use crate::app::mouse::Hits;
use crate::app::{App, Env};
use crate::config::Config;
use crate::event::{to_key_spec, to_mouse, Events, Input, Stopped};
use crate::socket::{self, Remote, Touched};
use crate::store::StoreError;
use crate::store::{Overview, Reserved, StoreOptions};
use crate::store_process::StoreProcess;
use crate::tui::{self, Tui};
use crate::ui::{self, Theme};
use anyhow::{anyhow, Result};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use timers::{earliest, Timers};

mod timers;

/// The dashboard on the store in `data_dir`, until quit, a hang-up or a signal.
pub fn run(config: &Config, data_dir: &Path, store_options: &StoreOptions) -> Result<()> {
    // A dashboard that answers on its socket is running, or closing down a moment ago (as
    // when a pane is respawned): its lock decides, before the screen changes.
    let reserved = match Remote::connect(data_dir) {
        Some(running) => Some(
            Reserved::take_patiently(data_dir, Duration::from_millis(500)).map_err(
                |e| match e {
                    StoreError::Locked { .. } => already_running(&running),
                    e => e.into(),
                },
            )?,
        ),
        None => None,
    };
    let overview = Overview::load(data_dir);
    tui::install_panic_hook();
    // Raw mode first, so the input thread never reads keys in cooked mode.
    let mut terminal = Tui::enter(config.ui.mouse)?;
    let events = Events::catch_signals()?;
    let theme = Theme::new(&config.colors);
    let view = ui::Look {
        theme: &theme,
        keys: &config.keys,
    };
    // The first frame comes from the overview file; the database, whose open time grows with
    // its size, is opened behind it and the screen redrawn from it.
    let early = match &overview {
        Some(overview) => {
            let env = Env {
                store: overview,
                dir: data_dir,
                config,
                now: crate::when::now()?,
            };
            let app = App::early(overview, &env, usize::from(terminal.size().1))?;
            terminal.draw(|frame| ui::draw(frame, &app, &view))?;
            Some(app)
        }
        None => None,
    };
    let events = events.start()?;
    // Otherwise the lock is taken behind the first frame (the schema is checked with it).
    let reserved = match reserved {
        Some(reserved) => reserved,
        None => Reserved::take_patiently(data_dir, Duration::from_secs(2))
            .map_err(|e| already_open(data_dir, e))?,
    };
    let store = Arc::new(StoreProcess::spawn(reserved, store_options)?);
    let ended = events.sender();
    store.on_end(move || {
        let _ = ended.send(Input::StoreEnded);
    });
    // What the socket's writes touched since the loop last looked: a burst of notes from
    // other commands is one redraw of their clients.
    let touched: Arc<Mutex<Option<Touched>>> = Arc::default();
    let (changed, noted) = (events.sender(), touched.clone());
    let serving = socket::serve(data_dir, store.clone(), move |more| {
        let mut noted = noted.lock().unwrap_or_else(|e| e.into_inner());
        *noted = Some(match noted.take() {
            Some(before) => before.and(more),
            None => more,
        });
        let _ = changed.send(Input::StoreChanged);
    })?;
    let store = &*store;
    let env = || -> Result<Env<'_>> {
        Ok(Env {
            store,
            dir: data_dir,
            config,
            now: crate::when::now()?,
        })
    };
    let mut app = match early {
        Some(mut app) => {
            app.reload(&env()?)?;
            app
        }
        None => App::load(&env()?)?,
    };
    let mut signal = None;
    // Why the store is gone for good, if it is: the dashboard then ends and lets go of it.
    let mut lost = None;
    // Where the frame on screen put its panes and rows: what a click is looked up in.
    let mut hits = Hits::default();
    app.restore_drafts(&env()?)?;
    let mut timers = Timers::default();
    crate::event::LISTENING.store(true, std::sync::atomic::Ordering::SeqCst);
    // Whether the screen may be out of date: after any input, not after a wake-up that only
    // paused the store process (an idle dashboard writes nothing).
    let mut redraw = true;
    while !app.quit {
        if redraw {
            terminal.draw(|frame| hits = ui::draw_mapped(frame, &app, &view))?;
            // How much of a scrolled text showed: what the next scrolling key goes by.
            app.drawn(&hits);
        }
        redraw = true;
        // A filtered timeline still reading on wants the next step as soon as no key waits.
        let deadline = if app.filtering() {
            Some(Instant::now())
        } else {
            earliest(
                timers.deadline(&app, env()?.now, Instant::now()),
                store.pause_due(),
            )
        };
        let Some(first) = events.next_until(deadline) else {
            let filtering = app.filtering();
            redraw = timers.fire(&mut app, &env()?, Instant::now()) || filtering;
            app.filter_more(&env()?)?;
            store.pause_if_idle(Instant::now());
            continue;
        };
        for input in events.drain_coalesced(first) {
            let env = env()?;
            match input {
                // Which overlay or action a key or a paste is for is `App`'s to say.
                Input::Key(key) => {
                    if let Some(spec) = to_key_spec(&key) {
                        app.key(spec, &env)?;
                    }
                }
                Input::Paste(text) => app.paste(&text, &env)?,
                Input::Minute => app.tick(&env)?,
                // A call may have restarted it first; either way the user hears of it once.
                Input::StoreEnded => match store.revive() {
                    Ok(()) => app.message = store.news().or(app.message.take()),
                    Err(e) => {
                        lost = Some(e);
                        app.quit = true;
                        break;
                    }
                },
                Input::StoreChanged => {
                    let touched = touched.lock().unwrap_or_else(|e| e.into_inner()).take();
                    match touched {
                        Some(Touched::Clients(ids)) => {
                            app.refresh(&ids.into_iter().collect::<Vec<_>>(), &env)?
                        }
                        Some(Touched::All) => app.reload(&env)?,
                        None => {}
                    }
                }
                // Leave at once, without drawing: the terminal may be gone, and only the
                // process exit stops crossterm's reader on a closed terminal.
                Input::Quit(reason) => {
                    app.quit = true;
                    signal = reason.signal();
                    break;
                }
                Input::Mouse(event) => {
                    if let Some(mouse) = to_mouse(&event) {
                        app.mouse(mouse, &hits, &env)?;
                    }
                }
                Input::Resize(..) | Input::Wake => {}
            }
        }
        timers.after_inputs(&app, Instant::now());
    }
    // Whatever was typed since the last draft write, before anything else can fail.
    app.write_draft(&env()?);
    drop(terminal);
    // Stop answering first: a dashboard started now must not take this one for running.
    drop(serving);
    if let Some(lost) = lost {
        return Err(lost.into());
    }
    save_overview(&app, &env()?);
    // A hung-up terminal is a normal end; a signal is reported in the exit status.
    match signal {
        Some(signal) => Err(Stopped(signal).into()),
        None => Ok(()),
    }
}

/// A second dashboard on the same store: name the running one, whose socket answers.
fn already_open(data_dir: &Path, error: StoreError) -> anyhow::Error {
    // On the dashboard's screen: a socket not used is not worth a line there.
    match (&error, Remote::find(data_dir)) {
        (StoreError::Locked { .. }, Ok(Some(running))) => already_running(&running),
        _ => error.into(),
    }
}

fn already_running(running: &Remote) -> anyhow::Error {
    anyhow!(
        "rapport is already open on this store ({}).\nSwitch to that one; from any other \
         terminal, `rapport note CLIENT \"…\"` and the other commands reach it.",
        running.hello.describe()
    )
}

/// Leaves the overview for the next start's first frame. Best effort: without it the next
/// start is only slower.
fn save_overview(app: &App, env: &Env) {
    let focus = app.current().map(|row| row.client.id);
    let clients: Vec<_> = app
        .clients
        .iter()
        .map(|r| (&r.client, &r.summary))
        .collect();
    if let Ok(overview) = Overview::capture(env.store, &clients, focus, env.now) {
        let _ = overview.save(env.dir);
    }
}
