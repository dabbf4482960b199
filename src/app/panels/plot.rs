//! Draws [`crate::charts`] data with egui_plot: lines, stacked bands, the bridge. The legend
//! sits beside the plot; the hover reads the data of the year under the pointer (each series'
//! own value, each layer's own value in stacked charts), never the cursor's height.

use crate::app::widgets::{LegendEntry, Swatch, c32, is_hidden, legend_ui};
use crate::charts::{self, BridgeChart, Dash, LineChart, Shape, StackChart};
use crate::i18n::Lang;
use crate::units::{Units, group};
use egui::Ui;
use egui_plot::{
    Bar, BarChart, FilledArea, HLine, Line, LineStyle, MarkerShape, Plot, PlotPoint, Points, Text, VLine,
};
use std::collections::HashSet;

/// Width of the legend column [points].
pub const LEGEND_W: f32 = 210.0;

/// Value labels with as many decimals as the tick step needs.
fn y_formatter(m: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>) -> String {
    let d = if m.step_size >= 1.0 - 1e-9 {
        0
    } else if m.step_size >= 0.1 - 1e-12 {
        1
    } else if m.step_size >= 0.01 - 1e-13 {
        2
    } else {
        3
    };
    group(m.value, d)
}

fn base_plot<'a>(id: &str, height: f32, width: f32, units: Units) -> Plot<'a> {
    Plot::new(id.to_string())
        .height(height)
        .width(width)
        .show_x(false)
        .show_y(false)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .y_grid_spacer(nice_marks)
        .y_axis_label(format!("{}-CO2", units.label()))
        .y_axis_formatter(y_formatter)
        .y_axis_min_width(52.0)
}

/// Value grid marks at a "nice" step giving 5–10 labelled ticks.
fn nice_marks(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (a, b) = input.bounds;
    let range = b - a;
    if range.is_nan() || range <= 0.0 || !range.is_finite() {
        return Vec::new();
    }
    // About one labelled tick per 32 px of height (base_step_size is the value of 8 px).
    let px = if input.base_step_size > 0.0 {
        range / input.base_step_size * 8.0
    } else {
        250.0
    };
    let step = charts::nice_step(range, (px / 32.0).clamp(2.0, 8.0));
    let mut out = Vec::new();
    let mut v = (a / step).ceil() * step;
    while v <= b && out.len() < 40 {
        out.push(egui_plot::GridMark {
            value: v,
            step_size: step,
        });
        v += step;
    }
    out
}

/// A lighter shade of a colour, mixed with the background: opaque, so that software
/// rasterisers need not blend large areas.
fn opaque_tint(c: egui::Color32, bg: egui::Color32) -> egui::Color32 {
    let mix = |a: u8, b: u8| ((u16::from(a) * 3 + u16::from(b)) / 4) as u8;
    egui::Color32::from_rgb(mix(c.r(), bg.r()), mix(c.g(), bg.g()), mix(c.b(), bg.b()))
}

/// The year under the pointer, when it is inside `years`.
fn hovered_year(pu: &egui_plot::PlotUi, first: i32, last: i32) -> Option<i32> {
    let p = pu.pointer_coordinate()?;
    let y = p.x.round() as i32;
    (first..=last).contains(&y).then_some(y)
}

fn style(d: Dash) -> LineStyle {
    match d {
        Dash::Solid => LineStyle::Solid,
        Dash::Dashed => LineStyle::dashed_loose(),
        Dash::Dotted => LineStyle::dotted_dense(),
    }
}

