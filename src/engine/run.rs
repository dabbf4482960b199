//! One run of the model (MODEL.md §4) for a set of lever groups, into reusable buffers.

use super::compile::{Engine, LeverGroup, LeverSet, SiteC};
use super::cost::{CostC, CostYear, Quantity};

/// Emissions of one year [t-CO2].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub scope1: f64,
    pub scope2_market: f64,
    pub scope2_location: f64,
    pub scope3: f64,
    pub credits: f64,
    /// `scope1 + scope2_market (+ scope3 when a target covers it) − credits`.
    pub net: f64,
}

impl Totals {
    /// Scope 1 + market Scope 2, before credits.
    pub fn scope12(&self) -> f64 {
        self.scope1 + self.scope2_market
    }
}

/// Emissions of one site in one year, inside the boundary [t-CO2].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SiteYear {
    pub scope1: f64,
    pub scope2_market: f64,
    pub scope2_location: f64,
    /// Scope 3 of the materials linked to the site.
    pub scope3: f64,
    /// Grid purchase inside the boundary [MWh].
    pub grid_mwh: f64,
}

/// Energy and activity of one year, inside the boundary.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EnergyYear {
    /// Electricity consumed, own generation included [MWh].
    pub electricity_mwh: f64,
    pub grid_mwh: f64,
    /// Own generation and physical PPA output beyond the site's demand [MWh] (never credited).
    pub surplus_mwh: f64,
    pub fuel_gj: f64,
    /// `Σ P_s · a_s · o_s` [t].
    pub production_t: f64,
}

/// Output buffers of a run; allocate once with [`Run::new`] and reuse.
#[derive(Clone, Debug)]
pub struct Run {
    pub totals: Vec<Totals>,
    /// `[year * n_sources + source]`, sources as in [`Run::source_count`].
    pub sources: Vec<f64>,
    /// `[year * n_sites + site]`
    pub sites: Vec<SiteYear>,
    pub energy: Vec<EnergyYear>,
    /// Cost by component per year (empty when the scenario has no price).
    pub cost: Vec<CostYear>,
    /// Cost per site and year, `[year * (n_sites + 1) + site]`; the last slot of a year is
    /// the organisation (its materials and credits). Empty without prices.
    pub site_cost: Vec<f64>,
    /// Quantity of each priced item per year, `[year * n_items + item]`.
    pub item_qty: Vec<f64>,
    f1: Vec<f64>,
    f2: Vec<f64>,
    n_fuels: usize,
    n_materials: usize,
    n_sites: usize,
}

/// Index of a source in [`Run::sources`].
pub mod source {
    /// Market-based Scope 2 of purchased electricity.
    pub const ELECTRICITY: usize = 0;
    /// Non-energy process emissions.
    pub const PROCESS: usize = 1;
    /// Extra Scope 1 from combustion in recycled feed (κ).
    pub const RECYCLED_FEED: usize = 2;
    /// First fuel; fuel `f` is `FIRST_FUEL + f`, then materials follow the fuels.
    pub const FIRST_FUEL: usize = 3;
}

impl Run {
    pub fn new(e: &Engine) -> Run {
        let n_fuels = e.fuel_count();
        let n_materials = e.material_count();
        let n_sites = e.site_count();
        let n_src = source::FIRST_FUEL + n_fuels + n_materials;
        let (n_cost, n_items) = match &e.cost {
            Some(c) => (e.years, c.items.len()),
            None => (0, 0),
        };
        Run {
            totals: vec![Totals::default(); e.years],
            sources: vec![0.0; e.years * n_src],
            sites: vec![SiteYear::default(); e.years * n_sites],
            energy: vec![EnergyYear::default(); e.years],
            cost: vec![CostYear::default(); n_cost],
            site_cost: vec![0.0; n_cost * (n_sites + 1)],
            item_qty: vec![0.0; n_cost * n_items],
            f1: vec![0.0; n_fuels],
            f2: vec![0.0; n_fuels],
            n_fuels,
            n_materials,
            n_sites,
        }
    }

