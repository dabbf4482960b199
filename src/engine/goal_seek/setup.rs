//! The goal seek's decision variables, constraint rows and couplings (ANALYSES.md §3.2–3.5,
//! §9.4–9.12), and the evaluator that writes a trial's lever values into a compiled engine in
//! place and runs it.

use crate::engine::metric::Metric;
use crate::engine::uncertainty::targets::Targets;
use crate::model::{GoalSeek, LeverRef, Path, Scenario, SeekMode};

/// Largest search: decision variables, target rows and coupling rows (each LP step stays
/// small, ANALYSES.md §3.7, and a solve is never long enough to outlast the time guard).
pub const MAX_VARIABLES: usize = 300;
pub const MAX_ROWS: usize = 400;
pub const MAX_COUPLINGS: usize = 2_000;

/// Which compiled array a variable writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    Co2Free(usize),
    ProcessChange(usize),
    EffElectricity(usize),
    EffFuel(usize),
    /// Site, rule index.
    Rule(usize, usize),
    Recycled(usize),
    LowCarbon(usize),
    Ppa(usize),
    Credits,
}

/// One decision variable.
#[derive(Clone, Debug)]
pub struct Var {
    /// The lever, naming one member.
    pub lever: LeverRef,
    /// Display name ("CO2-free power at Saganoseki").
    pub name: String,
    pub(crate) slot: Slot,
    pub lo: f64,
    pub hi: f64,
    /// Year the value is reached (efficiency: the year after the freeze year).
    pub reach_year: i32,
    /// The scenario's own value, clipped to the bounds (a start).
    pub current: f64,
    /// The scenario's own value in the reach year (efficiency: the year after the freeze).
    pub plan_value: f64,
    /// A price this lever's cost needs is missing: the search counts it as free.
    pub unpriced: bool,
    /// Value in the freeze year (the ramp's start).
    pub(crate) at_freeze: f64,
    /// The scenario's path.
    pub(crate) path: Path,
    /// `hi − lo` is too small to move (§9.4): fixed at `lo`, left out of the LP.
    pub no_room: bool,
}

impl Var {
    /// The decision path for value `x` (§3.3): keyframes before the freeze year, then the ramp
    /// from its value in the freeze year to `x` in the reach year; an efficiency rate is `x`
    /// from the year after the freeze year.
    pub(crate) fn path_for(&self, x: f64, freeze: i32, out: &mut Path) {
        out.0.clear();
        let efficiency = matches!(self.slot, Slot::EffElectricity(_) | Slot::EffFuel(_));
        out.0.extend(self.path.0.iter().copied().filter(|k| k.0 < freeze));
        if efficiency {
            out.0.push((freeze, self.at_freeze));
            out.0.push((freeze + 1, x));
        } else {
            out.0.push((freeze, self.at_freeze));
            out.0.push((self.reach_year, x));
        }
    }

    /// Ramp weight of the value in `year`: the path is `at_freeze + (x − at_freeze)·w`.
    pub(crate) fn weight(&self, year: i32, freeze: i32) -> f64 {
        if year <= freeze {
            0.0
        } else if year >= self.reach_year {
            1.0
        } else {
            f64::from(year - freeze) / f64::from(self.reach_year - freeze)
        }
    }
}

/// One constraint row: a target in one year, against its level (target-year mode) or its
/// glide line (path mode).
#[derive(Clone, Debug)]
pub struct Row {
    /// Position among the compiled targets.
    pub(crate) target: usize,
    pub label: String,
    pub year: i32,
    pub(crate) yi: usize,
    /// On a glide line, the target's year (the line ends at its level there).
    pub(crate) glide_to: Option<i32>,
    /// `ĝ = g / scale` (§9.6), fixed from the scenario's own run.
    pub(crate) scale: f64,
}

/// A linear coupling `Σ w_i(t)·x_i + fixed(t) ≤ 1` in one year (ρ + γ ≤ 1, Σσ from one fuel).
#[derive(Clone, Debug)]
pub(crate) struct Coupling {
    pub what: String,
    /// (variable, weight) pairs.
    pub terms: Vec<(usize, f64)>,
    /// Σ over the variables of `at_freeze·(1 − w)` plus the non-variable partners' values.
    pub fixed: f64,
}

