//! Workbooks on disk: an `.xlsx` read with calamine (cell by cell, bounded: a hostile file's
//! far-away cell or zip bomb is refused, not allocated) or a folder of CSV files, one per sheet
//! (`Sites.csv` …); and the template and input sheets written with rust_xlsxwriter (text as
//! strings, never formulas).

use super::spec::{self, SHEETS};
use super::write;
use super::{Book, Numbers, Sheet, Value};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::io::Read;
use std::path::Path;

/// Largest workbook or CSV file read [bytes].
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// Largest sum of a workbook's uncompressed parts [bytes] (a zip bomb is refused unread).
pub const MAX_UNCOMPRESSED: u64 = 256 * 1024 * 1024;
/// Largest sheet read: rows and columns (far above any company's inventory).
pub const MAX_ROWS: u32 = 100_000;
pub const MAX_COLS: u32 = 200;
/// Most cells read from a whole workbook or folder (each row to its last used cell): about
/// 64 MB of cells, whatever the shape of the sheets.
pub const MAX_CELLS: usize = 2_000_000;

/// Reads a workbook (`.xlsx`) or a folder of CSV files.
pub fn load(path: &Path) -> Result<Book, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return read_csv_dir(path);
    }
    if !meta.is_file() {
        return Err("is not a regular file; give an .xlsx workbook or a folder of CSV files".into());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    if ext != "xlsx" && ext != "xlsm" {
        return Err("give an .xlsx workbook or a folder of CSV files (one per sheet: Sites.csv …)".into());
    }
    read_xlsx(&read_bounded(path)?)
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if len > MAX_BYTES {
        return Err(format!(
            "is {:.1} MB; workbooks up to {} MB are read",
            len as f64 / 1e6,
            MAX_BYTES / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    std::fs::File::open(path)
        .map_err(|e| e.to_string())?
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

fn is_ours(name: &str) -> bool {
    spec::sheet_spec(name).is_some()
}

/// Reads the sheets of the spec from an `.xlsx`; other sheets (results, the README) are
/// skipped.
pub fn read_xlsx(bytes: &[u8]) -> Result<Book, String> {
    use calamine::{DataRef, Reader, Xlsx};
    let not_xlsx = |e: String| format!("is not a readable .xlsx workbook ({e})");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_xlsx(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| not_xlsx(e.to_string()))?;
        total = total.saturating_add(f.size());
    }
    if total > MAX_UNCOMPRESSED {
        return Err(format!(
            "unpacks to {} MB; workbooks up to {} MB unpacked are read",
            total / 1_000_000,
            MAX_UNCOMPRESSED / (1024 * 1024)
        ));
    }
    let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| not_xlsx(e.to_string()))?;
    let mut book = Book::default();
    let mut cells_read = 0usize;
    for name in x.sheet_names() {
        if !is_ours(&name) {
            book.skipped.push(name);
            continue;
        }
        let mut cells: Vec<((u32, u32), Value)> = Vec::new();
        let mut reader = x
            .worksheet_cells_reader(&name)
            .map_err(|e| format!("sheet {name}: {e}"))?;
        // A cell's number format says whether Excel shows it as a percentage.
        let percent: Vec<bool> = reader
            .styles()
            .iter()
            .map(|st| {
                st.number_format
                    .as_ref()
                    .is_some_and(|f| f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10)))
            })
            .collect();
        while let Some((c, style)) = reader
            .next_cell_with_style_id()
            .map_err(|e| format!("sheet {name}: {e}"))?
        {
            let (r, col) = c.get_position();
            if r >= MAX_ROWS || col >= MAX_COLS {
                return Err(format!(
                    "sheet {name} has a cell at row {}, column {}; sheets up to {MAX_ROWS} rows and {MAX_COLS} columns are read",
                    r + 1,
                    super::column_letters(col)
                ));
            }
            let pct = percent.get(style).copied().unwrap_or(false);
            let num = |x: f64| if pct { Value::Percent(x) } else { Value::Num(x) };
            let v = match c.get_value() {
                DataRef::Empty => continue,
                DataRef::Int(i) => num(*i as f64),
                DataRef::Float(f) => num(*f),
                DataRef::String(s) => Value::Text(s.clone()),
                DataRef::SharedString(s) => Value::Text((*s).to_string()),
                DataRef::Bool(b) => Value::Text(if *b { "yes" } else { "no" }.into()),
                DataRef::DateTime(d) => Value::Num(d.as_f64()),
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
                DataRef::Error(e) => Value::Error(e.to_string()),
            };
            cells.push(((r, col), v));
        }
        let sheet = dense(name, cells, &mut cells_read)?;
        book.sheets.push(sheet);
    }
    Ok(book)
}

