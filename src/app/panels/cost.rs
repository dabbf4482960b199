//! The cost view (ANALYSES.md §1.10): the KPI row, the plan cost per year stacked by lever
//! group (or by component) with the carbon-price exposure as a line, the MACC with the carbon
//! price and the target gap, and the group table. It reads the document's cost analysis and
//! computes nothing.

use crate::app::ChartOptions;
use crate::engine::LeverGroup;
use crate::engine::cost::COMPONENTS;
use crate::engine::cost_analysis::{CostAnalysis, PerTonne};
use crate::export::Analysis;
use crate::export::cost::{intensity, per_tonne_in, shown_in};
use crate::i18n::{Lang, tr};
use crate::model::Scenario;
use crate::units::{Money, Units, group};
use egui_plot::{Bar, BarChart, HLine, Legend, Line, Plot, PlotPoints, VLine};

fn rgb(c: crate::charts::Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(c.0, c.1, c.2)
}

fn group_color(g: LeverGroup) -> egui::Color32 {
    rgb(crate::charts::color(g as usize + 2))
}

fn group_name(lang: Lang, g: LeverGroup) -> &'static str {
    crate::report::group_name(lang, g.key())
}

/// One MACC bar: name, height [JPY/t], width [t or t/yr], colour.
pub struct MaccBar {
    pub name: String,
    pub height: f64,
    pub width: f64,
    pub color: egui::Color32,
}

/// The MACC's bars in drawing order (sorted by height, ties in group order), and the groups
/// left out with why.
pub fn macc_bars(
    s: &Scenario,
    a: &CostAnalysis,
    o: &ChartOptions,
    lang: Lang,
) -> (Vec<MaccBar>, Vec<String>) {
    let mut bars = Vec::new();
    let mut left_out = Vec::new();
    // A persisted "with the carbon price" means nothing for a file without one.
    let with_carbon = o.macc_with_carbon && a.exposure.is_some();
    let height = |lcoa: PerTonne, net: Option<PerTonne>| {
        if with_carbon {
            net.and_then(PerTonne::value)
        } else {
            lcoa.value()
        }
    };
    if o.macc_by_site {
        for b in &a.site_bars {
            let width = if o.macc_cumulative {
                b.abatement_to_macc_year_t
            } else {
                b.abatement_macc_year_t
            };
            let site = b
                .site
                .and_then(|i| s.sites.get(i))
                .map_or_else(|| tr(lang, "organisation").to_string(), |x| x.name.clone());
            let name = format!("{} @ {site}", group_name(lang, b.group));
            let incomplete = a
                .rows
                .iter()
                .any(|r| r.group == b.group && !r.incomplete.is_empty());
            match b.height.value() {
                _ if with_carbon => {
                    left_out.push(format!(
                        "{name}: {}",
                        tr(lang, "the carbon price per site is not shown")
                    ));
                }
                _ if incomplete => {
                    left_out.push(format!("{name}: {}", tr(lang, "incomplete (prices missing)")));
                }
                Some(h) if width > 0.0 => bars.push(MaccBar {
                    name,
                    height: h,
                    width,
                    color: group_color(b.group),
                }),
                _ => left_out.push(format!("{name}: {}", per_tonne_in(lang, b.height))),
            }
        }
    } else {
        for r in &a.rows {
            let width = if o.macc_cumulative {
                r.abatement_to_macc_year_t
            } else {
                r.abatement_macc_year_t
            };
            let name = group_name(lang, r.group).to_string();
            match height(r.height, r.net_of_carbon) {
                // Groups whose cost misses a price are listed, not drawn (§1.8).
                _ if !r.incomplete.is_empty() => left_out.push(format!(
                    "{name}: {} ({} {})",
                    tr(lang, "incomplete (prices missing)"),
                    crate::units::Money::OkuYen.fmt(r.npv_jpy),
                    tr(lang, "counted so far")
                )),
                Some(h) if width > 0.0 => bars.push(MaccBar {
                    name,
                    height: h,
                    width,
                    color: group_color(r.group),
                }),
                _ => left_out.push(format!(
                    "{name}: {} ({} NPV)",
                    per_tonne_in(lang, r.height),
                    crate::units::Money::OkuYen.fmt(r.npv_jpy)
                )),
            }
        }
    }
    bars.sort_by(|x, y| x.height.total_cmp(&y.height));
    (bars, left_out)
}

