//! Lever edits (src/model/edit.rs) as the window's panels emit them, checked against what each
//! edit is documented to do, on the small test scenario (`tests/data/minimal.ron`: one site,
//! two fuels, one material, one off-site PPA, FY2018–FY2050, an FY2018 actual).

use decarb::model::edit::{
    self, Edit, Outcome, PathRef, Shape, apply, lever_target, same_values, set_target,
};
use decarb::model::{self, ELECTRICITY, Path, PpaKind, Scenario};

fn minimal() -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron");
    decarb::file::load(&path).unwrap()
}

fn unchanged(o: Outcome) -> String {
    match o {
        Outcome::Unchanged(m) => m,
        Outcome::Changed => panic!("expected no change"),
    }
}

#[test]
fn every_path_ref_reads_and_writes_the_field_it_names() {
    let mut s = minimal();
    s.sites[0].efficiency_electricity_pct = Path(vec![(2020, 1.0)]);
    let refs = [
        PathRef::SiteCo2Free(0),
        PathRef::SiteFuelSwitch(0, 0),
        PathRef::MaterialRecycled(0),
        PathRef::MaterialLowCarbon(0),
        PathRef::PpaCapacity(0),
        PathRef::SiteEfficiencyElectricity(0),
        PathRef::SiteEfficiencyFuel(0),
        PathRef::SiteProcessChange(0),
        PathRef::RegionEf(0),
        PathRef::SiteActivity(0),
        PathRef::SiteOwnership(0),
        PathRef::Credits,
        PathRef::CarbonPrice,
    ];
    for (k, r) in refs.into_iter().enumerate() {
        let marker = Path(vec![(2030, k as f64 + 0.5)]);
        *r.get_mut(&mut s).unwrap() = marker.clone();
        assert_eq!(r.get(&s), Some(&marker), "{r:?}");
    }
    // each write landed in its own field
    let site = &s.sites[0];
    let v = |p: &Path| p.0[0].1;
    assert_eq!(v(&site.co2_free_share), 0.5);
    assert_eq!(v(&site.fuel_switches[0].share), 1.5);
    assert_eq!(v(&s.materials[0].recycled_share), 2.5);
    assert_eq!(v(&s.materials[0].low_carbon_share), 3.5);
    assert_eq!(v(&s.ppas[0].capacity_mw), 4.5);
    assert_eq!(v(&site.efficiency_electricity_pct), 5.5);
    assert_eq!(v(&site.efficiency_fuel_pct), 6.5);
    assert_eq!(v(&site.process_change_share), 7.5);
    assert_eq!(v(&s.regions[0].ef_kg_per_kwh), 8.5);
    assert_eq!(v(&site.activity), 9.5);
    assert_eq!(v(&site.ownership), 10.5);
    assert_eq!(v(&s.credits.t_co2_per_yr), 11.5);
    assert_eq!(v(&s.carbon_price_jpy_per_t), 12.5);
    // indices that do not exist
    for r in [
        PathRef::SiteCo2Free(1),
        PathRef::SiteFuelSwitch(0, 1),
        PathRef::SiteFuelSwitch(1, 0),
        PathRef::MaterialRecycled(1),
        PathRef::MaterialLowCarbon(1),
        PathRef::PpaCapacity(1),
        PathRef::SiteEfficiencyElectricity(1),
        PathRef::SiteEfficiencyFuel(1),
        PathRef::SiteProcessChange(1),
        PathRef::RegionEf(1),
        PathRef::SiteActivity(1),
        PathRef::SiteOwnership(1),
    ] {
        assert!(r.get(&s).is_none(), "{r:?}");
        assert!(r.get_mut(&mut s).is_none(), "{r:?}");
        assert_eq!(
            unchanged(apply(&mut s, Edit::SetPath(r, Path::default()))),
            "this lever no longer exists"
        );
    }
    // an empty activity or ownership path means 1, every other lever 0
    assert_eq!(PathRef::SiteActivity(0).default_value(), 1.0);
    assert_eq!(PathRef::SiteOwnership(0).default_value(), 1.0);
    assert_eq!(PathRef::SiteCo2Free(0).default_value(), 0.0);
    assert_eq!(PathRef::Credits.default_value(), 0.0);
}

#[test]
fn set_path_changes_a_path_once() {
    let mut s = minimal();
    let p = Path(vec![(2020, 0.25)]);
    assert_eq!(
        apply(&mut s, Edit::SetPath(PathRef::SiteCo2Free(0), p.clone())),
        Outcome::Changed
    );
    assert_eq!(s.sites[0].co2_free_share, p);
    assert_eq!(
        unchanged(apply(&mut s, Edit::SetPath(PathRef::SiteCo2Free(0), p))),
        "no change"
    );
}

