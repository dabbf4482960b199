//! How sure is the plan (ANALYSES.md §2 with §8 and §9.19–9.27): a Monte Carlo of the
//! scenario's uncertain inputs, each a multiplier on whole paths after the last known year.
//!
//! [`Study::new`] compiles the inputs of a scenario once; [`Study::run`] draws the design
//! (sequentially, one ChaCha8 stream per input), evaluates every draw in parallel — through
//! the scale-factor [`kernel`] when every input is one it can scale, else through the
//! generic path ([`perturb`]: a per-thread engine copy with only the perturbed arrays
//! rewritten) — and reads the fan, the chance of meeting each target, the cost percentiles,
//! the tornado and, on demand, Sobol indices. Same scenario and seed → the same bits on any
//! number of threads (§2.8): each draw writes only its own slot and every sum runs in index
//! order after collection.

pub mod design;
pub mod dist;
mod kernel;
mod perturb;
mod stats;
pub(crate) mod targets;

pub use stats::{percentile, percentiles, percentiles_of};

use super::compile::{Engine, LeverGroup};
use super::metric::Metric;
use super::run::{Run, Totals};
use crate::model::{
    Dist, HistoryKind, LeverName, Route, Sampling, Scenario, UncertainInput, UncertainTarget,
};
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The percentiles of the fan, in order.
pub const FAN_P: [f64; 5] = [0.05, 0.25, 0.50, 0.75, 0.95];

/// What a multiplier does, resolved to indices.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Effect {
    Grid(Vec<usize>),
    Activity {
        sites: Vec<usize>,
        revenue: bool,
    },
    /// PPAs whose yield scales.
    Yield(Vec<usize>),
    /// Own generation assets, as (site, index in the site's list).
    OwnGen(Vec<(usize, usize)>),
    Process(Vec<usize>),
    MaterialEf {
        materials: Vec<usize>,
        route: Route,
    },
    FuelPrice(Vec<usize>),
    PowerPrice(Vec<usize>),
    Premium(Vec<usize>),
    PpaPrice(Vec<usize>),
    MaterialPrice(Vec<usize>),
    CarbonPrice,
    CreditPrice,
    DiscountRate,
    Lever {
        group: LeverGroup,
        ids: Vec<usize>,
    },
}

/// One uncertain input after `each: true` inputs are split by member.
#[derive(Clone, Debug)]
pub struct Input {
    /// `id`, or `id/member` for a member of an `each` input.
    pub label: String,
    /// The stream tag (§9.27).
    pub tag: String,
    pub dist: Dist,
    pub(crate) effect: Effect,
    /// Ramp weight per year index, `w(t) = clamp((t − known_until)/ramp, 0, 1)`.
    pub(crate) ramp: Vec<f64>,
    /// First year index with `w > 0`, and with `w = 1`.
    first: usize,
    full: usize,
    pub source: String,
    pub assumed: bool,
}

/// The uncertainty of a scenario, compiled.
#[derive(Clone, Debug)]
pub struct Study {
    pub inputs: Vec<Input>,
    pub draws: usize,
    pub seed: u64,
    pub sampling: Sampling,
    pub base_year: i32,
    pub years: usize,
    /// The metric of the fan and the tornado (§8.12).
    pub metric: Metric,
    targets: targets::Targets,
    /// Year index the tornado and Sobol read the metric in (the first target's year, else the
    /// last year).
    pub tornado_year: i32,
    /// Whether the kernel can evaluate every input's emissions (no `LeverDelivery`).
    pub kernel_ok: bool,
    /// Whether the scenario has prices (cost percentiles are possible).
    pub has_cost: bool,
    /// Every site's own generation and PPA allocations, in the engine's order.
    pub(crate) assets: Vec<Vec<perturb::AssetC>>,
}

/// Per-year percentiles of the fan.
#[derive(Clone, Debug, PartialEq)]
pub struct FanYear {
    pub year: i32,
    /// P5, P25, P50, P75, P95.
    pub p: [f64; 5],
    pub deterministic: f64,
}

/// The chance of meeting one target.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetChance {
    pub label: String,
    pub year: i32,
    /// Share of draws in which the target's own rule says met.
    pub p_met: f64,
    /// `√(p(1−p)/N)` (conservative under Latin hypercube).
    pub se: f64,
    pub met_deterministic: bool,
    /// P50 of the target's value and of its gap (value − level), in the target's unit.
    pub value_p50: f64,
    pub gap_p50: f64,
}

/// P5 / P50 / P95 of a money figure [JPY].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub deterministic: f64,
}

/// NPV of the plan's cost and of its exposure change over the cost window.
#[derive(Clone, Debug, PartialEq)]
pub struct CostChance {
    pub npv_cost: Spread,
    pub npv_exposure: Option<Spread>,
}

