//! The tornado of the report (ANALYSES.md §2.7): one horizontal bar per uncertain input, from
//! the metric with the input at its P10 to the metric at its P90, every other input at the
//! scenario's value; widest on top; a line at the deterministic value. Drawn from
//! [`crate::charts::fan::Tornado`], the same data as the window's.

use super::{Caption, H, RIGHT, Sw, TOP, W, esc, legend, open, wrap};
use crate::charts::fan::{HIGH, LOW, Tornado};
use crate::charts::{hex, nice_step};
use crate::i18n::tr;
use crate::units::group;
use std::fmt::Write;

/// The label column's right edge and the bars' area.
const LABEL_RIGHT: f64 = 300.0;
const BAR_LEFT: f64 = 316.0;
/// At most this many bars; the rest are named in a note.
const MAX_BARS: usize = 14;

/// The tornado on the caption's tonne unit.
pub fn tornado_chart(t: &Tornado, cap: &Caption) -> String {
    let u = cap.units.tonnes();
    let lang = cap.lang;
    let shown = &t.bars[..t.bars.len().min(MAX_BARS)];
    let mut notes: Vec<String> = Vec::new();
    if t.bars.len() > shown.len() {
        notes.push(format!(
            "{}: {}",
            tr(lang, "Not drawn (narrower)"),
            t.bars[shown.len()..]
                .iter()
                .map(|b| b.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !t.still.is_empty() {
        notes.push(format!(
            "{}: {}",
            tr(lang, "No effect on this metric"),
            t.still.join(", ")
        ));
    }
    let note_lines: Vec<String> = notes
        .iter()
        .flat_map(|n| wrap(n, 11.0, W - 40.0))
        .take(4)
        .collect();
    let bottom = H - 56.0 - 15.0 * note_lines.len() as f64;
    let right = W - RIGHT;
    let vals = shown
        .iter()
        .flat_map(|b| [b.low / u, b.high / u])
        .chain([t.base / u])
        .filter(|v| v.is_finite());
    let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (lo, hi) = if lo.is_finite() && hi > lo {
        let pad = 0.08 * (hi - lo);
        (lo - pad, hi + pad)
    } else {
        let b = if (t.base / u).is_finite() { t.base / u } else { 0.0 };
        (b - 1.0, b + 1.0)
    };
    let x = |v: f64| BAR_LEFT + (v - lo) / (hi - lo) * (right - BAR_LEFT);
    let mut o = String::new();
    open(&mut o, cap);
    // value ticks and grid
    let step = nice_step(hi - lo, 6.0);
    let decimals = if step < 1.0 { 2 } else { 0 };
    let mut v = (lo / step).ceil() * step;
    let mut n = 0;
    while v <= hi && n < 30 {
        let _ = write!(
            o,
            r##"<line x1="{px:.1}" x2="{px:.1}" y1="{TOP}" y2="{bottom:.1}" stroke="#e3e3e3"/><text x="{px:.1}" y="{ty:.1}" text-anchor="middle" fill="#333333">{}</text>"##,
            group(v, decimals),
            px = x(v),
            ty = bottom + 18.0
        );
        v += step;
        n += 1;
    }
    let _ = write!(
        o,
        r##"<text x="{cx:.1}" y="{ty:.1}" text-anchor="middle" fill="#555555">{}</text>"##,
        esc(&format!(
            "{}-CO2, {}",
            cap.units.label(),
            crate::i18n::fy(lang, t.year)
        )),
        cx = (BAR_LEFT + right) / 2.0,
        ty = bottom + 36.0
    );
    let rows = shown.len().max(1) as f64;
    let avail = bottom - TOP - 8.0;
    let slot = (avail / rows).min(40.0);
    let bar = (slot * 0.62).max(2.0);
    // a few bars sit in the middle of the plot, not at its top
    let top = TOP + 8.0 + (avail - slot * rows) / 2.0;
    for (k, b) in shown.iter().enumerate() {
        let cy = top + slot * (k as f64 + 0.5);
        for line in wrap(&b.label, 12.0, LABEL_RIGHT - 24.0).into_iter().take(1) {
            let _ = write!(
                o,
                r##"<text x="{LABEL_RIGHT}" y="{ty:.1}" text-anchor="end" fill="#1a1a1a">{}</text>"##,
                esc(&line),
                ty = cy + 4.0
            );
        }
        for (v, k_at, color, name) in [(b.low, b.k_low, LOW, "P10"), (b.high, b.k_high, HIGH, "P90")] {
            let (v, base) = (v / u, t.base / u);
            if !v.is_finite() || !base.is_finite() {
                continue;
            }
            let (a, c) = (x(base.min(v)), x(base.max(v)));
            let _ = write!(
                o,
                r#"<rect x="{a:.1}" y="{y:.1}" width="{w:.1}" height="{bar:.1}" fill="{c}" fill-opacity="0.9"><title>{t}</title></rect>"#,
                y = cy - bar / 2.0,
                w = (c - a).max(0.8),
                c = hex(color),
                t = esc(&format!(
                    "{}: {name} (×{k_at:.3}) → {} {}",
                    b.label,
                    group(v, decimals.max(1)),
                    cap.units.label()
                ))
            );
        }
    }
    let bx = x(t.base / u);
    if bx.is_finite() {
        let _ = write!(
            o,
            r##"<line x1="{bx:.1}" x2="{bx:.1}" y1="{TOP}" y2="{bottom:.1}" stroke="#1a1a1a" stroke-width="1.5"/>"##
        );
    }
    legend(
        &mut o,
        &[
            (tr(lang, "Input at its P10").to_string(), LOW, Sw::Area),
            (tr(lang, "Input at its P90").to_string(), HIGH, Sw::Area),
            (
                format!(
                    "{} ({})",
                    tr(lang, "Deterministic"),
                    group(t.base / u, decimals.max(1))
                ),
                (26, 26, 26),
                Sw::Line(crate::charts::Dash::Solid),
            ),
        ],
    );
    for (k, n) in note_lines.iter().enumerate() {
        let _ = write!(
            o,
            r##"<text x="20" y="{y:.1}" font-size="11" font-style="italic" fill="#555555">{}</text>"##,
            esc(n),
            y = bottom + 58.0 + 15.0 * k as f64
        );
    }
    o.push_str("</svg>");
    o
}
