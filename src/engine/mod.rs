//! The emissions engine (MODEL.md §4–6): pure functions of a scenario, no UI, no I/O.
//!
//! [`project`] is the one-call entry (`&Scenario -> Projection`). Callers that run the model
//! many times (wedges, Monte Carlo, goal seek) compile once with [`Engine::new`] and call
//! [`Engine::run_into`] with reused [`Run`] buffers.

mod compile;
pub mod cost;
pub mod cost_analysis;
pub mod factors;
pub mod goal_seek;
pub mod levers;
pub mod metric;
mod run;
mod runs;
pub mod targets;
pub mod templates;
pub mod uncertainty;
pub mod wedges;

pub use compile::{Engine, LeverGroup, LeverSet};
pub use metric::Metric;
pub use run::{EnergyYear, Run, SiteYear, Totals, source};

use crate::model::{Scenario, Scope, Scope2Method};

/// What a source of emissions is, for labels and charts.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceLabel {
    /// Machine key, used in CSV columns: `electricity`, `fuel_<id>`, `process`, …
    pub key: String,
    /// Display name (from the scenario where it names the source).
    pub name: String,
    pub scope: Scope,
}

/// A run of a scenario and of its BAU, with the labels to read them.
#[derive(Clone, Debug)]
pub struct Projection {
    pub base_year: i32,
    pub scenario: Run,
    pub bau: Run,
    pub sources: Vec<SourceLabel>,
    pub site_ids: Vec<String>,
    pub site_names: Vec<String>,
    /// Revenue per projected year [JPY], when the scenario has a revenue path.
    pub revenue_jpy: Option<Vec<f64>>,
    pub primary_gj_per_mwh: f64,
    pub net_includes_scope3: bool,
}

/// Runs a scenario and its BAU.
pub fn project(s: &Scenario) -> Projection {
    let engine = Engine::new(s);
    engine.project(s)
}

impl Engine {
    /// Scenario and BAU runs plus labels.
    pub fn project(&self, s: &Scenario) -> Projection {
        self.project_with_bau(s, None)
    }

    /// Like [`Engine::project`], reusing a BAU run that is known to be unchanged (a lever
    /// edit that keeps the lever's base-year value leaves BAU as it was, bit for bit).
    pub fn project_with_bau(&self, s: &Scenario, bau: Option<Run>) -> Projection {
        let mut scenario = Run::new(self);
        self.run_into(LeverSet::ALL, &mut scenario);
        let bau = bau.unwrap_or_else(|| {
            let mut b = Run::new(self);
            self.run_into(LeverSet::BAU, &mut b);
            b
        });
        let mut sources = vec![
            SourceLabel {
                key: "electricity".into(),
                name: "Electricity (market)".into(),
                scope: Scope::Scope2,
            },
            SourceLabel {
                key: "process".into(),
                name: "Process (non-energy)".into(),
                scope: Scope::Scope1,
            },
            SourceLabel {
                key: "recycled_feed".into(),
                name: "Recycled feed combustion".into(),
                scope: Scope::Scope1,
            },
        ];
        sources.extend(s.fuels.iter().map(|f| SourceLabel {
            key: format!("fuel_{}", f.id),
            name: f.name.clone(),
            scope: Scope::Scope1,
        }));
        sources.extend(s.materials.iter().map(|m| SourceLabel {
            key: format!("material_{}", m.id),
            name: m.name.clone(),
            scope: Scope::Scope3,
        }));
        Projection {
            base_year: self.base_year,
            scenario,
            bau,
            sources,
            site_ids: s.sites.iter().map(|x| x.id.clone()).collect(),
            site_names: s.sites.iter().map(|x| x.name.clone()).collect(),
            revenue_jpy: self.revenue.clone(),
            primary_gj_per_mwh: self.primary_gj_per_mwh,
            net_includes_scope3: self.net_includes_scope3,
        }
    }
}

impl Projection {
    pub fn years(&self) -> usize {
        self.scenario.totals.len()
    }
    pub fn last_year(&self) -> i32 {
        self.base_year + self.years() as i32 - 1
    }
    /// Index of a fiscal year in the run arrays.
    pub fn index(&self, year: i32) -> Option<usize> {
        // i64: any two fiscal years, however far apart, subtract without overflow
        let i = usize::try_from(i64::from(year) - i64::from(self.base_year)).ok()?;
        (i < self.years()).then_some(i)
    }
    pub fn year(&self, index: usize) -> i32 {
        self.base_year + index as i32
    }
    pub fn totals(&self, year: i32) -> Option<&Totals> {
        self.index(year).map(|i| &self.scenario.totals[i])
    }
    pub fn bau_totals(&self, year: i32) -> Option<&Totals> {
        self.index(year).map(|i| &self.bau.totals[i])
    }
    /// Primary energy of a projected year [GJ] (fuels + electricity × `primary_gj_per_mwh`).
    pub fn primary_energy_gj(&self, index: usize) -> f64 {
        let e = &self.scenario.energy[index];
        e.fuel_gj + e.electricity_mwh * self.primary_gj_per_mwh
    }
    pub fn revenue(&self, index: usize) -> Option<f64> {
        self.revenue_jpy.as_ref().map(|r| r[index])
    }
}

/// Emissions of the given scopes in a year's totals, before or after credits.
pub fn covered(t: &Totals, scopes: &[Scope], method: Scope2Method, credits_count: bool) -> f64 {
    let mut v = 0.0;
    if scopes.contains(&Scope::Scope1) {
        v += t.scope1;
    }
    if scopes.contains(&Scope::Scope2) {
        v += match method {
            Scope2Method::Market => t.scope2_market,
            Scope2Method::Location => t.scope2_location,
        };
    }
    if scopes.contains(&Scope::Scope3) {
        v += t.scope3;
    }
    if credits_count {
        v -= t.credits;
    }
    v
}

/// Checks that a scenario's projection (and its BAU) is finite in every year and site.
/// Validation bounds every input so that this holds; this is the guard behind it. On failure:
/// the field path of the first site (or of the whole scenario) whose figures are not finite,
/// and a message with the year.
pub fn check_finite(s: &Scenario) -> Result<(), (String, String)> {
    let p = project(s);
    for (run, what) in [(&p.scenario, "scenario"), (&p.bau, "BAU")] {
        for i in 0..p.years() {
            let year = p.year(i);
            for (k, id) in p.site_ids.iter().enumerate() {
                let y = run.site(i, k);
                if ![y.scope1, y.scope2_market, y.scope2_location, y.scope3, y.grid_mwh]
                    .iter()
                    .all(|v| v.is_finite())
                {
                    return Err((
                        format!("sites[{k}]"),
                        format!(
                            "site \"{id}\": the {what} run is not a finite number in FY{year}; its inputs multiply beyond any real figure"
                        ),
                    ));
                }
            }
            let t = &run.totals[i];
            let e = &run.energy[i];
            if ![
                t.scope1,
                t.scope2_market,
                t.scope2_location,
                t.scope3,
                t.credits,
                t.net,
            ]
            .iter()
            .chain(&[
                e.electricity_mwh,
                e.grid_mwh,
                e.surplus_mwh,
                e.fuel_gj,
                e.production_t,
            ])
            .all(|v| v.is_finite())
            {
                return Err((
                    String::new(),
                    format!(
                        "the {what} run is not a finite number in FY{year}; its inputs multiply beyond any real figure"
                    ),
                ));
            }
        }
    }
    Ok(())
}
