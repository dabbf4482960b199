//! Wedges and the bridge (MODEL.md §6).
//!
//! Wedges split the gap BAU − scenario of each year over the lever groups by their exact
//! Shapley value: every subset of the *active* groups is run once (a group whose paths equal
//! their BAU values has a Shapley value of 0 and is left out). The bridge walks from a
//! reference year to a later year: activity, grid factor and ownership (Shapley over the three
//! drivers of BAU), then each lever group's change of wedge.

use super::Projection;
use super::compile::{Engine, LeverGroup, LeverSet};
use super::cost::CostYear;
pub use super::metric::Metric;
use super::run::{At, Run, Totals};
use crate::model::{HistoryKind, Scenario};

/// Shapley weight `|S|! (n − |S| − 1)! / n!` of a coalition of size `k` among `n` players.
pub(crate) fn shapley_weight(k: u32, n: u32) -> f64 {
    let fact = |x: u32| (1..=x).map(f64::from).product::<f64>();
    fact(k) * fact(n - k - 1) / fact(n)
}

/// The runs of every subset of the active lever groups.
pub struct LeverRuns {
    /// Active groups, in [`LeverGroup::ALL`] order.
    pub groups: Vec<LeverGroup>,
    /// `totals[mask][year]`, `mask` over `groups`.
    pub totals: Vec<Vec<Totals>>,
    /// `costs[mask][year]` by component; empty when the scenario has no price.
    pub costs: Vec<Vec<CostYear>>,
    /// Shapley shares by (group, site) and of the priced items, accumulated over the same
    /// runs; `None` without prices.
    pub(crate) detail: Option<Detail>,
}

/// Quantities of a site split by (group, site), in the slots of [`Detail::site`].
pub(crate) const SITE_SLOTS: usize = 6;
pub(crate) const SLOT_S1: usize = 0;
pub(crate) const SLOT_S2M: usize = 1;
pub(crate) const SLOT_S2L: usize = 2;
pub(crate) const SLOT_S3: usize = 3;
pub(crate) const SLOT_CREDITS: usize = 4;
pub(crate) const SLOT_COST: usize = 5;

/// Shapley values accumulated run by run: `φ_g = Σ_S c_g(S)·v(S)` with `c_g(S) = +w(|S|−1)`
/// when `g ∈ S`, `−w(|S|)` otherwise (the same weights as the wedges, ANALYSES.md §1.8).
#[derive(Clone, Debug)]
pub(crate) struct Detail {
    pub n_sites: usize,
    pub years: usize,
    /// First year index of the cost window: shares before it are never read, so never summed.
    pub start: usize,
    /// `[((gi * years + y) * (n_sites + 1) + site) * SITE_SLOTS + slot]`, `gi` over the
    /// active groups then the common term (see [`Detail::accumulate`]); site `n_sites` is the
    /// organisation (laid out in the order a run is read). Read through [`Detail::site_share`].
    pub site: Vec<f64>,
    /// `[(y * n_items + item) * 8 + gi]`, read through [`Detail::item_share`].
    pub items: Vec<f64>,
    /// `[y * n_items + item]` (as [`Run::item_qty`]): the largest quantity of an item over
    /// the runs.
    pub item_max: Vec<f64>,
}

impl Engine {
    /// Whether a lever group's paths differ from their BAU values anywhere.
    pub fn group_active(&self, g: LeverGroup) -> bool {
        match g {
            LeverGroup::Co2Free => self
                .sites
                .iter()
                .any(|s| s.co2_free.iter().any(|&v| v != s.co2_free_off)),
            LeverGroup::Recycling => self
                .materials
                .iter()
                .any(|m| m.rho.iter().any(|&v| v != m.rho_off) || m.gamma.iter().any(|&v| v != m.gamma_off)),
            LeverGroup::FuelSwitch => self
                .sites
                .iter()
                .any(|s| s.rules.iter().any(|r| r.share.iter().any(|&v| v != r.share_off))),
            LeverGroup::Ppa => {
                self.sites.iter().any(|s| {
                    s.physical_re.iter().any(|&v| v != s.physical_re_off)
                        || s.virtual_re.iter().any(|&v| v != s.virtual_re_off)
                }) || self.cost.as_ref().is_some_and(|c| c.ppa_capacity_moves)
            }
            LeverGroup::Efficiency => self
                .sites
                .iter()
                .any(|s| s.eta_el.iter().chain(&s.eta_fu).any(|&v| v != 1.0)),
            LeverGroup::ProcessChange => self
                .sites
                .iter()
                .any(|s| s.process_change.iter().any(|&v| v != s.process_change_off)),
            LeverGroup::Credits => self.credits.iter().any(|&v| v != 0.0),
        }
    }