/// Draws the cost view.
#[allow(clippy::too_many_arguments)]
pub fn cost_ui(
    ui: &mut egui::Ui,
    s: &Scenario,
    analysis: &Analysis,
    o: &mut ChartOptions,
    lang: Lang,
    units: Units,
    name: &str,
    height: f32,
) {
    let Some(a) = &analysis.cost else {
        ui.label(egui::RichText::new(tr(lang, "Cost of the plan")).strong());
        ui.label(tr(
            lang,
            "The file gives no price, capex or carbon price: there is nothing to cost. Add prices to the file (regions' power prices, fuel prices, premiums, capex) to see the plan's cost.",
        ));
        return;
    };
    let money = o.money;
    ui.label(
        egui::RichText::new(format!(
            "{} — {} — {name}",
            tr(lang, "Cost of the plan"),
            crate::explain::metric_label(&a.metric, lang)
        ))
        .strong(),
    );
    ui.horizontal_wrapped(|ui| {
        for m in Money::ALL {
            ui.radio_value(&mut o.money, m, m.label());
        }
        ui.separator();
        ui.checkbox(&mut o.cost_by_component, tr(lang, "by component"));
        ui.separator();
        ui.label(tr(lang, "MACC:"));
        ui.checkbox(&mut o.macc_by_site, tr(lang, "by site"));
        ui.checkbox(&mut o.macc_cumulative, tr(lang, "cumulative width"));
        ui.add_enabled(
            a.exposure.is_some(),
            egui::Checkbox::new(&mut o.macc_with_carbon, tr(lang, "with the carbon price")),
        );
    });
    kpi_row(ui, a, money, units, lang);
    let chart_h = ((height - 170.0) * 0.55).max(120.0);
    let w = (ui.available_width() / 2.0 - 8.0).max(160.0);
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(w);
            plan_chart(ui, a, o, money, lang, chart_h);
        });
        ui.vertical(|ui| {
            ui.set_width(w);
            macc_chart(ui, s, a, o, units, lang, chart_h);
        });
    });
    egui::ScrollArea::vertical()
        .id_salt("cost-table")
        .max_height((height - chart_h - 110.0).max(60.0))
        .show(ui, |ui| table(ui, a, money, units, lang));
}

fn kpi_row(ui: &mut egui::Ui, a: &CostAnalysis, money: Money, units: Units, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        for (label, value) in crate::export::cost::kpis(a, lang, money, units, false) {
            ui.label(format!("{label}:"));
            ui.label(egui::RichText::new(value).strong());
            ui.separator();
        }
    });
}

