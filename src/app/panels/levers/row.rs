//! One lever row: changed mark, name (shortened, full name and context on hover), reset, then
//! the slider of the value reached and the year it is reached in. Keyframe editors for paths
//! that are assumptions rather than levers. Rows emit edits; they change nothing themselves.

use super::{Ctx, LeverOutput};
use crate::app::widgets::{name_it, number_field, year_field};
use crate::engine::levers::LeverRef;
use crate::explain;
use crate::i18n::tr;
use crate::model::Path;
use crate::model::edit::{Edit, PathRef, Shape, lever_target};
use egui::{Color32, RichText, Ui};

pub const CHANGED: Color32 = Color32::from_rgb(230, 140, 20);

/// Height of a lever row (two lines), for lists that lay out only their visible rows.
pub fn row_height(ui: &Ui) -> f32 {
    ui.spacing().interact_size.y * 2.0 + ui.spacing().item_spacing.y * 2.0 + 4.0
}

pub fn changed_mark(ui: &mut Ui, c: &Ctx, differs: bool) {
    if differs {
        ui.label(RichText::new("●").color(CHANGED))
            .on_hover_text(tr(c.lang, "changed from the saved file"));
    } else {
        ui.label(RichText::new("●").color(Color32::TRANSPARENT));
    }
}

fn reset_button(ui: &mut Ui, c: &Ctx, enabled: bool, name: &str) -> bool {
    let r = ui
        .add_enabled(enabled, egui::Button::new(tr(c.lang, "reset")).small())
        .on_hover_text(tr(c.lang, "Reset to saved"))
        .on_disabled_hover_text(tr(c.lang, "Reset to saved"));
    name_it(ui, &r, &format!("{name}: {}", tr(c.lang, "Reset to saved")));
    r.clicked()
}

/// What a lever row edits.
pub struct LeverSpec<'a> {
    /// Shown name (shortened to fit).
    pub name: &'a str,
    /// Accessible name of the slider (unique in the panel).
    pub access: String,
    pub path: PathRef,
    pub lever: Option<LeverRef>,
    pub default: f64,
    pub range: std::ops::RangeInclusive<f64>,
    /// Stored value × scale = shown value (100 for shares in %).
    pub scale: f64,
    pub suffix: &'a str,
    pub shape: Shape,
}

/// The hover text of a lever: its full name, its effect on the metric in the focus year, the
/// site's context, and why it raises emissions when it does.
pub fn lever_tooltip(ui: &mut Ui, c: &Ctx, full_name: &str, lever: Option<LeverRef>) {
    ui.strong(full_name);
    let Some(l) = lever else { return };
    let s = c.doc.scenario();
    let year = c.focus;
    if let Some(e) = c.doc.lever_effect(l, year) {
        ui.label(explain::effect_line(s, l, e, year, c.lang, c.units));
        if e > 0.5 {
            ui.colored_label(CHANGED, format!("↑ {}", explain::why_raises(s, l, year, c.lang)));
        }
    }
    for line in explain::lever_context(s, c.doc.projection(), l, c.doc.metric(), year, c.lang) {
        ui.label(line);
    }
    ui.label(
        RichText::new(format!(
            "{}: {}",
            tr(c.lang, "Metric"),
            explain::metric_label(c.doc.metric(), c.lang)
        ))
        .weak(),
    );
}

/// Under the lever last moved: why it raises emissions, when it does.
fn raise_note(ui: &mut Ui, c: &Ctx, lever: Option<LeverRef>) {
    let Some(l) = lever else { return };
    // Not while a slider is dragged: the effect is one more run of the scenario.
    if c.last_edited != Some(l) || ui.input(|i| i.pointer.any_down()) {
        return;
    }
    if let Some(e) = c.doc.lever_effect(l, c.focus)
        && e > 0.5
    {
        let s = c.doc.scenario();
        ui.label(
            RichText::new(format!(
                "↑ {} {} {}: {}",
                explain::signed(c.units, e),
                tr(c.lang, "in"),
                crate::i18n::fy(c.lang, c.focus),
                explain::why_raises(s, l, c.focus, c.lang)
            ))
            .small()
            .color(CHANGED),
        );
    }
}

/// The first line of a lever or keyframe editor: changed mark, the name shortened to fit (the
/// full name and the lever's context on hover), reset. Returns whether reset was clicked.
fn header(
    ui: &mut Ui,
    c: &Ctx,
    name: &str,
    access: &str,
    path: &Path,
    saved: Option<&Path>,
    lever: Option<LeverRef>,
) -> bool {
    let differs = saved.is_none_or(|x| x != path);
    ui.horizontal(|ui| {
        changed_mark(ui, c, differs);
        let w = (ui.available_width() - 64.0).max(40.0);
        let h = ui.spacing().interact_size.y;
        ui.allocate_ui_with_layout(
            egui::vec2(w, h),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_width(w);
                ui.add(egui::Label::new(name).truncate().show_tooltip_when_elided(false))
                    .on_hover_ui(|ui| lever_tooltip(ui, c, access, lever));
            },
        );
        reset_button(ui, c, differs && saved.is_some(), access)
    })
    .inner
}