/// Cells placed in rows from the sheet's first used row and column; refused when the rows,
/// each to its last used cell, would pass [`MAX_CELLS`] with the sheets before.
fn dense(name: String, cells: Vec<((u32, u32), Value)>, total: &mut usize) -> Result<Sheet, String> {
    let r0 = cells.iter().map(|((r, _), _)| *r).min().unwrap_or(0);
    let c0 = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    let mut widths: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    for ((r, c), _) in &cells {
        let w = widths.entry(*r).or_insert(0);
        *w = (*w).max(c - c0 + 1);
    }
    *total += widths.values().map(|w| *w as usize).sum::<usize>();
    if *total > MAX_CELLS {
        return Err(format!(
            "sheet {name}: the workbook holds more than {MAX_CELLS} cells; an inventory needs far fewer"
        ));
    }
    let mut rows: Vec<Vec<Value>> = Vec::new();
    for ((r, c), v) in cells {
        let (r, c) = ((r - r0) as usize, (c - c0) as usize);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Value::Empty);
        }
        row[c] = v;
    }
    Ok(Sheet {
        name,
        rows,
        first_row: r0,
        first_col: c0,
        numbers: Numbers::Plain,
    })
}

/// Reads `<sheet>.csv` files of a folder (names compared without case). `,` or `;` separates
/// fields (a European Excel writes `;`); every file that is not UTF-8 is named.
pub fn read_csv_dir(dir: &Path) -> Result<Book, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    let mut book = Book::default();
    let mut not_utf8 = Vec::new();
    let mut european = false;
    let mut cells_read = 0usize;
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for e in entries {
        let e = e.map_err(|e| e.to_string())?;
        files.push((e.file_name().to_string_lossy().to_string(), e.path()));
    }
    files.sort();
    for (file, path) in files {
        let Some(stem) = file.strip_suffix(".csv").or_else(|| file.strip_suffix(".CSV")) else {
            continue;
        };
        let Some(sp) = spec::sheet_spec(stem) else {
            book.skipped.push(stem.to_string());
            continue;
        };
        // (a link to a file is read like the file)
        if !std::fs::metadata(&path)
            .map_err(|e| format!("{file}: {e}"))?
            .is_file()
        {
            continue;
        }
        let bytes = read_bounded(&path).map_err(|m| format!("{file} {m}"))?;
        let Ok(text) = String::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec())
        else {
            not_utf8.push(file);
            continue;
        };
        let first = text.lines().next().unwrap_or("");
        let delimiter = if first.matches(';').count() > first.matches(',').count() {
            b';'
        } else {
            b','
        };
        // A `;` file may come from a European Excel: whether its numbers have decimal commas is
        // decided for the whole folder below, and the cells of number columns read so.
        let semicolon = delimiter == b';';
        let evidence = semicolon
            && text.split([';', '\n', '\r']).any(|f| {
                let f = f.trim().trim_matches('"');
                // a field, or the value of a keyframe ("2023: 0,6335")
                european_evidence(f)
                    || f.rsplit_once([':', '='])
                        .is_some_and(|(_, v)| european_evidence(v.trim().trim_matches('"')))
            });
        european |= evidence;
        let mut rows: Vec<Vec<Value>> = Vec::new();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        // the file's own line numbers (the reader skips blank lines): counted from each
        // record's byte offset
        let (mut at, mut line) = (0usize, 1usize);
        for rec in rdr.records() {
            let rec = rec.map_err(|e| format!("{file}: {e}"))?;
            if let Some(p) = rec.position() {
                // (the position is where the reader stood: before the blank lines it skips)
                let bytes = text.as_bytes();
                let mut to = (p.byte() as usize).min(bytes.len());
                while to < bytes.len() && (bytes[to] == b'\n' || bytes[to] == b'\r') {
                    to += 1;
                }
                line += bytes[at.min(to)..to].iter().filter(|b| **b == b'\n').count();
                at = to;
            }
            if line as u32 > MAX_ROWS || rec.len() as u32 > MAX_COLS {
                return Err(format!(
                    "{file} is larger than {MAX_ROWS} rows or {MAX_COLS} columns"
                ));
            }
            cells_read += rec.len().max(1);
            if cells_read > MAX_CELLS {
                return Err(format!(
                    "{file}: the folder holds more than {MAX_CELLS} cells; an inventory needs far fewer"
                ));
            }
            while rows.len() + 1 < line {
                rows.push(Vec::new());
            }
            rows.push(rec.iter().map(csv_value).collect());
        }
        // (a first line left empty: the sheet starts at its first row with anything)
        let skip = rows.iter().take_while(|r| r.iter().all(Value::is_empty)).count();
        if book.sheet(sp.name).is_some() {
            return Err(format!(
                "{file}: a second file for the sheet {}; keep one",
                sp.name
            ));
        }
        book.sheets.push(Sheet {
            name: sp.name.to_string(),
            rows: rows.split_off(skip.min(rows.len())),
            first_row: skip as u32,
            first_col: 0,
            numbers: if semicolon {
                Numbers::Semicolon
            } else {
                Numbers::Plain
            },
        });
    }
    // one European file makes the folder European: its `;` files have decimal commas
    if european {
        for sh in &mut book.sheets {
            if sh.numbers == Numbers::Semicolon {
                sh.numbers = Numbers::DecimalComma;
            }
        }
    }
    if !not_utf8.is_empty() {
        return Err(format!(
            "{} {} not UTF-8 text (save each CSV as \"CSV UTF-8\")",
            not_utf8.join(", "),
            if not_utf8.len() == 1 { "is" } else { "are" }
        ));
    }
    if book.sheets.is_empty() {
        return Err("holds no sheet of the workbook as CSV (Company.csv, Sites.csv …)".into());
    }
    Ok(book)
}

