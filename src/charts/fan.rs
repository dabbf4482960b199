//! The Monte Carlo fan over the trajectory and the tornado, as plain data (ANALYSES.md §2.7):
//! the window and the report draw the same bands, lines and bars.

use super::{Dash, LineChart, Rgb, Series};
use crate::engine::uncertainty::Outcome;
use crate::i18n::{Lang, fy, tr};

/// P5–P95 and P25–P75 bands, and the median line.
pub const FAN_OUTER: Rgb = (198, 219, 239);
pub const FAN_INNER: Rgb = (140, 186, 222);
pub const FAN_MEDIAN: Rgb = (8, 69, 148);
/// Tornado bars: the input at its P10 and at its P90.
pub const LOW: Rgb = (86, 180, 233);
pub const HIGH: Rgb = (213, 94, 0);

/// A band between two curves.
#[derive(Clone, Debug, PartialEq)]
pub struct FanBand {
    pub key: String,
    pub name: String,
    pub color: Rgb,
    pub years: Vec<i32>,
    /// t-CO2 per year.
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

/// What the fan is, under the chart (§2.7: say so on the chart).
pub fn fan_note(lang: Lang, draws: usize) -> String {
    match lang {
        Lang::En => format!(
            "Fan: {draws} draws of the uncertain inputs; per-year marginal percentiles, not a set of trajectories."
        ),
        Lang::Ja => format!(
            "ファン：不確実な入力の{draws}回の抽出。各年の周辺パーセンタイルであり、個々の推移の集合ではない。"
        ),
    }
}

/// Adds the fan to a trajectory on the same metric: the two bands under the lines, the median
/// as a dashed line, and the note. The deterministic line is the trajectory's own projection.
pub fn add_fan(c: &mut LineChart, o: &Outcome, lang: Lang) {
    let years: Vec<i32> = o.fan.iter().map(|f| f.year).collect();
    let col = |q: usize| -> Vec<f64> { o.fan.iter().map(|f| f.p[q]).collect() };
    c.bands.push(FanBand {
        key: "fan_p5_p95".into(),
        name: tr(lang, "P5–P95").into(),
        color: FAN_OUTER,
        years: years.clone(),
        lower: col(0),
        upper: col(4),
    });
    c.bands.push(FanBand {
        key: "fan_p25_p75".into(),
        name: tr(lang, "P25–P75").into(),
        color: FAN_INNER,
        years: years.clone(),
        lower: col(1),
        upper: col(3),
    });
    // the median on the chart's own years (the trajectory may start before the projection)
    let median: Vec<f64> = c
        .years
        .iter()
        .map(|y| o.fan.iter().find(|f| f.year == *y).map_or(f64::NAN, |f| f.p[2]))
        .collect();
    c.series.push(Series {
        key: "fan_p50".into(),
        name: tr(lang, "Median (P50)").into(),
        color: FAN_MEDIAN,
        values: median,
        dash: Dash::Dashed,
        width: 1.5,
    });
    c.notes.push(fan_note(lang, o.draws));
}

/// One bar of the tornado: the metric with the input at its P10 and P90.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub label: String,
    pub low: f64,
    pub high: f64,
    pub k_low: f64,
    pub k_high: f64,
}

/// The tornado, widest first, without inputs that do not move the metric (prices, when the
/// metric is emissions): those are listed in `still`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    pub title: String,
    /// The metric's deterministic value in the year [t-CO2].
    pub base: f64,
    pub year: i32,
    pub bars: Vec<TornadoBar>,
    pub still: Vec<String>,
}

pub fn tornado(o: &Outcome, lang: Lang) -> Tornado {
    let (mut bars, mut still) = (Vec::new(), Vec::new());
    for r in &o.tornado {
        if r.swing() > 1e-9 * o.tornado_base.abs().max(1.0) {
            bars.push(TornadoBar {
                label: r.label.clone(),
                low: r.low,
                high: r.high,
                k_low: r.k_low,
                k_high: r.k_high,
            });
        } else {
            still.push(r.label.clone());
        }
    }
    Tornado {
        title: format!("{} — {}", tr(lang, "What matters most"), fy(lang, o.tornado_year)),
        base: o.tornado_base,
        year: o.tornado_year,
        bars,
        still,
    }
}

/// The density of a multiplier's distribution as points `[k, density]` for a small chart:
/// from the inverse CDF, the density at the midpoint of two quantiles is Δu / Δk.
pub fn density(d: &crate::model::Dist) -> Vec<[f64; 2]> {
    use crate::engine::uncertainty::dist::{is_degenerate, quantile};
    if is_degenerate(d) {
        let k = quantile(d, 0.5);
        return vec![[k, 0.0], [k, 1.0]];
    }
    let n = 120;
    let us: Vec<f64> = (0..=n).map(|i| 0.002 + 0.996 * i as f64 / n as f64).collect();
    let ks: Vec<f64> = us.iter().map(|&u| quantile(d, u)).collect();
    us.windows(2)
        .zip(ks.windows(2))
        .filter(|(_, k)| k[1] > k[0])
        .map(|(u, k)| [(k[0] + k[1]) / 2.0, (u[1] - u[0]) / (k[1] - k[0])])
        .collect()
}
