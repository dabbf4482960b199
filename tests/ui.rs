//! The real app under egui_kittest (no display, no GPU): levers, KPIs, undo, files, language.

use decarb::app::dialogs::FakeDialogs;
use decarb::app::{Command, DecarbApp, Modal, Mode, Prefs, install_fonts, kpi, levers};
use decarb::engine::project;
use decarb::model::{self, Scenario};
use decarb::units::Units;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

fn jx() -> Scenario {
    model::from_str(decarb::DEFAULT_SCENARIO).unwrap()
}

fn harness(app: DecarbApp) -> Harness<'static, DecarbApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| {
            install_fonts(&cc.egui_ctx);
            app
        })
}

fn app_with(dialogs: FakeDialogs) -> DecarbApp {
    DecarbApp::with_prefs(jx(), None, Prefs::default(), Mode::Normal, Box::new(dialogs))
}

const SITE: &str = "Other domestic sites, grouped (その他国内拠点)";

#[test]
fn moving_a_co2_free_share_updates_the_kpi_by_the_engine_value_and_undo_restores_it() {
    let original = jx();
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    let before = project(&original).totals(2030).unwrap().net;
    let label_before = kpi::net_label(Default::default(), Units::ManT, 2030, before);
    h.get_by_label(&label_before);

    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(100.0);
    h.run();

    // What the engine gives for that setting, applied the way the lever applies it.
    let mut expected = original.clone();
    let site = expected.sites.iter_mut().find(|s| s.name == SITE).unwrap();
    let (_, year) = levers::target(&site.co2_free_share, 0.0, expected.base_year);
    levers::set_target(
        &mut site.co2_free_share,
        1.0,
        year,
        0.0,
        expected.base_year,
        expected.last_year,
        levers::Shape::Step,
    );
    let after = project(&expected).totals(2030).unwrap().net;
    assert!(after < before - 1e4, "{after} vs {before}");
    assert_eq!(h.state().doc.scenario, expected);
    h.get_by_label(&kpi::net_label(Default::default(), Units::ManT, 2030, after));
    assert!(h.state().doc.is_dirty());

    // Ctrl+Z restores it exactly; Ctrl+Shift+Z redoes.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.scenario, original);
    h.get_by_label(&label_before);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.scenario, expected);
}

#[test]
fn opening_a_bad_file_shows_every_error_and_keeps_the_scenario() {
    let bad = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad/many_errors.ron");
    let mut h = harness(app_with(FakeDialogs {
        open: Some(bad),
        save: None,
    }));
    h.run();
    h.state_mut().command(Command::Open);
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::Errors { .. })));
    assert_eq!(h.state().doc.scenario, jx());
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
    }));
    h.run();
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(80.0);
    h.run();
    h.state_mut().command(Command::SaveAs);
    h.run();
    let saved = decarb::file::load(&path).unwrap();
    assert_eq!(saved, h.state().doc.scenario);
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(h.state().prefs.recent.first(), Some(&path));
    // Open it again (no unsaved changes, so no question).
    h.state_mut().command(Command::Open);
    h.run();
    assert_eq!(h.state().doc.scenario, saved);
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
    assert_eq!(h.state().doc.scenario.meta.name, "New scenario");
}

#[test]
fn japanese_labels_after_switching_language() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("日本語").click();
    h.run();
    assert_eq!(h.state().prefs.lang, decarb::app::i18n::Lang::Ja);
    h.get_by_label("レバー");
    h.get_by_label("CO2フリー電力");
    let net = project(&jx()).totals(2030).unwrap().net;
    h.get_by_label(&kpi::net_label(
        decarb::app::i18n::Lang::Ja,
        Units::ManT,
        2030,
        net,
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
fn every_shipped_scenario_renders() {
    for name in ["jmia-nonferrous-2013.ron", "nlm-2013.ron"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios")
            .join(name);
        let s = decarb::file::load(&path).unwrap();
        let app = DecarbApp::with_prefs(
            s,
            Some(path),
            Prefs::default(),
            Mode::Normal,
            Box::new(FakeDialogs::default()),
        );
        let mut h = harness(app);
        h.run();
        assert!(
            !h.state().doc.is_dirty(),
            "{name}: showing a file must not change it"
        );
    }
    // nor the default
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn analysis_views_and_review_mode_render() {
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    for view in ["Wedges", "Bridge", "Factors", "By site", "By source"] {
        h.get_by_label(view).click();
        h.run();
    }
    h.get_by_label("Factors").click();
    h.run();
    // FY2018 → FY2030 of the JX file: history for 2018, the model for 2030
    h.get_by_label("CO2 emissions change");
    h.state_mut().review = true;
    h.run();
    h.get_by_label_contains("In FY2030 the plan lands at");
    h.get_by_label_contains("Largest contributions against BAU in FY2030");
    assert!(
        h.query_by_role_and_label(Role::Slider, SITE).is_none(),
        "no levers in review mode"
    );
}

#[test]
fn compare_shows_a_changed_lever_in_the_diff_table() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("jx-all-co2-free.ron");
    let mut s = jx();
    let site = s.sites.iter_mut().find(|x| x.id == "other_japan").unwrap();
    site.co2_free_share = model::Path(vec![(2020, 0.0), (2030, 1.0)]);
    decarb::file::save(&other, &s).unwrap();
    let mut h = harness(app_with(FakeDialogs {
        open: Some(other),
        save: None,
    }));
    h.run();
    h.state_mut().command(Command::CompareWith);
    h.run();
    assert_eq!(h.state().compared.len(), 1);
    h.get_by_label("sites[other_japan].co2_free_share");
    h.get_by_label("[(2020,0.0),(2030,1.0)]");
    // both scenarios are drawn: the current one under its name in the legend
    assert!(h.query_all_by_label_contains("jx-all-co2-free.ron").count() >= 2);
    assert_eq!(
        h.state().doc.scenario,
        jx(),
        "comparing does not change the open scenario"
    );
}

#[test]
fn exports_from_the_window_write_html_xlsx_csv_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_with(FakeDialogs {
        open: None,
        save: Some(dir.path().join("plan-report.html")),
    }));
    h.run();
    h.state_mut().command(Command::ExportHtml);
    h.run();
    let html = std::fs::read_to_string(dir.path().join("plan-report.html")).unwrap();
    assert_eq!(html.matches("<svg").count(), 4);
    h.state_mut().dialogs = Box::new(FakeDialogs {
        open: None,
        save: Some(dir.path().join("plan.xlsx")),
    });
    h.state_mut().command(Command::ExportXlsx);
    h.run();
    assert!(std::fs::metadata(dir.path().join("plan.xlsx")).unwrap().len() > 1000);
    h.state_mut().dialogs = Box::new(FakeDialogs {
        open: None,
        save: Some(dir.path().join("plan-trajectories.csv")),
    });
    h.state_mut().command(Command::ExportCsv);
    h.run();
    for t in ["trajectories", "by_source", "wedges", "bridge", "kpis", "inputs"] {
        assert!(dir.path().join(format!("plan-{t}.csv")).exists(), "{t}");
    }
    assert!(h.state().last_export.is_some());
}
