//! Goal seek (ANALYSES.md §3, §9.1–9.12): the least-cost lever values that meet the listed
//! targets, by sequential linear programming with a trust region on the real engine.
//!
//! Each lever is one decision variable `x` (the value reached in its reach year, a straight
//! ramp from the freeze year). Each step linearises the NPV of cost and the target rows by
//! forward differences (one engine run per variable, in parallel, each result in its own
//! slot), solves the LP of §3.6 b with an elastic penalty (so an unreachable target gives the
//! closest setting), and accepts the step only if the true engine agrees (merit ratio). Three
//! deterministic starts, then a polish that makes the binding target tight. The same file gives
//! the same answer on any number of threads; budgets count engine runs, and a wall-clock guard
//! is the only other exit (reported as such).

mod answer;
mod evaluator;
mod lp;
mod setup;

pub use answer::*;
pub use lp::Lp;
pub use setup::{Row, Var, default_bounds};

use crate::model::Scenario;
use evaluator::Evaluator;
use rayon::prelude::*;
use setup::{Eval, Setup};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// Runs the goal seek of the scenario's `goal_seek` block.
pub fn seek(s: &Scenario, opts: &Options, control: Option<&Control>) -> Result<Answer, String> {
    // Only a valid scenario is searched (the compiled engine assumes every reference resolves).
    let problems = crate::model::validate::validate(s);
    if let Some(p) = problems.first() {
        return Err(format!(
            "the scenario has {} problem{}; the first: {}: {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            p.path,
            p.message
        ));
    }
    let g = s
        .goal_seek
        .as_ref()
        .ok_or("the scenario has no goal-seek block (goal_seek: Some((…)))")?;
    let setup = Setup::new(s, g, opts.targets.as_deref())?;
    let mut search = Search::new(s, setup, opts, control);
    search.run(s)
}

/// Trial counts and guards of one search.
struct Search<'a> {
    setup: Setup,
    evaluators: Vec<Evaluator>,
    active: Vec<usize>,
    start: Instant,
    limit: Duration,
    control: Option<&'a Control>,
    evaluations: u64,
    iterations: u32,
    stopped: Option<StoppedBy>,
    cancelled: bool,
    /// Lowest-cost feasible trial seen: (J, x, eval).
    best: Option<(f64, Vec<f64>, Eval)>,
    mu: Option<f64>,
    /// The plan as it is (not its ramps), and the objective of its BAU run.
    plan: Eval,
    bau_j: f64,
    /// Each variable's position among the active ones.
    pos: Vec<Option<usize>>,
}

/// A linearisation at `x`: `dJ/dx_i` and `dĝ_k/dx_i`, `dg_k/dx_i`, `d m_npv_k/dx_i` per active
/// variable.
struct Grad {
    dj: Vec<f64>,
    dgh: Vec<Vec<f64>>,
    dg: Vec<Vec<f64>>,
    dm: Vec<Vec<f64>>,
}

