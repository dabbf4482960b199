//! The open scenario: working copy, saved copy, file path, undo history, the view choices that
//! belong to this file (the metric, the bridge years) and every result derived from it.
//!
//! Results live inside the document and are recomputed by every method that changes the
//! scenario, so a result of another file or of an earlier state cannot be shown: opening a
//! file makes a new `Document`, which starts with its own results.

use crate::engine::levers::{self, LeverRef};
use crate::engine::targets::{self, TargetResult};
use crate::engine::{Engine, Metric, Projection};
use crate::export::Analysis;
use crate::model::edit::{self, Edit, Outcome, PathRef};
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
        let (from_year, to_year) = crate::export::figures::default_bridge_years(s);
        ViewState {
            metric: Metric::default_for(s),
            from_year,
            to_year,
        }
    }
}

/// The year the KPIs and lever tooltips speak of: the first target's year, else FY2030, inside
/// the projection.
pub fn focus_year(s: &Scenario) -> i32 {
    crate::export::figures::default_bridge_years(s).1
}

/// Results derived from the working scenario.
pub struct Derived {
    /// The compiled scenario, kept so that a lever edit recompiles only what it touched.
    engine: Engine,
    pub projection: Projection,
    pub results: Vec<TargetResult>,
    /// Lever runs and wedges of the current metric, when a view asked for them.
    analysis: Option<Analysis>,
    /// Effect of single levers on the current metric, per year (filled when asked).
    effects: RefCell<HashMap<LeverRef, Option<Vec<f64>>>>,
    /// A number no other state of any document had: background work (the live fan) tells
    /// by it whether its result is for the scenario now shown.
    rev: u64,
}