    pub fn source_count(&self) -> usize {
        source::FIRST_FUEL + self.n_fuels + self.n_materials
    }
    pub fn fuel_source(&self, f: usize) -> usize {
        source::FIRST_FUEL + f
    }
    pub fn material_source(&self, m: usize) -> usize {
        source::FIRST_FUEL + self.n_fuels + m
    }
    pub fn source(&self, year_index: usize, source: usize) -> f64 {
        self.sources[year_index * self.source_count() + source]
    }
    pub fn site(&self, year_index: usize, site: usize) -> &SiteYear {
        &self.sites[year_index * self.n_sites + site]
    }
    /// Cost of a site in a year [JPY]; `site == n_sites` is the organisation.
    pub fn site_cost(&self, year_index: usize, site: usize) -> f64 {
        self.site_cost[year_index * (self.n_sites + 1) + site]
    }
}

/// Where [`Engine::site_cost`] reads a site's grid purchase and writes its cost: strided
/// views of a whole run's buffers, or a single site's own ([`SiteRun`]).
struct SiteCostOut<'a> {
    /// The site's [`SiteYear`] of year `y` at `grid[y * grid_stride]`.
    grid: &'a [SiteYear],
    grid_stride: usize,
    /// By component, `[y]`.
    costs: &'a mut [CostYear],
    /// The site's total of year `y` at `totals[y * total_stride]`.
    totals: &'a mut [f64],
    total_stride: usize,
    /// `[y * n_items + item]`; untouched when `n_items == 0`.
    items: &'a mut [f64],
    n_items: usize,
}

/// One site's results in every year for one lever set: the per-site runs of
/// [`Engine::lever_runs`]. Allocate with [`SiteRun::new`] and reuse.
#[derive(Clone, Debug)]
pub(crate) struct SiteRun {
    pub years: Vec<SiteYear>,
    /// By component (fuels included), `[y]`; empty without prices.
    pub cost: Vec<CostYear>,
    /// The site's total cost, `[y]`.
    pub total: Vec<f64>,
    /// `[y * n_items + item]`.
    pub items: Vec<f64>,
    f1: Vec<f64>,
    f2: Vec<f64>,
    src: Vec<f64>,
}

impl SiteRun {
    pub fn new(e: &Engine) -> SiteRun {
        let years = e.years;
        let (n_cost, n_items) = match &e.cost {
            Some(c) => (years, c.items.len()),
            None => (0, 0),
        };
        SiteRun {
            years: vec![SiteYear::default(); years],
            cost: vec![CostYear::default(); n_cost],
            total: vec![0.0; n_cost],
            items: vec![0.0; n_cost * n_items],
            f1: vec![0.0; e.fuel_count()],
            f2: vec![0.0; e.fuel_count()],
            src: vec![0.0; source::FIRST_FUEL + e.fuel_count() + e.material_count()],
        }
    }
}

/// Which year index each input is read at. A normal run reads everything at one year; the
/// bridge evaluates BAU with activity, grid factor and ownership of different years.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At {
    pub activity: usize,
    pub grid: usize,
    pub ownership: usize,
    pub lever: usize,
}

impl At {
    pub fn year(y: usize) -> At {
        At {
            activity: y,
            grid: y,
            ownership: y,
            lever: y,
        }
    }
}

/// Energy and emissions of one site in one year; per-source values go to `src`.
struct SiteOut {
    year: SiteYear,
    energy: EnergyYear,
    parts: Parts,
}

/// The parts of one site-year that a Monte Carlo draw scales (ANALYSES.md §9.19): what is
/// proportional to activity, and what is not (own generation, virtual output).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Parts {
    /// Electricity demand after switching, before own generation and PPAs [MWh] (not × o).
    pub e2: f64,
    /// Physical renewables and virtual output [MWh] (not × o).
    pub re: f64,
    pub vre: f64,
    /// CO2-free share.
    pub c: f64,
    /// Scope 1 of fuels, process and recycled feed [t-CO2] (× o).
    pub fuel: f64,
    pub process: f64,
    pub kappa: f64,
}

