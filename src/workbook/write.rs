//! A scenario as the sheets of the inventory workbook, and the empty template.

use super::spec::{self, Key, SHEETS};
use super::{Book, Sheet, Value, path_cell};
use crate::model::*;

fn t(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}
fn ot(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Empty, t)
}
fn n(x: f64) -> Value {
    Value::Num(x)
}
fn on(x: Option<f64>) -> Value {
    x.map_or(Value::Empty, Value::Num)
}
/// 0 is "not given" for these base-year figures and shares (their default).
fn nz(x: f64) -> Value {
    if x == 0.0 { Value::Empty } else { Value::Num(x) }
}
fn yes_no(b: bool) -> Value {
    t(if b { "yes" } else { "no" })
}

pub fn scopes_text(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| match s {
            Scope::Scope1 => "Scope1",
            Scope::Scope2 => "Scope2",
            Scope::Scope3 => "Scope3",
        })
        .collect::<Vec<_>>()
        .join("+")
}

fn header_row(cols: &[spec::Col]) -> Vec<Value> {
    cols.iter().map(|c| Value::Text(c.header())).collect()
}

fn sheet(name: &str, rows: Vec<Vec<Value>>) -> Sheet {
    let cols = spec::sheet_spec(name).map_or(&[][..], |s| s.cols);
    let mut all = vec![header_row(cols)];
    all.extend(rows);
    Sheet {
        name: name.to_string(),
        rows: all,
        first_row: 0,
        first_col: 0,
        numbers: Default::default(),
    }
}

