//! PNG charts for slides: the report's SVG charts rasterised at 1920×1080 with resvg (pure
//! Rust, no display needed), text in the bundled CJK font, so the PNG and the HTML report show
//! the same chart in either language.

use super::Analysis;
pub use super::figures::LowerChart;
use super::figures::{self, Frame};
use crate::engine::Metric;
use crate::i18n::Lang;
use crate::model::Scenario;
use crate::units::Units;
use resvg::{tiny_skia, usvg};
use std::sync::OnceLock;

/// Pixels of a slide PNG (2× the SVG's 960×540).
pub const SIZE: (u32, u32) = (1920, 1080);

fn options() -> &'static usvg::Options<'static> {
    static OPT: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPT.get_or_init(|| {
        let mut o = usvg::Options::default();
        o.fontdb_mut().load_font_data(crate::CJK_FONT.to_vec());
        o.font_family = "BIZ UDPGothic".into();
        o
    })
}

/// Rasterises an SVG chart to a 1920×1080 PNG.
pub fn render(svg: &str) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, options()).map_err(|e| format!("could not draw the chart: {e}"))?;
    let (w, h) = SIZE;
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("could not allocate the image")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let sx = w as f32 / tree.size().width();
    let sy = h as f32 / tree.size().height();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(sx, sy),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("could not encode the PNG: {e}"))
}

/// The window's two charts (the trajectory and the lower chart on screen) on the window's
/// metric: `(file part, PNG)`.
pub fn window_charts(
    s: &Scenario,
    metric: &Metric,
    lower: LowerChart,
    years: (i32, i32),
    lang: Lang,
    units: Units,
    date: &str,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let a = Analysis::with_metric(s, metric.clone());
    let f = Frame { lang, units, date };
    let t = figures::trajectory_svg(s, &a, metric, &f);
    let l = figures::lower_svg(s, &a, lower, years, &f)?;
    Ok(vec![
        ("trajectory".into(), render(&t)?),
        (lower.file_part().into(), render(&l)?),
    ])
}

/// Every chart of the report as PNG: `(file part, PNG)`.
pub fn all_charts(
    s: &Scenario,
    lang: Lang,
    units: Units,
    date: &str,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let f = Frame { lang, units, date };
    figures::all_svgs(s, &f)
        .into_iter()
        .map(|(name, svg)| render(&svg).map(|png| (name, png)))
        .collect()
}