/// One lever: mark, name, reset; slider of the target value and the year reached.
pub fn lever_row(ui: &mut Ui, c: &Ctx, spec: LeverSpec, out: &mut LeverOutput) {
    let s = c.doc.scenario();
    let Some(path) = spec.path.get(s) else { return };
    let saved = c.saved_path(spec.path);
    let lever = spec.lever;
    if header(ui, c, spec.name, &spec.access, path, saved, lever)
        && let Some(x) = saved
    {
        out.edits.push(Edit::SetPath(spec.path, x.clone()));
        out.touched = lever;
    }
    ui.horizontal(|ui| {
        ui.add_space(18.0);
        // Before a target is set, the lever shows the first target's year (after the actuals).
        let floor = c.doc.scenario().first_plan_year() - 1;
        let (value, year) = lever_target(path, spec.default, floor, c.focus);
        let mut shown = value * spec.scale;
        let mut y = year;
        ui.spacing_mut().slider_width = (ui.available_width() - 210.0).max(60.0);
        let r = ui.add(
            egui::Slider::new(
                &mut shown,
                (*spec.range.start() * spec.scale)..=(*spec.range.end() * spec.scale),
            )
            .suffix(spec.suffix)
            .clamping(egui::SliderClamping::Never)
            .update_while_editing(false)
            .custom_formatter(|v, _| format!("{v:.1}")),
        );
        name_it(ui, &r, &spec.access);
        let r = r.on_hover_ui(|ui| lever_tooltip(ui, c, &spec.access, lever));
        let ry = year_field(
            ui,
            &mut y,
            c.base..=c.last,
            &format!("{}: {}", spec.access, tr(c.lang, "reached in FY")),
        );
        if r.changed() || ry {
            out.edits.push(Edit::SetTarget {
                path: spec.path,
                value: shown / spec.scale,
                year: y,
                shape: spec.shape,
            });
            out.touched = lever;
        }
    });
    raise_note(ui, c, lever);
}

/// Editable keyframe table of a path, with the changed mark and reset to saved.
pub fn keyframes_ui(
    ui: &mut Ui,
    c: &Ctx,
    id: &str,
    label: &str,
    path_ref: PathRef,
    range: (f64, f64),
    out: &mut LeverOutput,
) {
    let Some(path) = path_ref.get(c.doc.scenario()) else {
        return;
    };
    let saved = c.saved_path(path_ref);
    if header(ui, c, label, label, path, saved, None)
        && let Some(s) = saved
    {
        out.edits.push(Edit::SetPath(path_ref, s.clone()));
    }
    egui::CollapsingHeader::new(format!("{} ({})", tr(c.lang, "keyframes"), path.0.len()))
        .id_salt(id)
        .show(ui, |ui| {
            let mut p: Path = path.clone();
            let mut changed = false;
            let mut remove = None;
            let n = p.0.len();
            for k in 0..n {
                ui.horizontal(|ui| {
                    let lo = if k > 0 { p.0[k - 1].0 + 1 } else { c.base };
                    let hi = if k + 1 < n { p.0[k + 1].0 - 1 } else { c.last };
                    let (year, value) = &mut p.0[k];
                    changed |= year_field(
                        ui,
                        year,
                        lo..=hi.max(lo),
                        &format!("{label}: keyframe {} year", k + 1),
                    );
                    let speed = ((range.1 - range.0) / 200.0).max(1e-4);
                    changed |= number_field(
                        ui,
                        value,
                        range.0..=range.1,
                        speed,
                        "",
                        &format!("{label}: keyframe {} value", k + 1),
                    );
                    let r = ui
                        .small_button("×")
                        .on_hover_text(format!("{label}: remove keyframe {}", k + 1));
                    name_it(ui, &r, &format!("{label}: remove keyframe {}", k + 1));
                    if r.clicked() {
                        remove = Some(k);
                    }
                });
            }
            if let Some(k) = remove {
                p.0.remove(k);
                changed = true;
            }
            let next = p.0.last().map_or(c.base, |k| k.0 + 1);
            if next <= c.last {
                let r = ui
                    .small_button("+")
                    .on_hover_text(format!("{label}: add keyframe"));
                name_it(ui, &r, &format!("{label}: add keyframe"));
                if r.clicked() {
                    let v = p.value_or(next, path_ref.default_value().clamp(range.0, range.1));
                    p.0.push((next, v));
                    changed = true;
                }
            }
            if changed {
                out.edits.push(Edit::SetPath(path_ref, p));
            }
        });
}
