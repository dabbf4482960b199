//! The lower view: the metric by source or by site, the wedges against BAU, the bridge and the
//! factor analysis. Each states its metric in its heading.

use super::{Lower, plot, trajectory::heading};
use crate::app::DecarbApp;
use crate::app::commands::Command;
use crate::app::widgets::year_field;
use crate::engine::factors;
use crate::i18n::{Lang, fy, tr};
use crate::units::Units;

pub fn lower_ui(ui: &mut egui::Ui, app: &mut DecarbApp, height: f32) -> Option<Command> {
    let lang = app.lang();
    let units = app.prefs.units;
    let name = app.doc.scenario().meta.name.clone();
    let mut out = None;
    match app.prefs.chart.lower {
        Lower::Stacked => {
            let (s, p, m) = (app.doc.scenario(), app.doc.projection(), app.doc.metric());
            let c = if app.prefs.chart.stack_by_site {
                crate::charts::by_site(s, p, m, lang)
            } else {
                crate::charts::by_source(p, m, lang)
            };
            ui.label(egui::RichText::new(heading(&c.title, &c.metric, &name)).strong());
            let id = if app.prefs.chart.stack_by_site {
                "by-site"
            } else {
                "by-source"
            };
            plot::stack_chart_ui(ui, id, &c, units, lang, &mut app.ui.hidden, height - 24.0);
        }
        Lower::Wedges => {
            let Some(a) = app.doc.analysis_if_ready() else {
                ui.spinner();
                return None;
            };
            let c = crate::charts::wedges(&a.projection, &a.wedges, &a.runs.groups, &a.metric, lang);
            ui.label(egui::RichText::new(heading(&c.title, &c.metric, &name)).strong());
            plot::stack_chart_ui(ui, "wedges", &c, units, lang, &mut app.ui.hidden, height - 24.0);
        }
        Lower::Bridge => {
            out = years_row(ui, app, lang);
            let (from, to) = (app.doc.view.from_year, app.doc.view.to_year);
            let s = app.doc.scenario();
            let Some(a) = app.doc.analysis_if_ready() else {
                ui.spinner();
                return out;
            };
            match a.bridge(s, from, to) {
                Ok(b) => {
                    let c = crate::charts::bridge(&b, &a.results, &a.metric, lang, units);
                    ui.label(egui::RichText::new(heading(&c.title, &c.metric, &name)).strong());
                    plot::bridge_chart_ui(ui, &c, units, height - 60.0);
                }
                Err(e) => {
                    ui.colored_label(egui::Color32::from_rgb(200, 50, 40), e);
                }
            }
        }
        Lower::Factors => {
            out = years_row(ui, app, lang);
            let (from, to) = (app.doc.view.from_year, app.doc.view.to_year);
            ui.label(
                egui::RichText::new(format!(
                    "{} {} → {} — {} — {name}",
                    tr(lang, "Factors"),
                    fy(lang, from),
                    fy(lang, to),
                    tr(lang, "Scope 1+2 (market), gross: the association's decomposition")
                ))
                .strong(),
            );
            let f = factors::analyse(app.doc.scenario(), app.doc.projection(), from, to);
            factors_ui(ui, &f, lang, units);
        }
        Lower::Cost => {
            let Some(a) = app.doc.analysis_if_ready() else {
                ui.spinner();
                return None;
            };
            let s = app.doc.scenario();
            super::cost::cost_ui(ui, s, a, &mut app.prefs.chart, lang, units, &name, height);
        }
        Lower::Uncertainty => {
            let commands = super::uncertainty::uncertainty_ui(ui, app, height);
            let mut it = commands.into_iter();
            out = it.next();
            for c in it {
                app.command(c);
            }
        }
        Lower::Compare => {}
    }
    out
}

/// From → to years of the bridge and the factor analysis, with shortcuts.
fn years_row(ui: &mut egui::Ui, app: &DecarbApp, lang: Lang) -> Option<Command> {
    let s = app.doc.scenario();
    let (mut from, mut to) = (app.doc.view.from_year, app.doc.view.to_year);
    let earliest = s.earliest_year();
    ui.horizontal(|ui| {
        ui.label(tr(lang, "from"));
        year_field(ui, &mut from, earliest..=s.last_year, tr(lang, "from"));
        ui.label("→");
        year_field(ui, &mut to, earliest..=s.last_year, tr(lang, "to"));
        for y in [2013, 2018] {
            if (earliest..=s.last_year).contains(&y) && ui.small_button(fy(lang, y)).clicked() {
                from = y;
            }
        }
        for y in [2030, 2050] {
            if (s.base_year..=s.last_year).contains(&y)
                && ui.small_button(format!("→ {}", fy(lang, y))).clicked()
            {
                to = y;
            }
        }
    });
    ((from, to) != (app.doc.view.from_year, app.doc.view.to_year)).then_some(Command::SetYears(from, to))
}

/// The association's table: activity, energy intensity, carbon intensity, total.
pub fn factors_ui(ui: &mut egui::Ui, f: &Result<factors::Factors, String>, lang: Lang, units: Units) {
    match f {
        Err(e) => {
            ui.colored_label(egui::Color32::from_rgb(200, 50, 40), e);
        }
        Ok(f) => {
            ui.label(format!(
                "{}: {} → {} ({}; {})",
                tr(lang, "Scope 1+2 (market), gross"),
                units.fmt(f.from.emissions_t),
                units.fmt(f.to.emissions_t),
                crate::i18n::pct((f.to.emissions_t / f.from.emissions_t - 1.0) * 100.0),
                tr(lang, "log % add up; a log % is not a simple %")
            ));
            egui::Grid::new("factors")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    ui.strong(tr(lang, "Factor"));
                    ui.strong("log %");
                    ui.strong(units.label());
                    ui.end_row();
                    for (name, x) in [
                        ("Economic activity (production)", f.activity),
                        ("Energy intensity (energy per t)", f.energy_intensity),
                        ("Carbon intensity (CO2 per energy)", f.carbon_intensity),
                        ("CO2 emissions change", f.total),
                    ] {
                        ui.label(tr(lang, name));
                        ui.label(format!("{:.1}", x.log_pct()).replace('-', "−"));
                        ui.label(units.fmt(x.t_co2));
                        ui.end_row();
                    }
                });
        }
    }
}
