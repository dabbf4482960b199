//! The open scenario: working copy, saved copy, file path, undo history, the view choices that
//! belong to this file (the metric, the bridge years) and every result derived from it.
//!
//! Results live inside the document and are recomputed by every method that changes the
//! scenario, so a result of another file or of an earlier state cannot be shown: opening a
//! file makes a new `Document`, which starts with its own results.

use crate::engine::levers::{self, LeverRef};
use crate::engine::targets::{self, TargetResult};
use crate::engine::{Metric, Projection};
use crate::export::Analysis;
use crate::model::edit::{self, Edit, Outcome};
use crate::model::{Scenario, validate::validate};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

/// Steps of undo kept.
const UNDO_DEPTH: usize = 200;

/// The view choices of one file (not saved in it, not part of undo).
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// The one metric of every chart and KPI (ANALYSES.md §8.12).
    pub metric: Metric,
    /// Bridge and factor analysis from → to.
    pub from_year: i32,
    pub to_year: i32,
}

impl ViewState {
    /// Defaults of a scenario: its first target's metric; the bridge from the first relative
    /// target's reference year (else the base year) to FY2030.
    pub fn for_scenario(s: &Scenario) -> ViewState {
        let from = s
            .targets
            .iter()
            .find_map(|t| match t.kind {
                crate::model::TargetKind::Absolute { reference_year, .. }
                | crate::model::TargetKind::Intensity { reference_year, .. } => Some(reference_year),
                crate::model::TargetKind::Level { .. } => None,
            })
            .unwrap_or(s.base_year);
        ViewState {
            metric: Metric::default_for(s),
            from_year: from,
            to_year: focus_year(s),
        }
    }
}

/// The year the KPIs and lever tooltips speak of: the first target's year, else FY2030, inside
/// the projection.
pub fn focus_year(s: &Scenario) -> i32 {
    s.targets
        .first()
        .map_or(2030, |t| t.year)
        .clamp(s.base_year, s.last_year.max(s.base_year))
}

/// Results derived from the working scenario.
pub struct Derived {
    pub projection: Projection,
    pub results: Vec<TargetResult>,
    /// Lever runs and wedges of the current metric, when a view asked for them.
    analysis: Option<Analysis>,
    /// Effect of single levers on the current metric, per year (filled when asked).
    effects: RefCell<HashMap<LeverRef, Option<Vec<f64>>>>,
}

impl Derived {
    fn new(s: &Scenario) -> Derived {
        let projection = crate::engine::project(s);
        let results = targets::evaluate(s, &projection);
        Derived {
            projection,
            results,
            analysis: None,
            effects: RefCell::new(HashMap::new()),
        }
    }
}

pub struct Document {
    scenario: Scenario,
    saved: Scenario,
    pub path: Option<PathBuf>,
    /// Validation problems of the working scenario (the engine still runs it safely).
    pub problems: Vec<String>,
    /// State at the last undo point.
    committed: Scenario,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    pub view: ViewState,
    derived: Derived,
}

