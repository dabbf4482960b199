//! The evaluator: a compiled engine and a scenario copy that each trial rewrites in place
//! (only the levers that changed), then one engine run and the objective and rows read from it.

use super::setup::{Eval, Setup, Slot, path_mut};
use crate::engine::compile::{Engine, LeverSet};
use crate::engine::cost::CostC;
use crate::engine::run::Run;
use crate::model::{Path, Scenario};

/// A compiled engine and a scenario copy that a trial rewrites in place.
#[derive(Clone)]
pub(crate) struct Evaluator {
    pub s: Scenario,
    pub e: Engine,
    run: Run,
    buf: Vec<f64>,
    path: Path,
    rebuild_cost: bool,
    /// The values last written (a trial rewrites only the variables that differ).
    last: Option<Vec<f64>>,
    /// Per year: production [t] and the discount factor of the objective (reused buffers).
    production: Vec<f64>,
    disc: Vec<f64>,
}

impl Evaluator {
    pub fn new(s: &Scenario, setup: &Setup) -> Evaluator {
        let e = Engine::new(s);
        let run = Run::new(&e);
        let rebuild_cost = e.cost.is_some()
            && setup.vars.iter().any(|v| {
                matches!(
                    v.slot,
                    Slot::ProcessChange(_)
                        | Slot::Rule(..)
                        | Slot::EffElectricity(_)
                        | Slot::EffFuel(_)
                        | Slot::Ppa(_)
                )
            });
        Evaluator {
            s: s.clone(),
            buf: vec![0.0; e.years()],
            production: vec![0.0; e.years()],
            disc: vec![0.0; e.years()],
            e,
            run,
            path: Path(Vec::new()),
            rebuild_cost,
            last: None,
        }
    }

    /// Writes `x` into the scenario copy and the compiled arrays: only the variables whose
    /// value differs from the last trial's; the prices are recompiled only when one of those
    /// carries capex or a PPA's payments.
    fn apply(&mut self, setup: &Setup, x: &[f64]) {
        let base = self.s.base_year;
        let mut cost_dirty = false;
        for (i, (v, &xi)) in setup.vars.iter().zip(x).enumerate() {
            if self.last.as_ref().is_some_and(|l| l[i].to_bits() == xi.to_bits()) {
                continue;
            }
            cost_dirty |= !matches!(
                v.slot,
                Slot::Co2Free(_) | Slot::Recycled(_) | Slot::LowCarbon(_) | Slot::Credits
            );
            v.path_for(xi, setup.freeze, &mut self.path);
            let p = path_mut(&mut self.s, v.slot);
            p.0.clone_from(&self.path.0);
            self.path.sample_into(base, 0.0, &mut self.buf);
            let e = &mut self.e;
            match v.slot {
                Slot::Co2Free(si) => e.sites[si].co2_free.copy_from_slice(&self.buf),
                Slot::ProcessChange(si) => e.sites[si].process_change.copy_from_slice(&self.buf),
                Slot::Rule(si, k) => e.sites[si].rules[k].share.copy_from_slice(&self.buf),
                Slot::Recycled(mi) => e.materials[mi].rho.copy_from_slice(&self.buf),
                Slot::LowCarbon(mi) => e.materials[mi].gamma.copy_from_slice(&self.buf),
                Slot::Credits => e.credits.copy_from_slice(&self.buf),
                Slot::EffElectricity(si) | Slot::EffFuel(si) => e.refresh_efficiency(&self.s, si),
                Slot::Ppa(pi) => {
                    let sites: Vec<usize> = self.s.ppas[pi]
                        .allocation
                        .iter()
                        .filter_map(|(id, _)| self.s.site_index(id))
                        .collect();
                    for si in sites {
                        e.refresh_renewables(&self.s, si);
                    }
                }
            }
        }
        if self.rebuild_cost && cost_dirty {
            self.e.cost = CostC::new(&self.s, &self.e.sites);
        }
        match &mut self.last {
            Some(l) => l.copy_from_slice(x),
            None => self.last = Some(x.to_vec()),
        }
    }

    /// The plan itself (the scenario as it is, not its ramps), compiled afresh, and the
    /// objective of its BAU run (every lever at its base-year value), which is subtracted from
    /// every figure reported so that the NPV reads as the cost view's (the plan against BAU).
    pub fn plan_and_bau(s: &Scenario, setup: &Setup) -> (Eval, f64) {
        let mut ev = Evaluator::new(s, setup);
        ev.e.run_into(LeverSet::ALL, &mut ev.run);
        let plan = ev.read(setup);
        ev.e.run_into(LeverSet::BAU, &mut ev.run);
        (plan, ev.read(setup).j)
    }

    /// One trial: the engine run at `x`, its objective and rows.
    pub fn eval(&mut self, setup: &Setup, x: &[f64]) -> Eval {
        self.apply(setup, x);
        self.e.run_into(LeverSet::ALL, &mut self.run);
        self.read(setup)
    }

