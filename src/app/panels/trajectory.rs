//! The trajectory on the chosen metric: projection, BAU, reported figures, baselines, targets
//! and the scenarios opened for comparison. Its title states the metric and the unit.

use super::plot;
use crate::app::DecarbApp;
use crate::explain::{signed, signed_pct};
use crate::i18n::{Lang, tr};

/// The chart's heading: "Trajectory — Scope 1+2 (market), gross — JX Metals …"
pub fn heading(what: &str, metric: &str, name: &str) -> String {
    format!("{what} — {metric} — {name}")
}

pub fn trajectory_ui(ui: &mut egui::Ui, app: &mut DecarbApp, height: f32) -> egui::Rect {
    let lang = app.lang();
    let units = app.prefs.units;
    let doc = &app.doc;
    let s = doc.scenario();
    let p = doc.projection();
    let metric = doc.metric();
    let others: Vec<(String, &crate::engine::Projection)> = app
        .compared
        .iter()
        .map(|c| (c.name.clone(), &c.projection))
        .collect();
    let mut c = crate::charts::trajectory(s, p, doc.results(), metric, lang, &others);
    if !app.prefs.chart.hide_fan
        && let Some(o) = app.shown_fan()
    {
        crate::charts::fan::add_fan(&mut c, o, lang);
    }
    // The template dialog's target, as a glide line while the dialog is open.
    if let Some(d) = &app.goal.template {
        for t in super::goal_seek::template_targets(d) {
            crate::charts::add_glide(&mut c, s, p, &t, metric, lang);
        }
    }
    let head = ui
        .label(egui::RichText::new(heading(&c.title, &c.metric, &s.meta.name)).strong())
        .rect;
    // Model beside the reported actual of the hovered year.
    let extra = |year: i32| -> Vec<String> {
        crate::explain::residual_on(s, p, metric, year)
            .map(|r| {
                let pct = r.diff_pct().map_or("n/a".into(), signed_pct);
                let what = tr(lang, "Model − reported");
                let diff = signed(units, r.diff_t());
                match lang {
                    Lang::En => format!("{what}: {diff} ({pct})"),
                    Lang::Ja => format!("{what}：{diff}（{pct}）"),
                }
            })
            .into_iter()
            .collect()
    };
    let (r, transform) = plot::line_chart_ui(
        ui,
        "trajectory",
        &c,
        units,
        lang,
        &mut app.ui.hidden,
        height,
        &extra,
    );
    app.ui.trajectory_transform = Some(transform);
    head.union(r)
}
