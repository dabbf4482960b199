//! Self-contained SVG charts for reports: lines, stacked areas, waterfalls. Plain strings, no
//! dependencies, readable offline in any browser.

use std::fmt::Write;

pub const COLORS: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    "#17becf",
];

const W: f64 = 880.0;
const H: f64 = 400.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 190.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 40.0;

/// Escapes text for XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A "nice" tick step for a range.
fn step(range: f64) -> f64 {
    if range <= 0.0 || !range.is_finite() {
        return 1.0;
    }
    let raw = range / 6.0;
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    mag * if r < 1.5 {
        1.0
    } else if r < 3.5 {
        2.0
    } else if r < 7.5 {
        5.0
    } else {
        10.0
    }
}

struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Frame {
    fn new(x0: f64, x1: f64, mut y0: f64, mut y1: f64) -> Frame {
        y0 = y0.min(0.0);
        y1 = y1.max(0.0);
        if (y1 - y0).abs() < 1e-12 {
            y1 = y0 + 1.0;
        }
        let pad = (y1 - y0) * 0.05;
        Frame {
            x0,
            x1: if x1 > x0 { x1 } else { x0 + 1.0 },
            y0: if y0 < 0.0 { y0 - pad } else { y0 },
            y1: y1 + pad,
        }
    }
    fn x(&self, v: f64) -> f64 {
        LEFT + (v - self.x0) / (self.x1 - self.x0) * (W - LEFT - RIGHT)
    }
    fn y(&self, v: f64) -> f64 {
        H - BOTTOM - (v - self.y0) / (self.y1 - self.y0) * (H - TOP - BOTTOM)
    }
}

fn open(o: &mut String, title: &str, unit: &str) {
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="sans-serif" font-size="12" role="img" aria-label="{t}"><rect width="{W}" height="{H}" fill="white"/><text x="{LEFT}" y="22" font-size="15" font-weight="bold">{t}</text><text x="14" y="{cy}" transform="rotate(-90 14 {cy})" text-anchor="middle">{u}</text>"#,
        t = esc(title),
        u = esc(unit),
        cy = H / 2.0
    );
}

fn axes(o: &mut String, f: &Frame, x_labels: &dyn Fn(f64) -> Option<String>, x_ticks: &[f64]) {
    let s = step(f.y1 - f.y0);
    let mut v = (f.y0 / s).ceil() * s;
    while v <= f.y1 + 1e-9 {
        let y = f.y(v);
        let _ = write!(
            o,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{label}</text>"##,
            x2 = W - RIGHT,
            tx = LEFT - 6.0,
            ty = y + 4.0,
            label = crate::units::group(v, if s < 1.0 { 2 } else { 0 })
        );
        v += s;
    }
    for &t in x_ticks {
        if let Some(label) = x_labels(t) {
            let _ = write!(
                o,
                r#"<text x="{x:.1}" y="{y}" text-anchor="middle">{l}</text>"#,
                x = f.x(t),
                y = H - BOTTOM + 18.0,
                l = esc(&label)
            );
        }
    }
    let _ = write!(
        o,
        r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#444"/>"##,
        x2 = W - RIGHT,
        y = f.y(0.0)
    );
}

fn legend(o: &mut String, items: &[(String, &str)]) {
    for (i, (name, color)) in items.iter().enumerate() {
        let y = TOP + 8.0 + i as f64 * 18.0;
        let _ = write!(
            o,
            r#"<rect x="{x}" y="{ry}" width="12" height="12" fill="{color}"/><text x="{tx}" y="{ty}">{n}</text>"#,
            x = W - RIGHT + 12.0,
            ry = y - 10.0,
            tx = W - RIGHT + 30.0,
            ty = y,
            n = esc(name)
        );
    }
}

fn year_ticks(years: &[f64]) -> Vec<f64> {
    years.iter().copied().filter(|y| (*y as i64) % 5 == 0).collect()
}

