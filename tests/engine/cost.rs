//! The cost analysis (ANALYSES.md §1 with §9): hand-computed known answers on one-site
//! scenarios, the invariants of §1.11 as property tests, and the seeds' figures of §1.12 as
//! corrected by §9.28–9.29. Every expected figure is written out from the text.

use decarb::engine::cost::{COMPONENTS, ItemKind, crf};
use decarb::engine::cost_analysis::{CostAnalysis, PerTonne, analyse};
use decarb::engine::{Engine, LeverGroup, LeverSet, Metric, Run, targets};
use decarb::model::{self, Path, Scenario, Scope, Scope2Method};
use proptest::prelude::*;

/// One site (FY2020 base, to FY2024): 1,000 MWh from a grid at 0.5 kg/kWh, 1,000 GJ of coal
/// at 0.09 t/GJ (so Scope 1 = 90 t, market Scope 2 = 500 t), no history: the window starts
/// in the base year unless `cost.from_year` says otherwise.
const ONE_SITE: &str = r#"(
  schema_version: 2,
  meta: (name: "Cost oracle"),
  base_year: 2020,
  last_year: 2024,
  discount_rate_pct: 0.0,
  regions: [(id: "grid", name: "Grid", ef_kg_per_kwh: [(2020, 0.5)])],
  fuels: [
    (id: "coal", name: "Coal", ef_t_per_gj: 0.09),
    (id: "gas", name: "Gas", ef_t_per_gj: 0.05),
  ],
  sites: [(
    id: "a", name: "A", region: "grid",
    production_t: 10.0, electricity_mwh: 1000.0,
    fuels: [(fuel: "coal", gj: 1000.0)],
  )],
  targets: [(label: "S1+2", year: 2024, scopes: [Scope1, Scope2], kind: Level(t_co2: 0.0))],
)"#;

fn one_site() -> Scenario {
    model::from_str(ONE_SITE).expect("the oracle scenario is valid")
}

fn path(points: &[(i32, f64)]) -> Path {
    Path(points.to_vec())
}

/// Validates an edited scenario and analyses it on its first target's metric.
fn cost(s: &Scenario) -> CostAnalysis {
    let problems = model::validate::validate(s);
    assert!(problems.is_empty(), "{problems:?}");
    analyse(s).expect("the scenario has prices")
}

#[track_caller]
fn eq(got: f64, expected: f64) {
    assert!(
        (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "got {got}, expected {expected}"
    );
}

fn row(a: &CostAnalysis, g: LeverGroup) -> &decarb::engine::cost_analysis::GroupCost {
    a.rows.iter().find(|r| r.group == g).expect("group is active")
}

#[track_caller]
fn value(p: PerTonne) -> f64 {
    p.value().unwrap_or_else(|| panic!("{p:?} has no value"))
}

// ---------------------------------------------------------------- conventions (§1.3)

#[test]
fn crf_matches_the_check_values_of_the_text() {
    assert!((crf(0.04, 15) - 0.08994).abs() < 5e-6);
    assert!((crf(0.04, 20) - 0.07358).abs() < 5e-6);
    eq(crf(0.0, 15), 1.0 / 15.0);
    // r / (1 − (1 + r)^−L) written out for 7 % over 10 years.
    eq(crf(0.07, 10), 0.07 / (1.0 - 1.07f64.powi(-10)));
}

#[test]
fn a_scenario_without_any_price_has_no_cost_analysis() {
    let mut s = one_site();
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2022, 1.0)]);
    assert!(analyse(&s).is_none());
}

// ---------------------------------------------------------------- known answers (§1.11 #9, #10)

#[test]
fn co2_free_power_alone_costs_the_premium_over_the_grid_factor_per_tonne() {
    // Known answer 9: LCOA = π / e at any discount rate.
    for rate in [0.0, 4.0, 12.5] {
        let mut s = one_site();
        s.discount_rate_pct = rate;
        s.sites[0].co2_free_share = path(&[(2020, 0.0), (2022, 0.6), (2024, 1.0)]);
        s.sites[0].co2_free_premium_jpy_per_mwh = path(&[(2020, 1000.0)]);
        let a = cost(&s);
        let r = row(&a, LeverGroup::Co2Free);
        eq(value(r.lcoa), 1000.0 / 0.5);
        // Year by year: the premium on the contracted MWh.
        let i = a.index(2022).unwrap();
        eq(
            a.by_group[i][LeverGroup::Co2Free as usize].co2_free,
            0.6 * 1000.0 * 1000.0,
        );
        eq(a.plan(i), 600_000.0);
    }
}

#[test]
fn credits_alone_cost_their_price_per_tonne_on_a_metric_that_counts_them() {
    // Known answer 10: flat price → LCOA = price; a rising price → the abatement-weighted price.
    let mut s = one_site();
    s.targets[0].credits_count = true;
    s.discount_rate_pct = 4.0;
    s.credits.t_co2_per_yr = path(&[(2020, 0.0), (2021, 100.0), (2024, 400.0)]);
    s.credits.price_jpy_per_t = path(&[(2020, 3000.0)]);
    eq(value(row(&cost(&s), LeverGroup::Credits).lcoa), 3000.0);
    s.credits.price_jpy_per_t = path(&[(2020, 1000.0), (2024, 5000.0)]);
    let a = cost(&s);
    // Credits 0, 100, 200, 300, 400 t; prices 1000, 2000, 3000, 4000, 5000; d = 1.04^−t.
    let d = |t: i32| 1.04f64.powi(-t);
    let money: f64 = (1..=4)
        .map(|t| d(t) * f64::from(t) * 100.0 * (1000.0 + 1000.0 * f64::from(t)))
        .sum();
    let tonnes: f64 = (1..=4).map(|t| d(t) * f64::from(t) * 100.0).sum();
    eq(value(row(&a, LeverGroup::Credits).lcoa), money / tonnes);
}

#[test]
fn a_physical_ppa_at_a_fully_co2_free_site_shares_the_overlap() {
    // §1.9: grid G = 1000, PPA output y = 400, c = 1: PPA wedge y·EF/2 = 100, CO2-free wedge
    // G·EF − y·EF/2 = 400 (market Scope 2 with both: 0).
    let mut s = one_site();
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2021, 1.0)]);
    s.sites[0].co2_free_premium_jpy_per_mwh = path(&[(2020, 1000.0)]);
    s.ppas.push(ppa(400.0, 8000.0));
    let a = cost(&s);
    let i = a.index(2022).unwrap();
    eq(a.wedges.values[i][LeverGroup::Ppa as usize], 100.0);
    eq(a.wedges.values[i][LeverGroup::Co2Free as usize], 400.0);
    // Cost: ALL = premium on 600 MWh + PPA 400 × 8000; BAU = nothing.
    // Shapley: PPA = ½(3.2M + (3.2M − 0.4M)) = 3.0M; CO2-free = ½(1.0M + 0.6M − 0) = 0.8M.
    eq(a.by_group[i][LeverGroup::Ppa as usize].total(), 3.0e6);
    eq(a.by_group[i][LeverGroup::Co2Free as usize].total(), 0.8e6);
    // The PPA's delivered power is paid whole; the grid price is missing → listed, and both
    // groups depend on it (the PPA and the CO2-free share change grid purchases' cost).
    let grid = a
        .missing()
        .find(|u| u.item.field == "regions[0].power_price_jpy_per_mwh")
        .expect("the grid price is listed as missing");
    assert_eq!(grid.groups, vec![LeverGroup::Ppa]);
    assert!(
        !row(&a, LeverGroup::Co2Free)
            .incomplete
            .iter()
            .any(|&k| a.items[k].item.field.contains("power_price"))
    );
    assert!(!row(&a, LeverGroup::Ppa).incomplete.is_empty());
}

fn ppa(mw: f64, price: f64) -> decarb::model::Ppa {
    let mut p: decarb::model::Ppa = ron::from_str(
        r#"(id: "pv", name: "PV", kind: OnSite, capacity_mw: [(2020, 0.0), (2021, 1.0)], yield_mwh_per_mw: 1.0, allocation: [("a", 1.0)])"#,
    )
    .unwrap();
    p.yield_mwh_per_mw = mw;
    p.price_jpy_per_mwh = path(&[(2020, price)]);
    p
}

// ---------------------------------------------------------------- capex (§1.3, §9.13, §9.41)

