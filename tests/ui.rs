//! The real app under egui_kittest (no display, no GPU): levers, KPIs on one metric, opening
//! files, hover, typing, review mode, tooltips, defaults, files, exports, comparison.

use decarb::app::commands::{Command, ExportKind};
use decarb::app::dialogs::FakeDialogs;
use decarb::app::panels::{Lower, kpi};
use decarb::app::{DecarbApp, Modal, Mode, Prefs, install_fonts};
use decarb::engine::{Metric, project, targets};
use decarb::explain::metric_label;
use decarb::i18n::Lang;
use decarb::model::{self, Scenario, Scope};
use decarb::units::Units;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

/// The inventory window, "New company" and File → Import.
#[path = "ui/inventory.rs"]
mod inventory;
#[path = "ui/journeys.rs"]
mod journeys;
/// Journeys through menus, buttons, typing and shortcuts, asserting on what is on screen.
#[path = "ui/safety.rs"]
mod safety;

fn jx() -> Scenario {
    model::from_str(decarb::DEFAULT_SCENARIO).unwrap()
}

fn shipped(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

fn harness_sized(app: DecarbApp, size: [f32; 2]) -> Harness<'static, DecarbApp> {
    Harness::builder().with_size(size).build_eframe(move |cc| {
        install_fonts(&cc.egui_ctx);
        app
    })
}

fn harness(app: DecarbApp) -> Harness<'static, DecarbApp> {
    harness_sized(app, [1600.0, 1000.0])
}

/// The app on a scenario (and its file), answering file dialogs from `dialogs`.
/// The fan is awaited each frame (`wait_for_fan`), so that every frame shows the fan of its
/// own scenario and `run()` settles.
fn app_full(s: Scenario, path: Option<PathBuf>, dialogs: FakeDialogs) -> DecarbApp {
    let mut app = DecarbApp::with_prefs(s, path, Prefs::default(), Mode::Normal, Box::new(dialogs));
    app.wait_for_fan = true;
    app
}

fn app_with(dialogs: FakeDialogs) -> DecarbApp {
    app_full(jx(), None, dialogs)
}

fn app_on(s: Scenario, path: Option<PathBuf>) -> DecarbApp {
    app_full(s, path, FakeDialogs::default())
}

const SITE: &str = "Other domestic sites, grouped (その他国内拠点)";

/// The KPI text of a year as the engine computes it for a scenario's default metric.
fn kpi_text(s: &Scenario, year: i32) -> String {
    kpi_text_in(s, year, Units::ManT)
}

fn kpi_text_in(s: &Scenario, year: i32, units: Units) -> String {
    let m = Metric::default_for(s);
    let v = m.of(project(s).totals(year).unwrap());
    kpi::metric_kpi_label(Lang::En, units, year, &metric_label(&m, Lang::En), v)
}

/// Every target card of review mode is on screen, within `width`.
fn assert_target_cards_fit(h: &Harness<'static, DecarbApp>, s: &Scenario, width: f32) {
    let p = project(s);
    for r in targets::evaluate(s, &p) {
        let head = format!(
            "● {} (FY{}) — {}",
            r.label,
            r.year,
            if r.met { "met" } else { "missed" }
        );
        let rect = h.get_by_label(&head).rect();
        assert!(rect.right() <= width && rect.left() >= 0.0, "{head} at {rect:?}");
    }
}

fn type_into(h: &mut Harness<'static, DecarbApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn moving_a_co2_free_share_updates_the_kpi_by_the_engine_value_and_undo_restores_it() {
    let original = jx();
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.get_by_label(&kpi_text(&original, 2030));

    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(100.0);
    h.run();

    // The lever had no target after the FY2023 actual: a step to 100 % in the first target's
    // year (FY2030), FY2023's calibrated 50.56 % kept.
    let mut expected = original.clone();
    expected.sites[10].co2_free_share =
        model::Path(vec![(2020, 0.0), (2023, 0.5056), (2029, 0.5056), (2030, 1.0)]);
    let before = project(&original).totals(2030).unwrap().scope12();
    let after = project(&expected).totals(2030).unwrap().scope12();
    assert!(after < before - 1e4, "{after} vs {before}");
    assert!(h.state().doc.scenario() == &expected);
    h.get_by_label(&kpi_text(&expected, 2030));
    assert!(h.state().doc.is_dirty());

    // Ctrl+Z restores it exactly; Ctrl+Shift+Z redoes.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().doc.scenario() == &original);
    h.get_by_label(&kpi_text(&original, 2030));
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    assert!(h.state().doc.scenario() == &expected);
}

