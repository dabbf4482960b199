//! The planner window (eframe 0.37). Each panel reads the app state and emits commands or
//! lever edits; edits are applied right after the lever panel (so the charts of the same frame
//! show them), other commands once at the end of the frame. No panel does emissions math: the
//! charts draw [`crate::charts`] data, the KPIs read the document's results.

pub mod commands;
pub mod dialogs;
pub mod document;
pub mod goal_seek;
pub mod inventory;
pub mod jobs;
pub mod menu;
pub mod modes;
pub mod panels;
pub mod recovery;
pub mod uncertainty;
pub mod widgets;

pub use crate::i18n;
pub use commands::Command;
pub use modes::Mode;

use crate::model::Scenario;
use crate::units::Units;
use dialogs::{FileDialogs, RfdDialogs};
use document::Document;
use i18n::{Lang, tr};
use panels::Lower;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub use crate::CJK_FONT;
/// The template of File → New.
pub const TEMPLATE: &str = include_str!("../../assets/template.ron");
const PREFS_KEY: &str = "decarb.prefs";
const MAX_RECENT: usize = 8;

/// What the lower chart shows and how (kept between sessions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ChartOptions {
    pub lower: Lower,
    pub stack_by_site: bool,
    /// The cost view: money unit and how the plan cost and the MACC are drawn.
    pub money: crate::units::Money,
    pub cost_by_component: bool,
    pub macc_by_site: bool,
    pub macc_cumulative: bool,
    pub macc_with_carbon: bool,
    /// The Monte Carlo fan over the trajectory is hidden.
    pub hide_fan: bool,
}

/// Preferences kept between sessions (eframe persistence). Scenarios live in their own files;
/// the metric belongs to each file (its first target's), so it is not kept here.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub units: Units,
    pub recent: Vec<PathBuf>,
    pub chart: ChartOptions,
    pub dark: bool,
}

/// A scenario opened for comparison.
pub struct Compared {
    pub name: String,
    pub path: PathBuf,
    pub scenario: Scenario,
    pub projection: crate::engine::Projection,
    pub results: Vec<crate::engine::targets::TargetResult>,
}

