//! File dialogs behind a trait, so that tests never open one. Where no native dialog can be
//! shown (no desktop portal and no zenity, as on servers and minimal desktops), saving falls
//! back to a path field inside the window.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The answer of a save dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    Chosen(PathBuf),
    Cancelled,
    /// No native dialog could be shown: ask in the window instead.
    Unavailable,
}

/// Where the window asks the user for a file.
pub trait FileDialogs {
    /// A scenario file to open, or `None` when cancelled.
    fn open(&mut self) -> Option<PathBuf>;
    /// Where to save. `name` is the suggested file name, `filter` (description, extension).
    fn save(&mut self, dir: Option<&Path>, name: &str, filter: (&str, &str)) -> Choice;
    /// A filled inventory workbook (.xlsx), or a folder of its CSV files, to import.
    fn import(&mut self, folder: bool) -> Option<PathBuf>;
}

/// Native dialogs (XDG portal or zenity on Linux).
#[derive(Default)]
pub struct RfdDialogs {
    /// Set once a dialog returned at once without showing anything.
    unavailable: bool,
}

/// Whether a native dialog can be shown at all: a session bus for the desktop portal, or
/// zenity (rfd's fallback) on the PATH.
fn native_possible() -> bool {
    if cfg!(not(target_os = "linux")) {
        return true;
    }
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
    zenity || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// A dialog that returns nothing this fast was never shown (a person takes longer to cancel).
const NOT_SHOWN: Duration = Duration::from_millis(150);

impl FileDialogs for RfdDialogs {
    fn open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open scenario")
            .add_filter("Decarb scenario", &["ron"])
            .pick_file()
    }
    fn import(&mut self, folder: bool) -> Option<PathBuf> {
        if folder {
            rfd::FileDialog::new()
                .set_title("Import a folder of inventory CSV files")
                .pick_folder()
        } else {
            rfd::FileDialog::new()
                .set_title("Import an inventory workbook")
                .add_filter("Excel workbook", &["xlsx", "xlsm"])
                .pick_file()
        }
    }
    fn save(&mut self, dir: Option<&Path>, name: &str, filter: (&str, &str)) -> Choice {
        if self.unavailable || !native_possible() {
            return Choice::Unavailable;
        }
        let mut d = rfd::FileDialog::new()
            .set_title("Save")
            .add_filter(filter.0, &[filter.1])
            .set_file_name(name);
        if let Some(dir) = dir {
            d = d.set_directory(dir);
        }
        let t0 = Instant::now();
        match d.save_file() {
            Some(p) => Choice::Chosen(if p.extension().is_none() {
                p.with_extension(filter.1)
            } else {
                p
            }),
            None if t0.elapsed() < NOT_SHOWN => {
                self.unavailable = true;
                Choice::Unavailable
            }
            None => Choice::Cancelled,
        }
    }
}

/// Answers for tests, given as a user would in turn: `opens` and `saves` are answered first,
/// in order; then `open` and `save` every time (`save: None` means "no native dialog").
#[derive(Default)]
pub struct FakeDialogs {
    pub open: Option<PathBuf>,
    pub save: Option<PathBuf>,
    /// One answer per Open dialog (`None`: the user cancelled it).
    pub opens: std::collections::VecDeque<Option<PathBuf>>,
    /// One answer per Save dialog.
    pub saves: std::collections::VecDeque<Choice>,
}

impl FileDialogs for FakeDialogs {
    fn open(&mut self) -> Option<PathBuf> {
        match self.opens.pop_front() {
            Some(answer) => answer,
            None => self.open.clone(),
        }
    }
    fn import(&mut self, _folder: bool) -> Option<PathBuf> {
        self.open()
    }
    fn save(&mut self, _dir: Option<&Path>, _name: &str, _filter: (&str, &str)) -> Choice {
        if let Some(answer) = self.saves.pop_front() {
            return answer;
        }
        match &self.save {
            Some(p) => Choice::Chosen(p.clone()),
            None => Choice::Unavailable,
        }
    }
}
