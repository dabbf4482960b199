//! What each chart shows, as plain data: the window (egui_plot) and the exports (SVG, PNG)
//! draw the same series from here, on the same metric, with the same colours and names.
//! Pure: reads projections, wedges and bridges; draws nothing.

mod build;
pub mod cost;
pub mod fan;
pub use build::{add_glide, bridge, by_site, by_source, trajectory, wedges};

use crate::engine::Projection;
use crate::i18n::{Lang, fy, tr};
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

/// A "nice" tick step (1, 2, 5 × 10ⁿ) giving about `n` ticks over `range`; 1 for an empty or
/// non-finite range, so that every axis loop terminates.
pub fn nice_step(range: f64, n: f64) -> f64 {
    if range.is_nan() || range <= 0.0 || !range.is_finite() {
        return 1.0;
    }
    let raw = range / n;
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    let step = mag
        * if r < 1.5 {
            1.0
        } else if r < 3.5 {
            2.0
        } else if r < 7.5 {
            5.0
        } else {
            10.0
        };
    if step.is_finite() && step > 0.0 { step } else { 1.0 }
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
    /// Published plans (outlooks are circles).
    Square,
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
    /// Bands under the lines (the Monte Carlo fan).
    pub bands: Vec<fan::FanBand>,
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
    /// Every bar in order (start, changes, end): its name, its value [t-CO2] and its colour.
    pub fn columns(&self) -> Vec<(String, f64, Rgb)> {
        std::iter::once((self.start.0.clone(), self.start.1, GREY))
            .chain(self.bars.iter().map(|b| (b.name.clone(), b.value_t, b.color)))
            .chain(std::iter::once((self.end.0.clone(), self.end.1, PROJECTION)))
            .collect()
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

/// What the hover shows for a year of a line chart: each series' and marker's value.
pub fn line_hover(c: &LineChart, year: i32, units: Units, lang: Lang) -> Vec<String> {
    let mut out = vec![fy(lang, year)];
    for b in &c.bands {
        if let Some(i) = b.years.iter().position(|y| *y == year) {
            out.push(format!(
                "{}: {} – {}",
                b.name,
                units.fmt(b.lower[i]),
                units.fmt(b.upper[i])
            ));
        }
    }
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

    #[test]
    fn the_bridge_axis_fits_small_changes_and_says_when_it_is_cut() {
        use crate::engine::wedges::{Bar, Bridge};
        let b = Bridge {
            from: 2018,
            to: 2030,
            start_t: 700_000.0,
            bars: vec![
                Bar {
                    key: "activity".into(),
                    value_t: 20_000.0,
                },
                Bar {
                    key: "efficiency".into(),
                    value_t: -50_000.0,
                },
            ],
            end_t: 670_000.0,
        };
        let c = bridge(&b, &[], &Default::default(), Lang::En, Units::ManT);
        // The bars span 670–720 kt: the axis starts just below 670 kt, and says so.
        assert!(c.axis_cut());
        assert!(c.axis.0 > 640_000.0 && c.axis.0 < 670_000.0, "{:?}", c.axis);
        assert!(
            c.notes[0].starts_with("The value axis starts at"),
            "{:?}",
            c.notes
        );
        // start, +20 kt from 700, −50 kt from 720, end
        let s = c.spans();
        assert_eq!(s[1], (700_000.0, 720_000.0));
        assert_eq!(s[2], (670_000.0, 720_000.0));
        assert_eq!(s[3].1, 670_000.0);
        // Large changes keep the axis at 0.
        let big = Bridge {
            end_t: 100_000.0,
            bars: vec![Bar {
                key: "co2_free_power".into(),
                value_t: -600_000.0,
            }],
            ..b
        };
        let c = bridge(&big, &[], &Default::default(), Lang::En, Units::ManT);
        assert!(!c.axis_cut());
        assert_eq!(c.axis.0, 0.0);
    }

    #[test]
    fn hover_reads_each_series_and_layer_of_the_year() {
        let mut c = stack(vec![vec![1e4, 2e4], vec![3e4, -4e4]]);
        c.years = vec![2030, 2031];
        let h = stack_hover(&c, 2031, Units::ManT, Lang::En);
        assert_eq!(h, ["FY2031", "1: −4.00 万t", "0: 2.00 万t"]);
    }
}
