//! The cost of one run (ANALYSES.md §1.3–1.4 with the corrections of §9): prices compiled
//! into per-year arrays like the emission arrays, and the few multiply-adds per site-year
//! that turn a run's quantities into money. A scenario without any price or capex compiles
//! no cost at all, and its runs skip this pass.
//!
//! Missing prices are not zero (§9.14): a price that is not given contributes nothing to the
//! cost and its quantity (priced at 1) is tracked as a *priced item*, so that the analysis can
//! list it and mark the lever groups whose Shapley share of it is not zero as incomplete
//! (§9.44). Prices marked `price_assumption` are tracked the same way, for "assumed" marks.

use super::compile::{LeverGroup, SiteC};
use crate::model::{Path, Scenario};

/// Cost of one year by component [JPY] (ANALYSES.md §1.4, items 1–8).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CostYear {
    pub electricity: f64,
    pub co2_free: f64,
    pub fuels: f64,
    pub ppa: f64,
    pub materials: f64,
    pub process_opex: f64,
    pub capex: f64,
    pub credits: f64,
}

/// The components of [`CostYear`], in order.
pub const COMPONENTS: [&str; 8] = [
    "electricity",
    "co2_free_premium",
    "fuels",
    "ppa",
    "materials",
    "process_opex",
    "capex",
    "credits",
];

impl CostYear {
    /// Adds another year's cost, component by component.
    pub fn add(&mut self, o: &CostYear) {
        self.electricity += o.electricity;
        self.co2_free += o.co2_free;
        self.fuels += o.fuels;
        self.ppa += o.ppa;
        self.materials += o.materials;
        self.process_opex += o.process_opex;
        self.capex += o.capex;
        self.credits += o.credits;
    }

    pub fn total(&self) -> f64 {
        self.electricity
            + self.co2_free
            + self.fuels
            + self.ppa
            + self.materials
            + self.process_opex
            + self.capex
            + self.credits
    }
    pub fn as_array(&self) -> [f64; 8] {
        [
            self.electricity,
            self.co2_free,
            self.fuels,
            self.ppa,
            self.materials,
            self.process_opex,
            self.capex,
            self.credits,
        ]
    }
    pub fn from_array(a: [f64; 8]) -> CostYear {
        CostYear {
            electricity: a[0],
            co2_free: a[1],
            fuels: a[2],
            ppa: a[3],
            materials: a[4],
            process_opex: a[5],
            capex: a[6],
            credits: a[7],
        }
    }
}

/// Capital recovery factor `r / (1 − (1 + r)^−L)` (`1/L` at `r = 0`), computed as
/// `r / −expm1(−L·ln1p(r))` so that it is exact near 0 (§9.32).
pub fn crf(rate: f64, life_years: u32) -> f64 {
    let l = f64::from(life_years.max(1));
    if rate == 0.0 {
        return 1.0 / l;
    }
    rate / -(-l * rate.ln_1p()).exp_m1()
}

/// Whether a priced item is missing its price or uses one marked as an assumption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Missing,
    Assumed,
}

/// A price (or capex) the cost depends on that is not given, or given as an assumption.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceItem {
    pub kind: ItemKind,
    /// Field path in the file (`regions[0].power_price_jpy_per_mwh`).
    pub field: String,
    /// What is not counted (or assumed), in words: "grid power price of region \"tokyo\"".
    pub what: String,
}

/// The quantity of a priced item at one site, read from the run.
#[derive(Clone, Debug)]
pub(crate) enum Quantity {
    /// Grid purchase [MWh].
    Grid,
    /// CO2-free contracted grid purchase [MWh].
    Co2Free,
    /// PPA deliveries or capacity allocated to the site, with the PPA group on / off.
    Ppa { on: Vec<f64>, off: Vec<f64> },
    /// Capacity above base of an asset of a lever group (0 when the group is off).
    Capacity { group: LeverGroup, on: Vec<f64> },
    /// Recycled (`true`) or low-carbon tonnes of a linked material [t].
    Material { material: usize, recycled: bool },
}