impl Coupling {
    /// The sum at `x` (≤ 1 when the coupling holds).
    pub fn sum(&self, x: &[f64]) -> f64 {
        self.fixed + self.terms.iter().map(|&(i, w)| w * x[i]).sum::<f64>()
    }
}

/// A trial's outcome.
#[derive(Clone, Debug, Default)]
pub(crate) struct Eval {
    /// Objective [JPY, NPV from the year after the freeze year].
    pub j: f64,
    /// Raw `value − level` per row, in the target's unit.
    pub g: Vec<f64>,
    /// Normalised rows.
    pub gh: Vec<f64>,
    pub value: Vec<f64>,
    pub level: Vec<f64>,
    /// Per row: the gross value (before credits) and whether the row is met with the targets'
    /// tolerance.
    pub gross: Vec<f64>,
    pub row_met: Vec<bool>,
    /// Every row met with the targets' tolerance.
    pub met: bool,
    /// Σ max(0, ĝ).
    pub viol: f64,
    /// Per row: the discounted tonnes of its target's metric over the window, Σ d_t·M_t.
    pub m_npv: Vec<f64>,
}

/// Everything the search needs, built once.
#[derive(Clone)]
pub(crate) struct Setup {
    pub freeze: i32,
    pub vars: Vec<Var>,
    pub rows: Vec<Row>,
    pub couplings: Vec<Coupling>,
    pub targets: Targets,
    pub include_carbon: bool,
    pub max_evaluations: u32,
    pub warnings: Vec<String>,
    pub(crate) rate: f64,
    pub(crate) carbon_metric: Metric,
}

fn dedup_push(v: &mut Vec<Coupling>, c: Coupling) {
    let same = v
        .last()
        .is_some_and(|p| p.what == c.what && p.terms == c.terms && (p.fixed - c.fixed).abs() <= 1e-15);
    if !same && !c.terms.is_empty() {
        v.push(c);
    }
}