#[test]
fn opening_b_after_a_shows_every_kpi_of_b_and_its_own_metric() {
    let nlm_path = shipped("nlm-2013.ron");
    let nlm = decarb::file::load(&nlm_path).unwrap();
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    // The user looks at JX on Scope 1+2+3 first.
    let mut m = Metric::default_for(&jx());
    m.set(Scope::Scope3, true);
    h.state_mut().command(Command::SetMetric(m));
    h.run();
    h.state_mut().command(Command::OpenPath(nlm_path.clone()));
    h.run();
    h.run();
    assert_eq!(
        h.state().doc.metric(),
        &Metric::default_for(&nlm),
        "NLM shows its own metric"
    );
    for year in [2030, 2050] {
        h.get_by_label(&kpi_text(&nlm, year));
        assert!(h.query_by_label(&kpi_text(&jx(), year)).is_none());
    }
    let p = project(&nlm);
    for r in targets::evaluate(&nlm, &p) {
        h.get_by_label(&kpi::target_values(&r, Lang::En, Units::ManT));
    }
    // New, then open NLM again from "recent": the same, never the template's or JX's figures.
    h.state_mut().command(Command::New);
    h.run();
    h.state_mut().command(Command::OpenPath(nlm_path));
    h.run();
    h.get_by_label(&kpi_text(&nlm, 2030));
    assert_eq!(h.state().doc.projection().totals(2030), p.totals(2030));
}

#[test]
fn one_metric_drives_kpis_trajectory_and_lower_views_and_titles_say_which() {
    let s = jx();
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.get_by_label_contains("Trajectory — Scope 1+2 (market), gross — JX Metals");
    h.get_by_label_contains("By source — Scope 1+2 (market), gross");
    let mut m = Metric::default_for(&s);
    m.set(Scope::Scope3, true);
    h.state_mut().command(Command::SetMetric(m.clone()));
    h.run();
    let v = m.of(project(&s).totals(2030).unwrap());
    h.get_by_label(&kpi::metric_kpi_label(
        Lang::En,
        Units::ManT,
        2030,
        "Scope 1+2+3 (market), gross",
        v,
    ));
    h.get_by_label_contains("Trajectory — Scope 1+2+3 (market), gross");
    for view in ["Wedges", "Bridge"] {
        h.get_by_label(view).click();
        h.run();
        h.run();
        let a = h.state().doc.analysis_if_ready().expect("computed for the view");
        assert_eq!(a.metric, m, "{view} on the chosen metric");
    }
    h.get_by_label_contains("Bridge FY2018 → FY2030 — Scope 1+2+3 (market), gross");
}

#[test]
fn hover_reads_the_fiscal_year_and_each_series_value_not_the_cursor() {
    let s = jx();
    let p = project(&s);
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    let t = h.state().ui.trajectory_transform.unwrap();
    // Point at FY2030, well below the line: the hover still reads the data.
    let pos = t.position_from_point(&egui_plot::PlotPoint::new(2030.2, 5.0));
    h.hover_at(pos);
    h.run();
    let m = Metric::default_for(&s);
    h.get_by_label("FY2030");
    h.get_by_label(&format!(
        "Projection: {}",
        Units::ManT.fmt(m.of(p.totals(2030).unwrap()))
    ));
    h.get_by_label(&format!(
        "BAU: {}",
        Units::ManT.fmt(m.of(p.bau_totals(2030).unwrap()))
    ));
    // FY2023 has a reported actual: it is shown beside the model, with the residual.
    let pos = t.position_from_point(&egui_plot::PlotPoint::new(2023.0, 150.0));
    h.hover_at(pos);
    h.run();
    h.get_by_label("Reported actual: 71.80 万t");
    h.get_by_label_contains("Model − reported: ");
}

