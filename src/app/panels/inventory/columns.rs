//! The columns of each inventory table: how a cell reads and writes its field, with the
//! workbook's syntax (a number, or `2018: 0.1; 2030: 1` for a path).

use super::table::{Col, Edit, Lists};
use crate::model::*;
use crate::workbook::read::{parse_number, parse_path, parse_scopes};
use crate::workbook::spec::{GENERATION_KINDS as KINDS, HISTORY_KINDS, PPA_KINDS};
use crate::workbook::{Value, path_cell};

pub fn num_text(x: f64) -> String {
    x.to_string()
}
pub fn opt_text(x: Option<f64>) -> String {
    x.map(num_text).unwrap_or_default()
}
pub fn path_text(p: &Path, base: i32) -> String {
    match path_cell(p, base) {
        Value::Num(x) | Value::Percent(x) => num_text(x),
        Value::Text(t) | Value::Error(t) => t,
        Value::Empty => String::new(),
    }
}
pub fn num(t: &str) -> Result<f64, String> {
    if t.trim().is_empty() {
        return Err("a number is required".into());
    }
    parse_number(t).ok_or_else(|| format!("\"{}\" is not a number", t.trim()))
}
/// Empty is 0 (base-year figures whose absence means none).
pub fn num0(t: &str) -> Result<f64, String> {
    if t.trim().is_empty() { Ok(0.0) } else { num(t) }
}
pub fn opt_num(t: &str) -> Result<Option<f64>, String> {
    if t.trim().is_empty() {
        Ok(None)
    } else {
        num(t).map(Some)
    }
}
pub fn year(t: &str) -> Result<i32, String> {
    let x = num(t)?;
    if x.fract() != 0.0 || x.abs() > 1e6 {
        return Err(format!("{x} is not a fiscal year"));
    }
    Ok(x as i32)
}
pub fn years(t: &str, default: u32) -> Result<u32, String> {
    if t.trim().is_empty() {
        return Ok(default);
    }
    let x = num(t)?;
    if x.fract() != 0.0 || !(0.0..=1e6).contains(&x) {
        return Err(format!("{x} is not a number of years"));
    }
    Ok(x as u32)
}
pub fn path(t: &str, base: i32) -> Result<Path, String> {
    parse_path(t, base)
}
pub fn note(t: &str) -> Option<String> {
    (!t.trim().is_empty()).then(|| t.to_string())
}

fn regions(l: &Lists) -> Vec<String> {
    l.regions.clone()
}
fn fuels(l: &Lists) -> Vec<String> {
    l.fuels.clone()
}
fn sites_or_company(l: &Lists) -> Vec<String> {
    let mut v = vec![COMPANY_WIDE.to_string()];
    v.extend(l.sites.iter().cloned());
    v
}
/// The choice of a material that belongs to no site.
pub const COMPANY_WIDE: &str = "(whole company)";

/// A column from its header, field, width, edit and its get / set bodies (`set` may use `?`).
macro_rules! col {
    ($head:expr, $field:expr, $w:expr, $edit:expr, |$x:ident, $b:ident| $get:expr, |$y:ident, $t:ident, $c:ident| $set:expr) => {
        Col {
            head: $head,
            field: $field,
            width: $w,
            edit: $edit,
            get: |$x, $b| {
                let _ = $b;
                $get
            },
            set: |$y, $t, $c| {
                let _ = $c;
                $set;
                Ok(())
            },
        }
    };
}
pub(super) use col;

#[rustfmt::skip]
pub fn region_cols() -> Vec<Col<GridRegion>> {
    vec![
        col!("id", "id", 90.0, Edit::Text, |x, b| x.id.clone(), |x, t, b| x.id = t.trim().to_string()),
        col!("name", "name", 160.0, Edit::Text, |x, b| x.name.clone(), |x, t, b| x.name = t.to_string()),
        col!("grid factor [kg-CO2/kWh]", "ef_kg_per_kwh", 220.0, Edit::Text, |x, b| path_text(&x.ef_kg_per_kwh, b), |x, t, b| x.ef_kg_per_kwh = path(t, b)?),
        col!("location factor [kg-CO2/kWh]", "ef_location_kg_per_kwh", 120.0, Edit::Text, |x, b| path_text(&x.ef_location_kg_per_kwh, b), |x, t, b| x.ef_location_kg_per_kwh = path(t, b)?),
        col!("power price [JPY/MWh]", "power_price_jpy_per_mwh", 110.0, Edit::Text, |x, b| path_text(&x.power_price_jpy_per_mwh, b), |x, t, b| x.power_price_jpy_per_mwh = path(t, b)?),
        col!("CO2-free premium [JPY/MWh]", "co2_free_premium_jpy_per_mwh", 110.0, Edit::Text, |x, b| path_text(&x.co2_free_premium_jpy_per_mwh, b), |x, t, b| x.co2_free_premium_jpy_per_mwh = path(t, b)?),
        col!("price assumption", "price_assumption", 200.0, Edit::Text, |x, b| x.price_assumption.clone().unwrap_or_default(), |x, t, b| x.price_assumption = note(t)),
        col!("source", "source", 200.0, Edit::Text, |x, b| x.source.clone(), |x, t, b| x.source = t.to_string()),
        col!("assumption", "assumption", 200.0, Edit::Text, |x, b| x.assumption.clone().unwrap_or_default(), |x, t, b| x.assumption = note(t)),
    ]
}

