//! The targets compiled for a draw: the same rule as `engine::targets::evaluate` (history
//! first, then the model; the 1e-9 tolerance), read from a draw's totals without building a
//! projection. Baselines and denominators from the model move with the draws (§9.24).

use crate::engine::{Totals, covered};
use crate::model::{HistoryKind, Per, Scenario, Scope, Scope2Method, TargetKind};

/// Where a value comes from: reported history (fixed) or the model's year index.
#[derive(Clone, Copy, Debug)]
enum Src {
    Fixed(f64),
    Model(usize),
}

#[derive(Clone, Copy, Debug)]
enum Den {
    Fixed(f64),
    Production(usize),
    Revenue(usize),
    Missing,
}

#[derive(Clone, Debug)]
enum Kind {
    Level(f64),
    Absolute {
        base: Option<Src>,
        factor: f64,
    },
    Intensity {
        base: Option<Src>,
        base_den: Den,
        den: Den,
        factor: f64,
        per: Per,
    },
}

#[derive(Clone, Debug)]
struct TargetC {
    label: String,
    year: i32,
    yi: usize,
    scopes: Vec<Scope>,
    method: Scope2Method,
    credits: bool,
    kind: Kind,
    /// Reference year of a relative target.
    ref_year: Option<i32>,
}

/// A target's value, level and verdict in one draw.
pub struct Verdict {
    pub value: f64,
    pub level: f64,
    pub met: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Targets(Vec<TargetC>);

fn is_met(value: f64, level: f64, gross: f64) -> bool {
    value.is_finite() && value <= level + 1e-9 * level.abs().max(gross.abs())
}

impl Targets {
    pub fn new(s: &Scenario) -> Targets {
        let years = s.year_count();
        let index = |year: i32| {
            usize::try_from(i64::from(year) - i64::from(s.base_year))
                .ok()
                .filter(|&i| i < years)
        };
        let actual = |year: i32| s.history_for(year).filter(|h| h.kind == HistoryKind::Actual);
        let base = |year: i32, scopes: &[Scope], method| -> Option<Src> {
            actual(year)
                .and_then(|h| h.emissions(scopes, method))
                .map(Src::Fixed)
                .or_else(|| index(year).map(Src::Model))
        };
        let den = |year: i32, per: Per| -> Den {
            let hist = actual(year);
            let fixed = match per {
                Per::Tonne => hist.and_then(|h| h.production_t),
                Per::MillionJpy => hist.and_then(|h| h.revenue_jpy),
            };
            match (fixed, index(year), per) {
                (Some(v), ..) => Den::Fixed(v),
                (None, Some(i), Per::Tonne) => Den::Production(i),
                (None, Some(i), Per::MillionJpy) if !s.revenue_jpy.is_empty() => Den::Revenue(i),
                _ => Den::Missing,
            }
        };
        Targets(
            s.targets
                .iter()
                .filter_map(|t| {
                    let yi = index(t.year)?;
                    let kind = match t.kind {
                        TargetKind::Level { t_co2 } => Kind::Level(t_co2),
                        TargetKind::Absolute {
                            reduction_pct,
                            reference_year,
                        } => Kind::Absolute {
                            base: base(reference_year, &t.scopes, t.scope2_method),
                            factor: 1.0 - reduction_pct / 100.0,
                        },
                        TargetKind::Intensity {
                            reduction_pct,
                            reference_year,
                            per,
                        } => Kind::Intensity {
                            base: base(reference_year, &t.scopes, t.scope2_method),
                            base_den: den(reference_year, per),
                            den: den(t.year, per),
                            factor: 1.0 - reduction_pct / 100.0,
                            per,
                        },
                    };
                    Some(TargetC {
                        label: t.label.clone(),
                        year: t.year,
                        yi,
                        scopes: t.scopes.clone(),
                        method: t.scope2_method,
                        credits: t.credits_count,
                        kind,
                        ref_year: match t.kind {
                            TargetKind::Level { .. } => None,
                            TargetKind::Absolute { reference_year, .. }
                            | TargetKind::Intensity { reference_year, .. } => Some(reference_year),
                        },
                    })
                })
                .collect(),
        )
    }