#[test]
fn typing_a_year_commits_on_enter_as_one_step_and_escape_reverts() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    // A target first: 100 % in FY2030.
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(100.0);
    h.run();
    let with_target = h.state().doc.scenario().clone();
    let field = format!("{SITE}: reached in FY");
    type_into(&mut h, &field, "2035");
    h.key_press(egui::Key::Enter);
    h.run();
    let path = h.state().doc.scenario().sites[10].co2_free_share.clone();
    assert_eq!(
        path.0,
        vec![(2020, 0.0), (2023, 0.5056), (2034, 0.5056), (2035, 1.0)],
        "typed 2035"
    );
    // One undo step back to the target in FY2030.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().doc.scenario() == &with_target, "undone");
    // Escape leaves the year as it was.
    type_into(&mut h, &field, "2045");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().doc.scenario() == &with_target, "Escape reverts");
}

#[test]
fn review_mode_wraps_target_cards_so_no_missed_target_is_off_screen() {
    let path = shipped("nlm-2013.ron");
    let s = decarb::file::load(&path).unwrap();
    let mut app = app_on(s.clone(), Some(path));
    app.review = true;
    let mut h = harness_sized(app, [1366.0, 768.0]);
    h.run();
    h.run();
    assert_target_cards_fit(&h, &s, 1366.0);
    assert_eq!(
        h.query_all_by_label_contains("absolute equivalent: value")
            .count(),
        2
    );
}

#[test]
fn levers_explain_themselves_and_stay_inside_the_panel() {
    let s = jx();
    let mut h = harness_sized(app_with(FakeDialogs::default()), [1366.0, 768.0]);
    h.run_steps(20);
    // The reset button stays visible beside a long site name.
    let reset = h.get_by_label(&format!("{SITE}: Reset to saved")).rect();
    assert!(reset.right() < 560.0, "{reset:?}");
    // The tooltip names the lever, its effect on the metric in the first target's year, and
    // the site's context.
    h.get_by_role_and_label(Role::Slider, SITE).hover();
    h.run();
    let p = project(&s);
    let m = Metric::default_for(&s);
    let lever = decarb::engine::levers::LeverRef::Co2Free { site: 10 };
    let e = decarb::engine::levers::effect(&s, &p, lever, &m).unwrap()[p.index(2030).unwrap()];
    h.get_by_label(&decarb::explain::effect_line(
        &s,
        lever,
        e,
        2030,
        Lang::En,
        Units::ManT,
    ));
    h.get_by_label_contains("% of Scope 1+2 (market), gross in FY2030");
    h.get_by_label_contains("Base year 2018: electricity 879.7 GWh");
}

#[test]
fn a_lever_that_raises_emissions_says_why_where_it_moves() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    let label = "Copper in purchased feed, Saganoseki (concentrate and recycled raw materials) — recycled";
    h.get_by_role_and_label(Role::Slider, label)
        .set_value_accesskit(70.0);
    h.run();
    h.run();
    h.get_by_label_contains("recycled-feed combustion adds κ = 0.2 t-CO2 of Scope 1");
}

#[test]
fn new_ppas_and_rules_start_after_the_latest_actual_and_shortcuts_say_when_nothing_changes() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    // The CO2-free shortcut: 100 % from FY2030 changes the sites not yet there …
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(
        h.state().doc.scenario().sites[10]
            .co2_free_share
            .value_or(2030, 0.0),
        1.0
    );
    // … and a second time changes nothing and says so.
    let before = h.state().doc.scenario().clone();
    h.get_by_label("Apply").click();
    h.run();
    assert!(h.state().doc.scenario() == &before);
    h.get_by_label_contains("no change: all 14 sites are already at 100 % from FY2030");
    // A new PPA starts after the latest actual and serves the largest grid purchase not yet
    // CO2-free (with everything at 100 % from FY2030, still the grouped domestic sites in FY2024).
    h.get_by_label("PPA and own renewables").scroll_to_me();
    h.run();
    h.get_by_label("PPA and own renewables").click();
    h.run();
    h.get_by_label("Add PPA").scroll_to_me();
    h.run();
    h.get_by_label("Add PPA").click();
    h.run();
    let s = h.state().doc.scenario().clone();
    let p = s.ppas.last().unwrap();
    assert_eq!(p.allocation, vec![("other_japan".to_string(), 1.0)]);
    assert_eq!(p.capacity_mw.value_or(2023, 9.0), 0.0);
    assert_eq!(p.capacity_mw.value_or(2024, 9.0), 1.0);
    // A new fuel-switching rule starts at 0 in FY2024 too.
    h.get_by_label("Fuel switching").scroll_to_me();
    h.run();
    h.get_by_label("Fuel switching").click();
    h.run();
    h.get_by_label("Add rule").scroll_to_me();
    h.run();
    h.get_by_label("Add rule").click();
    h.run();
    let s = h.state().doc.scenario();
    let r = s.sites[0].fuel_switches.last().unwrap();
    assert_eq!(r.share.0, vec![(2024, 0.0)]);
}

