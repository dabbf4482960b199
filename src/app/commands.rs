//! Commands: what the menus, shortcuts and dialogs ask for, applied once at the end of the
//! frame. File operations never lose the open scenario: a failed open or save leaves it as it
//! was and says why.

use super::dialogs::Choice;
use super::document::Document;
use super::{DecarbApp, Modal, TEMPLATE};
use crate::engine::Metric;
use crate::i18n::tr;
use crate::model;
use std::path::{Path, PathBuf};

/// Something the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    /// Save to this path (from the in-window path field).
    SaveTo(PathBuf),
    Undo,
    Redo,
    ResetAll,
    Quit,
    /// Open another scenario next to this one (asks for the file).
    CompareWith,
    ComparePath(PathBuf),
    ClearCompare,
    /// Ask where, then write an export.
    Export(ExportKind),
    ExportTo(ExportKind, PathBuf),
    SetMetric(Metric),
    /// Bridge and factor analysis years.
    SetYears(i32, i32),
    /// An edit from a view other than the lever panel (the uncertainty editor).
    Edit(crate::model::edit::Edit),
    /// Show or hide the Monte Carlo fan over the trajectory.
    ShowFan(bool),
    /// Sobol indices in the background, and their Cancel.
    StartSobol,
    CancelSobol,
    /// The goal-seek dialog: open, run in the background, cancel, close.
    OpenGoalSeek,
    RunGoalSeek,
    CancelGoalSeek,
    CloseGoalSeek,
    /// The goal seek's answer: make it the plan (one undo step), save it, drop it.
    KeepAnswer,
    SaveAnswer,
    DiscardAnswer,
    /// The inventory window and the "new company" form.
    Inventory(super::inventory::InventoryCommand),
    /// Ask for a filled workbook (.xlsx) or CSV folder, then import it as a new scenario.
    Import,
    ImportFolder,
    ImportPath(PathBuf),
    /// Ask where, then write the empty inventory workbook to fill.
    SaveWorkbookTemplate,
    /// The "New target from template" dialog, and adding its targets to the plan.
    OpenTemplate,
    AddTemplateTargets,
    CloseTemplate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Html,
    Xlsx,
    /// One CSV per chart, next to the chosen file.
    Csv,
    /// PNGs of the two charts on screen (1920×1080, light theme).
    Png,
}

impl ExportKind {
    pub(crate) fn extension(self) -> &'static str {
        match self {
            ExportKind::Html => "html",
            ExportKind::Xlsx => "xlsx",
            ExportKind::Csv => "csv",
            ExportKind::Png => "png",
        }
    }
    fn suffix(self) -> &'static str {
        match self {
            ExportKind::Html => "-report.html",
            ExportKind::Xlsx => ".xlsx",
            ExportKind::Csv => "-trajectories.csv",
            ExportKind::Png => "-chart.png",
        }
    }
    pub fn what(self) -> &'static str {
        match self {
            ExportKind::Html => "HTML report",
            ExportKind::Xlsx => "XLSX workbook",
            ExportKind::Csv => "CSV",
            ExportKind::Png => "PNG",
        }
    }
}

/// What a path typed in the window is for.
#[derive(Clone, Debug, PartialEq)]
pub enum SavePurpose {
    Scenario,
    /// Save, then carry on with the command that asked (New, Open, Quit).
    ScenarioThen(Box<Command>),
    Export(ExportKind),
    /// The goal seek's answer, as a scenario file.
    Answer,
    /// The empty inventory workbook.
    WorkbookTemplate,
}

/// A file name from a scenario name: lower case, ASCII letters and digits joined by '-'.
pub fn file_stem_for(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_matches('-').to_string();
    // At most 48 characters, cut at a word boundary.
    if out.len() > 48 {
        let cut = out[..48].rfind('-').unwrap_or(48);
        out.truncate(cut);
    }
    if out.is_empty() { "scenario".into() } else { out }
}

impl DecarbApp {
    fn needs_confirmation(c: &Command) -> bool {
        matches!(
            c,
            Command::New
                | Command::Open
                | Command::OpenPath(_)
                | Command::Quit
                | Command::ImportPath(_)
                | Command::Inventory(super::inventory::InventoryCommand::CreateCompany)
        )
    }

    pub(crate) fn errors(&mut self, title: &'static str, lines: Vec<String>) {
        self.modal = Some(Modal::Errors { title, lines });
    }

