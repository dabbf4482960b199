//! The lever panel: reads the document and returns lever edits (applied by the app right
//! after the panel). Long site lists lay out only their visible rows and can be filtered, so a
//! group of a thousand sites stays as live as one of fourteen.

mod prices;
mod row;
mod sections;

pub use prices::CARBON_PRESETS;
pub use row::{LeverSpec, lever_row, row_height};

use crate::app::UiState;
use crate::app::document::Document;
use crate::engine::levers::LeverRef;
use crate::i18n::{Lang, tr};
use crate::model::edit::{Edit, PathRef, Shape};
use crate::model::{Path, Scenario};
use crate::units::Units;
use egui::Ui;

/// Site lists longer than this lay out only their visible rows and get a filter.
pub const LONG_LIST: usize = 20;

/// What the panel asks for.
#[derive(Default)]
pub struct LeverOutput {
    pub edits: Vec<Edit>,
    /// The lever the edits are about (for the note under its row).
    pub touched: Option<LeverRef>,
}

/// What every row reads.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub units: Units,
    pub base: i32,
    pub last: i32,
    /// The year tooltips and notes speak of (the first target's).
    pub focus: i32,
    pub doc: &'a Document,
    pub last_edited: Option<LeverRef>,
}

impl<'a> Ctx<'a> {
    fn saved(&self) -> &'a Scenario {
        self.doc.saved()
    }

    /// The saved version of a lever path, matched by the ids of its site, material, PPA or
    /// region (rules by their place in the site).
    pub fn saved_path(&self, r: PathRef) -> Option<&'a Path> {
        let s = self.doc.scenario();
        let sv = self.saved();
        let site = |i: usize| s.sites.get(i).and_then(|x| sv.site_index(&x.id));
        let mat = |i: usize| {
            s.materials
                .get(i)
                .and_then(|x| sv.materials.iter().position(|m| m.id == x.id))
        };
        let ppa = |i: usize| {
            sv.ppas
                .iter()
                .position(|p| s.ppas.get(i).is_some_and(|x| x.id == p.id))
        };
        let saved_ref = match r {
            PathRef::SiteCo2Free(i) => PathRef::SiteCo2Free(site(i)?),
            PathRef::SiteFuelSwitch(i, k) => PathRef::SiteFuelSwitch(site(i)?, k),
            PathRef::MaterialRecycled(i) => PathRef::MaterialRecycled(mat(i)?),
            PathRef::MaterialLowCarbon(i) => PathRef::MaterialLowCarbon(mat(i)?),
            PathRef::PpaCapacity(i) => PathRef::PpaCapacity(ppa(i)?),
            PathRef::SiteEfficiencyElectricity(i) => PathRef::SiteEfficiencyElectricity(site(i)?),
            PathRef::SiteEfficiencyFuel(i) => PathRef::SiteEfficiencyFuel(site(i)?),
            PathRef::SiteProcessChange(i) => PathRef::SiteProcessChange(site(i)?),
            PathRef::RegionEf(i) => PathRef::RegionEf(sv.region_index(&s.regions.get(i)?.id)?),
            PathRef::SiteActivity(i) => PathRef::SiteActivity(site(i)?),
            PathRef::SiteOwnership(i) => PathRef::SiteOwnership(site(i)?),
            PathRef::Credits => PathRef::Credits,
            PathRef::CarbonPrice => PathRef::CarbonPrice,
            PathRef::RegionPowerPrice(i) => {
                PathRef::RegionPowerPrice(sv.region_index(&s.regions.get(i)?.id)?)
            }
            PathRef::RegionPremium(i) => PathRef::RegionPremium(sv.region_index(&s.regions.get(i)?.id)?),
            PathRef::SitePremium(i) => PathRef::SitePremium(site(i)?),
            PathRef::SiteProcessOpex(i) => PathRef::SiteProcessOpex(site(i)?),
            PathRef::FuelPrice(i) => PathRef::FuelPrice(
                sv.fuels
                    .iter()
                    .position(|f| s.fuels.get(i).is_some_and(|x| x.id == f.id))?,
            ),
            PathRef::PpaPrice(i) => PathRef::PpaPrice(ppa(i)?),
            PathRef::PpaOpex(i) => PathRef::PpaOpex(ppa(i)?),
            PathRef::MaterialRecycledPrice(i) => PathRef::MaterialRecycledPrice(mat(i)?),
            PathRef::MaterialLowCarbonPrice(i) => PathRef::MaterialLowCarbonPrice(mat(i)?),
            PathRef::CreditPrice => PathRef::CreditPrice,
        };
        saved_ref.get(sv)
    }
}

