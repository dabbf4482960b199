//! Filled sheets back into a scenario. Every problem is collected (cells that are not numbers,
//! units in headers that differ, ids that link to nothing, and then every message of
//! `decarb check` placed on its sheet, row and column), and nothing is returned until there are
//! none.

use super::spec::{self, Col, Key, SheetSpec, norm, same_name, split_header};
use super::{Book, Sheet, Value, column_letters};
use crate::model::*;
use std::fmt;

/// One problem of a workbook, where the user sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    pub sheet: String,
    /// Row as the spreadsheet numbers it (1 = the header).
    pub row: Option<u32>,
    /// Column letter and header, e.g. `D "production [t]"`.
    pub column: Option<String>,
    pub message: String,
}

impl ImportError {
    /// A problem of the whole workbook (it cannot be read, or the scenario it makes).
    pub fn whole(message: String) -> ImportError {
        ImportError {
            sheet: "workbook".into(),
            row: None,
            column: None,
            message,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.sheet)?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Where an item of the scenario came from: its field path prefix, sheet and row.
struct Origin {
    prefix: String,
    sheet: &'static str,
    row: u32,
    /// The row's columns by field, with their letter and header (table sheets).
    cols: Vec<(&'static str, String)>,
    /// The value column (key/value rows).
    value_col: Option<String>,
}

/// Problems listed before the rest are only counted (a broken file of 100,000 rows would
/// otherwise print as many lines).
pub const MAX_ERRORS: usize = 200;

#[derive(Default)]
struct Ctx {
    errors: Vec<ImportError>,
    /// Problems beyond [`MAX_ERRORS`].
    dropped: usize,
    origins: Vec<Origin>,
    /// The base year or the last year does not read: every path would be wrong.
    years_bad: bool,
    /// Sheets whose header has a problem: `check`'s messages on their rows would follow from
    /// it (a column missing is every row's empty field).
    header_bad: std::collections::HashSet<&'static str>,
    /// The Sites sheet is missing or refused: its ids are not checked on the other sheets.
    sites_unread: bool,
}

/// Units compare without case or spaces (`MWh` = `mwh`, `JPY/t-CO2` = `JPY / t-CO2`).
fn same_unit(a: &str, b: &str) -> bool {
    norm(a).replace(' ', "") == norm(b).replace(' ', "")
}

/// The message of a key/value row whose unit cell is not the field's (`None` when it is).
fn unit_problem(field: &str, want: &str, given: &str) -> Option<String> {
    if same_unit(want, given) {
        None
    } else if given.is_empty() {
        Some(format!("give the unit of \"{field}\": {want}"))
    } else if want.is_empty() {
        Some(format!("\"{field}\" takes no unit, not {given}"))
    } else {
        Some(format!(
            "unit {given} given, \"{field}\" is in {want}: convert the figure to {want}"
        ))
    }
}

/// What an error cell says: a spreadsheet's error code, or why the cell was refused.
fn error_text(e: &str) -> String {
    if e.starts_with('#') {
        format!("the cell holds the spreadsheet error {e}")
    } else {
        e.to_string()
    }
}

/// A cell's text as messages quote it: at most 60 characters.
fn short(t: &str) -> String {
    let t = t.trim();
    if t.chars().count() <= 60 {
        t.to_string()
    } else {
        format!("{}…", t.chars().take(59).collect::<String>())
    }
}

impl Ctx {
    fn err(&mut self, sheet: &str, row: Option<u32>, column: Option<String>, message: impl Into<String>) {
        if self.errors.len() >= MAX_ERRORS {
            self.dropped += 1;
            return;
        }
        self.errors.push(ImportError {
            sheet: sheet.to_string(),
            row,
            column,
            message: message.into(),
        });
    }
}

/// A table sheet with its header matched to the spec.
struct Table<'a> {
    sheet: &'a Sheet,
    spec: &'static SheetSpec,
    /// For each spec column, its index in the sheet's rows.
    at: Vec<Option<usize>>,
}

/// One data row of a table.
struct Row<'a> {
    t: &'a Table<'a>,
    r: usize,
}

impl<'a> Table<'a> {
    fn open(book: &'a Book, spec: &'static SheetSpec, ctx: &mut Ctx) -> Option<Table<'a>> {
        let sheet = book.sheet(spec.name)?;
        let mut at = vec![None; spec.cols.len()];
        let header = sheet.rows.first().map(Vec::as_slice).unwrap_or(&[]);
        let hrow = sheet.first_row + 1;
        // A title row above the header: say where the header is, rather than a message for
        // every cell below it.
        let known = |row: &[Value]| {
            row.iter()
                .filter(|c| match c {
                    Value::Text(t) => spec
                        .cols
                        .iter()
                        .any(|col| same_name(col.name, &split_header(t).0)),
                    _ => false,
                })
                .count()
        };
        if known(header) == 0
            && let Some(r) = sheet.rows.iter().take(6).position(|row| known(row) >= 2)
        {
            ctx.header_bad.insert(spec.name);
            ctx.err(
                spec.name,
                Some(hrow),
                None,
                format!(
                    "the header is row {}: the column names must be the sheet's first row (remove the rows above it)",
                    sheet.first_row + r as u32 + 1
                ),
            );
            return None;
        }
        // columns named in the header, whether taken or refused (a unit, twice)
        let mut named = vec![false; spec.cols.len()];
        for (j, cell) in header.iter().enumerate() {
            let text = match cell {
                Value::Empty => continue,
                Value::Text(t) if t.trim().is_empty() => continue,
                Value::Text(t) => t.clone(),
                Value::Num(x) | Value::Percent(x) => x.to_string(),
                Value::Error(e) => e.clone(),
            };
            let letter = column_letters(sheet.first_col + j as u32);
            let (name, unit) = split_header(&text);
            let Some(k) = spec.cols.iter().position(|c| same_name(c.name, &name)) else {
                ctx.err(
                    spec.name,
                    Some(hrow),
                    Some(format!("{letter} \"{text}\"")),
                    format!(
                        "unknown column; this sheet's columns are {}",
                        spec.cols
                            .iter()
                            .map(|c| c.header())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                continue;
            };
            let col = &spec.cols[k];
            named[k] = true;
            let where_ = Some(format!("{letter} \"{text}\""));
            match (col.unit, unit.as_deref()) {
                ("", None) => {}
                ("", Some(u)) => {
                    ctx.err(
                        spec.name,
                        Some(hrow),
                        where_,
                        format!("\"{}\" takes no unit, not [{u}]", col.name),
                    );
                    continue;
                }
                (_, None) => {
                    ctx.err(
                        spec.name,
                        Some(hrow),
                        where_,
                        format!("the header must give the unit: \"{}\"", col.header()),
                    );
                    continue;
                }
                (want, Some(u)) if !same_unit(want, u) => {
                    ctx.err(
                        spec.name,
                        Some(hrow),
                        where_,
                        format!(
                            "unit [{u}] given, this column is in [{want}]: convert the figures to {want}"
                        ),
                    );
                    continue;
                }
                _ => {}
            }
            if at[k].is_some() {
                ctx.err(spec.name, Some(hrow), where_, "this column is given twice");
                continue;
            }
            at[k] = Some(j);
        }
        // Cells of the data rows: spreadsheet errors, and values under no column (a row pasted
        // onto the wrong sheet, a value beside the table).
        for (r, cells) in sheet.rows.iter().enumerate().skip(1) {
            let row = sheet.first_row + r as u32 + 1;
            if cells
                .iter()
                .find(|c| !c.is_empty())
                .is_some_and(|c| matches!(c, Value::Text(t) if super::is_note(t)))
            {
                continue;
            }
            let mut beside = None;
            for (j, c) in cells.iter().enumerate() {
                let letter = column_letters(sheet.first_col + j as u32);
                if let Value::Error(e) = c {
                    ctx.err(spec.name, Some(row), Some(letter.clone()), error_text(e));
                }
                let mapped = at.contains(&Some(j));
                let header_cell = header.get(j).is_some_and(|h| !h.is_empty());
                if !c.is_empty() && !mapped && !header_cell && beside.is_none() {
                    beside = Some(letter);
                }
            }
            if let Some(letter) = beside {
                ctx.err(
                    spec.name,
                    Some(row),
                    Some(letter),
                    "a value under no column (the header row names this sheet's columns)",
                );
            }
        }
        // A required column missing (or refused): every row's field would be empty, so
        // `check`'s messages on this sheet are left for after the header is right.
        for (k, c) in spec.cols.iter().enumerate() {
            if c.required && at[k].is_none() && sheet.rows.len() > 1 {
                ctx.header_bad.insert(spec.name);
                if !named[k] {
                    ctx.err(
                        spec.name,
                        Some(hrow),
                        None,
                        format!("missing column \"{}\"", c.header()),
                    );
                }
            }
        }
        Some(Table { sheet, spec, at })
    }

    /// The data rows: not the header, not empty, not a note (`# …`).
    fn rows(&'a self) -> impl Iterator<Item = Row<'a>> + 'a {
        (1..self.sheet.rows.len()).filter_map(move |r| {
            let cells = &self.sheet.rows[r];
            let first = cells.iter().find(|c| !c.is_empty())?;
            if let Value::Text(t) = first
                && super::is_note(t)
            {
                return None;
            }
            Some(Row { t: self, r })
        })
    }

    /// Refuses a sheet with more rows than the scenario can hold of its items (before they
    /// are read: a sheet of 100,000 sites is answered at once).
    fn too_many(&self, ctx: &mut Ctx, what: &str, max: usize) -> bool {
        let n = self.rows().count();
        if n > max {
            ctx.err(
                self.spec.name,
                None,
                None,
                format!("{n} rows; a scenario holds at most {max} {what}"),
            );
            return true;
        }
        false
    }
}

impl Row<'_> {
    fn number(&self) -> u32 {
        self.t.sheet.first_row + self.r as u32 + 1
    }
    fn col(&self, name: &str) -> Option<(usize, &'static Col)> {
        let k = self.t.spec.cols.iter().position(|c| c.name == name)?;
        Some((self.t.at[k]?, &self.t.spec.cols[k]))
    }
    fn cell(&self, name: &str) -> &Value {
        match self.col(name) {
            Some((j, _)) => self.t.sheet.rows[self.r].get(j).unwrap_or(&Value::Empty),
            None => &Value::Empty,
        }
    }
    fn column(&self, name: &str) -> Option<String> {
        let (j, c) = self.col(name).or_else(|| {
            let k = self.t.spec.cols.iter().position(|c| c.name == name)?;
            Some((usize::MAX, &self.t.spec.cols[k]))
        })?;
        if j == usize::MAX {
            return Some(format!("\"{}\"", c.header()));
        }
        Some(format!(
            "{} \"{}\"",
            column_letters(self.t.sheet.first_col + j as u32),
            c.header()
        ))
    }
    fn err(&self, ctx: &mut Ctx, name: &str, message: impl Into<String>) {
        // A column the header lacks is reported once, at the header (a required one), not on
        // every row.
        if self.col(name).is_none() && self.t.spec.cols.iter().any(|c| c.name == name && c.required) {
            return;
        }
        // a spreadsheet error is reported once, with its cell
        if matches!(self.cell(name), Value::Error(_)) {
            return;
        }
        ctx.err(self.t.spec.name, Some(self.number()), self.column(name), message);
    }
    /// A `[%]` or `[%/yr]` column reads a percentage-formatted cell as Excel shows it (50%
    /// is 50); a `[share]` column as stored (50% is 0.5).
    fn percent_column(&self, name: &str) -> bool {
        self.col(name).is_some_and(|(_, c)| c.unit.starts_with('%'))
    }
    fn text(&self, name: &str) -> String {
        cell_text(self.cell(name))
    }
    fn opt_text(&self, name: &str) -> Option<String> {
        let t = self.text(name);
        (!t.trim().is_empty()).then_some(t)
    }
    fn req_text(&self, ctx: &mut Ctx, name: &str) -> String {
        let t = self.text(name).trim().to_string();
        if t.is_empty() {
            self.err(ctx, name, "empty: this column is required");
        }
        t
    }
    fn num(&self, ctx: &mut Ctx, name: &str) -> Option<f64> {
        if let Value::Percent(x) = self.cell(name)
            && self.percent_column(name)
        {
            return Some(x * 100.0);
        }
        match number(self.cell(name)) {
            Ok(x) => x,
            Err(m) => {
                self.err(ctx, name, m);
                None
            }
        }
    }
    fn req_num(&self, ctx: &mut Ctx, name: &str) -> f64 {
        match self.num(ctx, name) {
            Some(x) => x,
            None => {
                if self.cell(name).is_empty() {
                    self.err(ctx, name, "empty: a number is required");
                }
                0.0
            }
        }
    }
    fn int(&self, ctx: &mut Ctx, name: &str) -> Option<i64> {
        let x = self.num(ctx, name)?;
        if x.fract() != 0.0 || x.abs() > 1e9 {
            self.err(ctx, name, format!("{x} is not a whole number"));
            return None;
        }
        Some(x as i64)
    }
    fn year(&self, ctx: &mut Ctx, name: &str) -> i32 {
        // FY2030 reads as 2030, as in a path cell
        if let Value::Text(t) = self.cell(name)
            && let Some(y) = t
                .trim()
                .strip_prefix("FY")
                .and_then(|y| y.trim().parse::<i32>().ok())
        {
            return y;
        }
        match self.int(ctx, name) {
            Some(y) => y as i32,
            None => {
                if self.cell(name).is_empty() {
                    self.err(ctx, name, "empty: a fiscal year is required");
                }
                0
            }
        }
    }
    fn path(&self, ctx: &mut Ctx, name: &str, base_year: i32) -> Path {
        if let Value::Percent(x) = self.cell(name)
            && self.percent_column(name)
        {
            return Path::constant(base_year, x * 100.0);
        }
        match path_of(self.cell(name), base_year) {
            Ok(p) => p,
            Err(m) => {
                self.err(ctx, name, m);
                Path::default()
            }
        }
    }
    fn origin(&self, ctx: &mut Ctx, prefix: String) {
        ctx.origins.push(Origin {
            prefix,
            sheet: self.t.spec.name,
            row: self.number(),
            // two columns of one field (a saving in % or in MWh/yr): the one filled in
            cols: self
                .t
                .spec
                .cols
                .iter()
                .filter(|c| !c.field.is_empty())
                .filter(|c| {
                    !self.cell(c.name).is_empty()
                        || !self
                            .t
                            .spec
                            .cols
                            .iter()
                            .any(|o| o.field == c.field && o.name != c.name && !self.cell(o.name).is_empty())
                })
                .filter_map(|c| Some((c.field, self.column(c.name)?)))
                .collect(),
            value_col: None,
        });
    }
}

/// Text of a cell; a whole number reads without ".0" (an id typed as 2018).
fn cell_text(v: &Value) -> String {
    match v {
        // (spreadsheet errors are reported with their cell)
        Value::Empty | Value::Error(_) => String::new(),
        Value::Num(x) | Value::Percent(x) => x.to_string(),
        Value::Text(t) => t.clone(),
    }
}

/// A number cell, or text holding one (thousands separators allowed: 12,345.6).
fn number(v: &Value) -> Result<Option<f64>, String> {
    match v {
        Value::Empty => Ok(None),
        Value::Num(x) | Value::Percent(x) if x.is_finite() => Ok(Some(*x)),
        Value::Num(x) | Value::Percent(x) => Err(format!("{x} is not a finite number")),
        Value::Error(e) => Err(error_text(e)),
        Value::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            parse_number(t).map(Some).ok_or_else(|| {
                format!(
                    "not a number: \"{}\" (give the figure alone, in the column's unit)",
                    short(t)
                )
            })
        }
    }
}