impl Setup {
    /// Resolves the goal-seek block of `s` (`labels` overrides its target list when given).
    pub fn new(s: &Scenario, g: &GoalSeek, labels: Option<&[String]>) -> Result<Setup, String> {
        let freeze = g
            .freeze_year
            .unwrap_or_else(|| s.default_freeze_year())
            .clamp(s.base_year, s.last_year);
        let targets = Targets::new(s);
        let wanted: Vec<String> = match labels {
            Some(l) if !l.is_empty() => l.to_vec(),
            _ if !g.targets.is_empty() => g.targets.clone(),
            _ => s
                .targets
                .iter()
                .filter(|t| t.year > freeze)
                .map(|t| t.label.clone())
                .collect(),
        };
        if wanted.is_empty() {
            return Err("no target to meet: the scenario has no target after the freeze year".into());
        }
        let mut selected = Vec::new();
        for l in &wanted {
            let Some(k) = targets.position(l) else {
                return Err(format!("no target is labelled \"{l}\""));
            };
            let year = targets.label(k).1;
            if year <= freeze {
                return Err(format!(
                    "target \"{l}\" is for FY{year}, not after the freeze year FY{freeze}: nothing left to decide"
                ));
            }
            if !selected.contains(&k) {
                selected.push(k);
            }
        }
        let first_year = selected
            .iter()
            .map(|&k| s.base_year + targets.year_index(k) as i32)
            .min()
            .unwrap_or(s.last_year);
        let mut warnings = Vec::new();
        let credits_counted = selected.iter().any(|&k| targets.counts_credits(k));

        // Variables, `*` expanded, in the order of the block.
        let mut vars: Vec<Var> = Vec::new();
        for l in &g.levers {
            let members: Vec<LeverRef> = expand(s, &l.lever);
            for lever in members {
                if lever == LeverRef::Credits && !credits_counted {
                    warnings.push("credits are a lever but no listed target counts credits: dropped".into());
                    continue;
                }
                if vars.iter().any(|v| v.lever == lever) {
                    continue;
                }
                let (slot, path, name) =
                    slot_of(s, &lever).ok_or_else(|| format!("{lever:?} does not resolve"))?;
                let efficiency = matches!(slot, Slot::EffElectricity(_) | Slot::EffFuel(_));
                let at_freeze = path.value_or(freeze, 0.0);
                let reach_year = if efficiency {
                    freeze + 1
                } else {
                    l.reach_year.unwrap_or(first_year)
                };
                if reach_year <= freeze || reach_year > s.last_year {
                    return Err(format!(
                        "{name}: reach year FY{reach_year} is not after the freeze year FY{freeze} and by FY{}",
                        s.last_year
                    ));
                }
                let (dom_lo, dom_hi, _) = crate::model::validate::lever_domain(&lever);
                let (dlo, dhi) = default_bounds(s, &lever, freeze).unwrap_or((at_freeze, None));
                let lo = l.min.unwrap_or(dlo);
                let Some(hi) = l.max.or(dhi) else {
                    return Err(format!("{name}: needs a maximum"));
                };
                let lo = lo.clamp(dom_lo, dom_hi);
                let hi = hi.clamp(dom_lo, dom_hi);
                if lo > hi {
                    return Err(format!(
                        "{name}: the lower bound {lo} is above the upper bound {hi}"
                    ));
                }
                let own = if efficiency {
                    path.value_or(freeze + 1, 0.0)
                } else {
                    path.value_or(reach_year, 0.0)
                };
                let no_room = hi - lo <= 1e-12 * hi.abs().max(1.0);
                vars.push(Var {
                    lever,
                    name,
                    slot,
                    lo,
                    hi,
                    reach_year,
                    current: own.clamp(lo, hi),
                    plan_value: own,
                    unpriced: unpriced(s, slot),
                    at_freeze,
                    path,
                    no_room,
                });
            }
        }
        if vars.is_empty() {
            return Err("no lever to move: add at least one lever to the goal seek".into());
        }
        if vars.len() > MAX_VARIABLES {
            return Err(format!(
                "{} levers once every \"*\" is expanded: at most {MAX_VARIABLES} can be sought at once",
                vars.len()
            ));
        }

        // Rows.
        let mut rows = Vec::new();
        for &k in &selected {
            let label = targets.label(k).0.to_string();
            let yi = targets.year_index(k);
            let year = s.base_year + yi as i32;
            match g.mode {
                SeekMode::TargetYear => rows.push(Row {
                    target: k,
                    label,
                    year,
                    yi,
                    glide_to: None,
                    scale: 1.0,
                }),
                SeekMode::Path { from_year } => {
                    let start = freeze.max(from_year.unwrap_or(freeze));
                    for y in (start + 1)..=year {
                        rows.push(Row {
                            target: k,
                            label: label.clone(),
                            year: y,
                            yi: (y - s.base_year) as usize,
                            glide_to: Some(year),
                            scale: 1.0,
                        });
                    }
                }
            }
        }

        for &k in &selected {
            if !rows.iter().any(|r| r.target == k) {
                return Err(format!(
                    "target \"{}\" has no year to meet on the glide line after FY{}",
                    targets.label(k).0,
                    freeze.max(match g.mode {
                        SeekMode::Path { from_year } => from_year.unwrap_or(freeze),
                        SeekMode::TargetYear => freeze,
                    })
                ));
            }
        }
        if rows.len() > MAX_ROWS {
            return Err(format!(
                "{} target rows: at most {MAX_ROWS} (fewer targets, or the target year only)",
                rows.len()
            ));
        }
        let couplings = couplings(s, &vars, freeze);
        if couplings.len() > MAX_COUPLINGS {
            return Err(format!(
                "{} coupling rows (recycled + low-carbon, fuel switches, per year): at most {MAX_COUPLINGS}",
                couplings.len()
            ));
        }
        let xm = &s.cost.carbon_price_metric;
        Ok(Setup {
            freeze,
            vars,
            rows,
            couplings,
            targets,
            include_carbon: g.include_carbon_cost,
            max_evaluations: g.max_evaluations,
            warnings,
            rate: s.discount_rate_pct / 100.0,
            carbon_metric: Metric {
                scopes: xm.scopes.clone(),
                method: xm.scope2_method,
                credits: xm.credits_offset,
            },
        })
    }

