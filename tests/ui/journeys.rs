//! Journeys a user makes, driven only through what the user touches: menus and buttons found
//! by role and label, sliders, typing, keyboard shortcuts. Assertions read what is on screen
//! (labels, KPI text) and the files on disk, not commands injected into the app.

use super::{SITE, app_full, assert_target_cards_fit, harness, jx, kpi_text, kpi_text_in, shipped};
use decarb::app::DecarbApp;
use decarb::app::dialogs::{Choice, FakeDialogs};
use decarb::engine::project;
use decarb::units::Units;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};

type H = Harness<'static, DecarbApp>;

/// Clicks a menu, then an item in it, as a user does.
pub(super) fn menu(h: &mut H, menu: &str, item: &str) {
    h.get_by_role_and_label(Role::Button, menu).click();
    h.run();
    h.get_by_role_and_label(Role::Button, item).click();
    h.run();
    h.run();
}

fn shown(h: &H, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

fn copy_to(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(shipped(name), &to).unwrap();
    to
}

#[test]
fn file_open_a_then_b_shows_b_figures_and_none_of_a() {
    let dir = tempfile::tempdir().unwrap();
    let a = copy_to(dir.path(), "jmia-nonferrous-2013.ron");
    let b = copy_to(dir.path(), "nlm-2013.ron");
    let (sa, sb) = (decarb::file::load(&a).unwrap(), decarb::file::load(&b).unwrap());
    let dialogs = FakeDialogs {
        opens: [Some(a.clone()), Some(b.clone())].into(),
        ..Default::default()
    };
    let mut h = harness(app_full(jx(), None, dialogs));
    h.run();
    menu(&mut h, "File", "Open…");
    assert!(shown(&h, &kpi_text(&sa, 2030)), "A's FY2030 KPI after opening A");
    assert!(!shown(&h, &kpi_text(&jx(), 2030)));
    menu(&mut h, "File", "Open…");
    for year in [2030, 2050] {
        assert!(
            shown(&h, &kpi_text(&sb, year)),
            "B's FY{year} KPI after opening B"
        );
        assert!(
            !shown(&h, &kpi_text(&sa, year)),
            "A's FY{year} KPI still on screen"
        );
    }
    // B's name in the chart headings, A's nowhere
    assert!(h.query_all_by_label_contains(&sb.meta.name).next().is_some());
    assert!(h.query_all_by_label_contains(&sa.meta.name).next().is_none());
    // B's targets, not A's, in the KPI row
    for t in &sb.targets {
        assert!(
            h.query_all_by_label_contains(&t.label).next().is_some(),
            "{}",
            t.label
        );
    }
    for t in &sa.targets {
        assert!(
            h.query_all_by_label_contains(&t.label).next().is_none(),
            "{}",
            t.label
        );
    }
}

#[test]
fn a_cancelled_open_keeps_the_scenario() {
    let dialogs = FakeDialogs {
        opens: [None].into(),
        ..Default::default()
    };
    let mut h = harness(app_full(jx(), None, dialogs));
    h.run();
    menu(&mut h, "File", "Open…");
    assert!(shown(&h, &kpi_text(&jx(), 2030)));
}

#[test]
fn new_after_an_edit_asks_and_discard_gives_the_template() {
    let mut h = harness(app_full(jx(), None, FakeDialogs::default()));
    h.run();
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(90.0);
    h.run();
    let edited = kpi_text(h.state().doc.scenario(), 2030);
    assert!(shown(&h, &edited));
    menu(&mut h, "File", "New");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(shown(&h, &edited), "Cancel keeps the edited plan on screen");
    menu(&mut h, "File", "New");
    h.get_by_role_and_label(Role::Button, "Discard").click();
    h.run();
    h.run();
    let template = decarb::model::from_str(decarb::app::TEMPLATE).unwrap();
    assert!(shown(&h, &kpi_text(&template, 2030)));
    assert!(!shown(&h, &edited));
    assert!(
        h.query_all_by_label_contains(SITE).next().is_none(),
        "JX's sites are gone"
    );
}

#[test]
fn save_as_cancelled_writes_nothing_and_a_failed_save_as_says_why_and_keeps_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan.ron");
    let dialogs = FakeDialogs {
        saves: [
            Choice::Cancelled,
            Choice::Chosen(dir.path().join("no-such-folder").join("plan.ron")),
            Choice::Chosen(target.clone()),
        ]
        .into(),
        ..Default::default()
    };
    let mut h = harness(app_full(jx(), None, dialogs));
    h.run();
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(90.0);
    h.run();
    let edited = h.state().doc.scenario().clone();
    // cancelled: nothing written, no message
    menu(&mut h, "File", "Save As…");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert!(h.query_all_by_label_contains("could not save").next().is_none());
    // failing: the error names the file, the plan is still the edited one
    menu(&mut h, "File", "Save As…");
    assert!(h.query_all_by_label_contains("could not save").next().is_some());
    assert!(h.query_all_by_label_contains("plan.ron").next().is_some());
    h.get_by_role_and_label(Role::Button, "OK").click();
    h.run();
    assert!(shown(&h, &kpi_text(&edited, 2030)));
    // and a good path saves it
    menu(&mut h, "File", "Save As…");
    assert_eq!(decarb::file::load(&target).unwrap(), edited);
}

