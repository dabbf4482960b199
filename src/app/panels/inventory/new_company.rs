//! File → New company…: the company's name, years, currency and grid regions (Japan's factor
//! path pre-filled from the shipped data, marked as an assumption); then the inventory window
//! opens on an empty site list. Or import a filled workbook instead.

use crate::app::DecarbApp;
use crate::app::commands::Command;
use crate::app::inventory::InventoryCommand;
use crate::i18n::tr;

pub fn new_company_ui(app: &mut DecarbApp, ctx: &egui::Context, out: &mut Vec<Command>) {
    let lang = app.lang();
    let Some(form) = app.inventory.new_company.as_mut() else {
        return;
    };
    egui::Window::new(tr(lang, "New company"))
        .id(egui::Id::unique("new-company"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            egui::Grid::new("new-company-grid")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let text = |ui: &mut egui::Ui, v: &mut String, name: &str, w: f32| {
                        let r = ui.add(egui::TextEdit::singleline(v).desired_width(w));
                        crate::app::widgets::name_it(ui, &r, name);
                    };
                    ui.label(tr(lang, "Scenario name"));
                    text(ui, &mut form.name, "company name", 320.0);
                    ui.end_row();
                    ui.label(tr(lang, "Company"));
                    text(ui, &mut form.organisation, "organisation", 320.0);
                    ui.end_row();
                    ui.label(tr(lang, "Base year (inventory)"));
                    let r = ui.add(
                        egui::DragValue::new(&mut form.base_year)
                            .range(1990..=2100)
                            .prefix("FY"),
                    );
                    crate::app::widgets::name_it(ui, &r, "base year");
                    ui.end_row();
                    ui.label(tr(lang, "Last year"));
                    let r = ui.add(
                        egui::DragValue::new(&mut form.last_year)
                            .range(1990..=2150)
                            .prefix("FY"),
                    );
                    crate::app::widgets::name_it(ui, &r, "last year");
                    ui.end_row();
                    ui.label(tr(lang, "Currency"));
                    text(ui, &mut form.currency, "currency", 80.0);
                    ui.end_row();
                    ui.label(tr(lang, "Grid regions"));
                    ui.vertical(|ui| {
                        ui.checkbox(
                            &mut form.japan,
                            tr(
                                lang,
                                "Japan (adjusted factor path of the shipped data, marked as an assumption)",
                            ),
                        );
                        ui.label(tr(
                            lang,
                            "Other regions, one per line (their factor is entered next):",
                        ));
                        let r = ui.add(
                            egui::TextEdit::multiline(&mut form.others)
                                .desired_rows(2)
                                .desired_width(320.0),
                        );
                        crate::app::widgets::name_it(ui, &r, "other regions");
                    });
                    ui.end_row();
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "Create")).clicked() {
                    out.push(Command::Inventory(InventoryCommand::CreateCompany));
                }
                if ui.button(tr(lang, "Import a workbook instead…")).clicked() {
                    out.push(Command::Inventory(InventoryCommand::CancelNewCompany));
                    out.push(Command::Import);
                }
                if ui.button(tr(lang, "Cancel")).clicked() {
                    out.push(Command::Inventory(InventoryCommand::CancelNewCompany));
                }
            });
        });
}
