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
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "Company, row 2, column B \"value\": empty: name the scenario",
            "Company, row 7, column B \"value\": empty: \"base year\" is required",
            "Company, row 8, column B \"value\": empty: \"last year\" is required",
            "Regions: at least one grid region is needed (regions)",
        ]
    );
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
    // a PPA's allocation, as the workbook and the window read it
    use decarb::workbook::read::parse_allocation;
    let ok = |t: &str| parse_allocation(t).into_iter().collect::<Result<Vec<_>, _>>();
    assert_eq!(ok("KURAMI").unwrap(), [("KURAMI".to_string(), 1.0)]);
    assert_eq!(
        ok("SITE-A 0.5; SITE-B: 0.25\nSITE-C=0.25").unwrap(),
        [
            ("SITE-A".to_string(), 0.5),
            ("SITE-B".to_string(), 0.25),
            ("SITE-C".to_string(), 0.25)
        ]
    );
    assert!(
        ok("SITE-A 0.5; SITE-B")
            .unwrap_err()
            .contains("\"SITE-B\" needs a share")
    );
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

fn jx_book() -> decarb::workbook::Book {
    io::read_csv_dir(&workbooks::jx_inventory_dir()).unwrap()
}

fn sheet_mut<'a>(b: &'a mut decarb::workbook::Book, name: &str) -> &'a mut decarb::workbook::Sheet {
    b.sheets.iter_mut().find(|s| s.name == name).unwrap()
}

/// A cell Excel shows as 50 % (stored 0.5) is 50 in a `[%]` column and 0.5 in a `[share]`
/// column: as the planner sees it, never 100 times too small.
#[test]
fn percentage_formatted_cells_read_as_shown() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let pct = rust_xlsxwriter::Format::new().set_num_format("0%");
    let book = jx_book();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Value::Text(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    Value::Num(x) => {
                        ws.write_number(r, c, *x).unwrap();
                    }
                    _ => {}
                }
            }
        }
        if sheet.name == "Targets" {
            // reduction [%] (column G) of the first target: 50 % as Excel stores it
            ws.write_number_with_format(1, 6, 0.5, &pct).unwrap();
        }
        if sheet.name == "Sites" {
            // ownership [share] (column H) of the first site: 80 %
            ws.write_number_with_format(1, 7, 0.8, &pct).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let s = workbook::scenario(&io::read_xlsx(&bytes).unwrap()).unwrap();
    match s.targets[0].kind {
        decarb::model::TargetKind::Absolute { reduction_pct, .. } => assert_eq!(reduction_pct, 50.0),
        k => panic!("{k:?}"),
    }
    assert_eq!(s.sites[0].ownership, decarb::model::Path(vec![(2018, 0.8)]));
}

/// Mistakes that would otherwise pass in silence: a sheet named almost right, a value beside
/// the table, a spreadsheet error, a sheet of more sites than a scenario holds; and a flood of
/// bad cells is cut at 200 messages with the count of the rest.
#[test]
fn silent_mistakes_are_named_and_a_flood_of_them_is_cut() {
    let mut b = jx_book();
    sheet_mut(&mut b, "Fuel use").name = "Fuel usage".into();
    b.skipped.push("Fuel usage".into());
    let sites = sheet_mut(&mut b, "Sites");
    sites.rows[2].push(Value::Text("stray".into()));
    sites.rows[3][1] = Value::Error("#N/A".into());
    let fuel_use = b.sheets.iter().position(|s| s.name == "Fuel usage").unwrap();
    b.sheets.remove(fuel_use);
    let errors = workbook::scenario(&b).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("Fuel usage: this sheet is not read: name it \"Fuel use\"")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("Sites, row 3, column K") && t.contains("a value under no column")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("Sites, row 4, column B") && t.contains("spreadsheet error #N/A")),
        "{text:#?}"
    );

    let mut b = jx_book();
    let sites = sheet_mut(&mut b, "Sites");
    let row = sites.rows[1].clone();
    for i in 0..2_100 {
        let mut r = row.clone();
        r[0] = Value::Text(format!("s{i}"));
        sites.rows.push(r);
    }
    let t0 = std::time::Instant::now();
    let errors = workbook::scenario(&b).unwrap_err();
    assert!(t0.elapsed().as_secs() < 5);
    assert!(
        errors[0]
            .to_string()
            .contains("a scenario holds at most 2000 sites"),
        "{errors:?}"
    );

    let mut b = jx_book();
    let fuels = sheet_mut(&mut b, "Fuel use");
    for r in fuels.rows.iter_mut().skip(1) {
        r[3] = Value::Text("lots".into());
    }
    for _ in 0..10 {
        let extra: Vec<_> = fuels.rows[1..].to_vec();
        fuels.rows.extend(extra);
    }
    let errors = workbook::scenario(&b).unwrap_err();
    assert_eq!(errors.len(), 201, "200 listed and the count of the rest");
    assert!(errors[200].to_string().contains("more problems not listed"));
}

