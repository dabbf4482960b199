//! What each chart shows, as plain data: the window (egui_plot) and the exports (SVG, PNG)
//! draw the same series from here, on the same metric, with the same colours and names.
//! Pure: reads projections, wedges and bridges; draws nothing.

use crate::engine::targets::{self, TargetResult, TargetUnit};
use crate::engine::wedges::{Bridge, Wedges};
use crate::engine::{LeverGroup, Metric, Projection, source};
use crate::explain::metric_label;
use crate::i18n::{Lang, fy, tr};
use crate::model::{HistoryKind, Scenario, Scope, Scope2Method};
use crate::units::Units;

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// 24 categorical colours. The first eight are safe for colour-blind readers (Okabe–Ito
/// without black, plus Tol's wine); the rest extend the set with Tol's and ColorBrewer's.
pub const PALETTE: [Rgb; 24] = [
    (0, 114, 178),   // blue
    (230, 159, 0),   // orange
    (0, 158, 115),   // bluish green
    (213, 94, 0),    // vermillion
    (86, 180, 233),  // sky blue
    (204, 121, 167), // reddish purple
    (240, 228, 66),  // yellow
    (136, 34, 85),   // wine
    (17, 119, 51),   // green
    (68, 170, 153),  // teal
    (51, 34, 136),   // indigo
    (221, 204, 119), // sand
    (170, 68, 153),  // purple
    (153, 153, 51),  // olive
    (102, 17, 0),    // brown
    (102, 153, 204), // steel blue
    (228, 26, 28),   // red
    (255, 127, 0),   // bright orange
    (166, 86, 40),   // sienna
    (247, 129, 191), // pink
    (77, 175, 74),   // leaf green
    (152, 78, 163),  // violet
    (140, 140, 140), // grey
    (0, 0, 0),       // black
];

pub const GREY: Rgb = (120, 120, 120);
pub const MET: Rgb = (0, 140, 100);
pub const MISSED: Rgb = (205, 60, 0);
pub const PROJECTION: Rgb = PALETTE[0];
pub const REPORTED: Rgb = PALETTE[1];

/// The colour of the `k`-th item of a kind (a site, a fuel, a lever group): fixed by the
/// item's place in the scenario, so a series keeps its colour when others come and go.
pub fn color(k: usize) -> Rgb {
    PALETTE[k % PALETTE.len()]
}

/// `#rrggbb`
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Stacked charts show at most this many layers; the smallest are grouped as "other".
pub const MAX_LAYERS: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
}

/// A line over the projected years.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub key: String,
    pub name: String,
    pub color: Rgb,
    /// t-CO2 per year of [`LineChart::years`].
    pub values: Vec<f64>,
    pub dash: Dash,
    pub width: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Diamond,
}

/// A group of markers (reported actuals, outlooks, one target).
#[derive(Clone, Debug, PartialEq)]
pub struct Markers {
    pub key: String,
    /// Legend name.
    pub name: String,
    pub color: Rgb,
    pub shape: Shape,
    pub filled: bool,
    /// `(year, t-CO2)`
    pub points: Vec<(i32, f64)>,
    /// Text drawn next to each point (targets), empty for none.
    pub annotation: String,
}

/// A horizontal reference line (baselines, target levels).
#[derive(Clone, Debug, PartialEq)]
pub struct RefLine {
    pub name: String,
    pub value_t: f64,
    pub color: Rgb,
}

/// The trajectory: lines, markers and reference lines over the years.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    pub title: String,
    pub metric: String,
    pub years: Vec<i32>,
    pub series: Vec<Series>,
    pub markers: Vec<Markers>,
    pub ref_lines: Vec<RefLine>,
    /// First and last year of the x axis (history may start before the projection).
    pub x_range: (i32, i32),
    /// Remarks shown under the chart (targets on another metric …).
    pub notes: Vec<String>,
}

/// One layer of a stacked chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub key: String,
    pub name: String,
    pub color: Rgb,
    pub values: Vec<f64>,
}

