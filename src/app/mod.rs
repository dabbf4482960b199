//! The planner window (eframe 0.37). Panels read the app state and report changes or emit
//! commands, applied once at the end of the frame; none does emissions math.

pub mod analysis;
pub mod chart;
pub mod dialogs;
pub mod document;
pub mod kpi;
pub mod levers;

pub use crate::i18n;

use crate::engine::{self, Projection, targets};
use crate::model::{self, Scenario};
use crate::units::Units;
use chart::{ChartOptions, Lower};
use dialogs::{FileDialogs, RfdDialogs};
use document::Document;
use i18n::{Lang, tr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The bundled CJK font (BIZ UDPGothic, SIL OFL 1.1, see assets/fonts).
const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/BIZUDPGothic-Regular.ttf");
/// The template of File → New.
pub const TEMPLATE: &str = include_str!("../../assets/template.ron");
const PREFS_KEY: &str = "decarb.prefs";
const MAX_RECENT: usize = 8;

/// Preferences kept between sessions (eframe persistence). Scenarios live in their own files.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub units: Units,
    pub recent: Vec<PathBuf>,
    pub chart: ChartOptions,
}

/// Something the user asked for, applied at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    Undo,
    Redo,
    ResetAll,
    Quit,
    /// Open another scenario next to this one (asks for the file).
    CompareWith,
    ClearCompare,
    /// Exports (ask where to write).
    ExportCsv,
    ExportXlsx,
    ExportHtml,
    /// PNGs of both charts, with title, scenario name and date.
    ExportPng,
}

/// A scenario opened for comparison.
pub struct Compared {
    pub name: String,
    pub scenario: Scenario,
    pub projection: Projection,
}

/// A dialog over the window.
#[derive(Clone, Debug)]
pub enum Modal {
    /// Errors of a failed open or save.
    Errors { title: &'static str, lines: Vec<String> },
    /// Save / Discard / Cancel before `then`.
    Unsaved { then: Command },
}

/// Special runs of the window (docs, CI, benchmarks).
#[derive(Clone, Debug, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// Render until the layout settles, write a PNG, exit.
    Screenshot { out: PathBuf },
    /// Sweep a CO2-free share over `frames` frames and print frame times.
    Bench { frames: u32 },
    /// Write PNGs of both charts (`<stem>-trajectory.png`, `<stem>-lower.png`) and exit.
    ExportPng { out: PathBuf },
}