#[test]
fn the_legend_names_targets_by_label_and_status() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.get_by_label("−50 % vs FY2018 (Scope 1+2): met");
    h.get_by_label("Net zero 2050: missed");
    assert!(h.query_by_label_contains("Target 1").is_none());
}

#[test]
fn the_factor_view_names_what_is_missing() {
    // NLM's sites report no production: the decomposition cannot be made and says why.
    let path = shipped("nlm-2013.ron");
    let s = decarb::file::load(&path).unwrap();
    let mut h = harness(app_on(s, Some(path)));
    h.run();
    h.get_by_label("Factors").click();
    h.run();
    h.get_by_label_contains("no production figure for FY2013 in this file");
}

#[test]
fn opening_a_bad_file_shows_every_error_and_keeps_the_scenario() {
    let bad = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad/many_errors.ron");
    let mut h = harness(app_with(FakeDialogs {
        open: Some(bad),
        save: None,
        ..Default::default()
    }));
    h.run();
    h.state_mut().command(Command::Open);
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::Errors { .. })));
    assert_eq!(h.state().doc.scenario(), &jx());
    h.get_by_label_contains("fuels[1].ef_t_per_gj: -0.05 is negative");
    h.get_by_label_contains("sites[0].production_t: -1 is negative");
    h.get_by_label_contains("ppas[0].allocation: shares sum to 0.5");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().modal.is_none());
}

#[test]
fn save_as_writes_a_file_that_reloads_equal_and_open_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut h = harness(app_with(FakeDialogs {
        open: Some(path.clone()),
        save: Some(path.clone()),
        ..Default::default()
    }));
    h.run();
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(80.0);
    h.run();
    h.state_mut().command(Command::SaveAs);
    h.run();
    let saved = decarb::file::load(&path).unwrap();
    assert_eq!(&saved, h.state().doc.scenario());
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(h.state().prefs.recent.first(), Some(&path));
    h.get_by_label("Saved plan.ron");
    h.state_mut().command(Command::Open);
    h.run();
    assert_eq!(h.state().doc.scenario(), &saved);
}

#[test]
fn save_as_without_a_native_dialog_asks_for_a_path_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.ron");
    // No native dialog (as on a machine without a desktop portal).
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.state_mut().command(Command::SaveAs);
    h.run();
    let Some(Modal::PathInput { text, .. }) = h.state().modal.clone() else {
        panic!("expected the path field")
    };
    assert!(
        text.ends_with("jx-metals-group-co2-free-power-and-recycling.ron"),
        "{text}"
    );
    type_into(&mut h, "File path", &path.display().to_string());
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(&decarb::file::load(&path).unwrap(), h.state().doc.scenario());
    h.get_by_label("Saved typed.ron");
    assert!(h.state().modal.is_none());
}

#[test]
fn unsaved_changes_ask_before_new() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(90.0);
    h.run();
    h.state_mut().command(Command::New);
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::Unsaved { .. })));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().doc.is_dirty(), "cancel keeps the edit");
    h.state_mut().command(Command::New);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().doc.scenario().meta.name, "New scenario");
}

#[test]
fn japanese_labels_after_switching_language() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("日本語").click();
    h.run();
    assert_eq!(h.state().prefs.lang, Lang::Ja);
    h.get_by_label("レバー");
    h.get_by_label("CO2フリー電力");
    let s = jx();
    let m = Metric::default_for(&s);
    h.get_by_label(&kpi::metric_kpi_label(
        Lang::Ja,
        Units::ManT,
        2030,
        &metric_label(&m, Lang::Ja),
        m.of(project(&s).totals(2030).unwrap()),
    ));
    // Japanese site names render with the bundled font (the harness panics on missing glyphs).
    h.get_by_role_and_label(Role::Slider, SITE);
}