/// A line series: name, colour, values per year, dashed.
pub struct Series<'a> {
    pub name: String,
    pub color: &'a str,
    pub values: Vec<f64>,
    pub dashed: bool,
}

/// Trajectory-style chart: lines over years, horizontal reference lines, point markers.
pub fn lines(
    title: &str,
    unit: &str,
    years: &[f64],
    series: &[Series],
    hlines: &[(String, f64)],
    points: &[(String, f64, f64, &str)],
) -> String {
    let all = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .chain(hlines.iter().map(|h| h.1))
        .chain(points.iter().map(|p| p.2))
        .filter(|v| v.is_finite());
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let x0 = years
        .first()
        .copied()
        .unwrap_or(0.0)
        .min(points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min));
    let x1 = years
        .last()
        .copied()
        .unwrap_or(1.0)
        .max(points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max));
    let f = Frame::new(x0, x1, lo, hi);
    let mut o = String::new();
    open(&mut o, title, unit);
    let ticks: Vec<f64> = ((x0 as i64)..=(x1 as i64))
        .filter(|y| y % 5 == 0)
        .map(|y| y as f64)
        .collect();
    axes(&mut o, &f, &|t| Some(format!("{}", t as i64)), &ticks);
    for (label, v) in hlines {
        let y = f.y(*v);
        let _ = write!(
            o,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#888" stroke-dasharray="2 3"/><text x="{tx}" y="{ty:.1}" fill="#555">{l}</text>"##,
            x2 = W - RIGHT,
            tx = LEFT + 4.0,
            ty = y - 3.0,
            l = esc(label)
        );
    }
    for s in series {
        let pts: Vec<String> = years
            .iter()
            .zip(&s.values)
            .filter(|(_, v)| v.is_finite())
            .map(|(x, v)| format!("{:.1},{:.1}", f.x(*x), f.y(*v)))
            .collect();
        let _ = write!(
            o,
            r#"<polyline fill="none" stroke="{c}" stroke-width="2.2"{d} points="{p}"><title>{n}</title></polyline>"#,
            c = s.color,
            d = if s.dashed {
                r#" stroke-dasharray="6 4""#
            } else {
                ""
            },
            p = pts.join(" "),
            n = esc(&s.name)
        );
    }
    for (label, x, v, color) in points {
        let _ = write!(
            o,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="5" fill="{color}"><title>{l}</title></circle>"#,
            cx = f.x(*x),
            cy = f.y(*v),
            l = esc(label)
        );
    }
    let items: Vec<(String, &str)> = series
        .iter()
        .map(|s| (s.name.clone(), s.color))
        .chain(points.iter().map(|p| (p.0.clone(), p.3)))
        .collect();
    legend(&mut o, &items);
    o.push_str("</svg>");
    o
}

/// Stacked areas (positive layers up, negative down).
pub fn stacked(title: &str, unit: &str, years: &[f64], layers: &[(String, Vec<f64>)]) -> String {
    let n = years.len();
    let mut up = vec![0.0; n];
    let mut down = vec![0.0; n];
    let mut polys = Vec::new();
    for (k, (name, v)) in layers.iter().enumerate() {
        let mut lower = vec![0.0; n];
        let mut upper = vec![0.0; n];
        for i in 0..n {
            let x = v.get(i).copied().unwrap_or(0.0);
            if x >= 0.0 {
                lower[i] = up[i];
                up[i] += x;
                upper[i] = up[i];
            } else {
                upper[i] = down[i];
                down[i] += x;
                lower[i] = down[i];
            }
        }
        polys.push((name.clone(), COLORS[k % COLORS.len()], lower, upper));
    }
    let lo = down.iter().copied().fold(0.0, f64::min);
    let hi = up.iter().copied().fold(0.0, f64::max);
    let f = Frame::new(
        years.first().copied().unwrap_or(0.0),
        years.last().copied().unwrap_or(1.0),
        lo,
        hi,
    );
    let mut o = String::new();
    open(&mut o, title, unit);
    axes(&mut o, &f, &|t| Some(format!("{}", t as i64)), &year_ticks(years));
    for (name, color, lower, upper) in &polys {
        let mut pts: Vec<String> = years
            .iter()
            .zip(upper)
            .map(|(x, v)| format!("{:.1},{:.1}", f.x(*x), f.y(*v)))
            .collect();
        pts.extend(
            years
                .iter()
                .zip(lower)
                .rev()
                .map(|(x, v)| format!("{:.1},{:.1}", f.x(*x), f.y(*v))),
        );
        let _ = write!(
            o,
            r#"<polygon fill="{color}" fill-opacity="0.7" stroke="{color}" points="{p}"><title>{n}</title></polygon>"#,
            p = pts.join(" "),
            n = esc(name)
        );
    }
    let items: Vec<(String, &str)> = polys.iter().map(|p| (p.0.clone(), p.1)).collect();
    legend(&mut o, &items);
    o.push_str("</svg>");
    o
}