/// Plan cost per year (window only), stacked by group or component, positive parts up and
/// negative parts down, with the exposure change as a line.
fn plan_chart(ui: &mut egui::Ui, a: &CostAnalysis, o: &ChartOptions, money: Money, lang: Lang, h: f32) {
    let series: Vec<(String, egui::Color32, Vec<f64>)> = if o.cost_by_component {
        (0..8)
            .map(|c| {
                let v = a.window().map(|i| a.plan_by_component(i)[c]).collect();
                (
                    COMPONENTS[c].replace('_', " "),
                    rgb(crate::charts::color(c + 10)),
                    v,
                )
            })
            .filter(|(_, _, v): &(String, _, Vec<f64>)| v.iter().any(|x| *x != 0.0))
            .collect()
    } else {
        a.rows
            .iter()
            .map(|r| {
                let v = a
                    .window()
                    .map(|i| a.by_group[i][r.group as usize].total())
                    .collect();
                (group_name(lang, r.group).to_string(), group_color(r.group), v)
            })
            .collect()
    };
    let years: Vec<i32> = a.window().map(|i| a.base_year + i as i32).collect();
    let mut up = vec![0.0; years.len()];
    let mut down = vec![0.0; years.len()];
    let mut charts = Vec::new();
    for (name, color, v) in &series {
        let bars: Vec<Bar> = v
            .iter()
            .enumerate()
            .map(|(k, &x)| {
                let x_m = money.of(x);
                let base = if x_m >= 0.0 { &mut up[k] } else { &mut down[k] };
                let b = Bar::new(f64::from(years[k]), x_m).base_offset(*base).fill(*color);
                *base += x_m;
                b
            })
            .collect();
        charts.push(BarChart::new(name.clone(), bars).color(*color).width(0.8));
    }
    ui.label(
        egui::RichText::new(format!(
            "{} [{}]",
            tr(lang, "Plan cost against BAU"),
            money.label()
        ))
        .small(),
    );
    Plot::new("cost-by-year")
        .height(h)
        .legend(Legend::default().position(egui_plot::Corner::LeftBottom))
        .allow_scroll(false)
        .show(ui, |pu| {
            for c in charts {
                pu.bar_chart(c);
            }
            if a.exposure.is_some() {
                let pts: PlotPoints = a
                    .window()
                    .map(|i| {
                        let change = a.exposure_change(i).unwrap_or(0.0);
                        [f64::from(a.base_year + i as i32), money.of(change)]
                    })
                    .collect();
                pu.line(
                    Line::new(tr(lang, "Exposure change"), pts)
                        .color(egui::Color32::from_rgb(205, 60, 0))
                        .width(2.0),
                );
            }
        });
}

fn macc_chart(
    ui: &mut egui::Ui,
    s: &Scenario,
    a: &CostAnalysis,
    o: &ChartOptions,
    units: Units,
    lang: Lang,
    h: f32,
) {
    let (bars, left_out) = macc_bars(s, a, o, lang);
    ui.label(
        egui::RichText::new(format!(
            "MACC FY{} — {} [円/t-CO2] × {} [{}]",
            a.macc_year,
            tr(lang, "cost per tonne"),
            if o.macc_cumulative {
                tr(lang, "cumulative abatement")
            } else {
                tr(lang, "abatement a year")
            },
            units.label()
        ))
        .small(),
    );
    let mut x = 0.0;
    let drawn: Vec<BarChart> = bars
        .iter()
        .map(|b| {
            let w = units.of(b.width);
            let bar = Bar::new(x + w / 2.0, b.height)
                .width(w)
                .fill(b.color)
                .name(format!(
                    "{}: {} × {}",
                    b.name,
                    per_tonne_in(lang, PerTonne::Value(b.height)),
                    units.fmt(b.width)
                ));
            x += w;
            BarChart::new(b.name.clone(), vec![bar]).color(b.color)
        })
        .collect();
    // The target gap on the x-axis, when the MACC metric is the target's and its year the MACC's.
    let gap = a
        .target_gap_t
        .as_ref()
        .map(|(label, t)| (label.clone(), units.of(*t)));
    let carbon = a
        .exposure
        .as_ref()
        .and_then(|x| a.index(a.macc_year).map(|i| x.price[i]));
    let (lo, hi) = y_range(&bars, carbon.filter(|_| !o.macc_with_carbon));
    Plot::new("macc")
        .height(h)
        .default_y_bounds(lo, hi)
        .allow_scroll(false)
        .show(ui, |pu| {
            for c in drawn {
                pu.bar_chart(c);
            }
            let mut x = 0.0;
            for b in &bars {
                let w = units.of(b.width);
                // A bar beyond the scale (a sliver of tonnes at an extreme cost) says so.
                let off = b.height < lo || b.height > hi;
                let label = if off {
                    format!("{} ({})", b.name, per_tonne_in(lang, PerTonne::Value(b.height)))
                } else {
                    b.name.clone()
                };
                pu.text(
                    egui_plot::Text::new(
                        String::new(),
                        egui_plot::PlotPoint::new(x + w / 2.0, b.height.clamp(lo, hi).max(0.0)),
                        egui::RichText::new(label).small(),
                    )
                    .anchor(egui::Align2::CENTER_BOTTOM),
                );
                x += w;
            }
            if let Some(p) = carbon
                && !(o.macc_with_carbon && a.exposure.is_some())
            {
                pu.hline(
                    HLine::new(format!("{} {} 円/t", tr(lang, "Carbon price"), group(p, 0)), p)
                        .color(egui::Color32::from_rgb(205, 60, 0)),
                );
            }
            if let Some((label, g)) = &gap
                && !o.macc_cumulative
            {
                pu.vline(
                    VLine::new(format!("{}: {label}", tr(lang, "Cut needed from BAU")), *g)
                        .color(egui::Color32::from_rgb(0, 140, 100)),
                );
            }
        });
    for l in left_out {
        ui.label(egui::RichText::new(l).small().italics());
    }
    ui.label(
        egui::RichText::new(tr(
            lang,
            "Each group's figures are its Shapley share, order-free, not the cost of adding it last; a cheap bar is not a reason to do it first, and a negative cost usually hides barriers the model does not price.",
        ))
        .small()
        .weak(),
    );
}

