//! The lever sections beyond the per-site sliders: CO2-free shortcuts, fuel switching, PPAs,
//! and the assumptions (grid factor, activity, ownership, credits, carbon price).

use super::row::keyframes_ui;
use super::{Ctx, LONG_LIST, LeverOutput, LeverSpec, filtered_sites, lever_row};
use crate::app::UiState;
use crate::app::widgets::{name_it, number_field, year_field};
use crate::engine::levers::LeverRef;
use crate::i18n::{fy, tr};
use crate::model::edit::{Edit, PathRef, Shape};
use crate::model::{ELECTRICITY, PpaKind, Scenario};
use egui::{RichText, Ui};

/// "All sites" and per-region CO2-free shortcuts: every site at X % from year Y. A shortcut
/// that changes nothing says so in the status bar.
pub fn shortcuts_ui(ui: &mut Ui, c: &Ctx, state: &mut UiState, out: &mut LeverOutput) {
    let s = c.doc.scenario();
    let lang = c.lang;
    if state.shortcut_year == 0 {
        state.shortcut_share_pct = 100.0;
        state.shortcut_year = c.focus.max(s.first_plan_year());
    }
    // A region of another file is no region of this one.
    if state
        .shortcut_region
        .as_ref()
        .is_some_and(|r| s.region_index(r).is_none())
    {
        state.shortcut_region = None;
    }
    ui.horizontal_wrapped(|ui| {
        number_field(
            ui,
            &mut state.shortcut_share_pct,
            0.0..=100.0,
            1.0,
            " %",
            &format!("{}: {}", tr(lang, "All sites"), tr(lang, "share")),
        );
        year_field(
            ui,
            &mut state.shortcut_year,
            s.first_plan_year()..=c.last,
            &format!("{}: {}", tr(lang, "All sites"), tr(lang, "from FY")),
        );
        let shown = state
            .shortcut_region
            .as_ref()
            .and_then(|r| s.regions.iter().find(|x| &x.id == r))
            .map_or_else(|| tr(lang, "All sites").to_string(), |r| r.name.clone());
        let r = egui::ComboBox::from_id_salt("co2free-region")
            .selected_text(shown)
            .width(140.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.shortcut_region, None, tr(lang, "All sites"));
                for reg in &s.regions {
                    ui.selectable_value(&mut state.shortcut_region, Some(reg.id.clone()), &reg.name);
                }
            });
        name_it(ui, &r.response, tr(lang, "Region"));
        let (share, year) = (state.shortcut_share_pct, state.shortcut_year);
        if ui
            .button(tr(lang, "Apply"))
            .on_hover_text(format!("{share:.0} % {}", fy(lang, year)))
            .clicked()
        {
            out.edits.push(Edit::Co2FreeShortcut {
                region: state.shortcut_region.clone(),
                share: share / 100.0,
                year,
            });
        }
    });
}

/// A fuel's name (or "Electricity").
fn carrier_name(s: &Scenario, id: &str, lang: crate::i18n::Lang) -> String {
    crate::explain::carrier_name(s, id, tr(lang, "Electricity"))
}

