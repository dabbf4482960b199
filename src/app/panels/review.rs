//! Review mode's summary: where the plan lands, each target met or missed, the largest
//! contributions against BAU and the model against reported actuals, in the UI language.

use crate::app::document::Document;
use crate::i18n::{Lang, tr};
use crate::units::Units;

pub fn review_ui(ui: &mut egui::Ui, doc: &Document, lang: Lang, units: Units) {
    let s = doc.scenario();
    ui.heading(tr(lang, "Summary"));
    ui.label(egui::RichText::new(&s.meta.name).strong());
    egui::ScrollArea::vertical().show(ui, |ui| {
        // The planner's notes first: what the scenario assumes.
        if !s.notes.trim().is_empty() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(egui::RichText::new(tr(lang, "Notes")).strong());
                ui.label(&s.notes);
            });
            ui.add_space(4.0);
        }
        match doc.analysis_if_ready() {
            Some(a) => {
                for line in crate::report::review_text(
                    s,
                    doc.projection(),
                    doc.results(),
                    &a.wedges,
                    &a.metric,
                    lang,
                    units,
                ) {
                    ui.label(line);
                }
            }
            None => {
                ui.spinner();
            }
        }
        if !s.meta.description.is_empty() {
            ui.separator();
            ui.label(&s.meta.description);
        }
    });
}