/// A number only a European notation writes: a decimal comma that cannot be a thousands
/// separator (`0,0693`, `16234,1`, `12,5`, `1.234,5`) or dots every three digits more than once
/// (`1.234.567`). `1,234` and `1.234` say nothing (either notation).
fn european_evidence(f: &str) -> bool {
    let f = f.strip_prefix('-').unwrap_or(f);
    let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    match f.split_once(',') {
        Some((int, frac)) => {
            let groups: Vec<&str> = int.split('.').collect();
            digits(frac)
                && groups.iter().all(|g| digits(g))
                && (groups.len() == 1 || groups[1..].iter().all(|g| g.len() == 3))
                && (groups.len() > 1 || frac.len() != 3 || int.starts_with('0') || int.len() > 3)
        }
        None => {
            let groups: Vec<&str> = f.split('.').collect();
            groups.len() > 2
                && groups.iter().all(|g| digits(g))
                && (1..=3).contains(&groups[0].len())
                && !groups[0].starts_with('0')
                && groups[1..].iter().all(|g| g.len() == 3)
        }
    }
}

/// `1.234` or `450.000` in a `;` file that shows no European number elsewhere: 1.234 or 1234?
pub(super) fn ambiguous_dots(f: &str) -> bool {
    let f = f.trim();
    let f = f.strip_prefix('-').unwrap_or(f);
    let Some((int, frac)) = f.split_once('.') else {
        return false;
    };
    (1..=3).contains(&int.len())
        && !int.starts_with('0')
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.len() == 3
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// A European number (or a path of them) in the usual notation; any other text as it is.
pub(super) fn from_european(f: &str) -> String {
    let t = f.trim();
    let number = |x: &str| {
        let x = x.trim();
        let neg = x.starts_with('-');
        let body = x.trim_start_matches('-');
        let groups: Vec<&str> = body.split(',').next().unwrap_or("").split('.').collect();
        // (a first group of 0 is a decimal point written the English way: "0.125")
        let grouped =
            groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) && !groups[0].starts_with('0');
        let ok = !body.is_empty()
            && body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && body.matches(',').count() <= 1
            && (groups.len() == 1 || grouped);
        ok.then(|| {
            format!(
                "{}{}",
                if neg { "-" } else { "" },
                body.replace('.', "").replace(',', ".")
            )
        })
    };
    if let Some(n) = number(t) {
        return n;
    }
    // a path: "2018: 0,463; 2030: 0,25"
    let parts: Vec<&str> = t.split(';').map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut out = Vec::new();
    for p in &parts {
        let Some((y, v)) = p.split_once([':', '=']) else {
            return f.to_string();
        };
        let y = y.trim();
        if !y.trim_start_matches("FY").chars().all(|c| c.is_ascii_digit()) {
            return f.to_string();
        }
        let Some(v) = number(v) else { return f.to_string() };
        out.push(format!("{y}: {v}"));
    }
    if out.is_empty() {
        f.to_string()
    } else {
        out.join("; ")
    }
}

/// Text our CSV files guard with a leading `'` (a spreadsheet would read it as a formula, or it
/// starts with the guard itself).
fn guarded(t: &str) -> bool {
    t.starts_with(['=', '+', '-', '@', '\t', '\r', '\''])
}

/// A CSV field: text, with the quote our CSV files put before `= + - @ '` removed.
fn csv_value(f: &str) -> Value {
    let f = match f.strip_prefix('\'') {
        Some(rest) if guarded(rest) => rest,
        _ => f,
    };
    if f.trim().is_empty() {
        Value::Empty
    } else {
        Value::Text(f.to_string())
    }
}

