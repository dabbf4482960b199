//! The table sheets (regions, fuels, sites and what belongs to them, materials, PPAs, history,
//! targets) and the Prices and capex sheet.

use super::*;

use crate::workbook::spec::{GENERATION_KINDS as KINDS, HISTORY_KINDS, METHODS, PERS, PPA_KINDS};

fn names<'a, T>(o: &'a [(&'a str, T)]) -> Vec<&'a str> {
    o.iter().map(|(n, _)| *n).collect()
}

fn pick<T: Copy>(
    row: &Row,
    ctx: &mut Ctx,
    col: &str,
    options: &[(&str, T)],
    default: Option<T>,
) -> Option<T> {
    let t = row.text(col);
    if t.is_empty() {
        if default.is_none() {
            row.err(ctx, col, format!("empty: {}", enum_err(&names(options))));
        }
        return default;
    }
    let v = parse_enum(&t, options);
    if v.is_none() {
        row.err(ctx, col, format!("\"{t}\" {}", enum_err(&names(options))));
    }
    v.or(default)
}

fn spec_of(name: &str) -> &'static SheetSpec {
    spec::sheet_spec(name).expect("a sheet of the spec")
}

/// Index of a site by id, or an error on the row's column.
fn site_of(s: &Scenario, row: &Row, ctx: &mut Ctx, col: &str) -> Option<usize> {
    let id = row.req_text(ctx, col);
    if id.is_empty() {
        return None;
    }
    let i = s.site_index(&id);
    // (with the Sites sheet unread, every reference would be a message)
    if i.is_none() && !ctx.sites_unread {
        row.err(ctx, col, format!("no site \"{id}\" on the Sites sheet"));
    }
    i
}

pub(super) fn items(book: &Book, ctx: &mut Ctx, s: &mut Scenario, b: i32) {
    if let Some(t) = Table::open(book, spec_of(spec::REGIONS), ctx)
        && !t.too_many(ctx, "grid regions", crate::model::validate::limits::REGIONS)
    {
        for row in t.rows() {
            let i = s.regions.len();
            row.origin(ctx, format!("regions[{i}]"));
            s.regions.push(GridRegion {
                id: row.req_text(ctx, "id"),
                name: row.req_text(ctx, "name"),
                ef_kg_per_kwh: row.path(ctx, "grid factor", b),
                ef_location_kg_per_kwh: row.path(ctx, "location factor", b),
                power_price_jpy_per_mwh: Path::default(),
                co2_free_premium_jpy_per_mwh: Path::default(),
                source: row.text("source"),
                assumption: row.opt_text("assumption"),
                price_assumption: None,
            });
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::FUELS), ctx)
        && !t.too_many(ctx, "fuels", crate::model::validate::limits::FUELS)
    {
        for row in t.rows() {
            let i = s.fuels.len();
            row.origin(ctx, format!("fuels[{i}]"));
            s.fuels.push(Fuel {
                id: row.req_text(ctx, "id"),
                name: row.req_text(ctx, "name"),
                ef_t_per_gj: row.req_num(ctx, "emission factor"),
                unit: row.opt_text("unit"),
                gj_per_unit: row.num(ctx, "energy per unit"),
                price_jpy_per_gj: Path::default(),
                source: row.text("source"),
                assumption: row.opt_text("assumption"),
                price_assumption: None,
            });
        }
    }
    match Table::open(book, spec_of(spec::SITES), ctx) {
        None => {
            ctx.sites_unread = true;
            if book.sheet(spec::SITES).is_none() {
                ctx.err(spec::SITES, None, None, "the workbook has no Sites sheet");
            }
        }
        Some(t) if t.too_many(ctx, "sites", crate::model::validate::limits::SITES) => ctx.sites_unread = true,
        Some(t) => {
            for row in t.rows() {
                let i = s.sites.len();
                row.origin(ctx, format!("sites[{i}]"));
                s.sites.push(Site {
                    id: row.req_text(ctx, "id"),
                    name: row.req_text(ctx, "name"),
                    region: row.req_text(ctx, "region"),
                    production_t: row.num(ctx, "production").unwrap_or(0.0),
                    electricity_mwh: row.num(ctx, "electricity").unwrap_or(0.0),
                    fuels: Vec::new(),
                    process_t_co2: row.num(ctx, "process CO2").unwrap_or(0.0),
                    own_generation: Vec::new(),
                    activity: row.path(ctx, "activity", b),
                    ownership: row.path(ctx, "ownership", b),
                    co2_free_share: row.path(ctx, "CO2-free share", b),
                    co2_free_premium_jpy_per_mwh: Path::default(),
                    fuel_switches: Vec::new(),
                    efficiency_electricity_pct: row.path(ctx, "efficiency electricity", b),
                    efficiency_fuel_pct: row.path(ctx, "efficiency fuel", b),
                    measures: Vec::new(),
                    efficiency_capex_jpy_per_mwh_yr: None,
                    efficiency_capex_jpy_per_gj_yr: None,
                    efficiency_lifetime_years: 15,
                    process_change_share: row.path(ctx, "process change share", b),
                    process_change_capex_jpy: None,
                    process_change_lifetime_years: 20,
                    process_change_opex_jpy_per_yr: Path::default(),
                    source: row.text("source"),
                    assumption: row.opt_text("assumption"),
                    price_assumption: None,
                });
            }
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::FUEL_USE), ctx) {
        for row in t.rows() {
            let fuel = row.req_text(ctx, "fuel");
            let (gj, quantity) = (row.num(ctx, "energy"), row.num(ctx, "quantity"));
            if let Some(i) = site_of(s, &row, ctx, "site") {
                let k = s.sites[i].fuels.len();
                row.origin(ctx, format!("sites[{i}].fuels[{k}]"));
                s.sites[i].fuels.push(FuelUse { fuel, gj, quantity });
            }
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::OWN_GENERATION), ctx) {
        for row in t.rows() {
            let g = OwnGeneration {
                name: row.req_text(ctx, "name"),
                kind: pick(&row, ctx, "kind", KINDS, None).unwrap_or(GenerationKind::Other),
                output_mwh: row.path(ctx, "output", b),
                source: row.text("source"),
                assumption: row.opt_text("assumption"),
            };
            if let Some(i) = site_of(s, &row, ctx, "site") {
                let k = s.sites[i].own_generation.len();
                row.origin(ctx, format!("sites[{i}].own_generation[{k}]"));
                s.sites[i].own_generation.push(g);
            }
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::FUEL_SWITCHES), ctx) {
        for row in t.rows() {
            let lifetime = row.int(ctx, "lifetime");
            let r = FuelSwitch {
                id: row.opt_text("id"),
                from: row.req_text(ctx, "from"),
                to: row.req_text(ctx, "to"),
                share: row.path(ctx, "share", b),
                ratio: row.req_num(ctx, "ratio"),
                capex_jpy: row.num(ctx, "capex"),
                lifetime_years: lifetime_or(&row, ctx, "lifetime", lifetime, 20),
                source: row.text("source"),
                assumption: row.opt_text("assumption"),
            };
            if let Some(i) = site_of(s, &row, ctx, "site") {
                let k = s.sites[i].fuel_switches.len();
                row.origin(ctx, format!("sites[{i}].fuel_switches[{k}]"));
                s.sites[i].fuel_switches.push(r);
            }
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::MEASURES), ctx) {
        for row in t.rows() {
            let saving = |ctx: &mut Ctx, pct: &str, abs: &str| match (row.num(ctx, pct), row.num(ctx, abs)) {
                (Some(_), Some(_)) => {
                    row.err(ctx, abs, format!("give \"{pct}\" or \"{abs}\", not both"));
                    None
                }
                (Some(p), None) => Some(Saving::Percent(p)),
                (None, Some(a)) => Some(Saving::Absolute(a)),
                (None, None) => None,
            };
            let lifetime = row.int(ctx, "lifetime");
            let m = Measure {
                name: row.req_text(ctx, "name"),
                year: row.year(ctx, "year"),
                electricity_saving: saving(ctx, "electricity saving", "electricity saved"),
                fuel_saving: saving(ctx, "fuel saving", "fuel saved"),
                capex_jpy: row.num(ctx, "capex"),
                lifetime_years: lifetime.map(|l| lifetime_or(&row, ctx, "lifetime", Some(l), 15)),
                source: row.text("source"),
            };
            if let Some(i) = site_of(s, &row, ctx, "site") {
                let k = s.sites[i].measures.len();
                row.origin(ctx, format!("sites[{i}].measures[{k}]"));
                s.sites[i].measures.push(m);
            }
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::MATERIALS), ctx)
        && !t.too_many(ctx, "materials", crate::model::validate::limits::MATERIALS)
    {
        for row in t.rows() {
            let i = s.materials.len();
            row.origin(ctx, format!("materials[{i}]"));
            let site = row.opt_text("site");
            if let Some(id) = &site
                && s.site_index(id).is_none()
                && !ctx.sites_unread
            {
                row.err(ctx, "site", format!("no site \"{id}\" on the Sites sheet"));
            }
            s.materials.push(Material {
                id: row.req_text(ctx, "id"),
                name: row.req_text(ctx, "name"),
                site,
                quantity_t: row.req_num(ctx, "quantity"),
                ef_primary_t_per_t: row.req_num(ctx, "primary factor"),
                ef_recycled_t_per_t: row.req_num(ctx, "recycled factor"),
                ef_low_carbon_t_per_t: row.req_num(ctx, "low-carbon factor"),
                recycled_share: row.path(ctx, "recycled share", b),
                low_carbon_share: row.path(ctx, "low-carbon share", b),
                fuel_saving_share: row.num(ctx, "fuel saving share").unwrap_or(0.0),
                recycled_feed_t_co2_per_t: row.num(ctx, "recycled feed CO2").unwrap_or(0.0),
                recycled_price_diff_jpy_per_t: Path::default(),
                low_carbon_price_diff_jpy_per_t: Path::default(),
                source: row.text("source"),
                assumption: row.opt_text("assumption"),
                price_assumption: None,
            });
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::PPAS), ctx)
        && !t.too_many(ctx, "PPAs", crate::model::validate::limits::PPAS)
    {
        for row in t.rows() {
            let i = s.ppas.len();
            row.origin(ctx, format!("ppas[{i}]"));
            let allocation = allocation(s, &row, ctx);
            s.ppas.push(Ppa {
                id: row.req_text(ctx, "id"),
                name: row.req_text(ctx, "name"),
                kind: pick(&row, ctx, "kind", PPA_KINDS, None).unwrap_or(PpaKind::OffSite),
                capacity_mw: row.path(ctx, "capacity", b),
                yield_mwh_per_mw: row.req_num(ctx, "yield"),
                allocation,
                price_jpy_per_mwh: Path::default(),
                capex_jpy_per_mw: None,
                lifetime_years: 20,
                opex_jpy_per_mw_yr: Path::default(),
                source: row.text("source"),
                assumption: row.opt_text("assumption"),
                price_assumption: None,
            });
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::HISTORY), ctx)
        && !t.too_many(ctx, "history entries", crate::model::validate::limits::HISTORY)
    {
        for row in t.rows() {
            let i = s.history.len();
            row.origin(ctx, format!("history[{i}]"));
            s.history.push(HistoryEntry {
                year: row.year(ctx, "year"),
                kind: pick(&row, ctx, "kind", HISTORY_KINDS, Some(HistoryKind::Actual)).unwrap_or_default(),
                scope1_t: row.num(ctx, "scope 1"),
                scope2_t: row.num(ctx, "scope 2 market"),
                scope2_location_t: row.num(ctx, "scope 2 location"),
                scope12_t: row.num(ctx, "scope 1+2"),
                scope3_t: row.num(ctx, "scope 3"),
                production_t: row.num(ctx, "production"),
                primary_energy_gj: row.num(ctx, "primary energy"),
                fuel_gj: row.num(ctx, "fuel"),
                electricity_mwh: row.num(ctx, "electricity"),
                revenue_jpy: row.num(ctx, "revenue"),
                fuel_use: Vec::new(),
                source: row.text("source"),
                assumption: row.opt_text("assumption"),
            });
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::HISTORY_FUELS), ctx) {
        for row in t.rows() {
            let year = row.year(ctx, "year");
            let f = ReportedFuel {
                fuel: row.req_text(ctx, "fuel"),
                area: row.text("area"),
                quantity: row.req_num(ctx, "quantity"),
            };
            // The first entry of that year (an Actual and an Outlook of one year are rare).
            match s.history.iter().position(|h| h.year == year) {
                Some(i) => {
                    let k = s.history[i].fuel_use.len();
                    row.origin(ctx, format!("history[{i}].fuel_use[{k}]"));
                    s.history[i].fuel_use.push(f);
                }
                None if year != 0 => row.err(ctx, "year", format!("no row of FY{year} on the History sheet")),
                None => {}
            }
        }
    }
    if let Some(t) = Table::open(book, spec_of(spec::TARGETS), ctx)
        && !t.too_many(ctx, "targets", crate::model::validate::limits::TARGETS)
    {
        for row in t.rows() {
            let i = s.targets.len();
            row.origin(ctx, format!("targets[{i}]"));
            let st = row.req_text(ctx, "scopes");
            let scopes = parse_scopes(&st).unwrap_or_else(|| {
                if !st.is_empty() {
                    row.err(
                        ctx,
                        "scopes",
                        format!("\"{st}\" is not a list of scopes; write Scope1+Scope2"),
                    );
                }
                Vec::new()
            });
            let credits = row.text("credits count");
            let credits_count = parse_bool(&credits).unwrap_or_else(|| {
                row.err(ctx, "credits count", format!("\"{credits}\" must be yes or no"));
                false
            });
            const TARGET_KINDS: &[(&str, u8)] = &[("Absolute", 0), ("Intensity", 1), ("Level", 2)];
            let kind = match pick(&row, ctx, "kind", TARGET_KINDS, None) {
                Some(0) => TargetKind::Absolute {
                    reduction_pct: row.req_num(ctx, "reduction"),
                    reference_year: row.year(ctx, "reference year"),
                },
                Some(1) => TargetKind::Intensity {
                    reduction_pct: row.req_num(ctx, "reduction"),
                    reference_year: row.year(ctx, "reference year"),
                    per: pick(&row, ctx, "per", PERS, None).unwrap_or(Per::Tonne),
                },
                Some(_) => TargetKind::Level {
                    t_co2: row.req_num(ctx, "level"),
                },
                // (the kind is reported; its figures are not asked for)
                None => TargetKind::Level { t_co2: 0.0 },
            };
            s.targets.push(Target {
                label: row.req_text(ctx, "label"),
                year: row.year(ctx, "year"),
                scopes,
                scope2_method: pick(&row, ctx, "scope 2 method", METHODS, Some(Scope2Method::Market))
                    .unwrap_or_default(),
                credits_count,
                kind,
                source: row.text("source"),
            });
        }
    }
}

fn lifetime_or(row: &Row, ctx: &mut Ctx, col: &str, v: Option<i64>, default: u32) -> u32 {
    match v {
        None => default,
        Some(l) if (0..=i64::from(u32::MAX)).contains(&l) => l as u32,
        Some(l) => {
            row.err(ctx, col, format!("{l} is not a number of years"));
            default
        }
    }
}

/// `SITE-A 0.5; SITE-B 0.5` (a site alone takes the whole output).
fn allocation(s: &Scenario, row: &Row, ctx: &mut Ctx) -> Vec<(String, f64)> {
    let text = row.req_text(ctx, "allocation");
    let mut out = Vec::new();
    for part in parse_allocation(&text) {
        match part {
            Ok((id, share)) => {
                if s.site_index(&id).is_none() && !ctx.sites_unread {
                    row.err(ctx, "allocation", format!("no site \"{id}\" on the Sites sheet"));
                }
                out.push((id, share));
            }
            Err(m) => row.err(ctx, "allocation", m),
        }
    }
    out
}

/// The Prices and capex sheet: each row sets one price field of one item.
pub(super) fn prices(book: &Book, ctx: &mut Ctx, s: &mut Scenario) {
    let name = spec::PRICES;
    let Some(t) = Table::open(book, spec_of(name), ctx) else {
        return;
    };
    let b = s.base_year;
    let mut seen: Vec<(String, String, String)> = Vec::new();
    for row in t.rows() {
        let item_text = row.req_text(ctx, "item");
        let Some(&(item, keys)) = spec::PRICE_ITEMS.iter().find(|(n, _)| same_name(n, &item_text)) else {
            if !item_text.is_empty() {
                row.err(
                    ctx,
                    "item",
                    format!("\"{item_text}\" must be one of Company, Region, Fuel, Site, Material, PPA"),
                );
            }
            continue;
        };
        let field = row.req_text(ctx, "field");
        let Some(key) = keys.iter().find(|k| same_name(k.name, &field)) else {
            if !field.is_empty() {
                row.err(
                    ctx,
                    "field",
                    format!(
                        "\"{field}\" is not a price field of a {item}; they are {}",
                        keys.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            continue;
        };
        let unit = row.text("unit");
        let value = row.cell("value");
        if let Some(m) = unit_problem(key.name, key.unit, &unit)
            && !value.is_empty()
        {
            row.err(ctx, "unit", m);
            continue;
        }
        let id = row.text("id");
        let k = (item.to_string(), id.clone(), key.name.to_string());
        if seen.contains(&k) {
            row.err(
                ctx,
                "field",
                format!("\"{}\" of {item} {id} is given twice", key.name),
            );
            continue;
        }
        seen.push(k);
        let index = match item {
            "Company" => Some(0),
            "Region" => s.region_index(&id),
            "Fuel" => s.fuel_index(&id),
            "Site" => s.site_index(&id),
            "Material" => s.materials.iter().position(|m| m.id == id),
            _ => s.ppas.iter().position(|p| p.id == id),
        };
        let Some(i) = index else {
            let ids: Vec<&str> = match item {
                "Region" => s.regions.iter().map(|x| x.id.as_str()).collect(),
                "Fuel" => s.fuels.iter().map(|x| x.id.as_str()).collect(),
                "Site" => s.sites.iter().map(|x| x.id.as_str()).collect(),
                "Material" => s.materials.iter().map(|x| x.id.as_str()).collect(),
                _ => s.ppas.iter().map(|x| x.id.as_str()).collect(),
            };
            let list = if ids.is_empty() {
                "there are none".to_string()
            } else if ids.len() <= 10 {
                ids.join(", ")
            } else {
                format!("{} … of {}", ids[..10].join(", "), ids.len())
            };
            row.err(ctx, "id", format!("no {item} \"{}\" ({list})", short(&id)));
            continue;
        };
        let prefix = match item {
            "Company" => String::new(),
            "Region" => format!("regions[{i}]."),
            "Fuel" => format!("fuels[{i}]."),
            "Site" => format!("sites[{i}]."),
            "Material" => format!("materials[{i}]."),
            _ => format!("ppas[{i}]."),
        };
        ctx.origins.push(Origin {
            prefix: format!("{prefix}{}", key.field),
            sheet: spec::PRICES,
            row: row.number(),
            cols: Vec::new(),
            value_col: row.column("value"),
        });
        // a cell shown as a percentage in a % field reads as shown (4% is 4 %/yr)
        let pct;
        let value = match value {
            Value::Percent(x) if key.unit.starts_with('%') => {
                pct = Value::Num(x * 100.0);
                &pct
            }
            v => v,
        };
        set_price(s, item, i, key.name, value, b).unwrap_or_else(|m| row.err(ctx, "value", m));
    }
}

fn whole(v: &Value) -> Result<Option<u32>, String> {
    match number(v)? {
        None => Ok(None),
        Some(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) => Ok(Some(x as u32)),
        Some(x) => Err(format!("{x} is not a whole number of years")),
    }
}
fn year_of(v: &Value) -> Result<Option<i32>, String> {
    match number(v)? {
        None => Ok(None),
        Some(x) if x.fract() == 0.0 && x.abs() < 1e6 => Ok(Some(x as i32)),
        Some(x) => Err(format!("{x} is not a fiscal year")),
    }
}
fn opt_text(v: &Value) -> Option<String> {
    let t = cell_text(v);
    (!t.is_empty()).then_some(t)
}

fn set_price(s: &mut Scenario, item: &str, i: usize, field: &str, v: &Value, b: i32) -> Result<(), String> {
    let path = || path_of(v, b);
    match (item, field) {
        ("Company", "discount rate") => s.discount_rate_pct = number(v)?.unwrap_or(4.0),
        ("Company", "carbon price") => s.carbon_price_jpy_per_t = path()?,
        ("Company", "credit price") => s.credits.price_jpy_per_t = path()?,
        ("Company", "credits price assumption") => s.credits.price_assumption = opt_text(v),
        ("Company", "price year") => s.cost.price_year = year_of(v)?,
        ("Company", "cost from year") => s.cost.from_year = year_of(v)?,
        ("Company", "MACC year") => s.cost.macc_year = year_of(v)?,
        ("Company", "default lifetime") => s.cost.default_lifetime_years = whole(v)?.unwrap_or(15),
        ("Company", "tonnes") => {
            let t = cell_text(v);
            s.cost.tonnes = if t.is_empty() {
                Tonnes::Discounted
            } else {
                parse_enum(
                    &t,
                    &[
                        ("Discounted", Tonnes::Discounted),
                        ("Undiscounted", Tonnes::Undiscounted),
                    ],
                )
                .ok_or_else(|| format!("\"{t}\" must be Discounted or Undiscounted"))?
            };
        }
        ("Company", "carbon price scopes") => {
            let t = cell_text(v);
            if !t.is_empty() {
                s.cost.carbon_price_metric.scopes = parse_scopes(&t)
                    .ok_or_else(|| format!("\"{t}\" is not a list of scopes; write Scope1+Scope2"))?;
            }
        }
        ("Company", "carbon price scope 2 method") => {
            let t = cell_text(v);
            if !t.is_empty() {
                s.cost.carbon_price_metric.scope2_method =
                    parse_enum(&t, METHODS).ok_or_else(|| format!("\"{t}\" must be Market or Location"))?;
            }
        }
        ("Company", "carbon price credits offset") => {
            let t = cell_text(v);
            s.cost.carbon_price_metric.credits_offset =
                parse_bool(&t).ok_or_else(|| format!("\"{t}\" must be yes or no"))?;
        }
        ("Company", "cost source") => s.cost.source = cell_text(v),
        ("Company", "cost assumption") => s.cost.assumption = opt_text(v),
        ("Region", "power price") => s.regions[i].power_price_jpy_per_mwh = path()?,
        ("Region", "CO2-free premium") => s.regions[i].co2_free_premium_jpy_per_mwh = path()?,
        ("Region", "price assumption") => s.regions[i].price_assumption = opt_text(v),
        ("Fuel", "price") => s.fuels[i].price_jpy_per_gj = path()?,
        ("Fuel", "price assumption") => s.fuels[i].price_assumption = opt_text(v),
        ("Site", "CO2-free premium") => s.sites[i].co2_free_premium_jpy_per_mwh = path()?,
        ("Site", "efficiency capex per MWh/yr") => s.sites[i].efficiency_capex_jpy_per_mwh_yr = number(v)?,
        ("Site", "efficiency capex per GJ/yr") => s.sites[i].efficiency_capex_jpy_per_gj_yr = number(v)?,
        ("Site", "efficiency lifetime") => s.sites[i].efficiency_lifetime_years = whole(v)?.unwrap_or(15),
        ("Site", "process change capex") => s.sites[i].process_change_capex_jpy = number(v)?,
        ("Site", "process change lifetime") => {
            s.sites[i].process_change_lifetime_years = whole(v)?.unwrap_or(20)
        }
        ("Site", "process change opex") => s.sites[i].process_change_opex_jpy_per_yr = path()?,
        ("Site", "price assumption") => s.sites[i].price_assumption = opt_text(v),
        ("Material", "recycled price difference") => s.materials[i].recycled_price_diff_jpy_per_t = path()?,
        ("Material", "low-carbon price difference") => {
            s.materials[i].low_carbon_price_diff_jpy_per_t = path()?
        }
        ("Material", "price assumption") => s.materials[i].price_assumption = opt_text(v),
        ("PPA", "price") => s.ppas[i].price_jpy_per_mwh = path()?,
        ("PPA", "capex per MW") => s.ppas[i].capex_jpy_per_mw = number(v)?,
        ("PPA", "lifetime") => s.ppas[i].lifetime_years = whole(v)?.unwrap_or(20),
        ("PPA", "O&M") => s.ppas[i].opex_jpy_per_mw_yr = path()?,
        ("PPA", "price assumption") => s.ppas[i].price_assumption = opt_text(v),
        _ => return Err(format!("\"{field}\" is not a price field of a {item}")),
    }
    Ok(())
}
