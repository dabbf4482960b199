//! Edits of a scenario's levers, as the window's lever panel emits them: each edit names the
//! path or item it changes, so that a panel never holds `&mut Scenario` and every change is
//! applied in one place, once per frame. Shortcuts that would change nothing say so.

use super::path::Path;
use super::scenario::{ELECTRICITY, FuelSwitch, Ppa, PpaKind, Scenario};

/// How a target edit reshapes a path with fewer than two keyframes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A switch in one year: `[(year − 1, before), (year, value)]`.
    Step,
    /// A ramp from the path's start: `[(start, before), (year, value)]`.
    Ramp,
}

/// A lever path of the scenario, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathRef {
    SiteCo2Free(usize),
    SiteFuelSwitch(usize, usize),
    MaterialRecycled(usize),
    MaterialLowCarbon(usize),
    PpaCapacity(usize),
    SiteEfficiencyElectricity(usize),
    SiteEfficiencyFuel(usize),
    SiteProcessChange(usize),
    RegionEf(usize),
    SiteActivity(usize),
    SiteOwnership(usize),
    Credits,
    CarbonPrice,
    /// Prices (ANALYSES.md §1.2): they move the cost, never the emissions.
    RegionPowerPrice(usize),
    RegionPremium(usize),
    SitePremium(usize),
    SiteProcessOpex(usize),
    FuelPrice(usize),
    PpaPrice(usize),
    PpaOpex(usize),
    MaterialRecycledPrice(usize),
    MaterialLowCarbonPrice(usize),
    CreditPrice,
}

impl PathRef {
    /// A price path: it moves the cost, never the emissions (no recompute of BAU).
    pub fn is_price(self) -> bool {
        matches!(
            self,
            PathRef::CarbonPrice
                | PathRef::RegionPowerPrice(_)
                | PathRef::RegionPremium(_)
                | PathRef::SitePremium(_)
                | PathRef::SiteProcessOpex(_)
                | PathRef::FuelPrice(_)
                | PathRef::PpaPrice(_)
                | PathRef::PpaOpex(_)
                | PathRef::MaterialRecycledPrice(_)
                | PathRef::MaterialLowCarbonPrice(_)
                | PathRef::CreditPrice
        )
    }

    pub fn get(self, s: &Scenario) -> Option<&Path> {
        Some(match self {
            PathRef::SiteCo2Free(i) => &s.sites.get(i)?.co2_free_share,
            PathRef::SiteFuelSwitch(i, k) => &s.sites.get(i)?.fuel_switches.get(k)?.share,
            PathRef::MaterialRecycled(i) => &s.materials.get(i)?.recycled_share,
            PathRef::MaterialLowCarbon(i) => &s.materials.get(i)?.low_carbon_share,
            PathRef::PpaCapacity(i) => &s.ppas.get(i)?.capacity_mw,
            PathRef::SiteEfficiencyElectricity(i) => &s.sites.get(i)?.efficiency_electricity_pct,
            PathRef::SiteEfficiencyFuel(i) => &s.sites.get(i)?.efficiency_fuel_pct,
            PathRef::SiteProcessChange(i) => &s.sites.get(i)?.process_change_share,
            PathRef::RegionEf(i) => &s.regions.get(i)?.ef_kg_per_kwh,
            PathRef::SiteActivity(i) => &s.sites.get(i)?.activity,
            PathRef::SiteOwnership(i) => &s.sites.get(i)?.ownership,
            PathRef::Credits => &s.credits.t_co2_per_yr,
            PathRef::CarbonPrice => &s.carbon_price_jpy_per_t,
            PathRef::RegionPowerPrice(i) => &s.regions.get(i)?.power_price_jpy_per_mwh,
            PathRef::RegionPremium(i) => &s.regions.get(i)?.co2_free_premium_jpy_per_mwh,
            PathRef::SitePremium(i) => &s.sites.get(i)?.co2_free_premium_jpy_per_mwh,
            PathRef::SiteProcessOpex(i) => &s.sites.get(i)?.process_change_opex_jpy_per_yr,
            PathRef::FuelPrice(i) => &s.fuels.get(i)?.price_jpy_per_gj,
            PathRef::PpaPrice(i) => &s.ppas.get(i)?.price_jpy_per_mwh,
            PathRef::PpaOpex(i) => &s.ppas.get(i)?.opex_jpy_per_mw_yr,
            PathRef::MaterialRecycledPrice(i) => &s.materials.get(i)?.recycled_price_diff_jpy_per_t,
            PathRef::MaterialLowCarbonPrice(i) => &s.materials.get(i)?.low_carbon_price_diff_jpy_per_t,
            PathRef::CreditPrice => &s.credits.price_jpy_per_t,
        })
    }