/// Stacked areas: positive parts stack up from 0, negative parts down from 0.
#[derive(Clone, Debug, PartialEq)]
pub struct StackChart {
    pub title: String,
    pub metric: String,
    pub years: Vec<i32>,
    pub layers: Vec<Layer>,
    /// A line over the stack (the total, or the gap to BAU for wedges).
    pub total: Option<Series>,
    pub notes: Vec<String>,
}

/// One band of a stacked chart: a layer's positive or negative part between two curves.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub layer: usize,
    pub negative: bool,
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

impl StackChart {
    /// The bands to fill: each layer's positive part stacked on the positives below it, its
    /// negative part stacked under the negatives. Bands never cross zero, so a layer that
    /// changes sign is drawn below zero where it is negative, never as a spike.
    pub fn bands(&self) -> Vec<Band> {
        let n = self.years.len();
        let mut up = vec![0.0; n];
        let mut down = vec![0.0; n];
        let mut out = Vec::new();
        for (k, l) in self.layers.iter().enumerate() {
            let pos: Vec<f64> = l.values.iter().map(|v| v.max(0.0)).collect();
            let neg: Vec<f64> = l.values.iter().map(|v| v.min(0.0)).collect();
            if pos.iter().any(|v| *v > 0.0) {
                let upper: Vec<f64> = up.iter().zip(&pos).map(|(a, b)| a + b).collect();
                out.push(Band {
                    layer: k,
                    negative: false,
                    lower: up.clone(),
                    upper: upper.clone(),
                });
                up = upper;
            }
            if neg.iter().any(|v| *v < 0.0) {
                let lower: Vec<f64> = down.iter().zip(&neg).map(|(a, b)| a + b).collect();
                out.push(Band {
                    layer: k,
                    negative: true,
                    lower: lower.clone(),
                    upper: down.clone(),
                });
                down = lower;
            }
        }
        out
    }

    /// Lowest and highest point of the stack and the total line [t-CO2].
    pub fn extent(&self) -> (f64, f64) {
        let mut lo = 0.0f64;
        let mut hi = 0.0f64;
        for b in self.bands() {
            lo = b.lower.iter().copied().fold(lo, f64::min);
            hi = b.upper.iter().copied().fold(hi, f64::max);
        }
        if let Some(t) = &self.total {
            for v in t.values.iter().filter(|v| v.is_finite()) {
                lo = lo.min(*v);
                hi = hi.max(*v);
            }
        }
        (lo, hi)
    }
}

/// One bar of the bridge.
#[derive(Clone, Debug, PartialEq)]
pub struct BridgeBar {
    pub name: String,
    pub value_t: f64,
    pub color: Rgb,
}

/// The bridge (waterfall) with an axis fitted to its bars.
#[derive(Clone, Debug, PartialEq)]
pub struct BridgeChart {
    pub title: String,
    pub metric: String,
    pub start: (String, f64),
    pub bars: Vec<BridgeBar>,
    pub end: (String, f64),
    /// Target levels of the end year on the same metric.
    pub levels: Vec<RefLine>,
    /// The value axis [t-CO2]: starts above 0 when the changes are small beside the totals.
    pub axis: (f64, f64),
    pub notes: Vec<String>,
}

impl BridgeChart {
    /// Whether the value axis starts above zero (then the start and end bars are cut).
    pub fn axis_cut(&self) -> bool {
        self.axis.0 > 0.0
    }
    /// `(bottom, top)` of each bar in order: start, changes, end [t-CO2].
    pub fn spans(&self) -> Vec<(f64, f64)> {
        let mut out = vec![(self.axis.0.max(0.0).min(self.start.1), self.start.1)];
        let mut level = self.start.1;
        for b in &self.bars {
            out.push((level.min(level + b.value_t), level.max(level + b.value_t)));
            level += b.value_t;
        }
        out.push((self.axis.0.max(0.0).min(self.end.1), self.end.1));
        out
    }
}