#[rustfmt::skip]
pub fn fuel_cols() -> Vec<Col<Fuel>> {
    vec![
        col!("id", "id", 90.0, Edit::Text, |x, b| x.id.clone(), |x, t, b| x.id = t.trim().to_string()),
        col!("name", "name", 160.0, Edit::Text, |x, b| x.name.clone(), |x, t, b| x.name = t.to_string()),
        col!("emission factor [t-CO2/GJ]", "ef_t_per_gj", 90.0, Edit::Text, |x, b| num_text(x.ef_t_per_gj), |x, t, b| x.ef_t_per_gj = num(t)?),
        col!("unit", "unit", 60.0, Edit::Text, |x, b| x.unit.clone().unwrap_or_default(), |x, t, b| x.unit = note(t)),
        col!("energy per unit [GJ/unit]", "gj_per_unit", 80.0, Edit::Text, |x, b| opt_text(x.gj_per_unit), |x, t, b| x.gj_per_unit = opt_num(t)?),
        col!("price [JPY/GJ]", "price_jpy_per_gj", 100.0, Edit::Text, |x, b| path_text(&x.price_jpy_per_gj, b), |x, t, b| x.price_jpy_per_gj = path(t, b)?),
        col!("price assumption", "price_assumption", 200.0, Edit::Text, |x, b| x.price_assumption.clone().unwrap_or_default(), |x, t, b| x.price_assumption = note(t)),
        col!("source", "source", 200.0, Edit::Text, |x, b| x.source.clone(), |x, t, b| x.source = t.to_string()),
        col!("assumption", "assumption", 200.0, Edit::Text, |x, b| x.assumption.clone().unwrap_or_default(), |x, t, b| x.assumption = note(t)),
    ]
}

#[rustfmt::skip]
pub fn fuel_use_cols() -> Vec<Col<FuelUse>> {
    vec![
        col!("fuel", "fuel", 140.0, Edit::Choice(fuels), |x, b| x.fuel.clone(), |x, t, b| x.fuel = t.to_string()),
        col!("energy [GJ]", "gj", 100.0, Edit::Text, |x, b| opt_text(x.gj), |x, t, b| x.gj = opt_num(t)?),
        col!("quantity [fuel unit]", "quantity", 100.0, Edit::Text, |x, b| opt_text(x.quantity), |x, t, b| x.quantity = opt_num(t)?),
    ]
}

fn kinds(_: &Lists) -> Vec<String> {
    KINDS.iter().map(|k| k.0.to_string()).collect()
}
fn pick<T: Copy>(t: &str, options: &[(&str, T)]) -> Result<T, String> {
    options
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(t.trim()))
        .map(|(_, v)| *v)
        .ok_or_else(|| format!("\"{t}\" is not one of the choices"))
}

#[rustfmt::skip]
pub fn own_generation_cols() -> Vec<Col<OwnGeneration>> {
    vec![
        col!("name", "name", 180.0, Edit::Text, |x, b| x.name.clone(), |x, t, b| x.name = t.to_string()),
        col!("kind", "kind", 90.0, Edit::Choice(kinds), |x, b| format!("{:?}", x.kind), |x, t, b| x.kind = pick(t, KINDS)?),
        col!("output [MWh]", "output_mwh", 160.0, Edit::Text, |x, b| path_text(&x.output_mwh, b), |x, t, b| x.output_mwh = path(t, b)?),
        col!("source", "source", 180.0, Edit::Text, |x, b| x.source.clone(), |x, t, b| x.source = t.to_string()),
        col!("assumption", "assumption", 180.0, Edit::Text, |x, b| x.assumption.clone().unwrap_or_default(), |x, t, b| x.assumption = note(t)),
    ]
}