pub fn parse_number(t: &str) -> Option<f64> {
    let t = t.trim();
    if let Ok(x) = t.parse::<f64>() {
        return x.is_finite().then_some(x);
    }
    // 12,345 or 1,234,567.5: commas every three digits only.
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = int.strip_prefix('-').unwrap_or(int);
    let groups: Vec<&str> = digits.split(',').collect();
    // (a first group of 0 or with a leading 0 is a decimal comma: "0,468" is not 468)
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && !groups[0].starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if !ok {
        return None;
    }
    let joined = format!(
        "{}{}{}",
        &int[..int.len() - digits.len()],
        groups.concat(),
        if frac.is_empty() {
            String::new()
        } else {
            format!(".{frac}")
        }
    );
    joined.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A time path: a number (one keyframe in the base year) or `year: value; …`.
pub fn path_of(v: &Value, base_year: i32) -> Result<Path, String> {
    match v {
        Value::Empty => Ok(Path::default()),
        Value::Num(_) | Value::Percent(_) | Value::Error(_) => {
            Ok(Path::constant(base_year, number(v)?.unwrap_or(0.0)))
        }
        Value::Text(t) => parse_path(t, base_year),
    }
}

/// A PPA's allocation, `SITE-A 0.5; SITE-B 0.5` (also `SITE-A: 0.5`, `=`, new lines); a site
/// alone takes the whole output. One result per part, the workbook and the window alike.
pub fn parse_allocation(text: &str) -> Vec<Result<(String, f64), String>> {
    let many = text.contains([';', '\n']);
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| match part.rsplit_once([' ', ':', '=']) {
            Some((id, x)) if parse_number(x).is_some() => Ok((
                id.trim().trim_end_matches([':', '=']).trim().to_string(),
                parse_number(x).unwrap_or(0.0),
            )),
            _ if !many => Ok((part.to_string(), 1.0)),
            _ => Err(format!("\"{part}\" needs a share: SITE 0.5")),
        })
        .collect()
}

