//! The uncertainty analysis off the UI thread (ANALYSES.md §2.7, §9.25). The live fan: each
//! change of the scenario or the metric sends the latest state to one worker thread, which
//! runs 1,000 draws (the kernel where it can, on one core) and hands back the outcome; the window draws the
//! last completed fan and the P(met) it gives. While a fan is being computed the window polls
//! for it every frame-time (no thread other than the UI's asks for a repaint).
//! Sobol indices run on demand as a job with progress and Cancel.

use crate::engine::uncertainty::{Cancelled, Options, Outcome, Progress, Study};
use crate::engine::{Engine, Metric};
use crate::model::Scenario;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Draws of the live fan (§8.11).
pub const LIVE_DRAWS: usize = 1000;
/// Base samples of Sobol indices (N(K + 2) runs).
pub const SOBOL_SAMPLES: usize = 512;

struct Request {
    rev: u64,
    draws: usize,
    scenario: Box<Scenario>,
    engine: Box<Engine>,
    metric: Metric,
}

/// A fan and the state it was computed for.
pub struct Fan {
    pub rev: u64,
    pub metric: Metric,
    pub outcome: Outcome,
}

/// The worker of the live fan.
pub struct FanWorker {
    tx: Option<Sender<Request>>,
    rx: Receiver<Fan>,
    /// The last completed fan.
    pub latest: Option<Arc<Fan>>,
    /// What was last sent: revision, metric, draws.
    sent: Option<(u64, Metric, usize)>,
}

impl Default for FanWorker {
    fn default() -> Self {
        FanWorker::new()
    }
}

impl FanWorker {
    pub fn new() -> FanWorker {
        let (tx, work) = channel::<Request>();
        let (done, rx) = channel::<Fan>();
        std::thread::Builder::new()
            .name("fan".into())
            .spawn(move || {
                // One core for the live fan: the other stays with the UI thread and the
                // rasteriser, so frames keep their time while a lever is dragged. The draws are
                // the same bits on any number of threads.
                let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
                while let Ok(mut r) = work.recv() {
                    // Only the latest state matters: skip those a drag has already replaced.
                    while let Ok(newer) = work.try_recv() {
                        r = newer;
                    }
                    let study = Study::new(&r.scenario).with_metric(r.metric.clone());
                    let opt = Options {
                        draws: Some(r.draws),
                        tornado: true,
                        ..Options::default()
                    };
                    let run = || study.run(&r.scenario, &r.engine, opt, &Progress::default());
                    let result = match &pool {
                        Some(p) => p.install(run),
                        None => run(),
                    };
                    if let Ok(outcome) = result {
                        let fan = Fan {
                            rev: r.rev,
                            metric: r.metric,
                            outcome,
                        };
                        if done.send(fan).is_err() {
                            return;
                        }
                    }
                }
            })
            .ok();
        FanWorker {
            tx: Some(tx),
            rx,
            latest: None,
            sent: None,
        }
    }

    /// Sends the state when it differs from what was last sent, and takes any completed fan.
    /// Returns whether a new fan arrived.
    /// `draws`: [`LIVE_DRAWS`] while a lever is dragged, the file's N otherwise (§2.9).
    pub fn update(&mut self, rev: u64, s: &Scenario, engine: &Engine, metric: &Metric, draws: usize) -> bool {
        // compared in place: nothing is cloned on a frame that changes nothing
        let fresh = self
            .sent
            .as_ref()
            .is_none_or(|(r, m, n)| *r != rev || m != metric || *n != draws);
        if fresh && let Some(tx) = &self.tx {
            let r = Request {
                rev,
                draws,
                scenario: Box::new(s.clone()),
                engine: Box::new(engine.clone()),
                metric: metric.clone(),
            };
            if tx.send(r).is_ok() {
                self.sent = Some((rev, metric.clone(), draws));
            }
        }
        let mut arrived = false;
        while let Ok(f) = self.rx.try_recv() {
            self.latest = Some(Arc::new(f));
            arrived = true;
        }
        arrived
    }

    /// Whether a fan was asked for and has not arrived yet.
    pub fn pending(&self) -> bool {
        self.sent.as_ref().is_some_and(|(rev, m, n)| {
            !self
                .latest
                .as_ref()
                .is_some_and(|f| f.rev == *rev && &f.metric == m && f.outcome.draws == *n)
        })
    }

    /// Whether the last completed fan is for this state.
    pub fn is_current(&self, rev: u64, metric: &Metric) -> bool {
        self.latest
            .as_ref()
            .is_some_and(|f| f.rev == rev && &f.metric == metric)
    }

    /// Waits (up to `timeout`) for the fan of the state last sent: for tests and the screenshot
    /// mode, which must show the fan of the frame they draw.
    pub fn wait(&mut self, timeout: std::time::Duration) -> bool {
        if self.sent.is_none() {
            return false;
        }
        let start = std::time::Instant::now();
        while self.pending() {
            let left = timeout.saturating_sub(start.elapsed());
            if left.is_zero() {
                return false;
            }
            match self
                .rx
                .recv_timeout(left.min(std::time::Duration::from_millis(50)))
            {
                Ok(f) => self.latest = Some(Arc::new(f)),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(_) => return false,
            }
        }
        true
    }
}

/// Sobol indices computed in the background.
pub struct SobolJob {
    pub rev: u64,
    pub progress: Arc<Progress>,
    rx: Receiver<Result<Outcome, Cancelled>>,
}

impl SobolJob {
    pub fn start(rev: u64, s: &Scenario, engine: &Engine, metric: &Metric) -> SobolJob {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let (s, engine, metric, p) = (s.clone(), engine.clone(), metric.clone(), progress.clone());
        std::thread::spawn(move || {
            let study = Study::new(&s).with_metric(metric);
            let opt = Options {
                tornado: true,
                sobol: Some(SOBOL_SAMPLES),
                ..Options::default()
            };
            let _ = tx.send(study.run(&s, &engine, opt, &p));
        });
        SobolJob { rev, progress, rx }
    }

    /// The result when done (`Some(Err)` when cancelled).
    pub fn poll(&self) -> Option<Result<Outcome, Cancelled>> {
        self.rx.try_recv().ok()
    }

    pub fn cancel(&self) {
        self.progress
            .cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
