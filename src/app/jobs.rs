//! Work that can take seconds — opening or comparing a large file, exporting a large
//! scenario — runs on a thread of its own, so that the window keeps drawing: the status bar
//! shows what runs, for how long, and a Cancel button. Small files and scenarios, which take
//! milliseconds, are done at once (no flicker of a progress bar). A cancelled job's result is
//! dropped when it arrives; the open scenario is never touched by a job that fails or is
//! cancelled.

use super::commands::ExportKind;
use super::document::Document;
use super::{Compared, DecarbApp};
use crate::i18n::tr;
use crate::model::{LoadError, Scenario};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// Files larger than this are opened on a thread [bytes].
pub const BACKGROUND_BYTES: u64 = 256 * 1024;
/// Scenarios with more sites than this are exported on a thread.
pub const BACKGROUND_SITES: usize = 100;

/// What a finished job hands back.
pub enum Done {
    Opened(PathBuf, Result<Box<Scenario>, LoadError>),
    Compared(PathBuf, Result<Box<Compared>, LoadError>),
    Exported(ExportKind, Result<Vec<PathBuf>, String>),
    /// A workbook imported (or every problem of it).
    Imported(PathBuf, Result<Box<Scenario>, Vec<String>>),
}

/// A job running on its own thread.
pub struct Job {
    /// What the status bar says ("Opening plan.ron").
    pub label: String,
    pub started: Instant,
    rx: Receiver<Done>,
    /// Set by Cancel: an export checks it before it writes anything.
    cancel: Arc<AtomicBool>,
    /// For an open: the scenario when it started. Should it have changed by the time the file
    /// is read (an undo, a shortcut), the edits are kept and the open is not applied.
    before: Option<Box<crate::model::Scenario>>,
}

impl Job {
    fn spawn(label: String, work: impl FnOnce(Arc<AtomicBool>) -> Done + Send + 'static) -> Job {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        std::thread::spawn(move || {
            // The window may have cancelled the job and dropped the receiver: nothing to do.
            let _ = tx.send(work(flag));
        });
        Job {
            label,
            started: Instant::now(),
            rx,
            cancel,
            before: None,
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn is_large(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > BACKGROUND_BYTES)
}

fn compare(path: &Path) -> Result<Box<Compared>, LoadError> {
    let s = crate::file::load(path)?;
    let projection = crate::engine::project(&s);
    let results = crate::engine::targets::evaluate(&s, &projection);
    Ok(Box::new(Compared {
        name: file_name(path),
        path: path.to_path_buf(),
        scenario: s,
        projection,
        results,
    }))
}

/// The export itself, from owned inputs (so that it can run on a thread).
struct ExportJob {
    kind: ExportKind,
    path: PathBuf,
    scenario: Scenario,
    metric: crate::engine::Metric,
    lang: crate::i18n::Lang,
    units: crate::units::Units,
    lower: crate::export::png::LowerChart,
    years: (i32, i32),
}

impl ExportJob {
    /// Builds the export, then writes it unless `cancel` was set meanwhile.
    fn run(self, cancel: &AtomicBool) -> Result<Vec<PathBuf>, String> {
        let write = |out: &Path, bytes: &[u8]| {
            if cancel.load(Ordering::Relaxed) {
                return Err("cancelled".to_string());
            }
            crate::file::write_atomic(out, bytes)
        };
        let ExportJob {
            kind,
            path,
            scenario: s,
            metric,
            lang,
            units,
            lower,
            years,
        } = self;
        let today = crate::export::today();
        match kind {
            ExportKind::Csv => {
                // One CSV per chart next to the chosen file: <stem>-<table>.csv
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let base = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().replace("-trajectories", ""))
                    .unwrap_or_else(|| "scenario".into());
                let tables = crate::export::tables::tables_on(&s, &metric);
                crate::export::tables::check_limits(&tables)?;
                tables
                    .into_iter()
                    .map(|t| {
                        let out = dir.join(format!("{base}-{}", t.file_name()));
                        write(&out, t.to_csv().as_bytes()).map(|()| out)
                    })
                    .collect()
            }
            ExportKind::Xlsx => crate::export::xlsx::workbook_on(&s, &metric)
                .and_then(|b| write(&path, &b))
                .map(|()| vec![path.clone()]),
            ExportKind::Html => {
                let r = crate::export::html::report_on(&s, &metric, lang, units, &today);
                write(&path, r.html.as_bytes()).map(|()| vec![path.clone()])
            }
            ExportKind::Png => {
                let stem = path.with_extension("");
                crate::export::png::window_charts(&s, &metric, lower, years, lang, units, &today).and_then(
                    |charts| {
                        charts
                            .into_iter()
                            .map(|(name, png)| {
                                let out = PathBuf::from(format!("{}-{name}.png", stem.display()));
                                write(&out, &png).map(|()| out)
                            })
                            .collect()
                    },
                )
            }
        }
    }
}

