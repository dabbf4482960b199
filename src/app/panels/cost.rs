//! The cost view (ANALYSES.md §1.10): the KPI row, the plan cost per year stacked by lever
//! group (or by component) with the carbon-price exposure as a line, the MACC with the carbon
//! price and the target gap, and the group table. It reads the document's cost analysis and
//! computes nothing.

use crate::app::ChartOptions;
use crate::charts::cost::{self as charts_cost, MaccOptions};
use crate::engine::cost_analysis::{CostAnalysis, PerTonne};
use crate::export::Analysis;
use crate::export::cost::{per_tonne_in, shown_in};
use crate::i18n::{Lang, tr};
use crate::model::Scenario;
use crate::units::{Money, Units, group};
use egui_plot::{Bar, BarChart, HLine, Line, Plot, PlotPoints, VLine};

/// The exposure line: near black, apart from every lever group's colour.
const EXPOSURE: egui::Color32 = egui::Color32::from_gray(40);
/// The carbon price (the charts' "missed" red).
const CARBON: egui::Color32 = egui::Color32::from_rgb(205, 60, 0);
/// The cut still needed (the charts' "met" green).
const GAP: egui::Color32 = egui::Color32::from_rgb(0, 140, 100);

fn rgb(c: crate::charts::Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(c.0, c.1, c.2)
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
    let (years, layers) = charts_cost::plan_layers(a, o.cost_by_component, lang);
    let mut up = vec![0.0; years.len()];
    let mut down = vec![0.0; years.len()];
    let mut charts = Vec::new();
    for l in &layers {
        let color = rgb(l.color);
        let bars: Vec<Bar> = l
            .values_jpy
            .iter()
            .enumerate()
            .map(|(k, &x)| {
                let x_m = money.of(x);
                let base = if x_m >= 0.0 { &mut up[k] } else { &mut down[k] };
                let b = Bar::new(f64::from(years[k]), x_m).base_offset(*base).fill(color);
                *base += x_m;
                b
            })
            .collect();
        charts.push(BarChart::new(l.name.clone(), bars).color(color).width(0.8));
    }
    ui.label(
        egui::RichText::new(format!(
            "{} [{}]",
            tr(lang, "Plan cost against BAU"),
            money.label()
        ))
        .small(),
    );
    // The legend above the plot, never over the bars or the line.
    let exposure = charts_cost::exposure_line(a);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for l in layers.iter().rev() {
            ui.label(
                egui::RichText::new(format!("■ {}", l.name))
                    .small()
                    .color(rgb(l.color)),
            );
        }
        if exposure.is_some() {
            ui.label(
                egui::RichText::new(format!("━ {}", tr(lang, "Exposure change")))
                    .small()
                    .color(EXPOSURE),
            );
        }
    });
    Plot::new("cost-by-year")
        .height(h)
        .allow_scroll(false)
        .show(ui, |pu| {
            for c in charts {
                pu.bar_chart(c);
            }
            if let Some(line) = exposure {
                let pts: PlotPoints = years
                    .iter()
                    .zip(&line)
                    .map(|(y, v)| [f64::from(*y), money.of(*v)])
                    .collect();
                pu.line(
                    Line::new(tr(lang, "Exposure change"), pts)
                        .color(EXPOSURE)
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
    let mo = macc_options(o);
    let (bars, left_out) = charts_cost::macc_bars(s, a, mo, lang);
    ui.label(
        egui::RichText::new(format!(
            "MACC {} — {} [円/t-CO2] × {} [{}]",
            crate::i18n::fy(lang, a.macc_year),
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
                .fill(rgb(b.color))
                .name(format!(
                    "{}: {} × {}",
                    b.name,
                    per_tonne_in(lang, PerTonne::Value(b.height)),
                    units.fmt(b.width)
                ));
            x += w;
            BarChart::new(b.name.clone(), vec![bar]).color(rgb(b.color))
        })
        .collect();
    // The target gap on the x-axis, when the MACC metric is the target's and its year the MACC's.
    let gap = charts_cost::gap_line(a, lang).map(|(label, t)| (label, units.of(t)));
    let carbon = charts_cost::carbon_line(a, mo);
    let (lo, hi) = charts_cost::y_range(&bars, carbon);
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
            // Each line labelled where it meets the plot's edge: the carbon price at the right
            // end, the target gap at its foot.
            let bounds = pu.plot_bounds();
            if let Some(p) = carbon {
                let label = format!("{} {} 円/t", tr(lang, "Carbon price"), group(p, 0));
                pu.hline(HLine::new(label.clone(), p).color(CARBON));
                pu.text(
                    egui_plot::Text::new(
                        String::new(),
                        egui_plot::PlotPoint::new(bounds.max()[0], p),
                        egui::RichText::new(label).small().color(CARBON),
                    )
                    .anchor(egui::Align2::RIGHT_BOTTOM),
                );
            }
            if let Some((label, g)) = &gap
                && !o.macc_cumulative
            {
                pu.vline(VLine::new(label.clone(), *g).color(GAP));
                pu.text(
                    egui_plot::Text::new(
                        String::new(),
                        egui_plot::PlotPoint::new(*g, bounds.min()[1]),
                        // (short: the full label, with its target, shows on hover)
                        egui::RichText::new(format!(
                            "{}: {}",
                            tr(lang, "Cut needed from BAU"),
                            units.fmt(*g * units.tonnes())
                        ))
                        .small()
                        .color(GAP),
                    )
                    .anchor(if *g > (bounds.min()[0] + bounds.max()[0]) / 2.0 {
                        egui::Align2::RIGHT_BOTTOM
                    } else {
                        egui::Align2::LEFT_BOTTOM
                    }),
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

/// The MACC options of the chart options.
pub fn macc_options(o: &ChartOptions) -> MaccOptions {
    MaccOptions {
        by_site: o.macc_by_site,
        cumulative: o.macc_cumulative,
        with_carbon: o.macc_with_carbon,
    }
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
                ui.label(crate::report::group_name(lang, r.group.key()));
                ui.label(money.fmt(r.npv_jpy));
                ui.label(shown_in(lang, r, r.lcoa));
                ui.label(shown_in(lang, r, r.per_cumulative_t));
                ui.label(shown_in(lang, r, r.break_even));
                ui.label(units.fmt(r.abatement_macc_year_t));
                ui.label(crate::export::cost::intensity_in(lang, r));
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
                    .map(|&k| {
                        let u = &a.items[k];
                        format!(
                            "{} ({})",
                            crate::export::cost::item_what(lang, &u.item.what),
                            u.item.field
                        )
                    })
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
            ui.label(
                egui::RichText::new(format!(
                    "• {} ({})",
                    crate::export::cost::item_what(lang, &u.item.what),
                    u.item.field
                ))
                .small(),
            );
        }
    }
}