impl Engine {
    /// MODEL.md §4 for one site and one year. `src` receives the per-source emissions
    /// (indexed as [`Run::sources`]); `f1`, `f2` are scratch slots, one per fuel.
    #[inline(always)]
    fn site_year(
        &self,
        s: &super::compile::SiteC,
        at: At,
        levers: LeverSet,
        f1: &mut [f64],
        f2: &mut [f64],
        src: &mut [f64],
    ) -> SiteOut {
        let n_fuels = self.fuel_ef.len();
        let y = at.lever;
        let a = s.activity[at.activity];
        let o = s.ownership[at.ownership];
        let rec = levers.has(LeverGroup::Recycling);
        let ppa = levers.has(LeverGroup::Ppa);
        let (eta_el, eta_fu) = if levers.has(LeverGroup::Efficiency) {
            (s.eta_el[y], s.eta_fu[y])
        } else {
            (1.0, 1.0)
        };

        // §4.2 demand before switching; λ: recycled feed saving the site's fuel.
        let mut fuel_factor = a * eta_fu;
        for &mi in &s.materials {
            let m = &self.materials[mi];
            if m.lambda != 0.0 {
                let rho = if rec { m.rho[y] } else { m.rho_off };
                fuel_factor *= 1.0 - m.lambda * (rho - m.rho_off);
            }
        }
        let mut e2 = s.electricity_mwh * a * eta_el;
        for (&f, &gj) in s.active.iter().zip(&s.fuels_gj) {
            let v = gj * fuel_factor;
            f1[f] = v;
            f2[f] = v;
        }

        // §4.3 fuel switching, always a share of the pre-switch demand.
        let fsw = levers.has(LeverGroup::FuelSwitch);
        for r in &s.rules {
            let share = if fsw { r.share[y] } else { r.share_off };
            if share == 0.0 {
                continue;
            }
            let moved = f1[r.from] * share;
            f2[r.from] -= moved;
            match r.to {
                Some(g) => f2[g] += moved * r.ratio,
                None => e2 += moved * r.ratio / 3.6,
            }
        }

        // §4.4–4.5 own generation, PPAs, grid purchase, Scope 2.
        let years = self.years;
        let re = if ppa {
            s.physical_re[y]
        } else {
            s.physical_re_off[y]
        };
        let vre = if ppa { s.virtual_re[y] } else { s.virtual_re_off[y] };
        let grid = (e2 - re).max(0.0);
        let surplus = (re - e2).max(0.0);
        let c = if levers.has(LeverGroup::Co2Free) {
            s.co2_free[y]
        } else {
            s.co2_free_off
        };
        let ef = self.ef[s.region * years + at.grid];
        let ef_loc = self.ef_loc[s.region * years + at.grid];
        let s2m = (grid * (1.0 - c) - vre).max(0.0) * ef * o;
        let s2l = grid * ef_loc * o;

        // §4.6 Scope 1.
        let mut s1 = 0.0;
        let mut fuel_gj = 0.0;
        for &f in &s.active {
            let v = f2[f] * self.fuel_ef[f] * o;
            src[source::FIRST_FUEL + f] += v;
            s1 += v;
            fuel_gj += f2[f];
        }
        let fuel_s1 = s1;
        let pi = if levers.has(LeverGroup::ProcessChange) {
            s.process_change[y]
        } else {
            s.process_change_off
        };
        let process = s.process_t[at.activity] * a * (1.0 - pi) * o;
        src[source::PROCESS] += process;
        s1 += process;

        // κ and §4.7 Scope 3 of linked materials.
        let mut s3 = 0.0;
        let mut kappa = 0.0;
        for &mi in &s.materials {
            let m = &self.materials[mi];
            let (rho, gamma) = m.shares(y, rec);
            let q = m.quantity_t * a;
            kappa += m.kappa * q * (rho - m.rho_off);
            let v = q * m.route_ef(y, rho, gamma) * o;
            src[source::FIRST_FUEL + n_fuels + mi] += v;
            s3 += v;
        }
        let kappa = kappa * o;
        src[source::RECYCLED_FEED] += kappa;
        s1 += kappa;
        src[source::ELECTRICITY] += s2m;

        SiteOut {
            year: SiteYear {
                scope1: s1,
                scope2_market: s2m,
                scope2_location: s2l,
                scope3: s3,
                grid_mwh: grid * o,
            },
            energy: EnergyYear {
                electricity_mwh: e2 * o,
                grid_mwh: grid * o,
                surplus_mwh: surplus * o,
                fuel_gj: fuel_gj * o,
                production_t: s.production_t * a * o,
            },
            parts: Parts {
                e2,
                re,
                vre,
                c,
                fuel: fuel_s1,
                process,
                kappa,
            },
        }
    }