/// One tornado bar: the metric with the input at its P10 and P90, every other input at 1.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoRow {
    pub label: String,
    pub k_low: f64,
    pub k_high: f64,
    pub low: f64,
    pub high: f64,
}

impl TornadoRow {
    pub fn swing(&self) -> f64 {
        (self.high - self.low).abs()
    }
}

/// Sobol first-order and total indices of one input.
#[derive(Clone, Debug, PartialEq)]
pub struct SobolRow {
    pub label: String,
    pub first: f64,
    pub total: f64,
}

/// Everything one analysis shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub draws: usize,
    /// The seed the draws came from (the file's, or the one asked for).
    pub seed: u64,
    pub metric: Metric,
    pub fan: Vec<FanYear>,
    pub targets: Vec<TargetChance>,
    /// P(every target met), with its standard error; `None` without targets.
    pub all_met: Option<(f64, f64)>,
    pub cost: Option<CostChance>,
    /// The tornado's metric year, its deterministic value and the rows, widest first.
    pub tornado_year: i32,
    pub tornado_base: f64,
    pub tornado: Vec<TornadoRow>,
    pub sobol: Option<Vec<SobolRow>>,
    /// Whether the draws ran through the kernel (else the generic path).
    pub kernel: bool,
}

impl Outcome {
    /// The chance of the k-th target of the file, when it is the target named (a fan of an
    /// earlier state of the scenario may have other targets).
    pub fn chance_of(&self, k: usize, label: &str, year: i32) -> Option<&TargetChance> {
        self.targets.get(k).filter(|t| t.label == label && t.year == year)
    }
}

/// What to compute besides the fan and P(met).
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Override the file's number of draws.
    pub draws: Option<usize>,
    /// Override the file's seed.
    pub seed: Option<u64>,
    /// Percentiles of NPV cost and exposure (generic path; only with prices).
    pub cost: bool,
    /// The tornado (2K + 1 runs).
    pub tornado: bool,
    /// Sobol indices with this many base samples (`N_s (K + 2)` runs).
    pub sobol: Option<usize>,
}

/// Progress of a long analysis, and its Cancel.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    pub cancel: AtomicBool,
}

