//! Wedges and the bridge (MODEL.md §6).
//!
//! Wedges split the gap BAU − scenario of each year over the lever groups by their exact
//! Shapley value: every subset of the *active* groups is run once (a group whose paths equal
//! their BAU values has a Shapley value of 0 and is left out). The bridge walks from a
//! reference year to a later year: activity, grid factor and ownership (Shapley over the three
//! drivers of BAU), then each lever group's change of wedge.

use super::Projection;
use super::compile::{Engine, LeverGroup};
pub use super::metric::Metric;
use super::run::{At, Run, Totals};
pub(crate) use super::runs::Detail;
use crate::model::{HistoryKind, Scenario};

/// Shapley weight `|S|! (n − |S| − 1)! / n!` of a coalition of size `k` among `n` players.
pub(crate) fn shapley_weight(k: u32, n: u32) -> f64 {
    // 0! … 8!: at most seven lever groups (and three bridge drivers)
    const FACT: [f64; 9] = [1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0];
    FACT[k as usize] * FACT[(n - k - 1) as usize] / FACT[n as usize]
}

/// The runs of every subset of the active lever groups.
pub struct LeverRuns {
    /// Active groups, in [`LeverGroup::ALL`] order.
    pub groups: Vec<LeverGroup>,
    /// `totals[mask][year]`, `mask` over `groups`.
    pub totals: Vec<Vec<Totals>>,
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
                self.sites
                    .iter()
                    .any(|s| s.physical_re != s.physical_re_off || s.virtual_re != s.virtual_re_off)
                    || self.cost.as_ref().is_some_and(|c| c.ppa_capacity_moves)
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
        let weights: Vec<f64> = (0..n).map(|k| shapley_weight(k, n)).collect();
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
                    w += weights[mask.count_ones() as usize] * (m[mask][y] - m[mask | bit][y]);
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