impl<'a> Search<'a> {
    fn new(s: &Scenario, mut setup: Setup, opts: &Options, control: Option<&'a Control>) -> Search<'a> {
        let ev = Evaluator::new(s, &setup);
        // Row scales (§9.6) from the plan's own run.
        let (mut plan, bau_j) = Evaluator::plan_and_bau(s, &setup);
        plan.viol = 0.0;
        for (k, r) in setup.rows.iter_mut().enumerate() {
            r.scale = [plan.level[k].abs(), 1e-9 * plan.gross[k].abs(), 1e-12]
                .into_iter()
                .filter(|v| v.is_finite())
                .fold(0.0, f64::max);
            // the plan's normalised rows, on these scales
            let g = plan.g[k];
            plan.gh[k] = if g.is_finite() { g / r.scale } else { 1e6 };
            plan.viol += plan.gh[k].max(0.0);
        }
        let threads = rayon::current_num_threads().max(1);
        let active: Vec<usize> = (0..setup.vars.len())
            .filter(|&i| !setup.vars[i].no_room)
            .collect();
        let evaluators = vec![ev; threads.min(active.len().max(1))];
        let mut pos = vec![None; setup.vars.len()];
        for (a, &i) in active.iter().enumerate() {
            pos[i] = Some(a);
        }
        Search {
            setup,
            evaluators,
            active,
            start: Instant::now(),
            limit: opts.time_limit,
            control,
            evaluations: 0,
            iterations: 0,
            stopped: None,
            cancelled: false,
            best: None,
            mu: None,
            plan,
            bau_j,
            pos,
        }
    }

    /// Whether another batch of `n` runs may start.
    fn may_run(&mut self, n: usize) -> bool {
        if self.control.is_some_and(|c| c.cancel.load(Ordering::Relaxed)) {
            self.cancelled = true;
            return false;
        }
        if self.evaluations + n as u64 > u64::from(self.setup.max_evaluations) {
            self.stopped.get_or_insert(StoppedBy::Budget);
            return false;
        }
        if self.start.elapsed() > self.limit {
            self.stopped.get_or_insert(StoppedBy::Time);
            return false;
        }
        true
    }

    fn count(&mut self, n: usize) {
        self.evaluations += n as u64;
        if let Some(c) = self.control {
            c.evaluations.store(self.evaluations, Ordering::Relaxed);
        }
    }

    fn eval(&mut self, x: &[f64]) -> Eval {
        self.count(1);
        let e = self.evaluators[0].eval(&self.setup, x);
        self.note(x, &e);
        e
    }

    /// Keeps the lowest-cost feasible trial.
    fn note(&mut self, x: &[f64], e: &Eval) {
        if e.met && self.best.as_ref().is_none_or(|b| e.j < b.0) {
            self.best = Some((e.j, x.to_vec(), e.clone()));
        }
    }

    /// Forward differences (backward at the upper bound), one run per active variable in
    /// parallel, each into its own slot.
    fn grad(&mut self, x: &[f64], e: &Eval) -> Option<Grad> {
        let n = self.active.len();
        if !self.may_run(n) {
            return None;
        }
        self.count(n);
        let steps: Vec<(usize, f64)> = self
            .active
            .iter()
            .map(|&i| {
                let v = &self.setup.vars[i];
                let h = 1e-4 * (v.hi - v.lo);
                (i, if x[i] + h > v.hi { -h } else { h })
            })
            .collect();
        let mut out: Vec<Option<Eval>> = vec![None; n];
        let per = n.div_ceil(self.evaluators.len()).max(1);
        let setup = &self.setup;
        self.evaluators
            .par_iter_mut()
            .zip(out.par_chunks_mut(per))
            .zip(steps.par_chunks(per))
            .for_each(|((ev, slots), steps)| {
                let mut xt = x.to_vec();
                for (slot, &(i, h)) in slots.iter_mut().zip(steps) {
                    xt[i] = x[i] + h;
                    *slot = Some(ev.eval(setup, &xt));
                    xt[i] = x[i];
                }
            });
        let rows = self.setup.rows.len();
        let mut g = Grad {
            dj: vec![0.0; n],
            dgh: vec![vec![0.0; n]; rows],
            dg: vec![vec![0.0; n]; rows],
            dm: vec![vec![0.0; n]; rows],
        };
        for (a, (slot, &(_, h))) in out.iter().zip(&steps).enumerate() {
            let t = slot.as_ref().expect("every slot is filled");
            g.dj[a] = (t.j - e.j) / h;
            for k in 0..rows {
                g.dgh[k][a] = fin((t.gh[k] - e.gh[k]) / h);
                g.dg[k][a] = fin((t.g[k] - e.g[k]) / h);
                g.dm[k][a] = fin((t.m_npv[k] - e.m_npv[k]) / h);
            }
        }
        Some(g)
    }

    /// The LP step of §3.6 b from `x` in a trust region `delta` (a share of each range).
    /// Returns the step (per variable) and the predicted merit decrease.
    fn step(
        &self,
        x: &[f64],
        e: &Eval,
        g: &Grad,
        mu: f64,
        delta: f64,
        feas: bool,
    ) -> Option<(Vec<f64>, f64, f64)> {
        let n = self.active.len();
        let rows = self.setup.rows.len();
        let widths: Vec<f64> = self
            .active
            .iter()
            .map(|&i| self.setup.vars[i].hi - self.setup.vars[i].lo)
            .collect();
        // Objective in units of its largest coefficient, so the LP sees numbers near 1.
        let cj: Vec<f64> = (0..n)
            .map(|a| if feas { 0.0 } else { g.dj[a] * widths[a] })
            .collect();
        let js = cj.iter().fold(0.0_f64, |m, c| m.max(c.abs()));
        // no cost slope at all (free levers): the LP sees the penalty alone, at its own scale
        let js = if feas || js < 1e-300 { 1.0 } else { js };
        let muh = if feas { 1.0 } else { mu / js };
        let build = |muh: f64, phase1: bool| {
            let mut lp = Lp::default();
            for (a, &i) in self.active.iter().enumerate() {
                let v = &self.setup.vars[i];
                let lo = ((v.lo - x[i]) / widths[a]).max(-delta).min(0.0);
                let hi = ((v.hi - x[i]) / widths[a]).min(delta).max(0.0);
                lp.col(if phase1 { 0.0 } else { cj[a] / js }, lo, hi);
            }
            for k in 0..rows {
                let s = lp.col(if phase1 { 1.0 } else { muh }, 0.0, 1e30);
                let mut terms: Vec<(usize, f64)> = (0..n)
                    .filter(|&a| g.dgh[k][a] != 0.0)
                    .map(|a| (a, g.dgh[k][a] * widths[a]))
                    .collect();
                terms.push((s, -1.0));
                lp.row(terms, -e.gh[k].clamp(-1e12, 1e12));
            }
            for c in &self.setup.couplings {
                let terms: Vec<(usize, f64)> = c
                    .terms
                    .iter()
                    .filter_map(|&(i, w)| {
                        self.active
                            .iter()
                            .position(|&j| j == i)
                            .map(|a| (a, w * widths[a]))
                    })
                    .collect();
                if !terms.is_empty() {
                    lp.row(terms, (1.0 - c.sum(x)).max(0.0));
                }
            }
            lp
        };
        let mut muh = muh;
        let mut sol = None;
        for _ in 0..6 {
            let lp = build(muh, false);
            let z = lp.solve()?;
            let slack: f64 = z[n..].iter().sum();
            if feas || slack <= 1e-9 {
                sol = Some((z, lp));
                break;
            }
            // A violation is left: is a feasible step inside the region? Then raise μ (§9.6).
            let p1 = build(muh, true);
            let feasible_step = p1.solve().is_some_and(|w| w[n..].iter().sum::<f64>() <= 1e-12);
            if !feasible_step {
                sol = Some((z, lp));
                break;
            }
            muh *= 10.0;
        }
        let (z, lp) = sol?;
        let mu_out = muh * js;
        let viol0 = e.gh.iter().map(|v| v.max(0.0)).sum::<f64>();
        let pred = js * (muh * viol0 - lp.objective(&z));
        let d: Vec<f64> = (0..n).map(|a| z[a] * widths[a]).collect();
        Some((d, pred, if feas { 1.0 } else { mu_out }))
    }

    /// SLP from `x0` (§3.6 step 2). `feas`: minimise the violation only (§3.6 step 6).
    /// Returns the end point, its evaluation and whether it converged.
    fn slp(&mut self, x0: Vec<f64>, feas: bool) -> Option<(Vec<f64>, Eval, bool)> {
        if !self.may_run(1) {
            return None;
        }
        let mut x = x0;
        let mut e = self.eval(&x);
        let mut g = self.grad(&x, &e)?;
        let mut mu = if feas {
            1.0
        } else {
            match self.mu {
                Some(m) => m,
                None => {
                    let mut m: f64 = 0.0;
                    for a in 0..self.active.len() {
                        let gmax = g.dgh.iter().fold(0.0_f64, |acc, r| acc.max(r[a].abs()));
                        if gmax > 0.0 {
                            m = m.max(10.0 * g.dj[a].abs() / gmax);
                        }
                    }
                    let m = m.max(1e-6 * e.j.abs() + 1.0);
                    self.mu = Some(m);
                    m
                }
            }
        };
        let mut delta = 0.25;
        let mut converged = false;
        for _ in 0..60 {
            self.iterations += 1;
            let Some((d, pred, mu_used)) = self.step(&x, &e, &g, mu, delta, feas) else {
                // the LP solver failed or refused the step: keep the best found so far
                self.stopped.get_or_insert(StoppedBy::Solver);
                break;
            };
            mu = mu_used;
            let phi = if feas { e.viol } else { e.j + mu * e.viol };
            if pred <= 1e-10 * phi.abs().max(1e-300) || pred <= 0.0 {
                converged = true;
                break;
            }
            // the trial, shortened until every coupling holds to the validator's 1e-9 (the LP
            // holds its rows to 1e-7 only); `x` itself holds them
            let mut xt = x.clone();
            let mut t = 1.0;
            for _ in 0..30 {
                for (a, &i) in self.active.iter().enumerate() {
                    let v = &self.setup.vars[i];
                    xt[i] = (x[i] + t * d[a]).clamp(v.lo, v.hi);
                }
                if self.setup.couplings.iter().all(|c| c.sum(&xt) <= 1.0 + 1e-12) {
                    break;
                }
                t *= 0.5;
            }
            if self.setup.couplings.iter().any(|c| c.sum(&xt) > 1.0 + 1e-12) {
                xt.clone_from(&x);
            }
            if !self.may_run(1) {
                break;
            }
            let et = self.eval(&xt);
            let phit = if feas { et.viol } else { et.j + mu * et.viol };
            let rho = (phi - phit) / pred;
            if rho > 0.1 {
                x = xt;
                e = et;
                if rho > 0.75 {
                    delta = (2.0 * delta).min(1.0);
                }
                match self.grad(&x, &e) {
                    Some(ng) => g = ng,
                    None => break,
                }
            } else {
                delta /= 2.0;
                if delta < 1e-5 {
                    converged = true;
                    break;
                }
            }
        }
        if !feas {
            self.mu = Some(mu);
        }
        Some((x, e, converged))
    }

    /// Projects a start onto the couplings (the nearest point in the L1 norm, bounds kept).
    fn project(&self, x: &[f64]) -> Option<Vec<f64>> {
        if self.setup.couplings.iter().all(|c| c.sum(x) <= 1.0 + 1e-12) {
            return Some(x.to_vec());
        }
        let n = self.active.len();
        let mut lp = Lp::default();
        for &i in &self.active {
            let v = &self.setup.vars[i];
            lp.col(0.0, v.lo, v.hi);
        }
        let t: Vec<usize> = (0..n).map(|_| lp.col(1.0, 0.0, 1e30)).collect();
        for (a, &i) in self.active.iter().enumerate() {
            let w = (self.setup.vars[i].hi - self.setup.vars[i].lo).max(1e-300);
            lp.row(vec![(a, 1.0 / w), (t[a], -1.0)], x[i] / w);
            lp.row(vec![(a, -1.0 / w), (t[a], -1.0)], -x[i] / w);
        }
        for c in &self.setup.couplings {
            let mut fixed = c.fixed;
            let mut terms = Vec::new();
            for &(i, w) in &c.terms {
                match self.pos[i] {
                    Some(a) => terms.push((a, w)),
                    None => fixed += w * x[i],
                }
            }
            lp.row(terms, 1.0 - fixed);
        }
        let z = lp.solve()?;
        let mut out = x.to_vec();
        for (a, &i) in self.active.iter().enumerate() {
            let v = &self.setup.vars[i];
            out[i] = z[a].clamp(v.lo, v.hi);
        }
        Some(out)
    }

    /// Polish (§3.6 step 3, §9.11): each variable whose lower bound costs less moves there if
    /// every row still holds, else to the lowest value that keeps them (bisection, where the
    /// rows are monotone in it).
    fn polish(&mut self, mut x: Vec<f64>, mut e: Eval) -> (Vec<f64>, Eval) {
        let peak = |e: &Eval| e.gh.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for a in 0..self.active.len() {
            let i = self.active[a];
            let lo = self.setup.vars[i].lo;
            if x[i] <= lo || !self.may_run(1) {
                continue;
            }
            let mut xl = x.clone();
            xl[i] = lo;
            if self.setup.couplings.iter().any(|c| c.sum(&xl) > 1.0 + 1e-12) {
                continue;
            }
            let el = self.eval(&xl);
            if el.j >= e.j {
                continue;
            }
            if el.met {
                x = xl;
                e = el;
                continue;
            }
            if !self.may_run(1) {
                continue;
            }
            let mut xm = x.clone();
            xm[i] = 0.5 * (lo + x[i]);
            let em = self.eval(&xm);
            if !(peak(&el) >= peak(&em) && peak(&em) >= peak(&e)) {
                continue;
            }
            let (mut a_lo, mut a_hi) = (lo, x[i]);
            let mut keep: Option<(f64, Eval)> = None;
            for _ in 0..30 {
                if !self.may_run(1) {
                    break;
                }
                let mid = 0.5 * (a_lo + a_hi);
                let mut xt = x.clone();
                xt[i] = mid;
                let et = self.eval(&xt);
                if et.met {
                    a_hi = mid;
                    keep = Some((mid, et));
                } else {
                    a_lo = mid;
                }
            }
            if let Some((v, et)) = keep
                && et.j <= e.j
            {
                x[i] = v;
                e = et;
            }
        }
        (x, e)
    }

    /// The rows of an evaluation, for the report.
    fn rows(&self, e: &Eval) -> Vec<RowResult> {
        self.setup
            .rows
            .iter()
            .enumerate()
            .map(|(k, r)| RowResult {
                label: r.label.clone(),
                year: r.year,
                unit: self.setup.targets.unit(r.target),
                value: e.value[k],
                level: e.level[k],
                slack: e.level[k] - e.value[k],
                met: e.row_met[k],
                binding: (e.level[k] - e.value[k]).abs() <= 1e-6 * r.scale,
            })
            .collect()
    }

    fn run(&mut self, s: &Scenario) -> Result<Answer, String> {
        let nvars = self.setup.vars.len();
        let lo: Vec<f64> = self.setup.vars.iter().map(|v| v.lo).collect();
        let hi: Vec<f64> = self
            .setup
            .vars
            .iter()
            .map(|v| if v.no_room { v.lo } else { v.hi })
            .collect();
        let cur: Vec<f64> = self
            .setup
            .vars
            .iter()
            .map(|v| if v.no_room { v.lo } else { v.current })
            .collect();
        let (plan, bau_j) = (self.plan.clone(), self.bau_j);
        self.count(2);

        let mut starts: Vec<Vec<f64>> = Vec::new();
        for st in [lo.clone(), hi.clone(), cur.clone()] {
            if let Some(p) = self.project(&st)
                && !starts.contains(&p)
            {
                starts.push(p);
            }
        }
        if starts.is_empty() {
            return Err("the lower bounds break a coupling (recycled + low-carbon share, or the fuel switched from one fuel, above 100 %)".into());
        }
        let mut all_converged = true;
        let mut closest: Option<(Vec<f64>, Eval)> = None;
        if self.active.is_empty() {
            // every lever is fixed by its bounds: nothing to search, one run says where it lands
            let e = self.eval(&starts[0]);
            closest = Some((starts[0].clone(), e));
            starts.clear();
        }
        for st in starts {
            if self.cancelled {
                break;
            }
            let Some((x, e, conv)) = self.slp(st, false) else {
                all_converged = false;
                break;
            };
            all_converged &= conv;
            if closest.as_ref().is_none_or(|c| e.viol < c.1.viol) {
                closest = Some((x, e));
            }
        }
        if self.cancelled {
            return Err(CANCELLED.into());
        }
        let (mut status, x, e) = match self.best.clone() {
            Some((_, x, e)) => {
                let (x, e) = self.polish(x, e);
                let st = if all_converged && self.stopped.is_none() {
                    Status::Optimal
                } else {
                    Status::Feasible
                };
                (st, x, e)
            }
            None => {
                let (x0, e0) = match closest {
                    Some(c) => c,
                    None => {
                        let e = self.eval(&lo);
                        (lo.clone(), e)
                    }
                };
                // Confirm the least violation with the violation as the only objective.
                let (x, e) = match self.active.is_empty() {
                    true => (x0, e0),
                    false => match self.slp(x0.clone(), true) {
                        Some((x, e, _)) if e.viol <= e0.viol => (x, e),
                        _ => (x0, e0),
                    },
                };
                match self.best.clone() {
                    // the least-violation search found the targets reachable after all
                    Some((_, x, e)) => {
                        let (x, e) = self.polish(x, e);
                        (Status::Feasible, x, e)
                    }
                    None if e.met => (Status::Feasible, x, e),
                    None => (Status::Infeasible, x, e),
                }
            }
        };
        if self.cancelled {
            return Err(CANCELLED.into());
        }
        let already_met = plan.met;
        // The plan itself is the answer when it meets the targets, lies within the bounds and
        // nothing found is cheaper (§3.9 #3).
        let plan_in_bounds = self.setup.vars.iter().all(|v| {
            let tol = 1e-12 * v.hi.abs().max(1.0);
            v.plan_value >= v.lo - tol && v.plan_value <= v.hi + tol
        });
        let unchanged = already_met
            && plan_in_bounds
            && (status == Status::Infeasible || e.j >= plan.j - 1e-9 * plan.j.abs());
        if unchanged {
            status = Status::Optimal;
        }
        let mut out = s.clone();
        if !unchanged {
            self.setup.write(&mut out, &x);
        }
        // Linearisation at the answer: marginal costs, free levers, bounds to relax.
        let g = self.grad(&x, &e);
        let (x, e) = if unchanged {
            let xe: Vec<f64> = cur.clone();
            (xe, plan.clone())
        } else {
            (x, e)
        };
        let mut vars = Vec::with_capacity(nvars);
        for (i, v) in self.setup.vars.iter().enumerate() {
            let a = self.pos[i];
            let (dj, cut) = match (a, &g) {
                (Some(a), Some(g)) => (g.dj[a], -g.dg.first().map_or(0.0, |r| r[a])),
                _ => (0.0, 0.0),
            };
            let tol = 1e-9 * (v.hi - v.lo).abs().max(1e-300);
            let at = if v.no_room {
                Bound::NoRoom
            } else if x[i] <= v.lo + tol {
                Bound::Lower
            } else if x[i] >= v.hi - tol {
                Bound::Upper
            } else {
                Bound::Inside
            };
            vars.push(VarResult {
                lever: v.lever.clone(),
                name: v.name.clone(),
                unit: v.lever.unit(),
                lo: v.lo,
                hi: v.hi,
                reach_year: v.reach_year,
                current: v.plan_value,
                value: if unchanged { v.plan_value } else { x[i] },
                at,
                cost_per_unit: dj,
                cut_per_unit: cut,
                free: v.unpriced
                    || (g.is_some() && dj.abs() <= 1e-12 * (1.0 + plan.j.abs()) && cut.abs() > 0.0),
            });
        }
        let rows = self.rows(&e);
        let plan_rows = self.rows(&plan);
        let mut marginal = Vec::new();
        if let (Some(g), false) = (&g, unchanged || status == Status::Infeasible) {
            for (k, r) in rows.iter().enumerate() {
                if !r.binding {
                    continue;
                }
                // The interior lever that cuts this row most.
                let pick = self
                    .active
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| vars[**i].at == Bound::Inside)
                    .filter(|(a, _)| -g.dg[k][*a] > 0.0)
                    .max_by(|(a, _), (b, _)| (-g.dg[k][*a]).total_cmp(&(-g.dg[k][*b])));
                if let Some((a, &i)) = pick {
                    let cut_m = -g.dm[k][a];
                    marginal.push(Marginal {
                        label: r.label.clone(),
                        year: r.year,
                        lever: vars[i].name.clone(),
                        npv_per_unit_in_year: g.dj[a] / -g.dg[k][a],
                        levelised_jpy_per_t: (cut_m > 0.0).then(|| g.dj[a] / cut_m),
                    });
                }
            }
        }
        let mut misses = Vec::new();
        let mut relax = Vec::new();
        let mut warnings = self.setup.warnings.clone();
        if status == Status::Infeasible {
            for r in rows.iter().filter(|r| !r.met) {
                misses.push(Miss {
                    label: r.label.clone(),
                    year: r.year,
                    unit: r.unit,
                    miss: r.value - r.level,
                    miss_pct: if r.level != 0.0 {
                        (r.value - r.level) / r.level.abs() * 100.0
                    } else {
                        f64::NAN
                    },
                });
            }
            if let Some(g) = &g {
                let worst = (0..rows.len()).max_by(|&a, &b| e.gh[a].total_cmp(&e.gh[b]));
                if let Some(k) = worst {
                    for (a, &i) in self.active.iter().enumerate() {
                        let cut = -g.dg[k][a];
                        // only bounds below the top of the lever's domain can be relaxed
                        let top = crate::model::validate::lever_domain(&vars[i].lever).1;
                        if vars[i].at == Bound::Upper && cut > 0.0 && vars[i].hi < top {
                            relax.push((vars[i].name.clone(), cut));
                        }
                    }
                    relax.sort_by(|a, b| b.1.total_cmp(&a.1));
                    if g.dg[k].iter().all(|&v| v == 0.0) {
                        warnings.push(format!(
                            "no selected lever moves \"{}\" (its scopes are out of the levers' reach)",
                            rows[k].label
                        ));
                    }
                }
            }
        }
        for (v, sv) in vars.iter().zip(&self.setup.vars) {
            if sv.unpriced && !unchanged && v.value != v.current {
                warnings.push(format!(
                    "{}: a price its cost needs is missing from the file, so the search counts it as free (what it saves on priced items, such as grid power it replaces, still counts)",
                    v.name
                ));
            } else if v.free && !sv.unpriced {
                warnings.push(format!(
                    "{}: no price reaches it, so the answer treats it as free",
                    v.name
                ));
            }
        }
        // Targets not listed whose verdict or value got worse in the answer.
        let mut others = Vec::new();
        if !unchanged {
            let listed: Vec<&str> = self.setup.rows.iter().map(|r| r.label.as_str()).collect();
            let before = crate::engine::targets::evaluate(s, &crate::engine::project(s));
            let after = crate::engine::targets::evaluate(&out, &crate::engine::project(&out));
            for (b, a) in before.iter().zip(&after) {
                if listed.contains(&b.label.as_str()) {
                    continue;
                }
                let worse = a.value > b.value + 1e-9 * b.value.abs().max(1.0);
                if worse || (b.met && !a.met) {
                    others.push(OtherTarget {
                        label: b.label.clone(),
                        year: b.year,
                        unit: b.unit,
                        plan_value: b.value,
                        answer_value: a.value,
                        plan_met: b.met,
                        answer_met: a.met,
                    });
                }
            }
        }
        Ok(Answer {
            status,
            stopped_by: if status == Status::Optimal {
                None
            } else {
                self.stopped
            },
            already_met,
            unchanged,
            freeze_year: self.setup.freeze,
            scenario: out,
            vars,
            rows,
            plan_rows,
            npv_jpy: e.j - bau_j,
            npv_plan_jpy: plan.j - bau_j,
            others,
            priced: self.evaluators[0].e.cost.is_some(),
            marginal,
            misses,
            relax,
            warnings,
            evaluations: self.evaluations,
            iterations: self.iterations,
            elapsed: self.start.elapsed(),
        })
    }
}

fn fin(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}
