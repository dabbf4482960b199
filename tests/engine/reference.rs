//! A reference implementation of MODEL.md §4–5, written from the page and nothing else: one
//! year, one site at a time, reading the scenario's paths directly, with none of the engine's
//! compilation, slots or buffers. Property tests hold the engine to it on generated scenarios.

use decarb::model::{ELECTRICITY, HistoryKind, PpaKind, Saving, Scenario, Scope};

/// Totals of one year [t-CO2] and the energy figures of §4 [MWh, GJ, t].
#[derive(Clone, Copy, Debug, Default)]
pub struct Year {
    pub scope1: f64,
    pub scope2_market: f64,
    pub scope2_location: f64,
    pub scope3: f64,
    pub credits: f64,
    pub net: f64,
    pub electricity_mwh: f64,
    pub grid_mwh: f64,
    pub surplus_mwh: f64,
    pub fuel_gj: f64,
    pub production_t: f64,
}

/// One site's share of a year, inside the boundary.
#[derive(Clone, Copy, Debug, Default)]
pub struct SiteYear {
    pub scope1: f64,
    pub scope2_market: f64,
    pub scope2_location: f64,
    pub scope3: f64,
}

fn base_fuel_gj(s: &Scenario, site: &decarb::model::Site) -> Vec<f64> {
    s.fuels
        .iter()
        .map(|f| {
            site.fuels
                .iter()
                .filter(|u| u.fuel == f.id)
                .map(|u| {
                    u.gj.unwrap_or_else(|| u.quantity.unwrap_or(0.0) * f.gj_per_unit.unwrap_or(0.0))
                })
                .sum()
        })
        .collect()
}

/// §4 for site `si` in `year`; `bau` holds every lever at its base-year value (§5).
pub fn site_year(s: &Scenario, si: usize, year: i32, bau: bool) -> (SiteYear, Year) {
    let b = s.base_year;
    let site = &s.sites[si];
    // a lever's path in `year`, or its base-year value in BAU
    let lever = |p: &decarb::model::Path, default: f64| p.value_or(if bau { b } else { year }, default);
    let a = site.activity.value_or(year, 1.0);
    let o = site.ownership.value_or(year, 1.0);
    let f0 = base_fuel_gj(s, site);
    let e0 = site.electricity_mwh;

    // §4.1 efficiency indices
    let (mut eta_el, mut eta_fu) = (1.0, 1.0);
    if !bau {
        for y in b + 1..=year {
            eta_el *= 1.0 - site.efficiency_electricity_pct.value_or(y, 0.0) / 100.0;
            eta_fu *= 1.0 - site.efficiency_fuel_pct.value_or(y, 0.0) / 100.0;
        }
        let pct = |sv: Option<Saving>, base: f64| match sv {
            None => 0.0,
            Some(Saving::Percent(p)) => p,
            Some(Saving::Absolute(x)) if base > 0.0 => 100.0 * x / base,
            Some(Saving::Absolute(_)) => 0.0,
        };
        let fuel_total: f64 = f0.iter().sum();
        for m in &site.measures {
            let in_force = year >= m.year && m.lifetime_years.is_none_or(|l| year < m.year + l as i32);
            if in_force {
                eta_el *= 1.0 - pct(m.electricity_saving, e0) / 100.0;
                eta_fu *= 1.0 - pct(m.fuel_saving, fuel_total) / 100.0;
            }
        }
    }

    // §4.2 demand before switching; λ of the linked materials
    let mut lambda = 1.0;
    for m in s
        .materials
        .iter()
        .filter(|m| m.site.as_deref() == Some(site.id.as_str()))
    {
        let rho = lever(&m.recycled_share, 0.0);
        lambda *= 1.0 - m.fuel_saving_share * (rho - m.recycled_share.value_or(b, 0.0));
    }
    let mut e = e0 * a * eta_el;
    let f1: Vec<f64> = f0.iter().map(|f| f * a * eta_fu * lambda).collect();
    let mut f2 = f1.clone();

    // §4.3 fuel switching, shares of the pre-switch demand
    for r in &site.fuel_switches {
        let from = s.fuels.iter().position(|f| f.id == r.from).unwrap();
        let moved = f1[from] * lever(&r.share, 0.0);
        f2[from] -= moved;
        if r.to == ELECTRICITY {
            e += moved * r.ratio / 3.6;
        } else {
            let to = s.fuels.iter().position(|f| f.id == r.to).unwrap();
            f2[to] += moved * r.ratio;
        }
    }

    // §4.4 own generation and PPAs
    let mut physical: f64 = site
        .own_generation
        .iter()
        .map(|g| lever(&g.output_mwh, 0.0))
        .sum();
    let mut virtual_mwh = 0.0;
    for p in &s.ppas {
        for (id, share) in &p.allocation {
            if *id == site.id {
                let mwh = lever(&p.capacity_mw, 0.0) * p.yield_mwh_per_mw * share;
                match p.kind {
                    PpaKind::Virtual => virtual_mwh += mwh,
                    PpaKind::OnSite | PpaKind::OffSite => physical += mwh,
                }
            }
        }
    }
    let grid = (e - physical).max(0.0);
    let surplus = (physical - e).max(0.0);

    // §4.5 Scope 2
    let region = s.regions.iter().find(|r| r.id == site.region).unwrap();
    let ef = region.ef_kg_per_kwh.value_or(year, 0.0);
    let ef_loc = if region.ef_location_kg_per_kwh.is_empty() {
        ef
    } else {
        region.ef_location_kg_per_kwh.value_or(year, 0.0)
    };
    let c = lever(&site.co2_free_share, 0.0);
    let s2m = (grid * (1.0 - c) - virtual_mwh).max(0.0) * ef;
    let s2l = grid * ef_loc;

    // §4.6 Scope 1, §4.7 Scope 3 of linked materials
    let mut s1: f64 = f2.iter().zip(&s.fuels).map(|(gj, f)| gj * f.ef_t_per_gj).sum();
    s1 += site.process_t_co2 * a * (1.0 - lever(&site.process_change_share, 0.0));
    let mut s3 = 0.0;
    for m in s
        .materials
        .iter()
        .filter(|m| m.site.as_deref() == Some(site.id.as_str()))
    {
        let rho = lever(&m.recycled_share, 0.0);
        let gamma = lever(&m.low_carbon_share, 0.0);
        let q = m.quantity_t * a;
        s1 += m.recycled_feed_t_co2_per_t * q * (rho - m.recycled_share.value_or(b, 0.0));
        s3 += q
            * ((1.0 - rho - gamma) * m.ef_primary_t_per_t
                + rho * m.ef_recycled_t_per_t
                + gamma * m.ef_low_carbon_t_per_t);
    }

    // §4.8 boundary
    let out = SiteYear {
        scope1: s1 * o,
        scope2_market: s2m * o,
        scope2_location: s2l * o,
        scope3: s3 * o,
    };
    let energy = Year {
        electricity_mwh: e * o,
        grid_mwh: grid * o,
        surplus_mwh: surplus * o,
        fuel_gj: f2.iter().sum::<f64>() * o,
        production_t: site.production_t * a * o,
        ..Year::default()
    };
    (out, energy)
}