    /// The site's emissions in every year with all levers on, with the parts a Monte Carlo
    /// kernel scales: `(SiteYear, production [t], Parts)` per year.
    pub(crate) fn site_parts(&self, si: usize) -> Vec<(SiteYear, f64, Parts)> {
        let n = self.fuel_ef.len();
        let (mut f1, mut f2) = (vec![0.0; n], vec![0.0; n]);
        let mut src = vec![0.0; source::FIRST_FUEL + n + self.materials.len()];
        (0..self.years)
            .map(|y| {
                let r = self.site_year(
                    &self.sites[si],
                    At::year(y),
                    LeverSet::ALL,
                    &mut f1,
                    &mut f2,
                    &mut src,
                );
                (r.year, r.energy.production_t, r.parts)
            })
            .collect()
    }

    /// Scope 3 of an organisation-level material (no linked site).
    #[inline]
    pub(crate) fn org_material(&self, m: &super::compile::Mat, at: At, rec: bool) -> f64 {
        let (rho, gamma) = m.shares(at.lever, rec);
        m.quantity_t * self.org_activity[at.activity] * m.route_ef(at.lever, rho, gamma)
    }

    /// Runs the model with the given lever groups on, into `out` (sized by [`Run::new`]). The
    /// quantities of priced items ([`Run::item_qty`]) are not updated: only the cost analysis
    /// needs them, and [`Engine::run_with_items`] fills them.
    pub fn run_into(&self, levers: LeverSet, out: &mut Run) {
        self.run_full(levers, out, false);
    }

    /// [`Engine::run_into`] plus the quantity of every priced item (for the missing-price and
    /// assumed-price marks of the cost analysis).
    pub fn run_with_items(&self, levers: LeverSet, out: &mut Run) {
        self.run_full(levers, out, true);
    }

    fn run_full(&self, levers: LeverSet, out: &mut Run, with_items: bool) {
        let years = self.years;
        let n_src = out.source_count();
        let n_sites = self.sites.len();
        let n_fuels = self.fuel_ef.len();
        out.totals.fill(Totals::default());
        out.sources.fill(0.0);
        out.energy.fill(EnergyYear::default());
        let rec = levers.has(LeverGroup::Recycling);
        let cost = self.cost.as_ref();
        // Without items, every `items` slice below is empty and the item loops are skipped.
        let n_items = if with_items {
            cost.map_or(0, |c| c.items.len())
        } else {
            0
        };
        if cost.is_some() {
            out.cost.fill(CostYear::default());
            out.site_cost.fill(0.0);
            if with_items {
                out.item_qty.fill(0.0);
            }
        }

        // The fuel part of the cost rides on the emissions pass (the post-switch fuel use is
        // known only there); without fuel prices or items that pass is the one without cost.
        let fuel_pass = cost.is_some_and(|cc| with_items || cc.sites.iter().any(|k| k.fuel_priced));
        if fuel_pass {
            self.sites_pass::<true>(levers, out, n_items)
        } else {
            self.sites_pass::<false>(levers, out, 0)
        }

        for (mi, m) in self.materials.iter().enumerate() {
            if m.site.is_some() {
                continue;
            }
            for y in 0..years {
                let v = self.org_material(m, At::year(y), rec);
                out.sources[y * n_src + source::FIRST_FUEL + n_fuels + mi] += v;
                out.totals[y].scope3 += v;
            }
        }

        let crd = levers.has(LeverGroup::Credits);
        for y in 0..years {
            let t = &mut out.totals[y];
            t.credits = if crd { self.credits[y] } else { 0.0 };
            self.set_net(t);
        }

        if let Some(cc) = cost {
            for (si, s) in self.sites.iter().enumerate() {
                if with_items || cc.sites[si].priced {
                    let o = SiteCostOut {
                        grid: &out.sites[si..],
                        grid_stride: n_sites,
                        costs: &mut out.cost,
                        totals: &mut out.site_cost[si..],
                        total_stride: n_sites + 1,
                        items: &mut out.item_qty,
                        n_items,
                    };
                    self.site_cost(cc, si, s, levers, o);
                }
            }
            for y in 0..years {
                let items = &mut out.item_qty[y * n_items..(y + 1) * n_items];
                let c = self.org_cost(cc, y, rec, crd, &mut out.cost[y], items);
                out.site_cost[y * (n_sites + 1) + n_sites] = c;
            }
        }
    }

