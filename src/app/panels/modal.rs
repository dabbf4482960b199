//! Dialogs over the window: errors of a failed open or save, Save / Discard / Cancel before
//! losing unsaved work, and the path field used where no native save dialog is available.

use crate::app::commands::{self, Command, SavePurpose};
use crate::app::{DecarbApp, Modal};
use crate::i18n::tr;
use std::path::PathBuf;

enum Action {
    None,
    Close,
    Recover(bool),
    Then(Command, bool),
    Path(SavePurpose, PathBuf),
}

pub fn modal_ui(app: &mut DecarbApp, ctx: &egui::Context) {
    let lang = app.lang();
    let Some(modal) = app.modal.as_mut() else { return };
    let mut action = Action::None;
    egui::Modal::new(egui::Id::unique("decarb-modal")).show(ctx, |ui| match modal {
        Modal::Errors { title, lines } => {
            ui.heading(tr(lang, title));
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for l in lines.iter() {
                    ui.label(l);
                }
            });
            if title.starts_with("Could not open") {
                ui.label(tr(lang, "The current scenario is unchanged."));
            }
            if ui.button(tr(lang, "OK")).clicked() {
                action = Action::Close;
            }
        }
        Modal::Unsaved { then } => {
            ui.heading(tr(lang, "Unsaved changes"));
            ui.label(tr(lang, "Save changes before closing?"));
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "Save")).clicked() {
                    action = Action::Then(then.clone(), true);
                }
                if ui.button(tr(lang, "Discard")).clicked() {
                    action = Action::Then(then.clone(), false);
                }
                if ui.button(tr(lang, "Cancel")).clicked() {
                    action = Action::Close;
                }
            });
        }
        Modal::Recover(o) => {
            ui.heading(tr(lang, "Recover unsaved changes?"));
            let name = o.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                || tr(lang, "untitled").to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.label(format!(
                "{} {name} — {} {}?",
                tr(lang, "Recover unsaved changes to"),
                tr(lang, "from"),
                o.when
            ));
            ui.label(tr(
                lang,
                "Decarb Planner did not close normally. What differs from the saved file:",
            ));
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                for d in o.differences.iter().take(200) {
                    ui.label(d);
                }
                if o.differences.len() > 200 {
                    ui.label(format!("… {}", o.differences.len() - 200));
                }
            });
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "Recover")).clicked() {
                    action = Action::Recover(true);
                }
                if ui.button(tr(lang, "Discard")).clicked() {
                    action = Action::Recover(false);
                }
            });
        }
        Modal::PathInput { purpose, text } => {
            ui.heading(tr(lang, "Save to"));
            ui.label(tr(
                lang,
                "No file dialog is available here: type the path of the file.",
            ));
            let r = ui.add(egui::TextEdit::singleline(text).desired_width(520.0));
            crate::app::widgets::name_it(ui, &r, tr(lang, "File path"));
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "Save")).clicked() || enter {
                    let p = PathBuf::from(text.trim());
                    if !text.trim().is_empty() {
                        action = Action::Path(purpose.clone(), p);
                    }
                }
                if ui.button(tr(lang, "Cancel")).clicked() {
                    action = Action::Close;
                }
            });
        }
    });
    match action {
        Action::None => {}
        Action::Close => app.modal = None,
        Action::Recover(take) => {
            if let Some(Modal::Recover(o)) = app.modal.take() {
                if take {
                    app.recover(*o);
                } else {
                    crate::app::recovery::forget(&o.file);
                }
            }
        }
        Action::Then(c, save) => {
            app.modal = None;
            if save {
                commands::save_then(app, ctx, c);
            } else {
                commands::apply_confirmed(app, ctx, c);
            }
        }
        Action::Path(purpose, p) => {
            app.modal = None;
            commands::path_entered(app, ctx, purpose, p);
        }
    }
}
