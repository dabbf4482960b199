//! Prices and costs (ANALYSES.md §1.2): the discount rate, the carbon price with its presets,
//! grid prices and premiums per region, fuel prices, PPA prices, capex and lifetimes, material
//! price differences, credit prices, and per site the premiums, capex and lifetimes of its
//! levers. They move the cost view only, never the emissions. Rows emit edits, with the same
//! changed marks and reset to saved as every lever.

use super::row::{changed_mark, keyframes_ui};
use super::{Ctx, LONG_LIST, LeverOutput, filtered_sites};
use crate::app::widgets::{name_it, number_field};
use crate::i18n::tr;
use crate::model::Path;
use crate::model::edit::{Edit, NumberRef, PathRef};
use egui::{RichText, Ui};

/// Carbon-price presets of ANALYSES.md §1.2 [JPY/t-CO2], with what they are.
pub const CARBON_PRESETS: [(f64, &str); 3] = [
    (289.0, "Japan's global warming tax (地球温暖化対策税)"),
    (7_735.0, "JX's tax-risk price, USD 50/t × 154.7"),
    (10_000.0, "Europe ~10,000円/t"),
];

const PRICE: (f64, f64) = (0.0, 1e7);
/// Yearly amounts (a PPA's O&M per MW, a site's process opex) [JPY/yr].
const PER_YEAR: (f64, f64) = (0.0, 1e12);
const DIFF: (f64, f64) = (-1e7, 1e7);

/// The saved value of a scalar cost input, matched by the ids of its site or PPA.
fn saved_number(c: &Ctx, r: NumberRef) -> Option<Option<f64>> {
    let s = c.doc.scenario();
    let sv = c.doc.saved();
    let site = |i: usize| s.sites.get(i).and_then(|x| sv.site_index(&x.id));
    let ppa = |i: usize| {
        let id = &s.ppas.get(i)?.id;
        sv.ppas.iter().position(|p| &p.id == id)
    };
    let saved = match r {
        NumberRef::DiscountRate | NumberRef::DefaultLifetime => r,
        NumberRef::SiteEfficiencyCapexMwh(i) => NumberRef::SiteEfficiencyCapexMwh(site(i)?),
        NumberRef::SiteEfficiencyCapexGj(i) => NumberRef::SiteEfficiencyCapexGj(site(i)?),
        NumberRef::SiteEfficiencyLifetime(i) => NumberRef::SiteEfficiencyLifetime(site(i)?),
        NumberRef::SiteProcessCapex(i) => NumberRef::SiteProcessCapex(site(i)?),
        NumberRef::SiteProcessLifetime(i) => NumberRef::SiteProcessLifetime(site(i)?),
        NumberRef::FuelSwitchCapex(i, k) => NumberRef::FuelSwitchCapex(site(i)?, k),
        NumberRef::FuelSwitchLifetime(i, k) => NumberRef::FuelSwitchLifetime(site(i)?, k),
        NumberRef::MeasureCapex(i, k) => NumberRef::MeasureCapex(site(i)?, k),
        NumberRef::PpaCapex(i) => NumberRef::PpaCapex(ppa(i)?),
        NumberRef::PpaLifetime(i) => NumberRef::PpaLifetime(ppa(i)?),
    };
    saved.get(sv)
}

