//! File dialogs behind a trait, so that tests never open one.

use std::path::PathBuf;

/// Where the window asks the user for a file.
pub trait FileDialogs {
    /// A scenario file to open, or `None` when cancelled.
    fn open(&mut self) -> Option<PathBuf>;
    /// Where to save, or `None` when cancelled; `suggested` is a file name.
    fn save(&mut self, suggested: &str) -> Option<PathBuf>;
}

/// Native dialogs (XDG portal or zenity on Linux) with a `.ron` filter.
pub struct RfdDialogs;

impl FileDialogs for RfdDialogs {
    fn open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open scenario")
            .add_filter("Decarb scenario", &["ron"])
            .pick_file()
    }
    fn save(&mut self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save scenario")
            .add_filter("Decarb scenario", &["ron"])
            .set_file_name(suggested)
            .save_file()
            .map(|p| {
                if p.extension().is_none() {
                    p.with_extension("ron")
                } else {
                    p
                }
            })
    }
}

/// Fixed answers, for tests.
#[derive(Default)]
pub struct FakeDialogs {
    pub open: Option<PathBuf>,
    pub save: Option<PathBuf>,
}

impl FileDialogs for FakeDialogs {
    fn open(&mut self) -> Option<PathBuf> {
        self.open.clone()
    }
    fn save(&mut self, _suggested: &str) -> Option<PathBuf> {
        self.save.clone()
    }
}
