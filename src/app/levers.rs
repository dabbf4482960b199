//! The lever panel: edits the working scenario's lever paths. Returns whether anything changed;
//! no emissions math here.

use crate::i18n::{Lang, fy, tr};
use crate::model::{ELECTRICITY, Path, Ppa, PpaKind, Scenario};
use egui::{Color32, RichText, Ui};

/// How a target edit reshapes a path with fewer than two keyframes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A switch in one year: `[(year − 1, before), (year, value)]`.
    Step,
    /// A ramp from the base year: `[(base, before), (year, value)]`.
    Ramp,
}

/// The lever's target: the last keyframe `(value, year)`, or the default in the base year.
pub fn target(path: &Path, default: f64, base: i32) -> (f64, i32) {
    path.0.last().map_or((default, base), |&(y, v)| (v, y))
}

/// Sets the lever's target value and the year it is reached. With two or more keyframes the
/// last keyframe moves; otherwise the path becomes a step or a ramp to the target.
pub fn set_target(path: &mut Path, value: f64, year: i32, default: f64, base: i32, last: i32, shape: Shape) {
    let year = year.clamp(base, last);
    let n = path.0.len();
    if n >= 2 {
        let prev = path.0[n - 2].0;
        path.0[n - 1] = (year.max(prev + 1).min(last), value);
        return;
    }
    let before = path.value_or(base, default);
    if (value - before).abs() < 1e-12 && n == 1 {
        return;
    }
    if year <= base || (value - before).abs() < 1e-12 {
        path.0 = vec![(base, value)];
        return;
    }
    let start = match shape {
        Shape::Step => year - 1,
        Shape::Ramp => base,
    };
    path.0 = vec![(start.max(base), before), (year, value)];
}

/// Context shared by the rows of the panel.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub base: i32,
    pub last: i32,
    pub saved: &'a Scenario,
}

impl<'a> Ctx<'a> {
    /// The saved version of a site (for changed marks and reset).
    pub fn saved_site(&self, id: &str) -> Option<&'a crate::model::Site> {
        self.saved.sites.iter().find(|x| x.id == id)
    }
}

fn changed_mark(ui: &mut Ui, lang: Lang, differs: bool) {
    if differs {
        ui.label(RichText::new("●").color(Color32::from_rgb(230, 140, 20)))
            .on_hover_text(tr(lang, "changed from the saved file"));
    } else {
        ui.label(RichText::new("●").color(Color32::TRANSPARENT));
    }
}

fn reset_button(ui: &mut Ui, lang: Lang, enabled: bool) -> bool {
    ui.add_enabled(enabled, egui::Button::new(tr(lang, "reset")).small())
        .on_hover_text(tr(lang, "Reset to saved"))
        .on_disabled_hover_text(tr(lang, "Reset to saved"))
        .clicked()
}

/// One lever: mark, slider of the target value, year reached, reset. `scale` maps the stored
/// value to the shown one (100 for shares in %).
#[allow(clippy::too_many_arguments)]
pub fn lever_row(
    ui: &mut Ui,
    c: &Ctx,
    label: &str,
    path: &mut Path,
    saved: Option<&Path>,
    default: f64,
    range: std::ops::RangeInclusive<f64>,
    scale: f64,
    suffix: &str,
    shape: Shape,
) -> bool {
    let mut changed = false;
    let differs = saved.is_none_or(|s| s != path);
    ui.horizontal(|ui| {
        changed_mark(ui, c.lang, differs);
        let (value, year) = target(path, default, c.base);
        let mut shown = value * scale;
        let mut y = year;
        let r = ui.add(
            egui::Slider::new(&mut shown, (*range.start() * scale)..=(*range.end() * scale))
                .text(label)
                .suffix(suffix)
                .clamping(egui::SliderClamping::Never)
                .custom_formatter(|v, _| format!("{v:.1}")),
        );
        let ry = ui
            .add(egui::DragValue::new(&mut y).range(c.base..=c.last).prefix("FY"))
            .on_hover_text(format!("{label}: {}", tr(c.lang, "reached in FY")));
        if r.changed() || ry.changed() {
            set_target(path, shown / scale, y, default, c.base, c.last, shape);
            changed = true;
        }
        if reset_button(ui, c.lang, differs && saved.is_some())
            && let Some(s) = saved
        {
            *path = s.clone();
            changed = true;
        }
    });
    changed
}