#[rustfmt::skip]
pub fn material_cols() -> Vec<Col<Material>> {
    vec![
        col!("id", "id", 90.0, Edit::Text, |x, b| x.id.clone(), |x, t, b| x.id = t.trim().to_string()),
        col!("name", "name", 160.0, Edit::Text, |x, b| x.name.clone(), |x, t, b| x.name = t.to_string()),
        col!("site", "site", 120.0, Edit::Choice(sites_or_company), |x, b| x.site.clone().unwrap_or_else(|| COMPANY_WIDE.into()), |x, t, b| x.site = (t != COMPANY_WIDE).then(|| t.to_string())),
        col!("quantity [t]", "quantity_t", 90.0, Edit::Text, |x, b| num_text(x.quantity_t), |x, t, b| x.quantity_t = num(t)?),
        col!("primary factor [t-CO2/t]", "ef_primary_t_per_t", 80.0, Edit::Text, |x, b| num_text(x.ef_primary_t_per_t), |x, t, b| x.ef_primary_t_per_t = num(t)?),
        col!("recycled factor [t-CO2/t]", "ef_recycled_t_per_t", 80.0, Edit::Text, |x, b| num_text(x.ef_recycled_t_per_t), |x, t, b| x.ef_recycled_t_per_t = num(t)?),
        col!("low-carbon factor [t-CO2/t]", "ef_low_carbon_t_per_t", 80.0, Edit::Text, |x, b| num_text(x.ef_low_carbon_t_per_t), |x, t, b| x.ef_low_carbon_t_per_t = num(t)?),
        col!("fuel saving share", "fuel_saving_share", 60.0, Edit::Text, |x, b| num_text(x.fuel_saving_share), |x, t, b| x.fuel_saving_share = num0(t)?),
        col!("recycled feed CO2 [t-CO2/t]", "recycled_feed_t_co2_per_t", 60.0, Edit::Text, |x, b| num_text(x.recycled_feed_t_co2_per_t), |x, t, b| x.recycled_feed_t_co2_per_t = num0(t)?),
        col!("recycled price difference [JPY/t]", "recycled_price_diff_jpy_per_t", 100.0, Edit::Text, |x, b| path_text(&x.recycled_price_diff_jpy_per_t, b), |x, t, b| x.recycled_price_diff_jpy_per_t = path(t, b)?),
        col!("low-carbon price difference [JPY/t]", "low_carbon_price_diff_jpy_per_t", 100.0, Edit::Text, |x, b| path_text(&x.low_carbon_price_diff_jpy_per_t, b), |x, t, b| x.low_carbon_price_diff_jpy_per_t = path(t, b)?),
        col!("price assumption", "price_assumption", 200.0, Edit::Text, |x, b| x.price_assumption.clone().unwrap_or_default(), |x, t, b| x.price_assumption = note(t)),
        col!("source", "source", 200.0, Edit::Text, |x, b| x.source.clone(), |x, t, b| x.source = t.to_string()),
        col!("assumption", "assumption", 200.0, Edit::Text, |x, b| x.assumption.clone().unwrap_or_default(), |x, t, b| x.assumption = note(t)),
    ]
}

fn ppa_kinds(_: &Lists) -> Vec<String> {
    PPA_KINDS.iter().map(|k| k.0.to_string()).collect()
}

fn allocation_text(a: &[(String, f64)]) -> String {
    a.iter()
        .map(|(s, x)| format!("{s} {x}"))
        .collect::<Vec<_>>()
        .join("; ")
}
fn allocation(t: &str) -> Result<Vec<(String, f64)>, String> {
    crate::workbook::read::parse_allocation(t).into_iter().collect()
}

