//! What a goal seek returns (ANALYSES.md §3.6 step 5), its options and controls, and the
//! block a new goal seek starts from.

use crate::model::{LeverRef, Scenario};
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::time::Duration;

/// How the search ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every target met, and the search converged.
    Optimal,
    /// Every target met; the search stopped early (see [`StoppedBy`]).
    Feasible,
    /// No setting inside the bounds meets every target: the answer is the closest achievable.
    Infeasible,
}

/// Why a search stopped before converging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoppedBy {
    /// The evaluation budget (`max_evaluations`) ran out.
    Budget,
    /// The wall-clock guard ran out (the only exit that depends on the machine).
    Time,
    /// The LP solver failed on a step (it is guarded; the best setting found so far is kept).
    Solver,
}

/// Where a variable ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Lower,
    Upper,
    Inside,
    /// Its bounds leave no room (§9.4): fixed, not optimised.
    NoRoom,
}

/// One lever of the answer.
#[derive(Clone, Debug)]
pub struct VarResult {
    pub lever: LeverRef,
    pub name: String,
    pub unit: &'static str,
    pub lo: f64,
    pub hi: f64,
    pub reach_year: i32,
    /// The plan's own value (in the reach year; efficiency: the year after the freeze year).
    pub current: f64,
    pub value: f64,
    pub at: Bound,
    /// NPV cost per unit of the lever [JPY per unit], at the answer.
    pub cost_per_unit: f64,
    /// Cut of the first listed target per unit of the lever [target unit per lever unit].
    pub cut_per_unit: f64,
    /// No price reaches it: the search treats it as free (it is used first).
    pub free: bool,
}

/// One constraint row of the answer.
#[derive(Clone, Debug)]
pub struct RowResult {
    pub label: String,
    pub year: i32,
    /// t-CO2, or an intensity per t or per million JPY.
    pub unit: crate::engine::targets::TargetUnit,
    pub value: f64,
    pub level: f64,
    /// `level − value` (≥ 0 when met).
    pub slack: f64,
    pub met: bool,
    /// Met with (almost) no slack: this row sets the price of the last tonne.
    pub binding: bool,
}

/// The marginal cost of the last tonne on one binding row (§3.6 step 5, §9.7).
#[derive(Clone, Debug)]
pub struct Marginal {
    pub label: String,
    pub year: i32,
    /// The lever it is read from (strictly inside its bounds).
    pub lever: String,
    /// NPV [JPY] per unit of the target cut in its year (JPY/t for absolute targets).
    pub npv_per_unit_in_year: f64,
    /// NPV [JPY] per discounted tonne over the window: comparable with the MACC's heights.
    pub levelised_jpy_per_t: Option<f64>,
}

/// A target outside the goal seek that the answer moves the wrong way.
#[derive(Clone, Debug)]
pub struct OtherTarget {
    pub label: String,
    pub year: i32,
    pub unit: crate::engine::targets::TargetUnit,
    pub plan_value: f64,
    pub answer_value: f64,
    pub plan_met: bool,
    pub answer_met: bool,
}

/// A target's miss at the closest achievable setting.
#[derive(Clone, Debug)]
pub struct Miss {
    pub label: String,
    pub year: i32,
    pub unit: crate::engine::targets::TargetUnit,
    pub miss: f64,
    pub miss_pct: f64,
}

