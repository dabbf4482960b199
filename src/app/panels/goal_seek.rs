//! The goal-seek dialog, its answer and the "New target from template" dialog: windows over
//! the charts (so the trajectory stays in view). They edit their own dialog state and emit
//! commands for what acts on the plan (run, cancel, keep, save, add the target).

use crate::app::DecarbApp;
use crate::app::commands::Command;
use crate::app::goal_seek::TemplateDialog;
use crate::app::widgets::{name_it, number_field, year_field};
use crate::engine::goal_seek::{Bound, Status};
use crate::engine::templates::{self, Template};
use crate::export::goal_seek::{sentence, target_value, value_text};
use crate::i18n::tr;
use crate::model::{LeverRef, Scenario, SeekMode};

/// All three windows; returns the commands they emit.
pub fn goal_seek_ui(app: &mut DecarbApp, ctx: &egui::Context) -> Vec<Command> {
    let mut out = Vec::new();
    dialog_ui(app, ctx, &mut out);
    answer_ui(app, ctx, &mut out);
    template_ui(app, ctx, &mut out);
    out
}

fn dialog_ui(app: &mut DecarbApp, ctx: &egui::Context, out: &mut Vec<Command>) {
    let lang = app.lang();
    let s = app.doc.scenario().clone();
    let running = app
        .goal
        .job
        .as_ref()
        .map(|j| (j.evaluations(), j.budget, j.started.elapsed()));
    let Some(d) = app.goal.dialog.as_mut() else { return };
    let mut open = true;
    egui::Window::new(tr(lang, "Goal seek"))
        .id(egui::Id::unique("goal-seek-dialog"))
        .open(&mut open)
        .default_width(640.0)
        .default_pos([440.0, 470.0])
        .default_height(420.0)
        .show(ctx, |ui| {
            ui.label(tr(
                lang,
                "The least-cost lever values (NPV of cost from the year after the freeze year) that meet the chosen targets.",
            ));
            ui.add_space(4.0);
            ui.strong(tr(lang, "Targets to meet"));
            for (t, c) in s.targets.iter().zip(d.chosen.iter_mut()) {
                let r = ui.checkbox(c, format!("{} (FY{})", t.label, t.year));
                name_it(ui, &r, &format!("Meet {}", t.label));
            }
            ui.horizontal(|ui| {
                let mut path = matches!(d.block.mode, SeekMode::Path { .. });
                ui.radio_value(&mut path, false, tr(lang, "in the target's year"));
                ui.radio_value(&mut path, true, tr(lang, "on the glide line every year"));
                d.block.mode = if path {
                    SeekMode::Path { from_year: None }
                } else {
                    SeekMode::TargetYear
                };
            });
            let r = ui.checkbox(
                &mut d.block.include_carbon_cost,
                tr(lang, "Include the carbon price in the cost"),
            );
            name_it(ui, &r, "Include the carbon price");
            ui.label(format!(
                "{} FY{}",
                tr(lang, "Freeze year (nothing changes up to it):"),
                d.block.freeze_year.unwrap_or_else(|| s.default_freeze_year())
            ));
            ui.separator();
            ui.strong(tr(lang, "Levers and their bounds"));
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                egui::Grid::new("goal-levers").striped(true).show(ui, |ui| {
                    ui.label("");
                    ui.strong(tr(lang, "Lever"));
                    ui.strong(tr(lang, "min"));
                    ui.strong(tr(lang, "max"));
                    ui.strong(tr(lang, "reached in FY"));
                    ui.end_row();
                    let freeze = d.block.freeze_year.unwrap_or_else(|| s.default_freeze_year());
                    for (k, (l, on)) in d.block.levers.iter_mut().zip(d.enabled.iter_mut()).enumerate() {
                        let name = lever_name(&s, &l.lever, lang);
                        let r = ui.checkbox(on, "");
                        name_it(ui, &r, &format!("Use {name}"));
                        ui.label(&name);
                        let (lo, hi, _) = crate::model::validate::lever_domain(&l.lever);
                        let share = l.lever.is_share();
                        let (scale, suffix) = if share { (100.0, " %") } else { (1.0, "") };
                        for (which, v) in [("min", &mut l.min), ("max", &mut l.max)] {
                            let mut x = v.unwrap_or(f64::NAN) * scale;
                            if x.is_nan() {
                                let every = matches!(&l.lever, LeverRef::Co2Free { site } | LeverRef::ProcessChange { site } | LeverRef::EfficiencyElectricity { site } | LeverRef::EfficiencyFuel { site } | LeverRef::FuelSwitch { site, .. } if site == "*")
                                    || matches!(&l.lever, LeverRef::Recycled { material } | LeverRef::LowCarbon { material } if material == "*");
                                if every && which == "min" {
                                    ui.label(tr(lang, "each member's freeze-year value"));
                                    continue;
                                }
                                let dflt = default_bound(&s, &l.lever, which == "min", freeze).unwrap_or(if which == "min" { lo.max(0.0) } else { hi.min(1.0e6) });
                                let text = if share { format!("{:.1} %", dflt * 100.0) } else { format!("{dflt:.1}") };
                                if ui.small_button(text).on_hover_text(tr(lang, "Default (min: the value in the freeze year; max: the top of the lever's domain). Click to set your own.")).clicked() {
                                    *v = Some(dflt);
                                }
                            } else if number_field(ui, &mut x, lo * scale..=hi * scale, 0.1, suffix, &format!("{which} of {name}")) {
                                *v = Some(x / scale);
                            }
                        }
                        if matches!(l.lever, LeverRef::EfficiencyElectricity { .. } | LeverRef::EfficiencyFuel { .. }) {
                            ui.label(format!("FY{}–", freeze + 1));
                        } else {
                            let mut y = l.reach_year.unwrap_or(0);
                            if y == 0 {
                                y = first_year(&s, d.chosen.as_slice()).unwrap_or(s.last_year);
                            }
                            if year_field(ui, &mut y, (freeze + 1)..=s.last_year, &format!("Reach year of {name}")) {
                                l.reach_year = Some(y);
                            }
                        }
                        let _ = k;
                        ui.end_row();
                    }
                });
            });
            ui.separator();
            if let Some(e) = &d.error {
                ui.colored_label(egui::Color32::from_rgb(200, 50, 40), e);
            }
            match running {
                Some((n, budget, t)) => {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::ProgressBar::new((n as f32 / budget.max(1) as f32).min(1.0))
                                .desired_width(260.0)
                                .text(format!("{n} {} · {:.1} s", tr(lang, "engine runs"), t.as_secs_f64())),
                        );
                        if ui.button(tr(lang, "Cancel")).clicked() {
                            out.push(Command::CancelGoalSeek);
                        }
                    });
                }
                None => {
                    ui.horizontal(|ui| {
                        let any = d.chosen.iter().any(|c| *c) && d.enabled.iter().any(|e| *e);
                        if ui.add_enabled(any, egui::Button::new(tr(lang, "Find the least-cost levers"))).clicked() {
                            out.push(Command::RunGoalSeek);
                        }
                        if ui.button(tr(lang, "Close")).clicked() {
                            out.push(Command::CloseGoalSeek);
                        }
                    });
                }
            }
        });
    if !open {
        out.push(Command::CloseGoalSeek);
    }
}

