//! Leaving the dashboard. `q` quits from the main view only; everywhere else it goes back, as
//! Esc does, so a `q` meant for a view or the help never ends the session by surprise. With a
//! draft waiting or a call on, quitting asks first.

use super::editing::{Confirm, Confirmed};
use super::{App, View};

impl App {
    /// `q` (or an unbound Ctrl-C): back from a detail view or the agenda, else quit.
    pub(super) fn quit_or_back(&mut self) {
        match self.view {
            View::Agenda => self.close_agenda(),
            View::ClientDetail | View::PersonDetail => self.back(),
            View::Browse | View::Welcome => self.ask_quit(),
        }
    }

    /// Quits, after a y/n when a draft or a call would be left behind.
    pub(super) fn ask_quit(&mut self) {
        let (drafts, call) = self.waiting();
        if drafts.is_empty() && call.is_none() {
            self.quit = true;
            return;
        }
        self.overlays.open(Confirm {
            question: quit_question(&drafts, call.as_deref()),
            action: Confirmed::Quit,
        });
    }
}

/// "Quit? The call with Acme ends now. Drafts for Acme, Kaarna stay for next time. y/n"
fn quit_question(drafts: &[String], call: Option<&str>) -> String {
    let mut question = String::from("Quit?");
    if let Some(client) = call {
        question.push_str(&format!(" The call with {client} ends now."));
    }
    match drafts {
        [] => {}
        [one] => question.push_str(&format!(" The draft for {one} stays for next time.")),
        many => question.push_str(&format!(
            " Drafts for {} stay for next time.",
            many.join(", ")
        )),
    }
    question.push_str(" y/n");
    question
}

#[cfg(test)]
mod tests {
    use super::quit_question;

    #[test]
    fn the_question_names_the_call_and_the_drafts() {
        assert_eq!(
            quit_question(&["Acme".into()], None),
            "Quit? The draft for Acme stays for next time. y/n"
        );
        assert_eq!(
            quit_question(&["Acme".into(), "Kaarna".into()], Some("Acme")),
            "Quit? The call with Acme ends now. Drafts for Acme, Kaarna stay for next time. y/n"
        );
    }
}