impl Progress {
    pub fn fraction(&self) -> f32 {
        let t = self.total.load(Ordering::Relaxed).max(1);
        self.done.load(Ordering::Relaxed) as f32 / t as f32
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// The analysis was cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

fn lever_group(n: LeverName) -> LeverGroup {
    match n {
        LeverName::Co2Free => LeverGroup::Co2Free,
        LeverName::Recycling => LeverGroup::Recycling,
        LeverName::FuelSwitch => LeverGroup::FuelSwitch,
        LeverName::Ppa => LeverGroup::Ppa,
        LeverName::Efficiency => LeverGroup::Efficiency,
        LeverName::ProcessChange => LeverGroup::ProcessChange,
        LeverName::Credits => LeverGroup::Credits,
    }
}

/// The default last known year: the latest `Actual` history year ≥ the base year, else the
/// base year (§2.5).
pub fn default_known_until(s: &Scenario) -> i32 {
    s.history
        .iter()
        .filter(|h| h.kind == HistoryKind::Actual && h.year >= s.base_year && h.year <= s.last_year)
        .map(|h| h.year)
        .max()
        .unwrap_or(s.base_year)
}

/// Indices of the listed ids among `all` (every index when the list is empty).
fn members(list: &[String], all: &[&str]) -> Vec<usize> {
    if list.is_empty() {
        (0..all.len()).collect()
    } else {
        list.iter()
            .filter_map(|id| all.iter().position(|a| a == id))
            .collect()
    }
}

/// Resolves one input's target; `None` entries of members are split by `each`.
fn resolve(s: &Scenario, t: &UncertainTarget) -> (Effect, Vec<String>) {
    let ids =
        |v: Vec<usize>, names: &[&str]| -> Vec<String> { v.iter().map(|&i| names[i].to_string()).collect() };
    let regions: Vec<&str> = s.regions.iter().map(|x| x.id.as_str()).collect();
    let sites: Vec<&str> = s.sites.iter().map(|x| x.id.as_str()).collect();
    let fuels: Vec<&str> = s.fuels.iter().map(|x| x.id.as_str()).collect();
    let materials: Vec<&str> = s.materials.iter().map(|x| x.id.as_str()).collect();
    let ppas: Vec<&str> = s.ppas.iter().map(|x| x.id.as_str()).collect();
    match t {
        UncertainTarget::GridEf { regions: l } => {
            let m = members(l, &regions);
            (Effect::Grid(m.clone()), ids(m, &regions))
        }
        UncertainTarget::Activity {
            sites: l,
            scale_revenue,
        } => {
            let m = members(l, &sites);
            // Revenue moves with a company-wide input only (§9.22).
            let revenue = *scale_revenue && m.len() == sites.len();
            (
                Effect::Activity {
                    sites: m.clone(),
                    revenue,
                },
                ids(m, &sites),
            )
        }
        UncertainTarget::PpaYield { ppas: l } => {
            let m = members(l, &ppas);
            (Effect::Yield(m.clone()), ids(m, &ppas))
        }
        UncertainTarget::OwnGeneration { sites: l, kind } => {
            let m = members(l, &sites);
            let assets = m
                .iter()
                .flat_map(|&si| {
                    s.sites[si]
                        .own_generation
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| kind.is_none_or(|k| g.kind == k))
                        .map(move |(gi, _)| (si, gi))
                })
                .collect();
            (Effect::OwnGen(assets), ids(m, &sites))
        }
        UncertainTarget::ProcessEmissions { sites: l } => {
            let m = members(l, &sites);
            (Effect::Process(m.clone()), ids(m, &sites))
        }
        UncertainTarget::MaterialEf { materials: l, route } => {
            let m = members(l, &materials);
            (
                Effect::MaterialEf {
                    materials: m.clone(),
                    route: *route,
                },
                ids(m, &materials),
            )
        }
        UncertainTarget::FuelPrice { fuels: l } => {
            let m = members(l, &fuels);
            (Effect::FuelPrice(m.clone()), ids(m, &fuels))
        }
        UncertainTarget::PowerPrice { regions: l } => {
            let m = members(l, &regions);
            (Effect::PowerPrice(m.clone()), ids(m, &regions))
        }
        UncertainTarget::Co2FreePremium { sites: l } => {
            let m = members(l, &sites);
            (Effect::Premium(m.clone()), ids(m, &sites))
        }
        UncertainTarget::PpaPrice { ppas: l } => {
            let m = members(l, &ppas);
            (Effect::PpaPrice(m.clone()), ids(m, &ppas))
        }
        UncertainTarget::MaterialPrice { materials: l } => {
            let m = members(l, &materials);
            (Effect::MaterialPrice(m.clone()), ids(m, &materials))
        }
        UncertainTarget::CarbonPrice => (Effect::CarbonPrice, Vec::new()),
        UncertainTarget::CreditPrice => (Effect::CreditPrice, Vec::new()),
        UncertainTarget::DiscountRate => (Effect::DiscountRate, Vec::new()),
        UncertainTarget::LeverDelivery { group, ids: l } => {
            let g = lever_group(*group);
            let names: &[&str] = match g {
                LeverGroup::Recycling => &materials,
                LeverGroup::Ppa => &ppas,
                _ => &sites,
            };
            let m = if g == LeverGroup::Credits {
                Vec::new()
            } else {
                members(l, names)
            };
            (
                Effect::Lever {
                    group: g,
                    ids: m.clone(),
                },
                ids(m, names),
            )
        }
    }
}

/// The same effect restricted to one member (for `each: true`).
fn only(effect: &Effect, k: usize) -> Effect {
    let one = |v: &Vec<usize>| vec![v[k]];
    match effect {
        Effect::Grid(v) => Effect::Grid(one(v)),
        Effect::Activity { sites, .. } => Effect::Activity {
            sites: one(sites),
            revenue: false,
        },
        Effect::Yield(v) => Effect::Yield(one(v)),
        // members of own generation are sites: keep that site's assets
        Effect::OwnGen(_) => unreachable!("split by site in Study::new"),
        Effect::Process(v) => Effect::Process(one(v)),
        Effect::MaterialEf { materials, route } => Effect::MaterialEf {
            materials: one(materials),
            route: *route,
        },
        Effect::FuelPrice(v) => Effect::FuelPrice(one(v)),
        Effect::PowerPrice(v) => Effect::PowerPrice(one(v)),
        Effect::Premium(v) => Effect::Premium(one(v)),
        Effect::PpaPrice(v) => Effect::PpaPrice(one(v)),
        Effect::MaterialPrice(v) => Effect::MaterialPrice(one(v)),
        Effect::Lever { group, ids } => Effect::Lever {
            group: *group,
            ids: one(ids),
        },
        e => e.clone(),
    }
}

/// The first index where the (non-decreasing) ramp satisfies `f`, else its length.
fn first_where(ramp: &[f64], f: impl Fn(f64) -> bool) -> usize {
    ramp.iter().position(|&w| f(w)).unwrap_or(ramp.len())
}

fn ramp(s: &Scenario, i: &UncertainInput, default_known: i32) -> Vec<f64> {
    let years = s.year_count();
    if matches!(i.target, UncertainTarget::DiscountRate) {
        return vec![1.0; years];
    }
    let known = i.known_until.unwrap_or(default_known);
    let r = f64::from(i.ramp_years.max(1));
    (0..years)
        .map(|y| {
            let t = s.base_year + y as i32;
            (f64::from(t - known) / r).clamp(0.0, 1.0)
        })
        .collect()
}

impl Study {
    /// Compiles the uncertainty block of a valid scenario.
    pub fn new(s: &Scenario) -> Study {
        let u = &s.uncertainty;
        let known = default_known_until(s);
        let mut inputs = Vec::new();
        for i in &u.inputs {
            let (effect, names) = resolve(s, &i.target);
            let ramp = ramp(s, i, known);
            let assumed = i.assumption.is_some();
            if i.each && names.len() > 1 {
                for (k, name) in names.iter().enumerate() {
                    let effect = match &effect {
                        Effect::OwnGen(assets) => {
                            let si = s.site_index(name).unwrap_or(usize::MAX);
                            Effect::OwnGen(assets.iter().copied().filter(|a| a.0 == si).collect())
                        }
                        e => only(e, k),
                    };
                    inputs.push(Input {
                        label: format!("{}/{name}", i.id),
                        tag: format!("member:{}\0{name}", i.id),
                        dist: i.dist,
                        effect,
                        first: first_where(&ramp, |w| w > 0.0),
                        full: first_where(&ramp, |w| w >= 1.0),
                        ramp: ramp.clone(),
                        source: i.source.clone(),
                        assumed,
                    });
                }
            } else {
                inputs.push(Input {
                    label: i.id.clone(),
                    tag: format!("input:{}", i.id),
                    dist: i.dist,
                    effect,
                    first: first_where(&ramp, |w| w > 0.0),
                    full: first_where(&ramp, |w| w >= 1.0),
                    ramp,
                    source: i.source.clone(),
                    assumed,
                });
            }
        }
        let metric = Metric::default_for(s);
        let tornado_year = s.targets.first().map_or(s.last_year, |t| t.year);
        Study {
            kernel_ok: !inputs.iter().any(|i| matches!(i.effect, Effect::Lever { .. })),
            has_cost: super::cost::has_prices(s),
            inputs,
            draws: u.draws as usize,
            seed: u.seed,
            sampling: u.sampling,
            base_year: s.base_year,
            years: s.year_count(),
            metric,
            targets: targets::Targets::new(s),
            tornado_year,
            assets: perturb::assets(s),
        }
    }

