//! The uncertainty view (ANALYSES.md §2.7): the chance of meeting each target, the tornado,
//! Sobol indices on demand (background, progress, Cancel) and the editor of the uncertain
//! inputs (settings, presets, members, distributions with their density, sources). Reads the
//! last completed fan; every edit is a [`Command::Edit`] of the whole uncertainty block, so
//! it has undo, reset to saved and a changed mark like every lever.

use crate::app::DecarbApp;
use crate::app::commands::Command;
use crate::app::widgets::{c32, name_it, number_field};
use crate::charts::fan::{self, HIGH, LOW};
use crate::engine::uncertainty::Outcome;
use crate::i18n::{Lang, fy, tr};
use crate::model::edit::Edit;
use crate::model::uncertainty::presets;
use crate::model::{Dist, Sampling, Scenario, UncertainInput, Uncertainty};
use crate::units::Units;
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Line, Plot, VLine};

const CHANGED: egui::Color32 = egui::Color32::from_rgb(230, 140, 0);

pub fn uncertainty_ui(ui: &mut Ui, app: &DecarbApp, height: f32) -> Vec<Command> {
    let lang = app.lang();
    let units = app.prefs.units;
    let doc = &app.doc;
    let s = doc.scenario();
    let mut out = Vec::new();
    let metric = crate::explain::metric_label(doc.metric(), lang);
    ui.label(
        RichText::new(format!(
            "{} — {metric} — {}",
            tr(lang, "How sure is the plan"),
            s.meta.name
        ))
        .strong(),
    );
    let mut u = s.uncertainty.clone();
    settings_row(ui, app, &mut u, lang, &mut out);
    let current = app.fan.is_current(doc.revision(), doc.metric());
    egui::ScrollArea::vertical()
        .id_salt("uncertainty-view")
        .max_height(height - 40.0)
        .show(ui, |ui| {
            match app.shown_fan() {
                Some(o) if !s.uncertainty.inputs.is_empty() => {
                    if !current {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(tr(lang, "updating…"));
                        });
                    }
                    chances_ui(ui, o, lang, units);
                    ui.separator();
                    tornado_ui(ui, app, o, lang, units, &mut out);
                }
                _ if s.uncertainty.inputs.is_empty() => {
                    ui.label(tr(
                        lang,
                        "No uncertain inputs: add one below to see how sure the plan is.",
                    ));
                }
                _ => {
                    ui.spinner();
                }
            }
            ui.separator();
            inputs_ui(ui, s, doc.saved(), &mut u, lang);
        });
    if u != s.uncertainty {
        out.push(Command::Edit(Edit::SetUncertainty(Box::new(u))));
    }
    out
}

/// Show the fan; N, seed, sampling.
fn settings_row(ui: &mut Ui, app: &DecarbApp, u: &mut Uncertainty, lang: Lang, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let mut show = !app.prefs.chart.hide_fan;
        if ui.checkbox(&mut show, tr(lang, "Show the fan")).changed() {
            out.push(Command::ShowFan(show));
        }
        ui.separator();
        let mut n = f64::from(u.draws);
        if number_field(ui, &mut n, 1.0..=100_000.0, 10.0, "", tr(lang, "draws")) {
            u.draws = n.round().clamp(1.0, 100_000.0) as u32;
        }
        ui.label(format!(
            "{} ({} {})",
            tr(lang, "draws"),
            crate::app::uncertainty::LIVE_DRAWS,
            tr(lang, "while editing")
        ));
        let mut seed = u.seed as f64;
        if number_field(ui, &mut seed, 0.0..=9.0e15, 1.0, "", tr(lang, "seed")) {
            u.seed = seed.max(0.0) as u64;
        }
        ui.label(tr(lang, "seed"));
        ui.radio_value(
            &mut u.sampling,
            Sampling::LatinHypercube,
            tr(lang, "Latin hypercube"),
        );
        ui.radio_value(&mut u.sampling, Sampling::Random, tr(lang, "Random"));
    });
}

