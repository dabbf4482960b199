//! The generic path (ANALYSES.md §2.9 tier 1, §9.20–9.23): a per-thread copy of the compiled
//! engine in which a draw rewrites only the arrays its inputs perturb, then a normal run. It
//! takes every input, `LeverDelivery` and prices included, and is the reference the kernel
//! is tested against.

use super::{Effect, Study};
use crate::engine::compile::{Engine, LeverGroup};
use crate::engine::cost::CostC;
use crate::engine::metric::Metric;
use crate::engine::run::Run;
use crate::model::{Path, PpaKind, Route, Scenario};

/// Who an asset belongs to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Owner {
    /// Own generation, by index in the site's list.
    Own(usize),
    /// A PPA, by index in the scenario's list.
    Ppa(usize),
}

/// An asset's contribution to a site's renewables: output with all levers on per year, and
/// in the base year (BAU) [MWh].
#[derive(Clone, Debug)]
pub(crate) struct AssetC {
    pub owner: Owner,
    pub virtual_: bool,
    pub on: Vec<f64>,
    pub off: f64,
    pub yield_mwh_per_mw: f64,
}

/// Every site's assets, in the order the engine sums them (own generation, then PPAs).
pub(crate) fn assets(s: &Scenario) -> Vec<Vec<AssetC>> {
    let base = s.base_year;
    let years = s.year_count();
    let mut out: Vec<Vec<AssetC>> = s
        .sites
        .iter()
        .map(|site| {
            site.own_generation
                .iter()
                .enumerate()
                .map(|(gi, g)| AssetC {
                    owner: Owner::Own(gi),
                    virtual_: false,
                    on: (0..years)
                        .map(|i| g.output_mwh.value_or(base + i as i32, 0.0))
                        .collect(),
                    off: g.output_mwh.value_or(base, 0.0),
                    yield_mwh_per_mw: 0.0,
                })
                .collect()
        })
        .collect();
    for (pi, ppa) in s.ppas.iter().enumerate() {
        for (site_id, share) in &ppa.allocation {
            let Some(si) = s.site_index(site_id) else { continue };
            out[si].push(AssetC {
                owner: Owner::Ppa(pi),
                virtual_: ppa.kind == PpaKind::Virtual,
                on: (0..years)
                    .map(|i| ppa.capacity_mw.value_or(base + i as i32, 0.0) * ppa.yield_mwh_per_mw * share)
                    .collect(),
                off: ppa.capacity_mw.value_or(base, 0.0) * ppa.yield_mwh_per_mw * share,
                yield_mwh_per_mw: ppa.yield_mwh_per_mw,
            });
        }
    }
    out
}

/// What the study's inputs touch, so a draw resets and rewrites only that.
pub(crate) struct Perturb<'a> {
    s: &'a Scenario,
    base: &'a Engine,
    study: &'a Study,
    grid: bool,
    activity: bool,
    assets: bool,
    process: bool,
    material_ef: bool,
    levers: bool,
    prices: bool,
    /// PPA prices or the discount rate: the prices are recompiled from a perturbed scenario.
    rebuild: bool,
}