/// The MACC's height range: the bars that carry at least 2 % of the width (a sliver of tonnes
/// at an extreme cost per tonne would flatten every other bar), zero and the carbon price,
/// with a margin.
pub fn y_range(bars: &[MaccBar], carbon: Option<f64>) -> (f64, f64) {
    let total: f64 = bars.iter().map(|b| b.width).sum();
    let wide = bars.iter().filter(|b| b.width >= 0.02 * total);
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for b in wide {
        lo = lo.min(b.height);
        hi = hi.max(b.height);
    }
    if let Some(p) = carbon {
        lo = lo.min(p);
        hi = hi.max(p);
    }
    let pad = 0.1 * (hi - lo).max(1.0);
    (lo - pad, hi + pad)
}

fn table(ui: &mut egui::Ui, a: &CostAnalysis, money: Money, units: Units, lang: Lang) {
    egui::Grid::new("cost-groups")
        .striped(true)
        .num_columns(8)
        .show(ui, |ui| {
            for h in [
                tr(lang, "Lever group"),
                "NPV",
                tr(lang, "Cost per discounted tonne"),
                tr(lang, "NPV per cumulative tonne"),
                tr(lang, "Break-even carbon price"),
                tr(lang, "Abatement"),
                tr(lang, "Capex intensity [円 per t/yr]"),
                tr(lang, "Notes"),
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for r in &a.rows {
                ui.label(group_name(lang, r.group));
                ui.label(money.fmt(r.npv_jpy));
                ui.label(shown_in(lang, r, r.lcoa));
                ui.label(shown_in(lang, r, r.per_cumulative_t));
                ui.label(shown_in(lang, r, r.break_even));
                ui.label(units.fmt(r.abatement_macc_year_t));
                ui.label(intensity(r));
                let mut notes = Vec::new();
                if !r.incomplete.is_empty() {
                    notes.push(format!("{} ({})", tr(lang, "incomplete"), r.incomplete.len()));
                }
                if !r.assumed.is_empty() {
                    notes.push(format!("{} ({})", tr(lang, "assumed prices"), r.assumed.len()));
                }
                let missing: Vec<String> = r
                    .incomplete
                    .iter()
                    .chain(&r.assumed)
                    .map(|&k| format!("{} ({})", a.items[k].item.what, a.items[k].item.field))
                    .collect();
                let l = ui.label(notes.join("; "));
                if !missing.is_empty() {
                    l.on_hover_text(missing.join("\n"));
                }
                ui.end_row();
            }
        });
    let missing: Vec<_> = a.missing().collect();
    if !missing.is_empty() {
        ui.label(
            egui::RichText::new(tr(lang, "Not counted (no price in the file; never taken as 0):")).small(),
        );
        for u in missing {
            ui.label(egui::RichText::new(format!("• {} ({})", u.item.what, u.item.field)).small());
        }
    }
}
