//! Executive views: wedges by lever group, the bridge, the factor analysis and the review
//! summary. They read engine results; the engine computes them.

use super::chart::PALETTE;
use crate::engine::targets::{TargetResult, TargetUnit};
use crate::engine::wedges::{Bridge, Wedges};
use crate::engine::{LeverGroup, Projection, factors};
use crate::i18n::{Lang, fy, tr};
use crate::report::group_name;
use crate::units::Units;
use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, FilledArea, HLine, Legend, Line, Plot};

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