/// P(met) per target and jointly, with standard errors.
fn chances_ui(ui: &mut Ui, o: &Outcome, lang: Lang, units: Units) {
    ui.label(RichText::new(tr(lang, "Chance of meeting each target")).strong());
    egui::Grid::new("pmet")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.strong(tr(lang, "Target"));
            ui.strong(tr(lang, "P(met)"));
            ui.strong(tr(lang, "deterministic run"));
            ui.strong(tr(lang, "P50 of the gap"));
            ui.end_row();
            for t in &o.targets {
                ui.label(format!("{} ({})", t.label, fy(lang, t.year)));
                ui.label(RichText::new(p_met_text(t.p_met, t.se)).strong());
                ui.label(tr(lang, if t.met_deterministic { "met" } else { "missed" }));
                ui.label(if t.gap_p50.abs() > 1.0 {
                    units.fmt(t.gap_p50)
                } else {
                    format!("{:.4}", t.gap_p50)
                });
                ui.end_row();
            }
            if let Some((p, se)) = o.all_met {
                ui.label(tr(lang, "All targets"));
                ui.label(RichText::new(p_met_text(p, se)).strong());
                ui.end_row();
            }
        });
}

/// "62 % ± 2" (percentage points).
pub fn p_met_text(p: f64, se: f64) -> String {
    format!(
        "{:.0} % ± {:.0}",
        100.0 * p,
        (100.0 * se).max(if p > 0.0 && p < 1.0 { 1.0 } else { 0.0 })
    )
}

/// The tornado as horizontal bars around the deterministic value, and Sobol indices.
fn tornado_ui(ui: &mut Ui, app: &DecarbApp, o: &Outcome, lang: Lang, units: Units, out: &mut Vec<Command>) {
    let t = fan::tornado(o, lang);
    ui.label(RichText::new(&t.title).strong());
    ui.label(
        RichText::new(format!(
            "{} {} {}",
            tr(
                lang,
                "Each input at its P10 and P90, every other at the scenario's value; deterministic"
            ),
            units.fmt(t.base),
            fy(lang, t.year)
        ))
        .small(),
    );
    let u = units.tonnes();
    let n = t.bars.len();
    if n > 0 {
        let mut low = Vec::new();
        let mut high = Vec::new();
        for (i, b) in t.bars.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            low.push(
                Bar::new(y, (b.low - t.base) / u)
                    .base_offset(t.base / u)
                    .name(format!("{} × {:.2}: {}", b.label, b.k_low, units.fmt(b.low)))
                    .width(0.7),
            );
            high.push(
                Bar::new(y, (b.high - t.base) / u)
                    .base_offset(t.base / u)
                    .name(format!("{} × {:.2}: {}", b.label, b.k_high, units.fmt(b.high)))
                    .width(0.7),
            );
        }
        let labels: Vec<String> = t.bars.iter().rev().map(|b| b.label.clone()).collect();
        let h = (28.0 * n as f32 + 80.0).min(390.0);
        Plot::new("tornado")
            .height(h)
            .allow_scroll(false)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_boxed_zoom(false)
            .show_x(false)
            .show_y(false)
            .x_axis_label(format!("{}-CO2", units.label()))
            .y_axis_formatter(move |m, _| {
                let i = m.value.round();
                if (m.value - i).abs() < 1e-6 && i >= 0.0 {
                    labels.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_axis_min_width(150.0)
            // an empty row above the widest bar for the legend
            .include_y(-0.6)
            .include_y(n as f64 + 0.9)
            .legend(egui_plot::Legend::default())
            .show(ui, |pu| {
                pu.bar_chart(
                    BarChart::new(tr(lang, "input at P10"), low)
                        .horizontal()
                        .color(c32(LOW)),
                );
                pu.bar_chart(
                    BarChart::new(tr(lang, "input at P90"), high)
                        .horizontal()
                        .color(c32(HIGH)),
                );
                pu.vline(VLine::new("", t.base / u).color(egui::Color32::from_gray(90)));
            });
    }
    if !t.still.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                tr(lang, "No effect on this metric"),
                t.still.join(", ")
            ))
            .small(),
        );
    }
    // Sobol indices: on demand, in the background.
    ui.horizontal(|ui| match &app.sobol {
        Some(job) => {
            ui.add(
                egui::ProgressBar::new(job.progress.fraction())
                    .desired_width(200.0)
                    .show_percentage(),
            );
            let r = ui.button(tr(lang, "Cancel"));
            name_it(ui, &r, "Cancel Sobol indices");
            if r.clicked() {
                out.push(Command::CancelSobol);
            }
        }
        None => {
            let r = ui.button(tr(lang, "Compute Sobol indices"));
            name_it(ui, &r, "Compute Sobol indices");
            if r.clicked() {
                out.push(Command::StartSobol);
            }
        }
    });
    if let Some((rev, so)) = &app.sobol_done
        && let Some(rows) = &so.sobol
    {
        if *rev != app.doc.revision() {
            ui.label(
                RichText::new(tr(lang, "Sobol indices of an earlier state of the scenario"))
                    .small()
                    .italics(),
            );
        }
        egui::Grid::new("sobol")
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                ui.strong(tr(lang, "Input"));
                ui.strong(tr(lang, "first order"));
                ui.strong(tr(lang, "total"));
                ui.end_row();
                for r in rows {
                    ui.label(&r.label);
                    ui.label(format!("{:.3}", r.first));
                    ui.label(format!("{:.3}", r.total));
                    ui.end_row();
                }
            });
    }
}