#[rustfmt::skip]
pub fn ppa_cols() -> Vec<Col<Ppa>> {
    vec![
        col!("id", "id", 90.0, Edit::Text, |x, b| x.id.clone(), |x, t, b| x.id = t.trim().to_string()),
        col!("name", "name", 160.0, Edit::Text, |x, b| x.name.clone(), |x, t, b| x.name = t.to_string()),
        col!("kind", "kind", 80.0, Edit::Choice(ppa_kinds), |x, b| format!("{:?}", x.kind), |x, t, b| x.kind = pick(t, PPA_KINDS)?),
        col!("capacity [MW]", "capacity_mw", 140.0, Edit::Text, |x, b| path_text(&x.capacity_mw, b), |x, t, b| x.capacity_mw = path(t, b)?),
        col!("yield [MWh/MW]", "yield_mwh_per_mw", 80.0, Edit::Text, |x, b| num_text(x.yield_mwh_per_mw), |x, t, b| x.yield_mwh_per_mw = num(t)?),
        col!("allocation", "allocation", 160.0, Edit::Text, |x, b| allocation_text(&x.allocation), |x, t, b| x.allocation = allocation(t)?),
        col!("price [JPY/MWh]", "price_jpy_per_mwh", 100.0, Edit::Text, |x, b| path_text(&x.price_jpy_per_mwh, b), |x, t, b| x.price_jpy_per_mwh = path(t, b)?),
        col!("capex per MW [JPY/MW]", "capex_jpy_per_mw", 100.0, Edit::Text, |x, b| opt_text(x.capex_jpy_per_mw), |x, t, b| x.capex_jpy_per_mw = opt_num(t)?),
        col!("lifetime [years]", "lifetime_years", 60.0, Edit::Text, |x, b| x.lifetime_years.to_string(), |x, t, b| x.lifetime_years = years(t, 20)?),
        col!("O&M [JPY/MW/yr]", "opex_jpy_per_mw_yr", 100.0, Edit::Text, |x, b| path_text(&x.opex_jpy_per_mw_yr, b), |x, t, b| x.opex_jpy_per_mw_yr = path(t, b)?),
        col!("price assumption", "price_assumption", 200.0, Edit::Text, |x, b| x.price_assumption.clone().unwrap_or_default(), |x, t, b| x.price_assumption = note(t)),
        col!("source", "source", 200.0, Edit::Text, |x, b| x.source.clone(), |x, t, b| x.source = t.to_string()),
        col!("assumption", "assumption", 200.0, Edit::Text, |x, b| x.assumption.clone().unwrap_or_default(), |x, t, b| x.assumption = note(t)),
    ]
}

fn target_kinds(_: &Lists) -> Vec<String> {
    ["Absolute", "Intensity", "Level"].map(String::from).to_vec()
}
fn methods(_: &Lists) -> Vec<String> {
    ["Market", "Location"].map(String::from).to_vec()
}
fn pers(_: &Lists) -> Vec<String> {
    ["Tonne", "MillionJpy"].map(String::from).to_vec()
}
fn kind_name(k: &TargetKind) -> &'static str {
    match k {
        TargetKind::Absolute { .. } => "Absolute",
        TargetKind::Intensity { .. } => "Intensity",
        TargetKind::Level { .. } => "Level",
    }
}
fn set_kind(x: &mut Target, t: &str) {
    let (red, refy) = match x.kind {
        TargetKind::Absolute {
            reduction_pct,
            reference_year,
        }
        | TargetKind::Intensity {
            reduction_pct,
            reference_year,
            ..
        } => (reduction_pct, reference_year),
        TargetKind::Level { .. } => (50.0, x.year.saturating_sub(12)),
    };
    x.kind = match t {
        "Absolute" => TargetKind::Absolute {
            reduction_pct: red,
            reference_year: refy,
        },
        "Intensity" => TargetKind::Intensity {
            reduction_pct: red,
            reference_year: refy,
            per: Per::Tonne,
        },
        _ => TargetKind::Level { t_co2: 0.0 },
    };
}
fn reduction(k: &TargetKind) -> String {
    match k {
        TargetKind::Absolute { reduction_pct, .. } | TargetKind::Intensity { reduction_pct, .. } => {
            num_text(*reduction_pct)
        }
        TargetKind::Level { .. } => String::new(),
    }
}
fn set_reduction(k: &mut TargetKind, v: f64) -> Result<(), String> {
    match k {
        TargetKind::Absolute { reduction_pct, .. } | TargetKind::Intensity { reduction_pct, .. } => {
            *reduction_pct = v;
            Ok(())
        }
        TargetKind::Level { .. } => Err("a Level target has no reduction".into()),
    }
}
fn reference(k: &TargetKind) -> String {
    match k {
        TargetKind::Absolute { reference_year, .. } | TargetKind::Intensity { reference_year, .. } => {
            reference_year.to_string()
        }
        TargetKind::Level { .. } => String::new(),
    }
}
fn set_reference(k: &mut TargetKind, v: i32) -> Result<(), String> {
    match k {
        TargetKind::Absolute { reference_year, .. } | TargetKind::Intensity { reference_year, .. } => {
            *reference_year = v;
            Ok(())
        }
        TargetKind::Level { .. } => Err("a Level target has no reference year".into()),
    }
}

