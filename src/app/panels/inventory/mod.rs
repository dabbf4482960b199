//! The inventory window (Edit → Inventory…): the company's structure and base-year inputs as
//! tables (sites, grid regions, fuels, materials, PPAs, targets, history), typed as in the
//! workbook. Every change is checked as it is typed with `decarb check`'s messages next to the
//! row; the engine runs on the last valid draft. Renaming an id renames its references;
//! removing an item others use asks first and says what else changes.

pub mod columns;
mod company;
pub mod new_company;
mod sites;
pub mod table;

use crate::app::DecarbApp;
use crate::app::commands::Command;
use crate::app::inventory::{InventoryCommand, InventoryState, Removal, Tab};
use crate::i18n::{Lang, tr};
use crate::model::Scenario;
use crate::model::structure::{self, Kind};
use table::{Lists, RowAction, TableOut};

/// The inventory window and its confirmation; returns the commands it emits.
pub fn inventory_ui(app: &mut DecarbApp, ctx: &egui::Context) -> Vec<Command> {
    let mut out = Vec::new();
    new_company::new_company_ui(app, ctx, &mut out);
    if !app.inventory.open {
        return out;
    }
    let lang = app.lang();
    if app.inventory.sync(&app.doc) {
        app.status = Some(
            tr(
                lang,
                "The inventory's last edits did not check and were dropped: the scenario is the last one that checked",
            )
            .into(),
        );
    }
    // (the saved scenario is read in place: a copy per frame would cost a large company's)
    let saved = app.doc.saved();
    let inv = &mut app.inventory;
    let mut open = true;
    egui::Window::new(tr(lang, "Inventory — company structure"))
        .id(egui::Id::unique("inventory"))
        .open(&mut open)
        .default_size([1150.0, 760.0])
        .default_pos([60.0, 120.0])
        .resizable(true)
        .show(ctx, |ui| {
            body(ui, inv, saved, lang, &mut out);
        });
    if !open {
        out.push(Command::Inventory(InventoryCommand::Close));
    }
    confirm_ui(&app.inventory, ctx, lang, &mut out);
    out
}

fn lists(s: &Scenario) -> Lists {
    Lists {
        regions: s.regions.iter().map(|r| r.id.clone()).collect(),
        fuels: s.fuels.iter().map(|f| f.id.clone()).collect(),
        sites: s.sites.iter().map(|x| x.id.clone()).collect(),
    }
}

fn body(ui: &mut egui::Ui, inv: &mut InventoryState, saved: &Scenario, lang: Lang, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        for t in Tab::ALL {
            ui.selectable_value(&mut inv.tab, t, tr(lang, t.label()));
        }
    });
    ui.separator();
    let problems = inv.problems.clone();
    let Some(draft) = inv.draft.as_ref() else { return };
    let lists = lists(draft);
    let before_ids = ids_of(draft);
    let mut changed = false;
    let mut ask: Option<(Kind, usize)> = None;
    let footer = 64.0;
    let tab = inv.tab;
    // rows that move or go back to their saved values take their typed texts with them
    let mut rows_moved = false;
    egui::ScrollArea::both()
        .max_height((ui.available_height() - footer).max(120.0))
        .auto_shrink([false, false])
        .show(ui, |ui| match tab {
            Tab::Sites => {
                let r = sites::sites_ui(ui, inv, saved, &lists, &problems, lang);
                changed |= r.0;
                ask = r.1;
            }
            tab => {
                let Some(draft) = inv.draft.as_mut() else { return };
                if tab == Tab::Company {
                    changed |= company::company_ui(ui, &mut inv.cells, draft, &problems, lang);
                    return;
                }
                let (r, kind) = list_tab(ui, tab, &mut inv.cells, draft, saved, &lists, &problems, lang);
                changed |= r.changed;
                rows_moved = matches!(
                    r.action,
                    Some(RowAction::Up(_) | RowAction::Down(_) | RowAction::Reset(_))
                );
                match r.action {
                    Some(RowAction::Remove(i)) => ask = Some((kind, i)),
                    Some(RowAction::Up(i)) => changed |= structure::move_item(draft, kind, i, true),
                    Some(RowAction::Down(i)) => changed |= structure::move_item(draft, kind, i, false),
                    Some(RowAction::Reset(i)) => changed |= reset(draft, saved, kind, i),
                    None => {}
                }
            }
        });
    if rows_moved {
        inv.cells = Default::default();
    }
    // the draft may have moved into the site form: take it again
    let Some(draft) = inv.draft.as_mut() else { return };
    changed |= follow_renames(draft, &before_ids, &mut inv.cells);
    if let Some((kind, i)) = ask {
        let mut probe = draft.clone();
        inv.confirm = Some(Removal {
            kind,
            index: i,
            id: kind.id(draft, i).unwrap_or_default(),
            outcome: structure::remove(&mut probe, kind, i),
        });
    }
    if changed {
        out.push(Command::Inventory(InventoryCommand::Edited));
    }
    ui.separator();
    footer_ui(ui, inv, lang);
}

