//! Synthetic valid scenarios of any size, from a seed: for benchmarks (a 100-site company)
//! and property tests (random scenarios that use every lever).

use crate::model::*;

/// A small deterministic generator (xorshift64*), so that a seed always gives the same scenario.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// A random path inside `base..=last` with values in `lo..hi` (sorted, unique years).
pub fn path(rng: &mut Rng, base: i32, last: i32, lo: f64, hi: f64, max_keys: usize) -> Path {
    let n = 1 + rng.below(max_keys);
    let mut years: Vec<i32> = (0..n)
        .map(|_| base + rng.below((last - base + 1) as usize) as i32)
        .collect();
    years.sort_unstable();
    years.dedup();
    Path(years.into_iter().map(|y| (y, rng.range(lo, hi))).collect())
}

/// The generated company of the frame benchmarks (`decarb --synthetic N`).
pub fn company(n_sites: usize) -> Scenario {
    let mut s = scenario(n_sites.clamp(1, 5000), 7);
    s.meta.name = format!("Synthetic company, {} sites", s.sites.len());
    s
}

/// A valid scenario with `n_sites` sites that exercises every lever type.
pub fn scenario(n_sites: usize, seed: u64) -> Scenario {
    let mut rng = Rng::new(seed);
    let base = 2018;
    let last = 2050;
    let n_regions = 1 + rng.below(3);
    let regions = (0..n_regions)
        .map(|r| GridRegion {
            id: format!("r{r}"),
            name: format!("Region {r}"),
            ef_kg_per_kwh: path(&mut rng, base, last, 0.0, 0.8, 4),
            ef_location_kg_per_kwh: if rng.chance(0.5) {
                path(&mut rng, base, last, 0.0, 0.8, 3)
            } else {
                Path::default()
            },
            power_price_jpy_per_mwh: Path::default(),
            source: String::new(),
            assumption: None,
            co2_free_premium_jpy_per_mwh: Path::default(),
            price_assumption: None,
        })
        .collect();
    let n_fuels = 1 + rng.below(4);
    let fuels: Vec<Fuel> = (0..n_fuels)
        .map(|f| Fuel {
            id: format!("f{f}"),
            name: format!("Fuel {f}"),
            ef_t_per_gj: rng.range(0.0, 0.11),
            unit: Some("kl".into()),
            gj_per_unit: Some(rng.range(20.0, 50.0)),
            price_jpy_per_gj: Path::default(),
            source: String::new(),
            assumption: None,
            price_assumption: None,
        })
        .collect();
    let mut sites: Vec<Site> = (0..n_sites.max(1))
        .map(|s| {
            let mut fuel_uses = Vec::new();
            for f in 0..n_fuels {
                if !rng.chance(0.7) {
                    continue;
                }
                let (gj, quantity) = if rng.chance(0.5) {
                    (Some(rng.range(0.0, 1e6)), None)
                } else {
                    (None, Some(rng.range(0.0, 2e4)))
                };
                fuel_uses.push(FuelUse {
                    fuel: format!("f{f}"),
                    gj,
                    quantity,
                });
            }
            let mut switches = Vec::new();
            if n_fuels > 1 && rng.chance(0.6) {
                let from = rng.below(n_fuels);
                let to = if rng.chance(0.4) {
                    ELECTRICITY.to_string()
                } else {
                    format!("f{}", (from + 1 + rng.below(n_fuels - 1)) % n_fuels)
                };
                switches.push(FuelSwitch {
                    from: format!("f{from}"),
                    to,
                    share: path(&mut rng, base, last, 0.0, 1.0, 3),
                    ratio: rng.range(0.3, 1.5),
                    source: String::new(),
                    assumption: None,
                    id: None,
                    capex_jpy: None,
                    lifetime_years: 20,
                });
            }
            let activity = if rng.chance(0.7) {
                let mut p = path(&mut rng, base + 1, last, 0.5, 1.6, 3);
                p.0.insert(0, (base, 1.0));
                p
            } else {
                Path::default()
            };
            let electricity_mwh = rng.range(0.0, 5e5);
            Site {
                id: format!("s{s}"),
                name: format!("Site {s}"),
                region: format!("r{}", rng.below(n_regions)),
                production_t: rng.range(0.0, 1e5),
                electricity_mwh,
                fuels: fuel_uses,
                process_t_co2: rng.range(0.0, 5e4),
                own_generation: if rng.chance(0.3) {
                    vec![OwnGeneration {
                        name: "hydro".into(),
                        kind: GenerationKind::Hydro,
                        output_mwh: path(&mut rng, base, last, 0.0, electricity_mwh * 0.5, 3),
                        source: String::new(),
                        assumption: None,
                    }]
                } else {
                    Vec::new()
                },
                activity,
                ownership: if rng.chance(0.3) {
                    path(&mut rng, base, last, 0.0, 1.0, 3)
                } else {
                    Path::default()
                },
                co2_free_share: path(&mut rng, base, last, 0.0, 1.0, 3),
                co2_free_premium_jpy_per_mwh: Path::default(),
                fuel_switches: switches,
                efficiency_electricity_pct: path(&mut rng, base, last, -3.0, 5.0, 3),
                efficiency_fuel_pct: path(&mut rng, base, last, -3.0, 5.0, 3),
                measures: if rng.chance(0.3) {
                    vec![Measure {
                        name: "measure".into(),
                        year: base + 1 + rng.below((last - base) as usize) as i32,
                        electricity_saving: Some(Saving::Percent(rng.range(0.0, 30.0))),
                        fuel_saving: Some(Saving::Percent(rng.range(0.0, 30.0))),
                        capex_jpy: None,
                        lifetime_years: if rng.chance(0.5) {
                            Some(1 + rng.below(20) as u32)
                        } else {
                            None
                        },
                        source: String::new(),
                    }]
                } else {
                    Vec::new()
                },
                process_change_share: path(&mut rng, base, last, 0.0, 1.0, 3),
                process_change_capex_jpy: None,
                process_change_opex_jpy_per_yr: Path::default(),
                source: String::new(),
                assumption: None,
                efficiency_capex_jpy_per_mwh_yr: None,
                efficiency_capex_jpy_per_gj_yr: None,
                efficiency_lifetime_years: 15,
                process_change_lifetime_years: 20,
                price_assumption: None,
            }
        })
        .collect();
    let n_sites = sites.len();
    let n_mat = rng.below(3);
    let materials = (0..n_mat)
        .map(|m| {
            let linked = rng.chance(0.6);
            let ef_primary = rng.range(0.0, 15.0);
            let rho = path(&mut rng, base, last, 0.0, 0.6, 3);
            let gamma = path(&mut rng, base, last, 0.0, 0.4, 3);
            Material {
                id: format!("m{m}"),
                name: format!("Material {m}"),
                site: linked.then(|| format!("s{}", rng.below(n_sites))),
                quantity_t: rng.range(0.0, 2e5),
                ef_primary_t_per_t: ef_primary,
                ef_recycled_t_per_t: rng.range(0.0, ef_primary),
                ef_low_carbon_t_per_t: rng.range(0.0, ef_primary),
                recycled_share: rho,
                low_carbon_share: gamma,
                fuel_saving_share: if linked { rng.range(0.0, 1.0) } else { 0.0 },
                recycled_feed_t_co2_per_t: if linked { rng.range(0.0, 0.5) } else { 0.0 },
                recycled_price_diff_jpy_per_t: Path::default(),
                low_carbon_price_diff_jpy_per_t: Path::default(),
                source: String::new(),
                assumption: None,
                price_assumption: None,
            }
        })
        .collect();
    let n_ppa = rng.below(3);
    let ppas = (0..n_ppa)
        .map(|i| {
            let a = rng.below(n_sites);
            let b = rng.below(n_sites);
            let share = rng.range(0.0, 1.0);
            let allocation = if a == b {
                vec![(format!("s{a}"), 1.0)]
            } else {
                vec![(format!("s{a}"), share), (format!("s{b}"), 1.0 - share)]
            };
            Ppa {
                id: format!("p{i}"),
                name: format!("PPA {i}"),
                kind: [PpaKind::OnSite, PpaKind::OffSite, PpaKind::Virtual][rng.below(3)],
                capacity_mw: path(&mut rng, base, last, 0.0, 50.0, 3),
                yield_mwh_per_mw: rng.range(500.0, 3000.0),
                allocation,
                price_jpy_per_mwh: Path::default(),
                capex_jpy_per_mw: None,
                source: String::new(),
                assumption: None,
                lifetime_years: 20,
                opex_jpy_per_mw_yr: Path::default(),
                price_assumption: None,
            }
        })
        .collect();
    // Keep switch rules per site within 100 % (one rule per site above).
    for s in &mut sites {
        s.fuel_switches.truncate(1);
    }
    let scope3_target = rng.chance(0.3);
    let mut targets = vec![Target {
        label: "−50 % vs 2018".into(),
        year: 2030,
        scopes: vec![Scope::Scope1, Scope::Scope2],
        scope2_method: Scope2Method::Market,
        credits_count: false,
        kind: TargetKind::Absolute {
            reduction_pct: 50.0,
            reference_year: 2018,
        },
        source: String::new(),
    }];
    if scope3_target {
        targets.push(Target {
            label: "Scope 3 intensity".into(),
            year: 2030,
            scopes: vec![Scope::Scope3],
            scope2_method: Scope2Method::Market,
            credits_count: false,
            kind: TargetKind::Intensity {
                reduction_pct: 30.0,
                reference_year: 2018,
                per: Per::Tonne,
            },
            source: String::new(),
        });
    }
    targets.push(Target {
        label: "Net zero".into(),
        year: 2050,
        scopes: vec![Scope::Scope1, Scope::Scope2],
        scope2_method: Scope2Method::Market,
        credits_count: true,
        kind: TargetKind::Level { t_co2: 0.0 },
        source: String::new(),
    });
    Scenario {
        schema_version: SCHEMA_VERSION,
        notes: String::new(),
        meta: Meta {
            name: format!("Synthetic {n_sites} sites (seed {seed})"),
            currency: "JPY".into(),
            ..Meta::default()
        },
        base_year: base,
        last_year: last,
        primary_gj_per_mwh: 9.76,
        discount_rate_pct: 0.0,
        regions,
        fuels,
        sites,
        materials,
        ppas,
        credits: Credits {
            t_co2_per_yr: path(&mut rng, base, last, 0.0, 1e4, 2),
            price_jpy_per_t: Path::default(),
            source: String::new(),
            price_assumption: None,
        },
        carbon_price_jpy_per_t: Path::default(),
        cost: Default::default(),
        uncertainty: Default::default(),
        revenue_jpy: Path::default(),
        revenue_source: String::new(),
        goal_seek: None,
        history: Vec::new(),
        targets,
    }
}