/// Parses `2018: 0.1; 2030: 1` (also `=` for `:` and new lines for `;`); a plain number is a
/// constant.
pub fn parse_path(t: &str, base_year: i32) -> Result<Path, String> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(Path::default());
    }
    if let Some(x) = parse_number(t) {
        return Ok(Path::constant(base_year, x));
    }
    let mut out = Vec::new();
    for part in t.split([';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let Some((y, x)) = part.split_once([':', '=']) else {
            return Err(format!(
                "\"{part}\" is not a keyframe; write a number, or keyframes as 2018: 0.1; 2030: 1"
            ));
        };
        let y = y.trim().trim_start_matches("FY").trim();
        let year: i32 = y
            .parse()
            .map_err(|_| format!("\"{y}\" in \"{part}\" is not a fiscal year"))?;
        let value =
            parse_number(x).ok_or_else(|| format!("\"{}\" in \"{part}\" is not a number", x.trim()))?;
        out.push((year, value));
    }
    Ok(Path(out))
}

fn parse_enum<T: Copy>(t: &str, options: &[(&str, T)]) -> Option<T> {
    let key = norm(t).replace([' ', '-', '_'], "");
    options
        .iter()
        .find(|(n, _)| n.to_lowercase().replace([' ', '-', '_'], "") == key)
        .map(|(_, v)| *v)
}