/// Editable keyframe table of a path, with the changed mark and reset to saved.
pub fn keyframes_ui(
    ui: &mut Ui,
    c: &Ctx,
    id: &str,
    label: &str,
    path: &mut Path,
    saved: Option<&Path>,
    range: (f64, f64),
) -> bool {
    let mut changed = false;
    let differs = saved.is_none_or(|s| s != path);
    ui.horizontal(|ui| {
        changed_mark(ui, c.lang, differs);
        ui.label(label);
        if reset_button(ui, c.lang, differs && saved.is_some())
            && let Some(s) = saved
        {
            *path = s.clone();
            changed = true;
        }
    });
    egui::CollapsingHeader::new(format!(
        "{label} — {} ({})",
        tr(c.lang, "keyframes"),
        path.0.len()
    ))
    .id_salt(id)
    .show(ui, |ui| {
        let mut remove = None;
        let n = path.0.len();
        for k in 0..n {
            ui.horizontal(|ui| {
                let lo = if k > 0 { path.0[k - 1].0 + 1 } else { c.base };
                let hi = if k + 1 < n { path.0[k + 1].0 - 1 } else { c.last };
                let (year, value) = &mut path.0[k];
                changed |= ui
                    .add(egui::DragValue::new(year).range(lo..=hi.max(lo)).prefix("FY"))
                    .on_hover_text(format!("{label}: keyframe {} year", k + 1))
                    .changed();
                let speed = ((range.1 - range.0) / 200.0).max(1e-4);
                changed |= ui
                    .add(egui::DragValue::new(value).range(range.0..=range.1).speed(speed))
                    .on_hover_text(format!("{label}: keyframe {} value", k + 1))
                    .changed();
                if ui
                    .small_button("×")
                    .on_hover_text(format!("{label}: remove keyframe {}", k + 1))
                    .clicked()
                {
                    remove = Some(k);
                }
            });
        }
        if let Some(k) = remove {
            path.0.remove(k);
            changed = true;
        }
        let next = path.0.last().map_or(c.base, |k| k.0 + 1);
        if next <= c.last
            && ui
                .small_button("+")
                .on_hover_text(format!("{label}: add keyframe"))
                .clicked()
        {
            let v = path.value_or(next, range.0.max(0.0).min(range.1));
            path.0.push((next, v));
            changed = true;
        }
    });
    changed
}

