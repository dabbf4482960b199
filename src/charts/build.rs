//! Builders of each chart's data from engine results, on one metric.

use super::*;
use crate::engine::targets::{self, TargetResult, TargetUnit};
use crate::engine::wedges::{Bridge, Wedges};
use crate::engine::{LeverGroup, Metric, Projection, source};
use crate::explain::metric_label;
use crate::i18n::{Lang, fy, tr};
use crate::model::{HistoryKind, Scenario, Scope, Scope2Method};
use crate::report::group_name;
use crate::units::Units;

/// The trajectory of the metric: projection, BAU, reported figures by kind, the FY2013 and
/// FY2018 baselines, each target on this metric at its own level and in its own status colour,
/// and the scenarios opened for comparison.
pub fn trajectory(
    s: &Scenario,
    p: &Projection,
    results: &[TargetResult],
    metric: &Metric,
    lang: Lang,
    others: &[(String, &Projection)],
) -> LineChart {
    let ys = years(p);
    let gross = metric.gross();
    let mut series = vec![Series {
        key: "bau".into(),
        name: tr(lang, "BAU").into(),
        color: GREY,
        values: p.bau.totals.iter().map(|t| gross.of(t)).collect(),
        dash: Dash::Dashed,
        width: 1.5,
    }];
    let own = if others.is_empty() {
        tr(lang, "Projection").to_string()
    } else {
        s.meta.name.clone()
    };
    series.push(Series {
        key: "projection".into(),
        name: own,
        color: PROJECTION,
        values: p.scenario.totals.iter().map(|t| metric.of(t)).collect(),
        dash: Dash::Solid,
        width: 2.5,
    });
    let has_credits = p.scenario.totals.iter().any(|t| t.credits != 0.0);
    if has_credits {
        let (name, m) = if metric.credits {
            (tr(lang, "Gross (before credits)"), gross.clone())
        } else {
            (
                tr(lang, "Net of credits"),
                Metric {
                    credits: true,
                    ..metric.clone()
                },
            )
        };
        series.push(Series {
            key: "other_credits".into(),
            name: name.into(),
            color: PALETTE[2],
            values: p.scenario.totals.iter().map(|t| m.of(t)).collect(),
            dash: Dash::Solid,
            width: 1.5,
        });
    }
    for (k, (name, op)) in others.iter().enumerate() {
        // Years the other scenario does not project are NaN (not drawn).
        let values: Vec<f64> = ys
            .iter()
            .map(|y| op.totals(*y).map_or(f64::NAN, |t| metric.of(t)))
            .collect();
        series.push(Series {
            key: format!("compare_{k}"),
            name: name.clone(),
            color: color(4 + k),
            values,
            dash: Dash::Solid,
            width: 2.0,
        });
    }

    let mut markers = Vec::new();
    for (kind, key, name, filled, shape) in [
        (
            HistoryKind::Actual,
            "actual",
            "Reported actual",
            true,
            Shape::Circle,
        ),
        (
            HistoryKind::Outlook,
            "outlook",
            "Published outlook",
            false,
            Shape::Circle,
        ),
        (HistoryKind::Plan, "plan", "Published plan", false, Shape::Square),
    ] {
        let mut pts: Vec<(i32, f64)> = s
            .history
            .iter()
            .filter(|h| h.kind == kind)
            .filter_map(|h| h.emissions(&metric.scopes, metric.method).map(|v| (h.year, v)))
            .collect();
        pts.sort_by_key(|x| x.0);
        if !pts.is_empty() {
            markers.push(Markers {
                key: key.into(),
                name: tr(lang, name).into(),
                color: REPORTED,
                shape,
                filled,
                points: pts,
                annotation: String::new(),
            });
        }
    }
    let mut notes = Vec::new();
    let mut elsewhere = Vec::new();
    for (k, r) in results.iter().enumerate() {
        if !Metric::of_result(r).same_scopes(metric) {
            elsewhere.push(r.label.clone());
            continue;
        }
        let (level, met, name, short) = match r.unit {
            TargetUnit::TCo2 => (r.level, r.met, r.label.clone(), r.label.clone()),
            _ => match r.absolute_equivalent {
                Some(a) => (
                    a.level_t,
                    a.met,
                    match lang {
                        Lang::En => format!(
                            "{} — absolute equivalent {} (the intensity target itself is {})",
                            r.label,
                            if a.met { "met" } else { "missed" },
                            if r.met { "met" } else { "missed" }
                        ),
                        Lang::Ja => format!(
                            "{}（総量換算：{}、原単位目標：{}）",
                            r.label,
                            if a.met { "達成" } else { "未達" },
                            if r.met { "達成" } else { "未達" }
                        ),
                    },
                    match lang {
                        Lang::En => format!("{} (absolute equivalent)", r.label),
                        Lang::Ja => format!("{}（総量換算）", r.label),
                    },
                ),
                None => continue,
            },
        };
        if !level.is_finite() {
            continue;
        }
        markers.push(Markers {
            key: format!("target_{k}"),
            name: if r.unit == TargetUnit::TCo2 {
                let status = match (lang, met) {
                    (Lang::En, true) => "met",
                    (Lang::En, false) => "missed",
                    (Lang::Ja, true) => "達成",
                    (Lang::Ja, false) => "未達",
                };
                format!("{name}: {status}")
            } else {
                name
            },
            color: if met { MET } else { MISSED },
            shape: Shape::Diamond,
            filled: true,
            points: vec![(r.year, level)],
            annotation: short,
        });
    }
    if !elsewhere.is_empty() {
        notes.push(match lang {
            Lang::En => format!(
                "Targets on another metric, shown on their own chart: {}",
                elsewhere.join("; ")
            ),
            Lang::Ja => format!(
                "別の指標の目標（その指標のグラフに表示）：{}",
                elsewhere.join("、")
            ),
        });
    }
    let ref_lines: Vec<RefLine> = crate::report::BASELINE_YEARS
        .iter()
        .filter_map(|&y| {
            targets::baseline(s, p, y, &metric.scopes, metric.method).map(|b| RefLine {
                name: format!(
                    "{} {}{}",
                    tr(lang, "Baseline"),
                    fy(lang, y),
                    match b.origin {
                        targets::Origin::History => "",
                        targets::Origin::Model => tr(lang, " (model)"),
                    }
                ),
                value_t: b.value_t,
                color: GREY,
            })
        })
        .collect();
    let first = s.earliest_year();
    LineChart {
        title: tr(lang, "Trajectory").into(),
        metric: metric_label(metric, lang),
        years: ys,
        series,
        markers,
        ref_lines,
        x_range: (first, s.last_year),
        notes,
        bands: Vec::new(),
    }
}