    /// The emissions of every site and year into `out` (sources, sites, totals' scopes,
    /// energy); with `FUEL`, the fuel cost and the fuel items' quantities too.
    #[inline(always)]
    fn sites_pass<const FUEL: bool>(&self, levers: LeverSet, out: &mut Run, n_items: usize) {
        let years = self.years;
        let n_src = out.source_count();
        let n_sites = self.sites.len();
        let cost = self.cost.as_ref();
        for (si, s) in self.sites.iter().enumerate() {
            for y in 0..years {
                let src = &mut out.sources[y * n_src..(y + 1) * n_src];
                let r = self.site_year(s, At::year(y), levers, &mut out.f1, &mut out.f2, src);
                // Fuels: their post-switch use is known only here (the rest of the site's
                // cost is a pass of its own below, which keeps this loop as fast as without).
                if FUEL && let Some(cc) = cost {
                    let k = &cc.sites[si];
                    let o = s.ownership[y];
                    if k.fuel_priced {
                        let mut fu = 0.0;
                        for &f in &s.active {
                            fu += out.f2[f] * cc.fuel[f * years + y];
                        }
                        let fu = fu * o;
                        out.cost[y].fuels += fu;
                        out.site_cost[y * (n_sites + 1) + si] = fu;
                    }
                    if n_items > 0 {
                        let items = &mut out.item_qty[y * n_items..(y + 1) * n_items];
                        for &(item, f) in &k.fuel_items {
                            items[item] += out.f2[f] * o;
                        }
                    }
                }
                out.sites[y * n_sites + si] = r.year;
                let t = &mut out.totals[y];
                t.scope1 += r.year.scope1;
                t.scope2_market += r.year.scope2_market;
                t.scope2_location += r.year.scope2_location;
                t.scope3 += r.year.scope3;
                let en = &mut out.energy[y];
                en.electricity_mwh += r.energy.electricity_mwh;
                en.grid_mwh += r.energy.grid_mwh;
                en.surplus_mwh += r.energy.surplus_mwh;
                en.fuel_gj += r.energy.fuel_gj;
                en.production_t += r.energy.production_t;
            }
        }
    }