    /// Writes `x` into a copy of the scenario: the decision paths of §3.3.
    pub fn write(&self, s: &mut Scenario, x: &[f64]) {
        let mut p = Path(Vec::new());
        for (v, &xi) in self.vars.iter().zip(x) {
            v.path_for(xi, self.freeze, &mut p);
            *path_mut(s, v.slot) = p.clone();
        }
    }
}

/// The bounds a lever takes when the block gives none (ANALYSES.md §3.2, §9.5, §9.12): its
/// value in the freeze year (an efficiency rate: the year after) and the top of its domain
/// (shares 1, rates 99 %/yr; none for PPA capacity and credits, which need one). `None` for a
/// lever that names no single member (`"*"`, an unknown id).
pub fn default_bounds(s: &Scenario, lever: &LeverRef, freeze: i32) -> Option<(f64, Option<f64>)> {
    let (slot, path, _) = slot_of(s, lever)?;
    let efficiency = matches!(slot, Slot::EffElectricity(_) | Slot::EffFuel(_));
    let lo = path.value_or(if efficiency { freeze + 1 } else { freeze }, 0.0);
    let hi = match slot {
        Slot::Ppa(_) | Slot::Credits => None,
        _ if efficiency => Some(crate::model::validate::lever_domain(lever).1),
        _ => Some(1.0),
    };
    Some((lo, hi))
}

/// The members a lever names (`"*"` expanded).
fn expand(s: &Scenario, l: &LeverRef) -> Vec<LeverRef> {
    let sites = |id: &str| -> Vec<String> {
        if id == "*" {
            s.sites.iter().map(|x| x.id.clone()).collect()
        } else {
            vec![id.to_string()]
        }
    };
    let mats = |id: &str| -> Vec<String> {
        if id == "*" {
            s.materials.iter().map(|x| x.id.clone()).collect()
        } else {
            vec![id.to_string()]
        }
    };
    match l {
        LeverRef::Co2Free { site } => sites(site)
            .into_iter()
            .map(|site| LeverRef::Co2Free { site })
            .collect(),
        LeverRef::ProcessChange { site } => sites(site)
            .into_iter()
            .map(|site| LeverRef::ProcessChange { site })
            .collect(),
        LeverRef::EfficiencyElectricity { site } => sites(site)
            .into_iter()
            .map(|site| LeverRef::EfficiencyElectricity { site })
            .collect(),
        LeverRef::EfficiencyFuel { site } => sites(site)
            .into_iter()
            .map(|site| LeverRef::EfficiencyFuel { site })
            .collect(),
        LeverRef::FuelSwitch { site, rule } => sites(site)
            .into_iter()
            .filter(|id| {
                s.sites
                    .iter()
                    .any(|x| &x.id == id && x.fuel_switches.iter().any(|r| &r.id_or_default() == rule))
            })
            .map(|site| LeverRef::FuelSwitch {
                site,
                rule: rule.clone(),
            })
            .collect(),
        LeverRef::Recycled { material } => mats(material)
            .into_iter()
            .map(|material| LeverRef::Recycled { material })
            .collect(),
        LeverRef::LowCarbon { material } => mats(material)
            .into_iter()
            .map(|material| LeverRef::LowCarbon { material })
            .collect(),
        LeverRef::Ppa { .. } | LeverRef::Credits => vec![l.clone()],
    }
}

fn site_name(s: &Scenario, si: usize) -> &str {
    let x = &s.sites[si];
    if x.name.is_empty() { &x.id } else { &x.name }
}