    /// The folder and stem suggested for a new file: the open file's, else from the scenario name.
    pub(crate) fn suggestion(&self) -> (Option<PathBuf>, String) {
        let dir = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf);
        let stem = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file_stem_for(&self.doc.scenario().meta.name));
        (dir, stem)
    }

    /// Asks where to save: the native dialog, or the path field in the window when none is
    /// available. Returns the path when chosen now.
    pub(crate) fn ask_path(
        &mut self,
        purpose: SavePurpose,
        name: String,
        filter: (&str, &str),
    ) -> Option<PathBuf> {
        let (dir, _) = self.suggestion();
        match self.dialogs.save(dir.as_deref(), &name, filter) {
            Choice::Chosen(p) => Some(p),
            Choice::Cancelled => None,
            Choice::Unavailable => {
                let base = dir.unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
                self.modal = Some(Modal::PathInput {
                    purpose,
                    text: base.join(name).display().to_string(),
                });
                None
            }
        }
    }

    /// Writes the empty inventory workbook (`decarb template --xlsx`).
    pub fn save_workbook_template(&mut self, path: &Path) {
        let path = if path.extension().is_none() {
            path.with_extension("xlsx")
        } else {
            path.to_path_buf()
        };
        match crate::workbook::io::template_xlsx().and_then(|b| crate::file::write_atomic(&path, &b)) {
            Ok(()) => {
                self.status = Some(format!(
                    "{} {}",
                    crate::i18n::tr(self.lang(), "Wrote the inventory workbook to fill:"),
                    path.display()
                ))
            }
            Err(e) => self.errors("Could not save the file", vec![path.display().to_string(), e]),
        }
    }

    /// Saves to the document's path (asks for one when there is none). True when saved now.
    pub fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(p) => self.save_to(&p),
            None => self.save_as(SavePurpose::Scenario),
        }
    }

    fn save_as(&mut self, purpose: SavePurpose) -> bool {
        let (_, stem) = self.suggestion();
        match self.ask_path(purpose, format!("{stem}.ron"), ("Decarb scenario", "ron")) {
            Some(p) => self.save_to(&p),
            None => false,
        }
    }

    pub fn save_to(&mut self, path: &Path) -> bool {
        let path = if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path.to_path_buf()
        };
        match crate::file::save(&path, self.doc.scenario()) {
            Ok(()) => {
                self.doc.mark_saved(path.clone());
                self.remember(&path);
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.status = Some(format!("{} {name}", tr(self.lang(), "Saved")));
                true
            }
            Err(e) => {
                self.errors("Could not save the file", vec![e]);
                false
            }
        }
    }

    /// The lower chart as the PNG export names it.
    pub(crate) fn lower_chart_kind(&self) -> crate::export::png::LowerChart {
        use crate::export::png::LowerChart;
        match self.prefs.chart.lower {
            super::panels::Lower::Stacked if self.prefs.chart.stack_by_site => LowerChart::BySite,
            super::panels::Lower::Stacked => LowerChart::BySource,
            super::panels::Lower::Wedges => LowerChart::Wedges,
            super::panels::Lower::Bridge => LowerChart::Bridge,
            _ => LowerChart::BySource,
        }
    }
}

/// Applies a command, asking Save / Discard / Cancel first where unsaved work would be lost.
pub fn apply(app: &mut DecarbApp, ctx: &egui::Context, c: Command) {
    if DecarbApp::needs_confirmation(&c)
        && app.doc.is_dirty()
        && !matches!(app.modal, Some(Modal::Unsaved { .. }))
    {
        app.modal = Some(Modal::Unsaved { then: c });
        return;
    }
    apply_confirmed(app, ctx, c);
}