pub struct DecarbApp {
    pub doc: Document,
    pub prefs: Prefs,
    pub projection: Projection,
    pub results: Vec<targets::TargetResult>,
    computed_for: u64,
    /// Wedges and the runs behind them, computed when a view needs them.
    analysis: Option<(u64, crate::export::Analysis)>,
    /// Read-only review: no lever panel, a plain-language summary instead.
    pub review: bool,
    /// Scenarios opened next to the current one.
    pub compared: Vec<Compared>,
    /// Screen rectangles of the two charts (for PNG export).
    chart_rects: [Option<egui::Rect>; 2],
    /// Where the PNGs of a pending chart export go (stem of the file names).
    png_export: Option<PathBuf>,
    /// Last export written, for the status bar.
    pub last_export: Option<String>,
    pub dialogs: Box<dyn FileDialogs>,
    pub modal: Option<Modal>,
    commands: Vec<Command>,
    allow_close: bool,
    title: String,
    mode: Mode,
    frame_no: u32,
    shot: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    shot_requested: bool,
    frame_times_ms: Vec<f64>,
    cpu_times_ms: Vec<f64>,
    /// Exit code for the special modes.
    pub exit_code: Arc<Mutex<i32>>,
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
        Self::with_prefs(scenario, path, prefs, mode, Box::new(RfdDialogs))
    }

    pub fn with_prefs(
        scenario: Scenario,
        path: Option<PathBuf>,
        prefs: Prefs,
        mode: Mode,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        let projection = engine::project(&scenario);
        let results = targets::evaluate(&scenario, &projection);
        let mut app = DecarbApp {
            doc: Document::new(scenario, path.clone()),
            prefs,
            projection,
            results,
            computed_for: 0,
            analysis: None,
            review: false,
            compared: Vec::new(),
            chart_rects: [None; 2],
            png_export: None,
            last_export: None,
            dialogs,
            modal: None,
            commands: Vec::new(),
            allow_close: false,
            title: String::new(),
            mode,
            frame_no: 0,
            shot: Arc::default(),
            shot_requested: false,
            frame_times_ms: Vec::new(),
            cpu_times_ms: Vec::new(),
            exit_code: Arc::new(Mutex::new(0)),
        };
        if let Some(p) = path {
            app.remember(&p);
        }
        app
    }

    /// Recomputes the projection when the scenario changed.
    fn refresh(&mut self) {
        if self.computed_for != self.doc.generation {
            self.projection = engine::project(&self.doc.scenario);
            self.results = targets::evaluate(&self.doc.scenario, &self.projection);
            self.computed_for = self.doc.generation;
        }
    }

    /// Wedges of the current scenario (recomputed after a change, only when shown).
    fn analysis(&mut self) -> &crate::export::Analysis {
        let generation = self.doc.generation;
        if self.analysis.as_ref().is_none_or(|a| a.0 != generation) {
            self.analysis = Some((generation, crate::export::Analysis::new(&self.doc.scenario)));
        }
        &self.analysis.as_ref().expect("just computed").1
    }

    fn remember(&mut self, path: &Path) {
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

    fn needs_confirmation(c: &Command) -> bool {
        matches!(
            c,
            Command::New | Command::Open | Command::OpenPath(_) | Command::Quit
        )
    }

    fn apply(&mut self, ctx: &egui::Context, c: Command) {
        if Self::needs_confirmation(&c)
            && self.doc.is_dirty()
            && !matches!(self.modal, Some(Modal::Unsaved { .. }))
        {
            self.modal = Some(Modal::Unsaved { then: c });
            return;
        }
        self.apply_confirmed(ctx, c);
    }

    fn apply_confirmed(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::New => match model::from_str(TEMPLATE) {
                Ok(s) => {
                    self.doc = Document::new(s, None);
                    self.doc.touched();
                }
                Err(e) => self.errors("Could not open the file", e.lines()),
            },
            Command::Open => {
                if let Some(path) = self.dialogs.open() {
                    self.open_path(&path);
                }
            }
            Command::OpenPath(path) => self.open_path(&path),
            Command::Save => {
                let _ = self.save();
            }
            Command::SaveAs => {
                let _ = self.save_as();
            }
            Command::Undo => {
                self.doc.undo();
            }
            Command::Redo => {
                self.doc.redo();
            }
            Command::ResetAll => {
                let saved = self.doc.saved.clone();
                self.doc.replace(saved);
            }
            Command::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::CompareWith => {
                if let Some(path) = self.dialogs.open() {
                    match crate::file::load(&path) {
                        Ok(s) => {
                            let name = path.file_name().map_or_else(
                                || path.display().to_string(),
                                |n| n.to_string_lossy().into_owned(),
                            );
                            let projection = engine::project(&s);
                            self.compared.push(Compared {
                                name,
                                scenario: s,
                                projection,
                            });
                            self.prefs.chart.lower = Lower::Compare;
                        }
                        Err(e) => {
                            let mut lines = vec![path.display().to_string()];
                            lines.extend(e.lines());
                            self.errors("Could not open the file", lines);
                        }
                    }
                }
            }
            Command::ClearCompare => self.compared.clear(),
            Command::ExportCsv | Command::ExportXlsx | Command::ExportHtml | Command::ExportPng => {
                self.export(ctx, c);
            }
        }
    }

    fn errors(&mut self, title: &'static str, lines: Vec<String>) {
        self.modal = Some(Modal::Errors { title, lines });
    }

    /// Opens a file; on failure the current scenario stays as it is.
    pub fn open_path(&mut self, path: &Path) {
        match crate::file::load(path) {
            Ok(s) => {
                self.doc = Document::new(s, Some(path.to_path_buf()));
                self.doc.touched();
                self.remember(path);
            }
            Err(e) => {
                let mut lines = vec![path.display().to_string()];
                lines.extend(e.lines());
                self.errors("Could not open the file", lines);
            }
        }
    }

    /// Saves to the document's path (asks for one when there is none). True when saved.
    pub fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(p) => self.save_to(&p),
            None => self.save_as(),
        }
    }

    pub fn save_as(&mut self) -> bool {
        let suggested = self.doc.file_name().unwrap_or_else(|| "scenario.ron".into());
        match self.dialogs.save(&suggested) {
            Some(p) => self.save_to(&p),
            None => false,
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        match crate::file::save(path, &self.doc.scenario) {
            Ok(()) => {
                self.doc.mark_saved(path.to_path_buf());
                self.remember(path);
                true
            }
            Err(e) => {
                self.errors("Could not save the file", vec![e]);
                false
            }
        }
    }

    fn window_title(&self) -> String {
        let name = self
            .doc
            .file_name()
            .unwrap_or_else(|| tr(self.lang(), "untitled").to_string());
        let dirty = if self.doc.is_dirty() { " •" } else { "" };
        format!("{name}{dirty} — {} — Decarb Planner", self.doc.scenario.meta.name)
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        let new = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&redo) {
                self.commands.push(Command::Redo);
            }
            if i.consume_shortcut(&undo) {
                self.commands.push(Command::Undo);
            }
            if i.consume_shortcut(&save) {
                self.commands.push(Command::Save);
            }
            if i.consume_shortcut(&open) {
                self.commands.push(Command::Open);
            }
            if i.consume_shortcut(&new) {
                self.commands.push(Command::New);
            }
        });
        // Files dropped on the window.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(p) = dropped
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "ron"))
        {
            self.commands.push(Command::OpenPath(p));
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr(lang, "File"), |ui| {
                if ui.button(tr(lang, "New")).clicked() {
                    self.commands.push(Command::New);
                }
                if ui.button(tr(lang, "Open…")).clicked() {
                    self.commands.push(Command::Open);
                }
                ui.menu_button(tr(lang, "Open recent"), |ui| {
                    for p in self.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.commands.push(Command::OpenPath(p));
                        }
                    }
                });
                if ui.button(tr(lang, "Save")).clicked() {
                    self.commands.push(Command::Save);
                }
                if ui.button(tr(lang, "Save As…")).clicked() {
                    self.commands.push(Command::SaveAs);
                }
                ui.separator();
                if ui.button(tr(lang, "Compare with…")).clicked() {
                    self.commands.push(Command::CompareWith);
                }
                if ui
                    .add_enabled(
                        !self.compared.is_empty(),
                        egui::Button::new(tr(lang, "Close comparison")),
                    )
                    .clicked()
                {
                    self.commands.push(Command::ClearCompare);
                }
                ui.separator();
                ui.menu_button(tr(lang, "Export"), |ui| {
                    if ui.button(tr(lang, "HTML report…")).clicked() {
                        self.commands.push(Command::ExportHtml);
                    }
                    if ui.button(tr(lang, "XLSX workbook…")).clicked() {
                        self.commands.push(Command::ExportXlsx);
                    }
                    if ui.button(tr(lang, "CSV of each chart…")).clicked() {
                        self.commands.push(Command::ExportCsv);
                    }
                    if ui.button(tr(lang, "PNG of the charts…")).clicked() {
                        self.commands.push(Command::ExportPng);
                    }
                });
                ui.separator();
                if ui.button(tr(lang, "Quit")).clicked() {
                    self.commands.push(Command::Quit);
                }
            });
            ui.menu_button(tr(lang, "Edit"), |ui| {
                if ui
                    .add_enabled(self.doc.can_undo(), egui::Button::new(tr(lang, "Undo")))
                    .clicked()
                {
                    self.commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(self.doc.can_redo(), egui::Button::new(tr(lang, "Redo")))
                    .clicked()
                {
                    self.commands.push(Command::Redo);
                }
                if ui
                    .add_enabled(
                        self.doc.is_dirty(),
                        egui::Button::new(tr(lang, "Reset all levers to saved")),
                    )
                    .clicked()
                {
                    self.commands.push(Command::ResetAll);
                }
            });
            ui.menu_button(tr(lang, "View"), |ui| {
                ui.checkbox(&mut self.review, tr(lang, "Review mode"));
                ui.separator();
                ui.label(tr(lang, "Language"));
                ui.radio_value(&mut self.prefs.lang, Lang::En, "English");
                ui.radio_value(&mut self.prefs.lang, Lang::Ja, "日本語");
                ui.separator();
                ui.label(tr(lang, "Units"));
                for u in Units::ALL {
                    ui.radio_value(&mut self.prefs.units, u, u.label());
                }
            });
        });
    }

    fn options_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        let has_compare = !self.compared.is_empty();
        let c = &mut self.prefs.chart;
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(lang, "Scopes"));
            ui.checkbox(&mut c.scope3, tr(lang, "Scope 3"));
            ui.checkbox(&mut c.location_based, tr(lang, "Location-based Scope 2"));
            ui.separator();
            let stacked = c.lower == Lower::Stacked;
            if ui
                .radio(stacked && !c.stack_by_site, tr(lang, "By source"))
                .clicked()
            {
                c.lower = Lower::Stacked;
                c.stack_by_site = false;
            }
            if ui
                .radio(stacked && c.stack_by_site, tr(lang, "By site"))
                .clicked()
            {
                c.lower = Lower::Stacked;
                c.stack_by_site = true;
            }
            ui.radio_value(&mut c.lower, Lower::Wedges, tr(lang, "Wedges"));
            ui.radio_value(&mut c.lower, Lower::Bridge, tr(lang, "Bridge"));
            ui.radio_value(&mut c.lower, Lower::Factors, tr(lang, "Factors"));
            if has_compare {
                ui.radio_value(&mut c.lower, Lower::Compare, tr(lang, "Compare"));
            }
            ui.separator();
            for u in Units::ALL {
                ui.radio_value(&mut self.prefs.units, u, u.label());
            }
        });
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        let Some(modal) = self.modal.clone() else { return };
        let mut close = false;
        let mut then: Option<(Command, bool)> = None;
        egui::Modal::new(egui::Id::unique("decarb-modal")).show(ctx, |ui| match &modal {
            Modal::Errors { title, lines } => {
                ui.heading(tr(lang, title));
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    for l in lines {
                        ui.label(l);
                    }
                });
                if title.starts_with("Could not open") {
                    ui.label(tr(lang, "The current scenario is unchanged."));
                }
                if ui.button(tr(lang, "OK")).clicked() {
                    close = true;
                }
            }
            Modal::Unsaved { then: c } => {
                ui.heading(tr(lang, "Unsaved changes"));
                ui.label(tr(lang, "Save changes before closing?"));
                ui.horizontal(|ui| {
                    if ui.button(tr(lang, "Save")).clicked() {
                        then = Some((c.clone(), true));
                    }
                    if ui.button(tr(lang, "Discard")).clicked() {
                        then = Some((c.clone(), false));
                    }
                    if ui.button(tr(lang, "Cancel")).clicked() {
                        close = true;
                    }
                });
            }
        });
        if close {
            self.modal = None;
        }
        if let Some((c, save_first)) = then {
            self.modal = None;
            if !save_first || self.save() {
                self.apply_confirmed(ctx, c);
            }
        }
    }

    /// Builds the whole window (also used by the UI tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let t0 = Instant::now();
        self.frame_no += 1;
        self.shortcuts(&ctx);
        if let Mode::Bench { frames } = self.mode {
            // Sweep the largest site's CO2-free share over the frames.
            let k = self.frame_no.min(frames);
            let share = f64::from(k) / f64::from(frames.max(1));
            if let Some(site) = self.doc.scenario.sites.first_mut() {
                site.co2_free_share = crate::model::Path(vec![(self.doc.scenario.base_year, share)]);
            }
            self.doc.touched();
        }
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.allow_close
            && matches!(self.mode, Mode::Normal)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved { then: Command::Quit });
        }
        self.refresh();

        let lang = self.lang();
        let units = self.prefs.units;
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::top("kpi").show(ui, |ui| {
            kpi::kpi_ui(
                ui,
                &self.doc.scenario,
                &self.projection,
                &self.results,
                lang,
                units,
            );
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let name = self
                    .doc
                    .path
                    .as_ref()
                    .map_or_else(|| tr(lang, "untitled").to_string(), |p| p.display().to_string());
                ui.label(name);
                ui.separator();
                ui.label(tr(lang, "Drop a .ron scenario file to open it"));
                if let Some(e) = &self.last_export {
                    ui.separator();
                    ui.label(e);
                }
                if !self.doc.problems.is_empty() {
                    ui.separator();
                    ui.colored_label(
                        egui::Color32::from_rgb(210, 50, 40),
                        format!(
                            "{} {}",
                            tr(lang, "The scenario has problems:"),
                            self.doc.problems.join("; ")
                        ),
                    );
                }
            });
        });
        let mut changed = false;
        if self.review {
            self.analysis();
            let (s, p, r) = (&self.doc.scenario, &self.projection, &self.results);
            let w = &self.analysis.as_ref().expect("computed above").1.wedges;
            egui::Panel::left("review")
                .resizable(true)
                .default_size(430.0)
                .show(ui, |ui| {
                    ui.heading(tr(lang, "Summary"));
                    ui.label(egui::RichText::new(&s.meta.name).strong());
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        for line in crate::report::review_text(s, p, r, w, lang, units) {
                            ui.label(line);
                        }
                        if !s.meta.description.is_empty() {
                            ui.separator();
                            ui.label(&s.meta.description);
                        }
                    });
                });
        } else {
            egui::Panel::left("levers")
                .resizable(true)
                .default_size(430.0)
                .max_size(620.0)
                .show(ui, |ui| {
                    let c = levers::Ctx {
                        lang,
                        base: self.doc.scenario.base_year,
                        last: self.doc.scenario.last_year,
                        saved: &self.doc.saved,
                    };
                    changed = levers::levers_ui(ui, &mut self.doc.scenario, &c);
                });
        }
        if changed {
            self.doc.touched();
            // Same frame: recompute before the charts are drawn.
            self.refresh();
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.options_ui(ui);
            let view = chart::View {
                s: &self.doc.scenario,
                p: &self.projection,
                opts: &self.prefs.chart,
                lang,
                units,
                others: self
                    .compared
                    .iter()
                    .map(|c| (c.name.as_str(), &c.projection))
                    .collect(),
            };
            // Chart titles carry the scenario name (and the date while exporting PNGs).
            let title = |ui: &mut egui::Ui, what: &str, exporting: bool| {
                let date = if exporting {
                    format!(" — {}", crate::export::today())
                } else {
                    String::new()
                };
                ui.label(
                    egui::RichText::new(format!("{what} — {}{date}", self.doc.scenario.meta.name)).strong(),
                )
                .rect
            };
            let exporting = self.png_export.is_some();
            let h = ui.available_height();
            let t1 = title(ui, tr(lang, "Trajectory"), exporting);
            let r1 = chart::trajectory_ui(ui, &view, &self.results, (h * 0.56 - 20.0).max(120.0));
            let lower = self.prefs.chart.lower;
            let lower_title = match lower {
                Lower::Stacked if self.prefs.chart.stack_by_site => tr(lang, "By site"),
                Lower::Stacked => tr(lang, "By source"),
                Lower::Wedges => tr(lang, "Wedges"),
                Lower::Bridge => tr(lang, "Bridge"),
                Lower::Factors => tr(lang, "Factors"),
                Lower::Compare => tr(lang, "Compare"),
            };
            let t2 = title(ui, lower_title, exporting);
            let h = (ui.available_height() - 8.0).max(100.0);
            let r2 = match lower {
                Lower::Stacked => chart::stacked_ui(ui, &view, h),
                lower => self.analysis_ui(ui, lower, h),
            };
            self.chart_rects = [Some(t1.union(r1)), Some(t2.union(r2))];
        });
        self.modal_ui(&ctx);

        // One undo step per drag: close the step when no pointer is held.
        if !ctx.input(|i| i.pointer.any_down()) {
            self.doc.commit();
        }
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // Show the outcome (a dialog, a new scenario) on the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            self.apply(&ctx, c);
        }
        self.refresh();
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.special_modes(&ctx, t0);
    }

    /// Key figures side by side and every input that differs from the current scenario.
    fn compare_ui(&mut self, ui: &mut egui::Ui, height: f32) {
        let lang = self.lang();
        let units = self.prefs.units;
        if self.compared.is_empty() {
            ui.label(tr(lang, "Compare with…"));
            return;
        }
        let current_name = self
            .doc
            .file_name()
            .unwrap_or_else(|| self.doc.scenario.meta.name.clone());
        let mut items: Vec<(String, &Scenario, &Projection)> =
            vec![(current_name, &self.doc.scenario, &self.projection)];
        items.extend(
            self.compared
                .iter()
                .map(|c| (c.name.clone(), &c.scenario, &c.projection)),
        );
        egui::ScrollArea::vertical().max_height(height).show(ui, |ui| {
            egui::Grid::new("compare-kpis").striped(true).show(ui, |ui| {
                ui.strong("");
                for (n, _, _) in &items {
                    ui.strong(n);
                }
                ui.end_row();
                for y in crate::report::KEY_YEARS {
                    ui.label(format!("{} {}", tr(lang, "Net"), i18n::fy(lang, y)));
                    for (_, _, p) in &items {
                        ui.label(p.totals(y).map_or("n/a".into(), |t| units.fmt(t.net)));
                    }
                    ui.end_row();
                }
                let mut labels: Vec<String> = Vec::new();
                for (_, s, _) in &items {
                    for t in &s.targets {
                        if !labels.contains(&t.label) {
                            labels.push(t.label.clone());
                        }
                    }
                }
                let results: Vec<Vec<targets::TargetResult>> =
                    items.iter().map(|(_, s, p)| targets::evaluate(s, p)).collect();
                for l in &labels {
                    ui.label(l);
                    for r in &results {
                        ui.label(r.iter().find(|x| &x.label == l).map_or("—".into(), |x| {
                            format!(
                                "{} {}",
                                crate::report::fmt_target_value(x.unit, x.value, units),
                                tr(lang, if x.met { "met" } else { "missed" })
                            )
                        }));
                    }
                    ui.end_row();
                }
            });
            for (name, s, _) in &items[1..] {
                ui.separator();
                ui.strong(format!("{} → {name}", tr(lang, "Inputs and levers that differ")));
                let d = crate::model::diff::diff(items[0].1, s);
                if d.is_empty() {
                    ui.label(tr(lang, "No differences"));
                }
                egui::Grid::new(("compare-diff", name.as_str()))
                    .striped(true)
                    .show(ui, |ui| {
                        for x in d {
                            ui.label(&x.path);
                            ui.label(x.a.as_deref().unwrap_or("—"));
                            ui.label(x.b.as_deref().unwrap_or("—"));
                            ui.end_row();
                        }
                    });
            }
        });
    }

    fn export_stem(&self) -> String {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "scenario".to_string(), |s| s.to_string_lossy().into_owned())
    }

    /// Writes an export where the user says; failures are shown, never lose the scenario.
    fn export(&mut self, ctx: &egui::Context, c: Command) {
        let stem = self.export_stem();
        let s = self.doc.scenario.clone();
        let (suggested, what) = match c {
            Command::ExportCsv => (format!("{stem}-trajectories.csv"), "CSV"),
            Command::ExportXlsx => (format!("{stem}.xlsx"), "XLSX"),
            Command::ExportHtml => (format!("{stem}-report.html"), "HTML"),
            _ => (format!("{stem}-chart.png"), "PNG"),
        };
        let Some(path) = self.dialogs.save(&suggested) else {
            return;
        };
        let result = match c {
            Command::ExportCsv => {
                // One CSV per chart next to the chosen file: <stem>-<table>.csv
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let base = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().replace("-trajectories", ""))
                    .unwrap_or_else(|| stem.clone());
                crate::export::tables::tables(&s).into_iter().try_for_each(|t| {
                    let name = format!("{base}-{}.csv", t.name.to_lowercase().replace(' ', "_"));
                    crate::file::write_atomic(&dir.join(name), t.to_csv().as_bytes())
                })
            }
            Command::ExportXlsx => {
                crate::export::xlsx::workbook(&s).and_then(|b| crate::file::write_atomic(&path, &b))
            }
            Command::ExportHtml => {
                let r =
                    crate::export::html::report(&s, self.lang(), self.prefs.units, &crate::export::today());
                crate::file::write_atomic(&path, r.html.as_bytes())
            }
            _ => {
                // Taken from the next rendered frame (see `special_modes`).
                self.png_export = Some(path.clone());
                self.shot_requested = false;
                ctx.request_repaint();
                Ok(())
            }
        };
        match result {
            Ok(()) => self.last_export = Some(format!("{what}: {}", path.display())),
            Err(e) => self.errors("Could not save the file", vec![e]),
        }
    }

    fn analysis_ui(&mut self, ui: &mut egui::Ui, lower: Lower, height: f32) -> egui::Rect {
        let top = ui.cursor().min;
        self.analysis_inner(ui, lower, height);
        egui::Rect::from_min_max(top, egui::pos2(ui.max_rect().right(), ui.min_rect().bottom()))
    }

    fn analysis_inner(&mut self, ui: &mut egui::Ui, lower: Lower, height: f32) {
        let lang = self.lang();
        let units = self.prefs.units;
        let (base, last) = (self.doc.scenario.base_year, self.doc.scenario.last_year);
        let opts = &mut self.prefs.chart;
        if opts.from_year == 0 {
            opts.from_year = base;
        }
        if opts.to_year == 0 {
            opts.to_year = 2030.clamp(base, last);
        }
        if !matches!(lower, Lower::Wedges | Lower::Compare) {
            ui.horizontal(|ui| {
                let earliest = self
                    .doc
                    .scenario
                    .history
                    .iter()
                    .map(|h| h.year)
                    .min()
                    .unwrap_or(base)
                    .min(base);
                ui.add(
                    egui::DragValue::new(&mut opts.from_year)
                        .range(earliest..=last)
                        .prefix("FY"),
                )
                .on_hover_text(tr(lang, "from"));
                ui.label("→");
                ui.add(
                    egui::DragValue::new(&mut opts.to_year)
                        .range(earliest..=last)
                        .prefix("FY"),
                )
                .on_hover_text(tr(lang, "to"));
                for y in [2013, 2018] {
                    if ui.small_button(i18n::fy(lang, y)).clicked() {
                        opts.from_year = y;
                    }
                }
                for y in [2030, 2050] {
                    if ui.small_button(format!("→ {}", i18n::fy(lang, y))).clicked() {
                        opts.to_year = y;
                    }
                }
            });
        }
        let (from, to) = (self.prefs.chart.from_year, self.prefs.chart.to_year);
        match lower {
            Lower::Stacked => {}
            Lower::Wedges => {
                let a = self.analysis();
                analysis::wedges_ui(ui, &a.projection, &a.wedges, lang, units, height);
            }
            Lower::Bridge => {
                self.analysis();
                let a = &self.analysis.as_ref().expect("computed above").1;
                let s = &self.doc.scenario;
                match engine::wedges::bridge(s, &a.engine, &a.projection, &a.runs, &a.metric, from, to) {
                    Ok(b) => analysis::bridge_ui(ui, &b, &self.results, lang, units, height - 30.0),
                    Err(e) => {
                        ui.colored_label(egui::Color32::from_rgb(210, 50, 40), e);
                    }
                }
            }
            Lower::Factors => {
                let f = engine::factors::analyse(&self.doc.scenario, &self.projection, from, to);
                analysis::factors_ui(ui, &f, lang, units);
            }
            Lower::Compare => self.compare_ui(ui, height),
        }
    }

    /// PNG export of the charts: a screenshot of the next frame, cropped to each chart.
    fn png_export_step(&mut self, ctx: &egui::Context) {
        let Some(path) = self.png_export.clone() else {
            return;
        };
        ctx.request_repaint();
        if !self.shot_requested {
            let slot = self.shot.clone();
            ctx.request_screenshot(move |img| {
                *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(img);
            });
            self.shot_requested = true;
            return;
        }
        let Some(img) = self.shot.lock().unwrap_or_else(|e| e.into_inner()).take() else {
            return;
        };
        let ppp = ctx.pixels_per_point();
        let stem = path.with_extension("");
        let mut written = Vec::new();
        let mut failed = None;
        for (k, rect) in self.chart_rects.iter().enumerate() {
            let Some(rect) = rect else { continue };
            // Inside the image, whatever the layout did.
            let bounds = egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(img.size[0] as f32 / ppp, img.size[1] as f32 / ppp),
            );
            let rect = rect.intersect(bounds);
            if !rect.is_positive() {
                continue;
            }
            let part = pad_to_16_9(&img.region(&rect, Some(ppp)));
            let out = PathBuf::from(format!("{}-{}.png", stem.display(), ["trajectory", "lower"][k]));
            match write_png(&out, &part) {
                Ok(()) => written.push(out.display().to_string()),
                Err(e) => failed = Some(e),
            }
        }
        self.png_export = None;
        self.shot_requested = false;
        match failed {
            Some(e) => self.errors("Could not save the file", vec![e]),
            None => self.last_export = Some(format!("PNG: {}", written.join(", "))),
        }
    }

    fn special_modes(&mut self, ctx: &egui::Context, t0: Instant) {
        self.png_export_step(ctx);
        match self.mode.clone() {
            Mode::Normal => {}
            Mode::ExportPng { out } => {
                ctx.request_repaint();
                if self.frame_no == 12 {
                    self.png_export = Some(out);
                } else if self.frame_no > 12 && self.png_export.is_none() {
                    let ok = self.last_export.is_some() && self.modal.is_none();
                    if let Some(e) = &self.last_export {
                        println!("{e}");
                    }
                    *self.exit_code.lock().unwrap_or_else(|e| e.into_inner()) = if ok { 0 } else { 1 };
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Mode::Screenshot { out } => {
                ctx.request_repaint();
                if self.frame_no >= 12 && !self.shot_requested {
                    let slot = self.shot.clone();
                    ctx.request_screenshot(move |img| {
                        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(img);
                    });
                    self.shot_requested = true;
                }
                let img = self.shot.lock().unwrap_or_else(|e| e.into_inner()).take();
                if let Some(img) = img {
                    let code = match write_png(&out, &img) {
                        Ok(()) => {
                            println!("{}: {}×{} px", out.display(), img.size[0], img.size[1]);
                            0
                        }
                        Err(e) => {
                            eprintln!("{e}");
                            1
                        }
                    };
                    *self.exit_code.lock().unwrap_or_else(|e| e.into_inner()) = code;
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Mode::Bench { frames } => {
                ctx.request_repaint();
                // Skip the first frames (font atlas, first layout).
                if self.frame_no > 3 {
                    self.frame_times_ms.push(t0.elapsed().as_secs_f64() * 1e3);
                }
                if self.frame_no == frames + 3 {
                    print_stats("ui + engine (our code)", &mut self.frame_times_ms);
                    print_stats("whole frame CPU (eframe)", &mut self.cpu_times_ms);
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }
}

fn print_stats(what: &str, v: &mut [f64]) {
    if v.is_empty() {
        return;
    }
    v.sort_by(f64::total_cmp);
    println!(
        "{what}: {} frames, min {:.2} ms, median {:.2} ms, max {:.2} ms",
        v.len(),
        v[0],
        v[v.len() / 2],
        v[v.len() - 1]
    );
}

/// Centres an image on a 16:9 canvas of its background colour (slides).
pub fn pad_to_16_9(img: &egui::ColorImage) -> egui::ColorImage {
    let [w, h] = img.size;
    let (cw, ch) = if w * 9 >= h * 16 {
        (w, (w * 9).div_ceil(16))
    } else {
        ((h * 16).div_ceil(9), h)
    };
    let bg = img.pixels.first().copied().unwrap_or(egui::Color32::BLACK);
    let mut out = egui::ColorImage::new([cw, ch], vec![bg; cw * ch]);
    let (ox, oy) = ((cw - w) / 2, (ch - h) / 2);
    for y in 0..h {
        out.pixels[(oy + y) * cw + ox..(oy + y) * cw + ox + w]
            .copy_from_slice(&img.pixels[y * w..(y + 1) * w]);
    }
    out
}

/// Writes a screenshot as PNG.
pub fn write_png(path: &Path, img: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = img.size;
    let bytes: Vec<u8> = img.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buf = image::RgbaImage::from_raw(w as u32, h as u32, bytes).ok_or("bad screenshot size")?;
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(buf)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| format!("could not encode the PNG: {e}"))?;
    crate::file::write_atomic(path, &png)
}

impl eframe::App for DecarbApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let (Mode::Bench { .. }, Some(cpu)) = (&self.mode, frame.info().cpu_usage)
            && self.frame_no > 3
        {
            self.cpu_times_ms.push(f64::from(cpu) * 1e3);
        }
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

/// Opens the window; returns the process exit code.
pub fn run(scenario: Scenario, path: Option<PathBuf>, mode: Mode, lang: Option<Lang>, review: bool) -> i32 {
    let has_display = std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if !has_display {
        eprintln!(
            "decarb: the planner window needs a display (no DISPLAY or WAYLAND_DISPLAY is set).\n\
             Without one, use the command line: decarb run | check | summary | factors FILE (see decarb --help)."
        );
        return 1;
    }
    let size = match mode {
        Mode::Normal => [1440.0, 900.0],
        _ => [1600.0, 1000.0],
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(size)
            .with_min_inner_size([900.0, 600.0])
            .with_title("Decarb Planner")
            .with_drag_and_drop(true),
        persist_window: matches!(mode, Mode::Normal),
        ..Default::default()
    };
    let exit = Arc::new(Mutex::new(0));
    let exit2 = exit.clone();
    let result = eframe::run_native(
        "decarb",
        options,
        Box::new(move |cc| {
            let mut app = DecarbApp::new(cc, scenario, path, mode);
            app.exit_code = exit2;
            if let Some(l) = lang {
                app.prefs.lang = l;
            }
            app.review = review;
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => *exit.lock().unwrap_or_else(|e| e.into_inner()),
        Err(e) => {
            eprintln!(
                "decarb: could not open the window ({e}).\nUse the command line instead: decarb run | check | summary | factors FILE."
            );
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_pngs_are_padded_to_16_9() {
        let img = egui::ColorImage::new([1000, 430], vec![egui::Color32::RED; 1000 * 430]);
        let out = pad_to_16_9(&img);
        assert_eq!(out.size, [1000, 563]);
        let tall = egui::ColorImage::new([300, 400], vec![egui::Color32::RED; 300 * 400]);
        assert_eq!(pad_to_16_9(&tall).size, [712, 400]);
    }
}
