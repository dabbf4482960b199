//! Goal seek and target templates in the window (ANALYSES.md §3–4): the dialogs' state, the
//! search on a thread of its own with progress and Cancel, and its answer, which opens as an
//! unsaved scenario beside the current one (the compare overlay and lever table).

use crate::engine::goal_seek::{self, Answer, Control};
use crate::engine::templates::Template;
use crate::model::{GoalSeek, Scenario};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// Name of the answer in the compare views.
pub const ANSWER_NAME: &str = "Goal seek answer (unsaved)";

/// The goal-seek dialog: the block being edited and which of the scenario's targets are
/// chosen.
#[derive(Clone, Debug)]
pub struct GoalDialog {
    pub block: GoalSeek,
    /// One per target of the scenario, in its order.
    pub chosen: Vec<bool>,
    /// One per lever of the block: whether it takes part.
    pub enabled: Vec<bool>,
    /// The last refusal or failure, shown in the dialog.
    pub error: Option<String>,
}

impl GoalDialog {
    /// From the file's block when it has one, else the default block (every active lever).
    pub fn for_scenario(s: &Scenario) -> GoalDialog {
        let block = s.goal_seek.clone().unwrap_or_else(|| goal_seek::default_block(s));
        let chosen = s
            .targets
            .iter()
            .map(|t| block.targets.contains(&t.label))
            .collect();
        let enabled = vec![true; block.levers.len()];
        GoalDialog {
            block,
            chosen,
            enabled,
            error: None,
        }
    }

    /// The block to run: the chosen targets and the enabled levers.
    pub fn to_run(&self, s: &Scenario) -> GoalSeek {
        let mut b = self.block.clone();
        b.targets = s
            .targets
            .iter()
            .zip(&self.chosen)
            .filter(|(_, c)| **c)
            .map(|(t, _)| t.label.clone())
            .collect();
        b.levers = b
            .levers
            .into_iter()
            .zip(&self.enabled)
            .filter(|(_, e)| **e)
            .map(|(l, _)| l)
            .collect();
        b
    }
}

/// A search running on its own thread.
pub struct GoalJob {
    pub started: Instant,
    pub control: Arc<Control>,
    pub budget: u32,
    /// The document revision it started from.
    pub rev: u64,
    rx: Receiver<Result<Answer, String>>,
}

impl GoalJob {
    /// Starts the search of `s` (which carries the block to run).
    pub fn start(s: Scenario, rev: u64) -> GoalJob {
        let (tx, rx) = channel();
        let control = Arc::new(Control::default());
        let c = control.clone();
        let budget = s.goal_seek.as_ref().map_or(0, |g| g.max_evaluations);
        std::thread::spawn(move || {
            let r = goal_seek::seek(&s, &goal_seek::Options::default(), Some(&c));
            let _ = tx.send(r);
        });
        GoalJob {
            started: Instant::now(),
            control,
            budget,
            rev,
            rx,
        }
    }

    pub fn cancel(&self) {
        self.control.cancel.store(true, Ordering::Relaxed);
    }

    /// Engine runs so far.
    pub fn evaluations(&self) -> u64 {
        self.control.evaluations.load(Ordering::Relaxed)
    }

    /// The answer, once the search ended.
    pub fn poll(&self) -> Option<Result<Answer, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the goal seek stopped unexpectedly".into())),
        }
    }

    /// Waits for the answer (the screenshot mode and UI tests).
    pub fn wait(&self, limit: std::time::Duration) -> Option<Result<Answer, String>> {
        self.rx.recv_timeout(limit).ok()
    }
}

/// The answer of the last search, beside the plan it started from.
pub struct GoalAnswer {
    pub answer: Box<Answer>,
    /// The document revision it was computed from: Keep is offered only while it is current.
    pub rev: u64,
}

/// The "New target from template" dialog (ANALYSES.md §4).
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateDialog {
    pub template: Template,
    pub reference_year: i32,
    pub year: i32,
    /// Linear reduction rate [%/yr] (editable; the template's preset by default).
    pub rate_pct: f64,
}

impl TemplateDialog {
    /// SBTi 1.5 °C from the scenario's base year to FY2030 (or its last year).
    pub fn for_scenario(s: &Scenario) -> TemplateDialog {
        TemplateDialog {
            template: Template::Sbti15,
            reference_year: s.base_year,
            year: 2030.clamp(s.base_year + 1, s.last_year.max(s.base_year + 1)),
            rate_pct: Template::Sbti15.default_rate_pct(),
        }
    }
}

/// Goal seek and template state of the window.
#[derive(Default)]
pub struct GoalState {
    pub dialog: Option<GoalDialog>,
    /// The dialog as it was when its answer arrived (Goal seek… reopens it so).
    pub last: Option<GoalDialog>,
    pub job: Option<GoalJob>,
    pub answer: Option<GoalAnswer>,
    pub template: Option<TemplateDialog>,
}

