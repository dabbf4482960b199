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
    #[arg(long, value_parser = ["by-source", "by-site", "wedges", "bridge", "factors"])]
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
        csv: Option<String>,
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
                    eprintln!("{e}");
                    return EXIT_INVALID;
                }
                println!("{}", out.display());
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("{e}");
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
                eprintln!("{}: {line}", path.display());
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

fn write_out(target: Option<&str>, text: &str) -> i32 {
    match target {
        None | Some("-") => {
            let mut out = std::io::stdout().lock();
            if out.write_all(text.as_bytes()).and_then(|_| out.flush()).is_err() {
                return EXIT_INVALID;
            }
            EXIT_OK
        }
        Some(path) => match file::write_atomic(Path::new(path), text.as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                eprintln!("{e}");
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
                match load_or_report(f) {
                    Some(_) => println!("{}: ok", f.display()),
                    None => code = EXIT_INVALID,
                }
            }
            code
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
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            let lang = parse_lang(&lang);
            let r = crate::export::html::report(&s, lang, units, &crate::export::today());
            let code = write_out(Some(&html.display().to_string()), &r.html);
            if code == EXIT_OK {
                println!("{} ({} charts)", html.display(), r.charts);
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
            let Some(s) = load_or_report(&file) else {
                return EXIT_INVALID;
            };
            if xlsx.is_none() && csv_dir.is_none() && png_dir.is_none() {
                eprintln!("decarb export: give --xlsx OUT.xlsx, --csv-dir DIR and/or --png-dir DIR");
                return EXIT_USAGE;
            }
            if let Some(out) = xlsx {
                let written = crate::export::xlsx::workbook(&s).and_then(|b| file::write_atomic(&out, &b));
                if let Err(e) = written {
                    eprintln!("{e}");
                    return EXIT_INVALID;
                }
                println!("{}", out.display());
            }
            if let Some(dir) = csv_dir {
                if let Err(e) = std::fs::create_dir_all(&dir) {
                    eprintln!("{}: {e}", dir.display());
                    return EXIT_INVALID;
                }
                for t in crate::export::tables::tables(&s) {
                    let name = format!("{}.csv", t.name.to_lowercase().replace(' ', "_"));
                    let out = dir.join(name);
                    if let Err(e) = file::write_atomic(&out, t.to_csv().as_bytes()) {
                        eprintln!("{e}");
                        return EXIT_INVALID;
                    }
                    println!("{}", out.display());
                }
            }
            if let Some(dir) = png_dir {
                if let Err(e) = std::fs::create_dir_all(&dir) {
                    eprintln!("{}: {e}", dir.display());
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
                    eprintln!("{}: {e}", file.display());
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