/// Name of an emission source, in the language.
pub fn source_name(lang: Lang, key: &str, name: &str, location: bool) -> String {
    match key {
        "electricity" if location => tr(lang, "Electricity (location)").to_string(),
        "electricity" => tr(lang, "Electricity (market)").to_string(),
        "process" => tr(lang, "Process (non-energy)").to_string(),
        "recycled_feed" => tr(lang, "Recycled feed combustion").to_string(),
        _ => name.to_string(),
    }
}

fn years(p: &Projection) -> Vec<i32> {
    (0..p.years()).map(|i| p.year(i)).collect()
}

/// Keeps the `MAX_LAYERS − 1` largest layers (by total absolute value) in their order and
/// sums the rest into one "other" layer.
pub fn group_small(layers: Vec<Layer>, other_name: String) -> Vec<Layer> {
    if layers.len() <= MAX_LAYERS {
        return layers;
    }
    let mut order: Vec<(usize, f64)> = layers
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.values.iter().map(|v| v.abs()).sum::<f64>()))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let keep: Vec<usize> = order.iter().take(MAX_LAYERS - 1).map(|x| x.0).collect();
    let n = layers.first().map_or(0, |l| l.values.len());
    let mut other = vec![0.0; n];
    let mut count = 0;
    let mut out = Vec::new();
    for (i, l) in layers.into_iter().enumerate() {
        if keep.contains(&i) {
            out.push(l);
        } else {
            count += 1;
            for (o, v) in other.iter_mut().zip(&l.values) {
                *o += v;
            }
        }
    }
    out.push(Layer {
        key: "other".into(),
        name: format!("{other_name} ({count})"),
        color: GREY,
        values: other,
    });
    out
}

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
    for (kind, key, name, filled) in [
        (HistoryKind::Actual, "actual", "Reported actual", true),
        (HistoryKind::Outlook, "outlook", "Published outlook", false),
        (HistoryKind::Plan, "plan", "Published plan", false),
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
                shape: Shape::Circle,
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
            name: format!(
                "{name}: {}",
                match lang {
                    Lang::En =>
                        if met {
                            "met"
                        } else {
                            "missed"
                        },
                    Lang::Ja =>
                        if met {
                            "達成"
                        } else {
                            "未達"
                        },
                }
            ),
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
                "Targets on another metric, not drawn here: {} (choose their metric to see them)",
                elsewhere.join("; ")
            ),
            Lang::Ja => format!(
                "別の指標の目標（ここには表示しない）：{}（その指標を選ぶと表示）",
                elsewhere.join("、")
            ),
        });
    }
    let ref_lines: Vec<RefLine> = crate::report::BASELINE_YEARS
        .iter()
        .filter_map(|&y| {
            targets::baseline(s, p, y, &metric.scopes, metric.method).map(|b| RefLine {
                name: format!("{} {}", tr(lang, "Baseline"), fy(lang, y)),
                value_t: b.value_t,
                color: GREY,
            })
        })
        .collect();
    let first = s
        .history
        .iter()
        .map(|h| h.year)
        .min()
        .unwrap_or(s.base_year)
        .min(s.base_year);
    LineChart {
        title: tr(lang, "Trajectory").into(),
        metric: metric_label(metric, lang),
        years: ys,
        series,
        markers,
        ref_lines,
        x_range: (first, s.last_year),
        notes,
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

/// Display name of a lever group or a bridge driver.
pub fn group_name(lang: Lang, key: &str) -> &'static str {
    crate::report::group_name(lang, key)
}

