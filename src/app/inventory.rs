//! The inventory editor's state: the draft being edited (the engine runs on the last valid
//! one), the cell texts being typed, a removal waiting for its confirmation, and the "new
//! company" form. What the edits mean lives in [`crate::model::structure`] and the workbook's
//! parsers; this module only keeps the form and hands valid drafts to the document.

use super::DecarbApp;
use super::document::Document;
use crate::model::structure::Kind;
use crate::model::validate::{Problem, validate};
use crate::model::{GridRegion, Meta, Scenario};
use std::collections::HashMap;

/// The tabs of the inventory window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Company,
    Sites,
    Regions,
    Fuels,
    Materials,
    Ppas,
    Targets,
    History,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Company,
        Tab::Sites,
        Tab::Regions,
        Tab::Fuels,
        Tab::Materials,
        Tab::Ppas,
        Tab::Targets,
        Tab::History,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Tab::Company => "Company",
            Tab::Sites => "Sites",
            Tab::Regions => "Grid regions",
            Tab::Fuels => "Fuels",
            Tab::Materials => "Materials",
            Tab::Ppas => "PPAs",
            Tab::Targets => "Targets",
            Tab::History => "History",
        }
    }
}

/// A removal waiting for "Remove" or "Cancel", with what else it changes (or why it cannot be
/// done).
#[derive(Clone, Debug)]
pub struct Removal {
    pub kind: Kind,
    pub index: usize,
    pub id: String,
    pub outcome: Result<Vec<String>, String>,
}

/// Texts typed into the cells, and the cells whose text does not read.
#[derive(Default)]
pub struct Cells {
    pub text: HashMap<String, String>,
    pub errors: HashMap<String, String>,
}

#[derive(Default)]
pub struct InventoryState {
    pub open: bool,
    pub tab: Tab,
    /// The scenario as edited; `None` until the window opens (then it follows the document).
    pub draft: Option<Scenario>,
    /// The document revision the draft was last in step with.
    pub synced_rev: u64,
    pub cells: Cells,
    /// `decarb check`'s problems of the draft (empty when the document runs it).
    pub problems: Vec<Problem>,
    /// Selected site of the Sites tab.
    pub site: usize,
    pub confirm: Option<Removal>,
    pub new_company: Option<NewCompany>,
}

impl InventoryState {
    /// Follows the document when it changed elsewhere (undo, a lever, another file). Returns
    /// whether a draft that did not check was dropped for it.
    pub fn sync(&mut self, doc: &Document) -> bool {
        let mut dropped = false;
        if self.draft.is_none() || self.synced_rev != doc.revision() {
            dropped = self.draft.is_some() && self.has_problems();
            self.draft = Some(doc.scenario().clone());
            self.synced_rev = doc.revision();
            self.cells = Cells::default();
            self.problems.clear();
            self.confirm = None;
        }
        dropped
    }

    /// The draft does not check, or a cell does not read.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || !self.cells.errors.is_empty()
    }
}

/// A path held to `first..=last`: the value in `first` as its first keyframe, keyframes
/// outside dropped, the value in `last` kept when the path went on after it.
fn fit(p: &crate::model::Path, first: i32, last: i32) -> crate::model::Path {
    let mut k: Vec<(i32, f64)> =
        p.0.iter()
            .copied()
            .filter(|(y, _)| (first..=last).contains(y))
            .collect();
    if k.first().is_none_or(|f| f.0 > first) {
        k.insert(0, (first, p.value_or(first, 0.0)));
    }
    if k.last().is_some_and(|l| l.0 < last) && p.0.last().is_some_and(|l| l.0 > last) {
        k.push((last, p.value_or(last, 0.0)));
    }
    crate::model::Path(k)
}

/// The "new company" form.
#[derive(Clone, Debug)]
pub struct NewCompany {
    pub name: String,
    pub organisation: String,
    pub base_year: i32,
    pub last_year: i32,
    pub currency: String,
    /// Japan's grid with the factor path of the shipped data (marked as an assumption).
    pub japan: bool,
    /// Other regions by name (one per line); their factor is entered afterwards.
    pub others: String,
}

