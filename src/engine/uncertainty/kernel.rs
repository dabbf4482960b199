//! The scale-factor kernel (ANALYSES.md §2.9 with §9.19–9.21): with the levers fixed, every
//! term of a site-year but own generation and virtual output is proportional to the site's
//! activity. One run at k = 1 stores those terms (not divided by activity: a closed site has
//! a = 0); a draw then multiplies them and recomputes the grid purchase and Scope 2 with
//! their `max()`. About a dozen flops per site-year, no allocation. At k = 1 every product is
//! by exactly 1 and every sum runs in the engine's order, so the kernel reproduces the
//! engine's run bit for bit.

use super::{Effect, Study};
use crate::engine::compile::Engine;
use crate::engine::run::{Parts, Totals};
use crate::model::Route;

/// Yield draws are clamped at 8,784 h (§9.26).
const HOURS_MAX: f64 = 8784.0;

/// An own-generation asset or a PPA's allocation at a site: output per year with all levers
/// on [MWh], and the inputs scaling it.
#[derive(Clone, Debug)]
struct Asset {
    out: Vec<f64>,
    virtual_: bool,
    inputs: Vec<usize>,
    /// Largest multiplier (8,784 h over the yield), for PPAs.
    k_max: f64,
}

/// A material's Scope 3 terms per year: `q = quantity × activity`, and the three route terms
/// `(1−ρ−γ)·EF_p`, `ρ·EF_r`, `γ·EF_l`.
#[derive(Clone, Debug)]
struct KMat {
    q: Vec<f64>,
    terms: Vec<[f64; 3]>,
    /// `(t_p + t_r) + t_l` per year, for a material no input scales.
    sum: Vec<f64>,
    /// (input, route) pairs scaling this material's factors.
    inputs: Vec<(usize, Route)>,
}

#[derive(Clone, Debug)]
struct KSite {
    region: usize,
    /// The parts of each year ([`Parts`]) as one array per part.
    e2: Vec<f64>,
    re: Vec<f64>,
    vre: Vec<f64>,
    c: Vec<f64>,
    fuel: Vec<f64>,
    process: Vec<f64>,
    kappa: Vec<f64>,
    o: Vec<f64>,
    /// Parts that are 0 in every year.
    no_process: bool,
    no_kappa: bool,
    no_re: bool,
    production: Vec<f64>,
    /// The organisation's activity weights per year: `P·a`, or `a` when no site reports
    /// production (the engine's unweighted mean).
    weight: Vec<f64>,
    act_inputs: Vec<usize>,
    proc_inputs: Vec<usize>,
    /// Empty when no input scales the site's renewables (the stored sums are used).
    assets: Vec<Asset>,
    mats: Vec<KMat>,
}

#[derive(Clone, Debug)]
pub(crate) struct Kernel {
    years: usize,
    net_s3: bool,
    ef: Vec<f64>,
    ef_loc: Vec<f64>,
    region_inputs: Vec<Vec<usize>>,
    sites: Vec<KSite>,
    org: Vec<KMat>,
    /// Whether the organisation's activity index moves (an activity input and organisation
    /// materials): the sites' weights are summed then.
    org_weights: bool,
    /// Whether a target reads production (an intensity per tonne).
    production: bool,
    credits: Vec<f64>,
    revenue: Option<Vec<f64>>,
    revenue_inputs: Vec<usize>,
    /// 1.0 in every year (the factor of a site no input scales).
    ones: Vec<f64>,
    /// Whether the CPU has AVX2 ([`Kernel::run`]).
    avx2: bool,
}

/// Whether the CPU running this has AVX2.
fn avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Per-thread buffers of the kernel.
#[derive(Default)]
pub(crate) struct Scratch {
    fa: Vec<f64>,
    fp: Vec<f64>,
    fr: Vec<f64>,
    org_num: Vec<f64>,
    org_den: Vec<f64>,
    /// A site's renewables and Scope 3 per year.
    re: Vec<f64>,
    vre: Vec<f64>,
    s3: Vec<f64>,
    /// Grid factors × their draws, `[region * years + y]`, market and location.
    efk: Vec<f64>,
    eflk: Vec<f64>,
    /// Totals by scope per year.
    s1: Vec<f64>,
    s2m: Vec<f64>,
    s2l: Vec<f64>,
    t3: Vec<f64>,
}

