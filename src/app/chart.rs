//! Charts: the trajectory (history, projection, BAU, baselines, targets) and stacked areas by
//! source or by site. They only read the projection.

use crate::engine::targets::{TargetResult, TargetUnit};
use crate::engine::{Projection, covered};
use crate::i18n::{Lang, fy, tr};
use crate::model::{HistoryKind, Scenario, Scope, Scope2Method};
use crate::units::Units;
use egui::{Color32, Ui};
use egui_plot::{FilledArea, HLine, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoint, Points, Text};

/// What the charts show (persisted with the preferences).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ChartOptions {
    pub scope3: bool,
    pub location_based: bool,
    pub stack_by_site: bool,
    /// What the lower chart shows.
    pub lower: Lower,
    /// Bridge and factor-analysis years (0 = the default: base year → FY2030).
    pub from_year: i32,
    pub to_year: i32,
}

/// The lower chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lower {
    #[default]
    Stacked,
    Wedges,
    Bridge,
    Factors,
    Compare,
}

impl ChartOptions {
    pub fn scopes(&self) -> Vec<Scope> {
        let mut v = vec![Scope::Scope1, Scope::Scope2];
        if self.scope3 {
            v.push(Scope::Scope3);
        }
        v
    }
    pub fn method(&self) -> Scope2Method {
        if self.location_based {
            Scope2Method::Location
        } else {
            Scope2Method::Market
        }
    }
}

/// A palette that stays readable on the dark and the light theme.
pub const PALETTE: [Color32; 10] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(127, 127, 127),
    Color32::from_rgb(188, 189, 34),
    Color32::from_rgb(23, 190, 207),
];

fn hover_formatter(lang: Lang, units: Units) -> impl Fn(&egui_plot::HoverPosition<'_>) -> Option<String> {
    move |pos| {
        let (name, p) = match pos {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name, position, ..
            } => (*plot_name, *position),
            egui_plot::HoverPosition::Elsewhere { position } => ("", *position),
        };
        let year = p.x.round() as i32;
        let v = p.y * units.tonnes();
        Some(if name.is_empty() {
            format!("{}\n{}", fy(lang, year), units.fmt(v))
        } else {
            format!("{name}\n{}\n{}", fy(lang, year), units.fmt(v))
        })
    }
}

/// What a chart reads.
pub struct View<'a> {
    pub s: &'a Scenario,
    pub p: &'a Projection,
    pub opts: &'a ChartOptions,
    pub lang: Lang,
    pub units: Units,
    /// Scenarios opened for comparison: (name, projection), drawn over the trajectory.
    pub others: Vec<(&'a str, &'a Projection)>,
}