    /// Whether a target reads the model's production (an intensity per tonne).
    pub fn needs_production(&self) -> bool {
        self.0.iter().any(|t| {
            matches!(
                t.kind,
                Kind::Intensity {
                    base_den: Den::Production(_),
                    ..
                } | Kind::Intensity {
                    den: Den::Production(_),
                    ..
                }
            )
        })
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn label(&self, t: usize) -> (&str, i32) {
        (&self.0[t].label, self.0[t].year)
    }

    /// The position of the target labelled `label`.
    pub fn position(&self, label: &str) -> Option<usize> {
        self.0.iter().position(|t| t.label == label)
    }

    /// Year index of target `t`.
    pub fn year_index(&self, t: usize) -> usize {
        self.0[t].yi
    }

    /// The unit target `t` is measured in.
    pub fn unit(&self, t: usize) -> crate::engine::targets::TargetUnit {
        use crate::engine::targets::TargetUnit;
        match self.0[t].kind {
            Kind::Intensity { per: Per::Tonne, .. } => TargetUnit::PerTonne,
            Kind::Intensity {
                per: Per::MillionJpy, ..
            } => TargetUnit::PerMillionJpy,
            _ => TargetUnit::TCo2,
        }
    }

    /// Whether target `t` counts credits.
    pub fn counts_credits(&self, t: usize) -> bool {
        self.0[t].credits
    }

    /// Target `t`'s metric in year index `yi`, in its own unit (an intensity divides by the
    /// model's production or revenue of that year): `(value, gross)`.
    pub fn value_in(
        &self,
        t: usize,
        yi: usize,
        totals: &[Totals],
        production: &[f64],
        revenue: Option<&[f64]>,
    ) -> (f64, f64) {
        let tc = &self.0[t];
        let at = &totals[yi];
        let value_t = covered(at, &tc.scopes, tc.method, tc.credits);
        let gross_t = covered(at, &tc.scopes, tc.method, false);
        match tc.kind {
            Kind::Level(_) | Kind::Absolute { .. } => (value_t, gross_t),
            Kind::Intensity { den, per, .. } => {
                let d = if yi == tc.yi {
                    den
                } else if per == Per::Tonne {
                    Den::Production(yi)
                } else {
                    Den::Revenue(yi)
                };
                den_value(d, per, production, revenue)
                    .filter(|v| *v > 0.0)
                    .map_or((f64::NAN, f64::NAN), |x| (value_t / x, gross_t / x))
            }
        }
    }

    /// Target `t`'s reference baseline in its own unit (NaN for a `Level` target or a missing
    /// baseline): what its reduction applies to.
    fn baseline(&self, t: usize, totals: &[Totals], production: &[f64], revenue: Option<&[f64]>) -> f64 {
        let tc = &self.0[t];
        let src = |s: Src| match s {
            Src::Fixed(v) => v,
            Src::Model(i) => covered(&totals[i], &tc.scopes, tc.method, false),
        };
        match tc.kind {
            Kind::Level(_) => f64::NAN,
            Kind::Absolute { base, .. } => base.map_or(f64::NAN, src),
            Kind::Intensity {
                base, base_den, per, ..
            } => match (base, den_value(base_den, per, production, revenue)) {
                (Some(b), Some(x)) if x > 0.0 => src(b) / x,
                _ => f64::NAN,
            },
        }
    }

    /// Target `t`'s level in its own unit (NaN when its baseline is missing).
    pub fn level(&self, t: usize, totals: &[Totals], production: &[f64], revenue: Option<&[f64]>) -> f64 {
        match self.0[t].kind {
            Kind::Level(level) => level,
            Kind::Absolute { factor, .. } | Kind::Intensity { factor, .. } => {
                self.baseline(t, totals, production, revenue) * factor
            }
        }
    }

    /// Target `t`'s metric in tonnes (no denominator) in year index `yi`.
    pub fn tonnes_in(&self, t: usize, yi: usize, totals: &[Totals]) -> f64 {
        let tc = &self.0[t];
        covered(&totals[yi], &tc.scopes, tc.method, tc.credits)
    }

    /// Where target `t`'s glide line starts (ANALYSES.md §3.5): the reference baseline in the
    /// target's unit and its year for relative targets; for a `Level` target, the value in
    /// the freeze year index `fi`.
    pub fn glide_start(
        &self,
        t: usize,
        fi: usize,
        base_year: i32,
        totals: &[Totals],
        production: &[f64],
        revenue: Option<&[f64]>,
    ) -> (f64, i32) {
        let tc = &self.0[t];
        match tc.kind {
            Kind::Level(_) => (
                self.value_in(t, fi, totals, production, revenue).0,
                base_year + fi as i32,
            ),
            _ => (
                self.baseline(t, totals, production, revenue),
                tc.ref_year.unwrap_or(base_year),
            ),
        }
    }

    /// Target `t` on a draw's totals, production [t] and revenue [JPY] per year index.
    pub fn evaluate(
        &self,
        t: usize,
        totals: &[Totals],
        production: &[f64],
        revenue: Option<&[f64]>,
    ) -> Verdict {
        let (value, gross) = self.value_in(t, self.0[t].yi, totals, production, revenue);
        let level = self.level(t, totals, production, revenue);
        Verdict {
            value,
            level,
            met: level.is_finite() && is_met(value, level, gross),
        }
    }
}

/// A denominator's value in the target's unit (revenue in million JPY, as
/// `targets::denominator`), when known.
fn den_value(d: Den, per: Per, production: &[f64], revenue: Option<&[f64]>) -> Option<f64> {
    let v = match d {
        Den::Fixed(v) => Some(v),
        Den::Production(i) => Some(production[i]),
        Den::Revenue(i) => revenue.map(|r| r[i]),
        Den::Missing => None,
    }?;
    Some(if per == Per::MillionJpy { v / 1e6 } else { v })
}