    /// Runs every subset of the active lever groups (2^k runs, buffers reused).
    pub fn lever_runs(&self) -> LeverRuns {
        let groups: Vec<LeverGroup> = LeverGroup::ALL
            .into_iter()
            .filter(|&g| self.group_active(g))
            .collect();
        let mut run = Run::new(self);
        let n = groups.len() as u32;
        let years = self.years;
        let n_sites = self.sites.len();
        let mut detail = self.cost.as_ref().map(|c| Detail {
            n_sites,
            years,
            start: c.window_start.min(years),
            // one more "group": the common term of the accumulation
            site: vec![0.0; (groups.len() + 1) * (n_sites + 1) * years * SITE_SLOTS],
            items: vec![0.0; c.items.len() * years * 8],
            item_max: vec![0.0; c.items.len() * years],
        });
        let mut costs = Vec::new();
        let totals = (0..1usize << n)
            .map(|mask| {
                let set = groups
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .fold(LeverSet::BAU, |acc, (_, &g)| acc.with(g));
                if detail.is_some() {
                    self.run_with_items(set, &mut run);
                } else {
                    self.run_into(set, &mut run);
                }
                if let Some(d) = detail.as_mut() {
                    costs.push(run.cost.clone());
                    d.accumulate(&run, mask, n);
                }
                run.totals.clone()
            })
            .collect();
        LeverRuns {
            groups,
            totals,
            costs,
            detail,
        }
    }
}

impl Detail {
    /// Adds one run's quantities. With `w(k)` the Shapley weight of a coalition of size `k`
    /// (and `w(n) = 0`), `φ_g = Σ_{S∋g} (w(|S|−1) + w(|S|))·v(S) − Σ_S w(|S|)·v(S)`: the last
    /// sum is common to every group (kept in the slot of group index `n`), so a run adds to the
    /// slots of the groups it contains and to the common slot only.
    fn accumulate(&mut self, run: &Run, mask: usize, n: u32) {
        let k = mask.count_ones();
        let (years, n_sites) = (self.years, self.n_sites);
        let n_items = self.item_max.len() / years.max(1);
        let w = |k: u32| if k >= n { 0.0 } else { shapley_weight(k, n) };
        let common = w(k);
        let member = if k > 0 {
            shapley_weight(k - 1, n) + common
        } else {
            0.0
        };
        let mut targets: [(usize, f64); 8] = [(0, 0.0); 8];
        let mut m = 0;
        for gi in 0..n as usize {
            if mask & (1 << gi) != 0 {
                targets[m] = (gi, member);
                m += 1;
            }
        }
        targets[m] = (n as usize, common);
        let targets = &targets[..=m];
        for y in self.start..years {
            let mut s3_sites = 0.0;
            for si in 0..=n_sites {
                let mut v = [0.0; SITE_SLOTS];
                if si < n_sites {
                    let q = run.site(y, si);
                    v[SLOT_S1] = q.scope1;
                    v[SLOT_S2M] = q.scope2_market;
                    v[SLOT_S2L] = q.scope2_location;
                    v[SLOT_S3] = q.scope3;
                    s3_sites += q.scope3;
                } else {
                    let t = &run.totals[y];
                    v[SLOT_S3] = t.scope3 - s3_sites;
                    v[SLOT_CREDITS] = t.credits;
                }
                v[SLOT_COST] = run.site_cost(y, si);
                for &(gi, c) in targets {
                    let base = ((gi * years + y) * (n_sites + 1) + si) * SITE_SLOTS;
                    for (slot, x) in self.site[base..base + SITE_SLOTS].iter_mut().zip(&v) {
                        *slot += c * x;
                    }
                }
            }
            for item in 0..n_items {
                let q = run.item_qty[y * n_items + item];
                if q == 0.0 {
                    continue;
                }
                let at = (y * n_items + item) * 8;
                for &(gi, c) in targets {
                    self.items[at + gi] += c * q;
                }
            }
        }
        for (m, q) in self.item_max.iter_mut().zip(&run.item_qty) {
            *m = m.max(q.abs());
        }
    }

    /// Shapley shares of group `gi` at a site in a year, by slot.
    pub fn site_share(&self, gi: usize, n: usize, y: usize, si: usize) -> [f64; SITE_SLOTS] {
        let at = |g: usize| ((g * self.years + y) * (self.n_sites + 1) + si) * SITE_SLOTS;
        let (a, b) = (at(gi), at(n));
        std::array::from_fn(|k| self.site[a + k] - self.site[b + k])
    }

    /// Shapley share of group `gi` in a priced item's quantity in a year.
    pub fn item_share(&self, gi: usize, n: usize, y: usize, item: usize, n_items: usize) -> f64 {
        let at = (y * n_items + item) * 8;
        self.items[at + gi] - self.items[at + n]
    }
}

/// Wedge of each lever group per year [t-CO2]: `values[year][group]` over [`LeverGroup::ALL`]
/// (0 for inactive groups). `gap[year] = BAU − scenario`; each year's wedges sum to its gap.
#[derive(Clone, Debug, PartialEq)]
pub struct Wedges {
    pub values: Vec<[f64; 7]>,
    pub gap: Vec<f64>,
}

