//! The Company sheet: one field a row (name, years, currency, notes, company-wide figures).

use super::*;

/// One row of a key/value sheet: the value cell and where it is.
struct KeyCell<'a> {
    value: &'a Value,
    row: u32,
    /// The row has a problem already (its unit, a spreadsheet error).
    bad: bool,
}

/// The key/value rows of a sheet whose fields are `keys`, by key.
fn key_rows<'a>(
    sheet: &'a Sheet,
    sheet_name: &'static str,
    key_col: usize,
    keys: &[Key],
    ctx: &mut Ctx,
) -> Vec<(usize, KeyCell<'a>)> {
    let mut out: Vec<(usize, KeyCell<'a>)> = Vec::new();
    for (r, cells) in sheet.rows.iter().enumerate().skip(1) {
        let row = sheet.first_row + r as u32 + 1;
        let key = cells.get(key_col).map(cell_text).unwrap_or_default();
        if key.trim().is_empty() || crate::workbook::is_note(&key) {
            continue;
        }
        let value = cells.get(key_col + 1).unwrap_or(&Value::Empty);
        let unit = cells.get(key_col + 2).map(cell_text).unwrap_or_default();
        let col = |j: usize, h: &str| Some(format!("{} \"{h}\"", column_letters(sheet.first_col + j as u32)));
        let Some(k) = keys.iter().position(|k| same_name(k.name, &key)) else {
            ctx.err(
                sheet_name,
                Some(row),
                col(key_col, "field"),
                format!(
                    "unknown field \"{key}\"; the fields are {}",
                    keys.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
                ),
            );
            continue;
        };
        let want = keys[k].unit;
        let blank = unit.is_empty() && value.is_empty();
        if let Some(m) = unit_problem(keys[k].name, want, &unit)
            && !blank
        {
            ctx.err(sheet_name, Some(row), col(key_col + 2, "unit"), m);
            // (present, with a problem: not "missing" as well)
            out.push((
                k,
                KeyCell {
                    value: &Value::Empty,
                    row,
                    bad: true,
                },
            ));
            continue;
        }
        if let Value::Error(e) = value {
            ctx.err(sheet_name, Some(row), col(key_col + 1, "value"), error_text(e));
            out.push((
                k,
                KeyCell {
                    value: &Value::Empty,
                    row,
                    bad: true,
                },
            ));
            continue;
        }
        if out.iter().any(|(j, _)| *j == k) {
            ctx.err(
                sheet_name,
                Some(row),
                col(key_col, "field"),
                format!("\"{key}\" is given twice"),
            );
            continue;
        }
        out.push((
            k,
            KeyCell {
                value,
                row,
                bad: false,
            },
        ));
    }
    out
}

/// The value column of a key/value sheet, as messages name it.
fn value_col(sheet: &Sheet) -> String {
    format!("{} \"value\"", column_letters(sheet.first_col + 1))
}

fn kv_err(ctx: &mut Ctx, sheet: &Sheet, row: u32, m: impl Into<String>) {
    ctx.err(spec::COMPANY, Some(row), Some(value_col(sheet)), m);
}

fn kv_origin(ctx: &mut Ctx, sheet: &Sheet, row: u32, prefix: String) {
    let name = spec::COMPANY;
    ctx.origins.push(Origin {
        prefix,
        sheet: name,
        row,
        cols: Vec::new(),
        value_col: Some(value_col(sheet)),
    });
}

/// The Company sheet: meta, years and company-wide figures.
pub(super) fn company(book: &Book, ctx: &mut Ctx) -> Scenario {
    let mut s = Scenario {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            currency: "JPY".into(),
            ..Meta::default()
        },
        notes: String::new(),
        base_year: 0,
        last_year: 0,
        primary_gj_per_mwh: 9.76,
        discount_rate_pct: 4.0,
        regions: Vec::new(),
        fuels: Vec::new(),
        sites: Vec::new(),
        materials: Vec::new(),
        ppas: Vec::new(),
        credits: Credits::default(),
        carbon_price_jpy_per_t: Path::default(),
        cost: CostSettings::default(),
        uncertainty: Default::default(),
        goal_seek: None,
        revenue_jpy: Path::default(),
        revenue_source: String::new(),
        history: Vec::new(),
        targets: Vec::new(),
    };
    let name = spec::COMPANY;
    let Some(sheet) = book.sheet(name) else {
        ctx.err(
            name,
            None,
            None,
            "the workbook has no Company sheet (name, base year, last year)",
        );
        ctx.years_bad = true;
        return s;
    };
    let keys = spec::COMPANY_KEYS;
    let rows = key_rows(sheet, name, 0, keys, ctx);
    let get = |k: &str| rows.iter().find(|(i, _)| keys[*i].name == k).map(|(_, c)| c);
    // Years first: paths need the base year.
    for (key, slot) in [("base year", &mut s.base_year), ("last year", &mut s.last_year)] {
        let fy = |t: &str| {
            t.trim()
                .strip_prefix("FY")
                .and_then(|y| y.trim().parse::<i32>().ok())
        };
        match get(key) {
            None => {
                ctx.years_bad = true;
                ctx.err(
                    name,
                    None,
                    None,
                    format!("the field \"{key}\" is missing (a fiscal year)"),
                );
            }
            Some(c) if c.bad => ctx.years_bad = true,
            Some(c) => match (number(c.value), c.value) {
                (Ok(Some(y)), _) if y.fract() == 0.0 && y.abs() < 1e6 => *slot = y as i32,
                (_, Value::Text(t)) if fy(t).is_some() => *slot = fy(t).unwrap_or_default(),
                (Ok(Some(y)), _) => {
                    ctx.years_bad = true;
                    kv_err(ctx, sheet, c.row, format!("{y} is not a fiscal year"));
                }
                (Ok(None), _) => {
                    ctx.years_bad = true;
                    kv_err(ctx, sheet, c.row, format!("empty: \"{key}\" is required"));
                }
                (Err(m), _) => {
                    ctx.years_bad = true;
                    kv_err(ctx, sheet, c.row, m);
                }
            },
        }
    }
    let b = s.base_year;
    for (k, c) in &rows {
        let key = keys[*k];
        kv_origin(ctx, sheet, c.row, key.field.to_string());
        let text = cell_text(c.value);
        let path = |ctx: &mut Ctx| match path_of(c.value, b) {
            Ok(p) => p,
            Err(m) => {
                kv_err(ctx, sheet, c.row, m);
                Path::default()
            }
        };
        match key.name {
            "name" => s.meta.name = text,
            "description" => s.meta.description = text,
            "author" => s.meta.author = text,
            "organisation" => s.meta.organisation = text,
            "currency" if !text.is_empty() => s.meta.currency = text,
            "notes" => s.notes = text,
            "primary energy per MWh" => match number(c.value) {
                Ok(Some(x)) => s.primary_gj_per_mwh = x,
                Ok(None) => {}
                Err(m) => kv_err(ctx, sheet, c.row, m),
            },
            "revenue" => s.revenue_jpy = path(ctx),
            "revenue source" => s.revenue_source = text,
            "credits" => s.credits.t_co2_per_yr = path(ctx),
            "credits source" => s.credits.source = text,
            _ => {}
        }
    }
    match get("name") {
        None => ctx.err(
            name,
            None,
            None,
            "the field \"name\" is missing: name the scenario",
        ),
        Some(c) if !c.bad && c.value.is_empty() => kv_err(ctx, sheet, c.row, "empty: name the scenario"),
        Some(_) => {}
    }
    s
}