    pub fn get_mut(self, s: &mut Scenario) -> Option<&mut Path> {
        Some(match self {
            PathRef::SiteCo2Free(i) => &mut s.sites.get_mut(i)?.co2_free_share,
            PathRef::SiteFuelSwitch(i, k) => &mut s.sites.get_mut(i)?.fuel_switches.get_mut(k)?.share,
            PathRef::MaterialRecycled(i) => &mut s.materials.get_mut(i)?.recycled_share,
            PathRef::MaterialLowCarbon(i) => &mut s.materials.get_mut(i)?.low_carbon_share,
            PathRef::PpaCapacity(i) => &mut s.ppas.get_mut(i)?.capacity_mw,
            PathRef::SiteEfficiencyElectricity(i) => &mut s.sites.get_mut(i)?.efficiency_electricity_pct,
            PathRef::SiteEfficiencyFuel(i) => &mut s.sites.get_mut(i)?.efficiency_fuel_pct,
            PathRef::SiteProcessChange(i) => &mut s.sites.get_mut(i)?.process_change_share,
            PathRef::RegionEf(i) => &mut s.regions.get_mut(i)?.ef_kg_per_kwh,
            PathRef::SiteActivity(i) => &mut s.sites.get_mut(i)?.activity,
            PathRef::SiteOwnership(i) => &mut s.sites.get_mut(i)?.ownership,
            PathRef::Credits => &mut s.credits.t_co2_per_yr,
            PathRef::CarbonPrice => &mut s.carbon_price_jpy_per_t,
            PathRef::RegionPowerPrice(i) => &mut s.regions.get_mut(i)?.power_price_jpy_per_mwh,
            PathRef::RegionPremium(i) => &mut s.regions.get_mut(i)?.co2_free_premium_jpy_per_mwh,
            PathRef::SitePremium(i) => &mut s.sites.get_mut(i)?.co2_free_premium_jpy_per_mwh,
            PathRef::SiteProcessOpex(i) => &mut s.sites.get_mut(i)?.process_change_opex_jpy_per_yr,
            PathRef::FuelPrice(i) => &mut s.fuels.get_mut(i)?.price_jpy_per_gj,
            PathRef::PpaPrice(i) => &mut s.ppas.get_mut(i)?.price_jpy_per_mwh,
            PathRef::PpaOpex(i) => &mut s.ppas.get_mut(i)?.opex_jpy_per_mw_yr,
            PathRef::MaterialRecycledPrice(i) => &mut s.materials.get_mut(i)?.recycled_price_diff_jpy_per_t,
            PathRef::MaterialLowCarbonPrice(i) => {
                &mut s.materials.get_mut(i)?.low_carbon_price_diff_jpy_per_t
            }
            PathRef::CreditPrice => &mut s.credits.price_jpy_per_t,
        })
    }

    /// The value the path takes when it is empty.
    pub fn default_value(self) -> f64 {
        match self {
            PathRef::SiteActivity(_) | PathRef::SiteOwnership(_) => 1.0,
            _ => 0.0,
        }
    }
}

/// A scalar cost input of the scenario (ANALYSES.md §1.2, §5): the discount rate, a capex or
/// a lifetime. Capex are optional (none = not given, never 0); lifetimes are whole years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberRef {
    DiscountRate,
    /// `cost.default_lifetime_years`: measures without a lifetime.
    DefaultLifetime,
    SiteEfficiencyCapexMwh(usize),
    SiteEfficiencyCapexGj(usize),
    SiteEfficiencyLifetime(usize),
    SiteProcessCapex(usize),
    SiteProcessLifetime(usize),
    /// Site, rule.
    FuelSwitchCapex(usize, usize),
    FuelSwitchLifetime(usize, usize),
    /// Site, measure.
    MeasureCapex(usize, usize),
    PpaCapex(usize),
    PpaLifetime(usize),
}