#[test]
fn set_target_through_apply_starts_after_the_latest_actual() {
    let mut s = minimal();
    s.history[0].year = 2020; // an FY2020 actual: the plan starts in FY2021
    let e = Edit::SetTarget {
        path: PathRef::SiteProcessChange(0),
        value: 0.4,
        year: 2030,
        shape: Shape::Ramp,
    };
    assert_eq!(apply(&mut s, e.clone()), Outcome::Changed);
    assert_eq!(s.sites[0].process_change_share.0, vec![(2020, 0.0), (2030, 0.4)]);
    assert_eq!(unchanged(apply(&mut s, e)), "no change");
    let gone = Edit::SetTarget {
        path: PathRef::PpaCapacity(3),
        value: 1.0,
        year: 2030,
        shape: Shape::Step,
    };
    assert_eq!(unchanged(apply(&mut s, gone)), "this lever no longer exists");
    // activity's empty path means 1: a ramp to 1.2 starts from 1
    let grow = Edit::SetTarget {
        path: PathRef::SiteActivity(0),
        value: 1.2,
        year: 2030,
        shape: Shape::Ramp,
    };
    assert_eq!(apply(&mut s, grow), Outcome::Changed);
    assert_eq!(s.sites[0].activity.0, vec![(2020, 1.0), (2030, 1.2)]);
}

#[test]
fn set_target_keeps_inside_the_plan_years() {
    // a target asked before the plan starts is moved to the first plan year; after the
    // horizon, to its last year
    let mut p = Path::default();
    set_target(&mut p, 1.0, 2000, 0.0, 2018, 2023, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2023, 0.0), (2024, 1.0)]);
    let mut p = Path::default();
    set_target(&mut p, 1.0, 2090, 0.0, 2018, 2023, 2050, Shape::Ramp);
    assert_eq!(p.0, vec![(2023, 0.0), (2050, 1.0)]);
    // no plan year left (the floor is the last year): nothing changes
    let mut p = Path(vec![(2018, 0.1)]);
    set_target(&mut p, 1.0, 2030, 0.0, 2018, 2050, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.1)]);
    // a floor before the base year counts as the base year
    let mut p = Path::default();
    set_target(&mut p, 1.0, 2020, 0.0, 2018, 2010, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.0), (2019, 0.0), (2020, 1.0)]);
    // the value the path already holds: nothing to do
    let mut p = Path(vec![(2018, 0.3)]);
    set_target(&mut p, 0.3, 2030, 0.0, 2018, 2018, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.3)]);
    // any other value is a target, however close (1e-12 apart is still a change)
    let mut p = Path(vec![(2018, 0.0)]);
    set_target(&mut p, 1e-12, 2030, 0.0, 2018, 2018, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.0), (2029, 0.0), (2030, 1e-12)]);
    // a step right after the anchor has no "year before" keyframe
    let mut p = Path::default();
    set_target(&mut p, 1.0, 2019, 0.0, 2018, 2018, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.0), (2019, 1.0)]);
    // a plan start in the first plan year is kept as the anchor
    let mut p = Path(vec![(2024, 0.0)]);
    set_target(&mut p, 0.5, 2030, 0.0, 2018, 2023, 2050, Shape::Ramp);
    assert_eq!(p.0, vec![(2024, 0.0), (2030, 0.5)]);
    // a target after a plan start moves, and a ramp target before the keyframe before it
    // stops one year after it
    let mut p = Path(vec![(2018, 0.0), (2025, 0.2), (2030, 0.5)]);
    set_target(&mut p, 0.9, 2020, 0.0, 2018, 2018, 2050, Shape::Ramp);
    assert_eq!(p.0, vec![(2018, 0.0), (2025, 0.2), (2026, 0.9)]);
    assert_eq!(lever_target(&p, 0.0, 2018, 2040), (0.9, 2026));
    // no target yet: the value after the actuals and the year asked (not before the plan)
    assert_eq!(
        lever_target(&Path(vec![(2018, 0.3)]), 0.0, 2023, 2030),
        (0.3, 2030)
    );
    assert_eq!(lever_target(&Path::default(), 0.7, 2023, 2000), (0.7, 2024));
    assert_eq!(
        lever_target(&Path(vec![(2024, 0.2)]), 0.0, 2023, 2030),
        (0.2, 2030)
    );
}