/// Per-site cost inputs.
#[derive(Clone, Debug, Default)]
pub(crate) struct SiteCost {
    /// CO2-free premium after the region fallback [JPY/MWh], per year.
    pub premium: Vec<f64>,
    /// Process opex at share 1 and base activity [JPY/yr], per year.
    pub opex: Vec<f64>,
    /// Whether any fuel the site touches has a price (else the fuel loop is skipped).
    pub fuel_priced: bool,
    /// PPA cost allocated to the site (before ownership), PPA group on / off, per year.
    pub ppa_on: Vec<f64>,
    pub ppa_off: Vec<f64>,
    /// Capex annuities (before ownership) of the site's assets by group, when on.
    pub annuities: Vec<(LeverGroup, Vec<f64>)>,
    /// Capex cash of the site's assets by group (before ownership, dated `τ − 1`).
    pub cash: Vec<(LeverGroup, Vec<f64>)>,
    /// Priced items at this site: (item index, quantity), fuels apart.
    pub items: Vec<(usize, Quantity)>,
    /// Fuel items at this site: (item index, fuel); their quantity is the post-switch use,
    /// known only inside the emissions pass.
    pub fuel_items: Vec<(usize, usize)>,
    /// Which parts of the site's cost can be non-zero (else the run skips them): the grid
    /// power price, the premium, process opex, linked materials' price differences.
    pub power_priced: bool,
    pub premium_priced: bool,
    pub opex_priced: bool,
    pub materials_priced: bool,
    /// Any part at all: without one the site's cost is 0 in every run.
    pub priced: bool,
}

/// Per-material price differences [JPY/t] (0 where missing), per year.
#[derive(Clone, Debug, Default)]
pub(crate) struct MatCost {
    pub recycled: Vec<f64>,
    pub low_carbon: Vec<f64>,
    /// Items of an organisation material: (item, recycled?).
    pub items: Vec<(usize, bool)>,
}

/// A scenario's prices compiled for repeated runs.
#[derive(Clone, Debug)]
pub(crate) struct CostC {
    /// `[region * years + y]`, 0 where missing.
    pub power: Vec<f64>,
    /// `[fuel * years + y]`, 0 where missing.
    pub fuel: Vec<f64>,
    pub sites: Vec<SiteCost>,
    pub materials: Vec<MatCost>,
    pub credit_price: Vec<f64>,
    pub credit_item: Option<usize>,
    /// Carbon price per year; `None` when the scenario has none.
    pub carbon: Option<Vec<f64>>,
    pub items: Vec<PriceItem>,
    /// Whether a PPA's capacity differs from its base-year value (§9.15).
    pub ppa_capacity_moves: bool,
    /// Index of the first year of the cost window: the Shapley detail is kept from there.
    pub window_start: usize,
}

fn sample(p: &Path, base: i32, years: usize) -> Vec<f64> {
    let mut v = vec![0.0; years];
    p.sample_into(base, 0.0, &mut v);
    v
}

/// Whether a scenario gives any price, capex or opex: without one there is nothing to cost.
pub fn has_prices(s: &Scenario) -> bool {
    s.regions
        .iter()
        .any(|r| !r.power_price_jpy_per_mwh.is_empty() || !r.co2_free_premium_jpy_per_mwh.is_empty())
        || s.fuels.iter().any(|f| !f.price_jpy_per_gj.is_empty())
        || s.sites.iter().any(|x| {
            !x.co2_free_premium_jpy_per_mwh.is_empty()
                || x.process_change_capex_jpy.is_some()
                || !x.process_change_opex_jpy_per_yr.is_empty()
                || x.efficiency_capex_jpy_per_mwh_yr.is_some()
                || x.efficiency_capex_jpy_per_gj_yr.is_some()
                || x.fuel_switches.iter().any(|r| r.capex_jpy.is_some())
                || x.measures.iter().any(|m| m.capex_jpy.is_some())
        })
        || s.materials.iter().any(|m| {
            !m.recycled_price_diff_jpy_per_t.is_empty() || !m.low_carbon_price_diff_jpy_per_t.is_empty()
        })
        || s.ppas.iter().any(|p| {
            !p.price_jpy_per_mwh.is_empty()
                || p.capex_jpy_per_mw.is_some()
                || !p.opex_jpy_per_mw_yr.is_empty()
        })
        || !s.credits.price_jpy_per_t.is_empty()
        || !s.carbon_price_jpy_per_t.is_empty()
}

struct Items {
    list: Vec<PriceItem>,
}

impl Items {
    /// Registers an item when the price is missing or assumed; its index.
    fn add(&mut self, missing: bool, assumed: bool, field: String, what: String) -> Option<usize> {
        let kind = if missing {
            ItemKind::Missing
        } else if assumed {
            ItemKind::Assumed
        } else {
            return None;
        };
        self.list.push(PriceItem { kind, field, what });
        Some(self.list.len() - 1)
    }
}