#[test]
fn reset_all_returns_to_the_saved_scenario() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(10.0);
    h.run();
    assert!(h.state().doc.is_dirty());
    h.state_mut().command(Command::ResetAll);
    h.run();
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn every_shipped_scenario_and_view_renders_without_changing_the_file() {
    for name in ["jx-metals-2018.ron", "jmia-nonferrous-2013.ron", "nlm-2013.ron"] {
        let path = shipped(name);
        let s = decarb::file::load(&path).unwrap();
        let mut h = harness(app_on(s, Some(path)));
        h.run();
        for view in [
            "Wedges",
            "Bridge",
            "Factors",
            "Uncertainty",
            "By site",
            "By source",
        ] {
            h.get_by_label(view).click();
            h.run();
        }
        assert!(
            !h.state().doc.is_dirty(),
            "{name}: showing a file must not change it"
        );
    }
}

#[test]
fn review_mode_summarises_on_the_metric_with_the_model_against_reported() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.state_mut().review = true;
    h.run();
    h.run();
    h.get_by_label_contains("In FY2030 the plan lands at");
    h.get_by_label_contains("Largest contributions against BAU in FY2030");
    h.get_by_label_contains("FY2023 Scope 1+2: reported 71.80 万t, model");
    assert!(
        h.query_by_role_and_label(Role::Slider, SITE).is_none(),
        "no levers in review mode"
    );
}

#[test]
fn compare_names_items_gives_units_and_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("jx-all-co2-free.ron");
    let mut s = jx();
    let site = s.sites.iter_mut().find(|x| x.id == "other_japan").unwrap();
    site.co2_free_share = model::Path(vec![(2020, 0.0), (2030, 1.0)]);
    decarb::file::save(&other, &s).unwrap();
    let mut h = harness(app_with(FakeDialogs {
        open: Some(other),
        save: None,
        ..Default::default()
    }));
    h.run();
    h.state_mut().command(Command::CompareWith);
    h.run();
    h.run();
    assert_eq!(h.state().compared.len(), 1);
    assert_eq!(h.state().prefs.chart.lower, Lower::Compare);
    h.get_by_label(&format!("Site “{SITE}”"));
    h.get_by_label("CO2-free share");
    h.get_by_label("FY2020 0.0 %, FY2030 100.0 %");
    h.get_by_label_contains("FY2030: +49.4 pt");
    assert_eq!(
        h.state().doc.scenario(),
        &jx(),
        "comparing does not change the open scenario"
    );
}

fn png_size(path: &std::path::Path) -> (u32, u32) {
    let b = std::fs::read(path).unwrap();
    assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n");
    (
        u32::from_be_bytes(b[16..20].try_into().unwrap()),
        u32::from_be_bytes(b[20..24].try_into().unwrap()),
    )
}

#[test]
fn exports_from_the_window_write_html_xlsx_csv_and_slide_pngs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    let d = dir.path();
    h.state_mut()
        .command(Command::ExportTo(ExportKind::Html, d.join("plan-report.html")));
    h.state_mut()
        .command(Command::ExportTo(ExportKind::Xlsx, d.join("plan.xlsx")));
    h.state_mut().command(Command::ExportTo(
        ExportKind::Csv,
        d.join("plan-trajectories.csv"),
    ));
    h.state_mut()
        .command(Command::ExportTo(ExportKind::Png, d.join("plan.png")));
    h.run();
    let html = std::fs::read_to_string(d.join("plan-report.html")).unwrap();
    assert!(html.matches("<svg").count() >= 4);
    assert!(std::fs::metadata(d.join("plan.xlsx")).unwrap().len() > 1000);
    for t in ["trajectories", "by_source", "wedges", "bridge", "kpis", "inputs"] {
        assert!(d.join(format!("plan-{t}.csv")).exists(), "{t}");
    }
    for part in ["trajectory", "by-source"] {
        assert_eq!(
            png_size(&d.join(format!("plan-{part}.png"))),
            (1920, 1080),
            "{part}"
        );
    }
    h.get_by_label_contains("Exported PNG: plan-trajectory.png, plan-by-source.png");
}