#[test]
fn process_capex_is_an_annuity_whose_npv_equals_the_cash_when_its_life_fits() {
    // π: 0 → 1 in FY2021, capex u = 1,000,000 over 3 years at 4 %; window 2020..2024.
    // Cash u in FY2020 (τ − 1); annuities u·CRF in 2021, 2022, 2023 and, still installed, 2024.
    let mut s = one_site();
    s.discount_rate_pct = 4.0;
    s.sites[0].process_t_co2 = 100.0;
    s.sites[0].process_change_share = path(&[(2020, 0.0), (2021, 1.0)]);
    s.sites[0].process_change_capex_jpy = Some(1e6);
    s.sites[0].process_change_lifetime_years = 3;
    let a = cost(&s);
    let g = LeverGroup::ProcessChange as usize;
    let annuity = 1e6 * 0.04 / (1.0 - 1.04f64.powi(-3));
    for (year, expected) in [
        (2020, 0.0),
        (2021, annuity),
        (2022, annuity),
        (2023, annuity),
        (2024, annuity),
    ] {
        eq(a.by_group[a.index(year).unwrap()][g].capex, expected);
    }
    // NPV of the first L annuities (2021..2023) = the cash paid in 2020 (d(2020) = 1).
    let npv3: f64 = (2021..=2023)
        .map(|y| {
            let i = a.index(y).unwrap();
            a.discount[i] * a.by_group[i][g].capex
        })
        .sum();
    eq(npv3, 1e6);
    // Capex intensity: cash of vintages up to the MACC year (2024) over the abatement then.
    let r = row(&a, LeverGroup::ProcessChange);
    eq(r.capex_cash_jpy, 1e6);
    eq(value(r.capex_intensity), 1e6 / 100.0);
}

#[test]
fn capacity_that_is_removed_stops_paying_and_pays_again_when_added() {
    // §9.41: the annuity is a rent on capacity above base while installed.
    let mut s = one_site();
    s.sites[0].process_t_co2 = 100.0;
    s.sites[0].process_change_share = path(&[(2020, 0.0), (2021, 1.0), (2022, 0.0), (2023, 0.5)]);
    s.sites[0].process_change_capex_jpy = Some(1000.0);
    s.sites[0].process_change_lifetime_years = 10;
    let a = cost(&s);
    let g = LeverGroup::ProcessChange as usize;
    let years: Vec<f64> = (2020..=2024)
        .map(|y| a.by_group[a.index(y).unwrap()][g].capex)
        .collect();
    // r = 0: CRF = 1/10 → 100 JPY per unit of share.
    for (got, expected) in years.iter().zip([0.0, 100.0, 0.0, 50.0, 50.0]) {
        eq(*got, expected);
    }
    // Cash: 1000 for the first unit (paid 2020), nothing for capacity under the running max.
    eq(row(&a, LeverGroup::ProcessChange).capex_cash_jpy, 1000.0);
}

#[test]
fn an_asset_built_in_the_last_years_carries_one_annuity_per_year_left() {
    // Built in last_year − j → j + 1 annuities inside the horizon (§1.11 #7).
    for j in 0..4 {
        let mut s = one_site();
        s.sites[0].process_t_co2 = 10.0;
        let y = 2024 - j;
        s.sites[0].process_change_share = path(&[(y - 1, 0.0), (y, 1.0)]);
        s.sites[0].process_change_capex_jpy = Some(15.0);
        s.sites[0].process_change_lifetime_years = 15;
        let a = cost(&s);
        let g = LeverGroup::ProcessChange as usize;
        let n = (2020..=2024)
            .filter(|&t| a.by_group[a.index(t).unwrap()][g].capex > 0.0)
            .count();
        assert_eq!(n, j as usize + 1, "built in {y}");
    }
}

#[test]
fn a_discrete_measure_pays_its_annuity_only_while_in_force() {
    let mut s = one_site();
    let m: decarb::model::Measure = ron::from_str(
        r#"(name: "LED", year: 2022, electricity_saving: Some(Percent(10.0)), capex_jpy: Some(300.0), lifetime_years: Some(2))"#,
    )
    .unwrap();
    s.sites[0].measures.push(m);
    s.regions[0].power_price_jpy_per_mwh = path(&[(2020, 10.0)]);
    let a = cost(&s);
    let g = LeverGroup::Efficiency as usize;
    // In force 2022 and 2023; r = 0 → 150 a year. It saves 100 MWh × 10 JPY those years.
    for (year, capex, el) in [
        (2021, 0.0, 0.0),
        (2022, 150.0, -1000.0),
        (2023, 150.0, -1000.0),
        (2024, 0.0, 0.0),
    ] {
        let i = a.index(year).unwrap();
        eq(a.by_group[i][g].capex, capex);
        eq(a.by_group[i][g].electricity, el);
    }
    // The grid price is given: efficiency is complete.
    assert!(row(&a, LeverGroup::Efficiency).incomplete.is_empty());
}

// ---------------------------------------------------------------- missing is not zero (§9.14, §9.44)

#[test]
fn a_missing_price_is_listed_and_marks_only_the_groups_whose_share_depends_on_it() {
    // Electrifying half the coal: coal price given, grid price missing.
    let mut s = one_site();
    s.fuels[0].price_jpy_per_gj = path(&[(2020, 500.0)]);
    s.sites[0].fuel_switches.push(
        ron::from_str(r#"(from: "coal", to: "electricity", share: [(2020, 0.0), (2021, 0.5)], ratio: 0.9)"#)
            .unwrap(),
    );
    let a = cost(&s);
    let i = a.index(2022).unwrap();
    let g = LeverGroup::FuelSwitch as usize;
    // Coal saved 500 GJ × 500 JPY; the electricity it needs is not priced, never counted as 0.
    eq(a.by_group[i][g].fuels, -250_000.0);
    eq(a.by_group[i][g].electricity, 0.0);
    let r = row(&a, LeverGroup::FuelSwitch);
    let listed: Vec<&str> = r
        .incomplete
        .iter()
        .map(|&k| a.items[k].item.field.as_str())
        .collect();
    assert!(
        listed.contains(&"regions[0].power_price_jpy_per_mwh"),
        "{listed:?}"
    );
    // Its capex is not given either: listed too.
    assert!(
        listed.contains(&"sites[0].fuel_switches[0].capex_jpy"),
        "{listed:?}"
    );
    // What the missing grid price would multiply: 500 GJ × 0.9 / 3.6 = 125 MWh more bought.
    let grid = a
        .items
        .iter()
        .find(|u| u.item.field == "regions[0].power_price_jpy_per_mwh")
        .unwrap();
    eq(grid.largest_share[g], 125.0);
    // The switch's missing capex is over a capacity of 0.5 (half the base-year coal moved).
    let capex = a
        .items
        .iter()
        .find(|u| u.item.field.ends_with("fuel_switches[0].capex_jpy"))
        .unwrap();
    eq(capex.largest_share[g], 0.5);
    // Once the grid price and the capex are given, the group is complete; 0 is a real zero.
    s.regions[0].power_price_jpy_per_mwh = path(&[(2020, 0.0)]);
    s.sites[0].fuel_switches[0].capex_jpy = Some(0.0);
    let a = cost(&s);
    assert!(row(&a, LeverGroup::FuelSwitch).incomplete.is_empty());
    assert_eq!(a.missing().count(), 0, "{:?}", a.missing().collect::<Vec<_>>());
}

#[test]
fn an_assumed_price_marks_the_groups_that_use_it() {
    let mut s = one_site();
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2021, 1.0)]);
    s.regions[0].co2_free_premium_jpy_per_mwh = path(&[(2020, 1000.0)]);
    s.regions[0].price_assumption = Some("indicative".into());
    s.regions[0].power_price_jpy_per_mwh = path(&[(2020, 20000.0)]);
    let a = cost(&s);
    let r = row(&a, LeverGroup::Co2Free);
    assert!(r.incomplete.is_empty());
    let assumed: Vec<&str> = r
        .assumed
        .iter()
        .map(|&k| a.items[k].item.field.as_str())
        .collect();
    // The premium comes from the region (after fallback); the grid price does not move with
    // the CO2-free share.
    assert_eq!(assumed, vec!["regions[0].co2_free_premium_jpy_per_mwh"]);
    // The coal price is missing and coal is burnt: listed, but no lever moves coal use.
    let missing: Vec<(&str, usize)> = a
        .missing()
        .map(|u| (u.item.field.as_str(), u.groups.len()))
        .collect();
    assert_eq!(missing, vec![("fuels[0].price_jpy_per_gj", 0)]);
    assert!(
        a.items
            .iter()
            .any(|u| u.item.kind == ItemKind::Missing && !u.used)
    );
    // The region's premium is the site's default: 1,000 per MWh contracted.
    eq(
        a.by_group[a.index(2022).unwrap()][LeverGroup::Co2Free as usize].co2_free,
        1e6,
    );
}

