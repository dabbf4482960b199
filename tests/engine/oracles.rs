//! Hand-computed oracles on a one-site scenario small enough to work out on paper from
//! MODEL.md §4–6. Every expected figure below is written out from the formulas, never taken
//! from the engine's own output.
//!
//! The scenario (FY2020 base): one site in a grid with a market factor of 0.5 and a location
//! factor of 0.4 kg/kWh; 10 t of product, 1,000 MWh of electricity, 1,000 GJ of coal
//! (0.09 t/GJ), 100 t-CO2 of process emissions. So in the base year Scope 1 = 90 + 100 = 190,
//! market Scope 2 = 500, location Scope 2 = 400.

use decarb::engine::factors;
use decarb::engine::wedges::{self, Metric};
use decarb::engine::{self, Engine, Projection, project, source, targets};
use decarb::model::{
    self, FuelSwitch, HistoryEntry, HistoryKind, Material, Measure, OwnGeneration, Path, Ppa, PpaKind,
    Saving, Scenario, Scope, Scope2Method, Target, TargetKind,
};

const MINI: &str = r#"(
  schema_version: 1,
  meta: (name: "Oracle"),
  base_year: 2020,
  last_year: 2026,
  primary_gj_per_mwh: 9.76,
  regions: [(id: "grid", name: "Grid", ef_kg_per_kwh: [(2020, 0.5)], ef_location_kg_per_kwh: [(2020, 0.4)])],
  fuels: [
    (id: "coal", name: "Coal", ef_t_per_gj: 0.09),
    (id: "gas", name: "Gas", ef_t_per_gj: 0.05),
  ],
  sites: [(
    id: "a", name: "A", region: "grid",
    production_t: 10.0, electricity_mwh: 1000.0,
    fuels: [(fuel: "coal", gj: 1000.0)],
    process_t_co2: 100.0,
  )],
)"#;

fn mini() -> Scenario {
    model::from_str(MINI).expect("the oracle scenario is valid")
}

/// Validates an edited scenario (the engine trusts valid input only) and runs it.
fn run(s: &Scenario) -> Projection {
    let problems = model::validate::validate(s);
    assert!(problems.is_empty(), "{problems:?}");
    project(s)
}

fn path(points: &[(i32, f64)]) -> Path {
    Path(points.to_vec())
}