fn err(e: XlsxError) -> String {
    format!("could not write the workbook: {e}")
}

/// Writes one data sheet: the header bold on grey and frozen, note rows grey italic.
fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(0xEEEEEE)
        .set_border_bottom(FormatBorder::Thin);
    let note = Format::new().set_italic().set_font_color(0x808080);
    ws.set_name(&sheet.name)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        let is_note = matches!(row.first(), Some(Value::Text(t)) if super::is_note(t));
        for (c, v) in row.iter().enumerate() {
            let (rr, cc) = (r as u32, c as u16);
            match (v, r == 0, is_note) {
                (Value::Text(t), true, _) => {
                    ws.write_string_with_format(rr, cc, t, &head)?;
                }
                (Value::Text(t), false, true) => {
                    ws.write_string_with_format(rr, cc, t, &note)?;
                }
                (Value::Num(x) | Value::Percent(x), false, true) => {
                    ws.write_number_with_format(rr, cc, *x, &note)?;
                }
                (Value::Text(t), ..) => {
                    ws.write_string(rr, cc, t)?;
                }
                (Value::Num(x) | Value::Percent(x), ..) => {
                    ws.write_number(rr, cc, *x)?;
                }
                (Value::Error(t), ..) => {
                    ws.write_string(rr, cc, t)?;
                }
                (Value::Empty, ..) => {}
            }
        }
    }
    let cols = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    for c in 0..cols {
        let longest = sheet
            .rows
            .iter()
            .filter_map(|r| match r.get(c) {
                Some(Value::Text(t) | Value::Error(t)) => Some(t.chars().count()),
                _ => None,
            })
            .max()
            .unwrap_or(8);
        ws.set_column_width(c as u16, (longest as f64 + 2.0).clamp(10.0, 50.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_readme(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    ws.set_name("README")?;
    for (r, line) in write::readme().iter().enumerate() {
        for (c, t) in line.iter().enumerate() {
            if t.is_empty() {
                continue;
            }
            if r == 0 || line[0] == "sheet" || line[0].ends_with("fields") || line[0] == "Price item" {
                ws.write_string_with_format(r as u32, c as u16, t, &bold)?;
            } else {
                ws.write_string(r as u32, c as u16, t)?;
            }
        }
    }
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(2, 9)?;
    ws.set_column_width(3, 90)?;
    Ok(())
}

/// Adds the README and the data sheets of `book` to a workbook.
pub fn add_sheets(wb: &mut Workbook, book: &Book, readme: bool) -> Result<(), String> {
    if readme {
        write_readme(wb.add_worksheet()).map_err(err)?;
    }
    for sheet in &book.sheets {
        write_sheet(wb.add_worksheet(), sheet).map_err(err)?;
    }
    Ok(())
}

/// The empty template as `.xlsx` bytes: README first, then every sheet with its example row.
pub fn template_xlsx() -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    add_sheets(&mut wb, &write::template(), true)?;
    wb.save_to_buffer().map_err(err)
}

/// A scenario's inputs alone as `.xlsx` bytes (README first).
pub fn inputs_xlsx(s: &crate::model::Scenario) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    add_sheets(&mut wb, &write::sheets(s), true)?;
    wb.save_to_buffer().map_err(err)
}

/// A book as CSV files, one per sheet (`<sheet>.csv`), text guarded against formulas.
pub fn csv_files(book: &Book) -> Vec<(String, Vec<u8>)> {
    book.sheets
        .iter()
        .map(|s| {
            let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
            for row in &s.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|v| match v {
                        Value::Empty => String::new(),
                        Value::Num(x) | Value::Percent(x) => x.to_string(),
                        Value::Text(t) | Value::Error(t) if guarded(t) => format!("'{t}"),
                        Value::Text(t) | Value::Error(t) => t.clone(),
                    })
                    .collect();
                let _ = w.write_record(&cells);
            }
            (format!("{}.csv", s.name), w.into_inner().unwrap_or_default())
        })
        .collect()
}

/// The README sheet as a CSV file, for the template's folder.
pub fn readme_csv() -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for line in write::readme() {
        let cells: Vec<String> = line
            .iter()
            .map(|t| if guarded(t) { format!("'{t}") } else { t.clone() })
            .collect();
        let _ = w.write_record(&cells);
    }
    w.into_inner().unwrap_or_default()
}

/// Every sheet name of the workbook (for messages).
pub fn sheet_names() -> Vec<&'static str> {
    SHEETS.iter().map(|s| s.name).collect()
}
