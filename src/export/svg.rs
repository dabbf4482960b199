//! Self-contained SVG charts (16:9, light) drawn from [`crate::charts`] data: the HTML report
//! shows them inline and the PNG export rasterises the same text, so both show the same chart.
//! Every loop is bounded and every non-finite value is skipped, so any input draws.

use crate::charts::{self, BridgeChart, Dash, LineChart, Rgb, Shape, StackChart, hex};
use crate::i18n::{Lang, tr};
use crate::units::{Units, group};
use std::fmt::Write;

mod cost;
mod tornado;
pub use cost::{MaccFrame, macc_chart, plan_cost_chart};
pub use tornado::tornado_chart;

pub const W: f64 = 960.0;
pub const H: f64 = 540.0;
const LEFT: f64 = 86.0;
const LEGEND_W: f64 = 250.0;
const RIGHT: f64 = LEGEND_W + 20.0;
const TOP: f64 = 78.0;
const BOTTOM: f64 = 56.0;
const FONT: &str = "BIZ UDPGothic, Hiragino Sans, Yu Gothic, Meiryo, Noto Sans CJK JP, sans-serif";

/// Escapes text for XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What frames a chart: its title, the metric and unit, the scenario and the date.
pub struct Caption<'a> {
    pub title: &'a str,
    pub metric: &'a str,
    pub scenario: &'a str,
    /// Printed after the scenario name (the export date); empty for none.
    pub date: &'a str,
    pub units: Units,
    pub lang: Lang,
}

/// Approximate width of a text at a font size (CJK glyphs are square, Latin about 0.55 em).
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| if (c as u32) > 0x2E80 { size } else { size * 0.6 })
        .sum()
}

/// Splits a text into lines no wider than `width` (at word boundaries, or anywhere in CJK).
pub fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut word = String::new();
    let flush_word = |cur: &mut String, word: &mut String, lines: &mut Vec<String>| {
        if text_width(&format!("{cur}{word}"), size) > width && !cur.trim().is_empty() {
            lines.push(cur.trim_end().to_string());
            *cur = String::new();
        }
        cur.push_str(word);
        word.clear();
    };
    for c in s.chars() {
        word.push(c);
        if c == ' ' || (c as u32) > 0x2E80 || c == '/' || c == '、' {
            flush_word(&mut cur, &mut word, &mut lines);
        }
    }
    flush_word(&mut cur, &mut word, &mut lines);
    if !cur.trim().is_empty() {
        lines.push(cur.trim_end().to_string());
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    right: f64,
    bottom: f64,
}

impl Frame {
    fn new(x0: f64, x1: f64, y0: f64, y1: f64, notes: usize) -> Frame {
        let (mut y0, mut y1) = (y0, y1);
        if !y0.is_finite() || !y1.is_finite() {
            (y0, y1) = (0.0, 1.0);
        }
        if (y1 - y0).abs() < 1e-12 {
            y1 = y0 + 1.0;
        }
        Frame {
            x0,
            x1: if x1 > x0 { x1 } else { x0 + 1.0 },
            y0,
            y1,
            right: W - RIGHT,
            bottom: H - BOTTOM - 15.0 * notes as f64,
        }
    }
    fn x(&self, v: f64) -> f64 {
        LEFT + (v - self.x0) / (self.x1 - self.x0) * (self.right - LEFT)
    }
    fn y(&self, v: f64) -> f64 {
        self.bottom - (v - self.y0) / (self.y1 - self.y0) * (self.bottom - TOP)
    }
}

fn open(o: &mut String, cap: &Caption) {
    let title = format!("{} — {}", cap.title, cap.metric);
    let sub = if cap.date.is_empty() {
        cap.scenario.to_string()
    } else {
        format!("{} · {}", cap.scenario, cap.date)
    };
    let _ = write!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="{FONT}" font-size="12" role="img" aria-label="{t}"><rect width="{W}" height="{H}" fill="#ffffff"/>"##,
        t = esc(&title)
    );
    let mut y = 26.0;
    for line in wrap(&title, 17.0, W - 40.0).into_iter().take(2) {
        let _ = write!(
            o,
            r##"<text x="20" y="{y}" font-size="17" font-weight="bold" fill="#1a1a1a">{}</text>"##,
            esc(&line)
        );
        y += 21.0;
    }
    let _ = write!(
        o,
        r##"<text x="20" y="{y}" font-size="12" fill="#555555">{}</text>"##,
        esc(&sub)
    );
}

