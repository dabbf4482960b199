//! Text and CSV of the cost analysis (ANALYSES.md §1.10): the group table, the yearly series
//! and what was left out. Shared by `decarb cost`, the report and the workbook.

use crate::engine::LeverGroup;
use crate::engine::cost::{COMPONENTS, ItemKind};
use crate::engine::cost_analysis::{CostAnalysis, GroupCost, PerTonne};
use crate::export::tables::{Cell, Table};
use crate::i18n::Lang;
use crate::model::Scenario;
use crate::units::{Money, Units, group};

/// "12,345 円/t", or why there is no figure.
pub fn per_tonne(p: PerTonne) -> String {
    match p {
        PerTonne::Value(v) => format!("{} 円/t", group(v, 0)),
        PerTonne::NoAbatement => "n/a — no net abatement".into(),
        PerTonne::RaisesEmissions => "n/a — raises emissions".into(),
    }
}

/// [`per_tonne`] in the window's or report's language.
pub fn per_tonne_in(lang: Lang, p: PerTonne) -> String {
    match p {
        PerTonne::Value(_) => per_tonne(p),
        PerTonne::NoAbatement => crate::i18n::tr(lang, "n/a — no net abatement").into(),
        PerTonne::RaisesEmissions => crate::i18n::tr(lang, "n/a — raises emissions").into(),
    }
}

/// [`shown`] in the window's or report's language.
pub fn shown_in(lang: Lang, r: &GroupCost, p: PerTonne) -> String {
    if r.incomplete.is_empty() {
        per_tonne_in(lang, p)
    } else {
        crate::i18n::tr(lang, "n/a — prices missing").into()
    }
}

/// A group's cost per tonne as shown: "n/a — prices missing" when the group depends on a
/// price the file does not give (its figure would count only part of its cost), never a
/// number that reads as the whole cost.
pub fn shown(r: &GroupCost, p: PerTonne) -> String {
    if r.incomplete.is_empty() {
        per_tonne(p)
    } else {
        "n/a — prices missing".into()
    }
}

fn shown_num(r: &GroupCost, p: PerTonne) -> Cell {
    if r.incomplete.is_empty() {
        per_tonne_num(p)
    } else {
        Cell::Text("n/a (prices missing)".into())
    }
}

/// Capex intensity as shown: a figure, or "n/a" (no capex, or no abatement gained since the
/// window began).
pub fn intensity(r: &GroupCost) -> String {
    intensity_in(Lang::En, r)
}

/// [`intensity`] in the language ("n/a" is 該当なし in Japanese).
pub fn intensity_in(lang: Lang, r: &GroupCost) -> String {
    match r.capex_intensity {
        PerTonne::Value(v) if r.capex_cash_jpy > 0.0 => group(v, 0),
        _ => crate::i18n::tr(lang, "n/a").into(),
    }
}

fn intensity_num(r: &GroupCost) -> Cell {
    match r.capex_intensity {
        PerTonne::Value(v) if r.capex_cash_jpy > 0.0 => num(v),
        _ => Cell::Text("n/a".into()),
    }
}

/// A figure over the priced part only, said so when some price is missing.
fn partly(lang: Lang, v: String, incomplete: bool) -> String {
    if incomplete && !v.starts_with("n/a") {
        format!("{v} ({})", crate::i18n::tr(lang, "priced part only"))
    } else {
        v
    }
}

/// The plan's capex cash, with the number of capex not given (never counted as 0).
pub fn capex_in(lang: Lang, a: &CostAnalysis, money: Money) -> String {
    let n = a
        .missing()
        .filter(|u| !u.groups.is_empty() && u.item.field.contains("capex"))
        .count();
    let v = money.fmt(a.capex_cash_jpy);
    if n == 0 {
        v
    } else {
        format!(
            "{v} ({n} {})",
            crate::i18n::tr(lang, "capex not given, not counted")
        )
    }
}