/// The uncertain inputs of the vectorised numpy reference (ANALYSES.md §2.2, §2.5): one
/// lognormal grid factor per region (σ 0.15), one truncated-normal activity per site
/// (sd 0.08), one normal yield per PPA (sd 0.10); random sampling, uncertain from the year
/// after the base year.
pub fn reference_uncertainty(s: &mut Scenario) {
    use crate::model::{Dist, Sampling, UncertainInput, UncertainTarget, Uncertainty};
    let input = |id: &str, target: UncertainTarget, dist: Dist| UncertainInput {
        id: id.into(),
        target,
        dist,
        known_until: None,
        ramp_years: 1,
        each: true,
        source: "the vectorised numpy reference (ANALYSES.md §2.2)".into(),
        assumption: None,
    };
    let mut inputs = vec![
        input(
            "grid_ef",
            UncertainTarget::GridEf { regions: Vec::new() },
            Dist::LogNormal {
                median: 1.0,
                sigma: 0.15,
            },
        ),
        input(
            "activity",
            UncertainTarget::Activity {
                sites: Vec::new(),
                scale_revenue: true,
            },
            Dist::Normal { mean: 1.0, sd: 0.08 },
        ),
    ];
    if !s.ppas.is_empty() {
        inputs.push(input(
            "ppa_yield",
            UncertainTarget::PpaYield { ppas: Vec::new() },
            Dist::Normal { mean: 1.0, sd: 0.10 },
        ));
    }
    s.uncertainty = Uncertainty {
        draws: 10_000,
        seed: 20260401,
        sampling: Sampling::Random,
        inputs,
    };
}