#[track_caller]
fn eq(got: f64, expected: f64) {
    assert!(
        (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "got {got}, expected {expected}"
    );
}

fn material(id: &str, site: Option<&str>) -> Material {
    Material {
        id: id.into(),
        name: id.into(),
        site: site.map(Into::into),
        quantity_t: 100.0,
        ef_primary_t_per_t: 2.0,
        ef_recycled_t_per_t: 0.5,
        ef_low_carbon_t_per_t: 1.0,
        recycled_share: Path::default(),
        low_carbon_share: Path::default(),
        fuel_saving_share: 0.0,
        recycled_feed_t_co2_per_t: 0.0,
        recycled_price_diff_jpy_per_t: Path::default(),
        low_carbon_price_diff_jpy_per_t: Path::default(),
        source: String::new(),
        assumption: None,
    }
}

fn ppa(kind: PpaKind, mwh: f64) -> Ppa {
    Ppa {
        id: "p".into(),
        name: "P".into(),
        kind,
        capacity_mw: path(&[(2020, 0.0), (2021, 1.0)]),
        yield_mwh_per_mw: mwh,
        allocation: vec![("a".into(), 1.0)],
        price_jpy_per_mwh: Path::default(),
        capex_jpy_per_mw: 0.0,
        source: String::new(),
        assumption: None,
    }
}

fn history(year: i32, kind: HistoryKind, scope1: f64, scope2: f64) -> HistoryEntry {
    let mut h: HistoryEntry = ron::from_str(&format!("(year: {year})")).unwrap();
    h.kind = kind;
    h.scope1_t = Some(scope1);
    h.scope2_t = Some(scope2);
    h
}

fn level_target(year: i32, t_co2: f64) -> Target {
    Target {
        label: "level".into(),
        year,
        scopes: vec![Scope::Scope1, Scope::Scope2],
        scope2_method: Scope2Method::Market,
        credits_count: false,
        kind: TargetKind::Level { t_co2 },
        source: String::new(),
    }
}

// ---------------------------------------------------------------- §4 computation

#[test]
fn base_year_scopes_use_the_market_factor_for_market_scope2_and_the_location_factor_for_location() {
    let p = run(&mini());
    let t = p.totals(2020).unwrap();
    eq(t.scope1, 190.0);
    eq(t.scope2_market, 500.0);
    eq(t.scope2_location, 400.0);
    eq(t.scope3, 0.0);
    eq(t.net, 690.0);
    let i = p.index(2020).unwrap();
    eq(p.scenario.source(i, source::ELECTRICITY), 500.0);
    eq(p.scenario.source(i, source::PROCESS), 100.0);
    eq(p.scenario.source(i, p.scenario.fuel_source(0)), 90.0);
}

#[test]
fn ownership_scales_every_scope_and_the_production_denominator() {
    let mut s = mini();
    s.sites[0].ownership = path(&[(2020, 1.0), (2021, 0.5)]);
    s.materials.push(material("ore", Some("a")));
    s.targets.push(Target {
        label: "per t".into(),
        year: 2021,
        scopes: vec![Scope::Scope1, Scope::Scope2],
        scope2_method: Scope2Method::Market,
        credits_count: false,
        kind: TargetKind::Intensity {
            reduction_pct: 0.0,
            reference_year: 2020,
            per: model::Per::Tonne,
        },
        source: String::new(),
    });
    let p = run(&s);
    let t = p.totals(2021).unwrap();
    // half of 190 / 500 / 400, and half of Scope 3 = 100 t × 2.0 t/t
    eq(t.scope1, 95.0);
    eq(t.scope2_market, 250.0);
    eq(t.scope2_location, 200.0);
    eq(t.scope3, 100.0);
    let i = p.index(2021).unwrap();
    eq(p.scenario.energy[i].production_t, 5.0);
    eq(p.scenario.energy[i].electricity_mwh, 500.0);
    eq(p.scenario.energy[i].grid_mwh, 500.0);
    eq(p.scenario.energy[i].fuel_gj, 500.0);
    eq(p.scenario.site(i, 0).grid_mwh, 500.0);
    // intensity: (95 + 250) / 5 t = 69 t/t, the same as FY2020's 690 / 10 t
    let r = &targets::evaluate(&s, &p)[0];
    eq(r.value, 69.0);
    eq(r.level, 69.0);
    assert!(r.met);
}

#[test]
fn own_generation_lowers_grid_purchases_and_a_surplus_is_never_credited() {
    let mut s = mini();
    s.sites[0].own_generation.push(OwnGeneration {
        name: "hydro".into(),
        kind: model::GenerationKind::Hydro,
        output_mwh: path(&[(2020, 300.0), (2021, 1500.0)]),
        source: String::new(),
        assumption: None,
    });
    let p = run(&s);
    let t = p.totals(2020).unwrap();
    eq(t.scope2_market, 350.0); // (1000 − 300) × 0.5
    eq(t.scope2_location, 280.0);
    let e = &p.scenario.energy[0];
    eq(e.grid_mwh, 700.0);
    eq(e.electricity_mwh, 1000.0); // consumption counts own generation
    eq(e.surplus_mwh, 0.0);
    let t = p.totals(2021).unwrap();
    eq(t.scope2_market, 0.0);
    eq(t.scope2_location, 0.0);
    eq(p.scenario.energy[1].surplus_mwh, 500.0);
    eq(t.scope1, 190.0);
    // BAU holds own generation at its base-year output (MODEL.md §5)
    eq(p.bau_totals(2021).unwrap().scope2_market, 350.0);
}

#[test]
fn process_emissions_scale_with_activity_and_fall_with_process_change() {
    let mut s = mini();
    s.sites[0].activity = path(&[(2020, 1.0), (2022, 1.5)]);
    s.sites[0].process_change_share = path(&[(2020, 0.0), (2022, 0.2)]);
    let p = run(&s);
    let (i1, i2) = (p.index(2021).unwrap(), p.index(2022).unwrap());
    eq(p.scenario.source(i1, source::PROCESS), 100.0 * 1.25 * 0.9);
    eq(p.scenario.source(i2, source::PROCESS), 100.0 * 1.5 * 0.8);
    eq(p.totals(2022).unwrap().scope1, 1000.0 * 1.5 * 0.09 + 120.0);
    eq(p.totals(2022).unwrap().scope2_market, 1500.0 * 0.5);
    // BAU keeps the base-year process-change share (0) but follows activity
    eq(p.bau.source(i2, source::PROCESS), 150.0);
}

#[test]
fn two_switch_rules_on_one_fuel_each_move_a_share_of_the_pre_switch_demand() {
    let mut s = mini();
    let rule = |to: &str, share: f64, ratio: f64| FuelSwitch {
        from: "coal".into(),
        to: to.into(),
        share: path(&[(2020, 0.0), (2021, share)]),
        ratio,
        source: String::new(),
        assumption: None,
    };
    s.sites[0].fuel_switches = vec![rule("gas", 0.3, 1.0), rule("electricity", 0.5, 0.9)];
    let p = run(&s);
    let i = p.index(2021).unwrap();
    // coal 1000 − 300 − 500 = 200 GJ; gas 300 GJ; electricity 1000 + 500 × 0.9 / 3.6 = 1125 MWh
    eq(p.scenario.source(i, p.scenario.fuel_source(0)), 200.0 * 0.09);
    eq(p.scenario.source(i, p.scenario.fuel_source(1)), 300.0 * 0.05);
    let t = p.totals(2021).unwrap();
    eq(t.scope1, 18.0 + 15.0 + 100.0);
    eq(t.scope2_market, 1125.0 * 0.5);
    eq(t.scope2_location, 1125.0 * 0.4);
    eq(p.scenario.energy[i].fuel_gj, 500.0);
    eq(p.scenario.energy[i].electricity_mwh, 1125.0);
    // Scope 1 falls by exactly the moved fuels' CO2 less the gas burnt instead
    eq(190.0 - t.scope1, 800.0 * 0.09 - 300.0 * 0.05);
}

#[test]
fn a_virtual_ppa_counts_after_the_co2_free_share_on_market_scope2_only_and_is_capped() {
    let mut s = mini();
    s.sites[0].co2_free_share = path(&[(2020, 0.5)]);
    s.ppas.push(ppa(PpaKind::Virtual, 300.0));
    let p = run(&s);
    let t = p.totals(2021).unwrap();
    eq(t.scope2_market, (1000.0 * 0.5 - 300.0) * 0.5);
    eq(t.scope2_location, 400.0);
    eq(p.scenario.energy[1].grid_mwh, 1000.0);
    // at the cap (500 MWh = the non-CO2-free purchases) and above it: zero, never negative
    for mwh in [500.0, 900.0] {
        s.ppas[0].yield_mwh_per_mw = mwh;
        let t = *run(&s).totals(2021).unwrap();
        eq(t.scope2_market, 0.0);
        eq(t.scope2_location, 400.0);
        eq(t.scope1, 190.0);
    }
    // a physical (off-site) PPA lowers the purchase itself: (1000 − 300) × 0.5 × 0.5
    s.ppas[0] = ppa(PpaKind::OffSite, 300.0);
    let t = *run(&s).totals(2021).unwrap();
    eq(t.scope2_market, 175.0);
    eq(t.scope2_location, 280.0);
}

#[test]
fn recycled_feed_saves_fuel_in_proportion_to_the_rise_of_the_recycled_share() {
    let mut s = mini();
    let mut m = material("scrap", Some("a"));
    m.recycled_share = path(&[(2020, 0.2), (2024, 0.6)]);
    m.fuel_saving_share = 0.5;
    s.materials.push(m);
    let p = run(&s);
    // λ (ρ − ρ_base): 2020 nothing saved; 2022 ρ = 0.4 → 10 %; 2024 ρ = 0.6 → 20 %
    for (year, coal_gj) in [(2020, 1000.0), (2022, 900.0), (2024, 800.0)] {
        eq(p.totals(year).unwrap().scope1, coal_gj * 0.09 + 100.0);
    }
    // Scope 3 with ρ = 0.6: 100 × (0.4 × 2.0 + 0.6 × 0.5)
    eq(p.totals(2024).unwrap().scope3, 110.0);
    eq(p.totals(2020).unwrap().scope3, 100.0 * (0.8 * 2.0 + 0.2 * 0.5));
}

#[test]
fn recycled_feed_combustion_adds_kappa_per_extra_recycled_tonne() {
    let mut s = mini();
    s.sites[0].ownership = path(&[(2020, 0.5)]);
    let mut m = material("scrap", Some("a"));
    m.recycled_share = path(&[(2020, 0.2), (2024, 0.6)]);
    m.recycled_feed_t_co2_per_t = 0.25;
    s.materials.push(m);
    let p = run(&s);
    let i = p.index(2024).unwrap();
    // κ × Q × (ρ − ρ_base) × o = 0.25 × 100 × 0.4 × 0.5
    eq(p.scenario.source(i, source::RECYCLED_FEED), 5.0);
    eq(p.totals(2024).unwrap().scope1, 95.0 + 5.0);
}

#[test]
fn efficiency_rates_compound_from_the_year_after_the_base_year() {
    let mut s = mini();
    s.sites[0].efficiency_electricity_pct = path(&[(2020, 10.0)]);
    s.sites[0].efficiency_fuel_pct = path(&[(2020, -10.0)]); // a deterioration
    let p = run(&s);
    eq(p.totals(2020).unwrap().scope2_market, 500.0);
    eq(p.totals(2021).unwrap().scope2_market, 1000.0 * 0.9 * 0.5);
    eq(p.totals(2022).unwrap().scope2_market, 1000.0 * 0.81 * 0.5);
    eq(p.totals(2022).unwrap().scope1, 1000.0 * 1.21 * 0.09 + 100.0);
}

#[test]
fn a_measure_is_in_force_from_its_year_for_its_lifetime_and_absolute_savings_are_shares_of_base_demand() {
    let mut s = mini();
    s.sites[0].electricity_mwh = 2000.0;
    s.sites[0].activity = path(&[(2020, 1.0), (2021, 1.5)]);
    s.sites[0].measures.push(Measure {
        name: "m".into(),
        year: 2021,
        // 100 MWh of 2,000 = 5 %; 100 GJ of 1,000 = 10 % (of the base-year demand)
        electricity_saving: Some(Saving::Absolute(100.0)),
        fuel_saving: Some(Saving::Absolute(100.0)),
        capex_jpy: 0.0,
        lifetime_years: Some(2),
        source: String::new(),
    });
    s.sites[0].measures.push(Measure {
        name: "for ever".into(),
        year: 2024,
        electricity_saving: Some(Saving::Percent(20.0)),
        fuel_saving: None,
        capex_jpy: 0.0,
        lifetime_years: None,
        source: String::new(),
    });
    let p = run(&s);
    let s2 = |y| p.totals(y).unwrap().scope2_market;
    let s1 = |y| p.totals(y).unwrap().scope1;
    eq(s2(2020), 1000.0);
    // in force in FY2021 and FY2022 (lifetime 2), gone in FY2023
    for y in [2021, 2022] {
        eq(s2(y), 2000.0 * 1.5 * 0.95 * 0.5);
        eq(s1(y), 1000.0 * 1.5 * 0.9 * 0.09 + 150.0);
    }
    eq(s2(2023), 2000.0 * 1.5 * 0.5);
    eq(s1(2023), 1000.0 * 1.5 * 0.09 + 150.0);
    // no lifetime: for ever
    for y in [2024, 2026] {
        eq(s2(y), 2000.0 * 1.5 * 0.8 * 0.5);
    }
}

#[test]
fn organisation_materials_follow_the_production_weighted_activity_with_rho_and_gamma_in_place() {
    let mut s = mini();
    let mut b = s.sites[0].clone();
    b.id = "b".into();
    b.production_t = 30.0;
    s.sites.push(b);
    s.sites[0].activity = path(&[(2020, 1.0), (2022, 2.0)]);
    s.sites[0].ownership = path(&[(2020, 0.5)]); // does not apply to organisation materials
    let mut m = material("ingot", None);
    m.recycled_share = path(&[(2020, 0.3)]);
    m.low_carbon_share = path(&[(2020, 0.1)]);
    s.materials.push(m);
    let p = run(&s);
    // 100 × (0.6 × 2.0 + 0.3 × 0.5 + 0.1 × 1.0) = 145 per unit of activity
    eq(p.totals(2020).unwrap().scope3, 145.0);
    // production-weighted index (10 × 2 + 30 × 1) / 40 = 1.25
    eq(p.totals(2022).unwrap().scope3, 145.0 * 1.25);
    eq(p.totals(2021).unwrap().scope3, 145.0 * (10.0 * 1.5 + 30.0) / 40.0);
}

#[test]
fn net_subtracts_credits_and_adds_scope3_only_when_a_target_covers_it() {
    let mut s = mini();
    s.credits.t_co2_per_yr = path(&[(2020, 0.0), (2022, 40.0)]);
    s.materials.push(material("ore", Some("a")));
    let p = run(&s);
    let t = p.totals(2022).unwrap();
    eq(t.credits, 40.0);
    eq(t.net, 690.0 - 40.0);
    s.targets.push(Target {
        scopes: vec![Scope::Scope1, Scope::Scope2, Scope::Scope3],
        ..level_target(2030.min(s.last_year), 0.0)
    });
    let t = *run(&s).totals(2022).unwrap();
    eq(t.net, 690.0 + 200.0 - 40.0);
}

// ---------------------------------------------------------------- §2 targets, §5 baselines

#[test]
fn a_target_is_met_only_at_or_below_its_level_within_a_relative_1e_9() {
    let mut s = mini();
    for level in [690.0, 690.0 * (1.0 - 1e-11), 690.0 * (1.0 - 1e-6), 689.0, 700.0] {
        s.targets = vec![level_target(2020, level)];
        let r = &targets::evaluate(&s, &run(&s))[0];
        let expected = 690.0 <= level + 1e-9 * level;
        assert_eq!(r.met, expected, "level {level}");
        eq(r.gap, 690.0 - level);
    }
}

#[test]
fn baselines_come_from_reported_actuals_never_from_outlooks_or_plans() {
    let scopes = [Scope::Scope1, Scope::Scope2];
    for (kind, expected, origin) in [
        (HistoryKind::Actual, 1000.0, targets::Origin::History),
        (HistoryKind::Outlook, 690.0, targets::Origin::Model),
        (HistoryKind::Plan, 690.0, targets::Origin::Model),
    ] {
        let mut s = mini();
        s.history.push(history(2020, kind, 800.0, 200.0));
        s.targets.push(Target {
            label: "−50 %".into(),
            year: 2025,
            scopes: scopes.to_vec(),
            scope2_method: Scope2Method::Market,
            credits_count: false,
            kind: TargetKind::Absolute {
                reduction_pct: 50.0,
                reference_year: 2020,
            },
            source: String::new(),
        });
        let p = run(&s);
        let b = targets::baseline(&s, &p, 2020, &scopes, Scope2Method::Market).unwrap();
        eq(b.value_t, expected);
        assert_eq!(b.origin, origin);
        eq(targets::evaluate(&s, &p)[0].level, expected * 0.5);
    }
}

// ---------------------------------------------------------------- §6 bridge: known answers

fn bridge_bars(s: &Scenario, from: i32, to: i32) -> (f64, Vec<(String, f64)>, f64) {
    let p = run(s);
    let e = Engine::new(s);
    let runs = e.lever_runs();
    let b = wedges::bridge(s, &e, &p, &runs, &Metric::default(), from, to).unwrap();
    let bars = b.bars.iter().map(|x| (x.key.clone(), x.value_t)).collect();
    (b.start_t, bars, b.end_t)
}

fn bar(bars: &[(String, f64)], key: &str) -> f64 {
    bars.iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("no {key} bar in {bars:?}"))
        .1
}