impl Document {
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        let derived = Derived::new(&scenario);
        let problems = problems_of(&scenario);
        Document {
            view: ViewState::for_scenario(&scenario),
            saved: scenario.clone(),
            committed: scenario.clone(),
            scenario,
            path,
            problems,
            undo: Vec::new(),
            redo: Vec::new(),
            derived,
        }
    }

    /// The working scenario (what the engine runs).
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// The scenario as last loaded or saved: lever marks and "reset to saved" compare with it.
    pub fn saved(&self) -> &Scenario {
        &self.saved
    }
    pub fn projection(&self) -> &Projection {
        &self.derived.projection
    }
    pub fn results(&self) -> &[TargetResult] {
        &self.derived.results
    }
    pub fn metric(&self) -> &Metric {
        &self.view.metric
    }
    pub fn focus_year(&self) -> i32 {
        focus_year(&self.scenario)
    }

    /// Changes the metric of every view (wedges are recomputed when next shown).
    pub fn set_metric(&mut self, m: Metric) {
        if m != self.view.metric {
            self.view.metric = m;
            if let Some(a) = &mut self.derived.analysis {
                a.set_metric(&self.view.metric);
            }
            self.derived.effects.borrow_mut().clear();
        }
    }

    /// Lever runs and wedges of the current scenario on the current metric.
    pub fn analysis(&mut self) -> &Analysis {
        let metric = &self.view.metric;
        let s = &self.scenario;
        self.derived
            .analysis
            .get_or_insert_with(|| Analysis::with_metric(s, metric.clone()))
    }

    /// The analysis when a view already computed it.
    pub fn analysis_if_ready(&self) -> Option<&Analysis> {
        self.derived.analysis.as_ref()
    }

    /// Effect of one lever on the metric in `year` (see [`levers::effect`]), cached until the
    /// scenario or the metric changes.
    pub fn lever_effect(&self, lever: LeverRef, year: i32) -> Option<f64> {
        let d = &self.derived;
        let i = d.projection.index(year)?;
        let mut cache = d.effects.borrow_mut();
        let v = cache
            .entry(lever)
            .or_insert_with(|| levers::effect(&self.scenario, &d.projection, lever, &self.view.metric));
        v.as_ref().and_then(|v| v.get(i).copied())
    }

    /// Recomputes everything derived from the working scenario (after any change).
    fn changed(&mut self) {
        self.derived = Derived::new(&self.scenario);
        self.problems = problems_of(&self.scenario);
    }

    pub fn is_dirty(&self) -> bool {
        self.scenario != self.saved
    }

    pub fn file_name(&self) -> Option<String> {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
    }

    /// Applies lever edits (one frame's worth) and recomputes once. Returns the messages of
    /// edits that changed nothing.
    pub fn apply_edits(&mut self, edits: Vec<Edit>) -> Vec<String> {
        let mut any = false;
        let mut notes = Vec::new();
        for e in edits {
            match edit::apply(&mut self.scenario, e) {
                Outcome::Changed => any = true,
                Outcome::Unchanged(m) if m != "no change" => notes.push(m),
                Outcome::Unchanged(_) => {}
            }
        }
        if any {
            self.changed();
        }
        notes
    }

    /// Changes the working scenario with a function (benchmarks, tools) and recomputes.
    pub fn modify(&mut self, f: impl FnOnce(&mut Scenario)) {
        f(&mut self.scenario);
        self.changed();
    }

    /// Closes an undo step if the scenario changed since the last one (call when no drag is active).
    pub fn commit(&mut self) {
        if self.scenario != self.committed {
            let prev = std::mem::replace(&mut self.committed, self.scenario.clone());
            self.undo.push(prev);
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.scenario != self.committed
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        self.commit();
        let Some(prev) = self.undo.pop() else { return false };
        let cur = std::mem::replace(&mut self.scenario, prev);
        self.redo.push(cur);
        self.committed = self.scenario.clone();
        self.changed();
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else { return false };
        let cur = std::mem::replace(&mut self.scenario, next);
        self.undo.push(cur);
        self.committed = self.scenario.clone();
        self.changed();
        true
    }

    /// After a successful save to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved = self.scenario.clone();
        self.path = Some(path);
    }

    /// Replaces the working scenario as one undo step (reset to saved …).
    pub fn replace(&mut self, scenario: Scenario) {
        self.commit();
        self.scenario = scenario;
        self.changed();
        self.commit();
    }
}

fn problems_of(s: &Scenario) -> Vec<String> {
    validate(s)
        .into_iter()
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{PathRef, Shape};

    fn jx() -> Scenario {
        crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap()
    }

    #[test]
    fn one_commit_is_one_undo_step_and_results_follow_every_change() {
        let s = jx();
        let mut d = Document::new(s.clone(), None);
        let before = d.projection().totals(2030).unwrap().net;
        d.apply_edits(vec![Edit::SetTarget {
            path: PathRef::SiteCo2Free(10),
            value: 1.0,
            year: 2030,
            shape: Shape::Step,
        }]);
        let after = d.projection().totals(2030).unwrap().net;
        assert!(after < before);
        assert_eq!(
            after,
            crate::engine::project(d.scenario()).totals(2030).unwrap().net
        );
        d.commit();
        assert!(d.is_dirty());
        assert!(d.undo());
        assert_eq!(d.scenario(), &s);
        assert_eq!(d.projection().totals(2030).unwrap().net, before);
        assert!(d.redo());
        assert_eq!(d.projection().totals(2030).unwrap().net, after);
    }

    #[test]
    fn a_new_document_starts_with_its_own_results_and_metric() {
        let jx = Document::new(jx(), None);
        let nlm_s = crate::file::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/nlm-2013.ron"),
        )
        .unwrap();
        let nlm = Document::new(nlm_s.clone(), None);
        let p = crate::engine::project(&nlm_s);
        assert_eq!(nlm.projection().totals(2030), p.totals(2030));
        assert_ne!(jx.projection().totals(2030), nlm.projection().totals(2030));
        assert_eq!(nlm.metric(), &Metric::default_for(&nlm_s));
        assert_eq!(nlm.view.from_year, 2013);
    }
}