/// The trajectory chart.
pub fn trajectory_ui(ui: &mut Ui, v: &View, results: &[TargetResult], height: f32) -> egui::Rect {
    let View {
        s,
        p,
        opts,
        lang,
        units,
        ..
    } = *v;
    let scopes = opts.scopes();
    let method = opts.method();
    let u = units.tonnes();
    let series: Vec<[f64; 2]> = (0..p.years())
        .map(|i| {
            [
                f64::from(p.year(i)),
                covered(&p.scenario.totals[i], &scopes, method, false) / u,
            ]
        })
        .collect();
    let bau: Vec<[f64; 2]> = (0..p.years())
        .map(|i| {
            [
                f64::from(p.year(i)),
                covered(&p.bau.totals[i], &scopes, method, false) / u,
            ]
        })
        .collect();
    let has_credits = p.scenario.totals.iter().any(|t| t.credits != 0.0);
    let net: Vec<[f64; 2]> = (0..p.years())
        .map(|i| {
            [
                f64::from(p.year(i)),
                covered(&p.scenario.totals[i], &scopes, method, true) / u,
            ]
        })
        .collect();
    let mut actual = Vec::new();
    let mut outlook = Vec::new();
    for h in &s.history {
        if let Some(v) = h.emissions(&scopes, method) {
            let pt = [f64::from(h.year), v / u];
            if h.kind == HistoryKind::Actual {
                actual.push(pt);
            } else {
                outlook.push(pt);
            }
        }
    }
    let first_year = s
        .history
        .iter()
        .map(|h| h.year)
        .min()
        .unwrap_or(s.base_year)
        .min(s.base_year);
    let baselines: Vec<(i32, f64)> = [2013, 2018]
        .iter()
        .filter_map(|&y| {
            crate::engine::targets::baseline(s, p, y, &scopes, method).map(|b| (y, b.value_t / u))
        })
        .collect();

    let others: Vec<(String, Vec<[f64; 2]>)> = v
        .others
        .iter()
        .map(|(name, op)| {
            let pts = (0..op.years())
                .map(|i| {
                    [
                        f64::from(op.year(i)),
                        covered(&op.scenario.totals[i], &scopes, method, false) / u,
                    ]
                })
                .collect();
            (name.to_string(), pts)
        })
        .collect();
    let own_name = if v.others.is_empty() {
        tr(lang, "Projection").to_string()
    } else {
        s.meta.name.clone()
    };
    Plot::new("trajectory")
        .height(height)
        .legend(Legend::default())
        .include_y(0.0)
        .include_x(f64::from(first_year))
        .include_x(f64::from(s.last_year.max(2050)))
        .x_axis_formatter(move |m, _| format!("{}", m.value.round() as i64))
        .y_axis_label(units.label())
        .label_formatter(hover_formatter(lang, units))
        .show(ui, |pu| {
            for (k, (y, v)) in baselines.iter().enumerate() {
                pu.hline(
                    HLine::new(format!("{} {}", tr(lang, "Baseline"), fy(lang, *y)), *v)
                        .color(PALETTE[7 + k])
                        .style(LineStyle::dotted_dense()),
                );
                pu.text(Text::new(
                    String::new(),
                    PlotPoint::new(f64::from(first_year) + 0.5, *v),
                    format!("{} {}", tr(lang, "Baseline"), fy(lang, *y)),
                ));
            }
            pu.line(
                Line::new(tr(lang, "BAU"), bau)
                    .color(Color32::GRAY)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            pu.line(Line::new(own_name, series).color(PALETTE[0]).width(2.5));
            for (k, (name, pts)) in others.into_iter().enumerate() {
                pu.line(
                    Line::new(name, pts)
                        .color(PALETTE[(k + 4) % PALETTE.len()])
                        .width(2.0),
                );
            }
            if has_credits {
                pu.line(Line::new(tr(lang, "Net"), net).color(PALETTE[2]).width(1.5));
            }
            if !actual.is_empty() {
                pu.points(
                    Points::new(tr(lang, "History"), actual)
                        .radius(4.0)
                        .color(PALETTE[1]),
                );
            }
            if !outlook.is_empty() {
                pu.points(
                    Points::new(tr(lang, "Outlook / plan"), outlook)
                        .radius(4.0)
                        .filled(false)
                        .color(PALETTE[1]),
                );
            }
            for (k, r) in results.iter().enumerate() {
                // Only targets on the scopes the chart shows.
                if r.scopes.contains(&Scope::Scope3) != opts.scope3 {
                    continue;
                }
                let (level, label) = match r.unit {
                    TargetUnit::TCo2 => (r.level, r.label.clone()),
                    _ => match r.absolute_equivalent {
                        Some(a) => (a.level_t, format!("{} (abs. equiv.)", r.label)),
                        None => continue,
                    },
                };
                if !level.is_finite() {
                    continue;
                }
                let pt = [f64::from(r.year), level / u];
                pu.points(
                    Points::new(format!("{} {}", tr(lang, "Target"), k + 1), vec![pt])
                        .shape(MarkerShape::Diamond)
                        .radius(7.0)
                        .color(if r.met { PALETTE[2] } else { PALETTE[3] }),
                );
                // Labels of late targets go to the left of the marker so they stay inside.
                let late = r.year > (s.base_year + s.last_year) / 2;
                let (text, anchor) = if late {
                    (
                        format!("{label}: {}  ", units.fmt(level)),
                        egui::Align2::RIGHT_BOTTOM,
                    )
                } else {
                    (
                        format!("  {label}: {}", units.fmt(level)),
                        egui::Align2::LEFT_BOTTOM,
                    )
                };
                pu.text(Text::new(String::new(), PlotPoint::new(pt[0], pt[1]), text).anchor(anchor));
            }
        })
        .response
        .rect
}

/// Stacked areas by source or by site (the chosen scopes).
pub fn stacked_ui(ui: &mut Ui, v: &View, height: f32) -> egui::Rect {
    let View {
        p, opts, lang, units, ..
    } = *v;
    let u = units.tonnes();
    let years: Vec<f64> = (0..p.years()).map(|i| f64::from(p.year(i))).collect();
    let mut layers: Vec<(String, Vec<f64>)> = Vec::new();
    let run = &p.scenario;
    if opts.stack_by_site {
        for (si, name) in p.site_names.iter().enumerate() {
            let v: Vec<f64> = (0..p.years())
                .map(|i| {
                    let x = run.site(i, si);
                    let s2 = if opts.location_based {
                        x.scope2_location
                    } else {
                        x.scope2_market
                    };
                    (x.scope1 + s2 + if opts.scope3 { x.scope3 } else { 0.0 }) / u
                })
                .collect();
            layers.push((name.clone(), v));
        }
    } else {
        for (k, label) in p.sources.iter().enumerate() {
            if label.scope == Scope::Scope3 && !opts.scope3 {
                continue;
            }
            if k == crate::engine::source::ELECTRICITY && opts.location_based {
                // location-based electricity is the scenario's location Scope 2
                let v: Vec<f64> = run.totals.iter().map(|t| t.scope2_location / u).collect();
                layers.push((tr(lang, "Electricity (market)").replace("market", "location"), v));
                continue;
            }
            let v: Vec<f64> = (0..p.years()).map(|i| run.source(i, k) / u).collect();
            if v.iter().all(|x| *x == 0.0) {
                continue;
            }
            let name = match label.key.as_str() {
                "electricity" => tr(lang, "Electricity (market)").to_string(),
                "process" => tr(lang, "Process (non-energy)").to_string(),
                "recycled_feed" => tr(lang, "Recycled feed combustion").to_string(),
                _ => label.name.clone(),
            };
            layers.push((name, v));
        }
    }
    Plot::new(if opts.stack_by_site {
        "stack-site"
    } else {
        "stack-source"
    })
    .height(height)
    .legend(Legend::default())
    .include_y(0.0)
    .x_axis_formatter(move |m, _| format!("{}", m.value.round() as i64))
    .y_axis_label(units.label())
    .label_formatter(hover_formatter(lang, units))
    .show(ui, |pu| {
        let mut lower = vec![0.0; years.len()];
        for (k, (name, v)) in layers.iter().enumerate() {
            let upper: Vec<f64> = lower.iter().zip(v).map(|(a, b)| a + b).collect();
            let color = PALETTE[k % PALETTE.len()];
            pu.add(
                FilledArea::new(name.clone(), &years, &lower, &upper)
                    .fill_color(color.gamma_multiply(0.6))
                    .stroke(egui::Stroke::new(1.0, color)),
            );
            lower = upper;
        }
    })
    .response
    .rect
}