#[test]
fn bridge_puts_a_grid_factor_change_on_the_grid_factor_bar() {
    let mut s = mini();
    s.regions[0].ef_kg_per_kwh = path(&[(2020, 0.5), (2025, 0.25)]);
    let (start, bars, end) = bridge_bars(&s, 2020, 2025);
    eq(start, 690.0);
    eq(end, 190.0 + 250.0);
    eq(bar(&bars, "grid_factor"), -250.0);
    eq(bar(&bars, "activity"), 0.0);
    eq(bar(&bars, "ownership"), 0.0);
}

#[test]
fn bridge_puts_an_activity_change_on_the_activity_bar() {
    let mut s = mini();
    s.sites[0].activity = path(&[(2020, 1.0), (2025, 1.2)]);
    let (_, bars, end) = bridge_bars(&s, 2020, 2025);
    eq(end, 828.0);
    eq(bar(&bars, "activity"), 138.0);
    eq(bar(&bars, "grid_factor"), 0.0);
    eq(bar(&bars, "ownership"), 0.0);
}

#[test]
fn bridge_puts_a_divestment_on_the_ownership_bar() {
    let mut s = mini();
    s.sites[0].ownership = path(&[(2020, 1.0), (2025, 0.5)]);
    let (_, bars, _) = bridge_bars(&s, 2020, 2025);
    eq(bar(&bars, "ownership"), -345.0);
    eq(bar(&bars, "activity"), 0.0);
    eq(bar(&bars, "grid_factor"), 0.0);
}

