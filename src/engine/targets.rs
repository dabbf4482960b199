//! Baselines (MODEL.md §5) and target evaluation (§2 Targets).

use super::{Projection, covered};
use crate::model::{HistoryKind, Per, Scenario, Scope, Scope2Method, TargetKind};

/// Where a baseline value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Reported actuals in `history`.
    History,
    /// The model's own value for that year.
    Model,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baseline {
    /// Emissions of the covered scopes [t-CO2], gross (before credits).
    pub value_t: f64,
    pub origin: Origin,
}

/// Baseline emissions of `year` for the scopes: history actuals when reported, else the model.
pub fn baseline(
    s: &Scenario,
    p: &Projection,
    year: i32,
    scopes: &[Scope],
    method: Scope2Method,
) -> Option<Baseline> {
    if let Some(v) = s
        .history_for(year)
        .filter(|h| h.kind == HistoryKind::Actual)
        .and_then(|h| h.emissions(scopes, method))
    {
        return Some(Baseline {
            value_t: v,
            origin: Origin::History,
        });
    }
    p.totals(year).map(|t| Baseline {
        value_t: covered(t, scopes, method, false),
        origin: Origin::Model,
    })
}

/// Denominator of an intensity in `year`: production [t] or revenue [million JPY];
/// history actuals first, then the model.
pub fn denominator(s: &Scenario, p: &Projection, year: i32, per: Per) -> Option<f64> {
    let hist = s.history_for(year).filter(|h| h.kind == HistoryKind::Actual);
    match per {
        Per::Tonne => hist
            .and_then(|h| h.production_t)
            .or_else(|| p.index(year).map(|i| p.scenario.energy[i].production_t)),
        Per::MillionJpy => hist
            .and_then(|h| h.revenue_jpy)
            .or_else(|| p.index(year).and_then(|i| p.revenue(i)))
            .map(|r| r / 1e6),
    }
}

/// The unit a target is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetUnit {
    TCo2,
    PerTonne,
    PerMillionJpy,
}

/// The same reduction applied to absolute emissions (for intensity targets): an intensity
/// target can be met while emissions grow.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AbsoluteEquivalent {
    pub level_t: f64,
    pub value_t: f64,
    pub gap_t: f64,
    pub met: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TargetResult {
    pub label: String,
    pub year: i32,
    pub scopes: Vec<Scope>,
    pub scope2_method: Scope2Method,
    pub credits_count: bool,
    pub unit: TargetUnit,
    pub level: f64,
    /// NaN when the value cannot be computed (zero revenue or production).
    pub value: f64,
    /// `value − level`.
    pub gap: f64,
    pub met: bool,
    /// Baseline of the reference year, for relative targets.
    pub reference: Option<(i32, Baseline)>,
    pub absolute_equivalent: Option<AbsoluteEquivalent>,
}

/// `value ≤ level` with a relative tolerance of 1e-9 of the larger of the level and the
/// gross (pre-credit) value.
fn is_met(value: f64, level: f64, gross: f64) -> bool {
    value.is_finite() && value <= level + 1e-9 * level.abs().max(gross.abs())
}

/// Evaluates every target of the scenario.
pub fn evaluate(s: &Scenario, p: &Projection) -> Vec<TargetResult> {
    s.targets
        .iter()
        .filter_map(|t| {
            let totals = p.totals(t.year)?;
            let value_t = covered(totals, &t.scopes, t.scope2_method, t.credits_count);
            let gross_t = covered(totals, &t.scopes, t.scope2_method, false);
            Some(match t.kind {
                TargetKind::Level { t_co2 } => TargetResult {
                    label: t.label.clone(),
                    year: t.year,
                    scopes: t.scopes.clone(),
                    scope2_method: t.scope2_method,
                    credits_count: t.credits_count,
                    unit: TargetUnit::TCo2,
                    level: t_co2,
                    value: value_t,
                    gap: value_t - t_co2,
                    met: is_met(value_t, t_co2, gross_t),
                    reference: None,
                    absolute_equivalent: None,
                },
                TargetKind::Absolute {
                    reduction_pct,
                    reference_year,
                } => {
                    let base = baseline(s, p, reference_year, &t.scopes, t.scope2_method);
                    let level = base.map_or(f64::NAN, |b| b.value_t * (1.0 - reduction_pct / 100.0));
                    TargetResult {
                        label: t.label.clone(),
                        year: t.year,
                        scopes: t.scopes.clone(),
                        scope2_method: t.scope2_method,
                        credits_count: t.credits_count,
                        unit: TargetUnit::TCo2,
                        level,
                        value: value_t,
                        gap: value_t - level,
                        met: level.is_finite() && is_met(value_t, level, gross_t),
                        reference: base.map(|b| (reference_year, b)),
                        absolute_equivalent: None,
                    }
                }
                TargetKind::Intensity {
                    reduction_pct,
                    reference_year,
                    per,
                } => {
                    let factor = 1.0 - reduction_pct / 100.0;
                    let base = baseline(s, p, reference_year, &t.scopes, t.scope2_method);
                    let base_den = denominator(s, p, reference_year, per);
                    let level = match (base, base_den) {
                        (Some(b), Some(d)) if d > 0.0 => b.value_t / d * factor,
                        _ => f64::NAN,
                    };
                    let den = denominator(s, p, t.year, per).filter(|d| *d > 0.0);
                    let value = den.map_or(f64::NAN, |d| value_t / d);
                    let gross = den.map_or(f64::NAN, |d| gross_t / d);
                    let abs_level = base.map_or(f64::NAN, |b| b.value_t * factor);
                    TargetResult {
                        label: t.label.clone(),
                        year: t.year,
                        scopes: t.scopes.clone(),
                        scope2_method: t.scope2_method,
                        credits_count: t.credits_count,
                        unit: match per {
                            Per::Tonne => TargetUnit::PerTonne,
                            Per::MillionJpy => TargetUnit::PerMillionJpy,
                        },
                        level,
                        value,
                        gap: value - level,
                        met: level.is_finite() && is_met(value, level, gross),
                        reference: base.map(|b| (reference_year, b)),
                        absolute_equivalent: abs_level.is_finite().then(|| AbsoluteEquivalent {
                            level_t: abs_level,
                            value_t,
                            gap_t: value_t - abs_level,
                            met: is_met(value_t, abs_level, gross_t),
                        }),
                    }
                }
            })
        })
        .collect()
}