#[test]
fn window_exports_follow_the_chosen_metric_and_a_new_file_resets_the_widgets() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    let mut m = Metric::default_for(&jx());
    m.set(Scope::Scope3, true);
    h.state_mut().command(Command::SetMetric(m));
    h.state_mut().ui.shortcut_region = Some("chile".into());
    h.run();
    let out = dir.path().join("r.html");
    h.state_mut()
        .command(Command::ExportTo(ExportKind::Html, out.clone()));
    h.run();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("Metric of the key figures, wedges and bridge: <b>Scope 1+2+3 (market), gross</b>"),
        "the report is on the window's metric"
    );
    // Opening another file: its own metric, and no widget state of the previous one.
    h.state_mut().command(Command::OpenPath(shipped("nlm-2013.ron")));
    h.run();
    assert_eq!(h.state().ui.shortcut_region, None);
    assert_eq!(h.state().ui.last_edited, None);
}

#[test]
fn the_cost_view_shows_the_engines_npv_exposure_and_macc_and_follows_a_lever() {
    use decarb::engine::cost_analysis::analyse;
    use decarb::units::Money;
    let s = jx();
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.get_by_label("Cost").click();
    h.run();
    h.run();
    assert_eq!(h.state().prefs.chart.lower, Lower::Cost);
    let a = analyse(&s).expect("the JX file has prices");
    // The KPI row shows the engine's NPV of the plan and JX's 70億円 at the target level.
    h.get_by_label(&Money::OkuYen.fmt(a.npv_plan_jpy));
    h.get_by_label_contains("70.00 億円");
    h.get_by_label_contains("Cost of the plan — Scope 1+2 (market), gross — JX Metals");
    h.get_by_label_contains("MACC FY2030");
    // The group table has a row per active group.
    for r in &a.rows {
        let _ = h.get_all_by_label(decarb::report::group_name(Lang::En, r.group.key()));
    }
    // A lever moved: the view shows the new scenario's NPV.
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(100.0);
    h.run();
    h.run();
    let b = analyse(h.state().doc.scenario()).unwrap();
    assert!(b.npv_plan_jpy != a.npv_plan_jpy);
    h.get_by_label(&Money::OkuYen.fmt(b.npv_plan_jpy));
    // Money in 百万円.
    h.get_by_label("百万円").click();
    h.run();
    h.get_by_label(&Money::MillionYen.fmt(b.npv_plan_jpy));
}

/// JX with a price for every item the file leaves out (indicative, for the test only), so
/// that every lever group is complete and drawn on the MACC.
fn jx_fully_priced() -> Scenario {
    use decarb::model::Path;
    let mut s = jx();
    let base = s.base_year;
    let flat = |v: f64| Path(vec![(base, v)]);
    for r in &mut s.regions {
        if r.power_price_jpy_per_mwh.is_empty() {
            r.power_price_jpy_per_mwh = flat(15_000.0);
        }
        if r.co2_free_premium_jpy_per_mwh.is_empty() {
            r.co2_free_premium_jpy_per_mwh = flat(1_000.0);
        }
    }
    for f in &mut s.fuels {
        if f.price_jpy_per_gj.is_empty() {
            f.price_jpy_per_gj = flat(2_500.0);
        }
    }
    for p in &mut s.ppas {
        if p.price_jpy_per_mwh.is_empty() {
            p.price_jpy_per_mwh = flat(12_000.0);
        }
        p.capex_jpy_per_mw.get_or_insert(0.0);
    }
    for m in &mut s.materials {
        if m.recycled_price_diff_jpy_per_t.is_empty() {
            m.recycled_price_diff_jpy_per_t = flat(0.0);
        }
        if m.low_carbon_price_diff_jpy_per_t.is_empty() {
            m.low_carbon_price_diff_jpy_per_t = flat(0.0);
        }
    }
    if s.credits.price_jpy_per_t.is_empty() {
        s.credits.price_jpy_per_t = flat(0.0);
    }
    for site in &mut s.sites {
        site.efficiency_capex_jpy_per_mwh_yr.get_or_insert(15_026.0);
        site.efficiency_capex_jpy_per_gj_yr.get_or_insert(2_500.0);
        site.process_change_capex_jpy.get_or_insert(0.0);
        for r in &mut site.fuel_switches {
            r.capex_jpy.get_or_insert(0.0);
        }
        for m in &mut site.measures {
            m.capex_jpy.get_or_insert(0.0);
        }
    }
    s
}