fn route_k(route: Route) -> [bool; 3] {
    match route {
        Route::All => [true, true, true],
        Route::Primary => [true, false, false],
        Route::Recycled => [false, true, false],
        Route::LowCarbon => [false, false, true],
    }
}

impl Kernel {
    pub fn new(e: &Engine, study: &Study) -> Kernel {
        let years = e.years;
        let n_regions = e.ef.len() / years.max(1);
        let mut region_inputs = vec![Vec::new(); n_regions];
        let mut revenue_inputs = Vec::new();
        let n_sites = e.sites.len();
        let mut act = vec![Vec::new(); n_sites];
        let mut proc_ = vec![Vec::new(); n_sites];
        let mut yields: Vec<Vec<usize>> = Vec::new();
        let mut own: Vec<((usize, usize), usize)> = Vec::new();
        let mut mat_inputs = vec![Vec::new(); e.materials.len()];
        for (i, input) in study.inputs.iter().enumerate() {
            match &input.effect {
                Effect::Grid(r) => r.iter().for_each(|&r| region_inputs[r].push(i)),
                Effect::Activity { sites, revenue } => {
                    sites.iter().for_each(|&s| act[s].push(i));
                    if *revenue {
                        revenue_inputs.push(i);
                    }
                }
                Effect::Process(sites) => sites.iter().for_each(|&s| proc_[s].push(i)),
                Effect::Yield(ppas) => {
                    for &p in ppas {
                        if yields.len() <= p {
                            yields.resize(p + 1, Vec::new());
                        }
                        yields[p].push(i);
                    }
                }
                Effect::OwnGen(assets) => own.extend(assets.iter().map(|&a| (a, i))),
                Effect::MaterialEf { materials, route } => {
                    materials.iter().for_each(|&m| mat_inputs[m].push((i, *route)))
                }
                _ => {}
            }
        }
        let assets = &study.assets;
        let weighted = e.sites.iter().map(|s| s.production_t).sum::<f64>() > 0.0;
        let sites = e
            .sites
            .iter()
            .enumerate()
            .map(|(si, s)| {
                let rows = e.site_parts(si);
                let list: &[super::perturb::AssetC] = assets.get(si).map_or(&[], |v| v.as_slice());
                let scaled = list.iter().any(|a| match a.owner {
                    super::perturb::Owner::Own(gi) => own.iter().any(|o| o.0 == (si, gi)),
                    super::perturb::Owner::Ppa(p) => yields.get(p).is_some_and(|v| !v.is_empty()),
                });
                let site_assets = if scaled {
                    list.iter()
                        .map(|a| {
                            let (inputs, k_max) = match a.owner {
                                super::perturb::Owner::Own(gi) => (
                                    own.iter().filter(|o| o.0 == (si, gi)).map(|o| o.1).collect(),
                                    f64::INFINITY,
                                ),
                                super::perturb::Owner::Ppa(p) => (
                                    yields.get(p).cloned().unwrap_or_default(),
                                    if a.yield_mwh_per_mw > 0.0 {
                                        (HOURS_MAX / a.yield_mwh_per_mw).max(1.0)
                                    } else {
                                        f64::INFINITY
                                    },
                                ),
                            };
                            Asset {
                                out: a.on.clone(),
                                virtual_: a.virtual_,
                                inputs,
                                k_max,
                            }
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let mats = s
                    .materials
                    .iter()
                    .map(|&mi| kmat(e, mi, &s.activity, &mat_inputs[mi]))
                    .collect();
                KSite {
                    region: s.region,
                    o: s.ownership[..years].to_vec(),
                    production: rows.iter().map(|r| r.1).collect(),
                    weight: s.activity[..years]
                        .iter()
                        .map(|a| if weighted { s.production_t * a } else { *a })
                        .collect(),
                    e2: part(&rows, |p| p.e2),
                    re: part(&rows, |p| p.re),
                    vre: part(&rows, |p| p.vre),
                    c: part(&rows, |p| p.c),
                    fuel: part(&rows, |p| p.fuel),
                    process: part(&rows, |p| p.process),
                    kappa: part(&rows, |p| p.kappa),
                    no_process: rows.iter().all(|r| r.2.process == 0.0),
                    no_kappa: rows.iter().all(|r| r.2.kappa == 0.0),
                    no_re: rows.iter().all(|r| r.2.re == 0.0 && r.2.vre == 0.0),
                    act_inputs: std::mem::take(&mut act[si]),
                    proc_inputs: std::mem::take(&mut proc_[si]),
                    assets: site_assets,
                    mats,
                }
            })
            .collect();
        let org: Vec<KMat> = e
            .materials
            .iter()
            .enumerate()
            .filter(|(_, m)| m.site.is_none())
            .map(|(mi, _)| kmat(e, mi, &e.org_activity, &mat_inputs[mi]))
            .collect();
        Kernel {
            years,
            net_s3: e.net_includes_scope3,
            ef: e.ef.clone(),
            ef_loc: e.ef_loc.clone(),
            region_inputs,
            sites,
            production: study.targets.needs_production(),
            org_weights: !org.is_empty()
                && study
                    .inputs
                    .iter()
                    .any(|i| matches!(i.effect, Effect::Activity { .. })),
            org,
            credits: e.credits.clone(),
            revenue: e.revenue.clone(),
            revenue_inputs,
            ones: vec![1.0; years],
            avx2: avx2(),
        }
    }

    pub fn has_revenue(&self) -> bool {
        self.revenue.is_some()
    }

    /// One draw: `km[input * years + y]` are the multipliers per year. Writes the totals, the
    /// production [t] and the revenue [JPY] per year. Every loop runs over years with
    /// independent elements (vectorised), each element in the engine's order of operations.
    /// On a CPU with AVX2 the same code runs compiled for it (four years per instruction
    /// instead of two); no fused multiply-add, so the bits are the same either way (tested).
    pub fn run(
        &self,
        km: &[f64],
        scr: &mut Scratch,
        totals: &mut [Totals],
        production: &mut [f64],
        revenue: &mut [f64],
    ) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is set only when the CPU reports AVX2 (`Kernel::new`).
            unsafe { self.run_avx2(km, scr, totals, production, revenue) };
            return;
        }
        self.run_body(km, scr, totals, production, revenue);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn run_avx2(
        &self,
        km: &[f64],
        scr: &mut Scratch,
        totals: &mut [Totals],
        production: &mut [f64],
        revenue: &mut [f64],
    ) {
        self.run_body(km, scr, totals, production, revenue);
    }

    /// Whether [`Kernel::run`] uses the AVX2 build of its loops (tests compare both).
    #[cfg(test)]
    pub(crate) fn set_avx2(&mut self, on: bool) {
        self.avx2 = on && avx2();
    }

    #[inline(always)]
    fn run_body(
        &self,
        km: &[f64],
        scr: &mut Scratch,
        totals: &mut [Totals],
        production: &mut [f64],
        revenue: &mut [f64],
    ) {
        let years = self.years;
        let k = |i: usize| &km[i * years..(i + 1) * years];
        production[..years].fill(0.0);
        // Buffers sized once per thread; only the sums start from 0 each draw.
        if scr.s1.len() != years {
            for v in [
                &mut scr.fa,
                &mut scr.fp,
                &mut scr.fr,
                &mut scr.org_num,
                &mut scr.org_den,
                &mut scr.re,
                &mut scr.vre,
                &mut scr.s3,
                &mut scr.s1,
                &mut scr.s2m,
                &mut scr.s2l,
                &mut scr.t3,
            ] {
                v.clear();
                v.resize(years, 0.0);
            }
        }
        for v in [
            &mut scr.s1,
            &mut scr.s2m,
            &mut scr.s2l,
            &mut scr.t3,
            &mut scr.org_num,
            &mut scr.org_den,
        ] {
            v.fill(0.0);
        }
        // Grid factors of the draw, once per region (not once per site).
        scr.efk.clear();
        scr.eflk.clear();
        for (r, inputs) in self.region_inputs.iter().enumerate() {
            let (ef, efl) = (
                &self.ef[r * years..(r + 1) * years],
                &self.ef_loc[r * years..(r + 1) * years],
            );
            let f = factor(&self.ones, km, years, inputs, None, &mut scr.fr);
            scr.efk.extend(ef.iter().zip(f).map(|(a, b)| a * b));
            scr.eflk.extend(efl.iter().zip(f).map(|(a, b)| a * b));
        }
        let ones = &self.ones[..years];
        let Scratch {
            fa: fa_buf,
            fp: fp_buf,
            efk,
            eflk,
            re: re_buf,
            vre: vre_buf,
            ..
        } = scr;
        for s in &self.sites {
            let fa = factor(ones, km, years, &s.act_inputs, None, fa_buf);
            let fp = factor(ones, km, years, &s.proc_inputs, Some(fa), fp_buf);
            let (re, vre): (&[f64], &[f64]) = if s.assets.is_empty() {
                (&s.re[..years], &s.vre[..years])
            } else {
                let (re, vre) = (&mut re_buf[..years], &mut vre_buf[..years]);
                re.fill(0.0);
                vre.fill(0.0);
                for a in &s.assets {
                    let dst: &mut [f64] = if a.virtual_ { &mut *vre } else { &mut *re };
                    let out = &a.out[..years];
                    match a.inputs[..] {
                        // 1 × k is k: the same bits as the general loop, vectorised
                        [] => {
                            for (d, o) in dst.iter_mut().zip(out) {
                                *d += o * 1f64.min(a.k_max);
                            }
                        }
                        [i] => {
                            let k = &km[i * years..(i + 1) * years];
                            for ((d, o), k) in dst.iter_mut().zip(out).zip(k) {
                                *d += o * k.min(a.k_max);
                            }
                        }
                        _ => {
                            for (y, d) in dst.iter_mut().enumerate() {
                                let mut m = 1.0;
                                for &i in &a.inputs {
                                    m *= km[i * years + y];
                                }
                                *d += out[y] * m.min(a.k_max);
                            }
                        }
                    }
                }
                (&re_buf[..years], &vre_buf[..years])
            };
            let ef = &efk[s.region * years..(s.region + 1) * years];
            let ef_loc = &eflk[s.region * years..(s.region + 1) * years];
            let (e2, c, o) = (&s.e2[..years], &s.c[..years], &s.o[..years]);
            let (fuel, process, kappa) = (&s.fuel[..years], &s.process[..years], &s.kappa[..years]);
            let (t1, t2m, t2l) = (&mut scr.s1[..years], &mut scr.s2m[..years], &mut scr.s2l[..years]);
            let (fa, fp) = (&fa[..years], &fp[..years]);
            let l = Lanes {
                fa,
                fp,
                e2,
                re,
                vre,
                c,
                ef,
                ef_loc,
                o,
                fuel,
                process,
                kappa,
            };
            // Parts that are 0 in every year change nothing: loops without them.
            let mask = (u8::from(!s.no_process) * PROCESS)
                | (u8::from(!s.no_kappa) * KAPPA)
                | (u8::from(!(s.no_re && s.assets.is_empty())) * RE);
            dispatch!(mask, l, t1, t2m, t2l; 0 1 2 3 4 5 6 7);
            if self.production {
                for (p, (q, a)) in production[..years]
                    .iter_mut()
                    .zip(s.production[..years].iter().zip(fa))
                {
                    *p += q * a;
                }
            }
            if self.org_weights {
                let (on, od, w) = (
                    &mut scr.org_num[..years],
                    &mut scr.org_den[..years],
                    &s.weight[..years],
                );
                for y in 0..years {
                    on[y] += w[y] * fa[y];
                    od[y] += w[y];
                }
            }
            if !s.mats.is_empty() {
                let s3 = &mut scr.s3[..years];
                s3.fill(0.0);
                for m in &s.mats {
                    mat_into(m, km, years, fa, o, s3);
                }
                for (t, v) in scr.t3[..years].iter_mut().zip(s3.iter()) {
                    *t += v;
                }
            }
        }
        for (y, t) in totals[..years].iter_mut().enumerate() {
            *t = Totals {
                scope1: scr.s1[y],
                scope2_market: scr.s2m[y],
                scope2_location: scr.s2l[y],
                scope3: scr.t3[y],
                credits: 0.0,
                net: 0.0,
            };
        }
        if !self.org.is_empty() {
            // the organisation's activity multiplier per year, into `fa`
            for ((ka, num), den) in scr.fa[..years].iter_mut().zip(&scr.org_num).zip(&scr.org_den) {
                *ka = if self.org_weights && *den != 0.0 {
                    num / den
                } else {
                    1.0
                };
            }
            let ones = &mut scr.fp[..years];
            ones.fill(1.0);
            for m in &self.org {
                let s3 = &mut scr.s3[..years];
                s3.fill(0.0);
                mat_into(m, km, years, &scr.fa[..years], &scr.fp[..years], s3);
                for (t, v) in totals[..years].iter_mut().zip(s3.iter()) {
                    t.scope3 += v;
                }
            }
        }
        for (y, t) in totals[..years].iter_mut().enumerate() {
            t.credits = self.credits[y];
            t.net = t.scope1 + t.scope2_market + if self.net_s3 { t.scope3 } else { 0.0 } - t.credits;
        }
        if let Some(r) = &self.revenue {
            revenue[..years].copy_from_slice(r);
            for &i in &self.revenue_inputs {
                for (a, m) in revenue.iter_mut().zip(k(i)) {
                    *a *= m;
                }
            }
        }
    }
}

/// Adds a material's Scope 3 per year to `out`: `q·k_a·(terms) · o` (`o` = 1 for the
/// organisation's materials, whose engine value has no ownership factor: × 1 is exact).
#[inline(always)]
fn mat_into(m: &KMat, km: &[f64], years: usize, ka: &[f64], o: &[f64], out: &mut [f64]) {
    if m.inputs.is_empty() {
        for y in 0..years {
            out[y] += m.q[y] * ka[y] * m.sum[y] * o[y];
        }
        return;
    }
    if let [(i, route)] = m.inputs[..] {
        // one input: the general loop's products without its branches, vectorised
        let k = &km[i * years..(i + 1) * years];
        let [a, b, c] = route_k(route);
        for y in 0..years {
            let [mut tp, mut tr, mut tl] = m.terms[y];
            let ky = k[y];
            tp = if a { tp * ky } else { tp };
            tr = if b { tr * ky } else { tr };
            tl = if c { tl * ky } else { tl };
            out[y] += m.q[y] * ka[y] * (tp + tr + tl) * o[y];
        }
        return;
    }
    for y in 0..years {
        let [mut tp, mut tr, mut tl] = m.terms[y];
        for &(i, route) in &m.inputs {
            let k = km[i * years + y];
            let [a, b, c] = route_k(route);
            if a {
                tp *= k;
            }
            if b {
                tr *= k;
            }
            if c {
                tl *= k;
            }
        }
        out[y] += m.q[y] * ka[y] * (tp + tr + tl) * o[y];
    }
}

/// A site's per-year inputs of the kernel's main loop.
struct Lanes<'a> {
    fa: &'a [f64],
    fp: &'a [f64],
    e2: &'a [f64],
    re: &'a [f64],
    vre: &'a [f64],
    c: &'a [f64],
    ef: &'a [f64],
    ef_loc: &'a [f64],
    o: &'a [f64],
    fuel: &'a [f64],
    process: &'a [f64],
    kappa: &'a [f64],
}

impl Lanes<'_> {
    /// Adds the site's Scope 1 and both Scope 2 to the totals per year, in the engine's order
    /// of operations. A flag of `F` off leaves out a part that is 0 in every year (adding or
    /// subtracting 0 changes nothing).
    #[inline(always)]
    fn add<const F: u8>(&self, t1: &mut [f64], t2m: &mut [f64], t2l: &mut [f64]) {
        let n = t1.len();
        let (t2m, t2l) = (&mut t2m[..n], &mut t2l[..n]);
        let (fa, fp, e2, re, vre, c) = (
            &self.fa[..n],
            &self.fp[..n],
            &self.e2[..n],
            &self.re[..n],
            &self.vre[..n],
            &self.c[..n],
        );
        let (ef, ef_loc, o, fuel, process, kappa) = (
            &self.ef[..n],
            &self.ef_loc[..n],
            &self.o[..n],
            &self.fuel[..n],
            &self.process[..n],
            &self.kappa[..n],
        );
        for y in 0..n {
            let ka = fa[y];
            let e = e2[y] * ka;
            let grid = if F & RE != 0 {
                (e - re[y]).max(0.0)
            } else {
                e.max(0.0)
            };
            let free = grid * (1.0 - c[y]);
            let g = if F & RE != 0 { free - vre[y] } else { free };
            t2m[y] += g.max(0.0) * ef[y] * o[y];
            t2l[y] += grid * ef_loc[y] * o[y];
            let mut s1 = fuel[y] * ka;
            if F & PROCESS != 0 {
                s1 += process[y] * fp[y];
            }
            if F & KAPPA != 0 {
                s1 += kappa[y] * ka;
            }
            t1[y] += s1;
        }
    }
}

