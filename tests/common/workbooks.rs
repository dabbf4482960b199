//! Workbooks shared by the library and CLI tests of the import.

use decarb::workbook::{Book, Value, io};
use std::path::{Path, PathBuf};

/// The template filled by hand with JX Metals' FY2018 inventory (tests/data/jx-inventory).
pub fn jx_inventory_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jx-inventory")
}

fn set(book: &mut Book, sheet: &str, row: usize, col: usize, v: Value) {
    let s = book
        .sheets
        .iter_mut()
        .find(|s| s.name == sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    s.rows[row][col] = v;
}

fn find(book: &Book, sheet: &str, first: &str) -> usize {
    let s = book.sheet(sheet).unwrap();
    s.rows
        .iter()
        .position(|r| matches!(r.first(), Some(Value::Text(t)) if t == first))
        .unwrap_or_else(|| panic!("no row {first} on {sheet}"))
}

/// The JX inventory with five deliberate mistakes, and where each must be reported:
/// (sheet, spreadsheet row, column letter).
pub fn five_mistakes() -> (Book, Vec<(&'static str, u32, &'static str)>) {
    let mut b = io::read_csv_dir(&jx_inventory_dir()).unwrap();
    // 1. a figure with its unit typed in: Kurami's production "24 kt"
    let kurami = find(&b, "Sites", "kurami");
    set(&mut b, "Sites", kurami, 3, Value::Text("24 kt".into()));
    // 2. a header in another unit: fuel use in TJ
    set(&mut b, "Fuel use", 0, 2, Value::Text("energy [TJ]".into()));
    // 3. a fuel id that links to nothing (check's rule, placed on its row)
    let hitachi = find(&b, "Fuel use", "hitachi");
    set(&mut b, "Fuel use", hitachi, 1, Value::Text("natual_gas".into()));
    // 4. a keyframe without its colon
    let japan = find(&b, "Regions", "japan");
    set(
        &mut b,
        "Regions",
        japan,
        2,
        Value::Text("2018: 0.463; 2030 0.25".into()),
    );
    // 5. a percentage typed with its sign in a [%] column
    set(&mut b, "Targets", 1, 6, Value::Text("50%".into()));
    let expected = vec![
        ("Sites", kurami as u32 + 1, "D"),
        ("Fuel use", 1, "C"),
        ("Fuel use", hitachi as u32 + 1, "B"),
        ("Regions", japan as u32 + 1, "C"),
        ("Targets", 2, "G"),
    ];
    (b, expected)
}

/// A book as .xlsx bytes (README first), as a user's workbook would be.
pub fn xlsx(book: &Book) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    io::add_sheets(&mut wb, book, true).unwrap();
    wb.save_to_buffer().unwrap()
}