    /// Cost of one site in every year (ANALYSES.md §1.4, items 1–7 but fuels, which the
    /// emissions pass adds), by component into `o.costs`, the site's total into `o.totals`;
    /// with `o.n_items > 0` the quantities of its priced items too. Reads the grid purchase
    /// inside the boundary (`o·G`) the emissions pass left in `o.grid`.
    fn site_cost(&self, cc: &CostC, si: usize, s: &SiteC, levers: LeverSet, o: SiteCostOut) {
        let years = self.years;
        let SiteCostOut {
            grid,
            grid_stride,
            costs,
            totals,
            total_stride,
            items,
            n_items,
        } = o;
        let k = &cc.sites[si];
        let co2 = levers.has(LeverGroup::Co2Free);
        let rec = levers.has(LeverGroup::Recycling);
        let ppa_on = levers.has(LeverGroup::Ppa);
        let proc = levers.has(LeverGroup::ProcessChange);
        // Every per-year input sliced to the horizon once, so the loop runs without bounds checks.
        let power = &cc.power[s.region * years..(s.region + 1) * years];
        let premium = &k.premium[..years];
        let (own, act, co2_free) = (&s.ownership[..years], &s.activity[..years], &s.co2_free[..years]);
        let costs = &mut costs[..years];
        let linked: &[usize] = if k.materials_priced { &s.materials } else { &[] };
        let ppa_cost: &[f64] = match (k.ppa_on.is_empty(), ppa_on) {
            (true, _) => &[],
            (false, true) => &k.ppa_on[..years],
            (false, false) => &k.ppa_off[..years],
        };
        // The annuities of the groups that are on (one entry per group: at most seven).
        let mut annuities: [&[f64]; 7] = [&[]; 7];
        let mut n_annuities = 0;
        for (g, v) in &k.annuities {
            if levers.has(*g) {
                annuities[n_annuities] = &v[..years];
                n_annuities += 1;
            }
        }
        // Only the grid priced (the usual case): power and premium alone, the same sums.
        let grid_only = ppa_cost.is_empty() && linked.is_empty() && !k.opex_priced && n_annuities == 0;
        if grid_only {
            for y in 0..years {
                let grid_o = grid[y * grid_stride].grid_mwh;
                let c = if co2 { co2_free[y] } else { s.co2_free_off };
                let el = if k.power_priced { grid_o * power[y] } else { 0.0 };
                let cf = if k.premium_priced {
                    c * grid_o * premium[y]
                } else {
                    0.0
                };
                let cost = &mut costs[y];
                cost.electricity += el;
                cost.co2_free += cf;
                totals[y * total_stride] += el + cf;
            }
        } else {
            for y in 0..years {
                let grid_o = grid[y * grid_stride].grid_mwh;
                let o = own[y];
                let a = act[y];
                let c = if co2 { co2_free[y] } else { s.co2_free_off };
                let el = if k.power_priced { grid_o * power[y] } else { 0.0 };
                let cf = if k.premium_priced {
                    c * grid_o * premium[y]
                } else {
                    0.0
                };
                let ppa = if ppa_cost.is_empty() { 0.0 } else { ppa_cost[y] * o };
                let mut mat = 0.0;
                for &mi in linked {
                    let m = &self.materials[mi];
                    let (rho, gamma) = m.shares(y, rec);
                    let p = &cc.materials[mi];
                    mat += m.quantity_t * a * (rho * p.recycled[y] + gamma * p.low_carbon[y]);
                }
                let mat = mat * o;
                let po = if k.opex_priced {
                    let pi = if proc {
                        s.process_change[y]
                    } else {
                        s.process_change_off
                    };
                    o * a * pi * k.opex[y]
                } else {
                    0.0
                };
                let mut cap = 0.0;
                for v in &annuities[..n_annuities] {
                    cap += v[y];
                }
                let cap = cap * o;
                let cost = &mut costs[y];
                cost.electricity += el;
                cost.co2_free += cf;
                cost.ppa += ppa;
                cost.materials += mat;
                cost.process_opex += po;
                cost.capex += cap;
                totals[y * total_stride] += el + cf + ppa + mat + po + cap;
            }
        }
        if n_items == 0 {
            return;
        }
        // The quantities of the site's priced items (the cost analysis's marks only).
        for y in 0..years {
            let grid_o = grid[y * grid_stride].grid_mwh;
            let o = s.ownership[y];
            let a = s.activity[y];
            let c = if co2 { s.co2_free[y] } else { s.co2_free_off };
            let items = &mut items[y * n_items..(y + 1) * n_items];
            for (item, q) in &k.items {
                items[*item] += match q {
                    Quantity::Grid => grid_o,
                    Quantity::Co2Free => c * grid_o,
                    Quantity::Ppa { on, off } => o * if ppa_on { on[y] } else { off[y] },
                    Quantity::Capacity { group, on } => {
                        if levers.has(*group) {
                            o * on[y]
                        } else {
                            0.0
                        }
                    }
                    Quantity::Material { material, recycled } => {
                        let m = &self.materials[*material];
                        let (rho, gamma) = m.shares(y, rec);
                        let share = if *recycled { rho } else { gamma };
                        o * m.quantity_t * a * share
                    }
                };
            }
        }
    }