/// A dialog over the window.
#[derive(Clone, Debug)]
pub enum Modal {
    /// Errors of a failed open or save.
    Errors { title: &'static str, lines: Vec<String> },
    /// Save / Discard / Cancel before `then`.
    Unsaved { then: Command },
    /// Recover / Discard the unsaved changes a crashed window left.
    Recover(Box<recovery::Orphan>),
    /// Where to save, typed in the window (when no native dialog is available).
    PathInput {
        purpose: commands::SavePurpose,
        text: String,
    },
}

/// Transient state of the widgets (not saved).
#[derive(Default)]
pub struct UiState {
    /// Lever whose change is explained under its row (the last one edited).
    pub last_edited: Option<crate::engine::levers::LeverRef>,
    /// Filter of long site lists.
    pub site_filter: String,
    /// Legend entries hidden by a click, per chart.
    pub hidden: HashSet<String>,
    /// "All sites" CO2-free shortcut: the share [%], the year, the region (id; none = all).
    pub shortcut_share_pct: f64,
    pub shortcut_year: i32,
    pub shortcut_region: Option<String>,
    /// Activity growth shortcut: [%/yr] from a year.
    pub growth_pct_per_yr: f64,
    pub growth_from: i32,
    /// Grid factor scale per region.
    pub grid_scale: Vec<f64>,
    /// Where the trajectory was drawn (screen ↔ plot), for tests and tools.
    pub trajectory_transform: Option<egui_plot::PlotTransform>,
}

pub struct DecarbApp {
    pub doc: Document,
    pub prefs: Prefs,
    /// Read-only review: no lever panel, a plain-language summary instead.
    pub review: bool,
    /// Scenarios opened next to the current one.
    pub compared: Vec<Compared>,
    /// The last outcome worth telling (saved, exported, a shortcut that changed nothing).
    pub status: Option<String>,
    pub dialogs: Box<dyn FileDialogs>,
    pub modal: Option<Modal>,
    pub ui: UiState,
    commands: Vec<Command>,
    allow_close: bool,
    title: String,
    pub(crate) modes: modes::ModeState,
    /// Exit code for the special modes.
    pub exit_code: Arc<Mutex<i32>>,
    /// Opens, comparisons and exports running on threads of their own.
    pub jobs: Vec<jobs::Job>,
    /// The recovery copy of unsaved changes.
    pub autosave: recovery::Autosave,
    /// The live Monte Carlo fan, computed off the UI thread.
    pub fan: uncertainty::FanWorker,
    /// Sobol indices running, and the last ones computed (with the revision they are for).
    pub sobol: Option<uncertainty::SobolJob>,
    pub sobol_done: Option<(u64, crate::engine::uncertainty::Outcome)>,
    /// Draw each frame with the fan of that frame's scenario, waiting for the worker (the
    /// screenshot mode and UI tests, which must show what they assert on). Off in the window:
    /// it draws the last completed fan and polls for the next.
    pub wait_for_fan: bool,
    /// Goal seek and target templates: dialogs, the running search, its answer.
    pub goal: goal_seek::GoalState,
    /// The inventory window (structure and base-year inputs) and the "new company" form.
    pub inventory: inventory::InventoryState,
}

/// Installs the bundled CJK font as a fallback of both families (Latin stays egui's).
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "BIZ UDPGothic",
        egui::FontData::from_static(CJK_FONT),
        vec![
            InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

impl DecarbApp {
    /// A window on `scenario` (already loaded and validated).
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        scenario: Scenario,
        path: Option<PathBuf>,
        mode: Mode,
    ) -> Self {
        install_fonts(&cc.egui_ctx);
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let normal = mode.is_normal();
        let bench = matches!(mode, Mode::Bench { .. });
        let mut app = Self::with_prefs(scenario, path, prefs, mode, Box::new(RfdDialogs::default()));
        // The benchmark autosaves only into a folder named for it (tests), never the user's.
        let bench_dir = bench && std::env::var_os(recovery::DATA_DIR_ENV).is_some();
        if (normal || bench_dir)
            && let Some(dir) = recovery::default_dir()
        {
            app.autosave = recovery::Autosave::in_dir(dir, recovery::INTERVAL);
        }
        // A screenshot shows the offer too when it is given a data folder (docs, CI).
        let shot_dir = matches!(app.modes.mode, Mode::Screenshot { .. })
            && std::env::var_os(recovery::DATA_DIR_ENV).is_some();
        if normal || shot_dir {
            if shot_dir {
                app.autosave = recovery::Autosave::in_dir(
                    recovery::default_dir().unwrap_or_default(),
                    recovery::INTERVAL,
                );
            }
            app.offer_recovery();
        }
        app
    }

    /// Sends the scenario to the fan's worker when it changed, and takes a finished fan and
    /// Sobol run. The screenshot mode waits for the fan of the frame it draws.
    fn update_fan(&mut self, ctx: &egui::Context) {
        // Wanted whenever the file has inputs, shown or not: the target cards give P(met).
        if !self.doc.scenario().uncertainty.inputs.is_empty() {
            let (rev, s, e, m) = (
                self.doc.revision(),
                self.doc.scenario(),
                self.doc.engine(),
                self.doc.metric(),
            );
            // the live count while a lever is dragged, the file's N once it is let go
            let file_n = s.uncertainty.draws.max(1) as usize;
            let draws = if ctx.input(|i| i.pointer.any_down()) {
                uncertainty::LIVE_DRAWS.min(file_n)
            } else {
                file_n
            };
            self.fan.update(rev, s, e, m, draws);
            if self.wait_for_fan {
                self.fan.wait(std::time::Duration::from_secs(20));
            }
            if self.fan.pending() {
                // poll for the fan at frame rate until it arrives
                ctx.request_repaint_after(std::time::Duration::from_millis(15));
            }
        }
        if self.sobol.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if let Some(job) = &self.sobol
            && let Some(r) = job.poll()
        {
            let rev = job.rev;
            self.sobol = None;
            match r {
                Ok(o) => self.sobol_done = Some((rev, o)),
                Err(_) => self.status = Some(tr(self.lang(), "Sobol indices cancelled").into()),
            }
        }
    }

    /// The fan to draw: the last completed one on the window's metric (at most a frame or
    /// two behind a drag), when the fan is shown and the scenario has uncertain inputs.
    pub fn shown_fan(&self) -> Option<&crate::engine::uncertainty::Outcome> {
        let f = self.fan.latest.as_ref()?;
        (!self.doc.scenario().uncertainty.inputs.is_empty() && &f.metric == self.doc.metric())
            .then_some(&f.outcome)
    }

    /// Offers the unsaved changes a crashed or killed window left, if any.
    pub fn offer_recovery(&mut self) {
        if let Some(o) = self.autosave.orphan() {
            self.modal = Some(Modal::Recover(Box::new(o)));
        }
    }

    /// Puts another scenario in the window (New, Open, Recover): the widgets' state and the
    /// goal seek's dialogs, search and answer belonged to the one it replaces.
    pub fn set_document(&mut self, doc: Document) {
        self.doc = doc;
        self.ui = UiState::default();
        if let Some(j) = self.goal.job.take() {
            j.cancel();
        }
        self.goal = goal_seek::GoalState::default();
        self.compared.retain(|c| c.name != goal_seek::ANSWER_NAME);
        // the inventory window follows the new document (its draft was the other one's)
        self.inventory.draft = None;
        self.inventory.confirm = None;
        self.inventory.site = 0;
    }

    /// Takes the recovered changes: over their saved file when it still reads (so that Undo
    /// goes back to it), else as an untitled scenario. The recovery copy is then removed.
    pub fn recover(&mut self, o: recovery::Orphan) {
        let saved = o.path.as_deref().and_then(|p| crate::file::load(p).ok());
        match (saved, &o.path) {
            (Some(saved), Some(p)) => {
                self.set_document(Document::new(saved, Some(p.clone())));
                self.doc.replace(*o.scenario);
            }
            _ => self.set_document(Document::new(*o.scenario, None)),
        }
        recovery::forget(&o.file);
        self.status = Some(format!(
            "{} {}",
            tr(self.lang(), "Recovered changes from"),
            o.when
        ));
    }

    pub fn with_prefs(
        scenario: Scenario,
        path: Option<PathBuf>,
        prefs: Prefs,
        mode: Mode,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        let wait_for_fan = matches!(mode, Mode::Screenshot { .. });
        let mut app = DecarbApp {
            doc: Document::new(scenario, path.clone()),
            prefs,
            review: false,
            compared: Vec::new(),
            status: None,
            dialogs,
            modal: None,
            ui: UiState::default(),
            commands: Vec::new(),
            allow_close: false,
            title: String::new(),
            modes: modes::ModeState::new(mode),
            exit_code: Arc::new(Mutex::new(0)),
            jobs: Vec::new(),
            fan: uncertainty::FanWorker::new(),
            sobol: None,
            sobol_done: None,
            wait_for_fan,
            autosave: recovery::Autosave::off(),
            goal: goal_seek::GoalState::default(),
            inventory: inventory::InventoryState::default(),
        };
        if let Some(p) = path {
            app.remember(&p);
        }
        app
    }

    fn remember(&mut self, path: &std::path::Path) {
        let p = path.to_path_buf();
        self.prefs.recent.retain(|x| x != &p);
        self.prefs.recent.insert(0, p);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    /// Queues a command (menus, shortcuts, tests).
    pub fn command(&mut self, c: Command) {
        self.commands.push(c);
    }

    fn window_title(&self) -> String {
        let name = self
            .doc
            .file_name()
            .unwrap_or_else(|| tr(self.lang(), "untitled").to_string());
        let dirty = if self.doc.is_dirty() { " •" } else { "" };
        format!(
            "{name}{dirty} — {} — Decarb Planner",
            self.doc.scenario().meta.name
        )
    }

    /// Builds the whole window (also used by the UI tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let t0 = Instant::now();
        ctx.set_theme(if self.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        self.modes.frame_no += 1;
        widgets::note_escape(&ctx);
        self.poll_jobs();
        menu::shortcuts(self, &ctx);
        modes::before_frame(self);
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.allow_close
            && self.modes.is_normal()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved { then: Command::Quit });
        }

        egui::Panel::top("menu").show(ui, |ui| menu::menu_ui(self, ui));
        egui::Panel::top("kpi").show(ui, |ui| {
            panels::kpi::kpi_ui(ui, &self.doc, self.lang(), self.prefs.units, self.shown_fan())
        });
        egui::Panel::bottom("status").show(ui, |ui| panels::status_ui(self, ui));
        if self.review {
            self.doc.analysis();
            egui::Panel::left("review")
                .resizable(true)
                .default_size(430.0)
                .show(ui, |ui| {
                    panels::review::review_ui(ui, &self.doc, self.lang(), self.prefs.units)
                });
        } else {
            let (lang, units) = (self.lang(), self.prefs.units);
            let out = egui::Panel::left("levers")
                .resizable(true)
                .default_size(430.0)
                .min_size(340.0)
                .max_size(560.0)
                .show(ui, |ui| {
                    // No edits while another file is being opened in its place.
                    if self.opening() {
                        ui.disable();
                    }
                    panels::levers::levers_ui(ui, &self.doc, &mut self.ui, lang, units)
                })
                .inner;
            if !out.edits.is_empty() {
                if let Some(l) = out.touched {
                    self.ui.last_edited = Some(l);
                }
                // The KPI strip above was drawn before the edit: draw again.
                ui.ctx().request_repaint();
                let notes = self.doc.apply_edits(out.edits);
                if let Some(n) = notes.into_iter().last() {
                    self.status = Some(n);
                }
            }
        }
        if matches!(
            self.prefs.chart.lower,
            Lower::Wedges | Lower::Bridge | Lower::Cost
        ) {
            self.doc.analysis();
        }
        self.update_fan(&ctx);
        self.poll_goal(&ctx);
        egui::CentralPanel::default().show(ui, |ui| panels::central_ui(self, ui));
        for c in panels::goal_seek::goal_seek_ui(self, &ctx) {
            self.command(c);
        }
        for c in panels::inventory::inventory_ui(self, &ctx) {
            self.command(c);
        }
        panels::modal::modal_ui(self, &ctx);

        // One undo step per drag, and one per field typed in: close the step when no pointer
        // is held and no text field has the keyboard.
        let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        if !ctx.input(|i| i.pointer.any_down()) && !typing {
            self.doc.commit();
        }
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // Show the outcome (a dialog, a new scenario) on the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            commands::apply(self, &ctx, c);
        }
        // a command may have changed the scenario (an uncertainty edit, undo): ask at once
        self.update_fan(&ctx);
        if let Err(e) = self
            .autosave
            .tick(self.doc.scenario(), self.doc.is_dirty(), self.doc.path.as_deref())
        {
            self.status = Some(e);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        modes::after_frame(self, &ctx, t0);
    }
}