/// Capacity above its base-year value, `(K(t) − K(base))⁺`, per year.
fn above_base(k: &[f64]) -> Vec<f64> {
    let k0 = k.first().copied().unwrap_or(0.0);
    k.iter().map(|&v| (v - k0).max(0.0)).collect()
}

/// Capex cash per year of a capacity path: new capacity above the running maximum first
/// counting in `τ` is paid in `τ − 1` (ANALYSES.md §1.3), `unit` per unit of capacity.
fn cash(k: &[f64], unit: f64) -> Vec<f64> {
    let mut out = vec![0.0; k.len()];
    let mut max = k.first().copied().unwrap_or(0.0);
    for t in 1..k.len() {
        if k[t] > max {
            out[t - 1] += (k[t] - max) * unit;
            max = k[t];
        }
    }
    out
}

fn add_into(acc: &mut Vec<(LeverGroup, Vec<f64>)>, g: LeverGroup, v: &[f64], scale: f64) {
    if scale == 0.0 || v.iter().all(|&x| x == 0.0) {
        return;
    }
    let slot = match acc.iter().position(|(h, _)| *h == g) {
        Some(i) => &mut acc[i].1,
        None => {
            acc.push((g, vec![0.0; v.len()]));
            &mut acc.last_mut().expect("just pushed").1
        }
    };
    for (a, x) in slot.iter_mut().zip(v) {
        *a += x * scale;
    }
}

/// Efficiency index of the rate lever alone (no discrete measures): Π (1 − rate/100).
fn rate_index(rate: &Path, base: i32, years: usize) -> Vec<f64> {
    let mut acc = 1.0;
    (0..years)
        .map(|i| {
            if i > 0 {
                acc *= 1.0 - rate.value_or(base + i as i32, 0.0) / 100.0;
            }
            acc
        })
        .collect()
}