/// The line under the plan's NPV when some lever group misses a price.
pub fn incomplete_note(a: &CostAnalysis, lang: Lang) -> Option<String> {
    let n = a.missing().filter(|u| !u.groups.is_empty()).count();
    (n > 0).then(|| match lang {
        Lang::En => format!(
            "incomplete: {n} price(s) the plan's cost depends on are not in the file (listed below); the totals count only what is priced"
        ),
        Lang::Ja => format!(
            "不完全：計画のコストが依存する{n}件の価格がファイルにありません（下記一覧）。合計は価格のある部分のみです"
        ),
    })
}

fn name(g: LeverGroup) -> &'static str {
    crate::report::group_name(Lang::En, g.key())
}

/// The readable cost analysis: KPIs, the group table, what was left out.
pub fn cost_text(s: &Scenario, a: &CostAnalysis, money: Money, units: Units, year: Option<i32>) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "Cost of the plan against BAU, real JPY{} — window FY{}–FY{}, discount rate {} % real, tonnes {}\n",
        s.cost.price_year.map_or(String::new(), |y| format!(" of FY{y}")),
        a.from_year,
        a.last_year,
        group(a.rate * 100.0, 2),
        match a.tonnes {
            crate::model::Tonnes::Discounted => "discounted",
            crate::model::Tonnes::Undiscounted => "undiscounted",
        }
    ));
    o.push_str(&format!(
        "Abatement metric: {}\n\n",
        crate::explain::metric_label(&a.metric, Lang::En)
    ));
    o.push_str(&format!(
        "NPV of the plan:           {}\n",
        money.fmt(a.npv_plan_jpy)
    ));
    if let Some(n) = incomplete_note(a, Lang::En) {
        o.push_str(&format!("  ({n})\n"));
    }
    o.push_str(&format!(
        "Average cost per tonne:    {}\n",
        partly(
            Lang::En,
            per_tonne(a.lcoa_plan),
            incomplete_note(a, Lang::En).is_some()
        )
    ));
    o.push_str(&format!(
        "Capex of the plan (cash):  {}\n",
        capex_in(Lang::En, a, money)
    ));
    match &a.exposure {
        Some(x) => {
            o.push_str(&format!(
                "NPV of carbon-price exposure: plan {}, BAU {} ({})\n",
                money.fmt(x.npv_plan_jpy),
                money.fmt(x.npv_bau_jpy),
                crate::explain::metric_label(&x.metric, Lang::En)
            ));
            for t in a.at_targets.iter().filter(|t| t.level_t > 0.0) {
                o.push_str(&format!(
                    "Exposure in FY{} at {} {}: at the target level {} ({}), the plan's own {}\n",
                    t.year,
                    group(t.price_jpy_per_t, 0),
                    "円/t",
                    money.fmt(t.exposure_jpy),
                    units.fmt(t.level_t),
                    money.fmt(t.plan_jpy)
                ));
            }
        }
        None => o.push_str("Carbon-price exposure: n/a — no carbon price in the file\n"),
    }
    o.push_str(&format!(
        "\nBy lever group (MACC year FY{}):\n{:<24}{:>16}{:>24}{:>24}{:>24}{:>16} {:>29}  {}\n",
        a.macc_year,
        "Group",
        format!("NPV ({})", money.label()),
        "Cost per disc. tonne",
        "NPV per cum. tonne",
        "Break-even price",
        format!("Abated ({})", units.label()),
        "Capex intensity (円 per t/yr)",
        "Notes"
    ));
    for r in &a.rows {
        let mut notes = Vec::new();
        if !r.incomplete.is_empty() {
            notes.push(format!("incomplete ({} price(s) missing)", r.incomplete.len()));
        }
        if !r.assumed.is_empty() {
            notes.push(format!("{} assumed price(s)", r.assumed.len()));
        }
        o.push_str(&format!(
            "{:<24}{:>16}{:>24}{:>24}{:>24}{:>16} {:>29}  {}\n",
            name(r.group),
            group(money.of(r.npv_jpy), money.decimals()),
            shown(r, r.lcoa),
            shown(r, r.per_cumulative_t),
            shown(r, r.break_even),
            group(units.of(r.abatement_macc_year_t), units.decimals()),
            intensity(r),
            notes.join("; ")
        ));
    }
    if a.rows.is_empty() {
        o.push_str("  (no lever moves from its base-year value: the plan is BAU)\n");
    }
    let missing: Vec<_> = a.missing().collect();
    if !missing.is_empty() {
        o.push_str("\nNot counted (no price in the file; never taken as 0):\n");
        for u in missing {
            let groups: Vec<&str> = u.groups.iter().map(|g| name(*g)).collect();
            o.push_str(&format!(
                "  {} ({}){}\n",
                u.item.what,
                u.item.field,
                if groups.is_empty() {
                    String::new()
                } else {
                    format!(": makes {} incomplete", groups.join(", "))
                }
            ));
        }
    }
    let assumed: Vec<_> = a
        .items
        .iter()
        .filter(|u| u.used && u.item.kind == ItemKind::Assumed)
        .collect();
    if !assumed.is_empty() {
        o.push_str("\nAssumed prices (marked price_assumption in the file):\n");
        for u in assumed {
            o.push_str(&format!("  {} ({})\n", u.item.what, u.item.field));
        }
    }
    o.push_str(&format!("\nPlan cost by year ({}):\n", money.label()));
    o.push_str(&format!("{:>6}{:>16}", "FY", "Plan"));
    for r in &a.rows {
        o.push_str(&format!("{:>24}", name(r.group)));
    }
    o.push_str(&format!("{:>18}\n", "Exposure"));
    for i in a.window() {
        let y = a.base_year + i as i32;
        if year.is_some_and(|only| only != y) {
            continue;
        }
        o.push_str(&format!(
            "{:>6}{:>16}",
            y,
            group(money.of(a.plan(i)), money.decimals())
        ));
        for r in &a.rows {
            o.push_str(&format!(
                "{:>24}",
                group(
                    money.of(a.by_group[i][r.group as usize].total()),
                    money.decimals()
                )
            ));
        }
        let x = a
            .exposure
            .as_ref()
            .map_or("n/a".into(), |x| group(money.of(x.plan_jpy[i]), money.decimals()));
        o.push_str(&format!("{x:>18}\n"));
    }
    o
}