#[test]
fn no_abatement_gives_no_cost_per_tonne() {
    // A process change at a site without process emissions: capex but no tonnes.
    let mut s = one_site();
    s.sites[0].process_change_share = path(&[(2020, 0.0), (2021, 1.0)]);
    s.sites[0].process_change_capex_jpy = Some(1e6);
    let r = cost(&s)
        .rows
        .into_iter()
        .find(|r| r.group == LeverGroup::ProcessChange)
        .unwrap();
    assert_eq!(r.lcoa, PerTonne::NoAbatement);
    assert!(r.npv_jpy > 0.0);
    // A lever that raises emissions: switching coal to electricity at 0.5 kg/kWh × ratio 3.
    let mut s = one_site();
    s.fuels[0].price_jpy_per_gj = path(&[(2020, 500.0)]);
    s.regions[0].power_price_jpy_per_mwh = path(&[(2020, 0.0)]);
    s.sites[0].fuel_switches.push(
        ron::from_str(r#"(from: "coal", to: "electricity", share: [(2020, 0.0), (2021, 1.0)], ratio: 3.0, capex_jpy: Some(0.0))"#)
            .unwrap(),
    );
    let r = cost(&s)
        .rows
        .into_iter()
        .find(|r| r.group == LeverGroup::FuelSwitch)
        .unwrap();
    assert_eq!(r.lcoa, PerTonne::RaisesEmissions);
}

// ---------------------------------------------------------------- exposure (§1.4, §9.17–9.18)

#[test]
fn exposure_is_the_carbon_price_on_gross_scope_1_and_market_scope_2() {
    let mut s = one_site();
    s.carbon_price_jpy_per_t = path(&[(2020, 289.0), (2024, 10_000.0)]);
    s.credits.t_co2_per_yr = path(&[(2020, 50.0)]);
    s.credits.price_jpy_per_t = path(&[(2020, 1.0)]);
    let a = cost(&s);
    let x = a.exposure.as_ref().unwrap();
    // Credits are not netted by default: 590 t × the price.
    let i = a.index(2024).unwrap();
    eq(x.plan_jpy[i], 590.0 * 10_000.0);
    eq(x.bau_jpy[i], 590.0 * 10_000.0);
    // Netted only where the scheme allows it.
    s.cost.carbon_price_metric.credits_offset = true;
    let a = cost(&s);
    eq(a.exposure.as_ref().unwrap().plan_jpy[i], 540.0 * 10_000.0);
    // Scope 1 only.
    s.cost.carbon_price_metric.credits_offset = false;
    s.cost.carbon_price_metric.scopes = vec![Scope::Scope1];
    eq(cost(&s).exposure.unwrap().plan_jpy[i], 90.0 * 10_000.0);
}

#[test]
fn a_flat_carbon_price_moves_every_bar_down_by_the_price() {
    // §1.11 #3, #4: exposure metric = MACC metric (S1 + market S2), flat price, discounted.
    let mut s = levered();
    let before: Vec<(LeverGroup, f64)> = cost(&s).rows.iter().map(|r| (r.group, value(r.lcoa))).collect();
    // Without a carbon price the break-even price is still defined (on the exposure metric).
    for r in cost(&s).rows {
        eq(value(r.break_even), value(r.lcoa));
        assert_eq!(r.net_of_carbon, None);
    }
    s.carbon_price_jpy_per_t = path(&[(2020, 7735.0)]);
    let a = cost(&s);
    let x = a.exposure.as_ref().unwrap();
    assert!(x.floor_inactive);
    for (g, lcoa) in before {
        let r = row(&a, g);
        assert!((value(r.net_of_carbon.unwrap()) - (lcoa - 7735.0)).abs() < 1e-6 * lcoa.abs().max(7735.0));
        // The LCOA itself is the break-even carbon price.
        eq(value(r.break_even), lcoa);
        for y in 0..a.scenario.len() {
            let w = a.wedges.values[y][g as usize];
            assert!((x.by_group[y][g as usize] + 7735.0 * w).abs() < 1e-6 * (7735.0 * w).abs().max(1.0));
        }
    }
}

/// One site with every lever group on and every price given.
fn levered() -> Scenario {
    let mut s = one_site();
    s.discount_rate_pct = 4.0;
    s.regions[0].power_price_jpy_per_mwh = path(&[(2020, 20_000.0), (2024, 24_000.0)]);
    s.regions[0].co2_free_premium_jpy_per_mwh = path(&[(2020, 1000.0)]);
    s.fuels[0].price_jpy_per_gj = path(&[(2020, 600.0)]);
    s.fuels[1].price_jpy_per_gj = path(&[(2020, 1500.0)]);
    let site = &mut s.sites[0];
    site.process_t_co2 = 100.0;
    site.co2_free_share = path(&[(2020, 0.0), (2024, 0.5)]);
    site.efficiency_electricity_pct = path(&[(2021, 1.0)]);
    site.efficiency_capex_jpy_per_mwh_yr = Some(15_026.0);
    site.process_change_share = path(&[(2020, 0.0), (2023, 0.5)]);
    site.process_change_capex_jpy = Some(2e6);
    site.process_change_opex_jpy_per_yr = path(&[(2020, 1e5)]);
    site.fuel_switches.push(
        ron::from_str(r#"(from: "coal", to: "gas", share: [(2020, 0.0), (2024, 0.8)], ratio: 1.0, capex_jpy: Some(5e5))"#)
            .unwrap(),
    );
    s.ppas.push(ppa(300.0, 12_000.0));
    s.ppas[0].capex_jpy_per_mw = Some(0.0);
    s
}

#[test]
fn the_cost_does_not_depend_on_emission_factors_and_scales_with_every_price() {
    let s = levered();
    let a = cost(&s);
    // §1.11 #6: scaling the grid and fuel factors leaves C unchanged.
    let mut t = s.clone();
    t.regions[0].ef_kg_per_kwh = path(&[(2020, 0.3)]);
    t.fuels[0].ef_t_per_gj = 0.07;
    let b = cost(&t);
    for (x, y) in a.scenario.iter().zip(&b.scenario) {
        eq(y.total(), x.total());
    }
    // §1.11 #5: every price, premium, capex and opex × k → costs and LCOAs × k.
    let k = 3.0;
    let mut t = s.clone();
    let scale = |p: &mut Path| p.0.iter_mut().for_each(|kf| kf.1 *= k);
    scale(&mut t.regions[0].power_price_jpy_per_mwh);
    scale(&mut t.regions[0].co2_free_premium_jpy_per_mwh);
    scale(&mut t.fuels[0].price_jpy_per_gj);
    scale(&mut t.fuels[1].price_jpy_per_gj);
    scale(&mut t.sites[0].process_change_opex_jpy_per_yr);
    scale(&mut t.ppas[0].price_jpy_per_mwh);
    t.sites[0].efficiency_capex_jpy_per_mwh_yr = t.sites[0].efficiency_capex_jpy_per_mwh_yr.map(|v| v * k);
    t.sites[0].process_change_capex_jpy = t.sites[0].process_change_capex_jpy.map(|v| v * k);
    t.sites[0].fuel_switches[0].capex_jpy = t.sites[0].fuel_switches[0].capex_jpy.map(|v| v * k);
    let b = cost(&t);
    eq(b.npv_plan_jpy, k * a.npv_plan_jpy);
    for (r, q) in a.rows.iter().zip(&b.rows) {
        eq(q.npv_jpy, k * r.npv_jpy);
        eq(value(q.lcoa), k * value(r.lcoa));
    }
}

#[test]
fn group_and_site_shares_sum_to_the_plan_cost() {
    let s = levered();
    let a = cost(&s);
    for y in 0..a.scenario.len() {
        let sum: f64 = a.by_group[y].iter().map(|c| c.total()).sum();
        assert!((sum - a.plan(y)).abs() <= 1e-9 * a.plan(y).abs().max(1.0));
    }
    for r in &a.rows {
        let sites: f64 = a
            .site_bars
            .iter()
            .filter(|b| b.group == r.group)
            .map(|b| b.npv_jpy)
            .sum();
        assert!(
            (sites - r.npv_jpy).abs() <= 1e-6 * r.npv_jpy.abs().max(1.0),
            "{:?}",
            r.group
        );
    }
    assert_eq!(COMPONENTS.len(), 8);
}

#[test]
fn the_window_starts_after_the_latest_actual_and_costs_before_it_are_not_counted() {
    let mut s = levered();
    s.cost.from_year = Some(2022);
    let a = cost(&s);
    assert_eq!(a.from_year, 2022);
    let d = |t: usize| a.discount[t];
    eq(d(a.index(2021).unwrap()), 0.0);
    eq(d(a.index(2022).unwrap()), 1.0);
    eq(d(a.index(2024).unwrap()), 1.04f64.powi(-2));
    let npv: f64 = (2022..=2024)
        .map(|y| 1.04f64.powi(-(y - 2022)) * a.plan(a.index(y).unwrap()))
        .sum();
    eq(a.npv_plan_jpy, npv);
}

// ---------------------------------------------------------------- invariants (§1.11) as properties

prop_compose! {
    fn priced()(
        c in 0.0..=1.0f64, eff in 0.0..5.0f64, sw in 0.0..=1.0f64, pi in 0.0..=1.0f64,
        mw in 0.0..2.0f64, credits in 0.0..200.0f64,
        power in 0.0..40_000.0f64, premium in 0.0..3000.0f64, coal in 0.0..2000.0f64, gas in 0.0..3000.0f64,
        capex in 0.0..1e7f64, rate in -5.0..15.0f64, carbon in 0.0..20_000.0f64,
    ) -> Scenario {
        let mut s = one_site();
        s.discount_rate_pct = rate;
        s.regions[0].power_price_jpy_per_mwh = path(&[(2020, power)]);
        s.regions[0].co2_free_premium_jpy_per_mwh = path(&[(2020, premium)]);
        s.fuels[0].price_jpy_per_gj = path(&[(2020, coal)]);
        s.fuels[1].price_jpy_per_gj = path(&[(2020, gas)]);
        s.carbon_price_jpy_per_t = path(&[(2020, carbon)]);
        s.credits.price_jpy_per_t = path(&[(2020, 2000.0)]);
        s.credits.t_co2_per_yr = path(&[(2020, 0.0), (2023, credits)]);
        let site = &mut s.sites[0];
        site.process_t_co2 = 80.0;
        site.co2_free_share = path(&[(2020, 0.0), (2024, c)]);
        site.efficiency_electricity_pct = path(&[(2021, eff)]);
        site.efficiency_capex_jpy_per_mwh_yr = Some(capex / 1000.0);
        site.process_change_share = path(&[(2020, 0.0), (2022, pi)]);
        site.process_change_capex_jpy = Some(capex);
        site.fuel_switches.push(coal_to_gas(sw, capex));
        s.ppas.push(ppa(1000.0, 9000.0));
        s.ppas[0].capacity_mw = path(&[(2020, 0.0), (2022, mw)]);
        s
    }
}

fn coal_to_gas(share: f64, capex: f64) -> decarb::model::FuelSwitch {
    let mut r: decarb::model::FuelSwitch =
        ron::from_str(r#"(from: "coal", to: "gas", share: [(2020, 0.0)], ratio: 1.0)"#).unwrap();
    r.share = path(&[(2020, 0.0), (2023, share)]);
    r.capex_jpy = Some(capex);
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn all_bau_costs_nothing_and_shares_sum_to_the_plan(s in priced()) {
        let a = cost(&s);
        for y in 0..a.scenario.len() {
            let sum: f64 = a.by_group[y].iter().map(|c| c.total()).sum();
            prop_assert!((sum - a.plan(y)).abs() <= 1e-9 * a.plan(y).abs().max(1.0));
            let x = a.exposure.as_ref().unwrap();
            let xs: f64 = x.by_group[y].iter().sum();
            let dx = x.plan_jpy[y] - x.bau_jpy[y];
            prop_assert!((xs - dx).abs() <= 1e-9 * dx.abs().max(1.0));
        }
        // The same file with every lever at its BAU value.
        let mut b = s.clone();
        let site = &mut b.sites[0];
        site.co2_free_share = Path::default();
        site.efficiency_electricity_pct = Path::default();
        site.process_change_share = Path::default();
        site.fuel_switches[0].share = Path::default();
        b.ppas[0].capacity_mw = path(&[(2020, 0.0)]);
        b.credits.t_co2_per_yr = Path::default();
        let a = cost(&b);
        for y in 0..a.scenario.len() {
            prop_assert_eq!(a.plan(y), 0.0);
            let x = a.exposure.as_ref().unwrap();
            prop_assert_eq!(x.plan_jpy[y] - x.bau_jpy[y], 0.0);
        }
    }

    #[test]
    fn exposure_shares_are_the_price_times_the_exposure_wedges(s in priced()) {
        // §1.11 #3 with the exposure metric = the MACC metric (S1 + market S2, no credits).
        let a = cost(&s);
        let x = a.exposure.as_ref().unwrap();
        prop_assume!(x.floor_inactive);
        for y in 0..a.scenario.len() {
            for g in LeverGroup::ALL {
                let expected = -x.price[y] * x.wedges.values[y][g as usize];
                prop_assert!((x.by_group[y][g as usize] - expected).abs() <= 1e-9 * expected.abs().max(1.0));
            }
        }
    }

    #[test]
    fn a_dearer_premium_never_makes_co2_free_power_cheaper(s in priced(), extra in 0.0..5000.0f64) {
        // §1.11 #8 (shares at or above their base values).
        let a = cost(&s);
        let mut t = s.clone();
        t.regions[0].co2_free_premium_jpy_per_mwh.0[0].1 += extra;
        let b = cost(&t);
        for y in 0..a.scenario.len() {
            let g = LeverGroup::Co2Free as usize;
            prop_assert!(b.by_group[y][g].total() >= a.by_group[y][g].total() - 1e-6);
        }
        // A dearer grid never raises the NPV of efficiency or of a physical PPA.
        let mut t = s.clone();
        t.regions[0].power_price_jpy_per_mwh.0[0].1 += extra;
        let b = cost(&t);
        for g in [LeverGroup::Efficiency, LeverGroup::Ppa] {
            if let (Some(r), Some(q)) = (a.rows.iter().find(|r| r.group == g), b.rows.iter().find(|r| r.group == g)) {
                prop_assert!(q.npv_jpy <= r.npv_jpy + 1e-6 * r.npv_jpy.abs().max(1.0));
            }
        }
    }
}

// ---------------------------------------------------------------- seed figures (§1.12, §9.28–9.29)

/// One site whose only lever is a discrete measure with `capex` that cuts `t_per_yr` of
/// Scope 1 from FY2021 (coal at 0.09 t/GJ), with the window starting in 2021.
fn measure_case(capex: f64, t_per_yr: f64) -> CostAnalysis {
    let mut s = one_site();
    s.sites[0].fuels[0].gj = Some(t_per_yr / 0.09 * 10.0);
    s.sites[0].measures.push(
        ron::from_str(&format!(
            r#"(name: "m", year: 2021, fuel_saving: Some(Percent(10.0)), capex_jpy: Some({capex:?}))"#
        ))
        .unwrap(),
    );
    s.cost.from_year = Some(2021);
    s.cost.macc_year = Some(2021);
    cost(&s)
}

#[test]
fn capex_intensity_reproduces_the_association_and_nlm_figures_from_their_inputs() {
    // 001:L1107-1109: FY2023 measures 1,706百万円 for 47.8 kt/yr → 35,690 円 per t/yr;
    // FY2024+ plan 1,227 / 33.6 → 36,518. 004:L375, L377-380: ¥1.8億 for ▲3万t → 6,000;
    // ¥2.5億 for ▲2万t → 12,500.
    for (capex, t, expected) in [
        (1706e6, 47_800.0, 35_690.0),
        (1227e6, 33_600.0, 36_518.0),
        (1.8e8, 30_000.0, 6_000.0),
        (2.5e8, 20_000.0, 12_500.0),
    ] {
        let a = measure_case(capex, t);
        let r = row(&a, LeverGroup::Efficiency);
        let ci = value(r.capex_intensity);
        assert!((ci - expected).abs() < 1.0, "{capex}: {ci} vs {expected}");
    }
    // BAT: ▲53万t at 35,690 円 per t/yr → 18.9 bn JPY of capex (§9.29).
    let a = measure_case(530_000.0 * 35_690.0, 530_000.0);
    let r = row(&a, LeverGroup::Efficiency);
    assert!((r.capex_cash_jpy / 1e9 - 18.9).abs() < 0.05);
    // Annualised at 4 % over 15 years: 3,210 JPY per t (001 §8b, derived).
    assert!((35_690.0 * crf(0.04, 15) - 3_210.0).abs() < 1.0);
    assert!((6_000.0 * crf(0.04, 15) - 540.0).abs() < 1.0);
    assert!((12_500.0 * crf(0.04, 15) - 1_124.0).abs() < 1.0);
}

#[test]
fn a_premium_costs_more_per_tonne_as_the_grid_decarbonises() {
    // §1.12: 1,000 JPY/MWh → 2,160 JPY/t at 0.463, 2,375 at 0.421, 4,000 at 0.25.
    for (ef, expected) in [(0.463, 2160.0), (0.421, 2375.0), (0.25, 4000.0)] {
        let mut s = one_site();
        s.regions[0].ef_kg_per_kwh = path(&[(2020, ef)]);
        s.sites[0].co2_free_share = path(&[(2020, 0.0), (2021, 1.0)]);
        s.sites[0].co2_free_premium_jpy_per_mwh = path(&[(2020, 1000.0)]);
        let v = value(row(&cost(&s), LeverGroup::Co2Free).lcoa);
        assert!((v - expected).abs() < 1.0, "{ef}: {v}");
    }
}

#[test]
fn metric_choice_changes_the_abatement_not_the_cost() {
    let s = levered();
    let engine = Engine::new(&s);
    let runs = engine.lever_runs();
    let p = engine.project(&s);
    let t = targets::evaluate(&s, &p);
    let m1 = Metric::default_for(&s);
    let m2 = Metric {
        scopes: vec![Scope::Scope1],
        method: Scope2Method::Market,
        credits: false,
    };
    let a = runs.cost(&s, &engine, &m1, &t).unwrap();
    let b = runs.cost(&s, &engine, &m2, &t).unwrap();
    for (r, q) in a.rows.iter().zip(&b.rows) {
        eq(q.npv_jpy, r.npv_jpy);
    }
    // CO2-free power cuts no Scope 1: no cost per tonne on that metric.
    assert_eq!(row(&b, LeverGroup::Co2Free).lcoa, PerTonne::NoAbatement);
}

fn shipped(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name);
    decarb::file::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn jx_carbon_tax_exposure_at_the_target_level_is_about_7_bn_yen_a_year() {
    // §9.28: 905 kt (FY2018 1,810 kt × 50 %) × USD 50 × 154.7 = 7,735 JPY/t → ≈ 70億円/yr
    // (003:L3172-3181), a KPI (±1億円); the plan's own exposure is the engine's Scope 1+2 ×
    // the price, computed here.
    let s = shipped("jx-metals-2018.ron");
    let a = analyse(&s).expect("the JX file has prices");
    let t = a
        .at_targets
        .iter()
        .find(|t| t.year == 2030)
        .expect("the FY2030 target");
    assert!((t.level_t - 905_000.0).abs() < 1.0, "{}", t.level_t);
    assert!((t.exposure_jpy - 7.0e9).abs() < 1e8, "{}", t.exposure_jpy);
    let p = decarb::engine::project(&s);
    let x = a.exposure.as_ref().unwrap();
    for year in [2024, 2030, 2050] {
        let i = p.index(year).unwrap();
        let s12 = p.scenario.totals[i].scope1 + p.scenario.totals[i].scope2_market;
        eq(x.plan_jpy[i], 7735.0 * s12);
        eq(t.price_jpy_per_t, 7735.0);
    }
}

#[test]
fn nlm_scope_1_2_exposure_at_europes_price_is_about_4_bn_yen_in_2030() {
    // §9.29: "Europe ~10,000円/t" (004:L33) on the FY2030 plan's Scope 1+2 of 40万t → 40億円/yr
    // (±0.5万t of the plan's rounding → ±0.05 bn).
    let s = shipped("nlm-2013.ron");
    let a = analyse(&s).expect("the NLM file has prices");
    let x = a.exposure.as_ref().unwrap();
    let i = a.index(2030).unwrap();
    assert!((x.plan_jpy[i] - 4.0e9).abs() <= 0.05e9, "{}", x.plan_jpy[i]);
    let p = decarb::engine::project(&s);
    eq(x.plan_jpy[i], 10_000.0 * p.scenario.totals[i].scope12());
    // Regenerative burners at the derived 6,000 JPY per t/yr: the efficiency group's capex
    // intensity over FY2024–2030 is of that order (its rate also saves FY2014–2023 fuel).
    let r = row(&a, LeverGroup::Efficiency);
    assert!(r.capex_cash_jpy > 0.0);
}

#[test]
fn every_shipped_scenario_has_a_cost_analysis_whose_shares_add_up() {
    for name in ["jx-metals-2018.ron", "jmia-nonferrous-2013.ron", "nlm-2013.ron"] {
        let s = shipped(name);
        let a = analyse(&s).unwrap_or_else(|| panic!("{name} has prices"));
        assert_eq!(
            a.from_year, 2024,
            "{name}: the window starts after the FY2023 actual"
        );
        for y in a.window() {
            let sum: f64 = a.by_group[y].iter().map(|c| c.total()).sum();
            assert!(
                (sum - a.plan(y)).abs() <= 1e-9 * a.plan(y).abs().max(1.0),
                "{name}"
            );
        }
        // Missing prices are listed, never silently 0.
        for u in a.missing() {
            assert!(!u.item.field.is_empty() && !u.item.what.is_empty());
        }
    }
}

/// Two sites sharing a PPA, one of them half owned, and an organisation material: every figure
/// below is worked out by hand from §1.4 (no discounting, window FY2020–FY2024).
const TWO_SITES: &str = r#"(
  schema_version: 2,
  meta: (name: "Two sites"),
  base_year: 2020,
  last_year: 2024,
  discount_rate_pct: 0.0,
  regions: [(id: "grid", name: "Grid", ef_kg_per_kwh: [(2020, 0.5)], power_price_jpy_per_mwh: [(2020, 10000.0)])],
  fuels: [],
  sites: [
    (id: "a", name: "A", region: "grid", electricity_mwh: 1000.0, ownership: [(2020, 0.5)]),
    (id: "b", name: "B", region: "grid", electricity_mwh: 2000.0),
  ],
  materials: [(id: "m", name: "Metal", quantity_t: 100.0, ef_primary_t_per_t: 2.0, ef_recycled_t_per_t: 0.5,
    ef_low_carbon_t_per_t: 1.0, recycled_share: [(2020, 0.0), (2021, 0.5)],
    recycled_price_diff_jpy_per_t: [(2020, 1000.0)], low_carbon_price_diff_jpy_per_t: [(2020, 0.0)])],
  ppas: [(id: "pv", name: "PV", kind: OffSite, capacity_mw: [(2020, 0.0), (2021, 1.0)], yield_mwh_per_mw: 200.0,
    allocation: [("a", 0.25), ("b", 0.75)], price_jpy_per_mwh: [(2020, 8000.0)], capex_jpy_per_mw: 1000000.0,
    lifetime_years: 10)],
  targets: [(label: "S1+2+3", year: 2024, scopes: [Scope1, Scope2, Scope3], kind: Level(t_co2: 0.0))],
)"#;

#[test]
fn a_shared_ppa_half_owned_site_and_organisation_material_split_by_site_as_worked_out_by_hand() {
    let s = model::from_str(TWO_SITES).expect("valid");
    let a = cost(&s);
    assert_eq!(a.from_year, 2020, "no actual: the window starts in the base year");
    let i = a.index(2022).unwrap();
    let ppa = a.by_group[i][LeverGroup::Ppa as usize];
    // Deliveries A 0.25 × 200 = 50 MWh (owned 0.5), B 150 MWh, at 8,000: 0.5·400,000 + 1,200,000.
    eq(ppa.ppa, 1_400_000.0);
    // Grid purchases saved at 10,000: −(0.5·50 + 150) × 10,000.
    eq(ppa.electricity, -1_750_000.0);
    // Rent on 1 MW at 1,000,000 × CRF(0, 10) = 100,000 a year, split 0.25 (× 0.5) / 0.75.
    eq(ppa.capex, 12_500.0 + 75_000.0);
    // Recycling: 100 t × 0.5 × 1,000 JPY/t, organisation material (no ownership).
    eq(a.by_group[i][LeverGroup::Recycling as usize].materials, 50_000.0);
    // Per site: −1,500 JPY per MWh the PPA delivers (8,000 − 10,000 + 500 of rent) → −3,000
    // JPY per t at 0.5 t/MWh at both sites; 4 years of deliveries in the window.
    let bar = |g: LeverGroup, site: Option<usize>| {
        a.site_bars
            .iter()
            .find(|b| b.group == g && b.site == site)
            .unwrap_or_else(|| panic!("{g:?} at {site:?}"))
    };
    eq(bar(LeverGroup::Ppa, Some(0)).npv_jpy, -37_500.0 * 4.0);
    eq(bar(LeverGroup::Ppa, Some(1)).npv_jpy, -225_000.0 * 4.0);
    eq(value(bar(LeverGroup::Ppa, Some(0)).height), -3_000.0);
    eq(value(bar(LeverGroup::Ppa, Some(1)).height), -3_000.0);
    eq(bar(LeverGroup::Ppa, Some(0)).abatement_macc_year_t, 12.5);
    eq(bar(LeverGroup::Ppa, Some(1)).abatement_macc_year_t, 75.0);
    eq(bar(LeverGroup::Recycling, None).npv_jpy, 200_000.0);
    eq(bar(LeverGroup::Recycling, None).abatement_macc_year_t, 75.0);
    let r = row(&a, LeverGroup::Ppa);
    eq(value(r.lcoa), -3_000.0);
    // Cash: 1,000,000 paid in FY2020 (τ − 1), × 0.25 × 0.5 at A and × 0.75 at B; intensity
    // = cash / abatement gained by FY2024 (87.5 t/yr).
    eq(r.capex_cash_jpy, 875_000.0);
    eq(value(r.capex_intensity), 10_000.0);
    // Recycling on Scope 1+2+3: 100 × 0.5 × (2 − 0.5) = 75 t a year → 200,000 / 300 t.
    eq(value(row(&a, LeverGroup::Recycling).lcoa), 200_000.0 / 300.0);
    // No carbon price: the break-even price is still defined, on Scope 1 + market Scope 2,
    // where recycling cuts nothing.
    assert_eq!(row(&a, LeverGroup::Recycling).break_even, PerTonne::NoAbatement);
    eq(value(r.break_even), -3_000.0);

    // An actual for FY2021 moves the window to FY2022; the undiscounted ratio is beside it.
    let mut t = s.clone();
    t.history
        .push(ron::from_str("(year: 2021, scope1_t: Some(0.0), scope2_t: Some(1000.0))").unwrap());
    t.discount_rate_pct = 10.0;
    let b = cost(&t);
    assert_eq!(b.from_year, 2022);
    let r = row(&b, LeverGroup::Ppa);
    // Flat per tonne: the same −3,000 with discounted or undiscounted tonnes.
    eq(value(r.per_cumulative_t), r.npv_jpy / (87.5 * 3.0));
    // Rent at 10 % over 10 years changes the cost per MWh: 8,000 − 10,000 + 1e6·CRF/200.
    let per_mwh = 8000.0 - 10_000.0 + 1e6 * crf(0.10, 10) / 200.0;
    eq(value(r.lcoa), per_mwh / 0.5);
}

#[test]
fn organisation_scope_3_is_what_the_sites_materials_leave_of_the_total() {
    // TWO_SITES plus a material linked to site B: 10 t, 3 → 1 t-CO2/t, ρ 0 → 0.2 from FY2021:
    // B's recycling bar cuts 10 × 0.2 × 2 = 4 t a year; the organisation's stays 75.
    let mut s = model::from_str(TWO_SITES).expect("valid");
    s.materials.push(
        ron::from_str(
            r#"(id: "n", name: "Linked", site: Some("b"), quantity_t: 10.0, ef_primary_t_per_t: 3.0,
            ef_recycled_t_per_t: 1.0, ef_low_carbon_t_per_t: 1.0, recycled_share: [(2020, 0.0), (2021, 0.2)],
            recycled_price_diff_jpy_per_t: [(2020, 500.0)], low_carbon_price_diff_jpy_per_t: [(2020, 0.0)])"#,
        )
        .unwrap(),
    );
    let a = cost(&s);
    let bar = |site: Option<usize>| {
        a.site_bars
            .iter()
            .find(|b| b.group == LeverGroup::Recycling && b.site == site)
            .unwrap()
    };
    eq(bar(None).abatement_macc_year_t, 75.0);
    eq(bar(Some(1)).abatement_macc_year_t, 4.0);
    // 10 t × 0.2 × 500 JPY/t a year, FY2021–FY2024.
    eq(bar(Some(1)).npv_jpy, 4.0 * 1000.0);
    eq(bar(None).npv_jpy, 200_000.0);
}

// ------------------------------------------------ the per-site runs against whole runs (brute force)

/// JX with a price for every item the file leaves out, so that every group has a cost.
fn jx_fully_priced() -> Scenario {
    let mut s = shipped("jx-metals-2018.ron");
    let base = s.base_year;
    let flat = |v: f64| path(&[(base, v)]);
    for r in &mut s.regions {
        if r.power_price_jpy_per_mwh.is_empty() {
            r.power_price_jpy_per_mwh = flat(15_000.0);
        }
        if r.co2_free_premium_jpy_per_mwh.is_empty() {
            r.co2_free_premium_jpy_per_mwh = flat(800.0);
        }
    }
    for (i, f) in s.fuels.iter_mut().enumerate() {
        if f.price_jpy_per_gj.is_empty() {
            f.price_jpy_per_gj = flat(1_500.0 + 100.0 * i as f64);
        }
    }
    for p in &mut s.ppas {
        if p.price_jpy_per_mwh.is_empty() {
            p.price_jpy_per_mwh = flat(12_000.0);
        }
        p.capex_jpy_per_mw.get_or_insert(1.5e8);
    }
    // the linked copper feed: recycled dearer, low-carbon primary cheaper than primary
    for m in &mut s.materials {
        m.recycled_price_diff_jpy_per_t = flat(20_000.0);
        m.low_carbon_price_diff_jpy_per_t = flat(-5_000.0);
    }
    for site in &mut s.sites {
        site.efficiency_capex_jpy_per_gj_yr.get_or_insert(2_500.0);
        site.process_change_capex_jpy.get_or_insert(3e9);
        for r in &mut site.fuel_switches {
            r.capex_jpy.get_or_insert(5e8);
        }
    }
    s
}

/// Shapley share of group `gi` among `n` in a quantity known for every subset.
fn shapley(gi: usize, n: usize, v: impl Fn(usize) -> f64) -> f64 {
    let fact = |x: usize| (1..=x).map(|k| k as f64).product::<f64>();
    let bit = 1usize << gi;
    (0..1usize << n)
        .filter(|m| m & bit == 0)
        .map(|m| {
            let k = m.count_ones() as usize;
            fact(k) * fact(n - k - 1) / fact(n) * (v(m | bit) - v(m))
        })
        .sum()
}

/// The analysis runs each site once per subset of the groups acting there; here every subset
/// of all active groups is run whole and the shares are taken over all of them: the totals of
/// every run are equal bit for bit, the cost by group and component, the (group, site) bars
/// and the items' shares equal within rounding.
fn per_site_runs_match_whole_runs(s: &Scenario) {
    let e = Engine::new(s);
    let a = analyse(s).expect("priced");
    let metric = Metric::default_for(s);
    assert_eq!(a.metric, metric);
    let groups = &a.groups;
    let n = groups.len();
    let runs: Vec<Run> = (0..1usize << n)
        .map(|mask| {
            let set = (0..n)
                .filter(|gi| mask & (1 << gi) != 0)
                .fold(LeverSet::BAU, |acc, gi| acc.with(groups[gi]));
            let mut r = Run::new(&e);
            e.run_with_items(set, &mut r);
            r
        })
        .collect();
    let lr = e.lever_runs();
    assert_eq!(&lr.groups, groups);
    for (mask, r) in runs.iter().enumerate() {
        assert_eq!(lr.totals[mask], r.totals, "run {mask}");
    }
    let close = |got: f64, want: f64, what: &str| {
        assert!(
            (got - want).abs() <= 1e-9 * want.abs().max(1.0),
            "{}: {what}: {got} against {want}",
            s.meta.name
        )
    };
    let years = a.scenario.len();
    for y in 0..years {
        for c in 0..8 {
            close(
                a.scenario[y].as_array()[c],
                runs[(1 << n) - 1].cost[y].as_array()[c],
                "scenario cost",
            );
            close(a.bau[y].as_array()[c], runs[0].cost[y].as_array()[c], "BAU cost");
        }
        for (gi, g) in groups.iter().enumerate() {
            for (c, name) in COMPONENTS.iter().enumerate() {
                let want = shapley(gi, n, |m| runs[m].cost[y].as_array()[c]);
                close(a.by_group[y][*g as usize].as_array()[c], want, name);
            }
        }
    }
    let t0 = (a.from_year - a.base_year) as usize;
    let im = (a.macc_year - a.base_year) as usize;
    let n_sites = s.sites.len();
    for (gi, g) in groups.iter().enumerate() {
        for si in 0..n_sites {
            let npv: f64 = (t0..years)
                .map(|t| a.discount[t] * shapley(gi, n, |m| runs[m].site_cost(t, si)))
                .sum();
            let abated = -shapley(gi, n, |m| metric.of_site(runs[m].site(im, si)));
            match a.site_bars.iter().find(|b| b.group == *g && b.site == Some(si)) {
                Some(b) => {
                    close(b.npv_jpy, npv, "site bar NPV");
                    close(b.abatement_macc_year_t, abated, "site bar abatement");
                }
                None => {
                    close(npv, 0.0, "a site without a bar costs nothing");
                    close(abated, 0.0, "a site without a bar abates nothing");
                }
            }
        }
    }
    // The organisation's bar: its cost, and the metric of its materials and credits (the
    // totals less the sites').
    let org_metric = |r: &Run, y: usize| {
        let t = &r.totals[y];
        let sites: Vec<f64> = (0..n_sites).map(|si| r.site(y, si).scope3).collect();
        let org = decarb::engine::Totals {
            scope3: t.scope3 - sites.iter().sum::<f64>(),
            credits: t.credits,
            ..Default::default()
        };
        metric.of(&org)
    };
    for (gi, g) in groups.iter().enumerate() {
        let npv: f64 = (t0..years)
            .map(|t| a.discount[t] * shapley(gi, n, |m| runs[m].site_cost(t, n_sites)))
            .sum();
        let abated = -shapley(gi, n, |m| org_metric(&runs[m], im));
        match a.site_bars.iter().find(|b| b.group == *g && b.site.is_none()) {
            Some(b) => {
                close(b.npv_jpy, npv, "organisation bar NPV");
                close(b.abatement_macc_year_t, abated, "organisation bar abatement");
            }
            None => {
                close(npv, 0.0, "no organisation bar, no cost");
                close(abated, 0.0, "no organisation bar, no abatement");
            }
        }
    }
    let n_items = runs[0].item_qty.len() / years;
    assert_eq!(a.items.len(), n_items);
    // (the analysis lists the items in the engine's order)
    for (item, u) in a.items.iter().enumerate() {
        for (gi, g) in groups.iter().enumerate() {
            let largest = (t0..years)
                .map(|y| shapley(gi, n, |m| runs[m].item_qty[y * n_items + item]))
                .fold(0.0f64, |acc, v| if v.abs() > acc.abs() { v } else { acc });
            close(u.largest_share[*g as usize], largest, "item share");
        }
        let used = (t0..years).any(|y| runs.iter().any(|r| r.item_qty[y * n_items + item] != 0.0));
        assert_eq!(u.used, used, "{}", u.item.field);
    }
}

#[test]
fn per_site_runs_give_the_totals_and_shares_of_whole_runs() {
    per_site_runs_match_whole_runs(&jx_fully_priced());
    per_site_runs_match_whole_runs(&shipped("jx-metals-2018.ron"));
    per_site_runs_match_whole_runs(&shipped("nlm-2013.ron"));
    per_site_runs_match_whole_runs(&shipped("jmia-nonferrous-2013.ron"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn per_site_runs_match_whole_runs_on_any_priced_site(s in priced()) {
        per_site_runs_match_whole_runs(&s);
    }
}

#[test]
fn a_ppa_without_output_still_costs_at_the_site_it_serves() {
    // Yield 0 (a project not yet producing): the site's emissions never move with the PPA
    // group, but its opex, its capex and (with its capex not given) its capex item do.
    let two_groups = |opex: f64, capex: Option<f64>, priced: bool| {
        let mut s = one_site();
        s.regions[0].power_price_jpy_per_mwh = path(&[(2020, 20_000.0)]);
        s.regions[0].co2_free_premium_jpy_per_mwh = path(&[(2020, 1_000.0)]);
        s.sites[0].co2_free_share = path(&[(2020, 0.0), (2022, 0.5)]);
        let mut p = ppa(0.0, 9_000.0);
        p.opex_jpy_per_mw_yr = path(&[(2020, opex)]);
        p.capex_jpy_per_mw = capex;
        p.capacity_mw = path(&[(2020, 0.0), (2023, 2.0)]);
        if !priced {
            p.price_jpy_per_mwh = Path::default();
        }
        s.ppas.push(p);
        s
    };
    // (with neither price nor capex, only the capacity item's quantity moves)
    for (opex, capex, priced) in [
        (5e6, Some(0.0), true),
        (0.0, Some(2e8), true),
        (0.0, None, true),
        (0.0, None, false),
    ] {
        let s = two_groups(opex, capex, priced);
        per_site_runs_match_whole_runs(&s);
        let a = cost(&s);
        assert!(a.groups.contains(&LeverGroup::Ppa), "{opex} {capex:?}");
        let ppa_cost: f64 = (0..a.scenario.len())
            .map(|y| a.by_group[y][LeverGroup::Ppa as usize].total())
            .sum();
        let item_share = a
            .items
            .iter()
            .map(|u| u.largest_share[LeverGroup::Ppa as usize].abs())
            .fold(0.0, f64::max);
        if capex.is_some() || !priced {
            assert!(ppa_cost != 0.0 || item_share != 0.0, "{opex} {capex:?}");
        }
    }
}

#[test]
fn two_ppas_that_swap_their_output_move_the_quantities_of_their_missing_prices() {
    // PV 0 → 1 MW (a real price of 0) while wind 1 → 0 MW (no price) at the same site and
    // yield: its emissions and its cost never move, but the MWh behind the missing price do,
    // and their share is the PPA group's.
    let mut s = one_site();
    s.regions[0].power_price_jpy_per_mwh = path(&[(2020, 20_000.0)]);
    s.regions[0].co2_free_premium_jpy_per_mwh = path(&[(2020, 1_000.0)]);
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2022, 0.5)]);
    for (id, from, to) in [("pv", 0.0, 1.0), ("wind", 1.0, 0.0)] {
        let mut p = ppa(400.0, 0.0);
        p.id = id.into();
        if id == "wind" {
            p.price_jpy_per_mwh = Path::default();
        }
        p.capacity_mw = path(&[(2020, from), (2022, from), (2023, to)]);
        s.ppas.push(p);
    }
    per_site_runs_match_whole_runs(&s);
    let a = cost(&s);
    let wind = a
        .items
        .iter()
        .find(|u| u.item.field == "ppas[1].price_jpy_per_mwh")
        .expect("the wind PPA's price is missing");
    assert_eq!(wind.largest_share[LeverGroup::Ppa as usize], -400.0);
    assert_eq!(wind.groups, vec![LeverGroup::Ppa]);
}

