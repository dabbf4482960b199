//! Compiles a validated scenario into dense per-year arrays, so that a run is plain
//! arithmetic over slices: no lookups, no allocation. Lever groups switch between the
//! scenario's array ("on") and the base-year value ("off", MODEL.md §5).

use crate::model::{ELECTRICITY, PpaKind, Saving, Scenario};

/// The lever groups of MODEL.md §6, in wedge order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LeverGroup {
    Co2Free,
    Recycling,
    FuelSwitch,
    Ppa,
    Efficiency,
    ProcessChange,
    Credits,
}

impl LeverGroup {
    pub const ALL: [LeverGroup; 7] = [
        LeverGroup::Co2Free,
        LeverGroup::Recycling,
        LeverGroup::FuelSwitch,
        LeverGroup::Ppa,
        LeverGroup::Efficiency,
        LeverGroup::ProcessChange,
        LeverGroup::Credits,
    ];

    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// Stable machine name (CSV columns, CLI).
    pub fn key(self) -> &'static str {
        match self {
            LeverGroup::Co2Free => "co2_free_power",
            LeverGroup::Recycling => "recycling",
            LeverGroup::FuelSwitch => "fuel_switching",
            LeverGroup::Ppa => "ppa_own_renewables",
            LeverGroup::Efficiency => "efficiency",
            LeverGroup::ProcessChange => "process_change",
            LeverGroup::Credits => "credits",
        }
    }
}

impl Mat {
    /// (ρ, γ) in year index `y`: the scenario's when the recycling group is on, else the
    /// base-year values (MODEL.md §5).
    /// The material's emission factor for shares (ρ, γ) in year index `y` [t-CO2/t].
    #[inline]
    pub(crate) fn route_ef(&self, y: usize, rho: f64, gamma: f64) -> f64 {
        (1.0 - rho - gamma) * self.ef_primary[y] + rho * self.ef_recycled[y] + gamma * self.ef_low_carbon[y]
    }

    #[inline]
    pub(crate) fn shares(&self, y: usize, recycling_on: bool) -> (f64, f64) {
        if recycling_on {
            (self.rho[y], self.gamma[y])
        } else {
            (self.rho_off, self.gamma_off)
        }
    }
}

/// A set of lever groups that take the scenario's paths; the others take BAU values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LeverSet(pub u8);

impl LeverSet {
    pub const ALL: LeverSet = LeverSet(0x7f);
    pub const BAU: LeverSet = LeverSet(0);

    #[inline]
    pub fn has(self, g: LeverGroup) -> bool {
        self.0 & g.bit() != 0
    }
    pub fn with(self, g: LeverGroup) -> Self {
        LeverSet(self.0 | g.bit())
    }
    pub fn without(self, g: LeverGroup) -> Self {
        LeverSet(self.0 & !g.bit())
    }
}

/// One fuel-switching rule, resolved to indices.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub from: usize,
    /// `None` = electricity.
    pub to: Option<usize>,
    pub ratio: f64,
    /// Share per year (on) and in the base year (off).
    pub share: Vec<f64>,
    pub share_off: f64,
}

#[derive(Clone, Debug)]
pub(crate) struct Mat {
    pub site: Option<usize>,
    pub quantity_t: f64,
    /// Emission factors by route per year [t-CO2/t] (constant but under a Monte Carlo draw).
    pub ef_primary: Vec<f64>,
    pub ef_recycled: Vec<f64>,
    pub ef_low_carbon: Vec<f64>,
    pub rho: Vec<f64>,
    pub rho_off: f64,
    pub gamma: Vec<f64>,
    pub gamma_off: f64,
    pub lambda: f64,
    pub kappa: f64,
}