/// The footer: whether the engine runs the draft, and every problem of it.
fn footer_ui(ui: &mut egui::Ui, inv: &InventoryState, lang: Lang) {
    let bad_cells = inv.cells.errors.len();
    if inv.problems.is_empty() && bad_cells == 0 {
        ui.label(tr(lang, "Every input checks: the charts show this inventory."));
        return;
    }
    ui.colored_label(
        table::RED,
        format!(
            "{} {} — {}",
            inv.problems.len() + bad_cells,
            tr(lang, "problem(s)"),
            tr(lang, "the charts show the last inventory that checked")
        ),
    );
    egui::ScrollArea::vertical()
        .id_salt("inventory-problems")
        .max_height(40.0)
        .show(ui, |ui| {
            for p in inv.problems.iter().take(50) {
                ui.label(
                    egui::RichText::new(format!("{}: {}", p.path, p.message))
                        .color(table::RED)
                        .small(),
                );
            }
            for (k, e) in inv.cells.errors.iter().take(20) {
                ui.label(egui::RichText::new(format!("{k}: {e}")).color(table::RED).small());
            }
        });
}

/// Ids of every kind, in order (to find renamed ones after the tables).
fn ids_of(s: &Scenario) -> Vec<(Kind, Vec<String>)> {
    [
        Kind::Region,
        Kind::Fuel,
        Kind::Site,
        Kind::Material,
        Kind::Ppa,
        Kind::Target,
    ]
    .into_iter()
    .map(|k| (k, (0..k.count(s)).filter_map(|i| k.id(s, i)).collect()))
    .collect()
}

/// An id typed over another one renames it: every reference follows. Renames are told from
/// moves by the ids as a whole: a move keeps them, a rename takes one away and brings a new one
/// (so a row moved in the same frame is never taken for a rename). An id another item already
/// has is refused (their references would mix).
fn follow_renames(
    s: &mut Scenario,
    before: &[(Kind, Vec<String>)],
    cells: &mut crate::app::inventory::Cells,
) -> bool {
    let mut changed = false;
    for (kind, old) in before {
        let now: Vec<String> = (0..kind.count(s)).filter_map(|i| kind.id(s, i)).collect();
        if now.len() != old.len() {
            continue;
        }
        let (list, head) = match kind {
            Kind::Region => ("regions", "id"),
            Kind::Fuel => ("fuels", "id"),
            Kind::Site => ("sites", "id"),
            Kind::Material => ("materials", "id"),
            Kind::Ppa => ("ppas", "id"),
            Kind::Target => ("targets", "label"),
            Kind::History => continue,
        };
        let count = |v: &[String], x: &String| v.iter().filter(|y| *y == x).count();
        // the id that went, and the item that holds the new one (where the old one was)
        let gone: Vec<&String> = old.iter().filter(|x| count(old, x) > count(&now, x)).collect();
        let [gone_id] = gone.as_slice() else { continue };
        let Some(i) = (0..now.len()).find(|&i| old[i] == **gone_id && now[i] != old[i]) else {
            continue;
        };
        let new_id = now[i].clone();
        set_id(s, *kind, i, gone_id);
        if old.contains(&new_id) {
            let key = format!("{list}[{i}].{head}");
            cells.errors.insert(
                key.clone(),
                format!("\"{new_id}\" is taken by another {}: choose another", kind.noun()),
            );
            cells.text.insert(key, new_id);
            continue;
        }
        structure::rename(s, *kind, i, &new_id);
        changed = true;
    }
    changed
}

fn set_id(s: &mut Scenario, kind: Kind, i: usize, id: &str) {
    let id = id.to_string();
    match kind {
        Kind::Region => s.regions[i].id = id,
        Kind::Fuel => s.fuels[i].id = id,
        Kind::Site => s.sites[i].id = id,
        Kind::Material => s.materials[i].id = id,
        Kind::Ppa => s.ppas[i].id = id,
        Kind::Target => s.targets[i].label = id,
        Kind::History => {}
    }
}