/// Rules of the sites that have any, and "Add rule" for a chosen site. New rules start in the
/// year after the latest actual.
pub fn fuel_switch_ui(ui: &mut Ui, c: &Ctx, filter: &str, out: &mut LeverOutput) {
    let s = c.doc.scenario();
    let lang = c.lang;
    let with_rules = filtered_sites(s, filter, |i| !s.sites[i].fuel_switches.is_empty());
    if with_rules.is_empty() {
        ui.label(tr(lang, "No fuel-switching rule yet."));
    }
    for i in with_rules {
        let site = &s.sites[i];
        ui.push_id(("fs", i), |ui| {
            ui.add(egui::Label::new(RichText::new(&site.name).strong()).truncate());
            for (k, rule) in site.fuel_switches.iter().enumerate() {
                ui.push_id(k, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        let mut from = rule.from.clone();
                        let mut to = rule.to.clone();
                        let mut changed = false;
                        let r = egui::ComboBox::from_id_salt("from")
                            .selected_text(carrier_name(s, &from, lang))
                            .width(120.0)
                            .show_ui(ui, |ui| {
                                for f in &site.fuels {
                                    changed |= ui
                                        .selectable_value(
                                            &mut from,
                                            f.fuel.clone(),
                                            carrier_name(s, &f.fuel, lang),
                                        )
                                        .changed();
                                }
                            });
                        name_it(ui, &r.response, &format!("{}: {}", site.name, tr(lang, "from")));
                        ui.label("→");
                        let r = egui::ComboBox::from_id_salt("to")
                            .selected_text(carrier_name(s, &to, lang))
                            .width(120.0)
                            .show_ui(ui, |ui| {
                                for f in &s.fuels {
                                    changed |= ui.selectable_value(&mut to, f.id.clone(), &f.name).changed();
                                }
                                changed |= ui
                                    .selectable_value(
                                        &mut to,
                                        ELECTRICITY.to_string(),
                                        tr(lang, "Electricity"),
                                    )
                                    .changed();
                            });
                        name_it(ui, &r.response, &format!("{}: {}", site.name, tr(lang, "to")));
                        if changed {
                            out.edits.push(Edit::SetFuelSwitchCarriers {
                                site: i,
                                rule: k,
                                from,
                                to,
                            });
                        }
                        let mut ratio = rule.ratio;
                        ui.label(tr(lang, "ratio"));
                        if number_field(
                            ui,
                            &mut ratio,
                            0.05..=5.0,
                            0.01,
                            "",
                            &format!("{}: {}", site.name, tr(lang, "ratio")),
                        ) {
                            out.edits.push(Edit::SetFuelSwitchRatio {
                                site: i,
                                rule: k,
                                ratio,
                            });
                        }
                        if ui.small_button(tr(lang, "Remove")).clicked() {
                            out.edits.push(Edit::RemoveFuelSwitch { site: i, rule: k });
                        }
                    });
                    let name = format!(
                        "{} → {}",
                        carrier_name(s, &rule.from, lang),
                        carrier_name(s, &rule.to, lang)
                    );
                    lever_row(
                        ui,
                        c,
                        LeverSpec {
                            name: &name,
                            access: format!("{} {name}", site.name),
                            path: PathRef::SiteFuelSwitch(i, k),
                            lever: Some(LeverRef::FuelSwitch { site: i, rule: k }),
                            default: 0.0,
                            range: 0.0..=1.0,
                            scale: 100.0,
                            suffix: " %",
                            shape: Shape::Ramp,
                        },
                        out,
                    );
                });
            }
        });
    }
    // Add a rule at a site that uses fuel.
    let candidates: Vec<usize> = filtered_sites(s, filter, |i| !s.sites[i].fuels.is_empty());
    if candidates.is_empty() {
        return;
    }
    let id = egui::Id::unique("fs-add-site");
    let mut pick: usize = ui.data_mut(|d| *d.get_temp_mut_or(id, candidates[0]));
    if !candidates.contains(&pick) {
        pick = candidates[0];
    }
    ui.horizontal_wrapped(|ui| {
        let r = egui::ComboBox::from_id_salt("fs-add")
            .selected_text(s.sites[pick].name.clone())
            .width(200.0)
            .show_ui(ui, |ui| {
                for &i in candidates.iter().take(500) {
                    ui.selectable_value(&mut pick, i, &s.sites[i].name);
                }
            });
        name_it(ui, &r.response, tr(lang, "Site of the new rule"));
        let start = s.first_plan_year();
        if ui
            .button(tr(lang, "Add rule"))
            .on_hover_text(format!("{} {}", tr(lang, "starts in"), fy(lang, start)))
            .clicked()
        {
            out.edits.push(Edit::AddFuelSwitch { site: pick, start });
        }
    });
    ui.data_mut(|d| d.insert_temp(id, pick));
}