#[test]
fn bridge_splits_activity_and_grid_factor_by_their_shapley_values() {
    // BAU = 190 a + 1000 a EF: v(∅) = 690, v(a) = 828, v(g) = 440, v(a,g) = 528
    // activity = ½(828 − 690) + ½(528 − 440) = 113; grid = ½(440 − 690) + ½(528 − 828) = −275
    let mut s = mini();
    s.sites[0].activity = path(&[(2020, 1.0), (2025, 1.2)]);
    s.regions[0].ef_kg_per_kwh = path(&[(2020, 0.5), (2025, 0.25)]);
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2025, 0.5)]);
    let (start, bars, end) = bridge_bars(&s, 2020, 2025);
    eq(bar(&bars, "activity"), 113.0);
    eq(bar(&bars, "grid_factor"), -275.0);
    // the CO2-free lever's wedge in FY2025: 1200 MWh × 0.5 × 0.25 = 150
    eq(bar(&bars, "co2_free_power"), -150.0);
    eq(start, 690.0);
    eq(end, 228.0 + 150.0);
}

#[test]
fn bridge_from_a_reported_year_before_the_base_year_adds_the_to_base_year_bar() {
    let mut s = mini();
    s.history.push(history(2013, HistoryKind::Actual, 700.0, 300.0));
    let (start, bars, end) = bridge_bars(&s, 2013, 2022);
    eq(start, 1000.0);
    eq(bar(&bars, "to_base_year"), -310.0);
    eq(end, 690.0);
    // an outlook is not a reported actual
    s.history[0].kind = HistoryKind::Outlook;
    let p = run(&s);
    let e = Engine::new(&s);
    assert!(wedges::bridge(&s, &e, &p, &e.lever_runs(), &Metric::default(), 2013, 2022).is_err());
}