/// Flags of [`Lanes::add`]: which parts a site has.
const PROCESS: u8 = 1;
const KAPPA: u8 = 2;
const RE: u8 = 4;

/// Calls `Lanes::add` with the flags as a constant, one arm per value.
macro_rules! dispatch {
    ($mask:expr, $l:expr, $a:expr, $b:expr, $c:expr; $($m:literal)*) => {
        match $mask {
            $($m => $l.add::<$m>($a, $b, $c),)*
            _ => unreachable!("three flags"),
        }
    };
}
use dispatch;

/// The product of the inputs' multipliers per year: `base` (or 1) times each input's row.
/// Borrows without copying in the usual cases (no input: `base` or the ones; one input and no
/// base: its row).
#[inline(always)]
fn factor<'b>(
    ones: &'b [f64],
    km: &'b [f64],
    years: usize,
    inputs: &[usize],
    base: Option<&'b [f64]>,
    buf: &'b mut Vec<f64>,
) -> &'b [f64] {
    match (inputs, base) {
        ([], None) => ones,
        ([], Some(b)) => b,
        ([i], None) => &km[i * years..(i + 1) * years],
        _ => {
            buf.clear();
            buf.extend_from_slice(base.unwrap_or(ones));
            for &i in inputs {
                for (a, m) in buf.iter_mut().zip(&km[i * years..(i + 1) * years]) {
                    *a *= m;
                }
            }
            buf
        }
    }
}