fn key_row(key: &Key, value: Value) -> Vec<Value> {
    vec![t(key.name), value, t(key.unit)]
}
fn price_row(item: &str, id: &str, key: &Key, value: Value) -> Option<Vec<Value>> {
    (!value.is_empty()).then(|| vec![t(item), t(id), t(key.name), value, t(key.unit)])
}
fn key(keys: &'static [Key], name: &str) -> &'static Key {
    keys.iter().find(|k| k.name == name).expect("a key of the spec")
}

/// The scenario's inputs as the workbook's data sheets (in [`SHEETS`] order). Uncertainty and
/// goal-seek settings are not part of the workbook.
pub fn sheets(s: &Scenario) -> Book {
    let b = s.base_year;
    let p = |x: &Path| path_cell(x, b);
    let ck = |name| key(spec::COMPANY_KEYS, name);
    let company = vec![
        key_row(ck("name"), t(&s.meta.name)),
        key_row(ck("description"), t(&s.meta.description)),
        key_row(ck("author"), t(&s.meta.author)),
        key_row(ck("organisation"), t(&s.meta.organisation)),
        key_row(ck("currency"), t(&s.meta.currency)),
        key_row(ck("base year"), n(f64::from(s.base_year))),
        key_row(ck("last year"), n(f64::from(s.last_year))),
        key_row(ck("primary energy per MWh"), n(s.primary_gj_per_mwh)),
        key_row(ck("notes"), t(&s.notes)),
        key_row(ck("revenue"), p(&s.revenue_jpy)),
        key_row(ck("revenue source"), t(&s.revenue_source)),
        key_row(ck("credits"), p(&s.credits.t_co2_per_yr)),
        key_row(ck("credits source"), t(&s.credits.source)),
    ];
    let mut sites = Vec::new();
    let mut fuel_use = Vec::new();
    let mut own = Vec::new();
    let mut switches = Vec::new();
    let mut measures = Vec::new();
    for x in &s.sites {
        sites.push(vec![
            t(&x.id),
            t(&x.name),
            t(&x.region),
            nz(x.production_t),
            nz(x.electricity_mwh),
            nz(x.process_t_co2),
            p(&x.activity),
            p(&x.ownership),
            p(&x.co2_free_share),
            p(&x.efficiency_electricity_pct),
            p(&x.efficiency_fuel_pct),
            p(&x.process_change_share),
            t(&x.source),
            ot(&x.assumption),
        ]);
        for f in &x.fuels {
            fuel_use.push(vec![t(&x.id), t(&f.fuel), on(f.gj), on(f.quantity)]);
        }
        for g in &x.own_generation {
            own.push(vec![
                t(&x.id),
                t(&g.name),
                t(&format!("{:?}", g.kind)),
                p(&g.output_mwh),
                t(&g.source),
                ot(&g.assumption),
            ]);
        }
        for r in &x.fuel_switches {
            switches.push(vec![
                t(&x.id),
                ot(&r.id),
                t(&r.from),
                t(&r.to),
                p(&r.share),
                n(r.ratio),
                on(r.capex_jpy),
                n(f64::from(r.lifetime_years)),
                t(&r.source),
                ot(&r.assumption),
            ]);
        }
        for m in &x.measures {
            let (ep, ea) = saving(m.electricity_saving);
            let (fp, fa) = saving(m.fuel_saving);
            measures.push(vec![
                t(&x.id),
                t(&m.name),
                n(f64::from(m.year)),
                ep,
                ea,
                fp,
                fa,
                on(m.capex_jpy),
                on(m.lifetime_years.map(f64::from)),
                t(&m.source),
            ]);
        }
    }
    let regions = s
        .regions
        .iter()
        .map(|r| {
            vec![
                t(&r.id),
                t(&r.name),
                p(&r.ef_kg_per_kwh),
                p(&r.ef_location_kg_per_kwh),
                t(&r.source),
                ot(&r.assumption),
            ]
        })
        .collect();
    let fuels = s
        .fuels
        .iter()
        .map(|f| {
            vec![
                t(&f.id),
                t(&f.name),
                n(f.ef_t_per_gj),
                ot(&f.unit),
                on(f.gj_per_unit),
                t(&f.source),
                ot(&f.assumption),
            ]
        })
        .collect();
    let materials = s
        .materials
        .iter()
        .map(|m| {
            vec![
                t(&m.id),
                t(&m.name),
                ot(&m.site),
                n(m.quantity_t),
                n(m.ef_primary_t_per_t),
                n(m.ef_recycled_t_per_t),
                n(m.ef_low_carbon_t_per_t),
                p(&m.recycled_share),
                p(&m.low_carbon_share),
                nz(m.fuel_saving_share),
                nz(m.recycled_feed_t_co2_per_t),
                t(&m.source),
                ot(&m.assumption),
            ]
        })
        .collect();
    let ppas = s
        .ppas
        .iter()
        .map(|x| {
            vec![
                t(&x.id),
                t(&x.name),
                t(&format!("{:?}", x.kind)),
                p(&x.capacity_mw),
                n(x.yield_mwh_per_mw),
                t(&x.allocation
                    .iter()
                    .map(|(site, share)| format!("{site} {share}"))
                    .collect::<Vec<_>>()
                    .join("; ")),
                t(&x.source),
                ot(&x.assumption),
            ]
        })
        .collect();
    let mut history = Vec::new();
    let mut history_fuels = Vec::new();
    for h in &s.history {
        history.push(vec![
            n(f64::from(h.year)),
            t(&format!("{:?}", h.kind)),
            on(h.scope1_t),
            on(h.scope2_t),
            on(h.scope2_location_t),
            on(h.scope12_t),
            on(h.scope3_t),
            on(h.production_t),
            on(h.primary_energy_gj),
            on(h.fuel_gj),
            on(h.electricity_mwh),
            on(h.revenue_jpy),
            t(&h.source),
            ot(&h.assumption),
        ]);
        for f in &h.fuel_use {
            history_fuels.push(vec![n(f64::from(h.year)), t(&f.fuel), t(&f.area), n(f.quantity)]);
        }
    }
    let targets = s
        .targets
        .iter()
        .map(|x| {
            let (kind, red, refy, per, level) = match x.kind {
                TargetKind::Absolute {
                    reduction_pct,
                    reference_year,
                } => (
                    "Absolute",
                    n(reduction_pct),
                    n(f64::from(reference_year)),
                    Value::Empty,
                    Value::Empty,
                ),
                TargetKind::Intensity {
                    reduction_pct,
                    reference_year,
                    per,
                } => (
                    "Intensity",
                    n(reduction_pct),
                    n(f64::from(reference_year)),
                    t(&format!("{per:?}")),
                    Value::Empty,
                ),
                TargetKind::Level { t_co2 } => ("Level", Value::Empty, Value::Empty, Value::Empty, n(t_co2)),
            };
            vec![
                t(&x.label),
                n(f64::from(x.year)),
                t(&scopes_text(&x.scopes)),
                t(&format!("{:?}", x.scope2_method)),
                yes_no(x.credits_count),
                t(kind),
                red,
                refy,
                per,
                level,
                t(&x.source),
            ]
        })
        .collect();
    Book {
        sheets: vec![
            sheet_kv(spec::COMPANY, company),
            sheet(spec::SITES, sites),
            sheet(spec::FUEL_USE, fuel_use),
            sheet(spec::OWN_GENERATION, own),
            sheet(spec::FUEL_SWITCHES, switches),
            sheet(spec::MEASURES, measures),
            sheet(spec::REGIONS, regions),
            sheet(spec::FUELS, fuels),
            sheet(spec::MATERIALS, materials),
            sheet(spec::PPAS, ppas),
            sheet(spec::HISTORY, history),
            sheet(spec::HISTORY_FUELS, history_fuels),
            sheet(spec::TARGETS, targets),
            sheet(spec::PRICES, prices(s)),
        ],
        skipped: Vec::new(),
    }
}

fn sheet_kv(name: &str, rows: Vec<Vec<Value>>) -> Sheet {
    sheet(name, rows)
}

fn saving(s: Option<Saving>) -> (Value, Value) {
    match s {
        None => (Value::Empty, Value::Empty),
        Some(Saving::Percent(x)) => (n(x), Value::Empty),
        Some(Saving::Absolute(x)) => (Value::Empty, n(x)),
    }
}

/// The Prices and capex rows: every price, capex and cost setting that is given.
fn prices(s: &Scenario) -> Vec<Vec<Value>> {
    let b = s.base_year;
    let p = |x: &Path| path_cell(x, b);
    let mut rows = Vec::new();
    let mut add = |item: &str, id: &str, keys: &'static [Key], name: &str, v: Value| {
        rows.extend(price_row(item, id, key(keys, name), v));
    };
    let c = &s.cost;
    let cp = spec::COMPANY_PRICES;
    add("Company", "", cp, "discount rate", n(s.discount_rate_pct));
    add("Company", "", cp, "carbon price", p(&s.carbon_price_jpy_per_t));
    add("Company", "", cp, "credit price", p(&s.credits.price_jpy_per_t));
    add(
        "Company",
        "",
        cp,
        "credits price assumption",
        ot(&s.credits.price_assumption),
    );
    add("Company", "", cp, "price year", on(c.price_year.map(f64::from)));
    add(
        "Company",
        "",
        cp,
        "cost from year",
        on(c.from_year.map(f64::from)),
    );
    add("Company", "", cp, "MACC year", on(c.macc_year.map(f64::from)));
    add(
        "Company",
        "",
        cp,
        "default lifetime",
        n(f64::from(c.default_lifetime_years)),
    );
    add("Company", "", cp, "tonnes", t(&format!("{:?}", c.tonnes)));
    let m = &c.carbon_price_metric;
    add(
        "Company",
        "",
        cp,
        "carbon price scopes",
        t(&scopes_text(&m.scopes)),
    );
    add(
        "Company",
        "",
        cp,
        "carbon price scope 2 method",
        t(&format!("{:?}", m.scope2_method)),
    );
    add(
        "Company",
        "",
        cp,
        "carbon price credits offset",
        yes_no(m.credits_offset),
    );
    add("Company", "", cp, "cost source", t(&c.source));
    add("Company", "", cp, "cost assumption", ot(&c.assumption));
    for r in &s.regions {
        let k = spec::REGION_PRICES;
        add("Region", &r.id, k, "power price", p(&r.power_price_jpy_per_mwh));
        add(
            "Region",
            &r.id,
            k,
            "CO2-free premium",
            p(&r.co2_free_premium_jpy_per_mwh),
        );
        add("Region", &r.id, k, "price assumption", ot(&r.price_assumption));
    }
    for f in &s.fuels {
        let k = spec::FUEL_PRICES;
        add("Fuel", &f.id, k, "price", p(&f.price_jpy_per_gj));
        add("Fuel", &f.id, k, "price assumption", ot(&f.price_assumption));
    }
    for x in &s.sites {
        let k = spec::SITE_PRICES;
        add(
            "Site",
            &x.id,
            k,
            "CO2-free premium",
            p(&x.co2_free_premium_jpy_per_mwh),
        );
        add(
            "Site",
            &x.id,
            k,
            "efficiency capex per MWh/yr",
            on(x.efficiency_capex_jpy_per_mwh_yr),
        );
        add(
            "Site",
            &x.id,
            k,
            "efficiency capex per GJ/yr",
            on(x.efficiency_capex_jpy_per_gj_yr),
        );
        add(
            "Site",
            &x.id,
            k,
            "efficiency lifetime",
            n(f64::from(x.efficiency_lifetime_years)),
        );
        add(
            "Site",
            &x.id,
            k,
            "process change capex",
            on(x.process_change_capex_jpy),
        );
        add(
            "Site",
            &x.id,
            k,
            "process change lifetime",
            n(f64::from(x.process_change_lifetime_years)),
        );
        add(
            "Site",
            &x.id,
            k,
            "process change opex",
            p(&x.process_change_opex_jpy_per_yr),
        );
        add("Site", &x.id, k, "price assumption", ot(&x.price_assumption));
    }
    for m in &s.materials {
        let k = spec::MATERIAL_PRICES;
        add(
            "Material",
            &m.id,
            k,
            "recycled price difference",
            p(&m.recycled_price_diff_jpy_per_t),
        );
        add(
            "Material",
            &m.id,
            k,
            "low-carbon price difference",
            p(&m.low_carbon_price_diff_jpy_per_t),
        );
        add("Material", &m.id, k, "price assumption", ot(&m.price_assumption));
    }
    for x in &s.ppas {
        let k = spec::PPA_PRICES;
        add("PPA", &x.id, k, "price", p(&x.price_jpy_per_mwh));
        add("PPA", &x.id, k, "capex per MW", on(x.capex_jpy_per_mw));
        add("PPA", &x.id, k, "lifetime", n(f64::from(x.lifetime_years)));
        add("PPA", &x.id, k, "O&M", p(&x.opex_jpy_per_mw_yr));
        add("PPA", &x.id, k, "price assumption", ot(&x.price_assumption));
    }
    rows
}

