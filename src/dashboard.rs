//! The dashboard's loop: asleep until input, a resize, a signal or the next minute; then one
//! update and one draw. No tick, so an idle dashboard costs nothing.

use crate::app::mouse::Hits;
use crate::app::{App, Env, View};
use crate::cli::Ctx;
use crate::config::{Action, KeyCode};
use crate::event::{to_key_spec, to_mouse, Events, Input, Stopped};
use crate::tui::{self, Tui};
use crate::ui::{self, Theme};
use anyhow::Result;

pub fn run(ctx: &Ctx) -> Result<()> {
    let store = ctx.open_store()?;
    tui::install_panic_hook();
    // Raw mode first, so the input thread never reads keys in cooked mode.
    let mut terminal = Tui::enter(ctx.config.ui.mouse)?;
    let events = Events::start()?;
    let theme = Theme::new(&ctx.config.colors);
    let view = ui::Ctx {
        theme: &theme,
        keys: &ctx.config.keys,
    };
    let env = || -> Result<Env<'_>> {
        Ok(Env {
            store: &store,
            config: &ctx.config,
            now: crate::cli::now()?,
        })
    };
    let mut app = App::load(&env()?)?;
    let mut signal = None;
    // Where the frame on screen put its panes and rows: what a click is looked up in.
    let mut hits = Hits::default();
    while !app.quit {
        terminal.draw(|frame| hits = ui::draw_mapped(frame, &app, &view))?;
        let first = events.next();
        for input in events.drain_coalesced(first) {
            let env = env()?;
            match input {
                // A form or question takes every key, `q` and `j` included: they are text there.
                Input::Key(key) if app.modal() => {
                    if let Some(spec) = to_key_spec(&key) {
                        app.form_key(spec, &env)?;
                    }
                }
                Input::Paste(text) => app.paste(&text),
                Input::Key(key) => {
                    if let Some(spec) = to_key_spec(&key) {
                        match (app.view, ctx.config.keys.action_for(&spec)) {
                            (View::Welcome, Some(Action::Demo)) => load_demo(&mut app, &env)?,
                            (_, Some(action)) => app.act(action, &env)?,
                            // Ctrl-C in raw mode arrives as a key, not a signal.
                            (_, None) if spec.ctrl && spec.code == KeyCode::Char('c') => {
                                app.quit = true
                            }
                            // Help says "any key closes", unbound keys included.
                            (_, None) if app.help => app.help = false,
                            (_, None) => {}
                        }
                    }
                }
                Input::Minute => app.tick(&env)?,
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
    }
    drop(terminal);
    // A hung-up terminal is a normal end; a signal is reported in the exit status.
    match signal {
        Some(signal) => Err(Stopped(signal).into()),
        None => Ok(()),
    }
}

fn load_demo(app: &mut App, env: &Env) -> Result<()> {
    let (clients, people, events) = crate::cli::demo::load_demo(env.store, env.config, env.now)?;
    app.reload(env)?;
    app.message = Some(format!(
        "demo loaded: {clients} clients, {people} people, {events} events"
    ));
    Ok(())
}