#[test]
fn recompiling_the_prices_gives_the_cost_of_a_fresh_engine() {
    // An engine compiled before a price edit, then only its prices recompiled, runs like an
    // engine compiled after it (the window recompiles prices alone on a price edit).
    let s = shipped("nlm-2013.ron");
    let mut t = s.clone();
    t.regions[0].power_price_jpy_per_mwh = path(&[(t.base_year, 31_000.0)]);
    t.fuels[0].price_jpy_per_gj = path(&[(t.base_year, 2_200.0)]);
    let mut e = Engine::new(&s);
    e.recompile_cost(&t);
    let fresh = Engine::new(&t);
    for set in [LeverSet::BAU, LeverSet::ALL] {
        let (mut a, mut b) = (Run::new(&e), Run::new(&fresh));
        e.run_with_items(set, &mut a);
        fresh.run_with_items(set, &mut b);
        assert_eq!(a.cost, b.cost);
        assert_eq!(a.item_qty, b.item_qty);
        assert_eq!(a.totals, b.totals);
    }
    let mut stale = Run::new(&Engine::new(&s));
    Engine::new(&s).run_into(LeverSet::ALL, &mut stale);
    let mut now = Run::new(&fresh);
    fresh.run_into(LeverSet::ALL, &mut now);
    assert_ne!(stale.cost, now.cost, "the edit moves the cost");
}