/// The whole panel. Returns true when the scenario changed.
pub fn levers_ui(ui: &mut Ui, s: &mut Scenario, c: &Ctx) -> bool {
    let mut changed = false;
    let lang = c.lang;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(tr(lang, "Levers"));

            // 1. CO2-free power per site, with all-sites and per-region shortcuts.
            egui::CollapsingHeader::new(tr(lang, "CO2-free power"))
                .id_salt("co2free")
                .default_open(true)
                .show(ui, |ui| {
                    changed |= shortcuts_ui(ui, s, c);
                    for site in &mut s.sites {
                        let saved = c.saved_site(&site.id).map(|x| &x.co2_free_share);
                        changed |= lever_row(
                            ui,
                            c,
                            &site.name,
                            &mut site.co2_free_share,
                            saved,
                            0.0,
                            0.0..=1.0,
                            100.0,
                            " %",
                            Shape::Step,
                        );
                    }
                });

            // 2. Recycle ratio per material.
            if !s.materials.is_empty() {
                egui::CollapsingHeader::new(tr(lang, "Recycle ratio"))
                    .id_salt("recycle")
                    .default_open(true)
                    .show(ui, |ui| {
                        for m in &mut s.materials {
                            let saved = c.saved.materials.iter().find(|x| x.id == m.id);
                            ui.label(RichText::new(&m.name).strong());
                            let max_rho = 1.0 - target(&m.low_carbon_share, 0.0, c.base).0;
                            changed |= lever_row(
                                ui,
                                c,
                                &format!("{} — {}", m.name, tr(lang, "recycled")),
                                &mut m.recycled_share,
                                saved.map(|x| &x.recycled_share),
                                0.0,
                                0.0..=max_rho.clamp(0.0, 1.0),
                                100.0,
                                " %",
                                Shape::Ramp,
                            );
                            let max_gamma = 1.0 - target(&m.recycled_share, 0.0, c.base).0;
                            changed |= lever_row(
                                ui,
                                c,
                                &format!("{} — {}", m.name, tr(lang, "low-carbon primary")),
                                &mut m.low_carbon_share,
                                saved.map(|x| &x.low_carbon_share),
                                0.0,
                                0.0..=max_gamma.clamp(0.0, 1.0),
                                100.0,
                                " %",
                                Shape::Ramp,
                            );
                        }
                    });
            }

            // 3. Fuel switching per site.
            egui::CollapsingHeader::new(tr(lang, "Fuel switching"))
                .id_salt("fuelswitch")
                .show(ui, |ui| {
                    let fuel_ids: Vec<(String, String)> =
                        s.fuels.iter().map(|f| (f.id.clone(), f.name.clone())).collect();
                    for site in &mut s.sites {
                        ui.label(RichText::new(&site.name).strong());
                        let saved_site = c.saved_site(&site.id);
                        let mut remove = None;
                        for (k, rule) in site.fuel_switches.iter_mut().enumerate() {
                            let id = format!("{}-{k}", site.id);
                            ui.horizontal(|ui| {
                                changed |=
                                    fuel_combo(ui, &format!("{id}-from"), &mut rule.from, &fuel_ids, false);
                                ui.label("→");
                                changed |= fuel_combo(ui, &format!("{id}-to"), &mut rule.to, &fuel_ids, true);
                                changed |= ui
                                    .add(
                                        egui::DragValue::new(&mut rule.ratio)
                                            .range(0.05..=5.0)
                                            .speed(0.01),
                                    )
                                    .on_hover_text(format!("{}: {}", site.name, tr(lang, "ratio")))
                                    .changed();
                                if ui.small_button(tr(lang, "Remove")).clicked() {
                                    remove = Some(k);
                                }
                            });
                            let saved = saved_site.and_then(|x| x.fuel_switches.get(k)).map(|r| &r.share);
                            changed |= lever_row(
                                ui,
                                c,
                                &format!("{} {} → {}", site.name, rule.from, rule.to),
                                &mut rule.share,
                                saved,
                                0.0,
                                0.0..=1.0,
                                100.0,
                                " %",
                                Shape::Ramp,
                            );
                        }
                        if let Some(k) = remove {
                            site.fuel_switches.remove(k);
                            changed = true;
                        }
                        if let Some(first) = site.fuels.first().map(|f| f.fuel.clone())
                            && ui
                                .small_button(format!("{} — {}", tr(lang, "Add rule"), site.name))
                                .clicked()
                        {
                            site.fuel_switches.push(crate::model::FuelSwitch {
                                from: first,
                                to: ELECTRICITY.to_string(),
                                share: Path::default(),
                                ratio: 1.0,
                                source: String::new(),
                                assumption: Some("Added in the planner".into()),
                            });
                            changed = true;
                        }
                    }
                });

            // 4. PPA and own renewables.
            egui::CollapsingHeader::new(tr(lang, "PPA and own renewables"))
                .id_salt("ppa")
                .show(ui, |ui| {
                    changed |= ppa_ui(ui, s, c);
                });

            // Below the headline levers.
            egui::CollapsingHeader::new(tr(lang, "Efficiency"))
                .id_salt("eff")
                .show(ui, |ui| {
                    for site in &mut s.sites {
                        let saved = c.saved_site(&site.id);
                        changed |= lever_row(
                            ui,
                            c,
                            &format!("{} — {}", site.name, tr(lang, "electricity %/yr")),
                            &mut site.efficiency_electricity_pct,
                            saved.map(|x| &x.efficiency_electricity_pct),
                            0.0,
                            -10.0..=10.0,
                            1.0,
                            " %/yr",
                            Shape::Step,
                        );
                        changed |= lever_row(
                            ui,
                            c,
                            &format!("{} — {}", site.name, tr(lang, "fuel %/yr")),
                            &mut site.efficiency_fuel_pct,
                            saved.map(|x| &x.efficiency_fuel_pct),
                            0.0,
                            -15.0..=15.0,
                            1.0,
                            " %/yr",
                            Shape::Step,
                        );
                    }
                });
            egui::CollapsingHeader::new(tr(lang, "Process change"))
                .id_salt("proc")
                .show(ui, |ui| {
                    for site in s.sites.iter_mut().filter(|x| x.process_t_co2 > 0.0) {
                        let saved = c.saved_site(&site.id).map(|x| &x.process_change_share);
                        changed |= lever_row(
                            ui,
                            c,
                            &site.name,
                            &mut site.process_change_share,
                            saved,
                            0.0,
                            0.0..=1.0,
                            100.0,
                            " %",
                            Shape::Ramp,
                        );
                    }
                });
            egui::CollapsingHeader::new(tr(lang, "Grid emission factor"))
                .id_salt("grid")
                .show(ui, |ui| {
                    for (i, r) in s.regions.iter_mut().enumerate() {
                        ui.horizontal(|ui| {
                            let differs = c
                                .saved
                                .regions
                                .iter()
                                .find(|x| x.id == r.id)
                                .is_none_or(|x| x.ef_kg_per_kwh != r.ef_kg_per_kwh);
                            changed_mark(ui, lang, differs);
                            ui.label(&r.name);
                            let id = egui::Id::unique(("grid-scale", i));
                            let mut scale: f64 = ui.data_mut(|d| *d.get_temp_mut_or(id, 1.0));
                            ui.add(
                                egui::DragValue::new(&mut scale)
                                    .range(0.0..=3.0)
                                    .speed(0.01)
                                    .prefix("×"),
                            )
                            .on_hover_text(format!(
                                "{}: {}",
                                r.name,
                                tr(lang, "scale")
                            ));
                            ui.data_mut(|d| d.insert_temp(id, scale));
                            if ui
                                .button(tr(lang, "Apply"))
                                .on_hover_text(format!("{} × {scale:.2}", r.name))
                                .clicked()
                            {
                                for k in &mut r.ef_kg_per_kwh.0 {
                                    k.1 *= scale;
                                }
                                ui.data_mut(|d| d.insert_temp(id, 1.0));
                                changed = true;
                            }
                        });
                        changed |= keyframes_ui(
                            ui,
                            c,
                            &format!("ef-{i}"),
                            &r.name,
                            &mut r.ef_kg_per_kwh,
                            c.saved
                                .regions
                                .iter()
                                .find(|x| x.id == r.id)
                                .map(|x| &x.ef_kg_per_kwh),
                            (0.0, 2.0),
                        );
                    }
                });
            egui::CollapsingHeader::new(tr(lang, "Activity"))
                .id_salt("act")
                .show(ui, |ui| {
                    changed |= growth_ui(ui, s, c);
                    changed |=
                        site_paths_ui(ui, s, c, "act", |x| &mut x.activity, |x| &x.activity, (0.0, 10.0));
                });
            egui::CollapsingHeader::new(tr(lang, "Ownership"))
                .id_salt("own")
                .show(ui, |ui| {
                    changed |= site_paths_ui(
                        ui,
                        s,
                        c,
                        "own",
                        |x| &mut x.ownership,
                        |x| &x.ownership,
                        (0.0, 1.0),
                    );
                });
            egui::CollapsingHeader::new(tr(lang, "Credits"))
                .id_salt("cred")
                .show(ui, |ui| {
                    changed |= keyframes_ui(
                        ui,
                        c,
                        "credits",
                        "t-CO2/yr",
                        &mut s.credits.t_co2_per_yr,
                        Some(&c.saved.credits.t_co2_per_yr),
                        (0.0, 1e8),
                    );
                });
            egui::CollapsingHeader::new(tr(lang, "Carbon price"))
                .id_salt("cp")
                .show(ui, |ui| {
                    changed |= keyframes_ui(
                        ui,
                        c,
                        "carbon-price",
                        "JPY/t-CO2",
                        &mut s.carbon_price_jpy_per_t,
                        Some(&c.saved.carbon_price_jpy_per_t),
                        (0.0, 1e6),
                    );
                });
        });
    changed
}