impl NumberRef {
    /// The value: `Some(None)` for a capex not given; `None` when the item no longer exists.
    pub fn get(self, s: &Scenario) -> Option<Option<f64>> {
        let life = |v: u32| Some(Some(f64::from(v)));
        match self {
            NumberRef::DiscountRate => Some(Some(s.discount_rate_pct)),
            NumberRef::DefaultLifetime => life(s.cost.default_lifetime_years),
            NumberRef::SiteEfficiencyCapexMwh(i) => Some(s.sites.get(i)?.efficiency_capex_jpy_per_mwh_yr),
            NumberRef::SiteEfficiencyCapexGj(i) => Some(s.sites.get(i)?.efficiency_capex_jpy_per_gj_yr),
            NumberRef::SiteEfficiencyLifetime(i) => life(s.sites.get(i)?.efficiency_lifetime_years),
            NumberRef::SiteProcessCapex(i) => Some(s.sites.get(i)?.process_change_capex_jpy),
            NumberRef::SiteProcessLifetime(i) => life(s.sites.get(i)?.process_change_lifetime_years),
            NumberRef::FuelSwitchCapex(i, k) => Some(s.sites.get(i)?.fuel_switches.get(k)?.capex_jpy),
            NumberRef::FuelSwitchLifetime(i, k) => life(s.sites.get(i)?.fuel_switches.get(k)?.lifetime_years),
            NumberRef::MeasureCapex(i, k) => Some(s.sites.get(i)?.measures.get(k)?.capex_jpy),
            NumberRef::PpaCapex(i) => Some(s.ppas.get(i)?.capex_jpy_per_mw),
            NumberRef::PpaLifetime(i) => life(s.ppas.get(i)?.lifetime_years),
        }
    }

    /// Whether the value may be "not given" (capex).
    pub fn optional(self) -> bool {
        matches!(
            self,
            NumberRef::SiteEfficiencyCapexMwh(_)
                | NumberRef::SiteEfficiencyCapexGj(_)
                | NumberRef::SiteProcessCapex(_)
                | NumberRef::FuelSwitchCapex(..)
                | NumberRef::MeasureCapex(..)
                | NumberRef::PpaCapex(_)
        )
    }

    /// Whether the value is a lifetime (whole years).
    pub fn is_lifetime(self) -> bool {
        matches!(
            self,
            NumberRef::DefaultLifetime
                | NumberRef::SiteEfficiencyLifetime(_)
                | NumberRef::SiteProcessLifetime(_)
                | NumberRef::FuelSwitchLifetime(..)
                | NumberRef::PpaLifetime(_)
        )
    }

    /// Sets the value; lifetimes are rounded and held in the range validation allows. `Err`
    /// says why nothing changed.
    fn set(self, s: &mut Scenario, v: Option<f64>) -> Result<bool, &'static str> {
        if v.is_some_and(|x| !x.is_finite()) {
            return Err("not a number");
        }
        if v.is_none() && !self.optional() {
            return Err("this value cannot be left empty");
        }
        let years = |v: Option<f64>| {
            v.map(|x| {
                x.round()
                    .clamp(1.0, f64::from(super::validate::limits::LIFETIME_YEARS)) as u32
            })
            .unwrap_or(1)
        };
        fn put<T: PartialEq>(slot: &mut T, v: T) -> bool {
            if *slot == v {
                false
            } else {
                *slot = v;
                true
            }
        }
        const GONE: &str = "this item no longer exists";
        fn site(s: &mut Scenario, i: usize) -> Result<&mut super::scenario::Site, &'static str> {
            s.sites.get_mut(i).ok_or(GONE)
        }
        Ok(match self {
            NumberRef::DiscountRate => put(&mut s.discount_rate_pct, v.unwrap_or(0.0).clamp(-99.0, 99.0)),
            NumberRef::DefaultLifetime => put(&mut s.cost.default_lifetime_years, years(v)),
            NumberRef::SiteEfficiencyCapexMwh(i) => put(&mut site(s, i)?.efficiency_capex_jpy_per_mwh_yr, v),
            NumberRef::SiteEfficiencyCapexGj(i) => put(&mut site(s, i)?.efficiency_capex_jpy_per_gj_yr, v),
            NumberRef::SiteEfficiencyLifetime(i) => put(&mut site(s, i)?.efficiency_lifetime_years, years(v)),
            NumberRef::SiteProcessCapex(i) => put(&mut site(s, i)?.process_change_capex_jpy, v),
            NumberRef::SiteProcessLifetime(i) => {
                put(&mut site(s, i)?.process_change_lifetime_years, years(v))
            }
            NumberRef::FuelSwitchCapex(i, k) => put(
                &mut site(s, i)?.fuel_switches.get_mut(k).ok_or(GONE)?.capex_jpy,
                v,
            ),
            NumberRef::FuelSwitchLifetime(i, k) => put(
                &mut site(s, i)?.fuel_switches.get_mut(k).ok_or(GONE)?.lifetime_years,
                years(v),
            ),
            NumberRef::MeasureCapex(i, k) => {
                put(&mut site(s, i)?.measures.get_mut(k).ok_or(GONE)?.capex_jpy, v)
            }
            NumberRef::PpaCapex(i) => put(&mut s.ppas.get_mut(i).ok_or(GONE)?.capex_jpy_per_mw, v),
            NumberRef::PpaLifetime(i) => put(&mut s.ppas.get_mut(i).ok_or(GONE)?.lifetime_years, years(v)),
        })
    }
}

