//! The cost charts as plain data (ANALYSES.md §1.8, §1.10): the plan cost per year by lever
//! group or component, and the MACC's bars. The window and the report draw the same series and
//! bars, in the same order, with the same groups left out and why.

use super::Rgb;
use crate::engine::LeverGroup;
use crate::engine::cost_analysis::{CostAnalysis, PerTonne};
use crate::export::cost::per_tonne_in;
use crate::i18n::{Lang, tr};
use crate::model::Scenario;

/// What the MACC shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MaccOptions {
    /// One bar per (group, site) instead of per group.
    pub by_site: bool,
    /// Width = abatement summed to the MACC year instead of in it.
    pub cumulative: bool,
    /// Height = cost per tonne net of the carbon price avoided.
    pub with_carbon: bool,
}

/// One MACC bar: name, height [JPY/t], width [t-CO2 or t-CO2/yr], colour.
#[derive(Clone, Debug, PartialEq)]
pub struct MaccBar {
    pub name: String,
    pub height: f64,
    pub width: f64,
    pub color: Rgb,
}

/// The colour of a lever group, as in the wedges.
pub fn group_color(g: LeverGroup) -> Rgb {
    super::color(g as usize + 2)
}

fn group_name(lang: Lang, g: LeverGroup) -> &'static str {
    crate::report::group_name(lang, g.key())
}

/// The MACC's bars in drawing order (sorted by height, ties in group order), and the groups
/// left out with why.
pub fn macc_bars(s: &Scenario, a: &CostAnalysis, o: MaccOptions, lang: Lang) -> (Vec<MaccBar>, Vec<String>) {
    let mut bars = Vec::new();
    let mut left_out = Vec::new();
    // A persisted "with the carbon price" means nothing for a file without one.
    let with_carbon = o.with_carbon && a.exposure.is_some();
    let height = |lcoa: PerTonne, net: Option<PerTonne>| {
        if with_carbon {
            net.and_then(PerTonne::value)
        } else {
            lcoa.value()
        }
    };
    if o.by_site {
        for b in &a.site_bars {
            let width = if o.cumulative {
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
            let width = if o.cumulative {
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

/// The carbon price of the MACC year [JPY/t], drawn as a line unless the bars are already net
/// of it.
pub fn carbon_line(a: &CostAnalysis, o: MaccOptions) -> Option<f64> {
    if o.with_carbon && a.exposure.is_some() {
        return None;
    }
    a.exposure
        .as_ref()
        .and_then(|x| a.index(a.macc_year).map(|i| x.price[i]))
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

/// One layer of the plan-cost chart: name, colour, and the plan cost of each year of the
/// window [JPY] (against BAU; negative = a saving).
#[derive(Clone, Debug, PartialEq)]
pub struct CostLayer {
    pub name: String,
    pub color: Rgb,
    pub values_jpy: Vec<f64>,
}

/// The plan cost per year of the window ([`CostAnalysis::window`]), by lever group or by
/// component (components that are zero throughout are left out), and the years.
pub fn plan_layers(a: &CostAnalysis, by_component: bool, lang: Lang) -> (Vec<i32>, Vec<CostLayer>) {
    use crate::engine::cost::COMPONENTS;
    let years = a.window().map(|i| a.base_year + i as i32).collect();
    let layers = if by_component {
        (0..COMPONENTS.len())
            .map(|c| CostLayer {
                name: tr(lang, component_name(c)).to_string(),
                color: super::color(c + 10),
                values_jpy: a.window().map(|i| a.plan_by_component(i)[c]).collect(),
            })
            .filter(|l| l.values_jpy.iter().any(|x| *x != 0.0))
            .collect()
    } else {
        a.rows
            .iter()
            .map(|r| CostLayer {
                name: group_name(lang, r.group).to_string(),
                color: group_color(r.group),
                values_jpy: a
                    .window()
                    .map(|i| a.by_group[i][r.group as usize].total())
                    .collect(),
            })
            .collect()
    };
    (years, layers)
}

/// The change of the carbon-price exposure against BAU in each year of the window [JPY], when
/// the file has a carbon price.
pub fn exposure_line(a: &CostAnalysis) -> Option<Vec<f64>> {
    a.exposure.as_ref()?;
    Some(a.window().map(|i| a.exposure_change(i).unwrap_or(0.0)).collect())
}

/// The plain name of a cost component (by its index in [`crate::engine::cost::COMPONENTS`]).
pub fn component_name(c: usize) -> &'static str {
    match c {
        0 => "grid power",
        1 => "CO2-free premium",
        2 => "fuels",
        3 => "PPAs and own projects",
        4 => "materials",
        5 => "process opex",
        6 => "capex (annuities)",
        _ => "credits",
    }
}

/// The MACC's target-gap line: its label ("Cut needed from BAU (target[, absolute
/// equivalent])") and the cut [t-CO2/yr], when the first target is on the MACC's metric and
/// year.
pub fn gap_line(a: &CostAnalysis, lang: Lang) -> Option<(String, f64)> {
    let (label, t) = a.target_gap_t.as_ref()?;
    let target = if a.target_gap_equivalent {
        format!("{label}, {}", tr(lang, "absolute equivalent"))
    } else {
        label.clone()
    };
    Some((format!("{} ({target})", tr(lang, "Cut needed from BAU")), *t))
}
