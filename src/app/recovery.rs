//! Crash-safe autosave. While the scenario has unsaved changes, a recovery copy is written at
//! most every 30 s — atomically, in the app's data folder, never over the user's file — as
//! `recovery-<session>.ron`, next to `session-<session>.lock`, which the window holds locked
//! while it runs. Save, a clean exit, or going back to the saved state removes both. A copy
//! whose lock is free (its window crashed, was killed, or the machine lost power) is offered
//! at the next start: "Recover unsaved changes to X from 14:03?", with what differs from the
//! saved file.

use crate::model::Scenario;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// At most one recovery write per this interval.
pub const INTERVAL: Duration = Duration::from_secs(30);
/// Environment variable naming the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "DECARB_DATA_DIR";

/// The recovery folder: `$DECARB_DATA_DIR/recovery`, else eframe's data folder for decarb.
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os(DATA_DIR_ENV)
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("decarb"))?;
    Some(base.join("recovery"))
}

/// What a recovery file holds. The scenario is kept as its canonical text, and loaded back
/// through the same validation as any file.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    pid: u32,
    written_unix_s: u64,
    /// The file the changes belong to (none for an untitled scenario).
    path: Option<PathBuf>,
    scenario: String,
}

/// A recovery copy left by a process that is gone.
#[derive(Clone, Debug)]
pub struct Orphan {
    /// The recovery file itself.
    pub file: PathBuf,
    /// The scenario file the changes belong to.
    pub path: Option<PathBuf>,
    /// When it was written: `2026-12-02 14:03 UTC`.
    pub when: String,
    pub scenario: Box<Scenario>,
    /// What differs from the saved file ("Site "Saganoseki" · CO2-free share: … → …").
    pub differences: Vec<String>,
}

/// The autosave of one window.
pub struct Autosave {
    dir: Option<PathBuf>,
    interval: Duration,
    last_write: Option<Instant>,
    /// The scenario last written, to skip writing the same thing twice.
    written: Option<Scenario>,
    /// This window's session: its id and its lock file, held locked (exclusive) while it runs.
    session: Option<(String, std::fs::File)>,
}

fn recovery_file(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("recovery-{id}.ron"))
}

fn lock_file(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("session-{id}.lock"))
}

fn utc(secs: u64) -> String {
    let day = crate::export::today_of(secs);
    let (h, m) = ((secs % 86_400) / 3_600, (secs % 3_600) / 60);
    format!("{day} {h:02}:{m:02} UTC")
}

impl Autosave {
    /// No autosave (tests, special modes).
    pub fn off() -> Autosave {
        Autosave {
            dir: None,
            interval: INTERVAL,
            last_write: None,
            written: None,
            session: None,
        }
    }

    /// Autosave into `dir`, at most once per `interval`.
    pub fn in_dir(dir: PathBuf, interval: Duration) -> Autosave {
        Autosave {
            dir: Some(dir),
            ..Autosave::off()
        }
        .with_interval(interval)
    }

    fn with_interval(mut self, interval: Duration) -> Autosave {
        self.interval = interval;
        self
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Once per frame: writes the recovery copy when the scenario has unsaved changes not yet
    /// written and the interval has passed; removes it when there are none. Returns an error
    /// to show once (the folder cannot be written).
    pub fn tick(&mut self, scenario: &Scenario, dirty: bool, path: Option<&Path>) -> Result<(), String> {
        let Some(dir) = self.dir.clone() else {
            return Ok(());
        };
        if !dirty {
            self.remove();
            return Ok(());
        }
        if self.last_write.is_some_and(|t| t.elapsed() < self.interval) {
            return Ok(());
        }
        // Compared with the last copy at most once per interval, not on every frame.
        self.last_write = Some(Instant::now());
        if self.written.as_ref() == Some(scenario) {
            return Ok(());
        }
        let stored = Stored {
            pid: std::process::id(),
            written_unix_s: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            path: path.map(Path::to_path_buf),
            scenario: crate::model::to_string(scenario)?,
        };
        let text = ron::ser::to_string_pretty(&stored, ron::ser::PrettyConfig::new())
            .map_err(|e| format!("could not write the recovery copy: {e}"))?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let id = self.session_id(&dir)?;
        crate::file::write_atomic(&recovery_file(&dir, &id), text.as_bytes())?;
        self.written = Some(scenario.clone());
        Ok(())
    }

    /// This window's session id; the first call creates its lock file and locks it.
    fn session_id(&mut self, dir: &Path) -> Result<String, String> {
        if let Some((id, _)) = &self.session {
            return Ok(id.clone());
        }
        let fail = |e: &dyn std::fmt::Display| format!("could not write the recovery copy: {e}");
        let (file, path) = tempfile::Builder::new()
            .prefix("session-")
            .suffix(".lock")
            .tempfile_in(dir)
            .map_err(|e| fail(&e))?
            .keep()
            .map_err(|e| fail(&e))?;
        file.lock().map_err(|e| fail(&e))?;
        let id = path
            .file_stem()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("session-"))
            .unwrap_or_default()
            .to_string();
        self.session = Some((id.clone(), file));
        Ok(id)
    }

