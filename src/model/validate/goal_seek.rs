//! Validation of the goal-seek block (ANALYSES.md §3.2, §5, §9.10–9.12): targets named by
//! label exist, levers name real members, bounds lie inside each lever's domain, reach years
//! after the freeze year and inside the horizon.

use super::{V, fmt_num, short};
use crate::model::{LeverRef, SeekMode};

/// Largest number of levers in a goal seek, and of engine runs it may use.
pub mod glimits {
    pub const LEVERS: usize = 500;
    pub const EVALUATIONS: u32 = 1_000_000;
}

pub(super) fn goal_seek(v: &mut V) {
    let s = v.s;
    let Some(g) = &s.goal_seek else { return };
    let p = "goal_seek";
    for (i, label) in g.targets.iter().enumerate() {
        if !s.targets.iter().any(|t| &t.label == label) {
            let known = v.known(label, s.targets.iter().map(|t| t.label.as_str()));
            v.err(
                format!("{p}.targets[{i}]"),
                format!("no target is labelled \"{}\" (targets: {known})", short(label)),
            );
        }
    }
    let freeze = s.goal_seek_freeze_year();
    if let Some(f) = g.freeze_year
        && (f < s.base_year || f >= s.last_year)
    {
        v.err(
            format!("{p}.freeze_year"),
            format!(
                "{f} must lie in {}..{} (a year after it must be left to change)",
                s.base_year,
                s.last_year - 1
            ),
        );
    }
    if let SeekMode::Path { from_year: Some(y) } = g.mode
        && !v.horizon_years().contains(&y)
    {
        v.err(
            format!("{p}.mode.from_year"),
            format!("{y} is outside the horizon {}..{}", s.base_year, s.last_year),
        );
    }
    if g.levers.is_empty() {
        v.err(format!("{p}.levers"), "needs at least one lever to move");
    }
    let listed: Vec<i32> = s
        .targets
        .iter()
        .filter(|t| g.targets.is_empty() || g.targets.contains(&t.label))
        .map(|t| t.year)
        .collect();
    if let SeekMode::Path { from_year: Some(f) } = g.mode
        && !listed.is_empty()
        && listed.iter().any(|&y| y <= f.max(freeze))
        && listed.iter().all(|&y| y > freeze)
    {
        v.err(
            format!("{p}.mode.from_year"),
            format!("FY{f}: a target to meet is for that year or before, so its glide line has no year left"),
        );
    }
    if !listed.is_empty() && listed.iter().all(|&y| y <= freeze) {
        v.err(
            format!("{p}.freeze_year"),
            format!("every target to meet is for FY{freeze} or before: nothing is left to decide after the freeze year"),
        );
    }
    if g.max_evaluations == 0 || g.max_evaluations > glimits::EVALUATIONS {
        v.err(
            format!("{p}.max_evaluations"),
            format!("{} is outside 1..={}", g.max_evaluations, glimits::EVALUATIONS),
        );
    }
    if g.levers.len() > glimits::LEVERS {
        v.err(
            format!("{p}.levers"),
            format!(
                "has {} levers; at most {} are allowed",
                g.levers.len(),
                glimits::LEVERS
            ),
        );
        return;
    }
    for (i, l) in g.levers.iter().enumerate() {
        let lp = format!("{p}.levers[{i}]");
        lever_ref(v, &format!("{lp}.lever"), &l.lever);
        let (lo, hi, name) = domain(&l.lever);
        for (field, x) in [("min", l.min), ("max", l.max)] {
            let Some(x) = x else { continue };
            let fp = format!("{lp}.{field}");
            if !x.is_finite() {
                v.err(fp, format!("{} is not a finite number", fmt_num(x)));
            } else if x < lo || x > hi {
                v.err(
                    fp,
                    format!(
                        "{} is outside the {name} domain {}..{}",
                        fmt_num(x),
                        fmt_num(lo),
                        fmt_num(hi)
                    ),
                );
            }
        }
        if let (Some(a), Some(b)) = (l.min, l.max)
            && a > b
        {
            v.err(
                format!("{lp}.max"),
                format!("{} is below min {}", fmt_num(b), fmt_num(a)),
            );
        }
        if l.max.is_none() && matches!(l.lever, LeverRef::Ppa { .. } | LeverRef::Credits) {
            v.err(
                format!("{lp}.max"),
                format!("{} has no natural maximum: give one", l.lever.kind_name()),
            );
        }
        if let Some(r) = l.reach_year
            && (r <= freeze || r > s.last_year)
        {
            v.err(
                format!("{lp}.reach_year"),
                format!(
                    "{r} must lie after the freeze year {freeze} and by the last year {}",
                    s.last_year
                ),
            );
        }
    }
}

/// A lever's domain `(lo, hi, name)`.
pub fn domain(l: &LeverRef) -> (f64, f64, &'static str) {
    match l {
        LeverRef::Ppa { .. } => (0.0, super::limits::AMOUNT, "capacity"),
        LeverRef::Credits => (0.0, super::limits::AMOUNT, "credits"),
        LeverRef::EfficiencyElectricity { .. } | LeverRef::EfficiencyFuel { .. } => {
            (-99.0, 99.0, "efficiency rate")
        }
        _ => (0.0, 1.0, "share"),
    }
}

fn lever_ref(v: &mut V, path: &str, l: &LeverRef) {
    let s = v.s;
    let site = |v: &mut V, id: &str| id == "*" || v.site_ref(&format!("{path}.site"), id);
    match l {
        LeverRef::Co2Free { site: id }
        | LeverRef::ProcessChange { site: id }
        | LeverRef::EfficiencyElectricity { site: id }
        | LeverRef::EfficiencyFuel { site: id } => {
            site(v, id);
        }
        LeverRef::FuelSwitch { site: id, rule } => {
            if site(v, id) {
                let has = |x: &crate::model::Site| x.fuel_switches.iter().any(|r| &r.id_or_default() == rule);
                let found = if id == "*" {
                    s.sites.iter().any(has)
                } else {
                    s.sites.iter().filter(|x| &x.id == id).any(has)
                };
                if !found {
                    v.err(
                        format!("{path}.rule"),
                        format!("no fuel switch \"{}\" at site \"{}\"", short(rule), short(id)),
                    );
                }
            }
        }
        LeverRef::Ppa { ppa } => {
            if !s.ppas.iter().any(|p| &p.id == ppa) {
                let known = v.known(ppa, s.ppas.iter().map(|p| p.id.as_str()));
                v.err(
                    format!("{path}.ppa"),
                    format!("unknown PPA \"{}\" (PPAs: {known})", short(ppa)),
                );
            }
        }
        LeverRef::Recycled { material } | LeverRef::LowCarbon { material } => {
            if material != "*" && !s.materials.iter().any(|m| &m.id == material) {
                let known = v.known(material, s.materials.iter().map(|m| m.id.as_str()));
                v.err(
                    format!("{path}.material"),
                    format!("unknown material \"{}\" (materials: {known})", short(material)),
                );
            }
        }
        LeverRef::Credits => {}
    }
}