#[rustfmt::skip]
pub fn target_cols() -> Vec<Col<Target>> {
    vec![
        col!("label", "label", 160.0, Edit::Text, |x, b| x.label.clone(), |x, t, b| x.label = t.to_string()),
        col!("year [FY]", "year", 50.0, Edit::Text, |x, b| x.year.to_string(), |x, t, b| x.year = year(t)?),
        col!("scopes", "scopes", 120.0, Edit::Text, |x, b| crate::workbook::write::scopes_text(&x.scopes), |x, t, b| x.scopes = parse_scopes(t).ok_or("write the scopes as Scope1+Scope2")?),
        col!("scope 2 method", "scope2_method", 80.0, Edit::Choice(methods), |x, b| format!("{:?}", x.scope2_method), |x, t, b| x.scope2_method = if t == "Location" { Scope2Method::Location } else { Scope2Method::Market }),
        col!("credits count", "credits_count", 40.0, Edit::Check, |x, b| if x.credits_count { "yes".into() } else { "no".into() }, |x, t, b| x.credits_count = t == "yes"),
        col!("kind", "kind", 90.0, Edit::Choice(target_kinds), |x, b| kind_name(&x.kind).to_string(), |x, t, b| set_kind(x, t)),
        col!("reduction [%]", "kind.reduction_pct", 60.0, Edit::Text, |x, b| reduction(&x.kind), |x, t, b| set_reduction(&mut x.kind, num(t)?)?),
        col!("reference year [FY]", "kind.reference_year", 60.0, Edit::Text, |x, b| reference(&x.kind), |x, t, b| set_reference(&mut x.kind, year(t)?)?),
        col!("per", "kind.per", 90.0, Edit::Choice(pers), |x, b| match x.kind { TargetKind::Intensity { per, .. } => format!("{per:?}"), _ => String::new(), }, |x, t, b| if let TargetKind::Intensity { per, .. } = &mut x.kind { *per = if t == "MillionJpy" { Per::MillionJpy } else { Per::Tonne } }),
        col!("level [t-CO2]", "kind.t_co2", 90.0, Edit::Text, |x, b| match x.kind { TargetKind::Level { t_co2 } => num_text(t_co2), _ => String::new(), }, |x, t, b| match &mut x.kind { TargetKind::Level { t_co2 } => *t_co2 = num(t)?, _ => return Err("only a Level target has a level".into()), }),
        col!("source", "source", 200.0, Edit::Text, |x, b| x.source.clone(), |x, t, b| x.source = t.to_string()),
    ]
}

fn history_kinds(_: &Lists) -> Vec<String> {
    HISTORY_KINDS.iter().map(|k| k.0.to_string()).collect()
}

#[rustfmt::skip]
pub fn history_cols() -> Vec<Col<HistoryEntry>> {
    vec![
        col!("year [FY]", "year", 50.0, Edit::Text, |x, b| x.year.to_string(), |x, t, b| x.year = year(t)?),
        col!("kind", "kind", 80.0, Edit::Choice(history_kinds), |x, b| format!("{:?}", x.kind), |x, t, b| x.kind = pick(t, HISTORY_KINDS)?),
        col!("scope 1 [t-CO2]", "scope1_t", 90.0, Edit::Text, |x, b| opt_text(x.scope1_t), |x, t, b| x.scope1_t = opt_num(t)?),
        col!("scope 2 market [t-CO2]", "scope2_t", 90.0, Edit::Text, |x, b| opt_text(x.scope2_t), |x, t, b| x.scope2_t = opt_num(t)?),
        col!("scope 2 location [t-CO2]", "scope2_location_t", 90.0, Edit::Text, |x, b| opt_text(x.scope2_location_t), |x, t, b| x.scope2_location_t = opt_num(t)?),
        col!("scope 1+2 [t-CO2]", "scope12_t", 90.0, Edit::Text, |x, b| opt_text(x.scope12_t), |x, t, b| x.scope12_t = opt_num(t)?),
        col!("scope 3 [t-CO2]", "scope3_t", 90.0, Edit::Text, |x, b| opt_text(x.scope3_t), |x, t, b| x.scope3_t = opt_num(t)?),
        col!("production [t]", "production_t", 90.0, Edit::Text, |x, b| opt_text(x.production_t), |x, t, b| x.production_t = opt_num(t)?),
        col!("electricity [MWh]", "electricity_mwh", 90.0, Edit::Text, |x, b| opt_text(x.electricity_mwh), |x, t, b| x.electricity_mwh = opt_num(t)?),
        col!("fuel [GJ]", "fuel_gj", 90.0, Edit::Text, |x, b| opt_text(x.fuel_gj), |x, t, b| x.fuel_gj = opt_num(t)?),
        col!("source", "source", 200.0, Edit::Text, |x, b| x.source.clone(), |x, t, b| x.source = t.to_string()),
        col!("assumption", "assumption", 200.0, Edit::Text, |x, b| x.assumption.clone().unwrap_or_default(), |x, t, b| x.assumption = note(t)),
    ]
}