#[test]
fn ctrl_s_saves_the_edited_plan_to_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_to(dir.path(), "jx-metals-2018.ron");
    let s = decarb::file::load(&path).unwrap();
    let mut h = harness(app_full(s.clone(), Some(path.clone()), FakeDialogs::default()));
    h.run();
    h.get_by_role_and_label(Role::Slider, SITE)
        .set_value_accesskit(80.0);
    h.run();
    let edited = h.state().doc.scenario().clone();
    assert_ne!(edited, s);
    assert_eq!(
        decarb::file::load(&path).unwrap(),
        s,
        "nothing saved before Ctrl+S"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(decarb::file::load(&path).unwrap(), edited);
    assert!(
        h.query_all_by_label_contains("Saved jx-metals-2018.ron")
            .next()
            .is_some()
    );
}

#[test]
fn quitting_with_unsaved_changes_asks_save_discard_or_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_to(dir.path(), "nlm-2013.ron");
    let s = decarb::file::load(&path).unwrap();
    let mut h = harness(app_full(s.clone(), Some(path.clone()), FakeDialogs::default()));
    h.run();
    let site = s.sites[0].name.clone();
    h.get_by_role_and_label(Role::Slider, &site)
        .set_value_accesskit(100.0);
    h.run();
    let edited = h.state().doc.scenario().clone();
    menu(&mut h, "File", "Quit");
    assert!(shown(&h, "Save") && shown(&h, "Discard") && shown(&h, "Cancel"));
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(shown(&h, &kpi_text(&edited, 2030)), "still open with the edit");
    assert_eq!(decarb::file::load(&path).unwrap(), s);
    // Save: the edit is written before the window closes
    menu(&mut h, "File", "Quit");
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run();
    assert_eq!(decarb::file::load(&path).unwrap(), edited);
}

#[test]
fn quitting_and_discarding_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_to(dir.path(), "nlm-2013.ron");
    let s = decarb::file::load(&path).unwrap();
    let mut h = harness(app_full(s.clone(), Some(path.clone()), FakeDialogs::default()));
    h.run();
    h.get_by_role_and_label(Role::Slider, &s.sites[0].name)
        .set_value_accesskit(100.0);
    h.run();
    menu(&mut h, "File", "Quit");
    h.get_by_role_and_label(Role::Button, "Discard").click();
    h.run();
    assert_eq!(decarb::file::load(&path).unwrap(), s);
    assert!(h.query_by_label("Discard").is_none(), "the question is answered");
}

#[test]
fn choosing_units_in_the_view_menu_changes_every_kpi() {
    let mut h = harness(app_full(jx(), None, FakeDialogs::default()));
    h.run();
    assert!(shown(&h, &kpi_text_in(&jx(), 2030, Units::ManT)));
    h.get_by_role_and_label(Role::Button, "View").click();
    h.run();
    // the same choice is offered in the menu and in the options row: the menu's comes first
    h.get_all_by_role_and_label(Role::RadioButton, "kt")
        .next()
        .unwrap()
        .click();
    h.run();
    h.run();
    assert!(shown(&h, &kpi_text_in(&jx(), 2030, Units::Kt)), "KPI in kt");
    assert!(!shown(&h, &kpi_text_in(&jx(), 2030, Units::ManT)));
}