fn y_label(o: &mut String, cap: &Caption, f: &Frame) {
    let cy = (TOP + f.bottom) / 2.0;
    let _ = write!(
        o,
        r##"<text x="18" y="{cy}" transform="rotate(-90 18 {cy})" text-anchor="middle" fill="#333333">{}</text>"##,
        esc(&format!("{}-CO2", cap.units.label()))
    );
}

/// Value ticks and grid; at most 40 lines whatever the range.
fn y_axis(o: &mut String, f: &Frame) {
    let s = charts::nice_step(f.y1 - f.y0, 7.0);
    let decimals = if s < 0.1 {
        3
    } else if s < 1.0 {
        2
    } else if s < 10.0 && (s.fract() != 0.0) {
        1
    } else {
        0
    };
    let mut v = (f.y0 / s).ceil() * s;
    let mut n = 0;
    while v <= f.y1 + s * 1e-9 && n < 40 {
        let y = f.y(v);
        let _ = write!(
            o,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#e3e3e3"/><text x="{tx}" y="{ty:.1}" text-anchor="end" fill="#333333">{label}</text>"##,
            x2 = f.right,
            tx = LEFT - 6.0,
            ty = y + 4.0,
            label = group(v, decimals)
        );
        v += s;
        n += 1;
    }
    if f.y0 <= 0.0 && f.y1 >= 0.0 {
        let _ = write!(
            o,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#555555"/>"##,
            x2 = f.right,
            y = f.y(0.0)
        );
    }
}

/// Year ticks (every 5 years, every year on short ranges); at most 60 labels.
fn x_years(o: &mut String, f: &Frame, lang: Lang) {
    let (a, b) = (f.x0.ceil() as i64, f.x1.floor() as i64);
    let every = if b - a <= 12 {
        1
    } else if b - a <= 30 {
        2
    } else {
        5
    };
    let every = if every == 2 && b - a > 20 { 5 } else { every };
    let mut n = 0;
    // From the first multiple of `every`, one label per step: at most 60 steps on any range.
    let mut y = a.saturating_add((every - a.rem_euclid(every)) % every);
    while y <= b && n < 60 {
        {
            let x = f.x(y as f64);
            let _ = write!(
                o,
                r##"<line x1="{x:.1}" x2="{x:.1}" y1="{b0:.1}" y2="{b1:.1}" stroke="#555555"/><text x="{x:.1}" y="{ty:.1}" text-anchor="middle" fill="#333333">{y}</text>"##,
                b0 = f.bottom,
                b1 = f.bottom + 4.0,
                ty = f.bottom + 18.0
            );
            n += 1;
        }
        y = y.saturating_add(every);
        if y == i64::MAX {
            break;
        }
    }
    let _ = write!(
        o,
        r##"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" fill="#555555">{t}</text>"##,
        x = (LEFT + f.right) / 2.0,
        y = f.bottom + 36.0,
        t = esc(tr(lang, "Fiscal year (April–March)"))
    );
}

#[derive(Clone, Copy)]
enum Sw {
    Line(Dash),
    Area,
    Dot(bool),
    Square,
    Diamond,
}