/// One change of the scenario's levers.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replace a path (keyframe editors, reset to saved).
    SetPath(PathRef, Path),
    /// Replace the uncertainty settings and inputs (the uncertainty editor).
    SetUncertainty(Box<super::Uncertainty>),
    /// Move a lever's target: the value reached and the year it is reached in.
    SetTarget {
        path: PathRef,
        value: f64,
        year: i32,
        shape: Shape,
    },
    /// Every site (of a region, when given) at `share` from `year` on.
    Co2FreeShortcut {
        region: Option<String>,
        share: f64,
        year: i32,
    },
    /// A new fuel-switch rule at a site, from its first fuel to electricity, starting at 0 in
    /// `start`.
    AddFuelSwitch {
        site: usize,
        start: i32,
    },
    RemoveFuelSwitch {
        site: usize,
        rule: usize,
    },
    SetFuelSwitchCarriers {
        site: usize,
        rule: usize,
        from: String,
        to: String,
    },
    SetFuelSwitchRatio {
        site: usize,
        rule: usize,
        ratio: f64,
    },
    /// A new off-site PPA of 1 MW from `start`, serving one site.
    AddPpa {
        site: String,
        start: i32,
    },
    RemovePpa(usize),
    SetPpaYield(usize, f64),
    SetPpaKind(usize, PpaKind),
    /// Serve or stop serving a site; shares are split equally over the served sites.
    SetPpaServes {
        ppa: usize,
        site: String,
        on: bool,
    },
    /// Multiply a region's emission-factor keyframes.
    ScaleGrid {
        region: usize,
        factor: f64,
    },
    /// Every site's activity grows by `pct_per_yr` from `from` on.
    ActivityGrowth {
        pct_per_yr: f64,
        from: i32,
    },
    /// A scalar cost input (none = a capex not given).
    SetNumber(NumberRef, Option<f64>),
}

/// What an edit did.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Changed,
    /// Nothing changed; the message says why (shown to the user).
    Unchanged(String),
}

/// Where a lever's plan starts: the keyframes after `floor` (the latest actual, or the base
/// year). A single keyframe in the first plan year is the plan's start (a new rule starting at
/// 0, a calibration returning to 0), not a target. `None` when there is no target yet.
fn planned_target(path: &Path, floor: i32) -> Option<usize> {
    let n = path.0.len();
    let first_plan = path.0.iter().position(|k| k.0 > floor)?;
    if n - first_plan == 1 && path.0[first_plan].0 == floor + 1 {
        return None;
    }
    Some(n - 1)
}

/// The lever's target as the window shows it: the value reached and the year, or, before a
/// target is set, the value the path holds after the actuals and `year_if_none`.
pub fn lever_target(path: &Path, default: f64, floor: i32, year_if_none: i32) -> (f64, i32) {
    match planned_target(path, floor) {
        Some(i) => (path.0[i].1, path.0[i].0),
        None => (path.value_or(floor + 1, default), year_if_none.max(floor + 1)),
    }
}

