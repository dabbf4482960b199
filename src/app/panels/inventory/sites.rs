//! The Sites tab: the list of sites (add, select, move, remove) and the selected site's form,
//! its base-year fuel use and its own generation.

use super::columns;
use super::table::{self, Lists};
use crate::app::inventory::InventoryState;
use crate::i18n::{Lang, tr};
use crate::model::structure::{self, Kind};
use crate::model::validate::Problem;
use crate::model::{FuelUse, OwnGeneration, Path, Scenario, Site};

/// A new site in the first region, with nothing yet.
pub fn new_site(s: &Scenario) -> Site {
    let id = structure::fresh_id(s, Kind::Site, &format!("site_{}", s.sites.len() + 1));
    Site {
        name: id.replace('_', " "),
        id,
        region: s.regions.first().map(|r| r.id.clone()).unwrap_or_default(),
        production_t: 0.0,
        electricity_mwh: 0.0,
        fuels: Vec::new(),
        process_t_co2: 0.0,
        own_generation: Vec::new(),
        activity: Path::default(),
        ownership: Path::default(),
        co2_free_share: Path::default(),
        co2_free_premium_jpy_per_mwh: Path::default(),
        fuel_switches: Vec::new(),
        efficiency_electricity_pct: Path::default(),
        efficiency_fuel_pct: Path::default(),
        measures: Vec::new(),
        efficiency_capex_jpy_per_mwh_yr: None,
        efficiency_capex_jpy_per_gj_yr: None,
        efficiency_lifetime_years: 15,
        process_change_share: Path::default(),
        process_change_capex_jpy: None,
        process_change_lifetime_years: 20,
        process_change_opex_jpy_per_yr: Path::default(),
        source: String::new(),
        assumption: None,
        price_assumption: None,
    }
}