/// The legend in its own column right of the plot; names wrap, never cut.
fn legend(o: &mut String, items: &[(String, Rgb, Sw)]) {
    let x = W - RIGHT + 16.0;
    let mut y = TOP + 4.0;
    let size = if items.len() > 12 { 10.5 } else { 12.0 };
    for (k, (name, color, sw)) in items.iter().enumerate() {
        if y > H - 40.0 && k + 1 < items.len() {
            // No room for the rest: say how many are not listed.
            let _ = write!(
                o,
                r##"<text x="{x}" y="{y:.1}" font-size="{size}" fill="#555555">+ {} more</text>"##,
                items.len() - k
            );
            break;
        }
        let c = hex(*color);
        let cy = y - size * 0.35;
        match sw {
            Sw::Line(d) => {
                let dash = match d {
                    Dash::Solid => "",
                    Dash::Dashed => r#" stroke-dasharray="5 3""#,
                    Dash::Dotted => r#" stroke-dasharray="2 2""#,
                };
                let _ = write!(
                    o,
                    r#"<line x1="{x}" x2="{x2}" y1="{cy:.1}" y2="{cy:.1}" stroke="{c}" stroke-width="2.5"{dash}/>"#,
                    x2 = x + 16.0
                );
            }
            Sw::Area => {
                let _ = write!(
                    o,
                    r#"<rect x="{x}" y="{ry:.1}" width="16" height="10" fill="{c}" fill-opacity="0.8"/>"#,
                    ry = cy - 5.0
                );
            }
            Sw::Dot(filled) => {
                let fill = if *filled { c.clone() } else { "#ffffff".into() };
                let _ = write!(
                    o,
                    r#"<circle cx="{cx}" cy="{cy:.1}" r="4.5" fill="{fill}" stroke="{c}" stroke-width="1.5"/>"#,
                    cx = x + 8.0
                );
            }
            Sw::Square => {
                let _ = write!(
                    o,
                    r##"<rect x="{rx}" y="{ry:.1}" width="10" height="10" fill="#ffffff" stroke="{c}" stroke-width="1.6"/>"##,
                    rx = x + 3.0,
                    ry = cy - 5.0
                );
            }
            Sw::Diamond => {
                let cx = x + 8.0;
                let _ = write!(
                    o,
                    r#"<polygon points="{a:.1},{cy:.1} {cx:.1},{b:.1} {d:.1},{cy:.1} {cx:.1},{e:.1}" fill="{c}"/>"#,
                    a = cx - 6.0,
                    b = cy - 6.0,
                    d = cx + 6.0,
                    e = cy + 6.0
                );
            }
        }
        for (k, line) in wrap(name, size, LEGEND_W - 34.0).into_iter().enumerate() {
            if k > 0 {
                y += size + 2.0;
            }
            let _ = write!(
                o,
                r##"<text x="{tx}" y="{y:.1}" font-size="{size}" fill="#1a1a1a">{}</text>"##,
                esc(&line),
                tx = x + 22.0,
            );
        }
        y += size + 8.0;
    }
}

fn notes(o: &mut String, notes: &[String], f: &Frame) {
    for (k, n) in notes.iter().enumerate() {
        let _ = write!(
            o,
            r##"<text x="{LEFT}" y="{y:.1}" font-size="11" font-style="italic" fill="#555555">{}</text>"##,
            esc(n),
            y = f.bottom + 52.0 + 15.0 * k as f64
        );
    }
}

/// Wraps the notes to the plot's width.
fn note_lines(ns: &[String]) -> Vec<String> {
    ns.iter()
        .flat_map(|n| wrap(n, 11.0, W - RIGHT - LEFT))
        .take(6)
        .collect()
}

fn finite(v: &[f64]) -> impl Iterator<Item = f64> + '_ {
    v.iter().copied().filter(|x| x.is_finite())
}