/// §4.9 totals of a year.
pub fn year(s: &Scenario, year: i32, bau: bool) -> Year {
    let mut t = Year::default();
    for si in 0..s.sites.len() {
        let (x, e) = site_year(s, si, year, bau);
        t.scope1 += x.scope1;
        t.scope2_market += x.scope2_market;
        t.scope2_location += x.scope2_location;
        t.scope3 += x.scope3;
        t.electricity_mwh += e.electricity_mwh;
        t.grid_mwh += e.grid_mwh;
        t.surplus_mwh += e.surplus_mwh;
        t.fuel_gj += e.fuel_gj;
        t.production_t += e.production_t;
    }
    // organisation materials: the production-weighted activity index
    let total_p: f64 = s.sites.iter().map(|x| x.production_t).sum();
    let org_a = if total_p > 0.0 {
        s.sites
            .iter()
            .map(|x| x.production_t * x.activity.value_or(year, 1.0))
            .sum::<f64>()
            / total_p
    } else if s.sites.is_empty() {
        1.0
    } else {
        s.sites
            .iter()
            .map(|x| x.activity.value_or(year, 1.0))
            .sum::<f64>()
            / s.sites.len() as f64
    };
    let at = if bau { s.base_year } else { year };
    for m in s.materials.iter().filter(|m| m.site.is_none()) {
        let rho = m.recycled_share.value_or(at, 0.0);
        let gamma = m.low_carbon_share.value_or(at, 0.0);
        t.scope3 += m.quantity_t
            * org_a
            * ((1.0 - rho - gamma) * m.ef_primary_t_per_t
                + rho * m.ef_recycled_t_per_t
                + gamma * m.ef_low_carbon_t_per_t);
    }
    t.credits = if bau {
        0.0
    } else {
        s.credits.t_co2_per_yr.value_or(year, 0.0)
    };
    let with_scope3 = s.targets.iter().any(|t| t.scopes.contains(&Scope::Scope3));
    t.net = t.scope1 + t.scope2_market + if with_scope3 { t.scope3 } else { 0.0 } - t.credits;
    t
}

/// §5 baseline: a reported actual (never an outlook or a plan), else the model's year.
pub fn baseline_s12(s: &Scenario, y: i32) -> Option<f64> {
    if let Some(h) = s
        .history
        .iter()
        .find(|h| h.year == y && h.kind == HistoryKind::Actual)
    {
        if let Some(v) = h.scope12_t {
            return Some(v);
        }
        if let (Some(a), Some(b)) = (h.scope1_t, h.scope2_t) {
            return Some(a + b);
        }
    }
    (s.base_year..=s.last_year).contains(&y).then(|| {
        let t = year(s, y, false);
        t.scope1 + t.scope2_market
    })
}
