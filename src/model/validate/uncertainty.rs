//! Validation of the uncertainty block (ANALYSES.md §2.3, §9.26–9.27): every parameter
//! finite and inside the limits that keep any file's analysis within seconds and memory.

use super::{Range, V, limits, short};
use crate::model::{Dist, LeverName, UncertainTarget};
use std::collections::HashSet;

/// Limits of the uncertainty analysis (§9.26).
pub mod ulimits {
    /// Draws of one analysis (reports and exports use at most 10,000).
    pub const DRAWS: u32 = 100_000;
    pub const INPUTS: usize = 64;
    /// Uncertain inputs once `each: true` inputs are split into one per member.
    pub const MEMBER_INPUTS: usize = 256;
    /// Largest lognormal σ.
    pub const SIGMA: f64 = 3.0;
    /// Every multiplier's support lies within [0, MULTIPLIER].
    pub const MULTIPLIER: f64 = 10.0;
    /// draws × sites × years.
    pub const WORK: u64 = 500_000_000;
}

/// Whether an analysis of `draws` draws (and Sobol indices with `sobol` base samples over `k`
/// inputs) of this scenario stays within [`ulimits::WORK`] site-years: the CLI's `--draws` and
/// `--sobol` pass this before anything runs. `Err` says why not.
pub fn check_work(s: &crate::model::Scenario, draws: u64, sobol: Option<(u64, u64)>) -> Result<(), String> {
    let years = u64::try_from(i64::from(s.last_year) - i64::from(s.base_year) + 1).unwrap_or(0);
    let runs = sobol
        .and_then(|(ns, k)| ns.checked_mul(k + 2))
        .map_or(Some(draws), |r| r.checked_add(draws));
    let work = runs
        .and_then(|r| r.checked_mul(s.sites.len().max(1) as u64))
        .and_then(|w| w.checked_mul(years));
    match work {
        Some(w) if w <= ulimits::WORK => Ok(()),
        _ => Err(format!(
            "{} runs × {} sites × {years} years is more than {} site-years; use fewer draws{}",
            runs.map_or("too many".to_string(), |r| r.to_string()),
            s.sites.len(),
            ulimits::WORK,
            if sobol.is_some() {
                " or no Sobol indices"
            } else {
                ""
            }
        )),
    }
}

pub(super) fn uncertainty(v: &mut V) {
    let s = v.s;
    let u = &s.uncertainty;
    if u.draws == 0 || u.draws > ulimits::DRAWS {
        v.err(
            "uncertainty.draws",
            format!("{} is outside 1..={}", u.draws, ulimits::DRAWS),
        );
    } else {
        let years = u64::try_from(i64::from(s.last_year) - i64::from(s.base_year) + 1).unwrap_or(0);
        let work = u64::from(u.draws)
            .checked_mul(s.sites.len().max(1) as u64)
            .and_then(|w| w.checked_mul(years));
        if work.is_none_or(|w| w > ulimits::WORK) {
            v.err(
                "uncertainty.draws",
                format!(
                    "{} draws × {} sites × {years} years is more than {} site-years; use fewer draws",
                    u.draws,
                    s.sites.len(),
                    ulimits::WORK
                ),
            );
        }
    }
    if u.inputs.len() > ulimits::INPUTS {
        v.err(
            "uncertainty.inputs",
            format!(
                "has {} inputs; at most {} are allowed",
                u.inputs.len(),
                ulimits::INPUTS
            ),
        );
        return;
    }
    let mut seen = HashSet::new();
    let mut members = 0usize;
    for (i, input) in u.inputs.iter().enumerate() {
        let p = format!("uncertainty.inputs[{i}]");
        if input.id.trim().is_empty() {
            v.err(format!("{p}.id"), "must not be empty");
        } else {
            v.line(&format!("{p}.id"), &input.id, limits::ID_CHARS);
            if input.id.contains('/') {
                // a member's own draws are named "id/member"
                v.err(format!("{p}.id"), "must not contain '/'");
            }
            if !seen.insert(input.id.as_str()) {
                v.err(
                    format!("{p}.id"),
                    format!("\"{}\" is used twice", short(&input.id)),
                );
            }
        }
        v.notes(&p, &input.source, &input.assumption);
        dist(v, &format!("{p}.dist"), &input.dist);
        if let Some(y) = input.known_until
            && !v.horizon_years().contains(&y)
        {
            v.err(
                format!("{p}.known_until"),
                format!("{y} is outside the horizon {}..{}", s.base_year, s.last_year),
            );
        }
        if input.ramp_years == 0 || input.ramp_years > limits::LIFETIME_YEARS {
            v.err(
                format!("{p}.ramp_years"),
                format!("{} is outside 1..={}", input.ramp_years, limits::LIFETIME_YEARS),
            );
        }
        let n = target(v, &format!("{p}.target"), &input.target);
        members += if input.each { n.max(1) } else { 1 };
    }
    if members > ulimits::MEMBER_INPUTS {
        v.err(
            "uncertainty.inputs",
            format!(
                "amount to {members} independent inputs once `each` is split by member; at most {} are allowed",
                ulimits::MEMBER_INPUTS
            ),
        );
    }
}