#[derive(Clone, Debug)]
pub(crate) struct SiteC {
    pub region: usize,
    pub production_t: f64,
    pub electricity_mwh: f64,
    /// Process emissions at activity 1 per year [t-CO2] (constant but under a Monte Carlo draw).
    pub process_t: Vec<f64>,
    /// Base-year fuel use [GJ] of each fuel in `active` (sparse: a site's memory grows with
    /// the fuels it uses, not with the scenario's fuel list).
    pub fuels_gj: Vec<f64>,
    /// Fuels the site uses or switches from or to, ascending: the only slots a run touches.
    pub active: Vec<usize>,
    pub rules: Vec<Rule>,
    /// Indices of materials linked to this site.
    pub materials: Vec<usize>,
    // Per-year arrays (length = years).
    pub activity: Vec<f64>,
    pub ownership: Vec<f64>,
    pub co2_free: Vec<f64>,
    pub co2_free_off: f64,
    pub eta_el: Vec<f64>,
    pub eta_fu: Vec<f64>,
    pub process_change: Vec<f64>,
    pub process_change_off: f64,
    /// Own generation + allocated physical PPA output [MWh].
    pub physical_re: Vec<f64>,
    /// BAU's physical renewables per year: the base-year output, scaled only by a Monte Carlo
    /// yield draw (ANALYSES.md §9.20).
    pub physical_re_off: Vec<f64>,
    /// Allocated virtual PPA output [MWh].
    pub virtual_re: Vec<f64>,
    pub virtual_re_off: Vec<f64>,
}

/// A scenario compiled for fast repeated runs.
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) base_year: i32,
    pub(crate) years: usize,
    pub(crate) fuel_ef: Vec<f64>,
    /// `[region * years + y]`
    pub(crate) ef: Vec<f64>,
    pub(crate) ef_loc: Vec<f64>,
    pub(crate) sites: Vec<SiteC>,
    pub(crate) materials: Vec<Mat>,
    /// Production-weighted activity index for organisation-level materials.
    pub(crate) org_activity: Vec<f64>,
    pub(crate) credits: Vec<f64>,
    pub(crate) revenue: Option<Vec<f64>>,
    pub(crate) primary_gj_per_mwh: f64,
    pub(crate) net_includes_scope3: bool,
    /// Prices, when the scenario has any (ANALYSES.md §1.13).
    pub(crate) cost: Option<super::cost::CostC>,
}

fn sample(path: &crate::model::Path, base: i32, years: usize, default: f64) -> Vec<f64> {
    let mut v = vec![0.0; years];
    path.sample_into(base, default, &mut v);
    v
}

/// Index-of-efficiency path: Π_{y=base+1..t} (1 − rate(y)/100), times (1 − saving/100) for
/// each measure in force in t.
fn efficiency_index(
    rate: &crate::model::Path,
    measures: &[(i32, Option<u32>, f64)],
    base: i32,
    years: usize,
) -> Vec<f64> {
    let mut v = vec![1.0; years];
    let mut acc = 1.0;
    for (i, slot) in v.iter_mut().enumerate() {
        let year = base + i as i32;
        if i > 0 {
            acc *= 1.0 - rate.value_or(year, 0.0) / 100.0;
        }
        let mut m = 1.0;
        for &(start, life, pct) in measures {
            let in_force =
                year >= start && life.is_none_or(|l| i64::from(year) < i64::from(start) + i64::from(l));
            if in_force {
                m *= 1.0 - pct / 100.0;
            }
        }
        *slot = acc * m;
    }
    v
}

fn saving_pct(s: Option<Saving>, base_demand: f64) -> f64 {
    match s {
        None => 0.0,
        Some(Saving::Percent(p)) => p,
        Some(Saving::Absolute(x)) if base_demand > 0.0 => x / base_demand * 100.0,
        Some(Saving::Absolute(_)) => 0.0,
    }
}