#[test]
fn review_mode_from_the_view_menu_shows_every_target_of_a_file_with_many() {
    let mut s = decarb::file::load(&shipped("nlm-2013.ron")).unwrap();
    let extra = s.targets[0].clone();
    for (k, year) in [2035, 2040, 2045].into_iter().enumerate() {
        let mut t = extra.clone();
        t.label = format!("Extra target {k}");
        t.year = year;
        s.targets.push(t);
    }
    let mut h = harness(app_full(s.clone(), None, FakeDialogs::default()));
    h.run();
    h.get_by_role_and_label(Role::Button, "View").click();
    h.run();
    h.get_by_label("Review mode").click();
    h.run();
    h.run();
    assert_target_cards_fit(&h, &s, 1600.0);
    // no levers in review mode
    assert!(
        h.query_by_role_and_label(Role::Slider, &s.sites[0].name)
            .is_none()
    );
}

/// Opens a collapsed section of the levers panel: scrolled into view, then clicked.
fn open_section(h: &mut H, header: &str) {
    h.get_by_label(header).scroll_to_me();
    h.run();
    h.get_by_label(header).click();
    h.run();
}

/// Moves a slider found by its label, then checks that the KPI on screen is the engine's
/// value for the scenario the window now holds, and that it moved.
fn slide(h: &mut H, label: &str, value: f64) {
    let before = kpi_text(h.state().doc.scenario(), 2030);
    h.get_by_role_and_label(Role::Slider, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Slider, label)
        .set_value_accesskit(value);
    h.run();
    let s = h.state().doc.scenario().clone();
    let after = kpi_text(&s, 2030);
    assert_ne!(before, after, "{label}: the FY2030 KPI did not move");
    assert!(shown(h, &after), "{label}: the KPI shows {after}");
}

#[test]
fn one_lever_of_every_group_moves_the_kpi_to_the_engine_value() {
    let mut h = harness(app_full(jx(), None, FakeDialogs::default()));
    h.run();
    let s = jx();
    // 2. recycling
    let m = &s.materials[0].name;
    slide(&mut h, &format!("{m} — recycled"), 60.0);
    // (the low-carbon primary share moves Scope 3 only, which this metric does not cover)
    // 5. efficiency and 6. process change, on a site with fuel and process emissions
    let site = s
        .sites
        .iter()
        .find(|x| x.process_t_co2 > 0.0 && !x.fuels.is_empty())
        .unwrap()
        .name
        .clone();
    for header in [
        "Efficiency",
        "Process change",
        "PPA and own renewables",
        "Fuel switching",
        "Credits",
    ] {
        open_section(&mut h, header);
    }
    // electricity efficiency where the power is not all CO2-free yet (Taiwan, 63 % in FY2023)
    let taiwan = s
        .sites
        .iter()
        .find(|x| x.region == "taiwan")
        .unwrap()
        .name
        .clone();
    slide(&mut h, &format!("{taiwan} — electricity %/yr"), 3.0);
    slide(&mut h, &format!("{site} — fuel %/yr"), 3.0);
    slide(&mut h, &format!("{site} — Process change"), 50.0);
    // 4. PPA capacity
    // (the Kurami PPA serves a site already on CO2-free power: a new PPA serves the largest
    // purchase that is not)
    h.get_by_role_and_label(Role::Button, "Add PPA").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add PPA").click();
    h.run();
    let ppa = h.state().doc.scenario().ppas.last().unwrap().name.clone();
    slide(&mut h, &format!("{ppa} — capacity MW"), 20.0);
    // 1. CO2-free power, on the site the PPA serves
    slide(&mut h, SITE, 100.0);
    // 3. fuel switching: add a rule with the button, then move its share
    h.get_by_role_and_label(Role::Button, "Add rule").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add rule").click();
    h.run();
    let rules_before: usize = s.sites.iter().map(|x| x.fuel_switches.len()).sum();
    let rules_after: usize = h
        .state()
        .doc
        .scenario()
        .sites
        .iter()
        .map(|x| x.fuel_switches.len())
        .sum();
    assert_eq!(rules_after, rules_before + 1);
    let site0 = &s.sites[0].name;
    let share = h
        .query_all_by_role(Role::Slider)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with(site0.as_str()) && l.contains("→"))
        .expect("a slider for the new rule's share");
    slide(&mut h, &share, 50.0);
    // 7. credits: a keyframe added with "+" and its value typed in
    open_section(&mut h, "keyframes (0)");
    h.get_by_label("t-CO2/yr: add keyframe").click();
    h.run();
    let field = "t-CO2/yr: keyframe 1 value";
    h.get_by_label(field).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(field).type_text("50000");
    h.key_press(egui::Key::Enter);
    h.run();
    let credits = &h.state().doc.scenario().credits.t_co2_per_yr;
    assert_eq!(credits.value_or(2050, 0.0), 50_000.0, "{credits:?}");
    // the net-zero target counts credits: its card shows the net value
    let s = h.state().doc.scenario().clone();
    let p = project(&s);
    let net_zero = decarb::engine::targets::evaluate(&s, &p)
        .into_iter()
        .find(|r| r.credits_count)
        .unwrap();
    let value = decarb::report::fmt_target_value(net_zero.unit, net_zero.value, Units::ManT);
    assert!(h.query_all_by_label_contains(&value).next().is_some(), "{value}");
}