/// Applies a command without asking.
pub fn apply_confirmed(app: &mut DecarbApp, ctx: &egui::Context, c: Command) {
    match c {
        Command::Edit(e) => {
            if let Some(n) = app.doc.apply_edits(vec![e]).into_iter().last() {
                app.status = Some(n);
            }
        }
        Command::ShowFan(on) => app.prefs.chart.hide_fan = !on,
        Command::StartSobol => {
            if app.sobol.is_none() {
                let d = &app.doc;
                app.sobol = Some(super::uncertainty::SobolJob::start(
                    d.revision(),
                    d.scenario(),
                    d.engine(),
                    d.metric(),
                ));
            }
        }
        Command::CancelSobol => {
            if let Some(j) = &app.sobol {
                j.cancel();
            }
        }
        Command::New => match model::from_str(TEMPLATE) {
            Ok(s) => app.set_document(Document::new(s, None)),
            Err(e) => app.errors("Could not open the file", e.lines()),
        },
        Command::Inventory(c) => app.inventory_command(c),
        Command::Import => {
            if let Some(path) = app.dialogs.import(false) {
                app.command(Command::ImportPath(path));
            }
        }
        Command::ImportFolder => {
            if let Some(path) = app.dialogs.import(true) {
                app.command(Command::ImportPath(path));
            }
        }
        Command::ImportPath(path) => app.import_path(&path),
        Command::SaveWorkbookTemplate => {
            if let Some(p) = app.ask_path(
                SavePurpose::WorkbookTemplate,
                "inventory-template.xlsx".into(),
                ("Excel workbook", "xlsx"),
            ) {
                app.save_workbook_template(&p);
            }
        }
        Command::Open => {
            if let Some(path) = app.dialogs.open() {
                app.open_path(&path);
            }
        }
        Command::OpenPath(path) => app.open_path(&path),
        Command::Save => {
            app.save();
        }
        Command::SaveAs => {
            app.save_as(SavePurpose::Scenario);
        }
        Command::SaveTo(p) => {
            app.save_to(&p);
        }
        Command::Undo => {
            app.doc.undo();
        }
        Command::Redo => {
            app.doc.redo();
        }
        Command::ResetAll => {
            let saved = app.doc.saved().clone();
            app.doc.replace(saved);
        }
        Command::Quit => {
            app.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        Command::CompareWith => {
            if let Some(path) = app.dialogs.open() {
                app.compare_path(&path);
            }
        }
        Command::ComparePath(p) => app.compare_path(&p),
        Command::ClearCompare => {
            app.compared.clear();
            if app.prefs.chart.lower == super::panels::Lower::Compare {
                app.prefs.chart.lower = super::panels::Lower::Stacked;
            }
        }
        Command::Export(kind) => {
            let (_, stem) = app.suggestion();
            let name = format!("{stem}{}", kind.suffix());
            let filter = match kind {
                ExportKind::Html => ("HTML report", "html"),
                ExportKind::Xlsx => ("Excel workbook", "xlsx"),
                ExportKind::Csv => ("CSV", "csv"),
                ExportKind::Png => ("PNG image", "png"),
            };
            if let Some(p) = app.ask_path(SavePurpose::Export(kind), name, filter) {
                app.export_to(kind, &p);
            }
        }
        Command::ExportTo(kind, p) => app.export_to(kind, &p),
        Command::SetMetric(m) => app.doc.set_metric(m),
        Command::SetYears(from, to) => {
            app.doc.view.from_year = from;
            app.doc.view.to_year = to;
        }
        Command::OpenGoalSeek
        | Command::RunGoalSeek
        | Command::CancelGoalSeek
        | Command::CloseGoalSeek
        | Command::KeepAnswer
        | Command::DiscardAnswer
        | Command::OpenTemplate
        | Command::AddTemplateTargets
        | Command::CloseTemplate => app.goal_command(c),
        Command::SaveAnswer => {
            let (_, stem) = app.suggestion();
            if let Some(p) = app.ask_path(
                SavePurpose::Answer,
                format!("{stem}-goal-seek.ron"),
                ("Decarb scenario", "ron"),
            ) {
                app.save_answer(&p);
            }
        }
    }
}

/// The Save button of the unsaved-changes question: save (asking where if needed), then go on.
pub fn save_then(app: &mut DecarbApp, ctx: &egui::Context, then: Command) {
    if app.doc.path.is_some() {
        if app.save() {
            apply_confirmed(app, ctx, then);
        }
        return;
    }
    if app.save_as(SavePurpose::ScenarioThen(Box::new(then.clone()))) {
        apply_confirmed(app, ctx, then);
    }
}

/// The path typed in the window: save or export there.
pub fn path_entered(app: &mut DecarbApp, ctx: &egui::Context, purpose: SavePurpose, path: PathBuf) {
    match purpose {
        SavePurpose::Scenario => {
            app.save_to(&path);
        }
        SavePurpose::ScenarioThen(then) => {
            if app.save_to(&path) {
                apply_confirmed(app, ctx, *then);
            }
        }
        SavePurpose::Export(kind) => app.export_to(kind, &path),
        SavePurpose::Answer => app.save_answer(&path),
        SavePurpose::WorkbookTemplate => app.save_workbook_template(&path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_scenario_name() {
        assert_eq!(
            file_stem_for("JX Metals group — CO2-free power and recycling (FY2018 base)"),
            "jx-metals-group-co2-free-power-and-recycling"
        );
        assert_eq!(file_stem_for("日本軽金属"), "scenario");
        assert_eq!(file_stem_for("NLM 日本軽金属 2030"), "nlm-2030");
    }
}