/// The trajectory.
pub fn line_chart(c: &LineChart, cap: &Caption) -> String {
    let u = cap.units.tonnes();
    let values = c
        .series
        .iter()
        .flat_map(|s| finite(&s.values))
        .chain(c.markers.iter().flat_map(|m| m.points.iter().map(|p| p.1)))
        .chain(c.ref_lines.iter().map(|r| r.value_t))
        .chain(
            c.bands
                .iter()
                .flat_map(|b| b.lower.iter().chain(&b.upper).copied()),
        )
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let nl = note_lines(&c.notes);
    let f = Frame::new(
        f64::from(c.x_range.0) - 0.5,
        f64::from(c.x_range.1) + 0.5,
        lo.min(0.0) / u * 1.04,
        hi / u * 1.06,
        nl.len(),
    );
    let mut o = String::new();
    open(&mut o, cap);
    y_label(&mut o, cap, &f);
    y_axis(&mut o, &f);
    x_years(&mut o, &f, cap.lang);
    for b in &c.bands {
        let up = b.years.iter().zip(&b.upper);
        let down = b.years.iter().zip(&b.lower).rev();
        let pts: Vec<String> = up
            .chain(down)
            .filter(|(_, v)| v.is_finite())
            .map(|(y, v)| format!("{:.1},{:.1}", f.x(f64::from(*y)), f.y(v / u)))
            .collect();
        let _ = write!(
            o,
            r#"<polygon fill="{c}" stroke="none" points="{p}"><title>{n}</title></polygon>"#,
            c = hex(b.color),
            p = pts.join(" "),
            n = esc(&b.name)
        );
    }
    for r in &c.ref_lines {
        if !r.value_t.is_finite() {
            continue;
        }
        let y = f.y(r.value_t / u);
        let _ = write!(
            o,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="{c}" stroke-dasharray="2 3"/><text x="{tx}" y="{ty:.1}" font-size="11" fill="#555555" text-anchor="end">{l}</text>"##,
            x2 = f.right,
            c = hex(r.color),
            // at the right end, where a falling plan leaves room
            tx = f.right - 4.0,
            ty = y - 3.0,
            l = esc(&format!("{} {}", r.name, cap.units.fmt(r.value_t)))
        );
    }
    for s in &c.series {
        let mut seg: Vec<String> = Vec::new();
        let mut segs: Vec<Vec<String>> = Vec::new();
        for (y, v) in c.years.iter().zip(&s.values) {
            if v.is_finite() {
                seg.push(format!("{:.1},{:.1}", f.x(f64::from(*y)), f.y(v / u)));
            } else if !seg.is_empty() {
                segs.push(std::mem::take(&mut seg));
            }
        }
        if !seg.is_empty() {
            segs.push(seg);
        }
        let dash = match s.dash {
            Dash::Solid => "",
            Dash::Dashed => r#" stroke-dasharray="7 4""#,
            Dash::Dotted => r#" stroke-dasharray="2 3""#,
        };
        for seg in segs {
            let _ = write!(
                o,
                r#"<polyline fill="none" stroke="{c}" stroke-width="{w}"{dash} points="{p}"><title>{n}</title></polyline>"#,
                c = hex(s.color),
                w = s.width,
                p = seg.join(" "),
                n = esc(&s.name)
            );
        }
    }
    for m in &c.markers {
        for (y, v) in &m.points {
            if !v.is_finite() {
                continue;
            }
            let (cx, cy) = (f.x(f64::from(*y)), f.y(v / u));
            let c = hex(m.color);
            let tip = esc(&format!("{} {}: {}", m.name, y, cap.units.fmt(*v)));
            match m.shape {
                Shape::Circle => {
                    let fill = if m.filled { c.clone() } else { "#ffffff".into() };
                    let _ = write!(
                        o,
                        r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="5" fill="{fill}" stroke="{c}" stroke-width="1.6"><title>{tip}</title></circle>"#
                    );
                }
                Shape::Square => {
                    let _ = write!(
                        o,
                        r##"<rect x="{x:.1}" y="{y:.1}" width="10" height="10" fill="{fill}" stroke="{c}" stroke-width="1.6"><title>{tip}</title></rect>"##,
                        x = cx - 5.0,
                        y = cy - 5.0,
                        fill = if m.filled { c.clone() } else { "#ffffff".into() }
                    );
                }
                Shape::Diamond => {
                    let d = 8.0;
                    let _ = write!(
                        o,
                        r##"<polygon points="{a:.1},{cy:.1} {cx:.1},{b:.1} {e:.1},{cy:.1} {cx:.1},{g:.1}" fill="{c}" stroke="#ffffff"><title>{tip}</title></polygon>"##,
                        a = cx - d,
                        b = cy - d,
                        e = cx + d,
                        g = cy + d
                    );
                }
            }
            if !m.annotation.is_empty() {
                // The label with its value where it fits beside the marker, else the value only.
                let full = format!("{}: {}", m.annotation, cap.units.fmt(*v));
                let room_right = f.right - cx - 12.0;
                let room_left = cx - LEFT - 12.0;
                let wf = text_width(&full, 11.0);
                let (text, late) = if wf <= room_right {
                    (full, false)
                } else if wf <= room_left {
                    (full, true)
                } else {
                    (cap.units.fmt(*v), room_right < room_left)
                };
                let _ = write!(
                    o,
                    r#"<text x="{x:.1}" y="{ty:.1}" font-size="11" font-weight="bold" fill="{c}" text-anchor="{a}">{t}</text>"#,
                    x = if late { cx - 10.0 } else { cx + 10.0 },
                    ty = cy - 9.0,
                    a = if late { "end" } else { "start" },
                    t = esc(&text)
                );
            }
        }
    }
    let mut items: Vec<(String, Rgb, Sw)> = c
        .series
        .iter()
        .map(|s| (s.name.clone(), s.color, Sw::Line(s.dash)))
        .collect();
    for b in &c.bands {
        items.push((b.name.clone(), b.color, Sw::Area));
    }
    for m in &c.markers {
        items.push((
            m.name.clone(),
            m.color,
            match m.shape {
                Shape::Diamond => Sw::Diamond,
                Shape::Circle => Sw::Dot(m.filled),
                Shape::Square => Sw::Square,
            },
        ));
    }
    for r in &c.ref_lines {
        items.push((
            format!("{}: {}", r.name, cap.units.fmt(r.value_t)),
            r.color,
            Sw::Line(Dash::Dotted),
        ));
    }
    legend(&mut o, &items);
    notes(&mut o, &nl, &f);
    o.push_str("</svg>");
    o
}

