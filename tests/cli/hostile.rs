//! Hostile files (README, "Limits and safety"): every command answers any file of at most
//! 8 MiB with a result or a clear error, within 20 s and 2 GB of memory, never a hang, panic
//! or abort; outputs cannot be turned against their reader; writes are safe.
//!
//! The small files are in `tests/hostile/` with their expected exit code and message in
//! `EXPECTED.tsv`; the large ones are generated here.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Virtual memory allowed to one command [KiB] (2 GiB) and wall time [s].
const MEMORY_KIB: u64 = 2 * 1024 * 1024;
const SECONDS: u64 = 20;

/// Runs decarb under `ulimit -v` and `timeout`, as CI does.
fn bounded(args: &[&OsStr]) -> (Output, Duration) {
    let script = format!("ulimit -v {MEMORY_KIB}; exec timeout {SECONDS} \"$0\" \"$@\"");
    let start = Instant::now();
    let o = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_decarb"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run decarb");
    (o, start.elapsed())
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every command on `file`: check, run, summary, factors, report, export, compare, goalseek.
fn every_command(file: &Path, out: &Path) -> Vec<(String, Output)> {
    let f = file.as_os_str();
    let html = out.join("r.html");
    let xlsx = out.join("w.xlsx");
    let csv = out.join("csv");
    let minimal = OsStr::new("tests/data/minimal.ron");
    let runs: Vec<Vec<&OsStr>> = vec![
        vec!["check".as_ref(), f],
        vec!["run".as_ref(), f],
        vec!["summary".as_ref(), f],
        vec![
            "factors".as_ref(),
            f,
            "--from".as_ref(),
            "2018".as_ref(),
            "--to".as_ref(),
            "2030".as_ref(),
        ],
        vec!["report".as_ref(), f, "--html".as_ref(), html.as_os_str()],
        vec![
            "export".as_ref(),
            f,
            "--xlsx".as_ref(),
            xlsx.as_os_str(),
            "--csv-dir".as_ref(),
            csv.as_os_str(),
        ],
        vec!["compare".as_ref(), minimal, f],
        vec!["goalseek".as_ref(), f],
    ];
    runs.into_iter()
        .map(|args| {
            let (o, took) = bounded(&args);
            let name = args[0].to_string_lossy().into_owned();
            assert!(
                took < Duration::from_secs(SECONDS),
                "{name} {}: {took:?}",
                file.display()
            );
            (name, o)
        })
        .collect()
}

/// No panic, no abort, no kill by the limits: a clean exit 0 or 1 with a message.
fn assert_clean(file: &Path, name: &str, o: &Output) {
    let e = err(o);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{name} {}: status {:?} (124 = timed out, none = killed), stderr {}",
        file.display(),
        o.status,
        &e[..e.len().min(2000)]
    );
    assert!(!e.contains("panicked"), "{name} {}: {e}", file.display());
    assert!(!e.contains("memory allocation"), "{name} {}: {e}", file.display());
    // At most 50 errors and a count, each line cut to a few hundred characters.
    assert!(
        e.lines().count() <= 53,
        "{name} {}: {} lines",
        file.display(),
        e.lines().count()
    );
    assert!(
        e.len() < 64 * 1024,
        "{name} {}: {} bytes of errors",
        file.display(),
        e.len()
    );
    for bytes in [&o.stdout, &o.stderr] {
        assert!(
            !bytes.iter().any(|&b| b == 0x1b || b == 0x07 || b == b'\r'),
            "{name} {}: a control character reached the terminal",
            file.display()
        );
    }
}

#[test]
fn every_hostile_file_gets_its_exit_code_and_message_from_every_command() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("tests/hostile/EXPECTED.tsv")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut seen = 0;
    for line in manifest.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut cols = line.split('\t');
        let (file, code, fragment) = (cols.next().unwrap(), cols.next().unwrap(), cols.next().unwrap());
        let code: i32 = code.parse().unwrap();
        let path = root.join("tests/hostile").join(file);
        assert!(path.exists(), "{file} is listed but missing");
        for (name, o) in every_command(&path, out.path()) {
            assert_clean(&path, &name, &o);
            assert_eq!(o.status.code(), Some(code), "{name} {file}: {}", err(&o));
            if code != 0 {
                assert!(err(&o).contains(fragment), "{name} {file}: {}", err(&o));
            }
        }
        seen += 1;
    }
    let files = std::fs::read_dir(root.join("tests/hostile"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some(OsStr::new("ron")))
        .count();
    assert_eq!(
        seen, files,
        "every file in tests/hostile is listed in EXPECTED.tsv"
    );
}

/// The minimal scenario with `text` inserted after its opening parenthesis.
fn minimal_with(fields: &str) -> String {
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/minimal.ron")).unwrap();
    let open = base.find("(\n").unwrap() + 2;
    format!("{}{fields}\n{}", &base[..open], &base[open..])
}

