//! Special runs of the window for docs, CI and benchmarks: a screenshot of the real window, and
//! a frame-time benchmark that moves a lever on every frame.

use super::DecarbApp;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// How the window runs.
#[derive(Clone, Debug, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// Render until the layout settles, write a PNG, exit.
    Screenshot { out: PathBuf },
    /// Sweep a CO2-free share over `frames` frames and print frame times.
    Bench { frames: u32 },
}

impl Mode {
    pub fn is_normal(&self) -> bool {
        matches!(self, Mode::Normal)
    }
    /// Inner size of the window [points].
    pub fn window_size(&self) -> [f32; 2] {
        match self {
            Mode::Normal => [1440.0, 900.0],
            _ => [1600.0, 1000.0],
        }
    }
}

/// Progress of a special mode.
pub struct ModeState {
    pub mode: Mode,
    pub frame_no: u32,
    shot: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    shot_requested: bool,
    frame_times_ms: Vec<f64>,
    cpu_times_ms: Vec<f64>,
}

impl ModeState {
    pub fn new(mode: Mode) -> Self {
        ModeState {
            mode,
            frame_no: 0,
            shot: Arc::default(),
            shot_requested: false,
            frame_times_ms: Vec::new(),
            cpu_times_ms: Vec::new(),
        }
    }
    pub fn is_normal(&self) -> bool {
        self.mode.is_normal()
    }
}

/// eframe's own measure of the previous frame (benchmark only).
pub fn record_cpu(app: &mut DecarbApp, frame: &eframe::Frame) {
    if let (Mode::Bench { .. }, Some(cpu)) = (&app.modes.mode, frame.info().cpu_usage)
        && app.modes.frame_no > 3
    {
        app.modes.cpu_times_ms.push(f64::from(cpu) * 1e3);
    }
}

/// Before the panels: the benchmark moves the first site's CO2-free share reached in FY2030,
/// as a drag of its slider does (one lever edit per frame).
pub fn before_frame(app: &mut DecarbApp) {
    if let Mode::Bench { frames } = app.modes.mode {
        let k = app.modes.frame_no.min(frames);
        let share = f64::from(k) / f64::from(frames.max(1));
        let s = app.doc.scenario();
        let year = 2030.clamp(s.base_year + 1, s.last_year.max(s.base_year + 1));
        app.doc.apply_edits(vec![crate::model::edit::Edit::SetTarget {
            path: crate::model::edit::PathRef::SiteCo2Free(0),
            value: share,
            year,
            shape: crate::model::edit::Shape::Step,
        }]);
    }
}

fn close(app: &mut DecarbApp, ctx: &egui::Context, code: i32) {
    *app.exit_code.lock().unwrap_or_else(|e| e.into_inner()) = code;
    app.allow_close = true;
    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
}

/// After the panels: take the screenshot, record the frame time.
pub fn after_frame(app: &mut DecarbApp, ctx: &egui::Context, t0: Instant) {
    match app.modes.mode.clone() {
        Mode::Normal => {}
        Mode::Screenshot { out } => {
            ctx.request_repaint();
            if app.modes.frame_no >= 12 && !app.modes.shot_requested {
                let slot = app.modes.shot.clone();
                ctx.request_screenshot(move |img| {
                    *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(img);
                });
                app.modes.shot_requested = true;
            }
            let img = app.modes.shot.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(img) = img {
                let code = match write_png(&out, &img) {
                    Ok(()) => {
                        println!("{}: {}×{} px", out.display(), img.size[0], img.size[1]);
                        0
                    }
                    Err(e) => {
                        eprintln!("{e}");
                        1
                    }
                };
                close(app, ctx, code);
            }
        }
        Mode::Bench { frames } => {
            ctx.request_repaint();
            // Skip the first frames (font atlas, first layout).
            if app.modes.frame_no > 3 {
                app.modes.frame_times_ms.push(t0.elapsed().as_secs_f64() * 1e3);
            }
            if app.modes.frame_no == frames + 3 {
                print_stats("ui + engine (our code)", &mut app.modes.frame_times_ms);
                print_stats("whole frame CPU (eframe)", &mut app.modes.cpu_times_ms);
                close(app, ctx, 0);
            }
        }
    }
}

fn print_stats(what: &str, v: &mut [f64]) {
    if v.is_empty() {
        return;
    }
    v.sort_by(f64::total_cmp);
    println!(
        "{what}: {} frames, min {:.2} ms, median {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        v.len(),
        v[0],
        v[v.len() / 2],
        v[v.len() * 9 / 10],
        v[v.len() - 1]
    );
}

/// Writes a screenshot as PNG.
pub fn write_png(path: &Path, img: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = img.size;
    let bytes: Vec<u8> = img.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buf = image::RgbaImage::from_raw(w as u32, h as u32, bytes).ok_or("bad screenshot size")?;
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(buf)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| format!("could not encode the PNG: {e}"))?;
    crate::file::write_atomic(path, &png)
}