fn part(rows: &[(crate::engine::run::SiteYear, f64, Parts)], f: impl Fn(&Parts) -> f64) -> Vec<f64> {
    rows.iter().map(|r| f(&r.2)).collect()
}

fn kmat(e: &Engine, mi: usize, activity: &[f64], inputs: &[(usize, Route)]) -> KMat {
    let m = &e.materials[mi];
    let years = e.years;
    let terms: Vec<[f64; 3]> = (0..years)
        .map(|y| {
            let (rho, gamma) = m.shares(y, true);
            [
                (1.0 - rho - gamma) * m.ef_primary[y],
                rho * m.ef_recycled[y],
                gamma * m.ef_low_carbon[y],
            ]
        })
        .collect();
    KMat {
        q: (0..years).map(|y| m.quantity_t * activity[y]).collect(),
        sum: terms.iter().map(|[a, b, c]| a + b + c).collect(),
        terms,
        inputs: inputs.to_vec(),
    }
}

/// JSON of numbers and arrays, for [`Kernel::reference_json`].
struct Json(String);

impl Json {
    fn key(&mut self, k: &str) {
        if !self.0.ends_with('{') && !self.0.ends_with('[') {
            self.0.push(',');
        }
        self.0.push_str(&format!("\"{k}\":"));
    }
    fn num(&mut self, k: &str, v: f64) {
        self.key(k);
        self.0.push_str(&format!("{v:?}"));
    }
    fn arr(&mut self, k: &str, v: &[f64]) {
        self.key(k);
        self.0.push('[');
        let items: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
        self.0.push_str(&items.join(","));
        self.0.push(']');
    }
    fn idx(&mut self, k: &str, v: &[usize]) {
        let f: Vec<f64> = v.iter().map(|&x| x as f64).collect();
        self.arr(k, &f);
    }
    fn open(&mut self, k: &str, c: char) {
        self.key(k);
        self.0.push(c);
    }
    fn item(&mut self) {
        if !self.0.ends_with('[') {
            self.0.push(',');
        }
        self.0.push('{');
    }
}

