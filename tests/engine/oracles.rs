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
        price_assumption: None,
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
        capex_jpy_per_mw: None,
        source: String::new(),
        assumption: None,
        lifetime_years: 20,
        opex_jpy_per_mw_yr: Path::default(),
        price_assumption: None,
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
        id: None,
        capex_jpy: None,
        lifetime_years: 20,
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
    // Scope 3 with ρ = 0.6: 100 × (0.4 × 2.0 + 0.6 × 0.5), the material's own source
    eq(p.totals(2024).unwrap().scope3, 110.0);
    let r = &p.scenario;
    assert_eq!(r.source_count(), 3 + 2 + 1);
    assert_eq!((r.fuel_source(1), r.material_source(0)), (4, 5));
    eq(r.source(p.index(2024).unwrap(), r.material_source(0)), 110.0);
    eq(r.source(p.index(2024).unwrap(), r.fuel_source(0)), 800.0 * 0.09);
    assert_eq!(p.sources[r.material_source(0)].key, "material_scrap");
    assert_eq!(p.sources[r.fuel_source(1)].key, "fuel_gas");
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
        capex_jpy: None,
        lifetime_years: Some(2),
        source: String::new(),
    });
    s.sites[0].measures.push(Measure {
        name: "for ever".into(),
        year: 2024,
        electricity_saving: Some(Saving::Percent(20.0)),
        fuel_saving: None,
        capex_jpy: None,
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
    let (i, r) = (p.index(2022).unwrap(), &p.scenario);
    eq(r.source(i, r.material_source(0)), 145.0 * 1.25);
    // coal: site a at activity 2 and half owned, site b as in the base year
    eq(
        r.source(i, r.fuel_source(0)),
        1000.0 * 2.0 * 0.5 * 0.09 + 1000.0 * 0.09,
    );
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

#[test]
fn intensity_denominators_come_from_reported_actuals_never_outlooks() {
    let mut s = mini();
    s.revenue_jpy = path(&[(2020, 5e8)]);
    let mut h = history(2020, HistoryKind::Outlook, 1.0, 1.0);
    h.production_t = Some(20.0);
    h.revenue_jpy = Some(2e8);
    s.history.push(h);
    let p = run(&s);
    use decarb::model::Per;
    assert_eq!(targets::denominator(&s, &p, 2020, Per::Tonne), Some(10.0));
    assert_eq!(targets::denominator(&s, &p, 2020, Per::MillionJpy), Some(500.0));
    s.history[0].kind = HistoryKind::Actual;
    assert_eq!(targets::denominator(&s, &p, 2020, Per::Tonne), Some(20.0));
    assert_eq!(targets::denominator(&s, &p, 2020, Per::MillionJpy), Some(200.0));
    assert_eq!(targets::denominator(&s, &p, 2019, Per::Tonne), None);
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
fn bridge_on_location_scope2_reads_the_location_factor() {
    let mut s = mini();
    s.regions[0].ef_location_kg_per_kwh = path(&[(2020, 0.4), (2025, 0.2)]);
    s.regions[0].ef_kg_per_kwh = path(&[(2020, 0.5), (2025, 0.1)]);
    let p = run(&s);
    let e = Engine::new(&s);
    let metric = Metric {
        method: Scope2Method::Location,
        ..Metric::default()
    };
    let b = wedges::bridge(&s, &e, &p, &e.lever_runs(), &metric, 2020, 2025).unwrap();
    eq(b.start_t, 590.0);
    eq(b.end_t, 390.0);
    let grid = b.bars.iter().find(|x| x.key == "grid_factor").unwrap().value_t;
    eq(grid, -200.0);
    // and on Scope 1+2+3 the drivers move Scope 3 too
    s.materials.push(material("ore", Some("a")));
    s.sites[0].activity = path(&[(2020, 1.0), (2025, 1.5)]);
    let p = run(&s);
    let e = Engine::new(&s);
    let all = Metric {
        scopes: vec![Scope::Scope1, Scope::Scope2, Scope::Scope3],
        ..Metric::default()
    };
    let b = wedges::bridge(&s, &e, &p, &e.lever_runs(), &all, 2020, 2025).unwrap();
    let activity = b.bars.iter().find(|x| x.key == "activity").unwrap().value_t;
    // v(∅) = 190 + 500 + 200 = 890; v(a) = 1335; v(g) = 190 + 100 + 200 = 490; v(a,g) = 735
    eq(activity, 0.5 * (1335.0 - 890.0) + 0.5 * (735.0 - 490.0));
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
    eq(
        f.carbon_intensity.log,
        (b.emissions_t / b.primary_energy_gj / (590.0 / 10_760.0)).ln(),
    );
    // 3.6 GJ/MWh gives final energy instead
    s.primary_gj_per_mwh = 3.6;
    eq(
        factors::figures(&s, &run(&s), 2020).unwrap().primary_energy_gj,
        4600.0,
    );
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

#[test]
fn a_projection_answers_for_its_own_years_only() {
    let mut s = mini();
    s.materials.push(material("ore", None));
    let e = Engine::new(&s);
    assert_eq!(
        (
            e.base_year(),
            e.years(),
            e.fuel_count(),
            e.site_count(),
            e.material_count()
        ),
        (2020, 7, 2, 1, 1)
    );
    let p = run(&s);
    assert_eq!(p.base_year, 2020);
    assert_eq!(p.years(), 7);
    assert_eq!(p.last_year(), 2026);
    assert_eq!(p.index(2020), Some(0));
    assert_eq!(p.index(2026), Some(6));
    assert_eq!(p.year(6), 2026);
    for outside in [2019, 2027, 1900, i32::MIN + 1, i32::MAX] {
        assert_eq!(p.index(outside), None, "FY{outside}");
        assert!(p.totals(outside).is_none() && p.bau_totals(outside).is_none());
    }
}

#[test]
fn lever_sets_add_and_remove_one_group_at_a_time() {
    use engine::{LeverGroup, LeverSet};
    for g in LeverGroup::ALL {
        assert!(LeverSet::ALL.has(g) && !LeverSet::BAU.has(g));
        assert_eq!(LeverSet::ALL.with(g), LeverSet::ALL, "adding a group already on");
        assert_eq!(
            LeverSet::BAU.without(g),
            LeverSet::BAU,
            "removing a group already off"
        );
        let off = LeverSet::ALL.without(g);
        let on = LeverSet::BAU.with(g);
        for h in LeverGroup::ALL {
            assert_eq!(off.has(h), h != g, "{g:?} off, {h:?}");
            assert_eq!(on.has(h), h == g, "{g:?} on, {h:?}");
        }
        assert_eq!(off.with(g), LeverSet::ALL);
        assert_eq!(on.without(g), LeverSet::BAU);
    }
}

#[test]
fn recompiling_the_edited_sites_equals_compiling_the_whole_scenario() {
    let mut s = mini();
    let mut b = s.sites[0].clone();
    b.id = "b".into();
    s.sites.push(b);
    let mut p = ppa(PpaKind::OffSite, 300.0);
    p.allocation = vec![("a".into(), 0.25), ("b".into(), 0.75)];
    s.ppas.push(p);
    let mut v = ppa(PpaKind::Virtual, 200.0);
    v.id = "v".into();
    v.allocation = vec![("a".into(), 0.5), ("b".into(), 0.5)];
    s.ppas.push(v);
    let mut engine = Engine::new(&s);
    // edit site 0 only (its CO2-free share and its activity), recompile it alone
    let mut t = s.clone();
    t.sites[0].co2_free_share = path(&[(2020, 0.0), (2024, 0.6)]);
    t.sites[0].activity = path(&[(2020, 1.0), (2026, 1.3)]);
    engine.recompile_sites(&t, &[0]);
    let whole = Engine::new(&t);
    let (mut r1, mut r2) = (engine::Run::new(&engine), engine::Run::new(&whole));
    for levers in [engine::LeverSet::BAU, engine::LeverSet::ALL] {
        engine.run_into(levers, &mut r1);
        whole.run_into(levers, &mut r2);
        assert_eq!(r1.totals, r2.totals);
        assert_eq!(r1.sites, r2.sites);
    }
    // a change of the site list or of the horizon recompiles everything
    let mut more_sites = t.clone();
    let mut c = t.sites[0].clone();
    c.id = "c".into();
    more_sites.sites.push(c);
    let mut longer = t.clone();
    longer.last_year += 1;
    let mut earlier = t.clone();
    earlier.base_year -= 1;
    let mut shifted = t.clone(); // the same number of years, one year earlier
    shifted.base_year -= 1;
    shifted.last_year -= 1;
    for changed in [more_sites, longer, earlier, shifted] {
        let mut e = engine.clone();
        e.recompile_sites(&changed, &[]);
        let whole = Engine::new(&changed);
        let (mut a, mut b) = (engine::Run::new(&e), engine::Run::new(&whole));
        e.run_into(engine::LeverSet::ALL, &mut a);
        whole.run_into(engine::LeverSet::ALL, &mut b);
        assert_eq!(e.base_year(), changed.base_year);
        assert_eq!(a.totals, b.totals);
        assert_eq!(a.sites, b.sites);
    }
    // (scenario run) and the PPA output each site receives is its share: FY2021 site b buys
    // 1000 − 0.75 × 300 MWh and certificates cover 100 MWh of it
    let b_2021 = r1.site(1, 1);
    eq(b_2021.grid_mwh, 1000.0 - 225.0);
    eq(b_2021.scope2_market, (775.0 - 100.0) * 0.5);
}

#[test]
fn factor_analysis_refuses_model_years_without_energy_production_or_emissions() {
    let figures = |s: &Scenario| factors::figures(s, &run(s), 2020);
    let mut no_energy = mini();
    no_energy.sites[0].electricity_mwh = 0.0;
    no_energy.sites[0].fuels.clear();
    let e = figures(&no_energy).unwrap_err();
    assert!(e.starts_with("no energy figure for FY2020"), "{e}");
    let mut no_production = mini();
    no_production.sites[0].production_t = 0.0;
    let e = figures(&no_production).unwrap_err();
    assert!(e.starts_with("no production figure for FY2020"), "{e}");
    let mut net_zero = mini();
    net_zero.sites[0].co2_free_share = path(&[(2020, 1.0)]);
    net_zero.sites[0].process_t_co2 = 0.0;
    net_zero.fuels[0].ef_t_per_gj = 0.0;
    let e = figures(&net_zero).unwrap_err();
    assert!(e.contains("needs emissions above zero"), "{e}");
    // outside the projection and without an actual
    let e = factors::figures(&mini(), &run(&mini()), 2013).unwrap_err();
    assert!(e.contains("outside the projection FY2020–FY2026"), "{e}");
    assert!(factors::figures(&mini(), &run(&mini()), 2020).is_ok());
}

// ---------------------------------------------------------------- one lever at a time

#[test]
fn one_lever_held_at_its_base_year_value_gives_its_effect() {
    use decarb::engine::levers::{LeverRef, effect};
    use engine::LeverGroup;
    let mut s = mini();
    s.sites[0].co2_free_share = path(&[(2020, 0.2), (2022, 0.6)]);
    s.sites[0].process_change_share = path(&[(2020, 0.1), (2022, 0.5)]);
    s.sites[0].efficiency_electricity_pct = path(&[(2020, 10.0)]);
    s.sites[0].efficiency_fuel_pct = path(&[(2020, 10.0)]);
    s.sites[0].measures.push(Measure {
        name: "m".into(),
        year: 2021,
        electricity_saving: Some(Saving::Percent(50.0)),
        fuel_saving: Some(Saving::Percent(50.0)),
        capex_jpy: None,
        lifetime_years: None,
        source: String::new(),
    });
    s.sites[0].fuel_switches.push(FuelSwitch {
        from: "coal".into(),
        to: "gas".into(),
        share: path(&[(2020, 0.0), (2022, 0.5)]),
        ratio: 1.0,
        source: String::new(),
        assumption: None,
        id: None,
        capex_jpy: None,
        lifetime_years: 20,
    });
    let mut m = material("scrap", Some("a"));
    m.recycled_share = path(&[(2020, 0.2), (2022, 0.6)]);
    m.low_carbon_share = path(&[(2020, 0.1), (2022, 0.3)]);
    s.materials.push(m);
    s.ppas.push(ppa(PpaKind::OffSite, 100.0));
    s.credits.t_co2_per_yr = path(&[(2020, 0.0), (2022, 30.0)]);
    let p = run(&s);
    let all = [
        (LeverRef::Co2Free { site: 0 }, LeverGroup::Co2Free),
        (LeverRef::Recycled { material: 0 }, LeverGroup::Recycling),
        (LeverRef::LowCarbon { material: 0 }, LeverGroup::Recycling),
        (LeverRef::FuelSwitch { site: 0, rule: 0 }, LeverGroup::FuelSwitch),
        (LeverRef::Ppa { ppa: 0 }, LeverGroup::Ppa),
        (
            LeverRef::EfficiencyElectricity { site: 0 },
            LeverGroup::Efficiency,
        ),
        (LeverRef::EfficiencyFuel { site: 0 }, LeverGroup::Efficiency),
        (LeverRef::ProcessChange { site: 0 }, LeverGroup::ProcessChange),
        (LeverRef::Credits, LeverGroup::Credits),
    ];
    let paths = [
        &s.sites[0].co2_free_share,
        &s.materials[0].recycled_share,
        &s.materials[0].low_carbon_share,
        &s.sites[0].fuel_switches[0].share,
        &s.ppas[0].capacity_mw,
        &s.sites[0].efficiency_electricity_pct,
        &s.sites[0].efficiency_fuel_pct,
        &s.sites[0].process_change_share,
        &s.credits.t_co2_per_yr,
    ];
    for ((lever, group), path) in all.iter().zip(paths) {
        assert_eq!(lever.group(), *group, "{lever:?}");
        assert_eq!(lever.path(&s), Some(path), "{lever:?}");
    }
    for gone in [
        LeverRef::Co2Free { site: 1 },
        LeverRef::Recycled { material: 1 },
        LeverRef::LowCarbon { material: 1 },
        LeverRef::FuelSwitch { site: 0, rule: 1 },
        LeverRef::FuelSwitch { site: 1, rule: 0 },
        LeverRef::Ppa { ppa: 1 },
        LeverRef::EfficiencyElectricity { site: 1 },
        LeverRef::EfficiencyFuel { site: 1 },
        LeverRef::ProcessChange { site: 1 },
    ] {
        assert!(
            gone.path(&s).is_none() && gone.held_at_bau(&s).is_none(),
            "{gone:?}"
        );
        assert!(effect(&s, &p, gone, &Metric::default()).is_none());
    }
    // held at BAU: the base-year value, for ever
    let held = |l: LeverRef| l.held_at_bau(&s).unwrap();
    assert_eq!(held(all[0].0).sites[0].co2_free_share, path(&[(2020, 0.2)]));
    assert_eq!(held(all[1].0).materials[0].recycled_share, path(&[(2020, 0.2)]));
    assert_eq!(held(all[2].0).materials[0].low_carbon_share, path(&[(2020, 0.1)]));
    assert_eq!(
        held(all[3].0).sites[0].fuel_switches[0].share,
        path(&[(2020, 0.0)])
    );
    assert_eq!(held(all[4].0).ppas[0].capacity_mw, path(&[(2020, 0.0)]));
    assert_eq!(held(all[7].0).sites[0].process_change_share, path(&[(2020, 0.1)]));
    assert!(held(all[8].0).credits.t_co2_per_yr.is_empty());
    let el = held(all[5].0);
    assert!(el.sites[0].efficiency_electricity_pct.is_empty());
    assert_eq!(el.sites[0].efficiency_fuel_pct, s.sites[0].efficiency_fuel_pct);
    assert_eq!(el.sites[0].measures[0].electricity_saving, None);
    assert_eq!(el.sites[0].measures[0].fuel_saving, Some(Saving::Percent(50.0)));
    let fu = held(all[6].0);
    assert!(fu.sites[0].efficiency_fuel_pct.is_empty());
    assert_eq!(fu.sites[0].measures[0].fuel_saving, None);
    assert_eq!(
        fu.sites[0].measures[0].electricity_saving,
        Some(Saving::Percent(50.0))
    );
    // an empty path stays empty (its default)
    let mut bare = s.clone();
    bare.sites[0].co2_free_share = Path::default();
    assert!(
        LeverRef::Co2Free { site: 0 }.held_at_bau(&bare).unwrap().sites[0]
            .co2_free_share
            .is_empty()
    );

    // effects on Scope 1 + market Scope 2 in FY2022 (y = 2), by hand: the CO2-free share
    // 0.6 vs 0.2 on the FY2022 purchase; E(2022) = 1000 × 0.81 × 0.5 = 405 MWh, less 100 MWh
    // of PPA = 305 MWh
    let y = 2;
    let fx = |l: LeverRef| effect(&s, &p, l, &Metric::default()).unwrap()[y];
    eq(fx(all[0].0), -(0.6 - 0.2) * 305.0 * 0.5);
    // the PPA: 100 MWh less purchase at (1 − 0.6) × 0.5
    eq(fx(all[4].0), -100.0 * 0.4 * 0.5);
    // process change 0.5 vs 0.1 of 100 t
    eq(fx(all[7].0), -40.0);
    // credits do not count on a gross metric, and Scope 3 levers do not touch Scope 1+2
    eq(fx(all[8].0), 0.0);
    eq(fx(all[2].0), 0.0);
    // on the net metric credits count in full
    let net = effect(&s, &p, all[8].0, &Metric::net(&s)).unwrap();
    eq(net[y], -30.0);
    eq(net[0], 0.0);
}

#[test]
fn factor_analysis_of_two_years_with_equal_emissions_weights_by_those_emissions() {
    // L(C, C) = C: the additive terms are C × each log change, and they sum to 0
    let a = factors::YearFigures {
        year: 2020,
        emissions_t: 500.0,
        production_t: 10.0,
        primary_energy_gj: 1000.0,
    };
    let b = factors::YearFigures {
        year: 2025,
        emissions_t: 500.0,
        production_t: 20.0,
        primary_energy_gj: 1000.0,
    };
    let f = factors::decompose(a, b);
    eq(f.total.log, 0.0);
    eq(f.total.t_co2, 0.0);
    eq(f.activity.t_co2, 500.0 * 2f64.ln());
    eq(f.energy_intensity.t_co2, -500.0 * 2f64.ln());
    eq(f.carbon_intensity.t_co2, 0.0);
    // unequal: L(C1, C0) = (C1 − C0) / ln(C1 / C0)
    let c = factors::YearFigures {
        emissions_t: 250.0,
        ..b
    };
    let f = factors::decompose(a, c);
    let l = -250.0 / 0.5f64.ln();
    eq(f.total.t_co2, -250.0);
    eq(f.activity.t_co2, l * 2f64.ln());
    eq(f.carbon_intensity.t_co2, l * 0.5f64.ln());
    eq(f.total.log_pct(), 100.0 * 0.5f64.ln());
}

#[test]
fn factor_analysis_of_years_one_ulp_apart_weights_by_the_emissions() {
    // L(C, C + 1 ulp) = C to within rounding: (C1 − C0) / ln(C1 / C0) divides rounding noise
    // by rounding noise, which would put every factor 30 % off.
    let a = factors::YearFigures {
        year: 2020,
        emissions_t: 1.5e6,
        production_t: 100.0,
        primary_energy_gj: 1000.0,
    };
    let b = factors::YearFigures {
        year: 2025,
        emissions_t: f64::from_bits(1.5e6f64.to_bits() + 1),
        production_t: 110.0,
        primary_energy_gj: 1000.0,
    };
    let f = factors::decompose(a, b);
    assert!(
        (f.activity.t_co2 - 1.5e6 * 1.1f64.ln()).abs() < 1e-6 * 1.5e6,
        "{}",
        f.activity.t_co2
    );
    assert!(f.total.t_co2.abs() < 1e-6);
}

// ---------------------------------------------------------------- the metric

#[test]
fn a_metric_covers_its_scopes_method_and_credits() {
    use decarb::engine::{SiteYear, Totals};
    let t = Totals {
        scope1: 1.0,
        scope2_market: 10.0,
        scope2_location: 100.0,
        scope3: 1000.0,
        credits: 10_000.0,
        net: 0.0,
    };
    let y = SiteYear {
        scope1: 1.0,
        scope2_market: 10.0,
        scope2_location: 100.0,
        scope3: 1000.0,
        grid_mwh: 0.0,
    };
    let m = |scopes: &[Scope], method, credits| Metric {
        scopes: scopes.to_vec(),
        method,
        credits,
    };
    let (s1, s2, s3) = (Scope::Scope1, Scope::Scope2, Scope::Scope3);
    let (mk, loc) = (Scope2Method::Market, Scope2Method::Location);
    for (metric, total, site) in [
        (m(&[s1], mk, false), 1.0, 1.0),
        (m(&[s2], mk, false), 10.0, 10.0),
        (m(&[s2], loc, false), 100.0, 100.0),
        (m(&[s3], mk, false), 1000.0, 1000.0),
        (m(&[s1, s2], loc, false), 101.0, 101.0),
        (m(&[s1, s2, s3], mk, true), 1011.0 - 10_000.0, 1011.0),
    ] {
        eq(metric.of(&t), total);
        eq(metric.of_site(&y), site);
    }
    assert_eq!(m(&[s1, s2], mk, false).key(), "s12-market-gross");
    assert_eq!(m(&[s1, s2, s3], loc, true).key(), "s123-location-net");
    assert_eq!(m(&[s3], mk, true).gross(), m(&[s3], mk, false));
    // same scopes: the Scope 2 method matters only when Scope 2 is covered
    assert!(m(&[s1, s2], mk, false).same_scopes(&m(&[s1, s2], mk, true)));
    assert!(!m(&[s1, s2], mk, false).same_scopes(&m(&[s1, s2], loc, false)));
    assert!(m(&[s1, s3], mk, false).same_scopes(&m(&[s1, s3], loc, false)));
    assert!(!m(&[s1], mk, false).same_scopes(&m(&[s1, s3], mk, false)));
    let mut x = m(&[s1, s3], mk, false);
    x.set(s2, true);
    x.set(s3, false);
    assert_eq!(x.scopes, vec![s1, s2]);
    assert!(x.has(s2) && !x.has(s3));
    x.set(s1, true);
    assert_eq!(x.scopes, vec![s1, s2], "no scope twice");
    // a target's metric, and its result's: scopes sorted and unique
    let target = Target {
        scopes: vec![s3, s1, s3],
        scope2_method: loc,
        credits_count: true,
        ..level_target(2025, 0.0)
    };
    assert_eq!(Metric::of_target(&target), m(&[s1, s3], loc, true));
    let mut s = mini();
    assert_eq!(Metric::default_for(&s), Metric::default());
    s.targets.push(target);
    assert_eq!(Metric::default_for(&s), m(&[s1, s3], loc, true));
    s.targets[0].scopes = vec![s3, s1]; // a file may not name a scope twice
    let r = &targets::evaluate(&s, &run(&s))[0];
    assert_eq!(Metric::of_result(r), m(&[s1, s3], loc, true));
    assert_eq!(Metric::net(&s), m(&[s1, s2, s3], mk, true));
    assert_eq!(Metric::net(&mini()), m(&[s1, s2], mk, true));
}

fn intensity_target(reduction_pct: f64, credits_count: bool) -> Target {
    Target {
        label: "intensity".into(),
        year: 2025,
        scopes: vec![Scope::Scope1, Scope::Scope2],
        scope2_method: Scope2Method::Market,
        credits_count,
        kind: TargetKind::Intensity {
            reduction_pct,
            reference_year: 2020,
            per: model::Per::Tonne,
        },
        source: String::new(),
    }
}

#[test]
fn an_intensity_target_and_its_absolute_equivalent() {
    // FY2020: 690 t / 10 t = 69 t/t; −30 % → 48.3 t/t. FY2025: activity 1.2, CO2-free 50 %:
    // 228 + 1200 × 0.5 × 0.5 = 528 t over 12 t = 44 t/t: met. The same −30 % on absolute
    // emissions: 483 t against 528 t: missed by 45 t.
    let mut s = mini();
    s.sites[0].activity = path(&[(2020, 1.0), (2025, 1.2)]);
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2025, 0.5)]);
    s.targets.push(intensity_target(30.0, false));
    let r = &targets::evaluate(&s, &run(&s))[0];
    assert_eq!(r.unit, targets::TargetUnit::PerTonne);
    eq(r.level, 48.3);
    eq(r.value, 44.0);
    eq(r.gap, 44.0 - 48.3);
    assert!(r.met);
    let a = r.absolute_equivalent.unwrap();
    eq(a.level_t, 483.0);
    eq(a.value_t, 528.0);
    eq(a.gap_t, 45.0);
    assert!(!a.met);
    assert_eq!(r.reference.unwrap().0, 2020);
    // −40 %: 41.4 t/t, missed
    s.targets[0] = intensity_target(40.0, false);
    let r = &targets::evaluate(&s, &run(&s))[0];
    eq(r.level, 41.4);
    assert!(!r.met);
    // a reported zero production in the reference or the target year: no intensity
    let mut h = history(2020, HistoryKind::Actual, 190.0, 500.0);
    h.production_t = Some(0.0);
    s.history.push(h);
    let r = &targets::evaluate(&s, &run(&s))[0];
    assert!(r.level.is_nan() && r.gap.is_nan() && !r.met, "{r:?}");
    s.history[0].year = 2025;
    let r = &targets::evaluate(&s, &run(&s))[0];
    assert!(r.value.is_nan() && !r.met, "{r:?}");
}

#[test]
fn a_net_intensity_target_is_met_within_1e_9_of_the_gross_intensity() {
    // −100 % per tonne, credits counting: met when credits bring the net to 0, within 1e-9 of
    // the gross intensity (44 t/t here): a net of 2e-8 t/t is met, 1e-7 t/t is not.
    let mut s = mini();
    s.sites[0].activity = path(&[(2020, 1.0), (2025, 1.2)]);
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2025, 0.37)]);
    s.targets.push(intensity_target(100.0, true));
    // FY2025: 228 + 1200 × 0.63 × 0.5 = 606 t over 12 t = 50.5 t/t gross
    for (net_per_t, met) in [(2e-8, true), (1e-7, false), (0.0, true)] {
        s.credits.t_co2_per_yr = path(&[(2020, 0.0), (2025, 606.0 - net_per_t * 12.0)]);
        let r = &targets::evaluate(&s, &run(&s))[0];
        eq(r.level, 0.0);
        assert!((r.value - net_per_t).abs() < 1e-12, "{}", r.value);
        assert_eq!(r.met, met, "net {net_per_t} t/t");
    }
}