/// A waterfall: start bar, floating change bars, end bar, optional level lines.
pub fn waterfall(
    title: &str,
    unit: &str,
    start: (String, f64),
    bars: &[(String, f64)],
    end: (String, f64),
    levels: &[(String, f64)],
) -> String {
    let mut running = start.1;
    let mut lo = start.1.min(end.1);
    let mut hi = start.1.max(end.1);
    for (_, v) in bars {
        running += v;
        lo = lo.min(running);
        hi = hi.max(running);
    }
    for (_, v) in levels {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let count = bars.len() + 2;
    let f = Frame::new(-0.5, count as f64 - 0.5, lo, hi);
    let mut o = String::new();
    open(&mut o, title, unit);
    let mut names = vec![start.0.clone()];
    names.extend(bars.iter().map(|b| b.0.clone()));
    names.push(end.0.clone());
    let ticks: Vec<f64> = (0..count).map(|i| i as f64).collect();
    axes(&mut o, &f, &|_| None, &ticks);
    let bw = (W - LEFT - RIGHT) / count as f64 * 0.7;
    let draw = |o: &mut String, i: usize, a: f64, b: f64, color: &str, label: &str, value: f64| {
        let (y0, y1) = (f.y(a.max(b)), f.y(a.min(b)));
        let x = f.x(i as f64) - bw / 2.0;
        let _ = write!(
            o,
            r#"<rect x="{x:.1}" y="{y0:.1}" width="{bw:.1}" height="{h:.1}" fill="{color}"><title>{l}: {v}</title></rect><text x="{tx:.1}" y="{ty}" text-anchor="middle" font-size="10">{l}</text>"#,
            h = (y1 - y0).max(0.5),
            l = esc(label),
            v = crate::units::group(value, 2),
            tx = f.x(i as f64),
            // Labels alternate between two rows so that neighbours do not overlap.
            ty = H - BOTTOM + if i.is_multiple_of(2) { 14.0 } else { 28.0 }
        );
    };
    draw(&mut o, 0, 0.0, start.1, "#7f7f7f", &start.0, start.1);
    let mut level = start.1;
    for (i, (name, v)) in bars.iter().enumerate() {
        let color = if *v <= 0.0 { "#2ca02c" } else { "#d62728" };
        draw(&mut o, i + 1, level, level + v, color, name, *v);
        level += v;
    }
    draw(&mut o, count - 1, 0.0, end.1, "#1f77b4", &end.0, end.1);
    for (label, v) in levels {
        let y = f.y(*v);
        let _ = write!(
            o,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#9467bd" stroke-width="1.5"/><text x="{tx}" y="{ty:.1}" fill="#9467bd">{l}</text>"##,
            x2 = W - RIGHT,
            tx = W - RIGHT + 6.0,
            ty = y + 4.0,
            l = esc(label)
        );
    }
    o.push_str("</svg>");
    o
}