impl Kernel {
    /// The kernel's stored arrays as JSON, for the vectorised numpy reference of
    /// `benches/mc_numpy.py` (the same formulas over the same draws). Not a file format.
    pub(crate) fn reference_json(&self) -> String {
        let mut j = Json(String::from("{"));
        j.num("years", self.years as f64);
        j.num("net_s3", f64::from(u8::from(self.net_s3)));
        j.arr("ef", &self.ef);
        j.arr("ef_loc", &self.ef_loc);
        j.arr("credits", &self.credits);
        j.open("region_inputs", '[');
        for (k, r) in self.region_inputs.iter().enumerate() {
            if k > 0 {
                j.0.push(',');
            }
            let f: Vec<String> = r.iter().map(|x| x.to_string()).collect();
            j.0.push_str(&format!("[{}]", f.join(",")));
        }
        j.0.push(']');
        let mats = |j: &mut Json, name: &str, list: &[KMat]| {
            j.open(name, '[');
            for m in list {
                j.item();
                j.arr("q", &m.q);
                j.arr("sum", &m.sum);
                let t: Vec<f64> = m.terms.iter().flatten().copied().collect();
                j.arr("terms", &t);
                let ins: Vec<f64> = m
                    .inputs
                    .iter()
                    .flat_map(|&(i, r)| [i as f64, r as u8 as f64])
                    .collect();
                j.arr("inputs", &ins);
                j.0.push('}');
            }
            j.0.push(']');
        };
        j.open("sites", '[');
        for s in &self.sites {
            j.item();
            j.num("region", s.region as f64);
            for (k, v) in [
                ("e2", &s.e2),
                ("re", &s.re),
                ("vre", &s.vre),
                ("c", &s.c),
                ("fuel", &s.fuel),
                ("process", &s.process),
                ("kappa", &s.kappa),
                ("o", &s.o),
                ("production", &s.production),
                ("weight", &s.weight),
            ] {
                j.arr(k, v);
            }
            j.idx("act_inputs", &s.act_inputs);
            j.idx("proc_inputs", &s.proc_inputs);
            j.open("assets", '[');
            for a in &s.assets {
                j.item();
                j.arr("out", &a.out);
                j.num("virtual", f64::from(u8::from(a.virtual_)));
                j.idx("inputs", &a.inputs);
                j.num("k_max", if a.k_max.is_finite() { a.k_max } else { 1e300 });
                j.0.push('}');
            }
            j.0.push(']');
            mats(&mut j, "mats", &s.mats);
            j.0.push('}');
        }
        j.0.push(']');
        mats(&mut j, "org", &self.org);
        j.num("org_weights", f64::from(u8::from(self.org_weights)));
        j.0.push('}');
        j.0
    }
}