#[test]
fn the_macc_gap_is_the_cut_from_bau_to_the_first_target_in_the_macc_year() {
    // JX: −50 % of FY2018's 1,810 kt in FY2030, an absolute target on the MACC's metric.
    let s = shipped("jx-metals-2018.ron");
    let a = analyse(&s).unwrap();
    let p = decarb::engine::project(&s);
    let bau = Metric::default_for(&s).of(&p.bau.totals[p.index(2030).unwrap()]);
    let (label, gap) = a.target_gap_t.clone().expect("a gap line");
    assert!(!label.is_empty());
    assert!(
        (gap - (bau - 905_000.0)).abs() < 1.0,
        "{gap} against {}",
        bau - 905_000.0
    );
    assert!(!a.target_gap_equivalent);
    // NLM: its first FY2030 target on Scope 1+2 is an intensity: the cut to its absolute
    // equivalent, and said so.
    let s = shipped("nlm-2013.ron");
    let a = analyse(&s).unwrap();
    let p = decarb::engine::project(&s);
    let results = targets::evaluate(&s, &p);
    let r = results
        .iter()
        .find(|r| r.year == 2030 && Metric::of_result(r) == a.metric)
        .unwrap();
    let level = r.absolute_equivalent.as_ref().unwrap().level_t;
    let bau = a.metric.of(&p.bau.totals[p.index(2030).unwrap()]);
    let (_, gap) = a.target_gap_t.clone().unwrap();
    assert!((gap - (bau - level)).abs() < 1.0, "{gap}");
    assert!(a.target_gap_equivalent);
}