/// The next revision number (unique in the process).
fn next_rev() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Derived {
    fn new(s: &Scenario) -> Derived {
        Derived::from_engine(s, Engine::new(s), None)
    }

    fn from_engine(s: &Scenario, engine: Engine, bau: Option<crate::engine::Run>) -> Derived {
        let projection = engine.project_with_bau(s, bau);
        let results = targets::evaluate(s, &projection);
        Derived {
            engine,
            projection,
            results,
            analysis: None,
            effects: RefCell::new(HashMap::new()),
            rev: next_rev(),
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
    /// Changes whenever the working scenario does.
    pub fn revision(&self) -> u64 {
        self.derived.rev
    }

    /// The compiled working scenario.
    pub fn engine(&self) -> &Engine {
        &self.derived.engine
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
                a.set_metric(&self.scenario, &self.view.metric);
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

    /// Applies lever edits (one frame's worth) and recomputes once: only the sites a lever
    /// edit touched are recompiled, BAU is reused when no lever's base-year value moved, and
    /// only the edited paths are re-validated (the results are those of a full recompute, bit
    /// for bit). Returns the messages of edits that changed nothing.
    pub fn apply_edits(&mut self, edits: Vec<Edit>) -> Vec<String> {
        let base = self.scenario.base_year;
        let mut plan = Plan::default();
        let mut notes = Vec::new();
        for e in edits {
            let r = match &e {
                Edit::SetPath(r, _) | Edit::SetTarget { path: r, .. } => Some(*r),
                _ => None,
            };
            let at_base = |s: &Scenario| {
                r.and_then(|r| r.get(s))
                    .map(|p| p.value_or(base, r.map_or(0.0, PathRef::default_value)))
            };
            let before = at_base(&self.scenario);
            match edit::apply(&mut self.scenario, e) {
                Outcome::Changed => {
                    let after = at_base(&self.scenario);
                    plan.note(r, before != after);
                }
                Outcome::Unchanged(m) if m != "no change" => notes.push(m),
                Outcome::Unchanged(_) => {}
            }
        }
        if plan.any {
            self.changed_by(plan);
        }
        notes
    }

    /// Recomputes after lever edits, as the plan allows.
    fn changed_by(&mut self, plan: Plan) {
        if plan.full {
            self.changed();
            return;
        }
        if plan.recompile_all {
            self.derived.engine = Engine::new(&self.scenario);
        } else if !plan.sites.is_empty() {
            self.derived.engine.recompile_sites(&self.scenario, &plan.sites);
        } else if plan.recompile_cost {
            self.derived.engine.recompile_cost(&self.scenario);
        }
        let d = &mut self.derived;
        let bau = plan.keep_bau.then(|| d.projection.bau.clone());
        d.projection = d.engine.project_with_bau(&self.scenario, bau);
        d.results = targets::evaluate(&self.scenario, &d.projection);
        d.analysis = None;
        d.effects.borrow_mut().clear();
        d.rev = next_rev();
        // Re-validate the edited paths only, when no rule spans fields.
        let checked: Option<Vec<(String, Vec<crate::model::validate::Problem>)>> = plan
            .paths
            .iter()
            .map(|r| crate::model::validate::validate_path_ref(&self.scenario, *r))
            .collect();
        match checked {
            Some(checked) => {
                for (name, problems) in checked {
                    let prefix = format!("{name}: ");
                    self.problems.retain(|p| !p.starts_with(&prefix));
                    self.problems
                        .extend(problems.into_iter().map(|p| format!("{}: {}", p.path, p.message)));
                }
            }
            None => self.problems = problems_of(&self.scenario),
        }
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

    /// Replaces the working scenario without closing an undo step (the inventory window: the
    /// step closes when the field is left). The caller passes a scenario that checks.
    pub fn set_working(&mut self, scenario: Scenario) {
        self.scenario = scenario;
        self.changed();
    }

    /// Replaces the working scenario as one undo step (reset to saved …).
    pub fn replace(&mut self, scenario: Scenario) {
        self.commit();
        self.scenario = scenario;
        self.changed();
        self.commit();
    }
}

/// What a frame's lever edits require to recompute.
struct Plan {
    any: bool,
    /// Recompute everything (structural edits).
    full: bool,
    /// Recompile the whole engine (edits outside sites) but keep the plan's BAU rule.
    recompile_all: bool,
    /// Rebuild the prices only (price edits).
    recompile_cost: bool,
    /// Sites whose inputs changed.
    sites: Vec<usize>,
    /// BAU is unchanged.
    keep_bau: bool,
    /// The edited paths, to re-validate.
    paths: Vec<PathRef>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            any: false,
            full: false,
            recompile_all: false,
            recompile_cost: false,
            sites: Vec::new(),
            keep_bau: true,
            paths: Vec::new(),
        }
    }
}

impl Plan {
    /// Notes a changed edit: its path (if any) and whether its base-year value moved.
    fn note(&mut self, r: Option<PathRef>, base_moved: bool) {
        self.any = true;
        let Some(r) = r else {
            self.full = true;
            return;
        };
        if !self.paths.contains(&r) {
            self.paths.push(r);
        }
        let site = match r {
            PathRef::SiteCo2Free(i)
            | PathRef::SiteFuelSwitch(i, _)
            | PathRef::SiteEfficiencyElectricity(i)
            | PathRef::SiteEfficiencyFuel(i)
            | PathRef::SiteProcessChange(i)
            | PathRef::SiteActivity(i)
            | PathRef::SiteOwnership(i) => Some(i),
            PathRef::MaterialRecycled(_)
            | PathRef::MaterialLowCarbon(_)
            | PathRef::PpaCapacity(_)
            | PathRef::RegionEf(_)
            | PathRef::Credits => {
                self.recompile_all = true;
                None
            }
            // Prices: the cost part of the engine only; BAU's cost moves with them (and a first
            // price gives the runs their cost buffers).
            _ => {
                debug_assert!(r.is_price());
                self.recompile_cost = true;
                None
            }
        };
        if let Some(i) = site
            && !self.sites.contains(&i)
        {
            self.sites.push(i);
        }
        // BAU holds every lever at its base-year value and takes activity, ownership and grid
        // factors from the scenario (MODEL.md §5).
        self.keep_bau &= match r {
            PathRef::SiteActivity(_) | PathRef::SiteOwnership(_) | PathRef::RegionEf(_) => false,
            _ if r.is_price() => false,
            PathRef::SiteEfficiencyElectricity(_) | PathRef::SiteEfficiencyFuel(_) | PathRef::Credits => true,
            _ => !base_moved,
        };
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
    fn lever_edits_recompute_incrementally_to_the_full_result_bit_for_bit() {
        use crate::model::Path;
        use crate::model::edit::NumberRef;
        let s = jx();
        let mut d = Document::new(s.clone(), None);
        let edits = [
            // a lever year after the base: BAU kept, one site recompiled
            Edit::SetTarget {
                path: PathRef::SiteCo2Free(10),
                value: 0.9,
                year: 2035,
                shape: Shape::Step,
            },
            // a base-year value: BAU recomputed
            Edit::SetPath(PathRef::SiteCo2Free(3), Path(vec![(2018, 0.4)])),
            Edit::SetTarget {
                path: PathRef::SiteEfficiencyFuel(0),
                value: 2.0,
                year: 2030,
                shape: Shape::Step,
            },
            Edit::SetTarget {
                path: PathRef::SiteFuelSwitch(7, 0),
                value: 0.8,
                year: 2040,
                shape: Shape::Ramp,
            },
            Edit::SetPath(PathRef::SiteActivity(8), Path(vec![(2018, 1.0), (2030, 1.4)])),
            Edit::SetPath(PathRef::SiteOwnership(1), Path(vec![(2018, 1.0), (2026, 0.5)])),
            Edit::SetTarget {
                path: PathRef::PpaCapacity(0),
                value: 30.0,
                year: 2028,
                shape: Shape::Step,
            },
            Edit::SetTarget {
                path: PathRef::MaterialRecycled(0),
                value: 0.7,
                year: 2045,
                shape: Shape::Ramp,
            },
            Edit::SetPath(PathRef::Credits, Path(vec![(2040, 0.0), (2050, 1e5)])),
            Edit::SetPath(PathRef::RegionEf(0), Path(vec![(2018, 0.463), (2040, 0.1)])),
            // out of range: the problem appears, then goes
            Edit::SetPath(PathRef::SiteCo2Free(2), Path(vec![(2025, 1.5)])),
            Edit::SetPath(PathRef::SiteCo2Free(2), Path(vec![(2025, 1.0)])),
            // prices: the cost of the scenario and of BAU follow, the emissions do not move
            Edit::SetPath(PathRef::RegionPowerPrice(1), Path(vec![(2018, 12_000.0)])),
            Edit::SetPath(
                PathRef::RegionPremium(0),
                Path(vec![(2018, 500.0), (2030, 2_000.0)]),
            ),
            Edit::SetPath(PathRef::FuelPrice(6), Path(vec![(2018, 1_800.0)])),
            Edit::SetPath(PathRef::SitePremium(3), Path(vec![(2018, 900.0)])),
            Edit::SetPath(PathRef::PpaPrice(0), Path(vec![(2018, 11_000.0)])),
            Edit::SetPath(PathRef::PpaOpex(0), Path(vec![(2018, 1e6)])),
            Edit::SetPath(PathRef::SiteProcessOpex(0), Path(vec![(2018, 5e7)])),
            Edit::SetPath(PathRef::MaterialRecycledPrice(0), Path(vec![(2018, 30_000.0)])),
            Edit::SetPath(PathRef::CreditPrice, Path(vec![(2018, 3_000.0)])),
            Edit::SetPath(PathRef::CarbonPrice, Path(vec![(2018, 10_000.0)])),
            Edit::SetNumber(NumberRef::PpaCapex(0), Some(1.2e8)),
            Edit::SetNumber(NumberRef::SiteProcessCapex(0), Some(4e9)),
            Edit::SetNumber(NumberRef::DiscountRate, Some(7.5)),
            Edit::SetNumber(NumberRef::SiteEfficiencyCapexGj(1), None),
        ];
        for e in edits {
            d.apply_edits(vec![e.clone()]);
            let full = crate::engine::project(d.scenario());
            assert_eq!(d.projection().scenario.totals, full.scenario.totals, "{e:?}");
            assert_eq!(d.projection().scenario.sites, full.scenario.sites, "{e:?}");
            assert_eq!(d.projection().bau.totals, full.bau.totals, "{e:?}");
            assert_eq!(d.projection().bau.sources, full.bau.sources, "{e:?}");
            assert_eq!(d.projection().scenario.cost, full.scenario.cost, "{e:?}");
            assert_eq!(d.projection().bau.cost, full.bau.cost, "{e:?}");
            assert_eq!(d.problems, problems_of(d.scenario()), "{e:?}");
            if e == Edit::SetPath(PathRef::SiteCo2Free(2), Path(vec![(2025, 1.5)])) {
                assert_eq!(d.problems.len(), 1);
            }
        }
    }

    #[test]
    fn incremental_recompute_matches_the_full_one_on_many_kinds_of_scenarios() {
        use crate::model::Path;
        // Generated companies have multi-site and virtual PPAs, linked and organisation-level
        // materials; NLM has revenue-intensity targets and no FY2018 actual.
        let nlm = crate::file::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/nlm-2013.ron"),
        )
        .unwrap();
        let mut cases = vec![nlm];
        for seed in 0..6 {
            cases.push(crate::synthetic::scenario(12, seed));
        }
        for s in cases {
            let mut d = Document::new(s.clone(), None);
            let n = s.sites.len();
            for k in 0..n.min(5) {
                let edits = [
                    Edit::SetTarget {
                        path: PathRef::SiteCo2Free(k),
                        value: 0.3 + 0.1 * k as f64,
                        year: 2035,
                        shape: Shape::Step,
                    },
                    Edit::SetPath(
                        PathRef::SiteActivity(k),
                        Path(vec![(s.base_year, 1.0), (2040, 1.2)]),
                    ),
                    Edit::SetTarget {
                        path: PathRef::SiteEfficiencyElectricity(k),
                        value: 1.5,
                        year: 2032,
                        shape: Shape::Step,
                    },
                    Edit::SetPath(PathRef::SiteProcessChange(k), Path(vec![(s.base_year, 0.2)])),
                ];
                for e in edits {
                    d.apply_edits(vec![e.clone()]);
                    let full = crate::engine::project(d.scenario());
                    for (a, b) in [
                        (&d.projection().scenario, &full.scenario),
                        (&d.projection().bau, &full.bau),
                    ] {
                        assert_eq!(a.totals, b.totals, "{e:?}");
                        assert_eq!(a.sources, b.sources, "{e:?}");
                        assert_eq!(a.sites, b.sites, "{e:?}");
                        assert_eq!(a.energy, b.energy, "{e:?}");
                    }
                    assert_eq!(d.problems, problems_of(d.scenario()), "{e:?}");
                }
            }
        }
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