/// The bound a lever takes when none is given (the engine's default).
fn default_bound(s: &Scenario, l: &LeverRef, min: bool, freeze: i32) -> Option<f64> {
    let (lo, hi) = crate::engine::goal_seek::default_bounds(s, l, freeze)?;
    if min { Some(lo) } else { hi }
}

/// The earliest year among the chosen targets.
fn first_year(s: &Scenario, chosen: &[bool]) -> Option<i32> {
    s.targets
        .iter()
        .zip(chosen)
        .filter(|(_, c)| **c)
        .map(|(t, _)| t.year)
        .min()
}

/// A lever's name with the site, material or PPA it acts on, in the window's language.
pub fn lever_name(s: &Scenario, l: &LeverRef, lang: crate::i18n::Lang) -> String {
    let site = |id: &str| {
        if id == "*" {
            tr(lang, "All sites").to_string()
        } else {
            s.sites
                .iter()
                .find(|x| x.id == id)
                .map_or(id.to_string(), |x| x.name.clone())
        }
    };
    let mat = |id: &str| {
        if id == "*" {
            tr(lang, "every material").to_string()
        } else {
            s.materials
                .iter()
                .find(|x| x.id == id)
                .map_or(id.to_string(), |x| x.name.clone())
        }
    };
    let (kind, member) = match l {
        LeverRef::Co2Free { site: x } => ("CO2-free power", site(x)),
        LeverRef::ProcessChange { site: x } => ("Process change", site(x)),
        LeverRef::EfficiencyElectricity { site: x } => ("Electricity efficiency %/yr", site(x)),
        LeverRef::EfficiencyFuel { site: x } => ("Fuel efficiency %/yr", site(x)),
        LeverRef::FuelSwitch { site: x, rule } => ("Fuel switching", format!("{rule} — {}", site(x))),
        LeverRef::Recycled { material } => ("Recycled share", mat(material)),
        LeverRef::LowCarbon { material } => ("Low-carbon share", mat(material)),
        LeverRef::Ppa { ppa } => (
            "PPA capacity MW",
            s.ppas
                .iter()
                .find(|p| &p.id == ppa)
                .map_or(ppa.clone(), |p| p.name.clone()),
        ),
        LeverRef::Credits => ("Credits t/yr", String::new()),
    };
    if member.is_empty() {
        tr(lang, kind).to_string()
    } else {
        format!("{} — {member}", tr(lang, kind))
    }
}