fn clamp01(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

impl<'a> Perturb<'a> {
    pub fn new(s: &'a Scenario, base: &'a Engine, study: &'a Study) -> Perturb<'a> {
        let any = |f: &dyn Fn(&Effect) -> bool| study.inputs.iter().any(|i| f(&i.effect));
        Perturb {
            s,
            base,
            study,
            grid: any(&|e| matches!(e, Effect::Grid(_))),
            activity: any(&|e| matches!(e, Effect::Activity { .. })),
            assets: any(&|e| {
                matches!(e, Effect::Yield(_) | Effect::OwnGen(_))
                    || matches!(
                        e,
                        Effect::Lever {
                            group: LeverGroup::Ppa,
                            ..
                        }
                    )
            }),
            process: any(&|e| matches!(e, Effect::Process(_))),
            material_ef: any(&|e| matches!(e, Effect::MaterialEf { .. })),
            levers: any(&|e| matches!(e, Effect::Lever { .. })),
            prices: any(&|e| {
                matches!(
                    e,
                    Effect::FuelPrice(_)
                        | Effect::PowerPrice(_)
                        | Effect::Premium(_)
                        | Effect::MaterialPrice(_)
                        | Effect::CarbonPrice
                        | Effect::CreditPrice
                )
            }),
            rebuild: any(&|e| matches!(e, Effect::PpaPrice(_) | Effect::DiscountRate)),
        }
    }

    /// Rewrites `e` (a copy of the base engine) for a draw: `k` per input, `km` per input and
    /// year. Returns the discount-rate multiplier.
    pub fn apply(&self, k: &[f64], km: &[f64], e: &mut Engine) -> f64 {
        let base = self.base;
        let years = base.years;
        let inputs = &self.study.inputs;
        let row = |i: usize| &km[i * years..(i + 1) * years];
        if self.grid {
            e.ef.copy_from_slice(&base.ef);
            e.ef_loc.copy_from_slice(&base.ef_loc);
        }
        if self.activity {
            for (s, b) in e.sites.iter_mut().zip(&base.sites) {
                s.activity.copy_from_slice(&b.activity);
            }
            if let (Some(r), Some(b)) = (&mut e.revenue, &base.revenue) {
                r.copy_from_slice(b);
            }
        }
        if self.process {
            for (s, b) in e.sites.iter_mut().zip(&base.sites) {
                s.process_t.copy_from_slice(&b.process_t);
            }
        }
        if self.material_ef {
            for (m, b) in e.materials.iter_mut().zip(&base.materials) {
                m.ef_primary.copy_from_slice(&b.ef_primary);
                m.ef_recycled.copy_from_slice(&b.ef_recycled);
                m.ef_low_carbon.copy_from_slice(&b.ef_low_carbon);
            }
        }
        if self.levers {
            for (s, b) in e.sites.iter_mut().zip(&base.sites) {
                s.co2_free.copy_from_slice(&b.co2_free);
                s.eta_el.copy_from_slice(&b.eta_el);
                s.eta_fu.copy_from_slice(&b.eta_fu);
                s.process_change.copy_from_slice(&b.process_change);
                for (r, rb) in s.rules.iter_mut().zip(&b.rules) {
                    r.share.copy_from_slice(&rb.share);
                }
            }
            for (m, b) in e.materials.iter_mut().zip(&base.materials) {
                m.rho.copy_from_slice(&b.rho);
                m.gamma.copy_from_slice(&b.gamma);
            }
            e.credits.copy_from_slice(&base.credits);
        }

        let mut rate = 1.0;
        for (i, input) in inputs.iter().enumerate() {
            let m = row(i);
            match &input.effect {
                Effect::Grid(regions) => {
                    for &r in regions {
                        let span = r * years..(r + 1) * years;
                        for ((a, b), f) in e.ef[span.clone()].iter_mut().zip(&mut e.ef_loc[span]).zip(m) {
                            *a *= f;
                            *b *= f;
                        }
                    }
                }
                Effect::Activity { sites, revenue } => {
                    for &si in sites {
                        for (a, f) in e.sites[si].activity.iter_mut().zip(m) {
                            *a *= f;
                        }
                    }
                    if *revenue && let Some(r) = &mut e.revenue {
                        for (a, f) in r.iter_mut().zip(m) {
                            *a *= f;
                        }
                    }
                }
                Effect::Process(sites) => {
                    for &si in sites {
                        for (a, f) in e.sites[si].process_t.iter_mut().zip(m) {
                            *a *= f;
                        }
                    }
                }
                Effect::MaterialEf { materials, route } => {
                    for &mi in materials {
                        let mat = &mut e.materials[mi];
                        let arrays: Vec<&mut Vec<f64>> = match route {
                            Route::All => {
                                vec![&mut mat.ef_primary, &mut mat.ef_recycled, &mut mat.ef_low_carbon]
                            }
                            Route::Primary => vec![&mut mat.ef_primary],
                            Route::Recycled => vec![&mut mat.ef_recycled],
                            Route::LowCarbon => vec![&mut mat.ef_low_carbon],
                        };
                        for v in arrays {
                            for (a, f) in v.iter_mut().zip(m) {
                                *a *= f;
                            }
                        }
                    }
                }
                Effect::Lever { group, ids } => self.deliver(*group, ids, m, e),
                Effect::DiscountRate => rate *= k[i],
                _ => {}
            }
        }
        if self.activity {
            e.org_activity = crate::engine::compile::org_activity(&e.sites, years);
        }
        if self.assets {
            self.renewables(km, e);
        }
        if self.prices || self.rebuild {
            self.prices(k, km, e);
        }
        rate
    }

    /// `LeverDelivery`: `x_BAU + k·(x − x_BAU)`, shares clamped to [0, 1] (§9.23).
    fn deliver(&self, g: LeverGroup, ids: &[usize], m: &[f64], e: &mut Engine) {
        let base = self.base;
        match g {
            LeverGroup::Co2Free => {
                for &si in ids {
                    let s = &mut e.sites[si];
                    for (y, v) in s.co2_free.iter_mut().enumerate() {
                        *v = clamp01(s.co2_free_off + m[y] * (*v - s.co2_free_off));
                    }
                }
            }
            LeverGroup::ProcessChange => {
                for &si in ids {
                    let s = &mut e.sites[si];
                    for (y, v) in s.process_change.iter_mut().enumerate() {
                        *v = clamp01(s.process_change_off + m[y] * (*v - s.process_change_off));
                    }
                }
            }
            LeverGroup::Efficiency => {
                for &si in ids {
                    let s = &mut e.sites[si];
                    for arr in [&mut s.eta_el, &mut s.eta_fu] {
                        for (y, v) in arr.iter_mut().enumerate() {
                            *v = (1.0 + m[y] * (*v - 1.0)).max(0.0);
                        }
                    }
                }
            }
            LeverGroup::FuelSwitch => {
                for &si in ids {
                    let s = &mut e.sites[si];
                    for r in &mut s.rules {
                        for (y, v) in r.share.iter_mut().enumerate() {
                            *v = clamp01(r.share_off + m[y] * (*v - r.share_off));
                        }
                    }
                    // Rules from one fuel move at most all of it.
                    let n = s.rules.len();
                    for a in 0..n {
                        let from = s.rules[a].from;
                        if s.rules[..a].iter().any(|r| r.from == from) {
                            continue;
                        }
                        for y in 0..base.years {
                            let sum: f64 = s
                                .rules
                                .iter()
                                .filter(|r| r.from == from)
                                .map(|r| r.share[y])
                                .sum();
                            if sum > 1.0 {
                                for r in s.rules.iter_mut().filter(|r| r.from == from) {
                                    r.share[y] /= sum;
                                }
                            }
                        }
                    }
                }
            }
            LeverGroup::Recycling => {
                for &mi in ids {
                    let mat = &mut e.materials[mi];
                    for (y, &k) in m.iter().enumerate().take(base.years) {
                        let rho = clamp01(mat.rho_off + k * (mat.rho[y] - mat.rho_off));
                        let gamma = clamp01(mat.gamma_off + k * (mat.gamma[y] - mat.gamma_off));
                        let sum = rho + gamma;
                        let (rho, gamma) = if sum > 1.0 {
                            (rho / sum, gamma / sum)
                        } else {
                            (rho, gamma)
                        };
                        mat.rho[y] = rho;
                        mat.gamma[y] = gamma;
                    }
                }
            }
            LeverGroup::Credits => {
                for (v, f) in e.credits.iter_mut().zip(m) {
                    *v *= f;
                }
            }
            // PPAs: in `renewables`.
            LeverGroup::Ppa => {}
        }
    }

    /// Rebuilds the sites' renewables from their assets, with yield and output draws on the
    /// scenario and on BAU (§9.20) and PPA delivery on the scenario's capacity.
    fn renewables(&self, km: &[f64], e: &mut Engine) {
        let years = self.base.years;
        let inputs = &self.study.inputs;
        for (si, list) in self.study.assets.iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let s = &mut e.sites[si];
            for v in [
                &mut s.physical_re,
                &mut s.physical_re_off,
                &mut s.virtual_re,
                &mut s.virtual_re_off,
            ] {
                v.fill(0.0);
            }
            let mut own_off = 0.0;
            for a in list {
                // own generation's BAU is one sum before the PPAs, as the engine compiles it
                if matches!(a.owner, Owner::Own(_)) {
                    own_off += a.off;
                }
            }
            let own_scaled = list.iter().any(|a| {
                matches!(a.owner, Owner::Own(_)) && inputs.iter().any(|i| touches(&i.effect, si, a.owner))
            });
            if !own_scaled {
                s.physical_re_off.fill(own_off);
            }
            for a in list {
                let k_max = if a.yield_mwh_per_mw > 0.0 {
                    (8784.0 / a.yield_mwh_per_mw).max(1.0)
                } else {
                    f64::INFINITY
                };
                for y in 0..years {
                    let mut ky = 1.0;
                    let mut kd = 1.0;
                    for (i, input) in inputs.iter().enumerate() {
                        if touches(&input.effect, si, a.owner) {
                            ky *= km[i * years + y];
                        }
                        if let (
                            Effect::Lever {
                                group: LeverGroup::Ppa,
                                ids,
                            },
                            Owner::Ppa(p),
                        ) = (&input.effect, a.owner)
                            && ids.contains(&p)
                        {
                            kd *= km[i * years + y];
                        }
                    }
                    let ky = ky.min(k_max);
                    let on = if kd == 1.0 {
                        a.on[y]
                    } else {
                        (a.off + kd * (a.on[y] - a.off)).max(0.0)
                    };
                    let (arr, off) = if a.virtual_ {
                        (&mut s.virtual_re, &mut s.virtual_re_off)
                    } else {
                        (&mut s.physical_re, &mut s.physical_re_off)
                    };
                    arr[y] += on * ky;
                    if matches!(a.owner, Owner::Ppa(_)) || own_scaled {
                        off[y] += a.off * ky;
                    }
                }
            }
        }
    }

    /// The prices of a draw: recompiled from a perturbed scenario when PPA prices or the
    /// discount rate move, then the compiled price arrays scaled.
    fn prices(&self, k: &[f64], km: &[f64], e: &mut Engine) {
        let years = self.base.years;
        let inputs = &self.study.inputs;
        if self.rebuild {
            let mut s = self.s.clone();
            for (i, input) in inputs.iter().enumerate() {
                match &input.effect {
                    Effect::PpaPrice(ppas) => {
                        for &p in ppas {
                            let path = &mut s.ppas[p].price_jpy_per_mwh;
                            if path.is_empty() {
                                continue;
                            }
                            *path = Path(
                                (0..years)
                                    .map(|y| {
                                        let t = s.base_year + y as i32;
                                        (t, path.value_or(t, 0.0) * km[i * years + y])
                                    })
                                    .collect(),
                            );
                        }
                    }
                    Effect::DiscountRate => s.discount_rate_pct *= k[i],
                    _ => {}
                }
            }
            e.cost = CostC::new(&s, &e.sites);
        } else {
            e.cost.clone_from(&self.base.cost);
        }
        let Some(cc) = e.cost.as_mut() else { return };
        for (i, input) in inputs.iter().enumerate() {
            let m = &km[i * years..(i + 1) * years];
            let scale = |v: &mut [f64]| {
                for (a, f) in v.iter_mut().zip(m) {
                    *a *= f;
                }
            };
            match &input.effect {
                Effect::FuelPrice(fuels) => fuels
                    .iter()
                    .for_each(|&f| scale(&mut cc.fuel[f * years..(f + 1) * years])),
                Effect::PowerPrice(regions) => regions
                    .iter()
                    .for_each(|&r| scale(&mut cc.power[r * years..(r + 1) * years])),
                Effect::Premium(sites) => sites
                    .iter()
                    .for_each(|&s| scale(&mut cc.sites[s].premium[..years])),
                Effect::MaterialPrice(mats) => mats.iter().for_each(|&mi| {
                    if let Some(mc) = cc.materials.get_mut(mi) {
                        scale(&mut mc.recycled[..years]);
                        scale(&mut mc.low_carbon[..years]);
                    }
                }),
                Effect::CarbonPrice => {
                    if let Some(c) = &mut cc.carbon {
                        scale(&mut c[..years]);
                    }
                }
                Effect::CreditPrice => scale(&mut cc.credit_price[..years]),
                _ => {}
            }
        }
    }
}

/// Whether an input scales the yield or output of an asset at site `si`.
fn touches(e: &Effect, si: usize, owner: Owner) -> bool {
    match (e, owner) {
        (Effect::Yield(ppas), Owner::Ppa(p)) => ppas.contains(&p),
        (Effect::OwnGen(assets), Owner::Own(g)) => assets.contains(&(si, g)),
        _ => false,
    }
}

/// NPV of the plan's cost and exposure change in one draw (ANALYSES.md §1.5–1.7), from the
/// scenario and BAU runs of the perturbed engine.
pub(crate) struct CostWindow {
    t0: usize,
    rate: f64,
    exposure: Option<Metric>,
}

impl CostWindow {
    pub fn new(s: &Scenario, e: &Engine) -> Option<CostWindow> {
        let cc = e.cost.as_ref()?;
        let last = s.last_year;
        let from = s.cost_from_year().clamp(s.base_year, last);
        let xm = &s.cost.carbon_price_metric;
        Some(CostWindow {
            t0: (from - s.base_year) as usize,
            rate: s.discount_rate_pct / 100.0,
            exposure: cc.carbon.is_some().then(|| Metric {
                scopes: xm.scopes.clone(),
                method: xm.scope2_method,
                credits: xm.credits_offset,
            }),
        })
    }

    pub fn has_exposure(&self) -> bool {
        self.exposure.is_some()
    }

    /// `(NPV ΔC, NPV ΔX)` [JPY] with the discount rate × `rate_k`.
    pub fn npv(&self, e: &Engine, plan: &Run, bau: &Run, rate_k: f64) -> (f64, f64) {
        let r = self.rate * rate_k;
        let (mut c, mut x) = (0.0, 0.0);
        let price = e.cost.as_ref().and_then(|cc| cc.carbon.as_ref());
        for t in self.t0..plan.totals.len() {
            let d = libm::pow(1.0 + r, -((t - self.t0) as f64));
            c += d * (plan.cost[t].total() - bau.cost[t].total());
            if let (Some(m), Some(p)) = (&self.exposure, price) {
                x += d * p[t] * (m.of(&plan.totals[t]).max(0.0) - m.of(&bau.totals[t]).max(0.0));
            }
        }
        (c, x)
    }
}