/// Sets a lever's target value and the year it is reached, changing only years after
/// `floor` (the latest actual, or the base year): keyframes up to `floor` stay as they are, so
/// moving a lever never rewrites the base year, reported years or a calibration there.
///
/// When the path has a target after `floor`, it moves (with the year before it, for a step).
/// Otherwise a step in `year` or a ramp to `year` is added after the plan's start: the path's
/// only keyframe in the first plan year, else its value in `floor`.
#[allow(clippy::too_many_arguments)]
pub fn set_target(
    path: &mut Path,
    value: f64,
    year: i32,
    default: f64,
    base: i32,
    floor: i32,
    last: i32,
    shape: Shape,
) {
    let floor = floor.clamp(base, last);
    if floor >= last {
        return;
    }
    let year = year.clamp(floor + 1, last);
    if let Some(mut i) = planned_target(path, floor) {
        // No keyframe up to the floor: the first keyframe sets the years before it, so anchor
        // the floor's value first.
        if path.0[0].0 > floor {
            let a = (floor, path.value_or(floor, default));
            path.0.insert(0, a);
            i += 1;
        }
        // The keyframe before the target, if it is part of the plan, bounds the year.
        let prev = path.0[i - 1].0;
        // (keyframe years increase, and a plan start in the first plan year alone is not a
        // target, so a step pair always lies after the floor)
        let step_pair =
            shape == Shape::Step && i >= 2 && prev == path.0[i].0 - 1 && path.0[i - 1].1 == path.0[i - 2].1;
        if step_pair {
            // A step: move the year before it along, keeping the value it steps from.
            let lo = path.0[i - 2].0 + 1;
            let y = year.max(lo + 1).min(last);
            path.0[i - 1].0 = y - 1;
            path.0[i] = (y, value);
        } else if shape == Shape::Step && prev == floor && year > floor + 1 {
            // The target follows the floor directly: a step, holding the floor's value until
            // then (`year` is already inside floor + 1..=last).
            let hold = path.0[i - 1].1;
            path.0[i] = (year, value);
            path.0.insert(i, (year - 1, hold));
        } else {
            path.0[i] = (year.max(prev + 1).min(last), value);
        }
        return;
    }
    let first_plan = path.0.iter().position(|k| k.0 > floor);
    let (mut out, anchor) = match first_plan {
        // the plan's start in the first plan year
        Some(fp) => (path.0[..=fp].to_vec(), path.0[fp]),
        None => {
            let a = (floor, path.value_or(floor, default));
            let mut out = path.0.clone();
            if out.last().is_none_or(|k| k.0 < floor) {
                out.push(a);
            }
            (out, a)
        }
    };
    if value == anchor.1 {
        return;
    }
    let year = year.max(anchor.0 + 1).min(last);
    if year <= anchor.0 {
        return;
    }
    if shape == Shape::Step && year - 1 > anchor.0 {
        out.push((year - 1, anchor.1));
    }
    out.push((year, value));
    path.0 = out;
}

/// Whether two paths give the same value in every projected year.
pub fn same_values(a: &Path, b: &Path, default: f64, base: i32, last: i32) -> bool {
    (base..=last).all(|y| (a.value_or(y, default) - b.value_or(y, default)).abs() <= 1e-12)
}

fn unchanged(msg: impl Into<String>) -> Outcome {
    Outcome::Unchanged(msg.into())
}

fn fy(y: i32) -> String {
    format!("FY{y}")
}

