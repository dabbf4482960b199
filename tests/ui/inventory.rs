//! The inventory window: a company built from "New company" by typing, as a user does, and
//! saved; what `decarb summary` then says of the file; removals that ask first; the engine on
//! the last valid inventory while a cell does not read; import from the File menu.

use super::journeys::menu;
use super::{app_full, harness_sized, jx};
use decarb::app::DecarbApp;
use decarb::app::dialogs::{Choice, FakeDialogs};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type H = Harness<'static, DecarbApp>;

fn click(h: &mut H, label: &str) {
    h.get_by_label(label).click();
    h.run();
    h.run();
}

/// Types into the field named `label`, replacing what it held, then leaves it.
fn fill(h: &mut H, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    h.run();
}

fn summary(path: &std::path::Path) -> String {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_decarb"))
        .args(["summary", &path.display().to_string(), "--units", "t"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_two_site_company_from_new_company_with_a_fuel_and_a_target_saves_to_a_file_summary_reads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kaizen.ron");
    let dialogs = FakeDialogs {
        saves: [Choice::Chosen(out.clone())].into(),
        ..Default::default()
    };
    let mut h = harness_sized(app_full(jx(), None, dialogs), [1600.0, 1300.0]);
    h.run();
    menu(&mut h, "File", "New company…");
    fill(&mut h, "company name", "Kaizen Metals FY2018 inventory");
    click(&mut h, "Create");
    assert!(h.state().inventory.open, "the inventory opens on the new company");
    assert!(h.state().doc.scenario().sites.is_empty());
    assert_eq!(h.state().doc.scenario().regions[0].id, "japan");
    assert!(
        h.state().doc.scenario().regions[0]
            .assumption
            .as_deref()
            .unwrap()
            .contains("Pre-filled")
    );

    // a fuel first (the Fuels tab)
    click(&mut h, "Fuels");
    click(&mut h, "Add fuel");
    fill(&mut h, "fuels[0].id", "heavy_oil_a");
    fill(&mut h, "fuels[0].name", "Heavy oil A");
    fill(&mut h, "fuels[0].emission factor [t-CO2/GJ]", "0.0693");

    // two sites
    click(&mut h, "Sites");
    click(&mut h, "Add site");
    click(&mut h, "Add site");
    // the second site is selected: production and electricity
    fill(&mut h, "sites[1].production [t]", "20,000");
    fill(&mut h, "sites[1].electricity [MWh]", "30000");
    // a figure with its unit does not read: the message is next to the field, the engine keeps
    // the last valid inventory
    let before = h.state().doc.scenario().clone();
    fill(&mut h, "sites[1].process CO2 [t-CO2]", "12kt");
    assert!(
        h.query_by_label("\"12kt\" is not a number").is_some(),
        "message next to the field"
    );
    assert_eq!(h.state().doc.scenario(), &before);
    fill(&mut h, "sites[1].process CO2 [t-CO2]", "0");
    click(&mut h, "site 1 (new)");
    fill(&mut h, "sites[0].electricity [MWh]", "50000");
    fill(&mut h, "sites[0].process CO2 [t-CO2]", "1000");
    click(&mut h, "Add fuel use");
    fill(&mut h, "sites[0].fuels[0].energy [GJ]", "10000");

    // removing the fuel a site uses asks first and says what else changes; Cancel keeps it
    click(&mut h, "Fuels");
    click(&mut h, "Remove");
    assert!(
        h.query_by_label_contains("loses its base-year use of \"heavy_oil_a\"")
            .is_some()
    );
    click(&mut h, "Cancel");
    assert_eq!(h.state().doc.scenario().fuels.len(), 1);

    // a target
    click(&mut h, "Targets");
    click(&mut h, "Add target");
    assert_eq!(h.state().doc.scenario().targets.len(), 1);
    assert!(
        h.state().inventory.problems.is_empty(),
        "{:?}",
        h.state().inventory.problems
    );

    menu(&mut h, "File", "Save");
    assert!(out.is_file(), "saved");
    let text = summary(&out);
    // FY2018: Scope 1 = 10,000 GJ × 0.0693 + 1,000 = 1,693 t; Scope 2 = 80,000 MWh × 0.463
    // = 37,040 t; FY2030 Scope 2 at 0.25 kg/kWh = 20,000 t; the target: 50 % of 38,733 t.
    assert!(text.contains("FY2018") && text.contains("38,733"), "{text}");
    assert!(text.contains("21,693"), "{text}");
    assert!(text.contains("−50 % vs FY2018"), "{text}");
    assert!(text.contains("19,366"), "{text}");
    let s = decarb::file::load(&out).unwrap();
    assert_eq!(s.sites.len(), 2);
    assert_eq!(s.sites[1].production_t, 20_000.0);
}

#[test]
fn renaming_a_site_in_the_inventory_follows_its_references_and_undo_brings_it_back() {
    let mut h = harness_sized(app_full(jx(), None, FakeDialogs::default()), [1600.0, 1300.0]);
    h.run();
    menu(&mut h, "Edit", "Inventory…");
    click(&mut h, "Sites");
    fill(&mut h, "sites[0].id", "oita");
    let s = h.state().doc.scenario();
    assert_eq!(s.sites[0].id, "oita");
    assert_eq!(
        s.materials[0].site.as_deref(),
        Some("oita"),
        "the material linked to it follows"
    );
    assert!(h.state().doc.is_dirty());
    menu(&mut h, "Edit", "Undo");
    assert_eq!(
        h.state().doc.scenario().sites[0].id,
        "saganoseki",
        "one undo step for the field"
    );
    assert_eq!(
        h.state().doc.scenario().materials[0].site.as_deref(),
        Some("saganoseki")
    );
    // the window follows the document
    assert_eq!(
        h.state().inventory.draft.as_ref().unwrap().sites[0].id,
        "saganoseki"
    );
}

#[test]
fn file_import_reads_a_workbook_into_a_new_scenario_and_a_bad_one_lists_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/jx-inventory");
    let bad = dir.path().join("bad.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Company").unwrap();
    ws.write_string(0, 0, "field").unwrap();
    ws.write_string(1, 0, "name").unwrap();
    ws.write_string(1, 1, "Bad").unwrap();
    wb.save(&bad).unwrap();
    let dialogs = FakeDialogs {
        opens: [Some(bad), Some(good)].into(),
        ..Default::default()
    };
    let mut h = harness_sized(app_full(jx(), None, dialogs), [1600.0, 1300.0]);
    h.run();
    let before = h.state().doc.scenario().clone();
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Import").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Inventory workbook (.xlsx)…")
        .click();
    h.run();
    h.run();
    assert!(h.query_by_label_contains("\"base year\" is missing").is_some());
    assert_eq!(
        h.state().doc.scenario(),
        &before,
        "a failed import keeps the scenario"
    );
    click(&mut h, "OK");
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Import").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Folder of inventory CSV files…")
        .click();
    h.run();
    h.run();
    let s = h.state().doc.scenario();
    assert_eq!(s.sites.len(), 14);
    assert!(s.meta.name.contains("filled by hand"));
    assert!(h.state().doc.path.is_none(), "untitled until saved");
}