#[cfg(test)]
mod tests {
    use super::{Kernel, Scratch};
    use crate::engine::Engine;
    use crate::engine::run::Totals;
    use crate::engine::uncertainty::Study;

    /// The AVX2 build of the loops gives the same bits as the baseline build, draw by draw.
    #[test]
    fn avx2_and_baseline_builds_give_the_same_bits() {
        let mut s = crate::synthetic::scenario(20, 7);
        crate::synthetic::reference_uncertainty(&mut s);
        let e = Engine::new(&s);
        let study = Study::new(&s);
        let mut kern = Kernel::new(&e, &study);
        let years = study.years;
        let n = study.inputs.len() * years;
        let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..50 {
            let km: Vec<f64> = (0..n)
                .map(|_| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    0.5 + (rng >> 11) as f64 / (1u64 << 53) as f64
                })
                .collect();
            let mut out = [vec![Totals::default(); years], vec![Totals::default(); years]];
            for (on, t) in [true, false].into_iter().zip(out.iter_mut()) {
                kern.set_avx2(on);
                let (mut p, mut r) = (vec![0.0; years], vec![0.0; years]);
                kern.run(&km, &mut Scratch::default(), t, &mut p, &mut r);
            }
            for (a, b) in out[0].iter().zip(&out[1]) {
                for (x, y) in [
                    (a.scope1, b.scope1),
                    (a.scope2_market, b.scope2_market),
                    (a.scope2_location, b.scope2_location),
                    (a.scope3, b.scope3),
                    (a.net, b.net),
                ] {
                    assert_eq!(x.to_bits(), y.to_bits());
                }
            }
        }
    }
}