/// One scalar input: changed mark, label, the value (or "not given" for a capex left out),
/// clear / give, and reset to saved.
fn number_row(
    ui: &mut Ui,
    c: &Ctx,
    label: &str,
    r: NumberRef,
    range: std::ops::RangeInclusive<f64>,
    suffix: &str,
    out: &mut LeverOutput,
) {
    let Some(value) = r.get(c.doc.scenario()) else {
        return;
    };
    let saved = saved_number(c, r);
    let differs = saved.is_some_and(|v| v != value);
    let lang = c.lang;
    ui.horizontal(|ui| {
        changed_mark(ui, c, differs);
        ui.label(label);
        match value {
            Some(mut v) => {
                let speed = if r.is_lifetime() {
                    0.1
                } else {
                    ((range.end() - range.start()) / 2_000.0).clamp(0.01, 1_000.0)
                };
                if number_field(ui, &mut v, range.clone(), speed, suffix, label) {
                    out.edits.push(Edit::SetNumber(r, Some(v)));
                }
                if r.optional() {
                    let b = ui.small_button("×").on_hover_text(tr(
                        lang,
                        "Not given: left out of the cost and listed, never taken as 0",
                    ));
                    name_it(ui, &b, &format!("{label}: {}", tr(lang, "clear")));
                    if b.clicked() {
                        out.edits.push(Edit::SetNumber(r, None));
                    }
                }
            }
            None => {
                ui.label(RichText::new(tr(lang, "not given")).weak().italics());
                let b = ui
                    .small_button(tr(lang, "give"))
                    .on_hover_text(tr(lang, "Enter a value (0 is a real zero)"));
                name_it(ui, &b, &format!("{label}: {}", tr(lang, "give")));
                if b.clicked() {
                    out.edits.push(Edit::SetNumber(r, Some(0.0)));
                }
            }
        }
        let b = ui
            .add_enabled(differs, egui::Button::new(tr(lang, "reset")).small())
            .on_hover_text(tr(lang, "Reset to saved"));
        name_it(ui, &b, &format!("{label}: {}", tr(lang, "Reset to saved")));
        if b.clicked()
            && let Some(v) = saved
        {
            out.edits.push(Edit::SetNumber(r, v));
        }
    });
}

/// A price path: its keyframes, and what an empty path means: a price not given (left out of
/// the cost and listed), a site premium that falls back to its region's, or an opex of 0.
fn price_path(
    ui: &mut Ui,
    c: &Ctx,
    id: &str,
    label: &str,
    r: PathRef,
    range: (f64, f64),
    out: &mut LeverOutput,
) {
    let empty = r.get(c.doc.scenario()).is_some_and(|p| p.0.is_empty());
    ui.push_id(id, |ui| {
        keyframes_ui(ui, c, id, label, r, range, out);
        if empty {
            let means = match r {
                PathRef::SitePremium(_) => "region's premium",
                PathRef::PpaOpex(_) | PathRef::SiteProcessOpex(_) => "not given: 0",
                _ => "not given: left out of the cost and listed",
            };
            ui.label(RichText::new(tr(c.lang, means)).weak().small());
        }
    });
}

/// The carbon price: presets as a flat price from the base year, then its keyframes.
fn carbon_ui(ui: &mut Ui, c: &Ctx, out: &mut LeverOutput) {
    let lang = c.lang;
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(lang, "Flat from the base year:"));
        for (p, what) in CARBON_PRESETS {
            let text = format!("{} 円/t", crate::units::group(p, 0));
            let b = ui.button(&text).on_hover_text(tr(lang, what));
            name_it(ui, &b, &format!("{}: {text}", tr(lang, "Carbon price")));
            if b.clicked() {
                out.edits
                    .push(Edit::SetPath(PathRef::CarbonPrice, Path(vec![(c.base, p)])));
            }
        }
    });
    keyframes_ui(
        ui,
        c,
        "carbon-price",
        &format!("{} [円/t-CO2]", tr(lang, "Carbon price")),
        PathRef::CarbonPrice,
        PRICE,
        out,
    );
}