/// CSV as a European Excel writes it (`;`), with a blank line: rows are numbered as the file's
/// lines; an id that starts with `#` but is no note survives the round trip.
#[test]
fn semicolon_csv_blank_lines_and_hash_ids() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in io::csv_files(&jx_book()) {
        let text = String::from_utf8(bytes).unwrap();
        let text = if name == "Regions.csv" {
            // the header, a blank line, then the rows, with ';'
            let mut lines = text.lines();
            let head = lines.next().unwrap().replace(',', ";");
            let rest: Vec<String> = text
                .lines()
                .skip(1)
                .map(|l| {
                    let rec: Vec<String> = csv::ReaderBuilder::new()
                        .has_headers(false)
                        .from_reader(l.as_bytes())
                        .records()
                        .next()
                        .unwrap()
                        .unwrap()
                        .iter()
                        .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                        .collect();
                    rec.join(";")
                })
                .collect();
            format!("{head}\n\n{}\n", rest.join("\n"))
        } else {
            text
        };
        std::fs::write(dir.path().join(&name), text).unwrap();
    }
    let s = workbook::scenario(&io::read_csv_dir(dir.path()).unwrap()).unwrap();
    assert_eq!(s.regions.len(), 6);
    // a bad factor on the first region's line (line 3 of the file, after the blank line)
    let p = dir.path().join("Regions.csv");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("2018: 0.463", "2018: x", 1);
    std::fs::write(&p, text).unwrap();
    let errors = workbook::scenario(&io::read_csv_dir(dir.path()).unwrap()).unwrap_err();
    assert!(
        errors[0].to_string().starts_with("Regions, row 3, column C"),
        "{errors:?}"
    );

    let mut s = load("nlm-2013.ron");
    s.uncertainty = Default::default();
    s.goal_seek = None;
    s.targets[0].label = "#1 intensity".into();
    let back = workbook::scenario(&io::read_xlsx(&io::inputs_xlsx(&s).unwrap()).unwrap()).unwrap();
    assert_eq!(back, s);
}

