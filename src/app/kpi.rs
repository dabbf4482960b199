//! The KPI strip: each target (value, level, gap, met), 2030 and 2050 against the 2013 and
//! 2018 baselines, cumulative emissions, intensities. Reads the projection and the report.

use crate::engine::Projection;
use crate::engine::targets::TargetResult;
use crate::i18n::{Lang, fy, pct, tr};
use crate::model::Scenario;
use crate::report::{self, fmt_target_value};
use crate::units::Units;
use egui::{Color32, RichText, Ui};

const GREEN: Color32 = Color32::from_rgb(40, 160, 60);
const RED: Color32 = Color32::from_rgb(210, 50, 40);

/// Text of the net emissions KPI of a year (also what tests look for).
pub fn net_label(lang: Lang, units: Units, year: i32, net_t: f64) -> String {
    format!("{} {}: {}", fy(lang, year), tr(lang, "Net"), units.fmt(net_t))
}

pub fn kpi_ui(ui: &mut Ui, s: &Scenario, p: &Projection, results: &[TargetResult], lang: Lang, units: Units) {
    egui::ScrollArea::horizontal().show(ui, |ui| kpi_row(ui, s, p, results, lang, units));
}

fn kpi_row(ui: &mut Ui, s: &Scenario, p: &Projection, results: &[TargetResult], lang: Lang, units: Units) {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
    ui.horizontal(|ui| {
        // Milestones.
        let base12 = report::baselines(s, p);
        for year in report::KEY_YEARS {
            let Some(t) = p.totals(year) else { continue };
            ui.group(|ui| {
                ui.vertical(|ui| {
                    ui.label(RichText::new(net_label(lang, units, year, t.net)).strong());
                    for (by, b) in &base12 {
                        let v = b.and_then(|b| report::change_pct(t.scope12(), b.value_t));
                        let key = if *by == 2013 { "vs FY2013" } else { "vs FY2018" };
                        ui.label(format!("S1+2 {} {}", tr(lang, key), v.map_or("n/a".into(), pct)));
                    }
                    if let Some(c) = report::cumulative_net(p, year) {
                        ui.label(format!(
                            "{} {}: {}",
                            tr(lang, "Cumulative to"),
                            fy(lang, year),
                            units.fmt(c)
                        ));
                    }
                    if let Some(i) = p.index(year) {
                        let e = &p.scenario.energy[i];
                        ui.label(format!(
                            "{}: {}",
                            tr(lang, "Electricity"),
                            crate::i18n::mwh(lang, e.electricity_mwh)
                        ));
                        if e.production_t > 0.0 {
                            ui.label(format!(
                                "{}: {:.3} t-CO2/t",
                                tr(lang, "Intensity"),
                                t.scope12() / e.production_t
                            ));
                        }
                        if let Some(r) = p.revenue(i).filter(|r| *r > 0.0) {
                            ui.label(format!(
                                "{}: {:.3} t-CO2/百万円",
                                tr(lang, "Intensity"),
                                t.scope12() / (r / 1e6)
                            ));
                        }
                    }
                });
            });
        }
        // Targets.
        for r in results {
            ui.group(|ui| {
                ui.vertical(|ui| {
                    let (mark, color) = if r.met { ("●", GREEN) } else { ("●", RED) };
                    ui.label(
                        RichText::new(format!(
                            "{mark} {} ({}) — {}",
                            r.label,
                            fy(lang, r.year),
                            tr(lang, if r.met { "met" } else { "missed" })
                        ))
                        .color(color)
                        .strong(),
                    );
                    ui.label(format!(
                        "{} {}   {} {}   {} {}",
                        tr(lang, "value"),
                        fmt_target_value(r.unit, r.value, units),
                        tr(lang, "level"),
                        fmt_target_value(r.unit, r.level, units),
                        tr(lang, "gap"),
                        fmt_target_value(r.unit, r.gap, units),
                    ));
                    if report::intensity_met_absolute_missed(r) {
                        ui.label(
                            RichText::new(format!("! {}", tr(lang, "intensity met, absolute missed")))
                                .color(RED),
                        );
                    }
                });
            });
        }
    });
}