fn num(x: f64) -> Cell {
    if x.is_finite() { Cell::Num(x) } else { Cell::Empty }
}

fn per_tonne_num(p: PerTonne) -> Cell {
    match p {
        PerTonne::Value(v) => num(v),
        PerTonne::NoAbatement => Cell::Text("n/a (no net abatement)".into()),
        PerTonne::RaisesEmissions => Cell::Text("n/a (raises emissions)".into()),
    }
}

/// The MACC sheet: one row per active lever group, then the (group, site) bars.
pub fn macc_table(a: &CostAnalysis, site_names: &[String]) -> Table {
    let mut header: Vec<String> = [
        "lever group",
        "site",
        "NPV [JPY]",
        "cost per discounted tonne (LCOA) [JPY/t-CO2]",
        "NPV per cumulative tonne [JPY/t-CO2]",
        "bar height [JPY/t-CO2]",
        "break-even carbon price [JPY/t-CO2]",
        "with the carbon price [JPY/t-CO2]",
    ]
    .map(String::from)
    .into_iter()
    .chain([
        format!("abatement in FY{} [t-CO2/yr]", a.macc_year),
        format!("abatement to FY{} [t-CO2]", a.macc_year),
        "capex cash [JPY]".into(),
        "capex intensity [JPY per t-CO2/yr]".into(),
        "incomplete: prices missing".into(),
        "assumed prices".into(),
    ])
    .collect();
    header.extend(COMPONENTS.iter().map(|c| format!("NPV {c} [JPY]")));
    let fields = |list: &[usize]| {
        list.iter()
            .map(|&k| a.items[k].item.field.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut rows: Vec<Vec<Cell>> = a
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::Text(name(r.group).into()),
                Cell::Text("all".into()),
                num(r.npv_jpy),
                shown_num(r, r.lcoa),
                shown_num(r, r.per_cumulative_t),
                shown_num(r, r.height),
                shown_num(r, r.break_even),
                r.net_of_carbon.map_or(Cell::Empty, |p| shown_num(r, p)),
                num(r.abatement_macc_year_t),
                num(r.abatement_to_macc_year_t),
                num(r.capex_cash_jpy),
                intensity_num(r),
                Cell::Text(fields(&r.incomplete)),
                Cell::Text(fields(&r.assumed)),
            ];
            row.extend(r.npv_by_component.iter().map(|&v| num(v)));
            row
        })
        .collect();
    for b in &a.site_bars {
        let site = b
            .site
            .and_then(|i| site_names.get(i).cloned())
            .unwrap_or_else(|| "organisation".into());
        // A site's bar of a group that misses a price is no cost per tonne either (§1.9).
        let missing = a
            .rows
            .iter()
            .find(|r| r.group == b.group)
            .map(|r| fields(&r.incomplete))
            .unwrap_or_default();
        rows.push(vec![
            Cell::Text(name(b.group).into()),
            Cell::Text(site),
            num(b.npv_jpy),
            Cell::Empty,
            Cell::Empty,
            if missing.is_empty() {
                per_tonne_num(b.height)
            } else {
                Cell::Text("n/a — prices missing".into())
            },
            Cell::Empty,
            Cell::Empty,
            num(b.abatement_macc_year_t),
            num(b.abatement_to_macc_year_t),
            Cell::Empty,
            Cell::Empty,
            Cell::Text(missing),
        ]);
        // every row as wide as the header (a spreadsheet or CSV reader expects a rectangle)
        if let Some(r) = rows.last_mut() {
            r.resize(header.len(), Cell::Empty);
        }
    }
    Table {
        name: "MACC",
        header,
        rows,
    }
}