/// The site form's first fields: what it is and its base-year inventory.
#[rustfmt::skip]
pub fn site_cols() -> Vec<Col<Site>> {
    vec![
        col!("id", "id", 160.0, Edit::Text, |x, b| x.id.clone(), |x, t, b| x.id = t.trim().to_string()),
        col!("name", "name", 420.0, Edit::Text, |x, b| x.name.clone(), |x, t, b| x.name = t.to_string()),
        col!("region", "region", 160.0, Edit::Choice(regions), |x, b| x.region.clone(), |x, t, b| x.region = t.to_string()),
        col!("production [t]", "production_t", 300.0, Edit::Text, |x, b| num_text(x.production_t), |x, t, b| x.production_t = num0(t)?),
        col!("electricity [MWh]", "electricity_mwh", 300.0, Edit::Text, |x, b| num_text(x.electricity_mwh), |x, t, b| x.electricity_mwh = num0(t)?),
        col!("process CO2 [t-CO2]", "process_t_co2", 300.0, Edit::Text, |x, b| num_text(x.process_t_co2), |x, t, b| x.process_t_co2 = num0(t)?),
        col!("source", "source", 560.0, Edit::Text, |x, b| x.source.clone(), |x, t, b| x.source = t.to_string()),
        col!("assumption", "assumption", 560.0, Edit::Text, |x, b| x.assumption.clone().unwrap_or_default(), |x, t, b| x.assumption = note(t)),
    ]
}

/// The site's boundary paths and prices.
#[rustfmt::skip]
pub fn site_more_cols() -> Vec<Col<Site>> {
    vec![
        col!("activity [index]", "activity", 420.0, Edit::Text, |x, b| path_text(&x.activity, b), |x, t, b| x.activity = path(t, b)?),
        col!("ownership [share]", "ownership", 420.0, Edit::Text, |x, b| path_text(&x.ownership, b), |x, t, b| x.ownership = path(t, b)?),
        col!("CO2-free premium [JPY/MWh]", "co2_free_premium_jpy_per_mwh", 420.0, Edit::Text, |x, b| path_text(&x.co2_free_premium_jpy_per_mwh, b), |x, t, b| x.co2_free_premium_jpy_per_mwh = path(t, b)?),
        col!("efficiency capex [JPY per MWh/yr]", "efficiency_capex_jpy_per_mwh_yr", 300.0, Edit::Text, |x, b| opt_text(x.efficiency_capex_jpy_per_mwh_yr), |x, t, b| x.efficiency_capex_jpy_per_mwh_yr = opt_num(t)?),
        col!("efficiency capex [JPY per GJ/yr]", "efficiency_capex_jpy_per_gj_yr", 300.0, Edit::Text, |x, b| opt_text(x.efficiency_capex_jpy_per_gj_yr), |x, t, b| x.efficiency_capex_jpy_per_gj_yr = opt_num(t)?),
        col!("process change capex [JPY]", "process_change_capex_jpy", 300.0, Edit::Text, |x, b| opt_text(x.process_change_capex_jpy), |x, t, b| x.process_change_capex_jpy = opt_num(t)?),
        col!("process change opex [JPY/yr]", "process_change_opex_jpy_per_yr", 420.0, Edit::Text, |x, b| path_text(&x.process_change_opex_jpy_per_yr, b), |x, t, b| x.process_change_opex_jpy_per_yr = path(t, b)?),
        col!("price assumption", "price_assumption", 200.0, Edit::Text, |x, b| x.price_assumption.clone().unwrap_or_default(), |x, t, b| x.price_assumption = note(t)),
    ]
}