impl super::DecarbApp {
    /// The goal-seek and template commands.
    pub(crate) fn goal_command(&mut self, c: super::Command) {
        use super::Command as C;
        let lang = self.lang();
        match c {
            C::OpenGoalSeek if self.goal.dialog.is_none() => {
                let s = self.doc.scenario();
                let last = self
                    .goal
                    .last
                    .take()
                    .filter(|d| d.chosen.len() == s.targets.len());
                self.goal.dialog = Some(last.unwrap_or_else(|| GoalDialog::for_scenario(s)));
            }
            C::RunGoalSeek => {
                if self.goal.job.is_some() {
                    return;
                }
                let Some(d) = self.goal.dialog.as_mut() else {
                    return;
                };
                let mut s = self.doc.scenario().clone();
                s.goal_seek = Some(d.to_run(&s));
                let problems: Vec<String> = crate::model::validate::validate(&s)
                    .into_iter()
                    .filter(|p| p.path.starts_with("goal_seek"))
                    .map(|p| format!("{}: {}", p.path, p.message))
                    .collect();
                if !problems.is_empty() {
                    d.error = Some(problems.join("\n"));
                    return;
                }
                d.error = None;
                let job = GoalJob::start(s, self.doc.revision());
                if self.wait_for_fan {
                    // the screenshot mode and UI tests show the answer of this frame
                    if let Some(r) = job.wait(std::time::Duration::from_secs(20)) {
                        self.goal_done(job.rev, r);
                        return;
                    }
                }
                self.goal.job = Some(job);
            }
            C::CancelGoalSeek => {
                if let Some(j) = &self.goal.job {
                    j.cancel();
                }
            }
            C::CloseGoalSeek => {
                if let Some(j) = self.goal.job.take() {
                    j.cancel();
                }
                self.goal.dialog = None;
            }
            C::KeepAnswer => {
                if let Some(g) = self.goal.answer.take() {
                    if g.rev == self.doc.revision() {
                        self.doc.replace(g.answer.scenario.clone());
                        self.status =
                            Some(tr(lang, "The goal seek's answer is now the plan (Undo goes back)").into());
                        self.compared.retain(|c| c.name != ANSWER_NAME);
                        self.goal.dialog = None;
                    } else {
                        self.goal.answer = Some(g);
                    }
                }
            }
            C::DiscardAnswer => {
                self.goal.answer = None;
                self.compared.retain(|c| c.name != ANSWER_NAME);
            }
            C::OpenTemplate if self.goal.template.is_none() => {
                self.goal.template = Some(TemplateDialog::for_scenario(self.doc.scenario()));
            }
            C::AddTemplateTargets => {
                let Some(d) = self.goal.template.take() else {
                    return;
                };
                let w = crate::engine::templates::write(d.template, d.reference_year, d.year, d.rate_pct);
                let mut s = self.doc.scenario().clone();
                let mut names = Vec::new();
                for mut t in w.targets {
                    let base = t.label.clone();
                    let mut k = 2;
                    while s.targets.iter().any(|x| x.label == t.label) {
                        t.label = format!("{base} ({k})");
                        k += 1;
                    }
                    names.push(t.label.clone());
                    s.targets.push(t);
                }
                if s.targets.len() > crate::model::validate::limits::TARGETS {
                    self.errors(
                        "Could not add the target",
                        vec!["the scenario has the most targets a file may hold".into()],
                    );
                    return;
                }
                self.doc.replace(s);
                self.status = Some(format!("{} {}", tr(lang, "Added target"), names.join(", ")));
            }
            C::CloseTemplate => self.goal.template = None,
            _ => {}
        }
    }

    /// Takes a finished search.
    pub(crate) fn poll_goal(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.goal.job else { return };
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        if let Some(r) = job.poll() {
            let rev = job.rev;
            self.goal.job = None;
            self.goal_done(rev, r);
        }
    }

    fn goal_done(&mut self, rev: u64, r: Result<Answer, String>) {
        let lang = self.lang();
        match r {
            Ok(a) => {
                let s = a.scenario.clone();
                let projection = crate::engine::project(&s);
                let results = crate::engine::targets::evaluate(&s, &projection);
                self.compared.retain(|c| c.name != ANSWER_NAME);
                self.compared.push(super::Compared {
                    name: ANSWER_NAME.into(),
                    path: std::path::PathBuf::new(),
                    scenario: s,
                    projection,
                    results,
                });
                self.prefs.chart.lower = super::panels::Lower::Compare;
                // the dialog steps aside for the answer; Goal seek… brings it back as it was
                self.goal.last = self.goal.dialog.take();
                self.goal.answer = Some(GoalAnswer {
                    answer: Box::new(a),
                    rev,
                });
            }
            Err(e) if e == goal_seek::CANCELLED => {
                self.status = Some(tr(lang, "Goal seek cancelled").into());
            }
            Err(e) => {
                if let Some(d) = self.goal.dialog.as_mut() {
                    d.error = Some(e);
                } else {
                    self.status = Some(e);
                }
            }
        }
    }

    /// Writes the answer to `path` (atomically); the open plan is untouched.
    pub(crate) fn save_answer(&mut self, path: &std::path::Path) {
        let Some(g) = &self.goal.answer else { return };
        let path = if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path.to_path_buf()
        };
        match crate::file::save(&path, &g.answer.scenario) {
            Ok(()) => {
                self.status = Some(format!("{} {}", tr(self.lang(), "Saved"), path.display()));
            }
            Err(e) => self.errors("Could not save the file", vec![e]),
        }
    }
}

use crate::i18n::tr;