impl Default for NewCompany {
    fn default() -> Self {
        NewCompany {
            name: String::new(),
            organisation: String::new(),
            base_year: 2018,
            last_year: 2050,
            currency: "JPY".into(),
            japan: true,
            others: String::new(),
        }
    }
}

/// Japan's grid region of the shipped template (the association's plan path, FY2018 an
/// assumption), marked as an assumption of the new company's file.
fn japan_region() -> Option<GridRegion> {
    let t: Scenario = crate::model::from_str(super::TEMPLATE).ok()?;
    let mut r = t.regions.into_iter().find(|r| r.id == "japan")?;
    r.assumption = Some(format!(
        "Pre-filled by Decarb Planner from its shipped data: {} Replace with your power supplier's adjusted factors.",
        r.assumption.unwrap_or_default()
    ));
    Some(r)
}

/// An id from a name: lower case letters, digits and `_`.
pub fn id_from(name: &str) -> String {
    let mut id: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    while id.contains("__") {
        id = id.replace("__", "_");
    }
    let id = id.trim_matches('_').to_string();
    if id.is_empty() { "region".into() } else { id }
}

impl NewCompany {
    /// The scenario the form describes: the company, its years and currency, its regions,
    /// no site yet. `Err` with `check`'s messages when the form does not make a valid file.
    pub fn scenario(&self) -> Result<Scenario, Vec<String>> {
        let mut s: Scenario = crate::model::from_str(super::TEMPLATE).map_err(|e| e.lines())?;
        s.meta = Meta {
            name: self.name.trim().to_string(),
            description: String::new(),
            author: String::new(),
            organisation: self.organisation.trim().to_string(),
            currency: self.currency.trim().to_string(),
        };
        s.notes = String::new();
        s.base_year = self.base_year;
        s.last_year = self.last_year;
        s.regions.clear();
        if self.japan
            && let Some(mut r) = japan_region()
        {
            // the shipped path runs FY2018–FY2030: held to the company's years
            if self.base_year <= self.last_year {
                r.ef_kg_per_kwh = fit(&r.ef_kg_per_kwh, self.base_year, self.last_year);
            }
            s.regions.push(r);
        }
        for name in self.others.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let id = crate::model::structure::fresh_id(&s, Kind::Region, &id_from(name));
            s.regions.push(GridRegion {
                id,
                name: name.to_string(),
                ef_kg_per_kwh: crate::model::Path::constant(self.base_year, 0.5),
                ef_location_kg_per_kwh: Default::default(),
                power_price_jpy_per_mwh: Default::default(),
                co2_free_premium_jpy_per_mwh: Default::default(),
                source: String::new(),
                assumption: Some(
                    "Placeholder factor 0.5 kg-CO2/kWh: enter the grid's factor and its source.".into(),
                ),
                price_assumption: None,
            });
        }
        s.fuels.clear();
        s.sites.clear();
        s.materials.clear();
        s.ppas.clear();
        s.targets.clear();
        s.history.clear();
        let problems: Vec<String> = validate(&s)
            .into_iter()
            .map(|p| {
                let field = match p.path.as_str() {
                    "meta.name" => "Name",
                    "meta.currency" => "Currency",
                    "base_year" => "Base year",
                    "last_year" => "Last year",
                    "regions" => "Regions",
                    other => other,
                };
                format!("{field}: {}", p.message)
            })
            .collect();
        if problems.is_empty() { Ok(s) } else { Err(problems) }
    }
}

/// What the inventory window asks of the app.
#[derive(Clone, Debug, PartialEq)]
pub enum InventoryCommand {
    Open,
    /// Open on a tab (screenshots, tests).
    ShowTab(Tab),
    Close,
    /// The draft changed: check it, and run it when it is valid.
    Edited,
    /// The pending removal: do it, or not.
    ConfirmRemove,
    CancelRemove,
    /// Open the "new company" form; create the company it describes.
    NewCompany,
    CreateCompany,
    CancelNewCompany,
}