    /// The same study on another metric (the window's shared metric, §8.12).
    pub fn with_metric(mut self, metric: Metric) -> Study {
        self.metric = metric;
        self
    }

    /// The multipliers of `n` draws, `[draw * K + input]`, from the streams (§2.6). Each
    /// input's column comes from its own stream, so columns are made in parallel and the
    /// result is the same on any number of threads.
    pub fn design(&self, n: usize, seed: u64) -> Vec<f64> {
        let k = self.inputs.len();
        let latin = self.sampling == Sampling::LatinHypercube;
        let columns: Vec<Vec<f64>> = self
            .inputs
            .par_iter()
            .map(|input| {
                let mut rng = design::stream(seed, &input.tag);
                let mut col = Vec::with_capacity(n);
                design::column(&mut rng, n, latin, &mut col);
                dist::quantiles_in_place(&input.dist, &mut col);
                col
            })
            .collect();
        let mut out = vec![0.0; n * k];
        for (i, col) in columns.iter().enumerate() {
            for (j, &v) in col.iter().enumerate() {
                out[j * k + i] = v;
            }
        }
        out
    }

    /// Runs the analysis. `engine` is the scenario's compiled engine.
    pub fn run(
        &self,
        s: &Scenario,
        engine: &Engine,
        opt: Options,
        progress: &Progress,
    ) -> Result<Outcome, Cancelled> {
        let n = opt.draws.unwrap_or(self.draws).max(1);
        let seed = opt.seed.unwrap_or(self.seed);
        let mults = self.design(n, seed);
        self.run_design(s, engine, &mults, opt, progress)
    }