/// Whether a price the lever's own cost needs is missing (ANALYSES.md §9.14: missing is not
/// zero): its cost is not counted, so the search sees it as free.
fn unpriced(s: &Scenario, slot: Slot) -> bool {
    if !crate::engine::cost::has_prices(s) {
        return true;
    }
    match slot {
        Slot::Co2Free(si) => {
            let site = &s.sites[si];
            site.co2_free_premium_jpy_per_mwh.is_empty()
                && s.region_index(&site.region)
                    .is_none_or(|r| s.regions[r].co2_free_premium_jpy_per_mwh.is_empty())
        }
        Slot::ProcessChange(si) => s.sites[si].process_change_capex_jpy.is_none(),
        Slot::EffElectricity(si) => s.sites[si].efficiency_capex_jpy_per_mwh_yr.is_none(),
        Slot::EffFuel(si) => s.sites[si].efficiency_capex_jpy_per_gj_yr.is_none(),
        Slot::Rule(si, k) => s.sites[si].fuel_switches[k].capex_jpy.is_none(),
        Slot::Recycled(mi) => s.materials[mi].recycled_price_diff_jpy_per_t.is_empty(),
        Slot::LowCarbon(mi) => s.materials[mi].low_carbon_price_diff_jpy_per_t.is_empty(),
        Slot::Ppa(pi) => s.ppas[pi].price_jpy_per_mwh.is_empty() && s.ppas[pi].capex_jpy_per_mw.is_none(),
        Slot::Credits => s.credits.price_jpy_per_t.is_empty(),
    }
}

/// The slot, current path and display name of one member.
fn slot_of(s: &Scenario, l: &LeverRef) -> Option<(Slot, Path, String)> {
    Some(match l {
        LeverRef::Co2Free { site } => {
            let si = s.site_index(site)?;
            (
                Slot::Co2Free(si),
                s.sites[si].co2_free_share.clone(),
                format!("CO2-free power at {}", site_name(s, si)),
            )
        }
        LeverRef::ProcessChange { site } => {
            let si = s.site_index(site)?;
            (
                Slot::ProcessChange(si),
                s.sites[si].process_change_share.clone(),
                format!("Process change at {}", site_name(s, si)),
            )
        }
        LeverRef::EfficiencyElectricity { site } => {
            let si = s.site_index(site)?;
            (
                Slot::EffElectricity(si),
                s.sites[si].efficiency_electricity_pct.clone(),
                format!("Electricity efficiency at {}", site_name(s, si)),
            )
        }
        LeverRef::EfficiencyFuel { site } => {
            let si = s.site_index(site)?;
            (
                Slot::EffFuel(si),
                s.sites[si].efficiency_fuel_pct.clone(),
                format!("Fuel efficiency at {}", site_name(s, si)),
            )
        }
        LeverRef::FuelSwitch { site, rule } => {
            let si = s.site_index(site)?;
            let k = s.sites[si]
                .fuel_switches
                .iter()
                .position(|r| &r.id_or_default() == rule)?;
            (
                Slot::Rule(si, k),
                s.sites[si].fuel_switches[k].share.clone(),
                format!("Fuel switch {rule} at {}", site_name(s, si)),
            )
        }
        LeverRef::Recycled { material } => {
            let mi = s.materials.iter().position(|m| &m.id == material)?;
            (
                Slot::Recycled(mi),
                s.materials[mi].recycled_share.clone(),
                format!("Recycled share of {}", mat_name(s, mi)),
            )
        }
        LeverRef::LowCarbon { material } => {
            let mi = s.materials.iter().position(|m| &m.id == material)?;
            (
                Slot::LowCarbon(mi),
                s.materials[mi].low_carbon_share.clone(),
                format!("Low-carbon share of {}", mat_name(s, mi)),
            )
        }
        LeverRef::Ppa { ppa } => {
            let pi = s.ppas.iter().position(|p| &p.id == ppa)?;
            let p = &s.ppas[pi];
            (
                Slot::Ppa(pi),
                p.capacity_mw.clone(),
                format!("PPA {} [MW]", if p.name.is_empty() { &p.id } else { &p.name }),
            )
        }
        LeverRef::Credits => (
            Slot::Credits,
            s.credits.t_co2_per_yr.clone(),
            "Credits [t/yr]".into(),
        ),
    })
}