/// A site's efficiency indices `(η_el, η_fu)` per year, from its rates and measures;
/// `base_fuel_gj` is its base-year fuel use.
fn site_efficiency(
    site: &crate::model::Site,
    base_fuel_gj: f64,
    base: i32,
    years: usize,
) -> (Vec<f64>, Vec<f64>) {
    let base_fuel = base_fuel_gj;
    let el_measures: Vec<_> = site
        .measures
        .iter()
        .map(|m| {
            (
                m.year,
                m.lifetime_years,
                saving_pct(m.electricity_saving, site.electricity_mwh),
            )
        })
        .collect();
    let fu_measures: Vec<_> = site
        .measures
        .iter()
        .map(|m| (m.year, m.lifetime_years, saving_pct(m.fuel_saving, base_fuel)))
        .collect();
    (
        efficiency_index(&site.efficiency_electricity_pct, &el_measures, base, years),
        efficiency_index(&site.efficiency_fuel_pct, &fu_measures, base, years),
    )
}

/// Compiles one site (without the PPAs allocated to it and the materials linked to it).
fn compile_site(s: &Scenario, site: &crate::model::Site, base: i32, years: usize) -> SiteC {
    // Sparse: (fuel, base-year GJ) of the fuels this site burns, in fuel order.
    let mut used: Vec<(usize, f64)> = Vec::with_capacity(site.fuels.len());
    for fu in &site.fuels {
        if let Some(i) = s.fuel_index(&fu.fuel) {
            match used.iter_mut().find(|u| u.0 == i) {
                Some(u) => u.1 += s.fuel_use_gj(fu),
                None => used.push((i, s.fuel_use_gj(fu))),
            }
        }
    }
    used.sort_unstable_by_key(|u| u.0);
    let (eta_el, eta_fu) = site_efficiency(site, used.iter().map(|u| u.1).sum(), base, years);
    let rules: Vec<Rule> = site
        .fuel_switches
        .iter()
        .filter_map(|r| {
            let from = s.fuel_index(&r.from)?;
            let to = if r.to == ELECTRICITY {
                None
            } else {
                Some(s.fuel_index(&r.to)?)
            };
            Some(Rule {
                from,
                to,
                ratio: r.ratio,
                share: sample(&r.share, base, years, 0.0),
                share_off: r.share.value_or(base, 0.0),
            })
        })
        .collect();
    let mut physical_re = vec![0.0; years];
    let mut physical_re_off = 0.0;
    for g in &site.own_generation {
        for (i, slot) in physical_re.iter_mut().enumerate() {
            *slot += g.output_mwh.value_or(base + i as i32, 0.0);
        }
        physical_re_off += g.output_mwh.value_or(base, 0.0);
    }
    // The fuels a run touches: those burnt, and those switched from or to (at 0 GJ).
    used.retain(|u| u.1 != 0.0);
    for r in &rules {
        let r: &Rule = r;
        for f in [Some(r.from), r.to].into_iter().flatten() {
            if !used.iter().any(|u| u.0 == f) {
                used.push((f, 0.0));
            }
        }
    }
    used.sort_unstable_by_key(|u| u.0);
    let (active, fuels_gj): (Vec<usize>, Vec<f64>) = used.into_iter().unzip();
    SiteC {
        region: s.region_index(&site.region).unwrap_or(0),
        active,
        production_t: site.production_t,
        electricity_mwh: site.electricity_mwh,
        process_t: vec![site.process_t_co2; years],
        fuels_gj,
        rules,
        materials: Vec::new(),
        activity: sample(&site.activity, base, years, 1.0),
        ownership: sample(&site.ownership, base, years, 1.0),
        co2_free: sample(&site.co2_free_share, base, years, 0.0),
        co2_free_off: site.co2_free_share.value_or(base, 0.0),
        eta_el,
        eta_fu,
        process_change: sample(&site.process_change_share, base, years, 0.0),
        process_change_off: site.process_change_share.value_or(base, 0.0),
        physical_re,
        physical_re_off: vec![physical_re_off; years],
        virtual_re: vec![0.0; years],
        virtual_re_off: vec![0.0; years],
    }
}