/// The goal-seek case of ANALYSES.md §3.8: the synthetic scenario with a CO2-free premium and
/// a process-change capex per site, the target "−30 % vs 2018" (Scope 1 + market Scope 2,
/// FY2030) listed first, and every site's CO2-free and process-change shares as levers from a
/// FY2023 freeze (so about two variables per site).
pub fn goal_seek_case(n_sites: usize, seed: u64) -> Scenario {
    use crate::model::{GoalSeek, LeverRef, SeekLever};
    let mut s = scenario(n_sites, seed);
    let mut rng = Rng::new(seed ^ 0x5eec);
    for site in &mut s.sites {
        site.co2_free_premium_jpy_per_mwh = Path::constant(s.base_year, rng.range(500.0, 5000.0));
        site.process_change_capex_jpy = Some(rng.range(1e8, 5e9));
    }
    let label = "−30 % vs 2018";
    s.targets.insert(
        0,
        Target {
            label: label.into(),
            year: 2030,
            scopes: vec![Scope::Scope1, Scope::Scope2],
            scope2_method: Scope2Method::Market,
            credits_count: false,
            kind: TargetKind::Absolute {
                reduction_pct: 30.0,
                reference_year: 2018,
            },
            source: String::new(),
        },
    );
    let all = |lever| SeekLever {
        lever,
        min: None,
        max: None,
        reach_year: None,
    };
    s.goal_seek = Some(GoalSeek {
        targets: vec![label.into()],
        freeze_year: Some(2023),
        levers: vec![
            all(LeverRef::Co2Free { site: "*".into() }),
            all(LeverRef::ProcessChange { site: "*".into() }),
        ],
        ..GoalSeek::default()
    });
    s
}