impl DecarbApp {
    pub fn inventory_command(&mut self, c: InventoryCommand) {
        let lang = self.lang();
        let inv = &mut self.inventory;
        match c {
            InventoryCommand::Open => {
                inv.open = true;
                inv.draft = None;
                let _ = inv.sync(&self.doc);
            }
            InventoryCommand::ShowTab(t) => {
                inv.open = true;
                inv.tab = t;
                let _ = inv.sync(&self.doc);
            }
            InventoryCommand::Close => {
                if inv.has_problems() {
                    self.status = Some(
                        crate::i18n::tr(
                            lang,
                            "The inventory's last edits did not check and were dropped: the scenario is the last one that checked",
                        )
                        .into(),
                    );
                }
                inv.open = false;
                inv.draft = None;
                inv.confirm = None;
            }
            InventoryCommand::Edited => self.inventory_edited(),
            InventoryCommand::ConfirmRemove => {
                // What else changes is worked out again on the draft as it is now: should it
                // differ from what the question said, it is asked again.
                if let (Some(r), Some(d)) = (inv.confirm.take(), inv.draft.as_mut()) {
                    let mut probe = d.clone();
                    let same_item = r.kind.id(d, r.index).as_deref() == Some(r.id.as_str());
                    let now = crate::model::structure::remove(&mut probe, r.kind, r.index);
                    if !same_item {
                        return;
                    }
                    if now != r.outcome {
                        inv.confirm = Some(Removal { outcome: now, ..r });
                        return;
                    }
                    if now.is_err() {
                        return;
                    }
                    *d = probe;
                    if r.kind == Kind::Site {
                        inv.site = inv.site.min(d.sites.len().saturating_sub(1));
                    }
                    inv.cells = Cells::default();
                    self.inventory_edited();
                }
            }
            InventoryCommand::CancelRemove => inv.confirm = None,
            InventoryCommand::NewCompany => {
                inv.new_company = Some(NewCompany::default());
            }
            InventoryCommand::CancelNewCompany => inv.new_company = None,
            InventoryCommand::CreateCompany => {
                let Some(form) = &inv.new_company else { return };
                match form.scenario() {
                    Ok(s) => {
                        inv.new_company = None;
                        self.set_document(Document::new(s, None));
                        self.inventory = InventoryState {
                            open: true,
                            tab: Tab::Sites,
                            ..Default::default()
                        };
                        self.inventory.sync(&self.doc);
                        self.status =
                            Some(crate::i18n::tr(self.lang(), "New company: add its sites and fuels").into());
                    }
                    Err(lines) => self.errors("Could not create the company", lines),
                }
            }
        }
    }

    /// Checks the draft; a valid one becomes the scenario the engine runs (one undo step per
    /// field, closed when the field is left).
    fn inventory_edited(&mut self) {
        let inv = &mut self.inventory;
        let Some(d) = &inv.draft else { return };
        inv.problems = validate(d);
        if inv.problems.is_empty() && d != self.doc.scenario() {
            self.doc.set_working(d.clone());
            inv.synced_rev = self.doc.revision();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_company_of_any_years_gets_japans_path_inside_them() {
        for (base, last) in [
            (2018, 2050),
            (2013, 2050),
            (2020, 2050),
            (2022, 2026),
            (2031, 2040),
        ] {
            let form = NewCompany {
                name: "Kaizen".into(),
                base_year: base,
                last_year: last,
                ..NewCompany::default()
            };
            let s = form.scenario().unwrap_or_else(|e| panic!("{base}–{last}: {e:?}"));
            let p = &s.regions[0].ef_kg_per_kwh;
            assert_eq!(p.0[0].0, base);
            assert!(p.0.iter().all(|k| (base..=last).contains(&k.0)));
            // the values of the shipped path inside the years
            let shipped = japan_region().unwrap().ef_kg_per_kwh;
            for y in base..=last {
                assert!(
                    (p.value_or(y, 0.0) - shipped.value_or(y, 0.0)).abs() < 1e-12,
                    "{base}–{last} FY{y}"
                );
            }
        }
        let bad = NewCompany {
            name: String::new(),
            last_year: 2010,
            ..NewCompany::default()
        };
        let e = bad.scenario().unwrap_err();
        assert!(
            e.iter().any(|l| l.starts_with("Name:")) || e.iter().any(|l| l.starts_with("Last year:")),
            "{e:?}"
        );
    }
}
