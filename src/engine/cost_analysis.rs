//! What the plan costs (ANALYSES.md §1.5–1.9 with §9): the plan's cost against BAU, split by
//! lever group (Shapley over the runs of the wedges), by component and by (group, site); NPV,
//! levelised cost per discounted tonne, break-even carbon price, capex intensity, and the
//! carbon-price exposure on its own metric. Pure arithmetic over [`LeverRuns`]: no extra run.

use super::cost::{CostYear, ItemKind, PriceItem};
use super::metric::Metric;
use super::targets::TargetResult;
use super::wedges::{
    Detail, LeverRuns, SLOT_COST, SLOT_CREDITS, SLOT_S1, SLOT_S2L, SLOT_S2M, SLOT_S3, Wedges, shapley_weight,
};
use super::{Engine, LeverGroup};
use crate::model::{Scenario, Scope, Scope2Method, Tonnes};

/// A cost per tonne (or a price) that may not be defined.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PerTonne {
    Value(f64),
    /// The tonnes are within ε of zero: "n/a — no net abatement".
    NoAbatement,
    /// The tonnes are negative: "n/a — raises emissions".
    RaisesEmissions,
}

impl PerTonne {
    /// `money / tonnes`, or why not, with ε the smallest tonnage counted (§1.6).
    pub fn of(money: f64, tonnes: f64, eps: f64) -> PerTonne {
        if tonnes > eps {
            PerTonne::Value(money / tonnes)
        } else if tonnes < -eps {
            PerTonne::RaisesEmissions
        } else {
            PerTonne::NoAbatement
        }
    }
    pub fn value(self) -> Option<f64> {
        match self {
            PerTonne::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// The cost of one lever group (a row of the group table, a bar of the MACC).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupCost {
    pub group: LeverGroup,
    /// NPV of the group's Shapley share of the plan cost [JPY].
    pub npv_jpy: f64,
    /// NPV of each component of the share [JPY].
    pub npv_by_component: [f64; 8],
    /// Abatement discounted over the window (Σ d_t·A_g(t)) [t].
    pub abatement_discounted_t: f64,
    /// Abatement summed over the window [t].
    pub abatement_cumulative_t: f64,
    /// Abatement in the MACC year [t/yr] (the bar's default width).
    pub abatement_macc_year_t: f64,
    /// Abatement summed over the window up to the MACC year [t] (the cumulative width).
    pub abatement_to_macc_year_t: f64,
    /// NPV per discounted tonne (the LCOA) [JPY/t].
    pub lcoa: PerTonne,
    /// NPV per cumulative (undiscounted) tonne [JPY/t], shown beside the LCOA.
    pub per_cumulative_t: PerTonne,
    /// The height of the bar: `lcoa` or `per_cumulative_t` as `cost.tonnes` says.
    pub height: PerTonne,
    /// Constant carbon price at which the group breaks even on the exposure metric [JPY/t].
    pub break_even: PerTonne,
    /// With the carbon price counted as a cost: `(NPV_g + NPV(φ_g[X])) / Σ d_t A_g` [JPY/t].
    pub net_of_carbon: Option<PerTonne>,
    /// Abatement-weighted carbon price `p̄_g` [JPY/t].
    pub carbon_price_weighted: Option<f64>,
    /// Capex cash paid for vintages in `[from_year, macc_year]` [JPY].
    pub capex_cash_jpy: f64,
    /// The association's capex intensity [JPY per t/yr] (§9.43), undiscounted.
    pub capex_intensity: PerTonne,
    /// Priced items missing a price that this group's cost depends on (indices of `items`).
    pub incomplete: Vec<usize>,
    /// Priced items with an assumed price that this group's cost depends on.
    pub assumed: Vec<usize>,
}

/// A (group, site) bar of the detailed MACC (§1.8); `site` is `None` for the organisation.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteBar {
    pub group: LeverGroup,
    pub site: Option<usize>,
    pub npv_jpy: f64,
    pub abatement_macc_year_t: f64,
    pub abatement_to_macc_year_t: f64,
    pub height: PerTonne,
}

/// Carbon-price exposure `X = P^c · max(0, E^c − [offset]·credits)` (§1.4, §9.17).
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    /// The exposure metric.
    pub metric: Metric,
    /// Carbon price per projected year [JPY/t].
    pub price: Vec<f64>,
    pub bau_jpy: Vec<f64>,
    pub plan_jpy: Vec<f64>,
    /// Shapley share of each group in `plan − bau`, `[year][group]` over [`LeverGroup::ALL`].
    pub by_group: Vec<[f64; 7]>,
    pub npv_plan_jpy: f64,
    pub npv_bau_jpy: f64,
    /// Whether the floor `max(0, ·)` is inactive in every run and year of the window (the
    /// condition of the identities of §9.18 and of a per-site split, §9.53).
    pub floor_inactive: bool,
    /// Wedges of the exposure metric.
    pub wedges: Wedges,
}