/// Checks a distribution: finite, supports inside [0, 10], ordered bounds.
fn dist(v: &mut V, p: &str, d: &Dist) {
    let m = ulimits::MULTIPLIER;
    let param = |v: &mut V, name: &str, x: f64| -> bool {
        if let Some(why) = Range::UpTo(m).check(x) {
            v.err(format!("{p}.{name}"), format!("{} {why}", super::fmt_num(x)));
            false
        } else {
            true
        }
    };
    match *d {
        Dist::Uniform { min, max } => {
            if param(v, "min", min) && param(v, "max", max) && min > max {
                v.err(format!("{p}.max"), format!("{max} is below min {min}"));
            }
        }
        Dist::Triangular { min, mode, max } => {
            if param(v, "min", min) && param(v, "mode", mode) && param(v, "max", max) {
                if mode < min {
                    v.err(format!("{p}.mode"), format!("{mode} is below min {min}"));
                } else if max < mode {
                    v.err(format!("{p}.max"), format!("{max} is below mode {mode}"));
                }
            }
        }
        Dist::Normal { mean, sd } => {
            if param(v, "mean", mean) && mean <= 0.0 {
                v.err(
                    format!("{p}.mean"),
                    "must be above 0 (the normal is truncated at 0)",
                );
            }
            param(v, "sd", sd);
        }
        Dist::LogNormal { median, sigma } => {
            if param(v, "median", median) && median <= 0.0 {
                v.err(format!("{p}.median"), "must be above 0");
            }
            if let Some(why) = Range::UpTo(ulimits::SIGMA).check(sigma) {
                v.err(format!("{p}.sigma"), format!("{} {why}", super::fmt_num(sigma)));
            }
        }
    }
}

/// Checks the members a target names; returns how many members it covers (for `each`).
fn target(v: &mut V, p: &str, t: &UncertainTarget) -> usize {
    let s = v.s;
    let regions: Vec<&str> = s.regions.iter().map(|r| r.id.as_str()).collect();
    let sites: Vec<&str> = s.sites.iter().map(|r| r.id.as_str()).collect();
    let fuels: Vec<&str> = s.fuels.iter().map(|r| r.id.as_str()).collect();
    let materials: Vec<&str> = s.materials.iter().map(|r| r.id.as_str()).collect();
    let ppas: Vec<&str> = s.ppas.iter().map(|r| r.id.as_str()).collect();
    let (field, list, known, what): (&str, &[String], &[&str], &str) = match t {
        UncertainTarget::GridEf { regions: l } | UncertainTarget::PowerPrice { regions: l } => {
            ("regions", l, &regions, "region")
        }
        UncertainTarget::Activity { sites: l, .. }
        | UncertainTarget::OwnGeneration { sites: l, .. }
        | UncertainTarget::ProcessEmissions { sites: l }
        | UncertainTarget::Co2FreePremium { sites: l } => ("sites", l, &sites, "site"),
        UncertainTarget::PpaYield { ppas: l } | UncertainTarget::PpaPrice { ppas: l } => {
            ("ppas", l, &ppas, "PPA")
        }
        UncertainTarget::MaterialEf { materials: l, .. }
        | UncertainTarget::MaterialPrice { materials: l } => ("materials", l, &materials, "material"),
        UncertainTarget::FuelPrice { fuels: l } => ("fuels", l, &fuels, "fuel"),
        UncertainTarget::LeverDelivery { group, ids } => match group {
            LeverName::Recycling => ("ids", ids, &materials, "material"),
            LeverName::Ppa => ("ids", ids, &ppas, "PPA"),
            LeverName::Credits => {
                if !ids.is_empty() {
                    v.err(format!("{p}.ids"), "credits have no members; leave ids empty");
                }
                return 1;
            }
            _ => ("ids", ids, &sites, "site"),
        },
        UncertainTarget::CarbonPrice | UncertainTarget::CreditPrice | UncertainTarget::DiscountRate => {
            return 1;
        }
    };
    if list.len() > known.len().max(1) * 2 {
        v.err(
            format!("{p}.{field}"),
            format!(
                "lists {} members; the file has {} {what}s",
                list.len(),
                known.len()
            ),
        );
        return list.len();
    }
    let mut seen = HashSet::new();
    for (k, id) in list.iter().enumerate() {
        if !known.contains(&id.as_str()) {
            let hint = v.known(id, known.iter().copied());
            v.err(
                format!("{p}.{field}[{k}]"),
                format!("unknown {what} \"{}\" ({what}s: {hint})", short(id)),
            );
        } else if !seen.insert(id.as_str()) {
            v.err(
                format!("{p}.{field}[{k}]"),
                format!("\"{}\" is listed twice", short(id)),
            );
        }
    }
    if list.is_empty() { known.len() } else { list.len() }
}