impl LeverRuns {
    pub fn wedges(&self, metric: &Metric) -> Wedges {
        let n = self.groups.len() as u32;
        let full = (1usize << n) - 1;
        let years = self.totals.first().map_or(0, |t| t.len());
        let mut values = vec![[0.0; 7]; years];
        let mut gap = vec![0.0; years];
        let m: Vec<Vec<f64>> = self
            .totals
            .iter()
            .map(|run| run.iter().map(|t| metric.of(t)).collect())
            .collect();
        for y in 0..years {
            gap[y] = m[0][y] - m[full][y];
            for (gi, g) in self.groups.iter().enumerate() {
                let bit = 1usize << gi;
                let mut w = 0.0;
                for mask in 0..=full {
                    if mask & bit != 0 {
                        continue;
                    }
                    // v(S) = metric(BAU) − metric(S): the marginal gain of adding g.
                    w += shapley_weight(mask.count_ones(), n) * (m[mask][y] - m[mask | bit][y]);
                }
                values[y][*g as usize] = w;
            }
        }
        Wedges { values, gap }
    }
}

/// Wedges of a scenario for a metric.
pub fn wedges(engine: &Engine, metric: &Metric) -> Wedges {
    engine.lever_runs().wedges(metric)
}

/// One bar of the bridge.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Machine key: `start`, `to_base_year`, `activity`, `grid_factor`, `ownership`, a lever
    /// group key, `end`.
    pub key: String,
    pub value_t: f64,
}

/// The bridge (waterfall) from `from` to `to`: the start, the change bars, the end; the start
/// plus the changes equals the end (within rounding).
#[derive(Clone, Debug, PartialEq)]
pub struct Bridge {
    pub from: i32,
    pub to: i32,
    pub start_t: f64,
    pub bars: Vec<Bar>,
    pub end_t: f64,
}

/// Builds the bridge for a metric. `from` may be a history year before the base year (then a
/// "to base year" bar closes the gap between the reported value and the model's base year).
pub fn bridge(
    s: &Scenario,
    engine: &Engine,
    p: &Projection,
    runs: &LeverRuns,
    metric: &Metric,
    from: i32,
    to: i32,
) -> Result<Bridge, String> {
    let i1 = p.index(to).ok_or_else(|| {
        format!(
            "FY{to} is outside the projection FY{}–FY{}",
            p.base_year,
            p.last_year()
        )
    })?;
    if to < from {
        return Err(format!("the bridge runs forward: FY{from} is after FY{to}"));
    }
    let mut bars = Vec::new();
    let (start_t, i0) = match p.index(from) {
        Some(i0) => (metric.of(&p.scenario.totals[i0]), i0),
        None => {
            let h = s
                .history_for(from)
                // (outside the projection and not after its end: before the base year)
                .filter(|h| h.kind == HistoryKind::Actual)
                .and_then(|h| h.emissions(&metric.scopes, metric.method))
                .ok_or_else(|| {
                    format!("FY{from}: no reported actual for these scopes and outside the projection")
                })?;
            let base = metric.of(&p.scenario.totals[0]);
            bars.push(Bar {
                key: "to_base_year".into(),
                value_t: base - h,
            });
            (h, 0)
        }
    };
    // Drivers of BAU: Shapley over {activity, grid factor, ownership}; on = year `to`, off = `i0`.
    let mut scratch = Run::new(engine);
    let mut v = [0.0; 8];
    for (mask, slot) in v.iter_mut().enumerate() {
        let pick = |bit: usize| if mask & bit != 0 { i1 } else { i0 };
        let at = At {
            activity: pick(1),
            grid: pick(2),
            ownership: pick(4),
            lever: 0,
        };
        *slot = metric.of(&engine.bau_at(at, &mut scratch));
    }
    for (bit, key) in [(1usize, "activity"), (2, "grid_factor"), (4, "ownership")] {
        let mut w = 0.0;
        for mask in 0..8usize {
            if mask & bit == 0 {
                w += shapley_weight(mask.count_ones(), 3) * (v[mask | bit] - v[mask]);
            }
        }
        bars.push(Bar {
            key: key.into(),
            value_t: w,
        });
    }
    // Lever groups: −(wedge(to) − wedge(from)).
    let w = runs.wedges(metric);
    for g in LeverGroup::ALL {
        let d = -(w.values[i1][g as usize] - w.values[i0][g as usize]);
        if runs.groups.contains(&g) {
            bars.push(Bar {
                key: g.key().into(),
                value_t: d,
            });
        }
    }
    Ok(Bridge {
        from,
        to,
        start_t,
        bars,
        end_t: metric.of(&p.scenario.totals[i1]),
    })
}