/// A keyframe editor per site for one of its paths (activity, ownership).
fn site_paths_ui(
    ui: &mut Ui,
    s: &mut Scenario,
    c: &Ctx,
    id: &str,
    path: fn(&mut crate::model::Site) -> &mut Path,
    saved_path: fn(&crate::model::Site) -> &Path,
    range: (f64, f64),
) -> bool {
    let mut changed = false;
    for (i, site) in s.sites.iter_mut().enumerate() {
        let saved = c.saved_site(&site.id).map(saved_path);
        let name = site.name.clone();
        changed |= keyframes_ui(ui, c, &format!("{id}-{i}"), &name, path(site), saved, range);
    }
    changed
}

/// Activity growth shortcut: every site's index grows by g %/yr from a year (keyframes every
/// five years approximate the compound path).
fn growth_ui(ui: &mut Ui, s: &mut Scenario, c: &Ctx) -> bool {
    let lang = c.lang;
    let id = egui::Id::unique("activity-growth");
    let (mut g, mut from): (f64, i32) = ui.data_mut(|d| *d.get_temp_mut_or(id, (0.0, c.base + 1)));
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.add(
            egui::DragValue::new(&mut g)
                .range(-20.0..=20.0)
                .speed(0.1)
                .suffix(" %/yr"),
        )
        .on_hover_text(tr(lang, "growth %/yr"));
        ui.add(
            egui::DragValue::new(&mut from)
                .range(c.base + 1..=c.last)
                .prefix("FY"),
        )
        .on_hover_text(format!("{}: {}", tr(lang, "growth %/yr"), tr(lang, "from FY")));
        if ui
            .button(tr(lang, "Apply"))
            .on_hover_text(tr(lang, "All sites"))
            .clicked()
        {
            for site in &mut s.sites {
                let start = site.activity.value_or(from - 1, 1.0);
                let mut kept: Vec<(i32, f64)> = site
                    .activity
                    .0
                    .iter()
                    .copied()
                    .filter(|k| k.0 < from - 1)
                    .collect();
                if kept.is_empty() && from - 1 > c.base {
                    kept.push((c.base, 1.0));
                }
                kept.push((from - 1, start));
                let mut y = from - 1;
                while y < c.last {
                    y = (y + 5).min(c.last);
                    kept.push((y, start * (1.0 + g / 100.0).powi(y - (from - 1))));
                }
                site.activity = Path(kept);
            }
            changed = true;
        }
    });
    ui.data_mut(|d| d.insert_temp(id, (g, from)));
    changed
}