// ---------------------------------------------------------------- §6 factor analysis on model years

#[test]
fn factor_analysis_on_model_years_uses_primary_energy_of_all_electricity_and_the_boundary() {
    let mut s = mini();
    s.sites[0].activity = path(&[(2020, 1.0), (2025, 1.2)]);
    s.sites[0].ownership = path(&[(2020, 1.0), (2025, 0.5)]);
    s.sites[0].own_generation.push(OwnGeneration {
        name: "solar".into(),
        kind: model::GenerationKind::Solar,
        output_mwh: path(&[(2020, 200.0)]),
        source: String::new(),
        assumption: None,
    });
    let p = run(&s);
    let a = factors::figures(&s, &p, 2020).unwrap();
    // C = 190 + 800 × 0.5; energy = 1000 GJ + 1000 MWh (own generation included) × 9.76
    eq(a.emissions_t, 590.0);
    eq(a.production_t, 10.0);
    eq(a.primary_energy_gj, 1000.0 + 9760.0);
    let b = factors::figures(&s, &p, 2025).unwrap();
    eq(b.production_t, 10.0 * 1.2 * 0.5);
    eq(b.primary_energy_gj, (1000.0 + 9760.0) * 1.2 * 0.5);
    eq(b.emissions_t, (190.0 * 1.2 + (1200.0 - 200.0) * 0.5) * 0.5);
    let f = factors::analyse(&s, &p, 2020, 2025).unwrap();
    eq(f.activity.log, (0.6f64).ln());
    assert!(f.energy_intensity.log.abs() < 1e-12);
    eq(f.carbon_intensity.log, (b.emissions_t / b.primary_energy_gj / (590.0 / 10_760.0)).ln());
    // 3.6 GJ/MWh gives final energy instead
    s.primary_gj_per_mwh = 3.6;
    eq(factors::figures(&s, &run(&s), 2020).unwrap().primary_energy_gj, 4600.0);
}

#[test]
fn lever_groups_held_at_bau_leave_only_the_lever_effects_in_the_wedges() {
    // CO2-free 0.5 and efficiency 10 %/yr in FY2021: E = 900 MWh; BAU 500 → scenario 225.
    // Shapley over two players: co2 = ½(500 − 250) + ½(450 − 225) = 237.5,
    // efficiency = ½(500 − 450) + ½(250 − 225) = 37.5
    let mut s = mini();
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2021, 0.5)]);
    s.sites[0].efficiency_electricity_pct = path(&[(2020, 10.0)]);
    let e = Engine::new(&s);
    let w = wedges::wedges(&e, &Metric::default());
    let y = 1;
    eq(w.gap[y], 275.0);
    eq(w.values[y][engine::LeverGroup::Co2Free as usize], 237.5);
    eq(w.values[y][engine::LeverGroup::Efficiency as usize], 37.5);
}