#[test]
fn set_target_moves_a_step_and_keeps_the_value_it_steps_from() {
    // a step pair (2028 → 2029) after a plan start: both years move together
    let mut p = Path(vec![(2018, 0.2), (2028, 0.2), (2029, 1.0)]);
    set_target(&mut p, 0.8, 2035, 0.0, 2018, 2018, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.2), (2034, 0.2), (2035, 0.8)]);
    // but not before the keyframe it steps from
    let mut p = Path(vec![(2018, 0.0), (2022, 0.2), (2028, 0.2), (2029, 1.0)]);
    set_target(&mut p, 1.0, 2020, 0.0, 2018, 2018, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.0), (2022, 0.2), (2023, 0.2), (2024, 1.0)]);
    // a ramp target that follows the floor becomes a step when asked for one
    let mut p = Path(vec![(2023, 0.5), (2030, 1.0)]);
    set_target(&mut p, 0.9, 2027, 0.0, 2018, 2023, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2023, 0.5), (2026, 0.5), (2027, 0.9)]);
    // a path whose first keyframe lies after the floor is anchored at the floor first
    let mut p = Path(vec![(2030, 0.1), (2040, 0.4)]);
    set_target(&mut p, 0.6, 2045, 0.0, 2018, 2023, 2050, Shape::Ramp);
    assert_eq!(p.0, vec![(2023, 0.1), (2030, 0.1), (2045, 0.6)]);
    // keyframes with different values one year apart are not a step pair
    let mut p = Path(vec![(2018, 0.0), (2028, 0.5), (2029, 1.0)]);
    set_target(&mut p, 0.8, 2035, 0.0, 2018, 2018, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.0), (2028, 0.5), (2035, 0.8)]);
}

#[test]
fn paths_are_the_same_when_every_projected_year_has_the_same_value() {
    let a = Path(vec![(2018, 0.0), (2020, 1.0)]);
    let b = Path(vec![(2018, 0.0), (2019, 0.5), (2020, 1.0), (2030, 1.0)]);
    assert!(same_values(&a, &b, 0.0, 2018, 2050));
    let c = Path(vec![(2018, 0.0), (2021, 1.0)]);
    assert!(!same_values(&a, &c, 0.0, 2018, 2050));
    assert!(same_values(&a, &c, 0.0, 2021, 2050), "only the years asked count");
    assert!(same_values(
        &Path::default(),
        &Path(vec![(2030, 1.0)]),
        1.0,
        2018,
        2050
    ));
    assert!(!same_values(
        &Path::default(),
        &Path(vec![(2030, 1.0 + 1e-9)]),
        1.0,
        2018,
        2050
    ));
}

#[test]
fn the_co2_free_shortcut_sets_every_site_of_the_region_from_the_year() {
    let mut s = minimal();
    let mut other = s.sites[0].clone();
    other.id = "other".into();
    other.region = "chile".into();
    other.co2_free_share = Path::default();
    s.sites.push(other);
    let mut chile = s.regions[0].clone();
    chile.id = "chile".into();
    s.regions.push(chile);
    let e = Edit::Co2FreeShortcut {
        region: Some("chile".into()),
        share: 0.8,
        year: 2030,
    };
    assert_eq!(apply(&mut s, e.clone()), Outcome::Changed);
    assert_eq!(s.sites[1].co2_free_share.0, vec![(2029, 0.0), (2030, 0.8)]);
    assert_eq!(
        s.sites[0].co2_free_share.0,
        vec![(2020, 0.0), (2030, 1.0)],
        "other region untouched"
    );
    assert_eq!(
        unchanged(apply(&mut s, e)),
        "no change: the site is already at 80 % from FY2030"
    );
    let none = Edit::Co2FreeShortcut {
        region: Some("korea".into()),
        share: 1.0,
        year: 2030,
    };
    assert_eq!(unchanged(apply(&mut s, none)), "no site in this region");
    // all sites, from a year before the plan: moved to the first plan year (FY2019)
    let all = Edit::Co2FreeShortcut {
        region: None,
        share: 0.5,
        year: 2010,
    };
    assert_eq!(apply(&mut s, all.clone()), Outcome::Changed);
    assert_eq!(s.sites[0].co2_free_share.0, vec![(2018, 0.0), (2019, 0.5)]);
    assert_eq!(s.sites[1].co2_free_share.0, vec![(2018, 0.0), (2019, 0.5)]);
    assert_eq!(
        unchanged(apply(&mut s, all)),
        "no change: all 2 sites are already at 50 % from FY2019"
    );
    // keyframes before the year before are kept
    let later = Edit::Co2FreeShortcut {
        region: None,
        share: 1.0,
        year: 2040,
    };
    apply(&mut s, later);
    assert_eq!(
        s.sites[0].co2_free_share.0,
        vec![(2018, 0.0), (2019, 0.5), (2039, 0.5), (2040, 1.0)]
    );
}

