//! The command line, run as a user would: exit codes, CSV columns, summaries, factor tables.

use std::path::PathBuf;
use std::process::{Command, Output};

#[path = "cli/hostile.rs"]
mod hostile;
#[path = "common/workbooks.rs"]
mod workbooks;

fn decarb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_decarb"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run decarb")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SHIPPED: [&str; 3] = [
    "scenarios/jx-metals-2018.ron",
    "scenarios/jmia-nonferrous-2013.ron",
    "scenarios/nlm-2013.ron",
];

#[test]
fn check_accepts_the_shipped_scenarios() {
    let mut args = vec!["check"];
    args.extend(SHIPPED);
    let o = decarb(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).matches(": ok").count(), 3);
}

#[test]
fn check_reports_every_bad_file_and_exits_1() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let manifest = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    for line in manifest.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (file, fragment) = line.split_once('\t').unwrap();
        let path = format!("tests/bad/{file}");
        let o = decarb(&["check", &path]);
        assert_eq!(o.status.code(), Some(1), "{file}");
        assert!(stderr(&o).contains(fragment), "{file}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{file}");
    }
    // good and bad together: exit 1, the good one still says ok
    let o = decarb(&["check", SHIPPED[0], "tests/bad/nan.ron", "does/not/exist.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("jx-metals-2018.ron: ok"));
    assert!(stderr(&o).contains("does/not/exist.ron"));
}

#[test]
fn check_says_what_migrating_a_version_1_file_changed() {
    let o = decarb(&["check", "tests/data/v1/jx-metals-2018.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("jx-metals-2018.ron: ok"), "{out}");
    assert!(
        out.contains("upgraded to version 2") && out.contains("discount_rate_pct"),
        "{out}"
    );
    // A version-2 file has nothing to say.
    let o = decarb(&["check", SHIPPED[0]]);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
}

#[test]
fn cost_prints_the_group_table_the_exposure_and_what_is_not_counted() {
    let o = decarb(&["cost", SHIPPED[0]]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // JX's TCFD figure: 905 kt × 7,735 JPY/t ≈ 70億円 a year (003:L3172-3181).
    assert!(
        out.lines()
            .any(|l| l.starts_with("Exposure in FY2030 at 7,735 円/t") && l.contains("70.00 億円")),
        "{out}"
    );
    assert!(
        out.contains("window FY2024–FY2050") && out.contains("discount rate 4.00 % real"),
        "{out}"
    );
    // Every active group has a row; missing prices are listed by field.
    for g in [
        "CO2-free power",
        "Recycling",
        "PPA and own renewables",
        "Process change",
    ] {
        assert!(out.lines().any(|l| l.starts_with(g)), "{g}: {out}");
    }
    assert!(
        out.contains("Not counted (no price in the file; never taken as 0)"),
        "{out}"
    );
    assert!(out.contains("(ppas[0].price_jpy_per_mwh)"), "{out}");
    // --year keeps one row of the yearly series; money units switch.
    let o = decarb(&["cost", SHIPPED[2], "--year", "2030", "--money", "million-yen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let series: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Plan cost by year"))
        .skip(2)
        .collect();
    assert_eq!(series.len(), 1, "{out}");
    assert!(series[0].trim_start().starts_with("2030"), "{out}");
    assert!(out.contains("百万円"), "{out}");
    // NLM at "Europe ~10,000円/t": the FY2030 exposure is about 40億円 = 4,000百万円.
    let line = out.lines().find(|l| l.starts_with("Exposure in FY2030")).unwrap();
    assert!(line.contains("10,000 円/t"), "{line}");
    // A year outside the window, a file without prices, a bad file.
    let o = decarb(&["cost", SHIPPED[0], "--year", "2019"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("outside the cost window FY2024–FY2050"),
        "{}",
        stderr(&o)
    );
    let o = decarb(&["cost", "tests/data/minimal.ron"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("nothing to cost"), "{}", stdout(&o));
    let o = decarb(&["cost", "tests/bad/nan.ron"]);
    assert_eq!(o.status.code(), Some(1));
    let o = decarb(&["cost", SHIPPED[0], "--money", "dollars"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn cost_csv_holds_the_macc_table_and_the_yearly_series() {
    let o = decarb(&["cost", SHIPPED[1], "--csv", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let (macc, years) = out.split_once("\n\n").expect("two tables");
    // A rectangle: every row (group rows, then group × site rows) as wide as the header.
    let mut rd = csv::ReaderBuilder::new().from_reader(macc.as_bytes());
    let width = rd.headers().unwrap().len();
    let records: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert!(
        records.len() > 1 && records.iter().all(|r| r.len() == width),
        "{macc}"
    );
    assert!(records.iter().any(|r| &r[1] != "all"), "site rows: {macc}");
    let mut rows = macc.lines();
    assert!(rows.next().unwrap().starts_with("lever group,site,NPV [JPY]"));
    assert!(rows.any(|r| r.starts_with("Efficiency,all,")), "{macc}");
    let mut lines = years.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "fiscal year");
    assert!(header.contains(&"exposure of the scenario [JPY]"), "{header:?}");
    // One row per projected year FY2013–FY2050.
    assert_eq!(lines.count(), 38);
    // To a file, never over the scenario itself.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cost.csv");
    let o = decarb(&["cost", SHIPPED[1], "--csv", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(&out).unwrap().contains("fiscal year"));
    let o = decarb(&["cost", SHIPPED[1], "--csv", SHIPPED[1]]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_survives_binary_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.ron");
    let bytes: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 7) as u8)
        .collect();
    std::fs::write(&path, bytes).unwrap();
    let o = decarb(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["frobnicate", "extra"],
        vec!["run"],
        vec!["factors", SHIPPED[1], "--from", "x", "--to", "2023"],
        vec!["summary", SHIPPED[0], "--units", "furlongs"],
        vec!["check"],
    ] {
        let o = decarb(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
    assert_eq!(decarb(&["--help"]).status.code(), Some(0));
    // a lone unknown word is taken as a scenario file to open: an input error
    let o = decarb(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("frobnicate"));
    assert_eq!(decarb(&["--version"]).status.code(), Some(0));
}

#[test]
fn run_writes_one_csv_row_per_year_with_the_fixed_columns() {
    let o = decarb(&["run", SHIPPED[0], "--csv", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with(
            "year,scope1_t,scope2_market_t,scope2_location_t,scope3_t,credits_t,net_t,bau_net_t,"
        )
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2050 - 2018 + 1);
    assert!(rows[0].starts_with("2018,"));
    assert!(rows.last().unwrap().starts_with("2050,"));
    let cols = header.split(',').count();
    assert!(rows.iter().all(|r| r.split(',').count() == cols));
    // FY2018 net = Scope 1 + market Scope 2 − credits (no target covers Scope 3)
    let f: Vec<f64> = rows[0].split(',').take(8).map(|x| x.parse().unwrap()).collect();
    assert!((f[6] - (f[1] + f[2] - f[5])).abs() < 1e-6);
    assert!((f[6] / 1e4 - 181.0).abs() < 1.81);

    // the same to a file, written atomically
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jx.csv");
    let o = decarb(&["run", SHIPPED[0], "--csv", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    // CSV is the default output
    assert_eq!(stdout(&decarb(&["run", SHIPPED[0]])), text);
}

#[test]
fn run_of_the_minimal_scenario_matches_a_hand_calculation() {
    let o = decarb(&["run", "tests/data/minimal.ron"]);
    let text = stdout(&o);
    let row: Vec<f64> = text
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .take(8)
        .map(|x| x.parse().unwrap())
        .collect();
    // FY2018: 10,000 MWh × 0.46 = 4,600 t; heavy oil 100 kl × 39.1 GJ × 0.0693 = 270.963 t;
    // city gas 2,000 GJ × 0.0499 = 99.8 t; process 500 t.
    let s1 = 100.0 * 39.1 * 0.0693 + 2000.0 * 0.0499 + 500.0;
    assert!((row[1] - s1).abs() < 1e-6, "{}", row[1]);
    assert!((row[2] - 4600.0).abs() < 1e-6);
    // Scope 3: 800 t × (0.9 × 12 + 0.1 × 0.4)
    assert!((row[4] - 800.0 * (0.9 * 12.0 + 0.1 * 0.4)).abs() < 1e-6);

    // FY2025, every lever of the file on. Grid factor 0.46 → 0.25 over FY2018–FY2030:
    // 0.46 − 0.21 × 7/12. CO2-free share 0 → 1 over FY2020–FY2030: 0.5. Half the heavy oil
    // (3,910 GJ) switched to city gas at ratio 1. The 1 MW PPA (1,100 MWh) lowers purchases.
    let row: Vec<f64> = text
        .lines()
        .find(|l| l.starts_with("2025,"))
        .unwrap()
        .split(',')
        .take(8)
        .map(|x| x.parse().unwrap())
        .collect();
    let ef = 0.46 - 0.21 * 7.0 / 12.0;
    let s2m = (10_000.0 - 1100.0) * (1.0 - 0.5) * ef;
    assert!((row[2] - s2m).abs() < 1e-6, "{} vs {s2m}", row[2]);
    assert!((row[3] - (10_000.0 - 1100.0) * ef).abs() < 1e-6, "{}", row[3]);
    let oil_gj = 100.0 * 39.1;
    let s1 = oil_gj * 0.5 * 0.0693 + (2000.0 + oil_gj * 0.5) * 0.0499 + 500.0;
    assert!((row[1] - s1).abs() < 1e-6, "{} vs {s1}", row[1]);
    // recycled share 0.1 → 0.5 over FY2018–FY2040
    let rho = 0.1 + 0.4 * 7.0 / 22.0;
    let s3 = 800.0 * ((1.0 - rho) * 12.0 + rho * 0.4);
    assert!((row[4] - s3).abs() < 1e-6, "{} vs {s3}", row[4]);
    assert!((row[6] - (s1 + s2m)).abs() < 1e-6, "net");
}

#[test]
fn summary_gives_baselines_targets_and_units() {
    let o = decarb(&["summary", SHIPPED[2]]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for needle in [
        "FY2013",
        "FY2018",
        "FY2030",
        "FY2050",
        "0.982 t-CO2/百万円",
        "intensity met, absolute missed",
        "万t",
    ] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
    // Each target's status, on its own line (V10, V15): the intensity targets met, their
    // absolute equivalents and both 2050 targets not met. "MET" must be the whole word.
    let status = |line: &str| line.split_whitespace().last().map(str::to_owned);
    let lines: Vec<&str> = text.lines().collect();
    let status_after = |label: &str| -> Vec<String> {
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(label))
            .unwrap();
        lines[at + 1..]
            .iter()
            .take_while(|l| l.starts_with("    "))
            .filter(|l| l.contains("level "))
            .map(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                let n = words.len();
                if n >= 2 && words[n - 2] == "NOT" {
                    "NOT MET".to_owned()
                } else {
                    status(l).unwrap()
                }
            })
            .collect()
    };
    assert_eq!(
        status_after("Scope 1,2 intensity −30 %"),
        ["MET", "NOT MET"],
        "{text}"
    );
    assert_eq!(
        status_after("Scope 3 intensity −30 %"),
        ["MET", "NOT MET"],
        "{text}"
    );
    assert_eq!(status_after("Own emissions zero 2050"), ["NOT MET"], "{text}");
    assert_eq!(status_after("Value chain net zero 2050"), ["NOT MET"], "{text}");
    let o = decarb(&["summary", SHIPPED[0], "--units", "kt"]);
    let text = stdout(&o);
    assert!(text.contains("1,810.0 kt"), "{text}");
    assert!(text.contains("905.0 kt"), "{text}");
    let text = stdout(&decarb(&["summary", SHIPPED[0], "--units", "t"]));
    assert!(text.contains("905,000 t"), "{text}");
    // JX has no FY2013 figure: n/a
    assert!(text.contains("FY2013               n/a"), "{text}");
}

#[test]
fn factors_prints_the_association_table() {
    let o = decarb(&["factors", SHIPPED[1], "--from", "2013", "--to", "2023"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in ["−8.4", "−18.8", "−20.4", "−47.6"] {
        assert!(text.contains(needle), "missing {needle}\n{text}");
    }
    // a year with no data is an input error, not a usage error
    let o = decarb(&["factors", SHIPPED[0], "--from", "2013", "--to", "2023"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("FY2013"));
}

#[test]
fn commands_on_a_bad_file_exit_1() {
    for cmd in ["run", "summary"] {
        let o = decarb(&[cmd, "tests/bad/share_1_5.ron"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("sites[0].co2_free_share"));
    }
}

#[test]
fn compare_shows_figures_side_by_side_and_the_changed_levers() {
    let o = decarb(&["compare", SHIPPED[0], SHIPPED[0]]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("No differences"), "{}", stdout(&o));

    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("jx-more-co2-free.ron");
    let text = std::fs::read_to_string(SHIPPED[0]).unwrap();
    let text = text.replacen("(2020, 0.0), (2023, 0.5056)", "(2020, 0.0), (2030, 1.0)", 1);
    std::fs::write(&changed, text).unwrap();
    let o = decarb(&["compare", SHIPPED[0], changed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("sites[other_japan].co2_free_share"), "{out}");
    // Names, units and the change, not ids and RON text.
    assert!(
        out.contains("Site “Other domestic sites, grouped (その他国内拠点)” · CO2-free share"),
        "{out}"
    );
    assert!(out.contains("B: FY2020 0.0 %, FY2030 100.0 %"), "{out}");
    assert!(out.contains("Δ FY2030: +49.4 pt"), "{out}");
    // the target's status in both files, as the last word of each line: met in A and in B
    assert!(out.contains("Scope 1+2 (market), gross, FY2030"), "{out}");
    let status: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.contains("−50 % vs FY2018 (Scope 1+2)"))
        .skip(1)
        .take(2)
        .map(|l| l.rsplit(": ").next().unwrap_or_default())
        .collect();
    assert_eq!(status, ["MET", "MET"], "{out}");
    // Full target labels, and a B − A column.
    assert!(out.contains("  −50 % vs FY2018 (Scope 1+2)\n"), "{out}");
    assert!(out.contains("B − A"), "{out}");

    // two different shipped files: their sites and targets differ
    let o = decarb(&["compare", SHIPPED[1], SHIPPED[2]]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("sites[kambara]") && out.contains("regions[japan]"),
        "{out}"
    );
    assert_eq!(decarb(&["compare", SHIPPED[0]]).status.code(), Some(2));
    assert_eq!(
        decarb(&["compare", SHIPPED[0], "tests/bad/nan.ron"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn html_report_is_self_contained_with_every_kpi_and_a_chart_each() {
    let dir = tempfile::tempdir().unwrap();
    for (file, lang) in [(SHIPPED[2], "en"), (SHIPPED[2], "ja"), (SHIPPED[0], "en")] {
        let out = dir.path().join(format!("report-{lang}.html"));
        let o = decarb(&["report", file, "--html", out.to_str().unwrap(), "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(html.starts_with("<!doctype html>"));
        // the only URL is the SVG namespace
        let urls = html.matches("http://").count() + html.matches("https://").count();
        assert_eq!(urls, html.matches("http://www.w3.org/2000/svg").count(), "{file}");
        assert!(
            !html.contains("<script") && !html.contains("src=\"http"),
            "no external resources"
        );
        // one trajectory per target metric, then sources, wedges, bridge; then the plan cost
        // and the MACC of a file with prices
        let s = decarb::file::load(std::path::Path::new(file)).unwrap();
        let metrics = decarb::export::figures::target_metrics(&s).len();
        let frame = decarb::export::figures::Frame {
            lang: if lang == "ja" {
                decarb::i18n::Lang::Ja
            } else {
                decarb::i18n::Lang::En
            },
            units: decarb::units::Units::ManT,
            date: "",
        };
        let cost = decarb::engine::cost_analysis::analyse(&s).map_or(0, |c| {
            decarb::export::figures::cost_svgs(&s, &c, decarb::units::Money::OkuYen, &frame).len()
        });
        // and the tornado of a file with uncertain inputs (every shipped file has them)
        let engine = decarb::engine::Engine::new(&s);
        let unc = decarb::export::uncertainty::outcome(&s, &engine, &decarb::engine::Metric::default_for(&s))
            .expect("the shipped files have uncertain inputs");
        let tornado = usize::from(decarb::export::figures::tornado_svg(&s, &unc, &frame).is_some());
        assert_eq!(tornado, 1, "{file}");
        assert_eq!(
            html.matches("<svg").count(),
            metrics + 3 + cost + tornado,
            "{file}"
        );
        // the fan on the trajectory and P(met) ± SE of each target, the engine's figures
        assert!(
            html.contains(if lang == "ja" {
                "P5–P95（90%区間）"
            } else {
                "P5–P95"
            }),
            "{file}"
        );
        for t in &unc.targets {
            let text = format!("{:.0} % ± {:.1}", 100.0 * t.p_met, 100.0 * t.se);
            assert!(
                html.contains(&text),
                "{file}: P(met) {text} of {} missing",
                t.label
            );
        }
        assert!(html.contains(if lang == "ja" {
            "計画の確からしさ"
        } else {
            "How sure is the plan"
        }));
        for i in &s.uncertainty.inputs {
            assert!(html.contains(&i.id), "{file}: input {} not listed", i.id);
        }
        if cost > 0 {
            assert!(html.contains("MACC"), "{file}");
            assert!(
                html.contains(if lang == "ja" {
                    "BAU比の計画コスト"
                } else {
                    "Plan cost against BAU"
                }),
                "{file}"
            );
        }
        // what an executive reads: published plans labelled as such, no truncated labels,
        // citations in an appendix
        assert!(!html.contains("Cumulative to ("), "{file}");
        assert!(html.contains(if lang == "ja" {
            "出典と前提"
        } else {
            "Sources and assumptions"
        }));
        assert!(!html.contains('…'), "{file}: a truncated label");
        // every KPI: each target's value and level as the summary prints them
        let s = decarb::file::load(std::path::Path::new(file)).unwrap();
        let p = decarb::engine::project(&s);
        for r in decarb::engine::targets::evaluate(&s, &p) {
            assert!(html.contains(&r.label), "{}", r.label);
            for v in [r.value, r.level, r.gap] {
                let text = decarb::report::fmt_target_value(r.unit, v, decarb::units::Units::ManT);
                assert!(html.contains(&text), "{file}: {text} missing");
            }
        }
        if lang == "ja" {
            assert!(html.contains("lang=\"ja\"") && html.contains("原単位は達成、総量は未達"));
        }
    }
}

#[test]
fn uncertainty_prints_the_fan_the_chances_and_the_tornado_as_the_engine_gives_them() {
    for file in SHIPPED {
        let s = decarb::file::load(std::path::Path::new(file)).unwrap();
        let e = decarb::engine::Engine::new(&s);
        let o = decarb::engine::uncertainty::analyse(
            &s,
            &e,
            decarb::engine::uncertainty::Options {
                draws: Some(400),
                seed: Some(9),
                cost: true,
                tornado: true,
                sobol: None,
            },
            &decarb::engine::uncertainty::Progress::default(),
        )
        .unwrap();
        let out = decarb(&[
            "uncertainty",
            file,
            "--draws",
            "400",
            "--seed",
            "9",
            "--units",
            "t",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("400 draws, seed 9"), "{file}");
        assert!(text.contains("Per-year marginal percentiles"), "{file}");
        for t in &o.targets {
            let line = format!(
                "{} (FY{}): P(met) {:.0} % ± {:.1}",
                t.label,
                t.year,
                100.0 * t.p_met,
                100.0 * t.se
            );
            assert!(text.contains(&line), "{file}: {line}");
        }
        for r in &o.tornado {
            assert!(text.contains(&r.label), "{file}: tornado row {}", r.label);
        }
        // the CSV: the fan's P50 per year to the bit, then the chances, then the tornado
        let csv = decarb(&["uncertainty", file, "--draws", "400", "--seed", "9", "--csv", "-"]);
        assert_eq!(csv.status.code(), Some(0));
        let csv = stdout(&csv);
        let rows: Vec<&str> = csv.lines().collect();
        assert!(rows[0].starts_with("fiscal year,P5 [t-CO2]"), "{}", rows[0]);
        for (k, f) in o.fan.iter().enumerate() {
            let cells: Vec<&str> = rows[k + 1].split(',').collect();
            assert_eq!(cells[0].parse::<f64>().unwrap(), f64::from(f.year));
            assert_eq!(cells[3].parse::<f64>().unwrap(), f.p[2], "{file} FY{}", f.year);
        }
        assert!(csv.contains("target,fiscal year,P(met)"));
        assert!(csv.contains("input,multiplier at P10"));
    }
    // Sobol on request; a bad count is a usage error; a file without inputs says so
    let sob = decarb(&["uncertainty", SHIPPED[1], "--draws", "200", "--sobol"]);
    assert_eq!(sob.status.code(), Some(0), "{}", stderr(&sob));
    assert!(stdout(&sob).contains("Sobol S1"));
    assert_eq!(
        decarb(&["uncertainty", SHIPPED[1], "--draws", "x"]).status.code(),
        Some(2)
    );
    let plain = decarb(&["uncertainty", "tests/data/minimal.ron"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    assert!(stdout(&plain).contains("no uncertain inputs"));
}

#[test]
fn xlsx_workbook_reads_back_with_the_expected_sheets_and_values() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jx.xlsx");
    let csv = dir.path().join("csv");
    let o = decarb(&[
        "export",
        SHIPPED[0],
        "--xlsx",
        out.to_str().unwrap(),
        "--csv-dir",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
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
            // the inputs as the inventory workbook's sheets (`decarb import` reads them back)
            "Company",
            "Sites",
            "Fuel use",
            "Own generation",
            "Fuel switches",
            "Measures",
            "Regions",
            "Fuels",
            "Materials",
            "PPAs",
            "History",
            "History fuels",
            "Targets",
            "Prices and capex"
        ]
    );
    // the chance of each target, as the engine gives it for the file's draws and seed
    let s0 = decarb::file::load(std::path::Path::new(SHIPPED[0])).unwrap();
    let e0 = decarb::engine::Engine::new(&s0);
    let o0 = decarb::engine::uncertainty::analyse(
        &s0,
        &e0,
        decarb::engine::uncertainty::Options::default(),
        &decarb::engine::uncertainty::Progress::default(),
    )
    .unwrap();
    let chance = wb.worksheet_range("Chance of meeting targets").unwrap();
    for (k, t) in o0.targets.iter().enumerate() {
        assert_eq!(chance.get((k + 1, 0)), Some(&Data::String(t.label.clone())));
        assert_eq!(chance.get((k + 1, 2)), Some(&Data::Float(t.p_met)));
    }
    let fan = wb.worksheet_range("Uncertainty fan").unwrap();
    assert_eq!(fan.get((1, 0)), Some(&Data::Float(2018.0)));
    assert_eq!(fan.get((13, 3)), Some(&Data::Float(o0.fan[12].p[2])));
    let traj = wb.worksheet_range("Trajectories").unwrap();
    assert_eq!(traj.get((0, 6)), Some(&Data::String("Net [t-CO2]".into())));
    assert_eq!(traj.get((1, 0)), Some(&Data::Float(2018.0)));
    let s = decarb::file::load(std::path::Path::new(SHIPPED[0])).unwrap();
    let p = decarb::engine::project(&s);
    let Some(Data::Float(net2030)) = traj.get((13, 6)) else {
        panic!("no FY2030 net")
    };
    assert!((net2030 - p.totals(2030).unwrap().net).abs() < 1e-6);
    let kpis = wb.worksheet_range("KPIs").unwrap();
    assert_eq!(
        kpis.get((1, 0)),
        Some(&Data::String("−50 % vs FY2018 (Scope 1+2)".into()))
    );
    assert_eq!(kpis.get((1, 4)), Some(&Data::Float(905_000.0)));
    // and one CSV per table
    for name in [
        "trajectories",
        "by_source",
        "by_site",
        "wedges",
        "bridge",
        "kpis",
        "inputs",
        "uncertainty_fan",
        "chance_of_meeting_targets",
        "tornado",
        "uncertain_inputs",
    ] {
        let text = std::fs::read_to_string(csv.join(format!("{name}.csv"))).unwrap();
        assert!(text.lines().count() > 1, "{name}");
    }
    assert_eq!(decarb(&["export", SHIPPED[0]]).status.code(), Some(2));
}

fn png_size(path: &std::path::Path) -> (u32, u32) {
    let b = std::fs::read(path).unwrap();
    assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n", "{}", path.display());
    (
        u32::from_be_bytes(b[16..20].try_into().unwrap()),
        u32::from_be_bytes(b[20..24].try_into().unwrap()),
    )
}

#[test]
fn slide_pngs_are_1920_by_1080_without_a_display_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let o = decarb(&[
        "export",
        SHIPPED[2],
        "--png-dir",
        dir.path().to_str().unwrap(),
        "--lang",
        "ja",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // NLM: one trajectory per target metric (Scope 1+2, Scope 3, Scope 1+2+3), then the rest.
    for part in [
        "trajectory",
        "trajectory-s3-market-gross",
        "trajectory-s123-market-net",
        "by-source",
        "wedges",
        "bridge",
    ] {
        let p = dir.path().join(format!("nlm-2013-{part}.png"));
        assert_eq!(png_size(&p), (1920, 1080), "{part}");
    }
    let out = dir.path().join("jx.png");
    let o = decarb(&["--export-png", out.to_str().unwrap(), SHIPPED[0]]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(png_size(&dir.path().join("jx-trajectory.png")), (1920, 1080));
    assert!(stdout(&o).contains("jx-bridge.png"));
}

#[test]
fn summary_prints_the_model_against_every_reported_actual() {
    let text = stdout(&decarb(&["summary", SHIPPED[0]]));
    assert!(text.contains("Model against reported actuals"), "{text}");
    assert!(
        text.contains("FY2023 Scope 1+2: reported 71.80 万t, model 71.70 万t (−0.10 万t, −0.1 %)"),
        "{text}"
    );
    assert!(text.contains("FY2023 Scope 1: reported 48.30 万t"), "{text}");
}

#[test]
fn the_workbook_has_native_charts_frozen_headers_and_the_metric() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nlm.xlsx");
    let o = decarb(&["export", SHIPPED[2], "--xlsx", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    // Zip entry names are stored as plain text: two charts (trajectory, wedges).
    assert!(has("xl/charts/chart1.xml") && has("xl/charts/chart2.xml"));
    assert!(has("xl/drawings/drawing1.xml"));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let traj = wb.worksheet_range("Trajectories").unwrap();
    assert_eq!(
        traj.get((0, 8)),
        Some(&Data::String("Scope 1+2 (market), gross [t-CO2]".into()))
    );
    let wedges = wb.worksheet_range("Wedges").unwrap();
    assert_eq!(
        wedges.get((0, 1)),
        Some(&Data::String("CO2-free power [t-CO2]".into()))
    );
}

/// NLM with the known answer's target and Kambara's CO2-free share as the only lever
/// (ANALYSES.md §9.2), written to `dir`.
fn nlm_goal_seek_file(dir: &std::path::Path) -> PathBuf {
    let mut s = decarb::file::load(std::path::Path::new("scenarios/nlm-2013.ron")).unwrap();
    s.targets.push(
        ron::from_str(
            r#"(label: "−30 % abs vs FY2013", year: 2030, scopes: [Scope1, Scope2], kind: Absolute(reduction_pct: 30.0, reference_year: 2013))"#,
        )
        .unwrap(),
    );
    s.goal_seek = Some(
        ron::from_str(r#"(targets: ["−30 % abs vs FY2013"], levers: [(lever: Co2Free(site: "kambara"))])"#)
            .unwrap(),
    );
    let p = dir.join("nlm-goal.ron");
    decarb::file::save(&p, &s).unwrap();
    p
}

#[test]
fn goalseek_prints_the_report_and_writes_an_answer_that_checks_and_meets_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let input = nlm_goal_seek_file(dir.path());
    let out = dir.path().join("answer.ron");
    let o = decarb(&[
        "goalseek",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Status: Optimal"), "{text}");
    assert!(text.contains("Met at"), "{text}");
    assert!(text.contains("Marginal cost of the last tonne"), "{text}");
    assert!(text.contains("90.5 %"), "Kambara's share x* = 0.905: {text}");
    let c = decarb(&["check", out.to_str().unwrap()]);
    assert_eq!(c.status.code(), Some(0), "{}", stderr(&c));
    let s = decarb::file::load(&out).unwrap();
    let r = decarb::engine::targets::evaluate(&s, &decarb::engine::project(&s));
    assert!(r.iter().any(|t| t.label == "−30 % abs vs FY2013" && t.met));
    // the same file gives the same answer file, byte for byte
    let again = dir.path().join("again.ron");
    let o2 = decarb(&[
        "goalseek",
        input.to_str().unwrap(),
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(o2.status.code(), Some(0));
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn goalseek_out_of_reach_prints_the_closest_setting_and_the_miss_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let input = nlm_goal_seek_file(dir.path());
    let mut s = decarb::file::load(&input).unwrap();
    // −90 % in FY2030 with Kambara's CO2-free power alone: out of reach
    s.targets.last_mut().unwrap().kind = decarb::model::TargetKind::Absolute {
        reduction_pct: 90.0,
        reference_year: 2013,
    };
    s.goal_seek.as_mut().unwrap().levers[0].max = Some(0.8);
    decarb::file::save(&input, &s).unwrap();
    let out = dir.path().join("closest.ron");
    let o = decarb(&[
        "goalseek",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("Infeasible"), "{text}");
    assert!(text.contains("Miss at the closest achievable setting"), "{text}");
    assert!(text.contains("Bounds to relax"), "{text}");
    assert!(text.contains("80.0 %"), "Kambara at its upper bound: {text}");
    assert!(text.contains("t per percentage point"), "{text}");
    assert!(decarb::file::load(&out).is_ok(), "the closest setting is written");
}

#[test]
fn goalseek_target_path_mode_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let input = nlm_goal_seek_file(dir.path());
    let i = input.to_str().unwrap();
    // --path: one row per year up to FY2030, on the glide line from FY2013
    let o = decarb(&["goalseek", i, "--path"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for y in 2024..=2030 {
        assert!(text.contains(&format!(" {y} ")), "FY{y} row: {text}");
    }
    // an unknown label is named
    let o = decarb(&["goalseek", i, "--target", "no such target"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such target"), "{}", stderr(&o));
    // the input is never overwritten
    let o = decarb(&["goalseek", i, "--out", i]);
    assert_ne!(o.status.code(), Some(0));
    assert!(decarb::file::load(&input).unwrap().goal_seek.is_some());
}

#[test]
fn goalseek_runs_on_every_shipped_file_with_the_default_levers() {
    for f in SHIPPED {
        let o = decarb(&["goalseek", f]);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains("Goal seek from the FY2023 freeze"), "{f}: {text}");
        assert!(text.contains("engine runs"), "{f}: {text}");
    }
}

/// The template is written, filled (the JX inventory), imported into a file `check` accepts;
/// `export --xlsx` of each shipped file imports back to the same summary; a workbook with five
/// mistakes lists all five with sheet, row and column, and writes nothing.
#[test]
fn template_import_and_the_round_trip_through_excel() {
    let dir = tempfile::tempdir().unwrap();
    let d = |n: &str| dir.path().join(n).display().to_string();
    let o = decarb(&["template", "--xlsx", &d("t.xlsx"), "--csv-dir", &d("t")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("t/Sites.csv").is_file());
    {
        use calamine::{Reader, Xlsx, open_workbook};
        let mut wb: Xlsx<_> = open_workbook(d("t.xlsx")).unwrap();
        let names = wb.sheet_names();
        for want in [
            "README",
            "Company",
            "Sites",
            "Fuels",
            "Regions",
            "Materials",
            "PPAs",
            "History",
            "Targets",
            "Prices and capex",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
        }
        let sites = wb.worksheet_range("Sites").unwrap();
        assert_eq!(sites.get((0, 3)).unwrap().to_string(), "production [t]");
        assert!(sites.get((1, 0)).unwrap().to_string().starts_with("# "));
    }
    // the empty template: the Company fields to fill, nothing written
    let o = decarb(&["import", &d("t.xlsx"), "-o", &d("empty.ron")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Company, row 7, column B \"value\": empty: \"base year\" is required"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("empty.ron").exists());

    let jx = workbooks::jx_inventory_dir().display().to_string();
    let o = decarb(&["import", &jx, "-o", &d("jx.ron")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("14 sites, 6 regions, 12 fuels"),
        "{}",
        stdout(&o)
    );
    let o = decarb(&["check", &d("jx.ron")]);
    assert!(o.status.success(), "{}", stderr(&o));

    for f in SHIPPED {
        let x = d("export.xlsx");
        let r = d("again.ron");
        let _ = std::fs::remove_file(&x);
        assert!(decarb(&["export", f, "--xlsx", &x]).status.success());
        let o = decarb(&["import", &x, "-o", &r]);
        assert!(o.status.success(), "{f}: {}", stderr(&o));
        assert_eq!(
            stdout(&decarb(&["summary", f])),
            stdout(&decarb(&["summary", &r])),
            "{f}"
        );
    }

    let (book, expected) = workbooks::five_mistakes();
    std::fs::write(d("mistakes.xlsx"), workbooks::xlsx(&book)).unwrap();
    let o = decarb(&["import", &d("mistakes.xlsx"), "-o", &d("m.ron")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("5 problems; nothing written"), "{err}");
    for (sheet, row, col) in expected {
        assert!(
            err.contains(&format!("{sheet}, row {row}, column {col} ")),
            "{sheet} {row} {col}: {err}"
        );
    }
    assert!(!dir.path().join("m.ron").exists());
    // not a workbook
    let o = decarb(&["import", "scenarios/nlm-2013.ron", "-o", &d("x.ron")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("give an .xlsx workbook or a folder of CSV files"),
        "{}",
        stderr(&o)
    );
}