/// Stacked areas: positive parts up, negative parts down.
pub fn stack_chart(c: &StackChart, cap: &Caption) -> String {
    let u = cap.units.tonnes();
    let (lo, hi) = c.extent();
    let nl = note_lines(&c.notes);
    let x0 = c.years.first().copied().unwrap_or(0);
    let x1 = c.years.last().copied().unwrap_or(1);
    let f = Frame::new(
        f64::from(x0),
        f64::from(x1),
        lo / u * 1.06,
        hi / u * 1.06,
        nl.len(),
    );
    let mut o = String::new();
    open(&mut o, cap);
    y_label(&mut o, cap, &f);
    y_axis(&mut o, &f);
    x_years(&mut o, &f, cap.lang);
    for b in c.bands() {
        let l = &c.layers[b.layer];
        let mut pts: Vec<String> = c
            .years
            .iter()
            .zip(&b.upper)
            .filter(|(_, v)| v.is_finite())
            .map(|(x, v)| format!("{:.1},{:.1}", f.x(f64::from(*x)), f.y(v / u)))
            .collect();
        pts.extend(
            c.years
                .iter()
                .zip(&b.lower)
                .rev()
                .filter(|(_, v)| v.is_finite())
                .map(|(x, v)| format!("{:.1},{:.1}", f.x(f64::from(*x)), f.y(v / u))),
        );
        let _ = write!(
            o,
            r#"<polygon fill="{c}" fill-opacity="0.78" stroke="{c}" stroke-width="0.8" points="{p}"><title>{n}</title></polygon>"#,
            c = hex(l.color),
            p = pts.join(" "),
            n = esc(&l.name)
        );
    }
    if let Some(t) = &c.total {
        let pts: Vec<String> = c
            .years
            .iter()
            .zip(&t.values)
            .filter(|(_, v)| v.is_finite())
            .map(|(x, v)| format!("{:.1},{:.1}", f.x(f64::from(*x)), f.y(v / u)))
            .collect();
        let _ = write!(
            o,
            r#"<polyline fill="none" stroke="{c}" stroke-width="{w}" points="{p}"><title>{n}</title></polyline>"#,
            c = hex(t.color),
            w = t.width,
            p = pts.join(" "),
            n = esc(&t.name)
        );
    }
    let mut items: Vec<(String, Rgb, Sw)> = Vec::new();
    if let Some(t) = &c.total {
        items.push((t.name.clone(), t.color, Sw::Line(Dash::Solid)));
    }
    for l in c.layers.iter().rev() {
        items.push((l.name.clone(), l.color, Sw::Area));
    }
    legend(&mut o, &items);
    notes(&mut o, &nl, &f);
    o.push_str("</svg>");
    o
}

