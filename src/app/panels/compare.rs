//! The comparison: key figures side by side with the change against the open scenario, every
//! target, and every input that differs, by name, with units and the change. Scrolls both ways.

use crate::app::DecarbApp;
use crate::engine::Projection;
use crate::i18n::tr;
use crate::model::Scenario;
use crate::report::{compare_rows, fmt_change, fmt_target_value};

pub fn compare_ui(ui: &mut egui::Ui, app: &mut DecarbApp, height: f32) {
    let lang = app.lang();
    let units = app.prefs.units;
    if app.compared.is_empty() {
        ui.label(tr(lang, "Compare with…"));
        return;
    }
    let current = app
        .doc
        .file_name()
        .unwrap_or_else(|| app.doc.scenario().meta.name.clone());
    let mut items: Vec<(String, &Scenario, &Projection)> =
        vec![(current, app.doc.scenario(), app.doc.projection())];
    items.extend(
        app.compared
            .iter()
            .map(|c| (c.name.clone(), &c.scenario, &c.projection)),
    );
    ui.label(
        egui::RichText::new(format!(
            "{} — {}",
            tr(lang, "Compare"),
            app.doc.scenario().meta.name
        ))
        .strong(),
    );
    egui::ScrollArea::both()
        .id_salt("compare-scroll")
        .max_height(height - 24.0)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("compare-kpis").striped(true).show(ui, |ui| {
                ui.strong("");
                for (n, s, _) in &items {
                    ui.strong(n).on_hover_text(&s.meta.name);
                }
                for (n, _, _) in &items[1..] {
                    ui.strong(format!("Δ {n} − {}", items[0].0));
                }
                ui.end_row();
                for r in compare_rows(&items, app.doc.metric()) {
                    ui.label(r.label.trim());
                    for v in &r.values {
                        ui.label(match v {
                            Some(x) if r.is_pct => crate::i18n::pct(*x),
                            Some(x) => units.fmt(*x),
                            None => "n/a".into(),
                        });
                    }
                    for v in &r.values[1..] {
                        ui.label(fmt_change(r.values[0], *v, r.is_pct, units));
                    }
                    ui.end_row();
                }
                let mut labels: Vec<String> = Vec::new();
                for (_, s, _) in &items {
                    for t in &s.targets {
                        if !labels.contains(&t.label) {
                            labels.push(t.label.clone());
                        }
                    }
                }
                let results: Vec<&[crate::engine::targets::TargetResult]> =
                    std::iter::once(app.doc.results())
                        .chain(app.compared.iter().map(|c| c.results.as_slice()))
                        .collect();
                for l in &labels {
                    ui.label(l);
                    for r in &results {
                        ui.label(r.iter().find(|x| &x.label == l).map_or("—".into(), |x| {
                            format!(
                                "{} {}",
                                fmt_target_value(x.unit, x.value, units),
                                tr(lang, if x.met { "met" } else { "missed" })
                            )
                        }));
                    }
                    ui.end_row();
                }
            });
            let year = app.doc.focus_year();
            for (name, s, _) in &items[1..] {
                ui.separator();
                ui.strong(format!(
                    "{}: {} → {name}",
                    tr(lang, "Inputs and levers that differ"),
                    items[0].0
                ));
                let d = crate::model::diff::diff(items[0].1, s);
                if d.is_empty() {
                    ui.label(tr(lang, "No differences"));
                    continue;
                }
                egui::Grid::new(("compare-diff", name.as_str()))
                    .striped(true)
                    .show(ui, |ui| {
                        for h in ["Item", "Field", &items[0].0, name, "Δ"] {
                            ui.strong(tr_any(lang, h));
                        }
                        ui.end_row();
                        for x in d {
                            ui.label(&x.item).on_hover_text(&x.path);
                            ui.label(&x.field);
                            ui.label(x.a_text());
                            ui.label(x.b_text());
                            ui.label(x.delta(year).map_or(String::new(), |(t, p)| match p {
                                Some(p) => format!("{t} ({})", crate::i18n::pct(p)),
                                None => t,
                            }));
                            ui.end_row();
                        }
                    });
            }
        });
}

fn tr_any(lang: crate::i18n::Lang, s: &str) -> String {
    match s {
        "Item" => tr(lang, "Item").to_string(),
        "Field" => tr(lang, "Field").to_string(),
        other => other.to_string(),
    }
}