    /// [`Study::run`] on draws already made by [`Study::design`] (`opt.draws` of them, with
    /// `opt.seed`): the benchmarks time the evaluation apart from the sampling.
    #[doc(hidden)]
    pub fn run_design(
        &self,
        s: &Scenario,
        engine: &Engine,
        mults: &[f64],
        opt: Options,
        progress: &Progress,
    ) -> Result<Outcome, Cancelled> {
        let n = opt.draws.unwrap_or(self.draws).max(1);
        let seed = opt.seed.unwrap_or(self.seed);
        let k = self.inputs.len();
        assert_eq!(mults.len(), n * k, "a design of n draws");
        let years = self.years;
        let cost = opt.cost && self.has_cost;
        let sobol_runs = opt.sobol.map_or(0, |ns| ns * (k + 2));
        progress.total.store(
            n + if opt.tornado { 2 * k } else { 0 } + sobol_runs,
            Ordering::Relaxed,
        );
        progress.done.store(0, Ordering::Relaxed);

        let eval = Evaluator::new(self, s, engine, cost);
        let per = eval.per_draw();
        let mut out = vec![0.0; n * per];
        eval.many(mults, &mut out, progress)?;

        // Deterministic figures: the scenario itself.
        let ones = vec![1.0; k];
        let mut det = vec![0.0; per];
        eval.one(&ones, &mut det, &mut eval.scratch());
        // A column (a year, a target's value, …) read in place from the draws' rows.
        let col = |c: usize| out[c..].iter().step_by(per).take(n).copied();
        let fan = (0..years)
            .into_par_iter()
            .map(|y| FanYear {
                year: self.base_year + y as i32,
                p: percentiles_of(col(y), FAN_P),
                deterministic: det[y],
            })
            .collect();
        let nt = self.targets.len();
        let mut targets = Vec::with_capacity(nt);
        let mut all = 0usize;
        for j in 0..n {
            let row = &out[j * per..(j + 1) * per];
            if (0..nt).all(|t| row[eval.met_at(t)] != 0.0) {
                all += 1;
            }
        }
        let nf = n as f64;
        let se = |p: f64| (p * (1.0 - p) / nf).sqrt();
        for t in 0..nt {
            let met = (0..n).filter(|&j| out[j * per + eval.met_at(t)] != 0.0).count();
            let p = met as f64 / nf;
            let [value_p50] = percentiles_of(col(eval.value_at(t)), [0.5]);
            let [gap_p50] = percentiles_of(col(eval.gap_at(t)), [0.5]);
            let (label, year) = self.targets.label(t);
            targets.push(TargetChance {
                label: label.to_string(),
                year,
                p_met: p,
                se: se(p),
                met_deterministic: det[eval.met_at(t)] != 0.0,
                value_p50,
                gap_p50,
            });
        }
        let all_met = (nt > 0).then(|| {
            let p = all as f64 / nf;
            (p, se(p))
        });
        let cost = cost.then(|| {
            let spread = |at: usize| {
                let [p5, p50, p95] = percentiles_of(col(at), [0.05, 0.5, 0.95]);
                Spread {
                    p5,
                    p50,
                    p95,
                    deterministic: det[at],
                }
            };
            CostChance {
                npv_cost: spread(eval.cost_at()),
                npv_exposure: eval.has_exposure().then(|| spread(eval.cost_at() + 1)),
            }
        });

        // Tornado: each input at its P10 and P90, every other at 1.
        let ty = (self.tornado_year - self.base_year).clamp(0, years as i32 - 1) as usize;
        let mut tornado = Vec::new();
        if opt.tornado {
            let mut rows: Vec<(usize, [f64; 2])> = Vec::with_capacity(2 * k);
            for i in 0..k {
                for (side, q) in [0.1, 0.9].into_iter().enumerate() {
                    let mut m = ones.clone();
                    m[i] = dist::quantile(&self.inputs[i].dist, q);
                    rows.push((i, [m[i], side as f64]));
                }
            }
            let vals: Vec<f64> = rows
                .par_iter()
                .map_init(
                    || (eval.scratch(), vec![0.0; per]),
                    |(scr, buf), (i, [ki, _])| {
                        let mut m = ones.clone();
                        m[*i] = *ki;
                        eval.one(&m, buf, scr);
                        progress.done.fetch_add(1, Ordering::Relaxed);
                        buf[ty]
                    },
                )
                .collect();
            for i in 0..k {
                tornado.push(TornadoRow {
                    label: self.inputs[i].label.clone(),
                    k_low: rows[2 * i].1[0],
                    k_high: rows[2 * i + 1].1[0],
                    low: vals[2 * i],
                    high: vals[2 * i + 1],
                });
            }
            tornado.sort_by(|a, b| {
                b.swing()
                    .total_cmp(&a.swing())
                    .then_with(|| a.label.cmp(&b.label))
            });
        }
        if progress.cancelled() {
            return Err(Cancelled);
        }
        let sobol = match opt.sobol {
            Some(ns) if k > 0 => Some(self.sobol(&eval, ns.max(2), seed, ty, progress)?),
            _ => None,
        };
        Ok(Outcome {
            draws: n,
            seed,
            metric: self.metric.clone(),
            fan,
            targets,
            all_met,
            cost,
            tornado_year: self.base_year + ty as i32,
            tornado_base: det[ty],
            tornado,
            sobol,
            kernel: eval.kernel.is_some(),
        })
    }