#[test]
fn fuel_switch_rules_are_added_changed_and_removed() {
    let mut s = minimal();
    assert_eq!(
        apply(&mut s, Edit::AddFuelSwitch { site: 0, start: 2010 }),
        Outcome::Changed
    );
    let r = &s.sites[0].fuel_switches[1];
    assert_eq!(
        (r.from.as_str(), r.to.as_str(), r.ratio),
        ("heavy_oil_a", ELECTRICITY, 1.0)
    );
    assert_eq!(r.share.0, vec![(2018, 0.0)], "start clamped to the horizon");
    assert!(r.assumption.as_deref().unwrap().contains("FY2018"));
    assert_eq!(
        unchanged(apply(&mut s, Edit::AddFuelSwitch { site: 5, start: 2024 })),
        "this site no longer exists"
    );
    let mut no_fuel = s.clone();
    no_fuel.sites[0].fuels.clear();
    assert_eq!(
        unchanged(apply(&mut no_fuel, Edit::AddFuelSwitch { site: 0, start: 2024 })),
        "the site uses no fuel to switch from"
    );
    let carriers = Edit::SetFuelSwitchCarriers {
        site: 0,
        rule: 1,
        from: "city_gas".into(),
        to: "heavy_oil_a".into(),
    };
    assert_eq!(apply(&mut s, carriers.clone()), Outcome::Changed);
    assert_eq!(s.sites[0].fuel_switches[1].from, "city_gas");
    assert_eq!(s.sites[0].fuel_switches[1].to, "heavy_oil_a");
    assert_eq!(unchanged(apply(&mut s, carriers)), "no change");
    let only_to = Edit::SetFuelSwitchCarriers {
        site: 0,
        rule: 1,
        from: "city_gas".into(),
        to: ELECTRICITY.into(),
    };
    assert_eq!(apply(&mut s, only_to), Outcome::Changed);
    let only_from = Edit::SetFuelSwitchCarriers {
        site: 0,
        rule: 1,
        from: "heavy_oil_a".into(),
        to: ELECTRICITY.into(),
    };
    assert_eq!(apply(&mut s, only_from), Outcome::Changed);
    let gone = Edit::SetFuelSwitchCarriers {
        site: 0,
        rule: 9,
        from: "a".into(),
        to: "b".into(),
    };
    assert_eq!(unchanged(apply(&mut s, gone)), "this rule no longer exists");
    let ratio = Edit::SetFuelSwitchRatio {
        site: 0,
        rule: 1,
        ratio: 0.8,
    };
    assert_eq!(apply(&mut s, ratio.clone()), Outcome::Changed);
    assert_eq!(s.sites[0].fuel_switches[1].ratio, 0.8);
    assert_eq!(unchanged(apply(&mut s, ratio)), "no change");
    assert_eq!(
        unchanged(apply(
            &mut s,
            Edit::SetFuelSwitchRatio {
                site: 1,
                rule: 0,
                ratio: 1.0
            }
        )),
        "this rule no longer exists"
    );
    assert_eq!(
        apply(&mut s, Edit::RemoveFuelSwitch { site: 0, rule: 0 }),
        Outcome::Changed
    );
    assert_eq!(s.sites[0].fuel_switches.len(), 1);
    assert_eq!(s.sites[0].fuel_switches[0].ratio, 0.8, "the other rule is left");
    assert_eq!(
        unchanged(apply(&mut s, Edit::RemoveFuelSwitch { site: 0, rule: 1 })),
        "this rule no longer exists"
    );
    assert_eq!(
        unchanged(apply(&mut s, Edit::RemoveFuelSwitch { site: 3, rule: 0 })),
        "this rule no longer exists"
    );
}