/// The metric split by source: electricity (by the metric's Scope 2 method), each fuel,
/// process, recycled-feed combustion, each material, and credits below zero when netted.
pub fn by_source(p: &Projection, metric: &Metric, lang: Lang) -> StackChart {
    let run = &p.scenario;
    let location = metric.method == Scope2Method::Location;
    let mut layers = Vec::new();
    for (k, label) in p.sources.iter().enumerate() {
        let covered = match label.scope {
            Scope::Scope1 => metric.has(Scope::Scope1),
            Scope::Scope2 => metric.has(Scope::Scope2),
            Scope::Scope3 => metric.has(Scope::Scope3),
        };
        if !covered {
            continue;
        }
        let values: Vec<f64> = if k == source::ELECTRICITY && location {
            run.totals.iter().map(|t| t.scope2_location).collect()
        } else {
            (0..p.years()).map(|i| run.source(i, k)).collect()
        };
        if values.iter().all(|v| *v == 0.0) {
            continue;
        }
        layers.push(Layer {
            key: label.key.clone(),
            name: source_name(lang, &label.key, &label.name, location),
            color: color(k),
            values,
        });
    }
    let mut layers = group_small(layers, tr(lang, "Other sources").into());
    push_credits(&mut layers, p, metric, lang);
    StackChart {
        title: tr(lang, "By source").into(),
        metric: metric_label(metric, lang),
        years: years(p),
        total: Some(total_series(p, metric, lang)),
        layers,
        notes: Vec::new(),
    }
}

fn push_credits(layers: &mut Vec<Layer>, p: &Projection, metric: &Metric, lang: Lang) {
    if metric.credits && p.scenario.totals.iter().any(|t| t.credits != 0.0) {
        layers.push(Layer {
            key: "credits".into(),
            name: tr(lang, "Credits").into(),
            color: PALETTE[9],
            values: p.scenario.totals.iter().map(|t| -t.credits).collect(),
        });
    }
}