fn answer_ui(app: &mut DecarbApp, ctx: &egui::Context, out: &mut Vec<Command>) {
    let lang = app.lang();
    let units = app.prefs.units;
    let money = app.prefs.chart.money;
    let current = app.doc.revision();
    let Some(g) = app.goal.answer.as_ref() else { return };
    let a = &g.answer;
    let plan = &a.scenario;
    let mut open = true;
    egui::Window::new(tr(lang, "Goal seek answer"))
        .id(egui::Id::unique("goal-seek-answer"))
        .open(&mut open)
        .default_width(560.0)
        .default_pos([1020.0, 540.0])
        .show(ctx, |ui| {
            let colour = match a.status {
                Status::Infeasible => egui::Color32::from_rgb(200, 50, 40),
                _ => egui::Color32::from_rgb(20, 120, 60),
            };
            ui.colored_label(colour, egui::RichText::new(sentence(a, lang, money)).strong());
            ui.label(format!(
                "{}: {} · {}: {} · {}: {}",
                tr(lang, "NPV, answer"),
                money.fmt(a.npv_jpy),
                tr(lang, "plan"),
                money.fmt(a.npv_plan_jpy),
                tr(lang, "difference"),
                money.fmt(a.npv_difference_jpy())
            ));
            for m in &a.marginal {
                ui.label(format!(
                    "{} \"{}\" FY{}: {}円/t {} · {} {}",
                    tr(lang, "Last tonne of"),
                    m.label,
                    m.year,
                    crate::units::group(m.npv_per_unit_in_year, 0),
                    tr(lang, "(NPV per t cut that year)"),
                    tr(lang, "levelised"),
                    m.levelised_jpy_per_t
                        .map_or("n/a".into(), |v| format!("{}円/t", crate::units::group(v, 0)))
                ));
            }
            egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                egui::Grid::new("goal-answer-levers")
                    .striped(true)
                    .show(ui, |ui| {
                        ui.strong(tr(lang, "Lever"));
                        ui.strong(tr(lang, "plan"));
                        ui.strong(tr(lang, "answer"));
                        ui.strong(tr(lang, "where"));
                        ui.end_row();
                        for v in &a.vars {
                            ui.label(lever_name(plan, &v.lever, lang));
                            ui.label(value_text(v.unit, v.current));
                            ui.label(value_text(v.unit, v.value));
                            ui.label(match v.at {
                                Bound::Lower => tr(lang, "at lower bound"),
                                Bound::Upper => tr(lang, "at upper bound"),
                                Bound::Inside => tr(lang, "inside"),
                                Bound::NoRoom => tr(lang, "no room"),
                            });
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
                egui::Grid::new("goal-answer-rows").striped(true).show(ui, |ui| {
                    ui.strong(tr(lang, "Target"));
                    ui.strong("FY");
                    ui.strong(tr(lang, "value"));
                    ui.strong(tr(lang, "level"));
                    ui.strong(tr(lang, "met"));
                    ui.end_row();
                    for r in &a.rows {
                        ui.label(&r.label);
                        ui.label(r.year.to_string());
                        ui.label(target_value(r.unit, units, r.value));
                        ui.label(target_value(r.unit, units, r.level));
                        ui.label(if r.met {
                            tr(lang, "met")
                        } else {
                            tr(lang, "missed")
                        });
                        ui.end_row();
                    }
                });
                for (name, cut) in &a.relax {
                    ui.label(format!(
                        "{}: {name} ({} t/unit)",
                        tr(lang, "Relax the bound of"),
                        crate::units::group(*cut, 1)
                    ));
                }
                for t in &a.others {
                    ui.colored_label(
                        egui::Color32::from_rgb(190, 110, 0),
                        format!(
                            "{}: \"{}\" FY{}",
                            tr(lang, "Made worse (not listed)"),
                            t.label,
                            t.year
                        ),
                    );
                }
                for w in &a.warnings {
                    ui.label(w);
                }
            });
            ui.small(format!(
                "{} {} · {:.0} ms · {}",
                a.evaluations,
                tr(lang, "engine runs"),
                a.elapsed.as_secs_f64() * 1000.0,
                tr(
                    lang,
                    "best found by sequential linear programming (a local optimum)"
                )
            ));
            ui.horizontal(|ui| {
                let fresh = g.rev == current;
                let keep = ui
                    .add_enabled(
                        fresh && !a.unchanged,
                        egui::Button::new(tr(lang, "Keep: make it the plan")),
                    )
                    .on_disabled_hover_text(tr(
                        lang,
                        "The plan changed since the search ran, or the answer is the plan: run it again.",
                    ));
                if keep.clicked() {
                    out.push(Command::KeepAnswer);
                }
                if ui.button(tr(lang, "Save as file…")).clicked() {
                    out.push(Command::SaveAnswer);
                }
                if ui.button(tr(lang, "Discard")).clicked() {
                    out.push(Command::DiscardAnswer);
                }
            });
        });
    if !open {
        out.push(Command::DiscardAnswer);
    }
}

fn template_ui(app: &mut DecarbApp, ctx: &egui::Context, out: &mut Vec<Command>) {
    let lang = app.lang();
    let units = app.prefs.units;
    let (base, last) = (app.doc.scenario().base_year, app.doc.scenario().last_year);
    let preview: Option<Vec<(String, f64)>> = app.goal.template.as_ref().map(|d| {
        let w = templates::write(d.template, d.reference_year, d.year, d.rate_pct);
        let mut s = app.doc.scenario().clone();
        s.targets = w.targets;
        let p = app.doc.projection();
        crate::engine::targets::evaluate(&s, p)
            .into_iter()
            .map(|r| (r.label, r.level))
            .collect()
    });
    let Some(d) = app.goal.template.as_mut() else {
        return;
    };
    let mut open = true;
    egui::Window::new(tr(lang, "New target from template"))
        .id(egui::Id::unique("template-dialog"))
        .open(&mut open)
        .default_width(520.0)
        .default_pos([880.0, 560.0])
        .show(ctx, |ui| {
            for t in Template::ALL {
                if ui.radio(d.template == t, tr(lang, t.name())).clicked() && d.template != t {
                    d.template = t;
                    d.rate_pct = t.default_rate_pct();
                    if t == Template::NetZero {
                        d.year = 2050.clamp(base + 1, last.max(base + 1));
                    }
                }
            }
            egui::Grid::new("template-fields").show(ui, |ui| {
                ui.label(tr(lang, "Reference (base) year"));
                year_field(ui, &mut d.reference_year, base.min(2000)..=last, "Reference year");
                ui.end_row();
                ui.label(tr(lang, "Target year"));
                year_field(ui, &mut d.year, (base + 1)..=last, "Target year");
                ui.end_row();
                let rate_label = if d.template == Template::NetZero {
                    tr(lang, "Reduction by the target year")
                } else {
                    tr(lang, "Linear reduction rate")
                };
                ui.label(rate_label);
                let suffix = if d.template == Template::NetZero { " %" } else { " %/yr" };
                number_field(ui, &mut d.rate_pct, 0.0..=100.0, 0.05, suffix, "Reduction rate");
                ui.end_row();
            });
            let w = templates::write(d.template, d.reference_year, d.year, d.rate_pct);
            for t in &w.targets {
                let level = preview
                    .as_ref()
                    .and_then(|p| p.iter().find(|(l, _)| *l == t.label))
                    .map(|(_, v)| *v);
                ui.label(format!(
                    "→ {} (FY{}): {}",
                    t.label,
                    t.year,
                    level.map_or("n/a".into(), |v| units.fmt(v))
                ));
            }
            for warn in &w.warnings {
                ui.colored_label(egui::Color32::from_rgb(190, 110, 0), format!("{}: {warn}", tr(lang, "Note")));
            }
            ui.small(tr(lang, "The dotted glide line on the trajectory runs from the reference year's emissions to the target level."));
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "Add the target")).clicked() {
                    out.push(Command::AddTemplateTargets);
                }
                if ui.button(tr(lang, "Close")).clicked() {
                    out.push(Command::CloseTemplate);
                }
            });
        });
    if !open {
        out.push(Command::CloseTemplate);
    }
}

/// The template dialog's targets (for the glide line on the trajectory).
pub fn template_targets(d: &TemplateDialog) -> Vec<crate::model::Target> {
    templates::write(d.template, d.reference_year, d.year, d.rate_pct).targets
}