/// A target's level priced at the carbon price of its year (JX's "≈70億円 a year").
#[derive(Clone, Debug, PartialEq)]
pub struct ExposureAtTarget {
    pub label: String,
    pub year: i32,
    pub level_t: f64,
    pub price_jpy_per_t: f64,
    pub exposure_jpy: f64,
    /// The scenario's own exposure in that year [JPY].
    pub plan_jpy: f64,
}

/// A priced item and whether the analysis had to leave it out.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemUse {
    pub item: PriceItem,
    /// Its quantity is not zero in some run and year of the window.
    pub used: bool,
    /// Groups whose Shapley share of its quantity is not zero.
    pub groups: Vec<LeverGroup>,
    /// Each group's Shapley share of the item's quantity (MWh, GJ, t or capacity) in the year
    /// of the window where it is largest, signed: what the missing price would multiply.
    /// `[group]` over [`LeverGroup::ALL`].
    pub largest_share: [f64; 7],
}

/// The cost analysis of a scenario for a metric.
#[derive(Clone, Debug, PartialEq)]
pub struct CostAnalysis {
    pub base_year: i32,
    /// First year of the window `W` (`t₀`).
    pub from_year: i32,
    pub last_year: i32,
    pub macc_year: i32,
    /// Real discount rate (fraction).
    pub rate: f64,
    pub tonnes: Tonnes,
    /// `d_t` per projected year (0 before the window).
    pub discount: Vec<f64>,
    /// The metric of the abatement (the MACC's and the wedges').
    pub metric: Metric,
    pub groups: Vec<LeverGroup>,
    /// Cost of the scenario and of BAU per year by component [JPY].
    pub scenario: Vec<CostYear>,
    pub bau: Vec<CostYear>,
    /// `ΔC(t)` by group: `[year][group]` over [`LeverGroup::ALL`], by component.
    pub by_group: Vec<[CostYear; 7]>,
    /// Wedges of the metric.
    pub wedges: Wedges,
    pub npv_plan_jpy: f64,
    /// NPV of the plan per discounted tonne of the metric's gap [JPY/t].
    pub lcoa_plan: PerTonne,
    /// Capex cash of the plan over the window [JPY].
    pub capex_cash_jpy: f64,
    pub rows: Vec<GroupCost>,
    pub site_bars: Vec<SiteBar>,
    pub exposure: Option<Exposure>,
    pub at_targets: Vec<ExposureAtTarget>,
    /// The cut the first target on the MACC metric in the MACC year still needs from BAU:
    /// `(label, BAU(Y) − level)` [t], the MACC's vertical line (§1.8).
    pub target_gap_t: Option<(String, f64)>,
    /// The target of [`CostAnalysis::target_gap_t`] is an intensity: its level is the
    /// absolute equivalent in the MACC year, and labels say so.
    pub target_gap_equivalent: bool,
    pub items: Vec<ItemUse>,
}

impl CostAnalysis {
    pub fn index(&self, year: i32) -> Option<usize> {
        let i = usize::try_from(i64::from(year) - i64::from(self.base_year)).ok()?;
        (i < self.scenario.len()).then_some(i)
    }
    /// Plan cost `ΔC(t)` [JPY].
    pub fn plan(&self, i: usize) -> f64 {
        self.scenario[i].total() - self.bau[i].total()
    }
    /// Plan cost by component in a year, `scenario − BAU` [JPY].
    pub fn plan_by_component(&self, i: usize) -> [f64; 8] {
        let (s, b) = (self.scenario[i].as_array(), self.bau[i].as_array());
        std::array::from_fn(|c| s[c] - b[c])
    }
    /// Change of the carbon-price exposure in a year, `scenario − BAU` [JPY].
    pub fn exposure_change(&self, i: usize) -> Option<f64> {
        self.exposure.as_ref().map(|x| x.plan_jpy[i] - x.bau_jpy[i])
    }
    /// Items left out for a missing price and actually needed.
    pub fn missing(&self) -> impl Iterator<Item = &ItemUse> {
        self.items
            .iter()
            .filter(|u| u.used && u.item.kind == ItemKind::Missing)
    }
    /// The window's year indices.
    pub fn window(&self) -> std::ops::Range<usize> {
        (self.from_year - self.base_year) as usize..self.scenario.len()
    }
}

