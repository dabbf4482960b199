//! The cost charts of the report (ANALYSES.md §1.10): the plan cost per year as stacked bars
//! with the exposure change as a line, and the MACC (width = abatement, height = cost per
//! tonne) with the carbon price and the target gap. Drawn from [`crate::charts::cost`], the
//! same data as the window's.

use super::{
    Caption, Frame, LEFT, Sw, TOP, W, esc, legend, note_lines, notes, open, text_width, wrap, x_years, y_axis,
};
use crate::charts::cost::{CostLayer, MaccBar};
use crate::charts::{Dash, MET, MISSED, Rgb, hex};
use crate::units::{Money, group};
use std::fmt::Write;

/// The exposure line: near black, apart from every lever group's colour.
const EXPOSURE: Rgb = (40, 40, 40);

/// A text along the value axis.
fn y_text(o: &mut String, text: &str, f: &Frame) {
    let cy = (TOP + f.bottom) / 2.0;
    let _ = write!(
        o,
        r##"<text x="18" y="{cy}" transform="rotate(-90 18 {cy})" text-anchor="middle" fill="#333333">{}</text>"##,
        esc(text)
    );
}

/// The plan cost per year against BAU: each layer's positive parts stacked up, negative parts
/// down; the carbon-price exposure change as a line. Values in JPY, drawn in `money`.
pub fn plan_cost_chart(
    years: &[i32],
    layers: &[CostLayer],
    exposure: Option<&[f64]>,
    exposure_name: &str,
    cap: &Caption,
    money: Money,
    note: &[String],
) -> String {
    let n = years.len();
    let mut up = vec![0.0f64; n];
    let mut down = vec![0.0f64; n];
    for l in layers {
        for (k, v) in l.values_jpy.iter().enumerate().take(n) {
            let v = money.of(*v);
            if !v.is_finite() {
                continue;
            }
            if v >= 0.0 {
                up[k] += v;
            } else {
                down[k] += v;
            }
        }
    }
    let line: Vec<f64> = exposure
        .map(|e| e.iter().map(|v| money.of(*v)).collect())
        .unwrap_or_default();
    let fin = |v: &f64| v.is_finite();
    let hi = up
        .iter()
        .chain(&line)
        .filter(|v| fin(v))
        .fold(0.0f64, |a, v| a.max(*v));
    let lo = down
        .iter()
        .chain(&line)
        .filter(|v| fin(v))
        .fold(0.0f64, |a, v| a.min(*v));
    let pad = 0.06 * (hi - lo).max(1e-9);
    let nl = note_lines(note);
    let x0 = years.first().copied().unwrap_or(0);
    let x1 = years.last().copied().unwrap_or(1);
    let f = Frame::new(
        f64::from(x0) - 0.6,
        f64::from(x1) + 0.6,
        if lo < 0.0 { lo - pad } else { 0.0 },
        hi + pad,
        nl.len(),
    );
    let mut o = String::new();
    open(&mut o, cap);
    y_text(&mut o, money.label(), &f);
    y_axis(&mut o, &f);
    x_years(&mut o, &f, cap.lang);
    let slot = (f.x(1.0) - f.x(0.0)).abs();
    let bw = (slot * 0.8).max(0.5);
    let mut up = vec![0.0f64; n];
    let mut down = vec![0.0f64; n];
    for l in layers {
        let c = hex(l.color);
        for (k, v) in l.values_jpy.iter().enumerate().take(n) {
            let v = money.of(*v);
            if !v.is_finite() || v == 0.0 {
                continue;
            }
            let base = if v >= 0.0 { &mut up[k] } else { &mut down[k] };
            let (a, b) = (*base, *base + v);
            *base = b;
            let (ya, yb) = (f.y(a), f.y(b));
            let _ = write!(
                o,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bw:.1}" height="{h:.1}" fill="{c}" fill-opacity="0.85"><title>{t}</title></rect>"#,
                x = f.x(f64::from(years[k])) - bw / 2.0,
                y = ya.min(yb),
                h = (ya - yb).abs().max(0.3),
                t = esc(&format!(
                    "{} FY{}: {}",
                    l.name,
                    years[k],
                    money.fmt(money.yen() * v)
                ))
            );
        }
    }
    let mut items: Vec<(String, Rgb, Sw)> = Vec::new();
    if !line.is_empty() {
        let pts: Vec<String> = years
            .iter()
            .zip(&line)
            .filter(|(_, v)| v.is_finite())
            .map(|(x, v)| format!("{:.1},{:.1}", f.x(f64::from(*x)), f.y(*v)))
            .collect();
        let _ = write!(
            o,
            r#"<polyline fill="none" stroke="{c}" stroke-width="2.2" points="{p}"><title>{n}</title></polyline>"#,
            c = hex(EXPOSURE),
            p = pts.join(" "),
            n = esc(exposure_name)
        );
        items.push((exposure_name.to_string(), EXPOSURE, Sw::Line(Dash::Solid)));
    }
    for l in layers.iter().rev() {
        items.push((l.name.clone(), l.color, Sw::Area));
    }
    legend(&mut o, &items);
    notes(&mut o, &nl, &f);
    o.push_str("</svg>");
    o
}