#[test]
fn a_flat_carbon_price_moves_every_macc_bar_by_the_price_and_price_inputs_edit_reset_and_undo() {
    use decarb::charts::cost::{MaccOptions, carbon_line, macc_bars};
    use decarb::engine::cost_analysis::analyse;
    use decarb::units::Money;
    let s = jx_fully_priced();
    let a = analyse(&s).expect("priced");
    assert!(
        a.rows.iter().all(|r| r.incomplete.is_empty()),
        "every group complete: {:?}",
        a.missing().map(|u| u.item.field.clone()).collect::<Vec<_>>()
    );
    // The MACC metric is the exposure metric (§9.18): the shift below is exact.
    // A window tall enough for the prices to be in view below the levers.
    let mut h = harness_sized(app_on(s.clone(), None), [1600.0, 2600.0]);
    h.run();
    h.get_by_label("Cost").click();
    h.run();
    h.get_by_label("Prices and costs").click();
    h.run();
    let with = MaccOptions {
        with_carbon: true,
        ..MaccOptions::default()
    };
    let bars = |h: &Harness<'static, DecarbApp>, o: MaccOptions| {
        let st = h.state();
        let c = st
            .doc
            .analysis_if_ready()
            .and_then(|x| x.cost.clone())
            .expect("analysed");
        (
            macc_bars(st.doc.scenario(), &c, o, Lang::En).0,
            carbon_line(&c, o),
        )
    };
    h.get_by_label("Carbon price: 289 円/t").click();
    h.run();
    h.run();
    assert_eq!(
        h.state().doc.scenario().carbon_price_jpy_per_t.0,
        vec![(s.base_year, 289.0)]
    );
    let (low, _) = bars(&h, with);
    let (low_lcoa, line) = bars(&h, MaccOptions::default());
    assert_eq!(line, Some(289.0));
    assert!(low.len() >= 3, "bars drawn: {}", low.len());
    h.get_by_label("Carbon price: 10,000 円/t").click();
    h.run();
    h.run();
    let (high, _) = bars(&h, with);
    let (high_lcoa, line) = bars(&h, MaccOptions::default());
    assert_eq!(line, Some(10_000.0));
    assert_eq!(low.len(), high.len());
    for b in &low {
        let moved = high.iter().find(|x| x.name == b.name).expect("same bars");
        let shift = b.height - moved.height;
        assert!(
            (shift - 9_711.0).abs() <= 1e-6 * b.height.abs().max(9_711.0),
            "{}: {} → {} (shift {shift})",
            b.name,
            b.height,
            moved.height
        );
    }
    // Without the carbon price the bars stay: only the line moves.
    assert_eq!(low_lcoa, high_lcoa);
    // The KPI row shows the engine's NPV of the plan, and the changed mark and reset work.
    let now = analyse(h.state().doc.scenario()).unwrap();
    h.get_by_label(&Money::OkuYen.fmt(now.npv_plan_jpy));
    h.get_by_label("Carbon price [円/t-CO2]: Reset to saved").click();
    h.run();
    h.run();
    assert_eq!(
        h.state().doc.scenario().carbon_price_jpy_per_t,
        s.carbon_price_jpy_per_t
    );
    // The discount rate moves the NPV to the engine's at the new rate; undo restores it.
    h.get_by_role_and_label(Role::SpinButton, "Discount rate").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Discount rate")
        .type_text("8");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().doc.scenario().discount_rate_pct, 8.0);
    let at8 = analyse(h.state().doc.scenario()).unwrap();
    assert!(at8.npv_plan_jpy != a.npv_plan_jpy);
    h.get_by_label(&Money::OkuYen.fmt(at8.npv_plan_jpy));
    h.state_mut().doc.commit();
    assert!(h.state_mut().doc.undo());
    h.run();
    assert_eq!(h.state().doc.scenario().discount_rate_pct, s.discount_rate_pct);
    h.get_by_label(&Money::OkuYen.fmt(a.npv_plan_jpy));
    // A capex cleared is "not given" (never 0), given again it starts at a real 0; the
    // changed mark's reset brings the file's value back.
    let ppa = s.ppas[0].name.clone();
    let capex = |h: &Harness<'static, DecarbApp>| h.state().doc.scenario().ppas[0].capex_jpy_per_mw;
    h.get_by_label("PPAs: prices, capex and lifetimes").click();
    h.run();
    h.get_by_label(&format!("{ppa} — capex [円/MW]: clear")).click();
    h.run();
    assert_eq!(capex(&h), None);
    h.get_by_label(&format!("{ppa} — capex [円/MW]: give")).click();
    h.run();
    assert_eq!(capex(&h), Some(0.0));
    h.get_by_label(&format!("{ppa} — capex [円/MW]: Reset to saved"))
        .click();
    h.run();
    assert_eq!(capex(&h), s.ppas[0].capex_jpy_per_mw);
}