#[test]
fn ppas_are_added_with_a_free_id_and_changed_served_and_removed() {
    let mut s = minimal();
    s.ppas[0].id = "ppa_2".into();
    let add = |s: &mut Scenario, start| {
        apply(
            s,
            Edit::AddPpa {
                site: "works".into(),
                start,
            },
        )
    };
    assert_eq!(add(&mut s, 2030), Outcome::Changed);
    let p = s.ppas.last().unwrap();
    assert_eq!(p.id, "ppa_3", "ppa_2 is taken");
    assert_eq!(p.name, "New PPA 3");
    assert_eq!(p.kind, PpaKind::OffSite);
    assert_eq!(p.capacity_mw.0, vec![(2029, 0.0), (2030, 1.0)]);
    assert_eq!(p.yield_mwh_per_mw, 1100.0);
    assert!(p.assumption.as_deref().unwrap().contains("serving Works"));
    // a start in the base year moves to the year after it
    add(&mut s, 2000);
    assert_eq!(
        s.ppas.last().unwrap().capacity_mw.0,
        vec![(2018, 0.0), (2019, 1.0)]
    );
    assert_eq!(s.ppas.last().unwrap().id, "ppa_4");
    assert!(model::validate::validate(&s).is_empty());

    assert_eq!(apply(&mut s, Edit::SetPpaYield(1, 900.0)), Outcome::Changed);
    assert_eq!(s.ppas[1].yield_mwh_per_mw, 900.0);
    assert_eq!(unchanged(apply(&mut s, Edit::SetPpaYield(1, 900.0))), "no change");
    assert_eq!(
        unchanged(apply(&mut s, Edit::SetPpaYield(9, 900.0))),
        "this PPA no longer exists"
    );
    assert_eq!(
        apply(&mut s, Edit::SetPpaKind(1, PpaKind::Virtual)),
        Outcome::Changed
    );
    assert_eq!(s.ppas[1].kind, PpaKind::Virtual);
    assert_eq!(
        unchanged(apply(&mut s, Edit::SetPpaKind(1, PpaKind::Virtual))),
        "no change"
    );
    assert_eq!(
        unchanged(apply(&mut s, Edit::SetPpaKind(9, PpaKind::OnSite))),
        "this PPA no longer exists"
    );

    let serve = |s: &mut Scenario, site: &str, on| {
        apply(
            s,
            Edit::SetPpaServes {
                ppa: 1,
                site: site.into(),
                on,
            },
        )
    };
    assert_eq!(serve(&mut s, "b", true), Outcome::Changed);
    assert_eq!(serve(&mut s, "c", true), Outcome::Changed);
    let third = 1.0 / 3.0;
    assert_eq!(
        s.ppas[1].allocation,
        vec![("works".into(), third), ("b".into(), third), ("c".into(), third)]
    );
    assert_eq!(unchanged(serve(&mut s, "c", true)), "no change");
    assert_eq!(serve(&mut s, "works", false), Outcome::Changed);
    assert_eq!(s.ppas[1].allocation, vec![("b".into(), 0.5), ("c".into(), 0.5)]);
    assert_eq!(unchanged(serve(&mut s, "works", false)), "no change");
    assert_eq!(serve(&mut s, "b", false), Outcome::Changed);
    assert_eq!(
        unchanged(serve(&mut s, "c", false)),
        "a PPA serves at least one site: remove the PPA instead"
    );
    assert_eq!(s.ppas[1].allocation, vec![("c".into(), 1.0)]);
    let gone = Edit::SetPpaServes {
        ppa: 9,
        site: "works".into(),
        on: true,
    };
    assert_eq!(unchanged(apply(&mut s, gone)), "this PPA no longer exists");

    assert_eq!(apply(&mut s, Edit::RemovePpa(0)), Outcome::Changed);
    assert_eq!(s.ppas.len(), 2);
    assert_eq!(s.ppas[0].id, "ppa_3");
    assert_eq!(
        unchanged(apply(&mut s, Edit::RemovePpa(2))),
        "this PPA no longer exists"
    );
}

#[test]
fn scaling_the_grid_multiplies_every_keyframe() {
    let mut s = minimal();
    assert_eq!(
        apply(
            &mut s,
            Edit::ScaleGrid {
                region: 0,
                factor: 0.5
            }
        ),
        Outcome::Changed
    );
    assert_eq!(s.regions[0].ef_kg_per_kwh.0, vec![(2018, 0.23), (2030, 0.125)]);
    assert_eq!(
        unchanged(apply(
            &mut s,
            Edit::ScaleGrid {
                region: 0,
                factor: 1.0
            }
        )),
        "no change: the factor is ×1.00 or the path is zero"
    );
    assert_eq!(
        unchanged(apply(
            &mut s,
            Edit::ScaleGrid {
                region: 4,
                factor: 2.0
            }
        )),
        "this region no longer exists"
    );
    s.regions[0].ef_kg_per_kwh = Path(vec![(2018, 0.0)]);
    assert_eq!(
        unchanged(apply(
            &mut s,
            Edit::ScaleGrid {
                region: 0,
                factor: 2.0
            }
        )),
        "no change: the factor is ×1.00 or the path is zero"
    );
}

#[test]
fn activity_growth_compounds_from_the_year_before_with_a_keyframe_every_five_years() {
    let mut s = minimal();
    s.last_year = 2032;
    let e = Edit::ActivityGrowth {
        pct_per_yr: 10.0,
        from: 2021,
    };
    assert_eq!(apply(&mut s, e.clone()), Outcome::Changed);
    let a = &s.sites[0].activity;
    assert_eq!(a.0[..2], [(2018, 1.0), (2020, 1.0)]);
    let rest: Vec<i32> = a.0[2..].iter().map(|k| k.0).collect();
    assert_eq!(rest, vec![2025, 2030, 2032]);
    for &(y, v) in &a.0[2..] {
        assert!((v - 1.1f64.powi(y - 2020)).abs() < 1e-12, "FY{y}: {v}");
    }
    assert_eq!(
        unchanged(apply(&mut s, e)),
        "no change: every site already follows +10.0 %/yr from FY2021"
    );
    // from the first plan year: no separate base-year keyframe
    let mut t = minimal();
    apply(
        &mut t,
        Edit::ActivityGrowth {
            pct_per_yr: -2.0,
            from: 2000,
        },
    );
    let a = &t.sites[0].activity;
    assert_eq!(a.0[0], (2018, 1.0));
    assert_eq!(a.0[1].0, 2023);
    assert!((a.0[1].1 - 0.98f64.powi(5)).abs() < 1e-12);
    assert!(model::validate::validate(&t).is_empty());
}