/// The metric's value from a site's accumulated Shapley slots (scopes of the metric, credits).
fn metric_of_slots(m: &Metric, slot: &[f64]) -> f64 {
    let mut v = 0.0;
    if m.has(Scope::Scope1) {
        v += slot[SLOT_S1];
    }
    if m.has(Scope::Scope2) {
        v += match m.method {
            Scope2Method::Market => slot[SLOT_S2M],
            Scope2Method::Location => slot[SLOT_S2L],
        };
    }
    if m.has(Scope::Scope3) {
        v += slot[SLOT_S3];
    }
    if m.credits {
        v -= slot[SLOT_CREDITS];
    }
    v
}

impl LeverRuns {
    /// The cost analysis for a metric; `None` when the scenario has no price.
    pub fn cost(
        &self,
        s: &Scenario,
        engine: &Engine,
        metric: &Metric,
        targets: &[TargetResult],
    ) -> Option<CostAnalysis> {
        let detail = self.detail.as_ref()?;
        let cc = engine.cost.as_ref()?;
        let years = self.totals.first().map_or(0, Vec::len);
        let n = self.groups.len() as u32;
        let full = (1usize << n) - 1;
        let base = engine.base_year;
        let last = base + years as i32 - 1;
        let from_year = s.cost_from_year().clamp(base, last);
        let t0 = (from_year - base) as usize;
        // (a MACC year before the window would have no abatement to draw: the window's start)
        let macc_year = s.macc_year().clamp(from_year, last);
        let im = (macc_year - base) as usize;
        let rate = s.discount_rate_pct / 100.0;
        let discount: Vec<f64> = (0..years)
            .map(|i| {
                if i < t0 {
                    0.0
                } else {
                    (1.0 + rate).powi(-((i - t0) as i32))
                }
            })
            .collect();
        let window = t0..years;

        // Shapley by group and component, BAU and the scenario (from the runs).
        let by_group = detail.by_group.clone();
        let scenario = detail.scenario.clone();
        let bau = detail.bau.clone();
        let wedges = self.wedges(metric);

        // Exposure on its own metric.
        let xm = &s.cost.carbon_price_metric;
        let x_metric = Metric {
            scopes: xm.scopes.clone(),
            method: xm.scope2_method,
            credits: xm.credits_offset,
        };
        let exposure = cc.carbon.as_ref().map(|price| {
            let mut floor_inactive = true;
            let x: Vec<Vec<f64>> = self
                .totals
                .iter()
                .map(|run| {
                    run.iter()
                        .enumerate()
                        .map(|(y, t)| {
                            let e = x_metric.of(t);
                            if e < 0.0 && y >= t0 {
                                floor_inactive = false;
                            }
                            price[y] * e.max(0.0)
                        })
                        .collect()
                })
                .collect();
            let weights: Vec<f64> = (0..n).map(|k| shapley_weight(k, n)).collect();
            let mut by_group = vec![[0.0; 7]; years];
            for (y, slot) in by_group.iter_mut().enumerate() {
                for (gi, g) in self.groups.iter().enumerate() {
                    let bit = 1usize << gi;
                    let mut acc = 0.0;
                    for mask in 0..=full {
                        if mask & bit == 0 {
                            acc += weights[mask.count_ones() as usize] * (x[mask | bit][y] - x[mask][y]);
                        }
                    }
                    slot[*g as usize] = acc;
                }
            }
            let npv = |v: &[f64]| window.clone().map(|t| discount[t] * v[t]).sum::<f64>();
            Exposure {
                metric: x_metric.clone(),
                price: price.clone(),
                npv_plan_jpy: npv(&x[full]),
                npv_bau_jpy: npv(&x[0]),
                bau_jpy: x[0].clone(),
                plan_jpy: x[full].clone(),
                by_group,
                floor_inactive,
                wedges: self.wedges(&x_metric),
            }
        });

        // ε of the metric's tonnes (§1.6) and of the exposure metric's (§9.48).
        let eps_of = |gap: &[f64], disc: bool| {
            let sum: f64 = window
                .clone()
                .map(|t| if disc { discount[t] } else { 1.0 } * gap[t].abs())
                .sum();
            (1e-9 * sum).max(1.0)
        };
        let eps_d = eps_of(&wedges.gap, true);
        // The break-even price is on the exposure metric, with or without a carbon price (§9.18).
        let x_wedges = if x_metric == *metric {
            wedges.clone()
        } else {
            self.wedges(&x_metric)
        };
        let eps_x = eps_of(&x_wedges.gap, true);
        let eps_u = eps_of(&wedges.gap, false);

        // Priced items: used, and which groups' shares depend on them.
        let n_items = cc.items.len();
        let items: Vec<ItemUse> = cc
            .items
            .iter()
            .enumerate()
            .map(|(item, p)| {
                let mut used = false;
                let mut groups = Vec::new();
                let mut largest_share = [0.0f64; 7];
                for y in window.clone() {
                    let max = detail.item_max[y * n_items + item];
                    used |= max > 0.0;
                    for (gi, g) in self.groups.iter().enumerate() {
                        let share = detail.item_share(gi, y, item, n_items);
                        if share.abs() > 1e-9 * max && max > 0.0 && !groups.contains(g) {
                            groups.push(*g);
                        }
                        let slot = &mut largest_share[*g as usize];
                        if share.abs() > slot.abs() {
                            *slot = share;
                        }
                    }
                }
                groups.sort();
                ItemUse {
                    item: p.clone(),
                    used,
                    groups,
                    largest_share,
                }
            })
            .collect();

        // Capex cash by group (from the compiled assets, with ownership at τ − 1).
        let cash_of = |g: LeverGroup, y: usize| -> f64 {
            engine
                .sites
                .iter()
                .zip(&cc.sites)
                .map(|(sc, k)| {
                    k.cash
                        .iter()
                        .filter(|(h, _)| *h == g)
                        .map(|(_, v)| v[y] * sc.ownership[y])
                        .sum::<f64>()
                })
                .sum()
        };

        let mut rows = Vec::new();
        let mut capex_cash_total = 0.0;
        for &g in &self.groups {
            let gi = g as usize;
            let mut npv_by_component = [0.0; 8];
            for t in window.clone() {
                for (c, v) in by_group[t][gi].as_array().iter().enumerate() {
                    npv_by_component[c] += discount[t] * v;
                }
            }
            let npv: f64 = npv_by_component.iter().sum();
            let a = |t: usize| wedges.values[t][gi];
            let disc_t: f64 = window.clone().map(|t| discount[t] * a(t)).sum();
            let cum_t: f64 = window.clone().map(a).sum();
            let to_macc: f64 = window.clone().filter(|&t| t <= im).map(a).sum();
            let lcoa = PerTonne::of(npv, disc_t, eps_d);
            let per_cum = PerTonne::of(npv, cum_t, eps_u);
            let xw: f64 = window.clone().map(|t| discount[t] * x_wedges.values[t][gi]).sum();
            let break_even = PerTonne::of(npv, xw, eps_x);
            let (net_of_carbon, pbar) = match &exposure {
                Some(x) => {
                    let npv_x: f64 = window.clone().map(|t| discount[t] * x.by_group[t][gi]).sum();
                    let pbar = (disc_t.abs() > eps_d).then(|| {
                        window
                            .clone()
                            .map(|t| discount[t] * x.price[t] * a(t))
                            .sum::<f64>()
                            / disc_t
                    });
                    (Some(PerTonne::of(npv + npv_x, disc_t, eps_d)), pbar)
                }
                None => (None, None),
            };
            // Capex intensity (§9.43): cash of vintages τ ∈ [t₀, Y] (paid in τ − 1).
            let mut cash = 0.0;
            for tau in t0.max(1)..=im {
                cash += cash_of(g, tau - 1);
            }
            capex_cash_total += (t0.max(1)..years).map(|tau| cash_of(g, tau - 1)).sum::<f64>();
            let a_before = if t0 == 0 { 0.0 } else { a(t0 - 1) };
            let ci = PerTonne::of(cash, a(im) - a_before, eps_d);
            let depends = |kind: ItemKind| -> Vec<usize> {
                items
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.item.kind == kind && u.groups.contains(&g))
                    .map(|(i, _)| i)
                    .collect()
            };
            rows.push(GroupCost {
                group: g,
                npv_jpy: npv,
                npv_by_component,
                abatement_discounted_t: disc_t,
                abatement_cumulative_t: cum_t,
                abatement_macc_year_t: a(im),
                abatement_to_macc_year_t: to_macc,
                lcoa,
                per_cumulative_t: per_cum,
                height: match s.cost.tonnes {
                    Tonnes::Discounted => lcoa,
                    Tonnes::Undiscounted => per_cum,
                },
                break_even,
                net_of_carbon,
                carbon_price_weighted: pbar,
                capex_cash_jpy: cash,
                capex_intensity: ci,
                incomplete: depends(ItemKind::Missing),
                assumed: depends(ItemKind::Assumed),
            });
        }

