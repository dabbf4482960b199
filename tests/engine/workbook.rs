use super::load;
use decarb::engine::project;
use decarb::model::Scenario;
use decarb::workbook::{self, Value, io, spec, write};

#[path = "../common/workbooks.rs"]
mod workbooks;

/// The scenario a workbook carries: everything but uncertainty and goal-seek settings.
fn inputs_of(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    s.uncertainty = Default::default();
    s.goal_seek = None;
    s
}

/// `export --xlsx` of each shipped scenario, read back (calamine) and imported, is the same
/// scenario (uncertainty and goal seek aside) and gives the same emissions in every year.
#[test]
fn export_xlsx_imported_again_gives_the_same_scenario_and_emissions() {
    for name in ["jx-metals-2018.ron", "jmia-nonferrous-2013.ron", "nlm-2013.ron"] {
        let s = load(name);
        let bytes = decarb::export::xlsx::workbook(&s).unwrap();
        let book = io::read_xlsx(&bytes).unwrap();
        let back = workbook::scenario(&book).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(back, inputs_of(&s), "{name}");
        let (a, b) = (project(&s), project(&back));
        for year in s.base_year..=s.last_year {
            assert_eq!(a.totals(year), b.totals(year), "{name} FY{year}");
        }
        // and through the CSV files of `export --csv-dir`
        let csv = io::csv_files(&write::sheets(&s));
        let dir = tempfile::tempdir().unwrap();
        for (f, bytes) in &csv {
            std::fs::write(dir.path().join(f), bytes).unwrap();
        }
        let again = workbook::scenario(&io::read_csv_dir(dir.path()).unwrap()).unwrap();
        assert_eq!(again, inputs_of(&s), "{name} via CSV");
    }
}

/// The template filled by hand with JX's FY2018 inventory gives the FY2018 emissions of the
/// shipped JX scenario (the 181万t baseline and its split), and its headers are the
/// template's.
#[test]
fn the_template_filled_with_jx_figures_gives_the_shipped_fy2018_emissions() {
    let dir = workbooks::jx_inventory_dir();
    let book = io::read_csv_dir(&dir).unwrap();
    let template = write::template();
    for sheet in &book.sheets {
        let t = template.sheet(&sheet.name).unwrap();
        let header = |s: &decarb::workbook::Sheet| -> Vec<String> {
            s.rows[0]
                .iter()
                .map(|v| match v {
                    Value::Text(t) => t.clone(),
                    _ => String::new(),
                })
                .collect()
        };
        for h in header(sheet) {
            assert!(
                header(t).contains(&h),
                "{}: {h} is not a template column",
                sheet.name
            );
        }
    }
    let imported = workbook::import(&dir).unwrap_or_else(|e| panic!("{e:?}"));
    let shipped = load("jx-metals-2018.ron");
    let (a, b) = (project(&imported), project(&shipped));
    let (x, y) = (a.totals(2018).unwrap(), b.totals(2018).unwrap());
    for (what, u, v) in [
        ("Scope 1", x.scope1, y.scope1),
        ("Scope 2 market", x.scope2_market, y.scope2_market),
        ("Scope 2 location", x.scope2_location, y.scope2_location),
        ("Scope 3", x.scope3, y.scope3),
    ] {
        assert!((u - v).abs() <= 1e-9 * v.abs(), "{what}: {u} vs {v}");
    }
    // the seeds' FY2018 total: 181万t Scope 1+2 (000:L46-48)
    let total = x.scope12();
    assert!((total - 1.81e6).abs() < 0.01e6, "{total}");
    // thousands separators as typed ("416,000") read as numbers
    assert_eq!(imported.sites[0].production_t, 416_000.0);
}