    /// Saltelli's scheme (§2.7): A and B from their own streams, `AB_i` = A with column i
    /// from B; first order by Saltelli (2010), total by Jansen (1999).
    fn sobol(
        &self,
        eval: &Evaluator,
        ns: usize,
        seed: u64,
        ty: usize,
        progress: &Progress,
    ) -> Result<Vec<SobolRow>, Cancelled> {
        let k = self.inputs.len();
        let matrix = |which: &str| {
            let mut m = vec![0.0; ns * k];
            let mut col = Vec::with_capacity(ns);
            for (i, input) in self.inputs.iter().enumerate() {
                let mut rng = design::stream(seed, &format!("sobol:{which}:{}", input.tag));
                design::column(&mut rng, ns, false, &mut col);
                dist::quantiles_in_place(&input.dist, &mut col);
                for (j, &v) in col.iter().enumerate() {
                    m[j * k + i] = v;
                }
            }
            m
        };
        let (a, b) = (matrix("A"), matrix("B"));
        // Rows: A, B, then AB_0 … AB_{K−1}.
        let mut rows = Vec::with_capacity(ns * (k + 2) * k);
        rows.extend_from_slice(&a);
        rows.extend_from_slice(&b);
        for i in 0..k {
            for j in 0..ns {
                let mut r = a[j * k..(j + 1) * k].to_vec();
                r[i] = b[j * k + i];
                rows.extend(r);
            }
        }
        let per = eval.per_draw();
        let total = ns * (k + 2);
        let mut out = vec![0.0; total * per];
        eval.many(&rows, &mut out, progress)?;
        let f = |r: usize| out[r * per + ty];
        let fa: Vec<f64> = (0..ns).map(f).collect();
        let fb: Vec<f64> = (ns..2 * ns).map(f).collect();
        let all: Vec<f64> = fa.iter().chain(&fb).copied().collect();
        let mean = all.iter().sum::<f64>() / all.len() as f64;
        let var = all
            .iter()
            .map(|x| {
                let d = x - mean;
                d * d
            })
            .sum::<f64>()
            / all.len() as f64;
        Ok((0..k)
            .map(|i| {
                let fab: Vec<f64> = (0..ns).map(|j| f((2 + i) * ns + j)).collect();
                let (first, total) = if var > 0.0 {
                    // f(B) centred: the same expectation (E[f(A_B^i) − f(A)] = 0), without the
                    // noise of a mean that is large against the spread
                    let s1 =
                        (0..ns).map(|j| (fb[j] - mean) * (fab[j] - fa[j])).sum::<f64>() / ns as f64 / var;
                    let st = (0..ns).map(|j| (fa[j] - fab[j]).powi(2)).sum::<f64>() / ns as f64 / (2.0 * var);
                    (s1, st)
                } else {
                    (0.0, 0.0)
                };
                SobolRow {
                    label: self.inputs[i].label.clone(),
                    first,
                    total,
                }
            })
            .collect())
    }
}

/// Evaluates draws: the metric per year, then per target (value, gap, met), then the NPV of
/// cost and exposure when asked. Kernel when it can, else the generic path.
pub struct Evaluator<'a> {
    study: &'a Study,
    engine: &'a Engine,
    kernel: Option<kernel::Kernel>,
    perturb: perturb::Perturb<'a>,
    cost: Option<perturb::CostWindow>,
}

/// Per-thread scratch of an [`Evaluator`].
pub struct Scratch {
    kernel: kernel::Scratch,
    engine: Option<Box<Engine>>,
    run: Option<Box<(Run, Run)>>,
    totals: Vec<Totals>,
    production: Vec<f64>,
    revenue: Vec<f64>,
    km: Vec<f64>,
}