/// The Cost sheet: per fiscal year, the plan cost, each group's share, each component and
/// the carbon-price exposure.
pub fn cost_table(a: &CostAnalysis) -> Table {
    let mut header: Vec<String> = [
        "fiscal year",
        "discount factor",
        "plan cost [JPY]",
        "scenario cost [JPY]",
        "BAU cost [JPY]",
    ]
    .map(String::from)
    .into();
    header.extend(a.rows.iter().map(|r| format!("{} [JPY]", name(r.group))));
    header.extend(COMPONENTS.iter().map(|c| format!("plan {c} [JPY]")));
    header.extend(
        [
            "carbon price [JPY/t-CO2]",
            "exposure of the scenario [JPY]",
            "exposure of BAU [JPY]",
        ]
        .map(String::from),
    );
    let rows = (0..a.scenario.len())
        .map(|i| {
            let mut row = vec![
                Cell::Num(f64::from(a.base_year + i as i32)),
                num(a.discount[i]),
                num(a.plan(i)),
                num(a.scenario[i].total()),
                num(a.bau[i].total()),
            ];
            row.extend(
                a.rows
                    .iter()
                    .map(|r| num(a.by_group[i][r.group as usize].total())),
            );
            row.extend(a.plan_by_component(i).map(num));
            match &a.exposure {
                Some(x) => row.extend([num(x.price[i]), num(x.plan_jpy[i]), num(x.bau_jpy[i])]),
                None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
            }
            row
        })
        .collect();
    Table {
        name: "Cost",
        header,
        rows,
    }
}

/// The KPIs of the cost analysis as (label, value), as the window's KPI row and the report
/// show them; `detailed` adds the target's label and the carbon price to each exposure line.
pub fn kpis(
    a: &CostAnalysis,
    lang: Lang,
    money: Money,
    units: Units,
    detailed: bool,
) -> Vec<(String, String)> {
    use crate::i18n::tr;
    let mut out = vec![(tr(lang, "NPV of the plan").to_string(), money.fmt(a.npv_plan_jpy))];
    if let Some(n) = incomplete_note(a, lang) {
        out.push((tr(lang, "Notes").into(), n));
    }
    out.push((
        tr(lang, "Average cost per tonne").into(),
        partly(
            lang,
            per_tonne_in(lang, a.lcoa_plan),
            incomplete_note(a, lang).is_some(),
        ),
    ));
    out.push((tr(lang, "Capex of the plan").into(), capex_in(lang, a, money)));
    match &a.exposure {
        Some(x) => {
            out.push((
                tr(lang, "NPV of carbon-price exposure (plan / BAU)").into(),
                format!("{} / {}", money.fmt(x.npv_plan_jpy), money.fmt(x.npv_bau_jpy)),
            ));
            // A net-zero level prices nothing: only targets above zero are shown.
            for t in a.at_targets.iter().filter(|t| t.level_t > 0.0) {
                let (label, price) = if detailed {
                    (
                        format!("{} FY{} ({})", tr(lang, "Exposure"), t.year, t.label),
                        format!(" × {} 円/t", group(t.price_jpy_per_t, 0)),
                    )
                } else {
                    (format!("{} FY{}", tr(lang, "Exposure"), t.year), String::new())
                };
                out.push((
                    label,
                    format!(
                        "{} {} ({}{price}); {} {}",
                        tr(lang, "at the target level"),
                        money.fmt(t.exposure_jpy),
                        units.fmt(t.level_t),
                        tr(lang, "the plan's own"),
                        money.fmt(t.plan_jpy)
                    ),
                ));
            }
        }
        None => out.push((
            tr(lang, "Carbon-price exposure").into(),
            tr(lang, "n/a — no carbon price").into(),
        )),
    }
    out
}

