//! The Company tab: name, years, currency, notes, company-wide figures and cost settings.

use super::columns::{col, note, num, num_text, path, path_text, year};
use super::table::{Col, Edit, Lists, form};
use crate::app::inventory::Cells;
use crate::i18n::{Lang, tr};
use crate::model::Scenario;
use crate::model::validate::Problem;

fn cols() -> Vec<Col<Scenario>> {
    vec![
        col!(
            "name",
            "meta.name",
            420.0,
            Edit::Text,
            |x, b| x.meta.name.clone(),
            |x, t, b| x.meta.name = t.to_string()
        ),
        col!(
            "organisation",
            "meta.organisation",
            420.0,
            Edit::Text,
            |x, b| x.meta.organisation.clone(),
            |x, t, b| x.meta.organisation = t.to_string()
        ),
        col!(
            "author",
            "meta.author",
            420.0,
            Edit::Text,
            |x, b| x.meta.author.clone(),
            |x, t, b| x.meta.author = t.to_string()
        ),
        col!(
            "currency",
            "meta.currency",
            80.0,
            Edit::Text,
            |x, b| x.meta.currency.clone(),
            |x, t, b| x.meta.currency = t.trim().to_string()
        ),
        col!(
            "base year [FY]",
            "base_year",
            80.0,
            Edit::Text,
            |x, b| x.base_year.to_string(),
            |x, t, b| x.base_year = year(t)?
        ),
        col!(
            "last year [FY]",
            "last_year",
            80.0,
            Edit::Text,
            |x, b| x.last_year.to_string(),
            |x, t, b| x.last_year = year(t)?
        ),
        col!(
            "primary energy per MWh [GJ/MWh]",
            "primary_gj_per_mwh",
            80.0,
            Edit::Text,
            |x, b| num_text(x.primary_gj_per_mwh),
            |x, t, b| x.primary_gj_per_mwh = num(t)?
        ),
        col!(
            "revenue [JPY]",
            "revenue_jpy",
            300.0,
            Edit::Text,
            |x, b| path_text(&x.revenue_jpy, b),
            |x, t, b| x.revenue_jpy = path(t, b)?
        ),
        col!(
            "credits [t-CO2/yr]",
            "credits.t_co2_per_yr",
            300.0,
            Edit::Text,
            |x, b| path_text(&x.credits.t_co2_per_yr, b),
            |x, t, b| x.credits.t_co2_per_yr = path(t, b)?
        ),
        col!(
            "credit price [JPY/t-CO2]",
            "credits.price_jpy_per_t",
            300.0,
            Edit::Text,
            |x, b| path_text(&x.credits.price_jpy_per_t, b),
            |x, t, b| x.credits.price_jpy_per_t = path(t, b)?
        ),
        col!(
            "carbon price [JPY/t-CO2]",
            "carbon_price_jpy_per_t",
            300.0,
            Edit::Text,
            |x, b| path_text(&x.carbon_price_jpy_per_t, b),
            |x, t, b| x.carbon_price_jpy_per_t = path(t, b)?
        ),
        col!(
            "discount rate [%/yr]",
            "discount_rate_pct",
            80.0,
            Edit::Text,
            |x, b| num_text(x.discount_rate_pct),
            |x, t, b| x.discount_rate_pct = num(t)?
        ),
        col!(
            "cost source",
            "cost.source",
            420.0,
            Edit::Text,
            |x, b| x.cost.source.clone(),
            |x, t, b| x.cost.source = t.to_string()
        ),
        col!(
            "cost assumption",
            "cost.assumption",
            420.0,
            Edit::Text,
            |x, b| x.cost.assumption.clone().unwrap_or_default(),
            |x, t, b| x.cost.assumption = note(t)
        ),
    ]
}

/// The Company form and the two long texts (description, notes); returns whether it changed.
pub fn company_ui(
    ui: &mut egui::Ui,
    cells: &mut Cells,
    s: &mut Scenario,
    problems: &[Problem],
    lang: Lang,
) -> bool {
    let b = s.base_year;
    let mut changed = form(
        ui,
        "inv-company",
        cells,
        "",
        s,
        &cols(),
        &Lists::default(),
        problems,
        b,
        lang,
    );
    ui.add_space(6.0);
    ui.label(tr(
        lang,
        "Notes for the reader (what the scenario assumes; shown in review mode and at the top of the report)",
    ));
    let r = ui.add(
        egui::TextEdit::multiline(&mut s.notes)
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    );
    crate::app::widgets::name_it(ui, &r, "notes");
    changed |= r.changed();
    ui.label(tr(lang, "Description"));
    let r = ui.add(
        egui::TextEdit::multiline(&mut s.meta.description)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    crate::app::widgets::name_it(ui, &r, "description");
    changed |= r.changed();
    changed
}
