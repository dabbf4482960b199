//! Small widgets shared by the panels: number fields that commit on Enter, the chart legend
//! beside the plot, colours.

use crate::charts::Rgb;
use egui::{Color32, Response, Ui};
use std::collections::HashSet;

/// A chart colour in egui.
pub fn c32(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Gives a widget an accessible name (screen readers, UI tests).
pub fn name_it(ui: &Ui, r: &Response, name: &str) {
    let name = name.to_string();
    ui.ctx().accesskit_node_builder(r.id, |b| b.set_label(name));
}

fn escape_id() -> egui::Id {
    egui::Id::unique("decarb-escape-this-frame")
}

/// Notes at the start of a frame when Escape was pressed (menus may consume the key before a
/// field sees it, and a field loses focus one frame later). Call before any panel.
pub fn note_escape(ctx: &egui::Context) {
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        let pass = ctx.cumulative_pass_nr();
        ctx.data_mut(|d| d.insert_temp(escape_id(), pass));
    }
}

/// Whether Escape was pressed in this frame or the one before.
fn escape_pressed(ui: &Ui) -> bool {
    let pass = ui.ctx().cumulative_pass_nr();
    ui.data(|d| d.get_temp::<u64>(escape_id()))
        .is_some_and(|p| pass.saturating_sub(p) <= 1)
}

/// A year field: typing commits on Enter or when focus leaves (one undo step), Escape
/// reverts, and the range applies to the committed value, never per keystroke. Returns whether
/// the year changed.
pub fn year_field(ui: &mut Ui, year: &mut i32, range: std::ops::RangeInclusive<i32>, name: &str) -> bool {
    let before = *year;
    let r = ui.add(
        egui::DragValue::new(year)
            .range(range)
            .clamp_existing_to_range(false)
            .prefix("FY")
            .speed(0.1)
            .update_while_editing(false),
    );
    name_it(ui, &r, name);
    if escape_pressed(ui) && *year != before && !r.dragged() {
        *year = before;
        return false;
    }
    *year != before
}

/// A number field that commits on Enter or focus loss (Escape reverts). Returns whether the
/// value changed.
pub fn number_field(
    ui: &mut Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    speed: f64,
    suffix: &str,
    name: &str,
) -> bool {
    let before = *value;
    let r = ui.add(
        egui::DragValue::new(value)
            .range(range)
            .clamp_existing_to_range(false)
            .speed(speed)
            .suffix(suffix.to_string())
            .update_while_editing(false),
    );
    name_it(ui, &r, name);
    if escape_pressed(ui) && *value != before && !r.dragged() {
        *value = before;
        return false;
    }
    *value != before
}

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    Line,
    Dashed,
    Dotted,
    Area,
    Square,
    Dot,
    Hollow,
    Diamond,
}

pub struct LegendEntry {
    pub key: String,
    pub name: String,
    pub color: Rgb,
    pub swatch: Swatch,
}

/// The legend beside a plot (never over the data): a click hides or shows a series. Names wrap
/// instead of being cut.
pub fn legend_ui(
    ui: &mut Ui,
    chart: &str,
    entries: &[LegendEntry],
    hidden: &mut HashSet<String>,
    height: f32,
) {
    egui::ScrollArea::vertical()
        .id_salt(("legend", chart))
        .max_height(height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for e in entries {
                let key = format!("{chart}/{}", e.key);
                let off = hidden.contains(&key);
                let r = ui
                    .horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
                        let c = if off {
                            c32(e.color).gamma_multiply(0.25)
                        } else {
                            c32(e.color)
                        };
                        let p = ui.painter();
                        let mid = rect.center();
                        match e.swatch {
                            Swatch::Line => {
                                p.line_segment([rect.left_center(), rect.right_center()], (2.5, c));
                            }
                            Swatch::Dashed => {
                                for k in 0..3 {
                                    let x = rect.left() + k as f32 * 7.0;
                                    p.line_segment(
                                        [egui::pos2(x, mid.y), egui::pos2(x + 4.0, mid.y)],
                                        (2.0, c),
                                    );
                                }
                            }
                            Swatch::Dotted => {
                                for k in 0..5 {
                                    let x = rect.left() + k as f32 * 4.0;
                                    p.circle_filled(egui::pos2(x + 1.0, mid.y), 1.0, c);
                                }
                            }
                            Swatch::Square => {
                                p.rect_stroke(
                                    egui::Rect::from_center_size(mid, egui::vec2(8.0, 8.0)),
                                    0.0,
                                    (1.5, c),
                                    egui::StrokeKind::Inside,
                                );
                            }
                            Swatch::Area => {
                                p.rect_filled(rect.shrink(1.0), 2.0, c.gamma_multiply(0.8));
                            }
                            Swatch::Dot => {
                                p.circle_filled(mid, 4.0, c);
                            }
                            Swatch::Hollow => {
                                p.circle_stroke(mid, 4.0, (1.5, c));
                            }
                            Swatch::Diamond => {
                                let d = 5.0;
                                p.add(egui::Shape::convex_polygon(
                                    vec![
                                        mid + egui::vec2(0.0, -d),
                                        mid + egui::vec2(d, 0.0),
                                        mid + egui::vec2(0.0, d),
                                        mid + egui::vec2(-d, 0.0),
                                    ],
                                    c,
                                    egui::Stroke::NONE,
                                ));
                            }
                        }
                        let text = egui::RichText::new(&e.name).small();
                        let text = if off { text.weak().strikethrough() } else { text };
                        ui.add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
                    })
                    .inner;
                if r.on_hover_text(crate::i18n::tr(crate::i18n::Lang::En, "Click to hide or show"))
                    .clicked()
                {
                    if off {
                        hidden.remove(&key);
                    } else {
                        hidden.insert(key);
                    }
                }
            }
        });
}

/// Whether a legend entry is hidden.
pub fn is_hidden(hidden: &HashSet<String>, chart: &str, key: &str) -> bool {
    hidden.contains(&format!("{chart}/{key}"))
}