/// The whole section.
pub fn prices_ui(ui: &mut Ui, c: &Ctx, filter: &str, out: &mut LeverOutput) {
    let s = c.doc.scenario();
    let lang = c.lang;
    egui::CollapsingHeader::new(tr(lang, "Prices and costs"))
        .id_salt("prices")
        .show(ui, |ui| {
            ui.label(
                RichText::new(tr(
                    lang,
                    "Real JPY of the price year; they move the cost view only.",
                ))
                .weak()
                .small(),
            );
            number_row(
                ui,
                c,
                tr(lang, "Discount rate"),
                NumberRef::DiscountRate,
                -20.0..=30.0,
                " %",
                out,
            );
            number_row(
                ui,
                c,
                tr(lang, "Default lifetime"),
                NumberRef::DefaultLifetime,
                1.0..=200.0,
                " yr",
                out,
            );
            egui::CollapsingHeader::new(tr(lang, "Carbon price"))
                .id_salt("prices-carbon")
                .default_open(true)
                .show(ui, |ui| carbon_ui(ui, c, out));
            egui::CollapsingHeader::new(tr(lang, "Grid power"))
                .id_salt("prices-grid")
                .show(ui, |ui| {
                    for (i, r) in s.regions.iter().enumerate() {
                        ui.label(RichText::new(&r.name).strong());
                        price_path(
                            ui,
                            c,
                            &format!("pp-{i}"),
                            &format!("{} — {} [円/MWh]", r.name, tr(lang, "power price")),
                            PathRef::RegionPowerPrice(i),
                            PRICE,
                            out,
                        );
                        price_path(
                            ui,
                            c,
                            &format!("pm-{i}"),
                            &format!("{} — {} [円/MWh]", r.name, tr(lang, "CO2-free premium")),
                            PathRef::RegionPremium(i),
                            PRICE,
                            out,
                        );
                    }
                });
            if !s.fuels.is_empty() {
                egui::CollapsingHeader::new(tr(lang, "Fuels"))
                    .id_salt("prices-fuels")
                    .show(ui, |ui| {
                        for (i, f) in s.fuels.iter().enumerate() {
                            price_path(
                                ui,
                                c,
                                &format!("fp-{i}"),
                                &format!("{} [円/GJ]", f.name),
                                PathRef::FuelPrice(i),
                                PRICE,
                                out,
                            );
                        }
                    });
            }
            if !s.ppas.is_empty() {
                egui::CollapsingHeader::new(tr(lang, "PPAs: prices, capex and lifetimes"))
                    .id_salt("prices-ppa")
                    .show(ui, |ui| {
                        for (i, p) in s.ppas.iter().enumerate() {
                            ui.push_id(("ppa-price", i), |ui| {
                                ui.label(RichText::new(&p.name).strong());
                                price_path(
                                    ui,
                                    c,
                                    "price",
                                    &format!("{} — {} [円/MWh]", p.name, tr(lang, "price")),
                                    PathRef::PpaPrice(i),
                                    PRICE,
                                    out,
                                );
                                number_row(
                                    ui,
                                    c,
                                    &format!("{} — {} [円/MW]", p.name, tr(lang, "capex")),
                                    NumberRef::PpaCapex(i),
                                    0.0..=1e10,
                                    "",
                                    out,
                                );
                                number_row(
                                    ui,
                                    c,
                                    &format!("{} — {}", p.name, tr(lang, "lifetime")),
                                    NumberRef::PpaLifetime(i),
                                    1.0..=200.0,
                                    " yr",
                                    out,
                                );
                                price_path(
                                    ui,
                                    c,
                                    "opex",
                                    &format!("{} — {} [円/MW/yr]", p.name, tr(lang, "opex")),
                                    PathRef::PpaOpex(i),
                                    PER_YEAR,
                                    out,
                                );
                            });
                        }
                    });
            }
            if !s.materials.is_empty() {
                egui::CollapsingHeader::new(tr(lang, "Materials"))
                    .id_salt("prices-mat")
                    .show(ui, |ui| {
                        for (i, m) in s.materials.iter().enumerate() {
                            price_path(
                                ui,
                                c,
                                &format!("mr-{i}"),
                                &format!("{} — {} [円/t]", m.name, tr(lang, "recycled minus primary")),
                                PathRef::MaterialRecycledPrice(i),
                                DIFF,
                                out,
                            );
                            price_path(
                                ui,
                                c,
                                &format!("ml-{i}"),
                                &format!("{} — {} [円/t]", m.name, tr(lang, "low-carbon minus primary")),
                                PathRef::MaterialLowCarbonPrice(i),
                                DIFF,
                                out,
                            );
                        }
                    });
            }
            egui::CollapsingHeader::new(tr(lang, "Credits"))
                .id_salt("prices-credits")
                .show(ui, |ui| {
                    price_path(
                        ui,
                        c,
                        "cp",
                        &format!("{} [円/t-CO2]", tr(lang, "Credit price")),
                        PathRef::CreditPrice,
                        PRICE,
                        out,
                    );
                });
            egui::CollapsingHeader::new(tr(lang, "Sites: premiums, capex and lifetimes"))
                .id_salt("prices-sites")
                .show(ui, |ui| sites_ui(ui, c, filter, out));
        });
}