/// The bridge: every bar labelled with its value, names under the bars, the fitted axis.
pub fn bridge_chart(c: &BridgeChart, cap: &Caption) -> String {
    let u = cap.units.tonnes();
    let spans = c.spans();
    let count = spans.len();
    let nl = note_lines(&c.notes);
    let mut f = Frame::new(-0.5, count as f64 - 0.5, c.axis.0 / u, c.axis.1 / u, nl.len());
    // Two rows of bar names under the axis.
    f.bottom -= 14.0;
    f.right = W - 24.0;
    let mut o = String::new();
    open(&mut o, cap);
    y_label(&mut o, cap, &f);
    y_axis(&mut o, &f);
    let cols = c.columns();
    let names: Vec<String> = cols.iter().map(|x| x.0.clone()).collect();
    let values: Vec<f64> = cols.iter().map(|x| x.1).collect();
    let colors: Vec<Rgb> = cols.iter().map(|x| x.2).collect();
    let slot = (f.right - LEFT) / count as f64;
    let bw = slot * 0.7;
    for (i, (a, b)) in spans.iter().enumerate() {
        if !a.is_finite() || !b.is_finite() {
            continue;
        }
        let (y0, y1) = (f.y(b / u), f.y(a / u));
        let x = f.x(i as f64) - bw / 2.0;
        let v = values[i];
        let label = if i == 0 || i + 1 == count {
            cap.units.fmt(v)
        } else {
            crate::explain::signed(cap.units, v)
        };
        let _ = write!(
            o,
            r##"<rect x="{x:.1}" y="{y0:.1}" width="{bw:.1}" height="{h:.1}" fill="{c}"><title>{n}: {label}</title></rect><text x="{tx:.1}" y="{ty:.1}" text-anchor="middle" font-size="11" font-weight="bold" fill="#1a1a1a">{label}</text>"##,
            h = (y1 - y0).max(0.8),
            c = hex(colors[i]),
            n = esc(&names[i]),
            label = esc(&label),
            tx = f.x(i as f64),
            ty = y0 - 4.0
        );
        for (k, line) in wrap(&names[i], 10.5, slot - 4.0).into_iter().take(3).enumerate() {
            let _ = write!(
                o,
                r##"<text x="{tx:.1}" y="{ty:.1}" text-anchor="middle" font-size="10.5" fill="#333333">{}</text>"##,
                esc(&line),
                tx = f.x(i as f64),
                ty = f.bottom + 15.0 + 12.0 * k as f64
            );
        }
    }
    if c.axis_cut() {
        // A break mark on the value axis.
        let y = f.bottom - 6.0;
        let _ = write!(
            o,
            r##"<path d="M{a} {b} l8 -4 m-8 8 l8 -4" stroke="#555555" fill="none"/>"##,
            a = LEFT - 4.0,
            b = y
        );
    }
    for l in &c.levels {
        if !l.value_t.is_finite() {
            continue;
        }
        let y = f.y(l.value_t / u);
        let _ = write!(
            o,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="{c}" stroke-width="1.5" stroke-dasharray="6 3"/><text x="{x2}" y="{ty:.1}" text-anchor="end" font-size="11" fill="{c}">{t}</text>"##,
            x2 = f.right,
            c = hex(l.color),
            ty = y - 4.0,
            t = esc(&format!("{}: {}", l.name, cap.units.fmt(l.value_t)))
        );
    }
    notes(&mut o, &nl, &f);
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_terminate_on_any_range() {
        for (a, b) in [
            (0.0, 1e308),
            (f64::NAN, 1.0),
            (-f64::INFINITY, 0.0),
            (5.0, 5.0),
            (0.0, 1e-300),
        ] {
            let f = Frame::new(0.0, 1.0, a, b, 0);
            let mut o = String::new();
            y_axis(&mut o, &f);
            assert!(o.matches("<line").count() <= 41);
        }
    }

    #[test]
    fn long_names_wrap_instead_of_being_cut() {
        let l = wrap(
            "−30 % intensity vs FY2013 (Scope 1+2) — absolute equivalent",
            12.0,
            200.0,
        );
        assert!(l.len() >= 2);
        assert_eq!(
            l.join(" "),
            "−30 % intensity vs FY2013 (Scope 1+2) — absolute equivalent"
        );
        let j = wrap(
            "スコープ1+2（マーケット基準）・クレジット控除後の排出量",
            12.0,
            120.0,
        );
        assert!(j.len() >= 2);
        assert_eq!(
            j.concat(),
            "スコープ1+2（マーケット基準）・クレジット控除後の排出量"
        );
    }
}
