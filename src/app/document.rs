//! The open scenario: working copy, saved copy, file path and undo history.

use crate::model::{Scenario, validate::validate};
use std::path::PathBuf;

/// Steps of undo kept.
const UNDO_DEPTH: usize = 200;

pub struct Document {
    /// The scenario being edited (what the engine runs).
    pub scenario: Scenario,
    /// The scenario as last loaded or saved: lever marks and "reset to saved" compare with it.
    pub saved: Scenario,
    pub path: Option<PathBuf>,
    /// Validation problems of the working scenario (the engine still runs it safely).
    pub problems: Vec<String>,
    /// State at the last undo point.
    committed: Scenario,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// Bumped on every change, so that derived results know when to recompute.
    pub generation: u64,
}

impl Document {
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        Document {
            saved: scenario.clone(),
            committed: scenario.clone(),
            scenario,
            path,
            problems: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            generation: 0,
        }
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

    /// Call after the working scenario changed (during a drag too).
    pub fn touched(&mut self) {
        self.generation += 1;
        self.problems = validate(&self.scenario)
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect();
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
        self.touched();
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else { return false };
        let cur = std::mem::replace(&mut self.scenario, next);
        self.undo.push(cur);
        self.committed = self.scenario.clone();
        self.touched();
        true
    }

    /// After a successful save to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved = self.scenario.clone();
        self.path = Some(path);
    }

    /// Replaces the working scenario as one undo step (reset to saved, shortcuts …).
    pub fn replace(&mut self, scenario: Scenario) {
        self.commit();
        self.scenario = scenario;
        self.touched();
        self.commit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_commit_is_one_undo_step() {
        let s = crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap();
        let mut d = Document::new(s.clone(), None);
        d.scenario.sites[0].production_t = 1.0;
        d.scenario.sites[0].production_t = 2.0;
        d.touched();
        d.commit();
        assert!(d.is_dirty());
        assert!(d.undo());
        assert_eq!(d.scenario, s);
        assert!(d.redo());
        assert_eq!(d.scenario.sites[0].production_t, 2.0);
    }
}