/// The editor of the inputs: each input's members, distribution (with its density), known
/// years, ramp, source; changed marks, reset to saved, remove; "add input" from the presets.
fn inputs_ui(ui: &mut Ui, s: &Scenario, saved: &Scenario, u: &mut Uncertainty, lang: Lang) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr(lang, "Uncertain inputs")).strong());
        ui.menu_button(tr(lang, "Add input"), |ui| {
            for (name, preset) in presets() {
                if ui.button(name).on_hover_text(&preset.source).clicked() {
                    let mut p = preset;
                    let base = p.id.clone();
                    let mut k = 2;
                    while u.inputs.iter().any(|i| i.id == p.id) {
                        p.id = format!("{base}_{k}");
                        k += 1;
                    }
                    u.inputs.push(p);
                    ui.close();
                }
            }
        });
    });
    let mut remove = None;
    for (i, input) in u.inputs.iter_mut().enumerate() {
        let was = saved.uncertainty.inputs.iter().find(|x| x.id == input.id);
        ui.push_id(("input", i), |ui| {
            ui.group(|ui| {
                ui.horizontal(|ui| {
                    let changed = was != Some(&*input);
                    ui.label(RichText::new("●").color(if changed {
                        CHANGED
                    } else {
                        egui::Color32::TRANSPARENT
                    }))
                    .on_hover_text(tr(lang, "changed from the saved file"));
                    ui.label(RichText::new(&input.id).strong());
                    ui.label(format!("× {}", input.target.what()));
                    if let Some(w) = was
                        && changed
                        && ui
                            .small_button(tr(lang, "reset"))
                            .on_hover_text(tr(lang, "Reset to saved"))
                            .clicked()
                    {
                        *input = w.clone();
                    }
                    if ui.small_button(tr(lang, "remove")).clicked() {
                        remove = Some(i);
                    }
                });
                ui.horizontal(|ui| {
                    dist_ui(ui, &mut input.dist, &input.id);
                    density_ui(ui, &input.dist, i);
                });
                members_ui(ui, s, input, lang);
                ui.horizontal(|ui| {
                    let known = crate::engine::uncertainty::default_known_until(s);
                    let mut k = f64::from(input.known_until.unwrap_or(known));
                    ui.label(tr(lang, "known until"));
                    if number_field(
                        ui,
                        &mut k,
                        f64::from(s.base_year)..=f64::from(s.last_year),
                        0.2,
                        "",
                        "known until",
                    ) {
                        input.known_until = Some(k.round() as i32);
                    }
                    let mut r = f64::from(input.ramp_years);
                    ui.label(tr(lang, "ramp"));
                    if number_field(ui, &mut r, 1.0..=100.0, 0.2, " yr", "ramp years") {
                        input.ramp_years = r.round().clamp(1.0, 100.0) as u32;
                    }
                    ui.checkbox(&mut input.each, tr(lang, "one draw per member"));
                });
                ui.horizontal(|ui| {
                    ui.label(tr(lang, "source"));
                    let r =
                        ui.add(egui::TextEdit::singleline(&mut input.source).desired_width(f32::INFINITY));
                    name_it(ui, &r, &format!("{}: source", input.id));
                });
                if let Some(a) = &input.assumption {
                    ui.label(
                        RichText::new(format!("{}: {a}", tr(lang, "assumption")))
                            .small()
                            .italics(),
                    );
                }
            });
        });
    }
    if let Some(i) = remove {
        u.inputs.remove(i);
    }
}

