//! The inventory workbook: a scenario's inputs as the sheets a planning team keeps in Excel
//! (Company, Sites, Fuel use, Regions, Fuels, Materials, PPAs, History, Targets, Prices and
//! capex …), one header row of named columns with their units, one row per item.
//!
//! [`write::sheets`] turns a scenario into sheets (the template, `export --xlsx`);
//! [`read::scenario`] turns filled sheets back into a scenario, with every problem named by
//! sheet, row and column, all at once. Uncertainty and goal-seek settings stay in the scenario
//! file. [`io`] reads an `.xlsx` (calamine) or a folder of CSV files into [`Book`].
//!
//! Cells: numbers are numbers; a time path is a number (the same value in every year) or
//! keyframes as text, `2018: 0.12; 2030: 1`; a row whose first cell starts with `#` is a note
//! (the template's example rows) and is skipped.

pub mod io;
pub mod read;
pub mod spec;
pub mod write;

pub use read::{ImportError, scenario};
pub use spec::{SHEETS, SheetSpec};

/// Reads a workbook or CSV folder and builds the scenario it describes (validated like a
/// scenario file and run once): every problem, or the scenario.
pub fn import(path: &std::path::Path) -> Result<crate::model::Scenario, Vec<ImportError>> {
    let book = io::load(path).map_err(|m| vec![ImportError::whole(m)])?;
    let s = scenario(&book)?;
    // The same gate as opening a file: a projection that is not finite is refused.
    let text = crate::model::to_string(&s).map_err(|m| vec![ImportError::whole(m)])?;
    crate::file::parse(text.as_bytes()).map_err(|e| e.lines().into_iter().map(ImportError::whole).collect())
}

/// Like [`import`], keeping the uncertainty and goal-seek settings of `onto` (the scenario the
/// workbook was exported from), so that a round trip through Excel loses nothing. Settings
/// that name an item the workbook no longer has are reported, as `check` reports them.
pub fn import_onto(
    path: &std::path::Path,
    onto: &crate::model::Scenario,
) -> Result<crate::model::Scenario, Vec<ImportError>> {
    let mut s = import(path)?;
    s.uncertainty = onto.uncertainty.clone();
    s.goal_seek = onto.goal_seek.clone();
    let problems = crate::model::validate::validate(&s);
    if problems.is_empty() {
        Ok(s)
    } else {
        Err(problems
            .into_iter()
            .map(|p| ImportError {
                sheet: "settings kept from the scenario file".into(),
                row: None,
                column: None,
                message: format!("{}: {}", p.path, p.message),
            })
            .collect())
    }
}

/// One cell as read from a workbook or CSV file.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Num(f64),
    /// A number shown as a percentage in the spreadsheet (`50%` is stored as 0.5): read as
    /// 50 in a `[%]` column, as 0.5 in a `[share]` column, as the user sees it.
    Percent(f64),
    Text(String),
    /// A spreadsheet error (`#N/A`, `#REF!` …): reported, never read as a value.
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            Value::Num(_) | Value::Percent(_) | Value::Error(_) => false,
        }
    }
}

/// One sheet: `rows[0]` is the header. `first_row`/`first_col` (0-based) place `rows[0][0]`
/// in the sheet, so that messages give the row and column the user sees.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Value>>,
    pub first_row: u32,
    pub first_col: u32,
    /// How its text numbers are written (CSV files: `;` files may be European).
    pub numbers: Numbers,
}

/// The notation of a sheet's numbers typed as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Numbers {
    /// `1,234.5` (or a workbook's own numbers).
    #[default]
    Plain,
    /// A `;` CSV of a folder that shows no European number: `450.000` is refused as ambiguous.
    Semicolon,
    /// A `;` CSV of a European folder: `1.234,5`.
    DecimalComma,
}

/// The sheets of a workbook (or the CSV files of a folder).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Book {
    pub sheets: Vec<Sheet>,
    /// Sheets (or CSV files) that are not the workbook's, by name: one named like a sheet of
    /// the workbook is reported (a typo would silently leave its data out).
    pub skipped: Vec<String>,
}

impl Book {
    /// The sheet of that name (case and spaces ignored).
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| spec::same_name(&s.name, name))
    }
}

/// A note row's first cell: `#` alone or followed by a space (the template's example rows,
/// `# SMELTER`). An id such as `#2_furnace` is data.
pub fn is_note(first: &str) -> bool {
    let t = first.trim_start();
    t == "#" || t.starts_with("# ")
}

/// Spreadsheet letters of a 0-based column: 0 → A, 26 → AA.
pub fn column_letters(mut c: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A path as one cell: a plain number when it is one keyframe in the base year, else
/// `year: value` keyframes separated by `; ` (f64's shortest exact form, so it reads back
/// bit for bit).
pub fn path_cell(p: &crate::model::Path, base_year: i32) -> Value {
    match p.0.as_slice() {
        [] => Value::Empty,
        [(y, v)] if *y == base_year => Value::Num(*v),
        k => Value::Text(
            k.iter()
                .map(|(y, v)| format!("{y}: {v}"))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