impl<'a> Evaluator<'a> {
    /// An evaluator of draws of `study` on the scenario's engine; `cost` adds the NPV
    /// percentiles (generic path).
    pub fn new(study: &'a Study, s: &'a Scenario, engine: &'a Engine, cost: bool) -> Evaluator<'a> {
        let cost = cost.then(|| perturb::CostWindow::new(s, engine)).flatten();
        Evaluator {
            study,
            engine,
            kernel: (study.kernel_ok && cost.is_none()).then(|| kernel::Kernel::new(engine, study)),
            perturb: perturb::Perturb::new(s, engine, study),
            cost,
        }
    }

    /// Numbers written per draw: the metric per year, then (value, gap, met) per target, then
    /// the NPV of cost and exposure.
    pub fn per_draw(&self) -> usize {
        self.study.years + 3 * self.study.targets.len() + if self.cost.is_some() { 2 } else { 0 }
    }
    fn value_at(&self, t: usize) -> usize {
        self.study.years + 3 * t
    }
    fn gap_at(&self, t: usize) -> usize {
        self.study.years + 3 * t + 1
    }
    fn met_at(&self, t: usize) -> usize {
        self.study.years + 3 * t + 2
    }
    fn cost_at(&self) -> usize {
        self.study.years + 3 * self.study.targets.len()
    }
    fn has_exposure(&self) -> bool {
        self.cost.as_ref().is_some_and(|c| c.has_exposure())
    }

    /// Per-thread buffers.
    pub fn scratch(&self) -> Scratch {
        let years = self.study.years;
        Scratch {
            kernel: kernel::Scratch::default(),
            engine: self.kernel.is_none().then(|| Box::new(self.engine.clone())),
            run: self
                .kernel
                .is_none()
                .then(|| Box::new((Run::new(self.engine), Run::new(self.engine)))),
            totals: vec![Totals::default(); years],
            production: vec![0.0; years],
            revenue: vec![0.0; years],
            km: vec![1.0; self.study.inputs.len() * years],
        }
    }

    /// One draw with multipliers `k` into `out` (length [`Evaluator::per_draw`]).
    pub fn one(&self, k: &[f64], out: &mut [f64], scr: &mut Scratch) {
        let years = self.study.years;
        multipliers(&self.study.inputs, k, years, &mut scr.km);
        let revenue = match &self.kernel {
            Some(kern) => {
                kern.run(
                    &scr.km,
                    &mut scr.kernel,
                    &mut scr.totals,
                    &mut scr.production,
                    &mut scr.revenue,
                );
                kern.has_revenue().then_some(&scr.revenue[..])
            }
            None => {
                let e = scr.engine.as_mut().expect("generic scratch");
                let runs = scr.run.as_mut().expect("generic runs");
                let rate = self.perturb.apply(k, &scr.km, e);
                e.run_into(super::LeverSet::ALL, &mut runs.0);
                scr.totals.copy_from_slice(&runs.0.totals);
                for (p, en) in scr.production.iter_mut().zip(&runs.0.energy) {
                    *p = en.production_t;
                }
                if let Some(c) = &self.cost {
                    e.run_into(super::LeverSet::BAU, &mut runs.1);
                    let (npv_c, npv_x) = c.npv(e, &runs.0, &runs.1, rate);
                    let at = self.cost_at();
                    out[at] = npv_c;
                    if c.has_exposure() {
                        out[at + 1] = npv_x;
                    }
                }
                match &e.revenue {
                    Some(r) => {
                        scr.revenue.copy_from_slice(r);
                        Some(&scr.revenue[..])
                    }
                    None => None,
                }
            }
        };
        for (slot, t) in out[..years].iter_mut().zip(&scr.totals) {
            *slot = self.study.metric.of(t);
        }
        for t in 0..self.study.targets.len() {
            let r = self
                .study
                .targets
                .evaluate(t, &scr.totals, &scr.production, revenue);
            out[self.value_at(t)] = r.value;
            out[self.gap_at(t)] = r.value - r.level;
            out[self.met_at(t)] = if r.met { 1.0 } else { 0.0 };
        }
    }

    /// Every row of `mults` (`[draw * K + input]`) into `out`, in parallel; each draw writes
    /// only its own slot.
    pub fn many(&self, mults: &[f64], out: &mut [f64], progress: &Progress) -> Result<(), Cancelled> {
        let k = self.study.inputs.len();
        let per = self.per_draw();
        // Chunks of draws, so Cancel and progress are checked without a cost per draw.
        const CHUNK: usize = 64;
        out.par_chunks_mut(per * CHUNK).enumerate().try_for_each_init(
            || self.scratch(),
            |scr, (c, chunk)| {
                if progress.cancelled() {
                    return Err(Cancelled);
                }
                for (d, slot) in chunk.chunks_mut(per).enumerate() {
                    let j = c * CHUNK + d;
                    let m = if k == 0 {
                        &[][..]
                    } else {
                        &mults[j * k..(j + 1) * k]
                    };
                    self.one(m, slot, scr);
                }
                progress.done.fetch_add(chunk.len() / per, Ordering::Relaxed);
                Ok(())
            },
        )
    }
}

/// Each input's multiplier per year for a draw `k`, `[input * years + y]`. Years before an
/// input's first uncertain year are never written: `km` starts at 1.0 there.
fn multipliers(inputs: &[Input], k: &[f64], years: usize, km: &mut [f64]) {
    for ((input, &ki), row) in inputs.iter().zip(k).zip(km.chunks_exact_mut(years)) {
        let d = ki - 1.0;
        let (first, full) = (input.first.min(years), input.full.min(years));
        for (slot, w) in row[first..full].iter_mut().zip(&input.ramp[first..full]) {
            *slot = 1.0 + d * w;
        }
        // w = 1 from `full` on: k itself (1 + (k − 1) is not always k in floating point)
        row[full..].fill(ki);
    }
}

/// Runs the draws of a scenario's file settings and the tornado: the window's and the CLI's
/// one call.
pub fn analyse(
    s: &Scenario,
    engine: &Engine,
    opt: Options,
    progress: &Progress,
) -> Result<Outcome, Cancelled> {
    Study::new(s).run(s, engine, opt, progress)
}

/// Draws of the fan and P(met) only, through the kernel when it can (the live fan).
pub fn fan(s: &Scenario, engine: &Engine, draws: usize) -> Outcome {
    let opt = Options {
        draws: Some(draws),
        ..Options::default()
    };
    match analyse(s, engine, opt, &Progress::default()) {
        Ok(o) => o,
        Err(Cancelled) => unreachable!("no one cancels this progress"),
    }
}

/// The multipliers of every input of a draw evaluated through the full engine (the generic
/// path), for tests of the kernel: `(metric per year, totals per year)`.
pub fn full_engine_draw(s: &Scenario, k: &[f64]) -> Vec<Totals> {
    let engine = Engine::new(s);
    let study = Study::new(s);
    let p = perturb::Perturb::new(s, &engine, &study);
    let mut e = engine.clone();
    let years = study.years;
    let mut km = vec![1.0; study.inputs.len() * years];
    multipliers(&study.inputs, k, years, &mut km);
    p.apply(k, &km, &mut e);
    let mut run = Run::new(&e);
    e.run_into(super::LeverSet::ALL, &mut run);
    run.totals
}

/// The inputs of the vectorised numpy reference (`benches/mc_numpy.py`): the kernel's stored
/// arrays, each input's multiplier per year for `n` draws of the file's design, the metric's
/// scope weights and the Rust percentiles to compare with. `None` when the kernel cannot take
/// the inputs.
#[doc(hidden)]
pub fn reference_json(s: &Scenario, n: usize) -> Option<String> {
    let (engine, study, kern) = with_kernel(s)?;
    let years = study.years;
    let k = study.design(n, study.seed);
    let nk = study.inputs.len();
    let mut km = Vec::with_capacity(n * nk * years);
    let mut row = vec![1.0; nk * years];
    for j in 0..n {
        multipliers(&study.inputs, &k[j * nk..(j + 1) * nk], years, &mut row);
        km.extend_from_slice(&row);
    }
    let m = &study.metric;
    let w = |on: bool| if on { 1.0 } else { 0.0 };
    use crate::model::{Scope, Scope2Method};
    let weights = [
        w(m.has(Scope::Scope1)),
        w(m.has(Scope::Scope2) && m.method == Scope2Method::Market),
        w(m.has(Scope::Scope2) && m.method == Scope2Method::Location),
        w(m.has(Scope::Scope3)),
        if m.credits { -1.0 } else { 0.0 },
    ];
    let o = study
        .run(
            s,
            &engine,
            Options {
                draws: Some(n),
                ..Options::default()
            },
            &Progress::default(),
        )
        .ok()?;
    let fan = |q: usize| -> String {
        let v: Vec<String> = o.fan.iter().map(|f| format!("{:?}", f.p[q])).collect();
        v.join(",")
    };
    let km: Vec<String> = km.iter().map(|x| format!("{x:?}")).collect();
    let kj = kern.reference_json();
    Some(format!(
        "{{\"kernel\":{kj},\"draws\":{n},\"inputs\":{nk},\"km\":[{}],\"metric\":[{}],\"p5\":[{}],\"p50\":[{}],\"p95\":[{}]}}",
        km.join(","),
        weights.map(|x| format!("{x:?}")).join(","),
        fan(0),
        fan(2),
        fan(4)
    ))
}

/// The compiled scenario, its study and the kernel, when the kernel can take the inputs.
fn with_kernel(s: &Scenario) -> Option<(Engine, Study, kernel::Kernel)> {
    let engine = Engine::new(s);
    let study = Study::new(s);
    if !study.kernel_ok {
        return None;
    }
    let kern = kernel::Kernel::new(&engine, &study);
    Some((engine, study, kern))
}

/// The same draw through the kernel (`None` when the kernel cannot take the inputs).
pub fn kernel_draw(s: &Scenario, k: &[f64]) -> Option<Vec<Totals>> {
    let (_, study, kern) = with_kernel(s)?;
    let years = study.years;
    let mut km = vec![1.0; study.inputs.len() * years];
    multipliers(&study.inputs, k, years, &mut km);
    let mut totals = vec![Totals::default(); years];
    let (mut p, mut r) = (vec![0.0; years], vec![0.0; years]);
    kern.run(&km, &mut kernel::Scratch::default(), &mut totals, &mut p, &mut r);
    Some(totals)
}