/// The distribution's kind and parameters.
fn dist_ui(ui: &mut Ui, d: &mut Dist, id: &str) {
    let kinds = ["uniform", "triangular", "normal", "lognormal"];
    let cur = match d {
        Dist::Uniform { .. } => 0,
        Dist::Triangular { .. } => 1,
        Dist::Normal { .. } => 2,
        Dist::LogNormal { .. } => 3,
    };
    let mut sel = cur;
    let r = egui::ComboBox::from_id_salt(("dist", id))
        .selected_text(kinds[cur])
        .show_ui(ui, |ui| {
            for (k, name) in kinds.iter().enumerate() {
                ui.selectable_value(&mut sel, k, *name);
            }
        });
    name_it(ui, &r.response, &format!("{id}: distribution"));
    if sel != cur {
        *d = match sel {
            0 => Dist::Uniform { min: 0.9, max: 1.1 },
            1 => Dist::Triangular {
                min: 0.9,
                mode: 1.0,
                max: 1.1,
            },
            2 => Dist::Normal { mean: 1.0, sd: 0.1 },
            _ => Dist::LogNormal {
                median: 1.0,
                sigma: 0.15,
            },
        };
    }
    let field = |ui: &mut Ui, label: &str, v: &mut f64, max: f64| {
        ui.label(label);
        number_field(ui, v, 0.0..=max, 0.005, "", &format!("{id} {label}"));
    };
    match d {
        Dist::Uniform { min, max } => {
            field(ui, "min", min, 10.0);
            field(ui, "max", max, 10.0);
        }
        Dist::Triangular { min, mode, max } => {
            field(ui, "min", min, 10.0);
            field(ui, "mode", mode, 10.0);
            field(ui, "max", max, 10.0);
        }
        Dist::Normal { mean, sd } => {
            field(ui, "mean", mean, 10.0);
            field(ui, "sd", sd, 10.0);
        }
        Dist::LogNormal { median, sigma } => {
            field(ui, "median", median, 10.0);
            field(ui, "σ", sigma, 3.0);
        }
    }
}

/// A small chart of the density.
fn density_ui(ui: &mut Ui, d: &Dist, i: usize) {
    let pts = fan::density(d);
    Plot::new(("density", i))
        .height(44.0)
        .width(150.0)
        .show_axes([true, false])
        .show_grid(false)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_x(false)
        .show_y(false)
        .show(ui, |pu| {
            pu.line(Line::new("", pts).color(c32(fan::FAN_MEDIAN)));
        });
}

/// Which members the input multiplies: all (empty list) or the ticked ones.
fn members_ui(ui: &mut Ui, s: &Scenario, input: &mut UncertainInput, lang: Lang) {
    let Some((list, kind)) = input.target.members_mut() else {
        return;
    };
    let all: Vec<(String, String)> = match kind {
        "regions" => s.regions.iter().map(|x| (x.id.clone(), x.name.clone())).collect(),
        "sites" => s.sites.iter().map(|x| (x.id.clone(), x.name.clone())).collect(),
        "ppas" => s.ppas.iter().map(|x| (x.id.clone(), x.name.clone())).collect(),
        "materials" => s
            .materials
            .iter()
            .map(|x| (x.id.clone(), x.name.clone()))
            .collect(),
        _ => s.fuels.iter().map(|x| (x.id.clone(), x.name.clone())).collect(),
    };
    let label = if list.is_empty() {
        format!("{} ({})", tr(lang, "all"), all.len())
    } else {
        format!("{} / {}", list.len(), all.len())
    };
    ui.horizontal(|ui| {
        ui.label(tr(lang, kind));
        ui.menu_button(label, |ui| {
            let mut every = list.is_empty();
            if ui.checkbox(&mut every, tr(lang, "all")).changed() {
                list.clear();
                if !every && let Some((id, _)) = all.first() {
                    list.push(id.clone());
                }
            }
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                for (id, name) in &all {
                    let mut on = list.is_empty() || list.contains(id);
                    if ui.checkbox(&mut on, name).changed() {
                        if list.is_empty() {
                            list.extend(all.iter().map(|a| a.0.clone()));
                        }
                        if on {
                            if !list.contains(id) {
                                list.push(id.clone());
                            }
                        } else if list.len() > 1 {
                            // an empty list means every member: keep at least one
                            list.retain(|x| x != id);
                        }
                        if list.len() == all.len() {
                            list.clear();
                        }
                    }
                }
            });
        });
    });
}