fn total_series(p: &Projection, metric: &Metric, lang: Lang) -> Series {
    Series {
        key: "total".into(),
        name: tr(lang, "Total").into(),
        color: (40, 40, 40),
        values: p.scenario.totals.iter().map(|t| metric.of(t)).collect(),
        dash: Dash::Solid,
        width: 1.5,
    }
}

/// The metric split by site (organisation-level materials apart); beyond [`MAX_LAYERS`] the
/// smallest sites are grouped.
pub fn by_site(s: &Scenario, p: &Projection, metric: &Metric, lang: Lang) -> StackChart {
    let run = &p.scenario;
    let mut layers: Vec<Layer> = p
        .site_names
        .iter()
        .enumerate()
        .map(|(si, name)| Layer {
            key: format!("site_{}", p.site_ids[si]),
            name: name.clone(),
            color: color(si),
            values: (0..p.years()).map(|i| metric.of_site(run.site(i, si))).collect(),
        })
        .filter(|l| l.values.iter().any(|v| *v != 0.0))
        .collect();
    layers = group_small(layers, tr(lang, "Other sites").into());
    if metric.has(Scope::Scope3) {
        let org: Vec<usize> = s
            .materials
            .iter()
            .enumerate()
            .filter(|(_, m)| m.site.is_none())
            .map(|(i, _)| run.material_source(i))
            .collect();
        if !org.is_empty() {
            layers.push(Layer {
                key: "org_materials".into(),
                name: tr(lang, "Organisation materials (Scope 3)").into(),
                color: PALETTE[10],
                values: (0..p.years())
                    .map(|i| org.iter().map(|k| run.source(i, *k)).sum())
                    .collect(),
            });
        }
    }
    push_credits(&mut layers, p, metric, lang);
    StackChart {
        title: tr(lang, "By site").into(),
        metric: metric_label(metric, lang),
        years: years(p),
        total: Some(total_series(p, metric, lang)),
        layers,
        notes: Vec::new(),
    }
}

/// Wedges of each active lever group (positive = a cut against BAU, negative = the group
/// raises emissions) and the gap to BAU.
pub fn wedges(p: &Projection, w: &Wedges, active: &[LeverGroup], metric: &Metric, lang: Lang) -> StackChart {
    let mut notes = Vec::new();
    let layers: Vec<Layer> = LeverGroup::ALL
        .iter()
        .enumerate()
        .filter(|(_, g)| active.contains(g))
        .filter_map(|(k, g)| {
            let values: Vec<f64> = w.values.iter().map(|x| x[*g as usize]).collect();
            if values.iter().all(|v| v.abs() < 0.5) {
                // active, but no effect on this metric (recycling on Scope 1+2 …)
                return None;
            }
            let raises = values.iter().any(|v| *v < -0.5);
            let mut name = group_name(lang, g.key()).to_string();
            if raises {
                name.push_str(match lang {
                    Lang::En => " (raises emissions in some years)",
                    Lang::Ja => "（一部の年度で排出増）",
                });
                notes.push(match lang {
                    Lang::En => format!(
                        "{} is below zero where it raises emissions against BAU.",
                        group_name(lang, g.key())
                    ),
                    Lang::Ja => format!(
                        "{}がなりゆきより排出を増やす年度は0より下に表示。",
                        group_name(lang, g.key())
                    ),
                });
            }
            Some(Layer {
                key: g.key().into(),
                name,
                color: color(k),
                values,
            })
        })
        .collect();
    StackChart {
        title: tr(lang, "Wedges against BAU").into(),
        metric: metric_label(metric, lang),
        years: years(p),
        layers,
        total: Some(Series {
            key: "gap".into(),
            name: tr(lang, "Gap to BAU").into(),
            color: (40, 40, 40),
            values: w.gap.clone(),
            dash: Dash::Solid,
            width: 2.0,
        }),
        notes,
    }
}