/// Five deliberate mistakes in an .xlsx are all reported at once, each with its sheet, row
/// and column.
#[test]
fn five_mistakes_are_all_reported_with_sheet_row_and_column() {
    let (book, expected) = workbooks::five_mistakes();
    let bytes = workbooks::xlsx(&book);
    let read = io::read_xlsx(&bytes).unwrap();
    let errors = workbook::scenario(&read).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 5, "{text:#?}");
    for (sheet, row, col) in expected {
        assert!(
            errors.iter().any(|e| e.sheet == sheet
                && e.row == Some(row)
                && e.column
                    .as_deref()
                    .is_some_and(|c| c.starts_with(&format!("{col} ")))),
            "{sheet} row {row} column {col} not reported: {text:#?}"
        );
    }
    assert!(
        text.iter()
            .any(|t| t.contains("unit [TJ] given, this column is in [GJ]")),
        "{text:#?}"
    );
    assert!(text.iter().any(|t| t.contains("natual_gas")), "{text:#?}");
}

#[test]
fn the_template_documents_every_column_and_imports_to_named_problems_only() {
    let t = write::template();
    for sp in spec::SHEETS {
        let sheet = t.sheet(sp.name).unwrap();
        assert_eq!(sheet.rows[0].len(), sp.cols.len(), "{}", sp.name);
        if !sp.example.is_empty() {
            assert_eq!(sp.example.len(), sp.cols.len(), "{} example", sp.name);
        }
    }
    let readme = write::readme();
    for sp in spec::SHEETS {
        for c in sp.cols {
            assert!(
                readme.iter().any(|l| l[0] == sp.name && l[1] == c.header()),
                "{} {}",
                sp.name,
                c.name
            );
        }
    }
    // the template as written: examples are notes, so only the Company fields are missing
    let bytes = io::template_xlsx().unwrap();
    let errors = workbook::scenario(&io::read_xlsx(&bytes).unwrap()).unwrap_err();
    assert!(errors.iter().all(|e| e.sheet == "Company"), "{errors:?}");
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn paths_cells_read_numbers_keyframes_and_refuse_the_rest() {
    use decarb::model::Path;
    use decarb::workbook::read::parse_path;
    assert_eq!(parse_path("0.5", 2018).unwrap(), Path(vec![(2018, 0.5)]));
    assert_eq!(
        parse_path("2018: 0; FY2030 = 1", 2018).unwrap(),
        Path(vec![(2018, 0.0), (2030, 1.0)])
    );
    assert_eq!(parse_path("1,200", 2018).unwrap(), Path(vec![(2018, 1200.0)]));
    assert!(parse_path("2018 0.5", 2018).is_err());
    assert!(parse_path("20x8: 0.5", 2018).is_err());
    assert!(parse_path("2018: half", 2018).is_err());
    // a path cell writes back to the same keyframes, bit for bit
    let p = Path(vec![(2019, 0.1 + 0.2), (2030, 1.0 / 3.0)]);
    match decarb::workbook::path_cell(&p, 2018) {
        Value::Text(t) => assert_eq!(parse_path(&t, 2018).unwrap(), p),
        v => panic!("{v:?}"),
    }
}

/// Hostile workbooks: a cell far away, a zip bomb, a file that is not a workbook: refused
/// with a message, nothing allocated for the empty space.
#[test]
fn hostile_workbooks_are_refused_with_a_message() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sites").unwrap();
    ws.write_string(0, 0, "id").unwrap();
    ws.write_string(1_048_575, 16_383, "far").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let e = io::read_xlsx(&bytes).unwrap_err();
    assert!(e.contains("sheet Sites has a cell at row 1048576"), "{e}");
    assert!(
        io::read_xlsx(b"not a zip")
            .unwrap_err()
            .contains("not a readable .xlsx")
    );
    // the units of a key/value row are checked too
    let mut b = io::read_csv_dir(&workbooks::jx_inventory_dir()).unwrap();
    let c = b.sheets.iter_mut().find(|s| s.name == "Company").unwrap();
    c.rows.push(vec![
        Value::Text("primary energy per MWh".into()),
        Value::Num(3.6),
        Value::Text("MJ/kWh".into()),
    ]);
    let errors = workbook::scenario(&b).unwrap_err();
    assert!(errors[0].to_string().contains("unit MJ/kWh given"), "{errors:?}");
}
