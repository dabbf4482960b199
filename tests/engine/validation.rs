//! Validation at the edges (MODEL.md §7 and the file format): each rule on the value just
//! inside its bound (accepted) and just outside (refused, with the field's path).

use decarb::model::{self, Path, Saving, Scenario, Scope, TargetKind};

fn minimal() -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron");
    decarb::file::load(&path).unwrap()
}

type Change = Box<dyn Fn(&mut Scenario)>;

/// `(what is changed, the change, Some(path refused) or None when accepted)`
fn cases() -> Vec<(&'static str, Change, Option<&'static str>)> {
    let share = |v: f64| Path(vec![(2020, v)]);
    vec![
        (
            "share 0",
            Box::new(move |s| s.sites[0].co2_free_share = share(0.0)),
            None,
        ),
        (
            "share 1",
            Box::new(move |s| s.sites[0].co2_free_share = share(1.0)),
            None,
        ),
        (
            "share −0.001",
            Box::new(move |s| s.sites[0].co2_free_share = share(-0.001)),
            Some("sites[0].co2_free_share"),
        ),
        (
            "share 1.001",
            Box::new(move |s| s.sites[0].co2_free_share = share(1.001)),
            Some("sites[0].co2_free_share"),
        ),
        (
            "share NaN",
            Box::new(move |s| s.sites[0].co2_free_share = share(f64::NAN)),
            Some("sites[0].co2_free_share"),
        ),
        (
            "rate 99.9",
            Box::new(move |s| s.sites[0].efficiency_fuel_pct = share(99.9)),
            None,
        ),
        (
            "rate −99.9",
            Box::new(move |s| s.sites[0].efficiency_fuel_pct = share(-99.9)),
            None,
        ),
        (
            "rate 100",
            Box::new(move |s| s.sites[0].efficiency_fuel_pct = share(100.0)),
            Some("sites[0].efficiency_fuel_pct"),
        ),
        (
            "rate −100",
            Box::new(move |s| s.sites[0].efficiency_electricity_pct = share(-100.0)),
            Some("sites[0].efficiency_electricity_pct"),
        ),
        ("production 0", Box::new(|s| s.sites[0].production_t = 0.0), None),
        (
            "production −1",
            Box::new(|s| s.sites[0].production_t = -1.0),
            Some("sites[0].production_t"),
        ),
        (
            "price diff −5",
            Box::new(move |s| s.materials[0].recycled_price_diff_jpy_per_t = share(-5.0)),
            None,
        ),
        (
            "price diff ∞",
            Box::new(move |s| s.materials[0].recycled_price_diff_jpy_per_t = share(f64::INFINITY)),
            Some("materials[0].recycled_price_diff_jpy_per_t"),
        ),
        (
            "base year 1900, 150 years",
            Box::new(|s| s.base_year = 1900),
            None,
        ),
        (
            "base year 1899",
            Box::new(|s| s.base_year = 1899),
            Some("base_year"),
        ),
        (
            "base year 2201",
            Box::new(|s| {
                s.base_year = 2201;
                s.last_year = 2201
            }),
            Some("base_year"),
        ),
        ("150 years", Box::new(|s| s.last_year = s.base_year + 150), None),
        (
            "151 years",
            Box::new(|s| s.last_year = s.base_year + 151),
            Some("last_year"),
        ),
        (
            "last = base",
            Box::new(|s| {
                s.last_year = s.base_year;
                clip_all(s)
            }),
            None,
        ),
        (
            "last < base",
            Box::new(|s| s.last_year = s.base_year - 1),
            Some("last_year"),
        ),
        (
            "primary 0",
            Box::new(|s| s.primary_gj_per_mwh = 0.0),
            Some("primary_gj_per_mwh"),
        ),
        (
            "primary ∞",
            Box::new(|s| s.primary_gj_per_mwh = f64::INFINITY),
            Some("primary_gj_per_mwh"),
        ),
        ("discount 0", Box::new(|s| s.discount_rate_pct = 0.0), None),
        ("discount 99", Box::new(|s| s.discount_rate_pct = 99.0), None),
        (
            "discount 100",
            Box::new(|s| s.discount_rate_pct = 100.0),
            Some("discount_rate_pct"),
        ),
        // A real rate may be negative (ANALYSES.md §1.9): the open range −100..100 %.
        ("discount −1", Box::new(|s| s.discount_rate_pct = -1.0), None),
        // over the horizon of this file (FY2018–FY2050: 32 years), −35 % discounts by
        // 0.65^−32 ≈ 9.7·10⁵ (accepted), −36 % by 1.6·10⁶ (refused), −99.99 % by 10¹²⁸
        ("discount −35", Box::new(|s| s.discount_rate_pct = -35.0), None),
        (
            "discount −36",
            Box::new(|s| s.discount_rate_pct = -36.0),
            Some("discount_rate_pct"),
        ),
        (
            "discount −99.99",
            Box::new(|s| s.discount_rate_pct = -99.99),
            Some("discount_rate_pct"),
        ),
        (
            "discount −100",
            Box::new(|s| s.discount_rate_pct = -100.0),
            Some("discount_rate_pct"),
        ),
        (
            "schema 0",
            Box::new(|s| s.schema_version = 0),
            Some("schema_version"),
        ),
        (
            "name blank",
            Box::new(|s| s.meta.name = "  ".into()),
            Some("meta.name"),
        ),
        (
            "site id blank",
            Box::new(|s| s.sites[0].id = " ".into()),
            Some("sites[0].id"),
        ),
        (
            "no regions",
            Box::new(|s| {
                s.regions.clear();
            }),
            Some("regions"),
        ),
        (
            "region without EF",
            Box::new(|s| s.regions[0].ef_kg_per_kwh = Path::default()),
            Some("regions[0].ef_kg_per_kwh"),
        ),
        (
            "fuel named electricity",
            Box::new(|s| {
                s.fuels[1].id = "electricity".into();
                s.sites[0].fuels[1].fuel = "electricity".into()
            }),
            Some("fuels[1].id"),
        ),
        (
            "gj_per_unit 0",
            Box::new(|s| s.fuels[0].gj_per_unit = Some(0.0)),
            Some("fuels[0].gj_per_unit"),
        ),
        (
            "gj_per_unit tiny",
            Box::new(|s| s.fuels[0].gj_per_unit = Some(1e-9)),
            None,
        ),
        (
            "fuel listed twice",
            Box::new(|s| {
                let f = s.sites[0].fuels[1].clone();
                s.sites[0].fuels.push(f)
            }),
            Some("sites[0].fuels[2].fuel"),
        ),
        (
            "gj and quantity",
            Box::new(|s| s.sites[0].fuels[1].quantity = Some(1.0)),
            Some("sites[0].fuels[1]"),
        ),
        (
            "neither",
            Box::new(|s| s.sites[0].fuels[1].gj = None),
            Some("sites[0].fuels[1]"),
        ),
        (
            "quantity without unit",
            Box::new(|s| {
                s.sites[0].fuels[1].gj = None;
                s.sites[0].fuels[1].quantity = Some(1.0)
            }),
            Some("sites[0].fuels[1].quantity"),
        ),
        (
            "activity 1 in the base year",
            Box::new(|s| s.sites[0].activity = Path(vec![(2018, 1.0), (2030, 2.0)])),
            None,
        ),
        (
            "activity 1.000001 in the base year",
            Box::new(|s| s.sites[0].activity = Path(vec![(2018, 1.000_001)])),
            Some("sites[0].activity"),
        ),
        ("rules sum to 1", Box::new(|s| two_rules(s, 0.5, 0.5)), None),
        (
            "rules sum above 1",
            Box::new(|s| two_rules(s, 0.5, 0.500_001)),
            Some("sites[0].fuel_switches"),
        ),
        (
            "rule to itself",
            Box::new(|s| s.sites[0].fuel_switches[0].to = "heavy_oil_a".into()),
            Some("sites[0].fuel_switches[0].to"),
        ),
        (
            "rule ratio 0",
            Box::new(|s| s.sites[0].fuel_switches[0].ratio = 0.0),
            Some("sites[0].fuel_switches[0].ratio"),
        ),
        (
            "rule to electricity",
            Box::new(|s| s.sites[0].fuel_switches[0].to = "electricity".into()),
            None,
        ),
        (
            "measure in the year after the base",
            Box::new(|s| measure(s, 2019, None, Some(Saving::Percent(100.0)))),
            None,
        ),
        (
            "measure in the base year",
            Box::new(|s| measure(s, 2018, None, None)),
            Some("sites[0].measures[0].year"),
        ),
        (
            "measure after the horizon",
            Box::new(|s| measure(s, 2051, None, None)),
            Some("sites[0].measures[0].year"),
        ),
        (
            "measure in the last year",
            Box::new(|s| measure(s, 2050, Some(1), None)),
            None,
        ),
        (
            "lifetime 0",
            Box::new(|s| measure(s, 2030, Some(0), None)),
            Some("sites[0].measures[0].lifetime_years"),
        ),
        (
            "saving 100.1 %",
            Box::new(|s| measure(s, 2030, None, Some(Saving::Percent(100.1)))),
            Some("sites[0].measures[0].electricity_saving"),
        ),
        (
            "saving all the demand",
            Box::new(|s| measure(s, 2030, None, Some(Saving::Absolute(10_000.0)))),
            None,
        ),
        (
            "saving more than the demand",
            Box::new(|s| measure(s, 2030, None, Some(Saving::Absolute(10_000.1)))),
            Some("sites[0].measures[0].electricity_saving"),
        ),
        (
            "saving −1 MWh",
            Box::new(|s| measure(s, 2030, None, Some(Saving::Absolute(-1.0)))),
            Some("sites[0].measures[0].electricity_saving"),
        ),
        (
            "ρ + γ = 1",
            Box::new(move |s| s.materials[0].low_carbon_share = share(0.5)),
            None,
        ),
        (
            "ρ + γ > 1",
            Box::new(move |s| s.materials[0].low_carbon_share = share(0.500_001)),
            Some("materials[0].low_carbon_share"),
        ),
        (
            "λ on an organisation material",
            Box::new(|s| {
                s.materials[0].site = None;
                s.materials[0].fuel_saving_share = 0.1
            }),
            Some("materials[0].fuel_saving_share"),
        ),
        (
            "κ on an organisation material",
            Box::new(|s| {
                s.materials[0].site = None;
                s.materials[0].recycled_feed_t_co2_per_t = 0.1
            }),
            Some("materials[0].recycled_feed_t_co2_per_t"),
        ),
        (
            "material at an unknown site",
            Box::new(|s| s.materials[0].site = Some("mars".into())),
            Some("materials[0].site"),
        ),
        (
            "yield 8784",
            Box::new(|s| s.ppas[0].yield_mwh_per_mw = 8784.0),
            None,
        ),
        (
            "yield 8784.1",
            Box::new(|s| s.ppas[0].yield_mwh_per_mw = 8784.1),
            Some("ppas[0].yield_mwh_per_mw"),
        ),
        (
            "yield −1",
            Box::new(|s| s.ppas[0].yield_mwh_per_mw = -1.0),
            Some("ppas[0].yield_mwh_per_mw"),
        ),
        (
            "no allocation",
            Box::new(|s| s.ppas[0].allocation.clear()),
            Some("ppas[0].allocation"),
        ),
        (
            "allocation 1 − 1e-7",
            Box::new(|s| s.ppas[0].allocation[0].1 = 1.0 - 1e-7),
            None,
        ),
        (
            "allocation 0.99",
            Box::new(|s| s.ppas[0].allocation[0].1 = 0.99),
            Some("ppas[0].allocation"),
        ),
        (
            "allocation to an unknown site",
            Box::new(|s| s.ppas[0].allocation[0].0 = "mars".into()),
            Some("ppas[0].allocation[0][0]"),
        ),
        (
            "history in the last year",
            Box::new(|s| s.history[0].year = 2050),
            None,
        ),
        (
            "history after the horizon",
            Box::new(|s| s.history[0].year = 2051),
            Some("history[0].year"),
        ),
        (
            "history in 1899",
            Box::new(|s| s.history[0].year = 1899),
            Some("history[0].year"),
        ),
        (
            "history twice",
            Box::new(|s| {
                let h = s.history[0].clone();
                s.history.push(h)
            }),
            Some("history[1].year"),
        ),
        (
            "history negative",
            Box::new(|s| s.history[0].scope3_t = Some(-1.0)),
            Some("history[0].scope3_t"),
        ),
        (
            "target in the last year",
            Box::new(|s| s.targets[0].year = 2050),
            None,
        ),
        (
            "target after the horizon",
            Box::new(|s| s.targets[0].year = 2051),
            Some("targets[0].year"),
        ),
        (
            "target before the base",
            Box::new(|s| s.targets[0].year = 2017),
            Some("targets[0].year"),
        ),
        (
            "target without scopes",
            Box::new(|s| s.targets[0].scopes.clear()),
            Some("targets[0].scopes"),
        ),
        (
            "target scope twice",
            Box::new(|s| s.targets[0].scopes.push(Scope::Scope1)),
            Some("targets[0].scopes"),
        ),
        ("reduction 100 %", Box::new(|s| reduction(s, 100.0)), None),
        (
            "reduction 100.1 %",
            Box::new(|s| reduction(s, 100.1)),
            Some("targets[0].kind.reduction_pct"),
        ),
        (
            "reduction −0.1 %",
            Box::new(|s| reduction(s, -0.1)),
            Some("targets[0].kind.reduction_pct"),
        ),
        (
            "reference year before the base, no actual",
            Box::new(|s| reference(s, 2013)),
            Some("targets[0].kind.reference_year"),
        ),
        (
            "reference year before the base, with an actual",
            Box::new(|s| {
                s.history[0].year = 2013;
                reference(s, 2013)
            }),
            None,
        ),
        (
            "reference year before the base, an outlook",
            Box::new(|s| {
                s.history[0].year = 2013;
                s.history[0].kind = model::HistoryKind::Outlook;
                reference(s, 2013)
            }),
            Some("targets[0].kind.reference_year"),
        ),
        (
            "level −1",
            Box::new(|s| s.targets[0].kind = TargetKind::Level { t_co2: -1.0 }),
            Some("targets[0].kind.t_co2"),
        ),
        (
            "per tonne without production",
            Box::new(|s| {
                s.sites[0].production_t = 0.0;
                per(s, model::Per::Tonne)
            }),
            Some("targets[0].kind.per"),
        ),
        ("per tonne", Box::new(|s| per(s, model::Per::Tonne)), None),
        (
            "per million JPY without revenue",
            Box::new(|s| per(s, model::Per::MillionJpy)),
            Some("targets[0].kind.per"),
        ),
        (
            "per million JPY",
            Box::new(|s| {
                s.revenue_jpy = Path(vec![(2018, 1e9)]);
                per(s, model::Per::MillionJpy)
            }),
            None,
        ),
    ]
}

