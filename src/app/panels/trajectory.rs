//! The trajectory on the chosen metric: projection, BAU, reported figures, baselines, targets
//! and the scenarios opened for comparison. Its title states the metric and the unit.

use super::plot;
use crate::app::DecarbApp;
use crate::explain::{signed, signed_pct};
use crate::i18n::{Lang, tr};
use crate::model::HistoryKind;

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
    let c = crate::charts::trajectory(s, p, doc.results(), metric, lang, &others);
    let head = ui
        .label(egui::RichText::new(heading(&c.title, &c.metric, &s.meta.name)).strong())
        .rect;
    // Model beside the reported actual of the hovered year.
    let gross = metric.gross();
    let extra = |year: i32| -> Vec<String> {
        let reported = s
            .history_for(year)
            .filter(|h| h.kind == HistoryKind::Actual)
            .and_then(|h| h.emissions(&metric.scopes, metric.method));
        match (reported, p.totals(year)) {
            (Some(r), Some(t)) => {
                let model = gross.of(t);
                let pct = if r != 0.0 {
                    signed_pct((model - r) / r * 100.0)
                } else {
                    "n/a".into()
                };
                vec![match lang {
                    Lang::En => format!(
                        "{}: {} ({pct})",
                        tr(lang, "Model − reported"),
                        signed(units, model - r)
                    ),
                    Lang::Ja => format!(
                        "{}：{}（{pct}）",
                        tr(lang, "Model − reported"),
                        signed(units, model - r)
                    ),
                }]
            }
            _ => Vec::new(),
        }
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
