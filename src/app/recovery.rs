//! Crash-safe autosave. While the scenario has unsaved changes, a recovery copy is written at
//! most every 30 s — atomically, in the app's data folder, never over the user's file — as
//! `recovery-<pid>.ron`. Save, a clean exit, or going back to the saved state removes it. A
//! copy whose process is gone (a crash, a kill, a power cut) is offered at the next start:
//! "Recover unsaved changes to X from 14:03?", with what differs from the saved file.

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
}

fn own_file(dir: &Path) -> PathBuf {
    dir.join(format!("recovery-{}.ron", std::process::id()))
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
        if self.last_write.is_some_and(|t| t.elapsed() < self.interval)
            || self.written.as_ref() == Some(scenario)
        {
            return Ok(());
        }
        self.last_write = Some(Instant::now());
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
        crate::file::write_atomic(&own_file(&dir), text.as_bytes())?;
        self.written = Some(scenario.clone());
        Ok(())
    }

    /// Removes this window's recovery copy (after Save, on a clean exit).
    pub fn remove(&mut self) {
        if let Some(dir) = &self.dir
            && self.written.take().is_some()
        {
            let _ = std::fs::remove_file(own_file(dir));
            self.last_write = None;
        }
    }

    /// The newest recovery copy whose process is gone, with what differs from its saved file.
    pub fn orphan(&self) -> Option<Orphan> {
        let dir = self.dir.as_ref()?;
        let mut found: Vec<(u64, PathBuf, Stored)> = Vec::new();
        for entry in std::fs::read_dir(dir).ok()?.flatten() {
            let file = entry.path();
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(|n| {
                n.strip_prefix("recovery-")?
                    .strip_suffix(".ron")?
                    .parse::<u32>()
                    .ok()
            }) else {
                continue;
            };
            if pid == std::process::id() || alive(pid) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            if let Ok(stored) = ron::from_str::<Stored>(&text) {
                found.push((stored.written_unix_s, file, stored));
            }
        }
        found.sort_by_key(|f| f.0);
        let (secs, file, stored) = found.pop()?;
        let scenario = crate::file::parse(stored.scenario.as_bytes()).ok()?;
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

/// Whether a process runs (Linux: `/proc/<pid>`); elsewhere every process counts as gone.
fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}