/// Applies an edit. Indices that do not exist leave the scenario as it is.
pub fn apply(s: &mut Scenario, e: Edit) -> Outcome {
    let (base, last) = (s.base_year, s.last_year);
    match e {
        Edit::SetUncertainty(u) => {
            if s.uncertainty == *u {
                unchanged("no change")
            } else {
                s.uncertainty = *u;
                Outcome::Changed
            }
        }
        Edit::SetPath(r, p) => match r.get_mut(s) {
            Some(x) if *x != p => {
                *x = p;
                Outcome::Changed
            }
            Some(_) => unchanged("no change"),
            None => unchanged("this lever no longer exists"),
        },
        Edit::SetTarget {
            path,
            value,
            year,
            shape,
        } => {
            let default = path.default_value();
            let floor = s.first_plan_year() - 1;
            let Some(x) = path.get_mut(s) else {
                return unchanged("this lever no longer exists");
            };
            let before = x.clone();
            set_target(x, value, year, default, base, floor, last, shape);
            if *x == before {
                unchanged("no change")
            } else {
                Outcome::Changed
            }
        }
        Edit::Co2FreeShortcut { region, share, year } => {
            // Never before the first plan year: reported years keep their shares.
            let year = year.clamp(s.first_plan_year(), last);
            let mut changed = false;
            let mut considered = 0;
            for site in &mut s.sites {
                if region.as_ref().is_some_and(|r| &site.region != r) {
                    continue;
                }
                considered += 1;
                let before = site.co2_free_share.value_or(year - 1, 0.0);
                let mut kept: Vec<(i32, f64)> = site
                    .co2_free_share
                    .0
                    .iter()
                    .copied()
                    .filter(|k| k.0 < year - 1)
                    .collect();
                if year > base {
                    kept.push((year - 1, before));
                }
                kept.push((year, share));
                let new = Path(kept);
                if !same_values(&new, &site.co2_free_share, 0.0, base, last) {
                    site.co2_free_share = new;
                    changed = true;
                }
            }
            let pct = format!("{:.0} %", share * 100.0);
            match (considered, changed) {
                (0, _) => unchanged("no site in this region"),
                (n, false) => unchanged(format!(
                    "no change: {} already at {pct} from {}",
                    if n == 1 {
                        "the site is".to_string()
                    } else {
                        format!("all {n} sites are")
                    },
                    fy(year)
                )),
                _ => Outcome::Changed,
            }
        }
        Edit::AddFuelSwitch { site, start } => {
            let Some(x) = s.sites.get_mut(site) else {
                return unchanged("this site no longer exists");
            };
            let Some(from) = x.fuels.first().map(|f| f.fuel.clone()) else {
                return unchanged("the site uses no fuel to switch from");
            };
            let start = start.clamp(base, last);
            x.fuel_switches.push(FuelSwitch {
                from,
                to: ELECTRICITY.to_string(),
                share: Path(vec![(start, 0.0)]),
                ratio: 1.0,
                source: String::new(),
                assumption: Some(format!(
                    "Added in the planner: starts in {} (after the latest actual); ratio 1 until set",
                    fy(start)
                )),
                id: None,
                capex_jpy: None,
                lifetime_years: 20,
            });
            Outcome::Changed
        }
        Edit::RemoveFuelSwitch { site, rule } => match s.sites.get_mut(site) {
            Some(x) if rule < x.fuel_switches.len() => {
                x.fuel_switches.remove(rule);
                Outcome::Changed
            }
            _ => unchanged("this rule no longer exists"),
        },
        Edit::SetFuelSwitchCarriers { site, rule, from, to } => {
            match s.sites.get_mut(site).and_then(|x| x.fuel_switches.get_mut(rule)) {
                Some(r) if r.from != from || r.to != to => {
                    r.from = from;
                    r.to = to;
                    Outcome::Changed
                }
                Some(_) => unchanged("no change"),
                None => unchanged("this rule no longer exists"),
            }
        }
        Edit::SetFuelSwitchRatio { site, rule, ratio } => {
            match s.sites.get_mut(site).and_then(|x| x.fuel_switches.get_mut(rule)) {
                Some(r) if r.ratio != ratio => {
                    r.ratio = ratio;
                    Outcome::Changed
                }
                Some(_) => unchanged("no change"),
                None => unchanged("this rule no longer exists"),
            }
        }
        Edit::AddPpa { site, start } => {
            if last <= base {
                return unchanged("the projection has no year after the base year for a new PPA");
            }
            let start = start.clamp(base + 1, last);
            let mut n = s.ppas.len() + 1;
            while s.ppas.iter().any(|p| p.id == format!("ppa_{n}")) {
                n += 1;
            }
            let site_name = s
                .sites
                .iter()
                .find(|x| x.id == site)
                .map_or(site.clone(), |x| x.name.clone());
            s.ppas.push(Ppa {
                id: format!("ppa_{n}"),
                name: format!("New PPA {n}"),
                kind: PpaKind::OffSite,
                capacity_mw: Path(vec![(start - 1, 0.0), (start, 1.0)]),
                yield_mwh_per_mw: 1100.0,
                allocation: vec![(site, 1.0)],
                price_jpy_per_mwh: Path::default(),
                capex_jpy_per_mw: None,
                source: String::new(),
                assumption: Some(format!(
                    "Added in the planner: 1 MW off-site solar from {} (the year after the latest actual) serving {site_name}, the site with the largest grid purchase not yet CO2-free; yield 1,100 MWh/MW a typical Japanese solar figure [assumption]",
                    fy(start)
                )),
                lifetime_years: 20,
                opex_jpy_per_mw_yr: Path::default(),
                price_assumption: None,
            });
            Outcome::Changed
        }
        Edit::RemovePpa(i) if i < s.ppas.len() => {
            s.ppas.remove(i);
            Outcome::Changed
        }
        Edit::RemovePpa(_) => unchanged("this PPA no longer exists"),
        Edit::SetPpaYield(i, y) => match s.ppas.get_mut(i) {
            Some(p) if p.yield_mwh_per_mw != y => {
                p.yield_mwh_per_mw = y;
                Outcome::Changed
            }
            Some(_) => unchanged("no change"),
            None => unchanged("this PPA no longer exists"),
        },
        Edit::SetPpaKind(i, k) => match s.ppas.get_mut(i) {
            Some(p) if p.kind != k => {
                p.kind = k;
                Outcome::Changed
            }
            Some(_) => unchanged("no change"),
            None => unchanged("this PPA no longer exists"),
        },
        Edit::SetPpaServes { ppa, site, on } => {
            let Some(p) = s.ppas.get_mut(ppa) else {
                return unchanged("this PPA no longer exists");
            };
            let serves = p.allocation.iter().any(|a| a.0 == site);
            if serves == on {
                return unchanged("no change");
            }
            if on {
                p.allocation.push((site, 0.0));
            } else {
                if p.allocation.len() == 1 {
                    return unchanged("a PPA serves at least one site: remove the PPA instead");
                }
                p.allocation.retain(|a| a.0 != site);
            }
            let n = p.allocation.len() as f64;
            for a in &mut p.allocation {
                a.1 = 1.0 / n;
            }
            Outcome::Changed
        }
        Edit::SetNumber(r, v) => match r.set(s, v) {
            Ok(true) => Outcome::Changed,
            Ok(false) => unchanged("no change"),
            Err(m) => unchanged(m),
        },
        Edit::ScaleGrid { region, factor } => {
            let Some(r) = s.regions.get_mut(region) else {
                return unchanged("this region no longer exists");
            };
            if (factor - 1.0).abs() < 1e-12 || r.ef_kg_per_kwh.0.iter().all(|k| k.1 == 0.0) {
                return unchanged("no change: the factor is ×1.00 or the path is zero");
            }
            for k in &mut r.ef_kg_per_kwh.0 {
                k.1 *= factor;
            }
            Outcome::Changed
        }
        Edit::ActivityGrowth { pct_per_yr, from } => {
            if last <= base {
                return unchanged("the projection has no year after the base year to grow in");
            }
            let from = from.clamp(s.first_plan_year(), last);
            let mut changed = false;
            for site in &mut s.sites {
                let start = site.activity.value_or(from - 1, 1.0);
                let mut kept: Vec<(i32, f64)> = site
                    .activity
                    .0
                    .iter()
                    .copied()
                    .filter(|k| k.0 < from - 1)
                    .collect();
                if kept.is_empty() && from - 1 > base {
                    kept.push((base, 1.0));
                }
                kept.push((from - 1, start));
                let mut y = from - 1;
                while y < last {
                    y = (y + 5).min(last);
                    kept.push((y, start * (1.0 + pct_per_yr / 100.0).powi(y - (from - 1))));
                }
                let new = Path(kept);
                if !same_values(&new, &site.activity, 1.0, base, last) {
                    site.activity = new;
                    changed = true;
                }
            }
            if changed {
                Outcome::Changed
            } else {
                unchanged(format!(
                    "no change: every site already follows {pct_per_yr:+.1} %/yr from {}",
                    fy(from)
                ))
            }
        }
    }
}