        let site_bars = self.site_bars(detail, metric, &discount, t0, im, s.cost.tonnes, eps_d, eps_u);
        let npv_plan: f64 = window
            .clone()
            .map(|t| discount[t] * (scenario[t].total() - bau[t].total()))
            .sum();
        let gap_d: f64 = window.clone().map(|t| discount[t] * wedges.gap[t]).sum();
        let at_targets = match &exposure {
            Some(x) => targets
                .iter()
                .filter(|r| {
                    let m = Metric::of_result(r);
                    m.scopes == x.metric.scopes && m.method == x.metric.method
                })
                .filter_map(|r| {
                    let level = match r.unit {
                        super::targets::TargetUnit::TCo2 => r.level,
                        _ => r.absolute_equivalent.as_ref()?.level_t,
                    };
                    let i = usize::try_from(i64::from(r.year) - i64::from(base))
                        .ok()
                        .filter(|&i| i < years)?;
                    level.is_finite().then(|| ExposureAtTarget {
                        label: r.label.clone(),
                        year: r.year,
                        level_t: level,
                        price_jpy_per_t: x.price[i],
                        exposure_jpy: x.price[i] * level.max(0.0),
                        plan_jpy: x.plan_jpy[i],
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        let gap = targets
            .iter()
            .filter(|r| r.year == macc_year && &Metric::of_result(r) == metric)
            .find_map(|r| {
                let (level, equivalent) = match r.unit {
                    super::targets::TargetUnit::TCo2 => (r.level, false),
                    _ => (r.absolute_equivalent.as_ref()?.level_t, true),
                };
                let bau = metric.of(&self.totals[0][im]);
                Some(((r.label.clone(), bau - level), equivalent))
            });
        Some(CostAnalysis {
            target_gap_equivalent: gap.as_ref().is_some_and(|g| g.1),
            target_gap_t: gap.map(|g| g.0),
            base_year: base,
            from_year,
            last_year: last,
            macc_year,
            rate,
            tonnes: s.cost.tonnes,
            discount,
            metric: metric.clone(),
            groups: self.groups.clone(),
            scenario,
            bau,
            by_group,
            wedges,
            npv_plan_jpy: npv_plan,
            lcoa_plan: PerTonne::of(npv_plan, gap_d, eps_d),
            capex_cash_jpy: capex_cash_total,
            rows,
            site_bars,
            exposure,
            at_targets,
            items,
        })
    }

    /// The (group, site) bars: each site's own Shapley shares of cost and of the metric.
    #[allow(clippy::too_many_arguments)]
    fn site_bars(
        &self,
        d: &Detail,
        metric: &Metric,
        discount: &[f64],
        t0: usize,
        im: usize,
        tonnes: Tonnes,
        eps_d: f64,
        eps_u: f64,
    ) -> Vec<SiteBar> {
        let mut out = Vec::new();
        for (gi, &g) in self.groups.iter().enumerate() {
            for si in 0..=d.n_sites {
                let slot = |y: usize| d.site_share(gi, y, si);
                let mut npv = 0.0;
                let mut disc_t = 0.0;
                let mut cum_t = 0.0;
                let mut to_macc = 0.0;
                let mut any = false;
                for (t, d) in discount.iter().enumerate().skip(t0) {
                    let sl = slot(t);
                    // A wedge is the metric's fall: minus its Shapley share.
                    let a = -metric_of_slots(metric, &sl);
                    npv += d * sl[SLOT_COST];
                    disc_t += d * a;
                    cum_t += a;
                    if t <= im {
                        to_macc += a;
                    }
                    any |= sl[SLOT_COST].abs() > 1e-6 || a.abs() > 1e-9;
                }
                if !any {
                    continue;
                }
                let height = match tonnes {
                    Tonnes::Discounted => PerTonne::of(npv, disc_t, eps_d),
                    Tonnes::Undiscounted => PerTonne::of(npv, cum_t, eps_u),
                };
                out.push(SiteBar {
                    group: g,
                    site: (si < d.n_sites).then_some(si),
                    npv_jpy: npv,
                    abatement_macc_year_t: -metric_of_slots(metric, &slot(im)),
                    abatement_to_macc_year_t: to_macc,
                    height,
                });
            }
        }
        out
    }
}

/// The cost analysis of a scenario on its default metric (the first target's).
pub fn analyse(s: &Scenario) -> Option<CostAnalysis> {
    let engine = Engine::new(s);
    let runs = engine.lever_runs();
    let p = engine.project(s);
    let targets = super::targets::evaluate(s, &p);
    runs.cost(s, &engine, &Metric::default_for(s), &targets)
}