/// The report's "Cost" section: the KPIs, the group table and what was not counted (HTML,
/// every text escaped).
pub fn cost_html(a: &CostAnalysis, lang: Lang, money: Money, units: Units) -> String {
    use crate::export::svg::esc;
    use crate::i18n::tr;
    let mut o = String::new();
    o.push_str(&format!(
        r#"<h2>{}</h2><p class="note">{} {}–{}{sep}{} {} %{semi}{}: {}{stop}</p><ul>"#,
        tr(lang, "Cost of the plan"),
        tr(lang, "Real JPY against BAU over"),
        crate::i18n::fy(lang, a.from_year),
        crate::i18n::fy(lang, a.last_year),
        tr(lang, "discount rate"),
        group(a.rate * 100.0, 2),
        tr(lang, "abatement metric"),
        esc(&crate::explain::metric_label(&a.metric, lang)),
        // Japanese punctuation in a Japanese sentence
        sep = if lang == Lang::Ja { "、" } else { ", " },
        semi = if lang == Lang::Ja { "、" } else { "; " },
        stop = if lang == Lang::Ja { "。" } else { "." },
    ));
    for (name, value) in kpis(a, lang, money, units, true) {
        o.push_str(&format!("<li>{}: <b>{}</b></li>", esc(&name), esc(&value)));
    }
    o.push_str("</ul>");
    o.push_str(&format!(
        r#"<table><tr><th>{}</th><th class="n">NPV [{}]</th><th class="n">{}</th><th class="n">{}</th><th class="n">{}</th><th class="n">{} FY{} [{}]</th><th class="n">{}</th><th>{}</th></tr>"#,
        tr(lang, "Lever group"),
        money.label(),
        tr(lang, "Cost per discounted tonne"),
        tr(lang, "NPV per cumulative tonne"),
        tr(lang, "Break-even carbon price"),
        tr(lang, "Abatement"),
        a.macc_year,
        units.label(),
        tr(lang, "Capex intensity [円 per t/yr]"),
        tr(lang, "Notes")
    ));
    for r in &a.rows {
        let mut notes = Vec::new();
        if !r.incomplete.is_empty() {
            notes.push(format!("{} ({})", tr(lang, "incomplete"), r.incomplete.len()));
        }
        if !r.assumed.is_empty() {
            notes.push(format!("{} ({})", tr(lang, "assumed prices"), r.assumed.len()));
        }
        o.push_str(&format!(
            r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            esc(crate::report::group_name(lang, r.group.key())),
            group(money.of(r.npv_jpy), money.decimals()),
            esc(&shown_in(lang, r, r.lcoa)),
            esc(&shown_in(lang, r, r.per_cumulative_t)),
            esc(&shown_in(lang, r, r.break_even)),
            group(units.of(r.abatement_macc_year_t), units.decimals()),
            intensity_in(lang, r),
            esc(&notes.join("; "))
        ));
    }
    o.push_str("</table>");
    let missing: Vec<_> = a.missing().collect();
    if !missing.is_empty() {
        o.push_str(&format!(
            r#"<p class="note">{}</p><ul class="note">"#,
            tr(lang, "Not counted (no price in the file; never taken as 0):")
        ));
        for u in missing {
            o.push_str(&format!(
                "<li>{} (<code>{}</code>)</li>",
                esc(&item_what(lang, &u.item.what)),
                esc(&u.item.field)
            ));
        }
        o.push_str("</ul>");
    }
    o.push_str(&format!(
        r#"<p class="note">{}</p>"#,
        tr(
            lang,
            "Each group's figures are its Shapley share, order-free, not the cost of adding it last; a cheap bar is not a reason to do it first, and a negative cost usually hides barriers the model does not price."
        )
    ));
    o
}