/// NLM with the known answer's target "−30 % abs vs FY2013" and Kambara's CO2-free share as
/// the goal seek's only lever (ANALYSES.md §9.2).
fn nlm_goal_seek() -> decarb::model::Scenario {
    use decarb::model::{GoalSeek, LeverRef, Scope, Scope2Method, SeekLever, Target, TargetKind};
    let mut s = decarb::file::load(&shipped("nlm-2013.ron")).unwrap();
    s.targets.push(Target {
        label: "−30 % abs vs FY2013".into(),
        year: 2030,
        scopes: vec![Scope::Scope1, Scope::Scope2],
        scope2_method: Scope2Method::Market,
        credits_count: false,
        kind: TargetKind::Absolute {
            reduction_pct: 30.0,
            reference_year: 2013,
        },
        source: String::new(),
    });
    s.goal_seek = Some(GoalSeek {
        targets: vec!["−30 % abs vs FY2013".into()],
        levers: vec![SeekLever {
            lever: LeverRef::Co2Free {
                site: "kambara".into(),
            },
            min: None,
            max: None,
            reach_year: None,
        }],
        ..GoalSeek::default()
    });
    s
}

#[test]
fn goal_seek_from_the_dialog_opens_the_answer_beside_the_plan_with_its_target_met_and_keep_makes_it_the_plan()
{
    let s = nlm_goal_seek();
    let mut h = harness(app_full(s.clone(), None, FakeDialogs::default()));
    h.run();
    assert!(
        h.query_by_label_contains("−30 % abs vs FY2013 (FY2030) — missed")
            .is_some()
    );
    menu(&mut h, "Plan", "Goal seek…");
    assert!(shown(&h, "Meet −30 % abs vs FY2013"));
    h.get_by_role_and_label(Role::Button, "Find the least-cost levers")
        .click();
    h.run();
    h.run();
    // the answer: beside the plan in the compare view and on the trajectory, its card met
    let answer = h.state().goal.answer.as_ref().expect("an answer").answer.clone();
    let x = answer.vars[0].value;
    assert!((x - 0.905006).abs() < 1e-3, "Kambara's share {x}");
    let c = h
        .state()
        .compared
        .iter()
        .find(|c| c.name == decarb::app::goal_seek::ANSWER_NAME)
        .expect("the answer is compared");
    assert!(
        c.results
            .iter()
            .any(|r| r.label == "−30 % abs vs FY2013" && r.met)
    );
    assert_eq!(h.state().prefs.chart.lower, decarb::app::panels::Lower::Compare);
    h.get_by_label_contains("Met at");
    h.get_by_label_contains("the last tonne costs");
    assert!(
        h.query_all_by_label("Goal seek answer (unsaved)").count() >= 2,
        "the overlay's legend and the compare table's column"
    );
    h.get_by_label_contains("Inputs and levers that differ");
    // keep: the plan becomes the answer, its card says met; undo goes back
    h.get_by_role_and_label(Role::Button, "Keep: make it the plan")
        .click();
    h.run();
    h.run();
    assert_eq!(h.state().doc.scenario(), &answer.scenario);
    assert!(
        h.query_by_label_contains("−30 % abs vs FY2013 (FY2030) — met")
            .is_some()
    );
    assert!(h.state().compared.is_empty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.scenario(), &s);
}