/// The empty template: each sheet's header and its example row (a note row, starting with
/// `#`, skipped on import); the Company sheet lists its fields with their units to fill in.
pub fn template() -> Book {
    let sheets = SHEETS
        .iter()
        .map(|sp| {
            let rows = if sp.name == spec::COMPANY {
                spec::COMPANY_KEYS
                    .iter()
                    .map(|k| key_row(k, Value::Empty))
                    .collect()
            } else if sp.example.is_empty() {
                Vec::new()
            } else {
                vec![
                    sp.example
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            if i == 0 {
                                Value::Text(format!("# {e}"))
                            } else if e.is_empty() {
                                Value::Empty
                            } else {
                                e.parse::<f64>().map_or_else(|_| t(e), Value::Num)
                            }
                        })
                        .collect(),
                ]
            };
            sheet(sp.name, rows)
        })
        .collect();
    Book {
        sheets,
        skipped: Vec::new(),
    }
}

/// The README sheet's lines: how to fill the workbook, then every sheet's columns.
pub fn readme() -> Vec<[String; 4]> {
    let mut out: Vec<[String; 4]> = Vec::new();
    let line = |a: &str| [a.to_string(), String::new(), String::new(), String::new()];
    for l in [
        "Decarb Planner inventory workbook",
        "Fill one row per item on each sheet; `decarb import THIS.xlsx -o company.ron` (or File → Import in the window) turns it into a scenario.",
        "The header row names each column and its unit in brackets; the unit is checked (a [t] column given in kt is an error: convert the figures, do not change the header).",
        "A time path is a number (the same value every year) or keyframes as text: 2018: 0.12; 2030: 1 (linear in between, held before and after).",
        "Rows whose first cell starts with \"# \" (a hash and a space) are notes, like the example rows, and are skipped. Empty rows are skipped.",
        "Ids link the sheets: a site's region is a Regions id, a fuel use's fuel is a Fuels id, and so on.",
        "Every problem is reported at once with its sheet, row and column; nothing is written until there are none.",
        "Uncertainty and goal-seek settings are kept in the scenario file, not in this workbook.",
        "",
    ] {
        out.push(line(l));
    }
    out.push([
        "sheet".into(),
        "column [unit]".into(),
        "required".into(),
        "meaning".into(),
    ]);
    for sp in SHEETS {
        out.push([sp.name.into(), String::new(), String::new(), sp.about.into()]);
        for c in sp.cols {
            out.push([
                sp.name.into(),
                c.header(),
                if c.required { "yes".into() } else { String::new() },
                c.help.into(),
            ]);
        }
    }
    out.push(line(""));
    out.push([
        "Company fields".into(),
        "field [unit]".into(),
        String::new(),
        "meaning".into(),
    ]);
    for k in spec::COMPANY_KEYS {
        out.push([
            spec::COMPANY.into(),
            spec::header(k.name, k.unit),
            String::new(),
            k.help.into(),
        ]);
    }
    out.push(line(""));
    out.push([
        "Price item".into(),
        "field [unit]".into(),
        String::new(),
        "meaning".into(),
    ]);
    for (item, keys) in spec::PRICE_ITEMS {
        for k in *keys {
            out.push([
                (*item).into(),
                spec::header(k.name, k.unit),
                String::new(),
                k.help.into(),
            ]);
        }
    }
    out
}