/// A scenario of `sites` sites, each burning `per_site` of `fuels` fuels, with a CO2-free path,
/// a fuel switch and a PPA each.
fn company(sites: usize, fuels: usize, per_site: usize) -> String {
    let mut t = String::from(
        "(schema_version: 1, meta: (name: \"Large\"), base_year: 2018, last_year: 2050,\n regions: [(id: \"g\", name: \"Grid\", ef_kg_per_kwh: [(2018, 0.45), (2050, 0.1)])],\n fuels: [\n",
    );
    for f in 0..fuels {
        t.push_str(&format!(
            "  (id: \"f{f}\", name: \"Fuel {f}\", ef_t_per_gj: 0.05),\n"
        ));
    }
    t.push_str(" ],\n sites: [\n");
    for s in 0..sites {
        t.push_str(&format!(
            "  (id: \"s{s}\", name: \"Site {s}\", region: \"g\", production_t: 1000.0, electricity_mwh: 5000.0, co2_free_share: [(2018, 0.0), (2030, 0.5), (2050, 1.0)], efficiency_fuel_pct: [(2020, 1.0)], fuels: ["
        ));
        for k in 0..per_site {
            t.push_str(&format!("(fuel: \"f{}\", gj: 100.0),", (s + k) % fuels));
        }
        t.push_str(&format!(
            "], fuel_switches: [(from: \"f{}\", to: \"electricity\", share: [(2018, 0.0), (2040, 0.5)], ratio: 0.5)]),\n",
            s % fuels
        ));
    }
    t.push_str(" ],\n ppas: [\n");
    for s in 0..sites.min(1000) {
        t.push_str(&format!(
            "  (id: \"p{s}\", name: \"PPA {s}\", kind: OffSite, capacity_mw: [(2018, 0.0), (2030, 1.0)], yield_mwh_per_mw: 1000.0, allocation: [(\"s{s}\", 1.0)]),\n"
        ));
    }
    t.push_str(" ],\n targets: [(label: \"-50 %\", year: 2030, scopes: [Scope1, Scope2], kind: Absolute(reduction_pct: 50.0, reference_year: 2018))],\n)\n");
    t
}

#[test]
fn generated_large_and_hostile_files_are_answered_within_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let big_name = "a".repeat(200_000);
    let numbers = vec!["1"; 100_000].join(",");
    let keyframes: String = (0..300_000)
        .map(|i| format!("({}, 1.0),", 2018 + i % 33))
        .collect();
    let mut many_errors = String::from(
        "(schema_version: 1, meta: (name: \"E\"), base_year: 2018, last_year: 2050, fuels: [],\n regions: [\n",
    );
    for r in 0..200 {
        many_errors.push_str(&format!(
            "  (id: \"region{r}\", name: \"R\", ef_kg_per_kwh: [(2018, 0.4)]),\n"
        ));
    }
    many_errors.push_str(" ],\n sites: [\n");
    for s in 0..1999 {
        many_errors.push_str(&format!(
            "  (id: \"s{s}\", name: \"S\", region: \"nowhere{s}\", production_t: 1.0, electricity_mwh: 1.0),\n"
        ));
    }
    many_errors.push_str(" ],\n)\n");
    let mut fuels_x_sites = String::from(
        "(schema_version: 1, meta: (name: \"X\"), base_year: 2018, last_year: 2050, regions: [(id: \"g\", name: \"G\", ef_kg_per_kwh: [(2018, 0.4)])],\n fuels: [",
    );
    for f in 0..30_000 {
        fuels_x_sites.push_str(&format!("(id:\"f{f}\",name:\"F\",ef_t_per_gj:0.05),"));
    }
    fuels_x_sites.push_str("],\n sites: [");
    for s in 0..30_000 {
        fuels_x_sites.push_str(&format!(
            "(id:\"s{s}\",name:\"S\",region:\"g\",production_t:1.0,electricity_mwh:1.0),"
        ));
    }
    fuels_x_sites.push_str("],\n)\n");
    // (file, text, expected exit code, fragment of the message)
    let cases: Vec<(&str, String, i32, &str)> = vec![
        (
            "huge_name.ron",
            minimal_with(&format!("  {big_name}: [{numbers}],")),
            1,
            "characters)",
        ),
        (
            "many_keyframes.ron",
            minimal_with("").replace(
                "co2_free_share: [(2020, 0.0), (2030, 1.0)],",
                &format!("co2_free_share: [(2020, 0.0), (2030, 1.0)], activity: [{keyframes}],"),
            ),
            1,
            "has 300000 keyframes",
        ),
        ("many_errors.ron", many_errors, 1, "more errors not shown"),
        ("fuels_x_sites.ron", fuels_x_sites, 1, "fuels: has 30000 entries"),
        (
            "too_large.ron",
            " ".repeat(8 * 1024 * 1024 + 1),
            1,
            "limited to 8 MiB",
        ),
        ("open_brackets.ron", "[".repeat(8 * 1024 * 1024 - 16), 1, ""),
        ("largest_accepted.ron", company(2000, 200, 12), 0, ""),
    ];
    for (name, text, code, fragment) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        if code == 0 {
            assert!(
                text.len() as u64 <= 8 * 1024 * 1024,
                "{name}: {} bytes",
                text.len()
            );
        }
        for (cmd, o) in every_command(&path, out.path()) {
            assert_clean(&path, &cmd, &o);
            // a goal seek over thousands of levers is refused with the limit named
            if cmd == "goalseek" && code == 0 && o.status.code() == Some(1) {
                assert!(err(&o).contains("at most"), "{cmd} {name}: {}", err(&o));
                continue;
            }
            assert_eq!(
                o.status.code(),
                Some(code),
                "{cmd} {name}: {}",
                &err(&o)[..err(&o).len().min(3000)]
            );
            assert!(
                err(&o).contains(fragment),
                "{cmd} {name}: {}",
                &err(&o)[..err(&o).len().min(3000)]
            );
        }
    }
}

