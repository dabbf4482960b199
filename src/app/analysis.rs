//! Executive views: wedges by lever group, the bridge, the factor analysis and the review
//! summary. They read engine results; the engine computes them.

use super::chart::PALETTE;
use super::i18n::{Lang, fy, pct, tr};
use crate::engine::targets::{TargetResult, TargetUnit};
use crate::engine::wedges::{Bridge, Wedges};
use crate::engine::{LeverGroup, Projection, factors};
use crate::model::Scenario;
use crate::report;
use crate::units::Units;
use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, FilledArea, HLine, Legend, Line, Plot};

/// Display name of a lever group or a bridge driver.
pub fn group_name(lang: Lang, key: &str) -> &'static str {
    let en = match key {
        "co2_free_power" => "CO2-free power",
        "recycling" => "Recycling",
        "fuel_switching" => "Fuel switching",
        "ppa_own_renewables" => "PPA and own renewables",
        "efficiency" => "Efficiency",
        "process_change" => "Process change",
        "credits" => "Credits",
        "activity" => "Activity",
        "grid_factor" => "Grid emission factor",
        "ownership" => "Ownership",
        "to_base_year" => "To base year",
        _ => "Other",
    };
    tr(lang, en)
}

/// Stacked wedges (positive up, negative down) and the total gap to BAU.
pub fn wedges_ui(ui: &mut Ui, p: &Projection, w: &Wedges, lang: Lang, units: Units, height: f32) {
    let u = units.tonnes();
    let years: Vec<f64> = (0..p.years()).map(|i| f64::from(p.year(i))).collect();
    Plot::new("wedges")
        .height(height)
        .legend(Legend::default())
        .include_y(0.0)
        .x_axis_formatter(|m, _| format!("{}", m.value.round() as i64))
        .y_axis_label(units.label())
        .show(ui, |pu| {
            let mut up = vec![0.0; years.len()];
            let mut down = vec![0.0; years.len()];
            for (k, g) in LeverGroup::ALL.iter().enumerate() {
                let v: Vec<f64> = w.values.iter().map(|x| x[*g as usize] / u).collect();
                if v.iter().all(|x| x.abs() < 1e-12) {
                    continue;
                }
                let lower: Vec<f64> = v
                    .iter()
                    .enumerate()
                    .map(|(i, x)| if *x >= 0.0 { up[i] } else { down[i] })
                    .collect();
                let upper: Vec<f64> = v.iter().zip(&lower).map(|(x, l)| l + x).collect();
                for (i, x) in v.iter().enumerate() {
                    if *x >= 0.0 {
                        up[i] += x;
                    } else {
                        down[i] += x;
                    }
                }
                let (lo, hi): (Vec<f64>, Vec<f64>) = lower
                    .iter()
                    .zip(&upper)
                    .map(|(a, b)| (a.min(*b), a.max(*b)))
                    .unzip();
                let color = PALETTE[k % PALETTE.len()];
                pu.add(
                    FilledArea::new(group_name(lang, g.key()), &years, &lo, &hi)
                        .fill_color(color.gamma_multiply(0.6))
                        .stroke(egui::Stroke::new(1.0, color)),
                );
            }
            let gap: Vec<[f64; 2]> = years.iter().zip(&w.gap).map(|(x, g)| [*x, g / u]).collect();
            pu.line(
                Line::new(tr(lang, "Gap to BAU"), gap)
                    .color(Color32::WHITE)
                    .width(2.0),
            );
        });
}

/// The bridge as a waterfall; target levels of the end year are drawn.
pub fn bridge_ui(ui: &mut Ui, b: &Bridge, results: &[TargetResult], lang: Lang, units: Units, height: f32) {
    let u = units.tonnes();
    let mut labels = vec![fy(lang, b.from)];
    let mut bars = vec![
        Bar::new(0.0, b.start_t / u)
            .fill(Color32::GRAY)
            .name(fy(lang, b.from)),
    ];
    let mut level = b.start_t;
    for (i, bar) in b.bars.iter().enumerate() {
        let x = (i + 1) as f64;
        let color = if bar.value_t <= 0.0 {
            PALETTE[2]
        } else {
            PALETTE[3]
        };
        bars.push(
            Bar::new(x, bar.value_t / u)
                .base_offset(level / u)
                .fill(color)
                .name(group_name(lang, &bar.key)),
        );
        labels.push(group_name(lang, &bar.key).to_string());
        level += bar.value_t;
    }
    let end_x = (b.bars.len() + 1) as f64;
    bars.push(Bar::new(end_x, b.end_t / u).fill(PALETTE[0]).name(fy(lang, b.to)));
    labels.push(fy(lang, b.to));
    Plot::new("bridge")
        .height(height)
        .legend(Legend::default())
        .include_y(0.0)
        .x_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_axis_label(units.label())
        .show(ui, |pu| {
            pu.bar_chart(BarChart::new(tr(lang, "Bridge"), bars).width(0.7));
            for r in results
                .iter()
                .filter(|r| r.year == b.to && r.unit == TargetUnit::TCo2)
            {
                if r.level.is_finite() {
                    pu.hline(
                        HLine::new(format!("{}: {}", r.label, units.fmt(r.level)), r.level / u)
                            .color(PALETTE[4]),
                    );
                }
            }
        });
}