#[test]
fn the_plan_starts_after_the_latest_actual_never_an_outlook() {
    let mut s = minimal();
    assert_eq!(s.latest_actual_year(), Some(2018));
    assert_eq!(s.first_plan_year(), 2019);
    let mut later = s.history[0].clone();
    later.year = 2022;
    later.kind = model::HistoryKind::Outlook;
    s.history.push(later.clone());
    assert_eq!(s.latest_actual_year(), Some(2018), "an outlook is not an actual");
    later.year = 2021;
    later.kind = model::HistoryKind::Actual;
    s.history.push(later);
    assert_eq!(s.latest_actual_year(), Some(2021));
    assert_eq!(s.first_plan_year(), 2022);
    s.history.clear();
    assert_eq!(s.latest_actual_year(), None);
    assert_eq!(s.first_plan_year(), 2019, "the year after the base year");
    s.last_year = 2018;
    assert_eq!(s.first_plan_year(), 2018, "never after the horizon");
    // an actual before the base year does not move the plan before it
    let mut t = minimal();
    t.history[0].year = 2013;
    assert_eq!(t.first_plan_year(), 2019);
    let _ = edit::Shape::Ramp;
}

#[test]
fn set_target_never_moves_a_keyframe_into_the_reported_years() {
    // a step pair after the actuals whose value comes from the base year: a target asked
    // before the plan starts moves the step to the first plan year, not before it
    let mut p = Path(vec![(2018, 0.2), (2028, 0.2), (2029, 1.0)]);
    set_target(&mut p, 0.7, 2000, 0.0, 2018, 2023, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2018, 0.2), (2023, 0.2), (2024, 0.7)]);
    // a plan that starts after the floor is anchored there, and its step moves along
    let mut p = Path(vec![(2024, 0.0), (2025, 1.0)]);
    set_target(&mut p, 0.8, 2030, 0.0, 2018, 2023, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2023, 0.0), (2029, 0.0), (2030, 0.8)]);
    // a target in the first plan year right after the floor: no step keyframe at the floor
    let mut p = Path(vec![(2023, 0.5), (2030, 1.0)]);
    set_target(&mut p, 0.9, 2024, 0.0, 2018, 2023, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2023, 0.5), (2024, 0.9)]);
    let mut p = Path(vec![(2023, 0.5), (2030, 1.0)]);
    set_target(&mut p, 0.9, 2025, 0.0, 2018, 2023, 2050, Shape::Step);
    assert_eq!(p.0, vec![(2023, 0.5), (2024, 0.5), (2025, 0.9)]);
}

#[test]
fn set_target_after_a_plan_start_reaches_the_year_after_it() {
    // a plan start (0 in FY2024, the first plan year) and a target asked in that same year:
    // the target goes to the year after the start
    let mut p = Path(vec![(2024, 0.0)]);
    set_target(&mut p, 0.5, 2024, 0.0, 2018, 2023, 2050, Shape::Ramp);
    assert_eq!(p.0, vec![(2024, 0.0), (2025, 0.5)]);
}

#[test]
fn the_co2_free_shortcut_replaces_a_keyframe_in_the_year_before() {
    let mut s = minimal();
    s.sites[0].co2_free_share = Path(vec![(2018, 0.0), (2029, 0.3), (2031, 0.4)]);
    let e = Edit::Co2FreeShortcut {
        region: None,
        share: 1.0,
        year: 2030,
    };
    assert_eq!(apply(&mut s, e), Outcome::Changed);
    assert_eq!(
        s.sites[0].co2_free_share.0,
        vec![(2018, 0.0), (2029, 0.3), (2030, 1.0)]
    );
    // a one-year projection: the share from the base year itself, no keyframe before it
    let mut one = minimal();
    one.last_year = 2018;
    one.sites[0].co2_free_share = Path::default();
    let e = Edit::Co2FreeShortcut {
        region: None,
        share: 0.5,
        year: 2030,
    };
    assert_eq!(apply(&mut one, e), Outcome::Changed);
    assert_eq!(one.sites[0].co2_free_share.0, vec![(2018, 0.5)]);
    // and no PPA can start after it
    let add = Edit::AddPpa {
        site: "works".into(),
        start: 2019,
    };
    assert!(unchanged(apply(&mut one, add)).contains("no year after the base year"));
    // a start after the horizon: the last year
    let mut s = minimal();
    apply(
        &mut s,
        Edit::AddPpa {
            site: "works".into(),
            start: 2070,
        },
    );
    assert_eq!(
        s.ppas.last().unwrap().capacity_mw.0,
        vec![(2049, 0.0), (2050, 1.0)]
    );
}