    /// Removes this window's recovery copy and its lock (after Save, on a clean exit).
    pub fn remove(&mut self) {
        if let Some(dir) = &self.dir
            && self.written.take().is_some()
            && let Some((id, file)) = self.session.take()
        {
            let _ = std::fs::remove_file(recovery_file(dir, &id));
            let _ = std::fs::remove_file(lock_file(dir, &id));
            drop(file);
            self.last_write = None;
        }
    }

    /// The newest readable recovery copy whose window is gone (its lock is free), with what
    /// differs from its saved file. Copies that cannot be read are left for the next start.
    pub fn orphan(&self) -> Option<Orphan> {
        let dir = self.dir.as_ref()?;
        let own = self.session.as_ref().map(|s| s.0.as_str());
        let mut found: Vec<(u64, PathBuf, Stored)> = Vec::new();
        for entry in std::fs::read_dir(dir).ok()?.flatten() {
            let file = entry.path();
            let name = entry.file_name();
            let Some(id) = name
                .to_str()
                .and_then(|n| n.strip_prefix("recovery-")?.strip_suffix(".ron"))
            else {
                continue;
            };
            if Some(id) == own || running(dir, id) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            if let Ok(stored) = ron::from_str::<Stored>(&text) {
                found.push((stored.written_unix_s, file, stored));
            }
        }
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        // The newest copy that still reads as a scenario.
        let (secs, file, stored, scenario) = found.into_iter().find_map(|(secs, file, stored)| {
            let s = crate::file::parse(stored.scenario.as_bytes()).ok()?;
            Some((secs, file, stored, s))
        })?;
        let saved = stored.path.as_deref().and_then(|p| crate::file::load(p).ok());
        let differences = match &saved {
            Some(saved) => crate::model::diff::diff(saved, &scenario)
                .iter()
                .map(|d| {
                    let field = if d.field.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", d.field)
                    };
                    format!(
                        "{}{field}: {} → {}",
                        d.item,
                        d.a.as_deref().unwrap_or("—"),
                        d.b.as_deref().unwrap_or("—")
                    )
                })
                .collect(),
            None => vec!["the saved file could not be read; the whole scenario is recovered".into()],
        };
        Some(Orphan {
            file,
            path: stored.path,
            when: utc(secs),
            scenario: Box::new(scenario),
            differences,
        })
    }
}

/// Removes a recovery copy that was recovered or discarded, with its lock file.
pub fn forget(file: &Path) {
    let _ = std::fs::remove_file(file);
    if let (Some(dir), Some(id)) = (
        file.parent(),
        file.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("recovery-")?.strip_suffix(".ron")),
    ) {
        let _ = std::fs::remove_file(lock_file(dir, id));
    }
}

/// Whether the window of session `id` still runs: its lock file is locked.
fn running(dir: &Path, id: &str) -> bool {
    let Ok(f) = std::fs::File::open(lock_file(dir, id)) else {
        return false;
    };
    match f.try_lock() {
        Ok(()) => {
            let _ = f.unlock();
            false
        }
        Err(_) => true,
    }
}