/// What the goal seek found.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: Status,
    pub stopped_by: Option<StoppedBy>,
    /// The plan met every listed target before the search.
    pub already_met: bool,
    /// The answer is the plan itself (already met and least-cost within the bounds).
    pub unchanged: bool,
    pub freeze_year: i32,
    /// The answer written into a copy of the scenario (the decision paths of §3.3).
    pub scenario: Scenario,
    pub vars: Vec<VarResult>,
    pub rows: Vec<RowResult>,
    /// The same rows for the plan as it was (how much it over-delivers, or misses).
    pub plan_rows: Vec<RowResult>,
    /// NPV of cost against BAU from the year after the freeze year [JPY] (the cost view's
    /// measure): the answer's and the plan's.
    pub npv_jpy: f64,
    pub npv_plan_jpy: f64,
    /// Targets not listed that the answer makes worse (a plan measure the listed targets do
    /// not need may be cut back).
    pub others: Vec<OtherTarget>,
    /// Whether the scenario has any price (without, every lever is free).
    pub priced: bool,
    pub marginal: Vec<Marginal>,
    /// Infeasible: the miss of each row that is not met.
    pub misses: Vec<Miss>,
    /// Infeasible: levers at their upper bound that cut the missed target, with their cut per
    /// unit: the bounds to relax.
    pub relax: Vec<(String, f64)>,
    pub warnings: Vec<String>,
    pub evaluations: u64,
    pub iterations: u32,
    pub elapsed: Duration,
}

impl Answer {
    /// `npv − npv_plan` [JPY].
    pub fn npv_difference_jpy(&self) -> f64 {
        self.npv_jpy - self.npv_plan_jpy
    }
}

/// Cancel flag and progress counter shared with a caller on another thread.
#[derive(Default)]
pub struct Control {
    pub cancel: AtomicBool,
    /// Engine runs so far.
    pub evaluations: AtomicU64,
}

/// Options of one search.
#[derive(Clone, Debug)]
pub struct Options {
    /// Targets to meet, overriding the block's list (the CLI's `--target`).
    pub targets: Option<Vec<String>>,
    /// The wall-clock guard.
    pub time_limit: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            targets: None,
            time_limit: Duration::from_secs(2),
        }
    }
}

/// The search was cancelled.
pub const CANCELLED: &str = "cancelled";

/// The block a new goal seek starts from when the file has none (the window's dialog and
/// the CLI): the first target after the freeze year, in its year; every site's CO2-free share
/// (where it buys power) and process change (where it has process CO2), every fuel switch,
/// the recycled and low-carbon shares of materials whose path is given, and every PPA up to
/// twice its largest planned capacity; each up to the top of its domain, reached in the
/// target's year. Efficiency rates and credits are not added (no natural maximum); the
/// dialog adds them on request.
pub fn default_block(s: &Scenario) -> crate::model::GoalSeek {
    use crate::model::{GoalSeek, SeekLever};
    let freeze = s.default_freeze_year();
    let first = s
        .targets
        .iter()
        .filter(|t| t.year > freeze)
        .min_by_key(|t| t.year)
        .map(|t| t.label.clone());
    let mut levers = Vec::new();
    let mut add = |lever: LeverRef, max: Option<f64>| {
        levers.push(SeekLever {
            lever,
            min: None,
            max,
            reach_year: None,
        })
    };
    for site in &s.sites {
        if site.electricity_mwh > 0.0 {
            add(
                LeverRef::Co2Free {
                    site: site.id.clone(),
                },
                None,
            );
        }
        if site.process_t_co2 > 0.0 {
            add(
                LeverRef::ProcessChange {
                    site: site.id.clone(),
                },
                None,
            );
        }
        for r in &site.fuel_switches {
            add(
                LeverRef::FuelSwitch {
                    site: site.id.clone(),
                    rule: r.id_or_default(),
                },
                None,
            );
        }
    }
    for m in &s.materials {
        if !m.recycled_share.is_empty() {
            add(
                LeverRef::Recycled {
                    material: m.id.clone(),
                },
                None,
            );
        }
        if !m.low_carbon_share.is_empty() {
            add(
                LeverRef::LowCarbon {
                    material: m.id.clone(),
                },
                None,
            );
        }
    }
    for p in &s.ppas {
        let top = p.capacity_mw.keyframes().iter().map(|k| k.1).fold(0.0, f64::max);
        if top > 0.0 {
            add(LeverRef::Ppa { ppa: p.id.clone() }, Some(2.0 * top));
        }
    }
    GoalSeek {
        targets: first.into_iter().collect(),
        levers,
        ..GoalSeek::default()
    }
}
