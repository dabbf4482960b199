//! One table of the inventory: a row per item, a cell per field typed as in the workbook
//! (numbers, `2018: 0.1; 2030: 1` paths, ids), `check`'s messages at the end of the row, marks
//! for new and changed rows, and Up / Down / Remove / Reset per row.

use crate::app::inventory::Cells;
use crate::i18n::{Lang, tr};
use crate::model::validate::Problem;
use egui::{Color32, RichText, Ui};

pub const RED: Color32 = Color32::from_rgb(200, 50, 40);
pub const CHANGED: Color32 = Color32::from_rgb(0, 114, 178);

/// Lists the cells of choice offer (ids of the scenario, taken before the table borrows it).
#[derive(Default, Clone)]
pub struct Lists {
    pub regions: Vec<String>,
    pub fuels: Vec<String>,
    pub sites: Vec<String>,
}

/// How a cell is edited.
#[derive(Clone, Copy)]
pub enum Edit {
    /// Typed text, read by `set` (numbers, paths, ids, names).
    Text,
    /// One of a list.
    Choice(fn(&Lists) -> Vec<String>),
    /// yes / no.
    Check,
}

/// One column: its header, the file's field (to place `check`'s messages), how wide, how it
/// is edited, and how it reads and writes the item (`set` says why a text does not read).
pub struct Col<T> {
    pub head: &'static str,
    pub field: &'static str,
    pub width: f32,
    pub edit: Edit,
    pub get: fn(&T, i32) -> String,
    pub set: fn(&mut T, &str, i32) -> Result<(), String>,
}

/// What a row's buttons asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    Up(usize),
    Down(usize),
    Remove(usize),
    Reset(usize),
}

/// The problems of an item (`prefix` = `regions[2]`): those whose path is it or inside it.
pub fn problems_of<'a>(problems: &'a [Problem], prefix: &str) -> impl Iterator<Item = &'a Problem> + 'a {
    let prefix = prefix.to_string();
    problems.iter().filter(move |p| {
        p.path == prefix
            || p.path
                .strip_prefix(prefix.as_str())
                .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
    })
}

/// One cell: the text typed (kept while it does not read) or the item's value; returns
/// whether the item changed.
#[allow(clippy::too_many_arguments)]
pub fn cell<T>(
    ui: &mut Ui,
    cells: &mut Cells,
    key: &str,
    item: &mut T,
    col: &Col<T>,
    lists: &Lists,
    base_year: i32,
    flagged: bool,
) -> bool {
    let current = (col.get)(item, base_year);
    match col.edit {
        Edit::Check => {
            let mut on = current == "yes";
            let r = ui.checkbox(&mut on, "");
            crate::app::widgets::name_it(ui, &r, key);
            if r.changed() {
                return (col.set)(item, if on { "yes" } else { "no" }, base_year).is_ok();
            }
            false
        }
        Edit::Choice(options) => {
            let mut out = false;
            let mut chosen: Option<String> = None;
            let r = egui::ComboBox::from_id_salt(key)
                .width(col.width)
                .selected_text(current.clone())
                .show_ui(ui, |ui| {
                    for o in options(lists) {
                        if ui.selectable_label(o == current, &o).clicked() {
                            chosen = Some(o);
                        }
                    }
                });
            crate::app::widgets::name_it(ui, &r.response, key);
            if let Some(o) = chosen
                && o != current
            {
                out = (col.set)(item, &o, base_year).is_ok();
            }
            out
        }
        Edit::Text => {
            // An id (a target's label) is taken when the field is left: renaming follows
            // references, which must not happen at every letter typed.
            let on_leave = matches!(col.field, "id" | "label");
            let mut text = cells.text.get(key).cloned().unwrap_or_else(|| current.clone());
            let bad = cells.errors.contains_key(key);
            // (a grid gives a cell the width of its column last frame: ask for ours)
            let mut edit = egui::TextEdit::singleline(&mut text)
                .desired_width(col.width)
                .min_size(egui::vec2(col.width, 0.0));
            if bad || flagged {
                edit = edit.text_color(RED);
            }
            let r = ui.add(edit);
            crate::app::widgets::name_it(ui, &r, key);
            if let Some(e) = cells.errors.get(key) {
                r.clone().on_hover_text(e.as_str());
            }
            let mut changed = false;
            let leaving = r.lost_focus() || (r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)));
            if on_leave {
                if r.changed() {
                    cells.text.insert(key.to_string(), text.clone());
                }
                if leaving && cells.text.contains_key(key) {
                    if text == current {
                        cells.errors.remove(key);
                    } else {
                        match (col.set)(item, &text, base_year) {
                            Ok(()) => {
                                cells.errors.remove(key);
                                changed = true;
                            }
                            Err(e) => {
                                cells.errors.insert(key.to_string(), e);
                                return false;
                            }
                        }
                    }
                    cells.text.remove(key);
                }
                return changed;
            }
            if r.changed() {
                match (col.set)(item, &text, base_year) {
                    Ok(()) => {
                        cells.errors.remove(key);
                        changed = (col.get)(item, base_year) != current;
                    }
                    Err(e) => {
                        cells.errors.insert(key.to_string(), e);
                    }
                }
                cells.text.insert(key.to_string(), text);
            } else if r.lost_focus() && !cells.errors.contains_key(key) {
                cells.text.remove(key);
            }
            changed
        }
    }
}

/// What a table did this frame.
#[derive(Default)]
pub struct TableOut {
    pub changed: bool,
    pub action: Option<RowAction>,
}