/// Wedges of each active lever group (positive = a cut against BAU, negative = the group
/// raises emissions) and the gap to BAU.
pub fn wedges(p: &Projection, w: &Wedges, active: &[LeverGroup], metric: &Metric, lang: Lang) -> StackChart {
    let mut notes = Vec::new();
    let layers: Vec<Layer> = LeverGroup::ALL
        .iter()
        .enumerate()
        .filter(|(_, g)| active.contains(g))
        .map(|(k, g)| {
            let values: Vec<f64> = w.values.iter().map(|x| x[*g as usize]).collect();
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
            Layer {
                key: g.key().into(),
                name,
                color: color(k),
                values,
            }
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

/// What the hover shows for a year of a line chart: each series' and marker's value.
pub fn line_hover(c: &LineChart, year: i32, units: Units, lang: Lang) -> Vec<String> {
    let mut out = vec![fy(lang, year)];
    if let Some(i) = c.years.iter().position(|y| *y == year) {
        for s in &c.series {
            if let Some(v) = s.values.get(i).filter(|v| v.is_finite()) {
                out.push(format!("{}: {}", s.name, units.fmt(*v)));
            }
        }
    }
    for m in &c.markers {
        for (y, v) in &m.points {
            if *y == year {
                out.push(format!("{}: {}", m.name, units.fmt(*v)));
            }
        }
    }
    out
}

/// What the hover shows for a year of a stacked chart: each layer's own value, then the total.
pub fn stack_hover(c: &StackChart, year: i32, units: Units, lang: Lang) -> Vec<String> {
    let mut out = vec![fy(lang, year)];
    let Some(i) = c.years.iter().position(|y| *y == year) else {
        return out;
    };
    for l in c.layers.iter().rev() {
        if let Some(v) = l.values.get(i) {
            out.push(format!("{}: {}", l.name, units.fmt(*v)));
        }
    }
    if let Some(t) = &c.total
        && let Some(v) = t.values.get(i)
    {
        out.push(format!("{}: {}", t.name, units.fmt(*v)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(values: Vec<Vec<f64>>) -> StackChart {
        StackChart {
            title: String::new(),
            metric: String::new(),
            years: (0..values[0].len() as i32).collect(),
            layers: values
                .into_iter()
                .enumerate()
                .map(|(k, v)| Layer {
                    key: k.to_string(),
                    name: k.to_string(),
                    color: color(k),
                    values: v,
                })
                .collect(),
            total: None,
            notes: vec![],
        }
    }

    #[test]
    fn negative_parts_stack_below_zero_and_never_cross_it() {
        // Two layers as JX's PPA (+73) and recycling (−73) in one year: no spike above 73.
        let c = stack(vec![vec![0.0, 73.0, 50.0], vec![0.0, -73.0, 10.0]]);
        let b = c.bands();
        for band in &b {
            for (lo, hi) in band.lower.iter().zip(&band.upper) {
                assert!(lo <= hi);
                if band.negative {
                    assert!(*hi <= 0.0);
                } else {
                    assert!(*lo >= 0.0);
                }
            }
        }
        // layer 1's negative part in year 1 spans −73..0; its positive part in year 2 sits on 50.
        let neg = b.iter().find(|x| x.layer == 1 && x.negative).unwrap();
        assert_eq!((neg.lower[1], neg.upper[1]), (-73.0, 0.0));
        let pos = b.iter().find(|x| x.layer == 1 && !x.negative).unwrap();
        assert_eq!((pos.lower[2], pos.upper[2]), (50.0, 60.0));
        assert_eq!(c.extent(), (-73.0, 73.0));
    }

    #[test]
    fn small_layers_are_grouped_beyond_the_readable_number() {
        let layers: Vec<Layer> = (0..30)
            .map(|k| Layer {
                key: k.to_string(),
                name: k.to_string(),
                color: color(k),
                values: vec![k as f64],
            })
            .collect();
        let g = group_small(layers, "Other sites".into());
        assert_eq!(g.len(), MAX_LAYERS);
        assert_eq!(g.last().unwrap().name, "Other sites (19)");
        // 0 + 1 + … + 18
        assert_eq!(g.last().unwrap().values[0], (0..19).sum::<i32>() as f64);
        // the kept layers keep their own colours
        assert_eq!(g[0].color, color(19));
    }

    #[test]
    fn palette_has_twenty_distinct_colours() {
        let mut seen = std::collections::HashSet::new();
        for c in PALETTE {
            assert!(seen.insert(c));
        }
        assert!(PALETTE.len() >= 20);
    }
}
