//! The menu bar, keyboard shortcuts and dropped files: each emits commands.

use super::commands::{Command, ExportKind};
use super::{DecarbApp, Lang};
use crate::i18n::tr;
use crate::units::Units;

/// Ctrl+Z / Ctrl+Shift+Z / Ctrl+S / Ctrl+O / Ctrl+N and files dropped on the window.
pub fn shortcuts(app: &mut DecarbApp, ctx: &egui::Context) {
    use egui::{Key, KeyboardShortcut, Modifiers};
    let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
    let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
    let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
    let new = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
    // A text field being edited keeps its own undo and keys.
    let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        if i.consume_shortcut(&redo) {
            out.push(Command::Redo);
        } else if !typing && i.consume_shortcut(&undo) {
            out.push(Command::Undo);
        }
        if i.consume_shortcut(&save) {
            out.push(Command::Save);
        }
        if i.consume_shortcut(&open) {
            out.push(Command::Open);
        }
        if i.consume_shortcut(&new) {
            out.push(Command::New);
        }
    });
    let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    if let Some(p) = dropped
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
    {
        out.push(Command::OpenPath(p));
    }
    for c in out {
        app.command(c);
    }
}

pub fn menu_ui(app: &mut DecarbApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    let mut out: Vec<Command> = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(tr(lang, "File"), |ui| {
            if ui.button(tr(lang, "New")).clicked() {
                out.push(Command::New);
            }
            if ui.button(tr(lang, "New company…")).clicked() {
                out.push(Command::Inventory(super::inventory::InventoryCommand::NewCompany));
            }
            if ui.button(tr(lang, "Open…")).clicked() {
                out.push(Command::Open);
            }
            ui.menu_button(tr(lang, "Open recent"), |ui| {
                if app.prefs.recent.is_empty() {
                    ui.label(tr(lang, "(none)"));
                }
                for p in &app.prefs.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        out.push(Command::OpenPath(p.clone()));
                    }
                }
            });
            if ui.button(tr(lang, "Save")).clicked() {
                out.push(Command::Save);
            }
            if ui.button(tr(lang, "Save As…")).clicked() {
                out.push(Command::SaveAs);
            }
            ui.separator();
            ui.menu_button(tr(lang, "Import"), |ui| {
                if ui.button(tr(lang, "Inventory workbook (.xlsx)…")).clicked() {
                    out.push(Command::Import);
                }
                if ui.button(tr(lang, "Folder of inventory CSV files…")).clicked() {
                    out.push(Command::ImportFolder);
                }
                if ui.button(tr(lang, "Save the empty workbook to fill…")).clicked() {
                    out.push(Command::SaveWorkbookTemplate);
                }
            });
            ui.separator();
            if ui.button(tr(lang, "Compare with…")).clicked() {
                out.push(Command::CompareWith);
            }
            if ui
                .add_enabled(
                    !app.compared.is_empty(),
                    egui::Button::new(tr(lang, "Close comparison")),
                )
                .clicked()
            {
                out.push(Command::ClearCompare);
            }
            ui.separator();
            ui.menu_button(tr(lang, "Export"), |ui| {
                for (label, kind) in [
                    ("HTML report…", ExportKind::Html),
                    ("XLSX workbook…", ExportKind::Xlsx),
                    ("CSV of each chart…", ExportKind::Csv),
                    ("PNG of the charts…", ExportKind::Png),
                ] {
                    if ui.button(tr(lang, label)).clicked() {
                        out.push(Command::Export(kind));
                    }
                }
            });
            ui.separator();
            if ui.button(tr(lang, "Quit")).clicked() {
                out.push(Command::Quit);
            }
        });
        ui.menu_button(tr(lang, "Edit"), |ui| {
            if ui.button(tr(lang, "Inventory…")).clicked() {
                out.push(Command::Inventory(super::inventory::InventoryCommand::Open));
            }
            ui.separator();
            if ui
                .add_enabled(app.doc.can_undo(), egui::Button::new(tr(lang, "Undo")))
                .clicked()
            {
                out.push(Command::Undo);
            }
            if ui
                .add_enabled(app.doc.can_redo(), egui::Button::new(tr(lang, "Redo")))
                .clicked()
            {
                out.push(Command::Redo);
            }
            if ui
                .add_enabled(
                    app.doc.is_dirty(),
                    egui::Button::new(tr(lang, "Reset all levers to saved")),
                )
                .clicked()
            {
                out.push(Command::ResetAll);
            }
        });
        ui.menu_button(tr(lang, "Plan"), |ui| {
            if ui.button(tr(lang, "Goal seek…")).clicked() {
                out.push(Command::OpenGoalSeek);
            }
            if ui.button(tr(lang, "New target from template…")).clicked() {
                out.push(Command::OpenTemplate);
            }
        });
        ui.menu_button(tr(lang, "View"), |ui| {
            ui.checkbox(&mut app.review, tr(lang, "Review mode"));
            ui.checkbox(&mut app.prefs.dark, tr(lang, "Dark theme"));
            ui.separator();
            ui.label(tr(lang, "Language"));
            ui.radio_value(&mut app.prefs.lang, Lang::En, "English");
            ui.radio_value(&mut app.prefs.lang, Lang::Ja, "日本語");
            ui.separator();
            ui.label(tr(lang, "Units"));
            for u in Units::ALL {
                ui.radio_value(&mut app.prefs.units, u, u.label());
            }
        });
    });
    for c in out {
        app.command(c);
    }
}