/// Back to the saved item with the same id.
fn reset(s: &mut Scenario, saved: &Scenario, kind: Kind, i: usize) -> bool {
    let Some(id) = kind.id(s, i) else { return false };
    let j = (0..kind.count(saved)).find(|&j| kind.id(saved, j).as_deref() == Some(id.as_str()));
    let Some(j) = j else { return false };
    match kind {
        Kind::Region => s.regions[i] = saved.regions[j].clone(),
        Kind::Fuel => s.fuels[i] = saved.fuels[j].clone(),
        Kind::Site => s.sites[i] = saved.sites[j].clone(),
        Kind::Material => s.materials[i] = saved.materials[j].clone(),
        Kind::Ppa => s.ppas[i] = saved.ppas[j].clone(),
        Kind::Target => s.targets[i] = saved.targets[j].clone(),
        Kind::History => s.history[i] = saved.history[j].clone(),
    }
    true
}

fn add_button(ui: &mut egui::Ui, lang: Lang, what: &'static str) -> bool {
    ui.button(format!("{} {}", tr(lang, "Add"), tr(lang, what)))
        .clicked()
}

/// A tab that is one table: regions, fuels, materials, PPAs, targets, history.
#[allow(clippy::too_many_arguments)]
fn list_tab(
    ui: &mut egui::Ui,
    tab: Tab,
    cells: &mut crate::app::inventory::Cells,
    s: &mut Scenario,
    saved: &Scenario,
    lists: &Lists,
    problems: &[crate::model::validate::Problem],
    lang: Lang,
) -> (TableOut, Kind) {
    let b = s.base_year;
    match tab {
        Tab::Regions => {
            let mut r = table::table(
                ui,
                "inv-regions",
                cells,
                "regions",
                &mut s.regions,
                &saved.regions,
                |a, b| a.id == b.id,
                &columns::region_cols(),
                lists,
                problems,
                b,
                lang,
            );
            if add_button(ui, lang, "grid region") {
                let id = structure::fresh_id(s, Kind::Region, "region");
                s.regions.push(crate::model::GridRegion {
                    name: id.clone(),
                    id,
                    ef_kg_per_kwh: crate::model::Path::constant(b, 0.5),
                    ef_location_kg_per_kwh: Default::default(),
                    power_price_jpy_per_mwh: Default::default(),
                    co2_free_premium_jpy_per_mwh: Default::default(),
                    source: String::new(),
                    assumption: Some("Placeholder factor: enter the grid's factor and its source.".into()),
                    price_assumption: None,
                });
                r.changed = true;
            }
            (r, Kind::Region)
        }
        Tab::Fuels => {
            let mut r = table::table(
                ui,
                "inv-fuels",
                cells,
                "fuels",
                &mut s.fuels,
                &saved.fuels,
                |a, b| a.id == b.id,
                &columns::fuel_cols(),
                lists,
                problems,
                b,
                lang,
            );
            if add_button(ui, lang, "fuel") {
                let id = structure::fresh_id(s, Kind::Fuel, "fuel");
                s.fuels.push(crate::model::Fuel {
                    name: id.clone(),
                    id,
                    ef_t_per_gj: 0.0,
                    unit: None,
                    gj_per_unit: None,
                    price_jpy_per_gj: Default::default(),
                    source: String::new(),
                    assumption: None,
                    price_assumption: None,
                });
                r.changed = true;
            }
            (r, Kind::Fuel)
        }
        Tab::Materials => {
            let mut r = table::table(
                ui,
                "inv-materials",
                cells,
                "materials",
                &mut s.materials,
                &saved.materials,
                |a, b| a.id == b.id,
                &columns::material_cols(),
                lists,
                problems,
                b,
                lang,
            );
            if add_button(ui, lang, "material") {
                let id = structure::fresh_id(s, Kind::Material, "material");
                s.materials.push(crate::model::Material {
                    name: id.clone(),
                    id,
                    site: None,
                    quantity_t: 0.0,
                    ef_primary_t_per_t: 0.0,
                    ef_recycled_t_per_t: 0.0,
                    ef_low_carbon_t_per_t: 0.0,
                    recycled_share: Default::default(),
                    low_carbon_share: Default::default(),
                    fuel_saving_share: 0.0,
                    recycled_feed_t_co2_per_t: 0.0,
                    recycled_price_diff_jpy_per_t: Default::default(),
                    low_carbon_price_diff_jpy_per_t: Default::default(),
                    source: String::new(),
                    assumption: None,
                    price_assumption: None,
                });
                r.changed = true;
            }
            (r, Kind::Material)
        }
        Tab::Ppas => {
            let mut r = table::table(
                ui,
                "inv-ppas",
                cells,
                "ppas",
                &mut s.ppas,
                &saved.ppas,
                |a, b| a.id == b.id,
                &columns::ppa_cols(),
                lists,
                problems,
                b,
                lang,
            );
            let first = lists.sites.first().cloned();
            if let Some(site) = first
                && add_button(ui, lang, "PPA")
            {
                let id = structure::fresh_id(s, Kind::Ppa, "ppa");
                s.ppas.push(crate::model::Ppa {
                    name: id.clone(),
                    id,
                    kind: crate::model::PpaKind::OffSite,
                    capacity_mw: crate::model::Path::constant(b, 0.0),
                    yield_mwh_per_mw: 1_100.0,
                    allocation: vec![(site, 1.0)],
                    price_jpy_per_mwh: Default::default(),
                    capex_jpy_per_mw: None,
                    lifetime_years: 20,
                    opex_jpy_per_mw_yr: Default::default(),
                    source: String::new(),
                    assumption: Some(
                        "Yield 1,100 MWh per MW (solar, capacity factor 12.6 %): replace with the project's."
                            .into(),
                    ),
                    price_assumption: None,
                });
                r.changed = true;
            }
            (r, Kind::Ppa)
        }
        Tab::Targets => {
            let mut r = table::table(
                ui,
                "inv-targets",
                cells,
                "targets",
                &mut s.targets,
                &saved.targets,
                |a, b| a.label == b.label,
                &columns::target_cols(),
                lists,
                problems,
                b,
                lang,
            );
            if add_button(ui, lang, "target") {
                let label = structure::fresh_id(s, Kind::Target, &format!("-50 % vs FY{b}"));
                s.targets.push(crate::model::Target {
                    label,
                    // (a draft may have its last year before its base year)
                    year: 2030.max(b).min(s.last_year.max(b)),
                    scopes: vec![crate::model::Scope::Scope1, crate::model::Scope::Scope2],
                    scope2_method: Default::default(),
                    credits_count: false,
                    kind: crate::model::TargetKind::Absolute {
                        reduction_pct: 50.0,
                        reference_year: b,
                    },
                    source: String::new(),
                });
                r.changed = true;
            }
            (r, Kind::Target)
        }
        _ => {
            let mut r = table::table(
                ui,
                "inv-history",
                cells,
                "history",
                &mut s.history,
                &saved.history,
                |a, b| a.year == b.year && a.kind == b.kind,
                &columns::history_cols(),
                lists,
                problems,
                b,
                lang,
            );
            if add_button(ui, lang, "history year") {
                let year = s.history.iter().map(|h| h.year + 1).max().unwrap_or(b);
                s.history.push(crate::model::HistoryEntry {
                    year,
                    kind: Default::default(),
                    scope1_t: None,
                    scope2_t: None,
                    scope2_location_t: None,
                    scope12_t: None,
                    scope3_t: None,
                    production_t: None,
                    primary_energy_gj: None,
                    fuel_gj: None,
                    electricity_mwh: None,
                    revenue_jpy: None,
                    fuel_use: Vec::new(),
                    source: String::new(),
                    assumption: None,
                });
                r.changed = true;
            }
            (r, Kind::History)
        }
    }
}

/// The question before a removal: what else changes, or why it cannot be done.
fn confirm_ui(inv: &InventoryState, ctx: &egui::Context, lang: Lang, out: &mut Vec<Command>) {
    let Some(r) = &inv.confirm else { return };
    egui::Window::new(tr(lang, "Remove?"))
        .id(egui::Id::unique("inventory-remove"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(format!("{} {} \"{}\"", tr(lang, "Remove"), r.kind.noun(), r.id));
            match &r.outcome {
                Ok(lines) if lines.is_empty() => {
                    ui.label(tr(lang, "Nothing else refers to it."));
                }
                Ok(lines) => {
                    ui.label(tr(lang, "This also changes:"));
                    for l in lines {
                        ui.label(format!("• {l}"));
                    }
                }
                Err(e) => {
                    ui.colored_label(table::RED, e);
                }
            }
            ui.horizontal(|ui| {
                if r.outcome.is_ok() && ui.button(tr(lang, "Remove")).clicked() {
                    out.push(Command::Inventory(InventoryCommand::ConfirmRemove));
                }
                if ui.button(tr(lang, "Cancel")).clicked() {
                    out.push(Command::Inventory(InventoryCommand::CancelRemove));
                }
            });
        });
}
