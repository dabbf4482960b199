//! The window's panels, one module each. A panel reads the app state and returns or queues
//! what the user asked for; it computes no emissions.

pub mod compare;
pub mod cost;
pub mod goal_seek;
pub mod inventory;
pub mod kpi;
pub mod levers;
pub mod lower;
pub mod modal;
pub mod options;
pub mod plot;
pub mod review;
pub mod trajectory;
pub mod uncertainty;

use super::DecarbApp;
use crate::i18n::tr;

/// What the lower chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lower {
    #[default]
    Stacked,
    Wedges,
    Bridge,
    Factors,
    Cost,
    Uncertainty,
    Compare,
}

/// The status bar: the file, the last outcome (saved, exported …) and validation problems.
pub fn status_ui(app: &mut DecarbApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    ui.horizontal_wrapped(|ui| {
        app.jobs_ui(ui);
        let name = app
            .doc
            .path
            .as_ref()
            .map_or_else(|| tr(lang, "untitled").to_string(), |p| p.display().to_string());
        ui.label(name);
        ui.separator();
        match &app.status {
            Some(s) => {
                ui.label(egui::RichText::new(s).strong());
            }
            None => {
                ui.label(tr(lang, "Drop a .ron scenario file to open it"));
            }
        }
        if !app.doc.problems.is_empty() {
            ui.separator();
            ui.colored_label(
                egui::Color32::from_rgb(200, 50, 40),
                format!(
                    "{} {}",
                    tr(lang, "The scenario has problems:"),
                    app.doc.problems.join("; ")
                ),
            );
        }
    });
}

/// The central area: the options row, the trajectory and the lower view.
pub fn central_ui(app: &mut DecarbApp, ui: &mut egui::Ui) {
    if let Some(c) = options::options_ui(ui, &app.doc, &mut app.prefs, !app.compared.is_empty()) {
        app.command(c);
    }
    let h = ui.available_height();
    // The cost view has three parts (KPIs, two charts, a table): it gets more of the height.
    let share = if matches!(app.prefs.chart.lower, Lower::Cost | Lower::Uncertainty) {
        0.34
    } else {
        0.55
    };
    let top = (h * share - 24.0).max(140.0);
    trajectory::trajectory_ui(ui, app, top);
    ui.separator();
    let h = (ui.available_height() - 4.0).max(120.0);
    match app.prefs.chart.lower {
        Lower::Compare => compare::compare_ui(ui, app, h),
        _ => {
            if let Some(c) = lower::lower_ui(ui, app, h) {
                app.command(c);
            }
        }
    }
}