    /// One site in every year with the given lever groups on, as [`Engine::run_with_items`]
    /// computes it (the same arithmetic in the same order), into `out`.
    pub(crate) fn site_run(&self, si: usize, levers: LeverSet, out: &mut SiteRun) {
        let years = self.years;
        let s = &self.sites[si];
        let cost = self.cost.as_ref();
        let n_items = cost.map_or(0, |c| c.items.len());
        if cost.is_some() {
            out.cost.fill(CostYear::default());
            out.total.fill(0.0);
            out.items.fill(0.0);
        }
        for y in 0..years {
            // (the per-source split is not kept: only the site's scopes are)
            out.src.fill(0.0);
            let r = self.site_year(s, At::year(y), levers, &mut out.f1, &mut out.f2, &mut out.src);
            out.years[y] = r.year;
            if let Some(cc) = cost {
                let k = &cc.sites[si];
                let o = s.ownership[y];
                if k.fuel_priced {
                    let mut fu = 0.0;
                    for &f in &s.active {
                        fu += out.f2[f] * cc.fuel[f * years + y];
                    }
                    let fu = fu * o;
                    out.cost[y].fuels += fu;
                    out.total[y] = fu;
                }
                let items = &mut out.items[y * n_items..(y + 1) * n_items];
                for &(item, f) in &k.fuel_items {
                    items[item] += out.f2[f] * o;
                }
            }
        }
        if let Some(cc) = cost {
            let o = SiteCostOut {
                grid: &out.years,
                grid_stride: 1,
                costs: &mut out.cost,
                totals: &mut out.total,
                total_stride: 1,
                items: &mut out.items,
                n_items,
            };
            self.site_cost(cc, si, s, levers, o);
        }
    }

    /// Cost of the organisation in one year: its materials and the credits (§1.4 items 5, 8).
    pub(crate) fn org_cost(
        &self,
        cc: &CostC,
        y: usize,
        rec: bool,
        crd: bool,
        cost: &mut CostYear,
        items: &mut [f64],
    ) -> f64 {
        let mut mat = 0.0;
        for (mi, m) in self.materials.iter().enumerate() {
            if m.site.is_some() {
                continue;
            }
            let (rho, gamma) = m.shares(y, rec);
            let q = m.quantity_t * self.org_activity[y];
            let p = &cc.materials[mi];
            mat += q * (rho * p.recycled[y] + gamma * p.low_carbon[y]);
            if !items.is_empty() {
                for &(item, recycled) in &p.items {
                    items[item] += q * if recycled { rho } else { gamma };
                }
            }
        }
        let credits = if crd { self.credits[y] } else { 0.0 };
        let cr = credits * cc.credit_price[y];
        if let Some(item) = cc.credit_item
            && !items.is_empty()
        {
            items[item] += credits;
        }
        cost.materials += mat;
        cost.credits += cr;
        mat + cr
    }

    /// BAU totals of one year with activity, grid factor and ownership read at other years
    /// (the drivers of the bridge, MODEL.md §6). `scratch` is sized by [`Run::new`].
    pub(crate) fn bau_at(&self, at: At, scratch: &mut Run) -> Totals {
        let n_src = scratch.source_count();
        let mut t = Totals::default();
        let src = &mut scratch.sources[..n_src];
        for s in &self.sites {
            let r = self.site_year(s, at, LeverSet::BAU, &mut scratch.f1, &mut scratch.f2, src);
            t.scope1 += r.year.scope1;
            t.scope2_market += r.year.scope2_market;
            t.scope2_location += r.year.scope2_location;
            t.scope3 += r.year.scope3;
        }
        for m in self.materials.iter().filter(|m| m.site.is_none()) {
            t.scope3 += self.org_material(m, at, false);
        }
        self.set_net(&mut t);
        t
    }

    /// MODEL.md §4.9: `net = S1 + S2m (+ S3 when a target covers it) − credits`.
    #[inline]
    pub(crate) fn set_net(&self, t: &mut Totals) {
        t.net =
            t.scope1 + t.scope2_market + if self.net_includes_scope3 { t.scope3 } else { 0.0 } - t.credits;
    }
}
