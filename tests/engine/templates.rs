//! SBTi target templates (ANALYSES.md §4, §9.39): the targets they write, run through the
//! engine, give the levels ANALYSES.md derives from the seeds.

use decarb::engine::targets;
use decarb::engine::templates::{self, Template};
use decarb::model::{Scenario, TargetKind};

fn load(name: &str) -> Scenario {
    decarb::file::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

/// The level [t] of the template's first target once added to the file.
fn level(mut s: Scenario, t: Template, from: i32, to: i32, rate: f64) -> f64 {
    let w = templates::write(t, from, to, rate);
    s.targets = w.targets;
    let p = decarb::engine::project(&s);
    targets::evaluate(&s, &p)[0].level
}

#[test]
fn jx_2018_to_2030_at_4_2_is_50_4_percent_and_897_8_kt() {
    let w = templates::write(Template::Sbti15, 2018, 2030, 4.2);
    let TargetKind::Absolute {
        reduction_pct,
        reference_year,
    } = w.targets[0].kind
    else {
        panic!("an absolute target")
    };
    assert!((reduction_pct - 50.4).abs() < 1e-9 && reference_year == 2018);
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    let l = level(
        load("scenarios/jx-metals-2018.ron"),
        Template::Sbti15,
        2018,
        2030,
        4.2,
    );
    assert!((l / 1000.0 - 897.8).abs() < 0.05, "{l}");
}

#[test]
fn the_association_2013_to_2030_at_1_5_and_well_below_2() {
    let s = load("scenarios/jmia-nonferrous-2013.ron");
    // 2013 is before 2015: said
    assert!(
        !templates::write(Template::Sbti15, 2013, 2030, 4.2)
            .warnings
            .is_empty()
    );
    let l15 = level(s.clone(), Template::Sbti15, 2013, 2030, 4.2);
    assert!((l15 / 1e4 - 128.4).abs() < 0.05, "{l15}");
    // WB2C's rate on the association's Scope 1+2, as §4 compares it
    let mut w = templates::write(Template::WellBelow2, 2013, 2030, 2.5);
    w.targets[0].scopes = Template::Sbti15.scopes();
    let mut s2 = s;
    s2.targets = w.targets;
    let p = decarb::engine::project(&s2);
    let l = targets::evaluate(&s2, &p)[0].level;
    assert!((l / 1e4 - 258.1).abs() < 0.05, "{l}");
}

#[test]
fn net_zero_is_minus_90_and_a_neutralised_residual() {
    let w = templates::write(Template::NetZero, 2018, 2050, 90.0);
    assert_eq!(w.targets.len(), 2);
    assert!(matches!(
        w.targets[0].kind,
        TargetKind::Absolute {
            reduction_pct: 90.0,
            reference_year: 2018
        }
    ));
    assert!(matches!(w.targets[1].kind, TargetKind::Level { t_co2: 0.0 }) && w.targets[1].credits_count);
    assert!(w.targets[1].label.contains("removals"));
    assert!(
        !templates::write(Template::NetZero, 2018, 2055, 90.0)
            .warnings
            .is_empty()
    );
    // linear, capped at 100 %, never negative
    assert_eq!(templates::reduction_pct(4.2, 2018, 2050), 100.0);
    assert_eq!(templates::reduction_pct(4.2, 2030, 2020), 0.0);
    assert!((templates::reduction_pct(2.5, 2020, 2030) - 25.0).abs() < 1e-12);
    // every template's targets pass validation in a shipped file
    for t in Template::ALL {
        let mut s = load("scenarios/nlm-2013.ron");
        s.targets
            .extend(templates::write(t, 2015, 2030, t.default_rate_pct()).targets);
        assert!(decarb::model::validate::validate(&s).is_empty(), "{t:?}");
    }
}
