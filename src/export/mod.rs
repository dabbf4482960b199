//! Exports for meetings: the HTML report with inline SVG charts, the XLSX workbook and the CSV
//! of each chart's series. Pure functions of a scenario returning bytes or text.

use crate::engine::Metric;
use crate::engine::targets::{self, TargetResult};
use crate::engine::wedges::{LeverRuns, Wedges};
use crate::engine::{Engine, Projection};
use crate::model::Scenario;

pub mod cost;
mod cost_inputs;
pub mod figures;
pub mod goal_seek;
pub mod html;
pub mod png;
pub mod summary;
pub mod svg;
pub mod tables;
pub mod uncertainty;
mod uncertainty_html;
pub mod xlsx;

/// Today's date (UTC) as `YYYY-MM-DD`, for report footers.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    today_of(secs)
}

/// The UTC date (`YYYY-MM-DD`) of a time in seconds since 1970-01-01.
pub fn today_of(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Everything an export reads, computed once: the projection, the targets, the lever runs and
/// the wedges of one metric (by default the scenario's: its first target's, ANALYSES.md §8.12).
pub struct Analysis {
    pub engine: Engine,
    pub projection: Projection,
    pub results: Vec<TargetResult>,
    pub runs: LeverRuns,
    pub metric: Metric,
    pub wedges: Wedges,
    /// The cost analysis on the metric; `None` when the scenario has no price.
    pub cost: Option<crate::engine::cost_analysis::CostAnalysis>,
}

impl Analysis {
    /// On the scenario's default metric.
    pub fn new(s: &Scenario) -> Analysis {
        Analysis::with_metric(s, Metric::default_for(s))
    }

    pub fn with_metric(s: &Scenario, metric: Metric) -> Analysis {
        let engine = Engine::new(s);
        let projection = engine.project(s);
        let results = targets::evaluate(s, &projection);
        let runs = engine.lever_runs();
        let wedges = runs.wedges(&metric);
        let cost = runs.cost(s, &engine, &metric, &results);
        Analysis {
            engine,
            projection,
            results,
            runs,
            metric,
            wedges,
            cost,
        }
    }

    /// Re-splits the wedges and the cost on another metric (the lever runs do not change).
    pub fn set_metric(&mut self, s: &Scenario, metric: &Metric) {
        if &self.metric != metric {
            self.metric = metric.clone();
            self.wedges = self.runs.wedges(metric);
            self.cost = self.runs.cost(s, &self.engine, metric, &self.results);
        }
    }

    /// The bridge on this analysis's metric.
    pub fn bridge(&self, s: &Scenario, from: i32, to: i32) -> Result<crate::engine::wedges::Bridge, String> {
        crate::engine::wedges::bridge(
            s,
            &self.engine,
            &self.projection,
            &self.runs,
            &self.metric,
            from,
            to,
        )
    }
}