fn fuel_combo(
    ui: &mut Ui,
    id: &str,
    value: &mut String,
    fuels: &[(String, String)],
    electricity: bool,
) -> bool {
    let mut changed = false;
    let shown = if value == ELECTRICITY {
        "Electricity".to_string()
    } else {
        fuels
            .iter()
            .find(|f| &f.0 == value)
            .map_or(value.clone(), |f| f.1.clone())
    };
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (fid, name) in fuels {
                changed |= ui.selectable_value(value, fid.clone(), name).changed();
            }
            if electricity {
                changed |= ui
                    .selectable_value(value, ELECTRICITY.to_string(), "Electricity")
                    .changed();
            }
        })
        .response
        .on_hover_text(if electricity { "to" } else { "from" });
    changed
}

/// "All sites" and per-region CO2-free shortcuts: set every site's share to X from year Y.
fn shortcuts_ui(ui: &mut Ui, s: &mut Scenario, c: &Ctx) -> bool {
    let lang = c.lang;
    let mut changed = false;
    let id = egui::Id::unique("co2free-shortcut");
    let (mut share, mut year, mut region): (f64, i32, usize) =
        ui.data_mut(|d| *d.get_temp_mut_or(id, (100.0, (c.base + 1).max(2030.min(c.last)), 0)));
    ui.horizontal(|ui| {
        ui.add(egui::DragValue::new(&mut share).range(0.0..=100.0).suffix(" %"))
            .on_hover_text(format!("{}: {}", tr(lang, "All sites"), tr(lang, "share")));
        ui.add(
            egui::DragValue::new(&mut year)
                .range(c.base..=c.last)
                .prefix("FY"),
        )
        .on_hover_text(format!("{}: {}", tr(lang, "All sites"), tr(lang, "from FY")));
        let names: Vec<String> = std::iter::once(tr(lang, "All sites").to_string())
            .chain(s.regions.iter().map(|r| r.name.clone()))
            .collect();
        egui::ComboBox::from_id_salt("co2free-region")
            .selected_text(names.get(region).cloned().unwrap_or_default())
            .show_ui(ui, |ui| {
                for (i, n) in names.iter().enumerate() {
                    ui.selectable_value(&mut region, i, n);
                }
            })
            .response
            .on_hover_text(tr(lang, "Region"));
        if ui
            .button(tr(lang, "Apply"))
            .on_hover_text(fy(lang, year))
            .clicked()
        {
            let region_id = region
                .checked_sub(1)
                .and_then(|r| s.regions.get(r))
                .map(|r| r.id.clone());
            for site in &mut s.sites {
                if region_id.as_ref().is_none_or(|r| &site.region == r) {
                    let before = site.co2_free_share.value_or(year - 1, 0.0);
                    let mut kept: Vec<(i32, f64)> = site
                        .co2_free_share
                        .0
                        .iter()
                        .copied()
                        .filter(|k| k.0 < year - 1)
                        .collect();
                    if year > c.base {
                        kept.push((year - 1, before));
                    }
                    kept.push((year, share / 100.0));
                    site.co2_free_share = Path(kept);
                }
            }
            changed = true;
        }
    });
    ui.data_mut(|d| d.insert_temp(id, (share, year, region)));
    changed
}