/// Adds the output of the PPAs allocated to the sites in `only` (all sites when `None`).
fn allocate_ppas(s: &Scenario, sites: &mut [SiteC], only: Option<&[usize]>, base: i32) {
    for ppa in &s.ppas {
        for (site_id, share) in &ppa.allocation {
            let Some(si) = s.site_index(site_id) else { continue };
            if only.is_some_and(|o| !o.contains(&si)) {
                continue;
            }
            let site = &mut sites[si];
            let (arr, off) = match ppa.kind {
                PpaKind::OnSite | PpaKind::OffSite => (&mut site.physical_re, &mut site.physical_re_off),
                PpaKind::Virtual => (&mut site.virtual_re, &mut site.virtual_re_off),
            };
            for (i, slot) in arr.iter_mut().enumerate() {
                *slot += ppa.capacity_mw.value_or(base + i as i32, 0.0) * ppa.yield_mwh_per_mw * share;
            }
            let v = ppa.capacity_mw.value_or(base, 0.0) * ppa.yield_mwh_per_mw * share;
            for slot in off.iter_mut() {
                *slot += v;
            }
        }
    }
}

/// Production-weighted activity of all sites (unweighted mean when no site reports production).
pub(crate) fn org_activity(sites: &[SiteC], years: usize) -> Vec<f64> {
    let total_p: f64 = sites.iter().map(|x| x.production_t).sum();
    let mut out = vec![1.0; years];
    if !sites.is_empty() {
        for (y, slot) in out.iter_mut().enumerate() {
            *slot = if total_p > 0.0 {
                sites.iter().map(|x| x.production_t * x.activity[y]).sum::<f64>() / total_p
            } else {
                sites.iter().map(|x| x.activity[y]).sum::<f64>() / sites.len() as f64
            };
        }
    }
    out
}

impl Engine {
    /// Compiles a scenario. The scenario is expected to be valid (see `model::validate`);
    /// an unresolved reference is ignored rather than a panic.
    pub fn new(s: &Scenario) -> Engine {
        let base = s.base_year;
        let years = s.year_count();

        let mut ef = Vec::with_capacity(s.regions.len() * years);
        let mut ef_loc = Vec::with_capacity(s.regions.len() * years);
        for r in &s.regions {
            let market = sample(&r.ef_kg_per_kwh, base, years, 0.0);
            let loc = if r.ef_location_kg_per_kwh.is_empty() {
                market.clone()
            } else {
                sample(&r.ef_location_kg_per_kwh, base, years, 0.0)
            };
            ef.extend(market);
            ef_loc.extend(loc);
        }
        if s.regions.is_empty() {
            ef.resize(years, 0.0);
            ef_loc.resize(years, 0.0);
        }

        let mut sites: Vec<SiteC> = s
            .sites
            .iter()
            .map(|site| compile_site(s, site, base, years))
            .collect();

        allocate_ppas(s, &mut sites, None, base);

        let materials: Vec<Mat> = s
            .materials
            .iter()
            .map(|m| Mat {
                site: m.site.as_deref().and_then(|id| s.site_index(id)),
                quantity_t: m.quantity_t,
                ef_primary: vec![m.ef_primary_t_per_t; years],
                ef_recycled: vec![m.ef_recycled_t_per_t; years],
                ef_low_carbon: vec![m.ef_low_carbon_t_per_t; years],
                rho: sample(&m.recycled_share, base, years, 0.0),
                rho_off: m.recycled_share.value_or(base, 0.0),
                gamma: sample(&m.low_carbon_share, base, years, 0.0),
                gamma_off: m.low_carbon_share.value_or(base, 0.0),
                lambda: m.fuel_saving_share,
                kappa: m.recycled_feed_t_co2_per_t,
            })
            .collect();
        for (mi, m) in materials.iter().enumerate() {
            if let Some(si) = m.site {
                sites[si].materials.push(mi);
            }
        }

        let org_activity = org_activity(&sites, years);
        let cost = super::cost::CostC::new(s, &sites);

        Engine {
            base_year: base,
            years,
            fuel_ef: s.fuels.iter().map(|f| f.ef_t_per_gj).collect(),
            ef,
            ef_loc,
            sites,
            materials,
            org_activity,
            credits: sample(&s.credits.t_co2_per_yr, base, years, 0.0),
            revenue: (!s.revenue_jpy.is_empty()).then(|| sample(&s.revenue_jpy, base, years, 0.0)),
            primary_gj_per_mwh: s.primary_gj_per_mwh,
            net_includes_scope3: s.net_includes_scope3(),
            cost,
        }
    }