/// Splits a series at NaN into drawable segments.
fn segments(years: &[i32], values: &[f64], u: f64) -> Vec<Vec<[f64; 2]>> {
    let mut out = vec![Vec::new()];
    for (y, v) in years.iter().zip(values) {
        if v.is_finite() {
            out.last_mut().expect("one").push([f64::from(*y), v / u]);
        } else if !out.last().expect("one").is_empty() {
            out.push(Vec::new());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn show_hover(response: &egui::Response, lines: &[String]) {
    if lines.len() > 1 && response.hovered() {
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(&lines[0]);
            for l in &lines[1..] {
                ui.label(l);
            }
        });
    }
}

/// A line chart with its legend; `extra(year)` adds lines to the hover (model vs reported).
#[allow(clippy::too_many_arguments)]
pub fn line_chart_ui(
    ui: &mut Ui,
    id: &str,
    c: &LineChart,
    units: Units,
    lang: Lang,
    hidden: &mut HashSet<String>,
    height: f32,
    extra: &dyn Fn(i32) -> Vec<String>,
) -> (egui::Rect, egui_plot::PlotTransform) {
    let u = units.tonnes();
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for v in c
        .series
        .iter()
        .flat_map(|s| s.values.iter())
        .chain(c.markers.iter().flat_map(|m| m.points.iter().map(|p| &p.1)))
        .chain(c.ref_lines.iter().map(|r| &r.value_t))
        .chain(c.bands.iter().flat_map(|b| b.lower.iter().chain(&b.upper)))
        .filter(|v| v.is_finite())
    {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let mut entries: Vec<LegendEntry> = Vec::new();
    for b in &c.bands {
        entries.push(LegendEntry {
            key: b.key.clone(),
            name: b.name.clone(),
            color: b.color,
            swatch: Swatch::Area,
        });
    }
    for s in &c.series {
        entries.push(LegendEntry {
            key: s.key.clone(),
            name: s.name.clone(),
            color: s.color,
            swatch: if s.dash == Dash::Solid {
                Swatch::Line
            } else {
                Swatch::Dashed
            },
        });
    }
    for m in &c.markers {
        entries.push(LegendEntry {
            key: m.key.clone(),
            name: m.name.clone(),
            color: m.color,
            swatch: match (m.shape, m.filled) {
                (Shape::Diamond, _) => Swatch::Diamond,
                (Shape::Square, _) => Swatch::Square,
                (Shape::Circle, true) => Swatch::Dot,
                (Shape::Circle, false) => Swatch::Hollow,
            },
        });
    }
    for r in &c.ref_lines {
        entries.push(LegendEntry {
            key: format!("ref_{}", r.name),
            name: format!("{}: {}", r.name, units.fmt(r.value_t)),
            color: r.color,
            swatch: Swatch::Dotted,
        });
    }
    let (x0, x1) = c.x_range;
    let width = (ui.available_width() - LEGEND_W - 12.0).max(200.0);
    let mut hover_year = None;
    let (r, transform) = ui
        .horizontal(|ui| {
            let shown = base_plot(id, height, width, units)
                .include_y(lo / u)
                .include_y(hi / u * 1.05)
                .include_x(f64::from(x0) - 0.5)
                .include_x(f64::from(x1) + 0.5)
                .x_axis_formatter(|m, _| format!("{}", m.value.round() as i64))
                .show(ui, |pu| {
                    for b in &c.bands {
                        if is_hidden(hidden, id, &b.key) {
                            continue;
                        }
                        let xs: Vec<f64> = b.years.iter().map(|y| f64::from(*y)).collect();
                        let lower: Vec<f64> = b.lower.iter().map(|v| v / u).collect();
                        let upper: Vec<f64> = b.upper.iter().map(|v| v / u).collect();
                        pu.add(
                            FilledArea::new(b.name.clone(), &xs, &lower, &upper)
                                .fill_color(c32(b.color))
                                .stroke(egui::Stroke::NONE)
                                .allow_hover(false),
                        );
                    }
                    for r in &c.ref_lines {
                        if is_hidden(hidden, id, &format!("ref_{}", r.name)) {
                            continue;
                        }
                        pu.hline(
                            HLine::new(r.name.clone(), r.value_t / u)
                                .color(c32(r.color))
                                .style(LineStyle::dotted_dense()),
                        );
                        pu.text(
                            Text::new(
                                String::new(),
                                // At the right end, where a falling plan leaves room.
                                PlotPoint::new(f64::from(x1), r.value_t / u),
                                egui::RichText::new(format!("{} {}", r.name, units.fmt(r.value_t)))
                                    .small()
                                    .color(c32(r.color)),
                            )
                            .anchor(egui::Align2::RIGHT_BOTTOM),
                        );
                    }
                    for s in &c.series {
                        if is_hidden(hidden, id, &s.key) {
                            continue;
                        }
                        for seg in segments(&c.years, &s.values, u) {
                            pu.line(
                                Line::new(s.name.clone(), seg)
                                    .color(c32(s.color))
                                    .width(s.width)
                                    .style(style(s.dash)),
                            );
                        }
                    }
                    for m in &c.markers {
                        if is_hidden(hidden, id, &m.key) {
                            continue;
                        }
                        let pts: Vec<[f64; 2]> =
                            m.points.iter().map(|(y, v)| [f64::from(*y), v / u]).collect();
                        pu.points(
                            Points::new(m.name.clone(), pts)
                                .shape(match m.shape {
                                    Shape::Circle => MarkerShape::Circle,
                                    Shape::Square => MarkerShape::Square,
                                    Shape::Diamond => MarkerShape::Diamond,
                                })
                                .radius(if m.shape == Shape::Diamond { 7.0 } else { 4.5 })
                                .filled(m.filled)
                                .color(c32(m.color)),
                        );
                        if !m.annotation.is_empty() {
                            for (y, v) in &m.points {
                                // Labels of late targets go left of the marker so they stay inside.
                                let late = *y > (x0 + x1) / 2;
                                let (text, anchor) = if late {
                                    (
                                        format!("{}: {}  ", m.annotation, units.fmt(*v)),
                                        egui::Align2::RIGHT_BOTTOM,
                                    )
                                } else {
                                    (
                                        format!("  {}: {}", m.annotation, units.fmt(*v)),
                                        egui::Align2::LEFT_BOTTOM,
                                    )
                                };
                                pu.text(
                                    Text::new(
                                        String::new(),
                                        PlotPoint::new(f64::from(*y), v / u),
                                        egui::RichText::new(text).small().color(c32(m.color)),
                                    )
                                    .anchor(anchor),
                                );
                            }
                        }
                    }
                    hover_year = hovered_year(pu, x0, x1);
                    if let Some(y) = hover_year {
                        pu.vline(
                            VLine::new("", f64::from(y))
                                .color(egui::Color32::from_gray(150))
                                .width(1.0),
                        );
                    }
                });
            let (resp, transform) = (shown.response, shown.transform);
            if let Some(y) = hover_year {
                let mut lines = charts::line_hover(c, y, units, lang);
                lines.extend(extra(y));
                show_hover(&resp, &lines);
            }
            ui.allocate_ui_with_layout(
                egui::vec2(LEGEND_W, height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| legend_ui(ui, id, &entries, hidden, height),
            );
            (resp.rect, transform)
        })
        .inner;
    for n in &c.notes {
        ui.label(egui::RichText::new(n).small().italics());
    }
    (r, transform)
}

/// A stacked chart: each layer's positive part above zero, its negative part below.
pub fn stack_chart_ui(
    ui: &mut Ui,
    id: &str,
    c: &StackChart,
    units: Units,
    lang: Lang,
    hidden: &mut HashSet<String>,
    height: f32,
) -> egui::Rect {
    let u = units.tonnes();
    let years: Vec<f64> = c.years.iter().map(|y| f64::from(*y)).collect();
    let (lo, hi) = c.extent();
    let mut entries: Vec<LegendEntry> = c
        .layers
        .iter()
        .map(|l| LegendEntry {
            key: l.key.clone(),
            name: l.name.clone(),
            color: l.color,
            swatch: Swatch::Area,
        })
        .collect();
    entries.reverse();
    if let Some(t) = &c.total {
        entries.insert(
            0,
            LegendEntry {
                key: t.key.clone(),
                name: t.name.clone(),
                color: t.color,
                swatch: Swatch::Line,
            },
        );
    }
    let (first, last) = (
        c.years.first().copied().unwrap_or(0),
        c.years.last().copied().unwrap_or(0),
    );
    let width = (ui.available_width() - LEGEND_W - 12.0).max(200.0);
    // Hidden layers are left out of the stack (the others close up).
    let visible = StackChart {
        layers: c
            .layers
            .iter()
            .filter(|l| !is_hidden(hidden, id, &l.key))
            .cloned()
            .collect(),
        ..c.clone()
    };
    let mut hover_year = None;
    let bg = ui.visuals().extreme_bg_color;
    let r = ui
        .horizontal(|ui| {
            let resp = base_plot(id, height, width, units)
                .include_y(lo / u * 1.05)
                .include_y(hi / u * 1.05)
                .x_axis_formatter(|m, _| format!("{}", m.value.round() as i64))
                .show(ui, |pu| {
                    for b in visible.bands() {
                        let l = &visible.layers[b.layer];
                        let lower: Vec<f64> = b.lower.iter().map(|v| v / u).collect();
                        let upper: Vec<f64> = b.upper.iter().map(|v| v / u).collect();
                        pu.add(
                            FilledArea::new(l.name.clone(), &years, &lower, &upper)
                                .fill_color(opaque_tint(c32(l.color), bg))
                                .stroke(egui::Stroke::NONE)
                                .allow_hover(false),
                        );
                    }
                    if let Some(t) = &c.total
                        && !is_hidden(hidden, id, &t.key)
                    {
                        for seg in segments(&c.years, &t.values, u) {
                            pu.line(Line::new(t.name.clone(), seg).color(c32(t.color)).width(t.width));
                        }
                    }
                    pu.hline(
                        HLine::new("", 0.0)
                            .color(egui::Color32::from_gray(110))
                            .width(1.0),
                    );
                    hover_year = hovered_year(pu, first, last);
                    if let Some(y) = hover_year {
                        pu.vline(
                            VLine::new("", f64::from(y))
                                .color(egui::Color32::from_gray(150))
                                .width(1.0),
                        );
                    }
                })
                .response;
            if let Some(y) = hover_year {
                show_hover(&resp, &charts::stack_hover(&visible, y, units, lang));
            }
            ui.allocate_ui_with_layout(
                egui::vec2(LEGEND_W, height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| legend_ui(ui, id, &entries, hidden, height),
            );
            resp.rect
        })
        .inner;
    for n in &c.notes {
        ui.label(egui::RichText::new(n).small().italics());
    }
    r
}

/// The bridge: every bar labelled with its value, the axis fitted to the bars.
pub fn bridge_chart_ui(ui: &mut Ui, c: &BridgeChart, units: Units, height: f32) -> egui::Rect {
    let u = units.tonnes();
    let spans = c.spans();
    let cols = c.columns();
    let names: Vec<String> = cols.iter().map(|x| x.0.clone()).collect();
    let values: Vec<f64> = cols.iter().map(|x| x.1).collect();
    let colors: Vec<egui::Color32> = cols.iter().map(|x| c32(x.2)).collect();
    let bars: Vec<Bar> = spans
        .iter()
        .enumerate()
        .map(|(i, (a, b))| {
            Bar::new(i as f64, (b - a) / u)
                .base_offset(a / u)
                .fill(colors[i])
                .name(format!("{}: {}", names[i], units.fmt(values[i])))
        })
        .collect();
    let width = ui.available_width().max(200.0);
    // Bar names go in a row of their own under the plot, wrapped to the bar's slot.
    let names_h = 34.0;
    let shown = base_plot("bridge", height - names_h, width, units)
        .include_y(c.axis.0 / u)
        .include_y(c.axis.1 / u)
        .include_x(-0.6)
        .include_x(names.len() as f64 - 0.4)
        .show_x(false)
        .show_y(false)
        .x_axis_formatter(|_, _| String::new())
        .x_grid_spacer(|input| {
            let (a, b) = input.bounds;
            (a.ceil() as i64..=b.floor() as i64)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .show(ui, |pu| {
            pu.bar_chart(BarChart::new("bridge", bars).width(0.7));
            for (i, (a, b)) in spans.iter().enumerate() {
                let v = values[i];
                let text = if i == 0 || i + 1 == spans.len() {
                    units.fmt(v)
                } else {
                    crate::explain::signed(units, v)
                };
                pu.text(
                    Text::new(
                        String::new(),
                        PlotPoint::new(i as f64, a.max(*b) / u),
                        egui::RichText::new(text).small().strong(),
                    )
                    .anchor(egui::Align2::CENTER_BOTTOM),
                );
            }
            for l in &c.levels {
                pu.hline(
                    HLine::new(l.name.clone(), l.value_t / u)
                        .color(c32(l.color))
                        .width(1.5),
                );
                pu.text(
                    Text::new(
                        String::new(),
                        PlotPoint::new(names.len() as f64 - 0.5, l.value_t / u),
                        egui::RichText::new(format!("{}: {}", l.name, units.fmt(l.value_t)))
                            .small()
                            .color(c32(l.color)),
                    )
                    .anchor(egui::Align2::RIGHT_BOTTOM),
                );
            }
        });
    let (resp, transform) = (shown.response, shown.transform);
    let (row, _) = ui.allocate_exact_size(egui::vec2(width, names_h), egui::Sense::hover());
    let slot = (transform.position_from_point_x(1.0) - transform.position_from_point_x(0.0)).abs();
    let font = egui::TextStyle::Small.resolve(ui.style());
    let color = ui.visuals().text_color();
    for (i, name) in names.iter().enumerate() {
        let x = transform.position_from_point_x(i as f64);
        let galley = ui
            .painter()
            .layout(name.clone(), font.clone(), color, (slot - 4.0).max(30.0));
        let pos = egui::pos2(x - galley.size().x / 2.0, row.top() + 2.0);
        ui.painter().galley(pos, galley, color);
    }
    for n in &c.notes {
        ui.label(egui::RichText::new(n).small().italics());
    }
    resp.rect.union(row)
}