/// Per site: the premium over its region's, the efficiency, process-change, fuel-switch and
/// measure capex and lifetimes. Long lists show the first sites that match the filter.
fn sites_ui(ui: &mut Ui, c: &Ctx, filter: &str, out: &mut LeverOutput) {
    let s = c.doc.scenario();
    let lang = c.lang;
    let sites = filtered_sites(s, filter, |_| true);
    for &i in sites.iter().take(LONG_LIST) {
        let site = &s.sites[i];
        let n = &site.name;
        egui::CollapsingHeader::new(n)
            .id_salt(("prices-site", i))
            .show(ui, |ui| {
                price_path(
                    ui,
                    c,
                    "premium",
                    &format!("{n} — {} [円/MWh]", tr(lang, "CO2-free premium")),
                    PathRef::SitePremium(i),
                    PRICE,
                    out,
                );
                let efficiency = [
                    (
                        "efficiency capex",
                        " [円 per MWh/yr]",
                        NumberRef::SiteEfficiencyCapexMwh(i),
                    ),
                    (
                        "efficiency capex",
                        " [円 per GJ/yr]",
                        NumberRef::SiteEfficiencyCapexGj(i),
                    ),
                    ("efficiency lifetime", "", NumberRef::SiteEfficiencyLifetime(i)),
                ];
                for (what, unit, number) in efficiency {
                    let lifetime = matches!(number, NumberRef::SiteEfficiencyLifetime(_));
                    let (range, suffix) = if lifetime {
                        (1.0..=200.0, " yr")
                    } else {
                        (0.0..=1e7, "")
                    };
                    let label = format!("{n} — {}{unit}", tr(lang, what));
                    number_row(ui, c, &label, number, range, suffix, out);
                }
                if site.process_t_co2 > 0.0 {
                    number_row(
                        ui,
                        c,
                        &format!("{n} — {} [円]", tr(lang, "process-change capex")),
                        NumberRef::SiteProcessCapex(i),
                        0.0..=1e13,
                        "",
                        out,
                    );
                    number_row(
                        ui,
                        c,
                        &format!("{n} — {}", tr(lang, "process-change lifetime")),
                        NumberRef::SiteProcessLifetime(i),
                        1.0..=200.0,
                        " yr",
                        out,
                    );
                    price_path(
                        ui,
                        c,
                        "opex",
                        &format!("{n} — {} [円/yr]", tr(lang, "process-change opex")),
                        PathRef::SiteProcessOpex(i),
                        PER_YEAR,
                        out,
                    );
                }
                for (k, r) in site.fuel_switches.iter().enumerate() {
                    let what = format!("{n} — {} {} → {}", tr(lang, "fuel switch"), r.from, r.to);
                    number_row(
                        ui,
                        c,
                        &format!("{what} {} [円]", tr(lang, "capex")),
                        NumberRef::FuelSwitchCapex(i, k),
                        0.0..=1e13,
                        "",
                        out,
                    );
                    number_row(
                        ui,
                        c,
                        &format!("{what} {}", tr(lang, "lifetime")),
                        NumberRef::FuelSwitchLifetime(i, k),
                        1.0..=200.0,
                        " yr",
                        out,
                    );
                }
                for (k, m) in site.measures.iter().enumerate() {
                    number_row(
                        ui,
                        c,
                        &format!("{n} — {} {} [円]", m.name, tr(lang, "capex")),
                        NumberRef::MeasureCapex(i, k),
                        0.0..=1e13,
                        "",
                        out,
                    );
                }
            });
    }
    if sites.len() > LONG_LIST {
        ui.label(
            RichText::new(format!(
                "{} {} — {}",
                sites.len() - LONG_LIST,
                tr(lang, "more sites"),
                tr(lang, "type in Find site to reach one")
            ))
            .weak(),
        );
    }
}