pub fn ppa_ui(ui: &mut Ui, c: &Ctx, out: &mut LeverOutput) {
    let s = c.doc.scenario();
    let lang = c.lang;
    for (i, p) in s.ppas.iter().enumerate() {
        ui.push_id(("ppa", i), |ui| {
            ui.add(egui::Label::new(RichText::new(&p.name).strong()).truncate());
            lever_row(
                ui,
                c,
                LeverSpec {
                    name: tr(lang, "capacity MW"),
                    access: format!("{} — {}", p.name, tr(lang, "capacity MW")),
                    path: PathRef::PpaCapacity(i),
                    lever: Some(LeverRef::Ppa { ppa: i }),
                    default: 0.0,
                    range: 0.0..=500.0,
                    scale: 1.0,
                    suffix: " MW",
                    shape: Shape::Step,
                },
                out,
            );
            ui.horizontal_wrapped(|ui| {
                let mut y = p.yield_mwh_per_mw;
                ui.label(tr(lang, "yield MWh/MW"));
                if number_field(
                    ui,
                    &mut y,
                    0.0..=8784.0,
                    5.0,
                    "",
                    &format!("{}: {}", p.name, tr(lang, "yield MWh/MW")),
                ) {
                    out.edits.push(Edit::SetPpaYield(i, y));
                }
                let mut kind = p.kind;
                let kind_name = |k: PpaKind| match k {
                    PpaKind::OnSite => tr(lang, "On-site"),
                    PpaKind::OffSite => tr(lang, "Off-site"),
                    PpaKind::Virtual => tr(lang, "Virtual (certificates)"),
                };
                let r = egui::ComboBox::from_id_salt("kind")
                    .selected_text(kind_name(kind))
                    .show_ui(ui, |ui| {
                        for k in [PpaKind::OnSite, PpaKind::OffSite, PpaKind::Virtual] {
                            ui.selectable_value(&mut kind, k, kind_name(k));
                        }
                    });
                name_it(ui, &r.response, &format!("{}: kind", p.name));
                if kind != p.kind {
                    out.edits.push(Edit::SetPpaKind(i, kind));
                }
                if ui
                    .small_button(tr(lang, "Remove"))
                    .on_hover_text(p.name.clone())
                    .clicked()
                {
                    out.edits.push(Edit::RemovePpa(i));
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(tr(lang, "sites served"));
                for (sid, share) in &p.allocation {
                    let name = s
                        .sites
                        .iter()
                        .find(|x| &x.id == sid)
                        .map_or(sid.as_str(), |x| x.name.as_str());
                    let r = ui
                        .small_button(format!("{name} {:.0} % ×", share * 100.0))
                        .on_hover_text(tr(lang, "Stop serving this site"));
                    if r.clicked() {
                        out.edits.push(Edit::SetPpaServes {
                            ppa: i,
                            site: sid.clone(),
                            on: false,
                        });
                    }
                }
                let mut add: Option<String> = None;
                let r = egui::ComboBox::from_id_salt("serve-add")
                    .selected_text(tr(lang, "Serve also…"))
                    .width(140.0)
                    .show_ui(ui, |ui| {
                        for x in s
                            .sites
                            .iter()
                            .filter(|x| !p.allocation.iter().any(|a| a.0 == x.id))
                            .take(500)
                        {
                            if ui.selectable_label(false, &x.name).clicked() {
                                add = Some(x.id.clone());
                            }
                        }
                    });
                name_it(
                    ui,
                    &r.response,
                    &format!("{}: {}", p.name, tr(lang, "Serve also…")),
                );
                if let Some(site) = add {
                    out.edits.push(Edit::SetPpaServes {
                        ppa: i,
                        site,
                        on: true,
                    });
                }
            });
            ui.separator();
        });
    }
    let start = s.first_plan_year();
    if !s.sites.is_empty()
        && ui
            .button(tr(lang, "Add PPA"))
            .on_hover_text(format!(
                "{} {}; {}",
                tr(lang, "starts in"),
                fy(lang, start),
                tr(
                    lang,
                    "serves the site with the largest grid purchase not yet CO2-free"
                )
            ))
            .clicked()
        && let Some(site) = crate::explain::ppa_default_site(s, c.doc.projection(), start)
    {
        out.edits.push(Edit::AddPpa { site, start });
    }
}

/// Assumptions rather than levers: grid factor, activity, ownership; then credits (the carbon
/// price is with the other prices).
pub fn assumptions_ui(ui: &mut Ui, c: &Ctx, state: &mut UiState, filter: &str, out: &mut LeverOutput) {
    let s = c.doc.scenario();
    let lang = c.lang;
    egui::CollapsingHeader::new(tr(lang, "Grid emission factor"))
        .id_salt("grid")
        .show(ui, |ui| {
            state.grid_scale.resize(s.regions.len(), 1.0);
            for (i, r) in s.regions.iter().enumerate() {
                ui.push_id(("grid", i), |ui| {
                    ui.horizontal(|ui| {
                        let scale = &mut state.grid_scale[i];
                        ui.label(tr(lang, "scale"));
                        number_field(
                            ui,
                            scale,
                            0.0..=3.0,
                            0.01,
                            "",
                            &format!("{}: {}", r.name, tr(lang, "scale")),
                        );
                        if ui
                            .button(tr(lang, "Apply"))
                            .on_hover_text(format!("{} × {:.2}", r.name, scale))
                            .clicked()
                        {
                            out.edits.push(Edit::ScaleGrid {
                                region: i,
                                factor: *scale,
                            });
                            *scale = 1.0;
                        }
                    });
                    keyframes_ui(
                        ui,
                        c,
                        &format!("ef-{i}"),
                        &r.name,
                        PathRef::RegionEf(i),
                        (0.0, 2.0),
                        out,
                    );
                });
            }
        });
    egui::CollapsingHeader::new(tr(lang, "Activity"))
        .id_salt("act")
        .show(ui, |ui| {
            if state.growth_from == 0 {
                state.growth_from = s.first_plan_year();
            }
            ui.horizontal_wrapped(|ui| {
                number_field(
                    ui,
                    &mut state.growth_pct_per_yr,
                    -20.0..=20.0,
                    0.1,
                    " %/yr",
                    tr(lang, "growth %/yr"),
                );
                year_field(
                    ui,
                    &mut state.growth_from,
                    s.first_plan_year()..=c.last.max(c.base + 1),
                    &format!("{}: {}", tr(lang, "growth %/yr"), tr(lang, "from FY")),
                );
                if ui
                    .button(tr(lang, "Apply"))
                    .on_hover_text(tr(lang, "All sites"))
                    .clicked()
                {
                    out.edits.push(Edit::ActivityGrowth {
                        pct_per_yr: state.growth_pct_per_yr,
                        from: state.growth_from,
                    });
                }
            });
            site_keyframes(ui, c, filter, "act", PathRef::SiteActivity, (0.0, 10.0), out);
        });
    egui::CollapsingHeader::new(tr(lang, "Ownership"))
        .id_salt("own")
        .show(ui, |ui| {
            site_keyframes(ui, c, filter, "own", PathRef::SiteOwnership, (0.0, 1.0), out);
        });
    egui::CollapsingHeader::new(tr(lang, "Credits"))
        .id_salt("cred")
        .show(ui, |ui| {
            keyframes_ui(ui, c, "credits", "t-CO2/yr", PathRef::Credits, (0.0, 1e8), out);
        });
}

/// A keyframe editor per site for one of its paths; long lists show the first sites that
/// match the filter.
fn site_keyframes(
    ui: &mut Ui,
    c: &Ctx,
    filter: &str,
    id: &str,
    path: fn(usize) -> PathRef,
    range: (f64, f64),
    out: &mut LeverOutput,
) {
    let s = c.doc.scenario();
    let sites = filtered_sites(s, filter, |_| true);
    for &i in sites.iter().take(LONG_LIST) {
        ui.push_id((id, i), |ui| {
            keyframes_ui(ui, c, &format!("{id}-{i}"), &s.sites[i].name, path(i), range, out);
        });
    }
    if sites.len() > LONG_LIST {
        ui.label(
            RichText::new(format!(
                "{} {} — {}",
                sites.len() - LONG_LIST,
                tr(c.lang, "more sites"),
                tr(c.lang, "type in Find site to reach one")
            ))
            .weak(),
        );
    }
}