impl eframe::App for DecarbApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        modes::record_cpu(self, frame);
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    /// A clean exit (after Save or Discard): no recovery copy is left.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.autosave.remove();
    }
}

/// What the window opens on: the lower chart (and by site), and commands to run at once
/// (a dialog to open).
#[derive(Default)]
pub struct StartView {
    pub lower: Option<(Lower, bool)>,
    pub commands: Vec<Command>,
}

/// Whether a window can be shown (an X11 or Wayland display is set).
pub fn display_available() -> bool {
    std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

/// Opens the window; returns the process exit code.
pub fn run(
    scenario: Scenario,
    path: Option<PathBuf>,
    mode: Mode,
    lang: Option<Lang>,
    review: bool,
    view: StartView,
    startup_errors: Vec<String>,
) -> i32 {
    let StartView {
        lower: view,
        commands: startup,
    } = view;
    if !display_available() {
        eprintln!(
            "decarb: the planner window needs a display (no DISPLAY or WAYLAND_DISPLAY is set).\n\
             Without one, use the command line: decarb run | check | summary | report | export FILE (see decarb --help)."
        );
        return 1;
    }
    let size = mode.window_size();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(size)
            .with_min_inner_size([900.0, 600.0])
            .with_title("Decarb Planner")
            .with_drag_and_drop(true),
        persist_window: mode.is_normal(),
        ..Default::default()
    };
    let exit = Arc::new(Mutex::new(0));
    let exit2 = exit.clone();
    let normal = mode.is_normal();
    let result = eframe::run_native(
        "decarb",
        options,
        Box::new(move |cc| {
            let mut app = DecarbApp::new(cc, scenario, path, mode);
            if !normal {
                // Special modes render the same picture on every machine.
                app.prefs = Prefs {
                    recent: app.prefs.recent.clone(),
                    ..Prefs::default()
                };
            }
            app.exit_code = exit2;
            if let Some(l) = lang {
                app.prefs.lang = l;
            }
            app.review = review;
            for c in startup {
                app.command(c);
            }
            if !startup_errors.is_empty() {
                app.modal = Some(Modal::Errors {
                    title: "Could not open the file",
                    lines: startup_errors,
                });
            }
            if let Some((lower, by_site)) = view {
                app.prefs.chart = ChartOptions {
                    lower,
                    stack_by_site: by_site,
                    ..app.prefs.chart
                };
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => *exit.lock().unwrap_or_else(|e| e.into_inner()),
        Err(e) => {
            eprintln!(
                "decarb: could not open the window ({e}).\nUse the command line instead: decarb run | check | summary | report | export FILE."
            );
            1
        }
    }
}