fn ppa_ui(ui: &mut Ui, s: &mut Scenario, c: &Ctx) -> bool {
    let lang = c.lang;
    let mut changed = false;
    let site_ids: Vec<(String, String)> = s.sites.iter().map(|x| (x.id.clone(), x.name.clone())).collect();
    let mut remove = None;
    for (i, p) in s.ppas.iter_mut().enumerate() {
        let saved = c.saved.ppas.iter().find(|x| x.id == p.id);
        ui.label(RichText::new(&p.name).strong());
        changed |= lever_row(
            ui,
            c,
            &format!("{} — {}", p.name, tr(lang, "capacity MW")),
            &mut p.capacity_mw,
            saved.map(|x| &x.capacity_mw),
            0.0,
            0.0..=500.0,
            1.0,
            " MW",
            Shape::Step,
        );
        ui.horizontal(|ui| {
            changed |= ui
                .add(
                    egui::DragValue::new(&mut p.yield_mwh_per_mw)
                        .range(0.0..=8784.0)
                        .speed(5.0),
                )
                .on_hover_text(format!("{}: {}", p.name, tr(lang, "yield MWh/MW")))
                .changed();
            ui.label(tr(lang, "yield MWh/MW"));
            egui::ComboBox::from_id_salt(("ppa-kind", i))
                .selected_text(format!("{:?}", p.kind))
                .show_ui(ui, |ui| {
                    for k in [PpaKind::OnSite, PpaKind::OffSite, PpaKind::Virtual] {
                        changed |= ui.selectable_value(&mut p.kind, k, format!("{k:?}")).changed();
                    }
                })
                .response
                .on_hover_text(format!("{}: kind", p.name));
            if ui
                .small_button(tr(lang, "Remove"))
                .on_hover_text(p.name.clone())
                .clicked()
            {
                remove = Some(i);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(lang, "sites served"));
            for (sid, name) in &site_ids {
                let mut on = p.allocation.iter().any(|a| &a.0 == sid);
                if ui.checkbox(&mut on, name).changed() {
                    if on {
                        p.allocation.push((sid.clone(), 0.0));
                    } else {
                        p.allocation.retain(|a| &a.0 != sid);
                    }
                    // Shares follow each site's base-year electricity demand is not known here;
                    // split equally (editable in the file).
                    let n = p.allocation.len().max(1) as f64;
                    for a in &mut p.allocation {
                        a.1 = 1.0 / n;
                    }
                    changed = true;
                }
            }
        });
    }
    if let Some(i) = remove {
        s.ppas.remove(i);
        changed = true;
    }
    if let Some(first) = s.sites.first()
        && ui.button(tr(lang, "Add PPA")).clicked()
    {
        let n = s.ppas.len() + 1;
        s.ppas.push(Ppa {
            id: format!("ppa_{n}"),
            name: format!("New PPA {n}"),
            kind: PpaKind::OffSite,
            capacity_mw: Path(vec![
                (c.base.max(c.last.min(2025)) - 1, 0.0),
                (c.base.max(c.last.min(2025)), 1.0),
            ]),
            yield_mwh_per_mw: 1100.0,
            allocation: vec![(first.id.clone(), 1.0)],
            price_jpy_per_mwh: Path::default(),
            capex_jpy_per_mw: 0.0,
            source: String::new(),
            assumption: Some("Added in the planner".into()),
        });
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_target_makes_steps_ramps_and_moves_the_last_keyframe() {
        let mut p = Path::default();
        set_target(&mut p, 1.0, 2030, 0.0, 2018, 2050, Shape::Step);
        assert_eq!(p.0, vec![(2029, 0.0), (2030, 1.0)]);
        set_target(&mut p, 0.5, 2035, 0.0, 2018, 2050, Shape::Step);
        assert_eq!(p.0, vec![(2029, 0.0), (2035, 0.5)]);
        let mut r = Path(vec![(2018, 0.2)]);
        set_target(&mut r, 0.5, 2040, 0.0, 2018, 2050, Shape::Ramp);
        assert_eq!(r.0, vec![(2018, 0.2), (2040, 0.5)]);
        let mut q = Path(vec![(2020, 0.0), (2021, 1.0)]);
        set_target(&mut q, 0.7, 2019, 0.0, 2018, 2050, Shape::Step);
        assert_eq!(q.0, vec![(2020, 0.0), (2021, 0.7)]);
    }
}