/// The association's table: activity, energy intensity, carbon intensity, total.
pub fn factors_ui(ui: &mut Ui, f: &Result<factors::Factors, String>, lang: Lang, units: Units) {
    match f {
        Err(e) => {
            ui.colored_label(Color32::from_rgb(210, 50, 40), e);
        }
        Ok(f) => {
            egui::Grid::new("factors")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    ui.strong(tr(lang, "Factor"));
                    ui.strong("log %");
                    ui.strong(units.label());
                    ui.end_row();
                    for (name, x) in [
                        ("Economic activity (production)", f.activity),
                        ("Energy intensity (energy per t)", f.energy_intensity),
                        ("Carbon intensity (CO2 per energy)", f.carbon_intensity),
                        ("CO2 emissions change", f.total),
                    ] {
                        ui.label(tr(lang, name));
                        ui.label(format!("{:.1}", x.log_pct()).replace('-', "−"));
                        ui.label(units.fmt(x.t_co2));
                        ui.end_row();
                    }
                });
        }
    }
}

/// The plain-language summary of review mode.
pub fn review_text(
    s: &Scenario,
    p: &Projection,
    results: &[TargetResult],
    w: &Wedges,
    lang: Lang,
    units: Units,
) -> Vec<String> {
    let mut out = Vec::new();
    let bases = report::baselines(s, p);
    for year in report::KEY_YEARS {
        let Some(t) = p.totals(year) else { continue };
        let mut parts = Vec::new();
        for (by, b) in &bases {
            if let Some(v) = b.and_then(|b| report::change_pct(t.scope12(), b.value_t)) {
                parts.push(match lang {
                    Lang::En => format!("{} against FY{by}", pct(v)),
                    Lang::Ja => format!("{by}年度比 {}", pct(v)),
                });
            }
        }
        out.push(match lang {
            Lang::En => format!(
                "In FY{year} the plan lands at {} net (Scope 1+2 {}{}).",
                units.fmt(t.net),
                units.fmt(t.scope12()),
                if parts.is_empty() {
                    String::new()
                } else {
                    format!(", {}", parts.join(", "))
                }
            ),
            Lang::Ja => format!(
                "{year}年度の計画値はネット{}（スコープ1+2 {}{}）。",
                units.fmt(t.net),
                units.fmt(t.scope12()),
                if parts.is_empty() {
                    String::new()
                } else {
                    format!("、{}", parts.join("、"))
                }
            ),
        });
    }
    for r in results {
        let v = super::super::report::fmt_target_value(r.unit, r.gap.abs(), units);
        out.push(match (lang, r.met) {
            (Lang::En, true) => format!("Target \"{}\" (FY{}) is met with {v} to spare.", r.label, r.year),
            (Lang::En, false) => format!("Target \"{}\" (FY{}) is missed by {v}.", r.label, r.year),
            (Lang::Ja, true) => format!("目標「{}」（{}年度）は達成（余裕 {v}）。", r.label, r.year),
            (Lang::Ja, false) => format!("目標「{}」（{}年度）は未達（不足 {v}）。", r.label, r.year),
        });
        if report::intensity_met_absolute_missed(r) {
            out.push(match lang {
                Lang::En => "  Its intensity is met, but absolute emissions miss the same reduction.".into(),
                Lang::Ja => "  原単位は達成するが、総量では同じ削減率に届かない。".into(),
            });
        }
    }
    // The three largest contributions in FY2030 (or the last year).
    let year = if p.index(2030).is_some() {
        2030
    } else {
        p.last_year()
    };
    if let Some(i) = p.index(year) {
        let mut c: Vec<(LeverGroup, f64)> = LeverGroup::ALL
            .iter()
            .map(|g| (*g, w.values[i][*g as usize]))
            .collect();
        c.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        let top: Vec<String> = c
            .iter()
            .take(3)
            .filter(|(_, v)| v.abs() > 0.0)
            .map(|(g, v)| format!("{} {}", group_name(lang, g.key()), units.fmt(*v)))
            .collect();
        if !top.is_empty() {
            out.push(match lang {
                Lang::En => format!(
                    "Largest contributions against BAU in FY{year}: {}.",
                    top.join("; ")
                ),
                Lang::Ja => format!("{year}年度のなりゆき比の主な削減要因：{}。", top.join("、")),
            });
        }
    }
    out
}