impl CostC {
    /// Compiles the prices of a scenario whose sites are compiled in `sites`; `None` when the
    /// scenario has no price at all.
    pub fn new(s: &Scenario, sites: &[SiteC]) -> Option<CostC> {
        if !has_prices(s) {
            return None;
        }
        let base = s.base_year;
        let years = s.year_count();
        let r = s.discount_rate_pct / 100.0;
        let mut items = Items { list: Vec::new() };

        let mut power = Vec::with_capacity(s.regions.len() * years);
        let mut region_item = Vec::with_capacity(s.regions.len());
        for (i, reg) in s.regions.iter().enumerate() {
            power.extend(sample(&reg.power_price_jpy_per_mwh, base, years));
            region_item.push(items.add(
                reg.power_price_jpy_per_mwh.is_empty(),
                reg.price_assumption.is_some(),
                format!("regions[{i}].power_price_jpy_per_mwh"),
                format!("grid power price of region \"{}\"", reg.id),
            ));
        }
        // The region's default premium, for the sites that give none: one item per region.
        let premium_items: Vec<Option<usize>> = s
            .regions
            .iter()
            .enumerate()
            .map(|(i, reg)| {
                items.add(
                    reg.co2_free_premium_jpy_per_mwh.is_empty(),
                    reg.price_assumption.is_some(),
                    format!("regions[{i}].co2_free_premium_jpy_per_mwh"),
                    format!(
                        "CO2-free premium of region \"{}\" (for its sites without their own)",
                        reg.id
                    ),
                )
            })
            .collect();
        let mut fuel = Vec::with_capacity(s.fuels.len() * years);
        let mut fuel_item = Vec::with_capacity(s.fuels.len());
        for (i, f) in s.fuels.iter().enumerate() {
            fuel.extend(sample(&f.price_jpy_per_gj, base, years));
            fuel_item.push(items.add(
                f.price_jpy_per_gj.is_empty(),
                f.price_assumption.is_some(),
                format!("fuels[{i}].price_jpy_per_gj"),
                format!("price of fuel \"{}\"", f.id),
            ));
        }

        let mut site_costs: Vec<SiteCost> = Vec::with_capacity(s.sites.len());
        for (si, (site, sc)) in s.sites.iter().zip(sites).enumerate() {
            let region = s.regions.get(sc.region);
            let mut out = SiteCost::default();
            // CO2-free premium: the site's own path, else the region's default.
            // (a site without its own premium shares its region's item)
            let own = !site.co2_free_premium_jpy_per_mwh.is_empty();
            let premium = match region {
                Some(r) if !own => &r.co2_free_premium_jpy_per_mwh,
                _ => &site.co2_free_premium_jpy_per_mwh,
            };
            out.premium = sample(premium, base, years);
            out.opex = sample(&site.process_change_opex_jpy_per_yr, base, years);
            out.fuel_priced = sc
                .active
                .iter()
                .any(|&f| fuel[f * years..(f + 1) * years].iter().any(|&p| p != 0.0));
            if let Some(item) = region_item.get(sc.region).copied().flatten() {
                out.items.push((item, Quantity::Grid));
            }
            let premium_item = if own {
                items.add(
                    false,
                    site.price_assumption.is_some(),
                    format!("sites[{si}].co2_free_premium_jpy_per_mwh"),
                    format!("CO2-free premium at site \"{}\"", site.id),
                )
            } else {
                premium_items.get(sc.region).copied().flatten()
            };
            if let Some(item) = premium_item {
                out.items.push((item, Quantity::Co2Free));
            }
            for &f in &sc.active {
                if let Some(item) = fuel_item[f] {
                    out.fuel_items.push((item, f));
                }
            }

            // Process change: capacity = π, unit = capex of the whole site.
            let pi = &sc.process_change;
            let cap = above_base(pi);
            if cap.iter().any(|&v| v > 0.0) {
                if let Some(u) = site.process_change_capex_jpy {
                    let a = u * crf(r, site.process_change_lifetime_years);
                    add_into(&mut out.annuities, LeverGroup::ProcessChange, &cap, a);
                    add_into(&mut out.cash, LeverGroup::ProcessChange, &cash(pi, u), 1.0);
                }
                if let Some(item) = items.add(
                    site.process_change_capex_jpy.is_none(),
                    site.price_assumption.is_some(),
                    format!("sites[{si}].process_change_capex_jpy"),
                    format!("process-change capex at site \"{}\"", site.id),
                ) {
                    let on = cap;
                    out.items.push((
                        item,
                        Quantity::Capacity {
                            group: LeverGroup::ProcessChange,
                            on,
                        },
                    ));
                }
            }

            // Fuel switching: capacity = σ_k, unit = capex for moving 100 %.
            for (k, rule) in site.fuel_switches.iter().enumerate() {
                let sigma = sample(&rule.share, base, years);
                let cap = above_base(&sigma);
                if cap.iter().all(|&v| v == 0.0) {
                    continue;
                }
                let field = format!("sites[{si}].fuel_switches[{k}].capex_jpy");
                let what = format!(
                    "capex of fuel switch \"{}\" at site \"{}\"",
                    rule.id_or_default(),
                    site.id
                );
                if let Some(u) = rule.capex_jpy {
                    add_into(
                        &mut out.annuities,
                        LeverGroup::FuelSwitch,
                        &cap,
                        u * crf(r, rule.lifetime_years),
                    );
                    add_into(&mut out.cash, LeverGroup::FuelSwitch, &cash(&sigma, u), 1.0);
                }
                if let Some(item) = items.add(
                    rule.capex_jpy.is_none(),
                    site.price_assumption.is_some(),
                    field,
                    what,
                ) {
                    out.items.push((
                        item,
                        Quantity::Capacity {
                            group: LeverGroup::FuelSwitch,
                            on: cap,
                        },
                    ));
                }
            }

            // Efficiency rates: capacity = base demand × (1 − rate index), MWh/yr or GJ/yr.
            let base_fuel: f64 = sc.fuels_gj.iter().sum();
            for (rate, demand, unit, field, what) in [
                (
                    &site.efficiency_electricity_pct,
                    site.electricity_mwh,
                    site.efficiency_capex_jpy_per_mwh_yr,
                    "efficiency_capex_jpy_per_mwh_yr",
                    "electricity",
                ),
                (
                    &site.efficiency_fuel_pct,
                    base_fuel,
                    site.efficiency_capex_jpy_per_gj_yr,
                    "efficiency_capex_jpy_per_gj_yr",
                    "fuel",
                ),
            ] {
                let idx = rate_index(rate, base, years);
                let k: Vec<f64> = idx.iter().map(|&e| demand * (1.0 - e)).collect();
                let cap = above_base(&k);
                if cap.iter().all(|&v| v == 0.0) {
                    continue;
                }
                if let Some(u) = unit {
                    let life = site.efficiency_lifetime_years;
                    add_into(&mut out.annuities, LeverGroup::Efficiency, &cap, u * crf(r, life));
                    add_into(&mut out.cash, LeverGroup::Efficiency, &cash(&k, u), 1.0);
                }
                if let Some(item) = items.add(
                    unit.is_none(),
                    site.price_assumption.is_some(),
                    format!("sites[{si}].{field}"),
                    format!("{what}-efficiency capex at site \"{}\"", site.id),
                ) {
                    out.items.push((
                        item,
                        Quantity::Capacity {
                            group: LeverGroup::Efficiency,
                            on: cap,
                        },
                    ));
                }
            }

            // Discrete measures: capacity 1 while in force, annualised over their life.
            for (k, m) in site.measures.iter().enumerate() {
                let life = m.lifetime_years.unwrap_or(s.cost.default_lifetime_years);
                let in_force: Vec<f64> = (0..years)
                    .map(|i| {
                        let y = i64::from(base) + i as i64;
                        let start = i64::from(m.year);
                        let on = y >= start && m.lifetime_years.is_none_or(|l| y < start + i64::from(l));
                        if on { 1.0 } else { 0.0 }
                    })
                    .collect();
                if let Some(u) = m.capex_jpy {
                    add_into(
                        &mut out.annuities,
                        LeverGroup::Efficiency,
                        &in_force,
                        u * crf(r, life),
                    );
                    let mut c = vec![0.0; years];
                    if let Ok(i) = usize::try_from(i64::from(m.year) - i64::from(base))
                        && (1..years).contains(&i)
                    {
                        c[i - 1] = u;
                    }
                    add_into(&mut out.cash, LeverGroup::Efficiency, &c, 1.0);
                }
                if let Some(item) = items.add(
                    m.capex_jpy.is_none(),
                    site.price_assumption.is_some(),
                    format!("sites[{si}].measures[{k}].capex_jpy"),
                    format!("capex of measure \"{}\" at site \"{}\"", m.name, site.id),
                ) {
                    out.items.push((
                        item,
                        Quantity::Capacity {
                            group: LeverGroup::Efficiency,
                            on: in_force,
                        },
                    ));
                }
            }
            site_costs.push(out);
        }

        // PPAs: deliveries paid in full, O&M per MW, capex on capacity above base.
        let mut ppa_capacity_moves = false;
        for (pi, p) in s.ppas.iter().enumerate() {
            let capacity = sample(&p.capacity_mw, base, years);
            let k0 = p.capacity_mw.value_or(base, 0.0);
            ppa_capacity_moves |= capacity.iter().any(|&v| v != k0);
            let price = sample(&p.price_jpy_per_mwh, base, years);
            let opex = sample(&p.opex_jpy_per_mw_yr, base, years);
            let price_missing = p.price_jpy_per_mwh.is_empty();
            // A missing capex with a price given is 0: the price covers it (§9.45).
            let capex = match (p.capex_jpy_per_mw, price_missing) {
                (Some(u), _) => Some(u),
                (None, false) => Some(0.0),
                (None, true) => None,
            };
            let cap = above_base(&capacity);
            let annuity_unit = capex.map(|u| u * crf(r, p.lifetime_years));
            let price_item = items.add(
                price_missing && p.capex_jpy_per_mw.is_none(),
                p.price_assumption.is_some(),
                format!("ppas[{pi}].price_jpy_per_mwh"),
                format!("price of PPA \"{}\"", p.id),
            );
            let capex_item = if capex.is_none() && cap.iter().any(|&v| v > 0.0) {
                items.add(
                    true,
                    false,
                    format!("ppas[{pi}].capex_jpy_per_mw"),
                    format!("capex of PPA \"{}\"", p.id),
                )
            } else {
                None
            };
            for (site_id, share) in &p.allocation {
                let Some(si) = s.site_index(site_id) else { continue };
                let sc = &mut site_costs[si];
                if sc.ppa_on.is_empty() {
                    sc.ppa_on = vec![0.0; years];
                    sc.ppa_off = vec![0.0; years];
                }
                for t in 0..years {
                    let per_mw = p.yield_mwh_per_mw * price[t] + opex[t];
                    sc.ppa_on[t] += share * capacity[t] * per_mw;
                    sc.ppa_off[t] += share * k0 * per_mw;
                }
                if let Some(u) = annuity_unit {
                    add_into(&mut sc.annuities, LeverGroup::Ppa, &cap, u * share);
                    add_into(
                        &mut sc.cash,
                        LeverGroup::Ppa,
                        &cash(&capacity, capex.unwrap_or(0.0)),
                        *share,
                    );
                }
                if let Some(item) = price_item {
                    // Priced quantity: MWh delivered (or certificates) allocated to the site.
                    let y = p.yield_mwh_per_mw * share;
                    let on = capacity.iter().map(|c| c * y).collect();
                    let off = vec![k0 * y; years];
                    sc.items.push((item, Quantity::Ppa { on, off }));
                }
                if let Some(item) = capex_item {
                    sc.items.push((
                        item,
                        Quantity::Capacity {
                            group: LeverGroup::Ppa,
                            on: cap.iter().map(|c| c * share).collect(),
                        },
                    ));
                }
            }
        }

        let mut materials = Vec::with_capacity(s.materials.len());
        for (mi, m) in s.materials.iter().enumerate() {
            let mut mc = MatCost {
                recycled: sample(&m.recycled_price_diff_jpy_per_t, base, years),
                low_carbon: sample(&m.low_carbon_price_diff_jpy_per_t, base, years),
                items: Vec::new(),
            };
            for (recycled, path, field) in [
                (
                    true,
                    &m.recycled_price_diff_jpy_per_t,
                    "recycled_price_diff_jpy_per_t",
                ),
                (
                    false,
                    &m.low_carbon_price_diff_jpy_per_t,
                    "low_carbon_price_diff_jpy_per_t",
                ),
            ] {
                let route = if recycled { "recycled" } else { "low-carbon" };
                if let Some(item) = items.add(
                    path.is_empty(),
                    m.price_assumption.is_some(),
                    format!("materials[{mi}].{field}"),
                    format!("{route} price difference of material \"{}\"", m.id),
                ) {
                    match m.site.as_deref().and_then(|id| s.site_index(id)) {
                        Some(si) => site_costs[si].items.push((
                            item,
                            Quantity::Material {
                                material: mi,
                                recycled,
                            },
                        )),
                        None => mc.items.push((item, recycled)),
                    }
                }
            }
            materials.push(mc);
        }

        // What can be non-zero at each site, so that runs skip the rest.
        let nonzero = |v: &[f64]| v.iter().any(|&x| x != 0.0);
        for (k, sc) in site_costs.iter_mut().zip(sites) {
            k.power_priced = nonzero(&power[sc.region * years..(sc.region + 1) * years]);
            k.premium_priced = nonzero(&k.premium);
            k.opex_priced = nonzero(&k.opex);
            k.materials_priced = sc
                .materials
                .iter()
                .any(|&mi| nonzero(&materials[mi].recycled) || nonzero(&materials[mi].low_carbon));
            k.priced = k.power_priced
                || k.premium_priced
                || k.opex_priced
                || k.materials_priced
                || k.fuel_priced
                || !k.ppa_on.is_empty()
                || !k.annuities.is_empty();
        }

        let credit_item = items.add(
            s.credits.price_jpy_per_t.is_empty(),
            s.credits.price_assumption.is_some(),
            "credits.price_jpy_per_t".into(),
            "price of credits".into(),
        );
        Some(CostC {
            power,
            fuel,
            sites: site_costs,
            materials,
            credit_price: sample(&s.credits.price_jpy_per_t, base, years),
            credit_item,
            carbon: (!s.carbon_price_jpy_per_t.is_empty())
                .then(|| sample(&s.carbon_price_jpy_per_t, base, years)),
            items: items.list,
            ppa_capacity_moves,
            window_start: (s.cost_from_year() - base).max(0) as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crf_check_values() {
        // ANALYSES.md §1.3 check values.
        assert!((crf(0.04, 15) - 0.08994).abs() < 5e-6);
        assert!((crf(0.04, 20) - 0.07358).abs() < 5e-6);
        assert_eq!(crf(0.0, 15), 1.0 / 15.0);
        // Exact near 0: continuous with 1/L.
        assert!((crf(1e-12, 15) - 1.0 / 15.0).abs() < 1e-12);
        // One year: pay the capex back with a year's interest.
        assert!((crf(0.04, 1) - 1.04).abs() < 1e-12);
    }

    #[test]
    fn cash_pays_new_capacity_above_the_running_maximum_a_year_early() {
        let k = [0.0, 1.0, 1.0, 0.5, 2.0];
        assert_eq!(cash(&k, 10.0), vec![10.0, 0.0, 0.0, 10.0, 0.0]);
        assert_eq!(above_base(&[1.0, 0.5, 3.0]), vec![0.0, 0.0, 2.0]);
    }
}