fn mat_name(s: &Scenario, mi: usize) -> &str {
    let m = &s.materials[mi];
    if m.name.is_empty() { &m.id } else { &m.name }
}

/// The scenario path a slot stands for.
pub(crate) fn path_mut(s: &mut Scenario, slot: Slot) -> &mut Path {
    match slot {
        Slot::Co2Free(si) => &mut s.sites[si].co2_free_share,
        Slot::ProcessChange(si) => &mut s.sites[si].process_change_share,
        Slot::EffElectricity(si) => &mut s.sites[si].efficiency_electricity_pct,
        Slot::EffFuel(si) => &mut s.sites[si].efficiency_fuel_pct,
        Slot::Rule(si, k) => &mut s.sites[si].fuel_switches[k].share,
        Slot::Recycled(mi) => &mut s.materials[mi].recycled_share,
        Slot::LowCarbon(mi) => &mut s.materials[mi].low_carbon_share,
        Slot::Ppa(pi) => &mut s.ppas[pi].capacity_mw,
        Slot::Credits => &mut s.credits.t_co2_per_yr,
    }
}

/// ρ + γ ≤ 1 per material and Σσ ≤ 1 per site and source fuel, one row per year after the
/// freeze year where a variable takes part (rows equal to the year before are merged).
fn couplings(s: &Scenario, vars: &[Var], freeze: i32) -> Vec<Coupling> {
    let mut out = Vec::new();
    let find = |slot: Slot| vars.iter().position(|v| v.slot == slot && !v.no_room);
    for (mi, m) in s.materials.iter().enumerate() {
        let parts = [
            (Slot::Recycled(mi), &m.recycled_share),
            (Slot::LowCarbon(mi), &m.low_carbon_share),
        ];
        if parts.iter().all(|(slot, _)| find(*slot).is_none()) {
            continue;
        }
        for year in (freeze + 1)..=s.last_year {
            let mut c = Coupling {
                what: format!("recycled + low-carbon share of {} ≤ 1", mat_name(s, mi)),
                terms: Vec::new(),
                fixed: 0.0,
            };
            for (slot, path) in parts {
                add_term(&mut c, vars, find(slot), slot, path, year, freeze);
            }
            dedup_push(&mut out, c);
        }
    }
    for (si, site) in s.sites.iter().enumerate() {
        let mut froms: Vec<&str> = site.fuel_switches.iter().map(|r| r.from.as_str()).collect();
        froms.sort_unstable();
        froms.dedup();
        for from in froms {
            let rules: Vec<usize> = (0..site.fuel_switches.len())
                .filter(|&k| site.fuel_switches[k].from == from)
                .collect();
            if rules.iter().all(|&k| find(Slot::Rule(si, k)).is_none()) {
                continue;
            }
            for year in (freeze + 1)..=s.last_year {
                let mut c = Coupling {
                    what: format!("fuel switched from {from} at {} ≤ 100 %", site_name(s, si)),
                    terms: Vec::new(),
                    fixed: 0.0,
                };
                for &k in &rules {
                    let slot = Slot::Rule(si, k);
                    add_term(
                        &mut c,
                        vars,
                        find(slot),
                        slot,
                        &site.fuel_switches[k].share,
                        year,
                        freeze,
                    );
                }
                dedup_push(&mut out, c);
            }
        }
    }
    out
}

fn add_term(
    c: &mut Coupling,
    vars: &[Var],
    var: Option<usize>,
    slot: Slot,
    path: &Path,
    year: i32,
    freeze: i32,
) {
    match var {
        Some(i) => {
            let w = vars[i].weight(year, freeze);
            c.fixed += vars[i].at_freeze * (1.0 - w);
            if w != 0.0 {
                c.terms.push((i, w));
            }
        }
        None => {
            // A fixed-value variable (no room) holds its lower bound on the ramp.
            match vars.iter().find(|v| v.slot == slot) {
                Some(v) => {
                    let w = v.weight(year, freeze);
                    c.fixed += v.at_freeze + (v.lo - v.at_freeze) * w;
                }
                None => c.fixed += path.value_or(year, 0.0),
            }
        }
    }
}
