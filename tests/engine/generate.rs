//! Structured scenarios for property tests: every part is a proptest strategy, so a failing
//! case shrinks to the few sites, rules or materials that matter. They reach the hard cases:
//! base years other than 2018 and horizons that end before 2030, several rules from one fuel,
//! absolute and percentage savings, measures that expire, zero production and zero fuel,
//! organisation materials, history with outlooks and plans, revenue, virtual PPAs at and above
//! the cap, own generation beyond demand.

use decarb::model::{
    Credits, FuelSwitch, FuelUse, GenerationKind, GridRegion, HistoryEntry, HistoryKind, Material, Measure,
    Meta, OwnGeneration, Path, Ppa, PpaKind, Saving, Scenario, Scope, Scope2Method, Site, Target, TargetKind,
};
use proptest::prelude::*;

const FUELS: [(&str, f64); 3] = [("coal", 0.09), ("gas", 0.05), ("hydrogen", 0.0)];

/// Keyframes at offsets `0..=horizon` from `base`, values in `lo..hi`.
fn path(base: i32, horizon: i32, lo: f64, hi: f64) -> impl Strategy<Value = Path> {
    prop::collection::vec((0..=horizon, lo..hi), 0..4).prop_map(move |mut k| {
        k.sort_by_key(|x| x.0);
        k.dedup_by_key(|x| x.0);
        Path(k.into_iter().map(|(o, v)| (base + o, v)).collect())
    })
}

/// A non-negative amount that is exactly zero a quarter of the time.
fn amount(hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(0.0), 3 => 0.0..hi]
}

#[derive(Clone, Debug)]
struct SiteSpec {
    production_t: f64,
    electricity_mwh: f64,
    fuels_gj: [f64; 3],
    coal_as_quantity: bool,
    process_t: f64,
    activity: Vec<(i32, f64)>,
    ownership: Path,
    co2_free: Path,
    rules: Vec<(usize, Option<usize>, Path, f64)>,
    eff_el: Path,
    eff_fu: Path,
    measures: Vec<(i32, bool, f64, f64, Option<u32>)>,
    process_change: Path,
    own_generation: Vec<Path>,
}

fn site(base: i32, h: i32) -> impl Strategy<Value = SiteSpec> {
    let inventory = (
        amount(1000.0),
        amount(5000.0),
        [amount(5000.0), amount(5000.0), amount(5000.0)],
        any::<bool>(),
        amount(500.0),
    );
    let paths = (
        prop::collection::vec((1..=h.max(1), 0.0..2.0f64), 0..3),
        path(base, h, 0.0, 1.0),
        path(base, h, 0.0, 1.0),
        path(base, h, -20.0, 20.0),
        path(base, h, -20.0, 20.0),
        path(base, h, 0.0, 1.0),
    );
    // up to three rules, each moving at most a third, so that rules from one fuel stay ≤ 100 %
    let rule = (
        0usize..3,
        prop::option::of(0usize..3),
        path(base, h, 0.0, 0.333),
        0.2..2.0f64,
    )
        .prop_filter("a fuel switched to itself", |(f, t, _, _)| Some(*f) != *t);
    let measure = (
        1..=h.max(1),
        any::<bool>(),
        0.0..0.3f64,
        0.0..0.3f64,
        prop::option::of(1u32..6),
    );
    (
        inventory,
        paths,
        prop::collection::vec(rule, 0..4),
        prop::collection::vec(measure, 0..3),
        prop::collection::vec(path(base, h, 0.0, 3000.0), 0..3),
    )
        .prop_map(
            move |((p, e, f, q, n), (act, own, c, eel, efu, pc), rules, measures, own_generation)| SiteSpec {
                production_t: p,
                electricity_mwh: e,
                fuels_gj: f,
                coal_as_quantity: q,
                process_t: n,
                activity: act,
                ownership: own,
                co2_free: c,
                rules,
                eff_el: eel,
                eff_fu: efu,
                measures: if h > 0 { measures } else { Vec::new() },
                process_change: pc,
                own_generation,
            },
        )
}

#[derive(Clone, Debug)]
struct MaterialSpec {
    site: Option<usize>,
    quantity_t: f64,
    ef: (f64, f64, f64),
    rho: Path,
    gamma: Path,
    lambda: f64,
    kappa: f64,
}

fn material(base: i32, h: i32) -> impl Strategy<Value = MaterialSpec> {
    (
        prop::option::of(0usize..4),
        amount(1000.0),
        (0.0..15.0f64, 0.0..3.0f64, 0.0..8.0f64),
        path(base, h, 0.0, 0.5),
        path(base, h, 0.0, 0.5),
        0.0..1.0f64,
        0.0..0.5f64,
    )
        .prop_map(|(site, q, ef, rho, gamma, lambda, kappa)| MaterialSpec {
            site,
            quantity_t: q,
            ef,
            rho,
            gamma,
            lambda,
            kappa,
        })
}