/// What frames the MACC besides its bars.
pub struct MaccFrame<'a> {
    /// The carbon price line [JPY/t], when drawn.
    pub carbon: Option<(&'a str, f64)>,
    /// The cut still needed from BAU, on the width axis [t-CO2/yr], when drawn.
    pub gap: Option<(&'a str, f64)>,
    /// The value range of the heights [JPY/t] ([`crate::charts::cost::y_range`]).
    pub range: (f64, f64),
    /// The axis names: width, height.
    pub x_label: &'a str,
    pub y_label: &'a str,
}

/// The MACC: bars side by side, width = abatement (in the caption's tonne unit), height = cost
/// per tonne [JPY/t], sorted cheapest first; the carbon price and the target gap as lines;
/// the groups left out and the caveats as notes under it.
pub fn macc_chart(bars: &[MaccBar], m: &MaccFrame, cap: &Caption, note: &[String]) -> String {
    let u = cap.units.tonnes();
    let total: f64 = bars
        .iter()
        .map(|b| b.width)
        .filter(|w| w.is_finite())
        .sum::<f64>()
        / u;
    let gap = m
        .gap
        .map(|(l, g)| (l, g / u))
        .filter(|(_, g)| g.is_finite() && *g > 0.0);
    let x_max = total.max(gap.map_or(0.0, |g| g.1 * 1.05)).max(1e-9);
    let nl = note_lines(note);
    // (a range that is not one would make `clamp` panic: any input draws)
    let (lo, hi) = match m.range {
        (a, b) if a.is_finite() && b.is_finite() && a < b => (a, b),
        _ => (0.0, 1.0),
    };
    let mut f = Frame::new(0.0, x_max, lo, hi, nl.len());
    f.right = W - 24.0;
    let mut o = String::new();
    open(&mut o, cap);
    y_text(&mut o, m.y_label, &f);
    y_axis(&mut o, &f);
    // Width ticks and the axis name.
    let step = crate::charts::nice_step(x_max, 6.0);
    let mut v = 0.0;
    let mut k = 0;
    while v <= x_max + step * 1e-9 && k < 40 {
        let x = f.x(v);
        let _ = write!(
            o,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{b0:.1}" y2="{b1:.1}" stroke="#555555"/><text x="{x:.1}" y="{ty:.1}" text-anchor="middle" fill="#333333">{l}</text>"##,
            b0 = f.bottom,
            b1 = f.bottom + 4.0,
            ty = f.bottom + 18.0,
            l = group(v, if step < 1.0 { 2 } else { 0 })
        );
        v += step;
        k += 1;
    }
    let _ = write!(
        o,
        r##"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" fill="#555555">{t}</text>"##,
        x = (LEFT + f.right) / 2.0,
        y = f.bottom + 36.0,
        t = esc(m.x_label)
    );
    let mut x = 0.0;
    for b in bars {
        let w = b.width / u;
        if !w.is_finite() || !b.height.is_finite() {
            continue;
        }
        let h = b.height.clamp(lo, hi);
        let (xa, xb) = (f.x(x), f.x(x + w));
        let (ya, yb) = (f.y(0.0f64.clamp(lo, hi)), f.y(h));
        let tip = format!(
            "{}: {} 円/t × {}",
            b.name,
            group(b.height, 0),
            cap.units.fmt(b.width)
        );
        let _ = write!(
            o,
            r##"<rect x="{xa:.1}" y="{y:.1}" width="{bw:.1}" height="{bh:.1}" fill="{c}" fill-opacity="0.85" stroke="#ffffff" stroke-width="0.8"><title>{t}</title></rect>"##,
            y = ya.min(yb),
            bw = (xb - xa).max(0.8),
            bh = (ya - yb).abs().max(0.8),
            c = hex(b.color),
            t = esc(&tip)
        );
        // The name and height above (or below) the bar where it fits across it.
        let label = if b.height < lo || b.height > hi {
            format!("{} ({} 円/t)", b.name, group(b.height, 0))
        } else {
            b.name.clone()
        };
        let lines = wrap(&label, 10.5, (xb - xa - 2.0).max(40.0));
        if text_width(&lines[0], 10.5) <= (xb - xa).max(40.0) + 8.0 {
            let above = h >= 0.0;
            for (i, line) in lines.iter().take(2).enumerate() {
                let ty = if above {
                    yb - 4.0 - 12.0 * (lines.len().min(2) - 1 - i) as f64
                } else {
                    yb + 13.0 + 12.0 * i as f64
                };
                let _ = write!(
                    o,
                    r##"<text x="{tx:.1}" y="{ty:.1}" text-anchor="middle" font-size="10.5" fill="#1a1a1a">{}</text>"##,
                    esc(line),
                    tx = (xa + xb) / 2.0
                );
            }
        }
        x += w;
    }
    if let Some((name, p)) = m.carbon
        && p.is_finite()
        && p >= lo
        && p <= hi
    {
        let y = f.y(p);
        let _ = write!(
            o,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="{c}" stroke-width="1.6" stroke-dasharray="6 3"/><text x="{x2}" y="{ty:.1}" text-anchor="end" font-size="11" fill="{c}">{t}</text>"##,
            x2 = f.right,
            c = hex(MISSED),
            ty = y - 4.0,
            t = esc(&format!("{name} {} 円/t", group(p, 0)))
        );
    }
    if let Some((name, g)) = gap {
        let x = f.x(g);
        let _ = write!(
            o,
            // (labelled at the foot of the line: the carbon price is labelled at the top right)
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{b:.1}" stroke="{c}" stroke-width="1.6" stroke-dasharray="6 3"/><text x="{tx:.1}" y="{ty:.1}" text-anchor="end" font-size="11" fill="{c}">{t}</text>"##,
            b = f.bottom,
            c = hex(MET),
            tx = x - 4.0,
            ty = f.bottom - 6.0,
            t = esc(&format!("{name}: {}", cap.units.fmt(g * u)))
        );
    }
    notes(&mut o, &nl, &f);
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::units::Units;

    #[test]
    fn any_bars_and_range_draw_without_a_panic() {
        let cap = Caption {
            title: "MACC <FY2030> & \"x\"",
            metric: "m",
            scenario: "s",
            date: "",
            units: Units::T,
            lang: Lang::En,
        };
        let bar = |height: f64, width: f64| MaccBar {
            name: "<b>".into(),
            height,
            width,
            color: (0, 0, 0),
        };
        for (bars, range) in [
            (vec![], (f64::NAN, 1.0)),
            (vec![bar(f64::NAN, 1.0), bar(5.0, f64::INFINITY)], (0.0, 0.0)),
            (vec![bar(-3e9, 1e-12), bar(2.0, 10.0)], (10.0, -10.0)),
        ] {
            let svg = macc_chart(
                &bars,
                &MaccFrame {
                    carbon: Some(("c", f64::NAN)),
                    gap: Some(("g", -1.0)),
                    range,
                    x_label: "x",
                    y_label: "y",
                },
                &cap,
                &["<note>".into()],
            );
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
            assert!(!svg.contains("<b>") && !svg.contains("<note>") && !svg.contains("<FY2030>"));
        }
        let svg = plan_cost_chart(
            &[2024, 2025],
            &[CostLayer {
                name: "<g>".into(),
                color: (1, 2, 3),
                values_jpy: vec![f64::NAN, -1e8],
            }],
            Some(&[f64::INFINITY, 2e8]),
            "<x>",
            &cap,
            Money::OkuYen,
            &[],
        );
        assert!(svg.ends_with("</svg>") && !svg.contains("<g>") && !svg.contains("<x>"));
    }
}