    pub fn base_year(&self) -> i32 {
        self.base_year
    }
    pub fn years(&self) -> usize {
        self.years
    }
    pub fn fuel_count(&self) -> usize {
        self.fuel_ef.len()
    }
    pub fn site_count(&self) -> usize {
        self.sites.len()
    }
    pub fn material_count(&self) -> usize {
        self.materials.len()
    }

    /// Recompiles the given sites after their own inputs changed (levers, activity,
    /// ownership, inventory), everything else of the scenario being unchanged: the same as
    /// [`Engine::new`] on the changed scenario, at the cost of those sites only.
    pub fn recompile_sites(&mut self, s: &Scenario, changed: &[usize]) {
        let (base, years) = (self.base_year, self.years);
        if s.sites.len() != self.sites.len() || s.year_count() != years || s.base_year != base {
            *self = Engine::new(s);
            return;
        }
        for &si in changed {
            let Some(site) = s.sites.get(si) else { continue };
            let materials = std::mem::take(&mut self.sites[si].materials);
            self.sites[si] = compile_site(s, site, base, years);
            self.sites[si].materials = materials;
        }
        allocate_ppas(s, &mut self.sites, Some(changed), base);
        self.org_activity = org_activity(&self.sites, years);
        self.cost = super::cost::CostC::new(s, &self.sites);
    }

    /// Rewrites site `si`'s efficiency indices from the scenario's rates (a goal-seek trial).
    pub(crate) fn refresh_efficiency(&mut self, s: &Scenario, si: usize) {
        let sc = &self.sites[si];
        let base_fuel: f64 = sc.fuels_gj.iter().sum();
        let (el, fu) = site_efficiency(&s.sites[si], base_fuel, self.base_year, self.years);
        self.sites[si].eta_el = el;
        self.sites[si].eta_fu = fu;
    }

    /// Rewrites site `si`'s own generation and allocated PPA output from the scenario (a
    /// goal-seek trial that moves a PPA's capacity).
    pub(crate) fn refresh_renewables(&mut self, s: &Scenario, si: usize) {
        let (base, years) = (self.base_year, self.years);
        let site = &s.sites[si];
        let sc = &mut self.sites[si];
        sc.physical_re.iter_mut().for_each(|v| *v = 0.0);
        sc.virtual_re.iter_mut().for_each(|v| *v = 0.0);
        sc.virtual_re_off.iter_mut().for_each(|v| *v = 0.0);
        let mut off = 0.0;
        for g in &site.own_generation {
            for (i, slot) in sc.physical_re.iter_mut().enumerate() {
                *slot += g.output_mwh.value_or(base + i as i32, 0.0);
            }
            off += g.output_mwh.value_or(base, 0.0);
        }
        sc.physical_re_off = vec![off; years];
        allocate_ppas(s, &mut self.sites, Some(&[si]), base);
    }

    /// Recompiles the prices only, after an edit of a price path (emissions unchanged).
    pub fn recompile_cost(&mut self, s: &Scenario) {
        self.cost = super::cost::CostC::new(s, &self.sites);
    }
}