impl DecarbApp {
    /// Whether a job runs (the status bar shows it with Cancel).
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Whether a file is being opened in place of the scenario (the levers wait for it).
    pub fn opening(&self) -> bool {
        self.jobs.iter().any(|j| j.before.is_some())
    }

    /// Opens a file (a large one on a thread); on failure the current scenario stays as it is.
    /// The newest open wins: one still running is dropped.
    pub fn open_path(&mut self, path: &Path) {
        self.jobs.retain(|j| j.before.is_none());
        if is_large(path) {
            let p = path.to_path_buf();
            let label = format!("{} {}", tr(self.lang(), "Opening"), file_name(path));
            let mut job = Job::spawn(label, move |_| {
                Done::Opened(p.clone(), crate::file::load(&p).map(Box::new))
            });
            job.before = Some(Box::new(self.doc.scenario().clone()));
            self.jobs.push(job);
        } else {
            let r = crate::file::load(path).map(Box::new);
            self.finish(Done::Opened(path.to_path_buf(), r));
        }
    }

    /// Imports a filled inventory workbook or CSV folder as a new, untitled scenario (a large
    /// workbook on a thread). The open scenario is kept when the workbook has problems.
    pub fn import_path(&mut self, path: &Path) {
        let work = |p: &Path| {
            crate::workbook::import(p)
                .map(Box::new)
                .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<String>>())
        };
        if is_large(path) {
            let p = path.to_path_buf();
            let label = format!("{} {}", tr(self.lang(), "Importing"), file_name(path));
            let mut job = Job::spawn(label, move |_| Done::Imported(p.clone(), work(&p)));
            job.before = Some(Box::new(self.doc.scenario().clone()));
            self.jobs.push(job);
        } else {
            let r = work(path);
            self.finish(Done::Imported(path.to_path_buf(), r));
        }
    }

    /// Opens a scenario next to this one; the edited scenario is never touched.
    pub fn compare_path(&mut self, path: &Path) {
        if is_large(path) {
            let p = path.to_path_buf();
            let label = format!("{} {}", tr(self.lang(), "Opening"), file_name(path));
            self.jobs
                .push(Job::spawn(label, move |_| Done::Compared(p.clone(), compare(&p))));
        } else {
            let r = compare(path);
            self.finish(Done::Compared(path.to_path_buf(), r));
        }
    }

    /// Writes an export (a large scenario's on a thread); failures are shown and never touch
    /// the scenario.
    pub fn export_to(&mut self, kind: ExportKind, path: &Path) {
        let path = if path.extension().is_none() {
            path.with_extension(kind.extension())
        } else {
            path.to_path_buf()
        };
        if let Some(own) = &self.doc.path
            && crate::file::same_file(&path, own)
        {
            self.errors(
                "Could not save the file",
                vec![format!(
                    "{}: is the scenario being edited; choose another file for the export",
                    path.display()
                )],
            );
            return;
        }
        let job = ExportJob {
            kind,
            path: path.clone(),
            scenario: self.doc.scenario().clone(),
            metric: self.doc.metric().clone(),
            lang: self.lang(),
            units: self.prefs.units,
            lower: self.lower_chart_kind(),
            years: (self.doc.view.from_year, self.doc.view.to_year),
        };
        if self.doc.scenario().sites.len() > BACKGROUND_SITES {
            let label = format!("{} {}", tr(self.lang(), "Exporting"), file_name(&path));
            self.jobs.push(Job::spawn(label, move |cancel| {
                Done::Exported(kind, job.run(&cancel))
            }));
        } else {
            let r = job.run(&AtomicBool::new(false));
            self.finish(Done::Exported(kind, r));
        }
    }

    /// Takes the results of finished jobs (once per frame).
    pub fn poll_jobs(&mut self) {
        let mut done = Vec::new();
        self.jobs.retain_mut(|j| match j.rx.try_recv() {
            Ok(d) => {
                done.push((d, j.before.take()));
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        });
        for (d, before) in done {
            let replaces = match &d {
                Done::Opened(p, Ok(_)) | Done::Imported(p, Ok(_)) => Some(p.clone()),
                _ => None,
            };
            if let (Some(path), Some(before)) = (replaces, before)
                && self.doc.scenario() != before.as_ref()
            {
                self.errors(
                    "Could not open the file",
                    vec![
                        path.display().to_string(),
                        "the scenario was changed while the file was read; open it again".into(),
                    ],
                );
                continue;
            }
            self.finish(d);
        }
    }

    /// Cancels every running job: their results will be dropped.
    pub fn cancel_jobs(&mut self) {
        if let Some(j) = self.jobs.last() {
            self.status = Some(format!("{}: {}", tr(self.lang(), "Cancelled"), j.label));
        }
        for j in &self.jobs {
            j.cancel.store(true, Ordering::Relaxed);
        }
        self.jobs.clear();
    }

    fn finish(&mut self, done: Done) {
        let lang = self.lang();
        match done {
            Done::Opened(path, Ok(s)) => {
                // The widgets' and the goal seek's state belonged to the other file.
                self.set_document(Document::new(*s, Some(path.clone())));
                self.remember(&path);
                self.status = Some(format!("{} {}", tr(lang, "Opened"), path.display()));
            }
            Done::Compared(_, Ok(c)) => {
                self.compared.push(*c);
                self.prefs.chart.lower = super::panels::Lower::Compare;
            }
            Done::Opened(path, Err(e)) | Done::Compared(path, Err(e)) => {
                let mut lines = vec![path.display().to_string()];
                lines.extend(e.lines());
                self.errors("Could not open the file", lines);
            }
            Done::Exported(kind, Ok(written)) => {
                let names: Vec<String> = written.iter().map(|p| file_name(p)).collect();
                self.status = Some(format!(
                    "{} {}: {}",
                    tr(lang, "Exported"),
                    kind.what(),
                    names.join(", ")
                ));
            }
            Done::Exported(_, Err(e)) => self.errors("Could not save the file", vec![e]),
            Done::Imported(path, Ok(s)) => {
                let what = format!(
                    "{} {}: {} sites, {} fuels, {} targets — {}",
                    tr(lang, "Imported"),
                    file_name(&path),
                    s.sites.len(),
                    s.fuels.len(),
                    s.targets.len(),
                    tr(lang, "save it as a scenario file")
                );
                self.set_document(Document::new(*s, None));
                self.status = Some(what);
            }
            Done::Imported(path, Err(lines)) => {
                let mut all = vec![format!(
                    "{}: {} {}",
                    path.display(),
                    lines.len(),
                    tr(lang, "problem(s); nothing was imported")
                )];
                all.extend(lines);
                self.errors("Could not import the workbook", all);
            }
        }
    }

    /// The running jobs in the status bar: a spinner, the label, the seconds, Cancel.
    pub fn jobs_ui(&mut self, ui: &mut egui::Ui) {
        let Some(job) = self.jobs.last() else {
            return;
        };
        let lang = self.lang();
        ui.spinner();
        ui.label(format!(
            "{}… {:.1} s",
            job.label,
            job.started.elapsed().as_secs_f64()
        ));
        if ui.button(tr(lang, "Cancel")).clicked() {
            self.cancel_jobs();
        }
        ui.separator();
        // Keep drawing while the job runs (the spinner, the seconds, its result).
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    }
}