/// The chance lines the target cards should show: the engine's own analysis of the window's
/// scenario and metric with the live fan's draws.
fn engine_chances(app: &DecarbApp) -> decarb::engine::uncertainty::Outcome {
    use decarb::engine::uncertainty::{Options, Progress, Study};
    let (s, m) = (app.doc.scenario(), app.doc.metric());
    Study::new(s)
        .with_metric(m.clone())
        .run(
            s,
            &decarb::engine::Engine::new(s),
            Options {
                draws: Some(decarb::app::uncertainty::LIVE_DRAWS),
                tornado: true,
                ..Options::default()
            },
            &Progress::default(),
        )
        .unwrap()
}

/// Runs frames until the live fan is the one of the scenario shown.
fn settle_fan(h: &mut Harness<'static, DecarbApp>) {
    h.step();
    assert!(
        h.state_mut().fan.wait(std::time::Duration::from_secs(30)),
        "the fan arrives"
    );
    h.run();
}

#[test]
fn dragging_a_lever_moves_the_fan_and_the_chance_on_the_card_to_the_engines_values() {
    let path = shipped("jmia-nonferrous-2013.ron");
    let s = decarb::file::load(&path).unwrap();
    let mut h = harness(app_on(s, Some(path)));
    settle_fan(&mut h);
    let before = engine_chances(h.state());
    let t = &before.targets[0];
    assert!(t.p_met > 0.05 && t.p_met < 0.95, "{}", t.p_met);
    h.get_by_label(&kpi::p_met_label(Lang::En, t.p_met, t.se));
    assert_eq!(
        h.state().shown_fan().unwrap().fan,
        before.fan,
        "the fan drawn is the engine's"
    );

    h.get_by_role_and_label(
        Role::Slider,
        "Five-metal smelters, 16 companies (非鉄製錬 5鉱種, aggregate)",
    )
    .set_value_accesskit(5.0);
    settle_fan(&mut h);
    let after = engine_chances(h.state());
    let a = &after.targets[0];
    assert!(
        a.p_met > t.p_met,
        "more CO2-free power makes the target likelier: {} → {}",
        t.p_met,
        a.p_met
    );
    h.get_by_label(&kpi::p_met_label(Lang::En, a.p_met, a.se));
    let shown = h.state().shown_fan().unwrap();
    assert_eq!(shown.fan, after.fan);
    assert_ne!(shown.fan, before.fan);
    // the trajectory carries the bands and says what the fan is
    h.get_by_label_contains("per-year marginal percentiles");
}

#[test]
fn the_uncertainty_view_edits_inputs_with_undo_and_computes_sobol_in_the_background() {
    let path = shipped("jmia-nonferrous-2013.ron");
    let s = decarb::file::load(&path).unwrap();
    let mut h = harness(app_on(s.clone(), Some(path)));
    h.run();
    h.get_by_label("Uncertainty").click();
    settle_fan(&mut h);
    h.get_by_label_contains("Chance of meeting each target");
    h.get_by_label_contains("What matters most");
    // an input from the presets
    h.get_by_label("Add input").click();
    h.run();
    h.get_by_label("Process emissions").click();
    settle_fan(&mut h);
    assert_eq!(
        h.state().doc.scenario().uncertainty.inputs.len(),
        s.uncertainty.inputs.len() + 1
    );
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle_fan(&mut h);
    assert!(h.state().doc.scenario() == &s, "undo removes it");
    // Sobol in the background with a progress bar, then the table
    h.get_by_label("Compute Sobol indices").click();
    h.step();
    h.step();
    h.get_by_label("Cancel Sobol indices");
    for _ in 0..600 {
        if h.state().sobol.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
    let (_, o) = h.state().sobol_done.as_ref().expect("Sobol indices done");
    let rows = o.sobol.as_ref().unwrap();
    assert_eq!(rows.len(), 4);
    h.get_by_label("first order");
}