#[test]
fn removing_a_region_sites_use_asks_then_moves_them_and_the_charts_follow() {
    let mut h = harness_sized(app_full(jx(), None, FakeDialogs::default()), [1600.0, 1300.0]);
    h.run();
    menu(&mut h, "Edit", "Inventory…");
    click(&mut h, "Grid regions");
    let chile = h.state().doc.scenario().region_index("chile").unwrap();
    // the Remove button of Chile's row (rows in order, one Remove each)
    let removes: Vec<_> = h.query_all_by_label("Remove").collect();
    removes[chile].click();
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("site \"caserones\" moves to region \"japan\"")
            .is_some()
    );
    let before = h.state().doc.scenario().clone();
    // the question's own Remove button is the last one
    let removes: Vec<_> = h.query_all_by_label("Remove").collect();
    removes.last().unwrap().click();
    h.run();
    h.run();
    let s = h.state().doc.scenario();
    assert_eq!(s.regions.len(), before.regions.len() - 1);
    assert_eq!(s.sites[s.site_index("caserones").unwrap()].region, "japan");
    assert!(decarb::model::validate::validate(s).is_empty());
    assert_ne!(
        decarb::engine::project(s).totals(2018),
        decarb::engine::project(&before).totals(2018),
        "the charts run the new structure"
    );
}

#[test]
fn an_id_another_item_has_is_refused_and_nothing_follows_it() {
    let mut h = harness_sized(app_full(jx(), None, FakeDialogs::default()), [1600.0, 1300.0]);
    h.run();
    menu(&mut h, "Edit", "Inventory…");
    click(&mut h, "Fuels");
    let before = h.state().doc.scenario().clone();
    let lng = before.fuel_index("lng").unwrap();
    // typed letter by letter through "lpg", an id LPG has: nothing is renamed on the way
    fill(&mut h, &format!("fuels[{lng}].id"), "lpg");
    assert!(
        h.query_all_by_label_contains("\"lpg\" is taken by another fuel")
            .next()
            .is_some()
    );
    assert_eq!(
        h.state().doc.scenario(),
        &before,
        "refused: LPG's uses stay LPG's"
    );
    fill(&mut h, &format!("fuels[{lng}].id"), "lpg2");
    let s = h.state().doc.scenario();
    assert_eq!(s.fuels[lng].id, "lpg2");
    let uses = |s: &decarb::model::Scenario, id: &str| -> usize {
        s.sites
            .iter()
            .map(|x| x.fuels.iter().filter(|u| u.fuel == id).count())
            .sum()
    };
    assert_eq!(uses(s, "lpg2"), uses(&before, "lng"), "LNG's uses follow it");
    assert_eq!(uses(s, "lpg"), uses(&before, "lpg"), "LPG's stay");
}

#[test]
fn moving_a_row_keeps_each_items_id_with_its_data() {
    let mut h = harness_sized(app_full(jx(), None, FakeDialogs::default()), [1600.0, 1300.0]);
    h.run();
    menu(&mut h, "Edit", "Inventory…");
    click(&mut h, "Grid regions");
    let before = h.state().doc.scenario().clone();
    // Up on the second region (rows in order, one Up each; the first is disabled)
    let ups: Vec<_> = h.query_all_by_label("Up").collect();
    ups[1].click();
    h.run();
    h.run();
    let s = h.state().doc.scenario();
    assert_eq!(s.regions[0], before.regions[1]);
    assert_eq!(s.regions[1], before.regions[0]);
    assert_eq!(s.sites, before.sites, "the sites keep their regions");
    assert!(h.state().inventory.cells.errors.is_empty());
}
