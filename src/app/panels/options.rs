//! The options row: the one metric (scopes, Scope 2 method, credits; presets from the targets),
//! the lower view and the units.

use super::Lower;
use crate::app::Prefs;
use crate::app::commands::Command;
use crate::app::document::Document;
use crate::engine::Metric;
use crate::explain::metric_label;
use crate::i18n::tr;
use crate::model::{Scope, Scope2Method};
use crate::units::Units;

/// Draws the row; returns a metric change.
pub fn options_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    prefs: &mut Prefs,
    has_compare: bool,
) -> Option<Command> {
    let lang = prefs.lang;
    let current = doc.metric().clone();
    let mut m = current.clone();
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(tr(lang, "Metric")).strong());
        // Presets: each target's metric, then the common ones.
        let mut presets: Vec<(String, Metric)> = Vec::new();
        for t in &doc.scenario().targets {
            let tm = Metric::of_target(t);
            if !presets.iter().any(|p| p.1 == tm) {
                presets.push((format!("{} {}", tr(lang, "as target"), t.label), tm));
            }
        }
        for scopes in [
            vec![Scope::Scope1, Scope::Scope2],
            vec![Scope::Scope1, Scope::Scope2, Scope::Scope3],
            vec![Scope::Scope3],
        ] {
            let pm = Metric {
                scopes,
                method: Scope2Method::Market,
                credits: false,
            };
            if !presets.iter().any(|p| p.1 == pm) {
                presets.push((metric_label(&pm, lang), pm));
            }
        }
        let r = egui::ComboBox::from_id_salt("metric-preset")
            .selected_text(metric_label(&m, lang))
            .width(260.0)
            .show_ui(ui, |ui| {
                for (name, pm) in &presets {
                    ui.selectable_value(&mut m, pm.clone(), name);
                }
            });
        crate::app::widgets::name_it(ui, &r.response, tr(lang, "Metric"));
        for (scope, name) in [
            (Scope::Scope1, "S1"),
            (Scope::Scope2, "S2"),
            (Scope::Scope3, "S3"),
        ] {
            let mut on = m.has(scope);
            if ui
                .checkbox(&mut on, name)
                .on_hover_text(tr(lang, "Covered scopes"))
                .changed()
            {
                m.set(scope, on);
            }
        }
        if m.has(Scope::Scope2) {
            let mut loc = m.method == Scope2Method::Location;
            if ui.checkbox(&mut loc, tr(lang, "location-based S2")).changed() {
                m.method = if loc {
                    Scope2Method::Location
                } else {
                    Scope2Method::Market
                };
            }
        }
        ui.checkbox(&mut m.credits, tr(lang, "net of credits"));
        ui.separator();
        let c = &mut prefs.chart;
        let stacked = c.lower == Lower::Stacked;
        if ui
            .radio(stacked && !c.stack_by_site, tr(lang, "By source"))
            .clicked()
        {
            c.lower = Lower::Stacked;
            c.stack_by_site = false;
        }
        if ui
            .radio(stacked && c.stack_by_site, tr(lang, "By site"))
            .clicked()
        {
            c.lower = Lower::Stacked;
            c.stack_by_site = true;
        }
        ui.radio_value(&mut c.lower, Lower::Wedges, tr(lang, "Wedges"));
        ui.radio_value(&mut c.lower, Lower::Bridge, tr(lang, "Bridge"));
        ui.radio_value(&mut c.lower, Lower::Factors, tr(lang, "Factors"));
        ui.radio_value(&mut c.lower, Lower::Cost, tr(lang, "Cost"));
        ui.radio_value(&mut c.lower, Lower::Uncertainty, tr(lang, "Uncertainty"));
        if has_compare {
            ui.radio_value(&mut c.lower, Lower::Compare, tr(lang, "Compare"));
        }
        ui.separator();
        for u in Units::ALL {
            ui.radio_value(&mut prefs.units, u, u.label());
        }
    });
    (m != current && !m.scopes.is_empty()).then_some(Command::SetMetric(m))
}