#[test]
fn a_fuel_without_a_price_beside_a_priced_one_costs_only_the_priced_one() {
    // Coal priced, gas (the switch's target) not: the plain run counts coal, the analysis
    // lists gas as missing for fuel switching.
    let mut s = one_site();
    s.fuels[0].price_jpy_per_gj = path(&[(2020, 1_000.0)]);
    s.sites[0].fuel_switches.push(coal_to_gas(0.5, 0.0));
    let p = decarb::engine::project(&s);
    for (i, t) in p.scenario.cost.iter().enumerate() {
        // the share ramps from 0 in FY2020 to 0.5 in FY2023
        let share = 0.5 * (i.min(3) as f64) / 3.0;
        eq(t.fuels, 1_000.0 * (1.0 - share) * 1_000.0);
    }
    let a = cost(&s);
    let gas = a
        .missing()
        .find(|u| u.item.field == "fuels[1].price_jpy_per_gj")
        .expect("gas missing");
    assert_eq!(gas.groups, vec![LeverGroup::FuelSwitch]);
}

/// Two sites in two regions at different power prices: B also changes its process with a
/// yearly opex and no capex given (so its cost has no annuity).
fn two_regions() -> Scenario {
    let mut s = one_site();
    let mut r2 = s.regions[0].clone();
    r2.id = "north".into();
    r2.name = "North".into();
    r2.power_price_jpy_per_mwh = path(&[(2020, 30_000.0)]);
    r2.co2_free_premium_jpy_per_mwh = path(&[(2020, 2_000.0)]);
    s.regions.push(r2);
    s.regions[0].power_price_jpy_per_mwh = path(&[(2020, 10_000.0)]);
    s.regions[0].co2_free_premium_jpy_per_mwh = path(&[(2020, 500.0)]);
    let mut b = s.sites[0].clone();
    b.id = "b".into();
    b.name = "B".into();
    b.region = "north".into();
    b.electricity_mwh = 2_000.0;
    b.process_t_co2 = 50.0;
    b.process_change_share = path(&[(2020, 0.0), (2022, 0.4)]);
    b.process_change_opex_jpy_per_yr = path(&[(2020, 1e6)]);
    s.sites.push(b);
    s.sites[0].co2_free_share = path(&[(2020, 0.0), (2023, 1.0)]);
    s.sites[1].co2_free_share = path(&[(2020, 0.0), (2021, 0.5)]);
    // B grows to 1.2 × its base activity by FY2022, 60 % owned.
    s.sites[1].activity = path(&[(2020, 1.0), (2022, 1.2)]);
    s.sites[1].ownership = path(&[(2020, 0.6)]);
    // 100 t of copper bought for B: recycled +20,000 JPY/t, low-carbon primary −5,000 JPY/t.
    let m: decarb::model::Material = ron::from_str(
        r#"(id: "cu", name: "Copper", site: Some("b"), quantity_t: 100.0,
            ef_primary_t_per_t: 3.0, ef_recycled_t_per_t: 0.5, ef_low_carbon_t_per_t: 1.5,
            recycled_share: [(2020, 0.1), (2024, 0.5)], low_carbon_share: [(2020, 0.0), (2022, 0.2)])"#,
    )
    .unwrap();
    s.materials.push(m);
    s.materials[0].recycled_price_diff_jpy_per_t = path(&[(2020, 20_000.0)]);
    s.materials[0].low_carbon_price_diff_jpy_per_t = path(&[(2020, -5_000.0)]);
    s
}