impl Scenario {
    /// The latest fiscal year with reported actuals, if any.
    pub fn latest_actual_year(&self) -> Option<i32> {
        self.history
            .iter()
            .filter(|h| h.kind == super::HistoryKind::Actual)
            .map(|h| h.year)
            .max()
    }

    /// The first year a new lever may act in: the year after the latest actual (or after the
    /// base year), within the projection.
    pub fn first_plan_year(&self) -> i32 {
        let after = self
            .latest_actual_year()
            .unwrap_or(self.base_year)
            .max(self.base_year)
            + 1;
        after.min(self.last_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jx() -> Scenario {
        crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap()
    }

    #[test]
    fn set_target_makes_steps_ramps_and_moves_the_target() {
        // No actuals after the base year: the floor is the base year.
        let mut p = Path::default();
        set_target(&mut p, 1.0, 2030, 0.0, 2018, 2018, 2050, Shape::Step);
        assert_eq!(p.0, vec![(2018, 0.0), (2029, 0.0), (2030, 1.0)]);
        assert_eq!(lever_target(&p, 0.0, 2018, 2040), (1.0, 2030));
        // moving a step moves the year before it along
        set_target(&mut p, 0.5, 2035, 0.0, 2018, 2018, 2050, Shape::Step);
        assert_eq!(p.0, vec![(2018, 0.0), (2034, 0.0), (2035, 0.5)]);
        let mut r = Path(vec![(2018, 0.2)]);
        set_target(&mut r, 0.5, 2040, 0.0, 2018, 2018, 2050, Shape::Ramp);
        assert_eq!(r.0, vec![(2018, 0.2), (2040, 0.5)]);
        set_target(&mut r, 0.6, 2045, 0.0, 2018, 2018, 2050, Shape::Ramp);
        assert_eq!(r.0, vec![(2018, 0.2), (2045, 0.6)]);
        let mut q = Path(vec![(2020, 0.0), (2021, 1.0)]);
        set_target(&mut q, 0.7, 2019, 0.0, 2018, 2018, 2050, Shape::Step);
        // the step moves as early as asked, the floor's value anchored
        assert_eq!(q.0, vec![(2018, 0.0), (2019, 0.0), (2020, 0.7)]);
    }

    #[test]
    fn a_lever_never_rewrites_the_base_year_or_reported_years() {
        // Any path, any target: years up to the floor (FY2023, the latest actual) keep their values.
        let paths = [
            Path::default(),
            Path(vec![(2018, 0.3)]),
            Path(vec![(2020, 0.0), (2023, 0.5056)]),
            Path(vec![(2019, 5.95631), (2023, 5.95631), (2024, 0.0)]),
            Path(vec![(2018, 0.0), (2023, 0.363)]),
            Path(vec![(2024, 0.0)]),
            Path(vec![(2020, 0.0), (2021, 0.5), (2022, 1.0)]),
            Path(vec![(2035, 0.4)]),
            Path(vec![(2030, 0.1), (2040, 0.4)]),
        ];
        for p0 in paths {
            for (value, year, shape) in [
                (1.0, 2030, Shape::Step),
                (0.0, 2019, Shape::Ramp),
                (0.8, 2045, Shape::Ramp),
            ] {
                let mut p = p0.clone();
                set_target(&mut p, value, year, 0.0, 2018, 2023, 2050, shape);
                for y in 2018..=2023 {
                    assert_eq!(p.value_or(y, 0.0), p0.value_or(y, 0.0), "{p0:?} → {p:?} FY{y}");
                }
                let (v, reached) = lever_target(&p, 0.0, 2023, 2030);
                if p != p0 {
                    assert_eq!(v, value, "{p0:?} → {p:?}");
                    assert!(reached > 2023, "{p0:?} → {p:?}");
                }
            }
        }
        // The calibrated domestic share: a step to 100 % in FY2030 keeps FY2023's 50.56 %.
        let mut p = Path(vec![(2020, 0.0), (2023, 0.5056)]);
        set_target(&mut p, 1.0, 2030, 0.0, 2018, 2023, 2050, Shape::Step);
        assert_eq!(
            p.0,
            vec![(2020, 0.0), (2023, 0.5056), (2029, 0.5056), (2030, 1.0)]
        );
        // typing another year moves the step
        set_target(&mut p, 1.0, 2035, 0.0, 2018, 2023, 2050, Shape::Step);
        assert_eq!(
            p.0,
            vec![(2020, 0.0), (2023, 0.5056), (2034, 0.5056), (2035, 1.0)]
        );
        // A rate ending at 0 after the calibration: the new rate starts from 0 in FY2024.
        let mut p = Path(vec![(2019, 5.95631), (2023, 5.95631), (2024, 0.0)]);
        set_target(&mut p, 1.0, 2030, 0.0, 2018, 2023, 2050, Shape::Step);
        assert_eq!(
            p.0,
            vec![
                (2019, 5.95631),
                (2023, 5.95631),
                (2024, 0.0),
                (2029, 0.0),
                (2030, 1.0)
            ]
        );
    }

    #[test]
    fn new_rules_and_ppas_start_after_the_latest_actual() {
        let mut s = jx();
        assert_eq!(s.latest_actual_year(), Some(2023));
        assert_eq!(s.first_plan_year(), 2024);
        let start = s.first_plan_year();
        assert_eq!(
            apply(&mut s, Edit::AddFuelSwitch { site: 0, start }),
            Outcome::Changed
        );
        let r = s.sites[0].fuel_switches.last().unwrap();
        assert_eq!(r.share.0, vec![(2024, 0.0)]);
        assert_eq!(r.to, ELECTRICITY);
        assert_eq!(
            apply(
                &mut s,
                Edit::AddPpa {
                    site: "other_japan".into(),
                    start
                }
            ),
            Outcome::Changed
        );
        let p = s.ppas.last().unwrap();
        assert_eq!(p.capacity_mw.value_or(2018, 9.0), 0.0);
        assert_eq!(p.capacity_mw.value_or(2023, 9.0), 0.0);
        assert_eq!(p.capacity_mw.value_or(2024, 9.0), 1.0);
        assert_eq!(p.allocation, vec![("other_japan".to_string(), 1.0)]);
        assert!(crate::model::validate::validate(&s).is_empty());
    }

    #[test]
    fn a_shortcut_that_changes_nothing_says_so() {
        let mut s = jx();
        // Everything at 100 % from FY2030 changes the sites not yet at 100 %.
        let e = Edit::Co2FreeShortcut {
            region: None,
            share: 1.0,
            year: 2030,
        };
        assert_eq!(apply(&mut s, e.clone()), Outcome::Changed);
        let after = s.clone();
        // Again: every site is already there.
        match apply(&mut s, e) {
            Outcome::Unchanged(m) => assert!(m.contains("already at 100 % from FY2030"), "{m}"),
            o => panic!("{o:?}"),
        }
        assert_eq!(s, after);
        // The ten switched sites keep their paths (they were at 100 % already).
        let saved = jx();
        assert_eq!(s.sites[0].co2_free_share, saved.sites[0].co2_free_share);
    }
}