/// Returns whether the draft changed, and a removal to ask about.
pub fn sites_ui(
    ui: &mut egui::Ui,
    inv: &mut InventoryState,
    saved: &Scenario,
    lists: &Lists,
    problems: &[Problem],
    lang: Lang,
) -> (bool, Option<(Kind, usize)>) {
    let Some(s) = inv.draft.as_mut() else {
        return (false, None);
    };
    let mut changed = false;
    let mut ask = None;
    let n = s.sites.len();
    inv.site = inv.site.min(n.saturating_sub(1));
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(220.0);
            if s.regions.is_empty() {
                ui.label(tr(lang, "Add a grid region first."));
            } else if ui.button(tr(lang, "Add site")).clicked() {
                let site = new_site(s);
                s.sites.push(site);
                inv.site = s.sites.len() - 1;
                changed = true;
            }
            for (i, x) in s.sites.iter().enumerate() {
                let bad = table::problems_of(problems, &format!("sites[{i}]"))
                    .next()
                    .is_some();
                let mark = match saved.sites.iter().find(|y| y.id == x.id) {
                    None => format!(" ({})", tr(lang, "new")),
                    Some(y) if y != x => format!(" ({})", tr(lang, "changed")),
                    Some(_) => String::new(),
                };
                let mut text = egui::RichText::new(format!("{}{mark}", x.name));
                if bad {
                    text = text.color(table::RED);
                }
                if ui.selectable_label(inv.site == i, text).clicked() {
                    inv.site = i;
                }
            }
        });
        ui.separator();
        ui.vertical(|ui| {
            let i = inv.site;
            if i >= s.sites.len() {
                ui.label(tr(
                    lang,
                    "No site yet: Add site, then enter its base-year inventory.",
                ));
                return;
            }
            ui.horizontal(|ui| {
                if ui.add_enabled(i > 0, egui::Button::new(tr(lang, "Up"))).clicked()
                    && structure::move_item(s, Kind::Site, i, true)
                {
                    inv.site -= 1;
                    inv.cells = Default::default();
                    changed = true;
                }
                if ui
                    .add_enabled(i + 1 < n, egui::Button::new(tr(lang, "Down")))
                    .clicked()
                    && structure::move_item(s, Kind::Site, i, false)
                {
                    inv.site += 1;
                    inv.cells = Default::default();
                    changed = true;
                }
                if ui.button(tr(lang, "Remove site…")).clicked() {
                    ask = Some((Kind::Site, i));
                }
                let saved_site = saved.sites.iter().find(|y| y.id == s.sites[i].id).cloned();
                if let Some(y) = saved_site
                    && y != s.sites[i]
                    && ui.button(tr(lang, "Reset site")).clicked()
                {
                    s.sites[i] = y;
                    inv.cells = Default::default();
                    changed = true;
                }
            });
            let b = s.base_year;
            let prefix = format!("sites[{i}]");
            changed |= table::form(
                ui,
                "inv-site",
                &mut inv.cells,
                &prefix,
                &mut s.sites[i],
                &columns::site_cols(),
                lists,
                problems,
                b,
                lang,
            );
            let saved_site = saved.sites.iter().find(|y| y.id == s.sites[i].id);
            ui.add_space(6.0);
            ui.strong(tr(lang, "Base-year fuel use"));
            let empty_f: Vec<FuelUse> = Vec::new();
            let r = table::table(
                ui,
                "inv-site-fuels",
                &mut inv.cells,
                &format!("{prefix}.fuels"),
                &mut s.sites[i].fuels,
                saved_site.map_or(&empty_f, |y| &y.fuels),
                |a, b| a.fuel == b.fuel,
                &columns::fuel_use_cols(),
                lists,
                problems,
                b,
                lang,
            );
            changed |= r.changed;
            if let Some(a) = r.action {
                changed |= table::apply_simple(
                    &mut s.sites[i].fuels,
                    saved_site.map_or(&empty_f, |y| &y.fuels),
                    |a, b| a.fuel == b.fuel,
                    a,
                );
            }
            if let Some(f) = lists
                .fuels
                .iter()
                .find(|f| !s.sites[i].fuels.iter().any(|u| &u.fuel == *f))
            {
                if ui.button(tr(lang, "Add fuel use")).clicked() {
                    s.sites[i].fuels.push(FuelUse {
                        fuel: f.clone(),
                        gj: Some(0.0),
                        quantity: None,
                    });
                    changed = true;
                }
            } else if lists.fuels.is_empty() {
                ui.label(tr(lang, "Add fuels on the Fuels tab first."));
            }
            ui.add_space(6.0);
            ui.strong(tr(lang, "Own generation"));
            let empty_g: Vec<OwnGeneration> = Vec::new();
            let r = table::table(
                ui,
                "inv-site-own",
                &mut inv.cells,
                &format!("{prefix}.own_generation"),
                &mut s.sites[i].own_generation,
                saved_site.map_or(&empty_g, |y| &y.own_generation),
                |a, b| a.name == b.name,
                &columns::own_generation_cols(),
                lists,
                problems,
                b,
                lang,
            );
            changed |= r.changed;
            if let Some(a) = r.action {
                changed |= table::apply_simple(
                    &mut s.sites[i].own_generation,
                    saved_site.map_or(&empty_g, |y| &y.own_generation),
                    |a, b| a.name == b.name,
                    a,
                );
            }
            let add_own = ui.button(tr(lang, "Add own generation")).clicked();
            ui.add_space(6.0);
            ui.strong(tr(lang, "Boundary and prices"));
            changed |= table::form(
                ui,
                "inv-site-more",
                &mut inv.cells,
                &prefix,
                &mut s.sites[i],
                &columns::site_more_cols(),
                lists,
                problems,
                b,
                lang,
            );
            if add_own {
                let name = format!("asset {}", s.sites[i].own_generation.len() + 1);
                s.sites[i].own_generation.push(OwnGeneration {
                    name,
                    kind: crate::model::GenerationKind::Solar,
                    output_mwh: Path::constant(b, 0.0),
                    source: String::new(),
                    assumption: None,
                });
                changed = true;
            }
        });
    });
    (changed, ask)
}