#[test]
fn csv_and_xlsx_exports_carry_no_formula() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("csv");
    let xlsx = out.path().join("w.xlsx");
    let (o, _) = bounded(&[
        "export".as_ref(),
        "tests/hostile/injection_payloads.ron".as_ref(),
        "--csv-dir".as_ref(),
        csv.as_os_str(),
        "--xlsx".as_ref(),
        xlsx.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let mut texts = 0;
    let mut payloads = 0;
    for entry in std::fs::read_dir(&csv).unwrap() {
        let path = entry.unwrap().path();
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .unwrap();
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                if cell.parse::<f64>().is_ok() || cell.is_empty() {
                    continue; // numbers stay numbers (negative ones included)
                }
                texts += 1;
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: a text cell a spreadsheet would run: {cell}",
                    path.display()
                );
                payloads +=
                    usize::from(cell.starts_with("'=") || cell.starts_with("'+") || cell.starts_with("'@"));
            }
        }
    }
    assert!(
        texts > 50 && payloads >= 5,
        "{texts} text cells, {payloads} defused payloads"
    );
    // XLSX: every payload is a string cell; no cell holds a formula.
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let mut found = false;
    for sheet in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
        let range = wb.worksheet_range(&sheet).unwrap();
        found |= range
            .used_cells()
            .any(|(_, _, c)| matches!(c, Data::String(t) if t.contains("HYPERLINK")));
    }
    assert!(found, "the payload is in the workbook, as text");
    // HTML: the script is text, not a tag.
    let html = out.path().join("r.html");
    let (o, _) = bounded(&[
        "report".as_ref(),
        "tests/hostile/injection_payloads.ron".as_ref(),
        "--html".as_ref(),
        html.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<script>alert(1)"));
    assert!(page.contains("&lt;script&gt;alert(1)"));
}

#[test]
fn text_from_a_file_reaches_the_terminal_escaped() {
    // A right-to-left override in an id is refused; it never reaches the terminal raw.
    let (o, _) = bounded(&["summary".as_ref(), "tests/hostile/bidi_override_id.ron".as_ref()]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("U+202E"));
    for out in [&o.stdout, &o.stderr] {
        assert!(!String::from_utf8_lossy(out).contains('\u{202e}'));
    }
    // An escape sequence quoted in an error message is shown as text.
    let (o, _) = bounded(&[
        "check".as_ref(),
        "tests/hostile/control_chars_reference.ron".as_ref(),
    ]);
    assert!(err(&o).contains("\\u{1b}[31mALL TARGETS MET"), "{}", err(&o));
    assert!(!o.stderr.contains(&0x1b));
}

#[test]
fn a_closed_pipe_or_a_full_disk_ends_with_exit_1_and_a_message() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_decarb"))
        .args(["run", "scenarios/jx-metals-2018.ron"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, like `| head -0`
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("could not write to standard output"),
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("panicked"));
    if Path::new("/dev/full").exists() {
        let full = std::fs::File::create("/dev/full").unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_decarb"))
            .args(["check", "scenarios/jx-metals-2018.ron"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(err(&o).contains("No space left"), "{}", err(&o));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for target in [
        fifo.as_os_str(),
        OsStr::new("/dev/zero"),
        OsStr::new("/dev/stdin"),
    ] {
        let (o, took) = bounded(&["check".as_ref(), target]);
        assert_eq!(o.status.code(), Some(1), "{target:?}: {}", err(&o));
        assert!(took < Duration::from_secs(5), "{target:?}: {took:?}");
        assert!(err(&o).contains("not a regular file"), "{target:?}: {}", err(&o));
    }
}

#[cfg(unix)]
#[test]
fn outputs_go_under_exactly_the_name_given_and_never_over_an_input() {
    use std::os::unix::ffi::OsStringExt;
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A non-UTF-8 name is written as given.
    let name = OsString::from_vec(b"r\xffport.html".to_vec());
    let out = dir.path().join(&name);
    let (o, _) = bounded(&[
        "report".as_ref(),
        "tests/data/minimal.ron".as_ref(),
        "--html".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    // The scenario itself as the output: refused, the scenario unchanged.
    let plan = dir.path().join("plan.ron");
    std::fs::copy("tests/data/minimal.ron", &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let link = dir.path().join("same.html");
    std::os::unix::fs::symlink(&plan, &link).unwrap();
    for args in [
        vec![
            "report".as_ref(),
            plan.as_os_str(),
            "--html".as_ref(),
            plan.as_os_str(),
        ],
        vec![
            "report".as_ref(),
            plan.as_os_str(),
            "--html".as_ref(),
            link.as_os_str(),
        ],
        vec![
            "export".as_ref(),
            plan.as_os_str(),
            "--xlsx".as_ref(),
            plan.as_os_str(),
        ],
        vec![
            "run".as_ref(),
            plan.as_os_str(),
            "--csv".as_ref(),
            plan.as_os_str(),
        ],
    ] {
        let (o, _) = bounded(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains("is the scenario being read"), "{}", err(&o));
        assert_eq!(std::fs::read(&plan).unwrap(), before);
    }
    // A private output stays private.
    let private = dir.path().join("private.html");
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (o, _) = bounded(&[
        "report".as_ref(),
        plan.as_os_str(),
        "--html".as_ref(),
        private.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(std::fs::read_to_string(&private).unwrap().contains("<html"));
    // A symlink planted at the output is replaced, not followed.
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let planted = dir.path().join("planted.html");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let (o, _) = bounded(&[
        "report".as_ref(),
        plan.as_os_str(),
        "--html".as_ref(),
        planted.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&planted).unwrap().is_file());
}

#[test]
fn a_csv_folder_is_replaced_as_a_set_and_never_over_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("csv");
    let export = |to: &Path| {
        bounded(&[
            "export".as_ref(),
            "tests/data/minimal.ron".as_ref(),
            "--csv-dir".as_ref(),
            to.as_os_str(),
        ])
        .0
    };
    let o = export(&csv);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let first: Vec<_> = std::fs::read_dir(&csv)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(first.len() >= 5, "{first:?}");
    // Again over the previous export: replaced whole.
    let o = export(&csv);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(std::fs::read_dir(&csv).unwrap().count(), first.len());
    // A folder holding anything else is refused and left as it was.
    std::fs::write(csv.join("notes.txt"), "mine").unwrap();
    let o = export(&csv);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("holds other files"), "{}", err(&o));
    assert_eq!(std::fs::read_to_string(csv.join("notes.txt")).unwrap(), "mine");
    // Nothing left behind in the parent but the folder itself.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Refused before anything is written: the workbook asked for with it is not written either.
    let book = dir.path().join("book.xlsx");
    let (o, _) = bounded(&[
        "export".as_ref(),
        "tests/data/minimal.ron".as_ref(),
        "--xlsx".as_ref(),
        book.as_os_str(),
        "--csv-dir".as_ref(),
        csv.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!book.exists(), "half an export was written");
}

/// A device given as an output is written to, never replaced by a rename; a folder is refused.
#[cfg(unix)]
#[test]
fn an_output_that_is_a_device_is_written_to_and_a_folder_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &OsStr| {
        bounded(&[
            "run".as_ref(),
            "tests/data/minimal.ron".as_ref(),
            "--csv".as_ref(),
            out,
        ])
        .0
    };
    let o = run(OsStr::new("/dev/null"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = run(OsStr::new("/dev/full"));
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("No space left"), "{}", err(&o));
    for dev in ["/dev/null", "/dev/full"] {
        assert!(
            std::fs::metadata(dev).unwrap().file_type().is_char_device(),
            "{dev}"
        );
    }
    let o = run(dir.path().as_os_str());
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("it is a folder"), "{}", err(&o));
}

/// Every seed and every input the fuzzers found, through the fuzz targets' own code.
#[test]
fn the_fuzz_targets_pass_every_corpus_file() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for dir in [
        "scenarios",
        "tests/bad",
        "tests/hostile",
        "tests/data",
        "tests/data/v1",
        "fuzz/regressions",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() || path.extension().is_some_and(|x| x == "md") {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            decarb::fuzzing::load(&data);
            decarb::fuzzing::pipeline(&data);
            n += 1;
        }
    }
    assert!(n >= 50, "{n} files");
}