fn ppa(base: i32, h: i32) -> impl Strategy<Value = (u8, Path, f64, usize, usize, f64)> {
    (
        0u8..3,
        path(base, h, 0.0, 5.0),
        0.0..4000.0f64,
        0usize..4,
        0usize..4,
        0.0..1.0f64,
    )
}

/// Scenarios of 1–3 sites, base FY2005–FY2030, horizons of 0–30 years.
pub fn scenario() -> impl Strategy<Value = Scenario> {
    (2005i32..2031, 0i32..31)
        .prop_flat_map(|(base, h)| {
            (
                Just((base, h)),
                (path(base, h, 0.0, 0.8), path(base, h, 0.0, 0.8), any::<bool>()),
                prop::collection::vec(site(base, h), 1..4),
                prop::collection::vec(material(base, h), 0..4),
                prop::collection::vec(ppa(base, h), 0..3),
                (path(base, h, 0.0, 500.0), path(base, h, 1e9, 1e11), any::<bool>()),
                prop::collection::vec((-8i32..=h, 0u8..3, 0.0..1e4f64, 0.0..1e4f64), 0..4),
            )
        })
        .prop_map(
            |((base, h), grid, sites, materials, ppas, (credits, revenue, scope3_target), history)| {
                build(
                    base,
                    h,
                    grid,
                    &sites,
                    &materials,
                    &ppas,
                    credits,
                    revenue,
                    scope3_target,
                    &history,
                )
            },
        )
}