#[test]
fn activity_growth_replaces_a_keyframe_in_the_year_before_and_needs_a_year_to_grow_in() {
    let mut s = minimal();
    s.sites[0].activity = Path(vec![(2018, 1.0), (2020, 1.1), (2022, 1.2)]);
    let e = Edit::ActivityGrowth {
        pct_per_yr: 0.0,
        from: 2021,
    };
    assert_eq!(apply(&mut s, e), Outcome::Changed);
    let a = &s.sites[0].activity.0;
    assert_eq!(a[..3], [(2018, 1.0), (2020, 1.1), (2025, 1.1)]);
    assert!(model::validate::validate(&s).is_empty());
    let mut one = minimal();
    one.last_year = 2018;
    let e = Edit::ActivityGrowth {
        pct_per_yr: 2.0,
        from: 2019,
    };
    assert!(unchanged(apply(&mut one, e)).contains("no year after the base year"));
}

#[test]
fn every_price_path_ref_reads_and_writes_its_field_and_never_moves_emissions() {
    let mut s = minimal();
    let refs = [
        PathRef::RegionPowerPrice(0),
        PathRef::RegionPremium(0),
        PathRef::SitePremium(0),
        PathRef::SiteProcessOpex(0),
        PathRef::FuelPrice(1),
        PathRef::PpaPrice(0),
        PathRef::PpaOpex(0),
        PathRef::MaterialRecycledPrice(0),
        PathRef::MaterialLowCarbonPrice(0),
        PathRef::CreditPrice,
        PathRef::CarbonPrice,
    ];
    let before = decarb::engine::project(&s);
    for (k, r) in refs.into_iter().enumerate() {
        assert!(r.is_price(), "{r:?}");
        assert_eq!(r.default_value(), 0.0);
        let marker = Path(vec![(2030, 100.0 * k as f64 + 1.0)]);
        assert_eq!(apply(&mut s, Edit::SetPath(r, marker.clone())), Outcome::Changed);
        assert_eq!(r.get(&s), Some(&marker), "{r:?}");
    }
    let v = |p: &Path| p.0[0].1;
    assert_eq!(v(&s.regions[0].power_price_jpy_per_mwh), 1.0);
    assert_eq!(v(&s.regions[0].co2_free_premium_jpy_per_mwh), 101.0);
    assert_eq!(v(&s.sites[0].co2_free_premium_jpy_per_mwh), 201.0);
    assert_eq!(v(&s.sites[0].process_change_opex_jpy_per_yr), 301.0);
    assert_eq!(v(&s.fuels[1].price_jpy_per_gj), 401.0);
    assert_eq!(v(&s.ppas[0].price_jpy_per_mwh), 501.0);
    assert_eq!(v(&s.ppas[0].opex_jpy_per_mw_yr), 601.0);
    assert_eq!(v(&s.materials[0].recycled_price_diff_jpy_per_t), 701.0);
    assert_eq!(v(&s.materials[0].low_carbon_price_diff_jpy_per_t), 801.0);
    assert_eq!(v(&s.credits.price_jpy_per_t), 901.0);
    assert_eq!(v(&s.carbon_price_jpy_per_t), 1001.0);
    let after = decarb::engine::project(&s);
    assert_eq!(before.scenario.totals, after.scenario.totals);
    assert_eq!(before.bau.totals, after.bau.totals);
    // levers are not prices
    for r in [PathRef::SiteCo2Free(0), PathRef::Credits, PathRef::RegionEf(0)] {
        assert!(!r.is_price(), "{r:?}");
    }
    for r in [
        PathRef::RegionPowerPrice(1),
        PathRef::RegionPremium(1),
        PathRef::SitePremium(1),
        PathRef::SiteProcessOpex(1),
        PathRef::FuelPrice(2),
        PathRef::PpaPrice(1),
        PathRef::PpaOpex(1),
        PathRef::MaterialRecycledPrice(1),
        PathRef::MaterialLowCarbonPrice(1),
    ] {
        assert!(r.get(&s).is_none(), "{r:?}");
        assert!(r.get_mut(&mut s).is_none(), "{r:?}");
    }
}