/// A European Excel's CSV (`;`, decimal commas, `.` thousands) reads to the same numbers; a
/// copy of a sheet ("Fuel use (2)") with the original missing is reported; a title row above the
/// header gets one message; a percentage discount rate on Prices and capex reads as shown; a
/// target's reduction out of range is placed on its own column.
#[test]
fn european_csv_sheet_copies_title_rows_and_target_columns() {
    let book = jx_book();
    let base = workbook::scenario(&book).unwrap();
    // every file with ';', numbers the European way
    let dir = tempfile::tempdir().unwrap();
    for sheet in &book.sheets {
        let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
        for row in &sheet.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Num(x) => x.to_string().replace('.', ","),
                    Value::Text(t) => {
                        // plain numbers as typed ("416,000" → "416.000"), paths with decimal commas
                        let t = t.replace(',', "\u{1}").replace('.', ",").replace('\u{1}', ".");
                        if t.contains(':') && t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                            t
                        } else {
                            match v {
                                Value::Text(orig)
                                    if !orig.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') =>
                                {
                                    orig.clone()
                                }
                                _ => t,
                            }
                        }
                    }
                    _ => String::new(),
                })
                .collect();
            w.write_record(&cells).unwrap();
        }
        std::fs::write(
            dir.path().join(format!("{}.csv", sheet.name)),
            w.into_inner().unwrap(),
        )
        .unwrap();
    }
    let eu = workbook::scenario(&io::read_csv_dir(dir.path()).unwrap()).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(eu.sites, base.sites);
    assert_eq!(eu.fuels, base.fuels);
    assert_eq!(eu.regions, base.regions);
    // "0,468" in a comma file is not 468
    assert_eq!(decarb::workbook::read::parse_number("0,468"), None);
    assert_eq!(decarb::workbook::read::parse_number("1,468"), Some(1468.0));

    let mut b = jx_book();
    sheet_mut(&mut b, "Fuel use").name = "Fuel use (2)".into();
    b.skipped.push("Fuel use (2)".into());
    let i = b.sheets.iter().position(|s| s.name == "Fuel use (2)").unwrap();
    b.sheets.remove(i);
    let errors = workbook::scenario(&b).unwrap_err();
    assert!(
        errors.iter().any(|e| e
            .to_string()
            .contains("Fuel use (2): this sheet is not read: name it \"Fuel use\"")),
        "{errors:#?}"
    );

    let mut b = jx_book();
    let sites = sheet_mut(&mut b, "Sites");
    sites.rows.insert(0, vec![Value::Text("JX sites FY2018".into())]);
    let errors = workbook::scenario(&b).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(text[0].contains("the header is row 2"), "{text:#?}");
    assert!(
        text.len() <= 3,
        "one message for the title row, not one per row: {text:#?}"
    );

    let mut b = jx_book();
    b.sheets.push(decarb::workbook::Sheet {
        name: "Prices and capex".into(),
        rows: vec![
            ["item", "id", "field", "value", "unit"]
                .iter()
                .map(|h| Value::Text(h.to_string()))
                .collect(),
            vec![
                Value::Text("Company".into()),
                Value::Empty,
                Value::Text("discount rate".into()),
                Value::Percent(0.04),
                Value::Text("%/yr".into()),
            ],
        ],
        first_row: 0,
        first_col: 0,
        numbers: Default::default(),
    });
    let targets = sheet_mut(&mut b, "Targets");
    targets.rows[1][6] = Value::Num(150.0);
    let errors = workbook::scenario(&b).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0]
            .to_string()
            .starts_with("Targets, row 2, column G \"reduction [%]\""),
        "{errors:#?}"
    );
    targets_fixed(&mut b);
    let s = workbook::scenario(&b).unwrap();
    assert_eq!(s.discount_rate_pct, 4.0);
}

fn targets_fixed(b: &mut decarb::workbook::Book) {
    sheet_mut(b, "Targets").rows[1][6] = Value::Num(50.0);
}

/// `450.000` in a `;` folder with no European number elsewhere is refused as ambiguous, never
/// read as 450; a sheet called "Plan" is no PPAs sheet, "Prices" is the start of one; a
/// missing optional column still has its rows' problems said.
#[test]
fn ambiguous_numbers_names_and_missing_optional_columns() {
    let dir = tempfile::tempdir().unwrap();
    let book = jx_book();
    for sheet in &book.sheets {
        let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
        for row in &sheet.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Num(x) => x.to_string(),
                    Value::Text(t) => t.clone(),
                    _ => String::new(),
                })
                .collect();
            w.write_record(&cells).unwrap();
        }
        let mut text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        if sheet.name == "Sites" {
            text = text
                .replacen("\"416,000\"", "416.000", 1)
                .replacen("416,000", "416.000", 1);
        }
        std::fs::write(dir.path().join(format!("{}.csv", sheet.name)), text).unwrap();
    }
    let errors = workbook::scenario(&io::read_csv_dir(dir.path()).unwrap()).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.sheet == "Sites" && e.to_string().contains("\"416.000\" is ambiguous")),
        "{errors:#?}"
    );

    let mut b = jx_book();
    b.skipped.push("Plan".into());
    b.skipped.push("Prices".into());
    let errors = workbook::scenario(&b).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "Prices: this sheet is not read: name it \"Prices and capex\" (the workbook's sheets are named as in the template)"
        ]
    );

    let mut b = jx_book();
    b.sheets.push(decarb::workbook::Sheet {
        name: "Prices and capex".into(),
        rows: vec![
            ["item", "id", "field", "value"]
                .iter()
                .map(|h| Value::Text(h.to_string()))
                .collect(),
            vec![
                Value::Text("Fuel".into()),
                Value::Text("lpg".into()),
                Value::Text("price".into()),
                Value::Num(2000.0),
            ],
        ],
        ..Default::default()
    });
    let errors = workbook::scenario(&b).unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .contains("give the unit of \"price\": JPY/GJ"),
        "{errors:#?}"
    );
}