fn enum_err(options: &[&str]) -> String {
    format!("must be one of {}", options.join(", "))
}

fn parse_bool(t: &str) -> Option<bool> {
    match norm(t).as_str() {
        "" | "no" | "false" | "0" | "n" => Some(false),
        "yes" | "true" | "1" | "y" => Some(true),
        _ => None,
    }
}

pub fn parse_scopes(t: &str) -> Option<Vec<Scope>> {
    let mut out = Vec::new();
    for part in t.split(['+', ',', '&']).map(str::trim).filter(|p| !p.is_empty()) {
        let s = norm(part).replace(' ', "");
        let s = s.trim_start_matches("scope");
        out.push(match s {
            "1" => Scope::Scope1,
            "2" => Scope::Scope2,
            "3" => Scope::Scope3,
            _ => return None,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// Builds the scenario the sheets describe: `Err` with every problem when there is any.
pub fn scenario(book: &Book) -> Result<Scenario, Vec<ImportError>> {
    let book = &*notation(book);
    let mut ctx = Ctx::default();
    near_misses(book, &mut ctx);
    let mut s = company(book, &mut ctx);
    let b = s.base_year;
    items(book, &mut ctx, &mut s, b);
    prices(book, &mut ctx, &mut s);
    // `check`'s rules too, so that every mistake is listed at once: not when the company's
    // years are wrong (every path would be), nor on a row that already has a problem (its
    // placeholder values would add noise).
    // With the years unread, the rest is checked over a horizon that holds every year given
    // (the years' own problem is already listed).
    let checked = if ctx.years_bad {
        let mut c = s.clone();
        c.base_year = 2000;
        c.last_year = 2100;
        c
    } else {
        s.clone()
    };
    {
        let marked: std::collections::HashSet<(String, Option<u32>, Option<String>)> = ctx
            .errors
            .iter()
            .map(|e| (e.sheet.clone(), e.row, e.column.clone()))
            .collect();
        let marked_rows: std::collections::HashSet<(String, Option<u32>)> =
            ctx.errors.iter().map(|e| (e.sheet.clone(), e.row)).collect();
        for p in crate::model::validate::validate(&checked) {
            // (over the stand-in horizon, a year's range says nothing)
            if ctx.years_bad
                && (p.path == "base_year"
                    || p.path == "last_year"
                    || p.message.contains("horizon")
                    || p.message.contains("base year"))
            {
                continue;
            }
            let (sheet, row, column) = place(&ctx.origins, &p.path);
            // a cell that already has a problem: its placeholder value would add noise; so would
            // a row's own message when the row has one, and any on a sheet whose header is wrong
            if row.is_some() && marked.contains(&(sheet.clone(), row, column.clone())) {
                continue;
            }
            if row.is_some() && column.is_none() && marked_rows.contains(&(sheet.clone(), row)) {
                continue;
            }
            if ctx.header_bad.iter().any(|h| same_name(h, &sheet)) {
                continue;
            }
            let message = if p.path.is_empty() {
                p.message.clone()
            } else {
                format!("{} ({})", p.message, p.path)
            };
            ctx.err(&sheet, row, column, message);
        }
    }
    if ctx.errors.is_empty() {
        return Ok(s);
    }
    let dropped = ctx.dropped;
    // In the workbook's order: sheet by sheet, row by row (the header's first).
    let order = |e: &ImportError| {
        let sheet = spec::SHEETS
            .iter()
            .position(|sp| same_name(sp.name, &e.sheet))
            .unwrap_or(usize::MAX);
        (sheet, e.row.unwrap_or(0))
    };
    ctx.errors.sort_by_key(order);
    if dropped > 0 {
        ctx.errors.push(ImportError::whole(format!(
            "… and {dropped} more problems not listed; fix these first"
        )));
    }
    Err(ctx.errors)
}

/// The sheet, row and column of a field path of `check`'s messages.
fn place(origins: &[Origin], path: &str) -> (String, Option<u32>, Option<String>) {
    let best = origins
        .iter()
        .filter(|o| {
            path == o.prefix
                || path
                    .strip_prefix(&o.prefix)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
        .max_by_key(|o| o.prefix.len());
    let Some(o) = best else {
        // a whole list (`sites`: too many, none …): its sheet
        let list: String = path
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let sheet = match list.as_str() {
            "sites" => spec::SITES,
            "regions" => spec::REGIONS,
            "fuels" => spec::FUELS,
            "materials" => spec::MATERIALS,
            "ppas" => spec::PPAS,
            "history" => spec::HISTORY,
            "targets" => spec::TARGETS,
            "cost" | "discount_rate_pct" | "carbon_price_jpy_per_t" => spec::PRICES,
            _ => spec::COMPANY,
        };
        return (sheet.into(), None, None);
    };
    if let Some(v) = &o.value_col {
        return (o.sheet.into(), Some(o.row), Some(v.clone()));
    }
    // the column whose field is the longest start of the rest (`kind.reduction_pct` before
    // `kind`)
    let rest = path[o.prefix.len()..].trim_start_matches('.');
    let column = o
        .cols
        .iter()
        .filter(|(f, _)| {
            rest == *f
                || rest
                    .strip_prefix(f)
                    .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
        })
        .max_by_key(|(f, _)| f.len())
        .map(|(_, c)| c.clone());
    (o.sheet.into(), Some(o.row), column)
}

/// The number cells of `;` CSV files in the usual notation: a European folder's decimal commas
/// become points (`1.234,5` → `1234.5`, paths too); in a `;` file of a folder that shows no
/// European number, `450.000` is refused as ambiguous. Text columns are left as they are.
fn notation(book: &Book) -> std::borrow::Cow<'_, Book> {
    use super::Numbers;
    if book.sheets.iter().all(|s| s.numbers == Numbers::Plain) {
        return std::borrow::Cow::Borrowed(book);
    }
    let mut b = book.clone();
    for sh in &mut b.sheets {
        if sh.numbers == Numbers::Plain {
            continue;
        }
        let Some(sp) = spec::sheet_spec(&sh.name) else {
            continue;
        };
        let header: Vec<String> = sh
            .rows
            .first()
            .map_or(Vec::new(), |h| h.iter().map(cell_text).collect());
        let at = |name: &str| header.iter().position(|h| same_name(&split_header(h).0, name));
        // number columns: by the header's unit; on key/value sheets, the value of a row with a unit
        let numeric: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                let (name, _) = split_header(h);
                sp.cols
                    .iter()
                    .any(|c| same_name(c.name, &name) && !c.unit.is_empty())
            })
            .map(|(j, _)| j)
            .collect();
        let kv = match sp.name {
            spec::COMPANY => Some((1, 2)),
            spec::PRICES => at("value").zip(at("unit")),
            _ => None,
        };
        let mode = sh.numbers;
        for row in sh.rows.iter_mut().skip(1) {
            let mut cols = numeric.clone();
            if let Some((v, u)) = kv
                && row.get(u).is_some_and(|c| !c.is_empty())
            {
                cols.push(v);
            }
            for j in cols {
                let Some(Value::Text(t)) = row.get(j) else {
                    continue;
                };
                let new = match mode {
                    Numbers::DecimalComma => Value::Text(super::io::from_european(t)),
                    _ if super::io::ambiguous_dots(t) => Value::Error(format!(
                        "\"{}\" is ambiguous in a file separated by ';' (a point or a thousands separator?): write it without the point, or with a decimal comma",
                        t.trim()
                    )),
                    _ => continue,
                };
                row[j] = new;
            }
        }
    }
    std::borrow::Cow::Owned(b)
}

/// Edit distance of two short names (case ignored), for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (norm(a).chars().collect(), norm(b).chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Sheets not read whose name is close to one of the workbook's: a typo would leave their data
/// out without a word.
fn near_misses(book: &Book, ctx: &mut Ctx) {
    // the sheets an export writes before the inventory's
    const RESULTS: [&str; 14] = [
        "README",
        "Trajectories",
        "By source",
        "By site",
        "Wedges",
        "Bridge",
        "KPIs",
        "Inputs",
        "Cost",
        "MACC",
        "Uncertainty fan",
        "Chance of meeting targets",
        "Tornado",
        "Uncertain inputs",
    ];
    for name in &book.skipped {
        if RESULTS.iter().any(|r| same_name(r, name)) {
            continue;
        }
        let near = spec::SHEETS
            .iter()
            .filter(|sp| book.sheet(sp.name).is_none())
            .map(|sp| (distance(name, sp.name), sp.name))
            .min();
        // a copy or a version of a sheet ("Fuel use (2)", "Copy of Targets", "Targets old"),
        // or its first words ("Prices", "Own gen")
        let n = norm(name);
        let copy_of = |want: &str| {
            let w = norm(want);
            let rest = n.strip_prefix(&w).map(str::trim);
            n.strip_prefix("copy of ").is_some_and(|r| r.trim() == w)
                || rest.is_some_and(|r| {
                    let r = r.trim_start_matches(['_', '-', ' ']);
                    (r.starts_with('(') && r.ends_with(')'))
                        || ["old", "copy", "new", "(copy)"].contains(&r)
                        || r.chars().all(|c| c.is_ascii_digit()) && !r.is_empty()
                })
        };
        let within = spec::SHEETS
            .iter()
            .filter(|sp| book.sheet(sp.name).is_none())
            .find(|sp| copy_of(sp.name) || (n.len() >= 4 && norm(sp.name).starts_with(&format!("{n} "))))
            .map(|sp| (0, sp.name));
        // a typo: one letter in a short name, two in a longer one
        let near = near.filter(|(d, _)| *d <= if n.chars().count() < 6 { 1 } else { 2 });
        if let Some((_, want)) = within.or(near) {
            ctx.err(
                name,
                None,
                None,
                format!("this sheet is not read: name it \"{want}\" (the workbook's sheets are named as in the template)"),
            );
        }
    }
}

mod company;
mod items;
use company::company;
use items::{items, prices};