#[test]
fn a_bridge_runs_forward_and_may_span_no_years() {
    let mut s = mini();
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2025, 0.5)]);
    let p = run(&s);
    let e = Engine::new(&s);
    let runs = e.lever_runs();
    let e1 = wedges::bridge(&s, &e, &p, &runs, &Metric::default(), 2025, 2020).unwrap_err();
    assert!(e1.contains("runs forward"), "{e1}");
    let e2 = wedges::bridge(&s, &e, &p, &runs, &Metric::default(), 2020, 2027).unwrap_err();
    assert!(e2.contains("outside the projection"), "{e2}");
    let b = wedges::bridge(&s, &e, &p, &runs, &Metric::default(), 2022, 2022).unwrap();
    eq(b.start_t, b.end_t);
    assert!(b.bars.iter().all(|x| x.value_t.abs() < 1e-9), "{b:?}");
    // only the groups that act get a bar
    let keys: Vec<&str> = b.bars.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(keys, ["activity", "grid_factor", "ownership", "co2_free_power"]);
}

#[test]
fn a_lever_group_is_active_only_when_one_of_its_paths_leaves_its_base_year_value() {
    use engine::LeverGroup::{Co2Free, Credits, Efficiency, Ppa, ProcessChange, Recycling};
    let base = {
        let mut s = mini();
        s.materials.push(material("ore", Some("a")));
        s.sites[0].fuel_switches.push(FuelSwitch {
            from: "coal".into(),
            to: "gas".into(),
            share: path(&[(2020, 0.2)]),
            ratio: 1.0,
            source: String::new(),
            assumption: None,
            id: None,
            capex_jpy: None,
            lifetime_years: 20,
        });
        s.ppas.push(ppa(PpaKind::Virtual, 100.0));
        s.ppas[0].capacity_mw = path(&[(2020, 1.0)]);
        s.sites[0].co2_free_share = path(&[(2020, 0.3)]);
        s.sites[0].process_change_share = path(&[(2020, 0.3)]);
        s.materials[0].recycled_share = path(&[(2020, 0.3)]);
        s.materials[0].low_carbon_share = path(&[(2020, 0.1)]);
        s.sites[0].own_generation.push(OwnGeneration {
            name: "pv".into(),
            kind: model::GenerationKind::Solar,
            output_mwh: path(&[(2020, 50.0)]),
            source: String::new(),
            assumption: None,
        });
        s
    };
    // every lever constant at its base-year value: nothing is active
    assert!(Engine::new(&base).lever_runs().groups.is_empty());
    let later = |v: f64| path(&[(2020, v), (2024, v + 0.1)]);
    type Change = Box<dyn Fn(&mut Scenario)>;
    let cases: Vec<(engine::LeverGroup, Change)> = vec![
        (Co2Free, Box::new(move |s| s.sites[0].co2_free_share = later(0.3))),
        (
            Recycling,
            Box::new(move |s| s.materials[0].recycled_share = later(0.3)),
        ),
        (
            Recycling,
            Box::new(move |s| s.materials[0].low_carbon_share = later(0.1)),
        ),
        (
            engine::LeverGroup::FuelSwitch,
            Box::new(move |s| s.sites[0].fuel_switches[0].share = later(0.2)),
        ),
        (Ppa, Box::new(move |s| s.ppas[0].capacity_mw = later(1.0))),
        (Ppa, Box::new(move |s| s.ppas[0].kind = PpaKind::OnSite)),
        (
            Ppa,
            Box::new(move |s| s.sites[0].own_generation[0].output_mwh = path(&[(2020, 50.0), (2023, 70.0)])),
        ),
        (
            Efficiency,
            Box::new(move |s| s.sites[0].efficiency_fuel_pct = path(&[(2020, 1.0)])),
        ),
        (
            Efficiency,
            Box::new(move |s| s.sites[0].efficiency_electricity_pct = path(&[(2020, 1.0)])),
        ),
        (
            ProcessChange,
            Box::new(move |s| s.sites[0].process_change_share = later(0.3)),
        ),
        (
            Credits,
            Box::new(move |s| s.credits.t_co2_per_yr = path(&[(2026, 5.0)])),
        ),
    ];
    for (group, change) in cases {
        let mut s = base.clone();
        change(&mut s);
        let e = Engine::new(&s);
        if group == Ppa && s.ppas[0].kind == PpaKind::OnSite {
            // a physical PPA at a constant capacity is not a change over time either
            assert!(e.lever_runs().groups.is_empty());
            continue;
        }
        assert_eq!(e.lever_runs().groups, vec![group], "{group:?}");
        for g in engine::LeverGroup::ALL {
            assert_eq!(e.group_active(g), g == group, "{group:?}: {g:?}");
        }
    }
}

#[test]
fn each_material_has_its_own_source_whatever_its_place() {
    // materials in the order: organisation, linked to site a, organisation
    let mut s = mini();
    let mut m0 = material("m0", None);
    m0.quantity_t = 10.0;
    let m1 = material("m1", Some("a"));
    let mut m2 = material("m2", None);
    m2.quantity_t = 1000.0;
    s.materials = vec![m0, m1, m2];
    let p = run(&s);
    let (i, r) = (p.index(2022).unwrap(), &p.scenario);
    assert_eq!(
        (r.material_source(0), r.material_source(1), r.material_source(2)),
        (5, 6, 7)
    );
    eq(r.source(i, r.material_source(0)), 10.0 * 2.0);
    eq(r.source(i, r.material_source(1)), 100.0 * 2.0);
    eq(r.source(i, r.material_source(2)), 1000.0 * 2.0);
    eq(p.totals(2022).unwrap().scope3, 2220.0);
    assert_eq!(p.sources[7].key, "material_m2");
}