#[test]
fn each_site_pays_its_own_regions_power_and_premium_and_its_own_opex() {
    // Written out from §1.4: G·P_r + c·G·π_r per site, opex = o·a·π·u; the sites' costs (and
    // the organisation's) add up to the year's.
    let s = two_regions();
    let p = decarb::engine::project(&s);
    let run = &p.scenario;
    for y in 0..5 {
        let (ga, gb) = (run.site(y, 0).grid_mwh, run.site(y, 1).grid_mwh);
        let ca = s.sites[0].co2_free_share.value_or(2020 + y as i32, 0.0);
        let cb = s.sites[1].co2_free_share.value_or(2020 + y as i32, 0.0);
        let fy = 2020 + y as i32;
        let pi = s.sites[1].process_change_share.value_or(fy, 0.0);
        let (rho, gamma) = (
            s.materials[0].recycled_share.value_or(fy, 0.0),
            s.materials[0].low_carbon_share.value_or(fy, 0.0),
        );
        let (a, o) = (s.sites[1].activity.value_or(fy, 1.0), 0.6);
        let opex = o * a * pi * 1e6;
        let mat = o * 100.0 * a * (rho * 20_000.0 - gamma * 5_000.0);
        let c = &run.cost[y];
        eq(c.electricity, ga * 10_000.0 + gb * 30_000.0);
        eq(c.co2_free, ca * ga * 500.0 + cb * gb * 2_000.0);
        eq(c.process_opex, opex);
        eq(c.materials, mat);
        eq(run.site_cost(y, 0), ga * 10_000.0 + ca * ga * 500.0);
        eq(
            run.site_cost(y, 1),
            gb * 30_000.0 + cb * gb * 2_000.0 + opex + mat,
        );
        let sites: f64 = (0..=s.sites.len()).map(|si| run.site_cost(y, si)).sum();
        eq(sites, c.total());
    }
    per_site_runs_match_whole_runs(&s);
}