    /// The objective and the rows of the last run. A target's level, glide start and
    /// discounted tonnes are read once for all its rows (a glide path has one per year).
    fn read(&mut self, setup: &Setup) -> Eval {
        let run = &self.run;
        let f = (setup.freeze - self.s.base_year) as usize;
        let t0 = f + 1;
        let price = self.e.cost.as_ref().and_then(|c| c.carbon.as_ref());
        let mut j = 0.0;
        let mut d = 1.0;
        for (t, slot) in self.disc.iter_mut().enumerate().skip(t0) {
            *slot = d;
            if !run.cost.is_empty() {
                j += d * run.cost[t].total();
            }
            if setup.include_carbon
                && let Some(p) = price
            {
                j += d * p[t] * setup.carbon_metric.of(&run.totals[t]).max(0.0);
            }
            d /= 1.0 + setup.rate;
        }
        for (p, e) in self.production.iter_mut().zip(&run.energy) {
            *p = e.production_t;
        }
        let (production, disc) = (&self.production, &self.disc);
        let revenue = self.e.revenue.as_deref();
        let tg = &setup.targets;
        let n = setup.rows.len();
        let mut ev = Eval {
            j,
            g: Vec::with_capacity(n),
            gh: Vec::with_capacity(n),
            value: Vec::with_capacity(n),
            level: Vec::with_capacity(n),
            gross: Vec::with_capacity(n),
            row_met: Vec::with_capacity(n),
            met: true,
            viol: 0.0,
            m_npv: Vec::with_capacity(n),
        };
        // (target, its level, its glide start, its discounted tonnes), for its next rows
        let mut cached: Option<(usize, f64, (f64, i32), f64)> = None;
        for r in &setup.rows {
            let k = r.target;
            let (end, (b, t_ref), m_npv) = match cached {
                Some((c, end, start, m)) if c == k => (end, start, m),
                _ => {
                    let end = tg.level(k, &run.totals, production, revenue);
                    let start = match r.glide_to {
                        Some(_) => tg.glide_start(k, f, self.s.base_year, &run.totals, production, revenue),
                        None => (f64::NAN, 0),
                    };
                    let m: f64 = (t0..disc.len())
                        .map(|t| disc[t] * tg.tonnes_in(k, t, &run.totals))
                        .sum();
                    cached = Some((k, end, start, m));
                    (end, start, m)
                }
            };
            let level = match r.glide_to {
                Some(to) if to != t_ref => b + (end - b) * f64::from(r.year - t_ref) / f64::from(to - t_ref),
                _ => end,
            };
            let (value, gross) = tg.value_in(k, r.yi, &run.totals, production, revenue);
            let g = value - level;
            let met = value.is_finite()
                && level.is_finite()
                && value <= level + 1e-9 * level.abs().max(gross.abs());
            ev.met &= met;
            ev.row_met.push(met);
            ev.gross.push(gross);
            let gh = if g.is_finite() { g / r.scale } else { 1e6 };
            ev.viol += gh.max(0.0);
            ev.g.push(g);
            ev.gh.push(gh);
            ev.value.push(value);
            ev.level.push(level);
            ev.m_npv.push(m_npv);
        }
        ev
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GoalSeek, LeverRef, SeekLever};

    /// A trial written in place (only the changed levers, prices rebuilt when needed) gives
    /// the same objective and rows, bit for bit, as compiling the scenario with those levers
    /// written in — for every kind of lever, after any sequence of trials.
    #[test]
    fn trials_in_place_equal_a_fresh_compile_for_every_lever_kind() {
        for seed in [3, 5, 11] {
            let mut s = crate::synthetic::goal_seek_case(6, seed);
            for site in &mut s.sites {
                site.efficiency_capex_jpy_per_mwh_yr = Some(3_000.0);
                site.efficiency_capex_jpy_per_gj_yr = Some(200.0);
            }
            let l = |lever| SeekLever {
                lever,
                min: None,
                max: Some(1.0),
                reach_year: None,
            };
            let mut levers = vec![
                l(LeverRef::Co2Free { site: "*".into() }),
                l(LeverRef::ProcessChange { site: "*".into() }),
                l(LeverRef::Recycled { material: "*".into() }),
                l(LeverRef::LowCarbon { material: "*".into() }),
                SeekLever {
                    max: Some(5.0),
                    ..l(LeverRef::EfficiencyElectricity { site: "*".into() })
                },
                SeekLever {
                    max: Some(5.0),
                    ..l(LeverRef::EfficiencyFuel { site: "*".into() })
                },
                SeekLever {
                    max: Some(1e6),
                    ..l(LeverRef::Credits)
                },
            ];
            for p in &s.ppas {
                levers.push(SeekLever {
                    max: Some(200.0),
                    ..l(LeverRef::Ppa { ppa: p.id.clone() })
                });
            }
            for site in &s.sites {
                for r in &site.fuel_switches {
                    levers.push(l(LeverRef::FuelSwitch {
                        site: site.id.clone(),
                        rule: r.id_or_default(),
                    }));
                }
            }
            s.goal_seek = Some(GoalSeek {
                levers,
                ..GoalSeek::default()
            });
            // the net-zero target counts credits, so credits stay a lever
            let g = s.goal_seek.clone().unwrap();
            let setup = Setup::new(&s, &g, None).expect("a search");
            let mut ev = Evaluator::new(&s, &setup);
            let mut rng = crate::synthetic::Rng::new(seed);
            let mut x: Vec<f64> = setup.vars.iter().map(|v| v.lo).collect();
            for trial in 0..12 {
                // change one, several or all levers
                for (i, v) in setup.vars.iter().enumerate() {
                    if trial % 3 == 0 || rng.chance(0.3) {
                        x[i] = rng.range(v.lo, v.hi);
                    }
                }
                let got = ev.eval(&setup, &x);
                let mut t = s.clone();
                setup.write(&mut t, &x);
                let want = Evaluator::plan_and_bau(&t, &setup).0;
                assert_eq!(got.j.to_bits(), want.j.to_bits(), "seed {seed} trial {trial}: J");
                for (a, b) in got.g.iter().zip(&want.g) {
                    assert_eq!(a.to_bits(), b.to_bits(), "seed {seed} trial {trial}: a row");
                }
            }
        }
    }
}
