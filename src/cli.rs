//! The command line: `decarb run|check|summary|factors`. Exit codes: 0 success, 1 invalid
//! input (messages on stderr), 2 usage error.

use crate::engine::{self, factors};
use crate::file;
use crate::model::Scenario;
use crate::report;
use crate::units::{Units, group};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Text for a terminal: control characters (ESC, BEL, CR, DEL, C1) and bidirectional
/// overrides are shown as `\u{1b}` escapes, so that no file can retitle the terminal, move
/// the cursor or print a line that looks like the program's own. Line breaks and tabs stay.
pub fn term_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(bad) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if bad(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// One line on stderr, made [`term_safe`]; a closed stderr is ignored.
pub fn warn_line(msg: &str) {
    let mut e = std::io::stderr().lock();
    let _ = writeln!(e, "{}", term_safe(msg));
}

/// `eprintln!` through [`warn_line`].
macro_rules! warn {
    ($($t:tt)*) => { $crate::cli::warn_line(&format!($($t)*)) };
}

/// Text on stdout, made [`term_safe`]. A closed pipe or a full disk ends the command with
/// exit 1 and a message, never a panic.
fn say(text: &str) -> Result<(), i32> {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(term_safe(text).as_bytes())
        .and_then(|_| out.flush())
    {
        Ok(()) => Ok(()),
        Err(e) => {
            warn!("decarb: could not write to standard output: {e}");
            Err(EXIT_INVALID)
        }
    }
}

/// One line of [`say`].
fn say_line(text: &str) -> Result<(), i32> {
    say(&format!("{text}\n"))
}

/// Refuses an output that would overwrite one of the inputs (`report X.ron --html X.ron`).
fn refuse_overwrite(out: &Path, inputs: &[&Path]) -> Result<(), i32> {
    for input in inputs {
        if file::same_file(out, input) {
            warn!(
                "{}: is the scenario being read; choose another output file",
                out.display()
            );
            return Err(EXIT_USAGE);
        }
    }
    Ok(())
}

pub const EXIT_OK: i32 = 0;
pub const EXIT_INVALID: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "decarb",
    version,
    about = "Decarb Planner: CO2 reduction scenarios (Scope 1, 2, 3) against baselines and targets",
    long_about = "Decarb Planner: CO2 reduction scenarios (Scope 1, 2, 3) against baselines and targets.\n\n\
                  With no command, opens the planner window (on FILE, or on the embedded JX Metals scenario).\n\
                  Exit codes: 0 success, 1 invalid input, 2 usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario to open in the window.
    pub file: Option<PathBuf>,
    /// Open the window, render until the layout settles, write a PNG of it and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Open the window, sweep a CO2-free share over N frames and print frame times.
    #[arg(long, value_name = "N")]
    pub bench_frames: Option<u32>,
    /// Write every chart as a 1920×1080 PNG (OUT-trajectory.png, OUT-by-source.png …) and exit;
    /// needs no display.
    #[arg(long, value_name = "OUT.png")]
    pub export_png: Option<PathBuf>,
    /// Open a generated company of N sites instead of a file (frame benchmarks).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=5000))]
    pub synthetic: Option<u16>,
    /// Open FILE read-only for review: KPIs, trajectory, bridge and wedges, a summary, no levers.
    #[arg(long)]
    pub review: bool,
    /// The lower chart the window opens on (overrides the saved preference).
    /// `inventory` and `inventory-sites` open the inventory window (Company, Sites tab);
    /// `new-company` the "new company" form.
    /// `goal-seek` opens the goal-seek dialog and runs it; `template` opens "New target from
    /// template".
    #[arg(long, value_parser = ["by-source", "by-site", "wedges", "bridge", "factors", "cost", "uncertainty", "goal-seek", "template", "inventory", "inventory-sites", "new-company"])]
    pub view: Option<String>,
    /// Language of the window (overrides the saved preference): en or ja.
    #[arg(long, value_parser = ["en", "ja"])]
    pub lang: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Project a scenario: one CSV row per fiscal year, t-CO2.
    Run {
        file: PathBuf,
        /// Write the CSV to OUT (`-` = stdout, the default).
        #[arg(long, value_name = "OUT|-")]
        csv: Option<PathBuf>,
        /// Print a readable table instead of CSV.
        #[arg(long, conflicts_with = "csv")]
        table: bool,
        /// Units of the table.
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
    /// Validate scenario files; every error is printed.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Baselines, 2030 and 2050 values and every target.
    Summary {
        file: PathBuf,
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
    /// Compare scenarios: key figures side by side and every input that differs from the first.
    Compare {
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
    /// Write a self-contained HTML report (summary, KPIs, charts as SVG, inputs).
    Report {
        file: PathBuf,
        #[arg(long, value_name = "OUT.html")]
        html: PathBuf,
        #[arg(long, value_parser = ["en", "ja"], default_value = "en")]
        lang: String,
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
    /// Export the series behind each chart, the KPIs and the inputs: an XLSX workbook and/or
    /// one CSV per chart in a folder.
    Export {
        file: PathBuf,
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        csv_dir: Option<PathBuf>,
        /// Write every chart as a 1920×1080 PNG for slides into DIR.
        #[arg(long, value_name = "DIR")]
        png_dir: Option<PathBuf>,
        /// Language of the charts.
        #[arg(long, value_parser = ["en", "ja"], default_value = "en")]
        lang: String,
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
    /// How sure the plan is (Monte Carlo of the file's `uncertainty` inputs): per-year
    /// percentiles of the metric, the chance of meeting each target, cost percentiles, the
    /// tornado and, with --sobol, Sobol indices.
    Uncertainty {
        file: PathBuf,
        /// Number of draws (default: the file's; at most 100,000).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        draws: Option<u32>,
        /// Seed of the draws (default: the file's).
        #[arg(long)]
        seed: Option<u64>,
        /// Write CSV to OUT (`-` = stdout): the fan, an empty line, P(met), an empty line, the
        /// tornado.
        #[arg(long, value_name = "OUT|-")]
        csv: Option<PathBuf>,
        /// Also compute Sobol first-order and total indices (512 base samples, N(K + 2) runs).
        #[arg(long)]
        sobol: bool,
        /// Money unit of the text: yen, million-yen (百万円) or oku-yen (億円).
        #[arg(long, default_value = "oku-yen")]
        money: crate::units::Money,
        /// Tonnes of the text: t, kt or man-t (万t).
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
    /// What the plan costs against BAU (NPV, cost per tonne, MACC, carbon-price exposure): the
    /// lever-group table and the yearly series.
    Cost {
        file: PathBuf,
        /// Write CSV to OUT (`-` = stdout): the MACC table, an empty line, the yearly Cost table.
        #[arg(long, value_name = "OUT|-")]
        csv: Option<PathBuf>,
        /// Show the yearly series for this fiscal year only.
        #[arg(long)]
        year: Option<i32>,
        /// Money unit of the text: yen, million-yen (百万円) or oku-yen (億円).
        #[arg(long, default_value = "oku-yen")]
        money: crate::units::Money,
        /// Tonnes of the text: t, kt or man-t (万t).
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
    /// The least-cost lever values that meet the targets (the file's `goal_seek` block, or
    /// by default every CO2-free, process-change, fuel-switch, material and PPA lever against
    /// the first target after the last reported year). Prints the report; exits 1 when the
    /// targets are out of reach (after printing the closest achievable setting).
    #[command(name = "goalseek")]
    GoalSeek {
        file: PathBuf,
        /// Meet this target (by label); repeat for several. Default: the block's list.
        #[arg(long = "target", value_name = "LABEL")]
        targets: Vec<String>,
        /// Write the answer as a scenario file (the plan with the decision paths).
        #[arg(long, value_name = "NEW.ron")]
        out: Option<PathBuf>,
        /// Meet each target on its glide line in every year up to its year, not only in it.
        #[arg(long)]
        path: bool,
        /// Money unit of the text: yen, million-yen (百万円) or oku-yen (億円).
        #[arg(long, default_value = "oku-yen")]
        money: crate::units::Money,
        /// Tonnes of the text: t, kt or man-t (万t).
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
    /// Write the inventory workbook to fill: a README sheet, then one sheet per table
    /// (Company, Sites, Fuel use, Regions, Fuels, Materials, PPAs, History, Targets, Prices and
    /// capex …) with its columns, units and an example row. `decarb import` reads it back.
    Template {
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
        /// The same sheets as CSV files (`Sites.csv` …) in a folder.
        #[arg(long, value_name = "DIR")]
        csv_dir: Option<PathBuf>,
    },
    /// Turn a filled inventory workbook (.xlsx, or a folder of CSV files, one per sheet) into a
    /// scenario file that `decarb check` accepts. Every problem is printed with its sheet, row
    /// and column; nothing is written while there is one.
    Import {
        input: PathBuf,
        #[arg(short = 'o', long = "out", value_name = "OUT.ron")]
        out: PathBuf,
        /// Keep the uncertainty and goal-seek settings of this scenario file (the one the
        /// workbook was exported from): they are not part of the workbook.
        #[arg(long, value_name = "PLAN.ron")]
        onto: Option<PathBuf>,
    },
    /// Factor analysis (LMDI) of Scope 1+2 between two fiscal years.
    Factors {
        file: PathBuf,
        #[arg(long)]
        from: i32,
        #[arg(long)]
        to: i32,
        #[arg(long, default_value = "man-t")]
        units: Units,
    },
}

/// `ja` for Japanese, anything else English.
pub fn parse_lang(l: &str) -> crate::i18n::Lang {
    if l == "ja" {
        crate::i18n::Lang::Ja
    } else {
        crate::i18n::Lang::En
    }
}

/// Writes every chart as `<stem>-<chart>.png` and prints each file; returns the exit code.
fn write_pngs(s: &Scenario, stem: &Path, lang: crate::i18n::Lang, units: Units) -> i32 {
    match crate::export::png::all_charts(s, lang, units, &crate::export::today()) {
        Ok(charts) => {
            for (name, png) in charts {
                let out = PathBuf::from(format!("{}-{name}.png", stem.display()));
                if let Err(e) = file::write_atomic(&out, &png) {
                    warn!("{e}");
                    return EXIT_INVALID;
                }
                if let Err(code) = say_line(&out.display().to_string()) {
                    return code;
                }
            }
            EXIT_OK
        }
        Err(e) => {
            warn!("{e}");
            EXIT_INVALID
        }
    }
}

/// `decarb --export-png OUT.png [FILE]`: every chart as OUT-<chart>.png, no display needed.
pub fn export_pngs(s: &Scenario, out: &Path, lang: crate::i18n::Lang) -> i32 {
    write_pngs(s, &out.with_extension(""), lang, Units::ManT)
}

/// Loads a file, printing every error to stderr.
pub fn load_or_report(path: &Path) -> Option<Scenario> {
    match file::load(path) {
        Ok(s) => Some(s),
        Err(e) => {
            for line in e.lines() {
                warn!("{}: {line}", path.display());
            }
            None
        }
    }
}

/// Parses arguments; returns the exit code on a usage error, help or version.
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Cli, i32> {
    match Cli::try_parse_from(args) {
        Ok(c) => Ok(c),
        Err(e) => {
            let _ = e.print();
            Err(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK })
        }
    }
}

/// Writes `text` to stdout (`None` or `-`) or atomically to a file (under exactly the name
/// given, UTF-8 or not).
fn write_out(target: Option<&Path>, text: &str) -> i32 {
    match target {
        None => say(text).err().unwrap_or(EXIT_OK),
        Some(p) if p.as_os_str() == "-" => say(text).err().unwrap_or(EXIT_OK),
        Some(path) => match file::write_atomic(path, text.as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                warn!("{e}");
                EXIT_INVALID
            }
        },
    }
}

/// Runs a subcommand; returns the exit code.
pub fn run_command(cmd: Command) -> i32 {
    match cmd {
        Command::Run {
            file,
            csv,
            table,
            units,
        } => {
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            if let Some(out) = &csv
                && let Err(code) = refuse_overwrite(out, &[&file])
            {
                return code;
            }
            let p = engine::project(&s);
            if table {
                write_out(None, &table_text(&p, units))
            } else {
                write_out(csv.as_deref(), &report::csv(&s, &p))
            }
        }
        Command::Check { files } => {
            let mut code = EXIT_OK;
            for f in &files {
                match file::load_noting(f) {
                    Ok((_, notes)) => {
                        let mut text = format!("{}: ok", f.display());
                        for n in notes {
                            text.push_str(&format!("\n{}: {n}", f.display()));
                        }
                        if let Err(c) = say_line(&text) {
                            return c;
                        }
                    }
                    Err(e) => {
                        for line in e.lines() {
                            warn!("{}: {line}", f.display());
                        }
                        code = EXIT_INVALID;
                    }
                }
            }
            code
        }
        Command::Template { xlsx, csv_dir } => {
            if xlsx.is_none() && csv_dir.is_none() {
                warn!("decarb template: give --xlsx OUT.xlsx and/or --csv-dir DIR");
                return EXIT_USAGE;
            }
            // A template never replaces a file: it may be a filled inventory.
            let csv_files = {
                let mut files = crate::workbook::io::csv_files(&crate::workbook::write::template());
                files.push(("README.csv".into(), crate::workbook::io::readme_csv()));
                files
            };
            if let Some(out) = &xlsx {
                if !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
                    warn!(
                        "{}: the template is an .xlsx workbook; give a name ending in .xlsx",
                        out.display()
                    );
                    return EXIT_USAGE;
                }
                if out.exists() {
                    warn!(
                        "{}: exists; the template never replaces a file (it may be a filled inventory)",
                        out.display()
                    );
                    return EXIT_INVALID;
                }
            }
            if let Some(dir) = &csv_dir
                && let Some((name, _)) = csv_files.iter().find(|(n, _)| dir.join(n).exists())
            {
                warn!(
                    "{}: exists; the template never replaces a file (it may be a filled inventory)",
                    dir.join(name).display()
                );
                return EXIT_INVALID;
            }
            if let Some(out) = &xlsx {
                let written = crate::workbook::io::template_xlsx().and_then(|b| file::write_atomic(out, &b));
                if let Err(e) = written {
                    warn!("{}: {e}", out.display());
                    return EXIT_INVALID;
                }
                if let Err(c) = say_line(&out.display().to_string()) {
                    return c;
                }
            }
            if let Some(dir) = &csv_dir {
                if let Err(e) = file::write_folder_atomic(dir, &csv_files) {
                    warn!("{e}");
                    return EXIT_INVALID;
                }
                if let Err(c) = say_line(&dir.display().to_string()) {
                    return c;
                }
            }
            EXIT_OK
        }
        Command::Import { input, out, onto } => {
            if let Err(code) = refuse_overwrite(&out, &[&input]) {
                return code;
            }
            // nor a CSV file of the folder being read
            if input.is_dir()
                && out.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
                && let (Ok(dir), Some(parent)) = (input.canonicalize(), out.parent())
                && (if parent.as_os_str().is_empty() {
                    std::path::Path::new(".")
                } else {
                    parent
                })
                .canonicalize()
                .is_ok_and(|p| p.starts_with(&dir))
            {
                warn!(
                    "{}: is inside the folder being read; write the scenario elsewhere",
                    out.display()
                );
                return EXIT_USAGE;
            }
            let imported = match &onto {
                None => crate::workbook::import(&input),
                Some(p) => {
                    let Some(base) = load_or_report(p) else {
                        return EXIT_INVALID;
                    };
                    crate::workbook::import_onto(&input, &base)
                }
            };
            match imported {
                Ok(s) => {
                    let text = match crate::model::to_string(&s) {
                        Ok(t) => t,
                        Err(e) => {
                            warn!("{}: {e}", out.display());
                            return EXIT_INVALID;
                        }
                    };
                    if let Err(e) = file::write_atomic(&out, text.as_bytes()) {
                        warn!("{e}");
                        return EXIT_INVALID;
                    }
                    say_line(&format!(
                        "{}: {} sites, {} regions, {} fuels, {} materials, {} PPAs, {} history years, {} targets",
                        out.display(),
                        s.sites.len(),
                        s.regions.len(),
                        s.fuels.len(),
                        s.materials.len(),
                        s.ppas.len(),
                        s.history.len(),
                        s.targets.len()
                    ))
                    .err()
                    .unwrap_or(EXIT_OK)
                }
                Err(errors) => {
                    for e in &errors {
                        warn!("{}: {e}", input.display());
                    }
                    warn!(
                        "{}: {} problem{}; nothing written",
                        input.display(),
                        errors.len(),
                        if errors.len() == 1 { "" } else { "s" }
                    );
                    EXIT_INVALID
                }
            }
        }
        Command::Summary { file, units } => {
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            let p = engine::project(&s);
            write_out(None, &report::summary_text(&s, &p, units))
        }
        Command::Report {
            file,
            html,
            lang,
            units,
        } => {
            if let Err(code) = refuse_overwrite(&html, &[&file]) {
                return code;
            }
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            let lang = parse_lang(&lang);
            let r = crate::export::html::report(&s, lang, units, &crate::export::today());
            let code = write_out(Some(&html), &r.html);
            if code == EXIT_OK {
                return say_line(&format!("{} ({} charts)", html.display(), r.charts))
                    .err()
                    .unwrap_or(EXIT_OK);
            }
            code
        }
        Command::Export {
            file,
            xlsx,
            csv_dir,
            png_dir,
            lang,
            units,
        } => {
            if xlsx.is_none() && csv_dir.is_none() && png_dir.is_none() {
                warn!("decarb export: give --xlsx OUT.xlsx, --csv-dir DIR and/or --png-dir DIR");
                return EXIT_USAGE;
            }
            for out in [&xlsx, &csv_dir, &png_dir].into_iter().flatten() {
                if let Err(code) = refuse_overwrite(out, &[&file]) {
                    return code;
                }
            }
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            // Everything is built and checked before anything is written: a refused folder or
            // a table beyond a spreadsheet's limits leaves no half-written export.
            // The tables (and the runs behind them) are built once for both formats.
            let metric = engine::Metric::default_for(&s);
            let tables = if xlsx.is_some() || csv_dir.is_some() {
                crate::export::tables::tables_on(&s, &metric)
            } else {
                Vec::new()
            };
            let csv_files: Option<Vec<(String, Vec<u8>)>> = match &csv_dir {
                None => None,
                Some(dir) => {
                    // The chart series, then the inputs as the inventory workbook's sheets
                    // (`decarb import DIR` reads them back).
                    let mut files: Vec<(String, Vec<u8>)> = tables
                        .iter()
                        .map(|t| (t.file_name(), t.to_csv().into_bytes()))
                        .collect();
                    files.extend(crate::workbook::io::csv_files(&crate::workbook::write::sheets(
                        &s,
                    )));
                    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
                    if let Err(e) = crate::export::tables::check_limits(&tables)
                        .map_err(|e| format!("{}: {e}", dir.display()))
                        .and_then(|()| file::check_folder(dir, &names))
                    {
                        warn!("{e}");
                        return EXIT_INVALID;
                    }
                    Some(files)
                }
            };
            let book = match xlsx
                .as_ref()
                .map(|_| crate::export::xlsx::workbook_from(tables, &metric, &s))
                .transpose()
            {
                Ok(b) => b,
                Err(e) => {
                    warn!("{e}");
                    return EXIT_INVALID;
                }
            };
            if let (Some(out), Some(bytes)) = (&xlsx, book) {
                if let Err(e) = file::write_atomic(out, &bytes) {
                    warn!("{e}");
                    return EXIT_INVALID;
                }
                if let Err(code) = say_line(&out.display().to_string()) {
                    return code;
                }
            }
            if let (Some(dir), Some(files)) = (&csv_dir, csv_files) {
                if let Err(e) = file::write_folder_atomic(dir, &files) {
                    warn!("{e}");
                    return EXIT_INVALID;
                }
                for (name, _) in &files {
                    if let Err(code) = say_line(&dir.join(name).display().to_string()) {
                        return code;
                    }
                }
            }
            if let Some(dir) = png_dir {
                if let Err(e) = std::fs::create_dir_all(&dir) {
                    warn!("{}: {e}", dir.display());
                    return EXIT_INVALID;
                }
                let stem = file
                    .file_stem()
                    .map_or_else(|| "scenario".into(), |x| x.to_string_lossy().into_owned());
                let code = write_pngs(&s, &dir.join(stem), parse_lang(&lang), units);
                if code != EXIT_OK {
                    return code;
                }
            }
            EXIT_OK
        }
        Command::Compare { files, units } => {
            let mut loaded = Vec::new();
            for f in &files {
                let Some(s) = load_or_report(f) else {
                    return EXIT_INVALID;
                };
                let name = f
                    .file_name()
                    .map_or_else(|| f.display().to_string(), |n| n.to_string_lossy().into_owned());
                loaded.push((name, s));
            }
            let projections: Vec<engine::Projection> =
                loaded.iter().map(|(_, s)| engine::project(s)).collect();
            let items: Vec<(String, &Scenario, &engine::Projection)> = loaded
                .iter()
                .zip(&projections)
                .map(|((n, s), p)| (n.clone(), s, p))
                .collect();
            write_out(None, &report::compare_text(&items, units))
        }
        Command::Cost {
            file,
            csv,
            year,
            money,
            units,
        } => {
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            if let Some(out) = &csv
                && let Err(code) = refuse_overwrite(out, &[&file])
            {
                return code;
            }
            let analysis = crate::export::Analysis::new(&s);
            let Some(a) = analysis.cost else {
                if csv.is_some() {
                    warn!(
                        "{}: no price, capex or carbon price in the file: nothing to cost, no CSV written",
                        file.display()
                    );
                    return EXIT_OK;
                }
                return write_out(
                    None,
                    "No price, capex or carbon price in the file: there is nothing to cost. Give prices (regions' power_price_jpy_per_mwh, fuels' price_jpy_per_gj, …) to see the cost of the plan.\n",
                );
            };
            if let Some(y) = year
                && a.index(y).is_none_or(|i| !a.window().contains(&i))
            {
                warn!(
                    "{}: --year {y} is outside the cost window FY{}–FY{}",
                    file.display(),
                    a.from_year,
                    a.last_year
                );
                return EXIT_INVALID;
            }
            match csv {
                Some(out) => {
                    let names: Vec<String> = s.sites.iter().map(|x| x.name.clone()).collect();
                    let mut cost = crate::export::cost::cost_table(&a);
                    if let Some(y) = year {
                        cost.rows
                            .retain(|r| r.first() == Some(&crate::export::tables::Cell::Num(f64::from(y))));
                    }
                    let text = format!(
                        "{}\n{}",
                        crate::export::cost::macc_table(&a, &names).to_csv(),
                        cost.to_csv()
                    );
                    write_out(Some(&out), &text)
                }
                None => write_out(None, &crate::export::cost::cost_text(&s, &a, money, units, year)),
            }
        }
        Command::Uncertainty {
            file,
            draws,
            seed,
            csv,
            sobol,
            money,
            units,
        } => {
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            if let Some(out) = &csv
                && let Err(code) = refuse_overwrite(out, &[&file])
            {
                return code;
            }
            // the file's draws passed validation; more asked here must too
            let n = draws.map_or(u64::from(s.uncertainty.draws), u64::from);
            let k = engine::uncertainty::Study::new(&s).inputs.len() as u64;
            if let Err(e) = crate::model::validate::check_work(&s, n, sobol.then_some((512, k))) {
                warn!("{}: {e}", file.display());
                return EXIT_INVALID;
            }
            let engine = engine::Engine::new(&s);
            let opt = engine::uncertainty::Options {
                draws: draws.map(|d| d as usize),
                seed,
                cost: true,
                tornado: true,
                sobol: sobol.then_some(512),
            };
            let progress = engine::uncertainty::Progress::default();
            let Ok(o) = engine::uncertainty::analyse(&s, &engine, opt, &progress) else {
                return EXIT_INVALID;
            };
            match csv {
                Some(out) => write_out(Some(&out), &crate::export::uncertainty::csv(&o)),
                None => {
                    let note = engine::cost_analysis::analyse(&s)
                        .and_then(|c| crate::export::cost::incomplete_note(&c, crate::i18n::Lang::En));
                    write_out(
                        None,
                        &crate::export::uncertainty::text(&s, &o, units, money, note.as_deref()),
                    )
                }
            }
        }
        Command::GoalSeek {
            file,
            targets,
            out,
            path,
            money,
            units,
        } => {
            let Some(mut s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            if let Some(o) = &out
                && let Err(code) = refuse_overwrite(o, &[&file])
            {
                return code;
            }
            let mut block = s
                .goal_seek
                .clone()
                .unwrap_or_else(|| engine::goal_seek::default_block(&s));
            if path {
                block.mode = crate::model::SeekMode::Path { from_year: None };
            }
            // the options given here go into the block, so that the answer file reproduces
            if !targets.is_empty() {
                block.targets = targets;
            }
            s.goal_seek = Some(block);
            let opts = engine::goal_seek::Options::default();
            let a = match engine::goal_seek::seek(&s, &opts, None) {
                Ok(a) => a,
                Err(e) => {
                    warn!("{}: {e}", file.display());
                    return EXIT_INVALID;
                }
            };
            let code = write_out(None, &crate::export::goal_seek::text(&a, units, money));
            if code != EXIT_OK {
                return code;
            }
            if let Some(o) = &out {
                if let Err(e) = file::save(o, &a.scenario) {
                    warn!("{e}");
                    return EXIT_INVALID;
                }
                if let Err(code) = say_line(&format!("Wrote {}", o.display())) {
                    return code;
                }
            }
            if a.status == engine::goal_seek::Status::Infeasible {
                EXIT_INVALID
            } else {
                EXIT_OK
            }
        }
        Command::Factors {
            file,
            from,
            to,
            units,
        } => {
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            let p = engine::project(&s);
            match factors::analyse(&s, &p, from, to) {
                Ok(f) => write_out(None, &factors_text(&f, units)),
                Err(e) => {
                    warn!("{}: {e}", file.display());
                    EXIT_INVALID
                }
            }
        }
    }
}

fn table_text(p: &engine::Projection, units: Units) -> String {
    let mut o = format!(
        "{:>6} {:>14} {:>14} {:>14} {:>14} {:>12} {:>14} {:>14}   ({})\n",
        "FY",
        "Scope 1",
        "Scope 2 mkt",
        "Scope 2 loc",
        "Scope 3",
        "Credits",
        "Net",
        "BAU net",
        units.label()
    );
    let d = units.decimals();
    for i in 0..p.years() {
        let t = &p.scenario.totals[i];
        let b = &p.bau.totals[i];
        o.push_str(&format!(
            "{:>6} {:>14} {:>14} {:>14} {:>14} {:>12} {:>14} {:>14}\n",
            p.year(i),
            group(units.of(t.scope1), d),
            group(units.of(t.scope2_market), d),
            group(units.of(t.scope2_location), d),
            group(units.of(t.scope3), d),
            group(units.of(t.credits), d),
            group(units.of(t.net), d),
            group(units.of(b.net), d),
        ));
    }
    o
}

/// The association's table layout: log % and t-CO2 per factor.
pub fn factors_text(f: &factors::Factors, units: Units) -> String {
    let mut o = format!(
        "Factor analysis of Scope 1+2 (market), FY{} → FY{} (LMDI-I)\n\n",
        f.from.year, f.to.year
    );
    o.push_str(&format!("{:<34}{:>10}{:>18}\n", "Factor", "log %", units.label()));
    for (name, x) in [
        ("Economic activity (production)", f.activity),
        ("Energy intensity (energy per t)", f.energy_intensity),
        ("Carbon intensity (CO2 per energy)", f.carbon_intensity),
        ("CO2 emissions change", f.total),
    ] {
        o.push_str(&format!(
            "{:<34}{:>10}{:>18}\n",
            name,
            format!("{:.1}", x.log_pct()).replace('-', "−"),
            group(units.of(x.t_co2), units.decimals())
        ));
    }
    o.push_str(&format!(
        "\nSimple change: {}\n",
        crate::i18n::pct((f.to.emissions_t / f.from.emissions_t - 1.0) * 100.0)
    ));
    for y in [f.from, f.to] {
        o.push_str(&format!(
            "FY{}: emissions {}, production {} t, primary energy {} GJ\n",
            y.year,
            units.fmt(y.emissions_t),
            group(y.production_t, 0),
            group(y.primary_energy_gj, 0)
        ));
    }
    o
}