#[test]
fn the_goal_seek_answer_saves_as_a_file_that_checks_and_meets_and_discard_leaves_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("answer.ron");
    let s = nlm_goal_seek();
    let dialogs = FakeDialogs {
        save: Some(out.clone()),
        ..FakeDialogs::default()
    };
    let mut h = harness(app_full(s.clone(), None, dialogs));
    h.run();
    menu(&mut h, "Plan", "Goal seek…");
    h.get_by_role_and_label(Role::Button, "Find the least-cost levers")
        .click();
    h.run();
    h.run();
    h.get_by_role_and_label(Role::Button, "Save as file…").click();
    h.run();
    let saved = decarb::file::load(&out).expect("the answer file loads and validates");
    let p = project(&saved);
    let r = decarb::engine::targets::evaluate(&saved, &p);
    assert!(r.iter().any(|t| t.label == "−30 % abs vs FY2013" && t.met));
    assert_eq!(h.state().doc.scenario(), &s, "saving the answer leaves the plan");
    h.get_by_role_and_label(Role::Button, "Discard").click();
    h.run();
    assert!(h.state().goal.answer.is_none() && h.state().compared.is_empty());
    assert_eq!(h.state().doc.scenario(), &s);
}

#[test]
fn a_running_goal_seek_shows_progress_and_cancel_stops_it_without_touching_the_plan() {
    let s = decarb::synthetic::goal_seek_case(20, 11);
    let mut app = app_full(s.clone(), None, FakeDialogs::default());
    app.wait_for_fan = false;
    let mut h = harness(app);
    h.run_steps(2);
    menu(&mut h, "Plan", "Goal seek…");
    h.get_by_role_and_label(Role::Button, "Find the least-cost levers")
        .click();
    h.run_steps(2);
    h.get_by_label_contains("engine runs");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    for _ in 0..400 {
        h.step();
        if h.state().goal.job.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(h.state().goal.job.is_none());
    assert!(h.state().goal.answer.is_none());
    assert_eq!(h.state().status.as_deref(), Some("Goal seek cancelled"));
    assert_eq!(h.state().doc.scenario(), &s);
}

#[test]
fn a_target_from_the_sbti_template_draws_its_glide_line_and_adds_an_ordinary_target() {
    let mut h = harness(app_full(jx(), None, FakeDialogs::default()));
    h.run();
    let before = h.state().doc.scenario().targets.len();
    menu(&mut h, "Plan", "New target from template…");
    h.get_by_label_contains("SBTi 1.5 °C −50.4 % vs FY2018 (FY2030): 89.78 万t");
    assert!(
        shown(&h, "Glide line — SBTi 1.5 °C −50.4 % vs FY2018"),
        "the glide line's legend"
    );
    h.get_by_role_and_label(Role::Button, "Add the target").click();
    h.run();
    let s = h.state().doc.scenario();
    assert_eq!(s.targets.len(), before + 1);
    assert_eq!(s.targets.last().unwrap().label, "SBTi 1.5 °C −50.4 % vs FY2018");
    assert!(h.state().goal.template.is_none());
    assert!(
        h.query_by_label_contains("SBTi 1.5 °C −50.4 % vs FY2018 (FY2030) — ")
            .is_some()
    );
}

#[test]
fn opening_another_file_after_a_goal_seek_drops_the_first_files_answer_and_dialog() {
    let dialogs = FakeDialogs {
        open: Some(shipped("jx-metals-2018.ron")),
        ..FakeDialogs::default()
    };
    let mut h = harness(app_full(nlm_goal_seek(), None, dialogs));
    h.run();
    menu(&mut h, "Plan", "Goal seek…");
    h.get_by_role_and_label(Role::Button, "Find the least-cost levers")
        .click();
    h.run();
    h.run();
    assert!(h.state().goal.answer.is_some());
    // File → Open another file (the NLM plan is unsaved-free: no question)
    menu(&mut h, "File", "Open…");
    h.run();
    assert_eq!(h.state().doc.scenario().meta.name, jx().meta.name);
    assert!(h.state().goal.answer.is_none() && h.state().goal.dialog.is_none());
    assert!(
        h.state().compared.is_empty(),
        "NLM's answer is not drawn beside JX"
    );
    assert!(!shown(&h, "Goal seek answer"));
    // a new goal seek opens on JX's own targets
    menu(&mut h, "Plan", "Goal seek…");
    assert!(shown(&h, "Meet −50 % vs FY2018 (Scope 1+2)"));
}