/// The bridge with every bar named, coloured by direction, and an axis that fits the bars.
pub fn bridge(
    b: &Bridge,
    results: &[TargetResult],
    metric: &Metric,
    lang: Lang,
    units: Units,
) -> BridgeChart {
    let bars: Vec<BridgeBar> = b
        .bars
        .iter()
        .map(|x| BridgeBar {
            name: group_name(lang, &x.key).to_string(),
            value_t: x.value_t,
            color: if x.value_t <= 0.0 { MET } else { MISSED },
        })
        .collect();
    let levels: Vec<RefLine> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.year == b.to
                && r.unit == TargetUnit::TCo2
                && r.level.is_finite()
                && Metric::of_result(r).same_scopes(metric)
        })
        .map(|(_, r)| RefLine {
            name: r.label.clone(),
            value_t: r.level,
            color: PALETTE[5],
        })
        .collect();
    // The axis spans every level the bars pass through, the totals and the target levels.
    let mut lo = b.start_t.min(b.end_t);
    let mut hi = b.start_t.max(b.end_t);
    let mut level = b.start_t;
    for x in &b.bars {
        level += x.value_t;
        lo = lo.min(level);
        hi = hi.max(level);
    }
    for l in &levels {
        lo = lo.min(l.value_t);
        hi = hi.max(l.value_t);
    }
    let span = (hi - lo).max(hi.abs() * 1e-6).max(1e-9);
    // Cut the axis when starting at 0 would squeeze the changes into slivers.
    let (axis_lo, cut) = if lo > 0.0 && lo - 0.25 * span > 0.0 && span < 0.6 * hi {
        (lo - 0.25 * span, true)
    } else {
        (lo.min(0.0) - if lo < 0.0 { 0.08 * span } else { 0.0 }, false)
    };
    let axis = (axis_lo, hi + 0.12 * span);
    let mut notes = Vec::new();
    if cut {
        notes.push(match lang {
            Lang::En => format!(
                "The value axis starts at {}, not at 0: the start and end bars are cut.",
                units.fmt(axis_lo)
            ),
            Lang::Ja => format!(
                "縦軸は0ではなく{}から始まる（開始と終了の棒は途中から表示）。",
                units.fmt(axis_lo)
            ),
        });
    }
    BridgeChart {
        title: format!("{} {} → {}", tr(lang, "Bridge"), fy(lang, b.from), fy(lang, b.to)),
        metric: metric_label(metric, lang),
        start: (fy(lang, b.from), b.start_t),
        bars,
        end: (fy(lang, b.to), b.end_t),
        levels,
        axis,
        notes,
    }
}

/// Adds a relative target's glide line (ANALYSES.md §3.5, §4): straight from the reference
/// year's baseline to the level in the target's year, dotted. Drawn only when the target is
/// measured on the chart's metric; otherwise a note says which metric shows it.
pub fn add_glide(
    c: &mut LineChart,
    s: &Scenario,
    p: &Projection,
    t: &crate::model::Target,
    metric: &Metric,
    lang: Lang,
) {
    use crate::model::TargetKind;
    let TargetKind::Absolute {
        reduction_pct,
        reference_year,
    } = t.kind
    else {
        return;
    };
    if !Metric::of_target(t).same_scopes(metric) {
        c.notes.push(match lang {
            Lang::En => format!(
                "The glide line of \"{}\" is on {}: choose that metric to see it.",
                t.label,
                metric_label(&Metric::of_target(t), lang)
            ),
            Lang::Ja => format!(
                "「{}」の削減経路は{}で表示されます。その指標を選んでください。",
                t.label,
                metric_label(&Metric::of_target(t), lang)
            ),
        });
        return;
    }
    let Some(b) = targets::baseline(s, p, reference_year, &t.scopes, t.scope2_method) else {
        return;
    };
    let level = b.value_t * (1.0 - reduction_pct / 100.0);
    let span = f64::from((t.year - reference_year).max(1));
    let values = c
        .years
        .iter()
        .map(|&y| {
            if y < reference_year || y > t.year {
                f64::NAN
            } else {
                b.value_t + (level - b.value_t) * f64::from(y - reference_year) / span
            }
        })
        .collect();
    c.series.push(Series {
        key: format!("glide_{}", t.label),
        name: format!("{} — {}", tr(lang, "Glide line"), t.label),
        color: (120, 60, 160),
        values,
        dash: Dash::Dotted,
        width: 2.0,
    });
}
