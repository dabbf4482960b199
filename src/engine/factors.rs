//! Factor analysis between two years (MODEL.md §6): LMDI-I, log and additive forms.
//! `ln(C1/C0) = ln(P1/P0) + ln(I1/I0) + ln(K1/K0)`, with `I` energy per t and `K` CO2 per
//! unit energy. A year's figures come from history actuals where reported, else the model.

use super::Projection;
use crate::model::{HistoryKind, Scenario, Scope, Scope2Method};

/// The figures of one year that the decomposition uses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearFigures {
    pub year: i32,
    /// Gross Scope 1 + market Scope 2 [t-CO2].
    pub emissions_t: f64,
    pub production_t: f64,
    pub primary_energy_gj: f64,
}

/// One factor: log change (×100 = log %) and its share of `C1 − C0` [t-CO2].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Factor {
    pub log: f64,
    pub t_co2: f64,
}

impl Factor {
    pub fn log_pct(&self) -> f64 {
        self.log * 100.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Factors {
    pub from: YearFigures,
    pub to: YearFigures,
    pub activity: Factor,
    pub energy_intensity: Factor,
    pub carbon_intensity: Factor,
    pub total: Factor,
}

/// Figures of a year: reported actuals win field by field, the projection fills the rest.
pub fn figures(s: &Scenario, p: &Projection, year: i32) -> Result<YearFigures, String> {
    let hist = s.history_for(year).filter(|h| h.kind == HistoryKind::Actual);
    let model = p.index(year);
    let scopes = [Scope::Scope1, Scope::Scope2];
    let emissions = hist
        .and_then(|h| h.emissions(&scopes, Scope2Method::Market))
        .or_else(|| model.map(|i| p.scenario.totals[i].scope12()));
    let production = hist
        .and_then(|h| h.production_t)
        .or_else(|| model.map(|i| p.scenario.energy[i].production_t));
    let energy = hist
        .and_then(|h| h.primary_energy(s.primary_gj_per_mwh))
        .or_else(|| model.map(|i| p.primary_energy_gj(i)));
    let range = format!("FY{}–FY{}", p.base_year, p.last_year());
    let outside = model.is_none();
    let missing = |what: &str| {
        if outside {
            format!(
                "no {what} figure for FY{year} in this file (the year is outside the projection {range} and history has no actual for it)"
            )
        } else {
            format!("no {what} figure for FY{year} in this file")
        }
    };
    let Some(c) = emissions else {
        return Err(missing("Scope 1+2"));
    };
    let Some(pr) = production else {
        return Err(missing("production"));
    };
    let Some(e) = energy else {
        return Err(missing("energy"));
    };
    if !(pr > 0.0 && pr.is_finite()) {
        return Err(format!(
            "no production figure for FY{year} in this file: the sites report no production (production_t) and history has none for FY{year}"
        ));
    }
    if !(e > 0.0 && e.is_finite()) {
        return Err(format!(
            "no energy figure for FY{year} in this file: the sites report no electricity or fuel and history has none for FY{year}"
        ));
    }
    if !(c > 0.0 && c.is_finite()) {
        return Err(format!(
            "Scope 1+2 emissions in FY{year} are {c:.0} t-CO2: the decomposition takes logarithms, so it needs emissions above zero"
        ));
    }
    Ok(YearFigures {
        year,
        emissions_t: c,
        production_t: pr,
        primary_energy_gj: e,
    })
}

/// Decomposes the change of Scope 1+2 between `from` and `to`.
pub fn analyse(s: &Scenario, p: &Projection, from: i32, to: i32) -> Result<Factors, String> {
    let a = figures(s, p, from)?;
    let b = figures(s, p, to)?;
    Ok(decompose(a, b))
}

/// LMDI-I of two years' figures (all positive).
pub fn decompose(a: YearFigures, b: YearFigures) -> Factors {
    let act = (b.production_t / a.production_t).ln();
    let ei = ((b.primary_energy_gj / b.production_t) / (a.primary_energy_gj / a.production_t)).ln();
    let ci = ((b.emissions_t / b.primary_energy_gj) / (a.emissions_t / a.primary_energy_gj)).ln();
    // ln(b/a) as ln_1p of the relative change: exact for years a few ulps apart, where
    // (b − a) / ln(b / a) would divide rounding noise by rounding noise.
    let x = (b.emissions_t - a.emissions_t) / a.emissions_t;
    let total = x.ln_1p();
    let lmean = if x == 0.0 {
        a.emissions_t
    } else {
        (b.emissions_t - a.emissions_t) / total
    };
    let f = |log: f64| Factor {
        log,
        t_co2: lmean * log,
    };
    Factors {
        from: a,
        to: b,
        activity: f(act),
        energy_intensity: f(ei),
        carbon_intensity: f(ci),
        total: f(total),
    }
}