fn clip_all(s: &mut Scenario) {
    // keep only keyframes inside a one-year horizon
    let b = s.base_year;
    let clip = |p: &mut Path| p.0.retain(|k| k.0 == b);
    for r in &mut s.regions {
        clip(&mut r.ef_kg_per_kwh);
    }
    for site in &mut s.sites {
        clip(&mut site.co2_free_share);
        for r in &mut site.fuel_switches {
            clip(&mut r.share);
        }
    }
    for m in &mut s.materials {
        clip(&mut m.recycled_share);
    }
    for p in &mut s.ppas {
        clip(&mut p.capacity_mw);
    }
    s.targets.clear();
}

fn two_rules(s: &mut Scenario, a: f64, b: f64) {
    let mut r = s.sites[0].fuel_switches[0].clone();
    s.sites[0].fuel_switches[0].share = Path(vec![(2020, a)]);
    r.to = "electricity".into();
    r.share = Path(vec![(2020, b)]);
    s.sites[0].fuel_switches.push(r);
}

fn measure(s: &mut Scenario, year: i32, lifetime: Option<u32>, el: Option<Saving>) {
    s.sites[0].measures.push(model::Measure {
        name: "m".into(),
        year,
        electricity_saving: el,
        fuel_saving: None,
        capex_jpy: None,
        lifetime_years: lifetime,
        source: String::new(),
    });
}

fn reduction(s: &mut Scenario, pct: f64) {
    s.targets[0].kind = TargetKind::Absolute {
        reduction_pct: pct,
        reference_year: 2018,
    };
}

fn reference(s: &mut Scenario, year: i32) {
    s.targets[0].kind = TargetKind::Absolute {
        reduction_pct: 50.0,
        reference_year: year,
    };
}

fn per(s: &mut Scenario, per: model::Per) {
    s.targets[0].kind = TargetKind::Intensity {
        reduction_pct: 30.0,
        reference_year: 2018,
        per,
    };
}

#[test]
fn each_rule_accepts_its_bound_and_refuses_just_beyond_it() {
    assert!(model::validate::validate(&minimal()).is_empty());
    let mut failures = Vec::new();
    for (what, change, refused) in cases() {
        let mut s = minimal();
        change(&mut s);
        let problems = model::validate::validate(&s);
        let ok = match refused {
            None => problems.is_empty(),
            Some(path) => problems.iter().any(|p| p.path == path),
        };
        if !ok {
            failures.push(format!("{what}: expected {refused:?}, got {problems:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