#[test]
fn a_missing_price_counts_the_quantity_it_would_multiply() {
    // B's region gives no premium, the copper no price differences, B's PPA no price and no
    // capex: each listed item counts, per year, what its price would multiply (§1.9).
    let mut s = two_regions();
    s.regions[1].co2_free_premium_jpy_per_mwh = Path::default();
    s.materials[0].recycled_price_diff_jpy_per_t = Path::default();
    s.materials[0].low_carbon_price_diff_jpy_per_t = Path::default();
    let mut p = ppa(1_000.0, 0.0);
    p.kind = decarb::model::PpaKind::OffSite;
    p.price_jpy_per_mwh = Path::default();
    p.allocation = vec![("b".into(), 1.0)];
    p.capacity_mw = path(&[(2020, 0.0), (2022, 0.0), (2023, 0.5)]);
    s.ppas.push(p);
    let a = cost(&s);
    let e = Engine::new(&s);
    let mut run = Run::new(&e);
    e.run_with_items(LeverSet::ALL, &mut run);
    let n = a.items.len();
    let at = |field: &str| a.items.iter().position(|u| u.item.field == field).expect(field);
    let o_b = 0.6;
    for y in 0..5 {
        let fy = 2020 + y as i32;
        let a_b = s.sites[1].activity.value_or(fy, 1.0);
        let q = |field: &str| run.item_qty[y * n + at(field)];
        let grid_b = run.site(y, 1).grid_mwh;
        let cb = s.sites[1].co2_free_share.value_or(fy, 0.0);
        eq(q("regions[1].co2_free_premium_jpy_per_mwh"), cb * grid_b);
        let rho = s.materials[0].recycled_share.value_or(fy, 0.0);
        let gamma = s.materials[0].low_carbon_share.value_or(fy, 0.0);
        eq(
            q("materials[0].recycled_price_diff_jpy_per_t"),
            o_b * 100.0 * a_b * rho,
        );
        eq(
            q("materials[0].low_carbon_price_diff_jpy_per_t"),
            o_b * 100.0 * a_b * gamma,
        );
        let mw = s.ppas[0].capacity_mw.value_or(fy, 0.0);
        eq(q("ppas[0].price_jpy_per_mwh"), o_b * mw * 1_000.0);
        eq(q("ppas[0].capex_jpy_per_mw"), o_b * mw);
    }
}

#[test]
fn the_organisations_unpriced_credits_and_material_count_in_their_groups() {
    // Credits bought without a price and an organisation-level material without price
    // differences: their quantities are the Credits' and the Recycling group's.
    let mut s = two_regions();
    s.credits.t_co2_per_yr = path(&[(2020, 0.0), (2023, 40.0)]);
    let org: decarb::model::Material = ron::from_str(
        r#"(id: "al", name: "Aluminium", quantity_t: 50.0,
            ef_primary_t_per_t: 10.0, ef_recycled_t_per_t: 1.0, ef_low_carbon_t_per_t: 4.0,
            recycled_share: [(2020, 0.0), (2024, 0.6)])"#,
    )
    .unwrap();
    s.materials.push(org);
    per_site_runs_match_whole_runs(&s);
    let a = cost(&s);
    let groups = |field: &str| {
        a.missing()
            .find(|u| u.item.field == field)
            .unwrap_or_else(|| panic!("{field} missing"))
            .groups
            .clone()
    };
    assert_eq!(groups("credits.price_jpy_per_t"), vec![LeverGroup::Credits]);
    assert_eq!(
        groups("materials[1].recycled_price_diff_jpy_per_t"),
        vec![LeverGroup::Recycling]
    );
}