#[allow(clippy::too_many_arguments)]
fn build(
    base: i32,
    h: i32,
    (ef, ef_loc, two_regions): (Path, Path, bool),
    sites: &[SiteSpec],
    materials: &[MaterialSpec],
    ppas: &[(u8, Path, f64, usize, usize, f64)],
    credits: Path,
    revenue: Path,
    scope3_target: bool,
    history: &[(i32, u8, f64, f64)],
) -> Scenario {
    let mut s: Scenario = ron::from_str(&format!(
        "(schema_version: 2, meta: (name: \"generated\"), base_year: {base}, last_year: {}, regions: [], fuels: [], sites: [])",
        base + h
    ))
    .unwrap();
    s.meta = Meta {
        name: "generated".into(),
        currency: "JPY".into(),
        ..Meta::default()
    };
    s.regions.push(GridRegion {
        id: "r0".into(),
        name: "R0".into(),
        ef_kg_per_kwh: if ef.is_empty() {
            Path(vec![(base, 0.45)])
        } else {
            ef
        },
        ef_location_kg_per_kwh: ef_loc,
        power_price_jpy_per_mwh: Path::default(),
        source: String::new(),
        assumption: None,
        co2_free_premium_jpy_per_mwh: Path::default(),
        price_assumption: None,
    });
    if two_regions {
        s.regions.push(GridRegion {
            id: "r1".into(),
            name: "R1".into(),
            ef_kg_per_kwh: Path(vec![(base, 0.3)]),
            ..s.regions[0].clone()
        });
    }
    for (id, ef) in FUELS {
        s.fuels.push(decarb::model::Fuel {
            id: id.into(),
            name: id.into(),
            ef_t_per_gj: ef,
            unit: (id == "coal").then(|| "t".into()),
            gj_per_unit: (id == "coal").then_some(25.0),
            price_jpy_per_gj: Path::default(),
            source: String::new(),
            assumption: None,
            price_assumption: None,
        });
    }
    for (i, x) in sites.iter().enumerate() {
        let mut fuels = Vec::new();
        for (f, &gj) in x.fuels_gj.iter().enumerate() {
            if gj > 0.0 || f == 0 {
                let as_quantity = f == 0 && x.coal_as_quantity;
                fuels.push(FuelUse {
                    fuel: FUELS[f].0.into(),
                    gj: (!as_quantity).then_some(gj),
                    quantity: as_quantity.then_some(gj / 25.0),
                });
            }
        }
        let base_fuel: f64 = x.fuels_gj.iter().sum();
        let mut activity = x.activity.clone();
        activity.sort_by_key(|k| k.0);
        activity.dedup_by_key(|k| k.0);
        let activity = if activity.is_empty() || h == 0 {
            Path::default()
        } else {
            Path(
                std::iter::once((base, 1.0))
                    .chain(activity.into_iter().map(|(o, v)| (base + o, v)))
                    .collect(),
            )
        };
        s.sites.push(Site {
            id: format!("s{i}"),
            name: format!("Site {i}"),
            region: if two_regions && i % 2 == 1 { "r1" } else { "r0" }.into(),
            production_t: x.production_t,
            electricity_mwh: x.electricity_mwh,
            fuels,
            process_t_co2: x.process_t,
            own_generation: x
                .own_generation
                .iter()
                .map(|p| OwnGeneration {
                    name: "gen".into(),
                    kind: GenerationKind::Solar,
                    output_mwh: p.clone(),
                    source: String::new(),
                    assumption: None,
                })
                .collect(),
            activity,
            ownership: x.ownership.clone(),
            co2_free_share: x.co2_free.clone(),
            co2_free_premium_jpy_per_mwh: Path::default(),
            fuel_switches: x
                .rules
                .iter()
                .map(|(from, to, share, ratio)| FuelSwitch {
                    from: FUELS[*from].0.into(),
                    to: to.map_or("electricity", |t| FUELS[t].0).into(),
                    share: share.clone(),
                    ratio: *ratio,
                    source: String::new(),
                    assumption: None,
                    id: None,
                    capex_jpy: None,
                    lifetime_years: 20,
                })
                .collect(),
            efficiency_electricity_pct: x.eff_el.clone(),
            efficiency_fuel_pct: x.eff_fu.clone(),
            measures: x
                .measures
                .iter()
                .map(|&(o, absolute, el, fu, lifetime)| Measure {
                    name: "measure".into(),
                    year: base + o,
                    electricity_saving: Some(if absolute {
                        Saving::Absolute(el * x.electricity_mwh)
                    } else {
                        Saving::Percent(el * 100.0)
                    }),
                    fuel_saving: Some(if absolute {
                        Saving::Absolute(fu * base_fuel)
                    } else {
                        Saving::Percent(fu * 100.0)
                    }),
                    capex_jpy: None,
                    lifetime_years: lifetime,
                    source: String::new(),
                })
                .collect(),
            process_change_share: x.process_change.clone(),
            process_change_capex_jpy: None,
            process_change_opex_jpy_per_yr: Path::default(),
            source: String::new(),
            assumption: None,
            efficiency_capex_jpy_per_mwh_yr: None,
            efficiency_capex_jpy_per_gj_yr: None,
            efficiency_lifetime_years: 15,
            process_change_lifetime_years: 20,
            price_assumption: None,
        });
    }
    let n = s.sites.len();
    for (k, m) in materials.iter().enumerate() {
        let site = m.site.filter(|&i| i < n);
        s.materials.push(Material {
            id: format!("m{k}"),
            name: format!("Material {k}"),
            site: site.map(|i| format!("s{i}")),
            quantity_t: m.quantity_t,
            ef_primary_t_per_t: m.ef.0,
            ef_recycled_t_per_t: m.ef.1,
            ef_low_carbon_t_per_t: m.ef.2,
            recycled_share: m.rho.clone(),
            low_carbon_share: m.gamma.clone(),
            fuel_saving_share: if site.is_some() { m.lambda } else { 0.0 },
            recycled_feed_t_co2_per_t: if site.is_some() { m.kappa } else { 0.0 },
            recycled_price_diff_jpy_per_t: Path::default(),
            low_carbon_price_diff_jpy_per_t: Path::default(),
            source: String::new(),
            assumption: None,
            price_assumption: None,
        });
    }
    for (k, (kind, capacity, yield_mwh, a, b, split)) in ppas.iter().enumerate() {
        let (a, b) = (a % n, b % n);
        let allocation = if a == b {
            vec![(format!("s{a}"), 1.0)]
        } else {
            vec![(format!("s{a}"), *split), (format!("s{b}"), 1.0 - split)]
        };
        s.ppas.push(Ppa {
            id: format!("p{k}"),
            name: format!("PPA {k}"),
            kind: [PpaKind::OnSite, PpaKind::OffSite, PpaKind::Virtual][usize::from(*kind)],
            capacity_mw: capacity.clone(),
            yield_mwh_per_mw: *yield_mwh,
            allocation,
            price_jpy_per_mwh: Path::default(),
            capex_jpy_per_mw: None,
            source: String::new(),
            assumption: None,
            lifetime_years: 20,
            opex_jpy_per_mw_yr: Path::default(),
            price_assumption: None,
        });
    }
    s.credits = Credits {
        t_co2_per_yr: credits,
        ..Credits::default()
    };
    s.revenue_jpy = revenue;
    let mut seen = std::collections::HashSet::new();
    for &(o, kind, s1, s2) in history {
        let year = base + o;
        if seen.insert(year) {
            let mut e: HistoryEntry = ron::from_str(&format!("(year: {year})")).unwrap();
            e.kind = [HistoryKind::Actual, HistoryKind::Outlook, HistoryKind::Plan][usize::from(kind)];
            e.scope1_t = Some(s1);
            e.scope2_t = Some(s2);
            s.history.push(e);
        }
    }
    s.history.sort_by_key(|e| e.year);
    let target = |scopes: Vec<Scope>, kind| Target {
        label: "target".into(),
        year: base + h,
        scopes,
        scope2_method: Scope2Method::Market,
        credits_count: false,
        kind,
        source: String::new(),
    };
    s.targets.push(target(
        vec![Scope::Scope1, Scope::Scope2],
        TargetKind::Absolute {
            reduction_pct: 50.0,
            reference_year: base,
        },
    ));
    if scope3_target {
        s.targets.push(target(
            vec![Scope::Scope1, Scope::Scope2, Scope::Scope3],
            TargetKind::Level { t_co2: 0.0 },
        ));
    }
    s
}