#[test]
fn every_number_ref_reads_writes_and_keeps_lifetimes_whole_and_in_range() {
    use decarb::model::edit::NumberRef as N;
    let mut s = minimal();
    s.sites[0].measures.push(decarb::model::Measure {
        name: "LED".into(),
        year: 2025,
        electricity_saving: None,
        fuel_saving: None,
        capex_jpy: None,
        lifetime_years: None,
        source: String::new(),
    });
    let capex = [
        N::SiteEfficiencyCapexMwh(0),
        N::SiteEfficiencyCapexGj(0),
        N::SiteProcessCapex(0),
        N::FuelSwitchCapex(0, 0),
        N::MeasureCapex(0, 0),
        N::PpaCapex(0),
    ];
    let lives = [
        N::DefaultLifetime,
        N::SiteEfficiencyLifetime(0),
        N::SiteProcessLifetime(0),
        N::FuelSwitchLifetime(0, 0),
        N::PpaLifetime(0),
    ];
    for (k, r) in capex.into_iter().enumerate() {
        assert!(r.optional() && !r.is_lifetime(), "{r:?}");
        let x = 1e6 * (k as f64 + 1.0);
        assert_eq!(
            apply(&mut s, Edit::SetNumber(r, Some(x))),
            Outcome::Changed,
            "{r:?}"
        );
        assert_eq!(r.get(&s), Some(Some(x)), "{r:?}");
        assert_eq!(unchanged(apply(&mut s, Edit::SetNumber(r, Some(x)))), "no change");
        // not given: left out, never 0
        assert_eq!(apply(&mut s, Edit::SetNumber(r, None)), Outcome::Changed, "{r:?}");
        assert_eq!(r.get(&s), Some(None), "{r:?}");
        assert_eq!(
            apply(&mut s, Edit::SetNumber(r, Some(x))),
            Outcome::Changed,
            "{r:?}"
        );
    }
    let site = &s.sites[0];
    assert_eq!(site.efficiency_capex_jpy_per_mwh_yr, Some(1e6));
    assert_eq!(site.efficiency_capex_jpy_per_gj_yr, Some(2e6));
    assert_eq!(site.process_change_capex_jpy, Some(3e6));
    assert_eq!(site.fuel_switches[0].capex_jpy, Some(4e6));
    assert_eq!(site.measures[0].capex_jpy, Some(5e6));
    assert_eq!(s.ppas[0].capex_jpy_per_mw, Some(6e6));
    for (k, r) in lives.into_iter().enumerate() {
        assert!(r.is_lifetime() && !r.optional(), "{r:?}");
        let y = 10.0 + k as f64;
        // rounded to whole years, held in 1..=200
        assert_eq!(
            apply(&mut s, Edit::SetNumber(r, Some(y + 0.4))),
            Outcome::Changed,
            "{r:?}"
        );
        assert_eq!(r.get(&s), Some(Some(y)), "{r:?}");
        apply(&mut s, Edit::SetNumber(r, Some(0.2)));
        assert_eq!(r.get(&s), Some(Some(1.0)), "{r:?}");
        apply(&mut s, Edit::SetNumber(r, Some(250.0)));
        assert_eq!(r.get(&s), Some(Some(200.0)), "{r:?}");
        assert_eq!(
            unchanged(apply(&mut s, Edit::SetNumber(r, None))),
            "this value cannot be left empty"
        );
        apply(&mut s, Edit::SetNumber(r, Some(y)));
    }
    assert_eq!(s.cost.default_lifetime_years, 10);
    assert_eq!(s.sites[0].efficiency_lifetime_years, 11);
    assert_eq!(s.sites[0].process_change_lifetime_years, 12);
    assert_eq!(s.sites[0].fuel_switches[0].lifetime_years, 13);
    assert_eq!(s.ppas[0].lifetime_years, 14);
    // the discount rate: any rate the file may hold, never empty
    let r = N::DiscountRate;
    assert!(!r.optional() && !r.is_lifetime());
    assert_eq!(apply(&mut s, Edit::SetNumber(r, Some(-2.5))), Outcome::Changed);
    assert_eq!(s.discount_rate_pct, -2.5);
    apply(&mut s, Edit::SetNumber(r, Some(150.0)));
    assert_eq!(s.discount_rate_pct, 99.0);
    apply(&mut s, Edit::SetNumber(r, Some(-150.0)));
    assert_eq!(s.discount_rate_pct, -99.0);
    assert_eq!(
        unchanged(apply(&mut s, Edit::SetNumber(r, Some(f64::NAN)))),
        "not a number"
    );
    assert_eq!(
        unchanged(apply(&mut s, Edit::SetNumber(r, None))),
        "this value cannot be left empty"
    );
    // items that no longer exist
    for r in [
        N::SiteEfficiencyCapexMwh(1),
        N::SiteEfficiencyCapexGj(1),
        N::SiteEfficiencyLifetime(1),
        N::SiteProcessCapex(1),
        N::SiteProcessLifetime(1),
        N::FuelSwitchCapex(0, 1),
        N::FuelSwitchLifetime(0, 1),
        N::FuelSwitchCapex(1, 0),
        N::MeasureCapex(0, 1),
        N::PpaCapex(1),
        N::PpaLifetime(1),
    ] {
        assert_eq!(r.get(&s), None, "{r:?}");
        assert_eq!(
            unchanged(apply(&mut s, Edit::SetNumber(r, Some(1.0)))),
            "this item no longer exists",
            "{r:?}"
        );
    }
}