/// The table of `items` (`prefix` = `regions`, `sites[0].fuels` …). `saved` is the item as
/// last saved (matched by `same`), for the "new" and "changed" marks and Reset.
#[allow(clippy::too_many_arguments)]
pub fn table<T: Clone + PartialEq>(
    ui: &mut Ui,
    id: &str,
    cells: &mut Cells,
    prefix: &str,
    items: &mut [T],
    saved: &[T],
    same: fn(&T, &T) -> bool,
    cols: &[Col<T>],
    lists: &Lists,
    problems: &[Problem],
    base_year: i32,
    lang: Lang,
) -> TableOut {
    let mut out = TableOut::default();
    let n = items.len();
    egui::Grid::new(id)
        .striped(true)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            for c in cols {
                ui.label(RichText::new(tr(lang, c.head)).strong());
            }
            ui.end_row();
            for (i, item) in items.iter_mut().enumerate() {
                let key = format!("{prefix}[{i}]");
                let before = saved.iter().find(|s| same(s, item));
                let mine: Vec<&Problem> = problems_of(problems, &key).collect();
                // First the row's mark, buttons and messages: on screen however wide the row is.
                ui.vertical(|ui| {
                    ui.set_max_width(300.0);
                    ui.horizontal(|ui| {
                        match before {
                            None => ui.label(RichText::new(tr(lang, "new")).color(CHANGED)),
                            Some(b) if b != item => {
                                ui.label(RichText::new(tr(lang, "changed")).color(CHANGED))
                            }
                            Some(_) => ui.label(""),
                        };
                        if ui
                            .add_enabled(i > 0, egui::Button::new(tr(lang, "Up")).small())
                            .clicked()
                        {
                            out.action = Some(RowAction::Up(i));
                        }
                        if ui
                            .add_enabled(i + 1 < n, egui::Button::new(tr(lang, "Down")).small())
                            .clicked()
                        {
                            out.action = Some(RowAction::Down(i));
                        }
                        if ui.add(egui::Button::new(tr(lang, "Remove")).small()).clicked() {
                            out.action = Some(RowAction::Remove(i));
                        }
                        if let Some(b) = before
                            && b != item
                            && ui
                                .add(egui::Button::new(tr(lang, "Reset")).small())
                                .on_hover_text(tr(lang, "Back to the saved values"))
                                .clicked()
                        {
                            out.action = Some(RowAction::Reset(i));
                        }
                    });
                    for p in mine.iter().filter(|p| !p.message.is_empty()) {
                        let field = p
                            .path
                            .strip_prefix(key.as_str())
                            .unwrap_or(&p.path)
                            .trim_start_matches('.');
                        let text = if field.is_empty() {
                            p.message.clone()
                        } else {
                            format!("{field}: {}", p.message)
                        };
                        ui.label(RichText::new(text).color(RED).small());
                    }
                    for c in cols {
                        if let Some(e) = cells.errors.get(&format!("{key}.{}", c.head)) {
                            ui.label(
                                RichText::new(format!("{}: {e}", tr(lang, c.head)))
                                    .color(RED)
                                    .small(),
                            );
                        }
                    }
                });
                for c in cols {
                    let field_key = format!("{key}.{}", c.field);
                    let flagged = mine.iter().any(|p| {
                        p.path == field_key
                            || p.path.starts_with(&format!("{field_key}["))
                            || p.path.starts_with(&format!("{field_key}."))
                    });
                    out.changed |= cell(
                        ui,
                        cells,
                        &format!("{key}.{}", c.head),
                        item,
                        c,
                        lists,
                        base_year,
                        flagged,
                    );
                }
                ui.end_row();
            }
        });
    out
}

/// Applies a row action that needs no confirmation (moves and resets) to a plain list.
pub fn apply_simple<T: Clone>(
    items: &mut Vec<T>,
    saved: &[T],
    same: fn(&T, &T) -> bool,
    a: RowAction,
) -> bool {
    match a {
        RowAction::Up(i) if i > 0 && i < items.len() => {
            items.swap(i, i - 1);
            true
        }
        RowAction::Down(i) if i + 1 < items.len() => {
            items.swap(i, i + 1);
            true
        }
        RowAction::Reset(i) => {
            let found = items.get(i).and_then(|x| saved.iter().find(|s| same(s, x)));
            match found {
                Some(s) => {
                    items[i] = s.clone();
                    true
                }
                None => false,
            }
        }
        RowAction::Remove(i) if i < items.len() => {
            items.remove(i);
            true
        }
        _ => false,
    }
}

/// One item as a form: a label and a cell per field, `check`'s message beside it.
#[allow(clippy::too_many_arguments)]
pub fn form<T>(
    ui: &mut Ui,
    id: &str,
    cells: &mut Cells,
    prefix: &str,
    item: &mut T,
    cols: &[Col<T>],
    lists: &Lists,
    problems: &[Problem],
    base_year: i32,
    lang: Lang,
) -> bool {
    let mut changed = false;
    egui::Grid::new(id)
        .num_columns(3)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for c in cols {
                ui.label(tr(lang, c.head));
                let key = if prefix.is_empty() {
                    c.field.to_string()
                } else {
                    format!("{prefix}.{}", c.field)
                };
                let mine: Vec<&Problem> = problems_of(problems, &key).collect();
                changed |= cell(
                    ui,
                    cells,
                    &format!("{prefix}.{}", c.head),
                    item,
                    c,
                    lists,
                    base_year,
                    !mine.is_empty(),
                );
                ui.horizontal_wrapped(|ui| {
                    if let Some(e) = cells.errors.get(&format!("{prefix}.{}", c.head)) {
                        ui.label(RichText::new(e).color(RED).small());
                    }
                    for p in mine {
                        ui.label(RichText::new(&p.message).color(RED).small());
                    }
                });
                ui.end_row();
            }
        });
    changed
}
