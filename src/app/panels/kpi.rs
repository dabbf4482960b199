//! The KPI strip: the metric in FY2030 and FY2050 against the FY2013 and FY2018 baselines,
//! cumulative emissions, electricity and intensities, and one card per target. Cards wrap, so
//! a missed target is never off screen. Reads the document's results.

use crate::app::document::Document;
use crate::charts::{MET, MISSED};
use crate::engine::targets::{self, TargetResult};
use crate::engine::uncertainty::Outcome;
use crate::explain::metric_label;
use crate::i18n::{Lang, fy, pct, tr};
use crate::report::{self, fmt_target_value};
use crate::units::Units;
use egui::{RichText, Ui};

/// The chance line of a target card (also what tests look for): "P(met) 62 % ± 2".
pub fn p_met_label(lang: Lang, p: f64, se: f64) -> String {
    format!("{} {}", tr(lang, "P(met)"), super::uncertainty::p_met_text(p, se))
}

/// The headline KPI of a year (also what tests look for):
/// "FY2030 Scope 1+2 (market), gross: 71.56 万t".
pub fn metric_kpi_label(lang: Lang, units: Units, year: i32, metric: &str, value_t: f64) -> String {
    format!("{} {metric}: {}", fy(lang, year), units.fmt(value_t))
}

/// The value line of a target card.
pub fn target_values(r: &TargetResult, lang: Lang, units: Units) -> String {
    format!(
        "{} {}   {} {}   {} {}",
        tr(lang, "value"),
        fmt_target_value(r.unit, r.value, units),
        tr(lang, "level"),
        fmt_target_value(r.unit, r.level, units),
        tr(lang, "gap"),
        fmt_target_value(r.unit, r.gap, units),
    )
}

/// Draws one card's contents.
type Card<'a> = Box<dyn Fn(&mut Ui) + 'a>;

/// Width of a KPI card [points]; cards wrap onto as many rows as the window needs.
const CARD_W: f32 = 300.0;

/// The KPI strip; `fan` gives each target card its chance of being met (the last completed
/// Monte Carlo fan).
pub fn kpi_ui(ui: &mut Ui, doc: &Document, lang: Lang, units: Units, fan: Option<&Outcome>) {
    let (s, p, results) = (doc.scenario(), doc.projection(), doc.results());
    let metric = doc.metric();
    let mlabel = metric_label(metric, lang);
    let mut cards: Vec<Card> = Vec::new();
    for year in report::KEY_YEARS {
        let Some(t) = p.totals(year) else { continue };
        let mlabel = mlabel.clone();
        cards.push(Box::new(move |ui: &mut Ui| {
            ui.label(RichText::new(metric_kpi_label(lang, units, year, &mlabel, metric.of(t))).strong());
            for by in report::BASELINE_YEARS {
                let b = targets::baseline(s, p, by, &metric.scopes, metric.method);
                let v = b.and_then(|b| report::change_pct(metric.of(t), b.value_t));
                ui.label(format!(
                    "{} {}",
                    tr(lang, if by == 2013 { "vs FY2013" } else { "vs FY2018" }),
                    v.map_or("n/a".into(), pct)
                ));
            }
            if let Some(c) = report::cumulative(p, metric, year) {
                ui.label(format!(
                    "{} {}–{}: {}",
                    tr(lang, "Cumulative"),
                    fy(lang, p.base_year),
                    fy(lang, year),
                    units.fmt(c)
                ));
            }
            if let Some(i) = p.index(year) {
                ui.label(format!(
                    "{}: {}",
                    tr(lang, "Electricity"),
                    crate::i18n::mwh(lang, p.scenario.energy[i].electricity_mwh)
                ));
            }
            let (per_t, per_m) = report::intensities(p, year);
            if let Some(v) = per_t {
                ui.label(format!("S1+2 {}: {v:.3} t-CO2/t", tr(lang, "Intensity")));
            }
            if let Some(v) = per_m {
                ui.label(format!("S1+2 {}: {v:.3} t-CO2/百万円", tr(lang, "Intensity")));
            }
        }));
    }
    for (k, r) in results.iter().enumerate() {
        let chance = fan.and_then(|o| o.chance_of(k, &r.label, r.year));
        cards.push(Box::new(move |ui: &mut Ui| {
            target_card(ui, r, lang, units);
            if let Some(t) = chance {
                ui.label(p_met_label(lang, t.p_met, t.se)).on_hover_text(tr(
                    lang,
                    "Share of the Monte Carlo draws in which the target is met, ± its standard error",
                ));
            }
        }));
    }
    let gap = ui.spacing().item_spacing.x;
    let per_row = (((ui.available_width() + gap) / (CARD_W + gap)).floor() as usize).max(1);
    let w = ((ui.available_width() + gap) / per_row as f32 - gap).min(CARD_W + 60.0);
    for row in cards.chunks(per_row) {
        ui.horizontal_top(|ui| {
            for card in row {
                ui.group(|ui| {
                    ui.set_width(w - 14.0);
                    ui.vertical(|ui| {
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                        card(ui);
                    });
                });
            }
        });
    }
}

fn target_card(ui: &mut Ui, r: &TargetResult, lang: Lang, units: Units) {
    let color = crate::app::widgets::c32(if r.met { MET } else { MISSED });
    ui.label(
        RichText::new(format!(
            "● {} ({}) — {}",
            r.label,
            fy(lang, r.year),
            tr(lang, if r.met { "met" } else { "missed" })
        ))
        .color(color)
        .strong(),
    );
    ui.label(target_values(r, lang, units));
    if let Some(a) = r.absolute_equivalent {
        let c = crate::app::widgets::c32(if a.met { MET } else { MISSED });
        ui.label(
            RichText::new(format!(
                "{}: {} {}, {} {} — {}",
                tr(lang, "absolute equivalent"),
                tr(lang, "value"),
                units.fmt(a.value_t),
                tr(lang, "level"),
                units.fmt(a.level_t),
                tr(lang, if a.met { "met" } else { "missed" })
            ))
            .color(c),
        );
    }
    if report::intensity_met_absolute_missed(r) {
        ui.label(
            RichText::new(format!("! {}", tr(lang, "intensity met, absolute missed")))
                .color(crate::app::widgets::c32(MISSED)),
        );
    }
}