/// A priced item's description (as the engine writes it, in English) in the language: the
/// engine's phrases with their quoted ids kept as they are.
pub fn item_what(lang: Lang, what: &str) -> String {
    if lang == Lang::En {
        return what.to_string();
    }
    // `prefix "a"` or `prefix "a" middle "b"`, with an optional tail.
    let quoted: Vec<&str> = what.split('"').collect();
    let id = |k: usize| quoted.get(k).copied().unwrap_or("");
    let head = quoted.first().copied().unwrap_or("").trim();
    let tail = if quoted.len() % 2 == 1 {
        quoted.last().copied().unwrap_or("").trim()
    } else {
        ""
    };
    let middle = quoted.get(2).map_or("", |m| m.trim());
    match head {
        "grid power price of region" => format!("地域「{}」の系統電力価格", id(1)),
        "CO2-free premium of region" if tail.contains("without") => {
            format!(
                "地域「{}」のCO2フリー電力プレミアム（独自の値がない拠点に適用）",
                id(1)
            )
        }
        "price of fuel" => format!("燃料「{}」の価格", id(1)),
        "CO2-free premium at site" => format!("拠点「{}」のCO2フリー電力プレミアム", id(1)),
        "process-change capex at site" => format!("拠点「{}」のプロセス転換の設備投資額", id(1)),
        "capex of fuel switch" if middle == "at site" => {
            format!("拠点「{}」の燃料転換「{}」の設備投資額", id(3), id(1))
        }
        "fuel-efficiency capex at site" => format!("拠点「{}」の燃料原単位改善の設備投資額", id(1)),
        "electricity-efficiency capex at site" => format!("拠点「{}」の電力原単位改善の設備投資額", id(1)),
        "capex of measure" if middle == "at site" => {
            format!("拠点「{}」の施策「{}」の設備投資額", id(3), id(1))
        }
        "price of PPA" => format!("PPA「{}」の価格", id(1)),
        "capex of PPA" => format!("PPA「{}」の設備投資額", id(1)),
        "recycled price difference of material" => format!("原材料「{}」のリサイクル材価格差", id(1)),
        "low-carbon price difference of material" => format!("原材料「{}」の低炭素一次材価格差", id(1)),
        "price of credits" => "クレジット価格".to_string(),
        _ => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_the_engine_describes_reads_in_japanese() {
        // Every description of the shipped files and of a file with every kind of item.
        let s = crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap();
        let a = crate::engine::cost_analysis::analyse(&s).unwrap();
        let mut whats: Vec<String> = a.items.iter().map(|u| u.item.what.clone()).collect();
        for w in [
            "CO2-free premium at site \"a\"",
            "process-change capex at site \"a\"",
            "electricity-efficiency capex at site \"a\"",
            "capex of measure \"LED\" at site \"a\"",
            "capex of PPA \"pv\"",
            "recycled price difference of material \"cu\"",
            "low-carbon price difference of material \"cu\"",
            "price of credits",
        ] {
            whats.push(w.into());
        }
        for w in &whats {
            let ja = item_what(Lang::Ja, w);
            assert_ne!(&ja, w, "{w}");
            assert!(!ja.contains(" of "), "{w} → {ja}");
        }
        assert_eq!(
            item_what(Lang::Ja, "capex of fuel switch \"diesel→hvo\" at site \"kasuga\""),
            "拠点「kasuga」の燃料転換「diesel→hvo」の設備投資額"
        );
        assert_eq!(item_what(Lang::En, "price of credits"), "price of credits");
    }
}
