//! The report's table of cost inputs (ANALYSES.md §1.2): every price, capex and lifetime the
//! file gives, with its citation, and the discount rate. Missing prices are listed apart by
//! the cost section itself.

use super::svg::esc;
use crate::i18n::{Lang, tr};
use crate::model::{Path, Scenario};
use crate::units::group;

/// `(item, unit, value, citation)` rows; `keyframes` formats a path, `cite` returns the
/// citation mark of a source (and records it in the appendix).
pub fn cost_inputs_html(
    s: &Scenario,
    lang: Lang,
    keyframes: fn(&Path, f64, &str, usize) -> String,
    cite: &mut dyn FnMut(String, &str, Option<&str>) -> String,
) -> String {
    let mut rows: Vec<(String, &str, String, String)> = Vec::new();
    let kf = |p: &Path| keyframes(p, 1.0, "", 0);
    let capex = |v: Option<f64>| v.map_or_else(|| tr(lang, "not given").to_string(), |x| group(x, 0));
    let rate = format!("{} %", group(s.discount_rate_pct, 2));
    let c = cite(
        tr(lang, "Discount rate").into(),
        &s.cost.source,
        s.cost.assumption.as_deref(),
    );
    rows.push((tr(lang, "Discount rate").into(), "%/yr", rate, c));
    for r in &s.regions {
        let paths = [
            (tr(lang, "power price"), &r.power_price_jpy_per_mwh),
            (tr(lang, "CO2-free premium"), &r.co2_free_premium_jpy_per_mwh),
        ];
        for (what, p) in paths.into_iter().filter(|(_, p)| !p.is_empty()) {
            let item = format!("{} — {what}", r.name);
            let c = cite(item.clone(), "", r.price_assumption.as_deref());
            rows.push((item, "JPY/MWh", kf(p), c));
        }
    }
    for f in s.fuels.iter().filter(|f| !f.price_jpy_per_gj.is_empty()) {
        let c = cite(f.name.clone(), "", f.price_assumption.as_deref());
        rows.push((f.name.clone(), "JPY/GJ", kf(&f.price_jpy_per_gj), c));
    }
    for p in &s.ppas {
        let c = cite(p.name.clone(), &p.source, p.price_assumption.as_deref());
        if !p.price_jpy_per_mwh.is_empty() {
            rows.push((
                format!("{} — {}", p.name, tr(lang, "price")),
                "JPY/MWh",
                kf(&p.price_jpy_per_mwh),
                c.clone(),
            ));
        }
        rows.push((
            format!("{} — {}", p.name, tr(lang, "capex")),
            "JPY/MW",
            format!(
                "{} ({} {})",
                capex(p.capex_jpy_per_mw),
                p.lifetime_years,
                tr(lang, "yr")
            ),
            c.clone(),
        ));
        if !p.opex_jpy_per_mw_yr.is_empty() {
            rows.push((
                format!("{} — {}", p.name, tr(lang, "opex")),
                "JPY/MW/yr",
                kf(&p.opex_jpy_per_mw_yr),
                c,
            ));
        }
    }
    for m in &s.materials {
        let c = cite(m.name.clone(), "", m.price_assumption.as_deref());
        for (what, p) in [
            (
                tr(lang, "recycled minus primary"),
                &m.recycled_price_diff_jpy_per_t,
            ),
            (
                tr(lang, "low-carbon minus primary"),
                &m.low_carbon_price_diff_jpy_per_t,
            ),
        ] {
            if !p.is_empty() {
                rows.push((format!("{} — {what}", m.name), "JPY/t", kf(p), c.clone()));
            }
        }
    }
    if !s.credits.price_jpy_per_t.is_empty() {
        let c = cite(
            tr(lang, "Credit price").into(),
            "",
            s.credits.price_assumption.as_deref(),
        );
        rows.push((
            tr(lang, "Credit price").into(),
            "JPY/t-CO2",
            kf(&s.credits.price_jpy_per_t),
            c,
        ));
    }
    for site in &s.sites {
        let n = &site.name;
        let mut own: Vec<(String, &str, String)> = Vec::new();
        let years = |v: f64, life: u32| format!("{} ({life} {})", group(v, 0), tr(lang, "yr"));
        if !site.co2_free_premium_jpy_per_mwh.is_empty() {
            own.push((
                tr(lang, "CO2-free premium").into(),
                "JPY/MWh",
                kf(&site.co2_free_premium_jpy_per_mwh),
            ));
        }
        if let Some(v) = site.efficiency_capex_jpy_per_mwh_yr {
            own.push((
                tr(lang, "efficiency capex").into(),
                "JPY per MWh/yr",
                years(v, site.efficiency_lifetime_years),
            ));
        }
        if let Some(v) = site.efficiency_capex_jpy_per_gj_yr {
            own.push((
                tr(lang, "efficiency capex").into(),
                "JPY per GJ/yr",
                years(v, site.efficiency_lifetime_years),
            ));
        }
        if let Some(v) = site.process_change_capex_jpy {
            own.push((
                tr(lang, "process-change capex").into(),
                "JPY",
                years(v, site.process_change_lifetime_years),
            ));
        }
        if !site.process_change_opex_jpy_per_yr.is_empty() {
            own.push((
                tr(lang, "process-change opex").into(),
                "JPY/yr",
                kf(&site.process_change_opex_jpy_per_yr),
            ));
        }
        for r in &site.fuel_switches {
            if let Some(v) = r.capex_jpy {
                let what = format!(
                    "{} {} → {} {}",
                    tr(lang, "fuel switch"),
                    r.from,
                    r.to,
                    tr(lang, "capex")
                );
                own.push((what, "JPY", years(v, r.lifetime_years)));
            }
        }
        for m in site.measures.iter().filter(|m| m.capex_jpy.is_some()) {
            own.push((
                format!("{} {}", m.name, tr(lang, "capex")),
                "JPY",
                capex(m.capex_jpy),
            ));
        }
        if own.is_empty() {
            continue;
        }
        // (the site's own citation when its prices have none of their own)
        let c = match &site.price_assumption {
            Some(a) => cite(n.clone(), "", Some(a)),
            None => cite(n.clone(), &site.source, site.assumption.as_deref()),
        };
        for (what, unit, value) in own {
            rows.push((format!("{n} — {what}"), unit, value, c.clone()));
        }
    }
    let mut o = format!(
        r#"<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th><th></th></tr>"#,
        tr(lang, "Prices and costs"),
        tr(lang, "Item"),
        tr(lang, "Unit"),
        tr(lang, "Keyframes (linear in between, held after the last)")
    );
    for (item, unit, value, c) in rows {
        o.push_str(&format!(
            r#"<tr><td>{}</td><td class="t">{}</td><td class="kf">{}</td><td>{c}</td></tr>"#,
            esc(&item),
            esc(unit),
            esc(&value)
        ));
    }
    o.push_str("</table>");
    o
}