/// Indices of the sites the filter lets through (all when the filter is empty).
pub fn filtered_sites(s: &Scenario, filter: &str, keep: impl Fn(usize) -> bool) -> Vec<usize> {
    let f = filter.trim().to_lowercase();
    (0..s.sites.len())
        .filter(|&i| keep(i))
        .filter(|&i| {
            f.is_empty()
                || s.sites[i].name.to_lowercase().contains(&f)
                || s.sites[i].id.to_lowercase().contains(&f)
        })
        .collect()
}

/// Rows of a per-site list: all of them when few, else only the visible ones inside a
/// scrolled box of fixed height.
pub fn site_rows(
    ui: &mut Ui,
    id: &str,
    sites: &[usize],
    rows_per_site: usize,
    mut row: impl FnMut(&mut Ui, usize),
) {
    if sites.len() <= LONG_LIST {
        for &i in sites {
            row(ui, i);
        }
        return;
    }
    let h = row_height(ui) * rows_per_site as f32;
    egui::ScrollArea::vertical()
        .id_salt(("site-rows", id))
        .max_height(h * 8.0)
        .auto_shrink([false, true])
        .show_rows(ui, h - ui.spacing().item_spacing.y, sites.len(), |ui, range| {
            for k in range {
                ui.push_id(sites[k], |ui| row(ui, sites[k]));
            }
        });
}

/// The whole panel.
pub fn levers_ui(ui: &mut Ui, doc: &Document, state: &mut UiState, lang: Lang, units: Units) -> LeverOutput {
    let s = doc.scenario();
    let c = Ctx {
        lang,
        units,
        base: s.base_year,
        last: s.last_year,
        focus: doc.focus_year(),
        doc,
        last_edited: state.last_edited,
    };
    let mut out = LeverOutput::default();
    egui::ScrollArea::vertical()
        .id_salt("levers-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(tr(lang, "Levers"));
            if s.sites.len() > LONG_LIST {
                ui.horizontal(|ui| {
                    ui.label(format!("{} ({})", tr(lang, "Find site"), s.sites.len()));
                    let r = ui.add(egui::TextEdit::singleline(&mut state.site_filter).desired_width(180.0));
                    crate::app::widgets::name_it(ui, &r, tr(lang, "Find site"));
                });
            }
            let filter = state.site_filter.clone();

            // 1. CO2-free power per site, with all-sites and per-region shortcuts.
            egui::CollapsingHeader::new(tr(lang, "CO2-free power"))
                .id_salt("co2free")
                .default_open(true)
                .show(ui, |ui| {
                    sections::shortcuts_ui(ui, &c, state, &mut out);
                    let sites = filtered_sites(s, &filter, |_| true);
                    site_rows(ui, "co2free", &sites, 1, |ui, i| {
                        let name = &s.sites[i].name;
                        lever_row(
                            ui,
                            &c,
                            LeverSpec {
                                name,
                                access: name.clone(),
                                path: PathRef::SiteCo2Free(i),
                                lever: Some(LeverRef::Co2Free { site: i }),
                                default: 0.0,
                                range: 0.0..=1.0,
                                scale: 100.0,
                                suffix: " %",
                                shape: Shape::Step,
                            },
                            &mut out,
                        );
                    });
                });

            // 2. Recycle ratio per material.
            if !s.materials.is_empty() {
                egui::CollapsingHeader::new(tr(lang, "Recycle ratio"))
                    .id_salt("recycle")
                    .default_open(true)
                    .show(ui, |ui| {
                        for (mi, m) in s.materials.iter().enumerate() {
                            ui.add(egui::Label::new(egui::RichText::new(&m.name).strong()).truncate());
                            // The other share caps the range: ρ + γ ≤ 1.
                            for (name, short, path, lever, other) in [
                                (
                                    "Recycled share",
                                    "recycled",
                                    PathRef::MaterialRecycled(mi),
                                    LeverRef::Recycled { material: mi },
                                    &m.low_carbon_share,
                                ),
                                (
                                    "Low-carbon primary share",
                                    "low-carbon primary",
                                    PathRef::MaterialLowCarbon(mi),
                                    LeverRef::LowCarbon { material: mi },
                                    &m.recycled_share,
                                ),
                            ] {
                                let floor = s.first_plan_year() - 1;
                                let max =
                                    1.0 - crate::model::edit::lever_target(other, 0.0, floor, c.focus).0;
                                lever_row(
                                    ui,
                                    &c,
                                    LeverSpec {
                                        name: tr(lang, name),
                                        access: format!("{} — {}", m.name, tr(lang, short)),
                                        path,
                                        lever: Some(lever),
                                        default: 0.0,
                                        range: 0.0..=max.clamp(0.0, 1.0),
                                        scale: 100.0,
                                        suffix: " %",
                                        shape: Shape::Ramp,
                                    },
                                    &mut out,
                                );
                            }
                        }
                    });
            }

            // 3. Fuel switching.
            egui::CollapsingHeader::new(tr(lang, "Fuel switching"))
                .id_salt("fuelswitch")
                .show(ui, |ui| sections::fuel_switch_ui(ui, &c, &filter, &mut out));

            // 4. PPA and own renewables.
            egui::CollapsingHeader::new(tr(lang, "PPA and own renewables"))
                .id_salt("ppa")
                .show(ui, |ui| sections::ppa_ui(ui, &c, &mut out));

            // 5. Efficiency.
            egui::CollapsingHeader::new(tr(lang, "Efficiency"))
                .id_salt("eff")
                .show(ui, |ui| {
                    let sites = filtered_sites(s, &filter, |_| true);
                    site_rows(ui, "eff", &sites, 2, |ui, i| {
                        let name = &s.sites[i].name;
                        for (label, path, lever, range) in [
                            (
                                "electricity %/yr",
                                PathRef::SiteEfficiencyElectricity(i),
                                LeverRef::EfficiencyElectricity { site: i },
                                -10.0..=10.0,
                            ),
                            (
                                "fuel %/yr",
                                PathRef::SiteEfficiencyFuel(i),
                                LeverRef::EfficiencyFuel { site: i },
                                -15.0..=15.0,
                            ),
                        ] {
                            let shown = format!("{name} — {}", tr(lang, label));
                            lever_row(
                                ui,
                                &c,
                                LeverSpec {
                                    name: &shown,
                                    access: shown.clone(),
                                    path,
                                    lever: Some(lever),
                                    default: 0.0,
                                    range,
                                    scale: 1.0,
                                    suffix: " %/yr",
                                    shape: Shape::Step,
                                },
                                &mut out,
                            );
                        }
                    });
                });

            // 6. Process change.
            egui::CollapsingHeader::new(tr(lang, "Process change"))
                .id_salt("proc")
                .show(ui, |ui| {
                    let sites = filtered_sites(s, &filter, |i| s.sites[i].process_t_co2 > 0.0);
                    if sites.is_empty() {
                        ui.label(tr(lang, "No site reports process emissions."));
                    }
                    site_rows(ui, "proc", &sites, 1, |ui, i| {
                        let name = &s.sites[i].name;
                        let access = format!("{name} — {}", tr(lang, "Process change"));
                        lever_row(
                            ui,
                            &c,
                            LeverSpec {
                                name,
                                access,
                                path: PathRef::SiteProcessChange(i),
                                lever: Some(LeverRef::ProcessChange { site: i }),
                                default: 0.0,
                                range: 0.0..=1.0,
                                scale: 100.0,
                                suffix: " %",
                                shape: Shape::Ramp,
                            },
                            &mut out,
                        );
                    });
                });

            sections::assumptions_ui(ui, &c, state, &filter, &mut out);
            prices::prices_ui(ui, &c, &filter, &mut out);
        });
    out
}
